"""The official report as .docx: "Báo cáo tình hình thực hiện nhiệm vụ" for signing.

What the leadership reads each month, quarter or year (or between two dates): the four
official categories per lead unit as of the end of the window (today while it runs), the
overdue share with its change versus the previous window and the same window a year
earlier — each counted as of its own end, a task's state then being judged by the one
status rule from its due and completion dates — the overdue tasks with the reason (the
latest progress note written by then), and the extensions granted in the window
(`app.db.reads.reports.extensions_granted`). The document is the office's template
(Party or state form) filled by the urging letters' mechanism.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from app.core.status import Category
from app.core.text import sort_key
from app.db.files.location import default_data_dir
from app.db.reads.departments import require_department
from app.db.reads.filters import TaskFilter
from app.db.reads.reports import (
    ExtensionGranted,
    ReportItem,
    department_names,
    extensions_granted,
    latest_notes,
    report_items,
)
from app.db.reads.settings import setting
from app.db.store import Database
from app.errors import ValidationError
from app.exports.admin_text import dmy
from app.exports.office import Org
from app.exports.outfiles import save_atomically
from app.exports.reports.printed import _org, collect_overdue
from app.exports.reports.report_template import REPORT_TEMPLATES, bundled_report_template
from app.exports.reports.summary import (
    CATEGORY_LABELS,
    NO_LEAD,
    Counts,
    PeriodKind,
    ReportPeriod,
    categorize,
    vn_int,
    vn_percent,
)
from app.exports.urging.docx_fill import TableRows, fill, placeholders_in
from app.exports.urging.letter_docx import open_template
from app.exports.urging.letters import _abbr, header_values
from app.exports.weekly.data import DEFAULT_RECIPIENTS, WeekEntry

TEMPLATE_SETTING = "report_template"
NO_REASON = "Đơn vị chưa báo cáo lý do."
# The fields a report template may use, besides the letterhead ones of the letters.
REPORT_FIELDS: dict[str, str] = {
    "tieu_de": "tên báo cáo: Tình hình thực hiện nhiệm vụ tháng …",
    "ky_bao_cao": "kỳ báo cáo: tháng 11/2026, quý IV/2026, từ … đến …",
    "ngay_so_lieu": "ngày tính số liệu (dd/mm/yyyy)",
    "mo_dau": "đoạn mở đầu",
    "doan_tong_so": "tổng số nhiệm vụ và bốn nhóm",
    "doan_trong_ky": "số nhiệm vụ đến hạn, hoàn thành trong kỳ",
    "doan_ky_truoc": "tỷ lệ quá hạn so với kỳ trước",
    "doan_cung_ky": "tỷ lệ quá hạn so với cùng kỳ năm trước",
    "doan_qua_han": "câu dẫn danh sách nhiệm vụ quá hạn",
    "doan_gia_han": "câu dẫn danh sách nhiệm vụ được gia hạn",
    "ket_luan": "câu kết",
    "noi_nhan": "nơi nhận, mỗi dòng một nơi",
    "dv_ten": "bảng đơn vị: tên (các trường dv_*, tong_*)",
    "qh_noi_dung": "bảng quá hạn: nội dung (qh_stt, qh_thoi_han, qh_so_ngay, qh_ly_do, qh_nhom)",
    "gh_noi_dung": "bảng gia hạn: nội dung (gh_stt, gh_han_cu, gh_han_moi, gh_ly_do)",
}
_CAT_FIELDS = {
    Category.DONE_ON_TIME: "dung_han",
    Category.DONE_LATE: "tre_han",
    Category.OPEN_IN_TIME: "trong_han",
    Category.OPEN_OVERDUE: "qua_han",
}


# --------------------------------------------------------------------------- window


@dataclass(frozen=True, slots=True)
class Window:
    """The report's dates and the two it is compared with."""

    start: date
    end: date
    label: str  # "tháng 11/2026", "từ ngày 01/10/2026 đến ngày 15/11/2026"
    previous: tuple[date, date]
    previous_word: str  # "tháng trước", "kỳ trước"
    year_ago: tuple[date, date]

    @classmethod
    def of_period(cls, kind: PeriodKind | str, day: date) -> Window:
        p = ReportPeriod.containing(kind, day)
        prev = p.previous()
        ago = ReportPeriod.containing(kind, _year_back(p.start))
        return cls(
            p.start, p.end, p.label, (prev.start, prev.end), p.previous_word, (ago.start, ago.end)
        )

    @classmethod
    def between(cls, start: date, end: date) -> Window:
        if end < start:
            raise ValidationError(
                f"Khoảng báo cáo không hợp lệ: ngày kết thúc {dmy(end)} trước ngày bắt đầu "
                f"{dmy(start)}."
            )
        length = end - start
        prev_end = start - timedelta(days=1)
        label = f"từ ngày {dmy(start)} đến ngày {dmy(end)}"
        return cls(
            start,
            end,
            label,
            (prev_end - length, prev_end),
            "kỳ trước",
            (_year_back(start), _year_back(end)),
        )

    def as_of(self, today: date) -> date:
        return min(self.end, today)

    def year_ago_as_of(self, today: date) -> date:
        """The same point a year earlier (the window's end, or today's date a year back)."""
        return _year_back(self.as_of(today))


def _year_back(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29/02
        return d.replace(year=d.year - 1, day=28)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class OverdueLine:
    text: str
    lead: str
    due: date
    days: int
    missed: int
    reason: str


@dataclass(slots=True)
class OfficialReport:
    window: Window
    as_of: date
    day: date  # the report's date (its date line)
    org: Org
    recipients: tuple[str, ...]
    department: str | None
    rows: list[tuple[str, Counts]] = field(default_factory=list)
    total: Counts = field(default_factory=Counts)
    previous: Counts = field(default_factory=Counts)
    previous_as_of: date | None = None
    year_ago: Counts = field(default_factory=Counts)
    year_ago_as_of: date | None = None
    overdue: list[OverdueLine] = field(default_factory=list)
    extensions: list[ExtensionGranted] = field(default_factory=list)

    @staticmethod
    def _change(now: Counts, then: Counts) -> Decimal | None:
        return None if then.total == 0 else now.overdue_share - then.overdue_share

    @property
    def change_previous(self) -> Decimal | None:
        return self._change(self.total, self.previous)

    @property
    def change_year_ago(self) -> Decimal | None:
        return self._change(self.total, self.year_ago)

    def to_json(self) -> dict[str, Any]:
        def num(v: Decimal | None) -> float | None:
            return None if v is None else float(v)

        return {
            "start": self.window.start.isoformat(),
            "end": self.window.end.isoformat(),
            "label": self.window.label,
            "as_of": self.as_of.isoformat(),
            "total": self.total.to_json(),
            "previous": {**self.previous.to_json(), "as_of": _iso(self.previous_as_of)},
            "year_ago": {**self.year_ago.to_json(), "as_of": _iso(self.year_ago_as_of)},
            "overdue_change_previous": num(self.change_previous),
            "overdue_change_year_ago": num(self.change_year_ago),
            "departments": [{"name": n, **c.to_json()} for n, c in self.rows],
            "overdue": [
                {
                    "text": o.text,
                    "lead": o.lead,
                    "due": o.due.isoformat(),
                    "days": o.days,
                    "reason": o.reason,
                }
                for o in self.overdue
            ],
            "extensions": len(self.extensions),
            "paragraphs": paragraphs(self),
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _counts_as_of(items: list[ReportItem], as_of: date) -> Counts:
    """The four categories as they stood on `as_of`, from assignment, due and completion
    dates (a completion recorded later did not exist yet)."""
    total = Counts()
    for it in items:
        cat = categorize(it.assigned, it.due, it.completed_on, as_of)
        if cat is not None:
            total.add(cat)
    return total


def collect_report(
    db: Database,
    window: Window,
    *,
    today: date | None = None,
    department: str | None = None,
) -> OfficialReport:
    """Everything the official report says, read from the database."""
    today = today or date.today()
    org, recipients = _org(db)
    scope = None
    dept_name = None
    if department:
        dept = require_department(db, department)
        scope = TaskFilter(department_id=dept.id, today=today)
        dept_name = dept.name
    as_of = window.as_of(today)
    rep = OfficialReport(window, as_of, today, org, recipients, dept_name)
    per_unit: dict[int | None, Counts] = {}
    # Every single deadline counts (a task due next year is "in time"), and the
    # occurrences due up to the window's end: the printed summary's items, so the
    # current and previous figures agree with it.
    items = report_items(db, window.end, scope)
    for it in items:
        cat = categorize(it.assigned, it.due, it.completed_on, as_of)
        if cat is None:
            continue
        rep.total.add(cat)
        counts = per_unit.setdefault(it.lead_id, Counts())
        counts.add(cat)
        if window.start <= it.due <= window.end:
            counts.due_in_period += 1
            rep.total.due_in_period += 1
        if it.completed_on is not None and window.start <= it.completed_on <= as_of:
            counts.done_in_period += 1
            rep.total.done_in_period += 1
    names = department_names(db)
    rows = [
        (names.get(d, NO_LEAD) if d is not None else NO_LEAD, c, d) for d, c in per_unit.items()
    ]
    rows.sort(key=lambda r: (r[2] is None, sort_key(r[0])))
    rep.rows = [(n, c) for n, c, _ in rows]
    rep.previous_as_of = window.previous[1]
    rep.previous = _counts_as_of(items, rep.previous_as_of)
    # The same window a year earlier, as its own report would have counted it then.
    rep.year_ago_as_of = window.year_ago_as_of(today)
    rep.year_ago = _counts_as_of(report_items(db, window.year_ago[1], scope), rep.year_ago_as_of)
    late = collect_overdue(db, as_of, department)
    # The reason is what the unit last reported, whenever (a report on a past month
    # written today gives the reason known today).
    reasons = latest_notes(db, [e.row.id for e in late.entries])
    rep.overdue = [_overdue_line(e, as_of, reasons.get(e.row.id, "")) for e in late.entries]
    rep.extensions = extensions_granted(db, window.start, as_of, scope)
    return rep


def _overdue_line(e: WeekEntry, as_of: date, reason: str) -> OverdueLine:
    return OverdueLine(
        e.row.text,
        e.row.lead or NO_LEAD,
        e.due,
        (as_of - e.due).days,
        e.missed,
        reason or NO_REASON,
    )


# --------------------------------------------------------------------------- wording


def _trend(change: Decimal) -> str:
    if change > 0:
        return f"tăng {vn_percent(change)}"
    if change < 0:
        return f"giảm {vn_percent(-change)}"
    return "không thay đổi"


def paragraphs(rep: OfficialReport) -> dict[str, str]:
    """The report's prose, by template field."""
    t = rep.total
    as_of = dmy(rep.as_of)
    label = rep.window.label
    if t.total == 0:
        total_text = f"Tính đến ngày {as_of}, chưa có nhiệm vụ nào có thời hạn được giao."
    else:
        parts = [
            f"{CATEGORY_LABELS[c].lower()} {vn_int(t.get(c))} nhiệm vụ ({vn_percent(t.share(c))})"
            for c in Category
        ]
        total_text = (
            f"Tính đến ngày {as_of}, tổng số {vn_int(t.total)} nhiệm vụ có thời hạn, trong đó: "
            + "; ".join(parts)
            + "."
        )
    share = (
        f"Tỷ lệ nhiệm vụ quá hạn chưa hoàn thành là {vn_percent(t.overdue_share)} "
        f"({vn_int(t.open_overdue)}/{vn_int(t.total)} nhiệm vụ)"
    )
    if rep.change_previous is None:
        previous = share + f"; {rep.window.previous_word} chưa có nhiệm vụ để so sánh."
    else:
        previous = (
            share + f", {_trend(rep.change_previous)} so với {rep.window.previous_word} "
            f"({vn_percent(rep.previous.overdue_share)} tính đến ngày {dmy(rep.previous_as_of)})."
        )
    if rep.change_year_ago is None:
        year = "Cùng kỳ năm trước chưa có nhiệm vụ để so sánh."
    else:
        year = (
            f"So với cùng kỳ năm trước ({vn_percent(rep.year_ago.overdue_share)} tính đến ngày "
            f"{dmy(rep.year_ago_as_of)}), tỷ lệ nhiệm vụ quá hạn "
            f"{_trend(rep.change_year_ago)}."
        )
    n_late = len(rep.overdue)
    late = (
        f"Tính đến ngày {as_of}, còn {vn_int(n_late)} nhiệm vụ quá hạn chưa hoàn thành, "
        "cụ thể như sau:"
        if n_late
        else f"Tính đến ngày {as_of}, không có nhiệm vụ quá hạn chưa hoàn thành."
    )
    n_ext = len(rep.extensions)
    ext = (
        f"Trong kỳ có {vn_int(n_ext)} nhiệm vụ được gia hạn thời gian thực hiện:"
        if n_ext
        else "Trong kỳ không có nhiệm vụ được gia hạn thời gian thực hiện."
    )
    unit = f" của {rep.department}" if rep.department else ""
    issuer = rep.org.issuer_in_text
    return {
        "tieu_de": f"Tình hình thực hiện nhiệm vụ {label}{unit}",
        "ky_bao_cao": label,
        "ngay_so_lieu": as_of,
        "mo_dau": (
            f"Thực hiện chức năng theo dõi, đôn đốc việc thực hiện nhiệm vụ, {issuer} báo cáo "
            f"tình hình thực hiện nhiệm vụ {label}{unit} (số liệu tính đến ngày {as_of}) "
            "như sau:"
        ),
        "doan_tong_so": total_text,
        "doan_trong_ky": (
            f"Trong kỳ có {vn_int(t.due_in_period)} nhiệm vụ đến hạn; "
            f"{vn_int(t.done_in_period)} nhiệm vụ được hoàn thành."
        ),
        "doan_ky_truoc": previous,
        "doan_cung_ky": year,
        "tieu_de_bang_don_vi": f"Kết quả thực hiện nhiệm vụ theo đơn vị chủ trì (tính đến ngày "
        f"{as_of}):",
        "doan_qua_han": late,
        "doan_gia_han": ext,
        "ket_luan": f"Trên đây là báo cáo tình hình thực hiện nhiệm vụ {label}{unit} của "
        f"{issuer}./.",
    }


# --------------------------------------------------------------------------- document


def _unit_items(rep: OfficialReport) -> list[tuple[str, dict[str, str]]]:
    return [
        ("item", {"dv_stt": str(i), "dv_ten": name, **_figures("dv", c)})
        for i, (name, c) in enumerate(rep.rows, 1)
    ]


def _figures(prefix: str, c: Counts) -> dict[str, str]:
    out = {f"{prefix}_{_CAT_FIELDS[cat]}": vn_int(c.get(cat)) for cat in Category}
    if prefix == "dv":
        out["dv_tong"] = vn_int(c.total)
        out["dv_ty_le"] = vn_percent(c.overdue_share)
    else:
        out["tong"] = vn_int(c.total)
        out["tong_ty_le"] = vn_percent(c.overdue_share)
    return out


def _overdue_items(rep: OfficialReport) -> list[tuple[str, dict[str, str]]]:
    items: list[tuple[str, dict[str, str]]] = []
    by_lead: dict[str, list[OverdueLine]] = {}
    for o in rep.overdue:
        by_lead.setdefault(o.lead, []).append(o)
    n = 0
    for lead, lines in _ordered(by_lead):
        items.append(("group", {"qh_nhom": f"{lead} ({len(lines)})"}))
        for o in lines:
            n += 1
            due = dmy(o.due) + (f"\n({o.missed} kỳ chưa thực hiện)" if o.missed > 1 else "")
            items.append(
                (
                    "item",
                    {
                        "qh_stt": str(n),
                        "qh_noi_dung": o.text,
                        "qh_thoi_han": due,
                        "qh_so_ngay": vn_int(o.days),
                        "qh_ly_do": o.reason,
                    },
                )
            )
    return items


def _ordered(groups: dict[str, list[OverdueLine]]) -> list[tuple[str, list[OverdueLine]]]:
    return sorted(groups.items(), key=lambda kv: (kv[0] == NO_LEAD, sort_key(kv[0])))


def _extension_items(rep: OfficialReport) -> list[tuple[str, dict[str, str]]]:
    out = []
    for i, x in enumerate(rep.extensions, 1):
        basis = "; ".join(p for p in (x.document, x.reason) if p)
        out.append(
            (
                "item",
                {
                    "gh_stt": str(i),
                    "gh_noi_dung": x.text + (f" ({x.lead})" if x.lead else ""),
                    "gh_han_cu": dmy(x.old_due),
                    "gh_han_moi": dmy(x.new_due),
                    "gh_ly_do": basis,
                },
            )
        )
    return out


def report_values(rep: OfficialReport) -> dict[str, str]:
    values = header_values(rep.org, rep.day)
    abbr = rep.org.abbr or _abbr(rep.org.issuer)
    gap = "\u2002" * 5
    values["so_ky_hieu"] = f"Số{gap}-BC/{abbr}" if rep.org.party else f"Số:{gap}/BC-{abbr}"
    values["trich_yeu"] = ""
    values.update(paragraphs(rep))
    values.update(_figures("tong", rep.total))
    values["noi_nhan"] = "\n".join(f"- {r}" for r in rep.recipients or DEFAULT_RECIPIENTS)
    return values


def template_for(db: Database, org: Org, template: Path | None = None) -> Path:
    """The given template, the office's own (setting or data folder), else the bundled one."""
    if template is not None:
        return Path(template)
    custom = setting(db, TEMPLATE_SETTING, "")
    if isinstance(custom, str) and custom.strip():
        return Path(custom.strip())
    variant = "party" if org.party else "state"
    own = default_data_dir() / "templates" / REPORT_TEMPLATES[variant]
    return own if own.exists() else bundled_report_template(variant)


def _load(path: Path) -> DocxDocument:
    return open_template(path, "Mẫu báo cáo", ("dv_ten",), "(một dòng bảng đơn vị)")


def _list_tables(body: Any) -> list[Any]:
    """The tables of the two lists (overdue, extensions), found by their item rows."""
    return [
        tbl
        for tbl in body.iter(qn("w:tbl"))
        if placeholders_in([tbl]) & {"qh_noi_dung", "gh_noi_dung"}
    ]


def _drop_if_empty(tables: list[Any]) -> None:
    """A list with nothing in it (no overdue task, no extension) keeps only its header
    row: the sentence above already says so, so the table goes."""
    for tbl in tables:
        parent = tbl.getparent()
        if parent is not None and len(tbl.findall(qn("w:tr"))) <= 1:
            parent.remove(tbl)


def write_report_docx(rep: OfficialReport, template: Path, out: Path) -> Path:
    doc = _load(template)
    values = report_values(rep)
    body = doc.element.body
    parts = [el for el in body if el.tag != qn("w:sectPr")]
    lists = _list_tables(body)
    fill(
        parts,
        values,
        [
            TableRows("dv_ten", _unit_items(rep)),
            TableRows("qh_noi_dung", _overdue_items(rep), group_marker="qh_nhom"),
            TableRows("gh_noi_dung", _extension_items(rep)),
        ],
    )
    _drop_if_empty(lists)
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.footer):
            if not part.is_linked_to_previous:
                fill([part._element], values)
    doc.core_properties.title = f"Báo cáo {values['tieu_de'][:1].lower()}{values['tieu_de'][1:]}"
    return save_atomically(out, lambda tmp: doc.save(str(tmp)))


def write_official_report(
    db: Database,
    out: Path,
    window: Window,
    *,
    today: date | None = None,
    department: str | None = None,
    template: Path | None = None,
) -> OfficialReport:
    """Read, then write the .docx; returns what was written (for a summary line)."""
    rep = collect_report(db, window, today=today, department=department)
    write_report_docx(rep, template_for(db, rep.org, template), out)
    return rep

"""What the weekly list shows (no Qt): the week's tasks in three sections, by department.

The week runs Monday to Sunday and contains the chosen day D. Section I lists everything
due before D and still not done on D — also what fell due earlier in the same week — so
its count is every overdue task; section II the rest of the week's due dates (from D on,
and those of the days before D that were done); section III what falls due the week
after (docs/weekly-list.md). A month/quarter/year deadline counts in the
week its period ends (its due date); a repeating task counts through its occurrence
due in the window. Status is taken as of D: a completion recorded after D was not there
yet, so reprinting an old week shows the list as it stood then.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.core.text import sort_key
from app.core.workdays import week_bounds
from app.db.reads.departments import require_department
from app.db.reads.filters import TaskFilter
from app.db.reads.reports import DueItem, due_between, open_before
from app.db.reads.requests import RequestInfo, pending_requests, units_not_reported
from app.db.reads.settings import setting
from app.db.reads.tasks import TaskRow, task_rows
from app.db.store import Database
from app.exports.admin_text import NBSP, doc_kind, shorten
from app.exports.office import Org
from app.exports.reports.summary import NO_LEAD, vn_int
from app.exports.weekly.layout import (
    Cell,
    Column,
    DataRow,
    GroupRow,
    NoteRow,
    PrintDoc,
    Row,
    SectionRow,
)

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
DEFAULT_RECIPIENTS = ("Lãnh đạo Văn phòng;", "Các đơn vị liên quan;", "Lưu VP.")

# Document types by the abbreviation inside a number such as "127-KH/ĐUK".
_DOC_TYPES = {
    "KH": "Kế hoạch",
    "CTR": "Chương trình",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "CT": "Chỉ thị",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CV": "Công văn",
    "BC": "Báo cáo",
    "ĐA": "Đề án",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
}


# The type in "127-KH/TU" (Party) or "1187/KH-UBND", "30/2020/NĐ-CP" (state).
_NUMBER_TYPE = re.compile(r"\d+[-/](?:\d{4}/)?([^\W\d_]+)")

DEFAULT_OVERDUE_LIMIT = 100


@dataclass(frozen=True, slots=True)
class WeeklyOptions:
    """`overdue_limit`: how many overdue tasks the weekly list prints (the most recently
    due); the rest are counted and left to the overdue list. None prints them all.
    `unreported`: add the section "ĐƠN VỊ CHƯA BÁO CÁO" (units late in answering an
    urging letter or a progress request) when there are any."""

    day: date
    department: str | None = None
    landscape: bool = False
    overdue_limit: int | None = DEFAULT_OVERDUE_LIMIT
    unreported: bool = True


def week_label(start: date, end: date) -> str:
    """ "06/03–12/03/2023"; the year is written twice only when the week straddles two."""
    if start.year != end.year:
        return f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"
    return f"{start:%d/%m}–{end:%d/%m/%Y}"


@dataclass(frozen=True, slots=True)
class WeekEntry:
    row: TaskRow
    due: date
    completed_on: date | None  # as of the list's day
    missed: int = 1  # open occurrences behind this entry (overdue section)


@dataclass(slots=True)
class WeekSection:
    key: str  # overdue | this_week | next_week
    title: str
    groups: list[tuple[str, list[WeekEntry]]] = field(default_factory=list)
    hidden: int = 0  # tasks counted but not printed (over the overdue limit)
    hidden_before: date | None = None  # they are all due before this day

    @property
    def shown(self) -> int:
        return sum(len(entries) for _, entries in self.groups)

    @property
    def count(self) -> int:
        return self.shown + self.hidden

    @property
    def entries(self) -> list[WeekEntry]:
        return [e for _, entries in self.groups for e in entries]


@dataclass(slots=True)
class WeekData:
    day: date
    start: date
    end: date
    org: Org
    department: str | None
    recipients: tuple[str, ...]
    sections: list[WeekSection]
    # Units late in answering, with their late requests (longest overdue unit first).
    unreported: list[tuple[str, list[RequestInfo]]] = field(default_factory=list)

    def section(self, key: str) -> WeekSection:
        return next(s for s in self.sections if s.key == key)


def collect_week(db: Database, options: WeeklyOptions) -> WeekData:
    """Read the week's tasks: only the window's rows, never the whole table."""
    day = options.day
    start, end = week_bounds(day)
    next_start, next_end = start + timedelta(days=7), end + timedelta(days=7)
    org_value = setting(db, "org")
    org = Org.from_setting(org_value)
    scope = None
    dept_name = None
    if options.department:
        dept = require_department(db, options.department)
        scope = TaskFilter(department_id=dept.id, today=day)
        dept_name = dept.name
    late = open_before(db, day, day, scope)
    overdue = merge_overdue(late)
    hidden = 0
    if options.overdue_limit is not None and len(overdue) > options.overdue_limit:
        # keep the most recently due: the ones still being worked on
        keep = sorted(overdue, key=lambda i: (i.due, i.task_id))[-options.overdue_limit :]
        hidden = len(overdue) - len(keep)
        overdue = keep
    overdue_now = {(i.task_id, i.due) for i in late}
    this_week = [
        i for i in due_between(db, start, end, scope) if (i.task_id, i.due) not in overdue_now
    ]
    next_week = due_between(db, next_start, next_end, scope)
    ids = list(dict.fromkeys(i.task_id for i in [*overdue, *this_week, *next_week]))
    rows = {r.id: r for r in task_rows(db, ids, day)}
    unreported = (
        late_requests(db, day, scope.department_id if scope else None) if options.unreported else []
    )
    missed = count_by_task(late)
    sections = [
        WeekSection("overdue", "NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH"),
        WeekSection("this_week", f"NHIỆM VỤ ĐẾN HẠN TRONG TUẦN ({week_label(start, end)})"),
        WeekSection("next_week", f"NHIỆM VỤ ĐẾN HẠN TUẦN SAU ({week_label(next_start, next_end)})"),
    ]
    for section, items in zip(sections, [overdue, this_week, next_week]):
        entries = [
            WeekEntry(
                rows[it.task_id],
                it.due,
                it.completed_on if it.completed_on and it.completed_on <= day else None,
                missed.get(it.task_id, 1) if section.key == "overdue" else 1,
            )
            for it in items
            if it.task_id in rows
        ]
        section.groups = group_by_lead(entries)
    if hidden:
        sections[0].hidden = hidden
        sections[0].hidden_before = min((i.due for i in overdue), default=None)
    recipients: tuple[str, ...] = DEFAULT_RECIPIENTS
    if isinstance(org_value, dict) and isinstance(org_value.get("recipients"), list):
        recipients = tuple(str(r) for r in org_value["recipients"] if str(r).strip())
    return WeekData(day, start, end, org, dept_name, recipients, sections, unreported)


def late_requests(
    db: Database, day: date, department_id: int | None = None
) -> list[tuple[str, list[RequestInfo]]]:
    """Requests past their reply deadline, by unit, in the order of `units_not_reported`."""
    by_unit: dict[tuple[int | None, str], list[RequestInfo]] = {}
    for r in pending_requests(db, day, department_id=department_id, late_only=True):
        key = (r.department_id, r.department_name if r.department_id is None else "")
        by_unit.setdefault(key, []).append(r)
    out = []
    for unit in units_not_reported(db, day):
        key = (unit.department_id, unit.department_name if unit.department_id is None else "")
        if key in by_unit:
            out.append((unit.department_name, sorted(by_unit[key], key=lambda r: r.sent_on)))
    return out


def merge_overdue(items: list[DueItem]) -> list[DueItem]:
    """One entry per task: its earliest open due date (a missed monthly report is one line)."""
    first: dict[int, DueItem] = {}
    for it in items:
        if it.task_id not in first or it.due < first[it.task_id].due:
            first[it.task_id] = it
    return sorted(first.values(), key=lambda i: (i.due, i.task_id))


def count_by_task(items: Iterable[DueItem]) -> dict[int, int]:
    out: dict[int, int] = {}
    for it in items:
        out[it.task_id] = out.get(it.task_id, 0) + 1
    return out


def group_by_lead(entries: list[WeekEntry]) -> list[tuple[str, list[WeekEntry]]]:
    """Groups by lead unit in Vietnamese order, tasks without one last."""
    groups: dict[str, list[WeekEntry]] = {}
    for e in entries:
        groups.setdefault(e.row.lead or NO_LEAD, []).append(e)
    for items in groups.values():
        items.sort(key=lambda e: (e.due, e.row.plan_id or 0, e.row.position, e.row.id))
    return sorted(groups.items(), key=lambda kv: (kv[0] == NO_LEAD, sort_key(kv[0])))


# --------------------------------------------------------------------------- cells


def plan_reference(number: str, title: str, limit: int | None = 48) -> str:
    """ "Kế hoạch số 127-KH/ĐUK", "Kế hoạch số 1187/KH-UBND": the kind from the title,
    else from the number's type abbreviation; an unnumbered plan by its title (cut to
    `limit` characters at a word), its kind written in sentence case."""
    number = " ".join((number or "").split())
    kind, about = doc_kind(title or "")
    if number:
        m = _NUMBER_TYPE.match(number)
        kind = kind or _DOC_TYPES.get(m[1].upper() if m else "", "Văn bản")
        return f"{kind} số {number}"
    text = f"{kind} {about}".strip() if kind else " ".join((title or "").split())
    return shorten(text, limit) if limit is not None else text


def shared_plan(rows: Iterable[TaskRow]) -> str:
    """The plan of every listed task, named once above the table instead of under each
    task; "" when the tasks come from several plans (or none)."""
    plans = {(r.plan_id, r.plan_number, r.plan_title) for r in rows}
    if len(plans) != 1:
        return ""
    plan_id, number, title = plans.pop()
    return plan_reference(number, title, None) if plan_id is not None else ""


def plan_sentence(rows: Iterable[TaskRow]) -> tuple[str, ...]:
    """The intro's sentence naming the one plan of all the tasks (none with several)."""
    shared = shared_plan(rows)
    return (f"Các nhiệm vụ trong danh sách thuộc {shared}.",) if shared else ()


def status_text(due: date, completed_on: date | None, day: date) -> Cell:
    """The "Tình trạng" cell as of `day` (short phrases kept on one line)."""
    if completed_on is not None:
        label = "Đã hoàn thành" if completed_on <= due else "Hoàn thành quá hạn"
        return Cell(label, sub=f"{completed_on:%d/%m/%Y}")
    days = (due - day).days
    if days < 0:
        return Cell(f"Quá{NBSP}hạn", sub=f"{-days}{NBSP}ngày", bold=True)
    if days == 0:
        return Cell(f"Đến{NBSP}hạn hôm{NBSP}nay", bold=True)
    return Cell("Trong hạn", sub=f"còn {days}{NBSP}ngày")


def deadline_cell(row: TaskRow, due: date) -> Cell:
    raw = " ".join((row.deadline_raw or "").split())
    date_text = f"{due:%d/%m/%Y}"
    if not raw or _names_date(raw, due):
        return Cell(date_text)
    return Cell(date_text, sub=shorten(raw, 50))


def _names_date(raw: str, d: date) -> bool:
    """Whether the phrase is just the date written out ("trước ngày 30/6/2023")."""
    forms = {f"{d.day}/{d.month}/{d.year}", f"{d:%d/%m/%Y}", f"{d.day:02d}/{d.month}/{d.year}"}
    forms |= {f"{d.day}/{d.month:02d}/{d.year}"}
    compact = raw.replace(" ", "").replace(".", "/").replace("-", "/")
    return any(f in compact for f in forms)


def note_text(entry: WeekEntry) -> str:
    parts: list[str] = []
    if entry.missed > 1:
        parts.append(f"{entry.missed} kỳ chưa hoàn thành")
    if entry.row.product:
        parts.append(f"Sản phẩm: {entry.row.product}")
    note = " ".join((entry.row.note or "").split())
    if note:
        parts.append(note if len(note) <= 160 else note[:159] + "…")
    return "\n".join(parts)


def coordinators_text(names: tuple[str, ...]) -> str:
    """One unit per line; with several, each starts with a dash so wrapped names stay clear."""
    if len(names) < 2:
        return "".join(names)
    return "\n".join(f"- {n}" for n in names)


def task_columns(landscape: bool) -> tuple[Column, ...]:
    """The task table's columns: each side column is as wide as its content up to the
    share given here; "Nội dung nhiệm vụ" takes the rest, and at least its share."""
    widths = (5, 44, 14, 14, 11, 10, 10) if landscape else (7, 42, 14, 14, 13, 12, 11)
    titles = (
        "STT",
        "Nội dung nhiệm vụ",
        "Chủ trì",
        "Phối hợp",
        "Thời hạn",
        "Tình trạng",
        "Ghi chú",
    )
    aligns = ("center", "left", "left", "left", "center", "center", "left")
    return tuple(
        Column(t, w, a, grow=i == 1) for i, (t, w, a) in enumerate(zip(titles, widths, aligns))
    )


def task_row_cells(n: int, entry: WeekEntry, day: date, plan_line: bool = True) -> DataRow:
    """A task's row; `plan_line`: its plan under the text (not when the intro names it)."""
    r = entry.row
    plan = plan_reference(r.plan_number, r.plan_title) if plan_line else ""
    return DataRow(
        (
            str(n),
            Cell(r.text, sub=plan),
            r.lead or "",
            coordinators_text(r.coordinators),
            deadline_cell(r, entry.due),
            status_text(entry.due, entry.completed_on, day),
            note_text(entry),
        ),
        task_id=r.id,
    )


def section_rows(sections: list[WeekSection], day: date, plan_line: bool = True) -> list[Row]:
    rows: list[Row] = []
    for i, section in enumerate(sections):
        title = f"{ROMAN[i]}. {section.title}: {vn_int(section.count)} nhiệm vụ"
        if section.hidden:
            title += f" (in {vn_int(section.shown)} nhiệm vụ quá hạn gần nhất)"
        rows.append(SectionRow(title))
        if not section.groups:
            rows.append(NoteRow("Không có nhiệm vụ."))
            continue
        n = 0
        for name, entries in section.groups:
            rows.append(GroupRow(f"{name} ({len(entries)})"))
            for entry in entries:
                n += 1
                rows.append(task_row_cells(n, entry, day, plan_line))
        if section.hidden and section.hidden_before:
            rows.append(
                NoteRow(
                    f"Còn {vn_int(section.hidden)} nhiệm vụ quá hạn từ trước ngày "
                    f"{section.hidden_before:%d/%m/%Y} không in ở đây; "
                    "xem Danh sách nhiệm vụ quá hạn."
                )
            )
    return rows


UNREPORTED_TITLE = "ĐƠN VỊ CHƯA BÁO CÁO"
_ASKED = {"letter": "công văn đôn đốc", "workbook": "đề nghị báo cáo tiến độ"}


def unreported_rows(
    units: list[tuple[str, list[RequestInfo]]], number: int, day: date
) -> list[Row]:
    """The "đơn vị chưa báo cáo" section, laid in the task columns: what was asked in
    the content column, the unit as lead, the reply deadline and how late it is."""
    if not units:
        return []
    rows: list[Row] = [
        SectionRow(f"{ROMAN[number]}. {UNREPORTED_TITLE}: {vn_int(len(units))} đơn vị")
    ]
    n = 0
    for name, requests in units:
        rows.append(GroupRow(f"{name} ({len(requests)})"))
        for r in requests:
            n += 1
            asked = f"Báo cáo kết quả thực hiện {vn_int(r.tasks)} nhiệm vụ theo {_ASKED.get(r.kind, 'văn bản')}"
            rows.append(
                DataRow(
                    (
                        str(n),
                        Cell(asked, sub=f"Gửi ngày {r.sent_on:%d/%m/%Y}"),
                        name,
                        "",
                        Cell(f"{r.reply_due:%d/%m/%Y}" if r.reply_due else "", sub="hạn báo cáo"),
                        Cell("Chưa báo cáo", sub=f"trễ {r.days_late} ngày", bold=True),
                        "",  # a file name would break mid-word in this narrow column
                    )
                )
            )
    return rows


def weekly_document(data: WeekData, landscape: bool = False) -> PrintDoc:
    overdue, this_week, next_week = (data.section(k) for k in ("overdue", "this_week", "next_week"))
    done = sum(1 for e in this_week.entries if e.completed_on is not None)
    intro = (
        f"Tính đến ngày {data.day:%d/%m/%Y}: {vn_int(overdue.count)} nhiệm vụ quá hạn chưa "
        f"hoàn thành; {vn_int(this_week.count)} nhiệm vụ đến hạn trong tuần (đã hoàn thành "
        f"{vn_int(done)}); {vn_int(next_week.count)} nhiệm vụ đến hạn tuần sau."
    )
    if data.unreported:
        intro = intro[:-1] + f"; {vn_int(len(data.unreported))} đơn vị chưa báo cáo."
    one_plan = plan_sentence(e.row for s in data.sections for e in s.entries)
    subtitle = [f"Tuần {week_label(data.start, data.end)}"]
    if data.department:
        subtitle.append(f"Đơn vị: {data.department}")
    return PrintDoc(
        org=data.org,
        title="Danh sách nhiệm vụ trong tuần",
        day=data.day,
        columns=task_columns(landscape),
        rows=tuple(
            section_rows(data.sections, data.day, plan_line=not one_plan)
            + unreported_rows(data.unreported, len(data.sections), data.day)
        ),
        subtitle=tuple(subtitle),
        intro=(intro, *one_plan),
        recipients=data.recipients,
        landscape=landscape,
        meta={"title": f"Danh sách nhiệm vụ tuần {week_label(data.start, data.end)}"},
    )

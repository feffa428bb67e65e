"""Urging letters ("công văn đôn đốc"): one official letter per unit, from a .docx template.

Each letter names the plan(s), lists the unit's overdue and soon-due tasks in a table,
gives a reply deadline and is recorded (app.db.ops.record_request) so the
department view can show who has not answered. The template is an ordinary .docx with
{{placeholders}} (LETTER_FIELDS) that an office can replace with its own letterhead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.core.roles import Role
from app.core.status import Status
from app.core.workdays import WorkCalendar
from app.db import ops
from app.db.files.location import default_data_dir
from app.db.reads.departments import DeptInfo, descendants, require_department
from app.db.reads.departments import department as department_by_id
from app.db.reads.filters import SortKey, TaskFilter
from app.db.reads.plans import plans as all_plans
from app.db.reads.settings import setting, soon_days, work_calendar
from app.db.reads.tasks import rows_for
from app.db.store import Database
from app.errors import ImportCancelled, NotFoundError, ValidationError
from app.exports.admin_text import (
    NBSP,
    ascii_slug,
    count_phrase,
    deadline_cell,
    dmy,
    plan_reference,
    plan_short,
    status_phrase,
)
from app.exports.office import Org
from app.exports.urging.docx_fill import NB_HYPHEN
from app.exports.urging.letter_docx import LetterDoc, load_template, render
from app.exports.urging.letter_template import TEMPLATES, bundled_template
from app.importers.base import ImportLimits
from app.importers.safety.copy import checked_copy

_NUMBERED = re.compile(r"\S*\d\S*/\S*")  # a token with a digit and a slash: a number
_BEFORE_NUMBER = re.compile(r"(?<=\bsố) (?=\d)")
_ONE_LINE = 32  # characters of a reference kept on one line of the subject block
REPLY_WORKDAYS = 5  # "trong 05 ngày làm việc": about a week, holidays skipped
TEMPLATE_SETTING = "letter_template"

# Placeholders a template may use (an office's own template needs at least
# {{don_vi}} and a table row with {{noi_dung}}).
LETTER_FIELDS: dict[str, str] = {
    "co_quan_cap_tren": "cơ quan cấp trên (chữ in hoa)",
    "co_quan_ban_hanh": "cơ quan ban hành (chữ in hoa)",
    "co_quan": "cơ quan ban hành, viết thường trong câu",
    "so_ky_hieu": "số, ký hiệu để trống số",
    "quoc_hieu": "quốc hiệu hoặc «ĐẢNG CỘNG SẢN VIỆT NAM»",
    "tieu_ngu": "tiêu ngữ (cơ quan nhà nước)",
    "dia_danh_ngay": "địa danh, ngày tháng năm",
    "trich_yeu": "V/v đôn đốc …",
    "don_vi": "đơn vị nhận",
    "ke_hoach": "tên (các) kế hoạch",
    "ngay": "ngày lập (dd/mm/yyyy)",
    "tinh_hinh": "số nhiệm vụ quá hạn, sắp đến hạn",
    "so_nhiem_vu": "tổng số nhiệm vụ trong bảng",
    "han_bao_cao": "hạn báo cáo (dd/mm/yyyy)",
    "quyen_han": "thẩm quyền ký (T/M, K/T …), có thể trống",
    "chuc_vu": "chức vụ người ký",
    "nguoi_ky": "họ tên người ký",
    "nhom": "dòng nhóm trong bảng: kế hoạch",
    "stt": "dòng nhiệm vụ: số thứ tự",
    "noi_dung": "dòng nhiệm vụ: nội dung",
    "thoi_han": "dòng nhiệm vụ: thời hạn",
    "tinh_trang": "dòng nhiệm vụ: tình trạng",
}


@dataclass(frozen=True, slots=True)
class LetterOptions:
    departments: Sequence[str] = ()  # names, short names or aliases (command line)
    day: date = field(default_factory=date.today)
    department_ids: Sequence[int] = ()  # the window passes ids
    reply_by: date | None = None  # default: REPLY_WORKDAYS working days later
    one_file: bool = False  # all letters in one .docx (one section each)
    include_coordinating: bool = False  # True: every role, as the tree counts
    soon_days: int | None = None  # default: the "soon_days" setting
    template: Path | None = None
    record: bool = True  # remember the letter so the unit's answer is awaited


@dataclass(frozen=True, slots=True)
class LetterTask:
    id: int
    text: str
    deadline: str
    due: date | None
    status: Status
    status_text: str
    plan_id: int | None
    role: str


@dataclass(frozen=True, slots=True)
class UnitLetter:
    """Everything one letter says, before it is put into the template."""

    department_id: int
    department: str
    tasks: tuple[LetterTask, ...]
    plans: tuple[tuple[int | None, str, str], ...]  # (plan id, reference, short name)
    values: dict[str, str]
    reply_by: date

    @property
    def overdue(self) -> int:
        return sum(t.status == Status.OVERDUE for t in self.tasks)


def default_reply_by(day: date, calendar: WorkCalendar | None = None) -> date:
    """Five working days later (Vietnamese public holidays and the office's days off skipped)."""
    return (calendar or WorkCalendar()).add_workdays(day, REPLY_WORKDAYS)


# --------------------------------------------------------------------------- content


def _org(db: Database) -> Org:
    return Org.from_setting(setting(db, "org"))


def _abbr(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in {"các", "và", "của", "cơ", "quan"}]
    return "".join(w[0].upper() for w in words if w[0].isalpha()) or "…"


def header_values(org: Org, day: date) -> dict[str, str]:
    """The letterhead and signature fields (placeholders for what the office has not given)."""
    abbr = org.abbr or _abbr(org.issuer)
    gap = "\u2002" * 5  # room for the number written by the records clerk
    return {
        "co_quan_cap_tren": org.parent_line,
        "co_quan_ban_hanh": org.issuer_line,
        "co_quan": org.issuer_in_text,
        "so_ky_hieu": f"Số{gap}-CV/{abbr}" if org.party else f"Số:{gap}/CV-{abbr}",
        "quoc_hieu": "ĐẢNG CỘNG SẢN VIỆT NAM"
        if org.party
        else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "tieu_ngu": "" if org.party else "Độc lập - Tự do - Hạnh phúc",
        "dia_danh_ngay": org.date_line(day),
        "ngay": dmy(day),
        "quyen_han": org.authority_line,
        "chuc_vu": org.title_line,
        "nguoi_ky": org.name_line,
    }


def _situation(over: int, soon: int, other: int) -> str:
    parts = []
    if over:
        parts.append(f"{count_phrase(over)} đã quá hạn")
    if soon:
        parts.append(f"{count_phrase(soon)} sắp đến hạn")
    if other:
        parts.append(f"{count_phrase(other)} đang thực hiện")
    if not parts:
        return "không có nhiệm vụ quá hạn"
    return " và ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts) + (
        " chưa hoàn thành"
    )


def _departments(db: Database, options: LetterOptions) -> list[DeptInfo]:
    out: list[DeptInfo] = []
    for name in options.departments:
        out.append(require_department(db, name))
    for dept_id in options.department_ids:
        dept = department_by_id(db, dept_id)
        if dept is None:
            raise NotFoundError(f"Không tìm thấy đơn vị #{dept_id}.")
        out.append(dept)
    unique = list({d.id: d for d in out}.values())
    if not unique:
        raise ValidationError("Hãy chọn ít nhất một đơn vị để gửi công văn đôn đốc.")
    return unique


def unit_letters(db: Database, options: LetterOptions) -> list[UnitLetter]:
    """The content of each letter (units with nothing overdue or due soon have no tasks)."""
    reply_by = options.reply_by or default_reply_by(options.day, work_calendar(db))
    org = _org(db)
    soon = options.soon_days if options.soon_days is not None else soon_days(db)
    base = header_values(org, options.day)
    plan_info = {p.id: p for p in all_plans(db)}
    letters = []
    for dept in _departments(db, options):
        flt = TaskFilter(
            department_id=dept.id,  # the unit and the units below it, as in the tree
            role=None if options.include_coordinating else Role.LEAD,
            statuses=frozenset({Status.OVERDUE, Status.DUE_SOON}),
            today=options.day,
            soon_days=soon,
        )
        rows = rows_for(db, flt, SortKey.DUE)
        branch = descendants(db, dept.id)
        tasks = tuple(
            LetterTask(
                id=r.id,
                text=r.text,
                deadline=deadline_cell(r.deadline_raw, r.due),
                due=r.due,
                status=r.status,
                status_text=status_phrase(r.status, r.due, options.day),
                plan_id=r.plan_id,
                role="lead" if r.lead_id in branch else "coordinating",
            )
            for r in rows
        )
        plans: list[tuple[int | None, str, str]] = []
        for plan_id in dict.fromkeys(t.plan_id for t in tasks):
            plan = plan_info.get(plan_id) if plan_id is not None else None
            if plan is None:
                plans.append((None, "các nhiệm vụ được giao", "Nhiệm vụ khác"))
            else:
                plans.append(
                    (
                        plan.id,
                        plan_reference(plan.title, plan.number, plan.signed_on, plan.issuer),
                        plan_short(plan.title, plan.number, plan.signed_on),
                    )
                )
        letters.append(_letter(dept, tasks, tuple(plans), base, reply_by))
    return letters


def _letter(
    dept: DeptInfo,
    tasks: tuple[LetterTask, ...],
    plans: tuple[tuple[int | None, str, str], ...],
    base: dict[str, str],
    reply_by: date,
) -> UnitLetter:
    over = sum(t.status == Status.OVERDUE for t in tasks)
    soon = sum(t.status == Status.DUE_SOON for t in tasks)
    numbered = [p for p in plans if p[0] is not None]
    if len(numbered) == 1 and len(plans) == 1:
        subject = f"V/v đôn đốc thực hiện nhiệm vụ theo {unbreakable(numbered[0][2])}"
    else:
        subject = "V/v đôn đốc thực hiện các nhiệm vụ được giao"
    refs = [p[1] for p in numbered]
    if not refs:
        plan_text = "các chương trình, kế hoạch công tác"
    else:
        plan_text = unbreakable(" và ".join(["; ".join(refs[:-1]), refs[-1]] if refs[1:] else refs))
    values = {
        **base,
        "trich_yeu": subject,
        "don_vi": dept.name,
        "ke_hoach": plan_text,
        "tinh_hinh": _situation(over, soon, len(tasks) - over - soon),
        "so_nhiem_vu": count_phrase(len(tasks)),
        "han_bao_cao": dmy(reply_by),
    }
    return UnitLetter(dept.id, dept.name, tasks, plans, values, reply_by)


def unbreakable(text: str) -> str:
    """Document numbers ("127-KH/ĐUK", "30/2020/NĐ-CP") never break at their hyphen nor
    after "số"; a short reference ("Kế hoạch số 127-KH/ĐUK") stays on one line, a longer
    text still wraps between words (never inside one)."""
    text = _NUMBERED.sub(lambda m: m[0].replace("-", NB_HYPHEN), text)
    if len(text) <= _ONE_LINE:
        return text.replace(" ", NBSP)
    return _BEFORE_NUMBER.sub(NBSP, text)


def _table_items(letter: UnitLetter) -> list[tuple[str, dict[str, str]]]:
    grouped = len(letter.plans) > 1
    items: list[tuple[str, dict[str, str]]] = []
    n = 0
    for plan_id, _ref, short in letter.plans:
        if grouped:
            items.append(("group", {"nhom": short}))
        for t in letter.tasks:
            if t.plan_id != plan_id:
                continue
            n += 1
            text = t.text if t.role == "lead" else f"{t.text} (phối hợp)"
            items.append(
                (
                    "item",
                    {
                        "stt": str(n),
                        "noi_dung": text,
                        "thoi_han": t.deadline,
                        "tinh_trang": t.status_text,
                    },
                )
            )
    return items


# --------------------------------------------------------------------------- template


def template_path(db: Database, options: LetterOptions) -> Path:
    """The office's own template if it has one, else the bundled Party/state template."""
    if options.template is not None:
        return Path(options.template)
    custom = setting(db, TEMPLATE_SETTING, "")
    party = _org(db).party
    if isinstance(custom, str) and custom.strip():
        return Path(custom.strip())
    variant = "party" if party else "state"
    own = default_data_dir() / "templates" / TEMPLATES[variant]
    return own if own.exists() else bundled_template(variant)


def _render(letters: Sequence[UnitLetter], template: Path, out: Path) -> Path:
    docs = [LetterDoc(x.values, _table_items(x)) for x in letters]
    title = f"Công văn đôn đốc - {letters[0].department}" if len(letters) == 1 else ""
    return render(docs, template, out, title=title or "Công văn đôn đốc")


# --------------------------------------------------------------------------- writing


def output_paths(
    path: Path, letters: Sequence[UnitLetter], one_file: bool, day: date | None = None
) -> list[Path]:
    """One path for a single letter or a combined file; else one file per unit.

    `path` may be a folder (names are made from the units) or a file name (a batch of
    separate letters becomes NAME-<unit>.docx beside it).
    """
    path = Path(path)
    folder_mode = path.is_dir() or not path.suffix
    stamp = f"-{day:%Y%m%d}" if day else ""  # a folder keeps earlier letters of the unit
    if one_file or len(letters) == 1:
        if not folder_mode:
            return [path]
        name = "cong-van-don-doc" if len(letters) > 1 else f"cong-van-don-doc-{_slug(letters[0])}"
        return [path / f"{name}{stamp}.docx"]
    used: set[str] = set()
    out = []
    for x in letters:
        slug = _slug(x)
        while slug in used:
            slug += "-2"
        used.add(slug)
        if folder_mode:
            out.append(path / f"cong-van-don-doc-{slug}{stamp}.docx")
        else:
            out.append(path.with_name(f"{path.stem}-{slug}{path.suffix}"))
    return out


def _slug(letter: UnitLetter) -> str:
    return ascii_slug(letter.department)


def write_urging_letters(
    db: Database,
    path: Path,
    options: LetterOptions,
    *,
    progress: Callable[..., bool] | None = None,
) -> ops.Sent:
    """Write the letters and record each one (one operation); units with nothing to urge
    are skipped.

    Raises ValidationError when no chosen unit has an overdue or soon-due task.
    Cancelling (progress returns False) removes what this call wrote and recorded.
    """
    letters = [x for x in unit_letters(db, options) if x.tasks]
    if not letters:
        names = ", ".join(options.departments) or "các đơn vị đã chọn"
        raise ValidationError(
            f"{names}: không có nhiệm vụ quá hạn hoặc sắp đến hạn đến ngày "
            f"{dmy(options.day)} nên không cần công văn đôn đốc."
        )
    template = template_path(db, options)
    if not template.is_file():
        raise NotFoundError(f"Không tìm thấy mẫu công văn {template}.")
    limits = ImportLimits.from_setting(setting(db, "import_limits"))
    # The template is a file from outside like an import: read once, within the limits,
    # and the checked copy is the one every letter is made from.
    with checked_copy(template, limits) as checked:
        load_template(checked)  # fail early on a broken template, before anything is recorded
        return _write_letters(db, Path(path), letters, checked, options, progress)


def _write_letters(
    db: Database,
    path: Path,
    letters: list[UnitLetter],
    template: Path,
    options: LetterOptions,
    progress: Callable[..., bool] | None,
) -> ops.Sent:
    reply_by = letters[0].reply_by
    if options.one_file or len(letters) == 1:
        batches = [letters]
    else:
        batches = [[x] for x in letters]
    targets = output_paths(path, letters, options.one_file, options.day)
    drafts = [
        [
            ops.RequestDraft(
                kind="letter",
                department_id=letter.department_id,
                sent_on=options.day,
                reply_due=reply_by,
                task_ids=tuple(t.id for t in letter.tasks),
                file_name=target.name,
            )
            for letter in batch
        ]
        if options.record
        else []
        for batch, target in zip(batches, targets, strict=True)
    ]

    def before(i: int) -> None:
        if progress is not None and not progress(i, len(batches), batches[i][0].department):
            raise ImportCancelled("Đã hủy; không tạo công văn nào.")

    sent = ops.send_requests(
        db, drafts, lambda i, _records: _render(batches[i], template, targets[i]), before=before
    )
    if progress is not None:
        progress(len(batches), len(batches), "")
    return sent

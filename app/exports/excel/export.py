"""`dondoc export`: the tasks of the database, filtered, as a workbook an office can file.

Reads through `app.db.reads.tasks` (the filters run in SQL) and writes with
`excel_book.write_tasks_workbook`. Filters: one department (with its sub-units, in any
role), statuses, and a due-date period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.core.status import DONE_STATUSES, OPEN_STATUSES, Status, cancel_label
from app.core.text import fold
from app.db.reads.departments import require_department
from app.db.reads.filters import TaskFilter
from app.db.reads.follow_up import cancelled_tasks, extension_history
from app.db.reads.settings import soon_days
from app.db.reads.tasks import TaskRow, rows_for
from app.db.store import Database
from app.errors import ValidationError
from app.exports.excel.book import STATUS_LABELS, write_tasks_workbook

_DONE = DONE_STATUSES
_NOT_DONE = OPEN_STATUSES  # a cancelled task is neither
# Words a user may type for --status (folded), besides the Status values themselves.
_STATUS_WORDS: dict[str, frozenset[Status]] = {
    "done": _DONE,
    "hoan thanh": _DONE,
    "da hoan thanh": _DONE,
    "not_done": _NOT_DONE,
    "open": frozenset({Status.OPEN, Status.DUE_SOON}),
    "chua hoan thanh": _NOT_DONE,
    "trong han": frozenset({Status.OPEN, Status.DUE_SOON}),
    "sap den han": frozenset({Status.DUE_SOON}),
    "qua han": frozenset({Status.OVERDUE}),
    "thuong xuyen": frozenset({Status.ONGOING}),
    "cho dieu kien": frozenset({Status.WAITING}),
    **{fold(label): frozenset({s}) for s, label in STATUS_LABELS.items()},
    **{s.value: frozenset({s}) for s in Status},
}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    department: str | None = None
    status: str | None = None  # "overdue", "quá hạn", "done,due_soon", …
    start: date | None = None  # only tasks due on or after
    end: date | None = None  # only tasks due on or before
    today: date = field(default_factory=date.today)
    title: str | None = None


def parse_statuses(text: str | None) -> frozenset[Status]:
    """Statuses named by --status (comma-separated, English values or Vietnamese words)."""
    if not text:
        return frozenset()
    out: set[Status] = set()
    for part in text.split(","):
        key = fold(part).replace("-", " ").strip()
        found = _STATUS_WORDS.get(key) or _STATUS_WORDS.get(key.replace(" ", "_"))
        if found is None:
            accepted = ", ".join(sorted({s.value for s in Status} | {"done", "open"}))
            raise ValidationError(
                f"Trạng thái không hợp lệ «{part.strip()}»; dùng một trong: {accepted} "
                "hoặc «quá hạn», «sắp đến hạn», «hoàn thành», «chưa hoàn thành».",
                field="status",
            )
        out |= found
    return frozenset(out)


def _subtitle(department: str | None, options: ExportOptions) -> str:
    parts = []
    if department:
        parts.append(f"Đơn vị: {department}")
    if options.status:
        parts.append(f"Trạng thái: {options.status}")
    if options.start or options.end:
        a = f"{options.start:%d/%m/%Y}" if options.start else "…"
        b = f"{options.end:%d/%m/%Y}" if options.end else "…"
        parts.append(f"Hạn từ {a} đến {b}")
    return "; ".join(parts)


def export_tasks(db: Database, path: str | Path, options: ExportOptions) -> int:
    """Write the filtered tasks to `path` (.xlsx); returns how many were written."""
    if options.start and options.end and options.start > options.end:
        raise ValidationError("Ngày bắt đầu sau ngày kết thúc.", field="start")
    statuses = parse_statuses(options.status)
    dept = require_department(db, options.department) if options.department else None
    flt = TaskFilter(
        statuses=statuses,
        department_id=dept.id if dept else None,
        due_from=options.start,
        due_to=options.end,
        today=options.today,
        soon_days=soon_days(db),
    )
    rows = rows_for(db, flt)
    department = dept.name if dept else None
    title = options.title or (
        f"DANH SÁCH NHIỆM VỤ CỦA {department.upper()}" if department else "DANH SÁCH NHIỆM VỤ"
    )
    subtitle = _subtitle(department, options)
    plans = {(r.plan_number, r.plan_title) for r in rows}
    if len(plans) == 1:
        number, plan_title = plans.pop()
        head = f"Kế hoạch số {number}" if number else "Kế hoạch"
        line = f"{head}: {plan_title}" if plan_title else head
        subtitle = f"{line}\n{subtitle}" if subtitle else line
    return write_tasks_workbook(
        path,
        rows,
        title=title,
        subtitle=subtitle,
        today=options.today,
        follow=follow_texts(db, rows),
    )


def follow_texts(db: Database, rows: Sequence[TaskRow]) -> dict[int, tuple[str, str]]:
    """Task id -> (its extensions, its cancellation) as the workbook's cells say them."""
    ids = [r.id for r in rows if r.extended or r.cancelled_on is not None]
    if not ids:
        return {}
    history = extension_history(db, ids)
    gone = {c.id: c for c in cancelled_tasks(db) if c.id in set(ids)}
    out: dict[int, tuple[str, str]] = {}
    for task_id in ids:
        lines = []
        exts = history.get(task_id, [])
        if exts:
            first = exts[0].old_due
            lines.append(f"Hạn ban đầu: {first:%d/%m/%Y}" if first else "Hạn ban đầu: không có")
        for e in exts:
            extra = "; ".join(x for x in (e.document, e.requested_by) if x)
            lines.append(
                f"Gia hạn đến {e.new_due:%d/%m/%Y}: {e.reason}" + (f" ({extra})" if extra else "")
            )
        cancel = ""
        c = gone.get(task_id)
        if c is not None:
            cancel = f"{cancel_label(c.kind)} ngày {c.cancelled_on:%d/%m/%Y}: {c.reason}"
            if c.document:
                cancel += f" ({c.document})"
        out[task_id] = ("\n".join(lines), cancel)
    return out

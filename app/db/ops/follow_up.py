"""Follow-through operations (issue 21): extend a deadline, cancel or restore a task,
name the specialist who follows a unit.

An extension moves the task's due date (marked as set by hand, so reading the phrase
again keeps it) and records the date before, the document that allows it, the reason and
who asked; undoing the latest one puts the date before back. A cancelled task keeps every
field: only its cancellation (day, kind, reason, document) is set and cleared, and the
status rule (`Status.CANCELLED`) leaves it out of counts and reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select

from app.core.status import CANCEL_KINDS, cancel_label
from app.core.text import clean
from app.db.changes import Change, Created
from app.db.models import Department, Extension, Task
from app.db.ops.common import audit, load_task
from app.db.store import Database
from app.db.taskdata import current_user, now, snapshot
from app.errors import NotFoundError, ValidationError


def extend_task(
    db: Database,
    task_id: int,
    new_due: date,
    *,
    reason: str,
    document: str = "",
    requested_by: str = "",
) -> Created:
    """Extend a task's deadline to `new_due`; the Created id is the extension's (for undo)."""
    reason = clean(reason)
    if not reason:
        raise ValidationError("Cần ghi lý do gia hạn.", field="reason")
    with db.session() as s:
        task = load_task(s, task_id)
        if task.cancelled_on is not None:
            raise ValidationError(
                f"Nhiệm vụ #{task_id} đã bị hủy/thu hồi: khôi phục trước khi gia hạn.",
                field="due",
            )
        if task.occurrences:
            raise ValidationError(
                f"Nhiệm vụ #{task_id} có thời hạn định kỳ: hãy sửa hạn của kỳ trong "
                "cửa sổ sửa nhiệm vụ (gia hạn chỉ áp dụng cho một thời hạn).",
                field="due",
            )
        if task.due_date is not None and new_due <= task.due_date:
            raise ValidationError(
                f"Hạn mới ({new_due:%d/%m/%Y}) phải sau hạn hiện tại ({task.due_date:%d/%m/%Y}).",
                field="due",
            )
        old = snapshot(task)
        old_due = task.due_date
        ext = Extension(
            task_id=task.id,
            old_due=task.due_date,
            new_due=new_due,
            document=clean(document),
            reason=reason,
            requested_by=clean(requested_by),
            created_at=now(),
            author=current_user(),
            old_override=task.due_override,
        )
        s.add(ext)
        task.due_date = new_due
        task.due_override = True
        task.updated_at = now()
        s.flush()
        before = f"{old_due:%d/%m/%Y}" if old_due else "chưa có hạn"
        audit(
            s,
            "extend",
            "task",
            task.id,
            f"Gia hạn từ {before} đến {new_due:%d/%m/%Y}: {task.text[:60]}",
            old,
            {**snapshot(task), "extension": _ext_json(ext)},
        )
        summary = f"Đã gia hạn đến {new_due:%d/%m/%Y}"
        return Created(Change(tasks=frozenset({task.id}), summary=summary), ext.id)


def _ext_json(ext: Extension) -> dict[str, Any]:
    return {
        "id": ext.id,
        "old_due": ext.old_due.isoformat() if ext.old_due else None,
        "new_due": ext.new_due.isoformat(),
        "document": ext.document,
        "reason": ext.reason,
        "requested_by": ext.requested_by,
    }


def undo_extension(db: Database, extension_id: int) -> Change:
    """Take back a task's latest extension: its due date is the one before again."""
    with db.session() as s:
        ext = s.get(Extension, extension_id)
        if ext is None:
            raise NotFoundError(f"Không tìm thấy lần gia hạn #{extension_id}.")
        latest = s.scalar(
            select(Extension.id)
            .where(Extension.task_id == ext.task_id)
            .order_by(Extension.id.desc())
            .limit(1)
        )
        if latest != ext.id:
            raise ValidationError("Chỉ hủy được lần gia hạn sau cùng của nhiệm vụ.", field="due")
        task = load_task(s, ext.task_id)
        old = snapshot(task)
        task.due_date = ext.old_due
        task.due_override = ext.old_override
        task.updated_at = now()
        info = _ext_json(ext)
        s.delete(ext)
        s.flush()
        audit(
            s,
            "unextend",
            "task",
            task.id,
            f"Bỏ gia hạn đến {ext.new_due:%d/%m/%Y}: {task.text[:60]}",
            {**old, "extension": info},
            snapshot(task),
        )
        return Change(tasks=frozenset({task.id}), summary="Đã bỏ lần gia hạn")


@dataclass(frozen=True, slots=True)
class Cancellation:
    """Why a task is no longer to be done: hủy, thu hồi or không thực hiện."""

    reason: str
    kind: str = "cancelled"
    document: str = ""
    day: date | None = None  # None: today

    def to_json(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "kind": self.kind,
            "document": self.document,
            "day": self.day.isoformat() if self.day else None,
        }


class CancelResult(NamedTuple):
    """What changed, and each task's cancellation before (None: it was active): undo."""

    change: Change
    before: dict[int, Cancellation | None]


def cancel_tasks(db: Database, task_ids: Iterable[int], cancellation: Cancellation) -> CancelResult:
    """Cancel or withdraw tasks; they stay on record, out of counts and reports."""
    return set_cancellations(db, dict.fromkeys(task_ids, cancellation))


def restore_cancelled(db: Database, task_ids: Iterable[int]) -> CancelResult:
    """Make cancelled tasks count again ("Khôi phục")."""
    return set_cancellations(db, dict.fromkeys(task_ids))


def set_cancellations(db: Database, wanted: Mapping[int, Cancellation | None]) -> CancelResult:
    """Give each task its cancellation (None: active again), in one transaction."""
    for c in wanted.values():
        if c is not None and not clean(c.reason):
            raise ValidationError("Cần ghi lý do hủy/thu hồi nhiệm vụ.", field="reason")
        if c is not None and c.kind not in CANCEL_KINDS:
            raise ValidationError(f"Loại hủy không hợp lệ: «{c.kind}».", field="kind")
    before: dict[int, Cancellation | None] = {}
    changed: set[int] = set()
    with db.session() as s:
        for task_id, c in wanted.items():
            task = load_task(s, task_id)
            before[task_id] = _cancellation(task)
            if before[task_id] == c or (before[task_id] is None and c is None):
                continue
            old = snapshot(task)
            if c is None:
                task.cancelled_on, task.cancel_kind = None, ""
                task.cancel_reason, task.cancel_document = "", ""
                action, verb = "uncancel", "Khôi phục nhiệm vụ đã hủy"
            else:
                task.cancelled_on = c.day or date.today()
                task.cancel_kind = c.kind
                task.cancel_reason = clean(c.reason)
                task.cancel_document = clean(c.document)
                action, verb = "cancel", cancel_label(c.kind) + " nhiệm vụ"
            task.updated_at = now()
            s.flush()
            audit(s, action, "task", task.id, f"{verb}: {task.text[:70]}", old, snapshot(task))
            changed.add(task_id)
    n = len(changed)
    if all(c is None for c in wanted.values()):
        summary = f"Đã khôi phục {n} nhiệm vụ đã hủy"
    else:
        summary = f"Đã hủy/thu hồi {n} nhiệm vụ"
    return CancelResult(Change(tasks=frozenset(changed), departments=True, summary=summary), before)


def _cancellation(task: Task) -> Cancellation | None:
    if task.cancelled_on is None:
        return None
    return Cancellation(
        reason=task.cancel_reason,
        kind=task.cancel_kind or "cancelled",
        document=task.cancel_document,
        day=task.cancelled_on,
    )


def set_unit_specialist(db: Database, dept_id: int, name: str) -> Change:
    """Name the specialist (chuyên viên theo dõi) who follows a unit's tasks ("" : none)."""
    name = clean(name)
    with db.session() as s:
        dept = s.get(Department, dept_id)
        if dept is None:
            raise NotFoundError(f"Không tìm thấy đơn vị #{dept_id}.")
        old = dept.specialist
        if old == name:
            return Change()
        dept.specialist = name
        audit(
            s,
            "specialist",
            "department",
            dept_id,
            f"Chuyên viên theo dõi {dept.name}: {name or '(không)'}",
            {"specialist": old},
            {"specialist": name},
        )
    return Change(departments=True, summary="Đã đặt chuyên viên theo dõi")

"""Follow-through reads (issue 21): deadline extensions, the specialist who follows a
task, cancelled tasks.

A task's specialist is its own (`tasks.specialist`) when set, else its lead unit's
(`departments.specialist`); `effective_specialist` is that rule in SQL, `follow_up_in`
the same for rows already fetched. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.core.roles import Role
from app.core.text import clean, collation_key
from app.db.models import Department, Extension, Task, TaskDepartment
from app.db.store import Database


def _chunks(ids: Sequence[int], size: int = 900) -> list[Sequence[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def lead_specialist() -> ColumnElement[str]:
    """The specialist of the task's lead unit (correlated on Task)."""
    return _of_lead(Department.specialist)


def _of_lead(column: Any) -> ColumnElement[str]:
    """A column of the task's (first) lead unit, correlated on Task."""
    return (
        select(column)
        .join(TaskDepartment, TaskDepartment.department_id == Department.id)
        .where(TaskDepartment.task_id == Task.id, TaskDepartment.role == str(Role.LEAD))
        .order_by(TaskDepartment.position)
        .limit(1)
        .scalar_subquery()
    )


def effective_specialist() -> ColumnElement[str]:
    """A task's specialist: its own, else its lead unit's ("" when neither is set)."""
    return case(
        (Task.specialist != "", Task.specialist),
        else_=func.coalesce(lead_specialist(), ""),
    )


def specialist_condition(name: str) -> ColumnElement[bool]:
    """The tasks `name` follows ("việc tôi theo dõi")."""
    return effective_specialist() == clean(name)


@dataclass(frozen=True, slots=True)
class FollowUp:
    extensions: dict[int, int] = field(default_factory=dict)  # task id: times extended
    unit_specialists: dict[int, str] = field(default_factory=dict)  # task id: lead's


def follow_up_in(s: Session, ids: Sequence[int]) -> FollowUp:
    """Extension counts and lead-unit specialists of the tasks `ids` (the table's rows)."""
    out = FollowUp()
    for chunk in _chunks(list(ids)):
        out.extensions.update(
            s.execute(
                select(Extension.task_id, func.count())
                .where(Extension.task_id.in_(chunk))
                .group_by(Extension.task_id)
            ).all()
        )
        rows = s.execute(
            select(TaskDepartment.task_id, TaskDepartment.position, Department.specialist)
            .join(Department, Department.id == TaskDepartment.department_id)
            .where(TaskDepartment.task_id.in_(chunk), TaskDepartment.role == str(Role.LEAD))
            .order_by(TaskDepartment.task_id, TaskDepartment.position.desc())
        ).all()
        for task_id, _pos, name in rows:  # the lowest position is written last
            if name:
                out.unit_specialists[task_id] = name
    return out


@dataclass(frozen=True, slots=True)
class ExtensionInfo:
    """One extension as the detail pane and the exports show it."""

    id: int
    old_due: date | None
    new_due: date
    document: str
    reason: str
    requested_by: str
    created_at: datetime
    author: str


def _info(e: Extension) -> ExtensionInfo:
    return ExtensionInfo(
        e.id, e.old_due, e.new_due, e.document, e.reason, e.requested_by, e.created_at, e.author
    )


def extensions_in(s: Session, task_id: int) -> tuple[ExtensionInfo, ...]:
    rows = s.scalars(
        select(Extension).where(Extension.task_id == task_id).order_by(Extension.id)
    ).all()
    return tuple(_info(e) for e in rows)


def extensions_of(db: Database, task_id: int) -> tuple[ExtensionInfo, ...]:
    """A task's extensions, oldest first (the first one's `old_due`: the original date)."""
    with db.read() as s:
        return extensions_in(s, task_id)


def extension_history(db: Database, ids: Sequence[int]) -> dict[int, list[ExtensionInfo]]:
    """Extensions of many tasks (the Excel export's column), oldest first."""
    out: dict[int, list[ExtensionInfo]] = {}
    with db.read() as s:
        for chunk in _chunks(list(ids)):
            for e in s.scalars(
                select(Extension).where(Extension.task_id.in_(chunk)).order_by(Extension.id)
            ):
                out.setdefault(e.task_id, []).append(_info(e))
    return out


def extended_task_ids(db: Database, start: date | None = None, end: date | None = None) -> set[int]:
    """Tasks (not cancelled) given an extension recorded from `start` to `end` inclusive."""
    with db.read() as s:
        q = (
            select(Extension.task_id)
            .join(Task, Task.id == Extension.task_id)
            .where(Task.cancelled_on.is_(None))
        )
        if start is not None:
            q = q.where(Extension.created_at >= datetime.combine(start, time.min))
        if end is not None:
            q = q.where(Extension.created_at < datetime.combine(end + timedelta(days=1), time.min))
        return set(s.scalars(q.distinct()))


@dataclass(frozen=True, slots=True)
class CancelledTask:
    """A cancelled or withdrawn task, for the appendix of the report and weekly list."""

    id: int
    text: str
    lead: str | None
    kind: str  # "cancelled" | "withdrawn" | "not_done"
    cancelled_on: date
    reason: str
    document: str
    due: date | None


def cancelled_tasks(db: Database, department_ids: set[int] | None = None) -> list[CancelledTask]:
    """Every cancelled task (of these units, any role, when given), latest first."""
    with db.read() as s:
        lead = _of_lead(Department.name)
        q = select(
            Task.id,
            Task.text,
            lead,
            Task.cancel_kind,
            Task.cancelled_on,
            Task.cancel_reason,
            Task.cancel_document,
            Task.due_date,
        ).where(Task.cancelled_on.is_not(None))
        if department_ids is not None:
            q = q.where(
                Task.id.in_(
                    select(TaskDepartment.task_id).where(
                        TaskDepartment.department_id.in_(department_ids)
                    )
                )
            )
        q = q.order_by(Task.cancelled_on.desc(), Task.id)
        return [
            CancelledTask(i, text, lead_name, kind, on, reason, document, due)
            for i, text, lead_name, kind, on, reason, document, due in s.execute(q)
            if on is not None  # the query keeps only these; the row type does not know
        ]


def specialists(db: Database) -> list[str]:
    """Every specialist named on a unit or a task, sorted (the filter's and notice's list)."""
    with db.read() as s:
        names = set(s.scalars(select(Department.specialist).where(Department.specialist != "")))
        names |= set(s.scalars(select(Task.specialist).where(Task.specialist != "").distinct()))
    return sorted(names, key=collation_key)

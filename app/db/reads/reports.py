"""Reads for prints, reports and calendar export: dated items in a window, as of a day.

A task with occurrence rows (recurring or listed deadlines) is represented by its
occurrences, each with its own completion; any other task by its due date. Queries
touch only the rows of the window (indexed `due_date` columns), so the weekly print
stays fast on a database of 100,000 tasks. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.orm import Session

from app.core.roles import Role
from app.db.models import Department, Occurrence, Plan, ProgressNote, Task, TaskDepartment
from app.db.reads.filters import TaskFilter, filtered
from app.db.store import Database


@dataclass(frozen=True, slots=True)
class DueItem:
    """One due date: a task's single deadline or one occurrence of a repeating one."""

    task_id: int
    due: date
    completed_on: date | None
    occurrence: bool


_Ts = TypeVarTuple("_Ts")


def _no_occurrences() -> ColumnElement[bool]:
    return ~exists(select(Occurrence.id).where(Occurrence.task_id == Task.id))


def _scoped(
    q: Select[*_Ts], s: Session, scope: TaskFilter | None, task_id_col: Any
) -> Select[*_Ts]:
    """Restrict a query to the tasks of `scope` (its period and due bounds are ignored)."""
    if scope is None:
        return q
    plain = TaskFilter(
        search=scope.search,
        statuses=scope.statuses,
        plan_id=scope.plan_id,
        department_id=scope.department_id,
        include_children=scope.include_children,
        role=scope.role,
        today=scope.today,
        soon_days=scope.soon_days,
    )
    if plain == TaskFilter(today=scope.today, soon_days=scope.soon_days):
        return q
    return q.where(task_id_col.in_(filtered(s, plain)))


def due_between(
    db: Database, start: date, end: date, scope: TaskFilter | None = None
) -> list[DueItem]:
    """Every due date from `start` to `end` (inclusive), done or not."""
    with db.read() as s:
        single = select(Task.id, Task.due_date, Task.completed_on).where(
            Task.due_date >= start, Task.due_date <= end, _no_occurrences()
        )
        occ = select(Occurrence.task_id, Occurrence.due_date, Occurrence.completed_on).where(
            Occurrence.due_date >= start, Occurrence.due_date <= end
        )
        single = _scoped(single, s, scope, Task.id)
        occ = _scoped(occ, s, scope, Occurrence.task_id)
        items = [DueItem(i, d, c, False) for i, d, c in s.execute(single) if d is not None]
        items += [DueItem(i, d, c, True) for i, d, c in s.execute(occ)]
        items.sort(key=lambda it: (it.due, it.task_id))
        return items


def open_before(
    db: Database, before: date, as_of: date, scope: TaskFilter | None = None
) -> list[DueItem]:
    """Due dates before `before` that were not done on `as_of` (completed later or never)."""
    with db.read() as s:
        single = select(Task.id, Task.due_date, Task.completed_on).where(
            Task.due_date < before,
            or_(Task.completed_on.is_(None), Task.completed_on > as_of),
            _no_occurrences(),
        )
        occ = select(Occurrence.task_id, Occurrence.due_date, Occurrence.completed_on).where(
            Occurrence.due_date < before,
            or_(Occurrence.completed_on.is_(None), Occurrence.completed_on > as_of),
        )
        single = _scoped(single, s, scope, Task.id)
        occ = _scoped(occ, s, scope, Occurrence.task_id)
        items = [DueItem(i, d, None, False) for i, d, _ in s.execute(single) if d is not None]
        items += [DueItem(i, d, None, True) for i, d, _ in s.execute(occ)]
        items.sort(key=lambda it: (it.due, it.task_id))
        return items


@dataclass(frozen=True, slots=True)
class ReportItem:
    """A dated item for the status summary: who leads it, when it was assigned, due, done."""

    task_id: int
    lead_id: int | None
    assigned: date
    due: date
    completed_on: date | None


def report_items(db: Database, until: date, scope: TaskFilter | None = None) -> list[ReportItem]:
    """Every dated item a summary up to `until` can count.

    Single deadlines count whatever their date (a task due next year is "in time");
    repeating ones count their occurrences due up to `until` only, since how many
    future occurrences exist is just how far ahead they were expanded. The assignment
    date is the plan's signing date, else the day the task was entered.
    """
    with db.read() as s:
        assigned = func.coalesce(Plan.signed_on, func.date(Task.created_at))
        single = (
            select(Task.id, assigned, Task.due_date, Task.completed_on)
            .outerjoin(Plan, Plan.id == Task.plan_id)
            .where(Task.due_date.is_not(None), _no_occurrences())
        )
        occ = (
            select(Task.id, assigned, Occurrence.due_date, Occurrence.completed_on)
            .join(Occurrence, Occurrence.task_id == Task.id)
            .outerjoin(Plan, Plan.id == Task.plan_id)
            .where(Occurrence.due_date <= until)
        )
        single = _scoped(single, s, scope, Task.id)
        occ = _scoped(occ, s, scope, Task.id)
        rows = [*s.execute(single), *s.execute(occ)]
        leads = _lead_ids(s)
        return [
            ReportItem(task_id, leads.get(task_id), _as_date(a), due, done)
            for task_id, a, due, done in rows
        ]


def _lead_ids(s: Session) -> dict[int, int]:
    """Task id -> its lead department (the first listed when a plan names several)."""
    q = select(TaskDepartment.task_id, TaskDepartment.department_id, TaskDepartment.position).where(
        TaskDepartment.role == str(Role.LEAD)
    )
    best: dict[int, tuple[int, int]] = {}
    for task_id, dept_id, pos in s.execute(q):
        if task_id not in best or pos < best[task_id][1]:
            best[task_id] = (dept_id, pos)
    return {k: v[0] for k, v in best.items()}


def department_names(db: Database) -> dict[int, str]:
    with db.read() as s:
        return dict(s.execute(select(Department.id, Department.name)).all())


def recurring_tasks(
    db: Database, scope: TaskFilter | None = None
) -> list[tuple[int, dict[str, Any]]]:
    """(task id, recurrence JSON) of every repeating task."""
    with db.read() as s:
        q = select(Task.id, Task.recurrence).where(Task.recurrence.is_not(None))
        q = _scoped(q, s, scope, Task.id)
        return [(i, r) for i, r in s.execute(q) if r]


def manual_due_tasks(db: Database, scope: TaskFilter | None = None) -> set[int]:
    """Tasks whose due date the user set by hand: that date, not the phrase's, counts."""
    with db.read() as s:
        q = _scoped(select(Task.id).where(Task.due_override.is_(True)), s, scope, Task.id)
        return set(s.scalars(q))


def occurrence_dates(
    db: Database, task_ids: list[int]
) -> dict[int, list[tuple[date, date | None]]]:
    """Task id -> its occurrence rows (due, completed), in date order."""
    with db.read() as s:
        out: dict[int, list[tuple[date, date | None]]] = {}
        for i in range(0, len(task_ids), 900):
            chunk = task_ids[i : i + 900]
            q = (
                select(Occurrence.task_id, Occurrence.due_date, Occurrence.completed_on)
                .where(Occurrence.task_id.in_(chunk))
                .order_by(Occurrence.task_id, Occurrence.due_date)
            )
            for task_id, due, done in s.execute(q):
                out.setdefault(task_id, []).append((due, done))
        return out


def dated_task_ids(db: Database, scope: TaskFilter | None = None) -> list[int]:
    """Every task with at least one due date (its own or an occurrence's)."""
    with db.read() as s:
        q = select(Task.id).where(
            or_(
                Task.due_date.is_not(None),
                exists(select(Occurrence.id).where(Occurrence.task_id == Task.id)),
            )
        )
        q = _scoped(q, s, scope, Task.id)
        return list(s.scalars(q.order_by(Task.id)))


def task_stamps(db: Database, task_ids: list[int]) -> dict[int, tuple[datetime, int]]:
    """Task id -> (updated_at, version): what calendar clients need to see an update."""
    with db.read() as s:
        out: dict[int, tuple[datetime, int]] = {}
        for i in range(0, len(task_ids), 900):
            chunk = task_ids[i : i + 900]
            for task_id, upd, ver in s.execute(
                select(Task.id, Task.updated_at, Task.version).where(Task.id.in_(chunk))
            ):
                out[task_id] = (upd, ver)
        return out


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def latest_notes(db: Database, task_ids: list[int], until: date | None = None) -> dict[int, str]:
    """Task id -> its latest progress note (written on or before `until` when given): the
    official report gives it as the reason a task is overdue."""
    end = datetime.combine(until or date.max, datetime.max.time())
    out: dict[int, tuple[datetime, int, str]] = {}
    with db.read() as s:
        for i in range(0, len(task_ids), 900):
            chunk = task_ids[i : i + 900]
            q = select(
                ProgressNote.task_id, ProgressNote.created_at, ProgressNote.id, ProgressNote.text
            ).where(ProgressNote.task_id.in_(chunk), ProgressNote.created_at <= end)
            for task_id, at, note_id, text in s.execute(q):
                if task_id not in out or (at, note_id) > out[task_id][:2]:
                    out[task_id] = (at, note_id, text)
    return {k: " ".join(v[2].split()) for k, v in out.items() if v[2].strip()}


@dataclass(frozen=True, slots=True)
class ExtensionGranted:
    """A deadline extension granted inside a report's window (see `extensions_granted`)."""

    task_id: int
    text: str
    lead: str | None
    old_due: date
    new_due: date
    granted_on: date
    reason: str = ""
    document: str = ""


def extensions_granted(
    db: Database, start: date, end: date, scope: TaskFilter | None = None
) -> list[ExtensionGranted]:
    """Extensions granted from `start` to `end`, for the official report's section.

    HOOK for deadline extensions (issue 21 item 1): the database keeps no extensions yet,
    so there is nothing to list; the extensions work replaces this body with a query of
    its table, keeping the signature. The .docx report counts and lists what this returns.
    """
    del db, start, end, scope
    return []

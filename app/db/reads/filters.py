"""The vocabulary of task queries: the filter the table, calendar and prints share, and
the SQL it becomes.

Filtering, searching and sorting run in SQL over indexed columns and the accent-folded
`search_text`, so the task table can hold only ids and fetch visible rows lazily (as
anki's browser does). These build statements inside a session the caller opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from app.core.roles import Role
from app.core.status import Status
from app.core.text import fold
from app.db.models import Department, Task, TaskDepartment
from app.db.reads.status_sql import status_condition


class Period(StrEnum):
    ALL = "all"
    THIS_WEEK = "this_week"
    THIS_MONTH = "this_month"
    THIS_QUARTER = "this_quarter"
    OVERDUE = "overdue"
    NO_DEADLINE = "no_deadline"


def period_range(period: Period, today: date) -> tuple[date | None, date | None]:
    if period == Period.THIS_WEEK:
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    if period == Period.THIS_MONTH:
        first = today.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1)
    if period == Period.THIS_QUARTER:
        q0 = 3 * ((today.month - 1) // 3) + 1
        first = date(today.year, q0, 1)
        nxt = date(today.year + (q0 == 10), 1 if q0 == 10 else q0 + 3, 1)
        return first, nxt - timedelta(days=1)
    return None, None


class SortKey(StrEnum):
    POSITION = "position"
    TEXT = "text"
    LEAD = "lead"
    DEADLINE = "deadline"
    DUE = "due"
    STATUS = "status"
    PLAN = "plan"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class TaskFilter:
    search: str = ""
    statuses: frozenset[Status] = frozenset()
    plan_id: int | None = None
    department_id: int | None = None
    include_children: bool = True
    role: Role | None = None  # None: the unit has the task in any role
    period: Period = Period.ALL
    due_from: date | None = None
    due_to: date | None = None
    today: date = field(default_factory=date.today)
    soon_days: int = 7


def descendants_in(s: Session, dept_id: int) -> set[int]:
    """A department and every unit below it in the tree."""
    children: dict[int | None, list[int]] = {}
    for did, parent in s.execute(select(Department.id, Department.parent_id)):
        children.setdefault(parent, []).append(did)
    out: set[int] = set()
    stack = [dept_id]
    while stack:
        d = stack.pop()
        if d in out:
            continue
        out.add(d)
        stack.extend(children.get(d, []))
    return out


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filtered(s: Session, flt: TaskFilter, columns: Sequence[Any] | None = None) -> Select[Any]:
    q = select(*(columns or [Task.id]))
    for word in fold(flt.search).split():
        q = q.where(Task.search_text.like(f"%{escape_like(word)}%", escape="\\"))
    if flt.plan_id is not None:
        q = q.where(Task.plan_id == flt.plan_id)
    if flt.department_id is not None:
        ids = descendants_in(s, flt.department_id) if flt.include_children else {flt.department_id}
        # IN (the units' task ids), not a correlated EXISTS: the database then starts from
        # the units' links (indexed) instead of probing every task (5 ms against 70 ms
        # for one unit at 100,000 tasks).
        link = select(TaskDepartment.task_id).where(TaskDepartment.department_id.in_(ids))
        if flt.role is not None:
            link = link.where(TaskDepartment.role == str(flt.role))
        q = q.where(Task.id.in_(link))
    if flt.statuses:
        q = q.where(or_(*[status_condition(st, flt.today, flt.soon_days) for st in flt.statuses]))
    start, end = period_range(flt.period, flt.today)
    if flt.period == Period.OVERDUE:
        q = q.where(status_condition(Status.OVERDUE, flt.today, flt.soon_days))
    elif flt.period == Period.NO_DEADLINE:
        q = q.where(Task.due_date.is_(None))
    start = flt.due_from or start
    end = flt.due_to or end
    if start is not None:
        q = q.where(Task.due_date >= start)
    if end is not None:
        q = q.where(Task.due_date <= end)
    return q


def filter_fields(flt: TaskFilter) -> dict[str, Any]:
    """The filter as keyword arguments (to make a changed copy of it)."""
    return {name: getattr(flt, name) for name in TaskFilter.__slots__}


def chunks(ids: Sequence[int], size: int = 900) -> list[Sequence[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def plain_ids(s: Session, stmt: Select[Any]) -> list[int]:
    """The single column of `stmt`, read straight from the driver's cursor.

    SQLAlchemy's result rows cost three times the query itself on 100,000 ids (100 ms
    against 25 ms), and the task table reloads them after every change.
    """
    result = s.connection().execute(stmt)
    try:
        cursor = result.cursor
        if cursor is None:  # the dialect has buffered the rows already
            return list(result.scalars())
        return [row[0] for row in cursor.fetchall()]
    finally:
        result.close()

"""The status rule (`app.core.status.RULES`) as SQL: filters, counts and sort by status.

Each `Fact` becomes one SQL condition over the columns given (a task's due and completion
dates, or one occurrence's), and each status the conjunction its rule names, so a filter
in SQL and the status shown in a row are the same rule by construction.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import and_, case, literal
from sqlalchemy.sql.elements import ColumnElement

from app.core.deadlines.types import DeadlineKind
from app.core.status import RULES, URGENCY_ORDER, Fact, Status
from app.db.models import Task


class StatusColumns(NamedTuple):
    """Where a status is read from: a task row by default, an occurrence for calendars."""

    due: Any = Task.due_date
    completed: Any = Task.completed_on
    kind: Any = Task.deadline_kind


TASK = StatusColumns()


def fact_sql(fact: Fact, today: date, soon: int, cols: StatusColumns = TASK) -> ColumnElement[bool]:
    soon_end = today + timedelta(days=soon)
    due, done = cols.due, cols.completed
    # tasks.deadline_kind is NOT NULL; an occurrence has no kind and never waits.
    conditional = (
        cols.kind == str(DeadlineKind.CONDITIONAL) if cols.kind is not None else literal(False)
    )
    rules: dict[Fact, ColumnElement[bool]] = {
        Fact.COMPLETED: done.is_not(None),
        Fact.OPEN: done.is_(None),
        Fact.NO_DUE: due.is_(None),
        Fact.DUE_PASSED: due < today,
        Fact.DUE_SOON: and_(due >= today, due <= soon_end),
        Fact.DUE_LATER: due > soon_end,
        Fact.IN_TIME: (due.is_(None)) | (done <= due),
        Fact.LATE: and_(due.is_not(None), done > due),
        Fact.CONDITIONAL: conditional,
        Fact.NOT_CONDITIONAL: ~conditional,
    }
    return rules[fact]


_RULE = dict(RULES)


def status_condition(
    status: Status, today: date, soon: int, cols: StatusColumns = TASK
) -> ColumnElement[bool]:
    """SQL that holds exactly for the rows `task_status` calls `status`."""
    return and_(*(fact_sql(f, today, soon, cols) for f in sorted(_RULE[status])))


def status_rank(today: date, soon: int, cols: StatusColumns = TASK) -> ColumnElement[int]:
    """The index of a row's status in URGENCY_ORDER (overdue first, done on time last)."""
    *tested, last = URGENCY_ORDER  # the last status is what is left: no test needed
    return case(
        *[(status_condition(st, today, soon, cols), i) for i, st in enumerate(tested)],
        else_=URGENCY_ORDER.index(last),
    )

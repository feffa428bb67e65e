"""Task status from its due date, completion date and today (shared/deadline-phrases.md)."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from app.core.deadline_types import DeadlineKind

DEFAULT_SOON_DAYS = 7


class Status(StrEnum):
    DONE_ON_TIME = "done_on_time"  # hoàn thành đúng hạn
    DONE_LATE = "done_late"  # hoàn thành quá hạn
    OPEN = "open"  # chưa hoàn thành trong hạn
    DUE_SOON = "due_soon"  # sắp đến hạn
    OVERDUE = "overdue"  # chưa hoàn thành quá hạn
    WAITING = "waiting"  # chờ điều kiện
    ONGOING = "ongoing"  # thường xuyên / không thời hạn

    @property
    def is_done(self) -> bool:
        return self in (Status.DONE_ON_TIME, Status.DONE_LATE)


class Category(StrEnum):
    """The four official categories of progress reports."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_IN_TIME = "open_in_time"
    OPEN_OVERDUE = "open_overdue"


def task_status(
    kind: DeadlineKind | str,
    due: date | None,
    completed_on: date | None,
    today: date,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> Status:
    """Status of one task (or one occurrence of a recurring task)."""
    kind = DeadlineKind(kind)
    if completed_on is not None:
        if due is None or completed_on <= due:
            return Status.DONE_ON_TIME
        return Status.DONE_LATE
    if due is None:
        if kind == DeadlineKind.CONDITIONAL:
            return Status.WAITING
        return Status.ONGOING
    if today > due:
        return Status.OVERDUE
    if due - today <= timedelta(days=soon_days):
        return Status.DUE_SOON
    return Status.OPEN


def category(status: Status) -> Category | None:
    """Map a status to its official reporting category (None: not counted, no deadline)."""
    return {
        Status.DONE_ON_TIME: Category.DONE_ON_TIME,
        Status.DONE_LATE: Category.DONE_LATE,
        Status.OPEN: Category.OPEN_IN_TIME,
        Status.DUE_SOON: Category.OPEN_IN_TIME,
        Status.OVERDUE: Category.OPEN_OVERDUE,
    }.get(status)

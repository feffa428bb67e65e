"""Task status from its due date, completion date and today (shared/deadline-phrases.md).

A recurring task has one status per occurrence; the table shows the current one
(`current_occurrence`): the oldest occurrence still open and overdue, else the next one
due, else the last.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.core.deadlines.occurrences import next_occurrence
from app.core.deadlines.types import Deadline, DeadlineKind

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


# Most urgent first: the table's status sort, the status bar and the dialogs' colours.
URGENCY_ORDER = (
    Status.OVERDUE,
    Status.DUE_SOON,
    Status.OPEN,
    Status.WAITING,
    Status.ONGOING,
    Status.DONE_LATE,
    Status.DONE_ON_TIME,
)

# Not completed yet, whatever the deadline: the table's "chưa hoàn thành" filter, the
# start-up notice and the department tree's open counts.
OPEN_STATUSES = frozenset(
    {Status.OVERDUE, Status.DUE_SOON, Status.OPEN, Status.WAITING, Status.ONGOING}
)
DONE_STATUSES = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE})


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
    if kind == DeadlineKind.DONE and completed_on is None:
        # The phrase itself says the work was done ("đã thực hiện trong tháng 3/2022").
        return Status.DONE_ON_TIME
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


_LABELS: dict[str, dict[Status, str]] = {
    "vi": {
        Status.DONE_ON_TIME: "Hoàn thành đúng hạn",
        Status.DONE_LATE: "Hoàn thành quá hạn",
        Status.OPEN: "Chưa hoàn thành trong hạn",
        Status.DUE_SOON: "Sắp đến hạn",
        Status.OVERDUE: "Chưa hoàn thành quá hạn",
        Status.WAITING: "Chờ điều kiện",
        Status.ONGOING: "Thường xuyên",
    },
    "en": {
        Status.DONE_ON_TIME: "Done on time",
        Status.DONE_LATE: "Done late",
        Status.OPEN: "Open, in time",
        Status.DUE_SOON: "Due soon",
        Status.OVERDUE: "Overdue",
        Status.WAITING: "Waiting",
        Status.ONGOING: "Ongoing",
    },
}
_CATEGORY_LABELS: dict[str, dict[Category, str]] = {
    "vi": {
        Category.DONE_ON_TIME: "Hoàn thành đúng hạn",
        Category.DONE_LATE: "Hoàn thành quá hạn",
        Category.OPEN_IN_TIME: "Chưa hoàn thành trong hạn",
        Category.OPEN_OVERDUE: "Chưa hoàn thành quá hạn",
    },
    "en": {
        Category.DONE_ON_TIME: "Done on time",
        Category.DONE_LATE: "Done late",
        Category.OPEN_IN_TIME: "Open, in time",
        Category.OPEN_OVERDUE: "Open, overdue",
    },
}


def status_label(status: Status | str, lang: str = "vi") -> str:
    """The label the table, prints and exports show ("Sắp đến hạn"); English for lang="en"."""
    return _LABELS["en" if lang == "en" else "vi"][Status(status)]


def category_label(cat: Category | str, lang: str = "vi") -> str:
    return _CATEGORY_LABELS["en" if lang == "en" else "vi"][Category(cat)]


@dataclass(frozen=True, slots=True)
class OccurrenceStatus:
    """One due date of a recurring or listed deadline with its completion and status."""

    due: date
    completed_on: date | None
    status: Status


def occurrence_statuses(
    occurrences: Iterable[date],
    completed: Mapping[date, date | None] | None,
    today: date,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> list[OccurrenceStatus]:
    """Status of each occurrence, in date order; `completed` maps a due date to the date
    that occurrence was completed (missing or None: not completed)."""
    done = completed or {}
    out = []
    for due in sorted(set(occurrences)):
        finished = done.get(due)
        out.append(
            OccurrenceStatus(
                due, finished, task_status(DeadlineKind.RECURRING, due, finished, today, soon_days)
            )
        )
    return out


def current_occurrence(
    statuses: Iterable[OccurrenceStatus], today: date
) -> OccurrenceStatus | None:
    """The occurrence a one-line view shows: the oldest one overdue and still open, else
    the first one due today or later, else the last one."""
    items = list(statuses)
    if not items:
        return None
    for o in items:
        if o.status == Status.OVERDUE:
            return o
    for o in items:
        if o.due >= today:
            return o
    return items[-1]


def deadline_status(
    deadline: Deadline,
    completed_on: date | None,
    today: date,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> Status:
    """Status of a task from its whole Deadline: a recurring task is judged on the
    occurrence current at `today` (the first one due today or later)."""
    due = deadline.due
    rec = deadline.recurrence
    if deadline.kind == DeadlineKind.RECURRING and rec is not None and completed_on is None:
        if deadline.occurrences:
            due = next((d for d in deadline.occurrences if d >= today), deadline.occurrences[-1])
        else:
            since = max(today, deadline.start) if deadline.start else today
            due = next_occurrence(rec, since)
    return task_status(deadline.kind, due, completed_on, today, soon_days)

"""Task status from its due date, completion date and today: one rule, `RULES`.

A recurring task has one status per occurrence; the task itself is due at its oldest
open occurrence (kept in step by the database's writers), so one overdue occurrence
keeps the task overdue until it is done.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

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


class Fact(StrEnum):
    """The facts a status is decided from; each rule below is a conjunction of these.

    They are all the status rule knows about a task (or one occurrence of it): whether it
    is completed, where its due date lies from today, and whether it waits for a condition.
    `app.db.reads.status_sql` turns each one into a SQL expression, so the table, counts,
    filters, tree, calendar and prints all use this one rule.
    """

    COMPLETED = "completed"  # completed_on is set
    OPEN = "open"  # completed_on is not set
    NO_DUE = "no_due"  # due is not set
    DUE_PASSED = "due_passed"  # due < today
    DUE_SOON = "due_soon"  # today <= due <= today + soon
    DUE_LATER = "due_later"  # due > today + soon
    IN_TIME = "in_time"  # due is not set, or completed_on <= due
    LATE = "late"  # due is set and completed_on > due
    CONDITIONAL = "conditional"  # the deadline waits for a condition
    NOT_CONDITIONAL = "not_conditional"


# The status rule (docs/status.md shows this table; a test keeps the two equal). Exactly
# one row holds for any task: completion first, then where the due date lies.
RULES: tuple[tuple[Status, frozenset[Fact]], ...] = (
    (Status.DONE_ON_TIME, frozenset({Fact.COMPLETED, Fact.IN_TIME})),
    (Status.DONE_LATE, frozenset({Fact.COMPLETED, Fact.LATE})),
    (Status.OVERDUE, frozenset({Fact.OPEN, Fact.DUE_PASSED})),
    (Status.DUE_SOON, frozenset({Fact.OPEN, Fact.DUE_SOON})),
    (Status.OPEN, frozenset({Fact.OPEN, Fact.DUE_LATER})),
    (Status.WAITING, frozenset({Fact.OPEN, Fact.NO_DUE, Fact.CONDITIONAL})),
    (Status.ONGOING, frozenset({Fact.OPEN, Fact.NO_DUE, Fact.NOT_CONDITIONAL})),
)


def _facts(
    kind: DeadlineKind | str,
    due: date | None,
    completed_on: date | None,
    today: date,
    soon_days: int,
) -> tuple[Fact, Fact, Fact]:
    """The three facts that decide: due date, completion, condition."""
    if due is None:
        when = Fact.NO_DUE
    elif due < today:
        when = Fact.DUE_PASSED
    elif (due - today).days <= soon_days:
        when = Fact.DUE_SOON
    else:
        when = Fact.DUE_LATER
    if completed_on is None:
        done = Fact.OPEN
    else:
        done = Fact.IN_TIME if due is None or completed_on <= due else Fact.LATE
    cond = Fact.CONDITIONAL if kind == DeadlineKind.CONDITIONAL else Fact.NOT_CONDITIONAL
    return when, done, cond


def facts(
    kind: DeadlineKind | str,
    due: date | None,
    completed_on: date | None,
    today: date,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> frozenset[Fact]:
    """Every fact that holds for one task (or one occurrence)."""
    when, done, cond = _facts(kind, due, completed_on, today, soon_days)
    extra = (Fact.COMPLETED,) if done != Fact.OPEN else ()
    return frozenset((when, done, cond, *extra))


def _rule_for(held: frozenset[Fact]) -> Status:
    matches = [status for status, tests in RULES if tests <= held]
    if len(matches) != 1:
        raise AssertionError(f"{len(matches)} status rules hold for {sorted(held)}")
    return matches[0]


# RULES evaluated once for every combination of facts (the table is checked to be a
# partition here, at import); task_status only looks the answer up, since the calendar
# asks it for every entry of a month.
_LOOKUP: dict[tuple[Fact, Fact, Fact], Status] = {
    (when, done, cond): _rule_for(
        frozenset((when, done, cond, *((Fact.COMPLETED,) if done != Fact.OPEN else ())))
    )
    for when in (Fact.NO_DUE, Fact.DUE_PASSED, Fact.DUE_SOON, Fact.DUE_LATER)
    for done in (Fact.OPEN, Fact.IN_TIME, Fact.LATE)
    for cond in (Fact.CONDITIONAL, Fact.NOT_CONDITIONAL)
    if not (when == Fact.NO_DUE and done == Fact.LATE)  # late needs a due date
}


def task_status(
    kind: DeadlineKind | str,
    due: date | None,
    completed_on: date | None,
    today: date,
    soon_days: int = DEFAULT_SOON_DAYS,
) -> Status:
    """Status of one task (or one occurrence of a recurring task), by `RULES`.

    A phrase that says the work was done ("đã thực hiện trong tháng 3/2022") is not a
    case here: every path that writes a task sets its completion date from the phrase
    (`implied_completion`), so the stored task and this rule agree.
    """
    return _LOOKUP[_facts(kind, due, completed_on, today, soon_days)]


def implied_completion(deadline: Deadline, ref: date) -> date | None:
    """The completion date a phrase states by itself ("đã thực hiện trong tháng 3/2022"):
    the end of the stated period, else the plan's date; None when it states none."""
    if deadline.kind != DeadlineKind.DONE and not deadline.done:
        return None
    return deadline.due or ref


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

"""Status rules of deadline-phrases.md, labels, and per-occurrence status."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.deadlines.parse import occurrence_dates, parse_deadline
from app.core.deadlines.types import DeadlineKind
from app.core.status import (
    Category,
    Status,
    category,
    category_label,
    current_occurrence,
    deadline_status,
    occurrence_statuses,
    status_label,
    task_status,
)

DUE = date(2023, 6, 30)


@pytest.mark.parametrize(
    ("kind", "due", "done", "today", "expected"),
    [
        ("date", DUE, date(2023, 6, 30), date(2023, 7, 5), Status.DONE_ON_TIME),
        ("date", DUE, date(2023, 7, 1), date(2023, 7, 5), Status.DONE_LATE),
        ("date", None, date(2023, 7, 1), date(2023, 7, 5), Status.DONE_ON_TIME),
        ("date", DUE, None, date(2023, 6, 1), Status.OPEN),
        ("date", DUE, None, date(2023, 6, 23), Status.DUE_SOON),
        ("date", DUE, None, date(2023, 6, 30), Status.DUE_SOON),
        ("date", DUE, None, date(2023, 7, 1), Status.OVERDUE),
        ("conditional", None, None, date(2023, 7, 1), Status.WAITING),
        ("conditional", DUE, None, date(2023, 7, 1), Status.OVERDUE),
        ("ongoing", None, None, date(2030, 1, 1), Status.ONGOING),
        ("unspecified", None, None, date(2030, 1, 1), Status.ONGOING),
        ("done", date(2022, 3, 31), None, date(2030, 1, 1), Status.DONE_ON_TIME),
    ],
)
def test_task_status(kind, due, done, today, expected) -> None:
    assert task_status(kind, due, done, today) == expected


def test_due_soon_window_is_configurable() -> None:
    assert task_status("date", DUE, None, date(2023, 6, 15)) == Status.OPEN
    assert task_status("date", DUE, None, date(2023, 6, 15), soon_days=15) == Status.DUE_SOON
    assert task_status("date", DUE, None, date(2023, 6, 29), soon_days=0) == Status.OPEN


def test_labels_match_the_spec() -> None:
    assert [status_label(s) for s in Status] == [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Chưa hoàn thành trong hạn",
        "Sắp đến hạn",
        "Chưa hoàn thành quá hạn",
        "Chờ điều kiện",
        "Thường xuyên",
    ]
    assert status_label(Status.OVERDUE, lang="en") == "Overdue"
    assert status_label("due_soon") == "Sắp đến hạn"
    assert category_label(Category.OPEN_OVERDUE) == "Chưa hoàn thành quá hạn"


def test_categories() -> None:
    assert category(Status.DUE_SOON) == Category.OPEN_IN_TIME
    assert category(Status.OVERDUE) == Category.OPEN_OVERDUE
    assert category(Status.ONGOING) is None
    assert category(Status.WAITING) is None


def test_per_occurrence_status_of_a_recurring_task() -> None:
    dl = parse_deadline("hằng quý", date(2023, 1, 5))
    dates = occurrence_dates(dl, date(2023, 12, 31))
    assert dates == [date(2023, 3, 31), date(2023, 6, 30), date(2023, 9, 30), date(2023, 12, 31)]
    today = date(2023, 9, 25)
    statuses = occurrence_statuses(dates, {date(2023, 3, 31): date(2023, 3, 30)}, today)
    assert [s.status for s in statuses] == [
        Status.DONE_ON_TIME,
        Status.OVERDUE,
        Status.DUE_SOON,
        Status.OPEN,
    ]
    cur = current_occurrence(statuses, today)
    assert cur is not None and cur.due == date(2023, 6, 30)
    statuses = occurrence_statuses(
        dates, {date(2023, 3, 31): date(2023, 3, 30), date(2023, 6, 30): date(2023, 7, 2)}, today
    )
    cur = current_occurrence(statuses, today)
    assert cur is not None and cur.due == date(2023, 9, 30) and cur.status == Status.DUE_SOON
    assert current_occurrence([], today) is None


def test_deadline_status_follows_the_current_occurrence() -> None:
    dl = parse_deadline("trước ngày 30/10 hằng năm", date(2022, 3, 31))
    assert dl.kind == DeadlineKind.RECURRING
    assert deadline_status(dl, None, date(2022, 10, 25)) == Status.DUE_SOON
    # A year later the 2023 occurrence is the current one, not the stale 2022 due date.
    assert deadline_status(dl, None, date(2023, 5, 1)) == Status.OPEN
    assert (
        deadline_status(parse_deadline("Quý I/2022", date(2022, 1, 1)), None, date(2022, 5, 1))
        == Status.OVERDUE
    )
    assert (
        deadline_status(parse_deadline("khi có chỉ đạo", date(2022, 1, 1)), None, date(2022, 5, 1))
        == Status.WAITING
    )

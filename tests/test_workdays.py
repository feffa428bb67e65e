"""Periods and the Vietnamese work calendar (holidays package + user days)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.workdays import (
    WorkCalendar,
    add_months,
    half_bounds,
    month_bounds,
    quarter_bounds,
    quarter_of,
    week_bounds,
)


def test_period_bounds() -> None:
    assert month_bounds(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert month_bounds(2023, 2) == (date(2023, 2, 1), date(2023, 2, 28))
    assert quarter_bounds(2022, 1) == (date(2022, 1, 1), date(2022, 3, 31))
    assert quarter_bounds(2022, 4) == (date(2022, 10, 1), date(2022, 12, 31))
    assert half_bounds(2023, 1) == (date(2023, 1, 1), date(2023, 6, 30))
    assert half_bounds(2023, 2) == (date(2023, 7, 1), date(2023, 12, 31))
    assert week_bounds(date(2024, 3, 13)) == (date(2024, 3, 11), date(2024, 3, 17))
    assert week_bounds(date(2024, 3, 17)) == (date(2024, 3, 11), date(2024, 3, 17))
    assert [quarter_of(date(2023, m, 1)) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]


def test_add_months_clamps() -> None:
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert add_months(date(2023, 3, 15), -3) == date(2022, 12, 15)


def test_weekends_and_tet() -> None:
    cal = WorkCalendar()
    assert not cal.is_workday(date(2023, 1, 21))  # Saturday, Tết
    assert not cal.is_workday(date(2023, 1, 23))  # Mùng hai Tết, Monday
    assert not cal.is_workday(date(2023, 1, 20))  # 29 Tết, Friday
    assert cal.is_workday(date(2023, 1, 27))
    assert not cal.is_workday(date(2024, 9, 2))  # Quốc khánh
    assert not cal.is_workday(date(2024, 1, 6))  # plain Saturday


def test_make_up_working_saturday() -> None:
    """The government moved 29/4/2024 off and made Saturday 4/5/2024 a working day."""
    cal = WorkCalendar()
    assert not cal.is_workday(date(2024, 4, 29))
    assert cal.is_workday(date(2024, 5, 4))


def test_holiday_names_are_vietnamese() -> None:
    cal = WorkCalendar()
    assert cal.holiday_name(date(2023, 9, 2)) == "Quốc khánh"
    assert "Tết" in (cal.holiday_name(date(2024, 2, 10)) or "")
    assert cal.holiday_name(date(2023, 3, 15)) is None


def test_add_workdays_across_tet() -> None:
    cal = WorkCalendar()
    # Example of deadline-examples.tsv: 10 working days from Monday 16/01/2023.
    assert cal.add_workdays(date(2023, 1, 16), 10) == date(2023, 2, 6)
    assert cal.add_workdays(date(2023, 2, 6), -10) == date(2023, 1, 16)
    assert cal.add_workdays(date(2023, 3, 15), 0) == date(2023, 3, 15)
    assert cal.workdays_between(date(2023, 1, 16), date(2023, 2, 6)) == 10


def test_user_days_off_and_make_up_days() -> None:
    off = date(2023, 3, 15)  # a Wednesday the province gives off
    extra = date(2023, 3, 18)  # a Saturday worked instead
    cal = WorkCalendar(days_off=[off], workdays=[extra])
    assert not cal.is_workday(off)
    assert cal.is_workday(extra)
    assert cal.holiday_name(off) is not None
    assert cal.add_workdays(date(2023, 3, 14), 2) == date(2023, 3, 17)
    assert cal.add_workdays(date(2023, 3, 17), 1) == date(2023, 3, 18)
    assert WorkCalendar().add_workdays(date(2023, 3, 14), 2) == date(2023, 3, 16)


def test_calendar_is_immutable_and_hashable() -> None:
    a = WorkCalendar(days_off=[date(2023, 3, 15)])
    b = WorkCalendar(days_off=(date(2023, 3, 15),))
    assert a == b and hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.days_off = frozenset()  # type: ignore[misc]


def test_relative_phrase_uses_calendar() -> None:
    from app.core.deadlines.parse import parse_deadline

    ref = date(2023, 3, 14)
    plain = parse_deadline("trong 2 ngày làm việc", ref)
    custom = parse_deadline(
        "trong 2 ngày làm việc", ref, calendar=WorkCalendar(days_off=[date(2023, 3, 15)])
    )
    assert plain.due == date(2023, 3, 16)
    assert custom.due == date(2023, 3, 17)

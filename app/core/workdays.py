"""Periods and working days: month/quarter/half-year bounds and the Vietnamese work calendar.

Working days skip Saturdays, Sundays and the public holidays of the `holidays` package
(Tết and the government's bridge days included, with the Saturdays it turns into
make-up working days). Users add their own days off and make-up working days; those are
stored in the database and passed in here, so this module stays free of any storage.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

USER_DAY_OFF = "Ngày nghỉ (do đơn vị bổ sung)"


def month_end(year: int, month: int) -> date:
    """Last day of the month."""
    return date(year, month, _calendar.monthrange(year, month)[1])


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), month_end(year, month)


def quarter_bounds(year: int, q: int) -> tuple[date, date]:
    first = 3 * (q - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def half_bounds(year: int, h: int) -> tuple[date, date]:
    return (
        (date(year, 1, 1), date(year, 6, 30)) if h == 1 else (date(year, 7, 1), date(year, 12, 31))
    )


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def week_bounds(d: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week containing `d`."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(d: date, n: int) -> date:
    """Same day `n` months later, clamped to the month's end (31/1 + 1 month = 28/2)."""
    idx = d.year * 12 + d.month - 1 + n
    y, m = divmod(idx, 12)
    return date(y, m + 1, min(d.day, _calendar.monthrange(y, m + 1)[1]))


@lru_cache(maxsize=64)
def _vn_year(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """Holidays of one year (Vietnamese names) and the weekend days made working days."""
    import holidays  # 50 ms of tables: loaded when a calendar is first needed, not at start

    try:
        cal = holidays.country_holidays("VN", years=year, language="vi")
    except (NotImplementedError, KeyError, ValueError):  # pragma: no cover - old package
        return {}, frozenset()
    names = {d: str(n) for d, n in cal.items()}
    extra = frozenset(d for d in getattr(cal, "weekend_workdays", ()) if d.year == year)
    return names, extra


@dataclass(frozen=True, init=False)
class WorkCalendar:
    """The Vietnamese work calendar plus user-added days off and make-up working days.

    Immutable and hashable, so it can be part of a cache key.
    """

    days_off: frozenset[date]
    workdays: frozenset[date]

    def __init__(self, days_off: Iterable[date] = (), workdays: Iterable[date] = ()) -> None:
        object.__setattr__(self, "days_off", frozenset(days_off))
        object.__setattr__(self, "workdays", frozenset(workdays))

    def is_workday(self, d: date) -> bool:
        if d in self.workdays:
            return True
        if d in self.days_off:
            return False
        names, make_up = _vn_year(d.year)
        if d in make_up:
            return True
        if d.weekday() >= 5:
            return False
        return d not in names

    def holiday_name(self, d: date) -> str | None:
        """Name of the holiday on `d` (user days off included), or None."""
        if d in self.workdays:
            return None
        name = _vn_year(d.year)[0].get(d)
        if name:
            return name
        if d in self.days_off:
            return USER_DAY_OFF
        return None

    def add_workdays(self, d: date, n: int) -> date:
        """The n-th working day after `d` (before it when n < 0); `d` itself when n == 0."""
        step = timedelta(days=1 if n >= 0 else -1)
        left = abs(n)
        cur = d
        while left:
            cur += step
            if self.is_workday(cur):
                left -= 1
        return cur

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in (start, end], negative when end < start."""
        if end < start:
            return -self.workdays_between(end, start)
        n = 0
        cur = start
        while cur < end:
            cur += timedelta(days=1)
            if self.is_workday(cur):
                n += 1
        return n


DEFAULT_CALENDAR = WorkCalendar()

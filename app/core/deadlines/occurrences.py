"""Recurrence arithmetic: the due dates a Recurrence produces.

Conventions (shared with `deadline_types.Recurrence`): `month` is the month of the year
for yearly recurrences, the month inside the half (1–6) for semiannual ones and the
month inside the quarter (1–3) for quarterly ones; None means the period's last month.
`day` None means the month's last day; a day past the month's end is clamped (31 → 30/4).
`weekday` is 0 (Monday) … 6 (Sunday); None means Sunday, the week's last day.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterator
from datetime import date, timedelta

from app.core.deadlines.types import Frequency, Recurrence

MAX_YEAR = 9998


def clamp_day(year: int, month: int, day: int | None) -> date:
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, last if day is None else max(1, min(day, last)))


def _months_of_year(rec: Recurrence) -> tuple[int, ...]:
    """Months (1–12) of a year in which a non-weekly recurrence falls due."""
    f = rec.freq
    if f == Frequency.YEARLY:
        return ((rec.month or 12),)
    if f == Frequency.SEMIANNUAL:
        m = ((rec.month or 6) - 1) % 6 + 1
        return (m, m + 6)
    if f == Frequency.QUARTERLY:
        m = ((rec.month or 3) - 1) % 3 + 1
        return (m, m + 3, m + 6, m + 9)
    return tuple(range(1, 13))


def iter_occurrences(rec: Recurrence, since: date) -> Iterator[date]:
    """Due dates of `rec` on or after `since`, ascending, up to its `until` if any."""
    for d in _iter_unbounded(rec, since):
        if rec.until is not None and d > rec.until:
            return
        yield d


def _iter_unbounded(rec: Recurrence, since: date) -> Iterator[date]:
    if rec.freq == Frequency.WEEKLY:
        wd = 6 if rec.weekday is None else rec.weekday
        d = since + timedelta(days=(wd - since.weekday()) % 7)
        while d.year <= MAX_YEAR:
            yield d
            d += timedelta(days=7)
        return
    months = _months_of_year(rec)
    year = since.year
    while year <= MAX_YEAR:
        for m in months:
            d = clamp_day(year, m, rec.day)
            if d >= since:
                yield d
        year += 1


def next_occurrence(rec: Recurrence, on_or_after: date, until: date | None = None) -> date | None:
    """First due date on or after `on_or_after` (and not after `until`), or None."""
    for d in iter_occurrences(rec, on_or_after):
        if until is not None and d > until:
            return None
        return d
    return None  # past `until`, or past year 9998


def occurrences_between(rec: Recurrence, since: date, until: date) -> list[date]:
    """Every due date of `rec` in [since, until]."""
    out: list[date] = []
    if until < since:
        return out
    for d in iter_occurrences(rec, since):
        if d > until:
            break
        out.append(d)
    return out

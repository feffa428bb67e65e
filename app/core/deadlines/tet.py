"""Deadlines tied to Tết Nguyên đán (the lunar new year), which moves every year.

Plans write "trước Tết Nguyên đán Giáp Thìn 2024", "trước Tết", "dịp Tết Nguyên đán":
the date comes from the lunar calendar the `holidays` package already carries for the
working-day calendar. The year is the one written (in figures or as its can-chi name),
else the first Tết after the reference date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from app.core.deadlines.types import Deadline, DeadlineKind

_STEMS = ("giap", "at", "binh", "dinh", "mau", "ky", "canh", "tan", "nham", "quy")
_BRANCHES = ("ty", "suu", "dan", "mao", "thin", "ti", "ngo", "mui", "than", "dau", "tuat", "hoi")
_TET = re.compile(
    r"(?P<before>\b(?:truoc|chuan bi|chuan bi cho)\s+(?:dip\s+)?)?"
    r"\btet(?:\s+nguyen\s+dan|\s+co\s+truyen|\s+am\s+lich)?\b"
    r"(?:\s+(?P<stem>" + "|".join(_STEMS) + r")\s+(?P<branch>" + "|".join(_BRANCHES) + r")\b)?"
    r"(?:\s*(?:nam\s*)?(?P<year>(?:19|20)\d\d)\b)?"
)
_AFTER = re.compile(r"(?<!va )\bsau\s+(?:dip\s+)?$")
_SOLAR_TET = re.compile(r"\btet\s+(?:duong\s+lich|tay)\b")


@cache
def lunar_new_year(year: int) -> date | None:
    """Mùng 1 Tết of the lunar year that starts in `year` (None outside the calendar)."""
    import holidays  # 50 ms of tables: loaded when a Tết deadline is first read

    try:
        days = holidays.country_holidays("VN", years=year, language="en_US")
    except (NotImplementedError, KeyError, ValueError):
        return None
    found = [d for d, name in days.items() if name == "Lunar New Year"]
    return found[0] if found else None


def _year_of_name(stem: str, branch: str, ref: date) -> int | None:
    """The year nearest the reference date whose can-chi name is `stem branch`."""
    s = _STEMS.index(stem)
    # Without accents Tý (rat) and Tỵ (snake) are both "ty"; only one pairs with the stem.
    branches = (0, 5) if branch == "ty" else (_BRANCHES.index(branch),)
    b = next((i for i in branches if i % 2 == s % 2), None)
    if b is None:
        return None  # not a name of any year
    cycle = next(i for i in range(60) if i % 10 == s and i % 12 == b)  # 0: Giáp Tý (1984)
    base = 1984 + cycle
    return min((base + 60 * k for k in range(-2, 3)), key=lambda y: abs(y - ref.year))


def tet_deadline(raw: str, folded: str, ref: date) -> Deadline | None:
    """The Deadline of a phrase whose only time is Tết, or None if it names no Tết."""
    if _SOLAR_TET.search(folded):
        return None  # "Tết Dương lịch" is 1 January, a date the grammar already knows
    m = _TET.search(folded)
    if m is None or _AFTER.search(folded, 0, m.start()):
        return None  # "sau Tết": no end the plan states
    year = int(m.group("year")) if m.group("year") else None
    if year is None and m.group("stem"):
        year = _year_of_name(m.group("stem"), m.group("branch"), ref)
    if year is not None:
        new_year = lunar_new_year(year)
    else:
        new_year = lunar_new_year(ref.year)
        if new_year is not None and new_year <= ref:
            new_year = lunar_new_year(ref.year + 1)
    if new_year is None:
        return None
    eve = new_year - timedelta(days=1)
    if m.group("before"):
        return Deadline(raw=raw, kind=DeadlineKind.DATE, due=eve)
    # "dịp Tết", "trước, trong và sau Tết": the holiday itself, eve to mùng 3.
    return Deadline(raw=raw, kind=DeadlineKind.PERIOD, start=eve, due=new_year + timedelta(days=2))

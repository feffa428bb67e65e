"""Deadlines given by ticks: month columns ("T1 … T12") or quarter columns ("Quý I … IV")
under the header, read as the phrase the ticks of a row say ("Tháng 6-8/2024")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.core.text import fold
from app.importers.tables.cells import cell_text
from app.importers.tables.columns import HeaderMatch

_MONTH_LABEL = re.compile(r"^(?:thang|th|t)?\s*0?(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?$")
_QUARTER_LABEL = re.compile(r"^(?:quy|q)\s*(iv|i{1,3}|[1-4])(?:\s*[/.-]\s*(\d{4}))?$")
_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Q_NAMES = ("", "I", "II", "III", "IV")
TITLE_YEAR = re.compile(r"\bn[ăa]m\s+(20\d\d)\b", re.IGNORECASE)


def period_columns(
    rows: Sequence[Sequence[object]], header: HeaderMatch
) -> dict[int, tuple[str, int, int | None]]:
    """Columns of the lowest header row labelled as months ("T1", "Tháng 2", "3") or
    quarters ("Quý I"), three or more months or two or more quarters in increasing
    order: col -> (kind, number, year or None)."""
    last = header.data_start - 1
    if last < 0 or last >= len(rows):
        return {}
    found: dict[str, dict[int, tuple[str, int, int | None]]] = {"month": {}, "quarter": {}}
    # Columns that hold something else (text, units, notes…) are never month columns.
    taken = {c for role, c in header.columns.items() if role not in ("deadline", "due", "start")}
    for c, v in enumerate(rows[last]):
        if c in taken or v is None or v == "":
            continue
        key = fold(cell_text(v)).strip(" .")
        m = _MONTH_LABEL.match(key)
        # A bare "1", "2" is a month only under a group label ("Thời gian" over "1 … 12").
        if m and 1 <= int(m[1]) <= 12 and (not key[:1].isdigit() or header.height > 1):
            found["month"][c] = ("month", int(m[1]), int(m[2]) if m[2] else None)
            continue
        q = _QUARTER_LABEL.match(key)
        if q:
            found["quarter"][c] = ("quarter", _ROMAN_Q[q[1]], int(q[2]) if q[2] else None)
    for kind, least in (("month", 3), ("quarter", 2)):
        cols = found[kind]
        numbers = [n for _, n, _ in (cols[c] for c in sorted(cols))]
        if len(cols) >= least and numbers == sorted(numbers) and len(set(numbers)) == len(numbers):
            return cols
    return {}


def ticked_periods(
    row: Sequence[object], periods: dict[int, tuple[str, int, int | None]], default_year: int
) -> str:
    """The deadline phrase the ticks of a row say: "Tháng 6-8/2024", "Quý II, IV/2024"."""
    ticked = [periods[c] for c in sorted(periods) if c < len(row) and row[c] not in (None, "")]
    if not ticked:
        return ""
    kind = ticked[0][0]
    year = next((y for _, _, y in reversed(ticked) if y), None) or default_year
    numbers = [n for _, n, _ in ticked]
    contiguous = numbers == list(range(numbers[0], numbers[-1] + 1))
    if kind == "month":
        if len(numbers) == 1:
            return f"Tháng {numbers[0]}/{year}"
        if contiguous:
            return f"Tháng {numbers[0]}-{numbers[-1]}/{year}"
        return "Tháng " + ", ".join(str(n) for n in numbers) + f"/{year}"
    names = [_Q_NAMES[n] for n in numbers]
    if len(names) > 1 and contiguous:
        return f"Từ quý {names[0]} đến quý {names[-1]}/{year}"
    return "Quý " + ", ".join(names) + f"/{year}"

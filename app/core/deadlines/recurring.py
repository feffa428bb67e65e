"""Recurring phrases: frequency, anchors ("trước ngày 30/10", "tháng cuối quý") and bounds.

The anchor comes from the periods named with the frequency ("tháng 12 hằng năm" → yearly,
month 12); two or four yearly anchors evenly spaced become semiannual or quarterly;
a year range bounds the recurrence and lists its occurrences ("hằng năm giai đoạn
2021-2025"); "từ năm X", "năm X và các năm tiếp theo" only start it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.core.deadlines.groups import LedGroup
from app.core.deadlines.occurrences import next_occurrence, occurrences_between
from app.core.deadlines.parts import Part, resolve_item
from app.core.deadlines.types import Deadline, DeadlineKind, Frequency, Recurrence
from app.core.workdays import month_end

FREQ_RANK = {
    "weekly": Frequency.WEEKLY,
    "monthly": Frequency.MONTHLY,
    "quarterly": Frequency.QUARTERLY,
    "semi": Frequency.SEMIANNUAL,
    "yearly": Frequency.YEARLY,
}
FREQ_ORDER = ("weekly", "monthly", "quarterly", "semi", "yearly")


def _anchor(p: Part, before: bool) -> tuple[int | None, int | None]:
    """(month, day) a part gives a recurrence: "30/10" → (10, 30), "quý IV" → (12, None)."""
    g = p.gran
    m: int | None
    d: int | None
    if g in ("day", "drange"):
        m, d = p.m, (p.d2 if g == "drange" else p.d)
    elif g in ("dom", "domnext"):
        m, d = None, p.d
    elif g == "month":
        m, d = p.m, None
    elif g == "mrange":
        m, d = p.m2, None
    elif g == "quarter":
        m, d = 3 * (p.n or 4), None
    elif g == "half":
        m, d = 6 * (p.n or 2), None
    elif g == "fixed" and p.end is not None:
        m, d = p.end.month, None
    else:
        return None, None
    if before and d is None and m is not None:
        # "trước tháng 12 hằng năm": the last day of the month before.
        first = {"month": p.m, "quarter": 3 * (p.n or 4) - 2, "half": 6 * (p.n or 2) - 5}.get(g, m)
        m = 12 if first in (None, 1) else (first or 1) - 1
        d = month_end(2001, m).day
    return m, d


def _is_anchor(p: Part) -> bool:
    if p.gran == "fixed":
        return p.kind in ("month", "quarter")
    return p.gran not in ("year", "yrange", "week")


def _recurrence(
    freq: str,
    anchors: list[tuple[int | None, int | None]],
    qanchor: int | None,
    weekday: int | None,
    mend: bool,
) -> Recurrence:
    months = sorted({m for m, _ in anchors if m})
    day = next((d for _, d in anchors if d), None)
    dated = [(m, d) for m, d in anchors if d]
    if len({m for m, _ in dated}) > 1 and all(m and d == month_end(2001, m).day for m, d in dated):
        # "trước 30/6 và 31/12 hằng năm": each at its month's end; day 31 is clamped to
        # every shorter month's end, where day 30 would give 30/12.
        day = max(d for _, d in dated)
    if freq == "yearly" and len(months) >= 2:
        diffs = {b - a for a, b in zip(months, months[1:])}
        if len(months) == 2 and diffs == {6}:
            freq = "semi"
        elif len(months) == 4 and diffs == {3}:
            freq = "quarterly"
        elif len(months) == 12:
            freq = "monthly"
    f = FREQ_RANK[freq]
    first_m = next((m for m, _ in anchors if m), None)
    if f == Frequency.YEARLY:
        return Recurrence(f, month=first_m, day=day)
    if f == Frequency.SEMIANNUAL:
        return Recurrence(f, month=((first_m - 1) % 6 + 1) if first_m else None, day=day)
    if f == Frequency.QUARTERLY:
        m = qanchor or (((first_m - 1) % 3 + 1) if first_m else None)
        return Recurrence(f, month=m, day=day)
    if f == Frequency.MONTHLY:
        return Recurrence(f, day=None if mend else day)
    return Recurrence(f, weekday=weekday)


def recurring(
    raw: str,
    ginfo: list[LedGroup],
    freqs: set[str],
    open_ended: bool,
    qanchor: int | None,
    weekday: int | None,
    mend: bool,
    ongoing: bool,
    ref: date,
) -> Deadline:
    if freqs:
        freq = next(f for f in FREQ_ORDER if f in freqs)
    elif qanchor is not None:
        freq = "quarterly"
    elif mend:
        freq = "monthly"
    else:
        freq = "yearly"
    anchors: list[tuple[int | None, int | None]] = []
    start: date | None = None
    end: date | None = None
    for gi in ginfo:
        # "trước ngày 10 tháng 6 và tháng 12": the day applies to every month named with
        # it, "trước" does not move them to the month before.
        before = gi.before and not any(p.gran in ("day", "drange", "dom") for p in gi.g.parts)
        for item in gi.g.items():
            first = item[0]
            if all(_is_anchor(p) for p in item):
                # "tháng 12", "trước ngày 30/10", "từ ngày 1 đến ngày 15": where in the
                # period it falls due (a range: at its end).
                anchors.append(_anchor(item[-1], before))
                if first.explicit_year:
                    _, s0, _ = resolve_item(item, ref)
                    start = s0 if start is None else min(start, s0)
                continue
            if not any(p.explicit_year for p in item):
                continue  # "cuối năm hằng năm": no bound
            _, s0, e0 = resolve_item(item, ref)
            start = s0 if start is None else min(start, s0)
            single_year = first.gran == "year" and len(item) == 1 and freq == "yearly"
            if not (open_ended or gi.from_only or single_year):
                end = e0 if end is None else max(end, e0)
    rec = _recurrence(freq, anchors, qanchor, weekday, mend)
    since = max(ref, start) if start else ref
    occ: tuple[date, ...] = ()
    if end is not None and start is not None:
        rec = replace(rec, until=end)
        occ = tuple(occurrences_between(rec, start, end))
        due = next((d for d in occ if d >= ref), occ[-1] if occ else None)
    else:
        due = next_occurrence(rec, since)
    return Deadline(
        raw=raw,
        kind=DeadlineKind.RECURRING,
        start=start,
        due=due,
        occurrences=occ,
        recurrence=rec,
        continuing=ongoing,
    )

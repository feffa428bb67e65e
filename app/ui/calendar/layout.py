"""What a month (or a week) of the calendar shows, computed without Qt.

A month is loaded with a handful of statements whatever the number of tasks: every due
date of the visible weeks (ids and status only), the text of the few tasks each cell
can show, and the period deadlines (month, quarter, half-year, year) drawn as bands.
Bands get lanes so that each keeps its row across the weeks it spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.core.status import Status
from app.core.workdays import USER_DAY_OFF, WorkCalendar
from app.db.reads import calendar as cq
from app.db.reads.filters import TaskFilter
from app.db.store import Database
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.widgets import STATUS_RANK

CHIPS_PER_DAY = 6  # the most a cell can show; the painter shows as many as fit
MAX_LANES = 4
ROMAN = ("I", "II", "III", "IV")


@dataclass(slots=True)
class Chip:
    task_id: int
    status: Status
    due: date
    text: str = ""
    lead: str | None = None
    deadline: str = ""


@dataclass(slots=True)
class Day:
    day: date
    in_month: bool
    workday: bool
    holiday: str | None
    total: int = 0
    counts: dict[Status, int] = field(default_factory=dict)
    chips: list[Chip] = field(default_factory=list)

    @property
    def weekend(self) -> bool:
        return self.day.weekday() >= 5


@dataclass(slots=True)
class Band:
    kind: str
    start: date
    due: date
    counts: dict[Status, int]
    lane: int = -1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def status(self) -> Status:
        """The most urgent status among its tasks: the band's colour."""
        return min(self.counts, key=STATUS_RANK.__getitem__)

    @property
    def label(self) -> str:
        return period_label(self.kind, self.start, self.due)


@dataclass(slots=True)
class MonthLayout:
    year: int
    month: int
    days: list[Day]
    bands: list[Band]
    lanes: int
    own_bands: list[cq.BandCount] = field(default_factory=list)  # ending inside the grid
    pending: list[date] = field(default_factory=list)  # later period ends not loaded yet

    def set_bands(self, later: list[cq.BandCount]) -> None:
        """Bands from the periods ending in the grid plus those ending after it."""
        start, end = self.days[0].day, self.days[-1].day
        self.bands = [
            Band(b.kind, b.start, b.due, b.counts)
            for b in [*self.own_bands, *later]
            if b.start <= end and b.due >= start
        ]
        self.lanes = assign_lanes(self.bands)

    @property
    def weeks(self) -> int:
        return len(self.days) // 7

    def day(self, d: date) -> Day | None:
        i = (d - self.days[0].day).days
        return self.days[i] if 0 <= i < len(self.days) else None

    @property
    def total(self) -> int:
        return sum(d.total for d in self.days if d.in_month)

    def count(self, status: Status) -> int:
        return sum(d.counts.get(status, 0) for d in self.days if d.in_month)


def period_label(kind: str, start: date, due: date) -> str:
    if kind == "month":
        return tr("Tháng {m}/{y}", m=due.month, y=due.year)
    if kind == "quarter":
        return tr("Quý {q}/{y}", q=ROMAN[(due.month - 1) // 3], y=due.year)
    if kind == "half_year":
        if due.month <= 6:
            return tr("6 tháng đầu năm {y}", y=due.year)
        return tr("6 tháng cuối năm {y}", y=due.year)
    if kind == "year":
        return tr("Năm {y}", y=due.year)
    return f"{fmt_date(start)} – {fmt_date(due)}"


def month_title(year: int, month: int) -> str:
    return tr("Tháng {m}/{y}", m=month, y=year)


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def month_grid(year: int, month: int) -> tuple[date, date]:
    """First and last day shown: whole weeks (Monday to Sunday) covering the month."""
    first = date(year, month, 1)
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return week_start(first), week_start(nxt - timedelta(days=1)) + timedelta(days=6)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + n, 12)
    return y, m + 1


def make_days(own: list[cq.UserDay], start: date, end: date, in_month=None) -> list[Day]:
    """Days from start to end with their working-day status and holiday names; a day off
    added by the office (`own`) shows its note ("Nghỉ bù bầu cử") rather than a generic name."""
    cal = WorkCalendar(
        days_off=[u.day for u in own if not u.is_workday],
        workdays=[u.day for u in own if u.is_workday],
    )
    notes = {u.day: u.note for u in own if u.note and not u.is_workday}
    out = []
    for d in (start + timedelta(days=i) for i in range((end - start).days + 1)):
        name = cal.holiday_name(d)
        if name == USER_DAY_OFF and d in notes:
            name = notes[d]
        out.append(Day(d, in_month(d) if in_month else True, cal.is_workday(d), name))
    return out


KIND_ORDER = ("year", "half_year", "quarter", "month")


def assign_lanes(bands: list[Band], max_lanes: int = MAX_LANES) -> int:
    """One lane per level (year on top, then half-year, quarter, month), so a lane reads
    as a level; overlapping bands of one level (unusual starts) get an extra lane."""
    bands.sort(key=lambda b: (_level(b.kind), b.start, b.due))
    lanes: list[tuple[int, date]] = []  # (level, last day) per lane
    for band in bands:
        level = _level(band.kind)
        for i, (lane_level, last) in enumerate(lanes):
            if lane_level == level and last < band.start:
                lanes[i] = (level, band.due)
                band.lane = i
                break
        else:
            if len(lanes) < max_lanes:
                band.lane = len(lanes)
                lanes.append((level, band.due))
    return len(lanes)


def _level(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def load_month(
    db: Database,
    year: int,
    month: int,
    flt: TaskFilter,
    band_cache: dict | None = None,
    later: bool = True,
) -> MonthLayout:
    """Everything one month grid shows, in a fixed number of statements.

    `band_cache` (kept by the view until data changes) holds the counts of the bands
    that end after the grid, keyed by end date and filter: the year band is the same for
    twelve months. With `later=False` the missing ones are not read but listed in
    `pending`, for `complete_bands` once the month is on screen.
    """
    start, end = month_grid(year, month)
    cache = {} if band_cache is None else band_cache
    ends = cq.period_ends(start, end)
    pending = [d for d in ends if (d, flt) not in cache]
    data = cq.month_data(db, start, end, flt, CHIPS_PER_DAY, pending if later else ())
    days = make_days(data.own_days, start, end, in_month=lambda d: d.month == month)
    for day in days:
        counts = data.summary.counts.get(day.day)
        if counts:
            day.counts = counts
            day.total = sum(counts.values())
        day.chips = [Chip(tid, st, day.day) for tid, st in data.summary.top.get(day.day, [])]
        for c in day.chips:
            c.text, c.lead, c.deadline = data.details.get(c.task_id, ("", None, ""))
    layout = MonthLayout(year, month, days, [], 0, own_bands=data.summary.bands)
    if later:
        _cache_bands(cache, pending, data.later_bands, flt)
    else:
        layout.pending = pending
    layout.set_bands([b for d in ends for b in cache.get((d, flt), [])])
    return layout


def _cache_bands(cache: dict, ends: list[date], bands: list[cq.BandCount], flt: TaskFilter) -> None:
    found: dict[date, list[cq.BandCount]] = {d: [] for d in ends}
    for b in bands:
        found[b.due].append(b)
    for d, items in found.items():
        cache[(d, flt)] = items


def complete_bands(db: Database, layout: MonthLayout, flt: TaskFilter, cache: dict) -> None:
    """Read the bands still pending (one statement) and lay the month's bands out again."""
    if layout.pending:
        _cache_bands(cache, layout.pending, cq.band_counts(db, layout.pending, flt), flt)
        layout.pending = []
    start, end = layout.days[0].day, layout.days[-1].day
    ends = cq.period_ends(start, end)
    layout.set_bands([b for d in ends for b in cache.get((d, flt), [])])

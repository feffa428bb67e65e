"""Read side of the calendar, shaped for drawing a month of 100,000 tasks quickly.

`calendar_items` returns full items (text, lead) for every due date in a range:
right for exports, too slow for a month grid where a quarter's last day may carry
thousands of tasks of which a cell shows five. Here a month is loaded with one light
query for every due date in the range (ids, dates, status), then text and lead only for
the few tasks each cell shows, and period counts for the bands (quarter, year) that end
after the range. Status is the one rule of `app.core.status` (in SQL: `status_sql`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Date,
    String,
    exists,
    func,
    literal,
    null,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from app.core.deadlines.types import DeadlineKind
from app.core.status import URGENCY_ORDER, Status, task_status
from app.db.models import CalendarDay, Department, Occurrence, Task, TaskDepartment
from app.db.reads.filters import Period, TaskFilter, filter_fields, filtered
from app.db.reads.status_sql import StatusColumns, status_rank
from app.db.reads.tasks import units_of
from app.db.store import Database

BAND_KINDS = ("month", "quarter", "half_year", "year")
MAX_BAND_DAYS = 366  # longer periods (a whole term) are shown at their end only


@dataclass(frozen=True, slots=True)
class Entry:
    """One due date of a task (a single deadline or one occurrence)."""

    task_id: int
    due: date
    start: date | None  # band start for month/quarter/half-year/year/period deadlines
    kind: str | None  # None for an occurrence (not needed to draw it)
    status: Status


@dataclass(frozen=True, slots=True)
class BandCount:
    kind: str
    start: date
    due: date
    counts: dict[Status, int]


def _raw(column: Any) -> Any:
    """The column without SQLAlchemy's per-value date parsing (slow for thousands of rows)."""
    return type_coerce(column, String)


def _day(value: str | date | None, cache: dict[str, date]) -> date | None:
    """An ISO date string from SQLite (or a date from PostgreSQL) as a date, memoised."""
    if value is None or isinstance(value, date):
        return value
    d = cache.get(value)
    if d is None:
        d = cache[value] = date.fromisoformat(value[:10])
    return d


def _base(flt: TaskFilter) -> TaskFilter:
    """The filter without its own dates and statuses (the calendar applies those itself)."""
    return replace(flt, period=Period.ALL, due_from=None, due_to=None, statuses=frozenset())


def _restricts(flt: TaskFilter) -> bool:
    return bool(flt.search.strip()) or flt.plan_id is not None or flt.department_id is not None


def _union(
    s: Session, start: date, end: date, flt: TaskFilter, raw_dates: bool
) -> CompoundSelect[Any]:
    """Single deadlines and occurrences due between start and end: (tid, due, done, kind, first)."""
    base = _base(flt)
    conv: Callable[[Any], Any] = _raw if raw_dates else (lambda c: c)
    single = filtered(
        s,
        base,
        [
            Task.id.label("tid"),
            conv(Task.due_date).label("due"),
            conv(Task.completed_on).label("done"),
            Task.deadline_kind.label("kind"),
            conv(Task.start_date).label("first"),
        ],
    ).where(
        Task.due_date >= start,
        Task.due_date <= end,
        ~exists(select(Occurrence.id).where(Occurrence.task_id == Task.id)),
    )
    occ_cols = [
        Occurrence.task_id,
        conv(Occurrence.due_date),
        conv(Occurrence.completed_on),
        null(),
        null(),
    ]
    if _restricts(base):
        occ = filtered(s, base, occ_cols).where(Occurrence.task_id == Task.id)
    else:  # no condition on the task: skip the join, the slow part at 100,000 tasks
        occ = select(*occ_cols)
    occ = occ.where(Occurrence.due_date >= start, Occurrence.due_date <= end)
    return union_all(single, occ)


def _rank_sql(due: Any, done: Any, flt: TaskFilter) -> ColumnElement[int]:
    """URGENCY_ORDER index of an entry, in SQL: the one status rule, on these columns."""
    return status_rank(flt.today, flt.soon_days, StatusColumns(due=due, completed=done, kind=None))


def entries(db: Database, start: date, end: date, flt: TaskFilter) -> list[Entry]:
    """Every due date between start and end (inclusive) of the tasks `flt` selects."""
    with db.read() as s:
        today, soon = flt.today, flt.soon_days
        wanted = flt.statuses
        out: list[Entry] = []
        cache: dict[str, date] = {}
        for task_id, due_s, done_s, kind, first in s.execute(_union(s, start, end, flt, True)):
            due = _day(due_s, cache)
            if due is None:  # the query picks dated rows only
                continue
            status = task_status(DeadlineKind.DATE, due, _day(done_s, cache), today, soon)
            if wanted and status not in wanted:
                continue
            band = _day(first, cache) if kind in BAND_KINDS else None
            out.append(Entry(task_id, due, band, kind, status))
        return out


@dataclass(slots=True)
class Summary:
    """A range of days as a month grid needs it, whatever the number of tasks."""

    counts: dict[date, dict[Status, int]]
    top: dict[date, list[tuple[int, Status]]]  # the most urgent `per_day` of each day
    bands: list[BandCount]


def summary(db: Database, start: date, end: date, flt: TaskFilter, per_day: int) -> Summary:
    """Counts by day and status, the first `per_day` tasks of each day, and the period
    bands ending in the range, in one statement.

    The due dates are read once into a materialised CTE which gives the counts, the most
    urgent tasks of each day (a window function) and the band counts, so the work per
    due date stays inside the database. Bands ending after the range: `band_counts`.
    """
    with db.read() as s:
        return _summary(s, start, end, flt, per_day)


def _summary(s: Session, start: date, end: date, flt: TaskFilter, per_day: int) -> Summary:
    u = _union(s, start, end, flt, False).subquery()
    rank = _rank_sql(u.c.due, u.c.done, flt).label("rank")
    wanted = [URGENCY_ORDER.index(st) for st in flt.statuses if st in URGENCY_ORDER]
    if flt.statuses and not wanted:
        return Summary({}, {}, [])
    ranked = select(u.c.tid, u.c.due, u.c.kind, u.c.first, rank)
    if wanted:
        ranked = ranked.where(rank.in_(wanted))
    r = ranked.cte("r")
    if _can_materialise(s):
        r = r.prefix_with("MATERIALIZED")
    counts_q = select(
        literal(0).label("part"),
        r.c.due,
        r.c.rank,
        func.count().label("n"),
        null().label("tid"),
        null().label("kind"),
        type_coerce(null(), Date).label("first"),  # the first select types the union
    ).group_by(r.c.due, r.c.rank)
    rn = func.row_number().over(partition_by=r.c.due, order_by=(r.c.rank, r.c.tid))
    numbered = select(r.c.tid, r.c.due, r.c.rank, rn.label("rn")).subquery()
    top_q = select(
        literal(1),
        numbered.c.due,
        numbered.c.rank,
        numbered.c.rn,
        numbered.c.tid,
        null(),
        null(),
    ).where(numbered.c.rn <= per_day)
    bands_q = (
        select(literal(2), r.c.due, r.c.rank, func.count(), null(), r.c.kind, r.c.first)
        .where(r.c.kind.in_(BAND_KINDS), r.c.first.is_not(None))
        .group_by(r.c.kind, r.c.first, r.c.due, r.c.rank)
    )
    counts: dict[date, dict[Status, int]] = {}
    ranked_top: dict[date, list[tuple[int, int, Status]]] = {}
    bands: dict[tuple[str, date, date], dict[Status, int]] = {}
    for part, due, r_, n, tid, kind, first in s.execute(union_all(counts_q, top_q, bands_q)):
        status = URGENCY_ORDER[r_]
        if part == 0:
            counts.setdefault(due, {})[status] = n
        elif part == 1:
            ranked_top.setdefault(due, []).append((n, tid, status))
        elif (due - first).days <= MAX_BAND_DAYS:
            bands.setdefault((kind, first, due), {})[status] = n
    top = {d: [(tid, st) for _, tid, st in sorted(rows)] for d, rows in ranked_top.items()}
    return Summary(counts, top, [BandCount(k, a, b, c) for (k, a, b), c in bands.items()])


def _can_materialise(s: Session) -> bool:
    """`AS MATERIALIZED` exists from SQLite 3.35 and PostgreSQL 12."""
    dialect = s.get_bind().dialect
    info = getattr(dialect, "dbapi", None)
    if dialect.name == "sqlite":
        version = getattr(info, "sqlite_version_info", (0,))
        return tuple(version) >= (3, 35)
    return dialect.name == "postgresql" and (dialect.server_version_info or (0,)) >= (12,)


def details(db: Database, ids: Iterable[int]) -> dict[int, tuple[str, str | None, str]]:
    """Text, lead unit and deadline phrase of a few tasks (those a cell shows)."""
    with db.read() as s:
        return _details(s, ids)


def _details(s: Session, ids: Iterable[int]) -> dict[int, tuple[str, str | None, str]]:
    ids = list(dict.fromkeys(ids))
    out: dict[int, tuple[str, str | None, str]] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        # No condition on the role in SQL: without ANALYZE statistics SQLite would pick
        # the (role, department) index and scan every lead of the database per task.
        leads: dict[int, tuple[int, str]] = {}
        for task_id, role, pos, name in s.execute(
            select(
                TaskDepartment.task_id,
                TaskDepartment.role,
                TaskDepartment.position,
                Department.name,
            )
            .join(Department, Department.id == TaskDepartment.department_id)
            .where(TaskDepartment.task_id.in_(chunk))
        ):
            if role == "lead" and (task_id not in leads or pos < leads[task_id][0]):
                leads[task_id] = (pos, name)
        for task_id, text, raw in s.execute(
            select(Task.id, Task.text, Task.deadline_raw).where(Task.id.in_(chunk))
        ):
            lead = leads.get(task_id)
            out[task_id] = (text, lead[1] if lead else None, raw)
    return out


def band_counts(db: Database, dues: Sequence[date], flt: TaskFilter) -> list[BandCount]:
    """Period deadlines (month … year) due on `dues`, counted by status."""
    with db.read() as s:
        return _band_counts(s, dues, flt)


def _band_counts(s: Session, dues: Sequence[date], flt: TaskFilter) -> list[BandCount]:
    if not dues:
        return []
    base = _base(flt)
    rank = status_rank(flt.today, flt.soon_days).label("rank")
    q = (
        filtered(s, base, [Task.deadline_kind, Task.start_date, Task.due_date, rank, func.count()])
        .where(
            Task.due_date.in_(list(dues)),
            # `|| ''` keeps SQLite off the deadline-kind index (40,000 rows of "year").
            (Task.deadline_kind + "").in_(BAND_KINDS),
            Task.start_date.is_not(None),
            ~exists(select(Occurrence.id).where(Occurrence.task_id == Task.id)),
        )
        .group_by(Task.deadline_kind, Task.start_date, Task.due_date, rank)
    )
    bands: dict[tuple[str, date, date], dict[Status, int]] = {}
    for kind, first, due, r, n in s.execute(q):
        status = URGENCY_ORDER[r]
        if (due - first).days > MAX_BAND_DAYS or (flt.statuses and status not in flt.statuses):
            continue
        bands.setdefault((kind, first, due), {})[status] = n
    return [BandCount(k, a, b, c) for (k, a, b), c in bands.items()]


@dataclass(slots=True)
class MonthData:
    """What one month grid needs, read from one snapshot of the database."""

    own_days: list[UserDay]  # the office's days off and make-up working days
    summary: Summary
    details: dict[int, tuple[str, str | None, str]]  # of the tasks the cells show
    later_bands: list[BandCount]  # bands of the periods in `band_ends` (ending after the grid)


def month_data(
    db: Database,
    start: date,
    end: date,
    flt: TaskFilter,
    per_day: int,
    band_ends: Sequence[date] = (),
) -> MonthData:
    """A month grid in a fixed handful of statements, whatever the number of tasks."""
    with db.read() as s:
        summ = _summary(s, start, end, flt, per_day)
        shown = [tid for rows in summ.top.values() for tid, _ in rows]
        return MonthData(
            own_days=_user_days(s),
            summary=summ,
            details=_details(s, shown),
            later_bands=_band_counts(s, band_ends, flt),
        )


def period_ends(start: date, end: date) -> list[date]:
    """Ends of the months, quarters, halves and years that overlap [start, end] and end later."""
    out: set[date] = set()
    d = start.replace(day=1)
    while d <= end:
        for months in (1, 3, 6, 12):
            first_month = (d.month - 1) // months * months + 1
            last_month = first_month + months - 1
            nxt = date(d.year + last_month // 12, last_month % 12 + 1, 1)
            last = nxt - timedelta(days=1)
            if last > end:
                out.add(last)
        d = (d + timedelta(days=32)).replace(day=1)
    return sorted(out)


@dataclass(frozen=True, slots=True)
class UserDay:
    """A day off or make-up working day added by the user (not a public holiday)."""

    day: date
    is_workday: bool
    note: str


def user_days(db: Database, year: int | None = None) -> list[UserDay]:
    with db.read() as s:
        return _user_days(s, year)


def _user_days(s: Session, year: int | None = None) -> list[UserDay]:
    q = select(CalendarDay.day, CalendarDay.is_workday, CalendarDay.note).order_by(CalendarDay.day)
    if year is not None:
        q = q.where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
    return [UserDay(d, bool(w), n or "") for d, w, n in s.execute(q)]


# --------------------------------------------------------------------------- full items


@dataclass(frozen=True, slots=True)
class CalendarItem:
    task_id: int
    due: date
    start: date | None  # first day of a month/quarter/year deadline: drawn as a band
    text: str
    lead: str | None
    kind: DeadlineKind
    status: Status


def calendar_items(db: Database, start: date, end: date, flt: TaskFilter) -> list[CalendarItem]:
    """Every due date between start and end: single deadlines and each occurrence."""
    with db.read() as s:
        base = filtered(
            s,
            TaskFilter(
                **{**filter_fields(flt), "period": Period.ALL, "due_from": None, "due_to": None}
            ),
        )
        ids_q = base.subquery()
        single = s.execute(
            select(
                Task.id,
                Task.due_date,
                Task.start_date,
                Task.text,
                Task.deadline_kind,
                Task.completed_on,
            )
            .where(Task.id.in_(select(ids_q.c.id)), Task.due_date >= start, Task.due_date <= end)
            .where(~exists(select(Occurrence.id).where(Occurrence.task_id == Task.id)))
        ).all()
        occ = s.execute(
            select(
                Task.id, Occurrence.due_date, Task.text, Task.deadline_kind, Occurrence.completed_on
            )
            .join(Occurrence, Occurrence.task_id == Task.id)
            .where(
                Task.id.in_(select(ids_q.c.id)),
                Occurrence.due_date >= start,
                Occurrence.due_date <= end,
            )
        ).all()
        leads = units_of(s, list({r[0] for r in single} | {r[0] for r in occ}))
        soon = flt.soon_days
        items: list[CalendarItem] = []
        for task_id, due, first, text, kind, done in single:
            if due is None:  # the query picks dated rows only
                continue
            band = first if kind in ("month", "quarter", "half_year", "year", "period") else None
            lead = leads.get(task_id, {}).get("lead")
            items.append(
                CalendarItem(
                    task_id,
                    due,
                    band,
                    text,
                    lead[0][1] if lead else None,
                    DeadlineKind(kind),
                    task_status(kind, due, done, flt.today, soon),
                )
            )
        for task_id, due, text, kind, done in occ:
            lead = leads.get(task_id, {}).get("lead")
            items.append(
                CalendarItem(
                    task_id,
                    due,
                    None,
                    text,
                    lead[0][1] if lead else None,
                    DeadlineKind(kind),
                    task_status(kind, due, done, flt.today, soon),
                )
            )
        items.sort(key=lambda i: (i.due, i.status != Status.OVERDUE, i.text))
        return items

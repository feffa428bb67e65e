"""Every place that shows a status agrees, for random tasks and days (one rule).

The row, the status bar counts, each status filter, the unit tree and the urging dialog
(one count), the calendar, the start-up notice, the weekly list and the report are read
from a real SQLite file filled through the real ops, and compared with each other.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from app.core.deadlines.types import Deadline, DeadlineKind
from app.core.status import Status, category
from app.db import ops
from app.db.reads.calendar import entries
from app.db.reads.departments import find_department
from app.db.reads.details import task_detail
from app.db.reads.filters import TaskFilter
from app.db.reads.notice import build_notice
from app.db.reads.reports import report_items
from app.db.reads.tasks import status_counts, task_ids, task_rows
from app.db.reads.unit_counts import unit_counts
from app.db.store import Database
from app.db.taskdata import TaskInput
from app.exports.reports.summary import Item, PeriodKind, ReportPeriod, summarize
from app.exports.weekly.data import WeeklyOptions, collect_week

BASE = date.today()  # the ops stamp tasks with the real clock: judge from today on
SOON = 7
UNITS = ("Văn phòng", "Ban Tổ chức", "Ban Tuyên giáo")  # the two Bans are under Văn phòng

task_spec = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["date", "date", "conditional", "ongoing", "done"]),
        "due": st.one_of(st.none(), st.integers(-30, 30)),
        "done": st.one_of(st.none(), st.integers(-40, 0)),
        "lead": st.sampled_from([None, 0, 1, 2]),
        "coordinators": st.sets(st.sampled_from([0, 1, 2]), max_size=2),
    }
)


def _deadline(spec) -> Deadline:
    due = BASE + timedelta(days=spec["due"]) if spec["due"] is not None else None
    kind = DeadlineKind(spec["kind"])
    if kind == DeadlineKind.ONGOING:
        due = None
    return Deadline(raw=spec["kind"], kind=kind, due=due, done=kind == DeadlineKind.DONE)


def _fill(db: Database, specs) -> dict[int, set[int]]:
    """Tasks through the real ops; {task id: ids of its units (any role)}."""
    ids = []
    for name in UNITS:
        ops.create_department(db, name)
    ids = [find_department(db, n).id for n in UNITS]
    for child in ids[1:]:
        ops.update_department(db, child, parent_id=ids[0])
    for i, spec in enumerate(specs):
        completed = BASE + timedelta(days=spec["done"]) if spec["done"] is not None else None
        ops.create_task(
            db,
            TaskInput(
                text=f"Việc số {i}",
                lead_id=ids[spec["lead"]] if spec["lead"] is not None else None,
                coordinator_ids=tuple(ids[c] for c in sorted(spec["coordinators"])),
                deadline=_deadline(spec),
                completed_on=completed,
            ),
            today=BASE,
        )
    units: dict[int, set[int]] = {}
    for tid in task_ids(db, TaskFilter(today=BASE)):
        d = task_detail(db, tid, BASE)
        units[tid] = {x for x in (d.lead_id, *d.coordinator_ids) if x is not None}
    return units, ids


@settings(
    max_examples=25,
    # no shrinking: each example is a database; the failing one is printed as found
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(task_spec, min_size=1, max_size=12), ahead=st.integers(0, 20))
def test_every_view_agrees_on_every_status(tmp_path_factory, specs, ahead):
    db = Database.open(tmp_path_factory.mktemp("agree") / "t.db")
    try:
        units, (vp, btc, btg) = _fill(db, specs)
        today = BASE + timedelta(days=ahead)
        everything = TaskFilter(today=today, soon_days=SOON)
        all_ids = task_ids(db, everything)
        rows = {r.id: r for r in task_rows(db, all_ids, today, SOON)}
        status = {i: r.status for i, r in rows.items()}
        # status filters and the status bar
        for st_ in Status:
            flt = TaskFilter(statuses=frozenset({st_}), today=today, soon_days=SOON)
            assert set(task_ids(db, flt)) == {i for i, x in status.items() if x == st_}
        assert status_counts(db, everything) == Counter(status.values())
        # the unit tree and the urging dialog: one count per branch
        branch = {vp: {vp, btc, btg}, btc: {btc}, btg: {btg}}
        counts = unit_counts(db, today, SOON)
        for dept, members in branch.items():
            mine = [status[i] for i, us in units.items() if us & members]
            got = counts.get(dept)
            open_ = [x for x in mine if not x.is_done]
            assert (got.open if got else 0) == len(open_)
            assert (got.overdue if got else 0) == mine.count(Status.OVERDUE)
            assert (got.due_soon if got else 0) == mine.count(Status.DUE_SOON)
        # the calendar: each dated task on its due date, with the row's status
        start, end = today - timedelta(days=60), today + timedelta(days=60)
        for e in entries(db, start, end, everything):
            assert e.status == status[e.task_id]
        # the start-up notice
        assert build_notice(db, today).overdue == list(status.values()).count(Status.OVERDUE)
        items = report_items(db, today)
        # the weekly list: section I holds every overdue task
        week = collect_week(db, WeeklyOptions(day=today, overdue_limit=None, unreported=False))
        overdue_ids = {e.row.id for e in week.section("overdue").entries}
        assert overdue_ids == {i for i, x in status.items() if x == Status.OVERDUE}
        # the report's four categories, as of today
        period = ReportPeriod.containing(PeriodKind.MONTH, today)
        summary = summarize(
            [Item(i.lead_id, i.assigned, i.due, i.completed_on) for i in items],
            {},
            period,
            today,
        )
        expected = Counter(category(x) for i, x in status.items() if rows[i].due is not None)
        for cat, n in expected.items():
            assert summary.total.get(cat) == n
    finally:
        db.close()

"""What the start-up notice says: overdue tasks, and tasks reaching a warning day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.core.status import OPEN_STATUSES
from app.db.reads.filters import Period, SortKey, TaskFilter
from app.db.reads.settings import soon_days_in, warn_days
from app.db.reads.tasks import TaskRow, count_tasks, task_ids_in, task_rows_in
from app.db.store import Database


@dataclass(slots=True)
class Notice:
    overdue: int = 0
    upcoming: int = 0  # open tasks due from today to the largest warning day
    horizon: int = 7
    warned: list[tuple[int, TaskRow]] = field(default_factory=list)  # (days left, task)
    bands: list[int] = field(default_factory=lambda: [7, 3, 1])

    @property
    def empty(self) -> bool:
        return not self.overdue and not self.upcoming


def build_notice(db: Database, today: date, listed: int = 4) -> Notice:
    """Counts, and the first `listed` (+1, to tell there are more) tasks due soonest."""
    days = warn_days(db)
    horizon = max(days)
    overdue = count_tasks(db, TaskFilter(period=Period.OVERDUE, today=today))
    with db.read() as s:
        soon = soon_days_in(s)
        window = TaskFilter(
            statuses=OPEN_STATUSES,
            due_from=today,
            due_to=today + timedelta(days=horizon),
            today=today,
            soon_days=soon,
        )
        ids = task_ids_in(s, window, SortKey.DUE)
        rows = task_rows_in(s, ids[: listed + 1], today, soon)
    warned = [((r.due - today).days, r) for r in rows if r.due]
    return Notice(overdue=overdue, upcoming=len(ids), horizon=horizon, warned=warned, bands=days)

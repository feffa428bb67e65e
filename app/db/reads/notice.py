"""What the start-up notice says: overdue tasks, and tasks reaching a warning day."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
    # The user's own tasks (the specialist chosen on this PC): listed first in `warned`.
    me: str = ""
    mine_overdue: int = 0
    mine_upcoming: int = 0

    @property
    def empty(self) -> bool:
        return not self.overdue and not self.upcoming


def build_notice(db: Database, today: date, listed: int = 4, me: str | None = None) -> Notice:
    """Counts, and the first `listed` (+1, to tell there are more) tasks due soonest; the
    tasks `me` follows (the specialist using this PC) come first, and are counted apart."""
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
        mine: list[int] = []
        if me:
            mine = task_ids_in(s, replace(window, specialist=me), SortKey.DUE)
            mine_set = set(mine)
            ids = mine + [i for i in ids if i not in mine_set]
        rows = task_rows_in(s, ids[: listed + 1], today, soon)
    mine_overdue = (
        count_tasks(db, TaskFilter(period=Period.OVERDUE, today=today, specialist=me)) if me else 0
    )
    warned = [((r.due - today).days, r) for r in rows if r.due]
    return Notice(
        overdue=overdue,
        upcoming=len(ids),
        horizon=horizon,
        warned=warned,
        bands=days,
        me=me or "",
        mine_overdue=mine_overdue,
        mine_upcoming=len(mine),
    )

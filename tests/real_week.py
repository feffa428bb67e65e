"""A realistic week for the print tests: seven tasks read from two real plans in tests/data.

Four tasks of a Party plan (seed_000: long texts, long lead names, two coordinators on
one) and three of a provincial state plan (1187/KH-UBND: two coordinators each), read
by the real importer, then given due dates around the week of print_samples.MONDAY: two
overdue, three this week, two the week after.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from print_samples import MONDAY, ORG

from app.core.deadlines.types import Deadline, DeadlineKind
from app.db import ops
from app.db.store import Database
from app.importers.registry import extract_file

PLANS = Path(__file__).parent / "data" / "plans"
# (file, task positions, whether the deadline phrase is kept beside the date)
PICKS = (
    ("seed_000_duk_lam_dong.txt", (0, 12, 32, 49), True),
    ("real_ubnd_tinh_cchc_web.txt", (2, 5, 7), False),
)
DUE_IN_DAYS = (-10, 1, 4, 9, -3, 2, 11)  # in the order of PICKS' tasks


def real_week_tasks() -> list:
    """The seven plans' tasks, each (plan, task) — extracted, not yet dated."""
    out = []
    for name, positions, _keep in PICKS:
        plan = extract_file(PLANS / name)
        out += [(plan, plan.tasks[i]) for i in positions]
    return out


def build_real_week(db: Database) -> list[str]:
    """Import the seven tasks (two plans) and the office; returns the task texts."""
    ops.set_setting(db, "org", ORG)
    days = iter(DUE_IN_DAYS)
    texts: list[str] = []
    for name, positions, keep_phrase in PICKS:
        plan = extract_file(PLANS / name)
        tasks = []
        for i in positions:
            t = plan.tasks[i]
            due = MONDAY + timedelta(days=next(days))
            raw = t.deadline.raw if keep_phrase and t.deadline.raw else f"trước ngày {due:%d/%m/%Y}"
            tasks.append(replace(t, deadline=Deadline(raw=raw, kind=DeadlineKind.DATE, due=due)))
            texts.append(t.text)
        plan.tasks = tasks
        plan.document.date = date(2022, 12, 1)  # both plans signed before the week
        ops.import_plan(db, plan, today=date(2023, 1, 2))
    return texts

"""Reminders: which open tasks reach a warning day today, and who is told about them.

The tray notification shows the tasks that are exactly `warn_days` (7, 3, 1) or 0 days
from their due date; the e-mail digest also lists overdue tasks. `recipients` is the one
place that decides who gets a task's reminder, so a named specialist per unit or task
(chuyên viên theo dõi) replaces the unit's address there and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.status import OPEN_STATUSES
from app.core.text import clean
from app.db.models import Department
from app.db.reads.filters import Period, SortKey, TaskFilter
from app.db.reads.settings import setting_in, soon_days_in, warn_days
from app.db.reads.tasks import TaskRow, task_ids_in, task_rows_in, units_of
from app.db.store import Database


@dataclass(frozen=True, slots=True)
class Reminder:
    days_left: int  # negative: overdue by that many days
    task: TaskRow


@dataclass(slots=True)
class Recipient:
    address: str
    name: str  # the specialist or the unit, as greeted in the mail
    reminders: list[Reminder] = field(default_factory=list)


def due_reminders(db: Database, today: date, *, overdue: bool = False) -> list[Reminder]:
    """Open tasks due on a warning day from today (and overdue ones when asked), soonest
    first."""
    days = set(warn_days(db)) | {0}
    with db.read() as s:
        soon = soon_days_in(s)
        window = TaskFilter(
            statuses=OPEN_STATUSES,
            due_from=today,
            due_to=today + timedelta(days=max(days)),
            today=today,
            soon_days=soon,
        )
        ids = task_ids_in(s, window, SortKey.DUE)
        rows = [
            r for r in task_rows_in(s, ids, today, soon) if r.due and (r.due - today).days in days
        ]
        if overdue:
            late = task_ids_in(s, TaskFilter(period=Period.OVERDUE, today=today), SortKey.DUE)
            rows = task_rows_in(s, late, today, soon) + rows
    return [Reminder((r.due - today).days if r.due else 0, r) for r in rows]


def recipients(db: Database, reminders: Sequence[Reminder]) -> list[Recipient]:
    """Who is reminded of what: a task whose specialist (its own, else its lead unit's) has
    an e-mail address goes to that specialist; any other task to its lead and coordinating
    units that have one."""
    with db.read() as s:
        return _recipients(s, reminders)


def specialist_emails_in(s: Session) -> dict[str, str]:
    """The specialists' addresses for the digest (setting `specialist_emails`, per database:
    every PC sends to the same people), keyed by the name in NFC."""
    stored = setting_in(s, "specialist_emails", {})
    if not isinstance(stored, dict):
        return {}
    return {clean(str(k)): str(v).strip() for k, v in stored.items() if str(v).strip()}


def specialist_emails(db: Database) -> dict[str, str]:
    with db.read() as s:
        return specialist_emails_in(s)


def _recipients(s: Session, reminders: Sequence[Reminder]) -> list[Recipient]:
    units = units_of(s, [r.task.id for r in reminders])
    emails = dict(
        s.execute(select(Department.id, Department.email).where(Department.email != "")).all()
    )
    people = specialist_emails_in(s)
    out: dict[str, Recipient] = {}
    for rem in reminders:
        who = clean(rem.task.specialist)
        if who and people.get(who):
            rec = out.setdefault(people[who].lower(), Recipient(people[who], who))
            if rem not in rec.reminders:
                rec.reminders.append(rem)
            continue
        roles = units.get(rem.task.id, {})
        for dept_id, name in [*roles.get("lead", []), *roles.get("coordinating", [])]:
            address = (emails.get(dept_id) or "").strip()
            if not address:
                continue
            rec = out.setdefault(address.lower(), Recipient(address, name))
            if rem not in rec.reminders:
                rec.reminders.append(rem)
    return sorted(out.values(), key=lambda r: r.address.lower())


def department_emails(db: Database) -> dict[int, str]:
    with db.read() as s:
        return dict(s.execute(select(Department.id, Department.email)).all())

"""Helpers on a task shared by the reads and the write operations: snapshots, search
keys, the stored deadline and its reference date. Nothing here commits."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.deadlines.types import Deadline, DeadlineKind, Recurrence
from app.core.text import fold
from app.db.models import Plan, Task
from app.db.reads.settings import work_calendar_in
from app.db.reads.terms import plan_term_in


@dataclass(frozen=True, slots=True)
class TaskInput:
    """A task's fields as the editor edits them (department ids already chosen): a new
    task (`ops.create_task`) or the changed fields of one (`ops.update_task`, by name).
    The one list of a task's editable fields: `EDITABLE` and the editor follow it."""

    text: str
    lead_id: int | None = None
    coordinator_ids: tuple[int, ...] = ()
    following_ids: tuple[int, ...] = ()
    deadline: Deadline = field(default_factory=Deadline)
    due_override: date | None = None
    product: str = ""
    note: str = ""
    completed_on: date | None = None
    plan_id: int | None = None
    section: str = ""
    number: str = ""


# The fields `ops.update_task` changes: all of TaskInput's but the plan, fixed at creation.
EDITABLE = tuple(f.name for f in fields(TaskInput) if f.name != "plan_id")

# How far ahead recurring deadlines are expanded into occurrence rows.
OCCURRENCE_HORIZON_DAYS = 400


def current_user() -> str:
    """The OS user name: who made a change, for the audit log and progress notes."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "?"


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def plan_keys(number: str | None, issuer: str | None) -> tuple[str | None, str]:
    """A plan's stored identity (unique together): its number without accents, case or
    spaces (None when it has none: no identity), and its issuer folded."""
    return fold(number or "").replace(" ", "") or None, fold(issuer or "").strip()


def task_deadline(task: Task) -> Deadline:
    """The Deadline value stored (flattened) on a task."""
    return Deadline(
        raw=task.deadline_raw or "",
        kind=DeadlineKind(task.deadline_kind or "unspecified"),
        start=task.start_date,
        due=task.due_date,
        occurrences=tuple(o.due_date for o in task.occurrences) if task.recurrence is None else (),
        recurrence=Recurrence.from_json(task.recurrence),
        condition=task.condition,
        done=task.done_flag,
        continuing=task.continuing,
    )


def search_key(
    text: str,
    units: list[str],
    deadline_raw: str = "",
    extra: list[str] | None = None,
) -> str:
    """Accent-folded text searched by the task table: "quy" finds "Quý"."""
    parts = [text, *units, deadline_raw, *(extra or [])]
    return fold(" | ".join(p for p in parts if p))


def snapshot(task: Task) -> dict[str, Any]:
    """Everything needed to show, compare or restore a task (JSON-safe)."""

    def iso(d: date | None) -> str | None:
        return d.isoformat() if d else None

    return {
        "id": task.id,
        "plan_id": task.plan_id,
        "section": task.section,
        "number": task.number,
        "position": task.position,
        "text": task.text,
        "product": task.product,
        "note": task.note,
        "deadline_raw": task.deadline_raw,
        "deadline_kind": task.deadline_kind,
        "start_date": iso(task.start_date),
        "due_date": iso(task.due_date),
        "recurrence": task.recurrence,
        "condition": task.condition,
        "continuing": task.continuing,
        "done_flag": task.done_flag,
        "due_override": task.due_override,
        "completed_on": iso(task.completed_on),
        "version": task.version,
        "units": [
            {"department_id": u.department_id, "role": u.role, "position": u.position}
            for u in task.units
        ],
        "occurrences": [
            {"due_date": iso(o.due_date), "completed_on": iso(o.completed_on)}
            for o in task.occurrences
        ],
    }


def plan_date(s: Session, plan_id: int | None) -> date | None:
    """A plan's signing date: what its year-less deadlines are read against."""
    if plan_id is None:
        return None
    return s.scalar(select(Plan.signed_on).where(Plan.id == plan_id))


def task_ref(s: Session, task: Task) -> date:
    """The reference date of a task's deadline: its plan's signing date, else creation."""
    signed = plan_date(s, task.plan_id)
    if signed:
        return signed
    return task.created_at.date() if task.created_at else date.today()


def reparse(s: Session, task: Task) -> Deadline:
    """The task's deadline phrase read again (its manual due date was cleared)."""
    # Imported here: the deadline engine compiles its patterns on import (a few hundred
    # ms) and the window's start-up path reaches this module.
    from app.core.deadlines.parse import parse_deadline

    ref = task_ref(s, task)
    return parse_deadline(
        task.deadline_raw,
        ref,
        term=plan_term_in(s, task.plan_id, ref),
        calendar=work_calendar_in(s),
    )

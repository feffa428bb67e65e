"""Pure helpers shared by the services and queries: snapshots, search keys, deadlines.

Nothing here commits; `services.py` is the only writer.
"""

from __future__ import annotations

import getpass
from datetime import date, datetime
from typing import Any

from app.core.deadlines.types import Deadline, DeadlineKind, Recurrence
from app.core.text import fold
from app.db.models import Department, Role, Task

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


def unit_names(task: Task, role: Role | str) -> list[str]:
    return [u.department.name for u in task.units if u.role == role]


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


def department_path(dept: Department) -> str:
    names = []
    node: Department | None = dept
    seen: set[int] = set()
    while node is not None and node.id not in seen:
        seen.add(node.id)
        names.append(node.name)
        node = node.parent
    return " › ".join(reversed(names))

"""One task in full: its row, units by role, the deadline as stored, the progress log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.deadlines.types import Deadline
from app.db.models import ProgressNote, Task
from app.db.reads.settings import soon_days_in
from app.db.reads.tasks import TaskRow, task_rows_in, units_of
from app.db.reads.terms import plan_term_in
from app.db.store import Database
from app.db.taskdata import task_deadline, task_ref


@dataclass(frozen=True, slots=True)
class NoteInfo:
    id: int
    created_at: Any
    author: str
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class TaskDetail:
    row: TaskRow
    lead_id: int | None
    coordinator_ids: tuple[int, ...]
    following_ids: tuple[int, ...]
    due_override: bool
    deadline: Deadline
    ref: date
    term: tuple[int, int]  # the congress term its "cuối nhiệm kỳ" means
    occurrences: tuple[tuple[date, date | None], ...]
    notes: tuple[NoteInfo, ...]

    def values(self) -> dict[str, Any]:
        """The task as TaskInput's fields: what the editor starts from and undo puts back."""
        r = self.row
        return {
            "text": r.text,
            "lead_id": self.lead_id,
            "coordinator_ids": self.coordinator_ids,
            "following_ids": self.following_ids,
            "deadline": self.deadline,
            "due_override": r.due if self.due_override else None,
            "product": r.product,
            "note": r.note,
            "completed_on": r.completed_on,
            "plan_id": r.plan_id,
            "section": r.section,
            "number": r.number,
        }


def task_detail(db: Database, task_id: int, today: date) -> TaskDetail | None:
    """Everything the details panel and the editor show of one task (None: deleted)."""
    with db.read() as s:
        return _detail(s, task_id, today)


def _detail(s: Session, task_id: int, today: date) -> TaskDetail | None:
    task = s.get(Task, task_id)
    if task is None:
        return None
    rows = task_rows_in(s, [task_id], today, soon_days_in(s))
    units = units_of(s, [task_id]).get(task_id, {})
    notes = s.scalars(
        select(ProgressNote)
        .where(ProgressNote.task_id == task_id)
        .order_by(ProgressNote.created_at, ProgressNote.id)
    ).all()
    return TaskDetail(
        row=rows[0],
        lead_id=units["lead"][0][0] if units.get("lead") else None,
        coordinator_ids=tuple(i for i, _ in units.get("coordinating", [])),
        following_ids=tuple(i for i, _ in units.get("following", [])),
        due_override=task.due_override,
        deadline=task_deadline(task),
        ref=(ref := task_ref(s, task)),
        term=plan_term_in(s, task.plan_id, ref),
        occurrences=tuple((o.due_date, o.completed_on) for o in task.occurrences),
        notes=tuple(NoteInfo(n.id, n.created_at, n.author, n.text, n.source) for n in notes),
    )

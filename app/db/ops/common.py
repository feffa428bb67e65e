"""Shared pieces of the write operations: audit entries, units, deadlines, completion."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.deadlines.occurrences import next_occurrence
from app.core.deadlines.parse import occurrence_dates
from app.core.deadlines.types import Deadline, Recurrence
from app.core.roles import Role
from app.core.status import implied_completion
from app.core.text import clean
from app.db.models import (
    AuditEntry,
    Department,
    EvidenceFile,
    Occurrence,
    ProgressNote,
    Task,
    TaskDepartment,
)
from app.db.taskdata import (
    OCCURRENCE_HORIZON_DAYS,
    current_user,
    now,
    search_key,
)
from app.errors import (
    NotFoundError,
    ValidationError,
)

# --------------------------------------------------------------------------- audit


def audit(
    s: Session,
    action: str,
    entity: str,
    entity_id: int | None,
    summary: str,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> None:
    s.add(
        AuditEntry(
            at=now(),
            user=current_user(),
            action=action,
            entity=entity,
            entity_id=entity_id,
            summary=summary[:500],
            old=old,
            new=new,
        )
    )


def write_note(
    s: Session, task_id: int, text: str, *, author: str, source: str, summary: str, **extra: Any
) -> ProgressNote:
    """A progress note and its audit entry (typed in the window or collected from a reply)."""
    note = ProgressNote(task_id=task_id, created_at=now(), author=author, text=text, source=source)
    s.add(note)
    s.flush()
    audit(s, "note", "task", task_id, summary, None, {"note_id": note.id, "text": text, **extra})
    return note


# --------------------------------------------------------------------------- tasks


def load_task(s: Session, task_id: int) -> Task:
    task = s.scalars(
        select(Task)
        .where(Task.id == task_id)
        .options(
            selectinload(Task.units).selectinload(TaskDepartment.department),
            selectinload(Task.occurrences),
        )
    ).one_or_none()
    if task is None:
        raise NotFoundError(f"Không tìm thấy nhiệm vụ #{task_id} (có thể đã bị xóa).")
    return task


def check_text(text: str) -> str:
    text = clean(text)
    if not text:
        raise ValidationError("Nội dung nhiệm vụ không được để trống.", field="text")
    return text


def set_units(s: Session, task: Task, role: Role, ids: Sequence[int]) -> None:
    ids = [i for i in dict.fromkeys(ids) if i is not None]
    found = set(s.scalars(select(Department.id).where(Department.id.in_(ids)))) if ids else set()
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError(f"Đơn vị #{missing[0]} không tồn tại.", field=str(role))
    task.units[:] = [u for u in task.units if u.role != role]
    for pos, dept_id in enumerate(ids):
        task.units.append(TaskDepartment(department_id=dept_id, role=str(role), position=pos))


def refresh_search(s: Session, task: Task) -> None:
    """Recompute the folded search text; no flush, so an edit is one UPDATE (one version)."""
    ids = [u.department_id for u in task.units]
    names = (
        dict(s.execute(select(Department.id, Department.name).where(Department.id.in_(ids))).all())
        if ids
        else {}
    )
    task.search_text = search_key(
        task.text,
        [names.get(u.department_id, "") for u in task.units],
        task.deadline_raw,
        [task.number, task.product, task.note],
    )


def occurrence_dates_for(dl: Deadline, today: date) -> list[date]:
    if dl.recurrence is not None:
        return occurrence_dates(dl, today + timedelta(days=OCCURRENCE_HORIZON_DAYS))
    return list(dl.occurrences) if len(dl.occurrences) > 1 else []


def apply_deadline(task: Task, dl: Deadline, today: date, ref: date | None = None) -> None:
    """Store a Deadline on a task and rebuild its occurrence rows (keeping completions).

    A phrase that says the work is done completes the task here, on the date it implies
    (`ref`: the plan's date, else today), so every writer agrees with the status rule.
    """
    task.deadline_raw = dl.raw
    task.deadline_kind = str(dl.kind)
    task.start_date = dl.start
    task.recurrence = dl.recurrence.to_json() if dl.recurrence else None
    task.condition = dl.condition
    task.continuing = dl.continuing
    task.done_flag = dl.done
    done_by_due = {o.due_date: o.completed_on for o in task.occurrences}
    dates = occurrence_dates_for(dl, today)
    task.occurrences[:] = [Occurrence(due_date=d, completed_on=done_by_due.get(d)) for d in dates]
    if not task.due_override:
        task.due_date = dl.due
    sync_current_occurrence(task)
    implied = implied_completion(dl, ref or today)
    if implied is not None and task.completed_on is None and not task.occurrences:
        task.completed_on = min(implied, today)  # "đã thực hiện trong tháng này": by today


def sync_current_occurrence(task: Task) -> None:
    """A task with occurrences is due at its oldest open one, so one overdue occurrence
    keeps it overdue until done. When every occurrence is done, a recurrence that goes on
    gets its next one at once (never "overdue" until the next start); a list or a bounded
    recurrence is then finished, on the day its last occurrence was done."""
    if not task.occurrences or task.due_override:
        return
    open_ = [o for o in task.occurrences if o.completed_on is None]
    rec = Recurrence.from_json(task.recurrence)
    if not open_ and rec is not None:
        last = max(o.due_date for o in task.occurrences)
        following = next_occurrence(rec, last + timedelta(days=1))
        if following is not None:
            task.occurrences.append(Occurrence(due_date=following))
            open_ = [task.occurrences[-1]]
    if open_:
        task.due_date = min(o.due_date for o in open_)
        task.completed_on = None
    else:
        task.due_date = max(o.due_date for o in task.occurrences)
        task.completed_on = max(o.completed_on for o in task.occurrences if o.completed_on)


def same_snapshot(a: dict[str, Any], b: dict[str, Any]) -> bool:
    skip = {"version"}
    return {k: v for k, v in a.items() if k not in skip} == {
        k: v for k, v in b.items() if k not in skip
    }


def complete(task: Task, day: date, occurrence_due: date | None = None) -> None:
    """Complete a task, or one occurrence of it (default: the oldest open one)."""
    if task.occurrences:
        target = completion_target(task, occurrence_due)
        if target is not None:
            target.completed_on = day
        sync_current_occurrence(task)
        return
    task.completed_on = day


def completion_target(task: Task, occurrence_due: date | None = None) -> Occurrence | None:
    """The occurrence `complete` marks: the one named, else the oldest still open."""
    if occurrence_due is not None:
        return next((o for o in task.occurrences if o.due_date == occurrence_due), None)
    open_ = [o for o in task.occurrences if o.completed_on is None]
    return min(open_, key=lambda o: o.due_date) if open_ else None


def reopen(task: Task, occurrence_due: date | None = None) -> None:
    if task.occurrences:
        done = sorted(
            (o for o in task.occurrences if o.completed_on is not None),
            key=lambda o: o.due_date,
        )
        target = None
        if occurrence_due is not None:
            target = next((o for o in done if o.due_date == occurrence_due), None)
        elif done:
            target = done[-1]
        if target is not None:
            target.completed_on = None
        task.completed_on = None
        sync_current_occurrence(task)
        return
    task.completed_on = None


_SNAPSHOT_FIELDS = (
    "section",
    "number",
    "position",
    "text",
    "product",
    "note",
    "deadline_raw",
    "deadline_kind",
    "recurrence",
    "condition",
    "continuing",
    "done_flag",
    "due_override",
)


def restore_task(s: Session, task: Task | None, snap: dict[str, Any]) -> Task:
    """A task as its snapshot (`taskdata.snapshot` + notes) holds it: the stored one
    overwritten, or (None) made again with its id; units of departments since deleted
    are left out."""
    stamp = now()
    if task is None:
        task = Task(id=snap["id"], plan_id=snap["plan_id"], created_at=stamp, version=1)
        task.notes = [
            ProgressNote(
                created_at=datetime.fromisoformat(n["created_at"]),
                author=n["author"],
                text=n["text"],
                source=n["source"],
                document=n.get("document", ""),
                evidence=[
                    EvidenceFile(sha256=e["sha256"], name=e["name"], size=e["size"], added_at=stamp)
                    for e in n.get("evidence", [])
                ],
            )
            for n in snap.get("notes", [])
        ]
        s.add(task)
    for name in _SNAPSHOT_FIELDS:
        setattr(task, name, snap[name])
    task.start_date = to_date(snap["start_date"])
    task.due_date = to_date(snap["due_date"])
    task.completed_on = to_date(snap["completed_on"])
    # issue 21 (migration 0009): absent from snapshots taken before it
    task.specialist = snap.get("specialist", "")
    task.cancelled_on = to_date(snap.get("cancelled_on"))
    task.cancel_kind = snap.get("cancel_kind", "")
    task.cancel_reason = snap.get("cancel_reason", "")
    task.cancel_document = snap.get("cancel_document", "")
    task.updated_at = stamp
    task.units[:] = []
    task.occurrences[:] = []
    s.flush()
    task.units.extend(
        TaskDepartment(department_id=u["department_id"], role=u["role"], position=u["position"])
        for u in snap["units"]
        if s.get(Department, u["department_id"]) is not None
    )
    task.occurrences.extend(
        Occurrence(due_date=to_date(o["due_date"]), completed_on=to_date(o["completed_on"]))
        for o in snap["occurrences"]
    )
    refresh_search(s, task)
    s.flush()
    return task


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None

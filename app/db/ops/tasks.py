"""Task edits: create, update (optimistic locking), complete, delete/restore, notes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.core.deadlines.parse import occurrence_dates
from app.core.deadlines.types import Deadline
from app.core.roles import Role
from app.core.text import clean
from app.db.changes import Change, Created, Removed
from app.db.models import (
    Occurrence,
    ProgressNote,
    Task,
)
from app.db.ops.common import (
    apply_deadline,
    audit,
    check_text,
    complete,
    completion_target,
    load_task,
    refresh_search,
    reopen,
    restore_task,
    same_snapshot,
    set_units,
    sync_current_occurrence,
    write_note,
)
from app.db.ops.history import extension_rows, put_extensions
from app.db.store import Database
from app.db.taskdata import (
    EDITABLE,
    OCCURRENCE_HORIZON_DAYS,
    TaskInput,
    current_user,
    now,
    plan_date,
    reparse,
    snapshot,
    task_deadline,
    task_ref,
)
from app.errors import (
    ConflictError,
    NotFoundError,
    ValidationError,
)


def create_task(db: Database, data: TaskInput, *, today: date | None = None) -> Created:
    today = today or date.today()
    with db.session() as s:
        stamp = now()
        pos = 0
        if data.plan_id is not None:
            pos = (
                s.scalar(
                    select(Task.position)
                    .where(Task.plan_id == data.plan_id)
                    .order_by(Task.position.desc())
                    .limit(1)
                )
                or 0
            ) + 1
        task = Task(
            plan_id=data.plan_id,
            section=data.section,
            number=data.number,
            position=pos,
            text=check_text(data.text),
            product=clean(data.product),
            note=data.note.strip(),
            specialist=clean(data.specialist),
            created_at=stamp,
            updated_at=stamp,
            due_override=data.due_override is not None,
            completed_on=data.completed_on,
            version=1,
        )
        task.units = []
        task.occurrences = []
        s.add(task)
        if data.due_override is not None:
            task.due_date = data.due_override
        apply_deadline(task, data.deadline, today, plan_date(s, data.plan_id))
        if data.completed_on is not None:
            complete(task, data.completed_on)
        set_units(s, task, Role.LEAD, [data.lead_id] if data.lead_id else [])
        set_units(s, task, Role.COORDINATING, data.coordinator_ids)
        set_units(s, task, Role.FOLLOWING, data.following_ids)
        refresh_search(s, task)
        s.flush()
        audit(
            s, "create", "task", task.id, f"Thêm nhiệm vụ: {task.text[:80]}", None, snapshot(task)
        )
        return Created(Change(tasks=frozenset({task.id}), summary="Đã thêm nhiệm vụ"), task.id)


def update_task(
    db: Database,
    task_id: int,
    *,
    expected_version: int | None = None,
    today: date | None = None,
    **changes: Any,
) -> Change:
    """Change fields of a task; ConflictError when someone saved it since it was loaded.

    `due_override=None` clears a manual due date; `deadline` is a parsed Deadline.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown task fields: {sorted(unknown)}")
    today = today or date.today()
    try:
        with db.session() as s:
            task = load_task(s, task_id)
            old = snapshot(task)
            if expected_version is not None and task.version != expected_version:
                raise ConflictError(
                    "Nhiệm vụ này vừa được người khác sửa và lưu. Hãy xem hai phiên bản "
                    "rồi chọn giữ bản nào (dữ liệu chưa bị ghi đè).",
                    mine={"changes": _jsonable(changes)},
                    theirs=old,
                )
            # One UPDATE for the whole edit: queries below must not flush half of it.
            with s.no_autoflush:
                if "text" in changes:
                    task.text = check_text(changes["text"])
                for name in ("product", "section", "number", "specialist"):
                    if name in changes:
                        setattr(task, name, clean(changes[name]))
                if "note" in changes:
                    task.note = (changes["note"] or "").strip()
                if "due_override" in changes:
                    manual = changes["due_override"]
                    task.due_override = manual is not None
                    if manual is not None:
                        task.due_date = manual
                if "deadline" in changes:
                    apply_deadline(task, changes["deadline"], today, task_ref(s, task))
                elif "due_override" in changes and changes["due_override"] is None:
                    apply_deadline(task, reparse(s, task), today, task_ref(s, task))
                if "completed_on" in changes:
                    if changes["completed_on"] is None:
                        reopen(task)
                    else:
                        complete(task, changes["completed_on"])
                if "lead_id" in changes:
                    lead = changes["lead_id"]
                    set_units(s, task, Role.LEAD, [lead] if lead else [])
                if "coordinator_ids" in changes:
                    set_units(s, task, Role.COORDINATING, changes["coordinator_ids"])
                if "following_ids" in changes:
                    set_units(s, task, Role.FOLLOWING, changes["following_ids"])
                refresh_search(s, task)
            new = snapshot(task)
            if same_snapshot(old, new):
                return Change()
            task.updated_at = now()
            s.flush()
            new = snapshot(task)
            audit(s, "update", "task", task.id, _diff_summary(old, new), old, new)
            return Change(tasks=frozenset({task.id}), summary="Đã lưu nhiệm vụ")
    except StaleDataError as ex:
        raise ConflictError(
            "Nhiệm vụ này vừa được người khác sửa và lưu. Hãy tải lại rồi sửa tiếp "
            "(dữ liệu chưa bị ghi đè)."
        ) from ex


def _jsonable(changes: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in changes.items():
        if isinstance(v, Deadline):
            out[k] = v.to_json()
        elif isinstance(v, date):
            out[k] = v.isoformat()
        elif isinstance(v, tuple | list):
            out[k] = list(v)
        else:
            out[k] = v
    return out


_FIELD_LABELS = {
    "text": "nội dung",
    "product": "sản phẩm",
    "note": "ghi chú",
    "deadline_raw": "thời hạn",
    "due_date": "hạn",
    "completed_on": "ngày hoàn thành",
    "units": "đơn vị",
    "section": "mục",
    "number": "số thứ tự",
    "specialist": "chuyên viên theo dõi",
}


def _diff_summary(old: dict[str, Any], new: dict[str, Any]) -> str:
    changed = [label for key, label in _FIELD_LABELS.items() if old.get(key) != new.get(key)]
    head = (new.get("text") or "")[:60]
    return f"Sửa {', '.join(changed) or 'nhiệm vụ'}: {head}"


def set_completion(
    db: Database,
    task_ids: Iterable[int],
    completed_on: date | None,
    *,
    occurrence_due: date | None = None,
) -> Change:
    """Mark tasks done on a day (None: not done). Recurring tasks: the oldest open
    occurrence (or the one named); the summary says which one and which comes next."""
    return restore_completions(
        db, dict.fromkeys(task_ids, completed_on), occurrence_due=occurrence_due
    )


def restore_completions(
    db: Database, days: Mapping[int, date | None], *, occurrence_due: date | None = None
) -> Change:
    """Give each task its own completion day (None: not done): undoes `set_completion`."""
    said: list[str] = []
    with db.session() as s:
        for task_id, completed_on in days.items():
            task = load_task(s, task_id)
            old = snapshot(task)
            target = completion_target(task, occurrence_due) if completed_on else None
            if completed_on is None:
                reopen(task, occurrence_due)
            else:
                complete(task, completed_on, occurrence_due)
            new = snapshot(task)
            if same_snapshot(old, new):
                continue
            task.updated_at = now()
            s.flush()
            verb = "Đánh dấu hoàn thành" if completed_on else "Bỏ đánh dấu hoàn thành"
            if target is not None:
                said.append(_occurrence_done(target.due_date, task))
                verb += f" kỳ {target.due_date:%d/%m/%Y}"
            audit(s, "complete", "task", task.id, f"{verb}: {task.text[:70]}", old, snapshot(task))
    summary = f"Đã cập nhật {len(days)} nhiệm vụ"
    if len(days) == 1 and said:
        summary = said[0]
    return Change(tasks=frozenset(days), summary=summary)


def _occurrence_done(done_due: date, task: Task) -> str:
    """ "Đã hoàn thành kỳ hạn 15/10/2026; kỳ tiếp theo: 15/10/2027" for a recurring task."""
    text = f"Đã hoàn thành kỳ hạn {done_due:%d/%m/%Y}"
    if task.completed_on is None and task.due_date is not None:
        return f"{text}; kỳ tiếp theo: {task.due_date:%d/%m/%Y}"
    return f"{text}; nhiệm vụ đã hoàn thành mọi kỳ hạn"


def reassign(db: Database, task_ids: Iterable[int], lead_id: int | None) -> Change:
    """Give several tasks a new lead unit (multi-select in the table)."""
    return restore_leads(db, dict.fromkeys(task_ids, lead_id))


def restore_leads(db: Database, leads: Mapping[int, int | None]) -> Change:
    """Give each task its own lead unit (None: none): undoes `reassign`."""
    with db.session() as s:
        for task_id, lead_id in leads.items():
            task = load_task(s, task_id)
            old = snapshot(task)
            set_units(s, task, Role.LEAD, [lead_id] if lead_id else [])
            refresh_search(s, task)
            task.updated_at = now()
            s.flush()
            audit(
                s,
                "reassign",
                "task",
                task.id,
                f"Đổi đơn vị chủ trì: {task.text[:70]}",
                old,
                snapshot(task),
            )
    return Change(
        tasks=frozenset(leads), departments=True, summary=f"Đã giao lại {len(leads)} nhiệm vụ"
    )


def delete_tasks(db: Database, task_ids: Iterable[int]) -> Removed:
    """Delete tasks; their snapshots (also kept in the audit log) let `restore_tasks` undo it."""
    ids = list(dict.fromkeys(task_ids))
    snaps: list[dict[str, Any]] = []
    with db.session() as s:
        for task_id in ids:
            task = load_task(s, task_id)
            snap = snapshot(task)
            snap["notes"] = [
                {
                    "created_at": n.created_at.isoformat(),
                    "author": n.author,
                    "text": n.text,
                    "source": n.source,
                    "document": n.document,
                    # the files stay stored (by content) while the undo may bring them back
                    "evidence": [
                        {"sha256": e.sha256, "name": e.name, "size": e.size} for e in n.evidence
                    ],
                }
                for n in task.notes
            ]
            snap["extensions"] = extension_rows(s, task_id)
            s.delete(task)
            audit(s, "delete", "task", task_id, f"Xóa nhiệm vụ: {snap['text'][:70]}", snap, None)
            snaps.append(snap)
    change = Change(tasks=frozenset(ids), departments=True, summary=f"Đã xóa {len(ids)} nhiệm vụ")
    return Removed(change, snaps)


def restore_tasks(db: Database, snapshots: Sequence[dict[str, Any]]) -> Change:
    """Put deleted tasks back exactly as they were (undo of `delete_tasks`)."""
    restored: list[int] = []
    with db.session() as s:
        for snap in snapshots:
            if s.get(Task, snap["id"]) is not None:
                continue
            task = restore_task(s, None, snap)
            s.flush()
            put_extensions(s, task.id, snap.get("extensions", []))
            audit(
                s,
                "restore",
                "task",
                task.id,
                f"Khôi phục nhiệm vụ: {task.text[:70]}",
                None,
                snapshot(task),
            )
            restored.append(task.id)
    return Change(
        tasks=frozenset(restored),
        departments=True,
        summary=f"Đã khôi phục {len(restored)} nhiệm vụ",
    )


def add_progress_note(
    db: Database, task_id: int, text: str, *, author: str | None = None, source: str = ""
) -> Created:
    text = (text or "").strip()
    if not text:
        raise ValidationError("Nội dung tiến độ không được để trống.", field="progress")
    with db.session() as s:
        task = load_task(s, task_id)
        note = write_note(
            s,
            task.id,
            text,
            author=author or current_user(),
            source=source,
            summary=f"Thêm tiến độ: {text[:70]}",
        )
        note_id = note.id
    return Created(Change(tasks=frozenset({task_id}), summary="Đã ghi tiến độ"), note_id)


def delete_progress_note(db: Database, note_id: int) -> Change:
    with db.session() as s:
        note = s.get(ProgressNote, note_id)
        if note is None:
            raise NotFoundError(f"Không tìm thấy ghi chú tiến độ #{note_id}.")
        old: dict[str, Any] = {"task_id": note.task_id, "text": note.text, "author": note.author}
        task_id = note.task_id
        s.delete(note)
        audit(s, "delete_note", "task", task_id, f"Xóa tiến độ: {old['text'][:70]}", old, None)
    return Change(tasks=frozenset({task_id}))


def refresh_occurrences(db: Database, today: date | None = None) -> Change:
    """Extend recurring tasks' occurrence rows so the next due date always exists."""
    today = today or date.today()
    horizon = today + timedelta(days=OCCURRENCE_HORIZON_DAYS)
    touched: set[int] = set()
    with db.session() as s:
        # Older rows may hold the JSON text 'null' instead of SQL NULL: not recurring.
        recurring = Task.recurrence.is_not(None) & (cast(Task.recurrence, Text) != "null")
        tasks = s.scalars(
            select(Task).where(recurring).options(selectinload(Task.occurrences))
        ).all()
        for task in tasks:
            last = max((o.due_date for o in task.occurrences), default=None)
            if last is not None and last >= horizon - timedelta(days=31):
                continue
            have = {o.due_date for o in task.occurrences}
            for d in occurrence_dates(task_deadline(task), horizon):
                if d not in have:
                    task.occurrences.append(Occurrence(due_date=d))
            sync_current_occurrence(task)
            touched.add(task.id)
        if touched:
            audit(
                s,
                "occurrences",
                "task",
                None,
                f"Thêm các kỳ hạn tới {horizon:%d/%m/%Y} cho {len(touched)} nhiệm vụ định kỳ",
                None,
                {"tasks": sorted(touched), "until": horizon.isoformat()},
            )
    return Change(tasks=frozenset(touched))

"""Undoable edits of tasks: each is one operation to do and one to undo.

Every command goes through app.db.ops (so the audit log sees it) and records what undo
needs *before* changing anything: old field values, old completion dates, old lead
units; or takes it from what the operation returned (the snapshots of deleted tasks,
the id of a new task or note). Undo and redo check the task's version, so another PC's
later change is never overwritten silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from app.db import ops
from app.db.reads import tasks
from app.db.store import Database
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.undo import OpCommand


def task_version(ctx: AppContext, task_id: int) -> int | None:
    rows = tasks.task_rows(ctx.db, [task_id], ctx.today())
    return rows[0].version if rows else None


def _rows(ctx: AppContext, ids: Iterable[int]) -> list[tasks.TaskRow]:
    return tasks.task_rows(ctx.db, list(ids), ctx.today())


# --------------------------------------------------------------------------- edit


class UpdateTaskCommand(OpCommand):
    """Change fields of one task; undo puts the old values back.

    Each step remembers the version it produced and the next step expects it, so if
    someone else saved the task in between, undo/redo stops with a conflict message.
    """

    def __init__(
        self,
        ctx: AppContext,
        task_id: int,
        old: dict[str, Any],
        new: dict[str, Any],
        parent_widget: QWidget | None = None,
        *,
        done: bool = False,
        text: str | None = None,
    ) -> None:
        self.task_id = task_id
        self._version = task_version(ctx, task_id) if done else None

        def step(values: dict[str, Any]):
            def run(db: Database) -> ops.Change:
                change = ops.update_task(
                    db, task_id, expected_version=self._version, today=ctx.today(), **values
                )
                self._version = task_version(ctx, task_id)
                return change

            return run

        super().__init__(
            ctx, text or tr("Sửa nhiệm vụ"), step(new), step(old), parent_widget, done=done
        )


# --------------------------------------------------------------------------- completion


def completion_command(
    ctx: AppContext,
    task_ids: Iterable[int],
    day: date | None,
    parent_widget: QWidget | None = None,
) -> OpCommand | None:
    """Mark tasks done on `day` (None: not done). Tasks already in that state are left."""
    rows = _rows(ctx, task_ids)
    if day is not None:
        targets = [r for r in rows if r.completed_on is None]
    else:
        targets = [r for r in rows if r.completed_on is not None]
    if not targets:
        return None
    ids = [r.id for r in targets]
    old_days = {r.id: r.completed_on for r in targets}
    if day is not None:
        text = tr("Đánh dấu hoàn thành {n} nhiệm vụ", n=len(ids))
    else:
        text = tr("Bỏ đánh dấu hoàn thành {n} nhiệm vụ", n=len(ids))
    return OpCommand(
        ctx,
        text,
        lambda db: ops.set_completion(db, ids, day),
        lambda db: ops.restore_completions(db, old_days),
        parent_widget,
    )


# --------------------------------------------------------------------------- reassign


def reassign_command(
    ctx: AppContext,
    task_ids: Iterable[int],
    lead_id: int | None,
    parent_widget: QWidget | None = None,
) -> OpCommand | None:
    rows = [r for r in _rows(ctx, task_ids) if r.lead_id != lead_id]
    if not rows:
        return None
    ids = [r.id for r in rows]
    old_leads = {r.id: r.lead_id for r in rows}
    return OpCommand(
        ctx,
        tr("Giao lại {n} nhiệm vụ", n=len(ids)),
        lambda db: ops.reassign(db, ids, lead_id),
        lambda db: ops.restore_leads(db, old_leads),
        parent_widget,
    )


# --------------------------------------------------------------------------- delete / create


class DeleteTasksCommand(OpCommand):
    """Delete tasks; undo restores them from the snapshots the deletion returned."""

    def __init__(
        self, ctx: AppContext, task_ids: Iterable[int], parent_widget: QWidget | None = None
    ) -> None:
        self.ids = list(dict.fromkeys(task_ids))
        self.snapshots: list[dict[str, Any]] = []

        def do(db: Database) -> ops.Removed:
            removed = ops.delete_tasks(db, self.ids)
            self.snapshots = removed.snapshots
            return removed

        def undo(db: Database) -> ops.Change:
            return ops.restore_tasks(db, self.snapshots)

        super().__init__(ctx, tr("Xóa {n} nhiệm vụ", n=len(self.ids)), do, undo, parent_widget)


class CreateTaskCommand(OpCommand):
    """Add a task; undo deletes it, redo restores the very same task (same id)."""

    def __init__(
        self,
        ctx: AppContext,
        data: ops.TaskInput,
        parent_widget: QWidget | None = None,
        *,
        created_id: int | None = None,
    ) -> None:
        """`created_id`: the editor already created the task; only undo/redo remain."""
        self.task_id: int | None = created_id
        self.snapshots: list[dict[str, Any]] = []

        def do(db: Database) -> ops.Change | ops.Created:
            if self.snapshots:
                return ops.restore_tasks(db, self.snapshots)
            created = ops.create_task(db, data, today=ctx.today())
            self.task_id = created.id
            return created

        def undo(db: Database) -> ops.Removed:
            assert self.task_id is not None
            removed = ops.delete_tasks(db, [self.task_id])
            self.snapshots = removed.snapshots
            return removed

        super().__init__(
            ctx, tr("Thêm nhiệm vụ"), do, undo, parent_widget, done=created_id is not None
        )


# --------------------------------------------------------------------------- progress


class AddNoteCommand(OpCommand):
    """Record progress on a task; undo removes that note."""

    def __init__(
        self,
        ctx: AppContext,
        task_id: int,
        text: str,
        parent_widget: QWidget | None = None,
    ) -> None:
        self.note_id: int | None = None

        def do(db: Database) -> ops.Created:
            created = ops.add_progress_note(db, task_id, text)
            self.note_id = created.id
            return created

        def undo(db: Database) -> ops.Change:
            assert self.note_id is not None
            return ops.delete_progress_note(db, self.note_id)

        super().__init__(ctx, tr("Ghi tiến độ"), do, undo, parent_widget)

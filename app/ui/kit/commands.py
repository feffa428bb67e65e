"""Undoable edits of tasks (git-cola's command objects): each is two service calls.

Every command goes through the services (so the audit log sees it) and records what
undo needs *before* changing anything: old field values, old completion dates, old lead
units, or the snapshots the audit log kept of deleted tasks. Undo and redo check the
task's version, so another PC's later change is never overwritten silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from app.db import services
from app.db.changes import Change
from app.db.reads import audit, details, tasks
from app.db.store import Database
from app.ui.kit.context import AppContext, ServiceCommand
from app.ui.kit.i18n import tr


class Command(ServiceCommand):
    """A ServiceCommand whose first redo is skipped when the edit was already made.

    The editor saves directly first (to catch a conflict or a bad value and keep the
    dialog open), then pushes the command with `done=True` so undo is available.
    """

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        do: Callable[[Database], Change],
        undo: Callable[[Database], Change],
        parent_widget: QWidget | None = None,
        *,
        done: bool = False,
    ) -> None:
        super().__init__(ctx, text, do, undo, parent_widget)
        self._skip_redo = done

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        super().redo()


def task_version(ctx: AppContext, task_id: int) -> int | None:
    rows = tasks.task_rows(ctx.db, [task_id], ctx.today())
    return rows[0].version if rows else None


def _rows(ctx: AppContext, ids: Iterable[int]) -> list[tasks.TaskRow]:
    return tasks.task_rows(ctx.db, list(ids), ctx.today())


# --------------------------------------------------------------------------- edit


class UpdateTaskCommand(Command):
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

        def step(values: dict[str, Any]) -> Callable[[Database], Change]:
            def run(db: Database) -> Change:
                change = services.update_task(
                    db,
                    task_id,
                    expected_version=self._version,
                    today=ctx.today(),
                    **values,
                )
                self._version = task_version(ctx, task_id)
                return change

            return run

        super().__init__(
            ctx,
            text or tr("Sửa nhiệm vụ"),
            step(new),
            step(old),
            parent_widget,
            done=done,
        )


# --------------------------------------------------------------------------- completion


def completion_command(
    ctx: AppContext,
    task_ids: Iterable[int],
    day: date | None,
    parent_widget: QWidget | None = None,
) -> Command | None:
    """Mark tasks done on `day` (None: not done). Tasks already in that state are left."""
    rows = _rows(ctx, task_ids)
    if day is not None:
        targets = [r for r in rows if r.completed_on is None]
    else:
        targets = [r for r in rows if r.completed_on is not None]
    if not targets:
        return None
    ids = [r.id for r in targets]
    old_days: dict[date | None, list[int]] = defaultdict(list)
    for r in targets:
        old_days[r.completed_on].append(r.id)

    def do(db: Database) -> Change:
        return services.set_completion(db, ids, day)

    def undo(db: Database) -> Change:
        change = Change()
        for old, group in old_days.items():
            change = change | services.set_completion(db, group, old)
        return change

    if day is not None:
        text = tr("Đánh dấu hoàn thành {n} nhiệm vụ", n=len(ids))
    else:
        text = tr("Bỏ đánh dấu hoàn thành {n} nhiệm vụ", n=len(ids))
    return Command(ctx, text, do, undo, parent_widget)


# --------------------------------------------------------------------------- reassign


def reassign_command(
    ctx: AppContext,
    task_ids: Iterable[int],
    lead_id: int | None,
    parent_widget: QWidget | None = None,
) -> Command | None:
    rows = [r for r in _rows(ctx, task_ids) if r.lead_id != lead_id]
    if not rows:
        return None
    ids = [r.id for r in rows]
    old_leads: dict[int | None, list[int]] = defaultdict(list)
    for r in rows:
        old_leads[r.lead_id].append(r.id)

    def do(db: Database) -> Change:
        return services.reassign(db, ids, lead_id)

    def undo(db: Database) -> Change:
        change = Change()
        for old, group in old_leads.items():
            change = change | services.reassign(db, group, old)
        return change

    return Command(ctx, tr("Giao lại {n} nhiệm vụ", n=len(ids)), do, undo, parent_widget)


# --------------------------------------------------------------------------- delete / create


class DeleteTasksCommand(Command):
    """Delete tasks; undo restores them from the snapshots the audit log kept."""

    def __init__(
        self, ctx: AppContext, task_ids: Iterable[int], parent_widget: QWidget | None = None
    ) -> None:
        self.ids = list(dict.fromkeys(task_ids))
        self.snapshots: list[dict[str, Any]] = []

        def do(db: Database) -> Change:
            change = services.delete_tasks(db, self.ids)
            self.snapshots = audit.deleted_task_snapshots(db, self.ids)
            return change

        def undo(db: Database) -> Change:
            return services.restore_tasks(db, self.snapshots)

        super().__init__(ctx, tr("Xóa {n} nhiệm vụ", n=len(self.ids)), do, undo, parent_widget)


class CreateTaskCommand(Command):
    """Add a task; undo deletes it, redo restores the very same task (same id)."""

    def __init__(
        self,
        ctx: AppContext,
        data: services.TaskInput,
        parent_widget: QWidget | None = None,
        *,
        created_id: int | None = None,
    ) -> None:
        """`created_id`: the editor already created the task; only undo/redo remain."""
        self.task_id: int | None = created_id
        self.snapshots: list[dict[str, Any]] = []

        def do(db: Database) -> Change:
            if self.snapshots:
                return services.restore_tasks(db, self.snapshots)
            change = services.create_task(db, data, today=ctx.today())
            self.task_id = next(iter(change.tasks))
            return change

        def undo(db: Database) -> Change:
            assert self.task_id is not None
            change = services.delete_tasks(db, [self.task_id])
            self.snapshots = audit.deleted_task_snapshots(db, [self.task_id])
            return change

        super().__init__(
            ctx, tr("Thêm nhiệm vụ"), do, undo, parent_widget, done=created_id is not None
        )


# --------------------------------------------------------------------------- progress


class AddNoteCommand(Command):
    """Record progress on a task; undo removes that note."""

    def __init__(
        self,
        ctx: AppContext,
        task_id: int,
        text: str,
        parent_widget: QWidget | None = None,
    ) -> None:
        self.note_id: int | None = None

        def do(db: Database) -> Change:
            change = services.add_progress_note(db, task_id, text)
            detail = details.task_detail(db, task_id, ctx.today())
            mine = [n.id for n in detail.notes if n.text == text.strip()] if detail else []
            self.note_id = max(mine) if mine else None
            return change

        def undo(db: Database) -> Change:
            if self.note_id is None:
                return Change()
            return services.delete_progress_note(db, self.note_id)

        super().__init__(ctx, tr("Ghi tiến độ"), do, undo, parent_widget)

"""What every window and dialog shares: the database, the change signal, undo, errors.

Operations (app.db.ops) go through `AppContext.apply`, which announces the returned
`Change` on one signal (anki's operations); views refresh from that signal alone. Undoable
edits are `app.ui.kit.undo.OpCommand`s pushed with `AppContext.push`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.db.changes import Change, HasChange, change_of
from app.db.reads import settings
from app.db.store import Database

log = logging.getLogger(__name__)
T = TypeVar("T", bound=Change | HasChange)


class AppContext(QObject):
    changed = Signal(object)  # app.db.changes.Change

    def __init__(
        self,
        db: Database,
        *,
        today: Callable[[], date] = date.today,
        settings: QSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self.undo_stack = QUndoStack(self)
        self.qsettings = settings or QSettings("DonDoc", "dondoc")

    def today(self) -> date:
        return self._today()

    def setting(self, key: str) -> Any:
        return settings.setting(self.db, key)

    def soon_days(self) -> int:
        return settings.soon_days(self.db)

    def announce(self, change: Change) -> None:
        self.changed.emit(change)

    def apply(self, op: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call an operation of app.db.ops and announce what it changed; errors propagate
        to the caller. Returns what the operation returned."""
        result = op(self.db, *args, **kwargs)
        self.announce(change_of(result))
        return result

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

"""What every window and dialog shares: the database, the change signal, undo, errors.

Service calls go through `AppContext.apply`, which announces the returned `Change` on
one signal (anki's operations); views refresh from that signal, never from ad-hoc ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db.changes import Change
from app.db.reads import settings
from app.db.store import Database
from app.errors import DonDocError
from app.ui.kit.i18n import tr

log = logging.getLogger(__name__)


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

    def apply(self, fn: Callable[..., Change], *args: Any, **kwargs: Any) -> Change:
        """Call a service and announce what it changed; errors propagate to the caller."""
        change = fn(self.db, *args, **kwargs)
        if change is not None:
            self.announce(change)
        return change

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)


class ServiceCommand(QUndoCommand):
    """An undoable edit: two service calls, one to do and one to undo.

    A failing redo/undo (e.g. a conflict with another PC) is shown, not raised, and the
    command marks itself obsolete so the stack stays consistent.
    """

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        do: Callable[[Database], Change],
        undo: Callable[[Database], Change],
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._do = do
        self._undo = undo
        self._widget = parent_widget
        self.error: DonDocError | None = None

    def _run(self, fn: Callable[[Database], Change]) -> None:
        try:
            self.ctx.announce(fn(self.ctx.db))
            self.error = None
        except DonDocError as ex:
            self.error = ex
            self.setObsolete(True)
            show_error(self._widget, ex)

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)


def show_error(parent: QWidget | None, error: BaseException, trace: str = "") -> None:
    """A readable dialog; programming errors are logged with where the log file is."""
    if isinstance(error, DonDocError):
        QMessageBox.warning(parent, tr("Không thực hiện được"), str(error))
        return
    from app.ui.kit.logs import log_file

    log.error("unexpected error: %r\n%s", error, trace)
    QMessageBox.critical(
        parent,
        tr("Lỗi không mong muốn"),
        tr(
            "Xin lỗi, chương trình gặp lỗi không mong muốn và chưa thực hiện được thao tác. "
            "Dữ liệu đã lưu không bị ảnh hưởng. Chi tiết được ghi trong tệp nhật ký:\n{path}",
            path=str(log_file()),
        ),
    )

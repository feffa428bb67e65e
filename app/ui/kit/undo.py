"""The one undo-command base (git-cola's command objects): an edit is two operations.

`do` and `undo` each call one operation of app.db.ops and return what it returned; the
Change in it is announced so views refresh. A failing step (e.g. a conflict with another
PC) is shown, not raised, and the command marks itself obsolete so the stack stays
consistent. `done=True` pushes an edit already made (the editor saves first, to keep its
dialog open on a bad value): the first redo is then skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from app.db.changes import change_of
from app.db.store import Database
from app.errors import DonDocError
from app.ui.kit.context import AppContext
from app.ui.kit.logs import show_error

Step = Callable[[Database], Any]  # returns a Change, or a result carrying one


class OpCommand(QUndoCommand):
    def __init__(
        self,
        ctx: AppContext,
        text: str,
        do: Step,
        undo: Step,
        parent_widget: QWidget | None = None,
        *,
        done: bool = False,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._do = do
        self._undo = undo
        self._widget = parent_widget
        self._skip_redo = done
        self.error: DonDocError | None = None

    def _run(self, step: Step) -> None:
        try:
            self.ctx.announce(change_of(step(self.ctx.db)))
            self.error = None
        except DonDocError as ex:
            self.error = ex
            self.setObsolete(True)
            show_error(self._widget, ex)

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)

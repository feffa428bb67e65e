"""The toolbar's own pieces: bundled icons and undo/redo actions with fixed labels.

Qt's standard pixmaps have no calendar, undo or printer (the toolbar showed an "i" for
Lịch and arrows for Hoàn tác), and theme icons exist only on Linux desktops that ship a
theme; so the few the toolbar needs are drawn once as SVG in resources/icons/actions/
and look the same everywhere. `createUndoAction` renames its action after every edit
("Hoàn tác Đánh dấu hoàn thành 3 nhiệm vụ"), which made the toolbar overflow on a
1366-pixel screen: here the toolbar label stays "Hoàn tác" and the edit is named in the
menu, the tooltip and the status bar.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from app.resources import resource_path
from app.ui.kit.i18n import tr


@cache
def drawn_icon(name: str) -> QIcon:
    """resources/icons/actions/<name>.svg (undo, redo, calendar, table, print, import)."""
    return QIcon(str(resource_path("icons", "actions", f"{name}.svg")))


class EditAction(QAction):
    """Hoàn tác or Làm lại: a fixed toolbar label; the edit named everywhere else.

    Its slots are methods, so Qt disconnects them when the window (and the action) goes:
    the undo stack outlives the window when the language is switched.
    """

    def __init__(self, icon: str, label: str, keys: list[str], parent: QWidget) -> None:
        super().__init__(drawn_icon(icon), label, parent)
        self.label = label
        self.setShortcuts([QKeySequence(k) for k in keys])
        self.keys = keys[0]

    def show_edit(self, edit: str) -> None:
        text = tr("{action}: {edit}", action=self.label, edit=edit) if edit else self.label
        self.setText(text)
        self.setIconText(self.label)  # the toolbar's label never changes width
        self.setToolTip(f"{text} ({self.keys})")
        self.setStatusTip(text)


def undo_actions(parent: QWidget, stack: QUndoStack) -> tuple[QAction, QAction]:
    """Hoàn tác (Ctrl+Z) and Làm lại (Ctrl+Y, Ctrl+Shift+Z) bound to `stack`."""
    undo = EditAction("undo", tr("Hoàn tác"), ["Ctrl+Z"], parent)
    undo.triggered.connect(stack.undo)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.undoTextChanged.connect(undo.show_edit)
    undo.setEnabled(stack.canUndo())
    undo.show_edit(stack.undoText())
    redo = EditAction("redo", tr("Làm lại"), ["Ctrl+Y", "Ctrl+Shift+Z"], parent)
    redo.triggered.connect(stack.redo)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.redoTextChanged.connect(redo.show_edit)
    redo.setEnabled(stack.canRedo())
    redo.show_edit(stack.redoText())
    return undo, redo

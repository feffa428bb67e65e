"""Remembered places: dialog sizes that fit the screen, and the last folders used.

The clerk works from the same few folders (the plans received, the letters sent); every
file dialog starting in the home folder made her walk there again each time.

A fixed `resize(1100, 720)` plus a title bar is taller than what a 1366x768 laptop leaves
above its taskbar, so the wizard's buttons were off screen. Here a dialog takes its
remembered size when that still fits, else its default, and never more than the screen's
available area less room for the window frame.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = QSize(40, 60)  # the window frame, its title bar and room for a taskbar at the side


def available_size(widget: QWidget) -> QSize:
    """What a window opened from `widget` may take: its screen's free area less a frame."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(1366, 728) - FRAME
    return screen.availableGeometry().size() - FRAME


def fitted(size: QSize, widget: QWidget) -> QSize:
    return size.boundedTo(available_size(widget))


def size_dialog(
    dialog: QWidget, width: int, height: int, settings: QSettings | None = None, key: str = ""
) -> None:
    """Give `dialog` its remembered size (settings `key`) or `width` x `height`, within the screen;
    remembered again when it closes."""
    size = QSize(width, height)
    if settings is not None and key:
        saved = settings.value(key)
        if isinstance(saved, QSize) and saved.isValid():
            size = saved
    dialog.resize(fitted(size, dialog))
    if settings is not None and key and hasattr(dialog, "finished"):
        dialog.finished.connect(lambda _result: settings.setValue(key, dialog.size()))


def last_folder(settings: QSettings, key: str) -> Path:
    """The folder remembered under `key` when it still exists, else Documents or home."""
    saved = settings.value(key)
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    docs = Path.home() / "Documents"
    return docs if docs.is_dir() else Path.home()


def remember_folder(settings: QSettings, key: str, folder: str | Path) -> None:
    """Remember `folder` under `key` (the folder of a chosen file: pass its parent)."""
    if str(folder) not in ("", "."):
        settings.setValue(key, str(Path(folder)))

"""Logging to a file in the user's data folder, errors shown, and the hook that keeps the app up.

Unexpected exceptions (programming errors) are written with their traceback to the log
and shown as a short apology naming the log file; the window stays open.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.db.files.location import default_data_dir
from app.db.files.private import FILE_MODE, private_dir
from app.errors import DonDocError
from app.ui.kit.i18n import tr
from app.ui.kit.messages import error_message

log = logging.getLogger(__name__)

_configured = False


def log_file() -> Path:
    return default_data_dir() / "logs" / "dondoc.log"


class _PrivateLog(RotatingFileHandler):
    """The log (and each rotated one) readable only by the user: it holds file names,
    unit names and tracebacks with task texts."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def setup_logging() -> None:
    global _configured
    if _configured:
        return
    path = log_file()
    try:
        private_dir(path.parent)
        handler: logging.Handler = _PrivateLog(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _configured = True


def install_excepthook(parent_getter=None) -> None:
    """Route uncaught exceptions in Qt slots to the log and a readable dialog."""

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        trace = "".join(traceback.format_exception(exc_type, exc, tb))
        try:
            show_error(parent_getter() if parent_getter else None, exc, trace)
        except Exception:
            logging.getLogger(__name__).exception("while reporting an error")

    sys.excepthook = hook


def show_error(parent: QWidget | None, error: BaseException, trace: str = "") -> None:
    """A readable dialog; programming errors are logged with where the log file is."""
    if isinstance(error, DonDocError):
        QMessageBox.warning(parent, tr("Không thực hiện được"), error_message(error))
        return
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

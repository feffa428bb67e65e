"""Logging to a file in the user's data folder, and the hook that keeps the app up.

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

from app.db.files.private import FILE_MODE, private_dir
from app.db.store import default_data_dir

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
        from app.ui.kit.context import show_error

        try:
            show_error(parent_getter() if parent_getter else None, exc, trace)
        except Exception:
            logging.getLogger(__name__).exception("while reporting an error")

    sys.excepthook = hook

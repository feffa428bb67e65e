"""The first steps of a GUI start, before SQLAlchemy and the widgets are imported.

Which database to open is known from the command line or the settings file alone, so
its integrity check can start in a thread right away and overlap the imports (about a
second on an office PC) instead of following them.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QSettings

from app.db.files.checks import check_early
from app.db.files.location import default_data_dir, default_db_target

LAST_DB_KEY = "db/last"


def make_qsettings() -> QSettings:
    """Window layout and UI choices, kept in the user's data folder beside the database."""
    folder = default_data_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "dondoc.ini"), QSettings.Format.IniFormat)


def target_for(db_target: str | None, qs: QSettings) -> str:
    """--db / DONDOC_DB, else the file opened last time, else the data folder's file."""
    if db_target:
        return db_target
    if os.environ.get("DONDOC_DB"):
        return default_db_target()
    last = qs.value(LAST_DB_KEY)
    if isinstance(last, str) and last and Path(last).exists():
        return last
    return default_db_target()


def start_checking(db_target: str | None) -> None:
    """Begin checking the database the GUI is about to open (a file; not a server)."""
    target = target_for(db_target, make_qsettings())
    if "://" not in target:
        check_early(target)

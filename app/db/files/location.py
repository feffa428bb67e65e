"""Where the user's data lives, and how a file is named to sqlite3. Kept free of
SQLAlchemy so that start-up can look here before the heavy imports (app/ui/main/early.py)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlencode


def default_data_dir() -> Path:
    """The user's data folder: database, backups, logs and settings live here."""
    override = os.environ.get("DONDOC_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir  # only without DONDOC_DATA_DIR (early start path)

    return Path(user_data_dir("dondoc", appauthor=False, roaming=True))


def default_db_target() -> str:
    """DONDOC_DB, else the database file in the user's data folder."""
    env = os.environ.get("DONDOC_DB")
    if env:
        return env
    return str(default_data_dir() / "dondoc.db")


def sqlite_uri(path: Path, **params: str) -> str:
    """A `file:` URI for sqlite3.connect(uri=True); quotes '#', '?', '%' and spaces."""
    uri = Path(os.path.abspath(path)).as_uri()
    return uri + ("?" + urlencode(params) if params else "")

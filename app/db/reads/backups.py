"""The backups a database has (SQLite files only): newest first, with their task counts."""

from __future__ import annotations

from pathlib import Path

from app.db.files import checks
from app.db.files.backups import database_file
from app.db.files.catalog import BackupInfo, backup_dir, backups_of
from app.db.store import Database

__all__ = ["BackupInfo", "backup_folder", "latest_good_backup", "list_backups"]

Target = str | Path | Database | None  # a path, a URL, an open database, or the default


def list_backups(target: Target) -> list[BackupInfo]:
    """Backups of a database, newest first, with their task counts (-1: unreadable).

    DatabaseError for a PostgreSQL server (its backups are the server's business)."""
    return backups_of(database_file(target))


def latest_good_backup(target: Target) -> BackupInfo | None:
    """The newest backup that passes the integrity check and this app can open."""
    return checks.latest_good_backup(database_file(target))


def backup_folder(target: Target) -> Path:
    """Where a database's backups are kept (beside it)."""
    return backup_dir(database_file(target))

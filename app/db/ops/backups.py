"""Backing the database file up and putting a backup back.

`maintain` is what every start does; `restore_backup` replaces the whole database, so
its Change says everything changed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.db.changes import EVERYTHING, Change
from app.db.files import backups
from app.db.files.restore import restore_database
from app.db.ops.tasks import refresh_occurrences
from app.db.store import Database
from app.errors import DonDocError

log = logging.getLogger(__name__)


def back_up(
    db: Database, dest: Path | None = None, reason: str = "manual", *, force: bool = False
) -> Path:
    """Copy the database now, to `dest` or into its backup folder; the data is unchanged.
    An existing `dest` is overwritten only with `force`."""
    return backups.backup(db, dest, reason=reason, force=force)


def maintain(db: Database, today: date | None = None) -> Change:
    """Every start: a backup of the database as found, then recurring deadlines extended.

    A failed backup (a full disk) is logged, not raised: it must not keep the user out
    of their data.
    """
    try:
        backups.auto_backup(db, "start")
    except DonDocError as ex:
        log.warning("start-up backup failed: %s", ex)
    return refresh_occurrences(db, today)


@dataclass(frozen=True, slots=True)
class Restored:
    """A backup put back: everything changed; `safety` holds the data it replaced."""

    safety: Path | None

    @property
    def change(self) -> Change:
        return EVERYTHING | Change(summary="Đã khôi phục dữ liệu")


def restore_backup(target: str | Path | Database | None, source: Path) -> Restored:
    """Replace the database with a backup (an open Database is closed first); the
    current data is backed up before (see app/db/files/restore.py)."""
    return Restored(restore_database(target, Path(source)))

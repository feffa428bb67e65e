"""Which backups a database file has: their folder, names, dates and task counts.

A backup's time is the one recorded inside it (its `user_version`: seconds since
2020-01-01 UTC, written by app/db/files/backups.py; 0 in a live database), else the
file's mtime; the date in a file name is never trusted (a renamed or copied file, a
clock set wrong).

Plain files and sqlite3 only, below both the pre-flight checks (which name the latest
good backup when a file is damaged) and the backup/restore code that writes them.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.db.files.location import sqlite_uri

NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<uid>\d+(?:-[0-9a-f]+)?))?"
    r"(?:-(?P<reason>[a-z]+))?\.db$"
)
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)  # backups record their time from here, in seconds


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    tasks: int  # -1 when the file cannot be read

    @property
    def readable(self) -> bool:
        return self.tasks >= 0


def backup_dir(db_file: Path) -> Path:
    return Path(db_file).with_name(f"{Path(db_file).stem}-backups")


def read_backup(path: Path) -> tuple[int, datetime | None]:
    """(tasks, time recorded inside) of a backup; tasks -1 when it cannot be read as ours."""
    try:
        con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=2)
        try:
            tasks = int(con.execute("SELECT count(*) FROM tasks").fetchone()[0])
            stamp = int(con.execute("PRAGMA user_version").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return -1, None
    if stamp <= 0:
        return tasks, None
    return tasks, datetime.fromtimestamp(EPOCH.timestamp() + stamp)


def ours(db_file: Path, path: Path) -> re.Match[str] | None:
    """The name parts of `path` when it is a backup of `db_file` by our naming."""
    m = NAME.match(path.name)
    return m if m and m["stem"] == db_file.stem else None


def backups_of(db_file: Path) -> list[BackupInfo]:
    """Backups in the database's backup folder, newest first, with their task counts."""
    folder = backup_dir(db_file)
    found: list[tuple[datetime, int, BackupInfo]] = []
    if not folder.is_dir():
        return []
    for path in folder.glob("*.db"):
        try:
            if not path.is_file():
                continue
            mtime_ns = path.stat().st_mtime_ns
        except OSError:
            continue
        m = NAME.match(path.name)
        tasks, recorded = read_backup(path)
        created = recorded or datetime.fromtimestamp(mtime_ns / 1e9)
        reason = (m["reason"] or "") if m else ""
        found.append((created, mtime_ns, BackupInfo(path, created, reason, tasks)))
    found.sort(key=lambda x: (x[0], x[1], x[2].path.name), reverse=True)
    return [info for *_, info in found]

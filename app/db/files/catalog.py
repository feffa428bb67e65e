"""Which backups a database file has: their folder, names, dates and task counts.

Plain files and sqlite3 only, below both the pre-flight checks (which name the latest
good backup when a file is damaged) and the backup/restore code that writes them.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.db.files.location import sqlite_uri

NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?(?:-(?P<reason>[a-z]+))?\.db$"
)


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


def task_count(path: Path) -> int:
    """The tasks in a backup file, -1 when it cannot be read as one of ours."""
    try:
        con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=2)
        try:
            return int(con.execute("SELECT count(*) FROM tasks").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return -1


def ours(db_file: Path, path: Path) -> re.Match | None:
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
            m = ours(db_file, path) or NAME.match(path.name)
            created = (
                datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
                if m
                else datetime.fromtimestamp(path.stat().st_mtime)
            )
        except (OSError, ValueError):
            continue
        seq = int(m["seq"]) if m and m["seq"] else 1
        reason = (m["reason"] or "") if m else ""
        found.append((created, seq, BackupInfo(path, created, reason, task_count(path))))
    found.sort(key=lambda x: (x[0], x[1], x[2].path.name), reverse=True)
    return [info for *_, info in found]

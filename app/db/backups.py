"""Backups of the SQLite file: automatic (on start, before imports), manual, and restore.

Backups use SQLite's online backup API, so they are consistent even while another
program has the database open. They live in a folder beside the database
("<name>-backups"), and the newest N (setting `backup_keep`) are kept.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.db.store import Database, check_sqlite_file, to_url
from app.errors import DatabaseError

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<reason>[a-z]+))?\.db$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    tasks: int  # -1 when the file cannot be read


def backup_dir(db_file: Path) -> Path:
    return db_file.with_name(f"{db_file.stem}-backups")


def _db_file(target: str | Path | None) -> Path:
    from app.db.store import default_db_target

    url = to_url(target or default_db_target())
    if not url.startswith("sqlite:///"):
        raise DatabaseError("Sao lưu và khôi phục tệp chỉ dùng cho cơ sở dữ liệu SQLite.")
    return Path(url.removeprefix("sqlite:///"))


def _copy(src: Path, dest: Path) -> Path:
    """Consistent copy through the online backup API, written atomically."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=10)
        try:
            out = sqlite3.connect(str(tmp))
            try:
                source.backup(out)
                out.execute("PRAGMA journal_mode = DELETE")
            finally:
                out.close()
        finally:
            source.close()
        os.replace(tmp, dest)
    except sqlite3.Error as ex:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(f"Không sao lưu được {src}: {ex}") from ex
    return dest


def _keep(db: Database) -> int:
    from app.db.queries import get_setting

    try:
        with db.read() as s:
            return max(1, int(get_setting(s, "backup_keep")))
    except Exception:
        return 20


def backup(db: Database, dest: Path | None = None, reason: str = "manual") -> Path:
    """Back up now; to `dest`, or into the backup folder (then old ones are pruned)."""
    if not db.is_sqlite or db.path is None:
        raise DatabaseError("Sao lưu tệp chỉ dùng cho cơ sở dữ liệu SQLite.")
    if dest is not None:
        return _copy(db.path, Path(dest))
    folder = backup_dir(db.path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db.path.stem}-{stamp}-{reason}.db"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{db.path.stem}-{stamp}{n:02d}-{reason}.db"
    _copy(db.path, target)
    prune(db.path, _keep(db))
    return target


def auto_backup(db: Database, reason: str) -> Path | None:
    """The automatic backup on start and before imports; skipped for an empty database."""
    if not db.is_sqlite or db.path is None or not db.path.exists():
        return None
    from sqlalchemy import func, select

    from app.db.models import Department, Task

    with db.read() as s:
        if not s.scalar(select(func.count(Task.id))) and not s.scalar(
            select(func.count(Department.id))
        ):
            return None
    return backup(db, reason=reason)


def _count_tasks(path: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(con.execute("SELECT count(*) FROM tasks").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return -1


def list_backups(target: str | Path | None) -> list[BackupInfo]:
    """Backups of a database, newest first, with their task counts."""
    folder = backup_dir(_db_file(target))
    out: list[BackupInfo] = []
    if not folder.is_dir():
        return out
    for path in folder.glob("*.db"):
        m = _NAME.match(path.name)
        created = (
            datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
            if m
            else datetime.fromtimestamp(path.stat().st_mtime)
        )
        reason = (m["reason"] or "") if m else ""
        out.append(BackupInfo(path, created, reason, _count_tasks(path)))
    out.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return out


def prune(db_file: Path, keep: int) -> None:
    for info in list_backups(db_file)[keep:]:
        info.path.unlink(missing_ok=True)


def restore(target: str | Path | None, source: Path) -> Path | None:
    """Replace the database with a backup; the current file is backed up first.

    Returns the safety backup made of the current database (None if there was none).
    """
    db_file = _db_file(target)
    source = Path(source)
    if not source.is_file():
        raise DatabaseError(f"Không tìm thấy tệp sao lưu {source}.")
    check_sqlite_file(source)
    if _count_tasks(source) < 0:
        raise DatabaseError(f"Tệp {source} không phải là bản sao lưu của Đôn Đốc.")
    safety: Path | None = None
    if db_file.exists() and db_file.stat().st_size > 0:
        try:
            check_sqlite_file(db_file)
            db = Database.open(db_file, migrate=False)
            try:
                safety = backup(db, reason="restore")
            finally:
                db.close()
        except DatabaseError:
            # The current file is damaged: keep it aside untouched instead.
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            safety = backup_dir(db_file) / f"{db_file.stem}-{stamp}-damaged.db"
            safety.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(db_file, safety)
    tmp = db_file.with_name(db_file.name + ".restore")
    _copy(source, tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(db_file) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_file)
    Database.open(db_file).close()  # migrates an older backup to the current schema
    return safety

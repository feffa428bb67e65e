"""Restoring a backup: checked in full before anything is replaced, and undoable.

The source is read once, into a private copy (SQLite's backup API, so a file changed
while we read it gives a consistent copy or an error); that copy is what is checked —
integrity, every table and column of its schema revision, the app's mark
(app/db/files/verify.py) — and what is restored, so a file swapped after the check
never reaches the database.

The copy is then written *into* the database file through the same API, as one
transaction, while holding an exclusive lock: a crash mid-way leaves the old data, and
a restore is refused while another Đôn Đốc has the file open. The current data is
backed up first (the safety copy, which `dondoc restore SAFETY` brings back: undo); a
damaged file is set aside untouched instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from app.db.files.backups import (
    _copy,
    _copy_from,
    _file_size,
    _need_space,
    _new_name,
    _now,
    _unique,
    _write_failed,
    database_file,
)
from app.db.files.catalog import backup_dir
from app.db.files.checks import HINT_CLOSE, check_sqlite_file, classify
from app.db.files.journal import MARK_SHARED, SHARED_SETTING, marked_shared
from app.db.files.location import sqlite_uri
from app.db.files.private import create_private, private_dir
from app.db.files.verify import verify_database_file
from app.db.store import Database
from app.errors import DatabaseError

_LOCK_TIMEOUT = 3.0


def restore_database(target: str | Path | Database | None, source: Path) -> Path | None:
    """Replace the database with a backup; the current data is backed up first.

    Returns that safety backup (None when there was no data). Pass the open Database
    (its pooled connections are closed) or close it before: a restore is refused while
    any connection, of this or another program, has the file open.
    """
    if isinstance(target, Database):
        target.close()
    db_file = database_file(target)
    source = Path(source)
    if not source.is_file():
        raise DatabaseError(f"Không tìm thấy tệp sao lưu {source}.", path=source)
    if db_file.exists() and source.resolve() == db_file.resolve():
        raise DatabaseError(
            f"{source} chính là cơ sở dữ liệu đang dùng; hãy chọn một bản sao lưu.", path=source
        )
    check_sqlite_file(source, for_writing=False, suggest_backup=False)  # clear messages first
    folder = private_dir(backup_dir(db_file))
    private = folder / f".restore-{_unique()}.part"
    try:
        _copy(source, private, "khôi phục")
        verify_database_file(private, shown=source)
        safety = _restore_from(db_file, private)
    finally:
        with contextlib.suppress(OSError):
            private.unlink(missing_ok=True)
    Database.open(db_file).close()  # migrates an older backup to the current schema
    return safety


def _restore_from(db_file: Path, checked: Path) -> Path | None:
    if not db_file.exists() or db_file.stat().st_size == 0:
        _copy(checked, db_file, "khôi phục", overwrite=True)
        return None
    try:
        check_sqlite_file(db_file, suggest_backup=False)
        healthy = True
    except DatabaseError as ex:
        if ex.reason not in ("damaged", "foreign", "newer"):
            raise
        healthy = ex.reason != "damaged"
    if healthy:
        return _restore_in_place(db_file, checked)
    return _replace_damaged(db_file, checked)


def _restore_in_place(db_file: Path, source: Path) -> Path:
    """Back up, then overwrite the live file in one transaction under an exclusive lock."""
    size = _file_size(db_file)
    _need_space(db_file.parent, 2 * size + _file_size(source), "khôi phục")
    busy = DatabaseError(
        f"Không khôi phục được: cơ sở dữ liệu {db_file} đang được mở ở chương trình khác "
        "(có thể là Đôn Đốc trên máy khác). Hãy đóng các chương trình đó rồi khôi phục lại; "
        "dữ liệu không bị thay đổi.",
        path=db_file,
        reason="locked",
    )
    con = sqlite3.connect(str(db_file), timeout=_LOCK_TIMEOUT, isolation_level=None)
    try:
        try:
            con.execute("PRAGMA locking_mode = EXCLUSIVE")
            # Leaving WAL mode needs every other connection closed: the test that nobody
            # else has the file open. Then the restore is an ordinary rollback-journal
            # transaction, any page size.
            mode = con.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if mode != "delete":
                raise busy
            con.execute("BEGIN EXCLUSIVE")
            con.execute("COMMIT")  # exclusive locking mode keeps the lock from here on
        except sqlite3.OperationalError as ex:
            if classify(ex) == "locked":
                raise busy from ex
            raise _write_failed(ex, db_file, "khôi phục") from ex
        safety = _copy_from(
            con,
            _new_name(db_file, "restore"),
            "sao lưu trước khi khôi phục",
            record=_now(),
        )
        shared = marked_shared(con.cursor())
        try:
            src = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True, timeout=10)
            try:
                src.backup(con)
            finally:
                src.close()
            con.execute("PRAGMA user_version = 0")  # a live database, no longer a backup
            if shared:  # still the file several PCs open, whatever the backup says
                con.execute(MARK_SHARED, (SHARED_SETTING,))
        except sqlite3.Error as ex:
            raise _write_failed(ex, db_file, "khôi phục") from ex
    finally:
        con.close()
    return safety


def _replace_damaged(db_file: Path, source: Path) -> Path:
    """Keep the damaged file (and its journals) aside as found, then put the backup in."""
    aside = _new_name(db_file, "damaged")
    _need_space(db_file.parent, _file_size(db_file) + _file_size(source), "khôi phục")
    try:
        private_dir(aside.parent)
        for suffix in ("", "-wal", "-journal"):
            extra = Path(f"{db_file}{suffix}")
            if extra.exists():
                kept = create_private(Path(f"{aside}{suffix}"))
                shutil.copyfile(extra, kept)
    except OSError as ex:
        raise _write_failed(ex, aside, "giữ lại tệp hỏng") from ex
    tmp = db_file.with_name(f".{db_file.name}.{_unique()}.restore")
    _copy(source, tmp, "khôi phục")
    try:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, db_file)
    except OSError as ex:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(
            f"Không thay được tệp {db_file} ({ex.strerror or ex}): tệp đang được mở ở chương "
            f"trình khác? {HINT_CLOSE}",
            path=db_file,
            reason="locked",
        ) from ex
    return aside

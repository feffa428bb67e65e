"""Backups of the SQLite file: automatic (on start, before imports), manual, and restore.

Backups use SQLite's online backup API, so they are consistent even while another
program has the database open; each copy is verified (quick_check) and written under a
temporary name first, so a crash or a full disk never leaves a half-written backup
with a real name. They live beside the database ("<name>-backups"); the newest N
(setting `backup_keep`) are kept.

Restoring writes the backup *into* the database file through the same API, as one
transaction, while holding an exclusive lock: a crash mid-way leaves the old data, and
a restore is refused while another Đôn Đốc has the file open. The current data is
backed up first; a damaged file is set aside untouched instead.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app.db.files.catalog import NAME, backup_dir, backups_of, ours, task_count
from app.db.files.checks import HINT_CLOSE, check_sqlite_file, classify
from app.db.files.location import default_db_target, sqlite_uri
from app.db.models import Department, Task
from app.db.reads.settings import setting
from app.db.store import Database, display_target, to_url
from app.errors import DatabaseError

_MARGIN = 2 * 1024 * 1024  # free space kept on top of what a copy needs
_LOCK_TIMEOUT = 3.0


def database_file(target: str | Path | Database | None) -> Path:
    if isinstance(target, Database):
        target = target.target
    url = to_url(target or default_db_target())
    if not url.startswith("sqlite:///"):
        raise DatabaseError(
            "Sao lưu và khôi phục tệp chỉ dùng cho cơ sở dữ liệu SQLite. Với máy chủ "
            f"PostgreSQL ({display_target(str(target))}), hãy dùng công cụ sao lưu của máy "
            "chủ (pg_dump).",
            reason="server",
        )
    return Path(url.removeprefix("sqlite:///"))


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB"


def _need_space(folder: Path, needed: int, what: str) -> None:
    """Refuse before starting when the disk obviously cannot hold the copy."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        free = shutil.disk_usage(probe).free
    except OSError:
        return
    if free < needed + _MARGIN:
        raise DatabaseError(
            f"Không đủ chỗ trống trên đĩa để {what}: cần khoảng {_mb(needed + _MARGIN)}, "
            f"còn {_mb(free)} trong {folder} (disk full). Hãy xóa bớt tệp hoặc bản sao lưu cũ "
            "rồi thử lại; dữ liệu hiện tại không bị thay đổi.",
            path=folder,
            reason="disk_full",
        )


def _write_failed(ex: BaseException, dest: Path, what: str) -> DatabaseError:
    """A clear message for a failed write of a backup/restored file."""
    err = getattr(ex, "errno", None)
    reason = classify(ex) if isinstance(ex, sqlite3.Error) else ""
    if err in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or reason in ("disk_full", "io"):
        return DatabaseError(
            f"Không ghi được {dest} khi {what}: đĩa đầy hoặc lỗi ghi đĩa ({ex}). Hãy giải "
            "phóng chỗ trống rồi thử lại; dữ liệu hiện tại không bị thay đổi.",
            path=dest,
            reason="disk_full" if reason != "io" or err else "io",
        )
    if err in (errno.EACCES, errno.EPERM, errno.EROFS) or reason == "readonly":
        return DatabaseError(
            f"Không ghi được {dest} khi {what}: không có quyền ghi (read-only). Hãy chọn thư "
            "mục khác.",
            path=dest,
            reason="readonly",
        )
    if reason == "locked":
        return DatabaseError(
            f"Không {what} được: cơ sở dữ liệu đang bị khóa. {HINT_CLOSE}",
            path=dest,
            reason="locked",
        )
    return DatabaseError(f"Không {what} được ({dest}): {ex}", path=dest, reason=reason or "io")


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _copy_from(source: sqlite3.Connection, dest: Path, what: str) -> Path:
    """Back up an open connection's database into `dest` (temp name, verify, rename)."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as ex:
        raise _write_failed(ex, dest, what) from ex
    tmp = dest.with_name(dest.name + ".part")
    try:
        tmp.unlink(missing_ok=True)
        out = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            source.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            check = out.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            out.close()
        if not check or check[0] != "ok":
            raise DatabaseError(
                f"Bản sao {dest} không đạt kiểm tra toàn vẹn ({check}); đã bỏ. Hãy thử lại.",
                path=dest,
                reason="io",
            )
        _fsync(tmp)
        os.replace(tmp, dest)
    except (sqlite3.Error, OSError) as ex:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise _write_failed(ex, dest, what) from ex
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    return dest


def _file_size(path: Path) -> int:
    total = 0
    for p in (path, Path(f"{path}-wal")):
        with contextlib.suppress(OSError):
            total += p.stat().st_size
    return total


def _copy(src: Path, dest: Path, what: str = "sao lưu") -> Path:
    """Consistent copy of the file `src` through the online backup API."""
    _need_space(dest.parent, _file_size(src), what)
    try:
        source = sqlite3.connect(sqlite_uri(src, mode="ro"), uri=True, timeout=10)
    except sqlite3.Error as ex:
        raise _write_failed(ex, src, what) from ex
    try:
        return _copy_from(source, dest, what)
    finally:
        source.close()


def _keep(db: Database) -> int:
    try:
        return max(1, int(setting(db, "backup_keep")))
    except Exception:  # an unreadable setting must not stop a backup
        return 20


def _new_name(db_file: Path, reason: str) -> Path:
    folder = backup_dir(db_file)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    taken = [
        p.name.removesuffix(".part") for p in folder.glob(f"{glob.escape(db_file.stem)}-{stamp}*")
    ]
    if not taken:
        return folder / f"{db_file.stem}-{stamp}-{reason}.db"
    # Several backups in one second (start + import): a sequence number keeps them apart
    # and in order.
    seqs = [int(m["seq"] or 1) for t in taken if (m := NAME.match(t))]
    return folder / f"{db_file.stem}-{stamp}-{max(seqs, default=1) + 1}-{reason}.db"


def _clean_parts(folder: Path, older_than: float = 3600) -> None:
    """Remove temp files of backups interrupted by a crash (not recent ones: in progress)."""
    if not folder.is_dir():
        return
    cutoff = time.time() - older_than
    for part in folder.glob("*.part"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()


def backup(db: Database, dest: Path | None = None, reason: str = "manual") -> Path:
    """Back up now; to `dest`, or into the backup folder (then old ones are pruned)."""
    if not db.is_sqlite or db.path is None:
        database_file(db)  # raises the PostgreSQL message
        raise DatabaseError("Sao lưu tệp chỉ dùng cho cơ sở dữ liệu SQLite.")
    if dest is not None:
        dest = Path(dest)
        if dest.resolve() == db.path.resolve():
            raise DatabaseError(
                f"Không thể sao lưu {db.path} vào chính nó; hãy chọn tệp khác.", path=dest
            )
        return _copy(db.path, dest)
    target = _new_name(db.path, reason)
    _clean_parts(target.parent)
    _copy(db.path, target)
    prune(db.path, _keep(db))
    return target


def auto_backup(db: Database, reason: str) -> Path | None:
    """The automatic backup on start and before imports; skipped for an empty database.

    Raises DatabaseError (e.g. disk full): before an import that should stop the
    import; on start the caller may warn and go on.
    """
    if not db.is_sqlite or db.path is None or not db.path.exists():
        return None
    with db.read() as s:
        if not s.scalar(select(func.count(Task.id))) and not s.scalar(
            select(func.count(Department.id))
        ):
            return None
    return backup(db, reason=reason)


def prune(db_file: Path, keep: int) -> None:
    """Delete all but the newest `keep` backups (only files named as our backups)."""
    db_file = Path(db_file)
    mine = [b for b in backups_of(db_file) if ours(db_file, b.path)]
    for info in mine[max(1, keep) :]:
        with contextlib.suppress(OSError):
            info.path.unlink()


def _check_source(db_file: Path, source: Path) -> None:
    if not source.is_file():
        raise DatabaseError(f"Không tìm thấy tệp sao lưu {source}.", path=source)
    if db_file.exists() and source.resolve() == db_file.resolve():
        raise DatabaseError(
            f"{source} chính là cơ sở dữ liệu đang dùng; hãy chọn một bản sao lưu.", path=source
        )
    check_sqlite_file(source, for_writing=False, suggest_backup=False)
    if task_count(source) < 0:
        raise DatabaseError(
            f"Tệp {source} không phải là bản sao lưu của Đôn Đốc.", path=source, reason="foreign"
        )


def restore(target: str | Path | Database | None, source: Path) -> Path | None:
    """Replace the database with a backup; the current data is backed up first.

    Returns that safety backup (None when there was no data). Pass the open Database
    (its pooled connections are closed) or close it before: a restore is refused while
    any connection, of this or another program, has the file open.
    """
    if isinstance(target, Database):
        target.close()
    db_file = database_file(target)
    source = Path(source)
    _check_source(db_file, source)
    safety: Path | None = None
    if not db_file.exists() or db_file.stat().st_size == 0:
        _copy(source, db_file, "khôi phục")
    else:
        try:
            check_sqlite_file(db_file, suggest_backup=False)
            healthy = True
        except DatabaseError as ex:
            if ex.reason not in ("damaged", "foreign", "newer"):
                raise
            healthy = ex.reason != "damaged"
        if healthy:
            safety = _restore_in_place(db_file, source)
        else:
            safety = _replace_damaged(db_file, source)
    Database.open(db_file).close()  # migrates an older backup to the current schema
    return safety


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
        safety = _copy_from(con, _new_name(db_file, "restore"), "sao lưu trước khi khôi phục")
        try:
            src = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True, timeout=10)
            try:
                src.backup(con)
            finally:
                src.close()
        except sqlite3.Error as ex:
            raise _write_failed(ex, db_file, "khôi phục") from ex
    finally:
        con.close()
    return safety


def _replace_damaged(db_file: Path, source: Path) -> Path:
    """Keep the damaged file (and its journals) aside as found, then put the backup in."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = backup_dir(db_file) / f"{db_file.stem}-{stamp}-damaged.db"
    _need_space(db_file.parent, _file_size(db_file) + _file_size(source), "khôi phục")
    try:
        aside.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(db_file, aside)
        for suffix in ("-wal", "-journal"):
            extra = Path(f"{db_file}{suffix}")
            if extra.exists():
                shutil.copy2(extra, Path(f"{aside}{suffix}"))
    except OSError as ex:
        raise _write_failed(ex, aside, "giữ lại tệp hỏng") from ex
    tmp = db_file.with_name(db_file.name + ".restore")
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

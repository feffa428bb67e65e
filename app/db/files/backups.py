"""Backups of the SQLite file: automatic (on start, before imports) and manual.

Backups use SQLite's online backup API, so they are consistent even while another
program has the database open; each copy is verified (quick_check) and written under a
temporary name of its own first, then put in place without ever replacing a file, so
a crash or a full disk never leaves a half-written backup with a real name and two
programs backing up at once never touch each other's files. Names carry the time, the
process id and a random part. They live beside the database ("<name>-backups", 0700,
files 0600); the newest N (setting `backup_keep`) are kept, by the time recorded inside
each backup (its `user_version`: seconds since 2020-01-01 UTC; 0 in a live database),
else the file's mtime — never by the name — and never the backup just made.

Restoring (app/db/files/restore.py) first backs up the current data.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.db.files.catalog import EPOCH, backup_dir, backups_of, ours
from app.db.files.checks import HINT_CLOSE, classify
from app.db.files.location import default_db_target, sqlite_uri
from app.db.files.private import create_private, private_dir
from app.db.models import Department, Task
from app.db.reads.settings import setting
from app.db.store import Database, display_target, to_url
from app.errors import DatabaseError

_MARGIN = 2 * 1024 * 1024  # free space kept on top of what a copy needs
_OWN_FILES = ("", "-wal", "-shm", "-journal")


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


def _now() -> datetime:
    return datetime.now(UTC)


def _unique() -> str:
    return f"{os.getpid()}-{secrets.token_hex(3)}"


def _place(tmp: Path, dest: Path, overwrite: bool) -> None:
    """Move the finished copy to its name; never over an existing file unless `overwrite`."""
    if overwrite:
        os.replace(tmp, dest)
        return
    try:
        os.link(tmp, dest)  # atomic, and fails when `dest` exists
    except FileExistsError:
        raise
    except (OSError, NotImplementedError):  # no hard links here (FAT, some shares)
        if sys.platform == "win32":
            os.rename(tmp, dest)  # refuses an existing `dest` on Windows
            return
        if dest.exists():
            raise FileExistsError(errno.EEXIST, "file exists", str(dest)) from None
        os.replace(tmp, dest)
        return
    tmp.unlink()


def _copy_from(
    source: sqlite3.Connection,
    dest: Path,
    what: str,
    *,
    record: datetime | None = None,
    overwrite: bool = False,
) -> Path:
    """Back up an open connection's database into `dest` (own temp name, verify, place).

    `record`: the time written inside the copy (a backup); None marks a live database.
    """
    try:
        private_dir(dest.parent)
    except OSError as ex:
        raise _write_failed(ex, dest, what) from ex
    tmp = dest.with_name(f".{dest.name}.{_unique()}.part")
    try:
        create_private(tmp)
        out = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            source.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            stamp = int((record - EPOCH).total_seconds()) if record is not None else 0
            out.execute(f"PRAGMA user_version = {max(0, stamp)}")
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
        _place(tmp, dest, overwrite)
    except FileExistsError as ex:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise DatabaseError(
            f"Tệp {dest} đã có; không ghi đè. Hãy chọn tên khác (hoặc dondoc backup --force "
            "để ghi đè).",
            path=dest,
            reason="exists",
        ) from ex
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


def _copy(src: Path, dest: Path, what: str = "sao lưu", **options: Any) -> Path:
    """Consistent copy of the file `src` through the online backup API."""
    _need_space(dest.parent, _file_size(src), what)
    try:
        source = sqlite3.connect(sqlite_uri(src, mode="ro"), uri=True, timeout=10)
    except sqlite3.Error as ex:
        raise _write_failed(ex, src, what) from ex
    try:
        return _copy_from(source, dest, what, **options)
    finally:
        source.close()


def _keep(db: Database) -> int:
    try:
        return max(1, int(setting(db, "backup_keep")))
    except Exception:  # an unreadable setting must not stop a backup
        return 20


def _new_name(db_file: Path, reason: str) -> Path:
    """A name no other backup has: time, process id and a random part."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return backup_dir(db_file) / f"{db_file.stem}-{stamp}-{_unique()}-{reason}.db"


def _clean_parts(folder: Path, older_than: float = 3600) -> None:
    """Remove temp files of backups interrupted by a crash (not recent ones: in progress)."""
    if not folder.is_dir():
        return
    cutoff = time.time() - older_than
    for part in folder.glob("*.part"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()


def backup(
    db: Database, dest: Path | None = None, reason: str = "manual", *, force: bool = False
) -> Path:
    """Back up now; to `dest`, or into the backup folder (then old ones are pruned).

    An existing `dest` is refused unless `force`, and the database's own files (the
    file, its -wal/-shm/-journal) always are.
    """
    if not db.is_sqlite or db.path is None:
        database_file(db)  # raises the PostgreSQL message
        raise DatabaseError("Sao lưu tệp chỉ dùng cho cơ sở dữ liệu SQLite.")
    if dest is not None:
        dest = Path(dest)
        _refuse_own_files(db.path, dest)
        if dest.exists() and force and _in_use(dest):
            raise DatabaseError(
                f"{dest} là một cơ sở dữ liệu đang được dùng (có tệp -wal/-journal bên cạnh); "
                "không ghi đè. Hãy chọn tệp khác.",
                path=dest,
                reason="exists",
            )
        return _copy(db.path, dest, record=_now(), overwrite=force)
    target = _new_name(db.path, reason)
    _clean_parts(target.parent)
    _copy(db.path, target, record=_now())
    prune(db.path, _keep(db), made=target)
    return target


def _refuse_own_files(db_file: Path, dest: Path) -> None:
    try:
        dest_real = dest.resolve()
    except OSError:
        return
    own = [Path(f"{db_file}{suffix}").resolve() for suffix in _OWN_FILES]
    if dest_real in own:
        raise DatabaseError(
            f"Không thể sao lưu {db_file} vào chính nó hoặc tệp đi kèm của nó ({dest.name}); "
            "hãy chọn tệp khác.",
            path=dest,
            reason="exists",
        )


def _in_use(path: Path) -> bool:
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))


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


def prune(db_file: Path, keep: int, made: Path | None = None) -> None:
    """Delete all but the newest `keep` backups (only files named as our backups); the
    backup `made` just now is always one of those kept."""
    db_file = Path(db_file)
    mine = [b for b in backups_of(db_file) if ours(db_file, b.path) and b.path != made]
    for info in mine[max(1, keep) - (made is not None) :]:
        with contextlib.suppress(OSError):
            info.path.unlink()

"""Checks on a SQLite file before it is opened for writing, done without modifying it.

A damaged, truncated, foreign, locked, read-only or newer-version file is refused with a
DatabaseError that names the file, says what is wrong and what to do (for a damaged file:
the latest good backup), and the file is left byte-for-byte as it was. A WAL file left
beside the database by a crash is normal: its committed transactions are part of the
database and are recovered by the first read-write open.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import sys
import threading
from pathlib import Path

from app.db.files.catalog import BackupInfo, backups_of
from app.db.files.location import sqlite_uri
from app.db.revisions import IDENTITY_REVISION, known_revisions, reaches
from app.errors import DatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# PRAGMA application_id of a Đôn Đốc database ("DDOC"), set by migration 0007: a SQLite
# file of another program is never taken for ours (restore, open).
APPLICATION_ID = 0x44444F43

HINT_CLOSE = "Hãy đóng Đôn Đốc trên các máy khác (hoặc chương trình đang dùng tệp) rồi thử lại."
HINT_RESTORE = "Hãy khôi phục từ bản sao lưu (dondoc restore --list, rồi dondoc restore TỆP)."

# File systems on which SQLite's WAL mode (shared memory) must not be used.
NETWORK_FS = {
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "nfs",
    "nfs4",
    "afs",
    "ncpfs",
    "9p",
    "fuse.sshfs",
    "fuse.rclone",
    "davfs",
    "fuse.davfs2",
    "glusterfs",
    "ceph",
    "lustre",
}


def is_writable(path: Path) -> bool:
    """Writable for us, and not marked read-only (root ignores permission bits otherwise)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    if not os.access(path, os.W_OK):
        return False
    return sys.platform == "win32" or bool(mode & 0o222)


def network_fs_type(path: Path, mounts_text: str | None = None) -> str | None:
    """The network file system type under `path` (Linux mounts, Windows remote drives)."""
    p = os.path.abspath(path)
    if sys.platform == "win32":
        if p.startswith("\\\\"):
            return "unc"
        try:
            import ctypes  # Windows only

            root = os.path.splitdrive(p)[0] + "\\"
            if ctypes.windll.kernel32.GetDriveTypeW(root) == 4:  # DRIVE_REMOTE
                return "remote"
        except (AttributeError, OSError):
            return None
        return None
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/self/mounts").read_text(errors="replace")
        except OSError:
            return None
    best, best_type = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        inside = p == mount or p.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, best_type = mount, parts[2]
    return best_type if best_type in NETWORK_FS else None


def classify(ex: BaseException) -> str:
    """A DatabaseError reason for a sqlite3 (or driver-wrapped) error."""
    name = getattr(ex, "sqlite_errorname", "") or ""
    msg = str(ex).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in msg or "busy" in msg:
        return "locked"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in msg:
        return "damaged"
    if "not a database" in msg:
        return "damaged"
    if name == "SQLITE_FULL" or "disk is full" in msg:
        return "disk_full"
    if name.startswith("SQLITE_READONLY") or "readonly" in msg:
        return "readonly"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in msg:
        return "unreadable"
    if name.startswith("SQLITE_IOERR") or "i/o error" in msg:
        return "io"
    return "damaged"


def latest_good_backup(db_file: Path) -> BackupInfo | None:
    """The newest backup that passes the integrity check and this app can open."""
    for info in backups_of(db_file):
        if not info.readable:
            continue
        try:
            check_sqlite_file(info.path, for_writing=False, suggest_backup=False)
        except DatabaseError:
            continue
        return info
    return None


def _suggest_backup(path: Path) -> str:
    try:
        info = latest_good_backup(Path(path).expanduser().resolve())
    except DatabaseError:
        info = None
    if info is None:
        return HINT_RESTORE
    return (
        f"Bản sao lưu tốt gần nhất: {info.path} (lúc {info.created:%d/%m/%Y %H:%M}, "
        f'{info.tasks} nhiệm vụ); khôi phục bằng: dondoc restore "{info.path}".'
    )


def damaged(path: Path, what: str, *, suggest: bool = True) -> DatabaseError:
    hint = _suggest_backup(path) if suggest else HINT_RESTORE
    return DatabaseError(
        f"Tệp cơ sở dữ liệu {path} bị hỏng ({what}); chương trình không ghi vào tệp này. {hint}",
        path=path,
        reason="damaged",
    )


def _header_problem(head: bytes, size: int, pending: int) -> str | None:
    """What is wrong with the 100-byte header, or None (see sqlite.org/fileformat.html)."""
    if len(head) < HEADER_SIZE:
        return f"tệp bị cắt cụt: chỉ còn {size} byte (truncated)"
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "phần đầu tệp sai (page size)"
    if head[18] not in (1, 2) or head[19] not in (1, 2) or head[21:24] != b"\x40\x20\x20":
        return "phần đầu tệp sai (header)"
    change, pages = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    if size < page_size:
        return f"tệp bị cắt cụt: {size} byte, nhỏ hơn một trang (truncated)"
    if change == valid_for and pages and pending == 0 and size < pages * page_size:
        return f"tệp bị cắt cụt: có {size // page_size}/{pages} trang (truncated)"
    return None


def _has_backups(path: Path) -> bool:
    return any(b.tasks > 0 for b in backups_of(Path(path).expanduser().resolve()))


def check_sqlite_file(
    path: Path, *, timeout: float = 5.0, suggest_backup: bool = True, for_writing: bool = True
) -> None:
    """Refuse, without writing to it, a file that cannot be used as our database.

    A missing file is fine (a new database is created) when its folder is writable.
    """
    path = Path(path)
    parent = path.parent
    if not path.exists():
        if parent.exists() and for_writing and not is_writable(parent):
            raise DatabaseError(
                f"Không thể tạo cơ sở dữ liệu {path}: thư mục {parent} không ghi được "
                "(read-only). Hãy chọn thư mục khác.",
                path=path,
                reason="readonly",
            )
        return
    if path.is_dir():
        raise DatabaseError(
            f"{path} là một thư mục, không phải tệp cơ sở dữ liệu.", path=path, reason="foreign"
        )
    if not os.access(path, os.R_OK):
        raise DatabaseError(
            f"Không đọc được tệp cơ sở dữ liệu {path} (không có quyền đọc; permission denied). "
            "Hãy nhờ quản trị máy cấp quyền, hoặc chép tệp sang thư mục của bạn.",
            path=path,
            reason="unreadable",
        )
    if for_writing and not is_writable(path):
        raise DatabaseError(
            f"Tệp cơ sở dữ liệu {path} chỉ cho phép đọc (read-only). Hãy bỏ thuộc tính chỉ đọc "
            "của tệp, hoặc chép tệp sang thư mục có quyền ghi rồi mở bản chép; tệp không bị "
            "thay đổi.",
            path=path,
            reason="readonly",
        )
    if for_writing and not is_writable(parent):
        raise DatabaseError(
            f"Thư mục chứa cơ sở dữ liệu {path} không ghi được (read-only): chương trình cần "
            "ghi tệp nhật ký bên cạnh. Hãy cấp quyền ghi cho thư mục, hoặc chép tệp sang thư "
            "mục khác; tệp không bị thay đổi.",
            path=path,
            reason="readonly",
        )
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(HEADER_SIZE)
    except OSError as ex:
        raise DatabaseError(
            f"Không đọc được tệp cơ sở dữ liệu {path}: {ex.strerror or ex}. {HINT_CLOSE}",
            path=path,
            reason="unreadable",
        ) from ex
    if size == 0:
        if suggest_backup and _has_backups(path):
            raise damaged(path, "tệp rỗng, 0 byte, trong khi đã có bản sao lưu")
        return  # an empty file is a new database
    if head[:16] != SQLITE_MAGIC:
        if len(head) < 16 and SQLITE_MAGIC.startswith(head):
            raise damaged(path, f"tệp bị cắt cụt: chỉ còn {size} byte (truncated)")
        raise damaged(
            path,
            "không phải tệp SQLite của Đôn Đốc, hoặc phần đầu tệp bị ghi đè; not a SQLite database",
            suggest=suggest_backup,
        )
    # A WAL or a hot rollback journal may hold pages the file itself does not have yet.
    pending = 0
    for suffix in ("-wal", "-journal"):
        extra = Path(f"{path}{suffix}")
        pending += extra.stat().st_size if extra.exists() else 0
    problem = _header_problem(head, size, pending)
    if problem:
        raise damaged(path, problem, suggest=suggest_backup)
    key = _state_key(path)
    early = _early_checks.pop(key, None) if key is not None else None
    if early is not None and suggest_backup:
        thread, outcome = early
        thread.join()
        if outcome:  # the same file, unchanged, checked while the program was loading
            if outcome[0] is not None:
                raise outcome[0]
            return
    _check_contents(path, timeout=timeout, suggest_backup=suggest_backup)


_early_checks: dict[tuple[object, ...], tuple[threading.Thread, list[DatabaseError | None]]] = {}


def _state_key(path: Path) -> tuple[object, ...] | None:
    """The file's identity and state; an empty -wal that opening the file creates is
    not a change."""
    try:
        stats = [path.stat()]
        for suffix in ("-wal", "-journal"):
            extra = Path(f"{path}{suffix}")
            if extra.exists() and extra.stat().st_size:
                stats.append(extra.stat())
    except OSError:
        return None
    return (str(path.resolve()), *((st.st_size, st.st_mtime_ns) for st in stats))


def check_early(path: str | Path) -> None:
    """Start the integrity check of an existing database file in a thread.

    The check reads the whole file (0.3 s at 100,000 tasks) and SQLite does it without
    holding the GIL, so it runs while the program imports Qt and SQLAlchemy; the real
    open (check_sqlite_file) takes the answer if the file has not changed since.
    """
    path = Path(path)
    key = _state_key(path)
    if key is None or not path.is_file():
        return
    outcome: list[DatabaseError | None] = []

    def run() -> None:
        try:
            _check_contents(path, timeout=5.0, suggest_backup=True)
        except DatabaseError as ex:
            outcome.append(ex)
        except Exception:  # the real check runs again and reports it
            return
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, name="dondoc-db-check", daemon=True)
    _early_checks[key] = (thread, outcome)
    thread.start()


def _check_contents(path: Path, *, timeout: float, suggest_backup: bool) -> None:
    journal = Path(f"{path}-journal")
    hot_journal = journal.exists() and journal.stat().st_size > 0
    # A hot rollback journal must be rolled back (SQLite's own crash recovery): that
    # needs a read-write connection. Otherwise read-only, so nothing is ever changed.
    uri = sqlite_uri(path) if hot_journal else sqlite_uri(path, mode="ro")
    try:
        con = sqlite3.connect(uri, uri=True, timeout=timeout)
        try:
            row = con.execute("PRAGMA quick_check(1)").fetchone()
            tables = {
                r[0]
                for r in con.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                )
            }
            revs = (
                [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
                if "alembic_version" in tables
                else []
            )
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as ex:
        reason = classify(ex)
        if reason == "locked":
            raise DatabaseError(
                f"Cơ sở dữ liệu {path} đang bị chương trình khác khóa (database is locked). "
                f"{HINT_CLOSE} Tệp không bị thay đổi.",
                path=path,
                reason="locked",
            ) from ex
        if reason in ("unreadable", "io", "readonly"):
            raise DatabaseError(
                f"Không đọc được cơ sở dữ liệu {path} ({ex}). Nếu tệp nằm trên ổ mạng, hãy "
                f"kiểm tra kết nối. {HINT_CLOSE}",
                path=path,
                reason=reason,
            ) from ex
        raise damaged(path, str(ex), suggest=suggest_backup) from ex
    if not row or row[0] != "ok":
        raise damaged(path, f"kiểm tra toàn vẹn: {row[0] if row else '?'}", suggest=suggest_backup)
    if tables and "alembic_version" not in tables:
        raise DatabaseError(
            f"Tệp {path} là cơ sở dữ liệu của chương trình khác, không phải của Đôn Đốc; "
            "chương trình không ghi vào tệp này. Hãy chọn đúng tệp.",
            path=path,
            reason="foreign",
        )
    marked = app_id == APPLICATION_ID or (
        app_id == 0 and not any(reaches(r, IDENTITY_REVISION) for r in revs)
    )
    if tables and not marked:
        raise DatabaseError(
            f"Tệp {path} là cơ sở dữ liệu của chương trình khác (không có dấu nhận dạng của "
            "Đôn Đốc); chương trình không ghi vào tệp này. Hãy chọn đúng tệp.",
            path=path,
            reason="foreign",
        )
    unknown = [r for r in revs if r not in known_revisions()]
    if unknown:
        raise DatabaseError(
            f"Cơ sở dữ liệu {path} được tạo bởi phiên bản Đôn Đốc mới hơn (lược đồ {unknown[0]}). "
            "Hãy cập nhật chương trình; tệp không bị thay đổi.",
            path=path,
            reason="newer",
        )

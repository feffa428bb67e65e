"""The SQLite journal mode is decided for the file, not for the PC that opens it.

WAL keeps its index in shared memory, which works only when every program using the
file runs on one computer; over a network share it can corrupt the database. The PC
that shares the folder sees the file on its own disk, so no single PC's view is enough:
a file is *shared* when a PC reached it over the network (that PC marks it in the
settings table, key `shared_database`) or the user said so in Settings ("dùng chung"),
and then every PC, the host included, uses a rollback journal (DELETE).

Leaving WAL needs the file to ourselves. A PC that reaches the file over the network
and cannot leave WAL refuses to open it, saying to close Đôn Đốc on the other PCs; it
never carries on in WAL. On the host the same refusal happens when the database is
opened (`check_opened`); a connection opened later in the session keeps going, as every
program still using WAL is then on the host, and the PCs on the network refuse.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Connection

from app.db.files.checks import network_fs_type
from app.errors import DatabaseError

log = logging.getLogger(__name__)

SHARED_SETTING = "shared_database"
MARK_SHARED = (
    "INSERT INTO settings (key, value) VALUES (?, 'true') "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)
_MODES = ("wal", "delete", "truncate")


@dataclass(frozen=True, slots=True)
class JournalPolicy:
    """How this PC sees one database file."""

    path: Path
    remote: bool  # reached over a network share from this PC
    forced: str  # DONDOC_SQLITE_JOURNAL (wal|delete|truncate) or ""

    @classmethod
    def for_file(cls, path: Path) -> JournalPolicy:
        forced = os.environ.get("DONDOC_SQLITE_JOURNAL", "").strip().lower()
        return cls(
            Path(path), network_fs_type(path) is not None, forced if forced in _MODES else ""
        )

    def wanted(self, marked_shared: bool) -> str:
        """WAL only for a file nobody shares; DONDOC_SQLITE_JOURNAL never forces WAL on one."""
        if self.remote or marked_shared:
            return self.forced if self.forced in ("delete", "truncate") else "delete"
        return self.forced or "wal"


def marked_shared(cur: sqlite3.Cursor) -> bool:
    """The file's own "dùng chung" marker (False for a new file without settings yet)."""
    if not cur.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'"
    ).fetchone():
        return False
    row = cur.execute("SELECT value FROM settings WHERE key = ?", (SHARED_SETTING,)).fetchone()
    try:
        return bool(row) and json.loads(row[0]) is True
    except (TypeError, ValueError):
        return False


def shared_in_wal(path: Path) -> DatabaseError:
    return DatabaseError(
        f"Cơ sở dữ liệu {path} được dùng chung nhưng đang ở chế độ WAL (chỉ an toàn khi mọi "
        "người dùng ở trên cùng một máy) và một chương trình khác đang mở tệp, nên không "
        "chuyển được sang chế độ dùng chung. Hãy đóng Đôn Đốc trên mọi máy khác (kể cả máy "
        "chia sẻ thư mục) rồi mở lại: tệp sẽ chuyển sang chế độ dùng chung và mọi máy đều "
        "theo chế độ đó. Dữ liệu không bị thay đổi.",
        path=path,
        reason="locked",
    )


def apply_journal_mode(cur: sqlite3.Cursor, policy: JournalPolicy, busy_ms: int) -> str:
    """Put the file in the mode it needs; returns the mode it is in.

    Raises DatabaseError when this PC reaches the file over the network and the file
    stays in WAL (another program has it open in WAL).
    """
    want = policy.wanted(marked_shared(cur))
    mode: str = cur.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != want:
        # Switching needs the file to ourselves: try once, without waiting.
        cur.execute("PRAGMA busy_timeout = 0")
        try:
            with contextlib.suppress(sqlite3.Error):
                mode = cur.execute(f"PRAGMA journal_mode = {want}").fetchone()[0]
        finally:
            cur.execute(f"PRAGMA busy_timeout = {busy_ms}")
    if mode == "wal" and want != "wal":
        if policy.remote:
            raise shared_in_wal(policy.path)
        log.warning("%s is shared but stays in WAL while another program has it open", policy.path)
    return mode


def sqlite_driver(dbapi: object) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one (these checks are for SQLite files)."""
    if not isinstance(dbapi, sqlite3.Connection):
        raise TypeError(f"expected a sqlite3 connection, got {type(dbapi).__name__}")
    return dbapi


def check_opened(conn: Connection, policy: JournalPolicy) -> None:
    """At open: a shared file must not be in WAL, whoever (host or not) opens it.

    A PC that reaches the file over the network marks it shared, so that the host obeys.
    `conn` is a SQLAlchemy connection of the database just opened.
    """
    cur = sqlite_driver(conn.connection.driver_connection).cursor()
    try:
        shared = marked_shared(cur)
        mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        cur.close()
    if mode == "wal" and (shared or policy.remote):
        raise shared_in_wal(policy.path)
    if policy.remote and not shared:
        conn.exec_driver_sql(MARK_SHARED, (SHARED_SETTING,))
        conn.commit()

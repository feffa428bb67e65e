"""Opening the database: location, pre-flight checks, SQLite pragmas, migrations, sessions.

A file that is unreadable, damaged, locked or from a newer version is refused with a
DatabaseError that names it and says what to do; it is never modified in that case
(app/db/files/checks.py). Several app instances may share one SQLite file: writes
start with BEGIN IMMEDIATE and wait (busy timeout) instead of failing half-way, and a
shared file (on a network share from any PC's view, or marked "dùng chung") uses a
rollback journal, as WAL needs all users on one host (app/db/files/journal.py).
PostgreSQL (`postgresql://…`, psycopg 3) runs the same code and migrations.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect, make_url, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.db.files.checks import (
    HINT_CLOSE,
    SQLITE_MAGIC,
    check_sqlite_file,
    classify,
)
from app.db.files.journal import JournalPolicy, apply_journal_mode, check_opened
from app.db.files.location import default_data_dir, default_db_target
from app.db.files.private import create_private, private_dir
from app.db.revisions import IDENTITY_REVISION, head_revision, known_revisions, migrations_dir
from app.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "IDENTITY_REVISION",
    "SQLITE_MAGIC",
    "Database",
    "check_sqlite_file",
    "default_data_dir",
    "default_db_target",
    "to_url",
]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10000
_PG_MIGRATION_LOCK = 0x646F6E64  # pg_advisory_xact_lock key: one migrator at a time


def is_url(target: str) -> bool:
    return "://" in target


def to_url(target: str | Path) -> str:
    """A file path or URL -> SQLAlchemy URL (postgresql:// uses psycopg 3)."""
    t = str(target)
    if t.startswith("postgresql://") or t.startswith("postgres://"):
        return "postgresql+psycopg://" + t.split("://", 1)[1]
    if is_url(t):
        return t
    return "sqlite:///" + str(Path(t).expanduser().resolve())


def display_target(target: str | Path) -> str:
    """The database as shown to the user: a path, or a URL without its password."""
    t = str(target)
    if not is_url(t):
        return t
    try:
        return make_url(to_url(t)).render_as_string(hide_password=True)
    except Exception:  # a malformed URL is shown as typed, minus credentials
        return t.split("@", 1)[-1]


def _alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # only when migrating: importing alembic costs ~1 s

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _sqlite_connect_hook(policy: JournalPolicy) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver must not open transactions by itself: "begin" below does, so that a
        # writer takes the write lock first (BEGIN IMMEDIATE) and waits for its turn.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        try:
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = apply_journal_mode(cur, policy, BUSY_TIMEOUT_MS)
            # WAL + NORMAL is durable against crashes of the program; a rollback journal
            # (shared file) needs FULL to survive a power cut.
            cur.execute("PRAGMA synchronous = " + ("NORMAL" if mode == "wal" else "FULL"))
        finally:
            cur.close()

    return on_connect


def _create_private(path: Path, *, shared: bool) -> None:
    """A new database file and its folders readable only by us (SQLite gives its -wal,
    -shm and -journal files the same permissions). On a network share the share's own
    permissions decide, as the other PCs' users must open the file too."""
    try:
        if shared:
            path.parent.mkdir(parents=True, exist_ok=True)
            return
        private_dir(path.parent)
        with contextlib.suppress(FileExistsError):
            create_private(path)
    except OSError as ex:
        raise DatabaseError(
            f"Không tạo được {path}: {ex.strerror or ex}.", path=path, reason="readonly"
        ) from ex


def _sqlite_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get("dondoc_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def translate_error(ex: BaseException, target: str) -> DatabaseError:
    """A driver error during work -> DatabaseError with what happened and what to do."""
    orig = getattr(ex, "orig", None) or ex
    msg = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    where = display_target(target)
    path = None if is_url(target) else target
    pgcode = getattr(getattr(orig, "diag", None), "sqlstate", None) or getattr(
        orig, "sqlstate", None
    )
    if pgcode is not None or "psycopg" in type(orig).__module__:
        if pgcode in ("40001", "40P01", "55P03"):
            return DatabaseError(
                f"Máy khác đang sửa cùng dữ liệu trên {where}; thay đổi của bạn chưa được lưu. "
                "Hãy thử lại.",
                path=path,
                reason="busy",
            )
        if pgcode in ("53100",):
            return DatabaseError(
                f"Máy chủ {where} hết chỗ trống trên đĩa ({msg}).", path=path, reason="disk_full"
            )
        return DatabaseError(
            f"Lỗi kết nối tới máy chủ cơ sở dữ liệu {where}: {msg}. Hãy kiểm tra mạng và máy "
            "chủ rồi thử lại; thay đổi chưa lưu sẽ không được ghi.",
            path=path,
            reason="server",
        )
    reason = classify(orig)
    if reason == "locked":
        return DatabaseError(
            f"Cơ sở dữ liệu {where} đang bận: máy khác đang ghi quá lâu (database is locked). "
            "Thay đổi của bạn chưa được lưu; hãy thử lại sau giây lát.",
            path=path,
            reason="busy",
        )
    if reason == "disk_full":
        return DatabaseError(
            f"Đĩa chứa {where} đã đầy (disk full); thay đổi chưa được lưu, dữ liệu cũ còn "
            "nguyên. Hãy giải phóng chỗ trống rồi thử lại.",
            path=path,
            reason="disk_full",
        )
    if reason == "readonly":
        return DatabaseError(
            f"Không ghi được vào {where} (chỉ đọc; read-only). {HINT_CLOSE}",
            path=path,
            reason="readonly",
        )
    if reason in ("io", "unreadable"):
        return DatabaseError(
            f"Lỗi đọc/ghi tệp {where} ({msg}). Nếu tệp nằm trên ổ mạng, hãy kiểm tra kết "
            "nối; thay đổi chưa được lưu.",
            path=path,
            reason="io",
        )
    return DatabaseError(
        f"Cơ sở dữ liệu {where} bị lỗi ({msg}). Hãy khôi phục từ bản sao lưu.",
        path=path,
        reason="damaged",
    )


class Database:
    """An engine plus session factories for one database (SQLite file or PostgreSQL)."""

    def __init__(self, target: str | Path, engine: Engine) -> None:
        self.target = str(target)
        self.engine = engine
        self.Session = sessionmaker(engine, expire_on_commit=False)
        self._writer = engine.execution_options(dondoc_write=True)
        self.WriteSession = sessionmaker(self._writer, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @property
    def path(self) -> Path | None:
        return None if not self.is_sqlite else Path(self.engine.url.database or "")

    @classmethod
    def open(cls, target: str | Path | None = None, *, migrate: bool = True) -> Database:
        """Check, open and migrate (`upgrade head`) a database; DatabaseError if unusable."""
        target = str(target) if target is not None else default_db_target()
        url = to_url(target)
        policy: JournalPolicy | None = None
        if url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            check_sqlite_file(path)
            policy = JournalPolicy.for_file(path)
            _create_private(path, shared=policy.remote)
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_connect_hook(policy))
            event.listen(engine, "begin", _sqlite_begin)
        else:
            try:
                engine = create_engine(url, pool_pre_ping=True)
            except (SQLAlchemyError, ValueError, ImportError) as ex:
                raise DatabaseError(
                    f"Địa chỉ cơ sở dữ liệu không hợp lệ: {display_target(target)} ({ex}).",
                    reason="server",
                ) from ex
        db = cls(target, engine)
        try:
            if migrate:
                db.migrate()
            else:
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
            if policy is not None and migrate:
                with db._writer.connect() as conn:
                    check_opened(conn, policy)
        except DatabaseError:
            engine.dispose()
            raise
        except (DBAPIError, OperationalError) as ex:
            engine.dispose()
            raise translate_error(ex, target) from ex
        except SQLAlchemyError as ex:
            engine.dispose()
            raise DatabaseError(
                f"Không mở được cơ sở dữ liệu {display_target(target)}: {ex}", reason="damaged"
            ) from ex
        return db

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return _revision(conn)

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema up to `revision`; refuses a schema newer than this app.

        Two instances starting together on a new database: the write lock (SQLite) or an
        advisory lock (PostgreSQL) lets one migrate while the other waits, then finds
        the schema current.
        """
        current = self.current_revision()
        self._refuse_newer(current)
        if current == head_revision() and revision == "head":
            return
        with self._writer.begin() as conn:
            if self.is_postgres:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
            current = _revision(conn)
            self._refuse_newer(current)
            if current == head_revision() and revision == "head":
                return
            from alembic import command  # only now: importing alembic costs ~1 s

            command.upgrade(_alembic_config(conn), revision)

    def _refuse_newer(self, current: str | None) -> None:
        if current is not None and current not in known_revisions():
            raise DatabaseError(
                f"Cơ sở dữ liệu {display_target(self.target)} được tạo bởi phiên bản Đôn Đốc "
                f"mới hơn (lược đồ {current}). Hãy cập nhật chương trình; dữ liệu không bị "
                "thay đổi.",
                path=None if is_url(self.target) else self.target,
                reason="newer",
            )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write session: committed at the end, rolled back on any error.

        On SQLite it takes the write lock at the start (waiting up to the busy timeout
        while another instance writes), so read-then-write never fails half-way.
        """
        try:
            with self.WriteSession() as s, s.begin():
                yield s
        except (OperationalError, DBAPIError) as ex:
            if not isinstance(ex, OperationalError) and not _is_environmental(ex):
                raise
            raise translate_error(ex, self.target) from ex

    def read(self) -> Session:
        """A session for reading only (the caller closes it)."""
        return self.Session()

    def optimize(self) -> None:
        """Refresh the query planner's statistics (cheap; SQLite decides what needs it).

        Maintenance that runs after a commit: best-effort and silent. The change is
        already saved, so a busy file (another PC writing, "database is locked" in DELETE
        mode) or a lost connection must never turn it into a reported failure.
        """
        try:
            with self.engine.connect() as conn:
                if self.is_sqlite:
                    conn.exec_driver_sql("PRAGMA busy_timeout = 0")
                    try:
                        conn.exec_driver_sql("PRAGMA optimize")
                    finally:
                        conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                else:
                    conn.exec_driver_sql("ANALYZE")
                    conn.commit()
        except (SQLAlchemyError, sqlite3.Error, DatabaseError) as ex:
            log.info("maintenance after commit skipped on %s: %s", display_target(self.target), ex)

    def journal_mode(self) -> str | None:
        """The SQLite file's journal mode ("wal", "delete"); None on PostgreSQL."""
        if not self.is_sqlite:
            return None
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA journal_mode").scalar()

    def reconnect(self) -> str | None:
        """Close pooled connections and connect again, so that a changed "dùng chung"
        setting takes effect; returns the journal mode the file is now in."""
        self.engine.dispose()
        return self.journal_mode()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    unknown = [r for r in rows if r not in known_revisions()]
    return unknown[0] if unknown else (rows[0] if rows else None)


def _is_environmental(ex: DBAPIError) -> bool:
    """Errors of the surroundings (damaged file, lost connection), not of our SQL."""
    return type(ex) is SADatabaseError or ex.connection_invalidated

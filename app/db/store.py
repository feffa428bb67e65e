"""Opening the database: location, pre-flight checks, SQLite pragmas, migrations, backups.

A file that is unreadable, damaged, locked or from a newer version is refused with a
DatabaseError that names it and says what to do; it is never modified in that case.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import DatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
_HINT = (
    "Hãy đóng các chương trình khác đang dùng tệp, hoặc khôi phục từ bản sao lưu (dondoc restore)."
)


def default_data_dir() -> Path:
    """The user's data folder: database, backups, logs and settings live here."""
    override = os.environ.get("DONDOC_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("dondoc", appauthor=False, roaming=True))


def default_db_target() -> str:
    """DONDOC_DB, else the database file in the user's data folder."""
    env = os.environ.get("DONDOC_DB")
    if env:
        return env
    return str(default_data_dir() / "dondoc.db")


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


def migrations_dir() -> Path:
    return Path(__file__).with_name("migrations")


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def check_sqlite_file(path: Path) -> None:
    """Refuse, without writing to it, a file that cannot be our database."""
    if not path.exists():
        parent = path.parent
        if parent.exists() and not os.access(parent, os.W_OK):
            raise DatabaseError(f"Không thể tạo cơ sở dữ liệu {path}: thư mục không ghi được.")
        return
    if path.is_dir():
        raise DatabaseError(f"{path} là một thư mục, không phải tệp cơ sở dữ liệu.")
    if not os.access(path, os.R_OK):
        raise DatabaseError(f"Không đọc được tệp cơ sở dữ liệu {path} (không có quyền). {_HINT}")
    size = path.stat().st_size
    if size == 0:
        return  # an empty file is a new database
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head != SQLITE_MAGIC:
        raise DatabaseError(
            f"Tệp {path} không phải là cơ sở dữ liệu Đôn Đốc hoặc đã bị hỏng. {_HINT}"
        )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            row = con.execute("PRAGMA quick_check").fetchone()
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            revs = (
                [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
                if "alembic_version" in tables
                else []
            )
        finally:
            con.close()
    except sqlite3.DatabaseError as ex:
        msg = str(ex)
        if "locked" in msg or "busy" in msg:
            raise DatabaseError(
                f"Cơ sở dữ liệu {path} đang bị khóa bởi chương trình khác. {_HINT}"
            ) from ex
        raise DatabaseError(f"Tệp cơ sở dữ liệu {path} bị hỏng ({msg}). {_HINT}") from ex
    if not row or row[0] != "ok":
        raise DatabaseError(
            f"Tệp cơ sở dữ liệu {path} bị hỏng (kiểm tra toàn vẹn: {row[0] if row else '?'}). {_HINT}"
        )
    if tables and "alembic_version" not in tables and "tasks" in tables:
        raise DatabaseError(f"Tệp {path} không phải là cơ sở dữ liệu Đôn Đốc. {_HINT}")
    unknown = [r for r in revs if r not in known_revisions()]
    if unknown:
        raise DatabaseError(
            f"Cơ sở dữ liệu {path} được tạo bởi phiên bản Đôn Đốc mới hơn (lược đồ {unknown[0]}). "
            "Hãy cập nhật chương trình; tệp không bị thay đổi."
        )


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


class Database:
    """An engine plus a session factory for one database (SQLite file or PostgreSQL)."""

    def __init__(self, target: str | Path, engine: Engine) -> None:
        self.target = str(target)
        self.engine = engine
        self.Session = sessionmaker(engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        return None if not self.is_sqlite else Path(self.engine.url.database or "")

    @classmethod
    def open(cls, target: str | Path | None = None, *, migrate: bool = True) -> Database:
        """Check, open and migrate (`upgrade head`) a database; DatabaseError if unusable."""
        target = str(target) if target is not None else default_db_target()
        url = to_url(target)
        if url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            check_sqlite_file(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _set_sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        db = cls(target, engine)
        try:
            if migrate:
                db.migrate()
            else:
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
        except OperationalError as ex:
            engine.dispose()
            msg = str(ex.orig) if ex.orig else str(ex)
            if "locked" in msg or "busy" in msg:
                raise DatabaseError(f"Cơ sở dữ liệu {target} đang bị khóa. {_HINT}") from ex
            raise DatabaseError(f"Không mở được cơ sở dữ liệu {target}: {msg}") from ex
        except SQLAlchemyError as ex:
            engine.dispose()
            raise DatabaseError(f"Không mở được cơ sở dữ liệu {target}: {ex}") from ex
        return db

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema up to `revision`; refuses a schema newer than this app."""
        from alembic import command

        current = self.current_revision()
        if current is not None and current not in known_revisions():
            raise DatabaseError(
                f"Cơ sở dữ liệu {self.target} được tạo bởi phiên bản Đôn Đốc mới hơn "
                f"(lược đồ {current}). Hãy cập nhật chương trình; dữ liệu không bị thay đổi."
            )
        if current == head_revision() and revision == "head":
            return
        with self.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), revision)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back on any error."""
        with self.Session() as s, s.begin():
            yield s

    def read(self) -> Session:
        """A session for reading only (the caller closes it)."""
        return self.Session()

    def backup_to(self, dest: str | Path) -> Path:
        """Copy the whole database consistently (SQLite online backup API)."""
        if not self.is_sqlite:
            raise DatabaseError("Sao lưu tệp chỉ áp dụng cho cơ sở dữ liệu SQLite.")
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".part")
        tmp.unlink(missing_ok=True)
        src = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            out = sqlite3.connect(str(tmp))
            try:
                src.backup(out)
            finally:
                out.close()
        finally:
            src.close()
        os.replace(tmp, dest)
        return dest

    def close(self) -> None:
        self.engine.dispose()

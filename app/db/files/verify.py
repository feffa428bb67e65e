"""Is this SQLite file a whole, sound Đôn Đốc database? Checked before a restore uses it.

A file that merely has an `alembic_version` and a `tasks` table is not enough: the file
must pass SQLite's full integrity check, name one schema revision this app knows, have
every table and column a database of that revision has (the reference is built by
running our own migrations up to it in memory, so older backups are judged by their
own schema), and carry the app's mark (application_id) when that revision sets it.
"""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from app.db.files.checks import APPLICATION_ID, classify
from app.db.files.journal import sqlite_driver
from app.db.files.location import sqlite_uri
from app.db.store import _alembic_config
from app.errors import DatabaseError

_KEEP_DATA = "Dữ liệu hiện tại không bị thay đổi."


@cache
def expected_schema(revision: str) -> tuple[dict[str, frozenset[str]], int]:
    """Tables -> columns, and the application_id, of a new database at `revision`."""
    from alembic import command  # only when a restore checks a file: alembic costs ~1 s

    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), revision)
        raw = engine.raw_connection()
        try:
            con = sqlite_driver(raw.driver_connection)
            return _schema(con), _app_id(con)
        finally:
            raw.close()
    finally:
        engine.dispose()


def _schema(con: sqlite3.Connection) -> dict[str, frozenset[str]]:
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    ]
    return {
        name: frozenset(row[1] for row in con.execute(f'PRAGMA table_info("{name}")'))
        for name in names
    }


def _app_id(con: sqlite3.Connection) -> int:
    return int(con.execute("PRAGMA application_id").fetchone()[0])


def _foreign(shown: Path, what: str) -> DatabaseError:
    return DatabaseError(
        f"Tệp {shown} không phải là cơ sở dữ liệu của Đôn Đốc ({what}); không khôi phục từ "
        f"tệp này. {_KEEP_DATA}",
        path=shown,
        reason="foreign",
    )


def verify_database_file(path: Path, shown: Path | None = None) -> None:
    """DatabaseError unless `path` is a sound Đôn Đốc database (messages name `shown`)."""
    from app.db.revisions import known_revisions

    shown = shown or path
    try:
        con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=5)
        try:
            problems = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
            schema = _schema(con)
            app_id = _app_id(con)
            revs = (
                [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
                if "alembic_version" in schema
                else []
            )
        finally:
            con.close()
    except sqlite3.Error as ex:
        if classify(ex) == "damaged":
            raise DatabaseError(
                f"Tệp {shown} bị hỏng ({ex}); không khôi phục từ tệp này. {_KEEP_DATA}",
                path=shown,
                reason="damaged",
            ) from ex
        raise DatabaseError(
            f"Không đọc được tệp {shown} ({ex}). {_KEEP_DATA}", path=shown, reason="unreadable"
        ) from ex
    if problems != ["ok"]:
        raise DatabaseError(
            f"Tệp {shown} không đạt kiểm tra toàn vẹn ({'; '.join(problems)[:300]}); không "
            f"khôi phục từ tệp này. {_KEEP_DATA}",
            path=shown,
            reason="damaged",
        )
    if app_id not in (0, APPLICATION_ID):
        raise _foreign(shown, f"tệp của chương trình khác, application_id {app_id:#x}")
    if len(revs) != 1:
        raise _foreign(shown, "không có phiên bản lược đồ")
    if revs[0] not in known_revisions():
        raise DatabaseError(
            f"Tệp {shown} được tạo bởi phiên bản Đôn Đốc mới hơn (lược đồ {revs[0]}). Hãy "
            f"cập nhật chương trình rồi khôi phục. {_KEEP_DATA}",
            path=shown,
            reason="newer",
        )
    tables, expected_id = expected_schema(revs[0])
    missing = [t for t in sorted(tables) if t not in schema]
    missing += [
        f"{t}.{c}" for t in sorted(tables) if t in schema for c in sorted(tables[t] - schema[t])
    ]
    if missing:
        more = f" và {len(missing) - 5} mục khác" if len(missing) > 5 else ""
        raise _foreign(shown, f"thiếu {', '.join(missing[:5])}{more}")
    if expected_id and app_id != expected_id:
        raise _foreign(shown, "thiếu dấu nhận dạng của Đôn Đốc")

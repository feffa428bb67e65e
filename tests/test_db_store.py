"""Opening, migrating and refusing database files."""

from __future__ import annotations

import sqlite3

import pytest

from app.db.revisions import head_revision
from app.db.store import Database
from app.errors import DatabaseError


def test_new_database_is_migrated_to_head(db_path):
    db = Database.open(db_path)
    try:
        assert db.current_revision() == head_revision()
        with sqlite3.connect(db_path) as con:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            assert {"plans", "tasks", "departments", "occurrences", "audit_log"} <= tables
            assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


def test_database_created_by_first_migration_is_upgraded(db_path):
    db = Database.open(db_path, migrate=False)
    db.migrate("0001")
    assert db.current_revision() == "0001"
    db.close()
    db = Database.open(db_path)
    try:
        assert db.current_revision() == head_revision()
        with sqlite3.connect(db_path) as con:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        assert "calendar_days" in tables
    finally:
        db.close()


def test_garbage_file_is_refused_and_left_alone(db_path):
    db_path.write_bytes(b"this is not a database at all" * 100)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError) as info:
        Database.open(db_path)
    assert str(db_path) in str(info.value)
    assert "sao lưu" in str(info.value)
    assert db_path.read_bytes() == before


def test_newer_schema_is_refused(db_path):
    Database.open(db_path).close()
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="mới hơn"):
        Database.open(db_path)
    assert db_path.read_bytes() == before


def test_revision_graph_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    from app.db.revisions import known_revisions
    from app.db.store import _alembic_config

    script = ScriptDirectory.from_config(_alembic_config())
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
    assert head_revision() == script.get_current_head()


def test_migrations_build_the_schema_the_models_describe(db):
    """The ORM models and the migrations agree (no table, column or index missing)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.db.models import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    relevant = [
        d
        for d in diff
        if d[0]
        in ("add_table", "remove_table", "add_column", "remove_column", "add_index", "remove_index")
    ]
    assert relevant == []

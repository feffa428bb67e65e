"""One SQLite file shared by several PCs: the journal mode is the file's, not the PC's.

SQLite's WAL mode needs every user on one host (shared memory); over a network share it
can corrupt the file. The PC that shares the folder sees the file as local, so the mode
is decided by a marker inside the database ("dùng chung"), which every PC obeys; a PC
that cannot leave WAL refuses to open instead of carrying on. The share is simulated
with the function the app uses to detect one (`network_fs_type`); the files, the
connections and the other process are real.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from _safety_tools import big_plan, count_rows, spawn, wait_line
from sqlalchemy import event

from app.db import ops
from app.db.files.journal import SHARED_SETTING
from app.db.files.restore import restore_database
from app.db.store import Database
from app.errors import DatabaseError


def test_a_committed_import_is_not_reported_failed_when_maintenance_is_locked_out(
    tmp_path, monkeypatch
):
    """PRAGMA optimize after the commit meets another PC's lock: the import still succeeds."""
    monkeypatch.setenv("DONDOC_SQLITE_JOURNAL", "delete")
    path = tmp_path / "chung.db"
    db = Database.open(path)
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    holding: list[bool] = []

    def another_pc_writes(session) -> None:
        if not holding and not session.in_nested_transaction():  # our commit, not a savepoint
            other.execute("BEGIN EXCLUSIVE")
            holding.append(True)

    event.listen(db.WriteSession, "after_commit", another_pc_writes)
    try:
        result = ops.import_plan(db, big_plan(20))
        assert holding and len(result.added) == 20
        # The maintenance really met the lock (not a test that cannot fail):
        other_reader = sqlite3.connect(path, timeout=0)
        try:
            try:
                other_reader.execute("PRAGMA optimize")
                locked = False
            except sqlite3.OperationalError as ex:
                locked = "locked" in str(ex)
        finally:
            other_reader.close()
        assert locked
    finally:
        if holding:
            other.execute("COMMIT")
        other.close()
        db.close()
    assert count_rows(path, "tasks") == 20


# A second PC: another process that reaches the same file "over the network".
_CLIENT = """
import sys
from app.db.files import journal
journal.network_fs_type = lambda path, mounts_text=None: "cifs"
from app.db import ops
from app.db.store import Database
from app.errors import DatabaseError
try:
    db = Database.open(sys.argv[1])
except DatabaseError as ex:
    print("refused", ex.reason, str(ex).replace("\\n", " "), flush=True)
    sys.exit(0)
print("opened", db.journal_mode(), flush=True)
ops.create_department(db, sys.argv[2])
print("wrote", flush=True)
sys.stdin.readline()  # keep the file open until the test says
ops.create_department(db, sys.argv[2] + " (2)")
db.close()
print("closed", flush=True)
"""


def _client(path, unit: str):
    proc = spawn(_CLIENT, str(path), unit)
    first = wait_line(proc, "", timeout=120)
    return proc, first


def _release(proc) -> None:
    proc.stdin.write("\n")
    proc.stdin.flush()
    wait_line(proc, "closed", timeout=60)
    proc.wait(30)


def _units(path) -> set[str]:
    with closing(sqlite3.connect(path)) as con:
        return {r[0] for r in con.execute("SELECT name FROM departments")}


def _marker(path):
    with closing(sqlite3.connect(path)) as con:
        row = con.execute("SELECT value FROM settings WHERE key = 'shared_database'").fetchone()
    return row[0] if row else None


def test_host_first_then_client_the_client_refuses_wal_and_then_every_pc_obeys_the_file(tmp_path):
    path = tmp_path / "chung.db"
    host = Database.open(path)  # the PC sharing the folder sees a local file: WAL
    try:
        assert host.journal_mode() == "wal"
        ops.create_department(host, "Văn phòng")
        proc, line = _client(path, "Ban Tổ chức")
        proc.wait(30)
        # The client cannot leave WAL while the host has the file open: it refuses,
        # says what to do, and writes nothing; it never runs WAL over the network.
        assert line.startswith("refused locked") and "đóng Đôn Đốc trên mọi máy khác" in line
        ops.create_department(host, "Ban Dân vận")  # the host is unaffected
        assert host.journal_mode() == "wal"
    finally:
        host.close()
    assert _units(path) == {"Văn phòng", "Ban Dân vận"}
    # With the host closed, the client switches the file and marks it shared...
    proc, line = _client(path, "Ban Tổ chức")
    try:
        assert line == "opened delete"
        wait_line(proc, "wrote")
        assert _marker(path) == "true"
        # ...and the host, reopening while the client works, obeys the marker.
        host = Database.open(path)
        try:
            assert host.journal_mode() == "delete"
            ops.create_department(host, "Ban Tuyên giáo")
        finally:
            host.close()
    finally:
        _release(proc)
    assert not path.with_name("chung.db-wal").exists()
    host = Database.open(path)  # alone again: still the file's mode, not the PC's
    try:
        assert host.journal_mode() == "delete"
    finally:
        host.close()
    assert _units(path) == {
        "Văn phòng",
        "Ban Dân vận",
        "Ban Tổ chức",
        "Ban Tổ chức (2)",
        "Ban Tuyên giáo",
    }


def test_client_first_then_host_both_use_the_rollback_journal(tmp_path):
    path = tmp_path / "chung.db"
    proc, line = _client(path, "Văn phòng")  # the client creates the file on the share
    try:
        assert line == "opened delete"
        wait_line(proc, "wrote")
        host = Database.open(path)
        try:
            assert host.journal_mode() == "delete"
            with host.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            ops.create_department(host, "Ban Tổ chức")
        finally:
            host.close()
    finally:
        _release(proc)
    assert _units(path) == {"Văn phòng", "Văn phòng (2)", "Ban Tổ chức"}
    assert not path.with_name("chung.db-wal").exists()


def test_the_dung_chung_setting_puts_the_file_in_the_rollback_journal_for_every_pc(tmp_path):
    path = tmp_path / "chung.db"
    db = Database.open(path)
    try:
        assert db.journal_mode() == "wal"
        ops.set_setting(db, SHARED_SETTING, True)
        assert db.reconnect() == "delete"
    finally:
        db.close()
    db = Database.open(path)
    try:
        assert db.journal_mode() == "delete"
        ops.set_setting(db, SHARED_SETTING, False)  # only one PC after all
        assert db.reconnect() == "wal"
    finally:
        db.close()


def test_a_host_that_cannot_leave_wal_for_a_shared_file_refuses_to_open(tmp_path):
    """Marked shared, but another program keeps it in WAL: an error, not WAL in silence."""
    path = tmp_path / "chung.db"
    db = Database.open(path)
    ops.set_setting(db, SHARED_SETTING, True)
    db.close()
    with closing(sqlite3.connect(path)) as con:  # an old version of the app switched it back
        assert con.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    holder = sqlite3.connect(path)
    holder.execute("SELECT count(*) FROM tasks").fetchone()  # open, in WAL
    try:
        with pytest.raises(DatabaseError) as info:
            Database.open(path)
        assert info.value.reason == "locked" and "dùng chung" in str(info.value)
    finally:
        holder.close()
    db = Database.open(path)  # alone: switched
    try:
        assert db.journal_mode() == "delete"
    finally:
        db.close()


def test_a_restore_keeps_the_file_marked_shared(tmp_path):
    from app.db.files import backups

    path = tmp_path / "chung.db"
    db = Database.open(path)
    ops.create_department(db, "Văn phòng")
    older = backups.backup(db)  # made before the file was shared
    ops.set_setting(db, SHARED_SETTING, True)
    db.close()
    restore_database(path, older)
    assert _marker(path) == "true"
    db = Database.open(path)
    try:
        assert db.journal_mode() == "delete"
    finally:
        db.close()

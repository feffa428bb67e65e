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

from _safety_tools import big_plan, count_rows
from sqlalchemy import event

from app.db import services
from app.db.store import Database


def test_a_committed_import_is_not_reported_failed_when_maintenance_is_locked_out(
    tmp_path, monkeypatch
):
    """PRAGMA optimize after the commit meets another PC's lock: the import still succeeds."""
    monkeypatch.setenv("DONDOC_SQLITE_JOURNAL", "delete")
    path = tmp_path / "chung.db"
    db = Database.open(path)
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    holding: list[bool] = []

    def another_pc_writes(_session) -> None:
        if not holding:  # right after our commit, before the maintenance
            other.execute("BEGIN EXCLUSIVE")
            holding.append(True)

    event.listen(db.WriteSession, "after_commit", another_pc_writes)
    try:
        result = services.import_plan(db, big_plan(20))
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

"""Two app instances (two processes) on one SQLite file, as on a shared folder.

Writers wait for each other (busy timeout, write lock taken at BEGIN) instead of failing
half-way; a lock held too long is a clear DatabaseError; an edit based on an old
version is a ConflictError carrying both versions.
"""

from __future__ import annotations

import json
import time

import pytest
from _safety_tools import UNITS, big_plan, run_together, spawn, wait_line
from sqlalchemy import func, select

from app.db import ops, store
from app.db.models import AuditEntry, Department, Plan, Task, TaskDepartment
from app.db.store import Database
from app.errors import ConflictError, DatabaseError

_EDITOR = """
import sys
from app.db.store import Database
from app.db import ops
from app.errors import DonDocError
db = Database.open(sys.argv[1])
who, rounds = sys.argv[2], int(sys.argv[3])
ids = [int(x) for x in sys.argv[4].split(",")]
print("ready", flush=True)
sys.stdin.readline()
errors = []
for i in range(rounds):
    task_id = ids[i % len(ids)]
    try:
        # read-then-write in one transaction, the pattern every edit uses
        ops.update_task(db, task_id, note=f"{who} lần {i}")
        ops.set_completion(db, [task_id], None)
    except Exception as ex:
        errors.append(f"{type(ex).__name__}: {ex}")
print("errors", len(errors), errors[:3], flush=True)
"""


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_two_instances_editing_the_same_tasks_never_fail(tmp_path, monkeypatch, journal):
    monkeypatch.setenv("DONDOC_SQLITE_JOURNAL", journal)
    path = tmp_path / "chung.db"
    db = Database.open(path)
    ops.import_plan(db, big_plan(6))
    with db.read() as s:
        ids = ",".join(str(i) for i in s.scalars(select(Task.id)))
    db.close()
    rounds = 15
    editors = [spawn(_EDITOR, str(path), who, str(rounds), ids) for who in ("A", "B")]
    results = run_together(editors, "errors", timeout=240)
    assert results == ["errors 0 []", "errors 0 []"]
    db = Database.open(path)
    try:
        with db.read() as s:
            updates = s.scalar(
                select(func.count(AuditEntry.id)).where(AuditEntry.action == "update")
            )
        assert updates == 2 * rounds  # every edit of both clerks is recorded
    finally:
        db.close()


_HOLD_WRITE_LOCK = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE tasks SET note = 'máy khác đang lưu' WHERE id = 1")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
print("released", flush=True)
sys.stdin.readline()
"""


def _one_task_db(path) -> int:
    db = Database.open(path)
    try:
        ops.import_plan(db, big_plan(2))
        with db.read() as s:
            return s.scalar(select(Task.id).order_by(Task.id.desc()))
    finally:
        db.close()


def test_a_save_waits_while_another_instance_writes(tmp_path):
    path = tmp_path / "chung.db"
    task_id = _one_task_db(path)
    db = Database.open(path)
    holder = spawn(_HOLD_WRITE_LOCK, str(path), "1.5")
    try:
        wait_line(holder, "holding")
        start = time.monotonic()
        ops.update_task(db, task_id, note="lưu sau khi máy kia xong")
        waited = time.monotonic() - start
        wait_line(holder, "released")
    finally:
        holder.kill()
        holder.wait()
        db.close()
    assert waited > 0.5
    db = Database.open(path)
    try:
        with db.read() as s:
            assert s.get(Task, task_id).note == "lưu sau khi máy kia xong"
            assert s.get(Task, 1).note == "máy khác đang lưu"
    finally:
        db.close()


def test_a_lock_held_too_long_is_a_clear_busy_error_and_nothing_half_saved(tmp_path, monkeypatch):
    path = tmp_path / "chung.db"
    task_id = _one_task_db(path)
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 300)
    db = Database.open(path)
    holder = spawn(_HOLD_WRITE_LOCK, str(path), "4")
    try:
        wait_line(holder, "holding")
        with pytest.raises(DatabaseError) as info:
            ops.update_task(db, task_id, note="không lưu được")
        assert info.value.reason == "busy"
        assert "thử lại" in str(info.value) and "chưa được lưu" in str(info.value)
        wait_line(holder, "released")
        ops.update_task(db, task_id, note="lưu lại được")  # retry works
    finally:
        holder.kill()
        holder.wait()
        db.close()
    db = Database.open(path)
    try:
        with db.read() as s:
            assert s.get(Task, task_id).note == "lưu lại được"
            n = s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "update"))
            assert n == 1
    finally:
        db.close()


def test_an_edit_of_an_old_version_from_another_process_is_a_conflict(tmp_path):
    path = tmp_path / "chung.db"
    task_id = _one_task_db(path)
    db = Database.open(path)
    try:
        with db.read() as s:
            loaded = s.get(Task, task_id).version
        other = spawn(
            """
            import sys
            from app.db.store import Database
            from app.db import ops
            db = Database.open(sys.argv[1])
            ops.update_task(db, int(sys.argv[2]), expected_version=int(sys.argv[3]),
                                 product="Báo cáo của máy B")
            print("saved", flush=True)
            """,
            str(path),
            str(task_id),
            str(loaded),
        )
        wait_line(other, "saved")
        other.wait()
        with pytest.raises(ConflictError) as info:
            ops.update_task(db, task_id, expected_version=loaded, product="Bản của máy A")
        assert info.value.theirs["product"] == "Báo cáo của máy B"
        assert info.value.mine["changes"] == {"product": "Bản của máy A"}
        assert "người khác" in str(info.value)
        with db.read() as s:
            assert s.get(Task, task_id).product == "Báo cáo của máy B"
    finally:
        db.close()


_IMPORTER = """
import json, sys
from _safety_tools import big_plan
from app.db import ops
from app.db.store import Database
from app.errors import DuplicateImportError
db = Database.open(sys.argv[1])
who, rounds = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()
done, duplicates, errors = 0, 0, []
for i in range(rounds):
    # Each round: a plan of this process (new units on every PC at once), then the
    # plan every process imports at the same moment.
    for number in (f"{who}-{i}-KH/TU", f"chung-{i}-KH/TU"):
        plan = big_plan(12, number=number, sha=f"{number}-{who}" if number.startswith("chung") else None)
        try:
            ops.import_plan(db, plan, separate=True)  # same texts, other numbers
            done += 1
        except DuplicateImportError:
            duplicates += 1
        except Exception as ex:
            errors.append(f"{type(ex).__name__}: {ex}"[:300])
print("result", json.dumps({"done": done, "duplicates": duplicates, "errors": errors}), flush=True)
"""


@pytest.mark.backends("sqlite", "postgres")
def test_concurrent_imports_never_duplicate_a_unit_or_a_plan(db, db_target):
    """Four PCs import at once, every plan naming the same new units, and all four import
    one common plan per round: each unit exists once, the common plan once."""
    db.close()
    procs, rounds = 4, 3
    workers = [spawn(_IMPORTER, str(db_target), f"may{n}", str(rounds)) for n in range(procs)]
    results = [json.loads(line[7:]) for line in run_together(workers, "result")]
    assert [r["errors"] for r in results] == [[]] * procs
    assert sum(r["done"] for r in results) == procs * rounds + rounds
    assert sum(r["duplicates"] for r in results) == (procs - 1) * rounds
    check = Database.open(db_target)
    try:
        with check.read() as s:
            keys = s.scalars(select(Department.name_key)).all()
            numbers = s.scalars(select(Plan.number)).all()
            linked = s.scalar(select(func.count()).select_from(TaskDepartment))
        assert len(keys) == len(set(keys)) == len(UNITS)
        assert sorted(numbers) == sorted(set(numbers)) and len(numbers) == (procs + 1) * rounds
        assert linked == len(numbers) * 12 * 3  # lead + two coordinators, none lost
    finally:
        check.close()

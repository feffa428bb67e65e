"""SIGKILL in the middle of imports, bulk edits, restores and backups loses nothing.

A real process doing the work is killed (SIGKILL: no clean-up runs) at chosen stages and
at seeded random moments. Afterwards the database opens, passes the integrity check, and
its content (every row of every table) is exactly what it was before — or, when the
kill came after the commit, exactly the finished result.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _safety_tools import ROOT, big_plan, child_env, content_hash, count_rows, wait_line

from app.db import ops
from app.db.reads.backups import list_backups
from app.db.store import Database

pytestmark = pytest.mark.slow

N_IMPORT = 2000  # tasks in the killed import: two chunks of 1000
SEED = 20240515
KILLS: list[str] = []  # what was killed, for the summary at the end of the module


class Worker:
    """The test's side of tests/_crash_worker.py."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "_crash_worker.py")],
            cwd=ROOT,
            env=child_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_line(self.proc, "ready", timeout=120)
        self.pending: list[str] = []  # lines read while looking for another one

    def _next(self, timeout: float) -> str:
        return self.pending.pop(0) if self.pending else wait_line(self.proc, "", timeout)

    def start(self, **job) -> int:
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        while True:  # the child may speak before the worker names it
            line = wait_line(self.proc, "", timeout=120)
            if line.startswith("child "):
                return int(line.split()[1])
            self.pending.append(line)

    def wait(self, pid: int, what: str, timeout: float = 300) -> str:
        """The next line of child `pid` that is `what` (error or exit: fail)."""
        while True:
            line = self._next(timeout)
            if line.startswith(f"{pid} {what}"):
                return line
            if line.startswith(f"{pid} error") or line.startswith(f"exit {pid}"):
                raise AssertionError(f"child {pid}: {line} (waiting for {what})")

    def kill(self, pid: int, label: str) -> bool:
        """SIGKILL the child; True if it had already committed."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        committed = False
        while True:
            line = self._next(60)
            if line.startswith(f"{pid} committed"):
                committed = True
            if line.startswith(f"exit {pid}"):
                break
        KILLS.append(f"{label}{' (after commit)' if committed else ''}")
        return committed

    def run(self, **job) -> float:
        """Run a job to its end; seconds from 'started' to 'committed'."""
        pid = self.start(**job)
        self.wait(pid, "started")
        t0 = time.monotonic()
        self.wait(pid, "committed")
        took = time.monotonic() - t0
        while not self._next(60).startswith(f"exit {pid}"):
            pass
        return took

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.kill()
        self.proc.wait()


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.close()
    print(f"\ncrash tests: {len(KILLS)} processes killed: " + "; ".join(KILLS))


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    """A database already holding a plan of 300 tasks with progress and completions."""
    path = tmp_path_factory.mktemp("crash") / "base.db"
    db = Database.open(path)
    try:
        ops.import_plan(db, big_plan(300, number="1-KH/TU"))
        ops.set_completion(db, range(1, 40), __import__("datetime").date(2024, 3, 1))
        ops.add_progress_note(db, 5, "Đã gửi báo cáo sơ kết")
    finally:
        db.close()
    return path


def _copy(base: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(base, dest)
    return dest


def assert_sound(path: str | Path) -> None:
    """Opens without complaint and passes SQLite's full integrity check."""
    db = Database.open(path)
    try:
        if db.is_sqlite:
            with db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    finally:
        db.close()


def test_import_killed_at_each_stage_leaves_the_database_exactly_as_before(
    worker, base_db, tmp_path
):
    for stop in (1000, N_IMPORT):  # half the rows written; all rows written, not committed
        path = _copy(base_db, tmp_path / f"stage{stop}" / "dondoc.db")
        before = content_hash(path)
        pid = worker.start(kind="import", db=str(path), n=N_IMPORT, stop_at=[stop])
        worker.wait(pid, f"at {stop}")
        assert not worker.kill(pid, f"import at {stop}/{N_IMPORT} tasks")
        assert_sound(path)
        assert content_hash(path) == before, f"killed at {stop}"
    # Nothing is left behind: the same file imports completely afterwards.
    db = Database.open(path)
    try:
        result = ops.import_plan(db, big_plan(N_IMPORT))
        assert len(result.added) == N_IMPORT
    finally:
        db.close()
    assert count_rows(path, "tasks") == 300 + N_IMPORT


def test_import_killed_at_random_moments_is_all_or_nothing(worker, base_db, tmp_path):
    ref = _copy(base_db, tmp_path / "ref" / "dondoc.db")
    took = worker.run(kind="import", db=str(ref), n=N_IMPORT)
    assert count_rows(ref, "tasks") == 300 + N_IMPORT
    rnd = random.Random(SEED)
    for i in range(3):
        path = _copy(base_db, tmp_path / f"rand{i}" / "dondoc.db")
        before = content_hash(path)
        pid = worker.start(kind="import", db=str(path), n=N_IMPORT)
        worker.wait(pid, "started")
        delay = rnd.uniform(0.05, 0.95) * took
        time.sleep(delay)
        committed = worker.kill(pid, f"import after {delay:.1f}s of {took:.1f}s")
        assert_sound(path)
        if committed:
            assert count_rows(path, "tasks") == 300 + N_IMPORT
        else:
            assert content_hash(path) == before, f"run {i}, killed after {delay:.2f}s"


_ACTION = {"complete": "complete", "reassign": "reassign", "delete": "delete"}


def _audits(path: Path, op: str) -> int:
    return count_rows(path, "audit_log", f"action = '{_ACTION[op]}'")


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crash-small") / "small.db"
    db = Database.open(path)
    try:
        ops.import_plan(db, big_plan(150, number="5-KH/TU"))
    finally:
        db.close()
    return path


@pytest.mark.parametrize("op", ["complete", "reassign", "delete"])
def test_bulk_edit_killed_midway_changes_nothing(worker, small_db, tmp_path, op):
    ref = _copy(small_db, tmp_path / "ref" / "dondoc.db")
    took = worker.run(kind="bulk", db=str(ref), op=op)
    done = _audits(ref, op)
    assert done >= 100  # one audit entry per task changed
    path = _copy(small_db, tmp_path / "run" / "dondoc.db")
    before = content_hash(path)
    pid = worker.start(kind="bulk", db=str(path), op=op)
    worker.wait(pid, "started")
    time.sleep(took * 0.5)
    committed = worker.kill(pid, f"bulk {op} of 150 tasks after {took * 0.5:.1f}s")
    assert_sound(path)
    if committed:
        assert _audits(path, op) == done
    else:
        assert content_hash(path) == before


def test_restore_killed_midway_leaves_old_or_restored_data(worker, base_db, tmp_path):
    big = _copy(base_db, tmp_path / "big.db")
    db = Database.open(big)
    try:
        ops.import_plan(db, big_plan(1500, number="3-KH/TU"))
    finally:
        db.close()
    small = _copy(base_db, tmp_path / "backup-src.db")
    source_hash = content_hash(small)
    ref = _copy(big, tmp_path / "ref" / "dondoc.db")
    took = worker.run(kind="restore", db=str(ref), source=str(small))
    assert content_hash(ref) == source_hash
    rnd = random.Random(SEED + 1)
    for i in range(2):
        path = _copy(big, tmp_path / f"run{i}" / "dondoc.db")
        before = content_hash(path)
        pid = worker.start(kind="restore", db=str(path), source=str(small))
        worker.wait(pid, "started")
        delay = rnd.uniform(0.1, 0.9) * took
        time.sleep(delay)
        worker.kill(pid, f"restore after {delay:.1f}s of {took:.1f}s")
        assert_sound(path)
        assert content_hash(path) in (before, source_hash)
        # The data that was there is never lost: it is in the database or in the
        # safety backup made before the restore wrote anything.
        if content_hash(path) == source_hash:
            safety = [b for b in list_backups(path) if b.reason == "restore"]
            assert safety and content_hash(safety[0].path) == before


def test_backup_killed_midway_leaves_no_half_written_backup(worker, base_db, tmp_path):
    big = _copy(base_db, tmp_path / "big.db")
    db = Database.open(big)
    try:
        ops.import_plan(db, big_plan(1500, number="4-KH/TU"))
    finally:
        db.close()
    before = content_hash(big)
    took = worker.run(kind="backup", db=str(big), dest=str(tmp_path / "ref.db"))
    dest = tmp_path / "out" / "copy.db"
    pid = worker.start(kind="backup", db=str(big), dest=str(dest))
    worker.wait(pid, "started")
    time.sleep(took * 0.4)
    committed = worker.kill(pid, f"backup after {took * 0.4:.1f}s")
    assert committed or not dest.exists()  # never a half file under the real name
    assert content_hash(big) == before
    assert_sound(big)


@pytest.mark.postgres
def test_import_killed_on_postgresql_leaves_the_database_as_before(worker, pg_server):
    url = pg_server.create_database()
    try:
        db = Database.open(url)
        try:
            ops.import_plan(db, big_plan(300, number="1-KH/TU"))
        finally:
            db.close()
        before = content_hash(url)
        for stop in (1000, 2000):
            pid = worker.start(kind="import", db=url, n=2000, stop_at=[stop])
            worker.wait(pid, f"at {stop}")
            assert not worker.kill(pid, f"PostgreSQL import at {stop}/2000")
            assert content_hash(url) == before
        assert_sound(url)
    finally:
        pg_server.drop_database(url)

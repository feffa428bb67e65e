"""Several PCs on one database, and programs killed mid-write: figures, not pass/fail.

    uv run --frozen python -m bench.bench_shared [--procs 4] [--rounds 25] [--kills 24]

For each database — a SQLite file in WAL (one PC), the same in DELETE mode (a shared
file), and a PostgreSQL server started here (tests/_pg_server.py) — it runs:

* concurrent work: `procs` processes at once, each `rounds` times importing a plan of
  its own (whose units every process adds at the same moment), importing the round's
  common plan (every process at once: one stores it, the others are refused), adding
  the round's common unit (the same), editing a task, and on SQLite making a backup;
* a kill loop: `kills` imports, each SIGKILLed at a random moment.

Then it counts failures (errors other than the expected refusals), duplicates (units
with one key, plans with one number) and data lost (a committed import or edit that is
not in the database, a half import, a database that fails the integrity check).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from _safety_tools import (  # noqa: E402
    big_plan,
    count_rows,
    run_together,
    spawn,
    wait_line,
)

from app.db import ops  # noqa: E402
from app.db.store import Database  # noqa: E402

PLAN_TASKS = 12

WORKER = """
import json, random, sys
from _safety_tools import big_plan
from app.db import ops
from app.db.files import backups
from app.db.store import Database
from app.errors import DuplicateImportError, ValidationError
db = Database.open(sys.argv[1])
who, rounds = sys.argv[2], int(sys.argv[3])
rnd = random.Random(who)
print("ready", flush=True)
sys.stdin.readline()
ops, refused, failures, plans, edits = 0, 0, [], [], 0
def attempt(fn, *expected):
    global ops, refused
    ops += 1
    try:
        return fn()
    except expected:
        refused += 1
    except Exception as ex:
        failures.append(f"{type(ex).__name__}: {ex}"[:200])
for i in range(rounds):
    own = big_plan(PLAN_TASKS, number=f"{who}-{i}-KH/TU")
    for t in own.tasks:
        t.coordinators = [f"Phòng mới số {i}"]
    if attempt(lambda: ops.import_plan(db, own)) is not None:
        plans.append(own.document.number)
    common = big_plan(PLAN_TASKS, number=f"chung-{i}-KH/TU", sha=f"chung-{i}-{who}")
    if attempt(lambda: ops.import_plan(db, common), DuplicateImportError) is not None:
        plans.append(common.document.number)
    attempt(lambda: ops.create_department(db, f"Đơn vị chung {i}"), ValidationError)
    with db.read() as s:
        from sqlalchemy import select
        from app.db.models import Task
        ids = s.scalars(select(Task.id)).all()
    if ids:
        task_id = rnd.choice(ids)
        if attempt(lambda: ops.update_task(db, task_id, note=f"{who} lần {i}")) is not None:
            edits += 1
    if db.is_sqlite and i % 5 == 0:
        attempt(lambda: backups.backup(db, reason="manual"))
print("result", json.dumps({"ops": ops, "refused": refused, "failures": failures,
                            "plans": plans, "edits": edits}), flush=True)
""".replace("PLAN_TASKS", str(PLAN_TASKS))


def concurrent(target: str, procs: int, rounds: int) -> dict:
    t0 = time.monotonic()
    workers = [spawn(WORKER, target, f"may{n}", str(rounds)) for n in range(procs)]
    results = [json.loads(line[7:]) for line in run_together(workers, "result", timeout=3600)]
    took = time.monotonic() - t0
    committed = [n for r in results for n in r["plans"]]
    db = Database.open(target)
    try:
        from sqlalchemy import func, select, text

        from app.db.models import AuditEntry, Department, Plan, Task

        with db.read() as s:
            keys = s.scalars(select(Department.name_key)).all()
            stored = dict(
                s.execute(
                    select(Plan.number, func.count(Task.id))
                    .join(Task, Task.plan_id == Plan.id, isouter=True)
                    .group_by(Plan.id, Plan.number)
                ).all()
            )
            numbers = s.scalars(select(Plan.number)).all()
            updates = s.scalar(
                select(func.count(AuditEntry.id)).where(AuditEntry.action == "update")
            )
        integrity = "ok"
        if db.is_sqlite:
            with db.engine.connect() as conn:
                integrity = conn.execute(text("PRAGMA integrity_check")).scalar()
    finally:
        db.close()
    lost = [n for n in committed if stored.get(n) != PLAN_TASKS]
    edits = sum(r["edits"] for r in results)
    return {
        "ops": sum(r["ops"] for r in results),
        "refused (expected)": sum(r["refused"] for r in results),
        "failures": sum(len(r["failures"]) for r in results),
        "failure samples": [f for r in results for f in r["failures"]][:3],
        "duplicate units": len(keys) - len(set(keys)),
        "duplicate plans": len(numbers) - len(set(numbers)),
        "lost imports": len(lost) + (integrity != "ok"),
        "lost edits": max(0, edits - updates),
        "seconds": round(took, 1),
    }


class KillWorker:
    """tests/_crash_worker.py: forks one child per job, which we SIGKILL."""

    def __init__(self) -> None:
        script = str(ROOT / "tests" / "_crash_worker.py")
        self.proc = spawn(
            "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')", script
        )
        wait_line(self.proc, "ready", timeout=180)

    def run(self, job: dict, kill_after: float | None) -> tuple[bool, str, float]:
        """(committed, error, seconds from start to commit) of one job, SIGKILLed
        `kill_after` seconds after it started."""
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        pid = int(wait_line(self.proc, "child ", timeout=120).split()[1])
        committed, error, t0, took = False, "", time.monotonic(), 0.0
        while True:
            line = wait_line(self.proc, "", timeout=600)
            if line.startswith(f"{pid} started"):
                t0 = time.monotonic()
                if kill_after is not None:
                    time.sleep(kill_after)
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
            elif line.startswith(f"{pid} committed"):
                committed, took = True, time.monotonic() - t0
            elif line.startswith(f"{pid} error"):
                error = line
            elif line.startswith(f"exit {pid}"):
                return committed, error, took

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.kill()
        self.proc.wait()


def kill_loop(target: str, kills: int, seed: int) -> dict:
    """Imports of 1000 tasks SIGKILLed at random moments, before, during and after the
    commit: each must be in the database whole or not at all, and a reported one whole."""
    rnd = random.Random(seed)
    worker = KillWorker()
    whole = absent = half = lost = failures = 0
    try:
        job = {"kind": "import", "db": target, "n": 1000, "number": "do-KH/TU"}
        took = worker.run(job, None)[2]
        for i in range(kills):
            before = count_rows(target, "tasks")
            job = {"kind": "import", "db": target, "n": 1000, "number": f"kill-{i}-KH/TU"}
            committed, error, _ = worker.run(job, rnd.uniform(0.05, 1.5) * took)
            failures += bool(error)
            after = count_rows(target, "tasks")
            whole += after == before + 1000
            absent += after == before
            half += after not in (before, before + 1000)
            lost += committed and after != before + 1000
        db = Database.open(target)  # every kill left a database that opens
        try:
            from sqlalchemy import select, text

            from app.db.models import Department

            with db.read() as s:
                keys = s.scalars(select(Department.name_key)).all()
            if db.is_sqlite:
                with db.engine.connect() as conn:
                    lost += conn.execute(text("PRAGMA integrity_check")).scalar() != "ok"
        finally:
            db.close()
    finally:
        worker.close()
    return {
        "kills": kills,
        "found whole (after commit)": whole,
        "found absent (before)": absent,
        "half-written": half,
        "lost": lost,
        "duplicate units": len(keys) - len(set(keys)),
        "errors before the kill": failures,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--procs", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=25)
    ap.add_argument("--kills", type=int, default=24)
    ap.add_argument("--only", choices=["wal", "delete", "postgres"], action="append")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="dondoc-shared-"))
    server = None
    report: dict[str, dict] = {}
    try:
        for name in args.only or ["wal", "delete", "postgres"]:
            if name == "postgres":
                from _pg_server import PgServer, find_bin_dir

                if server is None:
                    bin_dir = find_bin_dir()
                    if bin_dir is None:
                        print("PostgreSQL is not installed: skipped")
                        continue
                    server = PgServer(bin_dir).start()
                targets = [server.create_database(), server.create_database()]
            else:
                os.environ["DONDOC_SQLITE_JOURNAL"] = name  # for this process and its children
                targets = [str(work / f"{name}-a.db"), str(work / f"{name}-b.db")]
            for t in targets:
                Database.open(t).close()
            db = Database.open(targets[1])
            try:
                ops.import_plan(db, big_plan(300, number="nen-KH/TU"))
            finally:
                db.close()
            print(f"[{name}] concurrent: {args.procs} processes x {args.rounds} rounds", flush=True)
            report[f"{name}: concurrent"] = concurrent(targets[0], args.procs, args.rounds)
            print(f"[{name}] kill loop: {args.kills} kills", flush=True)
            report[f"{name}: kill loop"] = kill_loop(targets[1], args.kills, seed=20261205)
            os.environ.pop("DONDOC_SQLITE_JOURNAL", None)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    for title, figures in report.items():
        print(f"\n{title}")
        for key, value in figures.items():
            print(f"  {key:<28} {value}")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "shared.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

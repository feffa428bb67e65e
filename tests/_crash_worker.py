"""A worker process for the crash tests: forks one child per job, which the test kills.

The worker imports the app once; each job runs in a fresh forked child (no shared
connections: the child opens the database itself), so a SIGKILL hits a real process
in the middle of real work without paying the start-up time again.

Protocol, one JSON job per line on stdin; lines on stdout:
    child PID            the child that runs the job (kill this one)
    PID started          right before the work starts
    PID at N             the import reached N tasks (and waits there when N is a stop)
    PID committed        the work is done and committed
    PID error MESSAGE    the work raised
    exit PID STATUS      the child ended (STATUS from waitpid)
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _safety_tools import big_plan
from sqlalchemy import select

from app.db import ops
from app.db.files import backups
from app.db.files.restore import restore_database
from app.db.models import Department, Task
from app.db.store import Database


def say(msg: str) -> None:
    os.write(1, f"{os.getpid()} {msg}\n".encode())


def job_import(job: dict) -> None:
    db = Database.open(job["db"])
    plan = big_plan(job["n"], number=job.get("number", "99-KH/TU"))
    stops = set(job.get("stop_at") or [])

    def progress(done: int, total: int) -> bool:
        say(f"at {done}")
        if done in stops:
            time.sleep(3600)  # wait here to be killed
        return True

    say("started")
    ops.import_plan(db, plan, progress=progress)
    say("committed")


def job_bulk(job: dict) -> None:
    db = Database.open(job["db"])
    with db.read() as s:
        ids = list(s.scalars(select(Task.id)))
        dept = s.scalar(select(Department.id).order_by(Department.id.desc()))
    say("started")
    if job["op"] == "complete":
        from datetime import date

        ops.set_completion(db, ids, date(2024, 6, 1))
    elif job["op"] == "reassign":
        ops.reassign(db, ids, dept)
    elif job["op"] == "delete":
        ops.delete_tasks(db, ids)
    else:
        raise ValueError(job["op"])
    say("committed")


def job_restore(job: dict) -> None:
    say("started")
    restore_database(job["db"], Path(job["source"]))
    say("committed")


def job_backup(job: dict) -> None:
    db = Database.open(job["db"])
    say("started")
    backups.backup(db, Path(job["dest"]))
    say("committed")


JOBS = {"import": job_import, "bulk": job_bulk, "restore": job_restore, "backup": job_backup}


def main() -> None:
    os.write(1, b"ready\n")
    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                JOBS[job["kind"]](job)
            except BaseException as ex:  # reported to the test, which decides
                say(f"error {type(ex).__name__}: {ex}".replace("\n", " "))
                code = 1
            os._exit(code)
        os.write(1, f"child {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"exit {pid} {status}\n".encode())


if __name__ == "__main__":
    main()

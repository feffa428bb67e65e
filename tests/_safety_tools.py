"""Helpers for the data-safety tests: content fingerprints, big plans, child processes."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import queue
import subprocess
import sys
import textwrap
import threading
import time
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, inspect, select, text

from app.core.deadlines.types import Deadline, DeadlineKind, Frequency, Recurrence
from app.db.store import to_url
from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask

ROOT = Path(__file__).resolve().parent.parent
# Recurring deadlines need the deadline parser (app.core.deadlines.parse) for their dates.
HAVE_RECURRENCE = importlib.util.find_spec("app.core.deadlines.parse") is not None

UNITS = [
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
]


def content_hash(target: str | Path) -> str:
    """SHA-256 of every row of every table (ordered), read through a fresh connection.

    Works for SQLite files and PostgreSQL URLs alike; the same data gives the same hash.
    """
    engine = create_engine(to_url(target))
    h = hashlib.sha256()
    try:
        with engine.connect() as conn:
            names = sorted(inspect(conn).get_table_names())
            for name in names:
                cols = [c["name"] for c in inspect(conn).get_columns(name)]
                quoted = ", ".join(f'"{c}"' for c in cols)
                rows = conn.execute(text(f'SELECT {quoted} FROM "{name}"')).all()
                h.update(f"{name}:{len(rows)}\n".encode())
                for row in sorted(repr(tuple(r)) for r in rows):
                    h.update(row.encode())
                    h.update(b"\n")
    finally:
        engine.dispose()
    return h.hexdigest()


def count_rows(target: str | Path, table: str, where: str = "") -> int:
    engine = create_engine(to_url(target))
    try:
        with engine.connect() as conn:
            q = select(text("count(*)")).select_from(text(table))
            return conn.execute(q.where(text(where)) if where else q).scalar_one()
    finally:
        engine.dispose()


def big_plan(n: int, *, sha: str | None = None, number: str = "99-KH/TU") -> ExtractedPlan:
    """A plan of `n` tasks with units, quarter, yearly-recurring and listed deadlines."""
    tasks = []
    for i in range(n):
        q = i % 4
        if i % 7 == 0 and HAVE_RECURRENCE:
            dl = Deadline(
                raw="trước ngày 30/10 hàng năm",
                kind=DeadlineKind.RECURRING,
                due=date(2024, 10, 30),
                recurrence=Recurrence(freq=Frequency.YEARLY, month=10, day=30),
            )
        elif i % 11 == 0:
            dl = Deadline(
                raw="Tháng 3 và tháng 9/2024",
                kind=DeadlineKind.DATE,
                due=date(2024, 3, 31),
                occurrences=(date(2024, 3, 31), date(2024, 9, 30)),
            )
        else:
            dl = Deadline(
                raw=f"Quý {['I', 'II', 'III', 'IV'][q]}/2024",
                kind=DeadlineKind.QUARTER,
                start=date(2024, 3 * q + 1, 1),
                due=[date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)][
                    q
                ],
            )
        tasks.append(
            ExtractedTask(
                text=f"Triển khai nhiệm vụ số {i}: rà soát, bổ sung quy chế, báo cáo kết quả "
                f"thực hiện Nghị quyết đợt {i // 50 + 1}",
                lead=UNITS[i % len(UNITS)],
                coordinators=[UNITS[(i + 2) % len(UNITS)], UNITS[(i + 3) % len(UNITS)]],
                section=f"II.{i % 9 + 1}",
                number=str(i + 1),
                deadline=dl,
                product="Báo cáo" if i % 3 == 0 else "",
                progress="Đã triển khai bước đầu" if i % 13 == 0 else "",
            )
        )
    return ExtractedPlan(
        document=ExtractedDocument(
            title=f"Kế hoạch thực hiện Nghị quyết ({n} nhiệm vụ)",
            number=number,
            date=date(2024, 1, 15),
            issuer="TỈNH ỦY",
        ),
        tasks=tasks,
        source_name=f"kh-{n}.xlsx",
        sha256=sha or hashlib.sha256(f"{number}-{n}".encode()).hexdigest(),
    )


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "tests")])
    env.pop("DONDOC_DB", None)
    env.update(extra)
    return env


def spawn(code: str, *args: str, **popen) -> subprocess.Popen:
    """Start `python -c code args…` in the project, with pipes for stdin/stdout."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def run_together(procs: list[subprocess.Popen], result: str, timeout: float = 300) -> list[str]:
    """Children that print "ready" and wait for a line: start them all at the same moment
    and return each one's line starting with `result`; they are killed afterwards."""
    try:
        for p in procs:
            wait_line(p, "ready", timeout=180)
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        return [wait_line(p, result, timeout=timeout) for p in procs]
    finally:
        for p in procs:
            p.kill()
            p.wait()


def run_cli(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """`python -m app ARGS` as a user would run `dondoc ARGS`."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=child_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _lines(proc: subprocess.Popen) -> queue.Queue:
    """The child's stdout lines, read by a thread (None marks the end)."""
    q = getattr(proc, "_line_queue", None)
    if q is None:
        q = queue.Queue()

        def pump() -> None:
            for line in proc.stdout:
                q.put(line)
            q.put(None)

        threading.Thread(target=pump, daemon=True).start()
        proc._line_queue = q  # type: ignore[attr-defined]
    return q


def wait_line(proc: subprocess.Popen, expected: str, timeout: float = 60) -> str:
    """Read the child's stdout until a line starting with `expected` (fail on exit)."""
    q = _lines(proc)
    end = time.monotonic() + timeout
    while True:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError(f"timeout waiting for «{expected}»")
        try:
            line = q.get(timeout=left)
        except queue.Empty:
            continue
        if line is None:
            q.put(None)
            err = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"child exited before «{expected}»: {err[-3000:]}")
        if line.startswith(expected):
            return line.strip()

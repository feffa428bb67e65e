"""Benchmark: how long the window takes to appear on a large database (prints, never asserts).

Runs a fresh interpreter per measurement, exactly as `dondoc` starts: imports, Qt set-up,
opening and checking the database, the start-up backup, the main window with its table,
tree and status counts, until the first paint. Wall time and CPU time are printed (the
CPU time is what the start costs on an idle PC).

    uv run python bench/bench_ui_start.py [--tasks 10000] [--runs 5] [--db FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def child(db: str) -> None:
    """One start, measured from interpreter start (what the user waits for)."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.main.early import start_checking

    start_checking(db)  # as `dondoc` does before its heavy imports
    from app.ui.main.app import Session, ensure_app, make_qsettings, open_database

    app = ensure_app()
    qs = make_qsettings()
    database = open_database(db)
    assert database is not None
    session = Session(app, qs)
    session.start(database)
    win = session.window
    win.repaint()  # the first frame: menus, toolbar, filter bar and the table's rows
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    app.processEvents()  # then the department tree and the task details fill in
    ready = time.perf_counter() - wall0
    job = session.maintain()  # the start-up backup and recurring dates, in the background
    done = []
    job.finished.connect(lambda: done.append(time.perf_counter() - wall0))
    while not done:
        app.processEvents()
        time.sleep(0.01)
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "ready": ready,
                "rows": win.model.rowCount(),
                "maintenance": done[0],
            }
        )
    )
    win.close()
    database.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from bench.generate import make_database

            db = str(make_database(Path(tmp) / "start.db", args.tasks))
        env = dict(os.environ, DONDOC_DATA_DIR=tmp, QT_QPA_PLATFORM="offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app runs from bytecode
        results = []
        for _ in range(args.runs + 1):  # the first run warms the disk cache and .pyc files
            t0 = time.perf_counter()
            out = subprocess.run(
                [sys.executable, __file__, "--child", db],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            data = json.loads(out.strip().splitlines()[-1])
            data["process"] = time.perf_counter() - t0
            results.append(data)
        results = results[1:]
    for key in ("wall", "cpu", "ready", "process", "maintenance"):
        values = [r[key] for r in results]
        print(
            f"start-up {key:8}: median {statistics.median(values):.3f} s, "
            f"min {min(values):.3f} s ({len(values)} runs, {results[0]['rows']} rows)"
        )


if __name__ == "__main__":
    main()

"""Evidence files: time to attach, open and back up, on SQLite and PostgreSQL; figures only.

    uv run --frozen python -m bench.bench_evidence [--mb 20] [--files 200]

Attaches one file of `mb` MB (hashing, copying into the folder or the bytea table),
opens it (the private copy), then `files` small files (100 KB) to as many notes, and on
SQLite times a backup that takes the evidence folder along (hard links where possible).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def _run(target: str, tmp: Path, mb: int, files: int) -> dict[str, float]:
    from app.db import ops
    from app.db.files import backups
    from app.db.reads import details
    from app.db.reads.evidence import open_copy
    from app.db.store import Database

    db = Database.open(target)
    try:
        ops.set_setting(db, "import_limits", {"max_file_mb": mb + 1})
        task = ops.create_task(db, ops.TaskInput(text="Nhiệm vụ có minh chứng", lead_id=None)).id
        big = tmp / "lon.pdf"
        big.write_bytes(os.urandom(mb * 1_048_576))
        out: dict[str, float] = {}
        t = time.perf_counter()
        ops.record_progress(db, task, "tệp lớn", files=[big])
        out[f"attach {mb} MB (s)"] = time.perf_counter() - t
        ev = details.task_detail(db, task, __import__("datetime").date.today()).notes[0].evidence[0]
        t = time.perf_counter()
        open_copy(db, ev.id)
        out[f"open {mb} MB (s)"] = time.perf_counter() - t
        small = []
        for i in range(files):
            p = tmp / f"nho-{i}.jpg"
            p.write_bytes(os.urandom(100_000))
            small.append(p)
        t = time.perf_counter()
        for p in small:
            ops.record_progress(db, task, f"ảnh {p.name}", files=[p])
        out[f"attach {files} x 100 KB (ms each)"] = (time.perf_counter() - t) / files * 1000
        if db.is_sqlite:
            t = time.perf_counter()
            backups.backup(db, tmp / "ban-sao.db")
            out[f"backup with {files + 1} files (s)"] = time.perf_counter() - t
        return out
    finally:
        db.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=int, default=20)
    ap.add_argument("--files", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DONDOC_DATA_DIR"] = tmp
        sq = Path(tmp) / "sqlite"
        sq.mkdir()
        for k, v in _run(str(sq / "dondoc.db"), sq, args.mb, args.files).items():
            print(f"sqlite      {k:<34} {v:8.3f}")
        from _pg_server import PgServer, find_bin_dir

        bin_dir = find_bin_dir()
        if bin_dir is None:
            print("postgresql  (not installed: skipped)")
            return 0
        server = PgServer(bin_dir).start()
        try:
            url = server.create_database()
            pg = Path(tmp) / "pg"
            pg.mkdir()
            for k, v in _run(url, pg, args.mb, args.files).items():
                print(f"postgresql  {k:<34} {v:8.3f}")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

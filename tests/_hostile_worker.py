"""Run `dondoc import` on each file named on stdin in this one process, under a memory
cap, and print one JSON line per file: exit code, seconds, what was written on stderr.

Used by test_hostile_shapes.py: a hostile file that makes a reader allocate without end
fails here (MemoryError -> the app's message) instead of taking the machine down.
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import sys
import time

CAP = 4 << 30


def main() -> int:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
    from app.cli import main as cli_main

    db = sys.argv[1]
    for line in sys.stdin:
        path, mode = line.rstrip("\n").split("\t")
        args = ["--db", db, "import", path, "--title", "KH", "--number", "1/KH"]
        args += ["--dry-run"] if mode == "dry" else []
        err = io.StringIO()
        t0 = time.perf_counter()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = cli_main(args)
        took = time.perf_counter() - t0
        print(json.dumps({"path": path, "code": code, "seconds": took, "err": err.getvalue()}))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

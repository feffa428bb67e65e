"""Time `extract` on hostile plain-text plans of 1-16 MB; print seconds and growth ratios.

    uv run python -m bench.bench_hostile_text [--sizes 1,2,4,8,16] [--shapes nested,...]

Each shape stresses one step of the plan parser (paragraph joining, the outline,
deadline phrases, unit names, tables, pages). Linear work shows as a ratio near 2.0 from
one size to the next (the size doubles); a shape refused early (a paragraph or line over
the limit, too many lines) shows the time to say so. Every case runs in a child process
with a time limit, so a regression prints TIMEOUT instead of hanging the benchmark.
Benchmarks never fail.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from hostile_files import TEXT_SHAPES, text_plan  # noqa: E402

CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
from app.errors import FileImportError
from app.importers.registry import extract_file
t0 = time.perf_counter()
try:
    plan = extract_file(sys.argv[1])
    out = {{"tasks": len(plan.tasks)}}
except FileImportError as ex:
    out = {{"refused": str(ex)[:90], "internal": bool(getattr(ex, "internal", False))}}
out["seconds"] = time.perf_counter() - t0
print(json.dumps(out, ensure_ascii=False))
"""


def run_case(path: Path, timeout: float) -> dict:
    try:
        res = subprocess.run(
            [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    except subprocess.TimeoutExpired:
        return {"timeout": True, "seconds": timeout}
    if res.returncode != 0:
        return {"crash": res.stderr.strip().splitlines()[-1:] or ["?"], "seconds": 0.0}
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,4,8,16", help="MB, comma-separated")
    ap.add_argument("--shapes", default=",".join(TEXT_SHAPES))
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'shape':16} " + " ".join(f"{s:>7g} MB" for s in sizes) + "   ratios   outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            times, outcome = [], ""
            for mb in sizes:
                path = Path(tmp) / f"{shape}.txt"
                path.write_bytes(text_plan(shape, int(mb * 1024 * 1024)))
                got = run_case(path, args.timeout)
                times.append(got["seconds"])
                if got.get("timeout"):
                    outcome = "TIMEOUT"
                elif "crash" in got:
                    outcome = f"CRASH {got['crash']}"
                elif "refused" in got:
                    outcome = ("INTERNAL " if got["internal"] else "") + got["refused"]
                else:
                    outcome = f"{got['tasks']} tasks"
            ratios = [b / a if a > 0.05 else float("nan") for a, b in zip(times, times[1:])]
            print(
                f"{shape:16} "
                + " ".join(f"{t:8.2f} s" for t in times)
                + "   "
                + " ".join(f"{r:.1f}" for r in ratios)
                + f"   {outcome}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The long fuzzing run (nightly): many more seeded mutations per format than the tests.

    uv run python -m bench.fuzz_long [--per-format 2000] [--seed 7] [--formats .pdf,.docx]

Same mutations as tests/test_fuzz.py with another seed. Prints, per format, the cases
tried and their outcomes: read, refused (the app's message naming the file), and the
ones that must stay at zero: traceback (an exception other than the app's), unforeseen
(a reader failure only the last net caught), hang (over --case-seconds, interrupted).
The first few bad cases are written to bench/out/fuzz/ to be replayed. Never fails.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class _Hang(KeyboardInterrupt):  # passes every "except Exception" on its way up
    pass


def _alarm(_signum, _frame):
    raise _Hang()


def seeds(tmp: Path) -> dict[str, bytes]:
    import test_fuzz as tf
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    return tf.seed_files(tmp)


def main(argv: list[str] | None = None) -> int:
    import test_fuzz as tf

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-format", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--formats", default=",".join(tf.FORMATS))
    ap.add_argument("--case-seconds", type=int, default=60)
    args = ap.parse_args(argv)
    out_dir = ROOT / "bench" / "out" / "fuzz"
    signal.signal(signal.SIGALRM, _alarm)
    totals: Counter[str] = Counter()
    print(
        f"{'format':9} {'tried':>6} {'read':>6} {'refused':>8} {'traceback':>10} "
        f"{'unforeseen':>11} {'hang':>5} {'slowest':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base = seeds(tmp)
        for ext in args.formats.split(","):
            counts: Counter[str] = Counter()
            slowest = 0.0
            for i in range(args.per_format):
                name_ext, data = tf.case(base, ext, i, seed=args.seed)
                path = tmp / f"m{i:05d}{name_ext}"
                path.write_bytes(data)
                t0 = time.perf_counter()
                signal.alarm(args.case_seconds)
                try:
                    got = tf.outcome(path)
                except _Hang:
                    got = "hang"
                finally:
                    signal.alarm(0)
                slowest = max(slowest, time.perf_counter() - t0)
                kind = got.split(":", 1)[0]
                kind = {"message without the file name": "unforeseen"}.get(kind, kind)
                counts[kind] += 1
                if kind not in ("read", "refused") and counts[kind] <= 3:
                    out_dir.mkdir(parents=True, exist_ok=True)
                    (out_dir / f"{kind}-{args.seed}-{i}{name_ext}").write_bytes(data)
                    print(f"  {ext} #{i}: {got[:150]}", flush=True)
                path.unlink()
            totals.update(counts)
            print(
                f"{ext:9} {sum(counts.values()):6} {counts['read']:6} {counts['refused']:8} "
                f"{counts['traceback']:10} {counts['unforeseen']:11} {counts['hang']:5} "
                f"{slowest:7.2f}s",
                flush=True,
            )
    print(
        f"{'total':9} {sum(totals.values()):6} {totals['read']:6} {totals['refused']:8} "
        f"{totals['traceback']:10} {totals['unforeseen']:11} {totals['hang']:5}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

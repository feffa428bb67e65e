"""Is a plan imported in one format recognised in another? (prints, never fails)

    uv run python -m bench.reimport_pairs [FOLDER ...]

For every plan of the corpora (NAME.expected.json beside NAME.txt/.md, the committed PDF,
the .docx and — for a plan with a table — the .xlsx rendered on the fly) and every
ordered pair of its formats A ≠ B: a fresh database holds every plan imported in format A,
then format B of each plan is previewed (each plan A is first checked against the plans
imported before it: a recognition there is false too). Counted: B recognised as its own plan, not
recognised, and taken for another plan (a false recognition). Default folders: the
patterns, plans and unseen corpora.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.plan_score import FORMATS, extract, gold_files, rendered  # noqa: E402

DEFAULT = [
    ROOT / "tests" / "data" / "patterns",
    ROOT / "tests" / "data" / "plans",
    ROOT / "tests" / "data" / "unseen" / "tuning",
    ROOT / "tests" / "data" / "unseen" / "heldout",
]


def load(folders: list[Path], scratch: Path) -> dict[str, dict[str, object]]:
    """name -> format -> ExtractedPlan (files that are not read are left out)."""
    plans: dict[str, dict[str, object]] = {}
    for gold_path in gold_files(folders):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        name = gold_path.name.removesuffix(".expected.json")
        for fmt in FORMATS:
            path = rendered(gold_path, fmt, scratch)
            if path is None:
                continue
            try:
                plan = extract(path, gold)
            except Exception:  # a refused file is not a pair
                continue
            if not plan.document.title:  # the user types a name when the file has none
                plan.document.title = f"Kế hoạch {name}"
            plans.setdefault(name, {})[fmt] = plan
    return plans


def run(folders: list[Path]) -> tuple[Counter, list[str]]:
    from app.db import ops
    from app.db.reads.import_preview import preview_import
    from app.db.store import Database

    tally: Counter = Counter()
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        plans = load(folders, scratch)
        formats = sorted({f for by in plans.values() for f in by})
        for a in formats:
            for b in formats:
                if a == b:
                    continue
                with Database.open(scratch / f"{a}-{b}.db") as db:
                    ids: dict[str, int] = {}
                    for name, by in plans.items():
                        if a in by and b in by:
                            seen = preview_import(db, by[a]).same_plan
                            if seen is not None:  # taken for a plan imported before it
                                tally["false"] += 1
                                notes.append(f"FALSE: {name} ({a}) taken for plan #{seen.id}")
                            ids[name] = ops.import_plan(db, by[a], separate=True).plan_id
                    for name, plan_id in ids.items():
                        preview = preview_import(db, plans[name][b])
                        found = preview.same_plan.id if preview.same_plan else None
                        if found == plan_id:
                            tally["recognised"] += 1
                            tally[f"by {preview.known.reason}"] += 1
                        elif found is None:
                            tally["not recognised"] += 1
                            notes.append(f"not recognised: {name} {a} -> {b}")
                        else:
                            tally["false"] += 1
                            other = next(n for n, i in ids.items() if i == found)
                            notes.append(f"FALSE: {name} {b} taken for {other} ({a})")
    return tally, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, default=DEFAULT)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    tally, notes = run(args.folders)
    pairs = tally["recognised"] + tally["not recognised"] + tally["false"]
    print(f"pairs (plan, format A -> format B): {pairs}")
    for key in ("recognised", "not recognised", "false"):
        print(f"  {key:15} {tally[key]}")
    for key in sorted(k for k in tally if k.startswith("by ")):
        print(f"    {key:13} {tally[key]}")
    print(f"took {time.perf_counter() - started:.1f} s")
    for line in notes:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

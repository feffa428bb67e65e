"""Shared start of the picture scripts: parse --out/--today, then run `work` on a demo
database in a throw-away data folder (the user's own data is never touched)."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_in_demo_folder(description: str | None, work: Callable[[Path, Path, date], int]) -> int:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--today", default="2026-11-25", type=date.fromisoformat)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DONDOC_DATA_DIR"] = tmp
        return work(out, Path(tmp), args.today)

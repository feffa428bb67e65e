"""Reading the deadline TSV files (phrase, ref, kind, start, due, notes) and checking
what their notes column says about a parsed Deadline."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from app.core.deadlines.types import Deadline, Frequency


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def iso(s: str) -> date | None:
    return date.fromisoformat(s) if s else None


def check_notes(dl: Deadline, notes: str) -> None:
    """Occurrences, recurrence, continuing and done as the notes column states them."""
    if m := re.search(r"occurrences ([\d\-, ]+)", notes):
        assert dl.occurrences == tuple(iso(x.strip()) for x in m.group(1).split(","))
    if m := re.search(r"recurrence (\w+)", notes):
        assert dl.recurrence is not None and dl.recurrence.freq == Frequency(m.group(1))
    if m := re.search(r"month=(\d+) day=(\d+)", notes):
        assert dl.recurrence is not None
        assert (dl.recurrence.month, dl.recurrence.day) == (int(m.group(1)), int(m.group(2)))
    elif m := re.search(r"month=(\d+)", notes):
        assert dl.recurrence is not None and dl.recurrence.month == int(m.group(1))
    if "continuing = true" in notes:
        assert dl.continuing
    if "done = true" in notes:
        assert dl.done

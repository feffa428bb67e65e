"""Deadline phrases in the forms published plans use (tests/data/deadline-phrases-real.tsv).

The file was written by hand from the rules of shared/deadline-phrases.md, phrase by
phrase, before the program was run on it: table cells ("6/2025", "Quý II", "Hằng năm"),
labelled and bracketed text, report schedules, conditions, relative times, terms, and
phrases that are not deadlines at all (cited documents, "as of" dates, a law's year).
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from app.core.deadline_types import DeadlineKind, Frequency
from app.core.deadlines import parse_deadline, parse_deadline_uncached
from app.core.text import nfc

PHRASES = Path(__file__).parent / "data" / "deadline-phrases-real.tsv"


def _rows() -> list[dict[str, str]]:
    with PHRASES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _d(s: str) -> date | None:
    return date.fromisoformat(s) if s else None


ROWS = _rows()


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['phrase'][:50]}@{r['ref']}")
def test_real_phrase(row: dict[str, str]) -> None:
    dl = parse_deadline(row["phrase"], _d(row["ref"]))
    assert (str(dl.kind), dl.start, dl.due) == (row["kind"], _d(row["start"]), _d(row["due"]))
    notes = row["notes"]
    if m := re.search(r"occurrences ([\d\-, ]+)", notes):
        assert dl.occurrences == tuple(_d(x.strip()) for x in m.group(1).split(","))
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


def test_the_file_is_large_and_varied() -> None:
    assert len(ROWS) >= 300
    kinds = {r["kind"] for r in ROWS}
    assert kinds == {str(k) for k in DeadlineKind}
    assert sum(r["kind"] == "unspecified" for r in ROWS) >= 15  # non-deadlines too


def test_accuracy_without_the_cache_or_the_fast_path() -> None:
    """The same answers from the general grammar alone (the fast path only saves time)."""
    from app.core.deadline_grammar import interpret
    from app.core.deadlines import DEFAULT_TERM
    from app.core.workdays import DEFAULT_CALENDAR

    wrong = []
    for r in ROWS:
        ref = _d(r["ref"])
        assert ref is not None
        fast = parse_deadline_uncached(r["phrase"], ref)
        raw = nfc(r["phrase"]).strip()
        slow = interpret(raw, ref, DEFAULT_TERM, DEFAULT_CALENDAR, use_fast=False) if raw else fast
        if (fast.kind, fast.start, fast.due) != (slow.kind, slow.start, slow.due):
            wrong.append(r["phrase"])
    assert not wrong

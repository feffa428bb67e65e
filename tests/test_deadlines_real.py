"""Deadline phrases in the forms published plans use (tests/data/deadline-phrases-real.tsv).

The file was written by hand from the rules of shared/deadline-phrases.md, phrase by
phrase, before the program was run on it: table cells ("6/2025", "Quý II", "Hằng năm"),
labelled and bracketed text, report schedules, conditions, relative times, terms, and
phrases that are not deadlines at all (cited documents, "as of" dates, a law's year).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from deadline_tsv import check_notes, iso, read_rows

from app.core.deadlines.parse import parse_deadline, parse_deadline_uncached
from app.core.deadlines.types import DeadlineKind
from app.core.text import nfc

PHRASES = Path(__file__).parent / "data" / "deadline-phrases-real.tsv"


def _rows() -> list[dict[str, str]]:
    return read_rows(PHRASES)


_d = iso


ROWS = _rows()


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['phrase'][:50]}@{r['ref']}")
def test_real_phrase(row: dict[str, str]) -> None:
    dl = parse_deadline(row["phrase"], _d(row["ref"]))
    assert (str(dl.kind), dl.start, dl.due) == (row["kind"], _d(row["start"]), _d(row["due"]))
    notes = row["notes"]
    check_notes(dl, notes)


def test_the_file_is_large_and_varied() -> None:
    assert len(ROWS) >= 300
    kinds = {r["kind"] for r in ROWS}
    assert kinds == {str(k) for k in DeadlineKind}
    assert sum(r["kind"] == "unspecified" for r in ROWS) >= 15  # non-deadlines too


def test_accuracy_without_the_cache_or_the_fast_path() -> None:
    """The same answers from the general grammar alone (the fast path only saves time)."""
    from app.core.deadlines.grammar import interpret
    from app.core.deadlines.parse import DEFAULT_TERM
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

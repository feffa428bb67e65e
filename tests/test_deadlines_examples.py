"""Every worked example of shared/deadline-examples.tsv, plus what its notes column says."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from app.core.deadline_types import DeadlineKind, Frequency
from app.core.deadlines import parse_deadline

_CANDIDATES = [
    Path("/work/shared/deadline-examples.tsv"),
    Path(__file__).parent / "data" / "deadline-examples.tsv",
]
EXAMPLES = next(p for p in _CANDIDATES if p.exists())


def _rows() -> list[dict[str, str]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _d(s: str) -> date | None:
    return date.fromisoformat(s) if s else None


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["phrase"] or "(empty)")
def test_example(row: dict[str, str]) -> None:
    ref = _d(row["ref"]) or date(2022, 3, 31)
    dl = parse_deadline(row["phrase"], ref)
    assert (dl.kind, dl.start, dl.due) == (
        DeadlineKind(row["kind"]),
        _d(row["start"]),
        _d(row["due"]),
    )
    assert dl.raw == row["phrase"].strip()
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
    if "condition = the phrase" in notes:
        assert dl.condition == row["phrase"]


def test_examples_file_is_complete() -> None:
    assert len(_rows()) >= 58

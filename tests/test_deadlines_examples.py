"""Every worked example of shared/deadline-examples.tsv, plus what its notes column says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from deadline_tsv import check_notes, iso, read_rows

from app.core.deadlines.parse import parse_deadline
from app.core.deadlines.types import DeadlineKind

_CANDIDATES = [
    Path("/work/shared/deadline-examples.tsv"),
    Path(__file__).parent / "data" / "deadline-examples.tsv",
]
EXAMPLES = next(p for p in _CANDIDATES if p.exists())


def _rows() -> list[dict[str, str]]:
    return read_rows(EXAMPLES)


_d = iso


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
    check_notes(dl, notes)
    if "condition = the phrase" in notes:
        assert dl.condition == row["phrase"]


def test_examples_file_is_complete() -> None:
    assert len(_rows()) >= 58

"""The phrase corpus (tests/deadline_corpus.py): kind, dates and extras of every phrase,
and the same answer through the fast path and the general grammar."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from app.core.deadlines.grammar import interpret
from app.core.deadlines.parse import parse_deadline, parse_deadline_uncached
from app.core.deadlines.types import Deadline, DeadlineKind, Frequency
from app.core.workdays import DEFAULT_CALENDAR
from tests.deadline_corpus import Case, cases

CASES = cases()


def _check(dl: Deadline, case: Case) -> None:
    assert (dl.kind, dl.start, dl.due) == (DeadlineKind(case.kind), case.start, case.due)
    for extra in case.extras.split(" ") if case.extras else []:
        if extra.startswith("occ="):
            assert dl.occurrences == tuple(date.fromisoformat(x) for x in extra[4:].split(","))
        elif extra.startswith("rec="):
            freq, month, day, *wd = extra[4:].split("/")
            rec = dl.recurrence
            assert rec is not None
            assert rec.freq == Frequency(freq)
            assert rec.month == (None if month == "-" else int(month))
            assert rec.day == (None if day == "-" else int(day))
            if wd:
                assert rec.weekday == int(wd[0])
        elif extra == "cont":
            assert dl.continuing
        elif extra == "done":
            assert dl.done
        elif extra.startswith("cond="):
            assert dl.condition == case.extras.split("cond=", 1)[1]
            break
    if "cont" not in case.extras.split():
        assert not dl.continuing
    if "done" not in case.extras.split():
        assert not dl.done
    if dl.kind != DeadlineKind.RECURRING:
        assert dl.recurrence is None


@pytest.mark.parametrize("case", CASES, ids=str)
def test_phrase(case: Case) -> None:
    dl = parse_deadline(case.phrase, case.ref)
    _check(dl, case)
    assert dl.raw == case.phrase.strip()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_fast_path_agrees_with_grammar(case: Case) -> None:
    raw = case.phrase.strip()
    slow = interpret(raw, case.ref, (2020, 2025), DEFAULT_CALENDAR, use_fast=False)
    assert slow == parse_deadline_uncached(case.phrase, case.ref)


@pytest.mark.parametrize("case", CASES[::3], ids=str)
def test_nfd_and_case_variants(case: Case) -> None:
    """Decomposed accents and upper case give the same meaning."""
    for variant in (unicodedata.normalize("NFD", case.phrase), case.phrase.upper()):
        dl = parse_deadline(variant, case.ref)
        assert (dl.kind, dl.start, dl.due) == (DeadlineKind(case.kind), case.start, case.due)


def test_corpus_size() -> None:
    assert len(CASES) >= 200


def test_term_is_configurable() -> None:
    dl = parse_deadline("giữa nhiệm kỳ", date(2026, 1, 5), term=(2025, 2030))
    assert (dl.kind, dl.due) == (DeadlineKind.TERM, date(2028, 12, 31))
    dl = parse_deadline("năm thứ 2 của nhiệm kỳ", date(2026, 1, 5), term=(2025, 2030))
    assert dl.due == date(2027, 12, 31)


def test_none_and_blank() -> None:
    assert parse_deadline(None) == Deadline(raw="")
    assert parse_deadline("   ").kind == DeadlineKind.UNSPECIFIED


def test_ref_defaults_to_today() -> None:
    dl = parse_deadline("hằng năm")
    assert dl.due == date(date.today().year, 12, 31)

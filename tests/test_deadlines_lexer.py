"""The lexer's word dispatch finds exactly the tokens of the single reference alternation."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.deadlines.lexer import tokenize, tokenize_reference
from app.core.deadlines.norm import normalise
from tests.deadline_corpus import cases
from tests.test_deadlines_props import WORDS


def _same(text: str) -> None:
    s = normalise(text)
    assert tokenize(s) == tokenize_reference(s), s


def test_corpus_tokens_match_reference() -> None:
    for case in cases():
        _same(case.phrase)


def test_plan_sentences_match_reference() -> None:
    data = Path(__file__).parent / "data" / "seed_plan_bullets.txt"
    for line in data.read_text(encoding="utf-8").splitlines():
        _same(line)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.integers(0, 2100).map(str)), max_size=12))
def test_generated_tokens_match_reference(words: list[str]) -> None:
    _same(" ".join(words))
    _same("".join(words))

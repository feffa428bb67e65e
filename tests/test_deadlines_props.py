"""Property tests: whatever the text, parsing never raises and its dates make sense."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.deadlines.parse import (
    describe,
    find_deadlines,
    occurrence_dates,
    parse_deadline,
    parse_deadline_uncached,
)
from app.core.deadlines.types import DeadlineKind
from app.core.text import nfc

refs = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))

# Words deadline phrases are made of, so generated text exercises the grammar.
WORDS = [
    "trước", "ngày", "tháng", "quý", "quí", "năm", "hằng", "hàng", "định", "kỳ", "thường",
    "xuyên", "từ", "đến", "và", "hoặc", "trong", "cuối", "đầu", "giữa", "6", "tháng đầu năm",
    "khi", "có", "hướng dẫn", "sau khi", "dự kiến", "nhiệm kỳ", "năm thứ", "đã", "thực hiện",
    "kể từ", "ngày ký", "làm việc", "tuần", "thứ", "các năm tiếp theo", "trở đi", "I", "II",
    "III", "IV", "Q", "số", "/", "-", ".", ",", "(", ")", "*", "T", "hết", "nay", "tới", "sau",
    "tiếp theo", "giai đoạn", "liên tục", "đột xuất", "tầm nhìn", "tính đến", "quá hạn",
]  # fmt: skip
numbers = st.integers(min_value=0, max_value=2100).map(str)
tokens = st.one_of(st.sampled_from(WORDS), numbers, st.sampled_from(["/", "-", "."]))
phrases = st.lists(tokens, min_size=1, max_size=10).map(" ".join)
glued = st.lists(tokens, min_size=1, max_size=10).map("".join)


def _sane(dl, ref: date) -> None:
    if dl.start is not None and dl.due is not None:
        assert dl.due >= dl.start, dl
    for d in (dl.start, dl.due, *dl.occurrences):
        assert d is None or isinstance(d, date)
    assert list(dl.occurrences) == sorted(dl.occurrences) or dl.kind != DeadlineKind.RECURRING
    if dl.kind in (DeadlineKind.ONGOING, DeadlineKind.UNSPECIFIED):
        assert dl.due is None
    if dl.kind == DeadlineKind.UNSPECIFIED:
        assert dl.start is None and not dl.occurrences
    assert isinstance(describe(dl), str)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200), refs)
def test_never_raises_on_arbitrary_text(text: str, ref: date) -> None:
    dl = parse_deadline_uncached(text, ref)
    assert dl.raw == nfc(text).strip()
    _sane(dl, ref)
    for found in find_deadlines(text, ref):
        assert 0 <= found.start < found.end <= len(text)


@settings(max_examples=600, deadline=None)
@given(st.one_of(phrases, glued), refs)
def test_deadline_like_text_is_sane(text: str, ref: date) -> None:
    dl = parse_deadline_uncached(text, ref)
    _sane(dl, ref)
    if dl.kind == DeadlineKind.RECURRING and dl.due is not None:
        since = dl.start or dl.due
        assert dl.due in occurrence_dates(dl, dl.due, since=min(since, dl.due))
    for found in find_deadlines(text, ref):
        assert found.deadline.raw == nfc(text[found.start : found.end]).strip()
        _sane(found.deadline, ref)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(
        [
            "tháng {m}",
            "trong tháng {m}",
            "quý {q}",
            "trong quý {r}",
            "trước ngày {d}/{m}",
            "ngày {d}/{m}",
            "trước ngày {d}",
            "6 tháng đầu năm",
            "6 tháng cuối năm",
            "cuối năm",
            "tháng {m} hằng năm",
            "trước ngày {d}/{m} hằng năm",
            "trước ngày {d} hằng tháng",
            "hằng quý",
            "thứ {w} hằng tuần",
            "tuần thứ {q} tháng {m}",
        ]
    ),
    st.integers(1, 31),
    st.integers(1, 12),
    st.integers(1, 4),
    st.integers(2, 7),
    refs,
)
def test_yearless_periods_end_on_or_after_ref(
    template: str, d: int, m: int, q: int, w: int, ref: date
) -> None:
    roman = ["I", "II", "III", "IV"][q - 1]
    phrase = template.format(d=d, m=m, q=q, r=roman, w=w)
    dl = parse_deadline(phrase, ref)
    assert dl.kind != DeadlineKind.UNSPECIFIED, phrase
    assert dl.due is not None and dl.due >= ref, (phrase, ref, dl)
    _sane(dl, ref)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 31), st.integers(1, 12), st.integers(1990, 2099), refs)
def test_explicit_dates_resolve_to_valid_days(d: int, m: int, y: int, ref: date) -> None:
    dl = parse_deadline(f"trước ngày {d}/{m}/{y}", ref)
    assert dl.kind == DeadlineKind.DATE
    assert dl.due is not None and (dl.due.year, dl.due.month) == (y, m)
    assert dl.due.day == min(d, dl.due.day) and dl.due.day <= d

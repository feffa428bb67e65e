"""occurrence_dates, describe, the cache and the JSON round trip."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.deadlines.parse import (
    describe,
    occurrence_dates,
    parse_deadline,
    parse_deadline_uncached,
)
from app.core.deadlines.types import Deadline, DeadlineKind, Frequency, Recurrence


def test_occurrences_of_yearly_with_anchor_and_start() -> None:
    dl = parse_deadline("trước ngày 30/10 hằng năm, từ năm 2023", date(2022, 3, 31))
    assert dl.start == date(2023, 1, 1)
    assert occurrence_dates(dl, date(2025, 12, 31)) == [
        date(2023, 10, 30),
        date(2024, 10, 30),
        date(2025, 10, 30),
    ]
    assert occurrence_dates(dl, date(2025, 12, 31), since=date(2024, 11, 1)) == [date(2025, 10, 30)]


def test_occurrences_from_first_due_when_no_start() -> None:
    dl = parse_deadline("hằng quý", date(2023, 5, 10))
    assert occurrence_dates(dl, date(2024, 1, 1)) == [
        date(2023, 6, 30),
        date(2023, 9, 30),
        date(2023, 12, 31),
    ]


def test_occurrences_monthly_clamp_and_weekly_weekday() -> None:
    dl = parse_deadline("trước ngày 31 hằng tháng", date(2024, 1, 5))
    assert occurrence_dates(dl, date(2024, 4, 30)) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
    ]
    dl = parse_deadline("thứ 6 hằng tuần", date(2024, 3, 11))
    assert occurrence_dates(dl, date(2024, 3, 31)) == [
        date(2024, 3, 15),
        date(2024, 3, 22),
        date(2024, 3, 29),
    ]


def test_occurrences_quarterly_and_semiannual_anchors() -> None:
    dl = parse_deadline("trước ngày 20 tháng cuối quý", date(2023, 1, 1))
    assert occurrence_dates(dl, date(2023, 12, 31)) == [
        date(2023, 3, 20),
        date(2023, 6, 20),
        date(2023, 9, 20),
        date(2023, 12, 20),
    ]
    dl = parse_deadline("trước ngày 15/6 và 15/12 hằng năm", date(2023, 1, 1))
    assert occurrence_dates(dl, date(2024, 6, 30)) == [
        date(2023, 6, 15),
        date(2023, 12, 15),
        date(2024, 6, 15),
    ]


def test_occurrences_of_bounded_recurrence_and_lists() -> None:
    dl = parse_deadline("hằng năm giai đoạn 2021-2025", date(2023, 3, 1))
    assert occurrence_dates(dl, date(2030, 1, 1)) == [date(y, 12, 31) for y in range(2021, 2026)]
    dl = parse_deadline("tháng 3 và tháng 9/2023", date(2023, 1, 5))
    assert occurrence_dates(dl, date(2023, 6, 30)) == [date(2023, 3, 31)]
    assert occurrence_dates(dl, date(2023, 12, 31)) == [date(2023, 3, 31), date(2023, 9, 30)]


def test_occurrences_of_single_and_none() -> None:
    dl = parse_deadline("Quý I/2023", date(2023, 1, 5))
    assert occurrence_dates(dl, date(2023, 12, 31)) == [date(2023, 3, 31)]
    assert occurrence_dates(dl, date(2023, 3, 30)) == []
    assert occurrence_dates(dl, date(2023, 12, 31), since=date(2023, 4, 1)) == []
    assert occurrence_dates(parse_deadline("thường xuyên"), date(2030, 1, 1)) == []
    assert occurrence_dates(Deadline(), date(2030, 1, 1)) == []


@pytest.mark.parametrize(
    ("phrase", "ref", "text"),
    [
        ("Quý I/2022", date(2022, 1, 10), "Quý I/2022: 01/01/2022 – 31/03/2022"),
        ("trước ngày 30/10 hàng năm", date(2022, 3, 31), "Hằng năm, ngày 30/10; kỳ tới 30/10/2022"),
        ("thường xuyên", date(2022, 3, 31), "Thường xuyên"),
        (
            "khi có hướng dẫn của Trung ương",
            date(2022, 3, 31),
            "Chờ điều kiện: khi có hướng dẫn của Trung ương",
        ),
        ("chưa rõ", date(2022, 3, 31), "Không xác định: «chưa rõ»"),
        ("tháng 3/2022", date(2022, 1, 10), "Tháng 3/2022: 01/03/2022 – 31/03/2022"),
        (
            "6 tháng đầu năm 2023",
            date(2022, 1, 10),
            "6 tháng đầu năm 2023: 01/01/2023 – 30/06/2023",
        ),
        ("năm 2023", date(2022, 1, 10), "Năm 2023: 01/01/2023 – 31/12/2023"),
        ("giai đoạn 2021-2025", date(2022, 1, 10), "Giai đoạn 01/01/2021 – 31/12/2025"),
        ("trước ngày 30/6/2023", date(2022, 1, 10), "Hạn 30/06/2023"),
        ("từ năm 2022", date(2022, 1, 10), "Thường xuyên, từ 01/01/2022"),
        (
            "Quý I/2023 và thường xuyên",
            date(2023, 1, 5),
            "Quý I/2023: 01/01/2023 – 31/03/2023; và thường xuyên",
        ),
        (
            "tháng 3 và tháng 9/2023",
            date(2023, 1, 5),
            "Tháng 3/2023: 01/03/2023 – 31/03/2023; các hạn: 31/03/2023, 30/09/2023",
        ),
        (
            "khi có hướng dẫn, dự kiến tháng 7/2022",
            date(2022, 3, 31),
            "Chờ điều kiện: khi có hướng dẫn; dự kiến 01/07/2022 – 31/07/2022",
        ),
        ("thứ 2 hằng tuần", date(2024, 3, 13), "Hằng tuần, thứ Hai; kỳ tới 18/03/2024"),
        ("hằng quý", date(2024, 3, 13), "Hằng quý; kỳ tới 31/03/2024"),
        (
            "đã thực hiện trong tháng 3/2022",
            date(2022, 3, 31),
            "Đã thực hiện (01/03/2022 – 31/03/2022)",
        ),
    ],
)
def test_describe(phrase: str, ref: date, text: str) -> None:
    assert describe(parse_deadline(phrase, ref)) == text


def test_describe_hand_made_values() -> None:
    rec = Recurrence(Frequency.SEMIANNUAL, month=3, day=31)
    dl = Deadline(raw="x", kind=DeadlineKind.RECURRING, due=date(2023, 3, 31), recurrence=rec)
    assert describe(dl) == "Định kỳ 6 tháng, ngày 31/03 và 30/09; kỳ tới 31/03/2023"
    assert describe(Deadline()) == "Không xác định"


def test_json_round_trip() -> None:
    for phrase in ("trước ngày 30/10 hằng năm", "thứ 6 hằng tuần", "tháng 3 và tháng 9/2023"):
        dl = parse_deadline(phrase, date(2023, 1, 5))
        assert Deadline.from_json(dl.to_json()) == dl


def test_cache_returns_equal_values_and_respects_arguments() -> None:
    a = parse_deadline("trong quý I", date(2022, 5, 10))
    b = parse_deadline("trong quý I", date(2022, 1, 10))
    assert a.due == date(2023, 3, 31) and b.due == date(2022, 3, 31)
    assert parse_deadline("trong quý I", date(2022, 5, 10)) == parse_deadline_uncached(
        "trong quý I", date(2022, 5, 10)
    )
    t1 = parse_deadline("cuối nhiệm kỳ", date(2022, 5, 10))
    t2 = parse_deadline("cuối nhiệm kỳ", date(2022, 5, 10), term=(2025, 2030))
    assert (t1.due, t2.due) == (date(2025, 12, 31), date(2030, 12, 31))

"""Deadlines tied to Tết Nguyên đán: the date follows the lunar calendar."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.deadlines.parse import parse_deadline
from app.core.deadlines.tet import lunar_new_year
from app.core.deadlines.types import DeadlineKind

REF = date(2023, 3, 15)  # after Tết 2023 (22/01/2023)


@pytest.mark.parametrize(
    ("phrase", "kind", "start", "due"),
    [
        ("Trước Tết Nguyên đán Giáp Thìn 2024", "date", None, date(2024, 2, 9)),
        ("Trước Tết Nguyên đán", "date", None, date(2024, 2, 9)),  # the next Tết
        ("trước tết nguyen dan nam 2025", "date", None, date(2025, 1, 28)),
        ("Hoàn thành trước Tết Nguyên đán Quý Mão", "date", None, date(2023, 1, 21)),
        ("Trước Tết Canh Tý", "date", None, date(2020, 1, 24)),
        ("Trước Tết Bính Ngọ 2026", "date", None, date(2026, 2, 16)),
        ("Dịp Tết Nguyên đán Ất Tỵ", "period", date(2025, 1, 28), date(2025, 1, 31)),
        ("Trước, trong và sau Tết Nguyên đán", "period", date(2024, 2, 9), date(2024, 2, 12)),
        ("Sau Tết Nguyên đán", "unspecified", None, None),  # no end the plan states
    ],
)
def test_tet_phrases(phrase, kind, start, due):
    d = parse_deadline(phrase, REF)
    assert (d.kind, d.start, d.due) == (DeadlineKind(kind), start, due), phrase


def test_a_dated_period_beside_tet_keeps_its_own_date():
    assert parse_deadline("Quý I/2024 (trước Tết)", REF).kind == DeadlineKind.QUARTER
    assert parse_deadline("hằng năm, trước Tết Nguyên đán", REF).kind == DeadlineKind.RECURRING


@pytest.mark.parametrize("year", range(2000, 2041))
def test_the_eve_is_the_day_before_the_lunar_new_year_every_year(year):
    new_year = lunar_new_year(year)
    assert new_year is not None and date(year, 1, 20) <= new_year <= date(year, 2, 21)
    d = parse_deadline(f"Trước Tết Nguyên đán {year}", date(year - 1, 6, 1))
    assert d.due == date.fromordinal(new_year.toordinal() - 1)

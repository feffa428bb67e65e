"""Status summary arithmetic: periods, the four categories as of a day, Vietnamese numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.core.status import Category
from app.exports.reports.summary import (
    NO_LEAD,
    Counts,
    Item,
    PeriodKind,
    ReportPeriod,
    categorize,
    overdue_sentence,
    percent,
    summarize,
    summary_paragraphs,
    vn_decimal,
    vn_int,
    vn_percent,
)

D = date


@pytest.mark.parametrize(
    ("kind", "day", "start", "end", "label"),
    [
        ("month", D(2023, 3, 15), D(2023, 3, 1), D(2023, 3, 31), "tháng 3/2023"),
        ("month", D(2024, 2, 29), D(2024, 2, 1), D(2024, 2, 29), "tháng 2/2024"),
        ("month", D(2023, 2, 1), D(2023, 2, 1), D(2023, 2, 28), "tháng 2/2023"),
        ("month", D(2023, 12, 31), D(2023, 12, 1), D(2023, 12, 31), "tháng 12/2023"),
        ("quarter", D(2023, 1, 1), D(2023, 1, 1), D(2023, 3, 31), "quý I/2023"),
        ("quarter", D(2023, 5, 20), D(2023, 4, 1), D(2023, 6, 30), "quý II/2023"),
        ("quarter", D(2023, 9, 30), D(2023, 7, 1), D(2023, 9, 30), "quý III/2023"),
        ("quarter", D(2023, 12, 31), D(2023, 10, 1), D(2023, 12, 31), "quý IV/2023"),
        ("year", D(2023, 6, 1), D(2023, 1, 1), D(2023, 12, 31), "năm 2023"),
    ],
)
def test_period_containing(kind, day, start, end, label):
    p = ReportPeriod.containing(kind, day)
    assert (p.start, p.end, p.label) == (start, end, label)


@pytest.mark.parametrize(
    ("kind", "day", "prev_start", "prev_end", "word"),
    [
        ("month", D(2023, 1, 10), D(2022, 12, 1), D(2022, 12, 31), "tháng trước"),
        ("month", D(2023, 3, 31), D(2023, 2, 1), D(2023, 2, 28), "tháng trước"),
        ("quarter", D(2023, 2, 1), D(2022, 10, 1), D(2022, 12, 31), "quý trước"),
        ("quarter", D(2023, 8, 1), D(2023, 4, 1), D(2023, 6, 30), "quý trước"),
        ("year", D(2024, 1, 1), D(2023, 1, 1), D(2023, 12, 31), "năm trước"),
    ],
)
def test_previous_period(kind, day, prev_start, prev_end, word):
    p = ReportPeriod.containing(kind, day)
    prev = p.previous()
    assert (prev.start, prev.end) == (prev_start, prev_end)
    assert p.previous_word == word
    assert prev.following() == p


def test_as_of_is_period_end_or_today_while_running():
    march = ReportPeriod.containing(PeriodKind.MONTH, D(2023, 3, 1))
    assert march.as_of(D(2023, 5, 2)) == D(2023, 3, 31)
    assert march.as_of(D(2023, 3, 10)) == D(2023, 3, 10)
    assert march.as_of(D(2023, 3, 31)) == D(2023, 3, 31)


@pytest.mark.parametrize(
    ("assigned", "due", "done", "as_of", "expected"),
    [
        (D(2023, 1, 1), D(2023, 3, 31), D(2023, 3, 31), D(2023, 4, 1), Category.DONE_ON_TIME),
        (D(2023, 1, 1), D(2023, 3, 31), D(2023, 2, 1), D(2023, 4, 1), Category.DONE_ON_TIME),
        (D(2023, 1, 1), D(2023, 3, 31), D(2023, 4, 1), D(2023, 4, 1), Category.DONE_LATE),
        # completed after the day looked at: still open on that day
        (D(2023, 1, 1), D(2023, 3, 31), D(2023, 4, 5), D(2023, 4, 1), Category.OPEN_OVERDUE),
        (D(2023, 1, 1), D(2023, 3, 31), D(2023, 3, 20), D(2023, 3, 10), Category.OPEN_IN_TIME),
        (D(2023, 1, 1), D(2023, 3, 31), None, D(2023, 3, 31), Category.OPEN_IN_TIME),
        (D(2023, 1, 1), D(2023, 3, 31), None, D(2023, 4, 1), Category.OPEN_OVERDUE),
        # not yet assigned on that day
        (D(2023, 5, 1), D(2023, 6, 30), None, D(2023, 4, 30), None),
        (D(2023, 5, 1), D(2023, 6, 30), None, D(2023, 5, 1), Category.OPEN_IN_TIME),
    ],
)
def test_categorize(assigned, due, done, as_of, expected):
    assert categorize(assigned, due, done, as_of) == expected


@pytest.mark.parametrize(
    ("n", "text"), [(0, "0"), (7, "7"), (999, "999"), (1580, "1.580"), (1234567, "1.234.567")]
)
def test_vn_int(n, text):
    assert vn_int(n) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("2.2"), "2,2"),
        (Decimal("2.25"), "2,3"),  # half up, not banker's rounding
        (Decimal("0.04"), "0,0"),
        (Decimal("-0.6"), "-0,6"),
        (Decimal("1234.5"), "1.234,5"),
        (2.0, "2,0"),
    ],
)
def test_vn_decimal(value, text):
    assert vn_decimal(value) == text


def test_percent_rounds_half_up_and_survives_zero():
    assert percent(35, 1590) == Decimal("2.2")
    assert percent(1, 8) == Decimal("12.5")
    assert percent(1, 16) == Decimal("6.3")  # 6.25 -> 6.3
    assert percent(0, 0) == Decimal("0.0")
    assert vn_percent(percent(1, 3)) == "33,3%"


def _items(n_overdue: int, n_other: int, *, lead: int | None = 1) -> list[Item]:
    """`n_overdue` items overdue on 31/3/2023 and `n_other` done on time, all due in March."""
    out = [Item(lead, D(2023, 1, 5), D(2023, 3, 10), None) for _ in range(n_overdue)]
    out += [Item(lead, D(2023, 1, 5), D(2023, 3, 10), D(2023, 3, 9)) for _ in range(n_other)]
    return out


def test_summary_reproduces_a_monthly_report_sentence():
    march = ReportPeriod.containing("month", D(2023, 3, 1))
    # 35 of 1.590 overdue on 31/3 (2,2%); on 28/2, 45 of 1.590 were overdue (2,8%).
    items = _items(35, 1510)
    # 10 tasks due in February that were overdue on 28/2 and finished in March (late).
    items += [Item(2, D(2023, 1, 5), D(2023, 2, 10), D(2023, 3, 5)) for _ in range(10)]
    # The 35 still-overdue tasks of March were in time on 28/2; add 35 more that were
    # overdue on 28/2 and are done late in March.
    items += [Item(2, D(2023, 1, 5), D(2023, 2, 20), D(2023, 3, 6)) for _ in range(35)]
    s = summarize(items, {1: "Ban Tổ chức", 2: "Ban Dân vận"}, march, today=D(2023, 4, 3))
    assert s.as_of == D(2023, 3, 31) and s.previous_as_of == D(2023, 2, 28)
    assert s.total.total == 1590  # every item was assigned on 5/1
    assert s.total.open_overdue == 35
    assert s.total.overdue_share == Decimal("2.2")
    assert s.previous.open_overdue == 45 and s.previous.total == s.total.total
    assert s.previous.overdue_share == Decimal("2.8")
    assert s.overdue_change == Decimal("-0.6")
    assert overdue_sentence(s) == (
        "35 nhiệm vụ quá hạn chưa hoàn thành, chiếm 2,2%, giảm 0,6% so với tháng trước."
    )


def test_summary_per_department_sorted_vietnamese_with_unassigned_last():
    q1 = ReportPeriod.containing("quarter", D(2023, 2, 1))
    items = [
        Item(None, D(2023, 1, 1), D(2023, 2, 1), None),
        Item(3, D(2023, 1, 1), D(2023, 2, 1), D(2023, 1, 20)),
        Item(1, D(2023, 1, 1), D(2023, 3, 31), D(2023, 4, 2)),  # done late, after the quarter
        Item(2, D(2023, 1, 1), D(2023, 6, 30), None),
        Item(2, D(2023, 5, 1), D(2023, 6, 30), None),  # assigned after the quarter: not counted
    ]
    names = {1: "Văn phòng", 2: "Ban Tuyên giáo", 3: "Ủy ban Kiểm tra"}
    s = summarize(items, names, q1, today=D(2023, 7, 1))
    assert [r.name for r in s.rows] == ["Ban Tuyên giáo", "Ủy ban Kiểm tra", "Văn phòng", NO_LEAD]
    by_name = {r.name: r.counts for r in s.rows}
    assert by_name["Văn phòng"].open_overdue == 0 and by_name["Văn phòng"].open_in_time == 1
    assert by_name["Ban Tuyên giáo"].total == 1 and by_name["Ban Tuyên giáo"].open_in_time == 1
    assert by_name["Ủy ban Kiểm tra"].done_on_time == 1
    assert by_name[NO_LEAD].open_overdue == 1
    assert s.total.total == 4 and s.total.due_in_period == 3 and s.total.done_in_period == 1
    # nothing was assigned before 2023: no previous figures, no comparison
    assert s.previous.total == 0 and s.overdue_change is None
    assert overdue_sentence(s) == "1 nhiệm vụ quá hạn chưa hoàn thành, chiếm 25,0%."


@pytest.mark.parametrize(
    ("prev_overdue", "word"),
    [(1, "tăng 10,0% so với quý trước"), (2, "không thay đổi so với quý trước")],
)
def test_sentence_increase_and_no_change(prev_overdue, word):
    q2 = ReportPeriod.containing("quarter", D(2023, 5, 1))
    # 10 items; on 31/3 `prev_overdue` overdue, on 30/6 two are overdue.
    items = [Item(1, D(2023, 1, 1), D(2023, 3, 1), None) for _ in range(prev_overdue)]
    items += [Item(1, D(2023, 1, 1), D(2023, 6, 1), None) for _ in range(2 - prev_overdue)]
    items += [Item(1, D(2023, 1, 1), D(2023, 12, 1), None) for _ in range(8)]
    s = summarize(items, {1: "A"}, q2, today=D(2023, 8, 1))
    assert s.total.open_overdue == 2 and s.total.overdue_share == Decimal("20.0")
    assert overdue_sentence(s).endswith(word + ".")


def test_summary_while_the_period_runs_uses_today():
    may = ReportPeriod.containing("month", D(2023, 5, 1))
    items = [
        Item(1, D(2023, 1, 1), D(2023, 5, 10), None),  # overdue on 15/5
        Item(1, D(2023, 1, 1), D(2023, 5, 20), None),  # still in time on 15/5
        Item(1, D(2023, 1, 1), D(2023, 5, 31), D(2023, 5, 30)),  # done later than today
    ]
    s = summarize(items, {1: "A"}, may, today=D(2023, 5, 15))
    assert s.as_of == D(2023, 5, 15)
    assert (s.total.open_overdue, s.total.open_in_time, s.total.done) == (1, 2, 0)


def test_counts_json_and_paragraphs():
    c = Counts(done_on_time=3, done_late=1, open_in_time=4, open_overdue=2)
    assert c.total == 10 and c.to_json()["overdue_share"] == 20.0
    march = ReportPeriod.containing("month", D(2023, 3, 1))
    s = summarize(_items(2, 8), {1: "Ban Tổ chức"}, march, today=D(2023, 4, 1))
    text = "\n".join(summary_paragraphs(s))
    assert "Tính đến ngày 31/03/2023, tổng số 10 nhiệm vụ có thời hạn" in text
    assert "hoàn thành đúng hạn 8 (80,0%)" in text
    assert "chưa hoàn thành quá hạn 2 (20,0%)" in text
    assert "Trong tháng 3/2023 có 10 nhiệm vụ đến hạn; 8 nhiệm vụ được hoàn thành." in text
    data = s.to_json()
    assert data["period"]["label"] == "tháng 3/2023"
    assert data["departments"][0]["name"] == "Ban Tổ chức"
    empty = summarize([], {}, march, today=D(2023, 4, 1))
    assert "chưa có nhiệm vụ nào" in summary_paragraphs(empty)[0]

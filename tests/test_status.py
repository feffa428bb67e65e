"""Status rules of deadline-phrases.md, labels, and per-occurrence status."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.deadlines.parse import parse_deadline
from app.core.status import (
    RULES,
    Category,
    Fact,
    Status,
    category,
    category_label,
    facts,
    implied_completion,
    status_label,
    task_status,
)

DUE = date(2023, 6, 30)


@pytest.mark.parametrize(
    ("kind", "due", "done", "today", "expected"),
    [
        ("date", DUE, date(2023, 6, 30), date(2023, 7, 5), Status.DONE_ON_TIME),
        ("date", DUE, date(2023, 7, 1), date(2023, 7, 5), Status.DONE_LATE),
        ("date", None, date(2023, 7, 1), date(2023, 7, 5), Status.DONE_ON_TIME),
        ("date", DUE, None, date(2023, 6, 1), Status.OPEN),
        ("date", DUE, None, date(2023, 6, 23), Status.DUE_SOON),
        ("date", DUE, None, date(2023, 6, 30), Status.DUE_SOON),
        ("date", DUE, None, date(2023, 7, 1), Status.OVERDUE),
        ("conditional", None, None, date(2023, 7, 1), Status.WAITING),
        ("conditional", DUE, None, date(2023, 7, 1), Status.OVERDUE),
        ("ongoing", None, None, date(2030, 1, 1), Status.ONGOING),
        ("unspecified", None, None, date(2030, 1, 1), Status.ONGOING),
        # A phrase saying the work is done is completed when written (implied_completion);
        # the rule itself only looks at the dates.
        ("done", date(2022, 3, 31), date(2022, 3, 31), date(2030, 1, 1), Status.DONE_ON_TIME),
    ],
)
def test_task_status(kind, due, done, today, expected) -> None:
    assert task_status(kind, due, done, today) == expected


def test_due_soon_window_is_configurable() -> None:
    assert task_status("date", DUE, None, date(2023, 6, 15)) == Status.OPEN
    assert task_status("date", DUE, None, date(2023, 6, 15), soon_days=15) == Status.DUE_SOON
    assert task_status("date", DUE, None, date(2023, 6, 29), soon_days=0) == Status.OPEN


def test_labels_match_the_spec() -> None:
    assert [status_label(s) for s in Status] == [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Chưa hoàn thành trong hạn",
        "Sắp đến hạn",
        "Chưa hoàn thành quá hạn",
        "Chờ điều kiện",
        "Thường xuyên",
    ]
    assert status_label(Status.OVERDUE, lang="en") == "Overdue"
    assert status_label("due_soon") == "Sắp đến hạn"
    assert category_label(Category.OPEN_OVERDUE) == "Chưa hoàn thành quá hạn"


def test_categories() -> None:
    assert category(Status.DUE_SOON) == Category.OPEN_IN_TIME
    assert category(Status.OVERDUE) == Category.OPEN_OVERDUE
    assert category(Status.ONGOING) is None
    assert category(Status.WAITING) is None


def test_every_combination_of_facts_has_exactly_one_status() -> None:
    days = [None, date(2023, 6, 1), date(2023, 6, 30), date(2023, 7, 1), date(2023, 9, 1)]
    today = date(2023, 6, 25)
    seen = set()
    for kind in ("date", "conditional", "ongoing"):
        for due in days:
            for done in days:
                held = facts(kind, due, done, today)
                matching = [st for st, tests in RULES if tests <= held]
                assert len(matching) == 1, (kind, due, done, held)
                assert task_status(kind, due, done, today) == matching[0]
                seen.add(matching[0])
    assert seen == set(Status)


def test_the_documented_table_is_the_rule() -> None:
    """docs/status.md shows RULES; the two never drift apart."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "status.md").read_text(encoding="utf-8")
    rows = {}
    for line in doc.splitlines():
        cells = [c.strip(" `") for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[1] in {str(s) for s in Status}:
            rows[Status(cells[1])] = frozenset(Fact(f.strip(" `")) for f in cells[2].split("+"))
    assert rows == dict(RULES)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("đã thực hiện trong tháng 3/2022", date(2022, 3, 31)),
        ("đã ban hành", date(2022, 1, 10)),  # no period: the plan's date
        ("Quý I/2022", None),
        ("thường xuyên", None),
    ],
)
def test_a_phrase_that_says_done_implies_its_completion(phrase, expected) -> None:
    ref = date(2022, 1, 10)
    assert implied_completion(parse_deadline(phrase, ref), ref) == expected


def test_the_next_due_date_described_is_never_past() -> None:
    from app.core.deadlines.parse import describe

    dl = parse_deadline("trước 15/10 hằng năm", date(2026, 3, 1))
    assert dl.due == date(2026, 10, 15)
    assert "kỳ tới 15/10/2026" in describe(dl)  # as read on the plan's date
    assert "kỳ tới 15/10/2027" in describe(dl, date(2026, 12, 5))
    bounded = parse_deadline("hằng năm giai đoạn 2021-2023", date(2021, 3, 1))
    assert "đã hết các kỳ" in describe(bounded, date(2026, 12, 5))


@pytest.mark.parametrize(
    ("on", "issuer", "expected"),
    [
        (date(2023, 5, 1), "HUYỆN ỦY ĐỨC TRỌNG", (2020, 2025)),
        (date(2025, 3, 1), "TỈNH ỦY LÂM ĐỒNG", (2020, 2025)),  # before the congress
        (date(2025, 11, 1), "TỈNH ỦY LÂM ĐỒNG", (2025, 2030)),
        (date(2026, 3, 1), "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nĐẢNG ỦY KHỐI", (2025, 2030)),
        (date(2026, 3, 1), "BAN CHẤP HÀNH TRUNG ƯƠNG", (2026, 2031)),
        (date(2026, 1, 10), "CHÍNH PHỦ", (2021, 2026)),
        (date(2024, 6, 1), "UBND TỈNH NINH THUẬN", (2021, 2026)),
        (date(2026, 6, 1), "SỞ NỘI VỤ", (2026, 2031)),
    ],
)
def test_the_term_is_the_one_that_holds_the_plans_date(on, issuer, expected) -> None:
    from app.core.deadlines.terms import level_of, term_for

    assert term_for(on, level_of(issuer)) == expected
    end = parse_deadline("cuối nhiệm kỳ", on, term=expected)
    assert end.due == date(expected[1], 12, 31)

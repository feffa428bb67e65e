"""Fitting the printed table to the paper, without Qt: column widths from the content,
page breaks, rows split at a line boundary, the closing kept with the end of the table."""

from __future__ import annotations

from datetime import date

import pytest

from app.exports.office import Org
from app.exports.weekly.layout import CellSpec, Column, DataRow, PrintDoc, Run
from app.exports.weekly.paging import (
    Split,
    column_text,
    fit_widths,
    pieces_of,
    plan_pages,
    split_cell,
)

H, D = True, False  # a heading row, a data row


class Rows:
    """Rows of `lines` lines of 20 px (plus 10 px of padding) that split like real ones:
    at least two lines stay and two go, and rows of fewer than five lines never split."""

    def __init__(self, lines: list[int]) -> None:
        self.lines = list(lines)

    @property
    def pitches(self) -> list[float]:
        return [10.0 + 20 * n for n in self.lines]

    def split(self, i: int, avail: float) -> Split | None:
        n = self.lines[i]
        keep = min(int((avail - 10) // 20), n - 2)
        if n < 5 or keep < 2:
            return None

        def apply() -> None:
            self.lines[i : i + 1] = [keep, n - keep]

        return Split(10.0 + 20 * keep, 10.0 + 20 * (n - keep), apply)


def test_rows_that_fit_are_never_cut():
    rows = Rows([3] * 5)
    assert plan_pages([D] * 5, rows.pitches, 100, 50, 500, split=rows.split) == []


def test_a_short_row_moves_whole_to_the_next_page():
    # 100 + 5 * 70 = 450: the sixth row (70 px) does not fit under 494
    rows = Rows([3] * 8)
    assert plan_pages([D] * 8, rows.pitches, 100, 50, 500, split=rows.split) == [5]
    assert rows.lines == [3] * 8


def test_a_tall_row_is_split_where_the_page_ends():
    rows = Rows([3, 20, 3])
    breaks = plan_pages([D] * 3, rows.pitches, 100, 50, 500, split=rows.split)
    # 100 + 70 = 170; 494 - 170 = 324 px left: 15 lines stay
    assert rows.lines == [3, 15, 5, 3] and breaks == [2]
    rows = Rows([3, 20, 3])
    plan_pages([D] * 3, rows.pitches, 300, 50, 500, split=rows.split)
    assert rows.lines == [3, 5, 15, 3]  # 494 - 370 = 124 px: five lines stay
    rows = Rows([3, 17, 3])
    plan_pages([D] * 3, rows.pitches, 100, 50, 500, split=rows.split)
    assert rows.lines == [3, 15, 2, 3]  # 16 would fit: two lines go all the same


def test_too_little_room_for_two_lines_moves_the_row():
    rows = Rows([22, 12])
    breaks = plan_pages([D, D], rows.pitches, 0, 50, 500, split=rows.split)
    assert rows.lines == [22, 12] and breaks == [1]  # 494 - 450 = 44 px: one line only


def test_a_row_taller_than_a_page_is_split_on_every_page():
    rows = Rows([50])
    breaks = plan_pages([D], rows.pitches, 100, 50, 500, split=rows.split)
    # page one holds 19 lines (100 + 10 + 380 <= 494), later pages 21 lines under the header
    assert rows.lines == [19, 21, 10] and breaks == [1, 2]


def test_headings_stay_with_the_row_after_them():
    rows = Rows([9, 9, 1, 1, 3])
    headings = [D, D, H, H, D]
    # the data row after the two headings does not fit (and is too short to split)
    assert plan_pages(headings, rows.pitches, 0, 50, 500, split=rows.split) == [2]
    # a note row is content, not a heading: it stays with its section
    rows = Rows([1, 1, 1, 19])
    assert plan_pages([H, D, H, D], rows.pitches, 100, 50, 500) == [2]


def test_a_heading_keeps_the_first_lines_of_a_split_row():
    rows = Rows([18, 1, 12])
    breaks = plan_pages([D, H, D], rows.pitches, 0, 50, 500, split=rows.split)
    # 370 + 30 = 400; 94 px left: the heading and four lines stay
    assert rows.lines == [18, 1, 4, 8] and breaks == [3]


def test_the_closing_never_stands_alone():
    # the rows fill page one; the 200 px closing does not fit under them
    rows = Rows([3] * 5)
    assert plan_pages([D] * 5, rows.pitches, 100, 50, 500) == []
    breaks = plan_pages([D] * 5, rows.pitches, 100, 50, 500, closing=200, split=rows.split)
    assert breaks == [4]  # the last row goes with the closing
    # with headings before the last row, they go too
    rows = Rows([3, 3, 3, 1, 1, 3])
    breaks = plan_pages([D, D, D, H, H, D], rows.pitches, 100, 50, 500, closing=200)
    assert breaks == [3]


def test_the_closing_takes_the_end_of_a_row_alone_on_its_page():
    rows = Rows([3, 36])
    breaks = plan_pages([D, D], rows.pitches, 100, 50, 500, closing=200, split=rows.split)
    # the tall row fills page two (15 lines on page one, 21 on page two) and leaves no
    # room for the closing: its last two lines go to page three with it
    assert rows.lines == [3, 15, 19, 2] and breaks == [2, 3]


def test_a_closing_that_cannot_have_company_is_left_where_it_falls():
    rows = Rows([3, 36])
    breaks = plan_pages([D, D], rows.pitches, 100, 50, 500, closing=480, split=rows.split)
    assert breaks == [2]  # only the split of the tall row itself


def test_split_cell_cuts_runs_and_paragraphs():
    spec = CellSpec(
        ((Run("Rà soát, bổ ", 11), Run("sung quy chế", 11, bold=True)), (Run("KH số 1", 10),)),
        "left",
    )
    head, tail = split_cell(spec, (0, 15))
    assert head.paragraphs == ((Run("Rà soát, bổ ", 11), Run("sun", 11, bold=True)),)
    assert tail.paragraphs == ((Run("g quy chế", 11, bold=True),), (Run("KH số 1", 10),))
    head, tail = split_cell(spec, (0, 12))  # a line ends at a space: it is dropped
    assert head.paragraphs == ((Run("Rà soát, bổ", 11),),)
    assert tail.paragraphs == ((Run("sung quy chế", 11, bold=True),), (Run("KH số 1", 10),))
    head, tail = split_cell(spec, (1, 0))
    assert head.paragraphs == spec.paragraphs[:1] and tail.paragraphs == spec.paragraphs[1:]
    head, tail = split_cell(spec, None)
    assert head == spec and tail.paragraphs == ((),)
    head, tail = split_cell(spec, (0, 0))
    assert head.paragraphs == ((),) and tail.paragraphs == spec.paragraphs


def _doc(columns, rows) -> PrintDoc:
    return PrintDoc(Org(), "x", date(2026, 1, 5), tuple(columns), tuple(rows))


def _measure(run: Run) -> float:
    return 6.0 * len(run.text)  # 6 px a character


def test_side_columns_take_their_content_and_the_content_column_the_rest():
    columns = [Column("TT", 10, "center"), Column("Nội dung", 40, grow=True), Column("Ghi", 20)]
    rows = [DataRow(("1", "việc " * 40, "")), DataRow(("12", "việc", ""))]
    doc = _doc(columns, rows)
    widths = fit_widths(doc, column_text(doc, pieces_of(doc), _measure, 10), 1000)
    # "TT" and "12": 12 + 10 px; "Ghi" (header) 18 + 10 px; the rest for the content
    assert [round(w * 10) for w in widths] == [22, 950, 28]


def test_a_side_column_stops_at_its_share_but_never_below_its_longest_word():
    columns = [Column("Nội dung", 40, grow=True), Column("Chủ trì", 10)]
    doc = _doc(columns, [DataRow(("x", "Ban Tổ chức Tỉnh ủy " * 3))])
    assert fit_widths(doc, column_text(doc, pieces_of(doc), _measure, 10), 1000)[
        1
    ] == pytest.approx(10)
    doc = _doc(columns, [DataRow(("x", "Ủyban" * 30))])  # one word of 150 characters
    assert fit_widths(doc, column_text(doc, pieces_of(doc), _measure, 10), 1000)[
        1
    ] == pytest.approx(91)


def test_the_content_column_takes_its_share_from_wide_side_columns():
    columns = [Column("Nội dung", 50, grow=True), *(Column(f"C{i}", 30) for i in range(3))]
    doc = _doc(columns, [DataRow(("x", *["ab " * 100] * 3))])
    widths = fit_widths(doc, column_text(doc, pieces_of(doc), _measure, 10), 1000)
    # the side columns (30 % each) give way, down to 70 % of their share
    assert widths[0] == pytest.approx(37, abs=0.2) and sum(widths) == pytest.approx(100)
    assert widths[1] == widths[2] == widths[3] == pytest.approx(21)
    doc = _doc(columns[:3], [DataRow(("x", *["ab " * 100] * 2))])
    widths = fit_widths(doc, column_text(doc, pieces_of(doc), _measure, 10), 1000)
    assert widths == pytest.approx([50, 25, 25])  # 30 % each leaves 40: they give 5 each

"""Hostile input never becomes a traceback: any grid reads, any damaged file is a message."""

from __future__ import annotations

import contextlib
import datetime as dt
import random

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import DonDocError
from app.importers.base import ExtractOptions
from app.importers.tables.importer import ExcelImporter
from app.importers.tables.rows import extract_table

WORDS = [
    "STT", "TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Ghi chú", "I", "1", "1.1",
    "a", "-", "Ban Tuyên giáo", "Quý I/2023", "31/02/2023", "x", "Đã hoàn thành", "Tổng cộng",
    "TM. BAN THƯỜNG VỤ", "Néi dung", "=A1", "", " ", "Sở Nội vụ, Sở Tài chính",
    "Chủ trì: Ban A; phối hợp: Ban B", "(1)", "NHIỆM VỤ CHUNG",
]  # fmt: skip
CELLS = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.text(max_size=30),
    st.integers(-10, 100_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.booleans(),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(CELLS, max_size=8), max_size=25),
    st.lists(st.tuples(*[st.integers(0, 30)] * 4), max_size=4),
)
def test_any_grid_is_read_without_exception(rows, merged):
    merged = [(a, b, a + abs(c - a) % 3, b + abs(d - b) % 3) for a, b, c, d in merged]
    result = extract_table(rows, merged=merged, ref=dt.date(2023, 1, 1), sheet="S")
    for task in result.tasks:
        assert task.text
    for problem in result.problems:
        assert problem.row is not None


def test_damaged_workbooks_give_messages(tmp_path):
    wb = openpyxl.Workbook()
    for row in [
        ["STT", "Nội dung", "Chủ trì", "Thời gian"],
        *[[i, f"Việc {i}", "Văn phòng", "Quý I/2023"] for i in range(30)],
    ]:
        wb.active.append(row)
    good = tmp_path / "good.xlsx"
    wb.save(good)
    data = good.read_bytes()
    r = random.Random(5)
    for i in range(40):
        damaged = bytearray(data)
        for _ in range(r.randint(1, 20)):
            pos = r.randrange(len(damaged))
            damaged[pos] = r.randrange(256)
        if i % 4 == 0:
            damaged = damaged[: r.randrange(len(damaged))]
        path = tmp_path / f"d{i}.xlsx"
        path.write_bytes(bytes(damaged))
        with contextlib.suppress(DonDocError):  # a message is fine; anything else fails
            ExcelImporter().extract(path, ExtractOptions())

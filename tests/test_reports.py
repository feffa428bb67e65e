"""Reports from a real database: status summary, overdue list, one unit's list, CLI."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from print_samples import MONDAY, UNITS, build_week_db

from app.cli import main
from app.exports.reports.printed import (
    collect_overdue,
    collect_summary,
    department_document,
    overdue_document,
    summary_document,
)
from app.exports.reports.summary import NO_LEAD
from app.exports.weekly.layout import DataRow, GroupRow, SectionRow
from app.exports.weekly.render import write_pdf

AFTER_MARCH = date(2023, 4, 5)


@pytest.fixture
def rep_db(db):
    build_week_db(db)
    return db


def pdf_text(path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return " ".join(
            " ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))
        )
    finally:
        doc.close()


def test_march_summary_counts_every_item_in_its_category(rep_db):
    summary, org, _ = collect_summary(rep_db, "month", date(2023, 3, 15), today=AFTER_MARCH)
    t = summary.total
    assert summary.as_of == date(2023, 3, 31) and summary.previous_as_of == date(2023, 2, 28)
    # 12 tasks, the listed one counts twice (two due dates)
    assert (t.done_on_time, t.done_late, t.open_in_time, t.open_overdue) == (2, 1, 2, 8)
    assert t.total == 13 and t.overdue_share == Decimal("61.5")
    assert (t.due_in_period, t.done_in_period) == (9, 2)
    # on 28/02 only QUAHAN-1 (done later, on 20/03) and LIST-1's February date were overdue
    assert summary.previous.open_overdue == 2 and summary.previous.overdue_share == Decimal("15.4")
    by_name = {r.name: r.counts for r in summary.rows}
    assert [r.name for r in summary.rows] == [*UNITS, NO_LEAD]
    assert (by_name[UNITS[0]].total, by_name[UNITS[0]].open_overdue) == (4, 1)
    assert (by_name[UNITS[1]].total, by_name[UNITS[1]].open_overdue) == (4, 3)
    assert (by_name[UNITS[2]].total, by_name[UNITS[2]].open_overdue) == (4, 3)
    assert by_name[NO_LEAD].open_overdue == 1
    assert org.issuer == "Văn phòng Tỉnh ủy"


def test_summary_while_the_month_runs_and_for_a_quarter(rep_db):
    running, _, _ = collect_summary(rep_db, "month", MONDAY, today=MONDAY)
    assert running.as_of == MONDAY
    # on 06/03: QUAHAN-1, QUAHAN-2 and LIST-1 (10/02) overdue; XONG-TRUOC and TUAN-XONG done
    t = running.total
    assert (t.open_overdue, t.done_on_time, t.done_late) == (3, 2, 0)
    q1, _, _ = collect_summary(rep_db, "quarter", MONDAY, today=AFTER_MARCH)
    assert q1.period.label == "quý I/2023" and q1.previous_as_of == date(2022, 12, 31)
    assert q1.previous.total == 13 and q1.previous.open_overdue == 0


def test_summary_pdf_states_the_overdue_sentence(rep_db, tmp_path):
    summary, org, recipients = collect_summary(rep_db, "month", MONDAY, today=AFTER_MARCH)
    doc = summary_document(summary, org, recipients, day=AFTER_MARCH)
    assert isinstance(doc.rows[-1], DataRow)  # the total row
    out = tmp_path / "bc.pdf"
    write_pdf(doc, out)
    text = pdf_text(out)
    assert "BÁO CÁO Tình hình thực hiện nhiệm vụ tháng 3/2023" in text
    assert "8 nhiệm vụ quá hạn chưa hoàn thành, chiếm 61,5%, tăng 46,1% so với tháng trước." in text
    assert "Ninh Thuận, ngày 05 tháng 4 năm 2023" in text
    assert "Tổng cộng 13 2 1 2 8 61,5%" in text


def test_overdue_list(rep_db, tmp_path):
    data = collect_overdue(rep_db, MONDAY)
    assert sorted(e.row.text.split()[0] for e in data.entries) == [
        "LIST-1",
        "QUAHAN-1",
        "QUAHAN-2",
    ]
    rows = {r["text"].split()[0]: r for r in data.to_json()}
    assert rows["QUAHAN-1"]["days_overdue"] == 14 and rows["QUAHAN-1"]["due"] == "2023-02-20"
    doc = overdue_document(data)
    assert [r.title for r in doc.rows if isinstance(r, GroupRow)] == [
        f"{UNITS[0]} (1)",
        f"{UNITS[1]} (1)",
        f"{UNITS[2]} (1)",
    ]
    only = collect_overdue(rep_db, MONDAY, "Ủy ban Kiểm tra Tỉnh ủy")
    assert [e.row.text.split()[0] for e in only.entries] == ["QUAHAN-2"]
    out = tmp_path / "qh.pdf"
    write_pdf(doc, out)
    assert "Tính đến ngày 06/03/2023" in pdf_text(out)


def test_unit_list_sections_and_roles(rep_db, tmp_path):
    doc = department_document(rep_db, "Ủy ban Kiểm tra Tỉnh ủy", MONDAY, include_done=True)
    sections = [r.title for r in doc.rows if isinstance(r, SectionRow)]
    assert sections == [
        "I. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH: 1 nhiệm vụ",
        "II. NHIỆM VỤ ĐANG THỰC HIỆN, CÒN TRONG HẠN: 4 nhiệm vụ",
        "III. NHIỆM VỤ THƯỜNG XUYÊN, CHƯA CÓ THỜI HẠN: 1 nhiệm vụ",
        "IV. NHIỆM VỤ ĐÃ HOÀN THÀNH: 0 nhiệm vụ",
    ]
    groups = [r.title for r in doc.rows if isinstance(r, GroupRow)]
    assert groups == [
        "Đơn vị chủ trì (1)",
        "Đơn vị chủ trì (3)",
        "Đơn vị phối hợp (1)",
        "Đơn vị chủ trì (1)",
    ]
    ongoing = next(
        r for r in doc.rows if isinstance(r, DataRow) and "THUONG-XUYEN" in str(r.cells[1])
    )
    assert ongoing.cells[4].text == "Thường xuyên" and ongoing.cells[5].text == "Thường xuyên"
    assert doc.subtitle == ("Ủy ban Kiểm tra Tỉnh ủy", "Tính đến ngày 06/03/2023")
    assert "có 6 nhiệm vụ được giao" in doc.intro[0]
    without_done = department_document(rep_db, "Ủy ban Kiểm tra Tỉnh ủy", MONDAY)
    assert sum(isinstance(r, SectionRow) for r in without_done.rows) == 3


def test_cli_report_and_overdue(rep_db, db_path, tmp_path, capsys):
    db = ["--db", str(db_path)]
    assert main([*db, "report", "--date", "2023-03-15", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"]["label"] == "tháng 3/2023" and data["total"]["open_overdue"] == 8
    assert data["sentence"].startswith("8 nhiệm vụ quá hạn chưa hoàn thành, chiếm 61,5%")
    assert main([*db, "report", "--period", "quarter", "--date", "2023-03-15"]) == 0
    text = capsys.readouterr().out
    assert "quý I/2023" in text and "so với quý trước" in text
    out = tmp_path / "r.pdf"
    assert main([*db, "report", "--date", "2023-03-15", "--pdf", str(out)]) == 0
    assert "Đã in 1 trang" in capsys.readouterr().out and out.exists()
    assert main([*db, "overdue", "--date", "2023-03-06"]) == 0
    text = capsys.readouterr().out
    assert "quá hạn 14 ngày" in text and "3 nhiệm vụ quá hạn tính đến ngày 06/03/2023" in text
    assert main([*db, "overdue", "--date", "2023-03-06", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert main([*db, "overdue", "--date", "2023-03-06", "--pdf", str(tmp_path / "o.pdf")]) == 0
    assert main([*db, "report", "--department", "Không Có Đơn Vị"]) != 0
    assert "Không có đơn vị" in capsys.readouterr().err

"""The official report as .docx, on both databases: figures, comparisons, read back."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from print_samples import MONDAY, UNITS, build_week_db

from app.cli import main
from app.db import ops
from app.db.reads import reports as report_reads
from app.db.reads.reports import ExtensionGranted
from app.errors import ValidationError
from app.exports.reports.docx import (
    NO_REASON,
    Window,
    collect_report,
    template_for,
    write_report_docx,
)
from app.exports.reports.printed import collect_summary
from app.exports.reports.report_template import build_report_template

pytestmark = pytest.mark.backends("sqlite", "postgres")
AFTER_MARCH = date(2023, 4, 5)


@pytest.fixture
def rep_db(db, backend):
    ids = build_week_db(db)
    ops.add_progress_note(db, ids["QUAHAN-2"], "Chờ ý kiến của Thường trực Tỉnh ủy")
    ops.add_progress_note(db, ids["QUAHAN-2"], "Đã trình dự thảo, chờ   cho ý kiến")
    return db


def _text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_month_figures_agree_with_the_printed_summary(rep_db, backend):
    rep = collect_report(rep_db, Window.of_period("month", MONDAY), today=AFTER_MARCH)
    summary, _, _ = collect_summary(rep_db, "month", MONDAY, today=AFTER_MARCH)
    assert rep.as_of == date(2023, 3, 31)
    assert rep.total.to_json() == summary.total.to_json()
    assert rep.previous.to_json() == summary.previous.to_json()
    assert [(n, c.to_json()) for n, c in rep.rows] == [
        (r.name, r.counts.to_json()) for r in summary.rows
    ]
    assert rep.change_previous == summary.overdue_change == Decimal("46.1")
    # A year earlier (31/03/2022) the plan had just been signed: all 12 dated items
    # existed (the listed one's February and March 2023 dates are not due by then).
    assert rep.year_ago_as_of == date(2022, 3, 31)
    assert rep.year_ago.total == 11 and rep.year_ago.open_overdue == 0
    assert rep.change_year_ago == Decimal("61.5")


def test_state_at_a_past_date_comes_from_due_and_completion_dates(rep_db, backend):
    # February: as of 28/02 QUAHAN-1 (done only on 20/03) was open and overdue.
    rep = collect_report(rep_db, Window.of_period("month", date(2023, 2, 1)), today=AFTER_MARCH)
    assert rep.as_of == date(2023, 2, 28)
    texts = [o.text.split()[0] for o in rep.overdue]
    assert "QUAHAN-1" in texts and "QUAHAN-2" not in texts  # due 03/03: not yet overdue


def test_overdue_list_gives_the_latest_note_as_reason(rep_db, backend):
    rep = collect_report(rep_db, Window.of_period("month", MONDAY), today=AFTER_MARCH)
    by_code = {o.text.split()[0]: o for o in rep.overdue}
    assert by_code["QUAHAN-2"].reason == "Đã trình dự thảo, chờ cho ý kiến"
    assert by_code["QUAHAN-2"].days == (date(2023, 3, 31) - date(2023, 3, 3)).days
    assert by_code["TUAN-1"].reason == NO_REASON
    assert by_code["LIST-1"].missed == 2
    assert "XONG-TRUOC" not in by_code and "SAU-1" in by_code


def test_custom_window_and_its_comparisons(rep_db, backend):
    w = Window.between(date(2023, 3, 1), date(2023, 3, 15))
    assert w.previous == (date(2023, 2, 14), date(2023, 2, 28))
    assert w.year_ago == (date(2022, 3, 1), date(2022, 3, 15))
    rep = collect_report(rep_db, w, today=AFTER_MARCH)
    assert rep.as_of == date(2023, 3, 15)
    assert rep.year_ago.total == 0 and rep.change_year_ago is None  # plan signed 31/03/2022
    with pytest.raises(ValidationError):
        Window.between(date(2023, 3, 15), date(2023, 3, 1))
    assert Window.between(date(2024, 2, 29), date(2024, 3, 1)).year_ago[0] == date(2023, 2, 28)


def test_docx_reads_back(rep_db, backend, tmp_path):
    rep = collect_report(rep_db, Window.of_period("month", MONDAY), today=AFTER_MARCH)
    out = write_report_docx(rep, template_for(rep_db, rep.org), tmp_path / "bc.docx")
    doc = Document(str(out))
    text = _text(doc)
    assert "{{" not in text
    assert "BÁO CÁO" in text and "Tình hình thực hiện nhiệm vụ tháng 3/2023" in text
    assert "VĂN PHÒNG TỈNH ỦY" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số" in text and "-BC/" in text
    assert "Ninh Thuận, ngày 05 tháng 4 năm 2023" in text
    assert "tăng 46,1% so với tháng trước (15,4% tính đến ngày 28/02/2023)" in text
    assert "So với cùng kỳ năm trước (0,0% tính đến ngày 31/03/2022)" in text
    assert "Trong kỳ không có nhiệm vụ được gia hạn" in text
    # three tables after the letterhead: units, overdue; the empty extensions one is gone
    units, overdue = doc.tables[1], doc.tables[2]
    assert len(doc.tables) == 4  # letterhead, units, overdue, signature
    header = [c.text for c in units.rows[0].cells]
    assert header[1] == "Đơn vị chủ trì" and header[-1] == "Tỷ lệ quá hạn"
    names = [r.cells[1].text for r in units.rows[1:]]
    assert names == [*UNITS, "Chưa xác định đơn vị chủ trì", "Tổng cộng"]
    total = [c.text for c in units.rows[-1].cells]
    assert total[2:] == ["13", "2", "1", "2", "8", "61,5%"]
    rows = [[c.text for c in r.cells] for r in overdue.rows]
    note = next(r for r in rows if r[1].startswith("QUAHAN-2"))
    assert note[2] == "03/03/2023" and note[3] == "28" and note[4].startswith("Đã trình")
    groups = [r[0] for r in rows if len(set(r)) == 1]
    assert groups[0].startswith(UNITS[0]) and groups[-1].startswith("Chưa xác định")
    assert "Nguyễn Văn An" in text and "CHÁNH VĂN PHÒNG" in text


def test_extensions_hook_fills_the_section(rep_db, backend, tmp_path, monkeypatch):
    granted = ExtensionGranted(
        1,
        "Rà soát quy hoạch",
        "Ủy ban Kiểm tra Tỉnh ủy",
        date(2023, 3, 3),
        date(2023, 4, 30),
        date(2023, 3, 10),
        "Chờ hướng dẫn",
        "Công văn số 12-CV/TU",
    )
    monkeypatch.setattr(report_reads, "extensions_granted", lambda *a, **k: [granted])
    import app.exports.reports.docx as mod

    monkeypatch.setattr(mod, "extensions_granted", lambda *a, **k: [granted])
    rep = collect_report(rep_db, Window.of_period("month", MONDAY), today=AFTER_MARCH)
    doc = Document(str(write_report_docx(rep, template_for(rep_db, rep.org), tmp_path / "x.docx")))
    assert "Trong kỳ có 1 nhiệm vụ được gia hạn" in _text(doc)
    ext = doc.tables[3]
    assert [c.text for c in ext.rows[1].cells] == [
        "1",
        "Rà soát quy hoạch (Ủy ban Kiểm tra Tỉnh ủy)",
        "03/03/2023",
        "30/04/2023",
        "Công văn số 12-CV/TU; Chờ hướng dẫn",
    ]


def test_extensions_read_is_empty_until_extensions_exist(rep_db, backend):
    assert report_reads.extensions_granted(rep_db, date(2023, 1, 1), date(2023, 12, 31)) == []


def test_state_form_and_placeholders_when_identity_missing(db, backend, tmp_path):
    ops.set_setting(db, "org", {"motto": "state"})
    rep = collect_report(db, Window.of_period("month", MONDAY), today=AFTER_MARCH)
    out = write_report_docx(rep, template_for(db, rep.org), tmp_path / "s.docx")
    text = _text(Document(str(out)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "[TÊN CƠ QUAN]" in text and "[Họ và tên người ký]" in text
    assert "chưa có nhiệm vụ nào có thời hạn" in text
    assert "Số:" in text and "/BC-" in text


def test_office_template_without_unit_row_is_refused(rep_db, backend, tmp_path):
    bad = tmp_path / "bad.docx"
    d = Document()
    d.add_paragraph("{{tieu_de}}")
    d.save(str(bad))
    rep = collect_report(rep_db, Window.of_period("month", MONDAY), today=AFTER_MARCH)
    with pytest.raises(ValidationError, match="dv_ten"):
        write_report_docx(rep, bad, tmp_path / "o.docx")
    own = build_report_template(tmp_path / "own.docx", "state")
    write_report_docx(rep, own, tmp_path / "o.docx")
    assert "CỘNG HÒA" in _text(Document(str(tmp_path / "o.docx")))


def test_cli_report_docx(rep_db, backend, db_target, tmp_path, capsys):
    args = ["--db", str(db_target)]
    out = tmp_path / "bc.docx"
    code = main([*args, "report", "--docx", str(out), "--from", "2023-03-01", "--to", "2023-03-31"])
    assert code == 0 and out.exists()
    assert "từ ngày 01/03/2023 đến ngày 31/03/2023" in capsys.readouterr().out
    assert "quá hạn" in _text(Document(str(out)))
    assert main([*args, "report", "--from", "2023-03-01", "--to", "2023-03-31", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["start"] == "2023-03-01" and data["extensions"] == 0
    assert main([*args, "report", "--to", "2023-03-31"]) != 0
    assert "--from" in capsys.readouterr().err

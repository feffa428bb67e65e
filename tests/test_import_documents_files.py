"""Documents the importer cannot read say what to do; PDF artefacts are cleaned away."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest

from app.errors import FileImportError
from app.importers.base import ExtractOptions
from app.importers.plans.importer import DocumentImporter, read_lines
from app.importers.plans.lines import join_lines
from app.importers.readers.pdf_file import read_pdf
from app.importers.registry import extract_file

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _error(path: Path) -> str:
    with pytest.raises(FileImportError) as info:
        extract_file(path, ExtractOptions())
    return str(info.value)


def test_old_word_file_asks_for_docx(tmp_path):
    f = tmp_path / "ke-hoach.doc"
    f.write_bytes(OLE + b"\0" * 2000)
    msg = _error(f)
    assert "ke-hoach.doc" in msg and ".docx" in msg


def test_password_protected_word_file_says_so(tmp_path):
    f = tmp_path / "mat-khau.docx"
    f.write_bytes(OLE + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
    assert "mật khẩu" in _error(f)


def test_damaged_word_file(tmp_path):
    f = tmp_path / "hong.docx"
    f.write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    assert "hỏng" in _error(f)


def test_password_protected_pdf_says_so(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(595, 842)
    w.encrypt(user_password="bimat", owner_password="chu")
    f = tmp_path / "mat-khau.pdf"
    with open(f, "wb") as fh:
        w.write(fh)
    assert "mật khẩu" in _error(f)


def test_scanned_pdf_asks_for_a_text_layer(tmp_path, qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

    image = QImage(400, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    f = tmp_path / "ban-quet.pdf"
    writer = QPdfWriter(str(f))
    painter = QPainter(writer)
    painter.drawImage(QRectF(0, 0, 2000, 3000), image)
    painter.end()
    msg = _error(f)
    assert "bản quét" in msg and "OCR" in msg


def test_cli_prints_the_message_not_a_traceback(tmp_path, capsys):
    from app.cli import main

    f = tmp_path / "cu.doc"
    f.write_bytes(OLE + b"\0" * 100)
    assert main(["extract", str(f), "--json"], out=StringIO()) != 0
    err = capsys.readouterr().err
    assert "cu.doc" in err and ".docx" in err and "Traceback" not in err


def test_text_in_legacy_encoding_is_read(tmp_path):
    # a plan saved from a TCVN3 (.VnTime) document: the bytes are Windows-1252 text
    from app.core.text import detect_legacy

    legacy = "KÕ ho¹ch\nI. NHIÖM Vô\n1. Së Néi vô chñ tr×, phèi hîp thùc hiÖn."
    assert detect_legacy(legacy) == "tcvn3"
    for encoding in ("cp1252", "utf-8"):
        f = tmp_path / f"tcvn3-{encoding}.txt"
        f.write_bytes(legacy.encode(encoding))
        lines = read_lines(f)
        assert lines[2].text.startswith("1. Sở Nội vụ chủ trì"), encoding


def test_pdf_page_numbers_running_header_and_broken_lines(tmp_path, qapp):
    """A PDF drawn line by line like a scanned-then-typed plan: every artefact at once."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    pages = [
        [
            "III. NHIỆM VỤ CỤ THỂ",
            "1. Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành triển khai thực hiện Kế hoạch số 33-",
            "KH/TU của Tỉnh ủy và tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày",
        ],
        [
            "15/12/2023. Nội dung báo cáo gồm kết quả, hạn chế và kiến nghị của các cơ quan, đơn",
            "vị về việc thực hiện trong năm.",
            "2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch (Quý I/2024).",
        ],
    ]
    f = tmp_path / "artefacts.pdf"
    writer = QPdfWriter(str(f))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    font = QFont("DejaVu Serif")
    font.setPixelSize(11)
    painter.setFont(font)
    for n, lines in enumerate(pages, 1):
        if n > 1:
            writer.newPage()
        painter.drawText(QPointF(200, 30), "KẾ HOẠCH SỐ 45/KH-UBND")  # running header
        for k, text in enumerate(lines):
            painter.drawText(QPointF(40 if k or n > 1 else 60, 80 + 16 * k), text)
        painter.drawText(QPointF(280, 800), f"- {n} -")  # page number
    painter.end()
    lines = read_pdf(f)
    texts = [ln.text for ln in lines]
    assert not any("45/KH-UBND" in t or t.strip("- ").isdigit() for t in texts)
    paras = [p.text for p in join_lines(lines)]
    assert paras[0] == "III. NHIỆM VỤ CỤ THỂ"
    assert "Kế hoạch số 33-KH/TU của Tỉnh ủy" in paras[1]
    assert "trước ngày 15/12/2023. Nội dung báo cáo" in paras[1]
    assert paras[1].endswith("trong năm.")
    assert paras[2].startswith("2. Sở Tài chính")
    plan = DocumentImporter().extract(f, ExtractOptions())
    assert [t.lead for t in plan.tasks] == ["Sở Nội vụ", "Sở Tài chính"]
    assert [str(t.deadline.kind) for t in plan.tasks] == ["date", "quarter"]


def test_word_table_with_merged_cells(tmp_path):
    """A task table as offices make it in Word: a two-row header, group rows merged across
    the columns, one lead cell merged down several rows; a bracketed note above it."""
    from docx import Document

    doc = Document()
    for text in [
        "ỦY BAN NHÂN DÂN TỈNH GIA LAI",
        "Số: 77/KH-UBND",
        "Gia Lai, ngày 10 tháng 3 năm 2025",
        "KẾ HOẠCH",
        "Triển khai nhiệm vụ chuyển đổi số năm 2025",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Bảo đảm hoàn thành các chỉ tiêu chuyển đổi số năm 2025.",
        "II. NHIỆM VỤ CỤ THỂ",
        "(Chi tiết tại bảng dưới đây)",
    ]:
        doc.add_paragraph(text)
    rows = [
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", ""],
        ["", "", "", "", "Bắt đầu", "Hoàn thành"],
        ["I", "Hạ tầng số", "", "", "", ""],
        ["1", "Phủ sóng 5G các khu công nghiệp", "Sở Khoa học và Công nghệ", "Viettel", "01/2025", "6/2025"],
        ["2", "Nâng cấp mạng truyền số liệu", "", "Bưu điện tỉnh", "03/2025", "Quý III/2025"],
        ["II", "Dữ liệu số", "", "", "", ""],
        ["3", "Làm sạch dữ liệu đất đai", "Sở Nông nghiệp và Môi trường", "UBND các xã", "", "Trước 30/9/2025"],
    ]  # fmt: skip
    table = doc.add_table(rows=len(rows), cols=6)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    for c in range(4):
        table.cell(0, c).merge(table.cell(1, c))
    table.cell(0, 4).merge(table.cell(0, 5))
    table.cell(2, 1).merge(table.cell(2, 5))
    table.cell(5, 1).merge(table.cell(5, 5))
    table.cell(3, 2).merge(table.cell(4, 2))
    doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    doc.add_paragraph("1. Sở Khoa học và Công nghệ tổng hợp, báo cáo trước ngày 15/12/2025.")
    path = tmp_path / "bang-gop-o.docx"
    doc.save(path)
    plan = DocumentImporter().extract(path, ExtractOptions())
    got = [(t.text[:20], t.lead, str(t.deadline.kind), t.deadline.due) for t in plan.tasks]
    from datetime import date

    assert got == [
        ("Phủ sóng 5G các khu ", "Sở Khoa học và Công nghệ", "month", date(2025, 6, 30)),
        ("Nâng cấp mạng truyền", "Sở Khoa học và Công nghệ", "quarter", date(2025, 9, 30)),
        ("Làm sạch dữ liệu đất", "Sở Nông nghiệp và Môi trường", "date", date(2025, 9, 30)),
        ("Sở Khoa học và Công ", "Sở Khoa học và Công nghệ", "date", date(2025, 12, 15)),
    ]

"""Documents the importer cannot read say what to do; PDF artefacts are cleaned away."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest

from app.errors import FileImportError
from app.importers.base import ExtractOptions
from app.importers.documents import DocumentImporter, read_lines
from app.importers.pdf_reader import read_pdf
from app.importers.plan_lines import join_lines
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

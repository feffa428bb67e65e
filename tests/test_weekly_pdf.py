"""The weekly list as a PDF: read back its text, pages, header rows, fonts and pixels."""

from __future__ import annotations

from datetime import date, timedelta

import pdfplumber
import pypdfium2 as pdfium
import pytest
from print_samples import MONDAY, ORG, UNITS, build_week_db, on, plan, task
from pypdf import PdfReader

from app.cli import main
from app.db import ops
from app.exports.weekly.data import WeeklyOptions, collect_week, weekly_document
from app.exports.weekly.render import render_page_image, write_pdf, write_weekly_pdf

A4_PT = (595.3, 841.9)
MM = 72 / 25.4


@pytest.fixture
def week_db(db):
    build_week_db(db)
    return db


def page_texts(path) -> list[str]:
    """Text of each page (PDFium: fast, and it keeps Vietnamese NFC)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def top_margin_text(path, index: int) -> str:
    """What is printed in the top margin (above the 20 mm line) of a page."""
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[index]
        w, h = page.get_size()
        return page.get_textpage().get_text_bounded(0, h - 20 * MM, w, h).strip()
    finally:
        doc.close()


def flat(text: str) -> str:
    return " ".join(text.split())


def dark_share(image) -> float:
    """Share of clearly dark pixels of a PIL image (a blank page has none)."""
    gray = image.convert("L")
    hist = gray.histogram()
    return sum(hist[:128]) / (gray.width * gray.height)


def test_weekly_pdf_has_the_document_layout_and_every_task(week_db, tmp_path):
    out = tmp_path / "tuan.pdf"
    pages = write_weekly_pdf(week_db, out, WeeklyOptions(day=MONDAY))
    texts = page_texts(out)
    assert pages == len(texts) == len(PdfReader(out).pages)
    first = flat(texts[0])
    for expected in [
        "ĐẢNG BỘ TỈNH NINH THUẬN",
        "VĂN PHÒNG TỈNH ỦY",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Ninh Thuận, ngày 06 tháng 3 năm 2023",
        "DANH SÁCH NHIỆM VỤ TRONG TUẦN",
        "Tuần 06/03–12/03/2023",
        "STT Nội dung nhiệm vụ Chủ trì Phối hợp Thời hạn",
    ]:
        assert expected in first, expected
    everything = flat(" ".join(texts))
    i1 = everything.index("I. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH")
    i2 = everything.index("II. NHIỆM VỤ ĐẾN HẠN TRONG TUẦN (06/03–12/03/2023)")
    i3 = everything.index("III. NHIỆM VỤ ĐẾN HẠN TUẦN SAU (13/03–19/03/2023)")
    assert i1 < i2 < i3
    for key in ["QUAHAN-1", "QUAHAN-2"]:
        assert i1 < everything.index(key) < i2
    for key in ["TUAN-1", "TUAN-2", "TUAN-XONG", "TUAN-KHONG-DV"]:
        assert i2 < everything.index(key) < i3
    for key in ["SAU-1", "SAU-2"]:
        assert i3 < everything.index(key)
    for absent in ["XONG-TRUOC", "XA-1", "THANG-3"]:
        assert absent not in everything
    assert "Ban Tổ chức Tỉnh ủy (1)" in everything
    last = flat(texts[-1])
    assert "CHÁNH VĂN PHÒNG" in last and "Nguyễn Văn An" in last and "Nơi nhận:" in last


def test_pdf_page_is_a4_with_official_margins_and_bundled_font(week_db, tmp_path):
    out = tmp_path / "tuan.pdf"
    write_weekly_pdf(week_db, out, WeeklyOptions(day=MONDAY))
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert (float(page.width), float(page.height)) == pytest.approx(A4_PT, abs=1)
        xs = [c["x0"] for c in page.chars] + [c["x1"] for c in page.chars]
        ys = [c["top"] for c in page.chars] + [c["bottom"] for c in page.chars]
        assert min(xs) >= 30 * MM - 1  # left margin 30 mm
        assert max(xs) <= page.width - 15 * MM + 1  # right margin 15 mm
        assert min(ys) >= 20 * MM - 1  # top margin 20 mm
        assert max(ys) <= page.height - 20 * MM + 1
        fonts = {c["fontname"] for c in page.chars}
    assert fonts and all("LiberationSerif" in f for f in fonts)
    sizes = {round(c["size"]) for c in page.chars}
    assert {11, 13, 14} <= sizes


def test_landscape_page(week_db, tmp_path):
    out = tmp_path / "ngang.pdf"
    write_weekly_pdf(week_db, out, WeeklyOptions(day=MONDAY, landscape=True))
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert (float(page.width), float(page.height)) == pytest.approx(A4_PT[::-1], abs=1)
        assert min(c["x0"] for c in page.chars) >= 30 * MM - 1


def test_state_body_uses_the_national_motto(week_db, tmp_path):
    ops.set_setting(
        week_db,
        "org",
        {**ORG, "parent": "UBND tỉnh Ninh Thuận", "issuer": "Sở Nội vụ", "motto": "state"},
    )
    out = tmp_path / "so.pdf"
    write_weekly_pdf(week_db, out, WeeklyOptions(day=MONDAY))
    first = flat(page_texts(out)[0])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Độc lập - Tự do - Hạnh phúc" in first
    assert "SỞ NỘI VỤ" in first and "ĐẢNG CỘNG SẢN" not in first


def test_rendered_page_is_not_blank(week_db, tmp_path):
    out = tmp_path / "tuan.pdf"
    write_weekly_pdf(week_db, out, WeeklyOptions(day=MONDAY))
    with pdfplumber.open(out) as pdf:
        image = pdf.pages[0].to_image(resolution=50).original
    share = dark_share(image)
    assert 0.01 < share < 0.5
    # the top and left margins stay white
    gray = image.convert("L")
    margin = gray.crop((0, 0, gray.width, int(gray.height * 0.05)))
    assert dark_share(margin) == 0
    # the same page drawn by Qt straight to an image (what the preview shows)
    doc = weekly_document(collect_week(week_db, WeeklyOptions(day=MONDAY)))
    qimg = render_page_image(doc, 0, dpi=50)
    assert abs(qimg.width() - image.width) <= 1 and abs(qimg.height() - image.height) <= 1
    dark = sum(
        1
        for y in range(0, qimg.height(), 2)
        for x in range(0, qimg.width(), 2)
        if qimg.pixelColor(x, y).lightness() < 128
    )
    assert dark > 100


def many_tasks(n: int, start: date) -> list:
    return [
        task(
            f"NV{i:03d} Triển khai nội dung số {i} của kế hoạch, báo cáo kết quả về Thường trực",
            UNITS[i % 3],
            on(start + timedelta(days=i % 7)),
            UNITS[(i + 1) % 3],
        )
        for i in range(n)
    ]


def test_multi_page_list_repeats_the_header_row_and_numbers_pages(db, tmp_path):
    ops.set_setting(db, "org", ORG)
    ops.import_plan(db, plan(many_tasks(90, MONDAY)), today=date(2023, 1, 2))
    out = tmp_path / "dai.pdf"
    pages = write_weekly_pdf(db, out, WeeklyOptions(day=MONDAY))
    texts = page_texts(out)
    assert pages == len(texts) == len(PdfReader(out).pages) >= 3
    for i, text in enumerate(texts):
        assert "STT Nội dung nhiệm vụ Chủ trì Phối hợp Thời hạn" in flat(text), i
        # page numbers in the top margin, from page 2 on (none on the first page)
        assert top_margin_text(out, i) == ("" if i == 0 else str(i + 1))
    everything = flat(" ".join(texts))
    assert "II. NHIỆM VỤ ĐẾN HẠN TRONG TUẦN (06/03–12/03/2023): 90 nhiệm vụ" in everything
    # every row is whole on one page: its text, plan line, lead and status together
    for i in range(90):
        holders = [n for n, text in enumerate(texts) if f"NV{i:03d} " in text]
        assert len(holders) == 1, i
        assert f"nội dung số {i} của kế hoạch, báo cáo kết quả về Thường trực" in flat(
            texts[holders[0]]
        )
    per_page = [flat(t).count(" NV0") for t in texts]
    assert sum(per_page) == 90 and max(per_page) > 5
    # the signature block is whole on the last page
    last = flat(texts[-1])
    assert "CHÁNH VĂN PHÒNG" in last and "Nguyễn Văn An" in last


def test_a_row_taller_than_a_page_is_still_printed(db, tmp_path):
    long_text = "RẤTDÀI " + " ".join(f"nội dung chi tiết thứ {i}," for i in range(700))
    ops.import_plan(db, plan([task(long_text, UNITS[0], on(MONDAY))]), today=MONDAY)
    out = tmp_path / "dai.pdf"
    pages = write_weekly_pdf(db, out, WeeklyOptions(day=MONDAY))
    # (a split paragraph is drawn clipped on each of its pages: compare without spaces)
    everything = "".join(" ".join(page_texts(out)).split())
    assert pages >= 2 and "thứ0," in everything and "thứ699," in everything
    first = flat(page_texts(out)[0])
    assert "I. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH: 0 nhiệm vụ Không có nhiệm vụ." in first


def test_write_pdf_replaces_the_file_only_when_done(week_db, tmp_path):
    out = tmp_path / "tuan.pdf"
    out.write_bytes(b"old")
    doc = weekly_document(collect_week(week_db, WeeklyOptions(day=MONDAY)))
    calls: list[int] = []

    def cancel(done, total, text=""):
        calls.append(done)
        return False

    from app.errors import DonDocError

    with pytest.raises(DonDocError):
        write_pdf(doc, out, cancel)
    assert out.read_bytes() == b"old" and calls == [1]
    assert not list(tmp_path.glob("*.part"))


def test_cli_week(week_db, db_path, tmp_path, capsys):
    out = tmp_path / "cli.pdf"
    code = main(["--db", str(db_path), "week", "--date", "2023-03-08", "--pdf", str(out)])
    assert code == 0
    assert "Đã in" in capsys.readouterr().out
    assert "Tuần 06/03–12/03/2023" in flat(page_texts(out)[0])
    code = main(
        ["--db", str(db_path), "week", "--department", "Không Có", "--pdf", str(tmp_path / "x.pdf")]
    )
    assert code != 0 and "Không có đơn vị" in capsys.readouterr().err

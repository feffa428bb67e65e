"""The office's identity on prints and letters: placeholders until it is given, never a
made-up default; the demo comes with a complete one."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from loop_fixtures import BTC, TODAY, seed
from openpyxl import load_workbook
from print_samples import MONDAY, build_week_db
from test_weekly_pdf import flat, page_texts

from app.db import ops
from app.db.reads.settings import setting
from app.exports.office import PLACEHOLDERS, REQUIRED, Org, org_complete
from app.exports.urging.letters import LetterOptions, write_urging_letters
from app.exports.urging.requests import write_request_workbook
from app.exports.weekly.data import WeeklyOptions, collect_week, weekly_document
from app.exports.weekly.layout import closing_html, front_html
from app.exports.weekly.render import write_weekly_pdf

COMPLETE = {
    "parent": "Tỉnh ủy Ninh Thuận",
    "issuer": "Văn phòng Tỉnh ủy",
    "motto": "party",
    "place": "Phan Rang",
    "signer_title": "Chánh Văn phòng",
    "signer_name": "Lê Văn Bình",
}


def _doc_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts).replace("\u00a0", " ").replace("\u2002", " ")


def test_unset_identity_is_incomplete_and_every_fact_is_a_placeholder():
    for value in (None, {}, "rubbish", {"issuer": "  ", "motto": "party"}):
        org = Org.from_setting(value)
        assert not org.complete and org.missing == REQUIRED
        assert not org_complete(value)
    org = Org()
    assert org.parent_line == PLACEHOLDERS["parent"]
    assert org.issuer_line == "[TÊN CƠ QUAN]" and org.issuer_in_text == "[TÊN CƠ QUAN]"
    assert org.title_line == "[CHỨC VỤ NGƯỜI KÝ]" and org.name_line == "[Họ và tên người ký]"
    assert org.date_line(date(2026, 3, 5)) == "[Địa danh], ngày 05 tháng 3 năm 2026"


def test_complete_identity_prints_as_given_and_a_missing_parent_is_left_out():
    org = Org.from_setting(COMPLETE)
    assert org.complete and org.missing == ()
    assert (org.parent_line, org.issuer_line) == ("TỈNH ỦY NINH THUẬN", "VĂN PHÒNG TỈNH ỦY")
    assert org.date_line(date(2026, 3, 5)) == "Phan Rang, ngày 05 tháng 3 năm 2026"
    top = Org.from_setting({**COMPLETE, "parent": ""})
    assert top.complete and top.parent_line == ""  # a body with no parent body


@pytest.mark.parametrize("key", REQUIRED)
def test_each_required_fact_makes_the_identity_incomplete(key):
    org = Org.from_setting({**COMPLETE, key: ""})
    assert org.missing == (key,) and not org.complete
    assert PLACEHOLDERS[key] in (
        org.issuer_line + org.title_line + org.name_line + org.date_line(MONDAY)
    )
    assert org.parent_line == "TỈNH ỦY NINH THUẬN"


def test_the_old_generic_default_is_not_a_parent_body():
    """Databases saved by earlier versions hold "ĐẢNG BỘ TỈNH" (no province) as parent."""
    org = Org.from_setting(
        {"parent": "ĐẢNG BỘ TỈNH", "issuer": "VĂN PHÒNG", "signer_title": "CHÁNH VĂN PHÒNG"}
    )
    assert org.parent_line == PLACEHOLDERS["parent"]
    assert org.missing == ("place", "signer_name")


def test_older_signer_prefix_key_is_the_authority_line():
    assert Org.from_setting({"signer_prefix": "KT. Chánh Văn phòng"}).authority_line == (
        "KT. CHÁNH VĂN PHÒNG"
    )


def test_new_database_has_no_made_up_identity(db):
    assert not org_complete(_stored_org(db))
    build_week_db(db)
    ops.set_setting(db, "org", None)
    doc = weekly_document(collect_week(db, WeeklyOptions(day=MONDAY)))
    front, closing = front_html(doc), closing_html(doc)
    assert "ĐẢNG BỘ TỈNH" not in front and "VĂN PHÒNG" not in front
    for mark in ("[TÊN CƠ QUAN CHỦ QUẢN]", "[TÊN CƠ QUAN]", "[Địa danh], ngày 06 tháng 3 năm 2023"):
        assert mark in front
    assert "[CHỨC VỤ NGƯỜI KÝ]" in closing and "[Họ và tên người ký]" in closing


def test_weekly_pdf_without_identity_shows_the_placeholders(db, tmp_path):
    build_week_db(db)
    ops.set_setting(db, "org", None)
    out = tmp_path / "tuan.pdf"
    write_weekly_pdf(db, out, WeeklyOptions(day=MONDAY))
    texts = [flat(t) for t in page_texts(out)]
    assert "[TÊN CƠ QUAN CHỦ QUẢN] [TÊN CƠ QUAN]" in texts[0]
    assert "[Địa danh], ngày 06 tháng 3 năm 2023" in texts[0]
    assert "[CHỨC VỤ NGƯỜI KÝ]" in texts[-1] and "[Họ và tên người ký]" in texts[-1]
    assert not any("ĐẢNG BỘ TỈNH" in t for t in texts)


def test_letter_and_request_workbook_without_identity_show_the_placeholders(db, tmp_path):
    seed(db)
    ops.set_setting(db, "org", None)
    [out] = write_urging_letters(db, tmp_path / "cv.docx", LetterOptions([BTC], TODAY)).files
    body = _doc_text(out)
    for mark in (
        "[TÊN CƠ QUAN CHỦ QUẢN]",
        "[TÊN CƠ QUAN] đã theo dõi",
        "[Địa danh], ngày 10 tháng 5 năm 2023",
        "[CHỨC VỤ NGƯỜI KÝ]",
        "[Họ và tên người ký]",
    ):
        assert mark in body, mark
    assert "ĐẢNG BỘ TỈNH" not in body and "CHÁNH VĂN PHÒNG" not in body
    book = write_request_workbook(db, tmp_path / "bc.xlsx", BTC, TODAY).files[0]
    ws = load_workbook(book).worksheets[0]
    assert ws["A3"].value.startswith("(Kèm theo đề nghị của [TÊN CƠ QUAN] ngày 10/05/2023")


def test_demo_database_has_a_complete_plausible_identity(db):
    from app.demo import OFFICE, load_demo

    load_demo(db, date(2026, 11, 25))
    stored = _stored_org(db)
    assert stored == OFFICE and org_complete(stored)
    day = date(2026, 11, 25)
    doc = weekly_document(collect_week(db, WeeklyOptions(day=day)))
    front, closing = front_html(doc), closing_html(doc)
    assert "ĐẢNG BỘ TỈNH LÂM ĐỒNG" in front and "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH" in front
    assert "Đà Lạt, ngày 25 tháng 11 năm 2026" in front
    assert "T/M" not in closing and "T/L BAN THƯỜNG VỤ" in closing
    assert "CHÁNH VĂN PHÒNG" in closing and OFFICE["signer_name"] in closing
    assert "[" not in front + closing


def _stored_org(db):
    return setting(db, "org")

"""Wording a head of office signs: plan references without dangling commas, subject lines
that wrap between words (never inside one), counts that stay with their noun."""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest
from docx import Document
from loop_fixtures import BTC, TODAY, day
from openpyxl import load_workbook

from app.db import ops
from app.exports.admin_text import plan_reference, plan_short
from app.exports.urging.docx_fill import NB_HYPHEN
from app.exports.urging.letters import LetterOptions, unbreakable, write_urging_letters
from app.exports.urging.requests import write_request_workbook
from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask

TITLE = (
    "Kế hoạch thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng (khóa XIII) "
    "về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn chặn, đẩy "
    "lùi, xử lý nghiêm cán bộ, đảng viên suy thoái về tư tưởng chính trị, đạo đức, lối sống, "
    "biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ"
)
ABOUT = TITLE.removeprefix("Kế hoạch ")
FIRST_CLAUSE = ABOUT.split(";")[0]


@pytest.mark.parametrize(
    ("number", "signed", "issuer", "expected"),
    [
        ("127-KH/ĐUK", date(2022, 3, 31), "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
         "Kế hoạch số 127-KH/ĐUK ngày 31/3/2022 của Đảng ủy Khối các cơ quan tỉnh "
         + FIRST_CLAUSE),
        ("127-KH/ĐUK", date(2022, 3, 31), "", "Kế hoạch số 127-KH/ĐUK ngày 31/3/2022 " + FIRST_CLAUSE),
        ("127-KH/ĐUK", None, "Tỉnh ủy", "Kế hoạch số 127-KH/ĐUK của Tỉnh ủy " + FIRST_CLAUSE),
        ("127-KH/ĐUK", None, "", "Kế hoạch số 127-KH/ĐUK " + FIRST_CLAUSE),
        ("", date(2022, 3, 31), "Tỉnh ủy", "Kế hoạch ngày 31/3/2022 của Tỉnh ủy " + ABOUT),
        ("", date(2022, 3, 31), "", "Kế hoạch ngày 31/3/2022 " + ABOUT),
        ("", None, "Tỉnh ủy", "Kế hoạch của Tỉnh ủy " + ABOUT),
        ("", None, "", TITLE),
    ],
)  # fmt: skip
def test_plan_reference_writes_only_what_is_known(number, signed, issuer, expected):
    assert plan_reference(TITLE, number, signed, issuer) == expected


def test_plan_reference_never_dangles_whatever_is_missing():
    """Every combination of number, date, issuer and title: no ", ngày", no double
    space, no comma or space at either end, no cut-off title."""
    titles = (TITLE, "Kế hoạch", "", "Chương trình hành động thực hiện Nghị quyết số 05")
    for title, number, signed, issuer in itertools.product(
        titles, ("", "45-KH/TU"), (None, date(2023, 1, 5)), ("", "BAN THƯỜNG VỤ TỈNH ỦY")
    ):
        text = plan_reference(title, number, signed, issuer)
        assert text and text == text.strip(" ,;"), text
        assert ", ngày" not in text and ",," not in text and "  " not in text, text
        assert "…" not in text and " ," not in text, text
        assert text.startswith(("Kế hoạch", "Chương trình hành động")), text


def test_a_numbered_plan_with_an_endless_title_is_named_by_its_number():
    endless = "Kế hoạch " + "triển khai nhiệm vụ trọng tâm " * 12
    assert (
        plan_reference(endless, "9-KH/TU", date(2024, 1, 2)) == "Kế hoạch số 9-KH/TU ngày 2/1/2024"
    )


@pytest.mark.parametrize(
    ("number", "signed", "expected"),
    [
        ("127-KH/ĐUK", date(2022, 3, 31), "Kế hoạch số 127-KH/ĐUK"),
        ("", date(2022, 3, 31), "Kế hoạch ngày 31/3/2022"),
        ("", None, TITLE[:88] + "…"),
    ],
)
def test_plan_short(number, signed, expected):
    assert plan_short(TITLE, number, signed) == expected


def test_unbreakable_keeps_numbers_whole_and_lets_long_text_wrap_between_words():
    assert unbreakable("Kế hoạch số 127-KH/ĐUK") == f"Kế\xa0hoạch\xa0số\xa0127{NB_HYPHEN}KH/ĐUK"
    text = unbreakable("Kế hoạch thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương")
    assert f"số\xa021{NB_HYPHEN}KL/TW" in text
    assert max(len(chunk) for chunk in text.split(" ")) <= len(f"số 21{NB_HYPHEN}KL/TW")
    assert unbreakable("30/2020/NĐ-CP và 06-03") == f"30/2020/NĐ{NB_HYPHEN}CP\xa0và\xa006-03"


def _plan(number: str, signed: date | None, issuer: str) -> ExtractedPlan:
    return ExtractedPlan(
        document=ExtractedDocument(title=TITLE, number=number, date=signed, issuer=issuer),
        tasks=[
            ExtractedTask(
                text="Rà soát, bổ sung quy chế làm việc của cấp ủy theo Quy định số 24-QĐ/TW",
                lead=BTC,
                coordinators=[],
                deadline=day(date(2023, 4, 15), "trước ngày 15/4/2023"),
            )
        ],
        source_name="kh.docx",
        sha256="c" * 64,
    )


def _subject_and_body(path) -> tuple[str, str]:
    doc = Document(str(path))
    head = doc.tables[0].rows[0].cells[0]
    subject = next(p.text for p in head.paragraphs if p.text.startswith("V/v"))
    body = next(p.text for p in doc.paragraphs if p.text.startswith("Thực hiện"))
    return subject, body


@pytest.mark.parametrize(
    ("number", "signed", "issuer"),
    list(itertools.product(("", "127-KH/ĐUK"), (None, date(2022, 3, 31)), ("", "ĐẢNG ỦY KHỐI"))),
)
def test_letter_for_any_plan_reads_cleanly(db, tmp_path, number, signed, issuer):
    ops.import_plan(db, _plan(number, signed, issuer), today=date(2023, 1, 2))
    ops.set_setting(db, "org", {"issuer": "Văn phòng Tỉnh ủy", "place": "Phan Rang"})
    [out] = write_urging_letters(db, tmp_path / "cv.docx", LetterOptions([BTC], TODAY)).files
    subject, body = _subject_and_body(out)
    # Word breaks lines only at ordinary spaces (and hyphens): no chunk between two of them
    # may be longer than a line of the 9.4 cm subject cell (about 55 italic characters).
    assert max(len(chunk) for chunk in re.split(r"[ -]", subject)) <= 32, subject
    expected_ref = plan_short(TITLE, number, signed)
    assert subject.replace("\xa0", " ") == f"V/v đôn đốc thực hiện nhiệm vụ theo {expected_ref}"
    sentence = body.replace("\xa0", " ").split(", Văn phòng Tỉnh ủy đã theo dõi")[0]
    assert sentence == "Thực hiện " + plan_reference(TITLE, number, signed, issuer)
    assert ", ngày" not in sentence and "  " not in sentence


def test_request_workbook_names_an_unnumbered_plan_by_its_date(db, tmp_path):
    ops.import_plan(db, _plan("", date(2022, 3, 31), ""), today=date(2023, 1, 2))
    book = write_request_workbook(db, tmp_path / "bc.xlsx", BTC, TODAY).files[0]
    ws = load_workbook(book).worksheets[0]
    row = [c.value for c in ws[7]]
    assert row[2] == "Kế hoạch ngày 31/3/2022"
    assert row[5] == "Quá hạn 25\xa0ngày"

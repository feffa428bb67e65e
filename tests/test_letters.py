"""Urging letters: read back with python-docx — addressee, plans, task table, dates."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from docx.shared import Pt
from loop_fixtures import BTC, BTG, TODAY, UBKT, seed

from app.cli import main
from app.db import ops
from app.db.reads.requests import pending_requests
from app.errors import ImportCancelled, ValidationError
from app.exports.admin_text import sentence_case, vn_long_date
from app.exports.urging.docx_fill import placeholders_in
from app.exports.urging.letter_template import build_template, bundled_template
from app.exports.urging.letters import LETTER_FIELDS, LetterOptions, write_urging_letters


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def all_text(doc) -> str:
    parts = texts(doc)
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts).replace("\u00a0", " ")  # no-break spaces read as spaces


def task_table(doc):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")


def test_letter_names_unit_plans_tasks_and_dates(db, tmp_path):
    seed(db)
    [out] = write_urging_letters(
        db, tmp_path / "cv.docx", LetterOptions(departments=[BTC], day=TODAY)
    ).files
    doc = Document(str(out))
    body = all_text(doc)
    assert "Kính gửi: Ban Tổ chức Đảng ủy Khối" in texts(doc)
    assert "{{" not in body
    # Letterhead: Party body (motto, issuer, number placeholder), place and date.
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in body
    assert "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH" in body and "ĐẢNG BỘ TỈNH LÂM ĐỒNG" in body
    assert "-CV/ĐUK" in body
    assert "Đà Lạt, ngày 10 tháng 5 năm 2023" in body
    assert "V/v đôn đốc thực hiện các nhiệm vụ được giao" in body  # two plans
    assert (
        "Thực hiện Kế hoạch số 45-KH/ĐUK ngày 5/9/2022 của Đảng ủy Khối các cơ quan tỉnh "
        "thực hiện Nghị quyết số 28-NQ/TU về công tác cán bộ và Kế hoạch số 127-KH/ĐUK ngày "
        "31/3/2022 của Đảng ủy Khối các cơ quan tỉnh thực hiện Kết luận số 21-KL/TW" in body
    )
    assert "…" not in body and "ĐUK, ngày" not in body
    assert "trước ngày 17/05/2023" in body  # reply deadline: a week later, a Wednesday
    assert "02 nhiệm vụ đã quá hạn và 01 nhiệm vụ sắp đến hạn" in body
    # The table: overdue and soon-due tasks where the unit leads, grouped by plan.
    rows = [[c.text for c in r.cells] for r in task_table(doc).rows]
    assert rows[0] == ["STT", "Nội dung nhiệm vụ", "Thời hạn", "Tình trạng"]
    items = [r for r in rows[1:] if r[0].isdigit()]
    assert [r[0] for r in items] == ["1", "2", "3"]
    assert items[0][1].startswith("Sơ kết 01 năm thực hiện Nghị quyết số 28-NQ/TU")
    assert items[0][3] == "Quá hạn 51\u00a0ngày"  # the count and "ngày" stay on one line
    assert (
        items[1][1].startswith("Rà soát, bổ sung quy chế") and items[1][2] == "trước ngày 15/4/2023"
    )
    assert items[1][3] == "Quá hạn 25\u00a0ngày"
    assert items[2][3] == "Sắp đến hạn (còn 5\u00a0ngày)"
    groups = [r[0] for r in rows[1:] if not r[0].isdigit()]
    assert groups == ["Kế hoạch số 45-KH/ĐUK", "Kế hoạch số 127-KH/ĐUK"]
    # Not in the letter: done, not yet urgent, ongoing, and tasks BTC only coordinates.
    assert "xếp loại chất lượng" not in body
    assert "Biểu dương" not in body and "nắm tình hình tư tưởng" not in body
    assert "quán triệt" not in body
    # Signature block from the settings.
    assert "T/L BAN THƯỜNG VỤ" in body and "CHÁNH VĂN PHÒNG" in body
    assert "Nguyễn Văn An" in body
    assert "Nơi nhận:" in body


def test_letter_layout_is_a4_with_administrative_margins_and_font(db, tmp_path):
    seed(db)
    [out] = write_urging_letters(db, tmp_path / "cv.docx", LetterOptions([BTC], TODAY)).files
    doc = Document(str(out))
    sec = doc.sections[0]
    mm = {
        k: round(getattr(sec, k).mm)
        for k in (
            "page_width",
            "page_height",
            "top_margin",
            "bottom_margin",
            "left_margin",
            "right_margin",
        )
    }
    assert (mm["page_width"], mm["page_height"]) == (210, 297)
    assert 20 <= mm["top_margin"] <= 25 and 20 <= mm["bottom_margin"] <= 25
    assert 30 <= mm["left_margin"] <= 35 and 15 <= mm["right_margin"] <= 20
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)


def test_single_plan_subject_and_unit_with_one_task(db, tmp_path):
    seed(db)
    [out] = write_urging_letters(db, tmp_path / "btg.docx", LetterOptions([BTG], TODAY)).files
    body = all_text(Document(str(out)))
    assert "V/v đôn đốc thực hiện nhiệm vụ theo Kế hoạch số 127-KH/ĐUK" in body
    assert "01 nhiệm vụ đã quá hạn chưa hoàn thành" in body
    assert "Quý I/2023\n(hạn 31/03/2023)" in body


def test_batch_writes_one_file_per_unit_and_records_each_letter(db, tmp_path):
    ids = seed(db)
    files = write_urging_letters(
        db, tmp_path / "out", LetterOptions([BTC, BTG, UBKT], TODAY, reply_by=date(2023, 5, 20))
    ).files
    # UBKT only coordinates: nothing to urge, so no letter.
    assert sorted(f.name for f in files) == [
        "cong-van-don-doc-ban-to-chuc-dang-uy-khoi-20230510.docx",
        "cong-van-don-doc-ban-tuyen-giao-dang-uy-khoi-20230510.docx",
    ]
    for f in files:
        doc = Document(str(f))
        assert "trước ngày 20/05/2023" in all_text(doc)
    pending = pending_requests(db, TODAY)
    assert {(p.department_id, p.kind, p.reply_due) for p in pending} == {
        (ids[BTC], "letter", date(2023, 5, 20)),
        (ids[BTG], "letter", date(2023, 5, 20)),
    }
    assert {p.tasks for p in pending} == {3, 1}


def test_one_file_batch_has_one_section_per_letter(db, tmp_path):
    seed(db)
    [out] = write_urging_letters(
        db, tmp_path / "all.docx", LetterOptions([BTC, BTG], TODAY, one_file=True)
    ).files
    doc = Document(str(out))
    assert len(doc.sections) == 2
    kinh_gui = [t for t in texts(doc) if t.startswith("Kính gửi:")]
    assert kinh_gui == [
        "Kính gửi: Ban Tổ chức Đảng ủy Khối",
        "Kính gửi: Ban Tuyên giáo Đảng ủy Khối",
    ]
    assert len([t for t in doc.tables if t.rows[0].cells[0].text == "STT"]) == 2


def test_state_body_gets_national_motto(db, tmp_path):
    seed(db)
    ops.set_setting(
        db,
        "org",
        {
            "parent": "UBND TỈNH LÂM ĐỒNG",
            "issuer": "SỞ NỘI VỤ",
            "motto": "state",
            "place": "Lâm Đồng",
            "signer_title": "Giám đốc",
            "signer_name": "Trần Thị Bình",
        },
    )
    [out] = write_urging_letters(db, tmp_path / "s.docx", LetterOptions([BTG], TODAY)).files
    body = all_text(Document(str(out)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body
    assert "Độc lập - Tự do - Hạnh phúc" in body
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in body
    assert "/CV-SNV" in body and "Số:" in body
    assert "Sở Nội vụ đề nghị Ban Tuyên giáo Đảng ủy Khối" in body
    assert "GIÁM ĐỐC" in body and "T/L" not in body


def test_unit_with_nothing_overdue_gives_a_clear_message(db, tmp_path):
    seed(db)
    with pytest.raises(ValidationError, match="không có nhiệm vụ quá hạn"):
        write_urging_letters(db, tmp_path / "x.docx", LetterOptions([UBKT], TODAY))
    assert not (tmp_path / "x.docx").exists()


def test_office_template_with_placeholders_split_across_runs(db, tmp_path):
    """A clerk's own template: Word splits "{{don_vi}}" into several runs."""
    seed(db)
    tpl = Document()
    p = tpl.add_paragraph()
    for piece in ("Kính gửi: {", "{don_", "vi}", "} — hạn {{han_bao_cao}}"):
        p.add_run(piece).bold = piece.startswith("{{")
    tpl.add_paragraph("{{quyen_han}}")  # empty value: the line disappears
    table = tpl.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "TT"
    table.rows[0].cells[1].text = "Việc"
    table.rows[1].cells[0].text = "{{stt}}"
    table.rows[1].cells[1].text = "{{noi_dung}} ({{tinh_trang}})"
    path = tmp_path / "mau.docx"
    tpl.save(str(path))
    ops.set_setting(db, "org", {"issuer": "VĂN PHÒNG", "signer_authority": ""})
    [out] = write_urging_letters(
        db, tmp_path / "own.docx", LetterOptions([BTC], TODAY, template=path)
    ).files
    doc = Document(str(out))
    assert texts(doc)[0] == "Kính gửi: Ban Tổ chức Đảng ủy Khối — hạn 17/05/2023"
    assert len(doc.paragraphs) == 1
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[1][0] == "1" and rows[1][1].endswith("(Quá hạn 51\u00a0ngày)")
    assert len(rows) == 4


def test_template_without_task_row_is_refused_before_anything_is_recorded(db, tmp_path):
    seed(db)
    tpl = Document()
    tpl.add_paragraph("Kính gửi: {{don_vi}}")
    path = tmp_path / "bad.docx"
    tpl.save(str(path))
    with pytest.raises(ValidationError, match="noi_dung"):
        write_urging_letters(db, tmp_path / "o.docx", LetterOptions([BTC], TODAY, template=path))
    assert pending_requests(db, TODAY) == []


@pytest.mark.parametrize(
    ("d", "place", "expected"),
    [
        (date(2023, 2, 5), "Đà Lạt", "Đà Lạt, ngày 05 tháng 02 năm 2023"),
        (date(2023, 12, 25), "", "Ngày 25 tháng 12 năm 2023"),
        (date(2024, 3, 9), "Hà Nội", "Hà Nội, ngày 09 tháng 3 năm 2024"),
    ],
)
def test_place_and_date_line(d, place, expected):
    assert vn_long_date(d, place) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("VĂN PHÒNG TỈNH ỦY", "Văn phòng Tỉnh ủy"),
        ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "Đảng ủy Khối các cơ quan tỉnh"),
        ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        ("SỞ NỘI VỤ", "Sở Nội vụ"),
        ("Ban Tổ chức Huyện ủy", "Ban Tổ chức Huyện ủy"),
    ],
)
def test_issuer_in_running_text(name, expected):
    assert sentence_case(name) == expected


def test_cli_urge(db_path, tmp_path, capsys):
    from app.db.store import Database

    db = Database.open(db_path)
    seed(db)
    db.close()
    out = tmp_path / "cv.docx"
    code = main(
        [
            "--db",
            str(db_path),
            "urge",
            "--department",
            "Ban Tổ chức ĐUK",
            "--date",
            "2023-05-10",
            "--docx",
            str(out),
        ]
    )
    assert code == 0
    assert f"Đã tạo {out}" in capsys.readouterr().out
    assert "Kính gửi: Ban Tổ chức Đảng ủy Khối" in texts(Document(str(out)))
    code = main(["--db", str(db_path), "urge", "--department", "Ban Không Có", "--docx", str(out)])
    assert code != 0
    assert "Ban Không Có" in capsys.readouterr().err


def test_office_template_in_the_data_folder_replaces_the_bundled_one(db, tmp_path, monkeypatch):
    seed(db)
    data = tmp_path / "data"
    monkeypatch.setenv("DONDOC_DATA_DIR", str(data))
    tpl = Document()
    tpl.add_paragraph("MẪU RIÊNG — Kính gửi: {{don_vi}}")
    t = tpl.add_table(rows=1, cols=1)
    t.rows[0].cells[0].text = "{{noi_dung}}"
    (data / "templates").mkdir(parents=True)
    tpl.save(str(data / "templates" / "cong-van-don-doc.docx"))
    [out] = write_urging_letters(db, tmp_path / "o.docx", LetterOptions([BTG], TODAY)).files
    assert texts(Document(str(out)))[0] == "MẪU RIÊNG — Kính gửi: Ban Tuyên giáo Đảng ủy Khối"


def test_cancelling_leaves_no_files_and_no_records(db, tmp_path):
    seed(db)
    calls = []

    def progress(done, total, text=""):
        calls.append(done)
        return done < 1  # cancel before the second letter

    with pytest.raises(ImportCancelled):
        write_urging_letters(
            db, tmp_path / "out", LetterOptions([BTC, BTG], TODAY), progress=progress
        )
    assert list((tmp_path / "out").glob("*.docx")) == []
    assert pending_requests(db, TODAY) == []


@pytest.mark.parametrize("variant", ["party", "state"])
def test_bundled_templates_match_their_builder(tmp_path, variant):
    """The committed .docx files are what letter_template.py builds (no drift)."""
    built = Document(str(build_template(tmp_path / "t.docx", variant)))
    bundled = Document(str(bundled_template(variant)))
    assert all_text(built) == all_text(bundled)
    used = placeholders_in([bundled.element.body])
    assert used <= set(LETTER_FIELDS)
    assert {"don_vi", "noi_dung", "stt", "thoi_han", "tinh_trang", "han_bao_cao"} <= used


def test_default_reply_deadline_counts_working_days_of_the_office(db, tmp_path):
    seed(db)
    ops.set_calendar_day(db, date(2023, 5, 15), False, "Nghỉ bù")  # a Monday off
    [out] = write_urging_letters(db, tmp_path / "cv.docx", LetterOptions([BTG], TODAY)).files
    # 11, 12, (weekend), (15 off), 16, 17, 18: the fifth working day.
    assert "trước ngày 18/05/2023" in all_text(Document(str(out)))


def test_template_readme_documents_every_field():
    readme = (bundled_template("party").parent / "README.md").read_text(encoding="utf-8")
    assert all(f"{{{{{name}}}}}" in readme for name in LETTER_FIELDS)

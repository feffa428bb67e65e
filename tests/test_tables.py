"""Task tables as plain rows (the shape the .docx importer passes in too)."""

from __future__ import annotations

from datetime import date

import pytest

from app.importers.tables.cells import Completion, read_completion, read_units
from app.importers.tables.columns import match_label
from app.importers.tables.rows import detect_header, extract_table

D = date(2023, 2, 2)


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("STT", "number"),
        ("TT", "number"),
        ("Số TT", "number"),
        ("Nội dung", "text"),
        ("Nội dung nhiệm vụ", "text"),
        ("NHIỆM VỤ", "text"),
        ("Tên nhiệm vụ", "text"),
        ("Công việc", "text"),
        ("Nội dung công việc cụ thể", "text"),
        ("Cơ quan chủ trì", "lead"),
        ("Đơn vị chủ trì", "lead"),
        ("Chủ trì", "lead"),
        ("Đơn vị thực hiện", "lead"),
        ("Cơ quan, đơn vị chủ trì thực hiện", "lead"),
        ("Cơ quan phối hợp", "coordinators"),
        ("Phối hợp", "coordinators"),
        ("Đơn vị chủ trì/phối hợp", "units"),
        ("Thời gian", "deadline"),
        ("Thời hạn", "deadline"),
        ("Thời gian hoàn thành", "deadline"),
        ("Thời gian\nthực hiện", "deadline"),
        ("Tiến độ", "deadline"),
        ("Thời hạn hoàn thành (ngày/tháng/năm)", "deadline"),
        ("Sản phẩm", "product"),
        ("Kết quả", "product"),
        ("Sản phẩm đầu ra", "product"),
        ("Trạng thái", "status"),
        ("Tình hình thực hiện", "progress"),
        ("Kết quả thực hiện", "progress"),
        ("Ghi chú", "note"),
        ("GHI CHÚ", "note"),
        ("ghi chu", "note"),
        ("Ngày hoàn thành", "done_on"),
    ],
)
def test_header_synonyms(label, role):
    m = match_label(label)
    assert m is not None and m[0] == role


@pytest.mark.parametrize("label", ["Đơn vị tính", "Kinh phí", "", "Họ và tên", "(1)"])
def test_labels_that_are_not_task_columns(label):
    assert match_label(label) is None


def test_header_found_below_title_rows():
    rows = [
        ["ỦY BAN NHÂN DÂN TỈNH", None, None],
        ["KẾ HOẠCH", None, None],
        [None, None, None],
        ["TT", "Tên nhiệm vụ", "Đơn vị thực hiện", "Tiến độ"],
        [1, "Việc A", "Sở Nội vụ", "Quý I/2023"],
    ]
    h = detect_header(rows)
    assert h is not None
    assert h.row == 3 and h.height == 1
    assert h.columns == {"number": 0, "text": 1, "lead": 2, "deadline": 3}


def test_two_row_header_lists_lead_and_coordinators():
    rows = [
        ["STT", "Nội dung", "Cơ quan thực hiện", None, "Thời gian"],
        [None, None, "Chủ trì", "Phối hợp", None],
        [1, "Việc A", "Ban Tổ chức", "Văn phòng", date(2023, 5, 1)],
    ]
    h = detect_header(rows)
    assert h is not None and h.row == 0 and h.height == 2
    assert h.columns["lead"] == 2 and h.columns["coordinators"] == 3
    result = extract_table(rows, ref=D, source_name="t.xlsx", sheet="S")
    [task] = result.tasks
    assert (task.lead, task.coordinators, task.deadline.due) == (
        "Ban Tổ chức",
        ["Văn phòng"],
        date(2023, 5, 1),
    )
    assert task.source == "S!3"


def test_no_header_returns_none():
    rows = [["Họ và tên", "Năm sinh", "Quê quán"], ["Nguyễn Văn A", 1980, "Huế"]]
    assert detect_header(rows) is None
    assert extract_table(rows, ref=D).header is None


def test_group_rows_make_sections_and_default_leads():
    rows = [
        ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn"],
        ["A", "CÔNG TÁC CHÍNH TRỊ", None, None, None],
        ["I", "Nhiệm vụ chung", None, None, None],
        [1, "Việc chung", "Văn phòng", None, date(2023, 3, 1)],
        ["II", "Nhiệm vụ cụ thể", None, None, None],
        [1, "Ban Tuyên giáo", None, None, None],
        [None, "Việc của Ban Tuyên giáo", None, None, date(2023, 4, 1)],
        [2, "Ban Tổ chức", None, None, None],
        ["a", "Việc của Ban Tổ chức", None, "Văn phòng", date(2023, 5, 1)],
        ["b", "Việc do Văn phòng chủ trì", "Văn phòng", None, date(2023, 6, 1)],
        ["B", "CÔNG TÁC KIỂM TRA"],
        ["1"],
        ["-", "Kiểm tra định kỳ", "Ủy ban Kiểm tra", None, date(2023, 7, 1)],
    ]
    tasks = extract_table(rows, ref=D).tasks
    got = [(t.section, t.number, t.lead) for t in tasks]
    assert got == [
        ("A.I", "1", "Văn phòng"),
        ("A.II.1", "", "Ban Tuyên giáo"),
        ("A.II.2", "a", "Ban Tổ chức"),
        ("A.II.2", "b", "Văn phòng"),
        ("B.1", "-", "Ủy ban Kiểm tra"),
    ]
    assert tasks[2].coordinators == ["Văn phòng"]


def test_sibling_task_closes_a_numbered_group():
    rows = [
        ["TT", "Nội dung", "Chủ trì", "Thời hạn"],
        ["1", "Ban Kiểm tra", None, None],
        ["1.1", "Kiểm tra", None, date(2023, 3, 1)],
        ["2", "Sơ kết", "Văn phòng", date(2023, 4, 1)],
        ["3", "Tổng kết", None, date(2023, 5, 1)],
    ]
    tasks = extract_table(rows, ref=D).tasks
    assert [(t.number, t.section, t.lead) for t in tasks] == [
        ("1.1", "1", "Ban Kiểm tra"),
        ("2", "", "Văn phòng"),
        ("3", "", None),
    ]
    assert "chưa có đơn vị chủ trì" in tasks[2].problems


def test_numbering_restarted_under_a_unit_group():
    rows = [
        ["TT", "Nội dung", "Chủ trì", "Thời hạn"],
        ["1", "Ban Tuyên giáo", None, None],
        ["1", "Việc một", None, date(2023, 3, 1)],
        ["2", "Việc hai", None, date(2023, 4, 1)],
        ["2", "Đơn vị chủ trì: Ban Tổ chức", None, None],
        ["1", "Việc ba", None, date(2023, 5, 1)],
    ]
    tasks = extract_table(rows, ref=D).tasks
    assert [(t.section, t.lead) for t in tasks] == [
        ("1", "Ban Tuyên giáo"),
        ("1", "Ban Tuyên giáo"),
        ("2", "Ban Tổ chức"),
    ]


def test_merged_group_row_and_vertical_merges():
    rows = [
        ["STT", "Nội dung", "Chủ trì", "Thời gian"],
        ["I. NHIỆM VỤ TRỌNG TÂM", None, None, None],
        [1, "Việc A", "Ban Dân vận", date(2023, 3, 1)],
        [2, "Việc B", None, None],
        [3, "Việc C", None, None],
    ]
    merged = [(1, 0, 1, 3), (2, 2, 4, 2), (2, 3, 3, 3)]
    tasks = extract_table(rows, merged=merged, ref=D).tasks
    assert [t.lead for t in tasks] == ["Ban Dân vận"] * 3
    assert [t.deadline.due for t in tasks] == [date(2023, 3, 1), date(2023, 3, 1), None]
    assert {t.section for t in tasks} == {"I"}


def test_numbering_totals_footnote_and_signature_rows_are_skipped():
    rows = [
        ["TT", "Nội dung", "Chủ trì", "Thời gian", "Ghi chú"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["1", "Việc A", "Ban Tổ chức", date(2023, 3, 1), None],
        ["TT", "Nội dung", "Chủ trì", "Thời gian", "Ghi chú"],  # header repeated per page
        ["2", "Việc B", "Ban Tổ chức", date(2023, 4, 1), None],
        ["Tổng cộng", None, None, None, "2 nhiệm vụ"],
        [None, "Ghi chú: (*) nhiệm vụ trọng tâm", None, None, None],
        [None, None, None, "TM. BAN THƯỜNG VỤ", None],
        [None, None, None, "PHÓ BÍ THƯ THƯỜNG TRỰC", None],
        [None, None, None, "Nguyễn Văn A", None],
    ]
    result = extract_table(rows, ref=D)
    assert [t.text for t in result.tasks] == ["Việc A", "Việc B"]
    assert result.problems == []


def test_every_bad_row_is_reported_with_its_row():
    rows = [
        ["TT", "Nội dung", "Chủ trì", "Thời gian"],
        ["1", "Việc A", "Ban Tổ chức", "31/02/2023"],
        ["2", "Việc B", "Ban Tổ chức", date(2023, 3, 1)],
        ["3", None, "Ban Tổ chức", date(2023, 3, 1)],
        ["4", "Việc D", "Ban Tổ chức", "trước ngày 30/02/2024"],
    ]
    result = extract_table(rows, ref=D, source_name="ds.xlsx", sheet="KH")
    assert [p.row for p in result.problems] == [2, 4, 5]
    assert "31/02/2023" in str(result.problems[0])
    assert "ds.xlsx" in str(result.problems[0]) and "KH" in str(result.problems[0])
    assert [t.text for t in result.tasks] == ["Việc B"]


def test_dates_numbers_and_text_in_many_shapes():
    rows = [
        ["STT", "Nội dung", "Chủ trì", "Thời gian"],
        ["1", "A", "Sở Nội vụ", "15/3/2023"],
        [2.0, "B", "Sở Nội vụ", "2026-03-01 00:00:00"],
        ["3.", "C", "Sở Nội vụ", 45000],
        ["4)", "D", "Sở Nội vụ", "05.04.2023"],
    ]
    tasks = extract_table(rows, ref=D).tasks
    assert [t.number for t in tasks] == ["1", "2", "3", "4"]
    assert [t.deadline.due for t in tasks] == [
        date(2023, 3, 15),
        date(2026, 3, 1),
        date(2023, 3, 15),
        date(2023, 4, 5),
    ]
    assert all(t.deadline.kind == "date" for t in tasks)


def test_units_cells_split_and_roles_inside_the_cell():
    assert read_units("Chủ trì: Ban Tổ chức; phối hợp: Ban Tuyên giáo, Văn phòng", "lead") == {
        "lead": ["Ban Tổ chức"],
        "coordinators": ["Ban Tuyên giáo", "Văn phòng"],
        "following": [],
    }
    assert read_units("Ban Dân vận (chủ trì), Ban Tổ chức", "lead")["lead"] == [
        "Ban Dân vận",
        "Ban Tổ chức",
    ]
    assert read_units("Ban Tổ chức\nBan Tuyên giáo", "coordinators")["coordinators"] == [
        "Ban Tổ chức",
        "Ban Tuyên giáo",
    ]
    assert read_units("Sở Văn hóa, Thể thao và Du lịch", "lead")["lead"] == [
        "Sở Văn hóa, Thể thao và Du lịch"
    ]
    assert read_units("Sở Nội vụ và Sở Tài chính", "lead")["lead"] == ["Sở Nội vụ", "Sở Tài chính"]


def test_units_column_first_is_lead():
    rows = [
        ["TT", "Nội dung", "Đơn vị chủ trì, phối hợp", "Thời gian"],
        ["1", "Việc A", "Ban Tổ chức, Ban Tuyên giáo, Văn phòng", date(2023, 3, 1)],
    ]
    [task] = extract_table(rows, ref=D).tasks
    assert task.lead == "Ban Tổ chức"
    assert task.coordinators == ["Ban Tuyên giáo", "Văn phòng"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Đã hoàn thành", Completion(True)),
        ("Hoàn thành", Completion(True)),
        ("x", Completion(True)),
        ("X", Completion(True)),
        ("Đang thực hiện", Completion(False)),
        ("Chưa hoàn thành", Completion(False)),
        ("Hoàn thành quá hạn", Completion(True, late=True)),
        ("Đã hoàn thành ngày 15/3/2023", Completion(True, on=date(2023, 3, 15))),
        (date(2023, 3, 2), Completion(True, on=date(2023, 3, 2))),
        ("", None),
        (None, None),
    ],
)
def test_status_cells(cell, expected):
    assert read_completion(cell) == expected


def test_status_sets_completion_date():
    rows = [
        ["TT", "Nội dung", "Chủ trì", "Thời gian", "Trạng thái", "Ngày hoàn thành"],
        ["1", "A", "Văn phòng", date(2023, 3, 1), "Đã hoàn thành", date(2023, 2, 20)],
        ["2", "B", "Văn phòng", date(2023, 3, 1), "Hoàn thành", None],
        ["3", "C", "Văn phòng", date(2023, 3, 1), "Đang thực hiện", None],
        ["4", "D", "Văn phòng", date(2023, 3, 1), "Hoàn thành quá hạn", None],
    ]
    tasks = extract_table(rows, ref=D, today=date(2023, 4, 10)).tasks
    assert [t.completed_on for t in tasks] == [
        date(2023, 2, 20),
        date(2023, 3, 1),
        None,
        date(2023, 4, 10),
    ]
    assert any("ngày hoàn thành" in p for p in tasks[1].problems)


def test_title_rows_give_title_number_and_date():
    rows = [
        ["TỈNH ỦY LÂM ĐỒNG", None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        ["ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", None, "Đà Lạt, ngày 31 tháng 3 năm 2022"],
        ["Số 45-KH/ĐUK", None, None],
        ["KẾ HOẠCH", None, None],
        ["thực hiện Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương", None],
        [None],
        ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian"],
        ["1", "Việc A", "Văn phòng", date(2022, 6, 1)],
    ]
    doc = extract_table(rows).document
    assert doc.title.startswith("KẾ HOẠCH thực hiện Kết luận số 21-KL/TW")
    assert doc.number == "45-KH/ĐUK"
    assert doc.date == date(2022, 3, 31)
    assert doc.issuer == "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"


def test_appendix_title_takes_number_and_date_from_kem_theo():
    rows = [
        ["PHỤ LỤC"],
        ["DANH MỤC NHIỆM VỤ TRỌNG TÂM NĂM 2024"],
        ["(Kèm theo Kế hoạch số 342-KH/TU ngày 15/01/2024 của Ban Thường vụ Tỉnh ủy)"],
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"],
        ["1", "Việc A", "Văn phòng", date(2024, 6, 1)],
    ]
    doc = extract_table(rows).document
    assert doc.title == "DANH MỤC NHIỆM VỤ TRỌNG TÂM NĂM 2024"
    assert (doc.number, doc.date) == ("342-KH/TU", date(2024, 1, 15))


def test_legacy_font_cells_are_converted():
    rows = [
        ["STT", "Néi dung", "§¬n vÞ chñ tr×", "Thêi gian"],
        ["1", "Tæ chøc héi nghÞ", "Ban Tuyªn gi¸o", date(2023, 3, 1)],
    ]
    [task] = extract_table(rows, ref=D).tasks
    assert (task.text, task.lead) == ("Tổ chức hội nghị", "Ban Tuyên giáo")


def test_header_row_override():
    rows = [
        ["Nội dung", "Chủ trì"],  # looks like a header but is an example row
        ["STT", "Nội dung công việc", "Đơn vị thực hiện", "Thời hạn"],
        ["1", "Việc A", "Văn phòng", date(2023, 3, 1)],
    ]
    result = extract_table(rows, header_row=2, ref=D)
    assert result.header is not None and result.header.row == 1
    assert [t.text for t in result.tasks] == ["Việc A"]


def test_hidden_and_blank_spacer_columns():
    rows = [
        [None, "STT", None, "Nội dung", "Nội dung", "Chủ trì", None, "Thời gian"],
        [None, "1", None, "cũ", "Việc A", "Văn phòng", None, date(2023, 3, 1)],
    ]
    [task] = extract_table(rows, hidden_columns={3}, ref=D).tasks
    assert task.text == "Việc A"


def test_text_carried_on_to_the_next_row_joins_the_task():
    rows = [
        ["TT", "Nội dung", "Chủ trì", "Thời gian"],
        ["1", "Tổ chức hội nghị quán triệt", "Văn phòng", date(2023, 3, 1)],
        [None, "nghị quyết đến cán bộ chủ chốt", None, None],
        ["2", "Sơ kết", "Văn phòng", date(2023, 4, 1)],
    ]
    tasks = extract_table(rows, ref=D).tasks
    assert [t.text for t in tasks] == [
        "Tổ chức hội nghị quán triệt\nnghị quyết đến cán bộ chủ chốt",
        "Sơ kết",
    ]


def test_sheet_named_after_a_unit_is_the_lead_when_there_is_no_lead_column():
    rows = [["STT", "Nội dung", "Thời hạn"], ["1", "Việc A", date(2023, 3, 1)]]
    [task] = extract_table(rows, sheet="Ban Tuyên giáo", ref=D).tasks
    assert task.lead == "Ban Tuyên giáo"
    [task] = extract_table(rows, sheet="Sheet1", ref=D).tasks
    assert task.lead is None


def test_two_row_time_header_and_percent_column():
    rows = [
        ["STT", "Nội dung", "Chủ trì", "Thời gian", None, "Tiến độ (%)"],
        [None, None, None, "Bắt đầu", "Hoàn thành", None],
        ["1", "Việc A", "Văn phòng", date(2023, 1, 1), date(2023, 3, 1), 50],
    ]
    h = detect_header(rows)
    assert h is not None and h.height == 2
    assert h.columns["start"] == 3 and h.columns["deadline"] == 4
    assert h.columns["progress"] == 5
    [task] = extract_table(rows, ref=D).tasks
    assert (task.deadline.start, task.deadline.due) == (date(2023, 1, 1), date(2023, 3, 1))


def test_dates_of_other_documents_in_the_title_are_not_the_plan_date():
    rows = [
        ["KẾ HOẠCH"],
        ["Thực hiện Kết luận số 21-KL/TW, ngày 25 tháng 10 năm 2021 của Trung ương"],
        ["STT", "Nội dung", "Chủ trì", "Thời gian"],
        ["1", "Việc A", "Văn phòng", date(2022, 6, 1)],
    ]
    doc = extract_table(rows).document
    assert doc.date is None
    assert (
        doc.title
        == "KẾ HOẠCH Thực hiện Kết luận số 21-KL/TW, ngày 25 tháng 10 năm 2021 của Trung ương"
    )


def test_unnumbered_lists_keep_tasks_with_empty_cells():
    rows = [
        ["Nội dung", "Chủ trì", "Thời hạn"],
        ["Việc A", "Văn phòng", date(2023, 3, 1)],
        ["Việc B chưa giao", None, None],
        ["CÔNG TÁC KIỂM TRA", None, None],
        ["Việc C", "Ủy ban Kiểm tra", None],
    ]
    tasks = extract_table(rows, ref=D).tasks
    assert [(t.text, t.section) for t in tasks] == [
        ("Việc A", ""),
        ("Việc B chưa giao", ""),
        ("Việc C", "CÔNG TÁC KIỂM TRA"),
    ]

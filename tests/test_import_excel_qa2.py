"""QA pass 2: workbooks in layouts real offices send, read as a clerk would read them.

The files are built in tmp_path by tests/qa2_workbooks.py; each test states what the clerk
expects to see in the import preview.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import qa2_workbooks as wbk

from app.core.deadlines.types import DeadlineKind
from app.errors import ImportValidationError
from app.importers.base import ExtractOptions
from app.importers.tables.importer import ExcelImporter, list_task_sheets

IDENTITY = ("--title", "Kế hoạch thử", "--number", "01/KH-VP")  # files without a number


def extract(path: Path, **options):
    return ExcelImporter().extract(path, ExtractOptions(**options))


def rows(plan):
    return [(t.section, t.number, t.text, t.lead, t.coordinators) for t in plan.tasks]


def dues(plan):
    return [(t.deadline.kind, t.deadline.due) for t in plan.tasks]


def test_appendix_sheet_after_an_instructions_sheet(tmp_path):
    path = wbk.appendix_after_instructions(tmp_path)
    plan = extract(path)
    assert plan.sheet == "Phụ lục"
    doc = plan.document
    assert doc.title.startswith("DANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT")
    assert (doc.number, doc.date) == ("15-KH/TU", dt.date(2024, 3, 20))
    assert doc.issuer == "TỈNH ỦY QUẢNG NAM"
    assert rows(plan) == [
        ("I", "1", "Xây dựng kế hoạch tuyên truyền", "Ban Tuyên giáo Tỉnh ủy", ["Sở Thông tin và Truyền thông"]),
        ("I", "2", "Tổng kết công tác năm 2024", "Văn phòng Tỉnh ủy", ["Các ban Đảng Tỉnh ủy"]),
        ("II", "1", "Rà soát quy hoạch cán bộ", "Ban Tổ chức Tỉnh ủy", []),
    ]  # fmt: skip
    assert dues(plan) == [
        (DeadlineKind.QUARTER, dt.date(2024, 6, 30)),
        (DeadlineKind.MONTH, dt.date(2024, 12, 31)),
        (DeadlineKind.DATE, dt.date(2024, 9, 30)),
    ]
    # The wizard offers only the sheet with the table, with its header on row 8.
    sheets = list_task_sheets(path)
    assert [(s.name, s.header_row, s.task_rows) for s in sheets] == [("Phụ lục", 8, 3)]


def test_extra_columns_in_an_unusual_order(tmp_path):
    plan = extract(wbk.odd_columns(tmp_path))
    assert plan.document.title == "DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2024"
    assert plan.document.date == dt.date(2024, 1, 5)
    assert plan.document.issuer == "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH"
    assert rows(plan) == [
        ("", "1", "Xây dựng Đề án phát triển kinh tế số", "Sở Thông tin và Truyền thông", ["Sở Kế hoạch và Đầu tư"]),
        ("", "2", "Ban hành quy chế khuyến khích cán bộ năng động, sáng tạo", "Sở Nội vụ", []),
        ("", "3", "Kiểm tra công tác cải cách hành chính", "Sở Nội vụ", ["Văn phòng UBND tỉnh"]),
    ]  # fmt: skip
    first, second, third = plan.tasks
    # "Căn cứ" and "Mức độ ưu tiên" are not read into the task.
    assert "Nghị quyết" not in first.text + first.note + first.product
    assert (first.product, second.product, second.note) == (
        "Quyết định của UBND tỉnh",
        "Quy chế",
        "Trình HĐND",
    )
    assert third.deadline.kind == DeadlineKind.ONGOING
    assert not any(t.problems for t in plan.tasks)


def test_hidden_column_and_dotted_letter_and_dash_numbers(tmp_path):
    plan = extract(wbk.hidden_and_numbered(tmp_path))
    got = [(t.section, t.number, t.lead, t.coordinators) for t in plan.tasks]
    assert got == [
        ("A.1", "1.1", "Ban Tổ chức Huyện ủy", ["Ủy ban Kiểm tra Huyện ủy"]),
        ("A.1", "1.2", "Ban Tổ chức Huyện ủy", []),
        ("A.1", "a", "Ban Tổ chức Huyện ủy", []),
        ("A.1", "-", "Ban Tổ chức Huyện ủy", []),
        ("A.2", "2.1", "Ban Tuyên giáo Huyện ủy", ["Trung tâm Chính trị huyện"]),
        ("A.2", "2.2", "Văn phòng Huyện ủy", []),  # its own lead beats the group's
        ("B", "1", "Phòng Nông nghiệp và PTNT", ["Các xã, thị trấn"]),
    ]
    # Nothing from the hidden column "Chủ trì (năm 2023)".
    assert "Văn phòng cũ" not in json.dumps(plan.to_json(), ensure_ascii=False)


def test_roles_written_inside_one_unit_column(tmp_path):
    plan = extract(wbk.one_unit_column(tmp_path))
    assert (plan.document.number, plan.document.date) == ("120/QĐ-UBND", dt.date(2024, 1, 15))
    got = [(t.lead, t.coordinators) for t in plan.tasks]
    assert got == [
        ("Sở Nội vụ", ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]),
        ("Văn phòng UBND tỉnh", ["các sở, ban, ngành"]),
        ("Sở Nội vụ", []),
        ("Sở Thông tin và Truyền thông", ["UBND các huyện, thị xã, thành phố"]),
        # "Các sở: A, B" names each: "Sở A", "Sở B".
        ("Sở Nội vụ", ["Sở Tài chính", "Sở Văn hóa, Thể thao và Du lịch"]),
    ]
    assert plan.tasks[0].product == "Báo cáo"
    # Two units without roles: the first leads, and the preview says so.
    assert not plan.tasks[0].problems
    assert any("nhiều đơn vị chủ trì" in p for p in plan.tasks[3].problems)


def test_deadlines_of_every_kind_and_a_status_column(tmp_path):
    plan = extract(wbk.mixed_deadlines(tmp_path))
    assert dues(plan) == [
        (DeadlineKind.DATE, dt.date(2024, 6, 20)),  # a real date
        (DeadlineKind.DATE, dt.date(2024, 8, 15)),  # "15/08/2024" typed as text
        (DeadlineKind.DATE, dt.date(2024, 9, 30)),  # 45565 shown as a date
        (DeadlineKind.QUARTER, dt.date(2024, 12, 31)),
        (DeadlineKind.ONGOING, None),
        (DeadlineKind.MONTH, dt.date(2024, 9, 30)),
        (DeadlineKind.DATE, dt.date(2024, 9, 30)),  # "30/9/2024 " with a trailing space
        (DeadlineKind.MONTH, dt.date(2024, 10, 31)),  # a date shown as "10/2024"
        (DeadlineKind.MONTH, dt.date(2024, 11, 30)),  # a date shown as "Nov-24"
    ]
    done = [t.completed_on is not None for t in plan.tasks]
    assert done == [True, False, True, False, True, False, False, False, False]
    alt_enter = plan.tasks[5]
    assert alt_enter.text == (
        "Xây dựng kế hoạch phòng, chống thiên tai:\n- Rà soát phương án\n- Tổ chức diễn tập"
    )
    assert plan.tasks[1].progress == "Đang thực hiện"


def test_total_row_signature_and_formatted_rows_to_5000(tmp_path):
    plan = extract(wbk.footer_and_signature(tmp_path))
    assert len(plan.tasks) == 25
    assert plan.tasks[-1].text.endswith("đợt 25")
    assert all(t.lead == "Phòng Xây dựng và Kiểm tra văn bản" for t in plan.tasks)
    assert [t.completed_on is not None for t in plan.tasks].count(True) == 5
    assert not any("Tổng cộng" in t.text or "NGƯỜI" in t.text for t in plan.tasks)
    assert not plan.warnings


def test_merged_group_rows_unit_groups_and_lead_merged_down(tmp_path):
    plan = extract(wbk.merged_groups_and_leads(tmp_path))
    got = [(t.section, t.number, t.text, t.lead) for t in plan.tasks]
    assert got == [
        ("I", "1", "Quán triệt chương trình công tác", "Văn phòng"),
        ("I", "2", "Sơ kết 6 tháng", "Văn phòng"),
        ("II.1", "-", "Tuyển dụng công chức", "Phòng Tổ chức cán bộ"),
        ("II.1", "-", "Đào tạo, bồi dưỡng", "Phòng Tổ chức cán bộ"),
        ("II.2", "-", "Lập dự toán ngân sách", "Phòng Kế hoạch - Tài chính"),
        ("II.2", "-", "Quyết toán ngân sách năm 2023", "Phòng Kế hoạch - Tài chính"),
        ("II.2", "-", "Công khai ngân sách", "Phòng Kế hoạch - Tài chính"),
        ("III", "1", "Kiểm tra nội bộ", "Thanh tra"),  # "III" alone is a group row
    ]


def test_xlsm_task_sheet_is_chosen_over_a_summary_sheet(tmp_path):
    plan = extract(wbk.xlsm_with_two_tables(tmp_path))
    assert plan.sheet == "Nhiệm vụ"
    assert [t.lead for t in plan.tasks] == ["Sở Y tế"] * 3
    assert plan.tasks[2].deadline.kind == DeadlineKind.ONGOING


def test_windows_1258_csv_with_title_and_group_rows(tmp_path):
    plan = extract(wbk.csv_windows_1258(tmp_path))
    assert plan.document.title == "KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM 2024"
    assert (plan.document.number, plan.document.date) == ("25/KH-UBND", dt.date(2024, 1, 10))
    assert rows(plan) == [
        ("I", "1", "Triển khai kế hoạch năm", "Văn phòng HĐND và UBND", []),
        ("I", "2", "Kiểm tra, đôn đốc", "Phòng Nội vụ", ["Phòng Tài chính - Kế hoạch", "Phòng Tư pháp"]),
        ("II", "1", "Tổ chức lễ hội truyền thống", "Phòng Văn hóa và Thông tin", []),
    ]  # fmt: skip
    assert plan.tasks[2].deadline.due == dt.date(2024, 2, 15)


def test_ods_with_two_row_header_and_merges(tmp_path):
    plan = extract(wbk.ods_from_libreoffice(tmp_path))
    assert plan.document.number == "88/KH-UBND"
    assert rows(plan) == [
        ("1", "1", "Nâng cấp mạng truyền số liệu chuyên dùng", "Sở Thông tin và Truyền thông", ["Viễn thông tỉnh"]),
        ("1", "2", "Triển khai nền tảng tích hợp dữ liệu", "Sở Thông tin và Truyền thông", []),
        ("2", "1", "Số hóa hồ sơ một cửa", "Văn phòng UBND tỉnh", ["Các sở, ban, ngành", "UBND các huyện"]),
        ("2", "2", "Cấp chữ ký số cho cán bộ", "Sở Thông tin và Truyền thông", []),
    ]  # fmt: skip
    assert plan.tasks[0].deadline.due == dt.date(2024, 6, 30)
    # A date shown as "10/2024" is the month of October.
    assert dues(plan)[3] == (DeadlineKind.MONTH, dt.date(2024, 10, 31))


def test_report_with_tick_column_and_done_dates(tmp_path):
    plan = extract(wbk.report_with_done_ticks(tmp_path))
    doc = plan.document
    assert (doc.number, doc.date) == ("07-BC/BCĐ", dt.date(2024, 6, 28))
    assert [t.completed_on for t in plan.tasks] == [
        None,
        dt.date(2024, 5, 10),  # "Ngày hoàn thành" wins
        dt.date(2024, 6, 25),  # ticked, no date: the due date, flagged
    ]
    assert any("không ghi ngày hoàn thành" in p for p in plan.tasks[2].problems)
    assert len(plan.tasks) == 3  # the note and "T/M BAN CHỈ ĐẠO" are not tasks


def test_signature_block_in_the_table_columns_is_not_an_error(tmp_path):
    plan = extract(wbk.signature_in_data_columns(tmp_path))
    assert [t.text for t in plan.tasks] == [
        "Tổ chức Liên hoan văn nghệ quần chúng",
        "Kiểm tra hoạt động kinh doanh karaoke",
        "Tập huấn nghiệp vụ thư viện",
    ]
    # "1. …", "a) …" list labels are not part of the unit names.
    assert [(t.lead, t.coordinators) for t in plan.tasks] == [
        ("Phòng Quản lý văn hóa", ["Trung tâm Văn hóa tỉnh"]),
        ("Thanh tra Sở", ["Phòng Quản lý văn hóa"]),
        ("Thư viện tỉnh", []),
    ]
    # "100%" in the percentage column means done; "50%" does not.
    assert [t.completed_on is not None for t in plan.tasks] == [True, False, False]
    assert plan.tasks[1].progress == "50%"


def test_tick_columns_under_a_group_label(tmp_path):
    plan = extract(wbk.tick_columns_under_group(tmp_path))
    assert [t.deadline.due for t in plan.tasks] == [
        dt.date(2024, 5, 31),
        dt.date(2024, 12, 31),
        dt.date(2024, 11, 30),
    ]
    assert plan.tasks[0].deadline.start == dt.date(2024, 2, 1)
    assert [t.completed_on is not None for t in plan.tasks] == [True, False, False]
    # The tick says which column it is in, not "x".
    assert plan.tasks[1].progress == "Đang thực hiện"


def test_sub_items_take_the_lead_of_their_numbered_task(tmp_path):
    plan = extract(wbk.numbered_tasks_with_sub_items(tmp_path))
    got = [(t.number, t.lead, t.coordinators, t.problems) for t in plan.tasks]
    assert got == [
        ("1", "Sở Y tế", [], []),
        ("-", "Sở Y tế", ["UBND các huyện"], []),
        ("-", "CDC tỉnh", [], []),  # its own lead
        ("2", "Sở Thông tin và Truyền thông", [], []),
        ("a", "Sở Thông tin và Truyền thông", ["Báo tỉnh"], []),
        ("b", "UBND các huyện", [], []),
        ("3", None, [], ["chưa có đơn vị chủ trì"]),  # a sibling, not a sub-item
    ]


def test_a_post_in_capitals_as_a_group_row_does_not_end_the_table(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phân công"
    for row in [
        ["STT", "Nội dung", "Phụ trách", "Thời gian"],
        [None, "CHÁNH VĂN PHÒNG"],
        [1, "Điều hành chung", "Văn phòng", "Thường xuyên"],
        [None, "PHÓ CHÁNH VĂN PHÒNG"],
        [2, "Phụ trách tổng hợp", "Phòng Tổng hợp", "Thường xuyên"],
        [],
        [None, None, "Hà Nội, ngày 02 tháng 01 năm 2024"],
        [None, None, "CHÁNH VĂN PHÒNG"],
        [None, None, "Nguyễn Văn A"],
    ]:
        ws.append(row)
    path = tmp_path / "phan-cong.xlsx"
    wb.save(path)
    plan = extract(path)
    assert [(t.section, t.text) for t in plan.tasks] == [
        ("CHÁNH VĂN PHÒNG", "Điều hành chung"),
        ("PHÓ CHÁNH VĂN PHÒNG", "Phụ trách tổng hợp"),
    ]


def test_group_rows_that_repeat_their_unit_in_the_lead_column(tmp_path):
    plan = extract(wbk.unit_groups_repeated_in_lead_column(tmp_path))
    assert [(t.section, t.number, t.lead, t.coordinators) for t in plan.tasks] == [
        ("I", "1", "Sở Y tế", ["Công an tỉnh"]),
        ("I", "2", "Sở Y tế", []),
        ("II", "1", "Sở Giáo dục và Đào tạo", ["Công an tỉnh"]),
        ("III", "1", "Sở Nội vụ", []),  # "III | Lĩnh vực nội vụ | Sở Nội vụ" is a group too
    ]


def test_wrong_header_row_or_sheet_says_where_and_what(tmp_path):
    from app.errors import FileImportError

    path = wbk.appendix_after_instructions(tmp_path)
    with pytest.raises(FileImportError) as info:
        extract(path, header_row=10)  # the "(1) (2) (3)" row
    message = str(info.value)
    assert "phu-luc-15-KH-TU.xlsx" in message and "«Phụ lục»" in message
    assert "dòng 10" in message and "«(1)»" in message and "dòng 8" in message
    with pytest.raises(FileImportError) as info:
        extract(path, sheet="Hướng dẫn")
    message = str(info.value)
    assert "«Hướng dẫn»" in message and "«Cách ghi»" in message


def test_group_rows_saying_who_leads_in_a_sentence(tmp_path):
    plan = extract(wbk.lead_sentences_as_groups(tmp_path))
    assert [(t.section, t.lead, t.coordinators) for t in plan.tasks] == [
        ("1", "Sở Y tế", []),
        ("2", "UBND các huyện", ["Đoàn Thanh niên"]),
    ]


def test_month_columns_ticked_with_x_give_the_deadline(tmp_path):
    plan = extract(wbk.month_tick_programme(tmp_path))
    assert plan.document.date == dt.date(2024, 12, 27)
    got = [(t.deadline.kind, t.deadline.start, t.deadline.due) for t in plan.tasks]
    assert got == [
        (DeadlineKind.MONTH, dt.date(2025, 1, 1), dt.date(2025, 1, 31)),  # the title's year
        (DeadlineKind.MONTH, dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        (DeadlineKind.PERIOD, dt.date(2025, 9, 1), dt.date(2025, 11, 30)),
        (DeadlineKind.MONTH, dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
    ]
    assert len(plan.tasks[3].deadline.occurrences) == 4  # March, June, September, December
    assert not any(t.problems for t in plan.tasks)


def test_stray_cells_under_the_table_are_a_warning_with_their_rows(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KH"
    for row in [
        ["STT", "Nội dung", "Chủ trì", "Thời gian"],
        [1, "Việc một", "Sở Nội vụ", "Quý I/2024"],
        [],
        [None, None, None, "x"],
    ]:
        ws.append(row)
    path = tmp_path / "kh.xlsx"
    wb.save(path)
    plan = extract(path)
    assert len(plan.tasks) == 1
    assert any("dòng 4" in w and "«KH»" in w for w in plan.warnings)


def test_result_column_that_says_done_or_not(tmp_path):
    plan = extract(wbk.result_column_with_status(tmp_path))
    assert [t.completed_on for t in plan.tasks] == [dt.date(2024, 3, 5), None, None]
    assert [t.product for t in plan.tasks] == ["", "", "Báo cáo"]
    assert plan.tasks[1].progress == "Đang thực hiện"


def test_stray_cells_inside_the_table_are_still_errors(tmp_path):
    """Only rows under the last task are forgiven; inside the table a row with data and
    no task text is reported with its sheet and row."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KH"
    for row in [
        ["STT", "Nội dung", "Chủ trì", "Thời gian"],
        [1, "Việc một", "Sở Nội vụ", "Quý I/2024"],
        [None, None, "Sở Tài chính", "Quý II/2024"],
        [2, "Việc hai", "Sở Nội vụ", "Quý III/2024"],
        [None, None, None, "x"],
    ]:
        ws.append(row)
    path = tmp_path / "kh.xlsx"
    wb.save(path)
    with pytest.raises(ImportValidationError) as info:
        extract(path)
    message = str(info.value)
    assert "kh.xlsx" in message and "«KH»" in message and "dòng 3" in message
    assert "dòng 5" not in message


@pytest.mark.parametrize("builder", wbk.ALL, ids=lambda b: b.__name__)
def test_every_workbook_previews_through_the_cli(tmp_path, builder, capsys):
    from app.cli import main

    path = builder(tmp_path)
    assert main(["import", str(path), "--dry-run", *IDENTITY]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tasks"] and all(t["text"] for t in out["tasks"])

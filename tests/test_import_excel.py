"""Importing the task workbooks offices really keep: real files built with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from app.core.deadlines.types import DeadlineKind
from app.errors import FileImportError, ImportCancelled, ImportValidationError
from app.importers.base import ExtractOptions
from app.importers.tables.importer import ExcelImporter, list_task_sheets

DATA = Path(__file__).parent / "data" / "excel"


def build(path: Path, sheets: dict[str, list[list[object]]], merges=None, hidden=None) -> Path:
    """A workbook with one sheet per entry; `merges` maps sheet -> ["A1:C1", ...]."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, ()):
            ws.merge_cells(rng)
        for col in (hidden or {}).get(name, ()):
            ws.column_dimensions[col].hidden = True
    wb.save(path)
    return path


def extract(path: Path, **options):
    return ExcelImporter().extract(path, ExtractOptions(**options))


HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]


def test_plain_list_with_text_deadlines(tmp_path):
    path = build(
        tmp_path / "ds.xlsx",
        {
            "Sheet1": [
                ["KẾ HOẠCH"],
                ["Thực hiện Nghị quyết số 05-NQ/TU"],
                ["Phan Rang, ngày 10 tháng 01 năm 2023"],
                [],
                HEADER,
                [1, "Quán triệt nghị quyết", "Ban Tuyên giáo", "Văn phòng", "Quý I/2023"],
                [2, "Xây dựng đề án", "Ban Tổ chức", None, "trước ngày 30/6/2023"],
                [3, "Kiểm tra, giám sát", "Ủy ban Kiểm tra", None, "Hằng năm"],
                [4, "Tuyên truyền", "Ban Tuyên giáo", None, "Thường xuyên"],
            ]
        },
    )
    plan = extract(path)
    assert plan.document.title == "KẾ HOẠCH Thực hiện Nghị quyết số 05-NQ/TU"
    assert plan.document.date == dt.date(2023, 1, 10)
    assert plan.sheet == "Sheet1" and plan.source_name == "ds.xlsx" and len(plan.sha256) == 64
    kinds = [t.deadline.kind for t in plan.tasks]
    assert kinds == [
        DeadlineKind.QUARTER,
        DeadlineKind.DATE,
        DeadlineKind.RECURRING,
        DeadlineKind.ONGOING,
    ]
    assert plan.tasks[0].deadline.due == dt.date(2023, 3, 31)
    assert plan.tasks[1].deadline.due == dt.date(2023, 6, 30)
    assert [t.source for t in plan.tasks] == ["Sheet1!6", "Sheet1!7", "Sheet1!8", "Sheet1!9"]
    assert plan.units() == ["Ban Tuyên giáo", "Văn phòng", "Ban Tổ chức", "Ủy ban Kiểm tra"]


def test_ref_option_overrides_the_plan_date(tmp_path):
    path = build(
        tmp_path / "ds.xlsx",
        {"S": [HEADER, [1, "Việc", "Văn phòng", None, "trong quý I"]]},
    )
    plan = extract(path, ref=dt.date(2024, 5, 1))
    assert plan.tasks[0].deadline.due == dt.date(2025, 3, 31)


def test_appendix_layout_with_merges_groups_and_signature(tmp_path):
    path = build(
        tmp_path / "pl.xlsx",
        {
            "Phụ lục": [
                ["ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
                ["Số 127-KH/ĐUK", None, None, None, "Ninh Thuận, ngày 02 tháng 02 năm 2023"],
                [],
                ["PHỤ LỤC"],
                ["DANH MỤC NHIỆM VỤ THỰC HIỆN KẾT LUẬN SỐ 21-KL/TW"],
                ["(Kèm theo Kế hoạch số 127-KH/ĐUK ngày 02/02/2023)"],
                ["STT", "Nội dung", "Cơ quan thực hiện", None, "Thời gian hoàn thành", "Ghi chú"],
                [None, None, "Chủ trì", "Phối hợp", None, None],
                ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
                ["I. NHIỆM VỤ CHUNG"],
                [
                    1,
                    "Quán triệt Kết luận",
                    "Ban Tuyên giáo",
                    "Các ban Đảng, Văn phòng",
                    "Quý I/2023",
                ],
                [2, "Rà soát quy chế", "Ban Tổ chức", None, dt.date(2023, 6, 30)],
                [3, "Báo cáo sơ kết", None, None, dt.datetime(2023, 12, 15, 0, 0)],
                ["II. NHIỆM VỤ CỤ THỂ"],
                ["1", "Ban Dân vận"],
                [
                    "-",
                    "Nắm tình hình dư luận",
                    None,
                    "Ban Tuyên giáo\nVăn phòng",
                    "6 tháng đầu năm 2023",
                ],
                ["Cộng: 4 nhiệm vụ"],
                [None, None, None, None, "TM. BAN THƯỜNG VỤ"],
                [None, None, None, None, "PHÓ BÍ THƯ"],
            ]
        },
        merges={
            "Phụ lục": [
                "A4:F4",
                "A5:F5",
                "A6:F6",
                "A7:A8",
                "B7:B8",
                "C7:D7",
                "E7:E8",
                "F7:F8",
                "A10:F10",
                "C12:C13",
                "A14:F14",
            ]
        },
    )
    plan = extract(path)
    doc = plan.document
    assert doc.title == "DANH MỤC NHIỆM VỤ THỰC HIỆN KẾT LUẬN SỐ 21-KL/TW"
    assert (doc.number, doc.date) == ("127-KH/ĐUK", dt.date(2023, 2, 2))
    assert doc.issuer == "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
    got = [(t.section, t.number, t.lead, t.coordinators) for t in plan.tasks]
    assert got == [
        ("I", "1", "Ban Tuyên giáo", ["Các ban Đảng", "Văn phòng"]),
        ("I", "2", "Ban Tổ chức", []),
        ("I", "3", "Ban Tổ chức", []),  # the lead cell is merged over rows 12-13
        ("II.1", "-", "Ban Dân vận", ["Ban Tuyên giáo", "Văn phòng"]),
    ]
    assert plan.tasks[2].deadline.due == dt.date(2023, 12, 15)
    assert plan.tasks[3].deadline.kind == DeadlineKind.HALF_YEAR


def test_the_committed_xls_and_ods_files_read_like_the_xlsx():
    xls = extract(DATA / "plan.xls")
    ods = extract(DATA / "plan.ods")
    assert [t.to_json() for t in xls.tasks] == [t.to_json() for t in ods.tasks]
    assert xls.document.to_json() == ods.document.to_json()
    assert [(t.section, t.number, t.lead) for t in xls.tasks] == [
        ("I", "1", "Ban Tuyên giáo"),
        ("I", "2", "Ban Tổ chức"),
        ("II.1", "1.1", "Ban Kiểm tra"),
        ("II.1", "1.2", "Ban Kiểm tra"),
        ("II", "2", "Văn phòng Đảng ủy"),
        ("II", "3", "Văn phòng Đảng ủy"),
    ]
    assert xls.document.number == "127-KH/ĐUK"


def test_several_sheets_best_is_chosen_and_others_are_offered(tmp_path):
    path = build(
        tmp_path / "nhieu.xlsx",
        {
            "Hướng dẫn": [["Điền danh sách nhiệm vụ vào sheet bên cạnh."]],
            "Ban TG": [HEADER, [1, "Việc A", "Ban Tuyên giáo", None, dt.date(2023, 3, 1)]],
            "Ban TC": [
                [None],
                ["TT", "Tên nhiệm vụ", "Đơn vị thực hiện", "Tiến độ"],
                [1, "Việc B", "Ban Tổ chức", dt.date(2023, 4, 1)],
                [2, "Việc C", "Ban Tổ chức", dt.date(2023, 5, 1)],
            ],
            "Trống": [],
            "Tổng hợp": [["Đơn vị", "Số nhiệm vụ"], ["Ban TG", 1]],
        },
    )
    plan = extract(path)
    assert plan.sheet == "Ban TC" and [t.text for t in plan.tasks] == ["Việc B", "Việc C"]
    assert any("Ban TG" in w for w in plan.warnings)
    assert [t.text for t in extract(path, sheet="ban tg").tasks] == ["Việc A"]
    infos = list_task_sheets(path)
    assert [(i.name, i.header_row, i.task_rows) for i in infos] == [
        ("Ban TG", 1, 1),
        ("Ban TC", 2, 2),
    ]
    assert infos[1].columns["lead"] == "Đơn vị thực hiện"


def test_unknown_sheet_lists_the_sheets(tmp_path):
    path = build(tmp_path / "a.xlsx", {"KH": [HEADER, [1, "Việc", "VP", None, None]]})
    with pytest.raises(FileImportError, match="«KH»"):
        extract(path, sheet="Không có")


def test_hidden_sheet_is_not_chosen_when_a_visible_one_has_tasks(tmp_path):
    path = tmp_path / "h.xlsx"
    build(
        path,
        {
            "Cũ": [HEADER] + [[i, f"Việc cũ {i}", "VP", None, None] for i in range(5)],
            "Mới": [HEADER, [1, "Việc mới", "VP", None, None]],
        },
    )
    wb = openpyxl.load_workbook(path)
    wb["Cũ"].sheet_state = "hidden"
    wb.save(path)
    assert extract(path).sheet == "Mới"


def test_header_row_option(tmp_path):
    path = build(
        tmp_path / "hr.xlsx",
        {
            "S": [
                ["Nội dung", "Chủ trì"],
                ["Ví dụ", "Văn phòng"],
                ["TT", "Công việc", "Đơn vị chủ trì", "Thời hạn"],
                [1, "Việc thật", "Ban Tổ chức", dt.date(2023, 3, 1)],
            ]
        },
    )
    plan = extract(path, header_row=3)
    assert [t.text for t in plan.tasks] == ["Việc thật"]
    with pytest.raises(FileImportError, match="Ví dụ|tiêu đề"):
        extract(path, header_row=2)


def test_messy_real_world_sheet(tmp_path):
    """Blank spacer columns, hidden column, numbers and dates as text, footnotes, totals."""
    path = build(
        tmp_path / "messy.xlsx",
        {
            "DS": [
                [
                    None,
                    "TT",
                    None,
                    "Nội dung (cũ)",
                    "Nội dung",
                    "Chủ trì",
                    None,
                    "Thời gian",
                    "Kết quả",
                ],
                [None, "1", None, "xxx", "Việc A", "Văn phòng", None, "15/3/2023", "Báo cáo"],
                [None, "2", None, "yyy", "Việc B", "Văn phòng", None, "2026-03-01 00:00:00", None],
                [None, "3", None, None, "Việc C", "Văn phòng", None, "2023", None],
                [None, None, None, None, "(*) Ghi chú: nhiệm vụ trọng tâm", None, None, None, None],
                [None, "Tổng số", None, None, "3 nhiệm vụ", None, None, None, None],
            ]
        },
        hidden={"DS": ["D"]},
    )
    plan = extract(path)
    assert [t.text for t in plan.tasks] == ["Việc A", "Việc B", "Việc C"]
    assert [t.deadline.due for t in plan.tasks] == [
        dt.date(2023, 3, 15),
        dt.date(2026, 3, 1),
        dt.date(2023, 12, 31),
    ]
    assert plan.tasks[0].product == "Báo cáo"


def test_status_columns_set_completion(tmp_path):
    path = build(
        tmp_path / "st.xlsx",
        {
            "S": [
                HEADER + ["Tình hình thực hiện"],
                [1, "A", "VP", None, dt.date(2023, 3, 1), "Đã hoàn thành ngày 20/02/2023"],
                [2, "B", "VP", None, dt.date(2023, 3, 1), "Đang thực hiện"],
                [3, "C", "VP", None, dt.date(2023, 3, 1), "x"],
            ]
        },
    )
    plan = extract(path)
    assert [t.completed_on for t in plan.tasks] == [dt.date(2023, 2, 20), None, dt.date(2023, 3, 1)]
    assert plan.tasks[1].progress == "Đang thực hiện"


def test_legacy_font_workbook(tmp_path):
    path = build(
        tmp_path / "tcvn3.xlsx",
        {
            "S": [
                ["KÕ HO¹CH"],
                ["STT", "Néi dung", "§¬n vÞ chñ tr×", "Thêi gian"],
                [1, "Tæ chøc héi nghÞ qu¸n triÖt", "Ban Tuyªn gi¸o", "Quý II/2023"],
                [2, "Toå chöùc hoäi nghò", "Ban Toå chöùc", dt.date(2023, 5, 1)],
            ]
        },
    )
    plan = extract(path)
    assert any("TCVN3/VNI" in w for w in plan.warnings)
    assert plan.document.title == "KẾ HOẠCH"
    assert [(t.text, t.lead) for t in plan.tasks] == [
        ("Tổ chức hội nghị quán triệt", "Ban Tuyên giáo"),
        ("Tổ chức hội nghị", "Ban Tổ chức"),
    ]


def test_all_bad_rows_are_reported_at_once(tmp_path):
    path = build(
        tmp_path / "bad.xlsx",
        {
            "KH": [
                HEADER,
                [1, "A", "VP", None, "31/02/2023"],
                [2, "B", "VP", None, dt.date(2023, 3, 1)],
                [3, None, "VP", None, dt.date(2023, 3, 1)],
                [4, "D", "VP", None, "30/13/2023"],
            ]
        },
    )
    with pytest.raises(ImportValidationError) as info:
        extract(path)
    err = info.value
    assert [(p.sheet, p.row) for p in err.problems] == [("KH", 2), ("KH", 4), ("KH", 5)]
    text = str(err)
    assert "bad.xlsx" in text and "31/02/2023" in text and "dòng 4" in text


def test_progress_is_reported_and_cancel_stops(tmp_path):
    rows = [HEADER] + [[i, f"Việc {i}", "VP", None, None] for i in range(1, 1200)]
    path = build(tmp_path / "big.xlsx", {"S": rows})
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    ExcelImporter().extract(path, ExtractOptions(), progress)
    assert seen[-1] == (1200, 1200) and len(seen) >= 3

    with pytest.raises(ImportCancelled):
        ExcelImporter().extract(path, ExtractOptions(), lambda done, total: done < 600)


def test_extraction_is_stable(tmp_path):
    path = build(tmp_path / "s.xlsx", {"S": [HEADER, [1, "A", "VP", None, "Quý I/2023"]]})
    assert extract(path).to_json() == extract(path).to_json()


def test_identify():
    imp = ExcelImporter()
    assert imp.identify(DATA / "plan.xls") and imp.identify(DATA / "plan.ods")
    assert imp.identify(Path("x.CSV")) and imp.identify(Path("x.xlsm"))
    assert not imp.identify(Path("x.docx")) and not imp.identify(Path("x.pdf"))


def test_state_agency_appendix(tmp_path):
    """A UBND appendix: motto block, "Số: 45/KH-UBND", numbered column row, nested groups."""
    rows = [
        ["ỦY BAN NHÂN DÂN", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["TỈNH NINH THUẬN", None, None, "Độc lập - Tự do - Hạnh phúc"],
        ["Số: 45/KH-UBND", None, None, "Ninh Thuận, ngày 15 tháng 3 năm 2023"],
        [],
        ["PHỤ LỤC I"],
        ["DANH MỤC NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN NGHỊ QUYẾT SỐ 01/NQ-CP NĂM 2023"],
        ["(Kèm theo Kế hoạch số 45/KH-UBND ngày 15/3/2023 của UBND tỉnh)"],
        [],
        [
            "TT",
            "Nhiệm vụ, giải pháp",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
        ],
        [1, 2, 3, 4, 5],
        ["I", "NHIỆM VỤ CHUNG"],
        [
            1,
            "Quán triệt Nghị quyết",
            "Sở Nội vụ",
            "Các sở, ban, ngành; UBND các huyện",
            "Quý I/2023",
        ],
        ["II", "NHIỆM VỤ CỤ THỂ"],
        [1, "Lĩnh vực kinh tế"],
        ["1.1", "Giải ngân vốn đầu tư công", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Hằng tháng"],
        [2, "Lĩnh vực văn hóa - xã hội"],
        ["a)", "Giáo dục và đào tạo"],
        ["-", "Chuẩn bị kỳ thi", "Sở Giáo dục và Đào tạo", "Công an tỉnh", "Tháng 6/2023"],
        [3, "Cải cách hành chính", "Sở Nội vụ", None, "Trước 31/12/2023"],
        [],
        [None, None, None, None, "KT. CHỦ TỊCH"],
    ]
    path = build(tmp_path / "ubnd.xlsx", {"PL I": rows}, merges={"PL I": ["A5:E5", "A6:E6"]})
    plan = extract(path)
    doc = plan.document
    assert doc.issuer == "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN"
    assert (doc.number, doc.date) == ("45/KH-UBND", dt.date(2023, 3, 15))
    assert [(t.section, t.number, t.lead) for t in plan.tasks] == [
        ("I", "1", "Sở Nội vụ"),
        ("II.1", "1.1", "Sở Kế hoạch và Đầu tư"),
        ("II.2.a", "-", "Sở Giáo dục và Đào tạo"),
        ("II", "3", "Sở Nội vụ"),
    ]
    assert plan.tasks[0].coordinators == ["Các sở, ban, ngành", "UBND các huyện"]
    assert plan.tasks[1].deadline.kind == DeadlineKind.RECURRING


def test_work_programme_with_month_headings_and_distribution_list(tmp_path):
    rows = [
        ["ĐẢNG BỘ TỈNH BÌNH THUẬN", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        ["HUYỆN ỦY HÀM THUẬN BẮC", None, None, None, "Hàm Thuận Bắc, ngày 05 tháng 01 năm 2024"],
        ["*"],
        ["CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024"],
        ["của Ban Thường vụ Huyện ủy"],
        [],
        ["TT", "Nội dung công việc", "Cơ quan chủ trì tham mưu", "Cơ quan phối hợp", "Thời gian",
         "Lãnh đạo chỉ đạo"],
        ["THÁNG 01"],
        [1, "Hội nghị Ban Chấp hành", "Văn phòng Huyện ủy", "Các ban xây dựng Đảng", "15/01/2024",
         "Đ/c Bí thư"],
        ["THÁNG 02"],
        [2, "Sơ kết công tác tháng", "Văn phòng Huyện ủy", None, "28/02/2024"],
        [],
        ["Nơi nhận:", None, None, None, "T/M BAN THƯỜNG VỤ"],
        ["- Tỉnh ủy,", None, None, None, "BÍ THƯ"],
    ]  # fmt: skip
    path = build(tmp_path / "ct.xlsx", {"CT": rows}, merges={"CT": ["A8:F8", "A10:F10"]})
    plan = extract(path)
    assert plan.document.title == "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024 của Ban Thường vụ Huyện ủy"
    assert plan.document.issuer == "HUYỆN ỦY HÀM THUẬN BẮC"
    assert [(t.section, t.lead, t.following) for t in plan.tasks] == [
        ("THÁNG 01", "Văn phòng Huyện ủy", ["Đ/c Bí thư"]),
        ("THÁNG 02", "Văn phòng Huyện ủy", []),
    ]


def test_sheet_preview_for_the_wizard(tmp_path):
    from app.importers.tables.importer import sheet_preview

    path = build(
        tmp_path / "pv.xlsx",
        {
            "Ghi chú": [["Xem sheet KH"]],
            "KH": [["KẾ HOẠCH"], HEADER, [1, "Việc", "VP", None, dt.date(2023, 3, 1)]],
        },
    )
    pv = sheet_preview(path)
    assert (pv.name, pv.header_row, pv.sheets) == ("KH", 2, ["Ghi chú", "KH"])
    assert pv.rows[2][:3] == ["1", "Việc", "VP"] and pv.rows[2][4] == "01/03/2023"
    other = sheet_preview(path, "Ghi chú")
    assert other.header_row is None and other.rows == [["Xem sheet KH"]]

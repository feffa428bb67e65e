"""Office workbooks in layouts seen in real Vietnamese offices, built on the fly.

Each builder writes one file into a directory and returns its path; the expectations a
clerk would have live in tests/test_import_excel_qa2.py.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.styles import Border, Side

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _sheet(ws, rows, merges=(), hidden=(), widths=None):
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    for col in hidden:
        ws.column_dimensions[col].hidden = True
    for col, w in (widths or {}).items():
        ws.column_dimensions[col].width = w
    return ws


def _empty_formatted_rows(ws, first: int, last: int, ncols: int) -> None:
    """Bordered, empty cells down to `last`: what a template copied to row 5000 leaves."""
    for r in range(first, last + 1):
        for c in range(1, ncols + 1):
            ws.cell(r, c).border = BOX


# --------------------------------------------------------------------------- 1


def appendix_after_instructions(d: Path) -> Path:
    """Sheet 1 explains how to fill the form; sheet 2 "Phụ lục" has the table at row 8."""
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "Hướng dẫn"
    _sheet(
        guide,
        [
            ["HƯỚNG DẪN ĐIỀN BIỂU MẪU"],
            ["1. Cột «Nội dung nhiệm vụ» ghi ngắn gọn nhiệm vụ được giao."],
            ["2. Cột «Cơ quan chủ trì» ghi một đơn vị; cột «Phối hợp» ghi các đơn vị còn lại."],
            ["3. Cột «Thời gian hoàn thành» ghi ngày cụ thể hoặc quý, tháng."],
            ["Nội dung", "Cách ghi"],
            ["Chủ trì", "Tên đầy đủ của cơ quan"],
        ],
    )
    ws = wb.create_sheet("Phụ lục")
    title = (
        "DANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH LẦN THỨ XV, "
        "NHIỆM KỲ 2020 - 2025 TRONG NĂM 2024"
    )
    _sheet(
        ws,
        [
            ["TỈNH ỦY QUẢNG NAM", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
            ["*", None, None, None, None],
            [],
            ["PHỤ LỤC"],
            [title],
            ["(Kèm theo Kế hoạch số 15-KH/TU ngày 20/3/2024 của Ban Thường vụ Tỉnh ủy)"],
            [],
            ["STT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", None, "Thời gian hoàn thành"],
            [None, None, "Chủ trì", "Phối hợp", None],
            ["(1)", "(2)", "(3)", "(4)", "(5)"],
            ["I", "NHIỆM VỤ CHUNG"],
            [
                1,
                "Xây dựng kế hoạch tuyên truyền",
                "Ban Tuyên giáo Tỉnh ủy",
                "Sở Thông tin và Truyền thông",
                "Quý II/2024",
            ],
            [
                2,
                "Tổng kết công tác năm 2024",
                "Văn phòng Tỉnh ủy",
                "Các ban Đảng Tỉnh ủy",
                "Tháng 12/2024",
            ],
            ["II", "NHIỆM VỤ CỤ THỂ"],
            [1, "Rà soát quy hoạch cán bộ", "Ban Tổ chức Tỉnh ủy", None, dt.date(2024, 9, 30)],
        ],
        merges=[
            "A4:E4",
            "A5:E5",
            "A6:E6",
            "A8:A9",
            "B8:B9",
            "C8:D8",
            "E8:E9",
            "B11:E11",
            "B14:E14",
        ],
    )
    path = d / "phu-luc-15-KH-TU.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 2


def odd_columns(d: Path) -> Path:
    """Extra columns (Căn cứ, Lãnh đạo phụ trách, Mức độ ưu tiên) in an unusual order."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh mục"
    _sheet(
        ws,
        [
            ["ỦY BAN NHÂN DÂN", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["TỈNH BÌNH ĐỊNH", None, None, "Độc lập - Tự do - Hạnh phúc"],
            [None, None, None, "Bình Định, ngày 05 tháng 01 năm 2024"],
            ["DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2024"],
            [],
            [
                "TT",
                "Căn cứ",
                "Tên nhiệm vụ",
                "Mức độ ưu tiên",
                "Thời hạn",
                "Đơn vị chủ trì",
                "Lãnh đạo phụ trách",
                "Đơn vị phối hợp",
                "Sản phẩm",
                "Ghi chú",
            ],
            [
                1,
                "Nghị quyết 01/NQ-CP",
                "Xây dựng Đề án phát triển kinh tế số",
                "Cao",
                "Quý II/2024",
                "Sở Thông tin và Truyền thông",
                "Phó Chủ tịch UBND tỉnh Nguyễn Văn A",
                "Sở Kế hoạch và Đầu tư",
                "Quyết định của UBND tỉnh",
                None,
            ],
            [
                2,
                "Kết luận 14-KL/TW",
                "Ban hành quy chế khuyến khích cán bộ năng động, sáng tạo",
                "Trung bình",
                dt.date(2024, 6, 30),
                "Sở Nội vụ",
                "Chủ tịch UBND tỉnh",
                None,
                "Quy chế",
                "Trình HĐND",
            ],
            [
                3,
                None,
                "Kiểm tra công tác cải cách hành chính",
                "Thấp",
                "Thường xuyên",
                "Sở Nội vụ",
                None,
                "Văn phòng UBND tỉnh",
                "Báo cáo",
                None,
            ],
        ],
        merges=["A4:J4"],
    )
    path = d / "danh-muc-uu-tien.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 3


def hidden_and_numbered(d: Path) -> Path:
    """A hidden column with last year's leads, STT like "1.1", "a", "-", and units that
    the merged group row names when the lead cells are empty."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KH 2024"
    _sheet(
        ws,
        [
            ["KẾ HOẠCH CÔNG TÁC NĂM 2024"],
            [
                "STT",
                "Nội dung công việc",
                "Chủ trì (năm 2023)",
                "Đơn vị chủ trì",
                "Phối hợp",
                "Tiến độ",
            ],
            ["A", "CÔNG TÁC XÂY DỰNG ĐẢNG"],
            ["1", "Ban Tổ chức Huyện ủy"],
            [
                "1.1",
                "Rà soát, bổ sung quy hoạch cấp ủy",
                "Văn phòng cũ",
                None,
                "Ủy ban Kiểm tra Huyện ủy",
                "Quý I/2024",
            ],
            ["1.2", "Đánh giá, xếp loại cán bộ", "Văn phòng cũ", None, None, "Tháng 12/2024"],
            ["a", "Hướng dẫn đánh giá cấp xã", None, None, None, "Tháng 11/2024"],
            ["-", "Tổng hợp kết quả đánh giá", None, None, None, "Tháng 12/2024"],
            ["2", "Ban Tuyên giáo Huyện ủy"],
            [
                "2.1",
                "Tổ chức học tập nghị quyết",
                None,
                None,
                "Trung tâm Chính trị huyện",
                "Quý I/2024",
            ],
            ["2.2", "Kỷ niệm ngày thành lập Đảng", None, "Văn phòng Huyện ủy", None, "03/02/2024"],
            ["B", "CÔNG TÁC CHÍNH QUYỀN"],
            [
                "1",
                "Xây dựng nông thôn mới nâng cao",
                None,
                "Phòng Nông nghiệp và PTNT",
                "Các xã, thị trấn",
                "Năm 2024",
            ],
        ],
        merges=["A1:F1", "B3:F3", "B4:F4", "B9:F9", "B12:F12"],
        hidden=["C"],
    )
    path = d / "ke-hoach-an-cot.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 4


def one_unit_column(d: Path) -> Path:
    """One column "Cơ quan, đơn vị thực hiện" with roles written inside the cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    _sheet(
        ws,
        [
            ["UBND TỈNH HÀ TĨNH"],
            ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024"],
            ["(Ban hành kèm theo Quyết định số 120/QĐ-UBND ngày 15/01/2024 của UBND tỉnh)"],
            ["STT", "Nội dung", "Cơ quan, đơn vị thực hiện", "Thời gian", "Kết quả"],
            [
                1,
                "Rà soát tổ chức bộ máy các cơ quan chuyên môn",
                "Sở Nội vụ (chủ trì); Sở Tài chính, Sở Kế hoạch và Đầu tư (phối hợp)",
                "Quý III/2024",
                "Báo cáo",
            ],
            [
                2,
                "Công bố thủ tục hành chính mới",
                "Chủ trì: Văn phòng UBND tỉnh\nPhối hợp: các sở, ban, ngành",
                "Thường xuyên",
                None,
            ],
            [3, "Đo lường sự hài lòng của người dân", "Sở Nội vụ", "Tháng 10/2024", None],
            [
                4,
                "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
                "Sở Thông tin và Truyền thông, UBND các huyện, thị xã, thành phố",
                "Năm 2024",
                None,
            ],
            [
                5,
                "Sắp xếp đơn vị sự nghiệp công lập",
                "Chủ trì: Sở Nội vụ; phối hợp: Các sở: Tài chính, Văn hóa, Thể thao và Du lịch",
                "Quý IV/2024",
                None,
            ],
        ],
        merges=["A1:E1", "A2:E2", "A3:E3"],
    )
    path = d / "cchc-2024.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 5


def mixed_deadlines(d: Path) -> Path:
    """Deadlines as real dates, date-formatted text, numbers shown as dates, quarters,
    "Thường xuyên"; a task text typed with Alt+Enter; a status column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Theo dõi"
    _sheet(
        ws,
        [
            ["BẢNG THEO DÕI NHIỆM VỤ UBND TỈNH GIAO NĂM 2024"],
            [
                "STT",
                "Nội dung nhiệm vụ",
                "Đơn vị chủ trì",
                "Thời hạn",
                "Tình hình thực hiện",
                "Ghi chú",
            ],
            [
                1,
                "Báo cáo tình hình kinh tế - xã hội 6 tháng",
                "Sở Kế hoạch và Đầu tư",
                dt.datetime(2024, 6, 20),
                "Đã hoàn thành",
                None,
            ],
            [
                2,
                "Tham mưu tổ chức Hội nghị xúc tiến đầu tư",
                "Sở Kế hoạch và Đầu tư",
                "15/08/2024",
                "Đang thực hiện",
                None,
            ],
            [3, "Rà soát các dự án chậm tiến độ", "Sở Tài chính", 45565, "Hoàn thành", None],
            [4, "Tổng kết năm 2024", "Văn phòng UBND tỉnh", "Quý IV/2024", None, None],
            [
                5,
                "Theo dõi, đôn đốc giải ngân vốn đầu tư công",
                "Sở Tài chính",
                "Thường xuyên",
                "x",
                None,
            ],
            [
                6,
                "Xây dựng kế hoạch phòng, chống thiên tai:\n- Rà soát phương án\n- Tổ chức diễn tập",
                "Sở Nông nghiệp và PTNT",
                "Tháng 9/2024",
                "Chưa thực hiện",
                "Alt+Enter",
            ],
            [7, "Tổng hợp số liệu báo cáo", "Cục Thống kê", "30/9/2024 ", None, None],
            # Typed "10/2024" and "Nov-24": Excel keeps the 1st of the month and shows
            # only month and year.
            [
                8,
                "Hội nghị đối thoại doanh nghiệp",
                "Sở Công Thương",
                dt.date(2024, 10, 1),
                None,
                None,
            ],
            [9, "Kiểm tra thị trường cuối năm", "Sở Công Thương", dt.date(2024, 11, 1), None, None],
        ],
        merges=["A1:F1"],
    )
    ws["D5"].number_format = "dd/mm/yyyy"  # 45565 shown as 30/09/2024
    ws["D3"].number_format = "dd/mm/yyyy"
    ws["D10"].number_format = "mm/yyyy"
    ws["D11"].number_format = "mmm-yy"
    path = d / "theo-doi-2024.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 6


def footer_and_signature(d: Path) -> Path:
    """A total row, a signature block and bordered empty rows down to row 5000."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    rows = [
        ["SỞ TƯ PHÁP"],
        ["TỔNG HỢP NHIỆM VỤ ĐƯỢC GIAO NĂM 2024"],
        ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian hoàn thành", "Trạng thái"],
    ]
    for i in range(1, 26):
        rows.append(
            [
                i,
                f"Thẩm định dự thảo văn bản quy phạm pháp luật đợt {i}",
                "Phòng Xây dựng và Kiểm tra văn bản",
                "Văn phòng Sở" if i % 2 else None,
                dt.date(2024, 1 + (i % 12), 15),
                "Hoàn thành" if i <= 5 else None,
            ]
        )
    rows += [
        ["Tổng cộng: 25 nhiệm vụ"],
        [],
        [None, "NGƯỜI LẬP BIỂU", None, None, "CHÁNH VĂN PHÒNG"],
        [],
        [],
        [None, "Nguyễn Thị B", None, None, "Trần Văn C"],
    ]
    _sheet(ws, rows, merges=["A1:C1", "A2:F2", "A29:F29"])
    _empty_formatted_rows(ws, len(rows) + 1, 5000, 6)
    path = d / "tong-hop-5000.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 7


def merged_groups_and_leads(d: Path) -> Path:
    """Group rows merged across all columns, a group row with only STT, and a lead cell
    merged down over three tasks."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phân công"
    _sheet(
        ws,
        [
            ["BẢNG PHÂN CÔNG NHIỆM VỤ THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024"],
            ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian", "Ghi chú"],
            ["I. NHIỆM VỤ CHUNG"],
            [1, "Quán triệt chương trình công tác", "Văn phòng", None, "Tháng 1/2024", None],
            [2, "Sơ kết 6 tháng", "Văn phòng", "Các phòng", "Tháng 7/2024", None],
            ["II. NHIỆM VỤ CỦA CÁC PHÒNG"],
            ["1. Phòng Tổ chức cán bộ"],
            ["-", "Tuyển dụng công chức", None, "Văn phòng", "Quý II/2024", None],
            ["-", "Đào tạo, bồi dưỡng", None, None, "Quý III/2024", None],
            ["2. Phòng Kế hoạch - Tài chính"],
            [
                "-",
                "Lập dự toán ngân sách",
                "Phòng Kế hoạch - Tài chính",
                None,
                "Tháng 7/2024",
                None,
            ],
            ["-", "Quyết toán ngân sách năm 2023", None, None, "Quý II/2024", None],
            ["-", "Công khai ngân sách", None, None, "Quý I/2024", None],
            ["III"],
            [1, "Kiểm tra nội bộ", "Thanh tra", None, "Quý IV/2024", None],
        ],
        merges=["A1:F1", "A3:F3", "A6:F6", "A7:F7", "A10:F10", "C11:C13", "B14:F14"],
    )
    path = d / "phan-cong.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 8


def xlsm_with_two_tables(d: Path) -> Path:
    """An .xlsm where the task sheet is second and a summary table sits on the first."""
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Thống kê"
    _sheet(
        summary,
        [
            ["THỐNG KÊ"],
            ["Đơn vị", "Số nhiệm vụ", "Đã hoàn thành", "Tỷ lệ (%)"],
            ["Sở Y tế", 3, 1, 33],
        ],
    )
    ws = wb.create_sheet("Nhiệm vụ")
    _sheet(
        ws,
        [
            ["CHƯƠNG TRÌNH HÀNH ĐỘNG NĂM 2024"],
            ["STT", "Công việc", "Đơn vị thực hiện", "Thời gian thực hiện", "Kết quả"],
            [1, "Kiểm tra an toàn thực phẩm", "Sở Y tế", "Quý I/2024", None],
            [2, "Tiêm chủng mở rộng", "Sở Y tế", "Tháng 3/2024", None],
            [3, "Phòng, chống dịch sốt xuất huyết", "Sở Y tế", "Thường xuyên", None],
        ],
    )
    path = d / "chuong-trinh.xlsm"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 9


def cp1258(text: str) -> bytes:
    """Windows-1258 writes most tones as combining marks after the (shaped) vowel."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            shape = [m for m in marks if m not in "\u0300\u0301\u0303\u0309\u0323"]
            tone = [m for m in marks if m not in shape]
            out += unicodedata.normalize("NFC", base + "".join(shape)).encode("cp1258")
            out += "".join(tone).encode("cp1258")
    return bytes(out)


def csv_windows_1258(d: Path) -> Path:
    """Excel's "CSV (Comma delimited)" on Vietnamese Windows: cp1258, ';' if the region
    uses ',' for decimals, title rows and a group row kept as text."""
    lines = [
        "KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM 2024;;;;",
        "(Kèm theo Kế hoạch số 25/KH-UBND ngày 10/01/2024);;;;",
        ";;;;",
        "TT;Nội dung;Đơn vị chủ trì;Phối hợp;Thời gian",
        "I;CÔNG TÁC CHUNG;;;",
        "1;Triển khai kế hoạch năm;Văn phòng HĐND và UBND;;Tháng 01/2024",
        '2;"Kiểm tra, đôn đốc";Phòng Nội vụ;"Phòng Tài chính - Kế hoạch, Phòng Tư pháp";Quý II/2024',
        "II;Phòng Văn hóa và Thông tin;;;",
        "1;Tổ chức lễ hội truyền thống;;;15/02/2024",
        "Tổng cộng: 3 nhiệm vụ;;;;",
    ]
    path = d / "ke-hoach-ansi.csv"
    path.write_bytes(cp1258("\r\n".join(lines) + "\r\n"))
    return path


# --------------------------------------------------------------------------- 10


def _ods_cell(value: object, span: int = 1, rows: int = 1, shown: str | None = None) -> str:
    attrs = ""
    if span > 1:
        attrs += f' table:number-columns-spanned="{span}"'
    if rows > 1:
        attrs += f' table:number-rows-spanned="{rows}"'
    if value is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, dt.date):
        iso = value.isoformat()
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{iso}"{attrs}>'
            f"<text:p>{shown or f'{value:%d/%m/%Y}'}</text:p></table:table-cell>"
        )
    if isinstance(value, int):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}"{attrs}>'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    paras = "".join(f"<text:p>{escape(p)}</text:p>" for p in str(value).split("\n"))
    return f'<table:table-cell office:value-type="string"{attrs}>{paras}</table:table-cell>'


def ods_from_libreoffice(d: Path) -> Path:
    """An .ods as LibreOffice saves it: a two-row header with a merged "Cơ quan thực
    hiện", a merged group row and a lead merged down over two rows."""
    width = 5
    covered = "<table:covered-table-cell/>"

    def row(*cells: str) -> str:
        return "<table:table-row>" + "".join(cells) + "</table:table-row>"

    body = [
        row(_ods_cell("KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2024", span=width), covered * (width - 1)),
        row(_ods_cell("Số: 88/KH-UBND"), *[_ods_cell(None)] * (width - 1)),
        row(
            _ods_cell("STT", rows=2),
            _ods_cell("Nhiệm vụ", rows=2),
            _ods_cell("Cơ quan thực hiện", span=2),
            covered,
            _ods_cell("Thời hạn", rows=2),
        ),
        row(covered, covered, _ods_cell("Chủ trì"), _ods_cell("Phối hợp"), covered),
        row(_ods_cell("1. Hạ tầng số", span=width), covered * (width - 1)),
        row(
            _ods_cell(1),
            _ods_cell("Nâng cấp mạng truyền số liệu chuyên dùng"),
            _ods_cell("Sở Thông tin và Truyền thông", rows=2),
            _ods_cell("Viễn thông tỉnh"),
            _ods_cell(dt.date(2024, 6, 30)),
        ),
        row(
            _ods_cell(2),
            _ods_cell("Triển khai nền tảng tích hợp dữ liệu"),
            covered,
            _ods_cell(None),
            _ods_cell("Quý IV/2024"),
        ),
        row(_ods_cell("2. Chính quyền số", span=width), covered * (width - 1)),
        row(
            _ods_cell(1),
            _ods_cell("Số hóa hồ sơ một cửa"),
            _ods_cell("Văn phòng UBND tỉnh"),
            _ods_cell("Các sở, ban, ngành\nUBND các huyện"),
            _ods_cell("Thường xuyên"),
        ),
        row(
            _ods_cell(2),
            _ods_cell("Cấp chữ ký số cho cán bộ"),
            _ods_cell("Sở Thông tin và Truyền thông"),
            _ods_cell(None),
            # Typed "10/2024": LibreOffice keeps 01/10/2024 and shows "10/2024".
            _ods_cell(dt.date(2024, 10, 1), shown="10/2024"),
        ),
    ]
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>"
        '<table:table table:name="Kế hoạch">'
        f'<table:table-column table:number-columns-repeated="{width}"/>'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    path = d / "chuyen-doi-so.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


# --------------------------------------------------------------------------- 11


def report_with_done_ticks(d: Path) -> Path:
    """A quarterly report: header on row 6 under a wrapped title, a "Hoàn thành" tick
    column, "Ngày hoàn thành", and notes under the table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Quý II"
    _sheet(
        ws,
        [
            ["BAN CHỈ ĐẠO 35 TỈNH ỦY", None, None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
            ["Số 07-BC/BCĐ", None, None, None, None, "Lào Cai, ngày 28 tháng 6 năm 2024"],
            [],
            ["BÁO CÁO\nkết quả thực hiện nhiệm vụ quý II năm 2024"],
            [],
            [
                "Số TT",
                "Nội dung",
                "Đơn vị thực hiện",
                "Hạn hoàn thành",
                "Hoàn thành",
                "Ngày hoàn thành",
                "Ghi chú",
            ],
            [
                1,
                "Đấu tranh phản bác quan điểm sai trái",
                "Ban Tuyên giáo Tỉnh ủy",
                "Thường xuyên",
                None,
                None,
                None,
            ],
            [
                2,
                "Tập huấn cộng tác viên dư luận xã hội",
                "Ban Tuyên giáo Tỉnh ủy",
                dt.date(2024, 5, 15),
                "x",
                dt.date(2024, 5, 10),
                None,
            ],
            [
                3,
                "Báo cáo sơ kết 6 tháng",
                "Văn phòng Tỉnh ủy",
                dt.date(2024, 6, 25),
                "x",
                None,
                "Đã gửi",
            ],
            [],
            ["Ghi chú: Cột «Hoàn thành» đánh dấu x nếu đã xong."],
            [None, None, None, None, None, "T/M BAN CHỈ ĐẠO"],
        ],
        merges=["A4:G4", "A11:G11"],
    )
    path = d / "bao-cao-quy-2.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 12


def signature_in_data_columns(d: Path) -> Path:
    """A unit's report: units listed "1. …", "2. …" in one cell, "100%" in the status
    column, a footnote, the place-and-date line and the signature block written in the
    table's own columns, then the signers' names."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    _sheet(
        ws,
        [
            ["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"],
            ["BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ THÁNG 6 NĂM 2024"],
            ["STT", "Nội dung", "Đơn vị thực hiện", "Thời gian", "Tỷ lệ hoàn thành (%)", "Ghi chú"],
            [
                1,
                "Tổ chức Liên hoan văn nghệ quần chúng",
                "1. Phòng Quản lý văn hóa\n2. Trung tâm Văn hóa tỉnh",
                "Tháng 5/2024",
                "100%",
                None,
            ],
            [
                2,
                "Kiểm tra hoạt động kinh doanh karaoke",
                "a) Thanh tra Sở; b) Phòng Quản lý văn hóa",
                "Quý III/2024",
                "50%",
                "(1)",
            ],
            [3, "Tập huấn nghiệp vụ thư viện", "Thư viện tỉnh", "15/07/2024", None, None],
            [None, "(1) Số liệu tính đến ngày 20/6/2024."],
            [],
            [None, None, None, "Quảng Ninh, ngày      tháng 6 năm 2024"],
            [None, "NGƯỜI TỔNG HỢP", None, "GIÁM ĐỐC"],
            [None, "(Ký, ghi rõ họ tên)", None, "(Ký tên, đóng dấu)"],
            [],
            [None, "Lê Thị D", None, "Phạm Văn E"],
        ],
        merges=["A1:C1", "A2:F2"],
    )
    path = d / "bao-cao-thang-6.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 13


def tick_columns_under_group(d: Path) -> Path:
    """A two-row header: "Thời gian" over "Bắt đầu | Kết thúc" and "Tình hình thực hiện"
    over three tick columns "Hoàn thành | Đang thực hiện | Chưa thực hiện"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tiến độ"
    _sheet(
        ws,
        [
            ["BẢNG TỔNG HỢP TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ NĂM 2024"],
            ["STT", "Nội dung", "Chủ trì", "Thời gian", None, "Tình hình thực hiện", None, None],
            [
                None,
                None,
                None,
                "Bắt đầu",
                "Kết thúc",
                "Hoàn thành",
                "Đang thực hiện",
                "Chưa thực hiện",
            ],
            [
                1,
                "Xây dựng kho dữ liệu dùng chung",
                "Sở Tài nguyên và Môi trường",
                dt.date(2024, 2, 1),
                dt.date(2024, 5, 31),
                "x",
                None,
                None,
            ],
            [
                2,
                "Cấp đổi giấy chứng nhận quyền sử dụng đất",
                "Văn phòng Đăng ký đất đai",
                dt.date(2024, 3, 1),
                dt.date(2024, 12, 31),
                None,
                "x",
                None,
            ],
            [
                3,
                "Lập bản đồ địa chính số",
                "Sở Tài nguyên và Môi trường",
                "Tháng 6/2024",
                "Tháng 11/2024",
                None,
                None,
                "x",
            ],
        ],
        merges=["A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:H2"],
    )
    path = d / "tien-do.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 14


def numbered_tasks_with_sub_items(d: Path) -> Path:
    """A numbered task names its lead once; its "-" and "a)" sub-items leave the lead
    cell empty (only some give their own)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ 2024"
    _sheet(
        ws,
        [
            ["KẾ HOẠCH PHÒNG, CHỐNG DỊCH BỆNH NĂM 2024"],
            ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
            [1, "Giám sát, phát hiện sớm dịch bệnh", "Sở Y tế", None, None],
            ["-", "Giám sát dịch sốt xuất huyết", None, "UBND các huyện", "Thường xuyên"],
            ["-", "Xét nghiệm ca bệnh nghi ngờ", "CDC tỉnh", None, "Thường xuyên"],
            [2, "Truyền thông phòng, chống dịch", "Sở Thông tin và Truyền thông", None, None],
            ["a)", "Đưa tin trên Báo, Đài tỉnh", None, "Báo tỉnh", "Quý II/2024"],
            ["b)", "Phát tờ rơi tại các xã", "UBND các huyện", None, "Quý III/2024"],
            [3, "Tổng kết công tác phòng, chống dịch", None, None, "Tháng 12/2024"],
        ],
        merges=["A1:E1"],
    )
    path = d / "phong-chong-dich.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 15


def unit_groups_repeated_in_lead_column(d: Path) -> Path:
    """Group rows per unit that write the unit again in the lead column; the tasks under
    them leave it empty."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phân công"
    _sheet(
        ws,
        [
            ["PHÂN CÔNG THỰC HIỆN KẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH"],
            ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"],
            ["I", "Sở Y tế", "Sở Y tế", None, None],
            [1, "Kiểm tra an toàn thực phẩm dịp Tết", None, "Công an tỉnh", "Tháng 01/2024"],
            [2, "Phòng, chống dịch bệnh mùa hè", None, None, "Quý II/2024"],
            ["II", "Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", None, None],
            [1, "Tổ chức kỳ thi tốt nghiệp THPT", None, "Công an tỉnh", "Tháng 6/2024"],
            ["III", "Lĩnh vực nội vụ", "Sở Nội vụ", None, None],
            [1, "Thi tuyển công chức", None, None, "Quý III/2024"],
        ],
        merges=["A1:E1"],
    )
    path = d / "phan-cong-theo-don-vi.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 16


def lead_sentences_as_groups(d: Path) -> Path:
    """Group rows merged across that say who leads in a sentence."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    _sheet(
        ws,
        [
            ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
            ["1", "Sở Y tế chủ trì, phối hợp với các đơn vị liên quan thực hiện:"],
            ["-", "Kiểm tra an toàn thực phẩm", None, None, "Quý I/2024"],
            ["2", "UBND các huyện chủ trì thực hiện:"],
            ["-", "Ra quân làm sạch môi trường", None, "Đoàn Thanh niên", "Tháng 3/2024"],
        ],
        merges=["B2:E2", "B4:E4"],
    )
    path = d / "giao-chu-tri.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 17


def month_tick_programme(d: Path) -> Path:
    """A yearly work programme dated in December for next year: "Thời gian thực hiện"
    merged over twelve month columns "T1 … T12" ticked with x."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CTCT 2025"
    months = [f"T{i}" for i in range(1, 13)]

    def ticks(*ms: int) -> list[object]:
        return ["x" if i in ms else None for i in range(1, 13)]

    _sheet(
        ws,
        [
            [
                "VĂN PHÒNG UBND TỈNH",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "Gia Lai, ngày 27 tháng 12 năm 2024",
            ],
            ["CHƯƠNG TRÌNH CÔNG TÁC NĂM 2025"],
            [
                "STT",
                "Nội dung công việc",
                "Chủ trì",
                "Thời gian thực hiện",
                *[None] * 11,
                "Ghi chú",
            ],
            [None, None, None, *months, None],
            [1, "Tổng kết công tác năm 2024", "Phòng Tổng hợp", *ticks(1), None],
            [2, "Sơ kết công tác 6 tháng", "Phòng Tổng hợp", *ticks(6), None],
            [
                3,
                "Kiểm tra công tác văn thư, lưu trữ",
                "Phòng Hành chính - Tổ chức",
                *ticks(9, 10, 11),
                None,
            ],
            [4, "Giao ban quý", "Lãnh đạo Văn phòng", *ticks(3, 6, 9, 12), None],
        ],
        merges=["A2:P2", "A3:A4", "B3:B4", "C3:C4", "D3:O3", "P3:P4"],
    )
    path = d / "ctct-2025.xlsx"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- 18


def result_column_with_status(d: Path) -> Path:
    """No status column: the "Kết quả" column says whether each task is done."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kết quả"
    _sheet(
        ws,
        [
            ["STT", "Nội dung", "Đơn vị chủ trì", "Thời hạn", "Kết quả"],
            [
                1,
                "Ban hành quy chế làm việc",
                "Văn phòng",
                "Quý I/2024",
                "Đã ban hành Quyết định số 12/QĐ-UBND ngày 05/3/2024",
            ],
            [2, "Xây dựng đề án vị trí việc làm", "Phòng Nội vụ", "Quý II/2024", "Đang thực hiện"],
            [3, "Báo cáo tổng kết", "Văn phòng", "Tháng 12/2024", "Báo cáo"],
        ],
    )
    path = d / "ket-qua.xlsx"
    wb.save(path)
    return path


ALL = [
    appendix_after_instructions,
    odd_columns,
    hidden_and_numbered,
    one_unit_column,
    mixed_deadlines,
    footer_and_signature,
    merged_groups_and_leads,
    xlsm_with_two_tables,
    csv_windows_1258,
    ods_from_libreoffice,
    report_with_done_ticks,
    signature_in_data_columns,
    tick_columns_under_group,
    numbered_tasks_with_sub_items,
    unit_groups_repeated_in_lead_column,
    lead_sentences_as_groups,
    month_tick_programme,
    result_column_with_status,
]

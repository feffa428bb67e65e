"""Rebuild the small committed fixtures of this folder (not run by the tests).

    uv run python tests/data/excel/make_fixtures.py

Needs LibreOffice (`soffice`, for the .xls and .ods copies) and, for the
password-protected file, `uv run --with msoffcrypto-tool`. The outputs are committed so
the test suite needs neither.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent


def plan_workbook(path: Path) -> None:
    """A typical "Phụ lục" task list: title block, two-row header, group rows, merges."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục 01"
    ws["A1"] = "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
    ws["E1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
    ws["A2"] = "Số 127-KH/ĐUK"
    ws["E2"] = "Ninh Thuận, ngày 02 tháng 02 năm 2023"
    ws["A4"] = "DANH MỤC NHIỆM VỤ"
    ws.merge_cells("A4:F4")
    ws["A5"] = "(Kèm theo Kế hoạch số 127-KH/ĐUK, ngày 02/02/2023 của Ban Thường vụ Đảng ủy Khối)"
    ws.merge_cells("A5:F5")
    ws["A7"] = "STT"
    ws.merge_cells("A7:A8")
    ws["B7"] = "Nội dung nhiệm vụ"
    ws.merge_cells("B7:B8")
    ws["C7"] = "Cơ quan thực hiện"
    ws.merge_cells("C7:D7")
    ws["C8"] = "Chủ trì"
    ws["D8"] = "Phối hợp"
    ws["E7"] = "Thời gian hoàn thành"
    ws.merge_cells("E7:E8")
    ws["F7"] = "Ghi chú"
    ws.merge_cells("F7:F8")
    rows = [
        ["I. NHIỆM VỤ CHUNG"],
        [
            1,
            "Quán triệt, tuyên truyền Kết luận",
            "Ban Tuyên giáo",
            "Các ban Đảng; Văn phòng",
            dt.date(2023, 3, 31),
        ],
        [2, "Rà soát, bổ sung quy chế làm việc", "Ban Tổ chức", "Văn phòng Đảng ủy", "30/6/2023"],
        ["II", "NHIỆM VỤ CỤ THỂ"],
        [1, "Ban Kiểm tra"],
        ["1.1", "Kiểm tra tổ chức đảng có dấu hiệu vi phạm", None, None, dt.date(2023, 9, 30)],
        ["1.2", "Giám sát chuyên đề", None, "Ban Tổ chức", dt.date(2023, 12, 31)],
        [2, "Sơ kết việc thực hiện", "Văn phòng Đảng ủy", None, dt.date(2024, 1, 15)],
        [3, "Báo cáo tổng kết", None, None, dt.date(2024, 6, 30)],
    ]
    for values in rows:
        ws.append(values)
    ws.merge_cells("A9:F9")
    ws.merge_cells("C16:C17")  # one lead for tasks 2 and 3
    ws["A19"] = "Tổng cộng: 6 nhiệm vụ"
    ws["E21"] = "TM. BAN THƯỜNG VỤ"
    wb.save(path)


def convert(src: Path, fmt: str, dest: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", fmt, "--outdir", tmp, str(src)],
            check=True,
            capture_output=True,
        )
        out = next(Path(tmp).iterdir())
        shutil.move(out, dest)


SEED = HERE.parent / "plans" / "seed_000_duk_lam_dong.txt"


def seed_workbook(path: Path) -> None:
    """The seed plan (Kế hoạch of Đảng ủy Khối các cơ quan tỉnh Lâm Đồng, 31/3/2022) as the
    office keeps it in Excel: title rows, one row a task under the plan's own section and
    unit group rows, the lead and the coordinators as typed (several units in one cell
    separated by commas: "Các cấp ủy, tổ chức đảng trực thuộc Đảng bộ Khối" must stay whole),
    the deadline phrase as written. Built from the seed text read by the plan importer,
    whose tasks tests/data/plans/seed_000_duk_lam_dong.expected.json checks by hand."""
    import sys

    sys.path.insert(0, str(HERE.parents[2]))
    from openpyxl.styles import Alignment, Font

    from app.importers.base import ExtractOptions
    from app.importers.registry import extract_file

    plan = extract_file(SEED, ExtractOptions())
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Theo dõi KH 21"
    ws["A1"] = "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
    ws["E1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
    ws["A2"] = "*"
    ws["E2"] = "Đà Lạt, ngày 31 tháng 3 năm 2022"
    ws["A4"] = "BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ"
    ws["A5"] = (
        "(Kèm theo Kế hoạch ngày 31/3/2022 của Ban Thường vụ Đảng ủy Khối thực hiện Kết luận số 21-KL/TW)"
    )
    for cell in ("A4", "A5"):
        ws.merge_cells(f"{cell}:G{cell[1:]}")
        ws[cell].alignment = Alignment(horizontal="center", wrap_text=True)
    ws["A4"].font = Font(bold=True)
    header = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện",
              "Tình hình thực hiện", "Ghi chú"]  # fmt: skip
    ws.append([])
    ws.append(header)
    groups = {"II": "NHIỆM VỤ TRỌNG TÂM", "III": "NHIỆM VỤ CỦA CÁC BAN, CÁC TỔ CHỨC TRONG KHỐI",
              "IV": "TỔ CHỨC THỰC HIỆN"}  # fmt: skip
    section = None
    lead_group = None
    for n, t in enumerate(plan.tasks, 1):
        top = t.section.split(".")[0]
        if top != section:
            section, lead_group = top, None
            ws.append([top, groups.get(top, top)])
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=7)
        if top == "III" and t.lead != lead_group:
            lead_group = t.lead
            ws.append([t.section.split(".")[1], t.lead])
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=7)
        when = t.deadline.raw.strip("() ")
        ws.append([n, t.text, t.lead, ", ".join(t.coordinators), when or None])
    for col, width in zip("ABCDEFG", (6, 70, 30, 30, 24, 20, 12)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=7):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)


def main() -> None:
    seed_workbook(HERE / "seed_ke_hoach_21.xlsx")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "plan.xlsx"
        plan_workbook(src)
        convert(src, "xls:MS Excel 97", HERE / "plan.xls")
        convert(src, "ods", HERE / "plan.ods")
        try:
            import msoffcrypto  # noqa: F401
        except ImportError:
            print("msoffcrypto-tool not installed: password fixture not rebuilt")
            return
        subprocess.run(
            ["msoffcrypto-tool", "-e", "-p", "matkhau", str(src), str(HERE / "password.xlsx")],
            check=True,
        )


if __name__ == "__main__":
    main()

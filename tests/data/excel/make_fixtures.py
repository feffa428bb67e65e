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


def main() -> None:
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

"""Time `extract` on a 40-page plan as .txt, .docx and .pdf; prints seconds (never fails).

    uv run python -m bench.bench_extract [--pages 40]

The plan is made of the seed plans' task sections repeated under other unit headings,
so its sentences, deadlines and layout are those of real plans; the .docx and .pdf are
laid out as an office would (tests/plan_render.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

UNITS = [
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Thông tin và Truyền thông",
    "Sở Tư pháp",
    "Sở Giáo dục và Đào tạo",
]
HEADER = """TỈNH ỦY LÂM ĐỒNG                         ĐẢNG CỘNG SẢN VIỆT NAM
Số 45-KH/TU                          Đà Lạt, ngày 15 tháng 3 năm 2023

KẾ HOẠCH
thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2020 - 2025
-----
Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Quán triệt sâu sắc, tạo sự thống nhất cao trong nhận thức và hành động.

II. NHIỆM VỤ CỦA CÁC CƠ QUAN, ĐƠN VỊ
"""


def _bullets() -> list[str]:
    """Bullet items of the seed plans (their wording and deadlines)."""
    lines: list[str] = []
    for seed in sorted((ROOT / "tests" / "data" / "plans").glob("seed_*.txt")):
        from app.importers.plans.importer import read_text
        from app.importers.plans.lines import join_lines

        for p in join_lines(read_text(seed)):
            if p.text.startswith("- ") and len(p.text) > 80:
                lines.append(p.text)
    return lines


def make_plan_text(pages: int) -> str:
    bullets = _bullets()
    out = [HEADER]
    # about 370 words per A4 page of 12 pt text
    words = 0
    unit = 0
    k = 0
    while words < pages * 370:
        out.append(f"{unit + 1}. {UNITS[unit % len(UNITS)]}\n")
        for _ in range(8):
            b = bullets[k % len(bullets)]
            out.append(b + "\n")
            words += len(b.split())
            k += 1
        unit += 1
    out.append("III. TỔ CHỨC THỰC HIỆN\n")
    out.append(
        "1. Văn phòng Tỉnh ủy theo dõi, đôn đốc, báo cáo Ban Thường vụ Tỉnh ủy trước ngày 15/12 hằng năm./.\n"
    )
    out.append("Nơi nhận:\n- Như trên,\n- Lưu VPTU.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n")
    return "\n".join(out)


def best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtGui import QGuiApplication

    from app.importers.base import ExtractOptions
    from app.importers.plans.importer import DocumentImporter
    from tests.plan_render import plan_model, write_docx, write_pdf

    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=40)
    args = ap.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        txt = Path(tmp) / "plan-40p.txt"
        txt.write_text(make_plan_text(args.pages), encoding="utf-8")
        blocks = plan_model(txt)
        docx = write_docx(blocks, Path(tmp) / "plan-40p.docx")
        pdf = write_pdf(blocks, Path(tmp) / "plan-40p.pdf")
        import pypdfium2

        n_pages = len(pypdfium2.PdfDocument(str(pdf)))
        importer = DocumentImporter()
        options = ExtractOptions(ref=date(2023, 3, 15))
        print(f"plan of {n_pages} PDF pages")
        for f in (txt, docx, pdf):
            tasks = len(importer.extract(f, options).tasks)
            t = best_of(lambda f=f: importer.extract(f, options))
            flag = "ok" if t <= 2.0 else "MISS"
            print(f"extract {f.suffix:5} {tasks:4} tasks  {t:6.2f} s  (target ≤ 2 s: {flag})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

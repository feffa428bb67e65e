"""Regenerate the pictures of printed documents in docs/ from the demo database.

    uv run python tools/print_pictures.py [--out docs] [--today 2026-11-25]

docs/weekly-print.png: the first page of the weekly list (A4 portrait), drawn by the
same renderer as the PDF and the print preview. docs/urging-letter.png: the first page
of an urging letter, converted by LibreOffice (`soffice`) and poppler's `pdftoppm`
(skipped, with a message, where they are missing). The demo is loaded with a fixed
"today", so the pictures are the same on every run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DPI = 100
LETTER_UNIT = "Ủy ban Kiểm tra Đảng ủy Khối"


def main() -> int:
    from tools.demo_run import run_in_demo_folder

    return run_in_demo_folder(__doc__, draw)


def draw(out: Path, tmp: Path, today: date) -> int:
    from app.db.store import Database
    from app.demo import load_demo
    from app.exports.urging.letters import LetterOptions, write_urging_letters
    from app.exports.weekly.data import WeeklyOptions, collect_week, weekly_document
    from app.exports.weekly.render import render_page_image

    db = Database.open(tmp / "demo.db")
    load_demo(db, today)
    doc = weekly_document(collect_week(db, WeeklyOptions(day=today)))
    render_page_image(doc, 0, dpi=DPI).save(str(out / "weekly-print.png"))
    print(out / "weekly-print.png")
    [letter] = write_urging_letters(
        db, tmp / "letter.docx", LetterOptions([LETTER_UNIT], today, record=False)
    ).files
    db.close()
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        print("soffice or pdftoppm missing: docs/urging-letter.png not redrawn", file=sys.stderr)
        return 1
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(letter)],
        check=True,
        capture_output=True,
    )
    stem = tmp / "letter-page"
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-singlefile"]
        + [str(tmp / "letter.pdf"), str(stem)],
        check=True,
    )
    shutil.copyfile(stem.with_suffix(".png"), out / "urging-letter.png")
    print(out / "urging-letter.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

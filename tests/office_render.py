"""Plans written as text, rendered the way offices produce them: Word, LibreOffice's PDF
and, for a plan with a task table, the workbook its appendix is kept in.

tests/plan_render.py models the text (two-column header, title, paragraphs, tables);
here the model becomes a .docx with Word's own list numbering and italic deadlines, a PDF
exported by LibreOffice (`soffice --convert-to pdf`, slow: the PDFs are committed beside
the text so CI needs no LibreOffice) and an .xlsx whose title rows carry the
"(Kèm theo Kế hoạch số … ngày …)" line above the table.

    uv run python -m tests.office_render FOLDER...   # (re)make FOLDER/*.pdf from *.txt/*.md
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.plan_render import Block, plan_model, write_docx

TEXT_SUFFIXES = (".txt", ".md")


def convert(src: Path, outdir: Path, fmt: str = "pdf") -> Path:
    """LibreOffice's own export of `src` into `outdir` (seconds per file)."""
    subprocess.run(
        [
            "soffice",
            "-env:UserInstallation=file:///tmp/lo-dondoc-tests",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return outdir / f"{src.stem}.{fmt}"


def office_docx(src: Path, out: Path) -> Path:
    """The plan as an office saves it from Word: auto-numbered lists, italic deadlines."""
    return write_docx(plan_model(src), out, auto_numbering=True, italics=True)


def task_table(blocks: list[Block]) -> tuple[list[str], list[list[str]]] | None:
    """The plan's first task table and the short lines above it (its appendix title)."""
    from app.importers.plans.importer import is_task_table

    for k, b in enumerate(blocks):
        if b.kind == "table" and b.rows and is_task_table(b.rows):
            above: list[str] = []
            for prev in reversed(blocks[:k]):
                if prev.kind not in ("para", "title") or len(prev.text) > 250 or len(above) == 3:
                    break
                above.insert(0, prev.text.replace("*", ""))
            return above, b.rows
    return None


_ATTACHED = re.compile(r"^\(?\s*(?:ban\s+hành\s+)?kèm\s+theo", re.IGNORECASE)


def write_xlsx(src: Path, out: Path) -> Path | None:
    """The appendix table as a workbook: title rows (with the "(Kèm theo …)" line naming
    the plan), the header, group rows merged across. None when the plan has no table."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    from app.importers.plans.header import parse_header
    from app.importers.plans.importer import read_text

    blocks = plan_model(src)
    found = task_table(blocks)
    if found is None:
        return None
    above, rows = found
    if not any(_ATTACHED.match(t) for t in above):
        doc = parse_header(read_text(src)).document
        if doc.number or doc.date:
            when = f" ngày {doc.date:%d/%m/%Y}" if doc.date else ""
            above.append(f"(Kèm theo văn bản số {doc.number}{when})")
    width = max(len(r) for r in rows)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    r = 1
    for line in above:
        ws.cell(r, 1, line).font = Font(bold=not line.startswith("("), italic=line.startswith("("))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(r, 1).alignment = Alignment(horizontal="center", wrap_text=True)
        r += 1
    r += 1
    for k, row in enumerate(rows):
        filled = [c for c, v in enumerate(row) if v.strip()]
        for c, value in enumerate(row):
            cell = ws.cell(r, c + 1, value or None)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font = Font(bold=k == 0)
        if k and width > 2 and filled and max(filled) <= 1:
            start = 2 if 1 in filled else 1
            ws.merge_cells(start_row=r, start_column=start, end_row=r, end_column=width)
            ws.cell(r, start).font = Font(bold=True)
        r += 1
    for c, w in zip("ABCDEFGH", (6, 50, 25, 25, 16, 20, 16, 16)):
        ws.column_dimensions[c].width = w
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in TEXT_SUFFIXES)


def make_pdfs(folder: Path, scratch: Path) -> list[Path]:
    """LibreOffice PDFs of every plan in `folder`, written beside the text."""
    out = []
    for src in sources(folder):
        docx = office_docx(src, scratch / f"{src.stem}.docx")
        out.append(convert(docx, folder))
    return out


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for arg in sys.argv[1:]:
            for pdf in make_pdfs(Path(arg), Path(tmp)):
                print(pdf)

"""Plan documents (.docx, .pdf, .txt, .md) -> an ExtractedPlan.

Each reader turns its format into lines (`plan_lines.Line`): Word gives paragraphs with
their numbering and italics, PDF gives positioned lines, text files give lines. The
plan reader (plan_text) does the rest the same way for every format, so one plan gives
the same tasks whichever form it arrived in.

Files this importer cannot read (a scanned PDF, an old .doc, a password) raise
FileImportError saying what to do instead, never a traceback.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from functools import partial
from pathlib import Path

from app.core.text import decode_legacy, detect_legacy
from app.errors import FileImportError, ImportCancelled
from app.importers.base import ExtractOptions, ImportLimits, ProgressCallback
from app.importers.model import ExtractedPlan, ExtractedTask, file_sha256
from app.importers.plans.lines import Line, drop_running_lines
from app.importers.plans.tasks import PlanReader

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
WORD_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
PDF_SUFFIXES = frozenset({".pdf"})
# Formats we recognise but cannot read: say what to do.
REFUSED = {
    ".doc": "tệp Word 97-2003 (.doc) chưa đọc được; hãy mở bằng Word và «Lưu thành» .docx "
    "(old .doc format: save as .docx)",
    ".dot": "tệp mẫu Word cũ (.dot) chưa đọc được; hãy lưu thành .docx (save as .docx)",
    ".rtf": "tệp .rtf chưa đọc được; hãy mở bằng Word và lưu thành .docx (save as .docx)",
    ".odt": "tệp OpenDocument (.odt) chưa đọc được; hãy lưu thành .docx (save as .docx)",
    ".wpd": "tệp WordPerfect chưa đọc được; hãy lưu thành .docx (save as .docx)",
}
SUFFIXES = TEXT_SUFFIXES | WORD_SUFFIXES | PDF_SUFFIXES | frozenset(REFUSED)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OLE = "EncryptedPackage".encode("utf-16-le")


class DocumentImporter:
    """Plans written as documents; the Excel importer handles task tables."""

    name = "documents"

    def identify(self, path: Path) -> bool:
        suffix = path.suffix.lower()
        if suffix in SUFFIXES:
            return True
        try:
            head = path.read_bytes()[:5]
        except OSError:
            return False
        return head.startswith(b"%PDF")

    def extract(
        self,
        path: Path,
        options: ExtractOptions,
        progress: ProgressCallback | None = None,
    ) -> ExtractedPlan:
        path = Path(path)
        lines = read_lines(path, progress, options.limits)
        reader = PlanReader(
            ref=options.ref,
            term=options.term,
            table_reader=partial(_table_tasks, source_name=path.name),
            max_paragraph=options.limits.max_cell_chars,
            max_tasks=options.limits.max_rows,
        )
        plan = reader.read(lines)
        if progress is not None and progress(1, 1) is False:
            raise ImportCancelled("Đã hủy đọc tệp.")
        plan.source_name = path.name
        plan.sha256 = file_sha256(path)
        return plan


def read_lines(
    path: Path, progress: ProgressCallback | None = None, limits: ImportLimits | None = None
) -> list[Line]:
    """The lines of a document, whatever its format (sniffed from its first bytes)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as ex:
        raise FileImportError(
            f"không mở được tệp: {ex.strerror or ex} (cannot open)", path=path
        ) from ex
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        from app.importers.readers.pdf_file import read_pdf

        return read_pdf(path, progress, limits)
    if head.startswith(_OLE):
        raise FileImportError(_ole_message(path), path=path)
    if head.startswith(b"PK"):
        return _read_zip(path, progress, limits)
    if head.startswith(b"{\\rtf"):
        raise FileImportError(REFUSED[".rtf"], path=path)
    if suffix in REFUSED:
        raise FileImportError(REFUSED[suffix], path=path)
    if suffix in WORD_SUFFIXES or suffix in PDF_SUFFIXES:
        raise FileImportError(
            f"tệp không đúng định dạng {suffix} (hỏng hoặc đặt sai đuôi) (damaged or misnamed file)",
            path=path,
        )
    return read_text(path)


def _ole_message(path: Path) -> str:
    data = path.read_bytes()
    if _ENCRYPTED_OLE in data:
        return (
            "tệp Word được đặt mật khẩu; hãy mở bằng Word, bỏ mật khẩu (File > Info > Protect "
            "Document) rồi lưu lại (password-protected file)"
        )
    return REFUSED[".doc"]


def _read_zip(
    path: Path, progress: ProgressCallback | None, limits: ImportLimits | None
) -> list[Line]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile as ex:
        raise FileImportError("tệp bị hỏng, không mở được (damaged file)", path=path) from ex
    if "word/document.xml" in names:
        from app.importers.readers.docx_file import read_docx

        return read_docx(path, progress, limits)
    if "content.xml" in names:
        raise FileImportError(REFUSED[".odt"], path=path)
    raise FileImportError(
        "không phải văn bản Word (.docx); hãy dùng .docx, .pdf hoặc .txt (not a Word document)",
        path=path,
    )


def decode_text(data: bytes) -> str:
    """Text of a .txt file: UTF-8 (with or without BOM), UTF-16, else Windows-1258."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # single-byte text: legacy TCVN3/VNI typing reads as Windows-1252, else Windows-1258
    western = data.decode("cp1252", errors="replace")
    if detect_legacy(western[:20000]):
        return western
    return data.decode("cp1258", errors="replace")


def read_text(path: Path) -> list[Line]:
    """Lines of a .txt/.md file; a form feed (from pdftotext) starts a new page."""
    text = decode_text(path.read_bytes())
    if "\x00" in text[:2000]:
        raise FileImportError("tệp không phải văn bản (binary file)", path=path)
    legacy = detect_legacy(text[:20000])
    if legacy:
        text = decode_legacy(text, legacy)
    lines: list[Line] = []
    page = 1
    for no, raw in enumerate(text.splitlines(), 1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        cells = [_markdown_line(c) for c in raw.rstrip("\r\n").split("\t")]
        if len(cells) >= 3 and sum(1 for c in cells if c) >= 2:
            # a table row copied out of Word: its cells separated by tabs (empty cells too)
            lines.append(Line("\t".join(cells), where=f"dòng {no}", page=page, rows=[cells]))
            continue
        raw = _markdown_line(raw)
        if raw.lstrip().startswith("|"):
            lines.append(Line(raw.strip(), where=f"dòng {no}", page=page))
            continue
        # columns laid out with spaces or tabs (a header or signature block copied from a
        # PDF): each column is a line of its own
        for part in _COLUMNS.split(raw):
            if part.strip():
                lines.append(Line(part.strip(), where=f"dòng {no}", page=page))
    if page > 1:
        pages: list[list[Line]] = [[] for _ in range(page)]
        for ln in lines:
            pages[ln.page - 1].append(ln)
        lines = [ln for pg in drop_running_lines(pages) for ln in pg]
    return _with_pipe_tables(_with_tab_tables(lines))


def _with_tab_tables(lines: list[Line]) -> list[Line]:
    """Two or more tab-separated rows in a row are a table; a lone one is columns of a
    header or signature block, each a line of its own."""
    out: list[Line] = []
    run: list[tuple[Line, list[str]]] = []  # each line with its one row
    for ln in [*lines, None]:
        if ln is not None and ln.rows is not None and len(ln.rows) == 1 and "\t" in ln.text:
            run.append((ln, ln.rows[0]))
            continue
        if len(run) >= 2:
            width = max(len(cells) for _, cells in run)
            rows = [cells + [""] * (width - len(cells)) for _, cells in run]
            out.append(Line("", where=run[0][0].where, page=run[0][0].page, rows=rows))
        else:
            for r, cells in run:
                out.extend(Line(c, where=r.where, page=r.page) for c in cells if c)
        run = []
        if ln is not None:
            out.append(ln)
    return out


_COLUMNS = re.compile(r"\s{5,}|\t+")


def _markdown_line(raw: str) -> str:
    """Markdown headings and bold marks carry no meaning for the plan: drop them."""
    s = raw.strip()
    if s.startswith("#"):
        s = s.lstrip("#").strip()
    return s.replace("**", "").replace("__", "")


def _pipe_cells(text: str) -> list[str] | None:
    """The cells of a table row written with "|" between them ("1 | Nội dung | Sở Nội vụ",
    "| STT | Nội dung |"); None for a line that is not one (a header copied from a web
    page, "ỦY BAN NHÂN DÂN | CỘNG HÒA … |", has fewer than three cells)."""
    if text.count("|") < 2:
        return None
    cells = [c.strip() for c in text.strip().removeprefix("|").removesuffix("|").split("|")]
    if len(cells) < 3:
        return None
    if all(set(c) <= set("-: ") for c in cells):
        return []  # the "|---|---|" line under a markdown header
    return cells


def _with_pipe_tables(lines: list[Line]) -> list[Line]:
    """Rows of cells separated by "|" (a markdown table, or an appendix table copied out of
    a PDF: "TT | Nhiệm vụ | Cơ quan chủ trì | …", "I | Tên nhóm | | |") become a table when
    two or more of them follow each other and one has three cells with text."""
    out: list[Line] = []
    run: list[tuple[Line, list[str]]] = []
    for ln in [*lines, None]:
        cells = _pipe_cells(ln.text) if ln is not None and ln.rows is None else None
        if ln is not None and cells is not None:
            run.append((ln, cells))
            continue
        rows = [c for _, c in run if c]
        if len(rows) >= 2 and any(sum(1 for c in r if c) >= 3 for r in rows):
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            out.append(Line("", where=run[0][0].where, page=run[0][0].page, rows=rows))
        else:
            out.extend(r for r, _ in run)
        run = []
        if ln is not None:
            out.append(ln)
    return out


def _table_tasks(
    rows: list[list[str]],
    ref: date,
    where: str,
    term: tuple[int, int],
    *,
    source_name: str,
) -> list[ExtractedTask]:
    """Tasks of a task table inside a document (an appendix), read like a spreadsheet."""
    from app.importers.tables.rows import extract_table

    result = extract_table(
        _merge_broken_rows(rows), ref=ref, source_name=source_name, sheet=None, term=term
    )
    for task in result.tasks:
        task.source = f"bảng ({where}), {task.source}" if task.source else f"bảng ({where})"
    return result.tasks


def _merge_broken_rows(rows: list[list[str]]) -> list[list[str]]:
    """A row cut by a page break goes on in a row without number starting in lower case."""
    out: list[list[str]] = []
    for row in rows:
        cells = [c or "" for c in row]
        if not any(cells):
            continue
        first = next((c for c in cells if c), "")
        if out and not cells[0] and first[:1].islower() and len(cells) == len(out[-1]):
            out[-1] = [f"{a} {b}".strip() if b else a for a, b in zip(out[-1], cells)]
            continue
        out.append(cells)
    return out


def is_task_table(rows: list[list[str]]) -> bool:
    """Does a table inside a document hold tasks (a header with task columns)?"""
    from app.importers.tables.grid import probe_table

    return probe_table(rows) is not None

"""PDF with a text layer -> positioned lines (PDFium: fast enough for long plans).

Characters are grouped into lines by their baseline and split where a wide gap separates
two columns (the header block: issuer left, motto right). Each line knows whether it
reaches the right margin (its paragraph goes on), starts indented (a new paragraph) or is
centred (a title); page numbers and running headers are dropped. Ruled tables (an
appendix of tasks) are read with pdfplumber, only on the pages that have rules.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.text import decode_legacy, detect_legacy, fold
from app.errors import FileImportError, ImportCancelled, ImportLimitError
from app.importers.base import ImportLimits, ProgressCallback
from app.importers.plans.lines import Line, drop_running_lines, join_wrapped, mark_italics

if TYPE_CHECKING:
    from pdfplumber.table import Table
from app.importers.safety.grids import n_vi
from app.importers.safety.guard import native_quiet

_ITALIC_FLAG = 64
_FORCE_BOLD = 262144
_MIN_RULES = 8  # path objects on a page before we look for a ruled table there


@dataclass(slots=True)
class _Seg:
    chars: list[str] = field(default_factory=list)
    italic: list[bool] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)
    x0: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    top: float = 0.0
    sizes: list[tuple[float, int]] = field(default_factory=list)  # (font size, letters)

    @property
    def size(self) -> float:
        """The font size of most of the line's letters."""
        count: Counter[float] = Counter()
        for size, n in self.sizes:
            count[round(size, 1)] += n
        return count.most_common(1)[0][0] if count else 0.0

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    def text(self) -> str:
        """The line's text with italic stretches marked `*…*`."""
        pieces: list[tuple[str, bool]] = []
        for ch, it in zip(self.chars, self.italic):
            if pieces and pieces[-1][1] == it:
                pieces[-1] = (pieces[-1][0] + ch, it)
            else:
                pieces.append((ch, it))
        return mark_italics(pieces)

    def is_bold(self) -> bool:
        marks = [b for ch, b in zip(self.chars, self.bold) if ch.strip()]
        return bool(marks) and all(marks)


class _FontProbe:
    """Italic/bold of a character, asked once per word (PDFium calls are not free)."""

    def __init__(self, raw_module: _Pdfium, textpage: _Pdfium) -> None:
        self.raw = raw_module
        self.tp = textpage
        self.buf = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()

    def style(self, index: int) -> tuple[bool, bool]:
        raw = self.raw
        n = raw.FPDFText_GetFontInfo(self.tp, index, self.buf, 128, ctypes.byref(self.flags))
        name = self.buf.value.decode("latin-1", "replace").lower() if n else ""
        flags = self.flags.value
        italic = bool(flags & _ITALIC_FLAG) or "italic" in name or "oblique" in name
        bold = bool(flags & _FORCE_BOLD) or "bold" in name
        if not bold and "regular" not in name and "roman" not in name:
            bold = raw.FPDFText_GetFontWeight(self.tp, index) >= 600
        return italic, bold


# pypdfium2's objects and its raw module: the library ships no type hints.
_Pdfium = Any
# A word as pdfplumber's extract_words gives it: text and box.
_Word = dict[str, Any]

_WORD = re.compile(r"[^\s\x00]+")


def _page_segments(
    page: _Pdfium, raw_module: _Pdfium, max_chars: int, path: Path, index: int
) -> list[_Seg]:
    """Lines (and column segments) of one page, word by word."""
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        if n <= 0:
            return []
        if n > max_chars:
            raise ImportLimitError(
                f"trang {index + 1} của tệp PDF có {n_vi(n)} ký tự, một trang văn bản thật chỉ "
                f"có vài nghìn (giới hạn {n_vi(max_chars)}); tệp hỏng hoặc được tạo để làm treo "
                "máy (page too full)",
                path=path,
            )
        text = tp.get_text_range(0, n)
        if len(text) != n:
            text = "".join(chr(raw_module.FPDFText_GetUnicode(tp.raw, i)) for i in range(n))
        text = text.replace("\x02", "\u00ad")
        refs = _footnote_refs(tp.raw, raw_module, text)
        if refs:
            text = "".join("\x00" if k in refs else c for k, c in enumerate(text))
        probe = _FontProbe(raw_module, tp.raw)
        rect = raw_module.FS_RECTF()
        rect_ref = ctypes.byref(rect)
        loose = raw_module.FPDFText_GetLooseCharBox
        segs: list[_Seg] = []
        cur: _Seg | None = None
        words: list[tuple[int, int, float, float, float, float]] = []
        for m in _WORD.finditer(text):
            i, j = m.start(), m.end() - 1
            loose(tp.raw, i, rect_ref)
            left, bottom, top, right = rect.left, rect.bottom, rect.top, rect.right
            h0 = max(top - bottom, 1.0)
            if j != i:
                loose(tp.raw, j, rect_ref)
                if abs(rect.bottom - bottom) > 0.5 * h0:
                    # no space between the end of one line and the start of the next
                    # ("năm./.Nơi"): cut the word where its characters change line
                    start = i
                    for k in range(i + 1, j + 1):
                        loose(tp.raw, k, rect_ref)
                        if abs(rect.bottom - bottom) > 0.5 * h0:
                            words.append((start, k - 1, left, bottom, top, right))
                            start = k
                            left, bottom, top = rect.left, rect.bottom, rect.top
                        right = rect.right
                    words.append((start, j, left, bottom, top, right))
                    continue
                right = rect.right
            words.append((i, j, left, bottom, top, right))
        for i, j, left, bottom, top, right in words:
            height = max(top - bottom, 1.0)
            k = i
            while k < j and not text[k].isalnum():
                k += 1  # "(thực": the style of the letters, not of the bracket
            italic, bold = probe.style(k)
            fsize = raw_module.FPDFText_GetFontSize(tp.raw, k)
            if (
                cur is None
                or abs(bottom - cur.bottom) > 0.5 * min(height, cur.height)
                or left < cur.x1 - 2 * height
                or left - cur.x1 > max(3 * height, 36.0)
            ):
                cur = _Seg(x0=left, x1=right, bottom=bottom, top=top)
                segs.append(cur)
            elif cur.chars and not (text[i] in ",.;:)" and _after_ref(text, i)):
                cur.chars.append(" ")
                cur.italic.append(italic and cur.italic[-1])
                cur.bold.append(bold)
            word = text[i : j + 1]
            cur.chars.append(word)
            cur.italic.append(italic)
            cur.bold.append(bold)
            cur.x1 = max(cur.x1, right)
            cur.top = max(cur.top, top)
            cur.sizes.append((fsize, j - i + 1))
        return segs
    finally:
        tp.close()


def _footnote_refs(tp: _Pdfium, raw_module: _Pdfium, text: str) -> set[int]:
    """Indexes of footnote reference marks: digits in a smaller font, raised above the
    character before them ("quy định³", "30/6/2025⁴"). They are not part of the text."""
    refs: set[int] = set()
    size = raw_module.FPDFText_GetFontSize
    rect = raw_module.FS_RECTF()
    prev = -1
    for k, c in enumerate(text):
        if c.isdigit() and prev == k - 1 and k not in refs:
            s_prev = size(tp, prev)
            s_here = size(tp, k)
            if 0 < s_here < 0.8 * s_prev:
                raw_module.FPDFText_GetLooseCharBox(tp, prev, ctypes.byref(rect))
                bottom_prev, h_prev = rect.bottom, rect.top - rect.bottom
                raw_module.FPDFText_GetLooseCharBox(tp, k, ctypes.byref(rect))
                if rect.bottom > bottom_prev + 0.15 * h_prev:
                    refs.add(k)
                    prev = k  # "²³": the next digit is compared with this one
                    continue
        if not c.isspace():
            prev = k
    return refs


def _after_ref(text: str, i: int) -> bool:
    """Does the word at `i` follow a footnote mark (dropped: "tế¹; căn" is "tế; căn")?"""
    k = i - 1
    while k >= 0 and text[k] in "\r\n":
        k -= 1
    return k >= 0 and text[k] == "\x00"


def _drop_footnotes(pages: list[list[_Seg]]) -> None:
    """Drop the footnotes at the foot of each page: a block of lines in a smaller font
    below the body, the first starting with the note's number ("4 Sở Tài chính …")."""
    body = sorted(s.size for segs in pages for s in segs if len(s.chars) > 8)
    if not body:
        return
    normal = body[len(body) // 2]
    for segs in pages:
        order = sorted(range(len(segs)), key=lambda k: -segs[k].bottom)  # top to bottom
        start = None
        for pos, k in enumerate(order):
            s = segs[k]
            if 0 < s.size < 0.8 * normal and re.match(r"\d{1,2}\s", " ".join(s.chars[:2]) + " "):
                rest = [segs[q] for q in order[pos:]]
                if all(r.size < 0.8 * normal or _is_number(r.text()) for r in rest):
                    start = pos
                    break
        if start is not None:
            drop = set(order[start:])
            segs[:] = [s for k, s in enumerate(segs) if k not in drop]


_TABLE_WORDS = ("stt", "chu tri", "thoi gian", "noi dung", "phoi hop", "thoi han", "san pham")


def _may_hold_table(segs: list[_Seg], rule_pages: list[int], index: int) -> bool:
    """Worth looking for a ruled task table: a task header's words are on the page, or the
    page before had a table (which may go on here)."""
    if rule_pages and rule_pages[-1] == index - 1:
        return True
    words = fold(" ".join(" ".join(s.chars) for s in segs if len(s.chars) <= 12))
    return sum(w in words for w in _TABLE_WORDS) >= 2


def _count_objects(page: _Pdfium, raw_module: _Pdfium, kind: int, enough: int) -> int:
    """How many page objects of `kind` (stopping at `enough`): cheap raw PDFium calls."""
    n = 0
    for k in range(raw_module.FPDFPage_CountObjects(page.raw)):
        if raw_module.FPDFPageObj_GetType(raw_module.FPDFPage_GetObject(page.raw, k)) == kind:
            n += 1
            if n >= enough:
                break
    return n


def _margins(pages: list[list[_Seg]]) -> tuple[float, float]:
    x0s = Counter(round(s.x0) for segs in pages for s in segs if len(s.chars) > 8)
    x1s = [s.x1 for segs in pages for s in segs if len(s.chars) > 8]
    if not x0s or not x1s:
        return 0.0, 1.0
    (top, n), *others = x0s.most_common(3)
    # short paragraphs: their indented first lines outnumber the lines at the margin
    left = float(min([top, *(x for x, c in others if top - 60 < x < top and c >= 0.2 * n)]))
    right = float(sorted(x1s)[int(0.95 * (len(x1s) - 1))])
    return left, max(right, left + 1.0)


def read_pdf(
    path: Path, progress: ProgressCallback | None = None, limits: ImportLimits | None = None
) -> list[Line]:
    """Lines of a PDF's text layer; FileImportError for scans, passwords, damage.

    Bounded: at most `max_pages` pages, at most `max_page_chars` characters a page; a
    page PDFium cannot load (a page tree that loops, a missing object) is named. PDFium's
    own complaints about a damaged stream ("Data-loss while decompressing") stay off the
    terminal."""
    with native_quiet():
        return _read_pdf(path, progress, limits or ImportLimits())


def _read_pdf(path: Path, progress: ProgressCallback | None, limits: ImportLimits) -> list[Line]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as ex:
        if getattr(ex, "err_code", None) == 4 or "password" in str(ex).lower():
            raise FileImportError(
                "tệp PDF được đặt mật khẩu; hãy mở bằng phần mềm đọc PDF, bỏ mật khẩu hoặc in "
                "ra PDF mới, hoặc dùng bản Word (.docx) (password-protected PDF)",
                path=path,
            ) from ex
        raise FileImportError(
            f"tệp PDF bị hỏng, không đọc được ({ex}) (damaged PDF)", path=path
        ) from ex
    try:
        pages: list[list[_Seg]] = []
        images = 0
        rule_pages: list[int] = []
        heights: list[float] = []
        total = len(pdf)
        if total > limits.max_pages:
            raise ImportLimitError(
                f"tệp PDF có {n_vi(total)} trang, quá giới hạn {n_vi(limits.max_pages)} trang "
                "(Cài đặt > Giới hạn nhập); hãy tách phần kế hoạch ra tệp riêng (too many pages)",
                path=path,
            )
        for i in range(total):
            if progress is not None and progress(i, total) is False:
                raise ImportCancelled("Đã hủy đọc tệp.")
            try:
                page = pdf[i]
            except pdfium.PdfiumError as ex:
                raise FileImportError(
                    f"tệp PDF bị hỏng: không đọc được trang {i + 1} (cây trang lặp vòng hoặc "
                    "thiếu dữ liệu); hãy in lại ra PDF mới hoặc dùng bản Word (.docx) "
                    "(damaged page tree)",
                    path=path,
                ) from ex
            try:
                height = page.get_height()
                # text painted outside the page box is invisible (a printer that slices one
                # long page keeps the lines cut by the edge on both pages)
                segs = [
                    s
                    for s in _page_segments(page, pdfium_raw, limits.max_page_chars, path, i)
                    if s.top > 0 and s.bottom < height
                ]
                if not segs:
                    images += _count_objects(page, pdfium_raw, pdfium_raw.FPDF_PAGEOBJ_IMAGE, 1)
                elif _may_hold_table(segs, rule_pages, i) and (
                    _count_objects(page, pdfium_raw, pdfium_raw.FPDF_PAGEOBJ_PATH, _MIN_RULES)
                    >= _MIN_RULES
                ):
                    rule_pages.append(i)
                heights.append(height)
            finally:
                page.close()
            pages.append(segs)
    finally:
        pdf.close()
    chars = sum(len(w) for segs in pages for s in segs for w in s.chars)
    if chars < 40 * max(1, len(pages)) // 4 and chars < 200:
        if images:
            raise FileImportError(
                "tệp PDF là bản quét (ảnh), không có lớp chữ; hãy dùng bản Word (.docx) của văn "
                "bản, hoặc nhận dạng chữ (OCR) rồi lưu PDF có chữ (scanned PDF without text)",
                path=path,
            )
        raise FileImportError("tệp PDF không có chữ nào (PDF without text)", path=path)
    _drop_footnotes(pages)
    tables = _ruled_tables(path, rule_pages, heights) if rule_pages else {}
    return _to_lines(pages, tables)


def _to_lines(
    pages: list[list[_Seg]], tables: dict[int, list[tuple[float, float, list[list[str]]]]]
) -> list[Line]:
    left, right = _margins(pages)
    width = right - left
    per_page: list[list[Line]] = []
    for p, segs in enumerate(pages):
        out: list[Line] = []
        page_tables = sorted(tables.get(p, []), key=lambda t: -t[0])
        placed: set[int] = set()
        for s in segs:
            mid = (s.bottom + s.top) / 2
            inside = next(
                (k for k, (top, bottom, _r) in enumerate(page_tables) if bottom <= mid <= top), None
            )
            if inside is not None:
                if inside not in placed:
                    placed.add(inside)
                    out.append(
                        Line("", where=f"trang {p + 1}", rows=page_tables[inside][2], page=p + 1)
                    )
                continue
            text = s.text().strip()
            if not text:
                continue
            indent = s.x0 > left + max(6.0, 0.015 * width)
            centered = (
                s.x0 > left + 0.08 * width and abs((s.x0 - left) - (right - s.x1)) < 0.08 * width
            )
            out.append(
                Line(
                    text,
                    where=f"trang {p + 1}",
                    bold=s.is_bold(),
                    full=s.x1 >= right - 0.08 * width,
                    indent=indent and not centered,
                    centered=centered,
                    page=p + 1,
                )
            )
        for k, (_top, _bottom, rows) in enumerate(page_tables):
            if k not in placed and rows:
                out.append(Line("", where=f"trang {p + 1}", rows=rows, page=p + 1))
        per_page.append(out)
    _drop_repeated_edges(per_page)
    lines = [ln for page in drop_running_lines(per_page) for ln in page]
    sample = " ".join(ln.text for ln in lines[:200])
    legacy = detect_legacy(sample)
    if legacy:
        for ln in lines:
            ln.text = decode_legacy(ln.text, legacy)
    return lines


def _drop_repeated_edges(pages: list[list[Line]]) -> None:
    """Drop lines at the top of a page that repeat the last lines of the page before.

    PDFs painted as slices of one long page (Qt, some HTML printers) keep the text of a
    line cut by the page edge on both pages, though only one copy is visible.
    """
    for prev, page in zip(pages, pages[1:]):
        tail = [ln.text for ln in prev[-4:] if ln.rows is None and not _is_number(ln.text)]
        head = [
            i
            for i, ln in enumerate(page[:4])
            if ln.rows is None and not _is_number(ln.text) and len(ln.text) >= 15
        ]
        # the copy is the end of the page before (but for a footer line), in the same
        # order: another line that says the same thing ("- Đơn vị chủ trì: Văn phòng Sở.")
        # is text of its own
        ends = {tuple(tail[j - k : j]) for j in (len(tail), len(tail) - 1) for k in range(1, 4)}
        for k in range(min(len(head), len(tail), 3), 0, -1):
            if tuple(page[i].text for i in head[:k]) in ends and head[k - 1] < k + 1:
                for i in reversed(head[:k]):
                    del page[i]
                break


def _is_number(text: str) -> bool:
    return text.strip(" -–").isdigit()


def _cell_text(cell: str | None) -> str:
    """A table cell's wrapped lines as one value ("30/11/" + "2024" is "30/11/2024")."""
    lines = [ln.strip() for ln in (cell or "").splitlines() if ln.strip()]
    text = lines[0] if lines else ""
    for ln in lines[1:]:
        text = join_wrapped(text, ln)
    return text


def _table_rows(table: Table, words: list[_Word]) -> list[list[str]]:
    """The table's cells; a line break where the next line's first word would have fitted
    on the line before is the writer's own (one unit a line), kept as a new line."""
    out = []
    for row, texts in zip(table.rows, table.extract()):
        cells = []
        for bbox, text in zip(row.cells, texts):
            cells.append(_cell_paragraphs(text, bbox, words) if bbox and text else _cell_text(text))
        out.append(cells)
    return out


def _cell_paragraphs(text: str, bbox: tuple[float, float, float, float], words: list[_Word]) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 2:
        return _cell_text(text)
    x0, top, x1, bottom = bbox
    inside = [
        w
        for w in words
        if w["x0"] >= x0 - 1
        and w["x1"] <= x1 + 1
        and w["top"] >= top - 1
        and w["bottom"] <= bottom + 1
    ]
    rows: list[list[_Word]] = []
    for w in sorted(inside, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) < 2:
            rows[-1].append(w)
        else:
            rows.append([w])
    if len(rows) != len(lines) or not rows[0]:
        return _cell_text(text)
    pad = min(r[0]["x0"] for r in rows) - x0
    out = lines[0]
    for prev, nxt, line in zip(rows, rows[1:], lines[1:]):
        first = nxt[0]
        # a space and as much again to spare: layouts differ in the right padding
        slack = max(0.5 * (first["bottom"] - first["top"]), 4.0)
        fits = prev[-1]["x1"] + slack + (first["x1"] - first["x0"]) < x1 - pad
        if fits and line[:1].isupper():
            out += "\n" + line
        else:
            out = join_wrapped(out, line)
    return out


def _norm_row(row: list[str]) -> list[str]:
    return [" ".join(c.split()).casefold() for c in row]


def _continue_table(rows: list[list[str]], more: list[list[str]]) -> None:
    """Add the rows of the next page to a table; a first row without a number, under a
    numbered row, is the rest of that row cut by the page break."""
    if (
        more
        and rows
        and not more[0][0]
        and sum(1 for c in more[0] if c) >= 1
        and rows[-1][0]
        and sum(1 for c in rows[-1] if c) >= 2
        and len(more[0]) == len(rows[-1])
    ):
        rows[-1] = [join_wrapped(a, b) if a and b else a or b for a, b in zip(rows[-1], more[0])]
        more = more[1:]
    rows.extend(more)


def _ruled_tables(
    path: Path, page_numbers: list[int], heights: list[float]
) -> dict[int, list[tuple[float, float, list[list[str]]]]]:
    """Task tables on the given pages: {page: [(top, bottom, rows)]} in PDF coordinates."""
    import pdfplumber

    from app.importers.plans.importer import is_task_table

    found: dict[int, list[tuple[float, float, list[list[str]]]]] = {}
    last: tuple[int, list[list[str]]] | None = None  # page and rows of the last task table
    try:
        with pdfplumber.open(str(path)) as pdf:
            for p in page_numbers:
                page = pdf.pages[p]
                h = heights[p]
                first_on_page = True
                words = None
                for table in page.find_tables():
                    x0, top, x1, bottom = table.bbox
                    if bottom <= 0 or top >= page.height:
                        continue  # painted outside the page: not visible
                    if words is None:
                        words = page.extract_words()
                    rows = _table_rows(table, words)
                    rows = [r for r in rows if any(r)]
                    continues = first_on_page and last is not None and last[0] == p - 1
                    first_on_page = False
                    if (
                        continues
                        and last is not None
                        and rows
                        and len(rows[0]) == len(last[1][0])
                        and _norm_row(rows[0]) == _norm_row(last[1][0])
                    ):
                        # the task table goes on under its repeated header row
                        _continue_table(last[1], rows[1:])
                        found.setdefault(p, []).append((h - top, h - bottom, []))
                        last = (p, last[1])
                    elif len(rows) >= 2 and is_task_table(rows):
                        found.setdefault(p, []).append((h - top, h - bottom, rows))
                        last = (p, rows)
                    elif (
                        continues and last is not None and rows and len(rows[0]) == len(last[1][0])
                    ):
                        # the task table goes on from the page before
                        _continue_table(last[1], rows)
                        found.setdefault(p, []).append((h - top, h - bottom, []))
                        last = (p, last[1])
    except Exception:
        return found
    return found

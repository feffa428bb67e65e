"""Word (.docx) -> lines: paragraphs with their list numbering, italics and tables.

Word keeps automatic numbering ("1.", "a)", "-") outside the text; it is rendered here
from the numbering definitions so that a numbered item reads as it prints. Italic runs
become `*…*` (deadlines are often in italics); text formatted as capitals ("caps") is
upper-cased as it shows. Tables that hold tasks (an appendix "Phụ lục") are passed on as
rows; layout tables (the header block, the signature block) as their paragraphs.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.text import decode_legacy, detect_legacy
from app.errors import FileImportError, ImportCancelled, ImportLimitError
from app.importers.base import ImportLimits, ProgressCallback
from app.importers.plans.lines import Line, mark_italics, too_long

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_INLINE = {
    f"{W}hyperlink",
    f"{W}ins",
    f"{W}smartTag",
    f"{W}fldSimple",
    f"{W}customXml",
    f"{W}moveTo",
    f"{W}bdo",
    f"{W}dir",
    f"{W}sdt",
    f"{W}sdtContent",
}
# An element of the document's XML: lxml ships no type hints.
_El = Any
_BLOCK_CONTAINERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml"}
# Symbol/Wingdings bullets (private-use code points) -> plain bullet characters.
_SYMBOL_BULLETS = {0xB7: "•", 0x2D: "-", 0xA7: "▪", 0xD8: "➢", 0x76: "❖", 0xFC: "✓", 0x6E: "■"}


def _on(el: _El | None) -> bool | None:
    """A w:b / w:i style toggle: present and not switched off."""
    if el is None:
        return None
    val = el.get(f"{W}val")
    return val not in ("0", "false", "off")


class _Styles:
    """Paragraph and character style properties, following `basedOn` chains."""

    def __init__(self, document: DocxDocument) -> None:
        self.by_id: dict[str, _El] = {}
        self.default_par: str | None = None
        try:
            root = document.styles.element
        except (KeyError, AttributeError):
            return
        for st in root.iter(f"{W}style"):
            sid = st.get(f"{W}styleId")
            if sid:
                self.by_id[sid] = st
            if st.get(f"{W}type") == "paragraph" and _on(st.find(f"{W}default")):
                self.default_par = sid

    def prop(self, sid: str | None, path: str) -> _El | None:
        """The first element at `path` in the style or the styles it is based on."""
        seen = 0
        while sid and seen < 20:
            st = self.by_id.get(sid)
            if st is None:
                return None
            el = st.find(path)
            if el is not None:
                return el
            based = st.find(f"{W}basedOn")
            sid = based.get(f"{W}val") if based is not None else None
            seen += 1
        return None


class _Numbering:
    """Renders Word list numbers ("1.", "1.2.", "a)", "-") in document order."""

    def __init__(self, document: DocxDocument) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        for an in root.iter(f"{W}abstractNum"):
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in an.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                start = lvl.find(f"{W}start")
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                levels[ilvl] = (
                    int(start.get(f"{W}val", "1")) if start is not None else 1,
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{W}val", "") if text is not None else "",
                )
            self.levels[an.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            abs_el = num.find(f"{W}abstractNumId")
            overrides: dict[int, int] = {}
            for ov in num.iter(f"{W}lvlOverride"):
                so = ov.find(f"{W}startOverride")
                if so is not None:
                    overrides[int(ov.get(f"{W}ilvl", "0"))] = int(so.get(f"{W}val", "1"))
            if abs_el is not None:
                self.nums[num.get(f"{W}numId", "")] = (abs_el.get(f"{W}val", ""), overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums:
            return ""
        abs_id, overrides = self.nums[num_id]
        levels = self.levels.get(abs_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abs_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in overrides.items():
                counters[lv] = start - 1
        start, fmt, text = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return _bullet(text)
        if fmt == "none":
            return text if "%" not in text else ""

        def one(m: re.Match[str]) -> str:
            lv = int(m.group(1)) - 1
            if lv not in levels:
                return ""
            value = counters.get(lv, levels[lv][0])
            return _format_number(value, levels[lv][1] if lv != ilvl else fmt)

        return re.sub(r"%(\d)", one, text)


def _bullet(text: str) -> str:
    if not text:
        return "•"
    ch = text[0]
    code = ord(ch)
    if 0xF000 <= code <= 0xF0FF:
        return _SYMBOL_BULLETS.get(code - 0xF000, "•")
    if ch == "o":
        return "◦"
    return ch if not ch.isalnum() else "•"


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
    vals += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _format_number(n: int, fmt: str) -> str:
    if not 0 < n <= 10_000:
        return str(n)  # no list counts that far: a damaged or hostile numbering part
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letters = "abcdefghijklmnopqrstuvwxyz"
        s = letters[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Reader:
    def __init__(
        self, document: DocxDocument, progress: ProgressCallback | None, max_chars: int
    ) -> None:
        self.max_chars = max_chars
        self.where = ""  # the place of the paragraph being read, for a refusal
        self.styles = _Styles(document)
        self.numbering = _Numbering(document)
        self.document = document
        self.progress = progress
        self.lines: list[Line] = []
        self.count = 0

    # -- paragraphs

    def _par_style(self, p: _El) -> str | None:
        ps = p.find(f"{W}pPr/{W}pStyle")
        return ps.get(f"{W}val") if ps is not None else self.styles.default_par

    def _label(self, p: _El, sid: str | None) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            num_pr = self.styles.prop(sid, f"{W}pPr/{W}numPr")
        if num_pr is None:
            return ""
        nid = num_pr.find(f"{W}numId")
        il = num_pr.find(f"{W}ilvl")
        num_id = nid.get(f"{W}val") if nid is not None else None
        if not num_id or num_id == "0":
            return ""
        return self.numbering.label(num_id, int(il.get(f"{W}val", "0")) if il is not None else 0)

    def _runs(self, el: _El) -> Iterator[_El]:
        for child in el:
            if child.tag == f"{W}r":
                yield child
            elif child.tag in _INLINE:
                yield from self._runs(child)

    def _run_flag(self, r: _El, name: str, par_sid: str | None) -> bool:
        rpr = r.find(f"{W}rPr")
        if rpr is not None:
            v = _on(rpr.find(f"{W}{name}"))
            if v is not None:
                return v
            rs = rpr.find(f"{W}rStyle")
            if rs is not None:
                v = _on(self.styles.prop(rs.get(f"{W}val"), f"{W}rPr/{W}{name}"))
                if v is not None:
                    return v
        return bool(_on(self.styles.prop(par_sid, f"{W}rPr/{W}{name}")))

    def paragraph(self, p: _El, *, italics: bool = True) -> tuple[str, bool, bool]:
        """(text with *italic* marks, whole paragraph bold, centred)."""
        sid = self._par_style(p)
        pieces: list[tuple[str, bool]] = []
        bold_chars = 0
        chars = 0
        for r in self._runs(p):
            if self._run_flag(r, "vanish", sid):
                continue
            buf = []
            for c in r:
                tag = c.tag
                if tag == f"{W}t":
                    buf.append(c.text or "")
                elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                    buf.append(" ")
                elif tag == f"{W}noBreakHyphen":
                    buf.append("-")
                elif tag == f"{W}sym":
                    code = c.get(f"{W}char", "")
                    if code:
                        buf.append(_bullet(chr(int(code, 16))))
            text = "".join(buf)
            if not text:
                continue
            if self._run_flag(r, "caps", sid):
                text = text.upper()
            n = len(text.strip())
            chars += n
            if chars > self.max_chars:
                # refused while reading: a 40,000-run paragraph would cost seconds to finish
                raise too_long(self.where, self.max_chars)
            if self._run_flag(r, "b", sid):
                bold_chars += n
            pieces.append((text, italics and self._run_flag(r, "i", sid)))
        text = mark_italics(pieces)
        label = self._label(p, sid)
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        jc = p.find(f"{W}pPr/{W}jc")
        if jc is None:
            jc = self.styles.prop(sid, f"{W}pPr/{W}jc")
        centered = jc is not None and jc.get(f"{W}val") == "center"
        return text, chars > 0 and bold_chars >= chars, centered

    # -- body

    def blocks(self, parent: _El) -> Iterator[_El]:
        for child in parent:
            if child.tag in (f"{W}p", f"{W}tbl"):
                yield child
            elif child.tag in _BLOCK_CONTAINERS:
                yield from self.blocks(child)

    def read(self) -> list[Line]:
        body = self.document.element.body
        blocks = list(self.blocks(body))
        total = len(blocks)
        tables = 0
        for i, el in enumerate(blocks):
            if self.progress is not None and i % 50 == 0 and self.progress(i, total) is False:
                raise ImportCancelled("Đã hủy đọc tệp.")
            if el.tag == f"{W}p":
                self.count += 1
                self.where = f"đoạn {self.count}"
                text, bold, centered = self.paragraph(el)
                if text.strip():
                    self.lines.append(
                        Line(
                            text,
                            f"đoạn {self.count}",
                            bold=bold,
                            centered=centered,
                            is_paragraph=True,
                        )
                    )
            else:
                tables += 1
                self.table(el, f"bảng {tables}")
        return self.lines

    def table(self, tbl: _El, where: str) -> None:
        from app.importers.plans.importer import is_task_table

        grid = _grid_rows(tbl)
        rows: list[list[str]] = []
        for row in grid:
            cells = []
            in_row: set[int] = set()
            for tc in row:
                if id(tc) in in_row:
                    # a cell merged across columns ("I. Hạ tầng số" over the whole row) is
                    # one value: its first column holds it, the others stay empty
                    cells.append("")
                    continue
                in_row.add(id(tc))
                self.where = f"{where}, dòng {len(rows) + 1}"
                parts = [self.paragraph(p, italics=False)[0] for p in tc.iter(f"{W}p")]
                cells.append("\n".join(t.strip() for t in parts if t.strip()))
            rows.append(cells)
        if len(rows) >= 2 and is_task_table(rows):
            self.lines.append(Line("", where, rows=rows, is_paragraph=True))
            return
        # a layout table: its text, cell by cell (left column before right column)
        seen: set[int] = set()
        for row in grid:
            for tc in row:
                if id(tc) in seen:
                    continue
                seen.add(id(tc))
                for p in tc.iter(f"{W}p"):
                    self.count += 1
                    self.where = f"{where}, đoạn {self.count}"
                    text, bold, centered = self.paragraph(p)
                    if text.strip():
                        self.lines.append(
                            Line(
                                text,
                                f"{where}, đoạn {self.count}",
                                bold=bold,
                                centered=centered,
                                is_paragraph=True,
                            )
                        )


MAX_COLUMNS = 63  # Word's own limit: a span or offset past it is damage, not layout


def _span(el: _El | None, tag: str) -> int:
    """A w:gridSpan/w:gridBefore value, 1..MAX_COLUMNS (a hostile file may say 2e9)."""
    found = el.find(tag) if el is not None else None
    try:
        value = int(found.get(f"{W}val", "1")) if found is not None else 1
    except ValueError:
        value = 1
    return max(1, min(value, MAX_COLUMNS))


def _grid_rows(tbl: _El) -> list[list[_El]]:
    """Each row's w:tc elements, one per grid column it covers; a cell merged down
    (w:vMerge continue) stands for the cell above it, as Word shows it.

    python-docx's `row.cells` does the same, but repeats a cell for every column its
    gridSpan claims and follows vertical merges up recursively: a damaged file with a
    span of two billion, or a merge down three thousand rows, never finishes.
    """
    out: list[list[_El]] = []
    above: dict[int, _El] = {}  # grid column -> the tc holding it in the row before
    for tr in tbl.iterchildren(f"{W}tr"):
        trpr = tr.find(f"{W}trPr")
        col = _span(trpr, f"{W}gridBefore") - 1 if trpr is not None else 0
        row: list[_El] = []
        here: dict[int, _El] = {}
        for tc in tr.iterchildren(f"{W}tc"):
            if col >= MAX_COLUMNS:
                break
            tcpr = tc.find(f"{W}tcPr")
            span = min(_span(tcpr, f"{W}gridSpan"), MAX_COLUMNS - col)
            vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            owner = tc
            if vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue":
                owner = above.get(col, tc)
            for k in range(span):
                row.append(owner)
                here[col + k] = owner
            col += span
        above = here
        out.append(row)
    return out


def read_docx(
    path: Path, progress: ProgressCallback | None = None, limits: ImportLimits | None = None
) -> list[Line]:
    """Lines of a Word document; FileImportError when it cannot be opened."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as ex:
        raise FileImportError(
            f"tệp Word bị hỏng, không mở được ({ex}) (damaged file)", path=path
        ) from ex
    except Exception as ex:  # lxml syntax errors and the like from a damaged file
        if type(ex).__module__.startswith(("lxml", "docx")):
            raise FileImportError(
                "tệp Word bị hỏng, không mở được (damaged file)", path=path
            ) from ex
        raise
    max_chars = (limits or ImportLimits()).max_cell_chars
    try:
        lines = _Reader(document, progress, max_chars).read()
    except ImportLimitError as ex:
        if ex.path is not None:
            raise
        raise ImportLimitError(ex.message, path=path) from None
    sample = " ".join(ln.text for ln in lines[:200])
    legacy = detect_legacy(sample)
    if legacy:
        for ln in lines:
            ln.text = decode_legacy(ln.text, legacy)
            if ln.rows:
                ln.rows = [[decode_legacy(c, legacy) for c in row] for row in ln.rows]
    return lines

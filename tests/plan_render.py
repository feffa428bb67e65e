"""Render a plan written as text into a real .docx (python-docx) and .pdf (Qt).

The test plans in tests/data/plans are text; the same plan laid out as an office would
(header block in two columns, centred bold title, justified paragraphs with first-line
indent, italics, tables, "Nơi nhận" and signature side by side, page numbers and a
running footer in the PDF) shows that the three readers give the same tasks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.importers.plans.header import _title_index, parse_header
from app.importers.plans.importer import read_text
from app.importers.plans.lines import Para, is_caps_line, join_lines, marker_of
from app.importers.plans.outline import is_end_of_body

_MOTTO = re.compile(r"ĐẢNG CỘNG SẢN|CỘNG HÒA|CỘNG HOÀ|Độc lập|ngày .* tháng .* năm", re.IGNORECASE)


@dataclass
class Block:
    kind: str  # "head", "title", "para", "table", "sign"
    text: str = ""
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    bold: bool = False


_ATTACHED = re.compile(r"^\**\s*(?:KẾ HOẠCH|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN)\b")


def plan_model(path: Path) -> list[Block]:
    """The plan in `path` as blocks to lay out."""
    return _model(read_text(path))


def _attached_start(after: list) -> int | None:
    """Where a plan issued by the decision starts after the decision's signature: its own
    header lines (capitals, motto) just above its title."""
    k = next(
        (
            i
            for i, ln in enumerate(after)
            if ln.rows is None and _ATTACHED.match(ln.text.strip()) and is_caps_line(ln.text)
        ),
        None,
    )
    if k is None:
        return None
    while (
        k > 0
        and after[k - 1].rows is None
        and (is_caps_line(after[k - 1].text) or _MOTTO.search(after[k - 1].text))
    ):
        k -= 1
    return k


def _head_end(lines: list, end: int, titled: bool = True) -> int:
    """Where the header cells end: a web copy's "|" cells stop at the last "|" before the
    first sentence of the body; without a title line, the header is its issuer, number,
    motto and date lines (in capitals, or short), not the sentences after them."""
    last_pipe = None
    last_head = -1
    numbered = False
    for i, ln in enumerate(lines[:end]):
        if ln.rows is not None or (len(ln.text) > 60 and "|" not in ln.text):
            break
        if "|" in ln.text:
            last_pipe = i
        text = ln.text.strip()
        numbered = numbered or bool(re.match(r"(?i)số\b", text))
        # (capitals after the number are the title: "KẾT LUẬN" / "HỘI NGHỊ LẦN THỨ BẢY")
        if (
            (is_caps_line(text) and not numbered)
            or _MOTTO.search(text)
            or re.match(r"(?i)số\b|[-_*=\s]+$", text)
        ):
            last_head = i
        elif not titled and len(text) > 40:
            break
    if last_pipe is not None:
        return last_pipe + 1
    return end if titled else last_head + 1


def _model(lines: list) -> list[Block]:
    header = parse_header(lines)
    ti = _title_index(lines)
    blocks: list[Block] = []
    head_end = _head_end(lines, ti if ti is not None else header.body_start, ti is not None)
    left, right = split_head([ln.text for ln in lines[:head_end]])
    blocks.append(Block("head", left=left, right=right))
    body_start = header.body_start
    if ti is not None and head_end == ti:
        title = [
            ln.text for ln in lines[ti : header.body_start] if not re.fullmatch(r"[-*_ ]+", ln.text)
        ]
        blocks.append(Block("title", title[0], bold=True))
        if len(title) > 1:
            blocks.append(Block("title", " ".join(title[1:]), bold=True))
    else:
        body_start = head_end
    body = lines[body_start:]
    end = next(
        (i for i, ln in enumerate(body) if ln.rows is None and is_end_of_body(ln.text)), len(body)
    )
    after = body[end:]
    attached: list = []
    k = _attached_start(after)
    if k is not None:
        after, attached = after[:k], after[k:]
    tail_tables = [ln for ln in after if ln.rows is not None]
    for para in join_lines(body[:end]):
        blocks.append(_para_block(para))
    if after:
        sign = Block("sign")
        for ln in after:
            if ln.rows is not None:
                continue
            t = ln.text.strip()
            (sign.left if t.startswith(("-", "Nơi nhận", "+")) else sign.right).append(t)
        blocks.append(sign)
    # an appendix after the signature (a "PHỤ LỤC" heading and its table)
    appendix = False
    for ln in after:
        if ln.rows is None and re.match(r"(?i)phụ lục", ln.text.strip("* ")):
            appendix = True
        if appendix:
            blocks.append(
                Block("table", rows=ln.rows)
                if ln.rows is not None
                else Block("para", ln.text, bold=True)
            )
    if not appendix:
        blocks.extend(Block("table", rows=t.rows) for t in tail_tables)
    if attached:
        blocks.extend(_model(attached))  # the plan the decision issues, laid out as a plan
    return blocks


# ---------------------------------------------------------------------- header cells

_UNION = re.compile(r"^ĐOÀN\s+TNCS\s+HỒ\s+CHÍ\s+MINH$", re.IGNORECASE)
_STATE = re.compile(r"ĐẢNG CỘNG SẢN|CỘNG\s+H[OÒ]", re.IGNORECASE)
_RULE = re.compile(r"^[-_*—=~\s]+$")


def split_head(texts: list[str]) -> tuple[list[str], list[str]]:
    """The header lines as the two cells of a Word header table: (left, right).

    Web copies give the cells one after another, wrapped anywhere, with "|" between them
    ("THỦ TƯỚNG CHÍNH" / "PHỦ" / "|" / "CỘNG HÒA XÃ HỘI" / …) or two cells on a line
    ("ỦY BAN NHÂN DÂN | CỘNG HÒA … |"); other copies give a cell's lines in reading order.
    Left: the issuing body, its separator and the number; right: the motto and the date.
    """
    if any("|" in t for t in texts):
        cells = [c for c in "\n".join(texts).split("|") if c.strip()]
        # a table read row by row: cells alternate left, right
        sides = [k % 2 for k in range(len(cells))]
        groups = [[ln.strip() for ln in c.split("\n") if ln.strip()] for c in cells]
    else:
        groups = [[t.strip()] for t in texts if t.strip()]
        sides = [None] * len(groups)
    state = any(_STATE.search(t) for t in texts)
    left: list[str] = []
    right: list[str] = []
    last = left
    for side, group in zip(sides, groups):
        lines = _unwrap(group)
        if side is None:
            first = lines[0]
            if _RULE.match(first):
                # (the Party's "*" stands under the issuer)
                side = 1 if last is right and first.strip() != "*" else 0
            elif _MOTTO.search(first) or (_UNION.match(first) and not state):
                side = 1
            else:
                side = 0
        last = right if side else left
        last.extend(lines)
    return left, right


def _unwrap(lines: list[str]) -> list[str]:
    """Join the pieces of one line that a web page wrapped: "THỦ TƯỚNG CHÍNH" + "PHỦ",
    "Hà Nội, ngày 18" + "tháng 02 năm 2014", "Số:" + "27/QĐ-UBQGCĐS"."""
    out: list[str] = []
    for ln in lines:
        if out and not _RULE.match(ln) and not _RULE.match(out[-1]) and _wrapped(out[-1], ln):
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return out


def _wrapped(prev: str, nxt: str) -> bool:
    if prev.rstrip().endswith(":") or (re.search(r"ngày", prev) and not re.search(r"năm", prev)):
        return True
    if prev.upper().startswith(("CỘNG HÒA", "CỘNG HOÀ", "CỘNG")) and "NAM" not in prev.upper():
        return True
    caps = [all(c.isupper() for c in t if c.isalpha()) for t in (prev, nxt)]
    short = len(nxt.split()) <= 2 or len(prev.split()) <= (2 if caps[0] else 1)
    return caps[0] == caps[1] and short and nxt != "*"


def _para_block(para: Para) -> Block:
    if para.is_table:
        return Block("table", rows=para.rows or [])
    mk = marker_of(para.text)
    bold = (mk is not None and mk.style == "roman") or is_caps_line(para.text)
    return Block("para", para.text, bold=bold)


# ---------------------------------------------------------------------- Word


def _runs(paragraph, text: str, bold: bool = False) -> None:
    """Add `text` to a python-docx paragraph, `*…*` as italic runs."""
    for k, piece in enumerate(re.split(r"\*", text)):
        if not piece:
            continue
        run = paragraph.add_run(piece)
        run.bold = bold or None
        if k % 2 == 1:
            run.italic = True


def _no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


class _WordNumbering:
    """Word automatic numbering for "1.", "a)", "-" and "+" items (restarting per list)."""

    FORMATS = {
        "n1": ("decimal", "%1."),
        "letter": ("lowerLetter", "%1)"),
        "-": ("bullet", "-"),
        "+": ("bullet", "+"),
    }

    def __init__(self, document) -> None:
        from docx.oxml import parse_xml

        self.part = document.part.numbering_part
        self.root = self.part.element
        self.abstract: dict[str, int] = {}
        self.next_id = 900
        self.parse_xml = parse_xml
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        for style, (fmt, text) in self.FORMATS.items():
            aid = self.next_id
            self.next_id += 1
            xml = (
                f'<w:abstractNum {ns} w:abstractNumId="{aid}"><w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
            )
            first_num = self.root.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num"
            )
            el = parse_xml(xml)
            if first_num is not None:
                first_num.addprevious(el)
            else:
                self.root.append(el)
            self.abstract[style] = aid
        self.current: dict[str, int] = {}

    def num_for(self, style: str, restart: bool) -> int:
        if restart or style not in self.current:
            nid = self.next_id
            self.next_id += 1
            ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            xml = (
                f'<w:num {ns} w:numId="{nid}"><w:abstractNumId w:val="{self.abstract[style]}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
            self.root.append(self.parse_xml(xml))
            self.current[style] = nid
        return self.current[style]

    def apply(self, paragraph, style: str, restart: bool) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        ppr = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), "0")
        num_id = OxmlElement("w:numId")
        num_id.set(qn("w:val"), str(self.num_for(style, restart)))
        num_pr.append(ilvl)
        num_pr.append(num_id)
        ppr.insert(0, num_pr)


def write_docx(
    blocks: list[Block], out: Path, *, auto_numbering: bool = False, italics: bool = False
) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3), Cm(2)
    numbering = _WordNumbering(doc) if auto_numbering else None
    last_style: str | None = None
    for b in blocks:
        if b.kind in ("head", "sign"):
            table = doc.add_table(rows=1, cols=2)
            _no_borders(table)
            for cell, lines in zip(table.rows[0].cells, (b.left, b.right)):
                cell.paragraphs[0].text = ""
                for i, line in enumerate(lines):
                    p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    _runs(p, line, bold=line.isupper())
            last_style = None
        elif b.kind == "title":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _runs(p, b.text, bold=True)
        elif b.kind == "table":
            _word_table(doc, b.rows)
            last_style = None
        else:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Cm(1)
            text = b.text
            mk = marker_of(text)
            if numbering is not None and mk is not None and mk.style in _WordNumbering.FORMATS:
                restart = last_style != mk.style and mk.label in ("1", "a")
                numbering.apply(p, mk.style, restart)
                text = mk.rest
                last_style = mk.style
            elif mk is not None and mk.style == "roman":
                last_style = None
            _runs(p, italic_times(text) if italics else text, bold=b.bold)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


def _word_table(doc, rows: list[list[str]]) -> None:
    """A task table as Word keeps it: the header row repeated on every page, a group row
    ("I | Hoàn thiện thể chế | | |") merged across the columns after its label."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        cells = table.rows[r].cells
        filled = [c for c, v in enumerate(row) if v.strip()]
        if r == 0:
            table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        if r and width > 2 and filled and max(filled) <= 1:
            start = 1 if 1 in filled else 0
            merged = cells[start].merge(cells[-1])
            if start:
                cells[0].text = row[0]
            _runs(merged.paragraphs[0], row[start], bold=True)
            continue
        for c, value in enumerate(row):
            para = cells[c].paragraphs[0]
            for k, line in enumerate(value.split("\n")):
                target = para if k == 0 else cells[c].add_paragraph()
                _runs(target, line, bold=r == 0)


_TIME_GROUP = re.compile(
    r"\((?=[^()]*\b(?:năm|quý|tháng|ngày|thường xuyên|hằng|hàng|định kỳ|thời gian)\b)[^()*]{3,200}\)"
    r"|(?<![*\w])(?:Thời gian|Thời hạn|Tiến độ)(?: thực hiện| hoàn thành| hoàn tất)?\s*:[^.;*]{2,120}",
    re.IGNORECASE,
)


def italic_times(text: str) -> str:
    """Deadlines in italics, as offices type them: "(*hoàn thành trong quý II/2024*)",
    "*Thời gian thực hiện: tháng 10/2024*"."""
    if "*" in text:
        return text

    def wrap(m: re.Match[str]) -> str:
        g = m.group(0)
        return f"(*{g[1:-1].strip()}*)" if g.startswith("(") else f"*{g.strip()}*"

    return _TIME_GROUP.sub(wrap, text)


# ---------------------------------------------------------------------- PDF (Qt)


def _html_text(text: str) -> str:
    parts = re.split(r"\*", text)
    return "".join(
        f"<i>{html.escape(p)}</i>" if k % 2 else html.escape(p) for k, p in enumerate(parts)
    )


def _column_widths(rows: list[list[str]]) -> list[int]:
    """Percent widths as an office lays out a task table: narrow STT, wide content."""
    n = max(len(r) for r in rows)
    if n < 3:
        return [100 // n] * n
    rest = (100 - 6 - 30) // (n - 2)
    return [6, 30] + [rest] * (n - 2)


def plan_html(blocks: list[Block]) -> str:
    out = ['<html><body style="font-size:13pt">']
    for b in blocks:
        if b.kind in ("head", "sign"):
            left = "<br>".join(_html_text(x) for x in b.left)
            right = "<br>".join(_html_text(x) for x in b.right)
            out.append(
                '<table width="100%" cellspacing="0" cellpadding="0" style="font-size:11pt"><tr>'
                f'<td width="40%" align="center">{left}</td><td width="3%"></td>'
                f'<td width="57%" align="center">{right}</td></tr></table>'
            )
        elif b.kind == "title":
            out.append(f'<p align="center"><b>{_html_text(b.text)}</b></p>')
        elif b.kind == "table":
            widths = _column_widths(b.rows)
            rows = "".join(
                "<tr>"
                + "".join(f'<td width="{w}%">{html.escape(c)}</td>' for c, w in zip(row, widths))
                + "</tr>"
                for row in b.rows
            )
            out.append(
                '<table border="1" cellspacing="0" cellpadding="3" width="100%" '
                f'style="font-size:10pt">{rows}</table>'
            )
        else:
            inner = _html_text(b.text)
            if b.bold:
                inner = f"<b>{inner}</b>"
            out.append(f'<p align="justify" style="text-indent:38px; margin:0">{inner}</p>')
    out.append("</body></html>")
    return "".join(out)


def write_pdf(blocks: list[Block], out: Path) -> Path:
    """A4 PDF printed by Qt (QTextDocument.print_): justified text, page numbers."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import (
        QFont,
        QGuiApplication,
        QPageLayout,
        QPageSize,
        QPdfWriter,
        QTextDocument,
    )

    _app = QGuiApplication.instance() or QGuiApplication([])
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(out))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(30, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    doc = QTextDocument()
    font = QFont("DejaVu Serif")
    font.setPointSize(12)
    doc.setDefaultFont(font)
    doc.setHtml(plan_html(blocks))
    doc.print_(writer)
    return out

"""Printable documents in the Vietnamese administrative layout (no Qt here).

A `PrintDoc` says what to print: the organisation block, title, one table (section and
unit rows between task rows) and closing text, laid out the way a Vietnamese office
document looks (Nghị định 30/2020/NĐ-CP for state bodies, the Party's own guidance for
Party bodies): issuer top-left with its parent body above (a star under it for Party
bodies, a short rule for state bodies), the motto top-right with a rule under it, place
and date in italics, a centred bold title, the table, then "Nơi nhận" bottom-left and
the signature block bottom-right.

The top of the first page and the closing are HTML (`front_html`, `closing_html`;
lengths in CSS pixels, 1/96 inch); the table is given as plain cell specs
(`header_cells`, `row_cells`) that `app.exports.weekly.textdoc` builds with Qt's cursor
API, fitted to the pages by `app.exports.weekly.paging`, with page numbers and the rules
listed by `rules()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any

from app.exports.office import Org

FONT_FAMILY = "Liberation Serif"  # metric-compatible with Times New Roman; bundled
BODY_PT = 13
TABLE_PT = 12

# Margins in millimetres (Nghị định 30/2020/NĐ-CP, Phụ lục I): top 20–25, bottom
# 20–25, left 30–35, right 15–20. Landscape pages keep the binding edge on the left.
MARGINS_MM = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float  # percent of the table width: the most a column takes (see `grow`)
    align: str = "left"  # left | center | right
    grow: bool = False  # takes what the others leave, and at least `width`


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    sub: str = ""  # a second, smaller italic line (the deadline as written, the plan…)
    bold: bool = False


@dataclass(frozen=True, slots=True)
class SectionRow:
    """A part of the list ("I. NHIỆM VỤ QUÁ HẠN…"), spanning the whole table."""

    title: str


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A department (or plan) heading inside a section, spanning the whole table."""

    title: str


@dataclass(frozen=True, slots=True)
class NoteRow:
    """An italic line spanning the table, e.g. "Không có nhiệm vụ."."""

    text: str


@dataclass(frozen=True, slots=True)
class DataRow:
    cells: tuple[Cell | str, ...]
    task_id: int | None = None


Row = SectionRow | GroupRow | NoteRow | DataRow


@dataclass(frozen=True, slots=True)
class PrintDoc:
    org: Org
    title: str  # "DANH SÁCH NHIỆM VỤ TRONG TUẦN" (printed in capitals)
    day: date  # the date of the place-and-date line
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    subtitle: tuple[str, ...] = ()  # bold lines under the title
    intro: tuple[str, ...] = ()  # paragraphs before the table
    closing: tuple[str, ...] = ()  # paragraphs after the table
    recipients: tuple[str, ...] = ("Như trên;", "Lưu VP.")
    landscape: bool = False
    number: str = ""  # "Số 12-DS/VP" (empty: no number line)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def table_pt(self) -> int:
        """Table text: 12 pt across a landscape page, 11 pt in portrait's narrower columns."""
        return TABLE_PT if self.landscape else TABLE_PT - 1

    @property
    def data_rows(self) -> list[DataRow]:
        return [r for r in self.rows if isinstance(r, DataRow)]


@dataclass(frozen=True, slots=True)
class Rule:
    """A short line drawn under the first block whose text is `text`.

    `fraction` of that text's width, centred on it (1.0: exactly as long as the text).
    """

    text: str
    fraction: float


def motto_lines(org: Org) -> list[tuple[str, int]]:
    """(text, point size) of the motto, top-right."""
    if not org.party:
        return [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12), ("Độc lập - Tự do - Hạnh phúc", 13)]
    return [("ĐẢNG CỘNG SẢN VIỆT NAM", 14)]


def rules(doc: PrintDoc) -> list[Rule]:
    """The lines under the motto and (state bodies) under the issuer's name."""
    out = [Rule(motto_lines(doc.org)[-1][0], 1.0)]
    if not doc.org.party:
        out.append(Rule(doc.org.issuer_line, 0.4))
    return out


def _p(text: str, *, pt: int | None = None, align: str = "center", style: str = "") -> str:
    size = f"font-size:{pt}pt;" if pt else ""
    return f'<p align="{align}" style="margin-top:0; margin-bottom:0; {size}{style}">{text}</p>'


def _lines(text: str) -> str:
    return "<br/>".join(escape(part) for part in text.split("\n"))


def _header(doc: PrintDoc) -> str:
    org = doc.org
    left: list[str] = []
    if org.parent_line:
        left.append(_p(_lines(org.parent_line), pt=13))
    left.append(_p(f"<b>{_lines(org.issuer_line)}</b>", pt=13))
    if org.party:
        left.append(_p("*", pt=13))
    else:
        left.append(_p("&nbsp;", pt=6))
    if doc.number:
        left.append(_p(escape(doc.number), pt=13, style="margin-top:5px;"))
    right = [_p(f"<b>{escape(text)}</b>", pt=pt) for text, pt in motto_lines(org)]
    right.append(
        _p(
            f"<i>{escape(org.date_line(doc.day))}</i>",
            pt=BODY_PT,
            style="margin-top:16px;",
        )
    )
    left_w, right_w = (50, 50) if org.party else (40, 60)
    return (
        '<table width="100%" cellspacing="0" cellpadding="0" border="0">'
        f'<tr><td width="{left_w}%" valign="top">{"".join(left)}</td>'
        f'<td width="{right_w}%" valign="top">{"".join(right)}</td></tr></table>'
    )


def _title(doc: PrintDoc) -> str:
    parts = [_p(f"<b>{escape(doc.title.upper())}</b>", pt=14, style="margin-top:24px;")]
    parts += [_p(f"<b>{escape(line)}</b>", pt=14) for line in doc.subtitle]
    parts.append(_p("-----" if doc.org.party else "&nbsp;", pt=BODY_PT))
    parts += [
        _p(escape(line), pt=BODY_PT, align="justify", style="margin-top:8px; text-indent:48px;")
        for line in doc.intro
    ]
    return "".join(parts)


# --------------------------------------------------------------------------- the list
# The table is built with Qt's cursor API from these plain specs (HTML parsing costs
# milliseconds per row, the cursor API microseconds).


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    pt: float
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class CellSpec:
    paragraphs: tuple[tuple[Run, ...], ...]
    align: str = "left"
    span: int = 1  # columns this cell covers (section and unit rows span the table)


def header_cells(doc: PrintDoc) -> list[CellSpec]:
    pt = doc.table_pt
    return [
        CellSpec(tuple((Run(line, pt, bold=True),) for line in c.title.split("\n")), "center")
        for c in doc.columns
    ]


def _paragraphs(
    text: str, pt: float, *, bold: bool = False, italic: bool = False
) -> tuple[tuple[Run], ...]:
    return tuple((Run(line, pt, bold, italic),) for line in (text or "").split("\n"))


def row_cells(row: Row, doc: PrintDoc) -> list[CellSpec]:
    """The cells of one table row (a spanning row is one cell)."""
    pt = doc.table_pt
    n = len(doc.columns)
    if isinstance(row, SectionRow):
        return [CellSpec(_paragraphs(row.title, pt, bold=True), "left", n)]
    if isinstance(row, GroupRow):
        return [CellSpec(_paragraphs(row.title, pt, bold=True, italic=True), "left", n)]
    if isinstance(row, NoteRow):
        return [CellSpec(_paragraphs(row.text, pt, italic=True), "center", n)]
    out: list[CellSpec] = []
    cells = list(row.cells) + [""] * (n - len(row.cells))
    for cell, col in zip(cells, doc.columns):
        c = cell if isinstance(cell, Cell) else Cell(cell)
        paras = _paragraphs(c.text, pt, bold=c.bold)
        if c.sub:
            paras += _paragraphs(c.sub, pt - 1, italic=True)
        out.append(CellSpec(paras, col.align))
    return out


def html_page(body: str) -> str:
    return (
        '<html><head><meta charset="utf-8"/></head>'
        f"<body style=\"font-family:'{FONT_FAMILY}'; font-size:{BODY_PT}pt;\">{body}</body></html>"
    )


def _closing(doc: PrintDoc) -> str:
    parts = [
        _p(escape(line), pt=BODY_PT, align="justify", style="margin-top:8px; text-indent:48px;")
        for line in doc.closing
    ]
    org = doc.org
    if org.party:
        heading = _p("<u>Nơi nhận:</u>", pt=BODY_PT, align="left")
    else:
        heading = _p("<b><i>Nơi nhận:</i></b>", pt=12, align="left")
    recipients = heading + "".join(
        _p(f"- {escape(r)}", pt=11, align="left") for r in doc.recipients
    )
    sign: list[str] = []
    if org.authority_line:
        sign.append(_p(f"<b>{_lines(org.authority_line)}</b>", pt=BODY_PT))
    sign.append(_p(f"<b>{_lines(org.title_line)}</b>", pt=BODY_PT))
    sign.append(_p("&nbsp;<br/>&nbsp;<br/>&nbsp;<br/>&nbsp;", pt=BODY_PT))
    sign.append(_p(f"<b>{escape(org.name_line)}</b>", pt=14))
    parts.append(
        '<table width="100%" cellspacing="0" cellpadding="0" border="0" style="margin-top:16px;">'
        f'<tr><td width="45%" valign="top">{recipients}</td>'
        f'<td width="55%" valign="top">{"".join(sign)}</td></tr></table>'
    )
    return "".join(parts)


def front_html(doc: PrintDoc) -> str:
    """The top of the first page: organisation, motto, place and date, title, intro."""
    return html_page(_header(doc) + _title(doc))


def closing_html(doc: PrintDoc) -> str:
    """After the list: closing paragraphs, recipients and the signature block."""
    return html_page(_closing(doc))

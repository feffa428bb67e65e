"""The printed document as a QTextDocument: built from cell specs, measured, split.

Part of the print renderer (app.exports.weekly.render), the only other exports module
that imports PySide6. Layout happens on a fixed 96-dpi device with the bundled Liberation
Serif (metric-compatible with Times New Roman), so line and page breaks do not depend on
the PC, its screen or its printer. The table is one QTextTable per page, each starting
with the header row; rows are measured without pages first (app.exports.weekly.paging
chooses the cuts), and a row cut between two pages is measured line by line so that it is
split exactly where Qt breaks its lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableCell,
    QTextTableFormat,
)

from app.exports.weekly.layout import (
    BODY_PT,
    FONT_FAMILY,
    CellSpec,
    PrintDoc,
    Run,
    closing_html,
    front_html,
    header_cells,
)
from app.exports.weekly.paging import Piece, split_cell

LAYOUT_DPI = 96  # CSS pixels: HTML lengths and the page are laid out in 1/96 inch
PADDING = 4.0  # cell padding, layout pixels
HEADING_PADDING = 2.0  # above and below a section or unit heading
BORDER = 1.0
MEASURE_CHUNK = 40  # rows per measuring table: Qt lays big tables out slowly
MIN_SPLIT_LINES = 5  # a row of fewer lines moves whole to the next page
KEEP_LINES = 2  # lines of a split row that stay on each page, at least

Rows = Sequence[Piece]


def layout_device() -> QImage:
    """A fixed 96-dpi device, so line breaks do not depend on the screen or printer."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dpm = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    return image


def base_font() -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(BODY_PT)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


@cache
def _char_format(pt: float, bold: bool, italic: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontFamilies([FONT_FAMILY])
    fmt.setFontPointSize(pt)
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(italic)
    return fmt


class Measurer:
    """Widths of text runs on the layout device (for the column widths)."""

    def __init__(self, device: QImage) -> None:
        self.device = device
        self._metrics: dict[tuple[float, bool, bool], QFontMetricsF] = {}
        self._known: dict[Run, float] = {}  # words repeat: unit names, dates, statuses

    def __call__(self, run: Run) -> float:
        width = self._known.get(run)
        if width is None:
            width = self._known[run] = self._measure(run)
        return width

    def _measure(self, run: Run) -> float:
        key = (run.pt, run.bold, run.italic)
        fm = self._metrics.get(key)
        if fm is None:
            font = _char_format(*key).font()
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # as laid out
            fm = QFontMetricsF(font, self.device)
            self._metrics[key] = fm
        return fm.horizontalAdvance(run.text) + 1.0  # a pixel to spare: never a forced break


# --------------------------------------------------------------------------- building


_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}


def _fill(cell: QTextTableCell, spec: CellSpec) -> None:
    cursor = cell.firstCursorPosition()
    block = QTextBlockFormat()
    block.setAlignment(_ALIGN.get(spec.align, Qt.AlignmentFlag.AlignLeft))
    for i, para in enumerate(spec.paragraphs):
        if i:
            cursor.insertBlock(block)
        else:
            cursor.setBlockFormat(block)
        for run in para:
            cursor.insertText(run.text, _char_format(run.pt, run.bold, run.italic))


def _table_format(widths: Sequence[float], first: bool) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(1)
    fmt.setBorder(BORDER)
    fmt.setBorderBrush(QBrush(QColor(0, 0, 0)))
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(PADDING)
    fmt.setCellSpacing(0)
    fmt.setTopMargin(8 if first else 0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setColumnWidthConstraints(
        [QTextLength(QTextLength.Type.PercentageLength, w) for w in widths]
    )
    return fmt


@dataclass(slots=True)
class Sheet:
    """What every table of one document shares: the page body and the column widths."""

    pdoc: PrintDoc
    device: QImage
    width: float  # page body width, layout pixels
    widths: Sequence[float]  # column widths, percent


def _insert_table(cursor: QTextCursor, sheet: Sheet, rows: Rows, first: bool) -> None:
    n = len(sheet.pdoc.columns)
    table = cursor.insertTable(len(rows) + 1, n, _table_format(sheet.widths, first))
    for c, spec in enumerate(header_cells(sheet.pdoc)):
        cell = table.cellAt(0, c)
        fmt = cell.format().toTableCellFormat()
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        cell.setFormat(fmt)
        _fill(cell, spec)
    for r, row in enumerate(rows, 1):
        col = 0
        for spec in row.cells:
            cell = table.cellAt(r, col)
            if spec.span > 1:
                table.mergeCells(r, col, 1, spec.span)
                cell = table.cellAt(r, col)
                fmt = cell.format().toTableCellFormat()
                fmt.setTopPadding(HEADING_PADDING)  # a one-line heading needs less air
                fmt.setBottomPadding(HEADING_PADDING)
                cell.setFormat(fmt)
            _fill(cell, spec)
            col += spec.span


def build(
    sheet: Sheet,
    parts: Sequence[Rows],
    *,
    page_h: float | None = None,
    front: bool = True,
    closing: bool = True,
) -> QTextDocument:
    """The document with the list cut into `parts` (one table each), laid out once.

    A null page size keeps Qt from laying out while cells are filled (otherwise every
    insertion re-lays the table out); the real size is set at the end: the width and,
    for the paginated document, `page_h`. Consecutive tables are separated by an empty
    paragraph that carries the page break.
    """
    doc = QTextDocument()
    doc.setPageSize(QSizeF(0, 0))
    doc.documentLayout().setPaintDevice(sheet.device)
    doc.setDefaultFont(base_font())
    doc.setDocumentMargin(0)
    if front:
        doc.setHtml(front_html(sheet.pdoc))
    cursor = QTextCursor(doc)
    for i, rows in enumerate(parts):
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if i > 0:
            break_before(cursor.block())
        _insert_table(cursor, sheet, rows, first=i == 0)
    if closing:
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml(closing_html(sheet.pdoc))
    doc.setPageSize(QSizeF(sheet.width, page_h if page_h is not None else -1))
    return doc


def break_before(block: QTextBlock) -> None:
    cursor = QTextCursor(block)
    fmt = cursor.blockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.setBlockFormat(fmt)


def tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def list_tables(doc: QTextDocument) -> list[QTextTable]:
    return [t for t in tables(doc) if t.format().headerRowCount() > 0]


# --------------------------------------------------------------------------- measuring


def _row_tops(doc: QTextDocument) -> tuple[list[float], float, float]:
    """Text tops of the body rows of the first list table, its top and its end."""
    table = list_tables(doc)[0]
    layout = doc.documentLayout()
    tops = [
        layout.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).top()
        for r in range(1, table.rows())
    ]
    return tops, layout.frameBoundingRect(table).top(), table_end(doc, table)


def table_end(doc: QTextDocument, table: QTextTable) -> float:
    """Where the table's last row ends: its text, padding and rule (Qt's frame
    rectangle reaches further down)."""
    layout = doc.documentLayout()
    last = table.rows() - 1
    text_end = max(
        layout.blockBoundingRect(table.cellAt(last, c).lastCursorPosition().block()).bottom()
        for c in range(table.columns())
    )
    return text_end + PADDING + BORDER


def pitches(sheet: Sheet, rows: Rows) -> list[float]:
    """Each row's height, measured a few dozen at a time (rows do not affect each other:
    the columns have fixed widths)."""
    out: list[float] = []
    for a in range(0, len(rows), MEASURE_CHUNK):
        doc = build(sheet, [rows[a : a + MEASURE_CHUNK]], front=False, closing=False)
        tops, _, bottom = _row_tops(doc)
        out += [y1 - y0 for y0, y1 in zip(tops, tops[1:])] + [bottom - tops[-1]]
    return out


@dataclass(frozen=True, slots=True)
class Frame:
    """Where things go on a page: the first row of page one, a row under a repeated
    header, and the height of the closing (recipients, signature) below the table."""

    first_top: float
    header: float  # from a table's top to its first row
    closing: float


def frame(sheet: Sheet, first: Piece) -> Frame:
    doc = build(sheet, [[first]])
    tops, top, bottom = _row_tops(doc)
    closing = doc.documentLayout().documentSize().height() - bottom
    return Frame(tops[0], tops[0] - top, closing)


def _least_line(sheet: Sheet) -> float:
    """The height of the smallest line a table cell holds (its italic second lines)."""
    pt = min(r.pt for p in header_cells(sheet.pdoc) for para in p.paragraphs for r in para)
    return QFontMetricsF(_char_format(pt - 1, False, True).font(), sheet.device).height()


@dataclass(frozen=True, slots=True)
class _Line:
    para: int
    start: int  # character offset in the paragraph
    bottom: float  # from the top of the row's text


def _cell_lines(doc: QTextDocument, cell: QTextTableCell, top: float) -> list[_Line]:
    layout = doc.documentLayout()
    block = cell.firstCursorPosition().block()
    last = cell.lastCursorPosition().block()
    out: list[_Line] = []
    para = 0
    while block.isValid():
        y = layout.blockBoundingRect(block).top() - top
        text = block.layout()
        for k in range(text.lineCount()):
            line = text.lineAt(k)
            out.append(_Line(para, line.textStart(), y + line.y() + line.height()))
        if block == last:
            break
        block = block.next()
        para += 1
    return out


def split_row(
    sheet: Sheet, piece: Piece, avail: float, height: float
) -> tuple[Piece, Piece, float, float] | None:
    """`piece` (`height` high) cut at a line boundary so that its first part is at most
    `avail` high.

    None when that would leave fewer than KEEP_LINES of its tallest cell on either page,
    or the row is too short to be worth cutting. Every cell is cut at the same height;
    the parts' heights are measured again, as printed.
    """
    line = _least_line(sheet)
    if (
        not piece.splittable
        or height < MIN_SPLIT_LINES * line
        or avail < KEEP_LINES * line + 2 * (PADDING + BORDER)
    ):
        return None  # known without laying the row out
    doc = build(sheet, [[piece]], front=False, closing=False)
    table = list_tables(doc)[0]
    layout = doc.documentLayout()
    row_top = layout.blockBoundingRect(table.cellAt(1, 0).firstCursorPosition().block()).top()
    lines = [_cell_lines(doc, table.cellAt(1, c), row_top) for c in range(len(piece.cells))]
    tallest = max(lines, key=lambda ls: ls[-1].bottom if ls else 0.0)
    if len(tallest) < MIN_SPLIT_LINES:
        return None
    # Cut heights: line ends where no cell keeps or leaves a single line of several.
    cuts_at = [
        y
        for y in sorted({ln.bottom for ls in lines for ln in ls}, reverse=True)
        if y <= min(avail - (PADDING + BORDER), tallest[-KEEP_LINES - 1].bottom)
        and _clean_cut(lines, y)
    ]
    for limit in cuts_at[:3]:  # measured parts may differ by a pixel from the cut
        if sum(1 for ln in tallest if ln.bottom <= limit) < KEEP_LINES:
            return None
        cuts = [next(((ln.para, ln.start) for ln in ls if ln.bottom > limit), None) for ls in lines]
        halves = [split_cell(spec, cut) for spec, cut in zip(piece.cells, cuts)]
        head = Piece(tuple(h for h, _ in halves), splittable=True)
        tail = Piece(tuple(t for _, t in halves), splittable=True)
        head_h = pitches(sheet, [head])[0]  # the last row of its page
        tail_h = pitches(sheet, [tail, head])[0]  # rows may follow it
        if head_h <= avail:
            return head, tail, head_h, tail_h
    return None


def _clean_cut(lines: list[list[_Line]], limit: float) -> bool:
    """Whether cutting every cell at `limit` leaves no cell with one lone line on either
    side (a cell of one or two lines stays whole or goes whole)."""
    for ls in lines:
        kept = sum(1 for ln in ls if ln.bottom <= limit)
        if 0 < kept < len(ls) and (kept < KEEP_LINES or len(ls) - kept < KEEP_LINES):
            return False
    return True

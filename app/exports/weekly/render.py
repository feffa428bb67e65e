"""Printing with Qt: the weekly list and the other reports, to PDF or a printer.

The only module outside `app/ui` that imports PySide6. It renders a `PrintDoc`
(app.exports.weekly.layout) on any paged device — QPdfWriter for PDF, the QPrinter of
the print dialog or the preview — with the same code, so the preview, the paper and
the PDF are the same pages. Layout happens on a fixed 96-dpi device with the bundled
Liberation Serif (metric-compatible with Times New Roman), so line and page breaks do
not depend on the PC, its screen or its printer; painting scales to the device.

The list is cut into one table per page, each starting with the header row, so a row
is never split across two pages: rows are measured first, then `plan_pages` chooses
the cuts. QTextDocument and QPdfWriter work outside the GUI thread, so the UI can run
`write_pdf` in a background job.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
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

from app.db.store import Database
from app.errors import DonDocError
from app.exports.weekly.data import WeeklyOptions, collect_week, weekly_document
from app.exports.weekly.layout import (
    BODY_PT,
    FONT_FAMILY,
    MARGINS_MM,
    CellSpec,
    PrintDoc,
    Row,
    closing_html,
    front_html,
    header_cells,
    plan_pages,
    row_cells,
    rules,
)
from app.resources import resource_path

__all__ = [
    "WeeklyOptions",
    "layout_for",
    "render",
    "render_page_image",
    "write_pdf",
    "write_weekly_pdf",
]

Progress = Callable[..., bool]
PDF_DPI = 1200
LAYOUT_DPI = 96  # CSS pixels: HTML lengths and the page are laid out in 1/96 inch
_MEASURE_CHUNK = 40  # rows per measuring table: Qt lays big tables out slowly
_FONT_FILES = ("Regular", "Bold", "Italic", "BoldItalic")
_fonts_lock = threading.Lock()
_fonts_ready = False
_app: QGuiApplication | None = None  # the CLI's application object, kept alive


def ensure_gui() -> None:
    """Fonts and painting need an application object; the CLI gets a windowless one.

    A QApplication (not a mere QGuiApplication), so that the same process can still
    open windows afterwards (tests, or the GUI calling this code): Qt allows only one.
    """
    global _app
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication  # only without a Qt application (the CLI)

        args = ["dondoc"]
        if not os.environ.get("QT_QPA_PLATFORM"):
            args += ["-platform", "offscreen"]
        _app = QApplication(args)
    register_fonts()


def register_fonts() -> None:
    """Register the bundled Liberation Serif once (call first from the GUI thread)."""
    global _fonts_ready
    with _fonts_lock:
        if _fonts_ready:
            return
        for style in _FONT_FILES:
            path = resource_path("fonts", f"LiberationSerif-{style}.ttf")
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                raise DonDocError(f"Không nạp được phông chữ {path.name} (tệp bị thiếu hoặc hỏng).")
        _fonts_ready = True


def layout_for(landscape: bool) -> QPageLayout:
    """A4 with the official margins (top, bottom, left 30, right 15 mm)."""
    m = MARGINS_MM
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        QMarginsF(m["left"], m["top"], m["right"], m["bottom"]),
        QPageLayout.Unit.Millimeter,
    )


def _px(mm: float) -> float:
    return mm * LAYOUT_DPI / 25.4


def _layout_device() -> QImage:
    """A fixed 96-dpi device, so line breaks do not depend on the screen or printer."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dpm = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    return image


def _base_font() -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(BODY_PT)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


# --------------------------------------------------------------------------- building


@cache
def _char_format(pt: float, bold: bool, italic: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontFamilies([FONT_FAMILY])
    fmt.setFontPointSize(pt)
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(italic)
    return fmt


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


def _table_format(pdoc: PrintDoc, first: bool) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(1)
    fmt.setBorder(1.0)
    fmt.setBorderBrush(QBrush(QColor(0, 0, 0)))
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setTopMargin(8 if first else 0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setColumnWidthConstraints(
        [QTextLength(QTextLength.Type.PercentageLength, c.width) for c in pdoc.columns]
    )
    return fmt


def _insert_list(cursor: QTextCursor, pdoc: PrintDoc, rows: Sequence[Row], first: bool) -> None:
    table = cursor.insertTable(len(rows) + 1, len(pdoc.columns), _table_format(pdoc, first))
    for c, spec in enumerate(header_cells(pdoc)):
        cell = table.cellAt(0, c)
        fmt = cell.format().toTableCellFormat()
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        cell.setFormat(fmt)
        _fill(cell, spec)
    for r, row in enumerate(rows, 1):
        col = 0
        for spec in row_cells(row, pdoc):
            if spec.span > 1:
                table.mergeCells(r, col, 1, spec.span)
            _fill(table.cellAt(r, col), spec)
            col += spec.span


def _build(
    pdoc: PrintDoc,
    device: QImage,
    width: float,
    parts: Sequence[Sequence[Row]],
    *,
    page_h: float | None = None,
    front: bool = True,
    closing: bool = True,
) -> QTextDocument:
    """The document with the list cut into `parts` (one table each), laid out once.

    A null page size keeps Qt from laying out while cells are filled (otherwise every
    insertion re-lays the table out); the real size is set at the end: `width` and,
    for the paginated document, `page_h`. Consecutive tables are separated by an empty
    paragraph that carries the page break.
    """
    doc = QTextDocument()
    doc.setPageSize(QSizeF(0, 0))
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(_base_font())
    doc.setDocumentMargin(0)
    if front:
        doc.setHtml(front_html(pdoc))
    cursor = QTextCursor(doc)
    for i, rows in enumerate(parts):
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if i > 0:
            _break_before(cursor.block())
        _insert_list(cursor, pdoc, rows, first=i == 0)
    if closing:
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml(closing_html(pdoc))
    doc.setPageSize(QSizeF(width, page_h if page_h is not None else -1))
    return doc


def _break_before(block: QTextBlock) -> None:
    cursor = QTextCursor(block)
    fmt = cursor.blockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.setBlockFormat(fmt)


def _tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def _list_tables(doc: QTextDocument) -> list[QTextTable]:
    return [t for t in _tables(doc) if t.format().headerRowCount() > 0]


# --------------------------------------------------------------------------- pagination


def _row_tops(doc: QTextDocument) -> tuple[list[float], float, float]:
    """Block tops of the body rows of the first list table, its top and its bottom."""
    table = _list_tables(doc)[0]
    layout = doc.documentLayout()
    tops = [
        layout.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).top()
        for r in range(1, table.rows())
    ]
    frame = layout.frameBoundingRect(table)
    return tops, frame.top(), frame.bottom()


def _page_breaks(
    pdoc: PrintDoc, device: QImage, width: float, page_h: float, gap: float
) -> list[int]:
    """Measure the rows without pages, a few hundred at a time, and choose the cuts.

    Row heights do not depend on the other rows (columns have fixed widths). `gap` is
    the space Qt leaves above a table that starts a page (the separating paragraph).
    """
    rows = pdoc.rows
    if not rows:
        return []
    head = _build(pdoc, device, width, [rows[:1]], closing=False)
    tops, frame_top, _ = _row_tops(head)
    first_top, offset = tops[0], tops[0] - frame_top
    pitches: list[float] = []
    for a in range(0, len(rows), _MEASURE_CHUNK):
        part = _build(
            pdoc, device, width, [rows[a : a + _MEASURE_CHUNK]], front=False, closing=False
        )
        tops, _, bottom = _row_tops(part)
        pitches += [y1 - y0 for y0, y1 in zip(tops, tops[1:])] + [bottom - tops[-1]]
    return plan_pages(pdoc, first_top, gap + offset, pitches, page_h)


def _overflow(doc: QTextDocument, page_h: float) -> tuple[bool, float]:
    """Whether a list table runs past its page, and the largest gap above a table."""
    layout = doc.documentLayout()
    spill, gap = False, 0.0
    for i, table in enumerate(_list_tables(doc)):
        r = layout.frameBoundingRect(table)
        page = int(r.top() // page_h)
        if i > 0:
            gap = max(gap, r.top() - page * page_h)
        if r.bottom() > (page + 1) * page_h + 3 and table.rows() > 2:
            spill = True
    return spill, gap


def _parts(rows: Sequence[Row], breaks: list[int]) -> list[Sequence[Row]]:
    cuts = [0, *breaks, len(rows)]
    return [rows[a:b] for a, b in zip(cuts, cuts[1:])]


@dataclass(slots=True)
class _Laid:
    doc: QTextDocument
    width: float  # page body in layout pixels
    height: float
    lines: list[tuple[int, QLineF]]  # (page, line in page coordinates)
    device: QImage  # the layout device must live as long as the document

    @property
    def pages(self) -> int:
        return self.doc.pageCount()


def _lay_out(pdoc: PrintDoc, page: QPageLayout) -> _Laid:
    """Lay the document out, one page = the paint rect of `page` in 96-dpi pixels.

    The cut is checked on the paginated layout and redone with the measured spacing if
    a table runs over its page. A row taller than a whole page is split by Qt.
    """
    rect = page.paintRectPixels(LAYOUT_DPI)
    width, height = float(rect.width()), float(rect.height())
    device = _layout_device()
    gap = QFontMetricsF(_base_font(), device).lineSpacing()
    breaks = _page_breaks(pdoc, device, width, height, gap)
    doc = _build(pdoc, device, width, _parts(pdoc.rows, breaks), page_h=height)
    for attempt in range(2):
        spill, measured = _overflow(doc, height)
        if not spill or not breaks:
            break
        breaks = _page_breaks(pdoc, device, width, height, measured + 4.0 * (attempt + 1))
        doc = _build(pdoc, device, width, _parts(pdoc.rows, breaks), page_h=height)
    _keep_signature_together(doc, height)
    return _Laid(doc, width, height, _rule_lines(doc, pdoc, height), device)


def _keep_signature_together(doc: QTextDocument, page_h: float) -> None:
    """The last table (recipients and signature) never straddles two pages."""
    tables = _tables(doc)
    if not tables or tables[-1].format().headerRowCount() > 0:
        return
    sign = tables[-1]
    r = doc.documentLayout().frameBoundingRect(sign)
    if int(r.top() // page_h) != int((r.bottom() - 1) // page_h):
        _break_before(doc.findBlock(max(0, sign.firstPosition() - 2)))


def _rule_lines(doc: QTextDocument, pdoc: PrintDoc, page_h: float) -> list[tuple[int, QLineF]]:
    """The short rules under the motto and the issuer, where their text was laid out."""
    wanted = {r.text: r.fraction for r in rules(pdoc)}
    out: list[tuple[int, QLineF]] = []
    block: QTextBlock = doc.begin()
    layout = doc.documentLayout()
    gap = _px(1.2)
    while block.isValid() and wanted:
        text = block.text().strip()
        if text in wanted and block.layout().lineCount() > 0:
            fraction = wanted.pop(text)
            br = layout.blockBoundingRect(block)
            line = block.layout().lineAt(block.layout().lineCount() - 1)
            nat = line.naturalTextRect()
            w = nat.width() * fraction
            x0 = br.left() + nat.left() + (nat.width() - w) / 2
            y = br.top() + line.y() + line.height() + gap
            page = int(y // page_h)
            out.append((page, QLineF(x0, y - page * page_h, x0 + w, y - page * page_h)))
        block = block.next()
    return out


# --------------------------------------------------------------------------- painting


def _paint(laid: _Laid, painter: QPainter, page: int) -> None:
    """Paint one page; the painter is in layout pixels with its origin at the body's corner."""
    painter.save()
    # Clip to the page body: a paragraph split across two pages is drawn whole, and its
    # lines on the neighbouring pages must not spill into this page's margins.
    painter.setClipRect(QRectF(0, 0, laid.width, laid.height))
    painter.translate(0, -page * laid.height)
    laid.doc.drawContents(painter, QRectF(0, page * laid.height, laid.width, laid.height))
    painter.restore()
    pen = QPen(QColor(0, 0, 0))
    pen.setWidthF(_px(0.3))
    painter.setPen(pen)
    for p, line in laid.lines:
        if p == page:
            painter.drawLine(line)
    if page > 0:
        # Page numbers: centred in the top margin, none on the first page (NĐ 30/2020).
        font = QFont(FONT_FAMILY)
        # Point sizes resolve against the device; the painter is scaled to layout pixels.
        font.setPointSizeF(BODY_PT * LAYOUT_DPI / painter.device().logicalDpiY())
        painter.setFont(font)
        painter.setPen(QColor(0, 0, 0))
        top = _px(MARGINS_MM["top"])
        box = QRectF(0, -top * 0.75, laid.width, top * 0.5)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), str(page + 1))


def render(pdoc: PrintDoc, device: QPagedPaintDevice, progress: Progress | None = None) -> int:
    """Paint every page of `pdoc` on `device` with its current page layout; pages painted."""
    register_fonts()
    laid = _lay_out(pdoc, device.pageLayout())
    total = laid.pages
    scale = device.logicalDpiX() / LAYOUT_DPI
    painter = QPainter()
    if not painter.begin(device):
        raise DonDocError("Không mở được máy in hoặc tệp PDF để ghi (đang được mở ở nơi khác?).")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for page in range(total):
            if page > 0 and not device.newPage():
                raise DonDocError("Máy in từ chối sang trang mới.")
            painter.save()
            painter.scale(scale, scale)
            _paint(laid, painter, page)
            painter.restore()
            if progress is not None and not progress(page + 1, total, f"Trang {page + 1}/{total}"):
                raise DonDocError("Đã hủy in.")
    finally:
        painter.end()
    return total


def write_pdf(pdoc: PrintDoc, path: Path, progress: Progress | None = None) -> int:
    """Write `pdoc` to a PDF file (A4, official margins); returns the number of pages.

    The file appears only when complete (written beside it, then renamed).
    """
    ensure_gui()
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(layout_for(pdoc.landscape))
    writer.setTitle(str(pdoc.meta.get("title") or pdoc.title))
    writer.setCreator("Đôn Đốc")
    try:
        pages = render(pdoc, writer, progress)
    except BaseException:
        del writer
        tmp.unlink(missing_ok=True)
        raise
    del writer  # closes the file
    try:
        os.replace(tmp, path)
    except OSError as ex:
        tmp.unlink(missing_ok=True)
        raise DonDocError(
            f"Không ghi được tệp {path} (tệp đang mở trong chương trình khác?): {ex.strerror}"
        ) from ex
    return pages


def render_page_image(pdoc: PrintDoc, page: int = 0, dpi: int = 72) -> QImage:
    """One whole page (margins included) as an image, laid out exactly as for print."""
    ensure_gui()
    layout = layout_for(pdoc.landscape)
    full = layout.fullRectPixels(dpi)
    image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    laid = _lay_out(pdoc, layout)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(QPointF(layout.paintRectPixels(dpi).topLeft()))
        painter.scale(dpi / LAYOUT_DPI, dpi / LAYOUT_DPI)
        _paint(laid, painter, max(0, min(page, laid.pages - 1)))
    finally:
        painter.end()
    return image


# --------------------------------------------------------------------------- documents


def write_weekly_pdf(
    db: Database, path: Path, options: WeeklyOptions, progress: Progress | None = None
) -> int:
    """The weekly list (`dondoc week --pdf`); returns the number of pages."""
    data = collect_week(db, options)
    return write_pdf(weekly_document(data, options.landscape), path, progress)

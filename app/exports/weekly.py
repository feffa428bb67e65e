"""Printing with Qt: the weekly list and the other reports, to PDF or a printer.

The only module outside `app/ui` that imports PySide6. It renders a `PrintDoc`
(app.exports.print_layout) on any paged device — QPdfWriter for PDF, the QPrinter of
the print dialog or the preview — with the same code, so the preview, the paper and
the PDF are the same pages. Layout is done at the device's resolution with the bundled
Liberation Serif (metric-compatible with Times New Roman), so the output does not
depend on the fonts or screen of the PC. QTextDocument and QPdfWriter work outside the
GUI thread, so the UI can run `write_*_pdf` in a background job.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
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
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextTable,
)

from app.db.store import Database
from app.errors import DonDocError
from app.exports.print_layout import (
    BODY_PT,
    FONT_FAMILY,
    MARGINS_MM,
    PrintDoc,
    head_html,
    html_page,
    plan_pages,
    rules,
    table_html,
    to_html,
)
from app.exports.week_data import WeeklyOptions, collect_week, weekly_document
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
_FONT_FILES = ("Regular", "Bold", "Italic", "BoldItalic")
_fonts_lock = threading.Lock()
_fonts_ready = False
_app: QGuiApplication | None = None


def ensure_gui() -> None:
    """Fonts and painting need a QGuiApplication; the CLI gets a windowless one."""
    global _app
    if QGuiApplication.instance() is None:
        args = ["dondoc"]
        if not os.environ.get("QT_QPA_PLATFORM"):
            args += ["-platform", "offscreen"]
        _app = QGuiApplication(args)
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


# --------------------------------------------------------------------------- layout


LAYOUT_DPI = 96  # CSS pixels: HTML lengths and the page are laid out in 1/96 inch


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


def _px(mm: float) -> float:
    return mm * LAYOUT_DPI / 25.4


def _layout_device() -> QImage:
    """A fixed 96-dpi device, so line breaks do not depend on the screen or printer."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dpm = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    return image


def _new_document(html: str, device: QImage, width: float) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(BODY_PT)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def _list_tables(doc: QTextDocument) -> list[QTextTable]:
    return [t for t in _tables(doc.rootFrame()) if t.format().headerRowCount() > 0]


_MEASURE_CHUNK = 400  # rows per measuring table: Qt lays out huge tables slowly


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
    """Measure the list's rows without pages, in chunks, and choose where pages start.

    Row heights do not depend on the other rows (the columns have fixed widths), so
    measuring a few hundred rows at a time gives the same heights, much faster.
    `gap` is the space Qt leaves above a table that starts a new page (the empty
    paragraph between two tables).
    """
    rows = pdoc.rows
    if not rows:
        return []
    head = _new_document(head_html(pdoc, rows[:1]), device, width)
    tops, frame_top, _ = _row_tops(head)
    first_top, offset = tops[0], tops[0] - frame_top
    pitches: list[float] = []
    for a in range(0, len(rows), _MEASURE_CHUNK):
        part = _new_document(
            html_page(table_html(pdoc, rows[a : a + _MEASURE_CHUNK])), device, width
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


def _paged_document(
    pdoc: PrintDoc, breaks: list[int], device: QImage, width: float, height: float
) -> QTextDocument:
    doc = _new_document(to_html(pdoc, breaks), device, width)
    # Qt honours page breaks on paragraphs, not on tables: break before the empty
    # paragraph that separates two tables of the list.
    for table in _list_tables(doc)[:-1]:
        _break_before(doc.findBlock(table.lastPosition() + 1))
    doc.setPageSize(QSizeF(width, height))
    return doc


def _break_before(block: QTextBlock) -> None:
    cursor = QTextCursor(block)
    fmt = cursor.blockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.setBlockFormat(fmt)


def _lay_out(pdoc: PrintDoc, page: QPageLayout) -> _Laid:
    """Lay the document out in 96-dpi pixels, one page = the layout's paint rect.

    The rows are measured first; the list is then cut into one table per page (each
    with the header row), so rows are never split across pages (a row taller than a
    whole page still is). The cut is checked on the paginated layout and redone with
    the measured spacing if a table runs over its page.
    """
    rect = page.paintRectPixels(LAYOUT_DPI)
    width, height = float(rect.width()), float(rect.height())
    device = _layout_device()
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(BODY_PT)
    gap = QFontMetricsF(font, device).lineSpacing()
    breaks = _page_breaks(pdoc, device, width, height, gap)
    doc = _paged_document(pdoc, breaks, device, width, height)
    for attempt in range(2):
        spill, measured = _overflow(doc, height)
        if not spill or not breaks:
            break
        breaks = _page_breaks(pdoc, device, width, height, measured + 4.0 * (attempt + 1))
        doc = _paged_document(pdoc, breaks, device, width, height)
    _keep_signature_together(doc, height)
    return _Laid(doc, width, height, _rule_lines(doc, pdoc, height), device)


def _tables(frame: QTextFrame) -> list[QTextTable]:
    return [f for f in frame.childFrames() if isinstance(f, QTextTable)]


def _keep_signature_together(doc: QTextDocument, page_h: float) -> None:
    """The last table (recipients and signature) never straddles two pages."""
    tables = _tables(doc.rootFrame())
    if len(tables) < 3 or tables[-1].format().headerRowCount() > 0:
        return
    sign = tables[-1]
    r = doc.documentLayout().frameBoundingRect(sign)
    if int(r.top() // page_h) != int((r.bottom() - 1) // page_h):
        _break_before(doc.findBlock(max(0, sign.firstPosition() - 2)))


def _rule_lines(doc: QTextDocument, pdoc: PrintDoc, page_h: float) -> list[tuple[int, QLineF]]:
    wanted = {r.text: r.fraction for r in rules(pdoc)}
    out: list[tuple[int, QLineF]] = []
    block: QTextBlock = doc.begin()
    layout = doc.documentLayout()
    gap = _px(0.8)
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
    """Write `pdoc` to a PDF file (A4, official margins); returns the number of pages."""
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


def page_count(pdoc: PrintDoc) -> int:
    ensure_gui()
    return _lay_out(pdoc, layout_for(pdoc.landscape)).pages


# --------------------------------------------------------------------------- documents


def write_weekly_pdf(
    db: Database, path: Path, options: WeeklyOptions, progress: Progress | None = None
) -> int:
    """The weekly list (`dondoc week --pdf`); returns the number of pages."""
    data = collect_week(db, options)
    return write_pdf(weekly_document(data, options.landscape), path, progress)

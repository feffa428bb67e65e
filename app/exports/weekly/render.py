"""Printing with Qt: the weekly list and the other reports, to PDF or a printer.

With app.exports.weekly.textdoc, the only modules outside `app/ui` that import PySide6.
It renders a `PrintDoc` (app.exports.weekly.layout) on any paged device — QPdfWriter for
PDF, the QPrinter of the print dialog or the preview — with the same code, so the
preview, the paper and the PDF are the same pages; painting scales the 96-dpi layout to
the device.

The list is cut into one table per page, each starting with the header row: rows are
measured first, then `app.exports.weekly.paging` chooses the column widths and the cuts,
splitting a tall row between two pages at a line boundary. QTextDocument and QPdfWriter
work outside the GUI thread, so the UI can run `write_pdf` in a background job.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRectF, Qt
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
    QTextDocument,
)

from app.db.store import Database
from app.errors import DonDocError
from app.exports.weekly.data import WeeklyOptions, collect_week, weekly_document
from app.exports.weekly.layout import BODY_PT, FONT_FAMILY, MARGINS_MM, PrintDoc, rules
from app.exports.weekly.paging import (
    Piece,
    Split,
    column_text,
    fit_widths,
    pieces_of,
    plan_pages,
)
from app.exports.weekly.textdoc import (
    BORDER,
    LAYOUT_DPI,
    PADDING,
    Frame,
    Measurer,
    Sheet,
    base_font,
    break_before,
    build,
    frame,
    layout_device,
    list_tables,
    pitches,
    split_row,
    table_end,
    tables,
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
_WIDTH_SAMPLE = 40  # task rows measured to choose the column widths
_SHARE_STEPS = (-12, -8, -4, 0, 4, 8)  # content column shares tried around its own (percent)
PDF_DPI = 1200
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


# --------------------------------------------------------------------------- pagination


def _overflow(doc: QTextDocument, page_h: float) -> tuple[bool, float]:
    """Whether a list table runs past its page, and the largest gap above a table."""
    layout = doc.documentLayout()
    spill, gap = False, 0.0
    for i, table in enumerate(list_tables(doc)):
        r = layout.frameBoundingRect(table)
        page = int(r.top() // page_h)
        if i > 0:
            gap = max(gap, r.top() - page * page_h)
        if table_end(doc, table) > (page + 1) * page_h + 3 and table.rows() > 2:
            spill = True
    return spill, gap


def _parts(pieces: Sequence[Piece], breaks: list[int]) -> list[Sequence[Piece]]:
    cuts = [0, *breaks, len(pieces)]
    return [pieces[a:b] for a, b in zip(cuts, cuts[1:])]


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


def _sheet(pdoc: PrintDoc, width: float) -> Sheet:
    """The column widths for this document's content on a page body `width` wide.

    Side columns take their content up to their share; how far the content column may
    squeeze them is tried at a few shares around its own, on a sample of the task rows,
    and the one that gives the shortest table wins (ties: the wider content column):
    long texts want a wide content column, long unit lists wider unit columns.
    """
    device = layout_device()
    pieces = pieces_of(pdoc)
    pad = 2 * (PADDING + BORDER) + 1  # what Qt takes from a column for padding and rules
    text = column_text(pdoc, pieces, Measurer(device), pad)
    grow = next((c for c in pdoc.columns if c.grow), None)
    sample = [p for p in pieces if p.splittable][:_WIDTH_SAMPLE]
    if grow is None or not sample:
        return Sheet(pdoc, device, width, fit_widths(pdoc, text, width))
    best: tuple[float, Sheet] | None = None
    tried: list[list[float]] = []
    for share in sorted({max(0.0, grow.width + d) for d in _SHARE_STEPS}, reverse=True):
        widths = fit_widths(pdoc, text, width, share)
        if widths in tried:
            continue
        tried.append(widths)
        sheet = Sheet(pdoc, device, width, widths)
        height = sum(pitches(sheet, sample))
        if best is None or height < best[0] - 0.5:
            best = (height, sheet)
    assert best is not None
    return best[1]


def _plan(
    sheet: Sheet, rows: tuple[list[Piece], list[float], Frame], height: float, gap: float
) -> tuple[list[Piece], list[int]]:
    """The rows as printed (some split in two) and the rows that start a page.

    `rows` are the document's rows, their measured heights and where they go on a page;
    `gap` is the space Qt leaves above a table that starts a page (the paragraph that
    carries the page break)."""
    pieces, heights = list(rows[0]), list(rows[1])
    where = rows[2]
    if not pieces:
        return pieces, []

    def split(i: int, avail: float) -> Split | None:
        found = split_row(sheet, pieces[i], avail, heights[i])
        if found is None:
            return None
        head, tail, head_h, tail_h = found

        def apply() -> None:
            pieces[i : i + 1] = [head, tail]
            heights[i : i + 1] = [head_h, tail_h]

        return Split(head_h, tail_h, apply)

    breaks = plan_pages(
        [p.heading for p in pieces],
        list(heights),
        where.first_top,
        gap + where.header,
        height,
        closing=where.closing,
        split=split,
    )
    return pieces, breaks


def _lay_out(pdoc: PrintDoc, page: QPageLayout) -> _Laid:
    """Lay the document out, one page = the paint rect of `page` in 96-dpi pixels.

    The cut is checked on the paginated layout and redone with the measured spacing if
    a table runs over its page.
    """
    rect = page.paintRectPixels(LAYOUT_DPI)
    width, height = float(rect.width()), float(rect.height())
    sheet = _sheet(pdoc, width)
    gap = QFontMetricsF(base_font(), sheet.device).lineSpacing()
    rows = pieces_of(pdoc)
    measured_rows = (rows, pitches(sheet, rows), frame(sheet, rows[0]) if rows else Frame(0, 0, 0))
    pieces, breaks = _plan(sheet, measured_rows, height, gap)
    doc = build(sheet, _parts(pieces, breaks), page_h=height)
    for attempt in range(2):
        spill, measured = _overflow(doc, height)
        if not spill or not breaks:
            break
        pieces, breaks = _plan(sheet, measured_rows, height, measured + 4.0 * (attempt + 1))
        doc = build(sheet, _parts(pieces, breaks), page_h=height)
    _keep_signature_together(doc, height)
    return _Laid(doc, width, height, _rule_lines(doc, pdoc, height), sheet.device)


def _keep_signature_together(doc: QTextDocument, page_h: float) -> None:
    """The last table (recipients and signature) never straddles two pages (a safety
    net: the plan already keeps it whole, with the end of the list)."""
    found = tables(doc)
    if not found or found[-1].format().headerRowCount() > 0:
        return
    sign = found[-1]
    r = doc.documentLayout().frameBoundingRect(sign)
    if int(r.top() // page_h) != int((r.bottom() - 1) // page_h):
        break_before(doc.findBlock(max(0, sign.firstPosition() - 2)))


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

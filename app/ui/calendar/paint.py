"""The month grid, painted by hand: day cells with task chips, period bands, holidays.

Geometry (cells, chips, bands) is computed once per data change or resize, not in
`paintEvent`, and doubles as the hit map for clicks and tooltips. Painting a month
costs the same whatever the number of tasks: a cell draws only the chips that fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.core.status import Status
from app.ui.calendar.layout import Band, Chip, Day, MonthLayout
from app.ui.kit.i18n import fmt_date, fmt_number, tr
from app.ui.kit.status_style import status_text
from app.ui.kit.widgets import STATUS_RANK, status_colors, weekday_name, weekday_short

BAND_H = 4
BAND_GAP = 2
CHIP_GAP = 2

BG = QColor("#ffffff")
BG_WEEKEND = QColor("#f3f4f6")
BG_HOLIDAY = QColor("#fdeceb")
BG_OUTSIDE = QColor("#fafafa")
GRID = QColor("#d5d8dc")
TEXT = QColor("#1f2328")
TEXT_DIM = QColor("#9aa0a6")
HOLIDAY = QColor("#c62828")
ACCENT = QColor("#1e5fb4")
SELECTED_BG = QColor("#eaf2fd")


@dataclass(slots=True)
class Hit:
    rect: QRect
    kind: str  # "chip", "more", "band", "day"
    day: date
    payload: Any = None


def day_summary(day: Day) -> str:
    """One line per status with a count, most urgent first."""
    parts = [
        f"{n} {status_text(st).lower()}"
        for st, n in sorted(day.counts.items(), key=lambda x: STATUS_RANK[x[0]])
    ]
    return ", ".join(parts)


class MonthGrid(QWidget):
    dayClicked = Signal(object)  # date
    chipClicked = Signal(int)  # task id
    moreClicked = Signal(object)  # date: show the whole day
    bandClicked = Signal(object)  # Band
    moveRequested = Signal(object)  # date outside the month reached with the keyboard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_data: MonthLayout | None = None
        self.today = date.today()
        self.selected: date | None = None
        self.hits: list[Hit] = []
        self.cells: dict[date, QRect] = {}
        self._hover: Hit | None = None
        self._elided: dict[int, str] = {}
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(560, 380)
        self.setAccessibleName(tr("Lịch tháng"))
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, self.font().pointSizeF() - 1))
        self.small = small

    def sizeHint(self) -> QSize:
        return QSize(980, 680)

    def set_data(self, layout: MonthLayout, today: date, selected: date | None) -> None:
        self.layout_data = layout
        self.today = today
        self.selected = selected
        self._relayout()
        self.update()

    def set_selected(self, day: date | None) -> None:
        self.selected = day
        self.update()

    # ----------------------------------------------------------------- geometry

    def header_height(self) -> int:
        return self.fontMetrics().height() + 10

    def resizeEvent(self, event) -> None:
        self._relayout()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._relayout()
        super().changeEvent(event)

    def _relayout(self) -> None:
        self.hits = []
        self.cells = {}
        self._elided = {}
        data = self.layout_data
        if data is None:
            return
        fm = self.fontMetrics()
        sfm = QFontMetrics(self.small)
        head = self.header_height()
        w, h = self.width(), self.height() - head
        weeks = data.weeks
        line_h = fm.height() + 4
        chip_h = sfm.height() + 4
        bands_h = data.lanes * (BAND_H + BAND_GAP)
        for i, day in enumerate(data.days):
            row, col = divmod(i, 7)
            x0, x1 = col * w // 7, (col + 1) * w // 7
            y0, y1 = head + row * h // weeks, head + (row + 1) * h // weeks
            cell = QRect(x0, y0, x1 - x0, y1 - y0)
            self.cells[day.day] = cell
            top = y0 + line_h + bands_h + 1
            room = max(0, (y1 - 2 - top) // (chip_h + CHIP_GAP))
            shown = min(len(day.chips), room)
            if day.total > shown:
                shown = max(0, room - 1)  # keep the last line for "+k nữa"
            inner = cell.adjusted(3, 0, -3, 0)
            for k, chip in enumerate(day.chips[:shown]):
                r = QRect(inner.x(), top + k * (chip_h + CHIP_GAP), inner.width(), chip_h)
                self.hits.append(Hit(r, "chip", day.day, chip))
                self._elided[id(chip)] = sfm.elidedText(
                    chip.text, Qt.TextElideMode.ElideRight, r.width() - 8
                )
            if day.total > shown:
                r = QRect(inner.x(), top + shown * (chip_h + CHIP_GAP), inner.width(), chip_h)
                self.hits.append(Hit(r, "more", day.day, day.total - shown))
        for band in data.bands:
            if band.lane < 0:
                continue
            for rect in self._band_rects(band, line_h):
                self.hits.append(Hit(rect, "band", band.due, band))
        for day in data.days:
            self.hits.append(Hit(self.cells[day.day], "day", day.day, day))

    def _band_rects(self, band: Band, line_h: int) -> list[QRect]:
        data = self.layout_data
        assert data is not None
        first = data.days[0].day
        last = data.days[-1].day
        a, b = max(band.start, first), min(band.due, last)
        out: list[QRect] = []
        while a <= b:
            row_end = a + timedelta(days=6 - a.weekday())
            seg_end = min(b, row_end)
            ca, cb = self.cells[a], self.cells[seg_end]
            y = ca.y() + line_h + band.lane * (BAND_H + BAND_GAP)
            left = ca.x() + (4 if a == band.start else 0)
            right = cb.right() - (4 if seg_end == band.due else 0)
            out.append(QRect(left, y, max(2, right - left), BAND_H))
            a = seg_end + timedelta(days=1)
        return out

    def hit_at(self, pos: QPoint) -> Hit | None:
        for hit in self.hits:  # chips, "more" and bands come before their day cell
            if hit.rect.contains(pos):
                return hit
        return None

    # ----------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), BG)
        data = self.layout_data
        self._paint_header(p)
        if data is None:
            return
        fm = self.fontMetrics()
        clip = event.rect()
        for day in data.days:
            cell = self.cells[day.day]
            if cell.intersects(clip):
                self._paint_cell(p, day, cell, fm)
        for hit in self.hits:
            if hit.kind == "band" and hit.rect.intersects(clip):
                self._paint_band(p, hit)
            elif hit.kind == "chip" and hit.rect.intersects(clip):
                self._paint_chip(p, hit)
            elif hit.kind == "more" and hit.rect.intersects(clip):
                self._paint_more(p, hit)
        p.setPen(QPen(GRID, 1))
        for day in data.days:
            cell = self.cells[day.day]
            p.drawLine(cell.topRight(), cell.bottomRight())
            p.drawLine(cell.bottomLeft(), cell.bottomRight())
        if self.selected in self.cells:
            p.setPen(QPen(ACCENT, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.cells[self.selected].adjusted(1, 1, -1, -1))
        p.end()

    def _paint_header(self, p: QPainter) -> None:
        head = self.header_height()
        w = self.width()
        p.fillRect(QRect(0, 0, w, head), QColor("#eef1f5"))
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        wide = QFontMetrics(bold).horizontalAdvance(weekday_name(6)) + 12 < w // 7
        for col in range(7):
            r = QRect(col * w // 7, 0, (col + 1) * w // 7 - col * w // 7, head)
            p.setPen(HOLIDAY if col == 6 else TEXT)
            label = weekday_name(col) if wide else weekday_short(col)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, label)
        p.setPen(QPen(GRID, 1))
        p.drawLine(0, head - 1, w, head - 1)
        p.setFont(self.font())

    def _paint_cell(self, p: QPainter, day: Day, cell: QRect, fm: QFontMetrics) -> None:
        if day.holiday and not day.workday:
            bg = BG_HOLIDAY
        elif not day.workday:
            bg = BG_WEEKEND
        elif not day.in_month:
            bg = BG_OUTSIDE
        else:
            bg = BG
        if day.day == self.selected:
            bg = SELECTED_BG
        p.fillRect(cell, bg)
        line_h = fm.height() + 4
        number = str(day.day.day) if day.day.day != 1 else f"{day.day.day}/{day.day.month}"
        num_rect = QRect(cell.x() + 4, cell.y() + 2, fm.horizontalAdvance(number) + 8, line_h - 2)
        bold = QFont(self.font())
        bold.setBold(day.in_month)
        p.setFont(bold)
        if day.day == self.today:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(ACCENT)
            p.drawRoundedRect(QRectF(num_rect), 7, 7)
            p.setPen(QColor("white"))
        elif not day.in_month:
            p.setPen(TEXT_DIM)
        elif day.holiday and not day.workday or day.day.weekday() == 6:
            p.setPen(HOLIDAY)
        else:
            p.setPen(TEXT)
        p.drawText(num_rect, Qt.AlignmentFlag.AlignCenter, number)
        p.setFont(self.small)
        note = day.holiday if (day.holiday and not day.workday) else None
        if note is None and day.workday and day.weekend:
            note = tr("Làm bù")
        if note:
            p.setPen(HOLIDAY if day.holiday else ACCENT)
            r = QRect(
                num_rect.right() + 4, cell.y() + 2, cell.right() - num_rect.right() - 8, line_h - 2
            )
            text = QFontMetrics(self.small).elidedText(note, Qt.TextElideMode.ElideRight, r.width())
            p.drawText(r, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        elif day.total and day.counts.get(Status.OVERDUE):
            p.setPen(HOLIDAY)
            r = QRect(
                num_rect.right() + 4, cell.y() + 2, cell.right() - num_rect.right() - 8, line_h - 2
            )
            p.drawText(
                r,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                tr("{n} quá hạn", n=day.counts[Status.OVERDUE]),
            )
        p.setFont(self.font())

    def _paint_chip(self, p: QPainter, hit: Hit) -> None:
        chip: Chip = hit.payload
        fill, accent = status_colors(chip.status)
        day = self.layout_data.day(hit.day) if self.layout_data else None
        p.setOpacity(1.0 if day is None or day.in_month else 0.55)
        r = QRectF(hit.rect)
        p.setPen(QPen(accent, 1) if self._hover is hit else Qt.PenStyle.NoPen)
        p.setBrush(fill)
        p.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(accent)
        p.drawRoundedRect(QRectF(r.x(), r.y(), 3, r.height()), 1.5, 1.5)
        font = QFont(self.small)
        if chip.status.is_done:
            font.setStrikeOut(True)
        p.setFont(font)
        p.setPen(TEXT_DIM if chip.status.is_done else TEXT)
        p.drawText(
            hit.rect.adjusted(6, 0, -2, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            self._elided.get(id(chip), chip.text),
        )
        p.setOpacity(1.0)
        p.setFont(self.font())

    def _paint_more(self, p: QPainter, hit: Hit) -> None:
        font = QFont(self.small)
        font.setUnderline(self._hover is hit)
        p.setFont(font)
        p.setPen(ACCENT)
        p.drawText(
            hit.rect.adjusted(6, 0, 0, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            tr("+{k} nữa", k=fmt_number(hit.payload)),
        )
        p.setFont(self.font())

    def _paint_band(self, p: QPainter, hit: Hit) -> None:
        band: Band = hit.payload
        _fill, accent = status_colors(band.status)
        color = QColor(accent)
        color.setAlpha(255 if self._hover is not None and self._hover.payload is band else 170)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawRoundedRect(QRectF(hit.rect), 2, 2)

    # ----------------------------------------------------------------- interaction

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position().toPoint())
        hover = hit if hit is not None and hit.kind != "day" else None
        if hover is not self._hover:
            old, self._hover = self._hover, hover
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if hover else Qt.CursorShape.ArrowCursor
            )
            self._update_hits(old)
            self._update_hits(hover)
        super().mouseMoveEvent(event)

    def _update_hits(self, hit: Hit | None) -> None:
        """Repaint only what a hover changes: one chip, or every segment of one band."""
        if hit is None:
            return
        if hit.kind == "band":
            for other in self.hits:
                if other.kind == "band" and other.payload is hit.payload:
                    self.update(other.rect.adjusted(-1, -1, 1, 1))
        else:
            self.update(hit.rect.adjusted(-1, -1, 1, 1))

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            old, self._hover = self._hover, None
            self._update_hits(old)
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        hit = self.hit_at(event.position().toPoint())
        if hit is None:
            return None
        self.set_selected(hit.day)
        if hit.kind == "chip":
            self.chipClicked.emit(hit.payload.task_id)
        elif hit.kind == "more":
            self.moreClicked.emit(hit.day)
        elif hit.kind == "band":
            self.bandClicked.emit(hit.payload)
        else:
            self.dayClicked.emit(hit.day)
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        key = event.key()
        if key in steps and self.layout_data is not None:
            current = self.selected or self.today
            target = current + timedelta(days=steps[Qt.Key(key)])
            self.set_selected(target)
            shown = self.layout_data.day(target)
            if target not in self.cells or shown is None or not shown.in_month:
                self.moveRequested.emit(target)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.selected:
            self.dayClicked.emit(self.selected)
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            # a ToolTip event is a QHelpEvent; PySide6 hands it over typed as QEvent
            help_event: QHelpEvent = event  # type: ignore[assignment]
            hit = self.hit_at(help_event.pos())
            text = self.tooltip(hit) if hit else ""
            if text:
                QToolTip.showText(help_event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip(self, hit: Hit) -> str:
        if hit.kind == "chip":
            chip: Chip = hit.payload
            lines = [f"<b>{escape(chip.text)}</b>"]
            if chip.lead:
                lines.append(tr("Chủ trì: {name}", name=escape(chip.lead)))
            deadline = escape(chip.deadline) if chip.deadline else ""
            lines.append(
                tr("Thời hạn: {raw} ({d})", raw=deadline, d=fmt_date(chip.due))
                if deadline
                else tr("Hạn: {d}", d=fmt_date(chip.due))
            )
            lines.append(status_text(chip.status))
            return "<br>".join(lines)
        if hit.kind == "more":
            return tr("Còn {k} nhiệm vụ khác: bấm để xem cả ngày", k=hit.payload)
        if hit.kind == "band":
            band: Band = hit.payload
            counts = ", ".join(
                f"{n} {status_text(st).lower()}"
                for st, n in sorted(band.counts.items(), key=lambda x: STATUS_RANK[x[0]])
            )
            return tr(
                "<b>{label}</b> ({a} – {b})<br>{n} nhiệm vụ hạn cuối kỳ: {counts}",
                label=band.label,
                a=fmt_date(band.start),
                b=fmt_date(band.due),
                n=band.total,
                counts=counts,
            )
        day: Day = hit.payload
        head = f"{weekday_name(day.day.weekday())}, {fmt_date(day.day)}"
        lines = [f"<b>{head}</b>"]
        if day.holiday:
            lines.append(escape(day.holiday))
        if day.total:
            lines.append(tr("{n} nhiệm vụ: {what}", n=day.total, what=day_summary(day)))
        return "<br>".join(lines)

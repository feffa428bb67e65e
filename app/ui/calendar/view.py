"""The calendar: a month grid (or a week agenda) of due dates, with navigation.

Signals for the main window:
- `dayActivated(date)`: a day was clicked (filter the table to that day);
- `taskActivated(int)`: a task chip or agenda row was clicked (select/open the task);
- `rangeActivated(date, date)`: a period band was clicked (its first and last day).
The calendar follows the table's filter (`set_filter`), ignoring its period and dates,
and reloads itself from `AppContext.changed`; a hidden calendar reloads when shown.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.status import Status
from app.db.changes import Change
from app.db.reads.filters import TaskFilter
from app.ui.calendar.agenda import DAY_ROLE, TASK_ROLE, AgendaModel
from app.ui.calendar.layout import (
    ROMAN,
    Band,
    MonthLayout,
    add_months,
    complete_bands,
    load_month,
    month_title,
    week_start,
)
from app.ui.calendar.paint import MonthGrid
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, fmt_number, tr
from app.ui.kit.status_style import status_text
from app.ui.kit.widgets import status_colors

MONTH, WEEK = "month", "week"


def _swatch(color: str) -> QPixmap:
    pix = QPixmap(12, 12)
    pix.fill(QColor(0, 0, 0, 0))
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(color))
    p.drawRoundedRect(0, 0, 12, 12, 3, 3)
    p.end()
    return pix


class CalendarView(QWidget):
    dayActivated = Signal(object)  # date
    taskActivated = Signal(int)
    rangeActivated = Signal(object, object)  # first and last day of a period band

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mode = MONTH
        self.current = ctx.today()
        self.filter = TaskFilter(today=ctx.today())
        self.month: MonthLayout | None = None
        self.last_load_ms = 0.0
        self._cache: dict[tuple, MonthLayout] = {}
        self._band_cache: dict = {}
        self._dirty = True
        self._recent_click = False
        self._bands_timer = QTimer(self)
        self._bands_timer.setSingleShot(True)
        self._bands_timer.setInterval(0)
        self._bands_timer.timeout.connect(self._complete_bands)
        self._prefetch = QTimer(self)
        self._prefetch.setSingleShot(True)
        self._prefetch.setInterval(400)
        self._prefetch.timeout.connect(self._prefetch_next)

        # ---- navigation bar
        def tool(text: str, tip: str) -> QToolButton:
            b = QToolButton(self)
            b.setText(text)
            b.setToolTip(tip)
            b.setAutoRaise(True)
            return b

        self.prev_year = tool("«", tr("Năm trước (Ctrl+PgUp)"))
        self.prev_btn = tool("‹", tr("Tháng trước (PgUp)"))
        self.today_btn = QToolButton(self)
        self.today_btn.setText(tr("Hôm nay"))
        self.today_btn.setToolTip(tr("Về hôm nay (Ctrl+Home)"))
        self.next_btn = tool("›", tr("Tháng sau (PgDown)"))
        self.next_year = tool("»", tr("Năm sau (Ctrl+PgDown)"))
        self.title = QLabel(self)
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() + 4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setMinimumWidth(180)
        self.month_box = QComboBox(self)
        for m in range(1, 13):
            self.month_box.addItem(tr("Tháng {m}", m=m), m)
        self.year_box = QSpinBox(self)
        self.year_box.setRange(1990, 2100)
        self.year_box.setKeyboardTracking(False)  # typing "2027" is one change, not four
        self.quarter_btns: list[QToolButton] = []
        for q in range(4):
            b = tool(tr("Quý {q}", q=ROMAN[q]), tr("Đến tháng đầu quý {q}", q=ROMAN[q]))
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, q=q: self.go_to_quarter(q + 1))
            self.quarter_btns.append(b)
        self.month_mode = tool(tr("Tháng"), tr("Xem cả tháng"))
        self.week_mode = tool(tr("Tuần"), tr("Xem danh sách theo tuần"))
        modes = QButtonGroup(self)
        for b in (self.month_mode, self.week_mode):
            b.setCheckable(True)
            b.setAutoRaise(False)
            modes.addButton(b)
        self.month_mode.setChecked(True)

        bar = QHBoxLayout()
        bar.setSpacing(2)
        for w in (self.prev_year, self.prev_btn, self.today_btn, self.next_btn, self.next_year):
            bar.addWidget(w)
        bar.addSpacing(10)
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.month_box)
        bar.addWidget(self.year_box)
        bar.addSpacing(8)
        for b in self.quarter_btns:
            bar.addWidget(b)
        bar.addSpacing(8)
        bar.addWidget(self.month_mode)
        bar.addWidget(self.week_mode)

        # ---- the two views
        self.grid = MonthGrid(self)
        self.agenda_model = AgendaModel(ctx.db, self)
        self.agenda = QTreeView(self)
        self.agenda.setModel(self.agenda_model)
        self.agenda.setUniformRowHeights(True)
        self.agenda.setAlternatingRowColors(False)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setStyleSheet("QTreeView::item { padding: 2px 0; }")
        head = self.agenda.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 220), (2, 170), (3, 150)):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            head.resizeSection(col, width)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.agenda)

        # ---- legend and summary
        legend = QHBoxLayout()
        for status, label in (
            (Status.OVERDUE, tr("Quá hạn")),
            (Status.DUE_SOON, tr("Sắp đến hạn")),
            (Status.OPEN, tr("Trong hạn")),
            (Status.DONE_ON_TIME, tr("Đã hoàn thành")),
        ):
            icon = QLabel(self)
            icon.setPixmap(_swatch(status_colors(status)[1].name()))
            legend.addWidget(icon)
            legend.addWidget(QLabel(label, self))
            legend.addSpacing(8)
        icon = QLabel(self)
        icon.setPixmap(_swatch("#f1c9c6"))
        legend.addWidget(icon)
        legend.addWidget(QLabel(tr("Ngày lễ, nghỉ"), self))
        legend.addSpacing(8)
        bands = QLabel(tr("▬ kỳ hạn tháng, quý, năm"), self)
        bands.setToolTip(
            tr("Các dải mỏng là nhiệm vụ có hạn theo tháng, quý, năm; rê chuột để xem, bấm để lọc.")
        )
        legend.addWidget(bands)
        self.summary = QLabel(self)
        legend.addStretch(1)
        legend.addWidget(self.summary)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(legend)

        # ---- wiring
        self.prev_btn.clicked.connect(lambda: self.step(-1))
        self.next_btn.clicked.connect(lambda: self.step(1))
        self.prev_year.clicked.connect(lambda: self.step_year(-1))
        self.next_year.clicked.connect(lambda: self.step_year(1))
        self.today_btn.clicked.connect(self.go_today)
        self.month_box.activated.connect(lambda _i: self._picked())
        self.year_box.valueChanged.connect(lambda _v: self._picked())
        self.month_mode.clicked.connect(lambda: self.set_mode(MONTH))
        self.week_mode.clicked.connect(lambda: self.set_mode(WEEK))
        self.grid.dayClicked.connect(self._day_clicked)
        self.grid.chipClicked.connect(self.taskActivated)
        self.grid.moreClicked.connect(self._more_clicked)
        self.grid.bandClicked.connect(self._band_clicked)
        self.grid.moveRequested.connect(self.go_to)
        self.agenda.clicked.connect(self._agenda_clicked)
        self.agenda.activated.connect(self._agenda_activated)
        ctx.changed.connect(self._on_changed)
        for keys, slot in (
            (QKeySequence.StandardKey.MoveToPreviousPage, lambda: self.step(-1)),
            (QKeySequence.StandardKey.MoveToNextPage, lambda: self.step(1)),
            ("Ctrl+PgUp", lambda: self.step_year(-1)),
            ("Ctrl+PgDown", lambda: self.step_year(1)),
            ("Ctrl+Home", self.go_today),
        ):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.refresh()

    def keyPressEvent(self, event) -> None:
        """Page keys turn pages also when the window's shortcuts are not active."""
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            n = -1 if key == Qt.Key.Key_PageUp else 1
            self.step_year(n) if ctrl else self.step(n)
        elif key == Qt.Key.Key_Home and ctrl:
            self.go_today()
        else:
            super().keyPressEvent(event)

    # ----------------------------------------------------------------- public API

    def set_filter(self, flt: TaskFilter) -> None:
        """Show the tasks the table shows (its period and date range are ignored)."""
        self.filter = flt
        self.refresh()

    def go_to(self, day: date) -> None:
        """Show the month (or week) of `day` and select it."""
        self.current = day
        self.refresh()

    def go_today(self) -> None:
        self.go_to(self.ctx.today())

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        (self.month_mode if mode == MONTH else self.week_mode).setChecked(True)
        self.refresh()

    def step(self, n: int) -> None:
        """Previous/next month (week in the agenda), keeping the day where possible."""
        if self.mode == WEEK:
            self.go_to(self.current + timedelta(days=7 * n))
            return
        y, m = add_months(self.current.year, self.current.month, n)
        self.go_to(_clamp(y, m, self.current.day))

    def step_year(self, n: int) -> None:
        self.go_to(_clamp(self.current.year + n, self.current.month, self.current.day))

    def go_to_quarter(self, q: int) -> None:
        self.mode = MONTH
        self.month_mode.setChecked(True)
        self.go_to(date(self.current.year, 3 * q - 2, 1))

    def effective_filter(self) -> TaskFilter:
        return replace(self.filter, today=self.ctx.today(), soon_days=self.ctx.soon_days())

    # ----------------------------------------------------------------- loading

    def refresh(self) -> None:
        self._update_controls()
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        flt = self.effective_filter()
        start = time.perf_counter()
        if self.mode == MONTH:
            layout = self._month(self.current.year, self.current.month, flt, later=False)
            if layout.pending:
                self._bands_timer.start()
            self._prefetch.start()
            self.month = layout
            self.grid.set_data(layout, flt.today, self.current)
            self.stack.setCurrentWidget(self.grid)
            self._summarise(layout.total, {st: layout.count(st) for st in Status})
        else:
            self.agenda_model.load(week_start(self.current), flt)
            self.stack.setCurrentWidget(self.agenda)
            self.agenda.expandAll()
            self._select_agenda_day(self.current)
            counts: dict[Status, int] = {}
            for d in self.agenda_model.days:
                for st, n in d.counts.items():
                    counts[st] = counts.get(st, 0) + n
            self._summarise(self.agenda_model.total(), counts)
        self.last_load_ms = (time.perf_counter() - start) * 1000

    def _month(self, year: int, month: int, flt: TaskFilter, later: bool = True) -> MonthLayout:
        """A month's layout, from the cache when it was loaded (or prefetched) before.

        Shown at once (`later=False`), the bands of periods ending after the grid that
        are not cached yet (the year's, say) follow a moment later: the month paints first.
        """
        key = (year, month, flt)
        layout = self._cache.get(key)
        if layout is None:
            layout = load_month(self.ctx.db, year, month, flt, self._band_cache, later=later)
            if len(self._cache) > 24:
                self._cache.clear()
                self._band_cache.clear()
            self._cache[key] = layout
        return layout

    def _complete_bands(self) -> None:
        layout = self.month
        if layout is None or not layout.pending or self.mode != MONTH:
            return
        complete_bands(self.ctx.db, layout, self.effective_filter(), self._band_cache)
        self.grid.set_data(layout, self.grid.today, self.grid.selected)

    def _prefetch_next(self) -> None:
        """While the user reads a month, load the next and previous ones, one per idle
        moment, so turning the page only paints."""
        if self.mode != MONTH or not self.isVisible():
            return
        flt = self.effective_filter()
        for n in (1, -1):
            y, m = add_months(self.current.year, self.current.month, n)
            if (y, m, flt) not in self._cache:
                self._month(y, m, flt)
                self._prefetch.start()
                return

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.tasks or change.structure or change.settings:
            self._cache.clear()
            self._band_cache.clear()
            self.refresh()

    def _update_controls(self) -> None:
        d = self.current
        if self.mode == MONTH:
            self.title.setText(month_title(d.year, d.month))
            self.prev_btn.setToolTip(tr("Tháng trước (PgUp)"))
            self.next_btn.setToolTip(tr("Tháng sau (PgDown)"))
        else:
            a = week_start(d)
            b = a + timedelta(days=6)
            self.title.setText(
                tr(
                    "Tuần {w}: {a} – {b}",
                    w=a.isocalendar()[1],
                    a=a.strftime("%d/%m"),
                    b=fmt_date(b),
                )
            )
            self.prev_btn.setToolTip(tr("Tuần trước (PgUp)"))
            self.next_btn.setToolTip(tr("Tuần sau (PgDown)"))
        for w in (self.month_box, self.year_box):
            w.blockSignals(True)
        self.month_box.setCurrentIndex(d.month - 1)
        self.year_box.setValue(d.year)
        for w in (self.month_box, self.year_box):
            w.blockSignals(False)
        for q, btn in enumerate(self.quarter_btns):
            btn.setChecked((d.month - 1) // 3 == q)

    def _summarise(self, total: int, counts: dict[Status, int]) -> None:
        if not total:
            self.summary.setText(tr("Không có hạn nào trong khoảng này"))
            return
        what = tr("tháng") if self.mode == MONTH else tr("tuần")
        parts = [
            f"{fmt_number(counts[st])} {status_text(st).lower()}"
            for st in (Status.OVERDUE, Status.DUE_SOON)
            if counts.get(st)
        ]
        text = tr("{n} hạn trong {what}", n=fmt_number(total), what=what)
        self.summary.setText(text + (": " + ", ".join(parts) if parts else ""))

    def _picked(self) -> None:
        month = self.month_box.currentData()
        year = self.year_box.value()
        if (year, month) != (self.current.year, self.current.month):
            self.go_to(_clamp(year, month, self.current.day))

    # ----------------------------------------------------------------- clicks

    def _day_clicked(self, day: date) -> None:
        self.current = day
        if self.month is not None and not (
            day.month == self.month.month and day.year == self.month.year
        ):
            self.refresh()
        self.dayActivated.emit(day)

    def _more_clicked(self, day: date) -> None:
        self.current = day
        self.set_mode(WEEK)
        self.dayActivated.emit(day)

    def _band_clicked(self, band: Band) -> None:
        self.current = band.due
        self.rangeActivated.emit(band.start, band.due)

    def _agenda_activated(self, index: QModelIndex) -> None:
        """Enter on a row; a double click (already reported by its first click) is skipped."""
        if not self._recent_click:
            self._report(index)

    def _agenda_clicked(self, index: QModelIndex) -> None:
        self._recent_click = True
        QTimer.singleShot(QApplication.doubleClickInterval(), self._clear_click)
        self._report(index)

    def _clear_click(self) -> None:
        self._recent_click = False

    def _report(self, index: QModelIndex) -> None:
        task_id = index.data(TASK_ROLE)
        if task_id is not None:
            self.taskActivated.emit(task_id)
            return
        day = index.data(DAY_ROLE)
        if day is not None:
            self.current = day
            self.dayActivated.emit(day)

    def _select_agenda_day(self, day: date) -> None:
        m = self.agenda_model
        for row, d in enumerate(m.days):
            if d.day == day:
                index = m.index(row, 0)
                self.agenda.setCurrentIndex(index)
                self.agenda.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
                return


def _clamp(year: int, month: int, day: int) -> date:
    """The same day number in another month, or that month's last day."""
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day, (nxt - timedelta(days=1)).day))

"""The task table: header menu to hide/reorder columns (remembered), selection by id.

Rows have a fixed height of two lines so a table of 100,000 tasks never measures its
rows; long text wraps, the rest is elided and the tooltip carries the full text.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.ui.kit.columns import fit_to_content
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.widgets import Index
from app.ui.table.model import COLUMNS, TaskTableModel, column_of

HEADER_KEY = "table/header"
FIXED_KEY = "table/sized_by_hand"  # columns the user widened or narrowed: not refitted
# Columns sized from their content: (minimum, maximum) pixels at 96 dpi.
FIT_LIMITS = {
    "number": (36, 64),
    "lead": (90, 230),
    "coordinators": (90, 230),
    "deadline": (80, 200),
    "due": (70, 100),
    "status": (96, 160),
    "plan": (70, 140),
}
WRAPPING = ("coordinators", "plan", "lead", "deadline", "status")  # narrowed when needed
LINES_PER_ROW = 2
LINE_BREAK = "\u2028"  # what Qt item views draw as a line break


class _ElidingDelegate(QStyledItemDelegate):
    """Wrap text to the row's lines and put "…" at the end of the last one that fits."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if not text:
            return
        fm = option.fontMetrics
        style = option.widget.style() if option.widget else None
        margin = 2 * (
            style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1
            if style
            else 3
        )
        width = option.rect.width() - margin
        if not option.icon.isNull():
            width -= option.decorationSize.width() + 4
        lines = max(1, (option.rect.height() - 4) // fm.lineSpacing())
        option.text = elide_lines(text, fm, width, lines)


def elide_lines(text: str, fm, width: int, lines: int) -> str:
    """`text` word-wrapped into at most `lines` lines of `width` pixels, "…" if cut."""
    words = text.split()
    if width <= 10 or not words:
        return text
    if lines <= 1:
        return fm.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if not current or fm.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[i:])
            break
    out.append(current)
    elide = Qt.TextElideMode.ElideRight
    return LINE_BREAK.join(fm.elidedText(line, elide, width) for line in out)


class TaskTableView(QTableView):
    taskActivated = Signal(int)
    currentTaskChanged = Signal(object)  # task id or None
    selectionChangedIds = Signal(list)

    def __init__(self, ctx: AppContext, model: TaskTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._model = model
        self._keep: tuple[list[int], int | None] = ([], None)
        self._scroll = 0
        self._context_actions: list[QAction | None] = []
        self.setModel(model)
        self.setItemDelegate(_ElidingDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(False)
        self.setWordWrap(True)
        self.setShowGrid(True)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        vh = self.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._apply_row_height()
        hh = self.horizontalHeader()
        hh.setSectionsMovable(True)
        hh.setHighlightSections(False)
        hh.setStretchLastSection(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        hh.customContextMenuRequested.connect(self._header_menu)
        self._fitting = False
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(120)
        self._fit_timer.timeout.connect(self.fit_columns)
        fixed = ctx.qsettings.value(FIXED_KEY)
        self._fixed: set[str] = set(fixed if isinstance(fixed, list) else [fixed] if fixed else [])
        self._default_layout()
        self.restore_header()
        self._needs_fit = True
        self.setSortingEnabled(True)
        hh.sortIndicatorChanged.connect(lambda *_: self.save_header())
        hh.sectionMoved.connect(lambda *_: self.save_header())
        hh.sectionResized.connect(self._section_resized)
        model.refreshed.connect(self._refreshed)
        self.doubleClicked.connect(self._activated)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.selectionModel().selectionChanged.connect(
            lambda *_: self.selectionChangedIds.emit(self.selected_ids())
        )

    # ----------------------------------------------------------------- layout

    def _apply_row_height(self) -> None:
        fm = self.fontMetrics()
        self.verticalHeader().setDefaultSectionSize(fm.lineSpacing() * LINES_PER_ROW + 10)

    def _default_layout(self) -> None:
        hh = self.horizontalHeader()
        scale = max(1.0, self.logicalDpiX() / 96.0)
        for i, col in enumerate(COLUMNS):
            hh.resizeSection(i, int(col.width * scale))
            hh.setSectionHidden(i, not col.shown)
        # The task text takes the room the other columns leave: no empty grey area and
        # no horizontal scrolling; the other columns stay resizable.
        hh.setSectionResizeMode(column_of("text"), QHeaderView.ResizeMode.Stretch)
        hh.setMinimumSectionSize(40)
        hh.setSortIndicator(column_of("due"), Qt.SortOrder.AscendingOrder)

    def restore_header(self) -> bool:
        state = self.ctx.qsettings.value(HEADER_KEY)
        if isinstance(state, QByteArray | bytes) and state:
            return self.horizontalHeader().restoreState(QByteArray(state))
        return False

    def fit_columns(self) -> None:
        """The short columns as wide as their content (within limits), the task text the
        rest and never less than about a third of the table; columns the user sized stay."""
        keys = [k for k in FIT_LIMITS if k not in self._fixed]
        if not keys or self.viewport().width() < 100:
            return
        self._fitting = True
        try:
            fit_to_content(
                self,
                {column_of(k): FIT_LIMITS[k] for k in keys},
                give_up=tuple(column_of(k) for k in WRAPPING if k in keys),
                keep=0.36,
                lines=LINES_PER_ROW,
            )
        finally:
            self._fitting = False

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        key = COLUMNS[index].key
        if not self._fitting and key in FIT_LIMITS and self.horizontalHeader().underMouse():
            self._fixed.add(key)  # sized by hand: kept from now on
            self.ctx.qsettings.setValue(FIXED_KEY, sorted(self._fixed))
        self.save_header()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._needs_fit and self.viewport().width() > 100:
            self._needs_fit = False
            self.fit_columns()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.isVisible() and event.size().width() != event.oldSize().width():
            self._fit_timer.start()  # maximised, docks moved: fit again once settled

    def _refreshed(self) -> None:
        if self.isVisible():
            self.fit_columns()
        else:
            self._needs_fit = True

    def save_header(self) -> None:
        self.ctx.qsettings.setValue(HEADER_KEY, self.horizontalHeader().saveState())

    def reset_columns(self) -> None:
        hh = self.horizontalHeader()
        for i in range(len(COLUMNS)):
            hh.showSection(i)
            hh.moveSection(hh.visualIndex(i), i)
        self._fixed.clear()
        self.ctx.qsettings.remove(FIXED_KEY)
        self._default_layout()
        self.fit_columns()
        self.save_header()

    def set_column_visible(self, key: str, visible: bool) -> None:
        hh = self.horizontalHeader()
        index = column_of(key)
        if not visible and hh.count() - hh.hiddenSectionCount() <= 1:
            return  # never hide the last visible column
        hh.setSectionHidden(index, not visible)
        self.save_header()

    def is_column_visible(self, key: str) -> bool:
        return not self.horizontalHeader().isSectionHidden(column_of(key))

    def _header_menu(self, pos: QPoint) -> None:
        menu = self.column_menu(self)
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    def column_menu(self, parent: QWidget) -> QMenu:
        """Checkable column list (also used by the View menu)."""
        menu = QMenu(tr("Cột hiển thị"), parent)
        for col in COLUMNS:
            act = menu.addAction(col.title())
            act.setCheckable(True)
            act.setChecked(self.is_column_visible(col.key))
            act.toggled.connect(lambda on, key=col.key: self.set_column_visible(key, on))
        menu.addSeparator()
        menu.addAction(tr("Khôi phục cột mặc định"), self.reset_columns)
        return menu

    # ----------------------------------------------------------------- selection

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        return [tid for r in rows if (tid := self._model.task_id(r)) is not None]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return self._model.task_id(index.row()) if index.isValid() else None

    def select_ids(
        self, ids: list[int], current: int | None = None, *, scroll: bool = True
    ) -> None:
        sel = QItemSelection()
        last = self._model.columnCount() - 1
        for tid in ids:
            row = self._model.row_of(tid)
            if row is not None:
                sel.select(self._model.index(row, 0), self._model.index(row, last))
        sm = self.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        if current is not None and (row := self._model.row_of(current)) is not None:
            sm.setCurrentIndex(self._model.index(row, column_of("text")), flags.NoUpdate)
            if scroll:
                self.scrollTo(self._model.index(row, 0))
        sm.select(sel, flags.ClearAndSelect | flags.Rows)

    def _remember_selection(self) -> None:
        ids, current = self.selected_ids(), self.current_id()
        if ids or current is not None:
            self._keep = (ids, current)
        # else a filter hid the chosen tasks: they are chosen again when they come back
        self._scroll = self.verticalScrollBar().value()

    def _restore_selection(self) -> None:
        ids, current = self._keep
        if ids or current is not None:
            self.select_ids(ids, current, scroll=False)
        # Stay where the user was reading, unless the current task left that place.
        self.verticalScrollBar().setValue(self._scroll)
        if current is not None and (row := self._model.row_of(current)) is not None:
            self.scrollTo(self._model.index(row, 0))
        self.currentTaskChanged.emit(self.current_id())
        # A reset clears the selection without a signal: the actions follow what is shown.
        self.selectionChangedIds.emit(self.selected_ids())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self.selectionModel().hasSelection():
            # Qt makes the first row current when the table gets the focus, unselected:
            # the detail pane showed a task that the edit actions did not act on.
            flags = QItemSelectionModel.SelectionFlag
            self.selectionModel().select(current, flags.ClearAndSelect | flags.Rows)
        self.currentTaskChanged.emit(
            self._model.task_id(current.row()) if current.isValid() else None
        )

    # ----------------------------------------------------------------- activation

    def _activated(self, index: QModelIndex) -> None:
        tid = self._model.task_id(index.row())
        if tid is not None:
            self.taskActivated.emit(tid)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            return
        super().keyPressEvent(event)

    def set_context_actions(self, actions: list[QAction | None]) -> None:
        """Actions of the row menu (None: a separator); the main window owns them."""
        self._context_actions = actions

    def _context_menu(self, pos: QPoint) -> None:
        if not self._context_actions:
            return
        menu = QMenu(self)
        for act in self._context_actions:
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        menu.exec(self.viewport().mapToGlobal(pos))

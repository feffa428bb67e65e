"""The department tree dock: units in their hierarchy with open / overdue task counts.

Clicking a unit filters the table to its tasks and those of the units below it. A small
accent-insensitive filter box helps when the list has hundreds of units. The counts are
read in a worker thread (app.ui.departments.model.load_units).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMargins, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.db.changes import Change
from app.ui.departments.model import ID_ROLE, DepartmentTreeModel, UnitNode, load_units
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.worker import run_job

log = logging.getLogger(__name__)


class DepartmentTree(QWidget):
    """The dock's content: a filter box over the tree. Emits the chosen unit (None: all)."""

    departmentSelected = Signal(object)
    contentWidthKnown = Signal(int)  # the first time the units are shown: the width they need

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = DepartmentTreeModel(("name", "open", "overdue"), self, compact=True)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Lọc đơn vị…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_units)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAllColumnsShowFocus(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.view)
        self._selected: int | None = None
        self._generation = 0
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(150)
        self._reload_timer.timeout.connect(self.reload)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        ctx.changed.connect(self._on_change)
        # Filled right after the window appears: the table shows first (fast start).
        QTimer.singleShot(0, self.reload)

    def reload(self) -> None:
        """Count in a worker thread: at 100,000 tasks the counts take most of a second,
        and they are redone after every edit."""
        self._generation += 1
        generation = self._generation
        db, today = self.ctx.db, self.ctx.today()

        def done(loaded: list[UnitNode]) -> None:
            if generation == self._generation:  # a newer reload supersedes this one
                self._show(loaded)

        def failed(error: BaseException, trace: str) -> None:
            if generation == self._generation and not trace:
                log.warning("department tree not reloaded: %s", error)

        run_job(
            self,
            "",
            lambda _progress: load_units(db, today, dock=True),
            done,
            failed,
            show_dialog=False,
        )

    def _show(self, loaded: list[UnitNode]) -> None:
        keep = self._selected
        first = self.model.rowCount() == 0
        expanded = [] if first else self._expanded_ids()
        self.model.set_units(loaded)  # a reset: the view forgets what was open
        if first or self.search.text().strip():
            self._expand_default()
        for dept_id in expanded:
            self.view.expand(self.model.index_of(dept_id))
        self._select(keep, emit=False)
        if first:
            self.contentWidthKnown.emit(self.content_width())

    def content_width(self) -> int:
        """The width that shows the open branches' names and counts uncut."""
        fm = self.view.fontMetrics()
        indent = self.view.indentation()
        icon = self.view.iconSize().width() or 16
        widest = 0

        def walk(parent: QModelIndex, depth: int) -> None:
            nonlocal widest
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                text = str(index.data() or "")
                room = (depth + 1) * indent + fm.horizontalAdvance(text) + 12
                if index.data(Qt.ItemDataRole.DecorationRole) is not None:
                    room += icon + 4
                widest = max(widest, room)
                if self.view.isExpanded(index):
                    walk(index, depth + 1)

        walk(QModelIndex(), 0)
        counts = sum(self.view.sizeHintForColumn(c) for c in range(1, self.model.columnCount()))
        frame = 2 * self.view.frameWidth() + self.view.verticalScrollBar().sizeHint().width()
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        return widest + counts + frame + margins.left() + margins.right()

    def _expanded_ids(self) -> list[int | None]:
        found: list[int | None] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.view.isExpanded(index):
                    found.append(index.data(ID_ROLE))
                walk(index)  # a closed branch may hold open ones

        walk(QModelIndex())
        return found

    def _on_change(self, change: Change) -> None:
        if change is not None and (
            change.tasks or change.structure or change.settings or change.requests
        ):
            self._reload_timer.start()

    def _filter_units(self, text: str) -> None:
        self.model.set_search(text)
        self._expand_default()
        index = self.model.index_of(self._selected)
        if index.isValid():  # the chosen unit stays chosen, shown or hidden by the filter
            blocked = self.view.selectionModel().blockSignals(True)
            self.view.setCurrentIndex(index)
            self.view.selectionModel().blockSignals(blocked)

    def _expand_default(self) -> None:
        self.view.expandAll() if self.search.text().strip() else self.view.expandToDepth(1)

    def selected_id(self) -> int | None:
        return self._selected

    def select_department(self, dept_id: int | None) -> None:
        self._select(dept_id, emit=True)

    def _select(self, dept_id: int | None, *, emit: bool) -> None:
        index = self.model.index_of(dept_id)
        if not index.isValid() and dept_id is not None:
            dept_id = None
            index = self.model.index_of(None)
        blocked = self.view.selectionModel().blockSignals(not emit)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().blockSignals(blocked)
        changed = dept_id != self._selected
        self._selected = dept_id
        if emit and changed:
            self.departmentSelected.emit(dept_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        dept_id = current.data(ID_ROLE) if current.isValid() else None
        if dept_id != self._selected:
            self._selected = dept_id
            self.departmentSelected.emit(dept_id)

    def department_name(self, dept_id: int | None) -> str:
        node = self.model.units.get(dept_id) if dept_id is not None else None
        return node.name if node is not None else ""

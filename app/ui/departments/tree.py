"""The department tree dock: units in their hierarchy with open / overdue task counts.

Clicking a unit filters the table to its tasks and those of the units below it. A small
accent-insensitive filter box helps when the list has hundreds of units (a proxy model
is fine here: the list is small, unlike the task table).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.status import OPEN_STATUSES, Status
from app.core.text import fold
from app.db.changes import Change
from app.db.reads import departments, requests, tasks
from app.db.reads.filters import Period, TaskFilter
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.status_style import blank_icon, status_icon, unanswered_icon
from app.ui.kit.worker import run_job

log = logging.getLogger(__name__)

DeptIdRole = Qt.ItemDataRole.UserRole + 1
NameRole = Qt.ItemDataRole.UserRole + 2  # the full name (the tree may show a shorter one)
_Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    id: int | None  # None: the "all units" root
    name: str
    open: int = 0
    overdue: int = 0
    active: bool = True
    # Urging letters / request workbooks not answered: all, past their reply deadline,
    # and the longest delay in days.
    pending: int = 0
    late_requests: int = 0
    days_late: int = 0
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    row: int = 0


_Loaded = tuple[_Node, dict[int | None, _Node]]


def load_tree(ctx: AppContext) -> _Loaded:
    """The units with their counts, built without touching Qt so a worker thread can."""
    today = ctx.today()
    roots = departments.department_tree(ctx.db, today, counts=False)
    counts = departments.branch_counts(ctx.db, today)
    every_open = tasks.count_tasks(ctx.db, TaskFilter(statuses=OPEN_STATUSES, today=today))
    every_late = tasks.count_tasks(ctx.db, TaskFilter(period=Period.OVERDUE, today=today))
    unanswered = requests.pending_by_unit(ctx.db, today)
    top = _Node(None, tr("Tất cả đơn vị"))
    by_id: dict[int | None, _Node] = {None: top}

    def build(dn: departments.DeptNode, parent: _Node) -> None:
        node = _Node(dn.id, dn.name, active=dn.active, parent=parent)
        node.open, node.overdue = counts.get(dn.id, (0, 0))
        waiting = unanswered.get(dn.id)
        if waiting is not None:
            node.pending, node.late_requests = waiting.pending, waiting.late
            node.days_late = waiting.days_late
        node.row = len(parent.children)
        parent.children.append(node)
        by_id[dn.id] = node
        for child in dn.children:
            build(child, node)

    for dn in roots:
        build(dn, top)
    top.open, top.overdue = every_open, every_late  # tasks without a unit too
    return top, by_id


class DepartmentTreeModel(QAbstractItemModel):
    """Columns: unit, open tasks, overdue tasks. One root row: every unit."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = _Node(None, "")
        self._by_id: dict[int | None, _Node] = {}
        self._any_late = False

    def apply(self, loaded: _Loaded) -> None:
        top, by_id = loaded
        self.beginResetModel()
        self._root = _Node(None, "", children=[top])
        top.parent = self._root
        self._by_id = by_id
        self._any_late = any(n.late_requests for n in by_id.values())
        self.endResetModel()

    def node(self, index: _Index) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, dept_id: int | None) -> QModelIndex:
        node = self._by_id.get(dept_id)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    # ----------------------------------------------------------------- Qt model

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= 3:
            return QModelIndex()
        owner = self.node(parent) if parent.isValid() else self._root
        if owner is None or not 0 <= row < len(owner.children):
            return QModelIndex()
        return self.createIndex(row, column, owner.children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        owner = self.node(parent) if parent.isValid() else self._root
        return len(owner.children) if owner is not None else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr("Đơn vị") if section == 0 else ""
        if role == Qt.ItemDataRole.DecorationRole and section in (1, 2):
            # Icons keep the count columns narrow; the tooltip names them.
            return status_icon(Status.OPEN if section == 1 else Status.OVERDUE)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                (
                    tr("Đơn vị chủ trì hoặc phối hợp"),
                    tr("Số nhiệm vụ chưa hoàn thành (kể cả đơn vị cấp dưới)"),
                    tr("Số nhiệm vụ chưa hoàn thành đã quá hạn"),
                )[section]
                if section < 3
                else None
            )
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        col = index.column()
        if role == DeptIdRole:
            return node.id
        if role == NameRole:
            return node.name
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return short_name(node.name, node.parent.name if node.parent else "")
            value = node.open if col == 1 else node.overdue
            return str(value) if value else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            text = tr(
                "{name}\n{open} nhiệm vụ chưa hoàn thành, {overdue} quá hạn",
                name=node.name,
                open=node.open,
                overdue=node.overdue,
            )
            return text + "\n" + unanswered_text(node) if node.pending else text
        if role == Qt.ItemDataRole.DecorationRole and col == 0 and self._any_late:
            # Every unit gets an icon slot (blank when not late) so names stay aligned.
            if node.late_requests:
                return unanswered_icon()
            return blank_icon() if node.id is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 2 and node.overdue:
                return QColor("#c62828")
            if not node.active:
                return QColor("#80868b")
            return None
        if role == Qt.ItemDataRole.FontRole:
            if node.id is None or (col == 2 and node.overdue):
                font = QFont()
                font.setBold(True)
                return font
            if not node.active:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def unanswered_text(node: _Node) -> str:
    """ "Chưa trả lời 2 văn bản đôn đốc (trễ nhất 5 ngày)" for the tree's tooltip."""
    if node.late_requests:
        return tr(
            "Chưa trả lời {n} văn bản đôn đốc (trễ nhất {days} ngày)",
            n=node.pending,
            days=node.days_late,
        )
    return tr("Đang chờ trả lời {n} văn bản đôn đốc (chưa đến hạn)", n=node.pending)


def short_name(name: str, parent: str) -> str:
    """A unit's name without the parent's name it ends with, for the tree.

    Under "Đảng ủy Khối các cơ quan tỉnh", "Ban Tuyên giáo Đảng ủy Khối" shows as
    "Ban Tuyên giáo"; the tooltip keeps the full name.
    """
    words = name.split()
    head = [fold(w) for w in parent.split()]
    for k in range(len(words) - 1, 1, -1):
        if len(head) >= k and [fold(w) for w in words[-k:]] == head[:k]:
            return " ".join(words[:-k])
    return name


class _FoldFilter(QSortFilterProxyModel):
    """Keeps units whose name contains the typed text, accents ignored, and their parents."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setRecursiveFilteringEnabled(True)

    def set_needle(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self._needle = fold(text)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._needle = fold(text)
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        if not self._needle:
            return True
        index = self.sourceModel().index(row, 0, parent)
        if index.data(DeptIdRole) is None:
            return False  # the root row stays through its children
        return self._needle in fold(index.data(NameRole))


class DepartmentTree(QWidget):
    """The dock's content: a filter box over the tree. Emits the chosen unit (None: all)."""

    departmentSelected = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = DepartmentTreeModel(self)
        self.proxy = _FoldFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Lọc đơn vị…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_units)
        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
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
        ctx = self.ctx

        def done(loaded: _Loaded) -> None:
            if generation == self._generation:  # a newer reload supersedes this one
                self._show(loaded)

        def failed(error: BaseException, trace: str) -> None:
            if generation == self._generation and not trace:
                log.warning("department tree not reloaded: %s", error)

        run_job(self, "", lambda _progress: load_tree(ctx), done, failed, show_dialog=False)

    def _show(self, loaded: _Loaded) -> None:
        keep = self._selected
        first = self.model.rowCount() == 0
        expanded = [] if first else self._expanded_ids()
        self.model.apply(loaded)  # a reset: the view forgets what was open
        if first:
            self.view.expandToDepth(1)
        for dept_id in expanded:
            self.view.expand(self.proxy.mapFromSource(self.model.index_of(dept_id)))
        self._select(keep, emit=False)

    def _expanded_ids(self) -> list[int | None]:
        found: list[int | None] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                if self.view.isExpanded(index):
                    found.append(index.data(DeptIdRole))
                walk(index)  # a closed branch may hold open ones

        walk(QModelIndex())
        return found

    def _on_change(self, change: Change) -> None:
        if change is not None and (
            change.tasks or change.structure or change.settings or change.requests
        ):
            self._reload_timer.start()

    def _filter_units(self, text: str) -> None:
        self.proxy.set_needle(text)
        self.view.expandAll() if text else self.view.expandToDepth(1)

    def selected_id(self) -> int | None:
        return self._selected

    def select_department(self, dept_id: int | None) -> None:
        self._select(dept_id, emit=True)

    def _select(self, dept_id: int | None, *, emit: bool) -> None:
        index = self.proxy.mapFromSource(self.model.index_of(dept_id))
        if not index.isValid() and dept_id is not None:
            dept_id = None
            index = self.proxy.mapFromSource(self.model.index_of(None))
        blocked = self.view.selectionModel().blockSignals(not emit)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().blockSignals(blocked)
        changed = dept_id != self._selected
        self._selected = dept_id
        if emit and changed:
            self.departmentSelected.emit(dept_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        dept_id = current.data(DeptIdRole) if current.isValid() else None
        if dept_id != self._selected:
            self._selected = dept_id
            self.departmentSelected.emit(dept_id)

    def department_name(self, dept_id: int | None) -> str:
        index = self.model.index_of(dept_id)
        return str(index.data(NameRole)) if index.isValid() else ""

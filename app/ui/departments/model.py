"""Models of the departments dialog: the unit tree (with drag-and-drop) and the aliases.

The tree model never changes the database itself: a drop asks for a re-parent through
`reparentRequested`, the dialog pushes an undoable command, and the tree reloads from
the change signal like every other view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.core.text import fold
from app.db.reads.departments import AliasInfo, DeptNode
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.widgets import ROOT, HeaderedModel, Index

MIME = "application/x-dondoc-department-ids"
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(slots=True)
class _Item:
    node: DeptNode
    parent: _Item | None
    children: list[_Item]
    row: int


def _matches(node: DeptNode, words: list[str]) -> bool:
    hay = fold(f"{node.name} {node.short_name}")
    return all(w in hay for w in words)


class DepartmentTreeModel(HeaderedModel, QAbstractItemModel):
    """The department tree with task counts; filtering keeps the ancestors of matches."""

    reparentRequested = Signal(list, object)  # department ids, new parent id (None: top)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.roots: list[_Item] = []
        self.by_id: dict[int, _Item] = {}
        self._headers = [tr("Đơn vị"), tr("Viết tắt"), tr("Nhiệm vụ"), tr("Quá hạn")]

    # ----------------------------------------------------------------- loading

    def load(self, roots: list[DeptNode], search: str = "") -> None:
        words = fold(search).split()
        self.beginResetModel()
        self.by_id = {}
        self.roots = self._build(roots, None, words)
        self.endResetModel()

    def _build(self, nodes: list[DeptNode], parent: _Item | None, words: list[str]) -> list[_Item]:
        out: list[_Item] = []
        for node in nodes:
            item = _Item(node, parent, [], len(out))
            item.children = self._build(node.children, item, words)
            if words and not item.children and not _matches(node, words):
                continue
            item.row = len(out)
            out.append(item)
            self.by_id[node.id] = item
        return out

    def index_of(self, dept_id: int, column: int = 0) -> QModelIndex:
        item = self.by_id.get(dept_id)
        if item is None:
            return QModelIndex()
        return self.createIndex(item.row, column, item)

    def node(self, index: Index) -> DeptNode | None:
        item = index.internalPointer() if index.isValid() else None
        return item.node if item is not None else None

    def descendants(self, dept_id: int) -> set[int]:
        item = self.by_id.get(dept_id)
        out: set[int] = set()
        stack = [item] if item else []
        while stack:
            it = stack.pop()
            out.add(it.node.id)
            stack.extend(it.children)
        return out

    # ----------------------------------------------------------------- structure

    def _children(self, parent: Index) -> list[_Item]:
        if not parent.isValid():
            return self.roots
        return parent.internalPointer().children

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._children(parent)[row])

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        if up is None:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return node.name if node.active else f"{node.name} ({tr('ngừng theo dõi')})"
            if col == 1:
                return node.short_name
            if col == 2:
                return node.total or ""
            return node.overdue or ""
        if role == ID_ROLE:
            return node.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr(
                "{name}: {total} nhiệm vụ, {open} chưa xong, {overdue} quá hạn",
                name=node.name,
                total=node.total,
                open=node.open,
                overdue=node.overdue,
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            if not node.active:
                return QBrush(QColor("#8a8a8a"))
            if col == 3 and node.overdue:
                return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.FontRole and not node.active:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # ----------------------------------------------------------------- drag and drop

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(self.data(i, ID_ROLE) for i in indexes if i.isValid()))
        mime = QMimeData()
        mime.setData(MIME, QByteArray(",".join(str(i) for i in ids).encode()))
        return mime

    @staticmethod
    def dragged_ids(data: QMimeData) -> list[int]:
        if not data.hasFormat(MIME):
            return []
        raw = bytes(data.data(MIME).data()).decode()
        return [int(x) for x in raw.split(",") if x]

    def _target(self, row: int, parent: Index) -> int | None:
        # Dropping on an item makes it the new parent; between items, their parent.
        node = self.node(parent)
        return node.id if node is not None else None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = self.dragged_ids(data)
        if not ids:
            return False
        target = self._target(row, parent)
        return not any(target is not None and target in self.descendants(i) for i in ids)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self._target(row, parent)
        ids = [i for i in self.dragged_ids(data) if self._parent_id(i) != target]
        if ids:
            self.reparentRequested.emit(ids, target)
        return False  # the tree reloads from the database after the command

    def _parent_id(self, dept_id: int) -> int | None:
        item = self.by_id.get(dept_id)
        return item.node.parent_id if item is not None else None


class AliasModel(HeaderedModel, QAbstractTableModel):
    """Other names of a unit; a dated one is a former name (valid until that day)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list[AliasInfo] = []
        self._headers = [tr("Tên gọi khác"), tr("Dùng đến ngày")]

    def set_items(self, items: list[AliasInfo]) -> None:
        self.beginResetModel()
        self.items = sorted(items, key=lambda a: (a.valid_until is not None, a.valid_until, a.id))
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        a = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return a.alias
            return fmt_date(a.valid_until) if a.valid_until else tr("đang dùng")
        if role == Qt.ItemDataRole.ToolTipRole and a.valid_until:
            return tr("Tên cũ, dùng đến ngày {d}", d=fmt_date(a.valid_until))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and not a.valid_until:
            return QBrush(QColor("#2e7d32"))
        return None

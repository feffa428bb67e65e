"""The one model of the department tree: the window's dock and the departments dialog.

Units in their hierarchy with task counts, filtered by typed words (accents ignored; a
unit stays when one below it matches). The dock (`compact=True`) shows names shortened
under their parent, open and overdue counts of each branch under icon headers, the
unanswered letters of each unit, and one "Tất cả đơn vị" row above all. The dialog shows
each unit's own counts and its short name, and lets units be dragged to a new parent:
a drop asks for it through `reparentRequested` and the tree reloads from the change
signal like every other view (the model never writes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
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

from app.core.status import OPEN_STATUSES, Status
from app.core.text import fold
from app.db.reads import departments, requests, tasks
from app.db.reads.departments import AliasInfo, DeptNode
from app.db.reads.filters import Period, TaskFilter
from app.db.reads.unit_counts import UnitCounts, unit_counts
from app.db.store import Database
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.status_style import blank_icon, status_icon, unanswered_icon
from app.ui.kit.widgets import ROOT, HeaderedModel, Index

MIME = "application/x-dondoc-department-ids"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # the full name (the dock may show a shorter one)
COLUMNS = ("name", "short", "total", "open", "overdue")
_GREY = QColor("#80868b")
_RED = QColor("#c62828")


@dataclass(eq=False)
class UnitNode:
    id: int | None  # None: the "all units" row of the dock
    name: str
    short_name: str = ""
    parent_id: int | None = None
    active: bool = True
    total: int = 0  # tasks of the unit (any role); the dialog's counts are the unit's own
    open: int = 0  # the dock's open and overdue counts are the whole branch's
    overdue: int = 0
    # Urging letters / request workbooks not answered: all, past their reply deadline,
    # and the longest delay in days (the dock only).
    pending: int = 0
    late_requests: int = 0
    days_late: int = 0
    parent: UnitNode | None = None
    children: list[UnitNode] = field(default_factory=list)
    shown: list[UnitNode] = field(default_factory=list)  # children left by the search
    row: int = 0


def load_units(db: Database, today: date, *, dock: bool = False) -> list[UnitNode]:
    """The unit tree with its counts, built without Qt so that a worker thread can.

    `dock`: open and overdue tasks per branch (a unit with the units below it),
    unanswered requests per unit, and one row for every unit on top.
    """
    roots = departments.department_tree(db, today, counts=not dock)
    branch = unit_counts(db, today) if dock else {}
    waiting = requests.pending_by_unit(db, today) if dock else {}

    def build(dn: DeptNode, parent: UnitNode | None) -> UnitNode:
        node = UnitNode(
            dn.id, dn.name, dn.short_name, dn.parent_id, dn.active, dn.total, dn.open, dn.overdue
        )
        node.parent = parent
        if dock:
            mine = branch.get(dn.id, UnitCounts())
            node.open, node.overdue = mine.open, mine.overdue
            unanswered = waiting.get(dn.id)
            if unanswered is not None:
                node.pending, node.late_requests = unanswered.pending, unanswered.late
                node.days_late = unanswered.days_late
        node.children = [build(c, node) for c in dn.children]
        return node

    if not dock:
        return [build(dn, None) for dn in roots]
    top = UnitNode(None, tr("Tất cả đơn vị"))
    top.children = [build(dn, top) for dn in roots]
    # Every task, also those without a unit.
    top.open = tasks.count_tasks(db, TaskFilter(statuses=OPEN_STATUSES, today=today))
    top.overdue = tasks.count_tasks(db, TaskFilter(period=Period.OVERDUE, today=today))
    return [top]


def short_name(name: str, parent: str) -> str:
    """A unit's name without the parent's name it ends with, for the dock.

    Under "Đảng ủy Khối các cơ quan tỉnh", "Ban Tuyên giáo Đảng ủy Khối" shows as
    "Ban Tuyên giáo"; the tooltip keeps the full name.
    """
    words = name.split()
    head = [fold(w) for w in parent.split()]
    for k in range(len(words) - 1, 1, -1):
        if len(head) >= k and [fold(w) for w in words[-k:]] == head[:k]:
            return " ".join(words[:-k])
    return name


def unanswered_text(node: UnitNode) -> str:
    """ "Chưa trả lời 2 văn bản đôn đốc (trễ nhất 5 ngày)" for the dock's tooltip."""
    if node.late_requests:
        return tr(
            "Chưa trả lời {n} văn bản đôn đốc (trễ nhất {days} ngày)",
            n=node.pending,
            days=node.days_late,
        )
    return tr("Đang chờ trả lời {n} văn bản đôn đốc (chưa đến hạn)", n=node.pending)


def _matches(node: UnitNode, words: list[str]) -> bool:
    hay = fold(f"{node.name} {node.short_name}")
    return all(w in hay for w in words)


class DepartmentTreeModel(HeaderedModel, QAbstractItemModel):
    """The department tree: `columns` out of COLUMNS, filtered by `set_search`."""

    reparentRequested = Signal(list, object)  # department ids, new parent id (None: top)

    def __init__(
        self,
        columns: Sequence[str],
        parent=None,
        *,
        compact: bool = False,
        movable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.compact = compact
        self.movable = movable
        self.roots: list[UnitNode] = []
        self.units: dict[int, UnitNode] = {}  # every unit, shown or hidden by the search
        self._shown: list[UnitNode] = []
        self._search = ""
        self._any_late = False
        titles = {
            "name": tr("Đơn vị"),
            "short": tr("Viết tắt"),
            "total": tr("Nhiệm vụ"),
            "open": "" if compact else tr("Chưa hoàn thành"),
            "overdue": "" if compact else tr("Quá hạn"),
        }
        self._headers = [titles[c] for c in self.columns]

    # ----------------------------------------------------------------- loading

    def set_units(self, roots: list[UnitNode]) -> None:
        self.beginResetModel()
        self.roots = roots
        self.units = {}
        stack = list(roots)
        while stack:
            node = stack.pop()
            if node.id is not None:
                self.units[node.id] = node
            stack.extend(node.children)
        self._any_late = any(n.late_requests for n in self.units.values())
        self._filter()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        if fold(text).split() == fold(self._search).split():
            self._search = text
            return
        self.beginResetModel()
        self._search = text
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        words = fold(self._search).split()

        def keep(node: UnitNode) -> bool:
            node.shown = [c for c in node.children if keep(c)]
            for row, child in enumerate(node.shown):
                child.row = row
            if not words or node.shown:
                return True
            return node.id is not None and _matches(node, words)

        self._shown = [n for n in self.roots if keep(n)]
        for row, node in enumerate(self._shown):
            node.row = row

    def _visible(self, node: UnitNode) -> bool:
        up: UnitNode | None = node
        while up is not None:
            siblings = up.parent.shown if up.parent is not None else self._shown
            if up not in siblings:
                return False
            up = up.parent
        return True

    def index_of(self, dept_id: int | None, column: int = 0) -> QModelIndex:
        """The unit's index (None: the dock's "all units" row); invalid when hidden."""
        node = self.units.get(dept_id) if dept_id is not None else self._top()
        if node is None or not self._visible(node):
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def _top(self) -> UnitNode | None:
        return next((n for n in self.roots if n.id is None), None)

    def node(self, index: Index) -> UnitNode | None:
        return index.internalPointer() if index.isValid() else None

    def descendants(self, dept_id: int) -> set[int]:
        node = self.units.get(dept_id)
        out: set[int] = set()
        stack = [node] if node else []
        while stack:
            n = stack.pop()
            if n.id is not None:
                out.add(n.id)
            stack.extend(n.children)
        return out

    # ----------------------------------------------------------------- structure

    def _children(self, parent: Index) -> list[UnitNode]:
        node = self.node(parent)
        return node.shown if node is not None else self._shown

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._children(parent)[row])

    # Qt's parent(index) of a model beside QObject.parent(): one name, two signatures
    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        up = node.parent if node is not None else None
        if up is None:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(self.columns)

    # ----------------------------------------------------------------- data

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        col = self.columns[section]
        if self.compact and col in ("open", "overdue"):
            # Icons keep the count columns narrow; the tooltip names them.
            if role == Qt.ItemDataRole.DecorationRole:
                return status_icon(Status.OPEN if col == "open" else Status.OVERDUE)
            if role == Qt.ItemDataRole.ToolTipRole:
                if col == "open":
                    return tr("Số nhiệm vụ chưa hoàn thành (kể cả đơn vị cấp dưới)")
                return tr("Số nhiệm vụ chưa hoàn thành đã quá hạn")
        if role == Qt.ItemDataRole.ToolTipRole and col == "name" and self.compact:
            return tr("Đơn vị chủ trì hoặc phối hợp")
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        col = self.columns[index.column()]
        if role == ID_ROLE:
            return node.id
        if role == NAME_ROLE:
            return node.name
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.DecorationRole and col == "name" and self._any_late:
            # Every unit gets an icon slot (blank when not late) so names stay aligned.
            if node.late_requests:
                return unanswered_icon()
            return blank_icon() if node.id is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == "overdue" and node.overdue:
                return QBrush(_RED)
            if not node.active:
                return QBrush(_GREY)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if node.id is None or (self.compact and col == "overdue" and node.overdue):
                font = QFont()
                font.setBold(True)
                return font
            if not node.active:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("total", "open", "overdue"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, node: UnitNode, col: str) -> Any:
        if col == "name":
            if self.compact:
                parent = node.parent.name if node.parent is not None else ""
                return short_name(node.name, parent) if node.id is not None else node.name
            return node.name if node.active else f"{node.name} ({tr('ngừng theo dõi')})"
        if col == "short":
            return node.short_name
        value = {"total": node.total, "open": node.open, "overdue": node.overdue}[col]
        if self.compact:
            return str(value) if value else ""
        return value or ""

    def _tooltip(self, node: UnitNode) -> str:
        if not self.compact:
            return tr(
                "{name}: {total} nhiệm vụ, {open} chưa xong, {overdue} quá hạn",
                name=node.name,
                total=node.total,
                open=node.open,
                overdue=node.overdue,
            )
        text = tr(
            "{name}\n{open} nhiệm vụ chưa hoàn thành, {overdue} quá hạn",
            name=node.name,
            open=node.open,
            overdue=node.overdue,
        )
        return text + "\n" + unanswered_text(node) if node.pending else text

    # ----------------------------------------------------------------- drag and drop

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled if self.movable else Qt.ItemFlag.NoItemFlags
        if not index.isValid():
            return base
        flags = base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsDragEnabled if self.movable else flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(self.data(i, ID_ROLE) for i in indexes if i.isValid()))
        mime = QMimeData()
        mime.setData(MIME, QByteArray(",".join(str(i) for i in ids if i is not None).encode()))
        return mime

    @staticmethod
    def dragged_ids(data: QMimeData) -> list[int]:
        if not data.hasFormat(MIME):
            return []
        raw = bytes(data.data(MIME).data()).decode()
        return [int(x) for x in raw.split(",") if x]

    def _target(self, parent: Index) -> int | None:
        # Dropping on an item makes it the new parent; between items, their parent.
        node = self.node(parent)
        return node.id if node is not None else None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = self.dragged_ids(data)
        if not self.movable or not ids:
            return False
        target = self._target(parent)
        return not any(target is not None and target in self.descendants(i) for i in ids)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self._target(parent)
        ids = [i for i in self.dragged_ids(data) if self._parent_id(i) != target]
        if ids:
            self.reparentRequested.emit(ids, target)
        return False  # the tree reloads from the database after the command

    def _parent_id(self, dept_id: int) -> int | None:
        node = self.units.get(dept_id)
        return node.parent_id if node is not None else None


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

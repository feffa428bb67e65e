"""The task table's model: ids of the current query, rows fetched lazily in blocks.

As in anki's browser table (qt/aqt/browser/table/model.py), the model never holds the
whole result: searching, filtering and sorting run in SQL (`reads.tasks.task_ids`), the model
keeps the ordered ids, and `data()` fetches the block of rows around a visible row
(`reads.tasks.task_rows`) into a cache. That keeps the table instant at 100,000 tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.core.status import Status
from app.db.changes import Change
from app.db.reads import settings, tasks
from app.db.reads.filters import SortKey, TaskFilter
from app.db.reads.tasks import TaskRow
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.status_style import status_color, status_icon, status_text, status_tint

TaskIdRole = Qt.ItemDataRole.UserRole + 1

BLOCK = 100  # rows fetched per query when a row is first shown
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    sort: SortKey | None  # None: the column cannot be sorted (done in SQL)
    width: int  # default width in pixels at 96 dpi
    shown: bool = True  # shown by default (the details panel has the others)

    def title(self) -> str:
        return {
            "number": tr("STT"),
            "text": tr("Nội dung nhiệm vụ"),
            "lead": tr("Chủ trì"),
            "coordinators": tr("Phối hợp"),
            "deadline": tr("Thời hạn"),
            "due": tr("Hạn"),
            "status": tr("Trạng thái"),
            "plan": tr("Kế hoạch"),
        }[self.key]


COLUMNS: tuple[Column, ...] = (
    Column("number", SortKey.POSITION, 44),
    Column("text", SortKey.TEXT, 360),
    Column("lead", SortKey.LEAD, 165),
    Column("coordinators", None, 165, shown=False),
    Column("deadline", SortKey.DEADLINE, 145),
    Column("due", SortKey.DUE, 118),  # room for "(gia hạn)"
    Column("status", SortKey.STATUS, 140),
    Column("plan", SortKey.PLAN, 110, shown=False),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


def column_of(key: str) -> int:
    return COLUMN_INDEX[key]


class TaskTableModel(QAbstractTableModel):
    """Rows are tasks in the order SQL gave; columns are `COLUMNS`."""

    # Emitted after the ids were re-queried (filter, sort or data changed).
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ids: list[int] = []
        self._pos: dict[int, int] | None = None
        self._rows: dict[int, TaskRow] = {}
        self._filter = TaskFilter(today=ctx.today())
        self._sort = SortKey.DUE
        self._descending = False
        self._soon = 7
        self._searched = False
        ctx.changed.connect(self.on_change)

    # ----------------------------------------------------------------- query

    @property
    def task_filter(self) -> TaskFilter:
        return self._filter

    @property
    def sort_key(self) -> tuple[SortKey, bool]:
        return self._sort, self._descending

    def set_filter(self, flt: TaskFilter) -> None:
        if flt != self._filter or not self._searched:
            self._filter = flt
            self.search()

    def set_sort(self, key: SortKey, descending: bool = False) -> None:
        if (key, descending) != (self._sort, self._descending) or not self._searched:
            self._sort, self._descending = key, descending
            self.search()

    def search(self) -> None:
        """Run the current query again; the view restores its selection by id."""
        today = self.ctx.today()
        self._soon = settings.soon_days(self.ctx.db)
        self._filter = replace(self._filter, today=today, soon_days=self._soon)
        ids = tasks.task_ids(self.ctx.db, self._filter, self._sort, self._descending)
        self._searched = True
        if ids == self._ids and ids:
            # Same rows in the same order (an edit that did not move anything): repaint
            # them from fresh data; selection and scroll position stay as they are.
            self._rows.clear()
            last = self.index(len(ids) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.beginResetModel()
            self._ids = ids
            self._pos = None
            self._rows.clear()
            self.endResetModel()
        self.refreshed.emit()

    def on_change(self, change: Change) -> None:
        if change is None:
            return
        if change.tasks or change.structure or change.settings:
            # A changed task may now match or leave the filter, or move in the order.
            self.search()

    # ----------------------------------------------------------------- access

    @property
    def ids(self) -> list[int]:
        return self._ids

    def task_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, task_id: int) -> int | None:
        if self._pos is None:
            self._pos = {tid: i for i, tid in enumerate(self._ids)}
        return self._pos.get(task_id)

    def row_data(self, row: int) -> TaskRow | None:
        task_id = self.task_id(row)
        if task_id is None:
            return None
        cached = self._rows.get(task_id)
        if cached is None:
            self._fetch_block(row)
            cached = self._rows.get(task_id)
        return cached

    def _fetch_block(self, row: int) -> None:
        start = (row // BLOCK) * BLOCK
        wanted = [i for i in self._ids[start : start + BLOCK] if i not in self._rows]
        if not wanted:
            return
        for r in tasks.task_rows(self.ctx.db, wanted, self._filter.today, self._soon):
            self._rows[r.id] = r

    @property
    def cached_rows(self) -> int:
        """How many rows are held in memory (the table must not load everything)."""
        return len(self._rows)

    # ----------------------------------------------------------------- Qt model

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        col = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.title()
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.sort is None:
                return col.title()
            return tr("{col} — bấm để sắp xếp", col=col.title())
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == TaskIdRole:
            return self._ids[index.row()]
        if role not in _ROLES:
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key, index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "status":
            return status_icon(row.status)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key in ("status", "due"):
                return status_color(row.status)
            if row.status.is_done or row.status == Status.CANCELLED:
                return _DONE_TEXT
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return status_tint(row.status)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in ("number", "due"):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: TaskRow, key: str, index: int) -> str:
        if key == "number":
            return str(index + 1)
        if key == "text":
            return row.text
        if key == "lead":
            return row.lead or ""
        if key == "coordinators":
            return "; ".join(row.coordinators)
        if key == "deadline":
            return row.deadline_raw
        if key == "due":
            if row.extended:  # "đã gia hạn" visible in the row itself
                return tr("{day} (gia hạn)", day=fmt_date(row.due))
            return fmt_date(row.due)
        if key == "status":
            return status_text(row.status)
        if key == "plan":
            return row.plan_number or row.plan_title
        return ""

    def _tooltip(self, row: TaskRow, key: str) -> str | None:
        if key == "text":
            parts = [row.text]
            if row.section or row.number:
                where = " ".join(p for p in (row.section, row.number) if p)
                parts.append(tr("Mục {where}", where=where))
            if row.progress:
                parts.append(tr("Tiến độ: {text}", text=row.progress))
            return "\n".join(parts)
        if key == "plan":
            return "\n".join(p for p in (row.plan_number, row.plan_title) if p) or None
        if key == "status":
            return _status_tip(row, self._filter.today)
        if key == "due" and row.extended:
            return tr(
                "Đã gia hạn {n} lần; hạn hiện tại {day}", n=row.extensions, day=fmt_date(row.due)
            )
        text = self._display(row, key, 0)
        return text or None

    # Qt asks for sorting through the header; the order is decided in SQL.
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort is None:
            return
        key = COLUMNS[column].sort
        assert key is not None
        self.set_sort(key, order == Qt.SortOrder.DescendingOrder)


_ROLES = {
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.TextAlignmentRole,
}

_DONE_TEXT = QColor("#5f6368")


def _status_tip(row: TaskRow, today: date) -> str:
    text = status_text(row.status)
    if row.completed_on:
        return tr("{status} (hoàn thành ngày {day})", status=text, day=fmt_date(row.completed_on))
    if row.due and row.status in (Status.OVERDUE, Status.DUE_SOON, Status.OPEN):
        days = (row.due - today).days
        if days < 0:
            return tr("{status}: trễ {n} ngày", status=text, n=-days)
        return tr("{status}: còn {n} ngày", status=text, n=days)
    if row.condition:
        return tr("{status}: {condition}", status=text, condition=row.condition)
    return text

"""The week agenda: seven days, each with every task due that day, most urgent first.

A quarter's last day can carry thousands of tasks, so the model holds only ids and
statuses and fetches text and lead a page at a time when the view asks for them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from app.core.status import Status
from app.db.reads import calendar as cq
from app.db.reads.filters import TaskFilter
from app.db.store import Database
from app.ui.calendar.layout import Chip, Day, make_days
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.status_style import status_icon, status_text
from app.ui.kit.widgets import ROOT, STATUS_RANK, HeaderedModel, Index, status_colors, weekday_name

TASK_ROLE = Qt.ItemDataRole.UserRole + 1
DAY_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE = 200
_NONE = 0xFFFFFFFF  # internal id of a day row (a task row stores its day's index)


class AgendaModel(HeaderedModel, QAbstractItemModel):
    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.days: list[Day] = []
        self.today = date.today()
        self._headers = [tr("Nhiệm vụ"), tr("Chủ trì"), tr("Thời hạn"), tr("Trạng thái")]

    def load(self, start: date, flt: TaskFilter) -> None:
        end = start + timedelta(days=6)
        self.beginResetModel()
        self.days = make_days(cq.user_days(self.db), start, end)
        buckets: dict[date, list[Chip]] = {d.day: [] for d in self.days}
        for e in cq.entries(self.db, start, end, flt):
            buckets[e.due].append(Chip(e.task_id, e.status, e.due))
        for day in self.days:
            chips = sorted(buckets[day.day], key=lambda c: (STATUS_RANK[c.status], c.task_id))
            day.chips = chips
            day.total = len(chips)
            for c in chips:
                day.counts[c.status] = day.counts.get(c.status, 0) + 1
        self.today = flt.today
        self.endResetModel()

    def total(self) -> int:
        return sum(d.total for d in self.days)

    # ----------------------------------------------------------------- structure

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NONE)
        return self.createIndex(row, column, parent.row())

    # Qt's parent(index) of a model beside QObject.parent(): one name, two signatures
    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NONE:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _NONE)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self.days)
        if parent.internalId() == _NONE and parent.column() == 0:
            return len(self.days[parent.row()].chips)
        return 0

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(self._headers)

    # ----------------------------------------------------------------- data

    def chip(self, index: Index) -> Chip | None:
        if not index.isValid() or index.internalId() == _NONE:
            return None
        day = self.days[index.internalId()]
        chip = day.chips[index.row()]
        if not chip.text:
            self._fetch(day, index.row())
        return chip

    def _fetch(self, day: Day, row: int) -> None:
        page = [c for c in day.chips[row : row + PAGE] if not c.text]
        info = cq.details(self.db, [c.task_id for c in page])
        for c in page:
            c.text, c.lead, c.deadline = info.get(c.task_id, ("?", None, ""))

    def _icon(self, status: Status) -> QIcon:
        return status_icon(status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _NONE:
            return self._day_data(self.days[index.row()], index.column(), role)
        chip = self.chip(index)
        if chip is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [chip.text, chip.lead or "", chip.deadline, status_text(chip.status)][col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return chip.text
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return self._icon(chip.status)
        if role == Qt.ItemDataRole.ForegroundRole:
            if chip.status.is_done:
                return QBrush(QColor("#8a8a8a"))
            if col == 3:
                return QBrush(status_colors(chip.status)[1])
        if role == TASK_ROLE:
            return chip.task_id
        if role == DAY_ROLE:
            return chip.due
        return None

    def _day_data(self, day: Day, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                text = f"{weekday_name(day.day.weekday())}, {fmt_date(day.day)}"
                return text + (f" — {tr('Hôm nay')}" if day.day == self.today else "")
            if col == 1:
                if day.holiday and not day.workday:
                    return day.holiday
                return tr("Làm bù") if day.workday and day.weekend else ""
            if col == 3:
                if not day.total:
                    return tr("Không có nhiệm vụ")
                overdue = day.counts.get(Status.OVERDUE, 0)
                text = tr("{n} nhiệm vụ", n=day.total)
                return text + (" · " + tr("{n} quá hạn", n=overdue) if overdue else "")
            return ""
        if role == Qt.ItemDataRole.FontRole and col == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if day.holiday and not day.workday:
                return QBrush(QColor("#fdeceb"))
            return QBrush(QColor("#eef1f5" if day.workday else "#e6e8eb"))
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QBrush(QColor("#c62828"))
        if role == DAY_ROLE:
            return day.day
        return None

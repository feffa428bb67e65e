"""Days off and make-up working days added by the office, beside the public holidays.

Deadlines counted in working days ("trong 10 ngày làm việc") and the calendar's shading
use both lists. The public holidays (with the government's bridge days and make-up
Saturdays) are shown for reference only; the office's own days are added, changed and
removed here, each change undoable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.workdays import WorkCalendar
from app.db import ops
from app.db.changes import Change
from app.db.reads.calendar import UserDay, user_days
from app.db.store import Database
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.places import size_dialog
from app.ui.kit.undo import OpCommand
from app.ui.kit.widgets import (
    Index,
    RowsModel,
    button_box,
    date_edit,
    to_date,
    weekday_name,
)


@dataclass(frozen=True, slots=True)
class PublicDay:
    day: date
    name: str
    workday: bool  # a Saturday or Sunday made a working day


def public_days(year: int) -> list[PublicDay]:
    """The public holidays and official make-up working days of a year."""
    cal = WorkCalendar()
    out: list[PublicDay] = []
    d = date(year, 1, 1)
    while d.year == year:
        name = cal.holiday_name(d)
        if name:
            out.append(PublicDay(d, name, False))
        elif d.weekday() >= 5 and cal.is_workday(d):
            out.append(PublicDay(d, tr("Làm bù (theo quy định)"), True))
        d += timedelta(days=1)
    return out


class _Table(RowsModel, QAbstractTableModel):
    """A read-only table of rows given as lists of display values."""

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self.rows: list[list[str]] = []
        self.colors: list[str | None] = []

    def set_rows(self, rows: list[list[str]], colors: list[str | None] | None = None) -> None:
        self.colors = list(colors or [None] * len(rows))
        super().set_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.row_at(index) is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and self.colors[index.row()]:
            return QBrush(QColor(self.colors[index.row()]))
        return None


def _set_day(day: date, entry: UserDay | None):
    """An operation that puts one user day back as it was (None: no entry)."""

    def call(db: Database) -> Change:
        if entry is None:
            return ops.set_calendar_day(db, day, None)
        return ops.set_calendar_day(db, day, entry.is_workday, entry.note)

    return call


class CalendarDaysDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Ngày nghỉ và ngày làm bù"))
        size_dialog(self, 900, 560, ctx.qsettings, "days/size")
        self.entries: list[UserDay] = []

        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.today().year)
        self.year.setKeyboardTracking(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Năm:"), self))
        top.addWidget(self.year)
        top.addStretch(1)

        public_box = QGroupBox(tr("Ngày lễ, Tết theo quy định (để tham khảo)"), self)
        self.public = _Table([tr("Ngày"), tr("Thứ"), tr("Tên")], self)
        self.public_view = self._view(self.public, public_box)
        QVBoxLayout(public_box).addWidget(self.public_view)

        own_box = QGroupBox(tr("Ngày do cơ quan bổ sung"), self)
        self.own = _Table([tr("Ngày"), tr("Thứ"), tr("Loại"), tr("Ghi chú")], self)
        self.own_view = self._view(self.own, own_box)
        self.day_edit = date_edit(own_box, ctx.today())
        self.off_radio = QRadioButton(tr("Ngày nghỉ"), own_box)
        self.work_radio = QRadioButton(tr("Ngày làm bù"), own_box)
        self.off_radio.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.off_radio)
        kinds.addButton(self.work_radio)
        self.note_edit = QLineEdit(own_box)
        self.note_edit.setPlaceholderText(tr("ví dụ: nghỉ bù ngày bầu cử"))
        self.add_btn = QPushButton(tr("Thêm / sửa"), own_box)
        self.remove_btn = QPushButton(tr("Xóa ngày đã chọn"), own_box)
        self.message = QLabel(own_box)
        self.message.setWordWrap(True)
        form = QGridLayout()
        form.addWidget(QLabel(tr("Ngày:"), own_box), 0, 0)
        form.addWidget(self.day_edit, 0, 1)
        form.addWidget(self.off_radio, 0, 2)
        form.addWidget(self.work_radio, 0, 3)
        form.addWidget(QLabel(tr("Ghi chú:"), own_box), 1, 0)
        form.addWidget(self.note_edit, 1, 1, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_btn)
        buttons.addWidget(self.remove_btn)
        buttons.addStretch(1)
        ov = QVBoxLayout(own_box)
        ov.addWidget(self.own_view, 1)
        ov.addLayout(form)
        ov.addLayout(buttons)
        ov.addWidget(self.message)

        lists = QHBoxLayout()
        lists.addWidget(public_box, 1)
        lists.addWidget(own_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(lists, 1)
        layout.addWidget(button_box(self, close=True))

        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.add_btn.clicked.connect(self.add)
        self.remove_btn.clicked.connect(self.remove)
        self.own_view.selectionModel().currentRowChanged.connect(self._picked)
        ctx.changed.connect(self._on_changed)
        self.refresh()

    @staticmethod
    def _view(model: QAbstractTableModel, parent: QWidget) -> QTableView:
        view = QTableView(parent)
        view.setModel(model)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def refresh(self) -> None:
        year = self.year.value()
        days = public_days(year)
        self.public.set_rows(
            [[fmt_date(p.day), weekday_name(p.day.weekday()), p.name] for p in days],
            ["#1e5fb4" if p.workday else "#c62828" for p in days],
        )
        self.entries = user_days(self.ctx.db, year)
        self.own.set_rows(
            [
                [
                    fmt_date(e.day),
                    weekday_name(e.day.weekday()),
                    tr("Làm bù") if e.is_workday else tr("Nghỉ"),
                    e.note,
                ]
                for e in self.entries
            ],
            ["#1e5fb4" if e.is_workday else "#c62828" for e in self.entries],
        )
        self.remove_btn.setEnabled(bool(self.entries))

    def _on_changed(self, change: Change) -> None:
        if change.settings:
            self.refresh()

    def _picked(self, current, _previous) -> None:
        if current.isValid() and current.row() < len(self.entries):
            e = self.entries[current.row()]
            self.day_edit.setDate(e.day)
            (self.work_radio if e.is_workday else self.off_radio).setChecked(True)
            self.note_edit.setText(e.note)

    def _entry(self, day: date) -> UserDay | None:
        return next((e for e in user_days(self.ctx.db, day.year) if e.day == day), None)

    def add(self) -> None:
        day = to_date(self.day_edit.date())
        if day is None:
            return
        work = self.work_radio.isChecked()
        note = self.note_edit.text().strip()
        before = self._entry(day)
        after = UserDay(day, work, note)
        if before == after:
            return
        text = (
            tr("Ngày làm bù {d}", d=fmt_date(day)) if work else tr("Ngày nghỉ {d}", d=fmt_date(day))
        )
        self.ctx.push(OpCommand(self.ctx, text, _set_day(day, after), _set_day(day, before), self))
        if day.year != self.year.value():
            self.year.setValue(day.year)
        self.message.setText(tr("Đã lưu {what}.", what=text.lower()))

    def remove(self) -> None:
        rows = self.own_view.selectionModel().selectedRows()
        if not rows:
            self.message.setText(tr("Hãy chọn một ngày trong danh sách."))
            return
        entry = self.entries[rows[0].row()]
        text = tr("Xóa ngày {d} khỏi lịch riêng", d=fmt_date(entry.day))
        self.ctx.push(
            OpCommand(self.ctx, text, _set_day(entry.day, None), _set_day(entry.day, entry), self)
        )
        self.message.setText(tr("Đã xóa ngày {d}.", d=fmt_date(entry.day)))

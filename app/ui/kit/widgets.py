"""Small pieces shared by the calendar and the dialogs: dates, buttons, status colours.

Qt has no Vietnamese translation of its standard buttons, so every button label goes
through `tr`; every date field shows dd/mm/yyyy.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QWidget,
)

from app.core.status import Status
from app.core.text import fold, sort_key
from app.ui.kit.i18n import tr
from app.ui.kit.status_style import STATUS_ORDER, status_color, status_tint
from app.ui.kit.worker import Job, run_job

DATE_FORMAT = "dd/MM/yyyy"

# Default `parent` argument of model methods (a call in a default would trip ruff B008).
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


class HeaderedModel:
    """Mixin for table models whose column titles are the list `self._headers`."""

    _headers: list[str]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None


class RowsModel(HeaderedModel):
    """Mixin for flat table models over the list `self.rows`, one column per header."""

    rows: list

    def set_rows(self, rows) -> None:
        # a mixin: the class it is mixed into is a QAbstractItemModel
        self.beginResetModel()  # type: ignore[attr-defined]
        self.rows = list(rows)
        self.endResetModel()  # type: ignore[attr-defined]

    def row_at(self, index: Index) -> Any:
        """The row behind a valid index, else None."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)


def one_line_rows(view: QTableView) -> None:
    """Rows one text line high (Qt's default leaves room for two on some styles)."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)


def list_view(view: QTableView) -> QTableView:
    """A read-only list: whole rows, one at a time, no row numbers, alternating colours."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    one_line_rows(view)
    view.setAlternatingRowColors(True)
    return view


WEEKDAYS = (
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
    "Chủ nhật",
)


def weekday_name(index: int) -> str:
    """Vietnamese weekday name, Monday = 0 (translated)."""
    return [
        tr("Thứ Hai"),
        tr("Thứ Ba"),
        tr("Thứ Tư"),
        tr("Thứ Năm"),
        tr("Thứ Sáu"),
        tr("Thứ Bảy"),
        tr("Chủ nhật"),
    ][index]


def weekday_short(index: int) -> str:
    return [tr("T2"), tr("T3"), tr("T4"), tr("T5"), tr("T6"), tr("T7"), tr("CN")][index]


# Most urgent first: orders chips and colours a band by its worst task. Labels and
# colours come from status_style, so the calendar looks like the table.
STATUS_RANK: dict[Status, int] = {st: i for i, st in enumerate(STATUS_ORDER)}


def status_colors(status: Status) -> tuple[QColor, QColor]:
    """(light fill, accent) of a status: the table's tint, else the accent on white."""
    accent = status_color(status)
    fill = status_tint(status)
    if fill is None:
        a = 0.13
        fill = QColor(
            round(255 * (1 - a) + accent.red() * a),
            round(255 * (1 - a) + accent.green() * a),
            round(255 * (1 - a) + accent.blue() * a),
        )
    return fill, accent


def to_qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else QDate()


def to_date(qd: QDate) -> date | None:
    return date(qd.year(), qd.month(), qd.day()) if qd.isValid() else None


def edit_date(edit: QDateEdit) -> date:
    """The date a date field shows (a QDateEdit always holds a valid one)."""
    qd = edit.date()
    if not qd.isValid():
        raise ValueError("a date field without a date")
    return date(qd.year(), qd.month(), qd.day())


def date_edit(parent: QWidget | None = None, value: date | None = None) -> QDateEdit:
    """A date field showing dd/mm/yyyy with a calendar pop-up."""
    edit = QDateEdit(parent)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDate(to_qdate(value or date.today()))
    return edit


def button_box(
    parent: QDialog,
    ok: str | None = None,
    cancel: str | None = None,
    close: bool = False,
) -> QDialogButtonBox:
    """Standard OK/Cancel (or Close) buttons with Vietnamese labels, wired to the dialog."""
    box = QDialogButtonBox(parent)
    if close:
        btn = box.addButton(QDialogButtonBox.StandardButton.Close)
        btn.setText(tr("Đóng"))
        box.rejected.connect(parent.reject)
        return box
    box.addButton(QDialogButtonBox.StandardButton.Ok).setText(ok or tr("Đồng ý"))
    box.addButton(QDialogButtonBox.StandardButton.Cancel).setText(cancel or tr("Hủy"))
    box.accepted.connect(parent.accept)
    box.rejected.connect(parent.reject)
    return box


def confirm(parent: QWidget | None, title: str, text: str, yes: str | None = None) -> bool:
    """A Yes/No question with translated buttons; No is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_btn = box.addButton(yes or tr("Đồng ý"), QMessageBox.ButtonRole.AcceptRole)
    no_btn = box.addButton(tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_btn)
    box.exec()
    return box.clickedButton() is yes_btn


FOLDED_ROLE = Qt.ItemDataRole.UserRole + 40


class FoldCompleter(QCompleter):
    """Completes on any part of a name, ignoring accents and case ("to chuc" → Ban Tổ chức)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setCompletionRole(FOLDED_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: Index) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class DepartmentPicker(QComboBox):
    """An editable list of departments: type part of a name (accents optional) or pick one.

    `current_id()` is the chosen department's id, or None while the text names none.
    """

    def __init__(self, parent: QWidget | None = None, empty: str | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self._empty = empty
        completer = FoldCompleter(self)
        completer.setModel(self.model())
        self.setCompleter(completer)
        line = self.lineEdit()
        if line is not None:  # always, on an editable combo box
            line.setPlaceholderText(tr("Gõ một phần tên đơn vị…"))

    def set_departments(self, items: list[tuple[int, str]], keep: bool = True) -> None:
        """(id, name) pairs, shown in Vietnamese order."""
        current = self.current_id() if keep else None
        self.blockSignals(True)
        self.clear()
        if self._empty is not None:
            self.addItem(self._empty, None)
            self.setItemData(0, fold(self._empty), FOLDED_ROLE)
        for dept_id, name in sorted(items, key=lambda x: sort_key(x[1])):
            self.addItem(name, dept_id)
            self.setItemData(self.count() - 1, fold(name), FOLDED_ROLE)
        self.blockSignals(False)
        self.set_current_id(current)

    def set_current_id(self, dept_id: int | None) -> None:
        i = self.findData(dept_id)
        if i >= 0:
            self.setCurrentIndex(i)
        else:
            self.setCurrentIndex(-1)
            self.setEditText("")

    def current_id(self) -> int | None:
        text = fold(self.currentText())
        if not text:
            return None
        i = self.currentIndex()
        if i >= 0 and fold(self.itemText(i)) == text:
            return self.itemData(i)
        for j in range(self.count()):
            if fold(self.itemText(j)) == text:
                return self.itemData(j)
        return None


class _Relay(QObject):
    progressed = Signal(int, int, str)


class JobPanel(QWidget):
    """A background job shown inside a page: progress bar, status line, Cancel button.

    The job runs through `run_job` without its pop-up dialog; progress reaches the bar
    through a queued signal, so the worker never touches a widget.
    """

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.label = QLabel(self)
        self.cancel_btn = QPushButton(tr("Hủy"), self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_btn)
        self.job: Job | None = None
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._progress)
        self.cancel_btn.clicked.connect(self.cancel)
        self.hide()

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, text: str, fn, on_success, on_failure) -> None:
        relay = self._relay

        def work(progress):
            def report(done: int, total: int, note: str = "") -> bool:
                relay.progressed.emit(int(done), int(total), note)
                return progress(done, total, note)

            return fn(report)

        def succeeded(result) -> None:
            self._stop()
            on_success(result)

        def failed(error, trace) -> None:
            self._stop()
            on_failure(error, trace)

        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.cancel_btn.setEnabled(True)
        self.show()
        self.job = run_job(self, text, work, succeeded, failed, show_dialog=False)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_btn.setEnabled(False)
            self.label.setText(tr("Đang hủy…"))

    def _progress(self, done: int, total: int, note: str) -> None:
        if self.job is None or self.job.cancelled:
            return
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(min(done, total) if total else 0)
        if note:
            self.label.setText(note)

    def _stop(self) -> None:
        self.job = None
        self.hide()
        self.finished.emit()

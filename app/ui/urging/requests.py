"""Theo dõi văn bản đôn đốc: every urging letter and request workbook sent, and the answers.

The list is small (a few hundred requests a year), so it is read whole on the UI thread
and sorted and filtered by a QSortFilterProxyModel. Marking a request answered (the
answer came by phone or on paper) and cancelling one are undoable commands calling
app.db.ops; the dialog reloads from `ctx.changed` like every other view.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QSortFilterProxyModel,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.status import Status
from app.core.text import collation_key, fold, sort_key
from app.db import ops
from app.db.changes import Change
from app.db.reads import requests
from app.db.reads.departments import all_departments
from app.db.reads.requests import RequestInfo
from app.db.store import Database
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.places import size_dialog
from app.ui.kit.status_style import status_color, status_icon, status_tint
from app.ui.kit.undo import OpCommand
from app.ui.kit.widgets import Index, RowsModel, button_box, confirm, date_edit, to_date

SortRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
FOLDER_KEY = "letters/folder"  # where the letters dialogs save (app.ui.urging.letters)

UNIT, KIND, SENT, DUE, REPLIED, LATE, TASKS, FILE, SPECIALIST = range(9)


def kind_label(kind: str) -> str:
    return tr("Công văn") if kind == "letter" else tr("Sổ báo cáo")


class RequestsModel(RowsModel, QAbstractTableModel):
    """One row per request; late unanswered rows look like overdue tasks."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[RequestInfo] = []
        self.specialists: dict[int | None, str] = {}  # unit id: its follow-up specialist
        self._headers = [
            tr("Đơn vị"),
            tr("Loại"),
            tr("Ngày gửi"),
            tr("Hạn trả lời"),
            tr("Đã trả lời"),
            tr("Trễ (ngày)"),
            tr("Số nhiệm vụ"),
            tr("Tệp"),
            tr("Chuyên viên theo dõi"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row_at(index)
        if r is None:
            return None
        col = index.column()
        if col == SPECIALIST and role in (Qt.ItemDataRole.DisplayRole, SortRole):
            name = self.specialists.get(r.department_id, "")
            if role == SortRole:  # the units nobody follows last, then by unit
                unit = collation_key(r.department_name)
                return f"{0 if name else 1}{collation_key(name)}\x00{unit}"
            return name
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == SortRole:
            return self._sort_value(r, col)
        if role == IdRole:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.file_name if col == FILE and r.file_name else self._tooltip(r)
        if role == Qt.ItemDataRole.DecorationRole and col == UNIT:
            if r.answered:
                return status_icon(Status.DONE_ON_TIME)
            return status_icon(Status.OVERDUE) if r.late else status_icon(Status.OPEN)
        if role == Qt.ItemDataRole.ForegroundRole and r.late:
            return status_color(Status.OVERDUE)
        if role == Qt.ItemDataRole.BackgroundRole and r.late:
            return status_tint(Status.OVERDUE)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (SENT, DUE, REPLIED, LATE, TASKS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(r: RequestInfo, col: int) -> str:
        if col == UNIT:
            return r.department_name
        if col == KIND:
            return kind_label(r.kind)
        if col == SENT:
            return fmt_date(r.sent_on)
        if col == DUE:
            return fmt_date(r.reply_due)
        if col == REPLIED:
            return fmt_date(r.replied_on) if r.answered else tr("Chưa")
        if col == LATE:
            return str(r.days_late) if r.days_late else ""
        if col == TASKS:
            return str(r.tasks)
        return r.file_name

    @staticmethod
    def _sort_value(r: RequestInfo, col: int) -> Any:
        far = date.max.toordinal()
        if col == UNIT:
            return sort_key(r.department_name)
        if col == KIND:
            return r.kind
        if col == SENT:
            return r.sent_on.toordinal()
        if col == DUE:
            return r.reply_due.toordinal() if r.reply_due else far
        if col == REPLIED:
            return r.replied_on.toordinal() if r.replied_on else far
        if col == LATE:
            return r.days_late
        if col == TASKS:
            return r.tasks
        return fold(r.file_name)

    @staticmethod
    def _tooltip(r: RequestInfo) -> str:
        if r.answered:
            state = tr("Đã trả lời ngày {d}", d=fmt_date(r.replied_on))
        elif r.late:
            state = tr("Chưa trả lời, quá hạn {n} ngày", n=r.days_late)
        else:
            state = tr("Chưa trả lời")
        return f"{r.department_name}\n{kind_label(r.kind)} — {state}"


class _UnitFilter(QSortFilterProxyModel):
    """Keeps rows whose unit contains every typed word, accents and case ignored."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SortRole)

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self._words:
            return True
        source = self.sourceModel()
        rows = source.rows if isinstance(source, RequestsModel) else []
        name = fold(rows[row].department_name) if 0 <= row < len(rows) else ""
        return all(w in name for w in self._words)


class ReplyDateDialog(QDialog):
    """Asks the day the answer came (default today)."""

    def __init__(self, info: RequestInfo, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Đánh dấu đã trả lời"))
        self.setMinimumWidth(440)
        self.day = date_edit(self, today)
        self.day.setMinimumDate(self.day.date().addDays((info.sent_on - today).days))
        text = QLabel(
            tr(
                "{unit} đã trả lời {kind} gửi ngày {sent} (qua điện thoại, văn bản giấy…).",
                unit=info.department_name,
                kind=kind_label(info.kind).lower(),
                sent=fmt_date(info.sent_on),
            )
        )
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Ngày trả lời:"), self.day)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(button_box(self, ok=tr("Đánh dấu")))

    def value(self) -> date | None:
        return to_date(self.day.date())


class RequestsDialog(QDialog):
    """Theo dõi văn bản đôn đốc: who was asked for what, and who has not answered."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, unit: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Theo dõi văn bản đôn đốc"))
        size_dialog(self, 1060, 560, ctx.qsettings, "requests/size")
        self.model = RequestsModel(self)
        self.proxy = _UnitFilter(self)
        self.proxy.setSourceModel(self.model)

        self.show_what = QComboBox(self)
        self.show_what.addItem(tr("Chưa trả lời"), True)
        self.show_what.addItem(tr("Tất cả"), False)
        self.show_what.currentIndexChanged.connect(lambda _i: self.reload())
        self.unit_filter = QLineEdit(self)
        self.unit_filter.setPlaceholderText(tr("Lọc theo tên đơn vị…"))
        self.unit_filter.setClearButtonEnabled(True)
        self.unit_filter.textChanged.connect(self._filter)
        self.summary = QLabel(self)
        self.by_specialist = QCheckBox(tr("Nhóm theo chuyên viên"), self)
        self.by_specialist.setToolTip(tr("Xếp các văn bản theo chuyên viên theo dõi đơn vị"))
        self.by_specialist.toggled.connect(self._group_by_specialist)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _i: self.open_file())
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UNIT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FILE, 170)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the query's order

        self.mark_button = QPushButton(tr("Đánh dấu đã trả lời…"), self)
        self.unmark_button = QPushButton(tr("Bỏ đánh dấu đã trả lời"), self)
        self.cancel_button = QPushButton(tr("Hủy yêu cầu"), self)
        self.open_button = QPushButton(tr("Mở tệp"), self)
        self.folder_button = QPushButton(tr("Mở thư mục"), self)
        self.mark_button.clicked.connect(lambda: self.mark_replied())
        self.unmark_button.clicked.connect(self.unmark_replied)
        self.cancel_button.clicked.connect(lambda: self.cancel_request())
        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.open_folder)
        undo = ctx.undo_stack.createUndoAction(self, tr("Hoàn tác"))
        undo.setShortcut("Ctrl+Z")
        redo = ctx.undo_stack.createRedoAction(self, tr("Làm lại"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.addAction(undo)
        self.addAction(redo)
        self.undo_button, self.redo_button = QToolButton(self), QToolButton(self)
        self.undo_button.setDefaultAction(undo)
        self.redo_button.setDefaultAction(redo)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Hiện:")))
        top.addWidget(self.show_what)
        top.addWidget(self.unit_filter, 1)
        top.addWidget(self.by_specialist)
        top.addWidget(self.summary)
        actions = QHBoxLayout()
        for b in (self.mark_button, self.unmark_button, self.cancel_button):
            actions.addWidget(b)
        actions.addSpacing(16)
        actions.addWidget(self.open_button)
        actions.addWidget(self.folder_button)
        actions.addStretch(1)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.redo_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(button_box(self, close=True))

        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        ctx.changed.connect(self._on_change)
        self.reload()
        if unit:
            self.unit_filter.setText(unit)

    # ----------------------------------------------------------------- data

    def pending_only(self) -> bool:
        return bool(self.show_what.currentData())

    def set_pending_only(self, pending: bool) -> None:
        self.show_what.setCurrentIndex(0 if pending else 1)

    def reload(self) -> None:
        keep = self.current()
        rows = requests.list_requests(
            self.ctx.db, self.ctx.today(), pending_only=self.pending_only()
        )
        self.model.specialists = {
            d.id: d.specialist for d in all_departments(self.ctx.db) if d.specialist
        }
        self.model.set_rows(rows)
        self._update_summary()
        if keep is not None:
            self.select(keep.id)
        self._update_buttons()

    def _on_change(self, change: Change | None) -> None:
        if change is not None and (change.requests or change.departments or change.tasks):
            self.reload()

    def _group_by_specialist(self, on: bool) -> None:
        """Grouped: sorted by the units' specialist (then unit); off: the query's order."""
        self.view.sortByColumn(SPECIALIST if on else -1, Qt.SortOrder.AscendingOrder)
        self._update_summary()

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_summary()

    def _update_summary(self) -> None:
        shown = self.visible()
        pending = sum(1 for r in shown if not r.answered)
        late = sum(1 for r in shown if r.late)
        self.summary.setText(
            tr("{n} văn bản, {p} chưa trả lời, {late} quá hạn", n=len(shown), p=pending, late=late)
        )

    def visible(self) -> list[RequestInfo]:
        """The rows as the view shows them (filtered and sorted)."""
        return [
            self.model.rows[self.proxy.mapToSource(self.proxy.index(i, 0)).row()]
            for i in range(self.proxy.rowCount())
        ]

    def current(self) -> RequestInfo | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        return self.model.rows[source.row()] if source.isValid() else None

    def select(self, request_id: int) -> bool:
        for i in range(self.proxy.rowCount()):
            index = self.proxy.index(i, 0)
            if index.data(IdRole) == request_id:
                self.view.selectRow(i)
                self.view.scrollTo(index)
                return True
        self.view.clearSelection()
        return False

    def file_path(self, info: RequestInfo | None) -> Path | None:
        """Where the request's file is now, if it still exists (the name is stored; the
        folder is the one the letters dialogs save into)."""
        if info is None or not info.file_name:
            return None
        name = Path(info.file_name)
        candidates = [name] if name.is_absolute() else []
        folder = self.ctx.qsettings.value(FOLDER_KEY)
        if folder:
            candidates.append(Path(str(folder)) / name.name)
        return next((p for p in candidates if p.is_file()), None)

    def _update_buttons(self) -> None:
        info = self.current()
        self.mark_button.setEnabled(info is not None and not info.answered)
        self.unmark_button.setEnabled(info is not None and info.answered)
        self.cancel_button.setEnabled(info is not None)
        has_file = self.file_path(info) is not None
        self.open_button.setEnabled(has_file)
        self.folder_button.setEnabled(has_file)

    # ----------------------------------------------------------------- actions

    def mark_replied(self, day: date | None = None) -> bool:
        """Record the answer of the selected request (asks the day unless given)."""
        info = self.current()
        if info is None or info.answered:
            return False
        if day is None:
            ask = ReplyDateDialog(info, self.ctx.today(), self)
            if ask.exec() != QDialog.DialogCode.Accepted:
                return False
            day = ask.value()
            if day is None:
                return False
        req_id = info.id
        self.ctx.push(
            OpCommand(
                self.ctx,
                tr("Đánh dấu {unit} đã trả lời", unit=info.department_name),
                lambda db: ops.mark_request_replied(db, req_id, day),
                lambda db: ops.mark_request_replied(db, req_id, None),
                self,
            )
        )
        return True

    def unmark_replied(self) -> bool:
        """The answer was recorded by mistake: back to unanswered (undoable)."""
        info = self.current()
        if info is None or not info.answered:
            return False
        req_id, old_day, old_file = info.id, info.replied_on, info.reply_file
        self.ctx.push(
            OpCommand(
                self.ctx,
                tr("Bỏ đánh dấu {unit} đã trả lời", unit=info.department_name),
                lambda db: ops.mark_request_replied(db, req_id, None),
                lambda db: ops.mark_request_replied(db, req_id, old_day, file_name=old_file),
                self,
            )
        )
        return True

    def cancel_request(self, *, ask: bool = True) -> bool:
        """Forget the selected request (after a confirmation); undo puts it back."""
        info = self.current()
        if info is None:
            return False
        if ask and not confirm(
            self,
            tr("Hủy yêu cầu"),
            tr(
                "Hủy {kind} gửi {unit} ngày {sent}? Văn bản sẽ không còn được theo dõi "
                "(có thể hoàn tác).",
                kind=kind_label(info.kind).lower(),
                unit=info.department_name,
                sent=fmt_date(info.sent_on),
            ),
            yes=tr("Hủy yêu cầu"),
        ):
            return False
        if requests.request_snapshot(self.ctx.db, info.id) is None:
            self.reload()  # cancelled on another PC meanwhile
            return False
        req_id = info.id
        kept: list[dict] = []

        def do(db: Database) -> ops.Removed:
            removed = ops.cancel_request(db, req_id)
            kept[:] = removed.snapshots
            return removed

        self.ctx.push(
            OpCommand(
                self.ctx,
                tr("Hủy yêu cầu gửi {unit}", unit=info.department_name),
                do,
                lambda db: ops.restore_request(db, kept[0]),
                self,
            )
        )
        return True

    def open_file(self) -> None:
        path = self.file_path(self.current())
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def open_folder(self) -> None:
        path = self.file_path(self.current())
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _context_menu(self, pos) -> None:
        if self.current() is None:
            return
        menu = QMenu(self)
        for b in (
            self.mark_button,
            self.unmark_button,
            self.cancel_button,
            None,
            self.open_button,
            self.folder_button,
        ):
            if b is None:
                menu.addSeparator()
                continue
            a = menu.addAction(b.text())
            a.setEnabled(b.isEnabled())
            a.triggered.connect(b.click)
        menu.exec(self.view.viewport().mapToGlobal(pos))

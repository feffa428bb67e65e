"""Dialogs of the urging loop: urging letters, progress requests, collecting replies.

Thin Qt: the letters, workbooks and replies are made by app.exports.urging.letters,
app.exports.urging.requests and app.db.ops.apply_replies, run through run_job. Errors a
user can cause are shown inline (red text) rather than in a modal box, so the dialog
stays usable to correct the choice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.roles import Role
from app.core.text import fold, sort_key
from app.db.reads.departments import all_departments
from app.db.reads.settings import soon_days, work_calendar
from app.db.reads.unit_counts import UnitCounts, unit_counts
from app.errors import DonDocError
from app.exports.urging.letters import LetterOptions, default_reply_by, write_urging_letters
from app.exports.urging.requests import write_request_workbooks
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.logs import show_error
from app.ui.kit.messages import error_message
from app.ui.kit.places import last_folder, remember_folder, size_dialog
from app.ui.kit.widgets import date_edit, edit_date, to_date, to_qdate
from app.ui.kit.worker import Job, run_job
from app.ui.urging.collect import CollectDialog

__all__ = ["CollectDialog", "RequestDialog", "UnitPicker", "UrgeDialog"]

FOLDER_KEY = "letters/folder"


def make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as ex:
        raise DonDocError(
            tr("Không tạo được thư mục {f}: {e}", f=str(folder), e=ex.strerror or str(ex))
        ) from ex


class UnitPicker(QWidget):
    """A filterable, checkable list of units, with how many tasks each has."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Lọc theo tên đơn vị…"))
        self.filter.textChanged.connect(self._apply_filter)
        self.list = QListWidget()
        self.list.itemChanged.connect(lambda _i: self.changed.emit())
        self.select_urgent = QPushButton(tr("Chọn đơn vị có việc quá hạn"))
        self.select_none = QPushButton(tr("Bỏ chọn tất cả"))
        self.select_urgent.clicked.connect(self._check_urgent)
        self.select_none.clicked.connect(lambda: self.set_checked([]))
        buttons = QHBoxLayout()
        buttons.addWidget(self.select_urgent)
        buttons.addWidget(self.select_none)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._urgent: set[int] = set()

    def load(self, units: list[tuple[int, str, str, bool]], checked: set[int]) -> None:
        """units: (id, name, counts text, urgent); urgent units can be selected at once."""
        self.list.blockSignals(True)
        self.list.clear()
        self._urgent = {u[0] for u in units if u[3]}
        for dept_id, name, counts, _urgent in sorted(units, key=lambda u: sort_key(u[1])):
            item = QListWidgetItem(f"{name}  —  {counts}" if counts else name)
            item.setData(Qt.ItemDataRole.UserRole, dept_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, fold(name))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if dept_id in checked else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._apply_filter(self.filter.text())
        self.changed.emit()

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def checked_ids(self) -> list[int]:
        return [
            int(it.data(Qt.ItemDataRole.UserRole))
            for it in self.items()
            if it.checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, ids) -> None:
        wanted = set(ids)
        self.list.blockSignals(True)
        for it in self.items():
            on = int(it.data(Qt.ItemDataRole.UserRole)) in wanted
            it.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.changed.emit()

    def _check_urgent(self) -> None:
        self.set_checked(set(self.checked_ids()) | self._urgent)

    def _apply_filter(self, text: str) -> None:
        words = fold(text).split()
        for it in self.items():
            name = it.data(Qt.ItemDataRole.UserRole + 1) or ""
            it.setHidden(not all(w in name for w in words))


class _LoopDialog(QDialog):
    """What the urge and request dialogs share: units, dates, folder, result panel."""

    workDone = Signal(object)  # the result, or the exception when it failed

    def __init__(self, ctx: AppContext, parent: QWidget | None, department_ids, title: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        size_dialog(self, 720, 620, ctx.qsettings, "letters/size")
        self.job: Job | None = None
        self.files: list[Path] = []
        self.picker = UnitPicker(self)
        self.day = date_edit(value=ctx.today())
        calendar = work_calendar(ctx.db)
        self._default_reply_by = lambda d: default_reply_by(d, calendar)
        self.reply_by = date_edit(value=self._default_reply_by(ctx.today()))
        self._reply_by_touched = False
        self.reply_by.dateChanged.connect(self._reply_by_edited)
        self.day.dateChanged.connect(self._day_changed)
        self.coordinating = QCheckBox(tr("Kể cả nhiệm vụ đơn vị phối hợp thực hiện"))
        self.coordinating.setChecked(True)  # the tree's counts: every role
        self.coordinating.setToolTip(
            tr("Bỏ chọn để chỉ tính và chỉ gửi các nhiệm vụ đơn vị chủ trì.")
        )
        self.folder = QLineEdit(self._default_folder())
        browse = QPushButton(tr("Chọn…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.open_after = QCheckBox(tr("Mở thư mục khi xong"))
        self.open_after.setChecked(True)
        self.form = QFormLayout()
        self.form.addRow(tr("Ngày văn bản:"), self.day)
        self.form.addRow(tr("Hạn báo cáo:"), self.reply_by)
        self.form.addRow("", self.coordinating)
        self.form.addRow(tr("Lưu vào thư mục:"), folder_row)
        self.form.addRow("", self.open_after)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.run_button = self.buttons.addButton(
            self._run_label(), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(
            tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.run_button.clicked.connect(self._start)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Đơn vị nhận:")))
        layout.addWidget(self.picker, 1)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.coordinating.toggled.connect(lambda _on: self.reload(self.picker.checked_ids()))
        self.picker.changed.connect(self._update_buttons)
        self.reload(list(department_ids or []))

    # -- subclasses
    def _run_label(self) -> str:
        raise NotImplementedError

    def _counts_text(self, counts) -> tuple[str, bool]:
        raise NotImplementedError

    def _work(self, ids: list[int], folder: Path) -> Callable[[Callable[..., bool]], Any]:
        raise NotImplementedError

    def _done_text(self, result: Any) -> str:
        raise NotImplementedError

    # -- shared
    def reload(self, checked: list[int]) -> None:
        # The tree's counts (a unit and the units below it); checked at first: the units
        # with urgent tasks of their own, so a branch is not urged twice.
        roles = None if self.coordinating.isChecked() else (Role.LEAD,)
        day, soon = self.current_day(), soon_days(self.ctx.db)
        counts = unit_counts(self.ctx.db, day, soon, roles=roles)
        own = unit_counts(self.ctx.db, day, soon, roles=roles, branches=False)
        units = []
        for d in all_departments(self.ctx.db):
            if not d.active or d.is_group:
                continue
            text, urgent = self._counts_text(counts.get(d.id, UnitCounts()))
            urgent = urgent and own.get(d.id, UnitCounts()).urgent
            units.append((d.id, d.name, text, urgent))
        self.picker.load(units, set(checked))

    def current_day(self) -> date:
        return edit_date(self.day)

    def _day_changed(self, _q: QDate) -> None:
        if not self._reply_by_touched:
            self.reply_by.blockSignals(True)
            self.reply_by.setDate(to_qdate(self._default_reply_by(self.current_day())))
            self.reply_by.blockSignals(False)
        self.reload(self.picker.checked_ids())

    def _reply_by_edited(self, _q: QDate) -> None:
        self._reply_by_touched = True

    def _default_folder(self) -> str:
        return str(last_folder(self.ctx.qsettings, FOLDER_KEY))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục lưu"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _update_buttons(self) -> None:
        self.run_button.setEnabled(bool(self.picker.checked_ids()) and self.job is None)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)

    def _start(self) -> None:
        ids = self.picker.checked_ids()
        if not ids:
            self.show_message(tr("Hãy chọn ít nhất một đơn vị."), error=True)
            return
        if edit_date(self.reply_by) < self.current_day():
            self.show_message(tr("Hạn báo cáo không được trước ngày văn bản."), error=True)
            return
        folder = Path(self.folder.text().strip() or self._default_folder())
        remember_folder(self.ctx.qsettings, FOLDER_KEY, folder)
        self.show_message("")
        self.run_button.setEnabled(False)
        self.job = run_job(
            self, self.windowTitle(), self._work(ids, folder), self._succeeded, self._failed
        )

    def _succeeded(self, result: Any) -> None:
        self.job = None
        self._update_buttons()
        text = self._done_text(result)
        self.ctx.announce(result.change)
        self.show_message(text)
        if self.open_after.isChecked() and self.files:
            target = self.files[0] if len(self.files) == 1 else self.files[0].parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        self.workDone.emit(result)

    def _failed(self, error: BaseException, trace: str) -> None:
        self.job = None
        self._update_buttons()
        if isinstance(error, DonDocError):
            self.show_message(error_message(error), error=True)
        else:
            show_error(self, error, trace)
        self.workDone.emit(error)


class UrgeDialog(_LoopDialog):
    """Urging letters to the chosen units: one file each, or all in one file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, department_ids=None) -> None:
        super().__init__(ctx, parent, department_ids, tr("Soạn công văn đôn đốc"))
        self.per_unit = QRadioButton(tr("Mỗi đơn vị một tệp"))
        self.one_file = QRadioButton(tr("Tất cả trong một tệp"))
        self.per_unit.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.per_unit)
        row.addWidget(self.one_file)
        row.addStretch(1)
        self.form.insertRow(3, tr("Tệp:"), row)

    def _run_label(self) -> str:
        return tr("Tạo công văn")

    def _counts_text(self, c) -> tuple[str, bool]:
        if not c.overdue and not c.due_soon:
            return tr("không có việc quá hạn"), False
        return tr("{o} quá hạn, {s} sắp đến hạn", o=c.overdue, s=c.due_soon), c.urgent

    def _work(self, ids, folder):
        options = LetterOptions(
            department_ids=ids,
            day=self.current_day(),
            reply_by=to_date(self.reply_by.date()),
            one_file=self.one_file.isChecked(),
            include_coordinating=self.coordinating.isChecked(),
        )
        db = self.ctx.db

        def work(progress):
            make_folder(folder)  # names are then made from the units and the date
            return write_urging_letters(db, folder, options, progress=progress)

        return work

    def _done_text(self, result) -> str:
        self.files = list(result.files)
        names = "\n".join(f"• {f.name}" for f in self.files)
        return tr(
            "Đã tạo {n} tệp công văn trong {folder}, hạn báo cáo {due}:\n{names}",
            n=len(self.files),
            folder=str(self.files[0].parent) if self.files else "",
            due=fmt_date(to_date(self.reply_by.date())),
            names=names,
        )


class RequestDialog(_LoopDialog):
    """Progress-request workbooks, one per unit, to be filled in and sent back."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, department_ids=None) -> None:
        super().__init__(ctx, parent, department_ids, tr("Đề nghị đơn vị báo cáo tiến độ"))

    def _run_label(self) -> str:
        return tr("Tạo sổ đề nghị")

    def _counts_text(self, c) -> tuple[str, bool]:
        if not c.open:
            return tr("không còn việc chưa hoàn thành"), False
        return tr("{n} việc chưa hoàn thành ({o} quá hạn)", n=c.open, o=c.overdue), c.overdue > 0

    def _work(self, ids, folder):
        day, reply_by = self.current_day(), to_date(self.reply_by.date())
        coordinating = self.coordinating.isChecked()
        db = self.ctx.db

        def work(progress):
            make_folder(folder)
            return write_request_workbooks(
                db,
                folder,
                ids,
                day,
                reply_by=reply_by,
                include_coordinating=coordinating,
                progress=progress,
            )

        return work

    def _done_text(self, result) -> str:
        written, skipped = result.files, result.skipped
        self.files = list(written)
        text = tr(
            "Đã tạo {n} sổ đề nghị báo cáo, hạn gửi lại {due}:\n{names}",
            n=len(written),
            due=fmt_date(to_date(self.reply_by.date())),
            names="\n".join(f"• {f.name}" for f in written),
        )
        if skipped:
            text += "\n" + tr(
                "Không tạo cho (không còn việc chưa hoàn thành): {names}", names=", ".join(skipped)
            )
        return text

"""Extend a deadline, cancel or restore a task: the dialogs and their undoable commands.

Each command is one operation to do and one to undo (app.ui.kit.undo): an extension is
undone by taking back that extension, a cancellation by restoring the tasks, a restore
by cancelling them again exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.db import ops
from app.db.reads.details import TaskDetail
from app.db.store import Database
from app.ui.editor.fields import DateField, ErrorLabel
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.undo import OpCommand
from app.ui.main.follow_up_box import cancel_kinds

# --------------------------------------------------------------------------- commands


class ExtendCommand(OpCommand):
    """Extend a task's deadline; undo takes that extension back (redo extends again)."""

    def __init__(
        self,
        ctx: AppContext,
        task_id: int,
        new_due: date,
        *,
        reason: str,
        document: str = "",
        requested_by: str = "",
        parent_widget: QWidget | None = None,
    ) -> None:
        self.extension_id: int | None = None

        def do(db: Database) -> ops.Created:
            created = ops.extend_task(
                db, task_id, new_due, reason=reason, document=document, requested_by=requested_by
            )
            self.extension_id = created.id
            return created

        def undo(db: Database) -> ops.Change:
            assert self.extension_id is not None
            return ops.undo_extension(db, self.extension_id)

        super().__init__(
            ctx, tr("Gia hạn đến {day}", day=fmt_date(new_due)), do, undo, parent_widget
        )


class CancelCommand(OpCommand):
    """Cancel or withdraw tasks (`cancellation`), or restore them (None); undo puts each
    task's cancellation back as it was."""

    def __init__(
        self,
        ctx: AppContext,
        task_ids: Iterable[int],
        cancellation: ops.Cancellation | None,
        parent_widget: QWidget | None = None,
    ) -> None:
        ids = list(dict.fromkeys(task_ids))
        self.before: dict[int, ops.Cancellation | None] = {}

        def do(db: Database) -> ops.CancelResult:
            done = ops.set_cancellations(db, dict.fromkeys(ids, cancellation))
            self.before = done.before
            return done

        def undo(db: Database) -> ops.CancelResult:
            return ops.set_cancellations(db, self.before)

        text = (
            tr("Khôi phục {n} nhiệm vụ đã hủy", n=len(ids))
            if cancellation is None
            else tr("Hủy/thu hồi {n} nhiệm vụ", n=len(ids))
        )
        super().__init__(ctx, text, do, undo, parent_widget)


# --------------------------------------------------------------------------- dialogs


class _FormDialog(QDialog):
    """A short form (a heading, fields, an error line, OK/Cancel) checked before closing:
    `_read` raises ValueError with what is wrong, shown under the form."""

    def __init__(self, title: str, heading: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._layout = QVBoxLayout(self)
        label = QLabel(heading, self)
        label.setWordWrap(True)
        self._layout.addWidget(label)
        self.form = QFormLayout()
        self._layout.addLayout(self.form)
        self.reason = QPlainTextEdit(self)
        self.reason.setFixedHeight(70)
        self.document = QLineEdit(self)
        self.error = ErrorLabel(self)

    def _finish(self, accept_text: str) -> None:
        self.form.addRow(tr("Lý do:"), self.reason)
        self._layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self._layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _read(self) -> object:
        raise NotImplementedError

    def _check(self) -> None:
        try:
            self._read()
        except ValueError as ex:
            self.error.show_message(str(ex))
            return
        self.accept()


class ExtendDialog(_FormDialog):
    """The new due date, the document that allows it, the reason and who asked."""

    def __init__(self, detail: TaskDetail, parent: QWidget | None = None) -> None:
        super().__init__(tr("Gia hạn nhiệm vụ"), detail.row.text, parent)
        self.detail = detail
        row = detail.row
        form = self.form
        form.addRow(tr("Hạn hiện tại:"), QLabel(fmt_date(row.due) or tr("chưa có hạn"), self))
        if detail.extensions:
            form.addRow(
                tr("Hạn ban đầu:"),
                QLabel(fmt_date(detail.original_due) or tr("chưa có hạn"), self),
            )
        self.new_due = DateField(self)
        form.addRow(tr("Gia hạn đến:"), self.new_due)
        self.document.setPlaceholderText(tr("Số, ngày văn bản cho phép gia hạn"))
        form.addRow(tr("Văn bản:"), self.document)
        self.requested_by = QLineEdit(self)
        self.requested_by.setPlaceholderText(tr("Đơn vị hoặc người đề nghị gia hạn"))
        self.requested_by.setText(row.lead or "")
        form.addRow(tr("Đề nghị của:"), self.requested_by)
        self._finish(tr("Gia hạn"))

    def values(self) -> tuple[date, str, str, str]:
        """(new due date, reason, document, requested by); ValueError when not valid."""
        day = self.new_due.date_value()
        if day is None:
            raise ValueError(tr("Nhập hạn mới (dd/mm/yyyy)."))
        due = self.detail.row.due
        if due is not None and day <= due:
            raise ValueError(tr("Hạn mới phải sau hạn hiện tại ({day}).", day=fmt_date(due)))
        reason = self.reason.toPlainText().strip()
        if not reason:
            raise ValueError(tr("Cần ghi lý do gia hạn."))
        return day, reason, self.document.text().strip(), self.requested_by.text().strip()

    _read = values


class CancelDialog(_FormDialog):
    """Hủy, thu hồi or không thực hiện: the kind, the reason and the document."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        heading = tr(
            "{n} nhiệm vụ được giữ trong hồ sơ nhưng không tính vào số liệu, bộ lọc "
            "«chưa hoàn thành» và báo cáo; có thể khôi phục.",
            n=count,
        )
        super().__init__(tr("Hủy / thu hồi nhiệm vụ"), heading, parent)
        self.kind = QComboBox(self)
        for label, key in cancel_kinds():
            self.kind.addItem(label, key)
        self.form.addRow(tr("Hình thức:"), self.kind)
        self.document.setPlaceholderText(tr("Số, ngày văn bản hủy hoặc thu hồi"))
        self.form.addRow(tr("Văn bản:"), self.document)
        self._finish(tr("Đồng ý"))

    def cancellation(self) -> ops.Cancellation:
        reason = self.reason.toPlainText().strip()
        if not reason:
            raise ValueError(tr("Cần ghi lý do hủy/thu hồi nhiệm vụ."))
        return ops.Cancellation(reason, self.kind.currentData(), self.document.text().strip())

    _read = cancellation

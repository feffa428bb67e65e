"""The task editor: every field of a task, the deadline phrase read live, progress log.

Saving goes through app.db.ops (audit log) and lands on the undo stack. A save that
collides with another PC's save shows both versions (ConflictDialog); a bad value is
shown in red next to its field and the dialog stays open — never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.deadlines.parse import describe, parse_deadline
from app.core.deadlines.types import Deadline
from app.db import ops
from app.db.reads import departments, details, plans, settings
from app.db.reads.details import TaskDetail
from app.db.reads.terms import plan_term
from app.errors import ConflictError, DonDocError, NotFoundError, ValidationError
from app.ui.editor.conflict import BACK, KEEP_MINE, ConflictDialog, mine_view, snapshot_view
from app.ui.editor.fields import DateField, ErrorLabel, UnitField, ask_date
from app.ui.kit import commands
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.logs import show_error
from app.ui.kit.messages import error_message, translate
from app.ui.kit.places import size_dialog

__all__ = ["TaskEditor", "ask_date"]


@dataclass
class _Lookup:
    """What the editor needs from the database, read once when it opens."""

    units: list[tuple[str, str]]  # name, short name
    names: dict[int, str]
    ref: date
    term: tuple[int, int]
    calendar: Any


class TaskEditor(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        task_id: int | None = None,
        plan_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task_id = task_id
        self.plan_id = plan_id
        self.created_id: int | None = None
        self.detail: TaskDetail | None = None  # the stored version edits are saved over
        self.original: TaskDetail | None = None  # as loaded: what the user's edits are from
        self.pending_notes: list[str] = []
        self.version: int | None = None
        self._load()
        self.setWindowTitle(tr("Sửa nhiệm vụ") if task_id else tr("Thêm nhiệm vụ"))
        self._build()
        self._fill()
        size_dialog(self, 780, 640, ctx.qsettings, "editor/size")

    # ----------------------------------------------------------------- data

    def _load(self) -> None:
        today = self.ctx.today()
        depts = departments.all_departments(self.ctx.db)
        if self.task_id is not None:
            self.detail = self.original = details.task_detail(self.ctx.db, self.task_id, today)
            if self.detail is None:
                raise NotFoundError(tr("Không tìm thấy nhiệm vụ (có thể đã bị xóa)."))
            ref = self.detail.ref
            self.version = self.detail.row.version
        else:
            ref = today
            if self.plan_id is not None:
                plan = next((p for p in plans.plans(self.ctx.db) if p.id == self.plan_id), None)
                ref = plan.signed_on if plan and plan.signed_on else today
        self.lookup = _Lookup(
            units=[(d.name, d.short_name) for d in depts if d.active],
            names={d.id: d.name for d in depts},
            ref=ref,
            term=self.detail.term if self.detail else plan_term(self.ctx.db, self.plan_id, ref),
            calendar=settings.work_calendar(self.ctx.db),
        )

    def _build(self) -> None:
        units = self.lookup.units
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(tr("Nội dung nhiệm vụ"))
        self.text.setMinimumHeight(60)
        self.text.setMaximumHeight(96)
        self.lead = UnitField(units, self)
        self.coordinators = UnitField(units, self, multi=True)
        self.deadline = QLineEdit(self)
        self.deadline.setPlaceholderText(
            tr("Ví dụ: Quý I/2024; trước ngày 30/10 hàng năm; thường xuyên")
        )
        self.understood = QLabel(self)
        self.understood.setWordWrap(True)
        self.understood.setStyleSheet("color: #1f5fa8;")
        self.manual = QCheckBox(tr("Đặt hạn cụ thể:"), self)
        self.manual_date = DateField(self)
        self.completed = DateField(self)
        today_button = QPushButton(tr("Hôm nay"), self)
        today_button.clicked.connect(lambda: self.completed.set_date(self.ctx.today()))
        self.product = QLineEdit(self)
        self.product.setPlaceholderText(tr("Ví dụ: Báo cáo, Kế hoạch, Quy chế"))
        self.specialist = QLineEdit(self)
        self.specialist.setPlaceholderText(tr("Để trống: chuyên viên theo dõi của đơn vị chủ trì"))
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(70)
        self.notes = QListWidget(self)
        self.notes.setWordWrap(True)
        self.notes.setMinimumHeight(70)
        self.note_input = QLineEdit(self)
        self.note_input.setPlaceholderText(tr("Ghi nhận tiến độ mới (lưu cùng nhiệm vụ)"))
        self.note_input.returnPressed.connect(self._queue_note)
        add_note = QPushButton(tr("Thêm"), self)
        add_note.clicked.connect(self._queue_note)

        self.errors = {
            key: ErrorLabel(self)
            for key in (
                "text",
                "lead",
                "coordinating",
                "due",
                "completed_on",
                "progress",
                "general",
            )
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def row(label: str, *widgets: QWidget, error: str | None = None) -> None:
            box = QVBoxLayout()
            box.setSpacing(2)
            line = QHBoxLayout()
            for w in widgets:
                line.addWidget(
                    w,
                    1
                    if isinstance(w, QLineEdit | QPlainTextEdit | QListWidget)
                    and not isinstance(w, DateField)
                    else 0,
                )
            if len(widgets) > 1:
                line.addStretch(0)
            box.addLayout(line)
            if error:
                box.addWidget(self.errors[error])
            form.addRow(label, box)

        row(tr("Nội dung:"), self.text, error="text")
        row(tr("Chủ trì:"), self.lead, error="lead")
        row(tr("Phối hợp:"), self.coordinators, error="coordinating")
        row(tr("Thời hạn:"), self.deadline)
        form.addRow("", self.understood)
        row(tr("Hạn:"), self.manual, self.manual_date, error="due")
        row(tr("Hoàn thành ngày:"), self.completed, today_button, error="completed_on")
        row(tr("Sản phẩm:"), self.product)
        row(tr("Chuyên viên theo dõi:"), self.specialist)
        row(tr("Ghi chú:"), self.note)
        row(tr("Tiến độ:"), self.notes)
        row("", self.note_input, add_note, error="progress")

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        self.context = QLabel(self)
        self.context.setWordWrap(True)
        self.context.setStyleSheet("color: #5f6368;")
        layout.addWidget(self.context)
        layout.addLayout(form)
        layout.addWidget(self.errors["general"])
        layout.addWidget(buttons)

        self._parse_timer = QTimer(self)
        self._parse_timer.setSingleShot(True)
        self._parse_timer.setInterval(120)
        self._parse_timer.timeout.connect(self._reinterpret)
        self.deadline.textChanged.connect(lambda _t: self._parse_timer.start())
        self.manual.toggled.connect(self.manual_date.setEnabled)
        self.manual.toggled.connect(lambda _on: self._reinterpret())

    def _fill(self) -> None:
        d = self.detail
        if d is None:
            self.manual_date.setEnabled(False)
            self.context.hide()
            self._reinterpret()
            return
        r = d.row
        where = " – ".join(p for p in (r.section, r.number) if p)
        plan = r.plan_number or (
            r.plan_title[:90] + "…" if len(r.plan_title) > 90 else r.plan_title
        )
        self.context.setText(
            " · ".join(p for p in (plan, tr("Mục {where}", where=where) if where else "") if p)
        )
        self.context.setVisible(bool(self.context.text()))
        self.text.setPlainText(r.text)
        self.lead.set_names([r.lead] if r.lead else [])
        self.coordinators.set_names(list(r.coordinators))
        self.deadline.setText(r.deadline_raw)
        self.manual.setChecked(d.due_override)
        self.manual_date.set_date(r.due if d.due_override else None)
        self.manual_date.setEnabled(d.due_override)
        self.completed.set_date(r.completed_on)
        self.product.setText(r.product)
        self.specialist.setText(d.own_specialist)
        if r.specialist and not d.own_specialist:
            self.specialist.setPlaceholderText(
                tr("Để trống: {name} (của đơn vị chủ trì)", name=r.specialist)
            )
        self.note.setPlainText(r.note)
        for n in d.notes:
            when = n.created_at.strftime("%d/%m/%Y") if n.created_at else ""
            self.notes.addItem(f"{when} · {n.author}: {n.text}")
        self._reinterpret()

    # ----------------------------------------------------------------- live deadline

    def parsed_deadline(self) -> Deadline:
        return parse_deadline(
            self.deadline.text(),
            self.lookup.ref,
            term=self.lookup.term,
            calendar=self.lookup.calendar,
        )

    def _reinterpret(self) -> None:
        dl = self.parsed_deadline()
        text = translate(describe(dl)) if dl.raw else tr("Chưa ghi thời hạn.")
        if self.manual.isChecked():
            text += " · " + tr("hạn cụ thể do bạn đặt được dùng thay")
        elif dl.due:
            text += " · " + tr("hạn: {day}", day=fmt_date(dl.due))
        self.understood.setText("→ " + text)

    def _queue_note(self) -> None:
        text = self.note_input.text().strip()
        if not text:
            return
        self.pending_notes.append(text)
        self.notes.addItem(tr("(chưa lưu) {text}", text=text))
        self.note_input.clear()

    # ----------------------------------------------------------------- values

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.show_message("")

    def _show_field_error(self, field: str | None, message: str) -> None:
        key = {"due_override": "due", "following": "coordinating", "text": "text"}.get(
            field or "", field or ""
        )
        (self.errors.get(key) or self.errors["general"]).show_message(message)

    def _unit_ids(self, field: UnitField, key: str) -> list[int] | None:
        ids: list[int] = []
        missing: list[str] = []
        for name in field.names():
            dept = departments.find_department(self.ctx.db, name)
            if dept is None:
                missing.append(name)
            else:
                ids.append(dept.id)
        if missing:
            self.errors[key].show_message(
                tr(
                    "Không có đơn vị «{name}» trong danh mục (thêm ở Công cụ › Danh mục đơn vị).",
                    name=missing[0],
                )
            )
            return None
        return ids

    def collect(self) -> dict[str, Any] | None:
        """The values as typed, for the operations; None (errors shown) if one is invalid."""
        self._clear_errors()
        ok = True
        lead = self._unit_ids(self.lead, "lead")
        coord = self._unit_ids(self.coordinators, "coordinating")
        ok = lead is not None and coord is not None
        if lead is not None and len(lead) > 1:
            self.errors["lead"].show_message(tr("Chỉ một đơn vị chủ trì."))
            ok = False
        manual = None
        if self.manual.isChecked():
            try:
                manual = self.manual_date.date_value()
            except ValueError as ex:
                self.errors["due"].show_message(error_message(ex))
                ok = False
            else:
                if manual is None:
                    self.errors["due"].show_message(
                        tr("Hãy nhập ngày hạn, hoặc bỏ chọn «Đặt hạn cụ thể».")
                    )
                    ok = False
        try:
            completed = self.completed.date_value()
        except ValueError as ex:
            self.errors["completed_on"].show_message(error_message(ex))
            ok = False
            completed = None
        if not ok:
            return None
        return {
            "text": self.text.toPlainText(),
            "lead_id": lead[0] if lead else None,
            "coordinator_ids": tuple(coord or ()),
            "deadline": self.parsed_deadline(),
            "due_override": manual,
            "completed_on": completed,
            "product": self.product.text(),
            "note": self.note.toPlainText(),
            "specialist": self.specialist.text().strip(),
        }

    def _old_values(self, d: TaskDetail | None = None) -> dict[str, Any]:
        d = d or self.detail
        assert d is not None
        return d.values()

    def _changes(self, new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The fields the user changed since opening, and their current stored values.

        After a conflict the stored values are the other PC's: undo goes back to those.
        """
        old = self._old_values(self.original)
        changed = {}
        for key, value in new.items():
            if key == "deadline":
                if value.raw != old["deadline"].raw:
                    changed[key] = value
            elif key in ("text", "product", "note", "specialist"):
                if (value or "").strip() != (old[key] or "").strip():
                    changed[key] = value
            elif value != old[key]:
                changed[key] = value
        current = self._old_values()
        return changed, {k: current[k] for k in changed}

    # ----------------------------------------------------------------- saving

    def save(self) -> None:
        values = self.collect()
        if values is None:
            return
        try:
            if self.detail is None:
                self._create(values)
            else:
                if not self._update(values):
                    return
        except ValidationError as ex:
            self._show_field_error(ex.field, error_message(ex))
            return
        except NotFoundError as ex:
            show_error(self, ex)
            self.reject()
            return
        except DonDocError as ex:
            self.errors["general"].show_message(error_message(ex))
            return
        self.accept()

    def _create(self, values: dict[str, Any]) -> None:
        data = ops.TaskInput(**values, plan_id=self.plan_id)
        created_id = self.ctx.apply(ops.create_task, data, today=self.ctx.today()).new_id
        self.created_id = created_id
        stack = self.ctx.undo_stack
        stack.beginMacro(tr("Thêm nhiệm vụ"))
        stack.push(
            commands.CreateTaskCommand(self.ctx, data, self.parentWidget(), created_id=created_id)
        )
        for text in self.pending_notes:
            stack.push(commands.AddNoteCommand(self.ctx, created_id, text, self.parentWidget()))
        stack.endMacro()

    def _update(self, values: dict[str, Any]) -> bool:
        """Save the changed fields; False when the user went back to editing."""
        assert self.detail is not None and self.task_id is not None
        task_id = self.task_id
        changed, old = self._changes(values)
        if changed:
            try:
                self.ctx.apply(
                    ops.update_task,
                    self.task_id,
                    expected_version=self.version,
                    today=self.ctx.today(),
                    **changed,
                )
            except ConflictError as ex:
                return self._resolve(values, ex)
        stack = self.ctx.undo_stack
        stack.beginMacro(tr("Sửa nhiệm vụ"))
        if changed:
            stack.push(
                commands.UpdateTaskCommand(
                    self.ctx, self.task_id, old, changed, self.parentWidget(), done=True
                )
            )
        for text in self.pending_notes:
            stack.push(commands.AddNoteCommand(self.ctx, task_id, text, self.parentWidget()))
        stack.endMacro()
        return True

    def _resolve(self, values: dict[str, Any], ex: ConflictError) -> bool:
        theirs = snapshot_view(ex.theirs, self.lookup.names)
        changed, _ = self._changes(values)
        mine = mine_view(values, changed, theirs, self.lookup.names)
        dialog = ConflictDialog(mine, theirs, self)
        dialog.exec()
        if dialog.choice == BACK:
            return False
        # Either way the editor now starts from the version that was saved meanwhile.
        task_id = self.task_id
        assert task_id is not None  # only an edit of a stored task can conflict
        self.detail = details.task_detail(self.ctx.db, task_id, self.ctx.today())
        if self.detail is None:
            raise NotFoundError(tr("Nhiệm vụ đã bị xóa ở máy khác."))
        self.version = self.detail.row.version
        if dialog.choice == KEEP_MINE:
            return self._update(values)
        # The user drops their edit; progress notes only add, so they are still saved.
        stack = self.ctx.undo_stack
        for text in self.pending_notes:
            stack.push(commands.AddNoteCommand(self.ctx, task_id, text, self.parentWidget()))
        return True

    def reject(self) -> None:
        if self._dirty():
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle(self.windowTitle())
            box.setText(tr("Bỏ các thay đổi chưa lưu?"))
            drop = box.addButton(tr("Bỏ thay đổi"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(tr("Tiếp tục sửa"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not drop:
                return
        super().reject()

    def _dirty(self) -> bool:
        if self.pending_notes:
            return True
        if self.detail is None:
            return bool(self.text.toPlainText().strip())
        try:
            values = {
                "text": self.text.toPlainText(),
                "product": self.product.text(),
                "note": self.note.toPlainText(),
                "deadline": Deadline(raw=self.deadline.text().strip()),
            }
            changed, _ = self._changes(values)
        except (KeyError, ValueError):
            return True
        units = (self.lead.names(), self.coordinators.names())
        old_units = (
            [self.detail.row.lead] if self.detail.row.lead else [],
            list(self.detail.row.coordinators),
        )
        return bool(changed) or units != old_units

    def keyPressEvent(self, event) -> None:
        # Enter in a line edit must not close the dialog half-edited; Ctrl+S or "Lưu" saves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.save_button.hasFocus():
            return
        super().keyPressEvent(event)

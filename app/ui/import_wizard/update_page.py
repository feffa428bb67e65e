"""The wizard's page for a plan imported before: update it, or (when it is only taken for
it by its tasks or issuer) import it as a plan of its own; Cancel leaves everything as is.

It lists what the update does — new tasks, changed tasks, tasks the file no longer has —
and says what is kept (progress notes, completions, manual due dates, units edited by
hand). Tasks no longer in the file are kept unless the user ticks their removal.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from app.db.reads.plan_update import PlanDiff, plan_diff
from app.ui.kit.i18n import tr

if TYPE_CHECKING:
    from app.ui.import_wizard.wizard import ImportWizard


class UpdatePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.diff: PlanDiff | None = None
        self.setTitle(tr("Kế hoạch này đã được nhập"))
        self.setSubTitle(
            tr("Cập nhật kế hoạch đã có theo tệp này, hoặc bấm «Hủy» để không nhập gì.")
        )
        self.known = QLabel(self)
        self.known.setWordWrap(True)
        self.known.setTextFormat(Qt.TextFormat.RichText)
        self.update_radio = QRadioButton(
            tr("Cập nhật kế hoạch đã có (giữ tiến độ, hoàn thành, hạn và đơn vị đã sửa tay)"), self
        )
        self.separate_radio = QRadioButton(
            tr("Đây là kế hoạch khác: nhập thành kế hoạch riêng"), self
        )
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.update_radio)
        self.choice.addButton(self.separate_radio)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.changes = QPlainTextEdit(self)
        self.changes.setReadOnly(True)
        self.remove_check = QCheckBox(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.known)
        layout.addWidget(self.update_radio)
        layout.addWidget(self.separate_radio)
        layout.addWidget(self.counts)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.remove_check)
        self.update_radio.toggled.connect(self._choice_changed)
        self.separate_radio.toggled.connect(self._choice_changed)

    def initializePage(self) -> None:
        preview = self.wiz.preview
        assert preview is not None and preview.same_plan is not None
        known = preview.known
        why = known.why() if known is not None else ""
        self.known.setText(
            "<b>"
            + escape(tr("Đã có {what}", what=preview.same_plan.describe()))
            + "</b><br>"
            + escape(tr("Nhận ra vì: {why}.", why=why))
        )
        plan = self.wiz.final_plan()
        self.diff = plan_diff(self.wiz.ctx.db, preview.same_plan.id, plan)
        diff = self.diff
        self.counts.setText(
            tr(
                "Cập nhật sẽ thêm {a} nhiệm vụ mới, sửa {c} nhiệm vụ thay đổi, giữ nguyên {u}; "
                "{r} nhiệm vụ không còn trong tệp. Tiến độ, ngày hoàn thành, hạn sửa tay và "
                "đơn vị sửa tay được giữ ({p} nhiệm vụ có tiến độ hoặc hoàn thành).",
                a=len(diff.added),
                c=len(diff.changed),
                u=diff.unchanged,
                r=len(diff.removed),
                p=diff.progress_kept,
            )
        )
        self.changes.setPlainText("\n".join(diff.lines(plan)) or tr("Không có thay đổi nào."))
        self.remove_check.setText(
            tr("Xóa {n} nhiệm vụ không còn trong tệp (bỏ dấu: giữ lại)", n=len(diff.removed))
        )
        self.remove_check.setChecked(False)
        self.remove_check.setVisible(bool(diff.removed))
        strict = known is None or known.strict
        self.separate_radio.setVisible(not strict)
        self.update_radio.setChecked(True)

    def _choice_changed(self) -> None:
        updating = self.update_radio.isChecked()
        self.counts.setEnabled(updating)
        self.changes.setEnabled(updating)
        self.remove_check.setEnabled(updating)
        self.completeChanged.emit()

    def updating(self) -> bool:
        return (
            self.wiz.preview is not None
            and self.wiz.preview.same_plan is not None
            and (self.update_radio.isChecked())
        )

    def separate(self) -> bool:
        return self.separate_radio.isChecked() and self.separate_radio.isVisibleTo(self)

    def remove_missing(self) -> bool:
        return self.updating() and self.remove_check.isChecked()

    def nextId(self) -> int:
        from app.ui.import_wizard.wizard import CONFIRM_PAGE

        return CONFIRM_PAGE

    def isComplete(self) -> bool:
        return self.update_radio.isChecked() or self.separate()

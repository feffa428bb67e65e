"""The merge confirmation: which units go into which, from what day, how many tasks move."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.text import sort_key
from app.ui.departments.model import UnitNode
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.widgets import DepartmentPicker, button_box, date_edit, to_date


class MergeDialog(QDialog):
    """Pick the unit that remains; the others are merged into it (tasks move with them)."""

    def __init__(
        self,
        ctx: AppContext,
        units: dict[int, UnitNode],
        selected: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.units = units
        self.selected = [i for i in selected if i in units]
        self.setWindowTitle(tr("Gộp đơn vị"))
        self.setMinimumWidth(560)
        self.target = DepartmentPicker(self)
        self.target.set_departments([(i, n.name) for i, n in units.items()])
        self.when_edit = date_edit(self, ctx.today())
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        names = sorted((units[i].name for i in self.selected), key=sort_key)
        intro = QLabel(
            tr("Đơn vị đã chọn:") + "<ul>" + "".join(f"<li>{n}</li>" for n in names) + "</ul>",
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Gộp vào đơn vị:"), self.target)
        form.addRow(tr("Ngày gộp:"), self.when_edit)
        self.buttons = button_box(self, ok=tr("Gộp"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        # The unit with the most tasks is usually the one to keep.
        if len(self.selected) > 1:
            keep = max(self.selected, key=lambda i: (units[i].total, -i))
            self.target.set_current_id(keep)
        else:
            self.target.set_current_id(None)
        self.target.currentTextChanged.connect(lambda _t: self._update())
        self.when_edit.dateChanged.connect(lambda _d: self._update())
        self._update()

    def target_id(self) -> int | None:
        return self.target.current_id()

    def sources(self) -> list[int]:
        target = self.target_id()
        return [i for i in self.selected if i != target]

    def when(self) -> date:
        return to_date(self.when_edit.date()) or date.today()

    def _update(self) -> None:
        target = self.target_id()
        sources = self.sources()
        ok = target is not None and bool(sources)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if target is None:
            self.summary.setText(tr("Chọn đơn vị còn lại sau khi gộp."))
            return
        if not sources:
            self.summary.setText(
                tr("Hãy chọn thêm đơn vị cần gộp vào «{name}».", name=self.units[target].name)
            )
            return
        tasks = sum(self.units[i].total for i in sources)
        self.summary.setText(
            tr(
                "{n} đơn vị ({tasks} nhiệm vụ) sẽ được gộp vào «{target}». Tên cũ được giữ làm "
                "tên gọi khác, dùng đến ngày {when}, để các kế hoạch cũ vẫn nhận ra. "
                "Không thể hoàn tác (đã có bản sao lưu tự động).",
                n=len(sources),
                tasks=tasks,
                target=self.units[target].name,
                when=fmt_date(self.when()),
            )
        )

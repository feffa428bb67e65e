"""The filter bar above the table: search (debounced), status, period, plan, role.

It only builds a `TaskFilter`; the query runs in SQL. The department comes from the tree
and is shown here as a removable chip so the user always sees what is filtered.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

from app.core.roles import Role
from app.core.status import DONE_STATUSES, OPEN_STATUSES, Status
from app.db.reads.filters import Period, TaskFilter
from app.db.reads.plans import plans
from app.ui.kit.context import AppContext
from app.ui.kit.flow import FlowLayout
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.me import choose_specialist, current_specialist

SEARCH_DELAY_MS = 250


def status_choices() -> list[tuple[str, frozenset[Status]]]:
    return [
        (tr("Mọi trạng thái"), frozenset()),
        (tr("Chưa hoàn thành"), OPEN_STATUSES),
        (tr("Quá hạn"), frozenset({Status.OVERDUE})),
        (tr("Sắp đến hạn"), frozenset({Status.DUE_SOON})),
        (tr("Trong hạn"), frozenset({Status.OPEN, Status.DUE_SOON})),
        (tr("Chờ điều kiện"), frozenset({Status.WAITING})),
        (tr("Thường xuyên"), frozenset({Status.ONGOING})),
        (tr("Đã hoàn thành"), DONE_STATUSES),
        (tr("Hoàn thành đúng hạn"), frozenset({Status.DONE_ON_TIME})),
        (tr("Hoàn thành quá hạn"), frozenset({Status.DONE_LATE})),
        (tr("Đã hủy / thu hồi"), frozenset({Status.CANCELLED})),
    ]


def period_choices() -> list[tuple[str, Period]]:
    return [
        (tr("Mọi thời hạn"), Period.ALL),
        (tr("Tuần này"), Period.THIS_WEEK),
        (tr("Tháng này"), Period.THIS_MONTH),
        (tr("Quý này"), Period.THIS_QUARTER),
        (tr("Đã quá hạn"), Period.OVERDUE),
        (tr("Không có hạn"), Period.NO_DEADLINE),
    ]


class FilterBar(QWidget):
    filterChanged = Signal()
    departmentCleared = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._department: int | None = None
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Tìm nội dung, đơn vị, thời hạn… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.search.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
            QLineEdit.ActionPosition.LeadingPosition,
        )
        self.status = QComboBox(self)
        for label, statuses in status_choices():
            self.status.addItem(label, statuses)
        self.period = QComboBox(self)
        for label, period in period_choices():
            self.period.addItem(label, period)
        self.plan = QComboBox(self)
        self.plan.setMinimumContentsLength(12)
        self.role = QComboBox(self)
        self.role.addItem(tr("Mọi vai trò"), None)
        self.role.addItem(tr("Chủ trì"), Role.LEAD)
        self.role.addItem(tr("Phối hợp"), Role.COORDINATING)
        self.role.setToolTip(tr("Vai trò của đơn vị đang chọn trong nhiệm vụ"))
        self.status.setToolTip(tr("Lọc theo trạng thái"))
        self.period.setToolTip(tr("Lọc theo hạn"))
        self.plan.setToolTip(tr("Lọc theo kế hoạch"))
        self.dept_chip = QToolButton(self)
        self.dept_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.dept_chip.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton)
        )
        self.dept_chip.setToolTip(tr("Bỏ lọc theo đơn vị"))
        self.dept_chip.setAutoRaise(True)
        self.dept_chip.clicked.connect(self._clear_department)
        self.dept_chip.hide()
        self.range_chip = QToolButton(self)
        self.range_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.range_chip.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton)
        )
        self.range_chip.setToolTip(tr("Bỏ lọc theo khoảng ngày"))
        self.range_chip.setAutoRaise(True)
        self.range_chip.clicked.connect(lambda: self.set_due_range(None, None))
        self.range_chip.hide()
        self._range: tuple[date | None, date | None] = (None, None)
        self.role.hide()
        for combo, length in (
            (self.status, 8),
            (self.period, 7),
            (self.plan, 7),
            (self.role, 6),
        ):
            # Long entries must not widen the window: the popup still shows them whole.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(length)
        self.dept_chip.setMaximumWidth(200)
        self.mine = QToolButton(self)
        self.mine.setText(tr("Việc tôi theo dõi"))
        self.mine.setCheckable(True)
        self.mine.setToolTip(tr("Chỉ các nhiệm vụ chuyên viên dùng máy này theo dõi"))
        self.mine.toggled.connect(self._mine_toggled)
        self.reset_button = QToolButton(self)
        self.reset_button.setText(tr("Xóa bộ lọc"))
        self.reset_button.setToolTip(tr("Hiện tất cả nhiệm vụ"))
        self.reset_button.clicked.connect(self.reset)

        # One line when there is room; chips wrap onto a second line instead of
        # widening the window (kit/flow.py).
        layout = FlowLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.add(self.search, 3)
        layout.add(self.status)
        layout.add(self.period)
        layout.add(self.plan, 1)
        layout.add(self.range_chip)
        layout.add(self.dept_chip)
        layout.add(self.role)
        layout.add(self.mine)
        layout.add(self.reset_button)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.filterChanged)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._search_now)
        for combo in (self.status, self.period, self.plan, self.role):
            combo.currentIndexChanged.connect(lambda _i: self.filterChanged.emit())
        self.reload_plans()

    # ----------------------------------------------------------------- state

    def reload_plans(self) -> None:
        keep = self.plan.currentData()
        items = plans(self.ctx.db)
        blocked = self.plan.blockSignals(True)
        self.plan.clear()
        self.plan.addItem(tr("Mọi kế hoạch"), None)
        for p in items:
            label = p.number or p.title
            self.plan.addItem(label, p.id)
            self.plan.setItemData(
                self.plan.count() - 1, f"{p.number}\n{p.title}".strip(), Qt.ItemDataRole.ToolTipRole
            )
        index = self.plan.findData(keep)
        self.plan.setCurrentIndex(max(0, index))
        self.plan.blockSignals(blocked)
        if index < 0 and keep is not None:
            self.filterChanged.emit()

    def set_department(self, dept_id: int | None, name: str = "") -> None:
        self._department = dept_id
        self.dept_chip.setVisible(dept_id is not None)
        self.role.setVisible(dept_id is not None)
        text = tr("Đơn vị: {name}", name=name)
        fm = self.dept_chip.fontMetrics()
        self.dept_chip.setText(fm.elidedText(text, Qt.TextElideMode.ElideRight, 170))
        self.dept_chip.setToolTip(tr("Bỏ lọc theo đơn vị «{name}»", name=name))
        self.filterChanged.emit()

    def set_due_range(self, start: date | None, end: date | None) -> None:
        """Only tasks due between two days (from the calendar or the start-up notice)."""
        self._range = (start, end)
        shown = start is not None or end is not None
        self.range_chip.setVisible(shown)
        if shown:
            if start == end:
                text = tr("Hạn ngày {day}", day=fmt_date(start))
            else:
                text = tr("Hạn {start} – {end}", start=fmt_date(start), end=fmt_date(end))
            self.range_chip.setText(text)
        self.filterChanged.emit()

    def _clear_department(self) -> None:
        self.set_department(None)
        self.departmentCleared.emit()

    def reset(self) -> None:
        """Everything shown: no search, no status, period, plan or unit filter."""
        widgets = (self.search, self.status, self.period, self.plan, self.role, self.mine)
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        self.mine.setChecked(False)
        for combo in (self.status, self.period, self.plan, self.role):
            combo.setCurrentIndex(0)
        for w in widgets:
            w.blockSignals(False)
        self._timer.stop()
        self._range = (None, None)
        self.range_chip.hide()
        if self._department is not None:
            self._clear_department()
        else:
            self.filterChanged.emit()

    def _mine_toggled(self, on: bool) -> None:
        """The first time on this PC, ask who uses it (kept in this PC's settings)."""
        if on and not current_specialist(self.ctx):
            name = choose_specialist(self.ctx, self)
            if not name:
                self.mine.blockSignals(True)
                self.mine.setChecked(False)
                self.mine.blockSignals(False)
                return
        self.filterChanged.emit()

    def _search_now(self) -> None:
        self._timer.stop()
        self.filterChanged.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_status(self, statuses: frozenset[Status]) -> None:
        index = self.status.findData(statuses)
        if index >= 0:
            self.status.setCurrentIndex(index)

    def set_period(self, period: Period) -> None:
        index = self.period.findData(period)
        if index >= 0:
            self.period.setCurrentIndex(index)

    def current_filter(self, today: date, soon_days: int) -> TaskFilter:
        return TaskFilter(
            search=self.search.text().strip(),
            statuses=self.status.currentData() or frozenset(),
            plan_id=self.plan.currentData(),
            department_id=self._department,
            include_children=True,
            role=self.role.currentData() if self._department is not None else None,
            period=self.period.currentData() or Period.ALL,
            due_from=self._range[0],
            due_to=self._range[1],
            today=today,
            soon_days=soon_days,
            specialist=(current_specialist(self.ctx) or None) if self.mine.isChecked() else None,
        )

"""Chia tách đơn vị: choose, task by task, which successor unit takes it over.

A unit whose work went to several bodies (the 2025 reorganisation ended the provincial
enterprise and agencies Party committees, their members going to two new ones) keeps
its history; its open tasks move to the successors the user picks. One undoable action.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import ops
from app.db.reads import departments
from app.db.reads.filters import TaskFilter
from app.db.reads.tasks import task_ids, task_rows
from app.db.store import Database
from app.errors import DonDocError
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.undo import OpCommand
from app.ui.kit.widgets import button_box


class SplitDialog(QDialog):
    def __init__(self, ctx: AppContext, dept_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dept_id = dept_id
        units = departments.all_departments(ctx.db)
        name = next(d.name for d in units if d.id == dept_id)
        self.successors = [(d.id, d.name) for d in units if d.active and d.id != dept_id]
        self.setWindowTitle(tr("Chia tách đơn vị"))
        today = ctx.today()
        flt = TaskFilter(department_id=dept_id, include_children=False, today=today)
        self.rows = task_rows(ctx.db, task_ids(ctx.db, flt), today)
        intro = QLabel(
            tr(
                "Chọn đơn vị tiếp nhận từng nhiệm vụ của «{name}»; nhiệm vụ để «giữ nguyên» "
                "không chuyển. Đơn vị được chia tách thôi hoạt động (vẫn giữ trong lịch sử).",
                name=name,
            ),
            self,
        )
        intro.setWordWrap(True)
        self.all_combo = self._combo()
        all_btn = QPushButton(tr("Áp dụng cho tất cả"), self)
        all_btn.clicked.connect(self.choose_all)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Giao tất cả cho:"), self))
        top.addWidget(self.all_combo, 1)
        top.addWidget(all_btn)
        self.table = QTableWidget(len(self.rows), 3, self)
        self.table.setHorizontalHeaderLabels([tr("Nhiệm vụ"), tr("Vai trò"), tr("Giao cho")])
        self.combos: list[QComboBox] = []
        for i, r in enumerate(self.rows):
            self.table.setItem(i, 0, QTableWidgetItem(r.text))
            role = tr("Chủ trì") if r.lead_id == dept_id else tr("Phối hợp")
            self.table.setItem(i, 1, QTableWidgetItem(role))
            combo = self._combo()
            self.combos.append(combo)
            self.table.setCellWidget(i, 2, combo)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 380)
        self.buttons = button_box(self, tr("Chia tách"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 480)

    def _combo(self) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(tr("— giữ nguyên —"), None)
        for dept_id, name in self.successors:
            combo.addItem(name, dept_id)
        return combo

    def choose_all(self) -> None:
        for combo in self.combos:
            combo.setCurrentIndex(self.all_combo.currentIndex())

    def choose(self, row: int, dept_id: int | None) -> None:
        combo = self.combos[row]
        combo.setCurrentIndex(max(0, combo.findData(dept_id)))

    def choices(self) -> dict[int, int]:
        return {
            r.id: c.currentData()
            for r, c in zip(self.rows, self.combos)
            if c.currentData() is not None
        }


def split_unit(ctx: AppContext, dept_id: int, choices: dict[int, int], parent=None) -> str:
    """Apply the split as one undoable action; returns the status line."""
    try:
        result = ctx.apply(ops.split_department, dept_id, choices)
    except DonDocError as ex:
        return str(ex)
    undo = [result.undo]

    def redo(db: Database) -> ops.SplitResult:
        again = ops.split_department(db, dept_id, choices)
        undo[0] = again.undo
        return again

    ctx.push(
        OpCommand(
            ctx,
            tr("Chia tách đơn vị ({n} nhiệm vụ)", n=len(choices)),
            redo,
            lambda db: ops.undo_split(db, undo[0]),
            parent,
            done=True,
        )
    )
    return result.change.summary

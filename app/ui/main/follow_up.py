"""The window's follow-through actions (issue 21): extend a deadline, cancel or restore
tasks, choose who uses this PC. Each is an undoable command; they appear in the table's
row menu, the Edit and Tools menus and the details pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.db.reads import details
from app.db.reads.tasks import task_rows
from app.ui.kit.i18n import tr
from app.ui.kit.me import choose_specialist

if TYPE_CHECKING:
    from app.ui.main.window import MainWindow


class FollowUpActions(QObject):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.ctx = win.ctx
        self.extend = QAction(tr("Gia hạn…"), win)
        self.extend.setToolTip(tr("Gia hạn thời hạn theo văn bản cho phép"))
        self.extend.triggered.connect(lambda: self.extend_task())
        self.cancel = QAction(tr("Hủy / thu hồi nhiệm vụ…"), win)
        self.cancel.triggered.connect(lambda: self.cancel_tasks())
        self.restore = QAction(tr("Khôi phục nhiệm vụ đã hủy"), win)
        self.restore.triggered.connect(lambda: self.restore_tasks())
        self.me = QAction(tr("Chuyên viên dùng máy này…"), win)
        self.me.triggered.connect(self.choose_me)
        table = win.table
        table.set_context_actions(
            [*table._context_actions, None, self.extend, self.cancel, self.restore]
        )
        for menu_action in win.menuBar().actions():
            menu = menu_action.menu()
            if not isinstance(menu, QMenu):
                continue
            if menu_action.text() == tr("&Sửa"):
                menu.addSeparator()
                for a in (self.extend, self.cancel, self.restore):
                    menu.addAction(a)
            elif menu_action.text() == tr("&Công cụ"):
                menu.addAction(self.me)
        box = win.details.follow
        box.extendRequested.connect(self.extend_task)
        box.cancelRequested.connect(lambda tid: self.cancel_tasks([tid]))
        box.restoreRequested.connect(lambda tid: self.restore_tasks([tid]))

    def extend_task(self, task_id: int | None = None) -> None:
        task_id = task_id if isinstance(task_id, int) else self.win.table.current_id()
        if task_id is None:
            return
        from app.ui.editor.follow_up import ExtendCommand, ExtendDialog  # loads app.db.ops

        detail = details.task_detail(self.ctx.db, task_id, self.ctx.today())
        if detail is None:
            return
        dialog = ExtendDialog(detail, self.win)
        if not dialog.exec():
            return
        day, reason, document, requested_by = dialog.values()
        self.ctx.push(
            ExtendCommand(
                self.ctx,
                task_id,
                day,
                reason=reason,
                document=document,
                requested_by=requested_by,
                parent_widget=self.win,
            )
        )

    def cancel_tasks(self, ids: list[int] | None = None) -> None:
        ids = ids if ids is not None else self.win.selected_ids()
        rows = task_rows(self.ctx.db, ids, self.ctx.today())
        ids = [r.id for r in rows if r.cancelled_on is None]
        if not ids:
            return
        from app.ui.editor.follow_up import CancelCommand, CancelDialog  # loads app.db.ops

        dialog = CancelDialog(len(ids), self.win)
        if dialog.exec():
            self.ctx.push(CancelCommand(self.ctx, ids, dialog.cancellation(), self.win))

    def restore_tasks(self, ids: list[int] | None = None) -> None:
        ids = ids if ids is not None else self.win.selected_ids()
        rows = task_rows(self.ctx.db, ids, self.ctx.today())
        ids = [r.id for r in rows if r.cancelled_on is not None]
        if ids:
            from app.ui.editor.follow_up import CancelCommand  # loads app.db.ops

            self.ctx.push(CancelCommand(self.ctx, ids, None, self.win))

    def choose_me(self) -> None:
        if choose_specialist(self.ctx, self.win) is not None:
            self.win.notice.refresh()
            if self.win.filters.mine.isChecked():
                self.win.apply_filter()

"""Extensions, cancellations and specialists in the window (pytest-qt, a real SQLite file):
the dialogs from the details pane and the row menu, what the table and details show,
undo, the "Việc tôi theo dõi" filter and the notice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from test_ui_main import row_of
from ui_sample import TASKS, TODAY, UNITS, make_ctx, seed

from app.core.status import OPEN_STATUSES, Status
from app.db import ops
from app.db.reads.departments import find_department
from app.db.reads.details import task_detail
from app.db.reads.follow_up import cancelled_tasks
from app.ui.editor.follow_up import CancelDialog, ExtendDialog
from app.ui.kit.me import ME_KEY
from app.ui.main.window import MainWindow
from app.ui.table.model import column_of


@pytest.fixture
def window(qtbot, db, tmp_path) -> MainWindow:
    seed(db)
    win = MainWindow(make_ctx(db, tmp_path))
    qtbot.addWidget(win)
    win.show()
    return win


def choose(win: MainWindow, text: str) -> int:
    index = win.model.index(row_of(win, text), column_of("text"))
    win.table.setCurrentIndex(index)
    tid = win.table.current_id()
    assert tid is not None
    return tid


def in_modal(qtbot, kind, fill) -> list:
    """When the next modal dialog of `kind` opens, call fill(dialog) (which accepts it)."""
    seen = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, run)
            return
        seen.append(dialog)
        fill(dialog)

    QTimer.singleShot(0, run)
    return seen


def test_extend_from_the_details_pane_shows_history_and_undoes(qtbot, window, db):
    overdue = TASKS[0][0]
    tid = choose(window, overdue)
    qtbot.waitUntil(lambda: window.details.task_id == tid)
    box = window.details.follow
    assert box.extend_button.isVisible() and not box.history.isVisible()
    new_due = TODAY + timedelta(days=5)

    def fill(dialog: ExtendDialog) -> None:
        dialog._check()  # nothing typed: refused with a message, still open
        assert dialog.error.isVisible() and dialog.isVisible()
        dialog.new_due.set_date(new_due)
        dialog.document.setText("Công văn số 12-CV/VP ngày 05/5/2023")
        dialog.reason.setPlainText("Chờ ý kiến của Thường trực")
        dialog._check()

    seen = in_modal(qtbot, ExtendDialog, fill)
    box.extend_button.click()
    assert seen
    row = window.model.row_data(row_of(window, overdue))
    assert row.status == Status.DUE_SOON and row.due == new_due
    due_cell = window.model.index(row_of(window, overdue), column_of("due")).data()
    assert "(gia hạn)" in due_cell
    assert window.details.follow.history.isVisible()
    history = window.details.follow.history.text()
    assert "Hạn ban đầu" in history and "Công văn số 12-CV/VP" in history
    assert "đã gia hạn 1 lần" in window.details.fields["due"].text()
    window.ctx.undo_stack.undo()
    row = window.model.row_data(row_of(window, overdue))
    assert row.status == Status.OVERDUE and row.extensions == 0
    window.ctx.undo_stack.redo()
    assert task_detail(db, tid, TODAY).row.due == new_due


def test_cancel_from_the_row_menu_then_restore_and_undo(qtbot, window, db):
    target = TASKS[1][0]
    tid = choose(window, target)

    def fill(dialog: CancelDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData("withdrawn"))
        dialog.document.setText("Quyết định số 9-QĐ/VP")
        dialog.reason.setPlainText("Không còn phù hợp")
        dialog._check()

    in_modal(qtbot, CancelDialog, fill)
    assert window.follow_up.cancel in window.table._context_actions
    window.follow_up.cancel.trigger()
    assert window.model.row_data(row_of(window, target)).status == Status.CANCELLED
    [gone] = cancelled_tasks(db)
    assert (gone.id, gone.kind, gone.document) == (tid, "withdrawn", "Quyết định số 9-QĐ/VP")
    qtbot.waitUntil(lambda: window.details.follow.restore_button.isVisible())
    assert "Không còn phù hợp" in window.details.follow.cancelled.text()
    # the open filter leaves it out
    window.filters.set_status(OPEN_STATUSES)
    texts = [window.model.row_data(r).text for r in range(window.model.rowCount())]
    assert target not in texts
    window.filters.reset()
    choose(window, target)
    window.details.follow.restore_button.click()
    assert window.model.row_data(row_of(window, target)).status == Status.DUE_SOON
    window.ctx.undo_stack.undo()  # the restore undone: withdrawn again, same document
    assert cancelled_tasks(db)[0].document == "Quyết định số 9-QĐ/VP"
    window.ctx.undo_stack.undo()  # the cancellation undone
    assert cancelled_tasks(db) == []


def test_my_tasks_filter_uses_the_user_of_this_pc(qtbot, window, db):
    unit = find_department(db, UNITS[0]).id
    window.ctx.apply(ops.set_unit_specialist, unit, "Nguyễn Thị Lan")
    window.ctx.qsettings.setValue(ME_KEY, "Nguyễn Thị Lan")
    window.filters.mine.setChecked(True)
    rows = [window.model.row_data(r) for r in range(window.model.rowCount())]
    assert rows and all(r.specialist == "Nguyễn Thị Lan" for r in rows)
    assert {r.lead for r in rows} == {UNITS[0]}
    window.filters.reset()
    assert not window.filters.mine.isChecked()
    assert window.model.rowCount() > len(rows)
    # the notice counts the user's own tasks first
    window.notice.refresh()
    assert window.notice.notice.me == "Nguyễn Thị Lan"


def test_the_editor_saves_a_task_specialist(qtbot, window, db):
    from app.ui.main import dialogs

    tid = choose(window, TASKS[2][0])
    editor = dialogs.task_editor(window.ctx, window, task_id=tid)
    qtbot.addWidget(editor)
    editor.specialist.setText("Trần Văn Minh")
    editor.save()
    assert task_detail(db, tid, TODAY).own_specialist == "Trần Văn Minh"
    window.ctx.undo_stack.undo()
    assert task_detail(db, tid, TODAY).own_specialist == ""

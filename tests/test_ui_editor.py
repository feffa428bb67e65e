"""The task editor: live deadline, saving through the operations, undo, errors, conflicts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from ui_sample import TASKS, TODAY, UNITS, click_in_modal, make_ctx, seed

from app.core.status import Status
from app.db import ops
from app.db.reads.details import task_detail
from app.db.reads.filters import TaskFilter
from app.db.reads.tasks import task_ids
from app.ui.editor.dialog import TaskEditor


@pytest.fixture
def ctx(db, tmp_path):
    seed(db)
    return make_ctx(db, tmp_path)


def task_id_of(ctx, text: str) -> int:
    ids = task_ids(ctx.db, TaskFilter(search=text[:40], today=TODAY))
    return ids[0]


def detail(ctx, task_id: int):
    return task_detail(ctx.db, task_id, TODAY)


def open_editor(qtbot, ctx, task_id=None) -> TaskEditor:
    editor = TaskEditor(ctx, None, task_id=task_id)
    # Closed without the "discard changes?" question, whatever the test left typed.
    qtbot.addWidget(editor, before_close_func=lambda w: w.done(0))
    editor.show()
    return editor


def test_edit_text_then_undo_and_redo(qtbot, ctx):
    tid = task_id_of(ctx, TASKS[2][0])
    editor = open_editor(qtbot, ctx, tid)
    assert editor.text.toPlainText() == TASKS[2][0]
    editor.text.setPlainText("Rà soát, sửa đổi quy chế làm việc")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == TaskEditor.DialogCode.Accepted
    assert detail(ctx, tid).row.text == "Rà soát, sửa đổi quy chế làm việc"
    ctx.undo_stack.undo()
    assert detail(ctx, tid).row.text == TASKS[2][0]
    ctx.undo_stack.redo()
    assert detail(ctx, tid).row.text == "Rà soát, sửa đổi quy chế làm việc"


def test_deadline_is_read_while_typing_and_saved(qtbot, ctx):
    tid = task_id_of(ctx, TASKS[3][0])  # "thường xuyên"
    editor = open_editor(qtbot, ctx, tid)
    editor.deadline.clear()
    qtbot.keyClicks(editor.deadline, "quy III/2023")  # typed without accents
    qtbot.waitUntil(lambda: "30/09/2023" in editor.understood.text())
    assert "Quý III/2023" in editor.understood.text()
    editor.save()
    row = detail(ctx, tid).row
    assert (row.deadline_raw, row.due, row.status) == (
        "quy III/2023",
        date(2023, 9, 30),
        Status.OPEN,
    )
    ctx.undo_stack.undo()
    row = detail(ctx, tid).row
    assert (row.deadline_raw, row.due, row.status) == ("thường xuyên", None, Status.ONGOING)


def test_manual_due_date_overrides_the_phrase(qtbot, ctx):
    tid = task_id_of(ctx, TASKS[2][0])  # Quý II/2023
    editor = open_editor(qtbot, ctx, tid)
    editor.manual.setChecked(True)
    qtbot.keyClicks(editor.manual_date, "15/5/2023")
    editor.save()
    d = detail(ctx, tid)
    assert d.due_override and d.row.due == date(2023, 5, 15) and d.row.status == Status.DUE_SOON
    ctx.undo_stack.undo()
    d = detail(ctx, tid)
    assert not d.due_override and d.row.due == date(2023, 6, 30)


def test_units_complete_without_accents_and_are_saved(qtbot, ctx):
    tid = task_id_of(ctx, TASKS[1][0])
    editor = open_editor(qtbot, ctx, tid)
    completer = editor.lead.completer()
    completer.setCompletionPrefix("kiem tra")
    assert completer.currentCompletion() == UNITS[3]
    editor.lead.setText(UNITS[3])
    editor.coordinators.setText("Ban Tổ chức Đảng ủy Khối")
    editor.activateWindow()
    qtbot.waitActive(editor)
    editor.coordinators.setFocus()
    qtbot.waitUntil(editor.coordinators.hasFocus)
    qtbot.keyClicks(editor.coordinators, "; tuyen")  # completes the unit after the ";"
    popup = editor.coordinators.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    first = popup.model().index(0, 0)
    assert first.data() == UNITS[1]
    qtbot.mouseClick(
        popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(first).center()
    )
    assert editor.coordinators.text() == f"{UNITS[0]}; {UNITS[1]}"
    editor.save()
    row = detail(ctx, tid).row
    assert row.lead == UNITS[3]
    assert set(row.coordinators) == {UNITS[0], UNITS[1]}


def test_bad_input_is_shown_next_to_the_field(qtbot, ctx):
    tid = task_id_of(ctx, TASKS[1][0])
    editor = open_editor(qtbot, ctx, tid)
    editor.text.clear()
    editor.lead.setText("Sở Không Tồn Tại")
    editor.completed.setText("31/02/2023")
    editor.save()
    assert editor.isVisible()  # the dialog stays open, nothing saved
    assert "Sở Không Tồn Tại" in editor.errors["lead"].text()
    assert editor.errors["lead"].isVisible()
    assert "không có thật" in editor.errors["completed_on"].text()
    editor.lead.setText(UNITS[2])
    editor.completed.clear()
    editor.save()  # now only the empty text is wrong: the service says so, by field
    assert editor.errors["text"].isVisible()
    assert "trống" in editor.errors["text"].text()
    assert detail(ctx, tid).row.text == TASKS[1][0]
    assert ctx.undo_stack.count() == 0


def test_new_task_undo_deletes_and_redo_restores_it(qtbot, ctx):
    editor = open_editor(qtbot, ctx)
    editor.text.setPlainText("Tổng kết 5 năm thực hiện Chỉ thị 05")
    editor.lead.setText("van phong dang uy khoi")  # found without accents
    editor.deadline.setText("trước ngày 30/6/2023")
    editor.note_input.setText("Đã giao chuyên viên dự thảo")
    qtbot.keyClick(editor.note_input, Qt.Key.Key_Return)
    editor.save()
    tid = editor.created_id
    d = detail(ctx, tid)
    assert d.row.lead == UNITS[2] and d.row.due == date(2023, 6, 30)
    assert [n.text for n in d.notes] == ["Đã giao chuyên viên dự thảo"]
    ctx.undo_stack.undo()
    assert detail(ctx, tid) is None
    ctx.undo_stack.redo()
    d = detail(ctx, tid)
    assert d is not None and d.row.text == "Tổng kết 5 năm thực hiện Chỉ thị 05"
    assert [n.text for n in d.notes] == ["Đã giao chuyên viên dự thảo"]


def test_conflicting_save_shows_both_versions_and_keeps_mine_on_request(qtbot, ctx):
    tid = task_id_of(ctx, TASKS[1][0])
    editor = open_editor(qtbot, ctx, tid)
    # Meanwhile another PC saves the same task.
    ops.update_task(ctx.db, tid, note="Sửa ở máy khác", today=TODAY)
    editor.product.setText("Báo cáo sơ kết")
    seen = click_in_modal(qtbot, "Giữ bản của tôi")
    editor.save()
    assert not [s for s in seen if s.startswith("no button")]
    d = detail(ctx, tid)
    assert d.row.product == "Báo cáo sơ kết"
    assert d.row.note == "Sửa ở máy khác"  # only my changed field was written


def test_conflicting_save_can_take_their_version(qtbot, ctx):
    tid = task_id_of(ctx, TASKS[1][0])
    editor = open_editor(qtbot, ctx, tid)
    ops.update_task(ctx.db, tid, text="Bản của máy khác", today=TODAY)
    editor.text.setPlainText("Bản của tôi")
    click_in_modal(qtbot, "Dùng bản đã lưu")
    editor.save()
    assert detail(ctx, tid).row.text == "Bản của máy khác"
    assert not editor.isVisible()


def test_conflict_dialog_marks_the_differences(qtbot):
    from app.ui.editor.conflict import ConflictDialog

    mine = {"text": "A", "deadline": "Quý I/2023", "due": "31/03/2023"}
    theirs = {"text": "A", "deadline": "Quý II/2023", "due": "30/06/2023"}
    dialog = ConflictDialog(mine, theirs)
    qtbot.addWidget(dialog)
    assert dialog.differences == ["deadline", "due"]

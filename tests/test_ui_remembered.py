"""Remembered places: the folders last used for imports and letters, the chosen task
(kept while a filter hides it, and across a restart), its actions enabled while shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings
from test_ui_wizard import PREVIEW_PAGE, workbook
from ui_sample import make_ctx, seed

from app.ui.kit.context import AppContext
from app.ui.kit.places import last_folder
from app.ui.main.window import MainWindow


@pytest.fixture
def ctx(db, tmp_path):
    seed(db)
    return make_ctx(db, tmp_path)


def reopened(ctx: AppContext, tmp_path: Path) -> QSettings:
    """The settings file read again, as the next start of the app reads it."""
    ctx.qsettings.sync()
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


def test_import_folder_is_remembered(qtbot, ctx, tmp_path):
    from app.ui.import_wizard.wizard import IMPORT_FOLDER_KEY, ImportWizard

    folder = tmp_path / "Kế hoạch nhận về"
    folder.mkdir()
    home = last_folder(ctx.qsettings, IMPORT_FOLDER_KEY)
    assert home != folder
    wiz = ImportWizard(ctx, path=workbook(folder / "kh.xlsx"))
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitUntil(lambda: wiz.currentId() == PREVIEW_PAGE, timeout=20000)
    wiz.reject()
    assert last_folder(reopened(ctx, tmp_path), IMPORT_FOLDER_KEY) == folder
    # A folder removed since is not offered.
    (folder / "kh.xlsx").unlink()
    folder.rmdir()
    assert last_folder(reopened(ctx, tmp_path), IMPORT_FOLDER_KEY) == home


def test_letters_folder_is_remembered(qtbot, ctx, tmp_path):
    from app.ui.urging.letters import FOLDER_KEY, UrgeDialog

    dlg = UrgeDialog(ctx)
    qtbot.addWidget(dlg)
    out = tmp_path / "Công văn"
    dlg.folder.setText(str(out))
    dlg.open_after.setChecked(False)
    dlg.picker.select_urgent.click()
    with qtbot.waitSignal(dlg.workDone, timeout=30000):
        dlg.run_button.click()
    assert any(out.glob("*.docx"))
    assert last_folder(reopened(ctx, tmp_path), FOLDER_KEY) == out
    again = UrgeDialog(ctx)
    qtbot.addWidget(again)
    assert Path(again.folder.text()) == out


def open_window(qtbot, ctx) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_chosen_task_survives_a_filter_that_hides_it(qtbot, ctx):
    win = open_window(qtbot, ctx)
    win.table.selectRow(2)
    chosen = win.table.current_id()
    actions = win.actions_
    assert win.details.task_id == chosen and actions.edit.isEnabled()
    win.filters.search.setText("không có nhiệm vụ nào như thế")
    qtbot.waitUntil(lambda: win.model.rowCount() == 0)
    # Nothing shown, nothing to edit.
    assert win.details.task_id is None
    assert not actions.edit.isEnabled() and not actions.done.isEnabled()
    win.filters.search.setText("")
    qtbot.waitUntil(lambda: win.model.rowCount() > 0)
    assert win.table.selected_ids() == [chosen]
    assert win.details.task_id == chosen
    assert actions.edit.isEnabled() and actions.done.isEnabled() and actions.delete.isEnabled()


def test_shown_task_stays_chosen_after_an_edit_and_undo(qtbot, ctx):
    win = open_window(qtbot, ctx)
    model = win.model
    row = next(r for r in range(model.rowCount()) if model.row_data(r).completed_on is None)
    win.table.selectRow(row)
    chosen = win.table.current_id()
    win.set_done()
    ctx.undo_stack.undo()
    assert win.table.selected_ids() == [chosen] and win.details.task_id == chosen
    assert win.actions_.edit.isEnabled() and win.actions_.done.isEnabled()


def test_chosen_task_is_shown_again_after_a_restart(qtbot, ctx, db, tmp_path):
    win = open_window(qtbot, ctx)
    win.table.selectRow(3)
    chosen = win.table.current_id()
    win.close()
    again = open_window(qtbot, make_ctx(db, tmp_path))
    assert again.table.current_id() == chosen
    assert again.details.task_id == chosen and again.actions_.edit.isEnabled()


def test_the_task_made_current_by_the_focus_is_selected_and_editable(qtbot, ctx):
    win = open_window(qtbot, ctx)
    win.table.clearSelection()
    # What focusing the table does: the first row current, without selecting it.
    flags = QItemSelectionModel.SelectionFlag.NoUpdate
    win.table.selectionModel().setCurrentIndex(win.model.index(0, 1), flags)
    assert win.details.task_id == win.model.task_id(0)
    assert win.table.selected_ids() == [win.model.task_id(0)]
    assert win.actions_.edit.isEnabled() and win.actions_.done.isEnabled()

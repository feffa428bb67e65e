"""Every dialog the main window's menus open really opens (and closes) from the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWizard
from ui_sample import make_ctx, seed

from app.db import ops
from app.demo import OFFICE
from app.ui.main.window import MainWindow

DIALOG_ACTIONS = {
    "report": "ReportDialog",
    "restore": "RestoreDialog",
    "urge": "UrgeDialog",
    "request": "RequestDialog",
    "collect": "CollectDialog",
    "departments": "DepartmentsDialog",
    "days_off": "CalendarDaysDialog",
    "audit": "AuditDialog",
    "settings": "SettingsDialog",
    "import_": "ImportWizard",
    "print_": "WeeklyPrintDialog",
}


@pytest.fixture
def window(qtbot, db, tmp_path):
    seed(db)
    ops.set_setting(db, "org", OFFICE)  # given: prints open without asking for it first
    win = MainWindow(make_ctx(db, tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _action_named(win: MainWindow, class_name: str):
    for name, opens in DIALOG_ACTIONS.items():
        if opens == class_name:
            return getattr(win.actions_, name)
    raise AssertionError(f"no action opens {class_name}")


@pytest.mark.parametrize("class_name", sorted(set(DIALOG_ACTIONS.values())))
def test_menu_opens_dialog(qtbot, window, class_name):
    seen: list[str] = []

    def close_modal() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(50, close_modal)
            return
        seen.append(type(widget).__name__)
        if isinstance(widget, QDialog | QWizard):
            widget.reject()
        else:
            widget.close()

    QTimer.singleShot(50, close_modal)
    _action_named(window, class_name).trigger()
    assert seen == [class_name]

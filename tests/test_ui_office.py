"""The office's identity is asked for before the first print or letter, once a session,
while it is incomplete; the demo comes filled in; the form shows blanks, never defaults."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from ui_sample import make_ctx, seed

from app.db import ops
from app.db.reads.settings import setting
from app.demo import OFFICE, load_demo
from app.exports.office import PLACEHOLDERS, Org
from app.ui.dialogs.office import OfficeDialog
from app.ui.main.window import MainWindow


@pytest.fixture
def win(qtbot, db, tmp_path):
    seed(db)
    window = MainWindow(make_ctx(db, tmp_path))
    qtbot.addWidget(window)
    window.show()
    return window


def answer_next_dialog(fill: dict[str, str] | None, seen: list[QDialog]) -> None:
    """Fill the next modal dialog's office form and save it (None: "Để sau"); any other
    dialog (the print dialog behind it) is closed."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        seen.append(dialog)
        if isinstance(dialog, OfficeDialog):
            if fill is None:
                dialog.reject()
            else:
                for key, value in fill.items():
                    dialog.form.edits[key].setText(value)
                dialog.accept()
            QTimer.singleShot(20, act)  # then the print dialog it stood before
        else:
            dialog.reject()

    QTimer.singleShot(0, act)


def test_first_print_asks_for_the_office_then_prints(qtbot, win, db):
    assert Org.from_setting(setting(db, "org")).missing  # a new database: nothing given
    seen: list[QDialog] = []
    answer_next_dialog(
        {
            "parent": "Đảng bộ tỉnh Ninh Thuận",
            "issuer": "Văn phòng Tỉnh ủy",
            "place": "Phan Rang",
            "signer_title": "Chánh Văn phòng",
            "signer_name": "Nguyễn Văn An",
        },
        seen,
    )
    win.actions_.print_.trigger()
    assert isinstance(seen[0], OfficeDialog) and len(seen) == 2  # then the print dialog
    org = Org.from_setting(setting(db, "org"))
    assert (
        org.complete and org.place == "Phan Rang" and org.parent_line == "ĐẢNG BỘ TỈNH NINH THUẬN"
    )
    assert org.date_line(date(2026, 3, 5)).startswith("Phan Rang, ngày")
    # Complete now: the next print goes straight to the print dialog.
    seen.clear()
    answer_next_dialog(None, seen)
    win.actions_.print_.trigger()
    assert len(seen) == 1 and not isinstance(seen[0], OfficeDialog)


def test_later_is_not_asked_again_this_session(qtbot, win, db):
    seen: list[QDialog] = []
    answer_next_dialog(None, seen)
    win.actions_.urge.trigger()
    assert isinstance(seen[0], OfficeDialog)
    assert Org.from_setting(setting(db, "org")).missing  # nothing was written
    seen.clear()
    answer_next_dialog(None, seen)
    win.actions_.print_.trigger()
    assert not any(isinstance(d, OfficeDialog) for d in seen)


def test_the_demo_comes_filled_in(qtbot, db, tmp_path):
    load_demo(db)
    window = MainWindow(make_ctx(db, tmp_path))
    qtbot.addWidget(window)
    assert Org.from_setting(setting(db, "org")).complete
    seen: list[QDialog] = []
    answer_next_dialog(None, seen)
    window.actions_.print_.trigger()
    assert seen and not any(isinstance(d, OfficeDialog) for d in seen)
    assert setting(db, "org")["place"] == OFFICE["place"]


def test_the_form_shows_blanks_and_keeps_what_it_does_not_edit(qtbot, db, tmp_path):
    ops.set_setting(db, "org", {"issuer": "Văn phòng", "signer_authority": "KT. CHÁNH VĂN PHÒNG"})
    dialog = OfficeDialog(make_ctx(db, tmp_path))
    qtbot.addWidget(dialog)
    preview = dialog.form.preview.text()
    assert PLACEHOLDERS["place"] in preview and PLACEHOLDERS["signer_name"] in preview
    assert "ĐẢNG BỘ TỈNH" not in preview  # never a made-up default
    dialog.form.state.setChecked(True)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in dialog.form.preview.text()
    dialog.form.edits["place"].setText("  Quảng   Ninh ")
    dialog.accept()
    stored = setting(db, "org")
    assert stored["place"] == "Quảng Ninh" and stored["motto"] == "state"
    assert stored["signer_authority"] == "KT. CHÁNH VĂN PHÒNG"

"""Settings dialog: shows stored values, validates, writes only what changed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import func, select

from app.db import ops
from app.db.models import AuditEntry
from app.db.reads.settings import setting
from app.ui.dialogs.settings import SettingsDialog, parse_warn_days
from app.ui.kit.context import AppContext


@pytest.fixture
def ctx(db, tmp_path, qapp):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return AppContext(db, today=lambda: date(2026, 3, 10), settings=settings)


def stored(db, key):
    return setting(db, key)


def audit_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(AuditEntry.id)))


@pytest.mark.parametrize(
    ("text", "days"),
    [("7, 3, 1", [7, 3, 1]), ("1 3 7 3", [7, 3, 1]), ("14;2", [14, 2]), ("", [])],
)
def test_warn_days_are_parsed_largest_first(text, days):
    assert parse_warn_days(text) == days


@pytest.mark.parametrize("text", ["7, ba", "400", "-1"])
def test_bad_warn_days_are_refused(text):
    with pytest.raises(ValueError):
        parse_warn_days(text)


def test_dialog_shows_the_stored_values(qtbot, ctx, db):
    ops.set_setting(db, "soon_days", 4)
    ops.set_setting(db, "org", {"issuer": "BAN TUYÊN GIÁO", "motto": "state"})
    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.soon_days.value() == 4
    office = dlg.office
    assert office.edits["issuer"].text() == "BAN TUYÊN GIÁO"
    assert office.edits["parent"].text() == ""  # missing keys fall back to defaults: none made up
    assert office.state.isChecked()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in office.preview.text()
    assert dlg.warn_days.text() == "7, 3, 1"


def test_saving_writes_only_the_changed_settings(qtbot, ctx, db):
    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    changes = []
    ctx.changed.connect(changes.append)
    before = audit_count(db)
    dlg.soon_days.setValue(10)
    dlg.warn_days.setText("10 5 2")
    assert dlg.term_auto.isChecked() and not dlg.term_from.isEnabled()  # from each plan
    dlg.term_auto.setChecked(False)
    dlg.term_from.setValue(2025)
    dlg.term_to.setValue(2030)
    dlg.office.edits["place"].setText("Quảng Ninh")
    dlg.office.edits["signer_name"].setText("Nguyễn Văn A")
    dlg.language.setCurrentIndex(dlg.language.findData("en"))
    dlg.accept()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert stored(db, "soon_days") == 10
    assert stored(db, "warn_days") == [10, 5, 2]
    assert stored(db, "term") == [2025, 2030]
    org = stored(db, "org")
    assert org["place"] == "Quảng Ninh" and org["signer_name"] == "Nguyễn Văn A"
    assert stored(db, "language") == "en" and ctx.qsettings.value("language") == "en"
    assert audit_count(db) - before == 5  # soon, warn, term, org, language; nothing else
    assert changes and all(c.settings for c in changes)


def test_invalid_values_keep_the_dialog_open(qtbot, ctx, db):
    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.term_auto.setChecked(False)
    dlg.term_from.setValue(2026)
    dlg.term_to.setValue(2020)
    dlg.accept()
    assert dlg.isVisible() and "nhiệm kỳ" in dlg.error.text()
    dlg.term_to.setValue(2031)
    dlg.warn_days.setText("một tuần")
    dlg.accept()
    assert dlg.isVisible() and "số" in dlg.error.text()
    assert stored(db, "term") is None  # still: the term of each plan's date


def test_defaults_button_resets_the_form(qtbot, ctx, db):
    ops.set_setting(db, "backup_keep", 3)
    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.backup_keep.value() == 3
    dlg.defaults_btn.click()
    assert dlg.backup_keep.value() == 20 and dlg.max_mb.value() == 50
    dlg.accept()
    assert stored(db, "backup_keep") == 20


def test_language_switches_live_when_the_window_can(qtbot, ctx, db):
    from PySide6.QtWidgets import QWidget

    class Window(QWidget):
        def __init__(self):
            super().__init__()
            self.switched = []

        def set_language(self, code):
            self.switched.append(code)

    win = Window()
    qtbot.addWidget(win)
    dlg = SettingsDialog(ctx, win)
    assert any("ngay khi lưu" in w.text() for w in dlg.findChildren(type(dlg.error)))
    dlg.language.setCurrentIndex(dlg.language.findData("en"))
    dlg.accept()
    qtbot.waitUntil(lambda: win.switched == ["en"], timeout=2000)
    assert stored(db, "language") == "en"


def test_ticking_dung_chung_puts_the_file_in_the_shared_journal_mode_now(qtbot, ctx, db):
    assert db.journal_mode() == "wal"
    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.shared.isVisibleTo(dlg) and not dlg.shared.isChecked()
    dlg.shared.setChecked(True)
    dlg.accept()
    assert stored(db, "shared_database") is True
    assert db.journal_mode() == "delete"  # applied at once, for this PC and the file
    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.shared.isChecked()

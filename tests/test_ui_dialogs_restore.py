"""Backup and restore dialog on a real SQLite file: list, back up now, restore."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import func, select

from app.db import ops
from app.db.files import backups
from app.db.models import Department
from app.ui.dialogs import restore as restore_dialog
from app.ui.dialogs.restore import RestoreDialog
from app.ui.kit.context import AppContext

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def ctx(db, tmp_path, qapp):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return AppContext(db, today=lambda: date(2026, 3, 10), settings=settings)


def departments(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(Department.id)))


def test_backup_now_lists_the_new_backup(qtbot, ctx, db, qtmodeltester):
    ops.create_department(db, "Văn phòng Tỉnh ủy")
    dlg = RestoreDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.model.rowCount() == 0
    assert not dlg.restore_btn.isEnabled()
    qtbot.mouseClick(dlg.backup_btn, LEFT)
    assert dlg.model.rowCount() == 1
    info = dlg.model.rows[0]
    assert info.reason == "manual" and info.tasks == 0 and info.path.exists()
    assert dlg.model.data(dlg.model.index(0, 1)) == "Sao lưu thủ công"
    assert dlg.restore_btn.isEnabled()
    qtmodeltester.check(dlg.model)


def test_restore_brings_back_the_old_data_and_keeps_a_safety_copy(
    qtbot, ctx, db, db_path, monkeypatch
):
    ops.create_department(db, "Văn phòng Tỉnh ủy")
    saved = backups.backup(db, reason="manual")
    ops.create_department(db, "Ban Dân vận Tỉnh ủy")
    assert departments(db) == 2
    ctx.undo_stack.push(_noop_command())
    changes = []
    ctx.changed.connect(changes.append)
    dlg = RestoreDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.table.selectRow(0)
    assert dlg.selected().path == saved
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: True)
    with qtbot.waitSignal(dlg.restored, timeout=10000) as sig:
        qtbot.mouseClick(dlg.restore_btn, LEFT)
    assert Path(sig.args[0]) == db_path.resolve()
    assert departments(db) == 1  # the same Database object reconnects to the restored file
    assert ctx.undo_stack.count() == 0
    assert changes and changes[-1].structure
    reasons = sorted(b.reason for b in dlg.model.rows)
    assert reasons == ["manual", "restore"]  # the safety backup is listed too
    assert "Đã khôi phục" in dlg.message.text()
    # Undo: the data as it was before the restore comes back from the safety copy.
    assert dlg.undo_btn.isVisibleTo(dlg) and dlg.safety is not None
    with qtbot.waitSignal(dlg.restored, timeout=10000):
        qtbot.mouseClick(dlg.undo_btn, LEFT)
    assert departments(db) == 2


def test_declined_restore_changes_nothing(qtbot, ctx, db, monkeypatch):
    ops.create_department(db, "Văn phòng Tỉnh ủy")
    backups.backup(db, reason="manual")
    ops.create_department(db, "Ban Dân vận Tỉnh ủy")
    dlg = RestoreDialog(ctx)
    qtbot.addWidget(dlg)
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: False)
    qtbot.mouseClick(dlg.restore_btn, LEFT)
    assert dlg.job is None and departments(db) == 2


def test_a_bad_file_is_refused_with_a_message(qtbot, ctx, db, tmp_path, monkeypatch):
    ops.create_department(db, "Văn phòng Tỉnh ủy")
    bad = tmp_path / "not-a-backup.db"
    bad.write_bytes(b"hello, not sqlite")
    shown = []
    monkeypatch.setattr(restore_dialog, "show_error", lambda w, ex, tb="": shown.append(ex))
    dlg = RestoreDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.restore_from(bad)
    with qtbot.waitSignal(dlg.job.finished, timeout=10000):
        pass
    assert shown and "không phải" in str(shown[0])
    assert departments(db) == 1


def _noop_command():
    from PySide6.QtGui import QUndoCommand

    return QUndoCommand("x")

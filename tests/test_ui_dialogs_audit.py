"""Audit log dialog: filters run in SQL, rows load lazily, export writes real files."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import update

from app.db import ops
from app.db.models import AuditEntry
from app.db.reads.audit import AuditFilter, audit_ids, count_audit
from app.ui.dialogs.audit import AuditDialog, changes
from app.ui.kit.context import AppContext


@pytest.fixture
def ctx(db, tmp_path, qapp):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return AppContext(db, today=lambda: date(2026, 3, 10), settings=settings)


@pytest.fixture
def logged(db):
    _, dept = ops.create_department(db, "Ban Tổ chức Tỉnh ủy")
    ops.update_department(db, dept, name="Ban Tổ chức Đảng ủy tỉnh", when=date(2025, 7, 1))
    ops.set_setting(db, "soon_days", 5)
    ops.add_alias(db, dept, "BTC")
    # Spread the entries over time and users, as a shared database would have them.
    with db.session() as s:
        ids = [e.id for e in s.query(AuditEntry).order_by(AuditEntry.id)]
        stamps = [datetime(2025, 1, 5, 9), datetime(2025, 7, 1, 10), datetime(2026, 2, 1, 8)]
        for entry_id, at in zip(ids, stamps, strict=False):
            s.execute(update(AuditEntry).where(AuditEntry.id == entry_id).values(at=at))
        s.execute(update(AuditEntry).where(AuditEntry.id == ids[-1]).values(user="nguyenvana"))
    return dept


def test_queries_filter_by_folded_text_user_action_and_dates(db, logged):
    assert count_audit(db, AuditFilter()) == 4
    assert count_audit(db, AuditFilter(text="dang uy TINH")) == 2  # accents, case ignored
    assert count_audit(db, AuditFilter(text="đổi cài đặt")) == 1
    assert count_audit(db, AuditFilter(user="nguyenvana")) == 1
    assert count_audit(db, AuditFilter(action="update")) == 1
    assert count_audit(db, AuditFilter(date_from=date(2025, 7, 1), date_to=date(2025, 7, 1))) == 1
    newest_first = audit_ids(db, AuditFilter())
    assert newest_first == sorted(newest_first, reverse=True)


def test_dialog_lists_filters_and_shows_old_and_new(qtbot, ctx, logged, qtmodeltester):
    dlg = AuditDialog(ctx)
    qtbot.addWidget(dlg)
    qtmodeltester.check(dlg.model)
    assert dlg.model.rowCount() == 4
    dlg.search.setText("ban to chuc")
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 3, timeout=2000)
    dlg.search.clear()
    dlg.action_box.setCurrentIndex(dlg.action_box.findData("update"))
    assert dlg.model.rowCount() == 1
    row = dlg.model.entry(0)
    assert ("name", "Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Đảng ủy tỉnh") in changes(row)
    assert "Ban Tổ chức Đảng ủy tỉnh" in dlg.detail.toPlainText()
    dlg.action_box.setCurrentIndex(0)
    dlg.user_box.setCurrentIndex(dlg.user_box.findData("nguyenvana"))
    assert dlg.model.rowCount() == 1
    dlg.user_box.setCurrentIndex(0)
    dlg.to_edit.setDate(date(2025, 6, 30))
    dlg.to_check.setChecked(True)
    assert dlg.model.rowCount() == 1
    qtmodeltester.check(dlg.model)


def test_dialog_refreshes_when_something_changes(qtbot, ctx, logged):
    dlg = AuditDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    ctx.apply(ops.set_setting, "backup_keep", 9)
    assert dlg.model.rowCount() == 5


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_writes_every_filtered_entry(qtbot, ctx, logged, tmp_path, suffix):
    dlg = AuditDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.search.setText("to chuc")
    dlg.refresh()
    out = tmp_path / f"log{suffix}"
    dlg.export_to(out)
    with qtbot.waitSignal(dlg.job.finished, timeout=10000):
        pass
    assert "3" in dlg.message.text()
    if suffix == ".csv":
        with open(out, encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
    else:
        from openpyxl import load_workbook

        rows = [list(r) for r in load_workbook(out).active.iter_rows(values_only=True)]
    assert rows[0][0] == "Thời gian" and len(rows) == 4
    assert any("Ban Tổ chức Đảng ủy tỉnh" in (cell or "") for r in rows for cell in r)

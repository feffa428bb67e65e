"""Evidence and reminders in the window: the detail pane lists a note's document and
files and opens one; the tray falls back without a system tray; the SMTP settings page
saves on this PC and its "Gửi thử" reaches a real local server off the UI thread."""

from __future__ import annotations

import socket
from datetime import timedelta
from pathlib import Path

from aiosmtpd.controller import Controller
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QDesktopServices
from test_ui_main import window  # noqa: F401 (the main window fixture)
from ui_sample import TASKS, TODAY, make_ctx

from app.db import ops
from app.db.reads.details import task_detail
from app.db.reads.filters import TaskFilter
from app.db.reads.tasks import task_ids
from app.exports.reminders import local
from app.ui.dialogs.mail import MailSettingsDialog


def _task_id(db, text: str) -> int:
    return next(
        i
        for i in task_ids(db, TaskFilter(today=TODAY))
        if task_detail(db, i, TODAY).row.text == text
    )


class _Opened(QObject):
    """Receives the file:// URLs QDesktopServices would hand to the system."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list = []

    @Slot("QUrl")
    def open(self, url) -> None:
        self.urls.append(url)


def test_detail_pane_records_a_note_with_evidence_lists_and_opens_it(qtbot, window, db, tmp_path):  # noqa: F811
    task = _task_id(db, TASKS[1][0])
    window.details.show_task(task)
    report = tmp_path / "Báo cáo 12-BC.pdf"
    report.write_bytes(b"%PDF-1.4 bao cao")
    d = window.details
    d.note_input.setText("Đã gửi báo cáo sơ kết")
    d.evidence_row.document.setText("Số 12-BC/BTCTU ngày 08/5/2023")
    d.evidence_row.set_files([str(report)])
    qtbot.mouseClick(d.note_button, Qt.MouseButton.LeftButton)
    shown = d.progress.text()
    assert "Đã gửi báo cáo sơ kết" in shown
    assert "Số 12-BC/BTCTU ngày 08/5/2023" in shown
    assert "Báo cáo 12-BC.pdf" in shown and "href='evidence:" in shown
    assert d.evidence_row.values() == ("", [])  # cleared for the next note
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        link = shown.split("href='", 1)[1].split("'", 1)[0]
        d.progress.linkActivated.emit(link)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    (url,) = opened.urls
    copy = Path(url.toLocalFile())
    assert copy.name == "Báo cáo 12-BC.pdf" and copy.read_bytes() == b"%PDF-1.4 bao cao"
    window.ctx.undo_stack.undo()
    assert "Báo cáo 12-BC.pdf" not in d.progress.text()
    window.ctx.undo_stack.redo()  # the file is copied again from where it was picked
    assert "Báo cáo 12-BC.pdf" in d.progress.text()


def test_tray_reminds_once_per_day_or_falls_back_without_a_tray(qtbot, window, db):  # noqa: F811
    tray = window.reminders
    today = TODAY
    pending = tray.pending(today)
    warn = {7, 3, 1, 0}
    assert all((r.task.due - today).days in warn for r in pending)
    shown = tray.check()
    if not tray.available:  # offscreen: no tray; nothing shown, nothing marked
        assert shown == [] and local.shown_today(today) == set()
        assert tray.pending(today) == pending
    else:
        assert shown == pending and tray.pending(today) == []
    ops.set_setting(db, "warn_days", [2])
    assert all((r.task.due - today).days in {2, 0} for r in tray.pending(today))
    assert tray.pending(today + timedelta(days=400)) == []


class _Inbox:
    def __init__(self) -> None:
        self.rcpts: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.rcpts += envelope.rcpt_tos
        return "250 OK"


def test_smtp_settings_page_saves_on_this_pc_and_sends_a_test(qtbot, db, tmp_path):
    ctx = make_ctx(db, tmp_path)
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        dlg = MailSettingsDialog(ctx)
        qtbot.addWidget(dlg)
        dlg.host.setText("127.0.0.1")
        dlg.security.setCurrentIndex(2)  # none
        dlg.port.setValue(port)
        dlg.sender_edit.setText("vanphong@tinh.gov.vn")
        dlg.test_to.setText("kiemtra@tinh.gov.vn")
        qtbot.mouseClick(dlg.test_button, Qt.MouseButton.LeftButton)
        assert "Đang gửi" in dlg.outcome.text()  # the window stays responsive meanwhile
        qtbot.waitUntil(lambda: "Đã gửi thư thử" in dlg.outcome.text(), timeout=15000)
        assert inbox.rcpts == ["kiemtra@tinh.gov.vn"]
        dlg.port.setValue(1)  # nothing listens there
        qtbot.mouseClick(dlg.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Không gửi được" in dlg.outcome.text(), timeout=15000)
        assert "Không kết nối được máy chủ thư 127.0.0.1:1" in dlg.outcome.text()
        dlg.port.setValue(port)
        dlg.password.setText("bí mật")
        dlg.accept()
    finally:
        server.stop()
    saved = local.load_smtp()
    assert (saved.host, saved.port, saved.security, saved.password) == (
        "127.0.0.1",
        port,
        "none",
        "bí mật",
    )
    with db.read() as s:  # never in the shared database
        from sqlalchemy import select

        from app.db.models import Setting

        assert not any("bí mật" in str(v) for v in s.scalars(select(Setting.value)))


def test_a_units_reminder_address_is_edited_in_the_units_dialog_and_undone(qtbot, db, tmp_path):
    from test_ui_departments import open_dialog, select

    from app.db.reads.reminders import department_emails

    dept = ops.create_department(db, "Sở Nội vụ").id
    ctx = make_ctx(db, tmp_path)
    dlg = open_dialog(qtbot, ctx)
    select(dlg, dept)
    assert dlg.email_edit.text() == ""
    dlg.email_edit.setText("sonoivu at tinh")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    assert "không hợp lệ" in dlg.form_error.text()
    assert department_emails(db)[dept] == ""
    dlg.email_edit.setText("sonoivu@tinh.gov.vn")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    assert department_emails(db)[dept] == "sonoivu@tinh.gov.vn"
    ctx.undo_stack.undo()
    assert department_emails(db)[dept] == ""


def test_specialist_addresses_are_saved_from_the_mail_page_and_undone(qtbot, db, tmp_path):
    from app.db.reads.reminders import specialist_emails

    ctx = make_ctx(db, tmp_path)
    unit = ops.create_department(db, "Ban Dân vận Tỉnh ủy").id
    ops.set_unit_specialist(db, unit, "Phạm Thu Hà")
    dlg = MailSettingsDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.people.rowCount() == 1 and dlg.people.item(0, 0).text() == "Phạm Thu Hà"
    dlg.people.item(0, 1).setText("ha at tinh")
    dlg.accept()
    assert dlg.isVisible() or dlg.result() != dlg.DialogCode.Accepted
    assert "Phạm Thu Hà" in dlg.outcome.text() and "không hợp lệ" in dlg.outcome.text()
    assert specialist_emails(db) == {}  # nothing saved
    dlg.people.item(0, 1).setText("ha@tinh.gov.vn")
    dlg.accept()
    assert specialist_emails(db) == {"Phạm Thu Hà": "ha@tinh.gov.vn"}
    ctx.undo_stack.undo()
    assert specialist_emails(db) == {}

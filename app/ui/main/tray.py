"""Reminders while the window runs: a tray notification at the warning days, once per
task and day, and the daily e-mail digest when this PC is set to send it.

What was shown is remembered on this PC (app/exports/reminders/local.py), not in the
shared database: each PC's user is told once. Without a system tray (offscreen, some
Linux desktops) nothing is shown and nothing is marked: the start-up banner still lists
the tasks. The digest is sent off the UI thread; a failure is logged and said in the
status bar, never in the way of offline work.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle, QSystemTrayIcon

from app.db.reads.reminders import Reminder, due_reminders
from app.errors import DonDocError
from app.exports.reminders import local
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.logs import show_error
from app.ui.kit.worker import Job, run_job

log = logging.getLogger(__name__)
CHECK_MS = 30 * 60_000  # a new day or new tasks are noticed within half an hour


def reminder_text(items: list[Reminder], limit: int = 5) -> str:
    lines = []
    for rem in items[:limit]:
        when = tr("hạn hôm nay") if rem.days_left == 0 else tr("còn {n} ngày", n=rem.days_left)
        text = rem.task.text if len(rem.task.text) <= 70 else rem.task.text[:69] + "…"
        lines.append(f"• {text} ({when})")
    if len(items) > limit:
        lines.append(tr("… và {n} nhiệm vụ khác", n=len(items) - limit))
    return "\n".join(lines)


class ReminderTray(QObject):
    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.icon: QSystemTrayIcon | None = None
        self.last_shown: list[Reminder] = []
        self.digest_job: Job | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(
                window.windowIcon()
                if not window.windowIcon().isNull()
                else window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
                self,
            )
            self.icon.setToolTip("Đôn Đốc")
            self.icon.messageClicked.connect(self._raise)
            self.icon.activated.connect(lambda _reason: self._raise())
            self.icon.show()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(5_000, self.check)  # after the window and its banner appeared

    @property
    def available(self) -> bool:
        return self.icon is not None

    def pending(self, today: date) -> list[Reminder]:
        """Reminders due today that this PC has not shown yet."""
        shown = local.shown_today(today)
        return [r for r in due_reminders(self.ctx.db, today) if r.task.id not in shown]

    def check(self) -> list[Reminder]:
        today = self.ctx.today()
        try:
            items = self.pending(today)
        except Exception:  # a database gone away must not break the running window
            log.exception("reminders could not be read")
            return []
        if items and self.icon is not None:
            self.icon.showMessage(
                tr("Nhắc việc: {n} nhiệm vụ đến ngày nhắc", n=len(items)),
                reminder_text(items),
                QSystemTrayIcon.MessageIcon.Information,
                15_000,
            )
            local.mark_shown(today, {r.task.id for r in items})
            self.last_shown = items
        self.send_digest_if_due(today)
        return items if self.icon is not None else []

    def send_digest_if_due(self, today: date, *, force: bool = False) -> None:
        """The daily digest, when this PC is set to send it and has not sent it today."""
        cfg = local.load_smtp()
        if not force and (not cfg.enabled or local.digest_sent_on() == today.isoformat()):
            return
        if not cfg.ready:
            if force:
                self._say(tr("Chưa cài đặt máy chủ thư: vào Đôn đốc › Thư nhắc việc…"))
            return
        if self.digest_job is not None:
            return
        from app.exports.reminders.mail import send_digest  # e-mail code: when sending

        db = self.ctx.db

        def work(_progress):
            return send_digest(db, cfg, today)

        def done(result) -> None:
            self.digest_job = None
            local.mark_digest_sent(today)
            self._say(
                tr("Đã gửi thư nhắc việc tới {n} địa chỉ.", n=len(result.sent))
                if result.ok
                else tr("Không gửi được thư nhắc việc tới: {a}", a=", ".join(result.failed))
            )

        def failed(error: BaseException, _trace: str) -> None:
            self.digest_job = None
            log.warning("reminder digest not sent: %s", error)
            self._say(tr("Không gửi được thư nhắc việc: {e}", e=str(error)))
            if force and isinstance(error, DonDocError):
                show_error(self.window, error)

        self.digest_job = run_job(
            self.window, tr("Gửi thư nhắc việc"), work, done, failed, show_dialog=False
        )

    def _say(self, text: str) -> None:
        bar = self.window.statusBar()
        if bar is not None:
            bar.showMessage(text, 15_000)

    def _raise(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        QApplication.alert(self.window)

"""Settings of the reminder e-mail ("Thư nhắc việc"): the office's SMTP server.

Kept on this PC only (with the password: app/exports/reminders/local.py), never in the
shared database. "Gửi thử" sends one message off the UI thread and says plainly what
failed; "Gửi ngay" sends today's digest. Neither is needed to work offline.

The specialists' addresses are the exception: they belong to the database (every PC mails
the same people) and are saved as one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.contacts import email_problem
from app.db.reads.follow_up import specialists
from app.db.reads.reminders import specialist_emails
from app.db.store import Database
from app.exports.reminders import local
from app.exports.reminders.local import SmtpConfig
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.undo import OpCommand
from app.ui.kit.worker import Job, run_job

_SECURITY = (
    ("starttls", "STARTTLS (cổng 587)"),
    ("tls", "TLS/SSL (cổng 465)"),
    ("none", "Không mã hóa (máy chủ nội bộ, cổng 25)"),
)
_PORTS = {"starttls": 587, "tls": 465, "none": 25}


class MailSettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.setWindowTitle(tr("Thư nhắc việc"))
        cfg = local.load_smtp()
        self.host = QLineEdit(cfg.host, self)
        self.host.setPlaceholderText("mail.tinh.gov.vn")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(cfg.port)
        self.security = QComboBox(self)
        for key, label in _SECURITY:
            self.security.addItem(tr(label), key)
        self.security.setCurrentIndex(max(0, [k for k, _ in _SECURITY].index(cfg.security)))
        self.security.currentIndexChanged.connect(self._security_changed)
        self.account = QLineEdit(cfg.account, self)
        self.password = QLineEdit(cfg.password, self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sender_edit = QLineEdit(cfg.sender, self)
        self.sender_edit.setPlaceholderText(tr("(như tài khoản)"))
        self.enabled = QCheckBox(tr("Mỗi ngày tự gửi thư nhắc việc tới các đơn vị"), self)
        self.enabled.setChecked(cfg.enabled)
        self.test_to = QLineEdit(self)
        self.test_to.setPlaceholderText(tr("(địa chỉ gửi)"))
        self.test_button = QPushButton(tr("Gửi thử"), self)
        self.test_button.clicked.connect(self.send_test)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.people = self._people_table()
        form = QFormLayout()
        form.addRow(tr("Máy chủ thư (SMTP):"), self.host)
        form.addRow(tr("Cổng:"), self.port)
        form.addRow(tr("Bảo mật:"), self.security)
        form.addRow(tr("Tài khoản:"), self.account)
        form.addRow(tr("Mật khẩu:"), self.password)
        form.addRow(tr("Địa chỉ gửi:"), self.sender_edit)
        form.addRow(self.enabled)
        test = QHBoxLayout()
        test.addWidget(self.test_to, 1)
        test.addWidget(self.test_button)
        form.addRow(tr("Gửi thử tới:"), test)
        note = QLabel(
            tr(
                "Các cài đặt này (cả mật khẩu) chỉ lưu trên máy này, không lưu vào cơ sở dữ liệu "
                "dùng chung. Nhiệm vụ có chuyên viên theo dõi có địa chỉ thư được gửi tới chuyên "
                "viên đó; các nhiệm vụ khác tới địa chỉ thư của từng đơn vị."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(QLabel(tr("Địa chỉ thư của chuyên viên theo dõi:"), self))
        v.addWidget(self.people, 1)
        v.addWidget(self.outcome)
        v.addWidget(note)
        v.addWidget(buttons)

    def _security_changed(self) -> None:
        if self.port.value() in _PORTS.values():
            self.port.setValue(_PORTS[self.security.currentData()])

    def config(self) -> SmtpConfig:
        return SmtpConfig(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=self.security.currentData(),
            account=self.account.text().strip(),
            password=self.password.text(),
            sender=self.sender_edit.text().strip(),
            enabled=self.enabled.isChecked(),
        )

    def send_test(self) -> None:
        """Send one message off the UI thread; the result is said under the form."""
        from app.exports.reminders.mail import send_test  # e-mail code: when sending

        cfg = self.config()
        to = self.test_to.text().strip() or cfg.from_address
        self.test_button.setEnabled(False)
        self.outcome.setStyleSheet("")
        self.outcome.setText(tr("Đang gửi thư thử…"))

        def ok(_result) -> None:
            self.test_button.setEnabled(True)
            self.outcome.setStyleSheet("color: #1e7e34")
            self.outcome.setText(tr("Đã gửi thư thử tới {a}.", a=to))

        def failed(error: BaseException, _trace: str) -> None:
            self.test_button.setEnabled(True)
            self.outcome.setStyleSheet("color: #c62828")
            self.outcome.setText(tr("Không gửi được: {e}", e=str(error)))

        self.job = run_job(
            self, tr("Gửi thử"), lambda _p: send_test(cfg, to), ok, failed, show_dialog=False
        )

    def _people_table(self) -> QTableWidget:
        names = specialists(self.ctx.db)
        self._old_people = specialist_emails(self.ctx.db)
        table = QTableWidget(len(names), 2, self)
        table.setHorizontalHeaderLabels([tr("Chuyên viên"), tr("Địa chỉ thư")])
        table.verticalHeader().hide()
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for row, name in enumerate(names):
            who = QTableWidgetItem(name)
            who.setFlags(who.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, 0, who)
            table.setItem(row, 1, QTableWidgetItem(self._old_people.get(name, "")))
        table.setMaximumHeight(160)
        table.setToolTip(
            tr("Chuyên viên được đặt ở đơn vị (Danh mục đơn vị) hoặc ở từng nhiệm vụ.")
            if names
            else tr("Chưa có chuyên viên theo dõi nào: đặt ở đơn vị hoặc ở từng nhiệm vụ.")
        )
        return table

    def people_changes(self) -> list[tuple[str, str, str]]:
        """(name, old address, new address) for each specialist whose address changed."""
        out = []
        for row in range(self.people.rowCount()):
            name_item, mail_item = self.people.item(row, 0), self.people.item(row, 1)
            if name_item is None:
                continue
            new = (mail_item.text() if mail_item else "").strip()
            old = self._old_people.get(name_item.text(), "")
            if new != old:
                out.append((name_item.text(), old, new))
        return out

    def accept(self) -> None:
        changes = self.people_changes()
        for name, _old, new in changes:
            problem = email_problem(new)
            if problem:
                self.outcome.setStyleSheet("color: #c62828")
                self.outcome.setText(f"{name}: {tr(problem)}")
                return
        local.save_smtp(self.config())
        if changes:
            from app.db import ops  # loads app.db.ops: only when something is saved

            def put(db: Database, pick: Callable[[str, str], str]) -> object:
                done: object = None
                for name, old, new in changes:
                    done = ops.set_specialist_email(db, name, pick(old, new))
                return done  # a Change: the views refresh

            self.ctx.push(
                OpCommand(
                    self.ctx,
                    tr("Địa chỉ thư của {n} chuyên viên", n=len(changes)),
                    lambda db: put(db, lambda _o, n: n),
                    lambda db: put(db, lambda o, _n: o),
                    self,
                )
            )
        super().accept()

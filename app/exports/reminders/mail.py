"""The reminder digest by e-mail through the office's SMTP server.

One message per recipient (a unit, later its named specialist): the tasks reaching a
warning day and the overdue ones, in plain Vietnamese text, UTF-8 throughout (the
subject is RFC 2047-encoded by the email package). Nothing here is needed to work
offline: without a configured server the digest is simply not sent. Failures become a
DonDocError that says what went wrong and what to check.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from app.db import ops
from app.db.reads.reminders import Recipient, Reminder, due_reminders, recipients
from app.db.store import Database
from app.errors import DonDocError
from app.exports.reminders.local import SmtpConfig

TIMEOUT = 20  # seconds: an office server that does not answer is reported, not waited on


class MailError(DonDocError):
    exit_code = 5


@dataclass(slots=True)
class DigestResult:
    sent: dict[str, list[int]] = field(default_factory=dict)  # address -> task ids
    failed: dict[str, str] = field(default_factory=dict)  # address -> why
    without_address: int = 0  # reminders no recipient has an address for

    @property
    def ok(self) -> bool:
        return not self.failed


def _line(rem: Reminder) -> str:
    t = rem.task
    due = t.due.strftime("%d/%m/%Y") if t.due else ""
    if rem.days_left < 0:
        when = f"quá hạn {-rem.days_left} ngày (hạn {due})"
    elif rem.days_left == 0:
        when = f"hạn hôm nay ({due})"
    else:
        when = f"còn {rem.days_left} ngày (hạn {due})"
    plan = f" [{t.plan_number}]" if t.plan_number else ""
    return f"- {t.text}{plan}\n  {when}"


def digest_message(rec: Recipient, today: date, sender: str, office: str = "") -> EmailMessage:
    late = [r for r in rec.reminders if r.days_left < 0]
    soon = [r for r in rec.reminders if r.days_left >= 0]
    msg = EmailMessage()
    msg["Subject"] = f"Nhắc việc ngày {today:%d/%m/%Y}: {len(soon)} nhiệm vụ sắp đến hạn" + (
        f", {len(late)} nhiệm vụ quá hạn" if late else ""
    )
    msg["From"] = formataddr((office or "Đôn Đốc", sender))
    msg["To"] = formataddr((rec.name, rec.address))
    msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1] or None)
    body = [f"Kính gửi: {rec.name}", ""]
    if soon:
        body += ["Các nhiệm vụ sắp đến hạn:", *(_line(r) for r in soon), ""]
    if late:
        body += ["Các nhiệm vụ đã quá hạn:", *(_line(r) for r in late), ""]
    body += [
        "Đề nghị đơn vị khẩn trương thực hiện và báo cáo kết quả.",
        "",
        f"(Thư tự động từ Đôn Đốc{' – ' + office if office else ''}; không trả lời thư này.)",
    ]
    msg.set_content("\n".join(body), charset="utf-8")
    return msg


def _connect(cfg: SmtpConfig) -> smtplib.SMTP:
    context = ssl.create_default_context()
    try:
        if cfg.security == "tls":
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                cfg.host, cfg.port, timeout=TIMEOUT, context=context
            )
        else:
            server = smtplib.SMTP(cfg.host, cfg.port, timeout=TIMEOUT)
            if cfg.security == "starttls":
                server.starttls(context=context)
        if cfg.account:
            server.login(cfg.account, cfg.password)
    except UnicodeEncodeError as ex:  # smtplib sends AUTH in ASCII only
        raise MailError(
            "Tên tài khoản hoặc mật khẩu thư có ký tự có dấu, máy chủ thư không nhận; hãy dùng "
            "mật khẩu không dấu."
        ) from ex
    except smtplib.SMTPAuthenticationError as ex:
        raise MailError(
            f"Máy chủ thư {cfg.host} từ chối tài khoản «{cfg.account}» (sai tên hoặc mật khẩu)."
        ) from ex
    except smtplib.SMTPNotSupportedError as ex:
        raise MailError(
            f"Máy chủ thư {cfg.host}:{cfg.port} không hỗ trợ STARTTLS; hãy chọn kiểu bảo mật "
            "khác (TLS cổng 465, hoặc không mã hóa nếu máy chủ ở trong mạng nội bộ)."
        ) from ex
    except (ssl.SSLError, smtplib.SMTPException) as ex:
        raise MailError(f"Không kết nối an toàn được với máy chủ thư {cfg.host}: {ex}.") from ex
    except TimeoutError as ex:
        raise MailError(
            f"Máy chủ thư {cfg.host}:{cfg.port} không trả lời sau {TIMEOUT} giây; hãy kiểm "
            "tra địa chỉ, cổng và kết nối mạng."
        ) from ex
    except OSError as ex:
        raise MailError(
            f"Không kết nối được máy chủ thư {cfg.host}:{cfg.port} "
            f"({ex.strerror or ex}); hãy kiểm tra địa chỉ, cổng và kết nối mạng."
        ) from ex
    return server


def _check(cfg: SmtpConfig) -> None:
    if not cfg.ready:
        raise MailError(
            "Chưa cài đặt máy chủ thư (địa chỉ máy chủ và địa chỉ gửi); vào Cài đặt › Thư nhắc "
            "việc."
        )


def send_test(cfg: SmtpConfig, to: str) -> None:
    """ "Gửi thử": one short message, so the settings can be checked at once."""
    _check(cfg)
    msg = EmailMessage()
    msg["Subject"] = "Đôn Đốc – thư thử nghiệm"
    msg["From"] = cfg.from_address
    msg["To"] = to or cfg.from_address
    msg.set_content(
        "Máy chủ thư đã được cài đặt đúng: Đôn Đốc gửi được thư nhắc việc.", charset="utf-8"
    )
    with _connect(cfg) as server:
        try:
            server.send_message(msg)
        except smtplib.SMTPException as ex:
            raise MailError(f"Máy chủ thư không nhận thư gửi tới {msg['To']}: {ex}.") from ex


def send_digest(
    db: Database,
    cfg: SmtpConfig,
    today: date,
    *,
    office: str = "",
    progress: Callable[[int, int], object] | None = None,
    find: Callable[[Database, Sequence[Reminder]], list[Recipient]] = recipients,
) -> DigestResult:
    """Send each recipient its tasks; the audit log records who got what."""
    _check(cfg)
    reminders = due_reminders(db, today, overdue=True)
    people = find(db, reminders)
    result = DigestResult()
    covered = {r.task.id for p in people for r in p.reminders}
    result.without_address = len({r.task.id for r in reminders} - covered)
    if not people:
        return result
    with _connect(cfg) as server:
        for i, rec in enumerate(people):
            if progress is not None:
                progress(i, len(people))
            msg = digest_message(rec, today, cfg.from_address, office)
            try:
                server.send_message(msg)
                result.sent[rec.address] = [r.task.id for r in rec.reminders]
            except smtplib.SMTPException as ex:
                result.failed[rec.address] = str(ex)
    ops.record_digest(db, result.sent, sorted(result.failed))
    return result

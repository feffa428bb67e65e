"""Reminders: the tasks at a warning day, who is told, and the digest through a real
local SMTP server (aiosmtpd) started here; the per-PC memory of what was shown."""

from __future__ import annotations

import email
import socket
from datetime import date, timedelta
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlalchemy import select

from app.cli import main as cli_main
from app.db import ops
from app.db.models import AuditEntry
from app.db.reads.departments import all_departments
from app.db.reads.reminders import due_reminders, recipients, specialist_emails
from app.errors import ValidationError
from app.exports.reminders import local
from app.exports.reminders.local import SmtpConfig
from app.exports.reminders.mail import MailError, send_digest, send_test

TODAY = date(2026, 12, 7)
both = pytest.mark.backends("sqlite", "postgres")


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.Message]] = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"


def _auth(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"vanphong" and auth_data.password == b"Matkhau@2026"
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp_server():
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_auth,
        auth_require_tls=False,
    )
    controller.start()
    yield inbox, port
    controller.stop()


def _cfg(port: int, password: str = "Matkhau@2026") -> SmtpConfig:
    return SmtpConfig(
        host="127.0.0.1",
        port=port,
        security="none",
        account="vanphong",
        password=password,
        sender="vanphong@tinh.gov.vn",
    )


def _seed(db) -> dict[str, int]:
    btc = ops.create_department(db, "Ban Tổ chức Tỉnh ủy").id
    stc = ops.create_department(db, "Sở Tài chính").id
    ops.set_department_email(db, btc, "btc@tinh.gov.vn")
    ids = {}
    for name, days, lead, coord in (
        ("Sơ kết 01 năm thực hiện Nghị quyết", 7, btc, []),
        ("Rà soát, bổ sung quy chế làm việc", 3, btc, [stc]),
        ("Báo cáo quyết toán ngân sách", 1, stc, [btc]),
        ("Kiểm tra công tác cán bộ", 5, btc, []),  # not a warning day
        ("Tổng kết công tác tuyển dụng", -4, btc, []),  # overdue
    ):
        ids[name] = ops.create_task(
            db,
            ops.TaskInput(
                text=name,
                lead_id=lead,
                coordinator_ids=tuple(coord),
                due_override=TODAY + timedelta(days=days),
            ),
        ).id
    return ids


@both
def test_warning_days_pick_the_tasks_and_units_with_an_address_get_them(db):
    ids = _seed(db)
    rems = due_reminders(db, TODAY)
    assert [(r.days_left, r.task.id) for r in rems] == [
        (1, ids["Báo cáo quyết toán ngân sách"]),
        (3, ids["Rà soát, bổ sung quy chế làm việc"]),
        (7, ids["Sơ kết 01 năm thực hiện Nghị quyết"]),
    ]
    (rec,) = recipients(db, due_reminders(db, TODAY, overdue=True))  # Sở Tài chính: no address
    assert rec.address == "btc@tinh.gov.vn" and rec.name == "Ban Tổ chức Tỉnh ủy"
    assert {r.task.id for r in rec.reminders} == {
        ids["Báo cáo quyết toán ngân sách"],  # coordinating
        ids["Rà soát, bổ sung quy chế làm việc"],
        ids["Sơ kết 01 năm thực hiện Nghị quyết"],
        ids["Tổng kết công tác tuyển dụng"],
    }
    ops.set_setting(db, "warn_days", [5])
    assert [r.task.id for r in due_reminders(db, TODAY)] == [ids["Kiểm tra công tác cán bộ"]]


def test_a_bad_address_is_refused(db):
    dept = ops.create_department(db, "Văn phòng").id
    with pytest.raises(ValidationError, match="không hợp lệ"):
        ops.set_department_email(db, dept, "vanphong at tinh")


@both
def test_the_digest_arrives_with_the_right_tasks_in_vietnamese(db, smtp_server):
    inbox, port = smtp_server
    ids = _seed(db)
    result = send_digest(db, _cfg(port), TODAY, office="Văn phòng Tỉnh ủy")
    assert result.ok and list(result.sent) == ["btc@tinh.gov.vn"]
    assert result.without_address == 0
    ((rcpts, msg),) = inbox.messages
    assert rcpts == ["btc@tinh.gov.vn"]
    subject = str(make_header(decode_header(msg["Subject"])))
    assert subject == "Nhắc việc ngày 07/12/2026: 3 nhiệm vụ sắp đến hạn, 1 nhiệm vụ quá hạn"
    assert msg["Subject"].startswith("=?utf-8?")  # encoded on the wire, not raw 8-bit
    body = msg.get_payload(decode=True).decode(msg.get_content_charset())
    assert "Kính gửi: Ban Tổ chức Tỉnh ủy" in body
    for name, when in (
        ("Sơ kết 01 năm thực hiện Nghị quyết", "còn 7 ngày (hạn 14/12/2026)"),
        ("Rà soát, bổ sung quy chế làm việc", "còn 3 ngày (hạn 10/12/2026)"),
        ("Báo cáo quyết toán ngân sách", "còn 1 ngày (hạn 08/12/2026)"),
        ("Tổng kết công tác tuyển dụng", "quá hạn 4 ngày (hạn 03/12/2026)"),
    ):
        assert f"- {name}\n  {when}" in body
    assert "Kiểm tra công tác cán bộ" not in body
    assert str(make_header(decode_header(msg["From"]))).startswith("Văn phòng Tỉnh ủy")
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "remind")).one()
    assert set(entry.new["sent"]["btc@tinh.gov.vn"]) == set(ids.values()) - {
        ids["Kiểm tra công tác cán bộ"]
    }


def test_wrong_password_and_no_server_give_clear_messages(db, smtp_server):
    _inbox, port = smtp_server
    with pytest.raises(MailError, match="từ chối tài khoản «vanphong»"):
        send_test(_cfg(port, "sai"), "a@b.vn")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    with pytest.raises(MailError, match=rf"Không kết nối được máy chủ thư 127.0.0.1:{closed}"):
        send_test(_cfg(closed), "a@b.vn")
    with pytest.raises(MailError, match="Chưa cài đặt máy chủ thư"):
        send_digest(db, SmtpConfig(), TODAY)


def test_send_test_arrives(smtp_server):
    inbox, port = smtp_server
    send_test(_cfg(port), "kiemtra@tinh.gov.vn")
    ((rcpts, msg),) = inbox.messages
    assert rcpts == ["kiemtra@tinh.gov.vn"]
    assert str(make_header(decode_header(msg["Subject"]))) == "Đôn Đốc – thư thử nghiệm"


def test_smtp_settings_and_shown_reminders_stay_on_this_pc(tmp_path):
    cfg = _cfg(2525)
    local.save_smtp(cfg, tmp_path)
    assert local.load_smtp(tmp_path) == cfg
    path = tmp_path / local.FILE_NAME
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert local.shown_today(TODAY, tmp_path) == set()
    local.mark_shown(TODAY, {3, 1}, tmp_path)
    local.mark_shown(TODAY, {2}, tmp_path)
    assert local.shown_today(TODAY, tmp_path) == {1, 2, 3}
    assert local.shown_today(TODAY + timedelta(days=1), tmp_path) == set()  # a new day
    assert local.load_smtp(tmp_path) == cfg  # kept beside the shown list


def test_cli_remind_email_sends_now(db_path, smtp_server, tmp_path, monkeypatch, capsys):
    from app.db.store import Database

    inbox, port = smtp_server
    monkeypatch.setenv("DONDOC_DATA_DIR", str(tmp_path / "pc"))
    db = Database.open(db_path)
    try:
        _seed(db)
    finally:
        db.close()
    local.save_smtp(_cfg(port))
    code = cli_main(["--db", str(db_path), "remind", "--email", "--date", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "btc@tinh.gov.vn" in out and len(inbox.messages) == 1
    code = cli_main(["--db", str(db_path), "remind", "--date", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert "còn 3 ngày" in out and "Rà soát, bổ sung quy chế làm việc" in out


@both
def test_a_specialist_with_an_address_gets_their_tasks_instead_of_the_unit(db, smtp_server):
    inbox, port = smtp_server
    ids = _seed(db)
    btc = next(d.id for d in all_departments(db) if d.name == "Ban Tổ chức Tỉnh ủy")
    ops.set_unit_specialist(db, btc, "Nguyễn Thị Hoa")  # follows the unit's tasks
    ops.update_task(db, ids["Báo cáo quyết toán ngân sách"], specialist="Trần Văn Bình")
    ops.set_specialist_email(db, "Nguyễn Thị Hoa", "hoa@tinh.gov.vn")
    rems = due_reminders(db, TODAY, overdue=True)
    by_address = {r.address: r for r in recipients(db, rems)}
    # Bình has no address: his task still goes to the unit (BTC coordinates it)
    assert set(by_address) == {"hoa@tinh.gov.vn", "btc@tinh.gov.vn"}
    assert by_address["hoa@tinh.gov.vn"].name == "Nguyễn Thị Hoa"
    assert {r.task.id for r in by_address["hoa@tinh.gov.vn"].reminders} == {
        ids["Rà soát, bổ sung quy chế làm việc"],
        ids["Sơ kết 01 năm thực hiện Nghị quyết"],
        ids["Tổng kết công tác tuyển dụng"],
    }
    assert [r.task.id for r in by_address["btc@tinh.gov.vn"].reminders] == [
        ids["Báo cáo quyết toán ngân sách"]
    ]
    result = send_digest(db, _cfg(port), TODAY)
    assert result.ok and sorted(result.sent) == ["btc@tinh.gov.vn", "hoa@tinh.gov.vn"]
    body = {
        rcpts[0]: m.get_payload(decode=True).decode(m.get_content_charset())
        for rcpts, m in inbox.messages
    }
    assert "Kính gửi: Nguyễn Thị Hoa" in body["hoa@tinh.gov.vn"]
    assert "Báo cáo quyết toán ngân sách" not in body["hoa@tinh.gov.vn"]
    # removing the address sends everything to the units again
    ops.set_specialist_email(db, "Nguyễn Thị Hoa", "")
    assert [r.address for r in recipients(db, rems)] == ["btc@tinh.gov.vn"]
    with pytest.raises(ValidationError, match="không hợp lệ"):
        ops.set_specialist_email(db, "Nguyễn Thị Hoa", "hoa at tinh")


def test_cli_specialist_email(db_path, capsys):
    from app.db.store import Database

    db = Database.open(db_path)
    ops.create_department(db, "Văn phòng")
    db.close()
    assert (
        cli_main(["--db", str(db_path), "specialist", "Lê Văn An", "--email", "an@tinh.gov.vn"])
        == 0
    )
    assert "an@tinh.gov.vn" in capsys.readouterr().out
    db = Database.open(db_path)
    assert specialist_emails(db) == {"Lê Văn An": "an@tinh.gov.vn"}
    db.close()
    assert cli_main(["--db", str(db_path), "specialist", "Lê Văn An"]) != 0  # which one?

"""`dondoc note` (progress with its document and evidence files) and `dondoc remind`."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO

from app.cli.common import open_db, vn
from app.db import ops
from app.db.reads.reminders import due_reminders
from app.db.reads.settings import setting
from app.exports.reminders.local import load_smtp
from app.exports.reminders.mail import send_digest


def cmd_note(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        created = ops.record_progress(
            db,
            args.task,
            args.text or "",
            document=args.document or "",
            files=args.evidence or [],
        )
        if args.done:
            ops.set_completion(db, [args.task], args.done)
    files = len(args.evidence or [])
    out.write(
        f"Đã ghi tiến độ #{created.id} cho nhiệm vụ #{args.task}"
        + (f", {files} tệp minh chứng" if files else "")
        + (f"; hoàn thành ngày {vn(args.done)}" if args.done else "")
        + ".\n"
    )
    return 0


def _when(days: int) -> str:
    if days < 0:
        return f"quá hạn {-days} ngày"
    return "hạn hôm nay" if days == 0 else f"còn {days} ngày"


def cmd_remind(args: argparse.Namespace, out: TextIO) -> int:
    today = args.date or date.today()
    with open_db(args) as db:
        if not args.email:
            for rem in due_reminders(db, today, overdue=args.overdue):
                t = rem.task
                out.write(
                    f"#{t.id}\t{vn(t.due)}\t{_when(rem.days_left)}\t{t.lead or ''}\t{t.text}\n"
                )
            return 0
        org = setting(db, "org") or {}
        office = str(org.get("issuer") or "") if isinstance(org, dict) else ""
        result = send_digest(db, load_smtp(), today, office=office)
    for address, tasks in result.sent.items():
        out.write(f"Đã gửi tới {address}: {len(tasks)} nhiệm vụ\n")
    for address, why in result.failed.items():
        out.write(f"Không gửi được tới {address}: {why}\n")
    if not result.sent and not result.failed:
        out.write(
            "Không có thư nào cần gửi (không có nhiệm vụ đến ngày nhắc, hoặc đơn vị chưa có địa chỉ thư).\n"
        )
    if result.without_address:
        out.write(
            f"{result.without_address} nhiệm vụ có đơn vị chưa có địa chỉ thư (dondoc unit-email).\n"
        )
    return 0 if result.ok else 5


def cmd_unit_email(args: argparse.Namespace, out: TextIO) -> int:
    from app.db.reads.departments import require_department

    with open_db(args) as db:
        dept = require_department(db, args.unit)
        ops.set_department_email(db, dept.id, args.email)
    out.write(f"Đã lưu địa chỉ thư của {dept.name}: {args.email or '(bỏ)'}\n")
    return 0

"""Follow-through from the command line (issue 21): extend a deadline, cancel or restore
a task, name the specialist who follows a unit or a task, show a task's extensions;
record progress with its document and evidence files; reminders and a unit's e-mail."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO

from app.cli.common import open_db, print_json, vn
from app.db import ops
from app.db.reads.departments import require_department
from app.db.reads.details import task_detail
from app.db.reads.reminders import due_reminders
from app.db.reads.settings import setting
from app.errors import ValidationError
from app.exports.reminders.local import load_smtp
from app.exports.reminders.mail import send_digest


def cmd_extend(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        done = ops.extend_task(
            db,
            args.task,
            args.to,
            reason=args.reason,
            document=args.document or "",
            requested_by=args.requested_by or "",
        )
    out.write(f"{done.change.summary} (nhiệm vụ #{args.task}).\n")
    return 0


def cmd_cancel(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        done = ops.cancel_tasks(
            db,
            args.task,
            ops.Cancellation(args.reason, args.kind, args.document or "", args.date),
        )
    out.write(f"{done.change.summary}.\n")
    return 0


def cmd_restore_task(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        done = ops.restore_cancelled(db, args.task)
    out.write(f"{done.change.summary}.\n")
    return 0


def cmd_specialist(args: argparse.Namespace, out: TextIO) -> int:
    chosen = [x for x in (args.task, args.department, args.email) if x is not None]
    if len(chosen) != 1:
        raise ValidationError(
            "Cần đúng một trong --task, --department hoặc --email.", field="specialist"
        )
    name = args.name or ""
    with open_db(args) as db:
        if args.email is not None:
            ops.set_specialist_email(db, name, args.email)
            out.write(f"Địa chỉ thư của chuyên viên {name}: {args.email or '(bỏ)'}.\n")
        elif args.department is not None:
            dept = require_department(db, args.department)
            ops.set_unit_specialist(db, dept.id, name)
            out.write(f"Chuyên viên theo dõi {dept.name}: {name or '(không)'}.\n")
        else:
            ops.update_task(db, args.task, specialist=name)
            out.write(f"Chuyên viên theo dõi nhiệm vụ #{args.task}: {name or '(theo đơn vị)'}.\n")
    return 0


def cmd_extensions(args: argparse.Namespace, out: TextIO) -> int:
    """A task's deadline history: the original deadline and every extension."""
    with open_db(args) as db:
        detail = task_detail(db, args.task, args.date or date.today())
    if detail is None:
        raise ValidationError(f"Không tìm thấy nhiệm vụ #{args.task}.", field="task")
    if args.json:
        print_json(
            {
                "task": args.task,
                "original_due": detail.original_due.isoformat() if detail.original_due else None,
                "due": detail.row.due.isoformat() if detail.row.due else None,
                "extensions": [
                    {
                        "old_due": e.old_due.isoformat() if e.old_due else None,
                        "new_due": e.new_due.isoformat(),
                        "document": e.document,
                        "reason": e.reason,
                        "requested_by": e.requested_by,
                        "at": e.created_at.isoformat(),
                        "by": e.author,
                    }
                    for e in detail.extensions
                ],
            },
            out,
        )
        return 0
    out.write(f"Hạn ban đầu: {vn(detail.original_due) or 'không có'}\n")
    for n, e in enumerate(detail.extensions, 1):
        who = f"; đề nghị: {e.requested_by}" if e.requested_by else ""
        doc = f"; văn bản: {e.document}" if e.document else ""
        out.write(
            f"{n}. {vn(e.old_due) or '—'} → {vn(e.new_due)}: {e.reason}{doc}{who} "
            f"({e.created_at:%d/%m/%Y}, {e.author})\n"
        )
    if not detail.extensions:
        out.write("Chưa gia hạn.\n")
    return 0


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
            "Không có thư nào cần gửi (không có nhiệm vụ đến ngày nhắc, hoặc chuyên viên và "
            "đơn vị chưa có địa chỉ thư).\n"
        )
    if result.without_address:
        out.write(
            f"{result.without_address} nhiệm vụ chưa có ai nhận thư (địa chỉ của chuyên viên: "
            "dondoc specialist TÊN --email ĐỊA_CHỈ; của đơn vị: dondoc unit-email).\n"
        )
    return 0 if result.ok else 5


def cmd_unit_email(args: argparse.Namespace, out: TextIO) -> int:
    from app.db.reads.departments import require_department

    with open_db(args) as db:
        dept = require_department(db, args.unit)
        ops.set_department_email(db, dept.id, args.email)
    out.write(f"Đã lưu địa chỉ thư của {dept.name}: {args.email or '(bỏ)'}\n")
    return 0

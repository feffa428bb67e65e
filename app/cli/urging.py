"""The urging loop: letters, request workbooks, the requests sent, the replies collected."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from app.cli.common import open_db, print_json, vn
from app.db import ops
from app.db.reads.departments import require_department
from app.db.reads.requests import list_requests
from app.db.reads.settings import setting
from app.errors import FileImportError, ImportValidationError
from app.exports.urging.letters import LetterOptions, write_urging_letters
from app.exports.urging.requests import write_request_workbook
from app.importers.base import ImportLimits
from app.importers.replies import read_reply


def cmd_urge(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        sent = write_urging_letters(
            db,
            Path(args.docx),
            LetterOptions(
                departments=args.department,
                day=args.date or date.today(),
                reply_by=args.reply_by,
                one_file=args.one_file,
                include_coordinating=args.coordinating,
                template=Path(args.template) if args.template else None,
            ),
        )
    for f in sent.files:
        out.write(f"Đã tạo {f}\n")
    return 0


def cmd_request(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        sent = write_request_workbook(
            db,
            Path(args.xlsx),
            args.department,
            day=args.date or date.today(),
            reply_by=args.reply_by,
        )
    out.write(f"Đã tạo {sent.files[0]}\n")
    return 0


def cmd_requests(args: argparse.Namespace, out: TextIO) -> int:
    day = args.date or date.today()
    with open_db(args) as db:
        dept_id = require_department(db, args.department).id if args.department else None
        items = list_requests(db, day, pending_only=not args.all, department_id=dept_id)
    if args.json:
        print_json([r.to_json() for r in items], out)
        return 0
    for r in items:
        out.write(_request_line(r) + "\n")
    pending = sum(1 for r in items if not r.answered)
    late = sum(1 for r in items if r.late)
    summary = f"{pending} văn bản chưa được trả lời ({late} đã quá hạn trả lời)"
    if args.all:
        summary = f"{len(items)} văn bản đôn đốc; " + summary
    out.write(f"{summary}, tính đến ngày {vn(day)}\n")
    return 0


def _request_line(r) -> str:
    kind = "Công văn" if r.kind == "letter" else "Sổ báo cáo"
    parts = [f"#{r.id}", r.department_name, kind, f"gửi {vn(r.sent_on)}"]
    parts.append(f"hạn trả lời {vn(r.reply_due)}" if r.reply_due else "không hạn trả lời")
    if r.answered:
        parts.append(f"đã trả lời {vn(r.replied_on)}")
    elif r.late:
        parts.append(f"chưa trả lời, trễ {r.days_late} ngày")
    else:
        parts.append("chưa trả lời")
    parts.append(f"{r.tasks} nhiệm vụ")
    if r.file_name:
        parts.append(f"tệp {r.file_name}")
    return "  ".join(parts)


def cmd_collect(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        # A reply is a file from outside: read within the database's import limits.
        limits = ImportLimits.from_setting(setting(db, "import_limits"))
        replies, problems = [], []
        for f in args.files:
            try:
                replies.append(read_reply(Path(f), limits))
            except FileImportError as ex:
                problems.append(ex)  # report every unreadable file, not just the first
        if problems:
            raise ImportValidationError(problems) if len(problems) > 1 else problems[0]
        result = ops.apply_replies(
            db, replies, dry_run=args.dry_run, accept_flagged=args.accept_flagged
        )
    if args.json:
        print_json(result.to_json(), out)
    else:
        out.write(result.summary() + "\n")
    return 0 if result.ok else 1

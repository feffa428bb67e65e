"""`dondoc week`, `overdue`, `report`: the printed lists, as PDF or on the console."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from app.cli.common import open_db, print_json, vn
from app.errors import ValidationError
from app.exports.reports.docx import (
    Window,
    collect_report,
    paragraphs,
    template_for,
    write_report_docx,
)
from app.exports.reports.printed import (
    collect_overdue,
    collect_summary,
    overdue_document,
    summary_document,
)
from app.exports.reports.summary import summary_paragraphs, vn_int, vn_percent
from app.exports.weekly.data import group_by_lead
from app.exports.weekly.render import WeeklyOptions, write_pdf, write_weekly_pdf


def cmd_week(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        pages = write_weekly_pdf(
            db,
            Path(args.pdf),
            WeeklyOptions(
                day=args.date or date.today(),
                department=args.department,
                landscape=args.landscape,
                unreported=not args.no_unreported,
                **({"overdue_limit": None} if args.all_overdue else {}),
            ),
        )
    out.write(f"Đã in {pages} trang vào {args.pdf}\n")
    return 0


def cmd_overdue(args: argparse.Namespace, out: TextIO) -> int:
    day = args.date or date.today()
    with open_db(args) as db:
        data = collect_overdue(db, day, args.department)
    if args.pdf:
        pages = write_pdf(overdue_document(data, args.landscape), Path(args.pdf))
        out.write(f"Đã in {pages} trang vào {args.pdf}\n")
    if args.json:
        print_json(data.to_json(), out)
    elif not args.pdf:
        for name, entries in group_by_lead(data.entries):
            out.write(f"{name} ({len(entries)})\n")
            for e in entries:
                late = (day - e.due).days
                out.write(f"  {vn(e.due)}  quá hạn {late} ngày  {e.row.text[:100]}\n")
        out.write(f"{len(data.entries)} nhiệm vụ quá hạn tính đến ngày {vn(day)}\n")
    return 0


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    if args.docx or args.start or args.end:
        return _official_report(args, out)
    with open_db(args) as db:
        summary, org, recipients = collect_summary(
            db, args.period, args.date or date.today(), department=args.department
        )
    if args.pdf:
        doc = summary_document(summary, org, recipients, day=date.today(), landscape=args.landscape)
        pages = write_pdf(doc, Path(args.pdf))
        out.write(f"Đã in {pages} trang vào {args.pdf}\n")
    if args.json:
        print_json(summary.to_json(), out)
    elif not args.pdf:
        for line in summary_paragraphs(summary):
            out.write(line + "\n")
        for r in summary.rows:
            c = r.counts
            out.write(
                f"  {r.name}: {vn_int(c.total)} nhiệm vụ, quá hạn {vn_int(c.open_overdue)} "
                f"({vn_percent(c.overdue_share)})\n"
            )
    return 0


def _official_report(args: argparse.Namespace, out: TextIO) -> int:
    """`report --docx` and `report --from … --to …`: the official report's figures."""
    if args.pdf and (args.start or args.end):
        raise ValidationError(
            "--from/--to dùng với --docx (hoặc để xem trên màn hình), không với --pdf."
        )
    if args.end and not args.start:
        raise ValidationError("Thiếu --from: báo cáo theo khoảng ngày cần cả ngày bắt đầu.")
    today = date.today()
    if args.start:
        window = Window.between(args.start, args.end or today)
    else:
        window = Window.of_period(args.period, args.date or today)
    with open_db(args) as db:
        rep = collect_report(db, window, today=today, department=args.department)
        if args.docx:
            template = Path(args.template) if args.template else None
            write_report_docx(rep, template_for(db, rep.org, template), Path(args.docx))
        if args.pdf:
            summary, org, recipients = collect_summary(
                db, args.period, args.date or today, department=args.department
            )
            doc = summary_document(summary, org, recipients, day=today, landscape=args.landscape)
            pages = write_pdf(doc, Path(args.pdf))
            out.write(f"Đã in {pages} trang vào {args.pdf}\n")
    if args.docx:
        out.write(f"Đã lưu báo cáo {rep.window.label} vào {args.docx}\n")
    if args.json:
        print_json(rep.to_json(), out)
    elif not args.docx:
        texts = paragraphs(rep)
        for key in ("doan_tong_so", "doan_trong_ky", "doan_ky_truoc", "doan_cung_ky"):
            out.write(texts[key] + "\n")
    return 0

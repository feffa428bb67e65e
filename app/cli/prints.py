"""`dondoc week`, `overdue`, `report`: the printed lists, as PDF or on the console."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from app.cli.common import open_db, print_json, vn
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
                by_specialist=args.by_specialist,
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

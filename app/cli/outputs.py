"""`dondoc export` and `dondoc ics`: the tasks as a workbook, the deadlines as a calendar."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from app.cli.common import open_db
from app.exports.excel.export import ExportOptions, export_tasks
from app.exports.ics import write_ics


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        n = export_tasks(
            db,
            Path(args.out),
            ExportOptions(
                department=args.department,
                status=args.status,
                start=args.start,
                end=args.end,
                today=args.date or date.today(),
            ),
        )
    out.write(f"Đã xuất {n} nhiệm vụ vào {args.out}\n")
    return 0


def cmd_ics(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        n = write_ics(db, Path(args.out), department=args.department, alarm_days=args.alarm)
    out.write(f"Đã xuất {n} sự kiện vào {args.out}\n")
    return 0

"""`dondoc extract` and `dondoc import`: what a file holds, and storing it."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from app.cli.common import open_db, print_json, vn
from app.cli.deadlines import term_of
from app.db import ops
from app.db.reads.settings import setting
from app.errors import DonDocError
from app.importers.base import ExtractOptions, ImportLimits
from app.importers.registry import extract_file


def _extract_options(args: argparse.Namespace, db=None):
    if getattr(args, "header_row", None) is not None and args.header_row < 1:
        raise DonDocError("--header-row phải là số dòng từ 1 trở lên.")
    return ExtractOptions(
        ref=args.ref,
        sheet=getattr(args, "sheet", None),
        header_row=getattr(args, "header_row", None),
        term=term_of(args),
        limits=_import_limits(db),
    )


def _import_limits(db):
    """The `import_limits` setting of the database (defaults when there is none)."""
    if db is None:
        return ImportLimits()
    return ImportLimits.from_setting(setting(db, "import_limits"))


def cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    plan = extract_file(args.file, _extract_options(args))
    for warning in plan.warnings:
        sys.stderr.write(f"Lưu ý: {warning}\n")
    if args.json:
        print_json(plan.to_json(), out)
    else:
        doc = plan.document
        out.write(f"{doc.title or plan.source_name}\n")
        if doc.number or doc.date:
            out.write(f"Số {doc.number or '?'}, ngày {vn(doc.date)}\n")
        for i, t in enumerate(plan.tasks, 1):
            due = vn(t.deadline.due) if t.deadline.due else t.deadline.kind
            out.write(f"{i:>4}. [{t.lead or '-'}] {t.text[:90]} | {due}\n")
        out.write(f"{len(plan.tasks)} nhiệm vụ\n")
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    if args.dry_run:
        args.json = True if args.json is None else args.json
        return cmd_extract(args, out)
    with open_db(args) as db:
        plan = extract_file(args.file, _extract_options(args, db))
        result = ops.import_plan(
            db, plan, create_units=not args.no_new_units, update=args.update, backup=True
        )
    if args.json:
        print_json(result.to_json(), out)
    else:
        out.write(result.summary() + "\n")
    return 0

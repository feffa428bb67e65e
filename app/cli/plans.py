"""`dondoc extract` and `dondoc import`: what a file holds, and storing it."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from app.cli.common import db_for_checks, open_db, print_json, vn
from app.cli.deadlines import term_of
from app.db import ops
from app.db.ops import import_check as checks
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
        out.write(f"{doc.title or '(không tìm thấy tên kế hoạch)'}\n")
        if doc.number or doc.date:
            out.write(f"Số {doc.number or '?'}, ngày {vn(doc.date)}\n")
        for i, t in enumerate(plan.tasks, 1):
            due = vn(t.deadline.due) if t.deadline.due else t.deadline.kind
            out.write(f"{i:>4}. [{t.lead or '-'}] {t.text[:90]} | {due}\n")
        out.write(f"{len(plan.tasks)} nhiệm vụ\n")
    return 0


def _with_identity(plan, args: argparse.Namespace):
    """The plan's name and number from --title/--number, else the document's; both required
    (a file name never stands for a plan)."""
    doc = plan.document
    doc.title = (getattr(args, "title", None) or doc.title or "").strip()
    doc.number = (getattr(args, "number", None) or doc.number or "").strip()
    missing = [
        what
        for what, value, option in (
            ("tên", doc.title, "--title"),
            ("số hiệu", doc.number, "--number"),
        )
        if not value
    ]
    if missing:
        raise DonDocError(
            f"Không tìm thấy {' và '.join(missing)} kế hoạch trong tệp «{plan.source_name}». "
            'Hãy ghi rõ: dondoc import TỆP --title "Tên kế hoạch" --number "Số hiệu".'
        )
    return plan


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    with (db_for_checks if args.dry_run else open_db)(args) as db:
        plan = _with_identity(extract_file(args.file, _extract_options(args, db)), args)
        check = checks.check_import(
            db,
            plan,
            update=args.update,
            separate=args.new_plan,
            create_units=not args.no_new_units,
        )
        choose = not (args.remove_missing or args.keep_missing)
        if check.diff is not None and check.diff.removed and choose:
            raise DonDocError(
                "Bản mới không còn "
                f"{len(check.diff.removed)} nhiệm vụ của kế hoạch đã nhập:\n"
                + "\n".join(f"  - {t[:100]}" for _, t in check.diff.removed)
                + "\nHãy chọn --remove-missing (xóa chúng) hoặc --keep-missing (giữ lại)."
            )
        if args.dry_run:
            if args.json is not False:
                print_json({**plan.to_json(), "import": check.to_json()}, out)
            else:
                out.write(check.text() + "\n")
            return 0
        result: ops.ImportResult | ops.PlanUpdated
        if check.diff is not None:
            result = ops.update_plan(
                db,
                check.plan_id,
                plan,
                remove_missing=args.remove_missing,
                create_units=not args.no_new_units,
                backup=True,
            )
        else:
            result = ops.import_plan(
                db,
                plan,
                create_units=not args.no_new_units,
                separate=args.new_plan,
                backup=True,
            )
    if args.json:
        print_json(result.to_json(), out)
    else:
        out.write(result.summary() + "\n")
    return 0

"""Command line: argparse sub-commands that call the services, importers and exporters.

No business logic lives here. Errors a user can cause (DonDocError) are printed on
stderr with a non-zero exit code; dates are ISO (YYYY-MM-DD) on the command line.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from app import APP_NAME, __version__
from app.errors import DonDocError

EXIT_USAGE = 2


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as ex:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ «{value}» (cần YYYY-MM-DD)") from ex


def _open_db(args: argparse.Namespace):
    from app.db.store import Database

    return Database.open(args.db)


def _print_json(obj, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


# --------------------------------------------------------------------------- deadline


def cmd_deadline(args: argparse.Namespace, out: TextIO) -> int:
    from app.core.deadlines.parse import describe, parse_deadline

    term = _term(args)
    ref = args.ref or date.today()
    if args.phrase == "-":
        # Batch mode: one phrase per line in, one line out per phrase, same order.
        lines = _read_stdin_lines()
        if args.json:
            chunks = [
                json.dumps(parse_deadline(line, ref, term=term).to_json(), ensure_ascii=False)
                for line in lines
            ]
        else:
            chunks = [describe(parse_deadline(line, ref, term=term)) for line in lines]
        if chunks:
            out.write("\n".join(chunks) + "\n")
        return 0
    dl = parse_deadline(args.phrase, ref, term=term)
    if args.json:
        _print_json(dl.to_json(), out)
    else:
        out.write(describe(dl) + "\n")
    return 0


def _read_stdin_lines() -> list[str]:
    """stdin as UTF-8 whatever the console code page (a BOM is dropped)."""
    buf = getattr(sys.stdin, "buffer", None)
    data = buf.read().decode("utf-8-sig", errors="replace") if buf else sys.stdin.read()
    return data.splitlines()


def _term(args: argparse.Namespace) -> tuple[int, int]:
    raw = getattr(args, "term", None)
    if not raw:
        return (2020, 2025)
    try:
        a, b = (int(x) for x in raw.replace("–", "-").split("-"))
    except ValueError as ex:
        raise DonDocError(f"Nhiệm kỳ không hợp lệ «{raw}» (ví dụ 2020-2025).") from ex
    if not (1900 <= a < b <= 2200):
        raise DonDocError(f"Nhiệm kỳ không hợp lệ «{raw}» (ví dụ 2020-2025).")
    return (a, b)


# --------------------------------------------------------------------------- extract / import


def _extract_options(args: argparse.Namespace, db=None):
    from app.importers.base import ExtractOptions

    if getattr(args, "header_row", None) is not None and args.header_row < 1:
        raise DonDocError("--header-row phải là số dòng từ 1 trở lên.")
    return ExtractOptions(
        ref=args.ref,
        sheet=getattr(args, "sheet", None),
        header_row=getattr(args, "header_row", None),
        term=_term(args),
        limits=_import_limits(db),
    )


def _import_limits(db):
    """The `import_limits` setting of the database (defaults when there is none)."""
    from app.importers.base import ImportLimits

    if db is None:
        return ImportLimits()
    from app.db.reads.tasks import import_limits

    with db.read() as s:
        return import_limits(s)


def cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    from app.importers.registry import extract_file

    plan = extract_file(args.file, _extract_options(args))
    for warning in plan.warnings:
        sys.stderr.write(f"Lưu ý: {warning}\n")
    if args.json:
        _print_json(plan.to_json(), out)
    else:
        doc = plan.document
        out.write(f"{doc.title or plan.source_name}\n")
        if doc.number or doc.date:
            out.write(f"Số {doc.number or '?'}, ngày {_vn(doc.date)}\n")
        for i, t in enumerate(plan.tasks, 1):
            due = _vn(t.deadline.due) if t.deadline.due else t.deadline.kind
            out.write(f"{i:>4}. [{t.lead or '-'}] {t.text[:90]} | {due}\n")
        out.write(f"{len(plan.tasks)} nhiệm vụ\n")
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    if args.dry_run:
        args.json = True if args.json is None else args.json
        return cmd_extract(args, out)
    from app.db import services
    from app.db.files import backups
    from app.importers.registry import extract_file

    with _open_db(args) as db:
        plan = extract_file(args.file, _extract_options(args, db))
        backups.auto_backup(db, reason="import")
        result = services.import_plan(
            db, plan, create_units=not args.no_new_units, update=args.update
        )
    if args.json:
        _print_json(result.to_json(), out)
    else:
        out.write(result.summary() + "\n")
    return 0


# --------------------------------------------------------------------------- exports


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from app.exports.excel.export import ExportOptions, export_tasks

    with _open_db(args) as db:
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


def cmd_week(args: argparse.Namespace, out: TextIO) -> int:
    from app.exports.weekly.render import WeeklyOptions, write_weekly_pdf

    with _open_db(args) as db:
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
    from app.exports.reports.printed import collect_overdue, overdue_document
    from app.exports.weekly.data import group_by_lead

    day = args.date or date.today()
    with _open_db(args) as db:
        data = collect_overdue(db, day, args.department)
    if args.pdf:
        from app.exports.weekly.render import write_pdf

        pages = write_pdf(overdue_document(data, args.landscape), Path(args.pdf))
        out.write(f"Đã in {pages} trang vào {args.pdf}\n")
    if args.json:
        _print_json(data.to_json(), out)
    elif not args.pdf:
        for name, entries in group_by_lead(data.entries):
            out.write(f"{name} ({len(entries)})\n")
            for e in entries:
                late = (day - e.due).days
                out.write(f"  {_vn(e.due)}  quá hạn {late} ngày  {e.row.text[:100]}\n")
        out.write(f"{len(data.entries)} nhiệm vụ quá hạn tính đến ngày {_vn(day)}\n")
    return 0


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from app.exports.reports.printed import collect_summary, summary_document
    from app.exports.reports.summary import summary_paragraphs, vn_int, vn_percent

    with _open_db(args) as db:
        summary, org, recipients = collect_summary(
            db, args.period, args.date or date.today(), department=args.department
        )
    if args.pdf:
        from app.exports.weekly.render import write_pdf

        doc = summary_document(summary, org, recipients, day=date.today(), landscape=args.landscape)
        pages = write_pdf(doc, Path(args.pdf))
        out.write(f"Đã in {pages} trang vào {args.pdf}\n")
    if args.json:
        _print_json(summary.to_json(), out)
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


def cmd_ics(args: argparse.Namespace, out: TextIO) -> int:
    from app.exports.ics import write_ics

    with _open_db(args) as db:
        n = write_ics(db, Path(args.out), department=args.department, alarm_days=args.alarm)
    out.write(f"Đã xuất {n} sự kiện vào {args.out}\n")
    return 0


# --------------------------------------------------------------------------- urging loop


def cmd_urge(args: argparse.Namespace, out: TextIO) -> int:
    from app.exports.urging.letters import LetterOptions, write_urging_letters

    with _open_db(args) as db:
        files = write_urging_letters(
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
    for f in files:
        out.write(f"Đã tạo {f}\n")
    return 0


def cmd_request(args: argparse.Namespace, out: TextIO) -> int:
    from app.exports.urging.requests import write_request_workbook

    with _open_db(args) as db:
        path = write_request_workbook(
            db,
            Path(args.xlsx),
            args.department,
            day=args.date or date.today(),
            reply_by=args.reply_by,
        )
    out.write(f"Đã tạo {path}\n")
    return 0


def cmd_requests(args: argparse.Namespace, out: TextIO) -> int:
    from app.db.reads import requests as request_queries
    from app.db.reads import tasks as queries

    day = args.date or date.today()
    with _open_db(args) as db, db.read() as s:
        dept_id = queries.require_department(s, args.department).id if args.department else None
        items = request_queries.list_requests(
            s, day, pending_only=not args.all, department_id=dept_id
        )
    if args.json:
        _print_json([r.to_json() for r in items], out)
        return 0
    for r in items:
        out.write(_request_line(r) + "\n")
    pending = sum(1 for r in items if not r.answered)
    late = sum(1 for r in items if r.late)
    summary = f"{pending} văn bản chưa được trả lời ({late} đã quá hạn trả lời)"
    if args.all:
        summary = f"{len(items)} văn bản đôn đốc; " + summary
    out.write(f"{summary}, tính đến ngày {_vn(day)}\n")
    return 0


def _request_line(r) -> str:
    kind = "Công văn" if r.kind == "letter" else "Sổ báo cáo"
    parts = [f"#{r.id}", r.department_name, kind, f"gửi {_vn(r.sent_on)}"]
    parts.append(f"hạn trả lời {_vn(r.reply_due)}" if r.reply_due else "không hạn trả lời")
    if r.answered:
        parts.append(f"đã trả lời {_vn(r.replied_on)}")
    elif r.late:
        parts.append(f"chưa trả lời, trễ {r.days_late} ngày")
    else:
        parts.append("chưa trả lời")
    parts.append(f"{r.tasks} nhiệm vụ")
    if r.file_name:
        parts.append(f"tệp {r.file_name}")
    return "  ".join(parts)


def cmd_collect(args: argparse.Namespace, out: TextIO) -> int:
    from app.db import services
    from app.errors import FileImportError, ImportValidationError
    from app.importers.replies import read_reply

    replies, problems = [], []
    for f in args.files:
        try:
            replies.append(read_reply(Path(f)))
        except FileImportError as ex:
            problems.append(ex)  # report every unreadable file, not just the first
    if problems:
        raise ImportValidationError(problems) if len(problems) > 1 else problems[0]
    with _open_db(args) as db:
        result = services.apply_replies(
            db, replies, dry_run=args.dry_run, accept_flagged=args.accept_flagged
        )
    if args.json:
        _print_json(result.to_json(), out)
    else:
        out.write(result.summary() + "\n")
    return 0 if result.ok else 1


# --------------------------------------------------------------------------- backups


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from app.db.files import backups

    with _open_db(args) as db:
        dest = backups.backup(db, Path(args.out) if args.out else None)
    out.write(f"Đã sao lưu vào {dest}\n")
    return 0


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    from app.db.files import backups
    from app.db.store import default_db_target

    if args.list:
        target = args.db or default_db_target()
        found = backups.list_backups(target)
        for info in found:
            tasks = f"{info.tasks} nhiệm vụ" if info.readable else "không đọc được"
            out.write(f"{info.path}  {info.created:%d/%m/%Y %H:%M}  {tasks}\n")
        if not found:
            folder = backups.backup_dir(backups.database_file(target))
            out.write(f"Chưa có bản sao lưu nào (thư mục {folder}).\n")
        return 0
    if not args.file:
        raise DonDocError("Hãy chỉ ra tệp sao lưu cần khôi phục (dondoc restore TỆP.db).")
    safety = backups.restore(args.db, Path(args.file))
    out.write(f"Đã khôi phục từ {args.file}")
    if safety:
        out.write(f" (bản sao lưu trước khi khôi phục: {safety})")
    out.write("\n")
    return 0


# --------------------------------------------------------------------------- gui, selftest


def cmd_gui(args: argparse.Namespace, out: TextIO) -> int:
    from app.ui.main.early import start_checking

    start_checking(args.db)  # overlaps the imports below
    from app.ui.main.app import run_gui

    return run_gui(args.db, demo=args.demo)


def cmd_selftest(args: argparse.Namespace, out: TextIO) -> int:
    from app.ui.main.app import selftest

    problems = selftest(args.db)
    if problems:
        for p in problems:
            sys.stderr.write(f"selftest: {p}\n")
        return 1
    out.write("ok\n")
    return 0


def _vn(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="dondoc",
        description=f"{APP_NAME}: theo dõi, đôn đốc thực hiện nhiệm vụ theo kế hoạch.",
    )
    p.add_argument("--version", action="version", version=f"dondoc {__version__}")
    p.add_argument(
        "--db",
        default=os.environ.get("DONDOC_DB") or None,
        help="tệp cơ sở dữ liệu hoặc postgresql://… (mặc định: DONDOC_DB hoặc thư mục dữ liệu)",
    )
    p.add_argument("--selftest", action="store_true", help="kiểm tra nhanh rồi in «ok»")
    p.add_argument("--demo", action="store_true", help="nạp kế hoạch mẫu nếu CSDL còn trống")
    sub = p.add_subparsers(dest="command", metavar="LỆNH")

    def add(name: str, func: Callable, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    sp = add("deadline", cmd_deadline, "diễn giải một cụm từ thời hạn")
    sp.add_argument("phrase", help="cụm từ thời hạn, hoặc - để đọc từng dòng từ stdin")
    sp.add_argument("--ref", type=_iso_date, help="ngày tham chiếu (ngày ký kế hoạch)")
    sp.add_argument("--term", help="nhiệm kỳ, ví dụ 2020-2025")
    sp.add_argument("--json", action="store_true")

    sp = add("extract", cmd_extract, "đọc một tệp và in các nhiệm vụ tìm thấy (không ghi gì)")
    sp.add_argument("file")
    sp.add_argument("--ref", type=_iso_date)
    sp.add_argument("--sheet")
    sp.add_argument("--header-row", type=int, help="dòng tiêu đề cột (tính từ 1)")
    sp.add_argument("--term", help="nhiệm kỳ, ví dụ 2020-2025")
    sp.add_argument("--json", action="store_true")

    sp = add("import", cmd_import, "nhập nhiệm vụ từ tệp Excel hoặc văn bản kế hoạch")
    sp.add_argument("file")
    sp.add_argument("--ref", type=_iso_date)
    sp.add_argument("--sheet")
    sp.add_argument("--header-row", type=int, help="dòng tiêu đề cột (tính từ 1)")
    sp.add_argument("--term", help="nhiệm kỳ, ví dụ 2020-2025")
    sp.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi")
    sp.add_argument("--update", action="store_true", help="cập nhật kế hoạch đã nhập (bản mới)")
    sp.add_argument(
        "--no-new-units",
        action="store_true",
        help="không tự thêm đơn vị mới; báo lỗi nếu có đơn vị chưa có trong danh mục",
    )
    sp.add_argument("--json", action="store_true", default=None)

    sp = add("export", cmd_export, "xuất nhiệm vụ ra tệp Excel")
    sp.add_argument("out")
    sp.add_argument("--department")
    sp.add_argument("--status")
    sp.add_argument("--start", type=_iso_date, help="chỉ các hạn từ ngày này")
    sp.add_argument("--end", type=_iso_date, help="chỉ các hạn đến ngày này")
    sp.add_argument("--date", type=_iso_date, help="ngày hôm nay (để tính trạng thái)")

    sp = add("week", cmd_week, "in danh sách nhiệm vụ trong tuần (PDF)")
    sp.add_argument("--date", type=_iso_date)
    sp.add_argument("--department")
    sp.add_argument("--landscape", action="store_true")
    sp.add_argument(
        "--all-overdue",
        action="store_true",
        help="in mọi nhiệm vụ quá hạn (mặc định: 100 nhiệm vụ quá hạn gần nhất)",
    )
    sp.add_argument(
        "--no-unreported",
        action="store_true",
        help="không in mục «Đơn vị chưa báo cáo» (đơn vị chưa trả lời văn bản đôn đốc)",
    )
    sp.add_argument("--pdf", required=True)

    sp = add("overdue", cmd_overdue, "liệt kê nhiệm vụ quá hạn")
    sp.add_argument("--date", type=_iso_date)
    sp.add_argument("--department")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--pdf", help="in danh sách ra tệp PDF")
    sp.add_argument("--landscape", action="store_true")

    sp = add("report", cmd_report, "báo cáo tình hình thực hiện nhiệm vụ theo đơn vị")
    sp.add_argument("--period", choices=["month", "quarter", "year"], default="month")
    sp.add_argument("--date", type=_iso_date, help="một ngày trong kỳ báo cáo")
    sp.add_argument("--department")
    sp.add_argument("--pdf")
    sp.add_argument("--landscape", action="store_true")
    sp.add_argument("--json", action="store_true")

    sp = add("ics", cmd_ics, "xuất lịch (iCalendar) các thời hạn")
    sp.add_argument("out")
    sp.add_argument("--department")
    sp.add_argument("--alarm", type=int, metavar="NGÀY", help="nhắc trước số ngày này")

    sp = add("urge", cmd_urge, "soạn công văn đôn đốc (.docx)")
    sp.add_argument("--department", action="append", required=True, help="lặp lại cho nhiều đơn vị")
    sp.add_argument("--date", type=_iso_date, help="ngày của công văn (mặc định: hôm nay)")
    sp.add_argument(
        "--reply-by", type=_iso_date, help="hạn báo cáo (mặc định: sau 5 ngày làm việc)"
    )
    sp.add_argument("--docx", required=True, help="tệp .docx, hoặc thư mục cho nhiều đơn vị")
    sp.add_argument("--one-file", action="store_true", help="nhiều đơn vị trong một tệp")
    sp.add_argument("--coordinating", action="store_true", help="kể cả nhiệm vụ phối hợp")
    sp.add_argument("--template", help="mẫu công văn .docx của cơ quan")

    sp = add("request", cmd_request, "tạo sổ Excel đề nghị đơn vị báo cáo tiến độ")
    sp.add_argument("--department", required=True)
    sp.add_argument("--date", type=_iso_date)
    sp.add_argument(
        "--reply-by", type=_iso_date, help="hạn gửi lại (mặc định: sau 5 ngày làm việc)"
    )
    sp.add_argument("--xlsx", required=True)

    sp = add("requests", cmd_requests, "theo dõi công văn, sổ đề nghị báo cáo đã gửi đơn vị")
    sp.add_argument("--all", action="store_true", help="cả các văn bản đã được trả lời")
    sp.add_argument("--department", help="chỉ văn bản gửi đơn vị này")
    sp.add_argument("--date", type=_iso_date, help="ngày hôm nay (để tính số ngày trễ)")
    sp.add_argument("--json", action="store_true")

    sp = add("collect", cmd_collect, "nhập lại các sổ báo cáo đơn vị đã điền")
    sp.add_argument("files", nargs="+")
    sp.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi")
    sp.add_argument(
        "--accept-flagged",
        action="store_true",
        help="áp dụng cả các dòng bị đánh dấu (nhiệm vụ đã thay đổi sau khi gửi)",
    )
    sp.add_argument("--json", action="store_true")

    sp = add("backup", cmd_backup, "sao lưu cơ sở dữ liệu")
    sp.add_argument("out", nargs="?", help="tệp đích (mặc định: thư mục sao lưu)")

    sp = add("restore", cmd_restore, "khôi phục cơ sở dữ liệu từ bản sao lưu")
    sp.add_argument("file", nargs="?")
    sp.add_argument("--list", action="store_true", help="liệt kê các bản sao lưu")
    return p


def _attach_console() -> None:
    """A windowed Windows build has no stdout: borrow the console it was started from.

    So `dondoc.exe --selftest` or `dondoc.exe export …` typed in cmd still prints; when
    started from the Start menu there is no console and output goes nowhere.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    if sys.platform == "win32":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
            sys.stderr = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
            return
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


class _Brief(logging.Formatter):
    """One line per log record on the terminal, never a traceback: a user of the command
    line sees the app's messages; DONDOC_DEBUG=1 shows tracebacks for developers."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def _quiet_logging() -> None:
    root = logging.getLogger()
    if root.handlers or os.environ.get("DONDOC_DEBUG"):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Brief())
    handler.setLevel(logging.WARNING)
    root.addHandler(handler)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    _attach_console()
    _quiet_logging()
    out = out or sys.stdout
    if hasattr(out, "reconfigure"):
        try:
            out.reconfigure(encoding="utf-8")
            sys.stderr.reconfigure(encoding="utf-8")
        except (ValueError, OSError):
            pass
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.selftest:
            return cmd_selftest(args, out)
        func = getattr(args, "func", None) or cmd_gui
        return func(args, out)
    except DonDocError as ex:
        sys.stderr.write(f"Lỗi: {ex}\n")
        return ex.exit_code
    except KeyboardInterrupt:
        return 130

"""The command line's arguments: one sub-command per action, as `dondoc --help` lists them.

Each command's module is imported only when that command runs, so `dondoc deadline`
starts without SQLAlchemy, the file-format libraries or Qt: these loaders are the
deliberate imports inside functions of the command line.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from datetime import date
from types import ModuleType

from app import APP_NAME, __version__


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as ex:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ «{value}» (cần YYYY-MM-DD)") from ex


def _deadlines() -> ModuleType:
    from app.cli import deadlines  # when run (module doc)

    return deadlines


def _plans() -> ModuleType:
    from app.cli import plans  # when run (module doc)

    return plans


def _outputs() -> ModuleType:
    from app.cli import outputs  # when run (module doc)

    return outputs


def _prints() -> ModuleType:
    from app.cli import prints  # when run (module doc)

    return prints


def _urging() -> ModuleType:
    from app.cli import urging  # when run (module doc)

    return urging


def _backups() -> ModuleType:
    from app.cli import backups  # when run (module doc)

    return backups


def _follow_up() -> ModuleType:
    from app.cli import follow_up  # when run (module doc)

    return follow_up


def _task_id(value: str) -> int:
    try:
        return int(value.strip().lstrip("#"))
    except ValueError as ex:
        raise argparse.ArgumentTypeError(f"số nhiệm vụ không hợp lệ «{value}»") from ex


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

    sp = add(
        "deadline", lambda a, o: _deadlines().cmd_deadline(a, o), "diễn giải một cụm từ thời hạn"
    )
    sp.add_argument("phrase", help="cụm từ thời hạn, hoặc - để đọc từng dòng từ stdin")
    sp.add_argument("--ref", type=iso_date, help="ngày tham chiếu (ngày ký kế hoạch)")
    sp.add_argument("--term", help="nhiệm kỳ, ví dụ 2020-2025")
    sp.add_argument("--json", action="store_true")

    sp = add(
        "extract",
        lambda a, o: _plans().cmd_extract(a, o),
        "đọc một tệp và in các nhiệm vụ tìm thấy (không ghi gì)",
    )
    sp.add_argument("file")
    sp.add_argument("--ref", type=iso_date)
    sp.add_argument("--sheet")
    sp.add_argument("--header-row", type=int, help="dòng tiêu đề cột (tính từ 1)")
    sp.add_argument("--term", help="nhiệm kỳ, ví dụ 2020-2025")
    sp.add_argument("--json", action="store_true")

    sp = add(
        "import",
        lambda a, o: _plans().cmd_import(a, o),
        "nhập nhiệm vụ từ tệp Excel hoặc văn bản kế hoạch",
    )
    sp.add_argument("file")
    sp.add_argument("--ref", type=iso_date)
    sp.add_argument("--sheet")
    sp.add_argument("--header-row", type=int, help="dòng tiêu đề cột (tính từ 1)")
    sp.add_argument("--term", help="nhiệm kỳ, ví dụ 2020-2025")
    sp.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi")
    sp.add_argument("--update", action="store_true", help="cập nhật kế hoạch đã nhập (bản mới)")
    sp.add_argument("--title", help="tên kế hoạch (khi văn bản không ghi rõ)")
    sp.add_argument("--number", help="số hiệu kế hoạch (khi văn bản không ghi rõ)")
    sp.add_argument(
        "--remove-missing",
        action="store_true",
        help="khi cập nhật: xóa các nhiệm vụ không còn trong bản mới",
    )
    sp.add_argument(
        "--keep-missing",
        action="store_true",
        help="khi cập nhật: giữ các nhiệm vụ không còn trong bản mới",
    )
    sp.add_argument(
        "--new-plan",
        action="store_true",
        help="nhập thành kế hoạch riêng dù giống một kế hoạch đã có (khác cơ quan, khác bản)",
    )
    sp.add_argument(
        "--no-new-units",
        action="store_true",
        help="không tự thêm đơn vị mới; báo lỗi nếu có đơn vị chưa có trong danh mục",
    )
    sp.add_argument("--json", action="store_true", default=None)

    sp = add("export", lambda a, o: _outputs().cmd_export(a, o), "xuất nhiệm vụ ra tệp Excel")
    sp.add_argument("out")
    sp.add_argument("--department")
    sp.add_argument("--status")
    sp.add_argument("--start", type=iso_date, help="chỉ các hạn từ ngày này")
    sp.add_argument("--end", type=iso_date, help="chỉ các hạn đến ngày này")
    sp.add_argument("--date", type=iso_date, help="ngày hôm nay (để tính trạng thái)")

    sp = add(
        "week", lambda a, o: _prints().cmd_week(a, o), "in danh sách nhiệm vụ trong tuần (PDF)"
    )
    sp.add_argument("--date", type=iso_date)
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
    sp.add_argument(
        "--by-specialist",
        action="store_true",
        help="nhóm theo chuyên viên theo dõi thay vì đơn vị chủ trì",
    )
    sp.add_argument("--pdf", required=True)

    sp = add("overdue", lambda a, o: _prints().cmd_overdue(a, o), "liệt kê nhiệm vụ quá hạn")
    sp.add_argument("--date", type=iso_date)
    sp.add_argument("--department")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--pdf", help="in danh sách ra tệp PDF")
    sp.add_argument("--landscape", action="store_true")

    sp = add(
        "report",
        lambda a, o: _prints().cmd_report(a, o),
        "báo cáo tình hình thực hiện nhiệm vụ theo đơn vị",
    )
    sp.add_argument("--period", choices=["month", "quarter", "year"], default="month")
    sp.add_argument("--date", type=iso_date, help="một ngày trong kỳ báo cáo")
    sp.add_argument("--department")
    sp.add_argument("--pdf")
    sp.add_argument("--docx", help="báo cáo chính thức (Word, thể thức văn bản hành chính)")
    sp.add_argument("--from", dest="start", type=iso_date, help="báo cáo từ ngày (cùng --to)")
    sp.add_argument("--to", dest="end", type=iso_date, help="báo cáo đến ngày")
    sp.add_argument("--template", help="mẫu báo cáo .docx của cơ quan")
    sp.add_argument("--landscape", action="store_true")
    sp.add_argument("--json", action="store_true")

    sp = add("ics", lambda a, o: _outputs().cmd_ics(a, o), "xuất lịch (iCalendar) các thời hạn")
    sp.add_argument("out")
    sp.add_argument("--department")
    sp.add_argument("--alarm", type=int, metavar="NGÀY", help="nhắc trước số ngày này")

    sp = add("urge", lambda a, o: _urging().cmd_urge(a, o), "soạn công văn đôn đốc (.docx)")
    sp.add_argument("--department", action="append", required=True, help="lặp lại cho nhiều đơn vị")
    sp.add_argument("--date", type=iso_date, help="ngày của công văn (mặc định: hôm nay)")
    sp.add_argument("--reply-by", type=iso_date, help="hạn báo cáo (mặc định: sau 5 ngày làm việc)")
    sp.add_argument("--docx", required=True, help="tệp .docx, hoặc thư mục cho nhiều đơn vị")
    sp.add_argument("--one-file", action="store_true", help="nhiều đơn vị trong một tệp")
    sp.add_argument("--coordinating", action="store_true", help="kể cả nhiệm vụ phối hợp")
    sp.add_argument("--template", help="mẫu công văn .docx của cơ quan")

    sp = add(
        "request",
        lambda a, o: _urging().cmd_request(a, o),
        "tạo sổ Excel đề nghị đơn vị báo cáo tiến độ",
    )
    sp.add_argument("--department", required=True)
    sp.add_argument("--date", type=iso_date)
    sp.add_argument("--reply-by", type=iso_date, help="hạn gửi lại (mặc định: sau 5 ngày làm việc)")
    sp.add_argument("--xlsx", required=True)

    sp = add(
        "requests",
        lambda a, o: _urging().cmd_requests(a, o),
        "theo dõi công văn, sổ đề nghị báo cáo đã gửi đơn vị",
    )
    sp.add_argument("--all", action="store_true", help="cả các văn bản đã được trả lời")
    sp.add_argument("--department", help="chỉ văn bản gửi đơn vị này")
    sp.add_argument("--date", type=iso_date, help="ngày hôm nay (để tính số ngày trễ)")
    sp.add_argument("--json", action="store_true")

    sp = add(
        "collect",
        lambda a, o: _urging().cmd_collect(a, o),
        "nhập lại các sổ báo cáo đơn vị đã điền",
    )
    sp.add_argument("files", nargs="+")
    sp.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi")
    sp.add_argument(
        "--accept-flagged",
        action="store_true",
        help="áp dụng cả các dòng bị đánh dấu (nhiệm vụ đã thay đổi sau khi gửi)",
    )
    sp.add_argument("--json", action="store_true")

    _follow_up_commands(add)

    sp = add(
        "note",
        lambda a, o: _follow_up().cmd_note(a, o),
        "ghi tiến độ một nhiệm vụ, kèm văn bản báo cáo và tệp minh chứng",
    )
    sp.add_argument("task", type=int, help="số hiệu (#) của nhiệm vụ")
    sp.add_argument("--text", help="nội dung tiến độ")
    sp.add_argument("--document", help="văn bản báo cáo, ví dụ «Số 12/BC-UBND ngày 03/12/2026»")
    sp.add_argument("--evidence", action="append", metavar="TỆP", help="tệp minh chứng (lặp lại)")
    sp.add_argument(
        "--done",
        type=iso_date,
        nargs="?",
        const=date.today(),
        metavar="NGÀY",
        help="đồng thời đánh dấu hoàn thành (mặc định: hôm nay)",
    )

    sp = add(
        "remind",
        lambda a, o: _follow_up().cmd_remind(a, o),
        "liệt kê nhiệm vụ đến ngày nhắc; --email gửi thư nhắc việc ngay (tới chuyên viên, đơn vị)",
    )
    sp.add_argument("--email", action="store_true", help="gửi thư nhắc việc qua máy chủ thư")
    sp.add_argument("--overdue", action="store_true", help="kể cả nhiệm vụ quá hạn")
    sp.add_argument("--date", type=iso_date, help="ngày hôm nay (để tính ngày nhắc)")

    sp = add(
        "unit-email",
        lambda a, o: _follow_up().cmd_unit_email(a, o),
        "đặt địa chỉ thư nhận nhắc việc của một đơn vị",
    )
    sp.add_argument("unit", help="tên đơn vị")
    sp.add_argument("email", help="địa chỉ thư («» để bỏ)")

    sp = add("backup", lambda a, o: _backups().cmd_backup(a, o), "sao lưu cơ sở dữ liệu")
    sp.add_argument("out", nargs="?", help="tệp đích (mặc định: thư mục sao lưu)")
    sp.add_argument("--force", action="store_true", help="ghi đè tệp đích đã có")

    sp = add(
        "restore",
        lambda a, o: _backups().cmd_restore(a, o),
        "khôi phục cơ sở dữ liệu từ bản sao lưu",
    )
    sp.add_argument("file", nargs="?")
    sp.add_argument("--list", action="store_true", help="liệt kê các bản sao lưu")
    return p


def _follow_up_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """extend, extensions, cancel, restore-task, specialist (issue 21)."""
    sp = add("extend", lambda a, o: _follow_up().cmd_extend(a, o), "gia hạn thời hạn nhiệm vụ")
    sp.add_argument("task", type=_task_id, help="số nhiệm vụ (cột # của bảng)")
    sp.add_argument("--to", type=iso_date, required=True, help="hạn mới (YYYY-MM-DD)")
    sp.add_argument("--reason", required=True, help="lý do gia hạn")
    sp.add_argument("--document", help="văn bản cho phép gia hạn (số, ngày)")
    sp.add_argument("--requested-by", help="đơn vị hoặc người đề nghị gia hạn")

    sp = add(
        "extensions",
        lambda a, o: _follow_up().cmd_extensions(a, o),
        "xem hạn ban đầu và các lần gia hạn của nhiệm vụ",
    )
    sp.add_argument("task", type=_task_id)
    sp.add_argument("--date", type=iso_date, help="ngày hôm nay (để tính trạng thái)")
    sp.add_argument("--json", action="store_true")

    sp = add(
        "cancel",
        lambda a, o: _follow_up().cmd_cancel(a, o),
        "hủy / thu hồi nhiệm vụ (giữ trong hồ sơ, không tính vào số liệu)",
    )
    sp.add_argument("task", type=_task_id, nargs="+")
    sp.add_argument("--reason", required=True, help="lý do hủy, thu hồi")
    sp.add_argument("--document", help="văn bản hủy, thu hồi (số, ngày)")
    sp.add_argument(
        "--kind",
        choices=["cancelled", "withdrawn", "not_done"],
        default="cancelled",
        help="hủy (mặc định), thu hồi hoặc không thực hiện",
    )
    sp.add_argument("--date", type=iso_date, help="ngày hủy (mặc định: hôm nay)")

    sp = add(
        "restore-task",
        lambda a, o: _follow_up().cmd_restore_task(a, o),
        "khôi phục nhiệm vụ đã hủy / thu hồi",
    )
    sp.add_argument("task", type=_task_id, nargs="+")

    sp = add(
        "specialist",
        lambda a, o: _follow_up().cmd_specialist(a, o),
        "đặt chuyên viên theo dõi của một đơn vị hoặc một nhiệm vụ",
    )
    sp.add_argument("name", nargs="?", default="", help="họ tên (bỏ trống để xóa)")
    sp.add_argument("--task", type=_task_id)
    sp.add_argument("--department")
    sp.add_argument(
        "--email", metavar="ĐỊA_CHỈ", help="địa chỉ thư nhận nhắc việc của chuyên viên («» để bỏ)"
    )

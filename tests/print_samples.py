"""Test data for the print, report and calendar tests, written through app.db.ops."""

from __future__ import annotations

from datetime import date, timedelta

from app.core.deadlines.types import Deadline, DeadlineKind, Frequency, Recurrence
from app.db import ops
from app.db.reads.filters import TaskFilter
from app.db.reads.tasks import task_ids, task_rows
from app.db.store import Database
from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask

MONDAY = date(2023, 3, 6)  # the week 06/03–12/03/2023
ORG = {
    "parent": "Đảng bộ tỉnh Ninh Thuận",
    "issuer": "Văn phòng Tỉnh ủy",
    "motto": "party",
    "place": "Ninh Thuận",
    "signer_title": "Chánh Văn phòng",
    "signer_name": "Nguyễn Văn An",
}
UNITS = ("Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy")


def on(d: date, raw: str | None = None) -> Deadline:
    return Deadline(raw=raw or f"trước ngày {d:%d/%m/%Y}", kind=DeadlineKind.DATE, due=d)


def month(y: int, m: int) -> Deadline:
    first = date(y, m, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return Deadline(raw=f"Tháng {m}/{y}", kind=DeadlineKind.MONTH, start=first, due=last)


def ongoing() -> Deadline:
    return Deadline(raw="Thường xuyên", kind=DeadlineKind.ONGOING)


def listed(*days: date, raw: str = "") -> Deadline:
    return Deadline(
        raw=raw or " và ".join(f"{d:%d/%m/%Y}" for d in days),
        kind=DeadlineKind.DATE,
        due=days[0],
        occurrences=tuple(days),
    )


def monthly(day: int, first_due: date, raw: str = "") -> Deadline:
    return Deadline(
        raw=raw or f"trước ngày {day} hằng tháng",
        kind=DeadlineKind.RECURRING,
        due=first_due,
        recurrence=Recurrence(Frequency.MONTHLY, day=day),
    )


def task(text: str, lead: str | None, dl: Deadline, *coord: str, **kw) -> ExtractedTask:
    return ExtractedTask(text=text, lead=lead, coordinators=list(coord), deadline=dl, **kw)


def plan(tasks: list[ExtractedTask], number: str = "127-KH/TU", sha: str = "1" * 64):
    return ExtractedPlan(
        document=ExtractedDocument(
            title="Kế hoạch thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng",
            number=number,
            date=date(2022, 3, 31),
            issuer="TỈNH ỦY NINH THUẬN",
        ),
        tasks=tasks,
        source_name=f"{number.replace('/', '_')}.docx",
        sha256=sha,
    )


def week_tasks() -> list[ExtractedTask]:
    """Tasks around the week 06/03–12/03/2023, each text saying where it belongs."""
    to, tg, kt = UNITS
    return [
        task(
            "QUAHAN-1 Báo cáo sơ kết công tác tổ chức cán bộ quý IV", to, on(date(2023, 2, 20)), tg
        ),
        task(
            "QUAHAN-2 Rà soát quy hoạch cán bộ diện Ban Thường vụ quản lý", kt, on(date(2023, 3, 3))
        ),
        task("XONG-TRUOC Tổng kết công tác tuyên giáo năm 2022", tg, on(date(2023, 2, 28))),
        task("TUAN-1 Hội nghị quán triệt Kết luận số 21-KL/TW", tg, on(date(2023, 3, 8)), to, kt),
        task("TUAN-2 Kiểm tra việc thực hiện Quy định số 24", kt, on(date(2023, 3, 12)), to),
        task("TUAN-XONG Báo cáo chuyên đề về công tác dân vận", to, on(date(2023, 3, 7))),
        task("TUAN-KHONG-DV Góp ý dự thảo đề án của Văn phòng", None, on(date(2023, 3, 10))),
        task("SAU-1 Xây dựng kế hoạch kiểm tra chuyên đề năm 2023", kt, on(date(2023, 3, 16)), tg),
        task("SAU-2 Sơ kết một năm thực hiện Kết luận 21", to, on(date(2023, 3, 19))),
        task("XA-1 Tổng kết năm 2023", to, on(date(2023, 12, 20))),
        task("LIST-1 Báo cáo định kỳ các tháng", tg, listed(date(2023, 2, 10), date(2023, 3, 9))),
        task("THANG-3 Hoàn thiện quy chế làm việc trong tháng 3", kt, month(2023, 3)),
        task("THUONG-XUYEN Theo dõi dư luận xã hội", kt, ongoing()),
    ]


def build_week_db(db: Database) -> dict[str, int]:
    """A database for the week tests; returns task id by the text's first word."""
    ops.set_setting(db, "org", ORG)
    for name in UNITS:
        ops.create_department(db, name)
    ops.import_plan(db, plan(week_tasks()), today=date(2023, 1, 2))

    rows = task_rows(db, task_ids(db, TaskFilter(today=MONDAY)), MONDAY)
    ids = {r.text.split()[0]: r.id for r in rows}
    ops.set_completion(db, [ids["XONG-TRUOC"]], date(2023, 2, 27))
    ops.set_completion(db, [ids["TUAN-XONG"]], date(2023, 3, 6))
    # QUAHAN-1 was only finished after the list's day: it is still overdue on 06/03.
    ops.set_completion(db, [ids["QUAHAN-1"]], date(2023, 3, 20))
    return ids

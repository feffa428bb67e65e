"""The demo database: a real plan (resources/demo/plan.json) moved to the present.

The plan was signed on 31/03/2022. To make the overdue / due-soon flags meaningful on
any day, the loader moves the plan's years so it was signed within the last year (the
deadline phrases move with it and are parsed again), then, through the operations like a
user would: sets a few concrete deadlines relative to today (overdue, due this week,
later), marks some tasks done (on time and late), records progress notes, arranges
the units in a small tree and gives the office its identity (letterhead, signer).
Nothing here needs Qt, so `dondoc --demo` and tests share it.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from app.core.deadlines.parse import parse_deadline
from app.core.deadlines.terms import level_of, term_for
from app.db import ops
from app.db.changes import Change
from app.db.reads.departments import find_department
from app.db.reads.filters import SortKey, TaskFilter
from app.db.reads.tasks import task_ids, task_rows
from app.db.store import Database
from app.importers.model import ExtractedPlan
from app.resources import resource_path

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
PARENT = "Đảng ủy Khối các cơ quan tỉnh"
CHILDREN = (
    "Ban Thường vụ Đảng ủy Khối",
    "Ban Xây dựng tổ chức cơ sở đảng Đảng ủy Khối",
    "Ủy ban Kiểm tra Đảng ủy Khối",
    "Văn phòng Đảng ủy Khối",
)
AUTHOR = "Chuyên viên Văn phòng"
# The office that tracks the plan: its Party committee's letterhead (the plan was signed
# in Đà Lạt by the Đảng ủy Khối các cơ quan tỉnh Lâm Đồng); the head of office signs
# on the Standing Committee's behalf. The name is made up.
OFFICE = {
    "parent": "Đảng bộ tỉnh Lâm Đồng",
    "issuer": "Đảng ủy Khối các cơ quan tỉnh",
    "abbr": "ĐUK",
    "motto": "party",
    "place": "Đà Lạt",
    "signer_authority": "T/L Ban Thường vụ",
    "signer_title": "Chánh Văn phòng",
    "signer_name": "Trần Thị Minh Hà",
}

# Task positions in plan.json -> what happens to them, relative to today.
DUE_IN_DAYS = {16: -9, 29: -3, 50: 2, 26: 5, 12: 24, 14: -30}
DONE_DAYS_AGO = {14: 21, 13: 10}
DONE_AFTER_SIGNING = {48: 26, 15: 133}  # April (on time); mid-August, after July (late)
NOTES = {
    16: "Đã nhận văn bản của Trung ương; Văn phòng đề nghị Ban hoàn thành dự thảo, "
    "báo cáo Thường trực trước hạn.",
    29: "Ủy ban Kiểm tra đang xin ý kiến các cơ quan liên quan về dự thảo quy định.",
    50: "Đã nhắc qua điện thoại; đơn vị hẹn gửi báo cáo kết quả tiếp dân trong tuần.",
    56: "Đã có 12/18 tổ chức cơ sở đảng gửi báo cáo; đang đôn đốc các đơn vị còn lại.",
    48: "Các tổ chức cơ sở đảng đã ban hành kế hoạch cụ thể hóa và tổ chức quán triệt.",
    1: "Đã đưa nội dung kiểm tra, giám sát vào chương trình công tác năm.",
}


def demo_path():
    return resource_path("demo", "plan.json")


def load_plan() -> ExtractedPlan:
    return ExtractedPlan.from_json(json.loads(demo_path().read_text(encoding="utf-8")))


def year_shift(signed: date, today: date) -> int:
    """Years to add so the plan was signed at least two months and at most ~14 ago."""
    years = today.year - signed.year
    if _add_years(signed, years) > today - timedelta(days=60):
        years -= 1
    return years


def _add_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def shift_plan(plan: ExtractedPlan, years: int, term: tuple[int, int]) -> ExtractedPlan:
    """The same plan `years` later: dates moved, deadline phrases rewritten and re-read."""

    def shift(text: str) -> str:
        return _YEAR.sub(lambda m: str(int(m[1]) + years), text)

    doc = plan.document
    assert doc.date is not None
    doc.date = _add_years(doc.date, years)
    for task in plan.tasks:
        old = task.deadline.raw
        new = shift(old)
        if new != old:
            task.text = task.text.replace(old, new)
        task.deadline = parse_deadline(new, doc.date, term=term)
    return plan


def load_demo(db: Database, today: date | None = None) -> Change:
    """Import the demo plan into an (empty) database and bring it to life."""
    today = today or date.today()
    plan = load_plan()
    assert plan.document.date is not None
    years = year_shift(plan.document.date, today)
    signed = _add_years(plan.document.date, years)
    shift_plan(plan, years, term_for(signed, level_of(plan.document.issuer)))
    result = ops.import_plan(db, plan, today=today)
    change = result.change
    ids = task_ids(db, TaskFilter(plan_id=result.plan_id, today=today), SortKey.POSITION)
    for pos, days in DUE_IN_DAYS.items():
        due = today + timedelta(days=days)
        change = change | ops.update_task(db, ids[pos], due_override=due, today=today)
    for pos, ago in DONE_DAYS_AGO.items():
        change = change | ops.set_completion(db, [ids[pos]], today - timedelta(days=ago))
    signed = plan.document.date
    for pos, after in DONE_AFTER_SIGNING.items():
        day = min(signed + timedelta(days=after), today - timedelta(days=1))
        change = change | ops.set_completion(db, [ids[pos]], day)
    for pos, text in NOTES.items():
        change = change | ops.add_progress_note(db, ids[pos], text, author=AUTHOR).change
    change = change | _arrange_units(db)
    change = change | ops.set_setting(db, "org", OFFICE)
    return change | _urging_letters(db, ids, today)


def _urging_letters(db: Database, ids: list[int], today: date) -> Change:
    """Two letters already sent: one answered, one late, so the tracker, the tree's
    envelope and the weekly list's "đơn vị chưa báo cáo" have something to show."""
    rows = task_rows(db, [ids[pos] for pos in DUE_IN_DAYS], today)
    by_unit: dict[int, list[int]] = {}
    for row in rows:
        if row.lead_id is not None and row.completed_on is None:
            by_unit.setdefault(row.lead_id, []).append(row.id)
    units = list(by_unit.items())[:2]
    change = Change()
    for n, (unit, tasks) in enumerate(units):
        sent = today - timedelta(days=12 + 8 * n)
        record = ops.record_request(
            db,
            kind="letter" if n == 0 else "workbook",
            department_id=unit,
            sent_on=sent,
            reply_due=sent + timedelta(days=7),
            task_ids=tasks,
        )
        change = change | record.change
        if n == 1:
            change = change | ops.mark_request_replied(db, record.id, sent + timedelta(days=6))
    return change


def _arrange_units(db: Database) -> Change:
    change, parent = ops.create_department(db, PARENT, short_name="ĐUK", is_group=True)
    found = [d for d in (find_department(db, name) for name in CHILDREN) if d is not None]
    return change | ops.move_departments(db, {d.id: parent for d in found})

"""Test data for the urging loop (letters, request workbooks, replies): a realistic plan.

Everything is created through app.db.ops on the real SQLite file of the `db`
fixture; the "today" of these tests is TODAY.
"""

from __future__ import annotations

from datetime import date

from app.core.deadlines.types import Deadline, DeadlineKind
from app.db import ops
from app.db.reads.departments import require_department
from app.db.reads.filters import TaskFilter
from app.db.reads.tasks import rows_for, task_ids
from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask

TODAY = date(2023, 5, 10)
BTC = "Ban Tổ chức Đảng ủy Khối"
BTG = "Ban Tuyên giáo Đảng ủy Khối"
UBKT = "Ủy ban Kiểm tra Đảng ủy Khối"


def day(d: date, raw: str) -> Deadline:
    return Deadline(raw=raw, kind=DeadlineKind.DATE, due=d)


def quarter(q: int, year: int) -> Deadline:
    ends = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
    starts = {1: (1, 1), 2: (4, 1), 3: (7, 1), 4: (10, 1)}
    return Deadline(
        raw=f"Quý {['I', 'II', 'III', 'IV'][q - 1]}/{year}",
        kind=DeadlineKind.QUARTER,
        start=date(year, *starts[q]),
        due=date(year, *ends[q]),
    )


# (text, lead, coordinators, deadline)
TASKS_127 = [
    (
        "Tổ chức hội nghị quán triệt, triển khai Kết luận số 21-KL/TW đến cán bộ chủ chốt "
        "các cơ quan, đơn vị trong Khối",
        BTG,
        [BTC],
        quarter(1, 2023),  # overdue on TODAY
    ),
    (
        "Rà soát, bổ sung quy chế làm việc của cấp ủy theo Quy định số 24-QĐ/TW",
        BTC,
        [],
        day(date(2023, 4, 15), "trước ngày 15/4/2023"),  # overdue
    ),
    (
        "Xây dựng kế hoạch kiểm tra, giám sát việc tu dưỡng, rèn luyện đạo đức, lối sống "
        "của cán bộ, đảng viên",
        BTC,
        [UBKT],
        day(date(2023, 5, 15), "trước ngày 15/5/2023"),  # due soon
    ),
    (
        "Biểu dương, khen thưởng tập thể, cá nhân tiêu biểu trong học tập và làm theo "
        "tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        BTC,
        [BTG],
        quarter(4, 2023),  # open, not urgent
    ),
    (
        "Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2022",
        BTC,
        [],
        day(date(2023, 1, 31), "trước ngày 31/01/2023"),  # will be completed
    ),
    (
        "Theo dõi, nắm tình hình tư tưởng của cán bộ, đảng viên",
        BTC,
        [],
        Deadline(raw="Thường xuyên", kind=DeadlineKind.ONGOING, continuing=True),
    ),
]

TASKS_45 = [
    (
        "Sơ kết 01 năm thực hiện Nghị quyết số 28-NQ/TU về công tác cán bộ",
        BTC,
        [],
        day(date(2023, 3, 20), "trong tháng 3/2023"),  # overdue
    ),
]


def _plan(tasks, number: str, title: str, signed: date, sha: str) -> ExtractedPlan:
    return ExtractedPlan(
        document=ExtractedDocument(
            title=title, number=number, date=signed, issuer="ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
        ),
        tasks=[
            ExtractedTask(
                text=text, lead=lead, coordinators=list(co), deadline=dl, number=str(i + 1)
            )
            for i, (text, lead, co, dl) in enumerate(tasks)
        ],
        source_name=f"{number}.docx",
        sha256=sha * 64,
    )


def seed(db, *, second_plan: bool = True) -> dict[str, int]:
    """Import the plans; complete one task; set the office settings. Returns unit ids."""
    ops.import_plan(
        db,
        _plan(
            TASKS_127,
            "127-KH/ĐUK",
            "Kế hoạch thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng "
            "(khóa XIII) về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
            date(2022, 3, 31),
            "a",
        ),
        today=TODAY,
    )
    if second_plan:
        ops.import_plan(
            db,
            _plan(
                TASKS_45,
                "45-KH/ĐUK",
                "Kế hoạch thực hiện Nghị quyết số 28-NQ/TU về công tác cán bộ",
                date(2022, 9, 5),
                "b",
            ),
            today=TODAY,
        )
    ops.set_setting(
        db,
        "org",
        {
            "parent": "Đảng bộ tỉnh Lâm Đồng",
            "issuer": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "abbr": "ĐUK",
            "motto": "party",
            "place": "Đà Lạt",
            "signer_authority": "T/L Ban Thường vụ",
            "signer_title": "Chánh Văn phòng",
            "signer_name": "Nguyễn Văn An",
        },
    )
    ids = {name: require_department(db, name).id for name in (BTC, BTG, UBKT)}
    done = [t.id for t in rows_for(db, TaskFilter(search="xếp loại chất lượng"))]
    ops.set_completion(db, done, date(2023, 1, 30))
    return ids


def task_id(db, words: str) -> int:
    ids = task_ids(db, TaskFilter(search=words))
    assert len(ids) == 1, (words, ids)
    return ids[0]

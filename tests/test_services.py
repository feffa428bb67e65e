"""Services: every write leaves an audit entry; imports are all-or-nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.core.deadlines.types import Deadline, DeadlineKind
from app.core.status import Status
from app.db import ops
from app.db.models import AuditEntry, Department, Plan, Task
from app.db.reads.departments import department_tree, find_department
from app.db.reads.details import task_detail
from app.db.reads.filters import SortKey, TaskFilter
from app.db.reads.import_preview import preview_import
from app.db.reads.tasks import count_tasks, rows_for, task_ids, task_rows
from app.db.reads.unit_counts import UnitCounts, unit_counts
from app.errors import (
    ConflictError,
    DuplicateImportError,
    ImportCancelled,
    ImportValidationError,
    ValidationError,
)
from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask

pytestmark = pytest.mark.backends("sqlite", "postgres")

TODAY = date(2023, 5, 10)


def quarter(q: int, year: int) -> Deadline:
    starts = {1: (1, 1), 2: (4, 1), 3: (7, 1), 4: (10, 1)}
    ends = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
    return Deadline(
        raw=f"Quý {['I', 'II', 'III', 'IV'][q - 1]}/{year}",
        kind=DeadlineKind.QUARTER,
        start=date(year, *starts[q]),
        due=date(year, *ends[q]),
    )


def sample_plan(n: int = 3, sha: str = "a" * 64, number: str = "127-KH/ĐUK") -> ExtractedPlan:
    units = ["Ban Tổ chức Đảng ủy Khối", "Ban Tuyên giáo Đảng ủy Khối", "Văn phòng Đảng ủy Khối"]
    texts = [
        "Tổ chức hội nghị quán triệt Kết luận số 21-KL/TW đến cán bộ chủ chốt",
        "Rà soát, bổ sung quy chế làm việc của cấp ủy theo Quy định 24",
        "Kiểm tra, giám sát việc tu dưỡng, rèn luyện đạo đức của đảng viên",
        "Biểu dương, khen thưởng tập thể, cá nhân tiêu biểu trong học tập",
    ]
    tasks = [
        ExtractedTask(
            text=f"{texts[i % 4]} (đợt {i // 4 + 1}), số {i}",
            lead=units[i % 3],
            coordinators=[units[(i + 1) % 3]],
            section="II.1",
            number=str(i + 1),
            deadline=quarter(i % 4 + 1, 2023),
        )
        for i in range(n)
    ]
    return ExtractedPlan(
        document=ExtractedDocument(
            title="Kế hoạch thực hiện Kết luận số 21-KL/TW",
            number=number,
            date=date(2022, 3, 31),
            issuer="ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
        ),
        tasks=tasks,
        source_name="kh127.docx",
        sha256=sha,
    )


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_import_creates_plan_tasks_units_and_audit(db):
    result = ops.import_plan(db, sample_plan(), today=TODAY)
    assert len(result.added) == 3
    assert sorted(result.created_units) == sorted(
        ["Ban Tổ chức Đảng ủy Khối", "Ban Tuyên giáo Đảng ủy Khối", "Văn phòng Đảng ủy Khối"]
    )
    assert count(db, Plan) == 1 and count(db, Task) == 3 and count(db, Department) == 3
    with db.read() as s:
        rows = rows_for(db, TaskFilter(today=TODAY))
        assert [r.due for r in rows] == [date(2023, 3, 31), date(2023, 6, 30), date(2023, 9, 30)]
        assert rows[0].status == Status.OVERDUE
        assert rows[0].lead == "Ban Tổ chức Đảng ủy Khối"
        assert rows[0].coordinators == ("Ban Tuyên giáo Đảng ủy Khối",)
        actions = s.scalars(select(AuditEntry.action)).all()
        assert "import" in actions


def test_same_file_twice_is_refused_and_nothing_changes(db):
    ops.import_plan(db, sample_plan(), today=TODAY)
    with pytest.raises(DuplicateImportError, match="đã được nhập"):
        ops.import_plan(db, sample_plan(), today=TODAY)
    assert count(db, Task) == 3 and count(db, Plan) == 1


def test_same_plan_number_needs_update_and_keeps_progress(db):
    ops.import_plan(db, sample_plan(3), today=TODAY)
    first = task_ids(db, TaskFilter(today=TODAY), SortKey.POSITION)[0]
    ops.set_completion(db, [first], date(2023, 3, 20))
    ops.add_progress_note(db, first, "Đã tổ chức hội nghị quán triệt", author="vp")
    newer = sample_plan(4, sha="b" * 64)
    newer.tasks = newer.tasks[:1] + newer.tasks[2:]  # task 2 removed, task 4 added
    with pytest.raises(DuplicateImportError, match="Cập nhật"):
        ops.import_plan(db, newer, today=TODAY)
    result = ops.import_plan(db, newer, update=True, today=TODAY)
    assert result.updated and result.kept == 2
    assert len(result.added) == 1 and len(result.removed) == 1
    detail = task_detail(db, first, TODAY)
    assert detail.row.completed_on == date(2023, 3, 20)
    assert [n.text for n in detail.notes] == ["Đã tổ chức hội nghị quán triệt"]
    assert count(db, Task) == 3


def test_unknown_units_can_be_refused(db):
    with pytest.raises(ImportValidationError) as info:
        ops.import_plan(db, sample_plan(), create_units=False, today=TODAY)
    assert "Ban Tổ chức Đảng ủy Khối" in str(info.value)
    assert count(db, Task) == 0 and count(db, Department) == 0


def test_units_match_aliases_and_spelling(db):
    _, dept_id = ops.create_department(db, "Ban Tổ chức Đảng ủy Khối", aliases=["BTC ĐUK"])
    plan = sample_plan(1)
    plan.tasks[0].lead = "Ban To chuc Dang uy Khoi"
    plan.tasks[0].coordinators = ["BTC ĐUK"]
    preview = preview_import(db, plan)
    assert preview.units["Ban To chuc Dang uy Khoi"].department_id == dept_id
    assert preview.units["BTC ĐUK"].department_id == dept_id


def test_similar_but_different_units_are_not_merged(db):
    ops.create_department(db, "Sở Ngoại vụ")
    plan = sample_plan(1)
    plan.tasks[0].lead = "Sở Nội vụ"
    preview = preview_import(db, plan)
    assert "Sở Nội vụ" in preview.unknown_units
    assert preview.units["Sở Nội vụ"].department_id is None


def test_cancelled_import_writes_nothing(db):
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return False

    with pytest.raises(ImportCancelled):
        ops.import_plan(db, sample_plan(1500), progress=progress, today=TODAY)
    assert calls and count(db, Task) == 0 and count(db, Plan) == 0 and count(db, Department) == 0


def test_update_conflict_is_detected_not_overwritten(db):
    ops.import_plan(db, sample_plan(1), today=TODAY)
    (task_id,) = task_ids(db, TaskFilter(today=TODAY))
    version = task_detail(db, task_id, TODAY).row.version
    ops.update_task(db, task_id, expected_version=version, note="sửa bởi máy A")
    with pytest.raises(ConflictError) as info:
        ops.update_task(db, task_id, expected_version=version, note="sửa bởi máy B")
    assert info.value.theirs["note"] == "sửa bởi máy A"
    with db.read() as s:
        assert s.get(Task, task_id).note == "sửa bởi máy A"


def test_empty_text_is_refused(db):
    with pytest.raises(ValidationError) as info:
        ops.create_task(db, ops.TaskInput(text="   "))
    assert info.value.field == "text"


def test_delete_and_restore_round_trip(db):
    ops.import_plan(db, sample_plan(2), today=TODAY)
    ids = task_ids(db, TaskFilter(today=TODAY))
    ops.add_progress_note(db, ids[0], "tiến độ 1")
    ops.delete_tasks(db, ids)
    assert count(db, Task) == 0
    with db.read() as s:
        snaps = [e.old for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "delete"))]
    ops.restore_tasks(db, snaps)
    rows = task_rows(db, ids, TODAY)
    assert [r.id for r in rows] == ids
    assert rows[0].progress == "tiến độ 1"
    assert rows[0].lead is not None


def test_search_is_accent_insensitive_and_filters_by_department(db):
    ops.import_plan(db, sample_plan(3), today=TODAY)
    assert count_tasks(db, TaskFilter(search="quan triet", today=TODAY)) == 1
    assert count_tasks(db, TaskFilter(search="QUÝ", today=TODAY)) == 3
    assert count_tasks(db, TaskFilter(search="giam sat", today=TODAY)) == 1
    dept = find_department(db, "ban to chuc dang uy khoi")
    lead_only = TaskFilter(department_id=dept.id, role="lead", today=TODAY)
    assert count_tasks(db, lead_only) == 1
    any_role = TaskFilter(department_id=dept.id, today=TODAY)
    assert count_tasks(db, any_role) == 2
    overdue = TaskFilter(statuses=frozenset({Status.OVERDUE}), today=TODAY)
    assert count_tasks(db, overdue) == 1


def test_rename_keeps_old_name_as_alias_and_merge_moves_tasks(db):
    ops.import_plan(db, sample_plan(3), today=TODAY)
    btg = find_department(db, "Ban Tuyên giáo Đảng ủy Khối")
    vp = find_department(db, "Văn phòng Đảng ủy Khối")
    ops.update_department(db, btg.id, name="Ban Tuyên huấn Đảng ủy Khối", when=date(2025, 3, 1))
    assert find_department(db, "Ban Tuyên giáo Đảng ủy Khối").id == btg.id
    assert count_tasks(db, TaskFilter(search="tuyen huan", today=TODAY)) == 2
    ops.merge_departments(db, [vp.id], btg.id)
    assert find_department(db, "Văn phòng Đảng ủy Khối").id == btg.id
    flt = TaskFilter(department_id=btg.id, role="lead", today=TODAY)
    assert count_tasks(db, flt) == 2
    assert count(db, Department) == 2


def test_department_tree_counts(db):
    ops.import_plan(db, sample_plan(3), today=TODAY)
    roots = department_tree(db, TODAY)
    by_name = {n.name: n for n in roots}
    assert sum(n.total for n in roots) == 6  # lead + coordinating links
    assert by_name["Ban Tổ chức Đảng ủy Khối"].overdue == 1


def test_unit_counts_count_a_task_once_per_branch(db):
    ops.import_plan(db, sample_plan(3), today=TODAY)
    ids = {
        n: find_department(db, n).id
        for n in (
            "Ban Tổ chức Đảng ủy Khối",
            "Ban Tuyên giáo Đảng ủy Khối",
            "Văn phòng Đảng ủy Khối",
        )
    }
    btc, btg, vp = ids.values()
    for child in (btc, btg):
        ops.update_department(db, child, parent_id=vp)
    counts = unit_counts(db, TODAY, 7)
    # Task 1 (Quý I, overdue) is led by one child and coordinated by the other: once for
    # the branch; each child sees its own two tasks.
    assert (counts[vp].open, counts[vp].overdue) == (3, 1)
    assert counts[btc] == counts[btg] == UnitCounts(open=2, overdue=1, due_soon=0)
    (first, *_) = task_ids(db, TaskFilter(today=TODAY))
    ops.set_completion(db, [first], TODAY)
    assert unit_counts(db, TODAY, 7)[vp] == UnitCounts(open=2, overdue=0, due_soon=0)


def test_one_edit_raises_the_version_by_one(db):
    ops.import_plan(db, sample_plan(1), today=TODAY)
    (task_id,) = task_ids(db, TaskFilter(today=TODAY))
    before = task_detail(db, task_id, TODAY).row.version
    ops.update_task(db, task_id, expected_version=before, text="Nội dung mới", note="ghi chú")
    assert task_detail(db, task_id, TODAY).row.version == before + 1

"""Every operation returns what it changed, and each user action is one operation.

The window refreshes only from these values (anki's OpChanges), so they must say what
really changed; results that undo needs (new ids, deleted snapshots) come back with them.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from test_services import TODAY, sample_plan

from app.db import ops
from app.db.changes import EVERYTHING, Change, change_of
from app.db.models import AuditEntry, UnitRequest
from app.db.reads.backups import list_backups
from app.db.reads.departments import aliases, find_department
from app.db.reads.filters import TaskFilter
from app.db.reads.tasks import task_ids, task_rows
from app.errors import DonDocError

pytestmark = pytest.mark.backends("sqlite", "postgres")


def _ids(db) -> list[int]:
    return task_ids(db, TaskFilter(today=TODAY))


def test_results_carry_their_change(db):
    result = ops.import_plan(db, sample_plan(3), today=TODAY)
    assert result.change.plans and result.change.departments
    assert result.change.summary.startswith("Đã nhập Kế hoạch 127-KH/ĐUK")
    created = ops.create_department(db, "Phòng Tổng hợp")
    assert change_of(created).departments and created.id is not None
    change, dept_id = created  # still unpacks as (change, id)
    assert dept_id == created.id and change == created.change
    task = ops.create_task(db, ops.TaskInput(text="Việc mới", lead_id=dept_id), today=TODAY)
    assert task.change.tasks == {task.id}
    note = ops.add_progress_note(db, task.id, "Đã họp")
    assert note.change.tasks == {task.id} and note.id is not None
    assert change_of(ops.delete_progress_note(db, note.id)).tasks == {task.id}


def test_adding_a_name_the_unit_has_returns_no_id(db):
    ops.import_plan(db, sample_plan(1), today=TODAY)
    dept = find_department(db, "Ban Tổ chức Đảng ủy Khối")
    first = ops.add_alias(db, dept.id, "Ban TC")
    again = ops.add_alias(db, dept.id, "ban tc")
    assert first.id is not None and first.change.departments
    assert again.id is None and again.change == Change()
    assert [a.alias for a in aliases(db, dept.id)] == ["Ban TC"]


def test_deleted_tasks_come_back_from_the_returned_snapshots(db):
    ops.import_plan(db, sample_plan(3), today=TODAY)
    ids = _ids(db)

    def shown(rows):
        return [(r.id, r.text, r.lead, r.coordinators, r.due, r.completed_on) for r in rows]

    before = shown(task_rows(db, ids, TODAY))
    removed = ops.delete_tasks(db, ids[:2])
    assert removed.change.tasks == set(ids[:2]) and [s["id"] for s in removed.snapshots] == ids[:2]
    assert _ids(db) == ids[2:]
    ops.restore_tasks(db, removed.snapshots)
    assert shown(task_rows(db, ids, TODAY)) == before


def test_bulk_edits_are_undone_by_one_operation_each(db):
    ops.import_plan(db, sample_plan(3), today=TODAY)
    a, b, c = _ids(db)
    ops.set_completion(db, [a], date(2023, 4, 1))
    rows = {r.id: r for r in task_rows(db, [a, b, c], TODAY)}
    old_days = {i: rows[i].completed_on for i in (a, b, c)}
    old_leads = {i: rows[i].lead_id for i in (a, b, c)}
    ops.set_completion(db, [b, c], TODAY)
    spare = ops.create_department(db, "Phòng Hành chính").id
    ops.reassign(db, [a, b, c], spare)
    change = ops.restore_completions(db, old_days) | ops.restore_leads(db, old_leads)
    assert change.tasks == {a, b, c}
    after = {r.id: r for r in task_rows(db, [a, b, c], TODAY)}
    assert {i: after[i].completed_on for i in after} == old_days
    assert {i: after[i].lead_id for i in after} == old_leads


def test_request_operations_say_requests_changed(db):
    ops.import_plan(db, sample_plan(2), today=TODAY)
    dept = find_department(db, "Ban Tổ chức Đảng ủy Khối")
    record = ops.record_request(
        db, kind="letter", department_id=dept.id, sent_on=TODAY, reply_due=None, task_ids=_ids(db)
    )
    assert record.change.requests and not record.change.departments
    assert ops.mark_request_replied(db, record.id, TODAY).requests
    removed = ops.cancel_request(db, record.id)
    assert removed.change.requests and removed.snapshots[0]["uid"] == record.uid
    assert ops.restore_request(db, removed.snapshots[0]).requests
    with db.read() as s:
        assert s.get(UnitRequest, record.id).replied_on == TODAY


def test_sending_requests_is_all_or_nothing(db, tmp_path):
    """A file that cannot be written takes back the files and requests of the batch."""
    ops.import_plan(db, sample_plan(3), today=TODAY)
    units = [
        find_department(db, n).id for n in ("Ban Tổ chức Đảng ủy Khối", "Văn phòng Đảng ủy Khối")
    ]
    ids = _ids(db)
    drafts = [[ops.RequestDraft("letter", u, TODAY, None, tuple(ids))] for u in units]
    written = []

    def write(i, records):
        assert [r.department_id for r in records] == [units[i]]
        if i == 1:
            raise DonDocError("đĩa đầy")
        path = tmp_path / f"cv-{i}.docx"
        path.write_text("x")
        written.append(path)
        return path

    with pytest.raises(DonDocError):
        ops.send_requests(db, drafts, write)
    assert written and not any(p.exists() for p in written)
    with db.read() as s:
        assert s.scalar(select(UnitRequest.id)) is None
        actions = [a for (a,) in s.execute(select(AuditEntry.action).order_by(AuditEntry.id))]
    assert actions[-4:] == ["request", "request", "cancel_request", "cancel_request"]
    sent = ops.send_requests(db, drafts, lambda i, _r: tmp_path / f"ok-{i}.docx")
    assert sent.change.requests and [r.department_id for r in sent.records] == units
    assert sent.files == [tmp_path / "ok-0.docx", tmp_path / "ok-1.docx"]


def test_undoing_a_unit_edit_drops_the_aliases_its_rename_made(db):
    ops.import_plan(db, sample_plan(1), today=TODAY)
    dept = find_department(db, "Ban Tổ chức Đảng ủy Khối")
    when = date(2025, 3, 1)
    ops.update_department(db, dept.id, name="Ban Tổ chức - Nội vụ", short_name="BTC", when=when)
    assert [(a.alias, a.valid_until) for a in aliases(db, dept.id)] == [
        ("Ban Tổ chức Đảng ủy Khối", when)
    ]
    change = ops.undo_department_edit(
        db,
        dept.id,
        name="Ban Tổ chức Đảng ủy Khối",
        short_name="",
        parent_id=None,
        active=True,
        when=when,
    )
    assert change.departments
    back = find_department(db, "Ban Tổ chức Đảng ủy Khối")
    assert (back.id, back.name, back.short_name) == (dept.id, "Ban Tổ chức Đảng ủy Khối", "")
    assert aliases(db, dept.id) == []
    assert find_department(db, "Ban Tổ chức - Nội vụ") is None


def test_units_move_together_and_back(db):
    ops.import_plan(db, sample_plan(3), today=TODAY)
    top = ops.create_department(db, "Đảng ủy Khối").id
    units = [find_department(db, n) for n in ("Ban Tổ chức Đảng ủy Khối", "Văn phòng Đảng ủy Khối")]
    ops.move_departments(db, {u.id: top for u in units})
    assert {find_department(db, u.name).parent_id for u in units} == {top}
    ops.move_departments(db, {u.id: u.parent_id for u in units})
    assert {find_department(db, u.name).parent_id for u in units} == {None}


@pytest.mark.backends("sqlite")
def test_import_and_merge_back_up_first_when_asked(db):
    ops.import_plan(db, sample_plan(2), today=TODAY)
    assert list_backups(db) == []
    ops.import_plan(db, sample_plan(3, sha="b" * 64, number="128-KH/ĐUK"), backup=True)
    a, b = (
        find_department(db, n).id for n in ("Ban Tổ chức Đảng ủy Khối", "Văn phòng Đảng ủy Khối")
    )
    ops.merge_departments(db, [a], b, backup=True)
    assert [x.reason for x in list_backups(db)] == ["merge", "import"]


@pytest.mark.backends("sqlite")
def test_restoring_a_backup_says_everything_changed(db, tmp_path):
    ops.import_plan(db, sample_plan(2), today=TODAY)
    saved = ops.back_up(db, tmp_path / "copy.db")
    ops.delete_tasks(db, _ids(db))
    restored = ops.restore_backup(db, saved)
    assert restored.safety is not None and restored.safety.exists()
    assert restored.change.structure and restored.change.settings and restored.change.requests
    assert restored.change.summary == "Đã khôi phục dữ liệu"
    assert EVERYTHING.departments and EVERYTHING.plans


def test_one_list_of_task_fields(db):
    """TaskInput names a task's fields once: update_task takes them, a detail gives them."""
    from dataclasses import fields

    from app.db.reads.details import task_detail
    from app.db.taskdata import EDITABLE

    names = {f.name for f in fields(ops.TaskInput)}
    assert set(EDITABLE) == names - {"plan_id"}
    ops.import_plan(db, sample_plan(1), today=TODAY)
    (task_id,) = _ids(db)
    detail = task_detail(db, task_id, TODAY)
    assert set(detail.values()) == names
    again = ops.TaskInput(**detail.values())  # a stored task is a valid input as it is
    assert again.text == detail.row.text and again.deadline == detail.deadline
    with pytest.raises(TypeError):
        ops.update_task(db, task_id, plan_id=None)

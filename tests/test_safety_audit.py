"""Every operation that changes data leaves an audit entry: who (OS user), when, what, old → new.

The table below calls each public write operation of `app.db.ops`; one added later
without an entry here fails `test_every_service_is_covered`, so none is missed.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from _safety_tools import big_plan
from sqlalchemy import select

from app.core.deadlines.types import Deadline, DeadlineKind, Frequency, Recurrence
from app.db import ops
from app.db.models import (
    AuditEntry,
    Department,
    DepartmentAlias,
    Plan,
    ProgressNote,
    Task,
    TaskDepartment,
)
from app.db.reads.requests import request_snapshot

pytestmark = pytest.mark.backends("sqlite", "postgres")

# Operations that do not change the data: a copy of the file, or the file replaced by a
# backup (whose own history is what it holds).
NOT_DATA = {"back_up", "restore_backup"}
TODAY = date(2024, 5, 10)


@dataclass
class World:
    """A database with a plan of 6 tasks, a spare department and ids to act on."""

    db: object
    plan_id: int
    tasks: list[int]
    depts: dict[str, int]

    def task(self, i: int = 0) -> int:
        return self.tasks[i]


def _world(db) -> World:
    plan = big_plan(6)
    plan.tasks[5].deadline = Deadline(
        raw="trước ngày 30/10 hàng năm",
        kind=DeadlineKind.RECURRING,
        due=date(2024, 10, 30),
        recurrence=Recurrence(freq=Frequency.YEARLY, month=10, day=30),
    )
    ops.import_plan(db, plan, today=TODAY)
    _, spare = ops.create_department(db, "Phòng Hành chính", aliases=["PHC"])
    with db.read() as s:
        plan_id = s.scalar(select(Plan.id))
        tasks = list(s.scalars(select(Task.id).order_by(Task.id)))
        depts = {d.name: d.id for d in s.scalars(select(Department))}
    depts["spare"] = spare
    return World(db, plan_id, tasks, depts)


def _new_version():
    """The plan of `_world` again, from another file: one task dropped, one text edited."""
    plan = big_plan(6, sha="v2")
    plan.tasks[5].deadline = Deadline(
        raw="trước ngày 30/10 hàng năm",
        kind=DeadlineKind.RECURRING,
        due=date(2024, 10, 30),
        recurrence=Recurrence(freq=Frequency.YEARLY, month=10, day=30),
    )
    plan.tasks[1].text += " (sửa)"
    del plan.tasks[2]
    return plan


def _deleted_snapshots(w: World) -> list[dict]:
    returned = ops.delete_tasks(w.db, [w.task(1)]).snapshots
    with w.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "delete")).first()
    assert returned == [entry.old]  # what undo needs, as the audit log kept it
    return [entry.old]


def _note_id(w: World) -> int:
    ops.add_progress_note(w.db, w.task(), "Đã họp triển khai")
    with w.db.read() as s:
        return s.scalar(select(ProgressNote.id))


def _evidence_file(w: World):
    path = w.tmp / "Báo cáo số 12.pdf"
    path.write_bytes(b"%PDF-1.4 minh chung")
    return path


def _evidence_id(w: World) -> int:
    from app.db.models import EvidenceFile

    ops.record_progress(w.db, w.task(), "Đã báo cáo", files=[_evidence_file(w)])
    with w.db.read() as s:
        return s.scalar(select(EvidenceFile.id))


def _lead_of_first(w: World) -> int:
    with w.db.read() as s:
        return s.scalar(
            select(TaskDepartment.department_id).where(
                TaskDepartment.task_id == w.task(), TaskDepartment.role == "lead"
            )
        )


def _split_first(w: World) -> dict:
    return ops.split_department(w.db, _lead_of_first(w), {w.task(): w.depts["spare"]}).undo


def _alias_id(w: World) -> int:
    with w.db.read() as s:
        return s.scalar(select(DepartmentAlias.id))


def _request(w: World) -> int:
    record = ops.record_request(
        w.db,
        kind="workbook",
        department_id=w.depts["Ban Tổ chức Tỉnh ủy"],
        sent_on=TODAY,
        reply_due=None,
        task_ids=[w.task(0)],
        file_name="",
    )
    return record.id


def _cancelled_request(w: World) -> dict:
    req_id = _request(w)
    snap = request_snapshot(w.db, req_id)
    (returned,) = ops.cancel_request(w.db, req_id).snapshots
    assert returned == snap
    return snap


def _filled_reply(w: World):
    """The unit's request workbook, answered: 'done' on its first task."""
    import openpyxl

    from app.exports.urging.requests import write_request_workbook
    from app.importers.replies import read_reply
    from app.importers.request_format import DATA_SHEET, HEADER_ROW

    path = write_request_workbook(
        w.db, w.tmp / "de-nghi.xlsx", "Ban Tổ chức Tỉnh ủy", day=TODAY
    ).files[0]
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    cols = {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    ws.cell(HEADER_ROW + 1, cols["Kết quả thực hiện"]).value = "Đã tổ chức hội nghị"
    ws.cell(HEADER_ROW + 1, cols["Đã hoàn thành? (có/không)"]).value = "có"
    filled = w.tmp / "da-dien.xlsx"
    wb.save(filled)
    return read_reply(filled)


@dataclass(frozen=True)
class Case:
    call: Callable[[World], object]
    action: str
    has_old: bool = False  # the entry holds the value before the change
    prepare: Callable[[World], object] | None = None


def _single(w: World) -> int:
    """A task with one due date (a recurring one is not extended as a whole)."""
    from app.db.reads.details import task_detail

    return next(t for t in w.tasks if not task_detail(w.db, t, TODAY).occurrences)


def _extension_id(w: World):
    return ops.extend_task(w.db, _single(w), date(2100, 1, 1), reason="Chờ hướng dẫn").id


def _cancelled(w: World):
    ops.cancel_tasks(w.db, [w.task()], ops.Cancellation("Trùng lặp"))


_FAR = date(2100, 1, 1)

CASES: dict[str, Case] = {
    "extend_task": Case(
        lambda w: ops.extend_task(w.db, _single(w), _FAR, reason="Chờ hướng dẫn"), "extend", True
    ),
    "undo_extension": Case(
        lambda w: ops.undo_extension(w.db, w.prepared), "unextend", True, prepare=_extension_id
    ),
    "cancel_tasks": Case(
        lambda w: ops.cancel_tasks(w.db, [w.task()], ops.Cancellation("Trùng lặp")), "cancel", True
    ),
    "set_cancellations": Case(
        lambda w: ops.set_cancellations(w.db, {w.task(): ops.Cancellation("Trùng lặp")}),
        "cancel",
        True,
    ),
    "restore_cancelled": Case(
        lambda w: ops.restore_cancelled(w.db, [w.task()]), "uncancel", True, prepare=_cancelled
    ),
    "set_unit_specialist": Case(
        lambda w: ops.set_unit_specialist(w.db, w.depts["spare"], "Lê Hà"), "specialist", True
    ),
    "import_plan": Case(
        lambda w: ops.import_plan(w.db, big_plan(2, number="7-KH/TU"), today=TODAY),
        "import",
    ),
    "create_task": Case(
        lambda w: ops.create_task(w.db, ops.TaskInput(text="Việc mới", lead_id=None)),
        "create",
    ),
    "update_task": Case(
        lambda w: ops.update_task(w.db, w.task(), note="ghi chú mới"), "update", True
    ),
    "set_completion": Case(lambda w: ops.set_completion(w.db, [w.task()], TODAY), "complete", True),
    "reassign": Case(lambda w: ops.reassign(w.db, [w.task()], w.depts["spare"]), "reassign", True),
    "restore_completions": Case(
        lambda w: ops.restore_completions(w.db, {w.task(): TODAY, w.task(1): None}),
        "complete",
        True,
    ),
    "restore_leads": Case(
        lambda w: ops.restore_leads(w.db, {w.task(): w.depts["spare"]}), "reassign", True
    ),
    "delete_tasks": Case(lambda w: ops.delete_tasks(w.db, [w.task()]), "delete", True),
    "restore_tasks": Case(
        lambda w: ops.restore_tasks(w.db, w.prepared), "restore", prepare=_deleted_snapshots
    ),
    "add_progress_note": Case(
        lambda w: ops.add_progress_note(w.db, w.task(), "Đã xong bước 1"), "note"
    ),
    "delete_progress_note": Case(
        lambda w: ops.delete_progress_note(w.db, w.prepared),
        "delete_note",
        True,
        prepare=_note_id,
    ),
    "record_progress": Case(
        lambda w: ops.record_progress(
            w.db, w.task(), "Đã xong", document="Số 12/BC-UBND", files=[_evidence_file(w)]
        ),
        "evidence",
    ),
    "attach_evidence": Case(
        lambda w: ops.attach_evidence(w.db, w.prepared, [_evidence_file(w)]),
        "evidence",
        prepare=_note_id,
    ),
    "detach_evidence": Case(
        lambda w: ops.detach_evidence(w.db, [w.prepared]),
        "evidence_remove",
        True,
        prepare=_evidence_id,
    ),
    "remove_note": Case(
        lambda w: ops.remove_note(w.db, w.prepared), "delete_note", True, prepare=_note_id
    ),
    "set_department_email": Case(
        lambda w: ops.set_department_email(w.db, w.depts["spare"], "phc@tinh.gov.vn"), "email"
    ),
    "set_specialist_email": Case(
        lambda w: ops.set_specialist_email(w.db, "Lê Thị Mai", "mai@tinh.gov.vn"), "email"
    ),
    "record_digest": Case(
        lambda w: ops.record_digest(w.db, {"phc@tinh.gov.vn": [w.task()]}, []), "remind"
    ),
    "refresh_occurrences": Case(
        lambda w: ops.refresh_occurrences(w.db, today=TODAY + timedelta(days=800)),
        "occurrences",
    ),
    "maintain": Case(
        lambda w: ops.maintain(w.db, today=TODAY + timedelta(days=800)), "occurrences"
    ),
    "create_department": Case(lambda w: ops.create_department(w.db, "Phòng Tổng hợp"), "create"),
    "update_department": Case(
        lambda w: ops.update_department(w.db, w.depts["spare"], name="Phòng Hành chính - TH"),
        "update",
        True,
    ),
    "move_departments": Case(
        lambda w: ops.move_departments(w.db, {w.depts["spare"]: w.depts["Sở Tài chính"]}),
        "update",
        True,
    ),
    "undo_department_edit": Case(
        lambda w: ops.undo_department_edit(
            w.db,
            w.depts["spare"],
            name="Phòng Hành chính cũ",
            short_name="",
            parent_id=None,
            active=True,
            when=TODAY,
        ),
        "update",
        True,
    ),
    "add_alias": Case(lambda w: ops.add_alias(w.db, w.depts["spare"], "P.HC"), "alias"),
    "remove_alias": Case(
        lambda w: ops.remove_alias(w.db, w.prepared), "unalias", True, prepare=_alias_id
    ),
    "add_dated_aliases": Case(
        lambda w: ops.add_dated_aliases(w.db, [(w.depts["spare"], "Phòng Văn thư", TODAY)]),
        "alias",
    ),
    "remove_aliases": Case(
        lambda w: ops.remove_aliases(w.db, [w.prepared]), "unalias", True, prepare=_alias_id
    ),
    "split_department": Case(
        lambda w: ops.split_department(w.db, w.prepared, {w.task(): w.depts["spare"]}),
        "split",
        True,
        prepare=_lead_of_first,
    ),
    "undo_split": Case(lambda w: ops.undo_split(w.db, w.prepared), "unsplit", prepare=_split_first),
    "merge_departments": Case(
        lambda w: ops.merge_departments(
            w.db, [w.depts["Sở Tài chính"]], w.depts["Sở Kế hoạch và Đầu tư"]
        ),
        "merge",
        True,
    ),
    "delete_department": Case(
        lambda w: ops.delete_department(w.db, w.depts["spare"]), "delete", True
    ),
    "set_setting": Case(lambda w: ops.set_setting(w.db, "soon_days", 5), "setting", True),
    "set_calendar_day": Case(
        lambda w: ops.set_calendar_day(w.db, date(2024, 9, 2), False, "Nghỉ lễ"), "calendar"
    ),
    "delete_plan": Case(lambda w: ops.delete_plan(w.db, w.plan_id), "delete", True),
    "record_request": Case(_request, "request"),
    "send_requests": Case(
        lambda w: ops.send_requests(
            w.db,
            [
                [
                    ops.RequestDraft(
                        "letter", w.depts["Ban Tổ chức Tỉnh ủy"], TODAY, None, (w.task(0),)
                    )
                ]
            ],
            lambda _i, _records: w.tmp / "cong-van.docx",
        ),
        "request",
    ),
    "set_request_file": Case(
        lambda w: ops.set_request_file(w.db, w.prepared, "de-nghi.xlsx"),
        "request_file",
        True,
        prepare=_request,
    ),
    "cancel_request": Case(
        lambda w: ops.cancel_request(w.db, w.prepared), "cancel_request", True, _request
    ),
    "restore_request": Case(
        lambda w: ops.restore_request(w.db, w.prepared),
        "restore_request",
        prepare=_cancelled_request,
    ),
    "mark_request_replied": Case(
        lambda w: ops.mark_request_replied(w.db, w.prepared, TODAY),
        "reply",
        True,
        prepare=_request,
    ),
    "update_plan": Case(
        lambda w: ops.update_plan(
            w.db, w.plan_id, _new_version(), remove_missing=True, today=TODAY
        ),
        "reimport",
        True,
    ),
    "undo_plan_update": Case(
        lambda w: ops.undo_plan_update(w.db, w.prepared),
        "undo_reimport",
        prepare=lambda w: (
            ops.update_plan(w.db, w.plan_id, _new_version(), remove_missing=True, today=TODAY).undo
        ),
    ),
    "apply_replies": Case(
        lambda w: ops.apply_replies(w.db, [w.prepared], today=TODAY),
        "collect",
        prepare=_filled_reply,
    ),
}


def _writers() -> set[str]:
    return {
        name
        for name in ops.__all__
        if callable(getattr(ops, name))
        and not isinstance(getattr(ops, name), type)
        and name not in NOT_DATA
    }


@pytest.mark.backends("sqlite")
def test_every_service_is_covered(backend):
    missing = sorted(_writers() - set(CASES))
    assert not missing, f"add these services to CASES (audit test): {missing}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_service_leaves_an_audit_entry_with_the_os_user(db, name, tmp_path):
    case = CASES[name]
    w = _world(db)
    w.tmp = tmp_path
    w.prepared = case.prepare(w) if case.prepare else None
    with db.read() as s:
        last = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()))
    started = datetime.now().replace(microsecond=0)
    case.call(w)
    with db.read() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.id > last).order_by(AuditEntry.id)
        ).all()
    assert entries, f"{name} changed data without an audit entry"
    mine = [e for e in entries if e.action == case.action]
    assert mine, f"{name}: actions {[e.action for e in entries]}, expected {case.action}"
    for e in entries:
        assert e.user == getpass.getuser()
        assert started - timedelta(seconds=2) <= e.at <= datetime.now() + timedelta(seconds=2)
        assert e.summary and e.entity
    entry = mine[0]
    if case.has_old:
        assert entry.old, f"{name}: the value before the change is missing"
        if entry.new is not None:
            assert entry.old != entry.new
    else:
        assert entry.new, f"{name}: the new value is missing"


def test_update_audit_holds_old_and_new_values(db):
    w = _world(db)
    ops.update_task(db, w.task(), note="trước")
    ops.update_task(db, w.task(), note="sau", product="Báo cáo quý")
    with db.read() as s:
        e = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "update", AuditEntry.entity_id == w.task())
            .order_by(AuditEntry.id.desc())
        ).first()
    assert (e.old["note"], e.new["note"]) == ("trước", "sau")
    assert e.new["product"] == "Báo cáo quý"
    assert "ghi chú" in e.summary and "sản phẩm" in e.summary


def test_refreshing_occurrences_touches_only_recurring_tasks(db):
    w = _world(db)  # tasks 1 and 6 recur yearly; the others have dates
    recurring = {w.task(0), w.task(5)}
    with db.read() as s:
        before = {t.id: [o.due_date for o in t.occurrences] for t in s.scalars(select(Task))}
        plain = set(s.scalars(select(Task.id).where(Task.recurrence.is_(None))))
    assert plain == set(w.tasks) - recurring  # stored as SQL NULL, not JSON 'null'
    change = ops.refresh_occurrences(db, today=TODAY + timedelta(days=800))
    assert change.tasks == recurring
    with db.read() as s:
        after = {t.id: [o.due_date for o in t.occurrences] for t in s.scalars(select(Task))}
    assert {k: after[k] for k in plain} == {k: before[k] for k in plain}
    assert all(len(after[k]) > len(before[k]) for k in recurring)

"""Extensions, cancellations and specialists through the real ops, on SQLite and
PostgreSQL: the status follows the extended date, history and audit are kept, undo and
restore put everything back, cancelled tasks leave counts and reports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.core.deadlines.types import Deadline, DeadlineKind
from app.core.status import OPEN_STATUSES, Status
from app.db import ops
from app.db.reads.audit import AuditFilter, audit_ids, audit_rows
from app.db.reads.calendar import summary as calendar_summary
from app.db.reads.departments import find_department
from app.db.reads.details import task_detail
from app.db.reads.filters import TaskFilter
from app.db.reads.follow_up import cancelled_tasks, extensions_of, specialists
from app.db.reads.notice import build_notice
from app.db.reads.reports import report_items
from app.db.reads.tasks import count_tasks, status_counts, task_ids, task_rows
from app.db.reads.unit_counts import unit_counts
from app.db.taskdata import TaskInput
from app.errors import ValidationError

pytestmark = [
    pytest.mark.backends("sqlite", "postgres"),
    # a cartesian product (a view joining tasks by mistake) fails, not just warns
    pytest.mark.filterwarnings("error::sqlalchemy.exc.SAWarning"),
]

TODAY = date(2026, 6, 20)


def _actions(db, task_id: int) -> list[str]:
    rows = audit_rows(db, audit_ids(db, AuditFilter()))
    return [r.action for r in rows if r.entity == "task" and r.entity_id == task_id]


def _dated(db, text: str, due: date, lead: int | None = None, **kw) -> int:
    dl = Deadline(raw=f"trước ngày {due:%d/%m/%Y}", kind=DeadlineKind.DATE, due=due)
    return ops.create_task(
        db, TaskInput(text=text, deadline=dl, lead_id=lead, **kw), today=TODAY
    ).id


def test_an_extension_moves_the_status_to_the_new_date_and_keeps_history(db, backend):
    tid = _dated(db, "Báo cáo sơ kết", TODAY - timedelta(days=5))
    assert task_rows(db, [tid], TODAY)[0].status == Status.OVERDUE
    first = ops.extend_task(
        db,
        tid,
        TODAY + timedelta(days=3),
        reason="Chờ số liệu của Sở Tài chính",
        document="Công văn số 12/UBND ngày 18/6/2026",
        requested_by="Sở Kế hoạch và Đầu tư",
    )
    row = task_rows(db, [tid], TODAY)[0]
    assert (row.status, row.due, row.extensions) == (Status.DUE_SOON, TODAY + timedelta(days=3), 1)
    ops.extend_task(db, tid, TODAY + timedelta(days=30), reason="Thêm nội dung")
    detail = task_detail(db, tid, TODAY)
    assert detail.original_due == TODAY - timedelta(days=5)
    assert [e.new_due for e in detail.extensions] == [
        TODAY + timedelta(days=3),
        TODAY + timedelta(days=30),
    ]
    assert detail.extensions[0].document == "Công văn số 12/UBND ngày 18/6/2026"
    assert detail.extensions[0].requested_by == "Sở Kế hoạch và Đầu tư"
    assert detail.row.status == Status.OPEN
    # the filter, the counts and the notice all judge against the extended date
    assert count_tasks(db, TaskFilter(statuses=frozenset({Status.OVERDUE}), today=TODAY)) == 0
    assert build_notice(db, TODAY).overdue == 0
    # the audit log says what happened
    actions = _actions(db, tid)
    assert actions.count("extend") == 2
    # reports count the extended task
    assert [i.extended_on for i in report_items(db, TODAY)] != [None]
    # an extension is undone from the latest: only the latest can go
    with pytest.raises(ValidationError):
        ops.undo_extension(db, first.id)
    second = extensions_of(db, tid)[-1].id
    ops.undo_extension(db, second)
    ops.undo_extension(db, first.id)
    row = task_rows(db, [tid], TODAY)[0]
    assert (row.status, row.due, row.extensions) == (Status.OVERDUE, TODAY - timedelta(days=5), 0)
    # the deadline phrase read again keeps its own date again (the manual flag went back)
    assert task_detail(db, tid, TODAY).due_override is False


def test_an_extension_needs_a_reason_and_a_later_date(db, backend):
    tid = _dated(db, "Tổng kết", TODAY)
    with pytest.raises(ValidationError, match="lý do"):
        ops.extend_task(db, tid, TODAY + timedelta(days=5), reason="  ")
    with pytest.raises(ValidationError, match="phải sau"):
        ops.extend_task(db, tid, TODAY - timedelta(days=1), reason="Lùi hạn")
    assert extensions_of(db, tid) == ()


def test_an_extended_deadline_survives_editing_the_phrase_and_deleting(db, backend):
    tid = _dated(db, "Xây dựng đề án", TODAY)
    ops.extend_task(db, tid, TODAY + timedelta(days=60), reason="Chờ hướng dẫn")
    ops.update_task(db, tid, note="ghi chú mới")
    assert task_rows(db, [tid], TODAY)[0].due == TODAY + timedelta(days=60)
    removed = ops.delete_tasks(db, [tid])
    ops.restore_tasks(db, removed.snapshots)
    assert [e.new_due for e in extensions_of(db, tid)] == [TODAY + timedelta(days=60)]


def test_cancelled_tasks_leave_counts_and_reports_and_come_back(db, backend):
    ops.create_department(db, "Ban Tổ chức")
    unit = find_department(db, "Ban Tổ chức").id
    late = _dated(db, "Việc quá hạn", TODAY - timedelta(days=3), lead=unit)
    keep = _dated(db, "Việc còn lại", TODAY - timedelta(days=1), lead=unit)
    assert unit_counts(db, TODAY, 7)[unit].overdue == 2
    everything = TaskFilter(today=TODAY)
    done = ops.cancel_tasks(
        db,
        [late],
        ops.Cancellation("Không còn phù hợp", "withdrawn", "Quyết định số 5/QĐ ngày 1/6/2026"),
    )
    assert done.before == {late: None}
    row = task_rows(db, [late], TODAY)[0]
    assert row.status == Status.CANCELLED and row.cancelled_on == date.today()
    assert unit_counts(db, TODAY, 7)[unit].overdue == 1
    assert unit_counts(db, TODAY, 7)[unit].open == 1
    assert set(task_ids(db, TaskFilter(statuses=OPEN_STATUSES, today=TODAY))) == {keep}
    assert status_counts(db, TaskFilter(today=TODAY))[Status.CANCELLED] == 1
    assert {i.task_id for i in report_items(db, TODAY)} == {keep}
    # the calendar's month grid counts only the task still to be done (SQLite only: the
    # month grid's query fails on PostgreSQL already before this change, see the report)
    if backend == "sqlite":
        start, end = TODAY.replace(day=1), TODAY + timedelta(days=31)
        month = calendar_summary(db, start, end, everything, 3)
        assert sum(sum(c.values()) for c in month.counts.values()) == 1
    [gone] = cancelled_tasks(db)
    assert (gone.id, gone.kind, gone.reason) == (late, "withdrawn", "Không còn phù hợp")
    assert gone.document == "Quyết định số 5/QĐ ngày 1/6/2026" and gone.lead == "Ban Tổ chức"
    with pytest.raises(ValidationError, match="hủy"):
        ops.extend_task(db, late, TODAY + timedelta(days=9), reason="x")
    # restore (the explicit action, and what undo of a cancellation calls)
    back = ops.restore_cancelled(db, [late])
    assert back.before[late] is not None and back.before[late].kind == "withdrawn"
    assert task_rows(db, [late], TODAY)[0].status == Status.OVERDUE
    assert cancelled_tasks(db) == []
    # undo of the restore: the same cancellation again
    ops.set_cancellations(db, back.before)
    assert cancelled_tasks(db)[0].document == "Quyết định số 5/QĐ ngày 1/6/2026"
    actions = _actions(db, late)
    assert actions.count("cancel") == 2 and actions.count("uncancel") == 1


def test_a_cancellation_needs_a_reason(db, backend):
    tid = _dated(db, "Việc", TODAY)
    with pytest.raises(ValidationError, match="lý do"):
        ops.cancel_tasks(db, [tid], ops.Cancellation(""))
    assert cancelled_tasks(db) == []


def test_a_task_specialist_overrides_its_unit_and_the_filter_finds_it(db, backend):
    for name in ("Ban Tổ chức", "Ban Tuyên giáo"):
        ops.create_department(db, name)
    btc = find_department(db, "Ban Tổ chức").id
    btg = find_department(db, "Ban Tuyên giáo").id
    ops.set_unit_specialist(db, btc, "Nguyễn Thị Lan")
    a = _dated(db, "Việc của Ban Tổ chức", TODAY, lead=btc)
    b = _dated(db, "Việc riêng", TODAY, lead=btc, specialist="Trần Văn Minh")
    c = _dated(db, "Việc Ban Tuyên giáo", TODAY, lead=btg)
    rows = {r.id: r.specialist for r in task_rows(db, [a, b, c], TODAY)}
    assert rows == {a: "Nguyễn Thị Lan", b: "Trần Văn Minh", c: ""}
    mine = TaskFilter(specialist="Nguyễn Thị Lan", today=TODAY)
    assert task_ids(db, mine) == [a]
    ops.update_task(db, c, specialist="Nguyễn Thị Lan")
    assert set(task_ids(db, mine)) == {a, c}
    assert specialists(db) == ["Nguyễn Thị Lan", "Trần Văn Minh"]
    assert find_department(db, "Ban Tổ chức").specialist == "Nguyễn Thị Lan"
    # the notice lists the user's own tasks first
    notice = build_notice(db, TODAY, me="Trần Văn Minh")
    assert notice.warned[0][1].id == b and notice.mine_upcoming == 1


def test_migration_0009_goes_down_and_up_again(db, backend):
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import inspect

    from app.db.store import _alembic_config

    tid = _dated(db, "Việc có chuyên viên", TODAY, specialist="Lê Hà")
    before = ScriptDirectory.from_config(_alembic_config()).get_revision("0009_extensions")
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), before.down_revision)
    insp = inspect(db.engine)
    assert not insp.has_table("task_extensions")
    assert "specialist" not in {c["name"] for c in insp.get_columns("tasks")}
    db.migrate("head")
    assert inspect(db.engine).has_table("task_extensions")
    assert task_rows(db, [tid], TODAY)[0].specialist == ""  # columns back, empty

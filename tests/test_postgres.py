"""The same app on PostgreSQL and SQLite: migrations, sorting, JSON, search, two editors.

The PostgreSQL server is real (tests/_pg_server.py starts one per session, with ICU's
Vietnamese collation as an office server would have). Tests marked with both backends
run twice; the others need PostgreSQL itself.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from _safety_tools import big_plan
from sqlalchemy import select, text

from app.core.deadlines.types import Deadline, DeadlineKind
from app.db import ops
from app.db.models import AuditEntry, Task
from app.db.reads.departments import all_departments
from app.db.reads.details import task_detail
from app.db.reads.filters import SortKey, TaskFilter
from app.db.reads.plans import plans
from app.db.reads.settings import setting, soon_days
from app.db.reads.tasks import count_tasks, task_ids, task_rows
from app.db.revisions import head_revision
from app.db.store import Database
from app.errors import ConflictError, DatabaseError

both = pytest.mark.backends("sqlite", "postgres")
TODAY = date(2024, 5, 10)


@pytest.fixture
def pg_url(pg_server):
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.mark.postgres
def test_migrations_run_step_by_step_on_postgres(pg_url):
    db = Database.open(pg_url, migrate=False)
    try:
        assert db.current_revision() is None
        db.migrate("0001")
        assert db.current_revision() == "0001"
        db.migrate()
        assert db.current_revision() == head_revision()
        with db.engine.connect() as conn:
            tables = set(
                conn.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                ).scalars()
            )
        assert {"plans", "tasks", "departments", "audit_log", "calendar_days"} <= tables
    finally:
        db.close()


@pytest.mark.postgres
def test_a_newer_schema_on_postgres_is_refused_and_left_alone(pg_url):
    Database.open(pg_url).close()
    db = Database.open(pg_url, migrate=False)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999_future'"))
    db.close()
    with pytest.raises(DatabaseError) as info:
        Database.open(pg_url)
    assert info.value.reason == "newer" and "mới hơn" in str(info.value)
    db = Database.open(pg_url, migrate=False)
    try:
        assert db.current_revision() == "0999_future"
    finally:
        db.close()


@pytest.mark.postgres
def test_two_instances_starting_together_migrate_once(pg_url):
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def start() -> None:
        try:
            barrier.wait()
            Database.open(pg_url).close()
        except BaseException as ex:  # collected and re-raised in the test thread
            errors.append(ex)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    db = Database.open(pg_url)
    try:
        assert db.current_revision() == head_revision()
    finally:
        db.close()


def test_an_unreachable_server_is_a_clear_error_without_the_password():
    url = "postgresql://vanphong:matkhau-bi-mat@127.0.0.1:1/dondoc?connect_timeout=3"
    with pytest.raises(DatabaseError) as info:
        Database.open(url)
    msg = str(info.value)
    assert info.value.reason == "server"
    assert "matkhau-bi-mat" not in msg and "127.0.0.1" in msg
    assert "máy chủ" in msg


@both
def test_vietnamese_sort_order_is_the_same_on_both_backends(db):
    words = ["Ương", "Anh", "Ăn", "Âm", "Bình", "Đông", "Dung", "Ơn", "Ô", "Oanh", "Ý", "Yên"]
    plan = big_plan(len(words))
    for t, w in zip(plan.tasks, words):
        t.text = f"{w} nhiệm vụ"
    ops.import_plan(db, plan, today=TODAY)
    ids = task_ids(db, TaskFilter(today=TODAY), SortKey.TEXT)
    got = [r.text.split()[0] for r in task_rows(db, ids, TODAY)]
    assert got == ["Anh", "Ăn", "Âm", "Bình", "Dung", "Đông", "Oanh", "Ô", "Ơn", "Ương", "Ý", "Yên"]


@both
def test_departments_sort_by_vietnamese_order_in_the_lead_column(db):
    names = ["Văn phòng", "Ban Đối ngoại", "Ban Dân vận", "Ủy ban Kiểm tra", "Ban Tổ chức"]
    for n in names:
        ops.create_department(db, n)
    ids = {d.name: d.id for d in all_departments(db)}
    assert [d.name for d in all_departments(db)] == [
        "Ban Dân vận",
        "Ban Đối ngoại",
        "Ban Tổ chức",
        "Ủy ban Kiểm tra",
        "Văn phòng",
    ]
    for i, n in enumerate(names):
        ops.create_task(db, ops.TaskInput(text=f"Việc {i}", lead_id=ids[n]))
    ids_sorted = task_ids(db, TaskFilter(today=TODAY), SortKey.LEAD)
    leads = [r.lead for r in task_rows(db, ids_sorted, TODAY)]
    assert leads == ["Ban Dân vận", "Ban Đối ngoại", "Ban Tổ chức", "Ủy ban Kiểm tra", "Văn phòng"]


@both
def test_plans_without_a_date_sort_last_on_both_backends(db):
    for i, signed in enumerate([date(2023, 1, 5), None, date(2024, 2, 1)]):
        plan = big_plan(1, number=f"{i}-KH")
        plan.document.date = signed
        ops.import_plan(db, plan, today=TODAY)
    got = [p.signed_on for p in plans(db)]
    ids = task_ids(db, TaskFilter(today=TODAY), SortKey.PLAN)
    by_plan = [r.plan_number for r in task_rows(db, ids, TODAY)]
    assert got == [date(2024, 2, 1), date(2023, 1, 5), None]
    assert by_plan == ["0-KH", "2-KH", "1-KH"]


@both
def test_search_is_accent_insensitive_and_treats_like_wildcards_literally(db):
    plan = big_plan(3)
    plan.tasks[0].text = "Đạt 100% chỉ tiêu kết nạp đảng viên"
    plan.tasks[1].text = "Tỷ lệ 1000 chỉ tiêu"
    plan.tasks[2].text = "Mã số ke_hoach_01 theo dõi"
    ops.import_plan(db, plan, today=TODAY)

    def n(q: str) -> int:
        return count_tasks(db, TaskFilter(search=q, today=TODAY))

    assert n("DAT 100%") == 1
    assert n("dang vien") == 1
    assert n("100%") == 1  # not "100 followed by anything"
    assert n("ke_hoach") == 1
    assert n("ke%hoach") == 0
    assert n("chỉ tiêu") == 2


@both
def test_json_columns_round_trip_on_both_backends(db):
    ops.set_setting(db, "org", {"issuer": "VĂN PHÒNG", "nested": [1, 2, {"a": None}]})
    ops.set_setting(db, "warn_days", [5, 2])
    ops.set_setting(db, "soon_days", 10)
    with db.read() as s:
        assert setting(db, "org") == {
            "issuer": "VĂN PHÒNG",
            "nested": [1, 2, {"a": None}],
        }
        assert setting(db, "warn_days") == [5, 2]
        assert soon_days(db) == 10
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "setting")).all()
        assert audit[0].new == {"key": "org", "value": setting(db, "org")}


@both
def test_two_editors_on_two_connections_conflict_instead_of_overwriting(db, db_target):
    ops.import_plan(db, big_plan(2), today=TODAY)
    other = Database.open(db_target)
    try:
        with db.read() as s:
            task_id = s.scalar(select(Task.id).order_by(Task.id))
            version = s.get(Task, task_id).version
        # Clerk B saves first, on the other connection.
        ops.update_task(other, task_id, expected_version=version, note="ý kiến của B")
        # Clerk A saves the version they loaded earlier: refused, B's text kept.
        with pytest.raises(ConflictError) as info:
            ops.update_task(db, task_id, expected_version=version, note="ý kiến của A")
        assert info.value.theirs["note"] == "ý kiến của B"
        assert info.value.mine == {"changes": {"note": "ý kiến của A"}}
        with other.read() as s:
            assert s.get(Task, task_id).note == "ý kiến của B"
            assert s.get(Task, task_id).version > version
    finally:
        other.close()


@both
def test_simultaneous_saves_without_a_version_are_serialised_not_lost(db, db_target):
    """Both clerks change different fields of one task at the same moment: both survive."""
    ops.import_plan(db, big_plan(1), today=TODAY)
    with db.read() as s:
        task_id = s.scalar(select(Task.id))
    other = Database.open(db_target)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def save(database: Database, **change) -> None:
        try:
            barrier.wait()
            for _ in range(5):
                try:
                    ops.update_task(database, task_id, **change)
                    return
                except ConflictError:  # the other one won the race: reload and retry
                    continue
        except BaseException as ex:
            errors.append(ex)

    try:
        threads = [
            threading.Thread(target=save, args=(db,), kwargs={"note": "ghi chú A"}),
            threading.Thread(target=save, args=(other,), kwargs={"product": "Báo cáo B"}),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        other.close()
    assert not errors, errors
    with db.read() as s:
        task = s.get(Task, task_id)
        assert (task.note, task.product) == ("ghi chú A", "Báo cáo B")
        n = s.scalar(
            select(text("count(*)")).select_from(AuditEntry).where(AuditEntry.action == "update")
        )
        assert n == 2


@both
def test_deadlines_and_occurrences_survive_the_round_trip(db):
    ops.create_task(
        db,
        ops.TaskInput(
            text="Báo cáo tháng 3 và tháng 9",
            deadline=Deadline(
                raw="tháng 3 và tháng 9/2024",
                kind=DeadlineKind.DATE,
                due=date(2024, 3, 31),
                occurrences=(date(2024, 3, 31), date(2024, 9, 30)),
            ),
        ),
        today=TODAY,
    )
    (task_id,) = task_ids(db, TaskFilter(today=TODAY))
    ops.set_completion(db, [task_id], date(2024, 3, 25))
    detail = task_detail(db, task_id, TODAY)
    assert detail.occurrences == (
        (date(2024, 3, 31), date(2024, 3, 25)),
        (date(2024, 9, 30), None),
    )
    assert detail.row.due == date(2024, 9, 30)

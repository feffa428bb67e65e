"""One unit per name, one alias per unit, one plan per number and issuer — enforced by
the database (migration 0007), so that PCs writing at the same time cannot duplicate
them; duplicates an older version stored are merged when the database is upgraded."""

from __future__ import annotations

from datetime import date

import pytest
from _safety_tools import big_plan
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app.db import ops
from app.db.models import AuditEntry, Department, DepartmentAlias, Plan, TaskDepartment
from app.db.ops import departments as dept_ops
from app.db.store import Database
from app.errors import DuplicateImportError, ValidationError

pytestmark = pytest.mark.backends("sqlite", "postgres")

_OLD_ROWS = [
    # Two "Văn phòng" rows (a PostgreSQL race of the old version), one with a sub-unit,
    # both with tasks (one task linked to both), a repeated alias, a repeated plan.
    "INSERT INTO departments (id, name, short_name, name_key, sort_key, is_group, active)"
    " VALUES (1, 'Văn phòng', '', 'van phong', '', false, true),"
    " (2, 'Văn Phòng', '', 'van phong', '', false, true),"
    " (3, 'Phòng Tổng hợp', '', 'phong tong hop', '', false, true),"
    " (4, 'Ban Tổ chức', '', 'ban to chuc', '', false, true)",
    "UPDATE departments SET parent_id = 2 WHERE id = 3",
    "INSERT INTO department_aliases (department_id, alias, alias_key, valid_until) VALUES"
    " (4, 'BTC', 'btc', NULL), (4, 'B.T.C', 'btc', NULL), (2, 'VP', 'vp', NULL)",
    "INSERT INTO plans (id, title, number, issuer, source_name, source_sha256, imported_at)"
    " VALUES (1, 'KH', '12-KH/TU', 'TỈNH ỦY', 'a.docx', 'a', '2024-01-02 00:00:00'),"
    " (2, 'KH', '12-KH/TU', 'Tỉnh ủy', 'b.docx', 'b', '2024-01-03 00:00:00')",
    "INSERT INTO tasks (id, plan_id, text, created_at, updated_at) VALUES"
    " (1, 1, 'Việc một', '2024-01-02 00:00:00', '2024-01-02 00:00:00'),"
    " (2, 2, 'Việc hai', '2024-01-03 00:00:00', '2024-01-03 00:00:00')",
    "INSERT INTO task_departments (task_id, department_id, role, position) VALUES"
    " (1, 1, 'lead', 0), (1, 2, 'lead', 0), (2, 2, 'lead', 0), (2, 4, 'coordinating', 0)",
    "INSERT INTO unit_requests (uid, kind, department_id, department_name, sent_on, created_at)"
    " VALUES ('r1', 'letter', 2, 'Văn Phòng', '2024-02-01', '2024-02-01 00:00:00')",
]


def test_upgrading_merges_duplicates_stored_by_an_older_version(db_target, backend):
    old = Database.open(db_target, migrate=False)
    try:
        old.migrate("0006")
        with old.engine.begin() as conn:
            for sql in _OLD_ROWS:
                conn.execute(text(sql))
            if backend == "postgres":
                for table in ("departments", "department_aliases", "plans", "tasks"):
                    conn.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 100)")
                    )
        old.migrate()
        with old.read() as s:
            depts = {d.id: d for d in s.scalars(select(Department))}
            assert sorted(depts) == [1, 3, 4]
            assert depts[3].parent_id == 1  # the sub-unit follows the merge
            links = s.execute(select(TaskDepartment.task_id, TaskDepartment.department_id)).all()
            assert sorted(links) == [(1, 1), (2, 1), (2, 4)]  # no task lost, none doubled
            aliases = s.execute(
                select(DepartmentAlias.department_id, DepartmentAlias.alias_key)
            ).all()
            assert sorted(aliases) == [(1, "vp"), (4, "btc")]
            req = s.execute(text("SELECT department_id FROM unit_requests")).scalar()
            assert req == 1
            plans = {p.id: (p.number_key, p.issuer_key) for p in s.scalars(select(Plan))}
            assert plans == {1: ("12-kh/tu", "tinh uy"), 2: (None, "tinh uy")}
            merged = s.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).all()
            assert [m.old["id"] for m in merged] == [2]
        if backend == "sqlite":
            with old.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA application_id").scalar() == 0x44444F43
    finally:
        old.close()


def test_the_database_refuses_a_second_unit_of_the_same_name(db):
    ops.create_department(db, "Văn phòng")
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Department(name="VĂN PHÒNG", name_key="van phong", short_name="", active=True))


def test_a_unit_added_by_another_pc_after_our_check_is_a_clear_refusal(db, monkeypatch):
    """Our look finds nothing, the other PC commits, our insert meets the unique key."""
    ops.create_department(db, "Văn phòng")
    monkeypatch.setattr(dept_ops, "_check_unique_name", lambda *a, **k: None)
    with pytest.raises(ValidationError, match="đã có trong danh mục"):
        ops.create_department(db, "VĂN PHÒNG")


def test_renaming_back_and_forth_and_merging_keep_one_alias_per_name(db):
    _, a = ops.create_department(db, "Ban Dân vận", aliases=["BDV", "B.D.V", "BDV"])
    _, b = ops.create_department(db, "Ban Dân vận cũ", aliases=["BDV"])
    for name in ("Ban Dân vận Tỉnh ủy", "Ban Dân vận", "Ban Dân vận Tỉnh ủy", "Ban Dân vận"):
        ops.update_department(db, a, name=name, when=date(2024, 3, 1))
    ops.merge_departments(db, [b], a, when=date(2024, 4, 1))
    ops.add_alias(db, a, "bdv")
    with db.read() as s:
        keys = s.scalars(
            select(DepartmentAlias.alias_key).where(DepartmentAlias.department_id == a)
        ).all()
    assert sorted(keys) == sorted(set(keys))
    # "BDV" is read as "Ban Dân vận"; the names it had are kept once each.
    assert set(keys) == {"ban dan van", "b d v", "ban dan van tinh uy", "ban dan van cu"}


def test_a_plan_imported_twice_at_the_same_moment_is_stored_once(db, db_target, monkeypatch):
    """The second import met the first one's row: refused as a duplicate, not a crash."""
    other = Database.open(db_target)
    try:
        ops.import_plan(other, big_plan(3, number="7-KH/TU", sha="x1"))
    finally:
        other.close()
    # This PC looked before the other committed: its preview saw no such plan.
    from app.db.ops import imports

    real = imports.build_preview
    calls: list[int] = []

    def stale_preview(s, extracted):
        preview = real(s, extracted)
        if not calls:
            calls.append(1)
            preview.same_plan = preview.known = None
        return preview

    def stale_look(db, extracted):
        preview = real_look(db, extracted)
        preview.same_plan = preview.known = None
        return preview

    real_look = imports.preview_import
    monkeypatch.setattr(imports, "preview_import", stale_look)
    monkeypatch.setattr(imports, "build_preview", stale_preview)
    with pytest.raises(DuplicateImportError):
        ops.import_plan(db, big_plan(3, number="7 - kh/tu", sha="x2"))
    assert calls == [1]
    with db.read() as s:
        assert s.scalar(select(func.count(Plan.id))) == 1


def test_plans_with_the_same_number_from_different_issuers_are_two_plans(db):
    a = big_plan(2, number="01/KH", sha="a")
    a.document.issuer = "TỈNH ỦY"
    b = big_plan(2, number="01/KH", sha="b")
    b.document.issuer = "SỞ NỘI VỤ"
    ops.import_plan(db, a)
    ops.import_plan(db, b)
    with db.read() as s:
        assert s.scalar(select(func.count(Plan.id))) == 2

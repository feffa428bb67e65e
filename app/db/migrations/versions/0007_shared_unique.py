"""One row per unit, alias and plan even when several PCs write at once; the app's mark.

SQLite has one writer at a time, so "look, then insert" never made a duplicate there;
PostgreSQL runs imports side by side, and two imports could each add "Văn phòng". Unique
indexes now hold: a unit's key (departments.name_key), an alias per unit
(department_id, alias_key), and a plan's identity (number_key, issuer_key: its number
and issuer folded, see taskdata.plan_keys). Duplicates already stored are resolved
first: units of the same key are merged into the oldest (tasks, aliases, sub-units and
requests move; an audit entry records it), repeated aliases are dropped, and of plans
with one identity the oldest keeps it.

SQLite files also get the app's identity mark (PRAGMA application_id), so a restore can
tell a Đôn Đốc database from another program's file.

Revision ID: 0007_shared_unique
Revises: 0006
Create Date: 2026-12-05
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

from app.db.files.checks import APPLICATION_ID
from app.db.taskdata import plan_keys

revision = "0007_shared_unique"
down_revision = "0006"
branch_labels = None
depends_on = None

_audit = sa.table(
    "audit_log",
    sa.column("at", sa.DateTime),
    sa.column("user", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("summary", sa.Text),
    sa.column("old", sa.JSON),
    sa.column("new", sa.JSON),
)


def _merge_duplicate_units(conn: Connection) -> None:
    groups: dict[str, list[tuple[int, str, int | None]]] = {}
    for dept_id, key, name, parent in conn.execute(
        sa.text("SELECT id, name_key, name, parent_id FROM departments ORDER BY id")
    ):
        groups.setdefault(key, []).append((dept_id, name, parent))
    for (keep, keep_name, keep_parent), *dups in (g for g in groups.values() if len(g) > 1):
        for dup, dup_name, dup_parent in dups:
            p = {"keep": keep, "dup": dup}
            conn.execute(
                sa.text(
                    "DELETE FROM task_departments WHERE department_id = :dup AND EXISTS ("
                    "SELECT 1 FROM task_departments k WHERE k.department_id = :keep "
                    "AND k.task_id = task_departments.task_id AND k.role = task_departments.role)"
                ),
                p,
            )
            for sql in (
                "UPDATE task_departments SET department_id = :keep WHERE department_id = :dup",
                "UPDATE department_aliases SET department_id = :keep WHERE department_id = :dup",
                "UPDATE unit_requests SET department_id = :keep WHERE department_id = :dup",
                "UPDATE departments SET parent_id = :keep WHERE parent_id = :dup AND id <> :keep",
            ):
                conn.execute(sa.text(sql), p)
            if keep_parent == dup:
                keep_parent = dup_parent if dup_parent != keep else None
                conn.execute(
                    sa.text("UPDATE departments SET parent_id = :parent WHERE id = :keep"),
                    {"parent": keep_parent, "keep": keep},
                )
            conn.execute(sa.text("DELETE FROM departments WHERE id = :dup"), p)
            conn.execute(
                _audit.insert().values(
                    at=datetime.now().replace(microsecond=0),
                    user="",
                    action="merge",
                    entity="department",
                    entity_id=keep,
                    summary=f"Gộp đơn vị trùng tên «{dup_name}» vào «{keep_name}» khi nâng cấp",
                    old={"id": dup, "name": dup_name, "parent_id": dup_parent},
                    new={"into": keep},
                )
            )


def _drop_repeated_aliases(conn: Connection) -> None:
    seen: set[tuple[int, str]] = set()
    rows = conn.execute(
        sa.text(
            "SELECT id, department_id, alias_key FROM department_aliases "
            "ORDER BY department_id, alias_key, CASE WHEN valid_until IS NULL THEN 0 ELSE 1 END, id"
        )
    ).all()
    for alias_id, dept_id, key in rows:
        if (dept_id, key) in seen:
            conn.execute(sa.text("DELETE FROM department_aliases WHERE id = :i"), {"i": alias_id})
        seen.add((dept_id, key))


def _fill_plan_keys(conn: Connection) -> None:
    seen: set[tuple[str | None, str]] = set()
    rows = conn.execute(sa.text("SELECT id, number, issuer FROM plans ORDER BY id")).all()
    for plan_id, number, issuer in rows:
        number_key, issuer_key = plan_keys(number, issuer)
        if number_key is not None and (number_key, issuer_key) in seen:
            number_key = None  # a duplicate already stored: the oldest keeps the identity
        seen.add((number_key, issuer_key))
        conn.execute(
            sa.text("UPDATE plans SET number_key = :n, issuer_key = :i WHERE id = :id"),
            {"n": number_key, "i": issuer_key, "id": plan_id},
        )


def upgrade() -> None:
    conn = op.get_bind()
    _merge_duplicate_units(conn)
    op.drop_index("ix_departments_name_key", "departments")
    op.create_index("ix_departments_name_key", "departments", ["name_key"], unique=True)
    _drop_repeated_aliases(conn)
    op.create_index(
        "uq_department_aliases_key", "department_aliases", ["department_id", "alias_key"], unique=True
    )
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("number_key", sa.Text))
        batch.add_column(sa.Column("issuer_key", sa.Text, nullable=False, server_default=""))
    _fill_plan_keys(conn)
    op.create_index("uq_plans_identity", "plans", ["number_key", "issuer_key"], unique=True)
    if conn.dialect.name == "sqlite":
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA application_id = 0")
    op.drop_index("uq_plans_identity", "plans")
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("issuer_key")
        batch.drop_column("number_key")
    op.drop_index("uq_department_aliases_key", "department_aliases")
    op.drop_index("ix_departments_name_key", "departments")
    op.create_index("ix_departments_name_key", "departments", ["name_key"])

"""Initial schema: plans, departments, tasks, occurrences, notes, audit, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("number", sa.String(120), nullable=False, server_default=""),
        sa.Column("issuer", sa.Text, nullable=False, server_default=""),
        sa.Column("signed_on", sa.Date),
        sa.Column("source_name", sa.Text, nullable=False, server_default=""),
        sa.Column("source_sha256", sa.String(64), unique=True),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_plans_number", "plans", ["number"])
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("short_name", sa.String(60), nullable=False, server_default=""),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column(
            "parent_id", sa.Integer, sa.ForeignKey("departments.id", ondelete="SET NULL")
        ),
        sa.Column("is_group", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    )
    op.create_index("ix_departments_name_key", "departments", ["name_key"])
    op.create_index("ix_departments_parent_id", "departments", ["parent_id"])
    op.create_table(
        "department_aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "department_id",
            sa.Integer,
            sa.ForeignKey("departments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("alias_key", sa.Text, nullable=False),
        sa.Column("valid_until", sa.Date),
    )
    op.create_index("ix_department_aliases_department_id", "department_aliases", ["department_id"])
    op.create_index("ix_department_aliases_alias_key", "department_aliases", ["alias_key"])
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="CASCADE")),
        sa.Column("section", sa.String(60), nullable=False, server_default=""),
        sa.Column("number", sa.String(30), nullable=False, server_default=""),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False, server_default=""),
        sa.Column("product", sa.Text, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("deadline_raw", sa.Text, nullable=False, server_default=""),
        sa.Column("deadline_kind", sa.String(20), nullable=False, server_default="unspecified"),
        sa.Column("start_date", sa.Date),
        sa.Column("due_date", sa.Date),
        sa.Column("recurrence", sa.JSON),
        sa.Column("condition", sa.Text),
        sa.Column("continuing", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("done_flag", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("due_override", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("completed_on", sa.Date),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_tasks_plan_id", "tasks", ["plan_id"])
    op.create_index("ix_tasks_deadline_kind", "tasks", ["deadline_kind"])
    op.create_index("ix_tasks_completed_on", "tasks", ["completed_on"])
    op.create_index("ix_tasks_due_open", "tasks", ["completed_on", "due_date"])
    op.create_index("ix_tasks_plan_position", "tasks", ["plan_id", "position"])
    op.create_table(
        "task_departments",
        sa.Column(
            "task_id", sa.Integer, sa.ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "department_id",
            sa.Integer,
            sa.ForeignKey("departments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("role", sa.String(20), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_task_departments_department_id", "task_departments", ["department_id"])
    op.create_index(
        "ix_task_departments_role_dept", "task_departments", ["role", "department_id"]
    )
    op.create_table(
        "occurrences",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "task_id", sa.Integer, sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("completed_on", sa.Date),
        sa.UniqueConstraint("task_id", "due_date"),
    )
    op.create_index("ix_occurrences_task_id", "occurrences", ["task_id"])
    op.create_index("ix_occurrences_due_date", "occurrences", ["due_date"])
    op.create_table(
        "progress_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "task_id", sa.Integer, sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("author", sa.String(120), nullable=False, server_default=""),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_progress_notes_task_id", "progress_notes", ["task_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("user", sa.String(120), nullable=False, server_default=""),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Integer),
        sa.Column("summary", sa.Text, nullable=False, server_default=""),
        sa.Column("old", sa.JSON),
        sa.Column("new", sa.JSON),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_action", "audit_log", ["action"])
    op.create_index("ix_audit_log_entity_id", "audit_log", ["entity_id"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("value", sa.JSON),
    )


def downgrade() -> None:
    for table in (
        "settings",
        "audit_log",
        "progress_notes",
        "occurrences",
        "task_departments",
        "tasks",
        "department_aliases",
        "departments",
        "plans",
    ):
        op.drop_table(table)

"""Follow-through: deadline extensions, a named specialist, cancelled tasks (issue 21).

- `task_extensions`: every extension (gia hạn) of a task with the document that allows
  it, the reason and who asked; the first row's `old_due` is the original deadline.
- `departments.specialist`, `tasks.specialist`: the specialist (chuyên viên theo dõi) who
  follows a unit's tasks; a task's own one overrides its unit's.
- `tasks.cancelled_on`, `cancel_kind`, `cancel_reason`, `cancel_document`: a cancelled or
  withdrawn task stays on record but leaves counts and reports.

Only new columns and a new table: downgrade drops them again.

Revision ID: 0009_extensions
Revises: 0008_status_rule
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_extensions"
down_revision = "0008_status_rule"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task_extensions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "task_id", sa.Integer, sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("old_due", sa.Date, nullable=True),
        sa.Column("new_due", sa.Date, nullable=False),
        sa.Column("document", sa.Text, nullable=False, server_default=""),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("requested_by", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("author", sa.String(120), nullable=False, server_default=""),
        sa.Column("old_override", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_task_extensions_task_id", "task_extensions", ["task_id"])
    with op.batch_alter_table("departments") as batch:
        batch.add_column(sa.Column("specialist", sa.Text, nullable=False, server_default=""))
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("specialist", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("cancelled_on", sa.Date, nullable=True))
        batch.add_column(sa.Column("cancel_kind", sa.String(20), nullable=False, server_default=""))
        batch.add_column(sa.Column("cancel_reason", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("cancel_document", sa.Text, nullable=False, server_default=""))
    # Views leave cancelled tasks out with "id NOT IN (cancelled ids)": few rows, indexed.
    op.create_index("ix_tasks_cancelled_on", "tasks", ["cancelled_on"])


def downgrade() -> None:
    op.drop_index("ix_tasks_cancelled_on", "tasks")
    with op.batch_alter_table("tasks") as batch:
        for name in ("cancel_document", "cancel_reason", "cancel_kind", "cancelled_on", "specialist"):
            batch.drop_column(name)
    with op.batch_alter_table("departments") as batch:
        batch.drop_column("specialist")
    op.drop_index("ix_task_extensions_task_id", "task_extensions")
    op.drop_table("task_extensions")

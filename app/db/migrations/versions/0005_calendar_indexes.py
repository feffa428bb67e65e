"""Covering indexes for the calendar month and the status filters at 100,000 tasks.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_occurrences_due_task_done", "occurrences", ["due_date", "task_id", "completed_on"]
    )
    op.create_index(
        "ix_tasks_due_kind_start_done",
        "tasks",
        ["due_date", "deadline_kind", "start_date", "completed_on"],
    )


def downgrade() -> None:
    op.drop_index("ix_tasks_due_kind_start_done", "tasks")
    op.drop_index("ix_occurrences_due_task_done", "occurrences")

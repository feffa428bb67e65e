"""Urging letters and progress requests sent to units, and when they answered.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(40), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column(
            "department_id", sa.Integer, sa.ForeignKey("departments.id", ondelete="SET NULL")
        ),
        sa.Column("department_name", sa.Text, nullable=False, server_default=""),
        sa.Column("sent_on", sa.Date, nullable=False),
        sa.Column("reply_due", sa.Date),
        sa.Column("replied_on", sa.Date),
        sa.Column("reply_file", sa.Text, nullable=False, server_default=""),
        sa.Column("file_name", sa.Text, nullable=False, server_default=""),
        sa.Column("items", sa.JSON),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_unit_requests_department_id", "unit_requests", ["department_id"])
    op.create_index("ix_unit_requests_sent_on", "unit_requests", ["sent_on"])
    op.create_index("ix_unit_requests_open", "unit_requests", ["replied_on", "reply_due"])


def downgrade() -> None:
    op.drop_index("ix_unit_requests_open", "unit_requests")
    op.drop_index("ix_unit_requests_sent_on", "unit_requests")
    op.drop_index("ix_unit_requests_department_id", "unit_requests")
    op.drop_table("unit_requests")

"""Vietnamese sort keys for tasks and departments, and an index on due dates.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from app.core.text import collation_key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


# Sort keys compare byte by byte (SQLite's default); PostgreSQL needs the "C" collation,
# or the server's language collation would reorder them.
SORT_KEY = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("sort_key", SORT_KEY, nullable=False, server_default=""))
    with op.batch_alter_table("departments") as batch:
        batch.add_column(sa.Column("sort_key", SORT_KEY, nullable=False, server_default=""))
    op.create_index("ix_tasks_sort_key", "tasks", ["sort_key"])
    op.create_index("ix_tasks_due_date", "tasks", ["due_date"])
    conn = op.get_bind()
    for table in ("tasks", "departments"):
        column = "text" if table == "tasks" else "name"
        rows = conn.execute(sa.text(f"SELECT id, {column} FROM {table}")).all()
        for row_id, value in rows:
            conn.execute(
                sa.text(f"UPDATE {table} SET sort_key = :k WHERE id = :i"),
                {"k": collation_key(value), "i": row_id},
            )


def downgrade() -> None:
    op.drop_index("ix_tasks_due_date", "tasks")
    op.drop_index("ix_tasks_sort_key", "tasks")
    with op.batch_alter_table("departments") as batch:
        batch.drop_column("sort_key")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("sort_key")

"""Evidence (minh chứng) for progress notes, and units' e-mail addresses.

- `progress_notes.document`: the report's document reference ("Số 12/BC-UBND ngày …").
- `evidence_files`: files attached to a note, by content (sha256); on SQLite the bytes
  live in the folder beside the database, on PostgreSQL in `evidence_blobs`.
- `departments.email`: where the reminder digest goes.

Revision ID: 0010_evidence
Revises: 0009_extensions
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_evidence"
down_revision = "0009_extensions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("progress_notes") as batch:
        batch.add_column(sa.Column("document", sa.Text, nullable=False, server_default=""))
    with op.batch_alter_table("departments") as batch:
        batch.add_column(sa.Column("email", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "note_id",
            sa.Integer,
            sa.ForeignKey("progress_notes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_evidence_files_note_id", "evidence_files", ["note_id"])
    op.create_index("ix_evidence_files_sha256", "evidence_files", ["sha256"])
    op.create_table(
        "evidence_blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("evidence_blobs")
    op.drop_index("ix_evidence_files_sha256", "evidence_files")
    op.drop_index("ix_evidence_files_note_id", "evidence_files")
    op.drop_table("evidence_files")
    with op.batch_alter_table("departments") as batch:
        batch.drop_column("email")
    with op.batch_alter_table("progress_notes") as batch:
        batch.drop_column("document")

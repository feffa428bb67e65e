"""One status rule: stored data brought in line with it.

- A task whose phrase says the work is done ("đã thực hiện trong tháng 3/2022") gets its
  completion date (the end of the period it names, else its plan's date), as every writer
  now sets it, so the SQL status and the row agree.
- A recurrence bounded by its plan ("hằng năm giai đoạn 2021-2025") keeps its last day
  (`until`) and loses the open occurrences added past it.
- A plan may carry its own congress term (`term_start`, `term_end`); the old default
  setting 2020–2025 is dropped, so terms follow each plan's date.
- A random id for this database (the .ics UIDs are unique per database).

Revision ID: 0008_status_rule
Revises: 0007_shared_unique
Create Date: 2026-12-05
"""

import json
import uuid
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

from app.core.deadlines.parse import parse_deadline

revision = "0008_status_rule"
down_revision = "0007_shared_unique"
branch_labels = None
depends_on = None


def _day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value if not isinstance(value, datetime) else value.date()
    return date.fromisoformat(str(value)[:10])


def upgrade() -> None:
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("term_start", sa.Integer, nullable=True))
        batch.add_column(sa.Column("term_end", sa.Integer, nullable=True))
    conn = op.get_bind()
    _complete_done_phrases(conn)
    _bound_recurrences(conn)
    row = conn.execute(sa.text("SELECT value FROM settings WHERE key = 'term'")).first()
    if row is not None and _json(row[0]) == [2020, 2025]:
        conn.execute(sa.text("DELETE FROM settings WHERE key = 'term'"))
    if conn.execute(sa.text("SELECT 1 FROM settings WHERE key = 'database_id'")).first() is None:
        conn.execute(
            sa.text("INSERT INTO settings (key, value) VALUES ('database_id', :v)").bindparams(
                sa.bindparam("v", type_=sa.JSON)
            ),
            {"v": uuid.uuid4().hex},
        )


def _json(value: object) -> object:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _complete_done_phrases(conn: Connection) -> None:
    rows = conn.execute(
        sa.text(
            "SELECT t.id, t.due_date, p.signed_on, t.created_at FROM tasks t "
            "LEFT JOIN plans p ON p.id = t.plan_id "
            "WHERE t.deadline_kind = 'done' AND t.completed_on IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM occurrences o WHERE o.task_id = t.id)"
        )
    ).all()
    for task_id, due, signed, created in rows:
        day = _day(due) or _day(signed) or _day(created) or date.today()
        conn.execute(
            sa.text("UPDATE tasks SET completed_on = :d WHERE id = :i"), {"d": day, "i": task_id}
        )


def _bound_recurrences(conn: Connection) -> None:
    rows = conn.execute(
        sa.text(
            "SELECT t.id, t.deadline_raw, t.recurrence, p.signed_on, t.created_at, "
            "t.due_override FROM tasks t LEFT JOIN plans p ON p.id = t.plan_id "
            "WHERE t.recurrence IS NOT NULL AND t.deadline_kind = 'recurring'"
        )
    ).all()
    for task_id, raw, stored, signed, created, manual in rows:
        rec = _json(stored)
        if not isinstance(rec, dict) or rec.get("until"):
            continue
        ref = _day(signed) or _day(created) or date.today()
        parsed = parse_deadline(raw or "", ref).recurrence
        if parsed is None or parsed.until is None:
            continue
        rec["until"] = parsed.until.isoformat()
        conn.execute(
            sa.text("UPDATE tasks SET recurrence = :r WHERE id = :i").bindparams(
                sa.bindparam("r", type_=sa.JSON)
            ),
            {"r": rec, "i": task_id},
        )
        conn.execute(
            sa.text(
                "DELETE FROM occurrences WHERE task_id = :i AND due_date > :u "
                "AND completed_on IS NULL"
            ),
            {"i": task_id, "u": parsed.until},
        )
        if manual:
            continue
        first_open = conn.execute(
            sa.text(
                "SELECT MIN(due_date) FROM occurrences WHERE task_id = :i AND completed_on IS NULL"
            ),
            {"i": task_id},
        ).scalar()
        if first_open is not None:
            conn.execute(
                sa.text("UPDATE tasks SET due_date = :d, completed_on = NULL WHERE id = :i"),
                {"d": _day(first_open), "i": task_id},
            )
        else:
            last = conn.execute(
                sa.text(
                    "SELECT MAX(due_date), MAX(completed_on) FROM occurrences WHERE task_id = :i"
                ),
                {"i": task_id},
            ).first()
            if last is not None and last[0] is not None:
                conn.execute(
                    sa.text("UPDATE tasks SET due_date = :d, completed_on = :c WHERE id = :i"),
                    {"d": _day(last[0]), "c": _day(last[1]), "i": task_id},
                )


def downgrade() -> None:
    op.get_bind().execute(sa.text("DELETE FROM settings WHERE key = 'database_id'"))
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("term_end")
        batch.drop_column("term_start")

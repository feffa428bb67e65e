"""Read side of the audit log: who changed what and when, filtered in SQL.

The audit dialog holds only the ids of the current result and fetches rows a page at a
time (like the task table), so a log of hundreds of thousands of entries stays instant.
Text search ignores accents and case: on SQLite a `dd_fold` function (app.core.text.fold)
is registered on the connection; other databases fall back to ILIKE.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.core.text import fold
from app.db.models import AuditEntry
from app.db.reads.filters import chunks, escape_like
from app.db.store import Database

FOLD_FUNCTION = "dd_fold"


@dataclass(frozen=True, slots=True)
class AuditFilter:
    text: str = ""
    user: str | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    old: Any
    new: Any


def _register_fold(s: Session) -> bool:
    """Make `dd_fold(text)` available to SQL on this SQLite connection (idempotent)."""
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        return False
    raw = conn.connection.dbapi_connection
    if raw is not None:
        raw.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
    return True


def _filtered(s: Session, flt: AuditFilter, columns: Sequence[Any]) -> Select[Any]:
    q = select(*columns)
    words = fold(flt.text).split()
    if words:
        if _register_fold(s):
            haystack = func.dd_fold(
                AuditEntry.summary + " " + AuditEntry.user + " " + AuditEntry.entity
            )
            for word in words:
                q = q.where(haystack.like(f"%{escape_like(word)}%", escape="\\"))
        else:
            for word in flt.text.split():
                pattern = f"%{escape_like(word)}%"
                q = q.where(or_(AuditEntry.summary.ilike(pattern), AuditEntry.user.ilike(pattern)))
    if flt.user:
        q = q.where(AuditEntry.user == flt.user)
    if flt.action:
        q = q.where(AuditEntry.action == flt.action)
    if flt.date_from is not None:
        q = q.where(AuditEntry.at >= datetime.combine(flt.date_from, time.min))
    if flt.date_to is not None:
        q = q.where(AuditEntry.at < datetime.combine(flt.date_to + timedelta(days=1), time.min))
    return q


def audit_ids(db: Database, flt: AuditFilter) -> list[int]:
    """Ids of the matching entries, newest first."""
    with db.read() as s:
        q = _filtered(s, flt, [AuditEntry.id]).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        return list(s.scalars(q))


def audit_rows(db: Database, ids: Sequence[int]) -> list[AuditRow]:
    """Entries for `ids`, in the same order (ids that no longer exist are left out)."""
    with db.read() as s:
        found: dict[int, AuditRow] = {}
        ids = list(ids)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for e in s.scalars(select(AuditEntry).where(AuditEntry.id.in_(chunk))):
                found[e.id] = AuditRow(
                    e.id, e.at, e.user, e.action, e.entity, e.entity_id, e.summary, e.old, e.new
                )
        return [found[i] for i in ids if i in found]


def audit_users(db: Database) -> list[str]:
    with db.read() as s:
        return sorted(u for u in s.scalars(select(AuditEntry.user).distinct()) if u)


def audit_actions(db: Database) -> list[str]:
    with db.read() as s:
        return sorted(a for a in s.scalars(select(AuditEntry.action).distinct()) if a)


def count_audit(db: Database, flt: AuditFilter) -> int:
    with db.read() as s:
        return (
            s.scalar(
                select(func.count()).select_from(_filtered(s, flt, [AuditEntry.id]).subquery())
            )
            or 0
        )


def deleted_task_snapshots(db: Database, task_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The snapshots the audit log kept when these tasks were deleted (newest per task)."""
    found: dict[int, dict[str, Any]] = {}
    with db.read() as s:
        for chunk in chunks(list(task_ids)):
            rows = s.execute(
                select(AuditEntry.entity_id, AuditEntry.old)
                .where(
                    AuditEntry.action == "delete",
                    AuditEntry.entity == "task",
                    AuditEntry.entity_id.in_(chunk),
                )
                .order_by(AuditEntry.id.desc())
            ).all()
            for task_id, old in rows:
                if task_id not in found and old:
                    found[task_id] = old
    return [found[i] for i in task_ids if i in found]

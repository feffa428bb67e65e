"""A task's extension history as JSON: kept in a deleted task's snapshot, put back by
`restore_tasks`, so undoing a deletion loses no extension."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Extension
from app.db.ops.common import to_date


def extension_rows(s: Session, task_id: int) -> list[dict[str, Any]]:
    rows = s.scalars(select(Extension).where(Extension.task_id == task_id).order_by(Extension.id))
    return [
        {
            "old_due": e.old_due.isoformat() if e.old_due else None,
            "new_due": e.new_due.isoformat(),
            "document": e.document,
            "reason": e.reason,
            "requested_by": e.requested_by,
            "created_at": e.created_at.isoformat(),
            "author": e.author,
            "old_override": e.old_override,
        }
        for e in rows
    ]


def put_extensions(s: Session, task_id: int, rows: list[dict[str, Any]]) -> None:
    for r in rows:
        s.add(
            Extension(
                task_id=task_id,
                old_due=to_date(r["old_due"]),
                new_due=to_date(r["new_due"]),
                document=r["document"],
                reason=r["reason"],
                requested_by=r["requested_by"],
                created_at=datetime.fromisoformat(r["created_at"]),
                author=r["author"],
                old_override=r["old_override"],
            )
        )

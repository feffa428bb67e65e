"""Read side of the urging loop: who was asked for what, and who has not answered yet.

The department view shows `pending_requests`; the weekly list prints "đơn vị chưa báo
cáo" from `units_not_reported`. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.core.text import sort_key
from app.db.models import Department, UnitRequest
from app.db.store import Database


@dataclass(frozen=True, slots=True)
class RequestInfo:
    """One letter or request workbook sent to a unit, and whether it was answered."""

    id: int
    kind: str  # "letter" | "workbook"
    department_id: int | None
    department_name: str
    sent_on: date
    reply_due: date | None
    replied_on: date | None
    reply_file: str
    file_name: str
    tasks: int
    days_late: int  # days past the reply deadline without an answer (0 if none)

    @property
    def answered(self) -> bool:
        return self.replied_on is not None

    @property
    def late(self) -> bool:
        return self.days_late > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "department_id": self.department_id,
            "department": self.department_name,
            "sent_on": iso(self.sent_on),
            "reply_due": iso(self.reply_due),
            "replied_on": iso(self.replied_on),
            "reply_file": self.reply_file,
            "file": self.file_name,
            "tasks": self.tasks,
            "days_late": self.days_late,
        }


def _info(req: UnitRequest, current_name: str | None, today: date) -> RequestInfo:
    late = 0
    if req.replied_on is None and req.reply_due is not None and req.reply_due < today:
        late = (today - req.reply_due).days
    return RequestInfo(
        id=req.id,
        kind=req.kind,
        department_id=req.department_id,
        department_name=current_name or req.department_name,
        sent_on=req.sent_on,
        reply_due=req.reply_due,
        replied_on=req.replied_on,
        reply_file=req.reply_file,
        file_name=req.file_name,
        tasks=len(req.items or []),
        days_late=late,
    )


def _query(s: Session, today: date, where: list[ColumnElement[bool]]) -> list[RequestInfo]:
    rows = s.execute(
        select(UnitRequest, Department.name)
        .outerjoin(Department, Department.id == UnitRequest.department_id)
        .where(*where)
    ).all()
    return [_info(req, name, today) for req, name in rows]


def pending_requests(
    db: Database, today: date, *, department_id: int | None = None, late_only: bool = False
) -> list[RequestInfo]:
    """Requests not answered yet, most urgent first (latest reply deadline last)."""
    with db.read() as s:
        return _pending(s, today, department_id=department_id, late_only=late_only)


def _pending(
    s: Session, today: date, *, department_id: int | None = None, late_only: bool = False
) -> list[RequestInfo]:
    where: list[ColumnElement[bool]] = [UnitRequest.replied_on.is_(None)]
    if department_id is not None:
        where.append(UnitRequest.department_id == department_id)
    if late_only:
        where.append(UnitRequest.reply_due < today)
    items = _query(s, today, where)
    items.sort(key=_urgency)
    return items


def _urgency(r: RequestInfo) -> tuple[object, ...]:
    """Most urgent first: the earliest reply deadline (none last), then by unit."""
    return (r.reply_due is None, r.reply_due or date.max, sort_key(r.department_name), r.sent_on)


def request_history(
    db: Database, today: date, *, department_id: int | None = None, limit: int = 200
) -> list[RequestInfo]:
    """Every request (newest first), answered or not: the unit's tracking sheet."""
    with db.read() as s:
        where = [] if department_id is None else [UnitRequest.department_id == department_id]
        items = _query(s, today, where)
        items.sort(key=lambda r: (r.sent_on, r.id), reverse=True)
        return items[:limit]


def list_requests(
    db: Database,
    today: date,
    *,
    pending_only: bool = False,
    department_id: int | None = None,
) -> list[RequestInfo]:
    """Every request, answered or not (or only the unanswered): the tracker's list.

    Unanswered first, most urgent first (as `pending_requests`), then the answered ones,
    most recently answered first.
    """
    with db.read() as s:
        if pending_only:
            return _pending(s, today, department_id=department_id)
        where = [] if department_id is None else [UnitRequest.department_id == department_id]
        items = _query(s, today, where)
        pending = [r for r in items if not r.answered]
        pending.sort(key=_urgency)
        answered = [r for r in items if r.answered]
        answered.sort(key=lambda r: (r.replied_on, r.sent_on, r.id), reverse=True)
        return pending + answered


def request_snapshot(db: Database, request_id: int) -> dict[str, Any] | None:
    """Every column of a request, as plain values: what undoing its cancellation needs."""
    with db.read() as s:
        req = s.get(UnitRequest, request_id)
        return snapshot_of(req) if req is not None else None


def iso(d: date | None) -> str | None:
    """A date (or datetime) as ISO text for a JSON snapshot."""
    return d.isoformat() if d else None


def snapshot_of(req: UnitRequest) -> dict[str, Any]:
    return {
        "id": req.id,
        "uid": req.uid,
        "kind": req.kind,
        "department_id": req.department_id,
        "department_name": req.department_name,
        "sent_on": iso(req.sent_on),
        "reply_due": iso(req.reply_due),
        "replied_on": iso(req.replied_on),
        "reply_file": req.reply_file,
        "file_name": req.file_name,
        "items": list(req.items or []),
        "created_at": iso(req.created_at),
        "note": req.note,
    }


@dataclass(frozen=True, slots=True)
class UnitPending:
    """A unit's unanswered requests: how many, how many are late, the longest delay."""

    pending: int
    late: int
    days_late: int


def pending_by_unit(db: Database, today: date) -> dict[int, UnitPending]:
    """Per department id, its unanswered requests (for the department tree)."""
    with db.read() as s:
        out: dict[int, UnitPending] = {}
        for r in _pending(s, today):
            if r.department_id is None:
                continue
            old = out.get(r.department_id, UnitPending(0, 0, 0))
            out[r.department_id] = UnitPending(
                old.pending + 1, old.late + (1 if r.late else 0), max(old.days_late, r.days_late)
            )
        return out


@dataclass(frozen=True, slots=True)
class UnitNotReported:
    """A unit with at least one request past its reply deadline ("đơn vị chưa báo cáo")."""

    department_id: int | None
    department_name: str
    requests: int
    oldest_due: date
    days_late: int


def units_not_reported(db: Database, today: date) -> list[UnitNotReported]:
    """Units late in answering, one line each, longest overdue first."""
    with db.read() as s:
        by_unit: dict[tuple[int | None, str], list[RequestInfo]] = {}
        for r in _pending(s, today, late_only=True):
            key = (r.department_id, r.department_name if r.department_id is None else "")
            by_unit.setdefault(key, []).append(r)
        out = []
        for reqs in by_unit.values():
            oldest = min(reqs, key=lambda r: r.reply_due or date.max)
            out.append(
                UnitNotReported(
                    department_id=oldest.department_id,
                    department_name=oldest.department_name,
                    requests=len(reqs),
                    oldest_due=oldest.reply_due or today,
                    days_late=oldest.days_late,
                )
            )
        out.sort(key=lambda u: (-u.days_late, sort_key(u.department_name)))
        return out

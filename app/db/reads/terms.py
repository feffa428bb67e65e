"""Which congress term a plan's "cuối nhiệm kỳ" means: the plan's own (set by the user),
else the one in the settings (when the office fixed one), else the term that holds the
plan's date for its issuer (app.core.deadlines.terms)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.deadlines.terms import level_of, term_for
from app.db.models import Plan, Setting
from app.db.store import Database


def term_override_in(s: Session) -> tuple[int, int] | None:
    row = s.get(Setting, "term")
    return _pair(row.value) if row is not None else None


def term_override(db: Database) -> tuple[int, int] | None:
    """The term fixed in the settings, or None (the default: from each plan's date)."""
    with db.read() as s:
        return term_override_in(s)


def document_term_in(s: Session, on: date, issuer: str) -> tuple[int, int]:
    return term_override_in(s) or term_for(on, level_of(issuer))


def plan_term_in(s: Session, plan_id: int | None, on: date) -> tuple[int, int]:
    if plan_id is not None:
        row = s.execute(
            select(Plan.term_start, Plan.term_end, Plan.signed_on, Plan.issuer).where(
                Plan.id == plan_id
            )
        ).first()
        if row is not None:
            own = _pair((row.term_start, row.term_end))
            return own or document_term_in(s, row.signed_on or on, row.issuer or "")
    return document_term_in(s, on, "")


def plan_term(db: Database, plan_id: int | None, on: date) -> tuple[int, int]:
    """The term of a stored plan (`on`: the date to use when the plan has none)."""
    with db.read() as s:
        return plan_term_in(s, plan_id, on)


def _pair(value: object) -> tuple[int, int] | None:
    try:
        if not isinstance(value, list | tuple):
            return None
        a, b = (int(x) for x in value)
    except (TypeError, ValueError):
        return None
    return (a, b) if a < b else None

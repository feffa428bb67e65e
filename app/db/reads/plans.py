"""The plans imported so far, for the plan filter, the editor and the letters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, literal, nulls_last, select

from app.db.models import Plan, Task
from app.db.store import Database

# A plan's name as shown everywhere (letters, weekly list, reports, window): never its
# file's name, which older versions stored as the title of a plan without one.
PLAN_TITLE = case(
    (Plan.title == Plan.source_name, literal("")), else_=func.coalesce(Plan.title, literal(""))
)


@dataclass(frozen=True, slots=True)
class PlanInfo:
    id: int
    title: str
    number: str
    signed_on: date | None
    tasks: int
    issuer: str = ""


def plans(db: Database) -> list[PlanInfo]:
    """Every plan with its number of tasks, the most recently signed first."""
    n = select(func.count(Task.id)).where(Task.plan_id == Plan.id).scalar_subquery()
    with db.read() as s:
        rows = s.execute(
            select(Plan.id, PLAN_TITLE, Plan.number, Plan.signed_on, n, Plan.issuer).order_by(
                nulls_last(Plan.signed_on.desc()), Plan.id.desc()
            )
        ).all()
    return [PlanInfo(*r) for r in rows]


def is_empty(db: Database) -> bool:
    """Nothing imported or entered yet (the first start offers the demo plan)."""
    with db.read() as s:
        return (
            s.scalar(select(Plan.id).limit(1)) is None
            and s.scalar(select(Task.id).limit(1)) is None
        )

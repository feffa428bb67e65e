"""Which 2025 old names the department list could take as aliases (nothing written)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.core.institutions import alias_offers, continued_through_merger
from app.core.units import unit_key
from app.db.models import Department, DepartmentAlias
from app.db.store import Database


@dataclass(frozen=True, slots=True)
class AliasOffer:
    department_id: int
    department: str
    alias: str
    valid_until: date


def offered_aliases(db: Database) -> list[AliasOffer]:
    """Old names of the active units made by a 2025 merger, not known yet as any name."""
    with db.read() as s:
        depts = s.execute(
            select(Department.id, Department.name).where(Department.active.is_(True))
        ).all()
        taken = set(s.scalars(select(DepartmentAlias.alias_key)))
        taken |= set(s.scalars(select(Department.name_key)))
    ids = {name: dept_id for dept_id, name in depts}
    out = []
    for name, alias, until in alias_offers(list(ids)):
        key = unit_key(alias)
        if key not in taken:
            taken.add(key)
            out.append(AliasOffer(ids[name], name, alias, until))
    return out


def name_then(db: Database, dept_id: int | None, day: date) -> str | None:
    """The unit's name on `day` when it differed from today's (None: the same, or not
    known for sure).

    The name in force then is the dated alias that ended first on or after `day`. A unit
    formed from several bodies (two aliases ending that day), or one that kept its own
    name while absorbing another (Sở Tài chính took in Sở Kế hoạch và Đầu tư), does not
    say which body a task belonged to, so nothing is claimed for it.
    """
    if dept_id is None:
        return None
    with db.read() as s:
        current = s.scalar(select(Department.name).where(Department.id == dept_id))
        rows = s.execute(
            select(DepartmentAlias.alias, DepartmentAlias.valid_until).where(
                DepartmentAlias.department_id == dept_id,
                DepartmentAlias.valid_until.is_not(None),
                DepartmentAlias.valid_until >= day,
            )
        ).all()
    if current is None or not rows:
        return None
    untils = [until for _, until in rows if until is not None]
    first = min(untils)
    names = [alias for alias, until in rows if until == first]
    if len(names) != 1 or continued_through_merger(current):
        return None
    return names[0]

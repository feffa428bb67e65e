"""Which 2025 old names the department list could take as aliases (nothing written)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.core.institutions import alias_offers
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

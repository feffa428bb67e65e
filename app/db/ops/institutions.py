"""Old names of merged units as dated aliases (the 2025 changes), one undoable action.

An alias with `valid_until` keeps old plans matching their unit while saying the name
ended on that day (app.core.institutions gives the names and dates).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from app.core.units import unit_key
from app.db.changes import Change
from app.db.models import Department, DepartmentAlias
from app.db.ops.common import audit
from app.db.store import Database


class AliasesAdded(NamedTuple):
    change: Change
    ids: tuple[int, ...]  # the aliases added (for undo); names already known are skipped


def add_dated_aliases(db: Database, offers: Sequence[tuple[int, str, date]]) -> AliasesAdded:
    """Add (unit id, old name, valid until) aliases in one transaction."""
    added: list[int] = []
    with db.session() as s:
        taken = set(s.scalars(select(DepartmentAlias.alias_key)))
        taken |= set(s.scalars(select(Department.name_key)))
        for dept_id, alias, until in offers:
            key = unit_key(alias)
            dept = s.get(Department, dept_id)
            if dept is None or not key or key in taken:
                continue
            row = DepartmentAlias(alias=alias, alias_key=key, valid_until=until)
            dept.aliases.append(row)
            s.flush()
            taken.add(key)
            added.append(row.id)
            audit(
                s,
                "alias",
                "department",
                dept.id,
                f"Thêm tên cũ cho {dept.name}: {alias} (đến {until:%d/%m/%Y})",
                None,
                {"alias": alias, "valid_until": until.isoformat()},
            )
    return AliasesAdded(Change(departments=bool(added)), tuple(added))


def remove_aliases(db: Database, alias_ids: Iterable[int]) -> Change:
    """Undo of `add_dated_aliases`: the aliases still there are removed."""
    with db.session() as s:
        for alias_id in alias_ids:
            row = s.get(DepartmentAlias, alias_id)
            if row is None:
                continue
            audit(
                s,
                "unalias",
                "department",
                row.department_id,
                f"Bỏ tên gọi khác: {row.alias}",
                {"alias": row.alias},
                None,
            )
            s.delete(row)
    return Change(departments=True)

"""Departments as the tree, pickers and lookups show them: plain rows, never ORM objects.

Each read takes the Database and opens its own session; `find_department_in` looks a
unit up inside a write operation's session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.text import sort_key
from app.core.units import unit_key
from app.db.models import Department, DepartmentAlias, TaskDepartment
from app.db.reads.filters import descendants_in
from app.db.reads.settings import soon_days_in
from app.db.reads.unit_counts import UnitCounts, unit_counts_in
from app.db.store import Database
from app.errors import NotFoundError


@dataclass(slots=True)
class DeptInfo:
    """One unit of the list, without its counts or children."""

    id: int
    name: str
    short_name: str
    parent_id: int | None
    is_group: bool
    active: bool


def _info(d: Department) -> DeptInfo:
    return DeptInfo(d.id, d.name, d.short_name, d.parent_id, d.is_group, d.active)


@dataclass(slots=True)
class DeptNode(DeptInfo):
    """A unit in the tree, with its task counts and the units below it."""

    total: int = 0
    open: int = 0
    overdue: int = 0
    children: list[DeptNode] = field(default_factory=list)


def department_tree(db: Database, today: date, *, counts: bool = True) -> list[DeptNode]:
    """Roots of the department tree (Vietnamese order), with task counts per unit.

    `counts=False` skips the per-unit totals (a full join of the task links) for callers
    that count in their own way, such as the main window's tree.
    """
    with db.read() as s:
        return _department_tree(s, today, counts)


def _department_tree(s: Session, today: date, counts: bool) -> list[DeptNode]:
    nodes = {
        d.id: DeptNode(d.id, d.name, d.short_name, d.parent_id, d.is_group, d.active)
        for d in s.scalars(select(Department))
    }
    if counts:
        own = unit_counts_in(s, today, soon_days_in(s), branches=False)
        totals = s.execute(
            select(
                TaskDepartment.department_id, func.count(TaskDepartment.task_id.distinct())
            ).group_by(TaskDepartment.department_id)
        ).all()
        for dept_id, total in totals:
            node = nodes.get(dept_id)
            if node is not None:
                mine = own.get(dept_id, UnitCounts())
                node.total, node.open, node.overdue = total, mine.open, mine.overdue
    roots: list[DeptNode] = []
    for node in nodes.values():
        parent = nodes.get(node.parent_id) if node.parent_id is not None else None
        (parent.children if parent is not None else roots).append(node)

    def order(items: list[DeptNode]) -> None:
        items.sort(key=lambda n: (n.is_group, sort_key(n.name)))
        for n in items:
            order(n.children)

    order(roots)
    return roots


def find_department_in(s: Session, name: str) -> Department | None:
    """A department by name, short name or alias, compared without accents or case."""
    key = unit_key(name)
    if not key:
        return None
    dept = s.scalar(select(Department).where(Department.name_key == key).limit(1))
    if dept is not None:
        return dept
    dept = s.scalar(
        select(Department)
        .join(DepartmentAlias, DepartmentAlias.department_id == Department.id)
        .where(DepartmentAlias.alias_key == key)
        .limit(1)
    )
    if dept is not None:
        return dept
    for d in s.scalars(select(Department).where(Department.short_name != "")):
        if unit_key(d.short_name) == key:
            return d
    return None


def find_department(db: Database, name: str) -> DeptInfo | None:
    """A department by name, short name or alias, compared without accents or case."""
    with db.read() as s:
        dept = find_department_in(s, name)
        return _info(dept) if dept is not None else None


def require_department(db: Database, name: str) -> DeptInfo:
    """`find_department`, or NotFoundError naming the unit that is not in the list."""
    dept = find_department(db, name)
    if dept is None:
        raise NotFoundError(f"Không có đơn vị «{name}» trong danh mục.")
    return dept


def department(db: Database, dept_id: int) -> DeptInfo | None:
    with db.read() as s:
        dept = s.get(Department, dept_id)
        return _info(dept) if dept is not None else None


def all_departments(db: Database) -> list[DeptInfo]:
    """Every unit, in Vietnamese alphabetical order."""
    with db.read() as s:
        return sorted(
            (_info(d) for d in s.scalars(select(Department))), key=lambda d: sort_key(d.name)
        )


@dataclass(frozen=True, slots=True)
class AliasInfo:
    id: int
    alias: str
    valid_until: date | None  # a former name: used until that day


def aliases(db: Database, dept_id: int) -> list[AliasInfo]:
    """A unit's other names and former names."""
    with db.read() as s:
        rows = s.execute(
            select(DepartmentAlias.id, DepartmentAlias.alias, DepartmentAlias.valid_until)
            .where(DepartmentAlias.department_id == dept_id)
            .order_by(DepartmentAlias.id)
        ).all()
    return [AliasInfo(*r) for r in rows]


def descendants(db: Database, dept_id: int) -> set[int]:
    """A unit and every unit below it: the branch its counts and letters cover."""
    with db.read() as s:
        return descendants_in(s, dept_id)

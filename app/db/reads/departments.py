"""Departments as the tree, pickers and lookups show them: plain rows, never ORM objects.

Each read takes the Database and opens its own session; `find_department_in` looks a
unit up inside a write operation's session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.core.text import sort_key
from app.core.units import unit_key
from app.db.models import Department, DepartmentAlias, Task, TaskDepartment
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
        # One row per (unit, task) first: a task given to a unit in two roles counts once.
        open_ = Task.completed_on.is_(None)
        links = (
            select(
                TaskDepartment.department_id.label("dept"),
                Task.id.label("task"),
                open_.label("open"),
                and_(open_, Task.due_date < today).label("late"),
            )
            .join(Task, Task.id == TaskDepartment.task_id)
            .distinct()
            .subquery()
        )
        rows = s.execute(
            select(
                links.c.dept,
                func.count(),
                func.sum(case((links.c.open, 1), else_=0)),
                func.sum(case((links.c.late, 1), else_=0)),
            ).group_by(links.c.dept)
        ).all()
        for dept_id, total, n_open, n_overdue in rows:
            node = nodes.get(dept_id)
            if node is not None:
                node.total, node.open, node.overdue = total, n_open or 0, n_overdue or 0
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


def branch_counts(db: Database, today: date) -> dict[int, tuple[int, int]]:
    """Open and overdue tasks per unit, each counting the units below it (what a click on
    the unit shows): {department id: (open, overdue)}.

    A task given to a unit and to the unit above it, or to two units of one branch, counts
    once. Counted in the database (0.7 s at 100k tasks against 1.5 s for fetching the
    links into Python), which also lets a background thread run it without holding the GIL.
    """
    with db.read() as s:
        base = select(Department.id.label("dept"), Department.id.label("anc")).cte(
            "up", recursive=True
        )
        parent = select(Department.id, Department.parent_id).subquery()
        up = base.union(  # UNION, not UNION ALL: a loop in the parents ends instead of spinning
            select(base.c.dept, parent.c.parent_id)
            .join(parent, parent.c.id == base.c.anc)
            .where(parent.c.parent_id.is_not(None))
        )
        late = case((and_(Task.due_date.is_not(None), Task.due_date < today), Task.id))
        rows = s.execute(
            select(up.c.anc, func.count(Task.id.distinct()), func.count(late.distinct()))
            .select_from(TaskDepartment)
            .join(Task, Task.id == TaskDepartment.task_id)
            .join(up, up.c.dept == TaskDepartment.department_id)
            .where(Task.completed_on.is_(None))
            .group_by(up.c.anc)
        ).all()
        return {anc: (n_open, n_late) for anc, n_open, n_late in rows}

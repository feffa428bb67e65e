"""Departments: create, rename (old name kept as a dated alias), merge, aliases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.text import clean
from app.core.units import unit_key
from app.db.changes import Change, Created
from app.db.files.backups import auto_backup
from app.db.models import (
    Department,
    DepartmentAlias,
    TaskDepartment,
)
from app.db.ops.common import (
    audit,
    load_task,
    refresh_search,
)
from app.db.store import Database
from app.errors import (
    NotFoundError,
    ValidationError,
)

_UNSET: Any = object()

# --------------------------------------------------------------------------- departments


def _dept_or_fail(s: Session, dept_id: int) -> Department:
    dept = s.get(Department, dept_id)
    if dept is None:
        raise NotFoundError(f"Không tìm thấy đơn vị #{dept_id}.")
    return dept


def _check_unique_name(s: Session, name: str, exclude: int | None = None) -> None:
    key = unit_key(name)
    q = select(Department.id).where(Department.name_key == key)
    if exclude is not None:
        q = q.where(Department.id != exclude)
    if s.scalar(q.limit(1)) is not None:
        raise ValidationError(f"Đơn vị «{name}» đã có trong danh mục.", field="name")


@contextmanager
def _unique_name(name: str) -> Iterator[None]:
    """Two PCs naming a unit alike at the same moment: the second is told, not crashed."""
    try:
        yield
    except IntegrityError as ex:
        raise ValidationError(f"Đơn vị «{name}» đã có trong danh mục.", field="name") from ex


def _keep_alias(dept: Department, alias: str, valid_until: date | None = None) -> None:
    """Give `dept` the alias once (one per key): a retired name again is re-dated."""
    key = unit_key(alias)
    for existing in dept.aliases:
        if existing.alias_key == key:
            if existing.valid_until is not None and valid_until is not None:
                existing.valid_until = max(existing.valid_until, valid_until)
            return
    dept.aliases.append(DepartmentAlias(alias=alias, alias_key=key, valid_until=valid_until))


def create_department(
    db: Database,
    name: str,
    *,
    parent_id: int | None = None,
    short_name: str = "",
    aliases: Iterable[str] = (),
    is_group: bool = False,
) -> Created:
    name = clean(name)
    if not name:
        raise ValidationError("Tên đơn vị không được để trống.", field="name")
    with _unique_name(name), db.session() as s:
        _check_unique_name(s, name)
        if parent_id is not None:
            _dept_or_fail(s, parent_id)
        dept = Department(
            name=name,
            short_name=clean(short_name),
            name_key=unit_key(name),
            parent_id=parent_id,
            is_group=is_group,
            active=True,
        )
        for alias in aliases:
            if clean(alias):
                _keep_alias(dept, clean(alias))
        s.add(dept)
        s.flush()
        audit(s, "create", "department", dept.id, f"Thêm đơn vị: {name}", None, {"name": name})
        return Created(Change(departments=True, summary=f"Đã thêm đơn vị {name}"), dept.id)


def update_department(
    db: Database,
    dept_id: int,
    *,
    name: str | None = None,
    short_name: str | None = None,
    parent_id: int | None = _UNSET,
    active: bool | None = None,
    when: date | None = None,
) -> Change:
    """Rename (the old name stays as an alias dated `when`), move or (de)activate a unit."""
    when = when or date.today()
    with _unique_name(name or ""), db.session() as s:
        _update(s, _dept_or_fail(s, dept_id), name, short_name, parent_id, active, when)
    return Change(departments=True, summary="Đã sửa đơn vị")


def undo_department_edit(
    db: Database,
    dept_id: int,
    *,
    name: str,
    short_name: str,
    parent_id: int | None,
    active: bool,
    when: date,
) -> Change:
    """Put a unit back as it was before an edit made on `when`, in one transaction.

    The edit's rename kept the old name as an alias dated `when`; undoing it removes the
    aliases of both names dated that day instead of adding one for the name dropped.
    """
    with _unique_name(name), db.session() as s:
        dept = _dept_or_fail(s, dept_id)
        if clean(name) != dept.name:
            keys = {unit_key(name), dept.name_key}
            for alias in [a for a in dept.aliases if a.valid_until == when and a.alias_key in keys]:
                _remove_alias(s, alias)
            s.flush()
            s.expire(dept, ["aliases"])
        _update(s, dept, name, short_name, parent_id, active, when, keep_old_name=False)
    return Change(departments=True, summary="Đã sửa đơn vị")


def _update(
    s: Session,
    dept: Department,
    name: str | None,
    short_name: str | None,
    parent_id: int | None,
    active: bool | None,
    when: date,
    *,
    keep_old_name: bool = True,
) -> None:
    old = {
        "name": dept.name,
        "short_name": dept.short_name,
        "parent_id": dept.parent_id,
        "active": dept.active,
    }
    if name is not None and clean(name) != dept.name:
        new_name = clean(name)
        if not new_name:
            raise ValidationError("Tên đơn vị không được để trống.", field="name")
        _check_unique_name(s, new_name, exclude=dept.id)
        if keep_old_name:
            _keep_alias(dept, dept.name, when)
        dept.name = new_name
        dept.name_key = unit_key(new_name)
        _reindex_department_tasks(s, dept.id)
    if short_name is not None:
        dept.short_name = clean(short_name)
    if parent_id is not _UNSET:
        _set_parent(s, dept, parent_id)
    if active is not None:
        dept.active = active
    new = {
        "name": dept.name,
        "short_name": dept.short_name,
        "parent_id": dept.parent_id,
        "active": dept.active,
    }
    if new != old:
        audit(
            s,
            "update",
            "department",
            dept.id,
            f"Sửa đơn vị: {old['name']} → {dept.name}",
            old,
            new,
        )


def _set_parent(s: Session, dept: Department, parent_id: int | None) -> None:
    if parent_id is not None:
        node: Department | None = _dept_or_fail(s, parent_id)
        while node is not None:
            if node.id == dept.id:
                raise ValidationError(
                    "Không thể đặt đơn vị làm cấp dưới của chính nó.", field="parent"
                )
            node = node.parent
    dept.parent_id = parent_id


def move_departments(db: Database, parents: Mapping[int, int | None]) -> Change:
    """Put units under new parents (None: top level), all in one transaction; a drop on
    the tree and its undo."""
    with db.session() as s:
        for dept_id, parent_id in parents.items():
            dept = _dept_or_fail(s, dept_id)
            old = dept.parent_id
            _set_parent(s, dept, parent_id)
            s.flush()
            if old != parent_id:
                audit(
                    s,
                    "update",
                    "department",
                    dept.id,
                    f"Chuyển đơn vị: {dept.name}",
                    {"parent_id": old},
                    {"parent_id": parent_id},
                )
    return Change(departments=True, summary="Đã chuyển đơn vị")


def _reindex_department_tasks(s: Session, dept_id: int) -> None:
    s.flush()
    task_ids = s.scalars(
        select(TaskDepartment.task_id).where(TaskDepartment.department_id == dept_id)
    ).all()
    for task_id in task_ids:
        refresh_search(s, load_task(s, task_id))


def add_alias(db: Database, dept_id: int, alias: str) -> Created:
    """Another name of a unit; the id is None when the unit already had that name."""
    alias = clean(alias)
    if not alias:
        raise ValidationError("Tên gọi khác không được để trống.", field="alias")
    try:
        with db.session() as s:
            dept = _dept_or_fail(s, dept_id)
            if unit_key(alias) in {a.alias_key for a in dept.aliases} | {dept.name_key}:
                return Created(Change(), None)
            row = DepartmentAlias(alias=alias, alias_key=unit_key(alias))
            dept.aliases.append(row)
            s.flush()
            _audit_alias(s, dept, alias)
            alias_id = row.id
    except IntegrityError:  # another PC added the same alias a moment ago
        return Created(Change(departments=True), None)
    return Created(Change(departments=True), alias_id)


def _audit_alias(s: Session, dept: Department, alias: str) -> None:
    audit(
        s,
        "alias",
        "department",
        dept.id,
        f"Thêm tên gọi khác cho {dept.name}: {alias}",
        None,
        {"alias": alias},
    )


def remove_alias(db: Database, alias_id: int) -> Change:
    with db.session() as s:
        alias = s.get(DepartmentAlias, alias_id)
        if alias is None:
            raise NotFoundError(f"Không tìm thấy tên gọi khác #{alias_id}.")
        _remove_alias(s, alias)
    return Change(departments=True)


def _remove_alias(s: Session, alias: DepartmentAlias) -> None:
    audit(
        s,
        "unalias",
        "department",
        alias.department_id,
        f"Bỏ tên gọi khác: {alias.alias}",
        {"alias": alias.alias},
        None,
    )
    s.delete(alias)


def merge_departments(
    db: Database,
    source_ids: Iterable[int],
    target_id: int,
    *,
    when: date | None = None,
    backup: bool = False,
) -> Change:
    """Merge duplicate or reorganised units into one: tasks move, old names become aliases.

    It cannot be undone: with `backup` the database file is backed up first.
    """
    when = when or date.today()
    if backup:
        auto_backup(db, reason="merge")
    sources = [i for i in dict.fromkeys(source_ids) if i != target_id]
    moved: set[int] = set()
    with db.session() as s:
        target = _dept_or_fail(s, target_id)
        for src_id in sources:
            src = _dept_or_fail(s, src_id)
            links = s.scalars(
                select(TaskDepartment).where(TaskDepartment.department_id == src_id)
            ).all()
            for link in links:
                exists = s.get(TaskDepartment, (link.task_id, target_id, link.role))
                moved.add(link.task_id)
                if exists is None:
                    s.add(
                        TaskDepartment(
                            task_id=link.task_id,
                            department_id=target_id,
                            role=link.role,
                            position=link.position,
                        )
                    )
                s.delete(link)
            s.flush()
            for alias in list(src.aliases):
                _keep_alias(target, alias.alias, alias.valid_until or when)
            _keep_alias(target, src.name, when)
            s.execute(
                update(Department).where(Department.parent_id == src_id).values(parent_id=target_id)
            )
            audit(
                s,
                "merge",
                "department",
                target_id,
                f"Gộp «{src.name}» vào «{target.name}»",
                {"id": src.id, "name": src.name, "parent_id": src.parent_id},
                {"into": target_id, "tasks": sorted(moved)},
            )
            s.delete(src)
        s.flush()
        for task_id in moved:
            refresh_search(s, load_task(s, task_id))
    return Change(tasks=frozenset(moved), departments=True, summary=f"Đã gộp {len(sources)} đơn vị")


def delete_department(db: Database, dept_id: int) -> Change:
    """Delete a unit that no task refers to (otherwise merge or deactivate it)."""
    with db.session() as s:
        dept = _dept_or_fail(s, dept_id)
        used = s.scalar(
            select(TaskDepartment.task_id).where(TaskDepartment.department_id == dept_id).limit(1)
        )
        if used is not None:
            raise ValidationError(
                f"Đơn vị «{dept.name}» còn nhiệm vụ; hãy gộp vào đơn vị khác hoặc ngừng theo dõi.",
                field="department",
            )
        s.execute(
            update(Department)
            .where(Department.parent_id == dept_id)
            .values(parent_id=dept.parent_id)
        )
        audit(
            s,
            "delete",
            "department",
            dept_id,
            f"Xóa đơn vị: {dept.name}",
            {"name": dept.name, "parent_id": dept.parent_id},
            None,
        )
        s.delete(dept)
    return Change(departments=True)

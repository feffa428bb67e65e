"""Split a unit: its tasks go to successor units as the user chose, undoably.

The reverse of a merger (2025 brought both): a Sở or Ban whose work went to several
bodies. Each task the unit leads, coordinates or follows moves, in that role, to the
successor chosen for it; a task not in the choice stays. The unit itself is made
inactive (kept for history: old plans still name it) unless told otherwise. The result
carries what `undo_split` needs to put every link back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from sqlalchemy import select

from app.db.changes import Change
from app.db.models import Department, TaskDepartment
from app.db.ops.common import audit, load_task, refresh_search
from app.db.store import Database
from app.errors import NotFoundError, ValidationError


class SplitResult(NamedTuple):
    change: Change
    undo: dict[str, Any]  # {"dept_id", "was_active", "moves": [[task, from, to, role, pos, added]]}


def split_department(
    db: Database,
    dept_id: int,
    choices: Mapping[int, int],
    *,
    deactivate: bool = True,
) -> SplitResult:
    """Move each task of `choices` (task id -> successor unit id) from `dept_id`."""
    moves: list[list[Any]] = []
    with db.session() as s:
        dept = s.get(Department, dept_id)
        if dept is None:
            raise NotFoundError(f"Không tìm thấy đơn vị #{dept_id}.")
        targets = {t: s.get(Department, t) for t in set(choices.values())}
        missing = [t for t, d in targets.items() if d is None]
        if missing:
            raise NotFoundError(f"Không tìm thấy đơn vị tiếp nhận #{missing[0]}.")
        if dept_id in targets:
            raise ValidationError("Đơn vị tiếp nhận phải khác đơn vị được chia tách.")
        links = s.scalars(
            select(TaskDepartment).where(
                TaskDepartment.department_id == dept_id,
                TaskDepartment.task_id.in_(list(choices)),
            )
        ).all()
        for link in links:
            to = choices[link.task_id]
            exists = s.get(TaskDepartment, (link.task_id, to, link.role))
            if exists is None:
                s.add(
                    TaskDepartment(
                        task_id=link.task_id,
                        department_id=to,
                        role=link.role,
                        position=link.position,
                    )
                )
            moves.append([link.task_id, dept_id, to, link.role, link.position, exists is None])
            s.delete(link)
        was_active = dept.active
        if deactivate:
            dept.active = False
        s.flush()
        moved = sorted({m[0] for m in moves})
        for task_id in moved:
            refresh_search(s, load_task(s, task_id))
        names = ", ".join(sorted(d.name for d in targets.values() if d is not None))
        audit(
            s,
            "split",
            "department",
            dept_id,
            f"Chia tách «{dept.name}»: {len(moved)} nhiệm vụ chuyển sang {names}",
            {"active": was_active},
            {"moves": moves},
        )
    undo = {"dept_id": dept_id, "was_active": was_active, "moves": moves}
    change = Change(
        tasks=frozenset(m[0] for m in moves),
        departments=True,
        summary=f"Đã chia tách đơn vị ({len(moves)} lượt giao)",
    )
    return SplitResult(change, undo)


def undo_split(db: Database, undo: Mapping[str, Any]) -> Change:
    """Put back every link `split_department` moved, and the unit's active flag."""
    moves: Sequence[Sequence[Any]] = undo["moves"]
    with db.session() as s:
        dept = s.get(Department, undo["dept_id"])
        if dept is None:
            raise NotFoundError("Đơn vị được chia tách đã bị xóa: không hoàn tác được.")
        for task_id, old, new, role, pos, added in moves:
            if added:
                link = s.get(TaskDepartment, (task_id, new, role))
                if link is not None:
                    s.delete(link)
            if s.get(TaskDepartment, (task_id, old, role)) is None:
                s.add(TaskDepartment(task_id=task_id, department_id=old, role=role, position=pos))
        dept.active = bool(undo["was_active"])
        s.flush()
        for task_id in sorted({m[0] for m in moves}):
            refresh_search(s, load_task(s, task_id))
        audit(
            s,
            "unsplit",
            "department",
            dept.id,
            f"Hoàn tác chia tách «{dept.name}»",
            None,
            {"moves": [list(m) for m in moves]},
        )
    return Change(tasks=frozenset(m[0] for m in moves), departments=True)

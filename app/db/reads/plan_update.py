"""What updating a stored plan from a new file would do: new, changed and removed tasks.

Tasks are paired by text (`import_preview.match_tasks`). A pair is "changed" when the
file says something else than what is stored: the text, the deadline phrase, the lead
or the coordinating units. What the user set by hand is kept and said so: progress
notes, completions, a manual due date, units edited in the window (found in the audit
log: an edit or reassignment that changed the task's units).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.roles import Role
from app.core.text import clean
from app.core.units import unit_key
from app.db.models import AuditEntry, Department, Task, TaskDepartment
from app.db.reads.import_preview import ImportPreview, build_preview, match_tasks
from app.db.store import Database
from app.importers.model import ExtractedPlan, ExtractedTask

_UNIT_EDITS = ("update", "reassign")


@dataclass(frozen=True, slots=True)
class ChangedTask:
    index: int  # in the file
    task_id: int
    old_text: str
    new_text: str
    what: tuple[str, ...]  # Vietnamese field names: "nội dung", "thời hạn", …


@dataclass(slots=True)
class PlanDiff:
    plan_id: int
    pairs: dict[int, int] = field(default_factory=dict)  # file index -> task id
    added: list[int] = field(default_factory=list)  # file indices
    changed: list[ChangedTask] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)  # (task id, text)
    unchanged: int = 0
    kept_units: set[int] = field(default_factory=set)  # tasks whose units the user edited
    progress_kept: int = 0  # matched tasks with notes, completions or a manual due date

    def summary(self) -> str:
        return (
            f"{len(self.added)} nhiệm vụ mới, {len(self.changed)} thay đổi, "
            f"{len(self.removed)} không còn trong tệp, {self.unchanged} giữ nguyên"
        )

    def lines(self, plan: ExtractedPlan, limit: int = 200) -> list[str]:
        """The changes, one line each (the wizard's page and the command line)."""
        out = [f"+ {plan.tasks[i].text[:100]}" for i in self.added[:limit]]
        out += [f"~ {c.new_text[:90]} ({', '.join(c.what)})" for c in self.changed[:limit]]
        out += [f"- {text[:100]}" for _, text in self.removed[:limit]]
        return out

    def to_json(self, plan: ExtractedPlan) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "added": [plan.tasks[i].text for i in self.added],
            "changed": [
                {"task_id": c.task_id, "old": c.old_text, "new": c.new_text, "what": list(c.what)}
                for c in self.changed
            ],
            "removed": [{"task_id": i, "text": t} for i, t in self.removed],
            "unchanged": self.unchanged,
            "units_kept": sorted(self.kept_units),
        }


def units_edited_by_hand(s: Session, task_ids: Iterable[int]) -> set[int]:
    """Tasks whose units were changed in the window (edit or reassignment) at least once."""
    ids = list(task_ids)
    out: set[int] = set()
    for start in range(0, len(ids), 500):
        rows = s.execute(
            select(AuditEntry.entity_id, AuditEntry.old, AuditEntry.new).where(
                AuditEntry.entity == "task",
                AuditEntry.action.in_(_UNIT_EDITS),
                AuditEntry.entity_id.in_(ids[start : start + 500]),
            )
        ).all()
        for task_id, old, new in rows:
            if (old or {}).get("units") != (new or {}).get("units"):
                out.add(task_id)
    return out


def plan_tasks(s: Session, plan_id: int) -> list[Task]:
    return list(
        s.scalars(
            select(Task)
            .where(Task.plan_id == plan_id)
            .order_by(Task.position, Task.id)
            .options(
                selectinload(Task.units).selectinload(TaskDepartment.department),
                selectinload(Task.occurrences),
                selectinload(Task.notes),
            )
        )
    )


def _names(task: Task, role: Role) -> list[str]:
    return sorted(
        unit_key(u.department.name) for u in task.units if u.role == str(role) and u.department
    )


def _what_changed(task: Task, new: ExtractedTask, aliases: dict[str, str]) -> tuple[str, ...]:
    what = []
    if clean(new.text) != task.text:
        what.append("nội dung")
    if (new.deadline.raw or "") != (task.deadline_raw or ""):
        what.append("thời hạn")
    lead = [aliases.get(new.lead, unit_key(new.lead))] if new.lead else []
    if sorted(lead) != _names(task, Role.LEAD):
        what.append("chủ trì")
    coord = sorted({aliases.get(n, unit_key(n)) for n in new.coordinators})
    if coord != _names(task, Role.COORDINATING):
        what.append("phối hợp")
    return tuple(what)


def diff_in(
    s: Session, plan_id: int, extracted: ExtractedPlan, unit_names: dict[str, str] | None = None
) -> PlanDiff:
    """`unit_names`: file name -> the department name it resolves to (else its own key)."""
    aliases = {k: unit_key(v) for k, v in (unit_names or {}).items()}
    old = plan_tasks(s, plan_id)
    pairs = match_tasks(old, [t.text for t in extracted.tasks])
    diff = PlanDiff(plan_id, pairs={i: t.id for i, t in pairs.items()})
    diff.kept_units = units_edited_by_hand(s, diff.pairs.values())
    used = set(diff.pairs.values())
    for i, t in enumerate(extracted.tasks):
        task = pairs.get(i)
        if task is None:
            diff.added.append(i)
            continue
        what = _what_changed(task, t, aliases)
        if task.id in diff.kept_units:
            what = tuple(w for w in what if w not in ("chủ trì", "phối hợp"))
        if what:
            diff.changed.append(ChangedTask(i, task.id, task.text, clean(t.text), what))
        else:
            diff.unchanged += 1
        if task.notes or task.completed_on or task.due_override:
            diff.progress_kept += 1
    diff.removed = [(t.id, t.text) for t in old if t.id not in used]
    return diff


def resolved_names(s: Session, preview: ImportPreview) -> dict[str, str]:
    """File unit name -> the name of the department it resolves to."""
    ids = {r.department_id for r in preview.units.values() if r.department_id is not None}
    if not ids:
        return {}
    rows = s.execute(select(Department.id, Department.name).where(Department.id.in_(ids)))
    real = {dept_id: name for dept_id, name in rows.all()}
    return {n: real[r.department_id] for n, r in preview.units.items() if r.department_id in real}


def plan_diff(db: Database, plan_id: int, extracted: ExtractedPlan) -> PlanDiff:
    """What `ops.update_plan` would do with this file (reads only)."""
    with db.read() as s:
        preview = build_preview(s, extracted)
        return diff_in(s, plan_id, extracted, resolved_names(s, preview))

"""Updating a stored plan from a new file of it (another format, a corrected version).

One transaction: new tasks added, changed tasks rewritten from the file, tasks no longer
in the file kept or removed as the user chose (never silently). What the user set by hand
stays: progress notes, completions, manual due dates, units edited in the window. The
database is backed up first like an import, and `undo_plan_update` puts everything back
from the snapshots the update returns (the window's undo).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.core.text import clean
from app.db.changes import Change
from app.db.files.backups import auto_backup
from app.db.models import Plan, ProgressNote, Task, TaskDepartment
from app.db.ops.common import (
    apply_deadline,
    audit,
    complete,
    refresh_search,
    restore_task,
    to_date,
)
from app.db.ops.imports import ImportResult, _resolve_import_units, _task_row, _unit_rows
from app.db.reads.import_preview import build_preview
from app.db.reads.plan_update import diff_in, plan_tasks, resolved_names
from app.db.store import Database
from app.db.taskdata import current_user, now, plan_keys, snapshot
from app.errors import DuplicateImportError, NotFoundError
from app.importers.model import ExtractedPlan, ExtractedTask


@dataclass(slots=True)
class PlanUpdated(ImportResult):
    changed: list[str] = field(default_factory=list)
    kept_missing: list[str] = field(default_factory=list)
    undo: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        what = f"Kế hoạch {self.number}" if self.number else f"Kế hoạch «{self.title[:60]}»"
        lines = [
            f"Đã cập nhật {what}: {len(self.added)} nhiệm vụ mới, {len(self.changed)} thay "
            f"đổi, {len(self.removed)} bỏ, {len(self.kept_missing)} không còn trong tệp nhưng "
            f"vẫn giữ, {self.kept} giữ lại (tiến độ, hoàn thành, hạn và đơn vị sửa tay giữ nguyên)."
        ]
        lines += [f"  + {t[:90]}" for t in self.added]
        lines += [f"  ~ {t[:90]}" for t in self.changed]
        lines += [f"  - {t[:90]}" for t in self.removed]
        lines += [f"  = {t[:90]} (giữ)" for t in self.kept_missing]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            **ImportResult.to_json(self),
            "changed": self.changed,
            "kept_missing": self.kept_missing,
        }


def update_plan(
    db: Database,
    plan_id: int,
    extracted: ExtractedPlan,
    *,
    remove_missing: bool,
    unit_map: dict[str, int] | None = None,
    create_units: bool = True,
    today: date | None = None,
    backup: bool = False,
) -> PlanUpdated:
    """Update stored plan `plan_id` from `extracted`; `remove_missing` deletes the tasks
    the file no longer has (the caller asked the user), else they are kept and listed."""
    today = today or date.today()
    if backup:
        auto_backup(db, reason="import")
    with db.session() as s:
        plan = s.get(Plan, plan_id)
        if plan is None:
            raise NotFoundError(f"Không tìm thấy kế hoạch #{plan_id} (có thể đã bị xóa).")
        if extracted.sha256 and plan.source_sha256 == extracted.sha256:
            raise DuplicateImportError(
                f"Tệp «{extracted.source_name}» chính là tệp đã nhập cho kế hoạch này: "
                "không có gì để cập nhật."
            )
        preview = build_preview(s, extracted)
        if preview.same_file is not None:
            raise DuplicateImportError(
                f"Tệp «{extracted.source_name}» đã được nhập: {preview.same_file.describe()}."
            )
        ids, matched, created = _resolve_import_units(s, preview, unit_map, create_units)
        diff = diff_in(s, plan_id, extracted, resolved_names(s, preview))
        old_tasks = {t.id: t for t in plan_tasks(s, plan_id)}
        undo: dict[str, Any] = {
            "plan_id": plan_id,
            "plan": _plan_fields(plan),
            "tasks": [_full_snapshot(t) for t in old_tasks.values()],
            "added": [],
            "notes": [],
        }
        _fill_plan(plan, extracted)
        result = PlanUpdated(plan.id, plan.title, plan.number, updated=True)
        result.created_units, result.matched_units = created, matched
        stamp = now()
        removed = {task_id for task_id, _ in diff.removed}
        for task_id, text in diff.removed:
            if remove_missing:
                s.delete(old_tasks[task_id])
                result.removed.append(text)
            else:
                result.kept_missing.append(text)
        s.flush()
        changed = {c.task_id: c for c in diff.changed}
        for pos, t in enumerate(extracted.tasks):
            paired = diff.pairs.get(pos)
            if paired is None:
                row = _task_row(plan, t, pos, [], stamp, today)
                task = Task(**row)
                task.units, task.occurrences = [], []
                s.add(task)
                apply_deadline(task, t.deadline, today, plan.signed_on)
                s.flush()
                for u in _unit_rows(task.id, t, ids):
                    task.units.append(
                        TaskDepartment(**{k: u[k] for k in ("department_id", "role", "position")})
                    )
                refresh_search(s, task)
                undo["added"].append(task.id)
                result.added.append(task.text)
            else:
                task = old_tasks[paired]
                task.position = pos
                if paired in changed:
                    _rewrite(s, task, t, ids, paired in diff.kept_units, today, plan.signed_on)
                    task.updated_at = stamp
                    result.changed.append(task.text)
                result.kept += 1
            if t.completed_on and task.completed_on is None:
                complete(task, t.completed_on)
            if t.progress and t.progress not in {n.text for n in task.notes}:
                note = ProgressNote(
                    task_id=task.id,
                    created_at=stamp,
                    author=current_user(),
                    text=t.progress,
                    source=extracted.source_name,
                )
                s.add(note)
                s.flush()
                undo["notes"].append(note.id)
        if not remove_missing:  # kept tasks go after the file's
            for n, task_id in enumerate(i for i in old_tasks if i in removed):
                old_tasks[task_id].position = len(extracted.tasks) + n
        s.flush()
        audit(
            s,
            "reimport",
            "plan",
            plan.id,
            f"Cập nhật kế hoạch {plan.number or plan.title[:60]} từ {extracted.source_name}: "
            f"{len(result.added)} mới, {len(result.changed)} thay đổi, "
            f"{len(result.removed)} bỏ, {len(result.kept_missing)} giữ",
            {"plan": undo["plan"]},
            {"file": extracted.source_name, "sha256": extracted.sha256, **result.to_json()},
        )
        result.undo = undo
    db.optimize()
    return result


def _rewrite(
    s: Session,
    task: Task,
    t: ExtractedTask,
    ids: dict[str, int],
    keep_units: bool,
    today: date,
    signed: date | None,
) -> None:
    task.text = clean(t.text)
    task.section = clean(t.section)[:60]
    task.number = clean(t.number)[:30]
    task.product = clean(t.product) or task.product
    if (t.deadline.raw or "") != (task.deadline_raw or ""):
        apply_deadline(task, t.deadline, today, signed)  # a manual due date stays
    if not keep_units:
        task.units[:] = []
        s.flush()
        for u in _unit_rows(task.id, t, ids):
            task.units.append(
                TaskDepartment(**{k: u[k] for k in ("department_id", "role", "position")})
            )
    refresh_search(s, task)


def _fill_plan(plan: Plan, extracted: ExtractedPlan) -> None:
    """The stored plan keeps its name and identity; blanks are filled from the file."""
    doc = extracted.document
    plan.title = plan.title or clean(doc.title)
    if not plan.number_key:
        plan.number = clean(doc.number) or plan.number
        plan.issuer = plan.issuer or clean(doc.issuer)
        plan.number_key, plan.issuer_key = plan_keys(plan.number, plan.issuer)
    plan.signed_on = plan.signed_on or doc.date
    plan.source_name = extracted.source_name
    plan.source_sha256 = extracted.sha256 or None
    plan.imported_at = now()


def _plan_fields(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "number": plan.number,
        "issuer": plan.issuer,
        "signed_on": plan.signed_on.isoformat() if plan.signed_on else None,
        "source_name": plan.source_name,
        "source_sha256": plan.source_sha256,
        "imported_at": plan.imported_at.isoformat() if plan.imported_at else None,
    }


def _full_snapshot(task: Task) -> dict[str, Any]:
    snap = snapshot(task)
    snap["notes"] = [
        {
            "created_at": n.created_at.isoformat(),
            "author": n.author,
            "text": n.text,
            "source": n.source,
        }
        for n in task.notes
    ]
    return snap


def undo_plan_update(db: Database, undo: dict[str, Any]) -> Change:
    """Put a plan back as it was before `update_plan` (the window's undo)."""
    plan_id = undo["plan_id"]
    with db.session() as s:
        plan = s.get(Plan, plan_id)
        if plan is None:
            raise NotFoundError(f"Không tìm thấy kế hoạch #{plan_id} (có thể đã bị xóa).")
        for task_id in undo["added"]:
            task = s.get(Task, task_id)
            if task is not None:
                s.delete(task)
        for note_id in undo["notes"]:
            note = s.get(ProgressNote, note_id)
            if note is not None:
                s.delete(note)
        s.flush()
        fields = undo["plan"]
        for name in ("title", "number", "issuer", "source_name", "source_sha256"):
            setattr(plan, name, fields[name])
        plan.signed_on = to_date(fields["signed_on"])
        if fields["imported_at"]:
            plan.imported_at = datetime.fromisoformat(fields["imported_at"])
        plan.number_key, plan.issuer_key = plan_keys(plan.number, plan.issuer)
        known = {t.id: t for t in plan_tasks(s, plan_id)}
        for snap in undo["tasks"]:
            restore_task(s, known.get(snap["id"]), snap)
        audit(
            s,
            "undo_reimport",
            "plan",
            plan_id,
            f"Hoàn tác cập nhật kế hoạch {plan.number or plan.title[:60]}",
            None,
            {"plan": fields},
        )
    return Change(departments=True, plans=True, summary="Đã hoàn tác cập nhật kế hoạch")


__all__ = ["PlanUpdated", "undo_plan_update", "update_plan"]

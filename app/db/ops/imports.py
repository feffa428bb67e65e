"""Storing an ExtractedPlan: new plans in bulk, new versions as an update that keeps progress."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.core.roles import Role
from app.core.status import implied_completion
from app.core.text import clean, collation_key
from app.core.units import is_unit_group, unit_key
from app.db.changes import Change
from app.db.files.backups import auto_backup
from app.db.models import Department, Occurrence, Plan, ProgressNote, Task, TaskDepartment
from app.db.ops.common import (
    audit,
    occurrence_dates_for,
    sync_current_occurrence,
)
from app.db.reads.import_preview import (
    ImportPreview,
    build_preview,
    preview_import,
)
from app.db.store import Database
from app.db.taskdata import (
    current_user,
    now,
    plan_keys,
    search_key,
)
from app.errors import (
    DuplicateImportError,
    FileImportError,
    ImportCancelled,
    ImportValidationError,
    ValidationError,
)
from app.importers.base import ProgressCallback
from app.importers.model import ExtractedPlan, ExtractedTask

_PG_PLAN_LOCK = 0x706C616E  # pg_advisory_xact_lock key space: imports of one plan number

# --------------------------------------------------------------------------- import


@dataclass(slots=True)
class ImportResult:
    plan_id: int
    title: str
    number: str
    updated: bool = False
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: int = 0
    created_units: list[str] = field(default_factory=list)
    matched_units: dict[str, str] = field(default_factory=dict)

    @property
    def change(self) -> Change:
        return Change(departments=True, plans=True, summary=self.summary().split("\n")[0])

    def summary(self) -> str:
        what = f"Kế hoạch {self.number}" if self.number else f"Kế hoạch «{self.title[:60]}»"
        if self.updated:
            lines = [
                f"Đã cập nhật {what}: thêm {len(self.added)}, bỏ {len(self.removed)}, "
                f"giữ {self.kept} nhiệm vụ (giữ nguyên tiến độ)."
            ]
            lines += [f"  + {t[:90]}" for t in self.added]
            lines += [f"  - {t[:90]}" for t in self.removed]
        else:
            lines = [f"Đã nhập {what}: {len(self.added)} nhiệm vụ."]
        if self.created_units:
            lines.append("Đơn vị mới được thêm vào danh mục (hãy kiểm tra):")
            lines += [f"  * {n}" for n in self.created_units]
        fuzzy = {a: b for a, b in self.matched_units.items() if a != b}
        if fuzzy:
            lines.append("Tên đơn vị được hiểu là:")
            lines += [f"  «{a}» → {b}" for a, b in fuzzy.items()]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "title": self.title,
            "number": self.number,
            "updated": self.updated,
            "added": len(self.added),
            "removed": self.removed,
            "kept": self.kept,
            "created_units": self.created_units,
            "matched_units": self.matched_units,
        }


def import_plan(
    db: Database,
    extracted: ExtractedPlan,
    *,
    unit_map: dict[str, int] | None = None,
    create_units: bool = True,
    update: bool = False,
    progress: ProgressCallback | None = None,
    today: date | None = None,
    backup: bool = False,
    separate: bool = False,
    remove_missing: bool = True,
) -> ImportResult:
    """Store a plan and all its tasks in one transaction: everything or nothing.

    The same file (SHA-256) is refused; the same plan number is refused unless `update`,
    which keeps completions and progress of the tasks it matches. Unit names go through
    `unit_map` (name -> department id, chosen in the wizard), then the department list;
    the rest are created when `create_units`, else the import is refused listing them.
    With `backup` the database file is backed up first (a failing backup stops it), once
    the import is known not to be refused as a duplicate (no backup for a refusal).

    Several PCs may import at once (PostgreSQL runs them side by side): a unit another
    import has just added is used, not added twice, and the same plan imported twice
    at the same moment is stored once, the other import refused as a duplicate.
    """
    today = today or date.today()
    require_identity(extracted)
    preview = preview_import(db, extracted)
    refuse_duplicate(preview, update, separate)  # no backup for a refusal
    if update and preview.same_plan is not None:
        from app.db.ops.reimport import update_plan

        return update_plan(
            db,
            preview.same_plan.id,
            extracted,
            remove_missing=remove_missing,
            unit_map=unit_map,
            create_units=create_units,
            today=today,
            backup=backup,
        )
    if backup:
        auto_backup(db, reason="import")
    for attempt in (1, 2):
        try:
            result = _import_once(db, extracted, unit_map, create_units, separate, progress, today)
            break
        except IntegrityError as ex:
            # Another PC stored the same file or plan between our look and our insert:
            # look again (a fresh transaction sees it) and refuse as a duplicate.
            if attempt == 2:
                raise DuplicateImportError(
                    f"Kế hoạch trong tệp «{extracted.source_name}» vừa được nhập từ máy khác "
                    "(trùng số hiệu và cơ quan ban hành hoặc trùng tệp). Không nhập lại."
                ) from ex
    db.optimize()  # fresh statistics: the planner picks the right indexes after bulk loads
    return result


def require_identity(extracted: ExtractedPlan) -> None:
    """A plan is stored with its own name: a file name never stands for it."""
    if not clean(extracted.document.title):
        raise ValidationError(
            f"Chưa có tên kế hoạch cho tệp «{extracted.source_name}»: hãy nhập tên "
            "(trong cửa sổ nhập, hoặc dondoc import --title).",
            field="title",
        )


def refuse_duplicate(preview: ImportPreview, update: bool, separate: bool = False) -> None:
    """DuplicateImportError when the import would be refused: same file, or a known plan
    without `update` (or `separate`, for a plan taken for another only by its tasks or
    issuer spelling). Checked before the automatic backup too (no backup for an import
    that writes nothing)."""
    extracted = preview.plan
    if preview.same_file is not None:
        raise DuplicateImportError(
            f"Tệp «{extracted.source_name}» đã được nhập trước đây: "
            f"{preview.same_file.describe()}. Không nhập lại."
        )
    if preview.same_plan is None or update:
        return
    known = preview.known
    if separate and known is not None and not known.strict:
        return
    why = f" ({known.why()})" if known is not None else ""
    raise DuplicateImportError(
        f"Kế hoạch này đã được nhập{why}: {preview.same_plan.describe()}. Hãy chọn "
        "«Cập nhật kế hoạch» (dondoc import --update) để cập nhật mà giữ tiến độ, hoặc hủy."
    )


def _import_once(
    db: Database,
    extracted: ExtractedPlan,
    unit_map: dict[str, int] | None,
    create_units: bool,
    separate: bool,
    progress: ProgressCallback | None,
    today: date,
) -> ImportResult:
    with db.session() as s:
        number_key, issuer_key = plan_keys(extracted.document.number, extracted.document.issuer)
        if db.is_postgres and number_key is not None:
            # One import of a plan number at a time, so "same plan?" below sees the other
            # import's plan (also when one of them does not name its issuer).
            s.execute(
                text("SELECT pg_advisory_xact_lock(:space, :key)"),
                {"space": _PG_PLAN_LOCK, "key": _int32(zlib.crc32(number_key.encode()))},
            )
        preview = build_preview(s, extracted)
        refuse_duplicate(preview, False, separate)
        ids, result_units, created = _resolve_import_units(s, preview, unit_map, create_units)
        doc = extracted.document
        plan = Plan(imported_at=now())
        old_plan = None
        s.add(plan)
        plan.title = clean(doc.title)
        plan.number = clean(doc.number) or plan.number
        plan.issuer = clean(doc.issuer) or plan.issuer
        plan.number_key, plan.issuer_key = plan_keys(plan.number, plan.issuer)
        plan.signed_on = doc.date or plan.signed_on
        if doc.term:
            plan.term_start, plan.term_end = doc.term
        plan.source_name = extracted.source_name
        plan.source_sha256 = extracted.sha256 or None
        plan.imported_at = now()
        s.flush()
        result = ImportResult(plan.id, plan.title, plan.number, updated=old_plan is not None)
        result.created_units = created
        result.matched_units = result_units
        _insert_tasks(s, plan, extracted, ids, result, today, progress)
        audit(
            s,
            "import",
            "plan",
            plan.id,
            f"{'Cập nhật' if old_plan else 'Nhập'} kế hoạch {plan.number or plan.title[:60]} "
            f"từ {extracted.source_name}: {len(result.added)} nhiệm vụ mới",
            old_plan,
            {"file": extracted.source_name, "sha256": extracted.sha256, **result.to_json()},
        )
    return result


def _int32(n: int) -> int:
    return n - (1 << 32) if n >= 1 << 31 else n


def _resolve_import_units(
    s: Session,
    preview: ImportPreview,
    unit_map: dict[str, int] | None,
    create_units: bool,
) -> tuple[dict[str, int], dict[str, str], list[str]]:
    ids: dict[str, int] = {}
    matched: dict[str, str] = {}
    unknown: list[str] = []
    unit_map = unit_map or {}
    for name, res in preview.units.items():
        chosen = unit_map.get(name, res.department_id)
        if chosen is not None:
            dept = s.get(Department, chosen)
            if dept is None:
                raise ValidationError(f"Đơn vị #{chosen} (cho «{name}») không tồn tại.")
            ids[name] = dept.id
            matched[name] = dept.name
        else:
            unknown.append(name)
    if unknown and not create_units:
        raise ImportValidationError(
            [FileImportError(f"đơn vị chưa có trong danh mục: {n}") for n in unknown],
            path=preview.plan.source_name or None,
        )
    created: list[str] = []
    created_ids: set[int] = set()
    for name in unknown:
        dept, is_new = insert_or_get_department(s, name)
        ids[name] = dept.id
        if dept.id in created_ids:
            continue
        if not is_new:  # another PC added it a moment ago
            matched[name] = dept.name
            continue
        created_ids.add(dept.id)
        created.append(dept.name)
        audit(
            s,
            "create",
            "department",
            dept.id,
            f"Thêm đơn vị khi nhập: {dept.name}",
            None,
            {"name": dept.name},
        )
    return ids, matched, created


def insert_or_get_department(s: Session, name: str) -> tuple[Department, bool]:
    """The unit of this name's key: the existing one, or a new one (True).

    The unique key makes this safe when another PC adds the same unit at the same
    moment: our insert fails inside a savepoint and theirs is used.
    """
    key = unit_key(name)
    found = s.scalar(select(Department).where(Department.name_key == key))
    if found is not None:
        return found, False
    dept = Department(
        name=clean(name), short_name="", name_key=key, is_group=is_unit_group(name), active=True
    )
    try:
        with s.begin_nested():
            s.add(dept)
    except IntegrityError:
        found = s.scalar(select(Department).where(Department.name_key == key))
        if found is None:
            raise
        return found, False
    return dept, True


def _task_row(
    plan: Plan, t: ExtractedTask, pos: int, names: list[str], stamp: datetime, today: date
) -> dict[str, Any]:
    dl = t.deadline
    implied = implied_completion(dl, plan.signed_on or today)
    return {
        "plan_id": plan.id,
        "section": clean(t.section)[:60],
        "number": clean(t.number)[:30],
        "position": pos,
        "text": clean(t.text),
        "sort_key": collation_key(t.text),
        "search_text": search_key(t.text, names, dl.raw, [t.number, t.product, t.note]),
        "product": clean(t.product),
        "note": (t.note or "").strip(),
        "deadline_raw": dl.raw,
        "deadline_kind": str(dl.kind),
        "start_date": dl.start,
        "due_date": dl.due,
        "recurrence": dl.recurrence.to_json() if dl.recurrence else None,
        "condition": dl.condition,
        "continuing": dl.continuing,
        "done_flag": dl.done,
        "due_override": False,
        "completed_on": t.completed_on or (min(implied, today) if implied else None),
        "created_at": stamp,
        "updated_at": stamp,
        "version": 1,
    }


def _unit_rows(task_id: int, t: ExtractedTask, ids: dict[str, int]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, str]] = set()
    groups = [
        (Role.LEAD, [t.lead] if t.lead else []),
        (Role.COORDINATING, t.coordinators),
        (Role.FOLLOWING, t.following),
    ]
    for role, names in groups:
        for pos, name in enumerate(names):
            dept_id = ids.get(name)
            if dept_id is None or (dept_id, role) in seen:
                continue
            seen.add((dept_id, role))
            rows.append(
                {"task_id": task_id, "department_id": dept_id, "role": str(role), "position": pos}
            )
    return rows


def _insert_tasks(
    s: Session,
    plan: Plan,
    extracted: ExtractedPlan,
    ids: dict[str, int],
    result: ImportResult,
    today: date,
    progress: ProgressCallback | None,
) -> None:
    stamp = now()
    tasks = extracted.tasks
    total = len(tasks)
    chunk = 1000
    for start in range(0, total, chunk):
        part = tasks[start : start + chunk]
        rows = [
            _task_row(plan, t, start + i, [n for n in [t.lead, *t.coordinators] if n], stamp, today)
            for i, t in enumerate(part)
        ]
        new_ids = s.scalars(
            insert(Task).returning(Task.id, sort_by_parameter_order=True), rows
        ).all()
        unit_rows: list[dict[str, Any]] = []
        occ_rows: list[dict[str, Any]] = []
        note_rows: list[dict[str, Any]] = []
        for task_id, t, row in zip(new_ids, part, rows, strict=True):
            unit_rows += _unit_rows(task_id, t, ids)
            dates = occurrence_dates_for(t.deadline, today)
            if dates:
                done_on = row["completed_on"]
                occ_rows += [
                    {
                        "task_id": task_id,
                        "due_date": d,
                        "completed_on": done_on if done_on and d <= done_on else None,
                    }
                    for d in dates
                ]
            if t.progress:
                note_rows.append(
                    {
                        "task_id": task_id,
                        "created_at": stamp,
                        "author": current_user(),
                        "text": t.progress,
                        "source": extracted.source_name,
                    }
                )
            result.added.append(row["text"])
        if unit_rows:
            s.execute(insert(TaskDepartment), unit_rows)
        if occ_rows:
            s.execute(insert(Occurrence), occ_rows)
        if note_rows:
            s.execute(insert(ProgressNote), note_rows)
        if progress is not None and not progress(min(start + chunk, total), total):
            raise ImportCancelled("Đã hủy nhập; cơ sở dữ liệu không thay đổi.")
    # Tasks whose occurrences decide the due date: align it with the first open one.
    recurring = s.scalars(
        select(Task)
        .where(Task.plan_id == plan.id, Task.id.in_(select(Occurrence.task_id)))
        .options(selectinload(Task.occurrences))
    ).all()
    for task in recurring:
        sync_current_occurrence(task)

"""Every check an import makes, without writing: `dondoc import --dry-run` and the wizard.

The same refusals as `import_plan` / `update_plan` (no name, the same file, a known plan
without an update, units missing from the list when none may be added), the units as they
would be resolved, and for an update the list of new, changed and missing tasks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.db.ops.imports import refuse_duplicate, require_identity
from app.db.reads.import_preview import ImportPreview, preview_import
from app.db.reads.plan_update import PlanDiff, plan_diff
from app.db.store import Database
from app.errors import FileImportError, ImportValidationError
from app.importers.model import ExtractedPlan


@dataclass(slots=True)
class ImportCheck:
    preview: ImportPreview
    diff: PlanDiff | None = None  # an update of a known plan

    @property
    def plan_id(self) -> int:
        assert self.preview.same_plan is not None
        return self.preview.same_plan.id

    def text(self) -> str:
        plan = self.preview.plan
        doc = plan.document
        lines = [f"Kế hoạch {doc.number}: {doc.title[:100]}"]
        if self.diff is not None and self.preview.same_plan is not None:
            why = self.preview.known.why() if self.preview.known else ""
            lines.append(
                f"Sẽ cập nhật {self.preview.same_plan.describe()} ({why}): {self.diff.summary()}."
            )
            lines += ["  " + line for line in self.diff.lines(plan)]
        else:
            lines.append(f"Sẽ nhập {len(plan.tasks)} nhiệm vụ.")
        unknown = self.preview.unknown_units
        if unknown:
            lines.append(f"Đơn vị mới sẽ được thêm ({len(unknown)}): " + ", ".join(unknown))
        lines.append("Chưa ghi gì vào cơ sở dữ liệu (--dry-run).")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "action": "update" if self.diff is not None else "import",
            **self.preview.to_json(),
        }
        if self.diff is not None:
            out["update"] = self.diff.to_json(self.preview.plan)
        return out


def check_import(
    db: Database,
    extracted: ExtractedPlan,
    *,
    update: bool = False,
    separate: bool = False,
    create_units: bool = True,
) -> ImportCheck:
    """Raise what the import would raise; else what it would do."""
    require_identity(extracted)
    preview = preview_import(db, extracted)
    refuse_duplicate(preview, update, separate)
    if not create_units and preview.unknown_units:
        raise ImportValidationError(
            [FileImportError(f"đơn vị chưa có trong danh mục: {n}") for n in preview.unknown_units],
            path=extracted.source_name or None,
        )
    check = ImportCheck(preview)
    if update and preview.same_plan is not None:
        check.diff = plan_diff(db, preview.same_plan.id, extracted)
    return check

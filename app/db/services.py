"""The one entry point for changing data: the UI, the CLI and the exporters call these.

Every operation runs in one transaction, leaves an AuditEntry for what it changed, and
returns a `Change` that views refresh from (anki's OpChanges). Bulk work (imports, bulk
edits) is a single transaction: written completely or not at all. The implementations
live in `app/db/ops/` by subject; nothing outside `app.db` writes to the database.
"""

from __future__ import annotations

from app.db.changes import Change
from app.db.ops.collect_result import CollectResult
from app.db.ops.departments import (
    add_alias,
    create_department,
    delete_department,
    merge_departments,
    remove_alias,
    update_department,
)
from app.db.ops.import_preview import ImportPreview
from app.db.ops.imports import ImportResult, check_import, import_plan, preview_import
from app.db.ops.replies import apply_replies
from app.db.ops.requests import (
    RequestItem,
    RequestRecord,
    cancel_request,
    mark_request_replied,
    record_request,
    restore_request,
    set_request_file,
)
from app.db.ops.settings import delete_plan, set_calendar_day, set_setting
from app.db.ops.tasks import (
    TaskInput,
    add_progress_note,
    create_task,
    delete_progress_note,
    delete_tasks,
    reassign,
    refresh_occurrences,
    restore_tasks,
    set_completion,
    update_task,
)

__all__ = [
    "Change",
    "CollectResult",
    "ImportPreview",
    "ImportResult",
    "RequestItem",
    "RequestRecord",
    "TaskInput",
    "add_alias",
    "add_progress_note",
    "apply_replies",
    "cancel_request",
    "check_import",
    "create_department",
    "create_task",
    "delete_department",
    "delete_plan",
    "delete_progress_note",
    "delete_tasks",
    "import_plan",
    "mark_request_replied",
    "merge_departments",
    "preview_import",
    "reassign",
    "record_request",
    "refresh_occurrences",
    "remove_alias",
    "restore_request",
    "restore_tasks",
    "set_calendar_day",
    "set_completion",
    "set_request_file",
    "set_setting",
    "update_department",
    "update_task",
]

"""The one way to change data: the UI, the CLI and the exporters call these.

Every operation runs in one transaction (a user action is one operation), leaves an
AuditEntry for what it changed, and returns a `Change` that views refresh from (anki's
OpChanges), or a result carrying one in its `change` field. Bulk work (imports, bulk
edits) is a single transaction: written completely or not at all. Use them as
`from app.db import ops; ops.update_task(db, …)`; the modules hold them by subject.
"""

from app.core.status import CANCEL_KINDS
from app.db.changes import Change, Created, Removed
from app.db.ops.backups import Restored, back_up, maintain, restore_backup
from app.db.ops.collect_result import CollectResult
from app.db.ops.departments import (
    add_alias,
    create_department,
    delete_department,
    merge_departments,
    move_departments,
    remove_alias,
    undo_department_edit,
    update_department,
)
from app.db.ops.evidence import attach_evidence, detach_evidence, record_progress, remove_note
from app.db.ops.follow_up import (
    Cancellation,
    CancelResult,
    cancel_tasks,
    extend_task,
    restore_cancelled,
    set_cancellations,
    set_unit_specialist,
    undo_extension,
)
from app.db.ops.imports import ImportResult, import_plan
from app.db.ops.institutions import AliasesAdded, add_dated_aliases, remove_aliases
from app.db.ops.reimport import PlanUpdated, undo_plan_update, update_plan
from app.db.ops.reminders import record_digest, set_department_email, set_specialist_email
from app.db.ops.replies import apply_replies
from app.db.ops.requests import (
    RequestDraft,
    RequestItem,
    RequestRecord,
    Sent,
    cancel_request,
    mark_request_replied,
    record_request,
    restore_request,
    send_requests,
    set_request_file,
)
from app.db.ops.settings import delete_plan, set_calendar_day, set_setting
from app.db.ops.split import SplitResult, split_department, undo_split
from app.db.ops.tasks import (
    add_progress_note,
    create_task,
    delete_progress_note,
    delete_tasks,
    reassign,
    refresh_occurrences,
    restore_completions,
    restore_leads,
    restore_tasks,
    set_completion,
    update_task,
)
from app.db.taskdata import TaskInput as TaskInput

__all__ = [
    "CANCEL_KINDS",
    "CancelResult",
    "Cancellation",
    "cancel_tasks",
    "extend_task",
    "restore_cancelled",
    "set_cancellations",
    "set_unit_specialist",
    "undo_extension",
    "SplitResult",
    "split_department",
    "undo_split",
    "AliasesAdded",
    "add_dated_aliases",
    "remove_aliases",
    "Change",
    "CollectResult",
    "Created",
    "ImportResult",
    "PlanUpdated",
    "Removed",
    "RequestDraft",
    "RequestItem",
    "RequestRecord",
    "Restored",
    "Sent",
    "TaskInput",
    "add_alias",
    "add_progress_note",
    "apply_replies",
    "attach_evidence",
    "back_up",
    "cancel_request",
    "create_department",
    "create_task",
    "delete_department",
    "delete_plan",
    "delete_progress_note",
    "delete_tasks",
    "detach_evidence",
    "import_plan",
    "maintain",
    "mark_request_replied",
    "merge_departments",
    "move_departments",
    "reassign",
    "record_digest",
    "record_progress",
    "record_request",
    "refresh_occurrences",
    "remove_alias",
    "remove_note",
    "restore_backup",
    "restore_completions",
    "restore_leads",
    "restore_request",
    "restore_tasks",
    "send_requests",
    "set_calendar_day",
    "set_completion",
    "set_department_email",
    "set_specialist_email",
    "set_request_file",
    "set_setting",
    "undo_department_edit",
    "undo_plan_update",
    "update_department",
    "update_plan",
    "update_task",
]

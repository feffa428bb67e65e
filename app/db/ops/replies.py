"""Applying units' replies (filled request workbooks): preview, then all-or-nothing.

Rows are tied to tasks by their signed keys; a row whose key was lost (the table was
pasted into another file) is matched by text similarity. A tampered workbook (a key or
a locked task text changed) or one this database never sent is refused whole. A reply
about a task edited since the request went out is flagged, not applied, unless the
user accepts the flagged rows after looking at them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.core.roles import Role
from app.core.text import clean, fold
from app.db.models import Department, ProgressNote, Task, TaskDepartment, UnitRequest
from app.db.ops.collect_result import CollectResult, FileOutcome, Flag, TaskChange
from app.db.ops.common import audit, complete, load_task, same_snapshot, write_note
from app.db.ops.requests import RequestItem, parse_key, record_of
from app.db.reads.departments import find_department_in
from app.db.store import Database
from app.db.taskdata import now, snapshot
from app.errors import ConflictError, FileImportError, ImportValidationError, NotFoundError
from app.importers.replies import Reply, ReplyRow

MATCH_CUTOFF = 0.85  # text similarity needed to match a row that lost its key
MATCH_MARGIN = 0.04  # ... and by this much better than the runner-up


@dataclass(slots=True)
class _Planned:
    """One matched, answered row and what it would change."""

    row: ReplyRow
    task: Task
    item: RequestItem | None
    note: str
    complete_on: date | None
    flagged: bool  # the whole row: the task changed since the request was sent
    complete_flagged: bool  # only the completion (unknown role, date in the future)

    def applies(self, accept_flagged: bool) -> tuple[bool, bool]:
        """(add the note?, set the completion?)"""
        note = bool(self.note) and (accept_flagged or not self.flagged)
        done = self.complete_on is not None and (
            accept_flagged or not (self.flagged or self.complete_flagged)
        )
        return note, done


class _Tampered(Exception):
    pass


def _similarity(a: str, b: str) -> float:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    wa, wb = set(fa.split()), set(fb.split())
    if len(wa & wb) / max(1, len(wa | wb)) < 0.3:
        return 0.0
    return SequenceMatcher(None, fa, fb, autojunk=False).ratio()


def _best_match(
    text: str, candidates: Sequence[RequestItem], taken: set[int]
) -> RequestItem | None:
    scored = sorted(
        ((_similarity(text, c.text), c) for c in candidates if c.task_id not in taken),
        key=lambda x: x[0],
        reverse=True,
    )
    if not scored or scored[0][0] < MATCH_CUTOFF:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MATCH_MARGIN:
        return None
    return scored[0][1]


def _open_items(s: Session, dept_id: int | None) -> list[RequestItem]:
    """Without the request (its sheet lost), a row can only be one of the open tasks.

    The unit's role comes from the task's units; with no unit known it stays "" and a
    completion is then only proposed, never applied silently.
    """
    q = select(Task).where(Task.completed_on.is_(None))
    roles: dict[int, str] = {}
    if dept_id is not None:
        rank = {str(Role.LEAD): 0, str(Role.COORDINATING): 1, str(Role.FOLLOWING): 2}
        for task_id, role in s.execute(
            select(TaskDepartment.task_id, TaskDepartment.role).where(
                TaskDepartment.department_id == dept_id
            )
        ):
            if task_id not in roles or rank.get(role, 9) < rank.get(roles[task_id], 9):
                roles[task_id] = role
        q = q.where(Task.id.in_(list(roles) or [-1]))
    return [
        RequestItem(t.id, t.version, t.text, t.due_date, roles.get(t.id, ""), "")
        for t in s.scalars(q)
    ]


def _note_text(row: ReplyRow) -> str:
    parts = []
    if row.result:
        parts.append(row.result)
    if row.difficulties:
        parts.append(f"Khó khăn, vướng mắc: {row.difficulties}")
    if row.proposals:
        parts.append(f"Đề xuất, kiến nghị: {row.proposals}")
    return "\n".join(parts)


def _what_changed(task: Task, item: RequestItem) -> str:
    changes = []
    if fold(clean(task.text)) != fold(clean(item.text)):
        changes.append("nội dung")
    if task.due_date != item.due:
        changes.append("hạn")
    if task.completed_on is not None:
        changes.append(f"đã đánh dấu hoàn thành ngày {task.completed_on:%d/%m/%Y}")
    return ", ".join(changes) or "thông tin nhiệm vụ"


def _request_for(
    s: Session, reply: Reply, out: FileOutcome
) -> tuple[UnitRequest | None, Department | None]:
    """The request a reply answers (None when its hidden sheet was lost), and its unit."""
    if reply.meta is not None:
        req = s.scalar(select(UnitRequest).where(UnitRequest.uid == reply.meta.request_uid))
        if req is None:
            raise _Tampered(
                "sổ này không do cơ sở dữ liệu đang mở gửi đi (hoặc đề nghị đã bị hủy); "
                "không thể đối chiếu (foreign workbook)"
            )
        dept = s.get(Department, req.department_id) if req.department_id else None
        out.unit = dept.name if dept else req.department_name
        out.request_id, out.sent_on = req.id, req.sent_on
        return req, dept
    dept = find_department_in(s, reply.unit_hint) if reply.unit_hint else None
    if dept is not None:
        out.unit = dept.name
        req = s.scalar(
            select(UnitRequest)
            .where(UnitRequest.department_id == dept.id, UnitRequest.kind == "workbook")
            .order_by(UnitRequest.sent_on.desc(), UnitRequest.id.desc())
            .limit(1)
        )
        out.warnings.append(
            "tệp không còn trang thông tin của đề nghị (có thể đã chép sang tệp khác); "
            "các dòng được đối chiếu theo nội dung nhiệm vụ"
        )
        if req is not None:
            out.request_id, out.sent_on = req.id, req.sent_on
        return req, dept
    out.warnings.append(
        "tệp không còn trang thông tin của đề nghị và không ghi tên đơn vị; các dòng được "
        "đối chiếu theo nội dung với mọi nhiệm vụ chưa hoàn thành"
    )
    return None, None


def _match_rows(
    s: Session,
    reply: Reply,
    req: UnitRequest | None,
    dept: Department | None,
    out: FileOutcome,
) -> list[tuple[ReplyRow, RequestItem, bool]]:
    """(row, item, by_text) for each answered row that matches a task; flags the rest."""
    record = record_of(s, req) if req is not None else None
    if record is not None and reply.meta is not None:
        items = list(record.items)
    else:
        items = _open_items(s, dept.id if dept else None)
        if record is not None:  # prefer the tasks of the unit's last request
            known = {it.task_id: it for it in record.items}
            items = [known.get(it.task_id, it) for it in items]
    by_key = {it.key: it for it in items if it.key}
    by_id = {it.task_id: it for it in items}
    taken: set[int] = set()
    keys_seen: set[str] = set()
    matched = []
    for row in reply.rows:
        item = None
        by_text = False
        if row.key and reply.meta is not None:
            if row.key in keys_seen:
                raise _Tampered(f"dòng {row.row}: mã nhiệm vụ bị lặp (dòng bị sao chép)")
            keys_seen.add(row.key)
            item = by_key.get(row.key)
            if item is None:
                tid = parse_key(row.key)
                where = "không thuộc đề nghị này (chép từ sổ khác?)"
                if tid is None or tid in by_id:
                    where = "đã bị sửa"
                raise _Tampered(f"dòng {row.row}: mã nhiệm vụ ẩn {where}")
            if fold(clean(row.text)) != fold(clean(item.text)):
                raise _Tampered(
                    f"dòng {row.row}: ô «Nội dung nhiệm vụ» (ô khóa) đã bị sửa so với "
                    "đề nghị đã gửi"
                )
        elif row.key and (key_id := parse_key(row.key)) is not None and key_id in by_id:
            candidate = by_id[key_id]
            if _similarity(row.text, candidate.text) >= MATCH_CUTOFF:
                item = candidate
        if item is None and row.has_answer:
            item = _best_match(row.text, items, taken)
            by_text = item is not None
        if not row.has_answer:
            continue
        out.answered += 1
        if item is None:
            out.flags.append(Flag(row.row, None, row.text, "không khớp nhiệm vụ nào đã gửi"))
            continue
        if item.task_id in taken:
            out.flags.append(
                Flag(row.row, item.task_id, item.text, "trùng nhiệm vụ với một dòng khác")
            )
            continue
        taken.add(item.task_id)
        out.matched_by_text += by_text
        matched.append((row, item, by_text))
    return matched


def _plan_row(
    s: Session,
    row: ReplyRow,
    item: RequestItem,
    with_request: bool,
    dept: Department | None,
    out: FileOutcome,
    today: date,
) -> tuple[_Planned, str] | None:
    try:
        task = load_task(s, item.task_id)
    except NotFoundError:
        out.flags.append(Flag(row.row, item.task_id, item.text, "nhiệm vụ đã bị xóa"))
        return None
    flagged = False
    if with_request and task.version != item.version:
        flagged = True
        out.flags.append(
            Flag(
                row.row,
                task.id,
                task.text,
                f"nhiệm vụ đã thay đổi sau khi gửi đề nghị ({_what_changed(task, item)})",
            )
        )
    role = item.role
    note = _note_text(row)
    complete_on = None
    complete_flagged = False
    if row.done:
        if role not in (str(Role.LEAD), ""):
            note = "\n".join(x for x in ("Đã hoàn thành phần việc phối hợp.", note) if x)
        elif task.completed_on is None:
            if not role:
                complete_flagged = True
                out.flags.append(
                    Flag(
                        row.row,
                        task.id,
                        task.text,
                        "không rõ đơn vị báo cáo (chủ trì hay phối hợp) nên chưa tự đánh dấu "
                        "hoàn thành",
                    )
                )
            complete_on = row.done_on or today
            if complete_on > today:
                complete_flagged = True
                out.flags.append(
                    Flag(row.row, task.id, task.text, "ngày hoàn thành sau ngày hôm nay")
                )
    elif row.done is False and task.completed_on is not None and not flagged:
        out.flags.append(
            Flag(
                row.row,
                task.id,
                task.text,
                "đơn vị báo chưa hoàn thành, nhưng nhiệm vụ đang được đánh dấu hoàn thành "
                f"ngày {task.completed_on:%d/%m/%Y} (không tự bỏ đánh dấu)",
            )
        )
    author = dept.name if dept is not None else ""
    if note and _has_note(s, task.id, note):
        note = ""
    if note:
        out.changes.append(TaskChange(task.id, row.row, "note", task.text, note, flagged))
    if complete_on is not None:
        out.changes.append(
            TaskChange(
                task.id,
                row.row,
                "complete",
                task.text,
                f"{complete_on:%d/%m/%Y}",
                flagged or complete_flagged,
            )
        )
    if not note and complete_on is None:
        return None
    return _Planned(row, task, item, note, complete_on, flagged, complete_flagged), author


def _has_note(s: Session, task_id: int, text: str) -> bool:
    """The same answer imported before (the same file twice, or a resent copy)."""
    return (
        s.scalar(
            select(ProgressNote.id)
            .where(ProgressNote.task_id == task_id, ProgressNote.text == text)
            .limit(1)
        )
        is not None
    )


def apply_replies(
    db: Database,
    replies: Sequence[Reply],
    *,
    dry_run: bool = False,
    accept_flagged: bool = False,
    today: date | None = None,
) -> CollectResult:
    """Preview (dry_run) or apply replies in one transaction; refused whole on any error.

    Raises ImportValidationError naming each tampered or foreign file (nothing written).
    """
    today = today or date.today()
    result = CollectResult(accept_flagged=accept_flagged)
    try:
        if dry_run:
            with db.read() as s:
                _collect(s, replies, result, today, write=False)
            return result
        with db.session() as s:
            _collect(s, replies, result, today, write=True)
    except StaleDataError as ex:
        raise ConflictError(
            "Một nhiệm vụ vừa được người khác sửa trong lúc nhập báo cáo; chưa ghi gì. Hãy thử lại."
        ) from ex
    return result


# (reply, its outcome, the request it answers, what to apply, the note's author)
_Plan = tuple[Reply, FileOutcome, UnitRequest | None, _Planned, str]


def _collect(
    s: Session, replies: Sequence[Reply], result: CollectResult, today: date, *, write: bool
) -> None:
    plans: list[_Plan] = []
    for reply in replies:
        out = FileOutcome(name=reply.name, path=str(reply.path), rows=len(reply.rows))
        result.files.append(out)
        try:
            req, dept = _request_for(s, reply, out)
            matched = _match_rows(s, reply, req, dept, out)
        except _Tampered as ex:
            out.error = str(ex)
            out.flags.clear()
            continue
        with_request = req is not None and reply.meta is not None
        for row, item, _by_text in matched:
            planned = _plan_row(s, row, item, with_request, dept, out, today)
            if planned is not None:
                plans.append((reply, out, req, *planned))
    if not write:
        return
    if result.errors:
        raise ImportValidationError(
            [FileImportError(f.error or "", path=f.path) for f in result.files if f.error]
        )
    _write(s, plans, result, today)
    result.applied = True


def _write(s: Session, plans: list[_Plan], result: CollectResult, today: date) -> None:
    by_file: dict[str, list[_Plan]] = {}
    for reply, out, req, planned, author in plans:
        by_file.setdefault(reply.name, []).append((reply, out, req, planned, author))
        add_note, set_done = planned.applies(result.accept_flagged)
        task = planned.task
        source = f"Báo cáo {out.unit}, tệp {reply.name}" if out.unit else f"tệp {reply.name}"
        if add_note:
            write_note(
                s,
                task.id,
                planned.note,
                author=author,
                source=source,
                summary=f"Thêm tiến độ từ tệp {reply.name}: {planned.note[:60]}",
                file=reply.name,
            )
        if set_done and planned.complete_on is not None:
            old = snapshot(task)
            complete(task, planned.complete_on)
            if not same_snapshot(old, snapshot(task)):
                task.updated_at = now()
                s.flush()
                audit(
                    s,
                    "complete",
                    "task",
                    task.id,
                    f"Hoàn thành theo báo cáo (tệp {reply.name}): {task.text[:60]}",
                    old,
                    snapshot(task),
                )
    for items in by_file.values():
        _close_request(s, items, result, today)
    for out in result.files:
        if out.name not in by_file:
            _close_request_without_changes(s, out, today)


def _close_request(s: Session, items: list[_Plan], result: CollectResult, today: date) -> None:
    reply, out, req, _planned, _author = items[0]
    accept = result.accept_flagged
    applied = [p for _r, _o, _q, p, _a in items if any(p.applies(accept))]
    if req is not None:
        # The reply's own changes must not make a later reply for this request look stale.
        versions = {p.task.id: p.task.version for p in applied}
        req.items = [
            {**it, "version": versions.get(it["task_id"], it.get("version"))}
            for it in (req.items or [])
        ]
        _mark_replied(s, req, reply.name, today)
    audit(
        s,
        "collect",
        "unit_request",
        req.id if req is not None else None,
        f"Nhập báo cáo của {out.unit or 'đơn vị'} từ tệp «{reply.name}»: "
        f"{sum(p.applies(accept)[0] for p in applied)} ghi tiến độ, "
        f"{sum(p.applies(accept)[1] for p in applied)} hoàn thành, "
        f"{len(out.flags)} dòng cần xem lại",
        None,
        {
            "file": reply.name,
            "sha256": reply.sha256,
            "tasks": [p.task.id for p in applied],
            "flags": [f.to_json() for f in out.flags],
        },
    )


def _close_request_without_changes(s: Session, out: FileOutcome, today: date) -> None:
    req = s.get(UnitRequest, out.request_id) if out.request_id else None
    if req is not None:
        _mark_replied(s, req, out.name, today)
    audit(
        s,
        "collect",
        "unit_request",
        out.request_id,
        f"Nhập báo cáo của {out.unit or 'đơn vị'} từ tệp «{out.name}»: không có thay đổi mới",
        None,
        {"file": out.name, "flags": [f.to_json() for f in out.flags]},
    )


def _mark_replied(s: Session, req: UnitRequest, file_name: str, today: date) -> None:
    """The answer also settles the unit's earlier letters still awaiting a reply."""
    if req.replied_on is None:
        req.replied_on = today
    req.reply_file = file_name
    if req.department_id is None:
        return
    older = s.scalars(
        select(UnitRequest).where(
            UnitRequest.department_id == req.department_id,
            UnitRequest.replied_on.is_(None),
            UnitRequest.sent_on <= req.sent_on,
            UnitRequest.id != req.id,
        )
    )
    for other in older:
        other.replied_on = today
        other.reply_file = file_name

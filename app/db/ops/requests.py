"""Tracking the urging loop: letters and request workbooks sent to units, and answers.

Each row of a request workbook carries a key "DD-<task id>-<signature>"; the signature
is an HMAC over the request, the task and its text with a secret kept in this database,
so a reply can be tied to the exact request it answers and a changed key is detected.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.roles import Role
from app.core.text import clean, fold
from app.db.changes import Change, Removed
from app.db.models import Department, Setting, TaskDepartment, UnitRequest
from app.db.ops.common import audit, load_task
from app.db.reads.requests import snapshot_of
from app.db.store import Database
from app.db.taskdata import now
from app.errors import NotFoundError, ValidationError
from app.importers.request_format import KEY_PREFIX

KINDS = ("letter", "workbook")
SECRET_KEY = "request_secret"


@dataclass(frozen=True, slots=True)
class RequestItem:
    """One task as it was sent to the unit."""

    task_id: int
    version: int
    text: str
    due: date | None
    role: str
    key: str

    def to_json(self) -> dict[str, Any]:
        return {
            "task_id": self.task_id,
            "version": self.version,
            "text": self.text,
            "due": self.due.isoformat() if self.due else None,
            "role": self.role,
        }


@dataclass(frozen=True, slots=True)
class RequestRecord:
    id: int
    uid: str
    kind: str
    department_id: int | None
    department_name: str
    sent_on: date
    reply_due: date | None
    items: tuple[RequestItem, ...]

    @property
    def change(self) -> Change:
        return Change(requests=True)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def request_secret(s: Session) -> bytes:
    """The database's signing secret, created on first use."""
    row = s.get(Setting, SECRET_KEY)
    if row is None or not isinstance(row.value, str) or len(row.value) < 32:
        value = secrets.token_hex(32)
        if row is None:
            s.add(Setting(key=SECRET_KEY, value=value))
        else:
            row.value = value
        s.flush()
        return value.encode()
    return row.value.encode()


def task_key(secret: bytes, uid: str, task_id: int, text: str) -> str:
    """The hidden key of a workbook row: stable for the same request, task and text."""
    msg = f"{uid}|{task_id}|{fold(clean(text))}".encode()
    sig = hmac.new(secret, msg, hashlib.sha256).hexdigest()[:12].upper()
    return f"{KEY_PREFIX}-{task_id}-{sig}"


def parse_key(key: str | None) -> int | None:
    """The task id in a key "DD-<id>-<sig>", None when it is not one of ours."""
    parts = (key or "").strip().split("-")
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1].isdigit():
        return None
    return int(parts[1])


def _item_from_json(secret: bytes, uid: str, raw: dict[str, Any]) -> RequestItem:
    due = raw.get("due")
    return RequestItem(
        task_id=int(raw["task_id"]),
        version=int(raw.get("version") or 0),
        text=raw.get("text") or "",
        due=date.fromisoformat(due) if due else None,
        role=raw.get("role") or str(Role.LEAD),
        key=task_key(secret, uid, int(raw["task_id"]), raw.get("text") or ""),
    )


def record_of(s: Session, req: UnitRequest) -> RequestRecord:
    secret = request_secret(s)
    return RequestRecord(
        id=req.id,
        uid=req.uid,
        kind=req.kind,
        department_id=req.department_id,
        department_name=req.department_name,
        sent_on=req.sent_on,
        reply_due=req.reply_due,
        items=tuple(_item_from_json(secret, req.uid, it) for it in (req.items or [])),
    )


def record_request(
    db: Database,
    *,
    kind: str,
    department_id: int,
    sent_on: date,
    reply_due: date | None,
    task_ids: Sequence[int],
    file_name: str = "",
    note: str = "",
) -> RequestRecord:
    """Remember that a letter or workbook about these tasks went to a unit today."""
    if kind not in KINDS:
        raise ValueError(f"unknown request kind {kind!r}")
    if reply_due is not None and reply_due < sent_on:
        raise ValidationError(
            "Hạn báo cáo không được trước ngày gửi (reply deadline before the sending date).",
            field="reply_due",
        )
    with db.session() as s:
        dept = s.get(Department, department_id)
        if dept is None:
            raise NotFoundError(f"Không tìm thấy đơn vị #{department_id}.")
        roles: dict[int, set[str]] = {}
        for task_id, role in s.execute(
            select(TaskDepartment.task_id, TaskDepartment.role).where(
                TaskDepartment.department_id == department_id,
                TaskDepartment.task_id.in_(list(task_ids) or [-1]),
            )
        ):
            roles.setdefault(task_id, set()).add(role)
        items = []
        for task_id in dict.fromkeys(task_ids):
            task = load_task(s, task_id)
            items.append(
                {
                    "task_id": task.id,
                    "version": task.version,
                    "text": task.text,
                    "due": task.due_date.isoformat() if task.due_date else None,
                    "role": _best_role(roles.get(task.id, set())),
                }
            )
        req = UnitRequest(
            uid=secrets.token_hex(8),
            kind=kind,
            department_id=dept.id,
            department_name=dept.name,
            sent_on=sent_on,
            reply_due=reply_due,
            file_name=file_name,
            items=items,
            created_at=now(),
            note=note,
        )
        s.add(req)
        s.flush()
        what = "công văn đôn đốc" if kind == "letter" else "đề nghị báo cáo"
        audit(
            s,
            "request",
            "unit_request",
            req.id,
            f"Gửi {what} đến {dept.name} ({len(items)} nhiệm vụ)"
            + (f", tệp {file_name}" if file_name else ""),
            None,
            {
                "kind": kind,
                "department_id": dept.id,
                "sent_on": sent_on.isoformat(),
                "reply_due": reply_due.isoformat() if reply_due else None,
                "file": file_name,
                "tasks": [it["task_id"] for it in items],
            },
        )
        return record_of(s, req)


@dataclass(frozen=True, slots=True)
class RequestDraft:
    """A letter or workbook about to go to a unit: what `record_request` records."""

    kind: str
    department_id: int
    sent_on: date
    reply_due: date | None
    task_ids: tuple[int, ...]
    file_name: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Sent:
    """The files written and the requests recorded for them."""

    files: list[Path]
    records: list[RequestRecord]

    @property
    def change(self) -> Change:
        return Change(requests=bool(self.records))


def send_requests(
    db: Database,
    files: Sequence[Sequence[RequestDraft]],
    write: Callable[[int, list[RequestRecord]], Path],
    *,
    before: Callable[[int], None] | None = None,
) -> Sent:
    """Record the requests of each file, then write the file: all or nothing.

    The file needs its records (a workbook carries the request's keys), so recording
    comes first. `before(i)` runs ahead of file i (a cancelled job raises there); when it
    raises, or a file cannot be written, the files written so far are removed and the
    requests this call recorded are cancelled.
    """
    written: list[Path] = []
    recorded: list[RequestRecord] = []
    try:
        for i, drafts in enumerate(files):
            if before is not None:
                before(i)
            records = [
                record_request(
                    db,
                    kind=d.kind,
                    department_id=d.department_id,
                    sent_on=d.sent_on,
                    reply_due=d.reply_due,
                    task_ids=d.task_ids,
                    file_name=d.file_name,
                    note=d.note,
                )
                for d in drafts
            ]
            recorded += records
            written.append(write(i, records))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        for record in recorded:
            cancel_request(db, record.id)
        raise
    return Sent(written, recorded)


def _best_role(roles: set[str]) -> str:
    """Lead wins over coordinating when a unit has a task in several roles."""
    for role in (Role.LEAD, Role.COORDINATING, Role.FOLLOWING):
        if str(role) in roles:
            return str(role)
    return str(Role.LEAD)


def set_request_file(db: Database, request_id: int, file_name: str) -> Change:
    """Name the file a request was written to (known only after it is saved)."""
    with db.session() as s:
        req = _request_or_fail(s, request_id)
        old = req.file_name
        req.file_name = file_name
        if old != file_name:
            audit(
                s,
                "request_file",
                "unit_request",
                req.id,
                f"Tệp đề nghị gửi {req.department_name}: {file_name}",
                {"file": old},
                {"file": file_name},
            )
    return Change(requests=True)


def cancel_request(db: Database, request_id: int) -> Removed:
    """Forget a request (a draft that was never sent, or a file that failed to save); its
    snapshot lets `restore_request` put it back."""
    with db.session() as s:
        req = _request_or_fail(s, request_id)
        snap = snapshot_of(req)
        old = {
            "kind": req.kind,
            "department_id": req.department_id,
            "department_name": req.department_name,
            "sent_on": req.sent_on.isoformat(),
            "file": req.file_name,
            "uid": req.uid,
            "reply_due": req.reply_due.isoformat() if req.reply_due else None,
            "replied_on": req.replied_on.isoformat() if req.replied_on else None,
            "tasks": [it.get("task_id") for it in (req.items or [])],
        }
        s.delete(req)
        audit(
            s,
            "cancel_request",
            "unit_request",
            request_id,
            f"Hủy đề nghị gửi {old['department_name']} ngày {req.sent_on:%d/%m/%Y}",
            old,
            None,
        )
    return Removed(Change(requests=True), [snap])


def restore_request(db: Database, snapshot: dict[str, Any]) -> Change:
    """Put a cancelled request back as it was (undo of `cancel_request`).

    `snapshot` is the one `cancel_request` returned.
    """
    with db.session() as s:
        if s.get(UnitRequest, snapshot["id"]) is not None:
            return Change()
        dept_id = snapshot.get("department_id")
        if dept_id is not None and s.get(Department, dept_id) is None:
            dept_id = None  # the unit was deleted since; keep its name
        req = UnitRequest(
            id=snapshot["id"],
            uid=snapshot["uid"],
            kind=snapshot["kind"],
            department_id=dept_id,
            department_name=snapshot.get("department_name") or "",
            sent_on=_day(snapshot["sent_on"]),
            reply_due=_day(snapshot.get("reply_due")),
            replied_on=_day(snapshot.get("replied_on")),
            reply_file=snapshot.get("reply_file") or "",
            file_name=snapshot.get("file_name") or "",
            items=list(snapshot.get("items") or []),
            created_at=(
                datetime.fromisoformat(snapshot["created_at"])
                if snapshot.get("created_at")
                else now()
            ),
            note=snapshot.get("note") or "",
        )
        s.add(req)
        s.flush()
        audit(
            s,
            "restore_request",
            "unit_request",
            req.id,
            f"Khôi phục đề nghị gửi {req.department_name} ngày {req.sent_on:%d/%m/%Y}",
            None,
            {
                "kind": req.kind,
                "department_id": req.department_id,
                "sent_on": req.sent_on.isoformat(),
                "file": req.file_name,
            },
        )
    return Change(requests=True)


def mark_request_replied(
    db: Database, request_id: int, day: date | None, *, file_name: str = ""
) -> Change:
    """Record (or, with None, clear) the day a unit answered a request."""
    with db.session() as s:
        req = _request_or_fail(s, request_id)
        if day is not None and day < req.sent_on:
            raise ValidationError(
                f"Ngày trả lời {day:%d/%m/%Y} trước ngày gửi {req.sent_on:%d/%m/%Y} "
                "(reply date before the sending date).",
                field="replied_on",
            )
        old = {"replied_on": req.replied_on.isoformat() if req.replied_on else None}
        req.replied_on = day
        if file_name or day is None:
            req.reply_file = file_name
        verb = f"đã trả lời ngày {day:%d/%m/%Y}" if day else "chưa trả lời"
        audit(
            s,
            "reply",
            "unit_request",
            req.id,
            f"{req.department_name} {verb}",
            old,
            {"replied_on": day.isoformat() if day else None, "file": file_name},
        )
    return Change(requests=True)


def _request_or_fail(s: Session, request_id: int) -> UnitRequest:
    req = s.get(UnitRequest, request_id)
    if req is None:
        raise NotFoundError(f"Không tìm thấy đề nghị báo cáo #{request_id}.")
    return req

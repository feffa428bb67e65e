"""Reminders: units' e-mail addresses, and a record of each digest sent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.core.contacts import email_problem
from app.core.text import clean
from app.db.changes import Change
from app.db.models import Department, Setting
from app.db.ops.common import audit
from app.db.store import Database
from app.errors import NotFoundError, ValidationError


def check_email(address: str) -> str:
    problem = email_problem(address)
    if problem:
        raise ValidationError(problem, field="email")
    return (address or "").strip()


def set_department_email(db: Database, department_id: int, email: str) -> Change:
    """A unit's address for the reminder digest ("" removes it); undo sets the old one."""
    email = check_email(email)
    with db.session() as s:
        dept = s.get(Department, department_id)
        if dept is None:
            raise NotFoundError(f"Không tìm thấy đơn vị #{department_id}.")
        old = dept.email
        if old == email:
            return Change()
        dept.email = email
        audit(
            s,
            "email",
            "department",
            dept.id,
            f"Địa chỉ thư của {dept.name}: {email or '(bỏ)'}",
            {"email": old},
            {"email": email},
        )
    return Change(departments=True, summary="Đã lưu địa chỉ thư")


def set_specialist_email(db: Database, name: str, email: str) -> Change:
    """A specialist's address for the reminder digest ("" removes it); undo sets the old one.
    Their tasks are then mailed to them instead of to the units (reads.reminders)."""
    email = check_email(email)
    name = clean(name)
    if not name:
        raise ValidationError("Cần tên chuyên viên.", field="specialist")
    with db.session() as s:
        row = s.get(Setting, "specialist_emails")
        stored = dict(row.value) if row is not None and isinstance(row.value, dict) else {}
        old = str(stored.get(name, ""))
        if old == email:
            return Change()
        if email:
            stored[name] = email
        else:
            stored.pop(name, None)
        if row is None:
            s.add(Setting(key="specialist_emails", value=stored))
        else:
            row.value = stored
        audit(
            s,
            "email",
            "setting",
            None,
            f"Địa chỉ thư của chuyên viên {name}: {email or '(bỏ)'}",
            {"specialist": name, "email": old},
            {"specialist": name, "email": email},
        )
    return Change(settings=True, summary="Đã lưu địa chỉ thư")


def record_digest(db: Database, sent: Mapping[str, Sequence[int]], failed: Sequence[str]) -> Change:
    """The audit entry of a reminder digest: who was sent which tasks, who could not be."""
    with db.session() as s:
        audit(
            s,
            "remind",
            "task",
            None,
            f"Gửi thư nhắc việc tới {len(sent)} địa chỉ"
            + (f"; không gửi được tới {len(failed)}" if failed else ""),
            None,
            {"sent": {k: list(v) for k, v in sent.items()}, "failed": list(failed)},
        )
    return Change()

"""Settings, the working-day calendar, and removing a plan."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select

from app.db.changes import Change
from app.db.models import (
    CalendarDay,
    Plan,
    Setting,
    Task,
)
from app.db.ops.common import (
    audit,
)
from app.db.store import Database
from app.errors import (
    NotFoundError,
)

# --------------------------------------------------------------------------- settings, calendar


def set_setting(db: Database, key: str, value: Any) -> Change:
    with db.session() as s:
        row = s.get(Setting, key)
        old = row.value if row else None
        if row is None:
            s.add(Setting(key=key, value=value))
        else:
            row.value = value
        if old != value:
            audit(
                s,
                "setting",
                "setting",
                None,
                f"Đổi cài đặt {key}",
                {"key": key, "value": old},
                {"key": key, "value": value},
            )
    return Change(settings=True)


def set_calendar_day(db: Database, day: date, is_workday: bool | None, note: str = "") -> Change:
    """Add a day off / make-up working day (None removes the user's entry)."""
    with db.session() as s:
        row = s.get(CalendarDay, day)
        if is_workday is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(CalendarDay(day=day, is_workday=is_workday, note=note))
        else:
            row.is_workday = is_workday
            row.note = note
        audit(
            s,
            "calendar",
            "calendar_day",
            None,
            f"Lịch làm việc {day:%d/%m/%Y}: {note}",
            None,
            {"day": day.isoformat(), "is_workday": is_workday},
        )
    return Change(settings=True)


def delete_plan(db: Database, plan_id: int) -> Change:
    """Remove a plan and its tasks (used to undo an import; a backup is made first)."""
    with db.session() as s:
        plan = s.get(Plan, plan_id)
        if plan is None:
            raise NotFoundError(f"Không tìm thấy kế hoạch #{plan_id}.")
        ids = s.scalars(select(Task.id).where(Task.plan_id == plan_id)).all()
        s.execute(delete(Task).where(Task.plan_id == plan_id))
        audit(
            s,
            "delete",
            "plan",
            plan_id,
            f"Xóa kế hoạch {plan.number} ({len(ids)} nhiệm vụ)",
            {"title": plan.title, "number": plan.number, "tasks": len(ids)},
            None,
        )
        s.delete(plan)
    return Change(tasks=frozenset(ids), plans=True, departments=True, summary="Đã xóa kế hoạch")

"""Settings as the program uses them: stored values over the defaults, checked.

Each read takes the Database and opens its own session; the `*_in(s)` forms read inside
a session the caller already has (the write operations, other reads).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.workdays import WorkCalendar
from app.db.models import CalendarDay, Setting
from app.db.store import Database

DEFAULT_SETTINGS: dict[str, Any] = {
    "soon_days": 7,
    "warn_days": [7, 3, 1],
    "backup_keep": 20,
    "language": "vi",
    # The office's identity: empty until the office gives it (prints show placeholders).
    "org": {
        "parent": "",
        "issuer": "",
        "motto": "party",
        "place": "",
        "signer_title": "",
        "signer_name": "",
    },
    "import_limits": {
        "max_file_mb": 50,
        "max_rows": 200000,
        "max_cell_chars": 32000,
        "max_pages": 2000,
    },
    # "Dùng chung": several PCs open this SQLite file (app/db/files/journal.py).
    "shared_database": False,
}


def setting_in(s: Session, key: str, default: Any = None) -> Any:
    row = s.get(Setting, key)
    if row is not None and row.value is not None:
        return row.value
    return DEFAULT_SETTINGS.get(key) if default is None else default


def setting(db: Database, key: str, default: Any = None) -> Any:
    """A stored setting, else `default`, else the program's default."""
    with db.read() as s:
        return setting_in(s, key, default)


def settings(db: Database, keys: list[str]) -> dict[str, Any]:
    """Several settings read together (the settings dialog)."""
    with db.read() as s:
        return {k: setting_in(s, k) for k in keys}


def soon_days_in(s: Session) -> int:
    try:
        return max(0, int(setting_in(s, "soon_days")))
    except (TypeError, ValueError):
        return 7


def soon_days(db: Database) -> int:
    """How many days before its due date a task counts as "sắp đến hạn"."""
    with db.read() as s:
        return soon_days_in(s)


def warn_days(db: Database) -> list[int]:
    """The days before a deadline the start-up notice warns on, largest first."""
    value = setting(db, "warn_days")
    try:
        days = sorted({int(d) for d in value if int(d) >= 0}, reverse=True)
    except (TypeError, ValueError):
        days = []
    return days or [7, 3, 1]


def work_calendar_in(s: Session) -> WorkCalendar:
    rows = s.execute(select(CalendarDay.day, CalendarDay.is_workday)).all()
    return WorkCalendar(
        days_off=[d for d, work in rows if not work], workdays=[d for d, work in rows if work]
    )


def work_calendar(db: Database) -> WorkCalendar:
    """The VN holiday calendar plus the user's own days off and make-up working days."""
    with db.read() as s:
        return work_calendar_in(s)

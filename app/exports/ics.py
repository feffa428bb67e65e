"""Deadlines as an iCalendar file for Outlook, Google Calendar and phones (no Qt).

Every dated deadline becomes an all-day event (DTSTART as a DATE, DTEND the next day,
transparent so it does not block the day). A repeating task is one event with an RRULE
built from its recurrence and its first occurrence — checked against the occurrence
rows; if the rule would not give the same dates, each occurrence becomes its own event.
A due date set by hand is the task's one event, also for a repeating task.

Finished work is not shown like open work: an occurrence done is an EXDATE of its series;
a task (or listed occurrence) done keeps its event, marked "✓ Đã hoàn thành" and without
reminder (RFC 5545 has no COMPLETED status for events, only for to-dos, which calendar
programs do not import).

UIDs depend on the database (a random id stored in it: two offices' files never clash)
and the task (and the date, for listed occurrences), and SEQUENCE is the task's version,
so importing the file again updates the events instead of duplicating them.
"""

from __future__ import annotations

import os
from calendar import monthrange
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from dateutil import rrule as du

from app import APP_NAME, __version__
from app.db.reads.departments import require_department
from app.db.reads.filters import TaskFilter
from app.db.reads.reports import (
    dated_task_ids,
    manual_due_tasks,
    occurrence_dates,
    recurring_tasks,
    task_stamps,
)
from app.db.reads.settings import setting
from app.db.reads.tasks import TaskRow, task_rows
from app.db.store import Database
from app.errors import DonDocError
from app.exports.safe_text import clean
from app.exports.weekly.data import plan_reference

UID_DOMAIN = "dondoc"
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _month_end(d: date) -> bool:
    return d.day == monthrange(d.year, d.month)[1]


def _shortest(month: int | None) -> int:
    """Fewest days the month can have (any month: 28)."""
    if month is None or month == 2:
        return 28
    return 30 if month in (4, 6, 9, 11) else 31


def _monthday(day: int | None, first: date, month: int | None = None) -> dict[str, Any]:
    """BYMONTHDAY for the anchor: the stated day, clamped to short months like the engine.

    "ngày 30 hằng tháng" falls on 28/2: BYMONTHDAY=28,29,30 with BYSETPOS=-1 takes the
    last of those days that the month has. No stated day on a month's end: the last day.
    """
    if day is None:
        return {"BYMONTHDAY": -1} if _month_end(first) else {"BYMONTHDAY": first.day}
    if day <= _shortest(month):
        return {"BYMONTHDAY": day}
    if day >= 31:
        return {"BYMONTHDAY": -1}
    if day >= 29:
        return {"BYMONTHDAY": list(range(28, day + 1)), "BYSETPOS": -1}
    return {"BYMONTHDAY": day}


def recurrence_rule(recurrence: dict[str, Any], first: date) -> dict[str, Any] | None:
    """The RRULE for a recurrence ({"freq", "month", "day", "weekday"}) starting at `first`."""
    freq = str(recurrence.get("freq") or "")
    day = recurrence.get("day")
    if freq == "weekly":
        wd = recurrence.get("weekday")
        return {"FREQ": "WEEKLY", "BYDAY": _WEEKDAYS[wd if wd is not None else first.weekday()]}
    interval = {"monthly": 1, "quarterly": 3, "semiannual": 6}.get(freq)
    if interval is not None:
        rule: dict[str, Any] = {"FREQ": "MONTHLY"}
        if interval > 1:
            rule["INTERVAL"] = interval
        return rule | _monthday(day, first)
    if freq == "yearly":
        month = recurrence.get("month") or first.month
        return {"FREQ": "YEARLY", "BYMONTH": month} | _monthday(day, first, month)
    return None


_FREQS: dict[str, Literal[0, 1, 2]] = {
    "YEARLY": du.YEARLY,
    "MONTHLY": du.MONTHLY,
    "WEEKLY": du.WEEKLY,
}
_DU_DAYS = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)


def rule_text(rule: dict[str, Any]) -> str:
    """The RRULE value: FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1."""
    order = ("FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS")
    parts = []
    for key in order:
        if key in rule:
            value = rule[key]
            text = ",".join(str(v) for v in value) if isinstance(value, list) else str(value)
            parts.append(f"{key}={text}")
    return ";".join(parts)


@lru_cache(maxsize=4096)
def _expand(text: str, first: date, until: date) -> tuple[date, ...]:
    rule = dict(part.split("=", 1) for part in text.split(";"))

    def ints(key: str) -> list[int] | None:
        return [int(v) for v in rule[key].split(",")] if key in rule else None

    byday = None
    if "BYDAY" in rule:
        byday = [_DU_DAYS[_WEEKDAYS.index(v)] for v in rule["BYDAY"].split(",")]
    start = datetime(first.year, first.month, first.day)
    stop = datetime(until.year, until.month, until.day)
    it = du.rrule(
        _FREQS[rule["FREQ"]],
        dtstart=start,
        interval=int(rule.get("INTERVAL", 1)),
        bymonth=ints("BYMONTH"),
        bymonthday=ints("BYMONTHDAY"),
        byweekday=byday,
        bysetpos=ints("BYSETPOS"),
        until=stop,
    )
    return tuple(d.date() for d in it)


def rule_dates(rule: dict[str, Any], first: date, until: date) -> list[date]:
    """Dates the rule gives from `first` to `until`, as a calendar program expands it."""
    return list(_expand(rule_text(rule), first, until))


# --------------------------------------------------------------------------- writing


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newline escaped;
    control characters, which TEXT cannot hold, dropped (tabs become spaces)."""
    return (
        clean(value)
        .replace("\t", " ")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[bytes] = []
    start, limit = 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # inside a multi-byte character: step back
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # continuation lines start with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def _duration(delta: timedelta) -> str:
    """A DURATION value: -P1DT16H, PT8H."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    days, rest = divmod(abs(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    time = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if not days and not time:
        time = "0H"
    return f"{sign}P{f'{days}D' if days else ''}{'T' + time if time else ''}"


def _description(row: TaskRow) -> str:
    lines = [f"Chủ trì: {row.lead or 'chưa xác định'}"]
    if row.coordinators:
        lines.append("Phối hợp: " + "; ".join(row.coordinators))
    ref = plan_reference(row.plan_number, "")
    if ref and row.plan_title:
        lines.append(f"{ref}: {row.plan_title}")
    elif ref or row.plan_title:
        lines.append(ref or row.plan_title)
    if row.section or row.number:
        lines.append(f"Mục {row.section or row.number}")
    if row.deadline_raw:
        lines.append(f"Thời hạn: {row.deadline_raw}")
    if row.product:
        lines.append(f"Sản phẩm: {row.product}")
    if row.note:
        lines.append(f"Ghi chú: {row.note}")
    return "\n".join(lines)


def _summary(row: TaskRow, done: bool = False) -> str:
    text = " ".join(row.text.split())
    if len(text) > 160:
        text = text[:159] + "…"
    text = f"[{row.lead}] {text}" if row.lead else text
    return f"✓ Đã hoàn thành: {text}" if done else text


def _event(
    uid: str,
    row: TaskRow,
    day: date,
    stamp: str,
    sequence: int,
    alarm_days: int | None,
    rule: dict[str, Any] | None = None,
    *,
    done: date | None = None,
    skipped: list[date] | None = None,
) -> list[str]:
    summary = escape_text(_summary(row, done is not None))
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"SEQUENCE:{max(0, sequence - 1)}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
    ]
    if rule is not None:
        lines.append(f"RRULE:{rule_text(rule)}")
        if skipped:
            lines.append("EXDATE;VALUE=DATE:" + ",".join(f"{d:%Y%m%d}" for d in skipped))
    lines += [
        f"SUMMARY:{summary}",
        f"DESCRIPTION:{escape_text(_description(row))}",
        "TRANSP:TRANSPARENT",
        "CLASS:PRIVATE",
    ]
    if row.lead:
        lines.append(f"CATEGORIES:{escape_text(row.lead)}")
    if done is not None:
        lines.append(f"X-DONDOC-COMPLETED;VALUE=DATE:{done:%Y%m%d}")
    elif alarm_days is not None and alarm_days >= 0:
        # 08:00 on the day `alarm_days` before the (all-day) deadline.
        trigger = _duration(timedelta(days=-alarm_days, hours=8))
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{summary}"]
        lines += [f"TRIGGER:{trigger}", "END:VALARM"]
    lines.append("END:VEVENT")
    return lines


def calendar_lines(
    db: Database,
    department: str | None = None,
    *,
    alarm_days: int | None = None,
    today: date | None = None,
) -> tuple[list[str], int]:
    """Content lines (unfolded) of the calendar of every dated deadline, and the events.

    Written directly rather than through a calendar library: 100,000 tasks would take
    minutes that way; the tests read the file back with the icalendar parser.
    """
    today = today or date.today()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    org = setting(db, "org") or {}
    database_id = str(setting(db, "database_id") or "")
    scope = None
    if department:
        dept = require_department(db, department)
        scope = TaskFilter(department_id=dept.id, today=today)
    ids = dated_task_ids(db, scope)
    rows = task_rows(db, ids, today)
    occ = occurrence_dates(db, ids)
    recurrences = dict(recurring_tasks(db, scope))
    manual = manual_due_tasks(db, scope)
    versions = task_stamps(db, ids)
    issuer = str(org.get("issuer") or "").strip() if isinstance(org, dict) else ""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{APP_NAME}//dondoc {__version__}//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(f"Thời hạn nhiệm vụ{' - ' + issuer if issuer else ''}"),
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    events = 0
    domain = f"{database_id}.{UID_DOMAIN}" if database_id else UID_DOMAIN
    for row in rows:
        version = versions.get(row.id, (None, 1))[1]
        rows_occ = [] if row.id in manual else occ.get(row.id, [])
        dates = [d for d, _ in rows_occ]
        done_on = {d: c for d, c in rows_occ if c is not None}
        rec = None if row.id in manual else recurrences.get(row.id)
        base = f"dondoc-task-{row.id}"
        if rec and (dates or row.due):
            first = dates[0] if dates else row.due
            assert first is not None
            rule = recurrence_rule(rec, first)
            if rule is not None and (not dates or rule_dates(rule, first, dates[-1]) == dates):
                uid = f"{base}@{domain}"
                skipped = sorted(done_on)
                lines += _event(uid, row, first, stamp, version, alarm_days, rule, skipped=skipped)
                events += 1
                continue
        if dates:
            for d in dates:
                uid = f"{base}-{d:%Y%m%d}@{domain}"
                lines += _event(uid, row, d, stamp, version, alarm_days, done=done_on.get(d))
                events += 1
        elif row.due is not None:
            lines += _event(
                f"{base}@{domain}", row, row.due, stamp, version, alarm_days, done=row.completed_on
            )
            events += 1
    lines.append("END:VCALENDAR")
    return lines, events


def write_ics(
    db: Database,
    path: Path,
    department: str | None = None,
    *,
    alarm_days: int | None = None,
    today: date | None = None,
) -> int:
    """Write the calendar file (UTF-8, CRLF, folded lines); returns the number of events."""
    lines, events = calendar_lines(db, department, alarm_days=alarm_days, today=today)
    data = "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as ex:
        tmp.unlink(missing_ok=True)
        raise DonDocError(f"Không ghi được tệp lịch {path}: {ex.strerror}") from ex
    return events

"""Deadlines as an iCalendar file for Outlook, Google Calendar and phones (no Qt).

Every dated deadline becomes an all-day event (DTSTART as a DATE, DTEND the next day,
transparent so it does not block the day). A repeating task is one event with an RRULE
built from its recurrence and its first occurrence — checked against the occurrence
rows; if the rule would not give the same dates, each occurrence becomes its own event.
UIDs depend only on the task (and the date, for listed occurrences), and SEQUENCE is
the task's version, so importing the file again updates the events instead of
duplicating them.
"""

from __future__ import annotations

import os
from calendar import monthrange
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from dateutil.rrule import rrulestr
from icalendar import Alarm, Calendar, Event, vRecur

from app import APP_NAME, __version__
from app.db.queries import TaskFilter, TaskRow, get_setting, require_department, task_rows
from app.db.report_queries import (
    dated_task_ids,
    occurrence_dates,
    recurring_tasks,
    task_stamps,
)
from app.db.store import Database
from app.errors import DonDocError
from app.exports.week_data import plan_reference

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


def rule_dates(rule: dict[str, Any], first: date, until: date) -> list[date]:
    """Dates the rule gives from `first` to `until`, as a calendar program would expand it."""
    text = vRecur(rule).to_ical().decode()
    start = datetime(first.year, first.month, first.day)
    stop = datetime(until.year, until.month, until.day)
    return [d.date() for d in rrulestr(text, dtstart=start).between(start, stop, inc=True)]


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


def _summary(row: TaskRow) -> str:
    text = " ".join(row.text.split())
    if len(text) > 160:
        text = text[:159] + "…"
    return f"[{row.lead}] {text}" if row.lead else text


def _event(
    uid: str, row: TaskRow, day: date, stamp: datetime, sequence: int, alarm_days: int | None
) -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("sequence", max(0, sequence - 1))
    ev.add("dtstart", day)
    ev.add("dtend", day + timedelta(days=1))
    ev.add("summary", _summary(row))
    ev.add("description", _description(row))
    ev.add("transp", "TRANSPARENT")
    ev.add("class", "PRIVATE")
    if row.lead:
        ev.add("categories", [row.lead])
    if alarm_days is not None and alarm_days >= 0:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _summary(row))
        # 08:00 on the day `alarm_days` before the (all-day) deadline.
        alarm.add("trigger", timedelta(days=-alarm_days, hours=8))
        ev.add_component(alarm)
    return ev


def build_calendar(
    db: Database,
    department: str | None = None,
    *,
    alarm_days: int | None = None,
    today: date | None = None,
) -> Calendar:
    """The calendar of every dated deadline (of one unit and its sub-units if given)."""
    today = today or date.today()
    stamp = datetime.now(UTC).replace(microsecond=0)
    with db.read() as s:
        org = get_setting(s, "org") or {}
        scope = None
        if department:
            dept = require_department(s, department)
            scope = TaskFilter(department_id=dept.id, today=today)
        ids = dated_task_ids(s, scope)
        rows = task_rows(s, ids, today)
        occ = occurrence_dates(s, ids)
        recurrences = dict(recurring_tasks(s, scope))
        versions = task_stamps(s, ids)
    cal = Calendar()
    cal.add("prodid", f"-//{APP_NAME}//dondoc {__version__}//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    issuer = str(org.get("issuer") or "").strip() if isinstance(org, dict) else ""
    cal.add("x-wr-calname", f"Thời hạn nhiệm vụ{' - ' + issuer if issuer else ''}")
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for row in rows:
        version = versions.get(row.id, (None, 1))[1]
        dates = [d for d, _ in occ.get(row.id, [])]
        rec = recurrences.get(row.id)
        base = f"dondoc-task-{row.id}"
        if rec and (dates or row.due):
            first = dates[0] if dates else row.due
            assert first is not None
            rule = recurrence_rule(rec, first)
            if rule is not None and (not dates or rule_dates(rule, first, dates[-1]) == dates):
                ev = _event(f"{base}@{UID_DOMAIN}", row, first, stamp, version, alarm_days)
                ev.add("rrule", rule)
                cal.add_component(ev)
                continue
        if dates:
            for d in dates:
                uid = f"{base}-{d:%Y%m%d}@{UID_DOMAIN}"
                cal.add_component(_event(uid, row, d, stamp, version, alarm_days))
        elif row.due is not None:
            cal.add_component(
                _event(f"{base}@{UID_DOMAIN}", row, row.due, stamp, version, alarm_days)
            )
    return cal


def write_ics(
    db: Database,
    path: Path,
    department: str | None = None,
    *,
    alarm_days: int | None = None,
    today: date | None = None,
) -> int:
    """Write the calendar file; returns the number of events."""
    cal = build_calendar(db, department, alarm_days=alarm_days, today=today)
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(cal.to_ical())
        os.replace(tmp, path)
    except OSError as ex:
        tmp.unlink(missing_ok=True)
        raise DonDocError(f"Không ghi được tệp lịch {path}: {ex.strerror}") from ex
    return sum(1 for c in cal.subcomponents if c.name == "VEVENT")

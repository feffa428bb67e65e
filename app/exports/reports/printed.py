"""The other printed reports, on the weekly list's engine (no Qt here).

- the overdue list: every due date before the day still not done on it, by lead unit;
- one unit's task list: its tasks as lead and as coordinating unit, by status;
- the status summary by department for a month, quarter or year (report_data).
Each builds a `PrintDoc`; `app.exports.weekly.render.write_pdf` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.core.roles import Role
from app.core.status import Category, Status, status_label
from app.db.reads.departments import require_department
from app.db.reads.filters import TaskFilter
from app.db.reads.reports import department_names, open_before, report_items
from app.db.reads.settings import setting, soon_days
from app.db.reads.tasks import TaskRow, task_ids, task_rows
from app.db.store import Database
from app.exports.office import Org
from app.exports.reports.summary import (
    CATEGORY_LABELS,
    Counts,
    Item,
    PeriodKind,
    ReportPeriod,
    Summary,
    summarize,
    summary_paragraphs,
    vn_int,
    vn_percent,
)
from app.exports.weekly.data import (
    DEFAULT_RECIPIENTS,
    ROMAN,
    WeekEntry,
    count_by_task,
    group_by_lead,
    merge_overdue,
    plan_sentence,
    task_columns,
    task_row_cells,
)
from app.exports.weekly.layout import Cell, Column, DataRow, GroupRow, NoteRow, PrintDoc, Row
from app.exports.weekly.layout import SectionRow as Section


def _org(db: Database) -> tuple[Org, tuple[str, ...]]:
    value = setting(db, "org")
    recipients: tuple[str, ...] = DEFAULT_RECIPIENTS
    if isinstance(value, dict) and isinstance(value.get("recipients"), list):
        recipients = tuple(str(r) for r in value["recipients"] if str(r).strip())
    return Org.from_setting(value), recipients


# --------------------------------------------------------------------------- overdue


@dataclass(frozen=True, slots=True)
class OverdueList:
    day: date
    department: str | None
    entries: list[WeekEntry]
    org: Org
    recipients: tuple[str, ...]

    def to_json(self) -> list[dict[str, Any]]:
        return [
            {
                **e.row.to_json(),
                "due": e.due.isoformat(),
                "days_overdue": (self.day - e.due).days,
                "missed": e.missed,
            }
            for e in self.entries
        ]


def collect_overdue(db: Database, day: date, department: str | None = None) -> OverdueList:
    """Everything due before `day` and not done on it, one line per task (earliest due)."""
    org, recipients = _org(db)
    scope = None
    dept_name = None
    if department:
        dept = require_department(db, department)
        scope = TaskFilter(department_id=dept.id, today=day)
        dept_name = dept.name
    late = open_before(db, day, day, scope)
    first = merge_overdue(late)
    rows = {r.id: r for r in task_rows(db, [i.task_id for i in first], day)}
    missed = count_by_task(late)
    entries = [
        WeekEntry(rows[it.task_id], it.due, None, missed.get(it.task_id, 1))
        for it in first
        if it.task_id in rows
    ]
    return OverdueList(day, dept_name, entries, org, recipients)


def overdue_document(data: OverdueList, landscape: bool = False) -> PrintDoc:
    rows: list[Row] = []
    n = 0
    groups = group_by_lead(data.entries)
    one_plan = plan_sentence(e.row for e in data.entries)
    for name, entries in groups:
        rows.append(GroupRow(f"{name} ({len(entries)})"))
        for e in entries:
            n += 1
            rows.append(task_row_cells(n, e, data.day, plan_line=not one_plan))
    if not groups:
        rows.append(NoteRow("Không có nhiệm vụ quá hạn."))
    subtitle = [f"Tính đến ngày {data.day:%d/%m/%Y}"]
    if data.department:
        subtitle.append(f"Đơn vị: {data.department}")
    return PrintDoc(
        org=data.org,
        title="Danh sách nhiệm vụ quá hạn chưa hoàn thành",
        day=data.day,
        columns=task_columns(landscape),
        rows=tuple(rows),
        subtitle=tuple(subtitle),
        intro=(
            f"Tổng số: {vn_int(len(data.entries))} nhiệm vụ quá hạn chưa hoàn thành.",
            *one_plan,
        ),
        recipients=data.recipients,
        landscape=landscape,
        meta={"title": f"Nhiệm vụ quá hạn đến ngày {data.day:%d/%m/%Y}"},
    )


# --------------------------------------------------------------------------- one unit


_UNIT_SECTIONS: tuple[tuple[str, frozenset[Status]], ...] = (
    ("NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH", frozenset({Status.OVERDUE})),
    ("NHIỆM VỤ ĐANG THỰC HIỆN, CÒN TRONG HẠN", frozenset({Status.DUE_SOON, Status.OPEN})),
    ("NHIỆM VỤ THƯỜNG XUYÊN, CHƯA CÓ THỜI HẠN", frozenset({Status.ONGOING, Status.WAITING})),
    ("NHIỆM VỤ ĐÃ HOÀN THÀNH", frozenset({Status.DONE_ON_TIME, Status.DONE_LATE})),
)


def department_document(
    db: Database,
    department: str,
    day: date,
    *,
    include_done: bool = False,
    landscape: bool = False,
) -> PrintDoc:
    """One unit's tasks (its sub-units' too), by status, lead tasks before coordinated ones."""
    org, recipients = _org(db)
    dept = require_department(db, department)
    soon = soon_days(db)
    roles: dict[int, Role] = {}
    for role in (Role.COORDINATING, Role.LEAD):  # lead wins when a unit is both
        flt = TaskFilter(department_id=dept.id, role=role, today=day, soon_days=soon)
        for tid in task_ids(db, flt):
            roles[tid] = role
    rows_all = task_rows(db, task_ids(db, TaskFilter(department_id=dept.id, today=day)), day)
    name = dept.name
    rows: list[Row] = []
    sections = [sec for sec in _UNIT_SECTIONS if include_done or Status.DONE_ON_TIME not in sec[1]]
    listed = [r for r in rows_all if r.id in roles and any(r.status in st for _, st in sections)]
    one_plan = plan_sentence(listed)
    for i, (title, statuses) in enumerate(sections):
        chosen = [r for r in rows_all if r.status in statuses and r.id in roles]
        rows.append(Section(f"{ROMAN[i]}. {title}: {len(chosen)} nhiệm vụ"))
        if not chosen:
            rows.append(NoteRow("Không có nhiệm vụ."))
            continue
        n = 0
        for role, label in ((Role.LEAD, "Đơn vị chủ trì"), (Role.COORDINATING, "Đơn vị phối hợp")):
            part = sorted(
                (r for r in chosen if roles[r.id] == role),
                key=lambda r: (r.due is None, r.due or day, r.plan_id or 0, r.position),
            )
            if not part:
                continue
            rows.append(GroupRow(f"{label} ({len(part)})"))
            for r in part:
                n += 1
                rows.append(_unit_row(n, r, day, plan_line=not one_plan))
    total = len(roles)
    overdue = sum(1 for r in rows_all if r.status == Status.OVERDUE)
    return PrintDoc(
        org=org,
        title="Danh sách nhiệm vụ của đơn vị",
        day=day,
        columns=task_columns(landscape),
        rows=tuple(rows),
        subtitle=(name, f"Tính đến ngày {day:%d/%m/%Y}"),
        intro=(
            f"{name} có {vn_int(total)} nhiệm vụ được giao (chủ trì hoặc phối hợp), trong đó "
            f"{vn_int(overdue)} nhiệm vụ quá hạn chưa hoàn thành.",
            *one_plan,
        ),
        recipients=(f"{name};", *recipients[1:]) if recipients else (f"{name};",),
        landscape=landscape,
        meta={"title": f"Nhiệm vụ của {name}"},
    )


def _unit_row(n: int, r: TaskRow, day: date, plan_line: bool) -> DataRow:
    if r.due is None:
        entry = WeekEntry(r, day, r.completed_on)
        row = task_row_cells(n, entry, day, plan_line)
        cells = list(row.cells)
        cells[4] = Cell(r.deadline_raw or "Không thời hạn")
        cells[5] = Cell(status_label(r.status))
        return DataRow(tuple(cells), row.task_id)
    return task_row_cells(n, WeekEntry(r, r.due, r.completed_on), day, plan_line)


# --------------------------------------------------------------------------- summary


def collect_summary(
    db: Database,
    kind: PeriodKind | str,
    day: date,
    *,
    today: date | None = None,
    department: str | None = None,
) -> tuple[Summary, Org, tuple[str, ...]]:
    """Counts by lead unit for the period containing `day` (as of today while it runs)."""
    period = ReportPeriod.containing(kind, day)
    org, recipients = _org(db)
    scope = None
    if department:
        dept = require_department(db, department)
        scope = TaskFilter(department_id=dept.id, today=day)
    items = [
        Item(r.lead_id, r.assigned, r.due, r.completed_on)
        for r in report_items(db, period.end, scope)
    ]
    names = department_names(db)
    return summarize(items, names, period, today or date.today()), org, recipients


def summary_columns() -> tuple[Column, ...]:
    return (
        Column("STT", 6, "center"),
        Column("Đơn vị chủ trì", 28, "left", grow=True),
        Column("Tổng số", 10, "center"),
        *(Column(CATEGORY_LABELS[c], 11, "center") for c in Category),
        Column("Tỷ lệ quá hạn", 12, "center"),
    )


def _figures(c: Counts) -> tuple[Cell | str, ...]:
    return (
        vn_int(c.total),
        *(vn_int(c.get(cat)) for cat in Category),
        vn_percent(c.overdue_share),
    )


def summary_document(
    summary: Summary,
    org: Org,
    recipients: tuple[str, ...] = DEFAULT_RECIPIENTS,
    *,
    day: date | None = None,
    landscape: bool = False,
) -> PrintDoc:
    rows: list[Row] = [
        DataRow((str(i), r.name, *_figures(r.counts))) for i, r in enumerate(summary.rows, 1)
    ]
    if not summary.rows:
        rows.append(NoteRow("Chưa có nhiệm vụ có thời hạn."))
    rows.append(
        DataRow(
            (
                "",
                Cell("Tổng cộng", bold=True),
                *(Cell(str(v), bold=True) for v in _figures(summary.total)),
            )
        )
    )
    label = summary.period.label
    return PrintDoc(
        org=org,
        title="Báo cáo",
        day=day or summary.as_of,
        columns=summary_columns(),
        rows=tuple(rows),
        subtitle=(f"Tình hình thực hiện nhiệm vụ {label}",),
        intro=tuple(summary_paragraphs(summary)),
        recipients=recipients,
        landscape=landscape,
        meta={"title": f"Báo cáo tình hình thực hiện nhiệm vụ {label}"},
    )

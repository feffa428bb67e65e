"""The weekly list and the status report with extended and cancelled tasks: "đã gia hạn"
beside the date, cancelled tasks out of the figures and in the appendix, the report's
extension count."""

from __future__ import annotations

from datetime import date, timedelta

from app.core.deadlines.types import Deadline, DeadlineKind
from app.db import ops
from app.db.reads.departments import find_department
from app.db.taskdata import TaskInput
from app.exports.reports.printed import collect_summary, summary_document
from app.exports.reports.summary import PeriodKind
from app.exports.weekly.data import NO_SPECIALIST, WeeklyOptions, collect_week, weekly_document
from app.exports.weekly.layout import DataRow, GroupRow, NoteRow, SectionRow

DAY = date.today()


def _fill(db):
    ops.create_department(db, "Ban Tổ chức")
    unit = find_department(db, "Ban Tổ chức").id
    ids = []
    for n, days in enumerate((-3, -2, 1)):
        due = DAY + timedelta(days=days)
        dl = Deadline(raw=f"trước ngày {due:%d/%m/%Y}", kind=DeadlineKind.DATE, due=due)
        ids.append(ops.create_task(db, TaskInput(text=f"Việc {n}", deadline=dl, lead_id=unit)).id)
    ops.extend_task(db, ids[0], DAY + timedelta(days=2), reason="Chờ số liệu", document="CV 1")
    ops.cancel_tasks(db, [ids[1]], ops.Cancellation("Trùng lặp", "cancelled", "QĐ 2"))
    ops.set_unit_specialist(db, unit, "Lê Hà")
    return ids


def _texts(rows) -> list[str]:
    out = []
    for r in rows:
        if isinstance(r, DataRow):
            out += [c if isinstance(c, str) else f"{c.text} {c.sub}" for c in r.cells]
        elif isinstance(r, SectionRow | GroupRow | NoteRow):
            out.append(r.title if not isinstance(r, NoteRow) else r.text)
    return out


def test_weekly_list_marks_extensions_and_lists_cancelled_tasks_apart(db):
    ids = _fill(db)
    week = collect_week(db, WeeklyOptions(day=DAY, unreported=False))
    listed = {e.row.id for s in week.sections for e in s.entries}
    assert ids[1] not in listed and ids[0] in listed
    assert week.section("overdue").count == 0  # the extended one is no longer overdue
    assert [c.id for c in week.cancelled] == [ids[1]]
    text = "\n".join(_texts(weekly_document(week).rows))
    assert "(đã gia hạn)" in text
    assert "Phụ lục" in text and "Trùng lặp" in text and "QĐ 2" in text
    grouped = collect_week(db, WeeklyOptions(day=DAY, unreported=False, by_specialist=True))
    names = {name for s in grouped.sections for name, _ in s.groups}
    assert names == {"Lê Hà"} and NO_SPECIALIST not in names


def test_report_counts_extensions_and_leaves_cancelled_tasks_out(db):
    ids = _fill(db)
    summary, org, recipients = collect_summary(db, PeriodKind.MONTH, DAY, today=DAY)
    assert summary.total.total == 2  # the cancelled task is not counted
    assert summary.total.extended == 1
    assert summary.rows[0].counts.extended == 1
    assert summary.to_json()["departments"][0]["extended"] == 1
    assert [c["id"] for c in summary.to_json()["cancelled"]] == [ids[1]]
    doc = summary_document(summary, org, recipients)
    assert any("1 nhiệm vụ được gia hạn" in p for p in doc.intro)
    assert any("Phụ lục" in t for t in _texts(doc.rows))


def test_calendar_file_and_excel_report_leave_cancelled_tasks_out(db, tmp_path):
    from openpyxl import load_workbook

    from app.exports.excel.export import ExportOptions, export_tasks
    from app.exports.ics import write_ics

    ids = _fill(db)
    ics = tmp_path / "t.ics"
    write_ics(db, ics)
    text = ics.read_text(encoding="utf-8")
    assert "Việc 0" in text and "Việc 2" in text and "Việc 1" not in text
    out = tmp_path / "t.xlsx"
    assert export_tasks(db, out, ExportOptions(today=DAY)) == 3  # listed, marked cancelled
    book = load_workbook(out)
    tasks = {r[1]: r for r in book.worksheets[0].iter_rows(values_only=True) if r and r[1]}
    assert tasks["Việc 1"][6] == "Đã hủy / thu hồi" and "Trùng lặp" in tasks["Việc 1"][14]
    report = [r for r in book.worksheets[1].iter_rows(values_only=True) if r and r[1]]
    unit = next(r for r in report if r[1] == "Ban Tổ chức")
    assert unit[2] == 2  # the cancelled task is not counted
    assert ids

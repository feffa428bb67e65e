"""Exported workbooks: formatting an office can file, a report sheet, filters, safe text,
and a round trip through the importer that gives back the same tasks."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from app.cli import main
from app.core.deadlines.parse import parse_deadline
from app.core.status import Status
from app.db import ops
from app.db.reads.filters import TaskFilter
from app.db.reads.tasks import task_ids, task_rows
from app.db.store import Database
from app.errors import NotFoundError, ValidationError
from app.exports.excel.export import ExportOptions, export_tasks, parse_statuses
from app.importers.base import ExtractOptions
from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask
from app.importers.tables.importer import ExcelImporter

TODAY = date(2023, 6, 20)
REF = date(2023, 1, 10)


def _task(text, lead, deadline, *, coordinators=(), done=None, product="", note=""):
    return ExtractedTask(
        text=text,
        lead=lead,
        coordinators=list(coordinators),
        deadline=parse_deadline(deadline, REF),
        completed_on=done,
        product=product,
        note=note,
    )


TASKS = [
    _task("Quán triệt nghị quyết", "Ban Tuyên giáo", "Quý I/2023", coordinators=["Văn phòng"]),
    _task("Sơ kết 6 tháng", "Ban Tuyên giáo", "trước ngày 25/6/2023"),
    _task("Báo cáo quý", "Ban Tổ chức", "Quý II/2023", done=date(2023, 6, 1), product="Báo cáo"),
    _task("Kiểm tra chuyên đề", "Ban Tổ chức", "tháng 3/2023", done=date(2023, 4, 2)),
    _task("Tuyên truyền thường xuyên", "Văn phòng", "thường xuyên"),
    _task("Tổng kết", "Văn phòng", "Quý IV/2023", coordinators=["Ban Tổ chức", "Ban Tuyên giáo"]),
    _task("=SUM(A1:A9) không phải công thức", None, "", note="+84 912 345 678"),
    _task("- Tổ chức hội nghị", "Ủy ban Kiểm tra", "khi có hướng dẫn", note="@ghi chú"),
]


@pytest.fixture
def filled_db(db):
    plan = ExtractedPlan(
        document=ExtractedDocument(title="Kế hoạch công tác", number="12-KH/ĐUK", date=REF),
        tasks=TASKS,
        source_name="kh.xlsx",
        sha256="a" * 64,
    )
    ops.import_plan(db, plan, create_units=True, today=TODAY)
    return db


def _rows(db):
    return task_rows(db, task_ids(db, TaskFilter(today=TODAY)), TODAY)


def test_workbook_layout_and_formatting(filled_db, tmp_path):
    out = tmp_path / "ds.xlsx"
    n = export_tasks(filled_db, out, ExportOptions(today=TODAY))
    assert n == len(TASKS)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Nhiệm vụ", "Báo cáo"]
    ws = wb["Nhiệm vụ"]
    assert ws["A1"].value == "DANH SÁCH NHIỆM VỤ" and ws["A1"].font.b
    assert ws["A2"].value == "Kế hoạch số 12-KH/ĐUK: Kế hoạch công tác"
    assert ws["A3"].value == "Ngày xuất: 20/06/2023"
    header_row = 5
    assert [c.value for c in ws[header_row]][:3] == ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì"]
    assert all(c.font.b for c in ws[header_row])
    assert ws.freeze_panes == f"A{header_row + 1}"
    assert ws.auto_filter.ref.startswith(f"A{header_row}:O")
    assert ws.column_dimensions["B"].width > 40
    assert ws.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize in (9, "9")
    assert ws.page_setup.fitToWidth in (1, "1") and ws.sheet_properties.pageSetUpPr.fitToPage
    assert "&P" in ws.oddFooter.center.text
    # Group rows by lead unit, merged across the table.
    groups = [r[0].value for r in ws.iter_rows(min_row=header_row + 1) if r[1].value is None]
    assert groups == [
        "Đơn vị chủ trì: Ban Tổ chức",
        "Đơn vị chủ trì: Ban Tuyên giáo",
        "Đơn vị chủ trì: Ủy ban Kiểm tra",
        "Đơn vị chủ trì: Văn phòng",
        "Đơn vị chủ trì: (chưa xác định)",
    ]
    assert any(str(m).startswith(f"A{header_row + 1}:") for m in ws.merged_cells.ranges)
    by_text = {r[1].value: r for r in ws.iter_rows(min_row=header_row + 1) if r[1].value}
    overdue = by_text["Quán triệt nghị quyết"]
    assert overdue[5].value.date() == date(2023, 3, 31)
    assert overdue[5].number_format == "dd/mm/yyyy"
    assert overdue[6].value == "Chưa hoàn thành quá hạn" and overdue[6].fill.fgColor.rgb.endswith(
        "FFC7CE"
    )
    assert by_text["Sơ kết 6 tháng"][6].fill.fgColor.rgb.endswith("FFEB9C")
    assert by_text["Báo cáo quý"][6].value == "Hoàn thành đúng hạn"
    assert by_text["Báo cáo quý"][6].fill.fgColor.rgb.endswith("C6EFCE")
    assert by_text["Quán triệt nghị quyết"][1].alignment.wrap_text
    assert by_text["Tổng kết"][3].value == "Ban Tổ chức\nBan Tuyên giáo"


def test_cells_that_look_like_formulas_stay_text(filled_db, tmp_path):
    out = tmp_path / "ds.xlsx"
    export_tasks(filled_db, out, ExportOptions(today=TODAY))
    ws = openpyxl.load_workbook(out)["Nhiệm vụ"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value[:1] in "=+-@"]
    assert {c.value for c in risky} >= {
        "=SUM(A1:A9) không phải công thức",
        "+84 912 345 678",
        "- Tổ chức hội nghị",
        "@ghi chú",
    }
    assert all(c.data_type == "s" for c in risky)


def test_report_sheet_counts_the_four_categories(filled_db, tmp_path):
    out = tmp_path / "ds.xlsx"
    export_tasks(filled_db, out, ExportOptions(today=TODAY))
    ws = openpyxl.load_workbook(out)["Báo cáo"]
    rows = [[c.value for c in r] for r in ws.iter_rows() if r[1].value]
    header = rows[1] if rows[0][1] is None else next(r for r in rows if r[0] == "STT")
    assert header[2:7] == [
        "Tổng số",
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Chưa hoàn thành trong hạn",
        "Chưa hoàn thành quá hạn",
    ]
    table = {r[1]: r[2:] for r in rows if isinstance(r[2], int)}
    assert table["Ban Tổ chức"] == [2, 1, 1, 0, 0, 0]
    assert table["Ban Tuyên giáo"] == [2, 0, 0, 1, 1, 0]
    assert table["Văn phòng"] == [2, 0, 0, 1, 0, 1]
    assert table["Tổng cộng"] == [8, 1, 1, 2, 1, 3]


def test_filters_by_department_status_and_period(filled_db, tmp_path):
    def texts(**kw):
        out = tmp_path / "f.xlsx"
        export_tasks(filled_db, out, ExportOptions(today=TODAY, **kw))
        wb = ExcelImporter().extract(out, ExtractOptions())
        return sorted(t.text for t in wb.tasks)

    assert texts(department="ban to chuc") == [
        "Báo cáo quý",
        "Kiểm tra chuyên đề",
        "Tổng kết",  # coordinating
    ]
    assert texts(status="quá hạn") == ["Quán triệt nghị quyết"]
    assert texts(status="done") == ["Báo cáo quý", "Kiểm tra chuyên đề"]
    assert texts(start=date(2023, 6, 1), end=date(2023, 6, 30)) == [
        "Báo cáo quý",
        "Sơ kết 6 tháng",
    ]
    with pytest.raises(NotFoundError):
        texts(department="Sở Không Có")
    with pytest.raises(ValidationError):
        texts(status="lạ")


def test_parse_statuses():
    assert parse_statuses("overdue,due_soon") == {Status.OVERDUE, Status.DUE_SOON}
    assert parse_statuses("Sắp đến hạn") == {Status.DUE_SOON}
    assert parse_statuses("chưa hoàn thành") >= {Status.OVERDUE, Status.OPEN}
    assert parse_statuses(None) == frozenset()


def _comparable(rows):
    return sorted(
        (
            r.text,
            r.lead,
            tuple(sorted(r.coordinators)),
            r.deadline_raw,
            str(r.kind),
            r.due,
            r.completed_on,
            r.status,
            r.product,
            r.note,
        )
        for r in rows
    )


def test_round_trip_export_then_import_gives_the_same_tasks(filled_db, tmp_path):
    out = tmp_path / "round.xlsx"
    export_tasks(filled_db, out, ExportOptions(today=TODAY))
    plan = ExcelImporter().extract(out, ExtractOptions())
    assert (plan.document.title, plan.document.number) == ("DANH SÁCH NHIỆM VỤ", "12-KH/ĐUK")
    assert len(plan.tasks) == len(TASKS)
    assert all(t.lead is None for t in plan.tasks if t.text.startswith("=SUM"))
    assert {t.section for t in plan.tasks} == {""}
    second = Database.open(tmp_path / "second.db")
    try:
        ops.import_plan(second, plan, create_units=True, today=TODAY)
        assert _comparable(_rows(second)) == _comparable(_rows(filled_db))
    finally:
        second.close()


def test_cli_export(filled_db, db_path, tmp_path):
    filled_db.close()
    out = tmp_path / "cli.xlsx"
    buf = io.StringIO()
    code = main(
        ["--db", str(db_path), "export", str(out), "--status", "overdue", "--date", "2023-06-20"],
        out=buf,
    )
    assert code == 0 and "Đã xuất 1 nhiệm vụ" in buf.getvalue()
    assert openpyxl.load_workbook(out)["Nhiệm vụ"]["A1"].value == "DANH SÁCH NHIỆM VỤ"


def test_export_to_an_unwritable_place_is_a_message(filled_db, tmp_path):
    from app.errors import DonDocError

    with pytest.raises(DonDocError, match="Không ghi được"):
        export_tasks(filled_db, tmp_path / "khong" / "co" / "x.xlsx", ExportOptions(today=TODAY))

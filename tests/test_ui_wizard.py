"""Import wizard on real files and a real database: pick, check and fix, import, undo."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from sqlalchemy import func, select

from app.db import ops
from app.db.models import Department, Plan, Task
from app.db.reads.departments import find_department
from app.ui.import_wizard.model import CREATE
from app.ui.import_wizard.wizard import (
    CONFIRM_PAGE,
    FILE_PAGE,
    PREVIEW_PAGE,
    SUMMARY_PAGE,
    UPDATE_PAGE,
    ImportWizard,
)
from app.ui.kit.context import AppContext

TODAY = date(2026, 3, 10)
PLANS = Path(__file__).parent / "data" / "plans"
HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
ROWS = [
    [
        1,
        "Quán triệt Nghị quyết số 05-NQ/TU đến cán bộ chủ chốt",
        "Ban Tuyên giáo",
        "Văn phòngg",
        "Quý I/2026",
    ],
    [2, "Xây dựng đề án sắp xếp tổ chức bộ máy", "Ban Tổ chức", None, "trước ngày 30/6"],
    [3, "Kiểm tra việc thực hiện quy chế dân chủ", "Ủy ban Kiểm tra", "Ban Tổ chức", "Hằng năm"],
    [
        4,
        "Tuyên truyền kết quả thực hiện nghị quyết",
        "Ban Tuyen giao",
        None,
        "theo tiến độ chung",
    ],
    [5, "Sơ kết 6 tháng thực hiện nghị quyết", "Phòng Văn hóa huyện", None, "tháng 7/2026"],
]


def workbook(path: Path, rows=ROWS, second_sheet: bool = False, number="05-KH/TU") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    ws.append(["KẾ HOẠCH"])
    ws.append(["Thực hiện Nghị quyết số 05-NQ/TU"])
    ws.append([f"Số {number}"])
    ws.append(["Hạ Long, ngày 15 tháng 01 năm 2026"])
    ws.append([])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    if second_sheet:
        ws2 = wb.create_sheet("Phụ lục")
        ws2.append(HEADER)
        ws2.append([1, "Tổng kết công tác năm", "Văn phòng", None, "Tháng 12/2026"])
        ws2.append([2, "Báo cáo kết quả", "Ban Tổ chức", None, "Quý IV/2026"])
    wb.save(path)
    return path


@pytest.fixture
def ctx(db, tmp_path, qapp):
    for name in ("Ban Tuyên giáo", "Ban Tổ chức", "Văn phòng", "Ủy ban Kiểm tra"):
        ops.create_department(db, name)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return AppContext(db, today=lambda: TODAY, settings=settings)


def open_wizard(qtbot, ctx, path: Path | None) -> ImportWizard:
    wiz = ImportWizard(ctx, path=path)
    qtbot.addWidget(wiz)
    wiz.show()
    if path is not None:
        qtbot.waitUntil(lambda: wiz.currentId() == PREVIEW_PAGE, timeout=20000)
    return wiz


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def run_import(qtbot, wiz: ImportWizard) -> None:
    if wiz.currentId() != UPDATE_PAGE:
        wiz.next()
    if wiz.currentId() == UPDATE_PAGE:
        wiz.next()
    assert wiz.currentId() == CONFIRM_PAGE
    wiz.next()  # the commit button: starts the job, the summary page follows
    qtbot.waitUntil(lambda: wiz.currentId() == SUMMARY_PAGE, timeout=20000)


def test_preview_flags_problems_and_fixes_them_in_place(qtbot, ctx, db, tmp_path, qtmodeltester):
    wiz = open_wizard(qtbot, ctx, workbook(tmp_path / "kh05.xlsx"))
    page = wiz.preview_page
    model = page.model
    qtmodeltester.check(model)
    qtmodeltester.check(page.proxy)
    qtmodeltester.check(page.units)
    assert model.rowCount() == 5
    assert page.number_edit.text() == "05-KH/TU"
    assert page.date_edit.date().toPython() == date(2026, 1, 15)
    problems = {i: model.problems[i] for i in range(5) if model.problems[i]}
    # "Ban Tuyen giao" is recognised without accents; the district unit is unknown;
    # "theo tiến độ chung" is not a deadline.
    assert 3 in problems and any("theo tiến độ chung" in p for p in problems[3])
    assert 4 in problems and any("Phòng Văn hóa huyện" in p for p in problems[4])
    names = {r.name: r for r in page.units.rows}
    assert names["Phòng Văn hóa huyện"].matched is None
    assert "Ban Tuyen giao" not in names  # same name without accents: nothing to decide
    assert names["Văn phòngg"].matched == "Văn phòng"  # a typo: proposed, for a check
    # The year-less "trước ngày 30/6" is read against the plan's date...
    due_col = model.COLUMNS.index("due")
    assert model.index(1, due_col).data() == "30/06/2026"
    # ...and read again when the user corrects that date.
    page.date_edit.setDate(date(2025, 1, 15))
    assert model.index(1, due_col).data() == "30/06/2025"
    page.date_edit.setDate(date(2026, 1, 15))
    # Fix the deadline in place: parsed at once.
    deadline_col = model.COLUMNS.index("deadline")
    assert model.setData(model.index(3, deadline_col), "Quý III/2026")
    assert model.index(3, due_col).data().startswith("Quý III/2026")
    # Map the unknown unit to an existing department.
    dept = next(i for i, n in page.units.departments.items() if n == "Văn phòng")
    row = [r.name for r in page.units.rows].index("Phòng Văn hóa huyện")
    assert page.units.setData(page.units.index(row, 2), dept)
    qtbot.waitUntil(lambda: not model.problems[3] and not model.problems[4], timeout=3000)
    page.only_problems.setChecked(True)
    assert page.proxy.rowCount() == 0
    qtmodeltester.check(page.proxy)


def test_import_writes_only_after_confirmation_then_undo_and_redo(qtbot, ctx, db, tmp_path):
    wiz = open_wizard(qtbot, ctx, workbook(tmp_path / "kh05.xlsx"))
    page = wiz.preview_page
    assert count(db, Task) == 0 and count(db, Plan) == 0
    page.model.setData(
        page.model.index(4, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.mouseClick(page.all_new_btn, Qt.MouseButton.LeftButton)
    assert page.units.created() == ["Phòng Văn hóa huyện"]
    wiz.next()
    confirm = wiz.confirm_page.text.text()
    assert "<b>4</b> nhiệm vụ" in confirm and count(db, Task) == 0
    assert "Phòng Văn hóa huyện" not in confirm  # only in the row left out
    changes = []
    ctx.changed.connect(changes.append)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentId() == SUMMARY_PAGE, timeout=20000)
    assert count(db, Task) == 4 and count(db, Plan) == 1
    assert "4 nhiệm vụ" in wiz.summary_page.text.toPlainText()
    assert changes and changes[-1].plans
    with db.read() as s:
        plan = s.scalar(select(Plan))
        assert plan.number == "05-KH/TU" and plan.signed_on == date(2026, 1, 15)
        # "Ban Tuyen giao" went to the existing unit, not a new one.
        assert s.scalar(select(func.count(Department.id))) == 4
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert count(db, Task) == 0 and count(db, Plan) == 0
    ctx.undo_stack.redo()
    assert count(db, Task) == 4 and count(db, Plan) == 1


def test_unknown_units_can_be_created_or_mapped(qtbot, ctx, db, tmp_path):
    wiz = open_wizard(qtbot, ctx, workbook(tmp_path / "kh05.xlsx"))
    page = wiz.preview_page
    row = [r.name for r in page.units.rows].index("Phòng Văn hóa huyện")
    page.units.setData(page.units.index(row, 2), CREATE)
    run_import(qtbot, wiz)
    assert find_department(db, "Phòng Văn hóa huyện") is not None


def test_choosing_another_sheet_extracts_it(qtbot, ctx, db, tmp_path):
    wiz = open_wizard(qtbot, ctx, workbook(tmp_path / "kh.xlsx", second_sheet=True))
    page = wiz.preview_page
    assert page.sheet_box.isVisibleTo(page) and page.sheet_box.count() == 2
    index = page.sheet_box.findData("Phụ lục")
    page.sheet_box.setCurrentIndex(index)
    page.sheet_box.activated.emit(index)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=20000)
    assert wiz.sheet == "Phụ lục"
    assert page.model.index(0, page.model.COLUMNS.index("text")).data() == "Tổng kết công tác năm"


def test_same_file_is_refused_and_same_plan_offers_an_update(qtbot, ctx, db, tmp_path):
    first = workbook(tmp_path / "kh05.xlsx")
    run_import(qtbot, open_wizard(qtbot, ctx, first))
    ops.set_completion(db, [_task_id(db, "Quán triệt")], date(2026, 2, 1))
    wiz = open_wizard(qtbot, ctx, first)
    assert "đã được nhập" in wiz.preview_page.banner.text()
    assert not wiz.preview_page.isComplete()
    # A new version of the same plan (same number): one task dropped, one added.
    rows = [r for r in ROWS if r[0] != 3] + [[6, "Tổng kết năm", "Văn phòng", None, "Quý IV/2026"]]
    wiz = open_wizard(qtbot, ctx, workbook(tmp_path / "kh05-v2.xlsx", rows=rows))
    page = wiz.preview_page
    assert "đã được nhập (cùng số hiệu" in page.banner.text() and page.isComplete()
    wiz.next()
    assert wiz.currentId() == UPDATE_PAGE
    upd = wiz.update_page
    assert upd.update_radio.isChecked() and not upd.separate_radio.isVisibleTo(upd)
    assert "thêm 1 nhiệm vụ mới" in upd.counts.text()
    assert "1 nhiệm vụ không còn trong tệp" in upd.counts.text()
    assert "+ Tổng kết năm" in upd.changes.toPlainText()
    assert "- Kiểm tra việc thực hiện quy chế dân chủ" in upd.changes.toPlainText()
    upd.remove_check.setChecked(True)  # the user chooses to remove the dropped task
    run_import(qtbot, wiz)
    assert count(db, Plan) == 1 and count(db, Task) == 5
    with db.read() as s:  # progress kept
        task = s.get(Task, _task_id(db, "Quán triệt"))
        assert task.completed_on == date(2026, 2, 1)


def _task_id(db, start: str) -> int:
    with db.read() as s:
        return s.scalar(select(Task.id).where(Task.text.like(f"{start}%")))


def test_a_bad_file_is_explained_without_a_traceback(qtbot, ctx, tmp_path):
    bad = tmp_path / "ke-hoach.xlsx"
    bad.write_bytes(b"this is not a workbook at all")
    wiz = open_wizard(qtbot, ctx, None)
    wiz.file_page.load(bad)
    qtbot.waitUntil(lambda: not wiz.file_page.panel.busy, timeout=20000)
    page = wiz.file_page
    assert page.error.isVisibleTo(page)
    assert "ke-hoach.xlsx" in page.error.text() and "Traceback" not in page.error.text()
    assert wiz.currentId() == FILE_PAGE and not page.isComplete()


@pytest.mark.parametrize("build", ["ss_merge_bomb", "xlsx_many_merges", "pdf_page_loop"])
def test_hostile_files_are_explained_by_the_wizard_worker(qtbot, ctx, db, tmp_path, build):
    """The worker extracts first (the safety checks) before listing sheets; the user's
    limits apply. A 351-byte merge bomb answers at once."""
    from hostile_files import BUILDERS

    name, data = BUILDERS[build]()
    path = tmp_path / name
    path.write_bytes(data)
    wiz = open_wizard(qtbot, ctx, None)
    wiz.file_page.load(path)
    qtbot.waitUntil(lambda: not wiz.file_page.panel.busy, timeout=20000)
    text = wiz.file_page.error.text()
    assert name in text and "Traceback" not in text, text
    assert wiz.currentId() == FILE_PAGE


def test_the_wizard_applies_the_row_limit_of_the_settings(qtbot, ctx, db, tmp_path):
    import openpyxl

    ops.set_setting(db, "import_limits", {"max_rows": 3})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Nội dung nhiệm vụ", "Chủ trì", "Thời gian"])
    for i in range(1, 6):
        ws.append([i, f"Nhiệm vụ {i}", "Văn phòng", "Quý I/2024"])
    path = tmp_path / "nam-viec.xlsx"
    wb.save(path)
    wiz = open_wizard(qtbot, ctx, None)
    wiz.file_page.load(path)
    qtbot.waitUntil(lambda: not wiz.file_page.panel.busy, timeout=20000)
    assert "3 dòng" in wiz.file_page.error.text(), wiz.file_page.error.text()


def test_a_too_large_file_is_refused_before_reading(qtbot, ctx, db, tmp_path):
    ops.set_setting(db, "import_limits", {"max_file_mb": 1})
    big = tmp_path / "lon.txt"
    big.write_bytes(b"x" * 1_200_000)
    wiz = open_wizard(qtbot, ctx, None)
    wiz.file_page.load(big)
    assert "1 MB" in wiz.file_page.error.text() and not wiz.file_page.panel.busy


def test_dropping_a_plan_document_reads_it(qtbot, ctx, db, tmp_path):
    src = next(PLANS.glob("synth_ubnd_chuyen_doi_so.txt"))
    path = tmp_path / src.name
    shutil.copy(src, path)
    wiz = open_wizard(qtbot, ctx, None)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    zone = wiz.file_page.zone
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    zone.dropEvent(event)
    qtbot.waitUntil(lambda: wiz.currentId() == PREVIEW_PAGE, timeout=20000)
    assert wiz.preview_page.model.rowCount() > 3
    assert wiz.path == path


def test_cancelling_the_import_writes_nothing(qtbot, ctx, db, tmp_path):
    rows = [
        [i, f"Nhiệm vụ số {i} về chuyển đổi số", "Văn phòng", None, "Quý II/2026"]
        for i in range(1, 400)
    ]
    wiz = open_wizard(qtbot, ctx, workbook(tmp_path / "lon.xlsx", rows=rows))
    wiz.next()
    wiz.next()
    panel = wiz.confirm_page.panel
    assert panel.busy
    panel.cancel()
    qtbot.waitUntil(lambda: not panel.busy, timeout=20000)
    assert wiz.currentId() == CONFIRM_PAGE
    assert "hủy" in wiz.confirm_page.error.text().lower()
    assert count(db, Task) == 0 and count(db, Plan) == 0


def test_closing_during_a_job_cancels_it_first(qtbot, ctx, db, tmp_path):
    wiz = ImportWizard(ctx, path=workbook(tmp_path / "kh05.xlsx"))
    qtbot.addWidget(wiz)
    wiz.show()
    assert wiz.file_page.panel.busy
    wiz.reject()
    assert wiz.isVisible()  # waits for the job to stop
    qtbot.waitUntil(lambda: not wiz.isVisible(), timeout=20000)
    assert count(db, Task) == 0

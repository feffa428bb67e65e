"""The main window: docks, actions with undo, start-up notice, layout, language, demo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from ui_sample import TASKS, TODAY, UNITS, click_in_modal, make_ctx, seed

from app.core.status import Status
from app.db import ops
from app.db.reads.departments import department_tree
from app.db.reads.details import task_detail
from app.db.reads.filters import TaskFilter
from app.db.reads.plans import plans
from app.db.reads.requests import list_requests, units_not_reported
from app.db.reads.settings import setting
from app.db.reads.tasks import status_counts, task_ids, task_rows
from app.db.reads.terms import plan_term
from app.ui.main.window import MainWindow
from app.ui.table.model import column_of


@pytest.fixture
def window(qtbot, db, tmp_path):
    seed(db)
    win = MainWindow(make_ctx(db, tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def row_of(win: MainWindow, text: str) -> int:
    col = column_of("text")
    for r in range(win.model.rowCount()):
        if win.model.index(r, col).data() == text:
            return r
    raise AssertionError(text)


def status_of(win: MainWindow, text: str) -> Status:
    return win.model.row_data(row_of(win, text)).status


def select_rows(qtbot, win: MainWindow, rows: list[int]) -> None:
    view = win.table
    view.clearSelection()
    for i, r in enumerate(rows):
        rect = view.visualRect(win.model.index(r, column_of("text")))
        mods = Qt.KeyboardModifier.ControlModifier if i else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, rect.center())


def test_status_counts_follow_edits_and_filters(window, db, qtbot):
    qtbot.waitUntil(lambda: "Quá hạn: <b>1</b>" in window.counts.text())
    late = task_ids(db, TaskFilter(statuses=frozenset({Status.OVERDUE}), today=TODAY))
    window.ctx.apply(ops.set_completion, late, TODAY)
    qtbot.waitUntil(lambda: "Quá hạn" not in window.counts.text(), timeout=5000)
    # An export asks for the counts of a filter just applied: counted there and then.
    window.filters.search.setText("khong co nhiem vu nao nhu vay")
    window.apply_filter()
    assert window.counts_text().startswith("0 nhiệm vụ")


def test_window_title_docks_and_counts(window, db, qtbot):
    assert window.windowTitle() == f"Đôn Đốc — {db.path}"
    assert window.tree_dock.isVisible() and window.details_dock.isVisible()
    assert window.model.rowCount() == len(TASKS)
    qtbot.waitUntil(lambda: "<b>" in window.counts.text())  # counted in a worker thread
    counts = window.counts.text()
    assert f"<b>{len(TASKS)}</b>" in counts and "Quá hạn: <b>1</b>" in counts
    shortcuts = {
        a.text(): a.shortcut().toString() for a in window.findChildren(type(window.actions_.find))
    }
    assert shortcuts["Tìm kiếm"] == QKeySequence(QKeySequence.StandardKey.Find).toString()
    assert shortcuts["Nhập kế hoạch…"] == "Ctrl+I"
    assert shortcuts["Xuất Excel…"] == "Ctrl+E"
    assert shortcuts["Hoàn tác"] == "Ctrl+Z"


def test_multi_select_mark_done_then_undo(qtbot, window):
    open_texts = [TASKS[0][0], TASKS[1][0]]  # overdue, due soon
    select_rows(qtbot, window, [row_of(window, t) for t in open_texts])
    assert len(window.table.selected_ids()) == 2
    qtbot.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert status_of(window, TASKS[0][0]) == Status.DONE_LATE  # done today, after its date
    assert status_of(window, TASKS[1][0]) == Status.DONE_ON_TIME
    assert len(window.table.selected_ids()) == 2  # selection kept across the refresh
    assert "Đánh dấu hoàn thành 2" in window.ctx.undo_stack.undoText()
    window.actions_.undo.trigger()
    assert status_of(window, TASKS[0][0]) == Status.OVERDUE
    assert status_of(window, TASKS[1][0]) == Status.DUE_SOON
    window.actions_.redo.trigger()
    assert status_of(window, TASKS[1][0]) == Status.DONE_ON_TIME


def test_delete_asks_and_undo_restores(qtbot, window, db):
    target = TASKS[2][0]
    select_rows(qtbot, window, [row_of(window, target)])
    tid = window.table.selected_ids()[0]
    seen = click_in_modal(qtbot, "Xóa")
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert "Xóa 1 nhiệm vụ đã chọn?" in seen[0]
    assert target not in [window.model.row_data(r).text for r in range(window.model.rowCount())]
    window.ctx.undo_stack.undo()
    d = task_detail(db, tid, TODAY)
    assert d is not None and d.row.text == target
    assert set(d.row.coordinators) == {UNITS[0], UNITS[3]}


def test_reassign_selected_tasks_and_undo(qtbot, window, db):
    rows = [row_of(window, TASKS[0][0]), row_of(window, TASKS[3][0])]
    select_rows(qtbot, window, rows)
    ids = window.table.selected_ids()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    def choose() -> None:  # pick the unit in the combo, then press the button
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, choose)
            return
        dialog.setTextValue(UNITS[2])
        click_in_modal(qtbot, "Giao lại")

    QTimer.singleShot(0, choose)
    window.actions_.reassign.trigger()
    leads = {r.lead for r in task_rows(db, ids, TODAY)}
    assert leads == {UNITS[2]}
    window.ctx.undo_stack.undo()
    leads = [r.lead for r in task_rows(db, ids, TODAY)]
    assert sorted(leads) == sorted([UNITS[0], UNITS[3]])


def test_details_follow_the_current_row_and_record_progress(qtbot, window, db):
    row = row_of(window, TASKS[1][0])
    select_rows(qtbot, window, [row])
    assert window.details.text.text() == TASKS[1][0]
    assert window.details.fields["due"].text().startswith("12/05/2023")
    window.details.note_input.setText("Đã gửi dự thảo báo cáo")
    qtbot.mouseClick(window.details.note_button, Qt.MouseButton.LeftButton)
    assert "Đã gửi dự thảo báo cáo" in window.details.progress.text()
    window.ctx.undo_stack.undo()
    assert "Đã gửi dự thảo báo cáo" not in window.details.progress.text()


def test_enter_opens_the_editor(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.editor.dialog import TaskEditor

    select_rows(qtbot, window, [row_of(window, TASKS[4][0])])
    opened: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, TaskEditor):
            opened.append(dialog.text.toPlainText())
            dialog.done(0)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened == [TASKS[4][0]]


def test_start_notice_lists_overdue_and_coming_tasks(window, qtbot):
    notice = window.notice
    assert notice.isVisible()
    assert notice.notice.overdue == 1 and notice.notice.upcoming == 1
    assert "còn 2 ngày" in notice.label.text()
    qtbot.mouseClick(notice.overdue_button, Qt.MouseButton.LeftButton)
    assert [window.model.row_data(r).text for r in range(window.model.rowCount())] == [TASKS[0][0]]
    qtbot.mouseClick(notice.hide_today, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()
    notice.refresh()
    assert not notice.isVisible()  # not again today
    window.ctx._today = lambda: TODAY + timedelta(days=1)
    notice.refresh()
    assert notice.isVisible()  # tomorrow it is back


def test_the_notice_follows_every_edit(window, db, qtbot):
    """After an edit the banner says what the status bar says (it kept the start's count)."""
    assert window.notice.notice.overdue == 1
    late = task_ids(db, TaskFilter(statuses=frozenset({Status.OVERDUE}), today=TODAY))
    window.ctx.apply(ops.set_completion, late, TODAY)
    assert window.notice.notice.overdue == 0
    qtbot.waitUntil(lambda: "Quá hạn" not in window.counts.text(), timeout=5000)


def test_a_new_day_reads_every_status_again(window, db, qtbot):
    """At midnight the task due today becomes overdue: table, counts, tree and banner."""
    soon = [r for r in range(window.model.rowCount()) if window.model.row_data(r).due]
    due_dates = {window.model.row_data(r).due for r in soon}
    assert TODAY + timedelta(days=2) in due_dates  # the task due in two days
    window.ctx._today = lambda: TODAY + timedelta(days=3)
    window.check_new_day()
    qtbot.waitUntil(lambda: "Quá hạn: <b>2</b>" in window.counts.text(), timeout=5000)
    assert window.notice.notice.overdue == 2
    assert window.model.task_filter.today == TODAY + timedelta(days=3)
    window.check_new_day()  # the same day again: nothing to do


def test_notice_uses_the_warning_days_setting(db, tmp_path):
    from app.db.reads.notice import build_notice

    seed(db)
    ops.set_setting(db, "warn_days", [1])
    n = build_notice(db, TODAY)
    assert (n.overdue, n.upcoming, n.horizon) == (1, 0, 1)
    n = build_notice(db, TODAY - timedelta(days=29))
    assert n.upcoming == 0 and n.overdue == 0


def test_layout_is_remembered(qtbot, db, tmp_path):
    seed(db)
    ctx = make_ctx(db, tmp_path)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.details_dock.hide()
    win.removeDockWidget(win.tree_dock)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, win.tree_dock)
    win.tree_dock.show()
    win.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.show()
    assert not again.details_dock.isVisible()
    assert again.dockWidgetArea(again.tree_dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_english_is_selectable(qtbot, db, tmp_path):
    from app.ui.kit.i18n import set_language

    seed(db)
    ctx = make_ctx(db, tmp_path)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    changed: list[str] = []
    win.languageChanged.connect(changed.append)
    try:
        win.set_language("en")
        assert changed == ["en"]
        assert ctx.setting("language") == "en"
        set_language("en")
        english = MainWindow(ctx)
        qtbot.addWidget(english)
        menus = [a.text() for a in english.menuBar().actions()]
        assert "&File" in menus and "&Edit" in menus
        assert (
            english.model.headerData(column_of("deadline"), Qt.Orientation.Horizontal) == "Deadline"
        )
    finally:
        set_language("vi")


def test_demo_plan_has_every_kind_of_status(db):
    from app.demo import load_demo

    today = date(2026, 11, 25)
    load_demo(db, today)
    counts = status_counts(db, TaskFilter(today=today))
    stored = plans(db)
    roots = department_tree(db, today)
    notes = task_detail(
        db,
        task_ids(db, TaskFilter(search="nguoi dung dau cap uy cac cap", today=today))[0],
        today,
    ).notes
    for status in Status:
        assert counts.get(status, 0) > 0, status
    assert len(stored) == 1 and stored[0].signed_on == date(2026, 3, 31)
    assert stored[0].tasks == 58
    parent = next(r for r in roots if r.name == "Đảng ủy Khối các cơ quan tỉnh")
    assert {c.name for c in parent.children} >= {
        "Văn phòng Đảng ủy Khối",
        "Ủy ban Kiểm tra Đảng ủy Khối",
    }
    assert notes and notes[0].author == "Chuyên viên Văn phòng"
    # no fixed term: the plan's own, from its date (a Đảng ủy Khối plan of 2026)
    assert setting(db, "term") is None
    assert plan_term(db, plans(db)[0].id, today) == (2025, 2030)

    sent = list_requests(db, today)
    late = units_not_reported(db, today)
    # The urging loop has something to show: one unit answered, one is late.
    assert len(sent) == 2 and sum(r.answered for r in sent) == 1
    assert [u.department_name for u in late] == [r.department_name for r in sent if r.late]


@pytest.mark.parametrize("today", [date(2023, 1, 10), date(2024, 6, 1), date(2031, 12, 31)])
def test_demo_plan_moves_with_today(db, today):
    from app.demo import load_demo

    load_demo(db, today)
    counts = status_counts(db, TaskFilter(today=today))
    signed = plans(db)[0].signed_on
    assert timedelta(days=60) <= today - signed <= timedelta(days=430)
    assert (
        counts.get(Status.OVERDUE) and counts.get(Status.DUE_SOON) and counts.get(Status.DONE_LATE)
    )


def test_qt_signals_keep_python_reference_counts(qapp):
    """PySide6 6.12.0 dropped a reference to True on every emit: the app crashed after
    some thousands of signals. The pinned Qt must not do that."""
    import gc
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        changed = Signal(object)

    emitter = Emitter()
    got: list[object] = []
    emitter.changed.connect(got.append)
    gc.collect()
    before = sys.getrefcount(True)
    for i in range(500):
        emitter.changed.emit(i)
    got.clear()
    gc.collect()
    assert sys.getrefcount(True) - before > -50


def test_export_writes_exactly_the_tasks_shown(qtbot, window, tmp_path):
    import openpyxl
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    window.filters.search.setText("quy")
    window.filters._search_now()
    shown = [window.model.row_data(r).text for r in range(window.model.rowCount())]
    target = tmp_path / "xuat.xlsx"

    def save_as() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, save_as)
            return
        dialog.selectFile(str(target))
        dialog.accept()

    QTimer.singleShot(0, save_as)
    window.actions_.export.trigger()
    qtbot.waitUntil(target.exists, timeout=10000)
    qtbot.waitUntil(lambda: "Đã xuất" in window.statusBar().currentMessage(), timeout=10000)
    sheet = openpyxl.load_workbook(target).active
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value}
    assert all(text in cells for text in shown)
    assert TASKS[3][0] not in cells  # filtered out, so not exported


def test_menu_dialogs_open_through_lazy_imports(qtbot, window):
    """Each dialog action opens its dialog, never a crash (the openers import on first use:
    the start-up test below checks none of these modules is loaded before)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from app.demo import OFFICE

    ops.set_setting(window.ctx.db, "org", OFFICE)  # given: prints open without asking first
    acts = window.actions_
    expected = {
        acts.print_: "WeeklyPrintDialog",
        acts.report: "ReportDialog",
        acts.urge: "UrgeDialog",
        acts.request: "RequestDialog",
        acts.collect: "CollectDialog",
        acts.track: "RequestsDialog",
        acts.import_: "ImportWizard",
        acts.departments: "DepartmentsDialog",
        acts.settings: "SettingsDialog",
        acts.audit: "AuditDialog",
        acts.restore: "RestoreDialog",
        acts.days_off: "CalendarDaysDialog",
    }
    for action, name in expected.items():
        seen: list[str] = []

        def close(seen: list[str] = seen) -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QDialog):
                QTimer.singleShot(20, lambda: close(seen))
                return
            seen.append(type(dialog).__name__)
            dialog.done(0)

        QTimer.singleShot(0, close)
        action.trigger()
        assert seen == [name], (action.text(), seen)


def test_start_loads_no_file_format_libraries(db_path, tmp_path):
    """openpyxl, python-docx, PDF readers… are imported only when a file is read or written."""
    import os
    import subprocess
    import sys

    from app.db.store import Database

    db = Database.open(db_path)
    seed(db)
    db.close()
    script = (
        "import sys\n"
        "from app.ui.main.app import Session, ensure_app, make_qsettings, open_database\n"
        "app = ensure_app(); db = open_database(sys.argv[1])\n"
        "s = Session(app, make_qsettings()); s.start(db); s.window.repaint(); app.processEvents()\n"
        "print(sorted(m for m in ('openpyxl', 'docx', 'pdfplumber', 'pypdf', 'icalendar',"
        " 'python_calamine', 'app.importers.tables.importer', 'app.exports.excel.export',"
        " 'app.ui.import_wizard.wizard', 'app.ui.dialogs.printing', 'app.ui.urging.letters',"
        " 'app.ui.departments.dialog', 'app.ui.dialogs.audit', 'app.ui.dialogs.restore',"
        " 'app.ui.dialogs.settings', 'app.ui.calendar.days_dialog', 'app.ui.urging.requests',"
        " 'app.db.ops')"
        " if m in sys.modules))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DONDOC_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run(
        [sys.executable, "-c", script, str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_first_start_offers_the_demo_then_language_switch_rebuilds_the_window(
    qtbot, qapp, db, tmp_path
):
    from PySide6.QtCore import QSettings

    from app.db.reads.plans import is_empty
    from app.ui.kit.i18n import language, set_language
    from app.ui.main.app import Session

    assert is_empty(db)
    session = Session(qapp, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    session.start(db)
    qtbot.addWidget(session.window)
    seen = click_in_modal(qtbot, "Nạp dữ liệu mẫu")
    session.offer_demo()
    assert "Cơ sở dữ liệu còn trống." in seen[0]
    assert session.window.model.rowCount() == 58
    assert not is_empty(db)
    try:
        old = session.window
        old.set_language("en")
        assert language() == "en"
        assert session.window is not old
        qtbot.addWidget(session.window)
        assert [a.text() for a in session.window.menuBar().actions()][0] == "&File"
        assert session.window.model.rowCount() == 58
    finally:
        set_language("vi")


def test_marking_done_keeps_the_scroll_position(qtbot, db, tmp_path):
    seed(db, extra=600)
    win = MainWindow(make_ctx(db, tmp_path))
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    qtbot.waitExposed(win)
    bar = win.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    value = bar.value()
    row = win.table.rowAt(win.table.viewport().height() // 2)
    select_rows(qtbot, win, [row])
    tid = win.table.current_id()
    win.actions_.done.trigger()
    assert win.table.current_id() == tid
    assert abs(bar.value() - value) <= win.table.rowHeight(row)  # no jump to the top
    win.actions_.undo.trigger()
    assert abs(bar.value() - value) <= win.table.rowHeight(row)
    # With "not done" shown, the done task leaves the table: the rows are re-queried
    # (a model reset) and the view still stays where it was.
    win.filters.status.setCurrentIndex(win.filters.status.findText("Chưa hoàn thành"))
    bar.setValue(bar.maximum() // 2)
    value = bar.value()
    select_rows(qtbot, win, [win.table.rowAt(win.table.viewport().height() // 2)])
    before = win.model.rowCount()
    win.actions_.done.trigger()
    assert win.model.rowCount() == before - 1
    assert abs(bar.value() - value) <= 2 * win.table.rowHeight(0)

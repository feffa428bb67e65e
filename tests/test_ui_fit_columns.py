"""Readable columns and dialogs that fit a 1366x768 laptop (the tests' offscreen screen).

Short columns (Chủ trì, Thời hạn, Hạn…) are as wide as their content up to a maximum,
the task text takes the rest; the unit tree is as wide as its names; every dialog opens
inside the screen's free area and remembers the size the user gives it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from test_ui_wizard import PREVIEW_PAGE, workbook
from ui_sample import make_ctx, seed

from app.ui.kit.columns import content_width
from app.ui.kit.places import FRAME
from app.ui.main import dialogs
from app.ui.main.window import MainWindow
from app.ui.table.model import column_of
from app.ui.table.view import FIT_LIMITS, WRAPPING

LONG_UNIT = "Ban Tuyên giáo và Dân vận Tỉnh ủy cùng các cơ quan tham mưu, giúp việc"


@pytest.fixture
def ctx(db, tmp_path):
    seed(db)
    return make_ctx(db, tmp_path)


def free_area() -> QSize:
    return QGuiApplication.primaryScreen().availableGeometry().size()


def test_the_tests_run_on_a_laptop_screen(qapp):
    assert free_area() == QSize(1366, 768)


def open_window(qtbot, ctx) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.tree.model.rowCount() > 0)
    qtbot.wait(50)
    return win


def test_short_columns_take_their_content_width_and_the_text_the_rest(qtbot, ctx):
    win = open_window(qtbot, ctx)
    table = win.table
    hh = table.horizontalHeader()
    for key in ("lead", "deadline", "due", "status"):
        col = column_of(key)
        low, high = FIT_LIMITS[key]
        need = content_width(table, col, lines=2)
        # As wide as the content, unless the maximum (or the text's share) cuts it.
        assert hh.sectionSize(col) <= max(need, low), key
        assert hh.sectionSize(col) >= min(need, high) or key in WRAPPING, key
        assert hh.sectionSize(col) <= high
    # The dates fit uncut; the task text has at least a third of the table.
    assert hh.sectionSize(column_of("due")) >= content_width(table, column_of("due"))
    assert hh.sectionSize(column_of("text")) >= 0.34 * table.viewport().width()
    # No horizontal scrolling: every shown column inside the table.
    assert hh.length() <= table.viewport().width() + 1
    # The full text of a cut cell is in its tooltip.
    index = win.model.index(0, column_of("lead"))
    assert index.data(0x03) == index.data()


def test_a_column_sized_by_hand_is_kept(qtbot, ctx):
    win = open_window(qtbot, ctx)
    table = win.table
    col = column_of("lead")
    table._fixed.add("lead")  # what dragging the header's edge records
    table.horizontalHeader().resizeSection(col, 300)
    win.refresh()
    qtbot.wait(20)
    assert table.horizontalHeader().sectionSize(col) == 300


def test_unit_tree_is_as_wide_as_its_names(qtbot, ctx):
    win = open_window(qtbot, ctx)
    tree = win.tree
    qtbot.waitUntil(lambda: win.tree_dock.width() >= min(tree.content_width(), 0.22 * win.width()))
    assert win.tree_dock.width() <= max(0.22 * win.width(), 240) + 2
    assert win.width() <= free_area().width()


def test_wizard_fits_the_laptop_and_shows_the_deadline_columns(qtbot, ctx, tmp_path):
    from app.ui.import_wizard.wizard import ImportWizard

    rows = [
        [1, "Quán triệt Nghị quyết đến cán bộ chủ chốt " * 3, LONG_UNIT, LONG_UNIT, "Quý I/2026"],
        [2, "Xây dựng đề án", "Ban Tổ chức", None, "trước ngày 30/6 hằng năm"],
    ]
    wiz = ImportWizard(ctx, path=workbook(tmp_path / "kh.xlsx", rows=rows))
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitUntil(lambda: wiz.currentId() == PREVIEW_PAGE, timeout=20000)
    qtbot.wait(50)
    assert wiz.width() <= free_area().width() - FRAME.width()
    assert wiz.height() <= free_area().height() - FRAME.height()
    table = wiz.preview_page.table
    model = wiz.preview_page.model
    for key in ("deadline", "due"):
        col = model.COLUMNS.index(key)
        right = table.columnViewportPosition(col) + table.columnWidth(col)
        assert table.columnViewportPosition(col) >= 0 and right <= table.viewport().width(), key
    lead = model.index(0, model.COLUMNS.index("lead"))
    assert lead.data(0x03) == LONG_UNIT  # cut in the cell, whole in the tooltip


def test_wizard_remembers_its_size_within_the_screen(qtbot, ctx):
    from app.ui.import_wizard.wizard import ImportWizard

    wiz = ImportWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.resize(1000, 620)
    wiz.reject()
    again = ImportWizard(ctx)
    qtbot.addWidget(again)
    assert again.size() == QSize(1000, 620)
    again.reject()
    # A size remembered on a larger screen is cut to this one.
    ctx.qsettings.setValue("wizard/size", QSize(1900, 1050))
    third = ImportWizard(ctx)
    qtbot.addWidget(third)
    assert third.width() <= free_area().width() and third.height() <= free_area().height()


OPENERS = [
    ("import_wizard", {}),
    ("weekly_print", {}),
    ("report", {}),
    ("restore", {}),
    ("urge", {}),
    ("request", {}),
    ("collect", {}),
    ("track", {}),
    ("departments", {}),
    ("days_off", {}),
    ("audit", {}),
    ("settings", {}),
    ("task_editor", {"plan_id": None}),
]


@pytest.mark.parametrize(("name", "kw"), OPENERS, ids=[n for n, _ in OPENERS])
def test_every_dialog_fits_a_1366x768_screen(qtbot, ctx, name, kw):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    dialog = getattr(dialogs, name)(ctx, win, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = free_area() - FRAME
    assert dialog.width() <= room.width() and dialog.height() <= room.height(), dialog.size()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= room.width() and hint.height() <= room.height(), hint
    dialog.reject()


def test_print_preview_fits_the_screen(qtbot, ctx):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    dialog = dialogs.weekly_print(ctx, win)
    qtbot.addWidget(dialog)
    dialog.open_preview()
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None, timeout=30000)
    preview = dialog.preview_dialog
    room = free_area() - FRAME
    assert preview.width() <= room.width() and preview.height() <= room.height()
    assert preview.minimumSizeHint().height() <= room.height()
    preview.reject()


def test_columns_are_fitted_again_when_the_table_widens(qtbot, ctx):
    win = open_window(qtbot, ctx)
    win.showNormal()
    win.resize(900, 600)
    qtbot.wait(300)
    table = win.table
    lead = column_of("lead")
    narrow = table.horizontalHeader().sectionSize(lead)
    win.resize(1360, 700)
    need = min(content_width(table, lead, lines=2), FIT_LIMITS["lead"][1])
    qtbot.waitUntil(lambda: table.horizontalHeader().sectionSize(lead) >= need)
    assert table.horizontalHeader().sectionSize(lead) > narrow

"""The main window fits a laptop screen: no growth from filter chips, a saved size is
restored only when it fits the screen (else the window opens maximised)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from ui_sample import UNITS, make_ctx, seed

from app.db.reads.departments import find_department
from app.ui.main.window import GEOMETRY_KEY, NORMAL_KEY, MainWindow


@pytest.fixture
def ctx(db, tmp_path):
    seed(db)
    return make_ctx(db, tmp_path)


def open_window(qtbot, ctx) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    if win.isMaximized():  # the window system resizes it a moment later
        qtbot.waitUntil(lambda: win.width() > screen_area().width() - 20)
    return win


def screen_area() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def test_filter_chips_never_widen_the_window(qtbot, ctx, db):
    win = open_window(qtbot, ctx)
    width = win.width()
    before = win.minimumSizeHint().width()
    # Every chip at once, with the longest unit name: they wrap onto a second line.
    name = max(UNITS, key=len) + " và các cơ quan tham mưu, giúp việc"
    win.filters.set_department(find_department(db, UNITS[0]).id, name)
    win.filters.set_due_range(date(2023, 5, 1), date(2023, 12, 31))
    win.filters.search.setText("hội nghị quán triệt")
    qtbot.wait(50)
    assert win.filters.dept_chip.isVisible() and win.filters.range_chip.isVisible()
    assert win.filters.role.isVisible()
    minimum = win.minimumSizeHint().width()
    assert minimum <= 1280, minimum
    assert minimum == before  # the chips ask for no width of their own
    assert win.width() == width
    # Every control of the filter bar stays inside it (a second line, not clipped).
    bar = win.filters.rect()
    for w in (win.filters.dept_chip, win.filters.range_chip, win.filters.reset_button):
        assert bar.contains(w.geometry()), w.geometry()
    assert win.filters.height() >= 2 * win.filters.search.height()


def test_status_bar_counts_never_widen_the_window(qtbot, ctx):
    win = open_window(qtbot, ctx)
    qtbot.waitUntil(lambda: "nhiệm vụ" in win.counts.text())
    # The counts' text is wider than the window may be narrow: it is cut, not obeyed.
    assert win.minimumSizeHint().width() < win.counts.sizeHint().width()


def test_first_start_opens_maximised(qtbot, ctx):
    win = open_window(qtbot, ctx)
    assert win.isMaximized()
    assert screen_area().contains(win.geometry())


def test_a_saved_size_that_fits_is_restored(qtbot, ctx):
    win = open_window(qtbot, ctx)
    win.showNormal()
    area = screen_area()
    wanted = QRect(area.x() + 20, area.y() + 30, area.width() - 60, area.height() - 80)
    win.setGeometry(wanted)
    qtbot.waitUntil(lambda: win.geometry() == wanted)
    win.close()
    assert ctx.qsettings.value(NORMAL_KEY) == wanted

    again = open_window(qtbot, ctx)
    assert not again.isMaximized()
    assert again.geometry() == wanted


def test_a_size_saved_on_a_larger_screen_opens_maximised(qtbot, ctx):
    """Saved on a 1920 × 1080 monitor, opened on a smaller screen: never off-screen."""
    big = MainWindow(ctx)
    qtbot.addWidget(big)
    big.setGeometry(QRect(100, 80, 1800, 1000))
    ctx.qsettings.setValue(GEOMETRY_KEY, big.saveGeometry())
    ctx.qsettings.setValue(NORMAL_KEY, QRect(100, 80, 1800, 1000))
    area = screen_area()
    assert not area.contains(QRect(100, 80, 1800, 1000))  # the test screen is smaller

    win = open_window(qtbot, ctx)
    assert win.isMaximized()
    assert area.contains(win.geometry())
    assert win.minimumSizeHint().width() <= area.width()


def test_toolbar_keeps_its_width_after_edits(qtbot, ctx):
    win = open_window(qtbot, ctx)
    toolbar = win.actions_.toolbar
    before = toolbar.sizeHint().width()
    model = win.model
    open_ids = [
        model.task_id(r) for r in range(model.rowCount()) if model.row_data(r).completed_on is None
    ]
    win.set_done(open_ids[:1], True)
    undo = win.actions_.undo
    assert undo.isEnabled()
    assert toolbar.widgetForAction(undo).text() == "Hoàn tác"
    assert "Đánh dấu hoàn thành 1 nhiệm vụ" in undo.toolTip() and "Ctrl+Z" in undo.toolTip()
    assert "Đánh dấu hoàn thành 1 nhiệm vụ" in undo.text()  # the Edit menu names the edit
    assert toolbar.sizeHint().width() == before
    assert before <= 1366 - 40  # every button shown on a maximised 1366-pixel window
    win.ctx.undo_stack.undo()
    assert toolbar.widgetForAction(win.actions_.redo).text() == "Làm lại"
    assert toolbar.sizeHint().width() == before


def test_toolbar_icons_are_drawn_for_calendar_undo_and_redo(qtbot, ctx):
    win = open_window(qtbot, ctx)
    a = win.actions_
    for action in (a.view_calendar, a.view_table, a.undo, a.redo, a.print_, a.import_):
        assert not action.icon().pixmap(20, 20).isNull(), action.text()
    # Each its own picture, none the "i" of the information icon it replaced.
    images = {bytes(x.icon().pixmap(20, 20).toImage().constBits()) for x in (a.undo, a.redo)}
    assert len(images) == 2


@pytest.mark.parametrize("code", ["vi", "en"])
def test_toolbar_shows_every_button_at_1366(qtbot, ctx, code):
    from PySide6.QtWidgets import QToolButton

    from app.ui.kit.i18n import set_language

    set_language(code)
    try:
        win = open_window(qtbot, ctx)
        win.showNormal()
        win.resize(1366, 700)
        qtbot.waitUntil(lambda: win.width() == 1366)
        qtbot.wait(20)
        toolbar = win.actions_.toolbar
        ext = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert ext is None or not ext.isVisible()
        for action in toolbar.actions():
            if not action.isSeparator():
                button = toolbar.widgetForAction(action)
                assert button.isVisible(), action.iconText()
                assert toolbar.rect().contains(button.geometry()), action.iconText()
    finally:
        set_language("vi")


def test_long_names_and_texts_never_widen_the_window(qtbot, ctx, db):
    """A unit with a very long name, a task of a paragraph, chosen and shown in every
    pane: the window keeps its width, its minimum stays under 1280 pixels."""
    from app.db import ops

    win = open_window(qtbot, ctx)
    win.showNormal()  # a maximised window could not grow: this one could
    win.resize(1100, 680)
    qtbot.waitUntil(lambda: win.width() == 1100)
    width = win.width()
    long_name = "Ban Chỉ đạo thực hiện Nghị quyết " + "và các đề án, chương trình liên quan " * 4
    unit = find_department(db, UNITS[0])
    ops.update_department(db, unit.id, name=long_name.strip())
    tid = win.model.task_id(0)
    win.ctx.announce(ops.update_task(db, tid, text="Triển khai " + "nhiệm vụ trọng tâm " * 40))
    win.refresh()
    qtbot.waitUntil(
        lambda: any(long_name.strip()[:30] in (n.name or "") for n in win.tree.model.units.values())
    )
    win.table.select_ids([tid], tid)
    win.tree.select_department(unit.id)
    qtbot.wait(300)
    assert win.width() == width
    assert win.minimumSizeHint().width() <= 1280

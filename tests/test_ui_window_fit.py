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

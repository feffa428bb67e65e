"""Office days off and make-up days: listed beside the public holidays, undoable."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt

from app.db.reads.calendar import user_days
from app.db.reads.settings import work_calendar
from app.ui.calendar.days_dialog import CalendarDaysDialog, public_days
from app.ui.kit.context import AppContext


@pytest.fixture
def ctx(db, tmp_path, qapp):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return AppContext(db, today=lambda: date(2026, 3, 10), settings=settings)


def test_public_holidays_of_a_year():
    days = {p.day: p for p in public_days(2026)}
    assert "Tết" in days[date(2026, 2, 17)].name
    assert date(2026, 9, 2) in days and date(2026, 4, 30) in days
    assert days[date(2026, 8, 22)].workday  # a Saturday made a working day


def test_add_change_and_remove_days_with_undo(qtbot, ctx, db, qtmodeltester):
    dlg = CalendarDaysDialog(ctx)
    qtbot.addWidget(dlg)
    qtmodeltester.check(dlg.public)
    assert dlg.public.rowCount() >= 10 and dlg.own.rowCount() == 0
    dlg.day_edit.setDate(date(2026, 5, 4))
    dlg.note_edit.setText("Nghỉ bù bầu cử")
    qtbot.mouseClick(dlg.add_btn, Qt.MouseButton.LeftButton)
    assert dlg.own.rowCount() == 1
    assert dlg.own.index(0, 2).data() == "Nghỉ" and dlg.own.index(0, 3).data() == "Nghỉ bù bầu cử"
    assert not work_calendar(db).is_workday(date(2026, 5, 4))
    # The same day turned into a make-up working day: one entry, changed.
    dlg.work_radio.setChecked(True)
    dlg.add()
    assert dlg.own.rowCount() == 1 and dlg.own.index(0, 2).data() == "Làm bù"
    ctx.undo_stack.undo()
    assert dlg.own.index(0, 2).data() == "Nghỉ"
    dlg.own_view.selectRow(0)
    dlg.remove()
    assert user_days(db, 2026) == []
    ctx.undo_stack.undo()
    assert dlg.own.rowCount() == 1
    qtmodeltester.check(dlg.own)
    # A Saturday added as a working day counts as one.
    dlg.day_edit.setDate(date(2026, 3, 14))
    dlg.work_radio.setChecked(True)
    dlg.add()
    assert work_calendar(db).is_workday(date(2026, 3, 14))


def test_other_years_and_selection_fill_the_form(qtbot, ctx, db):
    dlg = CalendarDaysDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.day_edit.setDate(date(2027, 1, 4))
    dlg.add()
    assert dlg.year.value() == 2027 and dlg.own.rowCount() == 1
    assert any("Tết" in r[2] for r in dlg.public.rows)
    dlg.year.setValue(2026)
    assert dlg.own.rowCount() == 0
    dlg.year.setValue(2027)
    dlg.day_edit.setDate(date(2027, 6, 1))
    dlg.own_view.selectRow(0)
    assert dlg.day_edit.date().toPython() == date(2027, 1, 4)

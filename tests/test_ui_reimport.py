"""The wizard on a plan imported before: the update page, never a second copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import func, select

from app.db import ops
from app.db.models import Plan, ProgressNote, Task
from app.ui.import_wizard.wizard import (
    CONFIRM_PAGE,
    PREVIEW_PAGE,
    SUMMARY_PAGE,
    UPDATE_PAGE,
    ImportWizard,
)
from app.ui.kit.context import AppContext

DATA = Path(__file__).parent / "data"
SEED_TXT = DATA / "plans" / "seed_000_duk_lam_dong.txt"
WORKBOOK = DATA / "excel" / "seed_ke_hoach_21.xlsx"
TODAY = date(2022, 9, 1)


@pytest.fixture
def ctx(db, tmp_path, qapp):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return AppContext(db, today=lambda: TODAY, settings=settings)


def opened(qtbot, ctx, path: Path) -> ImportWizard:
    wiz = ImportWizard(ctx, path=path)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitUntil(lambda: wiz.currentId() == PREVIEW_PAGE, timeout=30000)
    return wiz


def commit(qtbot, wiz: ImportWizard) -> None:
    assert wiz.currentId() == CONFIRM_PAGE
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentId() == SUMMARY_PAGE, timeout=30000)


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_the_same_plan_twice_is_an_update_never_a_copy(qtbot, ctx, db):
    wiz = opened(qtbot, ctx, WORKBOOK)
    page = wiz.preview_page
    # The workbook has no number: asked for, and nothing can be imported without it.
    assert not page.isComplete() and page.missing.isVisibleTo(page)
    assert "số kế hoạch" in page.missing.text()
    page.number_edit.setText("21-KH/ĐUK")
    qtbot.waitUntil(page.isComplete, timeout=3000)
    wiz.next()
    commit(qtbot, wiz)
    n = count(db, Task)
    with db.read() as s:
        first = s.scalar(select(Task.id).order_by(Task.position))
    ops.add_progress_note(db, first, "Đã triển khai", author="vp")

    # The same plan from its text: recognised by its tasks, the update page follows.
    wiz = opened(qtbot, ctx, SEED_TXT)
    page = wiz.preview_page
    assert "đã được nhập" in page.banner.text()
    page.number_edit.setText("21-KH/ĐUK")
    qtbot.waitUntil(page.isComplete, timeout=3000)
    wiz.next()
    assert wiz.currentId() == UPDATE_PAGE
    upd = wiz.update_page
    assert "thêm 0 nhiệm vụ mới" in upd.counts.text()
    assert "0 nhiệm vụ không còn trong tệp" in upd.counts.text()
    assert upd.update_radio.isChecked()
    wiz.next()
    assert "Cập nhật kế hoạch" in wiz.confirm_page.text.text()
    commit(qtbot, wiz)
    assert count(db, Task) == n and count(db, Plan) == 1
    assert count(db, ProgressNote) == 1

    # Undo in the window: the plan as it was before the update (the workbook's).
    with db.read() as s:
        assert s.scalar(select(Plan.source_name)) == SEED_TXT.name
    ctx.undo_stack.undo()
    with db.read() as s:
        assert s.scalar(select(Plan.source_name)) == WORKBOOK.name
    assert count(db, Task) == n and count(db, ProgressNote) == 1


def test_a_plan_taken_for_another_can_be_imported_as_its_own_only_by_choice(qtbot, ctx, db):
    wiz = opened(qtbot, ctx, WORKBOOK)
    wiz.preview_page.number_edit.setText("21-KH/ĐUK")
    qtbot.waitUntil(wiz.preview_page.isComplete, timeout=3000)
    wiz.next()
    commit(qtbot, wiz)
    wiz = opened(qtbot, ctx, SEED_TXT)
    wiz.preview_page.number_edit.setText("22-KH/ĐUK")  # another number typed by hand
    qtbot.waitUntil(wiz.preview_page.isComplete, timeout=3000)
    wiz.next()
    assert wiz.currentId() == UPDATE_PAGE  # the very same tasks: still taken for it
    upd = wiz.update_page
    assert upd.separate_radio.isVisibleTo(upd) and upd.update_radio.isChecked()
    upd.separate_radio.setChecked(True)
    wiz.next()
    commit(qtbot, wiz)
    assert count(db, Plan) == 2

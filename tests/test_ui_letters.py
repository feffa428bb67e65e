"""Dialogs of the urging loop, driven like a user would (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from loop_fixtures import BTC, BTG, TODAY, UBKT, seed, task_id
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from app.db import ops
from app.db.models import ProgressNote, Task
from app.db.reads.departments import all_departments
from app.db.reads.requests import pending_requests
from app.exports.urging.requests import write_request_workbook
from app.importers.replies import DATA_SHEET
from app.importers.request_format import HEADER_ROW
from app.ui.kit.context import AppContext
from app.ui.urging.letters import CollectDialog, RequestDialog, UrgeDialog

WAIT = 30000


@pytest.fixture
def ctx(db, tmp_path, qtbot):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    context = AppContext(db, today=lambda: TODAY, settings=settings)
    return context


@pytest.fixture
def ids(db):
    return seed(db)


def names_checked(dlg) -> list[str]:
    return [
        it.text().split("  —  ")[0]
        for it in dlg.picker.items()
        if it.checkState() == Qt.CheckState.Checked
    ]


def prepare(dlg, folder: Path) -> None:
    dlg.folder.setText(str(folder))
    dlg.open_after.setChecked(False)


def test_urge_dialog_writes_one_letter_per_unit(ctx, ids, qtbot, tmp_path):
    dlg = UrgeDialog(ctx, department_ids=[ids[BTC]])
    qtbot.addWidget(dlg)
    assert dlg.coordinating.isChecked()  # the tree's counts by default
    dlg.coordinating.setChecked(False)  # lead only, as the rest of this test counts
    assert names_checked(dlg) == [BTC]
    texts = {it.text() for it in dlg.picker.items()}
    assert f"{BTC}  —  2 quá hạn, 1 sắp đến hạn" in texts
    assert f"{UBKT}  —  không có việc quá hạn" in texts
    dlg.picker.select_urgent.click()
    assert sorted(names_checked(dlg)) == sorted([BTC, BTG])
    dlg.picker.filter.setText("tuyen giao")  # accent-insensitive filter
    visible = [it.text() for it in dlg.picker.items() if not it.isHidden()]
    assert len(visible) == 1 and visible[0].startswith(BTG)
    prepare(dlg, tmp_path / "out")
    changes = []
    ctx.changed.connect(changes.append)
    with qtbot.waitSignal(dlg.workDone, timeout=WAIT):
        dlg.run_button.click()
    assert sorted(p.name for p in dlg.files) == [
        "cong-van-don-doc-ban-to-chuc-dang-uy-khoi-20230510.docx",
        "cong-van-don-doc-ban-tuyen-giao-dang-uy-khoi-20230510.docx",
    ]
    assert all(p.exists() for p in dlg.files)
    assert "Đã tạo 2 tệp công văn" in dlg.message.text()
    assert changes and changes[0].requests
    assert len(pending_requests(ctx.db, TODAY)) == 2


def test_urge_dialog_counts_are_the_trees(ctx, ids, qtbot):
    """Every unit shows the numbers the unit tree shows; every unit with urgent tasks of
    its own is offered (checked by "select urgent")."""
    from app.db.reads.unit_counts import UnitCounts, unit_counts

    dlg = UrgeDialog(ctx)
    qtbot.addWidget(dlg)
    tree = unit_counts(ctx.db, TODAY, 7)
    own = unit_counts(ctx.db, TODAY, 7, branches=False)
    names = {d.id: d.name for d in all_departments(ctx.db)}
    shown = {it.text().split("  —  ")[0]: it.text().split("  —  ")[1] for it in dlg.picker.items()}
    for dept_id, name in names.items():
        c = tree.get(dept_id, UnitCounts())
        if c.urgent:
            assert shown[name] == f"{c.overdue} quá hạn, {c.due_soon} sắp đến hạn"
    dlg.picker.select_urgent.click()
    assert sorted(names_checked(dlg)) == sorted(
        names[i] for i, c in own.items() if c.urgent and names[i] in shown
    )


def test_urge_dialog_one_file_and_reply_deadline(ctx, ids, qtbot, tmp_path):
    from docx import Document

    dlg = UrgeDialog(ctx, department_ids=[ids[BTC], ids[BTG]])
    qtbot.addWidget(dlg)
    assert dlg.reply_by.date().toString("dd/MM/yyyy") == "17/05/2023"
    dlg.reply_by.setDate(dlg.reply_by.date().addDays(3))
    dlg.one_file.setChecked(True)
    prepare(dlg, tmp_path)
    with qtbot.waitSignal(dlg.workDone, timeout=WAIT):
        dlg.run_button.click()
    [path] = dlg.files
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert text.count("Kính gửi:") == 2 and "trước ngày 20/05/2023" in text


def test_urge_dialog_shows_a_users_mistake_inline(ctx, ids, qtbot, tmp_path):
    dlg = UrgeDialog(ctx, department_ids=[ids[UBKT]])
    qtbot.addWidget(dlg)
    dlg.coordinating.setChecked(False)  # it leads nothing urgent
    prepare(dlg, tmp_path)
    with qtbot.waitSignal(dlg.workDone, timeout=WAIT):
        dlg.run_button.click()
    assert "không có nhiệm vụ quá hạn" in dlg.message.text()
    assert dlg.files == [] and dlg.run_button.isEnabled()
    dlg.picker.set_checked([])
    assert not dlg.run_button.isEnabled()


def test_request_dialog_writes_workbooks_and_skips_units_without_work(ctx, ids, qtbot, tmp_path):
    ops.set_completion(ctx.db, [task_id(ctx.db, "kiểm tra, giám sát việc tu dưỡng")], TODAY)
    dlg = RequestDialog(ctx, department_ids=[ids[BTC], ids[UBKT]])
    qtbot.addWidget(dlg)
    prepare(dlg, tmp_path)
    with qtbot.waitSignal(dlg.workDone, timeout=WAIT):
        dlg.run_button.click()
    assert [p.name for p in dlg.files] == ["de-nghi-bao-cao-ban-to-chuc-dang-uy-khoi-20230510.xlsx"]
    assert UBKT in dlg.message.text()
    wb = openpyxl.load_workbook(dlg.files[0])
    assert wb[DATA_SHEET]["A2"].value == f"Đơn vị: {BTC}"


def filled_reply(db, tmp_path, edit=None) -> Path:
    path = write_request_workbook(db, tmp_path / "req.xlsx", BTC, day=TODAY).files[0]
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    cols = {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    row = HEADER_ROW + 1  # "Sơ kết 01 năm …", BTC leads it
    ws.cell(row, cols["Kết quả thực hiện"]).value = "Đã tổ chức sơ kết"
    ws.cell(row, cols["Đã hoàn thành? (có/không)"]).value = "có"
    ws.cell(row, cols["Ngày hoàn thành"]).value = "08/05/2023"
    if edit:
        edit(ws, cols)
    out = tmp_path / "reply.xlsx"
    wb.save(out)
    return out


def tree_lines(dlg) -> list[str]:
    out = []
    for i in range(dlg.tree.topLevelItemCount()):
        top = dlg.tree.topLevelItem(i)
        out.append(top.text(0))
        for j in range(top.childCount()):
            child = top.child(j)
            out.append(child.text(1) or child.text(0))  # change rows, or a spanned message
    return out


def test_collect_dialog_previews_then_applies(ctx, ids, qtbot, tmp_path):
    reply = filled_reply(ctx.db, tmp_path)
    dlg = CollectDialog(ctx, paths=[reply])
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.workDone, timeout=WAIT):
        pass  # the preview starts by itself when files are given
    lines = tree_lines(dlg)
    assert lines[0].startswith(f"reply.xlsx — {BTC}")
    assert "Ghi tiến độ: Đã tổ chức sơ kết" in lines
    assert "Hoàn thành ngày 08/05/2023" in lines
    sk = task_id(ctx.db, "Sơ kết 01 năm")
    with ctx.db.read() as s:
        assert s.get(Task, sk).completed_on is None  # a preview writes nothing
    assert dlg.apply_button.isEnabled()
    changes = []
    ctx.changed.connect(changes.append)
    with qtbot.waitSignal(dlg.workDone, timeout=WAIT):
        dlg.apply_button.click()
    with ctx.db.read() as s:
        assert s.get(Task, sk).completed_on is not None
        [note] = s.scalars(select(ProgressNote).where(ProgressNote.task_id == sk)).all()
        assert note.text == "Đã tổ chức sơ kết" and "reply.xlsx" in note.source
    assert changes and sk in changes[-1].tasks
    assert not dlg.apply_button.isEnabled()  # never applied twice
    assert "Đã cập nhật 1 ghi tiến độ, 1 hoàn thành" in dlg.summary.text()


def test_collect_dialog_refuses_tampered_and_foreign_files(ctx, ids, qtbot, tmp_path):
    def tamper(ws, cols):
        ws.cell(HEADER_ROW + 2, cols["Nội dung nhiệm vụ"]).value = "Việc khác hẳn"

    reply = filled_reply(ctx.db, tmp_path, tamper)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    dlg = CollectDialog(ctx, paths=[reply, junk])
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.workDone, timeout=WAIT):
        pass
    lines = "\n".join(tree_lines(dlg))
    assert "junk.xlsx" in lines and "ô khóa" in lines
    assert not dlg.apply_button.isEnabled()
    assert "chưa ghi gì" in dlg.summary.text()


def test_collect_dialog_flags_tasks_changed_since_the_request(ctx, ids, qtbot, tmp_path):
    reply = filled_reply(ctx.db, tmp_path)
    sk = task_id(ctx.db, "Sơ kết 01 năm")
    ops.update_task(ctx.db, sk, text="Sơ kết 01 năm thực hiện Nghị quyết 28 (sửa)")
    dlg = CollectDialog(ctx, paths=[reply])
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.workDone, timeout=WAIT):
        pass
    assert any(line.startswith("Cần xem lại: nhiệm vụ đã thay đổi") for line in tree_lines(dlg))
    assert dlg.accept_flagged.isEnabled() and not dlg.apply_button.isEnabled()
    dlg.accept_flagged.setChecked(True)
    with qtbot.waitSignal(dlg.workDone, timeout=WAIT):
        dlg.preview_button.click()
    assert dlg.apply_button.isEnabled()

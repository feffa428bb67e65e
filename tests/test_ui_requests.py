"""The requests tracker (Đôn đốc → Theo dõi văn bản đôn đốc), driven with real widgets."""

from __future__ import annotations

from datetime import date

import pytest
from loop_fixtures import BTC, BTG, TODAY, UBKT, seed, task_id
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from app.core.status import Status
from app.db import ops
from app.db.models import AuditEntry
from app.db.reads.departments import require_department
from app.db.reads.requests import list_requests
from app.ui.kit.context import AppContext
from app.ui.kit.status_style import status_tint
from app.ui.urging.requests import DUE, LATE, REPLIED, UNIT, RequestsDialog

NOI_VU = "Sở Nội vụ"


@pytest.fixture
def ctx(db, tmp_path, qtbot):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return AppContext(db, today=lambda: TODAY, settings=settings)


@pytest.fixture
def reqs(db, tmp_path):
    """BTC late by 5 days (a letter whose file is in the letters folder), BTG not due yet,
    UBKT answered, Sở Nội vụ late by 2 days."""
    ids = seed(db)
    _, ids[NOI_VU] = ops.create_department(db, NOI_VU)

    def send(unit, kind, sent_on, reply_due, words=("quy chế làm việc",), file_name=""):
        return ops.record_request(
            db,
            kind=kind,
            department_id=ids[unit],
            sent_on=sent_on,
            reply_due=reply_due,
            task_ids=[task_id(db, w) for w in words],
            file_name=file_name,
        ).id

    out = {
        BTC: send(
            BTC, "letter", date(2023, 4, 28), date(2023, 5, 5), file_name="cong-van-btc.docx"
        ),
        BTG: send(
            BTG, "workbook", date(2023, 5, 8), date(2023, 5, 15), ("quán triệt", "Biểu dương")
        ),
        UBKT: send(UBKT, "letter", date(2023, 4, 20), date(2023, 4, 27)),
        NOI_VU: send(NOI_VU, "letter", date(2023, 5, 1), date(2023, 5, 8), ()),
    }
    ops.mark_request_replied(db, out[UBKT], date(2023, 4, 26))
    return out


def dialog(ctx, qtbot, **kw) -> RequestsDialog:
    dlg = RequestsDialog(ctx, **kw)
    qtbot.addWidget(dlg)
    return dlg


def names(dlg) -> list[str]:
    return [r.department_name for r in dlg.visible()]


def cell(dlg, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    return dlg.proxy.index(row, col).data(role)


def audit_actions(db) -> list[str]:
    with db.read() as s:
        return [a for (a,) in s.execute(select(AuditEntry.action).order_by(AuditEntry.id))]


def test_tracker_lists_pending_then_every_request(ctx, reqs, qtbot, qtmodeltester):
    dlg = dialog(ctx, qtbot)
    qtmodeltester.check(dlg.model)
    assert dlg.pending_only()
    assert names(dlg) == [BTC, NOI_VU, BTG]  # most urgent reply deadline first
    assert [dlg.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == [
        "Đơn vị",
        "Loại",
        "Ngày gửi",
        "Hạn trả lời",
        "Đã trả lời",
        "Trễ (ngày)",
        "Số nhiệm vụ",
        "Tệp",
    ]
    assert [cell(dlg, 0, c) for c in range(8)] == [
        BTC,
        "Công văn",
        "28/04/2023",
        "05/05/2023",
        "Chưa",
        "5",
        "1",
        "cong-van-btc.docx",
    ]
    assert cell(dlg, 2, 1) == "Sổ báo cáo" and cell(dlg, 2, LATE) == ""
    # Late unanswered rows are tinted like overdue tasks; the others are not.
    assert cell(dlg, 0, UNIT, Qt.ItemDataRole.BackgroundRole) == status_tint(Status.OVERDUE)
    assert cell(dlg, 2, UNIT, Qt.ItemDataRole.BackgroundRole) is None
    assert dlg.summary.text() == "3 văn bản, 3 chưa trả lời, 2 quá hạn"

    dlg.set_pending_only(False)
    assert names(dlg) == [BTC, NOI_VU, BTG, UBKT]
    assert cell(dlg, 3, REPLIED) == "26/04/2023"
    # Sorting by the reply deadline, both ways.
    dlg.view.sortByColumn(DUE, Qt.SortOrder.AscendingOrder)
    assert names(dlg) == [UBKT, BTC, NOI_VU, BTG]
    dlg.view.sortByColumn(LATE, Qt.SortOrder.DescendingOrder)
    assert names(dlg)[:2] == [BTC, NOI_VU]


def test_unit_filter_ignores_accents(ctx, reqs, qtbot):
    dlg = dialog(ctx, qtbot)
    dlg.unit_filter.setText("so noi vu")
    assert names(dlg) == [NOI_VU]
    dlg.unit_filter.setText("SỞ NỘI")
    assert names(dlg) == [NOI_VU]
    dlg.unit_filter.setText("dang uy khoi")
    assert names(dlg) == [BTC, BTG]
    dlg.unit_filter.clear()
    assert len(names(dlg)) == 3
    # Opened from a unit chosen in the tree: the filter starts with its name.
    assert names(dialog(ctx, qtbot, unit=BTG)) == [BTG]


def test_mark_replied_undo_redo_with_audit(ctx, reqs, qtbot):
    dlg = dialog(ctx, qtbot)
    assert dlg.select(reqs[BTC])
    assert dlg.mark_button.isEnabled() and not dlg.unmark_button.isEnabled()
    before = len(audit_actions(ctx.db))
    assert dlg.mark_replied(date(2023, 5, 9))
    assert names(dlg) == [NOI_VU, BTG]  # answered: gone from the pending list
    [btc] = list_requests(ctx.db, TODAY, department_id=reqs_id(ctx, BTC))
    assert btc.replied_on == date(2023, 5, 9)
    ctx.undo_stack.undo()
    assert names(dlg) == [BTC, NOI_VU, BTG]
    assert dlg.view.model().index(0, LATE).data() == "5"
    ctx.undo_stack.redo()
    assert names(dlg) == [NOI_VU, BTG]
    assert audit_actions(ctx.db)[before:] == ["reply", "reply", "reply"]
    # Answered by mistake: unmark it from the full list, then undo that.
    dlg.set_pending_only(False)
    assert dlg.select(reqs[BTC]) and dlg.unmark_button.isEnabled()
    assert dlg.unmark_replied()
    assert cell(dlg, names(dlg).index(BTC), REPLIED) == "Chưa"
    ctx.undo_stack.undo()
    assert cell(dlg, names(dlg).index(BTC), REPLIED) == "09/05/2023"


def test_reply_before_sending_is_refused(ctx, reqs, qtbot, monkeypatch):
    from app.errors import ValidationError

    with pytest.raises(ValidationError):
        ops.mark_request_replied(ctx.db, reqs[BTC], date(2023, 4, 1))


def test_cancel_request_with_undo(ctx, reqs, qtbot):
    dlg = dialog(ctx, qtbot)
    dlg.select(reqs[NOI_VU])
    assert dlg.cancel_request(ask=False)
    assert names(dlg) == [BTC, BTG]
    assert audit_actions(ctx.db)[-1] == "cancel_request"
    ctx.undo_stack.undo()
    assert names(dlg) == [BTC, NOI_VU, BTG]
    assert audit_actions(ctx.db)[-1] == "restore_request"
    from app.ui.dialogs.audit import action_label, entity_label

    assert action_label("restore_request") == "Khôi phục văn bản đôn đốc"
    assert entity_label("unit_request") == "Văn bản đôn đốc"
    ctx.undo_stack.redo()
    assert names(dlg) == [BTC, BTG]


def test_open_file_buttons_follow_the_file(ctx, reqs, qtbot, tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    ctx.qsettings.setValue("letters/folder", str(folder))
    dlg = dialog(ctx, qtbot)
    dlg.select(reqs[BTC])
    assert not dlg.open_button.isEnabled()  # the file is not there (yet)
    (folder / "cong-van-btc.docx").write_bytes(b"x")
    dlg.select(reqs[NOI_VU])
    dlg.select(reqs[BTC])
    assert dlg.open_button.isEnabled() and dlg.folder_button.isEnabled()
    assert dlg.file_path(dlg.current()) == folder / "cong-van-btc.docx"
    dlg.select(reqs[NOI_VU])  # no file recorded
    assert not dlg.open_button.isEnabled()


def test_dialog_reloads_when_a_request_is_recorded_elsewhere(ctx, reqs, qtbot):
    dlg = dialog(ctx, qtbot)
    ctx.apply(ops.mark_request_replied, reqs[BTG], TODAY)
    assert names(dlg) == [BTC, NOI_VU]


def test_menu_opens_the_tracker(ctx, reqs, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.main.window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "Đôn &đốc")
    track = next(a for a in menu.actions() if a.text() == "Theo dõi văn bản đôn đốc…")
    opened = []

    def look_and_close():
        dlg = QApplication.activeModalWidget()
        opened.append(names(dlg) if isinstance(dlg, RequestsDialog) else dlg)
        if dlg is not None:
            dlg.reject()

    QTimer.singleShot(200, look_and_close)
    track.trigger()
    assert opened == [[BTC, NOI_VU, BTG]]


def test_tree_marks_units_late_in_answering(ctx, reqs, qtbot, qtmodeltester):
    from app.ui.departments.tree import DepartmentTree

    tree = DepartmentTree(ctx)
    qtbot.addWidget(tree)
    qtbot.waitUntil(lambda: tree.model.rowCount() > 0)
    qtmodeltester.check(tree.model)

    def index(name):
        return tree.model.index_of(reqs_id(ctx, name))

    btc, btg, ubkt, nv = (index(n) for n in (BTC, BTG, UBKT, NOI_VU))
    assert btc.data(Qt.ItemDataRole.ToolTipRole).endswith(
        "Chưa trả lời 1 văn bản đôn đốc (trễ nhất 5 ngày)"
    )
    assert is_late_icon(btc)
    assert nv.data(Qt.ItemDataRole.ToolTipRole).endswith("(trễ nhất 2 ngày)")
    # Not due yet: said in the tooltip, but no warning icon; answered: nothing.
    assert "chưa đến hạn" in btg.data(Qt.ItemDataRole.ToolTipRole)
    assert not is_late_icon(btg)
    assert "văn bản đôn đốc" not in ubkt.data(Qt.ItemDataRole.ToolTipRole)
    assert not is_late_icon(ubkt)
    # A second late letter to BTC, then its answer: the tree follows (reloads in a worker).
    ops.record_request(
        ctx.db,
        kind="letter",
        department_id=reqs_id(ctx, BTC),
        sent_on=date(2023, 5, 1),
        reply_due=date(2023, 5, 8),
        task_ids=[],
    )
    ctx.apply(ops.mark_request_replied, reqs[BTC], TODAY)
    qtbot.waitUntil(
        lambda: index(BTC).data(Qt.ItemDataRole.ToolTipRole).endswith("(trễ nhất 2 ngày)")
    )
    ctx.apply(ops.mark_request_replied, reqs[NOI_VU], TODAY)
    qtbot.waitUntil(lambda: not is_late_icon(index(NOI_VU)))


def is_late_icon(index) -> bool:
    from app.ui.kit.status_style import unanswered_icon

    icon = index.data(Qt.ItemDataRole.DecorationRole)
    return icon is not None and icon.cacheKey() == unanswered_icon().cacheKey()


def reqs_id(ctx, name):
    return require_department(ctx.db, name).id

"""Departments dialog on a real database: tree, search, rename with dated alias, drag to
re-parent, aliases, merge (tasks move), create and delete; edits are undoable."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt

from app.core.deadlines.types import Deadline, DeadlineKind
from app.db import ops
from app.db.reads.backups import list_backups
from app.db.reads.departments import aliases as load_aliases
from app.db.reads.departments import all_departments, find_department
from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask
from app.ui.departments import dialog as departments_dialog
from app.ui.departments.dialog import DepartmentsDialog
from app.ui.departments.merge import MergeDialog
from app.ui.kit.context import AppContext

TODAY = date(2026, 3, 10)


@pytest.fixture
def ctx(db, tmp_path, qapp):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return AppContext(db, today=lambda: TODAY, settings=settings)


@pytest.fixture
def units(db):
    """A small provincial tree, with tasks for some of the units."""
    ids = {}
    _, ids["tu"] = ops.create_department(db, "Tỉnh ủy", is_group=True)
    for name in ("Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy"):
        _, ids[name] = ops.create_department(db, name, parent_id=ids["tu"])
    _, ids["ubnd"] = ops.create_department(db, "UBND tỉnh", is_group=True)
    for name in ("Sở Nội vụ", "Sở Lao động - Thương binh và Xã hội", "Sở Tài chính"):
        _, ids[name] = ops.create_department(db, name, parent_id=ids["ubnd"])
    leads = [
        "Sở Nội vụ",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Lao động - Thương binh và Xã hội",
        "Ban Tuyên giáo Tỉnh ủy",
    ]
    tasks = [
        ExtractedTask(
            text=f"Nhiệm vụ số {i + 1} về cải cách hành chính",
            lead=lead,
            deadline=Deadline(raw="30/6/2026", kind=DeadlineKind.DATE, due=date(2026, 6, 30)),
        )
        for i, lead in enumerate(leads)
    ]
    plan = ExtractedPlan(
        document=ExtractedDocument(
            title="Kế hoạch cải cách hành chính", number="12-KH/TU", date=date(2026, 1, 5)
        ),
        tasks=tasks,
        source_name="kh12.docx",
        sha256="b" * 64,
    )
    ops.import_plan(db, plan, today=TODAY)
    return ids


def open_dialog(qtbot, ctx) -> DepartmentsDialog:
    dlg = DepartmentsDialog(ctx)
    qtbot.addWidget(dlg)
    return dlg


def select(dlg: DepartmentsDialog, dept_id: int) -> None:
    dlg.tree.setCurrentIndex(dlg.model.index_of(dept_id))
    dlg.tree.selectionModel().select(
        dlg.model.index_of(dept_id),
        dlg.tree.selectionModel().SelectionFlag.ClearAndSelect
        | dlg.tree.selectionModel().SelectionFlag.Rows,
    )


def name_of(db, dept_id):
    return next(d.name for d in all_departments(db) if d.id == dept_id)


def test_tree_shows_units_with_task_counts(qtbot, ctx, units, qtmodeltester):
    dlg = open_dialog(qtbot, ctx)
    qtmodeltester.check(dlg.model)
    top = [dlg.model.index(r, 0).data() for r in range(dlg.model.rowCount())]
    assert top == ["Tỉnh ủy", "UBND tỉnh"]
    ldtbxh = dlg.model.index_of(units["Sở Lao động - Thương binh và Xã hội"], 2)
    assert ldtbxh.data() == 2
    assert dlg.model.parent(ldtbxh).data() == "UBND tỉnh"
    children = [dlg.model.index(r, 0, dlg.model.index_of(units["tu"])).data() for r in range(3)]
    assert children == ["Ban Dân vận Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy"]


def test_search_ignores_accents_and_keeps_parents(qtbot, ctx, units, qtmodeltester):
    dlg = open_dialog(qtbot, ctx)
    dlg.search.setText("tuyen giao")
    assert dlg.model.rowCount() == 1
    tu = dlg.model.index(0, 0)
    assert tu.data() == "Tỉnh ủy" and dlg.model.rowCount(tu) == 1
    assert dlg.model.index(0, 0, tu).data() == "Ban Tuyên giáo Tỉnh ủy"
    qtmodeltester.check(dlg.model)


def test_rename_keeps_the_old_name_as_a_dated_alias_and_undoes(
    qtbot, ctx, db, units, qtmodeltester
):
    dept = units["Ban Tuyên giáo Tỉnh ủy"]
    dlg = open_dialog(qtbot, ctx)
    select(dlg, dept)
    assert dlg.name_edit.text() == "Ban Tuyên giáo Tỉnh ủy"
    dlg.name_edit.setText("Ban Tuyên giáo và Dân vận Tỉnh ủy")
    dlg.when_edit.setDate(date(2025, 3, 1))
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    assert name_of(db, dept) == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert [(a.alias, a.valid_until) for a in dlg.aliases.items] == [
        ("Ban Tuyên giáo Tỉnh ủy", date(2025, 3, 1))
    ]
    assert dlg.aliases.data(dlg.aliases.index(0, 1)) == "01/03/2025"
    qtmodeltester.check(dlg.aliases)
    # Older plans still find the unit by its former name.
    assert find_department(db, "Ban Tuyen giao Tinh uy").id == dept
    ctx.undo_stack.undo()
    assert name_of(db, dept) == "Ban Tuyên giáo Tỉnh ủy"
    assert load_aliases(db, dept) == []
    assert dlg.name_edit.text() == "Ban Tuyên giáo Tỉnh ủy"
    ctx.undo_stack.redo()
    assert name_of(db, dept) == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert len(load_aliases(db, dept)) == 1


def test_duplicate_name_is_refused_in_the_form(qtbot, ctx, db, units):
    dlg = open_dialog(qtbot, ctx)
    select(dlg, units["Sở Tài chính"])
    dlg.name_edit.setText("so noi vu")
    dlg.save()
    assert "Sở Nội vụ" in dlg.form_error.text()
    assert name_of(db, units["Sở Tài chính"]) == "Sở Tài chính"
    assert ctx.undo_stack.count() == 0


def test_drop_re_parents_and_undo_moves_back(qtbot, ctx, db, units):
    dlg = open_dialog(qtbot, ctx)
    m = dlg.model
    mime = m.mimeData([m.index_of(units["Sở Tài chính"])])
    assert m.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, m.index_of(units["tu"])) is False
    parent = m.parent(m.index_of(units["Sở Tài chính"]))
    assert parent.data() == "Tỉnh ủy"
    # A unit cannot go below itself or its own children.
    up = m.mimeData([m.index_of(units["tu"])])
    assert not m.canDropMimeData(
        up, Qt.DropAction.MoveAction, -1, -1, m.index_of(units["Sở Tài chính"])
    )
    # Dropped on the empty area: becomes a top-level unit.
    m.dropMimeData(
        m.mimeData([m.index_of(units["Sở Nội vụ"])]),
        Qt.DropAction.MoveAction,
        -1,
        -1,
        m.index(-1, -1),
    )
    assert not m.parent(m.index_of(units["Sở Nội vụ"])).isValid()
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert m.parent(m.index_of(units["Sở Tài chính"])).data() == "UBND tỉnh"
    assert m.parent(m.index_of(units["Sở Nội vụ"])).data() == "UBND tỉnh"


def test_parent_picker_moves_a_unit(qtbot, ctx, db, units):
    dlg = open_dialog(qtbot, ctx)
    select(dlg, units["Ban Dân vận Tỉnh ủy"])
    dlg.parent_picker.setEditText("ubnd tinh")  # accents optional
    assert dlg.parent_picker.current_id() == units["ubnd"]
    dlg.save()
    assert dlg.model.parent(dlg.model.index_of(units["Ban Dân vận Tỉnh ủy"])).data() == "UBND tỉnh"


def test_alias_add_is_undoable_and_remove_is_confirmed(qtbot, ctx, db, units, monkeypatch):
    dept = units["Ban Tổ chức Tỉnh ủy"]
    dlg = open_dialog(qtbot, ctx)
    select(dlg, dept)
    dlg.alias_edit.setText("BTCTU")
    qtbot.mouseClick(dlg.alias_add, Qt.MouseButton.LeftButton)
    assert [a.alias for a in dlg.aliases.items] == ["BTCTU"]
    assert dlg.aliases.data(dlg.aliases.index(0, 1)) == "đang dùng"
    ctx.undo_stack.undo()
    assert dlg.aliases.rowCount() == 0
    ctx.undo_stack.redo()
    assert dlg.aliases.rowCount() == 1
    dlg.alias_view.selectRow(0)
    monkeypatch.setattr(departments_dialog, "confirm", lambda *a, **k: False)
    dlg.remove_alias()
    assert dlg.aliases.rowCount() == 1
    monkeypatch.setattr(departments_dialog, "confirm", lambda *a, **k: True)
    dlg.remove_alias()
    assert dlg.aliases.rowCount() == 0 and load_aliases(db, dept) == []


def test_merge_moves_tasks_keeps_names_and_backs_up(qtbot, ctx, db, units):
    """The 2025 merger: Sở Lao động - Thương binh và Xã hội goes into Sở Nội vụ."""
    ld, nv = units["Sở Lao động - Thương binh và Xã hội"], units["Sở Nội vụ"]
    dlg = open_dialog(qtbot, ctx)
    select(dlg, ld)
    dlg.tree.selectionModel().select(
        dlg.model.index_of(nv),
        dlg.tree.selectionModel().SelectionFlag.Select
        | dlg.tree.selectionModel().SelectionFlag.Rows,
    )
    assert sorted(dlg.selected_ids()) == sorted([ld, nv])
    merge = MergeDialog(ctx, dict(dlg.model.units), dlg.selected_ids(), dlg)
    qtbot.addWidget(merge)
    assert merge.target_id() == ld  # the unit with most tasks is proposed to stay
    merge.target.set_current_id(nv)
    merge.when_edit.setDate(date(2025, 3, 1))
    assert merge.sources() == [ld]
    assert "2 nhiệm vụ" in merge.summary.text() and "01/03/2025" in merge.summary.text()
    dlg.merge(merge.sources(), merge.target_id(), merge.when())
    assert ld not in dlg.model.units
    assert dlg.model.index_of(nv, 2).data() == 3
    assert [(a.alias, a.valid_until) for a in dlg.aliases.items] == [
        ("Sở Lao động - Thương binh và Xã hội", date(2025, 3, 1))
    ]
    assert [b.reason for b in list_backups(db.path)] == ["merge"]
    assert find_department(db, "So Lao dong - Thuong binh va Xa hoi").id == nv


def test_create_and_delete_units(qtbot, ctx, db, units, monkeypatch):
    dlg = open_dialog(qtbot, ctx)
    select(dlg, units["ubnd"])
    dlg.add_btn.click()
    assert dlg.creating and dlg.parent_picker.current_id() == units["ubnd"]
    dlg.name_edit.setText("Sở Khoa học và Công nghệ")
    dlg.short_edit.setText("SKHCN")
    dlg.save()
    new_id = dlg.current_id
    assert dlg.model.parent(dlg.model.index_of(new_id)).data() == "UBND tỉnh"
    assert dlg.selected_ids() == [new_id]
    monkeypatch.setattr(departments_dialog, "confirm", lambda *a, **k: True)
    dlg.delete_selected()
    assert new_id not in dlg.model.units
    select(dlg, units["Sở Nội vụ"])
    dlg.delete_selected()  # still has tasks: refused, with the way out
    assert units["Sở Nội vụ"] in dlg.model.units and "gộp" in dlg.status.text()


def test_deactivated_unit_is_greyed(qtbot, ctx, db, units):
    dlg = open_dialog(qtbot, ctx)
    select(dlg, units["Sở Tài chính"])
    dlg.active_check.setChecked(False)
    dlg.save()
    label = dlg.model.index_of(units["Sở Tài chính"]).data()
    assert label.startswith("Sở Tài chính (") and "ngừng theo dõi" in label
    assert dlg.model.index_of(units["Sở Tài chính"]).data(Qt.ItemDataRole.FontRole).italic()

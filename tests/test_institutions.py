"""The 2025 institutional changes: the bundled list, dated aliases, import warnings, UI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import QSettings

from app.core.deadlines.types import Deadline, DeadlineKind
from app.core.institutions import abolished_on, alias_offers, changes_2025, province_change
from app.db import ops
from app.db.reads.departments import aliases as load_aliases
from app.db.reads.filters import TaskFilter
from app.db.reads.import_preview import preview_import
from app.db.reads.institutions import offered_aliases
from app.db.reads.tasks import task_ids, task_rows
from app.errors import ValidationError
from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask
from app.resources import resource_path
from app.ui.departments.dialog import DepartmentsDialog
from app.ui.kit.context import AppContext

D = date


def test_bundled_list_is_dated_and_cited():
    data = json.loads(resource_path("institutions", "2025.json").read_text(encoding="utf-8"))
    provinces = [c for c in data["changes"] if c["kind"] == "province"]
    new = {c["to"] for c in provinces}
    old = {n for c in provinces for n in c["from"]}
    assert len(new) + len(data["unchanged_provinces"]) == 34
    assert len(old) + len(data["unchanged_provinces"]) == 63
    assert all(c["source"] in data["sources"] for c in data["changes"])
    assert "202/2025/QH15" in data["sources"]["nq202"]["title"]
    assert all(c.day.year == 2025 and c.source for c in changes_2025())


@pytest.mark.parametrize(
    ("name", "day", "successor"),
    [
        ("Sở Kế hoạch và Đầu tư", D(2025, 3, 1), "Sở Tài chính"),
        ("Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận", D(2025, 5, 2), "Sở Nội vụ"),
        ("Sở Thông tin và Truyền thông", D(2025, 4, 1), "Sở Khoa học và Công nghệ"),
        ("Sở Giao thông vận tải", D(2025, 4, 1), "Sở Xây dựng"),
        ("Sở Tài nguyên và Môi trường", D(2025, 4, 1), "Sở Nông nghiệp và Môi trường"),
        ("Ban Dân vận Tỉnh ủy", D(2025, 6, 1), "Ban Tuyên giáo và Dân vận"),
        ("Đảng ủy Khối doanh nghiệp tỉnh", D(2025, 6, 1), "Đảng ủy các cơ quan Đảng tỉnh"),
        ("Huyện ủy Ninh Hải", D(2025, 7, 1), "không còn cấp huyện"),
        ("UBND huyện Thuận Bắc", D(2025, 8, 1), "không còn cấp huyện"),
    ],
)
def test_abolished_names_after_their_day(name, day, successor):
    found = abolished_on(name, day)
    assert found is not None and successor in found.message()
    assert abolished_on(name, found.change.last_day) is None  # still existed the day before


@pytest.mark.parametrize(
    "name",
    [
        "Sở Tài chính",
        "Sở Nội vụ",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ban Tổ chức Tỉnh ủy",
        "Sở Xây dựng",
        "Ủy ban nhân dân tỉnh",
        "Văn phòng Tỉnh ủy",
        "",
    ],
)
def test_continuing_bodies_are_not_abolished(name):
    assert abolished_on(name, D(2026, 1, 1)) is None


def test_provinces():
    assert province_change("Ninh Thuận").new == ("Khánh Hòa",)
    assert province_change("tỉnh Hà Giang").new == ("Tuyên Quang",)
    assert province_change("Bà Rịa - Vũng Tàu").new == ("Thành phố Hồ Chí Minh",)
    assert province_change("Thanh Hóa") is None


def test_alias_offers_for_merged_units():
    offers = alias_offers(["Sở Nông nghiệp và Môi trường", "Ban Tuyên giáo và Dân vận Tỉnh ủy"])
    assert ("Sở Nông nghiệp và Môi trường", "Sở Tài nguyên và Môi trường", D(2025, 2, 28)) in offers
    assert ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Dân vận Tỉnh ủy", D(2025, 2, 28)) in offers


def _plan(day: date, lead: str) -> ExtractedPlan:
    dl = Deadline(raw="30/12/2025", kind=DeadlineKind.DATE, due=D(2025, 12, 30))
    return ExtractedPlan(
        document=ExtractedDocument(title="Kế hoạch", number="5-KH/TU", date=day),
        tasks=[ExtractedTask(text="Tổng kết công tác năm", lead=lead, deadline=dl)],
        source_name="kh.docx",
    )


@pytest.mark.backends("sqlite", "postgres")
def test_dated_aliases_and_undo(db, backend):
    _, nn = ops.create_department(db, "Sở Nông nghiệp và Môi trường")
    _, tg = ops.create_department(db, "Ban Tuyên giáo và Dân vận Tỉnh ủy")
    offers = offered_aliases(db)
    assert {(o.department_id, o.alias) for o in offers} == {
        (nn, "Sở Tài nguyên và Môi trường"),
        (nn, "Sở Nông nghiệp và Phát triển nông thôn"),
        (tg, "Ban Tuyên giáo Tỉnh ủy"),
        (tg, "Ban Dân vận Tỉnh ủy"),
    }
    added = ops.add_dated_aliases(db, [(o.department_id, o.alias, o.valid_until) for o in offers])
    assert len(added.ids) == 4 and added.change.departments
    assert offered_aliases(db) == []
    assert {(a.alias, a.valid_until) for a in load_aliases(db, nn)} == {
        ("Sở Tài nguyên và Môi trường", D(2025, 2, 28)),
        ("Sở Nông nghiệp và Phát triển nông thôn", D(2025, 2, 28)),
    }
    # an old plan now finds its unit through the old name
    old = preview_import(db, _plan(D(2024, 11, 1), "Sở Tài nguyên và Môi trường"))
    assert old.units["Sở Tài nguyên và Môi trường"].department_id == nn
    assert old.abolished_units == {} and old.task_problems(0) == []
    ops.remove_aliases(db, added.ids)
    assert load_aliases(db, nn) == [] and len(offered_aliases(db)) == 4


@pytest.mark.backends("sqlite", "postgres")
def test_plan_after_the_merger_naming_an_old_unit_is_warned(db, backend):
    late = preview_import(db, _plan(D(2025, 9, 15), "Sở Kế hoạch và Đầu tư"))
    assert "Sở Kế hoạch và Đầu tư" in late.abolished_units
    problems = late.task_problems(0)
    assert any("Tên đơn vị đã thay đổi" in p and "Sở Tài chính" in p for p in problems)
    assert late.to_json()["abolished_units"]
    early = preview_import(db, _plan(D(2025, 2, 1), "Sở Kế hoạch và Đầu tư"))
    assert early.abolished_units == {}


def test_departments_dialog_offers_old_names_undoably(qtbot, db, tmp_path):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(db, today=lambda: D(2026, 3, 10), settings=settings)
    _, dept = ops.create_department(db, "Sở Tài chính")
    dlg = DepartmentsDialog(ctx)
    qtbot.addWidget(dlg)
    asked = []
    dlg.offer_old_names(lambda parent, title, text, yes: asked.append(text) or True)
    assert "Sở Kế hoạch và Đầu tư" in asked[0]
    assert [a.alias for a in load_aliases(db, dept)] == ["Sở Kế hoạch và Đầu tư"]
    assert "1" in dlg.status.text()
    ctx.undo_stack.undo()
    assert load_aliases(db, dept) == []
    ctx.undo_stack.redo()
    assert [a.alias for a in load_aliases(db, dept)] == ["Sở Kế hoạch và Đầu tư"]
    dlg.offer_old_names(lambda *a: pytest.fail("nothing left to offer"))
    assert "Không có đơn vị" in dlg.status.text()


@pytest.mark.backends("sqlite", "postgres")
def test_old_tasks_show_the_name_of_their_time(db, backend):
    from app.db.reads.institutions import name_then

    _, new = ops.create_department(db, "Sở Dân tộc và Tôn giáo")
    _, kept = ops.create_department(db, "Sở Tài chính")
    offers = offered_aliases(db)
    assert {o.alias for o in offers} == {"Ban Dân tộc", "Sở Kế hoạch và Đầu tư"}
    ops.add_dated_aliases(db, [(o.department_id, o.alias, o.valid_until) for o in offers])
    assert name_then(db, new, D(2024, 10, 1)) == "Ban Dân tộc"
    assert name_then(db, new, D(2025, 2, 28)) == "Ban Dân tộc"
    assert name_then(db, new, D(2025, 3, 1)) is None  # already the new name
    # Sở Tài chính kept its name while absorbing Sở Kế hoạch và Đầu tư: no claim
    assert name_then(db, kept, D(2024, 10, 1)) is None
    assert name_then(db, None, D(2024, 10, 1)) is None


def test_details_panel_shows_the_old_name_beside_the_current(qtbot, db, tmp_path):
    from app.ui.main.details import DetailsPanel

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(db, today=lambda: D(2026, 3, 10), settings=settings)
    _, dept = ops.create_department(db, "Sở Dân tộc và Tôn giáo")
    ops.add_dated_aliases(db, [(dept, "Ban Dân tộc", D(2025, 2, 28))])
    ops.import_plan(db, _plan(D(2024, 11, 1), "Ban Dân tộc"), today=D(2024, 11, 2))
    task_id = task_ids(db, TaskFilter(today=D(2026, 3, 10)))[0]
    panel = DetailsPanel(ctx)
    qtbot.addWidget(panel)
    panel.show_task(task_id)
    assert panel.fields["lead"].text() == "Ban Dân tộc (nay: Sở Dân tộc và Tôn giáo)"


@pytest.mark.backends("sqlite", "postgres")
def test_split_a_unit_by_choice_and_undo(db, backend):
    from app.core.roles import Role
    from app.db.reads.departments import all_departments
    from app.db.reads.tasks import task_rows

    _, old = ops.create_department(db, "Đảng ủy Khối các cơ quan tỉnh")
    _, party = ops.create_department(db, "Đảng ủy các cơ quan Đảng tỉnh")
    _, gov = ops.create_department(db, "Đảng ủy Ủy ban nhân dân tỉnh")
    dl = Deadline(raw="30/12/2024", kind=DeadlineKind.DATE, due=D(2024, 12, 30))
    plan = ExtractedPlan(
        document=ExtractedDocument(title="Kế hoạch", number="9-KH/TU", date=D(2024, 5, 1)),
        tasks=[
            ExtractedTask(
                text=f"Nhiệm vụ {i}",
                lead="Đảng ủy Khối các cơ quan tỉnh",
                coordinators=["Đảng ủy các cơ quan Đảng tỉnh"] if i == 2 else [],
                deadline=dl,
            )
            for i in range(3)
        ],
        source_name="kh9.docx",
    )
    ops.import_plan(db, plan, today=D(2024, 5, 2))
    today = D(2026, 1, 1)
    ids = task_ids(db, TaskFilter(today=today))
    by_text = {r.text: r.id for r in task_rows(db, ids, today)}
    choices = {by_text["Nhiệm vụ 0"]: party, by_text["Nhiệm vụ 1"]: gov}
    result = ops.split_department(db, old, choices)
    assert result.change.tasks == frozenset(choices)
    leads = {r.text: r.lead for r in task_rows(db, ids, today)}
    assert leads == {
        "Nhiệm vụ 0": "Đảng ủy các cơ quan Đảng tỉnh",
        "Nhiệm vụ 1": "Đảng ủy Ủy ban nhân dân tỉnh",
        "Nhiệm vụ 2": "Đảng ủy Khối các cơ quan tỉnh",  # not chosen: stays
    }
    assert not next(d for d in all_departments(db) if d.id == old).active
    lead_filter = TaskFilter(department_id=party, role=Role.LEAD, today=today)
    assert task_ids(db, lead_filter) == [by_text["Nhiệm vụ 0"]]
    ops.undo_split(db, result.undo)
    assert {r.lead for r in task_rows(db, ids, today)} == {"Đảng ủy Khối các cơ quan tỉnh"}
    assert next(d for d in all_departments(db) if d.id == old).active
    coord = task_rows(db, [by_text["Nhiệm vụ 2"]], today)[0].coordinators
    assert coord == ("Đảng ủy các cơ quan Đảng tỉnh",)
    with pytest.raises(ValidationError):
        ops.split_department(db, old, {by_text["Nhiệm vụ 0"]: old})


def test_departments_dialog_splits_a_unit_undoably(qtbot, db, tmp_path):
    from app.ui.departments.split import SplitDialog

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(db, today=lambda: D(2026, 3, 10), settings=settings)
    _, old = ops.create_department(db, "Đảng ủy Khối doanh nghiệp tỉnh")
    _, party = ops.create_department(db, "Đảng ủy các cơ quan Đảng tỉnh")
    _, gov = ops.create_department(db, "Đảng ủy Ủy ban nhân dân tỉnh")
    dl = Deadline(raw="30/12/2024", kind=DeadlineKind.DATE, due=D(2024, 12, 30))
    ops.import_plan(
        db,
        ExtractedPlan(
            document=ExtractedDocument(title="Kế hoạch", number="3-KH/ĐUK", date=D(2024, 4, 1)),
            tasks=[
                ExtractedTask(text=f"Việc {i}", lead="Đảng ủy Khối doanh nghiệp tỉnh", deadline=dl)
                for i in range(2)
            ],
            source_name="kh3.docx",
        ),
        today=D(2024, 4, 2),
    )
    dlg = DepartmentsDialog(ctx)
    qtbot.addWidget(dlg)
    dlg._select([old])

    def choose(split: SplitDialog) -> None:
        assert split.table.rowCount() == 2
        split.all_combo.setCurrentIndex(split.all_combo.findData(gov))
        split.choose_all()
        split.choose(0, party)

    dlg.split_selected(choose)
    today = D(2026, 3, 10)
    leads = sorted(r.lead for r in task_rows(db, task_ids(db, TaskFilter(today=today)), today))
    assert leads == ["Đảng ủy các cơ quan Đảng tỉnh", "Đảng ủy Ủy ban nhân dân tỉnh"]
    ctx.undo_stack.undo()
    leads = {r.lead for r in task_rows(db, task_ids(db, TaskFilter(today=today)), today)}
    assert leads == {"Đảng ủy Khối doanh nghiệp tỉnh"}

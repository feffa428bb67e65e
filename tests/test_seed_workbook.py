"""The project's seed plan kept as an office keeps it in Excel (tests/data/excel/
seed_ke_hoach_21.xlsx, made by tests/data/excel/make_fixtures.py from the seed text): one
import gives the plan's tasks and units whole, and the preview flags only rows the user
can act on.

Issue 17: on this workbook "Cấp ủy …, đảng bộ …"-style names came back in fragments and
every row was flagged "cần xem lại".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.importers.base import ExtractOptions
from app.importers.registry import extract_file
from bench.plan_score import same_unit

DATA = Path(__file__).parent / "data"
WORKBOOK = DATA / "excel" / "seed_ke_hoach_21.xlsx"
SEED = DATA / "plans" / "seed_000_duk_lam_dong.txt"


@pytest.fixture(scope="module")
def plans():
    return extract_file(WORKBOOK, ExtractOptions()), extract_file(SEED, ExtractOptions())


def test_the_workbook_gives_the_plans_tasks_and_leads(plans):
    book, text = plans
    assert (book.document.number, book.document.date) == ("", date(2022, 3, 31))
    assert book.document.issuer == "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
    assert [t.text for t in book.tasks] == [t.text for t in text.tasks]
    wrong = [
        (t.text[:40], t.lead)
        for t, s in zip(book.tasks, text.tasks)
        if not same_unit(s.lead, t.lead)
    ]
    assert wrong == []
    assert [t.deadline.kind for t in book.tasks] == [t.deadline.kind for t in text.tasks]


def test_one_import_makes_no_unit_fragments(plans):
    book, text = plans
    whole = set(text.units())
    # the one lead cell naming two bodies ("Ban Thường vụ Đảng ủy, Thường trực Đảng ủy
    # Khối") is read as two units, the second a coordinator
    two = {"Ban Thường vụ Đảng ủy", "Thường trực Đảng ủy Khối"}
    assert set(book.units()) - whole <= two
    for fragment in ("Đảng ủy Khối", "Văn phòng", "các tổ chức chính trị - xã hội", "Các cấp ủy"):
        assert fragment not in book.units()


def test_the_importer_flags_a_handful_of_rows_and_says_why(plans):
    book, _ = plans
    flagged = [t for t in book.tasks if t.problems]
    assert len(flagged) <= 3
    assert all(p for t in flagged for p in t.problems)


def test_a_first_import_does_not_flag_every_row_for_new_units(db, qapp):
    """On a new database every unit is new: the units page asks once, rows stay clean."""
    from app.db.reads.import_preview import preview_import
    from app.ui.import_wizard.model import task_problems

    book = extract_file(WORKBOOK, ExtractOptions())
    preview = preview_import(db, book)
    flagged = [i for i in range(len(book.tasks)) if task_problems(preview, i, {})]
    assert len(flagged) <= 3, [book.tasks[i].text[:40] for i in flagged]


def test_a_unit_new_to_an_established_list_is_flagged_on_its_rows(db, qapp):
    from app.db import ops
    from app.db.reads.import_preview import preview_import
    from app.ui.import_wizard.model import task_problems

    book = extract_file(WORKBOOK, ExtractOptions())
    for name in {u for u in book.units() if u != "Các Đoàn thể Khối"}:
        ops.create_department(db, name)
    preview = preview_import(db, book)
    rows = {i for i in range(len(book.tasks)) if task_problems(preview, i, {})}
    with_unit = {
        i for i, t in enumerate(book.tasks) if "Các Đoàn thể Khối" in [t.lead, *t.coordinators]
    }
    assert with_unit and with_unit <= rows
    assert all(
        any("Các Đoàn thể Khối" in p for p in task_problems(preview, i, {})) for i in with_unit
    )

"""A plan imported before is recognised in any format and updated, never doubled.

Real files: the seed plan as text, Word and PDF, and the office's own workbook of it
(tests/data/excel/seed_ke_hoach_21.xlsx, no number, another title and issuer spelling).
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.db import ops
from app.db.models import Department, Plan, ProgressNote, Task
from app.db.reads.import_preview import preview_import
from app.db.reads.plan_update import plan_diff
from app.db.taskdata import snapshot
from app.errors import DuplicateImportError
from app.importers.base import ExtractOptions
from app.importers.registry import extract_file
from tests.office_render import office_docx

pytestmark = pytest.mark.backends("sqlite", "postgres")

DATA = Path(__file__).parent / "data"
SEED = DATA / "plans" / "seed_000_duk_lam_dong"
WORKBOOK = DATA / "excel" / "seed_ke_hoach_21.xlsx"
TODAY = date(2022, 9, 1)


def extract(path: Path):
    return extract_file(path, ExtractOptions())


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def state(db) -> dict:
    """Every task of the database as a snapshot with its notes (what undo must restore)."""
    with db.read() as s:
        out = {}
        for task in s.scalars(select(Task)):
            snap = snapshot(task)
            snap["notes"] = sorted(n.text for n in task.notes)
            for name in ("version", "search_text"):
                snap.pop(name, None)
            out[task.id] = snap
        plans = {p.id: (p.title, p.number, p.source_name) for p in s.scalars(select(Plan))}
        return {"tasks": out, "plans": plans}


def test_the_workbook_of_an_imported_plan_is_recognised_and_adds_nothing(db):
    ops.import_plan(db, extract(SEED.with_suffix(".txt")), today=TODAY)
    n = count(db, Task)
    workbook = extract(WORKBOOK)
    preview = preview_import(db, workbook)
    assert preview.same_plan is not None and preview.known.reason == "tasks"
    assert preview.known.shared == len(workbook.tasks) == n
    with pytest.raises(DuplicateImportError, match="đã được nhập"):
        ops.import_plan(db, workbook, today=TODAY)
    result = ops.update_plan(db, preview.same_plan.id, workbook, remove_missing=False)
    assert result.added == [] and result.removed == [] and result.kept_missing == []
    assert count(db, Task) == n and count(db, Plan) == 1
    with db.read() as s:  # the plan keeps its own name, not the sheet's title
        assert s.scalar(select(Plan.title)).startswith("KẾ HOẠCH thực hiện Kết luận số 21")


def test_an_edited_version_lists_its_changes_and_keeps_what_the_user_did(db, tmp_path):
    ops.import_plan(db, extract(office_docx(SEED.with_suffix(".txt"), tmp_path / "kh.docx")))
    with db.read() as s:
        ids = list(s.scalars(select(Task.id).order_by(Task.position)))
        other = s.scalar(select(Department.id).order_by(Department.id.desc()))
    ops.set_completion(db, [ids[0]], date(2022, 5, 2))
    ops.add_progress_note(db, ids[1], "Đã tổ chức hội nghị", author="vp")
    ops.update_task(db, ids[2], due_override=date(2022, 12, 15))
    ops.reassign(db, [ids[3]], other)
    ops.add_progress_note(db, ids[4], "Đang thực hiện", author="vp")
    before = state(db)

    newer = extract(SEED.with_suffix(".pdf"))
    tasks = list(newer.tasks)
    tasks[1] = replace(tasks[1], text=tasks[1].text + " và báo cáo kết quả")
    tasks[3] = replace(tasks[3], text=tasks[3].text.replace("Đảng", "đảng", 1) + " hằng quý")
    removed = tasks.pop(4)
    newer = replace(newer, tasks=tasks)
    plan_id = preview_import(db, newer).same_plan.id
    diff = plan_diff(db, plan_id, newer)
    assert diff.added == [] and [t for _, t in diff.removed] == [removed.text]
    edited = {c.task_id for c in diff.changed if "nội dung" in c.what}
    # The two edited, and one the PDF reader spells differently ("NĐ\ufffe CP").
    assert {ids[1], ids[3]} <= edited and len(edited) <= 3
    assert ids[3] in diff.kept_units

    result = ops.update_plan(db, plan_id, newer, remove_missing=False, backup=True)
    assert len(result.changed) >= 2 and result.kept_missing == [removed.text]
    with db.read() as s:
        t = [s.get(Task, i) for i in ids[:5]]
        assert t[0].completed_on == date(2022, 5, 2)
        assert [n.text for n in t[1].notes] == ["Đã tổ chức hội nghị"]
        assert t[1].text.endswith("và báo cáo kết quả")
        assert t[2].due_override and t[2].due_date == date(2022, 12, 15)
        assert [u.department_id for u in t[3].units if u.role == "lead"] == [other]
        assert t[4] is not None  # not in the file any more, kept: the user chose
    assert count(db, Task) == len(before["tasks"])

    ops.undo_plan_update(db, result.undo)
    assert state(db) == before

    result = ops.update_plan(db, plan_id, newer, remove_missing=True)
    assert result.removed == [removed.text]
    assert count(db, Task) == len(before["tasks"]) - 1
    with db.read() as s:
        assert s.scalar(select(func.count(ProgressNote.id))) == 1  # the removed task's note


def test_different_plans_are_not_taken_for_each_other(db):
    paths = sorted((DATA / "patterns").glob("*.txt"))
    for path in paths:
        ops.import_plan(db, extract(path))
    for path in paths:
        pdf = extract(path.with_suffix(".pdf"))
        preview = preview_import(db, pdf)
        with db.read() as s:
            stored = s.get(Plan, preview.same_plan.id)
            assert stored.source_name == path.name


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.backends("sqlite")
def test_the_command_line_refuses_a_known_plan_and_updates_on_request(db_path, tmp_path, capsys):
    target = str(db_path)
    docx = office_docx(SEED.with_suffix(".txt"), tmp_path / "kh.docx")
    code, _ = _cli("--db", target, "import", str(docx))
    assert code == 1 and "số hiệu" in capsys.readouterr().err  # the seed has no number
    assert _cli("--db", target, "import", str(docx), "--number", "21-KH/ĐUK")[0] == 0
    digest = _digest(db_path)
    code, _ = _cli("--db", target, "import", str(WORKBOOK), "--number", "21-KH/ĐUK")
    err = capsys.readouterr().err
    assert code == 1 and "đã được nhập" in err and "--update" in err
    code, _ = _cli("--db", target, "import", str(WORKBOOK), "--dry-run")  # no number typed
    assert code == 1 and "--number" in capsys.readouterr().err
    code, out = _cli(
        "--db", target, "import", str(WORKBOOK), "--number", "21", "--dry-run", "--update"
    )
    assert code == 0, capsys.readouterr().err
    check = json.loads(out)["import"]
    assert check["action"] == "update" and check["update"]["added"] == []
    assert _digest(db_path) == digest  # the dry run wrote nothing
    code, out = _cli("--db", target, "import", str(WORKBOOK), "--number", "21", "--update")
    assert code == 0 and "0 nhiệm vụ mới" in out

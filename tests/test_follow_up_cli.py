"""`dondoc extend`, `extensions`, `cancel`, `restore-task`, `specialist` on a real database,
and the Excel export's follow-up columns read back with openpyxl."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

from openpyxl import load_workbook

from app.cli import main
from app.core.deadlines.types import Deadline, DeadlineKind
from app.core.status import Status
from app.db import ops
from app.db.reads.departments import find_department
from app.db.reads.tasks import task_rows
from app.db.store import Database
from app.db.taskdata import TaskInput

DUE = date.today() - timedelta(days=2)


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def _task(path) -> int:
    with Database.open(path) as db:
        ops.create_department(db, "Văn phòng")
        lead = find_department(db, "Văn phòng").id
        dl = Deadline(raw="trước ngày", kind=DeadlineKind.DATE, due=DUE)
        return ops.create_task(db, TaskInput(text="Báo cáo quý", deadline=dl, lead_id=lead)).id


def test_extend_then_show_the_history(tmp_path):
    path = str(tmp_path / "t.db")
    tid = _task(path)
    new = DUE + timedelta(days=20)
    code, text = _run(
        "--db",
        path,
        "extend",
        f"#{tid}",
        "--to",
        new.isoformat(),
        "--reason",
        "Chờ ý kiến Thường trực",
        "--document",
        "Công văn 45-CV/VP ngày 2/12/2026",
        "--requested-by",
        "Văn phòng",
    )
    assert code == 0 and f"{new:%d/%m/%Y}" in text
    code, text = _run("--db", path, "extensions", str(tid), "--json")
    data = json.loads(text)
    assert data["original_due"] == DUE.isoformat() and data["due"] == new.isoformat()
    [ext] = data["extensions"]
    assert ext["document"] == "Công văn 45-CV/VP ngày 2/12/2026"
    assert ext["requested_by"] == "Văn phòng"
    code, text = _run("--db", path, "extensions", str(tid))
    assert "Hạn ban đầu" in text and "Chờ ý kiến Thường trực" in text
    with Database.open(path) as db:
        assert task_rows(db, [tid], date.today())[0].status == Status.OPEN


def test_a_bad_extension_is_refused_and_changes_nothing(tmp_path, capsys):
    path = str(tmp_path / "t.db")
    tid = _task(path)
    code, _ = _run(
        "--db", path, "extend", str(tid), "--to", (DUE - timedelta(days=1)).isoformat(),
        "--reason", "x",
    )  # fmt: skip
    assert code != 0 and "phải sau" in capsys.readouterr().err
    with Database.open(path) as db:
        assert task_rows(db, [tid], date.today())[0].extensions == 0


def test_cancel_and_restore_task(tmp_path):
    path = str(tmp_path / "t.db")
    tid = _task(path)
    code, text = _run(
        "--db", path, "cancel", str(tid), "--reason", "Trùng nhiệm vụ khác",
        "--kind", "withdrawn", "--document", "Thông báo 7-TB/VP",
    )  # fmt: skip
    assert code == 0 and "1" in text
    with Database.open(path) as db:
        assert task_rows(db, [tid], date.today())[0].status == Status.CANCELLED
    code, _ = _run("--db", path, "overdue", "--json")
    assert code == 0
    code, _ = _run("--db", path, "restore-task", str(tid))
    with Database.open(path) as db:
        assert task_rows(db, [tid], date.today())[0].status == Status.OVERDUE


def test_specialist_for_a_unit_and_a_task_and_the_export_columns(tmp_path):
    path = str(tmp_path / "t.db")
    tid = _task(path)
    assert _run("--db", path, "specialist", "Lê Thu Hà", "--department", "Văn phòng")[0] == 0
    with Database.open(path) as db:
        assert task_rows(db, [tid], date.today())[0].specialist == "Lê Thu Hà"
    assert _run("--db", path, "specialist", "Phạm An", "--task", str(tid))[0] == 0
    _run("--db", path, "extend", str(tid), "--to", (DUE + timedelta(days=9)).isoformat(),
         "--reason", "Bổ sung hồ sơ", "--document", "CV 9/UBND")  # fmt: skip
    out = tmp_path / "x.xlsx"
    assert _run("--db", path, "export", str(out))[0] == 0
    ws = load_workbook(out).worksheets[0]
    header = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == "STT")
    row = next(r for r in ws.iter_rows(values_only=True) if r and r[1] == "Báo cáo quý")
    cells = dict(zip(header, row))
    assert cells["Chuyên viên theo dõi"] == "Phạm An"
    assert f"Hạn ban đầu: {DUE:%d/%m/%Y}" in cells["Gia hạn"]
    assert "Bổ sung hồ sơ (CV 9/UBND)" in cells["Gia hạn"]
    assert not cells["Hủy, thu hồi"]

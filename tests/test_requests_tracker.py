"""Tracking what was sent to units: the full list, undoing a cancellation, `dondoc requests`."""

from __future__ import annotations

import io
import json
from datetime import date

from loop_fixtures import BTC, BTG, TODAY, UBKT, seed, task_id
from sqlalchemy import select

from app.cli import main
from app.db import ops
from app.db.models import AuditEntry
from app.db.reads.requests import UnitPending, list_requests, pending_by_unit, request_snapshot


def send(db, ids, unit, *, kind="letter", sent_on, reply_due, words=("quy chế làm việc",)):
    return ops.record_request(
        db,
        kind=kind,
        department_id=ids[unit],
        sent_on=sent_on,
        reply_due=reply_due,
        task_ids=[task_id(db, w) for w in words],
        file_name=f"{kind}-{ids[unit]}.docx",
    ).id


def three_requests(db):
    """BTC late by 5 days, BTG not due yet, UBKT answered."""
    ids = seed(db)
    late = send(db, ids, BTC, sent_on=date(2023, 4, 28), reply_due=date(2023, 5, 5))
    soon = send(
        db,
        ids,
        BTG,
        kind="workbook",
        sent_on=date(2023, 5, 8),
        reply_due=date(2023, 5, 15),
        words=("quán triệt", "Biểu dương"),
    )
    done = send(db, ids, UBKT, sent_on=date(2023, 4, 20), reply_due=date(2023, 4, 27))
    ops.mark_request_replied(db, done, date(2023, 4, 26))
    return ids, late, soon, done


def test_list_requests_pending_first_then_answered(db):
    ids, late, soon, done = three_requests(db)
    every = list_requests(db, TODAY)
    pending = list_requests(db, TODAY, pending_only=True)
    btg = list_requests(db, TODAY, department_id=ids[BTG])
    assert [r.id for r in every] == [late, soon, done]
    assert [r.id for r in pending] == [late, soon]
    assert [r.id for r in btg] == [soon]
    assert every[0].days_late == 5 and every[1].days_late == 0
    assert every[2].replied_on == date(2023, 4, 26) and every[2].days_late == 0
    assert btg[0].tasks == 2 and btg[0].kind == "workbook"


def test_pending_by_unit_counts_late_requests(db):
    ids, late, soon, done = three_requests(db)
    send(db, ids, BTC, sent_on=date(2023, 5, 2), reply_due=date(2023, 5, 8))
    by_unit = pending_by_unit(db, TODAY)
    assert by_unit[ids[BTC]] == UnitPending(pending=2, late=2, days_late=5)
    assert by_unit[ids[BTG]] == UnitPending(pending=1, late=0, days_late=0)
    assert ids[UBKT] not in by_unit


def test_cancel_then_restore_puts_the_request_back_as_it_was(db):
    ids, late, soon, done = three_requests(db)
    snap = request_snapshot(db, done)
    before = list_requests(db, TODAY)
    ops.cancel_request(db, done)
    assert done not in [r.id for r in list_requests(db, TODAY)]
    ops.restore_request(db, snap)
    ops.restore_request(db, snap)  # twice: no duplicate, no error
    with db.read() as s:
        assert list_requests(db, TODAY) == before
        actions = [a for (a,) in s.execute(select(AuditEntry.action).order_by(AuditEntry.id))]
    assert actions[-2:] == ["cancel_request", "restore_request"]


def run(*argv) -> tuple[int, str]:
    buf = io.StringIO()
    code = main(list(argv), out=buf)
    return code, buf.getvalue()


def test_cli_requests_lists_pending_in_vietnamese(db):
    three_requests(db)
    code, text = run("--db", str(db.path), "requests", "--date", TODAY.isoformat())
    assert code == 0
    lines = text.splitlines()
    assert len(lines) == 3
    assert BTC in lines[0] and "Công văn" in lines[0]
    assert "gửi 28/04/2023" in lines[0] and "hạn trả lời 05/05/2023" in lines[0]
    assert "chưa trả lời, trễ 5 ngày" in lines[0]
    assert BTG in lines[1] and "Sổ báo cáo" in lines[1] and "2 nhiệm vụ" in lines[1]
    assert UBKT not in text
    assert (
        lines[2] == "2 văn bản chưa được trả lời (1 đã quá hạn trả lời), tính đến ngày 10/05/2023"
    )


def test_cli_requests_all_department_and_json(db):
    ids, late, soon, done = three_requests(db)
    code, text = run("--db", str(db.path), "requests", "--all", "--date", "2023-05-10")
    assert code == 0
    assert "đã trả lời 26/04/2023" in text and UBKT in text
    code, text = run(
        "--db",
        str(db.path),
        "requests",
        "--all",
        "--json",
        "--department",
        "ban to chuc dang uy khoi",
    )
    assert code == 0
    data = json.loads(text)
    assert [r["id"] for r in data] == [late]
    assert data[0]["department"] == BTC and data[0]["reply_due"] == "2023-05-05"
    assert data[0]["kind"] == "letter" and data[0]["tasks"] == 1


def test_cli_requests_unknown_department_is_an_error(db, capsys):
    seed(db)
    code, _ = run("--db", str(db.path), "requests", "--department", "Sở Không Có")
    assert code != 0
    assert "Sở Không Có" in capsys.readouterr().err

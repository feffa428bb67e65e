"""Collecting replies: a unit fills the request workbook, the office re-imports it."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from loop_fixtures import BTC, BTG, TODAY, seed, task_id
from sqlalchemy import select

from app.cli import main
from app.db import ops
from app.db.models import AuditEntry, ProgressNote, Task
from app.db.reads.requests import pending_requests, request_history
from app.db.store import Database
from app.errors import FileImportError, ImportValidationError
from app.exports.urging.letters import LetterOptions, write_urging_letters
from app.exports.urging.requests import write_request_workbook
from app.importers.replies import read_reply
from app.importers.request_format import DATA_SHEET, HEADER_ROW

COL = {
    "result": "Kết quả thực hiện",
    "done": "Đã hoàn thành? (có/không)",
    "done_on": "Ngày hoàn thành",
    "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Đề xuất, kiến nghị",
    "text": "Nội dung nhiệm vụ",
    "key": "Mã nhiệm vụ (không sửa)",
}


def fill(src: Path, dest: Path, answers: dict[str, dict[str, object]], edit=None) -> Path:
    """Type answers into the rows whose task text starts with the given words."""
    wb = openpyxl.load_workbook(src)
    ws = wb[DATA_SHEET]
    cols = {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        text = ws.cell(r, cols[COL["text"]]).value or ""
        for start, values in answers.items():
            if text.startswith(start):
                for k, v in values.items():
                    ws.cell(r, cols[COL[k]]).value = v
    if edit:
        edit(ws, cols)
    wb.save(dest)
    return dest


def state(db) -> dict:
    """Every task's completion and notes, to prove what changed and nothing else."""
    with db.read() as s:
        tasks = {t.id: (t.completed_on, t.version) for t in s.scalars(select(Task))}
        notes = [(n.task_id, n.text, n.author, n.source) for n in s.scalars(select(ProgressNote))]
        audit = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    return {"tasks": tasks, "notes": notes, "last_audit": audit}


ANSWERS = {
    "Sơ kết 01 năm": {
        "result": "Đã tổ chức hội nghị sơ kết ngày 05/5/2023, có báo cáo kèm theo.",
        "done": "có",
        "done_on": "05/05/2023",
    },
    "Rà soát, bổ sung quy chế": {
        "result": "Đang lấy ý kiến các chi bộ",
        "done": "không",
        "difficulties": "Thiếu cán bộ chuyên trách",
        "proposals": "Xin gia hạn đến 30/6/2023",
    },
    "Tổ chức hội nghị quán triệt": {"done": "Có"},  # BTC only coordinates this task
}


@pytest.fixture
def sent(db, tmp_path):
    ids = seed(db)
    path = write_request_workbook(db, tmp_path / "de-nghi-btc.xlsx", BTC, day=TODAY).files[0]
    return ids, path


def test_reply_applies_exactly_the_answers_and_audits_the_file(db, tmp_path, sent):
    _ids, path = sent
    reply = fill(path, tmp_path / "BTC tra loi.xlsx", ANSWERS)
    before = state(db)
    result = ops.apply_replies(db, [read_reply(reply)], today=date(2023, 5, 16))
    assert result.ok and result.applied
    after = state(db)
    sk, rs, qt = (
        task_id(db, "Sơ kết 01 năm"),
        task_id(db, "Rà soát, bổ sung quy chế"),
        task_id(db, "hội nghị quán triệt"),
    )
    changed = {t for t in after["tasks"] if after["tasks"][t] != before["tasks"][t]}
    assert changed == {sk}
    assert after["tasks"][sk][0] == date(2023, 5, 5)
    assert after["tasks"][qt][0] is None  # a coordinating unit cannot close the task
    new_notes = sorted(n for n in after["notes"] if n not in before["notes"])
    assert new_notes == sorted(
        [
            (sk, ANSWERS["Sơ kết 01 năm"]["result"], BTC, f"Báo cáo {BTC}, tệp BTC tra loi.xlsx"),
            (
                rs,
                "Đang lấy ý kiến các chi bộ\nKhó khăn, vướng mắc: Thiếu cán bộ chuyên trách\n"
                "Đề xuất, kiến nghị: Xin gia hạn đến 30/6/2023",
                BTC,
                f"Báo cáo {BTC}, tệp BTC tra loi.xlsx",
            ),
            (qt, "Đã hoàn thành phần việc phối hợp.", BTC, f"Báo cáo {BTC}, tệp BTC tra loi.xlsx"),
        ]
    )
    with db.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.id > before["last_audit"])).all()
        assert pending_requests(db, date(2023, 5, 16)) == []
        [hist] = request_history(db, TODAY)
    collect = [e for e in entries if e.action == "collect"]
    assert len(collect) == 1 and "BTC tra loi.xlsx" in collect[0].summary
    assert collect[0].new["file"] == "BTC tra loi.xlsx"
    assert all("BTC tra loi.xlsx" in e.summary for e in entries)
    assert {e.action for e in entries} == {"collect", "note", "complete"}
    assert hist.replied_on == date(2023, 5, 16) and hist.reply_file == "BTC tra loi.xlsx"
    assert result.change.tasks == {sk, rs, qt}


def test_preview_writes_nothing_and_reimport_adds_nothing(db, tmp_path, sent):
    _ids, path = sent
    reply = read_reply(fill(path, tmp_path / "r.xlsx", ANSWERS))
    before = state(db)
    preview = ops.apply_replies(db, [reply], dry_run=True, today=TODAY)
    assert not preview.applied
    assert [c.kind for c in preview.files[0].changes] == ["note", "complete", "note", "note"]
    assert state(db) == before
    ops.apply_replies(db, [reply], today=TODAY)
    middle = state(db)
    again = ops.apply_replies(db, [reply], today=TODAY)
    assert again.files[0].changes == []
    assert state(db)["notes"] == middle["notes"]
    assert state(db)["tasks"] == middle["tasks"]


def test_changed_key_is_refused_and_nothing_changes(db, tmp_path, sent):
    _ids, path = sent

    def tamper(ws, cols):
        cell = ws.cell(HEADER_ROW + 1, cols[COL["key"]])
        cell.value = cell.value[:-3] + "000"

    reply = read_reply(fill(path, tmp_path / "t.xlsx", ANSWERS, edit=tamper))
    before = state(db)
    with pytest.raises(ImportValidationError, match="mã nhiệm vụ ẩn đã bị sửa"):
        ops.apply_replies(db, [reply], today=TODAY)
    assert state(db) == before
    preview = ops.apply_replies(db, [reply], dry_run=True, today=TODAY)
    assert preview.errors and "t.xlsx" in preview.errors[0]


def test_edited_locked_cell_is_refused(db, tmp_path, sent):
    _ids, path = sent

    def tamper(ws, cols):
        ws.cell(HEADER_ROW + 3, cols[COL["text"]]).value = "Nhiệm vụ đã được sửa lại cho dễ"

    reply = read_reply(fill(path, tmp_path / "t.xlsx", ANSWERS, edit=tamper))
    before = state(db)
    with pytest.raises(ImportValidationError, match="ô khóa"):
        ops.apply_replies(db, [reply], today=TODAY)
    assert state(db) == before


def test_key_copied_from_another_units_workbook_is_refused(db, tmp_path, sent):
    _ids, path = sent
    other = openpyxl.load_workbook(
        write_request_workbook(db, tmp_path / "btg.xlsx", BTG, day=TODAY).files[0]
    )
    ws_other = other[DATA_SHEET]
    cols_o = {ws_other.cell(HEADER_ROW, c).value: c for c in range(1, ws_other.max_column + 1)}
    foreign_key = ws_other.cell(HEADER_ROW + 1, cols_o[COL["key"]]).value

    def tamper(ws, cols):
        ws.cell(HEADER_ROW + 2, cols[COL["key"]]).value = foreign_key

    reply = read_reply(fill(path, tmp_path / "t.xlsx", ANSWERS, edit=tamper))
    with pytest.raises(ImportValidationError):
        ops.apply_replies(db, [reply], today=TODAY)


def test_foreign_workbooks_give_a_clear_message(db, tmp_path, sent):
    _ids, path = sent
    wb = openpyxl.Workbook()
    wb.active.append(["Họ và tên", "Ngày sinh", "Quê quán"])
    wb.active.append(["Nguyễn Văn A", "01/01/1980", "Lâm Đồng"])
    wb.save(tmp_path / "danh-sach.xlsx")
    with pytest.raises(FileImportError, match="không phải sổ báo cáo tiến độ"):
        read_reply(tmp_path / "danh-sach.xlsx")
    (tmp_path / "ghi-chu.xlsx").write_text("không phải bảng tính")
    with pytest.raises(FileImportError, match="ghi-chu.xlsx"):
        read_reply(tmp_path / "ghi-chu.xlsx")
    # A genuine request workbook, but sent from another database.
    other = Database.open(tmp_path / "other.db")
    try:
        seed(other)
        theirs = write_request_workbook(other, tmp_path / "theirs.xlsx", BTC, day=TODAY).files[0]
    finally:
        other.close()
    reply = read_reply(fill(theirs, tmp_path / "theirs-filled.xlsx", ANSWERS))
    before = state(db)
    with pytest.raises(ImportValidationError, match="không do cơ sở dữ liệu đang mở gửi đi"):
        ops.apply_replies(db, [reply], today=TODAY)
    assert state(db) == before


def test_one_bad_file_blocks_the_whole_batch(db, tmp_path, sent):
    _ids, path = sent
    good = read_reply(fill(path, tmp_path / "good.xlsx", ANSWERS))

    def tamper(ws, cols):
        ws.cell(HEADER_ROW + 1, cols[COL["key"]]).value = "DD-999-ABCDEF"

    bad = read_reply(fill(path, tmp_path / "bad.xlsx", ANSWERS, edit=tamper))
    before = state(db)
    with pytest.raises(ImportValidationError, match="bad.xlsx"):
        ops.apply_replies(db, [good, bad], today=TODAY)
    assert state(db) == before


def test_task_edited_after_the_request_is_flagged_not_applied(db, tmp_path, sent):
    _ids, path = sent
    sk = task_id(db, "Sơ kết 01 năm")
    ops.update_task(db, sk, due_override=date(2023, 6, 30), today=TODAY)
    reply = read_reply(fill(path, tmp_path / "r.xlsx", ANSWERS))
    result = ops.apply_replies(db, [reply], today=TODAY)
    [flag] = result.files[0].flags
    assert flag.task_id == sk and "đã thay đổi sau khi gửi" in flag.reason and "hạn" in flag.reason
    with db.read() as s:
        task = s.get(Task, sk)
        assert task.completed_on is None
        assert not s.scalars(select(ProgressNote).where(ProgressNote.task_id == sk)).all()
    # Looked at and accepted: applied (the other rows are already in, not repeated).
    accepted = ops.apply_replies(db, [reply], accept_flagged=True, today=TODAY)
    assert {c.task_id for c in accepted.applicable()} == {sk}
    with db.read() as s:
        assert s.get(Task, sk).completed_on == date(2023, 5, 5)


def test_table_pasted_into_a_new_file_is_matched_by_text(db, tmp_path, sent):
    _ids, path = sent
    src = openpyxl.load_workbook(fill(path, tmp_path / "r.xlsx", ANSWERS))[DATA_SHEET]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([f"Đơn vị: {BTC}"])
    ws.append([])
    # Only the visible columns were copied; one text got a typo on the way.
    for row in src.iter_rows(min_row=HEADER_ROW, max_col=11, values_only=True):
        ws.append(list(row))
    ws["B4"] = ws["B4"].value.replace("Nghị quyết", "Nghi quyết")
    wb.save(tmp_path / "copy.xlsx")
    reply = read_reply(tmp_path / "copy.xlsx")
    assert reply.meta is None and reply.unit_hint == BTC
    result = ops.apply_replies(db, [reply], today=TODAY)
    out = result.files[0]
    assert out.matched_by_text == 3 and out.flags == [] and out.warnings
    with db.read() as s:
        assert s.get(Task, task_id(db, "Sơ kết 01 năm")).completed_on == date(2023, 5, 5)


def test_bad_values_are_listed_with_their_rows(db, tmp_path, sent):
    _ids, path = sent
    answers = {
        "Sơ kết 01 năm": {"done": "xong rồi nhé"},
        "Rà soát, bổ sung quy chế": {"done_on": "32/13/2023"},
        "Xây dựng kế hoạch kiểm tra": {"done": "không", "done_on": datetime(2023, 5, 2)},
    }
    with pytest.raises(ImportValidationError) as info:
        read_reply(fill(path, tmp_path / "r.xlsx", answers))
    msg = str(info.value)
    assert "3 lỗi" in msg and "dòng 7" in msg and "32/13/2023" in msg and "mâu thuẫn" not in msg
    assert "xong rồi nhé" in msg and "dòng 9" in msg


def test_excel_dates_and_loose_yes_values_are_understood(db, tmp_path, sent):
    _ids, path = sent
    answers = {
        "Sơ kết 01 năm": {"done": "X", "done_on": datetime(2023, 5, 3)},
        "Rà soát, bổ sung quy chế": {"done_on": "2023-05-04"},  # a date alone means done
    }
    reply = read_reply(fill(path, tmp_path / "r.xlsx", answers))
    ops.apply_replies(db, [reply], today=TODAY)
    with db.read() as s:
        assert s.get(Task, task_id(db, "Sơ kết 01 năm")).completed_on == date(2023, 5, 3)
        assert s.get(Task, task_id(db, "Rà soát, bổ sung")).completed_on == date(2023, 5, 4)


def test_answer_settles_earlier_letters_to_the_unit(db, tmp_path, sent):
    _ids, path = sent
    write_urging_letters(db, tmp_path / "cv.docx", LetterOptions([BTC], date(2023, 5, 9)))
    write_urging_letters(db, tmp_path / "cv2.docx", LetterOptions([BTG], date(2023, 5, 9)))
    reply = read_reply(fill(path, tmp_path / "r.xlsx", ANSWERS))
    ops.apply_replies(db, [reply], today=TODAY)
    pending = pending_requests(db, TODAY)
    assert [p.department_name for p in pending] == [BTG]


def test_cli_collect_preview_and_apply(db, tmp_path, sent, capsys):
    _ids, path = sent
    reply = fill(path, tmp_path / "r.xlsx", ANSWERS)
    target = str(db.target)
    db.close()
    assert main(["--db", target, "collect", str(reply), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["applied"] is False and len(data["files"][0]["changes"]) == 4
    assert main(["--db", target, "collect", str(reply)]) == 0
    assert "Đã cập nhật 3 ghi tiến độ, 1 hoàn thành" in capsys.readouterr().out
    (tmp_path / "x.xlsx").write_text("rác")
    assert main(["--db", target, "collect", str(tmp_path / "x.xlsx")]) != 0
    assert "x.xlsx" in capsys.readouterr().err


def test_copied_table_with_its_hidden_keys_but_no_unit_line(db, tmp_path, sent):
    _ids, path = sent
    src = openpyxl.load_workbook(fill(path, tmp_path / "r.xlsx", ANSWERS))[DATA_SHEET]
    wb = openpyxl.Workbook()
    for row in src.iter_rows(min_row=HEADER_ROW, values_only=True):
        wb.active.append(list(row))
    wb.save(tmp_path / "copy.xlsx")
    reply = read_reply(tmp_path / "copy.xlsx")
    assert reply.meta is None and reply.unit_hint == ""
    result = ops.apply_replies(db, [reply], today=TODAY)
    out = result.files[0]
    assert out.matched_by_text == 0
    assert "không ghi tên đơn vị" in out.warnings[0]
    # Notes go in; with no unit known, "done" is only proposed (lead or coordinating?).
    assert sorted((c.kind, c.flagged) for c in out.changes) == [
        ("complete", True),
        ("complete", True),
        ("note", False),
        ("note", False),
    ]
    assert len(out.flags) == 2 and all("không rõ đơn vị" in f.reason for f in out.flags)
    with db.read() as s:
        assert s.get(Task, task_id(db, "Sơ kết 01 năm")).completed_on is None
        assert s.get(Task, task_id(db, "hội nghị quán triệt")).completed_on is None
        notes = s.scalars(select(ProgressNote).where(ProgressNote.source == "tệp copy.xlsx"))
        assert len(notes.all()) == 2

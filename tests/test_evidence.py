"""Evidence (minh chứng): a note's document reference and files, on both databases,
kept once per content, removed only when no note refers to them, kept in backups."""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from datetime import date

import pytest
from sqlalchemy import select

from app.db import ops
from app.db.files import backups
from app.db.files.evidence import evidence_dir, stored_name
from app.db.files.restore import restore_database
from app.db.models import AuditEntry, EvidenceBlob
from app.db.reads import details
from app.db.reads.evidence import open_copy
from app.db.store import Database
from app.errors import DatabaseError, ValidationError

both = pytest.mark.backends("sqlite", "postgres")
DAY = date(2026, 12, 5)


def _task(db) -> int:
    return ops.create_task(db, ops.TaskInput(text="Tổ chức hội nghị sơ kết", lead_id=None)).id


def _file(folder, name: str, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


def _stored_count(db) -> int:
    if db.is_sqlite:
        folder = evidence_dir(db.path)
        return len(list(folder.iterdir())) if folder.is_dir() else 0
    with db.read() as s:
        return len(s.scalars(select(EvidenceBlob.sha256)).all())


@both
def test_a_note_keeps_its_document_and_files_and_opens_a_private_copy(db, tmp_path):
    task = _task(db)
    report = _file(tmp_path, "Báo cáo số 12.pdf", b"%PDF-1.4 bao cao")
    photo = _file(tmp_path, "ảnh hội nghị.JPG", b"\xff\xd8\xff anh")
    created = ops.record_progress(
        db,
        task,
        "Đã tổ chức hội nghị",
        document="Số 12/BC-UBND ngày 03/12/2026",
        files=[report, photo],
    )
    detail = details.task_detail(db, task, DAY)
    (note,) = detail.notes
    assert note.id == created.id
    assert note.document == "Số 12/BC-UBND ngày 03/12/2026"
    assert [e.name for e in note.evidence] == ["Báo cáo số 12.pdf", "ảnh hội nghị.JPG"]
    assert [e.size for e in note.evidence] == [16, 7]
    copy = open_copy(db, note.evidence[1].id)
    assert copy.name == "ảnh hội nghị.JPG" and copy.read_bytes() == b"\xff\xd8\xff anh"
    if sys.platform != "win32":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    if db.is_sqlite:
        folder = evidence_dir(db.path)
        sha = hashlib.sha256(b"%PDF-1.4 bao cao").hexdigest()
        assert (folder / stored_name(sha, "x.pdf")).read_bytes() == b"%PDF-1.4 bao cao"
        assert (folder / (hashlib.sha256(b"\xff\xd8\xff anh").hexdigest() + ".jpg")).is_file()
        if sys.platform != "win32":
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
            assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "evidence")).one()
    assert [f["name"] for f in entry.new["files"]] == ["Báo cáo số 12.pdf", "ảnh hội nghị.JPG"]


@both
def test_same_content_is_kept_once_and_removed_with_the_last_note(db, tmp_path):
    task = _task(db)
    a = _file(tmp_path, "a.pdf", b"same bytes")
    b = _file(tmp_path, "b.pdf", b"same bytes")  # another name, same content
    first = ops.record_progress(db, task, "lần 1", files=[a]).id
    second = ops.record_progress(db, task, "lần 2", files=[b]).id
    assert _stored_count(db) == 1
    ops.remove_note(db, first)  # undo of the first note: the second still refers to it
    assert _stored_count(db) == 1
    detail = details.task_detail(db, task, DAY)
    assert [e.name for n in detail.notes for e in n.evidence] == ["b.pdf"]
    assert open_copy(db, detail.notes[0].evidence[0].id).read_bytes() == b"same bytes"
    ops.remove_note(db, second)
    assert _stored_count(db) == 0


@both
def test_detach_and_attach_evidence_on_an_existing_note(db, tmp_path):
    task = _task(db)
    note = ops.add_progress_note(db, task, "Đã gửi báo cáo").id
    ops.attach_evidence(db, note, [_file(tmp_path, "bc.docx", b"docx")])
    detail = details.task_detail(db, task, DAY)
    (ev,) = detail.notes[0].evidence
    ops.detach_evidence(db, [ev.id])
    assert _stored_count(db) == 0
    with pytest.raises(Exception, match="Không tìm thấy tệp minh chứng"):
        open_copy(db, ev.id)


@both
def test_files_over_the_import_limit_or_missing_are_refused_and_nothing_is_written(db, tmp_path):
    task = _task(db)
    ops.set_setting(db, "import_limits", {"max_file_mb": 0.001})
    big = _file(tmp_path, "lớn.pdf", b"x" * 4096)
    with pytest.raises(ValidationError, match=r"lớn\.pdf quá lớn .*tối đa 0.001 MB"):
        ops.record_progress(db, task, "kèm tệp lớn", files=[big])
    with pytest.raises(ValidationError, match="Không tìm thấy tệp minh chứng"):
        ops.record_progress(db, task, "kèm tệp thiếu", files=[tmp_path / "không có.pdf"])
    detail = details.task_detail(db, task, DAY)
    assert detail.notes == () and _stored_count(db) == 0


@both
def test_a_document_alone_makes_the_note_text(db):
    task = _task(db)
    ops.record_progress(db, task, document="Số 7/BC-STC ngày 01/12/2026")
    detail = details.task_detail(db, task, DAY)
    assert detail.notes[0].text == "Báo cáo: Số 7/BC-STC ngày 01/12/2026"
    with pytest.raises(ValidationError):
        ops.record_progress(db, task, "  ")


def test_evidence_goes_with_backups_and_a_restore_brings_it_back(db, db_path, tmp_path):
    task = _task(db)
    src = _file(tmp_path, "Báo cáo.pdf", b"%PDF bao cao quy 4")
    note = ops.record_progress(db, task, "Đã báo cáo quý 4", files=[src]).id
    made = backups.backup(db, reason="manual")
    kept = evidence_dir(made)
    assert len(list(kept.iterdir())) == 1
    manual = backups.backup(db, tmp_path / "ban-sao.db")
    assert len(list(evidence_dir(manual).iterdir())) == 1
    ops.remove_note(db, note)  # the last reference: the live file goes
    assert not list(evidence_dir(db_path).iterdir())
    safety = restore_database(db, manual)
    assert safety is not None  # the state before the restore, kept
    db2 = Database.open(db_path)
    try:
        detail = details.task_detail(db2, task, DAY)
        (ev,) = detail.notes[0].evidence
        assert open_copy(db2, ev.id).read_bytes() == b"%PDF bao cao quy 4"
    finally:
        db2.close()


def test_prune_removes_a_backups_evidence_folder_with_it(db, db_path, tmp_path):
    task = _task(db)
    ops.record_progress(db, task, "có tệp", files=[_file(tmp_path, "a.pdf", b"a")])
    first = backups.backup(db)
    os.utime(first, (1, 1))
    for _ in range(2):
        backups.backup(db)
    backups.prune(db_path, 2)
    assert not first.exists() and not evidence_dir(first).exists()


def test_a_missing_evidence_folder_gives_a_clear_message(db, db_path, tmp_path):
    task = _task(db)
    ops.record_progress(db, task, "có tệp", files=[_file(tmp_path, "a.pdf", b"a")])
    for p in evidence_dir(db_path).iterdir():
        p.unlink()
    detail = details.task_detail(db, task, DAY)
    with pytest.raises(DatabaseError, match=r"Không thấy tệp minh chứng a\.pdf.*sao lưu"):
        open_copy(db, detail.notes[0].evidence[0].id)


def test_a_damaged_file_in_a_backup_folder_is_not_restored(db, db_path, tmp_path):
    task = _task(db)
    ops.record_progress(db, task, "có tệp", files=[_file(tmp_path, "a.pdf", b"good")])
    made = backups.backup(db, tmp_path / "copy.db")
    (kept,) = evidence_dir(made).iterdir()
    kept.unlink()
    kept.write_bytes(b"swapped")  # a file whose content no longer matches its name
    for p in evidence_dir(db_path).iterdir():
        p.unlink()
    restore_database(db, made)
    assert not list(evidence_dir(db_path).iterdir())


@both
def test_a_reply_workbooks_report_column_fills_the_notes_document(db, tmp_path):
    from loop_fixtures import BTC, TODAY, seed, task_id
    from test_collect import COL, fill

    from app.exports.urging.requests import write_request_workbook
    from app.importers.replies import read_reply

    seed(db)
    sent = write_request_workbook(db, tmp_path / "de-nghi.xlsx", BTC, day=TODAY).files[0]
    COL.setdefault("document", "Văn bản báo cáo (số, ngày)")
    answers = {
        "Sơ kết 01 năm": {"result": "Đã sơ kết", "document": "Số 45-BC/BTCTU ngày 05/5/2023"},
        "Rà soát, bổ sung quy chế": {"document": "Số 46-BC/BTCTU ngày 06/5/2023"},
    }
    reply = read_reply(fill(sent, tmp_path / "tra-loi.xlsx", answers))
    ops.apply_replies(db, [reply], today=date(2023, 5, 16))
    sk = details.task_detail(db, task_id(db, "Sơ kết 01 năm"), DAY).notes[-1]
    rs = details.task_detail(db, task_id(db, "Rà soát, bổ sung quy chế"), DAY).notes[-1]
    assert (sk.text, sk.document) == ("Đã sơ kết", "Số 45-BC/BTCTU ngày 05/5/2023")
    assert (rs.text, rs.document) == (
        "Báo cáo: Số 46-BC/BTCTU ngày 06/5/2023",
        "Số 46-BC/BTCTU ngày 06/5/2023",
    )


def test_cli_note_records_text_document_and_files(db_path, tmp_path, capsys):
    from app.cli import main as cli_main

    db = Database.open(db_path)
    try:
        task = _task(db)
    finally:
        db.close()
    a = _file(tmp_path, "bc.pdf", b"pdf")
    b = _file(tmp_path, "anh.png", b"png")
    code = cli_main(
        [
            "--db",
            str(db_path),
            "note",
            str(task),
            "--text",
            "Đã hoàn thành",
            "--document",
            "Số 3/BC-VP ngày 04/12/2026",
            "--evidence",
            str(a),
            "--evidence",
            str(b),
            "--done",
            "2026-12-04",
        ]
    )
    assert code == 0 and "2 tệp minh chứng" in capsys.readouterr().out
    code = cli_main(["--db", str(db_path), "note", str(task), "--evidence", str(tmp_path / "x")])
    assert code != 0 and "Không tìm thấy tệp minh chứng" in capsys.readouterr().err
    db = Database.open(db_path)
    try:
        (note,) = details.task_detail(db, task, DAY).notes
    finally:
        db.close()
    assert note.document == "Số 3/BC-VP ngày 04/12/2026"
    db = Database.open(db_path)
    try:
        assert details.task_detail(db, task, DAY).row.completed_on == date(2026, 12, 4)
    finally:
        db.close()
    assert [e.name for e in note.evidence] == ["bc.pdf", "anh.png"]


@both
def test_undoing_a_task_delete_brings_its_evidence_back(db, tmp_path):
    task = _task(db)
    ops.record_progress(
        db, task, "có tệp", document="Số 1/BC", files=[_file(tmp_path, "a.pdf", b"aaa")]
    )
    removed = ops.delete_tasks(db, [task])
    assert _stored_count(db) == 1  # kept while the undo may need it
    ops.restore_tasks(db, removed.snapshots)
    (note,) = details.task_detail(db, task, DAY).notes
    assert note.document == "Số 1/BC"
    assert open_copy(db, note.evidence[0].id).read_bytes() == b"aaa"

"""`dondoc --selftest`, and databases that cannot be opened: a dialog, never a traceback."""

from __future__ import annotations

import io
import sqlite3

from ui_sample import click_in_modal, seed

from app.cli import main
from app.db.files import backups
from app.db.reads.backups import list_backups
from app.db.reads.filters import TaskFilter
from app.db.reads.tasks import count_tasks
from app.db.store import Database
from app.ui.main.app import OpenErrorDialog, open_database


def test_selftest_prints_ok_on_a_real_database(qapp, db_path):
    db = Database.open(db_path)
    seed(db)
    db.close()
    out = io.StringIO()
    assert main(["--db", str(db_path), "--selftest"], out=out) == 0
    assert out.getvalue() == "ok\n"


def test_selftest_without_a_database_uses_a_temporary_one(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("DONDOC_DATA_DIR", str(tmp_path / "data"))
    out = io.StringIO()
    assert main(["--selftest"], out=out) == 0
    assert out.getvalue() == "ok\n"
    assert not (tmp_path / "data" / "dondoc.db").exists()  # the user's file is not created


def test_selftest_reports_a_damaged_database(qapp, tmp_path, capsys):
    bad = tmp_path / "hong.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    before = bad.read_bytes()
    code = main(["--db", str(bad), "--selftest"], out=io.StringIO())
    err = capsys.readouterr().err
    assert code != 0
    assert str(bad) in err and "Traceback" not in err
    assert bad.read_bytes() == before


def _damage(path) -> bytes:
    path.write_bytes(b"this is not a database at all" * 40)
    return path.read_bytes()


def test_open_error_dialog_names_the_file_and_leaves_it_alone(qtbot, tmp_path):
    bad = tmp_path / "hong.db"
    before = _damage(bad)
    seen = click_in_modal(qtbot, "Thoát")
    assert open_database(str(bad)) is None
    assert str(bad) in seen[0]
    assert "bị hỏng" in seen[0] and "không phải tệp SQLite" in seen[0]
    assert "Chưa có bản sao lưu" in seen[0]
    assert bad.read_bytes() == before


def test_open_error_offers_the_newest_good_backup(qtbot, db_path):
    db = Database.open(db_path)
    seed(db)
    backups.backup(db, reason="start")
    db.close()
    _damage(db_path)
    for suffix in ("-wal", "-shm"):
        (db_path.parent / (db_path.name + suffix)).unlink(missing_ok=True)
    seen = click_in_modal(qtbot, "Khôi phục bản sao lưu gần nhất")
    restored = open_database(str(db_path))
    assert restored is not None
    try:
        assert count_tasks(restored, TaskFilter()) > 0
    finally:
        restored.close()
    assert "Bản sao lưu gần nhất" in seen[0]
    damaged = [b for b in list_backups(db_path) if b.reason == "damaged"]
    assert damaged  # the damaged file was kept aside, not lost


def test_newer_schema_is_refused_with_advice(qtbot, db_path):
    db = Database.open(db_path)
    db.close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    dialog = None
    try:
        Database.open(db_path)
    except Exception as ex:  # the DatabaseError the dialog shows
        dialog = OpenErrorDialog(str(db_path), ex)
        qtbot.addWidget(dialog)
    assert dialog is not None
    assert "mới hơn" in dialog.informativeText()
    assert db_path.read_bytes() == before

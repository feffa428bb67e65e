"""Backups and restore on real SQLite files: automatic, manual, pruning, restore, CLI."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from _safety_tools import (
    big_plan,
    content_hash,
    count_rows,
    run_cli,
    run_together,
    spawn,
    wait_line,
)

from app.cli import main as cli_main
from app.db import ops
from app.db.files import backups
from app.db.files.restore import restore_database
from app.db.reads.backups import latest_good_backup, list_backups
from app.db.store import Database
from app.errors import DatabaseError

IDENTITY = ("--title", "Kế hoạch thử", "--number", "01/KH-VP")  # files without a number


def _tasks(path: Path) -> int:
    return count_rows(path, "tasks")


def _import(db, n: int, number: str = "1-KH/TU") -> None:
    ops.import_plan(db, big_plan(n, number=number))


def test_backup_is_a_verified_single_file_listed_with_date_reason_and_tasks(db, db_path):
    _import(db, 30)
    path = backups.backup(db, reason="manual")
    assert path.parent == db_path.with_name("dondoc-backups")
    assert path.name.startswith("dondoc-") and path.name.endswith("-manual.db")
    assert not list(path.parent.glob("*.part"))
    assert not Path(f"{path}-wal").exists()
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    (info,) = list_backups(db_path)
    assert info.path == path and info.reason == "manual" and info.tasks == 30
    assert abs((info.created - info.created.now()).total_seconds()) < 120
    assert content_hash(path) == content_hash(db_path)


def test_several_backups_in_one_second_keep_distinct_names_and_order(db, db_path):
    _import(db, 3)
    made = [backups.backup(db, reason=r) for r in ("start", "import", "manual")]
    assert len(set(made)) == 3
    listed = list_backups(db_path)
    assert [b.path for b in listed] == list(reversed(made))
    assert [b.reason for b in listed] == ["manual", "import", "start"]


def test_auto_backup_skips_an_empty_database_and_backs_up_real_data(db, db_path):
    assert backups.auto_backup(db, "start") is None
    _import(db, 5)
    path = backups.auto_backup(db, "import")
    assert path is not None and path.name.endswith("-import.db")
    assert _tasks(path) == 5


def test_prune_keeps_the_newest_n_and_never_touches_other_files(db, db_path):
    _import(db, 2)
    ops.set_setting(db, "backup_keep", 3)
    folder = backups.backup_dir(db_path)
    folder.mkdir()
    stranger = folder / "ghi-chu-cua-toi.db"
    stranger.write_bytes(b"not ours")
    made = [backups.backup(db, reason="manual") for _ in range(5)]
    ours = [b.path for b in list_backups(db_path) if b.path != stranger]
    assert ours == list(reversed(made))[:3]
    assert stranger.exists()


def test_backup_while_another_process_writes_is_consistent(db, db_path):
    _import(db, 10)
    writer = spawn(
        """
        import sys
        from app.db.store import Database
        from app.db import ops
        db = Database.open(sys.argv[1])
        print("ready", flush=True)
        for i in range(200):
            ops.create_department(db, f"Phòng số {i}")
        print("done", flush=True)
        """,
        str(db_path),
    )
    try:
        wait_line(writer, "ready")
        copies = []
        for _ in range(5):
            copies.append(backups.backup(db, reason="manual"))
            time.sleep(0.05)
        wait_line(writer, "done")
    finally:
        writer.kill()
        writer.wait()
    for path in copies:
        with sqlite3.connect(path) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            n = con.execute("SELECT count(*) FROM departments").fetchone()[0]
            audit = con.execute(
                "SELECT count(*) FROM audit_log WHERE entity = 'department'"
            ).fetchone()[0]
            assert n == audit  # each department and its audit entry: never half a change


def test_backup_to_a_chosen_file_and_not_onto_itself(db, db_path, tmp_path):
    _import(db, 4)
    out = backups.backup(db, tmp_path / "usb" / "copy.db")
    assert _tasks(out) == 4
    with pytest.raises(DatabaseError, match="chính nó"):
        backups.backup(db, db_path)


def test_restore_brings_back_the_data_and_keeps_a_safety_backup(db, db_path):
    _import(db, 5)
    saved = backups.backup(db, reason="manual")
    before = content_hash(db_path)
    _import(db, 7, number="2-KH/TU")
    after_more = content_hash(db_path)
    db.close()
    safety = restore_database(db_path, saved)
    assert safety is not None and safety.name.endswith("-restore.db")
    assert content_hash(db_path) == before
    assert content_hash(safety) == after_more  # nothing is lost by restoring
    reopened = Database.open(db_path)
    try:
        ops.create_department(reopened, "Phòng mới sau khôi phục")
    finally:
        reopened.close()


def test_restore_accepts_the_open_database_object(db, db_path):
    _import(db, 3)
    saved = backups.backup(db)
    _import(db, 2, number="2-KH/TU")
    restore_database(db, saved)  # closes the pooled connections itself
    assert _tasks(db_path) == 3
    with db.read() as s:  # the object still works afterwards
        from sqlalchemy import func, select

        from app.db.models import Task

        assert s.scalar(select(func.count(Task.id))) == 3


def test_restore_is_refused_while_another_instance_has_the_file_open(db, db_path):
    _import(db, 3)
    saved = backups.backup(db)
    _import(db, 2, number="2-KH/TU")
    db.close()
    other = spawn(
        """
        import sys
        from sqlalchemy import text
        from app.db.store import Database
        db = Database.open(sys.argv[1])
        with db.read() as s:
            s.execute(text("SELECT count(*) FROM tasks")).scalar()
        print("open", flush=True)
        sys.stdin.readline()
        db.close()
        print("closed", flush=True)
        """,
        str(db_path),
    )
    try:
        wait_line(other, "open")
        before = db_path.read_bytes()
        with pytest.raises(DatabaseError) as info:
            restore_database(db_path, saved)
        assert info.value.reason == "locked"
        assert "đang được mở" in str(info.value) and str(db_path) in str(info.value)
        assert db_path.read_bytes() == before
        other.stdin.write("\n")
        other.stdin.flush()
        wait_line(other, "closed")
    finally:
        other.kill()
        other.wait()
    restore_database(db_path, saved)
    assert _tasks(db_path) == 3


def test_restore_refuses_damaged_foreign_and_newer_backups_without_touching_anything(
    db, db_path, tmp_path
):
    _import(db, 3)
    good = backups.backup(db)
    db.close()
    before = db_path.read_bytes()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(good.read_bytes()[: 4096 * 3])
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    newer = tmp_path / "newer.db"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    cases = {
        damaged: "hỏng",
        foreign: "Đôn Đốc",
        newer: "mới hơn",
        empty: "không phải",
        tmp_path / "missing.db": "Không tìm thấy",
        db_path: "đang dùng",
    }
    for source, words in cases.items():
        with pytest.raises(DatabaseError, match=words):
            restore_database(db_path, source)
        assert db_path.read_bytes() == before, source
    assert [b.path for b in list_backups(db_path)] == [good]


def test_restore_over_a_damaged_database_sets_the_damaged_file_aside(db, db_path):
    _import(db, 4)
    good = backups.backup(db)
    db.close()
    raw = bytearray(db_path.read_bytes())
    raw[0:16] = b"garbage garbage!"
    db_path.write_bytes(bytes(raw))
    with pytest.raises(DatabaseError) as info:
        Database.open(db_path)
    assert info.value.reason == "damaged" and str(good) in str(info.value)
    assert latest_good_backup(db_path).path == good
    aside = restore_database(db_path, good)
    assert aside is not None and aside.name.endswith("-damaged.db")
    assert aside.read_bytes() == bytes(raw)
    assert _tasks(db_path) == 4


def test_restore_into_a_missing_database_and_of_an_older_schema(tmp_path):
    old = Database.open(tmp_path / "old.db", migrate=False)
    old.migrate("0002")
    old.close()
    with sqlite3.connect(tmp_path / "old.db") as con:
        con.execute(
            "INSERT INTO departments (name, short_name, name_key, is_group, active) "
            "VALUES ('Văn phòng', '', 'van phong', 0, 1)"
        )
    target = tmp_path / "new" / "dondoc.db"
    assert restore_database(target, tmp_path / "old.db") is None
    db = Database.open(target)
    try:
        from app.db.revisions import head_revision

        assert db.current_revision() == head_revision()
        assert count_rows(target, "departments") == 1
    finally:
        db.close()


def test_latest_good_backup_skips_damaged_and_newer_ones(db, db_path):
    _import(db, 2)
    first = backups.backup(db, reason="manual")
    time.sleep(1.05)
    second = backups.backup(db, reason="manual")
    time.sleep(1.05)
    third = backups.backup(db, reason="manual")
    raw = bytearray(third.read_bytes())
    raw[4096 * 2 : 4096 * 2 + 200] = b"\xff" * 200
    third.write_bytes(bytes(raw))
    with sqlite3.connect(second) as con:
        con.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    assert latest_good_backup(db_path).path == first


def test_backups_are_for_sqlite_only_with_a_clear_message():
    with pytest.raises(DatabaseError, match="pg_dump"):
        list_backups("postgresql://u:secret@server/dondoc")
    with pytest.raises(DatabaseError) as info:
        restore_database("postgresql://u:secret@server/dondoc", Path("x.db"))
    assert "secret" not in str(info.value)


# --------------------------------------------------------------------------- disk full


def test_disk_full_during_a_backup_gives_a_clear_message_and_no_partial_file(db, db_path):
    _import(db, 600)
    db.close()
    size = db_path.stat().st_size
    before = content_hash(db_path)
    # The child may write at most a quarter of the database: the disk "fills up" mid-copy.
    proc = spawn(
        """
        import resource, sys
        from app.db.store import Database
        from app.db.files import backups
        from app.errors import DatabaseError
        db = Database.open(sys.argv[1])
        limit = int(sys.argv[2])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            backups.backup(db, reason="manual")
        except DatabaseError as ex:
            print("ERR", ex.reason, str(ex).replace("\\n", " "), flush=True)
        else:
            print("OK", flush=True)
        """,
        str(db_path),
        str(size // 4),
    )
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    # EFBIG from the size limit reads as a write error; a real ENOSPC as "disk full".
    assert out.startswith(("ERR disk_full", "ERR io")), out + err
    assert "đĩa đầy" in out and "dondoc-backups" in out
    folder = backups.backup_dir(db_path)
    assert not list(folder.glob("*.part")) and not list(folder.glob("*.db"))
    assert content_hash(db_path) == before


def test_not_enough_free_space_is_refused_before_copying(db, db_path, tmp_path):
    import subprocess

    _import(db, 2000)
    mount = tmp_path / "small"
    mount.mkdir()
    res = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if res.returncode != 0:
        pytest.skip(
            f"cannot mount a small tmpfs here ({res.stderr.strip()}); "
            "the disk-full write path is covered by the RLIMIT test above"
        )
    try:
        with pytest.raises(DatabaseError) as info:
            backups.backup(db, mount / "copy.db")
        assert info.value.reason == "disk_full"
        assert "Không đủ chỗ trống" in str(info.value) and str(mount) in str(info.value)
        assert list(mount.iterdir()) == []
    finally:
        subprocess.run(["umount", str(mount)], check=False)


# --------------------------------------------------------------------------- CLI


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli_main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_backup_list_and_restore(db, db_path, tmp_path, capsys):
    _import(db, 6)
    db.close()
    code, out, err = _cli(capsys, "--db", str(db_path), "backup")
    assert code == 0, err
    assert "Đã sao lưu vào" in out
    made = Path(out.split("Đã sao lưu vào", 1)[1].strip())
    assert made.exists() and _tasks(made) == 6
    code, out, err = _cli(capsys, "--db", str(db_path), "backup", str(tmp_path / "mine.db"))
    assert code == 0 and _tasks(tmp_path / "mine.db") == 6

    db2 = Database.open(db_path)
    _import(db2, 3, number="2-KH/TU")
    db2.close()
    code, out, err = _cli(capsys, "--db", str(db_path), "restore", "--list")
    assert code == 0, err
    assert str(made) in out and "6 nhiệm vụ" in out

    code, out, err = _cli(capsys, "--db", str(db_path), "restore", str(made))
    assert code == 0, err
    assert "Đã khôi phục" in out and "-restore.db" in out
    assert _tasks(db_path) == 6
    # The pre-restore backup holds the 9 tasks that were there.
    assert list_backups(db_path)[0].tasks == 9


def test_cli_restore_errors_go_to_stderr_with_exit_code(db_path, tmp_path, capsys):
    Database.open(db_path).close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00" * 5000)
    assert cli_main(["--db", str(db_path), "restore", str(bad)]) == 3
    err = capsys.readouterr().err
    assert "bad.db" in err and "Lỗi" in err
    assert cli_main(["--db", str(db_path), "restore"]) != 0


def test_cli_on_a_damaged_database_names_the_backup_to_restore(db, db_path, capsys):
    _import(db, 2)
    good = backups.backup(db)
    db.close()
    raw = bytearray(db_path.read_bytes())
    raw[4096 : 4096 * 3] = b"\xa5" * (4096 * 2)
    db_path.write_bytes(bytes(raw))
    res = run_cli("--db", str(db_path), "overdue")  # a real process: exit code and stderr
    assert res.returncode == 3
    assert "bị hỏng" in res.stderr and str(good) in res.stderr
    assert db_path.read_bytes() == bytes(raw)
    code, out, err = _cli(capsys, "--db", str(db_path), "restore", str(good))
    assert code == 0, err
    assert _cli(capsys, "--db", str(db_path), "overdue")[0] == 0


# --------------------------------------------------------------------------- restore checks


def _foreign_with_our_names(path: Path, *, full: bool = False, app_id: int = 0) -> Path:
    """A SQLite file that looks like ours at first sight (alembic_version, tasks)."""
    if full:  # every table and column, but not made by us
        db = Database.open(path)
        db.close()
        with closing(sqlite3.connect(path)) as con:
            con.execute(f"PRAGMA application_id = {app_id}")
            con.commit()
        return path
    with closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        con.execute("INSERT INTO alembic_version VALUES ('0005')")  # before the app's mark
        con.execute("CREATE TABLE tasks (id INTEGER PRIMARY KEY, text TEXT)")
        con.execute("INSERT INTO tasks (text) VALUES ('ảnh của tôi')")
        con.commit()
    return path


def test_restore_refuses_a_file_that_only_looks_like_a_backup(db, db_path, tmp_path):
    _import(db, 5)
    db.close()
    before = content_hash(db_path)
    cases = {
        _foreign_with_our_names(tmp_path / "a.db"): "thiếu",
        _foreign_with_our_names(
            tmp_path / "b.db", full=True, app_id=0x12345678
        ): "chương trình khác",
        _foreign_with_our_names(tmp_path / "c.db", full=True, app_id=0): "dấu nhận dạng",
    }
    for source, words in cases.items():
        with pytest.raises(DatabaseError) as info:
            restore_database(db_path, source)
        assert words in str(info.value), source
        assert info.value.reason in ("foreign", "damaged")
        assert content_hash(db_path) == before
    assert not list(backups.backup_dir(db_path).glob("*")), "no safety copy, no leftovers"
    # The live database opens and works as before.
    db = Database.open(db_path)
    try:
        assert _tasks(db_path) == 5
    finally:
        db.close()


def test_restore_restores_the_copy_it_checked_not_a_file_swapped_afterwards(
    db, db_path, tmp_path, monkeypatch
):
    from app.db.files import restore as restore_mod

    _import(db, 4)
    good = backups.backup(db, tmp_path / "good.db")
    _import(db, 2, number="2-KH/TU")
    db.close()
    other = tmp_path / "other.db"
    shutil.copy2(db_path, other)  # 6 tasks
    real_verify = restore_mod.verify_database_file

    def swap_then_verify(path, shown=None):
        shutil.copy2(other, good)  # the file on disk changes once it was read
        return real_verify(path, shown)

    monkeypatch.setattr(restore_mod, "verify_database_file", swap_then_verify)
    restore_database(db_path, tmp_path / "good.db")
    assert _tasks(db_path) == 4  # what was checked, not what lies there now


def test_restore_can_be_undone_from_the_safety_copy_as_the_cli_says(db, db_path, capsys):
    _import(db, 5)
    saved = backups.backup(db)
    _import(db, 7, number="2-KH/TU")
    db.close()
    before = content_hash(db_path)
    code, out, err = _cli(capsys, "--db", str(db_path), "restore", str(saved))
    assert code == 0, err
    assert _tasks(db_path) == 5
    undo = out.split("Để hoàn tác: ", 1)[1].strip()
    assert undo.startswith(f'dondoc --db "{db_path}" restore "')
    safety = undo.rsplit('"', 2)[1]
    code, out, err = _cli(capsys, "--db", str(db_path), "restore", safety)
    assert code == 0, err
    assert content_hash(db_path) == before


# --------------------------------------------------------------------------- backup names, pruning


_BACKER = """
import sys
from app.db.files import backups
from app.db.store import Database
from app.errors import DonDocError
db = Database.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
made, errors = [], []
for _ in range(int(sys.argv[2])):
    try:
        made.append(str(backups.backup(db, reason="manual")))
    except DonDocError as ex:
        errors.append(str(ex))
print("result", len(made), len(set(made)), errors[:3], flush=True)
"""


def test_two_processes_backing_up_at_once_never_touch_each_others_files(db, db_path):
    _import(db, 20)
    ops.set_setting(db, "backup_keep", 1000)
    db.close()
    rounds = 15
    procs = [spawn(_BACKER, str(db_path), str(rounds)) for _ in range(2)]
    results = run_together(procs, "result")
    assert results == [f"result {rounds} {rounds} []"] * 2
    listed = list_backups(db_path)
    assert len(listed) == 2 * rounds and all(b.tasks == 20 for b in listed)
    assert not list(backups.backup_dir(db_path).glob("*.part"))


def test_pruning_trusts_the_time_inside_the_backup_not_the_name(db, db_path):
    _import(db, 2)
    ops.set_setting(db, "backup_keep", 3)
    first = backups.backup(db)
    folder = backups.backup_dir(db_path)
    future = []
    for i in range(3):  # copies renamed as if made in 2030
        name = folder / f"dondoc-20300101-00000{i}-manual.db"
        shutil.copy2(first, name)
        future.append(name)
    os.utime(first, (time.time() - 86400, time.time() - 86400))
    made = [backups.backup(db) for _ in range(3)]
    kept = {b.path for b in list_backups(db_path)}
    assert kept == set(made)  # the new ones stay; the "2030" names do not push them out


def test_a_clock_that_is_behind_never_deletes_the_backup_just_made(db, db_path, monkeypatch):
    _import(db, 2)
    ops.set_setting(db, "backup_keep", 3)
    good = [backups.backup(db) for _ in range(3)]
    behind = datetime.now(UTC) - timedelta(days=400)
    monkeypatch.setattr(backups, "_now", lambda: behind)
    late = [backups.backup(db) for _ in range(2)]
    kept = [b.path for b in list_backups(db_path)]
    assert late[-1] in kept and len(kept) == 3
    assert good[-1] in kept  # the newest of the good clock is not pushed out either


def test_backup_to_a_chosen_file_never_overwrites_unless_forced(db, db_path, tmp_path, capsys):
    _import(db, 3)
    out = tmp_path / "copy.db"
    backups.backup(db, out)
    stamp = out.stat().st_mtime_ns
    with pytest.raises(DatabaseError, match="đã có") as info:
        backups.backup(db, out)
    assert info.value.reason == "exists" and out.stat().st_mtime_ns == stamp
    _import(db, 2, number="2-KH/TU")
    assert backups.backup(db, out, force=True) == out and _tasks(out) == 5
    db.close()
    code, _, err = _cli(capsys, "--db", str(db_path), "backup", str(out))
    assert code == 3 and "--force" in err
    code, _, err = _cli(capsys, "--db", str(db_path), "backup", str(out), "--force")
    assert code == 0, err


def test_backup_never_writes_over_a_database_s_own_files(db, db_path):
    _import(db, 3)
    assert Path(f"{db_path}-wal").exists()
    before = Path(f"{db_path}-wal").read_bytes()
    for suffix in ("", "-wal", "-shm", "-journal"):
        with pytest.raises(DatabaseError, match="chính nó"):
            backups.backup(db, Path(f"{db_path}{suffix}"), force=True)
    assert Path(f"{db_path}-wal").read_bytes() == before
    other = Database.open(db_path.with_name("khac.db"))  # another live database
    try:
        ops.create_department(other, "Văn phòng")
        with pytest.raises(DatabaseError, match="đang được dùng"):
            backups.backup(db, other.path, force=True)
    finally:
        other.close()


def test_a_refused_duplicate_import_makes_no_backup(db, db_path, tmp_path, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"])
    ws.append([1, "Rà soát quy chế làm việc", "Văn phòng", "30/6/2024"])
    wb.save(tmp_path / "kh.xlsx")
    _import(db, 2)
    db.close()
    assert (
        _cli(capsys, "--db", str(db_path), "import", str(tmp_path / "kh.xlsx"), *IDENTITY)[0] == 0
    )
    n = len(list_backups(db_path))
    code, _, err = _cli(
        capsys, "--db", str(db_path), "import", str(tmp_path / "kh.xlsx"), *IDENTITY
    )
    assert code != 0 and "đã được nhập" in err
    assert len(list_backups(db_path)) == n

"""Opening damaged, truncated, foreign, locked and read-only files: refused, untouched.

Every refusal is a DatabaseError naming the file and what to do, and the file is
byte-for-byte the same afterwards. Crash leftovers (a WAL file, a hot rollback journal)
are recovered, not refused.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
from pathlib import Path

import pytest
from _safety_tools import big_plan, content_hash, count_rows, spawn, wait_line

from app.db import ops
from app.db.files import backups
from app.db.files.checks import check_sqlite_file, network_fs_type
from app.db.reads.backups import latest_good_backup, list_backups
from app.db.store import Database
from app.errors import DatabaseError


@pytest.fixture
def filled(db_path) -> Path:
    """A database with 800 tasks and a good backup of it."""
    db = Database.open(db_path)
    try:
        ops.import_plan(db, big_plan(800))
        backups.backup(db, reason="manual")
    finally:
        db.close()
    return db_path


def _refused(path: Path, reason: str, *words: str) -> DatabaseError:
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(DatabaseError) as info:
        Database.open(path)
    ex = info.value
    assert ex.reason == reason, str(ex)
    assert str(path) in str(ex)
    for w in words:
        assert w in str(ex), str(ex)
    if before is not None:
        assert path.read_bytes() == before  # untouched
    return ex


def _good_backup(path: Path) -> Path:
    return list_backups(path)[0].path


def test_truncated_file_is_refused_and_the_latest_good_backup_offered(filled):
    data = filled.read_bytes()
    filled.write_bytes(data[: len(data) * 6 // 10])
    ex = _refused(filled, "damaged", "cắt cụt", "dondoc restore")
    assert str(_good_backup(filled)) in str(ex)
    assert latest_good_backup(filled).path == _good_backup(filled)


@pytest.mark.parametrize("keep", [100, 10, 4096 + 17])
def test_header_only_or_shorter_files_are_refused(filled, keep):
    filled.write_bytes(filled.read_bytes()[:keep])
    _refused(filled, "damaged", "hỏng")


def test_garbage_in_the_middle_pages_is_found_by_the_integrity_check(filled):
    data = bytearray(filled.read_bytes())
    page = 4096
    pages = len(data) // page
    import random

    rnd = random.Random(7)
    for p in range(pages // 3, pages // 3 + 4):
        data[p * page : (p + 1) * page] = bytes(rnd.randrange(256) for _ in range(page))
    filled.write_bytes(bytes(data))
    _refused(filled, "damaged", "bị hỏng", "Bản sao lưu tốt gần nhất")


def _garble_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 4 * 4096] = bytes(range(256)) * 64
    path.write_bytes(bytes(data))


def test_the_early_check_at_start_gives_the_same_answer_as_checking_on_open(filled):
    from app.db.files import checks as sqlite_checks

    _garble_middle(filled)
    sqlite_checks.check_early(filled)  # while the GUI imports the rest
    assert sqlite_checks._early_checks
    _refused(filled, "damaged", "bị hỏng")
    assert not sqlite_checks._early_checks  # used once, not kept


def test_a_file_changed_after_the_early_check_is_checked_again(filled):
    from app.db.files import checks as sqlite_checks

    sqlite_checks.check_early(filled)
    thread, _outcome = next(iter(sqlite_checks._early_checks.values()))
    thread.join()  # it found the file good …
    _garble_middle(filled)  # … and then another program damaged it
    _refused(filled, "damaged", "bị hỏng")
    sqlite_checks._early_checks.clear()


def test_a_sqlite_file_of_another_program_is_not_touched(tmp_path):
    other = tmp_path / "zalo-cache.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT)")
        con.execute("INSERT INTO messages (body) VALUES ('xin chào')")
    _refused(other, "foreign", "chương trình khác")


def test_binary_junk_and_a_directory_are_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(20000))
    _refused(junk, "damaged", "not a SQLite")
    folder = tmp_path / "folder.db"
    folder.mkdir()
    with pytest.raises(DatabaseError, match="thư mục"):
        Database.open(folder)


def test_an_empty_file_is_a_new_database_unless_backups_show_it_had_data(tmp_path, filled):
    fresh = tmp_path / "fresh" / "new.db"
    fresh.parent.mkdir()
    fresh.write_bytes(b"")
    Database.open(fresh).close()
    assert count_rows(fresh, "tasks") == 0
    # The same for a file whose data was lost (0 bytes after a crash of the disk/sync):
    filled.write_bytes(b"")
    ex = _refused(filled, "damaged", "0 byte")
    assert str(_good_backup(filled)) in str(ex)


def test_a_newer_version_is_refused_not_migrated_down(filled):
    with sqlite3.connect(filled) as con:
        con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    _refused(filled, "newer", "mới hơn", "0099_from_the_future")


def test_a_read_only_file_is_refused_untouched(filled):
    mode = filled.stat().st_mode
    filled.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        _refused(filled, "readonly", "chỉ cho phép đọc")
    finally:
        filled.chmod(mode)
    Database.open(filled).close()


def test_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "dondoc.db"
    Database.open(path).close()
    for extra in folder.glob("dondoc.db-*"):
        extra.unlink()
    folder.chmod(0o555)
    try:
        _refused(path, "readonly", "không ghi được")
        with pytest.raises(DatabaseError) as info:
            Database.open(folder / "new.db")
        assert info.value.reason == "readonly" and not (folder / "new.db").exists()
    finally:
        folder.chmod(0o755)


_HOLD_LOCK = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA locking_mode = EXCLUSIVE")
con.execute("BEGIN EXCLUSIVE")
con.execute("UPDATE tasks SET note = 'giữ khóa' WHERE id = 1")
print("locked", flush=True)
sys.stdin.readline()
con.execute("ROLLBACK")
"""


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_database_locked_by_another_process_is_refused_untouched(tmp_path, monkeypatch, journal):
    monkeypatch.setenv("DONDOC_SQLITE_JOURNAL", journal)
    path = tmp_path / "dondoc.db"
    db = Database.open(path)
    ops.import_plan(db, big_plan(20))
    db.close()
    holder = spawn(_HOLD_LOCK, str(path))
    try:
        wait_line(holder, "locked")
        before = path.read_bytes()
        with pytest.raises(DatabaseError) as info:
            check_sqlite_file(path, timeout=0.3)
        assert info.value.reason == "locked"
        assert "khóa" in str(info.value) and str(path) in str(info.value)
        assert path.read_bytes() == before
        _refused(path, "locked", "đang bị chương trình khác khóa", "Tệp không bị thay đổi")
    finally:
        holder.kill()
        holder.wait()
    Database.open(path).close()


def test_a_wal_file_left_by_a_crash_is_recovered_not_refused(db_path):
    db = Database.open(db_path)
    ops.import_plan(db, big_plan(10))
    db.close()
    child = spawn(
        """
        import sys
        from app.db.store import Database
        from app.db import ops
        db = Database.open(sys.argv[1])
        for i in range(30):
            ops.create_department(db, f"Phòng ban sau cùng {i}")
        print("committed", flush=True)
        sys.stdin.readline()
        """,
        str(db_path),
    )
    try:
        wait_line(child, "committed")
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    finally:
        child.kill()
    wal = Path(f"{db_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the crash left committed work in it
    check_sqlite_file(db_path)
    db = Database.open(db_path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        db.close()
    names = count_rows(db_path, "departments")
    assert names == len({*__import__("_safety_tools").UNITS}) + 30


def test_a_hot_rollback_journal_left_by_a_crash_is_rolled_back(tmp_path, monkeypatch):
    monkeypatch.setenv("DONDOC_SQLITE_JOURNAL", "delete")
    path = tmp_path / "shared.db"
    db = Database.open(path)
    ops.import_plan(db, big_plan(600))
    db.close()
    before = content_hash(path)
    raw_before = path.read_bytes()
    child = spawn(
        """
        import sys
        from sqlalchemy import text
        from app.db.store import Database
        db = Database.open(sys.argv[1])
        with db.session() as s:
            # A tiny page cache: changed pages spill into the file before the commit.
            s.execute(text("PRAGMA cache_size = 5"))
            s.execute(text("UPDATE tasks SET note = 'nửa chừng', text = text || ' (sửa)'"))
            s.flush()
            print("mid-transaction", flush=True)
            sys.stdin.readline()
        """,
        str(path),
    )
    try:
        wait_line(child, "mid-transaction")
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    finally:
        child.kill()
    journal = Path(f"{path}-journal")
    assert journal.exists() and journal.stat().st_size > 0
    assert path.read_bytes() != raw_before  # half-written pages are in the file
    Database.open(path).close()
    assert content_hash(path) == before
    assert not journal.exists() or journal.stat().st_size == 0


def test_paths_with_uri_characters_work(tmp_path):
    folder = tmp_path / "Phòng #2 ? 100% dữ liệu"
    folder.mkdir()
    db = Database.open(folder / "dữ liệu #1.db")
    try:
        ops.import_plan(db, big_plan(3))
        path = backups.backup(db)
    finally:
        db.close()
    assert count_rows(path, "tasks") == 3
    check_sqlite_file(folder / "dữ liệu #1.db")


def test_network_shares_are_detected_from_the_mount_table():
    mounts = "\n".join(
        [
            "/dev/sda1 / ext4 rw 0 0",
            "//server/chung /mnt/chung cifs rw 0 0",
            "nas:/vol /srv/nas nfs4 rw 0 0",
            "/dev/sdb1 /mnt/chung/usb vfat rw 0 0",
            "tmpfs /mnt/ram\\040disk tmpfs rw 0 0",
        ]
    )
    assert network_fs_type(Path("/mnt/chung/vanphong/dondoc.db"), mounts) == "cifs"
    assert network_fs_type(Path("/srv/nas/a.db"), mounts) == "nfs4"
    assert network_fs_type(Path("/mnt/chung/usb/a.db"), mounts) is None
    assert network_fs_type(Path("/home/vt/a.db"), mounts) is None
    assert network_fs_type(Path("/mnt/chungkhoan/a.db"), mounts) is None
    assert network_fs_type(Path("/mnt/ram disk/a.db"), mounts) is None


def test_rollback_journal_is_used_when_asked_for_a_shared_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DONDOC_SQLITE_JOURNAL", "delete")
    db = Database.open(tmp_path / "dondoc.db")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        db.close()

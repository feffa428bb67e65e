"""The database, its journals, backups and the log are readable only by their user.

POSIX permissions: 0600 files, 0700 folders, whatever the umask (a shared office PC
has several accounts; the data holds names and assessments). On Windows they live in
the user's profile instead, which these tests cannot check.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest
from _safety_tools import big_plan

from app.db import ops
from app.db.files import backups
from app.db.files.restore import restore_database
from app.db.store import Database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The most permissive umask: the app must not rely on the user's one."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_a_new_database_its_journals_and_folders_are_private(tmp_path, open_umask):
    shared = tmp_path / "chung"
    shared.mkdir(mode=0o755)
    path = shared / "du-lieu" / "con" / "dondoc.db"
    db = Database.open(path)
    try:
        ops.import_plan(db, big_plan(3))
        assert mode(path) == 0o600
        assert mode(Path(f"{path}-wal")) == 0o600 and mode(Path(f"{path}-shm")) == 0o600
        assert mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700
        assert mode(shared) == 0o755  # a folder we did not create is left alone
        made = backups.backup(db, reason="manual")
        assert mode(made) == 0o600 and mode(made.parent) == 0o700
        out = backups.backup(db, tmp_path / "usb" / "ban-sao.db")
        assert mode(out) == 0o600
    finally:
        db.close()


def test_the_restore_safety_copy_and_restored_file_are_private(tmp_path, open_umask):
    path = tmp_path / "dondoc.db"
    db = Database.open(path)
    ops.import_plan(db, big_plan(3))
    saved = backups.backup(db)
    db.close()
    safety = restore_database(path, saved)
    assert mode(safety) == 0o600 and mode(path) == 0o600


def test_the_log_file_is_private(tmp_path, open_umask, monkeypatch):
    from app.ui.kit import logs

    monkeypatch.setenv("DONDOC_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(logs, "_configured", False)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        logs.setup_logging()
        logging.getLogger("test").warning("một dòng nhật ký")
        assert mode(logs.log_file()) == 0o600 and mode(logs.log_file().parent) == 0o700
    finally:
        for h in root.handlers[:]:
            if h not in before:
                root.removeHandler(h)
                h.close()

"""Shared fixtures: every test gets its own real SQLite file; Qt runs offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DONDOC_DB", None)

import pytest

from app.db.store import Database


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep settings, logs and backups of tests out of the real user's folders."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("DONDOC_DATA_DIR", str(home))
    monkeypatch.delenv("DONDOC_DB", raising=False)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "dondoc.db"


@pytest.fixture
def db(db_path):
    database = Database.open(db_path)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _deadline_parser_never_hides_a_bug(caplog):
    """parse_deadline turns internal errors into "unspecified" (never raises on text);
    tests must still fail when that happens."""
    yield
    errors = [
        r for r in caplog.records if r.name == "app.core.deadlines" and r.levelname == "ERROR"
    ]
    assert not errors, errors[0].getMessage()

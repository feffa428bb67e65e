"""Shared fixtures: every test gets its own real database; Qt runs offscreen.

`db` is a real SQLite file by default. A test module or test marked
`@pytest.mark.backends("sqlite", "postgres")` runs once per backend: `backend` says which,
and on PostgreSQL `db` is a fresh database on a real server started once per session
(tests/_pg_server.py). `db_target` is what `Database.open` accepts for the test's
database (a path or a postgresql:// URL), for tests that open a second connection.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # The offscreen screen is the 1366x768 laptop most offices use (Qt's default is
    # 800x600), so the window and dialogs are tested at the size they must fit.
    _screen = os.path.join(os.path.dirname(__file__), "data", "laptop-screen.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"
os.environ.pop("DONDOC_DB", None)

import pytest

from app.db.store import Database

BACKENDS = ("sqlite", "postgres")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "backends(*names): run the test once per database backend (sqlite, postgres)"
    )


def pytest_generate_tests(metafunc):
    marker = metafunc.definition.get_closest_marker("backends")
    if marker is None or "backend" not in metafunc.fixturenames:
        return
    names = marker.args or BACKENDS
    unknown = set(names) - set(BACKENDS)
    if unknown:
        raise ValueError(f"unknown backends {sorted(unknown)}")
    marks = {"postgres": [pytest.mark.postgres]}
    metafunc.parametrize(
        "backend",
        [pytest.param(n, marks=marks.get(n, []), id=n) for n in names],
        indirect=True,
    )


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep settings, logs and backups of tests out of the real user's folders."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("DONDOC_DATA_DIR", str(home))
    monkeypatch.delenv("DONDOC_DB", raising=False)


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for this test session (skipped only if none is installed)."""
    from _pg_server import ExternalPg, PgServer, find_bin_dir

    external = os.environ.get("DONDOC_TEST_PG_URL")
    if external:
        server = ExternalPg(external)
    else:
        bin_dir = find_bin_dir()
        if bin_dir is None:
            pytest.skip(
                "PostgreSQL is not installed (no initdb/pg_ctl/postgres found); "
                "`python3 dev.py test` installs it, or set DONDOC_PG_BIN / DONDOC_TEST_PG_URL"
            )
        server = PgServer(bin_dir).start()
    yield server
    server.stop()


@pytest.fixture
def backend(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "dondoc.db"


@pytest.fixture
def db_target(request, backend, db_path):
    """The test's database for Database.open: a file path, or a new PostgreSQL database."""
    if backend == "sqlite":
        yield str(db_path)
        return
    server = request.getfixturevalue("pg_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def db(db_target):
    database = Database.open(db_target)
    yield database
    if "PySide6.QtCore" in sys.modules:  # background jobs of a UI test may still read it
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(30000)
    database.close()


@pytest.fixture(autouse=True)
def _deadline_parser_never_hides_a_bug(caplog):
    """parse_deadline turns internal errors into "unspecified" (never raises on text);
    tests must still fail when that happens."""
    yield
    errors = [
        r for r in caplog.records if r.name == "app.core.deadlines.parse" and r.levelname == "ERROR"
    ]
    assert not errors, errors[0].getMessage()

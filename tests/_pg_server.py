"""A throw-away PostgreSQL server for the database tests (started once per test session).

The server listens only on a unix socket in a private temporary folder, so it never
clashes with another server or another test run. PostgreSQL refuses to run as root: when
the tests run as root (as CI does), initdb/pg_ctl run as the `postgres` system user via
`runuser`/`setpriv`, with a data folder owned by that user.

The cluster uses ICU's Vietnamese collation by default, as a real office server would, so
a query that relies on binary string order (our sort keys) is caught by the tests.

`DONDOC_TEST_PG_URL=postgresql://…` makes the tests use an existing server instead.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ADMIN_DB = "postgres"


def find_bin_dir() -> Path | None:
    """The folder with initdb/pg_ctl/postgres, or None when PostgreSQL is not installed."""
    candidates: list[Path] = []
    if os.environ.get("DONDOC_PG_BIN"):
        candidates.append(Path(os.environ["DONDOC_PG_BIN"]))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10
            ).stdout.strip()
            if out:
                candidates.append(Path(out))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    candidates += [Path("/usr/local/pgsql/bin"), Path("/opt/homebrew/bin"), Path("/usr/local/bin")]
    for c in candidates:
        if (c / "initdb").exists() and (c / "pg_ctl").exists() and (c / "postgres").exists():
            return c
    return None


class PgServer:
    """initdb + pg_ctl start in a temp folder; `url(db)` gives a SQLAlchemy-ready URL."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.base = Path(tempfile.mkdtemp(prefix="dondoc-pg-"))
        self.data = self.base / "data"
        self.sock = self.base  # the socket lives beside the data folder
        self.log = self.base / "server.log"
        self._as_user: list[str] = []
        self._owner: str | None = None
        self._names = itertools.count(1)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            self._owner = "postgres"
            try:
                pw = pwd.getpwnam(self._owner)
            except KeyError as ex:
                raise RuntimeError(
                    "running as root but there is no 'postgres' system user to run the server"
                ) from ex
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
            os.chmod(self.base, 0o755)
            if shutil.which("runuser"):
                self._as_user = ["runuser", "-u", self._owner, "--"]
            else:
                self._as_user = [
                    "setpriv",
                    f"--reuid={pw.pw_uid}",
                    f"--regid={pw.pw_gid}",
                    "--init-groups",
                    "--",
                ]

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = [*self._as_user, *args]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.base)
        if res.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stdout}\n{res.stderr}\n{log}"
            )
        return res

    def start(self) -> PgServer:
        initdb = [
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
        ]
        try:
            self._run(*initdb, "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=vi-VN")
        except RuntimeError:
            shutil.rmtree(self.data, ignore_errors=True)
            self._run(*initdb, "--locale=C.UTF-8")  # built without ICU: plain libc collation
        options = (
            "-c listen_addresses='' "
            f"-c unix_socket_directories='{self.sock}' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        return self

    def url(self, dbname: str = ADMIN_DB) -> str:
        return f"postgresql://postgres@/{dbname}?host={self.sock}"

    def create_database(self, template: str | None = None) -> str:
        """A new, empty (or template-copied) database; returns its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        import psycopg

        with psycopg.connect(
            f"dbname={ADMIN_DB} user=postgres host={self.sock}", autocommit=True
        ) as con:
            tmpl = f" TEMPLATE {template}" if template else ""
            con.execute(f'CREATE DATABASE "{name}"{tmpl}')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1].split("?", 1)[0]
        import psycopg

        with psycopg.connect(
            f"dbname={ADMIN_DB} user=postgres host={self.sock}", autocommit=True
        ) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, OSError, subprocess.SubprocessError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        for _ in range(50):
            if not (self.data / "postmaster.pid").exists():
                break
            time.sleep(0.1)
        shutil.rmtree(self.base, ignore_errors=True)


class ExternalPg:
    """An existing server named by DONDOC_TEST_PG_URL (databases are created on it)."""

    def __init__(self, url: str) -> None:
        self.base_url = url
        self._names = itertools.count(1)

    def _admin(self):
        import psycopg

        return psycopg.connect(self.base_url, autocommit=True)

    def create_database(self, template: str | None = None) -> str:
        name = f"dondoc_t{os.getpid()}_{next(self._names)}"
        with self._admin() as con:
            tmpl = f" TEMPLATE {template}" if template else ""
            con.execute(f'CREATE DATABASE "{name}"{tmpl}')
        head, _, query = self.base_url.partition("?")
        return head.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1].split("?", 1)[0]
        with self._admin() as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        pass

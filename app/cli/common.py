"""What the commands share: the database to open, JSON out, dates as offices write them."""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from app.db.store import Database


def open_db(args: argparse.Namespace) -> Database:
    from app.db.store import Database  # here: `dondoc deadline` never loads SQLAlchemy

    return Database.open(args.db)


@contextmanager
def db_for_checks(args: argparse.Namespace) -> Iterator[Database]:
    """The database a dry run checks against; a database file that does not exist yet is
    not created (the checks run on an empty one in a scratch folder)."""
    from app.db.files.location import default_db_target
    from app.db.store import Database, to_url

    url = to_url(args.db or default_db_target())
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        with tempfile.TemporaryDirectory() as tmp, Database.open(Path(tmp) / "empty.db") as db:
            yield db
        return
    with open_db(args) as db:
        yield db


def print_json(obj, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def vn(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""

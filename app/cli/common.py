"""What the commands share: the database to open, JSON out, dates as offices write them."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from app.db.store import Database


def open_db(args: argparse.Namespace) -> Database:
    from app.db.store import Database  # here: `dondoc deadline` never loads SQLAlchemy

    return Database.open(args.db)


def print_json(obj, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def vn(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""

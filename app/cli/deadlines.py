"""`dondoc deadline`: a deadline phrase as the program reads it (no database)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TextIO

from app.cli.common import print_json
from app.core.deadlines.parse import describe, parse_deadline
from app.core.deadlines.terms import term_for
from app.errors import DonDocError


def cmd_deadline(args: argparse.Namespace, out: TextIO) -> int:
    ref = args.ref or date.today()
    term = term_of(args) or term_for(ref)
    if args.phrase == "-":
        # Batch mode: one phrase per line in, one line out per phrase, same order.
        lines = _read_stdin_lines()
        if args.json:
            chunks = [
                json.dumps(parse_deadline(line, ref, term=term).to_json(), ensure_ascii=False)
                for line in lines
            ]
        else:
            chunks = [describe(parse_deadline(line, ref, term=term)) for line in lines]
        if chunks:
            out.write("\n".join(chunks) + "\n")
        return 0
    dl = parse_deadline(args.phrase, ref, term=term)
    if args.json:
        print_json(dl.to_json(), out)
    else:
        out.write(describe(dl) + "\n")
    return 0


def _read_stdin_lines() -> list[str]:
    """stdin as UTF-8 whatever the console code page (a BOM is dropped)."""
    buf = getattr(sys.stdin, "buffer", None)
    data = buf.read().decode("utf-8-sig", errors="replace") if buf else sys.stdin.read()
    return data.splitlines()


def term_of(args: argparse.Namespace) -> tuple[int, int] | None:
    """--term, or None: the term that holds the plan's date (docs/deadline-phrases.md)."""
    raw = getattr(args, "term", None)
    if not raw:
        return None
    try:
        a, b = (int(x) for x in raw.replace("–", "-").split("-"))
    except ValueError as ex:
        raise DonDocError(f"Nhiệm kỳ không hợp lệ «{raw}» (ví dụ 2020-2025).") from ex
    if not (1900 <= a < b <= 2200):
        raise DonDocError(f"Nhiệm kỳ không hợp lệ «{raw}» (ví dụ 2020-2025).")
    return (a, b)

"""`dondoc` alone opens the window; `--selftest` checks it offscreen."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from app.ui.main.early import start_checking


def cmd_gui(args: argparse.Namespace, out: TextIO) -> int:
    start_checking(args.db)  # the database check overlaps the heavy imports just below
    from app.ui.main.app import run_gui  # after starting the check (see above)

    return run_gui(args.db, demo=args.demo)


def cmd_selftest(args: argparse.Namespace, out: TextIO) -> int:
    from app.ui.main.app import selftest  # as for cmd_gui: the window's heavy imports

    problems = selftest(args.db)
    if problems:
        for p in problems:
            sys.stderr.write(f"selftest: {p}\n")
        return 1
    out.write("ok\n")
    return 0

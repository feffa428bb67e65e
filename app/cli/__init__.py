"""Command line: argparse sub-commands that call the operations, reads, importers and exporters.

No business logic lives here. Errors a user can cause (DonDocError) are printed on
stderr with a non-zero exit code; dates are ISO (YYYY-MM-DD) on the command line. The
arguments are in `parser`; each command's module (deadlines, plans, outputs, prints,
urging, backups, window) is imported only when it runs.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TextIO

from app.cli.parser import build_parser
from app.errors import DonDocError, HeaderNotFoundError


def _window() -> ModuleType:
    from app.cli import window  # only to open the window (parser module doc)

    return window


def _attach_console() -> None:
    """A windowed Windows build has no stdout: borrow the console it was started from.

    So `dondoc.exe --selftest` or `dondoc.exe export …` typed in cmd still prints; when
    started from the Start menu there is no console and output goes nowhere.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    if sys.platform == "win32":
        import ctypes  # Windows only

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
            sys.stderr = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
            return
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


class _Brief(logging.Formatter):
    """One line per log record on the terminal, never a traceback: a user of the command
    line sees the app's messages; DONDOC_DEBUG=1 shows tracebacks for developers."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def _quiet_logging() -> None:
    root = logging.getLogger()
    if root.handlers or os.environ.get("DONDOC_DEBUG"):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Brief())
    handler.setLevel(logging.WARNING)
    root.addHandler(handler)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    _attach_console()
    _quiet_logging()
    out = out or sys.stdout
    if hasattr(out, "reconfigure"):
        try:
            # A file name that is not UTF-8 (a disk from an old system) is printed with
            # \x escapes instead of stopping the program while it reports an error.
            out.reconfigure(encoding="utf-8", errors="backslashreplace")
            if isinstance(sys.stderr, io.TextIOWrapper):
                sys.stderr.reconfigure(encoding="utf-8", errors="backslashreplace")
        except (ValueError, OSError):
            pass
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.selftest:
            return _window().cmd_selftest(args, out)
        func = getattr(args, "func", None) or _window().cmd_gui
        return func(args, out)
    except DonDocError as ex:
        sys.stderr.write(f"Lỗi: {ex}\n")
        if isinstance(ex, HeaderNotFoundError):  # the window offers a row chooser instead
            if ex.found:
                sys.stderr.write(
                    f"Dòng tiêu đề tìm thấy là dòng {ex.found}: --header-row {ex.found}\n"
                )
            else:
                sys.stderr.write("Chỉ định dòng tiêu đề bằng --header-row N.\n")
        return ex.exit_code
    except KeyboardInterrupt:
        return 130

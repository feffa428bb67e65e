"""The last net under every reader: whatever a library raises becomes the app's message.

pdfplumber, pypdfium2, pypdf, openpyxl, python-calamine and python-docx each fail in
their own way on a damaged or hostile file (ValueError, KeyError, RecursionError, a
Rust panic, a C library error). The user sees one message that names the file and says
what to do; the exception and its traceback go to the log for the developers.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from app.errors import DonDocError, FileImportError, ImportLimitError, UnreadableFileError

log = logging.getLogger(__name__)
T = TypeVar("T")

# Never converted: the user or the system asked to stop.
_PASS = (KeyboardInterrupt, SystemExit, GeneratorExit)


@contextlib.contextmanager
def native_quiet() -> Iterator[None]:
    """Keep what a native reader prints on the process's stderr (a Rust panic message and
    backtrace from calamine on a damaged file) off the user's terminal: the panic becomes
    an exception we turn into our own message. Only the C-level stream 2 is redirected,
    and only for the length of the call."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real stderr (a windowed build): nothing to hide
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def located(ex: FileImportError, path: Path) -> FileImportError:
    """The same refusal naming `path` (a reader below the importer may not know it)."""
    if ex.path is not None:
        return ex
    copy = type(ex).__new__(type(ex))
    copy.__dict__.update(ex.__dict__)
    FileImportError.__init__(copy, ex.message, path=path, sheet=ex.sheet, row=ex.row)
    return copy


def unreadable(path: Path, ex: BaseException) -> FileImportError:
    """The refusal for an exception no reader foresaw (logged with its traceback)."""
    if isinstance(ex, MemoryError):
        return ImportLimitError(
            "tệp cần quá nhiều bộ nhớ để đọc (quá lớn hoặc có cấu trúc bất thường) (out of memory)",
            path=path,
        )
    if isinstance(ex, RecursionError):
        return ImportLimitError(
            "tệp có cấu trúc lồng nhau quá sâu, không đọc được (nesting too deep)", path=path
        )
    log.error("reader failed on %s", path, exc_info=ex)
    return UnreadableFileError(
        f"tệp bị hỏng hoặc có cấu trúc lạ, không đọc được ({type(ex).__name__}: "
        f"{str(ex)[:200]}) (unreadable file)",
        path=path,
    )


def guarded(path: Path, work: Callable[[], T]) -> T:
    """Run a step that reads `path`: our own errors pass (naming the file), anything else
    becomes a FileImportError. For every reader of user files (import, collect, templates)."""
    try:
        return work()
    except FileImportError as ex:
        if ex.path is None:
            raise located(ex, path) from ex
        raise
    except DonDocError:
        raise
    except _PASS:
        raise
    except BaseException as ex:  # pyo3 panics derive from BaseException
        raise unreadable(path, ex) from ex

"""Every file we read is read once: a private copy, checked, is what the parser opens.

Checking a path and then opening the path again lets a file swapped in between (a zip
bomb after a harmless check) reach the parser. So a file is read through one handle,
never more than the size limit, into a folder only we can read; `check_file` runs on
that copy and the parser gets that copy. The copy keeps the file's name (as valid
text), so messages name the file the user chose. Used for imports, replies (collect) and letter templates.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from app.errors import FileImportError, ImportLimitError
from app.importers.base import ImportLimits
from app.importers.safety.checks import CHUNK, check_file
from app.importers.safety.guard import guarded


def readable_name(path: Path) -> str:
    """The file's name as valid text: bytes of a name that are not UTF-8 (a file from an
    old system) become "�", so the name can be shown, stored and passed to readers."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.0f} MB" if n >= 1_048_576 else f"{n / 1024:.0f} KB"


@contextmanager
def checked_copy(path: str | Path, limits: ImportLimits) -> Iterator[Path]:
    """A private copy of `path` that passed `check_file`; parse it, never `path`.

    FileImportError (naming `path`) when the file is missing, not a file, too big or
    unsafe. The copy is removed afterwards.
    """
    path = Path(path)
    try:
        # O_NONBLOCK: a FIFO put in the file's place must not hang us (no effect on files).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as ex:
        raise FileImportError("không tìm thấy tệp (file not found)", path=path) from ex
    except IsADirectoryError as ex:
        raise FileImportError("không phải là tệp (not a file)", path=path) from ex
    except OSError as ex:
        raise FileImportError(f"không mở được tệp: {ex.strerror or ex}", path=path) from ex
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise FileImportError("không phải là tệp (not a file)", path=path)
    with open(fd, "rb") as src:
        folder = Path(tempfile.mkdtemp(prefix="dondoc-"))  # 0700
        copy = folder / (readable_name(path) or "tep")
        try:
            _copy_bounded(src, copy, path, limits.max_file_bytes)
            src.close()
            try:
                guarded(copy, lambda: check_file(copy, limits))
                yield copy
            except FileImportError as ex:
                if ex.path == copy:
                    ex.path = path  # the same name; the path the user chose
                raise
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _copy_bounded(src: BinaryIO, copy: Path, path: Path, limit: int) -> None:
    copied = 0
    try:
        with open(copy, "xb") as out:
            while chunk := src.read(CHUNK):
                copied += len(chunk)
                if copied > limit:
                    raise ImportLimitError(
                        f"tệp quá lớn (hơn giới hạn {_mb(limit)}). Hãy tách tệp, hoặc nâng "
                        "giới hạn trong Cài đặt > Giới hạn nhập (file too large)",
                        path=path,
                    )
                out.write(chunk)
    except OSError as ex:
        raise FileImportError(f"không đọc được tệp: {ex.strerror or ex}", path=path) from ex

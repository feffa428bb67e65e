"""Files and folders readable only by their user: the database, backups, logs.

On POSIX, folders we create are 0700 and files 0600 (the umask does not widen them);
SQLite gives its -wal/-shm/-journal files the database file's permissions. On Windows
the data folder is in the user's profile, which only that user can read.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(folder: Path) -> Path:
    """Create `folder` (and missing parents) as 0700; an existing folder is left as it is."""
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    if sys.platform != "win32":
        for made in missing:
            with contextlib.suppress(OSError):
                os.chmod(made, DIR_MODE)
    return folder


def create_private(path: Path) -> Path:
    """Create the empty file `path` readable only by us; FileExistsError if it exists."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), FILE_MODE)
    os.close(fd)
    if sys.platform != "win32":
        os.chmod(path, FILE_MODE)  # os.open's mode is filtered by the umask
    return path

"""Evidence files (minh chứng) of a SQLite database: a private folder beside it.

Files are named by their content (sha256 plus the original suffix), so two notes that
attach the same report share one file and two different files never clash, whatever
their names. The folder is `<db stem>-minh-chung` (0700, files 0600, as the backups);
a backup `X.db` keeps its copy in `X-minh-chung` beside it, so every database file and
its evidence travel together by the same rule. Copies are written under a temporary
name first and then put in place, so a crash never leaves a half-written file under a
real name. PostgreSQL databases keep the bytes in the database (app/db/ops/evidence.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import tempfile
import unicodedata
from pathlib import Path

from app.db.files.private import create_private, private_dir

_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")
_HEX = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20


def evidence_dir(db_file: Path) -> Path:
    """The evidence folder of a database or backup file: `<stem>-minh-chung` beside it."""
    db_file = Path(db_file)
    return db_file.with_name(f"{db_file.stem}-minh-chung")


def stored_name(sha256: str, name: str) -> str:
    """`<sha256><suffix>`: the suffix lets the system pick the program that opens it."""
    suffix = Path(name).suffix.lower()
    return sha256 + (suffix if _SUFFIX.match(suffix) else "")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def safe_name(name: str) -> str:
    """A file name safe to create on any system: no folders, control or reserved characters."""
    name = unicodedata.normalize("NFC", Path(str(name).replace("\\", "/")).name)
    name = "".join("_" if (ord(c) < 32 or c in '<>:"/\\|?*') else c for c in name).strip(" .")
    return name[:150] or "minh-chung"


def _put(data_from: Path, dest: Path) -> None:
    """Copy `data_from` to `dest` via a private temporary file; never over an existing file."""
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}-{secrets.token_hex(3)}.part")
    try:
        create_private(tmp)
        with open(data_from, "rb") as src, open(tmp, "wb") as out:
            shutil.copyfileobj(src, out, _CHUNK)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(tmp, dest)
        except FileExistsError:
            pass  # same name, same content: already there
        except OSError:  # no hard links here (FAT, some shares)
            if not dest.exists():
                os.replace(tmp, dest)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def store(folder: Path, source: Path, sha256: str, name: str) -> Path:
    """Put the file `source` (whose content hashes to `sha256`) into the evidence folder."""
    private_dir(folder)
    dest = folder / stored_name(sha256, name)
    if not dest.exists():
        _put(source, dest)
    return dest


def discard(folder: Path, sha256: str, name: str) -> None:
    """Remove a stored file no note refers to any more (the caller checked, under lock)."""
    with contextlib.suppress(OSError):
        (folder / stored_name(sha256, name)).unlink(missing_ok=True)


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if p.is_file() and _HEX.match(p.name[:64])]


def copy_folder(source: Path, dest: Path) -> int:
    """Copy the evidence folder `source` into `dest` (a backup's, or back into the live
    one on restore). Hard links where the disk allows (content-addressed files are never
    changed in place), else copies; each file is checked against its name, so a damaged
    or swapped file is left out. Returns how many files were put in `dest`."""
    files = _files(source)
    if not files:
        return 0
    private_dir(dest)
    placed = 0
    for path in files:
        target = dest / path.name
        if target.exists():
            continue
        if sha256_of(path) != path.name[:64]:
            continue
        try:
            os.link(path, target)
        except OSError:
            _put(path, target)
        placed += 1
    return placed


def remove_folder(folder: Path) -> None:
    """Delete a backup's evidence folder (with the backup it belongs to)."""
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in _files(folder))


def private_copy(data: bytes | Path, name: str) -> Path:
    """A copy readable only by us, under the file's own name, for the system to open
    (PostgreSQL keeps the bytes in the database; a SQLite file is opened in place)."""
    folder = Path(tempfile.mkdtemp(prefix="dondoc-minh-chung-"))  # 0700
    dest = create_private(folder / safe_name(name))
    if isinstance(data, Path):
        shutil.copyfile(data, dest)
    else:
        dest.write_bytes(data)
    return dest

"""What one PC keeps for reminders, never the shared database: the office's SMTP server
with its password, and which tray reminders were shown today.

A JSON file in the user's data folder (0600): several PCs sharing one database each
have their own mail account and their own "already shown" list.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from app.db.files.location import default_data_dir
from app.db.files.private import create_private, private_dir

FILE_NAME = "nhac-viec.json"
SECURITY = ("starttls", "tls", "none")


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls (587), tls (465) or none (25, inside the office)
    account: str = ""
    password: str = ""
    sender: str = ""  # From: address; the account when empty
    enabled: bool = False  # send the digest from the window once a day

    @property
    def ready(self) -> bool:
        return bool(self.host and (self.sender or self.account))

    @property
    def from_address(self) -> str:
        return self.sender or self.account


def _path(folder: Path | None) -> Path:
    return (folder or default_data_dir()) / FILE_NAME


def _load(folder: Path | None) -> dict[str, Any]:
    try:
        data = json.loads(_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(data: dict[str, Any], folder: Path | None) -> None:
    path = _path(folder)
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    create_private(tmp)
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def load_smtp(folder: Path | None = None) -> SmtpConfig:
    raw = _load(folder).get("smtp")
    if not isinstance(raw, dict):
        return SmtpConfig()
    known = {f.name for f in fields(SmtpConfig)}
    values = {k: v for k, v in raw.items() if k in known}
    try:
        values["port"] = int(values.get("port", 587))
    except (TypeError, ValueError):
        values["port"] = 587
    if values.get("security") not in SECURITY:
        values["security"] = "starttls"
    return SmtpConfig(**values)


def save_smtp(config: SmtpConfig, folder: Path | None = None) -> None:
    data = _load(folder)
    data["smtp"] = asdict(config)
    _save(data, folder)


def shown_today(today: date, folder: Path | None = None) -> set[int]:
    """Task ids whose reminder this PC already showed today."""
    shown = _load(folder).get("shown")
    if not isinstance(shown, dict) or shown.get("day") != today.isoformat():
        return set()
    return {int(i) for i in shown.get("tasks", []) if isinstance(i, int)}


def mark_shown(today: date, task_ids: set[int], folder: Path | None = None) -> None:
    data = _load(folder)
    data["shown"] = {
        "day": today.isoformat(),
        "tasks": sorted(shown_today(today, folder) | set(task_ids)),
    }
    _save(data, folder)


def digest_sent_on(folder: Path | None = None) -> str:
    return str(_load(folder).get("digest_sent_on") or "")


def mark_digest_sent(today: date, folder: Path | None = None) -> None:
    data = _load(folder)
    data["digest_sent_on"] = today.isoformat()
    _save(data, folder)

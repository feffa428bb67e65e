"""ExtractedPlan: what an importer found in a file, before anything is written.

Plain dataclasses so importers stay free of the database; `to_json()` is the JSON of
`dondoc extract --json` (ARCHITECTURE.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.core.deadlines.types import Deadline


@dataclass(slots=True)
class ExtractedDocument:
    title: str = ""
    number: str = ""
    date: date | None = None
    issuer: str = ""
    # The congress term set by the user for this plan; None: the one that holds its date.
    term: tuple[int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": self.title,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
        }
        if self.term:
            out["term"] = list(self.term)
        return out


@dataclass(slots=True)
class ExtractedTask:
    """One task as found in the file. Unit names are as written (NFC), not yet matched."""

    text: str
    lead: str | None = None
    coordinators: list[str] = field(default_factory=list)
    following: list[str] = field(default_factory=list)
    section: str = ""
    number: str = ""  # the STT / item label as written ("1", "2.3", "a")
    deadline: Deadline = field(default_factory=Deadline)
    product: str = ""
    note: str = ""
    completed_on: date | None = None
    progress: str = ""
    source: str = ""  # where in the file: "Sheet1!12" or "dòng 140"
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "lead": self.lead,
            "coordinators": list(self.coordinators),
            "section": self.section,
            "deadline": self.deadline.to_json(),
        }
        if self.following:
            out["following"] = list(self.following)
        if self.number:
            out["number"] = self.number
        if self.product:
            out["product"] = self.product
        if self.note:
            out["note"] = self.note
        if self.completed_on:
            out["completed_on"] = self.completed_on.isoformat()
        if self.progress:
            out["progress"] = self.progress
        if self.source:
            out["source"] = self.source
        if self.problems:
            out["problems"] = list(self.problems)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExtractedTask:
        done = data.get("completed_on")
        return cls(
            text=data["text"],
            lead=data.get("lead"),
            coordinators=list(data.get("coordinators") or []),
            following=list(data.get("following") or []),
            section=data.get("section") or "",
            number=data.get("number") or "",
            deadline=Deadline.from_json(data.get("deadline")),
            product=data.get("product") or "",
            note=data.get("note") or "",
            completed_on=date.fromisoformat(done) if done else None,
            progress=data.get("progress") or "",
            source=data.get("source") or "",
            problems=list(data.get("problems") or []),
        )


@dataclass(slots=True)
class ExtractedPlan:
    document: ExtractedDocument = field(default_factory=ExtractedDocument)
    tasks: list[ExtractedTask] = field(default_factory=list)
    source_name: str = ""  # file name as the user knows it
    sha256: str = ""
    sheet: str = ""
    warnings: list[str] = field(default_factory=list)

    def units(self) -> list[str]:
        """Every unit name the plan mentions, in first-seen order."""
        seen: dict[str, None] = {}
        for t in self.tasks:
            for name in [t.lead, *t.coordinators, *t.following]:
                if name:
                    seen.setdefault(name, None)
        return list(seen)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "document": self.document.to_json(),
            "tasks": [t.to_json() for t in self.tasks],
        }
        if self.source_name:
            out["source"] = {"name": self.source_name, "sha256": self.sha256, "sheet": self.sheet}
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExtractedPlan:
        doc = data.get("document") or {}
        src = data.get("source") or {}
        return cls(
            document=ExtractedDocument(
                title=doc.get("title") or "",
                number=doc.get("number") or "",
                date=date.fromisoformat(doc["date"]) if doc.get("date") else None,
                issuer=doc.get("issuer") or "",
                term=tuple(doc["term"]) if doc.get("term") else None,
            ),
            tasks=[ExtractedTask.from_json(t) for t in data.get("tasks") or []],
            source_name=src.get("name") or "",
            sha256=src.get("sha256") or "",
            sheet=src.get("sheet") or "",
            warnings=list(data.get("warnings") or []),
        )


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes: the identity used to refuse importing it twice."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()

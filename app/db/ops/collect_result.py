"""What collecting replies found or did, per file: the preview the user confirms.

Plain values (no session): the dialog shows them as a tree, the CLI prints `summary()`
or `to_json()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.db.changes import Change


@dataclass(frozen=True, slots=True)
class TaskChange:
    """One change a reply brings: a progress note added or a completion set."""

    task_id: int
    row: int
    kind: str  # "note" | "complete"
    task_text: str
    detail: str  # the note's text, or the completion date dd/mm/yyyy
    flagged: bool = False  # part of a flagged row: applied only when accepted

    def to_json(self) -> dict[str, Any]:
        return {
            "task_id": self.task_id,
            "row": self.row,
            "kind": self.kind,
            "task": self.task_text,
            "detail": self.detail,
            "flagged": self.flagged,
        }


@dataclass(frozen=True, slots=True)
class Flag:
    """A row that is not applied silently: the user has to look at it."""

    row: int
    task_id: int | None
    task_text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "task_id": self.task_id,
            "task": self.task_text,
            "reason": self.reason,
        }


@dataclass(slots=True)
class FileOutcome:
    name: str
    path: str
    unit: str = ""
    request_id: int | None = None
    sent_on: date | None = None
    rows: int = 0
    answered: int = 0
    matched_by_text: int = 0
    changes: list[TaskChange] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # tampered or foreign: nothing of this file can be applied

    @property
    def clean_changes(self) -> list[TaskChange]:
        return [c for c in self.changes if not c.flagged]

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "unit": self.unit,
            "request_id": self.request_id,
            "sent_on": self.sent_on.isoformat() if self.sent_on else None,
            "rows": self.rows,
            "answered": self.answered,
            "matched_by_text": self.matched_by_text,
            "changes": [c.to_json() for c in self.changes],
            "flags": [f.to_json() for f in self.flags],
            "warnings": list(self.warnings),
            "error": self.error,
        }


@dataclass(slots=True)
class CollectResult:
    files: list[FileOutcome] = field(default_factory=list)
    applied: bool = False
    accept_flagged: bool = False

    @property
    def errors(self) -> list[str]:
        return [f"{f.name}: {f.error}" for f in self.files if f.error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def applicable(self) -> list[TaskChange]:
        out = []
        for f in self.files:
            out.extend(f.changes if self.accept_flagged else f.clean_changes)
        return out

    @property
    def change(self) -> Change:
        if not self.applied:
            return Change()
        tasks = frozenset(c.task_id for c in self.applicable())
        return Change(tasks=tasks, requests=True, summary=self.headline())

    def headline(self) -> str:
        changes = self.applicable()
        notes = sum(c.kind == "note" for c in changes)
        done = sum(c.kind == "complete" for c in changes)
        flags = sum(len(f.flags) for f in self.files)
        verb = "Đã cập nhật" if self.applied else "Sẽ cập nhật"
        text = f"{verb} {notes} ghi tiến độ, {done} hoàn thành từ {len(self.files)} tệp"
        if flags:
            text += f"; {flags} dòng cần xem lại"
        return text

    def summary(self) -> str:
        lines = []
        for f in self.files:
            head = f"{f.name}"
            if f.unit:
                head += f" — {f.unit}"
            if f.sent_on:
                head += f" (đề nghị ngày {f.sent_on:%d/%m/%Y})"
            lines.append(head)
            if f.error:
                lines.append(f"  LỖI: {f.error}")
                continue
            lines.append(f"  {f.answered}/{f.rows} dòng có báo cáo")
            for w in f.warnings:
                lines.append(f"  Lưu ý: {w}")
            for c in f.changes:
                mark = " [bị đánh dấu]" if c.flagged else ""
                what = "Hoàn thành ngày" if c.kind == "complete" else "Tiến độ:"
                detail = c.detail.replace("\n", " / ")
                lines.append(f"  dòng {c.row}: {what} {detail[:120]}{mark} — {c.task_text[:60]}")
            for fl in f.flags:
                lines.append(f"  CẦN XEM LẠI dòng {fl.row}: {fl.reason} — {fl.task_text[:60]}")
        if self.errors:
            lines.append("Không áp dụng gì vì có tệp lỗi (all-or-nothing).")
        else:
            lines.append(self.headline() + ("" if self.applied else " (chưa ghi)"))
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "applied": self.applied,
            "accept_flagged": self.accept_flagged,
            "files": [f.to_json() for f in self.files],
            "errors": self.errors,
        }

"""Evidence files of progress notes: what the detail pane lists, and a copy to open.

A file is always opened from a private temporary copy (the database's bytes on
PostgreSQL, the content-addressed file on SQLite), so a program that saves in place
never changes the stored evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.files import evidence as store
from app.db.models import EvidenceBlob, EvidenceFile
from app.db.store import Database
from app.errors import DatabaseError, NotFoundError


@dataclass(frozen=True, slots=True)
class EvidenceInfo:
    id: int
    note_id: int
    name: str
    size: int
    added_at: datetime


def evidence_of_in(s: Session, note_ids: Iterable[int]) -> dict[int, tuple[EvidenceInfo, ...]]:
    ids = list(note_ids)
    if not ids:
        return {}
    out: dict[int, list[EvidenceInfo]] = {}
    rows = s.scalars(
        select(EvidenceFile).where(EvidenceFile.note_id.in_(ids)).order_by(EvidenceFile.id)
    )
    for r in rows:
        out.setdefault(r.note_id, []).append(
            EvidenceInfo(r.id, r.note_id, r.name, r.size, r.added_at)
        )
    return {k: tuple(v) for k, v in out.items()}


def open_copy(db: Database, evidence_id: int) -> Path:
    """A private temporary copy of one evidence file, under its own name, to open."""
    with db.read() as s:
        row = s.get(EvidenceFile, evidence_id)
        if row is None:
            raise NotFoundError(f"Không tìm thấy tệp minh chứng #{evidence_id} (đã bị bỏ?).")
        name, sha = row.name, row.sha256
        if not db.is_sqlite:
            blob = s.get(EvidenceBlob, sha)
            if blob is None:
                raise DatabaseError(f"Nội dung tệp minh chứng {name} không còn trong CSDL.")
            return store.private_copy(bytes(blob.data), name)
    assert db.path is not None
    stored = store.evidence_dir(db.path) / store.stored_name(sha, name)
    if not stored.is_file():
        raise DatabaseError(
            f"Không thấy tệp minh chứng {name} trong thư mục {stored.parent} (tệp {stored.name}). "
            "Có thể thư mục đã bị xóa hoặc chưa được chép cùng cơ sở dữ liệu; hãy khôi phục "
            "từ bản sao lưu.",
            path=stored,
            reason="missing",
        )
    return store.private_copy(stored, name)

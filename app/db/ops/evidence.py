"""Evidence (minh chứng): a progress note with its document reference and files.

A file's bytes are kept once per content (sha256): on SQLite in the folder beside the
database (app/db/files/evidence.py), on PostgreSQL in `evidence_blobs`, so every PC
sharing the server sees them. A file is stored inside the write transaction that adds
its reference (SQLite takes the write lock first), and removed only when no note refers
to it any more, checked under the same lock: two PCs never race a file away.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.text import clean
from app.db.changes import Change, Created
from app.db.files import evidence as store
from app.db.models import EvidenceBlob, EvidenceFile, ProgressNote
from app.db.ops.common import audit, load_task, write_note
from app.db.reads.settings import setting_in
from app.db.store import Database
from app.db.taskdata import current_user, now
from app.errors import NotFoundError, ValidationError
from app.importers.base import ImportLimits


@dataclass(frozen=True, slots=True)
class _Picked:
    path: Path
    name: str
    sha256: str
    size: int


def _check_files(s: Session, files: Iterable[str | Path]) -> list[_Picked]:
    """Each file exists, is a file and within the size limit (setting import_limits)."""
    limit = ImportLimits.from_setting(setting_in(s, "import_limits"))
    picked: list[_Picked] = []
    for raw in files:
        path = Path(raw)
        if not path.is_file():
            raise ValidationError(f"Không tìm thấy tệp minh chứng {path}.", field="evidence")
        size = path.stat().st_size
        if size > limit.max_file_bytes:
            raise ValidationError(
                f"Tệp minh chứng {path.name} quá lớn ({size / 1_048_576:.1f} MB; tối đa "
                f"{limit.max_file_mb:g} MB, đặt trong Cài đặt › Giới hạn nhập tệp).",
                field="evidence",
            )
        try:
            sha = store.sha256_of(path)
        except OSError as ex:
            raise ValidationError(
                f"Không đọc được tệp minh chứng {path}: {ex.strerror or ex}.", field="evidence"
            ) from ex
        picked.append(_Picked(path, store.safe_name(path.name), sha, size))
    return picked


def _folder(db: Database) -> Path:
    assert db.path is not None
    return store.evidence_dir(db.path)


def _keep_bytes(db: Database, s: Session, item: _Picked) -> None:
    if db.is_sqlite:
        store.store(_folder(db), item.path, item.sha256, item.name)
        return
    if s.get(EvidenceBlob, item.sha256) is None:
        from sqlalchemy.dialects.postgresql import insert  # PostgreSQL only

        s.execute(
            insert(EvidenceBlob)
            .values(sha256=item.sha256, data=item.path.read_bytes())
            .on_conflict_do_nothing(index_elements=["sha256"])
        )


def _attach(
    db: Database, s: Session, note: ProgressNote, picked: Sequence[_Picked]
) -> list[dict[str, Any]]:
    """Store the files' bytes, add their rows and the audit entry that lists them."""
    out: list[dict[str, Any]] = []
    for item in picked:
        _keep_bytes(db, s, item)
        row = EvidenceFile(
            note_id=note.id, sha256=item.sha256, name=item.name, size=item.size, added_at=now()
        )
        s.add(row)
        s.flush()
        out.append({"id": row.id, "name": item.name, "sha256": item.sha256, "size": item.size})
    names = ", ".join(item.name for item in picked)
    audit(
        s,
        "evidence",
        "task",
        note.task_id,
        f"Thêm {len(out)} tệp minh chứng: {names[:200]}",
        None,
        {"note_id": note.id, "files": out},
    )
    return out


def record_progress(
    db: Database,
    task_id: int,
    text: str = "",
    *,
    document: str = "",
    files: Iterable[str | Path] = (),
    author: str | None = None,
    source: str = "",
) -> Created:
    """A progress or completion note with its document reference and evidence files.

    Undo with `remove_note` (the note and its references go; a file stays while another
    note still refers to it).
    """
    text = (text or "").strip()
    document = clean(document or "")
    with db.session() as s:
        task = load_task(s, task_id)
        picked = _check_files(s, files)
        if not text:
            text = document and f"Báo cáo: {document}"
            text = text or ("Minh chứng: " + ", ".join(p.name for p in picked) if picked else "")
        if not text:
            raise ValidationError("Nội dung tiến độ không được để trống.", field="progress")
        note = write_note(
            s,
            task.id,
            text,
            author=author or current_user(),
            source=source,
            summary=_summary(text, document, picked),
            document=document,
            files=[p.name for p in picked],
        )
        note.document = document
        if picked:
            _attach(db, s, note, picked)
        note_id = note.id
    return Created(Change(tasks=frozenset({task_id}), summary="Đã ghi tiến độ"), note_id)


def _summary(text: str, document: str, picked: Sequence[_Picked]) -> str:
    out = f"Thêm tiến độ: {text[:70]}"
    if document:
        out += f" (văn bản {document[:60]})"
    if picked:
        out += f", {len(picked)} tệp minh chứng"
    return out


def attach_evidence(db: Database, note_id: int, files: Iterable[str | Path]) -> Change:
    """Add files to an existing note (undo: `detach_evidence` with the ids it added)."""
    with db.session() as s:
        note = s.get(ProgressNote, note_id)
        if note is None:
            raise NotFoundError(f"Không tìm thấy ghi nhận tiến độ #{note_id}.")
        stored = _attach(db, s, note, _check_files(s, files))
        task_id = note.task_id
    return Change(tasks=frozenset({task_id}), summary=f"Đã thêm {len(stored)} tệp minh chứng")


def detach_evidence(db: Database, evidence_ids: Iterable[int]) -> Change:
    """Remove file references; a file nobody refers to any more is deleted."""
    ids = list(evidence_ids)
    tasks: set[int] = set()
    with db.session() as s:
        rows = s.scalars(select(EvidenceFile).where(EvidenceFile.id.in_(ids))).all()
        gone = []
        for row in rows:
            note = s.get(ProgressNote, row.note_id)
            if note is not None:
                tasks.add(note.task_id)
            gone.append((row.sha256, row.name))
            s.delete(row)
            audit(
                s,
                "evidence_remove",
                "task",
                note.task_id if note else None,
                f"Bỏ tệp minh chứng {row.name}",
                {"note_id": row.note_id, "name": row.name, "sha256": row.sha256},
                None,
            )
        s.flush()
        _collect(db, s, gone)
    return Change(tasks=frozenset(tasks), summary="Đã bỏ tệp minh chứng")


def remove_note(db: Database, note_id: int) -> Change:
    """Delete a progress note and its evidence references (undo of `record_progress`)."""
    with db.session() as s:
        note = s.get(ProgressNote, note_id)
        if note is None:
            raise NotFoundError(f"Không tìm thấy ghi chú tiến độ #{note_id}.")
        files = [(e.sha256, e.name) for e in note.evidence]
        old = {
            "task_id": note.task_id,
            "text": note.text,
            "author": note.author,
            "document": note.document,
            "files": [name for _sha, name in files],
        }
        task_id = note.task_id
        s.delete(note)
        s.flush()
        audit(s, "delete_note", "task", task_id, f"Xóa tiến độ: {note.text[:70]}", old, None)
        _collect(db, s, files)
    return Change(tasks=frozenset({task_id}))


def _collect(db: Database, s: Session, files: Sequence[tuple[str, str]]) -> None:
    """Delete the bytes of files no note refers to any more (inside the write lock)."""
    for sha, name in dict.fromkeys(files):
        left = s.scalar(select(func.count(EvidenceFile.id)).where(EvidenceFile.sha256 == sha))
        if left:
            continue
        if db.is_sqlite:
            store.discard(_folder(db), sha, name)
        else:
            blob = s.get(EvidenceBlob, sha)
            if blob is not None:
                s.delete(blob)

"""Evidence in the details pane: the document reference and files of a new note, the
files of each note as links, and opening one (a private temporary copy, by the system's
program for its type). Adding a note with evidence is one undoable command."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.db.reads.details import NoteInfo
from app.db.reads.evidence import open_copy
from app.db.store import Database
from app.errors import DonDocError
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.logs import show_error
from app.ui.kit.undo import OpCommand


def _size(n: int) -> str:
    if n >= 1_048_576:
        return f"{n / 1_048_576:.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


def evidence_html(note: NoteInfo) -> str:
    """The note's document reference and its files as links ("evidence:<id>")."""
    parts = []
    if note.document:
        parts.append(
            f"<br><span style='color:#3c4043'>{html.escape(tr('Văn bản'))}: "
            f"{html.escape(note.document)}</span>"
        )
    for ev in note.evidence:
        parts.append(
            f"<br>• <a href='evidence:{ev.id}'>{html.escape(ev.name)}</a> "
            f"<span style='color:#5f6368'>({_size(ev.size)})</span>"
        )
    return "".join(parts)


class EvidencePicker(QWidget):
    """Under the note input: the report's "số …, ngày …" and the files to attach."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files: list[str] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.document = QLineEdit(self)
        self.document.setPlaceholderText(tr("Văn bản báo cáo (số, ngày)"))
        self.attach = QPushButton(tr("Minh chứng…"), self)
        self.attach.setToolTip(tr("Đính kèm tệp minh chứng vào ghi nhận tiến độ"))
        self.attach.clicked.connect(self._pick)
        self.chosen = QLabel(self)
        self.chosen.setStyleSheet("color: #5f6368")
        row.addWidget(self.document, 1)
        row.addWidget(self.attach)
        row.addWidget(self.chosen)

    def _pick(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("Chọn tệp minh chứng"))
        if files:
            self.set_files(files)

    def set_files(self, files: list[str]) -> None:
        self.files = list(files)
        self.chosen.setText(tr("{n} tệp", n=len(self.files)) if self.files else "")
        self.chosen.setToolTip("\n".join(Path(f).name for f in self.files))

    def values(self) -> tuple[str, list[str]]:
        return self.document.text().strip(), list(self.files)

    def clear(self) -> None:
        self.document.clear()
        self.set_files([])


class RecordProgressCommand(OpCommand):
    """A note with its document and files; undo removes it (a file stays while another
    note refers to it)."""

    def __init__(
        self,
        ctx: AppContext,
        task_id: int,
        text: str,
        document: str,
        files: list[str],
        parent_widget: QWidget | None = None,
    ) -> None:
        self.note_id: int | None = None

        from app.db import ops  # on first use: the operations load the deadline engine

        def do(db: Database) -> ops.Created:
            created = ops.record_progress(db, task_id, text, document=document, files=files)
            self.note_id = created.id
            return created

        def undo(db: Database) -> ops.Change:
            assert self.note_id is not None
            return ops.remove_note(db, self.note_id)

        super().__init__(ctx, tr("Ghi tiến độ kèm minh chứng"), do, undo, parent_widget)


def open_evidence(ctx: AppContext, evidence_id: int, parent: QWidget | None = None) -> Path | None:
    """Copy the file out privately and let the system open it; errors are shown."""
    try:
        path = open_copy(ctx.db, evidence_id)
    except DonDocError as ex:
        show_error(parent, ex)
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path

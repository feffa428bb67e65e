"""The details dock: everything about the selected task, its progress log, quick actions.

It reads `details.task_detail` and refreshes when the change signal names its task;
buttons only emit requests, the main window turns them into undoable commands.
"""

from __future__ import annotations

import html
import sys
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.db.changes import Change
from app.db.reads import details
from app.db.reads.details import TaskDetail
from app.db.reads.institutions import name_then
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.messages import translate
from app.ui.kit.status_style import status_color, status_text
from app.ui.main.evidence import EvidencePicker, evidence_html
from app.ui.main.follow_up_box import FollowUpBox


def deadline_text(detail: TaskDetail, today: date) -> str:
    """What the deadline phrase was understood as, in words ("kỳ tới" from today)."""
    from app.core.deadlines.parse import describe  # loaded after the first paint (below)

    return translate(describe(detail.deadline, today))


class DetailsPanel(QWidget):
    editRequested = Signal(int)
    completeRequested = Signal(int, bool)  # task id, done (True) or reopen (False)
    noteRequested = Signal(int, str)
    # task id, text, document reference, evidence file paths
    evidenceNoteRequested = Signal(int, str, str, list)
    evidenceOpenRequested = Signal(int)  # evidence id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task_id: int | None = None
        self.detail: TaskDetail | None = None
        self.stack = QStackedWidget(self)
        empty = QLabel(tr("Chọn một nhiệm vụ trong bảng để xem chi tiết."), self)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        empty.setStyleSheet("color: #5f6368; padding: 16px;")
        self.stack.addWidget(empty)
        self.stack.addWidget(self._build_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        ctx.changed.connect(self._on_change)

    def _label(self, *, bold: bool = False, selectable: bool = True) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if selectable:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    def _build_page(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget(scroll)
        v = QVBoxLayout(page)
        v.setContentsMargins(10, 8, 10, 8)
        v.setSpacing(8)
        self.status_line = QLabel(page)
        self.status_line.setTextFormat(Qt.TextFormat.RichText)
        self.text = self._label(bold=True)
        v.addWidget(self.status_line)
        v.addWidget(self.text)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(10)
        self.fields: dict[str, QLabel] = {}
        for key, title in (
            ("lead", tr("Chủ trì")),
            ("coordinators", tr("Phối hợp")),
            ("deadline", tr("Thời hạn")),
            ("due", tr("Hạn")),
            ("completed", tr("Hoàn thành")),
            ("product", tr("Sản phẩm")),
            ("note", tr("Ghi chú")),
            ("plan", tr("Kế hoạch")),
        ):
            self.fields[key] = self._label()
            form.addRow(QLabel(title + ":", page), self.fields[key])
        v.addLayout(form)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(tr("Sửa…"), page)
        self.edit_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        )
        self.edit_button.clicked.connect(lambda: self._emit_edit())
        self.done_button = QPushButton(page)
        self.done_button.clicked.connect(self._toggle_done)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self.follow = FollowUpBox(page)  # specialist, extensions, cancellation
        v.addWidget(self.follow)
        heading = QLabel(tr("Tiến độ thực hiện"), page)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        v.addWidget(heading)
        self.progress = QLabel(page)
        self.progress.setWordWrap(True)
        self.progress.setTextFormat(Qt.TextFormat.RichText)
        self.progress.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.progress.setOpenExternalLinks(False)
        self.progress.linkActivated.connect(self._open_link)
        v.addWidget(self.progress)
        note_row = QHBoxLayout()
        self.note_input = QLineEdit(page)
        self.note_input.setPlaceholderText(tr("Ghi nhận tiến độ mới…"))
        self.note_input.returnPressed.connect(self._add_note)
        self.note_button = QPushButton(tr("Ghi"), page)
        self.note_button.clicked.connect(self._add_note)
        note_row.addWidget(self.note_input, 1)
        note_row.addWidget(self.note_button)
        v.addLayout(note_row)
        self.evidence_row = EvidencePicker(page)
        v.addWidget(self.evidence_row)
        v.addStretch(1)
        scroll.setWidget(page)
        return scroll

    # ----------------------------------------------------------------- content

    def show_task(self, task_id: int | None) -> None:
        self.task_id = task_id
        self.refresh()

    def refresh(self) -> None:
        detail = None
        if self.task_id is not None:
            detail = details.task_detail(self.ctx.db, self.task_id, self.ctx.today())
        self.detail = detail
        if detail is None:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        row = detail.row
        colour = status_color(row.status).name()
        self.status_line.setText(
            f'<span style="color:{colour}; font-weight:600">● {html.escape(status_text(row.status))}</span>'
            + (
                f" &nbsp; <span style='color:#5f6368'>{html.escape(tr('Mục {where}', where=where))}</span>"
                if (where := " – ".join(p for p in (row.section, row.number) if p))
                else ""
            )
        )
        self.text.setText(row.text)
        deadline = row.deadline_raw or tr("(không ghi thời hạn)")
        if "app.core.deadlines.parse" in sys.modules:
            understood = deadline_text(detail, self.ctx.today())
            if understood and understood != row.deadline_raw:
                deadline = f"{deadline}\n→ {understood}"
        else:
            # The deadline engine is loaded after the window has appeared (fast start);
            # until then the phrase is shown as written, then this panel fills it in.
            QTimer.singleShot(0, self._load_engine)
        due = fmt_date(row.due) or "—"
        if row.extended:
            due += " " + tr("(đã gia hạn {n} lần)", n=row.extensions)
        elif detail.due_override:
            due += " " + tr("(đặt thủ công)")
        days = (
            (row.due - self.ctx.today()).days
            if row.due and not row.status.is_done and row.cancelled_on is None
            else None
        )
        if days is not None:
            due += " · " + (tr("trễ {n} ngày", n=-days) if days < 0 else tr("còn {n} ngày", n=days))
        lead = row.lead or "—"
        then = name_then(self.ctx.db, detail.lead_id, detail.ref)
        if then:  # an old plan: the unit as the plan named it, today's name beside it
            lead = tr("{then} (nay: {now})", then=then, now=lead)
        values = {
            "lead": lead,
            "coordinators": "; ".join(row.coordinators) or "—",
            "deadline": deadline,
            "due": due,
            "completed": fmt_date(row.completed_on) or tr("Chưa hoàn thành"),
            "product": row.product or "—",
            "note": row.note or "—",
            "plan": "\n".join(p for p in (row.plan_number, row.plan_title) if p) or "—",
        }
        for key, label in self.fields.items():
            label.setText(values[key])
        self.done_button.setText(tr("Mở lại") if row.completed_on else tr("Hoàn thành"))
        self.done_button.setToolTip(
            tr("Bỏ đánh dấu hoàn thành") if row.completed_on else tr("Đánh dấu hoàn thành hôm nay")
        )
        self.done_button.setIcon(
            self.style().standardIcon(
                QStyle.StandardPixmap.SP_DialogResetButton
                if row.completed_on
                else QStyle.StandardPixmap.SP_DialogApplyButton
            )
        )
        self.follow.show_detail(detail)
        self.progress.setText(
            progress_html(detail) or f"<i>{html.escape(tr('Chưa có ghi nhận.'))}</i>"
        )

    def _load_engine(self) -> None:
        import app.core.deadlines.parse  # noqa: F401  (a few hundred ms: its patterns compile)

        self.refresh()

    def _on_change(self, change: Change) -> None:
        if change is None or self.task_id is None:
            return
        if self.task_id in change.tasks or change.structure:
            self.refresh()

    def _emit_edit(self) -> None:
        if self.task_id is not None:
            self.editRequested.emit(self.task_id)

    def _toggle_done(self) -> None:
        if self.detail is not None:
            self.completeRequested.emit(self.detail.row.id, self.detail.row.completed_on is None)

    def _add_note(self) -> None:
        text = self.note_input.text().strip()
        document, files = self.evidence_row.values()
        if self.task_id is None or not (text or document or files):
            return
        if document or files:
            self.evidenceNoteRequested.emit(self.task_id, text, document, files)
        else:
            self.noteRequested.emit(self.task_id, text)
        self.note_input.clear()
        self.evidence_row.clear()

    def _open_link(self, link: str) -> None:
        if link.startswith("evidence:"):
            self.evidenceOpenRequested.emit(int(link.removeprefix("evidence:")))


def progress_html(detail: TaskDetail) -> str:
    """The progress log, newest first: date, author, text."""
    items = []
    for note in reversed(detail.notes):
        when = note.created_at.strftime("%d/%m/%Y %H:%M") if note.created_at else ""
        who = html.escape(note.author or "")
        source = f" · {html.escape(note.source)}" if note.source else ""
        items.append(
            f"<p style='margin:0 0 6px 0'><span style='color:#5f6368'>{when} · {who}{source}</span>"
            f"<br>{html.escape(note.text)}{evidence_html(note)}</p>"
        )
    return "".join(items)

"""The follow-through part of the details pane: the specialist who follows the task, its
deadline history (original deadline and every extension), its cancellation, and the
buttons to extend, cancel or restore it. Buttons only emit requests; the window turns
them into undoable commands (app.ui.main.follow_up)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.core.status import Status
from app.db.reads.details import TaskDetail
from app.ui.kit.i18n import fmt_date, tr


def cancel_kinds() -> list[tuple[str, str]]:
    return [
        (tr("Hủy nhiệm vụ"), "cancelled"),
        (tr("Thu hồi nhiệm vụ"), "withdrawn"),
        (tr("Không thực hiện"), "not_done"),
    ]


def cancel_kind_label(kind: str) -> str:
    return dict((k, label) for label, k in cancel_kinds()).get(kind, kind)


def history_html(detail: TaskDetail) -> str:
    """ "Hạn ban đầu", then each extension: from → to, reason, document, who asked."""
    if not detail.extensions:
        return ""
    first = fmt_date(detail.original_due) or tr("chưa có hạn")
    items = [
        f"<tr><td colspan='2' style='color:#5f6368'>{html.escape(tr('Hạn ban đầu'))}: "
        f"<b>{first}</b></td></tr>"
    ]
    for n, e in enumerate(detail.extensions, 1):
        lines = [f"<b>{fmt_date(e.old_due) or '—'} → {fmt_date(e.new_due)}</b>"]
        lines.append(html.escape(e.reason))
        if e.document:
            lines.append(html.escape(tr("Văn bản: {doc}", doc=e.document)))
        if e.requested_by:
            lines.append(html.escape(tr("Đề nghị của: {who}", who=e.requested_by)))
        lines.append(
            f"<span style='color:#5f6368'>{e.created_at:%d/%m/%Y} · {html.escape(e.author)}</span>"
        )
        items.append(
            f"<tr><td valign='top' width='16'>{n}.</td>"
            f"<td style='padding-bottom:4px'>{'<br>'.join(lines)}</td></tr>"
        )
    return f"<table cellspacing='0' cellpadding='1'>{''.join(items)}</table>"


class FollowUpBox(QWidget):
    extendRequested = Signal(int)
    cancelRequested = Signal(int)
    restoreRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task_id: int | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(6)
        self.specialist = self._label()
        self.cancelled = self._label()
        self.cancelled.setStyleSheet(
            "background:#f1f3f4; border-left:3px solid #80868b; padding:4px 6px;"
        )
        self.heading = QLabel(tr("Gia hạn"), self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.history = self._label()
        for w in (self.specialist, self.cancelled, self.heading, self.history):
            v.addWidget(w)
        row = QHBoxLayout()
        self.extend_button = QPushButton(tr("Gia hạn…"), self)
        self.extend_button.setToolTip(tr("Gia hạn thời hạn theo văn bản cho phép"))
        self.extend_button.clicked.connect(lambda: self._emit(self.extendRequested))
        self.cancel_button = QPushButton(tr("Hủy / thu hồi…"), self)
        self.cancel_button.clicked.connect(lambda: self._emit(self.cancelRequested))
        self.restore_button = QPushButton(tr("Khôi phục"), self)
        self.restore_button.setToolTip(tr("Khôi phục nhiệm vụ đã hủy / thu hồi"))
        self.restore_button.clicked.connect(lambda: self._emit(self.restoreRequested))
        for b in (self.extend_button, self.cancel_button, self.restore_button):
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)

    def _label(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    def _emit(self, signal) -> None:
        if self.task_id is not None:
            signal.emit(self.task_id)

    def show_detail(self, detail: TaskDetail) -> None:
        self.task_id = detail.row.id
        row = detail.row
        who = row.specialist
        if who and not detail.own_specialist:
            who += " " + tr("(theo đơn vị chủ trì)")
        self.specialist.setText(
            f"{html.escape(tr('Chuyên viên theo dõi'))}: <b>{html.escape(who or '—')}</b>"
        )
        gone = row.status == Status.CANCELLED
        self.cancelled.setVisible(gone)
        if gone:
            parts = [
                f"<b>{html.escape(cancel_kind_label(detail.cancel_kind))}</b> "
                + html.escape(tr("ngày {day}", day=fmt_date(row.cancelled_on))),
                html.escape(tr("Lý do: {reason}", reason=detail.cancel_reason)),
            ]
            if detail.cancel_document:
                parts.append(html.escape(tr("Văn bản: {doc}", doc=detail.cancel_document)))
            parts.append(f"<i>{html.escape(tr('Không tính vào số liệu và báo cáo.'))}</i>")
            self.cancelled.setText("<br>".join(parts))
        text = history_html(detail)
        self.heading.setVisible(bool(text))
        self.history.setVisible(bool(text))
        self.history.setText(text)
        self.extend_button.setVisible(not gone and not row.recurring)
        self.cancel_button.setVisible(not gone)
        self.restore_button.setVisible(gone)

"""When someone else saved the same task: show both versions and let the user choose.

Nothing is overwritten silently: "Giữ bản của tôi" saves over the other version on
purpose, "Dùng bản đã lưu" drops this edit, "Quay lại sửa" keeps the editor open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.deadlines.types import Deadline
from app.ui.kit.i18n import fmt_date, tr, tr_noop
from app.ui.kit.places import size_dialog

KEEP_MINE, TAKE_THEIRS, BACK = "mine", "theirs", "back"


@dataclass(frozen=True, slots=True)
class Shown:
    """A line of the comparison: its label and the TaskInput fields it shows."""

    key: str
    label: str
    sources: tuple[str, ...]


SHOWN = (
    Shown("text", tr_noop("Nội dung"), ("text",)),
    Shown("lead", tr_noop("Chủ trì"), ("lead_id",)),
    Shown("coordinators", tr_noop("Phối hợp"), ("coordinator_ids",)),
    Shown("deadline", tr_noop("Thời hạn"), ("deadline",)),
    Shown("due", tr_noop("Hạn"), ("deadline", "due_override")),
    Shown("completed_on", tr_noop("Hoàn thành"), ("completed_on",)),
    Shown("product", tr_noop("Sản phẩm"), ("product",)),
    Shown("note", tr_noop("Ghi chú"), ("note",)),
)


def snapshot_view(snap: dict, names: dict[int, str]) -> dict[str, str]:
    """A task snapshot (as the operations store it) in the editor's terms, as text."""

    def units(role: str) -> str:
        items = sorted(
            (u for u in snap.get("units", []) if u["role"] == role), key=lambda u: u["position"]
        )
        return "; ".join(names.get(u["department_id"], f"#{u['department_id']}") for u in items)

    def day(value: str | None) -> str:
        return fmt_date(date.fromisoformat(value)) if value else ""

    return {
        "text": snap.get("text", ""),
        "lead": units("lead"),
        "coordinators": units("coordinating"),
        "deadline": snap.get("deadline_raw", ""),
        "due": day(snap.get("due_date")),
        "completed_on": day(snap.get("completed_on")),
        "product": snap.get("product", ""),
        "note": snap.get("note", ""),
    }


def mine_view(
    values: dict[str, Any], changed: dict[str, Any], theirs: dict[str, str], names: dict[int, str]
) -> dict[str, str]:
    """The editor's values as text, for the left column. "Keep mine" writes only the
    fields this user changed over the saved version, so the others show the saved ones."""
    dl: Deadline = values["deadline"]
    due = values["due_override"] or dl.due
    view = {
        "text": " ".join(values["text"].split()),
        "lead": names.get(values["lead_id"], "") if values["lead_id"] else "",
        "coordinators": "; ".join(names.get(i, "") for i in values["coordinator_ids"]),
        "deadline": dl.raw,
        "due": fmt_date(due),
        "completed_on": fmt_date(values["completed_on"]),
        "product": values["product"].strip(),
        "note": values["note"].strip(),
    }
    return {
        f.key: view[f.key] if any(s in changed for s in f.sources) else theirs.get(f.key, "")
        for f in SHOWN
    }


class ConflictDialog(QDialog):
    def __init__(self, mine: dict[str, str], theirs: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Nhiệm vụ vừa được người khác sửa"))
        self.choice = BACK
        intro = QLabel(
            tr(
                "Trong lúc bạn sửa, nhiệm vụ này đã được lưu từ một máy khác. Chưa có gì bị ghi đè. "
                "Hãy so sánh hai phiên bản và chọn bản cần giữ. «Giữ bản của tôi» chỉ ghi các "
                "ô bạn đã sửa (tô màu), các ô khác giữ như bản đã lưu."
            ),
            self,
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        for col, title in enumerate(("", tr("Bản của bạn"), tr("Bản đã lưu (người khác)"))):
            head = QLabel(f"<b>{title}</b>", self)
            grid.addWidget(head, 0, col)
        self.differences: list[str] = []
        for row, shown in enumerate(SHOWN, start=1):
            key, label = shown.key, tr(shown.label)
            a, b = mine.get(key, ""), theirs.get(key, "")
            differs = a != b
            if differs:
                self.differences.append(key)
            grid.addWidget(QLabel(label + ":", self), row, 0, Qt.AlignmentFlag.AlignTop)
            for col, value in ((1, a), (2, b)):
                cell = QLabel(value or "—", self)
                cell.setWordWrap(True)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                cell.setMinimumWidth(260)
                if differs:
                    cell.setStyleSheet("background: #fff3e0; padding: 2px;")
                grid.addWidget(cell, row, col, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(len(SHOWN) + 1, 1)  # rows stay together at the top
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        body = QWidget(self)
        body.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(self)
        self.mine_button = QPushButton(tr("Giữ bản của tôi"), self)
        self.theirs_button = QPushButton(tr("Dùng bản đã lưu"), self)
        self.back_button = QPushButton(tr("Quay lại sửa"), self)
        buttons.addButton(self.mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.theirs_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.mine_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.theirs_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        self.back_button.clicked.connect(lambda: self._choose(BACK))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        size_dialog(self, 840, min(560, max(360, self.sizeHint().height())))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == BACK:
            self.reject()
        else:
            self.accept()

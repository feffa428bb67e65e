"""The office's identity on prints and letters (the "org" setting): one form, used by the
settings dialog and by the question asked before the first print or letter.

A clerk's first weekly list used to carry whatever the defaults said at its head; the
head of office cannot sign that. So the facts are asked for once, with a small picture
of the letterhead they make.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import DonDocError
from app.exports.office import PLACEHOLDERS, Org
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.messages import error_message
from app.ui.kit.places import size_dialog
from app.ui.kit.widgets import button_box

PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
FIELDS = ("parent", "issuer", "place", "signer_title", "signer_name")


class OfficeForm(QGroupBox):
    """Cơ quan chủ quản, tên cơ quan, Party or state form, địa danh, người ký."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Thể thức văn bản in"), parent)
        self._extra: dict[str, Any] = {}  # keys this form does not edit, kept as they are
        self.edits = {key: QLineEdit(self) for key in FIELDS}
        e = self.edits
        e["parent"].setPlaceholderText(tr("ví dụ: ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"))
        e["issuer"].setPlaceholderText(tr("ví dụ: VĂN PHÒNG ĐẢNG ỦY KHỐI"))
        e["place"].setPlaceholderText(tr("ví dụ: Quảng Ninh"))
        e["signer_title"].setPlaceholderText(tr("ví dụ: CHÁNH VĂN PHÒNG"))
        e["signer_name"].setPlaceholderText(tr("ví dụ: Nguyễn Văn A"))
        self.party = QRadioButton(tr("Đảng (ĐẢNG CỘNG SẢN VIỆT NAM)"), self)
        self.state = QRadioButton(tr("Nhà nước (Quốc hiệu, Tiêu ngữ)"), self)
        self.party.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.party)
        group.addButton(self.state)
        motto = QHBoxLayout()
        motto.addWidget(self.party)
        motto.addWidget(self.state)
        motto.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("Cơ quan chủ quản:"), e["parent"])
        form.addRow(tr("Tên cơ quan:"), e["issuer"])
        form.addRow(tr("Thể thức:"), motto)
        form.addRow(tr("Địa danh:"), e["place"])
        form.addRow(tr("Chức vụ người ký:"), e["signer_title"])
        form.addRow(tr("Họ tên người ký:"), e["signer_name"])
        self.preview = QLabel(self)
        self.preview.setStyleSheet("background:white; border:1px solid #bbb; padding:6px;")
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        for edit in self.edits.values():
            edit.textChanged.connect(self._update_preview)
        self.state.toggled.connect(self._update_preview)
        self._update_preview()

    def set_values(self, org: dict[str, Any] | None) -> None:
        org = dict(org or {})
        for key, edit in self.edits.items():
            edit.setText(str(org.pop(key, "") or ""))
        (self.state if org.pop("motto", "party") == "state" else self.party).setChecked(True)
        self._extra = org
        self._update_preview()

    def values(self) -> dict[str, Any]:
        out = dict(self._extra)
        out.update({key: " ".join(edit.text().split()) for key, edit in self.edits.items()})
        out["motto"] = "state" if self.state.isChecked() else "party"
        return out

    def _update_preview(self) -> None:
        """The letterhead and signature as printed: what is missing shows as its blank."""
        org = Org.from_setting(self.values())
        left = f"{escape(org.parent_line)}<br><b>{escape(org.issuer_line)}</b><br>*"
        if not org.party:
            right = f"<b>{STATE_MOTTO[0]}</b><br><b><u>{STATE_MOTTO[1]}</u></b>"
        else:
            right = f"<b><u>{PARTY_MOTTO}</u></b>"
        right += f"<br><i>{escape(org.shown('place'))}, {tr('ngày … tháng … năm …')}</i>"
        sign = f"<b>{escape(org.title_line)}</b><br><br>{escape(org.name_line)}"
        self.preview.setText(
            "<table width='100%' style='font-family:\"Liberation Serif\",serif; font-size:9pt'>"
            f"<tr><td align='center'>{left}</td><td align='center'>{right}</td></tr>"
            f"<tr><td></td><td align='center'><br>{sign}</td></tr></table>"
        )


class OfficeDialog(QDialog):
    """Asked before the first print or letter while the office's identity is incomplete:
    what is missing prints as a bracketed blank ("[TÊN CƠ QUAN]") until it is given."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Thông tin cơ quan"))
        intro = QLabel(
            tr(
                "Văn bản in và công văn mang tên cơ quan, địa danh và người ký. Hãy cho biết "
                "các thông tin này một lần (sửa lại được trong Cài đặt); thông tin còn thiếu "
                "sẽ in thành chỗ trống để điền tay, như «{blank}».",
                blank=PLACEHOLDERS["issuer"],
            ),
            self,
        )
        intro.setWordWrap(True)
        self.form = OfficeForm(self)
        self.form.set_values(ctx.setting("org"))
        self.error = QLabel(self)
        self.error.setStyleSheet("color:#c62828;")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.error)
        layout.addWidget(button_box(self, ok=tr("Lưu"), cancel=tr("Để sau")))
        size_dialog(self, 620, 520)

    def accept(self) -> None:
        from app.db import ops  # on first use: the operations load the deadline engine

        try:
            self.ctx.apply(ops.set_setting, "org", self.form.values())
        except DonDocError as ex:
            self.error.setText(error_message(ex))
            return
        super().accept()


def office_missing(ctx: AppContext) -> tuple[str, ...]:
    """The facts a document cannot be signed without that the office has not given."""
    return Org.from_setting(ctx.setting("org")).missing

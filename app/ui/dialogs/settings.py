"""Settings stored in the database (shared by everyone using the same file).

Keys and defaults are `app.db.reads.settings.DEFAULT_SETTINGS`; only changed values are written,
each through `ops.set_setting` (so each change is in the audit log). The
language is also kept in the user's QSettings ("language"). When the dialog's parent
can switch language live (the main window's `set_language`, which rebuilds the window),
it is asked to once the dialog has closed; otherwise the language applies at the next
start.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.deadlines.terms import term_for
from app.db import ops
from app.db.reads.settings import DEFAULT_SETTINGS, settings
from app.errors import DonDocError
from app.ui.dialogs.office import OfficeForm
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import LANGUAGES, language, tr
from app.ui.kit.logs import show_error
from app.ui.kit.messages import error_message
from app.ui.kit.widgets import button_box

VI_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
EN_LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
KEYS = (
    "language",
    "term",
    "soon_days",
    "warn_days",
    "backup_keep",
    "org",
    "import_limits",
    "shared_database",
)


def parse_warn_days(text: str) -> list[int]:
    """ "7, 3, 1" -> [7, 3, 1]: unique, largest first; ValueError when not numbers 0–365."""
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if not parts:
        return []
    try:
        days = {int(p) for p in parts}
    except ValueError:
        raise ValueError(tr("Số ngày nhắc phải là các số, cách nhau bởi dấu phẩy.")) from None
    if any(d < 0 or d > 365 for d in days):
        raise ValueError(tr("Số ngày nhắc phải từ 0 đến 365."))
    return sorted(days, reverse=True)


def _spin(parent: QWidget, low: int, high: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox(parent)
    box.setLocale(VI_LOCALE if language() == "vi" else EN_LOCALE)  # 200.000 / 200,000
    box.setRange(low, high)
    box.setGroupSeparatorShown(True)
    if suffix:
        box.setSuffix(suffix)
    return box


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Cài đặt"))
        self.setMinimumWidth(980)

        general = QGroupBox(tr("Chung"), self)
        self.language = QComboBox(general)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.term_from = _spin(general, 1990, 2100)
        self.term_to = _spin(general, 1990, 2100)
        self.term_from.setGroupSeparatorShown(False)
        self.term_to.setGroupSeparatorShown(False)
        self.term_auto = QCheckBox(
            tr("Theo ngày ký và cơ quan ban hành của từng kế hoạch"), general
        )
        self.term_auto.setToolTip(
            tr(
                "Kế hoạch của cấp ủy địa phương: nhiệm kỳ 2020–2025, 2025–2030…; của Trung ương "
                "và cơ quan nhà nước: 2021–2026, 2026–2031…"
            )
        )
        self.term_auto.toggled.connect(self._term_auto_toggled)
        term = QHBoxLayout()
        term.addWidget(self.term_auto)
        term.addWidget(self.term_from)
        term.addWidget(QLabel("–", general))
        term.addWidget(self.term_to)
        term.addStretch(1)
        form = QFormLayout(general)
        lang = QHBoxLayout()
        lang.addWidget(self.language)
        live = callable(getattr(parent, "set_language", None))
        lang.addWidget(
            QLabel(
                tr("(áp dụng ngay khi lưu)") if live else tr("(áp dụng khi mở lại chương trình)"),
                general,
            )
        )
        lang.addStretch(1)
        form.addRow(tr("Ngôn ngữ:"), lang)
        form.addRow(tr("Nhiệm kỳ:"), term)
        self.shared = QCheckBox(tr("Dùng chung: nhiều máy mở tệp dữ liệu này qua thư mục mạng"))
        self.shared.setToolTip(
            tr(
                "Mọi máy (kể cả máy chia sẻ thư mục) dùng chế độ ghi an toàn cho thư mục mạng. "
                "Máy mở tệp qua mạng tự bật mục này; chỉ bỏ chọn khi không còn máy nào khác mở tệp."
            )
        )
        self.shared.setVisible(ctx.db.is_sqlite)
        form.addRow(self.shared)

        deadlines = QGroupBox(tr("Thời hạn"), self)
        self.soon_days = _spin(deadlines, 0, 90, tr(" ngày"))
        self.warn_days = QLineEdit(deadlines)
        self.warn_days.setPlaceholderText("7, 3, 1")
        form = QFormLayout(deadlines)
        form.addRow(tr("Báo «sắp đến hạn» trước:"), self.soon_days)
        form.addRow(tr("Nhắc trước hạn (ngày):"), self.warn_days)

        org = self.office = OfficeForm(self)

        data = QGroupBox(tr("Sao lưu và nhập tệp"), self)
        self.backup_keep = _spin(data, 1, 1000, tr(" bản"))
        self.max_mb = _spin(data, 1, 4000, " MB")
        self.max_rows = _spin(data, 100, 5_000_000, tr(" dòng"))
        self.max_cell = _spin(data, 100, 10_000_000, tr(" ký tự"))
        self.max_pages = _spin(data, 10, 100_000, tr(" trang"))
        form = QFormLayout(data)
        form.addRow(tr("Số bản sao lưu giữ lại:"), self.backup_keep)
        form.addRow(tr("Tệp nhập tối đa:"), self.max_mb)
        form.addRow(tr("Số dòng tối đa:"), self.max_rows)
        form.addRow(tr("Độ dài ô tối đa:"), self.max_cell)
        form.addRow(tr("Số trang PDF tối đa:"), self.max_pages)

        self.error = QLabel(self)
        self.error.setStyleSheet("color:#c62828;")
        self.error.setWordWrap(True)
        self.defaults_btn = QPushButton(tr("Khôi phục mặc định"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.defaults_btn)
        bottom.addStretch(1)
        bottom.addWidget(button_box(self, ok=tr("Lưu")))

        grid = QGridLayout()
        grid.addWidget(general, 0, 0)
        grid.addWidget(deadlines, 1, 0)
        grid.addWidget(data, 2, 0)
        grid.addWidget(org, 0, 1, 3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

        self.defaults_btn.clicked.connect(lambda: self.show_values(DEFAULT_SETTINGS))
        self.stored = self._load()
        self.show_values(self.stored)

    # ----------------------------------------------------------------- values

    def _load(self) -> dict[str, Any]:
        return copy.deepcopy(settings(self.ctx.db, list(KEYS)))

    def show_values(self, values: dict[str, Any]) -> None:
        merged: dict[str, Any] = {k: values.get(k, DEFAULT_SETTINGS.get(k)) for k in KEYS}
        self.language.setCurrentIndex(max(0, self.language.findData(merged["language"])))
        term = merged["term"]
        self.term_auto.setChecked(not term)
        first, last = (int(term[0]), int(term[1])) if term else term_for(self.ctx.today())
        self.term_from.setValue(first)
        self.term_to.setValue(last)
        self._term_auto_toggled(self.term_auto.isChecked())
        self.soon_days.setValue(int(merged["soon_days"]))
        self.warn_days.setText(", ".join(str(d) for d in merged["warn_days"] or []))
        self.backup_keep.setValue(int(merged["backup_keep"]))
        self.office.set_values({**DEFAULT_SETTINGS["org"], **(merged["org"] or {})})
        limits = {**DEFAULT_SETTINGS["import_limits"], **(merged["import_limits"] or {})}
        self.max_mb.setValue(int(limits["max_file_mb"]))
        self.max_rows.setValue(int(limits["max_rows"]))
        self.max_cell.setValue(int(limits["max_cell_chars"]))
        self.shared.setChecked(merged["shared_database"] is True)
        self.max_pages.setValue(int(limits["max_pages"]))
        self.error.clear()

    def values(self) -> dict[str, Any]:
        """What the form says; ValueError with a readable message when it is not valid."""
        auto = self.term_auto.isChecked()
        if not auto and self.term_from.value() >= self.term_to.value():
            raise ValueError(tr("Năm bắt đầu nhiệm kỳ phải trước năm kết thúc."))
        return {
            "language": self.language.currentData(),
            "term": None if auto else [self.term_from.value(), self.term_to.value()],
            "soon_days": self.soon_days.value(),
            "warn_days": parse_warn_days(self.warn_days.text()),
            "backup_keep": self.backup_keep.value(),
            "org": self.office.values(),
            "import_limits": {
                "max_file_mb": self.max_mb.value(),
                "max_rows": self.max_rows.value(),
                "max_cell_chars": self.max_cell.value(),
                "max_pages": self.max_pages.value(),
            },
            "shared_database": self.shared.isChecked(),
        }

    def _term_auto_toggled(self, auto: bool) -> None:
        self.term_from.setEnabled(not auto)
        self.term_to.setEnabled(not auto)

    def _apply_shared(self, shared: bool) -> None:
        """Reconnect so that the file's journal mode follows the setting now."""
        if self.ctx.db.reconnect() == "wal" and shared:
            QMessageBox.information(
                self,
                tr("Dùng chung"),
                tr(
                    "Đã lưu. Tệp dữ liệu chuyển sang chế độ dùng chung khi các cửa sổ Đôn Đốc "
                    "khác đang mở tệp này được đóng lại; đến lúc đó các máy khác chưa mở được "
                    "tệp qua mạng."
                ),
            )

    def accept(self) -> None:
        try:
            values = self.values()
        except ValueError as ex:
            self.error.setText(error_message(ex))
            return
        shared_before = self.stored.get("shared_database")
        try:
            for key, value in values.items():
                if value != self.stored.get(key):
                    self.ctx.apply(ops.set_setting, key, value)
                    self.stored[key] = value
            if values["shared_database"] != shared_before:
                self._apply_shared(values["shared_database"])
        except DonDocError as ex:
            show_error(self, ex)
            return
        self.ctx.qsettings.setValue("language", values["language"])
        super().accept()
        switch = getattr(self.parent(), "set_language", None)
        if callable(switch) and values["language"] != language():
            # After the dialog is gone: the window it belongs to is rebuilt.
            QTimer.singleShot(0, lambda: switch(values["language"]))

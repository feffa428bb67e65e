"""Input widgets of the task editor: dd/mm/yyyy dates, unit names with completion.

Unit completion matches without accents or case ("to chuc" finds "Ban Tổ chức …") and
also by short name; several units are separated by ";".
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QInputDialog, QLabel, QLineEdit, QWidget

from app.core.text import clean, fold
from app.ui.kit.i18n import fmt_date, tr

FoldRole = Qt.ItemDataRole.UserRole + 10
_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")


def parse_date_vn(text: str) -> date | None:
    """ "30/6/2023", "30-06-23", "30.6.2023" -> date; "" -> None; ValueError if invalid."""
    text = (text or "").strip()
    if not text:
        return None
    m = _DATE.match(text)
    if not m:
        raise ValueError(tr("Ngày «{text}» không đúng dạng dd/mm/yyyy.", text=text))
    day, month, year = int(m[1]), int(m[2]), int(m[3])
    if len(m[3]) == 2:  # "30/6/23"; "30/6/0023" is not 2023
        year += 2000
    try:
        if year < 1900:
            raise ValueError(year)
        return date(year, month, day)
    except ValueError as ex:
        raise ValueError(tr("Ngày {text} không có thật.", text=text)) from ex


class DateField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("dd/mm/yyyy"))
        self.setMaximumWidth(140)

    def set_date(self, d: date | None) -> None:
        self.setText(fmt_date(d))

    def date_value(self) -> date | None:
        """The date typed; ValueError with a readable message if it is not a date."""
        return parse_date_vn(self.text())


class ErrorLabel(QLabel):
    """Red text under a field; hidden when there is nothing wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #c62828;")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class UnitCompleter(QCompleter):
    """Completes unit names from the department list, accents ignored."""

    def __init__(self, units: list[tuple[str, str]], parent=None, *, multi: bool = False) -> None:
        model = QStandardItemModel(parent)
        for name, short in units:
            item = QStandardItem(name)
            item.setData(fold(f"{name} {short}"), FoldRole)
            item.setToolTip(name)
            model.appendRow(item)
        super().__init__(model, parent)
        self.multi = multi
        self.setCompletionRole(FoldRole)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:
        if self.multi:
            path = path.split(";")[-1]
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not self.multi:
            return name
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = [p.strip() for p in text.split(";")[:-1] if p.strip()]
        return "; ".join([*head, name])


class UnitField(QLineEdit):
    """One unit, or several separated by ";" (`multi`)."""

    def __init__(
        self, units: list[tuple[str, str]], parent: QWidget | None = None, *, multi: bool = False
    ) -> None:
        super().__init__(parent)
        self.multi = multi
        self.setCompleter(UnitCompleter(units, self, multi=multi))
        self.setPlaceholderText(
            tr("Gõ tên đơn vị, nhiều đơn vị cách nhau bằng dấu ;")
            if multi
            else tr("Gõ tên đơn vị (không cần dấu)")
        )

    def names(self) -> list[str]:
        parts = self.text().split(";") if self.multi else [self.text()]
        return [n for p in parts if (n := clean(p))]

    def set_names(self, names: list[str]) -> None:
        self.setText("; ".join(names))


def ask_date(parent: QWidget | None, title: str, label: str, default: date) -> date | None:
    """A date typed as dd/mm/yyyy; asks again (saying why) until valid or cancelled."""
    text = fmt_date(default)
    prompt = label
    while True:
        dialog = QInputDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(prompt)
        dialog.setTextValue(text)
        dialog.setOkButtonText(tr("Đồng ý"))
        dialog.setCancelButtonText(tr("Hủy"))
        if not dialog.exec():
            return None
        text = dialog.textValue()
        try:
            value = parse_date_vn(text)
        except ValueError as ex:
            prompt = f"{ex}\n{label}"
            continue
        if value is not None:
            return value
        prompt = f"{tr('Hãy nhập một ngày.')}\n{label}"

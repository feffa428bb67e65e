"""When the task table's header is not found: the first rows of the sheet, the header row
the clerk points at, and which column holds what.

The reader knows the usual column names ("Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời
gian hoàn thành"); an office's own sheet may say "Việc", "Người làm", "Khi nào". Rather
than a command-line option, the clerk sees her sheet, clicks the header row and names
the columns; the file is then read again with her reading.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit.i18n import tr, tr_noop
from app.ui.kit.widgets import one_line_rows

# The columns a clerk names (role, label); the task text is required.
ROLES = (
    ("text", tr_noop("Cột nội dung nhiệm vụ:")),
    ("lead", tr_noop("Cột đơn vị chủ trì:")),
    ("coordinators", tr_noop("Cột đơn vị phối hợp:")),
    ("deadline", tr_noop("Cột thời hạn:")),
)
SHOWN_ROWS = 15


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: as the spreadsheet names its columns."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def guess_header(rows: list[list[str]]) -> int:
    """The first row (1-based) filled across most of the table's width: where a header
    usually is, under the title lines."""
    width = max((sum(1 for v in r if v) for r in rows[:SHOWN_ROWS]), default=0)
    for i, row in enumerate(rows[:SHOWN_ROWS]):
        if width >= 2 and sum(1 for v in row if v) >= max(2, width - 1):
            return i + 1
    return 1


class HeaderChooser(QWidget):
    """Emits `readAgain(header_row, columns)`: 1-based row, (role, 0-based column) pairs
    (empty: let the reader recognise the columns on that row)."""

    readAgain = Signal(int, tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[list[str]] = []
        self.title = QLabel(
            tr(
                "Chọn dòng tiêu đề của bảng (bấm vào dòng đó) và cho biết cột nào ghi nội "
                "dung, đơn vị, thời hạn:"
            ),
            self,
        )
        self.title.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        one_line_rows(self.table)
        self.header_row = QSpinBox(self)
        self.header_row.setRange(1, 1000)
        self.combos = {role: QComboBox(self) for role, _ in ROLES}
        self.read_btn = QPushButton(tr("Đọc lại với dòng này"), self)
        form = QFormLayout()
        form.addRow(tr("Dòng tiêu đề của bảng (STT, Nội dung, Chủ trì…):"), self.header_row)
        for role, label in ROLES:
            form.addRow(tr(label), self.combos[role])
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.read_btn)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        self.header_row.valueChanged.connect(self._row_chosen)
        self.table.currentCellChanged.connect(self._cell_chosen)
        self.read_btn.clicked.connect(self._read)

    def _cell_chosen(self, row: int, *_: int) -> None:
        if row >= 0:
            self.header_row.setValue(row + 1)

    def show_rows(self, rows: list[list[str]], header_row: int | None) -> None:
        """The sheet's first rows; `header_row` (1-based) proposed when known."""
        self.rows = [list(r) for r in rows]
        width = max((len(r) for r in self.rows[:SHOWN_ROWS]), default=0)
        self.table.clear()
        self.table.setRowCount(min(len(self.rows), SHOWN_ROWS))
        self.table.setColumnCount(width)
        self.table.setHorizontalHeaderLabels([column_letter(c) for c in range(width)])
        for r, row in enumerate(self.rows[:SHOWN_ROWS]):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for c in range(width):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 220))
        self.header_row.setMaximum(max(1, len(self.rows)))
        self.header_row.setValue(header_row or guess_header(self.rows))
        self._row_chosen(self.header_row.value())

    def _row_chosen(self, row: int) -> None:
        labels = self.rows[row - 1] if 0 < row <= len(self.rows) else []
        width = max(len(labels), self.table.columnCount())
        for combo in self.combos.values():
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("(tự nhận biết)"), None)
            for c in range(width):
                text = labels[c] if c < len(labels) else ""
                combo.addItem(f"{column_letter(c)}: {text[:40]}" if text else column_letter(c), c)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)
        if 0 < row <= self.table.rowCount():
            self.table.selectRow(row - 1)

    def columns(self) -> tuple[tuple[str, int], ...]:
        chosen = {role: combo.currentData() for role, combo in self.combos.items()}
        return tuple((role, col) for role, col in chosen.items() if col is not None)

    def _read(self) -> None:
        columns = self.columns()
        if columns and "text" not in dict(columns):
            self.title.setText(tr("Hãy chọn cột nội dung nhiệm vụ (cột bắt buộc)."))
            self.title.setStyleSheet("color:#b71c1c;")
            return
        self.readAgain.emit(self.header_row.value(), columns)

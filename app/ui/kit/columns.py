"""Column widths from what the columns hold: short columns as wide as their text (up to a
maximum, beyond which cells wrap or elide and the tooltip has the rest), the long text
column takes what is left.

Fixed pixel widths were either too narrow for a unit's name or so wide that the column
after them ("Thời hạn") was pushed out of a 1366-pixel window. Only the first rows are
measured (a table may hold 100,000 tasks; its rows are fetched lazily).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

SAMPLE_ROWS = 200
PADDING = 14  # the cell's margins and the focus frame, both sides
ICON_ROOM = 22  # a decoration (status icon) and its gap


def text_width(fm: QFontMetrics, text: str) -> int:
    """The widest line of `text` in pixels."""
    lines = text.replace("\u2028", "\n").split("\n")
    return max(fm.horizontalAdvance(line) for line in lines) if text else 0


def content_width(view: QAbstractItemView, column: int, rows: int = SAMPLE_ROWS) -> int:
    """The width column `column` needs to show its header and its first `rows` cells."""
    model: QAbstractItemModel = view.model()
    fm = view.fontMetrics()
    header = getattr(view, "horizontalHeader", None)
    widest = header().sectionSizeFromContents(column).width() if header else 0
    display = Qt.ItemDataRole.DisplayRole
    for row in range(min(rows, model.rowCount())):
        index = model.index(row, column)
        text = model.data(index, display)
        if not text:
            continue
        width = text_width(fm, str(text)) + PADDING
        if model.data(index, Qt.ItemDataRole.DecorationRole) is not None:
            width += ICON_ROOM
        widest = max(widest, width)
    return widest


def fit_to_content(
    view: QAbstractItemView,
    limits: dict[int, tuple[int, int]],
    *,
    give_up: tuple[int, ...] = (),
    keep: float = 0.4,
    rows: int = SAMPLE_ROWS,
) -> None:
    """Size each column of `limits` (column -> (minimum, maximum) pixels at 96 dpi) to its
    content. When the shown columns other than the stretching one take more than
    1 - `keep` of the view, the columns of `give_up` (in that order) shrink toward their
    minimum so the long text keeps `keep` of the width."""
    header: QHeaderView = view.horizontalHeader()  # type: ignore[attr-defined]
    scale = max(1.0, view.logicalDpiX() / 96.0)
    interactive = QHeaderView.ResizeMode.Interactive
    for column, (low, high) in limits.items():
        if header.sectionResizeMode(column) == interactive and not header.isSectionHidden(column):
            width = content_width(view, column, rows)
            header.resizeSection(column, int(min(high * scale, max(low * scale, width))))
    fixed = [
        c
        for c in range(header.count())
        if not header.isSectionHidden(c) and header.sectionResizeMode(c) == interactive
    ]
    excess = sum(header.sectionSize(c) for c in fixed) - int((1 - keep) * view.viewport().width())
    for column in give_up:
        if excess <= 0:
            break
        if column not in limits or header.isSectionHidden(column):
            continue
        cut = min(header.sectionSize(column) - int(limits[column][0] * scale), excess)
        if cut > 0:
            header.resizeSection(column, header.sectionSize(column) - cut)
            excess -= cut

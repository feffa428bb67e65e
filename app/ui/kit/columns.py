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


def text_width(fm: QFontMetrics, text: str, lines: int = 1) -> int:
    """The narrowest width in pixels that shows `text` word-wrapped in `lines` lines."""
    paragraphs = [p for p in text.replace("\u2028", "\n").split("\n") if p.strip()]
    if not paragraphs:
        return 0
    if lines <= 1 or len(paragraphs) > 1:
        return max(fm.horizontalAdvance(p) for p in paragraphs)
    words = paragraphs[0].split()
    space = fm.horizontalAdvance(" ")
    sizes = [fm.horizontalAdvance(w) for w in words]
    low, high = max(sizes), sum(sizes) + space * (len(sizes) - 1)
    while low < high:  # the smallest width at which the greedy wrap needs `lines` lines
        mid = (low + high) // 2
        if _lines_needed(sizes, space, mid) <= lines:
            high = mid
        else:
            low = mid + 1
    return low


def _lines_needed(sizes: list[int], space: int, width: int) -> int:
    count, used = 1, -space
    for size in sizes:
        if used + space + size <= width:
            used += space + size
        else:
            count, used = count + 1, size
    return count


def content_width(
    view: QAbstractItemView, column: int, rows: int = SAMPLE_ROWS, lines: int = 1
) -> int:
    """The width column `column` needs to show its header and its first `rows` cells,
    each in at most `lines` lines."""
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
        width = text_width(fm, str(text), lines) + PADDING
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
    lines: int = 1,
    rows: int = SAMPLE_ROWS,
) -> None:
    """Size each column of `limits` (column -> (minimum, maximum) pixels at 96 dpi) to its
    content in `lines` lines. When the shown columns other than the stretching one take
    more than 1 - `keep` of the view, the columns of `give_up` shrink together, in
    proportion to what they have above their minimum, so the long text keeps `keep`."""
    header: QHeaderView = view.horizontalHeader()  # type: ignore[attr-defined]
    scale = max(1.0, view.logicalDpiX() / 96.0)
    interactive = QHeaderView.ResizeMode.Interactive
    for column, (low, high) in limits.items():
        if header.sectionResizeMode(column) == interactive and not header.isSectionHidden(column):
            width = content_width(view, column, rows, lines)
            header.resizeSection(column, int(min(high * scale, max(low * scale, width))))
    fixed = [
        c
        for c in range(header.count())
        if not header.isSectionHidden(c) and header.sectionResizeMode(c) == interactive
    ]
    excess = sum(header.sectionSize(c) for c in fixed) - int((1 - keep) * view.viewport().width())
    spare = {
        c: header.sectionSize(c) - int(limits[c][0] * scale)
        for c in give_up
        if c in limits and not header.isSectionHidden(c)
    }
    room = sum(v for v in spare.values() if v > 0)
    if excess <= 0 or room <= 0:
        return
    share = min(1.0, excess / room)
    for column, extra in spare.items():
        if extra > 0:
            header.resizeSection(column, header.sectionSize(column) - int(extra * share))

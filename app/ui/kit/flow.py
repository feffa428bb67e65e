"""A row of widgets that wraps onto a second line instead of widening the window.

A QHBoxLayout asks for the sum of its widgets' widths: each filter chip shown made the
main window's minimum width grow (1563 px with two chips, wider than a 1366-pixel
laptop screen), and the window grew by itself. Here the minimum is the widest single
widget; widgets that do not fit move to the next line, and the room left on a line goes
to the widgets with a horizontal stretch (the search field), as in a box layout.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: dict[int, int] = {}  # id(widget) -> stretch
        self.setSpacing(spacing)

    # ----------------------------------------------------------------- QLayout

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, widget: QWidget, stretch: int = 0) -> None:
        """Add `widget`; a line's spare room is shared by stretch (like QBoxLayout)."""
        self.addWidget(widget)  # Qt makes the item and hands it to addItem
        if stretch:
            self._stretch[id(widget)] = stretch

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._lay_out(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._lay_out(rect, apply=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = self._shown()
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in shown) + self.spacing() * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest widget alone on a line: never the sum of them."""
        m = self.contentsMargins()
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # ----------------------------------------------------------------- placing

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = []
        used = 0
        for item in self._shown():
            w = item.sizeHint().width()
            if lines and used + self.spacing() + w <= width:
                lines[-1].append(item)
                used += self.spacing() + w
            else:
                lines.append([item])
                used = w
        return lines

    def _lay_out(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = area.y()
        for n, line in enumerate(self._lines(area.width())):
            if n:
                y += self.spacing()
            height = max(i.sizeHint().height() for i in line)
            if apply:
                self._place(line, area.x(), y, area.width(), height)
            y += height
        return y - area.y() + m.top() + m.bottom()

    def _place(self, line: list[QLayoutItem], x: int, y: int, width: int, height: int) -> None:
        widths = [i.sizeHint().width() for i in line]
        spare = width - sum(widths) - self.spacing() * (len(line) - 1)
        stretches = [self._stretch.get(id(i.widget()), 0) for i in line]
        total = sum(stretches)
        if spare > 0 and total:
            widths = [w + spare * s // total for w, s in zip(widths, stretches)]
        elif spare < 0:  # alone on its line and still too wide: shrink to the minimum
            widths = [max(i.minimumSize().width(), w + spare) for i, w in zip(line, widths)]
        for item, w in zip(line, widths):
            h = min(height, item.maximumSize().height())  # a fixed height stays
            item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
            x += w + self.spacing()

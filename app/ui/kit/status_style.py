"""How a task status looks: its label, colours and a small icon drawn with QPainter.

One place, so the table, the details panel, the tree and the status bar agree. Icons are
drawn (not shipped) so they stay sharp at any scale and need no files.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.core.status import URGENCY_ORDER, Status
from app.ui.kit.i18n import tr

# Text colour, light row tint (None: no tint).
_COLOURS: dict[Status, tuple[str, str | None]] = {
    Status.OVERDUE: ("#c62828", "#fdecea"),
    Status.DUE_SOON: ("#b35c00", "#fff3e0"),
    Status.OPEN: ("#1f5fa8", None),
    Status.WAITING: ("#6a4fa3", None),
    Status.ONGOING: ("#00796b", None),
    Status.DONE_ON_TIME: ("#2e7d32", None),
    Status.DONE_LATE: ("#8a6d00", None),
    Status.CANCELLED: ("#80868b", "#f1f3f4"),
}

STATUS_ORDER = URGENCY_ORDER  # the same as the database's status sort


def status_text(status: Status) -> str:
    """The label of a status in the current language."""
    return {
        Status.OVERDUE: tr("Quá hạn"),
        Status.DUE_SOON: tr("Sắp đến hạn"),
        Status.OPEN: tr("Trong hạn"),
        Status.WAITING: tr("Chờ điều kiện"),
        Status.ONGOING: tr("Thường xuyên"),
        Status.DONE_ON_TIME: tr("Hoàn thành đúng hạn"),
        Status.DONE_LATE: tr("Hoàn thành quá hạn"),
        Status.CANCELLED: tr("Đã hủy / thu hồi"),
    }[status]


def status_color(status: Status) -> QColor:
    return QColor(_COLOURS[status][0])


def status_tint(status: Status) -> QColor | None:
    tint = _COLOURS[status][1]
    return QColor(tint) if tint else None


def status_icon(status: Status) -> QIcon:
    """A round badge: "!" overdue, clock due soon, ring open, pause waiting, loop ongoing,
    tick done (green on time, amber late)."""
    return _icon(str(status))


@cache
def _icon(name: str) -> QIcon:
    status = Status(name)
    icon = QIcon()
    for size in (16, 20, 24, 32, 48):
        icon.addPixmap(_draw(status, size))
    return icon


def _draw(status: Status, size: int) -> QPixmap:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = status_color(status)
    s = float(size)
    m = s * 0.08
    box = QRectF(m, m, s - 2 * m, s - 2 * m)
    white = QPen(QColor("white"), max(1.5, s * 0.11))
    white.setCapStyle(Qt.PenCapStyle.RoundCap)
    white.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    c = box.center()
    r = box.width() / 2
    if status == Status.OPEN:
        p.setPen(QPen(colour, max(1.5, s * 0.12)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(box.adjusted(s * 0.06, s * 0.06, -s * 0.06, -s * 0.06))
        p.end()
        return pm
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(colour))
    p.drawEllipse(box)
    p.setPen(white)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if status == Status.OVERDUE:
        p.drawLine(QPointF(c.x(), c.y() - r * 0.5), QPointF(c.x(), c.y() + r * 0.1))
        p.drawPoint(QPointF(c.x(), c.y() + r * 0.5))
    elif status == Status.DUE_SOON:
        p.drawLine(QPointF(c.x(), c.y()), QPointF(c.x(), c.y() - r * 0.55))
        p.drawLine(QPointF(c.x(), c.y()), QPointF(c.x() + r * 0.4, c.y() + r * 0.2))
    elif status == Status.WAITING:
        p.drawLine(
            QPointF(c.x() - r * 0.25, c.y() - r * 0.4), QPointF(c.x() - r * 0.25, c.y() + r * 0.4)
        )
        p.drawLine(
            QPointF(c.x() + r * 0.25, c.y() - r * 0.4), QPointF(c.x() + r * 0.25, c.y() + r * 0.4)
        )
    elif status == Status.ONGOING:
        arc = QRectF(c.x() - r * 0.5, c.y() - r * 0.5, r, r)
        path = QPainterPath()
        path.arcMoveTo(arc, 90)
        path.arcTo(arc, 90, 270)
        p.drawPath(path)
        tip = QPointF(c.x(), c.y() - r * 0.5)
        p.drawLine(tip, QPointF(tip.x() - r * 0.3, tip.y() - r * 0.22))
        p.drawLine(tip, QPointF(tip.x() - r * 0.22, tip.y() + r * 0.3))
    elif status == Status.CANCELLED:  # a cross
        d = r * 0.38
        p.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
        p.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d))
    else:  # done: a tick
        path = QPainterPath(QPointF(c.x() - r * 0.45, c.y() + r * 0.02))
        path.lineTo(QPointF(c.x() - r * 0.12, c.y() + r * 0.35))
        path.lineTo(QPointF(c.x() + r * 0.48, c.y() - r * 0.35))
        p.drawPath(path)
    p.end()
    return pm


@cache
def unanswered_icon() -> QIcon:
    """A small envelope in the overdue colour: a unit late in answering an urging letter."""
    icon = QIcon()
    colour = status_color(Status.OVERDUE)
    for size in (16, 20, 24, 32):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = float(size)
        body = QRectF(s * 0.08, s * 0.22, s * 0.84, s * 0.58)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(colour))
        p.drawRoundedRect(body, s * 0.08, s * 0.08)
        flap = QPen(QColor("white"), max(1.2, s * 0.09))
        flap.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        flap.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(flap)
        path = QPainterPath(QPointF(body.left() + s * 0.1, body.top() + s * 0.1))
        path.lineTo(QPointF(body.center().x(), body.center().y() + s * 0.04))
        path.lineTo(QPointF(body.right() - s * 0.1, body.top() + s * 0.1))
        p.drawPath(path)
        p.end()
        icon.addPixmap(pm)
    return icon


@cache
def blank_icon() -> QIcon:
    """A transparent icon: keeps text aligned with rows that show one."""
    icon = QIcon()
    for size in (16, 20, 24, 32):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        icon.addPixmap(pm)
    return icon

"""The start-up notice: what is overdue and what is coming due, as a dismissable banner.

Non-blocking (a strip above the table, not a modal dialog). The warning days of the
setting `warn_days` (default 7, 3 and 1 days before the due date) make bands: a task is
announced from 7 days before its due date, more urgently from 3 days and from 1 day.
"Không hiện lại hôm nay" hides the notice until tomorrow.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.db.reads.notice import Notice, build_notice
from app.ui.kit.context import AppContext
from app.ui.kit.flow import FlowLayout
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.me import current_specialist

HIDDEN_KEY = "notice/hidden_on"
MAX_LISTED = 4


def band_colour(days_left: int, bands: list[int]) -> str:
    """Red within the smallest warning band, orange within the middle ones, amber else."""
    smallest = min(bands)
    if days_left <= smallest:
        return "#c62828"
    if len(bands) > 2 and days_left <= sorted(bands)[1]:
        return "#d84315"
    return "#b35c00"


def notice_html(n: Notice) -> str:
    parts = []
    if n.overdue:
        parts.append(
            f"<b style='color:#c62828'>{html.escape(tr('{n} nhiệm vụ quá hạn', n=n.overdue))}</b>"
        )
    if n.upcoming:
        parts.append(
            "<b>"
            + html.escape(tr("{n} nhiệm vụ đến hạn trong {d} ngày tới", n=n.upcoming, d=n.horizon))
            + "</b>"
        )
    if n.me and (n.mine_overdue or n.mine_upcoming):
        parts.insert(
            0,
            "<b>"
            + html.escape(
                tr(
                    "Việc {me} theo dõi: {late} quá hạn, {soon} sắp đến hạn",
                    me=n.me,
                    late=n.mine_overdue,
                    soon=n.mine_upcoming,
                )
            )
            + "</b>",
        )
    lines = [" · ".join(parts)]
    for left, row in n.warned[:MAX_LISTED]:
        when = tr("hạn hôm nay") if left == 0 else tr("còn {n} ngày", n=left)
        text = row.text if len(row.text) <= 90 else row.text[:89] + "…"
        lead = f" — {html.escape(row.lead)}" if row.lead else ""
        if n.me and row.specialist == n.me:
            lead += " ★"  # the user's own task (listed first)
        colour = band_colour(left, n.bands)
        lines.append(
            f"<span style='color:{colour}'>{html.escape(when)} ({fmt_date(row.due)})</span>: "
            f"{html.escape(text)}{lead}"
        )
    if n.upcoming > MAX_LISTED:
        lines.append(html.escape(tr("… và {n} nhiệm vụ khác", n=n.upcoming - MAX_LISTED)))
    return "<br>".join(lines)


class NoticeBanner(QFrame):
    showRequested = Signal(str)  # "overdue" or "upcoming"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notice = Notice()
        self.setObjectName("NoticeBanner")
        self.setStyleSheet(
            "#NoticeBanner { background: #fff8e1; border: 1px solid #f0c36d; border-radius: 4px; }"
        )
        icon = QLabel(self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.overdue_button = QPushButton(tr("Xem quá hạn"), self)
        self.overdue_button.clicked.connect(lambda: self.showRequested.emit("overdue"))
        self.week_button = QPushButton(tr("Xem sắp đến hạn"), self)
        self.week_button.clicked.connect(lambda: self.showRequested.emit("upcoming"))
        self.hide_today = QPushButton(tr("Không hiện lại hôm nay"), self)
        self.hide_today.clicked.connect(self.dismiss_today)
        close = QToolButton(self)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setAutoRaise(True)
        close.setToolTip(tr("Đóng thông báo"))
        close.clicked.connect(self.hide)
        for b in (self.overdue_button, self.week_button, self.hide_today):
            b.setFlat(False)
        buttons = FlowLayout()  # wraps on a narrow window instead of widening it
        buttons.add(self.overdue_button)
        buttons.add(self.week_button)
        buttons.add(self.hide_today)
        body = QVBoxLayout()
        body.setSpacing(6)
        body.addWidget(self.label)
        body.addLayout(buttons)
        h = QHBoxLayout(self)
        h.setContentsMargins(10, 6, 6, 6)
        h.setSpacing(10)
        h.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        h.addLayout(body, 1)
        h.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def refresh(self) -> None:
        today = self.ctx.today()
        if self.ctx.qsettings.value(HIDDEN_KEY) == today.isoformat():
            self.hide()
            return
        self.notice = build_notice(
            self.ctx.db, today, MAX_LISTED, me=current_specialist(self.ctx) or None
        )
        if self.notice.empty:
            self.hide()
            return
        self.label.setText(notice_html(self.notice))
        self.overdue_button.setVisible(self.notice.overdue > 0)
        self.week_button.setVisible(self.notice.upcoming > 0)
        self.show()

    def dismiss_today(self) -> None:
        self.ctx.qsettings.setValue(HIDDEN_KEY, self.ctx.today().isoformat())
        self.hide()

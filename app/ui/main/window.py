"""The main window: department tree | task table (or calendar) | task details.

Docks can be moved by the user and the layout is remembered (QSettings). Every edit
goes through an undoable command; every view refreshes from the context's one change
signal. Other helpers' dialogs are opened through lazy imports (see main_actions.py).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon, QTextDocumentFragment
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.status import OPEN_STATUSES
from app.db.changes import Change
from app.db.reads import departments, tasks
from app.db.reads.filters import Period
from app.errors import DonDocError
from app.resources import resource_path
from app.ui.departments.tree import DepartmentTree
from app.ui.editor.fields import ask_date
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import language, tr
from app.ui.kit.status_style import STATUS_ORDER, status_color, status_text
from app.ui.kit.worker import run_job
from app.ui.main import dialogs, evidence
from app.ui.main.actions import MainActions
from app.ui.main.details import DetailsPanel
from app.ui.main.follow_up import FollowUpActions
from app.ui.main.notice import NoticeBanner
from app.ui.main.tray import ReminderTray
from app.ui.table.filter_bar import FilterBar
from app.ui.table.model import TaskTableModel
from app.ui.table.view import TaskTableView

log = logging.getLogger(__name__)

GEOMETRY_KEY = "main/geometry"
STATE_KEY = "main/state"
NORMAL_KEY = "main/normal"  # the un-maximised rectangle, to check it fits the screen
TASK_KEY = "main/task"  # the task shown when the window was closed: shown again


def fits_a_screen(rect: QRect) -> bool:
    """Whether a saved window rectangle lies inside the available area of a screen now."""
    screen = QGuiApplication.screenAt(rect.center())
    return screen is not None and screen.availableGeometry().contains(rect)


def window_title(ctx: AppContext) -> str:
    path = ctx.db.path
    where = str(path) if path is not None else ctx.db.target
    return f"{APP_NAME} — {where}"


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("dondoc.svg", "dondoc-256.png"):
        path = resource_path("icons", name)
        if path.exists():
            icon.addFile(str(path))
    return icon


class MainWindow(QMainWindow):
    languageChanged = Signal(str)
    openDatabaseRequested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.setWindowTitle(window_title(ctx))
        self.setWindowIcon(app_icon())
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )

        self.model = TaskTableModel(ctx, self)
        self.table = TaskTableView(ctx, self.model, self)
        self.filters = FilterBar(ctx, self)
        self.notice = NoticeBanner(ctx, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.calendar: QWidget | None = None
        central = QWidget(self)
        v = QVBoxLayout(central)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)
        v.addWidget(self.notice)
        v.addWidget(self.filters)
        v.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.tree = DepartmentTree(ctx, self)
        self.tree_dock = self._dock("departments", tr("Đơn vị"), self.tree)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.tree_dock)
        self.details = DetailsPanel(ctx, self)
        self.details_dock = self._dock("details", tr("Chi tiết nhiệm vụ"), self.details)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details_dock)

        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        # The counts are cut on a narrow window, never widen it (the tooltip has them all).
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.selection_label = QLabel(self)
        self.statusBar().addWidget(self.counts, 1)
        self.statusBar().addPermanentWidget(self.selection_label)

        self.tree.setMinimumWidth(200)
        self.details.setMinimumWidth(240)
        self._size_docks = False
        self.actions_ = MainActions(self)
        self.follow_up = FollowUpActions(self)  # extend, cancel, restore, who uses this PC
        self._counts_asked = self._counts_shown = 0
        self._connect()
        self._restore_layout()
        self.apply_filter()
        self._restore_task()
        if not self._counts_asked:
            self.update_counts()
        self.notice.refresh()
        self.reminders = ReminderTray(ctx, self)
        # A new day changes statuses without any edit (due soon → overdue): checked every
        # minute, so it also holds after the PC slept through midnight.
        self._day = ctx.today()
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(60_000)
        self._day_timer.timeout.connect(self.check_new_day)
        self._day_timer.start()

    # ----------------------------------------------------------------- construction

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def _connect(self) -> None:
        self.filters.filterChanged.connect(self.apply_filter)
        self.filters.departmentCleared.connect(lambda: self.tree.select_department(None))
        self.tree.departmentSelected.connect(self._department_chosen)
        self.tree.contentWidthKnown.connect(self._fit_tree)
        self.model.refreshed.connect(self.update_counts)
        self.table.currentTaskChanged.connect(self.details.show_task)
        self.table.selectionChangedIds.connect(self._selection_changed)
        self.table.taskActivated.connect(self.edit_task)
        self.details.editRequested.connect(self.edit_task)
        self.details.completeRequested.connect(lambda tid, done: self.set_done([tid], done))
        self.details.noteRequested.connect(self.add_note)
        self.details.evidenceNoteRequested.connect(self.add_evidence_note)
        self.details.evidenceOpenRequested.connect(
            lambda eid: evidence.open_evidence(self.ctx, eid, self)
        )
        self.notice.showRequested.connect(self._show_from_notice)
        self.ctx.changed.connect(self._on_change)

    def _restore_layout(self) -> None:
        """The saved size and place when they fit a screen now; maximised otherwise (first
        start, or a layout saved on a larger screen than this laptop's)."""
        qs = self.ctx.qsettings
        geometry = qs.value(GEOMETRY_KEY)
        normal = qs.value(NORMAL_KEY)
        if (
            isinstance(geometry, QByteArray | bytes)
            and geometry
            and isinstance(normal, QRect)
            and fits_a_screen(normal)
        ):
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(self._default_size())  # what un-maximising gives
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        state = qs.value(STATE_KEY)
        if isinstance(state, QByteArray | bytes) and state:
            self.restoreState(QByteArray(state))
        else:
            self._size_docks = True

    def _default_size(self) -> QSize:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1280, 720)
        avail = screen.availableGeometry()
        return QSize(min(1440, int(avail.width() * 0.92)), min(900, int(avail.height() * 0.9)))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._size_docks:
            # Only once laid out do docks take a width (first start, no saved layout).
            self._size_docks = False
            w = self.width()
            tree = int(min(280, max(200, 0.18 * w)))
            details = int(min(340, max(240, 0.2 * w)))
            self.resizeDocks(
                [self.tree_dock, self.details_dock], [tree, details], Qt.Orientation.Horizontal
            )

    def _fit_tree(self, wanted: int) -> None:
        """The unit tree as wide as its names (22 % of the window at most); the table gives
        up the room, the window keeps its size."""
        if self.tree_dock.isFloating() or not self.tree_dock.isVisible():
            return
        scale = max(1.0, self.logicalDpiX() / 96.0)
        room = self.width()
        if self.windowState() & Qt.WindowState.WindowMaximized and self.screen() is not None:
            room = max(room, self.screen().availableGeometry().width())  # not yet laid out
        width = int(min(max(room * 0.22, 240 * scale), max(200 * scale, wanted)))
        self.resizeDocks([self.tree_dock], [width], Qt.Orientation.Horizontal)

    def _restore_task(self) -> None:
        saved = self.ctx.qsettings.value(TASK_KEY)
        try:
            task_id = int(saved) if saved not in (None, "") else None
        except (TypeError, ValueError):
            task_id = None
        if task_id is not None and self.model.row_of(task_id) is not None:
            self.table.select_ids([task_id], task_id)

    def save_layout(self) -> None:
        current = self.table.current_id()
        self.ctx.qsettings.setValue(TASK_KEY, "" if current is None else current)
        self.ctx.qsettings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.ctx.qsettings.setValue(NORMAL_KEY, self.normalGeometry())
        self.ctx.qsettings.setValue(STATE_KEY, self.saveState())
        self.table.save_header()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)

    # ----------------------------------------------------------------- filtering

    def apply_filter(self) -> None:
        flt = self.filters.current_filter(self.ctx.today(), self.ctx.soon_days())
        self.model.set_filter(flt)  # queries only when the filter really changed
        if self.calendar is not None and hasattr(self.calendar, "set_filter"):
            self.calendar.set_filter(self.model.task_filter)

    def refresh(self) -> None:
        """F5: read everything again (another PC may have changed the database)."""
        self.model.search()
        self.tree.reload()
        self.filters.reload_plans()
        self.details.refresh()
        self.notice.refresh()

    def _department_chosen(self, dept_id: int | None) -> None:
        self.filters.set_department(dept_id, self.tree.department_name(dept_id))

    def update_counts(self) -> None:
        """Count in a worker thread: 80 ms at 100,000 tasks, after every change."""
        self._counts_asked += 1
        asked = self._counts_asked
        db, flt = self.ctx.db, self.model.task_filter

        def count(_progress) -> dict:
            return tasks.status_counts(db, flt)

        def done(counts: dict) -> None:
            if asked == self._counts_asked:  # a newer count supersedes this one
                self._counts_shown = asked
                self._show_counts(counts)

        def failed(error: BaseException, trace: str) -> None:
            log.warning("status counts not updated: %s", error)

        run_job(self, "", count, done, failed, show_dialog=False)

    def _show_counts(self, counts: dict) -> None:
        total = sum(counts.values())
        parts = [tr("<b>{n}</b> nhiệm vụ", n=total)]
        for status in STATUS_ORDER:
            n = counts.get(status, 0)
            if n:
                colour = status_color(status).name()
                parts.append(
                    f"<span style='color:{colour}'>{status_text(status)}: <b>{n}</b></span>"
                )
        self.counts.setText(" &nbsp;·&nbsp; ".join(parts))

    def counts_text(self) -> str:
        """The status bar's counts as plain text (subtitle of exports)."""
        if self._counts_shown != self._counts_asked:  # still counting: count here
            self._show_counts(tasks.status_counts(self.ctx.db, self.model.task_filter))
            self._counts_shown = self._counts_asked

        return QTextDocumentFragment.fromHtml(self.counts.text()).toPlainText()

    def _selection_changed(self, ids: list[int]) -> None:
        n = len(ids)
        self.selection_label.setText(tr("Đã chọn {n}", n=n) if n > 1 else "")
        self.actions_.update_enabled(ids)

    def _on_change(self, change: Change) -> None:
        if change is None:
            return
        if change.plans:
            self.filters.reload_plans()
        if change.tasks or change.structure or change.settings:
            self.notice.refresh()  # the banner counts what the status bar counts

    def check_new_day(self) -> None:
        """At midnight: recurring deadlines extended, every count and status read again."""
        today = self.ctx.today()
        if today == self._day:
            return
        self._day = today
        from app.db import ops  # the operations load the deadline engine: not at start

        try:
            self.ctx.apply(ops.refresh_occurrences, today)
        except DonDocError as ex:  # another PC holds the database: the next minute retries
            log.warning("new day: occurrences not extended: %s", ex)
            self._day = today - timedelta(days=1)
        self.apply_filter()  # the filter carries the day: the table and counts follow
        self.tree.reload()
        self.details.refresh()
        self.notice.refresh()

    def _show_from_notice(self, what: str) -> None:

        self.show_table()
        self.filters.reset()
        if what == "overdue":
            self.filters.set_period(Period.OVERDUE)
        else:
            today = self.ctx.today()
            self.filters.set_status(OPEN_STATUSES)
            self.filters.set_due_range(today, today + timedelta(days=self.notice.notice.horizon))

    # ----------------------------------------------------------------- views

    def show_table(self) -> None:
        self.stack.setCurrentWidget(self.table)
        self.actions_.sync_view(calendar=False)

    def show_calendar(self) -> None:
        if self.calendar is None:
            widget = self.actions_.make_calendar()
            self.calendar = widget
            self.stack.addWidget(widget)
            widget.set_filter(self.model.task_filter)
        self.stack.setCurrentWidget(self.calendar)
        self.actions_.sync_view(calendar=True)

    def show_due_range(self, start: date, end: date) -> None:
        """From the calendar: the table with the tasks due in those days."""
        self.show_table()
        self.filters.set_due_range(start, end)

    def focus_search(self) -> None:
        self.show_table()
        self.filters.focus_search()

    # ----------------------------------------------------------------- edits

    @property
    def commands(self):
        """The undoable edits (imported on first use: the operations are not needed to start)."""
        from app.ui.kit import commands  # on first use: the operations load the deadline engine

        return commands

    def selected_ids(self) -> list[int]:
        ids = self.table.selected_ids()
        current = self.table.current_id()
        if not ids and current is not None:
            ids = [current]
        return ids

    def edit_task(self, task_id: int | None = None) -> None:
        task_id = task_id if isinstance(task_id, int) else self.table.current_id()
        if task_id is None:
            return
        dialogs.task_editor(self.ctx, self, task_id=task_id).exec()

    def new_task(self) -> None:
        editor = dialogs.task_editor(self.ctx, self, plan_id=self.filters.plan.currentData())
        if editor.exec() and editor.created_id is not None:
            self.table.select_ids([editor.created_id], editor.created_id)

    def set_done(self, ids: list[int] | None = None, done: bool = True) -> None:
        ids = ids if ids is not None else self.selected_ids()
        if not ids:
            return
        day = self.ctx.today() if done else None
        cmd = self.commands.completion_command(self.ctx, ids, day, self)
        if cmd is not None:
            self.ctx.push(cmd)

    def set_done_on(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return

        day = ask_date(
            self, tr("Ngày hoàn thành"), tr("Hoàn thành ngày (dd/mm/yyyy):"), self.ctx.today()
        )
        if day is not None:
            cmd = self.commands.completion_command(self.ctx, ids, day, self)
            if cmd is not None:
                self.ctx.push(cmd)

    def reassign(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        depts = [(d.id, d.name) for d in departments.all_departments(self.ctx.db) if d.active]
        dialog = QInputDialog(self)
        dialog.setWindowTitle(tr("Giao lại đơn vị chủ trì"))
        dialog.setLabelText(tr("Đơn vị chủ trì mới cho {n} nhiệm vụ:", n=len(ids)))
        dialog.setComboBoxItems([name for _, name in depts])
        dialog.setComboBoxEditable(False)
        dialog.setOkButtonText(tr("Giao lại"))
        dialog.setCancelButtonText(tr("Hủy"))
        if not dialog.exec() or not dialog.textValue():
            return
        name = dialog.textValue()
        lead_id = dict((n, i) for i, n in depts)[name]
        cmd = self.commands.reassign_command(self.ctx, ids, lead_id, self)
        if cmd is not None:
            self.ctx.push(cmd)

    def delete_tasks(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Xóa nhiệm vụ"))
        box.setText(tr("Xóa {n} nhiệm vụ đã chọn?", n=len(ids)))
        box.setInformativeText(tr("Có thể hoàn tác bằng Ctrl+Z."))
        yes = box.addButton(tr("Xóa"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is yes:
            self.ctx.push(self.commands.DeleteTasksCommand(self.ctx, ids, self))

    def add_note(self, task_id: int, text: str) -> None:
        self.ctx.push(self.commands.AddNoteCommand(self.ctx, task_id, text, self))

    def add_evidence_note(self, task_id: int, text: str, document: str, files: list) -> None:
        self.ctx.push(
            evidence.RecordProgressCommand(self.ctx, task_id, text, document, files, self)
        )

    def set_language(self, code: str) -> None:
        from app.db import ops  # on first use: the operations load the deadline engine

        if code == language():
            return
        self.ctx.apply(ops.set_setting, "language", code)
        self.languageChanged.emit(code)

    def ask_open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Mở cơ sở dữ liệu"),
            str(Path(self.ctx.db.path).parent if self.ctx.db.path else Path.home()),
            tr("Cơ sở dữ liệu Đôn Đốc (*.db *.sqlite);;Mọi tệp (*)"),
        )
        if path:
            self.openDatabaseRequested.emit(path)

    def today(self) -> date:
        return self.ctx.today()

"""The main window's actions, menus and toolbar, with the usual shortcuts.

Dialogs built by other parts of the app (import wizard, prints, letters, departments,
settings, audit log, restore) are opened through app/ui/main/dialogs.py, which imports
each only when its action is used: start-up stays fast and each dialog independent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QStyle, QToolBar

from app import APP_NAME, __version__
from app.core.status import Status
from app.db.reads import settings, tasks
from app.errors import DonDocError
from app.ui.kit.i18n import LANGUAGES, language, tr
from app.ui.kit.logs import log_file, show_error
from app.ui.kit.places import last_folder, remember_folder
from app.ui.kit.status_style import status_icon
from app.ui.kit.worker import run_job
from app.ui.main import dialogs
from app.ui.main.toolbar import drawn_icon, undo_actions

if TYPE_CHECKING:
    from app.ui.calendar.view import CalendarView
    from app.ui.main.window import MainWindow

SP = QStyle.StandardPixmap
EXPORT_FOLDER_KEY = "folders/export"


class MainActions:
    def __init__(self, win: MainWindow) -> None:
        self.win = win
        self.ctx = win.ctx
        self._office_asked = False
        style = win.style()

        def act(
            text: str,
            slot: Callable[[], Any],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | list[str] | None = None,
            icon: SP | QIcon | None = None,
            tip: str | None = None,
        ) -> QAction:
            a = QAction(text, win)
            if isinstance(shortcut, list):
                a.setShortcuts([QKeySequence(s) for s in shortcut])
            elif shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            if isinstance(icon, SP):
                a.setIcon(style.standardIcon(icon))
            elif isinstance(icon, QIcon):
                a.setIcon(icon)
            if tip:
                a.setToolTip(tip)
                a.setStatusTip(tip)
            a.triggered.connect(lambda _checked=False: slot())
            return a

        self.open_db = act(
            tr("Mở cơ sở dữ liệu khác…"),
            win.ask_open_database,
            QKeySequence.StandardKey.Open,
            SP.SP_DialogOpenButton,
        )
        self.import_ = act(
            tr("Nhập kế hoạch…"),
            self.import_plan,
            "Ctrl+I",
            drawn_icon("import"),
            tr("Nhập nhiệm vụ từ tệp Excel hoặc văn bản kế hoạch (Ctrl+I)"),
        )
        self.export = act(
            tr("Xuất Excel…"),
            self.export_excel,
            "Ctrl+E",
            SP.SP_DialogSaveButton,
            tr("Xuất các nhiệm vụ đang hiện ra tệp Excel (Ctrl+E)"),
        )
        self.print_ = act(
            tr("In danh sách tuần…"),
            self.print_week,
            QKeySequence.StandardKey.Print,
            drawn_icon("print"),
            tr("In danh sách nhiệm vụ trong tuần (Ctrl+P)"),
        )
        self.report = act(
            tr("Báo cáo tổng hợp…"),
            lambda: self.open_dialog(dialogs.report),
        )
        self.ics = act(tr("Xuất lịch (.ics)…"), self.export_ics)
        self.backup = act(tr("Sao lưu ngay"), self.backup_now)
        self.restore = act(
            tr("Khôi phục từ bản sao lưu…"),
            lambda: self.open_dialog(dialogs.restore),
        )
        self.quit = act(tr("Thoát"), win.close, QKeySequence.StandardKey.Quit)

        self.undo, self.redo = undo_actions(win, self.ctx.undo_stack)
        self.new = act(
            tr("Thêm nhiệm vụ…"),
            win.new_task,
            QKeySequence.StandardKey.New,
            SP.SP_FileIcon,
            tr("Thêm một nhiệm vụ mới (Ctrl+N)"),
        )
        self.edit = act(
            tr("Sửa nhiệm vụ…"),
            win.edit_task,
            None,
            SP.SP_FileDialogContentsView,
            tr("Sửa nhiệm vụ đang chọn (Enter hoặc bấm đúp)"),
        )
        self.done = act(
            tr("Đánh dấu hoàn thành"),
            lambda: win.set_done(None, True),
            "Ctrl+D",
            status_icon(Status.DONE_ON_TIME),
            tr("Đánh dấu các nhiệm vụ đã chọn là hoàn thành hôm nay (Ctrl+D)"),
        )
        self.done_on = act(tr("Hoàn thành vào ngày…"), win.set_done_on)
        self.reopen = act(
            tr("Bỏ đánh dấu hoàn thành"), lambda: win.set_done(None, False), "Ctrl+Shift+D"
        )
        self.reassign = act(tr("Giao lại đơn vị chủ trì…"), win.reassign, "Ctrl+R")
        self.delete = act(
            tr("Xóa nhiệm vụ"),
            win.delete_tasks,
            QKeySequence.StandardKey.Delete,
            SP.SP_TrashIcon,
            tr("Xóa các nhiệm vụ đã chọn (Del)"),
        )
        self.find = act(tr("Tìm kiếm"), win.focus_search, QKeySequence.StandardKey.Find)

        self.view_table = act(
            tr("Bảng nhiệm vụ"),
            win.show_table,
            "Ctrl+1",
            drawn_icon("table"),
            tr("Bảng nhiệm vụ (Ctrl+1)"),
        )
        self.view_calendar = act(
            tr("Lịch"),
            win.show_calendar,
            "Ctrl+2",
            drawn_icon("calendar"),
            tr("Lịch các thời hạn (Ctrl+2)"),
        )
        group = QActionGroup(win)
        for a in (self.view_table, self.view_calendar):
            a.setCheckable(True)
            group.addAction(a)
        self.view_table.setChecked(True)
        self.refresh = act(
            tr("Làm mới"), win.refresh, QKeySequence.StandardKey.Refresh, SP.SP_BrowserReload
        )

        self.urge = act(
            tr("Soạn công văn đôn đốc…"),
            lambda: self.open_dialog(dialogs.urge, department_ids=self._dept_ids()),
        )
        self.request = act(
            tr("Đề nghị đơn vị báo cáo tiến độ…"),
            lambda: self.open_dialog(dialogs.request, department_ids=self._dept_ids()),
        )
        self.collect = act(
            tr("Nhập báo cáo của đơn vị…"),
            lambda: self.open_dialog(dialogs.collect),
        )
        self.track = act(
            tr("Theo dõi văn bản đôn đốc…"),
            lambda: self.open_dialog(dialogs.track, unit=self._dept_name()),
            None,
            None,
            tr("Công văn, sổ đề nghị báo cáo đã gửi; đơn vị nào chưa trả lời"),
        )
        self.mail_settings = act(
            tr("Thư nhắc việc…"), lambda: self.open_dialog(dialogs.mail_settings)
        )
        self.send_digest = act(
            tr("Gửi thư nhắc việc ngay"),
            lambda: win.reminders.send_digest_if_due(self.ctx.today(), force=True),
            None,
            None,
            tr("Gửi tới mỗi đơn vị các nhiệm vụ sắp đến hạn và quá hạn của đơn vị"),
        )
        self.departments = act(
            tr("Danh mục đơn vị…"),
            lambda: self.open_dialog(dialogs.departments),
        )
        self.days_off = act(
            tr("Ngày nghỉ, ngày làm bù…"),
            lambda: self.open_dialog(dialogs.days_off),
        )
        self.audit = act(tr("Nhật ký thay đổi…"), lambda: self.open_dialog(dialogs.audit))
        self.settings = act(
            tr("Cài đặt…"),
            lambda: self.open_dialog(dialogs.settings),
            QKeySequence.StandardKey.Preferences,
        )
        self.about = act(tr("Giới thiệu"), self.show_about)

        # Short toolbar labels, so the toolbar fits a 1366-pixel screen; menus and
        # tooltips keep the full names.
        for action, label in (
            (self.edit, tr("Sửa")),
            (self.done, tr("Hoàn thành")),
            (self.delete, tr("Xóa")),
            (self.view_table, tr("Bảng")),
        ):
            action.setIconText(label)
        self._build_menus()
        self._build_toolbar()
        win.table.set_context_actions(
            [
                self.edit,
                None,
                self.done,
                self.done_on,
                self.reopen,
                self.reassign,
                None,
                self.delete,
            ]
        )
        self.update_enabled([])

    # ----------------------------------------------------------------- menus

    def _build_menus(self) -> None:
        win = self.win
        bar = win.menuBar()
        m = bar.addMenu(tr("&Tệp"))
        for a in (
            self.open_db,
            None,
            self.import_,
            self.export,
            self.ics,
            None,
            self.print_,
            self.report,
            None,
            self.backup,
            self.restore,
            None,
            self.quit,
        ):
            m.addSeparator() if a is None else m.addAction(a)
        m = bar.addMenu(tr("&Sửa"))
        for a in (
            self.undo,
            self.redo,
            None,
            self.new,
            self.edit,
            self.done,
            self.done_on,
            self.reopen,
            self.reassign,
            self.delete,
            None,
            self.find,
        ):
            m.addSeparator() if a is None else m.addAction(a)
        m = bar.addMenu(tr("&Xem"))
        m.addAction(self.view_table)
        m.addAction(self.view_calendar)
        m.addSeparator()
        m.addAction(win.tree_dock.toggleViewAction())
        m.addAction(win.details_dock.toggleViewAction())
        m.addMenu(win.table.column_menu(m))
        m.addSeparator()
        lang = m.addMenu(tr("Ngôn ngữ"))
        group = QActionGroup(win)
        for code, name in LANGUAGES.items():
            a = lang.addAction(name)
            a.setCheckable(True)
            a.setChecked(code == language())
            a.triggered.connect(lambda _c=False, code=code: win.set_language(code))
            group.addAction(a)
        m.addSeparator()
        m.addAction(self.refresh)
        m = bar.addMenu(tr("Đôn &đốc"))
        for a in (
            self.urge,
            self.request,
            self.collect,
            None,
            self.track,
            None,
            self.send_digest,
            self.mail_settings,
        ):
            m.addSeparator() if a is None else m.addAction(a)
        m = bar.addMenu(tr("&Công cụ"))
        for a in (self.departments, self.days_off, None, self.audit, None, self.settings):
            m.addSeparator() if a is None else m.addAction(a)
        m = bar.addMenu(tr("&Trợ giúp"))
        m.addAction(self.about)

    def _build_toolbar(self) -> None:
        tb = QToolBar(tr("Thanh công cụ"), self.win)
        tb.setObjectName("toolbar_main")
        tb.setIconSize(QSize(20, 20))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setMovable(False)
        for a in (
            self.new,
            self.edit,
            self.done,
            self.delete,
            None,
            self.undo,
            self.redo,
            None,
            self.import_,
            self.export,
            self.print_,
            None,
            self.view_table,
            self.view_calendar,
        ):
            tb.addSeparator() if a is None else tb.addAction(a)
        self.win.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    def update_enabled(self, ids: list[int]) -> None:
        any_ = bool(ids) or self.win.table.current_id() is not None
        for a in (self.edit, self.done, self.done_on, self.reopen, self.reassign, self.delete):
            a.setEnabled(any_)
        self.edit.setEnabled(len(ids) <= 1 and any_)

    def sync_view(self, *, calendar: bool) -> None:
        (self.view_calendar if calendar else self.view_table).setChecked(True)

    def _dept_ids(self) -> list[int] | None:
        dept = self.win.tree.selected_id()
        return [dept] if dept is not None else None

    def _dept_name(self) -> str:
        dept = self.win.tree.selected_id()
        return self.win.tree.department_name(dept) if dept is not None else ""

    # ----------------------------------------------------------------- other dialogs

    def open_dialog(self, opener: Callable[..., QDialog], **kwargs: Any) -> None:
        """Open another part of the app (app/ui/main/dialogs.py: imported on first use)."""
        if opener in (dialogs.weekly_print, dialogs.report, dialogs.urge, dialogs.request):
            self.ask_office()
        opener(self.ctx, self.win, **kwargs).exec()

    def ask_office(self) -> None:
        """Before the first print or letter: the office's identity, while it is incomplete
        (asked once a session; until given, prints show blanks such as [TÊN CƠ QUAN])."""
        if self._office_asked or not dialogs.office_missing(self.ctx):
            return
        self._office_asked = True
        dialogs.office(self.ctx, self.win).exec()

    def make_calendar(self) -> CalendarView:
        from app.ui.calendar.view import CalendarView  # built when first shown: table first

        view = CalendarView(self.ctx, self.win)
        view.taskActivated.connect(self.win.edit_task)
        view.dayActivated.connect(lambda day: self.win.show_due_range(day, day))
        view.rangeActivated.connect(self.win.show_due_range)
        return view

    def import_plan(self) -> None:
        self.open_dialog(dialogs.import_wizard)

    def print_week(self) -> None:
        self.open_dialog(dialogs.weekly_print)

    def export_ics(self) -> None:
        dialogs.export_ics(self.ctx, self.win)

    def export_excel(self) -> None:
        """Exactly the tasks the table shows, in its order, to .xlsx (background job)."""

        start = last_folder(self.ctx.qsettings, EXPORT_FOLDER_KEY) / "nhiem-vu.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self.win, tr("Xuất Excel"), str(start), tr("Sổ Excel (*.xlsx)")
        )
        if not path:
            return
        remember_folder(self.ctx.qsettings, EXPORT_FOLDER_KEY, Path(path).parent)
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        ids = list(self.win.model.ids)
        flt = self.win.model.task_filter
        dept = self.win.tree.department_name(flt.department_id) if flt.department_id else ""
        title = (
            tr("DANH SÁCH NHIỆM VỤ CỦA {unit}", unit=dept.upper())
            if dept
            else tr("DANH SÁCH NHIỆM VỤ")
        )
        subtitle = self.win.counts_text()
        today = self.ctx.today()
        db = self.ctx.db

        def work(_progress) -> int:
            rows = tasks.task_rows(db, ids, today, settings.soon_days(db))
            from app.exports.excel.book import write_tasks_workbook  # openpyxl: not at start
            from app.exports.excel.export import follow_texts

            write_tasks_workbook(
                Path(path),
                rows,
                title=title,
                subtitle=subtitle,
                today=today,
                follow=follow_texts(db, rows),
            )
            return len(rows)

        run_job(
            self.win,
            tr("Đang xuất Excel…"),
            work,
            lambda n: self.win.statusBar().showMessage(
                tr("Đã xuất {n} nhiệm vụ vào {path}", n=n, path=path), 8000
            ),
            lambda ex, trace: show_error(self.win, ex, trace),
        )

    def backup_now(self) -> None:
        from app.db import ops  # on first use: the operations load the deadline engine

        try:
            path = ops.back_up(self.ctx.db)
        except DonDocError as ex:
            show_error(self.win, ex)
            return
        self.win.statusBar().showMessage(tr("Đã sao lưu vào {path}", path=str(path)), 8000)

    def show_about(self) -> None:
        box = QMessageBox(self.win)
        box.setWindowTitle(tr("Giới thiệu {app}", app=APP_NAME))
        box.setIconPixmap(self.win.windowIcon().pixmap(64, 64))
        box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.setText(
            tr(
                "<b>{app}</b> {version}<br>Theo dõi, đôn đốc thực hiện nhiệm vụ theo kế hoạch."
                "<br><br>Cơ sở dữ liệu: {db}<br>Nhật ký: {log}",
                app=APP_NAME,
                version=__version__,
                db=str(self.ctx.db.path or self.ctx.db.target),
                log=str(log_file()),
            ),
        )
        box.exec()

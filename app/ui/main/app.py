"""Starting the desktop app: Qt set-up, fonts, language, opening the database, self-test.

A database that cannot be opened (unreadable, locked, damaged, newer schema) is never
a traceback: a dialog names the file and what to do, offers the newest good backup or
another file, and the file itself is left untouched unless the user chooses to restore.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

from app import APP_ID, APP_NAME
from app.db.files.location import default_db_target
from app.db.reads.backups import list_backups
from app.db.reads.plans import is_empty
from app.db.reads.settings import setting
from app.db.reads.tasks import count_tasks
from app.db.store import Database
from app.errors import DatabaseError, DonDocError
from app.resources import resource_path
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import set_language, tr
from app.ui.kit.logs import install_excepthook, setup_logging, show_error
from app.ui.kit.messages import error_message
from app.ui.kit.worker import run_job, wait_for_jobs
from app.ui.main.early import LAST_DB_KEY, make_qsettings, target_for
from app.ui.main.window import MainWindow, app_icon

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- Qt set-up


def ensure_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("DonDoc")
    setup_fonts(app)

    app.setWindowIcon(app_icon())
    return app


def setup_fonts(app: QApplication) -> str:
    """On Linux use the bundled Liberation Sans so a bare machine shows Vietnamese.

    Windows keeps its UI font (Segoe UI has every Vietnamese glyph); so does macOS.
    Returns the family in use.
    """
    if not sys.platform.startswith("linux"):
        return app.font().family()

    family = ""
    for style in ("Regular", "Bold", "Italic"):
        path = resource_path("fonts", f"LiberationSans-{style}.ttf")
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
        if font_id >= 0 and not family:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return family or app.font().family()


# --------------------------------------------------------------------------- database


class OpenErrorDialog(QMessageBox):
    """Why a database cannot be opened, and the ways out (restore, other file, quit)."""

    RESTORE, OTHER, QUIT = "restore", "other", "quit"

    def __init__(self, target: str, error: DatabaseError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(tr("Không mở được cơ sở dữ liệu"))
        self.setText(tr("Không mở được cơ sở dữ liệu:\n{path}", path=target))
        try:
            good = [b for b in list_backups(target) if b.tasks >= 0]
        except DonDocError:
            good = []
        self.backup = good[0] if good else None
        info = error_message(error)
        if self.backup is not None:
            info += "\n\n" + tr(
                "Bản sao lưu gần nhất: {when} ({n} nhiệm vụ). Tệp hiện tại sẽ được giữ lại "
                "trong thư mục sao lưu trước khi khôi phục.",
                when=self.backup.created.strftime("%d/%m/%Y %H:%M"),
                n=self.backup.tasks,
            )
        else:
            info += "\n\n" + tr("Chưa có bản sao lưu nào của tệp này. Tệp không bị thay đổi.")
        self.setInformativeText(info)
        self.buttons_: dict[object, str] = {}
        if self.backup is not None:
            b = self.addButton(
                tr("Khôi phục bản sao lưu gần nhất"), QMessageBox.ButtonRole.AcceptRole
            )
            self.buttons_[b] = self.RESTORE
        b = self.addButton(tr("Mở tệp khác…"), QMessageBox.ButtonRole.ActionRole)
        self.buttons_[b] = self.OTHER
        b = self.addButton(tr("Thoát"), QMessageBox.ButtonRole.RejectRole)
        self.buttons_[b] = self.QUIT
        self.setEscapeButton(b)
        # QMessageBox sizes itself to its text; a spacer keeps long paths from wrapping
        # into a narrow column.
        grid = self.layout()
        if isinstance(grid, QGridLayout):
            spacer = QSpacerItem(520, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
            grid.addItem(spacer, grid.rowCount(), 0, 1, grid.columnCount())

    def choice(self) -> str:
        return self.buttons_.get(self.clickedButton(), self.QUIT)


def open_database(target: str, parent: QWidget | None = None) -> Database | None:
    """Open `target`, or ask what to do until it opens or the user gives up (None)."""
    while True:
        try:
            return Database.open(target)
        except DatabaseError as ex:
            log.warning("cannot open %s: %s", target, ex)
            dialog = OpenErrorDialog(target, ex, parent)
            dialog.exec()
            choice = dialog.choice()
        if choice == OpenErrorDialog.RESTORE and dialog.backup is not None:
            from app.db import ops  # only now: the operations load the deadline engine

            try:
                ops.restore_backup(target, dialog.backup.path)
            except DonDocError as ex:
                show_error(parent, ex)
        elif choice == OpenErrorDialog.OTHER:
            path, _ = QFileDialog.getOpenFileName(
                parent,
                tr("Mở cơ sở dữ liệu"),
                str(Path(target).parent),
                tr("Cơ sở dữ liệu Đôn Đốc (*.db *.sqlite);;Mọi tệp (*)"),
            )
            if path:
                target = path
        else:
            return None


def start_maintenance(ctx, parent: QWidget | None):
    """`ops.maintain` (the start-up backup, recurring deadlines extended) off the UI
    thread, right after the window appears; views refresh when it reports what changed."""
    from app.db import ops  # imported here, after the window: they load the deadline engine

    def failed(error: BaseException, trace: str) -> None:
        log.error("start-up maintenance failed: %r\n%s", error, trace)

    return run_job(
        parent,
        tr("Đang sao lưu và cập nhật hạn định kỳ…"),
        lambda _progress: ops.maintain(ctx.db),
        ctx.announce,
        failed,
        show_dialog=False,
    )


def apply_language(db: Database) -> str:
    code = str(setting(db, "language") or "vi")
    set_language(code)
    return code


# --------------------------------------------------------------------------- the session


class Session:
    """One open database with its window; re-created on language or database switch."""

    def __init__(self, app: QApplication, qs: QSettings) -> None:
        self.app = app
        self.qs = qs
        self._ctx: AppContext | None = None
        self.window: MainWindow | None = None

    @property
    def ctx(self) -> AppContext:
        if self._ctx is None:
            raise RuntimeError("the session has not been started")
        return self._ctx

    def start(self, db: Database) -> None:
        apply_language(db)
        self._ctx = AppContext(db, settings=self.qs)
        if db.path is not None:
            self.qs.setValue(LAST_DB_KEY, str(db.path))
        self._show_window()

    def _show_window(self) -> None:
        old = self.window
        if old is not None:
            old.save_layout()
        window = self.window = MainWindow(self.ctx)
        window.languageChanged.connect(self._language_changed)
        window.openDatabaseRequested.connect(self._open_other)
        window.show()
        if old is not None:
            old.close()
            old.deleteLater()

    def maintain(self):
        return start_maintenance(self.ctx, self.window)

    def _language_changed(self, code: str) -> None:
        set_language(code)
        self._show_window()

    def _open_other(self, path: str) -> None:
        db = open_database(path, self.window)
        if db is None:
            return
        old_db = self.ctx.db
        self.start(db)
        wait_for_jobs()
        old_db.close()
        self.maintain()

    def offer_demo(self) -> None:
        """First start on an empty database: load the sample plan, import one, or not."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Chào mừng đến với {app}", app=APP_NAME))
        box.setText(tr("Cơ sở dữ liệu còn trống."))
        box.setInformativeText(
            tr(
                "Bạn có muốn nạp một kế hoạch mẫu (dựng từ một kế hoạch thật) để dùng thử? "
                "Có thể xóa kế hoạch mẫu bất cứ lúc nào."
            )
        )
        demo = box.addButton(tr("Nạp dữ liệu mẫu"), QMessageBox.ButtonRole.AcceptRole)
        own = box.addButton(tr("Nhập kế hoạch của tôi…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(tr("Để trống"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is demo:
            self.load_demo()
        elif box.clickedButton() is own and self.window is not None:
            self.window.actions_.import_plan()

    def load_demo(self) -> None:
        from app.demo import load_demo  # only on an empty database: it loads the operations

        try:
            self.ctx.announce(load_demo(self.ctx.db, self.ctx.today()))
        except DonDocError as ex:
            show_error(self.window, ex)


def run_gui(db_target: str | None, demo: bool = False) -> int:
    started = time.perf_counter()
    setup_logging()
    app = ensure_app()
    qs = make_qsettings()
    db = open_database(target_for(db_target, qs))
    if db is None:
        return 3
    session = Session(app, qs)
    session.start(db)
    install_excepthook(lambda: session.window)
    log.info("window shown in %.0f ms", (time.perf_counter() - started) * 1000)
    session.maintain()
    if is_empty(db):
        if demo:
            session.load_demo()
        else:
            QTimer.singleShot(0, session.offer_demo)
    code = app.exec()
    wait_for_jobs()
    session.ctx.db.close()
    return code


# --------------------------------------------------------------------------- self-test


def selftest(db_target: str | None) -> list[str]:
    """Open the main window offscreen on the database; return the problems found."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    setup_logging()  # the log lives in the user's data folder, never beside the program
    problems: list[str] = []
    for parts in (
        ("fonts", "LiberationSans-Regular.ttf"),
        ("fonts", "LiberationSerif-Regular.ttf"),
        ("i18n", "en.json"),
        ("icons", "dondoc.svg"),
        ("demo", "plan.json"),
    ):
        if not resource_path(*parts).is_file():
            problems.append(f"thiếu tài nguyên {'/'.join(parts)}")
    app = ensure_app()

    with tempfile.TemporaryDirectory() as tmp:
        target = db_target or default_db_target()
        if not db_target and not Path(target).exists():
            target = str(Path(tmp) / "selftest.db")  # never create the user's database
        try:
            db = Database.open(target)
        except DonDocError as ex:
            return [*problems, str(ex)]
        try:
            problems += _check_window(app, db, tmp)
        finally:
            wait_for_jobs()
            db.close()
    log.info("self-test on %s: %s", target, "; ".join(problems) or "ok")
    return problems


def _check_window(app: QApplication, db: Database, tmp: str) -> list[str]:
    from app.demo import load_demo  # only on an empty database: it loads the operations

    problems: list[str] = []
    if is_empty(db) and db.path is not None and Path(tmp) in db.path.parents:
        load_demo(db)
    qs = QSettings(str(Path(tmp) / "selftest.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(db, settings=qs)
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    expected = count_tasks(db, window.model.task_filter)
    if window.model.rowCount() != expected:
        problems.append(f"bảng hiện {window.model.rowCount()} nhiệm vụ, cần {expected}")
    if expected and window.model.row_data(0) is None:
        problems.append("không đọc được dòng đầu của bảng")
    if not window.isVisible():
        problems.append("cửa sổ chính không hiện")
    window.close()
    window.deleteLater()
    app.processEvents()
    return problems

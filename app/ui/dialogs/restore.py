"""Backups: list them with date, reason and task count; back up now; restore one.

Restoring replaces the database file (`ops.restore_backup` first backs up the current
one). The dialog closes the app's connections before, clears the undo history (its
commands refer to data that no longer exists), announces a full reload and emits
`restored(Path)`: the main window should then reopen the database at that path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import ops
from app.db.reads.backups import BackupInfo, backup_folder, list_backups
from app.errors import DonDocError
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, fmt_number, tr
from app.ui.kit.logs import show_error
from app.ui.kit.messages import error_message
from app.ui.kit.places import size_dialog
from app.ui.kit.widgets import Index, RowsModel, button_box, confirm, list_view
from app.ui.kit.worker import Job, run_job, wait_for_jobs


def reason_label(reason: str) -> str:
    return {
        "manual": tr("Sao lưu thủ công"),
        "start": tr("Khi mở chương trình"),
        "startup": tr("Khi mở chương trình"),
        "import": tr("Trước khi nhập"),
        "restore": tr("Trước khi khôi phục"),
        "merge": tr("Trước khi gộp đơn vị"),
        "damaged": tr("Tệp hỏng được giữ lại"),
        "": tr("Khác"),
    }.get(reason, reason)


def _size(path: Path) -> str:
    try:
        n = path.stat().st_size
    except OSError:
        return ""
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} KB"


class BackupModel(RowsModel, QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[BackupInfo] = []
        self._headers = [
            tr("Thời điểm"),
            tr("Lý do"),
            tr("Số nhiệm vụ"),
            tr("Dung lượng"),
            tr("Tệp"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        b = self.row_at(index)
        if b is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                f"{fmt_date(b.created)} {b.created:%H:%M:%S}",
                reason_label(b.reason),
                fmt_number(b.tasks) if b.tasks >= 0 else tr("không đọc được"),
                _size(b.path),
                b.path.name,
            ][col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(b.path)
        return None


class RestoreDialog(QDialog):
    """Emits `restored(Path)` after the database file was replaced by a backup."""

    restored = Signal(Path)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.setWindowTitle(tr("Sao lưu và khôi phục"))
        size_dialog(self, 760, 420, ctx.qsettings, "restore/size")
        self.model = BackupModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        list_view(self.table)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setStretchLastSection(True)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_btn = QPushButton(tr("Sao lưu ngay"), self)
        self.restore_btn = QPushButton(tr("Khôi phục bản đã chọn…"), self)
        self.file_btn = QPushButton(tr("Khôi phục từ tệp khác…"), self)
        self.folder_btn = QPushButton(tr("Mở thư mục sao lưu"), self)
        self.undo_btn = QPushButton(tr("Hoàn tác khôi phục"), self)
        self.undo_btn.setToolTip(tr("Đưa dữ liệu về như trước lần khôi phục vừa rồi"))
        self.undo_btn.hide()
        self.safety: Path | None = None  # the data before the last restore: undo brings it back
        buttons = QHBoxLayout()
        for b in (self.backup_btn, self.restore_btn, self.file_btn, self.folder_btn, self.undo_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(button_box(self, close=True))

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.backup_btn.clicked.connect(self.backup_now)
        self.restore_btn.clicked.connect(self._restore_selected)
        self.file_btn.clicked.connect(self._restore_file)
        self.folder_btn.clicked.connect(self._open_folder)
        self.undo_btn.clicked.connect(self._undo_restore)
        self.table.doubleClicked.connect(lambda _i: self._restore_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    @property
    def db_file(self) -> Path | None:
        return self.ctx.db.path

    def refresh(self) -> None:
        if self.db_file is None:
            self.model.set_rows([])
            self.intro.setText(
                tr("Cơ sở dữ liệu dùng chung trên máy chủ: hãy sao lưu bằng công cụ của máy chủ.")
            )
            for b in (self.backup_btn, self.restore_btn, self.file_btn, self.folder_btn):
                b.setEnabled(False)
            return
        try:
            items = list_backups(self.db_file)
        except DonDocError as ex:
            items = []
            self.message.setText(error_message(ex))
        self.model.set_rows(items)
        self.intro.setText(
            tr(
                "Các bản sao lưu của {name}, mới nhất trước. Khi khôi phục, cơ sở dữ liệu "
                "hiện tại được sao lưu trước để có thể quay lại.",
                name=self.db_file.name,
            )
        )
        if items:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self, *_args) -> None:
        self.restore_btn.setEnabled(self.selected() is not None)

    def backup_now(self) -> None:
        try:
            path = ops.back_up(self.ctx.db, reason="manual")
        except DonDocError as ex:
            show_error(self, ex)
            return
        self.refresh()
        self.message.setText(tr("Đã sao lưu vào {path}.", path=str(path)))

    def _open_folder(self) -> None:
        if self.db_file is None:
            return
        folder = backup_folder(self.db_file)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        when = f"{fmt_date(info.created)} {info.created:%H:%M}"
        question = tr(
            "Khôi phục bản sao lưu lúc {when} ({n} nhiệm vụ)? Dữ liệu hiện tại sẽ được thay thế; "
            "một bản sao lưu của nó được tạo trước.",
            when=when,
            n=info.tasks,
        )
        if confirm(self, tr("Khôi phục"), question, tr("Khôi phục")):
            self.restore_from(info.path)

    def _restore_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Chọn tệp sao lưu"), "", tr("Cơ sở dữ liệu (*.db *.sqlite);;Mọi tệp (*)")
        )
        if path and confirm(
            self,
            tr("Khôi phục"),
            tr("Thay dữ liệu hiện tại bằng {name}? Một bản sao lưu được tạo trước.", name=path),
            tr("Khôi phục"),
        ):
            self.restore_from(Path(path))

    def _undo_restore(self) -> None:
        if self.safety is None:
            return
        if confirm(
            self,
            tr("Hoàn tác khôi phục"),
            tr(
                "Đưa dữ liệu về như trước lần khôi phục vừa rồi (bản {name})? Dữ liệu hiện tại "
                "được sao lưu trước.",
                name=self.safety.name,
            ),
            tr("Hoàn tác"),
        ):
            self.restore_from(self.safety)

    def restore_from(self, source: Path) -> None:
        """Replace the database with `source` in a background job (no question asked)."""
        target = self.db_file
        if target is None:
            return
        wait_for_jobs()
        self.ctx.db.close()  # release the file: Windows cannot replace an open file

        self.job = run_job(
            self,
            tr("Đang khôi phục…"),
            lambda _progress: ops.restore_backup(target, source),
            lambda restored: self._restored(target, restored),
            lambda ex, tb: show_error(self, ex, tb),
        )

    def _restored(self, target: Path, restored: ops.Restored) -> None:
        self.ctx.undo_stack.clear()
        self.ctx.announce(restored.change)
        self.refresh()
        note = tr("Đã khôi phục.")
        safety = restored.safety
        if safety is not None:
            note += " " + tr(
                "Dữ liệu trước đó được giữ ở {path}; bấm «Hoàn tác khôi phục» để quay lại.",
                path=str(safety),
            )
        self.message.setText(note)
        self.safety = safety
        self.undo_btn.setVisible(safety is not None)
        self.restored.emit(target)

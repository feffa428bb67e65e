"""Collecting units' replies: pick or drop workbooks, preview per unit, apply all at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import ops
from app.errors import DonDocError, FileImportError, ImportCancelled
from app.importers.base import ImportLimits
from app.importers.replies import read_reply
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.logs import show_error
from app.ui.kit.messages import error_message, translate
from app.ui.kit.places import last_folder, remember_folder, size_dialog
from app.ui.kit.worker import Job, run_job

REPLIES_FOLDER_KEY = "folders/replies"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
RED = QColor("#b00020")
ORANGE = QColor("#b45f06")
GREEN = QColor("#1e7b34")


class CollectDialog(QDialog):
    """Re-import filled request workbooks: nothing is written until «Áp dụng»."""

    workDone = Signal(object)  # CollectResult, or the exception

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, paths: list[Path] | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Nhập báo cáo của đơn vị"))
        size_dialog(self, 860, 640, ctx.qsettings, "collect/size")
        self.setAcceptDrops(True)
        self.job: Job | None = None
        self.previewed: ops.CollectResult | None = None  # the last preview
        self.applied_result: ops.CollectResult | None = None
        self.read_errors: list[FileImportError] = []
        self.files = QListWidget()
        self.files.setMaximumHeight(120)
        add = QPushButton(tr("Thêm tệp…"))
        remove = QPushButton(tr("Bỏ tệp đã chọn"))
        add.clicked.connect(self._browse)
        remove.clicked.connect(self._remove_selected)
        self.preview_button = QPushButton(tr("Xem trước"))
        self.preview_button.clicked.connect(self.preview)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(self.preview_button)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("Dòng"), tr("Thay đổi"), tr("Nhiệm vụ")])
        self.tree.setColumnWidth(0, 70)
        self.tree.setColumnWidth(1, 380)
        self.tree.setWordWrap(True)
        self.accept_flagged = QCheckBox(
            tr("Áp dụng cả các dòng cần xem lại (nhiệm vụ đã thay đổi sau khi gửi đề nghị)")
        )
        self.accept_flagged.setEnabled(False)
        self.accept_flagged.toggled.connect(self._update_buttons)
        self.summary = QLabel(
            tr("Kéo thả các tệp báo cáo đơn vị gửi lại vào đây, hoặc bấm «Thêm tệp…».")
        )
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            tr("Áp dụng"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        close = self.buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.clicked.connect(self.apply)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Tệp báo cáo:")))
        layout.addWidget(self.files)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.accept_flagged)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._update_buttons()
        if paths:
            self.add_paths(paths)
            QTimer.singleShot(0, self.preview)

    # ------------------------------------------------------------------ files

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def add_paths(self, paths) -> None:
        have = set(self.paths())
        for p in paths:
            p = Path(p)
            if p.suffix.lower() in WORKBOOK_SUFFIXES and p not in have:
                self.files.addItem(str(p))
                have.add(p)
        self._invalidate()

    def _browse(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            tr("Chọn tệp báo cáo"),
            str(last_folder(self.ctx.qsettings, REPLIES_FOLDER_KEY)),
            tr("Sổ báo cáo (*.xlsx *.xlsm *.xls *.ods)"),
        )
        if names:
            remember_folder(self.ctx.qsettings, REPLIES_FOLDER_KEY, Path(names[0]).parent)
            self.add_paths(names)
            self.preview()

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._invalidate()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.toLocalFile().lower().endswith(WORKBOOK_SUFFIXES) for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_paths(u.toLocalFile() for u in event.mimeData().urls() if u.toLocalFile())
        event.acceptProposedAction()
        self.preview()

    def _invalidate(self) -> None:
        self.previewed = None
        self.tree.clear()
        self._update_buttons()

    # ------------------------------------------------------------------ work

    def preview(self) -> None:
        self._run(dry_run=True)

    def apply(self) -> None:
        if self.previewed is None or not self.previewed.ok or self.read_errors:
            return
        self._run(dry_run=False)

    def _run(self, *, dry_run: bool) -> None:
        paths = self.paths()
        if not paths or self.job is not None:
            return
        db = self.ctx.db
        today = self.ctx.today()
        accept = self.accept_flagged.isChecked()
        limits = ImportLimits.from_setting(self.ctx.setting("import_limits"))

        def work(progress):
            replies, errors = [], []
            for i, path in enumerate(paths):
                if not progress(i, len(paths) + 1, path.name):
                    raise ImportCancelled(tr("Đã hủy; cơ sở dữ liệu không thay đổi."))
                try:
                    replies.append(read_reply(path, limits))
                except FileImportError as ex:
                    errors.append(ex)
            if errors and not dry_run:
                raise errors[0]
            result = ops.apply_replies(
                db, replies, dry_run=dry_run, accept_flagged=accept, today=today
            )
            return result, errors

        self.preview_button.setEnabled(False)
        self.apply_button.setEnabled(False)
        title = tr("Đang đọc báo cáo…") if dry_run else tr("Đang cập nhật báo cáo…")
        self.job = run_job(self, title, work, self._succeeded, self._failed)

    def _succeeded(self, outcome: tuple[ops.CollectResult, list[FileImportError]]) -> None:
        self.job = None
        result, errors = outcome
        self.previewed, self.read_errors = result, errors
        self._show(result, errors)
        if result.applied:
            self.ctx.announce(result.change)
            self.summary.setStyleSheet(f"color: {GREEN.name()};")
            self.summary.setText(translate(result.headline()))
            self.applied_result, self.previewed = result, None  # never applied twice
        self._update_buttons()
        self.workDone.emit(result)

    def _failed(self, error: BaseException, trace: str) -> None:
        self.job = None
        self._update_buttons()
        if isinstance(error, DonDocError):
            self.summary.setStyleSheet(f"color: {RED.name()};")
            self.summary.setText(error_message(error))
        else:
            show_error(self, error, trace)
        self.workDone.emit(error)

    def _update_buttons(self) -> None:
        idle = self.job is None
        self.preview_button.setEnabled(idle and bool(self.paths()))
        r = self.previewed
        can_apply = (
            idle
            and r is not None
            and not r.applied
            and r.ok
            and not self.read_errors
            and bool(
                r.applicable()
                if self.accept_flagged.isChecked()
                else [c for f in r.files for c in f.clean_changes]
            )
        )
        self.apply_button.setEnabled(bool(can_apply))

    # ------------------------------------------------------------------ preview tree

    def _show(self, result: ops.CollectResult, errors: list[FileImportError]) -> None:
        self.tree.clear()
        for err in errors:
            item = QTreeWidgetItem([str(err)])
            item.setForeground(0, QBrush(RED))
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)
        flags = 0
        for f in result.files:
            head = f.name + (f" — {f.unit}" if f.unit else "")
            if f.sent_on:
                head += " " + tr("(đề nghị ngày {d})", d=fmt_date(f.sent_on))
            top = QTreeWidgetItem([head])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            if f.error:
                self._note(top, tr("Không nhận tệp này: {e}", e=f.error), RED)
                top.setForeground(0, QBrush(RED))
            for w in f.warnings:
                self._note(top, tr("Lưu ý: {w}", w=w))
            for c in f.changes:
                what = (
                    tr("Hoàn thành ngày {d}", d=c.detail)
                    if c.kind == "complete"
                    else tr("Ghi tiến độ: {t}", t=c.detail.replace("\n", " / "))
                )
                child = QTreeWidgetItem([str(c.row), what, c.task_text])
                child.setToolTip(1, c.detail)
                child.setToolTip(2, c.task_text)
                if c.flagged:
                    child.setForeground(1, QBrush(ORANGE))
                top.addChild(child)
            for fl in f.flags:
                flags += 1
                child = QTreeWidgetItem(
                    [str(fl.row), tr("Cần xem lại: {r}", r=fl.reason), fl.task_text]
                )
                child.setForeground(1, QBrush(ORANGE))
                child.setToolTip(1, fl.reason)
                top.addChild(child)
            if not f.error and not f.changes and not f.flags:
                self._note(top, tr("Không có thay đổi mới"))
            top.setExpanded(True)
        self.accept_flagged.setEnabled(flags > 0 and not result.applied)
        if errors or result.errors:
            self.summary.setStyleSheet(f"color: {RED.name()};")
            self.summary.setText(
                tr(
                    "Có tệp không hợp lệ (đánh dấu đỏ). Hãy bỏ tệp đó khỏi danh sách hoặc "
                    "yêu cầu đơn vị gửi lại; chưa ghi gì vào cơ sở dữ liệu."
                )
            )
        elif not result.applied:
            self.summary.setStyleSheet("")
            self.summary.setText(translate(result.headline()) + tr(" — bấm «Áp dụng» để ghi."))

    @staticmethod
    def _note(parent: QTreeWidgetItem, text: str, color: QColor | None = None) -> None:
        """A message line under a file, across all columns."""
        child = QTreeWidgetItem([text])
        child.setToolTip(0, text)
        if color is not None:
            child.setForeground(0, QBrush(color))
        parent.addChild(child)
        child.setFirstColumnSpanned(True)

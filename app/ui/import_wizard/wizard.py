"""Import a plan: pick or drop a file, check what was found, import, read the summary.

Nothing is written before the user presses "Nhập vào cơ sở dữ liệu" on the confirm
page. Extraction and import run as background jobs with a progress bar and Cancel; a
file that cannot be read is explained on the first page (file, sheet, row), never with
a traceback. After a new plan is imported, the import can be undone from the undo
stack (the plan is deleted; a backup was made before the import).
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.db import ops
from app.db.ops import Change, ImportResult
from app.db.reads.import_preview import ImportPreview, preview_import
from app.db.reads.terms import term_override
from app.errors import DonDocError, FileImportError, HeaderNotFoundError, ImportCancelled
from app.importers.base import ExtractOptions, ImportLimits
from app.importers.model import ExtractedPlan
from app.importers.registry import extract_checked
from app.importers.safety.copy import checked_copy
from app.importers.safety.guard import guarded
from app.importers.tables.importer import list_task_sheets, sheet_preview
from app.ui.import_wizard.header import HeaderChooser
from app.ui.import_wizard.preview import PreviewPage, error_text
from app.ui.import_wizard.update_page import UpdatePage
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.logs import show_error
from app.ui.kit.messages import translate
from app.ui.kit.places import last_folder, remember_folder, size_dialog
from app.ui.kit.undo import OpCommand
from app.ui.kit.widgets import JobPanel

IMPORT_FOLDER_KEY = "folders/import"
EXCEL = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods", ".csv", ".tsv"}
FILE_PAGE, PREVIEW_PAGE, CONFIRM_PAGE, SUMMARY_PAGE, UPDATE_PAGE = range(5)


class DropZone(QFrame):
    """A framed area that takes a dropped file (the first local file of the drop)."""

    dropped = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setMinimumHeight(150)
        self.setObjectName("dropZone")
        self._style(False)
        self.label = QLabel(
            tr("Kéo thả tệp kế hoạch vào đây\n(Excel .xlsx .xls .ods .csv, Word .docx, PDF, .txt)"),
            self,
        )
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() + 2)
        self.label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)

    def _style(self, hover: bool) -> None:
        color = "#1e5fb4" if hover else "#9aa7b8"
        bg = "#eaf2fd" if hover else "#f7f9fc"
        self.setStyleSheet(
            f"#dropZone {{ border: 2px dashed {color}; border-radius: 8px; background: {bg}; }}"
        )

    @staticmethod
    def _file(event) -> Path | None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._file(event) is not None:
            event.acceptProposedAction()
            self._style(True)

    def dragLeaveEvent(self, event) -> None:
        self._style(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._style(False)
        path = self._file(event)
        if path is not None:
            event.acceptProposedAction()
            self.dropped.emit(path)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(tr("Chọn tệp kế hoạch"))
        self.setSubTitle(
            tr("Bảng Excel danh sách nhiệm vụ, hoặc văn bản kế hoạch (.docx, .pdf, .txt).")
        )
        self.zone = DropZone(self)
        self.pick_btn = QPushButton(tr("Chọn tệp…"), self)
        self.path_label = QLabel(self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet("color:#b71c1c; background:#fdecea; padding:6px;")
        self.error.hide()
        # When the table's header is not found: the clerk points at it.
        self.header_box = HeaderChooser(self)
        self.header_box.hide()
        self._header_sheet: str | None = None
        self.panel = JobPanel(self)
        row = QHBoxLayout()
        row.addWidget(self.pick_btn)
        row.addWidget(self.path_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.zone, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.header_box, 3)
        layout.addWidget(self.panel)
        self.header_box.readAgain.connect(self.read_with_header)
        self.zone.dropped.connect(self.load)
        self.pick_btn.clicked.connect(self.pick)
        self.panel.finished.connect(self.completeChanged)

    def pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Chọn tệp kế hoạch"),
            str(last_folder(self.wiz.ctx.qsettings, IMPORT_FOLDER_KEY)),
            tr(
                "Kế hoạch, danh sách nhiệm vụ (*.xlsx *.xlsm *.xls *.ods *.csv *.docx *.pdf "
                "*.txt *.md);;Mọi tệp (*)"
            ),
        )
        if path:
            self.load(Path(path))

    def load(
        self,
        path: Path,
        sheet: str | None = None,
        header_row: int | None = None,
        columns: tuple[tuple[str, int], ...] = (),
    ) -> None:
        """Read the file in a background job; the preview page opens when it is done."""
        if self.panel.busy:
            return
        self.error.hide()
        self.header_box.hide()
        self.zone.show()
        self.path_label.setText(str(path))
        remember_folder(self.wiz.ctx.qsettings, IMPORT_FOLDER_KEY, path.parent)
        limit = self.wiz.limits().get("max_file_mb", 50)
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if size > limit * 1_048_576:
            self.show_error(
                FileImportError(
                    tr("tệp lớn hơn giới hạn {mb} MB (xem Cài đặt)", mb=limit), path=path
                )
            )
            return
        self.wiz.begin_file(path)
        self.panel.start(
            tr("Đang đọc {name}…", name=path.name),
            self.wiz.extract_job(path, sheet, header_row, columns),
            self.wiz.extracted,
            lambda ex, tb: self.failed(ex, tb),
        )
        self.completeChanged.emit()

    def failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, ImportCancelled):
            self.error.setText(tr("Đã hủy đọc tệp."))
            self.error.show()
        elif isinstance(error, DonDocError):
            self.show_error(error)
        else:
            show_error(self, error, trace)
        self.completeChanged.emit()

    def show_error(self, error: BaseException) -> None:
        self.error.setText(tr("Không đọc được tệp:") + "\n" + error_text(error))
        self.error.show()
        if isinstance(error, HeaderNotFoundError) and self.wiz.path is not None:
            self.offer_header(self.wiz.path, error)

    def offer_header(self, path: Path, error: HeaderNotFoundError) -> None:
        """The sheet's first rows, to point at the header and name the columns."""
        try:
            sheet = error.sheet or self.wiz.sheet
            preview = guarded(path, lambda: sheet_preview(path, sheet))
        except DonDocError:
            return
        self._header_sheet = preview.name
        self.header_box.show_rows(preview.rows, error.found or error.row or preview.header_row)
        self.header_box.show()
        self.zone.hide()

    def read_with_header(self, header_row: int, columns: tuple) -> None:
        if self.wiz.path is not None:
            self.load(self.wiz.path, self._header_sheet or self.wiz.sheet, header_row, columns)

    def isComplete(self) -> bool:
        return self.wiz.plan is not None and not self.panel.busy


class ConfirmPage(QWizardPage):
    """The one step that writes: a summary of what will happen, then the import job."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(tr("Xác nhận nhập"))
        self.setSubTitle(tr("Kiểm tra lần cuối; chưa có gì được ghi vào cơ sở dữ liệu."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("Nhập vào cơ sở dữ liệu"))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b71c1c;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panel = JobPanel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addWidget(self.panel)
        self.panel.finished.connect(self.completeChanged)

    def initializePage(self) -> None:
        self.error.clear()
        self.text.setText(self.wiz.confirm_text())

    def isComplete(self) -> bool:
        return not self.panel.busy

    def validatePage(self) -> bool:
        if self.wiz.import_result is not None:
            return True
        if not self.panel.busy:
            self.error.clear()
            self.panel.start(
                tr("Đang nhập…"), self.wiz.import_job(), self.wiz.imported_ok, self.failed
            )
            self.completeChanged.emit()
        return False

    def failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, ImportCancelled):
            self.error.setText(tr("Đã hủy: cơ sở dữ liệu không thay đổi."))
        elif isinstance(error, DonDocError):
            self.error.setText(error_text(error))
        else:
            show_error(self, error, trace)


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(tr("Đã nhập xong"))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)

    def initializePage(self) -> None:
        result = self.wiz.import_result
        self.text.setPlainText(translate(result.summary()) if result else "")


class ImportWizard(QWizard):
    """Emits `imported(ImportResult)` after a successful import."""

    imported = Signal(object)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.sheet: str | None = None
        self.sheets: list = []
        self.plan: ExtractedPlan | None = None
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self._close_after_job = False
        self.setWindowTitle(tr("Nhập kế hoạch"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in (
            (QWizard.WizardButton.BackButton, tr("‹ Quay lại")),
            (QWizard.WizardButton.NextButton, tr("Tiếp ›")),
            (QWizard.WizardButton.FinishButton, tr("Xong")),
            (QWizard.WizardButton.CancelButton, tr("Hủy")),
        ):
            self.setButtonText(button, text)
        size_dialog(self, 1320, 720, ctx.qsettings, "wizard/size")
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.confirm_page = ConfirmPage(self)
        self.summary_page = SummaryPage(self)
        self.update_page = UpdatePage(self)
        self.setPage(UPDATE_PAGE, self.update_page)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(PREVIEW_PAGE, self.preview_page)
        self.setPage(CONFIRM_PAGE, self.confirm_page)
        self.setPage(SUMMARY_PAGE, self.summary_page)
        for panel in self.panels():
            panel.finished.connect(self._after_job)
        if path is not None:
            self.file_page.load(Path(path))

    # ----------------------------------------------------------------- settings

    def limits(self) -> dict:
        value = self.ctx.setting("import_limits")
        return value if isinstance(value, dict) else {}

    def term(self) -> tuple[int, int] | None:
        """The term fixed in the settings; None: the importer takes the plan's own."""
        return term_override(self.ctx.db)

    # ----------------------------------------------------------------- extraction

    def begin_file(self, path: Path) -> None:
        if path != self.path:
            self.sheet = None
        self.path = path
        self.plan = None
        self.preview = None

    def extract_job(
        self,
        path: Path,
        sheet: str | None,
        header_row: int | None = None,
        columns: tuple[tuple[str, int], ...] = (),
    ):
        db = self.ctx.db
        limits = ImportLimits.from_setting(self.limits())
        options = ExtractOptions(
            sheet=sheet, header_row=header_row, columns=columns, term=self.term(), limits=limits
        )

        def work(progress):
            # One checked copy for both readings: what is listed is what is extracted.
            with checked_copy(path, options.limits) as copy:
                plan = extract_checked(copy, options, progress)
                sheets = (
                    guarded(copy, lambda: list_task_sheets(copy, options))
                    if path.suffix.lower() in EXCEL
                    else []
                )
            return sheets, plan, preview_import(db, plan)

        self.sheet = sheet
        return work

    def extracted(self, result) -> None:
        self.sheets, self.plan, self.preview = result
        if self.sheet is None and self.plan.sheet:
            self.sheet = self.plan.sheet
        self.preview_page.show_plan()
        self.file_page.completeChanged.emit()
        if self.currentId() == FILE_PAGE:
            self.next()

    def reload_sheet(self, sheet: str) -> None:
        """Extract another sheet of the same workbook (edits of this sheet are dropped)."""
        if self.path is not None:
            self.preview_page.extract_sheet(self.path, sheet)

    # ----------------------------------------------------------------- import

    def final_plan(self) -> ExtractedPlan:
        """The plan as the user left it: header edits, checked rows only."""
        assert self.plan is not None
        page = self.preview_page
        return replace(
            self.plan,
            document=page.document(),
            tasks=page.model.selected_tasks(),
        )

    def confirm_text(self) -> str:
        plan = self.final_plan()
        page = self.preview_page
        what = plan.document.number or plan.document.title[:80]
        lines = []
        if self.updating():
            diff = self.update_page.diff
            lines.append(
                tr("Cập nhật kế hoạch <b>{what}</b> theo tệp này: ", what=escape(what))
                + escape(diff.summary() if diff else "")
                + "."
            )
            if diff and diff.removed:
                lines.append(
                    tr("Xóa {n} nhiệm vụ không còn trong tệp.", n=len(diff.removed))
                    if self.update_page.remove_missing()
                    else tr("Giữ {n} nhiệm vụ không còn trong tệp.", n=len(diff.removed))
                )
        else:
            lines.append(
                tr(
                    "Nhập kế hoạch <b>{what}</b> với <b>{n}</b> nhiệm vụ.",
                    what=escape(what),
                    n=len(plan.tasks),
                )
            )
        skipped = len(self.plan.tasks) - len(plan.tasks) if self.plan else 0
        if skipped:
            lines.append(tr("Bỏ qua {n} dòng không đánh dấu.", n=skipped))
        used = set(plan.units())
        created = [n for n in page.units.created() if n in used]
        if created:
            names = ", ".join(escape(n) for n in created[:12])
            more = "…" if len(created) > 12 else ""
            lines.append(
                tr("Thêm {n} đơn vị mới vào danh mục: {names}", n=len(created), names=names + more)
            )
        mapped = {n: i for n, i in page.units.unit_map().items() if n in used}
        if mapped:
            lines.append(tr("{n} tên đơn vị được ánh xạ theo lựa chọn của bạn.", n=len(mapped)))
        lines.append(tr("Một bản sao lưu được tạo trước khi nhập."))
        return "<p>" + "</p><p>".join(lines) + "</p>"

    def updating(self) -> bool:
        """The user chose to update the known plan (never without choosing)."""
        return (
            self.preview is not None
            and self.preview.same_plan is not None
            and (self.update_page.updating())
        )

    def import_job(self):
        db = self.ctx.db
        plan = self.final_plan()
        unit_map = self.preview_page.units.unit_map()
        update = self.updating()
        separate = self.update_page.separate()
        remove = self.update_page.remove_missing()
        same = self.preview.same_plan if self.preview is not None else None
        plan_id = same.id if update and same is not None else None
        today = self.ctx.today()

        def work(progress):
            if plan_id is not None:
                return ops.update_plan(
                    db,
                    plan_id,
                    plan,
                    remove_missing=remove,
                    unit_map=unit_map,
                    today=today,
                    backup=True,
                )
            return ops.import_plan(
                db,
                plan,
                unit_map=unit_map,
                create_units=True,
                separate=separate,
                progress=progress,
                today=today,
                backup=True,
            )

        self._last = (plan, unit_map, plan_id, remove, today, separate)
        return work

    def imported_ok(self, result: ImportResult) -> None:
        self.import_result = result
        plan, unit_map, plan_id, remove, today, separate = self._last
        self.ctx.announce(result.change)
        if plan_id is not None:
            self.ctx.push(update_command(self.ctx, result, plan, plan_id, unit_map, remove, self))
        else:
            self.ctx.push(import_command(self.ctx, result, plan, unit_map, today, self, separate))
        self.imported.emit(result)
        if self.currentId() == CONFIRM_PAGE:
            self.next()

    def panels(self) -> list[JobPanel]:
        return [self.file_page.panel, self.preview_page.panel, self.confirm_page.panel]

    def _after_job(self) -> None:
        if self._close_after_job and not any(p.busy for p in self.panels()):
            self._close_after_job = False
            super().reject()

    def reject(self) -> None:
        """Cancel a running job first; the wizard closes once it has stopped."""
        busy = [p for p in self.panels() if p.busy]
        if not busy:
            super().reject()
            return
        self._close_after_job = True
        for panel in busy:
            panel.cancel()


def import_command(ctx, result, plan, unit_map, today, widget, separate=False) -> OpCommand:
    """Undo an import (delete the new plan); redo imports the same tasks again. Pushed
    after the import itself, so the first redo is skipped."""
    plan_id = [result.plan_id]

    def do(db) -> ImportResult:
        res = ops.import_plan(
            db, plan, unit_map=unit_map, create_units=True, today=today, separate=separate
        )
        plan_id[0] = res.plan_id
        return res

    def undo(db) -> Change:
        return ops.delete_plan(db, plan_id[0])

    what = plan.document.number or plan.document.title[:40]
    return OpCommand(ctx, tr("Nhập kế hoạch {what}", what=what), do, undo, widget, done=True)


def update_command(ctx, result, plan, plan_id, unit_map, remove, widget) -> OpCommand:
    """Undo an update of a known plan (everything as it was); redo updates it again."""
    undo_data = [result.undo]
    today = ctx.today()

    def do(db):
        res = ops.update_plan(
            db, plan_id, plan, remove_missing=remove, unit_map=unit_map, today=today
        )
        undo_data[0] = res.undo
        return res

    def undo(db) -> Change:
        return ops.undo_plan_update(db, undo_data[0])

    what = plan.document.number or plan.document.title[:40]
    return OpCommand(ctx, tr("Cập nhật kế hoạch {what}", what=what), do, undo, widget, done=True)

"""Print dialogs: the weekly list, the other reports, and the calendar export.

The dialogs only gather options; reading the database and building the document run
in a background job (`run_job`), and so does writing a PDF or sending pages to a
printer. The print preview paints in the GUI thread, as QPrintPreviewDialog requires.
The preview, the paper and the PDF come from the same `app.exports.weekly.render.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.workdays import week_bounds
from app.db.reads import departments
from app.exports.ics import write_ics
from app.exports.reports import docx as official
from app.exports.reports import printed as reports
from app.exports.reports.summary import ReportPeriod, summary_paragraphs
from app.exports.weekly.data import (
    DEFAULT_OVERDUE_LIMIT,
    WeeklyOptions,
    collect_week,
    week_label,
    weekly_document,
)
from app.exports.weekly.layout import PrintDoc
from app.exports.weekly.render import layout_for, register_fonts, render, write_pdf
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr, tr_noop
from app.ui.kit.logs import show_error
from app.ui.kit.places import size_dialog
from app.ui.kit.widgets import edit_date, to_qdate
from app.ui.kit.worker import Job, run_job


def _department_names(ctx: AppContext) -> list[str]:
    return [d.name for d in departments.all_departments(ctx.db) if d.active]


def _ask_path(parent: QWidget | None, title: str, name: str, filter_: str) -> Path | None:
    """Where to save, starting in the home folder; None when the user cancels."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), filter_)
    return Path(chosen) if chosen else None


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_suffix(suffix)


class _PrintDialog(QDialog):
    """What both print dialogs share: build the document in a job, then show or write it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        register_fonts()  # from the GUI thread, before any job renders
        self.job: Job | None = None
        self.document: PrintDoc | None = None
        self.preview_dialog: QPrintPreviewDialog | None = None
        self._preview_printer: QPrinter | None = None
        self.last_pdf: Path | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setOpenExternalLinks(False)
        self.status.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.preview_button = QPushButton(tr("Xem trước…"))
        self.print_button = QPushButton(tr("In…"))
        self.pdf_button = QPushButton(tr("Lưu PDF…"))
        self.close_button = QPushButton(tr("Đóng"))
        self.preview_button.clicked.connect(self.open_preview)
        self.print_button.clicked.connect(self.print_document)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.close_button.clicked.connect(self.reject)
        self.preview_button.setDefault(True)

    def buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.pdf_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.close_button)
        return row

    # subclasses: the document for the current options, built off the UI thread
    def build_document(self) -> Callable[[], PrintDoc]:
        raise NotImplementedError

    def default_file_name(self) -> str:
        raise NotImplementedError

    def landscape(self) -> bool:
        raise NotImplementedError

    def _with_document(self, then: Callable[[PrintDoc], None]) -> Job:
        build = self.build_document()

        def done(doc: PrintDoc) -> None:
            self.document = doc
            then(doc)

        self._set_busy(True)
        self.job = run_job(
            self,
            tr("Đang chuẩn bị tài liệu…"),
            lambda progress: build(),
            done,
            self._failed,
        )
        self.job.finished.connect(lambda: self._set_busy(False))
        return self.job

    def _failed(self, error: BaseException, trace: str) -> None:
        self.status.setText(tr("Không thực hiện được."))
        show_error(self, error, trace)

    def _set_busy(self, busy: bool) -> None:
        for b in (self.preview_button, self.print_button, self.pdf_button):
            b.setEnabled(not busy)

    def _printer(self, doc: PrintDoc) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(layout_for(doc.landscape))
        printer.setDocName(str(doc.meta.get("title") or doc.title))
        return printer

    # ----------------------------------------------------------------- actions

    def open_preview(self) -> Job:
        """Print preview (A4, official margins), from which the user can also print."""

        def show(doc: PrintDoc) -> None:
            printer = self._printer(doc)
            self._preview_printer = printer  # the dialog does not own it: keep it alive
            dlg = QPrintPreviewDialog(printer, self)
            dlg.setWindowTitle(tr("Xem trước khi in"))
            dlg.paintRequested.connect(lambda p: self._paint(doc, p))
            # 1000 × 800 at most, within the screen; the size the user gives it is kept
            size_dialog(dlg, 1000, 800, self.ctx.qsettings, "print/preview_size")
            self.preview_dialog = dlg
            dlg.open()

        return self._with_document(show)

    def _paint(self, doc: PrintDoc, printer: QPrinter) -> None:
        try:
            render(doc, printer)
        except Exception as ex:  # shown, never raised into Qt's paint handler
            show_error(self, ex)

    def print_document(self) -> Job:
        """The system print dialog, then the pages sent to the printer in the background."""

        def ask(doc: PrintDoc) -> None:
            printer = self._printer(doc)
            dlg = QPrintDialog(printer, self)
            dlg.setWindowTitle(tr("In"))
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            self.job = run_job(
                self,
                tr("Đang in…"),
                lambda progress: render(doc, printer, progress),
                lambda pages: self.status.setText(tr("Đã gửi {n} trang tới máy in.", n=pages)),
                self._failed,
            )

        return self._with_document(ask)

    def save_pdf(self, path: Path | None = None) -> Job | None:
        """Ask where to save (unless `path` is given), then write the PDF in the background."""
        target = path or _ask_path(
            self, tr("Lưu tệp PDF"), self.default_file_name(), tr("Tệp PDF (*.pdf)")
        )
        if target is None:
            return None
        target = _with_suffix(target, ".pdf")

        def write(doc: PrintDoc) -> None:
            self._set_busy(True)
            self.job = run_job(
                self,
                tr("Đang lưu PDF…"),
                lambda progress: write_pdf(doc, target, progress),
                lambda pages: self._saved(target, pages),
                self._failed,
            )
            self.job.finished.connect(lambda: self._set_busy(False))

        return self._with_document(write)

    def _saved(self, path: Path, pages: int) -> None:
        self.last_pdf = path
        url = QUrl.fromLocalFile(str(path)).toString()
        self.status.setText(
            tr('Đã lưu {n} trang vào <a href="{url}">{name}</a>.', n=pages, url=url, name=path.name)
        )


# --------------------------------------------------------------------------- weekly


class WeeklyPrintDialog(_PrintDialog):
    """In danh sách tuần: pick the week, a unit (or all), the orientation; preview/print/PDF."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, tr("In danh sách tuần"))
        self.date_edit = QDateEdit(to_qdate(ctx.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.week_label = QLabel()
        prev_b = QPushButton(tr("◀ Tuần trước"))
        this_b = QPushButton(tr("Tuần này"))
        next_b = QPushButton(tr("Tuần sau ▶"))
        prev_b.clicked.connect(lambda: self.shift_week(-1))
        next_b.clicked.connect(lambda: self.shift_week(1))
        this_b.clicked.connect(lambda: self.set_day(self.ctx.today()))
        self.date_edit.dateChanged.connect(self._update_week)

        self.department = QComboBox()
        self.department.addItem(tr("Tất cả đơn vị"), None)
        for name in _department_names(ctx):
            self.department.addItem(name, name)

        self.portrait = QRadioButton(tr("Khổ dọc"))
        self.landscape_button = QRadioButton(tr("Khổ ngang"))
        self.portrait.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.portrait)
        group.addButton(self.landscape_button)
        self.all_overdue = QCheckBox(
            tr("In tất cả nhiệm vụ quá hạn (mặc định: 100 nhiệm vụ gần nhất)")
        )
        self.unreported = QCheckBox(
            tr("In mục «Đơn vị chưa báo cáo» (chưa trả lời văn bản đôn đốc)")
        )
        self.unreported.setChecked(True)
        self.by_specialist = QCheckBox(
            tr("Nhóm theo chuyên viên theo dõi (thay vì đơn vị chủ trì)")
        )

        week_row = QHBoxLayout()
        for w in (self.date_edit, prev_b, this_b, next_b):
            week_row.addWidget(w)
        week_row.addStretch(1)
        orient = QHBoxLayout()
        orient.addWidget(self.portrait)
        orient.addWidget(self.landscape_button)
        orient.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("Ngày trong tuần:"), week_row)
        form.addRow(tr("Tuần:"), self.week_label)
        form.addRow(tr("Đơn vị:"), self.department)
        form.addRow(tr("Hướng giấy:"), orient)
        form.addRow("", self.all_overdue)
        form.addRow("", self.unreported)
        form.addRow("", self.by_specialist)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(self.buttons())
        self._update_week()

    def day(self) -> date:
        return edit_date(self.date_edit)

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(to_qdate(day))

    def shift_week(self, weeks: int) -> None:
        self.set_day(self.day() + timedelta(days=7 * weeks))

    def _update_week(self) -> None:
        start, end = week_bounds(self.day())
        self.week_label.setText(tr("Tuần {label}", label=week_label(start, end)))

    def landscape(self) -> bool:
        return self.landscape_button.isChecked()

    def options(self) -> WeeklyOptions:
        return WeeklyOptions(
            day=self.day(),
            department=self.department.currentData(),
            landscape=self.landscape(),
            overdue_limit=None if self.all_overdue.isChecked() else DEFAULT_OVERDUE_LIMIT,
            unreported=self.unreported.isChecked(),
            by_specialist=self.by_specialist.isChecked(),
        )

    def build_document(self) -> Callable[[], PrintDoc]:
        options, db = self.options(), self.ctx.db

        def build() -> PrintDoc:
            data = collect_week(db, options)
            return weekly_document(data, options.landscape)

        return build

    def default_file_name(self) -> str:
        start, _ = week_bounds(self.day())
        return f"danh-sach-tuan-{start:%d-%m-%Y}.pdf"


# --------------------------------------------------------------------------- reports


REPORT_KINDS = (
    ("summary", tr_noop("Báo cáo tình hình thực hiện nhiệm vụ theo đơn vị")),
    ("overdue", tr_noop("Danh sách nhiệm vụ quá hạn")),
    ("unit", tr_noop("Danh sách nhiệm vụ của một đơn vị")),
)
PERIODS = (("month", tr_noop("Tháng")), ("quarter", tr_noop("Quý")), ("year", tr_noop("Năm")))


class ReportDialog(_PrintDialog):
    """The status summary by unit for a month/quarter/year, and the other lists."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, tr("Báo cáo"))
        self.kind = QComboBox()
        for key, label in REPORT_KINDS:
            self.kind.addItem(tr(label), key)
        self.period = QComboBox()
        for key, label in PERIODS:
            self.period.addItem(tr(label), key)
        self.date_edit = QDateEdit(to_qdate(ctx.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.period_label = QLabel()
        self.department = QComboBox()
        self.department.addItem(tr("Tất cả đơn vị"), None)
        for name in _department_names(ctx):
            self.department.addItem(name, name)
        self.include_done = QCheckBox(tr("Kèm nhiệm vụ đã hoàn thành"))
        self.landscape_box = QCheckBox(tr("Khổ ngang"))
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText(tr("Nhấn «Xem trước» để tính số liệu."))
        self.summary.setMaximumHeight(140)
        self._texts: dict[str, Any] = {}

        form = QFormLayout()
        form.addRow(tr("Loại báo cáo:"), self.kind)
        period_row = QHBoxLayout()
        period_row.addWidget(self.period)
        period_row.addWidget(self.date_edit)
        period_row.addWidget(self.period_label, 1)
        form.addRow(tr("Kỳ báo cáo:"), period_row)
        form.addRow(tr("Đơn vị:"), self.department)
        form.addRow("", self.include_done)
        form.addRow("", self.landscape_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        buttons = self.buttons()
        self.word_button = QPushButton(tr("Lưu Word…"))
        self.word_button.setToolTip(
            tr("Báo cáo chính thức (.docx) theo thể thức văn bản hành chính, để trình ký")
        )
        self.word_button.clicked.connect(lambda: self.save_docx())
        buttons.insertWidget(3, self.word_button)
        self.last_docx: Path | None = None
        layout.addLayout(buttons)
        for signal in (
            self.kind.currentIndexChanged,
            self.period.currentIndexChanged,
            self.date_edit.dateChanged,
            self.department.currentIndexChanged,
        ):
            signal.connect(self._update)
        self._update()

    def report_kind(self) -> str:
        return self.kind.currentData()

    def day(self) -> date:
        return edit_date(self.date_edit)

    def landscape(self) -> bool:
        return self.landscape_box.isChecked()

    def _update(self) -> None:
        kind = self.report_kind()
        period = ReportPeriod.containing(self.period.currentData(), self.day())
        if kind == "summary":
            self.period_label.setText(period.label)
        else:
            self.period_label.setText(tr("tính đến ngày {d}", d=f"{self.day():%d/%m/%Y}"))
        self.period.setEnabled(kind == "summary")
        self.include_done.setEnabled(kind == "unit")
        if kind == "unit" and self.department.currentData() is None and self.department.count() > 1:
            self.department.setCurrentIndex(1)
        ready = kind != "unit" or self.department.currentData() is not None
        for b in (self.preview_button, self.print_button, self.pdf_button):
            b.setEnabled(ready)
        if hasattr(self, "word_button"):
            self.word_button.setEnabled(kind == "summary")

    def save_docx(self, path: Path | None = None) -> Job | None:
        """The official report (.docx) for the chosen period and unit, written off the UI
        thread; the figures shown above once written."""
        name = f"bao-cao-{self.day():%d-%m-%Y}.docx"
        target = path or _ask_path(self, tr("Lưu báo cáo Word"), name, tr("Tệp Word (*.docx)"))
        if target is None:
            return None
        target = _with_suffix(target, ".docx")
        db, today, department = self.ctx.db, self.ctx.today(), self.department.currentData()
        window = official.Window.of_period(self.period.currentData(), self.day())

        def write(progress: Any) -> official.OfficialReport:
            rep = official.collect_report(db, window, today=today, department=department)
            official.write_report_docx(rep, official.template_for(db, rep.org), target)
            return rep

        def done(rep: official.OfficialReport) -> None:
            self.last_docx = target
            texts = official.paragraphs(rep)
            self.summary.setPlainText(
                "\n".join(texts[k] for k in ("doan_tong_so", "doan_ky_truoc", "doan_cung_ky"))
            )
            url = QUrl.fromLocalFile(str(target)).toString()
            self.status.setText(
                tr('Đã lưu báo cáo vào <a href="{url}">{name}</a>.', url=url, name=target.name)
            )

        self.word_button.setEnabled(False)
        self.job = run_job(self, tr("Đang lưu báo cáo Word…"), write, done, self._failed)
        self.job.finished.connect(lambda: self.word_button.setEnabled(True))
        return self.job

    def build_document(self) -> Callable[[], PrintDoc]:

        kind, db, day, today = self.report_kind(), self.ctx.db, self.day(), self.ctx.today()
        department, landscape = self.department.currentData(), self.landscape()
        period, include_done = self.period.currentData(), self.include_done.isChecked()
        texts: dict[str, Any] = {}

        def build() -> PrintDoc:
            if kind == "summary":
                summary, org, recipients = reports.collect_summary(
                    db, period, day, today=today, department=department
                )
                texts["summary"] = "\n".join(summary_paragraphs(summary))
                return reports.summary_document(
                    summary, org, recipients, day=today, landscape=landscape
                )
            if kind == "overdue":
                data = reports.collect_overdue(db, day, department)
                texts["summary"] = tr("{n} nhiệm vụ quá hạn chưa hoàn thành.", n=len(data.entries))
                return reports.overdue_document(data, landscape)
            doc = reports.department_document(
                db, department, day, include_done=include_done, landscape=landscape
            )
            texts["summary"] = doc.intro[0] if doc.intro else ""
            return doc

        self._texts = texts
        return build

    def _with_document(self, then: Callable[[PrintDoc], None]) -> Job:
        def shown(doc: PrintDoc) -> None:
            self.summary.setPlainText(self._texts.get("summary", ""))
            then(doc)

        return super()._with_document(shown)

    def default_file_name(self) -> str:
        names = {"summary": "bao-cao", "overdue": "nhiem-vu-qua-han", "unit": "nhiem-vu-don-vi"}
        return f"{names[self.report_kind()]}-{self.day():%d-%m-%Y}.pdf"


# --------------------------------------------------------------------------- calendar


def export_ics(
    ctx: AppContext,
    parent: QWidget | None = None,
    *,
    path: Path | None = None,
    department: str | None = None,
    alarm_days: int | None = 1,
    quiet: bool = False,
) -> Job | None:
    """Xuất lịch: every dated deadline to an .ics file for Outlook, Google Calendar, phones."""
    target = path or _ask_path(
        parent, tr("Xuất lịch (.ics)"), "thoi-han-nhiem-vu.ics", tr("Tệp lịch iCalendar (*.ics)")
    )
    if target is None:
        return None
    target = _with_suffix(target, ".ics")
    today = ctx.today()

    def done(n: int) -> None:
        if quiet:
            return
        QMessageBox.information(
            parent,
            tr("Xuất lịch"),
            tr(
                "Đã xuất {n} thời hạn vào {path}.\n"
                "Mở tệp này bằng Outlook, Google Calendar hoặc điện thoại để thêm vào lịch; "
                "xuất và mở lại sau này sẽ cập nhật các sự kiện đã có.",
                n=n,
                path=str(target),
            ),
        )

    return run_job(
        parent,
        tr("Đang xuất lịch…"),
        lambda progress: write_ics(
            ctx.db, target, department=department, alarm_days=alarm_days, today=today
        ),
        done,
        lambda ex, trace: show_error(parent, ex, trace),
    )

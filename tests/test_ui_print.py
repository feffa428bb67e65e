"""Print dialogs with real widgets: options, preview, PDF through the background job, .ics."""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
import pytest
from icalendar import Calendar
from print_samples import MONDAY, UNITS, build_week_db
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from app.exports.weekly.data import WeeklyOptions, collect_week, weekly_document
from app.exports.weekly.render import layout_for, render, write_pdf
from app.ui.dialogs.printing import ReportDialog, WeeklyPrintDialog, export_ics
from app.ui.kit.context import AppContext


@pytest.fixture
def ctx(db, tmp_path):
    build_week_db(db)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return AppContext(db, today=lambda: MONDAY, settings=settings)


def pdf_text(path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return " ".join(
            " ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))
        )
    finally:
        doc.close()


def test_weekly_dialog_week_picker_and_options(qtbot, ctx):
    dlg = WeeklyPrintDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.week_label.text() == "Tuần 06/03–12/03/2023"
    dlg.shift_week(1)
    assert dlg.week_label.text() == "Tuần 13/03–19/03/2023"
    dlg.shift_week(-2)
    assert dlg.day() == date(2023, 2, 27)
    names = [dlg.department.itemText(i) for i in range(dlg.department.count())]
    assert names[0] == "Tất cả đơn vị" and set(UNITS) <= set(names)
    dlg.department.setCurrentIndex(names.index(UNITS[1]))
    dlg.landscape_button.setChecked(True)
    dlg.all_overdue.setChecked(True)
    opts = dlg.options()
    assert opts == WeeklyOptions(date(2023, 2, 27), UNITS[1], True, None)
    assert dlg.unreported.isChecked()
    dlg.unreported.setChecked(False)
    assert dlg.options().unreported is False
    assert dlg.default_file_name() == "danh-sach-tuan-27-02-2023.pdf"


def test_weekly_dialog_saves_the_pdf_in_the_background(qtbot, ctx, tmp_path):
    dlg = WeeklyPrintDialog(ctx)
    qtbot.addWidget(dlg)
    out = tmp_path / "tuan"
    assert dlg.save_pdf(out) is not None
    qtbot.waitUntil(lambda: dlg.last_pdf is not None, timeout=30000)
    assert dlg.last_pdf == tmp_path / "tuan.pdf"
    text = pdf_text(dlg.last_pdf)
    assert "DANH SÁCH NHIỆM VỤ TRONG TUẦN" in text and "TUAN-1" in text
    assert "Đã lưu" in dlg.status.text() and "tuan.pdf" in dlg.status.text()
    qtbot.waitUntil(lambda: dlg.pdf_button.isEnabled(), timeout=5000)


def test_weekly_preview_paints_the_same_pages(qtbot, ctx, tmp_path):
    dlg = WeeklyPrintDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.landscape_button.setChecked(True)
    dlg.open_preview()
    qtbot.waitUntil(lambda: dlg.preview_dialog is not None, timeout=30000)
    preview = dlg.preview_dialog
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() > 0, timeout=30000)
    assert widget.orientation() == QPageLayout.Orientation.Landscape
    assert dlg.document.landscape
    room = preview.screen().availableGeometry()  # the preview fits the screen
    assert preview.height() <= room.height() - 60 and preview.width() <= room.width() - 40
    pages = write_pdf(dlg.document, tmp_path / "same.pdf")
    assert widget.pageCount() == pages
    preview.close()


def test_printing_to_a_printer_device_gives_the_pdf_pages(ctx, tmp_path):
    """The print path: render() on a QPrinter (PDF output stands in for the printer)."""
    doc = weekly_document(collect_week(ctx.db, WeeklyOptions(MONDAY)))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    printer.setPageLayout(layout_for(False))
    pages = render(doc, printer)
    del printer
    assert pages >= 1
    assert "Tuần 06/03–12/03/2023" in pdf_text(tmp_path / "printer.pdf")


def test_report_dialog_summary_for_a_month(qtbot, ctx, tmp_path):
    dlg = ReportDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.report_kind() == "summary"
    dlg.date_edit.setDate(dlg.date_edit.date().addDays(-10))  # 24/02/2023
    assert dlg.period_label.text() == "tháng 2/2023"
    dlg.period.setCurrentIndex(1)
    assert dlg.period_label.text() == "quý I/2023"
    dlg.save_pdf(tmp_path / "bc.pdf")
    qtbot.waitUntil(lambda: dlg.last_pdf is not None, timeout=30000)
    text = pdf_text(tmp_path / "bc.pdf")
    assert "BÁO CÁO" in text and "Tình hình thực hiện nhiệm vụ quý I/2023" in text
    assert "Tổng cộng" in text and "Ban Tổ chức Tỉnh ủy" in text
    assert "nhiệm vụ quá hạn chưa hoàn thành, chiếm" in dlg.summary.toPlainText()


def test_report_dialog_unit_list_needs_a_unit(qtbot, ctx, tmp_path):
    dlg = ReportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(2)
    assert dlg.report_kind() == "unit" and dlg.department.currentData() is not None
    assert not dlg.period.isEnabled() and dlg.include_done.isEnabled()
    unit = dlg.department.currentData()
    dlg.include_done.setChecked(True)
    dlg.save_pdf(tmp_path / "dv.pdf")
    qtbot.waitUntil(lambda: dlg.last_pdf is not None, timeout=30000)
    text = pdf_text(tmp_path / "dv.pdf")
    assert "DANH SÁCH NHIỆM VỤ CỦA ĐƠN VỊ" in text and unit in text
    assert "NHIỆM VỤ ĐÃ HOÀN THÀNH" in text


def test_report_dialog_overdue_list(qtbot, ctx, tmp_path):
    dlg = ReportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(1)
    dlg.save_pdf(tmp_path / "qh.pdf")
    qtbot.waitUntil(lambda: dlg.last_pdf is not None, timeout=30000)
    text = pdf_text(tmp_path / "qh.pdf")
    assert "DANH SÁCH NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH" in text
    assert "QUAHAN-1" in text and "TUAN-1" not in text
    assert dlg.summary.toPlainText() == "3 nhiệm vụ quá hạn chưa hoàn thành."


def test_export_ics_from_the_menu_function(qtbot, ctx, tmp_path):
    job = export_ics(ctx, None, path=tmp_path / "lich", quiet=True)
    with qtbot.waitSignal(job.finished, timeout=30000):
        pass
    cal = Calendar.from_ical((tmp_path / "lich.ics").read_bytes())
    assert len(cal.walk("VEVENT")) == job.result > 5


def test_report_dialog_saves_the_official_report_as_word(qtbot, ctx, tmp_path):
    from docx import Document

    dlg = ReportDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.word_button.isEnabled()
    dlg.kind.setCurrentIndex(1)
    assert not dlg.word_button.isEnabled()  # Word is the official summary report only
    dlg.kind.setCurrentIndex(0)
    dlg.save_docx(tmp_path / "bc")
    qtbot.waitUntil(lambda: dlg.last_docx is not None, timeout=30000)
    assert dlg.last_docx == tmp_path / "bc.docx"
    doc = Document(str(dlg.last_docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and "Tình hình thực hiện nhiệm vụ tháng 3/2023" in text
    assert "so với tháng trước" in dlg.summary.toPlainText()
    assert "Cùng kỳ năm trước" in dlg.summary.toPlainText()
    assert "bc.docx" in dlg.status.text()

"""Words a clerk understands: no command-line flags or English glosses in the Vietnamese
window, no Vietnamese in the English one (errors of the importers and the database, undo
texts, the change log, numbers), and a header row she can choose when it is not found."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import qa2_workbooks as wbk
from PySide6.QtCore import Qt
from test_ui_wizard import PREVIEW_PAGE
from ui_sample import make_ctx, seed

from app.db import ops
from app.errors import DonDocError, HeaderNotFoundError
from app.importers.base import ExtractOptions, ImportLimits
from app.importers.model import ExtractedTask
from app.importers.registry import extract_file
from app.ui.import_wizard.model import place_text
from app.ui.kit.i18n import fmt_number, set_language
from app.ui.kit.messages import error_message, translate
from app.ui.main.window import MainWindow

VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I
)
QUOTED = re.compile(r"“[^”]*”|«[^»]*»")  # names written in the user's files stay as written


def vietnamese_words(text: str) -> list[str]:
    return VIETNAMESE.findall(QUOTED.sub("", text))


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("vi")


def bad_files(d: Path) -> list[Path]:
    """Files a clerk really receives wrong: empty, mislabelled, a table without a
    header, a sheet larger than the limits allow, a damaged Word file."""
    empty = d / "trong.xlsx"
    empty.write_bytes(b"")
    text = d / "ghi-chu.docx"
    text.write_text("không phải văn bản Word", encoding="utf-8")
    zipped = d / "hong.docx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("word/other.xml", "<x/>")
    odd = d / "danh-sach.xyz"
    odd.write_text("1;2;3", encoding="utf-8")
    headless = d / "khong-tieu-de.xlsx"
    wb = openpyxl.Workbook()
    for r in range(1, 6):
        wb.active.append([r, f"việc {r}", "ai đó"])
    wb.save(headless)
    big = d / "lon.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["STT", "Nội dung nhiệm vụ", "Chủ trì", "Thời hạn"])
    for r in range(1, 160):
        wb.active.append([r, f"Nhiệm vụ {r}", "Ban Tổ chức", "Quý I/2026"])
    wb.save(big)
    return [empty, text, zipped, odd, headless, big]


def errors_of(d: Path) -> list[DonDocError]:
    found = []
    options = ExtractOptions(limits=ImportLimits(max_rows=100))
    for path in bad_files(d):
        with pytest.raises(DonDocError) as info:
            extract_file(path, options)
        found.append(info.value)
    return found


def test_errors_in_the_vietnamese_window_have_no_flags_and_no_english(tmp_path):
    for error in errors_of(tmp_path):
        shown = error_message(error)
        assert "--" not in shown, shown
        # English glosses for the command line and logs are dropped: "(damaged file)".
        assert not re.search(r"\([A-Za-z][a-z]+ [a-z ]+\)", shown), shown
        assert vietnamese_words(shown), shown


def test_errors_in_the_english_window_have_no_vietnamese(tmp_path, english):
    errors = errors_of(tmp_path)
    for error in errors:
        shown = error_message(error)
        assert not vietnamese_words(shown), shown
    assert any("100" in error_message(e) for e in errors)  # the values are kept


def test_numbers_follow_the_language(tmp_path, english):
    assert fmt_number(5_000_000) == "5,000,000"
    message = "tệp có hơn 5.000.000 dòng (giới hạn nhập) (too many rows)"
    assert translate(message) == "the file has more than 5,000,000 rows (the import limit)"
    set_language("vi")
    assert fmt_number(5_000_000) == "5.000.000"
    assert translate(message) == "tệp có hơn 5.000.000 dòng (giới hạn nhập)"


@pytest.fixture
def ctx(db, tmp_path):
    seed(db)
    return make_ctx(db, tmp_path)


def test_undo_texts_and_change_log_in_english(qtbot, ctx, db, english):
    from app.db.reads.departments import all_departments
    from app.ui.dialogs.audit import AuditDialog

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    model = win.model
    open_ids = [model.task_id(r) for r in range(3) if model.row_data(r).completed_on is None]
    win.set_done(open_ids[:1], True)
    undo = win.actions_.undo
    assert undo.text().startswith("Undo") and "done" in undo.text()
    assert not vietnamese_words(undo.text()) and not vietnamese_words(undo.toolTip())
    unit = all_departments(db)[0]
    ops.update_department(db, unit.id, name=unit.name + " mới")
    ops.add_progress_note(db, open_ids[0], "Đã họp triển khai")
    ops.set_setting(db, "soon_days", 5)
    dialog = AuditDialog(ctx, win)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 4)
    model = dialog.model
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Change"
    for row in range(model.rowCount()):
        action, change = model.index(row, 2).data(), model.index(row, 4).data()
        assert not vietnamese_words(action), action
        # The lead-in is English; what follows is the user's own data (a task, a unit).
        # (Plan numbers and file names are data too: "33-KH/ĐUK", "ke-hoach.docx".)
        lead_in = QUOTED.sub("", change).split(":", 1)[0]
        words = [w for w in lead_in.split() if not re.search(r"[\d./-]", w)]
        assert not vietnamese_words(" ".join(words)), change
        assert "soon_days" not in change  # a setting by its name, not its key
    assert any(
        model.index(r, 4).data() == "Setting ““Due soon” warning” changed"
        for r in range(model.rowCount())
    )


def test_place_is_the_item_number_or_the_page():
    assert place_text(ExtractedTask("x", section="II.1", number="a", source="đoạn 22")) == "II.1.a"
    assert place_text(ExtractedTask("x", source="đoạn 22")) == ""
    assert place_text(ExtractedTask("x", section="2", source="trang 3")) == "2 · trang 3"
    set_language("en")
    try:
        assert place_text(ExtractedTask("x", number="4", source="trang 3")) == "4 · page 3"
    finally:
        set_language("vi")


def test_wizard_lets_the_clerk_choose_the_header_row(qtbot, ctx, tmp_path):
    from app.ui.import_wizard.wizard import FILE_PAGE, ImportWizard

    path = wbk.appendix_after_instructions(tmp_path)
    wiz = ImportWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    page = wiz.file_page
    page.load(path, "Phụ lục", header_row=10)  # a wrong row: the numbering "(1) (2) (3)"
    qtbot.waitUntil(lambda: page.header_box.isVisible(), timeout=20000)
    assert wiz.currentId() == FILE_PAGE
    shown = page.error.text()
    assert "--header-row" not in shown and "dòng 10" in shown
    chooser = page.header_box
    assert chooser.header_row.value() == 8  # where the header really is
    assert chooser.table.rowCount() >= 9 and chooser.table.currentRow() == 7
    chooser.read_btn.click()
    qtbot.waitUntil(lambda: wiz.currentId() == PREVIEW_PAGE, timeout=20000)
    assert wiz.preview_page.model.rowCount() > 0


def test_header_error_names_the_found_row(tmp_path):
    path = wbk.appendix_after_instructions(tmp_path)
    with pytest.raises(HeaderNotFoundError) as info:
        extract_file(path, ExtractOptions(sheet="Phụ lục", header_row=10))
    assert info.value.found == 8 and "--" not in str(info.value)


PHRASES = [
    "Quý I/2026",
    "trước ngày 30/10 hằng năm",
    "thường xuyên",
    "đã thực hiện trong tháng 3/2026",
    "6 tháng đầu năm 2026",
    "hằng quý, ngày 20 tháng cuối quý",
    "thứ Sáu hằng tuần",
    "giai đoạn 2026-2030",
    "tháng 4 và tháng 10 hằng năm",
    "trước ngày 15/12/2026 và thường xuyên",
]


def test_deadlines_are_explained_in_english(english):
    from datetime import date

    from app.core.deadlines.parse import describe, parse_deadline

    for phrase in PHRASES:
        text = translate(describe(parse_deadline(phrase, date(2026, 3, 1))))
        assert not vietnamese_words(text), (phrase, text)
    waiting = describe(parse_deadline("khi có hướng dẫn của Trung ương", date(2026, 3, 1)))
    # The condition is the plan's own words; what the app says about it is English.
    assert translate(waiting) == "Waiting on a condition: khi có hướng dẫn của Trung ương"


def test_wizard_lets_the_clerk_name_the_columns_of_her_own_sheet(qtbot, ctx, tmp_path):
    from app.ui.import_wizard.wizard import ImportWizard

    path = tmp_path / "viec-cua-van-phong.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH VIỆC THÁNG 6"])
    ws.append([])
    ws.append(["#", "Việc", "Người làm", "Khi nào"])  # no name the reader knows
    ws.append([1, "Tổ chức hội nghị sơ kết", "Ban Tổ chức Đảng ủy Khối", "Quý II/2026"])
    ws.append([2, "Báo cáo kết quả", "Văn phòng Đảng ủy Khối", "trước ngày 30/6/2026"])
    wb.save(path)
    wiz = ImportWizard(ctx, path=path)
    qtbot.addWidget(wiz)
    wiz.show()
    chooser = wiz.file_page.header_box
    qtbot.waitUntil(chooser.isVisible, timeout=5000)
    assert "--" not in wiz.file_page.error.text()
    chooser.table.setCurrentCell(2, 0)  # she clicks the row "# | Việc | Người làm | Khi nào"
    assert chooser.header_row.value() == 3
    combo = chooser.combos["text"]
    assert combo.itemText(combo.findData(1)) == "B: Việc"
    chooser.combos["lead"].setCurrentIndex(chooser.combos["lead"].findData(2))
    chooser.read_btn.click()  # the lead's column named, not the text's: asked for it
    assert "cột nội dung" in chooser.title.text() and wiz.file_page.panel.busy is False
    for role, column in (("text", 1), ("deadline", 3)):
        chooser.combos[role].setCurrentIndex(chooser.combos[role].findData(column))
    chooser.read_btn.click()
    qtbot.waitUntil(lambda: wiz.currentId() == PREVIEW_PAGE, timeout=20000)
    tasks = wiz.plan.tasks
    assert [(t.text, t.lead, t.deadline.raw) for t in tasks] == [
        ("Tổ chức hội nghị sơ kết", "Ban Tổ chức Đảng ủy Khối", "Quý II/2026"),
        ("Báo cáo kết quả", "Văn phòng Đảng ủy Khối", "trước ngày 30/6/2026"),
    ]


def test_the_header_row_is_guessed_under_the_title_lines():
    from app.ui.import_wizard.header import column_letter, guess_header

    rows = [["DANH SÁCH", "", "", ""], ["", "", "", ""], ["#", "Việc", "Người làm", "Khi nào"]]
    assert guess_header(rows + [["1", "Họp", "Văn phòng", ""]]) == 3
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]

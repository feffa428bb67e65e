"""Broken and hostile files (tests/data/bad/, plus big ones generated here).

Each gives a clear FileImportError naming the file (and sheet/row when known), never a
traceback, never a hang, and `dondoc import` leaves the database exactly as it was.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
from _safety_tools import content_hash

from app.cli import main as cli_main
from app.db import ops
from app.db.store import Database
from app.errors import FileImportError, ImportLimitError, UnsafeFileError
from app.importers.base import ExtractOptions, ImportLimits
from app.importers.registry import extract_file

IDENTITY = ("--title", "Kế hoạch thử", "--number", "01/KH-VP")  # files without a number

BAD = Path(__file__).parent / "data" / "bad"
EXCEL = Path(__file__).parent / "data" / "excel"

# file -> (what must happen, words the message must contain). "ok": the file is read.
EXPECT: dict[str, tuple[type[BaseException] | str, tuple[str, ...]]] = {
    "truncated.xlsx": (FileImportError, ("hỏng",)),
    "truncated.docx": (FileImportError, ("hỏng",)),
    "truncated.pdf": (FileImportError, ("PDF",)),
    "truncated.ods": (FileImportError, ("hỏng",)),
    "corrupt-member.xlsx": (FileImportError, ("hỏng",)),
    "corrupt-member.docx": (FileImportError, ("hỏng",)),
    "corrupt.pdf": ("ok-or-error", ()),  # PDFium reads around damage; no tasks found
    "zipbomb.xlsx": (UnsafeFileError, ("bom zip",)),
    "zipbomb-lying-size.xlsx": (FileImportError, ("hỏng",)),
    "zipbomb-overlap.xlsx": (UnsafeFileError, ("bom zip", "chồng")),
    "xxe.xlsx": (UnsafeFileError, ("ENTITY", "XXE")),
    "billion-laughs.xlsx": (UnsafeFileError, ("ENTITY",)),
    "xxe-workbook.xlsx": (UnsafeFileError, ("ENTITY",)),
    "xxe.docx": (UnsafeFileError, ("ENTITY",)),
    "billion-laughs.docx": (UnsafeFileError, ("ENTITY",)),
    "xxe.ods": (UnsafeFileError, ("ENTITY",)),
    "xxe-2003.xls": (UnsafeFileError, ("ENTITY",)),
    "billion-laughs-2003.xml": (UnsafeFileError, ("ENTITY",)),
    "pdf-named.xlsx": (FileImportError, ("không phải",)),
    "xlsx-named.docx": ("ok", ()),  # a workbook whatever its name
    "docx-named.pdf": ("ok", ()),  # the content decides, not the name
    "pdf-named.txt": ("ok-or-error", ()),
    "empty.xlsx": (FileImportError, ("rỗng",)),
    "empty.docx": (FileImportError, ()),
    "empty.pdf": (FileImportError, ()),
    "empty.txt": (FileImportError, ("rỗng",)),
    "empty.csv": (FileImportError, ("rỗng",)),
    "blank-page.pdf": (FileImportError, ()),
    "encrypted.pdf": (FileImportError, ("mật khẩu",)),
    "encrypted.docx": (FileImportError, ("mật khẩu",)),
    "old-format.doc": (FileImportError, (".docx",)),
    "junk.xlsx": (FileImportError, ()),
    "junk.docx": (FileImportError, ()),
    "junk.pdf": (FileImportError, ("PDF",)),
    "junk.xls": (FileImportError, ()),
    "junk.bin": (FileImportError, ()),
    "zip-not-office.xlsx": (FileImportError, ()),
    "tcvn3-no-font.txt": ("ok", ()),
    "html-renamed.xls": (FileImportError, ("HTML",)),
    "html-table-renamed.xls": ("ok", ()),
    "deep-nesting.docx": ("ok-or-error", ()),
    "far-cell.xlsx": (ImportLimitError, ("dòng",)),
    "repeat-bomb.ods": (ImportLimitError, ("1.000.005 dòng × 200 cột",)),
    "far-cell.xls": (ImportLimitError, ("65.536 dòng × 256 cột",)),
    "nul-bytes.csv": (FileImportError, ()),
}


def test_the_corpus_is_complete():
    on_disk = {p.name for p in BAD.iterdir() if p.suffix != ".py"}
    assert on_disk == set(EXPECT), "update EXPECT or run make_corpus.py"


def _outcome(path: Path, options: ExtractOptions | None = None):
    try:
        return extract_file(path, options)
    except FileImportError as ex:
        return ex


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", sorted(EXPECT))
def test_bad_file_gives_a_clear_message(name):
    path = BAD / name
    expected, words = EXPECT[name]
    got = _outcome(path)
    assert not getattr(got, "internal", False), f"unforeseen failure: {got}"
    if expected == "ok":
        assert not isinstance(got, BaseException), str(got)
        assert got.tasks
        return
    if expected == "ok-or-error":
        return
    assert isinstance(got, expected), f"{name}: {type(got).__name__}: {got}"
    msg = str(got)
    assert msg.startswith(name), msg  # the message names the file first
    for w in words:
        assert w in msg, msg
    assert "Traceback" not in msg


def test_legacy_tcvn3_text_is_decoded_not_mojibake():
    plan = extract_file(BAD / "tcvn3-no-font.txt")
    texts = " ".join(t.text for t in plan.tasks)
    assert "quán triệt" in texts.lower() or "rà soát" in texts.lower(), texts
    assert "¸" not in texts and "µ" not in texts


def test_the_encrypted_workbook_of_the_excel_tests_is_refused():
    got = _outcome(EXCEL / "password.xlsx")
    assert isinstance(got, FileImportError) and "mật khẩu" in str(got)


def test_xml_libraries_do_not_expand_entities():
    """Defence in depth below the pre-scan: openpyxl uses defusedxml; python-docx's lxml
    parser does not resolve entities."""
    import openpyxl.xml
    from docx.oxml.parser import parse_xml

    assert openpyxl.xml.DEFUSEDXML is True
    secret = Path(__file__)  # any local file: its text must not appear
    xml = (
        f'<!DOCTYPE w [<!ENTITY s SYSTEM "{secret.as_uri()}">]>'
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:r><w:t>&s;</w:t></w:r></w:p>"
    )
    el = parse_xml(xml.encode())
    assert "import" not in "".join(el.itertext())


# --------------------------------------------------------------------------- the database


@pytest.mark.timeout(120)
def test_importing_bad_files_leaves_the_database_unchanged(db_path, capsys):
    db = Database.open(db_path)
    ops.create_department(db, "Văn phòng Tỉnh ủy")
    db.close()
    before = content_hash(db_path)
    refused = [n for n, (exp, _) in EXPECT.items() if isinstance(exp, type)]
    for name in refused:
        code = cli_main(["--db", str(db_path), "import", str(BAD / name)])
        err = capsys.readouterr().err
        assert code == 1, f"{name}: exit {code}: {err}"
        assert err.startswith("Lỗi: ") and name in err, err
        assert "Traceback" not in err
    assert content_hash(db_path) == before
    assert len(refused) >= 35


# --------------------------------------------------------------------------- limits


WORDS = [
    "nhiệm",
    "vụ",
    "triển",
    "khai",
    "kế",
    "hoạch",
    "báo",
    "cáo",
    "kết",
    "quả",
    "thực",
    "hiện",
    "chủ",
    "trì",
    "phối",
    "hợp",
    "quý",
]


def _xlsx_with(path: Path, rows: list[list[str]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh mục"
    ws.append(["STT", "Nội dung nhiệm vụ", "Chủ trì", "Thời gian hoàn thành"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.mark.timeout(120)
def test_a_50_mb_cell_is_refused_before_parsing(tmp_path):
    rnd = random.Random(50)
    block = " ".join(rnd.choice(WORDS) for _ in range(250_000)) + " "
    huge = block * (50_000_000 // len(block) + 1)
    assert len(huge) > 50_000_000
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Nội dung nhiệm vụ</t></is></c>'
        '</row><row r="2"><c r="A2" t="inlineStr"><is><t>' + huge + "</t></is></c></row>"
        "</sheetData></worksheet>"
    )
    path = _xlsx_with(tmp_path / "o-khong-lo.xlsx", [])
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    assert path.stat().st_size < 50 * 1024 * 1024  # under the file size limit: the cell is
    got = _outcome(path)
    assert isinstance(got, ImportLimitError), got
    assert "32.000 ký tự" in str(got) and "Danh mục" in str(got)


def test_limits_from_the_settings_are_enforced(tmp_path):
    rows = [
        [str(i), f"Nhiệm vụ số {i} " + "x" * (i % 50), "Văn phòng", "Quý I/2024"]
        for i in range(1, 1501)
    ]
    path = _xlsx_with(tmp_path / "nhieu-dong.xlsx", rows)
    assert len(extract_file(path).tasks) == 1500  # within the default limits
    small_rows = ExtractOptions(limits=ImportLimits(max_rows=1000))
    got = _outcome(path, small_rows)
    assert isinstance(got, ImportLimitError) and got.sheet == "Danh mục", got
    assert "1.000 dòng" in str(got)
    small_file = ExtractOptions(limits=ImportLimits(max_file_mb=0.01))
    got = _outcome(path, small_file)
    assert isinstance(got, ImportLimitError) and "quá lớn" in str(got)
    short_cells = ExtractOptions(limits=ImportLimits(max_cell_chars=40))
    got = _outcome(path, short_cells)
    assert isinstance(got, ImportLimitError) and "40 ký tự" in str(got), got


def test_long_vietnamese_cells_written_with_character_references_are_accepted(tmp_path):
    """openpyxl writes "ộ" as "&#7897;": seven bytes for one character, not seven."""
    long_text = ("Triển khai, đôn đốc thực hiện nhiệm vụ trọng tâm " * 500)[:24_000]
    path = _xlsx_with(tmp_path / "dai.xlsx", [["1", long_text, "Văn phòng", "Quý I/2024"]])
    with zipfile.ZipFile(path) as zf:
        assert b"&#" in zf.read("xl/worksheets/sheet1.xml")
    plan = extract_file(path)
    assert plan.tasks[0].text.startswith("Triển khai")


def test_a_cell_over_the_limit_in_a_csv_names_its_row(tmp_path):
    text = "Nhiệm vụ " + "rất dài " * 5000
    path = tmp_path / "dai.csv"
    path.write_text(
        "STT,Nội dung nhiệm vụ,Chủ trì,Thời gian hoàn thành\n"
        "1,Việc ngắn,Văn phòng,Quý I/2024\n"
        f'2,"{text}",Văn phòng,Quý II/2024\n',
        encoding="utf-8",
    )
    got = _outcome(path)
    assert isinstance(got, ImportLimitError), got
    assert got.row == 3 and "ký tự" in str(got)


def test_a_very_long_line_in_a_text_plan_is_refused_with_its_line(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text("KẾ HOẠCH\n\n1. Việc một.\n" + "a" * 100_000 + "\n", encoding="utf-8")
    got = _outcome(path)
    assert isinstance(got, ImportLimitError) and got.row == 4, got
    assert "ke-hoach.txt, dòng 4" in str(got)


def test_a_sheet_claiming_a_million_rows_is_refused(tmp_path):
    got = _outcome(BAD / "far-cell.xlsx")
    assert isinstance(got, ImportLimitError) and got.sheet == "Nhiệm vụ", got


def test_the_cli_reads_the_limits_from_the_settings(db_path, tmp_path, capsys):
    rows = [[str(i), f"Nhiệm vụ {i}", "Văn phòng", "Quý I/2024"] for i in range(1, 6)]
    path = _xlsx_with(tmp_path / "nam-viec.xlsx", rows)
    db = Database.open(db_path)
    ops.set_setting(db, "import_limits", {"max_file_mb": 50, "max_rows": 3})
    db.close()
    assert cli_main(["--db", str(db_path), "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "nam-viec.xlsx" in err and "giới hạn nhập (3 dòng" in err, err
    db = Database.open(db_path)
    ops.set_setting(db, "import_limits", {"max_rows": "nonsense"})
    db.close()
    assert cli_main(["--db", str(db_path), "import", str(path), *IDENTITY]) == 0
    assert "5 nhiệm vụ" in capsys.readouterr().out


def test_import_limits_setting_is_read_defensively():
    assert ImportLimits.from_setting(None) == ImportLimits()
    assert ImportLimits.from_setting({"max_rows": -5, "max_cell_chars": "100"}) == ImportLimits(
        max_cell_chars=100
    )
    assert ImportLimits.from_setting({"max_file_mb": 2.5}).max_file_bytes == int(2.5 * 1048576)


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_utf16_xml_parts_with_entities_are_caught(tmp_path):
    good = _xlsx_with(tmp_path / "a.xlsx", [["1", "Việc", "Văn phòng", "Quý I/2024"]])
    with zipfile.ZipFile(good) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]>' + xml
    parts["xl/worksheets/sheet1.xml"] = b"\xff\xfe" + xml.encode("utf-16-le")
    bad = tmp_path / "utf16.xlsx"
    bad.write_bytes(_zip_of(parts))
    assert isinstance(_outcome(bad), UnsafeFileError)

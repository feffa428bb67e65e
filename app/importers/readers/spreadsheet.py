"""Open any spreadsheet-like file as a list of sheets of plain cell values.

The file's first bytes decide, not its name: .xlsx/.xlsm/.xlsb/.ods (zip), .xls (OLE2),
HTML or XML Spreadsheet 2003 saved as .xls by web systems, and CSV. Reading uses
python-calamine (fast, native) for real workbooks; merged ranges come with the cells.
Every failure becomes a FileImportError that says what is wrong with which file.
"""

from __future__ import annotations

import csv
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path, PurePosixPath
from typing import cast

from app.errors import FileImportError, ImportLimitError
from app.importers.base import ImportLimits
from app.importers.readers.csvfile import NotText, decode_text, read_csv_text
from app.importers.readers.webtables import Grid, Merged, read_html_tables, read_spreadsheet_xml
from app.importers.safety.grids import clip_merged, n_vi
from app.importers.safety.guard import located, native_quiet

# What a damaged zip can raise while being listed or read.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    KeyError,
    OSError,
    ValueError,
    EOFError,
    zlib.error,
    RuntimeError,
    NotImplementedError,
)
# Never swallowed when a native reader fails.
_FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)
_OTHER_FORMATS = (
    (b"%PDF", "pdf"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"Rar!", "archive"),
    (b"7z\xbc\xaf", "archive"),
)
_KIND_NAMES = {
    "pdf": "tệp PDF",
    "rtf": "văn bản RTF",
    "image": "ảnh",
    "archive": "tệp nén",
    "docx": "văn bản Word",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(slots=True)
class SheetRef:
    name: str
    visible: bool
    load: Callable[[], Grid]


def _same(grid: Grid) -> Grid:
    """A sheet read whole already: loading it is handing it back."""
    return grid


def sniff(path: Path) -> str:
    """What the file really is: xlsx, ods, ole, html, xml2003, text, docx, empty or other."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as ex:
        raise FileImportError(f"không mở được tệp: {ex.strerror or ex}", path=path) from ex
    if not head.strip():
        return "empty"
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "mimetype" in names:
                    mime = zf.read("mimetype")[:100]
                    if b"spreadsheet" in mime:
                        return "ods"
                    return "other"
        except _ZIP_ERRORS:
            return "broken-zip"
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        return "other"
    if head.startswith(OLE_MAGIC):
        return "ole"
    for magic, kind in _OTHER_FORMATS:
        if head.startswith(magic):
            return kind
    lowered = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        lowered = head.decode("utf-16", errors="ignore").encode("utf-8").lower().lstrip()
    if lowered.startswith(b"<"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered and b"<workbook" in lowered:
            return "xml2003"
        if b"<html" in lowered or b"<table" in lowered or b"<!doctype" in lowered:
            return "html"
        if lowered.startswith(b"<?xml") and b"<html" not in lowered:
            return "other"
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "other"
    return "text"


def _is_encrypted_ole(path: Path) -> bool:
    """Password-protected .xlsx files are OLE containers with an EncryptionInfo stream."""
    needle = "EncryptionInfo".encode("utf-16-le")
    with open(path, "rb") as fh:
        data = fh.read(4 << 20)
    return needle in data


def open_book(path: Path, limits: ImportLimits | None = None) -> list[SheetRef]:
    """The sheets of a file, loaded lazily. Raises FileImportError for unreadable files.

    Every sheet comes back with its merged ranges clipped to its cells (bounded work for
    the table reader, whatever the ranges claim)."""
    limits = limits or ImportLimits()

    def bounded(ref: SheetRef) -> SheetRef:
        def load() -> Grid:
            grid = ref.load()
            grid.merged = clip_merged(grid.merged, grid.rows, limits, path=path, sheet=grid.name)
            return grid

        return SheetRef(ref.name, ref.visible, load)

    sheets = _open_book(path, limits)
    if len(sheets) > limits.max_sheets:
        raise ImportLimitError(
            f"sổ tính có {n_vi(len(sheets))} sheet, quá giới hạn {n_vi(limits.max_sheets)}; tệp "
            "hỏng hoặc không phải danh sách nhiệm vụ (too many sheets)",
            path=path,
        )
    return [bounded(ref) for ref in sheets]


def _open_book(path: Path, limits: ImportLimits) -> list[SheetRef]:
    kind = sniff(path)
    if kind == "empty":
        raise FileImportError("tệp rỗng, không có dữ liệu (empty file)", path=path)
    if kind == "broken-zip":
        raise FileImportError(
            "tệp bị hỏng hoặc không đầy đủ (tải về chưa xong?) (corrupt or truncated file)",
            path=path,
        )
    if kind in _KIND_NAMES:
        raise FileImportError(
            f"đây là {_KIND_NAMES[kind]}, không phải sổ tính Excel dù tên tệp là "
            f"«{path.suffix}» (not a spreadsheet)",
            path=path,
        )
    if kind == "ole" and _is_encrypted_ole(path):
        raise _password_error(path)
    if kind in ("xlsx", "ods", "ole"):
        return _calamine_book(path)
    if kind == "xml2003":
        try:
            grids = read_spreadsheet_xml(path.read_bytes(), limits)
        except FileImportError as ex:
            raise located(ex, path) from ex
        except Exception as ex:  # defusedxml/ElementTree parse errors of a broken file
            raise FileImportError(f"tệp XML bị hỏng ({ex})", path=path) from ex
        return [SheetRef(g.name, True, partial(_same, g)) for g in grids]
    if kind == "html":
        return _html_book(path, limits)
    if kind == "text":
        try:
            text = decode_text(path.read_bytes())
        except NotText as ex:
            raise FileImportError("tệp không phải bảng tính hoặc bị hỏng", path=path) from ex
        name = path.stem

        def load_csv() -> Grid:
            try:
                return Grid(name, read_csv_text(text))
            except csv.Error as ex:
                if "field larger than field limit" in str(ex):
                    raise ImportLimitError(
                        f"một ô dài hơn {n_vi(csv.field_size_limit())} ký tự (có thể do một dấu "
                        "nháy kép mở mà không đóng); tệp hỏng hoặc không phải danh sách nhiệm vụ "
                        "(cell too long)",
                        path=path,
                    ) from ex
                raise FileImportError(f"tệp CSV bị hỏng ({ex})", path=path) from ex

        return [SheetRef(name, True, load_csv)]
    raise FileImportError(
        "tệp không phải là sổ tính Excel, LibreOffice hay CSV, hoặc đã bị hỏng "
        "(not a spreadsheet, or corrupt)",
        path=path,
    )


def _password_error(path: Path) -> FileImportError:
    return FileImportError(
        "tệp được bảo vệ bằng mật khẩu; hãy mở bằng Excel, gỡ mật khẩu rồi lưu lại "
        "(password-protected file)",
        path=path,
    )


def _calamine_book(path: Path) -> list[SheetRef]:
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

    try:
        with native_quiet():
            wb = CalamineWorkbook.from_path(str(path))
        metas = wb.sheets_metadata
    except PasswordError as ex:
        raise _password_error(path) from ex
    except _FATAL:
        raise
    except BaseException as ex:  # calamine errors, and Rust panics (pyo3 PanicException)
        if any(w in str(ex).lower() for w in ("password", "encrypt", "filepass")):
            raise _password_error(path) from ex
        raise FileImportError(
            f"tệp bị hỏng hoặc không đúng định dạng, không đọc được ({ex}) (corrupt file)",
            path=path,
        ) from ex
    ods = sniff(path) == "ods"
    layout: dict[str, _OdsLayout] = _ods_layout(path) if ods else {}
    hidden_cols = {} if ods else _xlsx_hidden_columns(path)

    def loader(name: str) -> Callable[[], Grid]:
        def load() -> Grid:
            try:
                with native_quiet():
                    sheet = wb.get_sheet_by_name(name)
                    # a fresh list of our own: widening its cells' type is safe
                    rows = cast(list[list[object]], sheet.to_python(skip_empty_area=False))
                    ranges = sheet.merged_cell_ranges or []
            except PasswordError as ex:
                raise _password_error(path) from ex
            except _FATAL:
                raise
            except BaseException as ex:  # see above: damaged bytes can panic the reader
                raise FileImportError(
                    f"không đọc được sheet ({ex}) (corrupt sheet)", path=path, sheet=name
                ) from ex
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges]
            hidden = hidden_cols.get(name, set())
            if not ods:
                _as_month(rows, _xlsx_month_cells(path, name))
            if name in layout:  # calamine reports no merged ranges for .ods
                merged = merged or layout[name].merged
                hidden = layout[name].hidden
                _as_month(rows, layout[name].months)
            return Grid(name, rows, merged, frozenset(hidden))

        return load

    return [
        SheetRef(m.name, m.visible == SheetVisibleEnum.Visible, loader(m.name))
        for m in metas
        if m.typ == SheetTypeEnum.WorkSheet
    ]


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_COL_TAG = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")


def _xlsx_sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip part holding its XML."""
    out: dict[str, str] = {}
    if "xl/workbook.xml" not in zf.namelist():
        return out
    rels = {}
    for tag in _REL_TAG.findall(zf.read("xl/_rels/workbook.xml.rels")):
        a = dict(_ATTR.findall(tag))
        rels[a.get(b"Id", b"")] = a.get(b"Target", b"").decode()
    for tag in _SHEET_TAG.findall(zf.read("xl/workbook.xml")):
        a = dict(_ATTR.findall(tag))
        name = a.get(b"name", b"").decode("utf-8")
        name = name.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        target = rels.get(a.get(b"r:id", b""), "")
        if target:
            out[name] = (
                target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            )
    return out


def _xlsx_hidden_columns(path: Path) -> dict[str, set[int]]:
    """Hidden columns per sheet (0-based) from the <cols> part of each sheet's XML.

    calamine does not report them; only the small part before <sheetData> is read.
    """
    out: dict[str, set[int]] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            for name, part in _xlsx_sheet_parts(zf).items():
                hidden = _hidden_in_part(zf, part)
                if hidden:
                    out[name] = hidden
    except _ZIP_ERRORS:
        return {}
    return out


# Month-and-year number formats ("mm/yyyy", "mmm-yy"): what Excel gives a cell typed
# "9/2024". calamine returns the first of the month; the sheet meant the whole month.
_BUILTIN_MONTH_FORMATS = frozenset({17})
_NUMFMT_TAG = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*>")
_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.DOTALL)
_XF_TAG = re.compile(rb"<(?:\w+:)?xf\b[^>]*>")
_CELL_REF = re.compile(rb"^([A-Z]{1,3})(\d{1,7})$")
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def _month_year_format(code: str) -> bool:
    """ "mm/yyyy", "[$-42A]mmmm yyyy": a date shown without its day (nor its time)."""
    bare = _FORMAT_NOISE.sub("", code.split(";", 1)[0]).lower()
    return "m" in bare and "y" in bare and not any(ch in bare for ch in "dhs")


def _month_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles (cellXfs) whose number format shows only month and year."""
    try:
        styles = zf.read("xl/styles.xml")
    except KeyError:
        return set()
    month_ids = set(_BUILTIN_MONTH_FORMATS)
    for tag in _NUMFMT_TAG.findall(styles):
        a = dict(_ATTR.findall(tag))
        code = a.get(b"formatCode", b"").decode("utf-8", "replace")
        code = code.replace("&quot;", '"').replace("&amp;", "&")
        if _month_year_format(code):
            try:
                month_ids.add(int(a.get(b"numFmtId", b"-1")))
            except ValueError:
                continue
    m = _XFS.search(styles)
    if not m:
        return set()
    out: set[int] = set()
    for i, tag in enumerate(_XF_TAG.findall(m[1])):
        fmt = dict(_ATTR.findall(tag)).get(b"numFmtId", b"0")
        if fmt.isdigit() and int(fmt) in month_ids:
            out.add(i)
    return out


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _xlsx_month_cells(path: Path, sheet: str) -> set[tuple[int, int]]:
    """(row, col), 0-based, of the cells of `sheet` formatted as month and year only.

    Cheap for the usual workbook: the sheet's XML is scanned only when the styles hold
    such a format.
    """
    cells: set[tuple[int, int]] = set()
    try:
        with zipfile.ZipFile(path) as zf:
            styles = _month_styles(zf)
            part = _xlsx_sheet_parts(zf).get(sheet) if styles else None
            if not part:
                return cells
            data = zf.read(part)
    except _ZIP_ERRORS:
        return cells
    ids = b"|".join(str(i).encode() for i in sorted(styles))
    styled = re.compile(rb'<(?:\w+:)?c\b([^>]*?\bs="(?:' + ids + rb')"[^>]*)>')
    for m in styled.finditer(data):
        ref = _CELL_REF.match(dict(_ATTR.findall(m[1])).get(b"r", b""))
        if ref:
            cells.add((int(ref[2]) - 1, _col_index(ref[1])))
    return cells


def _as_month(rows: list[list[object]], cells: set[tuple[int, int]]) -> None:
    """Month-and-year cells become the text the sheet shows ("09/2024"), in place."""
    for r, c in cells:
        if r < len(rows) and c < len(rows[r]):
            v = rows[r][c]
            if isinstance(v, date):  # datetime too
                rows[r][c] = f"{v.month:02d}/{v.year}"


def _hidden_in_part(zf: zipfile.ZipFile, part: str) -> set[int]:
    head = b""
    with zf.open(part) as fh:
        while b"<sheetData" not in head and len(head) < (1 << 20):
            chunk = fh.read(16384)
            if not chunk:
                break
            head += chunk
    head = head.split(b"<sheetData", 1)[0]
    hidden: set[int] = set()
    for tag in _COL_TAG.findall(head):
        a = dict(_ATTR.findall(tag))
        if a.get(b"hidden") in (b"1", b"true"):
            lo, hi = int(a.get(b"min", b"1")), int(a.get(b"max", b"1"))
            if hi - lo < 1000:
                hidden.update(range(lo - 1, hi))
    return hidden


_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_T = "{" + _TABLE_NS + "}"


@dataclass(slots=True)
class _OdsLayout:
    merged: list[Merged]
    hidden: set[int]
    months: set[tuple[int, int]]  # date cells shown as month and year only


_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _shows_month_only(text: str, iso: str) -> bool:
    """Does a date cell whose value is `iso` show only its month and year ("10/2024",
    "Th10 2024", "Oct-24")?"""
    try:
        y, m = int(iso[:4]), int(iso[5:7])
    except ValueError:
        return False
    nums = [int(n) for n in re.findall(r"\d+", text)]
    if not nums or nums[-1] not in (y, y % 100) or len(text) > 20:
        return False
    rest = nums[:-1]
    return rest == [m] or (not rest and any(ch.isalpha() for ch in text))


def _ods_layout(path: Path) -> dict[str, _OdsLayout]:
    """Merged ranges, hidden columns and month-only date cells of every table in an
    .ods file's content.xml."""
    from defusedxml.ElementTree import iterparse

    out: dict[str, _OdsLayout] = {}
    try:
        with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
            layout = _OdsLayout([], set(), set())
            r = c = col = 0
            for event, el in iterparse(fh, events=("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == _T + "table":
                        layout = _OdsLayout([], set(), set())
                        out[el.get(_T + "name", "")] = layout
                        r = col = 0
                    elif tag == _T + "table-row":
                        c = 0
                    continue
                if tag == _T + "table-column":
                    n = int(el.get(_T + "number-columns-repeated") or 1)
                    if el.get(_T + "visibility") == "collapsed" and n < 1000:
                        layout.hidden.update(range(col, col + n))
                    col += n
                elif tag in (_T + "table-cell", _T + "covered-table-cell"):
                    rows_span = int(el.get(_T + "number-rows-spanned") or 1)
                    cols_span = int(el.get(_T + "number-columns-spanned") or 1)
                    repeat = int(el.get(_T + "number-columns-repeated") or 1)
                    if rows_span > 1 or cols_span > 1:
                        layout.merged.append((r, c, r + rows_span - 1, c + cols_span - 1))
                    if (
                        el.get(_O + "value-type") == "date"
                        and repeat < 1000
                        and _shows_month_only(
                            "".join(el.itertext()).strip(), el.get(_O + "date-value") or ""
                        )
                    ):
                        layout.months.update((r, c + i) for i in range(repeat))
                    c += repeat
                    el.clear()
                elif tag == _T + "table-row":
                    r += int(el.get(_T + "number-rows-repeated") or 1)
                    el.clear()
    except (*_ZIP_ERRORS, SyntaxError):
        return {}
    return out


_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([\w\-]+)", re.IGNORECASE)


def _html_book(path: Path, limits: ImportLimits) -> list[SheetRef]:
    raw = path.read_bytes()
    text: str | None = None
    m = _CHARSET.search(raw[:4096])
    if m and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode(m[1].decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        try:
            text = decode_text(raw)
        except NotText as ex:
            raise FileImportError("tệp HTML bị hỏng", path=path) from ex
    try:
        tables, preamble = read_html_tables(text, limits)
    except FileImportError as ex:
        raise located(ex, path) from ex
    except (AssertionError, ValueError, IndexError) as ex:  # html.parser on broken markup
        raise FileImportError(f"tệp HTML bị hỏng ({ex})", path=path) from ex
    if not tables:
        raise FileImportError(
            "tệp là trang web (HTML) đổi tên thành .xls nhưng không chứa bảng nào; hãy mở bằng "
            "Excel và lưu lại dạng .xlsx (an HTML page without a table)",
            path=path,
        )
    if preamble:
        first = tables[0]
        n = len(preamble)
        lines: list[list[object]] = [[line] for line in preamble]
        first.rows = lines + first.rows
        first.merged = [(r0 + n, c0, r1 + n, c1) for r0, c0, r1, c1 in first.merged]
    return [SheetRef(t.name, True, partial(_same, t)) for t in tables]

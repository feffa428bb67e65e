"""Checks on a file before any importer opens it: size, zip bombs, XML entities, limits.

Files arrive by email and USB stick; some are damaged, some are built to hurt a reader.
Before a parser sees a file: its size is within the limit; a zip container (.xlsx,
.docx, .ods) has sane member sizes and ratios, no overlapping members, sizes that match
its content (each member is streamed once, bounded), and no XML part declares a DTD or
entities (XXE, "billion laughs"; OOXML and ODF never need them); the longest text of a
cell and the number of rows of a sheet are within the limits. Refusals are
FileImportError subclasses with a message that says what is wrong and what to do.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from app.errors import FileImportError, ImportLimitError, UnsafeFileError
from app.importers.base import ImportLimits
from app.importers.safety.grids import check_extent, n_vi
from app.importers.safety.ole import OLE_MAGIC, xls_extent

if TYPE_CHECKING:
    from app.importers.model import ExtractedPlan

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
MAX_MEMBERS = 20_000
MAX_RATIO = 200  # deflate reaches ~1000:1 on zeros; real XML stays well below 100:1
RATIO_FLOOR = 2 * 1024 * 1024  # small members may compress as they like
CHUNK = 1 << 20
_TAIL = 32  # bytes kept between chunks so a marker cut in two is still seen

_DTD = re.compile(rb"<!(?:doctype|entity)", re.IGNORECASE)
_ENTITY16 = [m.encode(e) for m in ("<!ENTITY", "<!entity") for e in ("utf-16-le", "utf-16-be")]
_DOCTYPE16 = [m.encode(e) for m in ("<!DOCTYPE", "<!doctype") for e in ("utf-16-le", "utf-16-be")]
_DTD16 = _ENTITY16 + _DOCTYPE16
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d{1,30})"')
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,9})(\d{1,30})"')
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def _mb(n: float) -> str:
    return f"{n / 1_048_576:.0f} MB" if n >= 1_048_576 else f"{n / 1024:.0f} KB"


def check_file(path: Path, limits: ImportLimits) -> None:
    """Refuse a file that is too big or unsafe to parse; cheap for ordinary files."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as ex:
        raise FileImportError(f"không mở được tệp: {ex.strerror or ex}", path=path) from ex
    if size == 0:
        raise FileImportError("tệp rỗng, không có dữ liệu (empty file)", path=path)
    if size > limits.max_file_bytes:
        raise ImportLimitError(
            f"tệp quá lớn ({_mb(size)}; giới hạn {_mb(limits.max_file_bytes)}). Hãy tách tệp, "
            "hoặc nâng giới hạn trong Cài đặt > Giới hạn nhập (file too large)",
            path=path,
        )
    if head.startswith(ZIP_MAGIC):
        check_zip(path, limits)
        return
    if head.startswith(OLE_MAGIC):
        extent = xls_extent(path)
        if extent is not None:
            check_extent(path, None, extent[0], extent[1], limits)
        return
    if b"%PDF" in head[:1024]:
        from app.importers.safety.pdf import check_pdf

        check_pdf(path, limits)
        return
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text_head.startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        _check_markup_file(path, head)
    elif not head.startswith((b"%PDF", b"\xd0\xcf\x11\xe0")) and b"\x00" not in head:
        _check_text_lines(path, limits)


def _check_markup_file(path: Path, head: bytes) -> None:
    """XML/HTML saved as .xls: no entity declarations (an HTML DOCTYPE line is fine)."""
    data = path.read_bytes()
    lowered = data.lower()
    html = b"<html" in lowered[:65536] or b"<table" in lowered[:65536]
    if b"<!entity" in lowered or any(m in data for m in _ENTITY16):
        raise _entities(path, None)
    if not html and (b"<!doctype" in lowered or any(m in data for m in _DOCTYPE16)):
        raise _entities(path, None)


def _check_text_lines(path: Path, limits: ImportLimits) -> None:
    """A .txt/.csv: not more lines than rows allowed; a document line not longer than a
    cell may be (a task is at most one paragraph; a CSV line holds a whole row)."""
    table = path.suffix.lower() in (".csv", ".tsv")
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if lineno > limits.max_rows + 1000:
                raise ImportLimitError(
                    f"tệp có hơn {n_vi(limits.max_rows)} dòng (giới hạn nhập) (too many rows)",
                    path=path,
                )
            if table or len(line) <= limits.max_cell_chars:
                continue
            try:
                chars = len(line.decode("utf-8"))
            except UnicodeDecodeError:
                chars = len(line)  # a one-byte code page: a byte is a character
            if chars > limits.max_cell_chars:
                raise ImportLimitError(
                    f"dòng dài {n_vi(chars)} ký tự, quá giới hạn {n_vi(limits.max_cell_chars)} (tệp "
                    "hỏng hoặc không phải văn bản kế hoạch; line too long)",
                    path=path,
                    row=lineno,
                )


def _entities(path: Path, part: str | None) -> UnsafeFileError:
    where = f" (phần {part})" if part else ""
    return UnsafeFileError(
        f"tệp chứa khai báo DTD/ENTITY{where} — cách tấn công qua XML (XXE, «billion "
        "laughs»); tệp Office thật không có. Không mở tệp này; hãy xin bản khác "
        "(XML entities refused)",
        path=path,
    )


def _bomb(path: Path, what: str) -> UnsafeFileError:
    return UnsafeFileError(
        f"tệp nén có cấu trúc bất thường ({what}) — có thể là «bom zip» làm treo máy. "
        "Không mở tệp này; hãy xin bản khác (zip bomb refused)",
        path=path,
    )


def _corrupt(path: Path, ex: BaseException | str) -> FileImportError:
    return FileImportError(
        f"tệp bị hỏng hoặc không đầy đủ (tải về chưa xong?) ({ex}) (corrupt or truncated file)",
        path=path,
    )


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """xl/worksheets/sheetN.xml -> the sheet's name, for messages."""
    attr = re.compile(rb'([\w:]+)="([^"]*)"')
    try:
        rels_xml = zf.read("xl/_rels/workbook.xml.rels")
        book_xml = zf.read("xl/workbook.xml")
    except (KeyError, *_ZIP_ERRORS):
        return {}
    if _DTD.search(rels_xml) or _DTD.search(book_xml):
        return {}
    rels = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels_xml):
        a = dict(attr.findall(tag))
        target = a.get(b"Target", b"").decode("utf-8", "replace")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        rels[a.get(b"Id", b"")] = part
    out = {}
    for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", book_xml):
        a = dict(attr.findall(tag))
        rid = a.get(b"r:id") or next((v for k, v in a.items() if k.endswith(b":id")), b"")
        if rid in rels:
            out[rels[rid]] = a.get(b"name", b"").decode("utf-8", "replace")
    return out


_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    UnicodeDecodeError,
)


def check_zip(path: Path, limits: ImportLimits) -> None:
    """Sizes, ratios, overlaps, real content sizes and XML markers of every member."""
    try:
        zf = zipfile.ZipFile(path)
    except _ZIP_ERRORS as ex:
        raise _corrupt(path, ex) from ex
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _bomb(path, f"{len(infos)} tệp con")
        total = sum(i.file_size for i in infos)
        if total > limits.max_unzipped_bytes:
            raise _bomb(
                path, f"giải nén ra {_mb(total)}, giới hạn {_mb(limits.max_unzipped_bytes)}"
            )
        for info in infos:
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                ratio = info.file_size // max(info.compress_size, 1)
                raise _bomb(path, f"{info.filename} nén {ratio}:1")
        ordered = sorted(infos, key=lambda i: i.header_offset)
        for a, b in zip(ordered, ordered[1:], strict=False):
            name_len = len(
                a.filename.encode("utf-8" if a.flag_bits & 0x800 else "cp437", "replace")
            )
            if a.header_offset + 30 + name_len + a.compress_size > b.header_offset:
                raise _bomb(path, "các tệp con chồng lên nhau")
        sheets = _sheet_names(zf) if "xl/workbook.xml" in zf.namelist() else {}
        for info in infos:
            if not info.is_dir():
                _scan_member(zf, info, path, limits, sheets)
        if "content.xml" in zf.namelist() and _is_ods(zf):
            _check_ods_extent(zf, path, limits)


def _is_ods(zf: zipfile.ZipFile) -> bool:
    try:
        return b"spreadsheet" in zf.read("mimetype")[:100]
    except (KeyError, *_ZIP_ERRORS):
        return False


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _check_ods_extent(zf: zipfile.ZipFile, path: Path, limits: ImportLimits) -> None:
    """Rows and columns an .ods table really spans once "repeated" rows/cells expand.

    A 1 KB file can ask for a million copies of a row of a thousand cells; readers
    allocate them all. Empty repeated rows (LibreOffice pads sheets with them) are free.
    """
    from defusedxml.ElementTree import iterparse

    name, r, c, last_row, last_col = None, 0, 0, 0, 0
    try:
        with zf.open("content.xml") as fh:
            for event, el in iterparse(fh, events=("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == _TABLE + "table":
                        check_extent(path, name, last_row, last_col, limits)
                        name, r, last_row, last_col = el.get(_TABLE + "name"), 0, 0, 0
                    elif tag == _TABLE + "table-row":
                        c = 0
                    continue
                if tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                    n = _int(el.get(_TABLE + "number-columns-repeated"))
                    if len(el) or el.get(_OFFICE + "value-type"):
                        last_col = max(last_col, c + n)
                    c += n
                elif tag == _TABLE + "table-row":
                    n = _int(el.get(_TABLE + "number-rows-repeated"))
                    has_content = any(len(cell) or cell.get(_OFFICE + "value-type") for cell in el)
                    r += n
                    if has_content:
                        last_row = r
                        check_extent(path, name, last_row, last_col, limits)
                    el.clear()
        check_extent(path, name, last_row, last_col, limits)
    except ImportLimitError:
        raise
    except (SyntaxError, ValueError, *_ZIP_ERRORS):
        return  # a damaged content.xml: the reader reports it


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _scan_member(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    path: Path,
    limits: ImportLimits,
    sheets: dict[str, str],
) -> None:
    """Stream one member (bounded by its declared size; a lie fails the CRC check)."""
    name = info.filename
    xml = name.lower().endswith(_XML_SUFFIXES)
    is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
    has_cells = is_sheet or name in (
        "xl/sharedStrings.xml",
        "word/document.xml",
        "content.xml",
    )
    meter = _RunMeter(limits.max_cell_chars)
    rows = rows_seen = last_row = last_col = 0
    tail = b""
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(CHUNK):
                if not xml:
                    continue
                buf = tail + chunk
                low = buf.lower()
                if _DTD.search(low) or any(m in buf for m in _DTD16):
                    raise _entities(path, name)
                if is_sheet:
                    fresh = len(tail)
                    rows_seen += sum(1 for m in _ROW.finditer(buf) if m.end() > fresh)
                    for m in _ROW_NUMBER.finditer(buf):
                        last_row = max(last_row, int(m[1]))
                    for m in _CELL_REF.finditer(buf):
                        last_col = max(last_col, _column(m[1]))
                        last_row = max(last_row, int(m[2]))
                    rows = max(rows_seen, last_row)
                    sheet = sheets.get(name, PurePosixPath(name).stem)
                    check_extent(path, sheet, rows, last_col, limits)
                if has_cells and meter.feed(chunk) > limits.max_cell_chars:
                    raise ImportLimitError(
                        f"một ô/đoạn văn dài hơn {n_vi(limits.max_cell_chars)} ký tự (giới hạn "
                        "nhập); tệp hỏng hoặc không phải danh sách nhiệm vụ (cell too "
                        "long)",
                        path=path,
                        sheet=sheets.get(name) if is_sheet else None,
                    )
                tail = buf[-_TAIL:]
    except (ImportLimitError, UnsafeFileError):
        raise
    except _ZIP_ERRORS as ex:
        raise _corrupt(path, f"{name}: {ex}") from ex


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


class _RunMeter:
    """The longest text between two XML tags, in characters, across chunks."""

    def __init__(self, limit: int) -> None:
        self.run = 0  # characters of the run still open at the end of the last chunk
        self.longest = 0
        # bytes >= characters: only a run this long in bytes can exceed the limit
        self.long_run = re.compile(rb"[^<]{%d,}" % max(1, limit))

    def feed(self, chunk: bytes) -> int:
        first = chunk.find(b"<")
        if first < 0:
            self.run += _chars(chunk)
            self.longest = max(self.longest, self.run)
            return self.longest
        self.longest = max(self.longest, self.run + _chars(chunk[:first]))
        last = chunk.rfind(b"<")
        for m in self.long_run.finditer(chunk, first + 1, last):
            self.longest = max(self.longest, _chars(m.group()))
        self.run = _chars(chunk[last + 1 :])
        return max(self.longest, self.run)


_REF = re.compile(rb"&#?\w{1,10};")


def _chars(data: bytes) -> int:
    """Characters of XML text: UTF-8 decoded, "&#7897;"/"&amp;" counting as one."""
    return len(_REF.sub(b"x", data).decode("utf-8", errors="ignore"))


_SOURCE = re.compile(r"^(?:.*, )?(?P<sheet>[^,!]+)!(?P<row>\d+)$")
_LINE = re.compile(r"dòng (\d+)")


def check_plan(plan: ExtractedPlan, path: Path, limits: ImportLimits) -> None:
    """What an importer produced stays within the limits (rows; characters of a cell)."""
    if len(plan.tasks) > limits.max_rows:
        raise ImportLimitError(
            f"tệp có {n_vi(len(plan.tasks))} nhiệm vụ, quá giới hạn {n_vi(limits.max_rows)} (too many "
            "rows)",
            path=path,
            sheet=plan.sheet or None,
        )
    labels = {"text": "nội dung", "product": "sản phẩm", "note": "ghi chú", "progress": "tiến độ"}
    for task in plan.tasks:
        values = [(labels[name], getattr(task, name) or "") for name in labels]
        values += [("đơn vị", name) for name in [task.lead or "", *task.coordinators]]
        for label, value in values:
            if len(value) <= limits.max_cell_chars:
                continue
            sheet, row = None, None
            if m := _SOURCE.match(task.source or ""):
                sheet, row = m["sheet"], int(m["row"])
            elif m := _LINE.search(task.source or ""):
                row = int(m[1])
            raise ImportLimitError(
                f"ô «{label}» dài {n_vi(len(value))} ký tự, quá giới hạn {n_vi(limits.max_cell_chars)} "
                "(cell too long)",
                path=path,
                sheet=sheet,
                row=row,
            )

"""Reading a unit's filled-in progress-request workbook back (pure: never the database).

The workbook written by app/exports/urging/requests.py has a very hidden sheet naming the
request and a hidden key per row; a copy made by pasting the table into another file
loses both, so the table is also found by its headers and rows keep their text for
matching by similarity. Values a unit typed are parsed here ("có", "x", "Rồi", dates
as 25/5/2023, 2023-05-25 or Excel dates); every bad cell is reported at once with its
sheet and row. Whether the rows match the request is decided by app/db/ops/replies.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.core.text import clean, fold, nfc
from app.errors import FileImportError, ImportValidationError, RowImportError
from app.importers.base import ImportLimits
from app.importers.model import file_sha256
from app.importers.request_format import (
    DATA_SHEET,
    FORMAT_NAME,
    FORMAT_VERSION,
    META_SHEET,
    UNIT_LABEL,
)
from app.importers.safety.copy import checked_copy, readable_name

# Folded header words -> column, most specific first ("ngay hoan thanh" before "hoan thanh").
_HEADERS = [
    ("key", ("ma nhiem vu",)),
    ("deadline", ("thoi han", "han hoan thanh")),
    ("done_on", ("ngay hoan thanh", "thoi diem hoan thanh")),
    ("done", ("da hoan thanh", "hoan thanh?", "hoan thanh (co/khong)", "hoan thanh")),
    ("result", ("ket qua", "tien do", "tinh hinh thuc hien")),
    ("difficulties", ("kho khan", "vuong mac")),
    ("proposals", ("de xuat", "kien nghi")),
    ("text", ("noi dung", "nhiem vu")),
    ("plan", ("ke hoach",)),
    ("role", ("vai tro",)),
    ("status", ("tinh trang",)),
    ("stt", ("stt", "tt", "so tt")),
]
_READABLE = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
_YES = {"co", "x", "v", "roi", "da", "da xong", "xong", "da hoan thanh", "hoan thanh", "yes", "y"}
_NO = {"khong", "chua", "chua xong", "chua hoan thanh", "dang thuc hien", "no", "n"}
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_WORDS = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")


@dataclass(frozen=True, slots=True)
class ReplyMeta:
    """What the hidden sheet says about the request the workbook answers."""

    request_uid: str
    request_id: int | None
    department_id: int | None
    department: str
    sent_on: date | None
    reply_due: date | None
    rows: int | None


@dataclass(frozen=True, slots=True)
class ReplyRow:
    row: int  # 1-based row in the sheet, for messages
    key: str  # "" when the hidden key was lost
    stt: str
    text: str  # the locked task text as found in the file
    deadline: str
    result: str
    done: bool | None
    done_on: date | None
    difficulties: str
    proposals: str

    @property
    def has_answer(self) -> bool:
        return bool(
            self.result or self.done is not None or self.done_on or self.difficulties
        ) or bool(self.proposals)


@dataclass(frozen=True, slots=True)
class Reply:
    path: Path
    sha256: str
    sheet: str
    meta: ReplyMeta | None  # None: the table was copied out of the original workbook
    unit_hint: str  # "Đơn vị: …" line above the table, when there is one
    rows: tuple[ReplyRow, ...]
    columns: tuple[str, ...]  # which known columns were found

    @property
    def name(self) -> str:
        return readable_name(self.path)

    @property
    def answered(self) -> list[ReplyRow]:
        return [r for r in self.rows if r.has_answer]


# --------------------------------------------------------------------------- reading


def _load(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values (hidden sheets and columns included)."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook  # file-format libraries: when a reply is read

            wb = load_workbook(str(path), read_only=True, data_only=True)
            try:
                return {
                    ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
                    for ws in wb.worksheets
                }
            finally:
                wb.close()
        from python_calamine import CalamineWorkbook  # file-format library, as above

        book = CalamineWorkbook.from_path(str(path))
        return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    except FileImportError:
        raise
    except Exception as ex:  # openpyxl/calamine raise many kinds for damaged files
        raise FileImportError(
            f"không đọc được tệp Excel (tệp hỏng hoặc không phải bảng tính): {ex}", path=path
        ) from ex


def read_reply(path: str | Path, limits: ImportLimits | None = None) -> Reply:
    """Read a returned request workbook; FileImportError when it is not one.

    The file passes the import limits and checks (size, zip bombs, rows, cells) and is
    read once, from a private copy: a reply is a file from outside like any import.
    """
    path = Path(path)
    if not path.is_file():
        raise FileImportError("không tìm thấy tệp (file not found)", path=path)
    if path.suffix.lower() not in _READABLE:
        raise FileImportError(
            "chỉ nhận sổ báo cáo dạng .xlsx (hoặc .xls, .ods) (not a workbook)", path=path
        )
    with checked_copy(path, limits or ImportLimits()) as copy:
        sheets = _load(copy)
        sha256 = file_sha256(copy)
    return _reply(path, sha256, sheets)


def _reply(path: Path, sha256: str, sheets: dict[str, list[list[Any]]]) -> Reply:
    meta = _meta(sheets.get(META_SHEET), path)
    order = list(sheets)
    if meta is not None and DATA_SHEET in sheets:
        order.remove(DATA_SHEET)
        order.insert(0, DATA_SHEET)
    for name in order:
        if name == META_SHEET:
            continue
        found = _find_header(sheets[name])
        if found is not None:
            header_row, cols = found
            rows = _rows(sheets[name], header_row, cols, path, name)
            return Reply(
                path=path,
                sha256=sha256,
                sheet=name,
                meta=meta,
                unit_hint=_unit_hint(sheets[name][:header_row]),
                rows=tuple(rows),
                columns=tuple(sorted(cols)),
            )
    if meta is not None:
        raise FileImportError(
            "sổ báo cáo đã bị sửa cấu trúc: không còn bảng có cột «Nội dung nhiệm vụ» và "
            "«Kết quả thực hiện» (table headers missing)",
            path=path,
        )
    raise FileImportError(
        "đây không phải sổ báo cáo tiến độ do Đôn Đốc tạo: không thấy cột «Nội dung nhiệm "
        "vụ» và «Kết quả thực hiện» (not a progress-request workbook)",
        path=path,
    )


def _meta(rows: list[list[Any]] | None, path: Path) -> ReplyMeta | None:
    if not rows:
        return None
    pairs = {str(r[0]).strip(): r[1] for r in rows if len(r) >= 2 and r[0] is not None}
    if pairs.get("format") != FORMAT_NAME:
        return None
    try:
        version = int(pairs.get("version") or 0)
    except (TypeError, ValueError):
        version = 0
    if version > FORMAT_VERSION:
        raise FileImportError(
            "sổ báo cáo được tạo bởi phiên bản Đôn Đốc mới hơn; hãy cập nhật chương trình",
            path=path,
        )
    uid = str(pairs.get("request_uid") or "").strip()
    if not uid:
        raise FileImportError(
            "trang thông tin ẩn của sổ báo cáo bị hỏng (no request id)", path=path
        )
    return ReplyMeta(
        request_uid=uid,
        request_id=_int(pairs.get("request_id")),
        department_id=_int(pairs.get("department_id")),
        department=clean(str(pairs.get("department") or "")),
        sent_on=_iso(pairs.get("sent_on")),
        reply_due=_iso(pairs.get("reply_due")),
        rows=_int(pairs.get("rows")),
    )


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _iso(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _column_of(header: Any) -> str | None:
    text = fold(str(header or ""))
    if not text:
        return None
    for key, words in _HEADERS:
        if key == "stt":
            if text in words:
                return key
        elif any(w in text for w in words):
            return key
    return None


def _find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """The header row (0-based) and column indexes, if the sheet has the table."""
    for i, row in enumerate(rows[:40]):
        cols: dict[str, int] = {}
        for j, cell in enumerate(row):
            key = _column_of(cell)
            if key is not None and key not in cols:
                cols[key] = j
        answers = {"result", "done", "done_on"} & set(cols)
        if "text" in cols and answers:
            return i, cols
    return None


def _unit_hint(rows: list[list[Any]]) -> str:
    for row in rows:
        for cell in row:
            text = clean(str(cell or ""))
            if fold(text).startswith(fold(UNIT_LABEL) + ":"):
                return clean(text.split(":", 1)[1])
    return ""


def _cell(row: list[Any], cols: dict[str, int], key: str) -> Any:
    j = cols.get(key)
    if j is None or j >= len(row):
        return None
    return row[j]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = [clean(line) for line in nfc(str(value)).replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def _rows(
    rows: list[list[Any]], header: int, cols: dict[str, int], path: Path, sheet: str
) -> list[ReplyRow]:
    out: list[ReplyRow] = []
    problems: list[FileImportError] = []
    for i in range(header + 1, len(rows)):
        row = rows[i]
        key = _text(_cell(row, cols, "key"))
        text = _text(_cell(row, cols, "text"))
        if not key and not text:
            continue
        n = i + 1
        try:
            done = parse_yes_no(_cell(row, cols, "done"))
        except ValueError as ex:
            problems.append(RowImportError(str(ex), path=path, sheet=sheet, row=n))
            done = None
        try:
            done_on = parse_date(_cell(row, cols, "done_on"))
        except ValueError as ex:
            problems.append(RowImportError(str(ex), path=path, sheet=sheet, row=n))
            done_on = None
        if done is False and done_on is not None:
            problems.append(
                RowImportError(
                    "ghi «không» hoàn thành nhưng lại có ngày hoàn thành; hãy sửa một trong hai",
                    path=path,
                    sheet=sheet,
                    row=n,
                )
            )
        if done is None and done_on is not None:
            done = True  # a completion date says it is done
        out.append(
            ReplyRow(
                row=n,
                key=key,
                stt=_text(_cell(row, cols, "stt")),
                text=text,
                deadline=_text(_cell(row, cols, "deadline")),
                result=_text(_cell(row, cols, "result")),
                done=done,
                done_on=done_on,
                difficulties=_text(_cell(row, cols, "difficulties")),
                proposals=_text(_cell(row, cols, "proposals")),
            )
        )
    if problems:
        raise ImportValidationError(problems, path=path)
    return out


# --------------------------------------------------------------------------- values


def parse_yes_no(value: Any) -> bool | None:
    """ "có", "x", "Rồi", True -> True; "không", "chưa" -> False; empty -> None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise ValueError(f"cột «Đã hoàn thành?» ghi «{value}»: chỉ ghi «có» hoặc «không»")
    text = fold(str(value)).strip(" .!")
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"cột «Đã hoàn thành?» ghi «{clean(str(value))}»: chỉ ghi «có» hoặc «không»")


def parse_date(value: Any) -> date | None:
    """A completion date as typed: Excel date, 25/5/2023, 25-05-23, 2023-05-25, words."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 36526 <= value <= 73051:  # 2000-01-01 .. 2099-12-31 as Excel serials
            return date(1899, 12, 30) + timedelta(days=int(value))
        raise ValueError(f"ngày hoàn thành «{value}» không hợp lệ (ghi dạng 25/05/2023)")
    text = clean(str(value))
    folded = fold(text)
    y: int | None = None
    m = d = 0
    if mt := _DMY.match(text):
        d, m, y = int(mt[1]), int(mt[2]), int(mt[3])
        y += 2000 if len(mt[3]) == 2 else 0  # "0000" stays year 0: refused below
    elif mt := _YMD.match(text):
        y, m, d = int(mt[1]), int(mt[2]), int(mt[3])
    elif mt := _WORDS.search(folded):
        d, m, y = int(mt[1]), int(mt[2]), int(mt[3])
    try:
        if y is None or not 2000 <= y <= 2100:
            raise ValueError
        return date(y, m, d)
    except (ValueError, TypeError):
        raise ValueError(
            f"ngày hoàn thành «{text}» không hợp lệ (ghi dạng ngày/tháng/năm, ví dụ 25/05/2023)"
        ) from None

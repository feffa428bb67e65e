"""Cell values -> program values: text, dates, deadlines, completion marks, unit lists.

Workbooks hold whatever people typed: numbers stored as text, dates as text
("15/3/2023", "2026-03-01 00:00:00"), real dates, legacy-font text, several units in one
cell with "chủ trì"/"phối hợp" written inside it. Everything here is pure and cheap: it
runs for every cell of a 10,000-row sheet.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.core.deadlines.types import Deadline, DeadlineKind
from app.core.text import clean, fold, to_unicode
from app.core.units import split_units

_EXCEL_EPOCH = date(1899, 12, 30)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidDate(ValueError):
    """A cell writes a day that does not exist (31/02/2023)."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(text)


def cell_text(value: object) -> str:
    """One cell as clean NFC text on one line (legacy fonts decoded)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        if not value.isprintable():
            value = _CONTROL.sub("", value)
        return clean(to_unicode(value)) if not value.isascii() else " ".join(value.split())
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return vn_date(value.date()) if value.time() == time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return vn_date(value)
    return clean(str(value))


def cell_lines(value: object) -> str:
    """Like `cell_text` but keeps the cell's line breaks (bullets, one unit per line)."""
    if not isinstance(value, str) or "\n" not in value and "\r" not in value:
        return cell_text(value)
    lines = (
        cell_text(line) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    return "\n".join(line for line in lines if line)


def vn_date(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# --------------------------------------------------------------------------- dates

_DMY = re.compile(
    r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY_IN_TEXT = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?![\d/])")
_DAY_MONTH_YEAR_WORDS = re.compile(
    r"ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})", re.IGNORECASE
)


def _make_date(year: str, m: int, d: int, text: str) -> date:
    """Two-digit years are 20xx; a four-digit year before 1900 ("01/01/0000") is no date
    of a plan, not year 2000."""
    y = int(year) + (2000 if len(year) <= 2 else 0)
    if y < 1900:
        raise InvalidDate(text)
    try:
        return date(y, m, d)
    except ValueError as ex:
        raise InvalidDate(text) from ex


def date_from_text(text: str) -> date | None:
    """A cell that is exactly a date ("15/3/2023", "2026-03-01 00:00:00"); InvalidDate if
    it is a date that does not exist; None if it is not a plain date."""
    s = text.strip()
    if not s or not s[0].isdigit():
        return None
    m = _DMY.match(s)
    if m:
        return _make_date(m[3], int(m[2]), int(m[1]), s)
    m = _YMD.match(s)
    if m:
        return _make_date(m[1], int(m[2]), int(m[3]), s)
    return None


def check_dates_in(text: str) -> None:
    """Raise InvalidDate for the first impossible dd/mm/yyyy or "ngày … tháng … năm …"."""
    for m in _DMY_IN_TEXT.finditer(text):
        _make_date(m[3], int(m[2]), int(m[1]), m[0])
    for m in _DAY_MONTH_YEAR_WORDS.finditer(text):
        _make_date(m[3], int(m[2]), int(m[1]), m[0])


def first_date_in(text: str) -> date | None:
    for m in _DMY_IN_TEXT.finditer(text):
        try:
            return _make_date(m[3], int(m[2]), int(m[1]), m[0])
        except InvalidDate:
            continue
    return None


def cell_date(value: object) -> date | None:
    """A real date, an Excel serial number or a date written as text; InvalidDate if the
    text names a day that does not exist."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):  # "inf"/"nan" in a date column: said, not blanked
            raise InvalidDate(str(value))
        return serial_date(float(value))
    if isinstance(value, str):
        return date_from_text(value)
    return None


def serial_date(value: float) -> date | None:
    """Excel day number stored without a date format (only plausible years)."""
    if 29000 <= value <= 73000:  # 1979 .. 2099
        return _EXCEL_EPOCH + timedelta(days=int(value))
    return None


# --------------------------------------------------------------------------- deadlines


class DeadlineReader:
    """Deadline cells -> Deadline, through the deadline engine, remembering repeated text."""

    def __init__(self, ref: date, term: tuple[int, int] = (2020, 2025)) -> None:
        self.ref = ref
        self.term = term
        self._cache: dict[str, Deadline] = {}

    def read(self, value: object) -> Deadline:
        """InvalidDate if the cell names a day that does not exist."""
        if value is None or value == "":
            return Deadline()
        if isinstance(value, datetime | date):
            d = value.date() if isinstance(value, datetime) else value
            return Deadline(raw=vn_date(d), kind=DeadlineKind.DATE, due=d)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            serial = serial_date(float(value))
            if serial is not None:
                return Deadline(raw=vn_date(serial), kind=DeadlineKind.DATE, due=serial)
        text = cell_text(value)
        if not text:
            return Deadline()
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        written = date_from_text(text)
        if written is not None:
            result = Deadline(raw=text, kind=DeadlineKind.DATE, due=written)
        else:
            check_dates_in(text)
            result = self._parse(text)
        self._cache[text] = result
        return result

    def _parse(self, text: str) -> Deadline:
        from app.core.deadlines.parse import parse_deadline

        return parse_deadline(text, self.ref, term=self.term)


# --------------------------------------------------------------------------- status


@dataclass(frozen=True, slots=True)
class Completion:
    done: bool
    late: bool = False
    on: date | None = None


_TICKS = frozenset({"x", "v", "\u2713", "\u2714", "\u2611"})
_DONE_WORDS = _TICKS | {"xong", "done", "ok", "co", "1"}


def is_tick(value: object) -> bool:
    """A bare tick mark ("x", "✓") rather than words."""
    return isinstance(value, str) and 0 < len(value) <= 2 and fold(value.strip()) in _TICKS


_DONE_PREFIXES = (
    "da hoan thanh",
    "hoan thanh",
    "da thuc hien xong",
    "da xong",
    "da thuc hien",
    "da ban hanh",
    "da to chuc",
)
_NOT_DONE = ("chua", "dang", "mot phan", "tiep tuc", "khong hoan thanh", "se ")
_FULL_PERCENT = re.compile(r"^100(?:[.,]0+)?\s*%$")  # "100%" in a status column
_LATE = ("qua han", "tre han", "cham", "khong dung han", "muon")


_STATUS_STARTS = (*_DONE_PREFIXES, "chua ", "dang ", "khong hoan thanh", "qua han", "tre han")


# "Hoàn thành việc hỗ trợ 120 hộ", "Hoàn thành trong quý II/2024": what is to be achieved
# (a product or a target), not a report that it was; "Hoàn thành", "Hoàn thành đúng hạn",
# "Hoàn thành ngày 05/3/2024", "Hoàn thành (100%)" are reports.
_TARGET_DONE = re.compile(
    r"^hoan\s+thanh\s+(?!(?:dung|truoc|tre|qua|cham|ngay|vao\s+ngay|luc|100|\d|tot|xuat)\b)\w"
)


def says_status(value: object) -> bool:
    """Is the cell a completion mark or status words ("Đã hoàn thành", "Đang thực hiện",
    "x") rather than other text? For columns that are not status columns by name."""
    text = cell_text(value)
    words = len(text.split())
    if not text or words > 25:
        return False
    f = fold(text)
    if _TARGET_DONE.match(f):
        return False
    if f.startswith(_DONE_PREFIXES):  # "Đã ban hành Quyết định số 12/QĐ-UBND ngày 5/3/2024"
        return True
    return words <= 8 and (
        f in _DONE_WORDS or bool(_FULL_PERCENT.match(f)) or f.startswith(_STATUS_STARTS)
    )


def read_completion(value: object) -> Completion | None:
    """Does a status cell say the task is done? None when the cell says nothing."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return Completion(True, on=value.date() if isinstance(value, datetime) else value)
    text = cell_text(value)
    if not text:
        return None
    f = fold(text)
    if f in _DONE_WORDS or _FULL_PERCENT.match(f):
        return Completion(True)
    if any(neg in f for neg in _NOT_DONE) or not f.startswith(_DONE_PREFIXES):
        return Completion(False)
    late = any(w in f for w in _LATE)
    return Completion(True, late=late, on=first_date_in(text))


# --------------------------------------------------------------------------- units

_ROLE_MARK = re.compile(
    r"(ch[ủu]\s*tr[ìi]|ph[ốo]i\s*h[ợo]p(?:\s+v[ớo]i)?|theo\s*d[õo]i(?:,?\s*[đd][ôo]n\s*[đd][ốo]c)?)",
    re.IGNORECASE,
)
_JUNK = " \t\n,;:.-–()[]"


def _role_of(marker: str) -> str:
    f = fold(marker)
    if f.startswith("chu"):
        return "lead"
    if f.startswith("phoi"):
        return "coordinators"
    return "following"


def read_units(value: object, default_role: str) -> dict[str, list[str]]:
    """Unit names of a cell by role. "Chủ trì: A; phối hợp: B, C" and "A (chủ trì), B" are
    understood; otherwise every name takes `default_role`."""
    text = cell_lines(value)
    out: dict[str, list[str]] = {"lead": [], "coordinators": [], "following": []}
    if not text:
        return out
    pieces = _ROLE_MARK.split(text)
    if len(pieces) == 1:
        out[default_role].extend(split_units(text))
        return out
    roles: list[str | None] = [None] * len(pieces)
    for i in range(1, len(pieces), 2):
        role = _role_of(pieces[i])
        before = pieces[i - 1].strip(_JUNK)
        after = pieces[i + 1] if i + 1 < len(pieces) else ""
        prefix_form = not before or roles[i - 1] is not None or after.lstrip(" ").startswith(":")
        if prefix_form:
            roles[i + 1] = role if i + 1 < len(pieces) else None
        else:
            roles[i - 1] = role
    for i in range(0, len(pieces), 2):
        part = pieces[i].strip(_JUNK)
        if part:
            out[roles[i] or default_role].extend(split_units(part))
    return out


_HEADING_UNIT_PREFIX = re.compile(
    r"^(?:(?:c[ơo]\s*quan|[đd][ơo]n\s*v[ịi])\s*)?(?:ch[ủu]\s*tr[ìi]|th[ựu]c\s*hi[ệe]n)\s*[:\-–]\s*"
    r"|^(?:nhi[ệe]m\s*v[ụu]\s*(?:c[ủu]a|giao)|giao(?:\s*cho)?)\s+",
    re.IGNORECASE,
)
_HEADING_UNIT_SUFFIX = re.compile(r"\s*[\(\-–]?\s*ch[ủu]\s*tr[ìi]\s*\)?\s*:?$", re.IGNORECASE)


def heading_unit(title: str) -> str | None:
    """The unit a group heading names ("2. Ban Tuyên giáo", "Đơn vị chủ trì: Sở Nội vụ")."""
    from app.core.units import looks_like_unit

    bare = _HEADING_UNIT_PREFIX.sub("", title.strip())
    # "Sở Y tế chủ trì, phối hợp với các đơn vị liên quan thực hiện:" names Sở Y tế.
    m = _LEADS_SENTENCE.match(bare)
    if m and len(m[1].split()) <= 14 and looks_like_unit(m[1]) and not _ROLE_MARK.search(m[1]):
        return m[1].strip(_JUNK)
    text = _HEADING_UNIT_SUFFIX.sub("", bare).strip(_JUNK)
    if not text or len(text.split()) > 14 or not looks_like_unit(text):
        return None
    return text


_LEADS_SENTENCE = re.compile(r"^(.{3,120}?)\s*[\(\-–]?\s*ch[ủu]\s*tr[ìi]\b", re.IGNORECASE)

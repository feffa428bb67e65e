"""Wording shared by the letters and request workbooks: dates, names, status phrases.

Vietnamese administrative documents write the place-and-date line as "Đà Lạt, ngày 05
tháng 02 năm 2023" (a leading zero for days below 10 and for January/February, per Nghị
định 30/2020/NĐ-CP), and upper-case body names become sentence case in running text.
"""

from __future__ import annotations

import re
from datetime import date

from app.core.status import Status
from app.core.text import clean, fold

NBSP = "\u00a0"

_DOC_KINDS = (
    "Chương trình hành động",
    "Chương trình",
    "Kế hoạch",
    "Nghị quyết",
    "Chỉ thị",
    "Kết luận",
    "Quyết định",
    "Đề án",
    "Thông báo",
    "Công văn",
    "Hướng dẫn",
    "Quy định",
)

# Lower-case word groups that stay capitalised inside running text.
_PROPER = (
    ("ban chấp hành", "Ban Chấp hành"),
    ("ban thường vụ", "Ban Thường vụ"),
    ("ban bí thư", "Ban Bí thư"),
    ("bộ chính trị", "Bộ Chính trị"),
    ("ủy ban nhân dân", "Ủy ban nhân dân"),
    ("hội đồng nhân dân", "Hội đồng nhân dân"),
    ("mặt trận tổ quốc", "Mặt trận Tổ quốc"),
    ("ủy ban kiểm tra", "Ủy ban Kiểm tra"),
    ("hồ chí minh", "Hồ Chí Minh"),
    ("đảng ủy khối", "Đảng ủy Khối"),
    ("đảng bộ khối", "Đảng bộ Khối"),
    ("tỉnh ủy", "Tỉnh ủy"),
    ("thành ủy", "Thành ủy"),
    ("huyện ủy", "Huyện ủy"),
    ("quận ủy", "Quận ủy"),
    ("thị ủy", "Thị ủy"),
    ("trung ương", "Trung ương"),
    ("đảng", "Đảng"),
    ("việt nam", "Việt Nam"),
)


_BODY_KINDS = tuple(
    tuple(k.split())
    for k in (
        "chi cuc",
        "trung tam",
        "van phong",
        "so",
        "ban",
        "bo",
        "cuc",
        "vu",
        "phong",
        "vien",
        "truong",
        "hoi",
    )
)
_LOWER_AFTER_KIND = {"nhan", "thuong", "chap", "cac", "quan", "huyen", "tinh", "thanh"}


_PLACE_TAIL = re.compile(
    r"(?<!\w)(tỉnh|thành phố|huyện|quận|thị xã|thị trấn|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy) ([^\W\d][\w ]*)$"
)


def vn_long_date(d: date, place: str = "") -> str:
    """ "Đà Lạt, ngày 05 tháng 02 năm 2023" (place omitted when unknown)."""
    day = f"{d.day:02d}" if d.day < 10 else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    text = f"ngày {day} tháng {month} năm {d.year}"
    place = clean(place)
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def dmy(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def sentence_case(name: str) -> str:
    """ "VĂN PHÒNG TỈNH ỦY" -> "Văn phòng Tỉnh ủy"; mixed-case names are kept as written."""
    name = clean(name)
    if not name or name != name.upper():
        return name
    text = name.lower()
    for low, proper in _PROPER:
        text = re.sub(rf"(?<!\w){re.escape(low)}(?!\w)", proper, text)
    words = text.split(" ")
    # "Sở Nội vụ", "Ban Tổ chức": the word after the kind of body names its field.
    head = next((k for k in _BODY_KINDS if fold(" ".join(words[: len(k)])) == " ".join(k)), None)
    if head and len(words) > len(head) and fold(words[len(head)]) not in _LOWER_AFTER_KIND:
        i = len(head)
        words[i] = words[i][:1].upper() + words[i][1:]
    text = " ".join(words)
    # A place name at the end: "… tỉnh lâm đồng" -> "… tỉnh Lâm Đồng".
    text = _PLACE_TAIL.sub(lambda m: m[1] + " " + m[2].title(), text)
    return text[0].upper() + text[1:]


def doc_kind(title: str) -> tuple[str, str]:
    """Split "Kế hoạch thực hiện Kết luận …" into ("Kế hoạch", "thực hiện Kết luận …")."""
    title = clean(title)
    for kind in _DOC_KINDS:
        if fold(title[: len(kind)]) == fold(kind):
            rest = title[len(kind) :].lstrip(" :-–,")
            return kind, rest
    return "", title


def plan_reference(title: str, number: str, signed_on: date | None, issuer: str = "") -> str:
    """ "Kế hoạch số 127-KH/ĐUK ngày 31/3/2022 của … thực hiện …" for running text.

    Each part is written only when known, so nothing dangles ("Kế hoạch, ngày …"). A
    numbered plan is identified by its number: a long title is cut at the end of a clause
    or left out, never cut mid-sentence; an unnumbered plan keeps its whole title.
    """
    kind, about = doc_kind(title)
    parts = [kind or "Kế hoạch"]
    if number:
        parts.append(f"số {clean(number)}")
    if signed_on:
        parts.append(f"ngày {short_date(signed_on)}")
    if issuer:
        parts.append(f"của {sentence_case(issuer)}")
    if about:
        parts.append(_clause(about, 220) if number else about)
    return " ".join(p for p in parts if p)


def plan_short(title: str, number: str, signed_on: date | None = None) -> str:
    """ "Kế hoạch số 127-KH/ĐUK" — for the subject line and table groups; an unnumbered
    plan by its date ("Kế hoạch ngày 31/3/2022"), else the start of its title."""
    kind, _about = doc_kind(title)
    if number:
        return f"{kind or 'Kế hoạch'} số {clean(number)}"
    if signed_on:
        return f"{kind or 'Kế hoạch'} ngày {short_date(signed_on)}"
    return shorten(clean(title), 90) or "kế hoạch"


def short_date(d: date) -> str:
    """ "31/3/2022": how documents cite another document's date."""
    return f"{d.day}/{d.month}/{d.year}"


def _clause(text: str, limit: int) -> str:
    """The text, or its first clauses (up to a ";") when it is longer than `limit`."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    return head.rsplit(";", 1)[0].rstrip(" ,") if ";" in head else ""


def shorten(text: str, limit: int) -> str:
    """The text, or its words up to `limit` characters and an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"


def status_phrase(status: Status, due: date | None, today: date) -> str:
    """What the status column says: "Quá hạn 12 ngày", "Còn 3 ngày", "Thường xuyên".

    The count and "ngày" never part at a line end (no-break space)."""
    if status == Status.OVERDUE and due is not None:
        return f"Quá hạn {(today - due).days}{NBSP}ngày"
    if status == Status.DUE_SOON and due is not None:
        left = (due - today).days
        return "Đến hạn hôm nay" if left == 0 else f"Sắp đến hạn (còn {left}{NBSP}ngày)"
    return {
        Status.OPEN: "Trong hạn",
        Status.WAITING: "Chờ điều kiện",
        Status.ONGOING: "Thường xuyên",
        Status.DONE_ON_TIME: "Đã hoàn thành",
        Status.DONE_LATE: "Hoàn thành quá hạn",
    }.get(status, "")


def deadline_cell(raw: str, due: date | None) -> str:
    """The deadline as written in the plan, plus the computed date when it adds something."""
    raw = clean(raw)
    if due is None:
        return raw or "Không xác định"
    when = dmy(due)
    if not raw or when in raw or f"{due.day}/{due.month}/{due.year}" in raw:
        return raw or when
    return f"{raw}\n(hạn {when})"


def count_phrase(n: int, noun: str = "nhiệm vụ") -> str:
    """ "03 nhiệm vụ": administrative style writes small counts with two digits."""
    return f"{n:02d} {noun}"


def ascii_slug(text: str, limit: int = 60) -> str:
    """A file-name-safe slug: "Ban Tổ chức" -> "ban-to-chuc"."""
    slug = re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")
    return slug[:limit].rstrip("-") or "don-vi"

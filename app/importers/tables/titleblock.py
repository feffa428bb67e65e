"""The rows above a task table: issuer, number, place-and-date line and title.

A task workbook usually copies the head of an administrative document: the issuing body
top-left with "Số 127-KH/ĐUK" under it, the motto and "Ninh Thuận, ngày 02 tháng 02 năm
2023" top-right, then a centred title ("KẾ HOẠCH …", "DANH MỤC NHIỆM VỤ …", "PHỤ LỤC" with
"(Kèm theo Kế hoạch số … ngày …)"). Only what is clearly there is taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from app.core.text import fold
from app.importers.model import ExtractedDocument
from app.importers.tables.cells import InvalidDate, _make_date

_TITLE_WORDS = (
    "ke hoach",
    "chuong trinh",
    "danh muc",
    "danh sach",
    "bang ",
    "tong hop",
    "bao cao",
    "theo doi",
    "lich ",
    "de an",
    "nhiem vu",
    "phan cong",
    "quyet dinh",
)
_MOTTO = (
    "dang cong san viet nam",
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap tu do hanh phuc",
    "doc lap - tu do - hanh phuc",
)
_APPENDIX = re.compile(r"^ph[uụ]\s*l[uụ]c(\s+[\w.\-]{1,6})?\s*:?$", re.IGNORECASE)
_NUMBER = re.compile(
    r"(\d{1,5}(?:/\d{4})?\s*[-/]\s*[A-ZĐ][A-Za-zĐđ]{0,7}(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9]{0,10}){0,3})"
)
_OWN_END = re.compile(r"\b(?:ng[àa]y|c[ủu]a|v[ềe])\b|,", re.IGNORECASE)
_SO_NUMBER = re.compile(r"\bs[ốo]\s*[:.]?\s*(?=\d)", re.IGNORECASE)
_NUMBER_LABEL = re.compile(r"^s[ốo]\s*[:.]?\s*", re.IGNORECASE)
_ATTACHED = re.compile(
    r"k[èe]m\s+theo\s+(?:k[ếe]\s*ho[ạa]ch|ch[ưu][ơo]ng\s*tr[ìi]nh|quy[ếe]t\s*[đd][ịi]nh|"
    r"c[ôo]ng\s*v[ăa]n|v[ăa]n\s*b[ảa]n|th[ôo]ng\s*b[áa]o|ngh[ịi]\s*quy[ếe]t|ch[ỉi]\s*th[ịi]|"
    r"k[ếe]t\s*lu[ậa]n|[đd][ềe]\s*[áa]n|h[ưu][ớo]ng\s*d[ẫa]n|ngh[ịi]\s*[đd][ịi]nh|th[ôo]ng\s*t[ưu])?"
    r"\s*(?:s[ốo])?\s*[:.]?\s*",
    re.IGNORECASE,
)
# "PHỤ LỤC I: DANH MỤC NHIỆM VỤ …" on one line: the label, then the title
_APPENDIX_TITLED = re.compile(
    r"^ph[uụ]\s*l[uụ]c(?:\s+(?:[IVXL]{1,5}|\d{1,2}[a-z]?|[A-Z])\b)?\s*[:.\-–]?\s+", re.IGNORECASE
)
_PLACE_DATE = re.compile(
    r"ng[àa]y\s*(\d{1,2})\s*th[áa]ng\s*(\d{1,2})\s*n[ăa]m\s*(\d{4})", re.IGNORECASE
)
_SLASH_DATE = re.compile(
    r"ng[àa]y\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", re.IGNORECASE
)
_PLACES = ("tinh ", "thanh pho ", "huyen ", "quan ", "thi xa ", "xa ", "phuong ", "thi tran ")
_LABELLED = re.compile(r"^[^:]{1,30}:\s")
_EXPORT_STAMP = ("ngay xuat", "ngay in", "xuat ngay", "in ngay")
_OWN_PLAN_NUMBER = re.compile(r"k[ếe]\s*ho[ạa]ch\s+s[ốo]\s*", re.IGNORECASE)


def _date_from(match: re.Match[str] | None) -> date | None:
    if not match:
        return None
    try:
        return _make_date(match[3], int(match[2]), int(match[1]), match[0])
    except InvalidDate:
        return None


def _number_after(text: str, start: int) -> str:
    m = _NUMBER.match(text[start:].lstrip())
    return re.sub(r"\s+", "", m[1]) if m else ""


def _is_place(prefix: str) -> bool:
    """The words before "ngày … tháng … năm" name a place (or nothing)."""
    prefix = prefix.strip().rstrip(",").strip()
    return len(prefix.split()) <= 5 and not any(ch.isdigit() for ch in prefix)


def _is_heading_line(f: str) -> bool:
    return f.startswith(_TITLE_WORDS)


def parse_title_block(cells: Iterable[Iterable[str]]) -> ExtractedDocument:
    """Title, number, date and issuer from the non-empty cells of the rows above a table.

    `cells` is one list of cell texts per row (already NFC, legacy fonts decoded).
    """
    doc = ExtractedDocument()
    lines: list[tuple[int, str]] = []  # (row index, line)
    for r, row in enumerate(cells):
        for cell in row:
            for line in str(cell).split("\n"):
                line = " ".join(line.split())
                if line:
                    lines.append((r, line))
    place_date = attached_date = None
    number = attached_number = plan_number = ""
    issuers: list[str] = []
    title_parts: list[str] = []
    title_row = -1
    for r, line in lines:
        f = fold(line)
        if any(f.startswith(s) for s in _EXPORT_STAMP):
            continue
        if f.startswith(_MOTTO) or set(line) <= set("-–—_*=.· "):
            continue
        m_attached = _ATTACHED.search(line)
        if m_attached:
            # "Kèm theo Chương trình hành động số 28-CTr/TU …": the number after "số"
            # (not "… thực hiện Kết luận số 21-KL/TW" later on the line: a cited document)
            stop = _OWN_END.search(line, m_attached.end())
            so = _SO_NUMBER.search(line, m_attached.start(), stop.start() if stop else len(line))
            at = so.end() if so else m_attached.end()
            attached_number = attached_number or _number_after(line, at)
            attached_date = attached_date or _date_from(
                _SLASH_DATE.search(line) or _PLACE_DATE.search(line)
            )
            continue
        label = _NUMBER_LABEL.match(line)
        if label and _NUMBER.search(line):
            number = number or _number_after(line, label.end())
        m_plan = _OWN_PLAN_NUMBER.search(line)
        if m_plan and not plan_number:
            plan_number = _number_after(line, m_plan.end())
        pd = _PLACE_DATE.search(line)
        if pd and _is_place(line[: pd.start()]):
            # "Ninh Thuận, ngày 02 tháng 02 năm 2023" — not "Kết luận số 21, ngày …".
            place_date = place_date or _date_from(pd)
            continue
        if _NUMBER_LABEL.match(line):
            continue
        if _APPENDIX.match(line):
            continue
        titled = _APPENDIX_TITLED.match(line)
        if titled and _is_heading_line(fold(line[titled.end() :])):
            line, f = line[titled.end() :], fold(line[titled.end() :])
        if title_row < 0 and _is_heading_line(f):
            title_parts.append(line)
            title_row = r
            continue
        continues = (
            not line.startswith("(")
            and not f.startswith(("ngay ", "so ", "kem theo"))
            and not _LABELLED.match(line)  # "Đơn vị: …", "Trạng thái: …"
        )
        if title_row >= 0 and r - title_row <= len(title_parts) and continues:
            # A title continues on the next rows ("thực hiện Kết luận số 21-KL/TW ...").
            if len(" ".join(title_parts)) < 400:
                title_parts.append(line)
            continue
        if title_row < 0 and line.isupper() and len(line) <= 120:
            issuers.append(line)
    doc.title = " ".join(title_parts)
    doc.number = number or attached_number or plan_number
    doc.date = place_date or attached_date
    doc.issuer = issuers[-1] if issuers else ""
    last = fold(doc.issuer)
    if len(issuers) >= 2 and last.startswith(_PLACES) and not re.match(r"^\w+ uy\b", last):
        # "ỦY BAN NHÂN DÂN" over "TỈNH NINH THUẬN" is one name on two lines.
        doc.issuer = f"{issuers[-2]} {doc.issuer}"
    return doc

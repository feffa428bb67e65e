"""What a row of a task table is when it is not a task: the signature block under the
table, totals, notes and footnotes, a row of column numbers, a "lead unit:" line."""

from __future__ import annotations

import re

from app.core.text import fold

END_MARKS: tuple[str, ...] = (
    "noi nhan",
    "tm ",
    "tm.",
    "t/m",
    "t.m",
    "kt ",
    "kt.",
    "k/t",
    "nguoi lap",
)
END_MARKS += ("thu truong don vi", "xac nhan cua", "ngay thang nam", "giam doc", "chu tich")
TOTAL_MARKS = ("tong cong", "tong so", "cong:", "tong:", "cong :", "tong :")
NOTE_MARKS = ("ghi chu:", "ghi chu :", "luu y", "chu thich", "(*)", "*", "nguon:", "nguon :")
LEAD_PREFIXES = ("don vi chu tri", "co quan chu tri", "chu tri:", "don vi thuc hien:")
NUMBERING_CELL = re.compile(r"^\(?\s*(\d{1,2}|[A-Za-z])\s*\)?$")
# A footnote under the table: "(1) Các đơn vị báo cáo …", "(*) Số liệu tạm tính".
FOOTNOTE = re.compile(r"^\(\s*(?:\d{1,2}|\*{1,3})\s*\)\s*\S")
# The signature block under a table: "Quảng Nam, ngày 20 tháng 3 năm 2024" (the day may be
# left blank), titles in capitals ("CHÁNH VĂN PHÒNG", "NGƯỜI TỔNG HỢP"), "(Ký, ghi rõ họ tên)".
PLACE_DATE_LINE = re.compile(r"^[a-z][a-z .]{1,40},\s*ngay\b[\s\d./…_-]*thang\b.*\bnam\b")
SIGN_TITLES = (
    "chanh van phong",
    "pho chanh van phong",
    "chanh thanh tra",
    "truong phong",
    "pho truong phong",
    "truong ban",
    "pho truong ban",
    "bi thu",
    "pho bi thu",
    "pho giam doc",
    "pho chu tich",
    "nguoi tong hop",
    "can bo tong hop",
    "chuyen vien tong hop",
    "ke toan truong",
    "thu truong",
    "xac nhan",
)
SIGN_HINTS = ("(ky", "( ky", "ky ten", "da ky", "(da ky")


def starts_with(value: str, marks: tuple[str, ...]) -> bool:
    return bool(value) and fold(value[:24]).startswith(marks)


def is_numbering_row(values: list[str]) -> bool:
    return len(values) >= 3 and all(NUMBERING_CELL.match(v) for v in values)


def signature_cell(value: object) -> str:
    """What a cell of the signature block under a table is: "mark" for a place-and-date
    line, "(Ký …)" or "TM."/"KT.", "title" for a title in capitals; "" for anything else."""
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    if not text or len(text) > 80:
        return ""
    f = fold(text)
    if f.startswith(SIGN_HINTS) or f.startswith(END_MARKS) or PLACE_DATE_LINE.match(f):
        return "mark"
    letters = [ch for ch in text if ch.isalpha()]
    if (
        letters
        and all(ch.isupper() for ch in letters)
        and not any(ch.isdigit() for ch in text)
        and len(text.split()) <= 8
        and f.startswith(SIGN_TITLES)
    ):
        return "title"
    return ""

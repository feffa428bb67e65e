"""Tokens of a folded deadline phrase: periods (parts), frequencies, markers.

One precompiled alternation scanned once with `finditer`; each alternative is a named
group and `m.lastgroup` says which one matched. Unknown words produce no token, so
labels and filler ("Thời gian thực hiện:", "khoảng", "hoàn thành") cost nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_D = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_M = r"(?:0?[1-9]|1[0-2])(?!\d)"
_Y4 = r"(?:19|20)\d{2}(?!\d)"
_Y = r"(?:(?:19|20)\d{2}|\d{2})(?!\d)"
_SEP = r"\s*[/.\-]\s*"
_REL_YEAR = r"(?:\s+nam\s+(sau|toi|tiep\s+theo|ke\s+tiep|nay))"
_ORD = r"(?:\d|nhat|mot|hai|ba|tu|nam|dau|cuoi)"

# (name, pattern) in priority order: at one position the first alternative that matches wins.
_TOKENS: list[tuple[str, str]] = [
    ("iso", rf"\b({_Y4})-(\d{{1,2}})-(\d{{1,2}})(?:[ t]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?"),
    (
        "term",
        r"\b(?:nam\s+thu\s+(\d|nhat|mot|hai|ba|tu|nam)\s+(?:cua\s+)?nhiem\s+ky"
        r"|nam\s+(dau|cuoi)\s+(?:cua\s+)?nhiem\s+ky"
        r"|(giua|cuoi|dau|het|ket\s+thuc)\s+nhiem\s+ky)"
        rf"(?:\s+({_Y4})\s*-\s*({_Y4}))?",
    ),
    ("termall", r"\b(?:trong\s+suot|suot|ca|toan|trong)\s+nhiem\s+ky\b(?!\s+(?:19|20)\d\d)"),
    ("termspan", rf"\bnhiem\s+ky\s+({_Y4})\s*-\s*({_Y4})"),
    (
        "week",
        rf"\btuan\s+(?:thu\s+)?({_ORD})\s+(?:cua\s+)?thang\s*({_M})(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4}))?",
    ),
    ("following", r"\b(?:cac|nhung)\s+nam\s+(?:tiep\s+theo|sau\s+do|sau|ke\s+tiep|tiep)\b"),
    ("onward", r"\btro\s+di\b|\bve\s+sau\b"),
    ("nextp", r"\b(nam|thang|quy|tuan)\s+(tiep\s+theo|ke\s+tiep|sau|toi|nay|hien\s+tai)\b"),
    (
        "half",
        r"\b(?:(?:0?6|sau)\s+thang\s+(dau|cuoi)|nua\s+(dau|cuoi)|(giua))\s+(?:cua\s+)?nam\b"
        rf"(?:\s*(?:nam\s+)?({_Y4}))?",
    ),
    ("halfy", rf"\b(?:0?6|sau)\s+thang\s+(?:nam\s+)?({_Y4})"),
    (
        "semi",
        r"\b(?:dinh\s+ky|hang|moi|tung)\s+(?:0?6|sau)\s+thang\b"
        r"|\b(?:0?6|sau)\s+thang\s*(?:/|mot|1)\s*lan\b"
        r"|\b(?:bao\s+cao|so\s+ket)\s+(?:0?6|sau)\s+thang\b(?!\s+(?:dau|cuoi|nam\s+\d))|\bban\s+nien\b",
    ),
    (
        "quarterly",
        r"\b(?:hang|moi|tung)\s+quy\b|\bdinh\s+ky\s+(?:quy|(?:0?3|ba)\s+thang)\b"
        r"|\b(?:quy|(?:0?3|ba)\s+thang)\s*(?:/|mot|1)\s*lan\b",
    ),
    (
        "monthly",
        r"\b(?:hang|moi|tung)\s+thang\b|\bdinh\s+ky\s+thang\b|\bthang\s*(?:/|mot|1)\s*lan\b",
    ),
    ("weekly", r"\b(?:hang|moi|tung)\s+tuan\b|\bdinh\s+ky\s+tuan\b|\btuan\s*(?:/|mot|1)\s*lan\b"),
    (
        "yearly",
        r"\b(?:hang|moi|tung)\s+nam\b|\bdinh\s+ky\s+nam\b|\bthuong\s+nien\b"
        r"|\bnam\s*(?:/|mot|1)\s*lan\b|\b(?:1|mot)\s+lan\s*/\s*nam\b",
    ),
    ("daily", r"\b(?:hang|moi|tung)\s+ngay\b"),
    (
        "qanchor",
        r"\bthang\s+(dau|cuoi|giua|thu\s+(?:nhat|hai|ba|1|2|3))\s+(?:cua\s+)?(?:moi\s+|hang\s+|tung\s+)?quy\b",
    ),
    ("mend", r"\bngay\s+cuoi\s+(?:cung\s+)?(?:cua\s+)?(?:moi\s+|hang\s+)?thang\b"),
    ("weekday", r"\b(?:thu\s+(2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|(chu\s+nhat))\b"),
    (
        "rel",
        r"\b(?:(trong(?:\s+vong|\s+thoi\s+(?:han|gian))?|sau|cham\s+nhat(?:\s+la)?(?:\s+sau)?|toi\s+da"
        r"|khong\s+qua|khong\s+cham\s+hon)\s+)?"
        r"(\d{1,3})\s*(ngay|tuan|thang)(\s+lam\s+viec)?"
        r"(?!\s+(?:dau|cuoi|giua)\s+nam|\s+nam\s+\d|\s*[/.\-]\s*\d)"
        r"(?:\s*,?\s*(?:tiep\s+theo\s+)?(ke\s+tu|tinh\s+tu|sau\s+khi|sau))?",
    ),
    (
        "drange",
        rf"\b(?:ngay\s*)?({_D})\s*(?:-|den|toi)\s*(?:ngay\s*)?({_D})\s*(?:[/.]|\s+thang\s+)\s*({_M})"
        rf"(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4}))?",
    ),
    ("domnext", rf"\bngay\s*({_D})\s+(?:cua\s+)?thang\s+(?:sau|tiep\s+theo|toi|ke\s+tiep)\b"),
    (
        "dmyw",
        rf"\bngay\s*({_D})\s*thang\s*({_M})(?:\s*,?\s*nam\s*({_Y4})|{_SEP}({_Y4})|{_REL_YEAR})?",
    ),
    ("date", rf"\b({_D}){_SEP}({_M}){_SEP}({_Y})"),
    (
        "mrange",
        rf"\b(?:thang|t(?=\d))\s*({_M})\s*(?:-|den|toi)\s*(?:thang\s*)?({_M})"
        rf"(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4}))?",
    ),
    (
        "month",
        rf"\b(?:thang|t(?=\d))\s*({_M})(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4})|\s+({_Y4})|{_REL_YEAR})?",
    ),
    (
        "quarter",
        r"\b(?:quy|q)\s*(iv|i{1,3}|[1-4])(?![\da-z])"
        rf"(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4})|\s+({_Y4})|{_REL_YEAR})?",
    ),
    ("qwords", rf"\bquy\s+(dau|cuoi)\s+(?:cua\s+)?nam\b(?:\s*(?:nam\s+)?({_Y4}))?"),
    ("yearmod", rf"\b(dau|cuoi|giua|het)\s+nam\b(?:\s*,?\s*(?:nam\s+)?({_Y4}))?"),
    ("cycle", r"\b(dau|cuoi|giua)\s+(thang|quy)\b(?!\s*(?:\d|iv|i{1,3}\b))"),
    (
        "year",
        rf"\bnam\s+({_Y4})(?:\s*[-]\s*({_Y4}|\d{{2}}(?!\d)))?|\b({_Y4})\s*-\s*({_Y4})|\b({_Y4})",
    ),
    ("dm", rf"\b(?:ngay\s*)?({_D}){_SEP}({_M})(?!\s*[/.\-]\s*\d){_REL_YEAR}?"),
    ("monthyear", rf"\b({_M}){_SEP}({_Y4})"),
    ("dom", r"\bngay\s*(" + _D + r")(?!\s*[/.\-]\s*\d)"),
    ("num", rf"\b(\d{{1,2}})(?!\d)(?:{_SEP}({_Y4})|\s*,?\s*nam\s+({_Y4}))?"),
    ("roman", rf"\b(iv|i{{1,3}})\b(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4}))?"),
    (
        "done",
        r"(?:^|(?<=[\s(:;,\-]))da\s+(?:duoc\s+)?(?:thuc\s+hien|to\s+chuc|ban\s+hanh|hoan\s+thanh|trien\s+khai"
        r"|xong|ky|gui|bao\s+cao|xay\s+dung|tham\s+muu|phe\s+duyet|quan\s+triet|tong\s+ket|so\s+ket"
        r"|hop|thong\s+qua|chi\s+dao|cu\s+the\s+hoa|kiem\s+tra|giam\s+sat|dieu\s+chinh|sua\s+doi"
        r"|thanh\s+lap|xu\s+ly|giai\s+quyet|nop|trinh|tien\s+hanh|dat|lam|ket\s+thuc|nghiem\s+thu"
        r"|co\s+van\s+ban|co\s+ke\s+hoach|co\s+bao\s+cao)\b",
    ),
    (
        "adhoc",
        r"\bdot\s+xuat\b|\bkhi\s+can(?:\s+thiet)?\b|\bkhi\s+co\s+yeu\s+cau\b|\btheo\s+yeu\s+cau\b"
        r"|\bkhi\s+phat\s+sinh\b|\bneu\s+can\b|\bkhi\s+co\s+phat\s+sinh\b",
    ),
    (
        "cond",
        r"\b(?:ngay\s+)?sau\s+khi\b|\b(?:ngay\s+)?khi\b|\btheo\s+(?:huong\s+dan|chi\s+dao|ke\s+hoach\s+cua|lo\s+trinh"
        r"|thong\s+bao|van\s+ban|tien\s+do\s+cua|lich|quy\s+dinh\s+cua\s+(?:trung\s+uong|cap\s+tren))\b"
        r"|\bky\s+hop\b|\b(?:truoc|sau|tai|trong)\s+(?:dai\s+hoi|hoi\s+nghi)\b|\bdai\s+hoi\b"
        r"|\btuy\s+(?:theo|tinh\s+hinh|thuc\s+te|dieu\s+kien)\b|\bphu\s+thuoc\b"
        r"|\bcho\s+(?:huong\s+dan|y\s+kien|chi\s+dao|ket\s+luan)\b|\bsau\s+(?:dai\s+hoi|hoi\s+nghi|ky\s+hop)\b",
    ),
    (
        "ongoing",
        r"\bthuong\s+xuyen\b|\blien\s+tuc\b|\blau\s+dai\b|\bkhong\s+thoi\s+han\b|\bhang\s+ngay\b"
        r"|\btiep\s+tuc\s+thuc\s+hien\b(?=\s*$)",
    ),
    ("dinhky", r"\bdinh\s+ky\b"),
]

MASTER = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in _TOKENS))
# For each alternative, the indexes of its inner groups inside MASTER.
_INNER: dict[str, tuple[int, ...]] = {
    name: tuple(
        range(MASTER.groupindex[name] + 1, MASTER.groupindex[name] + 1 + re.compile(pat).groups)
    )
    for name, pat in _TOKENS
}


@dataclass(slots=True)
class Tok:
    kind: str
    start: int
    end: int
    g: tuple[str | None, ...]


def tokenize(s: str) -> list[Tok]:
    """All tokens of a folded phrase, in order."""
    out: list[Tok] = []
    for m in MASTER.finditer(s):
        name = m.lastgroup
        if name is None:  # pragma: no cover - every alternative is named
            continue
        idx = _INNER[name]
        if len(idx) > 1:
            g = m.group(*idx)
        elif idx:
            g = (m.group(idx[0]),)
        else:
            g = ()
        out.append(Tok(name, m.start(), m.end(), g))
    return out


ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ORDINALS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "dau": 1}
WEEKDAYS = {
    "2": 0,
    "hai": 0,
    "3": 1,
    "ba": 1,
    "4": 2,
    "tu": 2,
    "5": 3,
    "nam": 3,
    "6": 4,
    "sau": 4,
    "7": 5,
    "bay": 5,
}


def year_of(text: str | None) -> int | None:
    """4-digit year as written, or 20xx for two digits (rule 6)."""
    if not text:
        return None
    y = int(text)
    return 2000 + y if y < 100 else y

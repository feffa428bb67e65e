"""Tokens of a folded deadline phrase: periods (parts), frequencies, markers.

One precompiled alternation scanned once with `finditer`; an empty marker group ending
each alternative says which one matched. Unknown words produce no token, so
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
_REL_BODY = (
    r"(\d{1,3})\s*(ngay|tuan|thang)(\s+lam\s+viec)?"
    r"(?!\s+(?:dau|cuoi|giua)\s+nam|\s+nam\s+\d|\s*[/.\-]\s*\d)"
    r"(?:\s*,?\s*(?:tiep\s+theo\s+)?(ke\s+tu|tinh\s+tu|sau\s+khi|sau))?"
)
_DRANGE = (
    rf"({_D})\s*(?:-|den|toi)\s*(?:ngay\s*)?({_D})\s*(?:[/.]|\s+thang\s+)\s*({_M})"
    rf"(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4}))?"
)
_DM = rf"({_D}){_SEP}({_M})(?!\s*[/.\-]\s*\d)(?:\s*,?\s*nam\s+({_Y4})|{_REL_YEAR})?"

_NONE = r"(?:(?!)())?"  # a group that never matches: keeps variants' group layouts equal

DIGITS = "0123456789"
# (kind, pattern, first characters) in priority order: at one position the first
# alternative that matches wins. Patterns match at a word start; `first` lists every
# character a match can begin with (tests check it), so each word start only tries the
# alternatives of its first letter.
_TOKENS: list[tuple[str, str, str]] = [
    (
        "iso",
        rf"({_Y4})-(\d{{1,2}})-(\d{{1,2}})(?:[ t]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?",
        DIGITS,
    ),
    (
        "term",
        r"(?:nam\s+thu\s+(\d|nhat|mot|hai|ba|tu|nam)\s*,?\s+(?:cua\s+)?nhiem\s+ky"
        r"|nam\s+(dau|cuoi)\s+(?:cua\s+)?nhiem\s+ky"
        r"|(giua|cuoi|dau|het|ket\s+thuc)\s+nhiem\s+ky)"
        rf"(?:\s+({_Y4})\s*-\s*({_Y4}))?",
        "cdghkn",
    ),
    ("termall", r"(?:trong\s+suot|suot|ca|toan|trong)\s+nhiem\s+ky\b(?!\s+(?:19|20)\d\d)", "cst"),
    ("termspan", rf"nhiem\s+ky\s+({_Y4})\s*-\s*({_Y4})", "n"),
    (
        "week",
        rf"tuan\s+(?:thu\s+)?({_ORD})\s+(?:cua\s+)?thang\s*({_M})(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4}))?",
        "t",
    ),
    ("following", r"(?:cac|nhung)\s+nam\s+(?:tiep\s+theo|sau\s+do|sau|ke\s+tiep|tiep)\b", "cn"),
    ("onward", r"tro\s+di\b|ve\s+sau\b", "tv"),
    ("nextp", r"(nam|thang|quy|tuan)\s+(tiep\s+theo|ke\s+tiep|sau|toi|nay|hien\s+tai)\b", "nqt"),
    (
        "half",
        r"(?:sau\s+thang\s+(dau|cuoi)|nua\s+(dau|cuoi)|(giua))\s+(?:cua\s+)?nam\b"
        rf"(?:\s*(?:nam\s+)?({_Y4}))?",
        "gns",
    ),
    (
        "half",
        rf"0?6\s+thang\s+(dau|cuoi){_NONE}{_NONE}\s+(?:cua\s+)?nam\b(?:\s*(?:nam\s+)?({_Y4}))?",
        DIGITS,
    ),
    ("halfy", rf"sau\s+thang\s+(?:nam\s+)?({_Y4})", "s"),
    ("halfy", rf"0?6\s+thang\s+(?:nam\s+)?({_Y4})", DIGITS),
    (
        "semi",
        r"(?:dinh\s+ky|hang|moi|tung)\s+(?:0?6|sau)\s+thang\b|sau\s+thang\s*(?:/|mot|1)\s*lan\b"
        r"|(?:bao\s+cao|so\s+ket)\s+(?:0?6|sau)\s+thang\b(?!\s+(?:dau|cuoi|nam\s+\d))|ban\s+nien\b",
        "bdhmst",
    ),
    ("semi", r"0?6\s+thang\s*(?:/|mot|1)\s*lan\b", DIGITS),
    (
        "quarterly",
        r"(?:hang|moi|tung)\s+quy\b|dinh\s+ky\s+(?:quy|(?:0?3|ba)\s+thang)\b"
        r"|(?:quy|ba\s+thang)\s*(?:/|mot|1)\s*lan\b",
        "bdhmqt",
    ),
    ("quarterly", r"0?3\s+thang\s*(?:/|mot|1)\s*lan\b", DIGITS),
    (
        "monthly",
        r"(?:hang|moi|tung)\s+thang\b|dinh\s+ky\s+thang\b|thang\s*(?:/|mot|1)\s*lan\b",
        "dhmt",
    ),
    ("weekly", r"(?:hang|moi|tung)\s+tuan\b|dinh\s+ky\s+tuan\b|tuan\s*(?:/|mot|1)\s*lan\b", "dhmt"),
    (
        "yearly",
        r"(?:hang|moi|tung)\s+nam\b|dinh\s+ky\s+nam\b|thuong\s+nien\b"
        r"|nam\s*(?:/|mot|1)\s*lan\b|mot\s+lan\s*/\s*nam\b",
        "dhmnt",
    ),
    ("yearly", r"1\s+lan\s*/\s*nam\b", DIGITS),
    ("daily", r"(?:hang|moi|tung)\s+ngay\b", "hmt"),
    (
        "qanchor",
        r"thang\s+(dau|cuoi|giua|thu\s+(?:nhat|hai|ba|1|2|3))\s+(?:cua\s+)?(?:moi\s+|hang\s+|tung\s+)?quy\b",
        "t",
    ),
    ("mend", r"ngay\s+cuoi\s+(?:cung\s+)?(?:cua\s+)?(?:moi\s+|hang\s+)?thang\b", "n"),
    ("weekday", r"(?:thu\s+(2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|(chu\s+nhat))\b", "ct"),
    (
        "rel",
        r"(trong(?:\s+vong|\s+thoi\s+(?:han|gian))?|sau|cham\s+nhat(?:\s+la)?(?:\s+sau)?|toi\s+da"
        r"|khong\s+qua|khong\s+cham\s+hon)\s+" + _REL_BODY,
        "ckst",
    ),
    ("rel", r"()" + _REL_BODY, DIGITS),
    ("drange", rf"ngay\s*{_DRANGE}", "n"),
    ("drange", _DRANGE, DIGITS),
    ("domnext", rf"ngay\s*({_D})\s+(?:cua\s+)?thang\s+(?:sau|tiep\s+theo|toi|ke\s+tiep)\b", "n"),
    (
        "dmyw",
        rf"ngay\s*({_D})\s*thang\s*({_M})(?:\s*,?\s*nam\s*({_Y4})|{_SEP}({_Y4})|{_REL_YEAR})?",
        "n",
    ),
    ("date", rf"({_D}){_SEP}({_M}){_SEP}({_Y})", DIGITS),
    (
        "mrange",
        rf"(?:thang|t(?=\d))\s*({_M})\s*(?:-|den|toi)\s*(?:thang\s*)?({_M})"
        rf"(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4}))?",
        "t",
    ),
    (
        "month",
        rf"(?:thang|t(?=\d))\s*({_M})(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4})|\s+({_Y4})|{_REL_YEAR})?",
        "t",
    ),
    (
        "quarter",
        r"q(?:uy)?\s*(iv|i{1,3}|[1-4])(?![\da-z])"
        rf"(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4})|\s+({_Y4})|{_REL_YEAR})?",
        "q",
    ),
    ("qwords", rf"quy\s+(dau|cuoi)\s+(?:cua\s+)?nam\b(?:\s*(?:nam\s+)?({_Y4}))?", "q"),
    ("yearmod", rf"(dau|cuoi|giua|het)\s+nam\b(?:\s*,?\s*(?:nam\s+)?({_Y4}))?", "cdgh"),
    (
        "inyear",
        r"(?:trong|ca)\s+nam\b(?!\s*(?:\d|hoc|tai\s+chinh|tiep|sau|toi|nay|dau|cuoi|giua|thu))",
        "ct",
    ),
    ("cycle", r"(dau|cuoi|giua)\s+(thang|quy)\b(?!\s*(?:\d|iv|i{1,3}\b))", "cdg"),
    ("year", rf"nam\s+({_Y4})(?:\s*[-]\s*({_Y4}|\d{{2}}(?!\d)))?{_NONE}{_NONE}{_NONE}", "n"),
    ("year", rf"{_NONE}{_NONE}(?:({_Y4})\s*-\s*({_Y4})|({_Y4}))", DIGITS),
    ("dm", rf"ngay\s*{_DM}", "n"),
    ("dm", _DM, DIGITS),
    ("monthyear", rf"({_M}){_SEP}({_Y4})", DIGITS),
    ("dom", rf"ngay\s*({_D})(?!\s*[/.\-]\s*\d)", "n"),
    ("num", rf"(\d{{1,2}})(?!\d)(?:{_SEP}({_Y4})|\s*,?\s*nam\s+({_Y4}))?", DIGITS),
    ("roman", rf"(iv|i{{1,3}})\b(?:{_SEP}({_Y})|\s*,?\s*nam\s+({_Y4}))?", "i"),
    (
        "done",
        r"da\s+(?:duoc\s+)?(?:thuc\s+hien|to\s+chuc|ban\s+hanh|hoan\s+thanh|trien\s+khai"
        r"|xong|ky|gui|bao\s+cao|xay\s+dung|tham\s+muu|phe\s+duyet|quan\s+triet|tong\s+ket|so\s+ket"
        r"|hop|thong\s+qua|chi\s+dao|cu\s+the\s+hoa|kiem\s+tra|giam\s+sat|dieu\s+chinh|sua\s+doi"
        r"|thanh\s+lap|xu\s+ly|giai\s+quyet|nop|trinh|tien\s+hanh|dat|lam|ket\s+thuc|nghiem\s+thu"
        r"|co\s+van\s+ban|co\s+ke\s+hoach|co\s+bao\s+cao)\b",
        "d",
    ),
    (
        "adhoc",
        r"dot\s+xuat\b|khi\s+can(?:\s+thiet)?\b|khi\s+co\s+yeu\s+cau\b|theo\s+yeu\s+cau\b"
        r"|khi\s+phat\s+sinh\b|neu\s+can\b|khi\s+co\s+phat\s+sinh\b",
        "dknt",
    ),
    (
        "cond",
        r"(?:ngay\s+)?(?:sau\s+)?khi\b|theo\s+(?:huong\s+dan|chi\s+dao|ke\s+hoach\s+cua|lo\s+trinh"
        r"|thong\s+bao|van\s+ban|tien\s+do\s+cua|lich|quy\s+dinh\s+cua\s+(?:trung\s+uong|cap\s+tren))\b"
        r"|ky\s+hop\b|(?:truoc|sau|tai|trong)\s+(?:dai\s+hoi|hoi\s+nghi|ky\s+hop)\b|(?<!ky )dai\s+hoi\b"
        r"|tuy\s+(?:theo|tinh\s+hinh|thuc\s+te|dieu\s+kien)\b|phu\s+thuoc\b"
        r"|cho\s+(?:huong\s+dan|y\s+kien|chi\s+dao|ket\s+luan)\b",
        "cdknpst",
    ),
    (
        "ongoing",
        r"thuong\s+xuyen\b|lien\s+tuc\b|lau\s+dai\b|khong\s+thoi\s+han\b|hang\s+ngay\b"
        r"|tiep\s+tuc\s+thuc\s+hien\b(?=\s*$)",
        "hklt",
    ),
    ("dinhky", r"dinh\s+ky\b", "d"),
]


_Table = tuple[re.Pattern[str], dict[int, tuple[str, tuple[int, ...]]]]


def _compile(entries: list[tuple[str, str]]) -> _Table:
    """One alternation; each alternative ends with an empty marker group whose index
    (m.lastindex) says which alternative matched and where its own groups are."""
    markers: dict[int, tuple[str, tuple[int, ...]]] = {}
    alts: list[str] = []
    index = 1
    for kind, pat in entries:
        n = re.compile(pat).groups
        markers[index + n] = (kind, tuple(range(index, index + n)))
        index += n + 1
        alts.append(f"(?:{pat})()")
    return re.compile(r"\b(?:" + "|".join(alts) + ")"), markers


def _build() -> dict[str, _Table]:
    by_first: dict[str, list[tuple[str, str]]] = {}
    for kind, pat, first in _TOKENS:
        for ch in first:
            by_first.setdefault(ch, []).append((kind, pat))
    return {ch: _compile(entries) for ch, entries in by_first.items()}


BY_FIRST = _build()
# The same table as one alternation: the reference the dispatch must agree with (tests).
MASTER, _MARKERS = _compile([(k, p) for k, p, _ in _TOKENS])
_WORD_START = re.compile(r"\b[" + "".join(sorted(BY_FIRST)) + "]")


@dataclass(slots=True)
class Tok:
    kind: str
    start: int
    end: int
    g: tuple[str | None, ...]


def tokenize(s: str) -> list[Tok]:
    """All tokens of a folded phrase, in order: at each word start, the alternatives for
    its first character; after a token, scanning resumes at its end."""
    out: list[Tok] = []
    pos = 0
    by_first = BY_FIRST
    for w in _WORD_START.finditer(s):
        i = w.start()
        if i < pos:
            continue
        table = by_first.get(s[i])
        if table is None:
            continue
        m = table[0].match(s, i)
        if m is None:
            continue
        kind, idx = table[1][m.lastindex]  # type: ignore[index]
        g = m.group(*idx) if len(idx) > 1 else (m.group(idx[0]),) if idx else ()
        out.append(Tok(kind, i, m.end(), g))
        pos = m.end()
    return out


def tokenize_reference(s: str) -> list[Tok]:
    """The same tokens from the single alternation (slower; used to check the dispatch)."""
    out: list[Tok] = []
    for m in MASTER.finditer(s):
        kind, idx = _MARKERS[m.lastindex]  # type: ignore[index]
        g = m.group(*idx) if len(idx) > 1 else (m.group(idx[0]),) if idx else ()
        out.append(Tok(kind, m.start(), m.end(), g))
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

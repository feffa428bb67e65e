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
_REL_YEAR = r"(?:\s+(?:cua\s+)?nam\s+(sau|toi|tiep\s+theo|ke\s+tiep|nay))"
_ORD = r"(?:\d|nhat|mot|hai|ba|tu|nam|dau|cuoi)"
_PLIST = r"(?:,|va|/|;)\s*"
_REL_BODY = (
    r"(\d{1,3})\s*(ngay|tuan|thang|gio|nam)(\s+lam\s+viec)?"
    r"(?!\s+(?:dau|cuoi|giua)\s+nam|\s+nam\s+\d|\s*[/.\-]\s*\d)"
    # years only counted from the plan ("trong 01 năm kể từ ngày ký"), never "2 năm 2023"
    r"(?:(?<!nam)|(?=\s*,?\s*(?:ke|tinh)\s+tu\b))"
    r"(?:\s*,?\s*(?:tiep\s+theo\s+)?(ke\s+tu|tinh\s+tu|sau\s+khi|sau))?"
)
_DRANGE = (
    rf"({_D})\s*(?:-|den|toi)\s*(?:ngay\s*)?({_D})\s*(?:[/.]|\s+thang\s+)\s*({_M})"
    rf"(?:{_SEP}({_Y})|\s*[,\-]?\s*nam\s*({_Y4}))?"
)
_DM = rf"({_D})(?:\s*[/.]\s*|-)({_M})(?!\s*[/.]\s*\d|-\d)(?:\s*[,\-]?\s*nam\s*({_Y4})|{_REL_YEAR})?"
# Without "ngày" before it, "4.1" is a section number ("điểm 4.1", "mục 2.3"): a day and
# month written with a dot count only with their year ("15.7 năm 2024")
_DM_BARE = (
    rf"({_D})(?:\s*/\s*|-)({_M})(?!\s*[/.]\s*\d|-\d)(?:\s*[,\-]?\s*nam\s*({_Y4})|{_REL_YEAR})?"
)
_DM_DOT = rf"({_D})\s*\.\s*({_M})(?!\s*[/.]\s*\d|-\d)(?:\s*[,\-]?\s*nam\s*({_Y4})|{_REL_YEAR})"

_NONE = r"(?:(?!)())?"  # a group that never matches: keeps variants' group layouts equal

# (kind, pattern, first words) in priority order: at one position the first alternative
# that matches wins. Patterns match at a word start; `first words` lists every word a
# match can begin with ("#": a number), so a word only tries the alternatives that can
# start with it, and most words of a sentence try none. Tests check the annotation
# against the single alternation (`tokenize_reference`).
_TOKENS: list[tuple[str, str, str]] = [
    (
        "iso",
        rf"({_Y4})-(\d{{1,2}})-(\d{{1,2}})(?:[ t]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?",
        "#",
    ),
    (
        "term",
        r"(?:nam\s+thu\s+(\d|nhat|mot|hai|ba|tu|nam)\s*,?\s+(?:cua\s+)?nhiem\s+ky"
        r"|nam\s+(dau|cuoi)\s+(?:cua\s+)?nhiem\s+ky"
        r"|(giua|cuoi|dau|het|ket\s+thuc)\s+nhiem\s+ky)"
        rf"(?:\s+({_Y4})\s*-\s*({_Y4}))?",
        "nam giua cuoi dau het ket",
    ),
    (
        "termall",
        r"(?:trong\s+suot|suot|ca|toan|trong)\s+nhiem\s+ky\b(?!\s+(?:19|20)\d\d)",
        "trong suot ca toan",
    ),
    ("termspan", rf"nhiem\s+ky\s+({_Y4})\s*-\s*({_Y4})", "nhiem"),
    (
        "week",
        rf"tuan\s+(?:thu\s+)?({_ORD})(?:\s+(?:tien|cung))?\s+(?:cua\s+)?thang\s*({_M})(?:{_SEP}({_Y})|\s*[,\-]?\s*nam\s*({_Y4}))?",
        "tuan",
    ),
    (
        "following",
        r"(?:cac|nhung)\s+nam\s+(?:tiep\s+theo|sau\s+do|sau|ke\s+tiep|tiep|toi)\b",
        "cac nhung",
    ),
    ("onward", r"tro\s+di\b|ve\s+sau\b", "tro ve"),
    (
        "nextp",
        r"(nam|thang|quy|tuan)\s+(tiep\s+theo|ke\s+tiep|sau|toi|nay|hien\s+tai)\b",
        "nam thang quy tuan",
    ),
    (
        "half",
        r"(?:sau\s+thang\s+(dau|cuoi)|nua\s+(dau|cuoi)|(giua))\s+(?:cua\s+)?nam\b"
        rf"(?:\s*(?:nam\s+)?({_Y4}))?",
        "sau nua giua",
    ),
    (
        "half",
        rf"0?6\s+thang\s+(dau|cuoi){_NONE}{_NONE}\s+(?:cua\s+)?nam\b(?:\s*(?:nam\s+)?({_Y4}))?",
        "#",
    ),
    ("halfy", rf"sau\s+thang\s+(?:nam\s+)?({_Y4})", "sau"),
    ("halfy", rf"0?6\s+thang\s+(?:nam\s+)?({_Y4})", "#"),
    (
        "semi",
        r"(?:dinh\s+ky|hang|moi|tung)\s+(?:0?6|sau)\s+thang\b|sau\s+thang\s*(?:/|mot|1)\s*lan\b"
        r"|(?:bao\s+cao|so\s+ket)\s+(?:0?6|sau)\s+thang\b(?!\s+(?:dau|cuoi|nam\s+\d))|ban\s+nien\b",
        "dinh hang moi tung sau bao so ban",
    ),
    ("semi", r"0?6\s+thang\s*(?:/|mot|1)\s*lan\b", "#"),
    # Report periods listed shortest first: "tháng, quý, năm", "quý, năm", "6 tháng, năm".
    ("weekly", rf"tuan\s*{_PLIST}(?:thang|quy|nam)\b(?!\s*\d)", "tuan"),
    ("monthly", rf"thang\s*{_PLIST}(?:quy|(?:0?6|sau)\s+thang|nam)\b(?!\s*\d)", "thang"),
    ("quarterly", rf"quy\s*{_PLIST}(?:(?:0?6|sau)\s+thang|nam)\b(?!\s*\d)", "quy"),
    ("semi", rf"sau\s+thang\s*{_PLIST}(?:ca\s+)?nam\b(?!\s*\d)", "sau"),
    ("semi", rf"0?6\s+thang\s*{_PLIST}(?:ca\s+)?nam\b(?!\s*\d)", "#"),
    (
        "quarterly",
        r"(?:hang|moi|tung)\s+quy\b|dinh\s+ky\s+(?:quy|(?:0?3|ba)\s+thang)\b"
        r"|(?:quy|ba\s+thang)\s*(?:/|mot|1)\s*lan\b",
        "hang moi tung dinh quy ba",
    ),
    ("quarterly", r"0?3\s+thang\s*(?:/|mot|1)\s*lan\b", "#"),
    (
        "monthly",
        r"(?:hang|moi|tung)\s+thang\b|dinh\s+ky\s+thang\b|thang\s*(?:/|mot|1)\s*lan\b",
        "hang moi tung dinh thang",
    ),
    (
        "weekly",
        r"(?:hang|moi|tung)\s+tuan\b|dinh\s+ky\s+tuan\b|tuan\s*(?:/|mot|1)\s*lan\b",
        "hang moi tung dinh tuan",
    ),
    (
        "yearly",
        r"(?:hang|moi|tung)\s+nam\b|dinh\s+ky\s+nam\b|thuong\s+nien\b"
        r"|(?<![02-9] )(?<!hai )(?<!ba )(?<!bon )(?<!nam )nam\s*(?:/|mot|1)\s*lan\b|mot\s+lan\s*/\s*nam\b",
        "hang moi tung dinh thuong nam mot",
    ),
    # "01 lần/năm", "2 lần/năm", "4 lần/năm", "1 lần/quý", "1 lần/tháng": times per period
    ("yearly", r"0?1\s+lan\s*/\s*nam\b", "#"),
    ("semi", r"0?2\s+lan\s*/\s*nam\b", "#"),
    ("quarterly", r"0?4\s+lan\s*/\s*nam\b|0?1\s+lan\s*/\s*quy\b", "#"),
    ("monthly", r"0?1\s+lan\s*/\s*thang\b|12\s+lan\s*/\s*nam\b", "#"),
    ("daily", r"(?:hang|moi|tung)\s+ngay\b", "hang moi tung"),
    (
        "qanchor",
        r"thang\s+(dau|cuoi|giua|thu\s+(?:nhat|hai|ba|1|2|3))\s+(?:cua\s+)?(?:moi\s+|hang\s+|tung\s+)?quy\b",
        "thang",
    ),
    ("mend", r"ngay\s+cuoi\s+(?:cung\s+)?(?:cua\s+)?(?:moi\s+|hang\s+)?thang\b", "ngay"),
    ("weekday", r"(?:thu\s+(2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|(chu\s+nhat))\b", "thu chu"),
    (
        "rel",
        r"(trong(?:\s+vong|\s+thoi\s+(?:han|gian))?|sau|cham\s+nhat(?:\s+la)?(?:\s+sau)?|toi\s+da"
        r"|khong\s+qua|khong\s+cham\s+hon)\s+" + _REL_BODY,
        "trong sau cham toi khong",
    ),
    ("rel", r"()" + _REL_BODY, "#"),
    ("drange", rf"ngay\s*{_DRANGE}", "ngay"),
    ("drange", _DRANGE, "#"),
    ("domnext", rf"ngay\s*({_D})\s+(?:cua\s+)?thang\s+(?:sau|tiep\s+theo|toi|ke\s+tiep)\b", "ngay"),
    (
        "dmyw",
        rf"ngay\s*({_D})\s*thang\s*({_M})(?:\s*,?\s*nam\s*({_Y4})|{_SEP}({_Y4})|{_REL_YEAR})?",
        "ngay",
    ),
    (
        # A two-digit year only with the same separator and no spaces ("31/12/23"), so
        # "01/3 - 31/3/2023" stays a range.
        "date",
        rf"({_D})(?:{_SEP}({_M}){_SEP}({_Y4})|/({_M})/(\d\d)(?![\d/])|\.({_M})\.(\d\d)(?![\d.])"
        rf"|-({_M})-(\d\d)(?![\d\-]))",
        "#",
    ),
    (
        "mrange",
        rf"(?:thang|t(?=\d)|th(?=\d{{1,2}}\s*[/.\-]\s*\d))\s*({_M})\s*(?:-|den|toi)\s*(?:thang\s*)?({_M})"
        rf"(?:{_SEP}({_Y})|\s*[,\-]?\s*nam\s*({_Y4}))?",
        "thang t th",
    ),
    (
        "month",
        rf"(?:thang|t(?=\d)|th(?=\d{{1,2}}\s*[/.\-]\s*\d))\s*({_M})(?:{_SEP}({_Y})|\s*[,\-]?\s*nam\s*({_Y4})|\s+({_Y4})|{_REL_YEAR})?",
        "thang t th",
    ),
    (
        "quarter",
        # OCR reads "I" as "l": "Quý ll/2023" (only after the full word)
        r"q(?:uy)?\s*(iv|i{1,3}|[1-4]|(?<=quy )(?:(?=[il]{1,3}(?![\da-z]))[il]*l[il]*|lv))(?![\da-z])"
        rf"(?:{_SEP}({_Y})|\s*[,\-]?\s*nam\s*({_Y4})|\s+({_Y4})|{_REL_YEAR})?",
        "q quy qi qii qiii qiv quyi quyii quyiii quyiv",
    ),
    ("qwords", rf"quy\s+(dau|cuoi)\s+(?:cua\s+)?nam\b(?:\s*(?:nam\s+)?({_Y4}))?", "quy"),
    (
        "yearmod",
        rf"(dau|cuoi|giua|het)\s+nam\b(?:\s*,?\s*(?:nam\s+)?({_Y4}))?",
        "dau cuoi giua het",
    ),
    (
        "inyear",
        r"(?:trong|ca)\s+nam\b(?!\s*(?:\d|hoc|tai\s+chinh|tiep|sau|toi|nay|dau|cuoi|giua|thu))",
        "trong ca",
    ),
    ("cycle", r"(dau|cuoi|giua)\s+(thang|quy)\b(?!\s*(?:\d|iv|i{1,3}\b))", "dau cuoi giua"),
    (
        "cycle",
        r"()trong\s+(thang|quy)\b"
        r"(?!\s*(?:\d|iv\b|i{1,3}\b|nay|toi|sau|tiep|ke|dau|cuoi|giua|thu|hien|cua|/|hang|moi))",
        "trong",
    ),
    ("schoolyear", rf"nam\s+hoc\s+({_Y4})\s*-\s*({_Y4}|\d{{2}}(?!\d))", "nam"),
    ("year", rf"nam\s*({_Y4})(?:\s*[-]\s*({_Y4}|\d{{2}}(?!\d)))?{_NONE}{_NONE}{_NONE}", "nam"),
    ("year", rf"{_NONE}{_NONE}(?:({_Y4})\s*-\s*({_Y4})|({_Y4}))", "#"),
    ("dm", rf"ngay\s*{_DM}", "ngay"),
    ("dm", _DM_BARE, "#"),
    ("dm", _DM_DOT, "#"),
    ("monthyear", rf"({_M}){_SEP}({_Y4})", "#"),
    ("dom", rf"ngay\s*({_D})(?!\s*[/.]\s*\d|-\d)", "ngay"),
    ("num", rf"(\d{{1,2}})(?!\d)(?:{_SEP}({_Y4})|\s*[,\-]?\s*nam\s*({_Y4}))?", "#"),
    ("roman", rf"(iv|i{{1,3}})\b(?:{_SEP}({_Y})|\s*[,\-]?\s*nam\s*({_Y4}))?", "i ii iii iv"),
    (
        "done",
        r"da\s+(?:duoc\s+)?(?:thuc\s+hien|to\s+chuc|ban\s+hanh|hoan\s+thanh|trien\s+khai"
        r"|xong|ky|gui|bao\s+cao|xay\s+dung|tham\s+muu|phe\s+duyet|quan\s+triet|tong\s+ket|so\s+ket"
        r"|hop|thong\s+qua|chi\s+dao|cu\s+the\s+hoa|kiem\s+tra|giam\s+sat|dieu\s+chinh|sua\s+doi"
        r"|thanh\s+lap|xu\s+ly|giai\s+quyet|nop|trinh|tien\s+hanh|dat|lam|ket\s+thuc|nghiem\s+thu"
        r"|co\s+van\s+ban|co\s+ke\s+hoach|co\s+bao\s+cao)\b",
        "da",
    ),
    (
        "adhoc",
        r"dot\s+xuat\b|khi\s+can(?:\s+thiet)?\b|khi\s+co\s+yeu\s+cau\b|theo\s+yeu\s+cau\b"
        r"|khi\s+phat\s+sinh\b|neu\s+can\b|khi\s+co\s+phat\s+sinh\b",
        "dot khi theo neu",
    ),
    (
        "cond",
        r"(?:ngay\s+)?(?:sau\s+)?khi\b|sau\s+(?:moi|tung)\s+(?:dot|lan|ky|dip|cuoc|buoi)\b"
        r"|theo\s+(?:huong\s+dan|chi\s+dao|ke\s+hoach\s+cua|lo\s+trinh"
        r"|thong\s+bao|van\s+ban|tien\s+do\s+cua|lich|quy\s+dinh\s+cua\s+(?:trung\s+uong|cap\s+tren)"
        r"|chuong\s+trinh\s+cua|de\s+nghi|yeu\s+cau\s+cua)\b"
        r"|ky\s+hop\b|(?:truoc|sau|tai|trong)\s+(?:dai\s+hoi|hoi\s+nghi|ky\s+hop)\b|(?<!ky )dai\s+hoi\b"
        r"|tuy\s+(?:theo|tinh\s+hinh|thuc\s+te|dieu\s+kien)\b|phu\s+thuoc\b"
        r"|cho\s+(?:huong\s+dan|y\s+kien|chi\s+dao|ket\s+luan)\b",
        "ngay sau khi theo ky truoc tai trong dai tuy phu cho",
    ),
    (
        "ongoing",
        r"thuong\s+xuyen\b|lien\s+tuc\b|lau\s+dai\b|khong\s+thoi\s+han\b|hang\s+ngay\b"
        r"|tiep\s+tuc\s+thuc\s+hien\b(?=\s*$)",
        "thuong lien lau khong hang tiep",
    ),
    ("dinhky", r"dinh\s+ky\b", "dinh"),
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
    by_word: dict[str, list[tuple[str, str]]] = {}
    for kind, pat, words in _TOKENS:
        for word in words.split():
            by_word.setdefault(word, []).append((kind, pat))
    return {word: _compile(entries) for word, entries in by_word.items()}


BY_WORD = _build()
_NUMBER = BY_WORD.pop("#")
# The same table as one alternation: the reference the dispatch must agree with (tests).
MASTER, _MARKERS = _compile([(k, p) for k, p, _ in _TOKENS])
_WORDS = re.compile(r"[a-z]+|[0-9]+")


@dataclass(slots=True)
class Tok:
    kind: str
    start: int
    end: int
    g: tuple[str | None, ...]


def group_text(s: str | None) -> str:
    """A regex group the token's pattern always fills (None would be a lexer bug)."""
    if s is None:
        raise ValueError("lexer token without its mandatory group")
    return s


def group_int(s: str | None) -> int:
    return int(group_text(s))


def tokenize(s: str) -> list[Tok]:
    """All tokens of a folded phrase, in order: each word tries the alternatives that can
    start with it; after a token, scanning resumes at its end."""
    out: list[Tok] = []
    pos = 0
    by_word = BY_WORD
    number = _NUMBER
    for w in _WORDS.finditer(s):
        i = w.start()
        if i < pos:
            continue
        word = w.group()
        table = number if word[0] <= "9" else by_word.get(word)
        if table is None:
            continue
        m = table[0].match(s, i)
        if m is None or m.lastindex is None:  # every alternative has its marker group
            continue
        kind, idx = table[1][m.lastindex]
        g = m.group(*idx) if len(idx) > 1 else (m.group(idx[0]),) if idx else ()
        out.append(Tok(kind, i, m.end(), g))
        pos = m.end()
    return out


def tokenize_reference(s: str) -> list[Tok]:
    """The same tokens from the single alternation (slower; used to check the dispatch)."""
    out: list[Tok] = []
    for m in MASTER.finditer(s):
        if m.lastindex is None:  # every alternative has its marker group
            continue
        kind, idx = _MARKERS[m.lastindex]
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

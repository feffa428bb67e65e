"""One normalisation pass for deadline phrases: fold, clean noise, mask non-deadline dates.

The folded text keeps one character per character of the NFC input (noise becomes a
space, never disappears), so positions found in it are positions in the NFC text: the
finder and the condition text rely on that. Only NFD input and zero-width characters
change the length; `fold_map` gives exact positions for those.
"""

from __future__ import annotations

import re
import unicodedata


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if base != ch and base.isascii():
            table[cp] = base
    for cp in range(0x300, 0x370):  # combining marks left by NFD text
        table[cp] = None
    table.update({ord("đ"): "d", ord("Đ"): "d", ord("ð"): "d", ord("Ð"): "d"})
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d":
        table[ord(ch)] = "-"
    for ch in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000\t\r\f\v":
        table[ord(ch)] = " "
    for ch in '*_`"“”„‟«»‹›[]{}|#~^':
        table[ord(ch)] = " "
    for ch in "‘’‚′":
        table[ord(ch)] = "'"
    table[ord("\uff0f")] = "/"
    # Roman numeral characters some documents use for quarters ("Quý Ⅱ/2023").
    for i, word in enumerate(("i", "ii", "iii", "iv", "v"), start=0):
        table[0x2160 + i] = word
        table[0x2170 + i] = word
    for cp in range(0xFF10, 0xFF1A):  # full-width digits
        table[cp] = chr(cp - 0xFF10 + ord("0"))
    for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
        table[ord(ch)] = None
    return table


FOLD_TABLE = _build_table()

# A word broken across lines ("thường xu-\\nyên"), or a year ("Quý II/20-\\n24"): "19" or
# "20" alone before the break and two digits after it that start no date ("ngày 20-\\n25/3"
# is a range of days, "2023-\\n2025" a range of years).
_HYPHEN_BREAK = re.compile(
    r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])"
    r"|(?<![\d\w])(?<![Nn][Gg][Àà][Yy] )(?<![Nn][Gg][Aa][Yy] )(19|20)-[ \t]*\r?\n[ \t]*(?=\d\d(?!\d|\s*[/.]\s*\d|\s*-\s*\d\d?(?!\d)))"
)


def _join(m: re.Match[str]) -> str:
    return m.group(1) or ""


def dehyphenate(text: str) -> str:
    """Join words and years a PDF broke across lines with a hyphen ("thường xu-\\nyên",
    "Quý II/20-\\n24")."""
    if "\n" not in text:
        return text
    return _HYPHEN_BREAK.sub(_join, text)


def fold(text: str) -> str:
    """Lower-case, accent-free, noise-free form; same length as NFC `text` in practice."""
    return text.translate(FOLD_TABLE)


def fold_map(text: str) -> tuple[str, list[int]]:
    """Fold `text` (any normalisation) and give, for each folded char, its index in `text`.

    The index list has one extra entry, len(text), so spans map with idx[end].
    """
    out: list[str] = []
    idx: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        # Compose a base letter with its combining marks so NFD folds like NFC.
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j])
        for ch in chunk:
            f = FOLD_TABLE.get(ord(ch), ch)
            if f is None:
                continue
            for c in f:  # a character may fold to several ("Ⅱ" → "ii")
                out.append(c)
                idx.append(i)
        i = j
    idx.append(n)
    return "".join(out), idx


# --------------------------------------------------------------------------- masking

_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_DATEISH = (
    r"(?:\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{2,4})?"
    r"|\d{1,2}\s+thang\s+\d{1,2}(?:\s*,?\s*nam\s+\d{4})?)"
)
_DOC_CODE = (
    r"(?:so\s*:?\s*(?:\d+[a-z]?|[.…]+)\s*(?:/\s*\d{4}\s*)?[-/]\s*[a-z.…]"
    r"|\d+[a-z]?(?:/\d{4})?[-/][a-z]{1,8}[-/])[a-z0-9\-/.]*"
)
_DOC_TYPES = (
    r"(?:nghi\s+quyet|ket\s+luan|chi\s+thi|quy\s+dinh|quyet\s+dinh|thong\s+bao|cong\s+van"
    r"|huong\s+dan|thong\s+tri|nghi\s+dinh|thong\s+tu|luat|hien\s+phap|chuong\s+trinh\s+hanh\s+dong"
    r"|ke\s+hoach\s+so|van\s+ban\s+so|to\s+trinh|bao\s+cao\s+so)"
)
_NOT_CUE = r"(?!truoc\b|cham\b|han\b|den\b|toi\b|tu\b|trong\b|hoan\b|xong\b|vao\b|ngay\b)"

_MASK_WORDS = (
    # Document references with their dates: "Kế hoạch số 78-KH/ĐUK, ngày 24/02/2022".
    rf"{_DOC_CODE}(?:\s*,?\s*(?:\(?\s*)?(?:ngay\s*)?{_DATEISH})?",
    # A date followed by the body that signed it is a document date.
    rf"ngay\s*{_DATEISH}\s*,?\s*(?:cua|do)\s+(?!nam\b|thang\b|quy\b)",
    # A document type, a few words, then its date.
    rf"{_DOC_TYPES}\b(?:\s+{_NOT_CUE}[^\s(),;]+){{0,8}}?\s*,?\s*ngay\s*{_DATEISH}",
    # The year in a law's name: "Luật Đất đai năm 2024", "Hiến pháp năm 2013".
    rf"(?:bo\s+)?(?:luat|hien\s+phap)(?:\s+{_NOT_CUE}[^\s();]+){{0,8}}?\s+nam\s+(?:19|20)\d\d\b",
    # "As of" dates.
    rf"(?:tinh|so\s+lieu)\s+(?:den|tu|toi)\s+(?:het\s+)?(?:ngay\s*{_DATEISH}|{_DATEISH}"
    r"|thang\s*\d{1,2}(?:\s*[/.\-]\s*\d{2,4})?|nam\s+\d{4}|quy\s*[ivx\d]+(?:\s*[/.\-]\s*\d{2,4})?)",
    rf"(?:den|tai)\s+thoi\s+diem\s+(?:ngay\s*)?{_DATEISH}",
    # Durations and delays.
    r"qua\s+han\s+(?:hon\s+|tren\s+|gan\s+)?\d+\s*(?:ngay|thang|nam|tuan)",
    r"khong\s+qua\s+\d+\s*(?:ngay|gio|thang|nam|tuan)(?:\s+lam\s+viec)?(?!\s*,?\s*(?:ke\s+tu|tinh\s+tu|sau))",
    r"\d+\s+nam\s+(?:thuc\s+hien|trien\s+khai|qua|gan\s+day|lien\s+tiep|tro\s+lai|hoat\s+dong|xay\s+dung)",
    # Orientations and visions are not deadlines (rule 16).
    r"(?:va\s+)?(?:dinh\s+huong|tam\s+nhin)(?:\s+phat\s+trien)?\s*(?:den|toi)?\s*(?:nam\s+)?(?:19|20)\d{2}",
    # Times of day: "trước 20h00 ngày ...", "16 giờ 30".
    # ("trong vòng 24 giờ" is a duration, not a time of day)
    r"(?<!trong\s)(?<!vong\s)(?<!sau\s)(?<!nhat\s)(?<!han\s)"
    r"\d{1,2}\s*(?:h|gio)\s*(?:\d{2}\b)?(?:\s*(?:phut|p)\b)?(?=\W|$)",
)
# Numbers repeated in words: "ngày 06 (sáu)".
_MASK_PAREN = r"\(\s*(?:(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|linh|le|tram|nghin|ngan|khong)\b\s*)+\)"
# Word-initial alternatives behind one boundary check (the engine skips positions fast).
_MASKS = re.compile(
    r"(?=[a-z0-9(])(?:\b(?:" + "|".join(f"(?:{p})" for p in _MASK_WORDS) + ")|" + _MASK_PAREN + ")"
)


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


_QUI = re.compile(r"\bqui\b")
# Cheap signs that a mask may apply; most phrases have none and skip the masks entirely.
_MASK_HINT = re.compile(
    r"so|cua|do |nghi|ket luan|chi thi|quy dinh|quyet|thong|cong van|luat|hien phap"
    r"|chuong trinh|to trinh|tinh|thoi diem|qua|huong|nhin|gio|\(|\d\s*(?:[-/]\s*[a-z.…]|h|\s+nam\s+[a-z])"
)


def mask_non_deadlines(s: str) -> str:
    """Blank out document references, "as of" dates, durations, visions and times of day;
    spell the old "quí" as "quý". Keeps the length."""
    if "qui" in s:
        s = _QUI.sub("quy", s)
    if _MASK_HINT.search(s):
        s = _MASKS.sub(_blank, s)
    return s


def normalise(text: str) -> str:
    """Folded, masked form of an NFC phrase: what the lexer reads."""
    return mask_non_deadlines(text.translate(FOLD_TABLE))

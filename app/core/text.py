"""Vietnamese text helpers: NFC normalisation and accent folding for search and matching."""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def nfc(text: str | None) -> str:
    """Return `text` in NFC; None becomes the empty string."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, non-breaking and zero-width spaces removed, runs of white space collapsed."""
    s = nfc(text).replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return _WS.sub(" ", s).strip()


def fold(text: str | None) -> str:
    """Lower-case, accent-free form used for search and matching ("Quý" -> "quy")."""
    if not text:
        return ""
    s = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return _WS.sub(" ", s.lower()).strip()


def collation_key(text: str | None, limit: int = 120) -> str:
    """A plain string whose binary order is Vietnamese dictionary order (for SQL ORDER BY).

    Letters by the Vietnamese alphabet, tones only breaking ties, digits before letters.
    """
    letters, tones = sort_key((text or "")[:limit])
    primary = "".join(_collation_char(i) for i in letters)
    return primary + "\x01" + "".join(chr(0x30 + t) for t in tones)


def _collation_char(index: int) -> str:
    if index < 100:
        return chr(0x41 + index)
    ch = chr(index - 100)
    if ch.isdigit():
        return chr(0x30 + int(ch)) if ch.isascii() else "9"
    if ch.isspace():
        return " "
    return chr(0x21) if not ch.isalnum() else chr(0x7E)


# Vietnamese alphabet order for sorting names: a ă â b c d đ e ê ... with tones after.
_BASE_ORDER = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONE_ORDER = {"": 0, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}


def sort_key(text: str | None) -> tuple:
    """Key that sorts Vietnamese text in dictionary order (base letters, then tones)."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in nfc(text).lower():
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        marks = decomposed[1:]
        tone = 0
        for m in marks:
            if m in _TONE_ORDER:
                tone = _TONE_ORDER[m]
            elif m == "\u0306":
                base = "ă"
            elif m == "\u0302":
                base = {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
            elif m == "\u031b":
                base = {"o": "ơ", "u": "ư"}.get(base, base)
        idx = _BASE_ORDER.find(base)
        letters.append(idx if idx >= 0 else 100 + ord(base))
        tones.append(tone)
    return (tuple(letters), tuple(tones))

"""Vietnamese text helpers: NFC normalisation and accent folding for search and matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


def _fold_slow(text: str) -> str:
    s = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return "".join(ch for ch in s if unicodedata.category(ch) != "Mn")


# Latin, combining marks, Vietnamese letters and punctuation fold through one translate
# table (fast); any other script takes the general path.
_FOLD_RANGES = ((0x80, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0x2000, 0x2070))
_FOLD_FAST = {cp: _fold_slow(chr(cp)) for lo, hi in _FOLD_RANGES for cp in range(lo, hi)}
_FOLD_OTHER = re.compile("[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u206f]")


def fold(text: str | None) -> str:
    """Lower-case, accent-free form used for search and matching ("Quý" -> "quy")."""
    if not text:
        return ""
    if not text.isascii():
        text = text.translate(_FOLD_FAST) if not _FOLD_OTHER.search(text) else _fold_slow(text)
    return _WS.sub(" ", text.lower()).strip()


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


def sort_key(text: str | None) -> tuple[tuple[int, ...], tuple[int, ...]]:
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


# --------------------------------------------------------------------------- legacy fonts
# Before Unicode, Vietnamese offices typed in 8-bit fonts: TCVN3 (".VnTime", one byte per
# letter) and VNI ("VNI-Times", a base letter followed by a mark byte). Excel keeps those
# bytes as Windows-1252 characters, so a cell reads "Céng hoµ" or "Coäng hoøa"; these
# helpers recognise such text and turn it back into Unicode.

_TCVN3_PAIRS = (
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ ¨ă ©â ªê «ô ¬ơ \u00adư ®đ "
    "µà ¶ả ·ã ¸á ¹ạ »ằ ¼ẳ ½ẵ ¾ắ Æặ Çầ Èẩ Éẫ Êấ Ëậ "
    "Ìè Îẻ Ïẽ Ðé Ñẹ Òề Óể Ôễ Õế Öệ ×ì Øỉ Üĩ Ýí Þị "
    "ßò áỏ âõ ãó äọ åồ æổ çỗ èố éộ êờ ëở ìỡ íớ îợ "
    "ïù ñủ òũ óú ôụ õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ"
)
_TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split()}
_TCVN3_TABLE = str.maketrans(_TCVN3)
_TCVN3_CHARS = frozenset(_TCVN3)

# VNI: mark byte -> combining marks (lower and upper case variants of the same byte).
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_TONES = {"ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRC = {"â": "", "à": _GRAVE, "á": _ACUTE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "è": _GRAVE, "é": _ACUTE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
# Single bytes that stand for a whole letter.
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
    "Ô": "Ơ",
    "Ö": "Ư",
    "Ñ": "Đ",
    "Æ": "Ỉ",
    "Ó": "Ĩ",
    "Ò": "Ị",
    "Î": "Ỵ",
}

# VNI mark bytes; a VNI text holds at least one of them.
_VNI_MARKS = frozenset("øùûõïâàáåãäêèéúüëôöñæóòîìí")
_VNI_ONLY = _VNI_MARKS | {c.upper() for c in _VNI_MARKS}
# Letters only Unicode Vietnamese has: their presence proves the text is not legacy.
_UNICODE_ONLY = re.compile("[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")
_EDGE = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’…–—0123456789"
_NUCLEI = " ".join(  # longest first, so the regex tries "uyê" before "u"
    (
        "iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu",
        "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê",
        "a ă â e ê i o ô ơ u ư y",
    )
).replace(" ", "|")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
    rf"(?:{_NUCLEI})(?:ch|ng|nh|[cmnpt])?"
)
_TONES = frozenset((_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT))


def _is_syllable(word: str) -> bool:
    """Is `word` a well-formed Vietnamese syllable (at most one tone mark)?"""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return _SYLLABLE.fullmatch(bare) is not None


def _decode_tcvn3(text: str) -> str:
    return text.translate(_TCVN3_TABLE)


def _decode_vni(text: str) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        low_next = nxt.lower()
        base = ch.lower()
        if base in "aeouy" and nxt:
            marks = None
            if low_next in _VNI_TONES:
                marks = _VNI_TONES[low_next]
            elif base in "aeo" and low_next in _VNI_CIRC:
                marks = _CIRC + _VNI_CIRC[low_next]
            elif base == "a" and low_next in _VNI_BREVE:
                marks = _BREVE + _VNI_BREVE[low_next]
            if marks is not None:
                out.append(unicodedata.normalize("NFC", ch + marks))
                i += 2
                continue
        if ch in "ôöÔÖ" and low_next in _VNI_TONES:
            letter = _VNI_SINGLE[ch]
            out.append(unicodedata.normalize("NFC", letter + _VNI_TONES[low_next]))
            i += 2
            continue
        out.append(_VNI_SINGLE.get(ch, ch))
        i += 1
    return "".join(out)


def _uppercase_if_caps(original: str, decoded: str) -> str:
    """.VnTimeH shows lower-case codes as capitals: an all-caps text stays all caps."""
    ascii_letters = [c for c in original if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 3 and all(c.isupper() for c in ascii_letters):
        return decoded.upper()
    return decoded


def _valid_words(words: list[str]) -> int:
    return sum(1 for w in words if _is_syllable(w.strip(_EDGE)))


def detect_legacy(text: str | None) -> str | None:
    """ "tcvn3" or "vni" when `text` is clearly typed in a legacy font, else None.

    A decoding is accepted when the words holding its tell-tale bytes become well-formed
    Vietnamese syllables and the text as a whole gains valid words; the better wins.
    """
    if not text or text.isascii() or _UNICODE_ONLY.search(text):
        return None
    chars = set(text)
    words = text.split()
    best: tuple[int, int, str] | None = None
    for name, marker, decode in (
        ("tcvn3", _TCVN3_CHARS, _decode_tcvn3),
        ("vni", _VNI_ONLY, _decode_vni),
    ):
        if chars.isdisjoint(marker):
            continue
        decoded = decode(text).split()
        if len(decoded) != len(words):
            continue
        changed = [(b, a) for b, a in zip(words, decoded) if b != a]
        # Words that were not Vietnamese before decoding tell the encoding.
        telling = [a for b, a in changed if not _is_syllable(b.strip(_EDGE))]
        ok_telling = _valid_words(telling)
        ok_before = _valid_words([b for b, _ in changed])
        ok_after = _valid_words([a for _, a in changed])
        if not telling or ok_telling / len(telling) < 0.6 or ok_after <= ok_before:
            continue
        score = (ok_after, ok_telling, name)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else None


def decode_legacy(text: str | None, encoding: str | None = None) -> str:
    """Decode TCVN3 or VNI text (detected when `encoding` is None) into NFC Unicode."""
    if not text:
        return ""
    encoding = encoding or detect_legacy(text)
    if encoding == "tcvn3":
        decoded = _decode_tcvn3(text)
    elif encoding == "vni":
        decoded = _decode_vni(text)
    elif encoding is None:
        return nfc(text)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return unicodedata.normalize("NFC", _uppercase_if_caps(text, decoded))


def to_unicode(text: str | None) -> str:
    """NFC text, converted from TCVN3/VNI only when it is clearly legacy."""
    if not text:
        return ""
    if text.isascii():
        return text
    return _to_unicode(text)


@lru_cache(maxsize=16384)
def _to_unicode(text: str) -> str:
    # Cell values repeat (unit names, statuses, products): decide once per text.
    return decode_legacy(text) if detect_legacy(text) else nfc(text)

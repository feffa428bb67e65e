"""Department (unit) names: splitting cells, abbreviations, aliases and fuzzy matching."""

from __future__ import annotations

import re
from functools import lru_cache

from app.core.text import clean, fold, nfc

# Abbreviations in folded form -> folded expansion. Applied word-wise to build match keys.
_ABBREVIATIONS: dict[str, str] = {
    "duk": "dang uy khoi",
    "btv": "ban thuong vu",
    "bch": "ban chap hanh",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "ubkt": "uy ban kiem tra",
    "tu": "tinh uy",
    "vp": "van phong",
    "btc": "ban to chuc",
    "btg": "ban tuyen giao",
    "bdv": "ban dan van",
    "bnc": "ban noi chinh",
    "cq": "co quan",
    "tw": "trung uong",
    "tn": "thanh nien",
    "dtn": "doan thanh nien",
    "cd": "cong doan",
    "ccb": "cuu chien binh",
    "lhpn": "lien hiep phu nu",
    "tp": "thanh pho",
}
_KEY_WS = re.compile(r"[^0-9a-z]+")

# Words that separate several units in one cell. "và" only between units, never inside
# names like "Sở Văn hóa, Thể thao và Du lịch": handled by `split_units` heuristics.
_SPLIT = re.compile(r"\s*(?:\n|;|\r)\s*")
_COMMA = re.compile(r"\s*,\s*")
_AND = re.compile(r"\s+(?:và|với)\s+", re.IGNORECASE)
# A list label before a name in a cell listing units: "1. Sở Nội vụ", "b) Sở Tài chính".
_LIST_LABEL = re.compile(r"^(?:[-–+•*]\s*|(?:\d{1,2}|[a-zđ])[.)]\s+)")
# "Các sở: Nội vụ, Tài chính": one head word shared by a list of names -> "Sở Nội vụ",
# "Sở Tài chính". Only "các" (plural) + head + colon: "Các sở, ban, ngành" and "Các ban
# Đảng" stay one group.
_SHARED_HEAD = re.compile(
    r"^các\s+(sở|ban|phòng|bộ|cục|chi cục|trung tâm|hội|trường|đoàn|viện)\s*:\s*(\S.*)$",
    re.IGNORECASE,
)
# Names with a comma of their own, kept whole when a shared head is spread over a list.
_COMMA_NAMES = ("van hoa, the thao va du lich", "van hoa, the thao, du lich")


def _spread_head(chunk: str) -> list[str] | None:
    m = _SHARED_HEAD.match(chunk)
    if not m or not m[2][:1].isupper():
        return None
    head = m[1][:1].upper() + m[1][1:].lower()
    names: list[str] = []
    for piece in _COMMA.split(m[2]):
        piece = piece.strip(" .")
        if not piece:
            continue
        if names and any(fold(f"{names[-1]}, {piece}") in n for n in _COMMA_NAMES):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return [f"{head} {n}" for n in names]


# Words that start the name of a unit in both senses below (each one or more words).
_HEADS = (
    "ban",
    "so",
    "uy ban",
    "ubnd",
    "hdnd",
    "mttq",
    "ubmttq",
    "dang uy",
    "dang doan",
    "ban can su",
    "van phong",
    "phong",
    "cuc",
    "vien",
    "truong",
    "cong an",
    "bo chi huy",
    "toa an",
    "vien kiem sat",
    "bao",
    "dai",
    "thanh uy",
    "huyen uy",
    "tinh uy",
    "chi bo",
    "dang bo",
    "trung tam",
    "ubkt",
    "btv",
    "bch",
    "btc",
    "btg",
    "bdv",
    "lien hiep",
    "kho bac",
    "ngan hang",
    "tinh doan",
    "hoi dong",
    "quan uy",
    "bo",
    "chi cuc",
    "cong ty",
    "thuong truc",
    "lanh dao",
    "dang uy vien",
    "chinh quyen",
    "mat tran",
    "ubkt",
    "cap uy",
    "tram",
    "hat",
    "doi",
    "benh vien",
    "don",
    "quy",
    "chi nhanh",
    "dien luc",
    "buu dien",
    "vien thong",
    "bao tang",
    "thu vien",
    "hoc vien",
)

# Words that usually start a unit name; a comma- or "và"-part that does not start with one
# is a continuation of the previous name ("Sở Văn hóa, Thể thao và Du lịch").
_UNIT_HEADS = _HEADS + (
    "hoi",
    "doan",
    "cac",
    "lien doan",
    "thanh tra",
    "to",
    "co quan",
    "cq",
    "to chuc",
)


def unit_key(name: str | None) -> str:
    """Folded, abbreviation-expanded key: "Ban Tổ chức ĐUK" == "ban to chuc dang uy khoi"."""
    words = _KEY_WS.sub(" ", fold(name)).split()
    out: list[str] = []
    for w in words:
        out.append(_ABBREVIATIONS.get(w, w))
    return " ".join(out)


def _starts_like_unit(part: str) -> bool:
    f = fold(part)
    return any(f == h or f.startswith(h + " ") for h in _UNIT_HEADS)


def is_unit_group(name: str | None) -> bool:
    """A general addressee ("các cấp ủy, tổ chức đảng") rather than one unit."""
    f = fold(name)
    return f.startswith("cac ") or f.startswith("cap uy") or f.startswith("to chuc dang")


def _continues_group(previous: str, piece: str) -> bool:
    """ "Các sở, ban, ngành": lower-case words after "các …" still name the same group."""
    if not piece[:1].islower():
        return False
    if fold(piece).startswith(("cac ", "nhung ", "moi ")):
        return False  # "Sở Nội vụ, các sở liên quan": a group of its own
    prev = f" {fold(previous)} "
    # "Cấp ủy các chi, đảng bộ cơ sở", "Cấp ủy, chính quyền các cấp": one group of units
    group = prev.startswith((" cac ", " moi ", " cap uy", " to chuc dang")) or " cac " in prev
    return group or len(piece.split()) <= 2


# "Ban Xây dựng tổ chức cơ sở đảng, Đảng ủy Khối": the body the department belongs to,
# after a comma, is part of its name
_PARENT_BODIES = frozenset(
    {"dang uy khoi", "dang uy", "tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy"}
)
_SUB_UNITS = ("ban ", "van phong ", "uy ban kiem tra ", "phong ", "trung tam ")


def _is_parent_of(previous: str, piece: str) -> bool:
    prev = fold(previous)
    own_body = any(f" {b}" in f" {prev}" for b in _PARENT_BODIES)
    return fold(piece) in _PARENT_BODIES and prev.startswith(_SUB_UNITS) and not own_body


def _unwrap_lines(text: str) -> str:
    """Lines of a cell that wrap one name ("Cấp ủy các chi," / "đảng bộ cơ sở") join up;
    lines that each name a unit (one unit a line) stay apart."""
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln:
            continue
        prev = out[-1] if out else ""
        goes_on = prev.endswith((",", "-", "–")) or fold(prev).endswith((" va", " cac", " cua"))
        lower = ln[:1].islower() and not fold(ln).startswith(("cac ", "nhung ", "moi "))
        if prev and (goes_on or lower) and not _LIST_LABEL.match(ln):
            out[-1] = f"{prev} {ln}"
        else:
            out.append(ln)
    return "\n".join(out)


def split_units(cell: str | None) -> list[str]:
    """Split a table cell naming several units (new lines, ';', ',', 'và') into names."""
    text = (cell or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _unwrap_lines(text) if "\n" in text else clean(text)
    parts: list[str] = []
    for chunk in _SPLIT.split(text):
        chunk = clean(chunk).strip(" .-–+•")
        if not chunk:
            continue
        spread = _spread_head(chunk)
        if spread:
            parts.extend(spread)
            continue
        merged: list[str] = []
        for piece in _COMMA.split(chunk):
            piece = _LIST_LABEL.sub("", piece.strip(" .")).strip(" .")
            if not piece:
                continue
            if merged and (
                not _starts_like_unit(piece)
                or _continues_group(merged[-1], piece)
                or _is_parent_of(merged[-1], piece)
            ):
                merged[-1] = f"{merged[-1]}, {piece}"
            else:
                merged.append(piece)
        for piece in merged:
            sub = _AND.split(piece)
            # "Văn phòng HĐND và UBND xã" is the office of both bodies, one unit
            joint_office = fold(piece).startswith(("van phong", "vp "))
            if len(sub) > 1 and not joint_office and all(_starts_like_unit(s) for s in sub):
                parts.extend(s.strip() for s in sub)
            else:
                parts.append(piece)
    seen: dict[str, None] = {}
    for p in parts:
        p = _LIST_LABEL.sub("", p).strip()
        if p:
            seen.setdefault(p, None)
    return list(seen)


# ---------------------------------------------------------------------- recognising names

# Folded words that start the name of one unit (a body, an office, a department).
_NAME_HEADS = _HEADS + (
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "bo doi bien phong",
    "thi uy",
    "hoi nong dan",
    "hoi lien hiep",
    "hoi cuu chien binh",
    "hoi phu nu",
    "hoi chu thap do",
    "hoi nha bao",
    "hoi luat gia",
    "lien doan lao dong",
    "thanh doan",
    "huyen doan",
    "doan thanh nien",
    "doan khoi",
    "doan the",
    "thuong vu",
    "thanh tra tinh",
    "thanh tra huyen",
    "thanh tra so",
    "thanh tra chinh phu",
    "tong cong ty",
    "bao hiem xa hoi",
    "to cong tac",
    "to giup viec",
    "ban chi dao",
    "vp",
    "to chuc dang",
    "to chuc co so dang",
    "nguoi dung dau",
    "bi thu",
    "chu tich",
    "giam doc",
    "thu truong",
    "cac dong chi",
    "dong chi",
    "hieu truong",
    "truong phong",
    "truong ban",
    "bo phan",
    "nha thieu nhi",
    "cang vu",
)
# Words after "Các"/"các" that make a general addressee (a unit group).
_GROUP_HEADS = (
    "so",
    "ban",
    "nganh",
    "co quan",
    "don vi",
    "dia phuong",
    "cap uy",
    "cap",
    "to chuc",
    "dang uy",
    "dang doan",
    "dang bo",
    "ban can su",
    "huyen uy",
    "thanh uy",
    "thi uy",
    "chi bo",
    "doan the",
    "hoi",
    "dong chi",
    "tinh uy",
    "uy ban",
    "ubnd",
    "phong",
    "truong",
    "doanh nghiep",
    "huyen",
    "xa",
    "phuong",
    "thi tran",
    "tinh",
    "thanh vien",
    "lanh dao",
    "chu tich",
    "co so",
    "tap the",
    "bo",
    "cuc",
    "tong cong ty",
    "trung tam",
    "vien",
    "dai",
    "bao",
    "uy vien",
    "thu truong",
    "giam doc",
    "tang",
    "chi",
)
# Folded openings that look like a unit head but are verbs or common nouns.
_NOT_UNITS = (
    "ban hanh",
    "bao dam",
    "bao ve",
    "bao cao",
    "bao gom",
    "bo sung",
    "bo tri",
    "bo nhiem",
    "phong chong",
    "phong ngua",
    "phong, chong",
    "hoi nghi",
    "hoi thao",
    "hoi dam",
    "dai hoi",
    "dai dien",
    "truong hop",
    "vien chuc",
    "so ket",
    "so luong",
    "cuc bo",
    "thuong xuyen",
    "chinh quyen so",
    "lanh dao, chi dao",
    "lanh dao chi dao",
    "lanh dao, quan ly",
    "to chuc thuc hien",
    "to chuc trien khai",
    "to chuc quan triet",
    "to chuc hoi",
    "to chuc cac",
    "to chuc tot",
    "to chuc kiem",
    "to chuc tuyen",
    "to chuc so",
    "to chuc tong",
    "to chuc lay",
    "to chuc danh",
    "cap uy cap tren",
    "bo may",
    "phong trao",
    "bao chi",
    "thuong vu cap",
    "chi phi",
    "truong thanh",
    "chi tieu",
    "chi dao",
    "chi so",
    "doi moi",
    "doi voi",
    "doi ngu",
    "doi tuong",
    "doi thoai",
    "don vi",
    "quy che",
    "quy dinh",
    "quy hoach",
    "quy trinh",
    "quy mo",
    "hat nhan",
    "tram tro",
)


_HEAD_SETS: dict[int, frozenset[str]] = {}


def _startswith_word(folded: str, heads: tuple[str, ...]) -> bool:
    """Do the first words of `folded` equal one of `heads` (each one or more words)?"""
    table = _HEAD_SETS.get(id(heads))
    if table is None:
        table = frozenset(" ".join(h.replace(",", " ").split()) for h in heads)
        _HEAD_SETS[id(heads)] = table
    words = folded.replace(",", " ").split(None, 5)
    return any(" ".join(words[:n]) in table for n in range(1, min(len(words), 5) + 1))


# With accents written, the first word must be the unit word, not a look-alike once
# accents are folded ("Số hóa" is not "Sở", "đại hội" is not "Đài", "viên chức" not "Viện").
_ACCENTED = {
    "so": ("sở",),
    "bo": ("bộ",),
    "hoi": ("hội",),
    "vien": ("viện",),
    "phong": ("phòng",),
    "dai": ("đài",),
    "bao": ("báo", "bảo"),
    "truong": ("trường", "trưởng"),
    "cuc": ("cục",),
    "doan": ("đoàn",),
    "to": ("tổ",),
    "ban": ("ban",),
    "nganh": ("ngành",),
    "cap": ("cấp",),
    "tram": ("trạm",),
    "hat": ("hạt",),
    "doi": ("đội",),
    "don": ("đồn",),
    "quy": ("quỹ",),
}


def _accents_agree(word: str) -> bool:
    w = nfc(word).lower().strip(",.:;")
    if w.isascii():
        return True  # text typed without accents: nothing to compare
    forms = _ACCENTED.get(fold(w))
    return forms is None or w in forms


def looks_like_unit(text: str | None) -> bool:
    """Does `text` start like the name of a unit or a unit group ("Sở Nội vụ", "Các sở, ngành")?

    Looks at the opening words only: a heading "1. Ban Tổ chức Tỉnh ủy" or the subject of a
    sentence ("Ban Tổ chức Tỉnh ủy chủ trì, …") both pass; "Ban hành Quy chế" does not.
    """
    return _looks_like_unit((text or "")[:120])


@lru_cache(maxsize=4096)
def _looks_like_unit(text: str) -> bool:
    head = (text or "")[:120]  # the opening words decide; long sentences stay cheap
    words = nfc(head).split()
    f = _KEY_WS.sub(" ", fold(head)).strip()
    prefix = re.match(r"^(?:de nghi|giao cho|giao|yeu cau)\s+", f)
    if prefix:
        f = f[prefix.end() :]
        words = words[len(prefix.group().split()) :]
    if not f or _startswith_word(f, _NOT_UNITS):
        return False
    if f.startswith(("cac ", "moi ", "nhung ")):
        rest = f.split(" ", 1)[1]
        if len(words) > 1 and not _accents_agree(words[1]):
            return False
        return _startswith_word(rest, _GROUP_HEADS) and not _startswith_word(rest, _NOT_UNITS)
    if words and not _accents_agree(words[0]):
        return False
    return _startswith_word(f, _NAME_HEADS) or _is_place(words)


# An administrative area by its name ("Thành phố Thủ Dầu Một", "Tỉnh Quảng Ninh", "Thủ đô
# Hà Nội") is addressed as a unit ("Đối với Thành phố Thủ Dầu Một:"); "thành phố thông
# minh" is not: the name after the place word is capitalised.
_PLACE_WORDS = (
    "thanh pho",
    "thu do",
    "tinh",
    "huyen",
    "quan",
    "thi xa",
    "thi tran",
    "xa",
    "phuong",
)


def _is_place(words: list[str]) -> bool:
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    for place in _PLACE_WORDS:
        n = len(place.split())
        if len(words) > n and fold(" ".join(words[:n])) == place:
            return words[n][:1].isupper()
    return False


# Words a general mention of units is made of: "các cơ quan liên quan", "các Ban", "các
# sở, ban, ngành", "các cơ quan chức năng". With nothing else it names no unit of its own.
_GENERIC = frozenset(
    {
        *("co", "quan", "don", "vi", "to", "chuc", "ban", "nganh", "so", "dia", "phuong"),
        *("doan", "the", "phong", "bo", "phan", "lien", "chuc", "nang", "chuyen", "trach"),
        *("mon", "khac", "truc", "thuoc", "cung", "cap", "va", "cac", "nhung", "moi"),
    }
)


def is_generic_mention(name: str | None) -> bool:
    """ "các cơ quan liên quan", "các Ban", "những đơn vị có liên quan": a sentence's general
    mention of units, not a unit to add to the list ("các Ban của Đảng ủy Khối" is one)."""
    f = _KEY_WS.sub(" ", fold(name)).split()
    return len(f) >= 2 and f[0] in ("cac", "nhung", "moi") and all(w in _GENERIC for w in f)

"""Department (unit) names: splitting cells, abbreviations, aliases and fuzzy matching."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from app.core.text import clean, fold

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

# Words that usually start a unit name; a comma- or "và"-part that does not start with one
# is a continuation of the previous name ("Sở Văn hóa, Thể thao và Du lịch").
_UNIT_HEADS = (
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
    "hoi",
    "doan",
    "cong an",
    "bo chi huy",
    "toa an",
    "vien kiem sat",
    "bao",
    "dai",
    "thanh uy",
    "huyen uy",
    "tinh uy",
    "cac",
    "chi bo",
    "dang bo",
    "trung tam",
    "ubkt",
    "btv",
    "bch",
    "btc",
    "btg",
    "bdv",
    "lien doan",
    "lien hiep",
    "kho bac",
    "ngan hang",
    "thanh tra",
    "tinh doan",
    "hoi dong",
    "quan uy",
    "bo",
    "to",
    "chi cuc",
    "cong ty",
    "thuong truc",
    "lanh dao",
    "dang uy vien",
    "co quan",
    "cq",
    "chinh quyen",
    "mat tran",
    "ubkt",
    "cap uy",
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


def split_units(cell: str | None) -> list[str]:
    """Split a table cell naming several units (new lines, ';', ',', 'và') into names."""
    text = clean((cell or "").replace("\r", "\n")) if cell and "\n" not in cell else (cell or "")
    parts: list[str] = []
    for chunk in _SPLIT.split(text):
        chunk = clean(chunk).strip(" .-–+•")
        if not chunk:
            continue
        merged: list[str] = []
        for piece in _COMMA.split(chunk):
            piece = piece.strip(" .")
            if not piece:
                continue
            if merged and not _starts_like_unit(piece):
                merged[-1] = f"{merged[-1]}, {piece}"
            else:
                merged.append(piece)
        for piece in merged:
            sub = _AND.split(piece)
            if len(sub) > 1 and all(_starts_like_unit(s) for s in sub):
                parts.extend(s.strip() for s in sub)
            else:
                parts.append(piece)
    seen: dict[str, None] = {}
    for p in parts:
        p = re.sub(r"^[-–+•*]\s*", "", p).strip()
        if p:
            seen.setdefault(p, None)
    return list(seen)


@dataclass(frozen=True, slots=True)
class UnitMatch:
    key: object  # whatever identifies the candidate (a department id)
    name: str  # the candidate name that matched
    score: float  # 1.0 exact key match


def match_unit(
    name: str, candidates: Mapping[str, object] | Iterable[tuple[str, object]], cutoff: float = 0.88
) -> UnitMatch | None:
    """Best candidate for `name` among (name or alias -> id); None when nothing is close."""
    items = candidates.items() if isinstance(candidates, Mapping) else candidates
    target = unit_key(name)
    if not target:
        return None
    best: UnitMatch | None = None
    for cand_name, ident in items:
        k = unit_key(cand_name)
        if k == target:
            return UnitMatch(ident, cand_name, 1.0)
        score = SequenceMatcher(None, target, k, autojunk=False).ratio()
        if score >= cutoff and (best is None or score > best.score):
            best = UnitMatch(ident, cand_name, score)
    return best

"""The institutional changes of 2025, dated (resources/institutions/2025.json), no Qt here.

Provinces 63 → 34 from 01/07/2025, the end of the district level the same day, merged
ministries and Sở from 01/03/2025 and merged Party committee bodies in early 2025. A plan
signed after a unit was abolished that still names it is most likely an old template
copied forward: the import preview says so. A database set up for a province is offered
the old names as aliases of the current units, valid until the day before the change,
so old plans still match and old tasks can show the name of their time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from app.core.units import unit_key
from app.resources import resource_path

# Words that may follow a body's name: its level and place ("Sở Tài chính tỉnh Ninh
# Thuận", "Ban Dân vận Tỉnh ủy"); anything else ("Ban Tuyên giáo và Dân vận") is
# another body.
_PLACE_WORDS = ("tinh", "thanh", "huyen", "quan", "thi xa", "trung uong", "dang uy")


@dataclass(frozen=True, slots=True)
class InstitutionChange:
    """One dated change: `old` names stopped on `day - 1`; `new` names from `day`."""

    kind: str  # province | district_level | department | ministry | party_body
    old: tuple[str, ...]
    new: tuple[str, ...]  # empty: abolished without one successor (the district level)
    day: date
    source: str  # the citation, as the JSON gives it
    note: str = ""
    split: bool = False  # the old bodies' work went to several successors
    patterns: tuple[str, ...] = ()  # district level: name beginnings, not whole names

    @property
    def last_day(self) -> date:
        return self.day - timedelta(days=1)

    def successor_text(self) -> str:
        if not self.new:
            return "chính quyền địa phương hai cấp, không còn cấp huyện"
        return " / ".join(self.new)


@dataclass(frozen=True, slots=True)
class Abolished:
    """A unit name that no longer existed on some date, and what replaced it."""

    name: str
    change: InstitutionChange

    def message(self) -> str:
        return (
            f"«{self.name}» không còn từ ngày {self.change.day:%d/%m/%Y} "
            f"(nay: {self.change.successor_text()})"
        )


def load(path: Path) -> tuple[list[InstitutionChange], dict[str, str]]:
    """The changes and the sources (key -> citation) of one JSON file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sources = {
        k: v["title"] + (f" ({v['url']})" if v.get("url") else "")
        for k, v in data["sources"].items()
    }
    out = []
    for c in data["changes"]:
        new = c.get("to")
        new_names = tuple(new) if isinstance(new, list) else ((new,) if new else ())
        out.append(
            InstitutionChange(
                kind=c["kind"],
                old=tuple(c.get("from", ())),
                new=new_names,
                day=date.fromisoformat(c["date"]),
                source=sources[c["source"]],
                note=c.get("note", ""),
                split=bool(c.get("split")),
                patterns=tuple(c.get("patterns", ())),
            )
        )
    return out, sources


@cache
def changes_2025() -> tuple[InstitutionChange, ...]:
    return tuple(load(resource_path("institutions", "2025.json"))[0])


def _matches_body(name_key: str, body: str) -> bool:
    return _matches_key(name_key, unit_key(body))


@cache
def _indexed() -> tuple[tuple[InstitutionChange, tuple[str, ...], tuple[str, ...]], ...]:
    """Each non-province change with its old bodies' keys (names living on left out) and
    its name-beginning patterns' keys: computed once, looked up per unit name."""
    out = []
    for ch in changes_2025():
        if ch.kind == "province":
            continue  # a province's name is part of many units' names; see province_change
        olds = tuple(unit_key(o) for o in ch.old if o not in ch.new)
        out.append((ch, olds, tuple(unit_key(p) for p in ch.patterns)))
    return tuple(out)


def _matches_key(name_key: str, body_key: str) -> bool:
    if name_key == body_key:
        return True
    if not name_key.startswith(body_key + " "):
        return False
    rest = name_key[len(body_key) + 1 :] + " "
    return rest.startswith(tuple(w + " " for w in _PLACE_WORDS))


@cache
def abolished_change(name: str) -> InstitutionChange | None:
    """The change that ended the body `name` (None: it was not ended in 2025). A body
    whose name lives on (Sở Tài chính absorbed Sở Kế hoạch và Đầu tư) was not ended."""
    key = unit_key(name)
    if not key:
        return None
    for ch, olds, patterns in _indexed():
        if patterns:
            if any(key.startswith(p + " ") for p in patterns):
                return ch
        elif any(_matches_key(key, old) for old in olds):
            return ch
    return None


def abolished_on(name: str, day: date) -> Abolished | None:
    """`name` if it had already been abolished on `day` (a plan's signing date)."""
    ch = abolished_change(name)
    if ch is not None and day >= ch.day:
        return Abolished(name, ch)
    return None


def province_change(province: str) -> InstitutionChange | None:
    """The merger a province took part in (as a merged-away or a continuing name)."""
    key = unit_key(province.removeprefix("tỉnh ").removeprefix("Tỉnh "))
    for ch in changes_2025():
        if ch.kind != "province":
            continue
        for old in ch.old:
            if unit_key(
                old.removeprefix("thành phố ").removeprefix("Thành phố ")
            ) == key.removeprefix("thanh pho "):
                return ch
    return None


def alias_offers(current_names: list[str]) -> list[tuple[str, str, date]]:
    """(current unit name, old name, valid until) for each current unit that a 2025
    change made out of bodies with other names: what first-run offers as aliases."""
    offers = []
    for name in current_names:
        key = unit_key(name)
        for ch in changes_2025():
            if ch.kind == "province" or ch.split or not ch.new:
                continue
            new = ch.new[0]
            if not _matches_body(key, new):
                continue
            suffix = name[len(new) :] if unit_key(name[: len(new)]) == unit_key(new) else ""
            for old in ch.old:
                if old != new:
                    offers.append((name, old + suffix, ch.last_day))
    return offers


def continued_through_merger(name: str) -> bool:
    """Whether `name` is a body that kept its name while absorbing others in 2025 (its
    old tasks may have been its own or the absorbed body's)."""
    key = unit_key(name)
    return any(
        any(old in ch.new and _matches_body(key, old) for old in ch.old)
        for ch in changes_2025()
        if ch.kind != "province"
    )

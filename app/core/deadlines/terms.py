"""Congress terms ("nhiệm kỳ"): which term a plan's "cuối nhiệm kỳ" or "năm thứ 3 của
nhiệm kỳ" refers to, from the plan's own date and who issued it.

Local Party committees (tỉnh, huyện, xã, đảng ủy khối…) hold their congresses in the
second half of 2020, 2025, 2030…; the national Party congress and the elected state
bodies (Quốc hội, HĐND) start theirs in 2021, 2026, 2031… A plan belongs to the term that
holds its date; a plan dated in a congress year before the congress belongs to the term
that is ending (a local plan of March 2025 still says "cuối nhiệm kỳ" for 2025).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from app.core.text import fold

TERM_YEARS = 5


class TermLevel(StrEnum):
    LOCAL_PARTY = "local_party"  # 2020–2025, 2025–2030: congresses in the autumn
    NATIONAL = "national"  # 2021–2026, 2026–2031: congress and elections early in the year


# (first year of one term, the month from which a plan of that year is in the new term)
_ANCHOR = {TermLevel.LOCAL_PARTY: (2020, 10), TermLevel.NATIONAL: (2021, 2)}

# Issuers whose terms follow the national calendar: the central Party bodies and the
# state (Government, ministries, National Assembly, People's Councils and Committees).
_NATIONAL_WORDS = (
    "ban chap hanh trung uong",
    "bo chinh tri",
    "ban bi thu",
    "trung uong dang",
    "chinh phu",
    "thu tuong",
    "quoc hoi",
    "hoi dong nhan dan",
    "uy ban nhan dan",
    "ubnd",
    "hdnd",
)
# A ministry or a department of a province ("Bộ Tài chính", "Sở Nội vụ"), never "Đảng bộ".
_NATIONAL_HEADS = ("bo ", "so ")


def level_of(issuer: str) -> TermLevel:
    """The term calendar an issuer follows: local Party committees, or national/state."""
    folded = " ".join(fold(issuer).split())
    if folded.startswith(_NATIONAL_HEADS) or any(w in folded for w in _NATIONAL_WORDS):
        return TermLevel.NATIONAL
    return TermLevel.LOCAL_PARTY


def term_for(on: date, level: TermLevel = TermLevel.LOCAL_PARTY) -> tuple[int, int]:
    """The (first, last) years of the term that holds `on`."""
    first, new_from_month = _ANCHOR[level]
    year = on.year if on.month >= new_from_month else on.year - 1
    start = first + ((year - first) // TERM_YEARS) * TERM_YEARS
    return start, start + TERM_YEARS

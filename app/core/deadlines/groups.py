"""Groups with their lead-in words ("từ", "đến", "trước") and what a dated group means.

`_dated` turns the main group into kind, start, due and occurrences: a list gives every
member's due date (due = the first), "trước <a period>" ends the day before the period,
"đến <a period>" runs from the reference date, "từ nay đến …" too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from app.core.deadlines.parts import RANGE_GRANS, Group, resolve_item
from app.core.deadlines.types import DeadlineKind

K = DeadlineKind
_PREFIX = re.compile(
    r"(?:\b(?P<from>tu|bat\s+dau\s+tu|bat\s+dau|ke\s+tu)"
    r"(?:\s+(?P<now>nay|bay\s+gio|hien\s+nay|thoi\s+diem\s+nay|ngay\s+ky|ngay\s+ban\s+hanh))?"
    r"(?:\s+(?P<to2>den|toi|cho\s+den))?"
    r"|\b(?P<to>den|toi|cho\s+den)|\b(?P<before>truoc))"
    r"(?P<tail>(?:\s+(?:het|ngay|trong|vao|khoang|dau|giua|cuoi|hoan\s+thanh|la))*)[\s,:]*$"
)
COMPLETION = re.compile(r"\b(?:hoan\s+thanh|xong|ket\s+thuc)\b")
_PREFIX_HINT = re.compile(r"\b(?:tu|den|toi|truoc|bat\s+dau)\b")


class LedGroup:
    """A group with its prefix words ("từ", "đến", "trước")."""

    __slots__ = ("before", "from_", "g", "now", "to")

    def __init__(self, g: Group, s: str) -> None:
        self.g = g
        self.from_ = self.to = self.before = self.now = False
        pos = g.start_pos
        window = s[max(0, pos - 48) : pos]
        m = _PREFIX.search(window) if window and _PREFIX_HINT.search(window) else None
        if m:
            if m.group("from"):
                self.from_ = True
                self.now = bool(m.group("now"))
                self.to = bool(m.group("to2"))
            elif m.group("to"):
                self.to = True
            elif m.group("before") and "het" not in m.group("tail"):
                self.before = True

    @property
    def from_only(self) -> bool:
        p = self.g.parts[0]
        return self.from_ and not self.to and len(self.g.parts) == 1 and p.gran not in RANGE_GRANS

    def first_start(self, ref: date) -> date:
        return resolve_item(self.g.items()[0], ref)[1]


def dated(
    gi: LedGroup, ref: date
) -> tuple[DeadlineKind, date | None, date | None, tuple[date, ...]]:
    """Kind, start, due and occurrences of a dated group."""
    raw_items = gi.g.items()
    items = [resolve_item(it, ref) for it in raw_items]
    kind, start, due = items[0]
    if len(items) > 1:
        # Year-less list members follow each other: "tháng 10 và tháng 2" → Feb of next year.
        for i in range(1, len(items)):
            item = raw_items[i]
            if items[i][2] < items[i - 1][2] and not any(p.explicit_year for p in item):
                later = [replace(p, y=items[i][2].year + 1, yrel=None) for p in item]
                items[i] = resolve_item(later, ref)
        occ = tuple(e for _, _, e in items)
        k = K(kind)
        return k, (None if k == K.DATE else start), due, occ
    if gi.from_ and (gi.now or gi.to):
        return K.PERIOD, (ref if ref <= due else start), due, ()
    if gi.before:
        if kind == "date":
            return K.DATE, None, due, ()
        return K.DATE, None, start - timedelta(days=1), ()
    if gi.to and not gi.from_:
        if kind == "date":
            return K.DATE, None, due, ()
        return K.PERIOD, (ref if ref <= due else start), due, ()
    k = K(kind)
    return k, (None if k == K.DATE else start), due, ()


def pick_main(groups: list[LedGroup], s: str) -> LedGroup | None:
    """The group that states the deadline: not a bare "từ …" start; one announced by
    "hoàn thành" if any; else the last one with a year; else the last one."""
    if not groups:
        return None
    if len(groups) == 1:
        return groups[0]
    cands = [g for g in groups if not g.from_only] or groups
    prev_end = 0
    completion = []
    for g in groups:
        if g in cands and COMPLETION.search(s, prev_end, g.g.start_pos):
            completion.append(g)
        prev_end = g.g.end_pos
    with_year = [g for g in completion or cands if g.g.explicit_year]
    return (with_year or completion or cands)[-1]

"""Group-row labels and section paths: "A", "I", "1", "1.2", "a)", "-" and their nesting.

A task table nests its rows under group rows labelled with capital letters, Roman numbers,
Arabic numbers (dotted for sub-levels), small letters and bullets, in that order. The
labels decide the section path ("II.1") a task belongs to and when a group ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
LABEL_AT_START = re.compile(
    r"^(?:(?:ph[aầ]n|m[uụ]c|ch[uư][oơ]ng)\s+)?([IVXLC]+|[A-ZĐ]|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])"
    r"\s*[.):/\-–]\s*(\S.*)$",
    re.IGNORECASE,
)
BULLETS = frozenset("-–—+*•·○◦▪■►")
LEVEL = {"upper": 0, "roman": 1, "arabic": 2, "lower": 6, "bullet": 7, "": 8}


@dataclass(slots=True)
class Group:
    level: int
    label: str
    title: str
    unit: str | None
    restarted: bool | None = None  # tasks under it number from 1 again (children)
    lead_group: bool = False  # "Đơn vị chủ trì: …": groups tasks by lead, not a section


def clean_label(label: str) -> str:
    label = label.strip()
    if label and label[0] in BULLETS:
        return label[0]
    return label.rstrip(".):/-– ").strip()


def label_kind(label: str, stack: Sequence[Group]) -> str:
    if not label:
        return ""
    if label[0] in BULLETS:
        return "bullet"
    if label[0].isdigit():
        return "arabic"
    if len(label) == 1 and label.islower():
        return "lower"
    if ROMAN.match(label):
        # "C" after "B" is a letter, "I" after nothing is a Roman one.
        uppers = [g.label for g in stack if g.level == 0]
        if len(label) == 1 and uppers and ord(label) == ord(uppers[-1][0]) + 1:
            return "upper"
        return "roman"
    if len(label) == 1 and label.isupper():
        return "upper"
    return ""


def label_level(kind: str, label: str) -> int:
    base = LEVEL[kind]
    return base + label.count(".") if kind == "arabic" else base


def split_label(num: str, txt: str) -> tuple[str, str]:
    """(label, title) of a group row written as STT + text, or all in one cell."""
    if num and txt:
        return clean_label(num), txt
    one = num or txt
    m = LABEL_AT_START.match(one)
    if m and (len(m[1]) > 1 or m[1].isupper() or m[1].isdigit() or len(m[2]) > 2):
        return clean_label(m[1]), m[2].strip()
    if len(one) <= 6 and (one[0].isalnum() or one[0] in BULLETS):
        return clean_label(one), ""
    return "", one


def ordinal(label: str) -> int:
    last = label.rsplit(".", 1)[-1]
    if last.isdigit():
        return int(last)
    if ROMAN.match(last):
        values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "M": 1000}
        total = 0
        for a, b in zip(last, last[1:] + " "):
            v = values[a]
            total += -v if values.get(b, 0) > v else v
        return total
    return ord(last[0].lower()) - ord("a") + 1 if last else 0


def is_child(parent_kind: str, parent_label: str, label: str, stack: Sequence[Group]) -> bool:
    kind = label_kind(label, stack)
    if not kind:
        return False
    if kind == "arabic" and parent_kind == "arabic":
        return label.startswith(parent_label + ".")
    return LEVEL.get(kind, 9) > LEVEL.get(parent_kind, 9)

"""Fast path: the handful of shapes most cells hold ("Thường xuyên", "Quý I/2023",
"Tháng 10/2023", "Năm 2024", "Trước 30/6/2024", "Hằng năm"), recognised by one
anchored regex on the folded phrase and turned into a Deadline without the lexer.

It must agree with the general grammar; the test-suite checks both on every phrase of
its corpus. Anything else returns None and takes the general path.
"""

from __future__ import annotations

import re
from datetime import date

from app.core.deadlines.occurrences import next_occurrence
from app.core.deadlines.types import Deadline, DeadlineKind, Frequency, Recurrence
from app.core.workdays import half_bounds, month_bounds, month_end, quarter_bounds, year_bounds

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FREQ = {
    "nam": Recurrence(Frequency.YEARLY),
    "quy": Recurrence(Frequency.QUARTERLY),
    "thang": Recurrence(Frequency.MONTHLY),
    "tuan": Recurrence(Frequency.WEEKLY),
}

_FAST = re.compile(
    r"[\s(]*"
    r"(?:(?:thoi\s+gian\s+(?:thuc\s+hien|hoan\s+thanh)|thoi\s+han|han)\s*:\s*)?"
    r"(?:(?:thuc\s+hien|hoan\s+thanh|trong|vao)\s+)*"
    r"(?:"
    r"(?P<ongoing>thuong\s+xuyen|lien\s+tuc)"
    r"|(?:dinh\s+ky\s+)?(?:hang|moi)\s+(?P<freq>nam|quy|thang|tuan)"
    r"|q(?:uy)?\s*(?P<q>iv|i{1,3}|[1-4])(?:\s*[/.\-]\s*|\s+nam\s+)(?P<qy>(?:19|20)\d\d)"
    r"|(?:thang\s*|t)(?P<m>0?[1-9]|1[0-2])(?:\s*[/.\-]\s*|\s+nam\s+)(?P<my>(?:19|20)\d\d)"
    r"|(?:giai\s+doan\s+|nam\s+)?(?P<y1>(?:19|20)\d\d)\s*-\s*(?P<y2>(?:19|20)\d\d)"
    r"|nam\s+(?P<y>(?:19|20)\d\d)"
    r"|(?:0?6|sau)\s+thang\s+(?P<h>dau|cuoi)\s+nam\s+(?P<hy>(?:19|20)\d\d)"
    r"|(?:bat\s+dau\s+)?tu\s+nam\s+(?P<fy>(?:19|20)\d\d)"
    r"|den\s+(?:het\s+)?nam\s+(?P<ty>(?:19|20)\d\d)"
    r"|(?:(?:truoc|cham\s+nhat)\s+)?(?:ngay\s+)?(?P<ad>0?[1-9]|[12]\d|3[01])\s*/\s*(?P<am>0?[1-9]|1[0-2])"
    r"\s+(?:hang|moi)\s+nam"
    r"|(?:(?:truoc|cham\s+nhat|den)\s+)?(?:ngay\s+)?"
    r"(?P<d>0?[1-9]|[12]\d|3[01])\s*(?P<s1>[/.\-])\s*(?P<dm>0?[1-9]|1[0-2])\s*(?P=s1)\s*(?P<dy>(?:19|20)\d\d)"
    r")[\s).]*"
)


def fast_parse(raw: str, folded: str, ref: date) -> Deadline | None:
    """The Deadline of a common simple phrase, or None when the phrase is not one."""
    m = _FAST.fullmatch(folded)
    if m is None:
        return None
    g = m.groupdict()
    if g["ongoing"]:
        return Deadline(raw=raw, kind=DeadlineKind.ONGOING)
    if g["freq"]:
        rec = _FREQ[g["freq"]]
        return Deadline(
            raw=raw, kind=DeadlineKind.RECURRING, due=next_occurrence(rec, ref), recurrence=rec
        )
    if g["q"]:
        s, e = quarter_bounds(int(g["qy"]), _ROMAN[g["q"]])
        return Deadline(raw=raw, kind=DeadlineKind.QUARTER, start=s, due=e)
    if g["m"]:
        s, e = month_bounds(int(g["my"]), int(g["m"]))
        return Deadline(raw=raw, kind=DeadlineKind.MONTH, start=s, due=e)
    if g["y"]:
        s, e = year_bounds(int(g["y"]))
        return Deadline(raw=raw, kind=DeadlineKind.YEAR, start=s, due=e)
    if g["y1"]:
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 <= y1:
            return None
        return Deadline(
            raw=raw, kind=DeadlineKind.PERIOD, start=date(y1, 1, 1), due=date(y2, 12, 31)
        )
    if g["h"]:
        s, e = half_bounds(int(g["hy"]), 1 if g["h"] == "dau" else 2)
        return Deadline(raw=raw, kind=DeadlineKind.HALF_YEAR, start=s, due=e)
    if g["fy"]:
        return Deadline(raw=raw, kind=DeadlineKind.ONGOING, start=date(int(g["fy"]), 1, 1))
    if g["ty"]:
        s, e = year_bounds(int(g["ty"]))
        return Deadline(raw=raw, kind=DeadlineKind.PERIOD, start=ref if ref <= e else s, due=e)
    if g["ad"]:
        rec = Recurrence(Frequency.YEARLY, month=int(g["am"]), day=int(g["ad"]))
        return Deadline(
            raw=raw, kind=DeadlineKind.RECURRING, due=next_occurrence(rec, ref), recurrence=rec
        )
    y, mo, d = int(g["dy"]), int(g["dm"]), int(g["d"])
    due = date(y, mo, min(d, month_end(y, mo).day))
    return Deadline(raw=raw, kind=DeadlineKind.DATE, due=due)

"""Parts: the periods a phrase names ("tháng 3", "Quý I/2023", "15/3"), grouped and resolved.

A part may lack its year ("trong quý I"); a group is a run of parts joined by "và", ","
(a list) or "đến", "-" (a range). A year written once applies to the whole group
(rule 3); a part still without a year resolves to the first such period ending on or
after the reference date (rule 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.core.deadlines.lexer import ORDINALS, ROMAN, Tok, year_of
from app.core.deadlines.lexer import group_int as _n
from app.core.deadlines.lexer import group_text as _s
from app.core.workdays import (
    add_months,
    half_bounds,
    month_bounds,
    month_end,
    quarter_bounds,
    quarter_of,
    week_bounds,
    year_bounds,
)

# Granularities: day, dom (day without month), domnext, month, quarter, half, year, week,
# mrange, drange, yrange, fixed (already resolved), cur (current month/quarter).
KIND_OF_GRAN = {
    "day": "date",
    "dom": "date",
    "domnext": "date",
    "month": "month",
    "quarter": "quarter",
    "half": "half_year",
    "year": "year",
    "week": "period",
    "mrange": "period",
    "drange": "period",
    "yrange": "period",
    "fixed": "period",
}
_YEARLESS = frozenset({"day", "month", "quarter", "half", "week", "mrange", "drange"})
_REL_YEAR = {"sau": 1, "toi": 1, "tiep theo": 1, "ke tiep": 1, "nay": 0}


@dataclass(slots=True)
class Part:
    gran: str
    pos: int
    endpos: int
    y: int | None = None
    m: int | None = None
    d: int | None = None
    n: int | None = None  # quarter, half or week number (-1: last week)
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    yrel: int | None = None
    kind: str | None = None  # overrides KIND_OF_GRAN (fixed parts)
    start: date | None = None
    end: date | None = None
    explicit_year: bool = False
    term_name: bool = False  # "nhiệm kỳ 2025-2030": names a term, is not a deadline itself


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _rel(s: str | None) -> int | None:
    return _REL_YEAR.get(re.sub(r"\s+", " ", s)) if s else None


def _fixed(tok: Tok, kind: str, bounds: tuple[date, date]) -> Part:
    return Part("fixed", tok.start, tok.end, kind=kind, start=bounds[0], end=bounds[1])


def make_part(tok: Tok, ref: date) -> Part | None:
    """The Part a lexer token names, or None for non-period tokens."""
    k = tok.kind
    g = tok.g
    p: Part | None = None
    y: int | None
    if k == "date":
        m_s = g[1] or g[3] or g[5] or g[7]
        y_s = g[2] or g[4] or g[6] or g[8]
        p = Part("day", tok.start, tok.end, y=year_of(y_s), m=int(m_s or 1), d=_n(g[0]))
    elif k == "dm":
        p = Part("day", tok.start, tok.end, m=_n(g[1]), d=_n(g[0]), y=_int(g[2]), yrel=_rel(g[3]))
    elif k == "month":
        p = Part(
            "month",
            tok.start,
            tok.end,
            m=_n(g[0]),
            y=year_of(g[1] or g[2] or g[3]),
            yrel=_rel(g[4]),
        )
    elif k == "quarter":
        q = ROMAN.get(_s(g[0]).replace("l", "i")) or _n(g[0])
        p = Part(
            "quarter", tok.start, tok.end, n=q, y=year_of(g[1] or g[2] or g[3]), yrel=_rel(g[4])
        )
    elif k == "year":
        if g[0]:
            y = _n(g[0])
            if g[1]:
                y2 = _n(g[1]) if len(g[1]) == 4 else (y // 100) * 100 + _n(g[1])
                p = Part("yrange", tok.start, tok.end, y=y, y2=y2) if y2 > y else None
                if p is None:
                    p = Part("year", tok.start, tok.end, y=y)
            else:
                p = Part("year", tok.start, tok.end, y=y)
        elif g[2]:
            y, y2 = _n(g[2]), _n(g[3])
            p = Part("yrange", tok.start, tok.end, y=y, y2=y2) if y2 > y else None
        else:
            p = Part("year", tok.start, tok.end, y=_n(g[4]))
    elif k == "monthyear":
        p = Part("month", tok.start, tok.end, m=_n(g[0]), y=_n(g[1]))
    elif k == "dmyw":
        p = Part(
            "day",
            tok.start,
            tok.end,
            d=_n(g[0]),
            m=_n(g[1]),
            y=_int(g[2] or g[3]),
            yrel=_rel(g[4]),
        )
    elif k == "iso":
        try:
            d = date(_n(g[0]), _n(g[1]), _n(g[2]))
        except ValueError:
            return None
        p = Part("day", tok.start, tok.end, y=d.year, m=d.month, d=d.day)
    elif k == "half":
        which = g[0] or g[1] or ("dau" if g[2] else None)
        p = Part("half", tok.start, tok.end, n=2 if which == "cuoi" else 1, y=_int(g[3]))
    elif k == "halfy":
        p = Part("half", tok.start, tok.end, n=1, y=_n(g[0]))
    elif k == "drange":
        d1, d2, m = _n(g[0]), _n(g[1]), _n(g[2])
        y = year_of(g[3] or g[4])
        if d1 < d2:
            p = Part("drange", tok.start, tok.end, d=d1, d2=d2, m=m, y=y)
        else:
            p = Part("day", tok.start, tok.end, d=d2, m=m, y=y)
    elif k == "mrange":
        m1, m2 = _n(g[0]), _n(g[1])
        y = year_of(g[2] or g[3])
        if m1 == m2:
            p = Part("month", tok.start, tok.end, m=m1, y=y)
        else:
            p = Part("mrange", tok.start, tok.end, m=m1, m2=m2, y=y)
    elif k == "week":
        w = _s(g[0])
        n = -1 if w == "cuoi" else (int(w) if w.isdigit() else ORDINALS.get(w, 1))
        p = Part("week", tok.start, tok.end, n=n, m=_n(g[1]), y=year_of(g[2] or g[3]))
    elif k == "qwords":
        p = Part("quarter", tok.start, tok.end, n=1 if g[0] == "dau" else 4, y=_int(g[1]))
    elif k == "yearmod":
        y = _int(g[1])
        if g[0] == "dau":
            p = Part("quarter", tok.start, tok.end, n=1, y=y)
        elif g[0] == "giua":
            p = Part("half", tok.start, tok.end, n=1, y=y)
        else:
            p = Part("year", tok.start, tok.end, y=y)
    elif k == "dom":
        p = Part("dom", tok.start, tok.end, d=_n(g[0]))
    elif k == "domnext":
        p = Part("domnext", tok.start, tok.end, d=_n(g[0]))
    elif k == "inyear":
        return _fixed(tok, "year", year_bounds(ref.year))
    elif k == "cycle":
        if g[1] == "thang":
            return _fixed(tok, "month", month_bounds(ref.year, ref.month))
        return _fixed(tok, "quarter", quarter_bounds(ref.year, quarter_of(ref)))
    elif k == "nextp":
        step = 0 if g[1] in ("nay", "hien tai") else 1
        unit = g[0]
        if unit == "nam":
            return _fixed(tok, "year", year_bounds(ref.year + step))
        if unit == "thang":
            d = add_months(ref.replace(day=1), step)
            return _fixed(tok, "month", month_bounds(d.year, d.month))
        if unit == "quy":
            d = add_months(ref.replace(day=1), 3 * step)
            return _fixed(tok, "quarter", quarter_bounds(d.year, quarter_of(d)))
        return _fixed(tok, "period", week_bounds(ref + timedelta(days=7 * step)))
    elif k == "schoolyear":
        y = _n(g[0])
        if int(_s(g[1])[-2:]) != (y + 1) % 100:
            return None
        # A school year runs from September to the end of May.
        return _fixed(tok, "period", (date(y, 9, 1), date(y + 1, 5, 31)))
    elif k == "termspan":
        y, y2 = _n(g[0]), _n(g[1])
        p = Part("yrange", tok.start, tok.end, y=y, y2=y2, term_name=True) if y2 > y else None
    if p is not None and p.y is not None:
        p.explicit_year = True
    return p


def continuation(tok: Tok, prev: Part) -> Part | None:
    """A bare number or numeral continuing a list: "tháng 3, 6, 9", "Quý I, II/2023"."""
    g = tok.g
    y = year_of(g[1] or g[2])
    if tok.kind == "roman":
        if prev.gran == "quarter":
            return _mark(Part("quarter", tok.start, tok.end, n=ROMAN[_s(g[0])], y=y))
        return None
    n = _n(g[0])
    if prev.gran in ("month", "mrange") and 1 <= n <= 12:
        return _mark(Part("month", tok.start, tok.end, m=n, y=y))
    if prev.gran == "quarter" and 1 <= n <= 4:
        return _mark(Part("quarter", tok.start, tok.end, n=n, y=y))
    if prev.gran == "dom" and 1 <= n <= 31 and y is None:
        return Part("dom", tok.start, tok.end, d=n)
    return None


def _mark(p: Part) -> Part:
    p.explicit_year = p.y is not None
    return p


# --------------------------------------------------------------------------- groups

# Between list members: commas, "và", "hoặc", a short note in brackets ("(sơ kết)"), a
# round label ("đợt 2:").
_GAP_LIST = re.compile(
    r"[\s,;&+]*(?:\([^()]{0,40}\)[\s,;]*)?"
    r"(?:(?:va|hoac|hay|va/hoac|cung)\b[\s,;]*(?:(?:truoc|cham\s+nhat(?:\s+la)?|vao|trong)\s+)?)?"
    r"(?:(?:dau|giua|cuoi)\s+)?"
    r"(?:cac\s+|ca\s+)?"  # "và các năm …", "6 tháng đầu năm và cả năm 2024"
    r"(?:dot\s+\d+\s*:?\s*)?(?:ngay\s*)?"
)
# ("đầu", "giữa", "cuối" before a month change nothing: "cuối tháng 12/2024 - đầu tháng 01/2025")
_GAP_RANGE = re.compile(
    r"[\s,]*(?:-|~|den|toi|cho\s+den)(?:\s+het)?\s*(?:(?:dau|giua|cuoi)\s+)?(?:ngay\s*)?"
)
RANGE_GRANS = frozenset({"drange", "mrange", "yrange", "week"})


@dataclass(slots=True)
class Group:
    """Parts joined by list or range links; items are the list members (ranges kept whole)."""

    parts: list[Part] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # link before parts[i] (i >= 1)

    @property
    def start_pos(self) -> int:
        return self.parts[0].pos

    @property
    def end_pos(self) -> int:
        return self.parts[-1].endpos

    @property
    def explicit_year(self) -> bool:
        return any(p.explicit_year for p in self.parts)

    def items(self) -> list[list[Part]]:
        out: list[list[Part]] = [[self.parts[0]]]
        for p, link in zip(self.parts[1:], self.links):
            if link == "range":
                out[-1].append(p)
            else:
                out.append([p])
        return out


def gap_link(gap: str) -> str | None:
    if _GAP_LIST.fullmatch(gap):
        return "list"
    if _GAP_RANGE.fullmatch(gap):
        return "range"
    return None


def fill_years(group: Group) -> None:
    """A year (or month) written once applies to the parts before it, then after it."""
    parts = group.parts
    carry_y: int | None = None
    carry_m: int | None = None
    for p in reversed(parts):
        if p.y is not None:
            carry_y = p.y
        elif carry_y is not None and p.gran in _YEARLESS and p.yrel is None:
            p.y = carry_y
        if p.gran == "dom" and carry_m is not None:
            p.gran, p.m = "day", carry_m
            if p.y is None and carry_y is not None:
                p.y = carry_y
        if p.m is not None and p.gran in ("day", "drange"):
            carry_m = p.m
    carry_y = None
    for p in parts:
        if p.y is not None:
            carry_y = p.y
        elif carry_y is not None and p.gran in _YEARLESS and p.yrel is None:
            p.y = carry_y


# --------------------------------------------------------------------------- resolution


def _bounds(p: Part, y: int, ref: date) -> tuple[date, date]:
    g = p.gran
    if g == "day":
        d = _clamp(y, p.m or 1, p.d or 1)
        return d, d
    if g == "month":
        return month_bounds(y, p.m or 1)
    if g == "quarter":
        return quarter_bounds(y, p.n or 1)
    if g == "half":
        return half_bounds(y, p.n or 1)
    if g == "year":
        return year_bounds(y)
    if g == "yrange":
        return date(y, 1, 1), date(p.y2 or y, 12, 31)
    if g == "mrange":
        m1, m2 = p.m or 1, p.m2 or 12
        if m1 > m2:  # "tháng 11-2/2024": November of the year before
            return date(y - 1, m1, 1), month_end(y, m2)
        return date(y, m1, 1), month_end(y, m2)
    if g == "drange":
        m = p.m or 1
        return _clamp(y, m, p.d or 1), _clamp(y, m, p.d2 or 31)
    if g == "week":
        m = p.m or 1
        last = month_end(y, m).day
        n = p.n or 1
        if n < 0:
            return date(y, m, max(1, last - 6)), date(y, m, last)
        first = min(7 * n - 6, last)
        return date(y, m, first), date(y, m, min(7 * n, last))
    raise ValueError(g)  # pragma: no cover


def _clamp(y: int, m: int, d: int) -> date:
    return date(y, m, min(d, month_end(y, m).day))


def resolve(p: Part, ref: date) -> tuple[date, date]:
    """(start, end) of a part; year-less parts take the first period ending on/after ref."""
    g = p.gran
    if g == "fixed":
        assert p.start is not None and p.end is not None
        return p.start, p.end
    if g in ("dom", "domnext"):
        y, m = ref.year, ref.month
        if g == "domnext":
            nxt = add_months(ref.replace(day=1), 1)
            y, m = nxt.year, nxt.month
            d = _clamp(y, m, p.d or 1)
            return d, d
        d = _clamp(y, m, p.d or 1)
        if d < ref:
            nxt = add_months(ref.replace(day=1), 1)
            d = _clamp(nxt.year, nxt.month, p.d or 1)
        return d, d
    if p.y is not None:
        return _bounds(p, p.y, ref)
    if p.yrel is not None:
        return _bounds(p, ref.year + p.yrel, ref)
    y = ref.year
    b = _bounds(p, y, ref)
    if b[1] < ref:
        b = _bounds(p, y + 1, ref)
    return b


def resolve_item(item: list[Part], ref: date) -> tuple[str, date, date]:
    """(kind, start, end) of one list member: a single part or a range of parts."""
    if len(item) == 1:
        p = item[0]
        s, e = resolve(p, ref)
        return (p.kind or KIND_OF_GRAN[p.gran]), s, e
    first, last = item[0], item[-1]
    ls, le = resolve(last, ref)
    if not first.explicit_year and first.gran in _YEARLESS and first.yrel is None:
        # The start takes the end's year, or the year before: "từ 15/11 đến 30/4/2024".
        fs, fe = _bounds(first, ls.year, ref)
        if fs > le:
            fs, fe = _bounds(first, ls.year - 1, ref)
    else:
        fs, fe = resolve(first, ref)
    if fs > le:
        fs, le = min(fs, ls), max(fe, le)
    return "period", fs, le

"""From tokens to a Deadline: which kind a phrase is, and its dates (deadline-phrases.md).

Decision order: already done → conditional → relative → term → recurring → a dated
period → ongoing → unspecified. "hoặc đột xuất", "khi cần thiết" add nothing when a
regular part exists (rule 7); "và thường xuyên" after a dated part sets `continuing`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from app.core.deadline_lexer import ORDINALS, WEEKDAYS, Tok, tokenize
from app.core.deadline_norm import dehyphenate, fold_map, mask_non_deadlines, normalise
from app.core.deadline_parts import (
    Group,
    Part,
    continuation,
    fill_years,
    gap_link,
    make_part,
    resolve_item,
)
from app.core.deadline_recur import next_occurrence, occurrences_between
from app.core.deadline_types import Deadline, DeadlineKind, Frequency, Recurrence
from app.core.workdays import WorkCalendar, add_months, month_end

K = DeadlineKind
_FREQ_RANK = {
    "weekly": Frequency.WEEKLY,
    "monthly": Frequency.MONTHLY,
    "quarterly": Frequency.QUARTERLY,
    "semi": Frequency.SEMIANNUAL,
    "yearly": Frequency.YEARLY,
}
_FREQ_ORDER = ("weekly", "monthly", "quarterly", "semi", "yearly")
_PART_TOKENS = frozenset(
    {
        "iso",
        "date",
        "dm",
        "dmyw",
        "month",
        "monthyear",
        "quarter",
        "qwords",
        "year",
        "yearmod",
        "half",
        "halfy",
        "drange",
        "mrange",
        "week",
        "dom",
        "domnext",
        "cycle",
        "nextp",
        "termspan",
    }
)
_PREFIX = re.compile(
    r"(?:\b(?P<from>tu|bat\s+dau\s+tu|bat\s+dau|ke\s+tu)"
    r"(?:\s+(?P<now>nay|bay\s+gio|hien\s+nay|thoi\s+diem\s+nay|ngay\s+ky|ngay\s+ban\s+hanh))?"
    r"(?:\s+(?P<to2>den|toi|cho\s+den))?"
    r"|\b(?P<to>den|toi|cho\s+den)|\b(?P<before>truoc))"
    r"(?P<tail>(?:\s+(?:het|ngay|trong|vao|khoang|cuoi|hoan\s+thanh|la))*)[\s,:]*$"
)
_HOAC = re.compile(r"\bhoac\s*(?:la\s*)?$")
_COND_STOP = re.compile(r"[,;()]|\bdu\s+kien\b|\bva\s+(?:bao\s+cao|hoan\s+thanh)\b|\s-\s")
_REL_EVENT_OK = re.compile(
    r"\s*(?:(?:ngay|khi)\s+)?(?:ky|ban\s+hanh|nhan|co\s+hieu\s+luc|(?:ke\s+hoach|van\s+ban|quyet\s+dinh)"
    r"\s+(?:nay\s+)?(?:duoc\s+)?(?:ky|ban\s+hanh))"
)
_TRIM = " \t\r\n,;:.-–()*_\"'“”"


class _Group:
    """A group with its prefix words ("từ", "đến", "trước")."""

    __slots__ = ("before", "from_", "g", "now", "to")

    def __init__(self, g: Group, s: str) -> None:
        self.g = g
        self.from_ = self.to = self.before = self.now = False
        pos = g.start_pos
        m = _PREFIX.search(s, max(0, pos - 48), pos)
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
        return (
            self.from_
            and not self.to
            and len(self.g.parts) == 1
            and self.g.parts[0].gran != "yrange"
        )


def _dated(
    gi: _Group, ref: date
) -> tuple[DeadlineKind, date | None, date | None, tuple[date, ...]]:
    """Kind, start, due and occurrences of a dated group."""
    items = [resolve_item(it, ref) for it in gi.g.items()]
    kind, start, due = items[0]
    if len(items) > 1:
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


def _pick_main(groups: list[_Group]) -> _Group | None:
    if not groups:
        return None
    cands = [g for g in groups if not g.from_only] or groups
    with_year = [g for g in cands if g.g.explicit_year]
    return (with_year or cands)[-1]


def _anchor(p: Part, before: bool) -> tuple[int | None, int | None]:
    """(month, day) a part gives a recurrence: "30/10" → (10, 30), "quý IV" → (12, None)."""
    g = p.gran
    m: int | None
    d: int | None
    if g in ("day", "drange"):
        m, d = p.m, (p.d2 if g == "drange" else p.d)
    elif g in ("dom", "domnext"):
        m, d = None, p.d
    elif g == "month":
        m, d = p.m, None
    elif g == "mrange":
        m, d = p.m2, None
    elif g == "quarter":
        m, d = 3 * (p.n or 4), None
    elif g == "half":
        m, d = 6 * (p.n or 2), None
    elif g == "fixed" and p.end is not None:
        m, d = p.end.month, None
    else:
        return None, None
    if before and d is None and m is not None:
        # "trước tháng 12 hằng năm": the last day of the month before.
        first = {"month": p.m, "quarter": 3 * (p.n or 4) - 2, "half": 6 * (p.n or 2) - 5}.get(g, m)
        m = 12 if first in (None, 1) else (first or 1) - 1
        d = month_end(2001, m).day
    return m, d


def _recurrence(
    freq: str,
    anchors: list[tuple[int | None, int | None]],
    qanchor: int | None,
    weekday: int | None,
    mend: bool,
) -> Recurrence:
    months = sorted({m for m, _ in anchors if m})
    day = next((d for _, d in anchors if d), None)
    if freq == "yearly" and len(months) >= 2:
        diffs = {b - a for a, b in zip(months, months[1:])}
        if len(months) == 2 and diffs == {6}:
            freq = "semi"
        elif len(months) == 4 and diffs == {3}:
            freq = "quarterly"
        elif len(months) == 12:
            freq = "monthly"
    f = _FREQ_RANK[freq]
    first_m = next((m for m, _ in anchors if m), None)
    if f == Frequency.YEARLY:
        return Recurrence(f, month=first_m, day=day)
    if f == Frequency.SEMIANNUAL:
        return Recurrence(f, month=((first_m - 1) % 6 + 1) if first_m else None, day=day)
    if f == Frequency.QUARTERLY:
        m = qanchor or (((first_m - 1) % 3 + 1) if first_m else None)
        return Recurrence(f, month=m, day=day)
    if f == Frequency.MONTHLY:
        return Recurrence(f, day=None if mend else day)
    return Recurrence(f, weekday=weekday)


def _term_year(tok: Tok, term: tuple[int, int]) -> int:
    g = tok.g
    a, b = (int(g[3]), int(g[4])) if g[3] and g[4] else term
    if g[0]:
        n = int(g[0]) if g[0].isdigit() else ORDINALS.get(g[0], 1)
        return a + max(1, min(n, 10))
    if g[1]:
        return a + 1 if g[1] == "dau" else b
    mod = g[2]
    if mod == "giua":
        return a + (b - a + 1) // 2
    if mod == "dau":
        return a + 1
    return b


class _Text:
    """The source phrase and its folded form, with a way back from folded positions."""

    __slots__ = ("idx", "s", "src")

    def __init__(self, raw: str) -> None:
        src = dehyphenate(raw) if "\n" in raw else raw
        s = normalise(src)
        self.idx: list[int] | None = None
        if len(s) != len(src):
            folded, self.idx = fold_map(src)
            s = mask_non_deadlines(folded)
        self.s = s
        self.src = src

    def original(self, a: int, b: int) -> str:
        if self.idx is not None:
            a, b = self.idx[a], self.idx[b]
        return self.src[a:b].strip(_TRIM)


def interpret(raw: str, ref: date, term: tuple[int, int], cal: WorkCalendar) -> Deadline:
    """The Deadline of one phrase (already NFC and stripped). Never raises on text."""
    text = _Text(raw)
    s = text.s
    toks = tokenize(s)
    if not toks:
        return Deadline(raw=raw)

    groups: list[Group] = []
    cur: Group | None = None
    last_end = -1
    freqs: set[str] = set()
    ongoing = dinhky = following = onward = mend = False
    conds: list[Tok] = []
    alts: list[Tok] = []
    rels: list[Tok] = []
    terms: list[Tok] = []
    termall = False
    done_tok: Tok | None = None
    qanchor: int | None = None
    weekday: int | None = None
    for tok in toks:
        k = tok.kind
        if k in _PART_TOKENS:
            p = make_part(tok, ref)
            if p is None:
                continue
            link = gap_link(s[last_end : tok.start]) if cur is not None else None
            if cur is not None and link is not None:
                cur.parts.append(p)
                cur.links.append(link)
            else:
                cur = Group([p], [])
                groups.append(cur)
            last_end = tok.end
        elif k in ("num", "roman"):
            if cur is None:
                continue
            link = gap_link(s[last_end : tok.start])
            p = continuation(tok, cur.parts[-1]) if link else None
            if p is not None and link is not None:
                cur.parts.append(p)
                cur.links.append(link)
                last_end = tok.end
        elif k in _FREQ_RANK:
            freqs.add(k)
        elif k in ("ongoing", "daily"):
            ongoing = True
        elif k == "dinhky":
            dinhky = True
        elif k == "cond":
            (alts if _HOAC.search(s, max(0, tok.start - 12), tok.start) else conds).append(tok)
        elif k == "adhoc":
            alts.append(tok)
        elif k == "rel":
            rels.append(tok)
        elif k == "term":
            terms.append(tok)
        elif k == "termall":
            termall = True
        elif k == "following":
            following = True
        elif k == "onward":
            onward = True
        elif k == "qanchor":
            w = tok.g[0]
            qanchor = (
                1
                if w in ("dau", "thu nhat", "thu 1")
                else 2
                if w in ("giua", "thu hai", "thu 2")
                else 3
            )
        elif k == "mend":
            mend = True
        elif k == "weekday":
            weekday = 6 if tok.g[1] else WEEKDAYS.get(tok.g[0] or "", None)
        elif k == "done" and done_tok is None:
            done_tok = tok

    for g in groups:
        fill_years(g)
    ginfo = [_Group(g, s) for g in groups]
    main = _pick_main(ginfo)

    # 1. Already done ("đã thực hiện trong tháng 3/2022").
    if done_tok is not None and not any(c.start < done_tok.start for c in conds):
        if main is None:
            return Deadline(raw=raw, kind=K.DONE, done=True)
        _, start, due, occ = _dated(main, ref)
        if main.from_only:
            due = None
        return Deadline(raw=raw, kind=K.DONE, start=start, due=due, occurrences=occ, done=True)

    regular = bool(
        main or freqs or ongoing or dinhky or rels or terms or termall or following or mend
    )
    regular = regular or qanchor is not None
    # 2. Conditional: an event or instruction to wait for; a month/year given is expected.
    if conds or (alts and not regular):
        first = (conds or alts)[0]
        stop = len(s)
        m = _COND_STOP.search(s, first.end)
        if m:
            stop = m.start()
        for g in groups:
            if first.end <= g.start_pos < stop:
                stop = g.start_pos
        condition = text.original(first.start, stop) or text.original(first.start, len(s))
        if main is None:
            return Deadline(raw=raw, kind=K.CONDITIONAL, condition=condition or None)
        _, start, due, _ = _dated(main, ref)
        if main.from_only:
            due = None
        return Deadline(
            raw=raw, kind=K.CONDITIONAL, start=start, due=due, condition=condition or None
        )

    # 3. Relative to the reference date ("trong 30 ngày kể từ ngày ký").
    if rels and main is None and not freqs:
        rel = _relative(rels, ref, cal, text)
        if rel is not None:
            kind, due, condition = rel
            return Deadline(raw=raw, kind=kind, due=due, condition=condition)

    # 4. A year of the congress term.
    if terms and main is None:
        y = _term_year(terms[-1], term)
        return Deadline(raw=raw, kind=K.TERM, start=date(y, 1, 1), due=date(y, 12, 31))

    # 5. Recurring.
    year_from = (
        main is not None and main.from_ and any(p.gran in ("year", "yrange") for p in main.g.parts)
    )
    if freqs or following or (onward and year_from) or qanchor is not None or mend:
        return _recurring(
            raw, ginfo, freqs, following or onward, qanchor, weekday, mend, ongoing, ref
        )

    # 6. A dated period.
    if main is not None:
        kind, start, due, occ = _dated(main, ref)
        if main.from_only:
            return Deadline(raw=raw, kind=K.ONGOING, start=start)
        return Deadline(
            raw=raw, kind=kind, start=start, due=due, occurrences=occ, continuing=ongoing or dinhky
        )

    # 7. Ongoing, without a deadline.
    if ongoing or dinhky or termall:
        return Deadline(raw=raw, kind=K.ONGOING)
    if rels:  # a relative phrase that anchors on an event handled above; else nothing
        return Deadline(raw=raw)
    return Deadline(raw=raw)


def _relative(
    rels: list[Tok], ref: date, cal: WorkCalendar, text: _Text
) -> tuple[DeadlineKind, date | None, str | None] | None:
    s = text.s
    for tok in rels:
        prefix, n_s, unit, workdays, suffix = tok.g
        if not prefix and not suffix:
            continue
        if prefix and prefix.startswith("khong qua") and not suffix:
            continue
        n = int(n_s)
        if suffix and suffix.startswith("sau") and not _REL_EVENT_OK.match(s, tok.end):
            stop = _COND_STOP.search(s, tok.end)
            cond = text.original(tok.start, stop.start() if stop else len(s))
            return K.CONDITIONAL, None, cond or None
        if unit == "ngay":
            due = cal.add_workdays(ref, n) if workdays else ref + timedelta(days=n)
        elif unit == "tuan":
            due = cal.add_workdays(ref, 5 * n) if workdays else ref + timedelta(days=7 * n)
        else:
            due = add_months(ref, n)
        return K.RELATIVE, due, None
    return None


def _recurring(
    raw: str,
    ginfo: list[_Group],
    freqs: set[str],
    open_ended: bool,
    qanchor: int | None,
    weekday: int | None,
    mend: bool,
    ongoing: bool,
    ref: date,
) -> Deadline:
    if freqs:
        freq = next(f for f in _FREQ_ORDER if f in freqs)
    elif qanchor is not None:
        freq = "quarterly"
    elif mend:
        freq = "monthly"
    else:
        freq = "yearly"
    anchors: list[tuple[int | None, int | None]] = []
    start: date | None = None
    end: date | None = None
    for gi in ginfo:
        for item in gi.g.items():
            first = item[0]
            if (
                len(item) == 1
                and first.gran not in ("year", "yrange", "fixed")
                or (first.gran == "fixed" and first.kind in ("month", "quarter"))
            ):
                anchors.append(_anchor(first, gi.before))
                if first.explicit_year:
                    _, s0, _ = resolve_item(item, ref)
                    start = s0 if start is None else min(start, s0)
                continue
            _, s0, e0 = resolve_item(item, ref)
            start = s0 if start is None else min(start, s0)
            if not (open_ended or gi.from_only or gi.from_ and not gi.to):
                end = e0 if end is None else max(end, e0)
    rec = _recurrence(freq, anchors, qanchor, weekday, mend)
    since = max(ref, start) if start else ref
    occ: tuple[date, ...] = ()
    if end is not None and start is not None:
        occ = tuple(occurrences_between(rec, start, end))
        due = next((d for d in occ if d >= ref), occ[-1] if occ else None)
    else:
        due = next_occurrence(rec, since)
    return Deadline(
        raw=raw,
        kind=K.RECURRING,
        start=start,
        due=due,
        occurrences=occ,
        recurrence=rec,
        continuing=ongoing,
    )

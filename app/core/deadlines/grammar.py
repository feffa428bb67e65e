"""From tokens to a Deadline: which kind a phrase is, and its dates (deadline-phrases.md).

Decision order: already done → conditional → relative → term → recurring → a dated
period → ongoing → unspecified. "hoặc đột xuất", "khi cần thiết" add nothing when a
regular part exists (rule 7); "và thường xuyên" after a dated part sets `continuing`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from app.core.deadlines.fast import fast_parse
from app.core.deadlines.groups import LedGroup, dated, pick_main
from app.core.deadlines.lexer import ORDINALS, WEEKDAYS, Tok, group_int, tokenize
from app.core.deadlines.norm import FOLD_TABLE, dehyphenate, fold_map, mask_non_deadlines
from app.core.deadlines.occurrences import next_occurrence
from app.core.deadlines.parts import (
    Group,
    Part,
    continuation,
    fill_years,
    gap_link,
    make_part,
    resolve,
)
from app.core.deadlines.recurring import FREQ_RANK, recurring
from app.core.deadlines.tet import tet_deadline
from app.core.deadlines.types import Deadline, DeadlineKind, Recurrence
from app.core.workdays import WorkCalendar, add_months

K = DeadlineKind
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
        "schoolyear",
        "inyear",
        "nextp",
        "termspan",
    }
)
_HOAC = re.compile(r"\bhoac\s*(?:la\s*)?$")
_COND_STOP = re.compile(r"[,;()]|\bdu\s+kien\b|\bva\s+(?:bao\s+cao|hoan\s+thanh)\b|(?<!\d)\s-\s")
_REL_EVENT_OK = re.compile(
    r"\s*(?:(?:ngay|khi)\s+)?(?:ky|ban\s+hanh|nhan|co\s+hieu\s+luc"
    r"|(?:ke\s+hoach|chuong\s+trinh|van\s+ban|quyet\s+dinh)"
    r"\s+(?:nay\s+)?(?:duoc\s+)?(?:ky|ban\s+hanh|co\s+hieu\s+luc))"
)
_TRIM = " \t\r\n,;:.-–()*_\"'“”"


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

    __slots__ = ("folded", "idx", "s", "src")

    def __init__(self, raw: str) -> None:
        src = dehyphenate(raw) if "\n" in raw else raw
        self.src = src
        self.folded = src.translate(FOLD_TABLE)
        self.idx: list[int] | None = None
        self.s = ""

    def mask(self) -> str:
        s = mask_non_deadlines(self.folded)
        if len(s) != len(self.src):
            folded, self.idx = fold_map(self.src)
            s = mask_non_deadlines(folded)
        self.s = s
        return s

    def original(self, a: int, b: int) -> str:
        if self.idx is not None:
            a, b = self.idx[a], self.idx[b]
        return self.src[a:b].strip(_TRIM)


_TET_WORD = re.compile(r"\btet\b")
_QANCHOR = {"dau": 1, "thu nhat": 1, "thu 1": 1, "giua": 2, "thu hai": 2, "thu 2": 2}


class _Scan:
    """What the tokens of a phrase say: its groups of periods and its markers."""

    __slots__ = (
        "alts",
        "conds",
        "dinhky",
        "done_tok",
        "following",
        "freqs",
        "groups",
        "mend",
        "ongoing",
        "onward",
        "qanchor",
        "rels",
        "since",
        "termall",
        "terms",
        "weekday",
    )

    def __init__(self) -> None:
        self.groups: list[Group] = []
        self.freqs: set[str] = set()
        self.ongoing = self.dinhky = self.following = self.onward = self.mend = False
        self.termall = False
        self.conds: list[Tok] = []  # events and instructions to wait for
        self.alts: list[Tok] = []  # "hoặc khi cần", "theo hướng dẫn": weak conditions
        self.rels: list[Tok] = []
        self.since: list[Tok] = []  # "từ khi …": a start, an end may follow ("… đến hết năm")
        self.terms: list[Tok] = []
        self.done_tok: Tok | None = None
        self.qanchor: int | None = None
        self.weekday: int | None = None

    @property
    def has_regular_marker(self) -> bool:
        """A frequency, "thường xuyên", a relative or term phrase: something regular that
        makes "hoặc đột xuất", "khi cần thiết" add nothing (rule 7)."""
        return bool(
            self.freqs
            or self.ongoing
            or self.dinhky
            or self.rels
            or self.terms
            or self.termall
            or self.following
            or self.mend
            or self.qanchor is not None
        )


def _scan(toks: list[Tok], s: str, ref: date) -> _Scan:
    """Group the period tokens (lists and ranges by the words between them) and collect
    the markers."""
    sc = _Scan()
    cur: Group | None = None
    last_end = -1
    for tok in toks:
        k = tok.kind
        if k in _PART_TOKENS:
            p = make_part(tok, ref)
            if p is None:
                continue
            link = gap_link(s[last_end : tok.start]) if cur is not None else None
            if cur is not None and link is None and _refines(cur, p, s[last_end : tok.start], ref):
                # "Năm 2025 (Quý IV)": the bracket names the part of that period
                p.y, p.explicit_year = cur.parts[0].y, True
                cur = Group([p], [])
                sc.groups[-1] = cur
                last_end = tok.end
                continue
            if cur is not None and link is None and _cue_list(cur, p, s[last_end : tok.start], s):
                link = "list"
            if cur is not None and link is not None:
                if k == "monthyear" and cur.parts[-1].gran == "quarter" and (p.m or 9) <= 4:
                    # "Quý 1, 2, 3/2023": the last member is a quarter, not March.
                    p = Part("quarter", p.pos, p.endpos, n=p.m, y=p.y, explicit_year=True)
                cur.parts.append(p)
                cur.links.append(link)
            else:
                cur = Group([p], [])
                sc.groups.append(cur)
            last_end = tok.end
        elif k in ("num", "roman"):
            link = gap_link(s[last_end : tok.start]) if cur is not None else None
            p = continuation(tok, cur.parts[-1]) if cur is not None and link else None
            if p is not None and link is not None and cur is not None:
                cur.parts.append(p)
                cur.links.append(link)
                last_end = tok.end
            elif k == "num" and tok.g[2]:
                # "trong 03 năm 2023-2025": a count of years, then the year itself
                at = s.rfind("nam", tok.start, s.find(tok.g[2], tok.start))
                cur = Group([Part("year", at, tok.end, y=int(tok.g[2]), explicit_year=True)], [])
                sc.groups.append(cur)
                last_end = tok.end
        elif k in FREQ_RANK:
            sc.freqs.add(k)
        elif k in ("ongoing", "daily"):
            sc.ongoing = True
        elif k == "dinhky":
            sc.dinhky = True
        elif k == "cond" and s.endswith("tu ", 0, tok.start) and s.startswith("khi", tok.start):
            sc.since.append(tok)
        elif k == "cond":
            weak = s.startswith(("theo", "tuy", "phu"), tok.start)
            after_or = _HOAC.search(s, max(0, tok.start - 12), tok.start)
            (sc.alts if weak or after_or else sc.conds).append(tok)
        elif k == "adhoc":
            sc.alts.append(tok)
        elif k == "rel":
            sc.rels.append(tok)
        elif k == "term":
            sc.terms.append(tok)
        elif k == "termall":
            sc.termall = True
        elif k == "following":
            sc.following = True
        elif k == "onward":
            sc.onward = True
        elif k == "qanchor":
            sc.qanchor = _QANCHOR.get(tok.g[0] or "", 3)
        elif k == "mend":
            sc.mend = True
        elif k == "weekday":
            sc.weekday = 6 if tok.g[1] else WEEKDAYS.get(tok.g[0] or "", None)
        elif k == "done" and sc.done_tok is None:
            sc.done_tok = tok
    return sc


# "trước ngày 30/6/2023 (sơ kết), trước ngày 15/12/2023 (tổng kết)", "báo cáo sơ kết trước
# ngày 15/6; báo cáo tổng kết trước ngày 15/12", "cấp tỉnh: Quý II/2024; cấp huyện: Quý
# III/2024", "đợt 1 trong Quý II, đợt 2 trong Quý IV/2024": clauses that each name a
# period of the same kind, after a cue or a label; a list.
_GAP_CUE_LIST = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?[,;]\s*(?:[a-z0-9]+\s+){0,4}?"
    r"(?:(?:truoc|cham\s+nhat(?:\s+la)?|han|trong|vao)\s+|[a-z0-9]+\s*:\s*)"
    r"(?:(?:dau|giua|cuoi)\s+)?(?:ngay\s*)?"
)


def _cue_list(cur: Group, p: Part, gap: str, s: str) -> bool:
    if not (cur.parts[-1].gran == p.gran and _GAP_CUE_LIST.fullmatch(gap)):
        return False
    lead = LedGroup(cur, s)
    return not (lead.from_ or lead.to)  # "từ ngày 1/3, hoàn thành trước ngày 30/6": a span


_OPEN_BRACKET = re.compile(
    r"\s*\(\s*(?:(?:truoc|cham\s+nhat(?:\s+la)?|trong|vao|han|hoan\s+thanh|xong)\s+)*$"
)
_REFINING = frozenset({"month", "quarter", "half", "day", "drange", "mrange", "week"})
_REFINED = frozenset({"year", "half", "quarter", "month"})


def _refines(cur: Group, p: Part, gap: str, ref: date) -> bool:
    """A year-less period in brackets right after a lone dated period, and inside it,
    refines it: "Năm 2025 (Quý IV)", "Tháng 9/2023 (trước ngày 15/9)"."""
    first = cur.parts[0]
    if not (
        len(cur.parts) == 1
        and first.gran in _REFINED
        and first.y is not None
        and p.y is None
        and p.yrel is None
        and p.gran in _REFINING
        and _OPEN_BRACKET.fullmatch(gap) is not None
    ):
        return False
    if first.gran == "year":
        return True
    outer, inner = resolve(first, ref), resolve(replace(p, y=first.y), ref)
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def interpret(
    raw: str, ref: date, term: tuple[int, int], cal: WorkCalendar, *, use_fast: bool = True
) -> Deadline:
    """The Deadline of one phrase (already NFC and stripped). Never raises on text.

    `use_fast=False` skips the fast path (tests compare both)."""
    text = _Text(raw)
    if use_fast:
        fast = fast_parse(raw, text.folded, ref)
        if fast is not None:
            return fast
    s = text.mask()
    toks = tokenize(s)
    tet = _TET_WORD.search(text.folded) is not None
    if not toks:
        return (tet and tet_deadline(raw, text.folded, ref)) or Deadline(raw=raw)
    if len(toks) == 1 and not tet:
        fast = _single(raw, toks[0], s, ref)
        if fast is not None:
            return fast

    sc = _scan(toks, s, ref)
    for g in sc.groups:
        fill_years(g)
    ginfo = [LedGroup(g, s) for g in sc.groups]
    main = pick_main(ginfo, s)

    # 1. Already done ("đã thực hiện trong tháng 3/2022").
    if sc.done_tok is not None and not any(c.start < sc.done_tok.start for c in sc.conds):
        if main is None:
            return Deadline(raw=raw, kind=K.DONE, done=True)
        if main.from_only:
            return Deadline(raw=raw, kind=K.DONE, start=main.first_start(ref), done=True)
        _, start, due, occ = dated(main, ref)
        return Deadline(raw=raw, kind=K.DONE, start=start, due=due, occurrences=occ, done=True)

    # "trước Tết Nguyên đán (Giáp Thìn) 2024": the lunar new year, whose date moves.
    if (
        tet
        and not (sc.freqs or sc.conds or sc.rels)
        and (main is None or all(p.gran == "year" for p in main.g.parts))
    ):
        found = tet_deadline(raw, text.folded, ref)
        if found is not None:
            return found

    if sc.since and not (main is not None and main.to and not main.from_):
        sc.conds[:0] = sc.since  # "từ khi có hướng dẫn": waits for the event
    regular = main is not None or sc.has_regular_marker
    # 2. Conditional: an event or instruction to wait for; a month/year given is expected.
    if sc.conds or (sc.alts and not regular):
        first = (sc.conds or sc.alts)[0]
        stop = len(s)
        m = _COND_STOP.search(s, first.end)
        if m:
            stop = m.start()
        for g in sc.groups:
            if first.end <= g.start_pos < stop and not g.parts[0].term_name:
                stop = g.start_pos
        condition = text.original(first.start, stop) or text.original(first.start, len(s))
        # "trước Đại hội … nhiệm kỳ 2025-2030": the term names the congress, it is not
        # the expected time.
        main = pick_main([g for g in ginfo if not all(p.term_name for p in g.g.parts)], s)
        if main is None:
            return Deadline(raw=raw, kind=K.CONDITIONAL, condition=condition or None)
        _, start, due, _ = dated(main, ref)
        return Deadline(
            raw=raw,
            kind=K.CONDITIONAL,
            start=start,
            due=None if main.from_only else due,
            condition=condition or None,
        )

    # 3. Relative to the reference date ("trong 30 ngày kể từ ngày ký").
    if sc.rels and main is None and not sc.freqs:
        rel = _relative(sc.rels, ref, cal, text)
        if rel is not None:
            kind, due, rel_condition = rel
            return Deadline(raw=raw, kind=kind, due=due, condition=rel_condition)

    # 4. A year of the congress term.
    if sc.terms and main is None:
        y = _term_year(sc.terms[-1], term)
        return Deadline(raw=raw, kind=K.TERM, start=date(y, 1, 1), due=date(y, 12, 31))

    # 5. Recurring.
    # "từ năm 2022 trở đi", "năm 2022 trở đi": yearly from 2022 (rule 4).
    year_from = main is not None and any(p.gran in ("year", "yrange") for p in main.g.parts)
    if sc.freqs or sc.following or (sc.onward and year_from) or sc.qanchor is not None or sc.mend:
        return recurring(
            raw,
            ginfo,
            sc.freqs,
            sc.following or sc.onward,
            sc.qanchor,
            sc.weekday,
            sc.mend,
            sc.ongoing,
            ref,
        )

    # 6. A dated period.
    if main is not None:
        if main.from_only or (sc.onward and len(main.g.parts) == 1):
            # "từ tháng 7/2025", "tháng 7/2025 trở đi": a start, no end
            return Deadline(raw=raw, kind=K.ONGOING, start=main.first_start(ref))
        kind, start, due, occ = dated(main, ref)
        return Deadline(
            raw=raw,
            kind=kind,
            start=start,
            due=due,
            occurrences=occ,
            continuing=sc.ongoing or sc.dinhky,
        )

    # 7. Ongoing, without a deadline.
    if sc.ongoing or sc.dinhky or sc.termall:
        return Deadline(raw=raw, kind=K.ONGOING)
    return Deadline(raw=raw)


_SIMPLE_FREQ = {k: Recurrence(f) for k, f in FREQ_RANK.items()}


def _single(raw: str, tok: Tok, s: str, ref: date) -> Deadline | None:
    """Fast path for the commonest phrases: one period or one frequency word."""
    k = tok.kind
    if k in _PART_TOKENS:
        p = make_part(tok, ref)
        if p is None:
            return Deadline(raw=raw)
        gi = LedGroup(Group([p], []), s)
        if gi.from_only:
            return Deadline(raw=raw, kind=K.ONGOING, start=gi.first_start(ref))
        kind, start, due, occ = dated(gi, ref)
        return Deadline(raw=raw, kind=kind, start=start, due=due, occurrences=occ)
    if k in FREQ_RANK:
        rec = _SIMPLE_FREQ[k]
        return Deadline(raw=raw, kind=K.RECURRING, due=next_occurrence(rec, ref), recurrence=rec)
    if k in ("ongoing", "daily", "dinhky", "termall"):
        return Deadline(raw=raw, kind=K.ONGOING)
    return None


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
        n = group_int(n_s)
        if suffix and not _REL_EVENT_OK.match(s, tok.end):
            # "sau khi kết thúc đợt kiểm tra", "kể từ khi thiên tai xảy ra": an event
            # other than the plan itself starts the count
            stop = _COND_STOP.search(s, tok.end)
            cond = text.original(tok.start, stop.start() if stop else len(s))
            return K.CONDITIONAL, None, cond or None
        if unit == "gio":
            due = ref + timedelta(days=-(-n // 24))
        elif unit == "ngay":
            due = cal.add_workdays(ref, n) if workdays else ref + timedelta(days=n)
        elif unit == "tuan":
            due = cal.add_workdays(ref, 5 * n) if workdays else ref + timedelta(days=7 * n)
        else:
            due = add_months(ref, 12 * n if unit == "nam" else n)
        return K.RELATIVE, due, None
    return None

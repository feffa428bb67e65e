"""Deadlines in a task's text, and tasks that state two actions with two deadlines.

Plans mark the deadline of a task: in parentheses "(thực hiện thường xuyên)", in italics
"*Hoàn thành trong Quý I/2022*", or after a label "Thời gian thực hiện: quý II/2023".
When a task has such marks, only they count: dates of the documents it cites ("Kết luận
số 21-KL/TW, ngày 25/10/2021") and periods in its object ("Kế hoạch … giai đoạn
2021-2025") are not its deadline. Without marks, a phrase counts when it reads like a
deadline ("hoàn thành trong quý II/2022", "trước ngày 30/10 hằng năm", "thường xuyên").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from datetime import date

from app.core.deadlines.parse import find_deadlines, parse_deadline
from app.core.deadlines.types import Deadline, DeadlineKind
from app.core.text import clean, fold

_PAREN = re.compile(r"\(([^()]{2,400})\)")
_ITALIC = re.compile(r"\*([^*\n]{2,400})\*")
_LABEL = re.compile(
    r"(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ|Mốc\s+thời\s+gian)(?:\s+(?:thực\s+hiện|hoàn\s+thành|"
    r"hoàn\s+tất|trình|báo\s+cáo|triển\s+khai))?\s*:\s*(?P<v>[^;()\n]+?)(?=\s*(?:[;()\n]|\.\s|\.?$))",
    re.IGNORECASE,
)
# "Kết luận số 21-KL/TW, ngày 25/10/2021": the date of a cited document (its number first)
_DOC_REF_BEFORE = re.compile(
    r"\d+\s*[-/]\s*[A-ZĐ][\w/Đđ.\-]*\s*,?\s*(?:ban\s+hành\s+)?(?:ngày\s*)?$"
)
_NOT_DEADLINE_BEFORE = re.compile(
    r"(?:nhiệm\s+kỳ|khóa|khoá|tầm\s+nhìn|định\s+hướng)\s*$", re.IGNORECASE
)
# When a cited text was made, not a deadline (a bare "năm …"/"ngày …", not "trong năm …"):
# "Luật Viên chức (sửa đổi, bổ sung năm 2019)", "Luật Đất đai năm 2024"
_LAW_BEFORE = re.compile(
    r"(?:sửa\s+đổi|bổ\s+sung|ban\s+hành|hợp\s+nhất)\s*(?:,\s*bổ\s+sung\s*)?$"
    r"|\b(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Hiến\s+pháp)\s+[^,;.()\d]{2,60}$",
    re.IGNORECASE,
)
# a bracket that says when a cited text was made: "(sửa đổi, bổ sung năm 2017)"
_MADE = re.compile(
    r"^\s*(?:được\s+)?(?:sửa\s+đổi|bổ\s+sung|ban\s+hành|hợp\s+nhất)\b[^()]{0,20}\b(?:năm|ngày)\b",
    re.IGNORECASE,
)
_CUE = re.compile(
    r"(?:hoàn\s+thành|xong|trước|chậm\s+nhất|trong|vào|đến|kể\s+từ|từ|thời\s+gian|thời\s+hạn|"
    r"dự\s+kiến|bắt\s+đầu|thực\s+hiện|triển\s+khai|tổ\s+chức|báo\s+cáo|trình|ban\s+hành|"
    r"hằng|hàng|định\s+kỳ)\b[^.;]{0,12}$",
    re.IGNORECASE,
)
# A phrase that opens with a word of time ("trong tháng 10/2025, trình …").
_TIME_CUE = re.compile(
    r"(?:hoàn\s+thành|xong|trước|chậm\s+nhất|muộn\s+nhất|trong|vào|đến|kể\s+từ|từ|"
    r"dự\s+kiến|bắt\s+đầu)\b",
    re.IGNORECASE,
)


def _time_label(text: str, start: int, end: int) -> bool:
    """ "Tháng 6/2025: Tổ chức hội nghị …", "Từ ngày 05/5 đến ngày 25/5/2025: …": a time
    opening the item and set off by a colon or comma is its deadline."""
    return not text[:start].strip(" -–+*•") and text[end:].lstrip(" )*").startswith((":", ",", "–"))


_ALWAYS_KINDS = {
    DeadlineKind.RECURRING,
    DeadlineKind.ONGOING,
    DeadlineKind.CONDITIONAL,
    DeadlineKind.RELATIVE,
    DeadlineKind.DONE,
    DeadlineKind.TERM,
}
_SPECIFIC = {
    DeadlineKind.DATE: 9,
    DeadlineKind.RELATIVE: 8,
    DeadlineKind.MONTH: 8,
    DeadlineKind.QUARTER: 7,
    DeadlineKind.HALF_YEAR: 6,
    DeadlineKind.RECURRING: 6,
    DeadlineKind.YEAR: 5,
    DeadlineKind.TERM: 5,
    DeadlineKind.PERIOD: 4,
    DeadlineKind.DONE: 4,
    DeadlineKind.CONDITIONAL: 3,
    DeadlineKind.ONGOING: 2,
    DeadlineKind.UNSPECIFIED: 0,
}
# "năm thứ 3, nhiệm kỳ Đại hội Đảng" is "năm thứ 3 của nhiệm kỳ"
_TERM_YEAR = re.compile(r"(năm\s+thứ\s+\d)\s*,?\s*(?:của\s+)?(nhiệm\s+kỳ)[^;)]*", re.IGNORECASE)
_BOUNDARY = re.compile(r";|\.(?=\s+[^\s\d])|\.$")


@dataclass(frozen=True, slots=True)
class Found:
    deadline: Deadline
    start: int
    end: int
    marked: bool


def _specificity(d: Deadline) -> int:
    score = _SPECIFIC.get(d.kind, 0)
    if (
        d.kind == DeadlineKind.RECURRING
        and d.recurrence
        and (d.recurrence.day or d.recurrence.month)
    ):
        score += 2
    return score


def _plain(text: str) -> str:
    """`text` without italic marks, same length (spans stay valid)."""
    return text.replace("*", " ")


def _parse_group(content: str, ref: date, term: tuple[int, int]) -> Deadline | None:
    """The deadline a parenthesis, italic run or label states, if it states one."""
    best: Deadline | None = None
    if _MADE.match(content):
        return None
    for part in re.split(r"\s*;\s*", content):
        raw = clean(part).strip(" .,")
        part = _TERM_YEAR.sub(r"\1 của \2", raw)  # which term is implied
        if not part or not _TIME_WORDS.search(part):
            continue
        subs = [f.deadline for f in find_deadlines(part, ref, term=term)]
        whole = parse_deadline(part, ref, term=term)
        if whole.kind == DeadlineKind.UNSPECIFIED or whole.due is None:
            # "(năm thứ 3, nhiệm kỳ Đại hội Đảng …)": a dated leading part decides
            prefixes = [part[: m.start()] for m in re.finditer(r",", part)]
            alts = [parse_deadline(p, ref, term=term) for p in prefixes] + subs
            alts = [d for d in alts if d.kind != DeadlineKind.UNSPECIFIED]
            dated = [d for d in alts if d.due is not None]
            if dated:
                whole = max(dated, key=_specificity)
            elif whole.kind == DeadlineKind.UNSPECIFIED and alts:
                whole = max(alts, key=_specificity)
        if whole.kind == DeadlineKind.UNSPECIFIED or not (
            subs or whole.due or _STRONG.search(part)
        ):
            continue
        if best is None or _specificity(whole) >= _specificity(best):
            best = dc_replace(whole, raw=raw)
    return best


_TIME_WORDS = re.compile(
    r"\d|năm|quý|quí|tháng|ngày|tuần|thường\s+xuyên|liên\s+tục|h[ằà]ng|định\s+kỳ|khi|"
    r"nhiệm\s+kỳ|đã\s+(?:thực\s+hiện|tổ\s+chức|ban\s+hành)",
    re.IGNORECASE,
)
_STRONG = re.compile(
    r"^(?:thực\s+hiện\s+)?(?:thường\s+xuyên|liên\s+tục|h[ằà]ng|định\s+kỳ|khi|sau\s+khi|"
    r"theo\s+hướng\s+dẫn|năm\s+thứ|giữa\s+nhiệm|cuối\s+nhiệm|đã\s)",
    re.IGNORECASE,
)


# A phrase opening with a word of time ("vào năm thứ 3", "trước ngày …", "trong quý II")
# states a time of its own, even right after a document's code.
_OWN_CUE = re.compile(
    r"(?:vào|trước|trong|đến|tới|từ|hoàn\s+thành|chậm\s+nhất|xong|thực\s+hiện|hằng|hàng|"
    r"định\s+kỳ|năm\s+thứ|giữa|cuối|đầu)\b",
    re.IGNORECASE,
)


def _is_reference(text: str, start: int) -> bool:
    """Is the phrase at `start` part of a citation: the date after a document's number
    ("Kết luận số 21-KL/TW, ngày 25/10/2021"), a term or vision ("khóa XIII", "định hướng
    đến năm 2030")?"""
    before = text[max(0, start - 60) : start]
    if _NOT_DEADLINE_BEFORE.search(before):
        return True
    if text[start : start + 4].lower().startswith(("năm", "ngày")) and _LAW_BEFORE.search(before):
        return True
    head = text[:start]
    if head.count("“") > head.count("”") or head.count('"') % 2:
        return True  # inside the quoted name of a cited programme: “… đến năm 2025”
    return bool(_DOC_REF_BEFORE.search(before)) and not _OWN_CUE.match(text, start)


def deadlines_in(text: str, ref: date, term: tuple[int, int] = (2020, 2025)) -> list[Found]:
    """The deadlines a task's text states, in order of appearance.

    Marked deadlines (parentheses, italics, labels) win: when there is one, phrases
    outside marks are ignored.
    """
    plain = _plain(text)
    marked: list[Found] = []
    taken = _Spans()
    groups: list[tuple[int, int, str]] = []
    for m in _PAREN.finditer(text):
        groups.append((m.start(), m.end(), m.group(1)))
    inside = _Spans((s, e) for s, e, _ in groups)
    for m in _ITALIC.finditer(text):
        if m.start() not in inside:  # italic runs never overlap one another
            groups.append((m.start(), m.end(), m.group(1)))
    inside = _Spans((s, e) for s, e, _ in groups)
    for m in _LABEL.finditer(plain):
        if m.start() not in inside:
            groups.append((m.start(), m.end(), m["v"]))
    for f in _schedules(plain, [g for g in groups if plain[g[0]] == "("], ref, term):
        marked.append(f)
        taken.add(f.start, f.end)
    for start, end, content in sorted(groups):
        if start in taken:
            continue
        if _is_reference(plain, start):
            continue
        dl = _parse_group(content.replace("*", " "), ref, term)
        if dl is not None:
            marked.append(Found(dl, start, end, True))
            taken.add(start, end)
    if marked:
        marked.sort(key=lambda f: f.start)
        # "… (trong tháng 10/2022); định kỳ 6 tháng báo cáo …": a clause of its own that
        # opens with a deadline is a second action, marked or not
        extra = [
            f
            for f in _cue_scan(plain, ref, term, marked, clauses=_SENTENCE_CLAUSE)
            if f.deadline.due is not None
            and f.deadline.kind != DeadlineKind.ONGOING
            and (_opens_clause(plain, f.start) or _FIRM_CUE.match(plain, f.start))
        ]
        return sorted(marked + extra, key=lambda f: f.start)
    found = _unmarked(plain, ref, term)
    found = sorted(found + _cue_scan(plain, ref, term, found), key=lambda f: f.start)
    if not found:
        ongoing = _ONGOING_WORDS.search(plain)
        if ongoing:
            found = [
                Found(
                    parse_deadline("thường xuyên", ref, term=term),
                    ongoing.start(),
                    ongoing.end(),
                    False,
                )
            ]
    return found


# A report period with its due day in brackets: "định kỳ hằng tháng (trước ngày 20)",
# "hằng quý (trước ngày 15 của tháng cuối quý), 6 tháng (…), năm (…)", "báo cáo 6 tháng
# (trước ngày 10/6) và năm (trước ngày 10/11)". The bracket alone is a day; with its label
# it is a recurrence.
_PERIOD_LABEL = re.compile(
    r"(?:(?:định\s+kỳ|báo\s+cáo)\s+)?(?:(?P<freq>h[ằà]ng|mỗi|định\s+kỳ)\s+)?"
    r"(?P<unit>6\s+tháng|06\s+tháng|sáu\s+tháng|quý|tháng|năm|tuần)\s*$",
    re.IGNORECASE,
)
_CANONICAL = {
    "6 thang": "định kỳ 6 tháng",
    "06 thang": "định kỳ 6 tháng",
    "sau thang": "định kỳ 6 tháng",
    "quy": "hằng quý",
    "thang": "hằng tháng",
    "nam": "hằng năm",
    "tuan": "hằng tuần",
}
_YEAR4 = re.compile(r"\b(?:19|20)\d\d\b")


def _schedules(
    plain: str, parens: list[tuple[int, int, str]], ref: date, term: tuple[int, int]
) -> list[Found]:
    """Report periods with bracketed due days, one Found per clause (the soonest due)."""
    labelled: list[tuple[int, int, str, bool]] = []
    for start, end, content in parens:
        m = _PERIOD_LABEL.search(plain, max(0, start - 40), start)
        if m is None or not re.search(r"\d", content) or not _TIME_WORDS.search(content):
            continue
        unit = " ".join(fold(m["unit"]).split())
        phrase = f"{_CANONICAL[unit]} {clean(content)}"
        labelled.append((m.start(), end, phrase, bool(m["freq"])))
    out: list[Found] = []
    i = 0
    while i < len(labelled):
        # labelled groups of one clause (nothing but commas and "và" between them)
        j = i + 1
        while j < len(labelled) and not re.search(
            r"[;.]\s", plain[labelled[j - 1][1] : labelled[j][0]]
        ):
            j += 1
        run = labelled[i:j]
        i = j
        if len(run) == 1 and not (run[0][3] and not _YEAR4.search(run[0][2])):
            continue  # "báo cáo 6 tháng (trước 15/6/2024)": one dated report, not a schedule
        best: Deadline | None = None
        for _a, _b, phrase, _f in run:
            dl = parse_deadline(phrase, ref, term=term)
            sooner = best is None or best.due is None or (dl.due is not None and dl.due < best.due)
            if dl.kind == DeadlineKind.RECURRING and dl.due is not None and sooner:
                best = dl
        if best is not None:
            out.append(Found(best, run[0][0], run[-1][1], True))
    return out


# "thường xuyên" as an adverb of the task, not "kinh phí chi thường xuyên", "nhiệm vụ
# thường xuyên của cơ quan" (recurrent spending, regular duties).
_ONGOING_WORDS = re.compile(
    r"(?<!\bchi\s)(?<!\bphí\s)\b(?:thường\s+xuyên|liên\s+tục)\b(?!\s+(?:của|do)\b)",
    re.IGNORECASE,
)


def _unmarked(plain: str, ref: date, term: tuple[int, int]) -> list[Found]:
    found: list[Found] = []
    for f in find_deadlines(plain, ref, term=term):
        dl = f.deadline
        if dl.kind == DeadlineKind.UNSPECIFIED or _is_reference(plain, f.start):
            continue
        if dl.kind not in _ALWAYS_KINDS:
            before = plain[max(0, f.start - 40) : f.start]
            phrase = plain[f.start : f.end]
            if not (
                _CUE.search(before)
                or _CUE.match(phrase)
                or _TIME_CUE.match(phrase)
                or _ends_clause(plain, f.end)
                or _time_label(plain, f.start, f.end)
            ):
                continue
            if not _NAMES_PERIOD.search(phrase):
                continue  # "… thực hiện trong năm.": no period is named
        found.append(Found(dl, f.start, f.end, False))
    return found


_CUES = re.compile(
    r"\b(?:trước\s+ngày|chậm\s+nhất|hoàn\s+thành|định\s+kỳ|h[ằà]ng\s+(?:năm|quý|tháng|tuần)|"
    r"trong\s+(?:tháng|quý|năm|6\s+tháng)|vào\s+(?:tháng|quý|năm)|từ\s+năm|đến\s+năm|"
    r"thường\s+xuyên)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[^;.()]+")
_NAMES_PERIOD = re.compile(r"\d|\b[IVX]+\b")  # "trong năm" alone names no period
_SENTENCE_CLAUSE = re.compile(r"(?:[^;.]|\.(?=\S))+")  # a dot inside "15.7.2019" goes on


def _cue_scan(
    plain: str,
    ref: date,
    term: tuple[int, int],
    found: list[Found],
    clauses: re.Pattern[str] | None = None,
) -> list[Found]:
    """Deadlines the finder missed in clauses that have none: "… trước ngày 20 hằng tháng"."""
    out: list[Found] = []
    starts = sorted(f.start for f in found)
    ends = sorted(f.end for f in found)
    for clause in (clauses or _CLAUSE).finditer(plain):
        a, b = clause.span()
        i, j = bisect_left(starts, a), bisect_right(ends, a)
        if (
            (i < len(starts) and starts[i] < b)  # a deadline starts in the clause
            or (j < len(ends) and ends[j] <= b)  # or ends in it
            or len(clause.group().strip()) < 8
        ):
            continue
        best: Found | None = None
        for cue in _CUES.finditer(plain, a, b):
            if _is_reference(plain, cue.start()) or _MODIFIES_NOUN.match(plain, cue.end()):
                continue
            # a deadline phrase is short: read at most _PHRASE_MAX characters from its cue
            candidate = plain[cue.start() : min(b, cue.start() + _PHRASE_MAX)].strip()
            dl = parse_deadline(candidate, ref, term=term)
            if dl.kind == DeadlineKind.UNSPECIFIED:
                continue
            if dl.kind not in _ALWAYS_KINDS and not _NAMES_PERIOD.search(candidate):
                continue
            if best is None or _specificity(dl) > _specificity(best.deadline):
                best = Found(dl, cue.start(), b, False)
        if best is not None:
            out.append(best)
    return out


# "… hằng năm của Ủy ban nhân dân": the frequency describes the noun before it
_MODIFIES_NOUN = re.compile(r"\s*(?:của|do)\b", re.IGNORECASE)
_FIRM_CUE = re.compile(r"(?:trước\s+ngày|chậm\s+nhất|hoàn\s+thành)\b", re.IGNORECASE)


def _opens_clause(text: str, start: int) -> bool:
    before = text[max(0, start - _PHRASE_MAX) : start].rstrip()
    if not before:
        return not text[:start].strip()
    return before[-1] in ";." or bool(re.search(r"[;.]\s*\S{0,12}$", before))


def _ends_clause(text: str, end: int) -> bool:
    """A phrase right before ";", "." or the end closes its clause: "…, năm 2023."."""
    rest = text[end : end + _PHRASE_MAX].lstrip(' )*”"') or text[end:].lstrip(' )*”"')[:1]
    return (
        rest == "" or rest[:1] in ";." and not fold(text[max(0, end - 30) : end]).count("giai doan")
    )


def _clause_end(text: str, pos: int) -> int:
    """Index just after the clause boundary that follows `pos` (or the text end)."""
    m = _BOUNDARY.search(text, pos)
    return m.end() if m else len(text)


# Longest stretch of text a deadline phrase and what is read around it may take. Reading
# windows of this size instead of the rest of the text keeps long paragraphs linear.
_PHRASE_MAX = 300


class _Spans:
    """Half-open spans [start, end) kept as a sorted union: is a position inside one?"""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        if e <= s:
            return
        starts, ends = self.starts, self.ends
        i = bisect_right(starts, s)
        if i and ends[i - 1] >= s:
            i -= 1
            s, e = starts[i], max(e, ends[i])
            del starts[i], ends[i]
        while i < len(starts) and starts[i] <= e:
            e = max(e, ends[i])
            del starts[i], ends[i]
        starts.insert(i, s)
        ends.insert(i, e)

    def __contains__(self, x: int) -> bool:
        i = bisect_right(self.starts, x) - 1
        return i >= 0 and x < self.ends[i]


def choose(found: list[Found]) -> Found | None:
    """One deadline for a clause: the most specific, the later on ties."""
    best: Found | None = None
    for f in found:
        if best is None or _specificity(f.deadline) >= _specificity(best.deadline):
            best = f
    return best


def split_by_deadlines(text: str, found: list[Found]) -> list[tuple[str, Found | None]]:
    """Cut a task into one piece per clause-closing deadline.

    "…, hoàn thành trong quý II/2022; … trước 30/10 hằng năm" gives two pieces. Deadlines
    inside one clause stay together (the most specific decides); clauses after the last
    deadline stay with the last piece.
    """
    if not found:
        return [(text, None)]
    pieces: list[tuple[int, int, list[Found]]] = []
    start = 0
    current: list[Found] = []
    for i, f in enumerate(found):
        current.append(f)
        end = _clause_end(text, f.end)
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and nxt.start >= end:
            pieces.append((start, end, current))
            start, current = end, []
    pieces.append((start, len(text), current))
    out: list[tuple[str, Found | None]] = []
    for s, e, fs in pieces:
        piece = text[s:e].strip().lstrip(";,. ").strip()
        if piece:
            out.append((piece, choose(fs)))
    if len(out) > 1:
        # a piece without a deadline of its own goes with the previous one, and so does
        # one that goes on with the same work ("; đồng thời …", "; thường xuyên …")
        merged: list[tuple[str, Found | None]] = []
        for piece, own in out:
            if merged and (own is None or _GOES_ON.match(piece)):
                prev_text, prev_f = merged[-1]
                sep = "; " if _GOES_ON.match(piece) else " "
                best = choose([x for x in (prev_f, own) if x is not None])
                merged[-1] = (f"{prev_text.rstrip(' ;')}{sep}{piece}", best)
            else:
                merged.append((piece, own))
        out = merged
    return out


_GOES_ON = re.compile(r"^(?:đồng\s+thời|thường\s+xuyên|kết\s+hợp|gắn\s+với)\b", re.IGNORECASE)

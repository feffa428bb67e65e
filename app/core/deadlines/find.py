"""Locate deadline phrases inside a task sentence.

Strong candidates are bracketed or italic segments and labelled ones ("Thời gian thực
hiện: …"); weak candidates are runs of deadline tokens in the running text, widened to
their lead-in words ("hoàn thành trước ngày …"). Dates of documents, "as of" dates and
durations are masked first, so "Kế hoạch số 78-KH/ĐUK ngày 24/02/2022" is never a
deadline. Frequencies and "thường xuyên" count in running text only where they start a
clause or follow a verb of doing ("thực hiện hằng năm"), not as noun modifiers
("chương trình kiểm tra hằng năm của …").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from app.core.deadlines.lexer import Tok, tokenize
from app.core.deadlines.norm import fold_map, mask_non_deadlines
from app.core.deadlines.types import Deadline, DeadlineKind

_HYPHEN = re.compile(
    r"(?<=[a-z])-[ \t]*\r?\n[ \t]*(?=[a-z])"
    r"|(?<=(?<![\da-z])(?<!ngay )(?:19|20))-[ \t]*\r?\n[ \t]*(?=\d\d(?!\d|\s*[/.]\s*\d|\s*-\s*\d\d?(?!\d)))"
)  # a word or a year a PDF broke across lines (deadline_norm.dehyphenate)
_TERM_NAME = re.compile(
    r"(?<!trong )(?<!suot )(?<!cuoi )(?<!het )(?<!giua )\bnhiem\s+ky\s+(?:19|20)\d\d\s*-\s*(?:19|20)\d\d"
)
_PLACE_DATE = re.compile(
    r"(?m)^[ \t]*[a-z][a-z ]{1,30},[ \t]*ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4}"
)
_LABEL = re.compile(
    r"\b(?:thoi\s+gian\s+(?:thuc\s+hien|hoan\s+thanh|trien\s+khai|to\s+chuc|bao\s+cao)"
    r"|thoi\s+han(?:\s+(?:hoan\s+thanh|thuc\s+hien|bao\s+cao))?|han\s+(?:hoan\s+thanh|chot|bao\s+cao)"
    r"|tien\s+do(?:\s+thuc\s+hien)?|thoi\s+gian|moc\s+thoi\s+gian)\s*:\s*"
)
_CLAUSE_END = re.compile(r"[;\n)]|\.(?!\d)|$")
_PAREN = re.compile(r"\(([^()]{1,160})\)")
_ITALIC = re.compile(r"(?<![*\w])\*{1,2}([^*\n]{1,160}?)\*{1,2}(?![*\w])")
_SIGNIFICANT = frozenset(
    {
        "iso", "date", "dm", "dmyw", "month", "monthyear", "quarter", "qwords", "year", "yearmod",
        "half", "halfy", "drange", "mrange", "week", "dom", "domnext", "nextp", "termspan",
        "weekly", "monthly", "quarterly", "semi", "yearly", "daily", "ongoing", "term", "termall",
        "rel", "following", "onward", "qanchor", "mend", "cond", "num", "roman",
        "weekday", "dinhky", "adhoc", "done", "cycle", "inyear", "schoolyear",
    }
)  # fmt: skip
_DATED = frozenset(
    {
        "iso", "date", "dm", "dmyw", "month", "monthyear", "quarter", "qwords", "year", "yearmod",
        "half", "halfy", "drange", "mrange", "week", "domnext", "nextp", "termspan", "rel", "schoolyear",
    }
)  # fmt: skip
_NON_DATED_STARTERS = frozenset(
    {"weekly", "monthly", "quarterly", "semi", "yearly", "daily", "ongoing", "termall"}
)
# Specific enough to count anywhere: "giữa nhiệm kỳ", "ngày 25 của tháng cuối quý".
_SPECIFIC = frozenset({"term", "qanchor", "mend"})
_GLUE = re.compile(
    r"[\s,\-/–:]*(?:(?:va|hoac|den|toi|tu|truoc|trong|ngay|vao|het|cham\s+nhat|hoan\s+thanh|thuc\s+hien"
    r"|xong|du\s+kien|khoang|cua|la|bat\s+dau|ke\s+tu|tinh\s+tu|lam\s+viec|cac|nhung|dot\s+xuat"
    r"|dinh\s+ky|nam|thang|tro\s+di|hang|moi|cung|lien\s+tuc|thuong\s+xuyen)\b[\s,\-–:]*)*"
)
_LEAD_IN = re.compile(
    r"(?:\b(?:hoan\s+thanh|(?<!qua\s)(?<!hinh\s)thuc\s+hien|xong|truoc|trong|vao|vao\s+khoang|khoang|(?<!thong\s)tu|bat\s+dau|den|toi"
    r"|cham\s+nhat|muon\s+nhat|khong\s+muon\s+hon|ngay|het|du\s+kien|dinh\s+ky|la|da|xong\s+truoc"
    r"|co\s+ban|giai\s+doan|trong\s+giai\s+doan)\s{1,20})+$"
)  # (a masked time of day fits between the words, a masked document reference does not:
#    "thực hiện <Nghị quyết số 45/NQ-CP ngày 3/4/2024> trong năm 2024")
_DOING = re.compile(
    r"\b(?:thuc\s+hien|trien\s+khai|to\s+chuc|bao\s+cao|tien\s+hanh|dinh\s+ky|duoc|lam|ra\s+soat"
    r"|danh\s+gia|hop|so\s+ket|tong\s+ket|kiem\s+tra|giam\s+sat|cap\s+nhat|gui|thuong\s+ky)\s+$"
)
# ", định kỳ 6 tháng báo cáo …": "định kỳ" after a comma opens an adverbial clause.
_COMMA_BEFORE = re.compile(r",\s*$")
# After a frequency: "… giám sát hằng năm của Ban Thường vụ" is a noun's modifier.
# ("… thực hiện thường xuyên theo Chỉ thị số …" is how it is done, not whose it is: a
# document after "theo", masked or named, keeps the frequency.)
_OF_AFTER = re.compile(
    r"\s*(?:cua|do|theo(?!\s{4}|\s+(?:chi\s+thi|nghi\s+quyet|ket\s+luan|quy\s+dinh|quyet\s+dinh"
    r"|huong\s+dan|ke\s+hoach|cong\s+van|thong\s+bao|van\s+ban)\b))\b"
)
# A masked document reference right after a word: "theo Hướng dẫn số 12-HD/BTGTW …".
_DOC_AFTER = re.compile(r"\s{4}")
_ENDS_CLAUSE = re.compile(r"\s*(?:[.;)\n]|$)")
_CLAUSE_START = re.compile(
    r"(?:^|[.;:(\n!?]|\bva|\bdong\s+thoi|\bsau\s+do)\s*(?:[-+•]\s*|\d{1,2}[.)]\s*|[a-z][)]\s*)?$"
)
# How far back a clause start is looked for: it ends where the phrase starts and is a few
# characters long; searching from the text's start made long paragraphs quadratic.
_BACK = 200
_WEAK_COND = re.compile(
    r"(?:ngay\s+)?sau\s+khi\b|sau\s+(?:moi|tung)\s+(?:dot|lan|ky|dip)\b|khi\s+(?:co|duoc|trung\s+uong|tinh\s+uy|bo\s+chinh\s+tri|ban\s+bi\s+thu"
    r"|chinh\s+phu|cap\s+tren|thanh\s+uy|huyen\s+uy|ubnd|hdnd)\b|(?:truoc|tai|sau)\s+(?:dai\s+hoi|ky\s+hop)"
    r"|ky\s+hop\b"
)
_CUE = re.compile(r"\b(?:truoc|han|cham\s+nhat|hoan\s+thanh|xong|muon\s+nhat)\b")
# An event named as a noun, not as the moment to wait for ("trước Đại hội", "kỳ họp …").
_EVENT_NOUN = re.compile(r"dai\s+hoi\b")
_STRIP = " \t\r\n,;:.-–*_\"'“”"
# "định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12)": the brackets anchor the
# frequency written before them, and the next part of the frequency may bring its own.
_FREQ_KINDS = frozenset({"weekly", "monthly", "quarterly", "semi", "yearly", "dinhky"})
_NEXT_ANCHOR = re.compile(
    r"\s*(?:,|va|hoac)\s*(?:bao\s+cao\s+)?(?:ca\s+|hang\s+|moi\s+)?(?:nam|quy|thang|6\s+thang)\s*\(([^()]{1,160})\)"
)
_BEFORE_PAREN = re.compile(r"\s*\($")
# "sơ kết 05 năm … (2018 - 2023)", "kỷ niệm 94 năm … (1930 - 2024)": a span as long as the
# "N năm" before it is the span reviewed or celebrated, not the task's deadline.
_N_YEARS = re.compile(r"\b(\d{1,3})\s+nam\b")
# "đối tượng 4 vào tháng 7/2024": a bare number before the lead-in is not part of the phrase.
_NUM_GAP = re.compile(r"\s+(?:vao|trong|truoc|tu|tai|den)\b")
_NUM_UNIT_AFTER = re.compile(r"\s+(?:nam|thang|quy)\b")


@dataclass(frozen=True)
class FoundDeadline:
    """A deadline phrase found in a text: text[start:end] is the phrase."""

    deadline: Deadline
    start: int
    end: int
    strong: bool = False


class _Folded:
    """Folded, masked text with positions back into the original."""

    def __init__(self, text: str) -> None:
        s, idx = fold_map(text)
        if "\n" in s and "-" in s:
            keep = [True] * len(s)
            for m in _HYPHEN.finditer(s):
                for i in range(m.start(), m.end()):
                    keep[i] = False
            s = "".join(c for c, k in zip(s, keep) if k)
            idx = [i for i, k in zip(idx[:-1], keep) if k] + [idx[-1]]
        self.plain = s  # before masking: "trong 5 năm thực hiện" is a duration there
        s = mask_non_deadlines(s)
        s = _TERM_NAME.sub(_blank, s)
        s = _PLACE_DATE.sub(_blank, s)
        self.s = s
        self.idx = idx
        self.text = text

    def orig(self, i: int) -> int:
        return self.idx[i]

    def folded(self, j: int) -> int:
        """Folded position of original index j (first folded char at or after it)."""
        return bisect.bisect_left(self.idx, j)


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _STRIP:
        a += 1
    while b > a and text[b - 1] in _STRIP:
        b -= 1
    # Keep a closing bracket only when its opening one is inside.
    return a, b


def find_all(text: str, parse: Callable[[str], Deadline]) -> list[FoundDeadline]:
    """Every deadline phrase in `text`, in order, non-overlapping."""
    f = _Folded(text)
    s = f.s
    strong: list[FoundDeadline] = []
    taken: list[tuple[int, int]] = []  # folded spans already used

    def add_strong(fa: int, fb: int) -> None:
        if any(a <= fa < b or fa <= a < fb for a, b in taken):
            return
        oa, ob = _trim(text, f.orig(fa), f.orig(fb))
        if ob <= oa:
            return
        dl = parse(text[oa:ob])
        if dl.kind != DeadlineKind.UNSPECIFIED and not _reviewed_span(f.plain, fa, dl):
            strong.append(FoundDeadline(dl, oa, ob, True))
            taken.append((fa, fb))

    toks = tokenize(s)
    for m in _PAREN.finditer(s):
        _join_anchor(f, m, toks, parse, strong, taken)
    for m in _PAREN.finditer(s):
        add_strong(m.start(1), m.end(1))
    for m in _ITALIC.finditer(text):
        add_strong(f.folded(m.start(1)), f.folded(m.end(1)))
    for m in _LABEL.finditer(s):
        end = _CLAUSE_END.search(s, m.end())
        add_strong(m.end(), end.start() if end else len(s))

    weak = _weak(f, parse, taken, toks)
    if strong:
        keep = [
            w
            for w in weak
            if w.deadline.due is not None
            and _CUE.search(s, max(0, f.folded(w.start) - 1), f.folded(w.end))
        ]
        found = strong + keep
    else:
        found = weak
    found.sort(key=lambda x: x.start)
    return found


def _weak(
    f: _Folded, parse: Callable[[str], Deadline], taken: list[tuple[int, int]], all_toks: list[Tok]
) -> list[FoundDeadline]:
    s = f.s
    text = f.text
    toks = [
        t
        for t in all_toks
        if t.kind in _SIGNIFICANT
        and not any(a <= t.start < b for a, b in taken)
        # "theo Hướng dẫn số 12-HD/…": an instruction named by its number is a document,
        # not a condition to wait for
        and not (t.kind == "cond" and _DOC_AFTER.match(s, t.end))
    ]
    clusters: list[list[Tok]] = []
    for t in toks:
        if clusters:
            prev = clusters[-1][-1]
            gap = s[prev.end : t.start]
            if len(gap) <= 40 and _GLUE.fullmatch(gap):
                clusters[-1].append(t)
                continue
        clusters.append([t])
    out: list[FoundDeadline] = []
    last_end = -1
    for cl in clusters:
        while len(cl) > 1 and cl[0].kind == "cond" and _EVENT_NOUN.match(s, cl[0].start):
            # "văn kiện Đại hội từ ngày 01/7 đến 15/7": the congress names the document,
            # the dates after it are the task's own
            cl = cl[1:]
        while len(cl) > 1 and cl[0].kind == "num" and _NUM_GAP.match(s, cl[0].end):
            cl = cl[1:]
        fb_unit = 0
        while len(cl) > 1 and cl[-1].kind == "num":
            # "định kỳ 6 tháng, 01 năm": the number counts the unit after it
            unit = _NUM_UNIT_AFTER.match(s, cl[-1].end)
            if unit:
                fb_unit = unit.end()
                break
            cl = cl[:-1]
        kinds = {t.kind for t in cl}
        fa, fb = cl[0].start, max(cl[-1].end, fb_unit)
        lead = _LEAD_IN.search(s, max(0, fa - 60), fa)
        la = lead.start() if lead else fa
        if kinds & _DATED or kinds & _SPECIFIC:
            pass
        elif "cond" in kinds:
            first_cond = next(t for t in cl if t.kind == "cond")
            if not _WEAK_COND.match(s, first_cond.start):
                continue
            fa = min(fa, first_cond.start)
            end = _CLAUSE_END.search(s, fb)
            fb = end.start() if end else len(s)
            comma = s.find(",", cl[-1].end, fb)
            if (
                comma >= 0
                and _CLAUSE_START.search(s, max(0, min(la, fa) - _BACK), min(la, fa))
                and not any(t.kind in _DATED or t.kind == "cond" for t in tokenize(s[comma:fb]))
                and "du kien" not in s[comma:fb]
            ):
                # "Khi có hướng dẫn của Trung ương, Ban Tổ chức … tham mưu …": the main
                # clause after the comma is the task, not part of the condition
                fb = comma
        elif kinds & _NON_DATED_STARTERS:
            if _OF_AFTER.match(s, fb):
                continue
            starts = (
                _CLAUSE_START.search(s, max(0, la - _BACK), la)
                or _DOING.search(s, max(0, fa - 30), fa)
                or (s.startswith("dinh", la) and _COMMA_BEFORE.search(s, max(0, la - 4), la))
            )
            if not (starts or _ENDS_CLAUSE.match(s, fb)):
                continue
        else:
            continue
        if "rel" in kinds:
            end = _CLAUSE_END.search(s, fb)
            stop = end.start() if end else len(s)
            comma = s.find(",", fb, stop)
            fb = min(stop, comma) if comma >= 0 else stop
        fa = la
        if fa < last_end:
            fa = last_end
        oa, ob = _trim(text, f.orig(fa), f.orig(fb))
        if ob <= oa:
            continue
        dl = parse(text[oa:ob])
        if dl.kind == DeadlineKind.UNSPECIFIED or _reviewed_span(f.plain, fa, dl):
            continue
        out.append(FoundDeadline(dl, oa, ob, False))
        last_end = fb
    return out


def _reviewed_span(s: str, fa: int, dl: Deadline) -> bool:
    """A period as long as an "N năm" written before it in the clause."""
    if dl.kind != DeadlineKind.PERIOD or dl.start is None or dl.due is None:
        return False
    lo = max(0, fa - 200)
    for stop in ".;\n":
        lo = max(lo, s.rfind(stop, lo, fa) + 1)
    years = [int(m.group(1)) for m in _N_YEARS.finditer(s, lo, fa)]
    return bool(years) and years[-1] == dl.due.year - dl.start.year


def _join_anchor(
    f: _Folded,
    m: re.Match[str],
    toks: list[Tok],
    parse: Callable[[str], Deadline],
    strong: list[FoundDeadline],
    taken: list[tuple[int, int]],
) -> None:
    """A frequency in running text with its anchor in brackets after it, joined."""
    s = f.s
    if any(a <= m.start() < b for a, b in taken):
        return
    before = [t for t in toks if t.end <= m.start() and t.kind in _FREQ_KINDS]
    if not before or not _BEFORE_PAREN.fullmatch(s, before[-1].end, m.start() + 1):
        return
    first = len(before) - 1
    while first > 0 and before[first - 1].end + 1 >= before[first].start:
        first -= 1  # "định kỳ" + "hằng quý"
    fa = before[first].start
    lead = _LEAD_IN.search(s, max(0, fa - 60), fa)
    fa = lead.start() if lead else fa
    fb = m.end()
    while nxt := _NEXT_ANCHOR.match(s, fb):
        fb = nxt.end()
    text = f.text
    alone = parse(text[f.orig(m.start(1)) : f.orig(m.end(1))]).kind
    if alone in (DeadlineKind.RECURRING, DeadlineKind.UNSPECIFIED):
        # the bracket says it all ("(trước ngày 20 của tháng cuối quý)"), or it is no
        # anchor at all ("(Văn phòng Ủy ban nhân dân tỉnh chủ trì)")
        return
    oa, ob = f.orig(fa), f.orig(fb)
    while oa < ob and text[oa] in _STRIP:
        oa += 1
    dl = parse(text[oa:ob])
    rec = dl.recurrence
    if dl.kind != DeadlineKind.RECURRING or rec is None or rec.day is None:
        return
    strong.append(FoundDeadline(dl, oa, ob, True))
    taken.append((fa, fb))


_COMPLETION = re.compile(r"(?:hoan\s+thanh|xong)\b")
_REPORT = re.compile(r"\bbao\s+cao\b")


def pick(text: str, found: list[FoundDeadline]) -> FoundDeadline | None:
    """The phrase a clerk tracks: the last strong (labelled, bracketed or italic) one, else
    the last dated one, else the last one found. Among dated ones a calendar time beats a
    term ("sơ kết giữa nhiệm kỳ" names the review), and the task's completion beats a
    report date after it ("hoàn thành trong Quý III/2024, báo cáo UBND tỉnh trước …")."""
    if not found:
        return None
    strong = [f for f in found if f.strong]
    if strong:
        return strong[-1]
    dated = [f for f in found if f.deadline.due is not None]
    if not dated:
        return found[-1]
    calendar = [f for f in dated if f.deadline.kind != DeadlineKind.TERM]
    dated = calendar or dated
    last = dated[-1]
    if not _COMPLETION.match(_fold(text[last.start : last.end])):
        for f in reversed(dated[:-1]):
            if _COMPLETION.match(_fold(text[f.start : f.end])):
                if _REPORT.search(_fold(text[f.end : last.start])):
                    return f
                break
    return last


def _fold(text: str) -> str:
    return fold_map(text)[0]

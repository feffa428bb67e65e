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

from app.core.deadline_lexer import Tok, tokenize
from app.core.deadline_norm import fold_map, mask_non_deadlines
from app.core.deadline_types import Deadline, DeadlineKind

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
    r"(?:\b(?:hoan\s+thanh|thuc\s+hien|xong|truoc|trong|vao|vao\s+khoang|khoang|(?<!thong\s)tu|bat\s+dau|den|toi"
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
_WEAK_COND = re.compile(
    r"(?:ngay\s+)?sau\s+khi\b|sau\s+(?:moi|tung)\s+(?:dot|lan|ky|dip)\b|khi\s+(?:co|duoc|trung\s+uong|tinh\s+uy|bo\s+chinh\s+tri|ban\s+bi\s+thu"
    r"|chinh\s+phu|cap\s+tren|thanh\s+uy|huyen\s+uy|ubnd|hdnd)\b|(?:truoc|tai|sau)\s+(?:dai\s+hoi|ky\s+hop)"
    r"|ky\s+hop\b"
)
_CUE = re.compile(r"\b(?:truoc|han|cham\s+nhat|hoan\s+thanh|xong|muon\s+nhat)\b")
# An event named as a noun, not as the moment to wait for ("trước Đại hội", "kỳ họp …").
_EVENT_NOUN = re.compile(r"dai\s+hoi\b")
_STRIP = " \t\r\n,;:.-–*_\"'“”"


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
        if dl.kind != DeadlineKind.UNSPECIFIED:
            strong.append(FoundDeadline(dl, oa, ob, True))
            taken.append((fa, fb))

    for m in _PAREN.finditer(s):
        add_strong(m.start(1), m.end(1))
    for m in _ITALIC.finditer(text):
        add_strong(f.folded(m.start(1)), f.folded(m.end(1)))
    for m in _LABEL.finditer(s):
        end = _CLAUSE_END.search(s, m.end())
        add_strong(m.end(), end.start() if end else len(s))

    weak = _weak(f, parse, taken)
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
    f: _Folded, parse: Callable[[str], Deadline], taken: list[tuple[int, int]]
) -> list[FoundDeadline]:
    s = f.s
    text = f.text
    toks = [
        t
        for t in tokenize(s)
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
        kinds = {t.kind for t in cl}
        fa, fb = cl[0].start, cl[-1].end
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
        elif kinds & _NON_DATED_STARTERS:
            if _OF_AFTER.match(s, fb):
                continue
            starts = (
                _CLAUSE_START.search(s, 0, la)
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
        if dl.kind == DeadlineKind.UNSPECIFIED:
            continue
        out.append(FoundDeadline(dl, oa, ob, False))
        last_end = fb
    return out

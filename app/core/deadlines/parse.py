"""Deadline phrases → Deadline values (shared/deadline-phrases.md), and back to words.

`parse_deadline` reads one phrase ("Quý I/2022", "trước ngày 30/10 hàng năm"),
`find_deadline(s)` locate the phrase inside a whole task sentence, `occurrence_dates`
expands recurring and listed deadlines, `describe` says in Vietnamese what was understood.
Nothing here raises on text: an unknown phrase is kind `unspecified` with `raw` kept.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import lru_cache

from app.core.deadlines.find import FoundDeadline, find_all, pick
from app.core.deadlines.grammar import interpret
from app.core.deadlines.occurrences import clamp_day, next_occurrence, occurrences_between
from app.core.deadlines.types import Deadline, DeadlineKind, Frequency
from app.core.text import nfc
from app.core.workdays import DEFAULT_CALENDAR, WorkCalendar

__all__ = [
    "FoundDeadline",
    "describe",
    "find_deadline",
    "find_deadlines",
    "occurrence_dates",
    "parse_deadline",
    "parse_deadline_uncached",
]

_log = logging.getLogger(__name__)
DEFAULT_TERM = (2020, 2025)
MAX_PHRASE = 2000  # longer input is a sentence or a document, not a phrase


def parse_deadline_uncached(
    text: str | None,
    ref: date | None = None,
    *,
    term: tuple[int, int] = DEFAULT_TERM,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """`parse_deadline` without the cache (benchmarks, and callers parsing unique text)."""
    raw = nfc(text).strip() if text else ""
    if not raw:
        return Deadline(raw="")
    try:
        return interpret(raw[:MAX_PHRASE], ref or date.today(), term, calendar or DEFAULT_CALENDAR)
    except Exception:  # a phrase must never stop an import
        # Dates out of range or a bug: keep the phrase, no dates, and leave a trace.
        _log.exception("deadline phrase not understood: %r", raw)
        return Deadline(raw=raw)


@lru_cache(maxsize=8192)
def _cached(text: str, ref: date, term: tuple[int, int], calendar: WorkCalendar | None) -> Deadline:
    return parse_deadline_uncached(text, ref, term=term, calendar=calendar)


def parse_deadline(
    text: str | None,
    ref: date | None = None,
    *,
    term: tuple[int, int] = DEFAULT_TERM,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """The Deadline a phrase states; `ref` (default today) resolves year-less phrases."""
    if not text:
        return Deadline(raw="")
    return _cached(text, ref or date.today(), tuple(term), calendar)


def find_deadlines(
    text: str | None,
    ref: date | None = None,
    *,
    term: tuple[int, int] = DEFAULT_TERM,
    calendar: WorkCalendar | None = None,
) -> list[FoundDeadline]:
    """Every distinct deadline phrase of a task text, in order, with its span."""
    if not text:
        return []
    r = ref or date.today()

    def parse(phrase: str) -> Deadline:
        return parse_deadline(phrase, r, term=term, calendar=calendar)

    try:
        return find_all(text, parse)
    except Exception:  # finding is best effort; the text is kept anyway
        _log.exception("deadline search failed in %r", text[:200])
        return []


def find_deadline(
    text: str | None,
    ref: date | None = None,
    *,
    term: tuple[int, int] = DEFAULT_TERM,
    calendar: WorkCalendar | None = None,
) -> FoundDeadline | None:
    """The best deadline phrase of a task sentence: the last strong (labelled, bracketed
    or italic) one, else the last dated one, else the last one found."""
    return pick(text or "", find_deadlines(text, ref, term=term, calendar=calendar))


def occurrence_dates(deadline: Deadline, until: date, *, since: date | None = None) -> list[date]:
    """Every due date of a deadline from `since` (default: its start or first occurrence)
    through `until`."""
    rec = deadline.recurrence
    if deadline.kind == DeadlineKind.RECURRING and rec is not None:
        if deadline.occurrences:
            lo = since or deadline.occurrences[0]
            return [d for d in deadline.occurrences if lo <= d <= until]
        first = since or deadline.start or deadline.due
        if first is None:
            return []
        return occurrences_between(rec, first, until)
    if deadline.occurrences:
        lo = since or date.min
        return [d for d in deadline.occurrences if lo <= d <= until]
    due = deadline.due
    if due is not None and due <= until and (since is None or due >= since):
        return [due]
    return []


# --------------------------------------------------------------------------- describe

_FREQ_VI = {
    Frequency.YEARLY: "Hằng năm",
    Frequency.SEMIANNUAL: "Định kỳ 6 tháng",
    Frequency.QUARTERLY: "Hằng quý",
    Frequency.MONTHLY: "Hằng tháng",
    Frequency.WEEKLY: "Hằng tuần",
}
_WEEKDAY_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _vn(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def _span(d: Deadline) -> str:
    if d.start and d.due and d.start != d.due:
        return f"{_vn(d.start)} – {_vn(d.due)}"
    return _vn(d.due or d.start)


def _period_name(d: Deadline) -> str:
    k, s, e = d.kind, d.start, d.due
    if e is None:
        return ""
    if k == DeadlineKind.MONTH:
        return f"Tháng {e.month}/{e.year}"
    if k == DeadlineKind.QUARTER:
        return f"Quý {_ROMAN[(e.month - 1) // 3 + 1]}/{e.year}"
    if k == DeadlineKind.HALF_YEAR:
        return f"6 tháng {'đầu' if e.month <= 6 else 'cuối'} năm {e.year}"
    if k in (DeadlineKind.YEAR, DeadlineKind.TERM):
        return f"Năm {e.year}"
    if k == DeadlineKind.PERIOD and s:
        return "Giai đoạn"
    return ""


def next_due(deadline: Deadline, today: date) -> date | None:
    """The first due date of a recurring or listed deadline on or after `today`."""
    if deadline.occurrences:
        return next((x for x in deadline.occurrences if x >= today), None)
    rec = deadline.recurrence
    if rec is None:
        return deadline.due if deadline.due and deadline.due >= today else None
    since = max(today, deadline.start) if deadline.start else today
    return next_occurrence(rec, since)


def _recurrence_text(d: Deadline, today: date | None) -> str:
    rec = d.recurrence
    assert rec is not None
    out = _FREQ_VI[rec.freq]
    if rec.freq == Frequency.YEARLY and rec.month:
        out += f", ngày {rec.day:02d}/{rec.month:02d}" if rec.day else f", tháng {rec.month}"
    elif rec.freq == Frequency.SEMIANNUAL and (rec.month or rec.day):
        m = rec.month or 6
        if rec.day:
            a, b = clamp_day(2001, m, rec.day), clamp_day(2001, m + 6, rec.day)
            out += f", ngày {a:%d/%m} và {b:%d/%m}"
        else:
            out += f", tháng {m} và {m + 6}"
    elif rec.freq == Frequency.QUARTERLY and (rec.month or rec.day):
        which = {1: "đầu", 2: "giữa", 3: "cuối"}[rec.month or 3]
        out += f", ngày {rec.day} tháng {which} quý" if rec.day else f", tháng {which} quý"
    elif rec.freq == Frequency.MONTHLY and rec.day:
        out += f", ngày {rec.day}"
    elif rec.freq == Frequency.WEEKLY and rec.weekday is not None:
        out += f", {_WEEKDAY_VI[rec.weekday]}"
    if d.start:
        out += f", từ {_vn(d.start)}"
    if d.occurrences:
        out += f", đến {_vn(d.occurrences[-1])}"
    coming = next_due(d, today) if today is not None else d.due
    if coming:
        out += f"; kỳ tới {_vn(coming)}"
    elif today is not None:
        out += "; đã hết các kỳ"
    return out


def describe(deadline: Deadline, today: date | None = None) -> str:
    """Short Vietnamese description: "Quý I/2022: 01/01/2022 – 31/03/2022".

    With `today`, a recurring deadline names its next due date from today ("kỳ tới" is
    never a date already past); without, the first one from the plan's date."""
    d = deadline
    k = d.kind
    if k == DeadlineKind.UNSPECIFIED:
        return f"Không xác định: «{d.raw}»" if d.raw else "Không xác định"
    if k == DeadlineKind.ONGOING:
        return "Thường xuyên" + (f", từ {_vn(d.start)}" if d.start else "")
    if k == DeadlineKind.RECURRING:
        out = _recurrence_text(d, today) if d.recurrence else "Định kỳ"
    elif k == DeadlineKind.CONDITIONAL:
        out = "Chờ điều kiện" + (f": {d.condition}" if d.condition else "")
        if d.due:
            out += f"; dự kiến {_span(d)}"
    elif k == DeadlineKind.DONE:
        out = "Đã thực hiện" + (f" ({_span(d)})" if d.due or d.start else "")
    elif k == DeadlineKind.DATE:
        out = f"Hạn {_vn(d.due)}" if d.due else "Ngày"
    elif k == DeadlineKind.RELATIVE:
        out = f"Hạn {_vn(d.due)} (tính từ ngày tham chiếu)"
    elif k == DeadlineKind.TERM:
        out = f"Nhiệm kỳ – {_period_name(d)}: {_span(d)}"
    else:
        name = _period_name(d)
        out = f"{name}: {_span(d)}" if name and name != "Giai đoạn" else f"Giai đoạn {_span(d)}"
    if d.occurrences and k != DeadlineKind.RECURRING:
        out += "; các hạn: " + ", ".join(_vn(x) for x in d.occurrences)
    if d.continuing:
        out += "; và thường xuyên"
    return out

"""Status summary arithmetic for reports to the leadership (no Qt, no database).

Monthly, quarterly and yearly reports count every dated task (each occurrence of a
repeating one) in the four official categories as of the end of the period — or as of
today while the period is running — and compare the overdue share with the previous
period: "35 nhiệm vụ quá hạn chưa hoàn thành, chiếm 2,2%, giảm 0,6% so với tháng trước".
Shares are rounded to one decimal first and the change is the difference of the
rounded shares, so the figures a reader sees add up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from app.core.deadlines.types import DeadlineKind
from app.core.status import Category, category, category_label, task_status
from app.core.text import sort_key

# The four official categories, as the deadline engine names them.
CATEGORY_LABELS: dict[Category, str] = {c: category_label(c) for c in Category}
NO_LEAD = "Chưa xác định đơn vị chủ trì"
_ROMAN = ("I", "II", "III", "IV")


# --------------------------------------------------------------------------- periods


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


_PREVIOUS_WORD = {
    PeriodKind.MONTH: "tháng trước",
    PeriodKind.QUARTER: "quý trước",
    PeriodKind.YEAR: "năm trước",
}


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    kind: PeriodKind
    start: date
    end: date

    @classmethod
    def containing(cls, kind: PeriodKind | str, day: date) -> ReportPeriod:
        kind = PeriodKind(kind)
        if kind == PeriodKind.MONTH:
            first = day.replace(day=1)
            return cls(kind, first, _month_end(first))
        if kind == PeriodKind.QUARTER:
            first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
            return cls(kind, first, _month_end(_add_months(first, 2)))
        return cls(kind, date(day.year, 1, 1), date(day.year, 12, 31))

    def previous(self) -> ReportPeriod:
        return ReportPeriod.containing(self.kind, self.start - timedelta(days=1))

    def following(self) -> ReportPeriod:
        return ReportPeriod.containing(self.kind, self.end + timedelta(days=1))

    @property
    def label(self) -> str:
        """As reports write it: "tháng 3/2023", "quý I/2023", "năm 2023"."""
        if self.kind == PeriodKind.MONTH:
            return f"tháng {self.start.month}/{self.start.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"quý {_ROMAN[(self.start.month - 1) // 3]}/{self.start.year}"
        return f"năm {self.start.year}"

    @property
    def previous_word(self) -> str:
        return _PREVIOUS_WORD[self.kind]

    def as_of(self, today: date) -> date:
        """The day the figures are taken: the period's last day, or today while it runs."""
        return min(self.end, today)


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def _month_end(d: date) -> date:
    return _add_months(d.replace(day=1), 1) - timedelta(days=1)


# --------------------------------------------------------------------------- categories


def categorize(
    assigned: date, due: date, completed_on: date | None, as_of: date
) -> Category | None:
    """The official category of one dated item on `as_of` (None: not yet assigned then).

    A completion recorded after `as_of` did not exist yet, so the item was still open.
    The status is the one rule of `app.core.status`, judged on `as_of`.
    """
    if assigned > as_of:
        return None
    done = completed_on if completed_on is not None and completed_on <= as_of else None
    return category(task_status(DeadlineKind.DATE, due, done, as_of))


@dataclass(slots=True)
class Counts:
    done_on_time: int = 0
    done_late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0
    due_in_period: int = 0  # items whose due date falls inside the period
    done_in_period: int = 0  # items completed inside the period (up to as_of)

    def add(self, cat: Category) -> None:
        name = str(cat)
        setattr(self, name, getattr(self, name) + 1)

    def get(self, cat: Category) -> int:
        count: int = getattr(self, str(cat))
        return count

    @property
    def total(self) -> int:
        return self.done_on_time + self.done_late + self.open_in_time + self.open_overdue

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    def share(self, cat: Category) -> Decimal:
        """Share of `cat` in percent, rounded to one decimal (0 when there is nothing)."""
        return percent(self.get(cat), self.total)

    @property
    def overdue_share(self) -> Decimal:
        return self.share(Category.OPEN_OVERDUE)

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            **{str(c): self.get(c) for c in Category},
            "overdue_share": float(self.overdue_share),
            "due_in_period": self.due_in_period,
            "done_in_period": self.done_in_period,
        }


def percent(part: int, whole: int) -> Decimal:
    if whole <= 0:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Item:
    """A dated item as the summary needs it (see app.db.reads.reports.ReportItem)."""

    lead_id: int | None
    assigned: date
    due: date
    completed_on: date | None


@dataclass(slots=True)
class DeptCounts:
    dept_id: int | None
    name: str
    counts: Counts


@dataclass(slots=True)
class Summary:
    period: ReportPeriod
    as_of: date
    previous_as_of: date
    rows: list[DeptCounts] = field(default_factory=list)
    total: Counts = field(default_factory=Counts)
    previous: Counts = field(default_factory=Counts)

    @property
    def overdue_change(self) -> Decimal | None:
        """Change of the overdue share in percentage points (None: nothing to compare)."""
        if self.previous.total == 0:
            return None
        return self.total.overdue_share - self.previous.overdue_share

    def to_json(self) -> dict[str, Any]:
        change = self.overdue_change
        return {
            "period": {
                "kind": str(self.period.kind),
                "label": self.period.label,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "as_of": self.as_of.isoformat(),
            "previous_as_of": self.previous_as_of.isoformat(),
            "total": self.total.to_json(),
            "previous": self.previous.to_json(),
            "overdue_change": float(change) if change is not None else None,
            "sentence": overdue_sentence(self),
            "departments": [
                {"id": r.dept_id, "name": r.name, **r.counts.to_json()} for r in self.rows
            ],
        }


def summarize(
    items: Iterable[Item],
    names: Mapping[int, str],
    period: ReportPeriod,
    today: date,
) -> Summary:
    """Count items per lead department as of the period's end (or today while it runs)."""
    as_of = period.as_of(today)
    prev_as_of = period.previous().end
    summary = Summary(period, as_of, prev_as_of)
    per_dept: dict[int | None, Counts] = {}
    for it in items:
        cat = categorize(it.assigned, it.due, it.completed_on, as_of)
        if cat is not None:
            counts = per_dept.setdefault(it.lead_id, Counts())
            counts.add(cat)
            summary.total.add(cat)
            if period.start <= it.due <= period.end:
                counts.due_in_period += 1
                summary.total.due_in_period += 1
            if it.completed_on is not None and period.start <= it.completed_on <= as_of:
                counts.done_in_period += 1
                summary.total.done_in_period += 1
        prev = categorize(it.assigned, it.due, it.completed_on, prev_as_of)
        if prev is not None:
            summary.previous.add(prev)

    def name_of(dept_id: int | None) -> str:
        return names.get(dept_id, NO_LEAD) if dept_id is not None else NO_LEAD

    summary.rows = sorted(
        (DeptCounts(d, name_of(d), c) for d, c in per_dept.items()),
        key=lambda r: (r.dept_id is None, sort_key(r.name)),
    )
    return summary


# --------------------------------------------------------------------------- wording


def vn_int(n: int) -> str:
    """Vietnamese thousands separator: 1.580, 12.345."""
    return f"{n:,}".replace(",", ".")


def vn_decimal(value: Decimal | float, places: int = 1) -> str:
    """Vietnamese decimal comma: 2,2 — and 1.234,5 for large numbers."""
    q = Decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    whole, _, frac = f"{abs(q):f}".partition(".")
    text = vn_int(int(whole)) + ("," + frac if frac else "")
    return ("-" if q < 0 else "") + text


def vn_percent(value: Decimal | float) -> str:
    return vn_decimal(value) + "%"


def overdue_sentence(summary: Summary) -> str:
    """The sentence monthly reports use for the overdue figure and its trend."""
    t = summary.total
    text = (
        f"{vn_int(t.open_overdue)} nhiệm vụ quá hạn chưa hoàn thành, "
        f"chiếm {vn_percent(t.overdue_share)}"
    )
    change = summary.overdue_change
    if change is None:
        return text + "."
    word = summary.period.previous_word
    if change > 0:
        return text + f", tăng {vn_percent(change)} so với {word}."
    if change < 0:
        return text + f", giảm {vn_percent(-change)} so với {word}."
    return text + f", không thay đổi so với {word}."


def summary_paragraphs(summary: Summary) -> list[str]:
    """The prose above the table of a status report."""
    t = summary.total
    as_of = summary.as_of.strftime("%d/%m/%Y")
    if t.total == 0:
        return [f"Tính đến ngày {as_of}, chưa có nhiệm vụ nào có thời hạn được giao."]
    parts = [
        f"{CATEGORY_LABELS[c].lower()} {vn_int(t.get(c))} ({vn_percent(t.share(c))})"
        for c in Category
    ]
    lines = [
        f"Tính đến ngày {as_of}, tổng số {vn_int(t.total)} nhiệm vụ có thời hạn, trong đó: "
        + "; ".join(parts)
        + ".",
        f"Trong {summary.period.label} có {vn_int(t.due_in_period)} nhiệm vụ đến hạn; "
        f"{vn_int(t.done_in_period)} nhiệm vụ được hoàn thành.",
        _capitalize(overdue_sentence(summary)),
    ]
    return lines


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]

"""The Deadline value: what a deadline phrase means, as the rest of the app uses it.

Field names are the JSON contract of `dondoc deadline --json` and `dondoc extract --json`
(see shared/deadline-phrases.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class DeadlineKind(StrEnum):
    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    PERIOD = "period"
    RECURRING = "recurring"
    ONGOING = "ongoing"
    CONDITIONAL = "conditional"
    TERM = "term"
    DONE = "done"
    RELATIVE = "relative"
    UNSPECIFIED = "unspecified"


class Frequency(StrEnum):
    YEARLY = "yearly"
    SEMIANNUAL = "semiannual"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    WEEKLY = "weekly"


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A repeating deadline: `month`/`day` anchor it inside its period when stated.

    For weekly recurrences `weekday` is 0 (Monday) … 6 (Sunday) when stated. `until` is
    the last day a bounded recurrence may fall due ("hằng năm giai đoạn 2021-2025"), so a
    stored task never grows occurrences past its plan's range.
    """

    freq: Frequency
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    until: date | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"freq": str(self.freq), "month": self.month, "day": self.day}
        if self.weekday is not None:
            out["weekday"] = self.weekday
        if self.until is not None:
            out["until"] = self.until.isoformat()
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Recurrence | None:
        if not data:
            return None
        return cls(
            freq=Frequency(data["freq"]),
            month=data.get("month"),
            day=data.get("day"),
            weekday=data.get("weekday"),
            until=_date(data.get("until")),
        )


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


@dataclass(frozen=True, slots=True)
class Deadline:
    """A resolved deadline phrase. Unknown phrases are kind UNSPECIFIED with `raw` kept."""

    raw: str = ""
    kind: DeadlineKind = DeadlineKind.UNSPECIFIED
    start: date | None = None
    due: date | None = None
    occurrences: tuple[date, ...] = field(default_factory=tuple)
    recurrence: Recurrence | None = None
    condition: str | None = None
    done: bool = False
    continuing: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "kind": str(self.kind),
            "start": _iso(self.start),
            "due": _iso(self.due),
            "occurrences": [d.isoformat() for d in self.occurrences],
            "recurrence": self.recurrence.to_json() if self.recurrence else None,
            "condition": self.condition,
            "done": self.done,
            "continuing": self.continuing,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Deadline:
        if not data:
            return cls()
        return cls(
            raw=data.get("raw") or "",
            kind=DeadlineKind(data.get("kind") or "unspecified"),
            start=_date(data.get("start")),
            due=_date(data.get("due")),
            occurrences=tuple(date.fromisoformat(d) for d in data.get("occurrences") or () if d),
            recurrence=Recurrence.from_json(data.get("recurrence")),
            condition=data.get("condition"),
            done=bool(data.get("done")),
            continuing=bool(data.get("continuing")),
        )


UNSPECIFIED = Deadline()

"""What an operation changed: one small value that views refresh from (anki's OpChanges).

Every write operation in app.db.ops returns a `Change`, or a result that carries one in
its `change` field (`Created`, `Removed`, `ImportResult`, …); the window announces it on
one signal and every view refreshes from that alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol


@dataclass(frozen=True, slots=True)
class Change:
    tasks: frozenset[int] = field(default_factory=frozenset)
    departments: bool = False
    plans: bool = False
    settings: bool = False
    requests: bool = False  # letters and request workbooks sent, answered or cancelled
    summary: str = ""

    @property
    def structure(self) -> bool:
        """True when lists (departments, plans) must be reloaded, not just some rows."""
        return self.departments or self.plans

    def __or__(self, other: Change) -> Change:
        return Change(
            tasks=self.tasks | other.tasks,
            departments=self.departments or other.departments,
            plans=self.plans or other.plans,
            settings=self.settings or other.settings,
            requests=self.requests or other.requests,
            summary="; ".join(s for s in (self.summary, other.summary) if s),
        )


# Everything changed: a restored backup replaced the whole database.
EVERYTHING = Change(departments=True, plans=True, settings=True, requests=True)


class HasChange(Protocol):
    @property
    def change(self) -> Change: ...


def change_of(result: Change | HasChange) -> Change:
    """The Change an operation returned, directly or in its result's `change` field."""
    return result if isinstance(result, Change) else result.change


class Created(NamedTuple):
    """An operation that added one row: what changed, and the new row's id (None when the
    row was there already and nothing was added)."""

    change: Change
    id: int | None

    @property
    def new_id(self) -> int:
        """The id of the row an operation that always adds one (a task, a unit) added."""
        if self.id is None:
            raise ValueError("the operation added no row")
        return self.id


class Removed(NamedTuple):
    """An operation that removed rows: what changed, and what undoing it needs back."""

    change: Change
    snapshots: list[dict[str, Any]]

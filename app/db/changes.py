"""What a service call changed: one small value that views refresh from (anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Change:
    tasks: frozenset[int] = field(default_factory=frozenset)
    departments: bool = False
    plans: bool = False
    settings: bool = False
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
            summary="; ".join(s for s in (self.summary, other.summary) if s),
        )

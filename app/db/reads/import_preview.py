"""Compare an ExtractedPlan with the database before anything is written (beangulp style).

`preview_import` reads only: which file or plan it duplicates, which unit names match
which departments, which tasks already exist; `ops.import_plan` does the writing, from the
same `build_preview` inside its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.deadlines.types import DeadlineKind
from app.core.institutions import abolished_on
from app.core.text import fold
from app.core.units import is_unit_group, unit_key
from app.db.models import Department, DepartmentAlias, Plan, Task
from app.db.reads.known_plan import KnownPlan, find_known_plan
from app.db.store import Database
from app.importers.model import ExtractedPlan

FUZZY_CUTOFF = 0.9


@dataclass(frozen=True, slots=True)
class ExistingPlan:
    id: int
    title: str
    number: str
    source_name: str
    imported_at: datetime
    tasks: int

    def describe(self) -> str:
        what = f"số {self.number}" if self.number else f"«{self.title[:60]}»"
        return f"kế hoạch {what} (nhập ngày {self.imported_at:%d/%m/%Y}, {self.tasks} nhiệm vụ)"


@dataclass(frozen=True, slots=True)
class UnitResolution:
    """How one unit name of the file maps to the department list."""

    name: str
    department_id: int | None
    matched: str | None  # the department name or alias that matched
    score: float  # 1.0: same name or alias; below: fuzzy
    is_group: bool

    @property
    def known(self) -> bool:
        return self.department_id is not None


@dataclass(slots=True)
class ImportPreview:
    plan: ExtractedPlan
    same_file: ExistingPlan | None = None
    same_plan: ExistingPlan | None = None
    known: KnownPlan | None = None  # why `same_plan` is taken for this plan
    units: dict[str, UnitResolution] = field(default_factory=dict)
    duplicates: dict[int, int] = field(default_factory=dict)  # task index -> existing id
    _abolished: dict[str, str] | None = field(default=None, repr=False)

    @property
    def unknown_units(self) -> list[str]:
        return [name for name, r in self.units.items() if not r.known]

    @property
    def abolished_units(self) -> dict[str, str]:
        """Unit names no longer existing on the plan's date (see `_find_abolished`), found
        once per preview: task_problems asks for every task."""
        if self._abolished is None:
            self._abolished = self._find_abolished()
        return self._abolished

    def _find_abolished(self) -> dict[str, str]:
        """Unit names the plan uses that no longer existed on its signing date (the 2025
        mergers) and that the department list does not know: most likely an old plan's
        list copied forward. A name the list knows is the office's own decision (its list
        may keep the old name on purpose). Name -> the warning."""
        day = self.plan.document.date
        if day is None:
            return {}
        return {
            n: a.message()
            for n, r in self.units.items()
            if not r.known and (a := abolished_on(n, day)) is not None
        }

    def task_problems(self, index: int) -> list[str]:
        """Everything the user should look at for one task, in Vietnamese."""
        task = self.plan.tasks[index]
        out = list(task.problems)
        abolished = self.abolished_units
        for name in [task.lead, *task.coordinators]:
            if name and name in self.units and not self.units[name].known:
                out.append(f"Đơn vị chưa có trong danh mục: {name}")
            if name in abolished:
                out.append(f"Tên đơn vị đã thay đổi: {abolished[name]}")
        dl = task.deadline
        if dl.raw and dl.kind == DeadlineKind.UNSPECIFIED:
            out.append(f"Không hiểu thời hạn «{dl.raw}»")
        if not task.lead:
            out.append("Chưa có đơn vị chủ trì")
        if index in self.duplicates:
            out.append("Nhiệm vụ trùng với một nhiệm vụ đã có")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "same_file": self.same_file.describe() if self.same_file else None,
            "same_plan": self.same_plan.describe() if self.same_plan else None,
            "same_plan_id": self.same_plan.id if self.same_plan else None,
            "same_plan_why": self.known.why() if self.known else None,
            "units": {
                n: {
                    "department_id": r.department_id,
                    "matched": r.matched,
                    "score": round(r.score, 3),
                }
                for n, r in self.units.items()
            },
            "unknown_units": self.unknown_units,
            "abolished_units": self.abolished_units,
            "problems": {i: p for i in range(len(self.plan.tasks)) if (p := self.task_problems(i))},
        }


def _existing(s: Session, plan: Plan) -> ExistingPlan:
    n = s.scalar(select(func.count(Task.id)).where(Task.plan_id == plan.id)) or 0
    return ExistingPlan(plan.id, plan.title, plan.number, plan.source_name, plan.imported_at, n)


def unit_candidates(s: Session) -> list[tuple[str, int, str]]:
    """(name or alias, department id, key) for every department."""
    rows = [(d.name, d.id, d.name_key) for d in s.scalars(select(Department))]
    rows += [(a.alias, a.department_id, a.alias_key) for a in s.scalars(select(DepartmentAlias))]
    return rows


def resolve_unit(name: str, candidates: list[tuple[str, int, str]]) -> UnitResolution:
    """Same name or alias first; then a close spelling (typos, missing accents)."""
    key = unit_key(name)
    group = is_unit_group(name)
    for cand, dept_id, cand_key in candidates:
        if cand_key == key:
            return UnitResolution(name, dept_id, cand, 1.0, group)
    best: tuple[float, str, int] | None = None
    words = len(key.split())
    for cand, dept_id, cand_key in candidates:
        if abs(len(cand_key.split()) - words) > 1:
            continue
        score = SequenceMatcher(None, key, cand_key, autojunk=False).ratio()
        better = best is None or score > best[0]
        if score >= FUZZY_CUTOFF and better and _same_head_words(key, cand_key):
            best = (score, cand, dept_id)
    if best is not None:
        return UnitResolution(name, best[2], best[1], best[0], group)
    return UnitResolution(name, None, None, 0.0, group)


def _same_head_words(a: str, b: str) -> bool:
    """Guard against "Sở Nội vụ" ~ "Sở Ngoại vụ": only long words may differ, slightly."""
    for x, y in zip(a.split(), b.split(), strict=False):
        if x == y:
            continue
        if min(len(x), len(y)) < 5 or SequenceMatcher(None, x, y).ratio() < 0.8:
            return False
    return True


def build_preview(s: Session, extracted: ExtractedPlan) -> ImportPreview:
    preview = ImportPreview(plan=extracted)
    if extracted.sha256:
        same = s.scalar(select(Plan).where(Plan.source_sha256 == extracted.sha256))
        if same is not None:
            preview.same_file = _existing(s, same)
    known = find_known_plan(s, extracted)
    same_plan = s.get(Plan, known.plan_id) if known is not None else None
    if same_plan is not None:
        preview.same_plan = _existing(s, same_plan)
        preview.known = known
    candidates = unit_candidates(s)
    for name in extracted.units():
        preview.units[name] = resolve_unit(name, candidates)
    texts: dict[str, int] = {}
    for i, t in enumerate(extracted.tasks):
        texts.setdefault(t.text, i)
    exclude = same_plan.id if same_plan is not None else -1
    keys = list(texts)
    for start in range(0, len(keys), 500):
        rows = s.execute(
            select(Task.id, Task.text).where(
                Task.text.in_(keys[start : start + 500]),
                (Task.plan_id != exclude) | Task.plan_id.is_(None),
            )
        ).all()
        for task_id, text in rows:
            preview.duplicates[texts[text]] = task_id
    return preview


def match_tasks(old: list[Task], new_texts: list[str]) -> dict[int, Task]:
    """Pair tasks of a new version of a plan with the stored ones (same or similar text)."""
    by_key: dict[str, list[Task]] = {}
    for t in old:
        by_key.setdefault(fold(t.text), []).append(t)
    pairs: dict[int, Task] = {}
    used: set[int] = set()
    for i, text in enumerate(new_texts):
        bucket = by_key.get(fold(text))
        while bucket:
            cand = bucket.pop(0)
            if cand.id not in used:
                pairs[i] = cand
                used.add(cand.id)
                break
    rest = [t for t in old if t.id not in used]
    for i, text in enumerate(new_texts):
        if i in pairs or not rest:
            continue
        key = fold(text)
        scored = [
            (SequenceMatcher(None, key, fold(t.text), autojunk=False).ratio(), t) for t in rest
        ]
        score, best = max(scored, key=lambda x: x[0])
        if score >= 0.8:
            pairs[i] = best
            rest.remove(best)
    return pairs


def preview_import(db: Database, extracted: ExtractedPlan) -> ImportPreview:
    """What importing `extracted` would do."""
    with db.read() as s:
        return build_preview(s, extracted)

"""Is this plan already stored? The same plan in another file, format or issuer spelling.

A plan is known when a stored plan has the same number and a compatible issuer (equal,
missing on one side, or spelled differently but naming the same body), the same number
and the same date, or — when the numbers do not tell — most of the same tasks (texts
compared without accents, case, punctuation or spacing, so a .xlsx, a .docx and a PDF of
one plan agree). Two plans whose dates differ are never the same by their tasks (a plan
copied for a new year keeps its tasks but not its date); with another number only the very same task list counts (a number typed by hand may differ).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.text import fold
from app.db.models import Plan, Task
from app.db.taskdata import plan_keys
from app.importers.model import ExtractedPlan

# Share of the smaller plan's tasks that must be found in the other one.
SHARED_TASKS = 0.6
# Two task texts are the same task at this similarity (after `task_key`).
SAME_TASK = 0.85
_PREFIX = 40  # characters of the folded text compared in SQL to find candidate plans
_MAX_PAIRS = 250_000  # close-text comparisons at most (a few seconds' worth)
_PUNCT = re.compile(r"[^\w]+")
_ISSUER_NOISE = {"tinh", "thanh", "pho", "huyen", "xa", "quan", "phuong", "thi", "tran"}


@dataclass(frozen=True, slots=True)
class KnownPlan:
    """A stored plan the extracted one is taken for, and why."""

    plan_id: int
    reason: str  # "number" | "number_date" | "tasks"
    shared: int  # tasks of the file found in the stored plan
    tasks: int  # tasks of the stored plan
    strict: bool  # same number and issuer: a second plan of that identity cannot be stored

    def why(self) -> str:
        """Why it is taken for the stored plan, in Vietnamese."""
        if self.reason == "number":
            return "cùng số hiệu"
        if self.reason == "number_date":
            return "cùng số hiệu và ngày ban hành"
        return f"{self.shared}/{self.tasks} nhiệm vụ trùng nội dung"


def task_key(text: str | None) -> str:
    """A task's text without accents, case, punctuation or runs of spaces."""
    return " ".join(_PUNCT.sub(" ", fold(text)).split())


def same_task(a: str, b: str) -> bool:
    """Two `task_key`s of one task: equal, or close (a word changed, a PDF's glued words)."""
    if a == b:
        return True
    if not a or not b:
        return False
    m = SequenceMatcher(None, a, b, autojunk=False)
    return (
        m.real_quick_ratio() >= SAME_TASK
        and m.quick_ratio() >= SAME_TASK
        and (m.ratio() >= SAME_TASK)
    )


def shared_tasks(new: list[str], old: list[str]) -> int:
    """How many of `new` (task keys) have a counterpart in `old`, each used once: equal
    keys first, then close ones (skipped when too many are left to compare pairwise)."""
    pool = Counter(old)
    hits = 0
    left: list[str] = []
    for key in new:
        if pool[key] > 0:
            pool[key] -= 1
            hits += 1
        else:
            left.append(key)
    rest = list(pool.elements())
    if len(left) * len(rest) > _MAX_PAIRS:
        return hits
    for key in left:
        for i, cand in enumerate(rest):
            if same_task(key, cand):
                del rest[i]
                hits += 1
                break
    return hits


def enough_shared(shared: int, new: int, old: int) -> bool:
    """Most tasks of the smaller plan, and at least two (one when a plan has one)."""
    small = min(new, old)
    if small == 0:
        return False
    return shared >= max(min(2, small), SHARED_TASKS * small)


def _similar_issuer(a: str, b: str) -> bool:
    """Two spellings of one issuer ("UBND tỉnh Bình Định" / "ỦY BAN NHÂN DÂN TỈNH BÌNH
    ĐỊNH"), or one missing: every word of the shorter, place words aside, is in the
    longer one, or is the initials of words in it ("ubnd", "đuk")."""
    wa = [w for w in task_key(a).split() if w not in _ISSUER_NOISE]
    wb = [w for w in task_key(b).split() if w not in _ISSUER_NOISE]
    if not wa or not wb:
        return True
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    initials = {
        "".join(w[0] for w in big[i:j]) for i in range(len(big)) for j in range(i + 2, len(big) + 1)
    }
    return all(w in big or w in initials for w in small)


def find_known_plan(s: Session, extracted: ExtractedPlan) -> KnownPlan | None:
    number_key, issuer_key = plan_keys(extracted.document.number, extracted.document.issuer)
    signed = extracted.document.date
    keys = [task_key(t.text) for t in extracted.tasks]
    if number_key is not None:
        by_number = list(
            s.scalars(select(Plan).where(Plan.number_key == number_key).order_by(Plan.id))
        )
        for plan in by_number:  # same identity first
            if plan.issuer_key == issuer_key:
                return _known(s, plan, "number", keys, strict=True)
        issuer = extracted.document.issuer
        for plan in (p for p in by_number if _similar_issuer(p.issuer, issuer)):
            if signed is not None and plan.signed_on == signed:
                return _known(s, plan, "number_date", keys)
            if plan.signed_on is None or signed is None:
                return _known(s, plan, "number", keys)
        # Same number, another issuer or date: another body's plan (or year's).
    return _by_tasks(s, extracted, keys, number_key)


def _known(s: Session, plan: Plan, reason: str, keys: list[str], strict: bool = False) -> KnownPlan:
    old = _plan_task_keys(s, plan.id)
    return KnownPlan(plan.id, reason, shared_tasks(keys, old), len(old), strict)


def _plan_task_keys(s: Session, plan_id: int) -> list[str]:
    return [task_key(t) for t in s.scalars(select(Task.text).where(Task.plan_id == plan_id))]


def _by_tasks(
    s: Session, extracted: ExtractedPlan, keys: list[str], number_key: str | None
) -> KnownPlan | None:
    """The stored plan holding most of these tasks, when nothing of its header disagrees."""
    prefixes = sorted({fold(t.text)[:_PREFIX] for t in extracted.tasks if t.text.strip()})
    if not prefixes:
        return None
    counts: dict[int, int] = {}
    head = func.substr(Task.search_text, 1, _PREFIX)
    for start in range(0, len(prefixes), 400):
        rows = s.execute(
            select(Task.plan_id, func.count(Task.id))
            .where(head.in_(prefixes[start : start + 400]), Task.plan_id.is_not(None))
            .group_by(Task.plan_id)
        ).all()
        for plan_id, n in rows:
            if plan_id is not None:  # filtered above; the row type still allows None
                counts[plan_id] = counts.get(plan_id, 0) + n
    signed = extracted.document.date
    best: KnownPlan | None = None
    for plan_id in sorted(counts, key=lambda p: -counts[p])[:5]:
        plan = s.get(Plan, plan_id)
        if plan is None:
            continue
        if signed and plan.signed_on and plan.signed_on != signed:
            continue  # another date: another plan (a new year's copy)
        if not _similar_issuer(plan.issuer, extracted.document.issuer):
            continue
        old = _plan_task_keys(s, plan_id)
        shared = shared_tasks(keys, old)
        enough = enough_shared(shared, len(keys), len(old))
        if number_key and plan.number_key and plan.number_key != number_key:
            # Numbers disagree (one typed by hand?): only the very same task list.
            enough = shared >= max(3, 0.9 * max(len(keys), len(old)))
        if enough and (best is None or shared > best.shared):
            best = KnownPlan(plan_id, "tasks", shared, len(old), False)
    return best

"""Score plan extraction against hand-written gold, per file format (prints, never fails).

    uv run python -m bench.plan_score [FOLDER ...] [--formats txt,docx,pdf,xlsx]
                                      [--make-pdf] [-v] [--json OUT]

A FOLDER holds NAME.expected.json beside NAME.txt (or .md) and, when made, NAME.pdf
(LibreOffice's export of the Word rendering, committed so no LibreOffice is needed). The
.docx and, for a plan with a task table, the .xlsx are rendered on the fly the way
offices make them (tests/office_render.py); --make-pdf exports missing PDFs with
LibreOffice first. Default folder: tests/data/unseen/tuning.

Gold (NAME.expected.json): {"document": {"number", "date", "issuer"?}, "tasks": [{"text"
(how the task starts), "lead", "coordinators"? (checked only when given), "deadline":
{"kind", "due"}, "table"? (true: the task is a row of the plan's table, so it is also in
the workbook)}]}. Found tasks are matched to gold tasks in order by the start of their
text. Per format and overall it prints recall and precision of tasks, and for matched
tasks the share with the right lead, coordinators, deadline kind and due date, then the
share of plans whose number, date and issuer are right.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.text import fold  # noqa: E402
from app.core.units import unit_key  # noqa: E402

FORMATS = ("txt", "docx", "pdf", "xlsx")
DEFAULT = ROOT / "tests" / "data" / "unseen" / "tuning"


def norm(text: str | None) -> str:
    return " ".join(fold(text).replace("*", " ").split())


def same_unit(expected: str | None, found: str | None) -> bool:
    """The same unit, allowing a qualifier more or less ("… trong Khối")."""
    if not expected or not found:
        return not expected and not found
    a, b = unit_key(expected), unit_key(found)
    return a == b or a.startswith(b) or b.startswith(a)


def same_units(expected: Iterable[str], found: Iterable[str]) -> bool:
    want = sorted(unit_key(u) for u in expected)
    got = sorted(unit_key(u) for u in found)
    return want == got


@dataclass
class Tally:
    plans: int = 0
    expected: int = 0
    found: int = 0
    matched: int = 0
    lead: int = 0
    coord_checked: int = 0
    coord: int = 0
    kind: int = 0
    due: int = 0
    number: int = 0
    date: int = 0
    issuer_checked: int = 0
    issuer: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in asdict(other).items():
            if name == "misses":
                self.misses.extend(other.misses)
            else:
                setattr(self, name, getattr(self, name) + value)

    def ratios(self) -> dict[str, float | None]:
        def r(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "recall": r(self.matched, self.expected),
            "precision": r(self.matched, self.found),
            "lead": r(self.lead, self.matched),
            "coordinators": r(self.coord, self.coord_checked),
            "kind": r(self.kind, self.matched),
            "due": r(self.due, self.matched),
            "number": r(self.number, self.plans),
            "date": r(self.date, self.plans),
            "issuer": r(self.issuer, self.issuer_checked),
        }


def score(plan, gold: dict, *, table_only: bool = False, where: str = "") -> Tally:
    """Compare one extracted plan with its gold; `table_only` keeps the table's tasks."""
    want_tasks = [t for t in gold["tasks"] if t.get("table") or not table_only]
    s = Tally(plans=1, expected=len(want_tasks), found=len(plan.tasks))
    doc, want = plan.document, gold["document"]
    if doc.number == (want.get("number") or ""):
        s.number = 1
    else:
        s.misses.append(f"{where}: number {doc.number!r} ≠ {want.get('number')!r}")
    got_date = doc.date.isoformat() if doc.date else None
    if got_date == want.get("date"):
        s.date = 1
    else:
        s.misses.append(f"{where}: date {got_date} ≠ {want.get('date')}")
    if want.get("issuer") is not None and not table_only:
        s.issuer_checked = 1
        if fold(doc.issuer) == fold(want["issuer"]):
            s.issuer = 1
        else:
            s.misses.append(f"{where}: issuer {doc.issuer!r} ≠ {want['issuer']!r}")
    used: set[int] = set()
    for exp in want_tasks:
        start = norm(exp["text"])
        hit = next(
            (
                i
                for i, t in enumerate(plan.tasks)
                if i not in used and norm(t.text).startswith(start)
            ),
            None,
        )
        if hit is None:
            s.misses.append(f"{where}: missing «{exp['text']}»")
            continue
        used.add(hit)
        s.matched += 1
        task = plan.tasks[hit]
        if same_unit(exp["lead"], task.lead):
            s.lead += 1
        else:
            s.misses.append(f"{where}: lead of «{exp['text']}» {task.lead!r} ≠ {exp['lead']!r}")
        if "coordinators" in exp:
            s.coord_checked += 1
            if same_units(exp["coordinators"], task.coordinators):
                s.coord += 1
            else:
                s.misses.append(
                    f"{where}: coordinators of «{exp['text']}» {task.coordinators} ≠ "
                    f"{exp['coordinators']}"
                )
        dl = exp["deadline"]
        due = task.deadline.due.isoformat() if task.deadline.due else None
        s.kind += str(task.deadline.kind) == dl["kind"]
        s.due += due == dl["due"]
        if str(task.deadline.kind) != dl["kind"] or due != dl["due"]:
            s.misses.append(
                f"{where}: deadline of «{exp['text']}» {task.deadline.kind}/{due} "
                f"(«{task.deadline.raw}») ≠ {dl['kind']}/{dl['due']}"
            )
    for i, t in enumerate(plan.tasks):
        if i not in used:
            s.misses.append(f"{where}: extra «{t.text[:80]}»")
    return s


def gold_files(folders: Iterable[Path]) -> list[Path]:
    return sorted(p for f in folders for p in Path(f).glob("*.expected.json"))


def source_of(gold: Path) -> Path:
    stem = gold.name.removesuffix(".expected.json")
    for suffix in (".txt", ".md"):
        if (gold.parent / f"{stem}{suffix}").exists():
            return gold.parent / f"{stem}{suffix}"
    raise FileNotFoundError(stem)


def rendered(gold: Path, fmt: str, scratch: Path, make_pdf: bool = False) -> Path | None:
    """The plan's file in `fmt`, made now when it is made on the fly; None if there is none."""
    from tests.office_render import convert, office_docx, write_xlsx

    src = source_of(gold)
    if fmt == "txt":
        return src
    if fmt == "docx":
        return office_docx(src, scratch / f"{src.stem}.docx")
    if fmt == "xlsx":
        return write_xlsx(src, scratch / f"{src.stem}.xlsx")
    pdf = gold.parent / f"{src.stem}.pdf"
    if pdf.exists():
        return pdf
    if make_pdf:
        return convert(office_docx(src, scratch / f"{src.stem}.docx"), gold.parent)
    return None


def extract(path: Path, gold: dict):
    from app.importers.base import ExtractOptions
    from app.importers.registry import extract_file

    ref = (gold.get("options") or {}).get("ref")
    return extract_file(path, ExtractOptions(ref=date.fromisoformat(ref) if ref else None))


def run(
    folders: Iterable[Path], formats: Iterable[str] = FORMATS, make_pdf: bool = False
) -> dict[str, Tally]:
    """Tallies per format and "overall"."""
    out = {fmt: Tally() for fmt in formats}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for gold_path in gold_files(folders):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            name = gold_path.name.removesuffix(".expected.json")
            for fmt in formats:
                if fmt == "xlsx" and not any(t.get("table") for t in gold["tasks"]):
                    continue  # the gold does not say which tasks are the table's
                path = rendered(gold_path, fmt, scratch, make_pdf)
                if path is None:
                    continue
                try:
                    plan = extract(path, gold)
                except Exception as ex:  # a refused file scores nothing, and says why
                    t = Tally(plans=1, expected=len(gold["tasks"]))
                    t.misses.append(f"{name}.{fmt}: not read: {ex}")
                    out[fmt].add(t)
                    continue
                out[fmt].add(score(plan, gold, table_only=fmt == "xlsx", where=f"{name}.{fmt}"))
    total = Tally()
    for t in out.values():
        total.add(t)
    out["overall"] = total
    return out


def table(results: dict[str, Tally]) -> str:
    cols = ("recall", "precision", "lead", "coordinators", "kind", "due", "number", "date")
    head = f"{'format':8} {'plans':>5} {'tasks':>11} " + " ".join(f"{c[:6]:>6}" for c in cols)
    lines = [head, "-" * len(head)]
    for fmt, t in results.items():
        r = t.ratios()
        cells = " ".join(f"{'—':>6}" if r[c] is None else f"{r[c]:6.2f}" for c in cols)
        tasks = f"{t.matched}/{t.expected}/{t.found}"
        lines.append(f"{fmt:8} {t.plans:5d} {tasks:>11} {cells}")
    lines.append("tasks = matched/expected/found; a dash: nothing to measure")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--make-pdf", action="store_true", help="export missing PDFs (LibreOffice)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every difference")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args(argv)
    results = run(args.folders, args.formats.split(","), args.make_pdf)
    print(table(results))
    if args.verbose:
        print()
        print("\n".join(results["overall"].misses) or "no differences")
    if args.json:
        data = {fmt: {**asdict(t), "ratios": t.ratios()} for fmt, t in results.items()}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

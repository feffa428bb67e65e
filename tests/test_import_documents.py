"""Plan documents end to end: each plan in tests/data/plans, as text, as .docx and as .pdf,
gives the tasks written by hand in its .expected.json.

The expected files were written from reading the documents, not from the program's
output. A plan passes when the measures the issue sets hold: ≥ 95 % of the tasks found,
≥ 90 % of the items found are tasks, the lead right for ≥ 90 %, kind and due right for
≥ 95 %, and the plan's number and date exact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from app.core.text import fold
from app.core.units import unit_key
from app.importers.base import ExtractOptions
from app.importers.model import ExtractedPlan, ExtractedTask
from app.importers.plans.importer import DocumentImporter
from tests.plan_render import plan_model, write_docx, write_pdf

PLANS = Path(__file__).parent / "data" / "plans"
EXPECTED = sorted(PLANS.glob("*.expected.json"))


def _source(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.json")
    for suffix in (".txt", ".md"):
        if (PLANS / f"{stem}{suffix}").exists():
            return PLANS / f"{stem}{suffix}"
    raise FileNotFoundError(stem)


def _norm(text: str | None) -> str:
    return " ".join(fold(text).replace("*", " ").split())


def same_unit(expected: str | None, found: str | None) -> bool:
    """The same unit, allowing a qualifier more or less ("… trong Khối")."""
    if not expected or not found:
        return not expected and not found
    a, b = unit_key(expected), unit_key(found)
    return a == b or a.startswith(b) or b.startswith(a)


@dataclass
class Score:
    expected: int
    found: int
    matched: int = 0
    lead_ok: int = 0
    deadline_ok: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    def report(self) -> str:
        return (
            f"tasks expected {self.expected}, found {self.found}, matched {self.matched}; "
            f"lead right {self.lead_ok}, deadline right {self.deadline_ok}\n  "
            + "\n  ".join(self.misses[:15])
        )


def score(plan: ExtractedPlan, expected: dict) -> Score:
    """Match expected tasks to found ones in order by the start of their text."""
    found: list[ExtractedTask] = plan.tasks
    s = Score(len(expected["tasks"]), len(found))
    used: set[int] = set()
    for exp in expected["tasks"]:
        start = _norm(exp["text"])
        hit = next(
            (i for i, t in enumerate(found) if i not in used and _norm(t.text).startswith(start)),
            None,
        )
        if hit is None:
            s.misses.append(f"missing: {exp['text']}")
            continue
        used.add(hit)
        s.matched += 1
        task = found[hit]
        if same_unit(exp["lead"], task.lead):
            s.lead_ok += 1
        else:
            s.misses.append(f"lead of «{exp['text']}»: {task.lead!r} ≠ {exp['lead']!r}")
        want = exp["deadline"]
        due = task.deadline.due.isoformat() if task.deadline.due else None
        if str(task.deadline.kind) == want["kind"] and due == want["due"]:
            s.deadline_ok += 1
        else:
            s.misses.append(
                f"deadline of «{exp['text']}»: {task.deadline.kind}/{due} "
                f"(«{task.deadline.raw}») ≠ {want['kind']}/{want['due']}"
            )
    for i, t in enumerate(found):
        if i not in used:
            s.misses.append(f"extra: {t.text[:70]}")
    return s


def extract(path: Path, expected: dict) -> ExtractedPlan:
    ref = (expected.get("options") or {}).get("ref")
    options = ExtractOptions(ref=date.fromisoformat(ref) if ref else None)
    return DocumentImporter().extract(path, options)


def check(plan: ExtractedPlan, expected: dict) -> Score:
    doc = expected["document"]
    assert plan.document.number == doc["number"]
    assert (plan.document.date.isoformat() if plan.document.date else None) == doc["date"]
    if "issuer" in doc:
        assert fold(plan.document.issuer) == fold(doc["issuer"])
    assert _norm(plan.document.title).startswith(_norm(doc["title_start"]))
    s = score(plan, expected)
    assert s.recall >= 0.95, s.report()
    assert s.precision >= 0.90, s.report()
    assert s.lead_ok >= 0.90 * s.matched, s.report()
    assert s.deadline_ok >= 0.95 * s.matched, s.report()
    return s


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, qapp):
    """Every test plan as .docx (once with Word list numbering) and as .pdf (Qt)."""
    out = tmp_path_factory.mktemp("plans")
    files: dict[tuple[str, str], Path] = {}
    for k, exp in enumerate(EXPECTED):
        src = _source(exp)
        blocks = plan_model(src)
        files[(exp.name, "docx")] = write_docx(
            blocks, out / f"{src.stem}.docx", auto_numbering=k % 2 == 1
        )
        files[(exp.name, "pdf")] = write_pdf(blocks, out / f"{src.stem}.pdf")
    return files


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_text_copy_gives_the_expected_tasks(expected_file):
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    s = check(extract(_source(expected_file), expected), expected)
    # the hand-written expectations are met in full on the text copies
    assert (s.matched, s.lead_ok, s.deadline_ok) == (s.expected,) * 3, s.report()
    assert s.found == s.expected, s.report()


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_word_and_pdf_give_the_same_tasks_as_the_text(expected_file, kind, rendered):
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    text_plan = extract(_source(expected_file), expected)
    plan = extract(rendered[(expected_file.name, kind)], expected)
    check(plan, expected)
    assert [(_norm(t.text)[:60], unit_key(t.lead), t.deadline) for t in plan.tasks] == [
        (_norm(t.text)[:60], unit_key(t.lead), t.deadline) for t in text_plan.tasks
    ]


def test_extract_json_has_the_cli_contract(tmp_path):
    from io import StringIO

    from app.cli import main

    db = tmp_path / "none.db"
    out = StringIO()
    src = PLANS / "synth_ubnd_chuyen_doi_so.txt"
    assert main(["--db", str(db), "extract", str(src), "--json"], out=out) == 0
    data = json.loads(out.getvalue())
    assert data["document"] == {
        "title": data["document"]["title"],
        "number": "45/KH-UBND",
        "date": "2023-02-02",
        "issuer": "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN",
    }
    first = data["tasks"][0]
    assert set(first) >= {"text", "lead", "coordinators", "section", "deadline"}
    assert first["deadline"]["kind"] == "quarter" and first["deadline"]["due"] == "2023-06-30"
    assert not db.exists(), "extract must not write anything"


def test_import_stores_the_plan_once(tmp_path, capsys):
    from app.cli import main
    from app.db.store import Database

    db = tmp_path / "plans.db"
    src = PLANS / "synth_huyen_uy_chuong_trinh.md"
    assert main(["--db", str(db), "import", str(src)]) == 0
    database = Database.open(db)
    try:
        from sqlalchemy import text

        with database.read() as s:
            assert s.execute(text("SELECT count(*) FROM tasks")).scalar() == 15
            assert s.execute(text("SELECT number FROM plans")).scalar() == "12-CTr/HU"
    finally:
        database.close()
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(src)]) != 0
    err = capsys.readouterr().err
    assert "đã được nhập" in err and "Traceback" not in err

"""Excel import and export against bare openpyxl on the same 10,000 rows.

    uv run python -m bench.bench_excel [--rows 10000] [--repeat 3]

Import: `ExcelImporter.extract` (header detection, groups, units, deadline parsing) on an
office-style workbook versus one bare openpyxl read-only pass over it (target ≤ 1.5×).
Export: `write_tasks_workbook` (styles, groups, report sheet) versus a bare openpyxl
write-only export of the same cell values (target ≤ 1.5×). Prints figures and ratios;
never fails.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import generate  # noqa: E402

TODAY = date(2024, 6, 12)


def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


@dataclass(frozen=True, slots=True)
class Row:
    """Shaped like app.db.reads.tasks.TaskRow, for the pure writer."""

    text: str
    lead: str | None
    coordinators: tuple[str, ...]
    deadline_raw: str
    kind: object
    due: date | None
    completed_on: date | None
    status: object
    product: str
    note: str
    progress: str
    plan_number: str
    plan_title: str


def task_rows(n: int) -> list[Row]:
    from app.core.deadlines.types import DeadlineKind
    from app.core.status import task_status

    r = random.Random(7)
    names = [d for d, _ in generate.departments(300)]
    rows = []
    for i in range(n):
        due = date(2023, 1, 1) + timedelta(days=r.randint(0, 900))
        done = due - timedelta(days=r.randint(-20, 30)) if r.random() < 0.4 else None
        rows.append(
            Row(
                text=generate.task_text(r, i),
                lead=r.choice(names),
                coordinators=tuple(r.sample(names, r.randint(0, 2))),
                deadline_raw=f"trước ngày {due:%d/%m/%Y}",
                kind=DeadlineKind.DATE,
                due=due,
                completed_on=done,
                status=task_status(DeadlineKind.DATE, due, done, TODAY),
                product=r.choice(["Báo cáo", "Kế hoạch", ""]),
                note="",
                progress="",
                plan_number="45-KH/TU",
                plan_title="Kế hoạch",
            )
        )
    return rows


def bench_import(tmp: Path, n: int, repeat: int) -> dict[str, float]:
    from openpyxl import load_workbook

    from app.importers.base import ExtractOptions
    from app.importers.tables.importer import ExcelImporter

    src = generate.make_workbook(tmp / f"tasks-{n}.xlsx", n)

    def bare() -> None:
        wb = load_workbook(src, read_only=True)
        for _ in wb.active.iter_rows(values_only=True):
            pass
        wb.close()

    def ours() -> None:
        plan = ExcelImporter().extract(src, ExtractOptions(ref=date(2023, 3, 15)))
        assert len(plan.tasks) == n, len(plan.tasks)

    ours()  # warm caches of imports, not of data
    b, o = best_of(bare, repeat), best_of(ours, repeat)
    return {"bare_s": b, "dondoc_s": o, "ratio": o / b}


def bench_export(tmp: Path, n: int, repeat: int) -> dict[str, float]:
    from openpyxl import Workbook

    from app.exports.excel.book import STATUS_LABELS, write_tasks_workbook

    rows = task_rows(n)
    values = [
        [
            i,
            r.text,
            r.lead,
            "\n".join(r.coordinators),
            r.deadline_raw,
            r.due,
            STATUS_LABELS[r.status],
            r.completed_on,
            r.product,
            r.progress,
            r.note,
            r.plan_number,
        ]
        for i, r in enumerate(rows, 1)
    ]

    def bare() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Nhiệm vụ")
        for v in values:
            ws.append(v)
        wb.save(tmp / "bare.xlsx")

    def ours() -> None:
        write_tasks_workbook(tmp / "ours.xlsx", rows, today=TODAY)

    b, o = best_of(bare, repeat), best_of(ours, repeat)
    return {"bare_s": b, "dondoc_s": o, "ratio": o / b}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, fn in (("import", bench_import), ("export", bench_export)):
            res = fn(Path(tmp), args.rows, args.repeat)
            verdict = "ok" if res["ratio"] <= 1.5 else "MISS"
            print(
                f"{name} {args.rows} rows: bare openpyxl {res['bare_s']:.3f}s, "
                f"dondoc {res['dondoc_s']:.3f}s, ratio {res['ratio']:.2f}× "
                f"(target ≤ 1.5×: {verdict})"
            )


if __name__ == "__main__":
    main()

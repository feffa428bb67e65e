"""Recurring and 'already done' deadlines as stored tasks: occurrences, completion, status."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from app.core.deadlines.parse import parse_deadline
from app.core.status import Status
from app.db import ops
from app.db.models import Occurrence, Plan, Task
from app.db.reads.filters import TaskFilter
from app.db.reads.settings import setting
from app.db.reads.tasks import status_counts, task_ids, task_rows
from app.db.store import Database
from app.db.taskdata import TaskInput

TODAY = date(2026, 12, 5)


def new_task(db, phrase: str, ref: date, **kw) -> int:
    ops.create_task(
        db, TaskInput(text=f"Việc {phrase}", deadline=parse_deadline(phrase, ref), **kw), today=ref
    )
    with db.read() as s:
        return s.scalars(select(Task.id).order_by(Task.id.desc())).first()


def row(db, task_id: int, today: date = TODAY):
    return task_rows(db, [task_id], today)[0]


def occurrences(db, task_id: int) -> list[tuple[date, date | None]]:
    with db.read() as s:
        return [
            (o.due_date, o.completed_on)
            for o in s.scalars(
                select(Occurrence)
                .where(Occurrence.task_id == task_id)
                .order_by(Occurrence.due_date)
            )
        ]


def test_completing_the_last_open_occurrence_adds_the_next_one_at_once(db):
    task_id = new_task(db, "trước 15/10 hằng năm", date(2026, 3, 1))
    ops.refresh_occurrences(db, date(2026, 3, 1))
    with db.session() as s:  # as if every occurrence up to the horizon had been done
        for o in s.scalars(select(Occurrence).where(Occurrence.task_id == task_id)):
            if o.due_date.year > 2026:
                s.delete(o)
    change = ops.set_completion(db, [task_id], date(2026, 10, 10))
    assert change.summary == "Đã hoàn thành kỳ hạn 15/10/2026; kỳ tiếp theo: 15/10/2027"
    assert occurrences(db, task_id)[-1] == (date(2027, 10, 15), None)
    r = row(db, task_id)
    assert r.due == date(2027, 10, 15) and r.status == Status.OPEN  # not overdue till restart


def test_an_occurrence_left_undone_keeps_the_task_overdue(db):
    task_id = new_task(db, "Hằng năm", date(2023, 3, 1))
    ops.refresh_occurrences(db, TODAY)
    r = row(db, task_id)
    assert r.due == date(2023, 12, 31) and r.status == Status.OVERDUE
    change = ops.set_completion(db, [task_id], date(2024, 1, 5))
    assert change.summary.startswith("Đã hoàn thành kỳ hạn 31/12/2023; kỳ tiếp theo: 31/12/2024")
    assert row(db, task_id).status == Status.OVERDUE  # 2024 and 2025 are still open


def test_a_bounded_recurrence_never_grows_past_its_plan_and_then_is_done(db):
    task_id = new_task(db, "hằng năm giai đoạn 2021-2023", date(2021, 3, 1))
    ops.refresh_occurrences(db, TODAY)
    assert [d for d, _ in occurrences(db, task_id)] == [
        date(2021, 12, 31),
        date(2022, 12, 31),
        date(2023, 12, 31),
    ]
    for day in (date(2021, 12, 1), date(2022, 12, 1), date(2023, 12, 1)):
        ops.set_completion(db, [task_id], day)
    r = row(db, task_id)
    assert r.status == Status.DONE_ON_TIME and r.completed_on == date(2023, 12, 1)
    assert len(occurrences(db, task_id)) == 3


def test_semiannual_month_ends_fall_on_each_months_last_day(db):
    task_id = new_task(db, "Trước 30/6 và 31/12 hằng năm", date(2026, 1, 5))
    ops.refresh_occurrences(db, TODAY)
    assert [d for d, _ in occurrences(db, task_id)][:4] == [
        date(2026, 6, 30),
        date(2026, 12, 31),
        date(2027, 6, 30),
        date(2027, 12, 31),
    ]


@pytest.mark.parametrize("phrase", ["đã thực hiện trong tháng 3/2022", "đã ban hành"])
def test_a_done_phrase_is_done_everywhere(db, phrase):
    """The row, the status bar counts and the overdue filter agree (they did not)."""
    task_id = new_task(db, phrase, date(2022, 1, 10))
    r = row(db, task_id)
    assert r.status == Status.DONE_ON_TIME and r.completed_on is not None
    counts = status_counts(db, TaskFilter(today=TODAY))
    overdue = task_ids(db, TaskFilter(today=TODAY, statuses=frozenset({Status.OVERDUE})))
    assert counts == {Status.DONE_ON_TIME: 1} and overdue == []


def test_editing_the_phrase_to_done_completes_the_task(db):
    task_id = new_task(db, "Quý I/2022", date(2022, 1, 10))
    assert row(db, task_id).status == Status.OVERDUE
    ops.update_task(
        db, task_id, deadline=parse_deadline("đã thực hiện trong tháng 3/2022", date(2022, 1, 10))
    )
    assert row(db, task_id).completed_on == date(2022, 3, 31)


def test_the_migration_brings_old_data_in_line_with_the_rule(tmp_path):
    path = tmp_path / "cu.db"
    db = Database.open(path, migrate=False)
    db.migrate("0006")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO plans (id, title, number, issuer, signed_on, source_name, "
                "imported_at) VALUES (1, 'KH', '1-KH/TU', 'TỈNH ỦY', '2021-03-01', 'a.txt', "
                "'2021-03-02 00:00:00')"
            )
        )
        for tid, raw, kind, due, rec in [
            (1, "đã thực hiện trong tháng 3/2021", "done", "2021-03-31", None),
            (2, "hằng năm giai đoạn 2021-2022", "recurring", "2021-12-31", '{"freq": "yearly"}'),
        ]:
            conn.execute(
                text(
                    "INSERT INTO tasks (id, plan_id, text, deadline_raw, deadline_kind, due_date,"
                    " recurrence, created_at, updated_at, version, section, number, position, "
                    "product, note, search_text, done_flag, due_override, continuing) VALUES "
                    "(:i, 1, 'Việc', :r, :k, :d, :rec, '2021-03-02 00:00:00', "
                    "'2021-03-02 00:00:00', 1, '', '', :i, '', '', '', 0, 0, 0)"
                ),
                {"i": tid, "r": raw, "k": kind, "d": due, "rec": rec},
            )
        for day in ("2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31"):
            conn.execute(
                text("INSERT INTO occurrences (task_id, due_date) VALUES (2, :d)"), {"d": day}
            )
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('term', '[2020, 2025]')"))
    db.close()
    db = Database.open(path)
    assert row(db, 1).status == Status.DONE_ON_TIME and row(db, 1).completed_on == date(2021, 3, 31)
    assert [d for d, _ in occurrences(db, 2)] == [date(2021, 12, 31), date(2022, 12, 31)]
    assert setting(db, "term") is None  # the old default: terms now by plan
    assert len(setting(db, "database_id")) == 32


def test_a_term_given_at_import_is_the_plans_own(db, tmp_path):
    """`import --term` stores the plan's term; "cuối nhiệm kỳ" is read against it."""
    from app.cli import main

    plan = tmp_path / "kh.txt"
    plan.write_text(
        "HUYỆN ỦY ĐỨC TRỌNG\nSố 12-KH/HU\nĐức Trọng, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\n"
        "thực hiện Nghị quyết\n\nI. NHIỆM VỤ\n1. Ban Tổ chức Huyện ủy chủ trì tổng kết việc "
        "thực hiện Nghị quyết, hoàn thành cuối nhiệm kỳ.\n",
        encoding="utf-8",
    )
    target = str(tmp_path / "t.db")
    assert main(["--db", target, "import", str(plan)]) == 0
    other = Database.open(target)
    with other.read() as s:
        due = s.scalar(select(Task.due_date))
    assert due == date(2030, 12, 31)  # a Huyện ủy plan of 2026: the 2025–2030 term
    other.close()
    target2 = str(tmp_path / "t2.db")
    assert main(["--db", target2, "import", str(plan), "--term", "2020-2025"]) == 0
    other = Database.open(target2)
    with other.read() as s:
        assert s.scalar(select(Task.due_date)) == date(2025, 12, 31)
        p = s.scalars(select(Plan)).one()
        assert (p.term_start, p.term_end) == (2020, 2025)
    other.close()

"""The weekly list's last section: units that have not answered an urging letter in time."""

from __future__ import annotations

from datetime import date

import pytest
from print_samples import UNITS, build_week_db
from pypdf import PdfReader

from app.cli import main
from app.db import ops
from app.db.reads.departments import require_department
from app.exports.weekly.data import WeeklyOptions, collect_week, weekly_document
from app.exports.weekly.render import write_weekly_pdf

DAY = date(2023, 3, 8)
TO, TG, KT = UNITS


@pytest.fixture
def week_db(db):
    ids = build_week_db(db)
    dept = {n: require_department(db, n).id for n in UNITS}

    def send(unit, kind, sent_on, reply_due, tasks):
        return ops.record_request(
            db,
            kind=kind,
            department_id=dept[unit],
            sent_on=sent_on,
            reply_due=reply_due,
            task_ids=[ids[t] for t in tasks],
            file_name=f"{kind}-{dept[unit]}.docx",
        ).id

    send(TO, "letter", date(2023, 2, 24), date(2023, 3, 3), ["QUAHAN-1"])  # 5 days late
    send(TG, "workbook", date(2023, 3, 6), date(2023, 3, 13), ["QUAHAN-1"])  # not due yet
    answered = send(KT, "letter", date(2023, 2, 20), date(2023, 2, 27), ["QUAHAN-1"])
    ops.mark_request_replied(db, answered, date(2023, 2, 28))
    return db


def pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(str(path)).pages).split())


def test_week_data_lists_only_late_unanswered_units(week_db):
    data = collect_week(week_db, WeeklyOptions(day=DAY))
    assert [(name, [r.days_late for r in reqs]) for name, reqs in data.unreported] == [(TO, [5])]
    doc = weekly_document(data)
    assert "1 đơn vị chưa báo cáo" in doc.intro[0]
    titles = [r.title for r in doc.rows if hasattr(r, "title")]
    assert "IV. ĐƠN VỊ CHƯA BÁO CÁO: 1 đơn vị" in titles
    assert titles[-1] == f"{TO} (1)"
    off = weekly_document(collect_week(week_db, WeeklyOptions(day=DAY, unreported=False)))
    assert not any("CHƯA BÁO CÁO" in getattr(r, "title", "") for r in off.rows)


def test_weekly_pdf_prints_the_unreported_section(week_db, tmp_path):
    out = tmp_path / "tuan.pdf"
    write_weekly_pdf(week_db, out, WeeklyOptions(day=DAY))
    text = pdf_text(out)
    assert "ĐƠN VỊ CHƯA BÁO CÁO" in text
    section = text.split("ĐƠN VỊ CHƯA BÁO CÁO", 1)[1]
    assert TO in section and "Chưa báo cáo" in section and "03/03/2023" in section
    assert "Gửi ngày 24/02/2023" in section
    assert TG not in section.split("Nơi nhận")[0]
    assert KT not in section.split("Nơi nhận")[0]


def test_weekly_pdf_without_the_section(week_db, tmp_path):
    out = tmp_path / "tuan.pdf"
    write_weekly_pdf(week_db, out, WeeklyOptions(day=DAY, unreported=False))
    assert "CHƯA BÁO CÁO" not in pdf_text(out)


def test_department_scope_keeps_only_its_own_requests(week_db):
    assert collect_week(week_db, WeeklyOptions(day=DAY, department=TG)).unreported == []
    data = collect_week(week_db, WeeklyOptions(day=DAY, department=TO))
    assert [name for name, _ in data.unreported] == [TO]


def test_cli_week_no_unreported(week_db, db_path, tmp_path):
    on, off = tmp_path / "on.pdf", tmp_path / "off.pdf"
    base = ["--db", str(db_path), "week", "--date", DAY.isoformat()]
    assert main([*base, "--pdf", str(on)]) == 0
    assert main([*base, "--no-unreported", "--pdf", str(off)]) == 0
    assert "ĐƠN VỊ CHƯA BÁO CÁO" in pdf_text(on)
    assert "ĐƠN VỊ CHƯA BÁO CÁO" not in pdf_text(off)

"""Calendar export: all-day events, RRULEs that match the occurrences, stable UIDs."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar
from print_samples import ORG, UNITS, listed, on, plan, task

from app.cli import main
from app.core.deadlines.parse import parse_deadline
from app.core.deadlines.types import Deadline, DeadlineKind
from app.db import ops
from app.db.reads.filters import TaskFilter
from app.db.reads.reports import occurrence_dates
from app.db.reads.settings import setting
from app.db.reads.tasks import task_ids, task_rows
from app.exports.ics import recurrence_rule, rule_dates, write_ics

SIGNED = date(2023, 1, 15)


def dl(phrase: str) -> Deadline:
    return parse_deadline(phrase, SIGNED)


@pytest.fixture
def cal_db(db):
    ops.set_setting(db, "org", ORG)
    to, tg, kt = UNITS
    tasks = [
        task("MOT-NGAY Hội nghị sơ kết", to, on(date(2023, 6, 30)), tg, kt, product="Báo cáo"),
        task("HANG-QUY Báo cáo kết quả định kỳ", tg, dl("định kỳ hằng quý")),
        task("HANG-THANG-30 Cập nhật số liệu", kt, dl("ngày 30 hằng tháng")),
        task("HANG-NAM Báo cáo năm", to, dl("trước ngày 30/10 hàng năm")),
        task("HANG-TUAN Giao ban", None, dl("thứ 2 hàng tuần")),
        task("HAI-DOT Kiểm tra hai đợt", kt, listed(date(2023, 4, 15), date(2023, 9, 15))),
        task("THUONG-XUYEN Tuyên truyền", tg, dl("thường xuyên")),
    ]
    ops.import_plan(db, plan(tasks), today=SIGNED)
    return db


def read(path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def events(cal: Calendar) -> dict[str, list]:
    out: dict[str, list] = {}
    for ev in cal.walk("VEVENT"):
        key = str(ev["SUMMARY"]).split("] ")[-1].split()[0]
        out.setdefault(key, []).append(ev)
    return out


def domain(db) -> str:
    """UIDs end with the database's own random id: two offices' calendars never clash."""
    database_id = setting(db, "database_id")
    assert isinstance(database_id, str) and len(database_id) == 32
    return f"{database_id}.dondoc"


def ids_by_key(db) -> dict[str, int]:
    rows = task_rows(db, task_ids(db, TaskFilter(today=SIGNED)), SIGNED)
    return {r.text.split()[0]: r.id for r in rows}


def test_every_dated_deadline_is_an_all_day_event(cal_db, tmp_path):
    out = tmp_path / "lich.ics"
    n = write_ics(cal_db, out, today=SIGNED)
    cal = read(out)
    evs = events(cal)
    assert n == len(cal.walk("VEVENT"))
    assert "THUONG-XUYEN" not in evs  # no date, no event
    one = evs["MOT-NGAY"][0]
    assert one["DTSTART"].dt == date(2023, 6, 30) and not isinstance(one["DTSTART"].dt, datetime)
    assert one["DTEND"].dt == date(2023, 7, 1)
    assert str(one["TRANSP"]) == "TRANSPARENT"
    assert str(one["UID"]) == f"dondoc-task-{ids_by_key(cal_db)['MOT-NGAY']}@{domain(cal_db)}"
    text = str(one["DESCRIPTION"])
    assert "Chủ trì: Ban Tổ chức Tỉnh ủy" in text
    assert "Phối hợp: Ban Tuyên giáo Tỉnh ủy; Ủy ban Kiểm tra Tỉnh ủy" in text
    assert "Kế hoạch số 127-KH/TU" in text and "Sản phẩm: Báo cáo" in text
    assert str(one["SUMMARY"]).startswith("[Ban Tổ chức Tỉnh ủy] MOT-NGAY")
    assert str(cal["X-WR-CALNAME"]) == "Thời hạn nhiệm vụ - Văn phòng Tỉnh ủy"
    # listed dates: one event each, each with its own stable UID
    two = sorted(evs["HAI-DOT"], key=lambda e: e["DTSTART"].dt)
    assert [e["DTSTART"].dt for e in two] == [date(2023, 4, 15), date(2023, 9, 15)]
    assert str(two[0]["UID"]).endswith(f"-20230415@{domain(cal_db)}")
    assert all("RRULE" not in e for e in two)


@pytest.mark.parametrize(
    ("key", "rule"),
    [
        ("HANG-QUY", {"FREQ": ["MONTHLY"], "INTERVAL": [3], "BYMONTHDAY": [-1]}),
        (
            "HANG-THANG-30",
            {"FREQ": ["MONTHLY"], "BYMONTHDAY": [28, 29, 30], "BYSETPOS": [-1]},
        ),
        ("HANG-NAM", {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYMONTHDAY": [30]}),
        ("HANG-TUAN", {"FREQ": ["WEEKLY"], "BYDAY": ["MO"]}),
    ],
)
def test_recurring_task_is_one_event_whose_rule_gives_its_occurrences(cal_db, tmp_path, key, rule):
    out = tmp_path / "lich.ics"
    write_ics(cal_db, out, today=SIGNED)
    (ev,) = events(read(out))[key]
    got = {k: list(v) for k, v in ev["RRULE"].items()}
    assert got == rule
    task_id = ids_by_key(cal_db)[key]
    rows = [d for d, _ in occurrence_dates(cal_db, [task_id])[task_id]]
    start = ev["DTSTART"].dt
    assert start == rows[0]
    expanded = rrulestr(
        ev["RRULE"].to_ical().decode(), dtstart=datetime(start.year, start.month, start.day)
    )
    stop = datetime(rows[-1].year, rows[-1].month, rows[-1].day)
    assert [d.date() for d in expanded.between(datetime.min, stop, inc=True)] == rows


def test_rule_that_would_not_match_falls_back_to_one_event_per_date():
    # BYMONTHDAY=31 every month would skip short months; the engine clamps instead
    rule = recurrence_rule({"freq": "monthly", "day": 31}, date(2023, 1, 31))
    assert rule == {"FREQ": "MONTHLY", "BYMONTHDAY": -1}
    assert rule_dates(rule, date(2023, 1, 31), date(2023, 4, 30)) == [
        date(2023, 1, 31),
        date(2023, 2, 28),
        date(2023, 3, 31),
        date(2023, 4, 30),
    ]
    assert recurrence_rule({"freq": "sometimes"}, date(2023, 1, 1)) is None


def test_reexport_keeps_uids_and_raises_sequence_after_an_edit(cal_db, tmp_path):
    first = tmp_path / "a.ics"
    write_ics(cal_db, first, today=SIGNED)
    task_id = ids_by_key(cal_db)["MOT-NGAY"]
    ops.set_completion(cal_db, [task_id], date(2023, 6, 20))
    second = tmp_path / "b.ics"
    write_ics(cal_db, second, today=SIGNED)
    uids_a = {str(e["UID"]): e for e in read(first).walk("VEVENT")}
    uids_b = {str(e["UID"]): e for e in read(second).walk("VEVENT")}
    assert uids_a.keys() == uids_b.keys()
    uid = f"dondoc-task-{task_id}@{domain(cal_db)}"
    assert int(uids_b[uid]["SEQUENCE"]) > int(uids_a[uid]["SEQUENCE"])


def test_file_is_valid_icalendar_text(cal_db, tmp_path):
    out = tmp_path / "lich.ics"
    write_ics(cal_db, out, today=SIGNED, alarm_days=2)
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # folded (RFC 5545, 3.1)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    cal = read(out)
    for name in ("VERSION", "PRODID"):
        assert name in cal
    for ev in cal.walk("VEVENT"):
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert name in ev
        (alarm,) = ev.walk("VALARM")
        assert alarm["TRIGGER"].dt == timedelta(days=-2, hours=8)


def test_department_filter_and_cli(cal_db, db_path, tmp_path, capsys):
    out = tmp_path / "to.ics"
    n = write_ics(cal_db, out, department="Ban Tổ chức Tỉnh ủy", today=SIGNED)
    keys = set(events(read(out)))
    assert keys == {"MOT-NGAY", "HANG-NAM"} and n == 2
    cli_out = tmp_path / "cli.ics"
    assert main(["--db", str(db_path), "ics", str(cli_out)]) == 0
    assert "sự kiện" in capsys.readouterr().out
    assert len(read(cli_out).walk("VEVENT")) >= 7


def test_empty_database_gives_an_empty_but_valid_calendar(db, tmp_path):
    out = tmp_path / "trong.ics"
    assert write_ics(db, out) == 0
    cal = read(out)
    assert cal.walk("VEVENT") == [] and str(cal["VERSION"]) == "2.0"


def test_done_task_kind_is_still_exported_with_its_date(db, tmp_path):
    d = Deadline(
        raw="đã tổ chức tháng 3/2023", kind=DeadlineKind.DONE, due=date(2023, 3, 31), done=True
    )
    ops.import_plan(db, plan([task("DA-XONG Hội nghị", UNITS[0], d)]), today=SIGNED)
    out = tmp_path / "x.ics"
    write_ics(db, out)
    (ev,) = read(out).walk("VEVENT")
    assert ev["DTSTART"].dt == date(2023, 3, 31)


def test_text_escaping_and_folding_keep_vietnamese_whole():
    from app.exports.ics import escape_text, fold

    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    line = "SUMMARY:" + "Nghị quyết, chỉ thị; kết luận của Ban Thường vụ Tỉnh ủy " * 4
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
    assert fold("SHORT:x") == "SHORT:x"


def test_two_databases_never_share_a_uid(tmp_path):
    from app.db.store import Database

    uids = []
    for name in ("a", "b"):
        db = Database.open(tmp_path / f"{name}.db")
        ops.import_plan(db, plan([task("MOT-NGAY Việc", UNITS[0], on(date(2023, 6, 30)))]))
        write_ics(db, tmp_path / f"{name}.ics", today=SIGNED)
        uids += [str(e["UID"]) for e in read(tmp_path / f"{name}.ics").walk("VEVENT")]
        db.close()
    assert len(uids) == 2 and uids[0] != uids[1]


def test_a_manual_due_date_is_the_event_of_a_recurring_task(cal_db, tmp_path):
    task_id = ids_by_key(cal_db)["HANG-QUY"]
    ops.update_task(cal_db, task_id, due_override=date(2023, 5, 20), today=SIGNED)
    write_ics(cal_db, tmp_path / "lich.ics", today=SIGNED)
    (ev,) = events(read(tmp_path / "lich.ics"))["HANG-QUY"]
    assert ev["DTSTART"].dt == date(2023, 5, 20) and "RRULE" not in ev


def test_finished_work_is_not_shown_as_open(cal_db, tmp_path):
    ids = ids_by_key(cal_db)
    ops.set_completion(cal_db, [ids["MOT-NGAY"]], date(2023, 6, 20))
    ops.set_completion(cal_db, [ids["HANG-QUY"]], date(2023, 3, 30))  # the first quarter
    ops.set_completion(cal_db, [ids["HAI-DOT"]], date(2023, 4, 14))  # the first date
    write_ics(cal_db, tmp_path / "lich.ics", today=SIGNED, alarm_days=3)
    evs = events(read(tmp_path / "lich.ics"))
    (done,) = evs["MOT-NGAY"]
    assert str(done["SUMMARY"]).startswith("✓ Đã hoàn thành: [Ban Tổ chức Tỉnh ủy] MOT-NGAY")
    assert not done.walk("VALARM")
    (quarterly,) = [e for k, v in evs.items() for e in v if "HANG-QUY" in str(e["SUMMARY"])]
    assert [d.dt for d in quarterly["EXDATE"].dts] == [date(2023, 3, 31)]
    assert quarterly.walk("VALARM")  # the series still reminds of the quarters to come
    listed_events = [e for v in evs.values() for e in v if "HAI-DOT" in str(e["SUMMARY"])]
    by_day = {e["DTSTART"].dt: str(e["SUMMARY"]) for e in listed_events}
    assert by_day[date(2023, 4, 15)].startswith("✓") and not by_day[date(2023, 9, 15)].startswith(
        "✓"
    )

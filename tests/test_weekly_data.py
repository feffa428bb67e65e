"""What the weekly list selects: sections, departments, status as of the day (no Qt)."""

from __future__ import annotations

from datetime import date

import pytest
from print_samples import MONDAY, UNITS, build_week_db, monthly, on, plan, task

from app.core.workdays import week_bounds
from app.db import ops
from app.db.reads.filters import TaskFilter
from app.db.reads.tasks import rows_for
from app.errors import NotFoundError
from app.exports.admin_text import vn_long_date
from app.exports.reports.summary import NO_LEAD
from app.exports.weekly.data import (
    WeeklyOptions,
    collect_week,
    plan_reference,
    status_text,
    week_label,
    weekly_document,
)
from app.exports.weekly.layout import (
    DataRow,
    GroupRow,
    NoteRow,
    SectionRow,
    closing_html,
    front_html,
    row_cells,
)


def keys(section) -> list[str]:
    return [e.row.text.split()[0] for e in section.entries]


@pytest.fixture
def week_db(db):
    build_week_db(db)
    return db


def test_week_label_and_bounds():
    assert week_bounds(date(2023, 3, 8)) == (date(2023, 3, 6), date(2023, 3, 12))
    assert week_label(date(2023, 3, 6), date(2023, 3, 12)) == "06/03–12/03/2023"
    assert week_label(date(2025, 12, 29), date(2026, 1, 4)) == "29/12/2025–04/01/2026"


@pytest.mark.parametrize(
    ("d", "place", "text"),
    [
        (date(2023, 3, 6), "Ninh Thuận", "Ninh Thuận, ngày 06 tháng 3 năm 2023"),
        (date(2023, 2, 15), "Đà Lạt", "Đà Lạt, ngày 15 tháng 02 năm 2023"),
        (date(2023, 1, 1), "", "Ngày 01 tháng 01 năm 2023"),
        (date(2023, 12, 25), "Hà Nội", "Hà Nội, ngày 25 tháng 12 năm 2023"),
    ],
)
def test_place_and_date_line_follows_the_official_zero_padding(d, place, text):
    assert vn_long_date(d, place) == text


def test_sections_hold_the_right_tasks(week_db):
    data = collect_week(week_db, WeeklyOptions(day=MONDAY))
    assert (data.start, data.end) == (date(2023, 3, 6), date(2023, 3, 12))
    overdue = data.section("overdue")
    # QUAHAN-1 was completed on 20/03, after the list's day: still overdue on 06/03.
    assert sorted(keys(overdue)) == ["LIST-1", "QUAHAN-1", "QUAHAN-2"]
    this_week = data.section("this_week")
    assert sorted(keys(this_week)) == sorted(
        ["TUAN-1", "TUAN-2", "TUAN-XONG", "TUAN-KHONG-DV", "LIST-1"]
    )
    assert sorted(keys(data.section("next_week"))) == ["SAU-1", "SAU-2"]
    # the listed deadline appears once per due date: February overdue, 09/03 this week
    assert next(e.due for e in overdue.entries if e.row.text.startswith("LIST-1")) == date(
        2023, 2, 10
    )
    assert next(e.due for e in this_week.entries if e.row.text.startswith("LIST-1")) == date(
        2023, 3, 9
    )
    done = {e.row.text.split()[0]: e.completed_on for e in this_week.entries}
    assert done["TUAN-XONG"] == date(2023, 3, 6) and done["TUAN-1"] is None


def test_month_deadline_counts_in_the_week_its_month_ends(week_db):
    data = collect_week(week_db, WeeklyOptions(day=date(2023, 3, 29)))
    assert (data.start, data.end) == (date(2023, 3, 27), date(2023, 4, 2))
    assert "THANG-3" in keys(data.section("this_week"))
    earlier = collect_week(week_db, WeeklyOptions(day=date(2023, 3, 22)))
    assert "THANG-3" in keys(earlier.section("next_week"))
    assert "THANG-3" not in keys(earlier.section("this_week"))


def test_grouped_by_lead_unit_in_vietnamese_order(week_db):
    data = collect_week(week_db, WeeklyOptions(day=MONDAY))
    names = [name for name, _ in data.section("this_week").groups]
    assert names == [
        "Ban Tổ chức Tỉnh ủy",
        "Ban Tuyên giáo Tỉnh ủy",
        "Ủy ban Kiểm tra Tỉnh ủy",
        NO_LEAD,
    ]
    entries = dict(data.section("this_week").groups)["Ban Tuyên giáo Tỉnh ủy"]
    assert [e.due for e in entries] == sorted(e.due for e in entries)


def test_department_filter_keeps_lead_and_coordinated_tasks(week_db):
    data = collect_week(week_db, WeeklyOptions(day=MONDAY, department="ban to chuc tinh uy"))
    assert data.department == "Ban Tổ chức Tỉnh ủy"
    # TUAN-1 and TUAN-2 are coordinated by Ban Tổ chức; TUAN-XONG is led by it
    assert sorted(keys(data.section("this_week"))) == ["TUAN-1", "TUAN-2", "TUAN-XONG"]
    assert keys(data.section("overdue")) == ["QUAHAN-1"]
    with pytest.raises(NotFoundError):
        collect_week(week_db, WeeklyOptions(day=MONDAY, department="Ban Không Có"))


def test_recurring_task_counts_through_its_occurrence(db):
    ops.create_department(db, UNITS[0])
    ops.import_plan(
        db,
        plan(
            [task("HANGTHANG Báo cáo tiến độ hằng tháng", UNITS[0], monthly(10, date(2023, 1, 10)))]
        ),
        today=date(2023, 1, 2),
    )
    data = collect_week(db, WeeklyOptions(day=date(2023, 4, 12)))
    # 10/01 … 10/04 were missed (10/04 is this Monday, before the printing day): one
    # overdue line saying so, and nothing left due this week
    overdue = data.section("overdue").entries
    assert len(overdue) == 1 and overdue[0].due == date(2023, 1, 10) and overdue[0].missed == 4
    assert data.section("this_week").entries == []
    data = collect_week(db, WeeklyOptions(day=date(2023, 4, 10)))  # the Monday itself
    assert data.section("overdue").entries[0].missed == 3
    assert [e.due for e in data.section("this_week").entries] == [date(2023, 4, 10)]


def test_the_overdue_section_counts_every_task_overdue_on_the_printing_day(db):
    """A task due on Monday and open on Wednesday is overdue: section I and the summary
    count it, so the list never says "0 quá hạn" above a row marked "Quá hạn"."""
    ops.create_department(db, UNITS[0])
    monday, wednesday = date(2023, 4, 10), date(2023, 4, 12)
    ops.import_plan(
        db,
        plan(
            [
                task("Việc đến hạn thứ Hai, chưa xong", UNITS[0], on(monday)),
                task("Việc đến hạn thứ Hai, đã xong", UNITS[0], on(monday)),
                task("Việc đến hạn thứ Sáu", UNITS[0], on(date(2023, 4, 14))),
            ]
        ),
        today=date(2023, 1, 2),
    )
    done = next(r.id for r in rows_for(db, TaskFilter(today=monday)) if r.text.endswith("đã xong"))
    ops.set_completion(db, [done], monday)
    data = collect_week(db, WeeklyOptions(day=wednesday))
    assert [e.row.text for e in data.section("overdue").entries] == [
        "Việc đến hạn thứ Hai, chưa xong"
    ]
    assert sorted(e.row.text for e in data.section("this_week").entries) == [
        "Việc đến hạn thứ Hai, đã xong",
        "Việc đến hạn thứ Sáu",
    ]
    doc = weekly_document(data)
    assert "1 nhiệm vụ quá hạn chưa hoàn thành" in doc.intro[0]
    statuses = [c for r in doc.rows if isinstance(r, DataRow) for c in r.cells[5:6]]
    # the printed status keeps its words together (a no-break space)
    overdue_cells = [c for c in statuses if getattr(c, "text", c).split() == ["Quá", "hạn"]]
    assert len(overdue_cells) == data.section("overdue").count


def test_status_cells():
    d = date(2023, 3, 6)
    assert status_text(date(2023, 3, 1), None, d).text == "Quá\u00a0hạn"
    assert status_text(date(2023, 3, 1), None, d).sub == "5\u00a0ngày"
    assert status_text(d, None, d).text == "Đến\u00a0hạn hôm\u00a0nay"
    assert status_text(date(2023, 3, 9), None, d).sub == "còn 3\u00a0ngày"
    assert status_text(date(2023, 3, 9), date(2023, 3, 2), d).text == "Đã hoàn thành"
    assert status_text(date(2023, 3, 1), date(2023, 3, 2), d).text == "Hoàn thành quá hạn"


@pytest.mark.parametrize(
    ("number", "title", "text"),
    [
        ("127-KH/TU", "", "Kế hoạch số 127-KH/TU"),
        ("21-CTr/ĐUK", "", "Chương trình số 21-CTr/ĐUK"),
        ("05-NQ/TU", "", "Nghị quyết số 05-NQ/TU"),
        ("123/QĐ-UBND", "", "Quyết định số 123/QĐ-UBND"),
        ("1187/KH-UBND", "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH", "Kế hoạch số 1187/KH-UBND"),
        ("30/2020/NĐ-CP", "", "Nghị định số 30/2020/NĐ-CP"),
        ("12/CV-VP", "", "Công văn số 12/CV-VP"),
        ("15", "", "Văn bản số 15"),
        ("", "Kế hoạch công tác năm", "Kế hoạch công tác năm"),
        (
            "",
            "KẾ HOẠCH thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng (khóa XIII)",
            "Kế hoạch thực hiện Kết luận số 21-KL/TW của Ban…",
        ),
    ],
)
def test_plan_reference(number, title, text):
    assert plan_reference(number, title) == text


def test_weekly_document_rows_and_html(week_db):
    data = collect_week(week_db, WeeklyOptions(day=MONDAY))
    doc = weekly_document(data)
    sections = [r.title for r in doc.rows if isinstance(r, SectionRow)]
    assert sections == [
        "I. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH: 3 nhiệm vụ",
        "II. NHIỆM VỤ ĐẾN HẠN TRONG TUẦN (06/03–12/03/2023): 5 nhiệm vụ",
        "III. NHIỆM VỤ ĐẾN HẠN TUẦN SAU (13/03–19/03/2023): 2 nhiệm vụ",
    ]
    assert [c.title for c in doc.columns] == [
        "STT",
        "Nội dung nhiệm vụ",
        "Chủ trì",
        "Phối hợp",
        "Thời hạn",
        "Tình trạng",
        "Ghi chú",
    ]
    # the content column takes what the others leave (their widths are their most)
    for columns in (doc.columns, weekly_document(data, landscape=True).columns):
        assert [c.grow for c in columns] == [False, True, False, False, False, False, False]
    assert any(isinstance(r, GroupRow) and r.title.startswith(NO_LEAD) for r in doc.rows)
    # numbering restarts in each section
    numbers = [r.cells[0] for r in doc.rows if isinstance(r, DataRow)]
    assert numbers == ["1", "2", "3", "1", "2", "3", "4", "5", "1", "2"]
    html = front_html(doc)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "VĂN PHÒNG TỈNH ỦY" in html
    assert "Ninh Thuận, ngày 06 tháng 3 năm 2023" in html
    assert "CHÁNH VĂN PHÒNG" in closing_html(doc) and "Nguyễn Văn An" in closing_html(doc)
    # a unit row spans the table; a task row has one cell per column, deadline as written
    group = next(r for r in doc.rows if isinstance(r, GroupRow))
    assert [c.span for c in row_cells(group, doc)] == [7]
    task_row = next(r for r in doc.rows if isinstance(r, DataRow))
    cells = row_cells(task_row, doc)
    assert len(cells) == 7 and cells[0].align == "center"
    # every task is of one plan: it is named once, above the table, not under each task
    assert [run.text for para in cells[1].paragraphs for run in para] == [task_row.cells[1].text]
    assert doc.intro[-1] == "Các nhiệm vụ trong danh sách thuộc Kế hoạch số 127-KH/TU."


def test_tasks_of_several_plans_name_their_plan_under_the_text(week_db):
    ops.import_plan(
        week_db,
        plan([task("KHAC-1 Báo cáo chuyên đề", UNITS[0], on(MONDAY))], "45-KH/TU", "2" * 64),
        today=date(2023, 1, 2),
    )
    doc = weekly_document(collect_week(week_db, WeeklyOptions(day=MONDAY)))
    subs = {r.cells[1].sub for r in doc.rows if isinstance(r, DataRow)}
    assert subs == {"Kế hoạch số 127-KH/TU", "Kế hoạch số 45-KH/TU"}
    assert not any("thuộc" in line for line in doc.intro)


def test_text_from_settings_is_escaped_in_the_html_parts(db):
    ops.set_setting(
        db, "org", {"issuer": "Văn phòng <b>&", "place": "A<i>", "signer_name": "<script>"}
    )
    doc = weekly_document(collect_week(db, WeeklyOptions(day=MONDAY)))
    html = front_html(doc) + closing_html(doc)
    assert "VĂN PHÒNG &lt;B&gt;&amp;" in html and "A&lt;i&gt;" in html
    assert "<script" not in html and "&lt;script&gt;" in html


def test_empty_week_says_so(db):
    data = collect_week(db, WeeklyOptions(day=MONDAY))
    doc = weekly_document(data)
    assert sum(isinstance(r, NoteRow) for r in doc.rows) == 3
    assert "0 nhiệm vụ quá hạn" in doc.intro[0]


def test_overdue_section_is_capped_and_says_how_many_are_left_out(db, db_path, tmp_path):
    from datetime import timedelta

    from print_samples import on

    from app.cli import main

    late = [
        task(f"TRE{i:03d} Việc quá hạn số {i}", UNITS[i % 3], on(MONDAY - timedelta(days=1 + i)))
        for i in range(120)
    ]
    ops.import_plan(db, plan(late), today=date(2022, 1, 1))
    data = collect_week(db, WeeklyOptions(day=MONDAY, overdue_limit=100))
    overdue = data.section("overdue")
    assert (overdue.shown, overdue.hidden, overdue.count) == (100, 20, 120)
    # the most recently due are kept: TRE000 (yesterday) … TRE099
    kept = {e.row.text.split()[0] for e in overdue.entries}
    assert "TRE000" in kept and "TRE099" in kept and "TRE100" not in kept
    assert overdue.hidden_before == MONDAY - timedelta(days=100)
    doc = weekly_document(data)
    assert "120 nhiệm vụ (in 100 nhiệm vụ quá hạn gần nhất)" in doc.rows[0].title
    notes = [r.text for r in doc.rows if isinstance(r, NoteRow)]
    assert notes[0].startswith("Còn 20 nhiệm vụ quá hạn từ trước ngày 26/11/2022")
    everything = collect_week(db, WeeklyOptions(day=MONDAY, overdue_limit=None))
    assert everything.section("overdue").shown == 120
    out = tmp_path / "all.pdf"
    args = [
        "--db",
        str(db_path),
        "week",
        "--date",
        "2023-03-06",
        "--all-overdue",
        "--pdf",
        str(out),
    ]
    assert main(args) == 0 and out.exists()

"""Progress-request workbooks: what the unit receives, and the request being tracked."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from loop_fixtures import BTC, TODAY, UBKT, seed, task_id

from app.cli import main
from app.db import ops
from app.db.reads.requests import pending_requests, request_history, units_not_reported
from app.errors import NotFoundError, ValidationError
from app.exports.urging.requests import write_request_workbook
from app.importers.replies import DATA_SHEET, META_SHEET
from app.importers.request_format import FIRST_ROW, HEADER_ROW


def headers(ws) -> dict[str, int]:
    return {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}


def test_workbook_lists_open_tasks_with_locked_and_fillable_columns(db, tmp_path):
    seed(db)
    out = write_request_workbook(db, tmp_path / "btc.xlsx", BTC, day=TODAY).files[0]
    wb = openpyxl.load_workbook(out)
    ws = wb[DATA_SHEET]
    h = headers(ws)
    for name in (
        "Kết quả thực hiện",
        "Đã hoàn thành? (có/không)",
        "Ngày hoàn thành",
        "Khó khăn, vướng mắc",
        "Đề xuất, kiến nghị",
    ):
        assert name in h
    assert ws["A2"].value == "Đơn vị: Ban Tổ chức Đảng ủy Khối"
    rows = list(ws.iter_rows(min_row=FIRST_ROW, values_only=True))
    tasks = [r for r in rows if r[h["Mã nhiệm vụ (không sửa)"] - 1]]
    # Five open tasks (lead or coordinating), not the completed one; overdue first.
    assert len(tasks) == 6
    texts = [r[h["Nội dung nhiệm vụ"] - 1] for r in tasks]
    assert not any("xếp loại chất lượng" in t for t in texts)
    assert texts[0].startswith("Sơ kết 01 năm")
    roles = {r[h["Vai trò"] - 1] for r in tasks}
    assert roles == {"Chủ trì", "Phối hợp"}
    assert tasks[-1][h["Thời hạn"] - 1] == "Thường xuyên"  # no date: last
    # Protection: the sheet is protected; only the answer cells are unlocked.
    assert ws.protection.sheet
    answer_cols = {
        h[n]
        for n in h
        if n and n.startswith(("Kết quả", "Đã hoàn", "Ngày hoàn", "Khó khăn", "Đề xuất", "Văn bản"))
    }
    for c in range(1, ws.max_column + 1):
        locked = ws.cell(FIRST_ROW, c).protection.locked
        assert locked == (c not in answer_cols), ws.cell(HEADER_ROW, c).value
    # The key column is hidden, keys look like DD-<id>-<signature>.
    key_col = openpyxl.utils.get_column_letter(h["Mã nhiệm vụ (không sửa)"])
    assert ws.column_dimensions[key_col].hidden
    assert all(r[h["Mã nhiệm vụ (không sửa)"] - 1].startswith("DD-") for r in tasks)
    # Data validation on the yes/no and date columns.
    kinds = {dv.type: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    done_col = openpyxl.utils.get_column_letter(h["Đã hoàn thành? (có/không)"])
    date_col = openpyxl.utils.get_column_letter(h["Ngày hoàn thành"])
    assert kinds["list"] == f"{done_col}{FIRST_ROW}:{done_col}{FIRST_ROW + 5}"
    assert kinds["date"] == f"{date_col}{FIRST_ROW}:{date_col}{FIRST_ROW + 5}"
    # Print: A4 landscape, one page wide, header rows repeated.
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"$5:${HEADER_ROW}"
    assert ws.cell(FIRST_ROW, h["Nội dung nhiệm vụ"]).alignment.wrap_text
    # The metadata sheet is very hidden and names the request.
    meta = wb[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    pairs = {r[0]: r[1] for r in meta.iter_rows(values_only=True)}
    assert pairs["format"] == "dondoc-request"
    assert pairs["department"] == BTC and pairs["sent_on"] == "2023-05-10"
    assert pairs["reply_due"] == "2023-05-17"


def test_request_is_tracked_until_answered(db, tmp_path):
    ids = seed(db)
    write_request_workbook(db, tmp_path / "a.xlsx", BTC, day=TODAY, reply_by=date(2023, 5, 12))
    [p] = pending_requests(db, TODAY)
    assert (p.department_id, p.kind, p.tasks, p.file_name) == (
        ids[BTC],
        "workbook",
        6,
        "a.xlsx",
    )
    assert units_not_reported(db, TODAY) == []
    late = units_not_reported(db, date(2023, 5, 15))
    assert [(u.department_name, u.days_late) for u in late] == [(BTC, 3)]
    ops.mark_request_replied(db, p.id, date(2023, 5, 14))
    assert pending_requests(db, date(2023, 5, 15)) == []
    [h] = request_history(db, TODAY, department_id=ids[BTC])
    assert h.replied_on == date(2023, 5, 14) and h.answered


def test_unit_without_open_tasks_or_unknown_unit(db, tmp_path):
    seed(db)
    with pytest.raises(NotFoundError, match="Ban Không Có"):
        write_request_workbook(db, tmp_path / "x.xlsx", "Ban Không Có", day=TODAY)
    # UBKT only coordinates one task; once it is done there is nothing to ask about.
    out = write_request_workbook(db, tmp_path / "u.xlsx", UBKT, day=TODAY).files[0]
    assert out.exists()
    ops.set_completion(db, [task_id(db, "kiểm tra, giám sát việc tu dưỡng")], TODAY)
    with pytest.raises(ValidationError, match="không còn nhiệm vụ"):
        write_request_workbook(db, tmp_path / "u2.xlsx", UBKT, day=TODAY)
    assert not (tmp_path / "u2.xlsx").exists()


def test_cli_request(db_path, tmp_path, capsys):
    from app.db.store import Database

    db = Database.open(db_path)
    seed(db)
    db.close()
    out = tmp_path / "r.xlsx"
    assert (
        main(
            [
                "--db",
                str(db_path),
                "request",
                "--department",
                "Ban Tổ chức ĐUK",
                "--date",
                "2023-05-10",
                "--xlsx",
                str(out),
            ]
        )
        == 0
    )
    assert f"Đã tạo {out}" in capsys.readouterr().out
    assert openpyxl.load_workbook(out)[DATA_SHEET]["A2"].value.endswith(BTC)


def test_migration_creates_the_requests_table_as_the_model_describes(db):
    from sqlalchemy import inspect

    from app.db.models import UnitRequest

    cols = {c["name"] for c in inspect(db.engine).get_columns("unit_requests")}
    assert cols == {c.name for c in UnitRequest.__table__.columns}
    from alembic import command

    from app.db.store import _alembic_config

    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0003")
    assert not inspect(db.engine).has_table("unit_requests")
    db.migrate("head")
    assert inspect(db.engine).has_table("unit_requests")


def test_reply_deadline_before_sending_is_refused(db, tmp_path):
    seed(db)
    with pytest.raises(ValidationError, match="Hạn báo cáo"):
        write_request_workbook(db, tmp_path / "x.xlsx", BTC, day=TODAY, reply_by=date(2023, 5, 1))
    assert pending_requests(db, TODAY) == []

"""Progress-request workbook: a unit's open tasks with columns for it to fill in.

Everything but the five answer columns is locked (sheet protection without password:
it stops slips, not a determined user — the reply importer checks the locked cells
against the request anyway). Each row carries a hidden key "DD-<task id>-<signature>"
and a very hidden sheet names the request, so the returned file is matched exactly
(app/importers/replies.py reads it back; app/db/ops/replies.py applies it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from app import __version__
from app.core.roles import Role
from app.core.status import Status
from app.db import ops
from app.db.changes import Change
from app.db.reads.departments import DeptInfo, all_departments, descendants, require_department
from app.db.reads.departments import department as department_by_id
from app.db.reads.filters import SortKey, TaskFilter
from app.db.reads.plans import plans as all_plans
from app.db.reads.settings import setting, soon_days, work_calendar
from app.db.reads.tasks import TaskRow, rows_for
from app.db.store import Database
from app.errors import ImportCancelled, NotFoundError, ValidationError
from app.exports.admin_text import (
    ascii_slug,
    deadline_cell,
    dmy,
    plan_short,
    status_phrase,
)
from app.exports.office import Org
from app.exports.outfiles import save_atomically
from app.exports.safe_text import put
from app.exports.urging.letters import default_reply_by
from app.importers.request_format import (
    ANSWER_COLUMNS,
    DATA_SHEET,
    FIRST_ROW,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_ROW,
    KEY_COLUMN,
    META_SHEET,
    TASK_COLUMNS,
    YES_NO,
    unit_line,
)

FONT = "Times New Roman"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
_ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
_ANSWER_HEAD_FILL = PatternFill("solid", fgColor="FFE699")
_WIDTHS = {  # column key -> width in characters
    "stt": 4.5,
    "text": 38,
    "plan": 11,
    "role": 8.5,
    "deadline": 12,
    "status": 11,
    "result": 30,
    "done": 10.5,
    "done_on": 11.5,
    "difficulties": 18,
    "proposals": 18,
    "key": 22,
}


def _tasks_for(
    db: Database, dept: DeptInfo, day: date, include_coordinating: bool
) -> tuple[list[TaskRow], dict[int, str]]:
    flt = TaskFilter(
        department_id=dept.id,  # the unit and the units below it, as in the tree
        role=None if include_coordinating else Role.LEAD,
        statuses=frozenset(
            {Status.OVERDUE, Status.DUE_SOON, Status.OPEN, Status.WAITING, Status.ONGOING}
        ),
        today=day,
        soon_days=soon_days(db),
    )
    rows = rows_for(db, flt, SortKey.DUE)
    # "Following" (theo dõi) alone is the office's own role, not the unit's work.
    roles: dict[int, str] = {}
    branch = descendants(db, dept.id)
    names = {dept.name} | {d.name for d in all_departments(db) if d.id in branch}
    for r in rows:
        if r.lead_id in branch:
            roles[r.id] = str(Role.LEAD)
        elif names.intersection(r.coordinators):
            roles[r.id] = str(Role.COORDINATING)
    return [r for r in rows if r.id in roles], roles


def write_request_workbook(
    db: Database,
    path: Path,
    department: str | int,
    day: date | None = None,
    *,
    reply_by: date | None = None,
    include_coordinating: bool = True,
    progress: Callable[..., bool] | None = None,
) -> ops.Sent:
    """Write the unit's request workbook and record the request (reply awaited), as one
    operation: a workbook that cannot be saved leaves no request behind."""
    day = day or date.today()
    reply_by = reply_by or default_reply_by(day, work_calendar(db))
    if isinstance(department, int):
        dept = department_by_id(db, department)
        if dept is None:
            raise NotFoundError(f"Không tìm thấy đơn vị #{department}.")
    else:
        dept = require_department(db, department)
    rows, roles = _tasks_for(db, dept, day, include_coordinating)
    used = {r.plan_id for r in rows}
    plans: dict[int | None, str] = {
        p.id: plan_short(p.title, p.number, p.signed_on) for p in all_plans(db) if p.id in used
    }
    org = Org.from_setting(setting(db, "org"))
    if not rows:
        raise ValidationError(
            f"{dept.name} không còn nhiệm vụ nào chưa hoàn thành; không cần đề nghị báo cáo."
        )
    draft = ops.RequestDraft(
        kind="workbook",
        department_id=dept.id,
        sent_on=day,
        reply_due=reply_by,
        task_ids=tuple(r.id for r in rows),
        file_name=Path(path).name,
    )

    def before(_i: int) -> None:
        if progress is not None and not progress(0, 2, dept.name):
            raise ImportCancelled("Đã hủy; chưa tạo sổ đề nghị báo cáo.")

    def write(_i: int, records: list[ops.RequestRecord]) -> Path:
        wb = _build(records[0], rows, roles, plans, org, day)
        return save_atomically(Path(path), lambda tmp: wb.save(str(tmp)))

    sent = ops.send_requests(db, [[draft]], write, before=before)
    if progress is not None:
        progress(2, 2, "")
    return sent


@dataclass(frozen=True, slots=True)
class Workbooks:
    """Request workbooks made for several units, one file each."""

    files: list[Path]
    skipped: list[str]  # units left out: nothing unfinished to report on
    change: Change


def write_request_workbooks(
    db: Database,
    folder: Path,
    department_ids: list[int],
    day: date,
    *,
    reply_by: date | None = None,
    include_coordinating: bool = True,
    progress: Callable[..., bool] | None = None,
) -> Workbooks:
    """One workbook per unit in `folder`, each sent and recorded on its own: cancelling
    keeps the workbooks made so far."""
    names = {d.id: d.name for d in all_departments(db) if d.id in department_ids}
    written: list[Path] = []
    skipped: list[str] = []
    change = Change()
    for n, dept_id in enumerate(department_ids):
        name = names[dept_id]
        if progress is not None and not progress(n, len(department_ids), name):
            raise ImportCancelled(
                f"Đã hủy sau khi tạo {len(written)} sổ đề nghị (các sổ đã tạo vẫn giữ)."
            )
        path = folder / f"de-nghi-bao-cao-{ascii_slug(name)}-{day:%Y%m%d}.xlsx"
        try:
            sent = write_request_workbook(
                db, path, dept_id, day, reply_by=reply_by, include_coordinating=include_coordinating
            )
        except ValidationError:
            skipped.append(name)
            continue
        written += sent.files
        change = change | sent.change
    if progress is not None:
        progress(len(department_ids), len(department_ids), "")
    return Workbooks(written, skipped, change)


def _build(
    record: ops.RequestRecord,
    rows: list[TaskRow],
    roles: dict[int, str],
    plans: dict[int | None, str],
    org: Org,
    day: date,
) -> Workbook:
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook's one sheet
    ws.title = DATA_SHEET
    columns = [*TASK_COLUMNS, *ANSWER_COLUMNS, KEY_COLUMN]
    last_col = get_column_letter(len(columns) - 1)  # the key column is not printed
    issuer = org.issuer_in_text
    base = Font(name=FONT, size=12)
    _title(
        ws, 1, "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", last_col, Font(name=FONT, size=14, bold=True)
    )
    _title(ws, 2, unit_line(record.department_name), last_col, Font(name=FONT, size=13, bold=True))
    _title(
        ws,
        3,
        f"(Kèm theo đề nghị của {issuer} ngày {dmy(day)}; đề nghị gửi lại trước ngày "
        f"{dmy(record.reply_due)})",
        last_col,
        Font(name=FONT, size=12, italic=True),
    )
    _title(
        ws,
        4,
        "Hướng dẫn: chỉ điền vào các ô nền vàng. «Đã hoàn thành?» chọn có hoặc không; "
        "«Ngày hoàn thành» ghi dạng ngày/tháng/năm (ví dụ 25/05/2023). Không sửa nội dung "
        "các cột khác, không thêm, xóa hay đổi thứ tự dòng; có thể đổi tên tệp khi gửi lại.",
        last_col,
        Font(name=FONT, size=11, italic=True, color="7F2704"),
        align="left",
        height=32,
    )
    n_task = len(TASK_COLUMNS)
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=n_task)
    ws.merge_cells(start_row=5, start_column=n_task + 1, end_row=5, end_column=len(columns) - 1)
    for col, text in ((1, "THÔNG TIN NHIỆM VỤ (không sửa)"), (n_task + 1, "PHẦN ĐƠN VỊ BÁO CÁO")):
        c = _cell(ws, 5, col, text)
        c.font = Font(name=FONT, size=12, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center")
    for col in range(1, len(columns)):
        head = ws.cell(5, col)  # inside the merged band: styled, not written
        head.fill = _HEAD_FILL if col <= n_task else _ANSWER_HEAD_FILL
        head.border = _BORDER
    for col, (key, label) in enumerate(columns, 1):
        c = _cell(ws, HEADER_ROW, col, label)
        c.font = Font(name=FONT, size=12, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.fill = _ANSWER_HEAD_FILL if col > n_task else _HEAD_FILL
        c.border = _BORDER
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[key]
    ws.row_dimensions[HEADER_ROW].height = 50
    key_col = len(columns)
    ws.column_dimensions[get_column_letter(key_col)].hidden = True
    items = {it.task_id: it for it in record.items}
    for i, r in enumerate(rows):
        row = FIRST_ROW + i
        item = items[r.id]
        values = {
            "stt": i + 1,
            "text": item.text,
            "plan": plans.get(r.plan_id, ""),
            "role": "Chủ trì" if roles[r.id] == str(Role.LEAD) else "Phối hợp",
            "deadline": deadline_cell(r.deadline_raw, r.due),
            "status": status_phrase(r.status, r.due, day),
            "key": item.key,
        }
        for col, (key, _label) in enumerate(columns, 1):
            c = _cell(ws, row, col, values.get(key))
            c.font = base
            c.border = _BORDER
            answer = n_task < col < key_col
            centred = key in ("stt", "role", "deadline", "status", "done", "done_on")
            horizontal = "center" if centred else "left"
            c.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True)
            if answer:
                c.fill = _ANSWER_FILL
                c.protection = Protection(locked=False)
            if key == "done_on":
                c.number_format = "dd/mm/yyyy"
        ws.row_dimensions[row].height = _row_height(values)
    last_row = FIRST_ROW + len(rows) - 1
    _validations(ws, columns, last_row)
    _footer(ws, last_row + 2, n_task, len(columns) - 1)
    _protect(ws, wb)
    _page_setup(ws, last_col, last_row + 5)
    _meta(wb, record, day, len(rows), org)
    return wb


def _cell(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    """Every value goes through safe_text.put: a task text never becomes a formula."""
    c = ws.cell(row, col)
    if not isinstance(c, Cell):
        raise ValueError(f"cell {row},{col} is inside a merged range")
    put(c, value)
    return c


def _title(
    ws: Worksheet,
    row: int,
    text: str,
    last_col: str,
    font: Font,
    align: str = "center",
    height: float | None = None,
) -> None:
    ws.merge_cells(f"A{row}:{last_col}{row}")
    c = _cell(ws, row, 1, text)
    c.font = font
    c.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if height:
        ws.row_dimensions[row].height = height


def _row_height(values: dict[str, object]) -> float:
    """Excel does not grow rows for wrapped text in a generated file: estimate it."""
    lines = 1
    for key in ("text", "plan", "deadline", "status"):
        text = str(values.get(key) or "")
        per_line = max(4, int(_WIDTHS[key] * 1.15))
        n = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, n)
    return max(2, lines) * 15.75 + 4


def _validations(ws: Worksheet, columns: Sequence[tuple[str, str]], last_row: int) -> None:
    col_of = {key: get_column_letter(i) for i, (key, _l) in enumerate(columns, 1)}
    yes, no = YES_NO
    done = DataValidation(
        type="list",
        formula1=f'"{yes},{no}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error=f"Chỉ chọn «{yes}» hoặc «{no}».",
        showInputMessage=True,
        promptTitle="Đã hoàn thành?",
        prompt=f"Chọn «{yes}» nếu nhiệm vụ đã hoàn thành, «{no}» nếu chưa.",
    )
    done.add(f"{col_of['done']}{FIRST_ROW}:{col_of['done']}{last_row}")
    when = DataValidation(
        type="date",
        operator="between",
        formula1="DATE(2000,1,1)",
        formula2="DATE(2100,12,31)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ngày không hợp lệ",
        error="Nhập ngày hoàn thành dạng ngày/tháng/năm, ví dụ 25/05/2023.",
        showInputMessage=True,
        promptTitle="Ngày hoàn thành",
        prompt="Dạng ngày/tháng/năm, ví dụ 25/05/2023.",
    )
    when.add(f"{col_of['done_on']}{FIRST_ROW}:{col_of['done_on']}{last_row}")
    ws.add_data_validation(done)
    ws.add_data_validation(when)


def _footer(ws: Worksheet, row: int, n_task: int, last: int) -> None:
    """Where the unit's head signs when the reply is printed."""
    ws.merge_cells(start_row=row, start_column=n_task + 1, end_row=row, end_column=last)
    ws.merge_cells(start_row=row + 1, start_column=n_task + 1, end_row=row + 1, end_column=last)
    c = _cell(ws, row, n_task + 1, "…………, ngày … tháng … năm ……")
    c.font = Font(name=FONT, size=12, italic=True)
    c.alignment = Alignment(horizontal="center")
    c = _cell(ws, row + 1, n_task + 1, "THỦ TRƯỞNG ĐƠN VỊ")
    c.font = Font(name=FONT, size=12, bold=True)
    c.alignment = Alignment(horizontal="center")


def _protect(ws: Worksheet, wb: Workbook) -> None:
    p = ws.protection
    p.sheet = True
    p.formatColumns = False  # widening a column or row is harmless and often needed
    p.formatRows = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False
    wb.security = WorkbookProtection(lockStructure=True)


def _page_setup(ws: Worksheet, last_col: str, last_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.print_title_rows = f"5:{HEADER_ROW}"
    ws.print_area = f"A1:{last_col}{last_row}"
    if ws.oddFooter is not None:  # openpyxl makes one with every sheet
        ws.oddFooter.center.text = "Trang &P/&N"
    ws.freeze_panes = f"A{FIRST_ROW}"


def _meta(wb: Workbook, record: ops.RequestRecord, day: date, n_rows: int, org: Org) -> None:
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    pairs = [
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("request_uid", record.uid),
        ("request_id", record.id),
        ("department_id", record.department_id),
        ("department", record.department_name),
        ("sent_on", day.isoformat()),
        ("reply_due", record.reply_due.isoformat() if record.reply_due else ""),
        ("sheet", DATA_SHEET),
        ("header_row", HEADER_ROW),
        ("first_row", FIRST_ROW),
        ("rows", n_rows),
        ("issuer", org.issuer),
        ("app", f"Đôn Đốc {__version__}"),
    ]
    for i, (k, v) in enumerate(pairs, 1):
        _cell(meta, i, 1, k)
        _cell(meta, i, 2, v)
    meta.protection.sheet = True

"""The task workbook an office files: a formatted list grouped by lead unit, and a report.

Pure writer: takes rows shaped like `app.db.reads.tasks.TaskRow` and writes an .xlsx with
openpyxl's streaming (write-only) mode and a handful of named styles, so 10,000 tasks cost
little more than writing the bare values. Text that starts with = + - @ is stored as text,
never as a formula. The layout reads back through the Excel importer unchanged (round trip).
"""

from __future__ import annotations

import os
import tempfile
import types
import weakref
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from app.core.deadlines.types import DeadlineKind
from app.core.status import Category, Status, category, category_label, status_label
from app.core.text import sort_key
from app.errors import DonDocError
from app.exports.safe_text import clean

STATUS_LABELS: dict[Status, str] = {s: status_label(s) for s in Status}
CATEGORY_LABELS: dict[Category, str] = {c: category_label(c) for c in Category}
NO_LEAD = "(chưa xác định)"
LEAD_PREFIX = "Đơn vị chủ trì: "

# (header, width, kind) — the header names are ones the importer knows.
COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("STT", 6, "center"),
    ("Nội dung nhiệm vụ", 58, "text"),
    ("Đơn vị chủ trì", 22, "text"),
    ("Đơn vị phối hợp", 24, "text"),
    ("Thời gian thực hiện", 18, "text"),
    ("Hạn chót", 12, "date"),
    ("Trạng thái", 16, "text"),
    ("Ngày hoàn thành", 12, "date"),
    ("Sản phẩm", 18, "text"),
    ("Tình hình thực hiện", 30, "text"),
    ("Ghi chú", 18, "text"),
    ("Kế hoạch", 18, "text"),
)
_FILLS = {
    Status.OVERDUE: "FFC7CE",
    Status.DUE_SOON: "FFEB9C",
    Status.DONE_ON_TIME: "C6EFCE",
    Status.DONE_LATE: "C6EFCE",
}
_FONT = "Times New Roman"
_EXCEL_MAX = 32767


class TaskRowLike(Protocol):
    # read-only: the rows are frozen dataclasses
    @property
    def text(self) -> str: ...
    @property
    def lead(self) -> str | None: ...
    @property
    def coordinators(self) -> tuple[str, ...]: ...
    @property
    def deadline_raw(self) -> str: ...
    @property
    def kind(self) -> DeadlineKind: ...
    @property
    def due(self) -> date | None: ...
    @property
    def completed_on(self) -> date | None: ...
    @property
    def status(self) -> Status: ...
    @property
    def product(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def progress(self) -> str: ...
    @property
    def plan_number(self) -> str: ...
    @property
    def plan_title(self) -> str: ...


def _thin() -> Border:
    side = Side(style="thin", color="808080")
    return Border(left=side, right=side, top=side, bottom=side)


def _styles(wb: Workbook) -> None:
    """Named styles: one lookup per cell instead of four style objects."""
    border = _thin()
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(horizontal="center", vertical="top", wrap_text=True)
    base = {"text": wrap, "center": center, "date": center}
    for fill_name, color in [("", None), *((s.value, c) for s, c in _FILLS.items())]:
        fill = PatternFill("solid", start_color=color, end_color=color) if color else None
        for kind, align in base.items():
            st = NamedStyle(name=f"dd_{kind}{'_' + fill_name if fill_name else ''}")
            st.font = Font(name=_FONT, size=12)
            st.alignment = align
            st.border = border
            if fill is not None:
                st.fill = fill
            if kind == "date":
                st.number_format = "dd/mm/yyyy"
            wb.add_named_style(st)
    extra = {
        "dd_title": (Font(name=_FONT, size=14, bold=True), Alignment(horizontal="center")),
        "dd_subtitle": (Font(name=_FONT, size=12, italic=True), Alignment(horizontal="center")),
        "dd_header": (
            Font(name=_FONT, size=12, bold=True),
            Alignment(horizontal="center", vertical="center", wrap_text=True),
        ),
        "dd_group": (Font(name=_FONT, size=12, bold=True), Alignment(vertical="top")),
        "dd_total": (Font(name=_FONT, size=12, bold=True), Alignment(horizontal="center")),
    }
    for name, (font, align) in extra.items():
        st = NamedStyle(name=name, font=font, alignment=align)
        if name in ("dd_header", "dd_group", "dd_total"):
            st.border = border
            st.fill = PatternFill("solid", start_color="D9E1F2", end_color="D9E1F2")
        wb.add_named_style(st)


def safe_text(value: str | None) -> str:
    """Cell text without control characters Excel refuses, within Excel's length limit."""
    if not value:
        return ""
    text = clean(value)
    return text if len(text) <= _EXCEL_MAX else text[: _EXCEL_MAX - 1] + "…"


def _cell(ws: _Sheet, value: object, style: str) -> tuple[object, str]:
    """A value with its named style; strings are made safe (and always stay text)."""
    if isinstance(value, str):
        value = safe_text(value) or None
    return (value, style)


# A write-only sheet: openpyxl forwards Worksheet's attributes to it at run time, which its
# stubs do not show (they list a handful), so the sheet is untyped here.
_Sheet = Any


class _StyledCell(Cell):
    """A cell whose style id is known in advance (openpyxl hashes the style per cell)."""

    __slots__ = ("_sid",)
    _sid: int
    # slots of openpyxl's Cell and StyleableObject that its stubs leave out
    _style: object
    _value: object

    @property
    def style_id(self) -> int:
        return self._sid

    @property
    def has_style(self) -> bool:
        return True


_STYLE_IDS: weakref.WeakKeyDictionary[Workbook, dict[str, tuple[object, int]]] = (
    weakref.WeakKeyDictionary()
)


def _style_ids(ws: _Sheet) -> dict[str, tuple[object, int]]:
    wb = ws.parent
    known = _STYLE_IDS.get(wb)
    if known is None:
        known = _STYLE_IDS[wb] = {}
        for named in wb._named_styles:
            probe = WriteOnlyCell(ws)
            probe.style = named.name
            # the slot is there at run time; openpyxl's stubs leave it out
            known[named.name] = (probe._style, probe.style_id)  # type: ignore[attr-defined]
    return known


def _cells_to_row(
    self: _Sheet,
    values: Iterable[tuple[object, str] | None],
    row_idx: int,
) -> Iterator[Cell]:
    """Streaming rows of (value, style) pairs through one reused cell.

    The sheet writer consumes each cell before the next is made (as openpyxl itself does
    for plain values); types are set directly: str is always text, never a formula.
    """
    styles = _style_ids(self)
    cell = _StyledCell(self, row=row_idx, column=1)
    for col_idx, item in enumerate(values, 1):
        if item is None:
            continue
        value, style = item
        cell._style, cell._sid = styles[style]
        cell.column = col_idx
        cell.row = row_idx
        cell._value = value
        if value is None or isinstance(value, (int, float)):
            cell.data_type = "n"
        elif isinstance(value, str):
            cell.data_type = "s"
        elif isinstance(value, date):
            cell.data_type = "d"
        else:
            cell._value = str(value)
            cell.data_type = "s"
        yield cell


def _prepare(ws: _Sheet, widths: Sequence[float], header_row: int, landscape: bool = True) -> None:
    """Sheet-level settings; a streaming sheet needs them before its first row."""
    ws._values_to_row = types.MethodType(_cells_to_row, ws)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = f"A{header_row + 1}"
    ws.row_dimensions[header_row].height = 34  # two lines of wrapped header text
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P / &N"
    ws.oddFooter.center.font = _FONT


def _title_rows(ws: _Sheet, lines: Iterable[tuple[str, str]], width: int) -> int:
    n = 0
    for text, style in lines:
        n += 1
        ws.append([_cell(ws, text, style)])
        ws.merged_cells.add(f"A{n}:{get_column_letter(width)}{n}")
    ws.append([])
    return n + 1


def _group_key(lead: str | None) -> tuple[bool, tuple[tuple[int, ...], tuple[int, ...]]]:
    return (lead is None, sort_key(lead or ""))


def write_tasks_workbook(
    path: str | Path,
    rows: Sequence[TaskRowLike],
    *,
    title: str = "DANH SÁCH NHIỆM VỤ",
    subtitle: str = "",
    today: date | None = None,
    report: bool = True,
) -> int:
    """Write `rows` grouped by lead unit (plus a report sheet); returns the tasks written."""
    today = today or date.today()
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise DonDocError(f"Không ghi được tệp {path.name}: không có thư mục {directory}")
    wb = Workbook(write_only=True)
    _styles(wb)
    ws = wb.create_sheet("Nhiệm vụ")
    width = len(COLUMNS)
    lines = [(title, "dd_title")]
    lines += [(line, "dd_subtitle") for line in subtitle.splitlines() if line.strip()]
    lines.append((f"Ngày xuất: {today:%d/%m/%Y}", "dd_subtitle"))
    header_row = len(lines) + 2
    _prepare(ws, [w for _, w, _ in COLUMNS], header_row)
    _title_rows(ws, lines, width)
    ws.append([_cell(ws, name, "dd_header") for name, _, _ in COLUMNS])
    groups: dict[str | None, list[TaskRowLike]] = {}
    for row in rows:
        groups.setdefault(row.lead, []).append(row)
    current = header_row
    for lead in sorted(groups, key=_group_key):
        current += 1
        label = LEAD_PREFIX + (lead or NO_LEAD)
        ws.append([_cell(ws, label, "dd_group")] + [_cell(ws, None, "dd_group")] * (width - 1))
        ws.merged_cells.add(f"A{current}:{get_column_letter(width)}{current}")
        for n, row in enumerate(groups[lead], 1):
            current += 1
            ws.append(_task_cells(ws, n, row))
    if current > header_row:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(width)}{current}"
    if report:
        _report_sheet(wb, rows, title=title, subtitle=subtitle, today=today)
    _save(wb, path)
    return len(rows)


def _task_cells(ws: _Sheet, n: int, row: TaskRowLike) -> list[tuple[object, str]]:
    fill = _FILLS.get(row.status)
    suffix = f"_{row.status.value}" if fill else ""
    text, center, day = f"dd_text{suffix}", f"dd_center{suffix}", f"dd_date{suffix}"
    return [
        _cell(ws, n, center),
        _cell(ws, row.text, text),
        _cell(ws, row.lead or "", text),
        _cell(ws, "\n".join(row.coordinators), text),
        _cell(ws, row.deadline_raw, text),
        _cell(ws, row.due, day),
        _cell(ws, STATUS_LABELS.get(row.status, str(row.status)), center),
        _cell(ws, row.completed_on, day),
        _cell(ws, row.product, text),
        _cell(ws, row.progress, text),
        _cell(ws, row.note, text),
        _cell(ws, row.plan_number or row.plan_title, text),
    ]


def _report_sheet(
    wb: Workbook, rows: Sequence[TaskRowLike], *, title: str, subtitle: str, today: date
) -> None:
    """Counts per lead unit in the four official categories, with totals."""
    ws = wb.create_sheet("Báo cáo")
    cats = list(CATEGORY_LABELS)
    headers = ["STT", "Đơn vị chủ trì", "Tổng số", *CATEGORY_LABELS.values(), "Không có hạn"]
    lines = [("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "dd_title")]
    lines += [(line, "dd_subtitle") for line in subtitle.splitlines() if line.strip()]
    lines.append((f"Tính đến ngày {today:%d/%m/%Y}", "dd_subtitle"))
    header_row = len(lines) + 2
    _prepare(ws, [6, 36, 10, 16, 16, 18, 18, 14], header_row, landscape=False)
    _title_rows(ws, lines, len(headers))
    ws.append([_cell(ws, h, "dd_header") for h in headers])
    counts: dict[str | None, list[int]] = {}
    for row in rows:
        c = counts.setdefault(row.lead, [0] * (len(cats) + 2))
        c[0] += 1
        cat = category(row.status)
        c[1 + cats.index(cat) if cat is not None else len(cats) + 1] += 1
    total = [0] * (len(cats) + 2)
    for n, lead in enumerate(sorted(counts, key=_group_key), 1):
        values = counts[lead]
        total = [a + b for a, b in zip(total, values)]
        ws.append(
            [_cell(ws, n, "dd_center"), _cell(ws, lead or NO_LEAD, "dd_text")]
            + [_cell(ws, v, "dd_center") for v in values]
        )
    ws.append(
        [_cell(ws, "", "dd_total"), _cell(ws, "Tổng cộng", "dd_total")]
        + [_cell(ws, v, "dd_total") for v in total]
    )


def _save(wb: Workbook, path: Path) -> None:
    """Write next to the target, then replace it: a failed export never leaves half a file."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".dondoc-", suffix=".xlsx", dir=directory)
    except OSError as ex:
        raise DonDocError(f"Không ghi được vào thư mục {directory}: {ex.strerror or ex}") from ex
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as ex:
        Path(tmp).unlink(missing_ok=True)
        raise DonDocError(
            f"Không ghi được tệp {path.name}: {ex.strerror or ex} "
            "(tệp đang mở trong Excel? hãy đóng lại rồi thử lại)"
        ) from ex

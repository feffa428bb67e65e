"""Task tables -> tasks. Pure: rows of cell values in, tasks and row problems out.

Used for every sheet of a workbook, for CSV and HTML tables, and by the document importer
for tables inside .docx files. It finds the header by itself, reads the title rows above
it, turns group rows ("I. NHIỆM VỤ CHUNG", "2. Ban Tuyên giáo") into section paths and
default lead units, spreads vertically merged cells over the rows they span, skips
numbering, totals, footnote and signature rows, and reports every bad row at once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.core.deadlines.terms import level_of, term_for
from app.core.deadlines.types import Deadline, DeadlineKind
from app.core.text import fold
from app.errors import ImportCancelled, RowImportError
from app.importers.base import ProgressCallback
from app.importers.model import ExtractedDocument, ExtractedTask
from app.importers.tables.cells import (
    Completion,
    DeadlineReader,
    InvalidDate,
    cell_date,
    cell_lines,
    cell_text,
    heading_unit,
    is_tick,
    read_completion,
    read_units,
    says_status,
    vn_date,
)
from app.importers.tables.columns import (
    COLUMN_SYNONYMS,
    HeaderMatch,
    detect_header,
    headers_seen,
    label_key,
    match_label,
)
from app.importers.tables.grid import Merged, merged_across, probe_table, spread_merged
from app.importers.tables.periods import TITLE_YEAR, period_columns, ticked_periods
from app.importers.tables.row_kinds import (
    END_MARKS,
    FOOTNOTE,
    LEAD_PREFIXES,
    NOTE_MARKS,
    TOTAL_MARKS,
    is_numbering_row,
    signature_cell,
    starts_with,
)
from app.importers.tables.sections import (
    BULLETS,
    LABEL_AT_START,
    Group,
    clean_label,
    is_child,
    label_kind,
    label_level,
    ordinal,
    split_label,
)
from app.importers.tables.titleblock import parse_title_block

__all__ = [
    "COLUMN_SYNONYMS",
    "HeaderMatch",
    "TableResult",
    "detect_header",
    "extract_table",
    "headers_seen",
    "match_label",
]


@dataclass(slots=True)
class TableResult:
    document: ExtractedDocument
    tasks: list[ExtractedTask]
    problems: list[RowImportError]
    header: HeaderMatch | None = None
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- extraction


class _Columns:
    """Column indexes of one header, as plain attributes (the row loop is hot)."""

    def __init__(self, header: HeaderMatch) -> None:
        get = header.columns.get
        self.number = get("number")
        self.text = get("text")
        self.lead = get("lead")
        self.coordinators = get("coordinators")
        self.units = get("units")
        self.following = get("following")
        self.deadline = get("deadline")
        self.due = get("due")
        self.start = get("start")
        self.done_on = get("done_on")
        self.status = get("status")
        self.progress = get("progress")
        self.product = get("product")
        self.note = get("note")
        if self.deadline is None and self.due is not None:
            self.deadline, self.due = self.due, None
        self.data = [
            c
            for c in (
                self.lead,
                self.coordinators,
                self.units,
                self.following,
                self.deadline,
                self.due,
                self.start,
                self.done_on,
                self.status,
                self.progress,
                self.product,
                self.note,
            )
            if c is not None
        ]
        self.labels = header.labels


def _get(row: Sequence[object], col: int | None) -> object:
    if col is None or col >= len(row):
        return None
    return row[col]


class _TableReader:
    def __init__(
        self,
        rows: list[list[object]],
        header: HeaderMatch,
        *,
        merged_across: set[int],
        deadlines: DeadlineReader,
        today: date,
        source_name: str,
        sheet: str | None,
        hidden: Collection[int],
    ) -> None:
        self.rows = rows
        self.header = header
        self.cols = _Columns(header)
        # "Thời gian thực hiện" over "T1 … T12" (or "Quý I … IV"): ticks give the deadline.
        self.periods = period_columns(rows, header)
        self.period_year: int | None = None  # "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2025"
        if self.periods:
            if self.cols.deadline in self.periods:
                self.cols.deadline = None
            self.cols.data = [c for c in self.cols.data if c not in self.periods]
            self.cols.data += sorted(self.periods)
        self.merged_across = merged_across
        self.deadlines = deadlines
        self.today = today
        self.source_name = source_name
        self.sheet = sheet
        self.hidden = hidden
        self.stack: list[Group] = []
        self.units_cache: dict[tuple[str, str], dict[str, list[str]]] = {}
        self.last_task_row = -2
        # Numbered tasks above the current row, outermost first: (kind, label, lead).
        # "- Giám sát dịch" under "1. Phòng, chống dịch | Sở Y tế" takes Sở Y tế when its
        # own lead cell is empty.
        self.parents: list[tuple[str, str, str | None]] = []
        self.default_lead: str | None = None  # e.g. the sheet name "Ban Tuyên giáo"
        self.tasks: list[ExtractedTask] = []
        self.problems: list[RowImportError] = []
        # Rows with data but neither number nor text: errors only if a task follows them
        # (inside the table); under the last task they are stray cells and only warned of.
        self.pending: list[RowImportError] = []
        self.warnings: list[str] = []
        self.header_keys = {
            c: label_key(lab) for c, lab in enumerate(header.labels) if label_key(lab)
        }

    # -- helpers
    def _problem(self, r: int, message: str) -> RowImportError:
        return RowImportError(message, path=self.source_name or None, sheet=self.sheet, row=r + 1)

    def _error(self, r: int, message: str) -> None:
        self.problems.append(self._problem(r, message))

    def _where(self, r: int) -> str:
        return f"{self.sheet}!{r + 1}" if self.sheet else f"dòng {r + 1}"

    def _label(self, col: int | None) -> str:
        return self.cols.labels[col] if col is not None and col < len(self.cols.labels) else ""

    def _section(self) -> str:
        parts = [g.label or g.title for g in self.stack if g.label or not g.lead_group]
        return ".".join(parts)[:60]

    def _parent_lead(self, label: str) -> str | None:
        """The lead of the numbered task this row is a sub-item of ("-", "a", "1.1" under
        "1"); remembers this row as a possible parent of the next ones."""
        kind = label_kind(label, self.stack) if label else ""
        if not kind:
            self.parents = []
            return None
        while self.parents and not is_child(
            self.parents[-1][0], self.parents[-1][1], label, self.stack
        ):
            self.parents.pop()
        lead = self.parents[-1][2] if self.parents else None
        self.parents.append((kind, label, None))
        return lead

    def _remember_lead(self, lead: str | None) -> None:
        if self.parents and self.parents[-1][2] is None:
            kind, label, _ = self.parents[-1]
            self.parents[-1] = (kind, label, lead)

    def _group_unit(self) -> str | None:
        for g in reversed(self.stack):
            if g.unit or g.lead_group:
                return g.unit
        return None

    # -- the loop
    def run(self, progress: ProgressCallback | None) -> None:
        rows = self.rows
        total = len(rows)
        start = self.header.data_start
        for r in range(start, total):
            if progress is not None and (r - start) % 500 == 0 and progress(r, total) is False:
                raise ImportCancelled("Đã hủy nhập tệp (import cancelled).")
            row = rows[r]
            values = [
                (c, v)
                for c, v in enumerate(row)
                if v is not None and v != "" and c not in self.hidden
            ]
            if not values:
                continue
            if self._row(r, row, values) is False:
                break
        if progress is not None:
            progress(total, total)
        if self.pending:
            rows_text = ", ".join(str(p.row) for p in self.pending[:10])
            more = "…" if len(self.pending) > 10 else ""
            self.warnings.append(
                f"Bỏ qua các dòng dưới bảng không có nội dung nhiệm vụ: dòng {rows_text}{more}"
                + (f" (sheet «{self.sheet}»)" if self.sheet else "")
                + "."
            )
            self.pending = []

    def _row(self, r: int, row: list[object], values: list[tuple[int, object]]) -> bool | None:
        cols = self.cols
        num = cell_text(_get(row, cols.number))
        txt = cell_lines(_get(row, cols.text))
        # A header repeated on every printed page, or the "(1) (2) (3)" numbering row.
        if (
            len(txt) <= 80
            and cols.text is not None
            and self.header_keys.get(cols.text) == label_key(txt)
        ):
            return None
        if len(values) >= 3 and all(len(str(v)) <= 5 for _, v in values):
            texts = [cell_text(v) for _, v in values]
            if is_numbering_row(texts):
                return None
        first = num or txt or cell_text(values[0][1])
        if not first:
            return None
        ends = (not num or starts_with(num, END_MARKS)) and len(txt) < 60
        if ends and any(starts_with(cell_text(v), END_MARKS) for _, v in values):
            return False  # signature block or distribution list: the table is over
        if ends and self.tasks and not num and r not in self.merged_across:
            kinds = [signature_cell(v) for _, v in values]
            # A title in capitals alone in the text column may be a group row
            # ("CHÁNH VĂN PHÒNG" over the tasks of that post); beside it, or with a place
            # and date or "(Ký …)", it is the signature block and the table is over.
            if all(kinds) and (
                "mark" in kinds or any(c not in (cols.text, cols.number) for c, _ in values)
            ):
                return False
        if starts_with(first, TOTAL_MARKS) or (num and starts_with(txt, TOTAL_MARKS)):
            return None
        has_data = any(
            (v := _get(row, c)) is not None and v != "" for c in cols.data if c != cols.text
        )
        if has_data and txt:
            unit = self._group_lead(r, row, num, txt)
            if unit and self._heading(r, num, txt, unit):
                return None  # "I | Sở Y tế | Sở Y tế", "II | Lĩnh vực y tế | Sở Y tế"
        if not has_data:
            if (not num and starts_with(first, NOTE_MARKS)) or starts_with(txt, NOTE_MARKS[:4]):
                return None
            if not num and cols.number is not None and FOOTNOTE.match(txt):
                return None  # "(1) Các đơn vị báo cáo …" under the table
            if not num and not txt:
                return None  # something only in a column we do not read
            if not num and txt[0].islower() and self.last_task_row == r - 1:
                # The text of the task above, carried on to the next row.
                self.tasks[-1].text += "\n" + txt
                self.last_task_row = r
                return None
            if self._heading(r, num, txt):
                return None
        if not txt or not any(ch.isalpha() for ch in txt):
            if has_data:
                message = "dòng có dữ liệu nhưng thiếu nội dung nhiệm vụ (task text missing)"
                if num:
                    self._error(r, message)
                else:
                    self.pending.append(self._problem(r, message))
            return None
        if self.pending:
            self.problems += self.pending
            self.pending = []
        self._close_groups(num)
        self._task(r, row, num, txt)
        self.last_task_row = r
        return None

    def _group_lead(self, r: int, row: list[object], num: str, txt: str) -> str | None:
        """The lead of a group row that also fills its lead cell: a row with nothing but
        units besides its title, labelled "A"/"I" with sub-items under it, or whose title
        is that same unit. None for any other row."""
        cols = self.cols
        unit_cols = (cols.lead, cols.units, cols.coordinators, cols.following)
        for c in cols.data:
            if c != cols.text and c not in unit_cols and _get(row, c) not in (None, ""):
                return None
        lead = next((v for c in (cols.lead, cols.units) if (v := cell_text(_get(row, c)))), "")
        if not lead or len(txt) > 120:
            return None
        label, title = split_label(num, txt)
        names = read_units(lead, "lead")["lead"]
        if len(names) != 1:
            return None
        kind = label_kind(label, self.stack)
        if kind in ("upper", "roman") and self._next_is_child(r, kind, label):
            return names[0]
        unit = heading_unit(title)
        return names[0] if unit is not None and fold(unit) == fold(names[0]) else None

    def _heading(self, r: int, num: str, txt: str, unit: str | None = None) -> bool:
        label, title = split_label(num, txt)
        kind = label_kind(label, self.stack)
        if label and not kind:
            label, title, kind = "", (num + " " + txt).strip(), ""
        unit = unit or (heading_unit(title) if title else None)
        lead_group = not label and (unit is not None or starts_with(title, LEAD_PREFIXES))
        words = len(title.split())
        letters = [ch for ch in title if ch.isalpha()]
        heading = (
            kind in ("upper", "roman")
            or not title
            or (letters and all(ch.isupper() for ch in letters) and words >= 1)
            or (unit is not None and words <= 14)
            or lead_group
            or r in self.merged_across
            or (title.endswith(":") and words <= 30)
            or (kind in ("arabic", "lower", "bullet") and self._next_is_child(r, kind, label))
            # An unnumbered short line in a numbered list is a sub-heading; in a list
            # without numbers it is a task whose other cells are still empty.
            or (
                not kind
                and not num
                and self.cols.number is not None
                and words <= 12
                and not title.endswith(".")
            )
        )
        if not heading:
            return False
        # Unlabeled lead groups ("Đơn vị chủ trì: …") sit below every numbered heading.
        level = label_level(kind, label) if kind else (9 if lead_group else 8)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        self.stack.append(Group(level, label, title.rstrip(":").strip(), unit, None, lead_group))
        self.parents = []
        return True

    def _close_groups(self, num: str) -> None:
        """A task numbered like an open group is its sibling: "2" after group "1" and its
        "1.1", "1.2" closes group "1" — unless numbering restarted under the group."""
        label = clean_label(num) if num else ""
        kind = label_kind(label, self.stack) if label else ""
        if not kind or kind == "bullet":
            return
        level = label_level(kind, label)
        cut = len(self.stack)
        for i in range(len(self.stack) - 1, -1, -1):
            g = self.stack[i]
            if not g.label:
                continue  # unlabeled headings ("Đơn vị chủ trì: …") end at the next heading
            if g.level < level:
                break
            if g.level == level:
                if g.restarted is None:
                    g.restarted = ordinal(label) <= ordinal(g.label)
                if g.restarted:
                    break
            cut = i
        del self.stack[cut:]

    def _next_is_child(self, r: int, kind: str, label: str) -> bool:
        cols = self.cols
        for nr in range(r + 1, min(r + 6, len(self.rows))):
            row = self.rows[nr]
            num = cell_text(_get(row, cols.number))
            txt = cell_text(_get(row, cols.text))
            if not num and not txt:
                continue
            if not num:
                m = LABEL_AT_START.match(txt)
                num = m[1] if m else (txt[0] if txt[0] in BULLETS else "")
            return bool(num) and is_child(kind, label, clean_label(num), self.stack)
        return False

    def _task(self, r: int, row: list[object], num: str, txt: str) -> None:
        cols = self.cols
        task = ExtractedTask(text=txt, number=clean_label(num) if num else "")
        task.section = self._section()
        task.source = self._where(r)
        leads: list[str] = []
        coords: list[str] = []
        following: list[str] = []
        for col, role in (
            (cols.lead, "lead"),
            (cols.units, "lead"),
            (cols.coordinators, "coordinators"),
            (cols.following, "following"),
        ):
            value = _get(row, col)
            if value is None or value == "":
                continue
            key = (value if isinstance(value, str) else str(value), role)
            found = self.units_cache.get(key)
            if found is None:
                found = self.units_cache[key] = read_units(value, role)
            found = {k: list(v) for k, v in found.items()}
            if col == cols.units and len(found["lead"]) > 1 and not cols.lead:
                found["coordinators"] = found["lead"][1:] + found["coordinators"]
                found["lead"] = found["lead"][:1]
            leads += found["lead"]
            coords += found["coordinators"]
            following += found["following"]
        leads, coords = _joint_leads(leads, coords)
        if len(leads) > 1:
            task.problems.append(
                f"nhiều đơn vị chủ trì; «{leads[0]}» được coi là chủ trì, các đơn vị khác là phối hợp"
            )
            coords = leads[1:] + coords
        parent_lead = self._parent_lead(task.number)
        task.lead = leads[0] if leads else (parent_lead or self._group_unit() or self.default_lead)
        self._remember_lead(task.lead)
        task.coordinators = [u for u in dict.fromkeys(coords) if u != task.lead]
        task.following = list(dict.fromkeys(following))
        if task.lead is None:
            task.problems.append("chưa có đơn vị chủ trì")
        try:
            task.deadline = self._deadline(row)
            done_on = cell_date(_get(row, cols.done_on))
        except InvalidDate as ex:
            self._error(r, f"ngày không tồn tại «{ex.text}» (no such date)")
            return
        if task.deadline.kind == DeadlineKind.UNSPECIFIED and task.deadline.raw:
            task.problems.append(f"chưa hiểu thời hạn «{task.deadline.raw}»")
        task.progress = cell_lines(_get(row, cols.progress))
        if is_tick(task.progress):
            # A tick under "Tình hình thực hiện" › "Đang thực hiện": the column says it.
            task.progress = self._sub_label(cols.progress) or task.progress
        status = read_completion(_get(row, cols.status))
        if status is None and cols.status is None and cols.progress is not None:
            progress_text = cell_text(task.progress)
            if progress_text and len(progress_text.split()) <= 8:
                status = read_completion(progress_text)
        task.product = cell_lines(_get(row, cols.product))
        if (
            status is None
            and cols.status is None
            and cols.progress is None
            and says_status(task.product)
        ):
            # "Kết quả" holding "Đã hoàn thành"/"Đang thực hiện": a status, not a product.
            status = read_completion(task.product)
            task.progress, task.product = task.product, ""
        task.completed_on = self._completed_on(task, status, done_on)
        task.note = cell_lines(_get(row, cols.note))
        self.tasks.append(task)

    def _sub_label(self, col: int | None) -> str:
        """The label under a group label in a two-row header ("Tình hình thực hiện" over
        "Đang thực hiện"), or "" when the column has a single label."""
        top, last = self.header.row, self.header.data_start - 1
        if last <= top or last >= len(self.rows):
            return ""
        sub = cell_text(_get(self.rows[last], col))
        return sub if sub and sub != cell_text(_get(self.rows[top], col)) else ""

    def _deadline(self, row: list[object]) -> Deadline:
        cols = self.cols
        dl = self.deadlines.read(_get(row, cols.deadline))
        if self.periods and not dl.raw:
            ticked = ticked_periods(row, self.periods, self.period_year or self.deadlines.ref.year)
            if ticked:
                dl = self.deadlines.read(ticked)
        due = cell_date(_get(row, cols.due)) if cols.due is not None else None
        start = cell_date(_get(row, cols.start)) if cols.start is not None else None
        if due is None and start is None:
            return dl
        kind = dl.kind if dl.kind != DeadlineKind.UNSPECIFIED else DeadlineKind.DATE
        new_start = start or (dl.start if dl.start and (due is None or dl.start <= due) else None)
        return Deadline(
            raw=dl.raw or (vn_date(due) if due else ""),
            kind=kind,
            start=new_start,
            due=due or dl.due,
            occurrences=dl.occurrences,
            recurrence=dl.recurrence,
            condition=dl.condition,
            done=dl.done,
            continuing=dl.continuing,
        )

    def _completed_on(
        self, task: ExtractedTask, status: Completion | None, done_on: date | None
    ) -> date | None:
        if done_on is not None:
            return done_on
        if status is not None and status.on is not None and status.done:
            return status.on
        done = (status is not None and status.done) or (status is None and task.deadline.done)
        if not done:
            return None
        due = task.deadline.due
        late = status is not None and status.late
        if due is not None and not late and due <= self.today:
            when = due
        else:
            when = self.today
        task.problems.append(f"không ghi ngày hoàn thành; tạm tính là {vn_date(when)}")
        return when


def _joint_leads(leads: list[str], coords: list[str]) -> tuple[list[str], list[str]]:
    """The lead cell naming several units, as offices write it. A general addressee
    ("Các cấp ủy, tổ chức đảng, các tổ chức chính trị - xã hội trong Khối", "Văn phòng,
    các Ban của Đảng ủy Khối, các đoàn thể Khối") is one lead; "Sở Nội vụ, các sở liên
    quan" is Sở Nội vụ (a general mention is no unit); two named units stay two."""
    from app.core.units import is_generic_mention, is_unit_group

    if len(leads) < 2:
        return leads, coords
    named = [leads[0], *(n for n in leads[1:] if not is_generic_mention(n))]
    if len(named) > 1 and any(is_unit_group(n) for n in named):
        return [", ".join(named)], coords
    return named, coords


def extract_table(
    rows: Sequence[Sequence[object]],
    *,
    merged: Sequence[Merged] = (),
    ref: date | None = None,
    source_name: str = "",
    sheet: str | None = None,
    header_row: int | None = None,
    hidden_columns: Collection[int] = (),
    term: tuple[int, int] | None = None,
    today: date | None = None,
    progress: ProgressCallback | None = None,
    max_scan: int = 30,
    columns: Sequence[tuple[str, int]] = (),
) -> TableResult:
    """Read one task table. `header_row` (1-based) forces the header position, and
    `columns` (role, 0-based column) what its columns hold.

    `ref` resolves year-less deadlines; when None the date found in the title rows is used,
    else `today`. Row problems are returned, not raised: the caller decides.
    Returns a TableResult whose `header` is None when no task header was found.
    """
    today = today or date.today()
    grid = [list(r) for r in rows]
    # Find the header on a copy whose merged cells are spread both ways; then spread the
    # real grid across only above the data, so merged group rows stay one cell.
    header = probe_table(
        grid,
        merged,
        header_row=header_row,
        hidden=hidden_columns,
        max_scan=max_scan,
        columns=columns,
    )
    if header is None:
        return TableResult(ExtractedDocument(), [], [], None)
    spread_merged(grid, merged, across_until=header.data_start)
    title_cells = [
        [cell_lines(v) for v in dict.fromkeys(grid[r]) if v is not None and v != ""]
        for r in range(header.row)
    ]
    document = parse_title_block(title_cells)
    document.term = term
    reader = _TableReader(
        grid,
        header,
        merged_across=merged_across(merged, header.data_start),
        deadlines=DeadlineReader(
            ref or document.date or today,
            term or term_for(ref or document.date or today, level_of(document.issuer)),
        ),
        today=today,
        source_name=source_name,
        sheet=sheet,
        hidden=hidden_columns,
    )
    year = TITLE_YEAR.search(document.title)
    if year:
        reader.period_year = int(year[1])
    if sheet and not {"lead", "units"} & header.columns.keys():
        # One sheet per unit, with no lead column: the sheet's name is the lead.
        from app.core.units import looks_like_unit

        reader.default_lead = cell_text(sheet) if looks_like_unit(sheet) else None
    reader.run(progress)
    warnings = list(reader.warnings)
    legacy = _legacy_fonts(grid)
    if legacy:
        warnings.append(
            f"Bảng được gõ bằng phông {legacy} (.VnTime/VNI-Times); chữ đã được chuyển sang Unicode."
        )
    return TableResult(document, reader.tasks, reader.problems, header, warnings)


def _legacy_fonts(grid: Sequence[Sequence[object]], sample: int = 300) -> str | None:
    """Which legacy font encodings appear among the first text cells ("TCVN3", "VNI")."""
    from app.core.text import detect_legacy

    found: set[str] = set()
    seen = 0
    for row in grid:
        for v in row:
            if isinstance(v, str) and not v.isascii():
                seen += 1
                kind = detect_legacy(v)
                if kind:
                    found.add(kind.upper())
                if seen >= sample:
                    return "/".join(sorted(found)) or None
    return "/".join(sorted(found)) or None

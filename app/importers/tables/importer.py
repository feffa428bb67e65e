"""Excel-like task lists (.xlsx .xlsm .xls .ods .csv, and HTML saved as .xls) -> a plan.

The importer opens the file (excel_read), finds the sheet holding the task table (or the
one the user named), and hands its cells to the table reader (tables). Either the whole
file is understood or a single error lists every problem with its sheet and row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.text import fold
from app.errors import FileImportError, HeaderNotFoundError, ImportValidationError
from app.importers.base import ExtractOptions, ProgressCallback
from app.importers.model import ExtractedPlan, file_sha256
from app.importers.readers.spreadsheet import SheetRef, open_book, sniff
from app.importers.readers.webtables import Grid
from app.importers.tables.cells import cell_text
from app.importers.tables.grid import probe_table
from app.importers.tables.rows import TableResult, extract_table, headers_seen

EXTENSIONS = frozenset(
    {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods", ".csv", ".tsv"}
)


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """A sheet that holds a task table, as offered by the import wizard."""

    name: str
    header_row: int  # 1-based
    task_rows: int
    columns: dict[str, str] = field(default_factory=dict)  # role -> header label
    visible: bool = True


def _has_cells(grid: Grid) -> bool:
    return any(v is not None and v != "" for row in grid.rows for v in row)


def _find_sheet(path: Path, sheets: list[SheetRef], wanted: str) -> SheetRef:
    for ref in sheets:
        if ref.name == wanted:
            return ref
    for ref in sheets:
        if fold(ref.name) == fold(wanted):
            return ref
    names = ", ".join(f"«{s.name}»" for s in sheets) or "không có"
    raise FileImportError(
        f"không có sheet «{wanted}»; các sheet trong tệp: {names} (no such sheet)", path=path
    )


def _no_header_error(
    path: Path, grids: list[Grid], header_row: int | None = None, named: bool = False
) -> FileImportError:
    fullest = max(
        grids, key=lambda g: sum(1 for row in g.rows[:30] for v in row if v), default=None
    )
    sheet = fullest.name if fullest and (named or len(grids) > 1) else None
    if fullest is not None and header_row:
        # The user named the row: say what is on it, and where a header really is.
        row = fullest.rows[header_row - 1] if header_row <= len(fullest.rows) else []
        cells = ", ".join(f"«{cell_text(v)}»" for v in row if cell_text(v))[:300]
        found = probe_table(fullest.rows, fullest.merged, hidden=fullest.hidden_columns)
        hint = f"; dòng tiêu đề tìm thấy là dòng {found.row + 1}" if found is not None else ""
        return HeaderNotFoundError(
            "dòng đã chọn không phải dòng tiêu đề của danh sách nhiệm vụ"
            f" (cần cột «Nội dung»/«Nhiệm vụ» và một cột như «Chủ trì», «Thời gian»); "
            f"dòng đó có: {cells or 'không có gì'}" + hint,
            found=found.row + 1 if found is not None else None,
            path=path,
            sheet=sheet,
            row=header_row,
        )
    seen = headers_seen(fullest.rows) if fullest else []
    listed = ", ".join(f"«{h}»" for h in seen[:15]) or "không có"
    return HeaderNotFoundError(
        "không tìm thấy dòng tiêu đề của danh sách nhiệm vụ (cần cột «Nội dung»/«Nhiệm vụ» "
        "và một cột như «Chủ trì», «Thời gian»; hãy chọn dòng tiêu đề). "
        f"Các tiêu đề tìm thấy: {listed}",
        path=path,
        sheet=sheet,
    )


def _read(
    grid: Grid, path: Path, options: ExtractOptions, progress: ProgressCallback | None = None
) -> TableResult:
    return extract_table(
        grid.rows,
        merged=grid.merged,
        ref=options.ref,
        source_name=path.name,
        sheet=grid.name,
        header_row=options.header_row,
        hidden_columns=grid.hidden_columns,
        term=options.term,
        columns=options.columns,
        progress=progress,
    )


def _count_rows(grid: Grid, header_row: int, text_col: int) -> int:
    return sum(
        1
        for row in grid.rows[header_row:]
        if text_col < len(row) and row[text_col] is not None and row[text_col] != ""
    )


class ExcelImporter:
    name = "excel"

    def identify(self, path: Path) -> bool:
        path = Path(path)
        if path.suffix.lower() in EXTENSIONS:
            return True
        try:
            return sniff(path) in ("xlsx", "ods", "xml2003")
        except FileImportError:
            return False

    def extract(
        self,
        path: Path,
        options: ExtractOptions,
        progress: ProgressCallback | None = None,
    ) -> ExtractedPlan:
        path = Path(path)
        sheets = open_book(path, options.limits)
        warnings: list[str] = []
        if options.sheet:
            grid = _find_sheet(path, sheets, options.sheet).load()
            if not _has_cells(grid):
                raise FileImportError("sheet trống (empty sheet)", path=path, sheet=grid.name)
            result = _read(grid, path, options, progress)
            if result.header is None:
                raise _no_header_error(path, [grid], options.header_row, named=True)
        else:
            grid, warnings = self._choose(path, sheets, options)
            result = _read(grid, path, options, progress)
            assert result.header is not None  # the probe found it
        if result.problems:
            raise ImportValidationError(list(result.problems), path=path)
        if not result.tasks:
            raise FileImportError(
                f"có dòng tiêu đề (dòng {result.header.row + 1}) nhưng không có nhiệm vụ nào "
                "bên dưới (no task rows)",
                path=path,
                sheet=grid.name,
            )
        return ExtractedPlan(
            document=result.document,
            tasks=result.tasks,
            source_name=path.name,
            sha256=file_sha256(path),
            sheet=grid.name,
            warnings=warnings + result.warnings,
        )

    def _choose(
        self, path: Path, sheets: list[SheetRef], options: ExtractOptions
    ) -> tuple[Grid, list[str]]:
        """The sheet with the most task rows; the others that have tasks are mentioned."""
        grids: list[Grid] = []
        found: list[tuple[int, Grid]] = []
        for visible_pass in (True, False):
            for ref in sheets:
                if ref.visible != visible_pass:
                    continue
                grid = ref.load()
                if not _has_cells(grid):
                    continue
                grids.append(grid)
                header = probe_table(
                    grid.rows,
                    grid.merged,
                    header_row=options.header_row,
                    hidden=grid.hidden_columns,
                    columns=options.columns,
                )
                if header is not None:
                    found.append(
                        (_count_rows(grid, header.data_start, header.columns["text"]), grid)
                    )
            if found:
                break
        if not grids:
            raise FileImportError("sổ tính trống, không có dữ liệu (empty workbook)", path=path)
        if not found:
            raise _no_header_error(path, grids, options.header_row)
        found.sort(key=lambda item: -item[0])
        best = found[0][1]
        warnings = [
            f"Sheet «{g.name}» cũng có danh sách nhiệm vụ ({n} dòng); chọn bằng --sheet."
            for n, g in found[1:]
            if n > 0
        ]
        return best, warnings


def list_task_sheets(path: str | Path, options: ExtractOptions | None = None) -> list[SheetInfo]:
    """Every sheet with a task header, for the import wizard to offer (hidden ones last)."""
    path = Path(path)
    options = options or ExtractOptions()
    out: list[SheetInfo] = []
    for ref in sorted(open_book(path, options.limits), key=lambda s: not s.visible):
        grid = ref.load()
        if not _has_cells(grid):
            continue
        result = _read(grid, path, ExtractOptions(ref=options.ref, term=options.term))
        header = result.header
        if header is None:
            continue
        columns = {role: header.labels[c] for role, c in header.columns.items()}
        out.append(SheetInfo(grid.name, header.row + 1, len(result.tasks), columns, ref.visible))
    return out


@dataclass(frozen=True, slots=True)
class SheetPreview:
    """The first rows of a sheet as text, for the wizard to let the user pick the header."""

    name: str
    rows: list[list[str]]
    header_row: int | None  # 1-based, as detected
    sheets: list[str]  # every sheet of the file, to switch between them


def sheet_preview(path: str | Path, sheet: str | None = None, max_rows: int = 40) -> SheetPreview:
    """First `max_rows` rows of `sheet` (default: the sheet extraction would choose)."""
    from app.importers.tables.cells import cell_text

    path = Path(path)
    sheets = open_book(path)
    if sheet:
        grid = _find_sheet(path, sheets, sheet).load()
    else:
        try:
            grid, _ = ExcelImporter()._choose(path, sheets, ExtractOptions())
        except FileImportError:
            first = next((g for g in (s.load() for s in sheets) if _has_cells(g)), None)
            if first is None:
                raise
            grid = first
    header = probe_table(grid.rows, grid.merged, hidden=grid.hidden_columns)
    rows = [[cell_text(v) for v in row] for row in grid.rows[:max_rows]]
    return SheetPreview(
        grid.name, rows, header.row + 1 if header else None, [s.name for s in sheets]
    )

"""Bounded work on grids: merged ranges clipped to the cells a sheet really has.

A merged range is four numbers, so a file of a few hundred bytes can ask for a range of
two billion rows by two billion columns (XML Spreadsheet 2003 `ss:MergeDown`, HTML
`rowspan`, an .ods `number-rows-spanned`, an .xlsx `<mergeCell ref>`). Readers that
mark every covered cell, and the table reader that gives every cell of a range its
value, then work for hours. Here a range never reaches past the last row and column
that hold a value; ranges that cover more cells than the sheet has (they can only
overlap, which no spreadsheet program writes) are refused with a clear message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from app.errors import ImportLimitError
from app.importers.base import ImportLimits

Merged = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)


def n_vi(number: int) -> str:
    """A count written the Vietnamese way: 200.000."""
    return f"{number:,}".replace(",", ".")


def grid_too_large(
    path: Path | None, sheet: str | None, rows: int, cols: int, limits: ImportLimits
) -> ImportLimitError:
    return ImportLimitError(
        f"sheet trải trên {n_vi(rows)} dòng × {n_vi(max(cols, 1))} cột, quá giới hạn nhập "
        f"({n_vi(limits.max_rows)} dòng, {n_vi(limits.max_cells)} ô); hãy xóa các ô thừa ở "
        "cuối sheet, tách tệp hoặc nâng giới hạn trong Cài đặt (sheet too large)",
        path=path,
        sheet=sheet,
    )


MAX_COLUMNS = 16_384  # Excel's own: a wider "sheet" is not a table anyone made


def check_extent(
    path: Path | None, sheet: str | None, rows: int, cols: int, limits: ImportLimits
) -> None:
    """A sheet spanning too many rows (or rows x columns) is refused before more work."""
    if rows > limits.max_rows or cols > MAX_COLUMNS or rows * max(cols, 1) > limits.max_cells:
        raise grid_too_large(path, sheet, rows, cols, limits)


def clip_merged(
    merged: Iterable[Merged],
    rows: Sequence[Sequence[object]],
    limits: ImportLimits,
    *,
    path: Path | None = None,
    sheet: str | None = None,
) -> list[Merged]:
    """Merged ranges cut to the grid's rows and columns; duplicates and empty ones dropped.

    Refused when the clipped ranges together cover more cells than the grid has (only
    overlapping ranges can) or more than the limit: the cost of spreading them is then
    bounded by the size of the grid.
    """
    height = len(rows)
    width = max((len(r) for r in rows), default=0)
    check_extent(path, sheet, height, width, limits)
    budget = min(height * width, limits.max_cells)
    out: list[Merged] = []
    seen: set[Merged] = set()
    area = 0
    for r0, c0, r1, c1 in merged:
        r0, c0 = max(0, r0), max(0, c0)
        r1, c1 = min(r1, height - 1), min(c1, width - 1)
        if r0 > r1 or c0 > c1 or (r0 == r1 and c0 == c1):
            continue
        box = (r0, c0, r1, c1)
        if box in seen:
            continue
        seen.add(box)
        area += (r1 - r0 + 1) * (c1 - c0 + 1)
        if area > budget:
            raise ImportLimitError(
                f"các vùng gộp ô (merge) phủ hơn {n_vi(budget)} ô, nhiều hơn số ô của sheet "
                "— chúng chồng lên nhau, tệp hỏng hoặc được tạo để làm treo máy; hãy mở bằng "
                "Excel, bỏ gộp ô và lưu lại (overlapping merged ranges)",
                path=path,
                sheet=sheet,
            )
        out.append(box)
    return out


class Cover:
    """Cells covered from above by merged ranges, for readers that place cells row by row.

    XML Spreadsheet 2003 and HTML tables do not say in which column a cell stands: it is
    the next one not covered by a range merged down from a row above. Ranges are kept as
    column blocks (first column -> last row, last column), never cell by cell, so a range
    of two billion rows costs what a range of two rows does; a reader calls `placed`
    for every cell and is refused once rows x columns placed pass the limit, which also
    bounds the steps `free` takes over blocks.
    """

    def __init__(self, limits: ImportLimits, *, path: Path | None = None, sheet: str | None = None):
        self.limits = limits
        self.path = path
        self.sheet = sheet
        self._blocks: dict[int, tuple[int, int, int]] = {}  # c0 -> (first row, last row, c1)
        self.rows = 0  # rows that hold a cell
        self.cols = 0  # one past the right-most column that holds a cell

    def free(self, r: int, c: int) -> int:
        """The first column from `c` on that no range merged down from above covers."""
        blocks = self._blocks
        while (block := blocks.get(c)) is not None and block[0] < r <= block[1]:
            c = block[2] + 1
        return c

    def merge(self, r: int, c: int, down: int, across: int) -> None:
        """A cell at (r, c) merged `down` rows and `across` columns further."""
        if down > 0:
            self._blocks[c] = (r, r + down, c + max(across, 0))

    def placed(self, r: int, c: int) -> None:
        """A cell holding a value stands at (r, c): the grid reaches that far."""
        if r + 1 > self.rows or c + 1 > self.cols:
            self.rows = max(self.rows, r + 1)
            self.cols = max(self.cols, c + 1)
            check_extent(self.path, self.sheet, self.rows, self.cols, self.limits)

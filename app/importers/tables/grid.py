"""Before rows are read: merged cells spread over the cells they cover, and the header
found (also under a two-row header whose upper cells are merged down or across)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from app.importers.tables.columns import HeaderMatch, detect_header

Merged = tuple[int, int, int, int]  # first row, first col, last row, last col (0-based, incl.)


def spread_merged(
    rows: list[list[object]], merged: Sequence[Merged], *, across_until: int = 0
) -> list[list[object]]:
    """Give every cell of a merged range the range's value, in place.

    Ranges that start above row `across_until` (title and header rows) are spread across
    and down; below it only down, so a merged group row keeps its text in one cell while
    a lead unit merged over five rows applies to all five.
    """
    for r0, c0, r1, c1 in merged:
        if r0 >= len(rows) or (r0 == r1 and (c0 == c1 or r0 >= across_until)):
            continue
        top = rows[r0]
        value = top[c0] if c0 < len(top) else None
        if value is None or value == "":
            continue
        last_col = c1 if r0 < across_until else c0
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= last_col:
                row.extend([None] * (last_col + 1 - len(row)))
            for c in range(c0, last_col + 1):
                if row[c] is None or row[c] == "":
                    row[c] = value
    return rows


def merged_across(merged: Sequence[Merged], start: int) -> set[int]:
    """Rows (from `start`) holding a cell merged across three or more columns."""
    return {r0 for r0, c0, r1, c1 in merged if r0 >= start and c1 - c0 >= 2 and r1 == r0}


def probe_table(
    rows: Sequence[Sequence[object]],
    merged: Sequence[Merged] = (),
    *,
    header_row: int | None = None,
    hidden: Collection[int] = (),
    max_scan: int = 30,
    columns: Sequence[tuple[str, int]] = (),
) -> HeaderMatch | None:
    """The task header of a table, if any (cheap: looks at the first rows only).
    `columns` (role, 0-based column) with `header_row` is the user's own reading of a
    header the names of which are not recognised; it needs the task text's column."""
    if header_row and columns and "text" in dict(columns) and header_row <= len(rows):
        labels = tuple(
            " ".join(str(v).split()) if v is not None else "" for v in rows[header_row - 1]
        )
        return HeaderMatch(header_row - 1, 1, dict(columns), labels)
    scan_end = min(len(rows), max(header_row or 0, max_scan) + 2)
    scan = spread_merged([list(r) for r in rows[:scan_end]], merged, across_until=scan_end)
    header = detect_header(
        scan, max_scan, hidden=hidden, only_row=header_row - 1 if header_row else None
    )
    if header is None:
        return None
    # A two-row header whose upper cells are merged down reads fully on its second row;
    # its first row still belongs to the header, not to the title rows.
    top = min(
        (r0 for r0, _, r1, _ in merged if r0 < header.row <= r1 and header.row - r0 <= 2),
        default=header.row,
    )
    if top < header.row:
        header = replace(header, row=top, height=header.height + header.row - top)
    elif header.height == 1 and _sub_labels_below(scan, merged, header.row):
        header = replace(header, height=2)
    return header


def _sub_labels_below(scan: Sequence[Sequence[object]], merged: Sequence[Merged], r: int) -> bool:
    """Is the row under a one-row header a row of sub-labels ("T1 … T12", "Đợt 1 | Đợt 2")
    under group labels merged across, that name no column of their own?"""
    groups = [(c0, c1) for r0, c0, r1, c1 in merged if r0 == r == r1 and c1 > c0]
    if not groups or r + 1 >= len(scan):
        return False
    top, below = scan[r], scan[r + 1]
    subs = [
        c
        for c, v in enumerate(below)
        if v is not None and v != "" and (c >= len(top) or v != top[c])
    ]
    return len(subs) >= 2 and all(any(c0 <= c <= c1 for c0, c1 in groups) for c in subs)

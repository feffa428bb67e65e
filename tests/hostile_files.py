"""Hostile files of every shape the importers read, built in memory (tests and bench/).

Each builder returns (file name, bytes). Small files that ask for huge work (merged
ranges of two billion cells, a page tree that loops, entities that expand), files that
are big in one dimension (a very long line, very deep numbering, many deadline
phrases), and files that are broken in the ways real downloads are. What must happen
is in `tests/test_hostile_shapes.py`: a clear message naming the file, or the file read,
within seconds, and the database unchanged.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

SS = "urn:schemas-microsoft-com:office:spreadsheet"
HEADER = ["STT", "Nội dung nhiệm vụ", "Chủ trì", "Thời gian"]
TASK = ["1", "Quán triệt Nghị quyết đến cán bộ chủ chốt", "Ban Tuyên giáo", "Quý I/2024"]


# --------------------------------------------------------------------------- XML 2003


def _ss_cell(value: str, attrs: str = "") -> str:
    return f'<Cell{attrs}><Data ss:Type="String">{value}</Data></Cell>'


def spreadsheet_xml(rows: list[str], name: str = "KH") -> bytes:
    """An XML Spreadsheet 2003 workbook (what web portals save as .xls) of raw <Row>s."""
    return (
        f'<?xml version="1.0"?><Workbook xmlns="{SS}" xmlns:ss="{SS}">'
        f'<Worksheet ss:Name="{name}"><Table>' + "".join(rows) + "</Table></Worksheet></Workbook>"
    ).encode()


def _ss_row(cells: list[str], attrs: str = "") -> str:
    return f"<Row{attrs}>" + "".join(_ss_cell(c) for c in cells) + "</Row>"


def ss_merge_bomb() -> tuple[str, bytes]:
    """The 351-byte file of the issue: one cell merged 2e9 across and 2e9 down."""
    big = 'ss:MergeAcross="2000000000" ss:MergeDown="2000000000"'
    return "merge-bomb.xls", spreadsheet_xml([f"<Row>{_ss_cell('x', ' ' + big)}</Row>"])


def ss_merge_down_table() -> tuple[str, bytes]:
    """A real task table whose lead cell is merged two billion rows down (clipped)."""
    rows = [_ss_row(HEADER)]
    lead = _ss_cell("Ban Tuyên giáo", ' ss:MergeDown="2000000000"')
    rows.append(
        f"<Row>{_ss_cell('1')}{_ss_cell('Quán triệt Nghị quyết')}{lead}"
        f"{_ss_cell('Quý I/2024')}</Row>"
    )
    rows.append(_ss_row(["2", "Sơ kết việc thực hiện", "Quý II/2024"]))
    return "merge-down.xls", spreadsheet_xml(rows)


def ss_many_merges() -> tuple[str, bytes]:
    """Thousands of cells each merged far down: overlapping ranges by the million."""
    cells = "".join(_ss_cell(str(i), ' ss:MergeDown="100000"') for i in range(3000))
    rows = [f"<Row>{cells}</Row>"] + [_ss_row(TASK)] * 2000
    return "many-merges.xls", spreadsheet_xml(rows)


def ss_far_index() -> tuple[str, bytes]:
    """A row and a cell at index two billion."""
    rows = [
        _ss_row(HEADER),
        '<Row ss:Index="2000000000">' + _ss_cell("x", ' ss:Index="2000000000"') + "</Row>",
    ]
    return "far-index.xls", spreadsheet_xml(rows)


def ss_wide_row() -> tuple[str, bytes]:
    """One row of 300,000 cells (a sheet of one row, too wide to be a list)."""
    return "wide-row.xls", spreadsheet_xml(["<Row>" + _ss_cell("x") * 300_000 + "</Row>"])


# --------------------------------------------------------------------------- HTML


def html_span_bomb() -> tuple[str, bytes]:
    """Thousands of cells with rowspan and colspan at HTML's maxima."""
    cell = '<td rowspan="65534" colspan="1000">x</td>'
    body = "<tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr>"
    body += ("<tr>" + cell * 20 + "</tr>") * 200
    return "span-bomb.xls", f"<html><body><table>{body}</table></body></html>".encode()


def html_nested_tables() -> tuple[str, bytes]:
    """Tables nested 5,000 deep."""
    inner = "<table><tr><td>" * 5000 + "x" + "</td></tr></table>" * 5000
    return "nested-tables.xls", f"<html><body>{inner}</body></html>".encode()


# --------------------------------------------------------------------------- registry

Builder = Callable[[], tuple[str, bytes]]
BUILDERS: dict[str, Builder] = {
    "ss_merge_bomb": ss_merge_bomb,
    "ss_merge_down_table": ss_merge_down_table,
    "ss_many_merges": ss_many_merges,
    "ss_far_index": ss_far_index,
    "ss_wide_row": ss_wide_row,
    "html_span_bomb": html_span_bomb,
    "html_nested_tables": html_nested_tables,
}


def zip_of(parts: dict[str, bytes], level: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", level) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


__all__ = ["BUILDERS", "zip_of", "zlib"]

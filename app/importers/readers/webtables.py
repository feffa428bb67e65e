"""Tables that web systems save as ".xls": HTML tables and XML Spreadsheet 2003 files.

Many government web portals "export to Excel" by writing an HTML page (or the old XML
spreadsheet format) and naming it .xls. Excel opens those, so users expect us to as well.
Both readers return plain grids plus merged ranges, the same shape as a real sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser

Merged = tuple[int, int, int, int]


@dataclass(slots=True)
class Grid:
    name: str
    rows: list[list[object]] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)
    hidden_columns: frozenset[int] = frozenset()


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "title"})
_CELL_TAGS = frozenset({"td", "th"})


class _TableParser(HTMLParser):
    """Collects every top-level <table> as a grid; rowspan/colspan become merged ranges.

    Text before the first table (headings, paragraphs) is kept as one-cell rows: it holds
    the title block of the list.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Grid] = []
        self.preamble: list[str] = []
        self._depth = 0  # table nesting; inner tables are read as text of their cell
        self._grid: Grid | None = None
        self._occupied: set[tuple[int, int]] = set()
        self._r = -1
        self._c = 0
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._text: list[str] = []
        self._skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
            return
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._flush_text()
                self._grid = Grid(f"Bảng {len(self.tables) + 1}")
                self._occupied = set()
                self._r = -1
            return
        if self._depth != 1 or self._grid is None:
            if tag == "br" and self._cell is not None:
                self._cell.append("\n")
            elif tag in _BLOCK_TAGS and self._depth == 0:
                self._flush_text()
            return
        if tag == "tr":
            self._r += 1
            self._c = 0
        elif tag in _CELL_TAGS:
            if self._r < 0:
                self._r, self._c = 0, 0
            a = dict(attrs)
            self._span = (_int(a.get("rowspan")), _int(a.get("colspan")))
            self._cell = []
        elif self._cell is not None and (tag == "br" or (tag in ("p", "div", "li") and self._cell)):
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
            return
        if tag == "table":
            if self._depth == 1 and self._grid is not None:
                self._end_cell()
                self.tables.append(self._grid)
                self._grid = None
            self._depth = max(0, self._depth - 1)
        elif self._depth == 1 and tag in _CELL_TAGS:
            self._end_cell()
        elif self._depth == 0 and tag in _BLOCK_TAGS:
            self._flush_text()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._depth == 0:
            self._text.append(data)

    def _flush_text(self) -> None:
        text = " ".join("".join(self._text).split())
        if text and not self.tables:
            self.preamble.append(text)
        self._text = []

    def _end_cell(self) -> None:
        if self._cell is None or self._grid is None:
            return
        raw = "".join(self._cell)
        text = "\n".join(" ".join(line.split()) for line in raw.split("\n")).strip("\n ")
        self._cell = None
        while (self._r, self._c) in self._occupied:
            self._c += 1
        r, c = self._r, self._c
        rowspan, colspan = self._span
        rows = self._grid.rows
        while len(rows) <= r:
            rows.append([])
        row = rows[r]
        while len(row) <= c:
            row.append(None)
        row[c] = text or None
        for dr in range(rowspan):
            for dc in range(colspan):
                self._occupied.add((r + dr, c + dc))
        if rowspan > 1 or colspan > 1:
            self._grid.merged.append((r, c, r + rowspan - 1, c + colspan - 1))
        self._c += colspan


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def read_html_tables(text: str) -> tuple[list[Grid], list[str]]:
    """Every top-level table of an HTML page, and the text lines before the first one."""
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    return [t for t in parser.tables if t.rows], parser.preamble


# --------------------------------------------------------------------------- XML 2003

_SS = "urn:schemas-microsoft-com:office:spreadsheet"
_Q = "{" + _SS + "}"


def read_spreadsheet_xml(data: bytes) -> list[Grid]:
    """Sheets of an "XML Spreadsheet 2003" file (<Workbook xmlns=…:spreadsheet>)."""
    from defusedxml.ElementTree import fromstring

    root = fromstring(data)
    grids: list[Grid] = []
    for ws in root.iter(_Q + "Worksheet"):
        grid = Grid(ws.get(_Q + "Name") or f"Sheet{len(grids) + 1}")
        table = ws.find(_Q + "Table")
        if table is None:
            grids.append(grid)
            continue
        hidden: set[int] = set()
        col_index = 0
        for col in table.findall(_Q + "Column"):
            col_index = _int(col.get(_Q + "Index")) - 1 if col.get(_Q + "Index") else col_index
            span = int(col.get(_Q + "Span") or 0) + 1
            if col.get(_Q + "Hidden") == "1":
                hidden.update(range(col_index, col_index + span))
            col_index += span
        occupied: set[tuple[int, int]] = set()
        r = -1
        for row_el in table.findall(_Q + "Row"):
            r = _int(row_el.get(_Q + "Index")) - 1 if row_el.get(_Q + "Index") else r + 1
            c = 0
            for cell in row_el.findall(_Q + "Cell"):
                if cell.get(_Q + "Index"):
                    c = _int(cell.get(_Q + "Index")) - 1
                while (r, c) in occupied:
                    c += 1
                across = int(cell.get(_Q + "MergeAcross") or 0)
                down = int(cell.get(_Q + "MergeDown") or 0)
                value = _xml_value(cell.find(_Q + "Data"))
                while len(grid.rows) <= r:
                    grid.rows.append([])
                row = grid.rows[r]
                while len(row) <= c:
                    row.append(None)
                row[c] = value
                if across or down:
                    grid.merged.append((r, c, r + down, c + across))
                    for dr in range(down + 1):
                        for dc in range(across + 1):
                            occupied.add((r + dr, c + dc))
                c += across + 1
        grid.hidden_columns = frozenset(hidden)
        grids.append(grid)
    return grids


_ISO_DT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _xml_value(data) -> object:
    if data is None:
        return None
    text = "".join(data.itertext())
    kind = data.get(_Q + "Type")
    if kind == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "DateTime" and _ISO_DT.match(text):
        try:
            dt = datetime.fromisoformat(text[:19])
        except ValueError:
            return text
        return dt.date() if (dt.hour, dt.minute, dt.second) == (0, 0, 0) else dt
    if kind == "Boolean":
        return text.strip() == "1"
    return text

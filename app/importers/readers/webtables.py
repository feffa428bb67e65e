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
from xml.etree.ElementTree import Element

from app.importers.base import ImportLimits
from app.importers.safety.grids import Cover

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

    def __init__(self, limits: ImportLimits) -> None:
        super().__init__(convert_charrefs=True)
        self._limits = limits
        self.tables: list[Grid] = []
        self.preamble: list[str] = []
        self._depth = 0  # table nesting; inner tables are read as text of their cell
        self._grid: Grid | None = None
        self._cover = Cover(limits)
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
                self._cover = Cover(self._limits, sheet=self._grid.name)
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
        r, c = self._r, self._cover.free(self._r, self._c)
        self._cover.placed(r, c)
        rowspan, colspan = self._span
        rows = self._grid.rows
        while len(rows) <= r:
            rows.append([])
        row = rows[r]
        while len(row) <= c:
            row.append(None)
        row[c] = text or None
        if rowspan > 1 or colspan > 1:
            self._grid.merged.append((r, c, r + rowspan - 1, c + colspan - 1))
            self._cover.merge(r, c, rowspan - 1, colspan - 1)
        self._c = c + colspan


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def read_html_tables(text: str, limits: ImportLimits | None = None) -> tuple[list[Grid], list[str]]:
    """Every top-level table of an HTML page, and the text lines before the first one."""
    parser = _TableParser(limits or ImportLimits())
    parser.feed(text)
    parser.close()
    return [t for t in parser.tables if t.rows], parser.preamble


# --------------------------------------------------------------------------- XML 2003

_SS = "urn:schemas-microsoft-com:office:spreadsheet"
_Q = "{" + _SS + "}"


def read_spreadsheet_xml(data: bytes, limits: ImportLimits | None = None) -> list[Grid]:
    """Sheets of an "XML Spreadsheet 2003" file (<Workbook xmlns=…:spreadsheet>).

    Work is bounded by the cells the file holds: merged ranges are kept as blocks (see
    `safety.grids.Cover`) and a sheet reaching past the limits is refused.
    """
    from defusedxml.ElementTree import fromstring

    limits = limits or ImportLimits()
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
            col_index = _index(col.get(_Q + "Index"), col_index + 1) - 1
            span = _count(col.get(_Q + "Span")) + 1
            if col.get(_Q + "Hidden") == "1" and span <= 1000:
                hidden.update(range(col_index, col_index + span))
            col_index += span
        cover = Cover(limits, sheet=grid.name)
        r = -1
        for row_el in table.findall(_Q + "Row"):
            r = _index(row_el.get(_Q + "Index"), r + 2) - 1
            c = 0
            for cell in row_el.findall(_Q + "Cell"):
                c = cover.free(r, _index(cell.get(_Q + "Index"), c + 1) - 1)
                cover.placed(r, c)
                across = _count(cell.get(_Q + "MergeAcross"))
                down = _count(cell.get(_Q + "MergeDown"))
                value = _xml_value(cell.find(_Q + "Data"))
                while len(grid.rows) <= r:
                    grid.rows.append([])
                row = grid.rows[r]
                while len(row) <= c:
                    row.append(None)
                row[c] = value
                if across or down:
                    grid.merged.append((r, c, r + down, c + across))
                    cover.merge(r, c, down, across)
                c += across + 1
        grid.hidden_columns = frozenset(hidden)
        grids.append(grid)
    return grids


def _index(value: str | None, default: int) -> int:
    """A 1-based ss:Index (the next position when absent or not a number)."""
    try:
        return max(1, int(str(value).strip())) if value is not None else default
    except ValueError:
        return default


def _count(value: str | None) -> int:
    """ss:MergeAcross, ss:MergeDown, ss:Span: a count of further cells (0 when absent)."""
    try:
        return max(0, int(str(value).strip())) if value else 0
    except ValueError:
        return 0


_ISO_DT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _xml_value(data: Element | None) -> object:
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

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


# --------------------------------------------------------------------------- text plans

PLAN_HEAD = (
    "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nSố 12-KH/TU\nĐà Lạt, ngày 5 tháng 3 năm 2024\n\nKẾ HOẠCH\n"
    "thực hiện Nghị quyết của Ban Chấp hành\n\nII. NHIỆM VỤ VÀ GIẢI PHÁP\n"
)


def _outline(i: int) -> str:
    """Numbering nested as deep as plans go, then deeper bullets, over and over."""
    marks = ["I.", "1.", "1.1.", "1.1.1.", "1.1.1.1.", "a)", "-", "+", "•"]
    mark = marks[i % len(marks)]
    return f"{mark} Ban Tổ chức chủ trì thực hiện rà soát quy chế, hoàn thành trong quý I/2024.\n"


# name -> (a line of the shape, or a function of the line number)
TEXT_SHAPES: dict[str, str | Callable[[int], str]] = {
    # "1.1.1.1.…" numbering far deeper than any plan: not a list marker, one paragraph
    "deep_numbering": ".".join(["1"] * 40) + ". Sở Nội vụ chủ trì, trước ngày 30/6/2024.\n",
    "nested_outline": _outline,
    # very many deadline phrases, in task lines and in one running paragraph
    "deadline_lines": "1. Việc " + "trước ngày 30/6/2024, quý II/2024, hằng năm; " * 40 + "\n",
    "deadline_para": "hoàn thành trong tháng thực hiện định kỳ hằng năm trước ngày 15/6, \n",
    "many_short": "- a\n",
    "numbered_short": "1. Việc.\n",
    "one_paragraph": "các cơ quan đơn vị thực hiện nhiệm vụ được giao và\n",
    "caps_lines": "NHIỆM VỤ TRỌNG TÂM CỦA CÁC CƠ QUAN\n",
    "bullets": "- Ban Tuyên giáo chủ trì, phối hợp với Sở Nội vụ, Sở Tài chính thực hiện quán "
    "triệt nghị quyết trong quý I/2024.\n",
    "brackets": "1. Việc " + "(" * 30 + "quý I/2024" + ")" * 30 + ".\n",
    "tab_table": "1\tNhiệm vụ quán triệt\tBan Tổ chức\tQuý I/2024\n",
    "pipe_table": "| 1 | Nhiệm vụ quán triệt | Ban Tổ chức | Quý I/2024 |\n",
    "pages": "Trang đầu\n1. Việc quý I/2024.\n\f",
    "spaces": "a" + " " * 200 + "b\n",
    # one enormous line: refused at once by the line-length limit
    "one_line": "Sở Nội vụ, Ban Tổ chức, Ban Tuyên giáo, Văn phòng, ",
}


def text_plan(shape: str, size: int) -> bytes:
    """A .txt plan of about `size` bytes: the plan head, then the shape repeated."""
    unit = TEXT_SHAPES[shape]
    parts, n, i = [PLAN_HEAD], len(PLAN_HEAD.encode()), 0
    if isinstance(unit, str):
        line = unit.encode()
        return PLAN_HEAD.encode() + line * max(1, (size - n) // len(line))
    while n < size:
        line = unit(i)
        parts.append(line)
        n += len(line.encode())
        i += 1
    return "".join(parts).encode()


# --------------------------------------------------------------------------- zip containers


def _xlsx_parts() -> dict[str, bytes]:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KH"
    ws.append(HEADER)
    ws.append(TASK)
    ws.append(["2", "Sơ kết việc thực hiện", "Văn phòng", "Quý II/2024"])
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _patched_xlsx(edit: Callable[[bytes], bytes], part: str = "xl/worksheets/sheet1.xml"):
    parts = _xlsx_parts()
    parts[part] = edit(parts[part])
    return zip_of(parts, zipfile.ZIP_STORED)


def xlsx_merge_bomb() -> tuple[str, bytes]:
    """A task table with one merged range over the whole sheet (A1:XFD1048576)."""
    merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    return "merge-bomb.xlsx", _patched_xlsx(
        lambda x: x.replace(b"</sheetData>", b"</sheetData>" + merge)
    )


def xlsx_many_merges() -> tuple[str, bytes]:
    """20,000 overlapping merged ranges, each a column down the whole sheet."""
    refs = b"".join(b'<mergeCell ref="A%d:D1048576"/>' % i for i in range(1, 20001))
    merge = b'<mergeCells count="20000">' + refs + b"</mergeCells>"
    return "many-merges.xlsx", _patched_xlsx(
        lambda x: x.replace(b"</sheetData>", b"</sheetData>" + merge)
    )


def xlsx_dimension_lie() -> tuple[str, bytes]:
    """A sheet that declares itself a billion cells big (<dimension ref="A1:XFD1048576">)."""
    import re

    return "dimension-lie.xlsx", _patched_xlsx(
        lambda x: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', x)
    )


def xlsx_eleven_digit_row() -> tuple[str, bytes]:
    """A cell at row 99,999,999,999 (found by the long fuzzing run: the reader aborted the
    process allocating 38 GB)."""
    return "eleven-digit-row.xlsx", _patched_xlsx(
        lambda x: x.replace(
            b"</sheetData>",
            b'<row r="9"><c r="A99999999999" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        )
    )


def xlsx_shared_strings() -> tuple[str, bytes]:
    """300,000 shared strings and a sheet that uses none of them."""
    items = b"".join(b"<si><t>chu%d</t></si>" % i for i in range(300_000))
    sst = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" count="300000" uniqueCount="300000">' + items + b"</sst>"
    )
    parts = _xlsx_parts()
    parts["xl/sharedStrings.xml"] = sst
    ct = parts["[Content_Types].xml"]
    if b"sharedStrings" not in ct:
        ct = ct.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
            b'formats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        parts["[Content_Types].xml"] = ct
    return "shared-strings.xlsx", zip_of(parts)


def xlsx_deep_xml() -> tuple[str, bytes]:
    """An element nested 100,000 deep inside the sheet XML."""
    deep = b"<x>" * 100_000 + b"</x>" * 100_000
    return "deep-xml.xlsx", _patched_xlsx(
        lambda x: x.replace(b"</sheetData>", b"</sheetData>" + deep)
    )


def xlsx_many_sheets() -> tuple[str, bytes]:
    """3,000 empty sheets before the one with the tasks."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "S0"
    for i in range(1, 3000):
        wb.create_sheet(f"S{i}")
    ws = wb.create_sheet("KH")
    ws.append(HEADER)
    ws.append(TASK)
    buf = io.BytesIO()
    wb.save(buf)
    return "many-sheets.xlsx", buf.getvalue()


def xlsx_nested_zip_bomb() -> tuple[str, bytes]:
    """A member of 400 MB of zeros, stored deflated (about 400 KB)."""
    parts = _xlsx_parts()
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = z.compress(b"\0" * (400 << 20)) + z.flush()
    data = zip_of(parts)
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as zf:
        info = zipfile.ZipInfo("xl/media/zeros.bin")
        info.compress_type = zipfile.ZIP_STORED
        zf.writestr(info, b"")  # placeholder, rewritten below
    # simplest faithful bomb: a deflated member written by zipfile itself
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
        with zf.open("xl/media/zeros.bin", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(400):
                fh.write(chunk)
    del raw
    return "zeros-bomb.xlsx", buf.getvalue()


def ods_span_bomb() -> tuple[str, bytes]:
    """An .ods task table whose lead cell spans two billion rows and columns."""
    big = 'table:number-rows-spanned="2000000000" table:number-columns-spanned="2000000000"'

    def cell(v: str, attrs: str = "") -> str:
        return f'<table:table-cell office:value-type="string"{attrs}><text:p>{v}</text:p></table:table-cell>'

    rows = "<table:table-row>" + "".join(cell(h) for h in HEADER) + "</table:table-row>"
    rows += (
        "<table:table-row>"
        + cell(TASK[0])
        + cell(TASK[1])
        + cell(TASK[2], " " + big)
        + cell(TASK[3])
        + "</table:table-row>"
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="KH">'
        + rows
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return "span-bomb.ods", buf.getvalue()


# --------------------------------------------------------------------------- Word


def _docx_parts(paragraphs: list[str] | None = None) -> dict[str, bytes]:
    import docx

    d = docx.Document()
    for text in paragraphs or ["KẾ HOẠCH", "II. NHIỆM VỤ", "1. Ban Tổ chức chủ trì, quý I/2024."]:
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(buf) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_body(xml: bytes) -> bytes:
    """The base document with `xml` at the start of its body, stored uncompressed: what is
    tested is the reader, not the zip-bomb check (repetitive XML compresses 300:1)."""
    parts = _docx_parts()
    doc = parts["word/document.xml"]
    parts["word/document.xml"] = doc.replace(b"<w:body>", b"<w:body>" + xml, 1)
    return zip_of(parts, zipfile.ZIP_STORED)


def _tc(text: str, props: bytes = b"") -> bytes:
    return (
        b"<w:tc><w:tcPr>"
        + props
        + b"</w:tcPr><w:p><w:r><w:t>"
        + text.encode()
        + b"</w:t></w:r></w:p></w:tc>"
    )


def docx_gridspan_bomb() -> tuple[str, bytes]:
    """A table cell spanning two billion grid columns."""
    row = b"<w:tr>" + _tc("x", b'<w:gridSpan w:val="2000000000"/>') + b"</w:tr>"
    tbl = b"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>" + row * 3 + b"</w:tbl>"
    return "gridspan-bomb.docx", _docx_with_body(tbl)


def docx_vmerge_chain() -> tuple[str, bytes]:
    """A task table of 3,000 rows whose lead cell is merged down all the way."""
    head = b"<w:tr>" + b"".join(_tc(h) for h in HEADER) + b"</w:tr>"
    first = b'<w:vMerge w:val="restart"/>'
    rows = [head]
    for i in range(3000):
        lead = _tc("Ban Tuyên giáo" if i == 0 else "", first if i == 0 else b"<w:vMerge/>")
        rows.append(
            b"<w:tr>"
            + _tc(str(i + 1))
            + _tc(f"Nhiệm vụ số {i + 1}")
            + lead
            + _tc("Quý I/2024")
            + b"</w:tr>"
        )
    tbl = (
        b"<w:tbl><w:tblGrid>" + b"<w:gridCol/>" * 4 + b"</w:tblGrid>" + b"".join(rows) + b"</w:tbl>"
    )
    return "vmerge-chain.docx", _docx_with_body(tbl)


def docx_nested_tables() -> tuple[str, bytes]:
    """Tables nested 120 deep (each cell holding the next table)."""
    inner = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    for _ in range(120):
        inner = b"<w:tbl><w:tr><w:tc>" + inner + b"<w:p/></w:tc></w:tr></w:tbl>"
    return "nested-tables.docx", _docx_with_body(inner)


def docx_deep_xml() -> tuple[str, bytes]:
    """Content controls (w:sdt) nested 50,000 deep."""
    deep = b"<w:sdt><w:sdtContent>" * 50_000 + b"</w:sdtContent></w:sdt>" * 50_000
    return "deep-sdt.docx", _docx_with_body(deep)


def docx_numbering_bomb() -> tuple[str, bytes]:
    """A list that starts counting at two billion, in letters (a..z, aa.. → 77 M chars)."""
    numbering = (
        b'<?xml version="1.0"?><w:numbering ' + W_NS + b'><w:abstractNum w:abstractNumId="0">'
        b'<w:lvl w:ilvl="0"><w:start w:val="2000000000"/><w:numFmt w:val="upperLetter"/>'
        b'<w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1">'
        b'<w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    parts = _docx_parts()
    parts["word/numbering.xml"] = numbering
    p = (
        b'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        + "<w:r><w:t>Ban Tổ chức chủ trì, quý I/2024.</w:t></w:r></w:p>".encode()
    )
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b"<w:body>" + p * 5
    )
    rels = parts["word/_rels/document.xml.rels"]
    if b"numbering" not in rels:
        parts["word/_rels/document.xml.rels"] = rels.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
        )
    ct = parts["[Content_Types].xml"]
    if b"numbering" not in ct:
        parts["[Content_Types].xml"] = ct.replace(
            b"</Types>",
            b'<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxml'
            b'formats-officedocument.wordprocessingml.numbering+xml"/></Types>',
        )
    return "numbering-bomb.docx", zip_of(parts)


def docx_long_paragraph() -> tuple[str, bytes]:
    """One paragraph of 40,000 runs (4 MB of text), each run short."""
    run = '<w:r><w:t xml:space="preserve">Ban Tổ chức chủ trì thực hiện trong quý I. </w:t></w:r>'
    runs = run.encode() * 40_000
    return "long-paragraph.docx", _docx_with_body(b"<w:p>" + runs + b"</w:p>")


def docx_many_paragraphs() -> tuple[str, bytes]:
    """150,000 short paragraphs."""
    p = b"<w:p><w:r><w:t>- a</w:t></w:r></w:p>"
    return "many-paragraphs.docx", _docx_with_body(p * 150_000)


# --------------------------------------------------------------------------- PDF


def pdf_doc(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF file of numbered objects (1 0 obj …) with a correct cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (
        b"trailer\n<< /Size %d /Root %d 0 R " % (len(objects) + 1, root)
        + trailer_extra
        + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return out


def pdf_stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
        )
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


_TEXT = b"BT /F1 11 Tf 72 700 Td (1. Ban To chuc chu tri thuc hien trong quy I/2024.) Tj ET"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"


def pdf_one_page(content: bytes, page: bytes | None = None, compress: bool = False) -> bytes:
    """A one-page PDF: catalog, page tree, the page, its content stream, Helvetica."""
    return pdf_doc(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page or _PAGE % (4, 5),
            pdf_stream(content, compress=compress),
            _FONT,
        ]
    )


def pdf_page_loop() -> tuple[str, bytes]:
    """The issue's PDF: a /Pages node that is its own kid."""
    return "page-loop.pdf", pdf_doc(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            _PAGE % (4, 5),
            pdf_stream(_TEXT),
            _FONT,
        ]
    )


def pdf_count_lie() -> tuple[str, bytes]:
    """One page in a tree that claims a billion."""
    one = pdf_one_page(_TEXT)
    return "count-lie.pdf", one.replace(
        b"/Kids [3 0 R] /Count 1 ", b"/Kids [3 0 R] /Count 1000000000 "
    )


def pdf_many_pages(n: int = 3000) -> tuple[str, bytes]:
    """Thousands of real pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        pdf_stream(_TEXT),
        _FONT,
    ]
    objs += [_PAGE % (3, 4)] * n
    return "many-pages.pdf", pdf_doc(objs)


def pdf_content_bomb() -> tuple[str, bytes]:
    """A content stream that inflates from about 200 KB to 200 MB of drawing operators."""
    body = b"0 0 m 1 1 l S\n" * (200 * 1024 * 1024 // 14)
    return "content-bomb.pdf", pdf_one_page(body, compress=True)


def pdf_text_flood() -> tuple[str, bytes]:
    """One page carrying 2 million characters of text (compressed), all in one place."""
    line = b"(Ban To chuc chu tri thuc hien trong quy I/2024 va bao cao ket qua.) Tj 0 -1 Td\n"
    body = b"BT /F1 1 Tf 72 800 Td\n" + line * 30_000 + b"ET"
    return "text-flood.pdf", pdf_one_page(body, compress=True)


def pdf_deep_arrays() -> tuple[str, bytes]:
    """A page dictionary holding an array nested 100,000 deep."""
    deep = b"[" * 100_000 + b"]" * 100_000
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Deep " + deep
    page += b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
    return "deep-arrays.pdf", pdf_one_page(_TEXT, page)


def pdf_xref_loop() -> tuple[str, bytes]:
    """A cross-reference chain whose /Prev points back at itself."""
    data = pdf_one_page(_TEXT)
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    return "xref-loop.pdf", data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % xref)


# --------------------------------------------------------------------------- CSV and text


def csv_huge_field() -> tuple[str, bytes]:
    """A quoted field of 20 MB (one cell)."""
    return "huge-field.csv", (
        'STT,Nội dung nhiệm vụ,Chủ trì,Thời gian\n1,"'
        + "rất dài " * 2_500_000
        + '",VP,Quý I/2024\n'
    ).encode()


def csv_unclosed_quote() -> tuple[str, bytes]:
    """A quote opened on the second line and never closed: the rest is one field."""
    rows = "".join(f"{i},Nhiệm vụ {i},Văn phòng,Quý I/2024\n" for i in range(2, 100_000))
    return "unclosed-quote.csv", (
        'STT,Nội dung nhiệm vụ,Chủ trì,Thời gian\n1,"Mở\n' + rows
    ).encode()


def csv_many_columns() -> tuple[str, bytes]:
    """A header row of 500,000 columns."""
    return "many-columns.csv", (",".join(f"C{i}" for i in range(500_000)) + "\n1,2\n").encode()


def csv_sniffer_trap() -> tuple[str, bytes]:
    """Quotes and separators in the pattern that makes csv.Sniffer's regexes backtrack."""
    line = '"a' + ',"' * 3000 + "\n"
    return "sniffer-trap.csv", (line * 20).encode()


def csv_mixed_encodings() -> tuple[str, bytes]:
    """UTF-8 lines and Windows-1258 lines in one file, with NULs and a stray BOM inside."""
    good = "STT,Nội dung nhiệm vụ,Chủ trì,Thời gian\n1,Quán triệt,Văn phòng,Quý I/2024\n"
    bad = "2,Sơ kết,Văn phòng,Quý II/2024\n".encode("cp1258", errors="replace")
    return "mixed-encodings.csv", good.encode() + bad + b"3,\xef\xbb\xbfx\x00y,VP,2024\n"


def txt_utf16_no_bom() -> tuple[str, bytes]:
    """A plan saved as UTF-16 without its byte-order mark (NUL every other byte)."""
    return "utf16-no-bom.txt", (
        "KẾ HOẠCH\nII. NHIỆM VỤ\n1. Ban Tổ chức chủ trì, quý I/2024.\n" * 50
    ).encode("utf-16-le")


def txt_control_chars() -> tuple[str, bytes]:
    """A plan whose task lines carry NULs, escape sequences and bidi overrides."""
    body = (
        "KẾ HOẠCH\nII. NHIỆM VỤ\n" + "1. Ban Tổ chức\x1b[31m chủ trì\u202e, quý I/2024.\x07\n" * 20
    )
    return "control-chars.txt", body.encode()


def html_many_rows() -> tuple[str, bytes]:
    """An HTML table of 300,000 empty rows after its header."""
    body = "<tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr>" + "<tr></tr>" * 300_000
    return "many-rows.xls", f"<html><body><table>{body}</table></body></html>".encode()


def xml2003_entities() -> tuple[str, bytes]:
    """XML Spreadsheet 2003 with an internal entity expanded a billion times."""
    dtd = (
        '<!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    )
    return "entities.xls", (
        f'<?xml version="1.0"?>{dtd}<Workbook xmlns="{SS}" xmlns:ss="{SS}"><Worksheet ss:Name="A">'
        '<Table><Row><Cell><Data ss:Type="String">&d;</Data></Cell></Row></Table></Worksheet>'
        "</Workbook>"
    ).encode()


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
    "html_many_rows": html_many_rows,
    "xml2003_entities": xml2003_entities,
    "xlsx_merge_bomb": xlsx_merge_bomb,
    "xlsx_many_merges": xlsx_many_merges,
    "xlsx_dimension_lie": xlsx_dimension_lie,
    "xlsx_shared_strings": xlsx_shared_strings,
    "xlsx_eleven_digit_row": xlsx_eleven_digit_row,
    "xlsx_deep_xml": xlsx_deep_xml,
    "xlsx_many_sheets": xlsx_many_sheets,
    "xlsx_zeros_bomb": xlsx_nested_zip_bomb,
    "ods_span_bomb": ods_span_bomb,
    "docx_gridspan_bomb": docx_gridspan_bomb,
    "docx_vmerge_chain": docx_vmerge_chain,
    "docx_nested_tables": docx_nested_tables,
    "docx_deep_xml": docx_deep_xml,
    "docx_numbering_bomb": docx_numbering_bomb,
    "docx_long_paragraph": docx_long_paragraph,
    "docx_many_paragraphs": docx_many_paragraphs,
    "pdf_page_loop": pdf_page_loop,
    "pdf_count_lie": pdf_count_lie,
    "pdf_many_pages": pdf_many_pages,
    "pdf_content_bomb": pdf_content_bomb,
    "pdf_text_flood": pdf_text_flood,
    "pdf_deep_arrays": pdf_deep_arrays,
    "pdf_xref_loop": pdf_xref_loop,
    "csv_huge_field": csv_huge_field,
    "csv_unclosed_quote": csv_unclosed_quote,
    "csv_many_columns": csv_many_columns,
    "csv_sniffer_trap": csv_sniffer_trap,
    "csv_mixed_encodings": csv_mixed_encodings,
    "txt_utf16_no_bom": txt_utf16_no_bom,
    "txt_control_chars": txt_control_chars,
}


def zip_of(parts: dict[str, bytes], level: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", level) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


__all__ = ["BUILDERS", "zip_of", "zlib"]

"""Builds the bundled urging-letter templates (resources/templates/*.docx).

The .docx files are committed; this module documents how they were made and rebuilds
them: `python -m app.exports.urging.letter_template`. An office replaces them with its own
letterhead by saving a .docx with the same {{placeholders}} (see LETTER_FIELDS in
app/exports/urging/letters.py) as `cong-van-don-doc.docx` in its data folder's `templates/`.

Layout: A4, margins 20/20/30/15 mm, Times New Roman; issuer block top-left, motto
top-right, number and subject under the issuer, place and date in italics; body 14 pt
justified; "Nơi nhận" bottom-left and the signature block bottom-right; page numbers
from page 2 (Nghị định 30/2020/NĐ-CP for state bodies, Hướng dẫn 36-HD/VPTW for Party).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from app.resources import resource_path

FONT = "Times New Roman"
TEMPLATES = {"party": "cong-van-don-doc.docx", "state": "cong-van-don-doc-nha-nuoc.docx"}
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _para(
    container: DocxDocument | _Cell,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: WD_ALIGN_PARAGRAPH = CENTER,
    before: float = 0,
    after: float = 0,
    first_line: float | None = None,
    line: float | None = None,
    keep_next: bool = False,
) -> Paragraph:
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if first_line is not None:
        fmt.first_line_indent = Cm(first_line)
    if line is not None:
        fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run.font.underline = underline
    _mark_size(p, size)
    return p


def _mark_size(p: Paragraph, size: float) -> None:
    """Paragraph mark size, so an empty line has the intended height."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)


def _rule(container: DocxDocument | _Cell, indent_cm: float) -> None:
    """A short horizontal line (under the issuer or the motto): an empty bordered line."""
    p = _para(container, size=2, after=0)
    p.paragraph_format.left_indent = Cm(indent_cm)
    p.paragraph_format.right_indent = Cm(indent_cm)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{k}"), v)
    borders.append(bottom)
    ppr.insert(0, borders)


def _first_paragraph_cleanup(cell: _Cell) -> None:
    """New cells start with one empty paragraph; drop it once content is added."""
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _fixed_widths(table: Table, widths_cm: list[float]) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for col, w in zip(table.columns, widths_cm):
        col.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)


def _cell_margins(table: Table, left_cm: float = 0.1, right_cm: float = 0.1) -> None:
    mar = OxmlElement("w:tblCellMar")
    for edge, w in (("left", left_cm), ("right", right_cm)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(w * 567)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    table._tbl.tblPr.append(mar)


def _indent(table: Table, cm: float) -> None:
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), str(int(cm * 567)))
    ind.set(qn("w:type"), "dxa")
    table._tbl.tblPr.append(ind)


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def _keep_row_together(row: _Row) -> None:
    """The signature block never splits across pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _page_number_header(section: Section) -> None:
    """Page numbers centred in the top margin, from the second page on."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "26")
    rpr.append(sz)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "2"
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def _base_document() -> DocxDocument:
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(1.5)
    sec.header_distance, sec.footer_distance = Cm(1), Cm(1)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    doc.settings.element.append(_lang_vi())
    props = doc.core_properties
    props.title = "Công văn đôn đốc thực hiện nhiệm vụ"
    props.author = "Đôn Đốc"
    props.language = "vi-VN"
    _page_number_header(sec)
    return doc


def _lang_vi() -> BaseOxmlElement:
    el = OxmlElement("w:themeFontLang")
    el.set(qn("w:val"), "vi-VN")
    return el


def _header_block(doc: DocxDocument, variant: str) -> None:
    party = variant == "party"
    left_w, right_w = (9.4, 8.1) if party else (7.0, 10.3)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed_widths(table, [left_w, right_w])
    _cell_margins(table, 0, 0)
    _indent(table, -0.6)  # the letterhead may reach into the wide left margin
    left, right = table.rows[0].cells
    if party:
        _para(left, "{{co_quan_cap_tren}}", size=14)
        _para(left, "{{co_quan_ban_hanh}}", size=14, bold=True)
        _para(left, "*", size=14)
        _para(left, "{{so_ky_hieu}}", size=14)
        _para(left, "{{trich_yeu}}", size=12, italic=True, before=2)
        _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, underline=True)
        _para(right, "{{dia_danh_ngay}}", size=14, italic=True, before=30)
    else:
        _para(left, "{{co_quan_cap_tren}}", size=13)
        _para(left, "{{co_quan_ban_hanh}}", size=13, bold=True)
        _rule(left, 2.2)
        _para(left, "{{so_ky_hieu}}", size=13, before=6)
        _para(left, "{{trich_yeu}}", size=12, before=2)
        _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12.5, bold=True)
        _para(right, "Độc lập - Tự do - Hạnh phúc", size=13.5, bold=True)
        _rule(right, 1.8)
        _para(right, "{{dia_danh_ngay}}", size=14, italic=True, before=10)
    _first_paragraph_cleanup(left)
    _first_paragraph_cleanup(right)


def _task_table(doc: DocxDocument) -> None:
    widths = [1.2, 8.6, 3.5, 3.2]
    table = doc.add_table(rows=3, cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, widths)
    _cell_margins(table, 0.12, 0.12)
    heads = ["STT", "Nội dung nhiệm vụ", "Thời hạn", "Tình trạng"]
    header = table.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, heads):
        cell.paragraphs[0].paragraph_format.alignment = CENTER
        cell.paragraphs[0].paragraph_format.space_before = Pt(3)
        cell.paragraphs[0].paragraph_format.space_after = Pt(3)
        run = cell.paragraphs[0].add_run(text)
        run.font.bold = True
        run.font.size = Pt(13)
        cell.vertical_alignment = 1  # center
    group = table.rows[1]
    merged = group.cells[0].merge(group.cells[3])
    p = merged.paragraphs[0]
    p.paragraph_format.space_before = Pt(3)
    p.paragraph_format.space_after = Pt(3)
    run = p.add_run("{{nhom}}")
    run.font.bold = True
    run.font.italic = True
    run.font.size = Pt(13)
    item = table.rows[2]
    aligns = [CENTER, JUSTIFY, CENTER, CENTER]
    marks = ["{{stt}}", "{{noi_dung}}", "{{thoi_han}}", "{{tinh_trang}}"]
    for cell, mark, align in zip(item.cells, marks, aligns):
        p = cell.paragraphs[0]
        p.paragraph_format.alignment = align
        p.paragraph_format.space_before = Pt(3)
        p.paragraph_format.space_after = Pt(3)
        run = p.add_run(mark)
        run.font.size = Pt(13)


def _signature_block(
    doc: DocxDocument, variant: str, recipients: tuple[str, ...] | None = None
) -> None:
    """Recipients bottom-left ("Như trên" by default, or one {{placeholder}} line), the
    signer bottom-right."""
    party = variant == "party"
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed_widths(table, [8.0, 8.5])
    _cell_margins(table, 0, 0)
    _keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    if party:
        _para(left, "Nơi nhận:", size=14, underline=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for line in recipients or ("- Như trên,", "- Lưu Văn phòng."):
            _para(left, line, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    else:
        _para(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for line in recipients or ("- Như trên;", "- Lưu: VT."):
            _para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(right, "{{quyen_han}}", size=14, bold=True)
    _para(right, "{{chuc_vu}}", size=14, bold=True)
    for _ in range(4):
        _para(right, size=14)
    _para(right, "{{nguoi_ky}}", size=14, bold=True)
    _first_paragraph_cleanup(left)
    _first_paragraph_cleanup(right)


def _body_para(doc: DocxDocument, text: str, *, before: float = 0, keep_next: bool = False) -> None:
    """A paragraph of the letter's body: 14 pt, justified, first line indented."""
    _para(
        doc,
        text,
        size=14,
        align=JUSTIFY,
        first_line=1.27,
        before=before,
        after=6,
        line=1.1,
        keep_next=keep_next,
    )


def build_template(path: Path, variant: str = "party") -> Path:
    """Write the default urging-letter template for a Party ("party") or state body."""
    doc = _base_document()
    # python-docx starts with one empty paragraph; the letterhead table goes first.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _header_block(doc, variant)
    _para(doc, "Kính gửi: {{don_vi}}", size=14, before=18, after=12)
    _body_para(
        doc,
        "Thực hiện {{ke_hoach}}, {{co_quan}} đã theo dõi, tổng hợp tình hình triển khai "
        "các nhiệm vụ được giao. Đến ngày {{ngay}}, {{don_vi}} còn {{tinh_hinh}}, cụ thể "
        "như sau:",
        keep_next=True,
    )
    _task_table(doc)
    _body_para(
        doc,
        "Để bảo đảm tiến độ và chất lượng thực hiện nhiệm vụ, {{co_quan}} đề nghị "
        "{{don_vi}} quan tâm chỉ đạo, khẩn trương triển khai thực hiện các nhiệm vụ nêu "
        "trên; báo cáo kết quả thực hiện (bằng văn bản, kèm tệp điện tử) về {{co_quan}} "
        "trước ngày {{han_bao_cao}} để tổng hợp, báo cáo theo quy định.",
        before=6,
    )
    _body_para(
        doc,
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị {{don_vi}} kịp "
        "thời phản ánh về {{co_quan}} để phối hợp giải quyết./.",
        keep_next=True,
    )
    _para(doc, size=6, keep_next=True)
    _signature_block(doc, variant)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def bundled_template(variant: str) -> Path:
    return resource_path("templates", TEMPLATES[variant])


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else resource_path("templates")
    for variant, name in TEMPLATES.items():
        print(build_template(out / name, variant))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Builds the bundled official-report templates (resources/templates/bao-cao-*.docx).

The same mechanism as the urging letters: a .docx with {{placeholders}} filled by
`app.exports.urging.docx_fill`, the letterhead and signature of
`app.exports.urging.letter_template` (Party or state form), so an office replaces the
template with its own by saving one with the same fields (REPORT_FIELDS in
app/exports/reports/docx.py) as `bao-cao-tinh-hinh.docx` in its data folder's
`templates/`. Rebuild: `python -m app.exports.reports.report_template`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.table import _Cell

from app.exports.urging.letter_template import (
    CENTER,
    JUSTIFY,
    _base_document,
    _cell_margins,
    _fixed_widths,
    _header_block,
    _para,
    _repeat_header,
    _signature_block,
)
from app.resources import resource_path

REPORT_TEMPLATES = {"party": "bao-cao-tinh-hinh.docx", "state": "bao-cao-tinh-hinh-nha-nuoc.docx"}
LEFT = WD_ALIGN_PARAGRAPH.LEFT
_TABLE_PT = 12


def _cell_text(
    cell: _Cell, text: str, *, align: Any = CENTER, bold: bool = False, italic: bool = False
) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.alignment = align
    p.paragraph_format.space_before = Pt(2)
    p.paragraph_format.space_after = Pt(2)
    run = p.add_run(text)
    run.font.size = Pt(_TABLE_PT)
    run.font.bold = bold
    run.font.italic = italic


def _grid(
    doc: DocxDocument,
    heads: Sequence[str],
    widths: Sequence[float],
    marks: Sequence[str],
    aligns: Sequence[Any],
    *,
    group: str | None = None,
    totals: Sequence[str] | None = None,
) -> None:
    """A bordered table: header row (repeated on each page), an optional group row, the
    item row repeated per item, an optional bold total row."""
    rows = 2 + (group is not None) + (totals is not None)
    table = doc.add_table(rows=rows, cols=len(heads))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, list(widths))
    _cell_margins(table, 0.08, 0.08)
    _repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, heads):
        _cell_text(cell, text, bold=True)
        cell.vertical_alignment = 1
    i = 1
    if group is not None:
        row = table.rows[i]
        merged = row.cells[0].merge(row.cells[len(heads) - 1])
        _cell_text(merged, "{{" + group + "}}", align=LEFT, bold=True, italic=True)
        i += 1
    for cell, mark, align in zip(table.rows[i].cells, marks, aligns):
        _cell_text(cell, "{{" + mark + "}}", align=align)
    if totals is not None:
        for cell, mark, align in zip(table.rows[i + 1].cells, totals, aligns):
            _cell_text(cell, mark, align=align, bold=True)


def _heading(doc: DocxDocument, text: str) -> None:
    _para(
        doc,
        text,
        size=14,
        bold=True,
        align=JUSTIFY,
        first_line=1.27,
        before=6,
        after=6,
        keep_next=True,
    )


def _body(doc: DocxDocument, text: str, keep_next: bool = False) -> None:
    _para(
        doc, text, size=14, align=JUSTIFY, first_line=1.27, after=6, line=1.1, keep_next=keep_next
    )


def build_report_template(path: Path, variant: str = "party") -> Path:
    """Write the default official-report template for a Party ("party") or state body."""
    doc = _base_document()
    doc.core_properties.title = "Báo cáo tình hình thực hiện nhiệm vụ"
    body = doc.element.body
    for p in list(body.iterchildren()):
        if p.tag.endswith("}p"):
            body.remove(p)
    _header_block(doc, variant)
    _para(doc, "BÁO CÁO", size=16, bold=True, before=18)
    _para(doc, "{{tieu_de}}", size=14, bold=True, after=2)
    _para(doc, "-----" if variant == "party" else "", size=14, after=12)
    _body(doc, "{{mo_dau}}")
    _heading(doc, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    _body(doc, "{{doan_tong_so}}")
    _body(doc, "{{doan_trong_ky}}")
    _body(doc, "{{doan_ky_truoc}}")
    _body(doc, "{{doan_cung_ky}}", keep_next=True)
    _para(doc, "{{tieu_de_bang_don_vi}}", size=13, italic=True, after=4, keep_next=True)
    cats = [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Chưa hoàn thành, trong hạn",
        "Chưa hoàn thành, quá hạn",
    ]
    _grid(
        doc,
        ["STT", "Đơn vị chủ trì", "Tổng số", *cats, "Tỷ lệ quá hạn"],
        [1.0, 4.2, 1.6, 2.0, 2.0, 2.0, 2.0, 1.7],
        [
            "dv_stt",
            "dv_ten",
            "dv_tong",
            "dv_dung_han",
            "dv_tre_han",
            "dv_trong_han",
            "dv_qua_han",
            "dv_ty_le",
        ],
        [CENTER, LEFT, *[CENTER] * 6],
        totals=[
            "",
            "Tổng cộng",
            "{{tong}}",
            "{{tong_dung_han}}",
            "{{tong_tre_han}}",
            "{{tong_trong_han}}",
            "{{tong_qua_han}}",
            "{{tong_ty_le}}",
        ],
    )
    _heading(doc, "II. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH")
    _body(doc, "{{doan_qua_han}}", keep_next=True)
    _grid(
        doc,
        ["STT", "Nội dung nhiệm vụ", "Thời hạn", "Số ngày quá hạn", "Lý do, tình hình"],
        [1.0, 7.0, 2.2, 1.8, 4.5],
        ["qh_stt", "qh_noi_dung", "qh_thoi_han", "qh_so_ngay", "qh_ly_do"],
        [CENTER, LEFT, CENTER, CENTER, LEFT],
        group="qh_nhom",
    )
    _heading(doc, "III. NHIỆM VỤ ĐƯỢC GIA HẠN")
    _body(doc, "{{doan_gia_han}}", keep_next=True)
    _grid(
        doc,
        ["STT", "Nội dung nhiệm vụ", "Hạn cũ", "Hạn mới", "Căn cứ, lý do"],
        [1.0, 6.0, 2.2, 2.2, 5.1],
        ["gh_stt", "gh_noi_dung", "gh_han_cu", "gh_han_moi", "gh_ly_do"],
        [CENTER, LEFT, CENTER, CENTER, LEFT],
    )
    _body(doc, "")
    _body(doc, "{{ket_luan}}", keep_next=True)
    _para(doc, size=6, keep_next=True)
    _signature_block(doc, variant, ("{{noi_nhan}}",))
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def bundled_report_template(variant: str) -> Path:
    return resource_path("templates", REPORT_TEMPLATES[variant])


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else resource_path("templates")
    for variant, name in REPORT_TEMPLATES.items():
        print(build_report_template(out / name, variant))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

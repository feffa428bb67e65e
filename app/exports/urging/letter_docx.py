"""Putting letters into a .docx template: one section per letter, page numbers restart.

The template's body is copied once per letter and filled (app/exports/urging/docx_fill.py);
letters after the first start on a new page through a section break, so each letter
numbers its own pages and keeps the template's first-page header (no number on page 1).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from app.errors import DonDocError, NotFoundError, ValidationError
from app.exports.outfiles import save_atomically
from app.exports.urging.docx_fill import TableRows, fill, placeholders_in


@dataclass(frozen=True, slots=True)
class LetterDoc:
    """One letter's fields and its task-table rows (("item" | "group", values), ...)."""

    values: Mapping[str, str]
    rows: Sequence[tuple[str, Mapping[str, str]]]


def load_template(path: Path) -> DocxDocument:
    """Open a letter template; refuse one without the unit and the task row."""
    return open_template(
        path,
        "Mẫu công văn",
        ("don_vi", "noi_dung"),
        "(cần tên đơn vị nhận và một dòng bảng có {{noi_dung}})",
    )


def open_template(path: Path, what: str, required: Sequence[str], hint: str) -> DocxDocument:
    """Open a .docx template (`what`: "Mẫu công văn"…); refuse one lacking a field."""
    if not path.exists():
        raise NotFoundError(f"Không tìm thấy {what[0].lower()}{what[1:]} {path}.")
    try:
        doc = Document(str(path))
    except Exception as ex:  # python-docx raises several unrelated types on bad files
        raise DonDocError(
            f"{what} {path.name} không mở được (không phải tệp .docx hợp lệ): {ex}"
        ) from ex
    found = placeholders_in(doc.element.body)
    missing = [name for name in required if name not in found]
    if missing:
        raise ValidationError(
            f"{what} {path.name} thiếu trường {', '.join('{{' + m + '}}' for m in missing)} {hint}."
        )
    return doc


def _body_parts(doc: DocxDocument) -> tuple[list[BaseOxmlElement], BaseOxmlElement | None]:
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    return [el for el in body if el is not sect], sect


def _section_break(sect: BaseOxmlElement) -> BaseOxmlElement:
    """An empty, tiny paragraph ending one letter's section (page numbers restart)."""
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "20")
    spacing.set(qn("w:lineRule"), "exact")
    ppr.append(spacing)
    ppr.append(copy.deepcopy(sect))
    p.append(ppr)
    return p


def _restart_numbering(sect: BaseOxmlElement) -> None:
    pg = sect.find(qn("w:pgNumType"))
    if pg is None:
        pg = OxmlElement("w:pgNumType")
        sect.append(pg)
    pg.set(qn("w:start"), "1")


def render(letters: Sequence[LetterDoc], template: Path, out: Path, *, title: str = "") -> Path:
    """Write the letters, in this order, into one .docx (one section per letter)."""
    doc = load_template(template)
    parts, sect = _body_parts(doc)
    body = doc.element.body
    for el in parts:
        body.remove(el)
    if sect is not None:
        _restart_numbering(sect)
    for i, letter in enumerate(letters):
        clones = [copy.deepcopy(el) for el in parts]
        for el in clones:
            if sect is not None:
                sect.addprevious(el)
            else:
                body.append(el)
        fill(clones, letter.values, [TableRows("noi_dung", letter.rows)])
        if i < len(letters) - 1 and sect is not None:
            sect.addprevious(_section_break(sect))
    values = letters[0].values if len(letters) == 1 else header_values_only(letters[0].values)
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.footer):
            if not part.is_linked_to_previous:
                fill([part._element], values)
    if title:
        doc.core_properties.title = title
    return save_atomically(out, lambda tmp: doc.save(str(tmp)))


def header_values_only(values: Mapping[str, str]) -> dict[str, str]:
    """Header/footer values shared by every letter of a batch (no unit-specific ones)."""
    shared = ("co_quan_cap_tren", "co_quan_ban_hanh", "co_quan", "ngay", "dia_danh_ngay")
    return {k: values[k] for k in shared if k in values}

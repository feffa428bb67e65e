"""Fill a .docx template: {{placeholders}} in text, and a repeated table row per item.

Word splits text into runs wherever formatting, spell-checking or editing history
changes, so a placeholder typed by an office clerk is often spread over several runs;
the filler joins the runs' text, replaces, and keeps the first run's formatting. A
paragraph holding only a placeholder whose value is empty is removed, so one template
serves documents with and without optional lines (an authority line "K/T …", a motto).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from app.exports.safe_text import clean

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NB_HYPHEN = "\u2011"


@dataclass(frozen=True, slots=True)
class TableRows:
    """Rows for a marked table: `item_marker` names a placeholder of the repeated row.

    `items` is a sequence of ("item" | "group", values); group rows use the row that
    holds `group_marker` (dropped when the template has none).
    """

    item_marker: str
    items: Sequence[tuple[str, Mapping[str, str]]]
    group_marker: str = "nhom"


def placeholders_in(elements: Iterable[etree._Element]) -> set[str]:
    """Every placeholder name written in these elements (runs joined per paragraph)."""
    found: set[str] = set()
    for el in elements:
        for p in _paragraphs(el):
            found.update(PLACEHOLDER.findall(_paragraph_text(p)))
    return found


def fill(
    elements: Sequence[etree._Element],
    values: Mapping[str, str],
    tables: Sequence[TableRows] = (),
) -> None:
    """Replace placeholders in `elements` (body children, header/footer trees) in place."""
    filled: set[etree._Element] = set()  # paragraphs of item rows: filled once, never again
    for spec in tables:
        for el in elements:
            for tbl in _tables(el):
                filled.update(_expand_table(tbl, spec, values))
    for el in elements:
        for p in list(_paragraphs(el)):
            if p not in filled:
                fill_paragraph(p, values)


def fill_paragraph(p: etree._Element, values: Mapping[str, str]) -> None:
    runs = [r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    texts = [_run_text(r) for r in runs]
    full = "".join(texts)
    matches = [m for m in PLACEHOLDER.finditer(full) if m.group(1) in values]
    if not matches:
        return
    only = len(matches) == 1 and full.strip() == matches[0].group(0)
    if only and not values[matches[0][1]] and _removable(p):
        parent = p.getparent()
        if parent is not None:
            parent.remove(p)
        return
    # Offsets of each run in the joined text.
    starts = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t)
    new_texts = list(texts)
    for m in reversed(matches):
        a, b = m.span()
        first = _run_at(starts, texts, a)
        last = _run_at(starts, texts, b - 1)
        value = values[m.group(1)]
        if first == last:
            t = new_texts[first]
            off = a - starts[first]
            new_texts[first] = t[:off] + value + t[off + (b - a) :]
        else:
            head = new_texts[first][: a - starts[first]]
            tail = new_texts[last][b - starts[last] :]
            new_texts[first] = head + value
            for i in range(first + 1, last):
                new_texts[i] = ""
            new_texts[last] = tail
    for run, old, new in zip(runs, texts, new_texts):
        if old != new:
            set_run_text(run, new)


def _run_at(starts: list[int], texts: list[str], offset: int) -> int:
    for i in range(len(texts) - 1, -1, -1):
        if starts[i] <= offset < starts[i] + len(texts[i]):
            return i
    raise ValueError("offset outside the paragraph")


def _removable(p: etree._Element) -> bool:
    """A cell must keep one paragraph; a paragraph carrying a section break stays."""
    parent = p.getparent()
    if parent is None:
        return False
    ppr = p.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
        return False
    if parent.tag == qn("w:tc"):
        return len(parent.findall(qn("w:p"))) > 1
    return True


def _run_text(r: etree._Element) -> str:
    parts = []
    for child in r:
        if child.tag == qn("w:t"):
            parts.append(child.text or "")
        elif child.tag == qn("w:br"):
            parts.append("\n")
        elif child.tag == qn("w:tab"):
            parts.append("\t")
        elif child.tag == qn("w:noBreakHyphen"):
            parts.append(NB_HYPHEN)
    return "".join(parts)


def set_run_text(r: etree._Element, text: str) -> None:
    """Replace a run's text; "\\n" becomes a line break, "\\t" a tab and U+2011 Word's
    non-breaking hyphen (document numbers like 127-KH/ĐUK never split at the hyphen).
    Control characters (NUL, ESC…) are dropped: XML cannot carry them."""
    text = clean(text)
    for child in list(r):
        if child.tag in (qn("w:t"), qn("w:br"), qn("w:tab"), qn("w:cr"), qn("w:noBreakHyphen")):
            r.remove(child)
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(r, qn("w:br"))
        for j, chunk in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, qn("w:tab"))
            for k, piece in enumerate(chunk.split(NB_HYPHEN)):
                if k:
                    etree.SubElement(r, qn("w:noBreakHyphen"))
                if piece:
                    t = etree.SubElement(r, qn("w:t"))
                    t.text = piece
                    t.set(_XML_SPACE, "preserve")


def _paragraph_text(p: etree._Element) -> str:
    return "".join(_run_text(r) for r in p.iter(qn("w:r")))


def _paragraphs(el: etree._Element) -> list[etree._Element]:
    return list(el.iter(qn("w:p")))  # lxml's iter() includes `el` itself


def _tables(el: etree._Element) -> list[etree._Element]:
    return list(el.iter(qn("w:tbl")))


def _row_has(tr: etree._Element, name: str) -> bool:
    return any(name in PLACEHOLDER.findall(_paragraph_text(p)) for p in tr.iter(qn("w:p")))


def _expand_table(
    tbl: etree._Element, spec: TableRows, values: Mapping[str, str]
) -> list[etree._Element]:
    """Repeat the item row per item; the paragraphs filled (a task text that reads like a
    placeholder, "{{ngay}}", stays as written: it is not filled again)."""
    rows = tbl.findall(qn("w:tr"))
    item_row = next((tr for tr in rows if _row_has(tr, spec.item_marker)), None)
    filled: list[etree._Element] = []
    if item_row is None:
        return filled
    group_row = next((tr for tr in rows if _row_has(tr, spec.group_marker)), None)
    for kind, item_values in spec.items:
        proto = item_row if kind == "item" else group_row
        if proto is None:
            continue
        clone = copy.deepcopy(proto)
        merged = {**values, **item_values}
        for p in list(clone.iter(qn("w:p"))):
            fill_paragraph(p, merged)
            filled.append(p)
        item_row.addprevious(clone)
    tbl.remove(item_row)
    if group_row is not None:
        tbl.remove(group_row)
    return filled

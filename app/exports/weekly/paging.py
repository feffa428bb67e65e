"""Fitting the printed table to the paper (no Qt): column widths and page breaks.

Column widths come from the content: each side column (STT, units, deadline, status,
notes) is as wide as its longest line up to its share of the page, never narrower than
its longest word, and the content column takes the rest. Rows flow onto the pages: a
row that does not fit at the bottom of a page is split there at a line boundary when
at least two of its lines stay and two go (the next page starts with the header row
again); a short row moves whole. Section and unit headings stay with the row after
them, and the closing (recipients and signature) never stands on a page without at
least the end of the table. Qt measures; `app.exports.weekly.render` does the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.exports.weekly.layout import (
    CellSpec,
    DataRow,
    GroupRow,
    PrintDoc,
    Run,
    SectionRow,
    header_cells,
    row_cells,
)

Measure = Callable[[Run], float]  # a run's width on one line, in layout pixels
SQUEEZE = 0.7  # the least part of its share a side column keeps for the content column


@dataclass(frozen=True, slots=True)
class Piece:
    """A table row as printed; a row split across two pages becomes two pieces."""

    cells: tuple[CellSpec, ...]
    heading: bool = False  # a section or unit heading: kept with the row after it
    splittable: bool = False  # a task row (a spanning row is one short line)


def pieces_of(doc: PrintDoc) -> list[Piece]:
    return [
        Piece(
            tuple(row_cells(row, doc)),
            heading=isinstance(row, SectionRow | GroupRow),
            splittable=isinstance(row, DataRow),
        )
        for row in doc.rows
    ]


# --------------------------------------------------------------------------- widths


def _words(spec: CellSpec, measure: Measure) -> float:
    return max(
        (measure(Run(word, r.pt, r.bold, r.italic)) for p in spec.paragraphs for r in p
         for word in r.text.split(" ")),  # a no-break space joins words
        default=0.0,
    )  # fmt: skip


def _line(spec: CellSpec, measure: Measure) -> float:
    return max((sum(measure(r) for r in p) for p in spec.paragraphs), default=0.0)


@dataclass(frozen=True, slots=True)
class ColumnText:
    """What each column's text needs: its longest word and its longest line (pixels,
    padding included)."""

    floor: tuple[float, ...]
    natural: tuple[float, ...]


def column_text(doc: PrintDoc, pieces: Sequence[Piece], measure: Measure, pad: float) -> ColumnText:
    """Measure the columns' text once; `pad` is what a cell adds (padding and rules).
    A header may wrap between its words, so only its longest word counts."""
    rows = [p.cells for p in pieces if all(c.span == 1 for c in p.cells)]
    floor = [
        max([_words(h, measure)] + [_words(r[i], measure) for r in rows if i < len(r)]) + pad
        for i, h in enumerate(header_cells(doc))
    ]
    natural = [
        max([floor[i]] + [_line(r[i], measure) + pad for r in rows if i < len(r)])
        for i in range(len(floor))
    ]
    return ColumnText(tuple(floor), tuple(natural))


def fit_widths(
    doc: PrintDoc, text: ColumnText, width: float, least_share: float | None = None
) -> list[float]:
    """Column widths in percent of `width` (layout pixels), from the columns' text.

    `Column.width` is a side column's largest share and the growing column's smallest
    (or `least_share`). No cell text ever has to break inside a word.
    """
    cols = doc.columns
    floor, natural = text.floor, text.natural
    px = [
        natural[i] if c.grow else max(floor[i], min(natural[i], c.width * width / 100))
        for i, c in enumerate(cols)
    ]
    grow = [i for i, c in enumerate(cols) if c.grow]
    if not grow:
        return [c.width for c in cols]
    g = grow[0]
    share = cols[g].width if least_share is None else least_share
    least = max(floor[g], share * width / 100)
    side = sum(px) - px[g]
    if width - side < least:
        # Narrow the side columns, in proportion to their slack, down to their longest
        # word and to SQUEEZE of their share (unit names one word a line are unreadable).
        keep = [
            max(floor[i], min(px[i], SQUEEZE * c.width * width / 100)) for i, c in enumerate(cols)
        ]
        slack = [0.0 if i == g else px[i] - keep[i] for i in range(len(cols))]
        need = min(least - (width - side), sum(slack))
        if need > 0:
            px = [w - need * s / sum(slack) for w, s in zip(px, slack)]
    px = [float(round(w)) for w in px]  # whole pixels: rules fall on pixel edges
    px[g] = width - (sum(px) - px[g])
    return [100 * w / width for w in px]


# --------------------------------------------------------------------------- splitting


def split_cell(spec: CellSpec, cut: tuple[int, int] | None) -> tuple[CellSpec, CellSpec]:
    """The cell's text before and from `cut` (paragraph, character); None: all before."""
    empty = ((),)
    if cut is None:
        return spec, CellSpec(empty, spec.align, spec.span)
    para, offset = cut
    paras = spec.paragraphs
    head: list[tuple[Run, ...]] = list(paras[:para])
    tail: list[tuple[Run, ...]] = list(paras[para + 1 :])
    before, after = _split_runs(paras[para], offset) if para < len(paras) else ((), ())
    if before:
        head.append(before)
    tail.insert(0, after)
    return (
        CellSpec(tuple(head) or empty, spec.align, spec.span),
        CellSpec(tuple(tail), spec.align, spec.span),
    )


def _split_runs(runs: tuple[Run, ...], offset: int) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    before: list[Run] = []
    after: list[Run] = []
    pos = 0
    for run in runs:
        end = pos + len(run.text)
        if end <= offset:
            before.append(run)
        elif pos >= offset:
            after.append(run)
        else:
            k = offset - pos
            before.append(Run(run.text[:k], run.pt, run.bold, run.italic))
            after.append(Run(run.text[k:], run.pt, run.bold, run.italic))
        pos = end
    if before:  # the line ended at a space: it does not start the next page's line
        last = before[-1]
        before[-1] = Run(last.text.rstrip(), last.pt, last.bold, last.italic)
    return tuple(r for r in before if r.text), tuple(r for r in after if r.text)


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True, slots=True)
class Split:
    """A proposed split of a row: the heights of its two parts; `apply` makes it so."""

    head: float
    tail: float
    apply: Callable[[], None]


Splitter = Callable[[int, float], Split | None]  # (row, height left) -> a split or None


def plan_pages(
    headings: Sequence[bool],
    pitches: Sequence[float],
    first_top: float,
    top_on_new_page: float,
    page_h: float,
    *,
    closing: float = 0.0,
    split: Splitter | None = None,
    slack: float = 6.0,
) -> list[int]:
    """Indexes of the rows that start a new page (after any splits `split` applied).

    `pitches` are the rows' heights (layout pixels, measured without pagination),
    `first_top` where the first row starts on page one, `top_on_new_page` where a row
    starts under the repeated header; `closing` is the height of what follows the table.
    `split(i, h)` proposes to cut row i so that its first part is at most h high.
    """
    heads, hs = list(headings), list(pitches)
    bottom = page_h - slack
    room = bottom - top_on_new_page
    breaks: list[int] = []
    y, start, i = first_top, 0, 0

    def cut_before(i: int) -> int:
        """Where the page must start for row i to open it: its headings come along."""
        cut = i
        while cut - 1 > start and heads[cut - 1]:
            cut -= 1
        return cut

    def divide(i: int, part: Split) -> None:
        part.apply()
        hs[i : i + 1] = [part.head, part.tail]
        heads.insert(i + 1, False)

    while i < len(hs):
        h = hs[i]
        if y + h <= bottom:
            y += h
            i += 1
            continue
        part = split(i, bottom - y) if split is not None and not heads[i] else None
        if part is not None:
            divide(i, part)
            breaks.append(i + 1)
            start, y, i = i + 1, top_on_new_page, i + 1
        elif i > start:
            start = cut_before(i)
            breaks.append(start)
            y = top_on_new_page + sum(hs[start:i])
        else:
            # Alone on its page, taller than the page and not splittable: Qt cuts it
            # where it is; go on on the page where it ends.
            over = y + h - bottom
            y = top_on_new_page + over % room
            start, i = i + 1, i + 1
    if closing and hs and y + closing > bottom:
        # The closing goes to a new page: the last row (or its end) goes with it.
        last = len(hs) - 1
        cut = cut_before(last)
        if cut > start and top_on_new_page + sum(hs[cut:]) + closing <= bottom:
            breaks.append(cut)
        elif split is not None and not heads[last]:
            part = split(last, bottom - (y - hs[last]))
            if part is not None and top_on_new_page + part.tail + closing <= bottom:
                divide(last, part)
                breaks.append(last + 1)
    return breaks

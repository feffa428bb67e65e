"""The outline of a plan's body: sections, numbered items, bullets and plain paragraphs.

Plans nest "I." > "1." > "a)" > "-" > "+", but each document picks its own order of
markers, so levels are not fixed: a marker style seen for the first time under the
current item nests under it, a style already open closes everything below it (the usual
way a reader follows an outline). Roman sections and "PHẦN" parts are always top level.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from app.core.text import clean, fold
from app.importers.plans.lines import Marker, Para, is_caps_line, marker_of

_BULLETS = frozenset("-+•*➢➤►❖◆♦■□✓")
_FIXED_RANK = {"part": 0, "cap": 1, "roman": 2, "article": 2, "caps": 3}
_END_WORDS = ("noi nhan",)
_SIGNATURE = re.compile(r"^\**\s*(?:T/M|TM\.|TM\s|K/T|KT\.|KT\s|Q\.|TL\.|T/L)\s*\S", re.IGNORECASE)
_APPENDIX = re.compile(r"^\**\s*(?:PHỤ\s+LỤC|Phụ\s+lục)\b")
# The plan a decision issues, printed after the decision's signature ("QUYẾT ĐỊNH Ban hành
# Kế hoạch …; Điều 1 …; Nơi nhận …" then "KẾ HOẠCH … (Ban hành kèm theo Quyết định …)").
_ATTACHED = re.compile(r"^\**\s*(?:KẾ\s+HOẠCH|CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|PHƯƠNG\s+ÁN)\b")


@dataclass(eq=False)
class Node:
    """One paragraph of the body in its place in the outline."""

    kind: str  # "root", "section", "item", "heading", "para", "table"
    para: Para | None = None
    marker: Marker | None = None
    body: str = ""  # the text after the marker
    style: str = ""
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    extra: list[Para] = field(default_factory=list)  # paragraphs that continue this one

    @property
    def label(self) -> str:
        return self.marker.label if self.marker else ""

    @property
    def full_text(self) -> str:
        return " ".join([self.body, *(p.text for p in self.extra)]).strip()

    @property
    def where(self) -> str:
        return self.para.where if self.para else ""

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child


def is_end_of_body(text: str) -> bool:
    """ "Nơi nhận:" or the signature block: what follows is not the plan's content."""
    f = fold(text[:40]).lstrip("* ")
    return f.startswith(_END_WORDS) or bool(_SIGNATURE.match(text))


def _unmarked_heading(para: Para) -> str | None:
    """A heading without a marker: a line in capitals, or a short bold paragraph."""
    text = para.text.strip("* ")
    if not text or len(text.split()) > 30:
        return None
    if is_caps_line(text) and len(text) > 6:
        return "caps"
    if para.bold and len(text.split()) <= 20 and not re.search(r"[.;]$", text):
        return "bold"
    return None


_TERMINAL_END = re.compile(r"[.;:!?…]\**[\"”’)\]]*\**$|\./\.$")


def _topic_line(para: Para, nxt: Para | None) -> bool:
    """A short line without a full stop, followed by an unmarked sentence: the topic
    heading of a text that lost its numbering ("Công tác tuyên truyền, vận động")."""
    text = para.text.strip("* ")
    if nxt is None or nxt.is_table or not text or not text[0].isupper():
        return False
    words = len(text.split())
    if words < 2 or words > 12 or _TERMINAL_END.search(text) or text.endswith((",", "-", "–")):
        return False
    follower = nxt.text.strip("* ")
    return (
        marker_of(follower) is None
        and len(follower.split()) > words
        and bool(_TERMINAL_END.search(follower))
    )


def build_outline(
    paras: list[Para],
    continues: Callable[[Node], bool],
    attribute: Callable[[str], bool] | None = None,
) -> Node:
    """Nest the paragraphs; `continues(node)` says whether an unmarked paragraph after
    `node` goes on with it (instead of being a paragraph of its own). An attribute line
    (`attribute(text)`: "Thời gian hoàn tất: …") after a list of bullets belongs to the
    item the list is part of, not to its last bullet."""
    root = Node("root")
    stack: list[Node] = [root]
    ended = False
    for k, para in enumerate(paras):
        if para.is_table:
            stack[-1].add(Node("table", para))
            continue
        text = para.text
        if not text.strip():
            continue
        if ended:
            if _ATTACHED.match(text) and is_caps_line(text):
                ended = False  # the attached plan: its body follows
                del stack[1:]
                continue
            if not _APPENDIX.match(text):
                continue
            ended = False
            node = Node("section", para, Marker("part", "PL", text), text, "part")
            del stack[1:]
            stack.append(root.add(node))
            continue
        if is_end_of_body(text):
            ended = True
            continue
        mk = marker_of(text)
        style = mk.style if mk else _unmarked_heading(para)
        if style is None and stack[-1].kind != "root" and not any(n.kind == "item" for n in stack):
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            if _topic_line(para, nxt):
                style = "bold"
        if style is None or (mk is None and style == "bold" and stack[-1].kind == "root"):
            if attribute is not None and attribute(text):
                # out of the bullets of the list (of an attribute list: to its item)
                while (
                    len(stack) > 2
                    and stack[-1].kind == "item"
                    and stack[-1].style in _BULLETS
                    and stack[-2].kind == "item"
                ):
                    was_attribute = attribute(stack.pop().body)
                    if was_attribute:
                        break
                if stack[-1].kind == "item" and stack[-1].children:
                    stack[-1].add(Node("para", para, None, text))
                    continue
            top = stack[-1]
            if top.kind in ("item",) and continues(top):
                top.extra.append(para)
            else:
                top.add(Node("para", para, None, text))
            continue
        body = mk.rest if mk else text
        if style in _FIXED_RANK:
            rank = _FIXED_RANK[style]
            while len(stack) > 1 and _rank(stack[-1]) >= rank:
                stack.pop()
            kind = "section" if mk else "heading"
        else:
            open_styles = [n.style for n in stack]
            if style in open_styles:
                idx = open_styles.index(style)
                del stack[idx:]
            kind = "item" if mk else "heading"
        node = stack[-1].add(Node(kind, para, mk, body, style))
        stack.append(node)
    return root


def _rank(node: Node) -> int:
    return _FIXED_RANK.get(node.style, 99)


def walk(node: Node) -> Iterator[Node]:
    """Every node under `node`, depth first, in document order."""
    for child in node.children:
        yield child
        yield from walk(child)


def plain(text: str) -> str:
    """Text without italic marks, single-spaced."""
    return clean(re.sub(r"\*+", "", text))

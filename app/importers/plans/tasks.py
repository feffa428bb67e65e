"""A plan's text -> its tasks: which items are tasks, who leads them, when they are due.

Readers (documents.py) give lines; plan_lines rebuilds paragraphs, plan_header reads the
header, plan_outline nests the body. This module walks the outline:

- sections decide whether their items are tasks: "NHIỆM VỤ…", "GIẢI PHÁP", "TỔ CHỨC THỰC
  HIỆN" hold tasks; "MỤC ĐÍCH, YÊU CẦU", "Mục tiêu", "Nơi nhận" do not;
- a heading that names a unit ("1. Sở Nội vụ") makes it the lead of everything under it;
  a sentence may name its own ("Giao X chủ trì, phối hợp với Y");
- a deadline on a heading or an introduction applies to the items under it unless they
  state their own; an item with two actions and two deadlines becomes two tasks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from app.core.deadlines.terms import level_of, term_for
from app.core.deadlines.types import Deadline
from app.core.text import fold
from app.core.units import looks_like_unit
from app.errors import ImportLimitError
from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask
from app.importers.plans.deadlines import Found, choose, deadlines_in, split_by_deadlines
from app.importers.plans.header import (
    closing_citation,
    issuer_from_body,
    parse_header,
    strip_mottos,
)
from app.importers.plans.kinds import (
    ATTR,
    CLOSING,
    INTRO_END,
    ISSUING,
    POINTER,
    SPEAKER,
    SUBTITLE,
    TARGET,
    TRAILING_GROUP,
    attr_value,
    attributes,
    content_value,
    introduces_non_tasks,
    is_assignment,
    is_attribute,
    is_attribute_group,
    is_basis,
    is_citation,
    is_closing_clause,
    is_decision_act,
    is_preamble,
    section_class,
)
from app.importers.plans.lines import (
    Line,
    check_paragraphs,
    is_caps_line,
    join_lines,
    split_run_on_articles,
)
from app.importers.plans.outline import Node, build_outline, plain
from app.importers.plans.units import Roles, heading_unit, roles_in
from app.importers.safety.grids import n_vi

_BULLET_STYLES = frozenset("-+•*➢➤►❖◆♦■□✓")
# Table rows (an appendix or a task table inside the document) -> tasks.
TableReader = Callable[[list[list[str]], date, str, tuple[int, int]], list[ExtractedTask]]


@dataclass(slots=True)
class Context:
    """What a heading or an introduction passes down to the items under it."""

    include: bool | None = None
    lead: str | None = None
    coordinators: list[str] = field(default_factory=list)
    unit_heading: bool = False  # the lead comes from a heading that names a unit
    deadline: Deadline | None = None
    section: tuple[str, ...] = ()


class PlanReader:
    """Turns the lines of one document into an ExtractedPlan."""

    def __init__(
        self,
        *,
        ref: date | None = None,
        today: date | None = None,
        term: tuple[int, int] | None = None,
        table_reader: TableReader | None = None,
        max_paragraph: int | None = None,
        max_tasks: int | None = None,
    ) -> None:
        self.user_ref = ref
        self.max_paragraph = max_paragraph
        self.max_tasks = max_tasks
        self.today = today or date.today()
        self.user_term = term
        self.term = term or term_for(ref or self.today)
        self.table_reader = table_reader
        self.ref = ref or self.today
        self.tasks: list[ExtractedTask] = []
        self.warnings: list[str] = []
        self._found: dict[str, list[Found]] = {}

    # ------------------------------------------------------------------ entry

    def read(self, lines: list[Line]) -> ExtractedPlan:
        lines = split_run_on_articles(lines)
        header = parse_header(lines)
        doc: ExtractedDocument = header.document
        if self.max_paragraph is not None:
            check_paragraphs(lines[: header.body_start], self.max_paragraph)
        paras = join_lines(lines[header.body_start :], max_chars=self.max_paragraph)
        texts = [p.text for p in paras if not p.is_table]
        if not doc.issuer:
            doc.issuer = issuer_from_body(texts)
        if not doc.number:  # a portal's quote: "(Theo Công văn số …, ngày …)" at the end
            doc.number, cited = closing_citation(texts)
            doc.date = doc.date or cited
        if self.user_term is None:
            self.term = term_for(self.user_ref or doc.date or self.today, level_of(doc.issuer))
        doc.term = self.user_term
        if self.user_ref is None:
            if doc.date:
                self.ref = doc.date
            else:
                self.warnings.append(
                    "Không tìm thấy ngày ký kế hoạch; thời hạn không ghi năm được tính theo "
                    f"ngày nhập {self.today:%d/%m/%Y}."
                )
        root = build_outline(paras, self._continues, lambda t: bool(ATTR.match(plain(t))))
        has_task_sections = any(section_class(n) for n in _headings(root))
        self._walk(root, Context(include=None if has_task_sections else True))
        if not self.tasks:
            self.warnings.append("Không tìm thấy nhiệm vụ nào trong văn bản.")
        return ExtractedPlan(document=doc, tasks=self.tasks, warnings=self.warnings)

    # ------------------------------------------------------------------ outline

    def _continues(self, node: Node) -> bool:
        """An unmarked paragraph after an item continues it unless the item is a heading."""
        return not self._heading_like(node, has_children=True)

    def _own_deadlines(self, text: str) -> list[Found]:
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = deadlines_in(text, self.ref, self.term)
        return found

    def _heading_like(self, node: Node, *, has_children: bool | None = None) -> bool:
        if node.kind in ("section", "heading"):
            return True
        if node.kind != "item":
            return False
        body = plain(node.body)
        if attributes(node):
            return False
        if heading_unit(body):
            return True
        bare = TRAILING_GROUP.sub("", body).strip()
        words = len(bare.split())
        own = self._own_deadlines(node.body)
        if bare.endswith(":") and (not own or words <= 25):
            return True
        if node.para is not None and node.para.bold and words <= 25:
            return True
        if is_caps_line(bare):
            return True
        # a short topic ("1. Phát triển hạ tầng số (năm 2023)") heads the items under it;
        # a sentence ending with a full stop does not
        return words <= 16 and not re.search(r"[.;]$", bare) and not re.search(r"[.;]$", body)

    def _walk(self, node: Node, ctx: Context) -> None:
        ctx = replace(ctx, coordinators=list(ctx.coordinators))
        after_items = False
        # the bullets after "Hồ sơ gồm:" (or under an item ending so) list no tasks
        skip_bullets = node.kind == "item" and introduces_non_tasks(node.full_text)
        for child in node.children:
            if self.max_tasks is not None and len(self.tasks) > self.max_tasks:
                raise ImportLimitError(
                    f"văn bản có hơn {n_vi(self.max_tasks)} nhiệm vụ, quá giới hạn nhập (Cài đặt "
                    "> Giới hạn nhập) (too many tasks)"
                )
            if skip_bullets and child.kind == "item" and child.style in _BULLET_STYLES:
                continue
            skip_bullets = False
            if child.kind == "table":
                self._table(child, ctx)
                continue
            if child.kind == "para":
                if introduces_non_tasks(child.body):
                    skip_bullets = True
                    self._emit_before_list(child, ctx)
                    continue
                ctx = self._paragraph(child, ctx, after_items)
                continue
            after_items = True
            if child.kind == "item" and is_attribute(child):
                continue  # folded into its parent task
            if child.kind == "item" and (self._block(child, ctx) or self._step(child, ctx)):
                continue
            if child.kind == "item" and introduces_non_tasks(child.full_text):
                # "1. Phòng Nội vụ tiếp nhận hồ sơ. Hồ sơ gồm:" / "+ Đơn đề nghị; …"
                self._emit_before_list(child, ctx)
                self._walk(child, ctx)
                continue
            if child.kind == "item" and not any(not is_attribute(c) for c in child.children):
                # an item with nothing under it is a task, unless it only names a unit or is
                # a bare heading whose content is not there ("1. Mục đích:")
                bare = plain(child.body).strip(" *")
                if bare.endswith(":") and len(bare.split()) <= 4:
                    continue
                if not (heading_unit(plain(child.body)) and not attributes(child)):
                    self._emit(child, ctx)
                continue
            if child.style == "article":
                self._article(child, ctx)
            elif self._heading_like(child):
                self._walk(child, self._heading_context(child, ctx))
            else:
                sub = self._emit(child, ctx)
                self._walk(child, sub)

    def _heading_context(self, node: Node, ctx: Context) -> Context:
        body = plain(node.body)
        sub = replace(ctx, coordinators=list(ctx.coordinators))
        cls = section_class(node)
        if node.kind == "section" or node.style == "caps":
            # a part of the plan (also a heading in capitals when the numbering was lost):
            # units and deadlines of the parts before it do not carry over
            label = node.label if node.kind == "section" else ""
            section = (label,) if label else ()
            sub = Context(include=cls if cls is not None else ctx.include, section=section)
            return sub
        if cls is not None and len(body.split()) <= 15:
            sub.include = cls
        unit = heading_unit(body)
        if unit:
            sub.lead, sub.coordinators, sub.unit_heading = unit, [], True
        else:
            roles = roles_in(body)
            if roles.lead and roles.explicit:
                sub.lead, sub.unit_heading = roles.lead, True
            sub.coordinators = roles.coordinators or sub.coordinators
        found = self._own_deadlines(node.body)
        if found:
            best = choose(found)
            sub.deadline = best.deadline if best else sub.deadline
        if node.marker and node.style in ("n1", "n2", "n3", "n4", "letter"):
            sub.section = (*ctx.section, node.label)
        return sub

    def _paragraph(self, node: Node, ctx: Context, after_items: bool) -> Context:
        """An unmarked paragraph: an introduction, a closing remark or a task."""
        text = plain(node.body)
        if ctx.include is False:
            return ctx
        if INTRO_END.search(text) or (not after_items and is_preamble(text)):
            return self._intro_context(node, ctx)
        if CLOSING.match(text) or (after_items and text.endswith("./.")) or SUBTITLE.match(text):
            return ctx
        if is_closing_clause(text) or (is_basis(text) and not roles_in(text).explicit):
            return ctx
        if re.match(r"v/v\b", text, re.IGNORECASE) or not strip_mottos(text).strip(" -–*"):
            return ctx  # a letter's subject line or the motto, left below its header
        if ctx.include:
            self._emit(node, ctx)
        return ctx

    def _assigns(self, text: str) -> bool:
        """Does the text name who does something, or when?"""
        return bool(self._own_deadlines(text)) or roles_in(plain(text)).explicit

    def _article(self, node: Node, ctx: Context) -> None:
        """ "Điều 2. Giao Sở … chủ trì …" assigns a task; "Điều 1. Ban hành kèm theo …",
        "Điều 3. … chịu trách nhiệm thi hành Quyết định này" enact the decision;
        "Điều 1. Giao nhiệm vụ cho các sở … như sau:" introduces the items under it."""
        text = plain(node.full_text)
        sub = replace(ctx, coordinators=list(ctx.coordinators), lead=None, unit_heading=False)
        if not text or is_decision_act(text):
            pass
        elif INTRO_END.search(text):
            sub = self._intro_context(node, replace(sub, include=True))
        elif self._assigns(node.full_text):
            self._emit(node, replace(sub, include=True))
        self._walk(node, sub)

    def _intro_context(self, node: Node, ctx: Context) -> Context:
        """ "Các cấp ủy, tổ chức đảng … thực hiện các nhiệm vụ sau:" names who does them."""
        sub = replace(ctx, coordinators=list(ctx.coordinators))
        text = plain(node.body)
        roles = roles_in(text) if not ISSUING.search(text) else Roles()
        speaker = SPEAKER.search(text)
        if speaker:
            # "Thủ tướng Chính phủ có ý kiến như sau:", "UBND tỉnh yêu cầu các sở thực hiện
            # các nội dung sau:": who speaks is not who does; whom it asks is
            roles = roles_in(speaker["asked"] or "")
        if roles.lead and looks_like_unit(roles.lead) and not ctx.unit_heading:
            sub.lead = roles.lead
            sub.coordinators = roles.coordinators
        found = self._own_deadlines(node.body)
        best = choose(found)
        if best:
            sub.deadline = best.deadline
        return sub

    # ------------------------------------------------------------------ tasks

    def _emit_before_list(self, node: Node, ctx: Context) -> None:
        """ "Phòng Nội vụ tiếp nhận hồ sơ. Hồ sơ gồm:": the sentences before the list's
        introduction may be a task."""
        text = plain(node.full_text)
        cut = max(text.rfind(". "), text.rfind("; "))
        if cut <= 0:
            return
        piece = _piece(node, text[: cut + 1])
        if node.kind == "item":
            self._emit(piece, ctx, attrs=[])
        else:
            self._paragraph(piece, ctx, after_items=True)

    def _step(self, node: Node, ctx: Context) -> bool:
        """A step: a short title, its body and a line "Thời gian hoàn tất: trước ngày …"
        (maybe a list that holds no tasks, "Hồ sơ gồm: + …") is one task."""
        attrs = [c for c in node.children if is_attribute(c)]
        body = [c for c in node.children if c.kind == "para" and c not in attrs]
        rest = [c for c in node.children if c not in attrs and c not in body]
        title = plain(node.body)
        if not attrs or not body or heading_unit(title) or len(title.split()) > 16:
            return False
        if rest and not (
            all(c.kind == "item" for c in rest) and introduces_non_tasks(body[-1].body)
        ):
            return False
        text = " ".join([f"{title.rstrip(' :.')}:", *(b.body for b in body)])
        self._emit(_piece(node, text), ctx, attrs=attrs)
        return True

    def _block(self, node: Node, ctx: Context) -> bool:
        """ "a) Nội dung, biện pháp: …" / "b) Cơ quan chủ trì, phối hợp: …" / "c) Thời gian
        thực hiện: …": the measures are the tasks, the other lines their attributes."""
        contents = [c for c in node.children if content_value(c) is not None]
        attrs: list[Node] = []
        for c in node.children:
            if is_attribute(c):
                attrs.append(c)
            elif is_attribute_group(c):
                attrs.extend(c.children)
        if not contents or not attrs:
            return False
        for c in contents:
            value = content_value(c)
            if value:
                self._emit(_piece(c, value), ctx, attrs=attrs)
            for item in c.children:
                if not is_attribute(item):
                    self._emit(item, ctx, attrs=attrs)
        return True

    def _emit(self, node: Node, ctx: Context, attrs: list[Node] | None = None) -> Context:
        """Tasks for one item (several when it states several deadlines); the context its
        sub-items inherit. `attrs`: the attribute lines that apply, when not its own."""
        text = node.full_text
        attrs = attributes(node) if attrs is None else attrs
        if not ctx.include:
            return replace(ctx, include=ctx.include)
        if (
            (not attrs and POINTER.match(plain(text)) and not self._own_deadlines(text))
            or TARGET.match(fold(plain(text)))
            or is_citation(text)
        ):
            return replace(ctx, coordinators=list(ctx.coordinators))
        attr_text = "\n".join(a.body for a in attrs)
        found = self._own_deadlines(text)
        attr_found = self._own_deadlines(attr_text) if attr_text else []
        if attr_found:
            # "- Thời gian hoàn thành: …" is the task's deadline: a year in its object
            # ("Đánh giá … công chức năm 2025.") is not
            found = [f for f in found if f.marked]
        pieces = split_by_deadlines(text, found)
        whole = roles_in(text + ("\n" + attr_text if attr_text else ""))
        given = next(
            (r for a in attrs if is_assignment(a) and (r := roles_in(plain(a.body))).lead), None
        )
        if given is not None:
            # "- Giao X chủ trì, phối hợp với Y": the line names who does the item
            whole = Roles(
                given.lead,
                given.coordinators or whole.coordinators,
                given.following or whole.following,
                explicit=True,
            )
        product = attr_value(attrs, ("san pham", "ket qua", "hinh thuc"))
        first_deadline: Deadline | None = None
        first_lead: str | None = None
        for i, (piece, f) in enumerate(pieces):
            roles = whole if len(pieces) == 1 else _merge(roles_in(piece), whole, first=i == 0)
            lead, coords = self._lead(roles, ctx)
            if f is not None:
                deadline = f.deadline
            elif attr_found:
                deadline = attr_found[-1].deadline
            else:
                deadline = ctx.deadline or Deadline()
            first_deadline = first_deadline or deadline
            first_lead = first_lead or lead
            self.tasks.append(
                ExtractedTask(
                    text=_task_text(piece),
                    lead=lead,
                    coordinators=coords,
                    following=list(roles.following),
                    section=".".join(ctx.section),
                    number=node.label if node.style in ("n1", "n2", "n3", "n4", "letter") else "",
                    deadline=deadline,
                    product=product,
                    source=node.where,
                )
            )
        sub = replace(ctx, coordinators=list(ctx.coordinators))
        if first_lead and first_lead != ctx.lead:
            sub.lead, sub.coordinators, sub.unit_heading = first_lead, [], True
        if found or attr_found:
            sub.deadline = first_deadline
        return sub

    def _lead(self, roles: Roles, ctx: Context) -> tuple[str | None, list[str]]:
        # "mỗi tổ chức đảng, cơ quan, đơn vị …" is each of the units already addressed
        each = bool(roles.lead) and fold(roles.lead or "").startswith(("moi ", "tung "))
        if each and ctx.lead and not roles.explicit:
            roles = Roles(None, roles.coordinators, roles.following)
        if roles.lead and (roles.explicit or not ctx.unit_heading or ctx.lead is None):
            return roles.lead, list(roles.coordinators)
        coords = list(roles.coordinators) if roles.coordinators else list(ctx.coordinators)
        return ctx.lead, [c for c in coords if fold(c) != fold(ctx.lead or "")]

    def _table(self, node: Node, ctx: Context) -> None:
        if self.table_reader is None or node.para is None or node.para.rows is None:
            return
        for task in self.table_reader(node.para.rows, self.ref, node.where, self.term):
            if not task.section and ctx.section:
                task.section = ".".join(ctx.section)
            self.tasks.append(task)


# ---------------------------------------------------------------------- helpers


def _headings(root: Node) -> Iterable[Node]:
    stack = list(root.children)
    while stack:
        n = stack.pop()
        if n.kind in ("section", "heading") or (n.kind == "item" and n.children):
            yield n
            stack.extend(n.children)


def _merge(piece: Roles, whole: Roles, *, first: bool) -> Roles:
    """Roles of one piece of a split task: its own, else the sentence's lead."""
    if piece.lead:
        return piece
    return Roles(
        lead=whole.lead,
        coordinators=piece.coordinators or (whole.coordinators if first else []),
        following=piece.following,
        explicit=whole.explicit,
    )


def _piece(node: Node, text: str) -> Node:
    """A node standing for `text` where `node` is (same place, label and parent)."""
    return Node(node.kind, node.para, node.marker, text, node.style, node.parent)


def _task_text(text: str) -> str:
    t = plain(text)
    t = re.sub(r"\s*\./\.\s*$", ".", t)
    return t.strip(" ;,")

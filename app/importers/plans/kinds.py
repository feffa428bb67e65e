"""What a paragraph of a plan is, before anyone asks who does it: a section title that
holds tasks or not, an attribute line of the task above ("Thời gian thực hiện: …",
"Cơ quan chủ trì: …"), a preamble ("Căn cứ …", "Xét đề nghị …"), a decision's own act
("Điều 1. Ban hành kèm theo …"), a closing remark, or a list that holds no tasks
(conditions, a dossier, priorities).
"""

from __future__ import annotations

import re

from app.core.text import clean, fold
from app.importers.plans.outline import Node, plain
from app.importers.plans.units import heading_unit

# Words of a section title: strong ones make it a section of tasks whatever else it says.
_TASK_WORDS = (
    "nhiem vu",
    "giai phap",
    "to chuc thuc hien",
    "phan cong",
    "trach nhiem",
    "noi dung",
)
_WEAK_TASK_WORDS = (
    "lo trinh",
    "cac buoc",
    "buoc thuc hien",
    "de an",
    "hoat dong",
    "danh muc",
    "tien do",
    "cong viec",
    "bao cao",
    "phu luc",
    "cac viec",
    "trien khai",
    "trinh tu",
)
_REVIEW_WORDS = (
    "ket qua",
    "danh gia",
    "tinh hinh",
    "thuc trang",
    "boi canh",
    "can cu",
    "su can thiet",
    "co so",
    "ly do",
)
# "NỘI DUNG SƠ KẾT", "Nội dung kiểm tra", "Nội dung tuyên truyền": what is reviewed,
# inspected or propagated, not who does what
_TOPICS = re.compile(
    r"^noi dung\s+(?:chinh\s+|chu\s+yeu\s+)?(?:cua\s+)?(?:so ket|tong ket|kiem tra|giam sat|"
    r"tuyen truyen|bao cao|danh gia|khao sat|hoc tap|quan triet|thao luan)\b"
)
_EXCLUDE_WORDS = (
    "muc dich",
    "yeu cau",
    "muc tieu",
    "chi tieu",
    "quan diem",
    "pham vi",
    "doi tuong",
    "kinh phi",
    "nguon luc",
    "dinh huong",
    "tam nhin",
    # lists that hold no tasks: who qualifies, what a file holds, what comes first
    "dieu kien",
    "ho so",
    "thanh phan ho so",
    "tieu chi",
    "tieu chuan",
    "thu tu uu tien",
    "uu tien",
    "nguyen tac",
)
ATTR = re.compile(
    r"^\**\s*(?:(?:cơ\s+quan|đơn\s+vị|bộ\s+phận)\s+)?(?P<key>chủ\s+trì(?:\s*(?:,|và)\s*phối\s+hợp)?|"
    r"phối\s+hợp|thực\s+hiện|theo\s+dõi|thời\s+gian|thời\s+hạn|tiến\s+độ|sản\s+phẩm|"
    r"kết\s+quả(?:\s+đầu\s+ra)?|hình\s+thức(?:\s+văn\s+bản)?|kinh\s+phí|cấp\s+trình|"
    r"chịu\s+trách\s+nhiệm)"
    r"(?:\s+(?:thực\s+hiện|hoàn\s+thành|hoàn\s+tất|chính|đầu\s+ra|trình))?\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
INTRO_END = re.compile(
    r"(?::|\b(?:sau|sau\s+đây|như\s+sau|gồm|cụ\s+thể)\s*[:.]?)\**\s*$", re.IGNORECASE
)
# "…, Ủy ban nhân dân tỉnh ban hành Kế hoạch … như sau:": who issues, not who does
ISSUING = re.compile(
    r"\b(?:ban\s+hành|xây\s+dựng)\s+(?:kèm\s+theo\s+)?(?:kế\s+hoạch|chương\s+trình|đề\s+án)\b",
    re.IGNORECASE,
)
CLOSING = re.compile(
    r"^(?:trong\s+quá\s+trình|quá\s+trình\s+(?:tổ\s+chức\s+)?thực\s+hiện|trên\s+đây\s+là|kính\s+gửi)"
    # a letter's last sentence: "Văn phòng Chính phủ xin thông báo để … biết, thực hiện./."
    r"|^[^.;]{0,80}\b(?:xin\s+)?thông\s+báo\s+(?:để|cho)\b[^.;]*\bbiết\b",
    re.IGNORECASE,
)
# "Về việc này, Thủ tướng Chính phủ có ý kiến như sau:", "UBND tỉnh yêu cầu các sở, ngành
# thực hiện các nội dung sau:": an instruction's author, and whom it asks
SPEAKER = re.compile(
    r"\b(?:có\s+ý\s+kiến(?:\s+chỉ\s+đạo)?|kết\s+luận|chỉ\s+đạo|(?:yêu\s+cầu|đề\s+nghị|giao)"
    r"(?P<asked>\s+\S[^.;:]*?)?)\s*(?:như\s+sau|sau\s+đây|(?:các\s+)?(?:nội\s+dung|nhiệm\s+vụ|"
    r"việc)\s+sau)?\s*:\s*$",
    re.IGNORECASE,
)
# "(Kèm theo Kế hoạch số 12-KH/TU ngày …)": the subtitle of an appendix
SUBTITLE = re.compile(
    r"^\(?\s*(?:ban\s+hành\s+)?kèm\s+theo\b"
    r"|^\(\s*(?:có\s+)?(?:chi\s+tiết|phụ\s+lục|biểu|danh\s+mục)\b[^()]*\)\.?$",
    re.IGNORECASE,
)
# "Nhiệm vụ cụ thể … được phân công tại Phụ lục kèm theo": points to the tasks, is none
POINTER = re.compile(
    r"^(?:các\s+)?(?:nhiệm\s+vụ|danh\s+mục\s+nhiệm\s+vụ|nội\s+dung\s+nhiệm\s+vụ)(?:\s+cụ\s+thể)?\b"
    r"[^.;]{0,120}?\b(?:tại|theo|trong)\s+(?:các\s+)?(?:phụ\s+lục|biểu)\b",
    re.IGNORECASE,
)
# "Mục tiêu đến năm 2025 có 100% …", "Chỉ tiêu: …": a target stated among the tasks
TARGET = re.compile(r"^(?:muc tieu|chi tieu)\b(?!\s+(?:va|,)\s)")
TRAILING_GROUP = re.compile(r"\s*(?:\([^()]*\)|\*[^*]*\*)[\s.;]*$")


def section_class(node: Node) -> bool | None:
    """True for a section of tasks, False for one without tasks, None when the title says
    neither."""
    if node.kind == "item" and len(node.body.split()) > 15:
        return None
    f = fold(plain(node.body)).strip(" :.")
    if not f:
        return None
    if f.startswith(_REVIEW_WORDS) or _TOPICS.match(f):
        return False
    if any(w in f for w in _TASK_WORDS):
        return not (f.startswith(("muc tieu", "chi tieu", "muc dich")) and "nhiem vu" not in f)
    if f.startswith(_EXCLUDE_WORDS):
        return False
    if any(w in f for w in _WEAK_TASK_WORDS):
        return True
    return None


def is_attribute(node: Node) -> bool:
    if node.kind not in ("item", "para") or node.children:
        return False
    return bool(ATTR.match(plain(node.body))) or is_assignment(node)


# "- Giao Ban Tuyên giáo chủ trì, phối hợp với … thực hiện.": who does the item above
_ASSIGNMENT = re.compile(
    r"^giao\s+\S.*\b(?:chu tri|thuc hien|to chuc|trien khai|theo doi|tham muu)"
    r"(?:\s+(?:thuc hien|trien khai|to chuc|thuc hien ke hoach))?\s*[.;]?$"
)


def is_assignment(node: Node) -> bool:
    """A line under a task item that only says which unit does it ("Giao X chủ trì …
    thực hiện."): part of the item, not a task of its own. Under a heading it is a task."""
    parent = node.parent
    if parent is None or parent.kind != "item" or node.marker is None:
        return False
    head = plain(parent.body)
    if heading_unit(head) or head.rstrip(" *").endswith(":"):
        return False
    body = plain(node.body)
    return len(body.split()) <= 40 and bool(_ASSIGNMENT.match(fold(body)))


def attributes(node: Node) -> list[Node]:
    return [c for c in node.children if is_attribute(c)]


def attr_value(attrs: list[Node], keys: tuple[str, ...]) -> str:
    for a in attrs:
        m = ATTR.match(plain(a.body))
        if m and fold(m["key"]).startswith(keys):
            return clean(m["value"]).rstrip(".;")
    return ""


def is_preamble(text: str) -> bool:
    f = fold(text)
    return f.startswith(("thuc hien", "can cu", "de ", "nham ")) and "ban hanh" in f


# "Căn cứ Luật …;", "Xét đề nghị của Giám đốc Sở …,": the bases a decision cites (a bad
# text layer glues the keyword: "Căncứ Luật …", "Xétđề nghị …")
_BASIS = re.compile(
    r"^(?:(?:căn\s*cứ|xét\s*(?:đề\s*nghị|tờ\s*trình)|theo\s+(?:đề\s+nghị|tờ\s+trình))\b"
    r"|thực\s+hiện\s+(?:quyết\s+định|nghị\s+quyết|kết\s+luận|chỉ\s+thị|kế\s+hoạch|công\s+văn|"
    r"thông\s+báo|nghị\s+định|thông\s+tư|luật|chương\s+trình|hướng\s+dẫn)\s+(?:số\s+)?\d)",
    re.IGNORECASE,
)
# "Căn cứ Kế hoạch này, các sở xây dựng …": a clause about this very plan follows
_ABOUT_THIS = re.compile(r"\bnày\s*,\s*\S", re.IGNORECASE)


def is_basis(text: str) -> bool:
    """A basis line of a decision ("Căn cứ Luật … ngày …;"): what it cites, never a task.
    "Căn cứ Kế hoạch này, các sở xây dựng …" goes on with a clause of its own: the caller
    still asks whether the line names who does what."""
    text = text.lstrip("*- ")
    return bool(_BASIS.match(text)) and not _ABOUT_THIS.search(text)


# The decision's own act, not a task: "Ban hành kèm theo Quyết định này Kế hoạch …",
# "Phê duyệt Kế hoạch …", "Quyết định này có hiệu lực …", "… chịu trách nhiệm thi hành
# Quyết định này", "Chương I NHỮNG QUY ĐỊNH CHUNG"
_DOCS = r"(?:quyết\s+định|nghị\s+quyết|chỉ\s+thị|kế\s+hoạch|quy\s+chế|quy\s+định|thông\s+tư)"
_ACT = re.compile(
    r"^(?:ban\s+hành\s+kèm\s+theo|phê\s+duyệt|công\s+bố|bãi\s+bỏ|"
    rf"{_DOCS}\s+(?:này\s+)?có\s+hiệu\s+lực|hiệu\s+lực\s+thi\s+hành)",
    re.IGNORECASE,
)
_EXECUTE = re.compile(
    rf"\bthi\s+hành\s+(?:{_DOCS})\s+này\s*[./]*$|\bcăn\s+cứ\s+{_DOCS}\s+thi\s+hành",
    re.IGNORECASE,
)


def is_decision_act(text: str) -> bool:
    """An article that enacts the decision itself or names who executes it."""
    t = plain(text).strip()
    return bool(_ACT.match(t)) or is_closing_clause(t)


_IN_FORCE = re.compile(rf"^{_DOCS}\s+(?:này\s+)?có\s+hiệu\s+lực", re.IGNORECASE)


def is_closing_clause(text: str) -> bool:
    """ "… chịu trách nhiệm thi hành Quyết định này./.", "Quyết định này có hiệu lực …": the
    decision's closing sentences, wherever they stand ("Phê duyệt danh sách …" in a plan is
    a task: only an article enacts)."""
    t = plain(text).strip()
    return bool(_EXECUTE.search(t) or _IN_FORCE.match(t))


# "Hồ sơ gồm:", "… phải bảo đảm các điều kiện sau:", "Thứ tự ưu tiên như sau:": the list
# that follows says what a file holds or who qualifies, it assigns nothing
_NON_TASK_INTRO = re.compile(
    r"\b(?:hồ\s+sơ|giấy\s+tờ|thành\s+phần|điều\s+kiện|tiêu\s+chí|tiêu\s+chuẩn|đối\s+tượng|"
    r"thứ\s+tự\s+ưu\s+tiên|nguyên\s+tắc)\b[^.:;]{0,60}:\**\s*$",
    re.IGNORECASE,
)


def introduces_non_tasks(text: str) -> bool:
    return bool(_NON_TASK_INTRO.search(plain(text)))


# "a) Nội dung, biện pháp: …": what is to be done, in a block whose other lines say who
# and when ("b) Cơ quan chủ trì, phối hợp: …", "c) Thời gian thực hiện: …")
_CONTENT = re.compile(
    r"^\**\s*(?:nội\s+dung(?:\s*(?:,|và)\s*(?:biện\s+pháp|giải\s+pháp))?|biện\s+pháp|"
    r"nội\s+dung\s+(?:thực\s+hiện|công\s+việc|hoạt\s+động)|nhiệm\s+vụ\s+cụ\s+thể)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)


def content_value(node: Node) -> str | None:
    """The text after "Nội dung, biện pháp:" (may be empty: the measures follow as
    bullets); None when the node is not such a line."""
    m = _CONTENT.match(plain(node.body))
    return m["value"].strip() if m and node.kind in ("item", "para") else None


def is_attribute_group(node: Node) -> bool:
    """ "b) Cơ quan chủ trì, phối hợp:" with "- Cơ quan chủ trì: …", "- Cơ quan phối hợp: …"
    under it: attribute lines under an attribute title."""
    return (
        node.kind == "item"
        and bool(node.children)
        and bool(ATTR.match(plain(node.body)))
        and all(is_attribute(c) for c in node.children)
    )


# "- Nghị quyết số 71/NQ-CP ngày 01/4/2025 về …;", "- Luật Công nghệ thông tin ngày
# 29/6/2006;": a cited document, one of the bases listed before a plan's content
_CITATION = re.compile(
    r"^(?:(?:nghị\s+quyết|nghị\s+định|quyết\s+định|thông\s+tư|chỉ\s+thị|kết\s+luận|kế\s+hoạch|"
    r"công\s+văn|chương\s+trình|đề\s+án|quy\s+định|hướng\s+dẫn|thông\s+báo|công\s+điện)"
    r"\s+(?:liên\s+tịch\s+)?(?:số\s*)?\d"
    r"|(?:luật|bộ\s+luật|pháp\s+lệnh|hiến\s+pháp)\s+[^,;.]{2,80}?\s+(?:ngày|số|năm)\s+\d)",
    re.IGNORECASE,
)


def is_citation(text: str) -> bool:
    return bool(_CITATION.match(plain(text).lstrip("*-+• ")))

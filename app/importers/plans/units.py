"""Who does a task: lead and coordinating units from headings and sentences of a plan.

Plans name units in a few fixed ways: a heading ("1. Ban Tổ chức Tỉnh ủy", "3. Các sở,
ban, ngành:"), the subject of a sentence ("Sở Nội vụ chủ trì, phối hợp với các sở …"),
"Giao X …", "Đề nghị X …", a parenthesis ("(Sở Tài chính chủ trì; Sở Nội vụ phối hợp)")
and labels ("Cơ quan chủ trì: …", "Đơn vị phối hợp: …").

Vietnamese spelling helps: words of a unit's name are capitalised ("Sở Xây dựng",
"Ủy ban Kiểm tra") while the verb after it is not ("… chủ trì"); so a subject ends at the
first lower-case verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.text import clean, fold
from app.core.units import is_generic_mention, looks_like_unit, split_units
from app.importers.plans.lines import modern_tones

# Verbs (and words that start a predicate) that end a unit subject when written in lower
# case; matched with accents ("có" is a verb, "cơ quan" is not). Longest first.
_VERBS = sorted(
    {
        modern_tones(v.strip())
        for v in [
            "chủ trì",
            "phối hợp",
            "tham mưu",
            "triển khai",
            "thực hiện",
            "xây dựng",
            "theo dõi",
            "hướng dẫn",
            "\n        kiểm tra",
            "giám sát",
            "đôn đốc",
            "tổng hợp",
            "báo cáo",
            "chỉ đạo",
            "lãnh đạo",
            "đề xuất",
            "nghiên cứu",
            "rà soát",
            "\n        ban hành",
            "tuyên truyền",
            "quán triệt",
            "cụ thể hóa",
            "căn cứ",
            "chịu trách nhiệm",
            "có trách nhiệm",
            "\n        tăng cường",
            "đẩy mạnh",
            "nâng cao",
            "tiếp tục",
            "chủ động",
            "khẩn trương",
            "đánh giá",
            "sơ kết",
            "tổng kết",
            "\n        bố trí",
            "đảm bảo",
            "bảo đảm",
            "cung cấp",
            "gửi",
            "trình",
            "tập trung",
            "xử lý",
            "xử phạt",
            "ứng dụng",
            "hỗ trợ",
            "hoàn thành",
            "\n        điều chỉnh",
            "sửa đổi",
            "bổ sung",
            "cập nhật",
            "giải quyết",
            "tiếp nhận",
            "phát huy",
            "làm tốt",
            "định kỳ",
            "\n        thường xuyên",
            "kịp thời",
            "cần",
            "phải",
            "được giao",
            "theo chức năng",
            "trong phạm vi",
            "cùng",
            "huy động",
            "\n        vận động",
            "phân công",
            "đưa",
            "giữ vững",
            "yêu cầu",
            "đề nghị",
            "tham gia",
            "đăng tải",
            "phê duyệt",
            "chấp hành",
            "\n        ưu tiên",
            "tích cực",
            "quan tâm",
            "lựa chọn",
            "đề cao",
            "đẩy nhanh",
            "kiên quyết",
            "nghiêm túc",
            "thông tin",
            "\n        phản ánh",
            "gắn",
            "mở",
            "lập",
            "ký",
            "thành lập",
            "kiện toàn",
            "sắp xếp",
            "quản lý",
            "tổ chức",
            "xác định",
            "thông báo",
            "\n        nắm bắt",
            "phát hiện",
            "định hướng",
            "chuẩn bị",
            "soạn thảo",
            "thẩm định",
            "thực thi",
            "chịu",
            "có",
            "là",
            "được",
            "để",
            "\n        nhằm",
            "theo",
            "về",
            "tại",
            "trong",
            "hằng năm",
            "hàng năm",
            "hằng quý",
            "hàng quý",
            "hằng tháng",
            "hàng tháng",
            "\n        từ nay",
            "trước",
            "sau",
            "khi",
            "căn cứ vào",
            "quyết liệt",
            "rút kinh nghiệm",
            "nêu cao",
            "giúp",
            *[
                "phủ sóng",
                "kết nối",
                "vận hành",
                "nâng cấp",
                "số hóa",
                "đầu tư",
                "lắp đặt",
                "hoàn thiện",
                "đào tạo",
                "bồi dưỡng",
                "xúc tiến",
                "khảo sát",
                "thống kê",
                "tiếp xúc",
                "đối thoại",
                "cải thiện",
                "duy trì",
                "khắc phục",
                "thu hồi",
                "thanh tra",
                "điều tra",
                "truy tố",
                "xét xử",
                "lồng ghép",
                "nhân rộng",
                "khen thưởng",
                "biểu dương",
                "góp phần",
                "ký kết",
                "phát triển",
                "mở rộng",
                "rà soát",
                "hỗ trợ",
                "kiểm soát",
                "cho vay",
                "thẩm tra",
                "công bố",
                "công khai",
                "niêm yết",
                "tiến hành",
                "xét duyệt",
                "thanh toán",
                "giải ngân",
                "phân bổ",
                "phổ biến",
                "biên soạn",
                "phát hành",
                "tập huấn",
                "tuần tra",
                "truy quét",
                "ngăn chặn",
                "đấu tranh",
                "phòng ngừa",
                "bảo vệ",
                "chăm sóc",
                "chi trả",
                "lấy ý kiến",
                "tiếp thu",
                "hoàn chỉnh",
                "tạo điều kiện",
                "phát động",
                "tôn vinh",
                "tham dự",
                "tuyển dụng",
                "thăm",
                "tặng",
                "treo",
                "thu thập",
                "xử lý",
                "rà",
                "đo lường",
            ],
        ]
    },
    key=lambda v: -len(v),
)
# "tổ chức" followed by one of these is the noun (an organisation), not the verb
_TO_CHUC_NOUN = (
    "đảng",
    "cơ sở",
    "chính trị",
    "xã hội",
    "đoàn thể",
    "hội",
    "thành viên",
    "quần chúng",
    "công đoàn",
    "kinh tế",
    "tín dụng",
    "liên quan",
    "và",
    "cá nhân",
    "nhà nước",
    "bộ máy",
    "có liên quan",
)
_GIVE = re.compile(r"^(?:Giao(?:\s+cho)?|Đề\s+nghị|Yêu\s+cầu)\s+", re.IGNORECASE)
_HEAD_PREFIX = re.compile(
    r"^(?:(?:Trách\s+nhiệm|Nhiệm\s+vụ)\s+(?:của|cho)\s+|Đối\s+với\s+|Giao\s+|Đề\s+nghị\s+)",
    re.IGNORECASE,
)
_HEAD_SUFFIX = re.compile(
    r"\s*(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|thực\s+hiện\s+(?:các|những)\s+nhiệm\s+vụ"
    r"(?:\s+sau)?|(?:thực\s+hiện|triển\s+khai)\s+(?:một\s+số\s+)?nội\s+dung\s+sau|"
    r"(?:thực\s+hiện|có)\s+nhiệm\s+vụ)?\s*:?\s*$",
    re.IGNORECASE,
)
_LABELS = {
    "lead": r"(?:cơ\s+quan|đơn\s+vị|bộ\s+phận)?\s*(?:chủ\s+trì(?:\s+thực\s+hiện)?|thực\s+hiện(?:\s+chính)?|chịu\s+trách\s+nhiệm(?:\s+chính)?)|trách\s+nhiệm\s+thực\s+hiện|chủ\s+trì",
    "coordinators": r"(?:cơ\s+quan|đơn\s+vị|bộ\s+phận)?\s*phối\s+hợp(?:\s+thực\s+hiện)?",
    "following": r"(?:cơ\s+quan|đơn\s+vị)?\s*theo\s+dõi(?:,\s*đôn\s+đốc)?",
}
_LABEL_RE = {
    key: re.compile(r"(?:^|[;(.]\s*|\n)(?:" + rx + r")\s*:\s*(?P<v>[^;)\n]+)", re.IGNORECASE)
    for key, rx in _LABELS.items()
}
_LABEL_TAIL = re.compile(r",?\s+(?:chủ\s+trì|phối\s+hợp)\b", re.IGNORECASE)
_COORD_WITH = re.compile(r"\bphối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với|cùng)\s+", re.IGNORECASE)
_CO_WITH = re.compile(r"\bchủ\s+trì\s+cùng\s+", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]{3,300})\)")
_CLAUSE_SPLIT = re.compile(r"(?:^|(?<=[;.:])\s+)")


@dataclass(slots=True)
class Roles:
    """Units a piece of text names; `explicit` when it says "chủ trì"/"giao" or a label."""

    lead: str | None = None
    coordinators: list[str] = field(default_factory=list)
    following: list[str] = field(default_factory=list)
    explicit: bool = False


def _words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text)]


_BY_FIRST: dict[str, list[str]] = {}
for _v in _VERBS:
    _BY_FIRST.setdefault(_v.split()[0], []).append(_v)
_WORD_AT = re.compile(r"[^\W\d_]+")


def _verb_at(text: str, lowered: str, start: int) -> int:
    """Length of the lower-case verb starting at `start`, or 0."""
    if not text[start : start + 1].islower():
        return 0
    m = _WORD_AT.match(lowered, start)
    if not m:
        return 0
    for v in _BY_FIRST.get(m.group(), ()):
        end = start + len(v)
        if lowered.startswith(v, start) and (end == len(lowered) or not lowered[end].isalnum()):
            if v == "có" and lowered.startswith("có liên quan", start):
                return 0
            if v == "thông tin" and lowered[:start].rstrip().endswith("công nghệ"):
                return 0  # "Trung tâm Công nghệ thông tin …": a noun, the name goes on
            if v == "tổ chức":
                after = lowered[end:].lstrip(" ")
                if after.startswith(_TO_CHUC_NOUN) or after.startswith(","):
                    return 0
            return len(v)
    return 0


def _lowered(text: str) -> str:
    """Lower case with one tone-mark convention ("hoá" = "hóa"), same length as `text`."""
    return modern_tones(text.lower())


_SCOPE_TAIL = re.compile(
    # ("các cơ quan Trung ương đóng trên địa bàn tỉnh" keeps its place: it is the name)
    r"\s+(?:từ\s+\S+(?:\s+\S+)?\s+đến\s+.+|(?<!đóng\s)(?<!đóng)trên\s+địa\s+bàn.*)$",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(?:Căn\s+cứ|Trên\s+cơ\s+sở|Để|Nhằm|Theo|Sau\s+khi|Trong\s+quá\s+trình"
    # a time first: "Trong tháng 3/2025, Sở Nội vụ …", "Hằng năm, các cấp ủy …"
    r"|Trong\s+(?:tháng|quý|năm|6\s+tháng)|Từ\s+nay|Đến\s+(?:hết|năm|cuối)|Chậm\s+nhất|Trước\s+ngày"
    r"|Quý\s+[IV\d]|Tháng\s+\d|Năm\s+\d|H[ằà]ng\s+(?:năm|quý|tháng)|Định\s+kỳ)\b",
    re.IGNORECASE,
)


def split_subject(text: str) -> tuple[str, int] | None:
    """(unit subject, index where the predicate starts) when `text` opens with a unit."""
    found = _split_subject(text)
    if found:
        subject, at = found
        return _SCOPE_TAIL.sub("", subject) or subject, at
    return None


def _split_subject(text: str) -> tuple[str, int] | None:
    text = text[:400].rstrip()  # a subject is at the start; long sentences stay cheap
    if not looks_like_unit(text):
        return None
    folded = _lowered(text)
    spans = _words(text)
    colon = text.find(":")
    if 0 < colon < 200 and looks_like_unit(text[:colon]) and len(text[:colon].split()) <= 30:
        head = text[:colon]
        if not any(_verb_at(head, folded, s) for s, _e in spans[1:] if s < colon):
            return clean(head), colon + 1  # "Sở Tài chính: Chủ trì, …"
    for n, (s, _e) in enumerate(spans):
        if n == 0:
            continue
        word = text[s:]
        if word[:1] in "(":
            return clean(text[:s]).rstrip(" ,:;-–"), s
        if _verb_at(text, folded, s):
            subject = clean(text[:s]).rstrip(" ,:;-–")
            if subject:
                return subject, s
        if n >= 2 and folded.startswith(_CAPITAL_VERBS, s) and text[s].isupper():
            # a heading and its text run together: "Văn phòng Đảng ủy Khối Chủ trì, …"
            subject = clean(text[:s]).rstrip(" ,:;-–")
            if looks_like_unit(subject):
                return subject, s
        if n > 40:
            break
    return None


# Verbs that open the text under a unit heading, capitalised as its first word
_CAPITAL_VERBS = ("chủ trì", "phối hợp", "tham mưu", "thực hiện", "triển khai", "hướng dẫn")


def unit_list(text: str) -> tuple[list[str], int]:
    """Units at the start of `text` ("Sở Tài chính, các sở liên quan tham mưu …").

    Returns the names and the index where the list ends (a verb, or a part that is not a
    unit).
    """
    text = text[:400]
    folded = _lowered(text)
    end = len(text)
    for s, _e in _words(text):
        if s == 0:
            continue
        if _verb_at(text, folded, s) or text[s] == "(":
            end = s
            break
    chunk = text[:end]
    # a clause that goes on after a full stop or semicolon is not part of the list
    stop = re.search(r"[;.:]\s", chunk + " ")
    if stop:
        chunk = chunk[: stop.start()]
        end = stop.start()
    names = _join_bare(split_units(chunk))
    names = [n for n in names if looks_like_unit(n) or n[:1].isupper()]
    keep: list[str] = []
    for n in names:
        if not looks_like_unit(n) and not keep:
            break
        keep.append(n.rstrip(" ,"))
    return keep, end


# Words that complete a group rather than name a unit: "các sở, ban, ngành, địa phương".
_BARE = frozenset(
    [
        "ban",
        "ngành",
        "sở",
        "địa phương",
        "đơn vị",
        "cơ quan",
        "thành phố",
        "thị xã",
        "huyện",
        "xã",
        "phường",
        "thị trấn",
        "đoàn thể",
        "tổ chức",
        "tổ chức đảng",
        "hội",
        "doanh nghiệp",
        "trường",
        "phòng",
    ]
)


def _join_bare(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if out and all(w.strip(" .") in _BARE for w in n.lower().split(",")):
            out[-1] = f"{out[-1]}, {n}"
        else:
            out.append(n)
    return out


def heading_unit(text: str) -> str | None:
    """The unit a heading names ("Ban Tổ chức Tỉnh ủy", "Các sở, ban, ngành:"), if it does."""
    t = re.sub(r"\*+", "", clean(text))
    t = _PAREN.sub("", t).strip()
    t = _HEAD_PREFIX.sub("", t)
    head, colon, after = t.partition(":")
    if colon and len(after.split()) > 2:
        return None  # "Sở Tài chính: Tham mưu …" is a task with its unit, not a heading
    t = _HEAD_SUFFIX.sub("", t).strip(" .:;,")
    if not t or len(t.split()) > 35 or not looks_like_unit(t):
        return None
    folded = _lowered(t)
    for s, _e in _words(t)[1:]:
        if _verb_at(t, folded, s) and fold(t[s:]).split()[0] not in ("va", "cung", "tai", "trong"):
            return None
    return t


def roles_in(text: str) -> Roles:
    """The lead and coordinators a task's own text states."""
    roles = Roles()
    plain = re.sub(r"\*+", "", text)
    _labels(plain, roles)
    if roles.lead is None:
        _parentheses(plain, roles)
    if roles.lead is None:
        _subject(plain, roles)
    for m in _COORD_WITH.finditer(plain):
        names, _end = unit_list(plain[m.end() :])
        _add(roles.coordinators, names)
    for m in _CO_WITH.finditer(plain):
        names, _end = unit_list(plain[m.end() :])
        _add(roles.coordinators, names)
    _trailing_coordinators(plain, roles)
    # "phối hợp với các cơ quan liên quan": a general mention, no unit to coordinate with
    roles.coordinators = [c for c in roles.coordinators if not is_generic_mention(c)]
    if roles.lead:
        roles.coordinators = [c for c in roles.coordinators if fold(c) != fold(roles.lead)]
    return roles


def _add(target: list[str], names: list[str]) -> None:
    seen = {fold(n) for n in target}
    for n in names:
        if fold(n) not in seen:
            target.append(n)
            seen.add(fold(n))


# "Cơ quan chủ trì, phối hợp: X chủ trì, phối hợp với Y" or "…: X; Y, Z"
_UNITS_LABEL = re.compile(
    r"(?:^|[;(.]\s*|\n)(?:(?:cơ\s+quan|đơn\s+vị|bộ\s+phận)\s+)?chủ\s+trì\s*(?:,|và)\s*phối\s+hợp"
    r"(?:\s+thực\s+hiện)?\s*:\s*(?P<v>[^\n]+)",
    re.IGNORECASE,
)


def _labels(text: str, roles: Roles) -> None:
    m = _UNITS_LABEL.search(text)
    if m:
        value = m["v"].strip(" .;")
        if re.search(r"chủ\s+trì|phối\s+hợp", value, re.IGNORECASE):
            sub = roles_in(value)
            roles.lead, roles.coordinators = sub.lead, list(sub.coordinators)
        else:
            names = split_units(value)
            roles.lead, roles.coordinators = (names[0], names[1:]) if names else (None, [])
        roles.explicit = roles.lead is not None
        text = text[: m.start()] + "\n" + text[m.end() :]
    for key, rx in _LABEL_RE.items():
        for m in rx.finditer(text):
            names = [n for n in split_units(m["v"].strip(" .")) if n]
            if not names:
                continue
            if key == "lead":
                # "Đơn vị thực hiện: X chủ trì, phối hợp với Y": the lead is X
                value = _LABEL_TAIL.split(m["v"], maxsplit=1)[0]
                roles.lead = roles.lead or clean(value).strip(" .,")
                roles.explicit = True
            elif key == "coordinators":
                _add(roles.coordinators, names)
            else:
                _add(roles.following, names)


def _parentheses(text: str, roles: Roles) -> None:
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        given = _GIVE.match(inner.strip())
        if given:
            # "(Giao Công an tỉnh tham mưu)": names who does it, whoever the sentence names
            names, _end = unit_list(inner.strip()[given.end() :])
            if names and looks_like_unit(names[0]):
                roles.lead = names[0] if len(names) == 1 else ", ".join(names)
                roles.explicit = True
                return
        if not re.search(r"chủ\s+trì", inner, re.IGNORECASE):
            continue
        sub = split_subject(inner)
        if sub and fold(inner[sub[1] :]).startswith("chu tri"):
            roles.lead = sub[0]
            roles.explicit = True
            return


def _subject(text: str, roles: Roles) -> None:
    """ "Giao X chủ trì …", "X chủ trì, phối hợp …" or "X <verb> …" at a clause start."""
    first = True
    pending = ""  # "Các sở, ban, ngành;" before "UBND các huyện … căn cứ …": one subject
    for part in _CLAUSE_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        opening, first = first, False
        group = pending
        pending = ""
        if _LEAD_IN.match(part):
            # "Căn cứ Kết luận …, các đảng đoàn, ban cán sự đảng … cụ thể hóa …"
            for m in re.finditer(r",\s+", part):
                rest = part[m.end() :]
                if looks_like_unit(rest) and split_subject(rest):
                    part = rest
                    break
        given = _GIVE.match(part)
        body = part[given.end() :] if given else part
        sub = split_subject(body)
        if not sub:
            if given:
                names, _e = unit_list(body)
                if names:
                    roles.lead = names[0] if len(names) == 1 else ", ".join(names)
                    roles.explicit = True
                    return
            if (opening or group) and part.endswith(";") and _only_units(part[:-1]):
                pending = f"{group}; {part[:-1]}" if group else part[:-1]
            continue
        subject, at = sub
        predicate = fold(body[at:])
        if predicate.startswith("phoi hop") and not opening and not given:
            continue  # "…; Sở Tài chính phối hợp": a coordinator, handled below
        roles.lead = f"{group}; {subject}" if group and not given else subject
        # a sentence that opens with its own unit ("Ủy ban nhân dân các phường báo cáo …")
        # names who does it, even under a heading that names another unit
        own = opening and not group and not is_generic_mention(subject)
        # (the unit's own people — "Người đứng đầu …", "Lãnh đạo …" — do not count)
        own = own and not fold(subject).startswith(_NOT_OWN)
        roles.explicit = (
            bool(given)
            or predicate.startswith(("chu tri", "co trach nhiem", "chiu trach nhiem"))
            or own
        )
        return


_NOT_OWN = (
    "moi ",
    "tung ",
    "cac ",
    "nguoi dung dau",
    "lanh dao",
    "bi thu",
    "chu tich",
    "thu truong",
    "giam doc",
    "dong chi",
    "can bo",
)


def _only_units(text: str) -> bool:
    """Does `text` name units and nothing else ("Các sở, ban, ngành")?"""
    if not looks_like_unit(text) or len(text.split()) > 20:
        return False
    names, end = unit_list(text)
    return bool(names) and end >= len(text.rstrip(" ,"))


_TRAILING_COORD = re.compile(
    r"(?:^|[;.,]\s+)(?P<who>[^;.()]{3,200}?)\s+phối\s+hợp\s*(?:thực\s+hiện)?\s*[;.)]?\s*$",
    re.IGNORECASE,
)


def _trailing_coordinators(text: str, roles: Roles) -> None:
    """ "…; Sở Tài chính, Sở Nội vụ phối hợp." at the end of a clause or parenthesis."""
    for piece in [text, *(m.group(1) for m in _PAREN.finditer(text))]:
        for clause in re.split(r"[;.]\s+", piece):
            m = _TRAILING_COORD.search(clause.strip())
            if m and looks_like_unit(m["who"].strip()):
                _add(roles.coordinators, [n for n in split_units(m["who"]) if n])

"""Task-table columns, declared once with their Vietnamese synonyms, and header detection.

Offices name the same column many ways ("Cơ quan chủ trì", "Đơn vị chủ trì", "Chủ trì"),
over one or two header rows. Labels are compared accent- and case-insensitively: an exact
synonym beats a label that starts with one, which beats a label that merely contains one;
among equals the longer synonym wins ("Kết quả thực hiện" is progress, "Kết quả" product).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from app.core.text import fold, to_unicode

# role -> synonyms (written naturally; folded once at import time).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("STT", "TT", "Số TT", "Số thứ tự", "Thứ tự", "Số", "Mục"),
    "text": (
        "Nội dung",
        "Nội dung nhiệm vụ",
        "Nhiệm vụ",
        "Tên nhiệm vụ",
        "Công việc",
        "Nội dung công việc",
        "Tên công việc",
        "Nhiệm vụ, giải pháp",
        "Nội dung thực hiện",
        "Nội dung công tác",
        "Nội dung chủ yếu",
        "Nội dung hoạt động",
        "Hoạt động",
        "Tên đề án",
        "Đề án",
        "Tên đề án, nhiệm vụ",
        "Nhiệm vụ cụ thể",
        "Các nhiệm vụ",
        "Nội dung triển khai",
        "Nội dung công việc cần thực hiện",
        "Việc cần làm",
    ),
    "lead": (
        "Cơ quan chủ trì",
        "Đơn vị chủ trì",
        "Chủ trì",
        "Đơn vị thực hiện",
        "Cơ quan thực hiện",
        "Bộ phận thực hiện",
        "Cơ quan, đơn vị chủ trì",
        "Cơ quan, đơn vị thực hiện",
        "Cơ quan tham mưu",
        "Đơn vị tham mưu",
        "Cơ quan chủ trì tham mưu",
        "Người thực hiện",
        "Cán bộ thực hiện",
        "Người chủ trì",
        "Đơn vị",
        "Cơ quan",
        "Cơ quan, đơn vị",
        "Đơn vị phụ trách",
        "Phụ trách",
        "Trách nhiệm thực hiện",
        "Đơn vị chịu trách nhiệm",
    ),
    "coordinators": (
        "Cơ quan phối hợp",
        "Đơn vị phối hợp",
        "Phối hợp",
        "Cơ quan, đơn vị phối hợp",
        "Phối hợp thực hiện",
        "Đơn vị phối hợp thực hiện",
    ),
    "units": ("Chủ trì, phối hợp", "Cơ quan chủ trì, phối hợp", "Đơn vị chủ trì, phối hợp"),
    "following": (
        "Cơ quan theo dõi",
        "Đơn vị theo dõi",
        "Theo dõi",
        "Theo dõi, đôn đốc",
        "Lãnh đạo phụ trách",
        "Lãnh đạo chỉ đạo",
        "Chuyên viên theo dõi",
        "Cán bộ theo dõi",
        "Người theo dõi",
    ),
    "deadline": (
        "Thời gian",
        "Thời hạn",
        "Thời gian hoàn thành",
        "Thời gian thực hiện",
        "Tiến độ",
        "Tiến độ thực hiện",
        "Tiến độ hoàn thành",
        "Thời hạn hoàn thành",
        "Thời hạn thực hiện",
        "Thời gian dự kiến",
        "Dự kiến thời gian hoàn thành",
        "Thời điểm hoàn thành",
        "Thời điểm",
        "Mốc thời gian",
        "Hạn hoàn thành",
        "Hạn",
        "Hạn xử lý",
        "Thời gian trình",
        "Thời gian ban hành",
        "Thời gian tổ chức",
        "Thời gian, tiến độ",
    ),
    "due": (
        "Hạn chót",
        "Ngày đến hạn",
        "Hạn (ngày)",
        "Ngày hết hạn",
        "Hạn cuối",
        "Kết thúc",
        "Ngày kết thúc",
        "Thời gian kết thúc",
    ),
    "start": ("Ngày bắt đầu", "Thời gian bắt đầu", "Bắt đầu", "Từ ngày"),
    "done_on": ("Ngày hoàn thành", "Ngày thực hiện xong", "Thời gian đã hoàn thành"),
    "status": (
        "Trạng thái",
        "Tình trạng",
        "Đánh giá",
        "Kết quả đánh giá",
        "Mức độ hoàn thành",
        "Đã hoàn thành",
        "Hoàn thành",
        "Tình trạng thực hiện",
    ),
    "progress": (
        "Tình hình thực hiện",
        "Kết quả thực hiện",
        "Tiến độ triển khai",
        "Kết quả đạt được",
        "Báo cáo kết quả",
        "Tình hình, kết quả thực hiện",
        "Kết quả triển khai",
    ),
    "product": (
        "Sản phẩm",
        "Kết quả",
        "Sản phẩm đầu ra",
        "Sản phẩm dự kiến",
        "Dự kiến sản phẩm",
        "Hình thức sản phẩm",
        "Hình thức văn bản",
        "Kết quả, sản phẩm",
        "Sản phẩm, kết quả",
        "Hình thức",
    ),
    "note": ("Ghi chú", "Chú thích", "Ghi chú khác"),
    "plan": ("Kế hoạch", "Văn bản", "Văn bản giao", "Căn cứ"),
}

# Roles that make a header a task header besides the text column.
_SUPPORT = frozenset(
    {"lead", "coordinators", "units", "deadline", "due", "status", "progress", "product", "number"}
)

# Labels that look like a role but are not ("Đơn vị tính" is a unit of measure).
_NOT_ROLES = frozenset({"don vi tinh", "dvt", "so luong", "kinh phi", "du toan"})
_COUNTS = ("so ", "tong so", "ty le", "tong ")
_PARENS = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def label_key(value: object) -> str:
    """Folded header label: no accents, case, brackets, punctuation or line breaks."""
    if value is None:
        return ""
    text = to_unicode(str(value))
    text = _PARENS.sub(" ", text).replace("*", " ")
    return _NON_WORD.sub(" ", fold(text)).strip()


_SYNONYM_KEYS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        ((label_key(s), role) for role, names in COLUMN_SYNONYMS.items() for s in names),
        key=lambda kr: -len(kr[0]),
    )
)
_EXACT: dict[str, str] = {}
for _key, _role in _SYNONYM_KEYS:
    _EXACT.setdefault(_key, _role)


def match_label(value: object) -> tuple[str, int] | None:
    """(role, strength) of one header label, or None. Strength orders competing columns."""
    if isinstance(value, str) and "%" in value:
        key = label_key(value)
        return ("progress", 2000) if key and len(key) <= 40 else None
    return _match_key(label_key(value))


@lru_cache(maxsize=4096)
def _match_key(key: str) -> tuple[str, int] | None:
    if not key or len(key) > 80 or key in _NOT_ROLES:
        return None
    if key.replace(" ", "") in ("stt", "tt"):
        key = key.replace(" ", "")  # "ST" / "T" wrapped in a narrow column of a PDF
    if key in _EXACT:
        return _EXACT[key], 3000 + len(key)
    if key.startswith(_COUNTS):
        return None  # "Số nhiệm vụ", "Tổng số": counts in a summary table
    padded = f" {key} "
    has_lead = " chu tri " in padded
    has_coord = " phoi hop " in padded
    if has_lead and has_coord:
        return "units", 2500
    best: tuple[str, int] | None = None
    for syn, role in _SYNONYM_KEYS:
        if len(syn) < 4 and syn not in ("tt", "stt", "han"):
            continue
        if key.startswith(syn + " "):
            strength = 2000 + len(syn)
        elif f" {syn} " in padded:
            strength = 1000 + len(syn)
        else:
            continue
        if best is None or strength > best[1]:
            best = (role, strength)
    return best


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """Where the header is and which column holds what (0-based indexes)."""

    row: int  # first header row
    height: int  # 1 or 2 header rows
    columns: dict[str, int]  # role -> column index
    labels: tuple[str, ...]  # the header label of every column, as written
    strengths: dict[str, int] = field(default_factory=dict)

    @property
    def data_start(self) -> int:
        return self.row + self.height

    def found(self) -> list[str]:
        return [lab for lab in self.labels if lab]


def _cell_str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(to_unicode(str(value)).split())


def _assign(
    labels: Sequence[str], hidden: Collection[int]
) -> tuple[dict[str, int], dict[str, int]]:
    """Give each role its strongest column (left-most among equals)."""
    columns: dict[str, int] = {}
    strengths: dict[str, int] = {}
    for col, lab in enumerate(labels):
        if col in hidden or not lab:
            continue
        m = match_label(lab)
        if m is None:
            continue
        role, strength = m
        if role not in columns or strength > strengths[role]:
            columns[role] = col
            strengths[role] = strength
    # Two "status-like" columns: "Tình hình thực hiện" next to "Trạng thái" is progress.
    return columns, strengths


def _is_task_header(columns: dict[str, int]) -> bool:
    return "text" in columns and any(r in columns for r in _SUPPORT)


def _labels_one(rows: Sequence[Sequence[object]], r: int, width: int) -> list[str]:
    row = rows[r] if r < len(rows) else ()
    return [_cell_str(row[c]) if c < len(row) else "" for c in range(width)]


def _labels_two(upper: list[str], lower: list[str]) -> list[str]:
    """Combine a two-row header: a sub-label is read together with the label above it."""
    out = []
    carry = ""  # a group label written once above several sub-labels (no merge info)
    for top, sub in zip(upper, lower):
        if not top and sub and carry:
            top = carry
        carry = top if sub else ""
        if not sub or sub == top:
            out.append(top)
        elif not top:
            out.append(sub)
        else:
            # "Cơ quan thực hiện" over "Chủ trì": the sub-label decides unless only the
            # combination means something ("Thời gian" over "Hoàn thành").
            sub_m, both_m = match_label(sub), match_label(f"{top} {sub}")
            exact_both = both_m is not None and both_m[1] >= 3000
            if sub_m and both_m is not None and exact_both and both_m[1] > sub_m[1]:
                out.append(f"{top} {sub}")  # "Thời gian" + "Hoàn thành": a deadline
            elif sub_m and (not both_m or sub_m[1] >= both_m[1] - 1000):
                out.append(sub)
            elif both_m:
                out.append(f"{top} {sub}")
            else:
                out.append(sub)
    return out


def detect_header(
    rows: Sequence[Sequence[object]],
    max_scan: int = 30,
    *,
    hidden: Collection[int] = (),
    only_row: int | None = None,
) -> HeaderMatch | None:
    """Find the task header in the first `max_scan` rows (or exactly at 0-based `only_row`).

    `rows` should already have merged header cells spread over their span (see
    `tables.spread_merged`) so that a merged "Cơ quan thực hiện" sits above both
    "Chủ trì" and "Phối hợp".
    """
    width = max((len(r) for r in rows[: max_scan + 2]), default=0)
    candidates = [only_row] if only_row is not None else range(min(max_scan, len(rows)))
    best: tuple[tuple[int, int, int, int], HeaderMatch] | None = None
    for r in candidates:
        if r < 0 or r >= len(rows):
            continue
        one = _labels_one(rows, r, width)
        if sum(1 for x in one if x) < 2:
            continue
        options = [(1, one)]
        if r + 1 < len(rows):
            lower = _labels_one(rows, r + 1, width)
            both = _labels_two(one, lower)
            # Two rows only when the upper row is header too and reading both rows
            # together says something the lower row alone does not.
            if both != lower and _assign(one, hidden)[0]:
                options.append((2, both))
        for height, labels in options:
            columns, strengths = _assign(labels, hidden)
            if not _is_task_header(columns):
                continue
            # More roles, then stronger names ("Thời gian hoàn thành" over "Hoàn thành"),
            # then the earlier row, then fewer header rows.
            score = (len(columns), sum(strengths.values()), -r, -height)
            if best is None or score > best[0]:
                best = (score, HeaderMatch(r, height, columns, tuple(labels), strengths))
    return best[1] if best else None


def headers_seen(rows: Sequence[Sequence[object]], max_scan: int = 30) -> list[str]:
    """The labels of the most header-like row: shown when no task header is found."""
    width = max((len(r) for r in rows[:max_scan]), default=0)
    best: list[str] = []
    for r in range(min(max_scan, len(rows))):
        labels = [x for x in _labels_one(rows, r, width) if x and len(x) <= 60]
        # Not the "(1) (2) (3)" numbering row under a header.
        texts = [x for x in labels if not x.strip("().").replace(".", "").isdigit()]
        if len(texts) > len(best):
            best = texts
    return best

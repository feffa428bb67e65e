"""From the lines a reader gives to the paragraphs of a plan.

PDF text and text copied out of a PDF break paragraphs into lines, put page numbers and
running headers between them and split codes like "33-KH/TU" at a line end. Word files
and most .txt files give whole paragraphs. Everything after this module sees paragraphs
only, whatever the file format was.

Inline italics travel inside the text as `*…*` (the markdown the seeds use), so a
deadline written in italics is recognisable whatever the reader was.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from app.core.text import clean, fold
from app.errors import ImportLimitError
from app.importers.safety.grids import n_vi


@dataclass(slots=True)
class Line:
    """One line (PDF, text) or one paragraph (Word) as a reader found it."""

    text: str
    where: str = ""  # "dòng 12", "trang 3", "đoạn 40": for messages and task sources
    bold: bool = False  # the whole line is bold
    full: bool | None = None  # reaches the right margin, so its paragraph goes on
    indent: bool | None = None  # starts right of the body margin (first-line indent)
    centered: bool = False
    page: int = 0
    is_paragraph: bool = False  # the reader knows this is a whole paragraph (Word)
    rows: list[list[str]] | None = None  # a table instead of text


@dataclass(slots=True)
class Para:
    """A paragraph of the plan, or a table (`rows`)."""

    text: str
    where: str = ""
    bold: bool = False
    centered: bool = False
    rows: list[list[str]] | None = None
    lines: int = 1
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_table(self) -> bool:
        return self.rows is not None


def fold_chars(s: str) -> str:
    """Accent-free lower case with one character per character of `s` (indices line up)."""
    out = []
    for ch in s:
        if ch in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_OLD_TONES_RE = re.compile("|".join(_OLD_TONES))


def modern_tones(text: str) -> str:
    """Write tone marks the newer way ("hoá" -> "hóa", "uỷ" -> "ủy"); length is kept."""
    return _OLD_TONES_RE.sub(lambda m: _OLD_TONES[m.group(0)], text)


# ---------------------------------------------------------------------- list markers

ROMAN_RE = re.compile(r"^(?P<num>[IVXL]{1,6})\s*[.):/\-–]\s*(?P<rest>[^\W\d_].*)$")
PART_RE = re.compile(
    r"^(?P<num>(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:THỨ\s+\w+|thứ\s+\w+|[IVX]+|\d+))\b[.:\-–\s]*(?P<rest>.*)$"
)
# "Điều 2. Giao Sở …" (an article of a decision), "Bước 1. Rà soát …" (a step); the text
# may follow on the next line ("Điều 1." / "Ban hành kèm theo …") or be glued ("Điều 1.Ban")
ARTICLE_RE = re.compile(r"^(?P<word>Điều|Bước)\s+(?P<num>\d{1,2})\s*[.:\-–)]?\s*(?P<rest>.*)$")
CAP_LETTER_RE = re.compile(r"^(?P<num>[A-DĐ])\s*[.)]\s+(?P<rest>.+)$")
# "1.", "1)", and the older "1/ ", "1- " (a space after them: "21-KL/TW" is a code)
ARABIC_RE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})(?:\.?\s+|\s*[/\-]\s+)(?P<rest>\S.*)$")
ARABIC1_RE = re.compile(r"^(?P<num>\d{1,2})(?:\s*[.)]\s*|\s*[/\-]\s+)(?P<rest>[^\d\s/].*)$")
LETTER_RE = re.compile(
    r"^(?P<num>[a-zđ])\s*[)]\s*(?P<rest>\S.*)$|^(?P<num2>[a-zđ])(?:\.|\s*/)\s+(?P<rest2>\S.*)$"
)
BULLET_RE = re.compile(r"^(?P<num>[-–—+•●▪◦○·∙■□✓➢➤►❖◆♦]|\*(?=\s))\s*(?P<rest>\S.*)$")
_BULLET_STYLE = {"–": "-", "—": "-", "●": "•", "▪": "•", "◦": "•", "○": "•", "·": "•", "∙": "•"}


@dataclass(frozen=True, slots=True)
class Marker:
    style: str  # "roman", "part", "cap", "article", "step", "n1", "n2", "letter", or a bullet
    label: str  # as written, without punctuation: "III", "2.1", "a", "-"
    rest: str  # the text after the marker


def marker_of(text: str) -> Marker | None:
    """The list marker a paragraph starts with, if any."""
    s = text.lstrip()
    m = ROMAN_RE.match(s)
    if m and _upper_start(m["rest"]) and _valid_roman(m["num"]):
        return Marker("roman", m["num"], m["rest"].strip())
    m = PART_RE.match(s)
    if m:
        return Marker("part", m["num"], m["rest"].strip())
    m = ARTICLE_RE.match(s)
    if m and (not m["rest"] or _upper_start(m["rest"])):
        style = "article" if m["word"] == "Điều" else "step"
        return Marker(style, f"{m['word']} {m['num']}", m["rest"].strip())
    m = CAP_LETTER_RE.match(s)
    if m and _is_caps(m["rest"]):
        return Marker("cap", m["num"], m["rest"].strip())
    m = ARABIC_RE.match(s)
    if m and _upper_start(m["rest"]):
        depth = m["num"].count(".") + 1
        return Marker(f"n{depth}", m["num"], m["rest"].strip())
    m = ARABIC1_RE.match(s)
    if m and (_upper_start(m["rest"]) or m["rest"][:1] in '(“"*'):
        return Marker("n1", m["num"], m["rest"].strip())
    m = LETTER_RE.match(s)
    if m:
        num = m["num"] or m["num2"]
        rest = (m["rest"] if m["num"] else m["rest2"]).strip()
        if _upper_start(rest) or rest[:1] in '(“"*':
            return Marker("letter", num, rest)
    m = BULLET_RE.match(s)
    if m:
        ch = m["num"]
        return Marker(_BULLET_STYLE.get(ch, ch), ch, m["rest"].strip())
    return None


def _valid_roman(s: str) -> bool:
    return (
        re.fullmatch(r"X{0,3}(IX|IV|V?I{0,3})|L?X{0,3}(IX|IV|V?I{0,3})", s) is not None and s != ""
    )


def _upper_start(s: str) -> bool:
    s = s.lstrip("*“\"'(")
    return bool(s) and (s[0].isupper() or s[0].isdigit())


def _is_caps(s: str) -> bool:
    """Mostly capitals (at least 85 % of the letters); stops early on ordinary text."""
    upper = lower = 0
    for c in s:
        if c.isalpha():
            if c.isupper():
                upper += 1
            else:
                lower += 1
                if lower > 3 and lower > 0.15 * (upper + lower):
                    return False
    total = upper + lower
    return total >= 3 and upper >= 0.85 * total


_ROMAN_WORD = re.compile(r"(?<![^\W\d_])[IVXL]+(?![^\W\d_])")


def is_caps_line(s: str) -> bool:
    """A line written in capitals: a heading, or part of the header or title.

    Roman numerals do not count as capitals: "III/2024)." ending a wrapped "(quý" line is
    the rest of a sentence, not a heading."""
    return _is_caps(_ROMAN_WORD.sub("", re.sub(r"^\s*[IVXL]+\s*[.)\-–]\s*", "", s)))


def mark_italics(pieces: list[tuple[str, bool]]) -> str:
    """Join text pieces, wrapping each stretch of italic pieces in `*…*`."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        text, italic = pieces[i]
        if not italic:
            out.append(text)
            i += 1
            continue
        group = []
        while i < len(pieces) and pieces[i][1]:
            group.append(pieces[i][0])
            i += 1
        joined = "".join(group)
        core = joined.strip()
        if not core:
            out.append(joined)
            continue
        # brackets and punctuation stay outside the marks: "(*quý II/2023*);"
        inner = core.lstrip("(“\"'[").rstrip(");.,:”\"']")
        if not inner:
            out.append(joined)
            continue
        start = joined.index(inner)
        end = start + len(inner)
        out.append(f"{joined[:start]}*{inner}*{joined[end:]}")
    return "".join(out)


# ---------------------------------------------------------------------- artefacts

_PAGE_NO = re.compile(
    r"^[\s\-–—_.]*(?:(?:trang|page)\s*)?\d{1,3}(?:\s*(?:/|trên|of)\s*\d{1,3})?[\s\-–—_.]*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NO.match(text)) and not re.match(r"^\s*\d{1,2}\.\s*$", text)


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove page numbers and lines repeated at the top or bottom of many pages."""
    if len(pages) < 2:
        return pages

    def key(ln: Line) -> str:
        return _DIGITS.sub("#", fold(ln.text))

    counts: Counter[str] = Counter()
    for lines in pages:
        edge = [ln for ln in lines[:3] + lines[-3:] if ln.rows is None]
        for k in {key(ln) for ln in edge}:
            counts[k] += 1
    threshold = max(3, (len(pages) + 1) // 2) if len(pages) >= 3 else len(pages)
    # a running header usually starts on page 2: on every page but one, a line long
    # enough not to be the tail of a wrapped sentence ("Kế hoạch số 56/KH-UBND ngày …")
    long_threshold = max(2, len(pages) - 1)
    out: list[list[Line]] = []
    for lines in pages:
        kept: list[Line] = []
        last = len(lines) - 3
        for i, ln in enumerate(lines):
            if ln.rows is None:
                if is_page_number(ln.text):
                    continue
                if (
                    (i < 3 or i >= last)
                    and marker_of(ln.text) is None
                    and (
                        counts[key(ln)] >= threshold
                        or (counts[key(ln)] >= long_threshold and len(ln.text.split()) >= 4)
                    )
                ):
                    continue
            kept.append(ln)
        out.append(kept)
    return out


# ---------------------------------------------------------------------- joining

_TERMINAL = re.compile(r"[.;:!?…]\**[\"”’)\]]*\**$|\./\.$")


def starts_lower(text: str) -> bool:
    """Starts with a lower-case letter, after any opening quote, bracket or italic mark."""
    s = text.lstrip("*\"“'‘([ ")
    return bool(s) and s[0].islower()


# words a wrapped line often ends with: the sentence surely goes on
_CONNECTORS = frozenset(
    [
        "của",
        "và",
        "các",
        "về",
        "với",
        "theo",
        "tại",
        "trong",
        "ngày",
        "số",
        "cho",
        "để",
        "đến",
        "từ",
        "là",
        "được",
        "có",
        "những",
        "năm",
        "tháng",
        "quý",
        "đối",
        "hoặc",
        "như",
        "nhằm",
        "gắn",
        "bảo",
        "đảm",
        "thực",
        "hiện",
        "giữa",
        "sau",
        "trước",
        "khi",
        "bằng",
        "do",
        "vào",
        "ra",
    ]
)
_SOFT_HYPHEN = "\u00ad"
_ASCII_WORD_END = re.compile(r"(?<![A-Za-z])[a-z]{2,}-$")


def _ends_terminal(text: str) -> bool:
    return bool(_TERMINAL.search(text[-80:].rstrip()))


def join_wrapped(prev: str, nxt: str) -> str:
    """Join two lines of one paragraph, undoing a line-end hyphen or soft hyphen."""
    prev = prev.rstrip()
    nxt = nxt.lstrip()
    if prev.endswith(_SOFT_HYPHEN):
        return prev[:-1] + nxt
    if prev.endswith("-") and not prev.endswith(" -") and nxt[:1].isalnum():
        if _ASCII_WORD_END.search(prev[-80:]) and re.match(r"[a-z]{2,}\b", nxt):
            return prev[:-1] + nxt  # a hyphenated (foreign) word: "imple-" + "mentation"
        return prev + nxt  # a code or compound split after its hyphen: "33-" + "KH/TU"
    if re.search(r"\d[/.]\d{1,3}$", prev[-8:]) and re.match(r"\d{1,3}\b", nxt):
        return prev + nxt  # a date cut inside its year: "30/11/20" + "24"
    if prev.endswith("/") and nxt[:1].isalnum():
        return prev + nxt  # "21-KL/" + "TW"
    if prev.endswith("*") and nxt.startswith("*") and not nxt.startswith("* "):
        return join_wrapped(prev[:-1], nxt[1:])  # one italic run over two lines
    return f"{prev} {nxt}"


def _median_width(lines: list[Line]) -> float:
    widths = [len(ln.text) for ln in lines if ln.rows is None and len(ln.text) > 20]
    return statistics.median(widths) if widths else 0.0


def _whole_paragraphs(lines: list[Line]) -> bool:
    """Is every line a whole paragraph (text copied from Word or a web page)?

    Lines wrapped by a PDF mostly end in the middle of a sentence; paragraphs end with a
    full stop, a semicolon or a colon. Counted on the long lines only (headings are short).
    """
    long = [clean(ln.text) for ln in lines if len(ln.text) > 60]
    if len(long) < 5:
        return False
    ended = sum(1 for t in long if _ends_terminal(t) or t.endswith(("./.", ")")))
    return ended >= 0.8 * len(long)


class _Open:
    """The paragraph being joined, kept as its finished part and its last `_WINDOW`
    characters: every decision looks only at its end, so joining stays linear however
    long the paragraph grows (a damaged file can make it megabytes)."""

    __slots__ = ("done", "length", "para", "tail", "unclosed")

    def __init__(self, para: Para) -> None:
        self.para = para
        self.done: list[str] = []
        self.tail = para.text
        self.unclosed = 0  # "(" minus ")" in the finished part
        self.length = len(para.text)  # characters in `done`, then the tail's

    def join(self, text: str, max_chars: int | None) -> None:
        before = len(self.tail)
        self.tail = join_wrapped(self.tail, text)
        self.length += len(self.tail) - before
        if max_chars is not None and self.length > max_chars:
            raise too_long(self.para.where, max_chars)
        if len(self.tail) > 2 * _WINDOW:
            cut = len(self.tail) - _WINDOW
            head = self.tail[:cut]
            self.done.append(head)
            self.unclosed += head.count("(") - head.count(")")
            self.tail = self.tail[cut:]

    def brackets_open(self) -> bool:
        return self.unclosed + self.tail.count("(") - self.tail.count(")") > 0

    def close(self) -> None:
        self.para.text = "".join(self.done) + self.tail if self.done else self.tail


_WINDOW = 512


def join_lines(lines: list[Line], max_chars: int | None = None) -> list[Para]:
    """Rebuild paragraphs from lines; Word paragraphs and tables pass through.

    A paragraph growing past `max_chars` is refused as soon as it does (ImportLimitError)."""
    text_lines = [ln for ln in lines if ln.rows is None and not ln.is_paragraph]
    paragraph_mode = _median_width(text_lines) > 160 or _whole_paragraphs(text_lines)
    full_width = 0.0
    if not paragraph_mode:
        widths = sorted(len(ln.text) for ln in text_lines if len(ln.text) > 20)
        if widths:
            full_width = widths[int(0.8 * (len(widths) - 1))]
    if max_chars is not None:
        check_paragraphs(lines, max_chars)
    out: list[Para] = []
    prev: Line | None = None
    cur: _Open | None = None  # the last paragraph of `out`, while lines may join it

    def start(para: Para, joinable: bool) -> None:
        nonlocal cur
        if cur is not None:
            cur.close()
        out.append(para)
        cur = _Open(para) if joinable else None

    for ln in lines:
        if ln.rows is not None:
            start(Para("", ln.where, rows=ln.rows), False)
            prev = None
            continue
        text = clean(ln.text)
        if not text or (not ln.is_paragraph and is_page_number(text)):
            continue
        if ln.is_paragraph:
            start(Para(text, ln.where, bold=ln.bold, centered=ln.centered), False)
            prev = None
            continue
        if prev is not None and cur is not None:
            full = prev.full
            if full is None and not paragraph_mode and full_width:
                full = len(clean(prev.text)) >= 0.75 * full_width
            if _continues(cur, prev, full, ln, text):
                cur.join(text, max_chars)
                last = cur.para
                last.lines += 1
                last.bold = last.bold and ln.bold
                prev = ln
                continue
        start(Para(text, ln.where, bold=ln.bold, centered=ln.centered), True)
        prev = ln
    if cur is not None:
        cur.close()
    return out


def check_paragraphs(items: list[Line] | list[Para], limit: int) -> None:
    """No paragraph (nor table cell) longer than `limit` characters: a longer one is a
    damaged or hostile file, refused before any deadline or unit is looked for."""
    for p in items:
        longest = max((len(c) for row in p.rows for c in row), default=0) if p.rows else 0
        if max(len(p.text), longest) > limit:
            raise too_long(p.where, limit)


def too_long(where: str, limit: int) -> ImportLimitError:
    """The refusal of a paragraph (or table cell) longer than `limit` characters."""
    return ImportLimitError(
        f"đoạn văn bắt đầu ở {where or 'đầu văn bản'} dài hơn {n_vi(limit)} ký tự (giới hạn "
        "độ dài ô trong Cài đặt); tệp hỏng hoặc không phải văn bản kế hoạch "
        "(paragraph too long)",
    )


def _continues(para: _Open, prev: Line, full: bool | None, ln: Line, text: str) -> bool:
    """Does `ln` go on with the paragraph that `prev` ended?"""
    before = para.tail
    prev_text = clean(prev.text)
    if is_page_number(text):
        return False
    caps_before = is_caps_line(prev_text)
    caps_now = is_caps_line(text)
    if prev_text.endswith(_SOFT_HYPHEN) or (
        prev_text.endswith("-") and not prev_text.endswith(" -")
    ):
        return True
    own = marker_of(before)
    if own is not None and not own.rest and own.style in ("article", "step"):
        return True  # "Điều 2." / "Giao Sở Lao động …": the label and its text
    lower = starts_lower(text) or text[:1].isdigit()
    mk = marker_of(text)
    if mk is not None:
        # "- xã hội" after "chính trị" is a broken line, not a bullet
        return (
            mk.style in ("-", "+")
            and not _ends_terminal(before)
            and starts_lower(mk.rest)
            and not caps_before
        )
    if para.brackets_open() and not _ends_terminal(before):
        return True  # inside a bracket: "(Kèm theo … của Ban Thường vụ" + "Thành ủy)"
    if caps_before != caps_now:
        # a heading ends where the body starts; a mixed line (title) goes on in lower case
        return caps_before and lower and len(text) > 0 and not _ends_terminal(before)
    if caps_before and caps_now:
        if _TITLE_START.match(text) and not _TITLE_START.match(before):
            return False  # "CHỦ TỊCH" / "KẾ HOẠCH": a title starts a block of its own
        return prev.centered == ln.centered and not _ends_terminal(before)
    if ln.indent and not lower:
        return False
    if lower:
        return True
    if _ends_terminal(before):
        if _INTRODUCES.search(before):
            return False  # "… như sau:" introduces what follows, it does not run into it
        return bool(full) and not ln.indent and not _sentence_opener(text, ln.indent)
    # no final stop: a wrapped line goes on; a short line (a heading) ends the paragraph
    if before.endswith((",", "-", "–")):
        return True
    last_word = before.rsplit(" ", 1)[-1].strip("*").lower()
    return bool(full) or last_word in _CONNECTORS


_INTRODUCES = re.compile(
    r"\b(?:như\s+sau|sau\s+đây|sau|gồm|bao\s+gồm|cụ\s+thể|kết\s+luận|ý\s+kiến)\s*:\**\s*$",
    re.IGNORECASE,
)
_TITLE_START = re.compile(
    r"^\**(?:KẾ\s+HOẠCH|CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|PHƯƠNG\s+ÁN|QUY\s+CHẾ|QUY\s+ĐỊNH|PHỤ\s+LỤC)\b"
)
_OPENERS = ("trong qua trinh", "noi nhan", "t/m", "tm.", "kt.", "k/t")


# "Thời gian hoàn tất: …", "Cơ quan chủ trì: …": an attribute line is a paragraph of its own
_LABEL_OPENER = re.compile(
    r"^\W*(?:thoi gian|thoi han|tien do|co quan|don vi|san pham|ket qua|chu tri|phoi hop)"
    r"[^:.;]{0,40}:"
)


def _sentence_opener(text: str, indent: bool | None = None) -> bool:
    """A line that starts a paragraph even after a full line; an attribute line does so
    unless it starts at the margin (a PDF line wrapped inside the sentence)."""
    f = fold(text)
    return f.startswith(_OPENERS) or (indent is not False and bool(_LABEL_OPENER.match(f)))


# "… thi hành./. Điều 3. Giao Văn phòng …": an article run into the line before it by a
# web copy or a bad text layer starts after a sentence end
_RUN_ON_ARTICLE = re.compile(r"(?:(?<=[.;:!?][\"”)*/])|(?<=[.;:!?]))\s+(?=\**Điều\s+\d+\s*\.\s)")


def split_run_on_articles(lines: list[Line]) -> list[Line]:
    """Each "Điều N." that follows a sentence end inside a line starts a line of its own."""
    out: list[Line] = []
    for ln in lines:
        if ln.rows is not None or "Điều" not in ln.text:
            out.append(ln)
            continue
        text = ln.text
        pieces: list[str] = []
        at = 0
        for m in _RUN_ON_ARTICLE.finditer(text):
            pieces.append(text[at : m.start()])
            at = m.end()
        pieces.append(text[at:])
        for k, piece in enumerate(pieces):
            if k > 0 and piece.startswith("*"):
                piece = piece[1:]
            if k + 1 < len(pieces) and piece.count("*") % 2:
                piece += "*"  # close the italics the split cut
            if k > 0 and pieces[k - 1].count("*") % 2:
                head = re.match(r"Điều\s+\d+\s*\.\s*", piece)
                piece = f"{piece[: head.end()]}*{piece[head.end() :]}" if head else piece
            out.append(replace(ln, text=piece) if len(pieces) > 1 else ln)
    return out

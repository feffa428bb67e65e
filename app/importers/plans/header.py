"""The header of a plan: issuer, number, place and date, title.

Vietnamese administrative documents share one layout (Nghị định 30/2020/NĐ-CP for state
bodies, the Party's own guidance for Party bodies): top left the parent body, the issuing
body and the number ("Số 127-KH/ĐUK", "Số: 45/KH-UBND"); top right the motto ("ĐẢNG CỘNG
SẢN VIỆT NAM" or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc") and
"Đà Lạt, ngày 31 tháng 3 năm 2022"; then the title in capitals ("KẾ HOẠCH") with its
subject. A PDF reader may put the left and right columns on one line, or drop the left
column altogether; every field is therefore searched for on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from app.core.text import clean, fold
from app.importers.model import ExtractedDocument
from app.importers.plans.kinds import is_basis
from app.importers.plans.lines import Line, fold_chars, is_caps_line, marker_of

HEADER_SCAN = 60  # the header and title are within the first lines of any plan

_TITLE_WORDS = (
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "CHỈ THỊ",
    "NGHỊ QUYẾT",
    "KẾT LUẬN",
    "HƯỚNG DẪN",
    "THÔNG BÁO",
    "QUYẾT ĐỊNH",
    "DANH MỤC",
)
_TITLE_RE = re.compile(r"^\**(?P<kind>" + "|".join(_TITLE_WORDS) + r")(?!\w)(?P<rest>.*)$")
# "Số: 45/KH-UBND", "Số 127-KH/ĐUK"; a bad text layer glues "Số:" to the cell before it
# ("TRUNG ƯƠNGSố: *367 - QĐ/…") and keeps the bold marks
_NUMBER_RE = re.compile(
    r"(?:(?<![^\W\d_])(?:Số|SỐ)|(?<=[^\W\d_])Số(?=\s*:))\s*[:.]?\s*\**\s*"
    r"(?P<num>\d*[A-Za-z]?\s*(?:[-/]\s*[^\W_]+\.?)+|\d+[A-Za-z]?)"
)
# A document-kind prefix glued to the issuer's abbreviation when the text layer lost the
# hyphen: "1961/QĐUBND" is "1961/QĐ-UBND" as a clerk enters it
_KIND_PREFIXES = ("CTr", "QĐ", "KH", "CV", "TB", "BC", "CT", "NQ", "KL", "HD", "HĐ")
_GLUED_KIND = re.compile(
    r"^(?P<head>\d+[A-Za-z]?/(?:\d{4}/)?)(?P<kind>" + "|".join(_KIND_PREFIXES) + r")"
    r"(?P<body>[A-ZĐ]{3,})$"
)
# Symbols are abbreviations: capitals without tone marks. A toned vowel in the last part
# is the next cell's name glued on ("…-VPĐOÀN TNCS HỒ CHÍ MINH"): the symbol ends before it.
_TONED = re.compile(r"[^\W\d_A-Za-zĐđ]")
_ONSETS = ("NGH", "CH", "GH", "GI", "KH", "NG", "NH", "PH", "QU", "TH", "TR")
_VOWELS = frozenset("AEIOUYaeiouy")
_NUMBER_LOWER_RE = re.compile(r"^số\s*[:.]?\s*(?P<num>\d+\s*(?:[-/]\s*[^\W_]+)+)", re.IGNORECASE)
_DATE_RE = re.compile(
    r"(?:(?P<place>[^\W\d_][^\d,;:()]{1,40}?)\s*,\s*)?ngày\s*(?P<d>\d{1,2}|[.…_ ]+)\s*"
    r"(?:tháng|/|-|\.)\s*(?P<m>\d{1,2})\s*(?:năm|/|-|\.)\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_PLACE_DATE_RE = re.compile(
    r"(?P<place>[^\W\d_][^\d,;:()]{1,40}?)\s*,\s*ngày\s*(?P<d>\d{1,2}|[.…_ ]+)\s*tháng\s*"
    r"(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
# the number of a cited document right before "ngày": "… số 57-NQ/TW, ngày 22/12/2024"
_CITED_BEFORE = re.compile(r"\d+\s*[-/]\s*[A-ZĐ][\w/Đđ.\-]*\s*,?\s*$|\bsố\s*$")
# a deadline, not a signing date: "hoàn thành trước ngày 10/12/2023"
_DEADLINE_BEFORE = re.compile(
    r"\b(?:trước|đến|hạn|chậm\s+nhất|từ|vào|trong|sau)\s*$", re.IGNORECASE
)
# "(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)": a portal's closing line naming the
# document it quotes
_CLOSING_CITATION = re.compile(
    r"\(\s*\**\s*(?:theo|trích)\s+(?:công\s+văn|văn\s+bản|quyết\s+định|kế\s+hoạch|"
    r"thông\s+báo|chỉ\s+thị|chương\s+trình)\s+số\s*:?\s*(?P<num>\d+[^\s,;()*]*)\s*,?\s*"
    r"(?P<date>ngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})\s*\**\s*\)",
    re.IGNORECASE,
)
_MOTTOS = (
    "dang cong san viet nam",
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap – tu do – hanh phuc",
    "doc lap tu do hanh phuc",
)
_SEPARATOR = re.compile(r"^[\s*\-–—_=~.·•]*$")
_OPENERS = (
    "thuc hien",
    "can cu",
    "trien khai",
    "de ",
    "nham ",
    "tren co so",
    "theo ",
    "qua ",
    "sau khi",
    "xet ",
    "tiep tuc",
    "thi hanh",
    "ngay ",
    "nham",
    "thuc hien",
)
_PLACE_WORDS = ("tinh ", "huyen ", "thanh pho ", "thi xa ", "quan ", "xa ", "phuong ", "khoi ")
_BARE_BODIES = (
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "ban chap hanh dang bo",
    "ban thuong vu",
    "dang bo",
    "dang uy",
    "ban can su dang",
    "dang doan",
    "bch doan tncs ho chi minh",
    "ban chap hanh doan tncs ho chi minh",
)
# The Youth Union's motto, top right where a Party document has "ĐẢNG CỘNG SẢN VIỆT NAM";
# only a line that is nothing else ("BCH ĐOÀN TNCS HỒ CHÍ MINH" is the issuer's parent)
_UNION_MOTTOS = ("doan tncs ho chi minh", "doan thanh nien cong san ho chi minh")
_BODY_WORDS = (
    "dang",
    "uy ban",
    "ubnd",
    "so ",
    "ban ",
    "huyen uy",
    "tinh uy",
    "thanh uy",
    "hoi dong",
    "bo ",
    "cuc ",
    "van phong",
    "truong",
    "cong an",
)
# A line of a name that cannot end there: "ĐẢNG ỦY KHỐI CÁC" / "CƠ QUAN TỈNH".
_OPEN_ENDS = frozenset({"cac", "va", "cua", "khoi", "nhung", "ve", "thuoc", "tinh uy"})
_ISSUER_IN_TEXT = re.compile(
    r"(?P<who>(?:Ban Chấp hành|Ban Thường vụ|Ban Thường trực|Thường trực|Đảng ủy|Đảng uỷ|Tỉnh ủy|"
    r"Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Ủy ban|Uỷ ban|UBND|Sở|Ban|Đảng đoàn|Ban cán sự)"
    r"[^,;.:()]{0,80}?)\s+(?:ban hành|xây dựng|triển khai)\s+(?:Kế hoạch|Chương trình|Đề án)"
)


@dataclass(slots=True)
class Header:
    document: ExtractedDocument
    body_start: int  # index of the first line after the header and title
    place: str = ""
    warnings: list[str] = field(default_factory=list)


def strip_mottos(text: str) -> str:
    """Remove the motto lines that a PDF may have put beside the issuer."""
    folded = fold_chars(text)
    for motto in _MOTTOS:
        pat = re.escape(motto).replace(r"\ ", r"\s*").replace(r"\-", r"[-–]")
        for m in reversed(list(re.finditer(pat, folded))):
            text = text[: m.start()] + " " + text[m.end() :]
            folded = folded[: m.start()] + " " + folded[m.end() :]
    return clean(text)


def parse_date(
    text: str, *, place_required: bool = False
) -> tuple[date | None, str, tuple[int, int] | None]:
    """The signing date in `text` ("Đà Lạt, ngày 31tháng 3 năm 2022"), its place and span."""
    rx = _PLACE_DATE_RE if place_required else _DATE_RE
    for m in rx.finditer(text):
        at = m.start("place") if m["place"] else m.start()
        if _CITED_BEFORE.search(text, max(0, at - 40), m.end("place") if m["place"] else at):
            continue  # "Nghị quyết số 57-NQ/TW, ngày 22/12/2024": the cited document's date
        if not m["place"] and _DEADLINE_BEFORE.search(text, max(0, at - 20), at):
            continue
        place = clean(m["place"] or "")
        if place and fold(place).startswith(("so ", "so:", "ket luan", "ke hoach", "nghi quyet")):
            place = ""
        try:
            if not m["d"].strip(" .…_").isdigit():
                return None, place, m.span()  # not signed yet: "ngày    tháng 5 năm 2024"
            return date(int(m["y"]), int(m["m"]), int(m["d"])), place, m.span()
        except ValueError:
            continue
    return None, "", None


def _without_glued_word(num: str) -> str:
    """ "367-QĐ/TWĐTN-VPĐOÀN" → "367-QĐ/TWĐTN-VP": cut before the syllable holding the first
    toned vowel (its onset included), when something of the symbol remains before it."""
    sep = max(num.rfind("-"), num.rfind("/"))
    last = num[sep + 1 :]
    toned = _TONED.search(last)
    if sep < 0 or not toned:
        return num
    k = toned.start()
    while k > 0 and fold(last[k - 1]).upper() in _VOWELS:
        k -= 1
    onset = next((o for o in _ONSETS if fold(last[:k]).upper().endswith(o)), None)
    k -= len(onset) if onset else (1 if k > 0 else 0)
    return num[: sep + 1 + k] if k > 0 else num


def parse_number(text: str) -> tuple[str, tuple[int, int] | None]:
    m = _NUMBER_RE.search(text)
    if not m:
        return "", None
    num = _without_glued_word(re.sub(r"\s+", "", m["num"]).rstrip("."))
    glued = _GLUED_KIND.match(num)
    if glued:
        num = f"{glued['head']}{glued['kind']}-{glued['body']}"
    return num, m.span()


def _title_index(lines: list[Line]) -> int | None:
    for i, ln in enumerate(lines[:HEADER_SCAN]):
        text = clean(ln.text).strip("*")
        m = _TITLE_RE.match(text)
        if not m:
            continue
        # "KẾ HOẠCH" in capitals starts the title, whatever follows it on the line
        if marker_of(text) is None:
            return i
    return None


def _is_opener(text: str) -> bool:
    return fold(text).startswith(_OPENERS) and text[:1].isupper()


def _title_lines(lines: list[Line], start: int) -> tuple[str, int]:
    """The title starting at `start` and the index of the first line after it."""
    first = lines[start]
    parts = [clean(first.text).strip("*").strip()]
    styled = first.bold or first.centered
    i = start + 1
    m = _TITLE_RE.match(parts[0])
    subtitle = 1 if m and m["rest"].strip() else 0  # "KẾ HOẠCH Thực hiện …" on one line
    while i < len(lines) and i < start + 10:
        ln = lines[i]
        if ln.rows is not None:
            break
        text = clean(ln.text).strip()
        if not text:
            i += 1
            continue
        if _SEPARATOR.match(text) or ln.rows is not None or marker_of(text) is not None:
            break
        if parse_number(text)[0] and fold(text).startswith("so"):
            break
        if styled and (ln.bold or ln.centered):
            pass  # a centred or bold line under a centred title belongs to it
        elif (
            styled
            and subtitle
            or subtitle
            and _is_opener(text)
            or subtitle
            and re.search(r"[.:]\**$", parts[-1])
            or subtitle
            and len(" ".join(parts)) > 450
        ):
            break
        parts.append(text.strip("*").strip())
        subtitle += 1
        i += 1
    title = clean(" ".join(parts))
    title = re.sub(r"\*+", "", title)
    return title, i


def _is_sentence(text: str) -> bool:
    """Words in lower case, more than a title line has, ending like a sentence."""
    return len(text.split()) >= 8 and not is_caps_line(text) and bool(re.search(r"[.:;]\**$", text))


def _caps_opening(text: str) -> bool:
    """A title in capitals run into its subject: "KẾT LUẬN HỘI NGHỊ … về xây dựng …"."""
    words = [w for w in re.findall(r"[^\W\d_]+", text[:80])][:3]
    return len(words) == 3 and all(w.isupper() for w in words)


def _issuer_end(texts: list[str]) -> int:
    """The issuer stands at the top left, above its number: capitals after the number (or,
    without one, after the place and date) are the title or the signature."""
    for k, text in enumerate(texts):
        if parse_number(text)[0]:
            return k + 1
    for k, text in enumerate(texts):
        if parse_date(text, place_required=True)[0]:
            return k + 1
    return len(texts)


def header_cells(texts: list[str]) -> list[str]:
    """The header's cells as lines of text. A web page copied as text puts "|" between the
    cells and wraps inside them anywhere ("THỦ TƯỚNG CHÍNH" / "PHỦ" / "|"): a cell is one
    line. Otherwise every line is its own, except a bare "Số:" before its number."""
    if any("|" in t for t in texts):
        # a site's own sentences above the header ("Nếu bạn là thành viên. Vui lòng …")
        # are not in a cell
        first = next(k for k, t in enumerate(texts) if "|" in t)
        texts = [
            f"{t}|" if k < first and re.search(r"[.!?]\s*$", t) and not is_caps_line(t) else t
            for k, t in enumerate(texts)
        ]
        cells = "\n".join(texts).split("|")
        return [c for c in (clean(" ".join(cell.split("\n"))) for cell in cells) if c]
    out: list[str] = []
    for t in (clean(t) for t in texts):
        if out and re.fullmatch(r"(?:Số|SỐ)\s*[:.]?", out[-1]):
            out[-1] = f"{out[-1]} {t}"
        elif t:
            out.append(t)
    return out


# A line that goes on with the name above it: "ĐẢNG ỦY KHỐI CÁC CƠ QUAN" / "VÀ DOANH
# NGHIỆP TỈNH", "BAN CHỈ ĐẠO QUỐC GIA" / "VỀ CHUYỂN ĐỔI SỐ"
_GOES_ON = ("va ", "ve ", "cua ", "thuoc ", "truc thuoc ", "cac ", "tai ")


def _issuer(lines: list[str]) -> str:
    """The issuing body from the capitals at the top left (parent body above it)."""
    cands: list[str] = []
    for text in lines:
        t = strip_mottos(text)
        num, span = parse_number(t)
        if span:
            t = t[: span[0]]
        _d, _p, dspan = parse_date(t)
        if dspan:
            t = t[: dspan[0]]
        t = clean(t).strip(" *-–—_")
        if not t or not is_caps_line(t) or any(fold(t) in m for m in _MOTTOS):
            continue  # (a motto wrapped over two lines leaves pieces like "VIỆT NAM")
        if fold(t) in _UNION_MOTTOS:
            continue
        if cands and fold(t).startswith(_GOES_ON):
            cands[-1] = f"{cands[-1]} {t}"
            continue
        cands.append(t)
    if not cands:
        return ""
    # one word is never a body's name: the end of one wrapped in a narrow column
    # ("BCH ĐOÀN TNCS HỒ CHÍ" / "MINH" / "TỈNH NGHỆ AN")
    for k in range(len(cands) - 2, 0, -1):
        if len(cands[k].split()) == 1:
            cands[k - 1 : k + 1] = [f"{cands[k - 1]} {cands[k]}"]
    last = cands[-1]
    prev_end = fold(cands[-2]).split()[-1] if len(cands) >= 2 and cands[-2].split() else ""
    if len(cands) >= 2 and (
        (len(last.split()) <= 2 and not fold(last).startswith(_BODY_WORDS))
        # one word is never a body's name: "SỞ TÀI NGUYÊN VÀ MÔI" / "TRƯỜNG"
        or len(last.split()) == 1
        or prev_end in _OPEN_ENDS
    ):
        # a name wrapped in a narrow column: "HUYỆN ỦY ĐỨC" / "TRỌNG"
        cands[-2:] = [f"{cands[-2]} {last}"]
        last = cands[-1]
    if len(cands) >= 2:
        prev = fold(cands[-2])
        last_f = fold(last)
        is_place = last_f.startswith(_PLACE_WORDS) and not last_f.startswith(
            ("huyen uy", "tinh uy", "thanh uy", "thi uy")
        )
        if is_place and prev in _BARE_BODIES:
            return f"{cands[-2]} {last}"
    return last


def _full_authority(issuer: str, texts: list[str]) -> str:
    """The header cell says only "ỦY BAN NHÂN DÂN" (the province line dropped); the authority
    line above the bases names it in full ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG")."""
    bare = fold(issuer)
    if bare not in _BARE_BODIES:
        return issuer

    def named(t: str) -> bool:
        f = fold(t)
        return f.startswith(bare + " ") and f[len(bare) + 1 :].startswith(_PLACE_WORDS)

    cells = [clean(c).strip(" *:") for text in texts for c in text.split("|")]
    cells = [c for c in cells if c and is_caps_line(c)]
    for t in cells:
        if named(t):
            return t
    # a PDF runs it into the title's last line: "… NHÀ NƯỚC ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    last = cells[-1] if cells else ""
    for m in re.finditer(r"(?<=\s)\S", last):
        before = fold(last[: m.start()]).split()
        if named(last[m.start() :]) and before and before[-1] not in ("cua", "va", "cho"):
            return last[m.start() :]
    return issuer


def _ends_head(text: str) -> bool:
    """A numbered item, a long opener or a sentence: the body of a copy without a title."""
    mk = marker_of(text)
    if (mk and mk.style in ("roman", "part", "n1", "n2", "article")) or (
        _is_opener(text) and len(text) > 60
    ):
        return True
    return len(text) > 150 and "|" not in text and not _caps_opening(text)


def _after_site_lines(lines: list[Line]) -> int:
    """A web copy of a letter opens with the site's own title lines ("Công văn 4836/BNN-VPĐP
    năm 2018 về …"); the header ("Số: …") comes after them."""
    for n, ln in enumerate(lines[:HEADER_SCAN]):
        text = clean(ln.text)
        if parse_number(text)[0] and fold(text.lstrip(" *-–—_=")).startswith("so"):
            ends = [k for k in range(n) if _ends_head(clean(lines[k].text))]
            return ends[-1] + 1 if ends else 0
        if fold(text).startswith(("kinh gui", "noi nhan")):
            break
    return 0


def parse_header(lines: list[Line]) -> Header:
    """Read issuer, number, date and title from the first lines of a plan."""
    doc = ExtractedDocument()
    warnings: list[str] = []
    ti = _title_index(lines)
    if ti is not None:
        head = lines[:ti]
        doc.title, body_start = _title_lines(lines, ti)
    else:
        head = []
        dated = False
        start = _after_site_lines(lines)
        for ln in lines[start:HEADER_SCAN]:
            text = clean(ln.text)
            if _ends_head(text):
                break
            if fold(text).startswith(("kinh gui", "noi nhan")):
                break  # a letter's salutation: what follows is its body
            if re.search(r"\b(?:như\s+sau|sau\s+đây)\s*:\s*$", text, re.IGNORECASE):
                break  # "UBND tỉnh có ý kiến như sau:" introduces the body
            if dated and _is_sentence(text):
                break  # under the number and the date, a sentence starts the body
            dated = dated or bool(parse_date(text, place_required=True)[0])
            head.append(ln)
        body_start = start + len(head)
    head_texts = header_cells([ln.text for ln in head if ln.rows is None])
    for ln in head:
        if ln.rows:
            head_texts.extend(clean(c) for row in ln.rows for c in row if c)
    place = ""
    for text in head_texts:
        if not doc.number:
            doc.number, _ = parse_number(text)
        else:
            break
    # The signing date comes with its place ("Huế, ngày …"), maybe wrapped in a narrow
    # column ("Ninh Thuận, ngày 02 tháng 02" / "năm 2023", "*…, ngày 05 tháng 02 năm*" /
    # "*2025*"); a date without a place only when there is none with one.
    pairs = [f"{a} {b}".replace("*", "") for a, b in zip(head_texts, head_texts[1:])]
    for texts, with_place in (
        (head_texts, True),
        (pairs, True),
        (head_texts, False),
        (pairs, False),
    ):
        for text in texts if doc.date is None else ():
            doc.date, place, _ = parse_date(text, place_required=with_place)
            if doc.date:
                break
    if not doc.number:
        # "KẾ HOẠCH / số 12-KH/TU" right under the title in some Party documents
        for ln in lines[body_start : body_start + 2]:
            m = _NUMBER_LOWER_RE.match(clean(ln.text))
            if m:
                doc.number = re.sub(r"\s+", "", m["num"])
                body_start += 1
                break
    if doc.date is None:
        # the place-and-date line is sometimes below the title or at the very top
        window = lines[body_start : body_start + 8]
        for ln in window:
            doc.date, place, _ = parse_date(clean(ln.text), place_required=True)
            if doc.date:
                break
    doc.issuer = _issuer(head_texts[: _issuer_end(head_texts)])
    # the authority line stands between the title and the first basis ("Căn cứ …")
    above = []
    for ln in lines[: body_start + 6]:
        if ln.rows is None and is_basis(clean(ln.text)):
            break
        above.append(ln.text if ln.rows is None else "")
    doc.issuer = _full_authority(doc.issuer, above)
    while (
        body_start < len(lines)
        and _SEPARATOR.match(clean(lines[body_start].text))
        and lines[body_start].rows is None
    ):
        body_start += 1
    return Header(doc, body_start, place, warnings)


def issuer_from_body(paragraphs: list[str]) -> str:
    """ "…, Đảng ủy Khối các cơ quan tỉnh ban hành Kế hoạch…": the issuer when the header lacks it."""
    for text in paragraphs[:6]:
        found = list(_ISSUER_IN_TEXT.finditer(text))
        if is_basis(text):
            # "Căn cứ Quyết định số … của Ủy ban nhân dân tỉnh X về việc …" names the cited
            # document's issuer; "Căn cứ tình hình thực tế, Sở Nội vụ ban hành …" its own
            found = [m for m in found if re.search(r",\s*$", text[: m.start()])]
        if found:
            m = found[-1]
            who = re.sub(r"\s+(?:vừa|đã|sẽ|chính\s+thức)$", "", clean(m["who"]))
            return who[:1].upper() + who[1:]
    return ""


def closing_citation(paragraphs: list[str]) -> tuple[str, date | None]:
    """The number and date of a quoted document named only in a closing line."""
    for text in reversed(paragraphs[-3:]):
        found = list(_CLOSING_CITATION.finditer(text))
        if found:
            m = found[-1]
            return re.sub(r"\s+", "", m["num"]).rstrip("."), parse_date(m["date"])[0]
    return "", None

"""Fuzzing the importers: 2,200 seeded mutations of valid files of every supported kind
(xlsx, xls, ods, csv, HTML and SpreadsheetML saved as .xls, docx, pdf, txt, md).

Each mutated file goes through `extract_file`, which may read it or refuse it with the
app's own FileImportError, and nothing else: no other exception type, no hang (a
time limit per batch), and no "unforeseen" refusal (UnreadableFileError marks a reader
failure that only the last-resort net caught: a bug to fix). Deterministic: the same
seed gives the same files. `bench/fuzz_long.py` runs many more with other seeds.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.errors import FileImportError
from app.importers.model import ExtractedPlan
from app.importers.registry import extract_file

SEED = 1945
DATA = Path(__file__).parent / "data"


def _xlsx() -> bytes:
    import datetime as dt

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws["A1"] = "TỈNH ỦY LÂM ĐỒNG"
    ws["A2"] = "Số 15-KH/TU"
    ws.append([])
    ws.append(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"])
    rows = [
        [
            1,
            "Quán triệt Nghị quyết đến cán bộ chủ chốt",
            "Ban Tuyên giáo",
            "Các huyện ủy",
            "Quý I/2024",
        ],
        [
            2,
            "Xây dựng đề án sắp xếp tổ chức bộ máy",
            "Ban Tổ chức",
            "Sở Nội vụ",
            dt.date(2024, 6, 30),
        ],
        ["3", "Kiểm tra, giám sát chuyên đề", "Ủy ban Kiểm tra", "", "Hằng năm"],
        ["3.1", "Báo cáo sơ kết 6 tháng", "Văn phòng", "Các ban", "trước ngày 15/6 hằng năm"],
        [4, "Tổng kết", "Văn phòng", "", "Tháng 12/2025"],
    ]
    for r in rows:
        ws.append(r)
    ws.merge_cells("A1:C1")
    other = wb.create_sheet("Ghi chú")
    other["A1"] = "Không có nhiệm vụ"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _docx_and_pdf(tmp: Path) -> tuple[bytes, bytes]:
    from plan_render import plan_model, write_docx, write_pdf

    src = DATA / "plans" / "synth_so_noi_vu_phu_luc.md"
    blocks = plan_model(src)
    docx = write_docx(blocks, tmp / "plan.docx", auto_numbering=True).read_bytes()
    pdf = write_pdf(blocks, tmp / "plan.pdf").read_bytes()
    return docx, pdf


def _csv() -> bytes:
    lines = ["STT;Nội dung nhiệm vụ;Chủ trì;Thời hạn"]
    lines += [
        f"{i};Nhiệm vụ thứ {i} về chuyển đổi số;Sở Thông tin;Quý {i % 4 + 1}/2024"
        for i in range(1, 9)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def _html() -> bytes:
    rows = "".join(
        f"<tr><td>{i}</td><td>Nhiệm vụ {i}</td><td>Văn phòng</td><td>{i}/6/2024</td></tr>"
        for i in range(1, 6)
    )
    return (
        '<html><head><meta charset="utf-8"></head><body><table border="1"><tr><th>STT</th>'
        "<th>Nội dung</th><th>Chủ trì</th><th>Thời gian</th></tr>" + rows + "</table></body></html>"
    ).encode()


def _xml2003() -> bytes:
    cells = "".join(
        f'<Row><Cell><Data ss:Type="Number">{i}</Data></Cell><Cell><Data ss:Type="String">'
        f'Nhiệm vụ {i}</Data></Cell><Cell><Data ss:Type="String">Ban Tổ chức</Data></Cell>'
        f'<Cell><Data ss:Type="String">Quý {i}/2024</Data></Cell></Row>'
        for i in range(1, 5)
    )
    return (
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="KH">'
        '<Table><Row><Cell><Data ss:Type="String">STT</Data></Cell><Cell><Data ss:Type="String">'
        'Nội dung nhiệm vụ</Data></Cell><Cell><Data ss:Type="String">Chủ trì</Data></Cell>'
        '<Cell><Data ss:Type="String">Thời gian</Data></Cell></Row>'
        + cells
        + "</Table></Worksheet></Workbook>"
    ).encode()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, qapp) -> dict[str, bytes]:
    """Valid files of every kind the importers read (all read fine before mutation).

    `qapp`: the PDF is drawn by Qt, and the process's one application object must be a
    full QApplication for the widget tests that run later in the same session."""
    tmp = tmp_path_factory.mktemp("fuzz-seeds")
    out = seed_files(tmp)
    for ext, data in out.items():
        path = tmp / f"seed{ext}"
        path.write_bytes(data)
        assert extract_file(path).tasks, f"seed {ext} must be readable"
    return out


def seed_files(tmp: Path) -> dict[str, bytes]:
    """One valid file of each kind (a QApplication must exist: Qt draws the PDF)."""
    docx, pdf = _docx_and_pdf(tmp)
    return {
        ".xlsx": _xlsx(),
        ".docx": docx,
        ".pdf": pdf,
        ".ods": (DATA / "excel" / "plan.ods").read_bytes(),
        ".xls": (DATA / "excel" / "plan.xls").read_bytes(),
        ".txt": (DATA / "plans" / "seed_000_duk_lam_dong.txt").read_bytes()[:20000],
        ".md": (DATA / "plans" / "synth_huyen_uy_chuong_trinh.md").read_bytes(),
        ".csv": _csv(),
        ".htm.xls": _html(),
        ".ss.xls": _xml2003(),
    }


# --------------------------------------------------------------------------- mutations


def _flip(rnd: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.randint(1, 40)):
        b[rnd.randrange(len(b))] = rnd.randrange(256)
    return bytes(b)


def _truncate(rnd: random.Random, data: bytes) -> bytes:
    return data[: rnd.randrange(len(data))]


def _insert(rnd: random.Random, data: bytes) -> bytes:
    at = rnd.randrange(len(data))
    junk = rnd.choice(
        [
            rnd.randbytes(rnd.randint(1, 200)),
            b"\x00" * rnd.randint(1, 50),
            "đôn đốc ".encode() * rnd.randint(1, 500),
            b"\xff\xfe\xef\xbb\xbf",
        ]
    )
    return data[:at] + junk + data[at:]


def _delete(rnd: random.Random, data: bytes) -> bytes:
    a = rnd.randrange(len(data))
    return data[:a] + data[a + rnd.randint(1, 2000) :]


def _duplicate(rnd: random.Random, data: bytes) -> bytes:
    a = rnd.randrange(len(data))
    piece = data[a : a + rnd.randint(1, 4000)]
    at = rnd.randrange(len(data))
    return data[:at] + piece * rnd.randint(1, 3) + data[at:]


_NUMBER = re.compile(rb"\d+")


def _tokens(rnd: random.Random, text: bytes) -> bytes:
    """Structure-aware: numbers, references and tags inside markup or text."""
    choice = rnd.randrange(6)
    if choice == 0:  # a number becomes huge, zero or negative
        nums = list(_NUMBER.finditer(text))
        if nums:
            m = rnd.choice(nums)
            new = rnd.choice([b"0", b"-1", b"99999999999", b"4294967296", b"1e308"])
            return text[: m.start()] + new + text[m.end() :]
    if choice == 1:  # drop a closing tag or a quote
        for needle in (b"</", b'"', b">"):
            idx = [m.start() for m in re.finditer(re.escape(needle), text)]
            if idx:
                k = rnd.choice(idx)
                return text[:k] + text[k + len(needle) :]
    if choice == 2:  # a very long word
        at = rnd.randrange(len(text) or 1)
        return text[:at] + b"x" * rnd.randint(1000, 20000) + text[at:]
    if choice == 3:  # odd characters
        at = rnd.randrange(len(text) or 1)
        odd = rnd.choice(["\u202e", "\ufffd", "\u0000", "\r", "\t" * 50, "&#0;", "&#x1F600;"])
        return text[:at] + odd.encode() + text[at:]
    if choice == 4:  # a nested structure repeated
        m = re.search(rb"<(\w+[:\w]*)[^>]*>", text)
        if m:
            return text[: m.start()] + m.group() * rnd.randint(50, 3000) + text[m.start() :]
    return _flip(rnd, text) if text else text


def _in_zip(rnd: random.Random, data: bytes) -> bytes:
    """Mutate one member of a zip container (mostly an XML part) and re-zip it."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        infos = src.infolist()
        bodies = {info.filename: src.read(info) for info in infos}
    except Exception:  # already damaged by an earlier mutation: stay at the byte level
        return _flip(rnd, data)
    xml = [i for i in infos if i.filename.endswith((".xml", ".rels"))] or infos
    if not xml:
        return _flip(rnd, data)
    target = rnd.choice(xml)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            body = bodies[info.filename]
            if info is target:
                op = rnd.randrange(4)
                if op == 0:
                    continue  # the member is missing
                body = _tokens(rnd, body) if op < 3 else _flip(rnd, body)
            out.writestr(info, body)
    return buf.getvalue()


BYTE_LEVEL = [_flip, _truncate, _insert, _delete, _duplicate]


def mutate(rnd: random.Random, ext: str, data: bytes) -> bytes:
    zipped = data[:2] == b"PK"
    r = rnd.random()
    if zipped and r < 0.5:
        return _in_zip(rnd, data)
    if not zipped and ext not in (".pdf", ".xls") and r < 0.5:
        return _tokens(rnd, data)
    return rnd.choice(BYTE_LEVEL)(rnd, data)


FORMATS = (".xlsx", ".xls", ".ods", ".csv", ".htm.xls", ".ss.xls", ".docx", ".pdf", ".txt", ".md")
PER_FORMAT = 220  # 2,200 mutations in the normal run
BATCH = 55


def case(seeds: dict[str, bytes], ext: str, i: int, seed: int = SEED) -> tuple[str, bytes]:
    """The i-th mutant of a format's seed: (the extension it is named with, its bytes)."""
    rnd = random.Random(f"{seed}:{ext}:{i}")
    data = seeds[ext]
    for _ in range(rnd.choice([1, 1, 1, 2, 3])):
        data = mutate(rnd, ext, data) or data
    name_ext = ext if rnd.random() < 0.9 else rnd.choice(sorted(seeds))  # sometimes misnamed
    return name_ext, data


def outcome(path: Path) -> str:
    """ "read", "refused" (the app's message naming the file) or what went wrong."""
    try:
        got = extract_file(path)
    except FileImportError as ex:
        if getattr(ex, "internal", False):
            return f"unforeseen: {ex}"
        if not str(ex).startswith(path.name):
            return f"message without the file name: {ex}"
        return "refused"
    except Exception as ex:
        return f"traceback: {type(ex).__name__}: {ex}"
    return "read" if isinstance(got, ExtractedPlan) else f"returned {type(got).__name__}"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("start", range(0, PER_FORMAT, BATCH))
@pytest.mark.parametrize("ext", FORMATS)
def test_mutated_files_are_read_or_refused_cleanly(seeds, tmp_path, ext, start):
    bad = []
    for i in range(start, start + BATCH):
        name_ext, data = case(seeds, ext, i)
        path = tmp_path / f"mutant-{i:03d}{name_ext}"
        path.write_bytes(data)
        got = outcome(path)
        if got not in ("read", "refused"):
            bad.append(f"{ext} #{i}: {got}")
        path.unlink()
    assert not bad, "\n".join(bad[:20])


def test_the_mutations_are_deterministic(seeds):
    for ext in FORMATS:
        assert [case(seeds, ext, i)[1] for i in (0, 7, 42)] == [
            case(seeds, ext, i)[1] for i in (0, 7, 42)
        ]

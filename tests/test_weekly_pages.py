"""Paper used by the printed lists, read back from the PDF: rows flow from page to page
(a tall row splits under a repeated header), no page is left half empty, and the
signature block always shares its page with the end of the table."""

from __future__ import annotations

from datetime import date, timedelta

import pdfplumber
import pytest
from print_samples import MONDAY, ORG, UNITS, on, plan, task
from real_week import PLANS, build_real_week
from test_weekly_pdf import flat, page_texts

from app.db import ops
from app.exports.reports.printed import department_document
from app.exports.weekly.data import WeeklyOptions
from app.exports.weekly.render import write_pdf, write_weekly_pdf
from app.importers.registry import extract_file

MM = 72 / 25.4
HEADER = "STT Nội dung nhiệm vụ Chủ trì Phối hợp Thời hạn"


def squeeze(text: str) -> str:
    return "".join(text.split())


def printed_once(text: str, pages: list[str]) -> bool:
    """Whether a task's text is printed whole, once: on one page, or begun on one page
    and ended on the next (a row split there), nothing lost and nothing twice."""
    whole, pages = squeeze(text), [squeeze(p) for p in pages]
    if sum(p.count(whole) for p in pages) == 1:
        return True
    for p in range(len(pages) - 1):
        if whole[:20] in pages[p] and whole[:20] not in pages[p + 1]:
            k = max(k for k in range(20, len(whole)) if whole[:k] in pages[p])
            return pages[p + 1].count(whole[k:]) == 1 and all(
                whole[:20] not in q for i, q in enumerate(pages) if i != p
            )
    return False


def lowest_text(pdf_path) -> list[float]:
    """How far down each page its text reaches, as a share of the page body."""
    with pdfplumber.open(pdf_path) as pdf:
        out = []
        for page in pdf.pages:
            body = float(page.height) - 40 * MM
            out.append((max(c["bottom"] for c in page.chars) - 20 * MM) / body)
        return out


@pytest.mark.parametrize(("landscape", "most"), [(False, 2), (True, 3)])
def test_seven_real_tasks_fill_their_pages(db, tmp_path, landscape, most):
    """Seven tasks of two real plans (texts of 200–400 characters, long unit names, two
    coordinators on four of them): two portrait pages, where the list needed three.
    A4 landscape holds 170 mm of text a page: the same list takes three, each full."""
    texts = build_real_week(db)
    out = tmp_path / "tuan.pdf"
    pages = write_weekly_pdf(db, out, WeeklyOptions(day=MONDAY, landscape=landscape))
    assert pages <= most
    assert all(printed_once(text, page_texts(out)) for text in texts)
    # no page but the last is left with more than a quarter of it empty
    assert all(share > 0.75 for share in lowest_text(out)[:-1])
    last = flat(page_texts(out)[-1])
    assert HEADER in last and "Nơi nhận:" in last and "Nguyễn Văn An" in last


def _long_tasks(n: int) -> list:
    """Real tasks of the Party plan, the longest first (600–850 characters)."""
    tasks = sorted(
        extract_file(PLANS / "seed_000_duk_lam_dong.txt").tasks, key=lambda t: -len(t.text)
    )
    return [
        task(t.text, UNITS[i % 3], on(MONDAY + timedelta(days=i % 5)), *UNITS[: i % 3])
        for i, t in enumerate(tasks[:n])
    ]


def test_a_row_split_across_pages_continues_under_the_header_row(db, tmp_path):
    """A row longer than a page (three real items run together) and two more."""
    ops.set_setting(db, "org", ORG)
    first, *rest = _long_tasks(5)
    huge = task(" ".join(t.text for t in rest[:3]), UNITS[1], on(MONDAY), UNITS[0])
    tasks = [first, huge, rest[3]]
    ops.import_plan(db, plan(tasks), today=date(2023, 1, 2))
    out = tmp_path / "dai.pdf"
    write_weekly_pdf(db, out, WeeklyOptions(day=MONDAY))
    texts = [squeeze(t) for t in page_texts(out)]
    split = [
        (t, p)
        for t in tasks
        for p in range(len(texts) - 1)
        if squeeze(t.text)[:40] in texts[p] and squeeze(t.text)[-40:] in texts[p + 1]
    ]
    assert split, "some long row runs on from one page to the next"
    for t, p in split:
        whole = squeeze(t.text)
        assert whole not in texts[p] and whole not in texts[p + 1]  # cut
        # nothing lost, nothing twice: what page p holds and what page p + 1 holds meet
        head = max(k for k in range(40, len(whole)) if whole[:k] in texts[p])
        tail = max(k for k in range(40, len(whole)) if whole[-k:] in texts[p + 1])
        assert head + tail == len(whole)
        with pdfplumber.open(out) as pdf:
            words = pdf.pages[p + 1].extract_words()
        # the next page opens with the header row, then the rest of the row
        header = next(w for w in words if w["text"] == "STT")
        body = [w for w in words if w["top"] > 20 * MM and w["text"] != "STT"]  # no page number
        assert header["top"] < min(w["top"] for w in body) + 15
        after = squeeze(flat(page_texts(out)[p + 1]).split("Ghi chú", 1)[1])
        assert after.startswith(whole[head : head + 30])


@pytest.mark.parametrize("landscape", [False, True])
def test_the_signature_block_is_never_alone_nor_split(db, tmp_path, landscape):
    """Lists of 1 to 9 long tasks end at every height of a page: wherever the table
    ends, the recipients and the signature are whole, on the last page, under the end
    of the table (its header row repeated there)."""
    ops.set_setting(db, "org", ORG)
    tasks = _long_tasks(9)
    for n in range(1, 10):
        ops.import_plan(db, plan([tasks[n - 1]], f"{n}-KH/TU", str(n) * 64), today=date(2023, 1, 2))
        out = tmp_path / f"ky-{n}.pdf"
        write_weekly_pdf(db, out, WeeklyOptions(day=MONDAY, landscape=landscape))
        texts = [flat(t) for t in page_texts(out)]
        for mark in ("Nơi nhận:", "CHÁNH VĂN PHÒNG", "Nguyễn Văn An", "Lưu VP."):
            assert [mark in t for t in texts] == [False] * (len(texts) - 1) + [True], (n, mark)
        assert HEADER in texts[-1], n
        assert texts[-1].index(HEADER) < texts[-1].index("Nơi nhận:")


def test_the_unit_report_flows_on_the_same_engine(db, tmp_path):
    """One unit's list (app/exports/reports): rows split across pages, pages full."""
    ops.set_setting(db, "org", ORG)
    tasks = _long_tasks(8)
    for t in tasks:
        t.lead = UNITS[0]
    ops.import_plan(db, plan(tasks), today=date(2023, 1, 2))
    out = tmp_path / "donvi.pdf"
    pages = write_pdf(department_document(db, UNITS[0], MONDAY), out)
    assert pages >= 2
    assert all(share > 0.75 for share in lowest_text(out)[:-1])
    assert all(printed_once(t.text, page_texts(out)) for t in tasks)

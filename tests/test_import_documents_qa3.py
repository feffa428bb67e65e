"""Three plans as offices make them in Word, read from .docx and from LibreOffice's PDF.

tests/qa3_plans.py builds the .docx (borderless header table, Word's own "1." / "a)" /
"-" numbering, italic deadlines inside sentences, footnotes, page numbers, a landscape
appendix whose 27-row table breaks rows across pages under a repeated header row); the
PDFs in tests/data/qa3 are LibreOffice's "Export as PDF" of the same files. What a clerk
expects of each plan is written below by hand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.errors import FileImportError
from app.importers.base import ExtractOptions
from app.importers.plans.importer import DocumentImporter
from tests.qa2_plans import header_problems
from tests.qa3_plans import HUYEN_ROWS, PLANS, SO_Y_TE, TINH_UY, UBND_HUYEN, write_docx

D = date
DATA = Path(__file__).parent / "data" / "qa3"


def _huyen_tasks() -> list[tuple]:
    kinds = {
        "Quý I/2025": ("quarter", D(2025, 3, 31)),
        "Quý II/2025": ("quarter", D(2025, 6, 30)),
        "Quý III/2025": ("quarter", D(2025, 9, 30)),
        "Quý IV/2025": ("quarter", D(2025, 12, 31)),
        "Năm 2025": ("year", D(2025, 12, 31)),
        "Thường xuyên": ("ongoing", None),
    }
    out = []
    for _g, content, lead, coord, when, _product in HUYEN_ROWS:
        if when in kinds:
            kind, due = kinds[when]
        elif when.startswith("Tháng"):
            m, y = map(int, when.split()[1].split("/"))
            kind, due = "month", D(y, m, 1)
        elif when.startswith("Trước"):
            d, m, y = map(int, when.split()[-1].split("/"))
            kind, due = "date", D(y, m, d)
        else:  # "Hằng tháng"
            kind, due = "recurring", ...
        out.append((content, lead, coord.split("\n"), kind, due))
    return out


EXPECTED: dict[str, dict] = {
    TINH_UY.name: {
        "number": "215-KH/TU",
        "date": D(2025, 3, 12),
        "issuer": "TỈNH ỦY QUẢNG NAM",
        "title": "KẾ HOẠCH tổ chức đại hội đảng bộ các cấp",
        "tasks": [
            (
                "Chủ trì, phối hợp với Văn phòng Tỉnh ủy",
                "Ban Tổ chức Tỉnh ủy",
                ["Văn phòng Tỉnh ủy"],
                "date",
                D(2025, 4, 15),
            ),
            ("Thẩm định đề án nhân sự", "Ban Tổ chức Tỉnh ủy", [], "month", D(2025, 6, 30)),
            ("Chủ trì tuyên truyền", "Ban Tuyên giáo Tỉnh ủy", [], "ongoing", None),
            ("Tổng hợp ý kiến góp ý", "Ban Tuyên giáo Tỉnh ủy", [], "date", D(2025, 7, 31)),
            (
                "Ủy ban Kiểm tra Tỉnh ủy chủ trì",
                "Ủy ban Kiểm tra Tỉnh ủy",
                ["Ban Tổ chức Tỉnh ủy"],
                "quarter",
                D(2025, 9, 30),
            ),
            ("Văn phòng Tỉnh ủy bảo đảm", "Văn phòng Tỉnh ủy", [], "date", D(2025, 9, 30)),
            (
                "Các huyện ủy, thị ủy",
                "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
                ...,
                "date",
                D(2025, 4, 10),
            ),
            ("Giao Ban Tổ chức Tỉnh ủy theo dõi", "Ban Tổ chức Tỉnh ủy", [], "recurring", ...),
        ],
    },
    UBND_HUYEN.name: {
        "number": "87/KH-UBND",
        "date": D(2025, 2, 5),
        "issuer": "ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH",
        "title": "KẾ HOẠCH Thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2025",
        "tasks": [
            (
                "Văn phòng HĐND và UBND huyện theo dõi",
                "Văn phòng HĐND và UBND huyện",
                [],
                "date",
                D(2025, 12, 20),
            ),
            *_huyen_tasks(),
        ],
    },
    SO_Y_TE.name: {
        "number": "512/KH-SYT",
        "date": D(2025, 3, 18),
        "issuer": "SỞ Y TẾ",
        "title": "KẾ HOẠCH Triển khai công tác tiêm chủng mở rộng năm 2025",
        "tasks": [
            (
                "Chủ trì, phối hợp với Trung tâm Kiểm soát bệnh tật tỉnh xây dựng phương án "
                "phân bổ vắc xin cho",
                "Phòng Nghiệp vụ Y",
                ["Trung tâm Kiểm soát bệnh tật tỉnh"],
                "date",
                D(2025, 4, 15),
            ),
            ("Tổ chức kiểm tra, giám sát", "Phòng Nghiệp vụ Y", [], "recurring", ...),
            (
                "Tiếp nhận, bảo quản và cấp phát vắc xin theo đúng quy định, ",
                "Trung tâm Kiểm soát bệnh tật tỉnh",
                [],
                "ongoing",
                None,
            ),
            (
                "Tập huấn cho cán bộ y tế",
                "Trung tâm Kiểm soát bệnh tật tỉnh",
                [],
                "quarter",
                D(2025, 6, 30),
            ),
            # the footnote mark after the date and the note's own date change nothing
            (
                "Phòng Kế hoạch - Tài chính tham mưu",
                "Phòng Kế hoạch - Tài chính",
                [],
                "date",
                D(2025, 6, 30),
            ),
            (
                "Trung tâm Y tế các huyện",
                "Trung tâm Y tế các huyện, thị xã, thành phố",
                [],
                "recurring",
                ...,
            ),
            (
                "Văn phòng Sở phối hợp",
                "Văn phòng Sở",
                ["Báo Bình Định", "Đài Phát thanh và Truyền hình tỉnh"],
                "month",
                D(2025, 5, 31),
            ),
        ],
    },
}


def _month_end(d: date) -> date:
    nxt = D(d.year + d.month // 12, d.month % 12 + 1, 1)
    return D(nxt.year, nxt.month, 1).fromordinal(nxt.toordinal() - 1)


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("qa3-plans")
    return {plan.name: write_docx(plan, folder) for plan in PLANS}


def _check(plan, want: dict, fmt: str) -> list[str]:
    out = header_problems(plan, want)
    got = plan.tasks
    if len(got) != len(want["tasks"]):
        out.append(f"{len(got)} tasks, expected {len(want['tasks'])}: {[t.text[:30] for t in got]}")
        return out
    for t, (start, lead, coords, kind, due) in zip(got, want["tasks"]):
        if not t.text.startswith(start):
            out.append(f"text {t.text[:60]!r}, expected {start!r}")
        if t.lead != lead:
            out.append(f"{start!r}: lead {t.lead!r}, expected {lead!r}")
        # a cell with one unit a line: Word keeps the lines apart; in a PDF the break is
        # kept when the next unit's first word would have fitted on the line before, else
        # it cannot be told from a wrap ("…xây dựng huyện" filled the cell before "Kho bạc")
        ok = [coords]
        if fmt == "pdf" and coords is not ... and len(coords) > 1:
            ok.append([" ".join(coords)])
        if coords is not ... and t.coordinators not in ok:
            out.append(f"{start!r}: coordinators {t.coordinators}, expected {coords}")
        if str(t.deadline.kind) != kind:
            out.append(f"{start!r}: deadline {t.deadline.kind}, expected {kind}")
        expect = _month_end(due) if kind == "month" and due is not None and due is not ... else due
        if due is not ... and t.deadline.due != expect:
            out.append(f"{start!r}: due {t.deadline.due}, expected {expect}")
    return out


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_plan_reads_as_a_clerk_expects(docx_files, plan, fmt):
    path = docx_files[plan.name] if fmt == "docx" else DATA / f"{plan.name}.pdf"
    got = DocumentImporter().extract(path, ExtractOptions())
    assert _check(got, EXPECTED[plan.name], fmt) == []


def test_rows_broken_across_pages_come_back_whole_and_once():
    plan = DocumentImporter().extract(DATA / f"{UBND_HUYEN.name}.pdf", ExtractOptions())
    table = [t for t in plan.tasks if t.source.startswith("bảng")]
    assert [t.number for t in table] == [str(k) for k in range(1, 28)]
    broken = [t for t in table if "trong đó rà soát" in t.text]
    assert len(broken) == 5
    assert all(t.text.endswith("xem xét, quyết định") for t in broken), [t.text for t in broken]
    rasoat = next(t for t in table if t.number == "20")
    assert (rasoat.text, rasoat.lead) == (
        "Rà soát, đơn giản hóa thủ tục hành chính",
        "Văn phòng HĐND và UBND huyện",
    )
    # one unit a line in the "phối hợp" cell, where the line breaks show it
    thi = next(t for t in table if t.number == "8")
    assert thi.coordinators == ["Công an huyện", "Trung tâm Y tế huyện"]
    texts = [t.text for t in plan.tasks]
    assert not any(x.startswith(("STT", "Nội dung")) for x in texts)


def test_the_pdfs_have_the_artefacts_they_are_meant_to_exercise():
    import pypdf

    reader = pypdf.PdfReader(DATA / f"{UBND_HUYEN.name}.pdf")
    assert len(reader.pages) >= 4
    landscape = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    assert len(landscape) >= 3
    # the header row repeats on the pages the table goes on to; page numbers at the foot
    assert all(p.extract_text().startswith("STT Nội dung nhiệm vụ") for p in landscape[1:])
    assert all(p.extract_text().rstrip().endswith(str(n)) for n, p in enumerate(reader.pages, 1))
    so = pypdf.PdfReader(DATA / f"{SO_Y_TE.name}.pdf").pages[0].extract_text()
    assert "4 Sở Tài chính thẩm định trước ngày 15/7/2025" in so  # the footnote


def test_footnotes_are_not_text_of_the_plan():
    plan = DocumentImporter().extract(DATA / f"{SO_Y_TE.name}.pdf", ExtractOptions())
    texts = " ".join(t.text for t in plan.tasks)
    assert "Sở Tài chính thẩm định" not in texts
    assert "Công văn số 456" not in texts
    assert "20254" not in texts and "định3" not in texts and "tế1" not in texts


def test_old_word_file_asks_to_save_as_docx():
    with pytest.raises(FileImportError, match="docx"):
        DocumentImporter().extract(DATA / f"{SO_Y_TE.name}.doc", ExtractOptions())

"""Four plans in forms the other test plans lack, read from .docx, .pdf and .txt.

The plans (tests/qa2_plans.py) are laid out as offices make them: a provincial People's
Committee plan with units as numbered headings, "Thời gian thực hiện: …" at the end of
each bullet and an appendix table; a district Party committee plan whose tasks are
lettered items with "- Thời gian: …" and "- Giao X chủ trì, phối hợp với Y …" under them;
a city plan with "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU" then "PHÂN CÔNG NHIỆM VỤ" by unit; a
department plan with numeric targets ("Mục tiêu cụ thể") and italic "(Thời gian: …)"
lines. What a clerk expects of each is written below by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.importers.base import ExtractOptions
from app.importers.plans.importer import DocumentImporter
from tests.qa2_plans import (
    HUYEN_UY,
    PLANS,
    SO_TNMT,
    TINH_DOAN,
    UBND_PHUONG,
    UBND_TINH,
    UBND_TP,
    header_problems,
    write_all,
)

D = date
ANY = object()  # coordinators not checked (the clerk would accept several readings)

# (text starts with, lead, coordinators, deadline kind, due)
EXPECTED: dict[str, dict] = {
    UBND_TINH.name: {
        "number": "45/KH-UBND",
        "date": D(2024, 3, 15),
        "issuer": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "title": "KẾ HOẠCH Thực hiện Đề án vị trí việc làm",
        "tasks": [
            (
                "Chủ trì, phối hợp với Sở Tư pháp",
                "Sở Nội vụ",
                ["Sở Tư pháp", "Văn phòng Ủy ban nhân dân tỉnh"],
                "quarter",
                D(2024, 6, 30),
            ),
            ("Hướng dẫn các cơ quan", "Sở Nội vụ", [], "date", D(2024, 9, 30)),
            ("Thẩm định, tham mưu", "Sở Tài chính", [], "ongoing", None),
            (
                "Phối hợp với Sở Nội vụ xây dựng phần mềm",
                "Sở Thông tin và Truyền thông",
                ["Sở Nội vụ"],
                "month",
                D(2024, 10, 31),
            ),
            (
                "Căn cứ Kế hoạch này, xây dựng kế hoạch",
                "Các sở, ban, ngành tỉnh; Ủy ban nhân dân các huyện, thị xã, thành phố",
                [],
                "date",
                D(2024, 4, 30),
            ),
            # the appendix table
            ("Rà soát, thống kê", "Sở Nội vụ", ["Các sở, ban, ngành"], "month", D(2024, 5, 31)),
            ("Xây dựng bản mô tả", "Các sở, ban, ngành", ["Sở Nội vụ"], "quarter", D(2024, 9, 30)),
            (
                "Thẩm định danh mục",
                "Sở Nội vụ",
                ["Sở Tài chính", "Sở Tư pháp"],
                "date",
                D(2024, 11, 30),
            ),
            (
                "Trình Ủy ban nhân dân tỉnh",
                "Sở Nội vụ",
                ["Văn phòng UBND tỉnh"],
                "date",
                D(2024, 12, 31),
            ),
        ],
    },
    HUYEN_UY.name: {
        "number": "58-KH/HU",
        "date": D(2024, 12, 20),
        "issuer": "HUYỆN ỦY THĂNG BÌNH",
        "title": "KẾ HOẠCH tổ chức các hoạt động kỷ niệm 50 năm",
        "tasks": [
            (
                "Tổ chức hội nghị báo cáo viên",
                "Ban Tuyên giáo Huyện ủy",
                ["Trung tâm Chính trị huyện"],
                "month",
                D(2025, 3, 31),
            ),
            ("Treo băng rôn", "Ủy ban nhân dân huyện", ANY, "period", D(2025, 5, 5)),
            (
                "Tổ chức Lễ mít tinh",
                "Ủy ban nhân dân huyện",
                ["Ban Tuyên giáo Huyện ủy", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"],
                "date",
                D(2025, 4, 28),
            ),
            (
                "Tổ chức giải bóng đá",
                "Huyện đoàn",
                ["Trung tâm Văn hóa - Thể thao và Truyền thanh huyện"],
                "month",
                D(2025, 4, 30),
            ),
            (
                "Tổ chức chương trình nghệ thuật",
                "Trung tâm Văn hóa - Thể thao và Truyền thanh huyện",
                [],
                "date",
                D(2025, 4, 29),
            ),
            (
                "Ban Tuyên giáo Huyện ủy chủ trì",
                "Ban Tuyên giáo Huyện ủy",
                ["Văn phòng Huyện ủy"],
                "date",
                D(2025, 5, 15),
            ),
            ("Các chi, đảng bộ cơ sở căn cứ", "Các chi, đảng bộ cơ sở", [], "date", D(2025, 1, 15)),
        ],
    },
    UBND_TP.name: {
        "number": "212/KH-UBND",
        "date": D(2024, 10, 8),
        "issuer": "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ",
        "title": "KẾ HOẠCH Phát triển nguồn nhân lực chất lượng cao",
        "tasks": [
            ("Đổi mới nội dung", None, [], "unspecified", None),
            ("Nâng cao chất lượng đội ngũ", None, [], "unspecified", None),
            ("Thực hiện chính sách thu hút", None, [], "unspecified", None),
            (
                "Chủ trì, phối hợp với Sở Lao động",
                "Sở Giáo dục và Đào tạo",
                ["Sở Lao động - Thương binh và Xã hội", "Trường Đại học Cần Thơ"],
                "quarter",
                D(2025, 3, 31),
            ),
            ("Tổ chức đánh giá chất lượng", "Sở Giáo dục và Đào tạo", [], "date", D(2025, 6, 30)),
            (
                "Chủ trì, phối hợp với Sở Công Thương",
                "Sở Lao động - Thương binh và Xã hội",
                ["Sở Công Thương", "Ban Quản lý các khu chế xuất và công nghiệp"],
                "date",
                D(2025, 3, 31),
            ),
            (
                "Tổ chức Ngày hội việc làm",
                "Sở Lao động - Thương binh và Xã hội",
                [],
                "month",
                D(2025, 5, 31),
            ),
            ("Tham mưu Ủy ban nhân dân thành phố", "Sở Tài chính", [], "recurring", ANY),
            ("Tuyên truyền, phổ biến", "Ủy ban nhân dân các quận, huyện", [], "ongoing", None),
            ("Thủ trưởng các sở, ban, ngành", ANY, ANY, "date", D(2025, 12, 10)),
        ],
    },
    SO_TNMT.name: {
        "number": "1234/KH-STNMT",
        "date": D(2024, 2, 22),
        "issuer": "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "title": "KẾ HOẠCH Thực hiện công tác bảo vệ môi trường năm 2024",
        "tasks": [
            ("Tham mưu Giám đốc Sở", "Chi cục Bảo vệ môi trường", [], "date", D(2024, 6, 30)),
            (
                "Chủ trì, phối hợp với Thanh tra Sở",
                "Chi cục Bảo vệ môi trường",
                ["Thanh tra Sở"],
                "quarter",
                D(2024, 9, 30),
            ),
            ("Lập danh mục hồ, ao", "Phòng Tài nguyên nước", [], "month", D(2024, 9, 30)),
            ("Quan trắc, cảnh báo", "Phòng Tài nguyên nước", [], "recurring", ANY),
            (
                "Phối hợp với Trung tâm Công nghệ thông tin",
                "Văn phòng Sở",
                ["Trung tâm Công nghệ thông tin tài nguyên và môi trường"],
                "date",
                D(2024, 11, 15),
            ),
            (
                "Trưởng các phòng, đơn vị thuộc Sở",
                "Trưởng các phòng, đơn vị thuộc Sở",
                [],
                "date",
                D(2024, 12, 5),
            ),
        ],
    },
    TINH_DOAN.name: {
        "number": "112-KH/TĐTN-TG",
        "date": D(2024, 1, 12),
        "issuer": "BCH ĐOÀN TNCS HỒ CHÍ MINH TỈNH NGHỆ AN",
        "title": "KẾ HOẠCH Triển khai Tháng Thanh niên năm 2024",
        "tasks": [
            (
                "Tổ chức Lễ ra quân",
                "Ban Phong trào Tỉnh đoàn",
                ["Huyện đoàn Nghi Lộc"],
                "date",
                D(2024, 3, 4),
            ),
            (
                "Các huyện, thành, thị đoàn tổ chức",
                "Các huyện, thành, thị đoàn",
                [],
                "date",
                D(2024, 3, 10),
            ),
            ("Triển khai công trình thanh niên", ANY, ANY, "date", D(2024, 3, 26)),
            (
                "Hội Liên hiệp Thanh niên Việt Nam tỉnh chủ trì",
                "Hội Liên hiệp Thanh niên Việt Nam tỉnh",
                ["Hội Chữ thập đỏ tỉnh", "Bệnh viện Hữu nghị đa khoa Nghệ An"],
                "month",
                D(2024, 3, 31),
            ),
            ("Ban Tuyên giáo Tỉnh đoàn", "Ban Tuyên giáo Tỉnh đoàn", [], "date", D(2024, 4, 5)),
            # two actions, two deadlines: two tasks
            (
                "Các huyện, thành, thị đoàn, đoàn trực thuộc",
                "Các huyện, thành, thị đoàn, đoàn trực thuộc",
                [],
                "date",
                D(2024, 2, 25),
            ),
            (
                "báo cáo kết quả",
                "Các huyện, thành, thị đoàn, đoàn trực thuộc",
                [],
                "date",
                D(2024, 3, 31),
            ),
        ],
    },
    UBND_PHUONG.name: {
        "number": "36/KH-UBND",
        "date": D(2024, 2, 5),
        "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG VÕ THỊ SÁU",
        "title": "KẾ HOẠCH Phòng, chống dịch bệnh sốt xuất huyết",
        "tasks": [
            ("Giám sát, phát hiện sớm", "Trạm Y tế phường", [], "ongoing", None),
            ("Tổ chức tập huấn", "Trạm Y tế phường", [], "date", D(2024, 3, 31)),
            (
                "Công an phường phối hợp",
                "Công an phường",
                ["Trạm Y tế phường"],
                "ongoing",
                None,
            ),
            ("Đề nghị Ủy ban Mặt trận", ANY, ANY, "quarter", D(2024, 6, 30)),
            # the table in the body
            (
                "Phát thanh tuyên truyền",
                "Văn phòng - Thống kê phường",
                ["Ban điều hành các khu phố"],
                "recurring",
                ANY,
            ),
            (
                "In, phát tờ rơi",
                "Trạm Y tế phường",
                ["Hội Liên hiệp Phụ nữ phường"],
                "quarter",
                D(2024, 6, 30),
            ),
            (
                "Kiểm tra công trình xây dựng, điểm thu mua phế liệu",
                "Đội Quản lý trật tự đô thị",
                ["Trạm Y tế phường"],
                "recurring",
                ANY,
            ),
            ("Giao Trạm Y tế phường", "Trạm Y tế phường", [], "date", D(2024, 12, 15)),
        ],
    },
}


@pytest.fixture(scope="module")
def files(tmp_path_factory, qapp) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("qa2-plans")
    return {plan.name: write_all(plan, folder) for plan in PLANS}


def _check(plan, want: dict) -> list[str]:
    """Every difference from the clerk's reading, as lines (empty when none)."""
    out = header_problems(plan, want)
    got = plan.tasks
    if len(got) != len(want["tasks"]):
        out.append(f"{len(got)} tasks, expected {len(want['tasks'])}: {[t.text[:40] for t in got]}")
        return out
    for t, (start, lead, coords, kind, due) in zip(got, want["tasks"]):
        if not t.text.startswith(start):
            out.append(f"text {t.text[:60]!r}, expected {start!r}")
        if lead is not ANY and t.lead != lead:
            out.append(f"{start!r}: lead {t.lead!r}, expected {lead!r}")
        if coords is not ANY and t.coordinators != coords:
            out.append(f"{start!r}: coordinators {t.coordinators}, expected {coords}")
        if str(t.deadline.kind) != kind:
            out.append(f"{start!r}: deadline {t.deadline.kind}, expected {kind}")
        if due is not ANY and t.deadline.due != due:
            out.append(f"{start!r}: due {t.deadline.due}, expected {due}")
    return out


@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_plan_reads_as_a_clerk_expects(files, plan, fmt):
    path = files[plan.name][fmt]
    got = DocumentImporter().extract(path, ExtractOptions())
    assert _check(got, EXPECTED[plan.name]) == []


def test_the_pdf_has_the_artefacts_it_is_meant_to_exercise(files):
    """Wrapped lines, a running header and page numbers are really in the PDFs."""
    import pypdf

    reader = pypdf.PdfReader(files[UBND_TINH.name]["pdf"])
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(pages) >= 2
    assert all(UBND_TINH.running in t for t in pages)
    assert all(t.endswith(f" {n}") for n, t in enumerate(pages, 1))
    # a paragraph of the body wraps over several lines
    assert "Chủ trì, phối hợp với Sở Tư pháp" in pages[0]
    lines = reader.pages[0].extract_text().splitlines()
    assert not any("Quý II/2024" in ln and "Chủ trì" in ln for ln in lines)


def test_targets_and_recipients_are_not_tasks(files):
    for fmt in ("docx", "pdf", "txt"):
        plan = DocumentImporter().extract(files[SO_TNMT.name][fmt], ExtractOptions())
        texts = " ".join(t.text for t in plan.tasks)
        assert "100% chất thải rắn y tế" not in texts, fmt
        assert "95%" not in texts and "Phấn đấu 50%" not in texts, fmt
        assert "Lưu: VT" not in texts and "(b/c)" not in texts, fmt


def test_tab_separated_table_in_text_file(tmp_path):
    """A table copied out of Word into a .txt keeps its tabs: the rows are a table."""
    text = (
        "KẾ HOẠCH\nCải cách hành chính năm 2024\nI. NHIỆM VỤ CỤ THỂ\n"
        "TT\tNhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\n"
        "1\tRà soát thủ tục hành chính\tVăn phòng UBND tỉnh\tQuý II/2024\n"
        "2\tSố hóa hồ sơ\tSở Nội vụ\t\n"
    )
    f = tmp_path / "bang-tab.txt"
    f.write_text(text, encoding="utf-8")
    plan = DocumentImporter().extract(f, ExtractOptions(ref=D(2024, 1, 10)))
    assert [(t.text, t.lead) for t in plan.tasks] == [
        ("Rà soát thủ tục hành chính", "Văn phòng UBND tỉnh"),
        ("Số hóa hồ sơ", "Sở Nội vụ"),
    ]


def test_assignment_line_under_a_unit_heading_stays_a_task(tmp_path):
    """ "- Giao X thực hiện." under a heading naming a unit is a task of that heading,
    not the assignment of an item."""
    text = (
        "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2024\nII. NHIỆM VỤ CỤ THỂ\n"
        "1. Sở Nội vụ:\n"
        "- Giao Phòng Công chức, viên chức chủ trì thực hiện.\n"
        "- Tổng hợp, báo cáo kết quả trước ngày 15/12/2024.\n"
    )
    f = tmp_path / "giao.txt"
    f.write_text(text, encoding="utf-8")
    plan = DocumentImporter().extract(f, ExtractOptions(ref=D(2024, 1, 10)))
    assert len(plan.tasks) == 2


def test_table_numbers_survive_a_wrapped_stt_header(files):
    """ "STT" in a narrow PDF column comes out as "ST" / "T": still the number column."""
    plan = DocumentImporter().extract(files[UBND_PHUONG.name]["pdf"], ExtractOptions())
    assert [t.number for t in plan.tasks if t.source.startswith("bảng")] == ["1", "2", "3"]


def test_label_value_naming_lead_and_coordinators():
    from app.importers.plans.units import roles_in

    roles = roles_in(
        "Tổ chức Lễ ra quân.\nĐơn vị thực hiện: Ban Phong trào Tỉnh đoàn chủ trì, phối hợp "
        "với Huyện đoàn Nghi Lộc."
    )
    assert (roles.lead, roles.coordinators) == ("Ban Phong trào Tỉnh đoàn", ["Huyện đoàn Nghi Lộc"])


def test_issuer_wrapped_in_a_narrow_column_and_union_motto():
    from app.importers.plans.header import _issuer

    assert (
        _issuer(["BCH ĐOÀN TNCS HỒ CHÍ", "MINH", "TỈNH NGHỆ AN", "ĐOÀN TNCS HỒ CHÍ MINH"])
        == "BCH ĐOÀN TNCS HỒ CHÍ MINH TỈNH NGHỆ AN"
    )
    assert _issuer(["UBND TỈNH BÌNH ĐỊNH", "SỞ TÀI NGUYÊN VÀ MÔI", "TRƯỜNG"]) == (
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    )

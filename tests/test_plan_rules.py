"""The general rules issue 17 asks for, each on the smallest text that shows it.

Every case is written the way the form appears in real plans (the constructed plans in
tests/data/patterns put them together; the real openings are in tests/data/unseen).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.importers.base import ExtractOptions
from app.importers.plans.deadlines import deadlines_in
from app.importers.registry import extract_file

REF = date(2024, 3, 1)


def read(tmp_path: Path, text: str, name: str = "plan.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path, ExtractOptions(ref=REF))


def book(tmp_path: Path, rows: list[list], name: str = "book.xlsx"):
    """A one-sheet workbook of `rows` (first row the header), read by the importer."""
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(tmp_path / name)
    return extract_file(tmp_path / name, ExtractOptions(ref=REF))


def rows(plan) -> list[tuple]:
    return [
        (t.text, t.lead, t.coordinators, str(t.deadline.kind), t.deadline.due) for t in plan.tasks
    ]


# ---------------------------------------------------------------------- tables in text

PIPE_TABLE = """PHỤ LỤC
DANH MỤC NHIỆM VỤ
(Kèm theo Nghị quyết số 12/NQ-CP ngày 05 tháng 02 năm 2024 của Chính phủ)
TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành
I | Hoàn thiện thể chế | | | |
1 | Xây dựng Nghị định hướng dẫn Luật Đất đai | Bộ Tài nguyên và Môi trường | Bộ Tư pháp, Bộ Tài chính | Nghị định của Chính phủ | Quý II/2024
II | Chuyển đổi số | | | |
2 | Triển khai Đề án 06 | Bộ Công an | Các bộ, ngành, địa phương | Báo cáo Thủ tướng Chính phủ | Năm 2024
"""


def test_a_table_with_bars_between_cells_is_read_as_a_table(tmp_path):
    plan = read(tmp_path, PIPE_TABLE)
    assert rows(plan) == [
        (
            "Xây dựng Nghị định hướng dẫn Luật Đất đai",
            "Bộ Tài nguyên và Môi trường",
            ["Bộ Tư pháp", "Bộ Tài chính"],
            "quarter",
            date(2024, 6, 30),
        ),
        (
            "Triển khai Đề án 06",
            "Bộ Công an",
            ["Các bộ, ngành, địa phương"],
            "year",
            date(2024, 12, 31),
        ),
    ]
    # the product column is the product, the group rows are sections
    assert [t.product for t in plan.tasks] == [
        "Nghị định của Chính phủ",
        "Báo cáo Thủ tướng Chính phủ",
    ]
    assert [t.section for t in plan.tasks] == ["I", "II"]


def test_a_header_copied_from_a_web_page_is_not_a_table(tmp_path):
    plan = read(
        tmp_path,
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 130/KH-UBND | Ninh Bình, ngày 13 tháng 7 năm 2022 |\n"
        "KẾ HOẠCH\nGiám sát, đánh giá Chương trình\n"
        "1. Sở Lao động - Thương binh và Xã hội chủ trì tổng hợp, báo cáo trước ngày 15/12/2022.\n",
    )
    assert (plan.document.number, plan.document.date) == ("130/KH-UBND", date(2022, 7, 13))
    assert plan.document.issuer == "ỦY BAN NHÂN DÂN"
    assert [t.lead for t in plan.tasks] == ["Sở Lao động - Thương binh và Xã hội"]


def test_the_workbook_of_an_appendix_takes_number_and_date_from_its_kem_theo_line(tmp_path):
    lines = PIPE_TABLE.splitlines()
    plan = book(
        tmp_path, [[c.strip() for c in ln.split("|")] if "|" in ln else [ln] for ln in lines]
    )
    assert (plan.document.number, plan.document.date) == ("12/NQ-CP", date(2024, 2, 5))
    assert plan.document.title == "DANH MỤC NHIỆM VỤ"
    assert len(plan.tasks) == 2


def test_an_appendix_title_on_the_label_line_is_the_title():
    from app.importers.tables.titleblock import parse_title_block

    doc = parse_title_block(
        [
            ["PHỤ LỤC II: DANH MỤC NHIỆM VỤ NĂM 2024"],
            ["(Kèm theo Chỉ thị số 05/CT-UBND ngày 02/01/2024)"],
        ]
    )
    assert (doc.title, doc.number, doc.date) == (
        "DANH MỤC NHIỆM VỤ NĂM 2024",
        "05/CT-UBND",
        date(2024, 1, 2),
    )
    assert doc.issuer == ""


# ---------------------------------------------------------------------- decisions

DECISION = """ỦY BAN NHÂN DÂN
TỈNH BÌNH ĐỊNH
Số: 1528/QĐ-UBND
Bình Định, ngày 29 tháng 04 năm 2021
QUYẾT ĐỊNH
Ban hành Kế hoạch thực hiện Chương trình phát triển công tác xã hội
ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 phê duyệt "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030";
Thực hiện Quyết định số 471/QĐ-TTg ngày 26/4/2019 của Thủ tướng Chính phủ phê duyệt Đề án.
Theo đề nghị của Sở Lao động - Thương binh và Xã hội tại Tờ trình số 92/TTr-SLĐTBXH ngày 06/4/2021.
QUYẾT ĐỊNH:
Điều 1.
Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chương trình phát triển công tác xã hội.
Điều 2.Giao Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các cơ quan, đơn vị liên quan tổ chức triển khai thực hiện Kế hoạch này.
Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.
Chánh Văn phòng UBND tỉnh, Giám đốc các sở, ngành chịu trách nhiệm thi hành Quyết định này./.
"""


def test_a_decision_gives_the_task_it_assigns_not_its_bases_and_acts(tmp_path):
    plan = read(tmp_path, DECISION)
    assert [(t.text[:40], t.lead) for t in plan.tasks] == [
        ("Giao Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội")
    ]


def test_an_article_that_introduces_items_gives_the_items(tmp_path):
    plan = read(
        tmp_path,
        "QUYẾT ĐỊNH:\nĐiều 1. Giao nhiệm vụ cho các sở, ngành như sau:\n"
        "1. Sở Nội vụ: Tham mưu ban hành Quy chế, hoàn thành trong quý III/2024.\n"
        "2. Sở Tài chính: Bố trí kinh phí (thực hiện hằng năm).\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n",
    )
    assert [(t.lead, str(t.deadline.kind)) for t in plan.tasks] == [
        ("Sở Nội vụ", "quarter"),
        ("Sở Tài chính", "recurring"),
    ]


def test_a_basis_about_this_plan_that_assigns_work_is_a_task(tmp_path):
    plan = read(
        tmp_path,
        "III. TỔ CHỨC THỰC HIỆN\nCăn cứ Kế hoạch này, các sở, ban, ngành xây dựng kế hoạch "
        "thực hiện, gửi về Sở Nội vụ trước ngày 30/4/2024.\n",
    )
    assert [(t.lead, t.deadline.due) for t in plan.tasks] == [
        ("các sở, ban, ngành", date(2024, 4, 30))
    ]


# ---------------------------------------------------------------------- header


@pytest.mark.parametrize(
    ("lines", "issuer"),
    [
        (
            ["ĐẢNG BỘ TỈNH BÌNH DƯƠNG", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN", "VÀ DOANH NGHIỆP TỈNH"],
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        ),
        (["BAN CHỈ ĐẠO QUỐC GIA", "VỀ CHUYỂN ĐỔI SỐ"], "BAN CHỈ ĐẠO QUỐC GIA VỀ CHUYỂN ĐỔI SỐ"),
        (
            [
                "THỦ TƯỚNG CHÍNH",
                "PHỦ",
                "--------",
                "|",
                "CỘNG HÒA XÃ HỘI",
                "CHỦ NGHĨA VIỆT NAM",
                "|",
            ],
            "THỦ TƯỚNG CHÍNH PHỦ",
        ),
        (
            ["BAN CHẤP", "HÀNH TRUNG ƯƠNG |", "ĐOÀN TNCS HỒ", "CHÍ MINH |"],
            "BAN CHẤP HÀNH TRUNG ƯƠNG",
        ),
    ],
)
def test_the_issuer_keeps_its_words_and_their_order(tmp_path, lines, issuer):
    text = "\n".join(
        [
            *lines,
            "Số: 85-KH/ĐUK",
            "Thủ Dầu Một, ngày 08 tháng 01 năm 2024",
            "KẾ HOẠCH",
            "học tập Nghị quyết",
        ]
    )
    plan = read(tmp_path, text + "\n")
    assert plan.document.issuer == issuer
    assert (plan.document.number, plan.document.date) == ("85-KH/ĐUK", date(2024, 1, 8))


def test_a_number_on_the_line_after_so(tmp_path):
    plan = read(
        tmp_path,
        "ỦY\nBAN QUỐC GIA\n|\nSố:\n27/QĐ-UBQGCĐS\n|\nHà\nNội, ngày 15 tháng 3 năm 2022\n|\nQUYẾT ĐỊNH\nBan hành Kế hoạch\n",
    )
    assert (plan.document.number, plan.document.date) == ("27/QĐ-UBQGCĐS", date(2022, 3, 15))


def test_a_cited_document_date_is_not_the_plan_date(tmp_path):
    plan = read(
        tmp_path,
        "Chương trình hành động của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 57\n"
        "Ban Thường vụ Tỉnh ủy vừa ban hành Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW, "
        "ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ.\n",
    )
    assert plan.document.date is None
    assert plan.document.issuer == "Ban Thường vụ Tỉnh ủy"


# ---------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    "text",
    [
        "Hướng dẫn thực hiện Luật Viên chức (sửa đổi, bổ sung năm 2019) tại cơ sở.",
        "Triển khai Luật Đất đai năm 2024 đến người dân.",
        "Triển khai sắp xếp theo nội dung tại điểm 4.1 Điều này.",
        "Thực hiện theo hướng dẫn (mục 2.3 Phần II).",
        'Căn cứ Đề án "Chương trình chuyển đổi số đến năm 2025" xây dựng kế hoạch.',
        "Căn cứ Đề án “Chương trình chuyển đổi số đến năm 2025” xây dựng kế hoạch.",
    ],
)
def test_no_deadline_from_a_citation_or_a_number(text):
    assert deadlines_in(text, REF) == []


def test_a_real_deadline_next_to_a_law_is_kept():
    found = deadlines_in("Triển khai thi hành Luật Đất đai trong năm 2024.", REF)
    assert [(str(f.deadline.kind), f.deadline.due) for f in found] == [("year", date(2024, 12, 31))]


# ---------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        ("Cấp ủy các chi, đảng bộ cơ sở", ["Cấp ủy các chi, đảng bộ cơ sở"]),
        ("Các cấp ủy, tổ chức đảng trực thuộc", ["Các cấp ủy, tổ chức đảng trực thuộc"]),
        # a name wrapped in a cell (Alt+Enter, or a PDF line break) comes back whole
        ("Cấp ủy các chi,\nđảng bộ cơ sở", ["Cấp ủy các chi, đảng bộ cơ sở"]),
        ("Cấp ủy các chi, đảng bộ\ncơ sở", ["Cấp ủy các chi, đảng bộ cơ sở"]),
        # one unit a line stays one unit a line
        ("Công an huyện\nTrung tâm Y tế huyện", ["Công an huyện", "Trung tâm Y tế huyện"]),
        ("Sở Nội vụ, các sở liên quan", ["Sở Nội vụ", "các sở liên quan"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ],
)
def test_unit_names_with_a_comma_stay_whole(cell, units):
    from app.core.units import split_units

    assert split_units(cell) == units


def test_one_import_of_a_workbook_makes_no_fragments_of_a_comma_name(tmp_path):
    units = ("Cấp ủy các chi, đảng bộ cơ sở", "Cấp ủy các chi,\nđảng bộ cơ sở")
    plan = book(
        tmp_path,
        [
            ["STT", "Nội dung nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"],
            [1, "Xây dựng kế hoạch học tập Nghị quyết", units[0], "", "Quý I/2024"],
            [2, "Sơ kết việc học tập", "Ban Tuyên giáo", units[1], "Tháng 6/2024"],
            [3, "Tổng kết", "Các cấp ủy, tổ chức đảng trực thuộc", "Văn phòng", "Tháng 12/2024"],
        ],
    )
    assert plan.units() == [
        "Cấp ủy các chi, đảng bộ cơ sở",
        "Ban Tuyên giáo",
        "Các cấp ủy, tổ chức đảng trực thuộc",
        "Văn phòng",
    ]


@pytest.mark.parametrize(
    "name", ["các Ban", "các cơ quan", "các cơ quan liên quan", "những đơn vị có liên quan"]
)
def test_a_general_mention_is_never_a_unit_to_add(name):
    from app.core.units import is_generic_mention
    from app.importers.plans.units import roles_in

    assert is_generic_mention(name)
    roles = roles_in(f"Sở Y tế chủ trì, phối hợp với {name}, Sở Tài chính kiểm tra.")
    assert (roles.lead, roles.coordinators) == ("Sở Y tế", ["Sở Tài chính"])


@pytest.mark.parametrize(
    "name", ["các Ban của Đảng ủy Khối", "các sở, ban, ngành tỉnh", "các thành viên Ban Chỉ đạo"]
)
def test_a_qualified_group_is_kept(name):
    from app.core.units import is_generic_mention

    assert not is_generic_mention(name)


def test_a_lead_in_a_trailing_parenthesis_wins(tmp_path):
    plan = read(
        tmp_path,
        "III. TỔ CHỨC THỰC HIỆN\n1. Ủy ban nhân dân các huyện:\n"
        "- Triển khai sắp xếp khu phố tại địa phương, hoàn thành trong năm 2024.\n"
        "- Xử lý nghiêm các trường hợp gây mất an ninh, trật tự (Giao Công an tỉnh tham mưu).\n",
    )
    assert [t.lead for t in plan.tasks] == ["Ủy ban nhân dân các huyện", "Công an tỉnh"]


def test_a_heading_that_names_a_place_passes_it_to_the_items(tmp_path):
    plan = read(
        tmp_path,
        "II. NHIỆM VỤ\n2. Đối với Thủ đô Hà Nội:\n"
        "- Chỉ đạo các quận rà soát, hoàn thành trước ngày 30/9/2024.\n"
        "- Ủy ban nhân dân các phường báo cáo về Bộ Nội vụ trước ngày 15/10/2024.\n",
    )
    assert [t.lead for t in plan.tasks] == ["Thủ đô Hà Nội", "Ủy ban nhân dân các phường"]


# ---------------------------------------------------------------------- structures

STEPS = """III. TRÌNH TỰ THỰC HIỆN
Bước 1. Rà soát, lập danh sách
Ủy ban nhân dân các phường, xã tổ chức rà soát, lập danh sách hộ đề nghị hỗ trợ.
Thời gian hoàn tất: trước ngày 15/4/2024.
Bước 2. Thẩm định hồ sơ
Phòng Lao động - Thương binh và Xã hội chủ trì, phối hợp với Phòng Tài chính - Kế hoạch thẩm định hồ sơ. Hồ sơ gồm:
+ Đơn đề nghị hỗ trợ của hộ gia đình;
+ Bản sao giấy tờ chứng minh quyền sử dụng đất.
Thời gian hoàn tất: trước ngày 30/4/2024.
"""


def test_a_step_with_its_body_and_time_line_is_one_task(tmp_path):
    plan = read(tmp_path, STEPS)
    assert [(t.text[:24], t.lead, t.coordinators, t.deadline.due) for t in plan.tasks] == [
        ("Rà soát, lập danh sách: ", "Ủy ban nhân dân các phường, xã", [], date(2024, 4, 15)),
        (
            "Thẩm định hồ sơ: Phòng L",
            "Phòng Lao động - Thương binh và Xã hội",
            ["Phòng Tài chính - Kế hoạch"],
            date(2024, 4, 30),
        ),
    ]


BLOCKS = """II. NHIỆM VỤ, GIẢI PHÁP
1. Công tác tuyên truyền
a) Nội dung, biện pháp:
- Tổ chức tuyên truyền trên các phương tiện thông tin đại chúng.
- Biên soạn, phát hành cẩm nang cho cán bộ cấp xã.
b) Cơ quan chủ trì, phối hợp: Bộ Thông tin và Truyền thông chủ trì, phối hợp với Đài Truyền hình Việt Nam.
c) Thời gian thực hiện: Quý II/2024.
2. Kiểm tra, đánh giá
a) Nội dung, biện pháp: Kiểm tra việc cung cấp dịch vụ công trực tuyến.
b) Cơ quan chủ trì, phối hợp:
- Cơ quan chủ trì: Văn phòng Chính phủ.
- Cơ quan phối hợp: Bộ Nội vụ, Bộ Công an.
c) Thời gian thực hiện: Tháng 10/2024.
"""


def test_blocks_give_their_measures_with_the_blocks_units_and_time(tmp_path):
    plan = read(tmp_path, BLOCKS)
    assert [(t.text[:20], t.lead, t.coordinators, str(t.deadline.kind)) for t in plan.tasks] == [
        (
            "Tổ chức tuyên truyền",
            "Bộ Thông tin và Truyền thông",
            ["Đài Truyền hình Việt Nam"],
            "quarter",
        ),
        (
            "Biên soạn, phát hành",
            "Bộ Thông tin và Truyền thông",
            ["Đài Truyền hình Việt Nam"],
            "quarter",
        ),
        ("Kiểm tra việc cung c", "Văn phòng Chính phủ", ["Bộ Nội vụ", "Bộ Công an"], "month"),
    ]


def test_lists_that_hold_no_tasks_are_skipped(tmp_path):
    plan = read(
        tmp_path,
        "II. ĐIỀU KIỆN HỖ TRỢ\n- Là hộ nghèo theo danh sách được phê duyệt năm 2024;\n"
        "- Có nhà ở hư hỏng nặng.\nIII. THỨ TỰ ƯU TIÊN\n1. Hộ có người có công với cách mạng.\n"
        "IV. TỔ CHỨC THỰC HIỆN\n1. Phòng Nội vụ tiếp nhận hồ sơ. Hồ sơ gồm:\n"
        "+ Đơn đề nghị;\n+ Biên bản họp xét.\n"
        "2. Phòng Lao động - Thương binh và Xã hội hướng dẫn các xã (quý II/2024).\n"
        "3. Phòng Tài chính thẩm định dự toán, báo cáo trước ngày 30/6/2024.\n"
        "Hồ sơ thẩm định gồm:\n- Tờ trình;\n- Dự toán kinh phí.\n",
    )
    assert [t.lead for t in plan.tasks] == [
        "Phòng Nội vụ",
        "Phòng Lao động - Thương binh và Xã hội",
        "Phòng Tài chính",
    ]


@pytest.mark.parametrize("join", ["đồng thời hướng dẫn", "thường xuyên kiểm tra"])
def test_one_task_is_not_split_where_it_goes_on(tmp_path, join):
    plan = read(
        tmp_path,
        f"II. NHIỆM VỤ\n1. Sở Y tế tổ chức tập huấn (quý II/2024); {join} các xã triển khai "
        "(quý III/2024).\n",
    )
    assert len(plan.tasks) == 1
    assert plan.tasks[0].text.endswith("(quý III/2024).")


def test_a_report_period_after_a_deadline_is_still_a_task_of_its_own(tmp_path):
    plan = read(
        tmp_path,
        "II. NHIỆM VỤ\n1. Sở Y tế xây dựng kế hoạch (trong tháng 10/2024); định kỳ 6 tháng báo "
        "cáo kết quả về Ủy ban nhân dân tỉnh.\n",
    )
    assert len(plan.tasks) == 2


def test_a_heading_and_its_text_run_together_give_the_unit(tmp_path):
    plan = read(
        tmp_path,
        "II. TỔ CHỨC THỰC HIỆN\n4. Văn phòng Đảng ủy Khối Chủ trì, phối hợp với các Ban của "
        "Đảng ủy Khối theo dõi, đôn đốc việc thực hiện Kế hoạch (6 tháng, năm).\n",
    )
    assert [(t.lead, t.coordinators) for t in plan.tasks] == [
        ("Văn phòng Đảng ủy Khối", ["các Ban của Đảng ủy Khối"])
    ]


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("Hoàn thành việc hỗ trợ 120 hộ nghèo", False),
        ("Hoàn thành trong quý II/2024", False),
        ("Hoàn thành", True),
        ("Hoàn thành đúng hạn", True),
        ("Hoàn thành ngày 05/3/2024", True),
        ("Đã hoàn thành việc hỗ trợ", True),
    ],
)
def test_a_target_in_a_result_column_is_not_a_completion(cell, status):
    from app.importers.tables.cells import says_status

    assert says_status(cell) is status


def test_a_task_that_says_hoan_thanh_viec_is_open(tmp_path):
    result = "Hoàn thành việc hỗ trợ 120 hộ"
    header = ["STT", "Nội dung", "Chủ trì", "Thời gian", "Kết quả"]
    row = [1, "Sửa chữa nhà ở cho hộ nghèo", "Phòng Lao động", "Quý III/2024", result]
    task = book(tmp_path, [header, row]).tasks[0]
    assert (task.completed_on, task.product) == (None, "Hoàn thành việc hỗ trợ 120 hộ")


@pytest.mark.parametrize(
    ("line", "number", "day"),
    [
        (
            "(Kèm theo Nghị quyết 12/NQ-CP ngày 05 tháng 02 năm 2024 của Chính phủ)",
            "12/NQ-CP",
            date(2024, 2, 5),
        ),
        (
            "(Kèm theo Chương trình hành động số 28-CTr/TU ngày 15/3/2025)",
            "28-CTr/TU",
            date(2025, 3, 15),
        ),
        (
            "(Kèm theo Kế hoạch ngày 31/3/2022 thực hiện Kết luận số 21-KL/TW)",
            "",
            date(2022, 3, 31),
        ),
    ],
)
def test_the_kem_theo_line_above_a_workbook_table(line, number, day):
    from app.importers.tables.titleblock import parse_title_block

    doc = parse_title_block([["DANH MỤC NHIỆM VỤ"], [line]])
    assert (doc.number, doc.date) == (number, day)


@pytest.mark.parametrize(
    ("cell", "lead", "flagged"),
    [
        (
            "Văn phòng, các Ban của Đảng ủy Khối, các đoàn thể Khối",
            "Văn phòng, các Ban của Đảng ủy Khối, các đoàn thể Khối",
            False,
        ),
        ("Sở Nội vụ, các sở liên quan", "Sở Nội vụ", False),
        ("Sở Nội vụ, Sở Tài chính", "Sở Nội vụ", True),
    ],
)
def test_a_lead_cell_naming_several(tmp_path, cell, lead, flagged):
    header = ["STT", "Nội dung nhiệm vụ", "Chủ trì", "Thời gian"]
    task = book(
        tmp_path, [header, [1, "Theo dõi, đôn đốc việc thực hiện", cell, "Quý IV/2024"]]
    ).tasks[0]
    assert (task.lead, bool(task.problems)) == (lead, flagged)


def test_a_task_that_starts_like_a_decisions_act_is_kept_outside_an_article(tmp_path):
    plan = read(
        tmp_path,
        "II. NHIỆM VỤ\nPhê duyệt danh sách hộ được hỗ trợ, hoàn thành trước ngày 30/6/2024.\n"
        "Công bố công khai danh sách tại trụ sở Ủy ban nhân dân xã (tháng 7/2024).\n",
    )
    assert [t.text[:10] for t in plan.tasks] == ["Phê duyệt ", "Công bố cô"]


# ---------------------------------------------------------------------- letters, bases, chapters

LETTER = """VĂN PHÒNG CHÍNH PHỦ
Số: 6869/VPCP-KGVX
Hà Nội, ngày 25 tháng 9 năm 2021
Kính gửi: Đồng chí Bí thư Tỉnh ủy Bến Tre.
Tổ công tác đặc biệt của Chính phủ có văn bản số 3681/BC-TCT ngày 22 tháng 9 năm 2021 báo cáo Thủ tướng Chính phủ. Về việc này, Thủ tướng Chính phủ có ý kiến như sau:
Đồng chí Bí thư Tỉnh ủy Bến Tre chỉ đạo triển khai thực hiện nghiêm Công điện số 1099/CĐ-TTg ngày 22 tháng 8 năm 2021 của Thủ tướng Chính phủ.
Văn phòng Chính phủ xin thông báo để đồng chí Bí thư Tỉnh ủy Bến Tre biết, thực hiện./.
"""


def test_a_letter_gives_the_instruction_to_whom_it_is_given(tmp_path):
    plan = read(tmp_path, LETTER)
    assert (plan.document.number, plan.document.issuer) == ("6869/VPCP-KGVX", "VĂN PHÒNG CHÍNH PHỦ")
    assert [(t.text[:25], t.lead, str(t.deadline.kind)) for t in plan.tasks] == [
        ("Đồng chí Bí thư Tỉnh ủy B", "Đồng chí Bí thư Tỉnh ủy Bến Tre", "unspecified")
    ]


def test_whom_an_instruction_asks_leads_the_items_after_it(tmp_path):
    plan = read(
        tmp_path,
        "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH\nSố: 120/UBND-VX\nBình Định, ngày 04 tháng 3 năm 2024\n"
        "Ủy ban nhân dân tỉnh yêu cầu Sở Y tế thực hiện các nội dung sau:\n"
        "1. Tổ chức tiêm chủng tại các xã vùng sâu (quý II/2024).\n",
    )
    assert [t.lead for t in plan.tasks] == ["Sở Y tế"]


def test_a_list_of_bases_is_not_a_list_of_tasks(tmp_path):
    plan = read(
        tmp_path,
        "KẾ HOẠCH\nChuyển đổi số năm 2026\n"
        "- Luật Công nghệ thông tin ngày 29/6/2006;\n"
        "- Nghị quyết số 71/NQ-CP ngày 01/4/2025 về việc sửa đổi chương trình hành động;\n"
        "- Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình;\n"
        "- Sở Khoa học và Công nghệ tổng hợp, báo cáo trước ngày 15/12/2026.\n",
    )
    assert [t.lead for t in plan.tasks] == ["Sở Khoa học và Công nghệ"]


def test_a_chapter_heading_is_a_section_not_a_task(tmp_path):
    plan = read(
        tmp_path,
        "QUY CHẾ\nPhối hợp công tác\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n"
        "Điều 1. Nguyên tắc phối hợp\nChương II\nNỘI DUNG PHỐI HỢP\n"
        "Điều 5. Sở Nội vụ chủ trì tổng hợp, báo cáo kết quả phối hợp trước ngày 15/12/2024.\n",
    )
    assert [(t.lead, t.deadline.due) for t in plan.tasks] == [("Sở Nội vụ", date(2024, 12, 15))]


def test_the_issuer_stands_above_the_number_and_the_date_has_its_place(tmp_path):
    plan = read(
        tmp_path,
        "TỈNH ỦY THỪA THIÊN HUẾ\nĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 445-KL/TU\n"
        "Thừa Thiên Huế, ngày 13 tháng 5 năm 2022\nK ÉT LUẬN\nHỘI NGHỊ LẦN THỨ BẢY\n"
        "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHOÁ XVI)\nHội nghị họp ngày 26/4/2022 đã thảo luận và kết luận:\n",
    )
    assert plan.document.issuer == "TỈNH ỦY THỪA THIÊN HUẾ"
    assert plan.document.date == date(2022, 5, 13)

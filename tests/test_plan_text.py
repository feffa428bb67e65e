"""The plan reader piece by piece: header, lines, units, deadlines, which items are tasks."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.units import looks_like_unit
from app.importers.plans.deadlines import deadlines_in, split_by_deadlines
from app.importers.plans.header import parse_header
from app.importers.plans.lines import Line, join_lines, marker_of
from app.importers.plans.tasks import PlanReader
from app.importers.plans.units import heading_unit, roles_in


def lines(*texts: str) -> list[Line]:
    return [Line(t, where=f"dòng {i}") for i, t in enumerate(texts, 1)]


# ---------------------------------------------------------------------- header

HEADERS = [
    (  # Party format, motto after the issuer (a Word header table read cell by cell)
        [
            "ĐẢNG BỘ TỈNH NINH THUẬN",
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "*",
            "Số 127-KH/ĐUK",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Phan Rang - Tháp Chàm, ngày 05 tháng 4 năm 2023",
            "KẾ HOẠCH",
            "thực hiện Kết luận số 21-KL/TW",
        ],
        ("127-KH/ĐUK", date(2023, 4, 5), "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"),
    ),
    (  # state format, both columns on one line as a PDF gives them, no space in "31tháng"
        [
            "UBND TỈNH LÂM ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc",
            "Số: 45 /KH-SNV Lâm Đồng, ngày 31tháng 3 năm 2022",
            "KẾ HOẠCH",
            "Triển khai công tác cải cách hành chính năm 2022",
        ],
        ("45/KH-SNV", date(2022, 3, 31), "SỞ NỘI VỤ"),
    ),
    (  # issuer over two lines, number with a legal-looking code
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH NAM ĐỊNH",
            "Số: 1234/KH-UBND",
            "Nam Định, ngày 2 tháng 02 năm 2024",
            "KẾ HOẠCH Thực hiện Nghị quyết số 57-NQ/TW",
        ],
        ("1234/KH-UBND", date(2024, 2, 2), "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH"),
    ),
    (  # a Chương trình hành động of a Tỉnh ủy
        [
            "TỈNH ỦY BẮC NINH",
            "Số 12-CTr/TU",
            "Bắc Ninh, ngày 10 tháng 10 năm 2021",
            "CHƯƠNG TRÌNH HÀNH ĐỘNG",
            "thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        ],
        ("12-CTr/TU", date(2021, 10, 10), "TỈNH ỦY BẮC NINH"),
    ),
]


@pytest.mark.parametrize(("texts", "want"), HEADERS)
def test_header(texts, want):
    h = parse_header(lines(*texts, "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;"))
    assert (h.document.number, h.document.date, h.document.issuer) == want
    assert h.document.title.startswith(("KẾ HOẠCH", "CHƯƠNG TRÌNH"))
    assert lines(*texts)[h.body_start - 1].text == texts[-1]  # the preamble is body


def test_title_ends_where_the_preamble_starts():
    h = parse_header(
        lines(
            "KẾ HOẠCH",
            "Triển khai thực hiện Đề án phát triển",
            "du lịch tỉnh giai đoạn 2023 - 2025",
            "Thực hiện Quyết định số 12/QĐ-UBND ngày 02/01/2023 của UBND tỉnh, Sở Văn hóa",
        )
    )
    assert h.document.title == (
        "KẾ HOẠCH Triển khai thực hiện Đề án phát triển du lịch tỉnh giai đoạn 2023 - 2025"
    )
    assert h.body_start == 3


def test_unsigned_date_is_not_guessed():
    h = parse_header(
        lines("Số:      /KH-UBND", "Hà Nội, ngày      tháng 5 năm 2024", "KẾ HOẠCH", "x")
    )
    assert h.document.date is None


# ---------------------------------------------------------------------- lines


def test_wrapped_pdf_text_becomes_paragraphs():
    paras = join_lines(
        lines(
            "III. NHIỆM VỤ CỦA CÁC BAN XÂY DỰNG ĐẢNG, CÁC TỔ CHỨC",
            "CƠ SỞ ĐẢNG TRỰC THUỘC",
            "1. Các cấp ủy căn cứ Kết luận số 21-KL/TW, Kế hoạch số 33-",
            "KH/TU và Kế hoạch này, xây dựng kế hoạch của cơ quan, đơn vị mình; các tổ chức chính trị",
            "- xã hội tham gia giám sát (thực hiện thường xuyên).",
            "3",
            "2. Văn phòng Đảng ủy Khối theo dõi, tổng hợp.",
        )
    )
    assert [p.text for p in paras] == [
        "III. NHIỆM VỤ CỦA CÁC BAN XÂY DỰNG ĐẢNG, CÁC TỔ CHỨC CƠ SỞ ĐẢNG TRỰC THUỘC",
        "1. Các cấp ủy căn cứ Kết luận số 21-KL/TW, Kế hoạch số 33-KH/TU và Kế hoạch này, xây "
        "dựng kế hoạch của cơ quan, đơn vị mình; các tổ chức chính trị - xã hội tham gia giám "
        "sát (thực hiện thường xuyên).",
        "2. Văn phòng Đảng ủy Khối theo dõi, tổng hợp.",
    ]


def test_paragraph_per_line_text_keeps_its_paragraphs():
    long = "Thực hiện nghiêm việc tự phê bình và phê bình trong sinh hoạt đảng, " * 3
    paras = join_lines(lines(f"1. {long}giữ", "vững ổn định.", f"2. {long}(*thực hiện hằng năm*)."))
    assert len(paras) == 2 and paras[0].text.endswith("giữ vững ổn định.")


@pytest.mark.parametrize(
    ("text", "style", "label"),
    [
        ("II. NHIỆM VỤ, GIẢI PHÁP", "roman", "II"),
        ("IV - TỔ CHỨC THỰC HIỆN", "roman", "IV"),
        ("2.3. Sở Tài chính", "n2", "2.3"),
        ("3) Rà soát văn bản", "n1", "3"),
        ("a) Rà soát văn bản", "letter", "a"),
        ("đ) Tổng kết", "letter", "đ"),
        ("– Tham mưu tổng kết", "-", "–"),
        ("+ Tham mưu tổng kết", "+", "+"),
        ("• Tham mưu tổng kết", "•", "•"),
        ("* Đối với công tác tuyên giáo:", "*", "*"),
        ("II/2023).", None, None),
        ("2025, định hướng đến năm 2030", None, None),
        ("*thực hiện thường xuyên*", None, None),
    ],
)
def test_list_markers(text, style, label):
    mk = marker_of(text)
    assert (mk.style if mk else None, mk.label if mk else None) == (style, label)


# ---------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("text", "lead", "coordinators"),
    [
        (
            "Sở Xây dựng chủ trì, phối hợp với Ủy ban nhân dân các huyện, thành phố triển khai",
            "Sở Xây dựng",
            ["Ủy ban nhân dân các huyện, thành phố"],
        ),
        (
            # "các cơ quan liên quan" is a general mention, not a unit to add (issue 17)
            "Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan theo dõi",
            "Ban Tổ chức Tỉnh ủy",
            [],
        ),
        (
            "Rà soát văn bản (Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ; quý II/2023)",
            "Sở Tư pháp",
            ["Sở Nội vụ"],
        ),
        (
            "Rà soát. Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Sở Tài chính.",
            "Sở Nội vụ",
            ["Sở Tài chính"],
        ),
        ("Sở Tài chính: Tham mưu bố trí kinh phí.", "Sở Tài chính", []),
        (
            "Tổ chức hội nghị sơ kết; Sở Tài chính, Sở Nội vụ phối hợp.",
            None,
            ["Sở Tài chính", "Sở Nội vụ"],
        ),
        ("Số hóa hồ sơ lưu trữ của tỉnh.", None, []),
        ("Ban hành Quy chế làm việc.", None, []),
        (  # the subject of the sentence does the work, with the others
            "Phòng Kinh tế phối hợp với Văn phòng HĐND và UBND xã cập nhật cơ sở dữ liệu đất đai.",
            "Phòng Kinh tế",
            ["Văn phòng HĐND và UBND xã"],
        ),
        (  # unit groups of one subject, separated by a semicolon
            "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố căn cứ Kế hoạch này tổ chức "
            "thực hiện; báo cáo kết quả về Sở Nội vụ trước ngày 30/3/2025.",
            "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố",
            [],
        ),
        (  # a coordinator's name ends where a verb of the predicate starts
            "Kho bạc Nhà nước tỉnh, Cục Thuế tỉnh phối hợp với Sở Tài chính kiểm soát chi.",
            "Kho bạc Nhà nước tỉnh, Cục Thuế tỉnh",
            ["Sở Tài chính"],
        ),
        (
            "Bộ Chỉ huy Quân sự tỉnh chủ trì, phối hợp với Công an tỉnh, Bộ Chỉ huy Bộ đội Biên "
            "phòng tỉnh xây dựng kế hoạch.",
            "Bộ Chỉ huy Quân sự tỉnh",
            ["Công an tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"],
        ),
        (
            "Sở TN&MT chủ trì, phối hợp với Sở NN&PTNT, UBND cấp huyện thực hiện.",
            "Sở TN&MT",
            ["Sở NN&PTNT", "UBND cấp huyện"],
        ),
    ],
)
def test_roles(text, lead, coordinators):
    roles = roles_in(text)
    assert (roles.lead, roles.coordinators) == (lead, coordinators)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Ban Tổ chức Đảng ủy Khối", "Ban Tổ chức Đảng ủy Khối"),
        ("Đảng đoàn Hội đồng nhân dân tỉnh", "Đảng đoàn Hội đồng nhân dân tỉnh"),
        (
            "Các sở, ban, ngành; Ủy ban nhân dân các huyện:",
            "Các sở, ban, ngành; Ủy ban nhân dân các huyện",
        ),
        ("Trách nhiệm của Sở Nội vụ", "Sở Nội vụ"),
        ("Công tác tuyên truyền", None),
        ("Đối với công tác tổ chức xây dựng Đảng:", None),
        ("Phát triển hạ tầng số (năm 2023)", None),
    ],
)
def test_heading_units(text, unit):
    assert heading_unit(text) == unit


def test_general_addressees_are_units():
    assert looks_like_unit("các cấp ủy, tổ chức đảng trực thuộc")
    assert looks_like_unit("Các sở, ban, ngành")
    assert not looks_like_unit("Các nội dung của Kế hoạch")


# ---------------------------------------------------------------------- deadlines

REF = date(2022, 3, 31)


def test_two_actions_with_two_deadlines_are_two_tasks():
    text = (
        "Xây dựng kế hoạch thực hiện Kết luận, hoàn thành trong quý II/2022; tổng hợp, báo cáo "
        "kết quả về Ban Thường vụ trước 30/10 hằng năm."
    )
    pieces = split_by_deadlines(text, deadlines_in(text, REF))
    assert [p[0][:20] for p in pieces] == ["Xây dựng kế hoạch th", "tổng hợp, báo cáo kế"]
    assert [(str(f.deadline.kind), f.deadline.due) for _, f in pieces] == [
        ("quarter", date(2022, 6, 30)),
        ("recurring", date(2022, 10, 30)),
    ]


def test_marked_deadline_wins_over_dates_of_cited_documents():
    text = (
        "Tham mưu thực hiện Kế hoạch số 11-KH/TU, ngày 24/5/2021 của Ban Thường vụ Tỉnh ủy về "
        "nâng cao chất lượng đảng viên giai đoạn 2021-2025 (*thực hiện thường xuyên*)."
    )
    found = deadlines_in(text, REF)
    assert [str(f.deadline.kind) for f in found] == ["ongoing"]


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        (  # a report schedule: each period with its day in brackets
            "Định kỳ báo cáo kết quả hằng quý (trước ngày 15 của tháng cuối quý), 6 tháng (trước "
            "ngày 15/6/2024), năm (trước ngày 15/11/2024) gửi Sở Nội vụ.",
            "recurring",
            date(2024, 3, 15),
        ),
        (
            "Báo cáo kết quả thực hiện 6 tháng (trước ngày 10/6) và năm (trước ngày 10/11).",
            "recurring",
            date(2024, 6, 10),
        ),
        (
            "Tổng hợp, báo cáo kết quả về UBND xã định kỳ hằng tháng (trước ngày 20).",
            "recurring",
            date(2024, 3, 20),
        ),
        (  # one dated report is not a schedule
            "Báo cáo sơ kết 6 tháng (trước ngày 15/6/2024).",
            "date",
            date(2024, 6, 15),
        ),
        (  # a time of its own right after a cited document's code
            "Tham mưu sơ kết 03 năm thực hiện Chỉ thị số 18-CT/TU vào năm thứ 3 của nhiệm kỳ.",
            "term",
            date(2023, 12, 31),
        ),
        (  # recurrent spending, and an annual programme of someone, are not deadlines
            "Tham mưu bố trí kinh phí từ nguồn chi thường xuyên của Sở.",
            None,
            None,
        ),
        (
            "Cụ thể hóa các nhiệm vụ thành chương trình công tác hằng năm của Ủy ban nhân dân.",
            None,
            None,
        ),
    ],
)
def test_deadlines_of_task_sentences(text, kind, due):
    found = deadlines_in(text, date(2024, 3, 12))
    best = found[-1].deadline if len(found) == 1 else None
    assert (str(best.kind) if best else None, best.due if best else None) == (kind, due), found


def test_unmarked_document_dates_are_not_deadlines():
    assert (
        deadlines_in("Quán triệt Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành.", REF)
        == []
    )


# ---------------------------------------------------------------------- structure

PLAN = """KẾ HOẠCH
triển khai công tác năm 2023
Căn cứ tình hình thực tế, Sở Nội vụ ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng công tác (thực hiện thường xuyên).
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Mục tiêu
- Đến năm 2025, 100% hồ sơ được số hóa.
2. Nhiệm vụ cụ thể (hoàn thành trong năm 2023)
a) Phòng Tổ chức rà soát vị trí việc làm.
b) Phòng Công chức tham mưu tuyển dụng công chức (Quý III/2023).
- Cơ quan phối hợp: Sở Tài chính.
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng Sở
- Theo dõi, đôn đốc, báo cáo kết quả trước ngày 15/12/2023.
Trong quá trình thực hiện, nếu có vướng mắc, các phòng báo cáo Giám đốc Sở./.
Nơi nhận:
- Như trên;
- Lưu: VT."""


def test_which_items_are_tasks_and_who_leads_them():
    plan = PlanReader(ref=date(2023, 1, 5)).read(lines(*PLAN.splitlines()))
    got = [(t.text[:24], t.lead, str(t.deadline.kind), t.deadline.due) for t in plan.tasks]
    assert got == [
        ("Phòng Tổ chức rà soát vị", "Phòng Tổ chức", "year", date(2023, 12, 31)),
        ("Phòng Công chức tham mưu", "Phòng Công chức", "quarter", date(2023, 9, 30)),
        ("Theo dõi, đôn đốc, báo c", "Văn phòng Sở", "date", date(2023, 12, 15)),
    ]
    assert plan.tasks[1].coordinators == ["Sở Tài chính"]
    assert plan.tasks[0].section == "II.2"
    assert plan.document.issuer == "Sở Nội vụ"


def test_text_without_numbering_has_topics_and_a_closing():
    """A web copy that lost Word's numbering: capitals for sections, short topic lines,
    plain paragraphs for tasks, "Trên đây là …" to close."""
    text = """KẾ HOẠCH
xây dựng nông thôn mới năm 2024
Căn cứ tình hình thực tế, UBND thành phố ban hành Kế hoạch như sau:
MỤC ĐÍCH, YÊU CẦU
Huy động các nguồn lực xây dựng nông thôn mới nâng cao trên địa bàn thành phố.
NHIỆM VỤ VÀ GIẢI PHÁP
Công tác tuyên truyền, vận động
Đẩy mạnh tuyên truyền, vận động Nhân dân tham gia xây dựng nông thôn mới (thường xuyên).
Phát triển sản xuất
Phòng Kinh tế hướng dẫn các xã xây dựng sản phẩm OCOP mới, hoàn thành trong quý III/2024.
Trên đây là Kế hoạch xây dựng nông thôn mới năm 2024; yêu cầu các cơ quan triển khai./."""
    plan = PlanReader(ref=date(2024, 2, 26)).read(lines(*text.splitlines()))
    got = [(t.text[:20], t.lead, str(t.deadline.kind)) for t in plan.tasks]
    assert got == [
        ("Đẩy mạnh tuyên truyề", None, "ongoing"),
        ("Phòng Kinh tế hướng ", "Phòng Kinh tế", "quarter"),
    ]


def test_a_wrapped_quarter_is_not_a_heading():
    """ "(hoàn thành trong quý" / "III/2024)." : Roman numerals are not capitals."""
    paras = join_lines(
        lines(
            "1. Tổ chức học tập, quán triệt Quy định đến toàn thể cán bộ, đảng viên bằng hình",
            "thức phù hợp, gắn với sinh hoạt chi bộ định kỳ (hoàn thành trong quý",
            "III/2024).",
            "2. Cụ thể hóa các chuẩn mực đạo đức thành tiêu chí đánh giá cán bộ, đảng viên.",
        )
    )
    assert len(paras) == 2 and paras[0].text.endswith("quý III/2024).")


def test_appendix_subtitle_and_pointer_are_not_tasks():
    text = """KẾ HOẠCH
chuyển đổi số năm 2025
II. NHIỆM VỤ
1. Sở Khoa học và Công nghệ hướng dẫn các xã triển khai nền tảng số (Quý II/2025).
2. Nhiệm vụ cụ thể của các cơ quan, đơn vị được phân công tại Phụ lục kèm theo Kế hoạch này.
PHỤ LỤC
(Kèm theo Kế hoạch số 12/KH-UBND ngày 15/3/2025 của UBND tỉnh)"""
    plan = PlanReader(ref=date(2025, 3, 15)).read(lines(*text.splitlines()))
    assert [t.lead for t in plan.tasks] == ["Sở Khoa học và Công nghệ"]


def test_unit_heading_with_plain_paragraphs_and_a_target_among_tasks():
    text = """KẾ HOẠCH
thực hiện nhiệm vụ năm 2025
II. NHIỆM VỤ CỤ THỂ
1. Rà soát quy hoạch cán bộ. Đơn vị thực hiện: Ban Tổ chức Tỉnh ủy; Ủy ban Kiểm tra Tỉnh ủy phối hợp. Hoàn thành trong tháng 9/2025.
2. Mục tiêu đến năm 2025 có 100% tổ chức đảng được kiểm tra.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ
Chủ trì, phối hợp với các sở tham mưu sắp xếp tổ chức bộ máy trước ngày 30/6/2025.
Hướng dẫn, kiểm tra việc thực hiện chế độ công vụ (thường xuyên).
2. Đề nghị các cơ quan Trung ương đóng trên địa bàn tỉnh phối hợp thực hiện."""
    plan = PlanReader(ref=date(2025, 3, 1)).read(lines(*text.splitlines()))
    got = [(t.text[:16], t.lead, str(t.deadline.kind)) for t in plan.tasks]
    assert got == [
        ("Rà soát quy hoạc", "Ban Tổ chức Tỉnh ủy", "month"),
        ("Chủ trì, phối hợ", "Sở Nội vụ", "date"),
        ("Hướng dẫn, kiểm ", "Sở Nội vụ", "ongoing"),
        ("Đề nghị các cơ q", "các cơ quan Trung ương đóng trên địa bàn tỉnh", "unspecified"),
    ]
    assert plan.tasks[0].coordinators == ["Ủy ban Kiểm tra Tỉnh ủy"]

"""Four plans in forms the other test plans do not have, and writers for them.

Each plan is a list of blocks written by hand the way an office lays it out (two-column
header, centred bold title, bold Roman headings, italic time lines, a signature block
beside "Nơi nhận", an appendix table), rendered as Word (python-docx: real bold, italic
and table), as a text-layer PDF printed by Qt (wrapped lines, a running header and a page
number on every page) and as text. tests/test_import_documents_qa2.py reads them back.

Markup inside a paragraph: `*…*` is italic.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class B:
    kind: str  # "cols" (two-column block), "title", "p", "table", "pagebreak"
    text: str = ""
    bold: bool = False
    center: bool = False
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def cols(left: list[str], right: list[str]) -> B:
    return B("cols", left=left, right=right)


def title(text: str) -> B:
    return B("title", text, bold=True, center=True)


def p(text: str, bold: bool = False, center: bool = False) -> B:
    return B("p", text, bold=bold, center=center)


def h(text: str) -> B:
    return B("p", text, bold=True)


def table(rows: list[list[str]]) -> B:
    return B("table", rows=rows)


@dataclass
class Plan:
    name: str
    running: str  # the running header printed on every PDF page
    blocks: list[B]


# ---------------------------------------------------------------------- the plans

UBND_TINH = Plan(
    "ubnd_tinh_phu_luc",
    "Kế hoạch số 45/KH-UBND của UBND tỉnh Quảng Ngãi",
    [
        cols(
            ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 45/KH-UBND"],
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "*Quảng Ngãi, ngày 15 tháng 3 năm 2024*",
            ],
        ),
        title("KẾ HOẠCH"),
        title("Thực hiện Đề án vị trí việc làm trong cơ quan hành chính tỉnh năm 2024"),
        p(
            "Căn cứ Nghị định số 62/2020/NĐ-CP ngày 01/6/2020 của Chính phủ về vị trí việc "
            "làm và biên chế công chức; Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như "
            "sau:"
        ),
        h("I. MỤC ĐÍCH, YÊU CẦU"),
        p(
            "1. Xác định rõ trách nhiệm của các cơ quan, đơn vị trong việc xây dựng, hoàn "
            "thiện vị trí việc làm, bảo đảm hoàn thành trước ngày 31/12/2024."
        ),
        p(
            "2. Việc triển khai phải bảo đảm đúng quy định, công khai, minh bạch, gắn với "
            "sắp xếp tổ chức bộ máy tinh gọn."
        ),
        h("II. NHIỆM VỤ CỤ THỂ"),
        p("Các nhiệm vụ cụ thể theo Phụ lục kèm theo Kế hoạch này."),
        h("III. TỔ CHỨC THỰC HIỆN"),
        h("1. Sở Nội vụ:"),
        p(
            "- Chủ trì, phối hợp với Sở Tư pháp, Văn phòng Ủy ban nhân dân tỉnh tham mưu Ủy "
            "ban nhân dân tỉnh ban hành Quy chế quản lý vị trí việc làm trong các cơ quan "
            "hành chính của tỉnh. Thời gian thực hiện: Quý II/2024."
        ),
        p(
            "- Hướng dẫn các cơ quan, đơn vị rà soát, điều chỉnh danh mục vị trí việc làm; "
            "tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 30/9/2024."
        ),
        h("2. Sở Tài chính:"),
        p(
            "Thẩm định, tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí thực hiện Kế hoạch từ "
            "nguồn ngân sách tỉnh. Thời gian thực hiện: Thường xuyên."
        ),
        h("3. Sở Thông tin và Truyền thông:"),
        p(
            "Phối hợp với Sở Nội vụ xây dựng phần mềm quản lý vị trí việc làm, kết nối với "
            "Cơ sở dữ liệu cán bộ, công chức của tỉnh. Thời gian thực hiện: tháng 10/2024."
        ),
        h("4. Các sở, ban, ngành tỉnh; Ủy ban nhân dân các huyện, thị xã, thành phố:"),
        p(
            "Căn cứ Kế hoạch này, xây dựng kế hoạch thực hiện tại cơ quan, đơn vị, địa "
            "phương mình; gửi về Sở Nội vụ trước ngày 30/4/2024 để theo dõi."
        ),
        p(
            "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản "
            "ánh về Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, quyết "
            "định./."
        ),
        cols(
            [
                "*Nơi nhận:*",
                "- Bộ Nội vụ (b/c);",
                "- TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
                "- CT, các PCT UBND tỉnh;",
                "- Các sở, ban, ngành tỉnh;",
                "- UBND các huyện, thị xã, thành phố;",
                "- Lưu: VT, NC.",
            ],
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Trần Phước Hiền"],
        ),
        B("pagebreak"),
        p("PHỤ LỤC", bold=True, center=True),
        p("DANH MỤC NHIỆM VỤ THỰC HIỆN ĐỀ ÁN VỊ TRÍ VIỆC LÀM NĂM 2024", bold=True, center=True),
        p(
            "*(Kèm theo Kế hoạch số 45/KH-UBND ngày 15/3/2024 của Ủy ban nhân dân tỉnh)*",
            center=True,
        ),
        table(
            [
                [
                    "TT",
                    "Nhiệm vụ",
                    "Cơ quan chủ trì",
                    "Cơ quan phối hợp",
                    "Thời gian hoàn thành",
                    "Sản phẩm",
                ],
                [
                    "1",
                    "Rà soát, thống kê số lượng vị trí việc làm hiện có",
                    "Sở Nội vụ",
                    "Các sở, ban, ngành",
                    "Tháng 5/2024",
                    "Báo cáo rà soát",
                ],
                [
                    "2",
                    "Xây dựng bản mô tả công việc và khung năng lực từng vị trí",
                    "Các sở, ban, ngành",
                    "Sở Nội vụ",
                    "Quý III/2024",
                    "Bản mô tả công việc",
                ],
                [
                    "3",
                    "Thẩm định danh mục vị trí việc làm của các cơ quan",
                    "Sở Nội vụ",
                    "Sở Tài chính, Sở Tư pháp",
                    "30/11/2024",
                    "Văn bản thẩm định",
                ],
                [
                    "4",
                    "Trình Ủy ban nhân dân tỉnh phê duyệt vị trí việc làm",
                    "Sở Nội vụ",
                    "Văn phòng UBND tỉnh",
                    "Trước 31/12/2024",
                    "Quyết định phê duyệt",
                ],
            ]
        ),
    ],
)

HUYEN_UY = Plan(
    "huyen_uy_lettered",
    "Kế hoạch số 58-KH/HU",
    [
        cols(
            ["ĐẢNG BỘ TỈNH QUẢNG NAM", "HUYỆN ỦY THĂNG BÌNH", "*", "Số 58-KH/HU"],
            ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "*Thăng Bình, ngày 20 tháng 12 năm 2024*"],
        ),
        title("KẾ HOẠCH"),
        title(
            "tổ chức các hoạt động kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất "
            "nước (30/4/1975 - 30/4/2025)"
        ),
        p("-----", center=True),
        p(
            "Thực hiện Kế hoạch số 215-KH/TU ngày 02/12/2024 của Ban Thường vụ Tỉnh ủy, Ban "
            "Thường vụ Huyện ủy xây dựng Kế hoạch tổ chức các hoạt động kỷ niệm như sau:"
        ),
        h("I. MỤC ĐÍCH, YÊU CẦU"),
        p(
            "1. Tuyên truyền sâu rộng ý nghĩa lịch sử của Chiến dịch Hồ Chí Minh, khơi dậy "
            "niềm tự hào dân tộc, lòng yêu nước trong cán bộ, đảng viên và Nhân dân."
        ),
        p(
            "2. Các hoạt động kỷ niệm được tổ chức trang trọng, thiết thực, tiết kiệm, gắn "
            "với thực hiện nhiệm vụ chính trị của địa phương."
        ),
        h("II. NHIỆM VỤ CỤ THỂ"),
        h("1. Công tác tuyên truyền"),
        p(
            "a) Tổ chức hội nghị báo cáo viên chuyên đề về ý nghĩa lịch sử, bài học kinh "
            "nghiệm của cuộc kháng chiến chống Mỹ, cứu nước."
        ),
        p("- Thời gian: Trong tháng 3/2025."),
        p(
            "- Giao Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Trung tâm Chính trị huyện "
            "thực hiện."
        ),
        p(
            "b) Treo băng rôn, khẩu hiệu, cờ Đảng, cờ Tổ quốc tại trụ sở các cơ quan, đơn vị "
            "và trên các tuyến đường chính của huyện."
        ),
        p("- Thời gian: Từ ngày 15/4/2025 đến ngày 05/5/2025."),
        p(
            "- Giao Ủy ban nhân dân huyện chỉ đạo Phòng Văn hóa và Thông tin huyện, Ủy ban "
            "nhân dân các xã, thị trấn thực hiện."
        ),
        p(
            "c) Tổ chức Lễ mít tinh kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất "
            "nước tại Trung tâm hành chính huyện."
        ),
        p("- Thời gian: Dự kiến ngày 28/4/2025."),
        p(
            "- Giao Ủy ban nhân dân huyện chủ trì, phối hợp với Ban Tuyên giáo Huyện ủy, Ủy "
            "ban Mặt trận Tổ quốc Việt Nam huyện tổ chức."
        ),
        h("2. Các hoạt động văn hóa, thể thao"),
        p(
            "a) Tổ chức giải bóng đá thanh niên chào mừng kỷ niệm 50 năm Ngày giải phóng "
            "miền Nam, thống nhất đất nước."
        ),
        p("- Thời gian: Tháng 4/2025."),
        p(
            "- Giao Huyện đoàn chủ trì, phối hợp với Trung tâm Văn hóa - Thể thao và Truyền "
            "thanh huyện thực hiện."
        ),
        p("b) Tổ chức chương trình nghệ thuật chào mừng tại Quảng trường huyện."),
        p("- Thời gian: Tối ngày 29/4/2025."),
        p("- Giao Trung tâm Văn hóa - Thể thao và Truyền thanh huyện chủ trì thực hiện."),
        h("III. TỔ CHỨC THỰC HIỆN"),
        p(
            "1. Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Văn phòng Huyện ủy theo dõi, "
            "hướng dẫn thực hiện Kế hoạch; tổng hợp kết quả, báo cáo Ban Thường vụ Huyện ủy "
            "trước ngày 15/5/2025."
        ),
        p(
            "2. Các chi, đảng bộ cơ sở căn cứ Kế hoạch này xây dựng kế hoạch thực hiện phù "
            "hợp với tình hình đơn vị, hoàn thành trước ngày 15/01/2025."
        ),
        cols(
            [
                "*Nơi nhận:*",
                "- Ban Thường vụ Tỉnh ủy (b/c),",
                "- Ban Tuyên giáo Tỉnh ủy (b/c),",
                "- Các đồng chí Huyện ủy viên,",
                "- Các chi, đảng bộ cơ sở,",
                "- Lưu Văn phòng Huyện ủy.",
            ],
            ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "", "Nguyễn Văn Tâm"],
        ),
    ],
)

UBND_TP = Plan(
    "ubnd_tp_phan_cong",
    "UBND thành phố Cần Thơ - Kế hoạch phát triển nguồn nhân lực",
    [
        cols(
            ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ", "Số: 212/KH-UBND"],
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "*Cần Thơ, ngày 08 tháng 10 năm 2024*",
            ],
        ),
        title("KẾ HOẠCH"),
        title("Phát triển nguồn nhân lực chất lượng cao thành phố Cần Thơ năm 2025"),
        h("I. MỤC ĐÍCH, YÊU CẦU"),
        p(
            "Cụ thể hóa các mục tiêu phát triển nguồn nhân lực của thành phố; phân công rõ "
            "trách nhiệm của từng cơ quan, đơn vị trong tổ chức thực hiện."
        ),
        h("II. MỤC TIÊU"),
        p(
            "Đến cuối năm 2025, tỷ lệ lao động qua đào tạo đạt 75%, trong đó có bằng cấp, "
            "chứng chỉ đạt 32%."
        ),
        h("III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU"),
        p(
            "1. Đổi mới nội dung, chương trình đào tạo theo hướng gắn với nhu cầu của doanh "
            "nghiệp; tăng cường liên kết giữa cơ sở đào tạo và doanh nghiệp."
        ),
        p(
            "2. Nâng cao chất lượng đội ngũ nhà giáo, cán bộ quản lý giáo dục nghề nghiệp "
            "đáp ứng yêu cầu chuyển đổi số."
        ),
        p(
            "3. Thực hiện chính sách thu hút, trọng dụng nhân tài làm việc tại thành phố, ưu "
            "tiên các ngành công nghệ thông tin, logistics, nông nghiệp công nghệ cao."
        ),
        h("IV. PHÂN CÔNG NHIỆM VỤ"),
        h("1. Sở Giáo dục và Đào tạo"),
        p(
            "- Chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội, Trường Đại học Cần "
            "Thơ xây dựng Đề án đào tạo nguồn nhân lực chất lượng cao; hoàn thành trong Quý "
            "I/2025."
        ),
        p(
            "- Tổ chức đánh giá chất lượng dạy học ngoại ngữ trong các trường phổ thông, "
            "báo cáo Ủy ban nhân dân thành phố trước ngày 30/6/2025."
        ),
        h("2. Sở Lao động - Thương binh và Xã hội"),
        p(
            "- Chủ trì, phối hợp với Sở Công Thương, Ban Quản lý các khu chế xuất và công "
            "nghiệp khảo sát nhu cầu lao động của doanh nghiệp, hoàn thành trước ngày "
            "31/3/2025."
        ),
        p("- Tổ chức Ngày hội việc làm thành phố năm 2025 (*trong tháng 5/2025*)."),
        h("3. Sở Tài chính"),
        p(
            "- Tham mưu Ủy ban nhân dân thành phố bố trí kinh phí thực hiện Kế hoạch trong "
            "dự toán ngân sách năm 2025 (*thực hiện hằng năm*)."
        ),
        h("4. Ủy ban nhân dân các quận, huyện"),
        p(
            "- Tuyên truyền, phổ biến chính sách hỗ trợ học nghề cho lao động nông thôn "
            "trên địa bàn (*thường xuyên*)."
        ),
        h("V. TỔ CHỨC THỰC HIỆN"),
        p(
            "Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các quận, huyện báo cáo "
            "kết quả thực hiện về Sở Nội vụ trước ngày 10/12/2025 để tổng hợp, báo cáo Ủy "
            "ban nhân dân thành phố."
        ),
        cols(
            [
                "*Nơi nhận:*",
                "- TT. Thành ủy, TT. HĐND TP;",
                "- CT, các PCT UBND TP;",
                "- Các sở, ban, ngành TP;",
                "- UBND quận, huyện;",
                "- Lưu: VT.",
            ],
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Trần Việt Trường"],
        ),
    ],
)

SO_TNMT = Plan(
    "so_muc_tieu_noi_nhan",
    "Sở Tài nguyên và Môi trường Bình Định",
    [
        cols(
            ["UBND TỈNH BÌNH ĐỊNH", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Số: 1234/KH-STNMT"],
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "*Bình Định, ngày 22 tháng 02 năm 2024*",
            ],
        ),
        title("KẾ HOẠCH"),
        title("Thực hiện công tác bảo vệ môi trường năm 2024"),
        h("I. MỤC ĐÍCH, YÊU CẦU"),
        p(
            "1. Triển khai có hiệu quả Luật Bảo vệ môi trường năm 2020 và các văn bản hướng "
            "dẫn thi hành trên địa bàn tỉnh."
        ),
        p("2. Phân công cụ thể nhiệm vụ cho các phòng, đơn vị thuộc Sở."),
        h("II. MỤC TIÊU"),
        h("1. Mục tiêu chung"),
        p(
            "Kiểm soát, ngăn chặn các nguồn gây ô nhiễm môi trường; cải thiện chất lượng "
            "môi trường sống của Nhân dân."
        ),
        h("2. Mục tiêu cụ thể"),
        p("- 100% chất thải rắn y tế được thu gom, xử lý đạt quy chuẩn kỹ thuật."),
        p(
            "- Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý đạt 95% trước ngày "
            "31/12/2024."
        ),
        p("- 80% khu công nghiệp có hệ thống xử lý nước thải tập trung đạt quy chuẩn."),
        p("- Phấn đấu 50% số xã có mô hình phân loại rác tại nguồn."),
        h("III. NHIỆM VỤ, GIẢI PHÁP"),
        h("1. Chi cục Bảo vệ môi trường"),
        p(
            "a) Tham mưu Giám đốc Sở trình Ủy ban nhân dân tỉnh ban hành Kế hoạch quản lý "
            "chất thải rắn sinh hoạt trên địa bàn tỉnh."
        ),
        p("*(Thời gian hoàn thành: trước ngày 30/6/2024)*"),
        p(
            "b) Chủ trì, phối hợp với Thanh tra Sở kiểm tra việc chấp hành pháp luật về "
            "bảo vệ môi trường tại các khu công nghiệp."
        ),
        p("*(Thời gian: Quý III/2024)*"),
        h("2. Phòng Tài nguyên nước"),
        p(
            "a) Lập danh mục hồ, ao, đầm không được san lấp trên địa bàn tỉnh, trình Ủy ban "
            "nhân dân tỉnh phê duyệt trong tháng 9/2024."
        ),
        p(
            "b) Quan trắc, cảnh báo chất lượng nước các lưu vực sông chính của tỉnh "
            "(*định kỳ hằng quý*)."
        ),
        h("3. Văn phòng Sở"),
        p(
            "Phối hợp với Trung tâm Công nghệ thông tin tài nguyên và môi trường cập nhật "
            "cơ sở dữ liệu môi trường của tỉnh; hoàn thành trước ngày 15/11/2024."
        ),
        h("IV. TỔ CHỨC THỰC HIỆN"),
        p(
            "Trưởng các phòng, đơn vị thuộc Sở tổ chức thực hiện Kế hoạch này; báo cáo kết "
            "quả về Văn phòng Sở trước ngày 05/12/2024 để tổng hợp, báo cáo Giám đốc Sở."
        ),
        cols(
            [
                "*Nơi nhận:*",
                "- UBND tỉnh (b/c);",
                "- Bộ Tài nguyên và Môi trường (b/c);",
                "- Giám đốc, các PGĐ Sở;",
                "- Các phòng, đơn vị thuộc Sở (t/h);",
                "- Lưu: VT, CCBVMT.",
            ],
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Nguyễn Văn An"],
        ),
    ],
)

TINH_DOAN = Plan(
    "tinh_doan_muc_1_1",
    "Kế hoạch Tháng Thanh niên năm 2024",
    [
        cols(
            ["BCH ĐOÀN TNCS HỒ CHÍ MINH", "TỈNH NGHỆ AN", "***", "Số: 112-KH/TĐTN-TG"],
            ["ĐOÀN TNCS HỒ CHÍ MINH", "", "*Nghệ An, ngày 12 tháng 01 năm 2024*"],
        ),
        title("KẾ HOẠCH"),
        title("Triển khai Tháng Thanh niên năm 2024"),
        p("-----", center=True),
        h("I. MỤC ĐÍCH, YÊU CẦU"),
        h("1. Mục đích"),
        p(
            "- Phát huy vai trò xung kích, tình nguyện của đoàn viên, thanh niên trong phát "
            "triển kinh tế - xã hội của địa phương."
        ),
        h("2. Yêu cầu"),
        p("- Các hoạt động được tổ chức thiết thực, hiệu quả, tránh hình thức."),
        h("II. NỘI DUNG, HOẠT ĐỘNG CỤ THỂ"),
        h("1. Hoạt động ra quân"),
        p("1.1. Tổ chức Lễ ra quân Tháng Thanh niên cấp tỉnh."),
        p("- Thời gian: Ngày 04/3/2024."),
        p(
            "- Đơn vị thực hiện: Ban Phong trào Tỉnh đoàn chủ trì, phối hợp với Huyện đoàn "
            "Nghi Lộc."
        ),
        p(
            "1.2. Các huyện, thành, thị đoàn tổ chức ra quân đồng loạt tại địa phương "
            "(chậm nhất ngày 10/3/2024)."
        ),
        h("2. Hoạt động tình nguyện"),
        p(
            "2.1. Triển khai công trình thanh niên thắp sáng đường quê, mỗi đoàn xã hoàn "
            "thành ít nhất 01 tuyến đường điện chiếu sáng trước ngày 26/3/2024."
        ),
        p(
            "2.2. Hội Liên hiệp Thanh niên Việt Nam tỉnh chủ trì, phối hợp với Hội Chữ thập "
            "đỏ tỉnh, Bệnh viện Hữu nghị đa khoa Nghệ An tổ chức Ngày hội hiến máu tình "
            "nguyện trong tháng 3/2024."
        ),
        h("III. TỔ CHỨC THỰC HIỆN"),
        p(
            "1. Ban Tuyên giáo Tỉnh đoàn: Tham mưu Ban Thường vụ Tỉnh đoàn triển khai Kế "
            "hoạch; tổng hợp kết quả Tháng Thanh niên, báo cáo Trung ương Đoàn trước ngày "
            "05/4/2024."
        ),
        p(
            "2. Các huyện, thành, thị đoàn, đoàn trực thuộc: Xây dựng kế hoạch triển khai "
            "Tháng Thanh niên tại đơn vị, gửi về Tỉnh đoàn (qua Ban Tuyên giáo) trước ngày "
            "25/02/2024; báo cáo kết quả thực hiện trước ngày 31/3/2024."
        ),
        cols(
            [
                "*Nơi nhận:*",
                "- Trung ương Đoàn (b/c);",
                "- Thường trực Tỉnh ủy (b/c);",
                "- Các huyện, thành, thị đoàn;",
                "- Lưu VP, TG.",
            ],
            ["TM. BAN THƯỜNG VỤ TỈNH ĐOÀN", "PHÓ BÍ THƯ", "", "", "Lê Thị Hoa"],
        ),
    ],
)

UBND_PHUONG = Plan(
    "ubnd_phuong_bang_than",
    "UBND phường Võ Thị Sáu",
    [
        cols(
            ["ỦY BAN NHÂN DÂN", "PHƯỜNG VÕ THỊ SÁU", "Số: 36/KH-UBND"],
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "*Quận 3, ngày 05 tháng 02 năm 2024*",
            ],
        ),
        title("KẾ HOẠCH"),
        title("Phòng, chống dịch bệnh sốt xuất huyết trên địa bàn phường năm 2024"),
        h("I. MỤC ĐÍCH, YÊU CẦU"),
        p("Chủ động phòng, chống dịch bệnh, không để dịch lớn xảy ra trên địa bàn phường."),
        h("II. CHỈ TIÊU"),
        p("- Giảm 5% số ca mắc sốt xuất huyết so với năm 2023."),
        p("- 100% ổ dịch được phát hiện và xử lý trong vòng 48 giờ."),
        h("III. NHIỆM VỤ TRỌNG TÂM"),
        h("1. Trạm Y tế phường có trách nhiệm:"),
        p("• Giám sát, phát hiện sớm ca bệnh, xử lý triệt để ổ dịch (thường xuyên)."),
        p(
            "• Tổ chức tập huấn cho cộng tác viên, tổ dân phố về phòng, chống sốt xuất "
            "huyết, hoàn thành trước ngày 31/3/2024."
        ),
        p(
            "2. Công an phường phối hợp với Trạm Y tế phường xử phạt vi phạm hành chính về "
            "vệ sinh môi trường theo quy định (thường xuyên)."
        ),
        p(
            "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam phường và các đoàn thể vận động "
            "Nhân dân tham gia tổng vệ sinh môi trường, diệt lăng quăng trong Quý II/2024."
        ),
        p("4. Các nhiệm vụ cụ thể như sau:"),
        table(
            [
                ["STT", "Nội dung", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian"],
                ["I", "TRUYỀN THÔNG", "", "", ""],
                [
                    "1",
                    "Phát thanh tuyên truyền trên hệ thống loa của phường",
                    "Văn phòng - Thống kê phường",
                    "Ban điều hành các khu phố",
                    "Hằng tuần",
                ],
                [
                    "2",
                    "In, phát tờ rơi đến từng hộ gia đình",
                    "Trạm Y tế phường",
                    "Hội Liên hiệp Phụ nữ phường",
                    "Quý II/2024",
                ],
                ["II", "KIỂM TRA", "", "", ""],
                [
                    "3",
                    "Kiểm tra công trình xây dựng, điểm thu mua phế liệu",
                    "Đội Quản lý trật tự đô thị",
                    "Trạm Y tế phường",
                    "Hằng quý",
                ],
            ]
        ),
        h("IV. TỔ CHỨC THỰC HIỆN"),
        p(
            "Giao Trạm Y tế phường là cơ quan thường trực, theo dõi, đôn đốc thực hiện Kế "
            "hoạch; tổng hợp, báo cáo Ủy ban nhân dân quận trước ngày 15/12/2024."
        ),
        cols(
            [
                "*Nơi nhận:*",
                "- UBND Quận 3 (b/c);",
                "- Trung tâm Y tế Quận 3;",
                "- Đảng ủy, UBMTTQ phường;",
                "- Lưu: VT.",
            ],
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Phạm Văn Bình"],
        ),
    ],
)

PLANS = [UBND_TINH, HUYEN_UY, UBND_TP, SO_TNMT, TINH_DOAN, UBND_PHUONG]


# ---------------------------------------------------------------------- text


def _plain(text: str) -> str:
    return text.replace("*", "")


def write_txt(plan: Plan, out: Path) -> Path:
    """The plan as text copied out of Word: a paragraph a line, the header columns one
    after the other, the table as tab-separated rows."""
    lines: list[str] = []
    for b in plan.blocks:
        if b.kind == "cols":
            lines += [_plain(x) for x in b.left if x] + [_plain(x) for x in b.right if x]
        elif b.kind == "table":
            lines += ["\t".join(r) for r in b.rows]
        elif b.kind == "pagebreak":
            lines.append("")
        else:
            lines.append(_plain(b.text))
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


# ---------------------------------------------------------------------- Word


def _runs(paragraph, text: str, bold: bool = False) -> None:
    for k, piece in enumerate(text.split("*")):
        if piece:
            run = paragraph.add_run(piece)
            run.bold = bold or None
            run.italic = True if k % 2 else None


def _no_borders(tbl) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl._tbl.tblPr.append(borders)


def write_docx(plan: Plan, out: Path) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(14)
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    for b in plan.blocks:
        if b.kind == "cols":
            tbl = doc.add_table(rows=1, cols=2)
            _no_borders(tbl)
            for cell, lines in zip(tbl.rows[0].cells, (b.left, b.right)):
                for i, line in enumerate(lines):
                    para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                    para.alignment = center
                    _runs(para, line, bold=line.isupper())
        elif b.kind == "table":
            tbl = doc.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            tbl.style = "Table Grid"
            for r, row in enumerate(b.rows):
                for c, value in enumerate(row):
                    tbl.cell(r, c).text = value
                    if r == 0:
                        for run in tbl.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        elif b.kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            para = doc.add_paragraph()
            para.alignment = center if b.center else justify
            if not b.center:
                para.paragraph_format.first_line_indent = Cm(1)
            _runs(para, b.text, bold=b.bold)
    doc.save(out)
    return out


# ---------------------------------------------------------------------- PDF (Qt)


def _html(text: str) -> str:
    return "".join(
        f"<i>{html.escape(s)}</i>" if k % 2 else html.escape(s)
        for k, s in enumerate(text.split("*"))
    )


def plan_html(plan: Plan, break_before: frozenset[int] = frozenset()) -> str:
    out = []
    for n, b in enumerate(plan.blocks):
        if b.kind == "cols":
            cells = [
                "<br>".join(f"<b>{_html(x)}</b>" if x.isupper() else _html(x) for x in side)
                for side in (b.left, b.right)
            ]
            out.append(
                '<table width="100%" cellspacing="0" cellpadding="0" style="font-size:11pt">'
                f'<tr><td width="42%" align="center">{cells[0]}</td>'
                f'<td width="58%" align="center">{cells[1]}</td></tr></table>'
            )
        elif b.kind == "table":
            widths = [6, 34, 16, 16, 14, 14][: len(b.rows[0])]
            body = "".join(
                "<tr>"
                + "".join(f'<td width="{w}%">{html.escape(c)}</td>' for c, w in zip(row, widths))
                + "</tr>"
                for row in b.rows
            )
            brk = "page-break-before:always; " if n in break_before else ""
            out.append(
                '<table border="1" cellspacing="0" cellpadding="3" width="100%" '
                f'style="{brk}font-size:10pt">{body}</table>'
            )
        elif b.kind == "pagebreak":
            out.append('<p style="page-break-after:always"></p>')
        else:
            inner = _html(b.text)
            if b.bold:
                inner = f"<b>{inner}</b>"
            if b.center:
                out.append(f'<p align="center" style="margin:0">{inner}</p>')
            else:
                out.append(f'<p align="justify" style="text-indent:28px; margin:0">{inner}</p>')
    return '<html><body style="font-size:13pt">' + "".join(out) + "</body></html>"


_FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def write_pdf(plan: Plan, out: Path) -> Path:
    """An A4 PDF printed page by page: the text wraps at the margins, every page has the
    running header on top and its number at the bottom."""
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import (
        QFont,
        QFontDatabase,
        QGuiApplication,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
        QTextTable,
    )

    _app = QGuiApplication.instance() or QGuiApplication([])
    family = "Liberation Serif"
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        fid = QFontDatabase.addApplicationFont(str(_FONT_DIR / f"LiberationSerif-{style}.ttf"))
        if fid >= 0:
            family = QFontDatabase.applicationFontFamilies(fid)[0]
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    width, height = 595.0, 842.0
    left, right, top, bottom = 85.0, 57.0, 70.0, 70.0
    body = QSizeF(width - left - right, height - top - bottom)
    doc = QTextDocument()
    font = QFont(family)
    font.setPointSize(13)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setPageSize(body)
    # A table row cut by the page end would be printed whole on both pages and clipped,
    # leaving hidden text no office PDF has: a table that does not fit starts a new page.
    tables = [n for n, b in enumerate(plan.blocks) if b.kind == "table"]
    breaks: set[int] = set()
    while True:
        doc.setHtml(plan_html(plan, frozenset(breaks)))
        frames = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
        frames = [f for f in frames if f.rows() > 1]  # the two-column blocks have one row
        crossing = [
            n
            for n, f in zip(tables, frames)
            if n not in breaks
            and int((r := doc.documentLayout().frameBoundingRect(f)).top() // body.height())
            != int((r.bottom() - 1) // body.height())
        ]
        if not crossing:
            break
        breaks.add(crossing[0])
    painter = QPainter(writer)
    small = QFont(family)
    small.setPointSize(9)
    for page in range(doc.pageCount()):
        if page:
            writer.newPage()
        painter.save()
        painter.translate(left, top - page * body.height())
        area = QRectF(0, page * body.height(), body.width(), body.height())
        painter.setClipRect(area)
        doc.drawContents(painter, area)
        painter.restore()
        painter.setFont(small)
        painter.drawText(
            QRectF(left, 30, body.width(), 14), int(Qt.AlignmentFlag.AlignRight), plan.running
        )
        painter.drawText(
            QRectF(left, height - 45, body.width(), 14),
            int(Qt.AlignmentFlag.AlignHCenter),
            str(page + 1),
        )
    painter.end()
    return out


def write_all(plan: Plan, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "txt": write_txt(plan, folder / f"{plan.name}.txt"),
        "docx": write_docx(plan, folder / f"{plan.name}.docx"),
        "pdf": write_pdf(plan, folder / f"{plan.name}.pdf"),
    }


def unmark(text: str) -> str:
    return re.sub(r"\*", "", text)


def header_problems(plan, want: dict) -> list[str]:
    """How a plan's number, date, issuer and title differ from the clerk's reading."""
    doc = plan.document
    out = []
    if doc.number != want["number"]:
        out.append(f"number {doc.number!r}")
    if doc.date != want["date"]:
        out.append(f"date {doc.date}")
    if doc.issuer != want["issuer"]:
        out.append(f"issuer {doc.issuer!r}")
    if not doc.title.startswith(want["title"]):
        out.append(f"title {doc.title!r}")
    return out

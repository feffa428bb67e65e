"""Three plans laid out as offices really make them in Word, and a writer for them.

Unlike tests/qa2_plans.py (PDFs printed by Qt), these are .docx files built the way Word
saves them: a borderless two-column header table (issuer left, motto right), Times New
Roman, justified paragraphs with a first-line indent, lists numbered by Word itself
(numPr: "1." / "a)" / "-", no typed numbers), italic deadlines inside sentences,
footnotes, page numbers in the footer and a landscape appendix section whose table has a
repeated header row, merged group rows and rows long enough to break across pages.

The PDFs in tests/data/qa3 are LibreOffice's "Export as PDF" of these files, made once by

    uv run python -m tests.qa3_plans tests/data/qa3

(soffice is slow, so the tests read the committed PDFs and rebuild only the .docx).

Markup inside a paragraph: `*…*` is italic, `[^n]` is a reference to footnote n.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from tests.office_render import convert


@dataclass
class B:
    kind: str  # "head", "title", "p", "h", "num", "table", "sign", "landscape"
    text: str = ""
    level: int = 0  # for "num": 0 "1.", 1 "a)", 2 "-"
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # "table": first row is the header
    center: bool = False
    bold: bool = False


def head(left: list[str], right: list[str]) -> B:
    return B("head", left=left, right=right)


def title(*lines: str) -> B:
    return B("title", left=list(lines))


def p(text: str, center: bool = False, bold: bool = False) -> B:
    return B("p", text, center=center, bold=bold)


def h(text: str) -> B:
    """A bold heading typed by hand ("I. …"): offices rarely number these with Word."""
    return B("h", text)


def n1(text: str, bold: bool = False) -> B:
    return B("num", text, level=0, bold=bold)


def na(text: str) -> B:
    return B("num", text, level=1)


def dash(text: str) -> B:
    return B("num", text, level=2)


def sign(left: list[str], right: list[str]) -> B:
    return B("sign", left=left, right=right)


def table(rows: list[list[str]]) -> B:
    return B("table", rows=rows)


LANDSCAPE = B("landscape")


@dataclass
class Plan:
    name: str
    blocks: list[B]
    footnotes: dict[int, str] = field(default_factory=dict)


# ---------------------------------------------------------------------- the plans

_CPV = ["ĐẢNG CỘNG SẢN VIỆT NAM"]
_CHXH = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

TINH_UY = Plan(
    "tinh-uy-dai-hoi",
    [
        head(
            ["TỈNH ỦY QUẢNG NAM", "*", "Số 215-KH/TU"],
            _CPV + ["Quảng Nam, ngày 12 tháng 3 năm 2025"],
        ),
        title(
            "KẾ HOẠCH",
            "tổ chức đại hội đảng bộ các cấp tiến tới Đại hội đại biểu",
            "Đảng bộ tỉnh lần thứ XXIII, nhiệm kỳ 2025 - 2030",
        ),
        p(
            "Thực hiện Chỉ thị số 35-CT/TW, ngày 14/6/2024 của Bộ Chính trị về đại hội đảng "
            "bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng, Ban Thường "
            "vụ Tỉnh ủy ban hành Kế hoạch tổ chức đại hội đảng bộ các cấp như sau:"
        ),
        h("I. MỤC ĐÍCH, YÊU CẦU"),
        n1(
            "Quán triệt sâu sắc, triển khai nghiêm túc Chỉ thị số 35-CT/TW của Bộ Chính trị "
            "và các văn bản hướng dẫn của Trung ương đến toàn thể cán bộ, đảng viên."
        ),
        n1(
            "Việc chuẩn bị và tổ chức đại hội phải bảo đảm dân chủ, đoàn kết, kỷ cương, "
            "đúng quy định của Điều lệ Đảng, hoàn thành *trong quý III/2025*."
        ),
        h("II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN"),
        n1("Ban Tổ chức Tỉnh ủy", bold=True),
        na(
            "Chủ trì, phối hợp với Văn phòng Tỉnh ủy tham mưu Ban Thường vụ Tỉnh ủy ban hành "
            "hướng dẫn về công tác nhân sự đại hội, hoàn thành *trước ngày 15/4/2025*."
        ),
        na(
            "Thẩm định đề án nhân sự cấp ủy của các đảng bộ trực thuộc Tỉnh ủy; thời gian "
            "thực hiện *trong tháng 6/2025*."
        ),
        n1("Ban Tuyên giáo Tỉnh ủy", bold=True),
        dash(
            "Chủ trì tuyên truyền về đại hội đảng bộ các cấp trên các phương tiện thông tin "
            "đại chúng, *thực hiện thường xuyên*."
        ),
        dash(
            "Tổng hợp ý kiến góp ý của cán bộ, đảng viên và Nhân dân vào dự thảo văn kiện, "
            "báo cáo Ban Thường vụ Tỉnh ủy *chậm nhất ngày 31/7/2025*."
        ),
        n1(
            "Ủy ban Kiểm tra Tỉnh ủy chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy giải quyết "
            "đơn thư khiếu nại, tố cáo liên quan đến nhân sự đại hội, hoàn thành *trong quý "
            "III/2025*."
        ),
        n1(
            "Văn phòng Tỉnh ủy bảo đảm kinh phí, cơ sở vật chất phục vụ Đại hội đại biểu "
            "Đảng bộ tỉnh lần thứ XXIII, hoàn thành *trước ngày 30/9/2025*."
        ),
        n1(
            "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch "
            "tổ chức đại hội, gửi về Ban Tổ chức Tỉnh ủy *trước ngày 10/4/2025* để theo dõi."
        ),
        h("III. TỔ CHỨC THỰC HIỆN"),
        p(
            "Giao Ban Tổ chức Tỉnh ủy theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch "
            "này; *định kỳ hằng quý* báo cáo Ban Thường vụ Tỉnh ủy."
        ),
        sign(
            [
                "Nơi nhận:",
                "- Ban Tổ chức Trung ương (b/c),",
                "- Các đảng bộ trực thuộc,",
                "- Lưu Văn phòng Tỉnh ủy.",
            ],
            ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "", "Nguyễn Văn A"],
        ),
    ],
)

# the appendix of the district plan: (group, content, lead, coordinators, time, product)
HUYEN_ROWS: list[tuple[str, str, str, str, str, str]] = []


def _rows() -> None:
    g1 = "I. LĨNH VỰC KINH TẾ"
    g2 = "II. LĨNH VỰC VĂN HÓA - XÃ HỘI"
    g3 = "III. LĨNH VỰC TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    g4 = "IV. LĨNH VỰC NỘI CHÍNH, CẢI CÁCH HÀNH CHÍNH"
    long = (
        "; trong đó rà soát từng hạng mục, đánh giá khả năng hoàn thành, đề xuất điều chỉnh "
        "kế hoạch vốn phù hợp với tiến độ giải ngân thực tế của từng chủ đầu tư, báo cáo "
        "Ủy ban nhân dân huyện xem xét, quyết định"
    )
    data = [
        (
            g1,
            "Triển khai kế hoạch sản xuất vụ Đông Xuân",
            "Phòng Nông nghiệp và Phát triển nông thôn",
            "UBND các xã, thị trấn",
            "Quý I/2025",
            "Kế hoạch",
        ),
        (
            g1,
            "Tổ chức xúc tiến thương mại sản phẩm OCOP",
            "Phòng Kinh tế và Hạ tầng",
            "Hội Nông dân huyện",
            "Tháng 6/2025",
            "Hội chợ",
        ),
        (
            g1,
            "Giải ngân vốn đầu tư công năm 2025" + long,
            "Phòng Tài chính - Kế hoạch",
            "Ban Quản lý dự án đầu tư xây dựng huyện\nKho bạc Nhà nước huyện",
            "Trước ngày 31/12/2025",
            "Báo cáo",
        ),
        (
            g1,
            "Thu ngân sách nhà nước trên địa bàn",
            "Chi cục Thuế khu vực",
            "Phòng Tài chính - Kế hoạch",
            "Thường xuyên",
            "Báo cáo",
        ),
        (
            g1,
            "Phát triển hợp tác xã kiểu mới",
            "Phòng Nông nghiệp và Phát triển nông thôn",
            "Liên minh Hợp tác xã tỉnh",
            "Năm 2025",
            "Hợp tác xã thành lập mới",
        ),
        (
            g1,
            "Nâng cấp tuyến đường ĐH.05" + long,
            "Ban Quản lý dự án đầu tư xây dựng huyện",
            "Phòng Kinh tế và Hạ tầng\nUBND xã An Hòa",
            "Quý IV/2025",
            "Công trình",
        ),
        (
            g1,
            "Chuyển đổi cơ cấu cây trồng trên đất lúa kém hiệu quả",
            "Phòng Nông nghiệp và Phát triển nông thôn",
            "UBND các xã",
            "Tháng 9/2025",
            "Báo cáo",
        ),
        (
            g2,
            "Tổ chức kỳ thi tuyển sinh vào lớp 10",
            "Phòng Giáo dục và Đào tạo",
            "Công an huyện\nTrung tâm Y tế huyện",
            "Tháng 6/2025",
            "Kỳ thi",
        ),
        (
            g2,
            "Xây dựng trường đạt chuẩn quốc gia",
            "Phòng Giáo dục và Đào tạo",
            "UBND các xã, thị trấn",
            "Trước ngày 30/11/2025",
            "Quyết định công nhận",
        ),
        (
            g2,
            "Chi trả trợ cấp cho đối tượng bảo trợ xã hội",
            "Phòng Lao động - Thương binh và Xã hội",
            "UBND các xã, thị trấn",
            "Hằng tháng",
            "Danh sách chi trả",
        ),
        (
            g2,
            "Tổ chức Đại hội Thể dục thể thao huyện lần thứ IX",
            "Trung tâm Văn hóa - Thể thao và Truyền thanh huyện",
            "Phòng Văn hóa và Thông tin",
            "Quý III/2025",
            "Đại hội",
        ),
        (
            g2,
            "Tiêm chủng mở rộng cho trẻ em dưới 1 tuổi" + long,
            "Trung tâm Y tế huyện",
            "Trạm Y tế các xã, thị trấn",
            "Trước ngày 15/12/2025",
            "Báo cáo",
        ),
        (
            g2,
            "Giải quyết việc làm cho lao động nông thôn",
            "Phòng Lao động - Thương binh và Xã hội",
            "Ngân hàng Chính sách xã hội huyện",
            "Năm 2025",
            "Báo cáo",
        ),
        (
            g2,
            "Xây dựng gia đình văn hóa, thôn văn hóa",
            "Phòng Văn hóa và Thông tin",
            "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
            "Tháng 11/2025",
            "Báo cáo",
        ),
        (
            g3,
            "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
            "Phòng Tài nguyên và Môi trường",
            "Chi nhánh Văn phòng Đăng ký đất đai huyện",
            "Quý II/2025",
            "Giấy chứng nhận",
        ),
        (
            g3,
            "Lập kế hoạch sử dụng đất năm 2026" + long,
            "Phòng Tài nguyên và Môi trường",
            "Các phòng, ban liên quan\nUBND các xã, thị trấn",
            "Trước ngày 15/10/2025",
            "Kế hoạch sử dụng đất",
        ),
        (
            g3,
            "Thu gom, xử lý rác thải sinh hoạt",
            "Phòng Tài nguyên và Môi trường",
            "Ban Quản lý dịch vụ công ích huyện",
            "Thường xuyên",
            "Báo cáo",
        ),
        (
            g3,
            "Kiểm tra việc chấp hành pháp luật về khoáng sản",
            "Phòng Tài nguyên và Môi trường",
            "Công an huyện",
            "Quý III/2025",
            "Kết luận kiểm tra",
        ),
        (
            g3,
            "Trồng cây xanh phân tán",
            "Phòng Nông nghiệp và Phát triển nông thôn",
            "Huyện đoàn",
            "Tháng 3/2025",
            "Báo cáo",
        ),
        (
            g4,
            "Rà soát, đơn giản hóa thủ tục hành chính",
            "Văn phòng HĐND và UBND huyện",
            "Các phòng, ban chuyên môn",
            "Quý II/2025",
            "Báo cáo",
        ),
        (
            g4,
            "Tổ chức tiếp công dân định kỳ",
            "Ban Tiếp công dân huyện",
            "Thanh tra huyện",
            "Hằng tháng",
            "Thông báo kết luận",
        ),
        (
            g4,
            "Thanh tra việc quản lý, sử dụng ngân sách tại các xã" + long,
            "Thanh tra huyện",
            "Phòng Tài chính - Kế hoạch",
            "Quý IV/2025",
            "Kết luận thanh tra",
        ),
        (
            g4,
            "Tuyển quân năm 2026",
            "Ban Chỉ huy Quân sự huyện",
            "Công an huyện\nTrung tâm Y tế huyện",
            "Trước ngày 31/12/2025",
            "Báo cáo",
        ),
        (
            g4,
            "Bảo đảm an ninh trật tự dịp Tết Nguyên đán",
            "Công an huyện",
            "Ban Chỉ huy Quân sự huyện",
            "Tháng 1/2025",
            "Kế hoạch",
        ),
        (
            g4,
            "Đánh giá, xếp loại chất lượng cán bộ, công chức",
            "Phòng Nội vụ",
            "Các cơ quan, đơn vị",
            "Tháng 12/2025",
            "Báo cáo",
        ),
        (
            g4,
            "Chuyển đổi số trong hoạt động của cơ quan nhà nước",
            "Phòng Văn hóa và Thông tin",
            "Các phòng, ban chuyên môn",
            "Năm 2025",
            "Báo cáo",
        ),
        (
            g4,
            "Phổ biến, giáo dục pháp luật cho Nhân dân",
            "Phòng Tư pháp",
            "UBND các xã, thị trấn",
            "Thường xuyên",
            "Báo cáo",
        ),
    ]
    HUYEN_ROWS.extend(data)


_rows()


def _huyen_table() -> list[list[str]]:
    rows = [
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
            "Sản phẩm",
        ]
    ]
    group = None
    for k, (g, content, lead, coord, when, product) in enumerate(HUYEN_ROWS, 1):
        if g != group:
            rows.append([g])  # one cell: merged across the table
            group = g
        rows.append([str(k), content, lead, coord, when, product])
    return rows


UBND_HUYEN = Plan(
    "ubnd-huyen-ktxh",
    [
        head(
            ["ỦY BAN NHÂN DÂN", "HUYỆN CHÂU THÀNH", "Số: 87/KH-UBND"],
            _CHXH + ["Châu Thành, ngày 05 tháng 02 năm 2025"],
        ),
        title("KẾ HOẠCH", "Thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2025"),
        p(
            "Căn cứ Nghị quyết số 12/NQ-HĐND ngày 20/12/2024 của Hội đồng nhân dân huyện về "
            "nhiệm vụ phát triển kinh tế - xã hội năm 2025, Ủy ban nhân dân huyện ban hành Kế "
            "hoạch thực hiện như sau:"
        ),
        h("I. MỤC ĐÍCH, YÊU CẦU"),
        p(
            "Cụ thể hóa các chỉ tiêu, nhiệm vụ, giải pháp; phân công rõ trách nhiệm của từng "
            "cơ quan, đơn vị, địa phương trong tổ chức thực hiện."
        ),
        h("II. NHIỆM VỤ CỤ THỂ"),
        p("(Có Phụ lục chi tiết kèm theo)"),
        h("III. TỔ CHỨC THỰC HIỆN"),
        n1(
            "Văn phòng HĐND và UBND huyện theo dõi, tổng hợp tình hình thực hiện Kế hoạch, "
            "báo cáo Ủy ban nhân dân huyện *trước ngày 20/12/2025*."
        ),
        sign(
            [
                "Nơi nhận:",
                "- TT Huyện ủy, TT HĐND huyện;",
                "- Các phòng, ban, đơn vị;",
                "- UBND các xã, thị trấn;",
                "- Lưu: VT.",
            ],
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Trần Văn B"],
        ),
        LANDSCAPE,
        p("Phụ lục", center=True, bold=True),
        p("DANH MỤC NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2025", center=True, bold=True),
        p(
            "*(Kèm theo Kế hoạch số 87/KH-UBND ngày 05/02/2025 của UBND huyện Châu Thành)*",
            center=True,
        ),
        table(_huyen_table()),
    ],
)

SO_Y_TE = Plan(
    "so-y-te-tiem-chung",
    [
        head(
            ["UBND TỈNH BÌNH ĐỊNH", "SỞ Y TẾ", "Số: 512/KH-SYT"],
            _CHXH + ["Bình Định, ngày 18 tháng 3 năm 2025"],
        ),
        title("KẾ HOẠCH", "Triển khai công tác tiêm chủng mở rộng năm 2025"),
        p(
            "Căn cứ Quyết định số 1234/QĐ-BYT ngày 10/02/2025 của Bộ Y tế[^1]; căn cứ tình hình "
            "thực tế tại địa phương, Sở Y tế xây dựng Kế hoạch như sau:"
        ),
        h("I. MỤC TIÊU"),
        p(
            "Phấn đấu 95% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin trong "
            "Chương trình tiêm chủng mở rộng."
        ),
        h("II. TỔ CHỨC THỰC HIỆN"),
        n1("Phòng Nghiệp vụ Y", bold=True),
        dash(
            "Chủ trì, phối hợp với Trung tâm Kiểm soát bệnh tật tỉnh xây dựng phương án phân "
            "bổ vắc xin[^2] cho các huyện, thị xã, thành phố, hoàn thành *trước ngày 15/4/2025*."
        ),
        dash(
            "Tổ chức kiểm tra, giám sát công tác tiêm chủng tại các cơ sở y tế *định kỳ 6 "
            "tháng một lần*."
        ),
        n1("Trung tâm Kiểm soát bệnh tật tỉnh", bold=True),
        dash(
            "Tiếp nhận, bảo quản và cấp phát vắc xin theo đúng quy định[^3], *thực hiện "
            "thường xuyên*."
        ),
        dash("Tập huấn cho cán bộ y tế tuyến xã về an toàn tiêm chủng *trong quý II/2025*."),
        n1(
            "Phòng Kế hoạch - Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch, hoàn "
            "thành *trước ngày 30/6/2025*[^4]."
        ),
        n1(
            "Trung tâm Y tế các huyện, thị xã, thành phố tổ chức tiêm chủng tại địa phương, "
            "báo cáo kết quả về Sở Y tế (qua Phòng Nghiệp vụ Y) *trước ngày 05 hằng tháng*."
        ),
        n1(
            "Văn phòng Sở phối hợp với Báo Bình Định, Đài Phát thanh và Truyền hình tỉnh "
            "tuyên truyền về lợi ích của tiêm chủng *trong tháng 5/2025*."
        ),
        p(
            "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị phản ánh về "
            "Sở Y tế (qua Phòng Nghiệp vụ Y) để được hướng dẫn."
        ),
        sign(
            [
                "Nơi nhận:",
                "- UBND tỉnh (b/c);",
                "- Như mục II;",
                "- Giám đốc, các PGĐ Sở;",
                "- Lưu: VT, NVY.",
            ],
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Lê Thị C"],
        ),
    ],
    footnotes={
        1: "Quyết định về việc giao chỉ tiêu tiêm chủng mở rộng năm 2025.",
        2: "Theo Công văn số 456/BYT-DP ngày 01/3/2025, hoàn thành trước ngày 31/3/2025.",
        3: "Thông tư số 34/2018/TT-BYT ngày 16/11/2018 của Bộ Y tế.",
        4: "Sở Tài chính thẩm định trước ngày 15/7/2025.",
    },
)

PLANS = [TINH_UY, UBND_HUYEN, SO_Y_TE]


# ---------------------------------------------------------------------- writing .docx

_NUMBERING = """<w:abstractNum {ns} w:abstractNumId="90">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:lvl>
</w:abstractNum>"""

_FOOTNOTES = """<w:footnotes {ns}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
{notes}</w:footnotes>"""

_FOOTNOTE = """<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>
<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>
<w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>
"""


class _Writer:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.doc = Document()
        st = self.doc.styles["Normal"]
        st.font.name = "Times New Roman"
        st.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
        st.font.size = Pt(14)
        sec = self.doc.sections[0]
        sec.page_height, sec.page_width = Cm(29.7), Cm(21)
        sec.left_margin, sec.right_margin = Cm(3), Cm(2)
        sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
        numbering = self.doc.part.numbering_part.element
        abstract = parse_xml(_NUMBERING.format(ns=nsdecls("w")))
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        self.numbering = numbering
        self.num_id: int | None = None
        self.next_num = 900
        self._page_numbers(sec)
        if plan.footnotes:
            notes = "".join(
                _FOOTNOTE.format(n=n, text=t) for n, t in sorted(plan.footnotes.items())
            )
            xml = _FOOTNOTES.format(ns=nsdecls("w"), notes=notes).encode("utf-8")
            part = Part(
                PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml,
                self.doc.part.package,
            )
            self.doc.part.relate_to(part, RT.FOOTNOTES)

    def _page_numbers(self, sec) -> None:
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            )
        )

    def _new_list(self) -> int:
        """A new list instance of the shared definition, restarting at 1."""
        self.next_num += 1
        nid = self.next_num
        self.numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="90"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                "</w:num>"
            )
        )
        return nid

    def runs(self, par, text: str, bold: bool = False, size: int | None = None) -> None:
        for piece in re.split(r"(\*[^*]+\*|\[\^\d+\])", text):
            if not piece:
                continue
            m = re.fullmatch(r"\[\^(\d+)\]", piece)
            if m:
                r = par.add_run()
                r.font.superscript = True
                r._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{m[1]}"/>'))
                continue
            italic = piece.startswith("*") and piece.endswith("*")
            r = par.add_run(piece.strip("*") if italic else piece)
            r.italic = italic or None
            r.bold = bold or None
            if size:
                r.font.size = Pt(size)

    def body_par(self, text: str, *, bold=False, center=False, indent=True):
        par = self.doc.add_paragraph()
        fmt = par.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent and not center:
            fmt.first_line_indent = Cm(1)
        fmt.space_after = Pt(6)
        self.runs(par, text, bold=bold)
        return par

    def grid(self, left: list[str], right: list[str], widths=(7, 9.5), size=13) -> None:
        t = self.doc.add_table(rows=1, cols=2)  # "Normal Table": no borders
        t.autofit = False
        for cell, lines, w in zip(t.rows[0].cells, (left, right), widths):
            cell.width = Cm(w)
            cell.paragraphs[0].text = ""
            for i, line in enumerate(lines):
                par = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                bold = line.isupper() or line.startswith("Độc lập")
                if line.startswith("Nơi nhận"):
                    par.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    self.runs(par, f"*{line}*", bold=True, size=12)
                    continue
                if line.startswith("- "):
                    par.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    self.runs(par, line, size=11)
                    continue
                if re.search(r"ngày \d+ tháng", line):
                    self.runs(par, f"*{line}*", size=size)
                    continue
                self.runs(par, line, bold=bold, size=size)

    def table(self, rows: list[list[str]]) -> None:
        ncols = len(rows[0])
        t = self.doc.add_table(rows=0, cols=ncols)
        t.style = self.doc.styles["Table Grid"]
        widths = [1.2, 7.5, 4.5, 4.5, 3.2, 3.5][:ncols]
        for i, data in enumerate(rows):
            row = t.add_row()
            if i == 0:
                trpr = row._tr.get_or_add_trPr()
                trpr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
            cells = row.cells
            if len(data) == 1:  # a group row merged across the table
                merged = cells[0].merge(cells[-1])
                par = merged.paragraphs[0]
                self.runs(par, data[0], bold=True, size=12)
                continue
            for j, (cell, value) in enumerate(zip(cells, data)):
                cell.width = Cm(widths[j])
                for k, line in enumerate(value.split("\n")):
                    par = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                    par.alignment = (
                        WD_ALIGN_PARAGRAPH.CENTER
                        if i == 0 or j in (0, 4)
                        else WD_ALIGN_PARAGRAPH.LEFT
                    )
                    self.runs(par, line, bold=i == 0, size=12)

    def write(self, path: Path) -> Path:
        for b in self.plan.blocks:
            if b.kind != "num":
                self.num_id = None
            if b.kind == "head":
                self.grid(b.left, b.right)
            elif b.kind == "title":
                self.doc.add_paragraph()
                for i, line in enumerate(b.left):
                    self.body_par(line, bold=True, center=True).paragraph_format.space_after = (
                        Pt(0) if i < len(b.left) - 1 else Pt(12)
                    )
            elif b.kind == "p":
                self.body_par(b.text, bold=b.bold, center=b.center)
            elif b.kind == "h":
                self.body_par(b.text, bold=True)
            elif b.kind == "num":
                if self.num_id is None:
                    self.num_id = self._new_list()
                par = self.body_par(b.text, bold=b.bold)
                ppr = par._p.get_or_add_pPr()
                ppr.insert(
                    0,
                    parse_xml(
                        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{b.level}"/>'
                        f'<w:numId w:val="{self.num_id}"/></w:numPr>'
                    ),
                )
            elif b.kind == "sign":
                self.grid(b.left, b.right, widths=(8, 8.5), size=13)
            elif b.kind == "landscape":
                sec = self.doc.add_section()
                sec.orientation = WD_ORIENT.LANDSCAPE
                sec.page_width, sec.page_height = Cm(29.7), Cm(21)
                sec.left_margin, sec.right_margin = Cm(2), Cm(2)
            elif b.kind == "table":
                self.table(b.rows)
        self.doc.save(str(path))
        return path


def write_docx(plan: Plan, folder: Path) -> Path:
    return _Writer(plan).write(folder / f"{plan.name}.docx")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/qa3")
    out.mkdir(parents=True, exist_ok=True)
    for plan in PLANS:
        d = write_docx(plan, out)
        convert(d, out, "pdf")
        print(out / f"{plan.name}.pdf")
    convert(write_docx(SO_Y_TE, out), out, "doc")
    for plan in PLANS:
        (out / f"{plan.name}.docx").unlink()

"""Header and preamble forms of published documents (heldout2): each on a short synthetic
text written the way such documents are laid out, never the documents themselves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.importers.base import ExtractOptions
from app.importers.plans.header import issuer_from_body, parse_number
from app.importers.plans.kinds import is_basis
from app.importers.registry import extract_file

REF = date(2024, 3, 1)


def read(tmp_path: Path, text: str, name: str = "plan.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path, ExtractOptions(ref=REF))


def test_a_basis_is_never_the_issuer():
    paras = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Quyết định số 12/QĐ-UBND ngày 02/01/2023 của Ủy ban nhân dân tỉnh Bình Định "
        "về việc thành lập Tổ công tác triển khai Kế hoạch cải cách hành chính;",
        "Xét đề nghị của Sở Nội vụ tại Tờ trình số 5/TTr-SNV ngày 03/01/2023,",
    ]
    assert issuer_from_body(paras) == ""
    # the body's own sentence still names the issuer when the header gave none
    assert issuer_from_body([*paras, "Ủy ban nhân dân tỉnh Bình Định ban hành Kế hoạch như sau:"])


def test_bases_glued_to_their_keyword_are_bases(tmp_path):
    assert is_basis("Căncứ Quyết định số 15/2014/QĐ-UBND ngày 24/9/2014 của Ủy ban nhân dân tỉnh;")
    assert is_basis("Xétđề nghị của Sở Tài nguyên và Môi trường tại Tờ trình số 3/TTr-STNMT,")
    plan = read(
        tmp_path,
        "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH\nSố: 20/QĐ-UBND\nBình Định, ngày 05 tháng 3 năm 2024\n"
        "QUYẾT ĐỊNH\nVề việc phân loại rác thải\nCăncứ Quyết định số 15/2014/QĐ-UBND ngày "
        "24/9/2014 của Ủy ban nhân dân tỉnh về quản lý chất thải;\nXétđề nghị của Sở Tài nguyên "
        "và Môi trường tại Tờ trình số 3/TTr-STNMT ngày 15/02/2024,\nQUYẾT ĐỊNH:\n"
        "Điều 1. Giao Sở Tài nguyên và Môi trường hướng dẫn phân loại rác thải tại nguồn.\n",
    )
    assert [t.text[:8] for t in plan.tasks] == ["Giao Sở "]


def test_a_number_ends_where_its_symbol_ends():
    # the next header cell glued on by the text layer, spaces around the dash
    assert parse_number("Số: 52 - QĐ/TWĐTN-VPĐOÀN TNCS HỒ CHÍ MINH")[0] == "52-QĐ/TWĐTN-VP"
    assert parse_number("BAN CHẤP HÀNH TỈNH ĐOÀNSố: *88 - KH/TĐTN-VPTHÀNH ĐOÀN*")[0] == (
        "88-KH/TĐTN-VP"
    )
    assert parse_number("Số: 45 /KH-SNV Lâm Đồng, ngày 31 tháng 3 năm 2022")[0] == "45/KH-SNV"
    assert parse_number("Số: 12/KH-BCĐ")[0] == "12/KH-BCĐ"  # Đ is a symbol's letter


def test_a_lost_hyphen_after_a_kind_prefix_is_restored():
    assert parse_number("Số: 1961/QĐUBND")[0] == "1961/QĐ-UBND"
    assert parse_number("Số: 7/2024/KHUBND")[0] == "7/2024/KH-UBND"
    assert parse_number("Số: 310/CVSNV")[0] == "310/CV-SNV"
    assert parse_number("Số: 12/KHĐT")[0] == "12/KHĐT"  # too short to be two parts
    assert parse_number("Số: 30/2018/QĐ-UBND")[0] == "30/2018/QĐ-UBND"


def test_a_basis_clause_of_its_own_still_names_the_issuer():
    text = "Căn cứ tình hình thực tế, Sở Nội vụ ban hành Kế hoạch như sau:"
    assert issuer_from_body([text]) == "Sở Nội vụ"


def test_the_authority_line_completes_a_bare_issuer(tmp_path):
    basis = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    act = "QUYẾT ĐỊNH:\nĐiều 1. Giao Sở Nội vụ hướng dẫn thực hiện Quy định này.\n"
    # a site's header cells, the province dropped, its own sentences above them
    plan = read(
        tmp_path,
        "Nếu bạn là thành viên. Vui lòng đăng nhập để tiếp tục.\n"
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 9/QĐ-UBND | Bình Định, ngày 05 tháng 3 năm 2024 |\nQUYẾT ĐỊNH\n"
        "BAN HÀNH QUY ĐỊNH VỀ CÔNG TÁC VĂN THƯ\nỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH\n" + basis + act,
    )
    assert plan.document.issuer == "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH"
    # a PDF runs the authority line into the title's last line
    plan = read(
        tmp_path,
        "ỦY BAN NHÂN DÂN\nSố: 9/QĐ-UBND\nBình Định, ngày 05 tháng 3 năm 2024\nQUYẾT ĐỊNH\n"
        "BAN HÀNH QUY ĐỊNH VỀ CÔNG TÁC VĂN THƯ CỦA CÁC SỞ, BAN, NGÀNH, ỦY BAN NHÂN DÂN\n"
        "HUYỆN, THỊ XÃ ỦY BAN NHÂN DÂN THÀNH PHỐ QUY NHƠN\n" + basis + act,
    )
    assert plan.document.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ QUY NHƠN"
    # a title about a district's committee does not name the issuer
    plan = read(
        tmp_path,
        "ỦY BAN NHÂN DÂN\nSố: 9/QĐ-UBND\nBình Định, ngày 05 tháng 3 năm 2024\nQUYẾT ĐỊNH\n"
        "VỀ QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN HUYỆN AN LÃO\n" + basis + act,
    )
    assert plan.document.issuer == "ỦY BAN NHÂN DÂN"


LETTER = (
    "Công văn 52/BTC-VP\n\n"
    "Công văn 52/BTC-VP năm 2020 về báo cáo kết quả thực hiện công tác cải cách hành chính "
    "giai đoạn 2016-2020 và phương hướng nhiệm vụ giai đoạn tiếp theo do Bộ Tài chính ban hành\n\n"
    "BỘ TÀI CHÍNH\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "---------------\n\nSố: 52/BTC-VP\nV/v báo cáo kết quả cải cách hành chính (2016-2020)\n\n"
    "Hà Nội, ngày 05 tháng 03 năm 2020\n\nKính gửi: Ủy ban nhân dân các tỉnh\n\n"
    "Thực hiện Chương trình công tác năm 2020, Bộ Tài chính đề nghị các tỉnh báo cáo như sau:\n\n"
    "1. Mục đích:\n"
)


def test_a_letter_after_a_sites_title_lines(tmp_path):
    plan = read(tmp_path, LETTER)
    d = plan.document
    assert (d.number, d.date, d.issuer) == ("52/BTC-VP", date(2020, 3, 5), "BỘ TÀI CHÍNH")
    assert plan.tasks == []  # no motto, no "V/v …", no bare "Mục đích:"


def test_an_article_run_into_a_line_is_its_own_paragraph(tmp_path):
    plan = read(
        tmp_path,
        "BAN CHẤP HÀNH TỈNH ĐOÀN***Số: 12 - QĐ/TĐTN-VP Huế, ngày 05 tháng 3 năm 2024 "
        "QUYẾT ĐỊNH Về việc ban hành Quy chế làm việc - Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh; "
        "QUYẾT ĐỊNH Điều 1. Ban hành kèm theo quyết định này Quy chế làm việc. Điều 2. Giao "
        "Văn phòng Tỉnh đoàn tham mưu hướng dẫn, kiểm tra việc thực hiện Quyết định này. "
        "Điều 3. Quyết định này có hiệu lực từ ngày ký./.\n",
    )
    assert plan.document.number == "12-QĐ/TĐTN-VP"
    assert [t.text for t in plan.tasks] == [
        "Giao Văn phòng Tỉnh đoàn tham mưu hướng dẫn, kiểm tra việc thực hiện Quyết định này."
    ]
    assert plan.tasks[0].lead == "Văn phòng Tỉnh đoàn"


def test_split_keeps_italics_balanced():
    from app.importers.plans.lines import Line, split_run_on_articles

    got = split_run_on_articles([Line("*Hồ Chí Minh. Điều 2. Quyết định này thay thế*")])
    assert [ln.text for ln in got] == ["*Hồ Chí Minh.*", "Điều 2. *Quyết định này thay thế*"]
    one = Line("Căn cứ Điều 5. Luật Tổ chức")  # no sentence end before it
    assert split_run_on_articles([one]) == [one]


QUOTE = (
    "UBND tỉnh có ý kiến như sau:\n"
    "Giao Sở Xây dựng chủ trì, phối hợp các địa phương liên quan kiểm tra, đề xuất UBND tỉnh "
    "xem xét theo quy định; hoàn thành trước ngày 15/4/2024./.\n"
    "(Theo Công văn số 812/UBND-XD, ngày 20/3/2024)\n"
)


def test_a_closing_citation_gives_number_and_date(tmp_path):
    plan = read(tmp_path, QUOTE)
    assert (plan.document.number, plan.document.date) == ("812/UBND-XD", date(2024, 3, 20))
    assert [(t.lead, t.deadline.due) for t in plan.tasks] == [("Sở Xây dựng", date(2024, 4, 15))]
    # wrapped as a PDF gives it, the citation run into the task's last line
    wrapped = (
        QUOTE.replace("kiểm tra, đề xuất", "kiểm tra,\nđề xuất")
        .replace("./.\n(Theo", "./. (*Theo")
        .replace("2024)\n", "2024*)\n")
    )
    plan = read(tmp_path, wrapped)
    assert (plan.document.number, plan.document.date) == ("812/UBND-XD", date(2024, 3, 20))
    assert len(plan.tasks) == 1


def test_a_deadline_is_never_the_documents_date():
    from app.importers.plans.header import parse_date

    assert parse_date("hoàn thành trước ngày 10/12/2023./.")[0] is None
    assert parse_date("Huế, ngày 10 tháng 12 năm 2023")[0] == date(2023, 12, 10)

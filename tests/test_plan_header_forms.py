"""Header and preamble forms of published documents (heldout2): each on a short synthetic
text written the way such documents are laid out, never the documents themselves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.importers.base import ExtractOptions
from app.importers.plans.header import issuer_from_body
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

"""Finding the deadline phrase inside a task sentence, with its span in the original text."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from app.core.deadlines.parse import find_deadline, find_deadlines
from app.core.deadlines.types import DeadlineKind

REF = date(2022, 3, 31)

# (sentence, expected phrase or None, kind, due)
SENTENCES = [
    (
        "Các cơ quan, đơn vị báo cáo kết quả về Ban Thường vụ trước ngày 15/12 hằng năm.",
        "trước ngày 15/12 hằng năm",
        "recurring",
        date(2022, 12, 15),
    ),
    (
        "Thực hiện Kế hoạch số 78-KH/ĐUK ngày 24/02/2022 của Ban Thường vụ Đảng ủy Khối về kiểm tra.",
        None,
        None,
        None,
    ),
    (
        "Quán triệt Quy định số 38-QĐ/TU ngày 08/4/2019 của Tỉnh ủy (thực hiện thường xuyên).",
        "thực hiện thường xuyên",
        "ongoing",
        None,
    ),
    (
        "Thường xuyên kiểm tra, giám sát cấp dưới và đánh giá kết quả thực hiện.",
        "Thường xuyên",
        "ongoing",
        None,
    ),
    (
        "Tham mưu đưa nội dung vào chương trình kiểm tra, giám sát hằng năm của Ban Thường vụ.",
        None,
        None,
        None,
    ),
    (
        "Hàng năm, mỗi tổ chức đảng, cơ quan, đơn vị xây dựng ít nhất 01 mô hình điểm.",
        "Hàng năm",
        "recurring",
        date(2022, 12, 31),
    ),
    (
        "Tham mưu cụ thể hóa Kết luận số 14-KL/TW, ngày 22/9/2021 của Bộ Chính trị (sau khi Tỉnh ủy "
        "ban hành Kế hoạch thực hiện, dự kiến tháng 7/2022).",
        "sau khi Tỉnh ủy ban hành Kế hoạch thực hiện, dự kiến tháng 7/2022",
        "conditional",
        date(2022, 7, 31),
    ),
    (
        "Xây dựng quy hoạch cán bộ nhiệm kỳ 2025-2030, 2026-2031 (*năm 2022*).",
        "năm 2022",
        "year",
        date(2022, 12, 31),
    ),
    ("Đà Lạt, ngày 31 tháng 3 năm 2022", None, None, None),
    ("Tính đến hết ngày 24/5/2025, còn 12 nhiệm vụ quá hạn hơn 120 ngày.", None, None, None),
    (
        "Trong thời hạn 30 ngày kể từ ngày ký, các đơn vị gửi báo cáo về Văn phòng.",
        "Trong thời hạn 30 ngày kể từ ngày ký",
        "relative",
        date(2022, 4, 30),
    ),
    (
        "Xây dựng kế hoạch tuyên truyền. Thời gian thực hiện: Quý III/2022.",
        "Quý III/2022",
        "quarter",
        date(2022, 9, 30),
    ),
    (
        "Các chi bộ tổ chức sinh hoạt chuyên đề, hoàn thành trước ngày 30/6/2022.",
        "hoàn thành trước ngày 30/6/2022",
        "date",
        date(2022, 6, 30),
    ),
    (
        "Triển khai khi có hướng dẫn của Trung ương.",
        "khi có hướng dẫn của Trung ương",
        "conditional",
        None,
    ),
    ("Kịp thời xử lý khi phát hiện vi phạm.", None, None, None),
    (
        "Các đơn vị gửi báo cáo chậm nhất ngày 20/11/2022.",
        "chậm nhất ngày 20/11/2022",
        "date",
        date(2022, 11, 20),
    ),
    (
        "Sơ kết 05 năm thực hiện Chỉ thị số 27-CT/TW, ngày 10/01/2019 của Bộ Chính trị (năm 2024).",
        "năm 2024",
        "year",
        date(2024, 12, 31),
    ),
    (
        "Định kỳ 6 tháng, hằng năm báo cáo kết quả về Thường trực Tỉnh ủy.",
        "Định kỳ 6 tháng, hằng năm",
        "recurring",
        date(2022, 6, 30),
    ),
    (
        "Tổ chức thực hiện thường xu-\nyên và báo cáo kết quả.",
        "thực hiện thường xu-\nyên",
        "ongoing",
        None,
    ),
    (
        "Ban Chỉ đạo họp định kỳ 6 tháng một lần.",
        "định kỳ 6 tháng",
        "recurring",
        date(2022, 6, 30),
    ),
    (
        "Tổ chức Hội nghị sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội.",
        "giữa nhiệm kỳ",
        "term",
        date(2023, 12, 31),
    ),
    (
        "UBND tỉnh chỉ đạo thực hiện Kế hoạch số 45/KH-UBND ngày 12/3/2022; báo cáo kết quả hằng năm.",
        "hằng năm",
        "recurring",
        date(2022, 12, 31),
    ),
    (
        "Sở Nội vụ tổng hợp, báo cáo UBND tỉnh trước ngày 25 của tháng cuối quý.",
        "trước ngày 25 của tháng cuối quý",
        "recurring",
        date(2022, 6, 25),
    ),
    (
        "Thời gian: Từ tháng 5/2022 đến tháng 12/2022.",
        "Từ tháng 5/2022 đến tháng 12/2022",
        "period",
        date(2022, 12, 31),
    ),
    (
        "Các cơ quan, đơn vị gửi báo cáo về Ban Tổ chức trước 17h00 ngày 20/6/2023 để tổng hợp.",
        "trước 17h00 ngày 20/6/2023",
        "date",
        date(2023, 6, 20),
    ),
    (
        "Thực hiện Công văn số 123-CV/TU ngày 05/3/2023 của Ban Thường vụ Tỉnh ủy, đề nghị các đơn vị "
        "báo cáo trước ngày 20/3/2023.",
        "trước ngày 20/3/2023",
        "date",
        date(2023, 3, 20),
    ),
    (
        "Nâng cao chất lượng sinh hoạt chi bộ theo Hướng dẫn số 12-HD/BTCTW ngày 18/10/2017 của Ban "
        "Tổ chức Trung ương.",
        None,
        None,
        None,
    ),
    (
        "Triển khai Quyết định số 12/QĐ-UBND ngày 15/01/2025 của UBND tỉnh về phê duyệt Đề án.",
        None,
        None,
        None,
    ),
    ("Thực hiện nghiêm Nghị định 30/2020/NĐ-CP về công tác văn thư.", None, None, None),
    ("Tiếp tục thực hiện Luật Đất đai năm 2024 và các văn bản hướng dẫn.", None, None, None),
    (
        "Tổ chức Đại hội Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2025-2030 theo Chỉ thị số 35-CT/TW.",
        None,
        None,
        None,
    ),
    (
        "Thống kê số đảng viên tính đến ngày 31/12/2024, báo cáo về Ban Tổ chức trước ngày "
        "15/01/2025.",
        "trước ngày 15/01/2025",
        "date",
        date(2025, 1, 15),
    ),
    (  # "văn kiện Đại hội" is a document, the dates are the task's
        "Lấy ý kiến góp ý dự thảo văn kiện Đại hội từ ngày 01/7/2025 đến ngày 15/7/2025.",
        "từ ngày 01/7/2025 đến ngày 15/7/2025",
        "period",
        date(2025, 7, 15),
    ),
    (  # only the stated period, not the orientation
        "Xây dựng Đề án phát triển du lịch giai đoạn 2021-2025 và định hướng đến năm 2030.",
        "giai đoạn 2021-2025",
        "period",
        date(2025, 12, 31),
    ),
    (
        "Rà soát quy hoạch cán bộ giai đoạn 2020-2025 và xây dựng quy hoạch nhiệm kỳ 2025-2030 "
        "(quý III/2022).",
        "quý III/2022",
        "quarter",
        date(2022, 9, 30),
    ),
    (
        "Chủ trì, hướng dẫn thực hiện đợt sinh hoạt chính trị sâu rộng trong toàn tỉnh (*Quý I/2022*).",
        "Quý I/2022",
        "quarter",
        date(2022, 3, 31),
    ),
]


@pytest.mark.parametrize(("text", "phrase", "kind", "due"), SENTENCES)
def test_find_deadline(text: str, phrase: str | None, kind: str | None, due: date | None) -> None:
    found = find_deadline(text, REF)
    if phrase is None:
        assert found is None
        return
    assert found is not None
    assert text[found.start : found.end] == phrase
    assert found.deadline.raw == phrase.strip()
    assert found.deadline.kind == DeadlineKind(kind)
    assert found.deadline.due == due


@pytest.mark.parametrize(("text", "phrase", "kind", "due"), SENTENCES)
def test_spans_in_nfd_text(
    text: str, phrase: str | None, kind: str | None, due: date | None
) -> None:
    """Spans refer to the text as given, even in decomposed form."""
    nfd = unicodedata.normalize("NFD", text)
    found = find_deadline(nfd, REF)
    if phrase is None:
        assert found is None
        return
    assert found is not None
    assert unicodedata.normalize("NFC", nfd[found.start : found.end]) == phrase
    assert found.deadline.due == due


def test_two_actions_two_deadlines() -> None:
    text = "Tổ chức hội nghị sơ kết trong Quý II/2023; tổng kết vào tháng 12/2025."
    found = find_deadlines(text, REF)
    assert [text[f.start : f.end] for f in found] == ["trong Quý II/2023", "vào tháng 12/2025"]
    best = find_deadline(text, REF)
    assert best is not None and best.deadline.due == date(2025, 12, 31)


def test_two_bracketed_deadlines() -> None:
    text = (
        "Ban hành Quy chế làm việc (hoàn thành trong tháng 02/2022); kiểm tra việc thực hiện "
        "(thực hiện hằng năm từ năm 2022)."
    )
    found = find_deadlines(text, REF)
    assert [f.deadline.kind for f in found] == [DeadlineKind.MONTH, DeadlineKind.RECURRING]
    assert found[1].deadline.start == date(2022, 1, 1)


def test_bracketed_deadline_wins_over_running_text() -> None:
    text = "Thường xuyên theo dõi, đôn đốc việc thực hiện Kế hoạch (Quý IV/2022)."
    found = find_deadline(text, REF)
    assert found is not None and found.deadline.kind == DeadlineKind.QUARTER


def test_empty_and_plain_text() -> None:
    assert find_deadline("", REF) is None
    assert find_deadlines(None, REF) == []
    assert (
        find_deadline("Ban Tổ chức Tỉnh ủy chủ trì, phối hợp các cơ quan liên quan.", REF) is None
    )


BULLETS = Path(__file__).parent / "data" / "seed_plan_bullets.txt"


def test_plan_bullets_all_have_deadlines() -> None:
    """Bullets of a real plan that end with an italic deadline: one is found in each."""
    bullets = BULLETS.read_text(encoding="utf-8").splitlines()
    assert len(bullets) > 50
    misses = [b for b in bullets if find_deadline(b, REF) is None]
    assert not misses

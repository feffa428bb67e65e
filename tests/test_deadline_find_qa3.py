"""QA pass 3 on the deadline finder: whole task sentences as written in Party and state
implementation plans, each with the phrase a clerk tracks (the task's completion; the
report date for a report-only task), or None when the sentence states no deadline
(document numbers and dates, anniversaries and reviewed spans are not deadlines)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.deadlines.parse import find_deadline, find_deadlines
from app.core.deadlines.types import DeadlineKind, Frequency

REF = date(2024, 3, 1)

# (sentence, phrase found or None, kind, due)
SENTENCES = [
    (
        "Các chi bộ, đảng bộ trực thuộc báo cáo kết quả về Ban Thường vụ (qua Văn phòng) trước ngày 15/6 và 15/12 hằng năm.",
        "trước ngày 15/6 và 15/12 hằng năm",
        "recurring",
        date(2024, 6, 15),
    ),
    (
        "Định kỳ 6 tháng, 01 năm báo cáo kết quả thực hiện về Ban Thường vụ Huyện ủy (qua Ban Tuyên giáo).",
        "Định kỳ 6 tháng, 01 năm",
        "recurring",
        date(2024, 6, 30),
    ),
    (
        "Tổ chức sơ kết 02 năm thực hiện Nghị quyết, hoàn thành trong Quý III/2024, báo cáo UBND tỉnh trước ngày 30/9/2024.",
        "hoàn thành trong Quý III/2024",
        "quarter",
        date(2024, 9, 30),
    ),
    (
        "Xây dựng kế hoạch triển khai theo Kế hoạch số 12-KH/TU ngày 5/1/2024, hoàn thành trước 31/3/2024.",
        "hoàn thành trước 31/3/2024",
        "date",
        date(2024, 3, 31),
    ),
    (
        "Các đơn vị gửi báo cáo định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12).",
        "định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12)",
        "recurring",
        date(2024, 6, 15),
    ),
    (
        "Các cơ quan, đơn vị gửi báo cáo định kỳ hằng quý (trước ngày 20 của tháng cuối quý) về Sở Nội vụ.",
        "trước ngày 20 của tháng cuối quý",
        "recurring",
        date(2024, 3, 20),
    ),
    (
        "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        None,
        None,
        None,
    ),
    (
        "Ban Tuyên giáo chủ trì tham mưu tổ chức hội nghị quán triệt Nghị quyết số 27-NQ/TW ngày 09/11/2022 (Thời gian: tháng 4/2024).",
        "Thời gian: tháng 4/2024",
        "month",
        date(2024, 4, 30),
    ),
    ("Thời gian: trước ngày 30/6/2024.", "trước ngày 30/6/2024", "date", date(2024, 6, 30)),
    (
        "Ủy ban Kiểm tra Huyện ủy tham mưu xây dựng chương trình kiểm tra, giám sát năm 2024. Thời gian: hoàn thành trong tháng 01/2024.",
        "hoàn thành trong tháng 01/2024",
        "month",
        date(2024, 1, 31),
    ),
    (
        "Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan tham mưu UBND tỉnh ban hành quy định; thời gian hoàn thành: trước ngày 31/5/2024.",
        "trước ngày 31/5/2024",
        "date",
        date(2024, 5, 31),
    ),
    (
        "Văn phòng Tỉnh ủy tổng hợp, báo cáo Thường trực Tỉnh ủy kết quả thực hiện trước ngày 25/11/2024.",
        "trước ngày 25/11/2024",
        "date",
        date(2024, 11, 25),
    ),
    (
        "Các huyện ủy, thành ủy, đảng ủy trực thuộc quán triệt, triển khai thực hiện Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương.",
        None,
        None,
        None,
    ),
    (
        "Đảng ủy các xã, thị trấn xây dựng kế hoạch thực hiện, gửi về Ban Thường vụ Huyện ủy (qua Ban Tổ chức) trước ngày 15/4/2024 để theo dõi.",
        "trước ngày 15/4/2024",
        "date",
        date(2024, 4, 15),
    ),
    (
        "Tổ chức tổng kết 10 năm thực hiện Nghị quyết số 33-NQ/TW ngày 09/6/2014 trong tháng 6/2024.",
        "trong tháng 6/2024",
        "month",
        date(2024, 6, 30),
    ),
    (
        "Hoàn thành việc rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025 - 2030 trong Quý II/2024.",
        "trong Quý II/2024",
        "quarter",
        date(2024, 6, 30),
    ),
    (
        "Chậm nhất ngày 20/12/2024, các cơ quan, đơn vị gửi báo cáo tổng kết năm về Văn phòng UBND tỉnh.",
        "Chậm nhất ngày 20/12/2024",
        "date",
        date(2024, 12, 20),
    ),
    (
        "Trong tháng 5/2024, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết giữa nhiệm kỳ.",
        "Trong tháng 5/2024",
        "month",
        date(2024, 5, 31),
    ),
    (
        "Các cấp ủy tổ chức kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên (hoàn thành trước ngày 31/12/2024).",
        "hoàn thành trước ngày 31/12/2024",
        "date",
        date(2024, 12, 31),
    ),
    ("Các đơn vị thực hiện nghiêm chế độ thông tin, báo cáo theo quy định.", None, None, None),
    (
        "Tiếp tục đẩy mạnh cải cách hành chính, nâng cao chỉ số PAR INDEX, SIPAS của tỉnh.",
        None,
        None,
        None,
    ),
    (
        "UBND các huyện, thị xã, thành phố báo cáo kết quả thực hiện định kỳ hằng tháng (trước ngày 20 hằng tháng) về Sở Kế hoạch và Đầu tư.",
        "trước ngày 20 hằng tháng",
        "recurring",
        date(2024, 3, 20),
    ),
    (
        "Ban Dân vận Huyện ủy theo dõi, hướng dẫn, đôn đốc việc thực hiện; định kỳ hằng năm báo cáo Ban Thường vụ Huyện ủy.",
        "định kỳ hằng năm",
        "recurring",
        date(2024, 12, 31),
    ),
    (
        "Tổ chức Hội nghị quán triệt, triển khai Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương khóa XIII; thời gian hoàn thành trong Quý I/2024.",
        "hoàn thành trong Quý I/2024",
        "quarter",
        date(2024, 3, 31),
    ),
    (
        "Xây dựng Đề án phát triển kinh tế tập thể giai đoạn 2021 - 2025, định hướng đến năm 2030, trình HĐND tỉnh tại kỳ họp cuối năm 2024.",
        "tại kỳ họp cuối năm 2024",
        "conditional",
        date(2024, 12, 31),
    ),
    (
        "Đảng ủy Khối báo cáo kết quả sơ kết về Ban Thường vụ Tỉnh ủy trước ngày 30/11/2024 theo Hướng dẫn số 05-HD/BTCTU ngày 12/3/2024.",
        "trước ngày 30/11/2024",
        "date",
        date(2024, 11, 30),
    ),
    (
        "Căn cứ Quyết định số 1234/QĐ-UBND ngày 15/8/2023 của UBND tỉnh, Sở Xây dựng tổ chức kiểm tra công tác quản lý trật tự xây dựng năm 2024.",
        "năm 2024",
        "year",
        date(2024, 12, 31),
    ),
    (
        "Hoàn thành công tác chuyển đổi số tại 100% xã, phường trước 30/9/2024.",
        "trước 30/9/2024",
        "date",
        date(2024, 9, 30),
    ),
    (
        "Tổ chức hội nghị sơ kết 3 năm thực hiện Chỉ thị 08-CT/TU ngày 18/02/2021, xong trước ngày 15/5/2024.",
        "xong trước ngày 15/5/2024",
        "date",
        date(2024, 5, 15),
    ),
    (
        "Các đảng bộ, chi bộ cơ sở tổ chức sinh hoạt chuyên đề ít nhất 01 lần/quý.",
        "01 lần/quý",
        "recurring",
        date(2024, 3, 31),
    ),
    (
        "Ban Thường vụ Huyện ủy giao Văn phòng Huyện ủy theo dõi, tổng hợp, báo cáo tình hình thực hiện Kế hoạch này.",
        None,
        None,
        None,
    ),
    (
        "Sở Giáo dục và Đào tạo chủ trì triển khai thực hiện từ năm học 2024 - 2025.",
        "thực hiện từ năm học 2024 - 2025",
        "ongoing",
        None,
    ),
    (
        "Định kỳ hằng quý, các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15 tháng cuối quý để tổng hợp.",
        "trước ngày 15 tháng cuối quý",
        "recurring",
        date(2024, 3, 15),
    ),
    (
        "Thực hiện Công văn số 234-CV/TU ngày 20/02/2024 của Ban Thường vụ Tỉnh ủy, Ban Tổ chức Huyện ủy hướng dẫn các chi bộ tiến hành kiểm điểm.",
        None,
        None,
        None,
    ),
    (
        "Các cơ quan, đơn vị gửi báo cáo sơ kết 6 tháng đầu năm 2024 về Văn phòng trước ngày 10/6/2024.",
        "trước ngày 10/6/2024",
        "date",
        date(2024, 6, 10),
    ),
    (
        "Tổ chức tuyên truyền kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024).",
        None,
        None,
        None,
    ),
    (
        "Triển khai thực hiện có hiệu quả Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025.",
        None,
        None,
        None,
    ),
    (
        "Hoàn thiện hồ sơ, trình cấp có thẩm quyền phê duyệt dự án trong năm 2024.",
        "trong năm 2024",
        "year",
        date(2024, 12, 31),
    ),
    (
        "Tham mưu tổ chức Hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024 (xong trước ngày 25/01/2024).",
        "xong trước ngày 25/01/2024",
        "date",
        date(2024, 1, 25),
    ),
    (
        "Các chi bộ trực thuộc triển khai thực hiện ngay sau khi có hướng dẫn của Ban Thường vụ Đảng ủy.",
        "thực hiện ngay sau khi có hướng dẫn của Ban Thường vụ Đảng ủy",
        "conditional",
        None,
    ),
    (
        "Khi có hướng dẫn của Trung ương, Ban Tổ chức Tỉnh ủy tham mưu Ban Thường vụ ban hành kế hoạch triển khai.",
        "Khi có hướng dẫn của Trung ương",
        "conditional",
        None,
    ),
    (
        "Ban Tuyên giáo Huyện ủy tham mưu sơ kết 05 năm thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 vào Quý II/2026.",
        "vào Quý II/2026",
        "quarter",
        date(2026, 6, 30),
    ),
    (
        "Báo cáo kết quả thực hiện 6 tháng đầu năm và cả năm về Sở Tư pháp trước ngày 10/6 và 10/12 hằng năm.",
        "trước ngày 10/6 và 10/12 hằng năm",
        "recurring",
        date(2024, 6, 10),
    ),
    (
        "Chủ tịch UBND các xã, phường gửi báo cáo về UBND huyện chậm nhất ngày 25/9/2024.",
        "chậm nhất ngày 25/9/2024",
        "date",
        date(2024, 9, 25),
    ),
    (
        "Hoàn thành việc kiện toàn Ban Chỉ đạo, Tổ giúp việc trong tháng 4/2024; triển khai các nhiệm vụ thường xuyên.",
        "trong tháng 4/2024",
        "month",
        date(2024, 4, 30),
    ),
    (
        "Đảng ủy các xã tổ chức Đại hội chi bộ nhiệm kỳ 2025 - 2027 trước ngày 30/6/2025.",
        "trước ngày 30/6/2025",
        "date",
        date(2025, 6, 30),
    ),
    (
        "Các phòng, ban chuyên môn thuộc UBND huyện xây dựng kế hoạch thực hiện, hoàn thành trước ngày 15 tháng 3 năm 2024.",
        "hoàn thành trước ngày 15 tháng 3 năm 2024",
        "date",
        date(2024, 3, 15),
    ),
    (
        "Tổ chức kiểm tra việc thực hiện Quy định số 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị (Thời gian: Quý IV/2024).",
        "Thời gian: Quý IV/2024",
        "quarter",
        date(2024, 12, 31),
    ),
    (
        "Các đơn vị báo cáo định kỳ 6 tháng (trước ngày 10/6) và năm (trước ngày 10/12) về Ban Thường vụ Huyện ủy.",
        "định kỳ 6 tháng (trước ngày 10/6) và năm (trước ngày 10/12)",
        "recurring",
        date(2024, 6, 10),
    ),
    (
        "Sở Nội vụ tổng hợp báo cáo định kỳ hằng quý (trước ngày 15/3, 15/6, 15/9 và 15/12) gửi Bộ Nội vụ.",
        "định kỳ hằng quý (trước ngày 15/3, 15/6, 15/9 và 15/12)",
        "recurring",
        date(2024, 3, 15),
    ),
    (
        "Tham mưu ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ huyện khóa XXI. Thời gian thực hiện: trong tháng 10/2024.",
        "trong tháng 10/2024",
        "month",
        date(2024, 10, 31),
    ),
    (
        "Tổ chức Hội nghị cán bộ chủ chốt quán triệt Nghị quyết; thời gian: tháng 11/2024; địa điểm: Hội trường Huyện ủy.",
        "tháng 11/2024",
        "month",
        date(2024, 11, 30),
    ),
    (
        "Rà soát, sửa đổi, bổ sung quy chế chi tiêu nội bộ (thời gian hoàn thành: 31/01/2024).",
        "thời gian hoàn thành: 31/01/2024",
        "date",
        date(2024, 1, 31),
    ),
    (
        "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh triển khai học tập chuyên đề năm 2024 theo Hướng dẫn số 125-HD/BTGTW ngày 20/12/2023.",
        "năm 2024",
        "year",
        date(2024, 12, 31),
    ),
    (
        "Kiện toàn Ban Chỉ đạo 35 huyện sau Đại hội Đảng bộ huyện nhiệm kỳ 2025 - 2030.",
        "sau Đại hội Đảng bộ huyện nhiệm kỳ 2025 - 2030",
        "conditional",
        None,
    ),
    (
        "Thực hiện Nghị định số 33/2023/NĐ-CP ngày 10/6/2023 của Chính phủ về cán bộ, công chức cấp xã.",
        None,
        None,
        None,
    ),
    (
        "Các xã hoàn thành việc bố trí công chức theo Nghị định số 33/2023/NĐ-CP ngày 10/6/2023 trước ngày 31/12/2024.",
        "trước ngày 31/12/2024",
        "date",
        date(2024, 12, 31),
    ),
    (
        "Ban Tổ chức Huyện ủy thẩm định hồ sơ, trình Ban Thường vụ xem xét trong vòng 15 ngày làm việc kể từ ngày nhận đủ hồ sơ.",
        "trong vòng 15 ngày làm việc kể từ ngày nhận đủ hồ sơ",
        "relative",
        date(2024, 3, 22),
    ),
    (
        "Ban Tuyên giáo chủ trì biên soạn tài liệu tuyên truyền, hoàn thành trong quý 2 năm 2024.",
        "hoàn thành trong quý 2 năm 2024",
        "quarter",
        date(2024, 6, 30),
    ),
    (
        "Hoàn thành việc sắp xếp đơn vị hành chính cấp xã giai đoạn 2023 - 2025 theo Nghị quyết số 35/2023/UBTVQH15 ngày 12/7/2023.",
        "giai đoạn 2023 - 2025",
        "period",
        date(2025, 12, 31),
    ),
    (
        "Mỗi năm tổ chức ít nhất 02 cuộc kiểm tra chuyên đề đối với tổ chức đảng cấp dưới.",
        "Mỗi năm",
        "recurring",
        date(2024, 12, 31),
    ),
    (
        "Chỉ đạo thực hiện xong việc cấp giấy chứng nhận quyền sử dụng đất lần đầu trước Quý IV/2024.",
        "trước Quý IV/2024",
        "date",
        date(2024, 9, 30),
    ),
    (
        "Tổ chức Đại hội đại biểu Hội Nông dân huyện lần thứ XII, nhiệm kỳ 2024 - 2029 trong tháng 8/2024.",
        "trong tháng 8/2024",
        "month",
        date(2024, 8, 31),
    ),
    (
        "Thực hiện tốt công tác phòng, chống dịch bệnh trên đàn gia súc, gia cầm; thời gian: thường xuyên.",
        "thường xuyên",
        "ongoing",
        None,
    ),
    (
        "Ban Thường vụ Huyện ủy lãnh đạo tổ chức Đại hội Đảng bộ huyện lần thứ XXIII, nhiệm kỳ 2025 - 2030 (dự kiến trong Quý III/2025).",
        "dự kiến trong Quý III/2025",
        "quarter",
        date(2025, 9, 30),
    ),
    (
        "Các chi bộ tổ chức lấy phiếu tín nhiệm giữa nhiệm kỳ đối với cán bộ lãnh đạo trong tháng 10/2023.",
        "trong tháng 10/2023",
        "month",
        date(2023, 10, 31),
    ),
    (
        "Các đơn vị đăng ký danh hiệu thi đua năm 2024 về Thường trực Hội đồng Thi đua - Khen thưởng (qua Phòng Nội vụ) trước ngày 15/3/2024.",
        "trước ngày 15/3/2024",
        "date",
        date(2024, 3, 15),
    ),
    (
        "Xây dựng và ban hành kế hoạch thực hiện Đề án trong 30 ngày kể từ ngày Đề án được phê duyệt.",
        "trong 30 ngày kể từ ngày Đề án được phê duyệt",
        "conditional",
        None,
    ),
    (
        "Sở Tư pháp tổ chức sơ kết 05 năm thi hành Luật Tiếp cận thông tin (2018 - 2023) trong Quý IV/2023.",
        "trong Quý IV/2023",
        "quarter",
        date(2023, 12, 31),
    ),
    (
        "Định kỳ trước ngày 25 hằng tháng, các xã báo cáo tiến độ giải ngân vốn đầu tư công về UBND huyện (qua Phòng Tài chính - Kế hoạch).",
        "Định kỳ trước ngày 25 hằng tháng",
        "recurring",
        date(2024, 3, 25),
    ),
    (
        "Hoàn thành xây dựng nông thôn mới nâng cao tại xã Tân Phú vào cuối năm 2025.",
        "vào cuối năm 2025",
        "year",
        date(2025, 12, 31),
    ),
    (
        "Tổ chức thực hiện tổng điều tra kinh tế năm 2026 theo Quyết định số 15/QĐ-TTg ngày 07/01/2025 của Thủ tướng Chính phủ.",
        "năm 2026",
        "year",
        date(2026, 12, 31),
    ),
    (
        "Sở Văn hóa, Thể thao và Du lịch tổ chức Lễ hội Hoa Đà Lạt lần thứ X từ ngày 20/12/2024 đến ngày 25/12/2024.",
        "từ ngày 20/12/2024 đến ngày 25/12/2024",
        "period",
        date(2024, 12, 25),
    ),
    (
        "Tổ chức kiểm tra chuyên đề đối với 03 chi bộ trực thuộc (Quý II và Quý IV/2024).",
        "Quý II và Quý IV/2024",
        "quarter",
        date(2024, 6, 30),
    ),
    (
        "Các phòng, ban triển khai thực hiện các nhiệm vụ được giao tại Kế hoạch số 45-KH/HU ngày 10/3/2024 (báo cáo kết quả trước 30/11/2024).",
        "báo cáo kết quả trước 30/11/2024",
        "date",
        date(2024, 11, 30),
    ),
    (
        "Cập nhật, bổ sung cơ sở dữ liệu đảng viên kịp thời, thường xuyên.",
        "thường xuyên",
        "ongoing",
        None,
    ),
    (
        "Khen thưởng tổ chức, cá nhân có thành tích xuất sắc trong 5 năm thực hiện Chỉ thị số 05-CT/TW (2019 - 2024).",
        None,
        None,
        None,
    ),
    (
        "Thực hiện dứt điểm các kiến nghị sau thanh tra, hoàn thành chậm nhất là ngày 30/4/2024.",
        "hoàn thành chậm nhất là ngày 30/4/2024",
        "date",
        date(2024, 4, 30),
    ),
    (
        "Công an huyện chủ trì mở đợt cao điểm tấn công, trấn áp tội phạm từ ngày 15/01/2024 đến hết ngày 15/3/2024.",
        "từ ngày 15/01/2024 đến hết ngày 15/3/2024",
        "period",
        date(2024, 3, 15),
    ),
    (
        "Báo cáo kết quả về Ban Thường vụ Tỉnh ủy trước ngày 15/12/2024 để tổng hợp báo cáo Ban Bí thư theo Quy định số 22-QĐ/TW ngày 28/7/2021.",
        "trước ngày 15/12/2024",
        "date",
        date(2024, 12, 15),
    ),
    (
        "Ban Thường vụ Đảng ủy giao các đồng chí Ủy viên Ban Chấp hành phụ trách chi bộ theo dõi, đôn đốc.",
        None,
        None,
        None,
    ),
    (
        "Cac don vi gui bao cao ve Van phong truoc ngay 20/11/2024.",
        "truoc ngay 20/11/2024",
        "date",
        date(2024, 11, 20),
    ),
    (
        "Triển khai đồng bộ các giải pháp nâng cao chỉ số hài lòng (Thời gian thực hiện: năm 2024 và các năm tiếp theo).",
        "Thời gian thực hiện: năm 2024 và các năm tiếp theo",
        "recurring",
        date(2024, 12, 31),
    ),
    (
        "Các đơn vị tự kiểm tra, rà soát và gửi báo cáo về Sở trước 17h00 ngày 05/4/2024.",
        "trước 17h00 ngày 05/4/2024",
        "date",
        date(2024, 4, 5),
    ),
    (
        "Ban hành Quyết định thành lập Tổ công tác liên ngành trong tháng 3/2024, xong trước ngày 31/3/2024.",
        "trong tháng 3/2024, xong trước ngày 31/3/2024",
        "date",
        date(2024, 3, 31),
    ),
    (
        "Trường Chính trị tỉnh mở lớp bồi dưỡng kiến thức quốc phòng, an ninh đối tượng 4 vào tháng 7/2024.",
        "vào tháng 7/2024",
        "month",
        date(2024, 7, 31),
    ),
    (
        "Sau khi có kết luận của Ban Bí thư, Ban Tổ chức Tỉnh ủy tham mưu hướng dẫn thực hiện.",
        "Sau khi có kết luận của Ban Bí thư",
        "conditional",
        None,
    ),
    ("Thời hạn hoàn thành: 15/10/2024.", "15/10/2024", "date", date(2024, 10, 15)),
]


@pytest.mark.parametrize("sentence,phrase,kind,due", SENTENCES)
def test_find_in_plan_sentence(
    sentence: str, phrase: str | None, kind: str | None, due: date | None
) -> None:
    found = find_deadline(sentence, REF)
    if phrase is None:
        assert found is None, sentence[found.start : found.end]
        return
    assert found is not None
    assert sentence[found.start : found.end] == phrase
    assert (found.deadline.kind, found.deadline.due) == (DeadlineKind(kind), due)


# Bracketed anchors belong to the frequency around them.
RECURRENCES = [
    (
        "Các đơn vị gửi báo cáo định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12).",
        Frequency.SEMIANNUAL,
        6,
        15,
    ),
    (
        "Các chi bộ, đảng bộ trực thuộc báo cáo kết quả về Ban Thường vụ (qua Văn phòng) trước "
        "ngày 15/6 và 15/12 hằng năm.",
        Frequency.SEMIANNUAL,
        6,
        15,
    ),
    (
        "Sở Nội vụ tổng hợp báo cáo định kỳ hằng quý (trước ngày 15/3, 15/6, 15/9 và 15/12) gửi "
        "Bộ Nội vụ.",
        Frequency.QUARTERLY,
        3,
        15,
    ),
    (
        "UBND các huyện báo cáo kết quả thực hiện định kỳ hằng tháng (trước ngày 20 hằng tháng) "
        "về Sở Kế hoạch và Đầu tư.",
        Frequency.MONTHLY,
        None,
        20,
    ),
]


@pytest.mark.parametrize("sentence,freq,month,day", RECURRENCES)
def test_bracketed_anchor_joins_frequency(
    sentence: str, freq: Frequency, month: int | None, day: int | None
) -> None:
    found = find_deadline(sentence, REF)
    assert found is not None
    rec = found.deadline.recurrence
    assert rec is not None
    assert (rec.freq, rec.month, rec.day) == (freq, month, day)


def test_two_report_dates_are_both_found() -> None:
    s = (
        "Báo cáo sơ kết 6 tháng đầu năm gửi về Ban Thường vụ Tỉnh ủy trước ngày 20/6/2024; "
        "báo cáo năm gửi trước ngày 20/12/2024."
    )
    dues = [f.deadline.due for f in find_deadlines(s, REF)]
    assert date(2024, 6, 20) in dues
    assert date(2024, 12, 20) in dues

"""QA pass 2: deadline phrases as Party and state implementation plans write them.

Phrases written fresh for this pass (none is in the corpus or the examples), each with
what shared/deadline-phrases.md says it means. One row per phrase:
`phrase | ref | kind | start | due | extras` — ref empty means 2023-03-15; start `*`
means "not checked" (the spec leaves it open); extras as in tests/deadline_corpus.py:
`occ=D,D`, `rec=freq/month/day[/weekday]` (- for None), `cont`, `done`, `cond=TEXT`
(rest of the line). `\\n` in a phrase is a line break.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

import pytest

from app.core.deadlines.grammar import interpret
from app.core.deadlines.parse import find_deadline, parse_deadline, parse_deadline_uncached
from app.core.deadlines.types import Deadline, DeadlineKind, Frequency
from app.core.workdays import DEFAULT_CALENDAR

REF = date(2023, 3, 15)

TABLE = r"""
# --- a day
Hoàn thành trước ngày 30/6/2024                     |            | date        |            | 2024-06-30 |
Chậm nhất ngày 20/11/2023                           |            | date        |            | 2023-11-20 |
ngày 05 tháng 6 năm 2024                            |            | date        |            | 2024-06-05 |
30/9/2024                                           |            | date        |            | 2024-09-30 |
31-12-2024                                          |            | date        |            | 2024-12-31 |
Trước ngày 15/8/2023                                |            | date        |            | 2023-08-15 |
Hoàn thành trước 31/10/2023.                        |            | date        |            | 2023-10-31 |
Xong trước ngày 28/02/2024                          |            | date        |            | 2024-02-28 |
chậm nhất là ngày 10 tháng 01 năm 2024              |            | date        |            | 2024-01-10 |
Trước ngày 30 tháng 4 năm 2023                      |            | date        |            | 2023-04-30 |
HOÀN THÀNH TRƯỚC NGÀY 15/9/2023                     |            | date        |            | 2023-09-15 |
hoan thanh truoc ngay 30/11/2023                    |            | date        |            | 2023-11-30 |
Trươc ngày 31/5/2023                                |            | date        |            | 2023-05-31 |
Trước ngày 30/ 6/2023                               |            | date        |            | 2023-06-30 |
Trước ngày 30 / 06 / 2023                           |            | date        |            | 2023-06-30 |
trước ngày 15.11.2023                               |            | date        |            | 2023-11-15 |
Gửi báo cáo trước ngày 25/12/2023                   |            | date        |            | 2023-12-25 |
chậm nhất ngày 05/01/2024                           |            | date        |            | 2024-01-05 |
Thời hạn: trước ngày 31/7/2023                      |            | date        |            | 2023-07-31 |
Thời gian hoàn thành: Trước ngày 30/9/2023          |            | date        |            | 2023-09-30 |
(Hoàn thành trước ngày 20/10/2023)                  |            | date        |            | 2023-10-20 |
ngày 19 tháng 5 năm 2023                            |            | date        |            | 2023-05-19 |
Ngày 02/9/2023                                      |            | date        |            | 2023-09-02 |
Trước ngày 15 tháng 12 năm 2023                     |            | date        |            | 2023-12-15 |
trước ngày 30/6                                     |            | date        |            | 2023-06-30 |
trước ngày 10/3                                     |            | date        |            | 2024-03-10 |
Chậm nhất ngày 31 tháng 3 năm 2024                  |            | date        |            | 2024-03-31 |
Hoàn thành trước ngày 30-9-2023                     |            | date        |            | 2023-09-30 |
Trước ngày 31/12/2023 (Thứ Hai)                     |            | date        |            | 2023-12-31 |
trước ngày 15/7/23                                  |            | date        |            | 2023-07-15 |
Đến ngày 30/11/2023                                 |            | date        |            | 2023-11-30 |
Trước 17 giờ ngày 20/4/2023                         |            | date        |            | 2023-04-20 |
Trước ngày 30/6/2023 (báo cáo sơ kết), trước ngày 15/12/2023 (báo cáo tổng kết) | | date | | 2023-06-30 | occ=2023-06-30,2023-12-15
Báo cáo sơ kết trước ngày 15/6/2023; báo cáo tổng kết trước ngày 15/12/2023 | | date | | 2023-06-15 | occ=2023-06-15,2023-12-15
Từ ngày 1/4/2023, hoàn thành trước ngày 30/6/2023 | | date | | 2023-06-30 |
# --- a month
Tháng 9/2023 (trước ngày 15/9) | | date | | 2023-09-15 |
Tháng 3/2024                                        |            | month       | 2024-03-01 | 2024-03-31 |
Trong tháng 6/2023                                  |            | month       | 2023-06-01 | 2023-06-30 |
tháng 9 năm 2023                                    |            | month       | 2023-09-01 | 2023-09-30 |
Tháng 11-2023                                       |            | month       | 2023-11-01 | 2023-11-30 |
Tháng 12.2023                                       |            | month       | 2023-12-01 | 2023-12-31 |
trong tháng 5                                       |            | month       | 2023-05-01 | 2023-05-31 |
Trong tháng 01                                      |            | month       | 2024-01-01 | 2024-01-31 |
TRONG THÁNG 8/2023                                  |            | month       | 2023-08-01 | 2023-08-31 |
Thang 7/2023                                        |            | month       | 2023-07-01 | 2023-07-31 |
đầu tháng 4/2023                                    |            | month       | 2023-04-01 | 2023-04-30 |
cuối tháng 12/2023                                  |            | month       | 2023-12-01 | 2023-12-31 |
Tháng 02/2024                                       |            | month       | 2024-02-01 | 2024-02-29 |
Trong tháng 4 năm 2023                              |            | month       | 2023-04-01 | 2023-04-30 |
T11/2023 | | month | 2023-11-01 | 2023-11-30 |
11/2023                                             |            | month       | 2023-11-01 | 2023-11-30 |
tháng 3 và tháng 6/2023                             |            | month       | 2023-03-01 | 2023-03-31 | occ=2023-03-31,2023-06-30
Tháng 6 và tháng 12 năm 2023                        |            | month       | 2023-06-01 | 2023-06-30 | occ=2023-06-30,2023-12-31
tháng 4, 5/2023                                     |            | month       | 2023-04-01 | 2023-04-30 | occ=2023-04-30,2023-05-31
Trong tháng tiếp theo |            | month       | 2023-04-01 | 2023-04-30 |
Ngay trong tháng 3 này |            | month       | 2023-03-01 | 2023-03-31 |
trong tháng 11 tới | | month | 2023-11-01 | 2023-11-30 |
Tháng 10/20-\n23                                    |            | month       | 2023-10-01 | 2023-10-31 |
Thời gian hoàn thành:\nTháng 6/2023                 |            | month       | 2023-06-01 | 2023-06-30 |
Tháng 9/2023\n23                                    |            | month       | 2023-09-01 | 2023-09-30 |
đầu tháng 3 và cuối tháng 9/2023 | | month | 2023-03-01 | 2023-03-31 | occ=2023-03-31,2023-09-30
Đợt 1: tháng 5/2024; đợt 2: tháng 10/2024 | | month | 2024-05-01 | 2024-05-31 | occ=2024-05-31,2024-10-31
Khoảng tháng 8/2024 | | month | 2024-08-01 | 2024-08-31 |
Từ tháng 3/2023, hoàn thành trong tháng 6/2023 | | month | 2023-06-01 | 2023-06-30 |
Tháng 10, 11, 12/2023 | | month | 2023-10-01 | 2023-10-31 | occ=2023-10-31,2023-11-30,2023-12-31
Tháng 11/2023, chậm nhất ngày 25/11/2023 | | date | | 2023-11-25 |
Th6/2023 | | month | 2023-06-01 | 2023-06-30 |
T6-2023 | | month | 2023-06-01 | 2023-06-30 |
6.2023 | | month | 2023-06-01 | 2023-06-30 |
Tháng 6/23 | | month | 2023-06-01 | 2023-06-30 |
Thời hạn hoàn thành : tháng 6/2023 | | month | 2023-06-01 | 2023-06-30 |
# --- a quarter
Trong Quý II năm 2024                               |            | quarter     | 2024-04-01 | 2024-06-30 |
Quý III/2023                                        |            | quarter     | 2023-07-01 | 2023-09-30 |
Quý II/20-\n24                                      |            | quarter     | 2024-04-01 | 2024-06-30 |
quý IV/2023                                         |            | quarter     | 2023-10-01 | 2023-12-31 |
Quý 3 năm 2023                                      |            | quarter     | 2023-07-01 | 2023-09-30 |
QUÝ I/2024                                          |            | quarter     | 2024-01-01 | 2024-03-31 |
quí 3/2023 | | quarter | 2023-07-01 | 2023-09-30 |
quy 4/2023                                          |            | quarter     | 2023-10-01 | 2023-12-31 |
Q3/2023                                             |            | quarter     | 2023-07-01 | 2023-09-30 |
QII.2023                                            |            | quarter     | 2023-04-01 | 2023-06-30 |
Quý II                                              |            | quarter     | 2023-04-01 | 2023-06-30 |
Trong Quý I                                         |            | quarter     | 2023-01-01 | 2023-03-31 |
Quý I và Quý III/2024                               |            | quarter     | 2024-01-01 | 2024-03-31 | occ=2024-03-31,2024-09-30
Quý II, III/2023                                    |            | quarter     | 2023-04-01 | 2023-06-30 | occ=2023-06-30,2023-09-30
Quý III - IV/2023                                   |            | period      | 2023-07-01 | 2023-12-31 |
Quý IV năm 2023 và Quý I năm 2024                   |            | quarter     | 2023-10-01 | 2023-12-31 | occ=2023-12-31,2024-03-31
quý 1/24                                            |            | quarter     | 2024-01-01 | 2024-03-31 |
Quý III/2023 và liên tục                            |            | quarter     | 2023-07-01 | 2023-09-30 | cont
Trong quý tiếp theo                                 |            | quarter     | 2023-04-01 | 2023-06-30 |
Trong Quý I/ 2024                                   |            | quarter     | 2024-01-01 | 2024-03-31 |
Quý II / 2023                                       |            | quarter     | 2023-04-01 | 2023-06-30 |
trong quý III năm\n2023                             |            | quarter     | 2023-07-01 | 2023-09-30 |
Thời gian thực hiện: Quý IV/2023                    |            | quarter     | 2023-10-01 | 2023-12-31 |
(Quý II/2023)                                       |            | quarter     | 2023-04-01 | 2023-06-30 |
- 12 -\nQuý III/2023                                |            | quarter     | 2023-07-01 | 2023-09-30 |
Quý III/2023\n15                                    |            | quarter     | 2023-07-01 | 2023-09-30 |
Trong Quý 4/2023                                    |            | quarter     | 2023-10-01 | 2023-12-31 |
Quý IV-2023                                         |            | quarter     | 2023-10-01 | 2023-12-31 |
Quý I, II năm 2024 | | quarter | 2024-01-01 | 2024-03-31 | occ=2024-03-31,2024-06-30
Không muộn hơn Quý II/2023 | | quarter | 2023-04-01 | 2023-06-30 |
Quý IV/2023 hoặc khi có yêu cầu | | quarter | 2023-10-01 | 2023-12-31 |
Quý III/2023 (tháng 8) | | month | 2023-08-01 | 2023-08-31 |
Quý II/2023 (chậm nhất ngày 20/6) | | date | | 2023-06-20 |
Trước Quý IV/2023 | | date | | 2023-09-30 |
Quý ll/2023 | | quarter | 2023-04-01 | 2023-06-30 |
Quý lll năm 2023 | | quarter | 2023-07-01 | 2023-09-30 |
Cấp tỉnh: Quý II/2024; cấp huyện: Quý III/2024 | | quarter | 2024-04-01 | 2024-06-30 | occ=2024-06-30,2024-09-30
Đợt 1 trong Quý II/2024, đợt 2 trong Quý IV/2024 | | quarter | 2024-04-01 | 2024-06-30 | occ=2024-06-30,2024-12-31
Quý II hoặc Quý III/2024 | | quarter | 2024-04-01 | 2024-06-30 | occ=2024-06-30,2024-09-30
Quý IV/2024 - Quý I/2025 | | period | 2024-10-01 | 2025-03-31 |
Quý III+IV/2023 | | quarter | 2023-07-01 | 2023-09-30 | occ=2023-09-30,2023-12-31
QuýII/2023 | | quarter | 2023-04-01 | 2023-06-30 |
Quý 2 - 2023 | | quarter | 2023-04-01 | 2023-06-30 |
Quý II năm 2023 ( tháng 5) | | month | 2023-05-01 | 2023-05-31 |
Quý 4/23 | | quarter | 2023-10-01 | 2023-12-31 |
Q2-2023 | | quarter | 2023-04-01 | 2023-06-30 |
Tiến độ: Quý III/2023 | | quarter | 2023-07-01 | 2023-09-30 |
[Quý II/2023] | | quarter | 2023-04-01 | 2023-06-30 |
# --- half a year
6 tháng đầu năm 2025                                |            | half_year   | 2025-01-01 | 2025-06-30 |
6 tháng cuối năm 2023                               |            | half_year   | 2023-07-01 | 2023-12-31 |
Sáu tháng đầu năm 2024                              |            | half_year   | 2024-01-01 | 2024-06-30 |
06 tháng cuối năm 2024                              |            | half_year   | 2024-07-01 | 2024-12-31 |
Giữa năm 2025 | | half_year | 2025-01-01 | 2025-06-30 |
giữa năm                                            |            | half_year   | 2023-01-01 | 2023-06-30 |
Trong 6 tháng đầu năm |            | half_year   | 2023-01-01 | 2023-06-30 |
trong 6 tháng cuối năm |            | half_year   | 2023-07-01 | 2023-12-31 |
6 THÁNG ĐẦU NĂM 2023                                |            | half_year   | 2023-01-01 | 2023-06-30 |
Trong 6 tháng đầu năm 2024                          |            | half_year   | 2024-01-01 | 2024-06-30 |
6 tháng cuối năm 20-\n23                            |            | half_year   | 2023-07-01 | 2023-12-31 |
6 tháng đầu năm 2024 (trước ngày 15/6) | | date | | 2024-06-15 |
Nửa đầu năm 2024 | | half_year | 2024-01-01 | 2024-06-30 |
Nửa cuối năm 2023 | | half_year | 2023-07-01 | 2023-12-31 |
Nửa đầu năm và cả năm | | half_year | 2023-01-01 | 2023-06-30 | occ=2023-06-30,2023-12-31
6 tháng đầu năm và cả năm 2024 | | half_year | 2024-01-01 | 2024-06-30 | occ=2024-06-30,2024-12-31
# --- a year
Năm 2026 | | year | 2026-01-01 | 2026-12-31 |
Trong năm 2025                                      |            | year        | 2025-01-01 | 2025-12-31 |
Cuối năm 2025 | | year | 2025-01-01 | 2025-12-31 |
đầu năm 2024                                        |            | quarter     | 2024-01-01 | 2024-03-31 |
Cuối năm 2024                                       |            | year        | 2024-01-01 | 2024-12-31 |
Trong năm 2023.                                     |            | year        | 2023-01-01 | 2023-12-31 |
nam 2024                                            |            | year        | 2024-01-01 | 2024-12-31 |
NĂM 2023                                            |            | year        | 2023-01-01 | 2023-12-31 |
Trong năm tới |            | year        | 2024-01-01 | 2024-12-31 |
Trong năm sau |            | year        | 2024-01-01 | 2024-12-31 |
trong năm                                           |            | year        | 2023-01-01 | 2023-12-31 |
Năm 2023, 2024                                      |            | year        | 2023-01-01 | 2023-12-31 | occ=2023-12-31,2024-12-31
Năm 2023 và năm 2024                                |            | year        | 2023-01-01 | 2023-12-31 | occ=2023-12-31,2024-12-31
Cơ bản hoàn thành trong năm 2024                    |            | year        | 2024-01-01 | 2024-12-31 |
Dự kiến năm 2024                                    |            | year        | 2024-01-01 | 2024-12-31 |
Hết năm 2023                                        |            | year        | 2023-01-01 | 2023-12-31 |
Trong năm 2023 hoặc khi có yêu cầu                  |            | year        | 2023-01-01 | 2023-12-31 |
Vào đầu năm |            | quarter     | 2023-01-01 | 2023-03-31 |
Năm 20-\n24                                         |            | year        | 2024-01-01 | 2024-12-31 |
Năm 2023\n\n17                                      |            | year        | 2023-01-01 | 2023-12-31 |
Năm 2024 (cấp tỉnh), năm 2025 (cấp huyện) | | year | 2024-01-01 | 2024-12-31 | occ=2024-12-31,2025-12-31
Trong các năm 2023, 2024 | | year | 2023-01-01 | 2023-12-31 | occ=2023-12-31,2024-12-31
Quý đầu năm 2024 | | quarter | 2024-01-01 | 2024-03-31 |
Quý cuối năm 2023 | | quarter | 2023-10-01 | 2023-12-31 |
Trong năm nay | | year | 2023-01-01 | 2023-12-31 |
Trong năm 2023 và năm 2024 | | year | 2023-01-01 | 2023-12-31 | occ=2023-12-31,2024-12-31
# --- a period
Năm 2024-2025                                       |            | period      | 2024-01-01 | 2025-12-31 |
Giai đoạn 2026 - 2030 | | period | 2026-01-01 | 2030-12-31 |
giai đoạn 2023-2025                                 |            | period      | 2023-01-01 | 2025-12-31 |
Giai đoạn 2021–2025                                 |            | period      | 2021-01-01 | 2025-12-31 |
2024 - 2026                                         |            | period      | 2024-01-01 | 2026-12-31 |
Năm 2023 - 2024                                     |            | period      | 2023-01-01 | 2024-12-31 |
Từ năm 2023 đến năm 2025                            |            | period      | 2023-01-01 | 2025-12-31 |
Từ nay đến năm 2027 | | period | 2023-03-15 | 2027-12-31 |
Đến năm 2025                                        |            | period      | 2023-03-15 | 2025-12-31 |
đến hết năm 2024                                    |            | period      | 2023-03-15 | 2024-12-31 |
Từ nay đến hết năm 2023                             |            | period      | 2023-03-15 | 2023-12-31 |
Đến hết 2025                                        |            | period      | 2023-03-15 | 2025-12-31 |
Từ ngày 01/4/2023 đến ngày 30/4/2023                |            | period      | 2023-04-01 | 2023-04-30 |
từ ngày 10 đến 20/5/2023                            |            | period      | 2023-05-10 | 2023-05-20 |
Từ 01/6 đến 31/8/2023                               |            | period      | 2023-06-01 | 2023-08-31 |
Từ tháng 6/2023 đến hết năm 2023                    |            | period      | 2023-06-01 | 2023-12-31 |
từ Quý II/2023 đến Quý IV/2023                      |            | period      | 2023-04-01 | 2023-12-31 |
Từ tháng 4 đến tháng 6/2023                         |            | period      | 2023-04-01 | 2023-06-30 |
Từ tháng 5/2023 đến tháng 10/2023                   |            | period      | 2023-05-01 | 2023-10-31 |
tháng 5-7/2023                                      |            | period      | 2023-05-01 | 2023-07-31 |
Giai đoạn 2021-2025 và định hướng đến năm 2030      |            | period      | 2021-01-01 | 2025-12-31 |
Đến năm 2025, tầm nhìn đến năm 2030                 |            | period      | 2023-03-15 | 2025-12-31 |
Tuần thứ 2 tháng 5/2023                             |            | period      | 2023-05-08 | 2023-05-14 |
tuần đầu tháng 4                                    |            | period      | 2023-04-01 | 2023-04-07 |
Tuần cuối tháng 6/2023                              |            | period      | 2023-06-24 | 2023-06-30 |
Giai đoạn 20-\n21 - 2025                            |            | period      | 2021-01-01 | 2025-12-31 |
Tuần đầu tiên của tháng 4/2023 | | period | 2023-04-01 | 2023-04-07 |
Tuần cuối cùng của tháng 12/2023 | | period | 2023-12-25 | 2023-12-31 |
Trong 03 năm 2023-2025 | | period | 2023-01-01 | 2025-12-31 |
Trong 2 năm 2023 - 2024 | | period | 2023-01-01 | 2024-12-31 |
Từ Quý IV/2023 đến Quý II/2024 | | period | 2023-10-01 | 2024-06-30 |
Tháng 11/2023 - 02/2024 | | period | 2023-11-01 | 2024-02-29 |
Đến hết Quý III/2023 | | period | 2023-03-15 | 2023-09-30 |
Từ nay đến hết Quý II/2023 | | period | 2023-03-15 | 2023-06-30 |
Cuối tháng 12/2024 - đầu tháng 01/2025 | | period | 2024-12-01 | 2025-01-31 |
Từ đầu tháng 6 đến cuối tháng 8/2024 | | period | 2024-06-01 | 2024-08-31 |
Tháng 9/2024 - tháng 3/2025 | | period | 2024-09-01 | 2025-03-31 |
Các năm 2024 - 2025 | | period | 2024-01-01 | 2025-12-31 |
Bắt đầu từ ngày 01/7/2023 đến hết ngày 31/12/2023 | | period | 2023-07-01 | 2023-12-31 |
Trong thời gian từ 01/7 đến 31/12/2023 | | period | 2023-07-01 | 2023-12-31 |
Cuối năm 2023 - đầu năm 2024 | | period | 2023-01-01 | 2024-03-31 |
# --- recurring
Định kỳ 6 tháng và hằng năm |            | recurring   |            | 2023-06-30 | rec=semiannual/-/-
Tháng 10 hằng năm                                   |            | recurring   |            | 2023-10-31 | rec=yearly/10/-
trước ngày 15 tháng 12 hằng năm                     |            | recurring   |            | 2023-12-15 | rec=yearly/12/15
Năm 2023 và những năm tiếp theo                     |            | recurring   | 2023-01-01 | 2023-12-31 | rec=yearly/-/-
Hằng quý (trước ngày 20 của tháng cuối quý)         |            | recurring   |            | 2023-03-20 | rec=quarterly/3/20
Hằng năm                                            |            | recurring   |            | 2023-12-31 | rec=yearly/-/-
Báo cáo hàng quý |            | recurring   |            | 2023-03-31 | rec=quarterly/-/-
Hàng tháng                                          |            | recurring   |            | 2023-03-31 | rec=monthly/-/-
Hằng tuần                                           |            | recurring   |            | 2023-03-19 | rec=weekly/-/-
Tổ chức định kỳ hằng năm |            | recurring   |            | 2023-12-31 | rec=yearly/-/-
Định kỳ hàng quý, năm                               |            | recurring   |            | 2023-03-31 | rec=quarterly/-/-
Báo cáo định kỳ tháng, quý, năm                     |            | recurring   |            | 2023-03-31 | rec=monthly/-/-
Trước ngày 20/12 hằng năm                           |            | recurring   |            | 2023-12-20 | rec=yearly/12/20
Trước ngày 10/01 hằng năm                           |            | recurring   |            | 2024-01-10 | rec=yearly/1/10
Trong quý IV hằng năm |            | recurring   |            | 2023-12-31 | rec=yearly/12/-
Tháng 12 hàng năm                                   |            | recurring   |            | 2023-12-31 | rec=yearly/12/-
trước ngày 25 hằng tháng                            |            | recurring   |            | 2023-03-25 | rec=monthly/-/25
Trước ngày 20 hằng tháng | | recurring | | 2023-03-20 | rec=monthly/-/20
Sáng thứ 2 hằng tuần | | recurring | | 2023-03-20 | rec=weekly/-/-/0
Hằng năm, bắt đầu từ năm 2024 | | recurring | 2024-01-01 | 2024-12-31 | rec=yearly/-/-
định kỳ sáu tháng |            | recurring   |            | 2023-06-30 | rec=semiannual/-/-
định kỳ 03 tháng/lần                                |            | recurring   |            | 2023-03-31 | rec=quarterly/-/-
06 tháng/lần |            | recurring   |            | 2023-06-30 | rec=semiannual/-/-
01 lần/năm                                          |            | recurring   |            | 2023-12-31 | rec=yearly/-/-
Hằng năm (trước ngày 10/12) | | recurring | | 2023-12-10 | rec=yearly/12/10
Tháng 6, tháng 12 hằng năm |            | recurring   |            | 2023-06-30 | rec=semiannual/6/-
Từ năm 2024 trở đi                                  |            | recurring   | 2024-01-01 | 2024-12-31 | rec=yearly/-/-
Hằng năm, giai đoạn 2023-2025                       |            | recurring   | 2023-01-01 | 2023-12-31 | rec=yearly/-/- occ=2023-12-31,2024-12-31,2025-12-31
HÀNG NĂM |            | recurring   |            | 2023-12-31 | rec=yearly/-/-
dinh ky hang nam |            | recurring   |            | 2023-12-31 | rec=yearly/-/-
Hằng quý, 6 tháng, năm                              |            | recurring   |            | 2023-03-31 | rec=quarterly/-/-
Định kỳ hằng tháng (trước ngày 25)                  |            | recurring   |            | 2023-03-25 | rec=monthly/-/25
Sơ kết 6 tháng và tổng kết năm |            | recurring   |            | 2023-06-30 | rec=semiannual/-/-
Định kỳ hằng năm vào tháng 11                       |            | recurring   |            | 2023-11-30 | rec=yearly/11/-
Tháng 01 hằng năm                                   |            | recurring   |            | 2024-01-31 | rec=yearly/1/-
Quý IV/2023 và các năm tiếp theo                    |            | recurring   | *          | 2023-12-31 | rec=yearly/12/-
Năm 2024 và các năm tiếp theo                       |            | recurring   | 2024-01-01 | 2024-12-31 | rec=yearly/-/-
Hằng năm, trước ngày 31/3                           | 2023-04-02 | recurring   |            | 2024-03-31 | rec=yearly/3/31
Hàng năm vào dịp 19/5                               |            | recurring   |            | 2023-05-19 | rec=yearly/5/19
Tháng 3, 6, 9, 12 hằng năm | | recurring | | 2023-03-31 | rec=quarterly/3/-
Trước ngày 20/6 và 20/12 hằng năm | | recurring | | 2023-06-20 | rec=semiannual/6/20
Hằng năm, từ năm 2023 đến năm 2025 | | recurring | 2023-01-01 | 2023-12-31 | rec=yearly/-/- occ=2023-12-31,2024-12-31,2025-12-31
Hằng năm, vào tháng 12 | | recurring | | 2023-12-31 | rec=yearly/12/-
Hằng tháng, trước ngày 20 | | recurring | | 2023-03-20 | rec=monthly/-/20
Thứ Hai hằng tuần | | recurring | | 2023-03-20 | rec=weekly/-/-/0
Trước ngày 25 của tháng cuối quý | | recurring | | 2023-03-25 | rec=quarterly/3/25
Mỗi quý một lần | | recurring | | 2023-03-31 | rec=quarterly/-/-
2 lần/năm | | recurring | | 2023-06-30 | rec=semiannual/-/-
Hằng năm từ 2023 đến 2025 | | recurring | 2023-01-01 | 2023-12-31 | rec=yearly/-/- occ=2023-12-31,2024-12-31,2025-12-31
Trước 31/12 hằng năm | | recurring | | 2023-12-31 | rec=yearly/12/31
Trước ngày 10 tháng 6 và tháng 12 hằng năm | | recurring | | 2023-06-10 | rec=semiannual/6/10
Tháng 3 và tháng 9 hằng năm | | recurring | | 2023-03-31 | rec=semiannual/3/-
Định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12) | | recurring | | 2023-06-15 | rec=semiannual/6/15
Định kỳ hằng năm (trước ngày 15/12) và đột xuất | | recurring | | 2023-12-15 | rec=yearly/12/15
Định Kỳ Hằng Quý | | recurring | | 2023-03-31 | rec=quarterly/-/-
Hàng quí, năm | | recurring | | 2023-03-31 | rec=quarterly/-/-
Năm 2023 và những năm tới | | recurring | 2023-01-01 | 2023-12-31 | rec=yearly/-/-
Từ năm 2024 và các năm tới | | recurring | 2024-01-01 | 2024-12-31 | rec=yearly/-/-
# --- ongoing
Thường xuyên, liên tục                              |            | ongoing     |            |            |
Triển khai thực hiện thường xuyên |            | ongoing     |            |            |
THƯỜNG XUYÊN, LIÊN TỤC |            | ongoing     |            |            |
thuong xuyen, lien tuc |            | ongoing     |            |            |
Thực hiện liên tục |            | ongoing     |            |            |
Từ năm 2023                                         |            | ongoing     | 2023-01-01 |            |
Bắt đầu từ tháng 7/2023                             |            | ongoing     | 2023-07-01 |            |
Trong nhiệm kỳ                                      |            | ongoing     |            |            |
Thường xuyên và định kỳ |            | ongoing     |            |            |
Thực hiện lâu dài |            | ongoing     |            |            |
Từ tháng 4/2023                                     |            | ongoing     | 2023-04-01 |            |
Từ Quý II/2023                                      |            | ongoing     | 2023-04-01 |            |
Thường xuyên, liên\ntục |            | ongoing     |            |            |
Thường xuyên trong nhiệm kỳ                         |            | ongoing     |            |            |
Từ ngày 15/3/2023 | | ongoing | 2023-03-15 | |
Kể từ ngày 01/01/2024 | | ongoing | 2024-01-01 | |
Từ tháng 5/2023 trở đi | | ongoing | 2023-05-01 | |
Thời gian: Thường xuyên | | ongoing | | |
(thường xuyên) | | ongoing | | |
Từ đầu năm 2024 | | ongoing | 2024-01-01 | |
Thực hiện không thời hạn | | ongoing | | |
# --- dated and continuing
Năm 2023 và thường xuyên                            |            | year        | 2023-01-01 | 2023-12-31 | cont
Tháng 6/2023 và thường xuyên                        |            | month       | 2023-06-01 | 2023-06-30 | cont
Trước ngày 30/6/2023 và thường xuyên                |            | date        |            | 2023-06-30 | cont
# --- conditional
Sau khi có hướng dẫn của Trung ương                 |            | conditional |            |            | cond=Sau khi có hướng dẫn của Trung ương
Theo chỉ đạo của Tỉnh ủy                            |            | conditional |            |            |
Khi có hướng dẫn của cấp trên                       |            | conditional |            |            |
Sau khi Ban Thường vụ Tỉnh ủy ban hành Kế hoạch     |            | conditional |            |            |
Khi có hướng dẫn, dự kiến Quý III/2023              |            | conditional | 2023-07-01 | 2023-09-30 |
Sau khi có hướng dẫn của Trung ương (dự kiến năm 2024) |         | conditional | 2024-01-01 | 2024-12-31 |
Theo hướng dẫn của Ban Tổ chức Tỉnh ủy              |            | conditional |            |            |
Khi có chỉ đạo của cấp trên                         |            | conditional |            |            |
Trước Đại hội Đảng bộ tỉnh                          |            | conditional |            |            |
Tại kỳ họp cuối năm 2023 của HĐND tỉnh              |            | conditional | 2023-01-01 | 2023-12-31 |
Theo lộ trình của Chính phủ |            | conditional |            |            |
Sau khi Đề án được phê duyệt                        |            | conditional |            |            |
Chậm nhất 05 ngày sau khi kết thúc Hội nghị         |            | conditional |            |            |
Sau khi có kết luận của Ban Bí thư, dự kiến tháng 9/2023 |       | conditional | 2023-09-01 | 2023-09-30 |
sau khi co huong dan cua Trung uong                 |            | conditional |            |            |
Khi có hướng dẫn của Ban Tổ chức Trung ương (dự kiến quý II/2023) | | conditional | 2023-04-01 | 2023-06-30 |
Sau khi được phê duyệt, dự kiến Quý IV/2023 | | conditional | 2023-10-01 | 2023-12-31 |
Trong 10 ngày kể từ ngày kết thúc hội nghị | | conditional | | |
Sau khi có hướng dẫn của Trung ương, dự kiến trong năm 2024 | | conditional | 2024-01-01 | 2024-12-31 | cond=Sau khi có hướng dẫn của Trung ương
Khi Trung ương ban hành Quy định (dự kiến cuối năm 2023) | | conditional | 2023-01-01 | 2023-12-31 |
Khi có văn bản hướng dẫn của Bộ Nội vụ | | conditional | | |
Trước kỳ họp thứ 14 HĐND tỉnh | | conditional | | |
Trình kỳ họp HĐND tỉnh tháng 7/2024 | | conditional | 2024-07-01 | 2024-07-31 |
Hoàn thành trước Đại hội XIV của Đảng | | conditional | | |
Tùy theo tình hình thực tế | | conditional | | |
# --- the congress term
Năm thứ 2 của nhiệm kỳ                              |            | term        | 2022-01-01 | 2022-12-31 |
Cuối nhiệm kỳ 2020 - 2025 |            | term        | 2025-01-01 | 2025-12-31 |
Năm đầu nhiệm kỳ                                    |            | term        | 2021-01-01 | 2021-12-31 |
giữa nhiệm kỳ 2020-2025                             |            | term        | 2023-01-01 | 2023-12-31 |
năm thứ tư của nhiệm kỳ                             |            | term        | 2024-01-01 | 2024-12-31 |
Năm thứ ba nhiệm kỳ | | term | 2023-01-01 | 2023-12-31 |
Năm cuối nhiệm kỳ | | term | 2025-01-01 | 2025-12-31 |
# --- already done
Đã hoàn thành. |            | done        |            |            | done
Đã ban hành Kế hoạch (tháng 02/2023)                |            | done        | 2023-02-01 | 2023-02-28 | done
Đã thực hiện xong                                   |            | done        |            |            | done
Đã tổ chức trong Quý I/2023                         |            | done        | 2023-01-01 | 2023-03-31 | done
Đã hoàn thành (tháng 01/2023)                       |            | done        | 2023-01-01 | 2023-01-31 | done
đã triển khai năm 2022                              |            | done        | 2022-01-01 | 2022-12-31 | done
ĐÃ HOÀN THÀNH                                       |            | done        |            |            | done
Đã thực hiện trong năm 2022 | | done | 2022-01-01 | 2022-12-31 | done
Đã tổ chức ngày 15/02/2023 | | done | | 2023-02-15 | done
Đã tổ chức Hội nghị ngày 10/3/2023 | | done | | 2023-03-10 | done
Đã thực hiện Quý I/2023 | | done | 2023-01-01 | 2023-03-31 | done
Đã gửi báo cáo | | done | | | done
# --- relative to the signing date
trong 15 ngày làm việc kể từ ngày ký                |            | relative    |            | 2023-04-05 |
Trong vòng 30 ngày kể từ ngày ban hành Kế hoạch     |            | relative    |            | 2023-04-14 |
Trong thời hạn 10 ngày kể từ ngày nhận được văn bản |            | relative    |            | 2023-03-25 |
trong 07 ngày làm việc                              |            | relative    |            | 2023-03-24 |
trong 3 tháng kể từ ngày ký                         |            | relative    |            | 2023-06-15 |
Trong vòng 05 ngày | | relative | | 2023-03-20 |
Sau 30 ngày kể từ ngày Kế hoạch có hiệu lực         |            | relative    |            | 2023-04-14 |
trong 15 ngay lam viec ke tu ngay ky                |            | relative    |            | 2023-04-05 |
Trong 20 ngày làm việc kể từ ngày ký                | 2023-01-10 | relative    |            | 2023-02-14 |
Sau 01 năm kể từ ngày ký | | relative | | 2024-03-15 |
Trong 1 năm kể từ ngày ký | | relative | | 2024-03-15 |
Chậm nhất 10 ngày kể từ ngày ký | | relative | | 2023-03-25 |
Trong 02 tuần | | relative | | 2023-03-29 |
# --- not deadlines
Quyết định số 45/QĐ-UBND ngày 3/4/2024              |            | unspecified |            |            |
Nghị quyết số 45/NQ-CP ngày 3/4/2024                |            | unspecified |            |            |
Chỉ thị 05-CT/TW                                    |            | unspecified |            |            |
Quá hạn hơn 30 ngày                                 |            | unspecified |            |            |
Tính đến hết ngày 31/12/2023                        |            | unspecified |            |            |
Tổ chức thực hiện                                   |            | unspecified |            |            |
Kế hoạch số 123-KH/TU ngày 12/5/2023                |            | unspecified |            |            |
Quá hạn | | unspecified | | |
Cập nhật sau | | unspecified | | |
"""


@dataclass(frozen=True)
class Row:
    phrase: str
    ref: date
    kind: str
    start: date | None | str
    due: date | None
    extras: str

    def __str__(self) -> str:
        return repr(self.phrase)


def _d(s: str) -> date | None:
    return date.fromisoformat(s) if s else None


def _rows() -> list[Row]:
    out: list[Row] = []
    for line in TABLE.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, ref, kind, start, due, extras = (x.strip() for x in line.split("|"))
        out.append(
            Row(
                phrase.replace("\\n", "\n"),
                _d(ref) or REF,
                kind,
                "*" if start == "*" else _d(start),
                _d(due),
                extras,
            )
        )
    return out


ROWS = _rows()


def _check(dl: Deadline, row: Row) -> None:
    got = (dl.kind, dl.due) if row.start == "*" else (dl.kind, dl.start, dl.due)
    want = (
        (DeadlineKind(row.kind), row.due)
        if row.start == "*"
        else (DeadlineKind(row.kind), row.start, row.due)
    )
    assert got == want
    extras = row.extras.split("cond=", 1)
    words = extras[0].split()
    occ = next((w[4:] for w in words if w.startswith("occ=")), None)
    want_occ = tuple(date.fromisoformat(x) for x in occ.split(",")) if occ else ()
    if occ or dl.kind != DeadlineKind.RECURRING:
        assert dl.occurrences == want_occ
    rec = next((w[4:] for w in words if w.startswith("rec=")), None)
    if rec:
        freq, month, day, *wd = rec.split("/")
        r = dl.recurrence
        assert r is not None
        assert (r.freq, r.month, r.day) == (
            Frequency(freq),
            None if month == "-" else int(month),
            None if day == "-" else int(day),
        )
        if wd:
            assert r.weekday == int(wd[0])
    else:
        assert dl.recurrence is None
    assert dl.continuing == ("cont" in words)
    assert dl.done == ("done" in words)
    if len(extras) > 1:
        assert dl.condition == extras[1].strip()


def test_phrases_are_new() -> None:
    from tests.deadline_corpus import cases
    from tests.test_deadlines_examples import _rows as example_rows

    known = {c.phrase for c in cases()} | {r["phrase"] for r in example_rows()}
    assert not [r.phrase for r in ROWS if r.phrase in known]
    assert len(ROWS) >= 150


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_phrase(row: Row) -> None:
    dl = parse_deadline(row.phrase, row.ref)
    _check(dl, row)


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_phrase_nfd_and_fast_path(row: Row) -> None:
    """The same answer in NFD (copied from some PDFs) and through the general grammar."""
    _check(parse_deadline_uncached(unicodedata.normalize("NFD", row.phrase), row.ref), row)
    raw = unicodedata.normalize("NFC", row.phrase).strip()
    slow = interpret(raw, row.ref, (2020, 2025), DEFAULT_CALENDAR, use_fast=False)
    assert slow == parse_deadline_uncached(row.phrase, row.ref)


# (task sentence, expected deadline phrase or None, kind, start, due): document numbers
# and their dates are never the deadline.
SENTENCES: list[tuple[str, str | None, str | None, date | None, date | None]] = [
    (
        "Triển khai thực hiện Công văn số 123-CV/TU ngày 12/5/2023 của Ban Thường vụ Tỉnh ủy, "
        "hoàn thành trước ngày 30/6/2023.",
        "hoàn thành trước ngày 30/6/2023",
        "date",
        None,
        date(2023, 6, 30),
    ),
    (
        "Quán triệt Nghị quyết số 45/NQ-CP ngày 3/4/2024 của Chính phủ đến cán bộ, đảng viên.",
        None,
        None,
        None,
        None,
    ),
    (
        "Tổ chức sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW trong Quý II/2024.",
        "trong Quý II/2024",
        "quarter",
        date(2024, 4, 1),
        date(2024, 6, 30),
    ),
    (
        "Xây dựng kế hoạch thực hiện Kết luận số 21-KL/TW ngày 25/10/2021, hoàn thành trong "
        "tháng 4/2023.",
        "hoàn thành trong tháng 4/2023",
        "month",
        date(2023, 4, 1),
        date(2023, 4, 30),
    ),
    (
        "Báo cáo kết quả thực hiện Chỉ thị 05-CT/TW về Ban Tuyên giáo Tỉnh ủy trước ngày 15/12 "
        "hằng năm.",
        "trước ngày 15/12 hằng năm",
        "recurring",
        None,
        date(2023, 12, 15),
    ),
    (
        "Theo Công văn số 123-CV/TU ngày 12/5/2023 của Tỉnh ủy, các chi bộ rà soát danh sách "
        "đảng viên.",
        None,
        None,
        None,
        None,
    ),
    (
        "Ban hành Quy định số 08-QĐi/TU ngày 15/3/2023 về phân cấp quản lý cán bộ "
        "(Thời gian thực hiện: Quý III/2023).",
        "Thời gian thực hiện: Quý III/2023",
        "quarter",
        date(2023, 7, 1),
        date(2023, 9, 30),
    ),
    (
        "Tổ chức hội nghị quán triệt Nghị quyết số 18-NQ/TW (thực hiện trong tháng 6/2023).",
        "thực hiện trong tháng 6/2023",
        "month",
        date(2023, 6, 1),
        date(2023, 6, 30),
    ),
    (
        "Các chi bộ sinh hoạt chuyên đề theo Hướng dẫn số 12-HD/BTGTW ngày 05/01/2023, định kỳ "
        "hằng quý.",
        "định kỳ hằng quý",
        "recurring",
        None,
        date(2023, 3, 31),
    ),
    (
        "Rà soát, bổ sung quy hoạch cán bộ theo Quy định số 50-QĐ/TW, chậm nhất ngày 20/11/2023.",
        "chậm nhất ngày 20/11/2023",
        "date",
        None,
        date(2023, 11, 20),
    ),
    (
        "Triển khai Nghị định số 100/2019/NĐ-CP trong năm 2023.",
        "trong năm 2023",
        "year",
        date(2023, 1, 1),
        date(2023, 12, 31),
    ),
    (
        "Tổng kết 10 năm thực hiện Nghị quyết số 33-NQ/TW ngày 09/6/2014, hoàn thành trong "
        "Quý IV/2024.",
        "hoàn thành trong Quý IV/2024",
        "quarter",
        date(2024, 10, 1),
        date(2024, 12, 31),
    ),
    (
        "Căn cứ Kế hoạch số 56-KH/TU ngày 20/02/2023 của Tỉnh ủy, Ban Tuyên giáo tham mưu tổ "
        "chức hội nghị trong tháng 5/2023.",
        "trong tháng 5/2023",
        "month",
        date(2023, 5, 1),
        date(2023, 5, 31),
    ),
    (
        "Sửa đổi Quyết định 1234/QĐ-UBND ngày 30/12/2022 (Thời gian hoàn thành: trước ngày "
        "31/5/2023)",
        "Thời gian hoàn thành: trước ngày 31/5/2023",
        "date",
        None,
        date(2023, 5, 31),
    ),
    (
        "Tổ chức thực hiện thường xuyên, liên tục theo Chỉ thị số 05-CT/TW ngày 15/5/2016 của "
        "Bộ Chính trị.",
        "thực hiện thường xuyên, liên tục",
        "ongoing",
        None,
        None,
    ),
    (
        "Giao Văn phòng Tỉnh ủy theo dõi, đôn đốc (theo Công văn số 123-CV/TU).",
        None,
        None,
        None,
        None,
    ),
    (
        "Ngày 12/5/2023, Ban Thường vụ ban hành Kế hoạch số 123-KH/TU; các chi bộ triển khai "
        "trong Quý III/2023.",
        "trong Quý III/2023",
        "quarter",
        date(2023, 7, 1),
        date(2023, 9, 30),
    ),
    (
        "Thực hiện Thông tư số 01/2023/TT-BNV ngày 15/3/2023 của Bộ Nội vụ, thời gian: 6 tháng "
        "đầu năm 2024.",
        "6 tháng đầu năm 2024",
        "half_year",
        date(2024, 1, 1),
        date(2024, 6, 30),
    ),
    (
        "Các huyện ủy báo cáo kết quả theo Hướng dẫn 05-HD/VPTU trước ngày 20 của tháng cuối quý.",
        "trước ngày 20 của tháng cuối quý",
        "recurring",
        None,
        date(2023, 3, 20),
    ),
    (
        "Tổ chức kiểm tra việc thực hiện Quy định 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị "
        "trong năm 2024 - 2025.",
        "trong năm 2024 - 2025",
        "period",
        date(2024, 1, 1),
        date(2025, 12, 31),
    ),
    (
        "Kiểm tra, giám sát việc thực hiện Nghị quyết số 45/NQ-CP ngày 3/4/2024 trong 6 tháng "
        "cuối năm 2024.",
        "trong 6 tháng cuối năm 2024",
        "half_year",
        date(2024, 7, 1),
        date(2024, 12, 31),
    ),
    (
        "Tổ chức thực hiện Công văn 1234/UBND-VX ngày 15/02/2023 trước ngày 31/3/2023.",
        "trước ngày 31/3/2023",
        "date",
        None,
        date(2023, 3, 31),
    ),
    (
        "Triển khai thực hiện Luật Thi đua, khen thưởng năm 2022 từ ngày 01/01/2024.",
        "từ ngày 01/01/2024",
        "ongoing",
        date(2024, 1, 1),
        None,
    ),
    (
        "Tiếp tục quán triệt, triển khai Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Hội nghị Trung "
        "ương 5 khóa XIII.",
        None,
        None,
        None,
        None,
    ),
    (
        "Thực hiện theo Kế hoạch số 78/KH-UBND ngày 10/4/2023 của UBND tỉnh.",
        None,
        None,
        None,
        None,
    ),
    (
        "Sơ kết 3 năm thực hiện Nghị quyết số 03-NQ/TU ngày 10/12/2020 của Tỉnh ủy (Quý IV/2023).",
        "Quý IV/2023",
        "quarter",
        date(2023, 10, 1),
        date(2023, 12, 31),
    ),
    (
        "Triển khai Nghị định 100/2019/NĐ-CP; thời hạn hoàn thành: 30/9/2023.",
        "30/9/2023",
        "date",
        None,
        date(2023, 9, 30),
    ),
    (
        "Tổ chức Hội nghị sơ kết thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV, nhiệm kỳ "
        "2020 - 2025 (Quý II/2023).",
        "Quý II/2023",
        "quarter",
        date(2023, 4, 1),
        date(2023, 6, 30),
    ),
    (
        "Thực hiện Quyết định số 99-QĐ/TW ngày 30/5/2017 của Ban Bí thư, định kỳ 6 tháng báo cáo "
        "Thường trực Tỉnh ủy.",
        "định kỳ 6 tháng",
        "recurring",
        None,
        date(2023, 6, 30),
    ),
    (
        "Các chi bộ tổ chức sinh hoạt thường kỳ hằng tháng theo Hướng dẫn số 12-HD/BTCTW.",
        "hằng tháng",
        "recurring",
        None,
        date(2023, 3, 31),
    ),
    (
        "Các địa phương báo cáo theo Mẫu số 02 ban hành kèm theo Thông tư 01/2023/TT-BNV trước "
        "ngày 10/12/2023.",
        "trước ngày 10/12/2023",
        "date",
        None,
        date(2023, 12, 10),
    ),
    (
        "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện "
        "Chỉ thị 05-CT/TW.",
        None,
        None,
        None,
        None,
    ),
    (
        "Học tập chuyên đề năm 2023 theo Hướng dẫn số 125-HD/BTGTW ngày 20/12/2022 (hoàn thành "
        "trong Quý II/2023).",
        "hoàn thành trong Quý II/2023",
        "quarter",
        date(2023, 4, 1),
        date(2023, 6, 30),
    ),
    (
        "Giảm 10% biên chế giai đoạn 2022 - 2026 theo Kết luận số 40-KL/TW ngày 18/7/2022.",
        "giai đoạn 2022 - 2026",
        "period",
        date(2022, 1, 1),
        date(2026, 12, 31),
    ),
    (
        "Triển khai thi hành Luật Đất đai năm 2024 từ ngày 01/8/2024.",
        "từ ngày 01/8/2024",
        "ongoing",
        date(2024, 8, 1),
        None,
    ),
]


@pytest.mark.parametrize("sentence,phrase,kind,start,due", SENTENCES)
def test_find_in_sentence(
    sentence: str, phrase: str | None, kind: str | None, start: date | None, due: date | None
) -> None:
    found = find_deadline(sentence, REF)
    if phrase is None:
        assert found is None
        return
    assert found is not None
    assert sentence[found.start : found.end] == phrase
    assert (found.deadline.kind, found.deadline.start, found.deadline.due) == (
        DeadlineKind(kind),
        start,
        due,
    )

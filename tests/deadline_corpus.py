"""A corpus of deadline phrases as plans, Excel trackers and reports write them.

One line per case: phrase | ref | kind | start | due | extras. Extras are space-separated:
`occ=D,D` occurrences, `rec=freq/month/day[/weekday]` recurrence (- for None), `cont`
continuing, `done`, `cond=TEXT` condition (rest of the line). `\\n` in a phrase is a line
break. Empty start/due mean None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CORPUS = r"""
# --- dates
Trước 30/6/2024                                  | 2024-01-10 | date        |            | 2024-06-30 |
Hoàn thành trước ngày 31/12/2024                 | 2024-01-10 | date        |            | 2024-12-31 |
hoàn thành trước 31/12/2022                      | 2022-03-31 | date        |            | 2022-12-31 |
Chậm nhất ngày 20/11/2022                        | 2022-03-31 | date        |            | 2022-11-20 |
chậm nhất là ngày 15/01/2023                     | 2022-12-01 | date        |            | 2023-01-15 |
Trước ngày 25 tháng 11 năm 2023                  | 2023-01-10 | date        |            | 2023-11-25 |
ngày 05 tháng 4 năm 2023                         | 2023-01-05 | date        |            | 2023-04-05 |
Ngày 31/3/2023                                   | 2023-01-05 | date        |            | 2023-03-31 |
31/12/2023                                       | 2023-01-05 | date        |            | 2023-12-31 |
31/12/23                                         | 2023-01-05 | date        |            | 2023-12-31 |
15.7.2019                                        | 2019-01-05 | date        |            | 2019-07-15 |
30-6-2020                                        | 2020-01-05 | date        |            | 2020-06-30 |
Hạn chót: 15/3/2023                              | 2023-01-05 | date        |            | 2023-03-15 |
trước 20h00 ngày 15/3/2024                       | 2024-01-05 | date        |            | 2024-03-15 |
Trước 16 giờ 00 ngày 10/5/2023                   | 2023-01-05 | date        |            | 2023-05-10 |
trước 17h ngày 20/10/2023                        | 2023-01-05 | date        |            | 2023-10-20 |
2026-03-01 00:00:00                              | 2025-06-01 | date        |            | 2026-03-01 |
2026-03-01                                       | 2025-06-01 | date        |            | 2026-03-01 |
ngày 06 (sáu) tháng 3 năm 2023                   | 2023-01-05 | date        |            | 2023-03-06 |
đến ngày 31/12                                   | 2022-03-31 | date        |            | 2022-12-31 |
đến 31/8/2023                                    | 2023-01-05 | date        |            | 2023-08-31 |
Trước ngày 15                                    | 2023-01-20 | date        |            | 2023-02-15 |
trước ngày 30/10                                 | 2022-11-05 | date        |            | 2023-10-30 |
Trước 15/10                                      | 2023-01-10 | date        |            | 2023-10-15 |
Không muộn hơn ngày 15/6/2023                    | 2023-01-05 | date        |            | 2023-06-15 |
Trước ngày 31/12 năm 2023                        | 2023-01-05 | date        |            | 2023-12-31 |
Trước ngày 10/01 năm sau                         | 2023-01-10 | date        |            | 2024-01-10 |
Xong trước 30/9/2023                             | 2023-01-05 | date        |            | 2023-09-30 |
Thời hạn hoàn thành: 30/6/2023                   | 2023-01-05 | date        |            | 2023-06-30 |
Trước ngày 30/4/2023 (thứ Hai)                   | 2023-01-05 | date        |            | 2023-04-30 |
TRƯỚC NGÀY 30/6/2023                             | 2023-01-05 | date        |            | 2023-06-30 |
truoc ngay 30/6/2023                             | 2023-01-05 | date        |            | 2023-06-30 |
trước ngày 31/4/2023                             | 2023-01-05 | date        |            | 2023-04-30 |
# --- before a period (rule 12)
trước tháng 10/2022                              | 2022-03-31 | date        |            | 2022-09-30 |
Trước tháng 7/2020                               | 2020-01-01 | date        |            | 2020-06-30 |
trước quý III/2023                               | 2023-01-05 | date        |            | 2023-06-30 |
trước năm 2025                                   | 2023-01-05 | date        |            | 2024-12-31 |
# --- months
Tháng 10/2023                                    | 2023-01-10 | month       | 2023-10-01 | 2023-10-31 |
tháng 10 năm 2023                                | 2023-01-10 | month       | 2023-10-01 | 2023-10-31 |
Trong tháng 10/2023                              | 2023-01-10 | month       | 2023-10-01 | 2023-10-31 |
T10/2023                                         | 2023-01-10 | month       | 2023-10-01 | 2023-10-31 |
t8/2024                                          | 2024-01-10 | month       | 2024-08-01 | 2024-08-31 |
10/2023                                          | 2023-01-10 | month       | 2023-10-01 | 2023-10-31 |
03/2025                                          | 2025-01-10 | month       | 2025-03-01 | 2025-03-31 |
6/2025                                           | 2025-01-10 | month       | 2025-06-01 | 2025-06-30 |
Tháng 12-2019                                    | 2019-01-10 | month       | 2019-12-01 | 2019-12-31 |
tháng 12.2019                                    | 2019-01-10 | month       | 2019-12-01 | 2019-12-31 |
trong tháng 3 này                                | 2023-01-10 | month       | 2023-03-01 | 2023-03-31 |
tháng 12 tới                                     | 2023-01-10 | month       | 2023-12-01 | 2023-12-31 |
Tháng 8                                          | 2023-01-10 | month       | 2023-08-01 | 2023-08-31 |
trong tháng 1                                    | 2023-03-10 | month       | 2024-01-01 | 2024-01-31 |
Cuối tháng 6/2023                                | 2023-01-10 | month       | 2023-06-01 | 2023-06-30 |
Đầu tháng 7/2023                                 | 2023-01-10 | month       | 2023-07-01 | 2023-07-31 |
giữa tháng 5/2023                                | 2023-01-10 | month       | 2023-05-01 | 2023-05-31 |
tháng 3 năm sau                                  | 2023-01-10 | month       | 2024-03-01 | 2024-03-31 |
tháng tiếp theo                                  | 2023-01-15 | month       | 2023-02-01 | 2023-02-28 |
tháng sau                                        | 2023-12-15 | month       | 2024-01-01 | 2024-01-31 |
trong tháng này                                  | 2023-02-15 | month       | 2023-02-01 | 2023-02-28 |
Dự kiến tháng 9/2023                             | 2023-01-10 | month       | 2023-09-01 | 2023-09-30 |
Khoảng tháng 9/2023                              | 2023-01-10 | month       | 2023-09-01 | 2023-09-30 |
ngay trong tháng 3/2023                          | 2023-01-10 | month       | 2023-03-01 | 2023-03-31 |
Hoàn thành trong tháng 02/2022                   | 2022-01-10 | month       | 2022-02-01 | 2022-02-28 |
THÁNG 3/2023                                     | 2023-01-10 | month       | 2023-03-01 | 2023-03-31 |
thang 3/2022                                     | 2022-01-10 | month       | 2022-03-01 | 2022-03-31 |
Thời gian: Tháng 8/2023                          | 2023-01-10 | month       | 2023-08-01 | 2023-08-31 |
tháng 9/2023 (tổ chức hội nghị)                  | 2023-01-10 | month       | 2023-09-01 | 2023-09-30 |
tháng 3/23                                       | 2023-01-10 | month       | 2023-03-01 | 2023-03-31 |
# --- month lists and ranges
tháng 3 và tháng 9/2023                          | 2023-01-05 | month       | 2023-03-01 | 2023-03-31 | occ=2023-03-31,2023-09-30
Tháng 3, 4/2023                                  | 2023-01-10 | month       | 2023-03-01 | 2023-03-31 | occ=2023-03-31,2023-04-30
Tháng 3, 6, 9, 12/2023                           | 2023-01-10 | month       | 2023-03-01 | 2023-03-31 | occ=2023-03-31,2023-06-30,2023-09-30,2023-12-31
tháng 6 và tháng 12 năm 2023                     | 2023-01-10 | month       | 2023-06-01 | 2023-06-30 | occ=2023-06-30,2023-12-31
Tháng 10 và tháng 2                              | 2023-01-10 | month       | 2023-10-01 | 2023-10-31 | occ=2023-10-31,2024-02-29
Tháng 3 - 4/2023                                 | 2023-01-10 | period      | 2023-03-01 | 2023-04-30 |
tháng 6-8/2020                                   | 2020-01-10 | period      | 2020-06-01 | 2020-08-31 |
Tháng 9 - 10/2023                                | 2023-01-10 | period      | 2023-09-01 | 2023-10-31 |
tháng 3-5/2025                                   | 2025-01-10 | period      | 2025-03-01 | 2025-05-31 |
Từ tháng 5/2022 đến tháng 12/2022                | 2022-01-10 | period      | 2022-05-01 | 2022-12-31 |
từ tháng 3 đến tháng 5/2025                      | 2025-01-10 | period      | 2025-03-01 | 2025-05-31 |
tháng 11/2022 - tháng 2/2023                     | 2022-01-10 | period      | 2022-11-01 | 2023-02-28 |
Từ tháng 10 đến tháng 12                         | 2023-01-10 | period      | 2023-10-01 | 2023-12-31 |
Từ tháng 11 đến tháng 2                          | 2023-03-10 | period      | 2023-11-01 | 2024-02-29 |
# --- quarters
Quý IV năm 2023                                  | 2023-01-10 | quarter     | 2023-10-01 | 2023-12-31 |
Quý 4/2023                                       | 2023-01-10 | quarter     | 2023-10-01 | 2023-12-31 |
Q1/2023                                          | 2023-01-02 | quarter     | 2023-01-01 | 2023-03-31 |
QI.2023                                          | 2023-01-02 | quarter     | 2023-01-01 | 2023-03-31 |
quí II/2023                                      | 2023-01-02 | quarter     | 2023-04-01 | 2023-06-30 |
Quí III năm 2023                                 | 2023-01-02 | quarter     | 2023-07-01 | 2023-09-30 |
quý II-2023                                      | 2023-01-02 | quarter     | 2023-04-01 | 2023-06-30 |
quý I/23                                         | 2023-01-02 | quarter     | 2023-01-01 | 2023-03-31 |
Quý I/2024                                       | 2023-06-02 | quarter     | 2024-01-01 | 2024-03-31 |
Cuối quý II/2023                                 | 2023-01-02 | quarter     | 2023-04-01 | 2023-06-30 |
Đầu quý III/2023                                 | 2023-01-02 | quarter     | 2023-07-01 | 2023-09-30 |
Hết quý I/2024                                   | 2023-06-02 | quarter     | 2024-01-01 | 2024-03-31 |
Quý đầu năm 2023                                 | 2023-01-02 | quarter     | 2023-01-01 | 2023-03-31 |
Quý 3                                            | 2023-01-10 | quarter     | 2023-07-01 | 2023-09-30 |
quý tới                                          | 2023-01-10 | quarter     | 2023-04-01 | 2023-06-30 |
quý này                                          | 2023-05-10 | quarter     | 2023-04-01 | 2023-06-30 |
Trong quý I năm 2024                             | 2023-06-02 | quarter     | 2024-01-01 | 2024-03-31 |
quý 2 năm 2024                                   | 2023-06-02 | quarter     | 2024-04-01 | 2024-06-30 |
Vào khoảng quý III/2023                          | 2023-01-02 | quarter     | 2023-07-01 | 2023-09-30 |
QUÝ I/2023                                       | 2023-01-02 | quarter     | 2023-01-01 | 2023-03-31 |
quy I/2023                                       | 2023-01-02 | quarter     | 2023-01-01 | 2023-03-31 |
Tiến độ: Quý IV/2023                             | 2023-01-02 | quarter     | 2023-10-01 | 2023-12-31 |
Q3/2024                                          | 2024-01-02 | quarter     | 2024-07-01 | 2024-09-30 |
q 2/2024                                         | 2024-01-02 | quarter     | 2024-04-01 | 2024-06-30 |
(*hoàn thành trong Quý I/2022*)                  | 2022-01-10 | quarter     | 2022-01-01 | 2022-03-31 |
Quý I/\n2022                                     | 2022-01-10 | quarter     | 2022-01-01 | 2022-03-31 |
đầu năm 2026                                     | 2025-06-01 | quarter     | 2026-01-01 | 2026-03-31 |
đầu năm                                          | 2025-06-01 | quarter     | 2026-01-01 | 2026-03-31 |
# --- quarter lists and ranges
Quý I, Quý III/2023                              | 2023-01-02 | quarter     | 2023-01-01 | 2023-03-31 | occ=2023-03-31,2023-09-30
Quý I và Quý III/2023                            | 2023-01-02 | quarter     | 2023-01-01 | 2023-03-31 | occ=2023-03-31,2023-09-30
Quý I, II/2023                                   | 2023-01-02 | quarter     | 2023-01-01 | 2023-03-31 | occ=2023-03-31,2023-06-30
Trong Quý III và Quý IV/2023                     | 2023-01-02 | quarter     | 2023-07-01 | 2023-09-30 | occ=2023-09-30,2023-12-31
Quý II/2024, Quý IV/2024                         | 2024-01-02 | quarter     | 2024-04-01 | 2024-06-30 | occ=2024-06-30,2024-12-31
quý 1, 2 năm 2024                                | 2024-01-02 | quarter     | 2024-01-01 | 2024-03-31 | occ=2024-03-31,2024-06-30
Quý II - III/2023                                | 2023-01-02 | period      | 2023-04-01 | 2023-09-30 |
Quý IV/2022 - Quý I/2023                         | 2022-06-02 | period      | 2022-10-01 | 2023-03-31 |
từ quý II đến quý IV năm 2023                    | 2023-01-02 | period      | 2023-04-01 | 2023-12-31 |
# --- half years
6 tháng đầu năm 2023                             | 2022-12-01 | half_year   | 2023-01-01 | 2023-06-30 |
06 tháng cuối năm 2023                           | 2022-12-01 | half_year   | 2023-07-01 | 2023-12-31 |
sáu tháng đầu năm 2023                           | 2022-12-01 | half_year   | 2023-01-01 | 2023-06-30 |
Nửa đầu năm 2023                                 | 2022-12-01 | half_year   | 2023-01-01 | 2023-06-30 |
nửa cuối năm 2023                                | 2022-12-01 | half_year   | 2023-07-01 | 2023-12-31 |
giữa năm 2024                                    | 2023-12-01 | half_year   | 2024-01-01 | 2024-06-30 |
6 tháng đầu năm                                  | 2023-08-01 | half_year   | 2024-01-01 | 2024-06-30 |
6 tháng cuối năm                                 | 2023-08-01 | half_year   | 2023-07-01 | 2023-12-31 |
6 thang dau nam 2023                             | 2022-12-01 | half_year   | 2023-01-01 | 2023-06-30 |
6 tháng năm 2023                                 | 2022-12-01 | half_year   | 2023-01-01 | 2023-06-30 |
# --- years
Năm 2024                                         | 2023-01-10 | year        | 2024-01-01 | 2024-12-31 |
NĂM 2024                                         | 2023-01-10 | year        | 2024-01-01 | 2024-12-31 |
2024                                             | 2023-01-10 | year        | 2024-01-01 | 2024-12-31 |
Trong năm 2024                                   | 2023-01-10 | year        | 2024-01-01 | 2024-12-31 |
Cả năm 2024                                      | 2023-01-10 | year        | 2024-01-01 | 2024-12-31 |
Hết năm 2024                                     | 2023-01-10 | year        | 2024-01-01 | 2024-12-31 |
cuối năm 2024                                    | 2023-01-10 | year        | 2024-01-01 | 2024-12-31 |
Cơ bản hoàn thành trong năm 2025                 | 2023-01-10 | year        | 2025-01-01 | 2025-12-31 |
Trong năm                                        | 2023-01-10 | year        | 2023-01-01 | 2023-12-31 |
cuối năm                                         | 2023-01-10 | year        | 2023-01-01 | 2023-12-31 |
Cả năm                                           | 2023-01-10 | year        | 2023-01-01 | 2023-12-31 |
năm tới                                          | 2023-01-10 | year        | 2024-01-01 | 2024-12-31 |
năm sau                                          | 2023-01-10 | year        | 2024-01-01 | 2024-12-31 |
năm tiếp theo                                    | 2023-01-10 | year        | 2024-01-01 | 2024-12-31 |
năm nay                                          | 2023-01-10 | year        | 2023-01-01 | 2023-12-31 |
nam 2023                                         | 2022-01-10 | year        | 2023-01-01 | 2023-12-31 |
(năm 2022)                                       | 2022-01-10 | year        | 2022-01-01 | 2022-12-31 |
*năm 2023*                                       | 2022-01-10 | year        | 2023-01-01 | 2023-12-31 |
năm 2022, 2023                                   | 2022-03-31 | year        | 2022-01-01 | 2022-12-31 | occ=2022-12-31,2023-12-31
năm 2023 và năm 2024                             | 2022-03-31 | year        | 2023-01-01 | 2023-12-31 | occ=2023-12-31,2024-12-31
Năm 2022; năm 2023                               | 2022-03-31 | year        | 2022-01-01 | 2022-12-31 | occ=2022-12-31,2023-12-31
trong năm 2023 hoặc đột xuất khi cần thiết       | 2022-03-31 | year        | 2023-01-01 | 2023-12-31 |
# --- periods
Giai đoạn 2021 - 2025                            | 2022-03-31 | period      | 2021-01-01 | 2025-12-31 |
giai đoạn 2021–2025                              | 2022-03-31 | period      | 2021-01-01 | 2025-12-31 |
giai doan 2021-2025                              | 2022-03-31 | period      | 2021-01-01 | 2025-12-31 |
2023-2025                                        | 2022-03-31 | period      | 2023-01-01 | 2025-12-31 |
Năm 2022-2023                                    | 2022-03-31 | period      | 2022-01-01 | 2023-12-31 |
Năm 2022 - 2023                                  | 2022-03-31 | period      | 2022-01-01 | 2023-12-31 |
Năm 2023 - 2025                                  | 2022-03-31 | period      | 2023-01-01 | 2025-12-31 |
Từ năm 2021 đến năm 2025                         | 2022-03-31 | period      | 2021-01-01 | 2025-12-31 |
từ 2021 đến 2025                                 | 2022-03-31 | period      | 2021-01-01 | 2025-12-31 |
Từ nay đến năm 2025                              | 2023-01-10 | period      | 2023-01-10 | 2025-12-31 |
từ nay đến hết năm 2022                          | 2022-03-31 | period      | 2022-03-31 | 2022-12-31 |
đến hết năm 2025                                 | 2023-01-10 | period      | 2023-01-10 | 2025-12-31 |
đến hết 2025                                     | 2023-01-10 | period      | 2023-01-10 | 2025-12-31 |
Đến năm 2030                                     | 2023-01-10 | period      | 2023-01-10 | 2030-12-31 |
đến năm 2025                                     | 2022-03-31 | period      | 2022-03-31 | 2025-12-31 |
Từ nay đến 30/6/2023                             | 2023-01-10 | period      | 2023-01-10 | 2023-06-30 |
từ 15/3 đến 30/4/2023                            | 2023-01-05 | period      | 2023-03-15 | 2023-04-30 |
Từ ngày 01/7/2023 đến ngày 31/12/2023            | 2023-01-05 | period      | 2023-07-01 | 2023-12-31 |
từ ngày 15 đến ngày 30/4/2023                    | 2023-01-05 | period      | 2023-04-15 | 2023-04-30 |
từ 15/11 đến 30/4/2024                           | 2023-01-05 | period      | 2023-11-15 | 2024-04-30 |
từ ngày 04-10/3/2024                             | 2024-01-05 | period      | 2024-03-04 | 2024-03-10 |
ngày 15-20/3                                     | 2024-01-05 | period      | 2024-03-15 | 2024-03-20 |
Tuần thứ 2 tháng 3/2024                          | 2024-01-05 | period      | 2024-03-08 | 2024-03-14 |
tuần đầu tháng 4/2024                            | 2024-01-05 | period      | 2024-04-01 | 2024-04-07 |
Tuần cuối tháng 4/2024                           | 2024-01-05 | period      | 2024-04-24 | 2024-04-30 |
tuần thứ 5 tháng 2/2024                          | 2024-01-05 | period      | 2024-02-29 | 2024-02-29 |
tuần tới                                         | 2023-01-10 | period      | 2023-01-16 | 2023-01-22 |
Giai đoạn 2018–2025 và định hướng đến năm 2030   | 2022-03-31 | period      | 2018-01-01 | 2025-12-31 |
Giai đoạn 2021-2025, tầm nhìn đến năm 2045       | 2022-03-31 | period      | 2021-01-01 | 2025-12-31 |
nhiệm kỳ 2020-2025                               | 2022-03-31 | period      | 2020-01-01 | 2025-12-31 |
Trong nhiệm kỳ 2020-2025                         | 2022-03-31 | period      | 2020-01-01 | 2025-12-31 |
Bắt đầu từ tháng 4/2020 và hoàn thành trong tháng 5/2020 | 2020-01-10 | month | 2020-05-01 | 2020-05-31 |
# --- recurring
hằng năm                                         | 2022-03-31 | recurring   |            | 2022-12-31 | rec=yearly/-/-
Hàng năm                                         | 2022-03-31 | recurring   |            | 2022-12-31 | rec=yearly/-/-
hang nam                                         | 2022-03-31 | recurring   |            | 2022-12-31 | rec=yearly/-/-
HẰNG NĂM                                         | 2022-03-31 | recurring   |            | 2022-12-31 | rec=yearly/-/-
Định kỳ hằng năm                                 | 2022-03-31 | recurring   |            | 2022-12-31 | rec=yearly/-/-
Thường niên                                      | 2022-03-31 | recurring   |            | 2022-12-31 | rec=yearly/-/-
Mỗi năm một lần                                  | 2022-03-31 | recurring   |            | 2022-12-31 | rec=yearly/-/-
1 lần/năm                                        | 2022-03-31 | recurring   |            | 2022-12-31 | rec=yearly/-/-
Hằng quý                                         | 2023-01-10 | recurring   |            | 2023-03-31 | rec=quarterly/-/-
hàng quý                                         | 2023-05-10 | recurring   |            | 2023-06-30 | rec=quarterly/-/-
hang quy                                         | 2023-01-10 | recurring   |            | 2023-03-31 | rec=quarterly/-/-
Hàng quí                                         | 2023-01-10 | recurring   |            | 2023-03-31 | rec=quarterly/-/-
Định kỳ hàng quý                                 | 2023-11-10 | recurring   |            | 2023-12-31 | rec=quarterly/-/-
Hằng tháng                                       | 2023-01-10 | recurring   |            | 2023-01-31 | rec=monthly/-/-
Định kỳ hàng tháng                               | 2023-02-10 | recurring   |            | 2023-02-28 | rec=monthly/-/-
Hàng tuần                                        | 2023-01-10 | recurring   |            | 2023-01-15 | rec=weekly/-/-
hằng tuần                                        | 2023-01-15 | recurring   |            | 2023-01-15 | rec=weekly/-/-
6 tháng/lần                                      | 2023-01-10 | recurring   |            | 2023-06-30 | rec=semiannual/-/-
06 tháng một lần                                 | 2023-07-10 | recurring   |            | 2023-12-31 | rec=semiannual/-/-
Định kỳ 6 tháng                                  | 2022-08-01 | recurring   |            | 2022-12-31 | rec=semiannual/-/-
định kỳ 06 tháng                                 | 2022-02-01 | recurring   |            | 2022-06-30 | rec=semiannual/-/-
Định kỳ 6 tháng, hằng năm                        | 2023-01-10 | recurring   |            | 2023-06-30 | rec=semiannual/-/-
Báo cáo 6 tháng, năm                             | 2023-01-10 | recurring   |            | 2023-06-30 | rec=semiannual/-/-
Sơ kết 6 tháng, tổng kết năm                     | 2023-08-10 | recurring   |            | 2023-12-31 | rec=semiannual/-/-
định kỳ hằng quý, hằng năm                       | 2023-01-10 | recurring   |            | 2023-03-31 | rec=quarterly/-/-
trước ngày 30/10 hàng năm                        | 2022-03-31 | recurring   |            | 2022-10-30 | rec=yearly/10/30
trước ngày 30/10 hằng năm                        | 2022-11-05 | recurring   |            | 2023-10-30 | rec=yearly/10/30
Trước ngày 15/12 hằng năm                        | 2023-01-10 | recurring   |            | 2023-12-15 | rec=yearly/12/15
Hằng năm (trước ngày 15/12)                      | 2023-01-10 | recurring   |            | 2023-12-15 | rec=yearly/12/15
Hằng năm, chậm nhất ngày 30/11                   | 2023-01-10 | recurring   |            | 2023-11-30 | rec=yearly/11/30
Ngày 20/11 hằng năm                              | 2023-01-10 | recurring   |            | 2023-11-20 | rec=yearly/11/20
20/11 hằng năm                                   | 2023-12-10 | recurring   |            | 2024-11-20 | rec=yearly/11/20
Hằng năm, vào dịp 3/2                            | 2023-01-10 | recurring   |            | 2023-02-03 | rec=yearly/2/3
tháng 12 hằng năm                                | 2022-03-31 | recurring   |            | 2022-12-31 | rec=yearly/12/-
hằng năm vào tháng 12                            | 2022-03-31 | recurring   |            | 2022-12-31 | rec=yearly/12/-
Quý IV hằng năm                                  | 2023-01-10 | recurring   |            | 2023-12-31 | rec=yearly/12/-
Quý I hằng năm                                   | 2023-05-10 | recurring   |            | 2024-03-31 | rec=yearly/3/-
Hằng năm, trong quý IV                           | 2023-01-10 | recurring   |            | 2023-12-31 | rec=yearly/12/-
trước tháng 12 hằng năm                          | 2023-01-10 | recurring   |            | 2023-11-30 | rec=yearly/11/30
Trước ngày 15/6 và 15/12 hằng năm                | 2023-01-10 | recurring   |            | 2023-06-15 | rec=semiannual/6/15
Tháng 6 và tháng 12 hằng năm                     | 2023-07-10 | recurring   |            | 2023-12-31 | rec=semiannual/6/-
Trước ngày 31/3 và 30/9 hằng năm                 | 2023-04-10 | recurring   |            | 2023-09-30 | rec=semiannual/3/31
trước ngày 20 hằng tháng                         | 2023-01-10 | recurring   |            | 2023-01-20 | rec=monthly/-/20
Ngày 25 hàng tháng                               | 2023-01-26 | recurring   |            | 2023-02-25 | rec=monthly/-/25
trước ngày 28 hàng tháng                         | 2023-02-10 | recurring   |            | 2023-02-28 | rec=monthly/-/28
trước ngày 31 hàng tháng                         | 2023-02-10 | recurring   |            | 2023-02-28 | rec=monthly/-/31
hằng tháng, trước ngày 5 của tháng sau           | 2023-01-10 | recurring   |            | 2023-02-05 | rec=monthly/-/5
trước ngày 20 của tháng cuối quý                 | 2023-01-10 | recurring   |            | 2023-03-20 | rec=quarterly/3/20
Hằng quý, trước ngày 15 tháng cuối quý           | 2023-04-10 | recurring   |            | 2023-06-15 | rec=quarterly/3/15
Báo cáo quý trước ngày 20 tháng cuối quý         | 2023-01-10 | recurring   |            | 2023-03-20 | rec=quarterly/3/20
Trước ngày 10 tháng đầu quý sau                  | 2023-01-11 | recurring   |            | 2023-04-10 | rec=quarterly/1/10
Thứ 6 hằng tuần                                  | 2023-01-10 | recurring   |            | 2023-01-13 | rec=weekly/-/-/4
thứ hai hàng tuần                                | 2023-01-10 | recurring   |            | 2023-01-16 | rec=weekly/-/-/0
Sáng thứ 2 hàng tuần                             | 2023-01-16 | recurring   |            | 2023-01-16 | rec=weekly/-/-/0
chiều thứ sáu hằng tuần                          | 2023-01-10 | recurring   |            | 2023-01-13 | rec=weekly/-/-/4
chủ nhật hằng tuần                               | 2023-01-10 | recurring   |            | 2023-01-15 | rec=weekly/-/-/6
năm 2023 và các năm tiếp theo                    | 2022-03-31 | recurring   | 2023-01-01 | 2023-12-31 | rec=yearly/-/-
Trong năm 2023 và những năm tiếp theo            | 2022-03-31 | recurring   | 2023-01-01 | 2023-12-31 | rec=yearly/-/-
2024 và những năm tiếp theo                      | 2023-03-31 | recurring   | 2024-01-01 | 2024-12-31 | rec=yearly/-/-
Từ năm 2023 trở đi                               | 2022-03-31 | recurring   | 2023-01-01 | 2023-12-31 | rec=yearly/-/-
thực hiện hằng năm từ năm 2022                   | 2022-03-31 | recurring   | 2022-01-01 | 2022-12-31 | rec=yearly/-/-
(thực hiện hằng năm, từ năm 2022)                | 2023-01-10 | recurring   | 2022-01-01 | 2023-12-31 | rec=yearly/-/-
Hằng năm, từ năm 2023                            | 2022-03-31 | recurring   | 2023-01-01 | 2023-12-31 | rec=yearly/-/-
Quý I/2023 và các năm tiếp theo                  | 2022-03-31 | recurring   | 2023-01-01 | 2023-03-31 | rec=yearly/3/-
Tháng 12/2023 và hằng năm                        | 2023-01-10 | recurring   | 2023-12-01 | 2023-12-31 | rec=yearly/12/-
Hằng năm giai đoạn 2021-2025                     | 2023-01-10 | recurring   | 2021-01-01 | 2023-12-31 | rec=yearly/-/- occ=2021-12-31,2022-12-31,2023-12-31,2024-12-31,2025-12-31
Hằng năm giai đoạn 2021-2025                     | 2026-02-01 | recurring   | 2021-01-01 | 2025-12-31 | rec=yearly/-/- occ=2021-12-31,2022-12-31,2023-12-31,2024-12-31,2025-12-31
Hằng quý năm 2023                                | 2023-05-10 | recurring   | 2023-01-01 | 2023-06-30 | rec=quarterly/-/- occ=2023-03-31,2023-06-30,2023-09-30,2023-12-31
hằng tháng trong năm 2024                        | 2024-11-10 | recurring   | 2024-01-01 | 2024-11-30 | rec=monthly/-/-
thực hiện thường xuyên, hằng năm                 | 2023-01-10 | recurring   |            | 2023-12-31 | rec=yearly/-/- cont
Thường xuyên, hằng năm                           | 2023-01-10 | recurring   |            | 2023-12-31 | rec=yearly/-/- cont
Hằng năm và đột xuất                             | 2023-01-10 | recurring   |            | 2023-12-31 | rec=yearly/-/-
Định kỳ hằng năm hoặc đột xuất                   | 2023-01-10 | recurring   |            | 2023-12-31 | rec=yearly/-/-
Hằng năm hoặc khi có yêu cầu                     | 2023-01-10 | recurring   |            | 2023-12-31 | rec=yearly/-/-
dinh ky hang quy                                 | 2023-01-10 | recurring   |            | 2023-03-31 | rec=quarterly/-/-
hằng\nnăm                                        | 2023-01-10 | recurring   |            | 2023-12-31 | rec=yearly/-/-
# --- ongoing
thường xuyên                                     | 2022-03-31 | ongoing     |            |            |
THƯỜNG XUYÊN                                     | 2022-03-31 | ongoing     |            |            |
thuong xuyen                                     | 2022-03-31 | ongoing     |            |            |
Thực hiện thường xuyên                           | 2022-03-31 | ongoing     |            |            |
(thực hiện thường xuyên).                        | 2022-03-31 | ongoing     |            |            |
*thực hiện thường xuyên*                         | 2022-03-31 | ongoing     |            |            |
thường xuyên, liên tục                           | 2022-03-31 | ongoing     |            |            |
Liên tục                                         | 2022-03-31 | ongoing     |            |            |
Thường xuyên hoặc định kỳ                        | 2022-03-31 | ongoing     |            |            |
thực hiện thường xuyên và định kỳ                | 2022-03-31 | ongoing     |            |            |
Định kỳ                                          | 2022-03-31 | ongoing     |            |            |
Định kỳ, đột xuất                                | 2022-03-31 | ongoing     |            |            |
định kỳ và khi cần                               | 2022-03-31 | ongoing     |            |            |
Định kỳ hoặc khi có yêu cầu                      | 2022-03-31 | ongoing     |            |            |
Lâu dài                                          | 2022-03-31 | ongoing     |            |            |
Hằng ngày                                        | 2022-03-31 | ongoing     |            |            |
Trong suốt nhiệm kỳ                              | 2022-03-31 | ongoing     |            |            |
thực hiện trong suốt nhiệm kỳ                    | 2022-03-31 | ongoing     |            |            |
Cả nhiệm kỳ                                      | 2022-03-31 | ongoing     |            |            |
Tiếp tục thực hiện                               | 2022-03-31 | ongoing     |            |            |
thường xu-\nyên                                  | 2022-03-31 | ongoing     |            |            |
từ năm 2022                                      | 2022-03-31 | ongoing     | 2022-01-01 |            |
Thực hiện từ năm 2022                            | 2022-03-31 | ongoing     | 2022-01-01 |            |
thường xuyên, từ năm 2022                        | 2022-03-31 | ongoing     | 2022-01-01 |            |
Từ năm 2022 đến nay                              | 2023-03-31 | ongoing     | 2022-01-01 |            |
Từ tháng 3/2023                                  | 2023-01-10 | ongoing     | 2023-03-01 |            |
Bắt đầu từ tháng 4/2020                          | 2020-01-10 | ongoing     | 2020-04-01 |            |
Từ quý II/2022                                   | 2022-01-10 | ongoing     | 2022-04-01 |            |
từ ngày 01/01/2023                               | 2022-12-10 | ongoing     | 2023-01-01 |            |
# --- conditional
khi có hướng dẫn của Trung ương                  | 2022-03-31 | conditional |            |            | cond=khi có hướng dẫn của Trung ương
Khi có chỉ đạo                                   | 2022-03-31 | conditional |            |            | cond=Khi có chỉ đạo
Theo hướng dẫn của cấp trên                      | 2022-03-31 | conditional |            |            | cond=Theo hướng dẫn của cấp trên
Sau khi có Kết luận của Bộ Chính trị             | 2022-03-31 | conditional |            |            | cond=Sau khi có Kết luận của Bộ Chính trị
(khi có văn bản của Trung ương)                  | 2022-03-31 | conditional |            |            | cond=khi có văn bản của Trung ương
Theo chỉ đạo của Ban Thường vụ                   | 2022-03-31 | conditional |            |            |
Theo yêu cầu                                     | 2022-03-31 | conditional |            |            |
Khi có yêu cầu                                   | 2022-03-31 | conditional |            |            |
Khi cần thiết                                    | 2022-03-31 | conditional |            |            | cond=Khi cần thiết
Đột xuất                                         | 2022-03-31 | conditional |            |            |
Trước Đại hội                                    | 2022-03-31 | conditional |            |            | cond=Trước Đại hội
Trước Đại hội Đảng bộ tỉnh lần thứ XII           | 2022-03-31 | conditional |            |            |
Sau khi Ban Bí thư có ý kiến                     | 2022-03-31 | conditional |            |            |
tùy tình hình thực tế                            | 2022-03-31 | conditional |            |            |
Theo lộ trình của Trung ương                     | 2022-03-31 | conditional |            |            |
khi co huong dan cua Trung uong                  | 2022-03-31 | conditional |            |            |
Kỳ họp tháng 5/2025                              | 2025-01-10 | conditional | 2025-05-01 | 2025-05-31 | cond=Kỳ họp
kỳ họp gần nhất 2026                             | 2025-06-10 | conditional | 2026-01-01 | 2026-12-31 | cond=kỳ họp gần nhất
kỳ họp thường lệ cuối năm 2023                   | 2023-03-01 | conditional | 2023-01-01 | 2023-12-31 | cond=kỳ họp thường lệ
Khi có hướng dẫn năm 2022                        | 2022-03-31 | conditional | 2022-01-01 | 2022-12-31 | cond=Khi có hướng dẫn
khi có hướng dẫn, dự kiến tháng 7/2022           | 2022-03-31 | conditional | 2022-07-01 | 2022-07-31 | cond=khi có hướng dẫn
sau khi Tỉnh ủy ban hành Kế hoạch thực hiện, dự kiến tháng 7/2022 | 2022-03-31 | conditional | 2022-07-01 | 2022-07-31 | cond=sau khi Tỉnh ủy ban hành Kế hoạch thực hiện
Sau khi có hướng dẫn (dự kiến Quý III/2023)      | 2023-01-10 | conditional | 2023-07-01 | 2023-09-30 | cond=Sau khi có hướng dẫn
khi có chỉ đạo của Trung ương năm 2023           | 2022-03-31 | conditional | 2023-01-01 | 2023-12-31 |
chậm nhất 05 ngày làm việc sau khi kết thúc hội nghị | 2023-01-10 | conditional |        |            |
# --- term
năm thứ 3 của nhiệm kỳ                           | 2022-03-31 | term        | 2023-01-01 | 2023-12-31 |
Năm thứ ba của nhiệm kỳ                          | 2022-03-31 | term        | 2023-01-01 | 2023-12-31 |
năm thứ hai nhiệm kỳ                             | 2021-03-31 | term        | 2022-01-01 | 2022-12-31 |
năm thứ 3, nhiệm kỳ Đại hội Đảng                 | 2022-03-31 | term        | 2023-01-01 | 2023-12-31 |
giữa nhiệm kỳ                                    | 2022-03-31 | term        | 2023-01-01 | 2023-12-31 |
Sơ kết giữa nhiệm kỳ                             | 2022-03-31 | term        | 2023-01-01 | 2023-12-31 |
Cuối nhiệm kỳ                                    | 2022-03-31 | term        | 2025-01-01 | 2025-12-31 |
năm cuối nhiệm kỳ                                | 2022-03-31 | term        | 2025-01-01 | 2025-12-31 |
Cuối nhiệm kỳ 2020-2025                          | 2022-03-31 | term        | 2025-01-01 | 2025-12-31 |
giữa nhiệm kỳ 2025-2030                          | 2026-03-31 | term        | 2028-01-01 | 2028-12-31 |
# --- done
đã thực hiện trong tháng 3/2022                  | 2022-03-31 | done        | 2022-03-01 | 2022-03-31 | done
Đã thực hiện                                     | 2022-03-31 | done        |            |            | done
đã tổ chức                                       | 2022-03-31 | done        |            |            | done
Đã ban hành                                      | 2022-03-31 | done        |            |            | done
Đã hoàn thành                                    | 2022-03-31 | done        |            |            | done
Đã tổ chức ngày 15/3/2022                        | 2022-03-31 | done        |            | 2022-03-15 | done
(đã thực hiện trong Quý I/2022)                  | 2022-03-31 | done        | 2022-01-01 | 2022-03-31 | done
Đã ban hành Kế hoạch số 30-KH/ĐUK ngày 16/3/2022 | 2022-03-31 | done        |            |            | done
# --- relative
trong 30 ngày kể từ ngày ký                      | 2023-01-05 | relative    |            | 2023-02-04 |
Trong vòng 10 ngày                               | 2023-01-10 | relative    |            | 2023-01-20 |
trong thời hạn 15 ngày kể từ ngày ban hành       | 2023-01-10 | relative    |            | 2023-01-25 |
trong 10 ngày làm việc kể từ ngày ký             | 2023-01-16 | relative    |            | 2023-02-06 |
Sau 15 ngày làm việc kể từ ngày ban hành         | 2023-01-10 | relative    |            | 2023-02-07 |
Trong 7 ngày làm việc                            | 2023-01-10 | relative    |            | 2023-01-19 |
trong 03 tháng kể từ ngày ký                     | 2023-01-10 | relative    |            | 2023-04-10 |
Trong vòng 2 tuần                                | 2023-01-10 | relative    |            | 2023-01-24 |
trong 5 ngày làm việc                            | 2024-04-26 | relative    |            | 2024-05-07 |
# --- lists with "và thường xuyên"
Quý I/2023 và thường xuyên                       | 2023-01-05 | quarter     | 2023-01-01 | 2023-03-31 | cont
Trước 31/12/2023 và thường xuyên                 | 2023-01-05 | date        |            | 2023-12-31 | cont
năm 2023 và liên tục                             | 2023-01-05 | year        | 2023-01-01 | 2023-12-31 | cont
tháng 6/2023 và thường xuyên                     | 2023-01-05 | month       | 2023-06-01 | 2023-06-30 | cont
# --- labels and noise
(Thời gian thực hiện: Quý III/2022)              | 2022-03-31 | quarter     | 2022-07-01 | 2022-09-30 |
*Thời gian hoàn thành: tháng 7/2022*             | 2022-03-31 | month       | 2022-07-01 | 2022-07-31 |
Thời gian thực hiện: Quý III/2022                | 2022-03-31 | quarter     | 2022-07-01 | 2022-09-30 |
thực hiện trong Quý II/2023                      | 2023-01-05 | quarter     | 2023-04-01 | 2023-06-30 |
- Thời gian: năm 2024.                           | 2023-01-05 | year        | 2024-01-01 | 2024-12-31 |
# --- more shapes from plans and trackers
Năm 2022 và hằng năm                             | 2022-05-10 | recurring   | 2022-01-01 | 2022-12-31 | rec=yearly/-/-
Hằng năm, từ năm 2022 đến năm 2025               | 2022-05-10 | recurring   | 2022-01-01 | 2022-12-31 | rec=yearly/-/- occ=2022-12-31,2023-12-31,2024-12-31,2025-12-31
Hằng năm, theo hướng dẫn của Ban Tổ chức Trung ương | 2022-05-10 | recurring |           | 2022-12-31 | rec=yearly/-/-
Trước ngày 15 tháng 12 hằng năm                  | 2022-05-10 | recurring   |            | 2022-12-15 | rec=yearly/12/15
Quý IV/2022 và hằng năm                          | 2022-05-10 | recurring   | 2022-10-01 | 2022-12-31 | rec=yearly/12/-
Báo cáo sơ kết 6 tháng trước ngày 15/6; báo cáo năm trước ngày 15/12 | 2022-07-10 | recurring | | 2022-12-15 | rec=semiannual/6/15
Năm 2024 (sơ kết); năm 2026 (tổng kết)           | 2022-05-10 | year        | 2024-01-01 | 2024-12-31 | occ=2024-12-31,2026-12-31
Đợt 1: tháng 6/2023; đợt 2: tháng 12/2023        | 2022-05-10 | month       | 2023-06-01 | 2023-06-30 | occ=2023-06-30,2023-12-31
Quý I/2023 (đối với cấp huyện), Quý II/2023 (đối với cấp tỉnh) | 2022-05-10 | quarter | 2023-01-01 | 2023-03-31 | occ=2023-03-31,2023-06-30
Quý III và IV/2022                               | 2022-05-10 | quarter     | 2022-07-01 | 2022-09-30 | occ=2022-09-30,2022-12-31
Trong các năm 2022, 2023                         | 2022-05-10 | year        | 2022-01-01 | 2022-12-31 | occ=2022-12-31,2023-12-31
6 tháng đầu năm và cả năm                        | 2022-05-10 | half_year   | 2022-01-01 | 2022-06-30 | occ=2022-06-30,2022-12-31
Trước ngày 25/6 và 25/12                         | 2022-05-10 | date        |            | 2022-06-25 | occ=2022-06-25,2022-12-25
Trong quý                                        | 2022-05-10 | quarter     | 2022-04-01 | 2022-06-30 |
trong tháng                                      | 2022-05-10 | month       | 2022-05-01 | 2022-05-31 |
Năm học 2022-2023                                | 2022-05-10 | period      | 2022-09-01 | 2023-05-31 |
Từ tháng 4 - 6/2022                              | 2022-01-10 | period      | 2022-04-01 | 2022-06-30 |
Hoàn thành trước ngày 30/9/2022; báo cáo kết quả trước ngày 15/10/2022 | 2022-05-10 | date | | 2022-09-30 |
Dịp 2/9                                          | 2022-05-10 | date        |            | 2022-09-02 |
Không thời hạn                                   | 2022-05-10 | ongoing     |            |            |
Theo chương trình của Trung ương                 | 2022-05-10 | conditional |            |            |
Theo kế hoạch của Tỉnh ủy                        | 2022-05-10 | conditional |            |            |
Trong 6 tháng                                    | 2022-05-10 | relative    |            | 2022-11-10 |
Sau 03 tháng kể từ ngày ban hành                 | 2022-05-10 | relative    |            | 2022-08-10 |
Từ nay đến cuối năm 2022                         | 2022-05-10 | period      | 2022-05-10 | 2022-12-31 |
Giai đoạn I (2022-2023)                          | 2022-05-10 | period      | 2022-01-01 | 2023-12-31 |
Trước ngày 10 của tháng đầu quý tiếp theo        | 2022-05-10 | recurring   |            | 2022-07-10 | rec=quarterly/1/10
Trước ngày 05 tháng sau                          | 2022-05-10 | date        |            | 2022-06-05 |
Tháng 5/2023 (trình HĐND tỉnh tại kỳ họp giữa năm) | 2022-05-10 | conditional | 2023-05-01 | 2023-05-31 |
Quý 1,2,3/2023                                   | 2023-02-15 | quarter     | 2023-01-01 | 2023-03-31 | occ=2023-03-31,2023-06-30,2023-09-30
Quý 3-4/2023                                     | 2023-02-15 | period      | 2023-07-01 | 2023-12-31 |
Từ 01/3 - 31/3/2023                              | 2023-02-15 | period      | 2023-03-01 | 2023-03-31 |
01/3/2023 - 31/3/2023                            | 2023-02-15 | period      | 2023-03-01 | 2023-03-31 |
31.12.23                                         | 2023-02-15 | date        |            | 2023-12-31 |
ngày 30-6                                        | 2023-02-15 | date        |            | 2023-06-30 |
Từ ngày 1 đến ngày 15 hằng tháng                 | 2023-02-15 | recurring   |            | 2023-02-15 | rec=monthly/-/15
Từ ngày 01 - 05 hằng tháng                       | 2023-02-15 | recurring   |            | 2023-03-05 | rec=monthly/-/5
Cuối năm hằng năm                                | 2023-02-15 | recurring   |            | 2023-12-31 | rec=yearly/-/-
Tháng 6-8 hằng năm                               | 2023-02-15 | recurring   |            | 2023-08-31 | rec=yearly/8/-
Cuối mỗi quý                                     | 2023-02-15 | recurring   |            | 2023-03-31 | rec=quarterly/-/-
Tháng 12 hàng năm (báo cáo năm)                  | 2023-02-15 | recurring   |            | 2023-12-31 | rec=yearly/12/-
Năm 2023 (hoàn thành trước 30/11/2023)           | 2023-02-15 | date        |            | 2023-11-30 |
Hoàn thành trước Đại hội Đảng bộ tỉnh nhiệm kỳ 2025-2030 | 2023-02-15 | conditional | |      | cond=trước Đại hội Đảng bộ tỉnh nhiệm kỳ 2025-2030
Quý II/2025, trước Đại hội                       | 2023-02-15 | conditional | 2025-04-01 | 2025-06-30 | cond=trước Đại hội
Tại Hội nghị Ban Chấp hành Đảng bộ tỉnh cuối năm 2023 | 2023-02-15 | conditional | 2023-01-01 | 2023-12-31 |
Trong quý I và quý II năm 2023                   | 2023-02-15 | quarter     | 2023-01-01 | 2023-03-31 | occ=2023-03-31,2023-06-30
Từ Quý I/2023 đến hết Quý III/2023               | 2023-02-15 | period      | 2023-01-01 | 2023-09-30 |
Tháng 02, 03/2023                                | 2023-02-15 | month       | 2023-02-01 | 2023-02-28 | occ=2023-02-28,2023-03-31
Trước ngày 15/01 của năm sau                     | 2022-05-10 | date        |            | 2023-01-15 |
Năm 2022 trở đi                                  | 2022-05-10 | recurring   | 2022-01-01 | 2022-12-31 | rec=yearly/-/-
Từ tháng 5/2022 trở đi                           | 2022-01-10 | ongoing     | 2022-05-01 |            |
Quý I năm sau                                    | 2022-05-10 | quarter     | 2023-01-01 | 2023-03-31 |
Quý I và II năm 2022                             | 2022-01-10 | quarter     | 2022-01-01 | 2022-03-31 | occ=2022-03-31,2022-06-30
Quý 2 - 2022                                     | 2022-01-10 | quarter     | 2022-04-01 | 2022-06-30 |
Từ 2022                                          | 2022-01-10 | ongoing     | 2022-01-01 |            |
Theo lộ trình                                    | 2022-01-10 | conditional |            |            |
Định kỳ theo quy định                            | 2022-01-10 | ongoing     |            |            |
Tháng 6/2022, tháng 12/2022                      | 2022-01-10 | month       | 2022-06-01 | 2022-06-30 | occ=2022-06-30,2022-12-31
Ngày 15/6 và 15/12/2022                          | 2022-01-10 | date        |            | 2022-06-15 | occ=2022-06-15,2022-12-15
tháng 12/2022 và quý I/2023                      | 2022-01-10 | month       | 2022-12-01 | 2022-12-31 | occ=2022-12-31,2023-03-31
6 tháng, năm                                     | 2022-05-10 | recurring   |            | 2022-06-30 | rec=semiannual/-/-
Quý, 6 tháng, năm                                | 2022-05-10 | recurring   |            | 2022-06-30 | rec=quarterly/-/-
Báo cáo tháng, quý, năm                          | 2022-05-10 | recurring   |            | 2022-05-31 | rec=monthly/-/-
6 tháng và cả năm                                | 2022-05-10 | recurring   |            | 2022-06-30 | rec=semiannual/-/-
Định kỳ 6 tháng, hằng năm, đầu kỳ, giữa kỳ, cuối kỳ hoặc đột xuất khi cần thiết | 2022-08-10 | recurring | | 2022-12-31 | rec=semiannual/-/-
tháng 3, năm 2023                                | 2022-05-10 | month       | 2023-03-01 | 2023-03-31 |
Quý Ⅱ/2023                                       | 2022-05-10 | quarter     | 2023-04-01 | 2023-06-30 |
Quý Ⅳ năm 2023                                   | 2022-05-10 | quarter     | 2023-10-01 | 2023-12-31 |
Năm ２０２４                                     | 2022-05-10 | year        | 2024-01-01 | 2024-12-31 |
# --- not deadlines
Quyết định số 12/QĐ-UBND ngày 05/01/2023         | 2023-03-01 | unspecified |            |            |
Thông báo số 123/TB-VPCP ngày 17/12/2025         | 2025-03-01 | unspecified |            |            |
Thông báo số …/TB-VPTW ngày 17/12/2025           | 2025-03-01 | unspecified |            |            |
Kế hoạch số 78-KH/ĐUK ngày 24/02/2022            | 2022-03-01 | unspecified |            |            |
Quy định số 38-QĐ/TU ngày 08/4/2019              | 2022-03-01 | unspecified |            |            |
Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương | 2022-03-01 | unspecified | | |
quá hạn hơn 120 ngày                             | 2025-03-01 | unspecified |            |            |
không quá 1 ngày                                 | 2025-03-01 | unspecified |            |            |
tính đến hết ngày 24/5/2025                      | 2025-03-01 | unspecified |            |            |
Số liệu tính đến 30/6/2023                       | 2023-03-01 | unspecified |            |            |
Không                                            | 2022-03-31 | unspecified |            |            |
-                                                | 2022-03-31 | unspecified |            |            |
Chưa xác định                                    | 2022-03-31 | unspecified |            |            |
Theo quy định                                    | 2022-03-31 | unspecified |            |            |
Ban Tổ chức Tỉnh ủy                              | 2022-03-31 | unspecified |            |            |
x                                                | 2022-03-31 | unspecified |            |            |
"""


@dataclass(frozen=True)
class Case:
    phrase: str
    ref: date
    kind: str
    start: date | None
    due: date | None
    extras: str

    def __str__(self) -> str:
        return f"{self.phrase!r}@{self.ref}"


def _d(s: str) -> date | None:
    s = s.strip()
    return date.fromisoformat(s) if s else None


def cases() -> list[Case]:
    out: list[Case] = []
    for line in CORPUS.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, ref, kind, start, due, *rest = (x.strip() for x in line.split("|"))
        out.append(
            Case(
                phrase.replace("\\n", "\n"),
                date.fromisoformat(ref),
                kind,
                _d(start),
                _d(due),
                rest[0] if rest else "",
            )
        )
    return out

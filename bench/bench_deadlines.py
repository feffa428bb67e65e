"""Benchmark: deadline phrases parsed per second on a realistic mix (prints, never asserts).

The mix weights phrases the way plan tables and Excel trackers repeat them: many
"Thường xuyên", "Hằng năm", quarters and months, fewer long or conditional phrases.
"uncached" parses each phrase afresh (`parse_deadline_uncached`); "cached" goes through
`parse_deadline`, whose LRU cache serves repeated phrases. Run: uv run python bench/bench_deadlines.py
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.deadlines.parse import (
    _cached,
    find_deadline,
    parse_deadline,
    parse_deadline_uncached,
)

# (weight, phrase)
MIX: list[tuple[int, str]] = [
    (12, "Thường xuyên"),
    (10, "thực hiện thường xuyên"),
    (8, "Hằng năm"),
    (4, "hàng năm"),
    (4, "Hằng quý"),
    (2, "Hàng tháng"),
    (6, "Quý I/2023"),
    (3, "Quý IV năm 2023"),
    (2, "quý 2/2024"),
    (6, "Năm 2024"),
    (4, "Trong năm 2023"),
    (5, "Tháng 10/2023"),
    (2, "trong tháng 3 năm 2024"),
    (5, "Trước 30/6/2024"),
    (3, "Hoàn thành trước ngày 31/12/2024"),
    (3, "31/12/2023"),
    (2, "6 tháng đầu năm 2024"),
    (2, "Giai đoạn 2021-2025"),
    (2, "Từ tháng 5/2022 đến tháng 12/2022"),
    (2, "Năm 2022-2023"),
    (2, "Trước ngày 15/12 hằng năm"),
    (2, "Định kỳ 6 tháng, hằng năm"),
    (2, "Trong năm 2023 và những năm tiếp theo"),
    (2, "thực hiện hằng năm, từ năm 2022"),
    (2, "Khi có hướng dẫn của Trung ương"),
    (1, "sau khi Tỉnh ủy ban hành Kế hoạch thực hiện, dự kiến tháng 7/2022"),
    (1, "(*hoàn thành trong Quý I/2022*)"),
    (1, "Thời gian thực hiện: Quý III/2022"),
    (1, "năm thứ 3 của nhiệm kỳ"),
    (1, "đã thực hiện trong tháng 3/2022"),
    (1, "trong 30 ngày kể từ ngày ký"),
    (1, "trong 10 ngày làm việc kể từ ngày ký"),
    (1, "tháng 3 và tháng 9/2023"),
    (1, "Quý I/2023 và thường xuyên"),
    (1, "trong năm 2023 hoặc đột xuất khi cần thiết"),
    (1, "thực hiện thường xuyên hoặc định kỳ"),
    (1, "Từ năm 2022"),
    (1, "Đến năm 2025"),
    (1, "Quyết định số 12/QĐ-UBND ngày 05/01/2023"),
    (1, "Chưa xác định"),
]

SENTENCE = (
    "Văn phòng, các Ban của Đảng ủy Khối căn cứ Kế hoạch số 78-KH/ĐUK ngày 24/02/2022, "
    "định kỳ báo cáo kết quả cho Ban Thường vụ Đảng ủy Khối trước ngày 30/10 hàng năm."
)


def _sample(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    phrases = [p for _, p in MIX]
    weights = [w for w, _ in MIX]
    return rnd.choices(phrases, weights=weights, k=n)


def _rate(func, items: list[str], ref: date, repeat: int = 5) -> tuple[float, float]:
    """(wall-clock rate, CPU-time rate): best of `repeat` runs. On a busy machine the CPU
    rate is the steadier figure."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for x in items:
            func(x, ref)
        best_wall = min(best_wall, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return len(items) / best_wall, len(items) / max(best_cpu, 1e-9)


def main() -> None:
    ref = date(2023, 3, 1)
    items = _sample(20_000)
    for p in {x for _, x in MIX}:  # warm up imports and the holiday table
        parse_deadline_uncached(p, ref)
    uncached = _rate(parse_deadline_uncached, items, ref)
    _cached.cache_clear()
    cached = _rate(parse_deadline, items, ref)
    # The same phrases with other spacing and case: what an import of new text sees.
    varied = [
        (p.upper() if i % 2 else p).replace(" ", " " * (1 + i % 3)) + " " * (i % 2)
        for i, p in enumerate(items[:5000])
    ]
    varied_rate = _rate(parse_deadline_uncached, varied, ref, repeat=3)
    finder = _rate(lambda t, r: find_deadline(t, r), [SENTENCE] * 2000, ref, repeat=3)
    print(f"phrases in mix            : {len(MIX)} distinct, {len(items)} parsed")
    print("                              wall-clock       CPU time")
    for name, (wall, cpu) in (
        ("uncached", uncached),
        ("cached (LRU)", cached),
        ("uncached, varied spacing", varied_rate),
        ("find_deadline (sentence)", finder),
    ):
        print(f"{name:26}: {wall:12,.0f}/s  {cpu:12,.0f}/s")


if __name__ == "__main__":
    main()

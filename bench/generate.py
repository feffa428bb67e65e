"""Realistic benchmark data: databases, Excel task lists and a long plan document.

Deadline phrases follow the mix seen in real plans (many "thường xuyên" and "năm X",
then quarters, months, dates, yearly recurrences, conditions), unit names follow real
department naming, and the data is deterministic for a given seed.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ROMAN = ["I", "II", "III", "IV"]

# (weight, generator of a phrase for a plan signed in `year`)
PHRASES = [
    (
        28,
        lambda r, y: r.choice(["Thường xuyên", "thực hiện thường xuyên", "Thường xuyên, liên tục"]),
    ),
    (
        16,
        lambda r, y: r.choice(["Năm {y}", "trong năm {y}", "Cuối năm {y}"]).format(
            y=y + r.randint(0, 2)
        ),
    ),
    (
        12,
        lambda r, y: r.choice(["Quý {q}/{y}", "quý {q} năm {y}", "Trong Quý {q}/{y}"]).format(
            q=r.choice(ROMAN), y=y + r.randint(0, 1)
        ),
    ),
    (
        10,
        lambda r, y: r.choice(["Tháng {m}/{y}", "trong tháng {m:02d}/{y}"]).format(
            m=r.randint(1, 12), y=y + r.randint(0, 1)
        ),
    ),
    (
        9,
        lambda r, y: r.choice(
            ["Trước ngày {d}/{m}/{y}", "chậm nhất ngày {d}/{m}/{y}", "hoàn thành trước {d}/{m}/{y}"]
        ).format(d=r.randint(1, 28), m=r.randint(1, 12), y=y + r.randint(0, 1)),
    ),
    (
        9,
        lambda r, y: r.choice(
            [
                "Hằng năm",
                "thực hiện hằng năm",
                "trước ngày {d}/{m} hằng năm",
                "định kỳ hằng quý",
                "hàng tháng",
                "định kỳ 6 tháng",
            ]
        ).format(d=r.randint(1, 28), m=r.randint(1, 12)),
    ),
    (
        5,
        lambda r, y: r.choice(
            [
                "Khi có hướng dẫn của Trung ương",
                "sau khi Tỉnh ủy ban hành Kế hoạch",
                "khi có chỉ đạo của cấp trên",
            ]
        ),
    ),
    (
        4,
        lambda r, y: r.choice(
            ["Giai đoạn {y}-2025", "từ năm {y}", "đến năm 2025", "6 tháng đầu năm {y}"]
        ).format(y=y),
    ),
    (3, lambda r, y: r.choice(["năm thứ 3 của nhiệm kỳ", "giữa nhiệm kỳ", "cuối nhiệm kỳ"])),
    (
        2,
        lambda r, y: r.choice(
            ["Quý I/{y} và thường xuyên", "tháng 3 và tháng 9/{y}", "năm {y}, {y1}"]
        ).format(y=y, y1=y + 1),
    ),
    (2, lambda r, y: ""),
]

PARENTS = [
    "Tỉnh ủy",
    "Ủy ban nhân dân tỉnh",
    "Hội đồng nhân dân tỉnh",
    "Đảng ủy Khối các cơ quan tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Tư pháp",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Tài nguyên và Môi trường",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Công Thương",
    "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
]
CHILD_KINDS = [
    "Văn phòng",
    "Phòng Tổ chức cán bộ",
    "Phòng Kế hoạch - Tài chính",
    "Thanh tra",
    "Phòng Tổng hợp",
    "Phòng Pháp chế",
    "Chi cục {n}",
    "Trung tâm {n}",
    "Ban {n}",
    "Phòng Nghiệp vụ {n}",
    "Đảng ủy cơ sở {n}",
    "Chi bộ {n}",
    "Công đoàn",
    "Đoàn Thanh niên",
]
VERBS = [
    "Tổ chức quán triệt, triển khai",
    "Xây dựng kế hoạch thực hiện",
    "Rà soát, sửa đổi, bổ sung",
    "Kiểm tra, giám sát việc thực hiện",
    "Sơ kết, đánh giá kết quả thực hiện",
    "Tham mưu ban hành",
    "Tuyên truyền, phổ biến",
    "Tổng hợp, báo cáo kết quả",
    "Chỉ đạo, hướng dẫn",
    "Nghiên cứu, đề xuất",
    "Đẩy mạnh cải cách hành chính trong",
    "Kiện toàn tổ chức bộ máy của",
]
OBJECTS = [
    "Kết luận số 21-KL/TW về xây dựng, chỉnh đốn Đảng",
    "quy chế làm việc của cấp ủy",
    "công tác cán bộ và bảo vệ chính trị nội bộ",
    "việc tu dưỡng, rèn luyện đạo đức, lối sống",
    "chương trình chuyển đổi số của tỉnh",
    "công tác phòng, chống tham nhũng, tiêu cực",
    "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI",
    "việc thực hiện quy chế dân chủ ở cơ sở",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "đề án sắp xếp tổ chức bộ máy",
    "chỉ tiêu phát triển đảng viên mới",
    "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
]


def phrase(r: random.Random, year: int) -> str:
    total = sum(w for w, _ in PHRASES)
    x = r.uniform(0, total)
    for weight, make in PHRASES:
        x -= weight
        if x <= 0:
            return make(r, year)
    return ""


def departments(n: int = 300) -> list[tuple[str, str | None]]:
    """(name, parent name) pairs: 20 parent bodies with their units below them."""
    out: list[tuple[str, str | None]] = [(p, None) for p in PARENTS]
    i = 0
    while len(out) < n:
        parent = PARENTS[i % len(PARENTS)]
        kind = CHILD_KINDS[(i // len(PARENTS)) % len(CHILD_KINDS)]
        name = f"{kind.format(n=i // len(PARENTS) + 1)} {parent.replace('Sở ', 'Sở ')}"
        out.append((name, parent))
        i += 1
    return out[:n]


def task_text(r: random.Random, i: int) -> str:
    return f"{r.choice(VERBS)} {r.choice(OBJECTS)} (nội dung {i})"


def extracted_plans(n_tasks: int, n_plans: int = 200, n_depts: int = 300, seed: int = 1):
    """ExtractedPlan objects (deadlines parsed) spreading n_tasks over n_plans."""
    from app.core.deadlines.parse import parse_deadline
    from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask

    r = random.Random(seed)
    names = [d for d, _ in departments(n_depts)]
    per_plan = max(1, n_tasks // n_plans)
    made = 0
    plans = []
    for p in range(n_plans):
        count = per_plan if p < n_plans - 1 else n_tasks - made
        if count <= 0:
            break
        signed = date(2021, 1, 1) + timedelta(days=r.randint(0, 5 * 365))
        tasks = []
        for _ in range(count):
            raw = phrase(r, signed.year)
            lead = r.choice(names)
            coord = r.sample(names, r.randint(0, 3))
            tasks.append(
                ExtractedTask(
                    text=task_text(r, made),
                    lead=lead,
                    coordinators=[c for c in coord if c != lead],
                    section=f"{ROMAN[r.randint(0, 3)]}.{r.randint(1, 6)}",
                    number=str(len(tasks) + 1),
                    deadline=parse_deadline(raw, signed),
                    completed_on=signed + timedelta(days=r.randint(10, 400))
                    if r.random() < 0.35
                    else None,
                )
            )
            made += 1
        plans.append(
            ExtractedPlan(
                document=ExtractedDocument(
                    title=f"Kế hoạch thực hiện {r.choice(OBJECTS)}",
                    number=f"{p + 1}-KH/TU",
                    date=signed,
                    issuer="TỈNH ỦY",
                ),
                tasks=tasks,
                source_name=f"ke-hoach-{p + 1}.docx",
                sha256=f"{seed:08x}{p:056x}",
            )
        )
    return plans


def make_database(path: Path, n_tasks: int, *, n_plans: int = 200, n_depts: int = 300) -> Path:
    """A database with n_tasks over n_plans plans and n_depts departments (a tree)."""
    from app.db import ops
    from app.db.store import Database

    path.unlink(missing_ok=True)
    db = Database.open(path)
    try:
        ids: dict[str, int] = {}
        for name, parent in departments(n_depts):
            _, ids[name] = ops.create_department(
                db, name, parent_id=ids.get(parent) if parent else None
            )
        for plan in extracted_plans(n_tasks, n_plans, n_depts):
            ops.import_plan(db, plan, unit_map=ids, create_units=False)
    finally:
        db.close()
    return path


HEADER = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
    "Ghi chú",
]


def make_workbook(path: Path, n_rows: int, seed: int = 2) -> Path:
    """An .xlsx task list laid out like the ones offices keep (title rows, header, groups)."""
    from openpyxl import Workbook

    r = random.Random(seed)
    names = [d for d, _ in departments(300)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Phụ lục")
    ws.append(["TỈNH ỦY LÂM ĐỒNG"])
    ws.append(["PHỤ LỤC NHIỆM VỤ"])
    ws.append(["(Kèm theo Kế hoạch số 45-KH/TU ngày 15/3/2023 của Tỉnh ủy)"])
    ws.append([])
    ws.append(HEADER)
    group = 0
    for i in range(n_rows):
        if i % 50 == 0:
            group += 1
            ws.append(
                [ROMAN[(group - 1) % 4] if group <= 4 else str(group), f"NHÓM NHIỆM VỤ {group}"]
            )
        coords = ", ".join(r.sample(names, r.randint(0, 2)))
        ws.append(
            [
                i + 1,
                task_text(r, i),
                r.choice(names),
                coords,
                phrase(r, 2023),
                r.choice(["Báo cáo", "Kế hoạch", "Quy chế", ""]),
                "",
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def make_plan_docx(path: Path, pages: int = 40, seed: int = 3) -> Path:
    """A plan document of about `pages` A4 pages: header, sections, unit headings, bullets."""
    from docx import Document

    r = random.Random(seed)
    names = [d for d, _ in departments(300)]
    doc = Document()
    doc.add_paragraph("TỈNH ỦY LÂM ĐỒNG")
    doc.add_paragraph("Số 45-KH/TU")
    doc.add_paragraph("Đà Lạt, ngày 15 tháng 3 năm 2023")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI")
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    for _ in range(6):
        doc.add_paragraph(
            "- Quán triệt sâu sắc, tạo sự thống nhất cao trong nhận thức và hành động của cán bộ, đảng viên."
        )
    doc.add_paragraph("II. NHIỆM VỤ, GIẢI PHÁP")
    # About 12 tasks of ~3 lines fit on a page.
    n_units = max(1, pages * 12 // 15)
    for u in range(n_units):
        doc.add_paragraph(f"{u + 1}. {names[u % len(names)]}")
        for _ in range(15):
            p = doc.add_paragraph(
                f"- {task_text(r, u)}; phối hợp với {r.choice(names)} tổ chức thực hiện có hiệu quả. "
            )
            run = p.add_run(f"Thời gian thực hiện: {phrase(r, 2023) or 'năm 2024'}.")
            run.italic = True
    doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    doc.add_paragraph("1. Văn phòng Tỉnh ủy theo dõi, đôn đốc, báo cáo Ban Thường vụ Tỉnh ủy.")
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("- Như trên,")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":
    out = ROOT / "bench" / "data"
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print(make_database(out / f"tasks-{n}.db", n))

"""Sample data for the UI tests: a real plan stored through the operations, every status.

`TODAY` is fixed so the statuses do not depend on when the tests run.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.core.deadlines.types import Deadline, DeadlineKind
from app.db import ops
from app.db.reads.departments import find_department
from app.db.store import Database
from app.importers.model import ExtractedDocument, ExtractedPlan, ExtractedTask

TODAY = date(2023, 5, 10)  # a Wednesday

UNITS = (
    "Ban Tổ chức Đảng ủy Khối",
    "Ban Tuyên giáo Đảng ủy Khối",
    "Văn phòng Đảng ủy Khối",
    "Ủy ban Kiểm tra Đảng ủy Khối",
)


def on(day: date, raw: str | None = None) -> Deadline:
    return Deadline(raw=raw or f"trước ngày {day:%d/%m/%Y}", kind=DeadlineKind.DATE, due=day)


def quarter_ii_2023() -> Deadline:
    return Deadline(
        raw="Quý II/2023",
        kind=DeadlineKind.QUARTER,
        start=date(2023, 4, 1),
        due=date(2023, 6, 30),
    )


# (text, lead index, coordinator indexes, deadline, completed_on)
TASKS: list[tuple[str, int, tuple[int, ...], Deadline, date | None]] = [
    (
        "Tổ chức hội nghị quán triệt Kết luận số 21-KL/TW đến cán bộ chủ chốt",
        0,
        (2,),
        on(TODAY - timedelta(days=20)),
        None,
    ),  # overdue
    (
        "Báo cáo sơ kết Quý I việc thực hiện Kế hoạch",
        2,
        (),
        on(TODAY + timedelta(days=2)),
        None,
    ),  # due soon
    ("Rà soát quy chế làm việc của cấp ủy", 1, (0, 3), quarter_ii_2023(), None),  # due later
    (
        "Kiểm tra việc tu dưỡng, rèn luyện đạo đức của đảng viên",
        3,
        (),
        Deadline(raw="thường xuyên", kind=DeadlineKind.ONGOING),
        None,
    ),
    (
        "Tham mưu ban hành quy định về công tác cán bộ",
        0,
        (),
        Deadline(
            raw="sau khi Tỉnh ủy ban hành",
            kind=DeadlineKind.CONDITIONAL,
            condition="sau khi Tỉnh ủy ban hành",
        ),
        None,
    ),
    (
        "Hướng dẫn tổ chức hội nghị nghiên cứu Kết luận",
        1,
        (),
        on(date(2023, 3, 31), "tháng 3/2023"),
        date(2023, 3, 28),
    ),  # done on time
    (
        "Tổng hợp kết quả lấy phiếu tín nhiệm",
        0,
        (2,),
        on(date(2023, 4, 15)),
        date(2023, 4, 20),
    ),  # done late
    (
        "Đẩy mạnh tuyên truyền về Quỹ vì người nghèo trong Khối",
        1,
        (2,),
        on(TODAY + timedelta(days=30)),
        None,
    ),
]


def sample_plan(extra: int = 0) -> ExtractedPlan:
    tasks = [
        ExtractedTask(
            text=text,
            lead=UNITS[lead],
            coordinators=[UNITS[i] for i in coord],
            section="III.1",
            number=str(n + 1),
            deadline=dl,
            completed_on=done,
        )
        for n, (text, lead, coord, dl, done) in enumerate(TASKS)
    ]
    for i in range(extra):
        tasks.append(
            ExtractedTask(
                text=f"Nhiệm vụ bổ sung số {i + 1} về công tác xây dựng Đảng",
                lead=UNITS[i % len(UNITS)],
                section="IV",
                number=str(len(TASKS) + i + 1),
                deadline=on(TODAY + timedelta(days=(i % 90) - 30)),
            )
        )
    return ExtractedPlan(
        document=ExtractedDocument(
            title="Kế hoạch thực hiện Kết luận số 21-KL/TW",
            number="33-KH/ĐUK",
            date=date(2023, 1, 5),
            issuer="Đảng ủy Khối các cơ quan tỉnh",
        ),
        tasks=tasks,
        source_name="ke-hoach-33.docx",
        sha256=f"{extra:064x}",
    )


def seed(db: Database, extra: int = 0) -> None:
    """Import the sample plan and put the units under one parent (a two-level tree)."""
    ops.import_plan(db, sample_plan(extra), today=TODAY)

    ids = [find_department(db, name).id for name in UNITS]
    _, parent = ops.create_department(db, "Đảng ủy Khối các cơ quan tỉnh", is_group=True)
    for dept_id in ids[:2]:
        ops.update_department(db, dept_id, parent_id=parent)


def make_ctx(db: Database, tmp_path, today: date = TODAY):
    """An AppContext with a fixed today and its own settings file (never the user's)."""
    from PySide6.QtCore import QSettings

    from app.ui.kit.context import AppContext

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return AppContext(db, today=lambda: today, settings=settings)


def click_in_modal(qtbot, button_text: str, timeout: int = 3000) -> list[str]:
    """Arrange for the next modal dialog's button labelled `button_text` to be clicked.

    Returns a list that receives the dialog's text, to check what the user was shown.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

    seen: list[str] = []

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, press)
            return
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.text() + "\n" + dialog.informativeText())
        for button in dialog.findChildren(QAbstractButton):
            if button.text().replace("&", "") == button_text and button.isVisible():
                button.click()
                return
        seen.append(f"no button {button_text!r}")
        dialog.reject()

    QTimer.singleShot(0, press)
    return seen

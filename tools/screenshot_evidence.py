"""The detail pane with evidence (docs/evidence.png), from the demo database.

    xvfb-run -s "-screen 0 1366x768x24" uv run python tools/screenshot_evidence.py

A note with its report's number and date and two files is added to the selected task;
the window is drawn at 1366x768, the size of most office laptops.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 11, 25)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DONDOC_DATA_DIR"] = tmp
        return shoot(Path(tmp))


def shoot(tmp: Path) -> int:
    from PySide6.QtCore import QSettings, Qt, QThreadPool
    from PySide6.QtWidgets import QApplication

    from app.db import ops
    from app.db.store import Database
    from app.demo import load_demo
    from app.ui.kit.context import AppContext
    from app.ui.kit.i18n import set_language
    from app.ui.main.app import ensure_app
    from app.ui.main.window import MainWindow

    app = ensure_app()
    db = Database.open(tmp / "demo.db")
    load_demo(db, TODAY)
    set_language("vi")
    ctx = AppContext(
        db,
        today=lambda: TODAY,
        settings=QSettings(str(tmp / "vi.ini"), QSettings.Format.IniFormat),
    )
    win = MainWindow(ctx)
    win.resize(1366, 768)
    win.show()
    win.table.selectRow(7)
    app.processEvents()
    task = win.details.task_id
    report = tmp / "Báo cáo 45-BC-BTCTU sơ kết.pdf"
    report.write_bytes(b"%PDF-1.4\n" + b"0" * 180_000)
    photo = tmp / "Ảnh hội nghị sơ kết.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"0" * 420_000)
    ops.record_progress(
        db,
        task,
        "Đã tổ chức hội nghị sơ kết, có báo cáo và ảnh kèm theo.",
        document="Số 45-BC/BTCTU ngày 20/11/2026",
        files=[report, photo],
        author="Ban Tổ chức Tỉnh ủy",
    )
    win.details.refresh()
    win.details.note_input.setText("Đã gửi dự thảo quy chế lấy ý kiến")
    win.details.evidence_row.document.setText("Số 47-CV/BTCTU ngày 24/11/2026")
    win.details.evidence_row.set_files([str(report)])
    win.notice.hide()
    win.resizeDocks([win.details_dock], [440], Qt.Orientation.Horizontal)
    for _ in range(3):
        QThreadPool.globalInstance().waitForDone()
        app.processEvents()
    scroll = win.details.stack.currentWidget()
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    app.processEvents()
    out = ROOT / "docs" / "evidence.png"
    win.grab().save(str(out))
    print(out)
    win.close()
    db.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

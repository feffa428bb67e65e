"""Regenerate the screenshots in docs/ from the demo database (offscreen Qt).

    uv run python tools/screenshots.py [--out docs] [--today 2026-11-25]

The demo plan is loaded into a temporary database with a fixed "today", so the pictures
are the same on every run; widgets are drawn with QWidget.grab().
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Drawn on a 1366x768 screen, the laptop most offices have (Qt's offscreen default is 800x600).
_SCREEN = ROOT / "tests" / "data" / "laptop-screen.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
sys.path.insert(0, str(ROOT))


def main() -> int:
    from tools.demo_run import run_in_demo_folder

    return run_in_demo_folder(__doc__, shoot)


def shoot(out: Path, tmp: Path, today: date) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.db.store import Database
    from app.demo import load_demo
    from app.ui.kit.context import AppContext
    from app.ui.kit.i18n import set_language
    from app.ui.main.app import OpenErrorDialog, ensure_app
    from app.ui.main.window import MainWindow

    app = ensure_app()
    db = Database.open(tmp / "demo.db")
    load_demo(db, today)

    def window(lang: str) -> MainWindow:
        set_language(lang)
        qs = QSettings(str(tmp / f"{lang}.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(db, today=lambda: today, settings=qs)
        win = MainWindow(ctx)
        win.resize(1366, 768)  # the laptop screen most offices have
        win.show()
        app.processEvents()
        return win

    def save(widget, name: str) -> None:
        from PySide6.QtCore import QThreadPool

        for _ in range(3):
            QThreadPool.globalInstance().waitForDone()  # the department counts
            app.processEvents()
        path = out / name
        widget.grab().save(str(path))
        print(path)

    win = window("vi")
    win.table.selectRow(4)
    save(win, "main-window.png")

    win.notice.hide()
    win.filters.search.setText("quy")
    win.filters._search_now()
    win.table.selectRow(0)
    save(win, "search-quy.png")

    import importlib.util

    if importlib.util.find_spec("app.ui.calendar.view") is not None:
        win.filters.reset()
        win.show_calendar()
        save(win, "calendar.png")
        win.show_table()

    win.filters.reset()
    win.tree.select_department(_dept(db, "Ủy ban Kiểm tra Đảng ủy Khối"))
    win.table.selectRow(0)
    save(win, "department-filter.png")

    from app.ui.editor.dialog import TaskEditor

    task_id = win.model.task_id(0)
    editor = TaskEditor(win.ctx, win, task_id=task_id)
    editor.deadline.setText("Quý I/2027")
    editor._reinterpret()
    editor.show()
    save(editor, "task-editor.png")
    editor.hide()

    from app.ui.editor.conflict import ConflictDialog

    row = win.model.row_data(0)
    theirs = {
        "text": row.text,
        "lead": row.lead or "",
        "coordinators": "; ".join(row.coordinators),
        "deadline": "trước ngày 15/12/2026",
        "due": "15/12/2026",
        "completed_on": "",
        "product": "",
        "note": "Đã họp bàn.",
    }
    mine = dict(theirs, deadline="Quý I/2027", due="31/03/2027")
    dialog = ConflictDialog(mine, theirs, win)
    dialog.show()
    save(dialog, "conflict.png")
    dialog.close()

    from app.errors import DatabaseError

    broken = tmp / "hong.db"
    broken.write_bytes(b"not a database" * 10)
    err = OpenErrorDialog(
        str(broken),
        DatabaseError(f"Tệp {broken} không phải là cơ sở dữ liệu Đôn Đốc hoặc đã bị hỏng."),
        None,
    )
    err.show()
    save(err, "database-error.png")
    err.close()
    win.close()

    win_en = window("en")
    win_en.table.selectRow(2)
    save(win_en, "main-window-en.png")
    win_en.close()
    set_language("vi")
    db.close()
    QApplication.processEvents()
    return 0


def _dept(db, name: str) -> int | None:
    from app.db.reads.departments import find_department

    dept = find_department(db, name)
    return dept.id if dept else None


if __name__ == "__main__":
    raise SystemExit(main())

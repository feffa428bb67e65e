"""The details pane of an extended task (docs/extension-history.png), from the demo.

    xvfb-run -s "-screen 0 1366x768x24" uv run python tools/screenshot_follow_up.py

Run on a real (virtual) X screen of an ordinary office laptop, 1366x768: the window fills
it, the demo's extended task is selected and the window is grabbed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "extension-history.png"))
    parser.add_argument("--today", default="2026-11-25", type=date.fromisoformat)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DONDOC_DATA_DIR"] = tmp
        return shoot(Path(args.out), Path(tmp), args.today)


def shoot(out: Path, tmp: Path, today: date) -> int:
    from PySide6.QtCore import QSettings, Qt, QThreadPool
    from PySide6.QtWidgets import QApplication

    from app.db.reads.filters import SortKey, TaskFilter
    from app.db.reads.tasks import task_ids
    from app.db.store import Database
    from app.demo import EXTENDED, load_demo
    from app.ui.kit.context import AppContext
    from app.ui.kit.i18n import set_language
    from app.ui.kit.me import ME_KEY
    from app.ui.main.app import ensure_app
    from app.ui.main.window import MainWindow

    app = ensure_app()
    db = Database.open(tmp / "demo.db")
    load_demo(db, today)
    set_language("vi")
    qs = QSettings(str(tmp / "vi.ini"), QSettings.Format.IniFormat)
    qs.setValue(ME_KEY, "Nguyễn Thị Lan")
    ctx = AppContext(db, today=lambda: today, settings=qs)
    win = MainWindow(ctx)
    win.setGeometry(0, 0, 1366, 768)  # a common office laptop screen
    win.show()
    app.processEvents()
    win.resizeDocks([win.details_dock], [430], Qt.Orientation.Horizontal)
    target = task_ids(db, TaskFilter(today=today), SortKey.POSITION)[EXTENDED]
    win.table.select_ids([target], target)
    for _ in range(5):
        QThreadPool.globalInstance().waitForDone()
        app.processEvents()
    scroll = win.details.stack.currentWidget()
    scroll.ensureWidgetVisible(win.details.follow, 0, 0)
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    win.grab().save(str(out))
    print(out, win.size().width(), win.size().height())
    win.close()
    db.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

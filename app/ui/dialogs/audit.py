"""The audit log: who (OS user) changed what and when, filterable and exportable.

The model holds only the ids of the current result and fetches rows a page at a time,
so opening a log of a few hundred thousand entries is instant. Export (CSV or .xlsx)
runs as a background job.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.db.reads.audit import (
    AuditFilter,
    AuditRow,
    audit_actions,
    audit_ids,
    audit_rows,
    audit_users,
)
from app.db.store import Database
from app.exports.safe_text import csv_field, text_row
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import fmt_date, fmt_number, tr, tr_noop
from app.ui.kit.logs import show_error
from app.ui.kit.messages import translate
from app.ui.kit.places import size_dialog
from app.ui.kit.widgets import (
    ROOT,
    HeaderedModel,
    Index,
    button_box,
    date_edit,
    list_view,
    to_date,
)
from app.ui.kit.worker import Job, run_job

PAGE = 200


def action_label(action: str) -> str:
    labels = {
        "import": tr("Nhập kế hoạch"),
        "create": tr("Thêm"),
        "update": tr("Sửa"),
        "delete": tr("Xóa"),
        "restore": tr("Khôi phục"),
        "merge": tr("Gộp đơn vị"),
        "alias": tr("Thêm tên gọi khác"),
        "unalias": tr("Bỏ tên gọi khác"),
        "setting": tr("Cài đặt"),
        "calendar": tr("Lịch làm việc"),
        "complete": tr("Hoàn thành"),
        "reopen": tr("Mở lại"),
        "note": tr("Ghi tiến độ"),
        "reassign": tr("Giao lại"),
        "request": tr("Gửi văn bản đôn đốc"),
        "request_file": tr("Tệp văn bản đôn đốc"),
        "reply": tr("Trả lời văn bản đôn đốc"),
        "cancel_request": tr("Hủy văn bản đôn đốc"),
        "restore_request": tr("Khôi phục văn bản đôn đốc"),
        "extend": tr("Gia hạn"),
        "unextend": tr("Bỏ gia hạn"),
        "cancel": tr("Hủy / thu hồi"),
        "uncancel": tr("Khôi phục nhiệm vụ đã hủy"),
        "specialist": tr("Chuyên viên theo dõi"),
    }
    return labels.get(action, action)


def entity_label(entity: str) -> str:
    labels = {
        "task": tr("Nhiệm vụ"),
        "plan": tr("Kế hoạch"),
        "department": tr("Đơn vị"),
        "setting": tr("Cài đặt"),
        "calendar_day": tr("Ngày làm việc"),
        "note": tr("Tiến độ"),
        "unit_request": tr("Văn bản đôn đốc"),
    }
    return labels.get(entity, entity)


def _value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False, default=str)


def changes(row: AuditRow) -> list[tuple[str, str, str]]:
    """(field, old, new) for every field that differs between the two snapshots."""
    old = row.old if isinstance(row.old, dict) else ({"": row.old} if row.old is not None else {})
    new = row.new if isinstance(row.new, dict) else ({"": row.new} if row.new is not None else {})
    out = []
    for key in dict.fromkeys([*old, *new]):
        a, b = old.get(key), new.get(key)
        if a != b:
            out.append((key, _value(a), _value(b)))
    return out


HEADERS = ("Thời gian", "Người thực hiện", "Thao tác", "Đối tượng", "Nội dung thay đổi")


def _headers() -> list[str]:
    return [
        tr("Thời gian"),
        tr("Người thực hiện"),
        tr("Thao tác"),
        tr("Đối tượng"),
        tr("Nội dung thay đổi"),
    ]


# The settings by the names the settings dialog gives them (the log stores the keys).
SETTING_NAMES = {
    "term": tr_noop("Nhiệm kỳ"),
    "soon_days": tr_noop("Báo «sắp đến hạn» trước"),
    "warn_days": tr_noop("Nhắc trước hạn (ngày)"),
    "backup_keep": tr_noop("Số bản sao lưu giữ lại"),
    "language": tr_noop("Ngôn ngữ"),
    "org": tr_noop("Thể thức văn bản in"),
    "import_limits": tr_noop("Giới hạn nhập"),
}


def summary_text(r: AuditRow) -> str:
    """What the entry says, in the window's language; a setting by its name."""
    key = (r.new or {}).get("key") if r.action == "setting" else None
    if isinstance(key, str):
        name = SETTING_NAMES.get(key)
        return tr("Đổi cài đặt «{name}»", name=tr(name) if name else key)
    return translate(r.summary)


def row_values(r: AuditRow) -> list[str]:
    what = entity_label(r.entity) + (f" #{r.entity_id}" if r.entity_id is not None else "")
    return [
        f"{fmt_date(r.at)} {r.at:%H:%M:%S}",
        r.user,
        action_label(r.action),
        what,
        summary_text(r),
    ]


class AuditModel(HeaderedModel, QAbstractTableModel):
    """Ids of the filtered log; rows are fetched in pages when the view asks for them."""

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.ids: list[int] = []
        self._cache: dict[int, AuditRow] = {}
        self._headers = _headers()

    def load(self, flt: AuditFilter) -> None:
        self.beginResetModel()
        self.ids = audit_ids(self.db, flt)
        self._cache.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def entry(self, row: int) -> AuditRow | None:
        if not 0 <= row < len(self.ids):
            return None
        entry_id = self.ids[row]
        if entry_id not in self._cache:
            start = max(0, row - PAGE // 4)
            page = [i for i in self.ids[start : start + PAGE] if i not in self._cache]
            for r in audit_rows(self.db, page):
                self._cache[r.id] = r
        return self._cache.get(entry_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.entry(index.row())
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row_values(r)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return summary_text(r)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


def export_rows(
    path: Path, rows: Sequence[AuditRow], progress: Callable[..., bool] | None = None
) -> int:
    """Write the entries to .csv (UTF-8 with BOM, opens in Excel) or .xlsx."""
    header = [*_headers(), tr("Giá trị cũ"), tr("Giá trị mới")]
    lines = [[*row_values(r), _value(r.old), _value(r.new)] for r in rows]
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook  # only for .xlsx: opening the log stays quick

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(tr("Nhật ký"))
        ws.append(text_row(ws, header))
        for i, line in enumerate(lines):
            ws.append(text_row(ws, line))
            if progress and i % 2000 == 0 and not progress(i, len(lines)):
                return i
        wb.save(path)
    else:
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow([csv_field(v) for v in header])
            out.writerows([csv_field(v) for v in line] for line in lines)
    return len(lines)


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Nhật ký thay đổi"))
        size_dialog(self, 1000, 640, ctx.qsettings, "audit/size")
        self.model = AuditModel(ctx.db, self)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Tìm trong nội dung (không cần dấu)…"))
        self.search.setClearButtonEnabled(True)
        self.user_box = QComboBox(self)
        self.action_box = QComboBox(self)
        self.from_check = QCheckBox(tr("Từ ngày"), self)
        self.from_edit = date_edit(self, ctx.today().replace(day=1))
        self.to_check = QCheckBox(tr("đến ngày"), self)
        self.to_edit = date_edit(self, ctx.today())
        self.from_edit.setEnabled(False)
        self.to_edit.setEnabled(False)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(tr("Người:"), self))
        filters.addWidget(self.user_box, 1)
        filters.addWidget(QLabel(tr("Thao tác:"), self))
        filters.addWidget(self.action_box, 1)
        filters.addWidget(self.from_check)
        filters.addWidget(self.from_edit)
        filters.addWidget(self.to_check)
        filters.addWidget(self.to_edit)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        list_view(self.table)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        for col, width in enumerate((150, 120, 130, 130)):
            self.table.setColumnWidth(col, width)
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.detail = QTextBrowser(self)
        self.detail.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        self.count_label = QLabel(self)
        self.message = QLabel(self)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_btn = QPushButton(tr("Xuất ra tệp…"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.export_btn)
        bottom.addWidget(button_box(self, close=True))

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        for box in (self.user_box, self.action_box):
            box.currentIndexChanged.connect(self.refresh)
        for check, edit in ((self.from_check, self.from_edit), (self.to_check, self.to_edit)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self.refresh)
            edit.dateChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.export_btn.clicked.connect(self.export)
        ctx.changed.connect(self._on_changed)
        self.job: Job | None = None
        self._fill_choices()
        self.refresh()

    # ----------------------------------------------------------------- filtering

    def _fill_choices(self) -> None:
        users, actions = audit_users(self.ctx.db), audit_actions(self.ctx.db)
        for box, values, label in (
            (self.user_box, users, lambda v: v),
            (self.action_box, actions, action_label),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(tr("Tất cả"), None)
            for v in values:
                box.addItem(label(v), v)
            found = box.findData(current)
            box.setCurrentIndex(max(found, 0))
            box.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            text=self.search.text(),
            user=self.user_box.currentData(),
            action=self.action_box.currentData(),
            date_from=to_date(self.from_edit.date()) if self.from_check.isChecked() else None,
            date_to=to_date(self.to_edit.date()) if self.to_check.isChecked() else None,
        )

    def refresh(self) -> None:
        self.model.load(self.current_filter())
        self.count_label.setText(tr("{n} mục", n=fmt_number(len(self.model.ids))))
        self.detail.clear()
        if self.model.ids:
            self.table.selectRow(0)

    def _on_changed(self, _change) -> None:
        if self.isVisible():
            self._fill_choices()
            self.refresh()

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        r = self.model.entry(current.row()) if current.isValid() else None
        if r is None:
            self.detail.clear()
            return

        rows = "".join(
            f"<tr><td><b>{escape(k)}</b></td><td style='color:#b71c1c'>{escape(a)}</td>"
            f"<td>→</td><td style='color:#1b5e20'>{escape(b)}</td></tr>"
            for k, a, b in changes(r)
        )
        table = (
            f"<table cellspacing=4><tr><th>{tr('Trường')}</th><th>{tr('Cũ')}</th><th></th>"
            f"<th>{tr('Mới')}</th></tr>{rows}</table>"
            if rows
            else ""
        )
        self.detail.setHtml(
            f"<p><b>{escape(summary_text(r))}</b><br>{escape(r.user)} · {fmt_date(r.at)} "
            f"{r.at:%H:%M:%S}</p>{table}"
        )

    # ----------------------------------------------------------------- export

    def export(self) -> None:
        name = f"nhat-ky-{date.today():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Xuất nhật ký"),
            str(Path.home() / name),
            tr("Bảng tính Excel (*.xlsx);;Tệp CSV (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        ids = list(self.model.ids)
        db = self.ctx.db

        def work(progress) -> int:
            rows = audit_rows(db, ids)
            return export_rows(path, rows, progress)

        def done(n: int) -> None:
            self.message.setText(tr("Đã ghi {n} mục vào {path}.", n=n, path=str(path)))

        self.job = run_job(
            self, tr("Đang xuất nhật ký…"), work, done, lambda ex, tb: show_error(self, ex, tb)
        )

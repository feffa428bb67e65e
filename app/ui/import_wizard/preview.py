"""The wizard's preview page: the plan's header, its tasks and its unit names, all fixable.

Every edit is kept in the ExtractedPlan and the preview (duplicates, unknown units, the
same plan already stored) is computed again a moment later; nothing is written here.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.core.deadlines.terms import level_of, term_for
from app.db.reads import departments, settings
from app.db.reads.import_preview import ImportPreview, preview_import
from app.db.reads.terms import term_override
from app.errors import ImportValidationError
from app.importers.model import ExtractedDocument, ExtractedPlan
from app.ui.import_wizard.model import (
    CREATE,
    LeadDelegate,
    ParseContext,
    ProblemFilter,
    TaskPreviewModel,
    UnitChoiceDelegate,
    UnitMapModel,
    task_problems,
    unit_rows,
)
from app.ui.kit.columns import fit_to_content
from app.ui.kit.i18n import tr
from app.ui.kit.messages import error_message
from app.ui.kit.widgets import JobPanel, date_edit, one_line_rows, to_date, to_qdate

if TYPE_CHECKING:
    from app.ui.import_wizard.wizard import ImportWizard


# (minimum, maximum) width in pixels at 96 dpi of the preview's short columns.
PREVIEW_LIMITS = {
    "include": (30, 60),
    "source": (40, 90),
    "problems": (60, 160),
    "lead": (80, 180),
    "coordinators": (60, 150),
    "deadline": (100, 180),
    "due": (70, 100),
}


def error_text(error: BaseException) -> str:
    """A user error as lines to show in a page: what is wrong and where."""
    if isinstance(error, ImportValidationError):
        head = error_message(error).split("\n", 1)[0]
        return "\n".join([head, *(f"• {error_message(p)}" for p in error.problems[:50])])
    return error_message(error)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.parser: ParseContext | None = None
        self.names: list[str] = []
        self.setTitle(tr("Kiểm tra nhiệm vụ tìm được"))
        self.setSubTitle(
            tr(
                "Dòng tô màu cần xem lại; bấm đúp vào ô để sửa. Bỏ dấu ở cột «Nhập» để không "
                "nhập dòng đó."
            )
        )

        # ---- plan header
        self.title_edit = QLineEdit(self)
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText(tr("ví dụ: 127-KH/ĐUK"))
        self.issuer_edit = QLineEdit(self)
        self.date_check = QCheckBox(tr("Ngày ký:"), self)
        self.date_edit = date_edit(self, wizard.ctx.today())
        self.sheet_label = QLabel(tr("Trang tính:"), self)
        self.sheet_box = QComboBox(self)
        head = QFormLayout()
        head.addRow(tr("Tên kế hoạch:"), self.title_edit)
        row = QHBoxLayout()
        row.addWidget(self.number_edit, 2)
        row.addWidget(QLabel(tr("Cơ quan ban hành:"), self))
        row.addWidget(self.issuer_edit, 3)
        row.addWidget(self.date_check)
        row.addWidget(self.date_edit)
        row.addWidget(self.sheet_label)
        row.addWidget(self.sheet_box, 1)
        head.addRow(tr("Số kế hoạch:"), row)

        # ---- what the database already has
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.missing = QLabel(self)
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color:#b71c1c;")

        # ---- tasks
        self.model = TaskPreviewModel(self)
        self.proxy = ProblemFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        lead_col = TaskPreviewModel.COLUMNS.index("lead")
        self.table.setItemDelegateForColumn(lead_col, LeadDelegate(lambda: self.names, self.table))
        hh = self.table.horizontalHeader()
        hh.setMinimumSectionSize(40)
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(
            TaskPreviewModel.COLUMNS.index("text"), QHeaderView.ResizeMode.Stretch
        )
        one_line_rows(self.table)
        self.only_problems = QCheckBox(tr("Chỉ hiện dòng cần xem lại"), self)
        self.count_label = QLabel(self)
        tasks_box = QWidget(self)
        tv = QVBoxLayout(tasks_box)
        tv.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        tools.addWidget(self.only_problems)
        tools.addStretch(1)
        tools.addWidget(self.count_label)
        tv.addLayout(tools)
        tv.addWidget(self.table, 1)

        # ---- unit names
        self.units = UnitMapModel(self)
        self.unit_view = QTableView(self)
        self.unit_view.setModel(self.units)
        self.unit_view.setItemDelegateForColumn(2, UnitChoiceDelegate(self.unit_view))
        self.unit_view.verticalHeader().hide()
        self.unit_view.setWordWrap(False)
        one_line_rows(self.unit_view)
        self.unit_view.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        uh = self.unit_view.horizontalHeader()
        uh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        uh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        uh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.all_new_btn = QPushButton(tr("Thêm mới tất cả tên chưa có"), self)
        units_box = QWidget(self)
        uv = QVBoxLayout(units_box)
        uv.setContentsMargins(0, 0, 0, 0)
        self.units_title = QLabel(self)
        self.units_title.setWordWrap(True)
        uv.addWidget(self.units_title)
        uv.addWidget(self.unit_view, 1)
        uv.addWidget(self.all_new_btn)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(tasks_box)
        split.addWidget(units_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 300])
        self.panel = JobPanel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.missing)
        layout.addWidget(split, 1)
        layout.addWidget(self.panel)

        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(60)
        self._fit_timer.timeout.connect(self.fit_columns)
        self.table.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.model.edited.connect(lambda _row: self._timer.start())
        self.units.changed.connect(self._timer.start)
        self.number_edit.textEdited.connect(lambda _t: self._timer.start())
        self.issuer_edit.textEdited.connect(lambda _t: self._timer.start())
        self.date_check.toggled.connect(self._date_changed)
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.only_problems.toggled.connect(self.proxy.set_only_problems)
        self.title_edit.textChanged.connect(lambda _t: self._identity_changed())
        self.number_edit.textChanged.connect(lambda _t: self._identity_changed())
        self.all_new_btn.clicked.connect(self.all_new)
        self.sheet_box.activated.connect(self._sheet_picked)
        self.panel.finished.connect(self.completeChanged)

    # ----------------------------------------------------------------- loading

    def show_plan(self) -> None:
        """Fill the page from a freshly extracted plan."""
        plan = self.wiz.plan
        assert plan is not None
        doc = plan.document
        self.title_edit.setText(doc.title)
        self.title_edit.setCursorPosition(0)
        self.number_edit.setText(doc.number)
        self.issuer_edit.setText(doc.issuer)
        for w in (self.date_check, self.date_edit):
            w.blockSignals(True)
        self.date_check.setChecked(doc.date is not None)
        self.date_edit.setDate(to_qdate(doc.date or self.wiz.ctx.today()))
        self.date_edit.setEnabled(doc.date is not None)
        for w in (self.date_check, self.date_edit):
            w.blockSignals(False)
        self._fill_sheets()
        db = self.wiz.ctx.db
        self.term_override = term_override(db)
        calendar = settings.work_calendar(db)
        names = {d.id: d.name for d in departments.all_departments(db)}
        self.names = list(names.values()) + plan.units()
        ref = doc.date or self.wiz.ctx.today()
        self.parser = ParseContext(ref, self._term(ref), calendar)
        self.model.set_plan(plan, self.parser)
        self.fit_columns()
        self.units.set_rows([], names)
        self.refresh(self.wiz.preview)

    def fit_columns(self) -> None:
        """Short columns from their content, so Thời hạn and Hạn stay in view at 1366."""
        cols = TaskPreviewModel.COLUMNS
        fit_to_content(
            self.table,
            {cols.index(k): limits for k, limits in PREVIEW_LIMITS.items()},
            give_up=tuple(
                cols.index(k) for k in ("coordinators", "problems", "lead", "source", "deadline")
            ),
            keep=0.3,
        )

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_timer.start()  # the page, the splitter or the window changed its width
        return super().eventFilter(watched, event)

    def _fill_sheets(self) -> None:
        sheets = self.wiz.sheets
        self.sheet_box.clear()
        for info in sheets:
            label = tr("{name} ({n} dòng nhiệm vụ)", name=info.name, n=info.task_rows)
            if not info.visible:
                label += " " + tr("(ẩn)")
            self.sheet_box.addItem(label, info.name)
        current = self.sheet_box.findData(self.wiz.sheet)
        self.sheet_box.setCurrentIndex(max(current, 0))
        many = len(sheets) > 1
        self.sheet_box.setVisible(many)
        self.sheet_label.setVisible(many)

    def _sheet_picked(self, _index: int) -> None:
        name = self.sheet_box.currentData()
        if name and name != self.wiz.sheet:
            self.wiz.reload_sheet(name)

    def extract_sheet(self, path, sheet: str) -> None:
        if self.panel.busy:
            return
        self.panel.start(
            tr("Đang đọc trang tính {name}…", name=sheet),
            self.wiz.extract_job(path, sheet),
            self.wiz.extracted,
            self._sheet_failed,
        )
        self.completeChanged.emit()

    def _sheet_failed(self, error: BaseException, trace: str) -> None:
        self.banner.setText(f"<span style='color:#b71c1c'>{escape(error_text(error))}</span>")

    # ----------------------------------------------------------------- editing

    def document(self) -> ExtractedDocument:
        return ExtractedDocument(
            title=self.title_edit.text().strip(),
            number=self.number_edit.text().strip(),
            date=to_date(self.date_edit.date()) if self.date_check.isChecked() else None,
            issuer=self.issuer_edit.text().strip(),
        )

    def _term(self, ref: date) -> tuple[int, int]:
        """The congress term the plan's "cuối nhiệm kỳ" means (docs/deadline-phrases.md)."""
        return self.term_override or term_for(ref, level_of(self.issuer_edit.text()))

    def _date_changed(self) -> None:
        self.date_edit.setEnabled(self.date_check.isChecked())
        if self.parser is None:
            return
        ref = self.document().date or self.wiz.ctx.today()
        if ref != self.parser.ref:
            self.parser = ParseContext(ref, self._term(ref), self.parser.calendar)
            self.model.reparse(self.parser)
            self._timer.start()

    def all_new(self) -> None:
        for row in range(self.units.rowCount()):
            r = self.units.rows[row]
            if r.choice is None and not r.matched:
                self.units.setData(self.units.index(row, 2), CREATE)

    def refresh(self, preview: ImportPreview | None = None) -> None:
        """Compare the edited plan with the database again and update every warning."""
        plan = self.wiz.plan
        if plan is None:
            return
        plan.document = self.document()
        if preview is None:
            preview = preview_import(self.wiz.ctx.db, plan)
        self.wiz.preview = preview
        self.units.set_rows(unit_rows(preview, plan.tasks, self.units.rows), self.units.departments)
        choices = {r.name: r.choice for r in self.units.rows}
        self.model.set_problems(
            [task_problems(preview, i, choices) for i in range(len(plan.tasks))]
        )
        self._show_state(plan, preview)
        self.completeChanged.emit()

    def _show_state(self, plan: ExtractedPlan, preview: ImportPreview) -> None:
        n = len(plan.tasks)
        flagged = sum(1 for p in self.model.problems if p)
        kept = sum(self.model.include)
        self.count_label.setText(
            tr("{n} nhiệm vụ · {bad} cần xem lại · nhập {kept}", n=n, bad=flagged, kept=kept)
        )
        unknown = sum(1 for r in self.units.rows if r.choice is None and not r.matched)
        self.units_title.setText(
            tr(
                "<b>Tên đơn vị cần xác nhận</b> ({n} chưa có trong danh mục). Bấm đúp cột "
                "«Nhập thành» để chọn đơn vị có sẵn hoặc thêm mới.",
                n=unknown,
            )
            if self.units.rows
            else tr("Mọi tên đơn vị đều đã có trong danh mục.")
        )
        self.all_new_btn.setEnabled(unknown > 0)
        lines = []
        if preview.same_file is not None:
            lines.append(
                "<span style='color:#b71c1c'><b>"
                + escape(tr("Tệp này đã được nhập: {what}.", what=preview.same_file.describe()))
                + "</b> "
                + escape(tr("Không nhập lại."))
                + "</span>"
            )
        if preview.same_plan is not None and preview.same_file is None:
            why = preview.known.why() if preview.known else ""
            lines.append(
                "<span style='color:#8a4b00'><b>"
                + escape(
                    tr(
                        "Kế hoạch này đã được nhập ({why}): {what}.",
                        why=why,
                        what=preview.same_plan.describe(),
                    )
                )
                + "</b> "
                + escape(tr("Bước sau: cập nhật kế hoạch đã có, không nhập thêm lần nữa."))
                + "</span>"
            )
        if preview.duplicates:
            lines.append(
                escape(tr("{n} nhiệm vụ trùng với nhiệm vụ đã có.", n=len(preview.duplicates)))
            )
        for w in plan.warnings:
            lines.append(f"<span style='color:#8a4b00'>{escape(w)}</span>")
        for said in preview.abolished_units.values():
            lines.append(
                "<span style='color:#8a4b00'>"
                + escape(tr("Kế hoạch ghi tên đơn vị đã thay đổi: {what}.", what=said))
                + "</span>"
            )
        self.banner.setText("<br>".join(lines))
        self.banner.setVisible(bool(lines))
        self._identity_changed()

    def missing_identity(self) -> list[str]:
        """What the plan still needs before import: its name and its number."""
        out = []
        if not self.title_edit.text().strip():
            out.append(tr("tên kế hoạch"))
        if not self.number_edit.text().strip():
            out.append(tr("số kế hoạch"))
        return out

    def _identity_changed(self) -> None:
        missing = self.missing_identity()
        self.missing.setText(
            tr("Hãy nhập {what} (không tìm thấy trong tệp).", what=", ".join(missing))
            if missing
            else ""
        )
        self.missing.setVisible(bool(missing))
        self.completeChanged.emit()

    def nextId(self) -> int:
        from app.ui.import_wizard.wizard import CONFIRM_PAGE, UPDATE_PAGE

        preview = self.wiz.preview
        return UPDATE_PAGE if preview is not None and preview.same_plan else CONFIRM_PAGE

    def isComplete(self) -> bool:
        preview = self.wiz.preview
        if self.wiz.plan is None or preview is None or self.panel.busy:
            return False
        if preview.same_file is not None or not any(self.model.include):
            return False
        return not self.missing_identity()

    def validatePage(self) -> bool:
        self._timer.stop()
        self.refresh()
        return self.isComplete()

"""Models of the import wizard's preview: the extracted tasks and the unit mapping.

Editing a task (text, units, deadline phrase) changes the ExtractedPlan in place; the
deadline is parsed again at once with the plan's date as reference. Problems are
computed from the preview (`reads.import_preview.preview_import`) and the user's unit choices, so
mapping an unknown unit makes its warnings disappear.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.core.deadlines.parse import describe, parse_deadline
from app.core.deadlines.types import Deadline, DeadlineKind
from app.core.text import clean, fold, sort_key
from app.core.workdays import WorkCalendar
from app.db.reads.import_preview import ImportPreview
from app.importers.model import ExtractedPlan, ExtractedTask
from app.ui.kit.i18n import fmt_date, tr
from app.ui.kit.messages import translate
from app.ui.kit.widgets import (
    FOLDED_ROLE,
    ROOT,
    DepartmentPicker,
    FoldCompleter,
    HeaderedModel,
    Index,
)

CREATE = -1  # unit choice: add the name to the department list

WARN = QColor("#fff3e0")
BAD = QColor("#fdecea")
SKIPPED = QColor("#8a8a8a")


def split_units(text: str) -> list[str]:
    """ "Sở Nội vụ; Sở Tài chính" -> two names (commas inside names are kept)."""
    return [clean(p) for p in re.split(r"\s*[;\n]\s*", text or "") if clean(p)]


@dataclass(slots=True)
class ParseContext:
    """What deadline phrases are read against: the plan's date, the term, the holidays."""

    ref: date
    term: tuple[int, int]
    calendar: WorkCalendar | None

    def parse(self, raw: str) -> Deadline:
        return parse_deadline(raw, self.ref, term=self.term, calendar=self.calendar)


def reparse_all(plan: ExtractedPlan, ctx: ParseContext) -> None:
    """Read every deadline phrase again (the plan's date changed)."""
    for t in plan.tasks:
        if t.deadline.raw:
            t.deadline = ctx.parse(t.deadline.raw)


def due_text(dl: Deadline) -> str:
    if dl.kind == DeadlineKind.DATE and dl.due:
        return fmt_date(dl.due)
    if not dl.raw:
        return ""
    return translate(describe(dl))


_PARAGRAPH = re.compile(r",?\s*đoạn \d+")


def place_text(t: ExtractedTask) -> str:
    """Where the clerk finds the task in her copy of the plan: its item number under its
    section ("II.1.a"), with the page of a PDF or the row of a sheet; never the reader's
    paragraph count ("đoạn 22"), which no printed copy shows."""
    label = ".".join(p for p in (t.section, t.number) if p)
    where = _printed_place(t.source)
    if label and where:
        return f"{label} · {where}"
    return label or where


def place_tip(t: ExtractedTask) -> str | None:
    parts = []
    if t.section:
        parts.append(tr("Mục {s}", s=t.section))
    if t.number:
        parts.append(tr("Số thứ tự {n}", n=t.number))
    where = _printed_place(t.source)
    if where:
        parts.append(where)
    return ", ".join(parts) or None


def _printed_place(source: str) -> str:
    """A page or a sheet row from an extracted task's source; "" for a paragraph count."""
    source = _PARAGRAPH.sub("", source or "").strip(" ,")
    return translate(source) if source else ""


class TaskPreviewModel(QAbstractTableModel):
    """The tasks found in the file, editable in place; unchecked rows are not imported."""

    edited = Signal(int)  # row: units or text changed (the preview must be recomputed)

    COLUMNS = ("include", "source", "problems", "text", "lead", "coordinators", "deadline", "due")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plan = ExtractedPlan()
        self.include: list[bool] = []
        self.problems: list[list[str]] = []
        self.parser: ParseContext | None = None
        self._headers = [
            tr("Nhập"),
            tr("Vị trí"),
            tr("Cần xem lại"),
            tr("Nội dung nhiệm vụ"),
            tr("Chủ trì"),
            tr("Phối hợp"),
            tr("Thời hạn ghi trong tệp"),
            tr("Hạn được hiểu là"),
        ]

    def set_plan(self, plan: ExtractedPlan, parser: ParseContext) -> None:
        self.beginResetModel()
        self.plan = plan
        self.parser = parser
        self.include = [True] * len(plan.tasks)
        self.problems = [[] for _ in plan.tasks]
        self.endResetModel()

    def set_problems(self, problems: list[list[str]]) -> None:
        self.problems = problems
        if self.plan.tasks:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.plan.tasks) - 1, len(self.COLUMNS) - 1)
            )

    def reparse(self, parser: ParseContext) -> None:
        self.parser = parser
        reparse_all(self.plan, parser)
        if self.plan.tasks:
            first, last = self.COLUMNS.index("deadline"), self.COLUMNS.index("due")
            self.dataChanged.emit(self.index(0, first), self.index(len(self.plan.tasks) - 1, last))

    def selected_tasks(self) -> list[ExtractedTask]:
        return [t for t, keep in zip(self.plan.tasks, self.include, strict=True) if keep]

    # ----------------------------------------------------------------- model

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.plan.tasks)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.plan.tasks):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        col = self.COLUMNS[index.column()]
        if col == "include":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if col in ("text", "lead", "coordinators", "deadline"):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.plan.tasks):
            return None
        t = self.plan.tasks[index.row()]
        col = self.COLUMNS[index.column()]
        problems = self.problems[index.row()] if index.row() < len(self.problems) else []
        keep = self.include[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and col == "include":
            return Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._value(t, col, problems, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "problems" and problems:
                return "\n".join(f"• {p}" for p in problems)
            if col == "source":
                return place_tip(t)
            if col in ("text", "lead", "coordinators", "deadline", "due"):
                return self._value(t, col, problems, False) or None
        if role == Qt.ItemDataRole.BackgroundRole and keep and problems:
            return QBrush(BAD if self._serious(t, problems) else WARN)
        if role == Qt.ItemDataRole.ForegroundRole and not keep:
            return QBrush(SKIPPED)
        return None

    @staticmethod
    def _serious(t: ExtractedTask, problems: list[str]) -> bool:
        return not t.lead or (bool(t.deadline.raw) and t.deadline.kind == DeadlineKind.UNSPECIFIED)

    def _value(self, t: ExtractedTask, col: str, problems: list[str], edit: bool) -> Any:
        if col == "source":
            return place_text(t)
        if col == "text":
            return t.text
        if col == "lead":
            return t.lead or ""
        if col == "coordinators":
            return "; ".join(t.coordinators)
        if col == "deadline":
            return t.deadline.raw
        if col == "due":
            return due_text(t.deadline)
        if col == "problems":
            return "; ".join(problems)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = index.row()
        t = self.plan.tasks[row]
        col = self.COLUMNS[index.column()]
        if col == "include" and role == Qt.ItemDataRole.CheckStateRole:
            self.include[row] = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
            self.edited.emit(row)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = clean(str(value or ""))
        if col == "text":
            if not text:
                return False
            _drop_problems(t, t.text, ())
            t.text = text
        elif col == "lead":
            _drop_problems(t, t.lead, ("chủ trì",))
            t.lead = text or None
        elif col == "coordinators":
            _drop_problems(t, "; ".join(t.coordinators), ("phối hợp",))
            t.coordinators = split_units(str(value or ""))
        elif col == "deadline":
            _drop_problems(t, t.deadline.raw, ("thời hạn",))
            t.deadline = self.parser.parse(text) if self.parser and text else Deadline(raw=text)
        else:
            return False
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
        self.edited.emit(row)
        return True


def _drop_problems(t: ExtractedTask, old: str | None, words: tuple[str, ...]) -> None:
    """The importer's remarks about a value the user has just corrected no longer apply."""
    folded_old = fold(old or "")

    def stale(problem: str) -> bool:
        p = fold(problem)
        return (len(folded_old) > 2 and folded_old in p) or any(fold(w) in p for w in words)

    t.problems = [p for p in t.problems if not stale(p)]


class ProblemFilter(QSortFilterProxyModel):
    """Only the rows that need a look (a small list: a proxy is fine here)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.only_problems = False

    def set_only_problems(self, on: bool) -> None:
        self.only_problems = on
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.only_problems:
            return True
        model = self.sourceModel()
        return isinstance(model, TaskPreviewModel) and bool(model.problems[row])


class LeadDelegate(QStyledItemDelegate):
    """A text field completing department names (accents optional) for the lead unit."""

    def __init__(self, names: Callable[[], list[str]], parent=None) -> None:
        super().__init__(parent)
        self.names = names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        model = QStandardItemModel(editor)
        for name in sorted(set(self.names()), key=sort_key):
            item = QStandardItem(name)
            item.setData(fold(name), FOLDED_ROLE)
            model.appendRow(item)
        completer = FoldCompleter(editor)
        completer.setModel(model)
        editor.setCompleter(completer)
        return editor


@dataclass(slots=True)
class UnitRow:
    name: str  # as written in the file
    tasks: int
    matched: str | None  # the department it was recognised as (None: unknown)
    score: float
    choice: int | None  # department id, CREATE, or None (as recognised)


class UnitMapModel(HeaderedModel, QAbstractTableModel):
    """Unit names of the file that are unknown or only nearly matched, and the user's choice."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[UnitRow] = []
        self.departments: dict[int, str] = {}
        self._headers = [tr("Tên trong tệp"), tr("Số nhiệm vụ"), tr("Nhập thành")]

    def set_rows(self, rows: list[UnitRow], departments: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.departments = departments
        self.endResetModel()

    def unit_map(self) -> dict[str, int]:
        """name -> department id for every name the user mapped (CREATE names left out)."""
        return {r.name: r.choice for r in self.rows if r.choice is not None and r.choice >= 0}

    def created(self) -> list[str]:
        return [
            r.name for r in self.rows if r.choice == CREATE or (r.choice is None and not r.matched)
        ]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 3

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 2 else base

    def target_text(self, row: UnitRow) -> str:
        if row.choice is None and not row.matched:
            return tr("? Chưa chọn (sẽ thêm mới)")
        if row.choice == CREATE:
            return tr("+ Thêm mới vào danh mục")
        if row.choice is not None:
            return self.departments.get(row.choice, "?")
        return tr("≈ {name}", name=row.matched)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [r.name, str(r.tasks), self.target_text(r)][col]
        if role == Qt.ItemDataRole.EditRole:
            return r.choice
        if role == Qt.ItemDataRole.ToolTipRole and col == 2 and r.choice is None and r.matched:
            return tr("Tên gần giống ({score:.0%}); chọn lại nếu chưa đúng.", score=r.score)
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and col == 2
            and r.choice is None
            and not r.matched
        ):
            return QBrush(WARN)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 2 or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        if value is not None and value != CREATE and value not in self.departments:
            return False
        row.choice = value
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True


class UnitChoiceDelegate(QStyledItemDelegate):
    """Edits a unit's target with a department picker; its first item is "add as new"."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        source = model
        while isinstance(source, QSortFilterProxyModel):
            source = source.sourceModel()
        picker = DepartmentPicker(parent, empty=tr("+ Thêm mới vào danh mục"))
        if isinstance(source, UnitMapModel):
            picker.set_departments(list(source.departments.items()), keep=False)
        return picker

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        choice = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, DepartmentPicker):
            if choice is None or choice == CREATE:
                editor.setCurrentIndex(0)
            else:
                editor.set_current_id(choice)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, DepartmentPicker):
            chosen = editor.current_id()
            if chosen is None and editor.currentIndex() == 0:
                chosen = CREATE
            if chosen is not None:
                model.setData(index, chosen, Qt.ItemDataRole.EditRole)


def unit_rows(
    preview: ImportPreview, tasks: list[ExtractedTask], old: list[UnitRow]
) -> list[UnitRow]:
    """Names needing a decision: unknown or fuzzily matched; earlier choices are kept."""
    count: dict[str, int] = {}
    for t in tasks:
        for name in {n for n in [t.lead, *t.coordinators, *t.following] if n}:
            count[name] = count.get(name, 0) + 1
    previous = {r.name: r.choice for r in old}
    rows = []
    for name, res in preview.units.items():
        if res.known and res.score >= 1.0 and name not in previous:
            continue  # an exact name or alias: nothing to decide
        rows.append(UnitRow(name, count.get(name, 0), res.matched, res.score, previous.get(name)))
    rows.sort(key=lambda r: (r.matched is not None, sort_key(r.name)))
    return rows


def task_problems(preview: ImportPreview, index: int, choices: dict[str, int | None]) -> list[str]:
    """What the user should look at for one task; unknown units already decided on (mapped
    or to be added) are no longer a problem."""
    task = preview.plan.tasks[index]
    out = list(task.problems)
    said = fold(" ".join(out))
    # A unit the list lacks is decided once, on the units page; a row says so only when
    # the list is already in use and this unit stands out (not every row of a first import)
    unknown = sum(1 for r in preview.units.values() if not r.known)
    if unknown * 2 <= len(preview.units):
        for name in dict.fromkeys(n for n in [task.lead, *task.coordinators] if n):
            res = preview.units.get(name)
            if res is not None and not res.known and choices.get(name) is None:
                out.append(tr("Đơn vị chưa có trong danh mục: {name}", name=name))
    abolished = preview.abolished_units
    for name in dict.fromkeys(n for n in [task.lead, *task.coordinators] if n in abolished):
        out.append(tr("Tên đơn vị đã thay đổi: {what}", what=abolished[name]))
    dl = task.deadline
    if dl.raw and dl.kind == DeadlineKind.UNSPECIFIED and "thoi han" not in said:
        out.append(tr("Không hiểu thời hạn «{raw}»", raw=dl.raw))
    if not task.lead and "chu tri" not in said:
        out.append(tr("Chưa có đơn vị chủ trì"))
    if index in preview.duplicates:
        out.append(tr("Trùng với một nhiệm vụ đã có"))
    return out

"""Departments: the tree (drag to re-parent), renames, aliases, merging duplicates.

Reorganisations rename and merge units (the 2025 mergers of departments, the end of the
district level). A rename or merge keeps the old name as an alias dated with the day of
the change, so older plans still match and history still reads correctly. Edits,
moves and new aliases are undoable commands on the shared undo stack; merging and
deleting cannot be undone and are confirmed instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.contacts import email_problem
from app.core.units import unit_key
from app.db import ops
from app.db.changes import Change
from app.db.reads import departments
from app.db.reads.reminders import department_emails
from app.db.store import Database
from app.errors import DonDocError
from app.ui.departments.merge import MergeDialog
from app.ui.departments.model import ID_ROLE, AliasModel, DepartmentTreeModel, load_units
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.logs import show_error
from app.ui.kit.messages import error_message
from app.ui.kit.places import size_dialog
from app.ui.kit.undo import OpCommand
from app.ui.kit.widgets import (
    DepartmentPicker,
    button_box,
    confirm,
    date_edit,
    one_line_rows,
    to_date,
)


class DepartmentsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Danh mục đơn vị"))
        size_dialog(self, 1080, 640, ctx.qsettings, "departments/size")
        self.current_id: int | None = None
        self.creating = False
        self._loading = False

        # ---- left: search, tree, actions
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Tìm đơn vị (không cần dấu)…"))
        self.search.setClearButtonEnabled(True)
        self.model = DepartmentTreeModel(("name", "short", "total", "overdue"), self, movable=True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 2px 0; }")
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 90), (2, 70), (3, 70)):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            head.resizeSection(col, width)

        self.add_btn = QPushButton(tr("Thêm đơn vị"), self)
        self.merge_btn = QPushButton(tr("Gộp…"), self)
        self.merge_btn.setToolTip(tr("Gộp các đơn vị đã chọn (trùng nhau hoặc sáp nhập)"))
        self.delete_btn = QPushButton(tr("Xóa"), self)
        self.split_btn = QPushButton(tr("Chia tách…"), self)
        self.split_btn.setToolTip(tr("Chuyển nhiệm vụ của đơn vị đã chọn sang các đơn vị kế tục"))
        self.split_btn.clicked.connect(self.split_selected)
        self.old_names_btn = QPushButton(tr("Tên cũ 2025…"), self)
        self.old_names_btn.setToolTip(
            tr("Thêm tên các cơ quan trước sáp nhập năm 2025 làm tên gọi khác của đơn vị hiện nay")
        )
        self.old_names_btn.clicked.connect(self.offer_old_names)
        self.undo_btn = QToolButton(self)
        self.redo_btn = QToolButton(self)
        undo = ctx.undo_stack.createUndoAction(self, tr("Hoàn tác"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = ctx.undo_stack.createRedoAction(self, tr("Làm lại"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.undo_btn.setDefaultAction(undo)
        self.redo_btn.setDefaultAction(redo)
        actions = QHBoxLayout()
        for w in (
            self.add_btn,
            self.merge_btn,
            self.split_btn,
            self.delete_btn,
            self.old_names_btn,
        ):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(self.undo_btn)
        actions.addWidget(self.redo_btn)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.search)
        lv.addWidget(self.tree, 1)
        lv.addWidget(QLabel(tr("Kéo một đơn vị thả vào đơn vị khác để đổi cấp trên."), left))
        lv.addLayout(actions)

        # ---- right: the unit's details and aliases
        self.form_box = QGroupBox(tr("Thông tin đơn vị"), self)
        self.name_edit = QLineEdit(self.form_box)
        self.short_edit = QLineEdit(self.form_box)
        self.email_edit = QLineEdit(self.form_box)
        self.email_edit.setPlaceholderText("vanphong@tinh.gov.vn")
        self.parent_picker = DepartmentPicker(self.form_box, empty=tr("— (cấp cao nhất)"))
        self.active_check = QCheckBox(tr("Đang theo dõi"), self.form_box)
        self.specialist_edit = QLineEdit(self.form_box)
        self.specialist_edit.setPlaceholderText(
            tr("Họ tên chuyên viên theo dõi nhiệm vụ của đơn vị")
        )
        self.when_edit = date_edit(self.form_box, ctx.today())
        self.when_edit.setToolTip(
            tr("Tên cũ được giữ làm tên gọi khác, dùng đến ngày này (đổi tên, gộp).")
        )
        self.save_btn = QPushButton(tr("Lưu thay đổi"), self.form_box)
        self.form_error = QLabel(self.form_box)
        self.form_error.setStyleSheet("color:#c62828;")
        self.form_error.setWordWrap(True)
        form = QFormLayout(self.form_box)
        form.addRow(tr("Tên đơn vị:"), self.name_edit)
        form.addRow(tr("Tên viết tắt:"), self.short_edit)
        form.addRow(tr("Cấp trên:"), self.parent_picker)
        form.addRow(tr("Thư nhắc việc:"), self.email_edit)
        form.addRow("", self.active_check)
        form.addRow(tr("Chuyên viên theo dõi:"), self.specialist_edit)
        form.addRow(tr("Ngày thay đổi:"), self.when_edit)
        save_row = QHBoxLayout()
        save_row.addWidget(self.form_error, 1)
        save_row.addWidget(self.save_btn)
        form.addRow(save_row)

        self.alias_box = QGroupBox(tr("Tên gọi khác và tên cũ"), self)
        self.aliases = AliasModel(self)
        self.alias_view = QTableView(self.alias_box)
        self.alias_view.setModel(self.aliases)
        self.alias_view.verticalHeader().hide()
        one_line_rows(self.alias_view)
        self.alias_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.alias_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.alias_edit = QLineEdit(self.alias_box)
        self.alias_edit.setPlaceholderText(tr("ví dụ: Ban TG, BTGTU"))
        self.alias_add = QPushButton(tr("Thêm"), self.alias_box)
        self.alias_remove = QPushButton(tr("Bỏ tên đã chọn"), self.alias_box)
        row = QHBoxLayout()
        row.addWidget(self.alias_edit, 1)
        row.addWidget(self.alias_add)
        row.addWidget(self.alias_remove)
        av = QVBoxLayout(self.alias_box)
        av.addWidget(self.alias_view, 1)
        av.addLayout(row)

        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.form_box)
        rv.addWidget(self.alias_box, 1)

        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(button_box(self, close=True))
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        # ---- wiring
        self.search.textChanged.connect(self._search_changed)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.reparentRequested.connect(self.move_units)
        self.add_btn.clicked.connect(self.start_create)
        self.save_btn.clicked.connect(self.save)
        self.name_edit.returnPressed.connect(self.save)
        self.merge_btn.clicked.connect(self.merge_selected)
        self.delete_btn.clicked.connect(self.delete_selected)
        self.alias_add.clicked.connect(self.add_alias)
        self.alias_edit.returnPressed.connect(self.add_alias)
        self.alias_remove.clicked.connect(self.remove_alias)
        ctx.changed.connect(self._on_changed)
        self.reload()
        first = self.model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self._update_buttons()

    # ----------------------------------------------------------------- loading

    def reload(self) -> None:
        roots = load_units(self.ctx.db, self.ctx.today())
        self._refill(lambda: self.model.set_units(roots))

    def _search_changed(self, text: str) -> None:
        self._refill(lambda: self.model.set_search(text))

    def _refill(self, change_model: Callable[[], None]) -> None:
        """Change the model (a reset), then put back what was open, chosen and shown."""
        expanded = {i for i in self.model.units if self.tree.isExpanded(self.model.index_of(i))}
        selected = self.selected_ids()
        current = self.current_id
        self._loading = True
        try:
            change_model()
        finally:
            self._loading = False
        self.current_id = current
        if self.search.text().strip():
            self.tree.expandAll()
        else:
            for dept_id in expanded:
                self.tree.setExpanded(self.model.index_of(dept_id), True)
            if not expanded:
                self.tree.expandToDepth(0)
        # Every unit can be a parent, also those hidden by the search.
        self.parent_picker.set_departments(
            [(i, n.name) for i, n in self.model.units.items()], keep=False
        )
        self._select(selected or ([self.current_id] if self.current_id else []))
        self.show_unit(self.current_id if self.current_id in self.model.units else None)

    def _select(self, ids: list[int]) -> None:
        sel = self.tree.selectionModel()
        sel.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for dept_id in ids:
            index = self.model.index_of(dept_id)
            if index.isValid():
                sel.select(index, flags)
        if ids and self.model.index_of(ids[0]).isValid():
            sel.setCurrentIndex(
                self.model.index_of(ids[0]), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.tree.scrollTo(self.model.index_of(ids[0]))

    def selected_ids(self) -> list[int]:
        rows = self.tree.selectionModel().selectedRows(0)
        return [r.data(ID_ROLE) for r in rows]

    def _on_changed(self, change: Change) -> None:
        if change.departments or change.tasks:
            self.reload()

    def _current_changed(self, current, _previous) -> None:
        if self._loading:
            return
        node = self.model.node(current)
        self.show_unit(node.id if node else None)

    def _update_buttons(self) -> None:
        n = len(self.selected_ids())
        self.merge_btn.setEnabled(n >= 1)
        self.delete_btn.setEnabled(n == 1)

    def show_unit(self, dept_id: int | None) -> None:
        self.creating = False
        self.current_id = dept_id
        node = self.model.units.get(dept_id) if dept_id is not None else None
        self.form_box.setTitle(tr("Thông tin đơn vị"))
        self.save_btn.setText(tr("Lưu thay đổi"))
        self.form_error.clear()
        for w in (self.form_box, self.alias_box):
            w.setEnabled(node is not None)
        self.name_edit.setText(node.name if node else "")
        self.short_edit.setText(node.short_name if node else "")
        self.parent_picker.set_current_id(node.parent_id if node else None)
        self.active_check.setChecked(node.active if node else True)
        dept_id = node.id if node else None
        self.email_edit.setText(
            department_emails(self.ctx.db).get(dept_id, "") if dept_id is not None else ""
        )
        info = departments.department(self.ctx.db, dept_id) if dept_id is not None else None
        self.specialist_edit.setText(info.specialist if info else "")
        self.aliases.set_items(
            departments.aliases(self.ctx.db, dept_id) if dept_id is not None else []
        )

    # ----------------------------------------------------------------- editing

    def start_create(self) -> None:
        """Switch the form to a new unit placed under the selected one."""
        parent = self.current_id
        self.show_unit(None)
        self.creating = True
        self.form_box.setEnabled(True)
        self.form_box.setTitle(tr("Đơn vị mới"))
        self.save_btn.setText(tr("Thêm"))
        self.parent_picker.set_current_id(parent)
        self.name_edit.setFocus()

    def _form_values(self) -> dict | None:
        name = self.name_edit.text().strip()
        if not name:
            self.form_error.setText(tr("Hãy nhập tên đơn vị."))
            return None
        parent_text = self.parent_picker.currentText().strip()
        parent_id = self.parent_picker.current_id()
        if parent_text and parent_id is None and self.parent_picker.currentIndex() != 0:
            self.form_error.setText(
                tr("Không có đơn vị «{name}» để làm cấp trên.", name=parent_text)
            )
            return None
        same = departments.find_department(self.ctx.db, name)
        if (
            same is not None
            and same.id != self.current_id
            and unit_key(same.name) == unit_key(name)
        ):
            self.form_error.setText(tr("Đã có đơn vị «{name}».", name=same.name))
            return None
        return {
            "name": name,
            "short_name": self.short_edit.text().strip(),
            "parent_id": parent_id,
            "active": self.active_check.isChecked(),
        }

    def _save_email(self, dept_id: int) -> bool:
        """The unit's reminder address, one undoable step; False when it is not valid."""
        new = self.email_edit.text().strip()
        old = department_emails(self.ctx.db).get(dept_id, "")
        if new == old:
            return True
        problem = email_problem(new)
        if problem:
            self.form_error.setText(problem)
            return False
        self.ctx.push(
            OpCommand(
                self.ctx,
                tr("Địa chỉ thư nhắc việc"),
                lambda db: ops.set_department_email(db, dept_id, new),
                lambda db: ops.set_department_email(db, dept_id, old),
                self,
            )
        )
        return True

    def save(self) -> None:
        values = self._form_values()
        if values is None:
            return
        self.form_error.clear()
        specialist = self.specialist_edit.text().strip()
        if self.creating:
            try:
                new_id = self.ctx.apply(
                    ops.create_department,
                    values["name"],
                    parent_id=values["parent_id"],
                    short_name=values["short_name"],
                ).new_id
            except DonDocError as ex:
                self.form_error.setText(error_message(ex))
                return
            self.current_id = new_id
            self._save_email(new_id)
            if specialist:
                self.ctx.apply(ops.set_unit_specialist, new_id, specialist)
            self._select([new_id])
            self.status.setText(tr("Đã thêm đơn vị {name}.", name=values["name"]))
            return
        node = self.model.units.get(self.current_id) if self.current_id is not None else None
        if node is None:
            return
        if node.id is None:  # the "all units" row is not a unit
            return
        dept_id = node.id
        old_name, old_short, old_parent, old_active = (
            node.name,
            node.short_name,
            node.parent_id,
            node.active,
        )
        old = {
            "name": old_name,
            "short_name": old_short,
            "parent_id": old_parent,
            "active": old_active,
        }
        self._save_specialist(node.id, specialist)
        if not self._save_email(node.id) or old == values:
            return
        when = to_date(self.when_edit.date()) or self.ctx.today()
        text = (
            tr("Đổi tên «{old}» thành «{new}»", old=old["name"], new=values["name"])
            if old["name"] != values["name"]
            else tr("Sửa đơn vị {name}", name=values["name"])
        )
        self.ctx.push(
            OpCommand(
                self.ctx,
                text,
                lambda db: ops.update_department(db, dept_id, **values, when=when),
                lambda db: ops.undo_department_edit(
                    db,
                    dept_id,
                    name=old_name,
                    short_name=old_short,
                    parent_id=old_parent,
                    active=old_active,
                    when=when,
                ),
                self,
            )
        )
        self.status.setText(text)

    def _save_specialist(self, dept_id: int, name: str) -> None:
        """The unit's follow-up specialist, as its own undoable command."""
        info = departments.department(self.ctx.db, dept_id)
        old = info.specialist if info else ""
        if old == name:
            return
        text = tr("Chuyên viên theo dõi: {name}", name=name or "—")
        self.ctx.push(
            OpCommand(
                self.ctx,
                text,
                lambda db: ops.set_unit_specialist(db, dept_id, name),
                lambda db: ops.set_unit_specialist(db, dept_id, old),
                self,
            )
        )
        self.status.setText(text)

    def move_units(self, ids: list[int], parent_id: int | None) -> None:
        """Re-parent units (a drop on the tree) as one undoable command."""
        olds = {i: self.model.units[i].parent_id for i in ids if i in self.model.units}
        if not olds:
            return
        news = dict.fromkeys(olds, parent_id)

        target = self.model.units.get(parent_id) if parent_id is not None else None
        where = target.name if target else tr("cấp cao nhất")
        text = tr("Chuyển {n} đơn vị vào {where}", n=len(olds), where=where)
        self.ctx.push(
            OpCommand(
                self.ctx,
                text,
                lambda db: ops.move_departments(db, news),
                lambda db: ops.move_departments(db, olds),
                self,
            )
        )
        if parent_id is not None:
            self.tree.setExpanded(self.model.index_of(parent_id), True)
        self.status.setText(text)

    def offer_old_names(self, ask=None) -> None:
        from app.ui.departments.institutions import offer_old_names

        said = offer_old_names(self, self.ctx, ask) if ask else offer_old_names(self, self.ctx)
        if said:
            self.status.setText(said)

    def add_alias(self) -> None:
        alias = self.alias_edit.text().strip()
        dept_id = self.current_id
        if not alias or dept_id is None:
            return
        try:
            created = self.ctx.apply(ops.add_alias, dept_id, alias)
        except DonDocError as ex:
            show_error(self, ex)
            return
        self.alias_edit.clear()
        if created.id is None:
            return  # the unit had that name already: nothing to undo
        added = [created.id]

        def redo(db: Database) -> ops.Created:
            again = ops.add_alias(db, dept_id, alias)
            added[0] = again.new_id
            return again

        self.ctx.push(
            OpCommand(
                self.ctx,
                tr("Thêm tên gọi khác «{a}»", a=alias),
                redo,
                lambda db: ops.remove_alias(db, added[0]),
                self,
                done=True,
            )
        )

    def remove_alias(self) -> None:
        rows = self.alias_view.selectionModel().selectedRows()
        if not rows:
            return
        info = self.aliases.items[rows[0].row()]
        if not confirm(
            self,
            tr("Bỏ tên gọi khác"),
            tr(
                "Bỏ tên «{a}»? Các kế hoạch cũ dùng tên này sẽ không còn tự nhận ra đơn vị.",
                a=info.alias,
            ),
            tr("Bỏ"),
        ):
            return
        try:
            self.ctx.apply(ops.remove_alias, info.id)
        except DonDocError as ex:
            self.form_error.setText(error_message(ex))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        node = self.model.units[ids[0]]
        if node.total:
            self.status.setText(
                tr(
                    "Đơn vị «{name}» còn {n} nhiệm vụ: hãy gộp vào đơn vị khác hoặc bỏ chọn "
                    "«Đang theo dõi».",
                    name=node.name,
                    n=node.total,
                )
            )
            return
        if not confirm(
            self, tr("Xóa đơn vị"), tr("Xóa đơn vị «{name}»?", name=node.name), tr("Xóa")
        ):
            return
        try:
            self.ctx.apply(ops.delete_department, node.id)
        except DonDocError as ex:
            self.status.setText(error_message(ex))
            return
        self.current_id = None
        self.reload()
        self.status.setText(tr("Đã xóa đơn vị {name}.", name=node.name))

    def split_selected(self, choose=None) -> None:
        """Chia tách: `choose(dialog)` fills the choices instead of the user (tests)."""
        from app.ui.departments.split import SplitDialog, split_unit

        ids = self.selected_ids()
        if len(ids) != 1:
            self.status.setText(tr("Chọn một đơn vị để chia tách."))
            return
        dlg = SplitDialog(self.ctx, ids[0], self)
        if choose is not None:
            choose(dlg)
        elif dlg.exec() != QDialog.DialogCode.Accepted:
            return
        if not dlg.choices():
            return
        self.status.setText(split_unit(self.ctx, ids[0], dlg.choices(), self))
        self.reload()

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        units = dict(self.model.units)
        dlg = MergeDialog(self.ctx, units, ids, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        target = dlg.target_id()
        if target is None:  # the dialog accepts only with a unit chosen
            return
        self.merge(dlg.sources(), target, dlg.when())

    def merge(self, sources: list[int], target: int, when: date) -> None:
        try:
            change = self.ctx.apply(ops.merge_departments, sources, target, when=when, backup=True)
        except DonDocError as ex:
            self.status.setText(error_message(ex))
            return
        self.current_id = target
        self.reload()
        self._select([target])
        self.status.setText(change.summary)

"""The task table: lazy model, SQL sorting/filtering, search, columns, department tree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_sample import TASKS, TODAY, UNITS, make_ctx, seed

from app.core.status import Status
from app.db.reads.departments import find_department
from app.db.reads.filters import SortKey, TaskFilter
from app.db.reads.tasks import count_tasks, task_ids
from app.ui.departments.model import ID_ROLE
from app.ui.departments.tree import DepartmentTree
from app.ui.table.filter_bar import FilterBar
from app.ui.table.model import BLOCK, COLUMNS, TaskIdRole, TaskTableModel, column_of
from app.ui.table.view import TaskTableView, elide_lines


def texts(model: TaskTableModel) -> list[str]:
    col = column_of("text")
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_model_passes_qt_model_checks(qtmodeltester, db, tmp_path):
    seed(db)
    model = TaskTableModel(make_ctx(db, tmp_path))
    model.search()
    assert model.rowCount() == len(TASKS)
    qtmodeltester.check(model)


def test_rows_show_units_dates_and_status(qapp, db, tmp_path):
    seed(db)
    model = TaskTableModel(make_ctx(db, tmp_path))
    model.search()
    row = texts(model).index(TASKS[0][0])
    cell = {c.key: model.index(row, i).data() for i, c in enumerate(COLUMNS)}
    assert cell["lead"] == UNITS[0]
    assert cell["coordinators"] == UNITS[2]
    assert cell["due"] == "20/04/2023"  # dd/mm/yyyy
    assert cell["status"] == "Quá hạn"
    assert model.index(row, 0).data(TaskIdRole) == model.ids[row]
    icon = model.index(row, column_of("status")).data(Qt.ItemDataRole.DecorationRole)
    assert not icon.isNull()
    tip = model.index(row, column_of("text")).data(Qt.ItemDataRole.ToolTipRole)
    assert TASKS[0][0] in tip


def test_due_sort_puts_tasks_without_a_date_last(qapp, db, tmp_path):
    seed(db)
    model = TaskTableModel(make_ctx(db, tmp_path))
    for descending in (False, True):
        model.set_sort(SortKey.DUE, descending)
        dues = [model.row_data(r).due for r in range(model.rowCount())]
        dated = [d for d in dues if d is not None]
        assert dues[: len(dated)] == sorted(dated, reverse=descending)
        assert all(d is None for d in dues[len(dated) :]) and len(dated) < len(dues)


def test_rows_are_fetched_lazily_in_blocks(db, tmp_path, qtbot):
    seed(db, extra=3000)
    ctx = make_ctx(db, tmp_path)
    model = TaskTableModel(ctx)
    view = TaskTableView(ctx, model)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == 3000 + len(TASKS)
    qtbot.waitUntil(lambda: model.cached_rows > 0)  # painted rows were fetched
    assert 0 < model.cached_rows <= 2 * BLOCK  # only what is on screen, not 3,000 rows
    view.scrollToBottom()
    qtbot.wait(10)
    model.index(model.rowCount() - 1, 1).data()
    assert model.cached_rows <= 4 * BLOCK


def test_header_click_sorts_in_the_database(db, tmp_path, qtbot):
    seed(db)
    ctx = make_ctx(db, tmp_path)
    model = TaskTableModel(ctx)
    view = TaskTableView(ctx, model)
    qtbot.addWidget(view)
    view.sortByColumn(column_of("lead"), Qt.SortOrder.AscendingOrder)
    assert model.sort_key == (SortKey.LEAD, False)
    leads = [model.row_data(r).lead for r in range(model.rowCount())]
    from app.core.text import sort_key

    assert leads == sorted(leads, key=sort_key)  # Vietnamese order: "Ủy" after "Văn"? no: U < V
    view.sortByColumn(column_of("coordinators"), Qt.SortOrder.AscendingOrder)
    assert model.sort_key == (SortKey.LEAD, False)  # not sortable: order kept


def test_hidden_column_is_remembered(db, tmp_path, qtbot):
    seed(db)
    ctx = make_ctx(db, tmp_path)
    model = TaskTableModel(ctx)
    view = TaskTableView(ctx, model)
    qtbot.addWidget(view)
    menu = view.column_menu(view)
    deadline = next(a for a in menu.actions() if a.text() == "Thời hạn")
    assert deadline.isChecked()
    deadline.trigger()  # the header's context menu: hide "Thời hạn"
    assert not view.is_column_visible("deadline")
    view.horizontalHeader().moveSection(view.horizontalHeader().visualIndex(column_of("due")), 1)
    again = TaskTableView(ctx, TaskTableModel(ctx))
    qtbot.addWidget(again)
    assert not again.is_column_visible("deadline")
    assert again.horizontalHeader().visualIndex(column_of("due")) == 1
    again.reset_columns()
    assert again.is_column_visible("deadline")


def test_search_quy_finds_quy_with_accents(db, tmp_path, qtbot):
    seed(db)
    ctx = make_ctx(db, tmp_path)
    model = TaskTableModel(ctx)
    bar = FilterBar(ctx)
    qtbot.addWidget(bar)
    bar.filterChanged.connect(lambda: model.set_filter(bar.current_filter(TODAY, 7)))
    with qtbot.waitSignal(bar.filterChanged, timeout=2000):
        qtbot.keyClicks(bar.search, "quy")  # debounced: one query after typing stops
    found = texts(model)
    assert "Báo cáo sơ kết Quý I việc thực hiện Kế hoạch" in found
    assert "Đẩy mạnh tuyên truyền về Quỹ vì người nghèo trong Khối" in found
    from app.core.text import fold

    assert set(found) == {t[0] for t in TASKS if "quy" in fold(t[0])}  # also "quy chế"
    bar.search.clear()
    with qtbot.waitSignal(bar.filterChanged, timeout=2000):
        qtbot.keyClicks(bar.search, "van phong")  # unit names are searched too
    assert texts(model) and all(
        UNITS[2] in (model.row_data(r).lead, *model.row_data(r).coordinators)
        for r in range(model.rowCount())
    )


def test_status_and_period_filters(db, tmp_path, qtbot):
    seed(db)
    ctx = make_ctx(db, tmp_path)
    model = TaskTableModel(ctx)
    bar = FilterBar(ctx)
    qtbot.addWidget(bar)
    bar.filterChanged.connect(lambda: model.set_filter(bar.current_filter(TODAY, 7)))
    bar.status.setCurrentIndex(bar.status.findText("Quá hạn"))
    assert [model.row_data(r).status for r in range(model.rowCount())] == [Status.OVERDUE]
    bar.status.setCurrentIndex(bar.status.findText("Đã hoàn thành"))
    assert {model.row_data(r).status for r in range(model.rowCount())} == {
        Status.DONE_ON_TIME,
        Status.DONE_LATE,
    }
    bar.reset()
    bar.period.setCurrentIndex(bar.period.findText("Không có hạn"))
    assert model.rowCount() == 2 and all(
        model.row_data(r).due is None for r in range(model.rowCount())
    )
    bar.period.setCurrentIndex(bar.period.findText("Tuần này"))
    assert texts(model) == ["Báo cáo sơ kết Quý I việc thực hiện Kế hoạch"]


def test_department_tree_counts_and_click_filters_with_children(db, tmp_path, qtbot, qtmodeltester):
    seed(db)
    ctx = make_ctx(db, tmp_path)
    tree = DepartmentTree(ctx)
    qtbot.addWidget(tree)
    qtbot.waitUntil(lambda: tree.model.rowCount() > 0)  # loaded after the window appears
    qtmodeltester.check(tree.model)
    model = TaskTableModel(ctx)
    bar = FilterBar(ctx)
    qtbot.addWidget(bar)
    tree.departmentSelected.connect(lambda d: bar.set_department(d, tree.department_name(d)))
    bar.filterChanged.connect(lambda: model.set_filter(bar.current_filter(TODAY, 7)))
    tree.show()
    qtbot.waitExposed(tree)

    root = tree.model.index(0, 0)
    assert root.data() == "Tất cả đơn vị"
    assert tree.model.index(0, 1).data() == "6"  # open tasks of the whole list
    parent = next(
        tree.model.index(r, 0, root)
        for r in range(tree.model.rowCount(root))
        if tree.model.index(r, 0, root).data() == "Đảng ủy Khối các cơ quan tỉnh"
    )
    from app.ui.table.filter_bar import OPEN_STATUSES

    flt = TaskFilter(department_id=parent.data(ID_ROLE), today=TODAY)
    expected = count_tasks(db, TaskFilter(**{**_fields(flt), "statuses": OPEN_STATUSES}))
    # A task led by one child unit and coordinated by the other counts once.
    assert tree.model.index(parent.row(), 1, root).data() == str(expected)
    tree.view.expandAll()
    rect = tree.view.visualRect(parent)
    qtbot.mouseClick(tree.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tree.selected_id() == parent.data(ID_ROLE)
    ids = {find_department(db, n).id for n in UNITS[:2]}
    shown = [model.row_data(r) for r in range(model.rowCount())]
    assert shown and all(r.lead_id in ids or set(r.coordinators) & set(UNITS[:2]) for r in shown)
    assert model.rowCount() == count_tasks(db, model.task_filter)
    bar.dept_chip.click()  # the chip clears the unit filter
    assert model.rowCount() == len(TASKS)

    tree.search.setText("kiem tra")  # accent-insensitive unit filter
    names = []
    for r in range(tree.model.rowCount(root)):
        names.append(tree.model.index(r, 0, root).data())
    assert names == [UNITS[3]]
    qtmodeltester.check(tree.model)  # filtered: the same model, fewer rows


def _fields(flt):
    return {name: getattr(flt, name) for name in TaskFilter.__slots__}


def test_elide_lines_wraps_and_ends_with_ellipsis(qtbot):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    fm = label.fontMetrics()
    text = " ".join(["Tổ chức hội nghị quán triệt Kết luận"] * 8)
    out = elide_lines(text, fm, 200, 2)
    lines = out.split("\u2028")
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(fm.horizontalAdvance(line) <= 200 for line in lines)
    assert elide_lines("ngắn", fm, 200, 2) == "ngắn"


def test_department_tree_recounts_in_the_background_and_keeps_branches_open(db, tmp_path, qtbot):
    from app.db import ops
    from app.ui.table.filter_bar import OPEN_STATUSES

    seed(db)
    ctx = make_ctx(db, tmp_path)
    tree = DepartmentTree(ctx)
    qtbot.addWidget(tree)
    qtbot.waitUntil(lambda: tree.model.rowCount() > 0)
    root = tree.model.index(0, 0)
    branch = next(
        tree.model.index(r, 0, root)
        for r in range(tree.model.rowCount(root))
        if tree.model.rowCount(tree.model.index(r, 0, root))
    )
    dept_id = branch.data(ID_ROLE)
    tree.view.expand(branch)
    tree.view.collapse(root)  # the user closed "all units": it stays closed
    before = int(tree.model.index(0, 1).data())
    task_id = task_ids(db, TaskFilter(statuses=OPEN_STATUSES, today=TODAY))[0]
    ctx.apply(ops.set_completion, [task_id], TODAY)
    assert tree.model.index(0, 1).data() == str(before)  # recounted after a short pause
    qtbot.waitUntil(lambda: tree.model.index(0, 1).data() == str(before - 1), timeout=5000)
    again = tree.model.index_of(dept_id)
    assert not tree.view.isExpanded(tree.model.index(0, 0))
    tree.view.expand(tree.model.index(0, 0))
    assert tree.view.isExpanded(again)

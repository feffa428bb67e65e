"""The departments dialog's step for the 2025 changes: old names offered as aliases.

A database set up after the 2025 mergers lists today's units; plans signed before name
the old ones. Offering the old names (each valid until the day before the merger) lets
those plans match their unit on import, in one undoable action.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.db import ops
from app.db.reads.institutions import offered_aliases
from app.db.store import Database
from app.errors import DonDocError
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr
from app.ui.kit.logs import show_error
from app.ui.kit.undo import OpCommand
from app.ui.kit.widgets import confirm

Ask = Callable[[QWidget | None, str, str, str], bool]


def offer_old_names(parent: QWidget | None, ctx: AppContext, ask: Ask = confirm) -> str:
    """Ask, then add the 2025 old names as dated aliases; returns what happened."""
    offers = offered_aliases(ctx.db)
    if not offers:
        return tr("Không có đơn vị nào được hình thành từ các cơ quan sáp nhập năm 2025.")
    lines = "\n".join(
        f"• {o.department} ← {o.alias} ({tr('đến')} {o.valid_until:%d/%m/%Y})" for o in offers
    )
    text = tr(
        "Thêm các tên cũ sau làm tên gọi khác, để kế hoạch ký trước khi sáp nhập vẫn nhận ra "
        "đơn vị?\n\n{lines}",
        lines=lines,
    )
    if not ask(parent, tr("Tên cũ trước sáp nhập 2025"), text, tr("Thêm")):
        return ""
    triples = [(o.department_id, o.alias, o.valid_until) for o in offers]
    try:
        result = ctx.apply(ops.add_dated_aliases, triples)
    except DonDocError as ex:
        show_error(parent, ex)
        return ""
    added = [result.ids]

    def redo(db: Database) -> ops.AliasesAdded:
        again = ops.add_dated_aliases(db, triples)
        added[0] = again.ids
        return again

    ctx.push(
        OpCommand(
            ctx,
            tr("Thêm {n} tên cũ trước sáp nhập 2025", n=len(result.ids)),
            redo,
            lambda db: ops.remove_aliases(db, added[0]),
            parent,
            done=True,
        )
    )
    return tr("Đã thêm {n} tên cũ.", n=len(result.ids))

"""Who uses this PC: the specialist (chuyên viên theo dõi) whose tasks "Việc tôi theo dõi"
shows and the start-up notice lists first. Chosen once per PC and kept in the PC's own
settings (QSettings), never in the shared database: each PC has its own user."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from app.core.text import clean
from app.db.reads.follow_up import specialists
from app.ui.kit.context import AppContext
from app.ui.kit.i18n import tr

ME_KEY = "follow_up/me"


def current_specialist(ctx: AppContext) -> str:
    value = ctx.qsettings.value(ME_KEY, "")
    return clean(value) if isinstance(value, str) else ""


def set_current_specialist(ctx: AppContext, name: str) -> None:
    ctx.qsettings.setValue(ME_KEY, clean(name))


def choose_specialist(ctx: AppContext, parent: QWidget | None) -> str | None:
    """Ask who uses this PC (the names already given to units and tasks are offered);
    None when cancelled, "" to choose nobody."""
    names = specialists(ctx.db)
    mine = current_specialist(ctx)
    if mine and mine not in names:
        names.insert(0, mine)
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(tr("Chuyên viên dùng máy này"))
    dialog.setLabelText(
        tr("Họ tên chuyên viên theo dõi dùng máy tính này (lưu riêng trên máy này):")
    )
    dialog.setComboBoxItems(names or [""])
    dialog.setComboBoxEditable(True)
    dialog.setTextValue(mine)
    dialog.setOkButtonText(tr("Lưu"))
    dialog.setCancelButtonText(tr("Hủy"))
    if not dialog.exec():
        return None
    name = clean(dialog.textValue())
    set_current_specialist(ctx, name)
    return name

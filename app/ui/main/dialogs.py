"""The parts of the app the menus open, each imported when it is first opened.

Imported at start, they would load the importers, the exporters and their file-format
libraries (openpyxl, python-docx, the PDF readers) before the window shows; a test
checks the start loads none of them. So each opener imports its dialog when called:
these are the deliberate imports inside functions of the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QWidget

from app.ui.kit.context import AppContext

if TYPE_CHECKING:
    from app.ui.editor.dialog import TaskEditor


def import_wizard(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.import_wizard.wizard import ImportWizard  # on first use (module doc)

    return ImportWizard(ctx, parent, **kw)


def weekly_print(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.dialogs.printing import WeeklyPrintDialog  # on first use (module doc)

    return WeeklyPrintDialog(ctx, parent, **kw)


def report(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.dialogs.printing import ReportDialog  # on first use (module doc)

    return ReportDialog(ctx, parent, **kw)


def restore(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.dialogs.restore import RestoreDialog  # on first use (module doc)

    return RestoreDialog(ctx, parent, **kw)


def urge(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.urging.letters import UrgeDialog  # on first use (module doc)

    return UrgeDialog(ctx, parent, **kw)


def request(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.urging.letters import RequestDialog  # on first use (module doc)

    return RequestDialog(ctx, parent, **kw)


def collect(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.urging.collect import CollectDialog  # on first use (module doc)

    return CollectDialog(ctx, parent, **kw)


def track(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.urging.requests import RequestsDialog  # on first use (module doc)

    return RequestsDialog(ctx, parent, **kw)


def departments(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.departments.dialog import DepartmentsDialog  # on first use (module doc)

    return DepartmentsDialog(ctx, parent, **kw)


def days_off(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.calendar.days_dialog import CalendarDaysDialog  # on first use (module doc)

    return CalendarDaysDialog(ctx, parent, **kw)


def audit(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.dialogs.audit import AuditDialog  # on first use (module doc)

    return AuditDialog(ctx, parent, **kw)


def settings(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.dialogs.settings import SettingsDialog  # on first use (module doc)

    return SettingsDialog(ctx, parent, **kw)


def office(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.dialogs.office import OfficeDialog  # on first use (module doc)

    return OfficeDialog(ctx, parent, **kw)


def office_missing(ctx: AppContext) -> tuple[str, ...]:
    """The facts of the office's identity a signed document needs and nobody gave yet."""
    from app.ui.dialogs.office import office_missing  # on first use (module doc)

    return office_missing(ctx)


def mail_settings(ctx: AppContext, parent: QWidget, **kw: Any) -> QDialog:
    from app.ui.dialogs.mail import MailSettingsDialog  # on first use (module doc)

    return MailSettingsDialog(ctx, parent, **kw)


def task_editor(ctx: AppContext, parent: QWidget, **kw: Any) -> TaskEditor:
    from app.ui.editor.dialog import TaskEditor  # on first use: it loads the deadline engine

    return TaskEditor(ctx, parent, **kw)


def export_ics(ctx: AppContext, parent: QWidget) -> None:
    """Ask where, then write the calendar file (no dialog of its own)."""
    from app.ui.dialogs.printing import export_ics  # on first use (module doc)

    export_ics(ctx, parent)

"""The app's own exceptions: errors a user can cause, each with a readable message.

The UI shows them in a dialog and the CLI prints them on stderr with a non-zero exit;
anything else is a programming error and is logged with its traceback.
"""

from __future__ import annotations

from pathlib import Path


class DonDocError(Exception):
    """Base of every error a user can cause; `str()` is the message to show."""

    exit_code = 1


class FileImportError(DonDocError):
    """A file cannot be read or understood; names the file and, when known, sheet and row."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        sheet: str | None = None,
        row: int | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.sheet = sheet
        self.row = row
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.path is not None:
            where.append(str(self.path.name))
        if self.sheet:
            where.append(f"sheet «{self.sheet}»")
        if self.row is not None:
            where.append(f"dòng {self.row}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class RowImportError(FileImportError):
    """One row of a table is wrong; several are gathered into an ImportValidationError."""


class HeaderNotFoundError(FileImportError):
    """No header row of a task list where one was looked for; `found` is the 1-based row
    where a header really is (when the user named another row), so the window can offer
    to choose the row and the command line can name its option."""

    def __init__(self, message: str, *, found: int | None = None, **where) -> None:
        self.found = found
        super().__init__(message, **where)


class ImportLimitError(FileImportError):
    """The file is larger than the import limits allow (size, rows, length of a cell)."""


class UnsafeFileError(FileImportError):
    """The file is built to harm the reader (zip bomb, XML entities): refused unread."""


class UnreadableFileError(FileImportError):
    """A reader failed on a damaged file in a way no importer foresaw.

    `internal` marks the last-resort conversion of an unexpected exception, so tests can
    tell a foreseen refusal from a bug that was merely kept away from the user.
    """

    internal = True


class ImportValidationError(FileImportError):
    """Every problem of a file at once, so the user can fix it in one pass."""

    def __init__(self, problems: list[FileImportError], *, path: str | Path | None = None):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} lỗi cần sửa trong tệp:\n{lines}", path=path)


class ImportCancelled(DonDocError):
    """The user pressed Cancel; nothing was written."""


class DuplicateImportError(DonDocError):
    """The same file (same SHA-256) was imported before."""


class DatabaseError(DonDocError):
    """The database file cannot be used (unreadable, locked, damaged or newer).

    `reason` lets the UI react (e.g. offer the latest good backup when "damaged"):
    damaged, locked, busy, newer, foreign, readonly, unreadable, disk_full, io, server,
    exists (a file we would overwrite).
    """

    exit_code = 3

    def __init__(self, message: str, *, path: str | Path | None = None, reason: str = ""):
        self.path = Path(path) if path is not None and "://" not in str(path) else None
        self.reason = reason
        super().__init__(message)


class ConflictError(DonDocError):
    """Someone else saved the same task since it was loaded (optimistic locking)."""

    def __init__(self, message: str, *, mine: dict | None = None, theirs: dict | None = None):
        self.mine = mine or {}
        self.theirs = theirs or {}
        super().__init__(message)


class ValidationError(DonDocError):
    """A value entered by the user is not acceptable; `field` names the input."""

    def __init__(self, message: str, *, field: str | None = None):
        self.field = field
        super().__init__(message)


class NotFoundError(DonDocError):
    """A task, department or plan named by the user does not exist."""

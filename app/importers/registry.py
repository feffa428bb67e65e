"""Pick the importer that can read a file and run it, within the import limits.

Every file is read once into a private copy that passes `safety.check_file` (size, zip
bombs, XML entities, rows and cell lengths) and is the file the importer reads
(`safety.copy.checked_copy`); what the importer found passes `safety.check_plan`. Importers raise
FileImportError for what they foresee; anything else is converted here (and logged).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from app.errors import DonDocError, FileImportError, ImportLimitError, UnreadableFileError
from app.importers.base import ExtractOptions, Importer, ProgressCallback
from app.importers.model import ExtractedPlan, file_sha256
from app.importers.safety.checks import check_plan
from app.importers.safety.copy import checked_copy

log = logging.getLogger(__name__)
T = TypeVar("T")


def _candidates() -> Iterator[Importer]:
    """Importers, most specific first, each imported only when the previous one declined."""
    from app.importers.tables.importer import ExcelImporter  # only when needed (docstring)

    yield ExcelImporter()
    from app.importers.plans.importer import DocumentImporter  # only when needed (docstring)

    yield DocumentImporter()


def importers() -> list[Importer]:
    """Every importer, most specific first (imported lazily: start-up stays light)."""
    return list(_candidates())


def _guarded(path: Path, work: Callable[[], T]) -> T:
    """Run an importer step; an exception nobody foresaw becomes a readable refusal.

    Our own errors pass unchanged. Anything else is logged with its traceback (a bug to
    fix) and reported as an UnreadableFileError, never as a traceback to the user.
    """
    try:
        return work()
    except DonDocError:
        raise
    except MemoryError as ex:
        raise ImportLimitError(
            "tệp cần quá nhiều bộ nhớ để đọc (quá lớn hoặc có cấu trúc bất thường) (out of memory)",
            path=path,
        ) from ex
    except RecursionError as ex:
        raise UnreadableFileError(
            "tệp có cấu trúc lồng nhau quá sâu, không đọc được (nesting too deep)", path=path
        ) from ex
    except Exception as ex:
        log.exception("importer failed on %s", path)
        raise UnreadableFileError(
            f"tệp bị hỏng hoặc có cấu trúc lạ, không đọc được ({type(ex).__name__}: "
            f"{str(ex)[:200]}) (unreadable file)",
            path=path,
        ) from ex


def extract_file(
    path: str | Path,
    options: ExtractOptions | None = None,
    progress: ProgressCallback | None = None,
) -> ExtractedPlan:
    """Extract a plan from any supported file; FileImportError says why it cannot."""
    options = options or ExtractOptions()
    with checked_copy(path, options.limits) as copy:
        return extract_checked(copy, options, progress)


def extract_checked(
    path: Path,
    options: ExtractOptions,
    progress: ProgressCallback | None = None,
) -> ExtractedPlan:
    """Extract from a file that already passed the checks (a `checked_copy`)."""
    for importer in _candidates():
        if _guarded(path, lambda imp=importer: imp.identify(path)):
            plan = _guarded(path, lambda imp=importer: imp.extract(path, options, progress))
            check_plan(plan, path, options.limits)
            plan.source_name = plan.source_name or path.name
            plan.sha256 = plan.sha256 or file_sha256(path)
            return plan
    raise FileImportError(
        "không nhận dạng được loại tệp; hãy dùng .xlsx, .xls, .ods, .csv, .docx, .pdf hoặc .txt "
        "(unsupported file type)",
        path=path,
    )

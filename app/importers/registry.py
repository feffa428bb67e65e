"""Pick the importer that can read a file and run it, within the import limits.

Every file is read once into a private copy that passes `safety.check_file` (size, zip
bombs, XML entities, rows and cell lengths) and is the file the importer reads
(`safety.copy.checked_copy`); what the importer found passes `safety.check_plan`. Importers raise
FileImportError for what they foresee; anything else is converted by `safety.guard`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from app.errors import FileImportError
from app.importers.base import ExtractOptions, Importer, ProgressCallback
from app.importers.model import ExtractedPlan, file_sha256
from app.importers.safety.checks import check_plan
from app.importers.safety.copy import checked_copy
from app.importers.safety.guard import guarded


def _candidates() -> Iterator[Importer]:
    """Importers, most specific first, each imported only when the previous one declined."""
    from app.importers.tables.importer import ExcelImporter  # only when needed (docstring)

    yield ExcelImporter()
    from app.importers.plans.importer import DocumentImporter  # only when needed (docstring)

    yield DocumentImporter()


def importers() -> list[Importer]:
    """Every importer, most specific first (imported lazily: start-up stays light)."""
    return list(_candidates())


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
        if guarded(path, partial(importer.identify, path)):
            plan = guarded(path, partial(importer.extract, path, options, progress))
            guarded(path, partial(check_plan, plan, path, options.limits))
            plan.source_name = plan.source_name or path.name
            plan.sha256 = plan.sha256 or file_sha256(path)
            return plan
    raise FileImportError(
        "không nhận dạng được loại tệp; hãy dùng .xlsx, .xls, .ods, .csv, .docx, .pdf hoặc .txt "
        "(unsupported file type)",
        path=path,
    )

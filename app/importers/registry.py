"""Pick the importer that can read a file and run it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from app.errors import FileImportError
from app.importers.base import ExtractOptions, Importer, ProgressCallback
from app.importers.model import ExtractedPlan, file_sha256


def _candidates() -> Iterator[Importer]:
    """Importers, most specific first, each imported only when the previous one declined."""
    from app.importers.excel import ExcelImporter

    yield ExcelImporter()
    from app.importers.documents import DocumentImporter

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
    path = Path(path)
    options = options or ExtractOptions()
    if not path.exists():
        raise FileImportError("không tìm thấy tệp (file not found)", path=path)
    if not path.is_file():
        raise FileImportError("không phải là tệp (not a file)", path=path)
    for importer in _candidates():
        if importer.identify(path):
            plan = importer.extract(path, options, progress)
            plan.source_name = plan.source_name or path.name
            plan.sha256 = plan.sha256 or file_sha256(path)
            return plan
    raise FileImportError(
        "không nhận dạng được loại tệp; hãy dùng .xlsx, .xls, .ods, .csv, .docx, .pdf hoặc .txt "
        "(unsupported file type)",
        path=path,
    )

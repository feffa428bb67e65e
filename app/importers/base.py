"""The importer protocol (after beangulp): `identify(path)` then `extract(path)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from app.importers.model import ExtractedPlan


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """How big a file may be (setting `import_limits`): protects memory and time.

    Importers never read the database, so the CLI/UI read the setting and pass it in.
    """

    max_file_mb: float = 50
    max_rows: int = 200_000
    max_cell_chars: int = 32_000
    max_pages: int = 2_000  # a PDF plan with its appendices runs to a few hundred

    # Fixed bounds no real document comes near (not settings): a page of A4 holds about
    # 5,000 characters; a workbook of task lists a few dozen sheets.
    max_page_chars: int = 100_000
    max_sheets: int = 500

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_cells(self) -> int:
        """Rows x columns a sheet may span: readers allocate the whole rectangle."""
        return self.max_rows * 30

    @property
    def max_inflated_bytes(self) -> int:
        """What the compressed streams of one PDF may inflate to: ten times the file (text
        and fonts compress 2-6:1), at least 64 MB. PDFium parses drawing operators at about
        5 MB/s, so this bounds the time a small file can ask for."""
        return max(self.max_file_bytes * 10, 64 * 1024 * 1024)

    @property
    def max_unzipped_bytes(self) -> int:
        """What a zipped file (.xlsx/.docx/.ods) may expand to: XML is bulky, not 1000:1."""
        return max(self.max_file_bytes * 20, 64 * 1024 * 1024)

    @classmethod
    def from_setting(cls, value: object) -> ImportLimits:
        """From the stored setting; missing or nonsensical values keep the default."""
        base = cls()
        if not isinstance(value, dict):
            return base
        out: dict[str, Any] = {}  # each value converted to its field's type below
        for name, kind in (
            ("max_file_mb", float),
            ("max_rows", int),
            ("max_cell_chars", int),
            ("max_pages", int),
        ):
            try:
                number = kind(value.get(name, getattr(base, name)))
            except (TypeError, ValueError):
                continue
            if number > 0:
                out[name] = number
        return cls(**out)


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What the user may override when extracting a file."""

    ref: date | None = None  # reference date for year-less deadlines (else the plan's date)
    sheet: str | None = None  # Excel: sheet name
    header_row: int | None = None  # Excel: 1-based header row
    # Excel: which column holds what (role -> 0-based column: "text", "lead",
    # "coordinators", "deadline"), chosen by the user when the header is not recognised;
    # used with header_row.
    columns: tuple[tuple[str, int], ...] = ()
    # the congress term for "cuối nhiệm kỳ"; None: the term that holds the plan's date
    term: tuple[int, int] | None = None
    limits: ImportLimits = field(default_factory=ImportLimits)


class ProgressCallback(Protocol):
    def __call__(self, done: int, total: int) -> bool:
        """Report progress; return False to ask the importer to stop (cancel)."""
        ...


class Importer(Protocol):
    name: str

    def identify(self, path: Path) -> bool:
        """Can this importer read the file? Cheap: looks at the name and first bytes."""
        ...

    def extract(
        self,
        path: Path,
        options: ExtractOptions,
        progress: ProgressCallback | None = None,
    ) -> ExtractedPlan:
        """Read the file; raise FileImportError (never anything else) when it cannot."""
        ...

"""The importer protocol (after beangulp): `identify(path)` then `extract(path)`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from app.importers.model import ExtractedPlan


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What the user may override when extracting a file."""

    ref: date | None = None  # reference date for year-less deadlines (else the plan's date)
    sheet: str | None = None  # Excel: sheet name
    header_row: int | None = None  # Excel: 1-based header row
    term: tuple[int, int] = (2020, 2025)


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

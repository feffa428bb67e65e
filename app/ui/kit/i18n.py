"""One message catalogue: Vietnamese source strings, English from resources/i18n/en.json.

Every user-visible string in the UI goes through `tr("…")` with a literal Vietnamese
text, or is a literal marked `tr_noop("…")` in a table and passed through `tr` where it is
shown; a test checks that each one has an English entry. Qt ships no Vietnamese
translation of its own dialogs, so standard buttons are labelled through `tr` too.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from app.resources import resource_path

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
_language = "vi"


def set_language(code: str) -> None:
    global _language
    _language = code if code in LANGUAGES else "vi"


def language() -> str:
    return _language


@cache
def _catalogue(code: str) -> dict[str, str]:
    path: Path = resource_path("i18n", f"{code}.json")
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def tr(text: str, /, **values: object) -> str:
    """The text in the current language; `{name}` fields are filled from `values`."""
    out = text if _language == "vi" else _catalogue(_language).get(text, text)
    return out.format(**values) if values else out


def tr_noop(text: str, /) -> str:
    """Marks a literal kept in a table for the catalogue; `tr(value)` translates it where shown."""
    return text


def fmt_number(n: int) -> str:
    """Thousands grouped as the language writes them: 200.000 in Vietnamese, 200,000 in
    English."""
    text = f"{n:,}"
    return text.replace(",", ".") if _language == "vi" else text


def fmt_date(d) -> str:
    """Dates in the window are always dd/mm/yyyy."""
    return d.strftime("%d/%m/%Y") if d else ""

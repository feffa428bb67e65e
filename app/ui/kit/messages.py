"""Messages of the importers, the database and the exporters, in the clerk's language.

Those layers do not import the UI (nor Qt), and their messages are built with values
("tệp quá lớn (12 MB; giới hạn 50 MB)…"). So they are translated here, at the UI edge,
from the one catalogue: a catalogue key with fields ("tệp quá lớn ({size}; giới hạn
{limit})…") is a pattern the message is matched against, and the fields are carried over
into the English text (translated too when they are themselves in the catalogue).

In Vietnamese a message keeps its words but loses the English glosses some carry for the
command line and the logs ("(disk full)", "; read-only)").
"""

from __future__ import annotations

import re
from functools import cache

from app.errors import FileImportError, ImportValidationError
from app.ui.kit.i18n import _catalogue, language, tr

_FIELD = re.compile(r"\{(\w+)\}")
# An English gloss: a parenthesis of plain English words (two or more, or hyphenated),
# or an English tail after a semicolon inside a Vietnamese parenthesis.
_GLOSS = re.compile(r"\s*\((?=[^()]*[a-z][ -][a-z])[A-Za-z][A-Za-z ,.'/-]*\)")
VIETNAMESE = re.compile(r"[à-ỹđ]", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_TAIL = re.compile(r";\s*[a-z][a-z ,'-]*\)")


@cache
def _patterns(code: str) -> list[tuple[re.Pattern[str], list[str], str]]:
    """Catalogue keys with fields as regular expressions, the most specific first."""
    out = []
    for key, value in _catalogue(code).items():
        names = _FIELD.findall(key)
        if not names or not value:
            continue
        parts = _FIELD.split(key)  # literal, name, literal, name, …, literal
        literal = parts[0::2]
        if sum(len(x.strip()) for x in literal) < 2:
            continue  # "{a}: {b}" would match anything
        regex = "".join(
            re.escape(text) + ("(.+?)" if i < len(names) else "") for i, text in enumerate(literal)
        )
        out.append((re.compile(regex, re.DOTALL), names, value))
    out.sort(key=lambda p: -len(p[0].pattern))
    return out


def translate(text: str, depth: int = 0) -> str:
    """`text` in the current language: as it is in Vietnamese (less English glosses),
    else the catalogue's entry, found by its words with its values kept."""
    if not text:
        return text
    if language() == "vi":
        return _TAIL.sub(")", _GLOSS.sub("", text))
    catalogue = _catalogue(language())
    if text in catalogue:
        return catalogue[text]
    if "\n" in text:
        return "\n".join(translate(line, depth) for line in text.split("\n"))
    if depth < 4 and "; " in text:  # clauses: "Hằng năm, ngày 30/10; kỳ tới 30/10/2026"
        clauses = _each(text.split("; "), depth)
        if clauses is not None:
            return "; ".join(clauses)
    for pattern, names, value in _patterns(language()):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = {
            name: _number(found) or (translate(found, depth + 1) if depth < 4 else found)
            for name, found in zip(names, match.groups(), strict=True)
        }
        try:
            return value.format(**values)
        except (KeyError, IndexError, ValueError):
            continue
    if depth < 4 and ", " in text:  # lists: "nội dung, thời hạn"
        items = _each(text.split(", "), depth)
        if items is not None:
            return ", ".join(items)
    return text


def _each(parts: list[str], depth: int) -> list[str] | None:
    """Each part translated, or None when one of them stays Vietnamese."""
    done = [translate(part, depth + 1) for part in parts]
    if all(a != b or not VIETNAMESE.search(b) for a, b in zip(done, parts, strict=True)):
        return done
    return None


def _number(text: str) -> str:
    """A number grouped the Vietnamese way (5.000.000) written the English way."""
    return text.replace(".", ",") if _GROUPED.fullmatch(text) else ""


def error_message(error: BaseException) -> str:
    """What to show for an error a user caused: the place (file, sheet, row) and the
    message, in the current language."""
    if isinstance(error, ImportValidationError):
        head = tr("{n} lỗi cần sửa trong tệp:", n=len(error.problems))
        lines = [f"  - {error_message(p)}" for p in error.problems]
        return "\n".join([_place(error, head), *lines]) if error.path else "\n".join([head, *lines])
    if isinstance(error, FileImportError):
        return _place(error, translate(error.message))
    return translate(str(error))


def _place(error: FileImportError, message: str) -> str:
    where = []
    if error.path is not None:
        where.append(error.path.name)
    if error.sheet:
        where.append(tr("sheet «{name}»", name=error.sheet))
    if error.row is not None:
        where.append(tr("dòng {n}", n=error.row))
    return f"{', '.join(where)}: {message}" if where else message

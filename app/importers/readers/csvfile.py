"""CSV task lists: UTF-8 with or without BOM, UTF-16 ("Unicode text"), or Windows-1258.

Vietnamese Windows saves "CSV" in the ANSI code page 1258, which writes tone marks as
separate combining characters; the text is decoded and normalised to NFC. The separator
is guessed (comma, semicolon, tab or bar) because regional settings change it.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata


class NotText(ValueError):
    """The bytes are not a text file (binary content)."""


def decode_text(raw: bytes) -> str:
    """Bytes of a text file -> NFC text, trying UTF-8/UTF-16 before Windows-1258."""
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[3:].decode("utf-8", errors="replace")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    else:
        if b"\x00" in raw[:4096]:
            raise NotText("binary content")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1258", errors="replace")
    if "\x00" in text[:4096]:
        raise NotText("binary content")
    return unicodedata.normalize("NFC", text)


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
        best = max(",;\t|", key=lambda d: sum(ln.count(d) for ln in lines))

        class _Guess(csv.excel):
            delimiter = best

        return _Guess


def read_csv_text(text: str) -> list[list[object]]:
    """Rows of a CSV text; cells stay strings (dates and numbers are read later)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    dialect = _dialect(text[:65536])
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    return [list(row) for row in reader]


def read_csv(raw: bytes) -> list[list[object]]:
    return read_csv_text(decode_text(raw))

"""A PDF's compressed streams, inflated with a budget before PDFium parses any of them.

A page's content is a stream of drawing operators, usually deflated. A few hundred KB
can inflate to hundreds of MB of operators, which PDFium parses for minutes (a "PDF
bomb"). Each /FlateDecode stream is inflated here in bounded steps, counting bytes and
never keeping them: a stream that inflates far more than real text, fonts and drawings
do, or streams that together pass the budget, refuse the file before it is opened.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from app.errors import UnsafeFileError
from app.importers.base import ImportLimits

_STREAM = re.compile(rb"/FlateDecode[^>]*>>\s*stream\r?\n")
_MAX_RATIO = 100  # text content streams deflate about 5:1, fonts 2-3:1
_RATIO_FLOOR = 4 * 1024 * 1024  # small streams may compress as they like
_STEP = 1 << 20


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.0f} MB"


def _bomb(path: Path, what: str) -> UnsafeFileError:
    return UnsafeFileError(
        f"tệp PDF có nội dung nén bất thường ({what}) — có thể được tạo để làm treo máy. "
        "Hãy in lại ra PDF mới hoặc dùng bản Word (.docx) (PDF decompression bomb)",
        path=path,
    )


def check_pdf(path: Path, limits: ImportLimits) -> None:
    """Refuse a PDF whose deflated streams inflate past the limits; cheap otherwise."""
    data = path.read_bytes()
    budget = limits.max_inflated_bytes
    total = 0
    for m in _STREAM.finditer(data):
        inflater = zlib.decompressobj()
        pos = m.end()
        fed = out = 0
        try:
            while not inflater.eof and out <= budget:
                piece = inflater.unconsumed_tail
                if not piece:
                    if pos >= len(data):
                        break
                    piece = data[pos : pos + _STEP]
                    pos += len(piece)
                    fed += len(piece)
                out += len(inflater.decompress(piece, _STEP))
        except zlib.error:
            pass  # a damaged stream: PDFium reports or skips it
        used = max(1, fed - len(inflater.unconsumed_tail) - len(inflater.unused_data))
        if out > _RATIO_FLOOR and out > _MAX_RATIO * used:
            raise _bomb(path, f"một luồng nén {out // used}:1")
        total += out
        if total > budget:
            raise _bomb(path, f"giải nén ra hơn {_mb(budget)}")

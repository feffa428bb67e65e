"""How far the cells of an old Excel (.xls) file reach, read before any reader loads it.

A .xls of a few KB with one value in the last cell (IV65536) makes a reader allocate the
whole 65,536 x 256 grid (over a gigabyte as Python objects). The file is an OLE compound
file (CFB) whose "Workbook" stream is a list of BIFF records; every cell record starts
with its row and column, so one pass over the records gives the extent. Only what is
needed is parsed; a damaged container simply yields no answer (the reader reports it).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
# BIFF records of cells with a value: (row u16, col u16, ...); MULRK ends with its last
# column. Formatted empty cells (BLANK, MULBLANK) are left out: readers skip them.
_CELLS = {0x00FD, 0x0204, 0x0203, 0x027E, 0x0006, 0x0205, 0x00D6}
_MULTI = {0x00BD}
_BOF = 0x0809
_DIMENSIONS = 0x0200


class _Cfb:
    """Just enough of [MS-CFB] to read one stream by name."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        major, _order, shift, mini_shift = struct.unpack_from("<HHHH", data, 0x1A)
        self.size: int = 1 << shift
        self.mini_size: int = 1 << mini_shift
        if self.size not in (512, 4096) or self.mini_size != 64:
            raise ValueError("not a compound file")
        n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
        self.cutoff, first_minifat, _n_minifat, first_difat, n_difat = struct.unpack_from(
            "<IIIII", data, 0x38
        )
        self.max_sectors = len(data) // self.size + 1
        difat = list(struct.unpack_from("<109I", data, 0x4C))
        sector, seen = first_difat, 0
        per = self.size // 4 - 1
        while sector not in (_FREE, _END) and seen < n_difat and seen < self.max_sectors:
            vals = struct.unpack_from(f"<{per + 1}I", data, self._offset(sector))
            difat += vals[:per]
            sector, seen = vals[per], seen + 1
        self.fat: list[int] = []
        for s in difat[: min(n_fat, self.max_sectors)]:
            if s in (_FREE, _END):
                continue
            self.fat += struct.unpack_from(f"<{self.size // 4}I", data, self._offset(s))
        self.dir = self._chain_bytes(first_dir, self.fat, self.size, self._offset)
        self.minifat_first = first_minifat

    def _offset(self, sector: int) -> int:
        off = (sector + 1) * self.size
        if off + self.size > len(self.data) + self.size:  # a short last sector is tolerated
            raise ValueError("sector out of range")
        return off

    def _chain_bytes(
        self,
        first: int,
        fat: list[int],
        size: int,
        offset: Callable[[int], int],
        limit: int | None = None,
    ) -> bytes:
        out = bytearray()
        sector, steps = first, 0
        while sector not in (_FREE, _END):
            if sector >= len(fat) or steps > self.max_sectors * (self.size // 64):
                raise ValueError("broken sector chain")
            start = offset(sector)
            out += self.data[start : start + size]
            if limit is not None and len(out) >= limit:
                break
            sector, steps = fat[sector], steps + 1
        return bytes(out)

    def stream(self, names: tuple[str, ...]) -> bytes | None:
        entries = [self.dir[i : i + 128] for i in range(0, len(self.dir) - 127, 128)]
        root = entries[0] if entries else None
        for e in entries:
            n = struct.unpack_from("<H", e, 64)[0]
            name = e[: max(0, n - 2)].decode("utf-16-le", errors="replace")
            if e[66] != 2 or name not in names:
                continue
            start, size = struct.unpack_from("<IQ", e, 116)
            size &= 0xFFFFFFFF if self.size == 512 else (1 << 63) - 1
            if size >= self.cutoff:
                return self._chain_bytes(start, self.fat, self.size, self._offset, size)[:size]
            if root is None:
                return None
            mini_first, mini_total = struct.unpack_from("<IQ", root, 116)
            container = self._chain_bytes(mini_first, self.fat, self.size, self._offset)
            minifat_raw = self._chain_bytes(self.minifat_first, self.fat, self.size, self._offset)
            minifat = list(struct.unpack(f"<{len(minifat_raw) // 4}I", minifat_raw))

            def mini_offset(sector: int) -> int:
                return sector * self.mini_size

            self.data, saved = container, self.data
            try:
                return self._chain_bytes(start, minifat, self.mini_size, mini_offset, size)[:size]
            finally:
                self.data = saved
        return None


def xls_extent(path: Path) -> tuple[int, int] | None:
    """(rows, columns) the largest sheet's values span, or None if it cannot be told."""
    try:
        data = path.read_bytes()
        if not data.startswith(OLE_MAGIC):
            return None
        book = _Cfb(data).stream(("Workbook", "Book"))
    except (ValueError, struct.error, IndexError, OverflowError, MemoryError):
        return None
    if not book:
        return None
    best = (0, 0)
    rows = cols = 0
    pos, end = 0, len(book)
    while pos + 4 <= end:
        rtype, length = struct.unpack_from("<HH", book, pos)
        body = pos + 4
        if rtype == _BOF:
            best = max(best, (rows, cols), key=lambda x: x[0] * max(x[1], 1))
            rows = cols = 0
        elif rtype == _DIMENSIONS and length >= 10:
            # calamine sizes its grid from this record: (last - first) wraps around when a
            # damaged file has first > last, and it asks for a terabyte. A valid record never
            # does that nor passes BIFF8's 65,536 x 256; such a one counts as its wrapped span.
            if length >= 14:
                r0, r1, c0, c1 = struct.unpack_from("<IIHH", book, body)
            else:
                r0, r1, c0, c1 = struct.unpack_from("<HHHH", book, body)
            if r0 > r1 or c0 > c1 or r1 > 65536 or c1 > 256:
                rows = max(rows, (r1 - r0) & 0xFFFFFFFF)
                cols = max(cols, (c1 - c0) & 0xFFFF)
        elif (rtype in _CELLS and length >= 4) or (rtype in _MULTI and length >= 6):
            row, col = struct.unpack_from("<HH", book, body)
            if rtype in _MULTI:
                col = struct.unpack_from("<H", book, body + length - 2)[0]
            rows, cols = max(rows, row + 1), max(cols, col + 1)
        pos = body + length
    best = max(best, (rows, cols), key=lambda x: x[0] * max(x[1], 1))
    return best if best != (0, 0) else None

"""Replies saved by other programs: a unit's LibreOffice re-saves the workbook as .xlsx,
.ods or .xls. The files in tests/data/replies/ are a request workbook filled in and
saved that way (LibreOffice 7.4); the hidden sheet, keys and dates must survive."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.importers.replies import read_reply

DATA = Path(__file__).parent / "data" / "replies"


@pytest.mark.parametrize("suffix", ["xlsx", "ods", "xls"])
def test_reply_resaved_by_libreoffice_keeps_request_keys_and_answers(suffix):
    reply = read_reply(DATA / f"btc-saved-by-libreoffice.{suffix}")
    assert reply.meta is not None
    assert reply.meta.department == "Ban Tổ chức Đảng ủy Khối"
    assert reply.meta.sent_on == date(2023, 5, 10) and reply.meta.rows == 6
    assert len(reply.rows) == 6 and all(r.key.startswith("DD-") for r in reply.rows)
    first, second = reply.answered
    assert (first.row, first.result, first.done, first.done_on) == (
        7,
        "Đã tổ chức sơ kết",
        True,
        date(2023, 5, 8),
    )
    assert second.row == 9 and second.difficulties == "Thiếu người" and second.done is None

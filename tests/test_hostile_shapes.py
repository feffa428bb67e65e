"""Hostile files of every shape (tests/hostile_files.py): each is read or refused with a
clear message naming the file, within its time limit, and the database stays unchanged.

"ok": read (with tasks); "ok-or-error": either, cleanly (PDFium reads around damage); an
exception class: refused with that error and the words given. The CLI run goes through a
child process with a memory cap, so a regression cannot exhaust the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _safety_tools import content_hash
from hostile_files import BUILDERS

from app.db import ops
from app.db.store import Database
from app.errors import FileImportError, ImportLimitError, UnsafeFileError
from app.importers.registry import extract_file

ROOT = Path(__file__).resolve().parent.parent

NO_HEADER = (FileImportError, ("tiêu đề",))
LIMIT = (ImportLimitError, ("giới hạn",))
DAMAGED = (FileImportError, ("hỏng",))
BOMB = (UnsafeFileError, ("treo máy",))
OK = ("ok", ())
EXPECT: dict[str, tuple[type[BaseException] | str, tuple[str, ...]]] = {
    "ss_merge_bomb": NO_HEADER,
    "ss_merge_down_table": OK,
    "ss_many_merges": (ImportLimitError, ("sheet «KH»", "cột")),
    "ss_far_index": (ImportLimitError, ("2.000.000.000 dòng",)),
    "ss_wide_row": (ImportLimitError, ("16.385 cột",)),
    "html_span_bomb": (ImportLimitError, ("sheet «Bảng 1»",)),
    "html_nested_tables": NO_HEADER,
    "html_many_rows": (FileImportError, ("không có nhiệm vụ",)),
    "xml2003_entities": (UnsafeFileError, ("ENTITY",)),
    "xlsx_merge_bomb": OK,
    "xlsx_many_merges": (ImportLimitError, ("chồng lên nhau",)),
    "xlsx_dimension_lie": OK,
    "xlsx_shared_strings": OK,
    "xlsx_eleven_digit_row": (ImportLimitError, ("99.999.999.999 dòng",)),
    "xlsx_deep_xml": OK,
    "xlsx_many_sheets": (ImportLimitError, ("3.001 sheet",)),
    "xlsx_zeros_bomb": (UnsafeFileError, ("bom zip",)),
    "ods_span_bomb": OK,
    "docx_gridspan_bomb": OK,
    "docx_vmerge_chain": OK,
    "docx_nested_tables": DAMAGED,
    "docx_deep_xml": DAMAGED,
    "docx_numbering_bomb": OK,
    "docx_long_paragraph": (ImportLimitError, ("đoạn 1", "32.000 ký tự")),
    "docx_many_paragraphs": OK,
    "pdf_page_loop": (FileImportError, ("trang 2", "lặp vòng")),
    "pdf_count_lie": ("ok-or-error", ()),
    "pdf_many_pages": (ImportLimitError, ("3.000 trang",)),
    "pdf_content_bomb": BOMB,
    "pdf_text_flood": (ImportLimitError, ("trang 1", "ký tự")),
    "pdf_deep_arrays": ("ok-or-error", ()),
    "pdf_xref_loop": ("ok-or-error", ()),
    "csv_huge_field": (ImportLimitError, ("131.072 ký tự",)),
    "csv_unclosed_quote": (ImportLimitError, ("nháy kép",)),
    "csv_many_columns": (ImportLimitError, ("500.000 cột",)),
    "csv_sniffer_trap": NO_HEADER,
    "csv_mixed_encodings": (FileImportError, ("hỏng",)),
    "txt_utf16_no_bom": (FileImportError, ("không phải văn bản",)),
    "txt_control_chars": OK,
}
SECONDS = 15  # what any one of them may take on the loaded 2-core test machine
WORKER = Path(__file__).parent / "_hostile_worker.py"


def test_every_shape_has_an_expectation():
    assert set(EXPECT) == set(BUILDERS)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    out = {}
    for key, build in BUILDERS.items():
        name, data = build()
        (folder / name).write_bytes(data)
        out[key] = folder / name
    return out


@pytest.fixture(scope="module")
def imported(built, tmp_path_factory):
    """Every shape through `dondoc import` in one capped child process: refused files
    for real, readable ones with --dry-run; the database hashed before and after."""
    db_path = tmp_path_factory.mktemp("hostile-db") / "dondoc.db"
    db = Database.open(db_path)
    ops.create_department(db, "Văn phòng Tỉnh ủy")
    db.close()
    before = content_hash(db_path)
    order = sorted(EXPECT)
    lines = "".join(
        f"{built[k]}\t{'dry' if EXPECT[k][0] in ('ok', 'ok-or-error') else 'real'}\n" for k in order
    )
    res = subprocess.run(
        [sys.executable, str(WORKER), str(db_path)],
        input=lines,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert res.returncode == 0, res.stderr[-3000:]
    results = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert len(results) == len(order), res.stderr[-3000:]
    return dict(zip(order, results, strict=True)), before, content_hash(db_path)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("key", sorted(EXPECT))
def test_hostile_file_is_read_or_refused_at_once(built, key):
    """In this process, under the per-test time limit: the error class and its words."""
    path = built[key]
    expected, words = EXPECT[key]
    t0 = time.perf_counter()
    try:
        got: object = extract_file(path)
    except FileImportError as ex:
        got = ex
    took = time.perf_counter() - t0
    assert took < SECONDS, f"{key}: {took:.1f} s"
    assert not getattr(got, "internal", False), f"unforeseen failure: {got}"
    if expected == "ok-or-error":
        return
    if expected == "ok":
        assert not isinstance(got, BaseException), str(got)
        assert got.tasks
        return
    assert isinstance(got, expected), f"{key}: {type(got).__name__}: {got}"
    msg = str(got)
    assert msg.startswith(path.name), msg
    for w in words:
        assert w in msg, msg


@pytest.mark.timeout(660)
def test_the_cli_answers_every_shape_without_a_traceback(imported, built):
    results, _, _ = imported
    for key, got in results.items():
        expected = EXPECT[key][0]
        assert got["seconds"] < SECONDS, f"{key}: {got['seconds']:.1f} s"
        assert "Traceback" not in got["err"], f"{key}: {got['err'][-2000:]}"
        if isinstance(expected, type):
            assert got["code"] == 1, f"{key}: exit {got['code']}"
            assert got["err"].startswith("Lỗi: ") and built[key].name in got["err"], got["err"]
        elif expected == "ok":
            assert got["code"] == 0, f"{key}: {got['err']}"


@pytest.mark.timeout(660)
def test_refused_shapes_leave_the_database_unchanged(imported):
    _, before, after = imported
    assert after == before


def test_the_page_limit_of_the_settings_applies(tmp_path):
    from hostile_files import pdf_many_pages

    from app.importers.base import ExtractOptions, ImportLimits

    name, data = pdf_many_pages(20)
    path = tmp_path / name
    path.write_bytes(data)
    assert ImportLimits.from_setting({"max_pages": 10}).max_pages == 10
    with pytest.raises(ImportLimitError, match="20 trang, quá giới hạn 10 trang"):
        extract_file(path, ExtractOptions(limits=ImportLimits(max_pages=10)))
    extract_file(path)  # within the default limit: read (no task in it, but no error)


def test_a_document_past_the_task_limit_is_refused_while_it_is_read(tmp_path):
    from hostile_files import text_plan

    from app.importers.base import ExtractOptions, ImportLimits

    path = tmp_path / "nhieu-viec.txt"
    path.write_bytes(text_plan("deadline_lines", 200_000))
    with pytest.raises(ImportLimitError, match="hơn 100 nhiệm vụ"):
        extract_file(path, ExtractOptions(limits=ImportLimits(max_rows=100)))


@pytest.mark.timeout(120)
@pytest.mark.parametrize("shape", ["deep_numbering", "deadline_para", "one_paragraph", "spaces"])
def test_a_long_paragraph_is_refused_as_soon_as_it_passes_the_limit(tmp_path, shape):
    """2 MB text plans built to make one paragraph grow without end: refused with the
    line the paragraph starts on, in about the time reading the file takes."""
    from hostile_files import text_plan

    path = tmp_path / f"{shape}.txt"
    path.write_bytes(text_plan(shape, 2 * 1024 * 1024))
    t0 = time.perf_counter()
    with pytest.raises(ImportLimitError, match=r"đoạn văn bắt đầu ở dòng \d+ dài hơn 32\.000"):
        extract_file(path)
    assert time.perf_counter() - t0 < SECONDS

"""Hostile files of every shape (tests/hostile_files.py): each is read or refused with a
clear message naming the file, within its time limit, and the database stays unchanged.

"ok": read (with tasks); an exception class: refused with that error and the words given.
"""

from __future__ import annotations

import time

import pytest
from _safety_tools import content_hash
from hostile_files import BUILDERS

from app.cli import main as cli_main
from app.db import services
from app.db.store import Database
from app.errors import FileImportError, ImportLimitError
from app.importers.registry import extract_file

NO_HEADER = (FileImportError, ("tiêu đề",))
EXPECT: dict[str, tuple[type[BaseException] | str, tuple[str, ...]]] = {
    "ss_merge_bomb": NO_HEADER,
    "ss_merge_down_table": ("ok", ()),
    "ss_many_merges": (ImportLimitError, ("sheet «KH»", "cột")),
    "ss_far_index": (ImportLimitError, ("2.000.000.000 dòng",)),
    "ss_wide_row": NO_HEADER,
    "html_span_bomb": (ImportLimitError, ("sheet «Bảng 1»",)),
    "html_nested_tables": NO_HEADER,
}
SECONDS = 10  # what any one of them may take on the 2-core test machine


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


@pytest.mark.timeout(60)
@pytest.mark.parametrize("key", sorted(EXPECT))
def test_hostile_file_is_read_or_refused_at_once(built, key):
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
    if expected == "ok":
        assert not isinstance(got, BaseException), str(got)
        assert got.tasks
        return
    assert isinstance(got, expected), f"{key}: {type(got).__name__}: {got}"
    msg = str(got)
    assert msg.startswith(path.name), msg
    for w in words:
        assert w in msg, msg


@pytest.mark.timeout(180)
def test_refused_shapes_leave_the_database_unchanged(built, db_path, capsys):
    db = Database.open(db_path)
    services.create_department(db, "Văn phòng Tỉnh ủy")
    db.close()
    before = content_hash(db_path)
    for key, (expected, _) in EXPECT.items():
        if expected == "ok":
            continue
        code = cli_main(["--db", str(db_path), "import", str(built[key])])
        err = capsys.readouterr().err
        assert code == 1, f"{key}: exit {code}: {err}"
        assert err.startswith("Lỗi: ") and built[key].name in err, err
        assert "Traceback" not in err, err
    assert content_hash(db_path) == before

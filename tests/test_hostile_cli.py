"""The command line as a user runs it (a child process): a hostile file, or a reader
failing in a way nobody foresaw, gives one line naming the file and never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_files import pdf_page_loop, ss_merge_bomb

ROOT = Path(__file__).resolve().parent.parent
PATCHED = """
import sys
import app.importers.readers.pdf_file as pdf_file
def broken(*args, **kwargs):
    raise RuntimeError("a library failed deep inside")
pdf_file.read_pdf = broken
from app.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def _run(
    args: list[str],
    code: str = "from app.cli import main; import sys; raise SystemExit(main(sys.argv[1:]))",
) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DONDOC_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, env=env
    )


@pytest.mark.timeout(150)
@pytest.mark.parametrize("build", [pdf_page_loop, ss_merge_bomb])
@pytest.mark.parametrize("command", ["extract", "import"])
def test_hostile_files_on_the_command_line(tmp_path, build, command):
    name, data = build()
    path = tmp_path / name
    path.write_bytes(data)
    args = (
        [command, str(path)]
        if command == "extract"
        else ["--db", str(tmp_path / "d.db"), "import", str(path)]
    )
    res = _run(args)
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    assert res.stderr.startswith(f"Lỗi: {name}: "), res.stderr


@pytest.mark.timeout(150)
def test_an_unforeseen_reader_failure_is_one_line_without_traceback(tmp_path):
    name, data = pdf_page_loop()
    path = tmp_path / name
    path.write_bytes(data)
    res = _run(["extract", str(path)], PATCHED)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr, res.stderr
    assert f"Lỗi: {name}: tệp bị hỏng hoặc có cấu trúc lạ" in res.stderr, res.stderr
    assert len(res.stderr.strip().splitlines()) <= 2, res.stderr  # the log line, the message

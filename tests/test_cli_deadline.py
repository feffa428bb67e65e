"""`dondoc deadline`: one phrase (text or JSON), and the stdin batch mode (JSON Lines)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main


def run(argv: list[str], stdin: str | None = None, monkeypatch=None) -> tuple[int, str]:
    out = io.StringIO()
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    code = main(argv, out=out)
    return code, out.getvalue()


def test_human_readable() -> None:
    code, text = run(["deadline", "Quý I/2022", "--ref", "2022-01-10"])
    assert code == 0
    assert text == "Quý I/2022: 01/01/2022 – 31/03/2022\n"


def test_recurring_description() -> None:
    _, text = run(["deadline", "trước ngày 30/10 hàng năm", "--ref", "2022-03-31"])
    assert text == "Hằng năm, ngày 30/10; kỳ tới 30/10/2022\n"


def test_unknown_phrase_is_not_an_error() -> None:
    code, text = run(["deadline", "chưa rõ", "--ref", "2022-01-10"])
    assert code == 0
    assert text == "Không xác định: «chưa rõ»\n"


def test_json() -> None:
    code, text = run(["deadline", "tháng 3 và tháng 9/2023", "--ref", "2023-01-05", "--json"])
    assert code == 0
    data = json.loads(text)
    assert data["kind"] == "month"
    assert data["start"] == "2023-03-01" and data["due"] == "2023-03-31"
    assert data["occurrences"] == ["2023-03-31", "2023-09-30"]
    assert set(data) == {
        "raw",
        "kind",
        "start",
        "due",
        "occurrences",
        "recurrence",
        "condition",
        "done",
        "continuing",
    }


def test_term_option() -> None:
    _, text = run(
        ["deadline", "cuối nhiệm kỳ", "--ref", "2026-01-05", "--term", "2025-2030", "--json"]
    )
    assert json.loads(text)["due"] == "2030-12-31"


def test_bad_term_is_a_user_error(capsys) -> None:
    code, _ = run(["deadline", "cuối nhiệm kỳ", "--term", "abc"])
    assert code != 0
    assert "Nhiệm kỳ không hợp lệ" in capsys.readouterr().err


def test_batch_jsonl_same_order(monkeypatch) -> None:
    phrases = ["Quý I/2022", "", "hằng năm", "khi có hướng dẫn của Trung ương", "năm 2023"]
    code, text = run(
        ["deadline", "--ref", "2022-03-31", "--json", "-"], "\n".join(phrases) + "\n", monkeypatch
    )
    assert code == 0
    rows = [json.loads(line) for line in text.splitlines()]
    assert [r["raw"] for r in rows] == phrases
    assert [r["kind"] for r in rows] == [
        "quarter",
        "unspecified",
        "recurring",
        "conditional",
        "year",
    ]


def test_batch_reads_utf8_with_bom(monkeypatch) -> None:
    code, text = run(
        ["deadline", "--ref", "2022-03-31", "--json", "-"], "\ufeffQuý II/2022\r\n", monkeypatch
    )
    assert code == 0
    assert json.loads(text)["due"] == "2022-06-30"


def test_batch_thousand_phrases_fast(monkeypatch) -> None:
    phrases = [f"Quý {q}/20{20 + i % 10}" for i in range(250) for q in ("I", "II", "III", "IV")]
    t0 = time.perf_counter()
    code, text = run(
        ["deadline", "--ref", "2022-03-31", "--json", "-"], "\n".join(phrases), monkeypatch
    )
    elapsed = time.perf_counter() - t0
    assert code == 0
    assert len(text.splitlines()) == 1000
    assert elapsed < 1.0


@pytest.mark.slow
def test_real_console_script() -> None:
    """The installed `dondoc` entry point, through a real process and a UTF-8 pipe."""
    script = Path(sys.executable).with_name("dondoc.exe" if os.name == "nt" else "dondoc")
    assert script.exists(), script
    proc = subprocess.run(
        [str(script), "deadline", "--ref", "2022-03-31", "--json", "-"],
        input="trước ngày 30/10 hàng năm\nthường xuyên\n".encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    rows = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert rows[0]["recurrence"] == {"freq": "yearly", "month": 10, "day": 30}
    assert rows[1]["kind"] == "ongoing"

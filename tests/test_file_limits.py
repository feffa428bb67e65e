"""Every file from outside goes through the same limits, and the file checked is the file
read: imports, replies (collect), letter templates (urge --template).

Each reader gets a private copy, made once through one handle and checked; swapping the
file on disk after the check changes nothing (a zip bomb put in its place never reaches
a parser). Real files throughout: tests/data/bad holds the hostile ones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from loop_fixtures import BTC, TODAY, seed
from openpyxl import Workbook

from app.cli import main as cli_main
from app.db import ops
from app.errors import FileImportError, ImportLimitError, UnsafeFileError
from app.exports.urging.letter_template import bundled_template
from app.exports.urging.letters import LetterOptions, write_urging_letters
from app.importers.base import ImportLimits
from app.importers.registry import extract_file
from app.importers.replies import read_reply
from app.importers.safety import copy as copy_mod

BAD = Path(__file__).parent / "data" / "bad"


def _workbook(path: Path, rows: int) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws.append(["STT", "Nội dung nhiệm vụ", "Kết quả thực hiện", "Đã hoàn thành? (có/không)"])
    for i in range(rows):
        ws.append([i + 1, f"Nhiệm vụ {i + 1}", "Đã triển khai", "có"])
    wb.save(path)
    return path


def _cli(capsys, *args: str) -> tuple[int, str]:
    code = cli_main(list(args))
    return code, capsys.readouterr().err


def test_collect_refuses_a_zip_bomb_reply_before_reading_it(db, db_path, tmp_path, capsys):
    seed(db)
    db.close()
    reply = shutil.copy(BAD / "zipbomb.xlsx", tmp_path / "bao-cao-ban-to-chuc.xlsx")
    code, err = _cli(capsys, "--db", str(db_path), "collect", str(reply))
    assert code != 0 and "bao-cao-ban-to-chuc.xlsx" in err and "bom zip" in err


def test_collect_applies_the_row_limit_of_the_settings(db, db_path, tmp_path, capsys):
    seed(db)
    ops.set_setting(db, "import_limits", {"max_rows": 100})
    db.close()
    reply = _workbook(tmp_path / "bao-cao.xlsx", 150)
    code, err = _cli(capsys, "--db", str(db_path), "collect", str(reply))
    assert code != 0 and "bao-cao.xlsx" in err and "giới hạn nhập (100 dòng" in err, err
    with pytest.raises(ImportLimitError):
        read_reply(reply, ImportLimits(max_rows=100))


def test_a_letter_template_goes_through_the_same_checks(db, tmp_path):
    seed(db)
    for bad, error, words in (
        ("zipbomb.xlsx", UnsafeFileError, "bom zip"),
        ("billion-laughs.docx", UnsafeFileError, "ENTITY"),
    ):
        template = shutil.copy(BAD / bad, tmp_path / "mau-cong-van.docx")
        with pytest.raises(error, match=words) as info:
            write_urging_letters(
                db, tmp_path / "out.docx", LetterOptions([BTC], TODAY, template=Path(template))
            )
        assert info.value.path == Path(template)
        assert not (tmp_path / "out.docx").exists()


def _swap_after_check(monkeypatch, original: Path, replacement: Path) -> list[Path]:
    """Right after the check passes, the file on disk is replaced (the race, made sure)."""
    real_check = copy_mod.check_file
    checked: list[Path] = []

    def check_then_swap(path, limits):
        real_check(path, limits)
        checked.append(path)
        shutil.copy(replacement, original)

    monkeypatch.setattr(copy_mod, "check_file", check_then_swap)
    return checked


def test_an_import_file_swapped_after_the_check_never_reaches_the_parser(tmp_path, monkeypatch):
    good = tmp_path / "ke-hoach.xlsx"
    _workbook(good, 3)
    swapped = _swap_after_check(monkeypatch, good, BAD / "zipbomb.xlsx")
    plan = extract_file(good)
    assert swapped and swapped[0] != good  # the check ran on the private copy
    assert [t.text for t in plan.tasks] == ["Nhiệm vụ 1", "Nhiệm vụ 2", "Nhiệm vụ 3"]
    assert good.read_bytes() == (BAD / "zipbomb.xlsx").read_bytes()  # the swap happened
    assert not swapped[0].exists()  # the private copy is gone


def test_a_reply_swapped_after_the_check_is_read_as_checked(tmp_path, monkeypatch):
    reply = _workbook(tmp_path / "bao-cao.xlsx", 2)
    _swap_after_check(monkeypatch, reply, BAD / "zipbomb.xlsx")
    got = read_reply(reply)
    assert [r.text for r in got.rows] == ["Nhiệm vụ 1", "Nhiệm vụ 2"]
    assert got.path == reply


def test_a_template_swapped_after_the_check_is_not_read_again(db, tmp_path, monkeypatch):
    seed(db)
    template = Path(shutil.copy(bundled_template("party"), tmp_path / "mau.docx"))
    _swap_after_check(monkeypatch, template, BAD / "zipbomb.xlsx")
    (out,) = write_urging_letters(
        db, tmp_path / "out.docx", LetterOptions([BTC], TODAY, template=template)
    ).files
    assert out.exists()


def test_a_missing_file_and_a_folder_are_named_in_the_message(tmp_path):
    with pytest.raises(FileImportError, match="không tìm thấy"):
        extract_file(tmp_path / "khong-co.xlsx")
    with pytest.raises(FileImportError, match="không phải là tệp"):
        extract_file(tmp_path)

"""`dondoc extract` and `dondoc import --dry-run` on workbooks: same JSON, nothing written."""

from __future__ import annotations

import io
import json

import openpyxl

from app.cli import main


def _workbook(path):
    wb = openpyxl.Workbook()
    for row in [
        ["KẾ HOẠCH CÔNG TÁC"],
        ["Hà Nội, ngày 05 tháng 01 năm 2024"],
        ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
        [1, "Việc A", "Văn phòng", "Ban Tổ chức; Ban Tuyên giáo", "Quý I"],
        [2, "Việc B", "Ban Tổ chức", None, "31/03/2024"],
    ]:
        wb.active.append(row)
    wb.active.title = "KH"
    wb.save(path)
    return path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_dry_run_json_equals_extract_json_and_writes_nothing(tmp_path):
    xlsx = _workbook(tmp_path / "kh.xlsx")
    db = tmp_path / "db.sqlite"
    code1, extracted = run("--db", str(db), "extract", str(xlsx), "--json")
    code2, dry = run(
        "--db", str(db), "import", str(xlsx), "--dry-run", "--json", "--number", "05/KH-VP"
    )
    assert code1 == code2 == 0
    data = json.loads(dry)
    check = data.pop("import")
    want = json.loads(extracted)
    want["document"]["number"] = "05/KH-VP"
    assert data == want
    assert check["action"] == "import" and check["same_plan"] is None
    assert data["document"]["date"] == "2024-01-05"
    assert data["source"]["sheet"] == "KH"
    assert [t["lead"] for t in data["tasks"]] == ["Văn phòng", "Ban Tổ chức"]
    assert data["tasks"][0]["coordinators"] == ["Ban Tổ chức", "Ban Tuyên giáo"]
    assert data["tasks"][0]["deadline"]["due"] == "2024-03-31"
    assert not db.exists()


def test_sheet_and_header_row_options(tmp_path):
    xlsx = _workbook(tmp_path / "kh.xlsx")
    code, text = run("extract", str(xlsx), "--sheet", "KH", "--header-row", "3")
    assert code == 0 and "2 nhiệm vụ" in text


def test_bad_file_is_a_message_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    code, _ = run("import", str(bad), "--dry-run", "--json")
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("Lỗi: hong.xlsx:") and "Traceback" not in err

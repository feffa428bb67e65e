"""Files that are not what their name says, and files that cannot be read: a clear message
with the file (and sheet/row when known), never a traceback."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from qa2_workbooks import cp1258

from app.errors import FileImportError
from app.importers.base import ExtractOptions
from app.importers.tables.importer import ExcelImporter

DATA = Path(__file__).parent / "data" / "excel"


def extract(path: Path, **options):
    return ExcelImporter().extract(path, ExtractOptions(**options))


def workbook(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


TASKS = [
    ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian"],
    [1, "Quán triệt nghị quyết", "Ban Tuyên giáo", "15/3/2023"],
    [2, "Sơ kết", "Văn phòng", "Quý II/2023"],
]


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ","), ("utf-8-sig", ";"), ("cp1258", ","), ("utf-16", "\t")],
)
def test_csv_encodings_and_separators(tmp_path, encoding, delimiter):
    lines = [delimiter.join(str(c) for c in row) for row in TASKS]
    path = tmp_path / "ds.csv"
    text = "\r\n".join(lines)
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    plan = extract(path)
    assert [(t.text, t.lead) for t in plan.tasks] == [
        ("Quán triệt nghị quyết", "Ban Tuyên giáo"),
        ("Sơ kết", "Văn phòng"),
    ]
    assert plan.tasks[0].deadline.due == dt.date(2023, 3, 15)
    assert plan.tasks[0].source == "ds!2"


def test_csv_with_quoted_multiline_cells(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text(
        'TT,Nội dung,Chủ trì,Phối hợp,Thời gian\n1,"Việc A, việc B","Ban Tổ chức","Văn phòng\nBan Dân vận",30/6/2023\n',
        encoding="utf-8",
    )
    [task] = extract(path).tasks
    assert task.text == "Việc A, việc B"
    assert task.coordinators == ["Văn phòng", "Ban Dân vận"]


def test_csv_renamed_xls(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("\n".join(",".join(str(c) for c in r) for r in TASKS), encoding="utf-8")
    assert len(extract(path).tasks) == 2


# --------------------------------------------------------------------------- HTML / XML


HTML = """<html><head><meta charset="utf-8"><title>Xuất Excel</title></head><body>
<h3>DANH SÁCH NHIỆM VỤ</h3>
<p>Ngày 05/01/2024</p>
<table border="1">
<tr><th rowspan="2">STT</th><th rowspan="2">Nội dung</th><th colspan="2">Đơn vị</th>
<th rowspan="2">Hạn xử lý</th></tr>
<tr><th>Chủ trì</th><th>Phối hợp</th></tr>
<tr><td colspan="5"><b>I. Nhiệm vụ chung</b></td></tr>
<tr><td>1</td><td>Triển khai<br>kế hoạch</td><td rowspan="2">Sở Nội vụ</td><td>Sở Tài chính</td>
<td>31/03/2024</td></tr>
<tr><td>2</td><td>Báo cáo kết quả</td><td></td><td>30/06/2024</td></tr>
</table></body></html>"""


def test_html_table_renamed_xls_is_read(tmp_path):
    path = tmp_path / "baocao.xls"
    path.write_text(HTML, encoding="utf-8")
    plan = extract(path)
    assert plan.document.title == "DANH SÁCH NHIỆM VỤ"
    assert [(t.section, t.text, t.lead, t.coordinators, t.deadline.due) for t in plan.tasks] == [
        ("I", "Triển khai\nkế hoạch", "Sở Nội vụ", ["Sở Tài chính"], dt.date(2024, 3, 31)),
        ("I", "Báo cáo kết quả", "Sở Nội vụ", [], dt.date(2024, 6, 30)),
    ]


def test_html_without_a_table(tmp_path):
    path = tmp_path / "loi.xls"
    path.write_text("<html><body><p>Phiên làm việc đã hết hạn</p></body></html>", encoding="utf-8")
    with pytest.raises(FileImportError, match="HTML.*không chứa bảng"):
        extract(path)


def test_html_table_that_is_not_a_task_list(tmp_path):
    path = tmp_path / "khac.xls"
    path.write_text(
        "<table><tr><td>Họ tên</td><td>Chức vụ</td></tr><tr><td>A</td><td>B</td></tr></table>",
        encoding="utf-8",
    )
    with pytest.raises(FileImportError, match="Họ tên"):
        extract(path)


XML2003 = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Nhiệm vụ">
  <Table>
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">KẾ HOẠCH CÔNG TÁC NĂM 2024</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">TT</Data></Cell><Cell><Data ss:Type="String">Nội dung</Data></Cell>
    <Cell><Data ss:Type="String">Chủ trì</Data></Cell><Cell><Data ss:Type="String">Thời hạn</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="String">Việc A</Data></Cell>
    <Cell ss:MergeDown="1"><Data ss:Type="String">Văn phòng</Data></Cell>
    <Cell><Data ss:Type="DateTime">2024-03-31T00:00:00.000</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">2</Data></Cell><Cell><Data ss:Type="String">Việc B</Data></Cell>
    <Cell ss:Index="4"><Data ss:Type="String">Quý III/2024</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>"""


def test_xml_spreadsheet_2003_renamed_xls(tmp_path):
    path = tmp_path / "ws.xls"
    path.write_text(XML2003, encoding="utf-8")
    plan = extract(path)
    assert plan.sheet == "Nhiệm vụ"
    assert plan.document.title == "KẾ HOẠCH CÔNG TÁC NĂM 2024"
    assert [(t.text, t.lead, t.deadline.due) for t in plan.tasks] == [
        ("Việc A", "Văn phòng", dt.date(2024, 3, 31)),
        ("Việc B", "Văn phòng", dt.date(2024, 9, 30)),
    ]


# --------------------------------------------------------------------------- bad files


def test_password_protected_file():
    with pytest.raises(FileImportError, match="mật khẩu") as info:
        extract(DATA / "password.xlsx")
    assert info.value.path is not None and info.value.path.name == "password.xlsx"


def test_truncated_file(tmp_path):
    good = workbook(tmp_path / "good.xlsx", TASKS)
    data = good.read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(FileImportError, match="hỏng|không đầy đủ") as info:
        extract(path)
    assert "cut.xlsx" in str(info.value)


def test_corrupt_xlsx_part(tmp_path):
    path = tmp_path / "broken.xlsx"
    src = workbook(tmp_path / "src.xlsx", TASKS)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 3]
            zout.writestr(item, data)
    with pytest.raises(FileImportError, match="broken.xlsx"):
        extract(path)


def test_random_bytes_named_xlsx(tmp_path):
    path = tmp_path / "rac.xlsx"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(FileImportError, match="rac.xlsx"):
        extract(path)


def test_word_document_named_xlsx(tmp_path):
    path = tmp_path / "kh.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(FileImportError, match="Word"):
        extract(path)


def test_empty_file(tmp_path):
    path = tmp_path / "rong.xlsx"
    path.write_bytes(b"")
    with pytest.raises(FileImportError, match="rỗng"):
        extract(path)


def test_empty_workbook(tmp_path):
    path = workbook(tmp_path / "trong.xlsx", [])
    with pytest.raises(FileImportError, match="trống"):
        extract(path)


def test_sheet_without_recognisable_header_lists_headers_found(tmp_path):
    path = workbook(
        tmp_path / "nhansu.xlsx",
        [["DANH SÁCH CÁN BỘ"], ["Họ và tên", "Chức vụ", "Đơn vị công tác"], ["A", "B", "C"]],
    )
    with pytest.raises(FileImportError) as info:
        extract(path)
    message = str(info.value)
    assert "nhansu.xlsx" in message and "«Họ và tên»" in message and "«Chức vụ»" in message


def test_header_without_tasks(tmp_path):
    path = workbook(tmp_path / "mau.xlsx", [TASKS[0]])
    with pytest.raises(FileImportError, match="không có nhiệm vụ"):
        extract(path)


def test_missing_file_through_the_registry(tmp_path):
    from app.importers.registry import extract_file

    with pytest.raises(FileImportError, match="không tìm thấy"):
        extract_file(tmp_path / "khong-co.xlsx")


def test_csv_with_nul_bytes_late_in_the_file(tmp_path):
    path = tmp_path / "nul.csv"
    body = "\n".join(",".join(str(c) for c in r) for r in TASKS)
    path.write_bytes(body.encode() + b"\n" + b"x" * 5000 + b"\x00,1\n")
    plan = extract(path)  # Python's csv reads NUL bytes; the junk rows hold no task
    assert [t.text for t in plan.tasks] == ["Quán triệt nghị quyết", "Sơ kết"]


@pytest.mark.parametrize(
    ("head", "what"),
    [(b"%PDF-1.7\n%\xe2\xe3", "PDF"), (b"{\\rtf1\\ansi", "RTF"), (b"\x89PNG\r\n\x1a\n", "ảnh")],
)
def test_other_formats_named_xls(tmp_path, head, what):
    path = tmp_path / "ds.xls"
    path.write_bytes(head + b"\x01" * 200)
    with pytest.raises(FileImportError, match=what):
        extract(path)

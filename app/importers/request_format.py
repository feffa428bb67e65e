"""The progress-request workbook's format, shared by its writer and its reader.

app/exports/urging/requests.py writes the workbook a unit fills in; app/importers/replies.py
reads the filled-in copy back. Both take the sheet names, columns, rows and markers from
here, so a change to the format is made once and both sides follow it.
"""

from __future__ import annotations

FORMAT_NAME = "dondoc-request"  # the "format" entry of the hidden sheet
FORMAT_VERSION = 1  # a reader refuses workbooks of a later version
DATA_SHEET = "Báo cáo"  # the table the unit fills in
META_SHEET = "_dondoc"  # very hidden: key/value pairs naming the request
HEADER_ROW = 6  # the column titles (1-based row of DATA_SHEET)
FIRST_ROW = HEADER_ROW + 1  # the first task
UNIT_LABEL = "Đơn vị"  # the line above the table reads "Đơn vị: <unit name>"
YES_NO = ("có", "không")  # the answers offered in the "done" column
KEY_PREFIX = "DD"  # each row's hidden key: "DD-<task id>-<signature>"

# Locked columns describing the task, then the columns the unit answers in, then the key.
TASK_COLUMNS = [
    ("stt", "STT"),
    ("text", "Nội dung nhiệm vụ"),
    ("plan", "Kế hoạch"),
    ("role", "Vai trò"),
    ("deadline", "Thời hạn"),
    ("status", "Tình trạng (ngày gửi)"),
]
ANSWER_COLUMNS = [
    ("result", "Kết quả thực hiện"),
    ("done", "Đã hoàn thành? (có/không)"),
    ("done_on", "Ngày hoàn thành"),
    ("difficulties", "Khó khăn, vướng mắc"),
    ("proposals", "Đề xuất, kiến nghị"),
    ("document", "Văn bản báo cáo (số, ngày)"),
]
KEY_COLUMN = ("key", "Mã nhiệm vụ (không sửa)")


def unit_line(name: str) -> str:
    return f"{UNIT_LABEL}: {name}"

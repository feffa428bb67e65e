"""`dondoc backup` and `dondoc restore` (SQLite files; a server keeps its own backups)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from app.cli.common import open_db
from app.db import ops
from app.db.files.location import default_db_target
from app.db.reads.backups import backup_folder, list_backups
from app.errors import DonDocError


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    with open_db(args) as db:
        dest = ops.back_up(db, Path(args.out) if args.out else None, force=args.force)
    out.write(f"Đã sao lưu vào {dest}\n")
    return 0


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    if args.list:
        target = args.db or default_db_target()
        found = list_backups(target)
        for info in found:
            tasks = f"{info.tasks} nhiệm vụ" if info.readable else "không đọc được"
            out.write(f"{info.path}  {info.created:%d/%m/%Y %H:%M}  {tasks}\n")
        if not found:
            folder = backup_folder(target)
            out.write(f"Chưa có bản sao lưu nào (thư mục {folder}).\n")
        return 0
    if not args.file:
        raise DonDocError("Hãy chỉ ra tệp sao lưu cần khôi phục (dondoc restore TỆP.db).")
    safety = ops.restore_backup(args.db, Path(args.file)).safety
    out.write(f"Đã khôi phục từ {args.file}.\n")
    if safety:
        db = f'--db "{args.db}" ' if args.db else ""
        out.write(
            f"Dữ liệu trước khi khôi phục được giữ ở {safety}.\n"
            f'Để hoàn tác: dondoc {db}restore "{safety}"\n'
        )
    return 0

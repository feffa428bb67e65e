"""Writing export files safely: a temporary file renamed into place, readable errors."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from app.errors import DonDocError


def save_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Write through `write(tmp)` then rename, so a failure never leaves half a file."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as ex:
        raise DonDocError(f"Không tạo được thư mục {path.parent}: {ex.strerror or ex}") from ex
    tmp = path.with_name(f".~{path.stem}.tmp{path.suffix}")
    try:
        write(tmp)
        os.replace(tmp, path)
    except PermissionError as ex:
        tmp.unlink(missing_ok=True)
        raise DonDocError(
            f"Không ghi được tệp {path}: tệp đang mở trong chương trình khác hoặc thư mục "
            "không cho phép ghi. Hãy đóng tệp rồi thử lại."
        ) from ex
    except OSError as ex:
        tmp.unlink(missing_ok=True)
        raise DonDocError(f"Không ghi được tệp {path}: {ex.strerror or ex}") from ex
    return path

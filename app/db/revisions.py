"""The schema revisions this program knows, read from the migration files themselves.

Kept free of SQLAlchemy and alembic: the start-up check of a database file
(app/db/files/checks.py) compares the file's revision with these before the heavy
imports, and opening an up-to-date database then costs no alembic start-up at all.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*[\"']?([\w.-]+|None)[\"']?", re.M)


def migrations_dir() -> Path:
    return Path(__file__).with_name("migrations")


@cache
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision (a test checks this agrees with alembic's ScriptDirectory)."""
    graph: dict[str, str | None] = {}
    for path in sorted((migrations_dir() / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        found = {m[1]: m[2] for m in _REVISION_LINE.finditer(text)}
        if "revision" in found:
            down = found.get("down_revision")
            graph[found["revision"]] = None if down in (None, "None") else down
    return graph


def known_revisions() -> set[str]:
    return set(_revision_graph())


# The migration that marks SQLite files as ours (PRAGMA application_id).
IDENTITY_REVISION = "0007_shared_unique"


def reaches(revision: str, ancestor: str) -> bool:
    """`revision` is `ancestor` or comes after it (False for a revision we do not know)."""
    graph = _revision_graph()
    seen: str | None = revision
    while seen is not None:
        if seen == ancestor:
            return True
        seen = graph.get(seen)
    return False


def head_revision() -> str:
    graph = _revision_graph()
    parents = {down for down in graph.values() if down}
    heads = [rev for rev in graph if rev not in parents]
    return heads[0] if len(heads) == 1 else max(heads)

"""The docs name files that exist: every `app/...` path in docs/*.md and README.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
# app/db/files/journal.py, app/ui/kit/, app/importers/{readers,tables}, app/cli
_PATH = re.compile(r"(?<![\w/.-])app(?:/[\w.{},*-]+)*/?")


def _expand(path: str) -> list[str]:
    """`app/x/{a,b}` names app/x/a and app/x/b."""
    m = re.search(r"\{([^{}]*)\}", path)
    if m is None:
        return [path]
    return [
        p for alt in m[1].split(",") for p in _expand(path[: m.start()] + alt + path[m.end() :])
    ]


def named_paths(text: str) -> set[str]:
    found: set[str] = set()
    for m in _PATH.finditer(text):
        raw = m[0].rstrip(".,")  # the end of a sentence is not part of the path
        if raw == "app" or "*" in raw:
            continue
        found.update(p.rstrip("/") for p in _expand(raw))
    return found


def test_the_pattern_finds_paths_and_expands_braces():
    text = "see `app/db/files/journal.py`, app/importers/{readers,tables}/ and app/cli."
    assert named_paths(text) == {
        "app/db/files/journal.py",
        "app/importers/readers",
        "app/importers/tables",
        "app/cli",
    }


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_app_path_in_the_docs_exists(doc: Path):
    missing = sorted(
        p for p in named_paths(doc.read_text(encoding="utf-8")) if not (ROOT / p).exists()
    )
    assert not missing, f"{doc.relative_to(ROOT)} names files that do not exist: {missing}"


def tree_files(block: str) -> set[str]:
    """Files a layout tree names (`app/` at the top, folders ending in "/", indented):
    each `name.py` on a line is looked up in the folder that line sits in."""
    stack: list[tuple[int, str]] = []
    found: set[str] = set()
    for line in block.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        first = line.split()[0]
        while stack and stack[-1][0] >= indent and (first.endswith("/") or first.endswith(".py")):
            stack.pop()
        if first.endswith("/"):
            parent = stack[-1][1] + "/" if stack else ""
            stack.append((indent, parent + first.rstrip("/")))
        if not stack or not stack[-1][1].startswith("app"):
            continue
        folder = stack[-1][1]
        found.update(f"{folder}/{name}" for name in re.findall(r"(?<![\w/.])\w+\.py\b", line))
    return found


def test_the_tree_reader_follows_folders():
    block = "app/\n  core/   pure\n    text.py  NFC\n  db/\n    models.py orm\n"
    assert tree_files(block) == {"app/core/text.py", "app/db/models.py"}


def test_the_layout_tree_names_files_that_exist():
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```\n(.*?)```", text, re.S) if b.startswith("app/\n")]
    assert blocks, "the layout tree (a block starting with app/) is missing"
    names = tree_files(blocks[0])
    assert len(names) > 50
    missing = sorted(p for p in names if not (ROOT / p).exists())
    assert not missing, f"docs/ARCHITECTURE.md's layout names files that do not exist: {missing}"

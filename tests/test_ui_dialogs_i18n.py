"""Every tr("…") of the UI has an English entry; the catalogue stays sorted."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    str(p.relative_to(ROOT / "app" / "ui")) for p in (ROOT / "app" / "ui").rglob("*.py")
)


def tr_literals(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        name = getattr(node, "func", None) and getattr(node.func, "id", None)
        if isinstance(node, ast.Call) and name in ("tr", "tr_noop") and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
            else:  # tr(value) is allowed only for values that were marked with tr_noop
                assert name == "tr", f"{path.name}:{node.lineno}: tr_noop() needs a literal"
    return found


def catalogue() -> dict[str, str]:
    return json.loads((ROOT / "resources" / "i18n" / "en.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", MODULES)
def test_every_string_has_an_english_translation(name):
    path = ROOT / "app" / "ui" / name
    en = catalogue()
    missing = sorted(t for t in tr_literals(path) if not en.get(t))
    assert not missing, f"{name}: no English for {missing}"


def test_the_check_sees_the_whole_ui():
    assert len(MODULES) > 40
    assert sum(len(tr_literals(ROOT / "app" / "ui" / m)) for m in MODULES) > 500


def test_catalogue_is_sorted_by_key():
    keys = list(catalogue())
    assert keys == sorted(keys)

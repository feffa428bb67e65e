"""Every tr("…") of the calendar and dialogs has an English entry; the catalogue stays sorted."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "audit_dialog.py",
    "calendar_agenda.py",
    "calendar_days_dialog.py",
    "calendar_layout.py",
    "calendar_paint.py",
    "calendar_view.py",
    "departments_dialog.py",
    "departments_merge.py",
    "departments_model.py",
    "dialog_kit.py",
    "import_wizard.py",
    "import_wizard_model.py",
    "import_wizard_preview.py",
    "restore_dialog.py",
    "settings_dialog.py",
]


def tr_literals(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args:
            arg = node.args[0]
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                f"{path.name}:{node.lineno}: tr() needs a literal Vietnamese text"
            )
            found.add(arg.value)
    return found


def catalogue() -> dict[str, str]:
    return json.loads((ROOT / "resources" / "i18n" / "en.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [m for m in MODULES if (ROOT / "app" / "ui" / m).exists()])
def test_every_string_has_an_english_translation(name):
    path = ROOT / "app" / "ui" / name
    if not path.exists():
        pytest.fail(f"{name} is missing")
    en = catalogue()
    missing = sorted(t for t in tr_literals(path) if not en.get(t))
    assert not missing, f"{name}: no English for {missing}"


def test_catalogue_is_sorted_by_key():
    keys = list(catalogue())
    assert keys == sorted(keys)

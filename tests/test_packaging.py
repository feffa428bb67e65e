"""The one-folder build: made from installer.spec, it runs its self-test on its own.

CI builds the app with PyInstaller and runs `dondoc --selftest` from a copy in a
temporary folder outside the repository, with no source tree or virtual environment on
the path, so a missing plugin, font, translation or migration fails here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_built_app_passes_selftest_outside_the_repository(tmp_path_factory):
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(ROOT / "installer.spec"),
            "--noconfirm",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    built = work / "dist" / "dondoc"
    assert (built / ("dondoc.exe" if sys.platform == "win32" else "dondoc")).exists()
    # A copy elsewhere, run with a clean environment: no Python, no source tree.
    elsewhere = tmp_path_factory.mktemp("office-pc") / "Đôn Đốc"
    shutil.copytree(built, elsewhere)
    home = tmp_path_factory.mktemp("home")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "DONDOC_DATA_DIR": str(home / "data"),
        "LANG": "C.UTF-8",
    }
    if os.name == "nt":
        env = {**env, "SYSTEMROOT": os.environ.get("SYSTEMROOT", "")}
    exe = elsewhere / ("dondoc.exe" if sys.platform == "win32" else "dondoc")
    res = subprocess.run(
        [str(exe), "--selftest"], cwd=home, env=env, capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip().splitlines()[-1] == "ok"
    # The data went to the user's folder, never next to the program.
    assert (home / "data").exists()
    assert not list(elsewhere.rglob("*.db"))

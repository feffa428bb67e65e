#!/usr/bin/env python3
"""One entry point for setting up and running Đôn Đốc from a source checkout.

    python3 dev.py run [ARGS...]   install what is missing, then start the app
    python3 dev.py test [PYTEST ARGS...]
                                   install what is missing, then lint, type-check (mypy)
                                   and run every test

Only the standard library is used here, so this works on a machine that has nothing
but python3: uv is fetched from PyPI as a wheel when it is not on PATH, and on Debian or
Ubuntu the system libraries Qt needs (and PostgreSQL for the database tests) are
installed with apt-get when running as root.
"""

from __future__ import annotations

import io
import json
import os
import platform
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"

# Shared libraries PySide6 loads (offscreen and xcb platforms) -> Debian package names.
QT_LIBS = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libnss3.so": "libnss3",
}
# Programs the test suite uses, by the command that shows they are there -> Debian package:
# a real PostgreSQL server for the database tests, fontconfig for the printed PDFs, and
# binutils' objdump, which PyInstaller needs on Linux to build the app the tests run.
TEST_PROGRAMS = {"fc-list": "fontconfig", "objdump": "binutils"}


def say(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def _have_lib(name: str, cache: str) -> bool:
    return name in cache


def _apt_install(packages: list[str]) -> None:
    if not packages:
        return
    if not shutil.which("apt-get"):
        say(f"please install: {' '.join(packages)}")
        return
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        say(f"missing system packages (run as root to install): {' '.join(packages)}")
        return
    say(f"apt-get install {' '.join(packages)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=False,
        env=env,
    )


def ensure_system_packages(for_tests: bool) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        cache = subprocess.run(
            ["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        cache = ""
    missing = [pkg for lib, pkg in QT_LIBS.items() if not _have_lib(lib, cache)]
    if for_tests:
        if not _postgres_bin_dir():
            missing.append("postgresql")
        missing += [pkg for cmd, pkg in TEST_PROGRAMS.items() if not shutil.which(cmd)]
        missing += _python_shared_library(cache)
    _apt_install(sorted(set(missing)))


def _python_shared_library(cache: str) -> list[str]:
    """Debian's own python3 ships libpython in a separate package; PyInstaller needs it."""
    ver = f"{sys.version_info.major}.{sys.version_info.minor}"
    if sys.base_prefix != "/usr":  # pyenv, uv-managed or Windows Pythons carry their own
        return []
    return [] if f"libpython{ver}.so.1.0" in cache else [f"libpython{ver}"]


def _postgres_bin_dir() -> Path | None:
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / "initdb").exists() and (base / "postgres").exists():
            return base
    return None


def _uv_wheel_url() -> str:
    machine = platform.machine().lower()
    if sys.platform.startswith("linux"):
        arch = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}
        tag = f"manylinux_2_17_{arch.get(machine, machine)}"
    elif sys.platform == "win32":
        tag = "win_amd64" if machine in ("amd64", "x86_64") else "win_arm64"
    elif sys.platform == "darwin":
        tag = "macosx_11_0_arm64" if machine == "arm64" else "macosx_10_12_x86_64"
    else:
        raise SystemExit(f"no uv build known for {sys.platform}/{machine}; install uv by hand")
    api = "https://pypi.org/pypi/uv/json"
    with urllib.request.urlopen(api, timeout=60) as resp:
        info = json.load(resp)
    for f in info["urls"]:
        if f["filename"].endswith(".whl") and tag in f["filename"]:
            return urllib.parse.urljoin(api, f["url"])  # mirrors give relative links
    raise SystemExit(f"no uv wheel for {tag} on PyPI; install uv by hand")


def ensure_uv() -> str:
    """Path of a uv executable: on PATH, or fetched once into .tools/."""
    found = shutil.which("uv")
    if found:
        return found
    exe = TOOLS / ("uv.exe" if sys.platform == "win32" else "uv")
    if exe.exists():
        return str(exe)
    say("uv not found: downloading it from PyPI")
    url = _uv_wheel_url()
    with urllib.request.urlopen(url, timeout=300) as resp:
        data = resp.read()
    TOOLS.mkdir(exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.endswith(("/scripts/uv", "/scripts/uv.exe")):
                exe.write_bytes(zf.read(name))
                break
        else:
            raise SystemExit("the uv wheel has no uv executable")
    exe.chmod(0o755)
    return str(exe)


def uv_env(**extra: str) -> dict[str, str]:
    """uv trusts the system's certificate store (offices often sit behind a TLS proxy)."""
    env = dict(os.environ, **extra)
    env.setdefault("UV_SYSTEM_CERTS", "1")
    return env


def uv_sync(uv: str) -> None:
    subprocess.run([uv, "sync", "--frozen"], cwd=ROOT, check=True, env=uv_env())


def run_app(args: list[str]) -> int:
    ensure_system_packages(for_tests=False)
    uv = ensure_uv()
    uv_sync(uv)
    if not args:
        args = ["--demo"]  # the app loads the demo plan only into an empty database
    return subprocess.run(
        [uv, "run", "--frozen", "dondoc", *args], cwd=ROOT, env=uv_env()
    ).returncode


def run_tests(args: list[str]) -> int:
    ensure_system_packages(for_tests=True)
    uv = ensure_uv()
    uv_sync(uv)
    env = uv_env(QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    env.pop("DONDOC_DB", None)
    steps = [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["lint-imports"],
        ["mypy"],
        ["pytest", *args],
    ]
    for step in steps:
        say(" ".join(step))
        if step[0] == "mypy":
            rc = run_mypy(uv, env)
        else:
            rc = subprocess.run([uv, "run", "--frozen", *step], cwd=ROOT, env=env).returncode
        if rc != 0:
            say(f"FAILED: {' '.join(step)} (exit {rc})")
            return rc
    say("all checks passed")
    return 0


def run_mypy(uv: str, env: dict[str, str]) -> int:
    """The type check ([tool.mypy] in pyproject.toml; cached in .mypy_cache). On failure,
    the places to fix are listed again at the end, file and line first."""
    proc = subprocess.run(
        [uv, "run", "--frozen", "mypy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    if proc.returncode == 0:
        return 0
    errors = [line for line in proc.stdout.splitlines() if ": error: " in line]
    if errors:
        say(f"type errors ({len(errors)}), file:line first:")
        for line in errors[:40]:
            where, _, what = line.partition(": error: ")
            say(f"  {where}  {what}")
        if len(errors) > 40:
            say(f"  … and {len(errors) - 40} more")
        say("re-check with: uv run mypy   (strict below the UI: see [tool.mypy] in pyproject)")
    return proc.returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    if argv[0] == "run":
        return run_app(argv[1:])
    return run_tests(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Set up and run Career Planner from a source checkout, on any OS, with only Python 3.10+.

    python3 dev.py start [APP ARGS]    create .venv if needed, install, start the app
    python3 dev.py test [PYTEST ARGS]  create .venv if needed, install, run the whole test suite
    python3 dev.py lint                ruff, mypy and import-linter, as configured in pyproject.toml

The virtual environment lives in .venv/ and is reinstalled only when pyproject.toml
changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MIN_PYTHON = (3, 10)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv(extras: str) -> Path:
    python = venv_python()
    if not python.exists():
        print(f"dev.py: creating a virtual environment in {VENV}", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
        except Exception as exc:  # e.g. Debian without python3-venv
            sys.exit(
                f"dev.py: could not create {VENV}: {exc}\n"
                "On Debian/Ubuntu install it with: sudo apt-get install python3-venv"
            )
    stamp = VENV / ".careerplanner-installed"
    spec = (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    digest = hashlib.sha256(spec).hexdigest()
    if not stamp.exists() or stamp.read_text().strip() != digest:
        log = VENV / "install.log"
        print(
            f"dev.py: installing Career Planner{extras} and its dependencies "
            f"(a minute or two the first time; details in {log.relative_to(ROOT)})",
            flush=True,
        )
        with log.open("w", encoding="utf-8") as out:
            for step in (["--upgrade", "pip"], ["-e", f".{extras}"]):
                _quiet([python, "-m", "pip", "install", "--quiet", *step], out, log)
        stamp.write_text(digest)
        print("dev.py: ready", flush=True)
    return python


def _quiet(cmd: list[object], out: TextIO, log: Path) -> None:
    """Run a set-up step with its output in the log; show the log's end only on failure
    (pip and setuptools print warnings on success that read like errors)."""
    out.write(f"$ {' '.join(map(str, cmd))}\n")
    out.flush()
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, stdout=out, stderr=out)
    if code != 0:
        out.close()
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
        print("\n".join(tail), file=sys.stderr)
        sys.exit(f"dev.py: setting up failed (exit {code}); the whole output is in {log}")


def run(cmd: list[object], env: dict[str, str] | None = None) -> None:
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)
    if code != 0:
        sys.exit(code)


def main(argv: list[str]) -> int:
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"dev.py: Career Planner needs Python {'.'.join(map(str, MIN_PYTHON))} or newer")
    if not argv or argv[0] not in ("start", "test", "lint"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "start":
        python = ensure_venv("")
        return subprocess.call([str(python), "-m", "careerplanner", *rest], cwd=ROOT)
    python = ensure_venv("[test,dev]")
    if command == "test":
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)
    targets = [t for t in ("src", "tests", "bench", "packaging", "dev.py") if (ROOT / t).exists()]
    run([python, "-m", "ruff", "check", *targets])
    run([python, "-m", "ruff", "format", "--check", *targets])
    run([python, "-m", "mypy"])
    run([python, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

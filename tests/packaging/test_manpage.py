"""The manual page is made from the command line's own parser, so it lists every command
and option the program has (packaging/build-linux.sh builds it the same way)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from careerplanner.cli.parser import build_parser, manual_parser

ROOT = Path(__file__).resolve().parents[2]
EXTRA = ROOT / "packaging" / "linux" / "careerplanner.1.extra"


def _manpage(tmp_path: Path) -> str:
    out = tmp_path / "careerplanner.1"
    subprocess.run(
        [sys.executable, "-c", "from argparse_manpage.cli import main; main()",
         "--module", "careerplanner.cli.parser",
         "--function", "manual_parser", "--project-name", "Career Planner",
         "--prog", "careerplanner", "--version", "0.0", "--manual-title", "Career Planner",
         "--description", "plan and track your way to a new role",
         "--include", str(EXTRA), "--output", str(out)],
        check=True,
    )  # fmt: skip
    return out.read_text(encoding="utf-8").replace("\\-", "-")  # roff escapes hyphens


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_manual_page_lists_every_command_and_option(tmp_path: Path) -> None:
    page = _manpage(tmp_path)
    commands = _commands(build_parser())
    assert len(commands) >= 9
    for name, sub in commands.items():
        assert f"careerplanner {name}" in page, name
        for action in sub._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert flag in page, (name, flag)
    for flag in ("--data-dir", "--self-test", "--exit-when-shown", "--version"):
        assert flag in page
    for section in ("FILES", "ENVIRONMENT", "EXIT STATUS"):
        assert f'.SH "{section}"' in page or f".SH {section}" in page, section


def test_the_manual_page_names_no_build_machine_folder(tmp_path: Path) -> None:
    """The help names this computer's data folder; the page, the one every Linux user has."""
    page = _manpage(tmp_path)
    assert str(Path.home()) not in page
    assert "~/.local/share/CareerPlanner" in page
    assert manual_parser().format_help() != build_parser().format_help()


def test_help_lists_every_command() -> None:
    text = build_parser().format_help()
    for name in _commands(build_parser()):
        assert f"    {name}" in text, name

"""Text from a pack or a file reaches the terminal only as visible characters: terminal
escape sequences in a pack's title are shown as escapes by import-path and check (and
by every message); and ``check`` never calls a healthy database damaged because the disk
is full or the folder read-only."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from careerplanner import paths
from careerplanner.cli import main, safe_text
from packs_data import mini, write

#: Sets the terminal's title, clears the screen, rings the bell, moves the cursor, and
#: reverses the rest of the line.
EVIL = "Evil \x1b]0;pwned\x07\x1b[2J\x1b[1;1H\r\x9b31m Path \u202ereversed"
SHOWN = "Evil \\x1b]0;pwned\\x07\\x1b[2J\\x1b[1;1H\\x0d\\x9b31m Path \\u202ereversed"

CONTROL = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]} - {"\n", "\t"} | {"\u202e"}


def test_safe_text_shows_control_characters_as_escapes() -> None:
    assert safe_text(EVIL) == SHOWN
    assert safe_text("plain, accented é, 日本, tab\tand\nline") == (
        "plain, accented é, 日本, tab\tand\nline"
    )


def test_escape_codes_in_a_pack_never_reach_the_terminal(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = mini()
    pack["title"] = EVIL
    pack["phases"][0]["tutorials"][0]["title"] = "Tutorial \x1b[31m1"
    file = write(tmp_path, "evil.yaml", pack)
    assert main(["--data-dir", str(data_dir), "import-path", str(file)]) == 0
    out, err = capsys.readouterr()
    assert f"Imported “{SHOWN}”" in out
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    out2, err2 = capsys.readouterr()
    assert "Evil" in out2
    # A refusal that quotes the file's text: the same.
    assert main(["--data-dir", str(data_dir), "import-path", str(file)]) == 1
    out3, err3 = capsys.readouterr()
    assert f"“{SHOWN}”" in err3 and "already installed" in err3
    for text in (out, err, out2, err2, out3, err3):
        assert not CONTROL & set(text), repr(text)


@pytest.mark.skipif(not hasattr(os, "seteuid"), reason="POSIX permissions")
def test_check_of_a_healthy_database_in_a_read_only_folder_says_healthy() -> None:
    base = Path(tempfile.mkdtemp(prefix="cp-check-"))
    try:
        base.chmod(0o755)
        data_dir = base / "data"
        assert main(["--data-dir", str(data_dir), "backup"]) == 0
        for f in data_dir.rglob("*"):
            f.chmod(0o755 if f.is_dir() else 0o644)
        data_dir.chmod(0o555)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

        def someone_else() -> None:  # root ignores permissions
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)

        result = subprocess.run(
            [sys.executable, "-m", "careerplanner", "--data-dir", str(data_dir), "check"],
            capture_output=True, text=True, env=env, preexec_fn=someone_else, timeout=120,
        )  # fmt: skip
        data_dir.chmod(0o755)
        assert "damaged" not in result.stdout + result.stderr
        assert "Integrity check: ok" in result.stdout and "Healthy." in result.stdout
        assert result.returncode == 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="POSIX resource limits")
def test_check_on_a_full_disk_never_calls_the_database_damaged(data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    database = paths.database_path(data_dir)
    assert not Path(f"{database}-shm").exists()  # SQLite must make one to read it

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024, 8 * 1024))

    result = subprocess.run(
        [sys.executable, "-m", "careerplanner", "--data-dir", str(data_dir), "check"],
        capture_output=True, text=True, preexec_fn=full_disk, timeout=120,
    )  # fmt: skip
    assert "damaged" not in result.stdout + result.stderr
    assert "Integrity check: ok" in result.stdout and "Healthy." in result.stdout
    assert result.returncode == 0

"""The Linux desktop metadata: AppStream metainfo, the .desktop entry, the Debian changelog
and the copyright file's licence gathering, checked without building a package."""

from __future__ import annotations

import configparser
import gzip
import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import careerplanner

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.careerplanner.CareerPlanner"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
DESKTOP = LINUX / f"{APP_ID}.desktop"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, LINUX / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_metainfo_names_the_desktop_entry_and_the_current_release() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    for tag in ("name", "summary", "description", "content_rating", "screenshots"):
        assert root.find(tag) is not None, tag
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == careerplanner.__version__
    assert root.findtext("provides/binary") == "careerplanner"


def test_metainfo_screenshot_is_the_repository_screenshot() -> None:
    image = ET.parse(METAINFO).getroot().find("screenshots/screenshot/image")
    assert image is not None and image.text
    assert image.text.startswith("https://")
    # the canonical raw URL of docs/screenshot.png, at the size the file really has
    relative = image.text.split("/main/", 1)[1]
    png = (ROOT / relative).read_bytes()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (image.get("width"), image.get("height")) == (str(width), str(height))


def test_desktop_entry_starts_the_command_without_arguments() -> None:
    entry = _desktop_entry()
    # the command line takes no file or URL: %U or %F would hand it one it refuses
    assert entry["Exec"] == "careerplanner"
    assert entry["Icon"] == "careerplanner"
    assert entry["Name"] == ET.parse(METAINFO).getroot().findtext("name")


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None, reason="appstreamcli (Debian: appstream) is missing"
)
def test_metainfo_is_valid_for_appstreamcli() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate (Debian: desktop-file-utils) is missing",
)
def test_desktop_entry_is_valid() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_changelog_comes_from_the_metainfo_releases(tmp_path: Path) -> None:
    make_changelog = _load("make_changelog")
    out = tmp_path / "changelog.gz"
    args = [str(METAINFO), str(LINUX / "control.in"), careerplanner.__version__, str(out)]
    assert make_changelog.main(args) == 0
    raw = out.read_bytes()
    assert raw[4:8] == b"\0\0\0\0"  # no time stamp (gzip -n), so builds are reproducible
    text = gzip.decompress(raw).decode()
    first = text.splitlines()[0]
    assert first == f"careerplanner ({careerplanner.__version__}) unstable; urgency=medium"
    assert re.search(
        r"^ -- Career Planner developers <[^>]+>  \w{3}, \d\d \w{3} \d{4} ", text, re.M
    )
    assert "  * The first release" in text


def test_changelog_refuses_a_version_without_release_notes(tmp_path: Path) -> None:
    make_changelog = _load("make_changelog")
    out = tmp_path / "changelog.gz"
    args = [str(METAINFO), str(LINUX / "control.in"), "99.0.0", str(out)]
    with pytest.raises(SystemExit, match=r"not 99\.0\.0"):
        make_changelog.main(args)
    assert not out.exists()


def test_every_runtime_dependency_has_a_licence_in_its_metadata() -> None:
    """What make_copyright.py gathers for the .deb, from this environment's distributions."""
    make_copyright = _load("make_copyright")
    project = make_copyright._pyproject()["project"]
    dists = make_copyright.dependency_closure(project["dependencies"])
    names = {make_copyright._canonical(d.metadata["Name"]) for d in dists}
    assert {"pyside6-essentials", "shiboken6", "numpy", "pyqtgraph", "peewee", "fsrs"} <= names
    assert {"icalendar", "pyyaml", "platformdirs"} <= names
    for dist in dists:
        licence = make_copyright.dist_license(dist)
        assert licence not in ("other", "unknown"), dist.metadata["Name"]
        paragraph = make_copyright.dist_paragraph(dist, ["x"])
        assert re.search(r"^License: \S", paragraph, re.M)
        # a licence text or a pointer to the system's copy of it
        body = paragraph.split("\nLicense: ", 1)[1].split("\nComment:", 1)[0]
        assert len(body.splitlines()) > 1, dist.metadata["Name"]


def test_full_gpl_and_apache_texts_become_pointers() -> None:
    make_copyright = _load("make_copyright")
    gpl = (
        "Name: libfoo\n\n                    GNU GENERAL PUBLIC LICENSE\n"
        "                       Version 3, 29 June 2007\n  ...terms...\n"
        "                     END OF TERMS AND CONDITIONS\n\n How to Apply These Terms\n"
        "<https://www.gnu.org/licenses/why-not-lgpl.html>.\n\nName: libbar\n"
    )
    short = make_copyright.shorten_common_licenses(gpl)
    assert "/usr/share/common-licenses/GPL-3" in short
    assert "terms" not in short and "How to Apply" not in short
    assert short.startswith("Name: libfoo") and short.endswith("Name: libbar\n")

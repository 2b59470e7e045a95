"""The Windows installer and the macOS disk image copy what build.spec's bundle really holds.

The Inno Setup script and the release workflow name paths inside the PyInstaller bundle
(the .exe, the contents folder, the icon); a rename in build.spec would break a release
that runs only on a tag. The layout is derived from build.spec itself (its EXE, COLLECT and
BUNDLE calls, read with ast, without building), and checked against a built bundle when one
is present (build/dist/careerplanner from packaging/build-linux.sh).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
ISS = ROOT / "packaging" / "windows" / "careerplanner.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
BUILT = ROOT / "build" / "dist"


@dataclass(frozen=True)
class Layout:
    """What build.spec produces: dist/<folder>/<exe>[.exe] and dist/<folder>/<contents>/."""

    folder: str
    exe: str
    contents: str
    app_bundle: str

    def windows_entries(self) -> set[str]:
        return {f"{self.exe}.exe", self.contents}


def _constants(tree: ast.Module) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def _value(node: ast.expr, constants: dict[str, str]) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants[node.id]
    if isinstance(node, ast.JoinedStr):
        return "".join(
            _value(part.value, constants) if isinstance(part, ast.FormattedValue) else part.value
            for part in node.values
            if isinstance(part, ast.FormattedValue | ast.Constant)
        )
    raise AssertionError(f"build.spec: cannot evaluate {ast.dump(node)}")


def _call_kwargs(tree: ast.Module, func: str, constants: dict[str, str]) -> dict[str, str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == func:
            kwargs = {}
            for kw in node.keywords:
                if kw.arg and isinstance(kw.value, ast.Constant | ast.Name | ast.JoinedStr):
                    try:
                        kwargs[kw.arg] = _value(kw.value, constants)
                    except (KeyError, AssertionError):
                        continue
            return kwargs
    raise AssertionError(f"build.spec has no {func}() call")


def spec_layout() -> Layout:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    constants = _constants(tree)
    exe = _call_kwargs(tree, "EXE", constants)
    collect = _call_kwargs(tree, "COLLECT", constants)
    bundle = _call_kwargs(tree, "BUNDLE", constants)
    return Layout(
        folder=collect["name"],
        exe=exe["name"],
        # PyInstaller's default contents folder unless build.spec names another
        contents=exe.get("contents_directory", "_internal"),
        app_bundle=bundle["name"],
    )


def iss_sections() -> tuple[dict[str, str], dict[str, list[str]]]:
    """The #define values and the lines of each [Section] of the Inno Setup script."""
    defines: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        m = re.match(r'#\s*define\s+(\w+)\s+"([^"]*)"', line)
        if m:
            defines.setdefault(m.group(1), m.group(2))
            continue
        if not line or line.startswith((";", "#")):
            continue
        section = re.fullmatch(r"\[(\w+)\]", line)
        if section:
            current = section.group(1)
            sections[current] = []
        elif current:
            sections[current].append(line)
    return defines, sections


def _expand(text: str, defines: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], text)


def _params(line: str) -> dict[str, str]:
    """Name: "value"; Flags: a b  ->  {'Name': 'value', 'Flags': 'a b'}"""
    params = {}
    for part in re.findall(r'(\w+):\s*("[^"]*"|[^;]*)', line):
        params[part[0]] = part[1].strip().strip('"')
    return params


def app_paths() -> list[str]:
    """Every path inside the installed {app} folder that the script names."""
    defines, sections = iss_sections()
    paths = []
    for line in sections["Setup"]:
        key, _, value = line.partition("=")
        if "{app}" in value:
            paths.append(_expand(value.strip(), defines))
    for section, key in (("Icons", "Filename"), ("Run", "Filename"), ("InstallDelete", "Name")):
        for line in sections.get(section, []):
            value = _params(line).get(key, "")
            if value.startswith("{app}\\"):
                paths.append(_expand(value, defines))
    return paths


def workflow_steps() -> list[str]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]


def test_build_spec_layout_is_what_the_installers_expect() -> None:
    layout = spec_layout()
    assert layout == Layout(
        folder="careerplanner",
        exe="careerplanner",
        contents="_internal",
        app_bundle="Career Planner.app",
    )


def test_every_app_path_in_the_inno_setup_script_is_in_the_bundle() -> None:
    layout = spec_layout()
    paths = app_paths()
    # the Start-menu entry, the desktop icon, the uninstaller's icon, the launch after
    # installing, and the old contents folder an upgrade removes
    assert len(paths) >= 5, paths
    for path in paths:
        first = path.removeprefix("{app}\\").split("\\")[0]
        assert first in layout.windows_entries(), f"{path}: not in the bundle {layout}"


def test_inno_setup_copies_the_bundle_folder_the_workflow_builds() -> None:
    layout = spec_layout()
    defines, sections = iss_sections()
    sources = [_params(line)["Source"] for line in sections["Files"]]
    assert sources == ["{#SourceDir}\\*"], "the installer copies the whole bundle folder"
    assert defines["SourceDir"].split("\\")[-2:] == ["dist", layout.folder]
    runs = "\n".join(workflow_steps())
    assert "--distpath dist" in runs
    assert f'"/DSourceDir=$PWD\\dist\\{layout.folder}"' in runs
    # the setup icon: rendered by render_icons.py into build/icons before the installer
    icon = next(
        v for k, _, v in (s.partition("=") for s in sections["Setup"]) if k == "SetupIconFile"
    )
    icon_path = (ISS.parent / icon.replace("\\", "/")).resolve()
    assert icon_path == ROOT / "build" / "icons" / "careerplanner.ico"
    assert "packaging/render_icons.py build/icons" in runs


def test_render_icons_writes_the_icon_the_installer_uses(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "render_icons.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    ico = (tmp_path / "careerplanner.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # an ICONDIR of type icon
    assert (tmp_path / "careerplanner.icns").read_bytes()[:4] == b"icns"


def test_macos_paths_in_the_workflow_are_the_app_bundle() -> None:
    layout = spec_layout()
    runs = "\n".join(workflow_steps())
    assert f'"dist/{layout.app_bundle}/Contents/MacOS/{layout.exe}"' in runs
    assert f'bash packaging/macos/build-dmg.sh "dist/{layout.app_bundle}"' in runs


def test_frozen_self_test_runs_before_each_installer_is_built() -> None:
    names = [
        step.get("name", "")
        for step in yaml.safe_load(WORKFLOW.read_text())["jobs"]["build"]["steps"]
    ]
    for system, installer in (("Windows", "Installer (Windows"), ("macOS", "Disk image (macOS")):
        smoke = names.index(f"Smoke test the frozen app ({system})")
        build = next(i for i, n in enumerate(names) if n.startswith(installer))
        assert smoke < build, f"{system}: the installer is built before the frozen app is tested"


@pytest.mark.skipif(
    not (BUILT / "careerplanner").is_dir(),
    reason="no built bundle here (packaging/build-linux.sh makes build/dist/careerplanner)",
)
def test_a_built_bundle_has_the_derived_layout() -> None:
    layout = spec_layout()
    bundle = BUILT / layout.folder
    entries = {p.name for p in bundle.iterdir()}
    # Linux names the launcher without .exe; otherwise the same layout as on Windows
    assert entries == {layout.exe, layout.contents}
    assert (bundle / layout.contents / "resources").is_dir()

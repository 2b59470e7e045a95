"""Check the .deb's Depends: line against what the bundle really links.

    python3 packaging/linux/check_depends.py BUNDLE_DIR CONTROL_FILE

Reads the DT_NEEDED entries of every ELF file in the bundle (readelf), drops the
libraries the bundle carries itself, finds the rest on this machine (ldconfig) and the
Debian package that owns each (dpkg -S). Fails when a library is not found at all, or
when its package is not named in Depends: (alternatives count).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def needed(path: Path) -> set[str]:
    out = subprocess.run(
        ["readelf", "-d", str(path)], capture_output=True, text=True, check=False
    ).stdout
    return set(NEEDED.findall(out))


def system_libraries() -> dict[str, str]:
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    libs: dict[str, str] = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if m and ("x86-64" in m.group(2) or "64bit" in m.group(2)):
            libs.setdefault(m.group(1), m.group(3))
    return libs


def owner(path: str) -> str | None:
    real = str(Path(path).resolve())
    candidates = [path, real]
    for p in (path, real):
        if p.startswith("/usr/lib/"):
            candidates.append(p[len("/usr") :])
        elif p.startswith("/lib/"):
            candidates.append("/usr" + p)
    for candidate in candidates:
        res = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if res.returncode == 0:
            return res.stdout.split(":")[0].strip()
    return None


def depends(control: Path) -> set[str]:
    text = control.read_text()
    m = re.search(r"^Depends:(.*(?:\n .*)*)", text, re.M)
    if not m:
        return set()
    names = set()
    for item in m.group(1).replace("\n", " ").split(","):
        for alternative in item.split("|"):
            name = alternative.strip().split(" ")[0]
            if name:
                names.add(name)
    return names


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    bundle, control = Path(argv[0]), Path(argv[1])
    files = elf_files(bundle)
    carried = {p.name for p in bundle.rglob("*")}
    wanted: set[str] = set()
    for path in files:
        wanted |= needed(path)
    external = sorted(name for name in wanted if name not in carried)
    system = system_libraries()
    declared = depends(control)
    problems = []
    packages: dict[str, list[str]] = {}
    for lib in external:
        if lib not in system:
            problems.append(f"{lib}: not found on this machine")
            continue
        package = owner(system[lib])
        if package is None:
            problems.append(f"{lib}: no Debian package owns {system[lib]}")
            continue
        package = package.split(":")[0]
        packages.setdefault(package, []).append(lib)
        if package not in declared:
            problems.append(f"{lib}: package {package} is missing from Depends:")
    for package, libs in sorted(packages.items()):
        print(f"  {package:24} {' '.join(libs)}")
    if problems:
        for problem in problems:
            print(f"check_depends: {problem}", file=sys.stderr)
        return 1
    print(
        f"check_depends: {len(files)} ELF files need {len(external)} system libraries "
        f"from {len(packages)} packages, all in Depends:"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

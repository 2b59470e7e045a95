"""Write the .deb's machine-readable (DEP-5) copyright file from what the bundle carries.

    build/pkg-venv/bin/python packaging/linux/make_copyright.py BUNDLE_DIR OUT_FILE

Run with the build environment's Python (the one PyInstaller froze), so that what it reads
is what went into the bundle. Nothing here is typed by hand:

* the project: LICENSE at the top of the repository, and pyproject.toml's licence;
* each bundled Python distribution (the closure of pyproject.toml's dependencies, kept when
  its code is in the bundle: a folder in _internal/ or a module in the launcher's archive):
  name, version, licence, copyright lines and licence texts from its installed metadata
  (importlib.metadata), or, for a licence its metadata names without a text, the file in
  /usr/share/common-licenses;
* Python itself: the interpreter's LICENSE.txt;
* the system libraries PyInstaller copied for the Python runtime (libz, libsqlite3, ...):
  the copyright file of the Debian package that owns each on the build machine.

Fails, writing nothing, when a bundled library has no known licence.
"""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "opt/careerplanner"
FORMAT = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
COMMON_LICENSES = {
    "apache-2.0": "Apache-2.0",
    "gpl-2.0-only": "GPL-2",
    "gpl-2.0-or-later": "GPL-2",
    "gpl-3.0-only": "GPL-3",
    "gpl-3.0-or-later": "GPL-3",
    "lgpl-2.1-only": "LGPL-2.1",
    "lgpl-2.1-or-later": "LGPL-2.1",
    "lgpl-3.0-only": "LGPL-3",
    "lgpl-3.0-or-later": "LGPL-3",
    "mpl-2.0": "MPL-2.0",
    "cc0-1.0": "CC0-1.0",
}
COPYRIGHT_LINE = re.compile(r"^\s*(?:copyright\b|\(c\)|©)", re.I)


def _field(text: str) -> str:
    """A deb822 multi-line field value: each line indented, empty lines as ' .'."""
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    return "\n".join(f" {line}" if line.strip() else " ." for line in lines)


def _copyright_lines(texts: Iterable[str], limit: int = 40) -> list[str]:
    found: list[str] = []
    for text in texts:
        for line in text.splitlines():
            field = re.match(r"^Copyright:\s*(\S.*)$", line)  # a Debian copyright file's field
            line = field.group(1) if field else line.strip().strip("#*/ ").strip()
            wanted = field or COPYRIGHT_LINE.match(line)
            if wanted and len(line) < 200 and line not in found:
                found.append(line)
    return found[:limit]


def _license_from_text(text: str) -> str | None:
    """Name a licence text that its distribution's metadata does not name."""
    flat = " ".join(text.split())
    if "Permission is hereby granted, free of charge, to any person obtaining a copy" in flat:
        return "MIT"
    return None


def _debian_licenses(text: str) -> str:
    """The short licence names of a Debian copyright file, joined with 'and'."""
    names: list[str] = []
    for value in re.findall(r"^License:[ \t]*(\S[^\n]*)$", text, re.M):
        value = value.strip()
        short = re.fullmatch(r"[\w.+~-]+(?:\s+(?:or|and|with)\s+[\w.+~-]+)*", value, re.I)
        if short and value not in names:
            names.append(value)
    return " and ".join(names) if names else "other"


# Full texts of licences Debian keeps in /usr/share/common-licenses: (heading, file name).
# A copy inside a licence file is replaced by a pointer there, as Debian policy asks.
FULL_TEXTS = (
    (r"GNU GENERAL PUBLIC LICENSE\s+Version 3", "GPL-3"),
    (r"GNU GENERAL PUBLIC LICENSE\s+Version 2", "GPL-2"),
    (r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3", "LGPL-3"),
    (r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1", "LGPL-2.1"),
    (r"Apache License\s+Version 2\.0, January 2004", "Apache-2.0"),
)
END_OF_TERMS = "END OF TERMS AND CONDITIONS"
# What may follow the terms: GPL's "How to Apply These Terms", Apache's appendix.
APPENDIX_ENDS = ("why-not-lgpl.html>.", "limitations under the License.")


def shorten_common_licenses(text: str) -> str:
    for heading, name in FULL_TEXTS:
        while True:
            m = re.search(heading, text)
            end = text.find(END_OF_TERMS, m.end()) if m else -1
            if not m or end < 0:
                break
            end += len(END_OF_TERMS)
            for marker in APPENDIX_ENDS:
                tail = text.find(marker, end, end + 4000)
                if tail >= 0:
                    end = tail + len(marker)
            start = text.rfind("\n", 0, m.start()) + 1
            pointer = f"[The full text of this licence is in /usr/share/common-licenses/{name}.]"
            text = text[:start] + pointer + text[end:]
    return text


def _paragraph(
    files: list[str], copyright_: list[str], license_: str, body: str, comment: str
) -> str:
    out = ["Files: " + "\n ".join(files)]
    out.append("Copyright: " + ("\n ".join(copyright_) if copyright_ else "unknown"))
    out.append(f"License: {license_}")
    if body.strip():
        out.append(_field(body))
    if comment.strip():
        out.append("Comment:\n" + _field(comment))
    return "\n".join(out)


def _common_license_note(expression: str) -> str:
    notes = []
    for name in re.findall(r"[A-Za-z0-9.+-]+", expression):
        target = COMMON_LICENSES.get(name.lower())
        if target and Path("/usr/share/common-licenses", target).exists():
            note = f"The full text of {name} is in /usr/share/common-licenses/{target}."
            if note not in notes:
                notes.append(note)
    return "\n".join(notes)


# -- the project ----------------------------------------------------------------------------
def _pyproject() -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: pip's vendored copy
        from pip._vendor import tomli as tomllib
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def project_paragraph(project: dict) -> str:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    return _paragraph(
        ["*"],
        _copyright_lines([text]),
        str(project.get("license", "unknown")),
        text,
        "Career Planner itself, and packaging/linux/icudata_stub.c built into "
        f"{PREFIX}/_internal/PySide6/Qt/lib/libicudata.so.*",
    )


# -- Python distributions -------------------------------------------------------------------
def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dependency_closure(requirements: list[str]) -> list[metadata.Distribution]:
    from packaging.requirements import Requirement

    seen: dict[str, metadata.Distribution] = {}
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        key = _canonical(req.name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue  # an optional dependency that is not installed is not bundled either
        seen[key] = dist
        todo.extend(Requirement(r) for r in dist.requires or [])
    return sorted(seen.values(), key=lambda d: _canonical(d.metadata["Name"]))


def top_level_names(dist: metadata.Distribution) -> list[str]:
    names: set[str] = set()
    for file in dist.files or []:
        first = file.parts[0]
        if first.endswith((".dist-info", ".data", ".egg-info")) or first in ("..", "__pycache__"):
            continue
        if first.endswith(".libs") or len(file.parts) > 1:
            names.add(first)
        elif first.endswith(".py"):
            names.add(first[:-3])
        elif ".cpython-" in first or first.endswith((".so", ".pyd")):
            names.add(first.split(".")[0])
    return sorted(names)


def archived_modules(launcher: Path) -> set[str]:
    """Top-level module names in the PYZ archive appended to the PyInstaller launcher."""
    import tempfile

    from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader

    carchive = CArchiveReader(str(launcher))
    names: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for entry, (*_offsets, kind) in carchive.toc.items():
            if kind == "z":  # the PYZ archive of byte-compiled modules
                pyz = Path(tmp, "archive.pyz")
                pyz.write_bytes(carchive.extract(entry))
                names |= {name.split(".")[0] for name in ZlibArchiveReader(str(pyz)).toc}
    return names


def license_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of each licence file the distribution installed."""
    wanted = set(dist.metadata.get_all("License-File") or [])
    texts = []
    for file in dist.files or []:
        parts = file.parts
        in_dist_info = parts[0].endswith(".dist-info") and len(parts) > 1
        if not in_dist_info:
            continue
        name = "/".join(parts[1:])
        is_license = (
            parts[1] == "licenses"
            or re.match(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", parts[-1], re.I)
            or name in wanted
        )
        if is_license:
            path = Path(str(file.locate()))
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                texts.append((name, shorten_common_licenses(text)))
    return texts


def dist_license(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    licence = (meta.get("License") or "").strip()
    if licence and "\n" not in licence and len(licence) < 80:
        return licence
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if classifiers:
        return " OR ".join(classifiers)
    for _name, text in license_texts(dist):
        named = _license_from_text(text)
        if named:
            return named
    return "other"


def dist_paragraph(dist: metadata.Distribution, tops: list[str]) -> str:
    meta = dist.metadata
    texts = license_texts(dist)
    licence = dist_license(dist)
    holders = _copyright_lines(text for _name, text in texts)
    if not holders:
        author = meta.get("Author") or meta.get("Author-email") or meta.get("Maintainer")
        holders = [author.strip()] if author else [f"the {meta['Name']} developers"]
    body = "\n\n".join(f"{name}:\n\n{text}" for name, text in texts)
    if not body:
        body = _common_license_note(licence)
    files = [f"{PREFIX}/_internal/{top}/*" for top in tops]
    comment = (
        f"{meta['Name']} {meta['Version']} (Python distribution); licence and copyright "
        "from its installed metadata. Its Python modules are byte-compiled into the archive "
        f"appended to {PREFIX}/careerplanner."
    )
    return _paragraph(files, holders, licence, body, comment)


# -- Python itself and the system libraries it links ---------------------------------------
def python_paragraph() -> str:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [
        Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt",
        Path(sys.base_prefix) / "LICENSE.txt",
        Path(f"/usr/share/doc/python{version}/copyright"),
    ]
    source = next((p for p in candidates if p.is_file()), None)
    if source is None:
        raise SystemExit(f"make_copyright: no licence file of Python {version} found")
    text = shorten_common_licenses(source.read_text(encoding="utf-8", errors="replace"))
    return _paragraph(
        [
            f"{PREFIX}/careerplanner",
            f"{PREFIX}/_internal/libpython{version}*",
            f"{PREFIX}/_internal/python{version}/*",
            f"{PREFIX}/_internal/base_library.zip",
        ],
        _copyright_lines([text], limit=12),
        "PSF-2.0",
        text,
        f"Python {sys.version.split()[0]} (from {source}), and PyInstaller's launcher "
        "(GPL-2.0-or-later with an exception that allows distributing the launcher "
        "with any program).",
    )


def _system_library_path(name: str) -> str | None:
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if m and m.group(1) == name and ("x86-64" in m.group(2) or "64bit" in m.group(2)):
            return m.group(3)
    return None


def _debian_owner(path: str) -> str | None:
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


def system_library_paragraphs(bundle: Path) -> list[str]:
    internal = bundle / "_internal"
    libs = sorted(
        p.name
        for p in internal.glob("lib*.so*")
        if p.is_file() and not p.is_symlink() and not p.name.startswith("libpython")
    )
    paragraphs, problems = [], []
    for lib in libs:
        path = _system_library_path(lib)
        package = _debian_owner(path) if path else None
        copyright_file = Path("/usr/share/doc", package or "-", "copyright")
        if not package or not copyright_file.is_file():
            problems.append(f"{lib}: no Debian package with a copyright file owns it here")
            continue
        text = copyright_file.read_text(encoding="utf-8", errors="replace")
        version = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True
        ).stdout.strip()
        paragraphs.append(
            _paragraph(
                [f"{PREFIX}/_internal/{lib}"],
                _copyright_lines([text], limit=12),
                _debian_licenses(text),
                "",
                f"A copy of {lib} from the Debian package {package} {version}, which "
                f"Python's runtime links. That package's copyright file follows.\n\n{text}",
            )
        )
    if problems:
        raise SystemExit("make_copyright: " + "; ".join(problems))
    return paragraphs


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    bundle, out = Path(argv[0]), Path(argv[1])
    project = _pyproject()["project"]
    in_archive = archived_modules(bundle / "careerplanner")
    internal = bundle / "_internal"
    paragraphs = [
        "\n".join(
            [
                f"Format: {FORMAT}",
                "Upstream-Name: Career Planner",
                "Upstream-Contact: Career Planner developers",
                "Comment:",
                _field(
                    "Career Planner bundles Python, Qt (through PySide6) and the Python "
                    "distributions below in /opt/careerplanner. This file is generated at "
                    "build time by packaging/linux/make_copyright.py from their installed "
                    "metadata."
                ),
            ]
        ),
        project_paragraph(project),
        python_paragraph(),
    ]
    bundled = []
    for dist in dependency_closure(project.get("dependencies", [])):
        tops = [t for t in top_level_names(dist) if (internal / t).exists() or t in in_archive]
        if tops:
            bundled.append(dist.metadata["Name"])
            paragraphs.append(dist_paragraph(dist, tops))
    paragraphs.extend(system_library_paragraphs(bundle))
    out.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    print(f"make_copyright: {out}: {', '.join(bundled)}, Python and the runtime's libraries")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Write the .deb's changelog.gz from the AppStream metadata's <releases>.

    python3 packaging/linux/make_changelog.py METAINFO.xml CONTROL.in VERSION OUT.gz

One list of releases serves both: software centres read the metainfo, dpkg and lintian the
Debian changelog. Fails when the newest release in the metainfo is not VERSION (the version
being packaged), so a release cannot go out without its notes. The file is compressed like
`gzip -9n` (no name, no time stamp), so that the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path


def releases(metainfo: Path) -> list[tuple[str, dt.date, list[str]]]:
    """(version, date, paragraphs and list items) of each release, newest first."""
    root = ET.parse(metainfo).getroot()
    found = []
    for release in root.iterfind("./releases/release"):
        version = release.get("version") or ""
        date = dt.date.fromisoformat(release.get("date") or "")
        items = [
            " ".join("".join(node.itertext()).split())
            for node in release.iterfind("./description//*")
            if node.tag in ("p", "li")
        ]
        found.append((version, date, items or [f"Release {version}."]))
    return found


def maintainer(control_in: Path) -> str:
    m = re.search(r"^Maintainer:\s*(.+)$", control_in.read_text(encoding="utf-8"), re.M)
    if not m:
        raise SystemExit(f"make_changelog: no Maintainer: in {control_in}")
    return m.group(1).strip()


def changelog(entries: list[tuple[str, dt.date, list[str]]], who: str) -> str:
    out = []
    for version, date, items in entries:
        stamp = dt.datetime.combine(date, dt.time(12, 0), dt.timezone.utc)
        lines = [f"careerplanner ({version}) unstable; urgency=medium", ""]
        for item in items:
            lines += textwrap.wrap(item, 78, initial_indent="  * ", subsequent_indent="    ")
        lines += ["", f" -- {who}  {stamp.strftime('%a, %d %b %Y %H:%M:%S %z')}", ""]
        out.append("\n".join(lines))
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    metainfo, control_in, version, out = Path(argv[0]), Path(argv[1]), argv[2], Path(argv[3])
    entries = releases(metainfo)
    if not entries or entries[0][0] != version:
        newest = entries[0][0] if entries else "none"
        raise SystemExit(
            f"make_changelog: the newest release in {metainfo.name} is {newest}, not {version}: "
            "add a <release> with its notes"
        )
    text = changelog(entries, maintainer(control_in)).encode("utf-8")
    with (
        out.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as f,
    ):
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

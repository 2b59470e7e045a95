#!/usr/bin/env bash
# Build Career Planner for Linux from a clean clone, with one command:
#
#   bash packaging/build-linux.sh
#
# 1. a build environment in build/pkg-venv (the app and the pinned PyInstaller,
#    packaging/requirements.txt), reused while those files are unchanged;
# 2. the PyInstaller one-folder bundle from build.spec (build/dist/careerplanner);
# 3. dist/careerplanner_VERSION_ARCH.deb (built with dpkg-deb): the bundle in
#    /opt/careerplanner, the `careerplanner` command, a .desktop entry, AppStream metadata,
#    hicolor icons, a changelog and a DEP-5 copyright file generated from the metadata of
#    what the bundle carries, and lintian overrides for what a bundle in /opt cannot avoid;
# 4. dist/careerplanner-VERSION-linux-ARCH.tar.gz: the portable bundle;
# 5. dist/SHA256SUMS-linux.
#
# Needs python3 (3.10+, with venv), dpkg-deb, binutils (readelf), elfutils (eu-strip) and
# chrpath.
# PYTHON=/path/to/python3 picks the interpreter; OUT_DIR=... the output folder.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
OUT_DIR="${OUT_DIR:-$ROOT/dist}"
VENV="$ROOT/build/pkg-venv"
BUNDLE="$ROOT/build/dist/careerplanner"
ICONS="$ROOT/build/icons"

for tool in dpkg-deb readelf eu-strip chrpath "$PYTHON"; do
  command -v "$tool" >/dev/null || { echo "build-linux: $tool is missing" >&2; exit 1; }
done

# -- 1. build environment --------------------------------------------------------------------
stamp="$VENV/.build-stamp"
want="$(cat pyproject.toml packaging/requirements.txt src/careerplanner/__init__.py | sha256sum | cut -c1-64)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "build-linux: setting up $VENV"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -r packaging/requirements.txt "$ROOT"
  # Keep only the dependencies: build.spec takes the app itself from src/.
  "$VENV/bin/python" -m pip uninstall --quiet -y careerplanner
  echo "$want" >"$stamp"
fi
PY="$VENV/bin/python"

# -- 2. the bundle ---------------------------------------------------------------------------
rm -rf "$ICONS"
QT_QPA_PLATFORM=offscreen "$PY" packaging/render_icons.py "$ICONS"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/build/dist" --workpath "$ROOT/build/pyi" build.spec
[ -x "$BUNDLE/careerplanner" ] || { echo "build-linux: no bundle in $BUNDLE" >&2; exit 1; }

VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' src/careerplanner/__init__.py)"
ARCH="$(dpkg --print-architecture)"
# The newest glibc symbol version any file of the bundle needs: the .deb's libc6 floor.
LIBC_VERSION="$(find "$BUNDLE" -type f \( -name '*.so*' -o -name careerplanner \) \
  -exec readelf --dyn-syms --wide {} + 2>/dev/null | grep -o 'GLIBC_[0-9.]*' \
  | sed 's/GLIBC_//' | sort -uV | tail -1)"

# -- 3. the .deb -----------------------------------------------------------------------------
APP_ID="io.github.careerplanner.CareerPlanner"
STAGE="$ROOT/build/deb/careerplanner_${VERSION}_${ARCH}"
DOC="$STAGE/usr/share/doc/careerplanner"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/metainfo" "$STAGE/usr/share/lintian/overrides" "$DOC"
cp -a "$BUNDLE" "$STAGE/opt/careerplanner"
printf '#!/bin/sh\nexec /opt/careerplanner/careerplanner "$@"\n' >"$STAGE/usr/bin/careerplanner"
chmod 0755 "$STAGE/usr/bin/careerplanner"
install -m 0644 "packaging/linux/$APP_ID.desktop" "$STAGE/usr/share/applications/"
install -m 0644 "packaging/linux/$APP_ID.metainfo.xml" "$STAGE/usr/share/metainfo/"
mkdir -p "$STAGE/usr/share/icons"
cp -r "$ICONS/hicolor" "$STAGE/usr/share/icons/"
# The licences of everything in the bundle, gathered from the installed distributions'
# metadata; the changelog, from the metainfo's <releases>.
"$PY" packaging/linux/make_copyright.py "$BUNDLE" "$DOC/copyright"
"$PY" packaging/linux/make_changelog.py "packaging/linux/$APP_ID.metainfo.xml" \
  packaging/linux/control.in "$VERSION" "$DOC/changelog.gz"
# What lintian reports that a self-contained bundle in /opt cannot avoid, each with its reason.
install -m 0644 packaging/linux/careerplanner.lintian-overrides \
  "$STAGE/usr/share/lintian/overrides/careerplanner"
# The manual page, generated from the command line's own parser (so it never drifts) with
# the files, environment and exit status of packaging/linux/careerplanner.1.extra.
mkdir -p "$STAGE/usr/share/man/man1"
PYTHONPATH="$ROOT/src" "$VENV/bin/argparse-manpage" --module careerplanner.cli.parser \
  --function manual_parser --project-name "Career Planner" --prog careerplanner \
  --version "$VERSION" --description "plan and track your way to a new role" \
  --manual-title "Career Planner Manual" --include packaging/linux/careerplanner.1.extra \
  --output "$ROOT/build/careerplanner.1"
gzip -9n <"$ROOT/build/careerplanner.1" >"$STAGE/usr/share/man/man1/careerplanner.1.gz"
find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE/usr/share" -type f -exec chmod 0644 {} +
INSTALLED_SIZE="$(du -sk --apparent-size --exclude=DEBIAN "$STAGE" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@INSTALLED_SIZE@/$INSTALLED_SIZE/" \
  -e "s/@LIBC_VERSION@/$LIBC_VERSION/" packaging/linux/control.in >"$STAGE/DEBIAN/control"
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
  | xargs -0 md5sum) >"$STAGE/DEBIAN/md5sums"
chmod 0644 "$STAGE/DEBIAN/md5sums"

mkdir -p "$OUT_DIR"
DEB="$OUT_DIR/careerplanner_${VERSION}_${ARCH}.deb"
rm -f "$DEB"
# xz level 9 (a 64 MiB dictionary): about 1 MiB smaller than dpkg-deb's default level 6 for
# this bundle; -Sextreme takes a third longer and gains nothing here.
dpkg-deb --root-owner-group -Zxz -z9 --build "$STAGE" "$DEB" >/dev/null

# -- 4. the portable .tar.gz -----------------------------------------------------------------
TARDIR="careerplanner-$VERSION"
TARBALL="$OUT_DIR/careerplanner-${VERSION}-linux-${ARCH}.tar.gz"
rm -rf "$ROOT/build/tar" && mkdir -p "$ROOT/build/tar"
cp -a "$BUNDLE" "$ROOT/build/tar/$TARDIR"
cp "packaging/linux/$APP_ID.desktop" "$ICONS/hicolor/256x256/apps/careerplanner.png" \
  "$DOC/copyright" "$ROOT/build/tar/$TARDIR/"
tar -C "$ROOT/build/tar" --owner=0 --group=0 -czf "$TARBALL" "$TARDIR"

# -- 5. checksums and sizes ------------------------------------------------------------------
(cd "$OUT_DIR" && sha256sum "$(basename "$DEB")" "$(basename "$TARBALL")" >SHA256SUMS-linux)
echo "build-linux: bundle  $(du -sh "$BUNDLE" | cut -f1) unpacked ($BUNDLE)"
echo "build-linux: .deb    $(du -h "$DEB" | cut -f1) ($DEB; Depends libc6 >= $LIBC_VERSION)"
echo "build-linux: .tar.gz $(du -h "$TARBALL" | cut -f1) ($TARBALL)"

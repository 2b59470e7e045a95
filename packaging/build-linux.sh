#!/usr/bin/env bash
# Build Career Planner for Linux from a clean clone, with one command:
#
#   bash packaging/build-linux.sh
#
# 1. a build environment in build/pkg-venv (the app and the pinned PyInstaller,
#    packaging/requirements.txt), reused while those files are unchanged;
# 2. the PyInstaller one-folder bundle from build.spec (build/dist/careerplanner);
# 3. dist/careerplanner_VERSION_ARCH.deb (built with dpkg-deb): the bundle in
#    /opt/careerplanner, the `careerplanner` command, a .desktop entry and hicolor icons;
# 4. dist/careerplanner-VERSION-linux-ARCH.tar.gz: the portable bundle;
# 5. dist/SHA256SUMS-linux.
#
# Needs python3 (3.10+, with venv), dpkg-deb and binutils (readelf, strip).
# PYTHON=/path/to/python3 picks the interpreter; OUT_DIR=... the output folder.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
OUT_DIR="${OUT_DIR:-$ROOT/dist}"
VENV="$ROOT/build/pkg-venv"
BUNDLE="$ROOT/build/dist/careerplanner"
ICONS="$ROOT/build/icons"

for tool in dpkg-deb readelf "$PYTHON"; do
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
STAGE="$ROOT/build/deb/careerplanner_${VERSION}_${ARCH}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/doc/careerplanner"
cp -a "$BUNDLE" "$STAGE/opt/careerplanner"
cat >"$STAGE/usr/bin/careerplanner" <<'EOF'
#!/bin/sh
exec /opt/careerplanner/careerplanner "$@"
EOF
chmod 0755 "$STAGE/usr/bin/careerplanner"
install -m 0644 packaging/linux/careerplanner.desktop "$STAGE/usr/share/applications/"
mkdir -p "$STAGE/usr/share/icons"
cp -r "$ICONS/hicolor" "$STAGE/usr/share/icons/"
cat >"$STAGE/usr/share/doc/careerplanner/copyright" <<'EOF'
Career Planner: MIT License. Bundled: Python (PSF License), Qt 6 and PySide6 (LGPLv3),
numpy and OpenBLAS (BSD), pyqtgraph (MIT), peewee (MIT), PyYAML (MIT), platformdirs (MIT),
fsrs (MIT), icalendar (BSD).
EOF
find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE/usr/share" -type f -exec chmod 0644 {} +
INSTALLED_SIZE="$(du -sk --apparent-size "$STAGE" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@INSTALLED_SIZE@/$INSTALLED_SIZE/" \
  -e "s/@LIBC_VERSION@/$LIBC_VERSION/" packaging/linux/control.in >"$STAGE/DEBIAN/control"

mkdir -p "$OUT_DIR"
DEB="$OUT_DIR/careerplanner_${VERSION}_${ARCH}.deb"
rm -f "$DEB"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null

# -- 4. the portable .tar.gz -----------------------------------------------------------------
TARDIR="careerplanner-$VERSION"
TARBALL="$OUT_DIR/careerplanner-${VERSION}-linux-${ARCH}.tar.gz"
rm -rf "$ROOT/build/tar" && mkdir -p "$ROOT/build/tar"
cp -a "$BUNDLE" "$ROOT/build/tar/$TARDIR"
cp packaging/linux/careerplanner.desktop "$ICONS/hicolor/256x256/apps/careerplanner.png" \
  "$ROOT/build/tar/$TARDIR/"
tar -C "$ROOT/build/tar" --owner=0 --group=0 -czf "$TARBALL" "$TARDIR"

# -- 5. checksums and sizes ------------------------------------------------------------------
(cd "$OUT_DIR" && sha256sum "$(basename "$DEB")" "$(basename "$TARBALL")" >SHA256SUMS-linux)
echo "build-linux: bundle  $(du -sh "$BUNDLE" | cut -f1) unpacked ($BUNDLE)"
echo "build-linux: .deb    $(du -h "$DEB" | cut -f1) ($DEB; Depends libc6 >= $LIBC_VERSION)"
echo "build-linux: .tar.gz $(du -h "$TARBALL" | cut -f1) ($TARBALL)"

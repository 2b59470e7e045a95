#!/usr/bin/env bash
# Build the Linux packages, install the .deb on this machine and start the installed app.
#
#   bash packaging/check-linux.sh        (as root, or with sudo; .ci/run calls it)
#
# Fails when: the build fails; the .deb's Depends: misses a library the bundle links;
# the bundle or the .deb is over its size limit; the .deb does not install with apt;
# the installed `careerplanner --self-test` fails offscreen or under a real X server
# (Xvfb, platform plugin xcb); the window does not come up under Xvfb; the portable
# .tar.gz does not start; or Qt reports any plugin error in any of these runs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT_DIR="${OUT_DIR:-$ROOT/dist}"
MAX_BUNDLE_MB="${MAX_BUNDLE_MB:-140}"
MAX_DEB_MB="${MAX_DEB_MB:-55}"

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
for p in dpkg-dev binutils gcc libc6-dev xvfb xauth python3-venv desktop-file-utils; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "check-linux: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

OUT_DIR="$OUT_DIR" bash packaging/build-linux.sh

VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' src/careerplanner/__init__.py)"
ARCH="$(dpkg --print-architecture)"
DEB="$OUT_DIR/careerplanner_${VERSION}_${ARCH}.deb"
TARBALL="$OUT_DIR/careerplanner-${VERSION}-linux-${ARCH}.tar.gz"
BUNDLE="$ROOT/build/dist/careerplanner"

fail() { echo "check-linux: FAILED: $*" >&2; exit 1; }

# -- Depends: covers every system library the bundle links --------------------------------
python3 packaging/linux/check_depends.py "$BUNDLE" \
  "$ROOT/build/deb/careerplanner_${VERSION}_${ARCH}/DEBIAN/control" || fail "Depends: line"

# -- sizes ---------------------------------------------------------------------------------
bundle_mb=$(( $(du -sk "$BUNDLE" | cut -f1) / 1024 ))
deb_mb=$(( $(stat -c %s "$DEB") / 1024 / 1024 ))
tar_mb=$(( $(stat -c %s "$TARBALL") / 1024 / 1024 ))
echo "check-linux: sizes: bundle ${bundle_mb} MB unpacked, .deb ${deb_mb} MB, .tar.gz ${tar_mb} MB"
[ "$bundle_mb" -le "$MAX_BUNDLE_MB" ] || fail "bundle ${bundle_mb} MB > ${MAX_BUNDLE_MB} MB"
[ "$deb_mb" -le "$MAX_DEB_MB" ] || fail ".deb ${deb_mb} MB > ${MAX_DEB_MB} MB"

# -- install the .deb the way a user does (apt resolves Depends:) ---------------------------
export DEBIAN_FRONTEND=noninteractive
if dpkg -s careerplanner >/dev/null 2>&1; then
  $SUDO apt-get remove -y -qq careerplanner >/dev/null
fi
$SUDO apt-get install -y -qq "$DEB" >/dev/null || fail "apt-get install $DEB"
[ -x /opt/careerplanner/careerplanner ] || fail "/opt/careerplanner/careerplanner missing"
[ "$(command -v careerplanner)" = /usr/bin/careerplanner ] || fail "careerplanner not on PATH"
[ -f /usr/share/applications/careerplanner.desktop ] || fail ".desktop entry missing"
[ -f /usr/share/icons/hicolor/48x48/apps/careerplanner.png ] || fail "hicolor icon missing"
[ -f /usr/share/icons/hicolor/scalable/apps/careerplanner.svg ] || fail "scalable icon missing"
desktop-file-validate /usr/share/applications/careerplanner.desktop || fail ".desktop entry invalid"
grep -q '^Exec=careerplanner' /usr/share/applications/careerplanner.desktop || fail "Exec="
grep -q '^Icon=careerplanner$' /usr/share/applications/careerplanner.desktop || fail "Icon="

# Qt's own words for a plugin that is missing or does not load.
PLUGIN_ERRORS='qt\.qpa\.plugin|Could not (load|find) the Qt platform plugin|Cannot load library|cannot open shared object|Failed to (create|load)|plugin.*(failed|could not)|This application failed to start'

run_checked() {  # run_checked LABEL COMMAND...: fail on a non-zero exit or a plugin error
  local label="$1"; shift
  local log; log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2; fail "$label exited non-zero"
  fi
  if grep -Eiq "$PLUGIN_ERRORS" "$log"; then
    cat "$log" >&2; fail "$label: Qt reported a plugin error"
  fi
  sed "s/^/  [$label] /" "$log"
  rm -f "$log"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# -- the installed command: offscreen ------------------------------------------------------
run_checked "offscreen" env QT_QPA_PLATFORM=offscreen QT_DEBUG_PLUGINS=0 \
  careerplanner --data-dir "$work/offscreen" --self-test

# The frozen app writes only to the per-user data folder: a fresh HOME holds nothing else
# afterwards, and nothing in /opt/careerplanner changed.
mkdir -p "$work/home"
touch "$work/stamp"
run_checked "fresh home" env -u CAREERPLANNER_LOG_DIR HOME="$work/home" XDG_DATA_HOME= \
  XDG_CONFIG_HOME= XDG_CACHE_HOME= XDG_STATE_HOME= \
  QT_QPA_PLATFORM=offscreen careerplanner --self-test
others="$(cd "$work/home" && find . -mindepth 1 | grep -v '^\./\.local$' \
  | grep -v '^\./\.local/share$' | grep -v '^\./\.local/share/CareerPlanner' \
  | grep -v '^\./\.local/state$' | grep -v '^\./\.local/state/CareerPlanner' || true)"
[ -z "$others" ] || fail "the app wrote outside its data and log folders: $others"
[ -f "$work/home/.local/share/CareerPlanner/careerplanner.sqlite3" ] || fail "no database in HOME"
[ -f "$work/home/.local/state/CareerPlanner/log/careerplanner.log" ] || fail "no log in HOME"
[ -z "$(find /opt/careerplanner -newer "$work/stamp" | head -1)" ] || fail "/opt/careerplanner changed"

# -- the installed command under a real X server: the xcb platform plugin -----------------
run_checked "xvfb self-test" env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb \
  xvfb-run -a -s "-screen 0 1280x800x24" careerplanner --data-dir "$work/xvfb" --self-test
run_checked "xvfb window" env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  timeout 120 careerplanner --data-dir "$work/xvfb" --exit-when-shown

# The plain command, as the menu entry starts it (the full GUI start-up path): it must still
# be running after 20 s, with no error on its output.
log="$work/gui.log"
set +e
env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb CAREERPLANNER_DATA_DIR="$work/gui" \
  xvfb-run -a -s "-screen 0 1280x800x24" timeout 20 careerplanner >"$log" 2>&1
code=$?
set -e
if [ "$code" -ne 124 ] || grep -Eiq "$PLUGIN_ERRORS|Traceback|Error" "$log"; then
  cat "$log" >&2; fail "careerplanner did not keep running under Xvfb (exit $code)"
fi
[ -f "$work/gui/careerplanner.sqlite3" ] || fail "the GUI run wrote no database"
echo "  [xvfb gui] careerplanner ran for 20 s under Xvfb and was stopped"

# -- the portable .tar.gz starts from wherever it is unpacked -------------------------------
tar -C "$work" -xzf "$TARBALL"
run_checked "tar.gz" env QT_QPA_PLATFORM=offscreen \
  "$work/careerplanner-$VERSION/careerplanner" --data-dir "$work/tar" --self-test

echo "check-linux: OK: .deb installed, careerplanner --self-test passed offscreen and under Xvfb"

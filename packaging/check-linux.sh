#!/usr/bin/env bash
# Build the Linux packages, install the .deb on this machine and start the installed app.
#
#   bash packaging/check-linux.sh        (as root, or with sudo; .ci/run calls it)
#
# Fails when: the build fails; the .deb's Depends: misses a library the bundle links;
# the bundle (120 MiB unpacked) or the .deb (32 MiB) is over its size limit; lintian reports
# an error or a warning that packaging/linux/careerplanner.lintian-overrides does not list;
# the AppStream metainfo or the .desktop entry is invalid (appstreamcli, desktop-file-validate);
# the Qt modules carried for later features (QtPrintSupport, QtDBus) do not load in the frozen
# app; the .deb does not install with apt;
# the installed `careerplanner --self-test` fails offscreen or under a real X server
# (Xvfb, platform plugin xcb); the window does not come up under Xvfb; the portable
# .tar.gz does not start; or Qt reports any plugin error in any of these runs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT_DIR="${OUT_DIR:-$ROOT/dist}"
MAX_BUNDLE_MIB="${MAX_BUNDLE_MIB:-120}"
MAX_DEB_MIB="${MAX_DEB_MIB:-32}"
APP_ID="io.github.careerplanner.CareerPlanner"

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
for p in dpkg-dev binutils elfutils chrpath gcc libc6-dev xvfb xauth python3-venv \
  desktop-file-utils appstream lintian; do
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

# -- sizes (MiB, 1024 x 1024 bytes, as du -h reports them) ----------------------------------
bundle_kib=$(du -sk "$BUNDLE" | cut -f1)
deb_bytes=$(stat -c %s "$DEB")
tar_bytes=$(stat -c %s "$TARBALL")
mib() { awk -v n="$1" -v d="$2" 'BEGIN { printf "%.1f", n / d }'; }
echo "check-linux: sizes: bundle $(mib "$bundle_kib" 1024) MiB unpacked," \
  ".deb $(mib "$deb_bytes" 1048576) MiB, .tar.gz $(mib "$tar_bytes" 1048576) MiB"
[ "$bundle_kib" -le $((MAX_BUNDLE_MIB * 1024)) ] || fail "bundle over ${MAX_BUNDLE_MIB} MiB"
[ "$deb_bytes" -le $((MAX_DEB_MIB * 1048576)) ] || fail ".deb over ${MAX_DEB_MIB} MiB"

# -- lintian: nothing but the overrides ------------------------------------------------------
echo "check-linux: lintian $DEB"
lintian_log="$(mktemp)"
lintian_status=0
# With --show-overrides, lintian's exit status counts overridden tags too: the E: and W: lines
# (the ones not overridden) decide; status 1 means lintian itself could not check.
lintian --tag-display-limit 0 --show-overrides "$DEB" \
  >"$lintian_log" 2>&1 || lintian_status=$?
# What is not overridden, in full; the overridden tags (O:, reasons as N:) as a count.
grep -Ev '^(running with root privileges|[ON]: )' "$lintian_log" | sed 's/^/  [lintian] /' || true
echo "  [lintian] overridden:$(sed -n 's/^O: careerplanner: \([^ ]*\).*/\1/p' "$lintian_log" \
  | sort | uniq -c | awk '{printf " %s (%d)", $2, $1}')"
not_overridden="$(grep -c '^[EW]: ' "$lintian_log" || true)"
rm -f "$lintian_log"
[ "$lintian_status" -ne 1 ] || fail "lintian could not check $DEB"
[ "$not_overridden" -eq 0 ] \
  || fail "lintian: $not_overridden errors or warnings that the overrides do not list (above)"

# -- the AppStream metainfo and the .desktop entry, as packaged -----------------------------
STAGE="$ROOT/build/deb/careerplanner_${VERSION}_${ARCH}"
appstreamcli validate --no-net "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml" \
  || fail "the AppStream metainfo is invalid"
desktop-file-validate "$STAGE/usr/share/applications/$APP_ID.desktop" \
  || fail "the .desktop entry is invalid"

# -- install the .deb the way a user does (apt resolves Depends:) ---------------------------
export DEBIAN_FRONTEND=noninteractive
if dpkg -s careerplanner >/dev/null 2>&1; then
  $SUDO apt-get remove -y -qq careerplanner >/dev/null
fi
$SUDO apt-get install -y -qq "$DEB" >/dev/null || fail "apt-get install $DEB"
[ -x /opt/careerplanner/careerplanner ] || fail "/opt/careerplanner/careerplanner missing"
[ "$(command -v careerplanner)" = /usr/bin/careerplanner ] || fail "careerplanner not on PATH"
DESKTOP="/usr/share/applications/$APP_ID.desktop"
[ -f "$DESKTOP" ] || fail ".desktop entry missing"
[ -f "/usr/share/metainfo/$APP_ID.metainfo.xml" ] || fail "AppStream metainfo missing"
# The manual page is installed and found by man (when man-db is there), and documents every
# command the parser has.
MANPAGE=/usr/share/man/man1/careerplanner.1.gz
[ -f "$MANPAGE" ] || fail "manual page missing (dpkg may exclude /usr/share/man here)"
if command -v man >/dev/null; then
  [ "$(man -w careerplanner)" = "$MANPAGE" ] || fail "man careerplanner does not find $MANPAGE"
fi
# (The page is read once: grep -q in a pipe would stop it early and fail under pipefail.)
manual="$(zcat "$MANPAGE" | sed 's/\\-/-/g')"
for cmd in $(careerplanner --help | sed -n 's/^    \([a-z][a-z-]*\) .*/\1/p'); do
  grep -qF "careerplanner $cmd" <<<"$manual" || fail "the manual page lacks '$cmd'"
done
[ -f /usr/share/doc/careerplanner/changelog.gz ] || fail "changelog.gz missing"
grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
  /usr/share/doc/careerplanner/copyright || fail "the copyright file is not DEP-5"
[ -f /usr/share/icons/hicolor/48x48/apps/careerplanner.png ] || fail "hicolor icon missing"
[ -f /usr/share/icons/hicolor/scalable/apps/careerplanner.svg ] || fail "scalable icon missing"
desktop-file-validate "$DESKTOP" || fail ".desktop entry invalid"
appstreamcli validate --no-net "/usr/share/metainfo/$APP_ID.metainfo.xml" || fail "metainfo"
grep -q '^Exec=careerplanner$' "$DESKTOP" || fail "Exec="
grep -q '^Icon=careerplanner$' "$DESKTOP" || fail "Icon="

# Qt's own words for a plugin that is missing or does not load.
PLUGIN_ERRORS='qt\.qpa\.plugin|Could not (load|find) the Qt platform plugin|Cannot load library|cannot open shared object|Failed to (create|load)|plugin.*(failed|could not)|This application failed to start'

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run_checked() {  # run_checked LABEL COMMAND...: fail on a non-zero exit or a plugin error
  local label="$1"; shift
  local log="$work/last.log"  # kept until the next run, for a look at what it printed
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2; fail "$label exited non-zero"
  fi
  if grep -Eiq "$PLUGIN_ERRORS" "$log"; then
    cat "$log" >&2; fail "$label: Qt reported a plugin error"
  fi
  sed "s/^/  [$label] /" "$log"
}

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

# -- the Qt modules carried for later features load in the frozen app (after stripping) -----
run_checked "smoke imports" env QT_QPA_PLATFORM=offscreen CAREERPLANNER_SMOKE_IMPORTS=1 \
  timeout 60 careerplanner
grep -q '^SMOKE IMPORTS OK' "$work/last.log" || fail "no SMOKE IMPORTS OK from the frozen app"
run_checked "xvfb smoke imports" env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb \
  CAREERPLANNER_SMOKE_IMPORTS=1 xvfb-run -a -s "-screen 0 1280x800x24" timeout 60 careerplanner
grep -q '^SMOKE IMPORTS OK' "$work/last.log" || fail "no SMOKE IMPORTS OK under Xvfb"

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

#!/usr/bin/env bash
# Wrap the .app from build.spec in a .dmg; sign and notarise when the secrets exist.
#
#   bash packaging/macos/build-dmg.sh "dist/Career Planner.app" dist/CareerPlanner-0.1.0-macos.dmg
#
# Signing runs only when MACOS_SIGN_IDENTITY is set (a "Developer ID Application: ..."
# identity in the keychain; the release workflow imports it from MACOS_CERTIFICATE_P12 and
# MACOS_CERTIFICATE_PASSWORD). Notarisation runs only when APPLE_ID, APPLE_TEAM_ID and
# APPLE_APP_PASSWORD (an app-specific password) are set as well. Without them the .dmg is
# built unsigned: it opens with right-click > Open.
set -euo pipefail
APP="$1"
DMG="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
VOLNAME="Career Planner"

[ -d "$APP" ] || { echo "build-dmg: no app at $APP" >&2; exit 1; }

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  echo "build-dmg: signing $APP as $MACOS_SIGN_IDENTITY"
  codesign --force --deep --options runtime --timestamp \
    --entitlements "$HERE/entitlements.plist" --sign "$MACOS_SIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
else
  echo "build-dmg: MACOS_SIGN_IDENTITY not set: the app stays unsigned (ad-hoc)"
fi

# The disk image: the app and a link to /Applications to drag it onto.
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -R "$APP" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$DMG"
hdiutil create -volname "$VOLNAME" -srcfolder "$stage" -fs HFS+ -format UDZO \
  -imagekey zlib-level=9 -ov "$DMG"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
  if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    echo "build-dmg: notarising $DMG"
    xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
  else
    echo "build-dmg: APPLE_ID / APPLE_TEAM_ID / APPLE_APP_PASSWORD not set: not notarised"
  fi
fi
echo "build-dmg: $DMG ($(du -h "$DMG" | cut -f1))"

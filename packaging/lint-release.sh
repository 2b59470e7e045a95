#!/usr/bin/env bash
# Check what runs only on a release, before it ever runs:
#
#   bash packaging/lint-release.sh        (.ci/run calls it)
#
# - every workflow in .github/workflows against GitHub's workflow schema (check-jsonschema's
#   built-in copy, no network) and zizmor's security audits (offline: every action pinned to
#   a commit, no credentials left in the checkout, no template injection, ...);
# - every shell script of the repository (*.sh and files with a sh/bash #! line, .ci/run
#   included) with shellcheck.
#
# The checkers come from PyPI, pinned in packaging/lint-requirements.txt, into build/lint-venv
# (reused while that file is unchanged). PYTHON=/path/to/python3 picks the interpreter.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/build/lint-venv"
want="$(sha256sum packaging/lint-requirements.txt | cut -c1-64)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.stamp" 2>/dev/null)" != "$want" ]; then
  echo "lint-release: setting up $VENV"
  rm -rf "$VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -r packaging/lint-requirements.txt
  echo "$want" >"$VENV/.stamp"
fi

workflows=()
while IFS= read -r f; do workflows+=("$f"); done < <(git ls-files '.github/workflows/*.yml' \
  '.github/workflows/*.yaml')
[ ${#workflows[@]} -gt 0 ] || { echo "lint-release: no workflows found" >&2; exit 1; }
"$VENV/bin/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"
"$VENV/bin/zizmor" --offline --no-progress "${workflows[@]}"

scripts=()
while IFS= read -r f; do
  case "$f" in
    *.sh) scripts+=("$f") ;;
    *) if head -n1 "$f" | grep -Eq '^#!.*\b(ba)?sh\b'; then scripts+=("$f"); fi ;;
  esac
done < <(git ls-files)
[ ${#scripts[@]} -gt 0 ] || { echo "lint-release: no shell scripts found" >&2; exit 1; }
"$VENV/bin/shellcheck" "${scripts[@]}"
echo "lint-release: OK: ${#workflows[@]} workflow(s) and ${#scripts[@]} shell scripts:" \
  "${scripts[*]}"

#!/usr/bin/env bash
# Runs the test suite with what it needs beyond cargo: Chromium, which the test of the
# HTML comparison report (tests/compare.rs) runs headless. If `chromium` is missing, this
# installs the Debian package with apt-get (as root, or through passwordless sudo),
# saying what it does, then runs `cargo test` with the arguments given to it.
#
#   scripts/test.sh                 # everything
#   scripts/test.sh --test compare  # one test target
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        as_root=(sudo -n)
    else
        echo "scripts/test.sh: chromium is missing and cannot be installed here (not root, no passwordless sudo)." >&2
        echo "scripts/test.sh: install it yourself (Debian/Ubuntu: apt-get install chromium), then run this again." >&2
        exit 1
    fi
    echo "scripts/test.sh: chromium is missing; installing it: ${as_root[*]:-}${as_root[*]:+ }apt-get update && apt-get install -y chromium" >&2
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
    if ! command -v chromium >/dev/null 2>&1; then
        echo "scripts/test.sh: apt-get finished but there is still no chromium on PATH" >&2
        exit 1
    fi
    echo "scripts/test.sh: installed $(chromium --version 2>/dev/null || echo chromium)" >&2
fi

exec cargo test "$@"

#!/usr/bin/env bash
# Measures the CPU the real app takes while nothing happens (issue 11: under 1% of a
# core in a 10 s window), in a virtual X display: once with the focus in the text, once
# with the focus in a text field (the search field, where egui's caret would blink).
# Reads the process's own CPU time (utime + stime in /proc/PID/stat), not frame counts.
#
#   scripts/measure-idle.sh [BINARY]     # default: target/release/claimmark
#
# Needs Xvfb and xdotool (apt-get install -y xvfb xdotool libgl1-mesa-dri libegl1);
# installs them with apt-get when it may (root or passwordless sudo). Not part of
# `cargo test`: CI has no display.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/release/claimmark}
[ -x "$binary" ] || { echo "measure-idle.sh: $binary missing; run cargo build --release first" >&2; exit 2; }

if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then as_root=(); elif sudo -n true 2>/dev/null; then as_root=(sudo -n); else
        echo "measure-idle.sh: Xvfb and xdotool are missing: apt-get install -y xvfb xdotool libgl1-mesa-dri libegl1" >&2
        exit 2
    fi
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        xvfb xdotool libgl1-mesa-dri libegl1 >/dev/null
fi

display=97
while [ -e /tmp/.X11-unix/X$display ] || [ -e /tmp/.X$display-lock ]; do display=$((display + 1)); done
Xvfb :$display -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d)
app=""
trap 'kill $app $xvfb 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$home"' EXIT
export DISPLAY=:$display
for _ in $(seq 1 50); do [ -e /tmp/.X11-unix/X$display ] && break; sleep 0.1; done
# A home of its own: no settings of an earlier run.
HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data "$binary" >/dev/null 2>&1 &
app=$!
window=""
for _ in $(seq 1 100); do
    window=$(xdotool search --onlyvisible --pid $app 2>/dev/null | head -1) && [ -n "$window" ] && break
    sleep 0.1
done
[ -n "$window" ] || { echo "measure-idle.sh: no window appeared" >&2; exit 1; }
xdotool windowactivate --sync "$window" 2>/dev/null || true
xdotool windowfocus --sync "$window" 2>/dev/null || true
xdotool mousemove 1390 890
ticks=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }

# Prints the share of one core used over 10 s of doing nothing.
idle_share() {
    sleep 2
    local before after
    before=$(cpu_ticks)
    sleep 10
    after=$(cpu_ticks)
    awk -v t="$((after - before))" -v hz="$ticks" 'BEGIN { printf "%.1f%%", 100 * t / hz / 10 }'
}

echo "focus in the text:         $(idle_share) of a core over 10 s"
xdotool key ctrl+f
echo "focus in the search field: $(idle_share) of a core over 10 s"

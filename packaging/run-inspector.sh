#!/usr/bin/env bash
# make run: opens the inspector built in $1 on the demo store, which es-inspector writes into the
# user's data folder the first time (~/.local/share/qt-eventsourcing/es-inspector/demo).
# Without a display (no DISPLAY/WAYLAND_DISPLAY), it runs under Xvfb when xvfb-run is installed.
set -euo pipefail
build=${1:-build/dev}
shift || true
inspector="$build/gui/es-inspector"
if [ ! -x "$inspector" ]; then
  echo "run-inspector: $inspector not found; run 'make build' first" >&2
  exit 2
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  if command -v xvfb-run >/dev/null 2>&1; then
    echo "run-inspector: no display; running under Xvfb (set DISPLAY to see the window)" >&2
    exec xvfb-run -a -s "-screen 0 1400x900x24" "$inspector" --demo "$@"
  fi
  echo "run-inspector: no display (DISPLAY is not set) and xvfb-run is not installed" >&2
  exit 2
fi
exec "$inspector" --demo "$@"

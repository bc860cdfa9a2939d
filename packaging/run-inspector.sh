#!/usr/bin/env bash
# make run: opens the inspector built in $1 on the demo store (created when missing).
set -euo pipefail
build=${1:-build/dev}
exec "$build/gui/es-inspector" "$@"

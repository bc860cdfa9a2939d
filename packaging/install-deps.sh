#!/usr/bin/env bash
# Installs every Debian 12 package that building, running and testing qt-eventsourcing needs.
# Idempotent: installs only what is missing and says what that is. Works as root or through sudo.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # Qt 6.4 modules and the SQL drivers the engine uses
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
  qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
  qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
  qtkeychain-qt6-dev qt6-qpa-plugins libgl-dev libqt6opengl6-dev libxkbcommon-dev
  # crypto and compression
  libssl-dev zlib1g-dev
  # PostgreSQL 15 server for the test harness, client for loading dumps
  postgresql-15 postgresql-client-15 libpq-dev
  # sqlite3 C API for es-bench's bare-loop baseline (and the engine's native SQLite path)
  libsqlite3-dev
  # tools used by tests, screenshots, coverage and lint
  sqlite3 xvfb xauth fonts-dejavu-core gcovr lcov clang-tidy cppcheck procps
  # GNU diff and patch, which the wiki example's tests compare its diff text against
  diffutils patch
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed."
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-deps: error: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: error: apt-get not found; this script targets Debian 12. Install by hand: ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update -q; then
  echo "install-deps: error: 'apt-get update' failed; check the network and the APT sources." >&2
  exit 1
fi
if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; then
  echo "install-deps: error: 'apt-get install' failed for: ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: done."

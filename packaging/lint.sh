#!/usr/bin/env bash
# make lint: clang-tidy (.clang-tidy) over the project's own sources, then cppcheck.
# Uses the compile_commands.json of the build folder given as $1 (default build/dev).
set -uo pipefail
build=${1:-build/dev}
cd "$(dirname "$0")/.."
if [ ! -f "$build/compile_commands.json" ]; then
  echo "lint: $build/compile_commands.json not found; run 'make build' first" >&2
  exit 2
fi
mapfile -t sources < <(git ls-files 'engine/*.cpp' 'cli/*.cpp' 'gui/*.cpp' 'examples/*.cpp' 'bench/*.cpp')
status=0
echo "lint: clang-tidy on ${#sources[@]} files"
if command -v run-clang-tidy >/dev/null 2>&1; then
  run-clang-tidy -quiet -p "$build" -j "$(nproc)" "${sources[@]}" 2>/dev/null | grep -E "warning:|error:" | sort -u > "$build/clang-tidy.log" || true
else
  for f in "${sources[@]}"; do
    clang-tidy -quiet -p "$build" "$f" 2>/dev/null | grep -E "warning:|error:" || true
  done | sort -u > "$build/clang-tidy.log"
fi
if [ -s "$build/clang-tidy.log" ]; then
  echo "lint: clang-tidy findings ($(wc -l < "$build/clang-tidy.log")):"
  cat "$build/clang-tidy.log"
  status=1
fi
echo "lint: cppcheck"
if ! cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --inline-suppr \
     --suppress=missingIncludeSystem --std=c++17 --language=c++ -I engine/include -I engine/src \
     --library=qt engine cli examples bench gui 2> "$build/cppcheck.log"; then
  cat "$build/cppcheck.log"
  status=1
fi
[ $status -eq 0 ] && echo "lint: clean"
exit $status

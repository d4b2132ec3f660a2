#!/bin/sh
# Runs every end-to-end script tests/e2e/t*.sh; each prints "ok"/"not ok" lines.
cd "$(dirname "$0")/.."
BIN=${BIN:-bin}
export DURCHBLICK_BIN="$(cd "$BIN" && pwd)"
# test helpers (tests/tools), where make built them
TOOLS=${TOOLS:-build/tests}
[ -d "$TOOLS" ] && export DURCHBLICK_TOOLS="$(cd "$TOOLS" && pwd)"
passed=0 failed=0
for t in tests/e2e/t*.sh; do
    [ -f "$t" ] || continue
    echo "# $t"
    if sh "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $t" >&2; fi
done
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

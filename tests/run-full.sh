#!/bin/sh
# make check-full: the slow runs that make check leaves out (the disclosure
# attacker on every data-set size, LibreOffice, many-trial races). Each script
# tests/full/f*.sh prints "ok"/"not ok" lines like the e2e scripts.
cd "$(dirname "$0")/.."
BIN=${BIN:-bin}
export DURCHBLICK_BIN="$(cd "$BIN" && pwd)"
# test helpers (tests/tools), where make built them
TOOLS=${TOOLS:-build/tests}
[ -d "$TOOLS" ] && export DURCHBLICK_TOOLS="$(cd "$TOOLS" && pwd)"
passed=0 failed=0
for t in tests/full/f*.sh; do
    [ -f "$t" ] || continue
    echo "# $t"
    if sh "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $t" >&2; fi
done
echo "full: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

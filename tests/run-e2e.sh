#!/bin/sh
# Runs every end-to-end script tests/e2e/t*.sh, or with "full" every slow run
# tests/full/f*.sh of make check-full (the disclosure attacker on every data-set
# size, LibreOffice, many-trial races); each prints "ok"/"not ok" lines.
cd "$(dirname "$0")/.."
case ${1:-e2e} in
full) scripts=tests/full/f*.sh label=full ;;
*) scripts=tests/e2e/t*.sh label=e2e ;;
esac
BIN=${BIN:-bin}
export DURCHBLICK_BIN="$(cd "$BIN" && pwd)"
# test helpers (tests/tools), where make built them
TOOLS=${TOOLS:-build/tests}
[ -d "$TOOLS" ] && export DURCHBLICK_TOOLS="$(cd "$TOOLS" && pwd)"
passed=0 failed=0
for t in $scripts; do
    [ -f "$t" ] || continue
    echo "# $t"
    if sh "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $t" >&2; fi
done
echo "$label: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

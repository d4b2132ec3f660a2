#!/bin/sh
# Runs each cmocka unit test binary from the repository root; fails if any fails.
cd "$(dirname "$0")/.."
failed=0
for t in "$@"; do
    if ! "$t"; then
        echo "FAILED: $t" >&2
        failed=$((failed + 1))
    fi
done
[ "$failed" -eq 0 ] || { echo "$failed unit test program(s) failed" >&2; exit 1; }

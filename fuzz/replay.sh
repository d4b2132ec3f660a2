#!/bin/sh
# Runs each harness's replay binary (linked without libFuzzer) over its seed
# corpus and its regression inputs: every crash a fuzzer found stays a test.
# Usage: fuzz/replay.sh BUILD_DIR/fuzz   (run by make check-unit)
set -eu
REPO=$(cd "$(dirname "$0")/.." && pwd)
bindir=$1
seeds=$bindir/seeds
rm -rf "$seeds"
sh "$REPO/fuzz/make-seeds.sh" "$seeds"
failed=0
for bin in "$bindir"/replay_*; do
    name=${bin##*/replay_}
    set -- "$seeds/$name"/*
    if [ -d "$REPO/fuzz/regressions/$name" ]; then
        set -- "$@" "$REPO/fuzz/regressions/$name"/*
    fi
    if out=$("$bin" "$@" 2>&1); then
        echo "ok - fuzz harness $name over $# seed and regression inputs"
    else
        echo "not ok - fuzz harness $name"
        echo "$out" | tail -n 30 | sed 's/^/#   /'
        failed=1
    fi
done
exit $failed

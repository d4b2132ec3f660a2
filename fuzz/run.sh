#!/bin/sh
# Runs each libFuzzer harness for FUZZ_SECONDS (default 60) over a corpus that
# starts from the seeds (fuzz/make-seeds.sh) and the regression inputs, and
# grows in BUILD/corpus/NAME between runs. Crashes are saved in
# BUILD/artifacts/NAME/; a summary line per harness ends the run.
# Usage: fuzz/run.sh BUILD NAME...   (FUZZ_JOBS harnesses at once, default 2)
set -eu
REPO=$(cd "$(dirname "$0")/.." && pwd)
build=$1
shift
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}
sh "$REPO/fuzz/make-seeds.sh" "$build/seeds"

run_one() {
    name=$1
    corpus=$build/corpus/$name
    mkdir -p "$corpus" "$build/artifacts/$name" "$build/logs"
    if [ -d "$REPO/fuzz/regressions/$name" ]; then
        cp "$REPO/fuzz/regressions/$name"/* "$corpus/" 2>/dev/null || true
    fi
    # -max_len 65536: long enough for many records and long fields; -timeout 10:
    # an input that takes longer is a finding (an endless loop), not a slow machine.
    "$build/fuzz/fuzz_$name" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/artifacts/$name/" \
        "$corpus" "$build/seeds/$name" >"$build/logs/$name.log" 2>&1 || true
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/logs/$name.log")
    last=$(grep -E '^#[0-9]+' "$build/logs/$name.log" | tail -n 1)
    cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    crashes=$(find "$build/artifacts/$name" -type f | wc -l)
    echo "fuzz_$name: ${seconds}s, ${execs:-?} executions, cov ${cov:-?} edges, ft ${ft:-?}, corpus $(ls "$corpus" | wc -l), crashes $crashes"
}

running=0
for name in "$@"; do
    run_one "$name" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait
found=$(find "$build/artifacts" -type f 2>/dev/null | wc -l)
if [ "$found" -gt 0 ]; then
    echo "fuzz: $found crashing inputs in $build/artifacts; logs in $build/logs" >&2
    exit 1
fi

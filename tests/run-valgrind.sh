#!/bin/sh
# Runs the end-to-end suite (tests/run-e2e.sh) with every durchblick program
# under valgrind's memcheck, then reads valgrind's logs: any memory error or
# definitely lost block fails the run and is printed.
#
#   sh tests/run-valgrind.sh [tests/e2e/t200-ingest.sh ...]   (default: all)
#
# How: a directory of wrapper scripts named like the programs (durchblick,
# durchblick-ingest, -transform, -report, -samples) goes first in BIN, so the
# tests call valgrind, which runs the real program from $BIN (default bin/).
# `durchblick run` finds its stages beside its own executable (/proc/self/exe,
# which valgrind reports as the real program), so they are the real stages;
# --trace-children=yes puts them under valgrind too, each with its own log.
#
# valgrind keeps the program's exit status (no --error-exitcode: the tests
# check exact codes); the verdict comes from the logs alone. Tests whose
# runtime explodes under valgrind can skip parts when DURCHBLICK_VALGRIND=1.
#
# Environment: BIN (real programs, default bin), VALGRIND (default valgrind),
# VALGRIND_KEEP=1 keeps the log directory, VALGRIND_OPTS adds options.
set -u
cd "$(dirname "$0")/.."
REAL=$(cd "${BIN:-bin}" && pwd) || exit 2
VALGRIND=${VALGRIND:-valgrind}
if ! command -v "$VALGRIND" >/dev/null 2>&1; then
    echo "run-valgrind: valgrind not found (apt-get install valgrind)" >&2
    exit 2
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/durchblick-valgrind.XXXXXX") || exit 2
[ "${VALGRIND_KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/bin" "$WORK/logs"
LOGS=$WORK/logs

for prog in durchblick durchblick-ingest durchblick-transform durchblick-report durchblick-samples; do
    [ -x "$REAL/$prog" ] || { echo "run-valgrind: $REAL/$prog missing: run make all" >&2; exit 2; }
    cat >"$WORK/bin/$prog" <<EOF
#!/bin/sh
exec "$VALGRIND" --tool=memcheck --trace-children=yes --child-silent-after-fork=yes \\
    --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \\
    --num-callers=30 ${VALGRIND_OPTS:-} --log-file="$LOGS/$prog.%p.log" "$REAL/$prog" "\$@"
EOF
    chmod 755 "$WORK/bin/$prog"
done

start=$(date +%s)
export DURCHBLICK_VALGRIND=1
if [ $# -gt 0 ]; then
    # Only the scripts named (run-e2e.sh runs every tests/e2e/t*.sh).
    export DURCHBLICK_BIN="$WORK/bin"
    suite=0
    for t in "$@"; do
        echo "# $t"
        sh "$t" || suite=1
    done
else
    BIN=$WORK/bin sh tests/run-e2e.sh
    suite=$?
fi
end=$(date +%s)

# Each log ends with "ERROR SUMMARY: N errors" (definite leaks count as errors);
# a log without one is a process killed on purpose (kill -9 tests) or by valgrind.
runs=0 bad=0 unfinished=0
for log in "$LOGS"/*.log; do
    [ -f "$log" ] || continue
    runs=$((runs + 1))
    summary=$(grep -h "ERROR SUMMARY:" "$log" | tail -n 1)
    if [ -z "$summary" ]; then
        unfinished=$((unfinished + 1))
        continue
    fi
    n=$(echo "$summary" | sed 's/.*ERROR SUMMARY: \([0-9]*\) error.*/\1/')
    if [ "$n" != 0 ]; then
        bad=$((bad + 1))
        echo "=== $(basename "$log"): $n errors"
        sed -n '/^==[0-9]*== Command:/p' "$log"
        grep -v -e "^==[0-9]*== *$" -e "Copyright" -e "Using Valgrind" -e "Memcheck, a memory error" \
            -e "Rerun with -h" -e "HEAP SUMMARY" -e "in use at exit" -e "total heap usage" \
            -e "For lists of detected" -e "To see them, rerun" -e "^==[0-9]*== Parent PID" "$log"
    fi
done
echo "valgrind: $runs program runs, $bad with errors or definite leaks, $unfinished without a summary (killed), $((end - start)) s"
[ "${VALGRIND_KEEP:-0}" = 1 ] && echo "valgrind: logs kept in $LOGS"
[ "$bad" -eq 0 ] && [ "$suite" -eq 0 ]

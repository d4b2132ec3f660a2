# Helpers for the attacker tests (tests/e2e/t7NN-*.sh, tests/full/f7NN-*.sh); source after
# tests/e2e/lib.sh.
#
#   attack_run NAME CSV...     durchblick run on the files -> NAME.db, NAME.out/, then the
#                              attacker on NAME.out (the database only to classify) -> NAME.json
#   attack_none NAME PATTERN...  no finding on a count matching kennzahl:dimension:kategorie
#   leak_closed 'description' 'commands'
#                              a test that the disclosure leak of issue 9 is closed. Until the
#                              new disclosure control is merged, today's code leaks: the test is a
#                              known breakage (reported as "not ok ... # TODO", not a failure).
#                              DURCHBLICK_ATTACK_STRICT=1, or the file tests/attack/LEAKS_CLOSED,
#                              makes it an ordinary test.
#   TN_HEADER, tn_many N PREFIX REST
#                              the canonical header the tests use, and N rows PREFIX001,REST...
ATTACK=${ATTACK:-/usr/bin/python3 $REPO/tests/attack/attack.py}
EXPECT="/usr/bin/python3 $REPO/tests/attack/expect.py"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}

attack_strict() {
    [ "${DURCHBLICK_ATTACK_STRICT:-}" = 0 ] && return 1
    [ "${DURCHBLICK_ATTACK_STRICT:-}" = 1 ] || [ -f "$REPO/tests/attack/LEAKS_CLOSED" ]
}

attack_run() {
    name=$1
    shift
    rm -rf "$TRASH/$name.db" "$TRASH/$name.out"
    durchblick run --config "${ATTACK_CONFIG:-$CONFIG}" --db "$TRASH/$name.db" --out "$TRASH/$name.out" "$@" \
        >"$TRASH/$name.run" 2>&1 || { cat "$TRASH/$name.run"; return 1; }
    $ATTACK --out "$TRASH/$name.out" --db "$TRASH/$name.db" --json "$TRASH/$name.json" \
        --no-pdf-alone --quiet
    rc=$?
    [ $rc -le 1 ] && [ -s "$TRASH/$name.json" ] || { echo "attack.py failed ($rc)"; return 1; }
    return 0
}

attack_none() {
    name=$1
    shift
    args=""
    for p in "$@"; do
        args="$args --none $p"
    done
    # shellcheck disable=SC2086
    $EXPECT "$TRASH/$name.json" $args
}

leak_closed() {
    if attack_strict; then
        test_expect_success "$1" "$2"
        return
    fi
    test_count=$((test_count + 1))
    if (cd "$TRASH" && eval "$2") >"$TRASH/.out" 2>&1; then
        echo "ok $test_count - $1 # TODO known breakage vanished: create tests/attack/LEAKS_CLOSED"
    else
        echo "not ok $test_count - $1 # TODO known breakage (issue 9)"
        sed 's/^/#   /' "$TRASH/.out" | head -n 12
    fi
}

TN_HEADER='fall_id,kommune,geburtsjahr,geschlecht,aufenthaltsstatus,bedarfe,baustein,eintritt,austritt,verbleib'

# tn_many N PREFIX REST: N rows PREFIX001,REST ... (REST = kommune,...,verbleib)
tn_many() {
    i=1
    while [ "$i" -le "$1" ]; do
        printf '%s%03d,%s\n' "$2" "$i" "$3"
        i=$((i + 1))
    done
}

# attack_sweep DESCRIPTION SWEEP-ARGS...: generated data sets through `durchblick run` and the
# attacker (tests/attack/sweep.py); three tests: the sweep ran, the attacker's ranges all hold
# the exact figures (always), and it recovered nothing (a known breakage until issue 9 lands).
attack_sweep() {
    desc=$1
    shift
    SWEEP_ARGS="$*"
    test_expect_success "$desc" '
        /usr/bin/python3 "$REPO/tests/attack/sweep.py" --bin "$BIN" --work "$TRASH/sweep" $SWEEP_ARGS \
            --json "$TRASH/sweep.json" --markdown "$TRASH/sweep.md" >"$TRASH/sweep.txt"
        rc=$?
        cat "$TRASH/sweep.txt"
        test $rc -le 1
    '
    test_expect_success 'every range the attacker computes holds the exact figure (no attacker error)' '
        /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(sum(x[\"errors\"] for x in r[\"rows\"]))" "$TRASH/sweep.json"
    '
    # the promise (docs/disclosure.md): no withheld count of 1..min_fallzahl-1 is worked out or
    # proven below the threshold. Other findings (a withheld zero shown to be at most 2, say)
    # stay in the table above and in docs/disclosure.md.
    leak_closed 'the attacker recovers no withheld count of 1..2 from the published outputs' '
        cat "$TRASH/sweep.md"
        /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(sum(x[\"recovered_small\"] for x in r[\"rows\"]) > 0)" "$TRASH/sweep.json"
    '
}

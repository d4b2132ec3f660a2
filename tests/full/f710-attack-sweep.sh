#!/bin/sh
# Issue 9: the attacker on every generated data-set size (80, 150, 300, 1,000 participations),
# both regions (Kreis Herford, Stadt Wuppertal with its Stadtbezirke) and three seeds: 24
# data sets. tests/attack/BASELINE.md holds the figures of this sweep on the code before the
# new disclosure control.
. "$(dirname "$0")/../e2e/lib.sh"
. "$REPO/tests/attack/lib.sh"

test_expect_success 'attack 24 generated data sets' '
    /usr/bin/python3 "$REPO/tests/attack/sweep.py" --bin "$BIN" --work "$TRASH/sweep" --jobs 2 \
        --sizes 80,150,300,1000 --regions kreis-herford,stadt-wuppertal --seeds 1,2,3 \
        --json "$TRASH/sweep.json" --markdown "$TRASH/sweep.md" >"$TRASH/sweep.txt"
    rc=$?
    cat "$TRASH/sweep.txt"
    test $rc -le 1
'

test_expect_success 'every range the attacker computes holds the exact figure (no attacker error)' '
    /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(sum(x[\"errors\"] for x in r[\"rows\"]))" "$TRASH/sweep.json"
'

leak_closed 'the attacker recovers nothing on any generated data set' '
    cat "$TRASH/sweep.md"
    /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(sum(x[\"findings\"] for x in r[\"rows\"]) > 0)" "$TRASH/sweep.json"
'

test_done

#!/bin/sh
# Issue 9: the attacker on generated data sets (a fast subset; every size, both regions and
# several seeds run in tests/full/f710-attack-sweep.sh). Each data set is generated with
# durchblick-samples, run through `durchblick run`, and attacked on its published outputs;
# the database is read only afterwards, to check the attacker against the exact figures.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

test_expect_success 'attack two generated data sets (Kreis Herford 80, Stadt Wuppertal 150)' '
    /usr/bin/python3 "$REPO/tests/attack/sweep.py" --bin "$BIN" --work "$TRASH/sweep" \
        --sets kreis-herford:80:1,stadt-wuppertal:150:2 --json "$TRASH/sweep.json" >"$TRASH/sweep.txt"
    rc=$?
    cat "$TRASH/sweep.txt"
    test $rc -le 1
'

test_expect_success 'every range the attacker computes holds the exact figure (no attacker error)' '
    /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(sum(x[\"errors\"] for x in r[\"rows\"]))" "$TRASH/sweep.json"
'

leak_closed 'the attacker recovers nothing from the published outputs' '
    /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); [print(x[\"dataset\"], x[\"findings\"], \"findings\", x[\"by_channel\"]) for x in r[\"rows\"]]; sys.exit(sum(x[\"findings\"] for x in r[\"rows\"]) > 0)" "$TRASH/sweep.json"
'

test_done

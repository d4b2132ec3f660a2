#!/bin/sh
# Issue 9, channel 7: XLSX charts store every withheld point as the cached value 0.
# Verbleib: Schule 1 and Wegzug 4 are withheld; the Verbleib chart reads the table's share
# column, and its cache (xl/charts/chart*.xml, c:numCache) holds 0 for both points: a reader
# of the chart sees 0 %, and a program that reads the cache gets a number for a `*`.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

{
    echo "$TN_HEADER"
    tn_many 12 A "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung"
    tn_many 9 B "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,arbeit"
    echo "C001,Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,schule"
    tn_many 6 D "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,abbruch"
    tn_many 4 E "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
} >"$TRASH/teilnahmen.csv"

test_expect_success 'run the data set and the attacker' '
    attack_run charts teilnahmen.csv
'

leak_closed 'no chart caches a value for a withheld point' '
    $EXPECT "$TRASH/charts.json" --channel chart
'

test_done

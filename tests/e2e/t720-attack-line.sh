#!/bin/sh
# Issue 9, channel 2: several withheld cells in one line.
# 40 persons in Herford, all running in Baustein 1: 20 m, 18 w, 1 divers (d), 1 keine
# Angabe (x). Today d and x are each withheld (1 < 3) and the line has two withheld
# cells, so no secondary cell is withheld: d + x = 40 - 20 - 18 = 2, and since a `*` is at
# least 1 (0 prints as `–`), both are 1, in personen, teilnahmen and eintritte by geschlecht.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

{
    echo "$TN_HEADER"
    tn_many 20 M "Herford,2000,m,duldung,sprache,1,2022-02-01,,"
    tn_many 18 W "Herford,2000,w,duldung,sprache,1,2022-02-01,,"
    echo "D001,Herford,2000,d,duldung,sprache,1,2022-02-01,,"
    echo "X001,Herford,2000,x,duldung,sprache,1,2022-02-01,,"
} >"$TRASH/teilnahmen.csv"

test_expect_success 'run the data set and the attacker' '
    attack_run line teilnahmen.csv
'

leak_closed 'divers and keine Angabe cannot be worked back from the line sum' '
    attack_none line "*:geschlecht:d" "*:geschlecht:x"
'

test_done

#!/bin/sh
# Issue 9, channel 1: a test statistic computed on withheld cells.
# Exits by Baustein: 1: 20 (10 placed), 4: 8 (5 placed; 6 sat the language exam, 3 passed),
# 5: 1 (placed). Today Baustein 5 (1 exit) is withheld and, as the only withheld cell of its
# line, takes the smallest other cell with it: Baustein 4. The line leaves 9 exits and 6
# placements for Baustein 4 and 5, and the exam base (6 sitters among the Baustein-4 exits)
# says Baustein 4 has at least 6: Baustein 5 has 1 to 3 exits. That alone gives nothing
# away. But the χ² under table 4.1 is computed on the full table (to 15 digits in Daten):
# of the splits (A4, V4 | A5, V5) only (8, 5 | 1, 1) reproduces it, so Baustein 5 = 1 exit,
# placed.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

{
    echo "$TN_HEADER,pruefung"
    tn_many 10 A "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung,"
    tn_many 5 B "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug,"
    tn_many 5 C "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,abbruch,"
    tn_many 3 D "Herford,1990,m,duldung,sprache,4,2022-02-01,2022-09-15,arbeit,bestanden"
    tn_many 2 E "Herford,2000,m,duldung,sprache,4,2022-02-01,2022-09-15,arbeit,nicht_bestanden"
    echo "F001,Herford,2000,m,duldung,sprache,4,2022-02-01,2022-09-15,abbruch,nicht_bestanden"
    tn_many 2 G "Herford,2000,m,duldung,sprache,4,2022-02-01,2022-09-15,abbruch,nicht_teilgenommen"
    echo "H001,Herford,2000,m,duldung,sprache,5,2022-02-01,2022-09-15,schule,"
} >"$TRASH/teilnahmen.csv"

test_expect_success 'run the data set and the attacker' '
    attack_run chi2 teilnahmen.csv
'

leak_closed 'the chi-square result does not pin the withheld cells of table 4.1' '
    attack_none chi2 "*:baustein:5" "*:jahr×baustein:*×5"
'

test_done

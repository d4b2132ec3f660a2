#!/bin/sh
# Issue 9, channel 5: dauer_bis_vermittlung has no secondary suppression.
# Kommune: Herford 20 participations (10 placed), Enger 10 (2 placed), Spenge 8 (4 placed).
# The Kaplan-Meier row of Enger is withheld (2 events), and it is the only withheld row of
# its line: Enger's events = 16 - 10 - 4 = 2. (The Vermittlungsquote line withholds Enger
# with Spenge as its partner, so there the placements of Enger stay between 0 and 6.)
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

{
    echo "$TN_HEADER"
    tn_many 10 HA "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung"
    tn_many 10 HB "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
    tn_many 2 EA "Enger,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,arbeit"
    tn_many 4 EB "Enger,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,abbruch"
    tn_many 4 EC "Enger,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
    tn_many 4 SA "Spenge,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,schule"
    tn_many 4 SB "Spenge,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,sonstiges"
} >"$TRASH/teilnahmen.csv"

test_expect_success 'run the data set and the attacker' '
    attack_run dauer teilnahmen.csv
'

leak_closed 'the Kaplan-Meier rows do not give the placements of Enger away' '
    attack_none dauer "*:kommune:Enger"
'

test_done

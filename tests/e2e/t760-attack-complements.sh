#!/bin/sh
# Issue 9, channel 6: complements, and rates provably 0 % or 100 %.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

# (a) a shown rate whose complement is 1: Spenge, 5 exits, 4 placed: 80,0 % says that
# exactly one person of Spenge was not placed.
mkdir -p "$TRASH/a"
{
    echo "$TN_HEADER"
    tn_many 10 HA "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung"
    tn_many 10 HB "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
    tn_many 4 SA "Spenge,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,arbeit"
    echo "SB001,Spenge,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,abbruch"
} >"$TRASH/a/teilnahmen.csv"

# (b) withheld rates that are provably 100 %: Enger 2 exits, both placed; Spenge (its
# partner) 5 exits, all placed. The line says Enger and Spenge together have 7 exits and
# 7 placements: both are placed to the last person, whatever the split.
mkdir -p "$TRASH/b"
{
    echo "$TN_HEADER"
    tn_many 10 HA "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung"
    tn_many 10 HB "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
    tn_many 2 EA "Enger,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,arbeit"
    tn_many 5 SA "Spenge,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,schule"
} >"$TRASH/b/teilnahmen.csv"

test_expect_success 'run the two data sets and the attacker' '
    attack_run a a/teilnahmen.csv &&
    attack_run b b/teilnahmen.csv
'

leak_closed 'a shown quote does not say that one person of Spenge was not placed' '
    attack_none a "vermittlungsquote:kommune:Spenge" "abbruchquote:kommune:Spenge"
'

leak_closed 'a withheld quote cannot be proven to be 100 %' '
    attack_none b "vermittlungsquote:kommune:Enger" "vermittlungsquote:kommune:Spenge"
'

test_done

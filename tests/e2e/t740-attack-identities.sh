#!/bin/sh
# Issue 9, channel 4: identities between indicators.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

# (a) außerhalb = Personen - Zielgruppe. 43 persons, one of them 32 at entry. The count of
# persons outside the target group (1) is withheld, but the Zielgruppe share is printed:
# 97,7 % of 43 (42 persons, in Daten to 15 digits): außerhalb = 43 - 42 = 1.
mkdir -p "$TRASH/a"
{
    echo "$TN_HEADER"
    tn_many 21 A "Herford,2000,m,duldung,sprache,1,2022-02-01,,"
    tn_many 21 B "Herford,2000,w,duldung,sprache,1,2022-02-01,,"
    echo "C001,Herford,1990,m,duldung,sprache,1,2022-02-01,,"
} >"$TRASH/a/teilnahmen.csv"

# (b) the four placement codes of Verbleib add up to the placements. 40 exits: Ausbildung 12,
# Arbeit 9, Qualifizierung 2, Schule 6, Abbruch 6, Wegzug 5. Qualifizierung (2) is withheld
# with Wegzug (5) as its partner (7 together), but the placements (29) are printed:
# Qualifizierung = 29 - 12 - 9 - 6 = 2.
mkdir -p "$TRASH/b"
{
    echo "$TN_HEADER"
    tn_many 12 A "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung"
    tn_many 9 B "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,arbeit"
    tn_many 2 C "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,qualifizierung"
    tn_many 6 D "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,schule"
    tn_many 6 E "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,abbruch"
    tn_many 5 F "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
} >"$TRASH/b/teilnahmen.csv"

# (c) Bestand changes by Eintritte - Austritte. Baustein 1: 20 running all year; Baustein 2:
# 8 entered in January, 7 of them left on 15.05.; Baustein 3: 10 running. At the end of Q2,
# Q3 and Q4 Baustein 2 holds 1 participation: withheld, with Baustein 3 (10) as the partner
# in each quarter. But no exit fell on a quarter's last day (Bestand Q4 = teilnahmen -
# austritte for the total), so Bestand Q4 of Baustein 2 = 8 - 7 = 1.
mkdir -p "$TRASH/c"
{
    echo "$TN_HEADER"
    tn_many 20 A "Herford,2000,m,duldung,sprache,1,2022-01-10,,"
    tn_many 4 B "Herford,2000,m,duldung,sprache,2,2022-01-10,2022-05-15,ausbildung"
    tn_many 3 C "Herford,2000,m,duldung,sprache,2,2022-01-10,2022-05-15,wegzug"
    echo "D001,Herford,2000,m,duldung,sprache,2,2022-01-10,,"
    tn_many 10 E "Herford,2000,m,duldung,sprache,3,2022-01-10,,"
} >"$TRASH/c/teilnahmen.csv"

test_expect_success 'run the three data sets and the attacker' '
    attack_run a a/teilnahmen.csv &&
    attack_run b b/teilnahmen.csv &&
    attack_run c c/teilnahmen.csv
'

leak_closed 'Personen and the Zielgruppe share do not give außerhalb away' '
    attack_none a "personen_ausserhalb_zielgruppe:*:*" "zielgruppe_anteil:gesamt:gesamt" "*:altersgruppe:ausserhalb"
'

leak_closed 'the placement codes and the placements do not give Qualifizierung away' '
    attack_none b "*:verbleib:qualifizierung"
'

leak_closed 'Bestand, Eintritte and Austritte do not give the Bestand of Baustein 2 away' '
    attack_none c "bestand:quartal×baustein:*×2"
'

test_done

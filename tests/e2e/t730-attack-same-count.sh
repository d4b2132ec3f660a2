#!/bin/sh
# Issue 9, channel 3: the same count withheld separately in different places.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

cat >"$TRASH/mittel.csv" <<'CSV'
jahr,baustein,bewilligt,verausgabt
2022,1,200000,180000
2022,2,100000,90000
2022,3,50000,45000
2022,4,60000,55000
2022,5,40000,30000
2022,6,80000,70000
CSV

# (a) austritte by Kommune vs. the Baustein×Kommune cells. Herford: 20 exits in Baustein 1,
# 10 in Baustein 2; Enger: 2 in Baustein 6; Spenge: one each in Bausteine 1 to 4. By
# Kommune, Enger (2) is withheld with Spenge (4) as its partner: Enger + Spenge = 6. The
# Baustein×Kommune cells are all withheld, but the Daten sheet lists a cell only where it
# is not zero, and a `*` is at least 1: Spenge has four cells, so Spenge >= 4 and Enger is
# 1 or 2.
mkdir -p "$TRASH/a"
{
    echo "$TN_HEADER"
    tn_many 10 HA "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung"
    tn_many 10 HB "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
    tn_many 5 HC "Herford,2000,m,duldung,sprache,2,2022-02-01,2022-09-15,arbeit"
    tn_many 5 HD "Herford,2000,m,duldung,sprache,2,2022-02-01,2022-09-15,abbruch"
    echo "E001,Enger,2000,m,duldung,sprache,6,2022-02-01,2022-09-15,ausbildung"
    echo "E002,Enger,2000,m,duldung,sprache,6,2022-02-01,2022-09-15,abbruch"
    echo "S001,Spenge,1990,m,duldung,sprache,1,2022-02-01,2022-09-15,arbeit"
    echo "S002,Spenge,1990,m,duldung,sprache,2,2022-02-01,2022-09-15,wegzug"
    echo "S003,Spenge,1990,m,duldung,sprache,3,2022-02-01,2022-09-15,schule"
    echo "S004,Spenge,2000,m,duldung,sprache,4,2022-02-01,2022-09-15,abbruch"
} >"$TRASH/a/teilnahmen.csv"

# (b) the Vermittlungsquote numerator vs. the Verbleib codes. 40 exits: Ausbildung 10,
# Arbeit 8, Qualifizierung 6, Schule 1, Abbruch 6, Wegzug 4, Sonstiges 5. Schule (1) is
# withheld with Wegzug (4) as its partner: Schule + Wegzug = 5. But the four placement codes
# add up to the 25 placements of the Vermittlungsquote: Schule = 25 - 10 - 8 - 6 = 1.
mkdir -p "$TRASH/b"
{
    echo "$TN_HEADER"
    tn_many 10 A "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung"
    tn_many 8 B "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,arbeit"
    tn_many 6 C "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,qualifizierung"
    echo "D001,Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,schule"
    tn_many 6 E "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,abbruch"
    tn_many 4 F "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
    tn_many 5 G "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,sonstiges"
} >"$TRASH/b/teilnahmen.csv"

# (c) the Verwendungsnachweis and Sitzungsbericht 4.1 withhold different Bausteine. Exits:
# Baustein 1: 20 (10 placed), 2: 10 (1 placed), 3: 2 (1 placed), 5: 6 (3 placed). In 4.1
# the quotes of 2 (1 placement) and 3 (2 exits) are withheld, two in the line, so no
# partner; the exits of 5 and 2 are shown. The Verwendungsnachweis withholds the exits of 3
# with 5 as the partner. Together: Baustein 3 = 38 - 20 - 10 - 6 = 2.
mkdir -p "$TRASH/c"
{
    echo "$TN_HEADER"
    tn_many 10 A "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung"
    tn_many 10 B "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
    echo "C001,Herford,2000,m,duldung,sprache,2,2022-02-01,2022-09-15,arbeit"
    tn_many 9 D "Herford,2000,m,duldung,sprache,2,2022-02-01,2022-09-15,abbruch"
    echo "E001,Herford,2000,m,duldung,sprache,3,2022-02-01,2022-09-15,schule"
    echo "E002,Herford,2000,m,duldung,sprache,3,2022-02-01,2022-09-15,abbruch"
    tn_many 3 F "Herford,2000,m,duldung,sprache,5,2022-02-01,2022-09-15,ausbildung"
    tn_many 3 G "Herford,2000,m,duldung,sprache,5,2022-02-01,2022-09-15,sonstiges"
} >"$TRASH/c/teilnahmen.csv"
cp "$TRASH/mittel.csv" "$TRASH/c/mittel.csv"

# (d) the Sachbericht prints a placement count that its own table withholds. Exits:
# Baustein 1: 20 (10 placed), 2: 10 (1 placed), 4: 6 (3 placed). The Vermittlungen column
# of the Verwendungsnachweis withholds Baustein 2 (1) with Baustein 4 (3) as its partner,
# but the Sachbericht says "3 davon mündeten in Ausbildung, Arbeit, ..." for Baustein 4:
# Baustein 2 = 14 - 10 - 3 = 1.
mkdir -p "$TRASH/d"
{
    echo "$TN_HEADER"
    tn_many 10 A "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung"
    tn_many 10 B "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
    echo "C001,Herford,2000,m,duldung,sprache,2,2022-02-01,2022-09-15,arbeit"
    tn_many 5 D "Herford,2000,m,duldung,sprache,2,2022-02-01,2022-09-15,abbruch"
    tn_many 4 DW "Herford,2000,m,duldung,sprache,2,2022-02-01,2022-09-15,wegzug"
    tn_many 3 E "Herford,2000,m,duldung,sprache,4,2022-02-01,2022-09-15,schule"
    tn_many 3 F "Herford,2000,m,duldung,sprache,4,2022-02-01,2022-09-15,sonstiges"
} >"$TRASH/d/teilnahmen.csv"
cp "$TRASH/mittel.csv" "$TRASH/d/mittel.csv"

test_expect_success 'run the four data sets and the attacker' '
    attack_run a a/teilnahmen.csv &&
    attack_run b b/teilnahmen.csv &&
    attack_run c c/teilnahmen.csv c/mittel.csv &&
    attack_run d d/teilnahmen.csv d/mittel.csv
'

leak_closed 'austritte by Kommune and by Baustein×Kommune do not give Enger away' '
    attack_none a "*:kommune:Enger" "*:baustein×kommune:*×Enger"
'

leak_closed 'the placements and the Verbleib codes do not give Schule away' '
    attack_none b "*:verbleib:schule"
'

leak_closed 'Verwendungsnachweis and Sitzungsbericht together do not give Baustein 3 away' '
    attack_none c "*:baustein:3" "*:jahr×baustein:*×3"
'

leak_closed 'the Sachbericht text does not give the placements of Baustein 2 away' '
    attack_none d "*:baustein:2" "*:jahr×baustein:*×2" "vermittlungen:jahr×baustein:*×4"
'

test_done

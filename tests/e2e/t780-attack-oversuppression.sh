#!/bin/sh
# Issue 9: over-suppression. Exits by Baustein: 1: 20 (10 placed, 4 Abbruch), 2: 12 (6 placed,
# 3 Abbruch), 3: 2 (1 placed, 1 Abbruch), 5: 8 (4 placed, 2 Abbruch); a few persons in
# Bausteine 1, 2 and 5 are outside the target ages. One small cell (Baustein 3) needs exactly
# one partner, and nothing else in the table is small or provably 0 % or 100 %: table 4.1
# withholds exactly two rows, in the PDF and in the XLSX, and shows the other four.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

{
    echo "$TN_HEADER"
    tn_many 10 A "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,ausbildung"
    tn_many 4 B "Herford,2000,m,duldung,sprache,1,2022-02-01,2022-09-15,abbruch"
    tn_many 6 C "Herford,1990,m,duldung,sprache,1,2022-02-01,2022-09-15,wegzug"
    tn_many 6 D "Herford,2000,m,duldung,sprache,2,2022-02-01,2022-09-15,arbeit"
    tn_many 3 E "Herford,2000,m,duldung,sprache,2,2022-02-01,2022-09-15,abbruch"
    tn_many 3 F "Herford,1990,m,duldung,sprache,2,2022-02-01,2022-09-15,wegzug"
    echo "G001,Herford,2000,m,duldung,sprache,3,2022-02-01,2022-09-15,schule"
    echo "G002,Herford,2000,m,duldung,sprache,3,2022-02-01,2022-09-15,abbruch"
    tn_many 4 H "Herford,2000,m,duldung,sprache,5,2022-02-01,2022-09-15,qualifizierung"
    tn_many 2 I "Herford,2000,m,duldung,sprache,5,2022-02-01,2022-09-15,abbruch"
    tn_many 2 J "Herford,1990,m,duldung,sprache,5,2022-02-01,2022-09-15,wegzug"
} >"$TRASH/teilnahmen.csv"

test_expect_success 'run the data set' '
    attack_run over teilnahmen.csv
'

# rows of table 4.1 (Baustein 1..6) that show a `*`
withheld_rows_xlsx() {
    /usr/bin/python3 - "$TRASH/over.out"/sitzungsbericht-*.xlsx <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True)["Vermittlung"]
rows, on = [], False
for r in ws.iter_rows(values_only=True):
    if r[0] == "Baustein":
        on = True
        continue
    if on:
        if r[0] is None or str(r[0]).startswith(("Insgesamt", "*")):
            break
        rows.append(r)
print(sum(1 for r in rows if "*" in r), len(rows))
PY
}
withheld_rows_pdf() {
    pdftotext -layout "$TRASH/over.out"/sitzungsbericht-*.pdf - 2>/dev/null |
        sed -n '/^ *4.1 Vermittlungsquote nach Baustein/,/^ *Insgesamt/p' |
        grep -E '^ *[1-6] ' | grep -c '\*'
}

test_expect_success 'one small cell with one partner: exactly two rows of table 4.1 withheld (XLSX)' '
    test "$(withheld_rows_xlsx)" = "2 6"
'

test_expect_success 'one small cell with one partner: exactly two rows of table 4.1 withheld (PDF)' '
    test "$(withheld_rows_pdf)" = 2
'

# A generated Kreis-size data set (Kreis Herford, 80 participations, seed 3): complements of
# the Zielgruppe share in small groups are 0, pinned by the published 0 persons outside the
# target group through the lines of persons. No suppression can change that, and the audit
# once did not see it: it looked for partners, found none, withheld what it could (517 of
# 832 figures) and told the analyst it could not protect 3 counts. Now such a failure is
# structural.
withheld_share() {
    /usr/bin/python3 - "$1" <<'PY'
import sqlite3, sys
n, w = sqlite3.connect(sys.argv[1]).execute(
    "select count(*), sum(gesperrt) from kennzahlen where bezug = 'periode'").fetchone()
print(w, "of", n, "figures withheld")
sys.exit(not 2 * w < n)
PY
}

test_expect_success 'a generated data set of 80 participations: every count protected, under half withheld' '
    cfg="$REPO/config/kreis-herford.ini" &&
    for d in teilnahmen angebote mittel; do
        durchblick-samples --config "$cfg" --dataset $d --rows 80 --seed 3 --out "$TRASH/g-$d.csv" || return 1
    done &&
    durchblick run --config "$cfg" --db "$TRASH/g.db" --out "$TRASH/g.out" \
        "$TRASH/g-teilnahmen.csv" "$TRASH/g-angebote.csv" "$TRASH/g-mittel.csv" >"$TRASH/g.log" 2>&1 &&
    ! grep "could not protect" "$TRASH/g.log" &&
    withheld_share "$TRASH/g.db"
'

test_done

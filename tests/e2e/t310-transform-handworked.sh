#!/bin/sh
# Needs vs offers, funding, data quality and the core rates on a data set small
# enough to work out by hand (the expected values are derived in the comments).
. "$(dirname "$0")/lib.sh"

cat >"$TRASH/teilnahmen.csv" <<'CSV'
fall_id,kommune,geburtsjahr,aufenthaltsstatus,bedarfe,baustein,eintritt,austritt,verbleib
T1,Herford,2000,duldung,sprache|arbeit,1,2022-01-10,2022-06-30,ausbildung
T2,Herford,1999,gestattung,sprache,1,2022-02-01,2022-08-31,abbruch
T3,Löhne,1998,duldung,arbeit,2,2022-03-01,,
T4,Löhne,2001,aufenthaltserlaubnis,sprache,1,2021-05-01,2021-12-31,arbeit
CSV
# A1 open to both tolerated and permitted persons; A2 closed to both; A3 closed to gestattung.
cat >"$TRASH/angebote.csv" <<'CSV'
angebot_id,titel,kommune,bedarfe,zugang,plaetze
A1,Deutschkurs,Herford,sprache,gestattung|duldung,10
A2,Sprachcafé,Herford,sprache,aufenthaltserlaubnis,5
A3,Jobcoaching,Löhne,arbeit,duldung,4
CSV
cat >"$TRASH/mittel.csv" <<'CSV'
jahr,baustein,bewilligt,verausgabt
2022,1,100000,80000
2022,2,50000,50000
CSV

# value of a figure of the period (not of the previous one it is compared with): kennzahl dimension kategorie
fig() {
	sqlite3 h.db "select coalesce(wert, 'NULL') from kennzahlen where kennzahl = '$1' and dimension = '$2' and kategorie = '$3' and bezug = 'periode'"
}

test_expect_success 'load and transform the hand-worked set (period 2022)' '
	ingest h.db teilnahmen.csv 2>/dev/null &&
	ingest h.db --dataset angebote angebote.csv 2>/dev/null &&
	ingest h.db --dataset mittel mittel.csv 2>/dev/null &&
	durchblick-transform --config "$CONFIG" --db h.db 2>err
'

# T4 left in 2021: not active. Active: T1, T2, T3; exits in 2022: T1 (placed), T2 (abbruch).
test_expect_success 'who is active, exited, placed' '
	test "$(fig personen gesamt gesamt)" = 3 &&
	test "$(fig teilnahmen gesamt gesamt)" = 3 &&
	test "$(fig austritte gesamt gesamt)" = 2 &&
	test "$(fig vermittlungsquote gesamt gesamt)" = 0.5 &&
	test "$(fig abbruchquote gesamt gesamt)" = 0.5 &&
	test "$(fig zielgruppe_anteil gesamt gesamt)" = 1 &&
	test "$(fig personen kommune Herford)" = 2 &&
	test "$(sqlite3 h.db "select gesperrt from kennzahlen where kennzahl=\"personen\" and dimension=\"kommune\" and kategorie=\"Herford\" and bezug=\"periode\"")" = 1
'

# sprache: T1, T2 (T4 inactive); arbeit: T1, T3.
# Accessible (open to duldung and gestattung): sprache×Herford 10 (A1); arbeit×Löhne 0 (A3 closed to gestattung).
test_expect_success 'needs, accessible and closed places, Deckungsgrad' '
	test "$(fig bedarf_personen bedarf sprache)" = 2 &&
	test "$(fig bedarf_personen bedarf arbeit)" = 2 &&
	test "$(fig plaetze_zugaenglich bedarf×kommune sprache×Herford)" = 10 &&
	test "$(fig deckungsgrad bedarf×kommune sprache×Herford)" = 5 &&
	test "$(fig plaetze_zugaenglich bedarf×kommune arbeit×Löhne)" = 0 &&
	test "$(fig deckungsgrad bedarf×kommune arbeit×Löhne)" = 0 &&
	test "$(fig plaetze_verschlossen bedarf×kommune sprache×Herford)" = 5 &&
	test "$(fig plaetze_verschlossen bedarf×kommune arbeit×Löhne)" = 4 &&
	test "$(fig angebotsluecke bedarf×kommune arbeit×Löhne)" = 1 &&
	test "$(fig plaetze_zugaenglich bedarf×aufenthaltsstatus arbeit×duldung)" = 4
'

# 2022, Baustein 1: 80,000 spent of 100,000; participations active in 2022: T1, T2; placed: T1.
test_expect_success 'funding: shares, utilisation, cost per participation and placement' '
	test "$(fig mittel_verausgabt jahr×baustein 2022×1)" = 80000 &&
	test "$(fig landesanteil jahr×baustein 2022×1)" = 64000 &&
	test "$(fig eigenanteil jahr×baustein 2022×1)" = 16000 &&
	test "$(fig ausschoepfung jahr×baustein 2022×1)" = 0.8 &&
	test "$(fig kosten_je_teilnahme jahr×baustein 2022×1)" = 40000 &&
	test "$(fig kosten_je_vermittlung jahr×baustein 2022×1)" = 80000 &&
	test "$(fig kosten_je_vermittlung jahr×baustein 2022×2)" = NULL &&
	test "$(fig mittel_verausgabt jahr 2022)" = 130000 &&
	test "$(fig landesanteil jahr 2022)" = 104000
'

# Over the 3 participations of the period (T4 ended in 2021): kommune always given, geschlecht
# never, austritt 2 of 3 (T3 runs); abschluss_erreicht is measured on Baustein 3 alone (none here).
test_expect_success 'data quality: completeness per field, over the period' '
	test "$(fig vollstaendigkeit feld kommune)" = 1 &&
	test "$(fig vollstaendigkeit feld geschlecht)" = 0 &&
	test "$(sqlite3 h.db "select zaehler || \"/\" || nenner from kennzahlen where kennzahl = \"vollstaendigkeit\" and kategorie = \"austritt\"")" = 2/3 &&
	test "$(sqlite3 h.db "select nenner from kennzahlen where kennzahl = \"vollstaendigkeit\" and kategorie = \"abschluss_erreicht\"")" = 0
'

test_done

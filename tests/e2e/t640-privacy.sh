#!/bin/sh
# Privacy: the database and its journal are private (0600) whatever the umask;
# reports follow the umask (they hold only disclosure-controlled figures);
# files with direct identifiers are refused, every spelling of them; no raw
# row (pseudonym, free text, rejected value) ever reaches a report.
# (t200 checks 0600 of a new database under the default umask and eleven
# identifier headers; they are not repeated here.)
. "$(dirname "$0")/lib.sh"

write_good_csv "$TRASH/good.csv"

# mode of each file that is left beside a database (journal, WAL, shm)
leftovers() {
	ls -A | grep -e "-journal$" -e "-wal$" -e "-shm$" -e "^\.\?$1-" || true
}

for mask in 000 022 077; do
test_expect_success "umask $mask: a new database is 0600 and stays so through all stages; no journal left" "
	mkdir m$mask && cd m$mask && umask $mask &&
	ingest p.db ../good.csv 2>/dev/null && test \"\$(stat -c %a p.db)\" = 600 &&
	durchblick-transform --config \"\$CONFIG\" --db p.db 2>/dev/null && test \"\$(stat -c %a p.db)\" = 600 &&
	durchblick-report --config \"\$CONFIG\" --db p.db --out out >/dev/null 2>&1 && test \"\$(stat -c %a p.db)\" = 600 &&
	test -z \"\$(leftovers p.db)\"
"
done

# A stage killed in the middle of its transaction leaves SQLite's rollback
# journal (a copy of the pages it changed): it must be as private as the
# database. umask 000, so the mode cannot come from the umask.
test_expect_success 'the journal of a killed ingest is 0600 too, and the next stage rolls it back' '
	umask 000 &&
	ingest j.db good.csv 2>/dev/null &&
	awk -v h="$HEADER" "BEGIN { print h; for (i = 1; i <= 100000; i++) printf \"J%06d,Herford,2000,w,SYR,duldung,,1,2022-01-10,,\n\", i }" >big.csv &&
	{ durchblick-ingest --config "$CONFIG" --db j.db big.csv 2>/dev/null & pid=$!; } &&
	n=0 && while ! test -e j.db-journal && kill -0 $pid 2>/dev/null && [ $n -lt 6000 ]; do sleep 0.01; n=$((n + 1)); done &&
	kill -9 $pid && { wait $pid; true; } &&
	test -e j.db-journal && test "$(stat -c %a j.db-journal)" = 600 &&
	durchblick-transform --config "$CONFIG" --db j.db 2>/dev/null &&
	! test -e j.db-journal &&
	test "$(sqlite3 j.db "select count(*) from lieferungen")" = 1 &&
	test "$(sqlite3 j.db "select count(*) from teilnahmen")" = 3
'

# Reports carry only figures after disclosure control, so they are made like any
# document the analyst saves: 0666 minus the umask (a new --out folder: 0755
# minus the umask). An office that wants them private sets umask 077 (or keeps
# them in a private folder).
for case in "022 644 755" "077 600 700" "002 664 755"; do
set -- $case
test_expect_success "umask $1: report files are $2, a new output folder $3" "
	ingest r$1.db good.csv 2>/dev/null && durchblick-transform --config \"\$CONFIG\" --db r$1.db 2>/dev/null &&
	(umask $1 && durchblick-report --config \"\$CONFIG\" --db r$1.db --out out$1 >list 2>/dev/null) &&
	test \"\$(wc -l <list)\" = 4 &&
	for f in \$(cat list); do test \"\$(stat -c %a \$f)\" = $2 || { stat -c '%a %n' \$f; exit 1; }; done &&
	test \"\$(stat -c %a out$1)\" = $3 && test -z \"\$(ls -A out$1 | grep '^\\.')\"
"
done

# Every spelling of a direct identifier the check knows (beyond t200's eleven):
# German and English, abbreviations, several words in one header.
IDENTIFIERS='Familienname
Geburtsname
Zuname
Rufname
Vor- und Nachname
Name, Vorname
Nachname, Vorname
Teilnehmername
Name Teilnehmer/in
Vollständiger Name
Geb.-Datum
Geb. am
geboren am
Geburtstag
Geburtsort
Anschrift
Wohnanschrift
Wohnadresse
Strasse
Str.
Straße und Hausnummer
Hausnummer
Haus-Nr.
PLZ
Postleitzahl
PLZ/Ort
Telefonnummer
Tel.
Tel.-Nr.
Telefon privat
Handy
Handynummer
Handy-Nr.
Mobil
Mobilnummer
Mobiltelefon
Rufnummer
Faxnummer
Email
E-Mail-Adresse
Mail
Mailadresse
Steuer-ID
Steueridentifikationsnummer
Steuernummer
Sozialversicherungsnummer
SV-Nummer
Rentenversicherungsnummer
RV-Nummer
Versichertennummer
Krankenversichertennummer
AZ
Aktenzeichen BAMF
AZR-Nummer
AZR-Nr.
Ausweisnummer
Ausweis-Nr.
Personalausweisnummer
Passnummer
Pass-Nr.
Reisepassnummer
IBAN
Kontonummer
Bankverbindung
Last Name
Surname
Full Name
Given Name
Family Name
Forename
Middle Name
Maiden Name
Birth Name
DOB
Birth Date
Birthdate
Birthday
Place of Birth
Address
Street Address
Street
House Number
Postcode
Postal Code
ZIP
ZIP Code
Phone
Phone Number
Telephone
Mobile
Mobile Number
Cell Phone
Email Address
E-mail
Tax ID
Tax Number
Social Security Number
SSN
National Insurance Number
Passport
Passport Number
Passport No.
ID Card Number
Identity Card Number
Account Number
Bank Account'

# Under valgrind (tests/run-valgrind.sh) every 8th: the same code path each time.
i=0
while IFS= read -r col; do
i=$((i + 1))
[ "${DURCHBLICK_VALGRIND:-0}" = 1 ] && [ $((i % 8)) -ne 1 ] && continue
echo "$col" >"$TRASH/ident$i.col"
test_expect_success "identifier header '$col': file refused, exit 1, line 1 and column named" "
	{ printf '%s,\"%s\"\n' \"\$HEADER\" \"\$(cat ident$i.col)\"; sed -n 2p good.csv | sed 's/\$/,x/'; } >ident$i.csv &&
	test_must_fail ingest id$i.db ident$i.csv 2>err &&
	grep -F -q \"ident$i.csv:1: column 12 '\$(cat ident$i.col)' holds direct identifiers\" err &&
	test \"\$(sqlite3 id$i.db 'select count(*) from lieferungen')\" = 0 &&
	test \"\$(sqlite3 id$i.db 'select count(*) from teilnahmen')\" = 0
"
done <<EOF
$IDENTIFIERS
EOF

# Headers that only look like one: the words above inside harmless ones, and
# what a yes/no column asks about. They load, with the usual warning.
test_expect_success 'harmless headers that resemble identifiers load with a warning' '
	set -- Libanon-Projekt "Reisepass vorhanden" "Social Security" &&
	[ "${DURCHBLICK_VALGRIND:-0}" = 1 ] ||
	set -- Bemerkung Kommentar Libanon-Projekt "Reisepass vorhanden" "Passport available" \
		"Social Security" Mobilität Strategie "Anzahl Plätze" Namenszusatzkurs &&
	for col in "$@"; do
		{ printf "%s,\"%s\"\n" "$HEADER" "$col"; sed -n 2p good.csv | sed "s/\$/,x/"; } >fp.csv &&
		rm -f fp.db && ingest fp.db fp.csv 2>err || { echo "refused: $col"; cat err; exit 1; }
		grep -F -q "column 12 '\''$col'\'' is not in the codebook or the config: ignored" err || { cat err; exit 1; }
		test "$(sqlite3 fp.db "select count(*) from teilnahmen")" = 1 || exit 1
	done
'

# Markers (MRKQ...) in everything a report must not show: pseudonyms, free
# text (Träger of a participation and of an offer, an offer's title), a column
# the codebook does not know, and the raw values of rejected rows.
cat >"$TRASH/teilnahmen-mrk.csv" <<CSV
$HEADER,traeger,Bemerkung
MRKQFALL01,Herford,2000,w,SYR,duldung,sprache|arbeit,1,2022-01-10,2022-06-30,ausbildung,MRKQTRAEGER Bildungswerk,MRKQBEMERKUNG
MRKQFALL02,Löhne,1998,m,AFG,gestattung,sprache,1,2022-02-01,2022-09-30,arbeit,MRKQTRAEGER Bildungswerk,MRKQBEMERKUNG
MRKQFALL03,Bünde,1990,m,IRQ,duldung,arbeit,2,2022-03-01,,,MRKQTRAEGER Bildungswerk,MRKQBEMERKUNG
MRKQFALL04,Herford,2001,w,SYR,duldung,sprache,1,2022-04-01,2022-10-31,abbruch,MRKQTRAEGER Bildungswerk,MRKQBEMERKUNG
MRKQ REJ05,Herford,2000,w,SYR,duldung,,1,2022-01-10,,,x,MRKQBEMERKUNG
MRKQFALL06,MRKQREJKOMMUNE,2000,w,SYR,duldung,,1,2022-01-10,,,x,x
MRKQFALL07,Herford,2000,w,MRKQREJLAND,duldung,,1,2022-01-10,,,x,x
MRKQFALL08,Herford,2000,w,SYR,duldung,,1,2022-01-10,2022-05-01,MRKQREJVERBLEIB,x,x
CSV
cat >"$TRASH/angebote-mrk.csv" <<'CSV'
angebot_id,titel,traeger,kommune,bedarfe,zugang,plaetze
MRKQANG1,MRKQTITEL Deutschkurs,MRKQANGTRAEGER,Herford,sprache,gestattung|duldung,10
MRKQANG2,MRKQTITEL Jobcoaching,MRKQANGTRAEGER,Löhne,arbeit,duldung,4
MRKQANG3,MRKQTITEL kaputt,MRKQANGTRAEGER,MRKQREJORT,arbeit,duldung,4
CSV
cat >"$TRASH/mittel-mrk.csv" <<'CSV'
jahr,baustein,bewilligt,verausgabt
2022,1,100000,80000
2022,2,50000,MRKQREJBETRAG
CSV

test_expect_success 'the markers are in the database (so their absence below means something)' '
	durchblick run --config "$CONFIG" --db mrk.db --out mout teilnahmen-mrk.csv angebote-mrk.csv mittel-mrk.csv >paths 2>run.err &&
	test "$(wc -l <paths)" = 4 &&
	test "$(sqlite3 mrk.db "select count(*) from teilnahmen where fall_id like '\''MRKQ%'\'' and traeger like '\''MRKQ%'\''")" = 4 &&
	test "$(sqlite3 mrk.db "select count(*) from angebote where titel like '\''MRKQ%'\''")" = 2 &&
	test "$(sqlite3 mrk.db "select count(*) from abweisungen where wert like '\''MRKQ%'\''")" = 6
'

test_expect_success 'no marker in kennzahlen, in the PDFs (text and metadata) or anywhere in the XLSX files' '
	test "$(sqlite3 mrk.db "select count(*) from kennzahlen where kategorie like '\''%MRKQ%'\'' or dimension like '\''%MRKQ%'\''")" = 0 &&
	for f in $(grep "\.pdf$" paths); do
		pdftotext -layout "$f" - 2>/dev/null >>pdf.txt && pdfinfo "$f" 2>/dev/null >>pdf.txt || exit 1
	done &&
	grep -q "Sitzungsbericht" pdf.txt && ! grep -n "MRKQ" pdf.txt &&
	for f in $(grep "\.xlsx$" paths); do unzip -p "$f" >>xlsx.txt || exit 1; done &&
	grep -q "sharedStrings\|<sst\|<si>" xlsx.txt && ! grep -n -o ".\{0,40\}MRKQ.\{0,40\}" xlsx.txt
'

# The summary of rejected rows shows their values (issue 11: the analyst must see
# what was refused); nothing that loaded, no free text and no ignored column does.
test_expect_success 'the messages of the run name lines, reasons and rejected values, never a loaded value' '
	grep -q "teilnahmen-mrk.csv: teilnahmen, utf-8, 8 rows read, 4 loaded, 4 rejected" run.err &&
	grep -q "column 13 .Bemerkung. is not in the codebook" run.err &&
	for rej in "MRKQ REJ05" MRKQREJKOMMUNE MRKQREJLAND MRKQREJVERBLEIB MRKQREJORT MRKQREJBETRAG; do
		grep -q "x [a-z_]*: .*(line [0-9]*; .$rej.)" run.err || { echo "not shown: $rej"; exit 1; }
	done &&
	! grep -o "MRKQ[A-Z0-9 ]*" run.err | grep -v "^MRKQ\( REJ05\|REJ[A-Z]*\)$" && ! grep -n "MRKQ" paths
'

test_done

#!/bin/sh
# durchblick-ingest end to end: loading, rejects with lines, refusals, re-ingest,
# snapshots, --strict, exit codes, privacy of the database file.
. "$(dirname "$0")/lib.sh"

write_good_csv "$TRASH/good.csv"

# One row per rule of data.md, each on a known line; line 4 is a quoted
# field over three lines, so the record after it starts on line 7.
cat >"$TRASH/bad.csv" <<CSV
$HEADER
B01,Herford,2000,w,SYR,duldung,,1,2022-01-10,,
B02,Berlin,2000,w,SYR,duldung,,1,2022-01-10,,
B03,Herford,2000,w,SYR,duldung,"sprache
arbeit
wohnen",1,2022-01-10,,
B04,Herford,2000,w,SYR,duldung,,1,31.02.2022,,
B05,Herford,2000,w,SYR,duldung,,1,2022-05-01,2022-04-01,arbeit
B06,Herford,2000,w,SYR,duldung,,7,2022-01-10,,
B07,Herford,2000,w,SYR,,,1,2022-01-10,,
B08,Herford,2999,w,SYR,duldung,,1,2022-01-10,,
B 09,Herford,2000,w,SYR,duldung,,1,2022-01-10,,
B10,Herford,2000,q,SYR,duldung,,1,2022-01-10,,
B11,Herford,2000,w,SYR,duldung,,1,2022-01-10,2022-02-01,
B12,Herford,2000,w,Atlantis,duldung,,1,2022-01-10,,
,,,,,,,,,,
B13,Herford,1990,w,SYR,duldung,,1,2022-01-10,,
CSV

test_expect_success 'help goes to stdout with exit 0, version too' '
	durchblick-ingest --help >out && grep -q "usage: durchblick-ingest" out &&
	durchblick-ingest --version | grep -q "^durchblick-ingest [0-9]"
'

test_expect_success 'usage errors exit 2 and name the problem' '
	test_exit_code 2 durchblick-ingest --bogus 2>err && grep -q "unknown option .--bogus." err &&
	test_exit_code 2 durchblick-ingest --config "$CONFIG" x.csv 2>err && grep -q "missing --db" err &&
	test_exit_code 2 durchblick-ingest --config "$CONFIG" --db x.db --dataset foo x.csv 2>err
'

test_expect_success 'a config error exits 2 and names file and line' '
	printf "[region]\nname = X\nkommunen = A\nfarbe = blau\n" >bad.ini &&
	test_exit_code 2 durchblick-ingest --config bad.ini --db x.db "$TRASH/good.csv" 2>err &&
	grep -q "bad.ini:4: unknown key .farbe. in \[region\]" err && ! test -e x.db
'

test_expect_success 'good rows load with canonical values; database is mode 0600' '
	ingest g.db good.csv 2>err &&
	test "$(sqlite3 g.db "select count(*) from teilnahmen")" = 3 &&
	test "$(sqlite3 g.db "select bedarfe from teilnahmen where fall_id=\"P001\"")" = "arbeit|sprache" &&
	test "$(sqlite3 g.db "select kommune from teilnahmen where fall_id=\"P002\"")" = "Löhne" &&
	test "$(stat -c %a g.db)" = 600 &&
	test "$(sqlite3 g.db "select zeilen_gelesen||\"/\"||zeilen_geladen||\"/\"||zeilen_abgewiesen from lieferungen")" = "3/3/0" &&
	test "$(sqlite3 g.db "select sha256 from lieferungen")" = "$(sha256sum good.csv | cut -c1-64)"
'

test_expect_success 'each broken rule rejects its row alone, with line, field, value, reason' '
	ingest b.db --rejects rej.csv bad.csv 2>err &&
	sqlite3 -separator "|" b.db "select zeile, feld, wert, grund from abweisungen order by zeile" >got &&
	cat >want <<-WANT &&
	3|kommune|Berlin|Kommune gehört nicht zur Region der Konfiguration
	7|eintritt|31.02.2022|Datum existiert nicht
	8|austritt|2022-04-01|Austritt liegt vor dem Eintritt
	9|baustein|7|kein Förderbaustein 1 bis 6
	10|aufenthaltsstatus||Pflichtfeld ist leer
	11|geburtsjahr|2999|Jahr liegt in der Zukunft
	12|fall_id|B 09|Fall-ID mit unzulässigen Zeichen (erlaubt: A-Z a-z 0-9 . _ -)
	13|geschlecht|q|unbekannter Wert (weder Code des Codebuchs noch in der Konfiguration zugeordnet)
	14|verbleib||Verbleib fehlt, obwohl ein Austritt angegeben ist
	15|staatsangehoerigkeit|Atlantis|unbekannter Staat (erwartet ISO-Code oder deutscher/englischer Name)
	WANT
	diff want got &&
	test "$(sqlite3 b.db "select group_concat(fall_id) from (select fall_id from teilnahmen order by 1)")" = "B01,B03,B13" &&
	test "$(sqlite3 b.db "select bedarfe from teilnahmen where fall_id=\"B03\"")" = "arbeit|sprache|wohnen" &&
	test "$(sqlite3 b.db "select zeilen_gelesen||\"/\"||zeilen_geladen||\"/\"||zeilen_abgewiesen from lieferungen")" = "13/3/10" &&
	grep -q "13 rows read, 3 loaded, 10 rejected" err &&
	grep -q "1 x kommune: Kommune gehört nicht zur Region der Konfiguration (line 3; .Berlin.)" err &&
	test "$(wc -l <rej.csv)" = 11 && head -1 rej.csv | grep -q "^datei,zeile,feld,wert,grund$" &&
	grep -q "\"bad.csv\",7,\"eintritt\",\"31.02.2022\",\"Datum existiert nicht\"" rej.csv
'

test_expect_success 'persons outside the target ages load, flagged' '
	test "$(sqlite3 b.db "select zielgruppe from teilnahmen where fall_id=\"B13\"")" = 0 &&
	test "$(sqlite3 b.db "select zielgruppe from teilnahmen where fall_id=\"B01\"")" = 1 &&
	grep -q "1 participations outside the target ages 18-27" err
'

test_expect_success '--strict loads nothing of a file with rejects and exits 1' '
	test_must_fail ingest s.db --strict bad.csv 2>err &&
	grep -q "strict: 10 rows rejected, nothing of this file was loaded" err &&
	test "$(sqlite3 s.db "select count(*) from teilnahmen")" = 0 &&
	test "$(sqlite3 s.db "select count(*) from lieferungen")" = 0 &&
	test "$(sqlite3 s.db "select count(*) from abweisungen")" = 0
'

test_expect_success 'the same file twice changes nothing' '
	sqlite3 g.db .dump >before &&
	ingest g.db good.csv 2>err && grep -q "already loaded as lieferung 1" err &&
	sqlite3 g.db .dump >after && cmp before after
'

test_expect_success 'a later snapshot updates a participation (exit and outcome arrive)' '
	sed "s/^P002,Löhne,1998,m,AFG,gestattung,,1,2022-02-01,,$/P002,Löhne,1998,m,AFG,gestattung,,1,2022-02-01,2022-09-30,arbeit/" good.csv >snap.csv &&
	! cmp -s good.csv snap.csv &&
	ingest g.db snap.csv 2>err &&
	test "$(sqlite3 g.db "select count(*) from teilnahmen")" = 3 &&
	test "$(sqlite3 g.db "select austritt||\" \"||verbleib||\" \"||lieferung from teilnahmen where fall_id=\"P002\"")" = "2022-09-30 arbeit 2" &&
	test "$(sqlite3 g.db "select count(*) from lieferungen")" = 2
'

test_expect_success 'the same participation twice in one file: the second is rejected' '
	{ cat good.csv; sed -n 2p good.csv; } >dup.csv &&
	ingest d.db dup.csv 2>err &&
	test "$(sqlite3 d.db "select zeile||\" \"||grund from abweisungen")" = "5 Schlüssel doppelt in derselben Datei (dieselbe Teilnahme zweimal)"
'

for col in Name Vorname Nachname Geburtsdatum Adresse Straße Telefon E-Mail Aktenzeichen "First Name" "Date of Birth"; do
test_expect_success "a header with identifiers ($col) refuses the file, naming the column" "
	{ echo \"\$HEADER,$col\"; sed -n '2p' good.csv | sed 's/\$/,x/'; } >ident.csv &&
	test_must_fail ingest i.db ident.csv 2>err &&
	grep -q \"ident.csv:1: column 12 '$col' holds direct identifiers\" err &&
	test \"\$(sqlite3 i.db 'select count(*) from lieferungen')\" = 0
"
done

test_expect_success 'not csv: empty file, binary, missing required column, directory' '
	: >empty.csv && test_must_fail ingest n.db empty.csv 2>err && grep -q "empty.csv: empty file" err &&
	printf "\000\001\002PK\003\004" >bin.csv && test_must_fail ingest n.db bin.csv 2>err && grep -q "binary file" err &&
	printf "fall_id,kommune\nX,Herford\n" >short.csv && test_must_fail ingest n.db short.csv 2>err &&
	grep -q "short.csv:1: geburtsjahr: required column missing" err &&
	mkdir dir.csv && test_must_fail ingest n.db dir.csv 2>err && grep -q "is a directory" err &&
	test_must_fail ingest n.db nosuch.csv 2>err && grep -q "nosuch.csv: cannot read" err
'

test_expect_success 'a file that is not a durchblick database is refused untouched' '
	echo "hello" >notadb && cp notadb notadb.orig &&
	test_must_fail ingest notadb good.csv 2>err && grep -q "notadb" err && cmp notadb notadb.orig
'

test_expect_success 'a database of a newer schema version is refused' '
	cp g.db new.db && sqlite3 new.db "pragma user_version = 99" &&
	test_must_fail ingest new.db good.csv 2>err && grep -q "schema version 99" err
'

test_expect_success 'a locked database: exit 1, nothing changed' '
	cp g.db l.db && sqlite3 l.db .dump >before &&
	( sqlite3 l.db "begin immediate; select 1; " ".shell sleep 8" "commit;" >/dev/null 2>&1 & ) &&
	sleep 1 && test_must_fail ingest l.db bad.csv 2>err && grep -q "locked" err &&
	sleep 8 && sqlite3 l.db .dump >after && cmp before after
'

test_done

#!/bin/sh
# A file of which no row loads is a failed input (exit 1), and `durchblick run`
# stops before transform; a file with more than 10 % of its rows rejected gets
# a warning; both name the most frequent reason with its values and the likely
# cause (delimiter, region, encoding, unmapped values). Every reason in the
# summary shows the rejected values. The report's cover shows the share of rows
# rejected.
. "$(dirname "$0")/lib.sh"
S=$REPO/samples/data
WUPPERTAL=$REPO/config/stadt-wuppertal.ini

batches() { sqlite3 "$1" "select count(*) from lieferungen"; }

test_expect_success 'setup: exports of Wuppertal, read with the config of Kreis Herford' '
	durchblick-samples --config "$WUPPERTAL" --dataset teilnahmen --dialect canonical --rows 40 --errors 0 \
		--seed 675 --out wuppertal-teilnahmen.csv 2>/dev/null &&
	test "$(wc -l <wuppertal-teilnahmen.csv)" = 41 && write_good_csv good-teilnahmen.csv
'

test_expect_success 'another region: no row loads, exit 1, nothing of it kept; the cause is named with values' '
	test_must_fail ingest w.db wuppertal-teilnahmen.csv good-teilnahmen.csv 2>err &&
	grep -q "^durchblick-ingest: wuppertal-teilnahmen.csv: no row of this file could be loaded (all 40 rejected)" err &&
	grep -q "^durchblick-ingest:   most often: kommune: Kommune gehört nicht zur Region der Konfiguration (40 rows; .\(Barmen\|Cronenberg\|Elberfeld\|Heckinghausen\|Langerfeld-Beyenburg\|Ronsdorf\|Uellendorf-Katernberg\|Vohwinkel\|Oberbarmen\|Uellendorf\)" err &&
	grep -q "^durchblick-ingest:   likely cause: another region: the municipalities of the file (.*) are not among the 9 of Kreis Herford" err &&
	test "$(sqlite3 w.db "select datei from lieferungen")" = good-teilnahmen.csv &&
	test "$(sqlite3 w.db "select count(*) from abweisungen")" = 0
'

test_expect_success 'durchblick run stops before transform: no Verwendungsnachweis with another region'"'"'s data' '
	test_must_fail durchblick run --config "$CONFIG" --db r.db --out rout wuppertal-teilnahmen.csv \
		"$S"/mittel-kreis-herford.csv >paths 2>err &&
	grep -q "no row of this file could be loaded" err &&
	test "$(sqlite3 r.db "select count(*) from laeufe")" = 0 && ! test -s paths && ! test -e rout
'

test_expect_success 'a file whose rows use another delimiter than its header: said so, not "Fall-ID länger als 40 Zeichen"' '
	{ echo "$HEADER" | tr , ";"; sed 1d good-teilnahmen.csv; } >mixed-teilnahmen.csv &&
	test_must_fail ingest d.db mixed-teilnahmen.csv 2>err &&
	grep -q "mixed-teilnahmen.csv: no row of this file could be loaded (all 3 rejected)" err &&
	grep -q "most often: Zeile mit anderem Trennzeichen als die Kopfzeile (Datei mit gemischten Trennzeichen?) (3 rows; .P001,Herford,2000" err &&
	grep -q "likely cause: the delimiter" err && ! grep -q "Fall-ID" err
'

test_expect_success 'the wrong encoding: the cause says so' '
	printf "%s\n" "$HEADER" >cp-teilnahmen.csv &&
	for i in 1 2 3 4; do printf "C00$i,B\374nde,2000,w,SYR,duldung,,1,2022-01-10,,\n"; done >>cp-teilnahmen.csv &&
	sed "s/^encoding = auto/encoding = utf-8/" "$CONFIG" >utf8.ini &&
	test_must_fail durchblick-ingest --config utf8.ini --db e.db cp-teilnahmen.csv 2>err &&
	grep -q "likely cause: the encoding: set \[input\] encoding = windows-1252" err
'

test_expect_success 'more than 10 % rejected: a warning with the top reason and cause, exit 0; up to 10 %: none' '
	{ cat good-teilnahmen.csv; echo "X001,Köln,2000,w,SYR,duldung,,1,2022-01-10,,"; } >some-teilnahmen.csv &&
	ingest s.db some-teilnahmen.csv 2>err &&
	grep -q "^durchblick-ingest: some-teilnahmen.csv: warning: 1 of 4 rows (25 %) were rejected, more than 10 %" err &&
	grep -q "most often: kommune: Kommune gehört nicht zur Region der Konfiguration (1 row; .Köln.)" err &&
	durchblick-samples --config "$CONFIG" --dataset teilnahmen --dialect canonical --rows 40 --errors 0 \
		--seed 676 --out fine-teilnahmen.csv 2>/dev/null &&
	{ cat fine-teilnahmen.csv; echo "X002,Köln,2000,w,SYR,duldung,,,,,,1,,2022-01-10,,,,,"; } >few-teilnahmen.csv &&
	ingest f.db few-teilnahmen.csv 2>err && grep -q "41 rows read, 40 loaded, 1 rejected" err &&
	! grep -q "warning: .* were rejected" err
'

test_expect_success 'each reason in the summary shows the rejected values' '
	{ cat good-teilnahmen.csv; echo "Y001,Köln,2000,w,SYR,duldung,,1,2022-01-10,,";
	  echo "Y002,Berlin,2000,w,SYR,duldung,,1,2022-01-10,,"; echo "Y003,Köln,2000,w,SYR,duldung,,9,2022-01-10,,"; } >v-teilnahmen.csv &&
	ingest v.db v-teilnahmen.csv 2>err &&
	grep -q "^durchblick-ingest:         3 x kommune: Kommune gehört nicht zur Region der Konfiguration (lines 5, 6, 7; .Köln., .Berlin.)" err
'

test_expect_success 'a file holding only its header line: exit 1, said so' '
	echo "$HEADER" >empty-teilnahmen.csv &&
	test_must_fail ingest h.db empty-teilnahmen.csv 2>err &&
	grep -q "empty-teilnahmen.csv: no data rows: the file holds only its header line" err && test "$(batches h.db)" = 0
'

test_expect_success 'a file name that matches none of the config'"'"'s patterns: said so' '
	cp good-teilnahmen.csv export.csv && ingest n.db export.csv 2>err &&
	grep -q "^durchblick-ingest: export.csv: warning: the file name matches none of the config.s \[input\] patterns (teilnahmen = \*teilnahme\*, angebote = \*angebot\*, mittel = \*mittel\*): read as teilnahmen" err &&
	ingest n.db good-teilnahmen.csv 2>err && ! grep -q "matches none" err
'

test_expect_success 'a database restored with sqlite3 .dump: a hint how to fix it, which works' '
	ingest orig.db good-teilnahmen.csv 2>/dev/null && sqlite3 orig.db .dump | sqlite3 restored.db &&
	test_must_fail ingest restored.db some-teilnahmen.csv 2>err &&
	grep -q "restored.db: it holds durchblick.s tables but no schema version: restored with .sqlite3 .dump.?" err &&
	fix=$(sed -n "s/.*so set them with: sqlite3 restored.db .\(PRAGMA user_version = [0-9]*; PRAGMA application_id = [0-9]*;\). .*/\1/p" err) &&
	test -n "$fix" && sqlite3 restored.db "$fix" &&
	ingest restored.db some-teilnahmen.csv 2>err &&
	test "$(sqlite3 restored.db "select count(*) from lieferungen")" = 2 &&
	test "$(sqlite3 restored.db "pragma user_version")" = "$(sqlite3 orig.db "pragma user_version")"
'

test_expect_success 'the report cover shows the share of rows rejected' '
	durchblick run --config "$CONFIG" --db c.db --out cout some-teilnahmen.csv >paths 2>err &&
	pdftotext -layout cout/sitzungsbericht-kreis-herford-2022.pdf cover.txt &&
	grep -q "Anteil abgewiesener Zeilen *25,0 %" cover.txt
'

test_done

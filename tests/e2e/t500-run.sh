#!/bin/sh
# The porcelain: durchblick run = ingest + transform + report, stopping at the
# first stage that fails with that stage's message and exit status.
. "$(dirname "$0")/lib.sh"
S=$REPO/samples/data

test_expect_success 'durchblick run makes the four reports and prints their paths' '
	durchblick run --config "$CONFIG" --db run.db --out out "$S"/teilnahmen-kreis-herford.csv \
		"$S"/angebote-kreis-herford.csv "$S"/mittel-kreis-herford.csv >paths 2>err &&
	cat >want <<-WANT &&
	out/sitzungsbericht-kreis-herford-2022.pdf
	out/sitzungsbericht-kreis-herford-2022.xlsx
	out/verwendungsnachweis-kreis-herford-2022.pdf
	out/verwendungsnachweis-kreis-herford-2022.xlsx
	WANT
	diff want paths && for f in $(cat paths); do test -s $f || return 1; done &&
	test "$(sqlite3 run.db "select group_concat(datensatz) from (select datensatz from lieferungen order by id)")" = "teilnahmen,angebote,mittel" &&
	test "$(sqlite3 run.db "select count(*) from laeufe")" = 1
'

test_expect_success 'the figures in the PDF are those of kennzahlen, in German format' '
	q=$(sqlite3 run.db "select printf(\"%.1f\", wert*100) from kennzahlen where kennzahl=\"vermittlungsquote\" and dimension=\"gesamt\"" | tr . ,) &&
	n=$(sqlite3 run.db "select nenner from kennzahlen where kennzahl=\"vermittlungsquote\" and dimension=\"gesamt\"") &&
	pdftotext -layout out/sitzungsbericht-kreis-herford-2022.pdf s.txt 2>/dev/null &&
	grep -q "$q %" s.txt && grep -q "Vermittlungsquote" s.txt && grep -q " $n " s.txt
'

test_expect_success 'the same database and config give the same bytes' '
	durchblick-report --config "$CONFIG" --db run.db --out out2 >/dev/null 2>&1 &&
	for f in sitzungsbericht-kreis-herford-2022.pdf sitzungsbericht-kreis-herford-2022.xlsx \
		verwendungsnachweis-kreis-herford-2022.pdf verwendungsnachweis-kreis-herford-2022.xlsx; do
		cmp out/$f out2/$f || return 1
	done
'

test_expect_success 'without mittel the Verwendungsnachweis renders and says so plainly' '
	durchblick run --config "$CONFIG" --db nm.db --out nm "$S"/teilnahmen-kreis-herford.csv >/dev/null 2>&1 &&
	pdftotext -layout nm/verwendungsnachweis-kreis-herford-2022.pdf nm.txt 2>/dev/null &&
	grep -q "keine Angaben zu Fördermitteln vor" nm.txt && ! grep -q "0,00 €" nm.txt
'

test_expect_success 'a file with identifiers stops the run at ingest with exit 1, no reports' '
	printf "fall_id,Vorname,kommune\nA,B,Herford\n" >ident-teilnahmen.csv &&
	test_must_fail durchblick run --config "$CONFIG" --db id.db --out idout ident-teilnahmen.csv 2>err &&
	grep -q "^durchblick-ingest: ident-teilnahmen.csv:1: column 2 .Vorname. holds direct identifiers" err &&
	! test -e idout/sitzungsbericht-kreis-herford-2022.pdf
'

test_expect_success 'usage errors exit 2; help exits 0' '
	test_exit_code 2 durchblick run --config "$CONFIG" --db x.db 2>err && grep -q "needs --config, --db and --out" err &&
	test_exit_code 2 durchblick frobnicate 2>err &&
	durchblick --help | grep -q "usage: durchblick run"
'

test_expect_success 'a config error stops at the first stage with exit 2' '
	printf "[region]\nname = X\n" >bad.ini &&
	test_exit_code 2 durchblick run --config bad.ini --db c.db --out cout "$S"/teilnahmen-kreis-herford.csv 2>err &&
	grep -q "bad.ini" err
'

test_done

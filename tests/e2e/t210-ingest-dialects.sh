#!/bin/sh
# Every dialect of data.md loads to the same canonical rows: the generator writes
# the same records as canonical CSV, German Excel (Windows-1252, ';', CRLF,
# German words, DD.MM.YY) and survey-tool export (BOM, sep=;, one 0/1 column per
# set member). Also for generated files with every class of bad row.
. "$(dirname "$0")/lib.sh"
D=$REPO/samples/data/dialects

test_expect_success 'the committed dialect samples are what the generator makes' '
	for d in canonical excel survey; do
		durchblick-samples --config "$CONFIG" --dataset teilnahmen --dialect $d --rows 300 --seed 7 --out gen-$d.csv &&
		cmp gen-$d.csv "$D/teilnahmen-$d.csv" || return 1
	done
'

test_expect_success 'three dialects load to identical canonical rows' '
	for d in canonical excel survey; do
		ingest $d.db "$D/teilnahmen-$d.csv" 2>err-$d &&
		grep -q "300 rows read, 300 loaded, 0 rejected" err-$d &&
		canonical_rows $d.db >rows-$d || return 1
	done &&
	test "$(wc -l <rows-canonical)" = 300 &&
	cmp rows-canonical rows-excel && cmp rows-canonical rows-survey &&
	grep -q "windows-1252" err-excel && grep -q "utf-8-bom" err-survey
'

test_expect_success 'angebote and mittel load the same from every dialect' '
	for ds in angebote mittel; do
		for d in canonical excel survey; do
			durchblick-samples --config "$CONFIG" --dataset $ds --dialect $d --seed 3 --out $ds-$d.csv &&
			ingest $ds-$d.db --dataset $ds $ds-$d.csv 2>/dev/null &&
			sqlite3 $ds-$d.db "select * from $ds order by 1, 2" | sed "s/|[0-9]*|[0-9]*\$//" >$ds-rows-$d || return 1
		done
		test -s $ds-rows-canonical && cmp $ds-rows-canonical $ds-rows-excel && cmp $ds-rows-canonical $ds-rows-survey || return 1
	done
'

test_expect_success 'generated bad rows are rejected alone, each with its field' '
	durchblick-samples --config "$CONFIG" --dialect excel --rows 200 --seed 5 --errors 2 --out bad.csv &&
	ingest bad.db bad.csv 2>err &&
	test "$(sqlite3 bad.db "select zeilen_geladen from lieferungen")" = 200 &&
	test "$(sqlite3 bad.db "select zeilen_abgewiesen from lieferungen")" = 20 &&
	test "$(sqlite3 bad.db "select count(distinct grund) from abweisungen")" -ge 8 &&
	test "$(sqlite3 bad.db "select count(*) from abweisungen where feld is null and grund not like \"%doppelt%\" and grund not like \"%Kopfzeile%\"")" = 0
'

test_expect_success 'the demo samples load without a rejected row' '
	ingest demo.db "$REPO"/samples/data/*-kreis-herford.csv 2>err &&
	test "$(sqlite3 demo.db "select group_concat(x) from (select datensatz || \":\" || zeilen_abgewiesen as x from lieferungen order by id)")" = "angebote:0,mittel:0,teilnahmen:0"
'

test_done

#!/bin/sh
# One option parser for all five programs, and `durchblick run` checks every
# option, path and file before its first stage: a forgotten value or a missing
# file never lets ingest and transform change the database, nor leaves an
# empty database behind. run takes --rejects, --strict, --from/--to and a
# dataset per file (--dataset NAME applies to the files after it).
. "$(dirname "$0")/lib.sh"
S=$REPO/samples/data

db_state() { sqlite3 "$1" "select count(*) from lieferungen; select count(*) from laeufe"; }

test_expect_success 'setup: a database with the samples and a report' '
	durchblick run --config "$CONFIG" --db s.db --out out "$S"/teilnahmen-kreis-herford.csv >/dev/null 2>&1 &&
	db_state s.db >s.before && cp "$S"/angebote-kreis-herford.csv angebote.csv
'

test_expect_success 'a forgotten --out value: exit 2 before any stage, the database unchanged' '
	test_exit_code 2 durchblick run --config "$CONFIG" --db s.db --out angebote.csv "$S"/mittel-kreis-herford.csv 2>err &&
	grep -q "^durchblick: --out .angebote.csv. is a file, not a folder (was the folder after --out forgotten?)" err &&
	db_state s.db | cmp - s.before &&
	test_exit_code 2 durchblick run --config "$CONFIG" --db s.db --out --strict "$S"/mittel-kreis-herford.csv 2>err &&
	grep -q "option .--out. needs a value, but .--strict. follows it" err && db_state s.db | cmp - s.before &&
	test_exit_code 2 durchblick run --config "$CONFIG" --db s.db "$S"/mittel-kreis-herford.csv --out 2>err &&
	grep -q "option .--out. needs a value" err && db_state s.db | cmp - s.before
'

test_expect_success 'a missing CSV: exit 1 before any stage, no database made, none changed' '
	test_must_fail durchblick run --config "$CONFIG" --db new.db --out nout missing-teilnahmen.csv 2>err &&
	grep -q "^durchblick: missing-teilnahmen.csv: cannot read: No such file or directory" err &&
	! test -e new.db && ! test -e nout &&
	test_must_fail durchblick run --config "$CONFIG" --db s.db --out out "$S"/mittel-kreis-herford.csv missing.csv 2>err &&
	db_state s.db | cmp - s.before &&
	test_must_fail durchblick-ingest --config "$CONFIG" --db new2.db "$S"/mittel-kreis-herford.csv missing.csv 2>err &&
	grep -q "missing.csv: cannot read" err && ! test -e new2.db
'

test_expect_success 'bad dates, --from after --to, a config error, a folder that cannot hold the database: nothing runs' '
	test_exit_code 2 durchblick run --config "$CONFIG" --db s.db --out out --from 2022-13-01 angebote.csv 2>err &&
	grep -q "from .2022-13-01. is not a date" err &&
	test_exit_code 2 durchblick run --config "$CONFIG" --db s.db --out out --from 2022-12-01 --to 2022-01-01 angebote.csv 2>err &&
	grep -q "from 2022-12-01 is after --to 2022-01-01" err &&
	test_must_fail durchblick run --config "$CONFIG" --db nowhere/x.db --out out angebote.csv 2>err &&
	grep -q "folder nowhere does not exist" err &&
	test_exit_code 2 durchblick run --config "$CONFIG" --db s.db --out out --rejects angebote.csv "$S"/mittel-kreis-herford.csv 2>err &&
	grep -q "not a rejects file" err &&
	db_state s.db | cmp - s.before
'

test_expect_success 'run takes --rejects, --strict, --from and --to' '
	write_good_csv good.csv && { cat good.csv; echo "Z1,Berlin,2000,w,SYR,duldung,,1,2022-01-10,,"; } >z-teilnahmen.csv &&
	durchblick run --config "$CONFIG" --db r.db --out rout --rejects rej.csv --from 2022-01-01 --to 2022-06-30 \
		z-teilnahmen.csv >paths 2>err &&
	grep -q "^\"z-teilnahmen.csv\",[0-9]*,\"kommune\",\"Berlin\"" rej.csv &&
	test "$(sqlite3 r.db "select periode_von || \" \" || periode_bis from laeufe")" = "2022-01-01 2022-06-30" &&
	grep -q "^rout/sitzungsbericht-kreis-herford-2022-01-01-2022-06-30.pdf$" paths &&
	test_must_fail durchblick run --config "$CONFIG" --db r2.db --out r2out --strict z-teilnahmen.csv 2>err &&
	grep -q "strict: 1 rows rejected" err && test "$(sqlite3 r2.db "select count(*) from laeufe")" = 0
'

test_expect_success 'a dataset per file: --dataset NAME applies to the files after it' '
	cp "$S"/angebote-kreis-herford.csv offers.csv && cp "$S"/mittel-kreis-herford.csv money.csv &&
	durchblick run --config "$CONFIG" --db d.db --out dout "$S"/teilnahmen-kreis-herford.csv \
		--dataset angebote offers.csv --dataset mittel money.csv >paths 2>err &&
	test "$(sqlite3 d.db "select group_concat(datensatz || \":\" || datei, \" \") from (select * from lieferungen order by id)")" = \
		"teilnahmen:$S/teilnahmen-kreis-herford.csv angebote:offers.csv mittel:money.csv" &&
	durchblick-ingest --config "$CONFIG" --db i.db --dataset angebote offers.csv --dataset auto "$S"/mittel-kreis-herford.csv 2>err &&
	test "$(sqlite3 i.db "select group_concat(datensatz, \" \") from (select * from lieferungen order by id)")" = "angebote mittel" &&
	test_exit_code 2 durchblick-ingest --config "$CONFIG" --db i2.db offers.csv --dataset angebote 2>err &&
	grep -q "dataset comes after the last file" err && ! test -e i2.db
'

test_expect_success 'the five programs share one parser: the same words for the same mistakes' '
	for p in durchblick-ingest durchblick-transform durchblick-report durchblick-samples "durchblick run"; do
		test_exit_code 2 $p --config 2>err && grep -q "option .--config. needs a value$" err &&
		grep -q "^try .durchblick.* --help.$" err &&
		test_exit_code 2 $p --bogus 2>err && grep -q "unknown option .--bogus.$" err &&
		test_exit_code 2 $p --config --db x 2>err && grep -q "option .--config. needs a value, but .--db. follows it" err &&
		test_exit_code 2 $p --help=yes 2>err && grep -q "option .--help. takes no value" err &&
		$p --help >help && grep -q "^usage: durchblick" help || { echo "failed: $p"; cat err; return 1; }
	done
'

test_done

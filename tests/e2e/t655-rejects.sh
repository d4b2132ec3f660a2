#!/bin/sh
# --rejects FILE: never the database, the config or a file to load (under any
# name), never an existing file that is not a rejects file of durchblick (its
# first line is the header datei,zeile,feld,wert,grund), and written atomically:
# an earlier rejects file stays whole until the new one replaces it.
. "$(dirname "$0")/lib.sh"

db_dump() { sqlite3 "$1" .dump; }

test_expect_success 'setup: a database, a file with a rejected row, its rejects file' '
	write_good_csv good-teilnahmen.csv &&
	{ cat good-teilnahmen.csv; echo "P009,Berlin,2000,w,SYR,duldung,,1,2022-01-10,,"; } >bad-teilnahmen.csv &&
	ingest r.db --rejects rej.csv bad-teilnahmen.csv 2>err &&
	test "$(head -n 1 rej.csv)" = "datei,zeile,feld,wert,grund" &&
	grep -q "^\"bad-teilnahmen.csv\",5,\"kommune\",\"Berlin\"" rej.csv &&
	cp rej.csv rej.before && db_dump r.db >r.before
'

test_expect_success '--rejects naming the database (also as ./r.db and by a hard link): exit 2, database unchanged' '
	for name in r.db ./r.db "$TRASH/r.db" hard.db; do
		rm -f hard.db && ln r.db hard.db &&
		test_exit_code 2 ingest r.db --rejects "$name" good-teilnahmen.csv 2>err &&
		grep -q "^durchblick-ingest: .*: --rejects names the database" err &&
		db_dump r.db | cmp - r.before || return 1
	done
'

test_expect_success '--rejects naming a database not made yet: exit 2, no database' '
	test_exit_code 2 ingest new.db --rejects new.db good-teilnahmen.csv 2>err &&
	grep -q "names the database" err && ! test -e new.db
'

test_expect_success '--rejects naming a file to load or the config: exit 2, the file unchanged, nothing loaded' '
	cp bad-teilnahmen.csv keep.csv &&
	test_exit_code 2 ingest r.db --rejects bad-teilnahmen.csv bad-teilnahmen.csv 2>err &&
	grep -q "names a file to load" err && cmp bad-teilnahmen.csv keep.csv &&
	cp "$CONFIG" region.ini && cp region.ini region.keep &&
	test_exit_code 2 durchblick-ingest --config region.ini --db r.db --rejects region.ini good-teilnahmen.csv 2>err &&
	grep -q "names the config" err && cmp region.ini region.keep &&
	db_dump r.db | cmp - r.before
'

test_expect_success 'a forgotten name after --rejects: the export it takes is not emptied, nothing loaded' '
	cp good-teilnahmen.csv export-teilnahmen.csv &&
	test_exit_code 2 ingest f.db --rejects export-teilnahmen.csv bad-teilnahmen.csv 2>err &&
	grep -q "export-teilnahmen.csv: exists and is not a rejects file of durchblick" err &&
	cmp export-teilnahmen.csv good-teilnahmen.csv && ! test -e f.db
'

test_expect_success 'a folder, a FIFO or a device as the rejects file: exit 2' '
	mkdir dir && mkfifo fifo &&
	for name in dir fifo /dev/null; do
		test_exit_code 2 ingest r.db --rejects $name good-teilnahmen.csv 2>err &&
		grep -q "not a file" err || return 1
	done &&
	db_dump r.db | cmp - r.before
'

test_expect_success 'a rejects file of durchblick (also saved again with CRLF) and an empty file are replaced' '
	printf "datei,zeile,feld,wert,grund\r\nold,1,,,x\r\n" >crlf.csv && : >empty.csv &&
	for name in rej.csv crlf.csv empty.csv; do
		ingest r.db --rejects $name bad-teilnahmen.csv 2>err &&
		test "$(head -n 1 $name)" = "datei,zeile,feld,wert,grund" && ! grep -q "^old" $name &&
		grep -q "Berlin" $name || return 1
	done
'

# The load waits on a FIFO whose writer stalls, so the check happens mid-load for sure.
atomic_rejects() {
	cp rej.before rej.csv
	rm -f p
	mkfifo p
	( sed -n 1,3p bad-teilnahmen.csv; exec sleep 30 ) >p &
	writer=$!
	durchblick-ingest --config "$CONFIG" --db w.db --rejects rej.csv p 2>werr &
	pid=$!
	sleep 1
	cmp rej.csv rej.before; during=$?
	kill -9 $pid
	kill $writer
	wait $pid
	cmp rej.csv rej.before && test $during = 0 &&
	test "$(ls -a | grep -c "^\.rej\.csv\.")" = 1 &&
	ingest w.db --rejects rej.csv bad-teilnahmen.csv 2>err &&
	grep -q "^\"bad-teilnahmen.csv\",5,\"kommune\",\"Berlin\"" rej.csv &&
	test "$(ls -a | grep -c "^\.rej\.csv\.")" = 0 &&
	test "$(stat -c %a rej.csv)" = 600
}
test_expect_success 'the rejects file is replaced atomically: during a load and after kill -9 the earlier one is whole; the next run sweeps the temporary file' atomic_rejects

test_done

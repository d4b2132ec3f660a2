# Race trials on a database that does not exist yet, shared by t650 (a few
# trials, make check) and tests/full/f650 (many trials, make check-full).
# race_ingest N: N trials of two durchblick-ingest started at once on a new
#   database, each with its own file; every trial must load both files.
# race_run N: N trials of two `durchblick run` at once on a new database.
# Each prints a line per lost or failed trial and returns 1 if there was any.

race_files() {
	for who in a b; do
		{
			echo "$HEADER"
			for i in 1 2 3 4 5 6 7 8 9; do
				echo "R$who$i,Herford,2000,w,SYR,duldung,sprache,1,2022-0$i-10,,"
			done
		} >"race-$who-teilnahmen.csv"
	done
}

race_ingest() {
	race_files
	bad=0
	t=1
	while [ "$t" -le "$1" ]; do
		rm -f race.db race.db-journal
		durchblick-ingest --config "$CONFIG" --db race.db race-a-teilnahmen.csv 2>race-a.err &
		pa=$!
		durchblick-ingest --config "$CONFIG" --db race.db race-b-teilnahmen.csv 2>race-b.err &
		pb=$!
		wait $pa; sa=$?
		wait $pb; sb=$?
		rows=$(sqlite3 race.db "select count(*) from teilnahmen" 2>&1)
		batches=$(sqlite3 race.db "select count(*) from lieferungen" 2>&1)
		if [ "$sa" != 0 ] || [ "$sb" != 0 ] || [ "$rows" != 18 ] || [ "$batches" != 2 ]; then
			echo "trial $t: exit $sa and $sb, $batches batches, $rows rows (want 0, 0, 2, 18)"
			sed 's/^/  a: /' race-a.err; sed 's/^/  b: /' race-b.err
			bad=$((bad + 1))
		fi
		t=$((t + 1))
	done
	echo "race_ingest: $1 trials, $bad lost or failed"
	[ "$bad" -eq 0 ]
}

race_run() {
	race_files
	bad=0
	t=1
	while [ "$t" -le "$1" ]; do
		rm -rf race.db race.db-journal ra rb
		durchblick run --config "$CONFIG" --db race.db --out ra race-a-teilnahmen.csv >/dev/null 2>race-a.err &
		pa=$!
		durchblick run --config "$CONFIG" --db race.db --out rb race-b-teilnahmen.csv >/dev/null 2>race-b.err &
		pb=$!
		wait $pa; sa=$?
		wait $pb; sb=$?
		rows=$(sqlite3 race.db "select count(*) from teilnahmen" 2>&1)
		batches=$(sqlite3 race.db "select count(*) from lieferungen" 2>&1)
		if [ "$sa" != 0 ] || [ "$sb" != 0 ] || [ "$rows" != 18 ] || [ "$batches" != 2 ]; then
			echo "trial $t: exit $sa and $sb, $batches batches, $rows rows (want 0, 0, 2, 18)"
			sed 's/^/  a: /' race-a.err; sed 's/^/  b: /' race-b.err
			bad=$((bad + 1))
		fi
		t=$((t + 1))
	done
	echo "race_run: $1 trials, $bad lost or failed"
	[ "$bad" -eq 0 ]
}

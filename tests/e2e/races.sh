# Race trials on a database that does not exist yet, shared by t650 (a few
# trials, make check) and tests/full/f650 (many trials, make check-full).
# race_trials ingest N: N trials of two durchblick-ingest started at once on a
#   new database, each with its own file; every trial must load both files.
# race_trials run N: the same with two `durchblick run`.
# Prints a line per lost or failed trial and returns 1 if there was any.

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

# race_start KIND WHO: starts one program on race.db in the background.
race_start() {
	if [ "$1" = ingest ]; then
		durchblick-ingest --config "$CONFIG" --db race.db "race-$2-teilnahmen.csv" 2>"race-$2.err" &
	else
		durchblick run --config "$CONFIG" --db race.db --out "r$2" "race-$2-teilnahmen.csv" >/dev/null 2>"race-$2.err" &
	fi
}

race_trials() {
	race_files
	bad=0
	t=1
	while [ "$t" -le "$2" ]; do
		rm -rf race.db race.db-journal ra rb
		race_start "$1" a
		pa=$!
		race_start "$1" b
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
	echo "$1: $2 trials, $bad lost or failed"
	[ "$bad" -eq 0 ]
}

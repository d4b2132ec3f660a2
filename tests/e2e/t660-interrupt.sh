#!/bin/sh
# Ctrl-C (SIGINT) and SIGTERM stop the whole command: the file being loaded is
# rolled back, no later file is loaded, and the program then ends by the signal
# (exit status 130 or 143) so that a calling script stops too. Also when ingest
# waits for a pipe whose writer stalls. `durchblick run` waits for its stage to
# roll back and end, and starts no later stage.
. "$(dirname "$0")/lib.sh"

batches() { sqlite3 "$1" "select count(*) from lieferungen"; }
# alive PID: the process exists and is no zombie
alive() { [ -d /proc/$1 ] && ! grep -q "^State:.*Z" /proc/$1/status 2>/dev/null; }
# gone_within SECONDS PID: waits until PID has ended; fails (and kills it) if it has not by then
gone_within() {
	i=0
	while alive $2; do
		i=$((i + 1))
		if [ $i -gt $(($1 * 10)) ]; then
			echo "pid $2 still running after $1 s" >&2
			kill -9 $2 2>/dev/null
			return 1
		fi
		sleep 0.1
	done
}
# A stalled writer on FIFO $1: a header and three rows, then nothing for 60 s. Sets $writer.
stall_writer() {
	rm -f "$1"
	mkfifo "$1"
	( sed -n 1,4p good-teilnahmen.csv; exec sleep 60 ) >"$1" &
	writer=$!
}
# the pid of the newest process whose command line matches $1
pid_of() { pgrep -n -f -- "$1"; }

stalled_ingest() {
	stall_writer pipe1
	durchblick-ingest --config "$CONFIG" --db p1.db pipe1 second-teilnahmen.csv third-teilnahmen.csv 2>err &
	pid=$!
	sleep 1
	kill -INT $pid
	gone_within 3 $pid; ok=$?
	kill $writer
	wait $pid; st=$?
	echo "gone in time: $ok, exit $st"
	test $ok = 0 && test $st = 130 && test "$(batches p1.db)" = 0 &&
	grep -q "^durchblick-ingest: pipe1: interrupted: nothing of this file was loaded" err &&
	grep -q "^durchblick-ingest: interrupted: 2 files not loaded, from second-teilnahmen.csv on" err
}

term_large_load() {
	durchblick-ingest --config "$CONFIG" --db t.db big-teilnahmen.csv second-teilnahmen.csv third-teilnahmen.csv 2>err &
	pid=$!
	sleep 0.4
	kill -TERM $pid
	wait $pid; st=$?
	echo "exit $st"
	test $st = 143 && test "$(batches t.db)" = 0 && test "$(sqlite3 t.db "select count(*) from teilnahmen")" = 0 &&
	test "$(sqlite3 t.db "pragma integrity_check")" = ok && ! test -e t.db-journal
}

term_run() {
	stall_writer pipe2
	durchblick run --config "$CONFIG" --db r.db --out rout pipe2 second-teilnahmen.csv >paths 2>err &
	run=$!
	sleep 1
	ing=$(pid_of "durchblick-ingest .*--db r.db")
	kill -TERM $run
	wait $run; st=$?
	alive $ing; ing_alive=$?
	kill $writer
	gone_within 5 $ing
	echo "run exit $st, ingest alive after run ended: $((1 - ing_alive))"
	test $st = 143 && test $ing_alive = 1 && test "$(batches r.db)" = 0 &&
	test "$(sqlite3 r.db "select count(*) from laeufe")" = 0 && ! test -e rout &&
	grep -q "^durchblick: durchblick-ingest was interrupted: stopped, no later stage runs" err
}

ctrl_c_run() {
	stall_writer pipe3
	setsid durchblick run --config "$CONFIG" --db g.db --out gout pipe3 second-teilnahmen.csv >paths 2>err &
	sleep 1
	run=$(pid_of "durchblick run .*--db g.db")
	ing=$(pid_of "durchblick-ingest .*--db g.db")
	kill -INT -$run
	gone_within 3 $run; ok=$?
	alive $ing; ing_alive=$?
	kill $writer
	gone_within 5 $ing
	echo "run gone in time: $ok, ingest alive after run ended: $((1 - ing_alive))"
	test $ok = 0 && test $ing_alive = 1 && test "$(batches g.db)" = 0 &&
	test "$(sqlite3 g.db "select count(*) from laeufe")" = 0 && ! test -e gout
}

test_expect_success 'setup: small files, a large one' '
	write_good_csv good-teilnahmen.csv &&
	sed "s/^P00/Q00/" good-teilnahmen.csv >second-teilnahmen.csv &&
	sed "s/^P00/S00/" good-teilnahmen.csv >third-teilnahmen.csv &&
	durchblick-samples --config "$CONFIG" --dataset teilnahmen --dialect canonical --rows 400000 \
		--seed 660 --out big-teilnahmen.csv 2>/dev/null
'
test_expect_success 'Ctrl-C while ingest waits on a stalled pipe: it stops at once, no later file loads, exit 130' stalled_ingest
test_expect_success 'SIGTERM during a large load: that file rolled back, later files not loaded, exit 143' term_large_load
test_expect_success 'SIGTERM to durchblick run alone: passed on, run waits for ingest to end, no later stage' term_run
test_expect_success 'Ctrl-C at a terminal (SIGINT to the process group) during run: ingest rolls back, run stops' ctrl_c_run

test_done

#!/bin/sh
# Crash safety: kill -9 of each stage at many points of a large load or run.
# After every kill the database passes PRAGMA integrity_check and holds all or
# nothing of the interrupted file (ingest) or run (transform); the next run,
# with no manual cleanup (a hot journal is rolled back when the stage opens the
# database), gives exactly what an uninterrupted run gives. durchblick-report:
# each final file name holds the previous complete file or the new one, and a
# temporary file a killed run left is removed by the next run.
. "$(dirname "$0")/lib.sh"
# laeufe.zeitpunkt from the clock would differ between runs
SOURCE_DATE_EPOCH=1700000000
# 15 kill points per stage; 3 under valgrind (tests/run-valgrind.sh), where each run is slow
KILLS=${DURCHBLICK_CRASH_KILLS:-15}
if [ "${DURCHBLICK_VALGRIND:-0}" = 1 ]; then
    KILLS=${DURCHBLICK_CRASH_KILLS:-3}
fi
export SOURCE_DATE_EPOCH KILLS

now_ms() { date +%s%3N; }
sleep_ms() { sleep "$(($1 / 1000)).$(printf %03d $(($1 % 1000)))"; }
# the kill points: KILLS delays spread from 2 ms to past the duration of a run
# (the last measured one), so that some land in the commit or just after it
delay_ms() { echo $((2 + ($2 * 13 / 10) * $1 / (KILLS - 1))); }

# Everything ingest writes, times excepted, in a fixed order.
ingest_dump() {
    canonical_rows "$1" &&
    sqlite3 -separator '|' "$1" "SELECT fall_id, baustein, eintritt, lieferung, zeile FROM teilnahmen
        ORDER BY fall_id, baustein, eintritt" &&
    sqlite3 -separator '|' "$1" "SELECT id, datei, sha256, datensatz, kodierung, trennzeichen,
        zeilen_gelesen, zeilen_geladen, zeilen_abgewiesen FROM lieferungen ORDER BY id" &&
    sqlite3 -separator '|' "$1" "SELECT lieferung, zeile, feld, wert, grund FROM abweisungen
        ORDER BY lieferung, zeile"
}
# The figures of a database, without the run id they belong to.
kz_dump() {
    sqlite3 -separator '|' "$1" "SELECT kennzahl, dimension, kategorie, zaehler, nenner, wert,
        ci_unten, ci_oben, gesperrt, periode_von, periode_bis FROM kennzahlen
        ORDER BY kennzahl, dimension, kategorie, periode_von, periode_bis"
}
# The figures belong to one run, the newest one recorded.
kz_one_run() {
    test "$(sqlite3 "$1" "SELECT count(DISTINCT lauf) || ' ' || (min(lauf) = (SELECT max(id) FROM laeufe))
        FROM kennzahlen")" = "1 1"
}
# Copies a killed database with its journal to c/ and checks the copy: sqlite3
# rolls a hot journal back on open, which must be left for the stage on the original.
check_copy() {
    rm -rf c && mkdir c && cp "$1" c/ && { ! test -e "$1-journal" || cp "$1-journal" c/; } &&
    { ! test -e "$1-wal" || cp "$1-wal" c/; } &&
    test "$(sqlite3 "c/$1" "PRAGMA integrity_check")" = ok
}
fail() {
    echo "$*" >&2
    exit 1
}
# Numbers worth seeing in the log (printed after the tests).
note() { echo "# $*" >>"$TRASH/notes"; }

# The large export has as many rows (at most 200000, at least 20000) as a probe
# says load in about 0.6 s here: a sanitizer build or a busy machine gets a
# smaller file, so the script stays near a minute everywhere.
test_expect_success 'setup: a large export (at most 200000 rows, fewer on a slow build), an earlier small one, references' '
    durchblick-samples --config "$CONFIG" --dataset teilnahmen --dialect canonical --rows 200000 \
        --seed 600 --out gen.csv 2>/dev/null &&
    head -n 20001 gen.csv >probe.csv &&
    t0=$(now_ms) && ingest probe.db probe.csv 2>/dev/null && t1=$(now_ms) &&
    rows=$((20000 * 600 / (t1 - t0 + 1))) &&
    if [ $rows -gt 200000 ]; then rows=200000; fi &&
    if [ $rows -lt 20000 ]; then rows=20000; fi &&
    head -n $((rows + 1)) gen.csv >big.csv &&
    printf "%s\n" "ZZ-1,Berlin,2000,w,SYR,duldung,,,,,,1,,2022-01-10,,,,," \
        "ZZ-2,Herford,2000,w,SYR,duldung,,,,,,9,,2022-01-10,,,,," >>big.csv &&
    head -n 1001 big.csv >small.csv &&
    ingest base.db small.csv 2>/dev/null &&
    cp base.db ref.db &&
    t0=$(now_ms) && ingest ref.db big.csv 2>/dev/null && t1=$(now_ms) &&
    echo $((t1 - t0)) >ingest.ms &&
    ingest_dump base.db >base.dump && ingest_dump ref.db >ref.dump &&
    test "$(sqlite3 base.db "SELECT count(*) FROM teilnahmen")" = 1000 &&
    test "$(sqlite3 ref.db "SELECT count(*) FROM teilnahmen")" = $rows &&
    test "$(sqlite3 ref.db "SELECT count(*) FROM abweisungen")" = 2 &&
    note "ingest: $rows rows, one load $(cat ingest.ms) ms"
'

test_expect_success "kill -9 of ingest at $KILLS points: all or nothing of the file, the next run recovers" '
    T=$(cat ingest.ms) i=0 interrupted=0 journals=0 committed=0 start=$(now_ms) &&
    before=$(sqlite3 base.db "SELECT count(*) FROM teilnahmen") &&
    after=$(sqlite3 ref.db "SELECT count(*) FROM teilnahmen") &&
    while [ $i -lt $KILLS ]; do
        d=$(delay_ms $i $T) && i=$((i + 1)) &&
        rm -f k.db k.db-journal && cp base.db k.db || exit 1
        durchblick-ingest --config "$CONFIG" --db k.db big.csv 2>k.err &
        pid=$!
        sleep_ms $d
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        rc=$?
        case $rc in 137) interrupted=$((interrupted + 1)) ;; 0) ;; *) cat k.err; fail "ingest exit $rc" ;; esac
        test -e k.db-journal && journals=$((journals + 1))
        check_copy k.db || fail "kill at $d ms: integrity_check failed"
        n=$(sqlite3 c/k.db "SELECT count(*) FROM teilnahmen") &&
        ingest_dump c/k.db >k.dump || fail "kill at $d ms: cannot read the database"
        if [ "$n" = "$before" ]; then
            cmp k.dump base.dump || fail "kill at $d ms: not the database from before"
        elif [ "$n" = "$after" ]; then
            committed=$((committed + 1))
            cmp k.dump ref.dump || fail "kill at $d ms: not the full load"
        else
            fail "kill at $d ms: $n rows, neither $before (nothing) nor $after (all)"
        fi
        t0=$(now_ms)
        ingest k.db big.csv 2>r.err || { cat r.err; fail "kill at $d ms: the next run failed"; }
        test "$n" = "$after" || T=$(($(now_ms) - t0))
        ! test -e k.db-journal || fail "kill at $d ms: journal left after the next run"
        ingest_dump k.db | cmp - ref.dump || fail "kill at $d ms: the next run differs from an uninterrupted one"
    done &&
    note "ingest: $interrupted of $KILLS kills interrupted the load ($journals left a hot journal, $committed came after the commit), $(($(now_ms) - start)) ms in all" &&
    { [ $KILLS -lt 10 ] || { test $interrupted -ge $((KILLS / 3)) && test $journals -ge 1; }; }
'

test_expect_success 'kill -9 of ingest while it creates a new database and loads two files' '
    for d in 1 4 15; do
        rm -f n.db n.db-journal
        durchblick-ingest --config "$CONFIG" --db n.db small.csv big.csv 2>n.err &
        pid=$!
        sleep_ms $d
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        if test -s n.db; then
            check_copy n.db || fail "kill at $d ms: integrity_check failed"
            if [ "$(sqlite3 c/n.db "SELECT count(*) FROM sqlite_schema WHERE name = '\''teilnahmen'\''")" = 1 ]; then
                ingest_dump c/n.db >n.dump || exit 1
                n=$(sqlite3 c/n.db "SELECT count(*) FROM teilnahmen")
                case $n in
                0) test "$(sqlite3 c/n.db "SELECT count(*) FROM lieferungen")" = 0 ||
                    fail "kill at $d ms: a batch without rows" ;;
                1000) cmp n.dump base.dump || fail "kill at $d ms: not the first file alone" ;;
                *) cmp n.dump ref.dump || fail "kill at $d ms: $n rows: part of a file" ;;
                esac
            fi
        fi
        ingest n.db small.csv big.csv 2>r.err || { cat r.err; fail "kill at $d ms: the next run failed"; }
        ingest_dump n.db | cmp - ref.dump || fail "kill at $d ms: the next run differs from an uninterrupted one"
    done
'

test_expect_success 'kill -9 of ingest on a database switched to WAL (as an analyst'"'"'s tool may do)' '
    cp base.db wbase.db && test "$(sqlite3 wbase.db "PRAGMA journal_mode = WAL")" = wal &&
    T=$(cat ingest.ms) &&
    for step in 2 5 8; do
        d=$((T * step / 10)) &&
        rm -f w.db w.db-wal w.db-shm && cp wbase.db w.db || exit 1
        durchblick-ingest --config "$CONFIG" --db w.db big.csv 2>w.err &
        pid=$!
        sleep_ms $d
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        check_copy w.db || fail "kill at $d ms: integrity_check failed"
        ingest_dump c/w.db >w.dump || exit 1
        cmp -s w.dump base.dump || cmp -s w.dump ref.dump || fail "kill at $d ms: part of the file"
        ingest w.db big.csv 2>r.err || { cat r.err; fail "kill at $d ms: the next run failed"; }
        ingest_dump w.db | cmp - ref.dump || fail "kill at $d ms: the next run differs from an uninterrupted one"
        test "$(sqlite3 w.db "PRAGMA journal_mode")" = wal || fail "journal mode changed"
    done
'

test_expect_success 'setup: a database with an earlier transform run, then the large load; reference run' '
    cp base.db tstart.db && durchblick-transform --config "$CONFIG" --db tstart.db 2>/dev/null &&
    ingest tstart.db big.csv 2>/dev/null &&
    kz_dump tstart.db >kz-old.dump && test -s kz-old.dump &&
    cp tstart.db kref.db &&
    t0=$(now_ms) && durchblick-transform --config "$CONFIG" --db kref.db 2>/dev/null && t1=$(now_ms) &&
    echo $((t1 - t0)) >transform.ms &&
    kz_dump kref.db >kz-new.dump && ! cmp -s kz-old.dump kz-new.dump &&
    sqlite3 kref.db "SELECT * FROM laeufe ORDER BY id" >laeufe-new.dump &&
    test "$(wc -l <laeufe-new.dump)" = 2 && kz_one_run kref.db &&
    note "transform: one run $(cat transform.ms) ms"
'

test_expect_success "kill -9 of transform at $KILLS points: all or nothing of the run, the next run recovers" '
    T=$(cat transform.ms) i=0 interrupted=0 start=$(now_ms) &&
    while [ $i -lt $KILLS ]; do
        d=$(delay_ms $i $T) && i=$((i + 1)) &&
        rm -f k.db k.db-journal && cp tstart.db k.db || exit 1
        durchblick-transform --config "$CONFIG" --db k.db 2>k.err &
        pid=$!
        sleep_ms $d
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        rc=$?
        case $rc in 137) interrupted=$((interrupted + 1)) ;; 0) ;; *) cat k.err; fail "transform exit $rc" ;; esac
        check_copy k.db || fail "kill at $d ms: integrity_check failed"
        kz_one_run c/k.db || fail "kill at $d ms: figures of more than one run, or of an unrecorded one"
        case $(sqlite3 c/k.db "SELECT count(*) FROM laeufe") in
        1) kz_dump c/k.db | cmp - kz-old.dump || fail "kill at $d ms: not the figures from before" ;;
        2) kz_dump c/k.db | cmp - kz-new.dump || fail "kill at $d ms: not the full run" &&
           sqlite3 c/k.db "SELECT * FROM laeufe ORDER BY id" | cmp - laeufe-new.dump || fail "kill at $d ms: laeufe" ;;
        *) fail "kill at $d ms: a run recorded twice" ;;
        esac
        t0=$(now_ms)
        durchblick-transform --config "$CONFIG" --db k.db 2>r.err || { cat r.err; fail "kill at $d ms: the next run failed"; }
        T=$(($(now_ms) - t0))
        ! test -e k.db-journal || fail "kill at $d ms: journal left after the next run"
        kz_dump k.db | cmp - kz-new.dump || fail "kill at $d ms: the next run differs from an uninterrupted one"
        kz_one_run k.db || fail "kill at $d ms: the next run left figures of another run"
    done &&
    note "transform: $interrupted of $KILLS kills interrupted the run, $(($(now_ms) - start)) ms in all" &&
    { [ $KILLS -lt 10 ] || test $interrupted -ge $((KILLS / 3)); }
'

test_expect_success 'setup: reports of the earlier run (in the folder) and of the new one (reference)' '
    durchblick-report --config "$CONFIG" --db tstart.db --out old >/dev/null 2>&1 &&
    t0=$(now_ms) && durchblick-report --config "$CONFIG" --db kref.db --out new >/dev/null 2>&1 && t1=$(now_ms) &&
    echo $((t1 - t0)) >report.ms &&
    (cd new && ls) >names && test "$(wc -l <names)" = 4 &&
    for f in $(cat names); do ! cmp -s old/$f new/$f || exit 1; done &&
    note "report: one run $(cat report.ms) ms"
'

test_expect_success "kill -9 of report at $KILLS points: each file is the previous or the new one" '
    T=$(cat report.ms) i=0 interrupted=0 leftovers=0 start=$(now_ms) &&
    while [ $i -lt $KILLS ]; do
        d=$(delay_ms $i $T) && i=$((i + 1)) &&
        rm -rf o && cp -rp old o || exit 1
        durchblick-report --config "$CONFIG" --db kref.db --out o >/dev/null 2>k.err &
        pid=$!
        sleep_ms $d
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        rc=$?
        case $rc in 137) interrupted=$((interrupted + 1)) ;; 0) ;; *) cat k.err; fail "report exit $rc" ;; esac
        (cd o && ls) | cmp - names || fail "kill at $d ms: other visible files than the four reports"
        for f in $(cat names); do
            cmp -s o/$f old/$f || cmp -s o/$f new/$f || fail "kill at $d ms: $f is neither the previous nor the new file"
        done
        test -z "$(ls -A o | grep "^\\.")" || leftovers=$((leftovers + 1))
        t0=$(now_ms)
        durchblick-report --config "$CONFIG" --db kref.db --out o >/dev/null 2>r.err ||
            { cat r.err; fail "kill at $d ms: the next run failed"; }
        T=$(($(now_ms) - t0))
        for f in $(cat names); do cmp o/$f new/$f || fail "kill at $d ms: the next run differs"; done
        test -z "$(ls -A o | grep "^\\.")" || fail "kill at $d ms: temporary files left after the next run"
    done &&
    note "report: $interrupted of $KILLS kills interrupted the run, $leftovers left a temporary file, $(($(now_ms) - start)) ms in all" &&
    { [ $KILLS -lt 10 ] || test $interrupted -ge $((KILLS / 3)); }
'

test_expect_success 'a temporary file of a killed report is removed, one of a running report is not' '
    rm -rf o && cp -rp old o &&
    name=$(head -1 names) &&
    echo partial >o/.$name.AbC123 && echo partial >o/.$name.LiVe99 && echo keep >o/.other.pdf.AbC123 &&
    { flock o/.$name.LiVe99 sleep 5 & } && sleep 0.2 &&
    durchblick-report --config "$CONFIG" --db kref.db --out o >list 2>err &&
    ! grep -q "^o/\\." list &&
    ! test -e o/.$name.AbC123 && test -e o/.$name.LiVe99 && test -e o/.other.pdf.AbC123 &&
    cmp o/$name new/$name
'

# A journal SQLite will play back: its header magic is written. One killed before that
# (empty, or zeros: a wider window under valgrind) is ignored by readers and left for
# the next writer, and the database is untouched anyway; no test of recovery.
hot_journal() {
    [ "$(head -c 8 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = d9d505f920a163d7 ]
}

test_expect_success 'a report right after a killed ingest rolls the hot journal back and reads the data from before' '
    tries=0 &&
    while [ $tries -lt 8 ]; do
        tries=$((tries + 1)) && rm -f h.db h.db-journal && cp tstart.db h.db || exit 1
        durchblick-ingest --config "$CONFIG" --db h.db --dataset teilnahmen gen.csv 2>/dev/null &
        pid=$!
        # the load has begun once its journal exists (a slow start under a sanitizer or
        # valgrind, or a busy machine, is not counted); then 1/10 .. 8/10 of a load
        waited=0
        while ! test -e h.db-journal && kill -0 $pid 2>/dev/null && [ $waited -lt 4000 ]; do
            sleep_ms 5 && waited=$((waited + 1))
        done
        sleep_ms $(($(cat ingest.ms) * tries / 10))
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        hot_journal h.db-journal && break
    done &&
    hot_journal h.db-journal &&
    rm -rf hr && durchblick-report --config "$CONFIG" --db h.db --out hr >/dev/null 2>err &&
    ! test -e h.db-journal && test "$(sqlite3 h.db "PRAGMA integrity_check")" = ok &&
    test "$(sqlite3 h.db "SELECT count(*) FROM lieferungen")" = "$(sqlite3 tstart.db "SELECT count(*) FROM lieferungen")" &&
    for f in $(cat names); do cmp hr/$f old/$f || exit 1; done
'

cat "$TRASH/notes" 2>/dev/null
test_done

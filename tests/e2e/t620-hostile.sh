#!/bin/sh
# Hostile files (issue "reliability: hostile files"): a 30 MB field, 20,000 columns,
# NUL bytes, invalid UTF-8 in a UTF-8 file, an unterminated quote, a repeated header,
# 10 million empty lines, named pipes. Each gives no crash, bounded memory, a message
# that names the line, and the good rows of the file loaded unless the file is refused
# (decisions: docs/decisions.md, "Hostile files"). The empty file, binary file and
# directory cases are in t200.
. "$(dirname "$0")/lib.sh"

# 20 generated rows that all load: head.csv is the header and rows at lines 2-11,
# tail.csv the other 10 rows; a hostile line goes in between, at line 12.
durchblick-samples --config "$CONFIG" --dataset teilnahmen --dialect canonical --rows 20 \
    --seed 620 --out "$TRASH/good.csv" 2>/dev/null
head -n 11 "$TRASH/good.csv" >"$TRASH/head.csv"
tail -n +12 "$TRASH/good.csv" >"$TRASH/tail.csv"

# A valid row with fall_id $1, kommune $2 and traeger $3 (printf escapes such as \000 apply).
row() { printf "$1,$2,2000,w,SYR,duldung,,,,,,1,$3,2022-01-10,,,,,\n"; }
# "read/loaded/rejected" of the file's batch, and the rows of abweisungen.
counts() { sqlite3 "$1" "select zeilen_gelesen||'/'||zeilen_geladen||'/'||zeilen_abgewiesen from lieferungen"; }
loaded() { sqlite3 "$1" "select count(*) from teilnahmen"; }
rejects() { sqlite3 -separator '|' "$1" "select zeile, coalesce(feld, ''), grund from abweisungen order by zeile"; }

# ingest with its peak memory (KiB) and seconds written to OUT, exit status kept:
# measured OUT DB FILE...
measured() {
    out=$1 db=$2
    shift 2
    /usr/bin/time -f '%M %e' -o "$out" durchblick-ingest --config "$CONFIG" --db "$db" "$@"
}
peak_kb() { tail -n 1 "$1" | cut -d' ' -f1; }
secs() { tail -n 1 "$1" | cut -d' ' -f2; }
# Memory and time bounds say nothing under AddressSanitizer (shadow memory, quarantine)
# or valgrind (tests/run-valgrind.sh): there the figures are noted, not checked.
BOUNDS=1
if [ "${DURCHBLICK_VALGRIND:-0}" = 1 ] || ldd "$BIN/durchblick-ingest" 2>/dev/null | grep -q libasan; then
    BOUNDS=0
fi
below_kb() { [ "$BOUNDS" = 0 ] || [ "$(peak_kb "$1")" -lt "$2" ]; }
below_secs() { [ "$BOUNDS" = 0 ] || awk -v s="$(secs "$1")" -v max="$2" 'BEGIN { exit !(s < max) }'; }
note() {
    if [ "$BOUNDS" = 1 ]; then echo "# $*"; else echo "# $* (bounds not checked: sanitizer or valgrind)"; fi >>"$TRASH/notes"
}

test_expect_success 'setup: the 20 good rows load alone' '
	ingest good.db good.csv 2>err &&
	test "$(counts good.db)" = 20/20/0 &&
	test "$(wc -l <tail.csv)" = 10
'

test_expect_success 'a field of 30 MB in a valid row: that row is rejected, the rest loads, memory stays below the field size' '
	{ cat head.csv; printf "BIG,Herford,2000,w,SYR,duldung,,,,,,1,\""
	  head -c 31457280 /dev/zero | tr "\000" x; printf "\",2022-01-10,,,,,\n"; cat tail.csv; } >big.csv &&
	measured big.rss big.db big.csv 2>err &&
	grep -q "^durchblick-ingest: big.csv:12: warning: field 13 is longer than 16777216 bytes" err &&
	grep -q "1 x traeger: Feld länger als 16 MiB.* (line 12[;)]" err &&
	test "$(counts big.db)" = 21/20/1 && test "$(loaded big.db)" = 20 &&
	test "$(sqlite3 big.db "select zeile||\" \"||feld||\" \"||length(wert)||\" \"||substr(wert, 1, 3) from abweisungen")" = "12 traeger 1000 xxx" &&
	note "30 MB field: peak RSS $(peak_kb big.rss) KiB, $(secs big.rss) s" &&
	below_kb big.rss 30720
'

test_expect_success 'a field of 30 MB in the header line refuses the file, naming line 1' '
	{ printf "fall_id,\""; head -c 31457280 /dev/zero | tr "\000" x; printf "\"\n"; cat tail.csv; } >bighead.csv &&
	test_must_fail measured bighead.rss bighead.db bighead.csv 2>err &&
	grep -q "^durchblick-ingest: bighead.csv:1: a field of the header line is longer than 16777216 bytes" err &&
	test "$(sqlite3 bighead.db "select count(*) from lieferungen")" = 0 &&
	below_kb bighead.rss 30720
'

test_expect_success '20,000 columns in the header: the extra ones are ignored with one summary warning' '
	{ printf "%s" "$(head -n 1 head.csv)"; seq 1 19981 | sed "s/^/,x/" | tr -d "\n"; echo
	  tail -n +2 head.csv; cat tail.csv; } >wideh.csv &&
	measured wideh.rss wideh.db wideh.csv 2>err &&
	grep -q "^durchblick-ingest: wideh.csv:1: warning: column 20 .x1. is not in the codebook" err &&
	grep -q "^durchblick-ingest: wideh.csv:1: warning: 19971 more columns are not in the codebook or the config: ignored (20000 columns in all)" err &&
	test "$(wc -l <err)" -lt 20 &&
	test "$(counts wideh.db)" = 20/20/0 && test "$(sqlite3 wideh.db "select count(*) from abweisungen")" = 0 &&
	note "20,000 header columns: peak RSS $(peak_kb wideh.rss) KiB, $(secs wideh.rss) s" &&
	below_kb wideh.rss 65536
'

test_expect_success '20,000 columns in data rows: a value past the header rejects its row, empty ones load' '
	commas=$(seq 1 19981 | sed "s/.*/,/" | tr -d "\n") &&
	{ cat head.csv; printf "%s%sz\n" "$(row W1 Herford Traeger)" "$commas"
	  printf "%s%s\n" "$(row W2 Herford Traeger)" "$commas"; cat tail.csv; } >wided.csv &&
	measured wided.rss wided.db wided.csv 2>err &&
	grep -q "1 x mehr Felder als Spalten im Kopf.* (line 12[;)]" err &&
	test "$(counts wided.db)" = 22/21/1 &&
	test "$(rejects wided.db)" = "12||mehr Felder als Spalten im Kopf (Trennzeichen im Wert ohne Anführungszeichen?)" &&
	test "$(sqlite3 wided.db "select zeile from teilnahmen where fall_id = \"W2\"")" = 13 &&
	below_kb wided.rss 65536
'

test_expect_success 'NUL bytes inside a field and as a field reject their rows; the rest loads' '
	{ cat head.csv; row N1 Herford "Tr\000ger"; row N2 Herford "\000"; cat tail.csv; } >nul.csv &&
	ingest nul.db nul.csv 2>err &&
	grep -q "2 x traeger: Feld enthält ein NUL-Zeichen (Binärdaten) (lines 12, 13)" err &&
	test "$(counts nul.db)" = 22/20/2 &&
	test "$(rejects nul.db | cut -d"|" -f1,2 | tr "\n" " ")" = "12|traeger 13|traeger " &&
	test "$(sqlite3 nul.db "select count(*) from abweisungen where wert is not null")" = 0
'

test_expect_success 'a NUL byte in the header line: a binary file, refused' '
	{ printf "fall_id\000"; head -n 1 good.csv | cut -c8-; tail -n +2 good.csv; } >nulhead.csv &&
	test_must_fail ingest nulhead.db nulhead.csv 2>err &&
	grep -q "^durchblick-ingest: nulhead.csv: binary file (a NUL byte in the header line)" err &&
	test "$(sqlite3 nulhead.db "select count(*) from lieferungen")" = 0 &&
	{ printf " \n"; cat nulhead.csv; } >nulhead2.csv &&
	test_must_fail ingest nulhead.db nulhead2.csv 2>err &&
	grep -q "^durchblick-ingest: nulhead2.csv:2: binary file (a NUL byte in the header line)" err
'

test_expect_success 'invalid UTF-8 in a UTF-8 file rejects only its rows; umlauts before and after stay right' '
	{ cat head.csv; row U1 Löhne Diakonie; row U2 Herford "Tr\344ger \377"; row U3 "L\366hne" x
	  row U4 Bünde Diakonie; cat tail.csv; } >utf.csv &&
	ingest utf.db utf.csv 2>err &&
	grep -q "1 x traeger: ungültige Zeichenkodierung (kein UTF-8) (line 13[;)]" err &&
	grep -q "1 x kommune: ungültige Zeichenkodierung (kein UTF-8) (line 14[;)]" err &&
	test "$(sqlite3 utf.db "select kodierung from lieferungen")" = utf-8 &&
	test "$(counts utf.db)" = 24/22/2 &&
	test "$(rejects utf.db | cut -d"|" -f1,2 | tr "\n" " ")" = "13|traeger 14|kommune " &&
	test "$(sqlite3 utf.db "select group_concat(kommune) from (select kommune from teilnahmen where fall_id in (\"U1\", \"U4\") order by fall_id)")" = "Löhne,Bünde"
'

test_expect_success 'an unterminated quote in the last row refuses the file, naming the line' '
	{ cat good.csv; row Q1 Herford "\"Diakonie"; } >quote.csv &&
	test_must_fail ingest quote.db quote.csv 2>err &&
	grep -q "^durchblick-ingest: quote.csv:22: quote opened here is never closed" err &&
	grep -q "^durchblick-ingest: quote.csv: file refused: nothing of it was loaded" err &&
	test "$(sqlite3 quote.db "select count(*) from lieferungen")" = 0 &&
	test "$(loaded quote.db)" = 0 && test "$(sqlite3 quote.db "select count(*) from abweisungen")" = 0
'

test_expect_success 'a header repeated mid-file (exports joined): skipped with a note, rows after it load' '
	{ cat head.csv; head -n 1 head.csv; cat tail.csv; } >joined.csv &&
	ingest joined.db --strict joined.csv 2>err &&
	grep -q "^durchblick-ingest: joined.csv:12: warning: the header line repeats here (exports joined into one file?): skipped" err &&
	test "$(counts joined.db)" = 20/20/0 && test "$(sqlite3 joined.db "select count(*) from abweisungen")" = 0 &&
	test "$(sqlite3 joined.db "select min(zeile)||\" \"||max(zeile) from teilnahmen")" = "2 22"
'

test_expect_success 'a row that only begins like the header is data (rejected), not a repeat' '
	{ cat head.csv; echo fall_id; cat tail.csv; } >short.csv &&
	ingest short.db short.csv 2>err &&
	! grep -q "repeats" err &&
	test "$(counts short.db)" = 21/20/1 && test "$(rejects short.db)" = "12|kommune|Pflichtfeld ist leer"
'

test_expect_success '10 million empty lines: fast, small, and the rows after them load with their lines' '
	{ cat head.csv; head -c 10000000 /dev/zero | tr "\000" "\n"; cat tail.csv; } >empty.csv &&
	measured empty.rss empty.db empty.csv 2>err &&
	test "$(counts empty.db)" = 20/20/0 && test "$(sqlite3 empty.db "select count(*) from abweisungen")" = 0 &&
	test "$(sqlite3 empty.db "select min(zeile) from teilnahmen where zeile > 11")" = 10000012 &&
	test "$(sqlite3 empty.db "select max(zeile) from teilnahmen")" = 10000021 &&
	note "10 million empty lines: peak RSS $(peak_kb empty.rss) KiB, $(secs empty.rss) s" &&
	below_secs empty.rss 5 &&
	below_kb empty.rss 30720
'

test_expect_success 'a named pipe with a writer is read like standard input, also when the writer comes late' '
	mkfifo pipe.csv late.csv &&
	{ timeout 20 sh -c "cat good.csv >pipe.csv" & } &&
	timeout 20 durchblick-ingest --config "$CONFIG" --db pipe.db pipe.csv 2>err &&
	test "$(counts pipe.db)" = 20/20/0 &&
	test "$(sqlite3 pipe.db "select sha256 from lieferungen")" = "$(sha256sum good.csv | cut -c1-64)" &&
	{ timeout 20 sh -c "sleep 1; cat good.csv >late.csv" & } &&
	timeout 20 durchblick-ingest --config "$CONFIG" --db late.db late.csv 2>err &&
	test "$(counts late.db)" = 20/20/0 && wait
'

test_expect_success 'a named pipe that no program writes to: refused after 5 s, does not hang' '
	mkfifo lonely.csv &&
	/usr/bin/time -f "%M %e" -o lonely.rss timeout 30 durchblick-ingest --config "$CONFIG" --db lonely.db lonely.csv 2>err
	test $? = 1 &&
	grep -q "^durchblick-ingest: lonely.csv: named pipe (FIFO) that no program writes to: nothing to read (waited 5 s)" err &&
	test "$(sqlite3 lonely.db "select count(*) from lieferungen")" = 0 &&
	note "FIFO without a writer: refused after $(secs lonely.rss) s"
'

test_done_status=0
test_done || test_done_status=1
[ -f "$TRASH/notes" ] && cat "$TRASH/notes"
exit $test_done_status

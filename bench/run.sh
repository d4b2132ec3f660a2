#!/bin/sh
# make bench: speed and memory of the stages against their peers, side by side
# in one run, on generated data. Writes bench/out/results.md; docs/benchmarks.md
# holds the table of the last recorded run.
#   BENCH_ROWS="100000 1000000"   row counts (default both)
#   BENCH_STAGES="ingest xlsx transform report small"   (small: transform at Kreis size)
# The xlsx stage loads the same rows as .xlsx workbooks, written once from the CSV
# and cached in bench/data: by XlsxWriter in constant_memory mode (inline strings)
# and in Excel's own layout with a shared string table (tests/e2e/xlsx_make.py).
# It fails if a workbook does not load every row, loads other rows than the CSV,
# or takes 64 MiB or more at peak.
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-bin}
ROWS=${BENCH_ROWS:-"100000 1000000"}
STAGES=${BENCH_STAGES:-"ingest xlsx transform report small"}
CONFIG=config/kreis-herford.ini
DATA=bench/data
OUT=bench/out
mkdir -p "$DATA" "$OUT"
RESULTS=$OUT/results.md
: >"$RESULTS"

# A part of a zip archive on stdout (no unzip needed): zipcat ZIP PART
zipcat() { /usr/bin/python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$@"; }

# seconds and peak RSS (KiB) of a command, as "secs kib"
measure() {
    /usr/bin/time -f "%e %M" -o "$OUT/.time" "$@" >/dev/null 2>"$OUT/.stderr" || {
        echo "bench: command failed: $*" >&2
        cat "$OUT/.stderr" >&2
        exit 1
    }
    cat "$OUT/.time"
}

echo "# durchblick bench, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)" >>"$RESULTS"
echo >>"$RESULTS"

for n in $ROWS; do
    csv=$DATA/teilnahmen-$n.csv
    [ -s "$csv" ] || "$BIN/durchblick-samples" --config "$CONFIG" --dataset teilnahmen \
        --dialect canonical --rows "$n" --seed 42 --out "$csv"
    mb=$(du -m "$csv" | cut -f1)
    bytes=$(stat -c %s "$csv")
    case " $STAGES " in *" ingest "*)
        rm -f "$OUT/sqlite.db" "$OUT/ingest-$n.db"
        # The peer: sqlite3's shell importing the same file into an empty database (no validation).
        set -- $(measure sqlite3 "$OUT/sqlite.db" ".import --csv $csv teilnahmen")
        s_secs=$1 s_kib=$2
        set -- $(measure "$BIN/durchblick-ingest" --quiet --config "$CONFIG" --db "$OUT/ingest-$n.db" "$csv")
        i_secs=$1 i_kib=$2
        loaded=$(sqlite3 "$OUT/ingest-$n.db" "select zeilen_geladen from lieferungen")
        awk -v n="$n" -v mb="$mb" -v bytes="$bytes" -v ss="$s_secs" -v sk="$s_kib" -v is="$i_secs" -v ik="$i_kib" -v loaded="$loaded" 'BEGIN {
            printf "## ingest, %d rows (%d MB canonical CSV, %d loaded)\n\n", n, mb, loaded
            printf "| | seconds | rows/s | MB/s | peak RSS |\n|---|---|---|---|---|\n"
            printf "| sqlite3 .import --csv (no validation) | %.2f | %.0f | %.1f | %.1f MiB |\n", ss, n/ss, bytes/1e6/ss, sk/1024
            printf "| durchblick-ingest (full validation, upsert) | %.2f | %.0f | %.1f | %.1f MiB |\n", is, n/is, bytes/1e6/is, ik/1024
            printf "\nratio ingest / sqlite3: **%.2f**\n\n", is/ss }' >>"$RESULTS"
    ;; esac
    case " $STAGES " in *" xlsx "*)
        # Cells typed as Excel types a CSV it opens: dates as serials with a date format, numbers.
        inline=$DATA/teilnahmen-$n.xlsx shared=$DATA/teilnahmen-$n-sst.xlsx
        [ -s "$inline" ] || /usr/bin/python3 tests/e2e/xlsx_make.py xlsxwriter "$csv" "$inline" plain
        [ -s "$shared" ] || /usr/bin/python3 tests/e2e/xlsx_make.py excel "$csv" "$shared"
        rm -f "$OUT/xcsv-$n.db" "$OUT/xinline-$n.db" "$OUT/xshared-$n.db"
        set -- $(measure "$BIN/durchblick-ingest" --quiet --config "$CONFIG" --db "$OUT/xcsv-$n.db" "$csv")
        c_secs=$1 c_kib=$2
        set -- $(measure "$BIN/durchblick-ingest" --quiet --config "$CONFIG" --db "$OUT/xinline-$n.db" "$inline")
        i_secs=$1 i_kib=$2
        set -- $(measure "$BIN/durchblick-ingest" --quiet --config "$CONFIG" --db "$OUT/xshared-$n.db" "$shared")
        s_secs=$1 s_kib=$2
        # Every row loaded, and the same rows as from the CSV (batch and line aside).
        same() {
            sqlite3 "$OUT/xcsv-$n.db" "attach '$1' as x;
                select (select zeilen_geladen from x.lieferungen) = $n and not exists (
                  select fall_id, kommune, geburtsjahr, geschlecht, staatsangehoerigkeit, aufenthaltsstatus,
                    leistungsbezug, deutsch_eintritt, deutsch_austritt, schulabschluss, bedarfe, baustein, traeger,
                    eintritt, austritt, verbleib, verbleib_datum, abschluss_erreicht, pruefung, zielgruppe from teilnahmen
                  except select fall_id, kommune, geburtsjahr, geschlecht, staatsangehoerigkeit, aufenthaltsstatus,
                    leistungsbezug, deutsch_eintritt, deutsch_austritt, schulabschluss, bedarfe, baustein, traeger,
                    eintritt, austritt, verbleib, verbleib_datum, abschluss_erreicht, pruefung, zielgruppe from x.teilnahmen)"
        }
        i_same=$(same "$OUT/xinline-$n.db") s_same=$(same "$OUT/xshared-$n.db")
        strings=$(zipcat "$shared" xl/sharedStrings.xml 2>/dev/null | head -c 400 | sed -n 's/.*uniqueCount="\([0-9]*\)".*/\1/p')
        awk -v n="$n" -v cs="$c_secs" -v ck="$c_kib" -v is="$i_secs" -v ik="$i_kib" -v ss="$s_secs" -v sk="$s_kib" \
            -v ib="$(stat -c %s "$inline")" -v sb="$(stat -c %s "$shared")" -v cb="$bytes" -v strings="$strings" \
            -v isame="$i_same" -v ssame="$s_same" 'BEGIN {
            printf "## ingest from .xlsx, %d rows (the CSV above as workbooks)\n\n", n
            printf "| file | size | seconds | rows/s | peak RSS | rows as from the CSV |\n|---|---|---|---|---|---|\n"
            printf "| CSV (canonical) | %.0f MB | %.2f | %.0f | %.1f MiB | |\n", cb/1e6, cs, n/cs, ck/1024
            printf "| .xlsx, XlsxWriter constant_memory (inline strings) | %.0f MB | %.2f | %.0f | %.1f MiB | %s |\n", ib/1e6, is, n/is, ik/1024, isame == 1 ? "yes" : "NO"
            printf "| .xlsx, Excel layout, %d shared strings | %.0f MB | %.2f | %.0f | %.1f MiB | %s |\n\n", strings, sb/1e6, ss, n/ss, sk/1024, ssame == 1 ? "yes" : "NO" }' >>"$RESULTS"
        if [ "$i_same" != 1 ] || [ "$s_same" != 1 ] || [ "$i_kib" -ge 65536 ] || [ "$s_kib" -ge 65536 ]; then
            cat "$RESULTS"
            echo "bench: a workbook of $n rows did not load the CSV's rows, or took 64 MiB or more" >&2
            exit 1
        fi
    ;; esac
    case " $STAGES " in *" transform "*)
        db=$OUT/ingest-$n.db
        [ -s "$db" ] || "$BIN/durchblick-ingest" --quiet --config "$CONFIG" --db "$db" "$csv"
        cp "$db" "$OUT/transform-$n.db"
        set -- $(measure "$BIN/durchblick-transform" --config "$CONFIG" --db "$OUT/transform-$n.db")
        t_secs=$1 t_kib=$2
        [ -d bench/.npm/node_modules/@duckdb/node-api ] ||
            npm install --no-save --silent --prefix bench/.npm @duckdb/node-api >/dev/null
        set -- $(measure node bench/duckdb-peer.mjs "$csv")
        d_secs=$1 d_kib=$2
        figures=$(sqlite3 "$OUT/transform-$n.db" "select count(*) from kennzahlen")
        awk -v n="$n" -v ts="$t_secs" -v tk="$t_kib" -v ds="$d_secs" -v dk="$d_kib" -v f="$figures" 'BEGIN {
            printf "## transform, %d rows (%d figures written)\n\n", n, f
            printf "| | seconds | rows/s | peak RSS |\n|---|---|---|---|\n"
            printf "| DuckDB: load CSV + placement rate by 5 dimensions, for the period and the year before | %.2f | %.0f | %.1f MiB |\n", ds, n/ds, dk/1024
            printf "| durchblick-transform: every indicator of the period and the comparison period, disclosure control with its audit, tests | %.2f | %.0f | %.1f MiB |\n", ts, n/ts, tk/1024
            printf "\nratio transform / DuckDB: **%.2f**\n\n", ts/ds }' >>"$RESULTS"
    ;; esac
    case " $STAGES " in *" report "*)
        db=$OUT/transform-$n.db
        [ -s "$db" ] || { cp "$OUT/ingest-$n.db" "$db" && "$BIN/durchblick-transform" --config "$CONFIG" --db "$db" 2>/dev/null; }
        rm -rf "$OUT/reports-$n"
        set -- $(measure "$BIN/durchblick-report" --config "$CONFIG" --db "$db" --out "$OUT/reports-$n")
        awk -v n="$n" -v rs="$1" -v rk="$2" 'BEGIN {
            printf "## report, %d rows: both reports, PDF and XLSX\n\n| | seconds | peak RSS |\n|---|---|---|\n", n
            printf "| durchblick-report | %.2f | %.1f MiB |\n\n", rs, rk/1024 }' >>"$RESULTS"
    ;; esac
done
# Transform at Kreis size (about 300 participations in the period 2022: 600 generated over
# several years; with offers and funding): the disclosure control and its audit are most of
# the work there. The median of seven runs.
case " $STAGES " in *" small "*)
    for region in kreis-herford stadt-wuppertal; do
        cfg=config/$region.ini
        sdb=$OUT/small-$region.db
        rm -f "$sdb"
        "$BIN/durchblick-samples" --config "$cfg" --rows 600 --seed 42 --out "$DATA/small-t-$region.csv"
        "$BIN/durchblick-samples" --config "$cfg" --dataset angebote --seed 42 --out "$DATA/small-a-$region.csv"
        "$BIN/durchblick-samples" --config "$cfg" --dataset mittel --seed 42 --out "$DATA/small-m-$region.csv"
        "$BIN/durchblick-ingest" --quiet --config "$cfg" --db "$sdb" "$DATA/small-t-$region.csv" >/dev/null 2>&1
        "$BIN/durchblick-ingest" --quiet --config "$cfg" --db "$sdb" --dataset angebote "$DATA/small-a-$region.csv" >/dev/null 2>&1
        "$BIN/durchblick-ingest" --quiet --config "$cfg" --db "$sdb" --dataset mittel "$DATA/small-m-$region.csv" >/dev/null 2>&1
        : >"$OUT/.small"
        for i in 1 2 3 4 5 6 7; do
            /usr/bin/time -f "%e %U %S" -a -o "$OUT/.small" "$BIN/durchblick-transform" --config "$cfg" --db "$sdb" >/dev/null 2>&1
        done
        withheld=$(sqlite3 "$sdb" "select sum(gesperrt) || ' of ' || count(*) from kennzahlen")
        tn=$(sqlite3 "$sdb" "select zaehler from kennzahlen where kennzahl = 'teilnahmen' and dimension = 'gesamt' and bezug = 'periode'")
        sort -n "$OUT/.small" | awk -v r="$region" -v w="$withheld" -v tn="$tn" 'NR == 4 {
            printf "## transform at Kreis size: %s, %d participations in the period (withheld %s figures)\n\n", r, tn, w
            printf "| | wall seconds (median of 7) | cpu seconds (user + sys) |\n|---|---|---|\n"
            printf "| durchblick-transform with disclosure control and audit | %.3f | %.3f |\n\n", $1, $2 + $3 }' >>"$RESULTS"
    done
;; esac
cat "$RESULTS"

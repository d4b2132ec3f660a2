#!/bin/sh
# make demo: the whole pipeline on the shipped Kreis Herford samples, as an analyst runs it.
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-bin}
OUT=demo-out
rm -rf "$OUT"
mkdir -p "$OUT"
echo "durchblick demo: samples/data/*.csv -> $OUT/" >&2
"$BIN/durchblick" run --config config/kreis-herford.ini --db "$OUT/kreis-herford.db" --out "$OUT" \
    samples/data/teilnahmen-kreis-herford.csv samples/data/angebote-kreis-herford.csv \
    samples/data/mittel-kreis-herford.csv

#!/bin/sh
# Writes the committed sample exports of samples/data/ (run by `make samples`).
# Synthetic data from bin/durchblick-samples: fixed seeds, so a re-run gives
# the same bytes; commit the result. See samples/README.md.
set -eu
cd "$(dirname "$0")/.."

gen="${BIN:-bin}/durchblick-samples"
cfg=config/kreis-herford.ini
out=samples/data

if [ ! -x "$gen" ]; then
    echo "make-samples.sh: $gen is missing: run 'make $gen' first" >&2
    exit 1
fi
mkdir -p "$out/dialects"

# What an analyst of the KI Kreis Herford gets: the participation list out of
# German Excel, the offers inventory out of a survey tool, the funding table.
"$gen" --config "$cfg" --dataset teilnahmen --dialect excel --rows 600 --seed 2022 \
    --out "$out/teilnahmen-kreis-herford.csv"
"$gen" --config "$cfg" --dataset angebote --dialect survey --rows 40 --seed 2022 \
    --out "$out/angebote-kreis-herford.csv"
"$gen" --config "$cfg" --dataset mittel --dialect excel --rows 24 --seed 2022 \
    --out "$out/mittel-kreis-herford.csv"

# The same 300 participations in each dialect: loading any of them must give
# identical rows in the database (tests/e2e).
for dialect in canonical excel survey; do
    "$gen" --config "$cfg" --dataset teilnahmen --dialect "$dialect" --rows 300 --seed 7 \
        --out "$out/dialects/teilnahmen-$dialect.csv"
done

echo "make-samples.sh: wrote $(ls "$out"/*.csv "$out"/dialects/*.csv | wc -l) files under $out/"

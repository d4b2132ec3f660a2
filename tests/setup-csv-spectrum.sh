#!/bin/sh
# Installs the npm package csv-spectrum (CSV parser acceptance cases) into
# tests/.npm for tests/unit/test_ingest_csv_spectrum.c. Not committed: run this
# once; it does nothing (and needs no network) when the package is already there.
#
#   sh tests/setup-csv-spectrum.sh
#
# The test reads $CSV_SPECTRUM_DIR, default tests/.npm/node_modules/csv-spectrum/csvs.
set -u
cd "$(dirname "$0")/.." || exit 1

prefix=tests/.npm
pkg=$prefix/node_modules/csv-spectrum

if [ -d "$pkg/csvs" ] && [ -d "$pkg/json" ]; then
    echo "csv-spectrum: already installed in $pkg"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "csv-spectrum: npm not found; install Node.js/npm (Debian: apt-get install npm)" >&2
    echo "csv-spectrum: or unpack the package by hand into $pkg" >&2
    exit 1
fi

mkdir -p "$prefix"
echo "csv-spectrum: npm install --no-save --prefix $prefix csv-spectrum"
if ! npm install --no-save --no-audit --no-fund --prefix "$prefix" csv-spectrum; then
    echo "csv-spectrum: npm install failed (offline? registry unreachable?)." >&2
    echo "csv-spectrum: test_ingest_csv_spectrum will fail until $pkg/csvs exists." >&2
    exit 1
fi

if [ ! -d "$pkg/csvs" ] || [ ! -d "$pkg/json" ]; then
    echo "csv-spectrum: installed, but $pkg/csvs or $pkg/json is missing; package layout changed?" >&2
    exit 1
fi
echo "csv-spectrum: installed in $pkg ($(ls "$pkg/csvs" | wc -l) csv files)"

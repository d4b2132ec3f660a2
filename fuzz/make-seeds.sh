#!/bin/sh
# Writes the seed corpus of each harness into DIR/<harness>/ from what the
# repository already holds: the sample exports, the shipped configs, the
# values of fuzz/values.txt. Usage: fuzz/make-seeds.sh DIR
set -eu
REPO=$(cd "$(dirname "$0")/.." && pwd)
out=$1
mkdir -p "$out/csvreader" "$out/normalize" "$out/config" "$out/row" "$out/xlsxsheet"

# csvreader: the head of every sample export (all three dialects and encodings).
for f in "$REPO"/samples/data/*.csv "$REPO"/samples/data/dialects/*.csv; do
    head -c 3000 "$f" >"$out/csvreader/$(basename "$f")"
done

# config: the shipped region configs.
cp "$REPO"/config/*.ini "$out/config/"

# normalize: one file per line of values.txt, "<selector byte><value>".
n=0
while IFS='	' read -r sel value; do
    case $sel in '#'*|'') continue ;; esac
    n=$((n + 1))
    { printf "\\$(printf '%03o' "$sel")"; printf '%s' "$value"; } >"$out/normalize/v$n"
done <"$REPO/fuzz/values.txt"

# row: the first data rows of each sample, tab-separated, after the harness's
# header selector byte (the order of header_files[] in fuzz_row.c).
python3 - "$REPO" "$out/row" <<'PY'
import csv, io, sys
repo, out = sys.argv[1], sys.argv[2]
files = ["samples/data/dialects/teilnahmen-canonical.csv", "samples/data/dialects/teilnahmen-survey.csv",
         "samples/data/dialects/teilnahmen-excel.csv", "samples/data/angebote-kreis-herford.csv",
         "samples/data/mittel-kreis-herford.csv"]
for sel, name in enumerate(files):
    raw = open(f"{repo}/{name}", "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    lines = text.splitlines(True)
    if lines and lines[0].startswith("sep="):
        lines = lines[1:]
    rows = list(csv.reader(io.StringIO("".join(lines)), delimiter=";" if ";" in lines[0] else ","))
    for k in range(0, 12, 3):
        body = "\n".join("\t".join(r) for r in rows[1 + k:4 + k])
        with open(f"{out}/s{sel}-{k}", "wb") as f:
            f.write(bytes([sel]) + body.encode("utf-8"))
PY

# xlsxsheet: "<selector byte><part>" (fuzz_xlsxsheet.c: 0 sheet, 1 shared strings, 2 styles,
# 3 workbook.xml), the parts of the LibreOffice workbooks of the samples, cut to 60,000 bytes.
/usr/bin/python3 - "$REPO" "$out/xlsxsheet" <<'PY'
import glob, os, sys, zipfile
repo, out = sys.argv[1], sys.argv[2]
parts = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]
for path in sorted(glob.glob(repo + "/tests/fixtures/xlsx/*.xlsx")):
    z = zipfile.ZipFile(path)
    for sel, part in enumerate(parts):
        with open("%s/%s-%d" % (out, os.path.basename(path)[:-5], sel), "wb") as f:
            f.write(bytes([sel]) + z.read(part)[:60000])
PY

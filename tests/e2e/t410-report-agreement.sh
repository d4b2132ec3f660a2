#!/bin/sh
# The Verwendungsnachweis and the Sitzungsbericht count alike (issue 12: one definition of who
# counts; issue 9: one figure is one figure): for the same year they show the same
# participations, exits and placements per Baustein, each a number in both or "*" in both.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

# Reads both workbooks as a reader sees them and prints, per Baustein, what each report shows.
cat >"$TRASH/agree.py" <<'PY'
import sys, openpyxl
def cells(path, sheet):
    return [r for r in openpyxl.load_workbook(path).worksheets[sheet].iter_rows(values_only=True)]
sitz, vn = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(sitz)
daten = {}
for r in wb["Daten"].iter_rows(min_row=2, values_only=True):
    if len(r) < 12 or r[11] == "periode":
        daten[(r[0], r[1], r[2])] = r[3]
s = {}
ws = wb[[n for n in wb.sheetnames if n.startswith("Vermittlung")][0]]
rows = list(ws.iter_rows(values_only=True))
for i, r in enumerate(rows):          # the first table: by Baustein
    if r[0] == "Baustein":
        for q in rows[i + 1:i + 7]:
            nr = q[0].split()[0]
            s[nr] = [daten[("teilnahmen", "baustein", nr)], q[1], q[2]]
        break
v = {}
rows = list(openpyxl.load_workbook(vn).worksheets[1].iter_rows(values_only=True))
for i, r in enumerate(rows):
    if r[0] == "Baustein" and r[1] == "Teilnahmen":
        for q in rows[i + 1:i + 7]:
            v[q[0].split()[0]] = [q[1], q[2], q[3]]
assert len(s) == 6 and len(v) == 6, (s, v)
bad = 0
for nr in sorted(s):
    line = "%s sitzung %s vn %s" % (nr, s[nr], v[nr])
    print(line)
    if s[nr] != v[nr]:
        print("DIFFERS:", line)
        bad += 1
sys.exit(1 if bad else 0)
PY

run_region() {
    cfg=$1 n=$2
    mkdir -p "$cfg-$n" && cd "$cfg-$n" &&
    durchblick-samples --config "$REPO/config/$cfg.ini" --rows "$n" --seed 7 --out teilnahmen.csv &&
    durchblick-samples --config "$REPO/config/$cfg.ini" --dataset mittel --out mittel.csv &&
    durchblick run --config "$REPO/config/$cfg.ini" --db x.db --out out teilnahmen.csv mittel.csv >/dev/null 2>err &&
    $PY "$TRASH/agree.py" out/sitzungsbericht-*.xlsx out/verwendungsnachweis-*.xlsx
}

test_expect_success 'demo data: both reports show the same Teilnahmen, Austritte, Vermittlungen per Baustein' '
    durchblick run --config "$CONFIG" --db d.db --out d "$REPO"/samples/data/*.csv >/dev/null 2>err &&
    $PY agree.py d/sitzungsbericht-*.xlsx d/verwendungsnachweis-*.xlsx
'

test_expect_success 'a small Kreis (120 participations): the same, withheld in both or in neither' '
    run_region kreis-herford 120
'

test_expect_success 'Wuppertal (300 participations): the same' '
    run_region stadt-wuppertal 300
'

test_done

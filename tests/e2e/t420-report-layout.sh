#!/bin/sh
# Layout of both reports, page by page, as a reader sees them (issue 12):
# pdftotext per page and the report's model (tests/tools/report_model) for
# the PDF (tests/e2e/layout_check.py: no row alone on a page, no word broken,
# headings with what they head, no page under a quarter full, signs explained,
# axes scaled to the data), the XLSX in its XML (tests/e2e/xlsx_check.py:
# intervals drawn where named, no withheld point cached, every category
# labelled, frozen panes, A4 at 8 pt or more, charts below their tables,
# money to the cent). On the demo data and on generated data sets: a small
# Kreis (about 100 participations), Wuppertal with its Stadtbezirke, and
# 1,000 participations.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
TOOLS=${DURCHBLICK_TOOLS:-$REPO/build/tests}
export PY TOOLS

# check_set NAME CONFIG: both reports, PDF and XLSX, against their models
check_set() {
    for r in sitzung verwendungsnachweis; do
        stem=$r; [ $r = sitzung ] && stem=sitzungsbericht
        "$TOOLS/report_model" "$REPO/config/$2" "$1/d.db" $r >"$1/model-$r.tsv" || return 1
        $PY "$REPO/tests/e2e/layout_check.py" "$1/model-$r.tsv" "$1"/out/$stem-*.pdf || return 1
        $PY "$REPO/tests/e2e/xlsx_check.py" "$1/model-$r.tsv" "$1"/out/$stem-*.xlsx || return 1
    done
}

test_expect_success 'demo data (Kreis Herford): the pipeline writes both reports' '
    mkdir demo &&
    durchblick run --config "$REPO/config/kreis-herford.ini" --db demo/d.db --out demo/out \
        "$REPO/samples/data/teilnahmen-kreis-herford.csv" "$REPO/samples/data/angebote-kreis-herford.csv" \
        "$REPO/samples/data/mittel-kreis-herford.csv" >/dev/null 2>&1 &&
    test "$(ls demo/out | wc -l)" -eq 4
'
test_expect_success 'demo data: layout of every page, and the xlsx' 'check_set demo kreis-herford.ini'

test_expect_success 'a small Kreis of about 100 participations' '
    report_data_set small kreis-heinsberg.ini 200 &&
    n=$(sqlite3 small/d.db "select zaehler from kennzahlen where kennzahl = '"'teilnahmen'"' and dimension = '"'gesamt'"' and coalesce(bezug, '"'periode'"') = '"'periode'"'") &&
    test "$n" -ge 80 && test "$n" -le 130 &&
    check_set small kreis-heinsberg.ini
'

test_expect_success 'Wuppertal with its Stadtbezirke' '
    report_data_set wup stadt-wuppertal.ini 500 && check_set wup stadt-wuppertal.ini
'

test_expect_success 'Wuppertal: its units are Stadtbezirke wherever the reports name them' '
    pdftotext -layout wup/out/sitzungsbericht-*.pdf wup.txt 2>/dev/null &&
    grep -q "Vermittlungsquote nach Stadtbezirk" wup.txt &&
    grep -q "Bedarfe und Plätze nach Stadtbezirk" wup.txt &&
    grep -q "^ *Stadtbezirk  " wup.txt &&
    ! grep -n "Kommune\\b\\|Kommunen\\b" wup.txt &&
    grep -q "Uellendahl-Katernberg" wup.txt &&
    $PY - wup/out/sitzungsbericht-*.xlsx <<PYEOF
import sys, openpyxl, re
wb = openpyxl.load_workbook(sys.argv[1])
texts = [c.value for ws in wb.worksheets if ws.title != "Daten" for row in ws.iter_rows() for c in row
         if isinstance(c.value, str)]
bad = [t for t in texts if re.search(r"Kommune\b|Kommunen\b", t)]
assert not bad, bad
assert "Stadtbezirk" in texts and any("nach Stadtbezirk" in t for t in texts)
PYEOF
'

test_expect_success 'Wuppertal: the merged group comes after the named Stadtbezirke (needs by Stadtbezirk, PDF)' '
    $PY - wup.txt <<PYEOF
import re, sys
lines = open(sys.argv[1]).read().split("\n")
named = ["Barmen", "Elberfeld", "Heckinghausen", "Oberbarmen", "Ronsdorf", "Uellendahl-Katernberg", "Vohwinkel"]
need, seen_rest, rows = None, False, 0
for ln in lines:
    m = re.match(r"^ *(\S+) +(übrige Stadtbezirke|%s)\s" % "|".join(named), ln)
    if not m:
        continue
    rows += 1
    if m.group(1) != need:
        need, seen_rest = m.group(1), False
    if m.group(2) == "übrige Stadtbezirke":
        seen_rest = True
    elif seen_rest:
        sys.exit("%s: %s after übrige Stadtbezirke" % (need, m.group(2)))
assert rows > 20, rows
PYEOF
'

test_expect_success 'a Kreis with 1,000 participations' '
    report_data_set big rhein-kreis-neuss.ini 2000 &&
    n=$(sqlite3 big/d.db "select zaehler from kennzahlen where kennzahl = '"'teilnahmen'"' and dimension = '"'gesamt'"' and coalesce(bezug, '"'periode'"') = '"'periode'"'") &&
    test "$n" -ge 900 && test "$n" -le 1100 &&
    check_set big rhein-kreis-neuss.ini
'

test_expect_success 'english: city districts, and the same layout rules' '
    sed "s/^language = .*/language = en/" "$REPO/config/stadt-wuppertal.ini" >en.ini &&
    mkdir en && cp wup/d.db en/d.db &&
    durchblick-report --config en.ini --db en/d.db --out en/out >/dev/null &&
    pdftotext -layout en/out/meeting-report-*.pdf en.txt 2>/dev/null &&
    grep -q "Placement rate by city district" en.txt && ! grep -qi "municipalit" en.txt &&
    for r in sitzung verwendungsnachweis; do
        stem=funding-evidence; [ $r = sitzung ] && stem=meeting-report
        "$TOOLS/report_model" en.ini en/d.db $r >en/model-$r.tsv &&
        $PY "$REPO/tests/e2e/layout_check.py" en/model-$r.tsv en/out/$stem-*.pdf || exit 1
    done
'

test_expect_success 'a config naming other units is refused with its line' '
    sed "s/^einheit = .*/einheit = Bezirk/" "$REPO/config/stadt-wuppertal.ini" >bad.ini &&
    test_exit_code 2 durchblick-report --config bad.ini --db wup/d.db --out bad-out 2>err &&
    grep -q "bad.ini:11: einheit .Bezirk.: use Kommune or Stadtbezirk" err
'

test_expect_success 'verwendungsnachweis: each row adds up, totals are the sums of the rows shown' '
    $PY - demo/out/verwendungsnachweis-*.xlsx big/out/verwendungsnachweis-*.xlsx <<PYEOF
import sys, openpyxl
for path in sys.argv[1:]:
    ws = openpyxl.load_workbook(path).worksheets[1]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[:3] == ["Baustein", "Bewilligt", "Verausgabt"])
    body, total = [], None
    for r in rows[head + 1:]:
        if r[0] == "Insgesamt":
            total = r
            break
        body.append(r)
    assert len(body) == 6 and total, (path, body, total)
    for r in body:
        if all(isinstance(v, (int, float)) for v in r[2:5]):
            assert round(r[3] + r[4], 2) == round(r[2], 2), (path, r)
    for c in range(1, 5):
        assert abs(sum(r[c] for r in body) - total[c]) < 0.005, (path, c, total[c])
wb = openpyxl.load_workbook(sys.argv[1])
signed = [c.value for r in wb["Bestätigung"].iter_rows() for c in r if isinstance(c.value, str)]
assert "Ort, Datum" in signed and "Rechtsverbindliche Unterschrift" in signed, signed
assert wb.sheetnames[-2:] == ["Bestätigung", "Daten"], wb.sheetnames
PYEOF
'

test_done

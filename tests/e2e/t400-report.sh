#!/bin/sh
# durchblick-report on a fixture database (tests/fixtures/report/make_fixture.sql):
# all reports in all formats, checked with independent tools (qpdf, poppler,
# openpyxl, unzip, cmp).
. "$(dirname "$0")/lib.sh"
FIX=$REPO/tests/fixtures/report
PY=/usr/bin/python3
export FIX PY

test_expect_success 'fixture database builds' '
    sqlite3 fx.db <"$FIX/make_fixture.sql" &&
    test "$(sqlite3 fx.db "select count(*) from kennzahlen where gesperrt = 1")" -gt 0
'

test_expect_success 'the fixture schema is the one durchblick creates (no drift)' '
    echo "jahr,baustein,bewilligt,verausgabt" >mittel-leer.csv &&
    test_must_fail durchblick-ingest --config "$CONFIG" --db ref.db --dataset mittel mittel-leer.csv 2>/dev/null &&
    sqlite3 ref.db .schema >schema-ref && sqlite3 fx.db .schema >schema-fx &&
    diff schema-ref schema-fx &&
    test "$(sqlite3 ref.db "pragma user_version")" = "$(sqlite3 fx.db "pragma user_version")"
'

test_expect_success 'report writes four files and lists them' '
    mkdir out &&
    durchblick-report --config "$CONFIG" --db fx.db --out out >list 2>err &&
    test "$(wc -l <list)" -eq 4 &&
    grep -x "out/sitzungsbericht-kreis-herford-2022.pdf" list &&
    grep -x "out/sitzungsbericht-kreis-herford-2022.xlsx" list &&
    grep -x "out/verwendungsnachweis-kreis-herford-2022.pdf" list &&
    grep -x "out/verwendungsnachweis-kreis-herford-2022.xlsx" list &&
    test -z "$(ls -A out | grep "^\\.")"
'

test_expect_success 'pdfs pass qpdf --check' '
    for f in out/*.pdf; do qpdf --check "$f" >/dev/null || exit 1; done
'

test_expect_success 'every font is embedded' '
    for f in out/*.pdf; do
        pdffonts "$f" 2>/dev/null | tail -n +3 >fonts && test -s fonts &&
        ! awk "{ if (\$(NF-4) != \"yes\") bad = 1 } END { exit !bad }" fonts || exit 1
    done
'

test_expect_success 'sitzungsbericht shows figures in German format in their sections' '
    pdftotext -layout out/sitzungsbericht-kreis-herford-2022.pdf s.txt 2>/dev/null &&
    grep -q "Sitzungsbericht" s.txt && grep -q "Kreis Herford" s.txt &&
    grep -q "Bündniskerngruppe" s.txt &&
    sed -n "/2 *Kennzahlen im Überblick/,/3 *Verbleib/p" s.txt >key.txt &&
    grep "Vermittlungsquote" key.txt | grep -q "48,1 %" &&
    grep "Personen" key.txt | grep -q "412" &&
    sed -n "/3 *Verbleib/,/4 *Vermittlung/p" s.txt | grep "unbekannt" | grep -q "24,9 %" &&
    grep -q "χ² = 4,97" s.txt &&
    grep -q "exakter Test nach Fisher" s.txt && grep -q "p < 0,001" s.txt &&
    grep -q "19.01.2023" s.txt &&
    grep -q "Seite 2 von" s.txt &&
    grep -q "Zeichenerklärung" s.txt
'

test_expect_success 'withheld values never appear in the pdfs' '
    pdftotext -layout out/verwendungsnachweis-kreis-herford-2022.pdf v.txt 2>/dev/null &&
    ! grep -q "7.777,77" s.txt v.txt && ! grep -q "350,0" s.txt v.txt &&
    grep "Rödinghausen" s.txt | head -1 | grep -q "\\*" &&
    grep -q "Wert gesperrt" s.txt && grep -q "Wert gesperrt" v.txt
'

test_expect_success 'verwendungsnachweis: totals, 80/20 split, Sachbericht, signature' '
    grep "Insgesamt" v.txt | grep -q "550.000,00 €" &&
    grep -q "496.444,85 €" v.txt &&
    grep -q "Sachbericht" v.txt && grep -q "Rechtsverbindliche Unterschrift" v.txt &&
    grep -q "Ort, Datum" v.txt
'

test_expect_success 'xlsx: sheets, numeric cells equal kennzahlen, no formulas, nothing withheld' '
    sqlite3 -separator "|" fx.db "select kennzahl, dimension, kategorie, wert from kennzahlen where gesperrt = 0 and wert is not null" >shown.txt &&
    sqlite3 -separator "|" fx.db "select wert from kennzahlen where gesperrt = 1 and wert is not null" >hidden.txt &&
    $PY - out/sitzungsbericht-kreis-herford-2022.xlsx out/verwendungsnachweis-kreis-herford-2022.xlsx <<PYEOF
import sys, openpyxl
want = ["Deckblatt", "Überblick", "Verbleib", "Vermittlung", "Trend", "Bedarfe und Angebote",
        "Sprache und Abschlüsse", "Datenqualität", "Methodik", "Daten"]
shown = {}
for line in open("shown.txt", encoding="utf-8"):
    k, d, c, w = line.rstrip("\n").split("|")
    shown[(k, d, c)] = float(w)
hidden = [float(x) for x in open("hidden.txt") if x.strip()]
hidden = [h for h in hidden if h not in shown.values()]
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    if "sitzungsbericht" in path:
        assert wb.sheetnames == want, wb.sheetnames
    assert "Daten" in wb.sheetnames
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path, ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, (int, float)):
                    for h in hidden:
                        assert abs(cell.value - h) > 1e-9 or h in (0, 1), (path, ws.title, cell.coordinate, h)
    ws = wb["Daten"]
    head = [c.value for c in ws[1]]
    assert head[:6] == ["kennzahl", "dimension", "kategorie", "zaehler", "nenner", "wert"], head
    seen = 0
    for r in ws.iter_rows(min_row=2, values_only=True):
        key = (r[0], r[1], r[2])
        if key in shown:
            assert isinstance(r[5], (int, float)) and abs(r[5] - shown[key]) <= 1e-9 * max(1.0, abs(shown[key])), (key, r[5])
            seen += 1
        if r[8] == 1:
            assert all(v == "*" for v in r[3:8]), r
    assert seen == len(shown), (seen, len(shown))
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
s = openpyxl.load_workbook(sys.argv[1])
v = s["Vermittlung"]
vals = [c for row in v.iter_rows() for c in row if isinstance(c.value, float)]
assert any(abs(c.value - 112/233) < 1e-12 and "%" in c.number_format for c in vals)
texts = [c.value for ws in s.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
assert any(t.startswith("=HYPERLINK(") for t in texts), "input text starting with = must stay text"
vn = openpyxl.load_workbook(sys.argv[2]).worksheets[1]
euro = [c for row in vn.iter_rows() for c in row if isinstance(c.value, float) and "€" in c.number_format]
assert any(abs(c.value - 171234.56) < 1e-9 for c in euro)
print("ok")
PYEOF
'

test_expect_success 'xlsx files carry native charts and no formula elements' '
    unzip -l out/sitzungsbericht-kreis-herford-2022.xlsx | grep -q "xl/charts/chart1.xml" &&
    test "$(unzip -l out/sitzungsbericht-kreis-herford-2022.xlsx | grep -c "xl/charts/chart[0-9]*.xml")" -ge 8 &&
    ! unzip -p out/sitzungsbericht-kreis-herford-2022.xlsx "xl/worksheets/*.xml" | grep -q "<f>" &&
    ! unzip -p out/sitzungsbericht-kreis-herford-2022.xlsx | grep -q "7777.77"
'

test_expect_success 'same database and config give the same bytes' '
    mkdir out2 &&
    durchblick-report --config "$CONFIG" --db fx.db --out out2 >/dev/null 2>&1 &&
    for f in out/*; do cmp "$f" "out2/$(basename "$f")" || exit 1; done
'

# (issue 11) The report shows the last transform run, not the config's period
# silently: a config period without a run gets the run's period and a warning.
test_expect_success 'a config period without a transform run: the last run is reported, with a warning' '
    sed "s/^from = .*/from = 2019-01-01/; s/^to = .*/to = 2019-06-30/" "$CONFIG" >empty.ini &&
    mkdir out3 &&
    durchblick-report --config empty.ini --db fx.db --out out3 >list3 2>err3 &&
    grep -q "sitzungsbericht-kreis-herford-2022.pdf" list3 && ! grep -q 2019 list3 &&
    grep -q "warning: \[period\] is 2019-01-01 to 2019-06-30, but the last transform run was for 2022-01-01 to 2022-12-31" err3
'

test_expect_success 'english by config' '
    sed "s/^language = .*/language = en/" "$CONFIG" >en.ini &&
    mkdir out4 &&
    durchblick-report --config en.ini --db fx.db --out out4 --report sitzung --format pdf >list4 &&
    test "$(wc -l <list4)" -eq 1 &&
    pdftotext -layout out4/*.pdf en.txt 2>/dev/null &&
    grep -q "Meeting report" en.txt && grep "Placement rate" en.txt | grep -q "48.1%"
'

test_expect_success 'usage and errors: exit codes and messages' '
    durchblick-report --help | grep -q "^usage: durchblick-report" &&
    durchblick-report --version | grep -q "durchblick-report" &&
    test_exit_code 2 durchblick-report --bogus 2>e1 && grep -q "^durchblick-report: unknown option" e1 &&
    test_exit_code 2 durchblick-report --config "$CONFIG" --db fx.db --out out --format doc 2>/dev/null &&
    durchblick-report --config "$CONFIG" --db fx.db --out new-folder >made 2>/dev/null &&
    test "$(wc -l <made)" = 4 && test -s new-folder/sitzungsbericht-kreis-herford-2022.pdf &&
    : >a-file && test_must_fail durchblick-report --config "$CONFIG" --db fx.db --out a-file 2>e2 &&
    grep -q "^durchblick-report: a-file: output path exists and is not a directory" e2 &&
    test_must_fail durchblick-report --config "$CONFIG" --db missing.db --out out 2>e3 &&
    grep -q "missing.db" e3
'

test_expect_success 'unwritable output directory fails cleanly' '
    mkdir ro && chmod 555 ro &&
    if [ "$(id -u)" -ne 0 ]; then
        test_must_fail durchblick-report --config "$CONFIG" --db fx.db --out ro 2>e4 &&
        grep -q "ro/" e4 && test -z "$(ls -A ro)"
    fi
'

test_done

#!/bin/sh
# Issue 10: exports as the survey tools write them (tests/corpus/files, made by
# tests/corpus/make_corpus.py and, for LibreOffice, make-libreoffice.sh) load to
# the canonical records with the config lines docs/config.md shows per tool;
# --suggest proposes those lines for label-style exports; the templates need none;
# the correction loop (load, fix the config, load again) brings the rows in.
. "$(dirname "$0")/lib.sh"
C=$REPO/tests/corpus/files
DOC=$REPO/docs/config.md
PY=/usr/bin/python3

# The lines of the ```ini block after "<!-- corpus: NAME -->" in docs/config.md.
block() {
    awk -v n="$1" '$0 == "<!-- corpus: " n " -->" { f = 1; next }
        f && /^```ini/ { g = 1; next } g && /^```/ { exit } g { print }' "$DOC"
}
# Config lines: not blank, not a comment, not a section header.
count_lines() {
    grep -c '^[^;[ ]' "$1"
}
# The canonical rows of dataset $2 in database $1, as expected-*.txt holds them.
rows() {
    case $2 in
    teilnahmen) q="SELECT fall_id, kommune, geburtsjahr, geschlecht, staatsangehoerigkeit, aufenthaltsstatus,
        leistungsbezug, deutsch_eintritt, deutsch_austritt, schulabschluss, bedarfe, baustein, traeger, eintritt,
        austritt, verbleib, verbleib_datum, abschluss_erreicht, pruefung FROM teilnahmen
        ORDER BY fall_id, baustein, eintritt" ;;
    angebote) q="SELECT angebot_id, baustein, titel, traeger, kommune, bedarfe, zugang, plaetze, beginn, ende
        FROM angebote ORDER BY angebot_id" ;;
    mittel) q="SELECT jahr, baustein, printf('%.2f', bewilligt), printf('%.2f', verausgabt) FROM mittel
        ORDER BY jahr, baustein" ;;
    esac
    sqlite3 "$1" "$q"
}
# Loads corpus file $1 (name without .csv) with config $2: every row right, none rejected.
loads_right() {
    ds=${1##*-}
    rm -f "$1.db"
    durchblick-ingest --config "$2" --db "$1.db" --dataset "$ds" "$C/$1.csv" 2>"$1.err" || {
        echo "$1: exit $?"; cat "$1.err"; return 1; }
    test "$(sqlite3 "$1.db" "select zeilen_abgewiesen from lieferungen")" = 0 || {
        echo "$1: rejected rows"; sqlite3 "$1.db" "select zeile, feld, wert, grund from abweisungen limit 5"; return 1; }
    rows "$1.db" "$ds" >"$1.rows" && cmp "$1.rows" "$C/expected-$ds.txt" || {
        echo "$1: rows differ"; diff "$1.rows" "$C/expected-$ds.txt" | head -5; return 1; }
}

test_expect_success 'the corpus is what make_corpus.py writes (tool writers cite their sources)' '
    $PY "$REPO/tests/corpus/make_corpus.py" gen &&
    for f in gen/*; do cmp "$f" "$C/${f#gen/}" || return 1; done &&
    test "$(ls gen | wc -l)" = 39
'

test_expect_success 'the templates are what durchblick-templates makes from the codebook' '
    durchblick-templates --config "$CONFIG" --out tpl &&
    for f in tpl/*; do cmp "$f" "$REPO/templates/kreis-herford/${f#tpl/}" || return 1; done &&
    test "$(ls tpl | wc -l)" = 4
'

test_expect_success 'templates: XLSForm names are the codebook fields, LimeSurvey codes too' '
    $PY -c "
import openpyxl, sys
ws = openpyxl.load_workbook(\"$REPO/templates/kreis-herford/durchblick-teilnahmen.xlsx\")[\"survey\"]
names = [r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[0] not in (\"start\", \"end\")]
assert names[:3] == [\"fall_id\", \"kommune\", \"geburtsjahr\"] and len(names) == 19, names
" &&
    xmllint --xpath "count(//questions/rows/row)" "$REPO/templates/kreis-herford/durchblick-teilnahmen.lss" >n &&
    test "$(cat n)" = 19 &&
    grep -q "<title><!\[CDATA\[fallid\]\]></title>" "$REPO/templates/kreis-herford/durchblick-teilnahmen.lss"
'

for f in template-kobo-labels template-kobo-xml template-odk; do
    for ds in teilnahmen angebote mittel; do
        test_expect_success "template export $f-$ds loads with the shipped config and zero lines" "
            loads_right $f-$ds \"\$CONFIG\"
        "
    done
done
test_expect_success 'template export of LimeSurvey (codes, full answers, N/A for hidden questions) loads with zero lines' '
    loads_right template-limesurvey-teilnahmen "$CONFIG"
'

test_expect_success 'Excel (accounting format, totals row) and LibreOffice German load with zero lines' '
    loads_right excel-mittel "$CONFIG" &&
    grep -q "excel-mittel.csv:8: warning: a totals row (.Summe.): skipped" excel-mittel.err &&
    grep -q "1 totals rows (Summe, Gesamt) skipped" excel-mittel.err &&
    loads_right excel-angebote "$CONFIG" &&
    for ds in teilnahmen angebote mittel; do loads_right libreoffice-de-$ds "$CONFIG" || return 1; done
'

# tool files -> the docs block they load with, and its number of lines
for spec in "labels 20 kobo-labels google-forms limesurvey-full" "xml 27 kobo-xml odk odk-split" \
    "limesurvey-codes 85 limesurvey-codes" "libreoffice-us 1 libreoffice-us"; do
    set -- $spec
    name=$1 n=$2
    shift 2
    test_expect_success "docs/config.md shows $n lines for '$name', and $* load with them, every row right" "
        block $name >block-$name.ini && test \$(count_lines block-$name.ini) = $n &&
        config_with_block \"\$CONFIG\" block-$name.ini >cfg-$name.ini &&
        for t in $*; do for ds in teilnahmen angebote mittel; do
            loads_right \$t-\$ds cfg-$name.ini || return 1
        done; done
    "
done

test_expect_success 'without its line a US-locale export is refused row by row, naming the setting' '
    test_exit_code 1 durchblick-ingest --config "$CONFIG" --db us.db --dataset teilnahmen "$C/libreoffice-us-teilnahmen.csv" 2>err &&
    test "$(sqlite3 us.db "select count(*) from teilnahmen")" = 0 &&
    grep -q "date_order = mdy" err
'

test_expect_success 'tool metadata never becomes a field: no response number as fall_id' '
    durchblick-ingest --config "$CONFIG" --db meta.db --dataset teilnahmen \
        "$C/template-limesurvey-teilnahmen.csv" "$C/template-kobo-xml-teilnahmen.csv" \
        "$C/template-odk-teilnahmen.csv" 2>err &&
    test "$(sqlite3 meta.db "select count(*) from teilnahmen where fall_id not like \"KH-%\"")" = 0 &&
    grep -q "7 columns of LimeSurvey.s own" err && grep -q "of KoboToolbox.s own" err &&
    grep -q "of ODK Central.s own" err
'

for t in kobo-labels google-forms limesurvey-full; do
    test_expect_success "--suggest on $t: the proposed config loads every row right, no TODO left" "
        durchblick-ingest --config \"\$CONFIG\" --suggest s-$t.ini \"\$C/$t-teilnahmen.csv\" \
            \"\$C/$t-angebote.csv\" \"\$C/$t-mittel.csv\" 2>err-$t &&
        grep -q 'lines proposed, 0 left as TODO' err-$t &&
        ! grep -q '^; TODO' s-$t.ini &&
        for ds in teilnahmen angebote mittel; do loads_right $t-\$ds s-$t.ini || return 1; done
    "
done

test_expect_success '--suggest keeps the config, adds lines in their sections, each after its reason' '
    durchblick-ingest --config "$CONFIG" --suggest s.ini "$C/kobo-labels-teilnahmen.csv" 2>/dev/null &&
    diff "$CONFIG" s.ini | grep "^>" | sed "s/^> //" >added &&
    test "$(grep -vc "^;" added)" -gt 0 &&
    awk "/^;/ { c = 1; next } c == 0 { exit 1 } { c = 0 }" added &&
    grep -q "^; value .Duldung (§ 60a AufenthG). of aufenthaltsstatus (17 rows, first in line 2)" added &&
    awk "/^\[values.aufenthaltsstatus\]/ { s = 1 } /^\[/ && !/aufenthaltsstatus/ { s = 0 }
         s && /^Duldung \(§ 60a AufenthG\) = duldung/ { ok = 1 } END { exit !ok }" s.ini &&
    test "$(diff "$CONFIG" s.ini | grep -c "^<")" = 0
'

test_expect_success '--suggest on code exports lists what it cannot decide as TODOs, and the result still reads (its rows wait for the TODO kommune codes)' '
    durchblick-ingest --config "$CONFIG" --suggest c.ini "$C/limesurvey-codes-teilnahmen.csv" 2>err &&
    grep -q "^; TODO value .A2. of kommune (8 rows, first in line 2)" c.ini &&
    grep -q "^; TODO column 18 .bedarf\[SQ001\].: which member of bedarfe is option .SQ001.?" c.ini &&
    test_exit_code 1 durchblick-ingest --config c.ini --db c.db "$C/limesurvey-codes-teilnahmen.csv" 2>err2 &&
    ! grep -q "c.ini:[0-9]" err2 && grep -q "kommune" err2
'

test_expect_success '--suggest never proposes a metadata column or an identifier as a field' '
    printf "_id,_uuid,Name,Fallnummer,Wohnort,Geburtsjahr,Status,Eintritt,Förderbaustein\n1,u1,Max,F1,Herford,2000,Duldung,2022-01-01,1\n" >m.csv &&
    durchblick-ingest --config "$CONFIG" --suggest m.ini m.csv 2>/dev/null &&
    ! diff "$CONFIG" m.ini | grep "^> [^;]" | grep -i "^> \(_id\|_uuid\|name\) " &&
    script -qc "durchblick-ingest --config \"$CONFIG\" --suggest m2.ini m.csv" /dev/null >table &&
    grep -q "Name .*refused: names an identifier (Name)" table &&
    grep -q "_uuid .*ignored (KoboToolbox.s own column)" table &&
    grep -q "Fallnummer .*-> fall_id" table
'

test_expect_success '--suggest on a terminal prints a table per file: column -> field, then unrecognised values' '
    script -qc "durchblick-ingest --config \"$CONFIG\" --suggest t.ini \"$C/kobo-labels-teilnahmen.csv\"" /dev/null >table &&
    grep -q "kobo-labels-teilnahmen.csv (teilnahmen, KoboToolbox, 42 rows)" table &&
    grep -q "_submission_time .*ignored (KoboToolbox.s own column)" table &&
    grep -q "values not recognised:" table &&
    grep -q "aufenthaltsstatus *Duldung (§ 60a AufenthG) *17 x" table &&
    durchblick-ingest --config "$CONFIG" --suggest t2.ini "$C/kobo-labels-teilnahmen.csv" >notty 2>/dev/null &&
    test ! -s notty
'

test_expect_success 'correction loop: load, fix the config, load again: the rows come in, old rejects superseded' '
    durchblick-ingest --config "$CONFIG" --db loop.db "$C/google-forms-teilnahmen.csv" 2>err1 &&
    before=$(sqlite3 loop.db "select count(*) from teilnahmen") &&
    test "$before" -lt 42 &&
    test "$(sqlite3 loop.db "select count(*) from abweisungen")" -gt 0 &&
    sqlite3 loop.db "select count(*) from abweisungen where grund like \"%unbekannt%\"" >/dev/null &&
    durchblick-ingest --config "$CONFIG" --suggest fixed.ini "$C/google-forms-teilnahmen.csv" 2>/dev/null &&
    durchblick-ingest --config fixed.ini --db loop.db "$C/google-forms-teilnahmen.csv" 2>err2 &&
    grep -q "read again: the config.s mapping changed since lieferung 1" err2 &&
    test "$(sqlite3 loop.db "select count(*) from teilnahmen")" = 42 &&
    test "$(sqlite3 loop.db "select count(*) from lieferungen")" = 2 &&
    test "$(sqlite3 loop.db "select count(*) from abweisungen where ersetzt_durch is null")" = 0 &&
    test "$(sqlite3 loop.db "select count(*) from abweisungen where ersetzt_durch = 2")" = "$(sqlite3 loop.db "select zeilen_abgewiesen from lieferungen where id = 1")" &&
    test "$(sqlite3 loop.db "select ersetzt_durch from lieferungen where id = 1")" = 2 &&
    rows loop.db teilnahmen | cmp - "$C/expected-teilnahmen.txt" &&
    durchblick-ingest --config fixed.ini --db loop.db "$C/google-forms-teilnahmen.csv" 2>err3 &&
    grep -q "already loaded as lieferung 2 (same SHA-256, same mapping): nothing changed" err3 &&
    test "$(sqlite3 loop.db "select count(*) from lieferungen")" = 2
'

test_expect_success 'a config change outside the mapping (report title, comments, line order) is the same batch' '
    durchblick-ingest --config "$CONFIG" --db same.db "$C/excel-mittel.csv" 2>/dev/null &&
    { sed "s/^title = .*/title = Ein anderer Titel/" "$CONFIG"; echo "; a comment"; } >other.ini &&
    durchblick-ingest --config other.ini --db same.db "$C/excel-mittel.csv" 2>err &&
    grep -q "nothing changed" err &&
    awk "/^Bewilligt \(EUR\) = bewilligt/ { held = \$0; next } { print } /^Bewilligte Mittel = / { print held }" \
        "$CONFIG" >moved.ini &&
    ! cmp -s "$CONFIG" moved.ini &&
    durchblick-ingest --config moved.ini --db same.db "$C/excel-mittel.csv" 2>err &&
    grep -q "nothing changed" err &&
    test "$(sqlite3 same.db "select count(*) from lieferungen")" = 1 &&
    echo "Summe der Mittel = verausgabt" >extra.ini &&
    sed "/^\[columns.mittel\]/r extra.ini" "$CONFIG" >changed.ini &&
    durchblick-ingest --config changed.ini --db same.db "$C/excel-mittel.csv" 2>err &&
    grep -q "read again" err &&
    test "$(sqlite3 same.db "select count(*) from lieferungen")" = 2
'

test_expect_success 'the reports count only the current rejects (superseded ones stay queryable)' '
    durchblick-transform --config fixed.ini --db loop.db 2>/dev/null &&
    test "$(sqlite3 loop.db "select count(*) from kennzahlen where kennzahl = \"abgewiesen\" and wert > 0")" = 0 &&
    test "$(sqlite3 loop.db "select lieferungen from laeufe")" = 2
'

test_done

#!/bin/sh
# Workbooks (.xlsx) and Excel's "Unicode-Text" load like the CSV they were made
# from: exactly the same canonical rows. The workbooks come from the tools that
# write them: LibreOffice (tests/fixtures/xlsx, made by make-fixtures.sh from the
# shipped samples; tests/full/f220 makes them again), XlsxWriter and openpyxl
# (here, by tests/e2e/xlsx_make.py), and Excel's own format written from its
# documented structure (no Excel on this machine). Then what must be refused, and
# hostile workbooks: each refused with a message that says why, in bounded memory.
. "$(dirname "$0")/lib.sh"
S=$REPO/samples/data
F=$REPO/tests/fixtures/xlsx
MAKE="/usr/bin/python3 $REPO/tests/e2e/xlsx_make.py"
# A part of a zip archive on stdout: zipcat ZIP PART
zipcat() { /usr/bin/python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$@"; }

# Loads XLSX and CSV into fresh databases; the same rows? same_rows DATASET XLSX CSV [CONFIG]
same_rows() {
	ds=$1 x=$2 c=$3 cfg=${4:-$CONFIG}
	rm -f same-x.db same-c.db
	durchblick-ingest --config "$cfg" --db same-x.db --dataset "$ds" "$x" 2>same-x.err &&
	durchblick-ingest --config "$cfg" --db same-c.db --dataset "$ds" "$c" 2>same-c.err &&
	dataset_rows same-x.db "$ds" >same-x.rows && dataset_rows same-c.db "$ds" >same-c.rows &&
	test -s same-c.rows && cmp same-x.rows same-c.rows &&
	test "$(sqlite3 same-x.db "select zeilen_abgewiesen from lieferungen")" = "$(sqlite3 same-c.db "select zeilen_abgewiesen from lieferungen")"
}
peak_kb() { tail -n 1 "$1" | cut -d" " -f1; }
BOUNDS=1
if [ "${DURCHBLICK_VALGRIND:-0}" = 1 ] || ldd "$BIN/durchblick-ingest" 2>/dev/null | grep -q libasan; then
	BOUNDS=0
fi
below_kb() { [ "$BOUNDS" = 0 ] || [ "$(peak_kb "$1")" -lt "$2" ]; }
measured() { out=$1; shift; /usr/bin/time -f '%M %e' -o "$out" durchblick-ingest --config "$CONFIG" "$@"; }

test_expect_success 'LibreOffice workbooks of the samples load to the rows of their CSV (1900 and 1904 date systems)' '
	same_rows teilnahmen "$F/lo-teilnahmen-kreis-herford.xlsx" "$S/teilnahmen-kreis-herford.csv" &&
	test "$(wc -l <same-x.rows)" = 600 &&
	grep -q "lo-teilnahmen-kreis-herford.xlsx\[lo-teilnahmen-kreis-herford\]: teilnahmen, xlsx, 600 rows read, 600 loaded" same-x.err &&
	same_rows teilnahmen "$F/lo-teilnahmen-kreis-herford-1904.xlsx" "$S/teilnahmen-kreis-herford.csv" &&
	same_rows teilnahmen "$F/lo-teilnahmen-survey.xlsx" "$S/dialects/teilnahmen-survey.csv" &&
	same_rows teilnahmen "$F/lo-teilnahmen-canonical.xlsx" "$S/dialects/teilnahmen-canonical.csv" &&
	same_rows angebote "$F/lo-angebote-kreis-herford.xlsx" "$S/angebote-kreis-herford.csv" &&
	test "$(wc -l <same-x.rows)" = 40 &&
	same_rows mittel "$F/lo-mittel-kreis-herford.xlsx" "$S/mittel-kreis-herford.csv" &&
	test "$(sqlite3 same-x.db "select bewilligt || \" \" || verausgabt from mittel where jahr = 2020 and baustein = 1")" = "224200.0 175099.92"
'

test_expect_success 'the 1904 workbook really is one: its serials are 1462 days smaller, its dates the same' '
	zipcat "$F/lo-teilnahmen-kreis-herford-1904.xlsx" xl/workbook.xml | grep -q "date1904=\"true\"" &&
	zipcat "$F/lo-teilnahmen-kreis-herford.xlsx" xl/worksheets/sheet1.xml | grep -o "<c r=\"D2\" s=\"[0-9]*\" t=\"n\"><v>[0-9]*" >d1900 &&
	zipcat "$F/lo-teilnahmen-kreis-herford-1904.xlsx" xl/worksheets/sheet1.xml | grep -o "<c r=\"D2\" s=\"[0-9]*\" t=\"n\"><v>[0-9]*" >d1904 &&
	test $(( $(sed "s/.*<v>//" d1900) - $(sed "s/.*<v>//" d1904) )) = 1462
'

test_expect_success 'XlsxWriter (inline strings, formula results, booleans, sparse cells, an empty row) on a sheet the config names' '
	$MAKE xlsxwriter "$S/dialects/teilnahmen-canonical.csv" xw.xlsx &&
	sed "s/^\[input\]/[input]\nsheet.teilnahmen = Teilnahmen/" "$CONFIG" >sheet.ini &&
	same_rows teilnahmen xw.xlsx "$S/dialects/teilnahmen-canonical.csv" sheet.ini &&
	test "$(wc -l <same-x.rows)" = 300 &&
	zipcat xw.xlsx xl/worksheets/sheet2.xml >xw.xml &&
	grep -q "t=\"inlineStr\"" xw.xml && grep -q "<f>" xw.xml && grep -q "t=\"b\"" xw.xml &&
	! grep -q "<row r=\"6\"" xw.xml &&
	test "$(sqlite3 same-x.db "select min(zeile) || \" \" || max(zeile) from teilnahmen")" = "2 302"
'

test_expect_success 'without the sheet key the first visible sheet is read, and the message names it' '
	test_must_fail durchblick-ingest --config "$CONFIG" --db nosheet.db xw.xlsx 2>err &&
	grep -q "^durchblick-ingest: xw.xlsx\[Hinweise\]:1: fall_id: required column missing" err
'

test_expect_success 'a sheet the config names that the workbook lacks: refused, listing its sheets' '
	sed "s/^\[input\]/[input]\nsheet = Daten 2022/" "$CONFIG" >missing.ini &&
	test_must_fail durchblick-ingest --config missing.ini --db miss.db xw.xlsx 2>err &&
	grep -q "^durchblick-ingest: xw.xlsx: the workbook has no sheet .Daten 2022. (the config.s \[input\] sheet); its sheets: .Hinweise., .Teilnahmen.$" err &&
	test "$(sqlite3 miss.db "select count(*) from lieferungen")" = 0
'

test_expect_success 'openpyxl in the 1904 date system, dates with a time of day' '
	$MAKE openpyxl "$S/dialects/teilnahmen-canonical.csv" op.xlsx &&
	zipcat op.xlsx xl/workbook.xml | grep -q "date1904=\"1\"" &&
	same_rows teilnahmen op.xlsx "$S/dialects/teilnahmen-canonical.csv"
'

test_expect_success 'Excel'"'"'s own format (1900 and 1904, shared strings with rich text and phonetics, money format)' '
	$MAKE excel "$S/teilnahmen-kreis-herford.csv" ex.xlsx &&
	same_rows teilnahmen ex.xlsx "$S/teilnahmen-kreis-herford.csv" &&
	$MAKE excel "$S/teilnahmen-kreis-herford.csv" ex1904.xlsx 1904 &&
	same_rows teilnahmen ex1904.xlsx "$S/teilnahmen-kreis-herford.csv" &&
	$MAKE excel "$S/mittel-kreis-herford.csv" exm.xlsx 1904 &&
	same_rows mittel exm.xlsx "$S/mittel-kreis-herford.csv" &&
	zipcat exm.xlsx xl/worksheets/sheet1.xml | grep -q "<v>175099.92</v>"
'

test_expect_success 'Unicode-Text (UTF-16LE and BE with BOM, tabs) and UTF-8 tab text load like the CSV' '
	$MAKE unicode-text "$S/teilnahmen-kreis-herford.csv" ut.txt &&
	head -c 2 ut.txt | od -An -tx1 | grep -q "ff fe" &&
	same_rows teilnahmen ut.txt "$S/teilnahmen-kreis-herford.csv" &&
	test "$(sqlite3 same-x.db "select kodierung || \" \" || trennzeichen from lieferungen")" = "utf-16le \\t" &&
	$MAKE unicode-text "$S/mittel-kreis-herford.csv" utbe.txt be &&
	same_rows mittel utbe.txt "$S/mittel-kreis-herford.csv" &&
	test "$(sqlite3 same-x.db "select kodierung from lieferungen")" = "utf-16be" &&
	tail -c +3 ut.txt | iconv -f UTF-16LE -t UTF-8 >u8tab.txt &&
	same_rows teilnahmen u8tab.txt "$S/teilnahmen-kreis-herford.csv"
'

test_expect_success 'the batch SHA-256 is of the .xlsx bytes; the same workbook again changes nothing; standard input works' '
	ingest sha.db --dataset mittel "$F/lo-mittel-kreis-herford.xlsx" 2>/dev/null &&
	test "$(sqlite3 sha.db "select sha256 || \" \" || kodierung || \" [\" || trennzeichen || \"]\" from lieferungen")" = \
	     "$(sha256sum "$F/lo-mittel-kreis-herford.xlsx" | cut -d" " -f1) xlsx []" &&
	ingest sha.db --dataset mittel "$F/lo-mittel-kreis-herford.xlsx" 2>err &&
	grep -q "already loaded as lieferung 1 (same SHA-256, same mapping): nothing changed" err &&
	ingest stdin.db --dataset mittel - <"$F/lo-mittel-kreis-herford.xlsx" 2>err &&
	grep -q "^durchblick-ingest: -\[lo-mittel-kreis-herford\]: mittel, xlsx, 24 rows read, 24 loaded" err &&
	test "$(sqlite3 stdin.db "select sha256 from lieferungen")" = "$(sha256sum "$F/lo-mittel-kreis-herford.xlsx" | cut -d" " -f1)"
'

test_expect_success 'an error value rejects only a row that uses it, naming field, value and sheet row; a formula without result warns' '
	$MAKE errors err.xlsx &&
	ingest errv.db err.xlsx 2>err &&
	test "$(sqlite3 errv.db "select zeilen_gelesen || \"/\" || zeilen_geladen || \"/\" || zeilen_abgewiesen from lieferungen")" = 3/2/1 &&
	test "$(sqlite3 -separator " " errv.db "select zeile, feld, wert, grund from abweisungen")" = \
	     "3 geburtsjahr #N/A Fehlerwert der Tabellenkalkulation statt eines Werts (Formel in der Arbeitsmappe prüfen)" &&
	grep -q "1 x geburtsjahr: Fehlerwert der Tabellenkalkulation .* (line 3; .#N/A.)" err &&
	grep -q "^durchblick-ingest: err.xlsx\[Teilnahmen\]: warning: 1 formula cells have no saved result (first G4)" err
'

test_expect_success 'durchblick run takes workbooks of all three datasets' '
	durchblick run --config "$CONFIG" --db run.db --out out "$F/lo-teilnahmen-kreis-herford.xlsx" \
		"$F/lo-angebote-kreis-herford.xlsx" "$F/lo-mittel-kreis-herford.xlsx" >run.out 2>run.err &&
	test "$(sqlite3 run.db "select group_concat(datensatz || \":\" || zeilen_geladen) from (select * from lieferungen order by id)")" = \
	     "teilnahmen:600,angebote:40,mittel:24" &&
	ls out/*.pdf out/*.xlsx >/dev/null
'

test_expect_success 'an .xls, an .ods, a password-protected workbook, a plain zip: refused, saying how to save them' '
	test_must_fail ingest r1.db "$F/lo-mittel-kreis-herford.xls" 2>err &&
	grep -q "lo-mittel-kreis-herford.xls: an Excel 97-2003 workbook (.xls): durchblick reads .xlsx and CSV; save it as" err &&
	test_must_fail ingest r2.db "$F/lo-mittel-kreis-herford.ods" 2>err &&
	grep -q "lo-mittel-kreis-herford.ods: an OpenDocument spreadsheet (.ods): durchblick reads .xlsx and CSV; in LibreOffice use File > Save As" err &&
	$MAKE encrypted secret.xlsx &&
	test_must_fail ingest r3.db secret.xlsx 2>err &&
	grep -q "secret.xlsx: password-protected (encrypted) workbook: durchblick cannot read it; open it in Excel, remove the password" err &&
	printf "fall_id\nP1\n" >inner.csv && /usr/bin/python3 -c "import zipfile; zipfile.ZipFile(\"exports.zip\", \"w\").write(\"inner.csv\")" &&
	test_must_fail ingest r4.db exports.zip 2>err &&
	grep -q "exports.zip: a zip archive that is not an Excel workbook (it has no \[Content_Types\].xml): if it holds exports, unpack it" err &&
	cp "$F/lo-mittel-kreis-herford.xlsx" named-like-a.csv &&
	ingest r5.db --dataset mittel named-like-a.csv 2>err && grep -q "24 loaded" err &&
	for db in r1 r2 r3 r4; do test "$(sqlite3 $db.db "select count(*) from lieferungen")" = 0 || return 1; done
'

# Hostile workbooks, built from the LibreOffice mittel workbook by a few lines of Python.
hostile() { # MODE OUT
	/usr/bin/python3 - "$F/lo-mittel-kreis-herford.xlsx" "$@" <<'PY'
import struct, sys, zipfile
src, mode, out = sys.argv[1:4]
zin = zipfile.ZipFile(src)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == "xl/sharedStrings.xml" and mode == "laughs":
            lol = b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">' + b"".join(
                b'<!ENTITY %c "%s">' % (98 + k, (b"&%c;" % (97 + k)) * 10) for k in range(9)) + b"]>"
            data = data.replace(b"?>", b"?>" + lol, 1).replace(b"<t>", b"<t>&j;", 1)
        if info.filename == "xl/worksheets/sheet1.xml" and mode in ("ratio", "lie"):
            data = data.replace(b"</sheetData>", b"<x/>" * (20000000 if mode == "ratio" else 1000) + b"</sheetData>")
        z.writestr(info.filename, data)
if mode in ("lie", "declared"):
    b = bytearray(open(out, "rb").read())
    name = b"xl/worksheets/sheet1.xml" if mode == "lie" else b"[Content_Types].xml"
    size = 1000 if mode == "lie" else 100000000
    for sig, name_at, size_at, len_at in ((b"PK\3\4", 30, 22, 26), (b"PK\1\2", 46, 24, 28)):
        i = b.find(sig)
        while i >= 0:
            n = struct.unpack("<H", b[i + len_at:i + len_at + 2])[0]
            if bytes(b[i + name_at:i + name_at + n]) == name:
                struct.pack_into("<I", b, i + size_at, size)
            i = b.find(sig, i + 4)
    open(out, "wb").write(b)
PY
}

test_expect_success 'entities (a billion laughs in the shared strings): refused before parsing, in small memory' '
	hostile laughs laughs.xlsx &&
	test_must_fail measured laughs.rss --db h1.db --dataset mittel laughs.xlsx 2>err &&
	grep -q "^durchblick-ingest: laughs.xlsx\[lo-mittel-kreis-herford\]: xl/sharedStrings.xml: xml with a document type declaration (DTD, entities): not written by a spreadsheet program, refused" err &&
	below_kb laughs.rss 20000
'

test_expect_success 'zip bombs: a part larger than its declared size, a declared size over the cap, an expansion no export has' '
	hostile lie lie.xlsx &&
	test_must_fail ingest h2.db --dataset mittel lie.xlsx 2>err &&
	grep -q "xl/worksheets/sheet1.xml: holds more than the 1000 bytes the zip archive says: damaged, or made to deceive, refused" err &&
	hostile declared declared.xlsx &&
	test_must_fail ingest h3.db --dataset mittel declared.xlsx 2>err &&
	grep -q "declared.xlsx: \[Content_Types\].xml expands to 95 MiB, more than the 64 MiB durchblick reads of it" err &&
	hostile ratio ratio.xlsx &&
	test "$(stat -c %s ratio.xlsx)" -lt 200000 &&
	test_must_fail measured ratio.rss --db h4.db --dataset mittel ratio.xlsx 2>err &&
	grep -q "xl/worksheets/sheet1.xml: expands more than 200-fold (64 MiB so far from [0-9]* KiB)" err &&
	grep -q "ratio.xlsx: file refused: nothing of it was loaded" err &&
	test "$(sqlite3 h4.db "select count(*) from mittel")" = 0 &&
	below_kb ratio.rss 30000
'

test_done

#!/bin/sh
# The LibreOffice workbooks of t220, made again by today's LibreOffice
# (tests/fixtures/xlsx/make-fixtures.sh: the shipped samples opened in Calc with a
# German locale and saved as .xlsx, a 1904-date-system copy, .xls, .ods): each
# .xlsx loads to exactly the rows of its CSV, the others are refused. Slow (about a
# minute of LibreOffice), so in make check-full, not make check.
. "$(dirname "$0")/../e2e/lib.sh"
S=$REPO/samples/data

same_rows() { # DATASET XLSX CSV
	rm -f x.db c.db
	ingest x.db --dataset "$1" "$2" 2>x.err && ingest c.db --dataset "$1" "$3" 2>c.err &&
	dataset_rows x.db "$1" >x.rows && dataset_rows c.db "$1" >c.rows && test -s c.rows && cmp x.rows c.rows
}

test_expect_success 'LibreOffice makes the workbooks of the samples' '
	sh "$REPO/tests/fixtures/xlsx/make-fixtures.sh" lo >make.log 2>&1 &&
	test -s lo/lo-teilnahmen-kreis-herford-1904.xlsx && test -s lo/lo-mittel-kreis-herford.ods
'

test_expect_success 'each loads to the rows of its CSV, in both date systems' '
	same_rows teilnahmen lo/lo-teilnahmen-kreis-herford.xlsx "$S/teilnahmen-kreis-herford.csv" &&
	test "$(wc -l <x.rows)" = 600 &&
	same_rows teilnahmen lo/lo-teilnahmen-kreis-herford-1904.xlsx "$S/teilnahmen-kreis-herford.csv" &&
	same_rows teilnahmen lo/lo-teilnahmen-survey.xlsx "$S/dialects/teilnahmen-survey.csv" &&
	same_rows teilnahmen lo/lo-teilnahmen-canonical.xlsx "$S/dialects/teilnahmen-canonical.csv" &&
	same_rows angebote lo/lo-angebote-kreis-herford.xlsx "$S/angebote-kreis-herford.csv" &&
	same_rows mittel lo/lo-mittel-kreis-herford.xlsx "$S/mittel-kreis-herford.csv"
'

test_expect_success 'its .xls and .ods are refused, saying how to save them' '
	test_must_fail ingest r.db lo/lo-mittel-kreis-herford.xls 2>err && grep -q "an Excel 97-2003 workbook (.xls)" err &&
	test_must_fail ingest r.db lo/lo-mittel-kreis-herford.ods 2>err && grep -q "an OpenDocument spreadsheet (.ods)" err
'

test_done

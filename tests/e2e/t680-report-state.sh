#!/bin/sh
# What the report shows is said, never guessed: report before any transform
# run is an error (exit 1); it shows the last transform run, says which period
# that is and warns when the config's [period] differs (it used to take the
# config's silently, showing an older run or an empty report); a period
# without participations is said so plainly by transform, report and the PDF;
# German and English reports have different file names.
. "$(dirname "$0")/lib.sh"
S=$REPO/samples/data

test_expect_success 'setup: the samples loaded' '
	ingest s.db "$S"/teilnahmen-kreis-herford.csv "$S"/mittel-kreis-herford.csv 2>/dev/null &&
	test "$(sqlite3 s.db "select count(*) from laeufe")" = 0
'

test_expect_success 'report before any transform run: exit 1, says so, writes nothing' '
	test_must_fail durchblick-report --config "$CONFIG" --db s.db --out none >list 2>err &&
	grep -q "^durchblick-report: s.db: no transform run in the database yet: run durchblick-transform first" err &&
	! test -s list && test -z "$(ls -A none 2>/dev/null)"
'

test_expect_success 'report shows the last transform run and says which period, not the config'"'"'s silently' '
	durchblick-transform --config "$CONFIG" --db s.db 2>/dev/null &&
	durchblick-transform --config "$CONFIG" --db s.db --from 2022-01-01 --to 2022-06-30 2>/dev/null &&
	durchblick-report --config "$CONFIG" --db s.db --out half >list 2>err &&
	grep -q "^half/sitzungsbericht-kreis-herford-2022-01-01-2022-06-30.pdf$" list && test "$(wc -l <list)" = 4 &&
	grep -q "s.db: figures of transform run 2 (.*) for the period 2022-01-01 to 2022-06-30" err &&
	grep -q "warning: \[period\] is 2022-01-01 to 2022-12-31, but the last transform run was for 2022-01-01 to 2022-06-30" err &&
	pdftotext -layout half/sitzungsbericht-kreis-herford-2022-01-01-2022-06-30.pdf h.txt &&
	grep -q "01.01.2022 – 30.06.2022" h.txt
'

test_expect_success 'a period without participations: transform, report and the PDF say so plainly' '
	durchblick-transform --config "$CONFIG" --db s.db --from 2010-01-01 --to 2010-12-31 2>err &&
	grep -q "^durchblick-transform: s.db: warning: the period 2010-01-01 to 2010-12-31 holds no participation" err &&
	durchblick-report --config "$CONFIG" --db s.db --out empty >list 2>err &&
	grep -q "warning: the period 2010-01-01 to 2010-12-31 holds no participation" err &&
	pdftotext -layout empty/sitzungsbericht-kreis-herford-2010.pdf e.txt &&
	grep -q "Im Berichtszeitraum liegen keine Teilnahmen vor" e.txt
'

test_expect_success 'German and English reports have different file names: both stay in one folder' '
	durchblick-transform --config "$CONFIG" --db s.db 2>/dev/null &&
	sed "s/^language = .*/language = en/" "$CONFIG" >en.ini &&
	durchblick-report --config "$CONFIG" --db s.db --out both >de.list 2>/dev/null &&
	durchblick-report --config en.ini --db s.db --out both >en.list 2>/dev/null &&
	test "$(cat de.list en.list | sort -u | wc -l)" = 8 && test "$(ls both | wc -l)" = 8 &&
	grep -q "^both/meeting-report-kreis-herford-2022.pdf$" en.list &&
	grep -q "^both/funding-evidence-kreis-herford-2022.xlsx$" en.list &&
	pdftotext both/sitzungsbericht-kreis-herford-2022.pdf de.txt && grep -q "Sitzungsbericht" de.txt &&
	pdftotext both/meeting-report-kreis-herford-2022.pdf en.txt && grep -q "Meeting report" en.txt
'

test_done

#!/bin/sh
# Terminal messages and --help are German when the locale (LC_ALL, LC_MESSAGES,
# LANG) or the config's [report] language is German, English otherwise;
# LANGUAGE, when set, decides alone (gettext's own override, used here to pin
# the language). The German catalogue po/de.po is compiled next to the programs
# and installed with them; every message marked in the sources is translated.
. "$(dirname "$0")/lib.sh"
unset LANGUAGE LC_ALL LC_MESSAGES LANG
S=$REPO/samples/data
F=$REPO/tests/fixtures/xlsx
EN=$TRASH/en.ini

test_expect_success 'setup: a config in English, a file with a rejected row' '
	sed "s/^language = .*/language = en/" "$CONFIG" >"$EN" &&
	write_good_csv good.csv && { cat good.csv; echo "X1,Köln,2000,w,SYR,duldung,,1,2022-01-10,,"; } >x-teilnahmen.csv
'

test_expect_success '--help of all five programs: German with LANGUAGE=de, English with LANGUAGE=en' '
	for p in durchblick-ingest durchblick-transform durchblick-report durchblick-samples durchblick; do
		LANGUAGE=de $p --help >de.txt && grep -q "^Aufruf: " de.txt && grep -q "Exit-Status" de.txt &&
		LANGUAGE=en $p --help >en.txt && grep -q "^usage: " en.txt && grep -q "Exit status" en.txt || { echo "$p"; return 1; }
	done
'

test_expect_success 'a German locale gives German messages, also when it is not installed; C gives English' '
	test_exit_code 2 env LC_ALL=de_DE.UTF-8 durchblick-report --config 2>err && grep -q "^durchblick-report: Option .--config. braucht einen Wert" err &&
	grep -q "^siehe .durchblick-report --help." err &&
	test_exit_code 2 env LANG=de_AT.UTF-8 durchblick-transform --bogus 2>err && grep -q "unbekannte Option .--bogus." err &&
	test_exit_code 2 env LC_MESSAGES=de_DE.UTF-8 LANG=en_GB.UTF-8 durchblick-ingest --bogus 2>err && grep -q "unbekannte Option" err &&
	test_exit_code 2 env LC_ALL=C durchblick-transform --bogus 2>err && grep -q "unknown option .--bogus." err &&
	test_exit_code 2 env LANG=en_US.UTF-8 durchblick-transform --bogus 2>err && grep -q "unknown option" err
'

test_expect_success 'the config'"'"'s language de gives German messages under an English or C locale' '
	LANG=C.UTF-8 durchblick-ingest --config "$CONFIG" --db de.db x-teilnahmen.csv 2>err &&
	grep -q "^durchblick-ingest: x-teilnahmen.csv: teilnahmen, utf-8, 4 Zeilen gelesen, 3 geladen, 1 abgewiesen (Lieferung 1" err &&
	grep -q "^durchblick-ingest:         1 x kommune: Kommune gehört nicht zur Region der Konfiguration (Zeile 5; .Köln.)" err &&
	grep -q "^durchblick-ingest: x-teilnahmen.csv: Warnung: 1 von 4 Zeilen (25 %) wurden abgewiesen" err &&
	grep -q "wahrscheinliche Ursache: eine andere Region" err &&
	LANG=en_GB.UTF-8 durchblick-ingest --config "$EN" --db en.db x-teilnahmen.csv 2>err &&
	grep -q "4 rows read, 3 loaded, 1 rejected" err && grep -q "warning: 1 of 4 rows" err
'

test_expect_success 'LANGUAGE decides alone: English under a German locale and config, German under an English one' '
	LANGUAGE=en LC_ALL=de_DE.UTF-8 durchblick-ingest --config "$CONFIG" --db de.db x-teilnahmen.csv 2>err &&
	grep -q "already loaded as lieferung 1" err &&
	test_exit_code 2 env LANGUAGE=de LANG=C durchblick-transform --config "$EN" --db none.db --from 2022-13-01 2>err &&
	grep -q "^durchblick-transform: --from .2022-13-01. ist kein Datum JJJJ-MM-TT" err
'

test_expect_success 'config errors and messages of common/ in German' '
	printf "[region]\nname = X\nkommunen = A\nfarbe = blau\nkommunen = B\n" >bad.ini &&
	test_exit_code 2 env LANGUAGE=de durchblick-ingest --config bad.ini --db x.db good.csv 2>err &&
	grep -q "^durchblick-ingest: bad.ini:4: unbekannter Schlüssel .farbe. in \[region\]" err &&
	grep -q "^durchblick-ingest: bad.ini:5: kommunen ist in \[region\] zweimal gesetzt, zuerst in Zeile 3" err &&
	test_exit_code 2 env LANGUAGE=de durchblick-ingest --config "$CONFIG" --db de.db --rejects de.db good.csv 2>err &&
	grep -q "rejects nennt die Datenbank" err &&
	test_exit_code 1 env LANGUAGE=de durchblick-report --config "$CONFIG" --db fresh.db --out o 2>err &&
	grep -q "die Datenbank gibt es nicht: zuerst durchblick-ingest ausführen" err
'

test_expect_success 'durchblick run: the stages speak the language run chose (from the config)' '
	LANG=C.UTF-8 durchblick run --config "$CONFIG" --db run.db --out rout x-teilnahmen.csv >paths 2>err &&
	grep -q "^durchblick-ingest: .*Zeilen gelesen" err &&
	grep -q "^durchblick-report: run.db: Kennzahlen des Auswertungslaufs 1" err &&
	test_exit_code 1 env LANG=C.UTF-8 durchblick run --config "$CONFIG" --db run.db --out rout missing.csv 2>err &&
	grep -q "^durchblick: missing.csv: kann nicht lesen" err
'

test_expect_success 'messages of the workbook reader and of the loader in German: a missing sheet, an .ods, a formula without result, a file loaded twice' '
	sed "s/^\[input\]/[input]\nsheet = Daten 2022/" "$CONFIG" >sheet.ini &&
	test_must_fail env LANGUAGE=de durchblick-ingest --config sheet.ini --db wb.db "$F/lo-teilnahmen-kreis-herford.xlsx" 2>err &&
	grep -q "^durchblick-ingest: .*/lo-teilnahmen-kreis-herford.xlsx: die Arbeitsmappe hat kein Blatt .Daten 2022. (\[input\] sheet der Konfiguration); ihre Blätter: .lo-teilnahmen-kreis-herford.$" err &&
	test_must_fail env LANGUAGE=de durchblick-ingest --config "$CONFIG" --db wb.db "$F/lo-mittel-kreis-herford.ods" 2>err &&
	grep -q "lo-mittel-kreis-herford.ods: eine OpenDocument-Tabelle (.ods): durchblick liest .xlsx und CSV; in LibreOffice mit Datei > Speichern unter" err &&
	/usr/bin/python3 "$REPO/tests/e2e/xlsx_make.py" errors formel.xlsx &&
	LANGUAGE=de durchblick-ingest --config "$CONFIG" --db wb.db --dataset teilnahmen formel.xlsx 2>err &&
	grep -q "^durchblick-ingest: formel.xlsx\[Teilnahmen\]: Warnung: 1 Formelzellen haben kein gespeichertes Ergebnis (zuerst G4): sie werden als leer gelesen" err &&
	grep -q "^durchblick-ingest: formel.xlsx\[Teilnahmen\]:1: Warnung: Spalte 7 .notiz. steht weder im Codebuch noch in der Konfiguration: ignoriert$" err &&
	LANGUAGE=de durchblick-ingest --config "$CONFIG" --db wb.db --dataset teilnahmen formel.xlsx 2>err &&
	grep -q "^durchblick-ingest: formel.xlsx: bereits als Lieferung 1 geladen (gleiche SHA-256, gleiche Zuordnung): nichts geändert$" err &&
	! grep -q "already\|warning\|formula\|column" err
'

test_expect_success 'transform and report in German: the run summary and a report that cannot be written' '
	LANGUAGE=de durchblick-transform --config "$CONFIG" --db wb.db 2>err &&
	grep -q "^durchblick-transform: wb.db: [0-9]* Kennzahlen für .* und [0-9]* für den Vergleichszeitraum .* (Lauf 1); die Geheimhaltung hat [0-9]* Kennzahlen gesperrt" err &&
	: >afile &&
	test_must_fail env LANGUAGE=de durchblick-report --config "$CONFIG" --db wb.db --out afile 2>err &&
	grep -q "afile: den Ausgabepfad gibt es schon, und er ist kein Ordner" err
'

# make install from this tree, with the build the tests run (bin/ or build-asan/bin);
# binaries from elsewhere (an older build) are not installed over.
case "$BIN" in
"$REPO/bin") BUILD_DIR=build ;;
"$REPO"/*/bin) BUILD_DIR=$(dirname "${BIN#"$REPO"/}") ;;
*) BUILD_DIR= ;;
esac
if [ -n "$BUILD_DIR" ]; then
test_expect_success 'after make install the programs find the catalogue beside them' '
	make -s -C "$REPO" install DESTDIR="$TRASH/dest" PREFIX=/opt/db BIN="$BIN" BUILD="$BUILD_DIR" >/dev/null &&
	test -f "$TRASH/dest/opt/db/share/locale/de/LC_MESSAGES/durchblick.mo" &&
	LANGUAGE=de "$TRASH/dest/opt/db/bin/durchblick-ingest" --help | grep -q "^Aufruf: durchblick-ingest" &&
	LANGUAGE=de "$TRASH/dest/opt/db/bin/durchblick" --help | grep -q "^Aufruf: durchblick run"
'
else
echo "ok $((test_count += 1)) # skip make install: the programs under test are not built in this tree"
fi

test_expect_success 'every message marked in the sources has its German text in po/de.po' '
	cd "$REPO" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 \
		-o "$TRASH/all.pot" $(ls common/*.c ingest/*.c transform/*.c report/*.c run/*.c samples/*.c) &&
	msgmerge --quiet --no-fuzzy-matching -o "$TRASH/merged.po" po/de.po "$TRASH/all.pot" &&
	msgattrib --untranslated --no-obsolete "$TRASH/merged.po" >"$TRASH/untranslated.po" &&
	! grep -q "^msgid \"..*\"" "$TRASH/untranslated.po" &&
	msgfmt --check -o /dev/null po/de.po
'

test_expect_success 'no diag_error, diag_warn or diag_info call (or helper printing through them) passes an unmarked message' '
	cd "$REPO" && /usr/bin/python3 tests/e2e/messages_unmarked.py $(ls common/*.c ingest/*.c transform/*.c report/*.c run/*.c) >"$TRASH/unmarked" ||
	{ cat "$TRASH/unmarked"; return 1; }
'

test_done

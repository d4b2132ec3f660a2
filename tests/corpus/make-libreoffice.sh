#!/bin/sh
# Makes the LibreOffice Calc exports of the corpus with LibreOffice itself:
# a workbook of the canonical records (typed cells: dates with the locale's short
# date format, booleans, numbers; written by openpyxl) is saved as CSV by
# `soffice --headless --convert-to csv` once with a German (de-DE) and once with a
# US English (en-US) profile, "as shown" (filter token 9): dates 12.03.22 and
# 03/12/22, booleans WAHR/FALSCH and TRUE/FALSE, numbers 1.234,56 and 1,234.56.
# Usage: sh tests/corpus/make-libreoffice.sh OUTDIR   (needs libreoffice-calc-nogui; reads the
# canonical records tests/corpus/files/canonical-*.csv that make_corpus.py writes)
set -eu
out=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/durchblick-lo.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
/usr/bin/python3 - "$here/files" "$work" <<'PY'
import csv, datetime, os, sys
import openpyxl
files, work = sys.argv[1], sys.argv[2]
heads = {
    "teilnahmen": ["Fallnummer", "Wohnort", "Jahrgang", "Geschlecht", "Nationalität", "Aufenthaltstitel",
                   "Leistungen", "Deutsch Eintritt", "Deutsch Austritt", "Höchster Schulabschluss", "Bedarf",
                   "Förderbaustein", "Träger", "Eintrittsdatum", "Austrittsdatum", "Verbleib nach Austritt",
                   "Verbleib seit", "Abschluss erreicht", "Prüfung"],
    "angebote": ["Angebots-Nr", "Förderbaustein", "Titel des Angebots", "Träger", "Ort", "Zielbedarfe",
                 "Zugang für", "Plätze", "Beginn", "Ende"],
    "mittel": ["Haushaltsjahr", "Förderbaustein", "Bewilligt (EUR)", "Verausgabt (EUR)"],
}
dates = {"eintritt", "austritt", "verbleib_datum", "beginn", "ende"}
fields = {
    "teilnahmen": ["fall_id", "kommune", "geburtsjahr", "geschlecht", "staatsangehoerigkeit", "aufenthaltsstatus",
                   "leistungsbezug", "deutsch_eintritt", "deutsch_austritt", "schulabschluss", "bedarfe", "baustein",
                   "traeger", "eintritt", "austritt", "verbleib", "verbleib_datum", "abschluss_erreicht", "pruefung"],
    "angebote": ["angebot_id", "baustein", "titel", "traeger", "kommune", "bedarfe", "zugang", "plaetze",
                 "beginn", "ende"],
    "mittel": ["jahr", "baustein", "bewilligt", "verausgabt"],
}
for ds in heads:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(heads[ds])
    for vals in list(csv.reader(open(os.path.join(files, "canonical-%s.csv" % ds), encoding="utf-8")))[1:]:
        row = []
        for f, v in zip(fields[ds], vals):
            if v == "":
                row.append(None)
            elif f in dates:
                row.append(datetime.date.fromisoformat(v))
            elif f == "abschluss_erreicht":
                row.append(v == "1")
            elif f in ("geburtsjahr", "baustein", "plaetze", "jahr"):
                row.append(int(v))
            elif f in ("bewilligt", "verausgabt"):
                row.append(float(v))
            elif f in ("bedarfe", "zugang"):
                row.append("; ".join(v.split("|")))
            else:
                row.append(v)
        ws.append(row)
    for r in ws.iter_rows(min_row=2):
        for c in r:
            if isinstance(c.value, datetime.date):
                c.number_format = "mm-dd-yy"  # built-in format 14: the locale's short date
            elif isinstance(c.value, float):
                c.number_format = "#,##0.00"
    wb.save(os.path.join(work, "%s.xlsx" % ds))
PY
for loc in de-DE en-US; do
    prof="$work/profile-$loc"
    mkdir -p "$prof/user"
    cat >"$prof/user/registrymodifications.xcu" <<XCU
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>$loc</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>$loc</value></prop></item>
</oor:items>
XCU
    # de: ';' (59), en: ',' (44); text delimiter '"' (34); UTF-8 (76); token 9: as shown
    sep=59
    [ "$loc" = en-US ] && sep=44
    tag=$(echo "$loc" | cut -c1-2 | sed 's/en/us/')
    for ds in teilnahmen angebote mittel; do
        soffice -env:UserInstallation="file://$prof" --headless \
            --convert-to "csv:Text - txt - csv (StarCalc):$sep,34,76,1,,0,false,true,true" \
            --outdir "$work/$tag" "$work/$ds.xlsx" >/dev/null 2>&1
        cp "$work/$tag/$ds.csv" "$out/libreoffice-$tag-$ds.csv"
    done
done

#!/bin/sh
# Writes config/<region>.ini for the five regions named in the seeds. The region
# part differs; the mapping of headers and values (data.md's wild variants) is the
# same everywhere and kept here once. Run after changing the mapping; commit the output.
set -eu
cd "$(dirname "$0")/.."

mapping() {
cat <<'EOF'

; ---------------------------------------------------------------------------
; Spalten der Exporte -> Felder des Codebuchs (data.md).
; Links der Spaltenkopf, wie er im Export steht; rechts das Feld.
; Groß-/Kleinschreibung, Umlaute (ä = ae) und Satzzeichen zählen nicht:
; "Fall-ID", "fall_id" und "Fall ID" sind derselbe Kopf. Die Namen des
; Codebuchs selbst (fall_id, kommune, ...) werden immer erkannt.
; Eine Ja/Nein-Spalte je Auswahl (Umfragetools) wird als feld.code angegeben.
; ---------------------------------------------------------------------------
[columns.teilnahmen]
Fallnummer = fall_id
Fall-Nr = fall_id
Pseudonym = fall_id
Teilnehmer-ID = fall_id
TN-ID = fall_id
Wohnort = kommune
Wohnort (Kommune) = kommune
Gemeinde = kommune
Stadt = kommune
Stadtbezirk = kommune
Jahrgang = geburtsjahr
Geb.-Jahr = geburtsjahr
Nationalität = staatsangehoerigkeit
Herkunftsland = staatsangehoerigkeit
Aufenthaltstitel = aufenthaltsstatus
Aufenthaltsrechtlicher Status = aufenthaltsstatus
Leistungen = leistungsbezug
Deutschkenntnisse bei Eintritt = deutsch_eintritt
Sprachniveau Eintritt = deutsch_eintritt
Deutsch Eintritt = deutsch_eintritt
Deutschkenntnisse bei Austritt = deutsch_austritt
Sprachniveau Austritt = deutsch_austritt
Deutsch Austritt = deutsch_austritt
Höchster Schulabschluss = schulabschluss
Bedarf = bedarfe
Unterstützungsbedarf = bedarfe
Förderbaustein = baustein
Modul = baustein
Träger = traeger
Maßnahmeträger = traeger
Anbieter = traeger
Eintrittsdatum = eintritt
Maßnahmebeginn = eintritt
Austrittsdatum = austritt
Maßnahmeende = austritt
Verbleib nach Austritt = verbleib
Anschluss = verbleib
Verbleib seit = verbleib_datum
Datum Verbleib = verbleib_datum
Abschluss erreicht = abschluss_erreicht
Schulabschluss erreicht = abschluss_erreicht
HSA erreicht = abschluss_erreicht
Prüfung = pruefung
Sprachprüfung = pruefung
Prüfungsergebnis = pruefung

[columns.angebote]
Angebots-Nr = angebot_id
Angebotsnummer = angebot_id
Angebot-ID = angebot_id
Förderbaustein = baustein
Titel des Angebots = titel
Angebot = titel
Bezeichnung = titel
Träger = traeger
Anbieter = traeger
Ort = kommune
Gemeinde = kommune
Stadt = kommune
Stadtbezirk = kommune
Zielbedarfe = bedarfe
Bedarf = bedarfe
Zugang für = zugang
Offen für = zugang
Plätze = plaetze
Anzahl Plätze = plaetze
Beginn = beginn
Ende = ende

[columns.mittel]
Haushaltsjahr = jahr
Förderbaustein = baustein
Bewilligt (EUR) = bewilligt
Bewilligte Mittel = bewilligt
Verausgabt (EUR) = verausgabt
Verausgabte Mittel = verausgabt
Ausgaben = verausgabt

; ---------------------------------------------------------------------------
; Werte der Exporte -> Codes des Codebuchs. Links der Wert im Export,
; rechts der Code. Die Codes selbst werden immer erkannt.
; ---------------------------------------------------------------------------
[values.geschlecht]
weiblich = w
Frau = w
female = w
männlich = m
Mann = m
male = m
divers = d
keine Angabe = x
k. A. = x
ohne Angabe = x

[values.aufenthaltsstatus]
Aufenthaltsgestattung = gestattung
gestattet = gestattung
Gestattung nach § 55 AsylG = gestattung
Duldung = duldung
geduldet = duldung
§ 60a AufenthG = duldung
Ausbildungsduldung = duldung
§ 60c AufenthG = duldung
Beschäftigungsduldung = duldung
§ 60d AufenthG = duldung
AE = aufenthaltserlaubnis
Aufenthaltserlaubnis § 25 Abs. 1 = aufenthaltserlaubnis
Aufenthaltserlaubnis § 25 Abs. 2 = aufenthaltserlaubnis
Aufenthaltserlaubnis § 25 Abs. 3 = aufenthaltserlaubnis
Aufenthaltserlaubnis § 25 Abs. 4 = aufenthaltserlaubnis
Aufenthaltserlaubnis § 25 Abs. 5 = aufenthaltserlaubnis
Aufenthaltserlaubnis § 25a = aufenthaltserlaubnis
Aufenthaltserlaubnis § 25b = aufenthaltserlaubnis
§ 104c AufenthG = aufenthaltserlaubnis
Chancen-Aufenthaltsrecht = aufenthaltserlaubnis
NE = niederlassungserlaubnis
Sonstiger Status = sonstige
sonstiges = sonstige
ungeklärt = unbekannt
k. A. = unbekannt

[values.leistungsbezug]
AsylbLG = asylblg
Asylbewerberleistungsgesetz = asylblg
SGB II = sgb2
Bürgergeld = sgb2
ALG II = sgb2
SGB XII = sgb12
keine Leistungen = keiner
kein Leistungsbezug = keiner
keine = keiner
k. A. = unbekannt

[values.deutsch_eintritt]
keine = ohne
keine Deutschkenntnisse = ohne
ohne Deutschkenntnisse = ohne

[values.deutsch_austritt]
keine = ohne
keine Deutschkenntnisse = ohne
ohne Deutschkenntnisse = ohne

[values.schulabschluss]
ohne Abschluss = kein
kein Abschluss = kein
Hauptschulabschluss Klasse 9 = hsa9
Hauptschulabschluss nach Klasse 9 = hsa9
HSA 9 = hsa9
Hauptschulabschluss Klasse 10 = hsa10
Hauptschulabschluss nach Klasse 10 = hsa10
HSA 10 = hsa10
Fachoberschulreife = fos
Mittlerer Schulabschluss = fos
FOR = fos
Hochschulzugangsberechtigung = hzb
Abitur = hzb
Fachhochschulreife = hzb
ausländischer Abschluss (anerkannt) = ausland_anerkannt
ausländischer Abschluss (nicht anerkannt) = ausland_nicht_anerkannt

[values.bedarfe]
Sprache = sprache
Deutsch = sprache
Sprachförderung = sprache
Schulabschluss = schulabschluss
Ausbildung = ausbildung
Arbeit = arbeit
Arbeitsaufnahme = arbeit
Qualifizierung = qualifizierung
Aufenthaltsrecht = aufenthalt
Aufenthaltssicherung = aufenthalt
Wohnen = wohnen
Wohnung = wohnen
Gesundheit = gesundheit
Kinderbetreuung = kinderbetreuung
Sonstiges = sonstiges

[values.zugang]
Aufenthaltsgestattung = gestattung
gestattet = gestattung
Duldung = duldung
geduldet = duldung
Aufenthaltserlaubnis = aufenthaltserlaubnis
AE = aufenthaltserlaubnis
Niederlassungserlaubnis = niederlassungserlaubnis
NE = niederlassungserlaubnis

[values.verbleib]
Ausbildung = ausbildung
Berufsausbildung = ausbildung
sozialversicherungspflichtige Arbeit = arbeit
sozialversicherungspflichtige Beschäftigung = arbeit
Arbeit = arbeit
geringfügige Beschäftigung = arbeit_sonstige
Minijob = arbeit_sonstige
sonstige Arbeit = arbeit_sonstige
Qualifizierung/Sprachkurs = qualifizierung
Qualifizierung = qualifizierung
Sprachkurs = qualifizierung
weitere Maßnahme = qualifizierung
Schule = schule
Schulbesuch = schule
Abbruch = abbruch
vorzeitig beendet = abbruch
Wegzug = wegzug
verzogen = wegzug
Ausreise/Abschiebung = ausreise
Ausreise = ausreise
Abschiebung = ausreise
Sonstiges = sonstiges
unbekannt = unbekannt
nicht bekannt = unbekannt

[values.pruefung]
bestanden = bestanden
nicht bestanden = nicht_bestanden
durchgefallen = nicht_bestanden
nicht teilgenommen = nicht_teilgenommen
nicht angetreten = nicht_teilgenommen

[values.baustein]
Coaching = 1
Berufsbegleitende Qualifizierung = 2
Sprachförderung = 2
Hauptschulabschluss = 3
Nachträglicher Erwerb des Hauptschulabschlusses = 3
Jugendintegrationskurs = 4
Berufsvorbereitende Kurse = 4
Innovationsfonds = 5
Teilhabemanagement = 6
EOF
}

region() { # slug, name, kommunen, kommune aliases (may be empty), einheit (may be empty)
  {
    cat <<EOF
; durchblick – Konfiguration: $2
; Landesinitiative "Durchstarten in Ausbildung und Arbeit" / "Gemeinsam klappt's".
; Aufbau und alle Schlüssel: docs/config.md. Unbekannte Abschnitte oder
; Schlüssel sind ein Fehler (mit Zeilennummer), damit kein Tippfehler still bleibt.

[region]
name = $2
slug = $1
kommunen = $3${5:+
; Die Einheiten oben sind Stadtbezirke: so heißen sie in den Berichten.
einheit = $5}

[period]
; Berichtszeitraum; fehlt er, gilt der ganze Datenbestand.
from = 2022-01-01
to = 2022-12-31

[input]
; auto erkennt UTF-8 (mit/ohne BOM) und Windows-1252 bzw. ; , und Tab.
encoding = auto
delimiter = auto
; Dateinamen -> Datensatz (für "durchblick run"), Muster wie in der Shell.
teilnahmen = *teilnahme*
angebote = *angebot*
mittel = *mittel*

[outcomes]
; Welche Verbleibe als Vermittlung zählen (Codes aus data.md).
placement = ausbildung, arbeit, qualifizierung, schule
; Zielgruppe laut Förderrichtlinie: 18 bis 27 Jahre.
target_age_min = 18
target_age_max = 27

[statistics]
; wilson (Standard) oder clopper-pearson
ci_method = wilson
confidence = 0.95

[disclosure]
; Fallzahlen unter diesem Wert werden gesperrt (*). 3 wie die BA; strenger: 5.
min_fallzahl = 3

[funding]
; Landesanteil der Förderung; der Rest ist Eigenanteil.
rate = 0.80

[report]
title = Landesinitiative „Durchstarten in Ausbildung und Arbeit“
office = Kommunales Integrationszentrum $2
language = de
EOF
    if [ -n "$4" ]; then
      printf '\n[values.kommune]\n; Schreibweisen in Exporten -> Name oben\n%s\n' "$4"
    fi
    mapping
  } > "config/$1.ini"
}

region kreis-herford "Kreis Herford" \
  "Bünde, Enger, Herford, Hiddenhausen, Kirchlengern, Löhne, Rödinghausen, Spenge, Vlotho" \
  "Hansestadt Herford = Herford
Stadt Löhne = Löhne"
region ennepe-ruhr-kreis "Ennepe-Ruhr-Kreis" \
  "Breckerfeld, Ennepetal, Gevelsberg, Hattingen, Herdecke, Schwelm, Sprockhövel, Wetter (Ruhr), Witten" \
  "Wetter = Wetter (Ruhr)"
region rhein-kreis-neuss "Rhein-Kreis Neuss" \
  "Dormagen, Grevenbroich, Jüchen, Kaarst, Korschenbroich, Meerbusch, Neuss, Rommerskirchen" ""
region kreis-heinsberg "Kreis Heinsberg" \
  "Erkelenz, Gangelt, Geilenkirchen, Heinsberg, Hückelhoven, Selfkant, Übach-Palenberg, Waldfeucht, Wassenberg, Wegberg" ""
region stadt-wuppertal "Stadt Wuppertal" \
  "Barmen, Cronenberg, Elberfeld, Elberfeld-West, Heckinghausen, Langerfeld-Beyenburg, Oberbarmen, Ronsdorf, Uellendahl-Katernberg, Vohwinkel" "" Stadtbezirk

#!/usr/bin/python3
"""Writes the export corpus of issue 10: the same canonical records of the three
datasets, exported the way each survey tool writes them, from an office's own
form and from durchblick's templates (templates/kreis-herford/).

Usage: /usr/bin/python3 tests/corpus/make_corpus.py OUTDIR
       /usr/bin/python3 tests/corpus/make_corpus.py --xlsx OUTDIR   (Kobo's .xlsx download)

No tool's code is used or copied; each writer below re-implements what the
tool's public source does, cited at the writer:
- KoboToolbox: kobotoolbox/formpack src/formpack/reporting/export.py (Export.to_csv:
  every cell quoted, ';' by default, header = labels or XML names, group_sep '/')
  and src/formpack/schema/fields.py (FormChoiceFieldWithMultipleSelect: a summary
  column of names/labels joined by ' ', then one column 'question/option' per option
  holding '1'/'0', all '' when unanswered); KPI's metadata copy fields (_id, _uuid,
  _submission_time, _validation_status, _notes, _status, _submitted_by, __version__,
  _tags, _index).
- ODK Central: getodk/central-backend lib/data/briefcase.js (streamBriefcaseCsvs:
  SubmissionDate first as toISOString(), group paths joined by '-', select multiple
  as one space-separated column and, with splitSelectMultiples, 'q/value' columns
  defaulting to 0; KEY, SubmitterID, SubmitterName, AttachmentsPresent,
  AttachmentsExpected, Status, ReviewState, DeviceID, Edits, FormVersion at the end;
  csv-stringify: ',' and quotes only where needed, '\\n').
- LimeSurvey: LimeSurvey/LimeSurvey application/helpers/admin/export/CsvWriter.php
  (UTF-8 BOM, every value quoted, NULL unquoted empty, CRLF, an extra CRLF at the
  end), Writer.php (headings code / full / abbreviated, answers short / long, "convert
  Y to" / "N to") and SurveyObj.php::getFullAnswer (Y: Ja/Nein/N/A; M: Ja for Y,
  Nein for '' , N/A for NULL, i.e. a hidden question; German N/A is "k.A.").
- Google Forms: its documented responses download: first column "Zeitstempel"
  (German UI) as 2026/06/14 10:10:09 AM GMT+1, question titles as headers, choice
  labels as values, checkboxes joined by ", ".
- Microsoft Excel (German Windows, "CSV (Trennzeichen-getrennt)"): Windows-1252,
  ';', CRLF, quotes only where needed, cells as displayed: dates 01.03.2022, money in
  the accounting format (" 1.234,56 € ", zero " -   € "), a totals row "Summe".
LibreOffice Calc's files are made by LibreOffice itself: make-libreoffice.sh.
"""
import csv
import datetime
import io
import os
import random
import sys
import xml.etree.ElementTree as ET

import openpyxl

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATES = os.path.join(REPO, "templates", "kreis-herford")
KOMMUNEN = ["Bünde", "Enger", "Herford", "Hiddenhausen", "Kirchlengern", "Löhne", "Rödinghausen",
            "Spenge", "Vlotho"]
LAENDER = [("SYR", "syrien", "Syrien"), ("AFG", "afghanistan", "Afghanistan"), ("IRQ", "irak", "Irak"),
           ("GIN", "guinea", "Guinea"), ("ERI", "eritrea", "Eritrea"), ("NGA", "nigeria", "Nigeria"),
           ("TUR", "tuerkei", "Türkei")]
BEDARFE = ["sprache", "schulabschluss", "ausbildung", "arbeit", "qualifizierung", "aufenthalt", "wohnen",
           "gesundheit", "kinderbetreuung", "sonstiges"]
STATUS = ["gestattung", "duldung", "aufenthaltserlaubnis", "niederlassungserlaubnis", "sonstige", "unbekannt"]
TRAEGER = ["AWO Kreisverband Herford", "Diakonisches Werk im Kreis Herford e.V.",
           "Caritas Herford", "Bildungszentrum \"Brücke\" gGmbH"]

# ---------------------------------------------------------------------------
# Canonical records (what the database must hold after loading any file)
# ---------------------------------------------------------------------------


def iso(d):
    return d.isoformat() if d else ""


def make_teilnahmen(rng, n=42):
    rows = []
    for i in range(n):
        b = rng.choice([1, 1, 2, 3, 4, 4, 5, 6])
        ein = datetime.date(2022, 1, 3) + datetime.timedelta(days=rng.randrange(0, 300))
        aus = ein + datetime.timedelta(days=rng.randrange(30, 200)) if rng.random() < 0.6 else None
        if aus and aus > datetime.date(2023, 3, 31):
            aus = None
        verbleib = rng.choice(["ausbildung", "arbeit", "arbeit_sonstige", "qualifizierung", "schule",
                               "abbruch", "wegzug", "ausreise", "sonstiges", "unbekannt"]) if aus else ""
        vd = aus + datetime.timedelta(days=rng.randrange(0, 20)) if aus and rng.random() < 0.5 else None
        bed = sorted(rng.sample(BEDARFE, rng.randrange(0, 4)))
        r = {
            "fall_id": "KH-%04d" % (101 + i),
            "kommune": rng.choice(KOMMUNEN),
            "geburtsjahr": str(rng.randrange(1994, 2006)),
            "geschlecht": rng.choice(["w", "m", "m", "d", "x"]),
            "staatsangehoerigkeit": rng.choice(LAENDER)[0],
            # about 28 % Duldung, as in the field test of the issue
            "aufenthaltsstatus": "duldung" if i % 7 in (0, 3) else rng.choice(STATUS),
            "leistungsbezug": rng.choice(["asylblg", "sgb2", "sgb12", "keiner", "unbekannt"]),
            "deutsch_eintritt": rng.choice(["ohne", "A1", "A2", "B1"]),
            "deutsch_austritt": rng.choice(["A2", "B1", "B2"]) if aus else "",
            "schulabschluss": rng.choice(["kein", "hsa9", "hsa10", "fos", "hzb", "ausland_anerkannt",
                                          "ausland_nicht_anerkannt"]),
            "bedarfe": "|".join(bed),
            "baustein": str(b),
            "traeger": rng.choice(TRAEGER),
            "eintritt": iso(ein),
            "austritt": iso(aus),
            "verbleib": verbleib,
            "verbleib_datum": iso(vd),
            "abschluss_erreicht": rng.choice(["1", "0"]) if b == 3 and aus else "",
            "pruefung": rng.choice(["bestanden", "nicht_bestanden", "nicht_teilgenommen"]) if b == 4 and aus else "",
        }
        rows.append(r)
    return rows


def make_angebote(rng, n=12):
    rows = []
    titles = ["Sprachcafé", "Bewerbungstraining", "Jugendintegrationskurs", "HSA-Kurs am Abend",
              "Coaching in den Beruf", "Wohnungssuche leicht gemacht", "Gesundheitslotsen",
              "Kinderbetreuung während des Kurses", "Berufsorientierung Handwerk", "Lernwerkstatt",
              "Rechtsberatung Aufenthalt", "Qualifizierung Pflege"]
    for i in range(n):
        beg = datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randrange(0, 200))
        zug = sorted(rng.sample(STATUS[:5], rng.randrange(1, 5)))
        if i == 10:  # typed by hand as "alle außer Duldung": every status, unbekannt too, but duldung
            zug = sorted(s for s in STATUS if s != "duldung")
        rows.append({
            "angebot_id": "A-%03d" % (i + 1),
            "baustein": str(rng.randrange(1, 7)) if rng.random() < 0.8 else "",
            "titel": titles[i],
            "traeger": rng.choice(TRAEGER),
            "kommune": rng.choice(KOMMUNEN),
            "bedarfe": "|".join(sorted(rng.sample(BEDARFE, rng.randrange(1, 3)))),
            "zugang": "|".join(zug),
            "plaetze": str(rng.randrange(0, 40)),
            "beginn": iso(beg),
            "ende": iso(beg + datetime.timedelta(days=rng.randrange(60, 300))),
        })
    return rows


def make_mittel(rng):
    rows = []
    for b in range(1, 7):
        bew = rng.randrange(20000, 250000) * 100 + rng.choice([0, 50, 99])
        ver = 0 if b == 5 else rng.randrange(0, bew)  # Baustein 5: nothing spent (the accounting zero)
        rows.append({"jahr": "2022", "baustein": str(b), "bewilligt": "%.2f" % (bew / 100),
                     "verausgabt": "%.2f" % (ver / 100)})
    return rows


FIELDS = {
    "teilnahmen": ["fall_id", "kommune", "geburtsjahr", "geschlecht", "staatsangehoerigkeit",
                   "aufenthaltsstatus", "leistungsbezug", "deutsch_eintritt", "deutsch_austritt",
                   "schulabschluss", "bedarfe", "baustein", "traeger", "eintritt", "austritt", "verbleib",
                   "verbleib_datum", "abschluss_erreicht", "pruefung"],
    "angebote": ["angebot_id", "baustein", "titel", "traeger", "kommune", "bedarfe", "zugang", "plaetze",
                 "beginn", "ende"],
    "mittel": ["jahr", "baustein", "bewilligt", "verausgabt"],
}
ORDER = {"teilnahmen": ("fall_id", "baustein", "eintritt"), "angebote": ("angebot_id",),
         "mittel": ("jahr", "baustein")}


def write_expected(path, dataset, rows):
    def key(r):
        return tuple(int(r[k]) if k in ("baustein", "jahr") else r[k] for k in ORDER[dataset])
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in sorted(rows, key=key):
            f.write("|".join(r[k] for k in FIELDS[dataset]) + "\n")
    # the same records as canonical CSV (sets joined by '|' inside a field), for make-libreoffice.sh
    with open(path.replace("expected-", "canonical-").replace(".txt", ".csv"), "w", encoding="utf-8",
              newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FIELDS[dataset])
        for r in sorted(rows, key=key):
            w.writerow([r[k] for k in FIELDS[dataset]])


# ---------------------------------------------------------------------------
# Forms: a question = dict(name, label, type, choices=[(name, label, canonical)],
# group, field, relevant=callable(record) -> shown)
# ---------------------------------------------------------------------------


def q(name, label, qtype, field, choices=None, group=None, shown=None):
    return {"name": name, "label": label, "type": qtype, "field": field, "choices": choices or [],
            "group": group, "shown": shown or (lambda r: True)}


def shown_austritt(r):
    return bool(r["austritt"])


def shown_b3(r):
    return r["baustein"] == "3"


def shown_b4(r):
    return r["baustein"] == "4"


KOMMUNE_CHOICES = [("k%d" % (i + 1), k, k) for i, k in enumerate(KOMMUNEN)]
BAUSTEIN_CHOICES = [("b%d" % n, "Baustein %d – %s" % (n, t), str(n)) for n, t in
                    enumerate(["Coaching", "Qualifizierung/Sprache", "Hauptschulabschluss", "Kurse/JIK",
                               "Innovationsfonds", "Teilhabemanagement"], 1)]


def office_form(dataset):
    """The form an office built itself: its own names, labels and choices."""
    if dataset == "teilnahmen":
        P, S, M = "person", "sprache", "massnahme"
        return [
            q("fallnr", "Fallnummer", "text", "fall_id", group=P),
            q("wohnort", "Wohnort", "select_one", "kommune", KOMMUNE_CHOICES, group=P),
            q("gebjahr", "Geburtsjahr", "integer", "geburtsjahr", group=P),
            q("geschlecht", "Geschlecht", "select_one", "geschlecht",
              [("w", "weiblich", "w"), ("m", "männlich", "m"), ("d", "divers", "d"),
               ("ka", "keine Angabe", "x")], group=P),
            q("herkunft", "Herkunftsland", "select_one", "staatsangehoerigkeit",
              [(n, l, c) for c, n, l in LAENDER], group=P),
            q("status", "Aufenthaltsrechtlicher Status", "select_one", "aufenthaltsstatus",
              [("gestattung", "Aufenthaltsgestattung (§ 55 AsylG)", "gestattung"),
               ("duldung", "Duldung (§ 60a AufenthG)", "duldung"),
               ("ae", "Aufenthaltserlaubnis", "aufenthaltserlaubnis"),
               ("ne", "Niederlassungserlaubnis", "niederlassungserlaubnis"),
               ("sonst", "sonstiger Aufenthaltstitel", "sonstige"),
               ("unklar", "ungeklärt", "unbekannt")], group=P),
            q("leistungen", "Leistungsbezug", "select_one", "leistungsbezug",
              [("asylblg", "AsylbLG", "asylblg"), ("buergergeld", "Bürgergeld (SGB II)", "sgb2"),
               ("sgb12", "SGB XII", "sgb12"), ("keine", "keine Leistungen", "keiner"),
               ("unbekannt", "nicht bekannt", "unbekannt")], group=P),
            q("deutsch_ein", "Deutschkenntnisse bei Eintritt", "select_one", "deutsch_eintritt",
              [("keine", "keine", "ohne")] + [(c.lower(), c, c) for c in ["A1", "A2", "B1", "B2", "C1", "C2"]],
              group=S),
            q("deutsch_aus", "Deutschkenntnisse bei Austritt", "select_one", "deutsch_austritt",
              [("keine", "keine", "ohne")] + [(c.lower(), c, c) for c in ["A1", "A2", "B1", "B2", "C1", "C2"]],
              group=S, shown=shown_austritt),
            q("schule", "Höchster Schulabschluss", "select_one", "schulabschluss",
              [("ohne", "ohne Abschluss", "kein"), ("hsa9", "Hauptschulabschluss Klasse 9", "hsa9"),
               ("hsa10", "Hauptschulabschluss Klasse 10", "hsa10"), ("for", "Fachoberschulreife", "fos"),
               ("abi", "Abitur / Fachhochschulreife", "hzb"),
               ("ausl_a", "im Ausland erworben, anerkannt", "ausland_anerkannt"),
               ("ausl_n", "im Ausland erworben, nicht anerkannt", "ausland_nicht_anerkannt")], group=S),
            q("bedarf", "Welche Unterstützung wird benötigt?", "select_multiple", "bedarfe",
              [("deutsch", "Deutsch lernen", "sprache"), ("schule", "Schulabschluss nachholen", "schulabschluss"),
               ("ausbildung", "Ausbildungsplatz", "ausbildung"), ("arbeit", "Arbeit finden", "arbeit"),
               ("quali", "Qualifizierung", "qualifizierung"), ("aufenthalt", "Aufenthalt sichern", "aufenthalt"),
               ("wohnen", "Wohnung", "wohnen"), ("gesundheit", "Gesundheit", "gesundheit"),
               ("kita", "Kinderbetreuung", "kinderbetreuung"), ("sonst", "Sonstiges", "sonstiges")], group=M),
            q("baustein", "Förderbaustein", "select_one", "baustein", BAUSTEIN_CHOICES, group=M),
            q("traeger", "Träger", "text", "traeger", group=M),
            q("eintritt", "Eintrittsdatum", "date", "eintritt", group=M),
            q("austritt", "Austrittsdatum", "date", "austritt", group=M),
            q("verbleib", "Verbleib nach Austritt", "select_one", "verbleib",
              [("ausbildung", "Ausbildung", "ausbildung"), ("arbeit", "Arbeit (sozialversicherungspflichtig)", "arbeit"),
               ("minijob", "Minijob", "arbeit_sonstige"), ("massnahme", "weitere Maßnahme / Sprachkurs", "qualifizierung"),
               ("schule", "Schule", "schule"), ("abbruch", "Abbruch", "abbruch"), ("wegzug", "Wegzug", "wegzug"),
               ("ausreise", "Ausreise / Abschiebung", "ausreise"), ("sonst", "Sonstiges", "sonstiges"),
               ("unbekannt", "unbekannt", "unbekannt")], group=M, shown=shown_austritt),
            q("verbleib_seit", "Verbleib seit", "date", "verbleib_datum", group=M, shown=shown_austritt),
            q("hsa", "Hauptschulabschluss erreicht?", "yes_no", "abschluss_erreicht",
              [("ja", "Ja", "1"), ("nein", "Nein", "0")], group=M, shown=shown_b3),
            q("pruefung", "Ergebnis der Sprachprüfung", "select_one", "pruefung",
              [("bestanden", "bestanden", "bestanden"), ("durchgefallen", "nicht bestanden", "nicht_bestanden"),
               ("nicht_angetreten", "nicht angetreten", "nicht_teilgenommen")], group=M, shown=shown_b4),
        ]
    if dataset == "angebote":
        return [
            q("angebot_nr", "Angebotsnummer", "text", "angebot_id"),
            q("titel", "Titel des Angebots", "text", "titel"),
            q("traeger", "Träger", "text", "traeger"),
            q("ort", "Ort", "select_one", "kommune", KOMMUNE_CHOICES),
            q("baustein", "Förderbaustein", "select_one", "baustein", BAUSTEIN_CHOICES),
            q("bedarfe", "Welche Bedarfe deckt das Angebot?", "select_multiple", "bedarfe",
              [("deutsch", "Deutsch lernen", "sprache"), ("schule", "Schulabschluss nachholen", "schulabschluss"),
               ("ausbildung", "Ausbildungsplatz", "ausbildung"), ("arbeit", "Arbeit finden", "arbeit"),
               ("quali", "Qualifizierung", "qualifizierung"), ("aufenthalt", "Aufenthalt sichern", "aufenthalt"),
               ("wohnen", "Wohnung", "wohnen"), ("gesundheit", "Gesundheit", "gesundheit"),
               ("kita", "Kinderbetreuung", "kinderbetreuung"), ("sonst", "Sonstiges", "sonstiges")]),
            q("offen_fuer", "Offen für (Aufenthaltsstatus)", "select_multiple", "zugang",
              [("gestattung", "Gestattung", "gestattung"), ("duldung", "Duldung", "duldung"),
               ("ae", "Aufenthaltserlaubnis", "aufenthaltserlaubnis"),
               ("ne", "Niederlassungserlaubnis", "niederlassungserlaubnis"),
               ("sonst", "sonstiger Status", "sonstige"), ("unklar", "ungeklärt", "unbekannt")]),
            q("plaetze", "Anzahl Plätze", "integer", "plaetze"),
            q("beginn", "Beginn", "date", "beginn"),
            q("ende", "Ende", "date", "ende"),
        ]
    return [
        q("haushaltsjahr", "Haushaltsjahr", "integer", "jahr"),
        q("baustein", "Förderbaustein", "select_one", "baustein", BAUSTEIN_CHOICES),
        q("bewilligt", "Bewilligte Mittel (EUR)", "decimal", "bewilligt"),
        q("verausgabt", "Verausgabte Mittel (EUR)", "decimal", "verausgabt"),
    ]


def template_form(dataset):
    """The XLSForm durchblick made (templates/kreis-herford/durchblick-DATASET.xlsx), read with openpyxl."""
    wb = openpyxl.load_workbook(os.path.join(TEMPLATES, "durchblick-%s.xlsx" % dataset))
    survey = list(wb["survey"].iter_rows(values_only=True))
    choices = list(wb["choices"].iter_rows(values_only=True))[1:]
    lists = {}
    for ln, name, label in choices:
        lists.setdefault(ln, []).append((str(name), label))
    form = []
    for row in survey[1:]:
        qtype, name, label = row[0], row[1], row[2]
        if qtype in ("start", "end"):
            continue
        relevant = row[5] or ""
        shown = (shown_austritt if "austritt" in relevant else shown_b3 if "'3'" in relevant
                 else shown_b4 if "'4'" in relevant else None)
        kind, _, ln = qtype.partition(" ")
        ch = []
        for cname, clabel in lists.get(ln, []):
            canon = cname
            if ln == "kommune":
                canon = clabel
            elif ln == "ja_nein":
                canon = "1" if cname == "ja" else "0"
            ch.append((cname, clabel, canon))
        form.append(q(name, label, "yes_no" if ln == "ja_nein" else kind, name, ch, shown=shown))
    return form


# ---------------------------------------------------------------------------
# Answers of a record to a form
# ---------------------------------------------------------------------------


def choice_of(question, canon):
    for c in question["choices"]:
        if c[2] == canon:
            return c
    raise KeyError("%s: no choice for %r" % (question["name"], canon))


def answer(question, record):
    """None when the question was hidden; else the stored XML value (names for selects)."""
    if not question["shown"](record):
        return None
    v = record[question["field"]]
    if question["field"] == "staatsangehoerigkeit" and question["choices"]:
        return choice_of(question, v)[0] if v else ""
    if question["type"] in ("select_one", "yes_no"):
        return choice_of(question, v)[0] if v else ""
    if question["type"] == "select_multiple":
        return " ".join(choice_of(question, m)[0] for m in v.split("|")) if v else ""
    return v


def label_of(question, name):
    for c in question["choices"]:
        if c[0] == name:
            return c[1]
    return name


def timestamps(i):
    base = datetime.datetime(2023, 1, 9, 8, 30, 0) + datetime.timedelta(hours=7 * i, minutes=13 * i)
    return base


# ---------------------------------------------------------------------------
# KoboToolbox (formpack)
# ---------------------------------------------------------------------------


def kobo(form, records, lang, hierarchy_in_labels=False, multiple_select="both", as_rows=False):
    group_sep = "/"
    header, names = ["start", "end"], []

    def label(qq):
        text = qq["name"] if lang == "_xml" else qq["label"]
        if hierarchy_in_labels and qq["group"]:
            return qq["group"] + group_sep + text
        return text

    for qq in form:
        if qq["type"] == "select_multiple":
            if multiple_select in ("both", "summary"):
                header.append(label(qq))
            if multiple_select in ("both", "details"):
                for cname, clabel, _ in qq["choices"]:
                    header.append(label(qq) + group_sep + (cname if lang == "_xml" else clabel))
        else:
            header.append(label(qq))
    meta = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
            "__version__", "_tags", "_index"]
    header += meta
    lines = [header]
    for i, r in enumerate(records):
        t = timestamps(i)
        row = [t.strftime("%Y-%m-%dT%H:%M:%S.123+01:00"),
               (t + datetime.timedelta(minutes=9)).strftime("%Y-%m-%dT%H:%M:%S.456+01:00")]
        for qq in form:
            v = answer(qq, r)
            if qq["type"] == "select_multiple":
                if multiple_select in ("both", "summary"):
                    if v is None:
                        row.append("")
                    else:
                        row.append(" ".join(n if lang == "_xml" else label_of(qq, n) for n in v.split()))
                if multiple_select in ("both", "details"):
                    # formpack: no value for the question (hidden, or nothing chosen): every cell ''
                    for cname, _, _ in qq["choices"]:
                        row.append("" if not v else ("1" if cname in v.split() else "0"))
            elif qq["type"] in ("select_one", "yes_no") and lang != "_xml" and v:
                row.append(label_of(qq, v))
            else:
                row.append("" if v is None else v)
        row += [str(2400101 + i), "6f1c%04d-2b9e-4c1a-9d2e-%012d" % (i, 770000 + i),
                (t + datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%S"), "", "", "submitted_via_web",
                "", "vQd9hLx2Zr7uWYgTnB3kP4", "", str(i + 1)]
        lines.append(row)
    if as_rows:
        return lines
    # Export.to_csv: quote + (quote + sep + quote).join(line) + quote, quotes doubled
    out = io.StringIO()
    for line in lines:
        out.write('"' + '";"'.join(str(x).replace('"', '""') for x in line) + '"\r\n')
    return out.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------
# ODK Central (briefcase.js)
# ---------------------------------------------------------------------------


def odk(form, records, split=False, group_paths=True):
    header = ["SubmissionDate", "start", "end"]
    for qq in form:
        base = (qq["group"] + "-" + qq["name"]) if (group_paths and qq["group"]) else qq["name"]
        header.append(base)
        if qq["type"] == "select_multiple" and split:
            header += [base + "/" + c[0] for c in qq["choices"]]
    header += ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
               "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for i, r in enumerate(records):
        t = timestamps(i)
        uuid = "uuid:0b7f%04d-51c3-4e7e-a1f0-%012d" % (i, 550000 + i)
        row = [(t - datetime.timedelta(hours=1, minutes=-10)).strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (i * 37 % 1000),
               t.strftime("%Y-%m-%dT%H:%M:%S.000+01:00"),
               (t + datetime.timedelta(minutes=8)).strftime("%Y-%m-%dT%H:%M:%S.000+01:00")]
        for qq in form:
            v = answer(qq, r)
            row.append("" if v is None else v)
            if qq["type"] == "select_multiple" and split:
                # generateDataFrame: a column with '/' defaults to 0
                row += ["1" if v and c[0] in v.split() else "0" for c in qq["choices"]]
        row += [uuid, uuid, "17", "Tablet Beratung 2", "0", "0", "", "approved" if i % 3 else "",
                "collect:Kx7%04d" % i, "0", "2022110401"]
        w.writerow(row)
    return out.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------
# LimeSurvey (CsvWriter.php, Writer.php, SurveyObj.php)
# ---------------------------------------------------------------------------

LS_META = [("id", "Antwort ID"), ("submitdate", "Datum Abgeschickt"), ("lastpage", "Letzte Seite"),
           ("startlanguage", "Start-Sprache"), ("seed", "Zufallsstartwert"), ("startdate", "Datum gestartet"),
           ("datestamp", "Datum letzte Aktivität")]


def limesurvey(survey, records, heading="code", answers="long", sep=",", convert=None):
    """survey: list of dicts code, text, type (S N L M Y D), answers [(code, label, canonical)],
    sub [(code, text, canonical)], field, shown."""
    header = [m[0] if heading == "code" else m[1] for m in LS_META]
    for qq in survey:
        if qq["type"] == "M":
            for scode, stext, _ in qq["sub"]:
                header.append("%s[%s]" % (qq["code"], scode) if heading == "code" else "%s [%s]" % (qq["text"], stext))
        else:
            header.append(qq["code"] if heading == "code" else qq["text"])
    lines = [header]
    for i, r in enumerate(records):
        t = timestamps(i)
        row = [str(i + 1), t.strftime("%Y-%m-%d %H:%M:%S"), "3", "de", str(1000003 + 7919 * i),
               (t - datetime.timedelta(minutes=12)).strftime("%Y-%m-%d %H:%M:%S"), t.strftime("%Y-%m-%d %H:%M:%S")]
        for qq in survey:
            shown = qq["shown"](r)
            v = r[qq["field"]]
            if qq["type"] == "M":
                chosen = v.split("|") if v else []
                for scode, _, canon in qq["sub"]:
                    stored = None if not shown else ("Y" if canon in chosen else "")
                    if answers == "long":
                        row.append("Ja" if stored == "Y" else "Nein" if stored == "" else "k.A.")
                    elif convert and stored is not None:
                        row.append(convert[0] if stored == "Y" else convert[1])
                    else:
                        row.append(stored)
            elif qq["type"] == "Y":
                stored = None if not shown else ("Y" if v == "1" else "N" if v == "0" else "")
                if answers == "long":
                    row.append("Ja" if stored == "Y" else "Nein" if stored == "N" else "k.A.")
                elif convert and stored:
                    row.append(convert[0] if stored == "Y" else convert[1])
                else:
                    row.append(stored)
            elif qq["type"] == "L":
                if not shown or not v:
                    row.append(None)
                else:
                    code, label, _ = next(a for a in qq["answers"] if a[2] == v)
                    row.append(label if answers == "long" else code)
            elif qq["type"] == "D":
                row.append(v + " 00:00:00" if shown and v else None)
            else:
                row.append(v if shown and v != "" else None)
        lines.append(row)

    def esc(v):
        if v is None:
            return ""
        return '"' + str(v).replace('"', '""') + '"'
    text = "\r\n".join(sep.join(esc(v) for v in line) for line in lines) + "\r\n" + "\r\n"
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def ls_from_form(form, code_style):
    """A LimeSurvey survey for a form: code_style 'office' (A1.. answer codes, SQ001.. subquestions)."""
    survey = []
    for qq in form:
        code = qq["name"].replace("_", "")
        t = {"select_one": "L", "select_multiple": "M", "yes_no": "Y", "date": "D", "integer": "N",
             "decimal": "N"}.get(qq["type"], "S")
        if qq["field"] == "staatsangehoerigkeit":
            t = "L"
        ans = [("A%d" % (j + 1), c[1], c[2]) for j, c in enumerate(qq["choices"])]
        if qq["field"] in ("deutsch_eintritt", "deutsch_austritt"):
            ans = [(c[1][:5], c[1], c[2]) for c in qq["choices"]]
        if qq["field"] == "baustein":
            ans = [(str(j + 1), c[1], c[2]) for j, c in enumerate(qq["choices"])]
        sub = [("SQ%03d" % (j + 1), c[1], c[2]) for j, c in enumerate(qq["choices"])]
        survey.append({"code": code, "text": qq["label"], "type": t, "answers": ans, "sub": sub,
                       "field": qq["field"], "shown": qq["shown"]})
    return survey


def ls_config_block():
    """The config lines a LimeSurvey export with answer and subquestion codes needs (docs/config.md)."""
    out = {}
    for ds in ("teilnahmen", "angebote"):
        for qq in ls_from_form(office_form(ds), "office"):
            if qq["type"] == "M":
                for scode, _, canon in qq["sub"]:
                    out.setdefault("columns." + ds, []).append("%s[%s] = %s.%s" % (qq["code"], scode, qq["field"], canon))
            elif qq["type"] == "L" and qq["field"] not in ("deutsch_eintritt", "deutsch_austritt", "baustein"):
                sec = "values." + qq["field"]
                for code, _, canon in qq["answers"]:
                    line = "%s = %s" % (code, canon)
                    if line not in out.setdefault(sec, []):
                        out[sec].append(line)
    out["values.abschluss_erreicht"] = ["2 = 0"]
    return "\n\n".join("[%s]\n%s" % (k, "\n".join(v)) for k, v in out.items())


def ls_from_lss(dataset):
    """The survey of templates/kreis-herford/durchblick-teilnahmen.lss, with each question's field."""
    doc = ET.parse(os.path.join(TEMPLATES, "durchblick-%s.lss" % dataset)).getroot()

    def rows(section):
        return [{c.tag: (c.text or "") for c in row} for row in doc.find(section).find("rows")]
    texts = {r["qid"]: r["question"] for r in rows("question_l10ns")}
    atexts = {r["aid"]: r["answer"] for r in rows("answer_l10ns")}
    answers = {}
    for a in rows("answers"):
        answers.setdefault(a["qid"], []).append((a["code"], atexts[a["aid"]]))
    subs = {}
    for s in rows("subquestions"):
        subs.setdefault(s["parent_qid"], []).append((s["title"], texts[s["qid"]], s["title"]))
    tform = {x["field"]: x for x in template_form(dataset)}
    survey = []
    for qrow in rows("questions"):
        field = next(f for f in FIELDS[dataset] if f.replace("_", "") == qrow["title"])
        tq = tform[field]
        ans = []
        for code, label in answers.get(qrow["qid"], []):
            canon = next((c[2] for c in tq["choices"] if c[1] == label), label)
            ans.append((code, label, canon))
        survey.append({"code": qrow["title"], "text": texts[qrow["qid"]], "type": qrow["type"], "answers": ans,
                       "sub": subs.get(qrow["qid"], []), "field": field, "shown": tq["shown"]})
    return survey


# ---------------------------------------------------------------------------
# Google Forms, Excel
# ---------------------------------------------------------------------------


def google_forms(form, records):
    header = ["Zeitstempel"] + [qq["label"] for qq in form]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    for i, r in enumerate(records):
        t = timestamps(i)
        h = t.hour % 12 or 12
        row = ["%s %d:%s %s GMT+1" % (t.strftime("%Y/%m/%d"), h, t.strftime("%M:%S"), "AM" if t.hour < 12 else "PM")]
        for qq in form:
            v = answer(qq, r)
            if v is None or v == "":
                row.append("")
            elif qq["type"] == "select_multiple":
                row.append(", ".join(label_of(qq, n) for n in v.split()))
            elif qq["type"] in ("select_one", "yes_no"):
                row.append(label_of(qq, v))
            else:
                row.append(v)
        w.writerow(row)
    return out.getvalue().encode("utf-8")


def euro_accounting(value):
    """Excel's German accounting format as displayed: ' 1.234,56 € ', zero ' -   € '."""
    cents = round(float(value) * 100)
    if cents == 0:
        return " -   € "
    whole, frac = divmod(cents, 100)
    return " %s,%02d € " % ("{:,}".format(whole).replace(",", "."), frac)


def excel_mittel(records):
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["Haushaltsjahr", "Förderbaustein", "Bewilligt (EUR)", "Verausgabt (EUR)"])
    for r in records:
        w.writerow([r["jahr"], "Baustein %s" % r["baustein"], euro_accounting(r["bewilligt"]),
                    euro_accounting(r["verausgabt"])])
    w.writerow(["Summe", "", euro_accounting(sum(float(r["bewilligt"]) for r in records)),
                euro_accounting(sum(float(r["verausgabt"]) for r in records))])
    w.writerow(["", "", "", ""])
    return out.getvalue().encode("cp1252")


def excel_angebote(records):
    """An offers list typed by hand: residence statuses as people write them."""
    words = {"gestattung": "Gestattung", "duldung": "Duldung", "aufenthaltserlaubnis": "AE",
             "niederlassungserlaubnis": "NE", "sonstige": "sonstige", "unbekannt": "unbekannt"}
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["Angebots-Nr", "Titel des Angebots", "Träger", "Ort", "Förderbaustein", "Zielbedarfe",
                "Zugang für", "Plätze", "Beginn", "Ende"])
    for r in records:
        zug = r["zugang"].split("|")
        if zug == sorted(s for s in STATUS if s != "duldung"):
            z = "alle außer Duldung"
        else:
            z = "/".join(words[s] for s in zug)
        d = lambda s: "%s.%s.%s" % (s[8:10], s[5:7], s[:4]) if s else ""
        w.writerow([r["angebot_id"], r["titel"], r["traeger"], r["kommune"],
                    "Baustein %s" % r["baustein"] if r["baustein"] else "",
                    "; ".join(x.capitalize() for x in r["bedarfe"].split("|")), z, r["plaetze"],
                    d(r["beginn"]), d(r["ende"])])
    return out.getvalue().encode("cp1252")


# ---------------------------------------------------------------------------


def kobo_xlsx(path, form, records, lang):
    """formpack Export.to_xlsx: the CSV's header and cells, one sheet per section, written with
    XlsxWriter in constant_memory mode (as formpack does); every cell a string."""
    import xlsxwriter
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("Fragebogen")
    for r, row in enumerate(kobo(form, records, lang, as_rows=True)):
        ws.write_row(r, 0, [str(x) for x in row])
    wb.close()


def main():
    if sys.argv[1] == "--xlsx":
        # For the .xlsx reader (branch xlsx): Kobo's default download of the same records.
        out = sys.argv[2]
        os.makedirs(out, exist_ok=True)
        rng = random.Random(20221231)
        data = {"teilnahmen": make_teilnahmen(rng), "angebote": make_angebote(rng), "mittel": make_mittel(rng)}
        for ds, rows in data.items():
            kobo_xlsx(os.path.join(out, "kobo-labels-%s.xlsx" % ds), office_form(ds), rows, "de")
            kobo_xlsx(os.path.join(out, "template-kobo-labels-%s.xlsx" % ds), template_form(ds), rows, "de")
        return
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20221231)
    data = {"teilnahmen": make_teilnahmen(rng), "angebote": make_angebote(rng), "mittel": make_mittel(rng)}
    # The canonical mittel: the Excel accounting file carries them, so zeros stay zeros
    files = {}
    for ds, rows in data.items():
        write_expected(os.path.join(out, "expected-%s.txt" % ds), ds, rows)
        office, tmpl = office_form(ds), template_form(ds)
        files["kobo-labels-%s.csv" % ds] = kobo(office, rows, "de")
        files["kobo-xml-%s.csv" % ds] = kobo(office, rows, "_xml", hierarchy_in_labels=True)
        files["odk-%s.csv" % ds] = odk(office, rows)
        files["odk-split-%s.csv" % ds] = odk(office, rows, split=True)
        files["limesurvey-codes-%s.csv" % ds] = limesurvey(ls_from_form(office, "office"), rows, "code", "short",
                                                           convert=("1", "2") if ds != "mittel" else None)
        files["limesurvey-full-%s.csv" % ds] = limesurvey(ls_from_form(office, "office"), rows, "full", "long",
                                                          sep=";")
        files["google-forms-%s.csv" % ds] = google_forms(office, rows)
        files["template-kobo-labels-%s.csv" % ds] = kobo(tmpl, rows, "de")
        files["template-kobo-xml-%s.csv" % ds] = kobo(tmpl, rows, "_xml")
        files["template-odk-%s.csv" % ds] = odk(tmpl, rows, split=True)
    files["template-limesurvey-teilnahmen.csv"] = limesurvey(ls_from_lss("teilnahmen"), data["teilnahmen"],
                                                             "code", "long")
    files["excel-mittel.csv"] = excel_mittel(data["mittel"])
    files["excel-angebote.csv"] = excel_angebote(data["angebote"])
    for name, content in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(content)


if __name__ == "__main__":
    main()

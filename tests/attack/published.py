"""What a reader holds: every figure of the published outputs of one report run.

Reads the Sitzungsbericht and Verwendungsnachweis (XLSX: every sheet, the chart
caches; PDF: the text of `pdftotext -layout`) and turns them into
*appearances*: one published cell of one figure, keyed like the kennzahlen
table (kennzahl, dimension, kategorie, field), with its value, `*` (withheld)
or None (not meaningful), its rounding and where it was printed.

Nothing here reads the database or the suppression code: the model is built
from outputs.md, docs/kennzahlen.md and what the outputs show.
"""
import datetime
import glob
import os
import re
import subprocess
import unicodedata
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

class _Withheld:
    """The sign `*`: a withheld figure."""
    def __repr__(self):
        return "*"


WITHHELD = _Withheld()

# Fields of a kennzahlen row that hold figures.
FIELDS = ("zaehler", "nenner", "wert", "ci_unten", "ci_oben")


class Appearance:
    """One published cell of one figure."""
    __slots__ = ("key", "field", "value", "tol", "source", "where")

    def __init__(self, key, field, value, tol, source, where):
        self.key = key          # (kennzahl, dimension, kategorie)
        self.field = field      # one of FIELDS
        self.value = value      # float/int, WITHHELD, or None (x / empty)
        self.tol = tol          # half-width of the rounding the cell shows
        self.source = source    # 'xlsx' or 'pdf' (the format it came from)
        self.where = where      # human-readable place

    def __repr__(self):
        return "Appearance(%r, %s, %r, %s)" % (self.key, self.field, self.value, self.where)


class Published:
    """Everything read from one output folder."""

    def __init__(self):
        self.appearances = []      # Appearance
        self.tests = []            # dict: dimension, kind, chi2, df, p, tol_*, source, where
        self.sentences = []        # (source, where, text) prose the reader sees
        self.texts = []            # all text (Methodik, legends), for the rules
        self.chart_findings = []   # dict: file, chart, series, point, value, cell
        self.warnings = []
        self.files = []
        self.periode_von = None
        self.periode_bis = None
        self.min_fallzahl = None
        self.min_fallzahl_source = None
        self.placement = None
        self.zero_shown_as_dash = True
        self.zero_may_be_withheld = False
        self.numerator_zero_ok = False
        self.ci_method = "wilson"
        self.confidence = 0.95
        self.daten_keys = {}       # (kennzahl, dimension) -> list of kategorie in Daten
        self.daten_rows = {}       # key -> dict field -> value (merged over workbooks)
        self.gesperrt = {}         # key -> 0/1 as the Daten sheet says
        self.complete = set()      # (source, kennzahl, dimension): a whole line was printed
        self.other_periods = {}    # tag -> (von, bis): Daten rows of another period ('kennzahl@tag')
        self.primary = set()       # keys the Daten sheet marks as primarily withheld
        self.row_labels = set()    # the labels of table rows (a code like "2 Berufsbegleitende ...")

    def add(self, key, field, value, tol, source, where):
        self.appearances.append(Appearance(key, field, value, tol, source, where))


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------

def norm(s):
    """Lower case, umlauts kept, every run of non-alphanumerics one space."""
    s = unicodedata.normalize("NFC", str(s)).lower()
    s = re.sub(r"[^0-9a-zäöüß]+", " ", s)
    return s.strip()


def squash(s):
    return norm(s).replace(" ", "")


NUM_RE = r"[-+−]?\d{1,3}(?:\.\d{3})+(?:,\d+)?|[-+−]?\d+(?:,\d+)?"


def parse_de_number(tok):
    """'1.234,5 %' -> (value, tol, unit) with value as a share for '%';
    '*' -> WITHHELD; '–' -> 0; 'x' -> None. Raises ValueError otherwise."""
    t = tok.strip()
    if t == "*":
        return WITHHELD, 0.0, ""
    if t in ("–", "-", "—", "±0", "±0 Pp.", "0 Pp."):
        return 0, 0.0, ""
    if t in ("x", "n. e.", "n.e.", "n. b."):
        return None, 0.0, ""
    unit = ""
    if t.endswith("Pp."):
        # percentage points: a difference of shares
        t = t[:-3].strip().replace("−", "-").replace("+", "")
        if not re.fullmatch(NUM_RE, t):
            raise ValueError(tok)
        decimals = len(t.split(",")[1]) if "," in t else 0
        return float(t.replace(".", "").replace(",", ".")) / 100.0, 0.5 * 10 ** (-decimals) / 100.0, "Pp"
    t = t.replace("−", "-").replace("+", "")
    if t.endswith("%"):
        unit = "%"
        t = t[:-1].strip()
    elif t.endswith("€"):
        unit = "€"
        t = t[:-1].strip()
    if not re.fullmatch(NUM_RE, t):
        raise ValueError(tok)
    decimals = len(t.split(",")[1]) if "," in t else 0
    v = float(t.replace(".", "").replace(",", "."))
    tol = 0.5 * 10 ** (-decimals) if decimals or unit else 0.0
    if unit == "%":
        return v / 100.0, tol / 100.0 if tol else 0.005 / 100.0, unit
    if decimals == 0 and unit == "":
        return int(v), 0.0, unit
    return v, tol, unit


VALUE_TOKEN = re.compile(r"^(?:\*|–|x|n\. ?e\.|±0|(?:" + NUM_RE + r")(?: ?%| ?€| ?Pp\.)?)$")


# ---------------------------------------------------------------------------
# Labels a reader knows (German report); categories are checked against Daten
# ---------------------------------------------------------------------------

DIM_HEADERS = {
    "baustein": "baustein", "kommune": "kommune", "stadtbezirk": "kommune",
    "aufenthaltsstatus": "aufenthaltsstatus", "geschlecht": "geschlecht",
    "altersgruppe": "altersgruppe", "leistungsbezug": "leistungsbezug",
    "staatsangehörigkeit": "staatsangehoerigkeit", "quartal": "quartal",
    "verbleib": "verbleib", "bedarf": "bedarf", "feld": "feld", "grund": "grund",
}
LABEL_HEADERS = set(DIM_HEADERS) | {"kennzahl", "rang", "merkmal", "zeichen"}

CATEGORY_LABELS = {
    "verbleib": {"ausbildung": "ausbildung", "arbeit sozialversicherungspflichtig": "arbeit",
                 "arbeit": "arbeit", "sonstige arbeit": "arbeit_sonstige",
                 "qualifizierung": "qualifizierung", "schule": "schule", "abbruch": "abbruch",
                 "wegzug": "wegzug", "ausreise": "ausreise", "sonstiges": "sonstiges",
                 "unbekannt": "unbekannt"},
    "aufenthaltsstatus": {"aufenthaltsgestattung": "gestattung", "gestattung": "gestattung",
                          "duldung": "duldung", "aufenthaltserlaubnis": "aufenthaltserlaubnis",
                          "niederlassungserlaubnis": "niederlassungserlaubnis",
                          "sonstiger status": "sonstige", "sonstige": "sonstige",
                          "unbekannt": "unbekannt", "ohne angabe": "ohne_angabe"},
    "geschlecht": {"weiblich": "w", "männlich": "m", "divers": "d", "keine angabe": "x",
                   "ohne angabe": "ohne_angabe", "divers oder keine angabe": "d_x"},
    "altersgruppe": {"18 bis 20 jahre": "18-20", "21 bis 23 jahre": "21-23",
                     "24 bis 27 jahre": "24-27", "außerhalb der zielgruppe": "ausserhalb"},
    "bedarf": {"sprache": "sprache", "schulabschluss": "schulabschluss",
               "ausbildung": "ausbildung", "arbeit": "arbeit",
               "qualifizierung": "qualifizierung", "aufenthalt": "aufenthalt",
               "wohnen": "wohnen", "gesundheit": "gesundheit",
               "kinderbetreuung": "kinderbetreuung", "sonstiges": "sonstiges"},
    "leistungsbezug": {"asylblg": "asylblg", "sgb ii": "sgb2", "sgb xii": "sgb12",
                       "keine leistungen": "keiner", "kein leistungsbezug": "keiner",
                       "keiner": "keiner", "unbekannt": "unbekannt", "ohne angabe": "ohne_angabe"},
}

ROW_KENNZAHL = [  # Überblick / Sprache: label prefix -> kennzahl
    ("personen außerhalb", "personen_ausserhalb_zielgruppe"),
    ("personen", "personen"), ("teilnahmen", "teilnahmen"), ("eintritte", "eintritte"),
    ("austritte", "austritte"), ("bestand", "bestand"),
    ("vermittlungsquote", "vermittlungsquote"), ("abbruchquote", "abbruchquote"),
    ("dauer bis zur vermittlung", "dauer_bis_vermittlung"),
    ("anteil der zielgruppe", "zielgruppe_anteil"),
    ("deutsch", "deutsch_b1_quote"), ("sprachprüfung", "pruefung_bestanden_quote"),
    ("hauptschulabschluss", "abschluss_quote"),
]

TITLE_KENNZAHL = [  # table title prefix -> kennzahl of its rate columns
    ("vermittlungsquote nach", "vermittlungsquote"), ("abbruchquote nach", "abbruchquote"),
    ("verbleib", "verbleib_anteil"), ("vollständigkeit", "vollstaendigkeit"),
    ("deutsch", "deutsch_b1_quote"),
]

# Figures in euros: a report table's cell holds them rounded to cents (the Daten sheet exactly).
MONEY_KENNZAHLEN = {"kosten_je_teilnahme", "kosten_je_vermittlung", "mittel_bewilligt", "mittel_verausgabt"}
COUNT_KENNZAHLEN = {"personen", "teilnahmen", "eintritte", "austritte", "bestand",
                    "vermittlungen", "bedarf_personen", "personen_ausserhalb_zielgruppe",
                    "plaetze_zugaenglich", "plaetze_verschlossen", "abgewiesen"}


def column_meaning(header, table_kz, pub=None):
    """A table column header -> (kennzahl or None for the table's, field, status, period tag).
    A header naming a year or period other than the report's is the comparison period's;
    'Veränderung' is this period's figure minus the comparison period's."""
    h = norm(header)
    tag = None
    m = re.search(r"\b((?:19|20)\d{2})(?:\b.*)?$", str(header).strip())
    if m and pub is not None and pub.periode_von:
        year = int(m.group(1))
        rest = norm(str(header).strip()[:m.start()])
        if year != pub.periode_von.year:
            for t, (von, bis) in pub.other_periods.items():
                if von and von.year == year:
                    tag = t
            if tag is None:
                return None
        h = rest or "wert"
    if h.startswith("veränderung") or h.startswith("differenz"):
        return (None, "change", None, None)
    pre = None
    for p, status in (("geduldete", "duldung"), ("gestattete", "gestattung")):
        if h.startswith(p + " "):
            pre = status
            h = h[len(p) + 1:]
    out = None
    if h in ("austritte n",) and table_kz in (None, "trend"):
        out = ("austritte", "zaehler")
    elif h.endswith(" n") or h in ("n", "basis n", "basis"):
        out = (None, "nenner")
    elif h in ("vermittelt", "erreicht", "anzahl", "abbrüche", "mit angabe"):
        out = (None, "zaehler")
    elif h in ("quote", "anteil", "ausschöpfung"):
        out = (None, "wert") if h != "ausschöpfung" else ("ausschoepfung", "wert")
    elif h == "wert":
        out = (None, "wert")
    elif "ki von" in h:
        out = (None, "ci_unten")
    elif "ki bis" in h:
        out = (None, "ci_oben")
    elif h == "zeilen":
        out = (None, "nenner")
    elif h == "eintritte":
        out = ("eintritte", "zaehler")
    elif h == "austritte":
        out = ("austritte", "zaehler")
    elif h == "bestand":
        out = ("bestand", "zaehler")
    elif h == "teilnahmen":
        out = ("teilnahmen", "zaehler")
    elif h == "vermittlungen":
        out = ("vermittlungen", "zaehler")
    elif h == "vermittlungsquote":
        out = ("vermittlungsquote", "wert")
    elif h == "personen mit bedarf":
        out = ("bedarf_personen", "zaehler")
    elif h in ("zugängliche plätze", "offene plätze"):
        out = ("plaetze_zugaenglich", "zaehler")
    elif h == "deckungsgrad":
        out = ("deckungsgrad", "wert")
    elif h == "fehlende plätze":
        out = ("angebotsluecke", "wert")
    elif h == "kosten je teilnahme":
        out = ("kosten_je_teilnahme", "wert")
    elif h == "kosten je vermittlung":
        out = ("kosten_je_vermittlung", "wert")
    elif h == "bewilligt":
        out = ("mittel_bewilligt", "wert")
    elif h == "verausgabt":
        out = ("mittel_verausgabt", "wert")
    elif h == "landesanteil":
        out = ("landesanteil", "wert")
    elif h == "eigenanteil":
        out = ("eigenanteil", "wert")
    if out is None:
        return None
    return out + (pre, tag)


# ---------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------

def cell_value(v):
    """An XLSX cell -> WITHHELD, None (x / empty), or a number; strings else."""
    if v is None:
        return None
    if isinstance(v, str):
        s = v.strip()
        if s == "*":
            return WITHHELD
        if s in ("x", ""):
            return None
        if s in ("–", "-"):
            return 0
        return v
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (int, float)):
        return v
    return v


def load_workbook(path):
    """Every sheet of a workbook as lists of row values (read once)."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheets = {}
    for ws in wb.worksheets:
        sheets[ws.title] = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    return sheets


def read_daten(pub, sheets, path, tag):
    if "Daten" not in sheets:
        pub.warnings.append("%s: no sheet Daten" % os.path.basename(path))
        return
    rows = iter(sheets["Daten"])
    header = [str(h).strip() if h is not None else "" for h in next(rows)]
    col = {h: i for i, h in enumerate(header)}
    for need in ("kennzahl", "dimension", "kategorie"):
        if need not in col:
            pub.warnings.append("%s: Daten has no column %s" % (os.path.basename(path), need))
            return
    n = 0

    def day(v):
        if isinstance(v, datetime.datetime):
            return v.date()
        if isinstance(v, datetime.date):
            return v
        if isinstance(v, str):
            try:
                return datetime.date.fromisoformat(v[:10])
            except ValueError:
                return None
        return None

    for r in rows:
        n += 1
        get = lambda name: r[col[name]] if name in col and col[name] < len(r) else None
        k, d, c = get("kennzahl"), get("dimension"), get("kategorie")
        if k is None:
            continue
        # figures of another period (the previous period of a later schema: column bezug) are
        # kept apart as 'kennzahl@tag' and attacked on their own
        von, bis, bezug = day(get("periode_von")), day(get("periode_bis")), get("bezug")
        if bezug in (None, "", "periode") and pub.periode_von is None and von and bis:
            pub.periode_von, pub.periode_bis = von, bis
        ptag = None
        if bezug not in (None, "", "periode"):
            ptag = str(bezug)
        elif von and bis and pub.periode_von and (von, bis) != (pub.periode_von, pub.periode_bis):
            ptag = "%s..%s" % (von, bis)
        if ptag:
            pub.other_periods[ptag] = (von, bis)
            k = "%s@%s" % (k, ptag)
        key = (str(k), str(d), str(c))
        kd = (key[0], key[1])
        if key not in pub.daten_rows:
            pub.daten_keys.setdefault(kd, []).append(key[2])
            pub.daten_rows[key] = {}
        g = get("gesperrt")
        if g is not None:
            pub.gesperrt[key] = max(pub.gesperrt.get(key, 0), int(g) if not isinstance(g, str) else 1)
        withheld_row = g not in (None, 0, "0", "")
        base = key[0].split("@")[0]
        for f in FIELDS:
            if f not in col:
                continue
            v = cell_value(get(f))
            if isinstance(v, str):
                pub.warnings.append("Daten %s %s: text %r" % (key, f, v))
                continue
            if v is None and withheld_row and (f in ("zaehler", "wert") or
                                               (f == "nenner" and base not in COUNT_KENNZAHLEN)):
                v = WITHHELD   # a withheld row left empty says the same as `*`
            pub.daten_rows[key].setdefault(f, v)
            pub.add(key, f, v, 0.0, "xlsx", "%s Daten" % tag)
        # a column that says why a figure is withheld: 'primaer' = the count itself is small
        gh = get("geheimhaltung")
        if isinstance(gh, str) and gh.strip().lower().startswith("prim"):
            pub.primary.add(key)
        # the Daten sheet is the whole table: a category it lacks is zero
        pub.complete.add(("xlsx", key[0], key[1]))
    return n




def is_text_row(row):
    cells = [v for v in row if v is not None and not (isinstance(v, str) and not v.strip())]
    return len(cells) == 1 and isinstance(row[0], str) and row[0].strip() != ""


def nonempty(row):
    return [i for i, v in enumerate(row) if v is not None and not (isinstance(v, str) and not v.strip())]


class Table:
    def __init__(self, title, header, rows, sheet, first_row):
        self.title = title
        self.header = header
        self.rows = rows          # list of (excel_row_number, cells)
        self.sheet = sheet
        self.first_row = first_row
        self.label_cols = [i for i, h in enumerate(header) if h is not None and norm(h) in LABEL_HEADERS]
        self.value_cols = [i for i, h in enumerate(header) if h is not None and i not in self.label_cols]

    def label(self, cells):
        return " ".join(str(cells[i]) for i in self.label_cols if i < len(cells) and cells[i] is not None)


def find_tables(sheet_name, rows):
    """Tables of a report sheet: a title line, a header row, data rows."""
    title = sheet_name
    tables, texts = [], []
    sheet_title = rows[0][0] if rows and rows[0] and isinstance(rows[0][0], str) else title
    last_text = None
    i = 0
    while i < len(rows):
        row = rows[i]
        ne = nonempty(row)
        if not ne:
            i += 1
            continue
        if is_text_row(row):
            texts.append((i + 1, row[0]))
            last_text = row[0]
            i += 1
            continue
        strings = all(isinstance(row[j], str) for j in ne)
        heads = [norm(row[j]) for j in ne]
        if strings and len(ne) >= 2 and heads and heads[0] in LABEL_HEADERS:
            header = [row[j] if j in ne else None for j in range(len(row))]
            title = last_text if last_text and len(last_text) < 100 else sheet_title
            data = []
            i += 1
            while i < len(rows):
                r = rows[i]
                if not nonempty(r) or is_text_row(r):
                    break
                data.append((i + 1, r))
                i += 1
            tables.append(Table(title, header, data, sheet_name, i))
            last_text = None
            continue
        i += 1
    return tables, texts


def map_category(pub, dim, label):
    """A row label of a table -> the kategorie code in Daten, or None."""
    lab = norm(label)
    if lab in ("insgesamt", "gesamt", "zusammen"):
        return "gesamt"
    cats = []
    for (k, d), cs in pub.daten_keys.items():
        if d == dim:
            for c in cs:
                if c not in cats:
                    cats.append(c)
    if dim == "baustein":
        m = re.match(r"\s*(\d+)\b", str(label))
        if m:
            return m.group(1)
    if lab.startswith("übrige") or lab.startswith("uebrige") or lab.startswith("sonstige kommunen"):
        for c in cats:
            if c.startswith("uebrig") or c.startswith("übrig"):
                return c
    if dim == "feld":
        lab2 = re.sub(r"^teilnahmen\.", "", str(label))
        if lab2 in cats:
            return lab2
        if str(label) in cats:
            return str(label)
    table = CATEGORY_LABELS.get(dim, {})
    if lab in table:
        return table[lab]
    for c in cats:
        if norm(c) == lab:
            return c
    for c in cats:
        if squash(c) == squash(label):
            return c
    return None


def row_kennzahl(label):
    lab = norm(label)
    for p, k in ROW_KENNZAHL:
        if lab.startswith(p):
            return k
    return None


def table_mapping(pub, table):
    """For each data row of a table: list of (col, key, field) it shows."""
    tnorm = norm(table.title)
    heads = [norm(table.header[i]) for i in table.label_cols]
    dims = [DIM_HEADERS[h] for h in heads if h in DIM_HEADERS]
    table_kz = None
    for p, k in TITLE_KENNZAHL:
        if tnorm.startswith(p):
            table_kz = k
    year = None
    m = re.search(r"\b(19|20)\d{2}\b", table.title)
    if m and ("nach baustein" in tnorm or "haushaltsjahr" in tnorm):
        year = m.group(0)
    if "entwicklung" in tnorm or "werte für das diagramm" in tnorm:
        table_kz = "trend"
    out = []
    keyed, unknown = [], []
    for rownum, cells in table.rows:
        label = table.label(cells)
        where = "%s!%d (%s)" % (table.sheet, rownum, label)
        if "kennzahl" in heads:
            k = row_kennzahl(label)
            if k is None:
                pub.warnings.append("unknown row %r in table %r" % (label, table.title))
                continue
            key = (k, "gesamt", "gesamt")
        else:
            parts = [cells[i] for i in table.label_cols if norm(table.header[i]) in DIM_HEADERS]
            if norm(label) in ("insgesamt", "gesamt"):
                key = (None, "gesamt", "gesamt")
                if year:
                    key = (None, "jahr", year)
            else:
                cats = []
                for d, p in zip(dims, parts):
                    c = map_category(pub, d, p)
                    if c is None:
                        cats = None
                        break
                    cats.append(c)
                if cats is None:
                    unknown.append((rownum, cells, label, where))
                    continue
                dim = "×".join(dims)
                cat = "×".join(cats)
                if year and dims == ["baustein"]:
                    dim, cat = "jahr×baustein", "%s×%s" % (year, cat)
                key = (None, dim, cat)
        keyed.append((rownum, cells, label, where, key))
    # one row whose label is not known (a merged group) and one category of Daten left: that one
    if len(unknown) == 1 and len(dims) == 1:
        used = {k[2] for _, _, _, _, k in keyed if k[1] == dims[0]}
        left = set()
        for (kk, d), cs in pub.daten_keys.items():
            if d == dims[0] and "@" not in kk:
                left |= set(cs)
        left -= used | {"gesamt"}
        if len(left) == 1:
            rownum, cells, label, where = unknown.pop()
            keyed.append((rownum, cells, label, where, (None, dims[0], left.pop())))
    for rownum, cells, label, where in unknown:
        if dims != ["feld"]:
            pub.warnings.append("unknown category %r in table %r" % (label, table.title))
    table.unmapped = len(unknown)
    keyed.sort(key=lambda r: r[0])
    for rownum, cells, label, where, key in keyed:
        entries = []
        if label and re.match(r"^\d", str(label)):
            pub.row_labels.add(str(label))
        for ci in table.value_cols:
            cm = column_meaning(table.header[ci], table_kz, pub)
            if cm is None:
                if rownum == table.rows[0][0]:
                    pub.warnings.append("unknown column %r in table %r" % (table.header[ci], table.title))
                continue
            k, field, status, tag = cm
            kz = k or key[0] or (table_kz if table_kz != "trend" else None)
            if kz is None:
                continue
            dim, cat = key[1], key[2]
            if tag:
                kz = "%s@%s" % (kz, tag)
            elif (kz, dim, cat) not in pub.daten_rows and dim not in ("gesamt",):
                # a category of another period in the same table (the trend over both periods)
                for t in pub.other_periods:
                    if ("%s@%s" % (kz, t), dim, cat) in pub.daten_rows:
                        kz = "%s@%s" % (kz, t)
                        break
            if status:
                if dim == "gesamt":
                    dim, cat = "aufenthaltsstatus", status
                else:
                    dim, cat = dim + "×aufenthaltsstatus", cat + "×" + status
            if kz.split("@")[0] in COUNT_KENNZAHLEN and field == "wert":
                field = "zaehler"
            if kz == "dauer_bis_vermittlung" and field == "wert":
                field = "wert"
            entries.append((ci, (kz, dim, cat), field))
        out.append((rownum, cells, label, entries, where))
    return out


def mark_complete(pub, source, mapping, table):
    """A table with a total row prints whole lines: its categories are all there are (when the
    attacker understood every row)."""
    if getattr(table, "unmapped", 0):
        return
    if not any(e[1] == "gesamt" or e[1] == "jahr" for row in mapping for _, e, _f in row[3]):
        return
    for row in mapping:
        for ci, key, field in row[3]:
            if key[1] not in ("gesamt", "jahr"):
                pub.complete.add((source, key[0], key[1]))


class _WS:
    def __init__(self, title):
        self.title = title


def read_sheets(pub, sheets, tag):
    """Every report sheet except Daten: its tables, its sentences."""
    found = []
    for name, rows in sheets.items():
        ws = _WS(name)
        if ws.title == "Daten":
            continue
        tables, texts = find_tables(name, rows)
        heading = ws.title
        for rownum, t in texts:
            pub.texts.append(("xlsx", "%s %s!%d" % (tag, ws.title, rownum), t))
            st = str(t).strip()
            if len(st) < 120 and not st.endswith("."):
                heading = st
                continue
            if ws.title not in ("Deckblatt",):
                pub.sentences.append(("xlsx", "%s %s!%d" % (tag, ws.title, rownum), t,
                                      ws.title if ws.title == "Methodik" else heading))
        for t in tables:
            if norm(t.header[t.label_cols[0]]) in ("merkmal", "zeichen"):
                continue
            mapping = table_mapping(pub, t)
            mark_complete(pub, "xlsx", mapping, t)
            for rownum, cells, label, entries, where in mapping:
                for ci, key, field in entries:
                    v = cell_value(cells[ci]) if ci < len(cells) else None
                    if isinstance(v, str):
                        continue
                    if v is None and "werte für das diagramm" in norm(t.title):
                        continue  # an empty chart-data cell says nothing
                    tol = 0.0
                    if key[0].split("@")[0] in MONEY_KENNZAHLEN and field == "wert":
                        tol = 0.005  # a report's euro cell holds the amount it shows, in cents
                    if field == "change" and isinstance(v, (int, float)) and \
                            key[0].split("@")[0] not in COUNT_KENNZAHLEN and key[0].split("@")[0] != "dauer_bis_vermittlung":
                        v = v / 100.0   # a rate's change in percentage points
                    pub.add(key, field, v, tol, "xlsx", "%s %s" % (tag, where))
            found.append((tag, t, mapping))
    return found


def col_to_idx(col):
    n = 0
    for ch in col:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def check_charts(pub, sheets, path, tag):
    """No chart caches a value for a cell that shows `*`, `x` or nothing."""
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)):
            root = ET.fromstring(z.read(name))
            for numref in root.iter("{%s}numRef" % ns["c"]):
                f = numref.find("c:f", ns)
                cache = numref.find("c:numCache", ns)
                if f is None or cache is None:
                    continue
                m = re.match(r"^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$", f.text.strip())
                if not m:
                    continue
                sheet = m.group(1).replace("''", "'")
                c1, r1 = col_to_idx(m.group(2)), int(m.group(3))
                c2 = col_to_idx(m.group(4)) if m.group(4) else c1
                r2 = int(m.group(5)) if m.group(5) else r1
                cells = []
                rows = sheets.get(sheet, [])
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        v = rows[r - 1][c] if r - 1 < len(rows) and c < len(rows[r - 1]) else None
                        cells.append((r, c, v))
                for pt in cache.findall("c:pt", ns):
                    idx = int(pt.get("idx"))
                    v = pt.find("c:v", ns)
                    if idx >= len(cells) or v is None:
                        continue
                    r, c, cv = cells[idx]
                    shown = cell_value(cv)
                    # a withheld cell must not be drawn (as 0 or as anything); an empty cell of a
                    # chart block (withheld or not meaningful) must not carry a value other than 0
                    if shown is WITHHELD or (cv is None and float(v.text) != 0):
                        pub.chart_findings.append({
                            "file": os.path.basename(path), "chart": name,
                            "range": f.text, "cell": "%s!%s%d" % (sheet, chr(65 + c), r),
                            "cell_shows": "*" if shown is WITHHELD else (cv if cv is not None else ""),
                            "cached": float(v.text)})


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------

def pdf_text(path):
    r = subprocess.run(["pdftotext", "-layout", path, "-"], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, check=True)
    return r.stdout.decode("utf-8", "replace")


HEADING = re.compile(r"^(\d+(?:\.\d+)*)\s+(\S.*)$")


def split_fields(line):
    return [f for f in re.split(r"\s{2,}", line.strip()) if f]


def pdf_lines(text):
    """Lines without running headers and page footers, with page numbers."""
    out = []
    for pno, page in enumerate(text.split("\f"), 1):
        lines = page.split("\n")
        for i, line in enumerate(lines):
            s = line.strip()
            if not s:
                out.append((pno, ""))
                continue
            if re.search(r"Seite \d+ von \d+\s*$", s) or re.search(r"Page \d+ of \d+\s*$", s):
                continue
            if " · " in s and i < 3:
                continue  # running header: "Sitzungsbericht · Kreis Herford · 2022"
            out.append((pno, line.rstrip()))
    return out


def read_pdf(pub, path, tag, xlsx_tables):
    """The PDF's tables (matched to the XLSX table of the same title) and prose."""
    text = pdf_text(path)
    lines = pdf_lines(text)
    titles = {}
    for xtag, t, mapping in xlsx_tables:
        titles.setdefault(squash(t.title), []).append((t, mapping))
    current = None        # (table, mapping) list of the current section
    section = ""
    used = set()
    prose = []
    para = []

    def flush():
        if para:
            prose.append((section, " ".join(para)))
            para.clear()

    for pno, line in lines:
        if not line.strip():
            flush()
            continue
        fields = split_fields(line)
        s = line.strip()
        indent = len(line) - len(line.lstrip())
        hm = HEADING.match(s) if indent == 0 else None
        head_text = hm.group(2) if hm and len(fields) == 1 else (s if len(fields) == 1 and indent == 0 else None)
        if head_text is not None:
            key = squash(re.sub(r"\s*\(Fortsetzung\)$", "", head_text))
            if key in titles:
                flush()
                current = titles[key]
                section = head_text
                continue
            if hm and len(fields) == 1 and len(s) < 90 and not s.endswith("."):
                flush()
                current = None
                section = head_text
                continue
        # trailing value tokens
        vals = []
        for f in reversed(fields):
            if VALUE_TOKEN.match(f):
                vals.insert(0, f)
            else:
                break
        labels = fields[:len(fields) - len(vals)]
        if current and vals and labels:
            lab = squash(" ".join(labels))
            done = False
            for t, mapping in current:
                nval = len(t.value_cols)
                for rownum, cells, label, entries, where in mapping:
                    if (id(t), rownum) in used:
                        continue
                    full = squash(" ".join(str(cells[i]) for i in t.label_cols if cells[i] is not None))
                    if not full.startswith(lab) or not lab:
                        continue
                    if len(vals) == nval:
                        used.add((id(t), rownum))
                        if any(e[1][1] in ("gesamt", "jahr") for e in entries):
                            mark_complete(pub, "pdf", mapping, t)
                        for ci, key, field in entries:
                            pos = t.value_cols.index(ci)
                            try:
                                v, tol, unit = parse_de_number(vals[pos])
                            except ValueError:
                                continue
                            pub.add(key, field, v, tol, "pdf", "%s p.%d %s (%s)" % (tag, pno, section, label))
                        done = True
                        break
                    if len(vals) == 1:
                        # a bar label of the chart under the table: the rate of that row
                        for ci, key, field in entries:
                            if field == "wert":
                                try:
                                    v, tol, unit = parse_de_number(vals[0])
                                except ValueError:
                                    continue
                                if unit == "%" or v is WITHHELD or v is None:
                                    pub.add(key, field, v, tol, "pdf",
                                            "%s p.%d chart %s (%s)" % (tag, pno, section, label))
                                break
                        done = True
                        break
                if done:
                    break
            if done:
                flush()
                continue
        if len(fields) == 1 and indent == 0 and len(re.findall(r"[A-Za-zÄÖÜäöüß]{2,}", s)) >= 3:
            para.append(s)
        else:
            flush()
    flush()
    for sec, p in prose:
        pub.texts.append(("pdf", "%s %s" % (tag, sec), p))
        pub.sentences.append(("pdf", "%s %s" % (tag, sec), p, sec))
    return text


# ---------------------------------------------------------------------------
# Sentences: what the text says about figures
# ---------------------------------------------------------------------------

DIM_WORDS = {"baustein": "baustein", "kommune": "kommune", "stadtbezirk": "kommune",
             "aufenthaltsstatus": "aufenthaltsstatus", "geschlecht": "geschlecht",
             "altersgruppe": "altersgruppe", "leistungsbezug": "leistungsbezug",
             "staatsangehörigkeit": "staatsangehoerigkeit", "quartal": "quartal"}


def de_num(s):
    v, tol, unit = parse_de_number(s)
    return v, tol


def parse_sentences(pub):
    """Figures that sentences state; returns the numbers they accounted for."""
    consumed = []   # (source, where, text, token) tokens explained
    seen = set()
    for source, where, text, section in pub.sentences:
        t = " ".join(text.split())
        ident = (source, t)
        if ident in seen:
            continue
        seen.add(ident)
        # chi-square / Fisher sentence under a table
        for m in re.finditer(r"nach (\w+)[^()]*\((Chi-Quadrat-Test|exakter Test nach Fisher|Fisher)[^)]*\)", t):
            dim = DIM_WORDS.get(m.group(1).lower())
            inner = m.group(0)
            chi = re.search(r"χ²\s*=\s*(" + NUM_RE + ")", inner)
            df = re.search(r"Freiheitsgrade?\s*(\d+)", inner)
            p = re.search(r"p\s*([=<])\s*(" + NUM_RE + ")", inner)
            test = {"dimension": dim, "kind": "fisher" if "Fisher" in m.group(2) else "chi2",
                    "source": source, "where": where}
            if chi:
                test["chi2"], test["chi2_tol"] = de_num(chi.group(1))
                test["chi2_tol"] = max(test["chi2_tol"], 0.005)
                consumed.append(chi.group(1))
            if df:
                test["df"] = int(df.group(1))
            if p:
                v, tol = de_num(p.group(2))
                test["p"], test["p_tol"] = v, max(tol, 0.0005)
                test["p_rel"] = p.group(1)
            if dim:
                pub.tests.append(test)
        # Verbleib der N Austritte
        m = re.search(r"Verbleib der (\S+) Austritte", t)
        if m:
            add_text_count(pub, ("austritte", "gesamt", "gesamt"), m.group(1), source, where)
        # Personen außerhalb der Zielgruppe ...: N.
        m = re.search(r"Personen außerhalb der Zielgruppe[^:]*:\s*(\S+?)\.?$", t)
        if m:
            add_text_count(pub, ("personen_ausserhalb_zielgruppe", "gesamt", "gesamt"),
                           m.group(1), source, where)
        # Sachbericht: one Baustein, one year
        m = re.search(r"Baustein (\d+)\b", section or "")
        if m and ("Teilnahmen" in t or "Vermittlung" in t):
            y = re.search(r"\((\d{4})\)", section or "") or re.search(r"Im Jahr (\d{4})", t)
            year = y.group(1) if y else (str(pub.periode_von.year) if pub.periode_von else None)
            if year:
                parse_sachbericht(pub, m.group(1), year, t, source, where)
    return consumed


def add_text_count(pub, key, tok, source, where, field="zaehler"):
    try:
        v, tol, unit = parse_de_number(tok)
    except ValueError:
        return
    pub.add(key, field, v, tol, source, "%s (text)" % where)


def parse_sachbericht(pub, b, year, t, source, where):
    ykey = lambda k: (k, "jahr×baustein", "%s×%s" % (year, b))
    m = re.search(r"wurden (\S+) Teilnahmen gefördert", t)
    if m:
        add_text_count(pub, ykey("teilnahmen"), m.group(1), source, where)
    if re.search(r"Zahl der Teilnahmen ist gesperrt", t):
        pub.add(ykey("teilnahmen"), "zaehler", WITHHELD, 0, source, where + " (text)")
    m = re.search(r"(\S+) Teilnahmen? endeten", t)
    if m:
        add_text_count(pub, ykey("austritte"), m.group(1), source, where)
    m = re.search(r"(\S+) davon mündeten", t)
    if m:
        add_text_count(pub, ykey("vermittlungen"), m.group(1), source, where)
    if re.search(r"Zahl der Vermittlungen ist gesperrt", t):
        pub.add(ykey("vermittlungen"), "zaehler", WITHHELD, 0, source, where + " (text)")
    m = re.search(r"Vermittlungsquote (" + NUM_RE + r" ?%|\*|x)", t)
    if m:
        # the rate placements / exits of the year: carried as its own figure
        try:
            v, tol, unit = parse_de_number(m.group(1))
            pub.add(("vermittlungen_quote_text", "jahr×baustein", "%s×%s" % (year, b)), "wert", v, tol,
                    source, where + " (text)")
        except ValueError:
            pass


# ---------------------------------------------------------------------------
# Rules the reports state
# ---------------------------------------------------------------------------

def read_rules(pub):
    alltext = " ".join(t for _, _, t in pub.texts)
    m = re.search(r"Fallzahlen (?:unter|kleiner als) (\d+)", alltext)
    if m:
        pub.min_fallzahl = int(m.group(1))
        pub.min_fallzahl_source = m.group(0)
    pub.zero_shown_as_dash = bool(re.search(r"–\s*nichts vorhanden|genau null", alltext)) or True
    # "Ein gesperrter Wert ist mindestens 1, außer beim Zähler einer gesperrten Quote: er kann
    # auch 0 sein": the numerator of a withheld rate may be 0 (also where its n is shown).
    if re.search(r"Zähler (?:einer|von) gesperrten? Quoten?[^.]{0,40}\b(?:0|null|Null)\b", alltext):
        pub.numerator_zero_ok = True
    # A report that says zeros (or 0 %/100 % rates) can be withheld.
    if re.search(r"(auch|ebenso|ebenfalls)[^.]{0,60}\b(Nullen|null|0 %|100 %)[^.]{0,60}gesperrt", alltext) or \
       re.search(r"gesperrt[^.]{0,60}(auch|ebenso|ebenfalls)[^.]{0,40}\b(Nullen|0 %|100 %)", alltext):
        pub.zero_may_be_withheld = True
    pub.ci_method = "clopper-pearson" if re.search(r"Clopper", alltext) else "wilson"
    m = re.search(r"(\d+)-%-(?:Konfidenz)?[Ii]ntervall", alltext)
    pub.confidence = int(m.group(1)) / 100.0 if m else 0.95
    m = re.search(r"Vermittlungsquote: Austritte mit Verbleib in (.*?), geteilt", alltext)
    if m:
        labels = re.split(r",\s*|\s+und\s+|\s+oder\s+", m.group(1))
        codes = set()
        for lab in labels:
            c = CATEGORY_LABELS["verbleib"].get(norm(lab))
            if c:
                codes.add(c)
        if codes:
            pub.placement = codes
    if pub.placement is None:
        pub.placement = {"ausbildung", "arbeit", "qualifizierung", "schule"}
        pub.warnings.append("placement set not found in the text; using the default")


def find_outputs(out):
    files = sorted(glob.glob(os.path.join(out, "*.xlsx"))) + sorted(glob.glob(os.path.join(out, "*.pdf")))
    return files


def read_published(out):
    pub = Published()
    files = find_outputs(out)
    pub.files = [os.path.basename(f) for f in files]
    xlsx = [f for f in files if f.endswith(".xlsx")]
    pdfs = [f for f in files if f.endswith(".pdf")]
    if not xlsx and not pdfs:
        raise SystemExit("attack: %s: no report files" % out)

    def tag_of(f):
        b = os.path.basename(f)
        return "SB" if b.startswith("sitzung") else ("VN" if b.startswith("verwendung") else b)

    books = {f: load_workbook(f) for f in xlsx}
    for f in xlsx:
        read_daten(pub, books[f], f, tag_of(f) + ".xlsx")
    tables_by_report = {}
    for f in xlsx:
        tables_by_report[tag_of(f)] = read_sheets(pub, books[f], tag_of(f) + ".xlsx")
        check_charts(pub, books[f], f, tag_of(f) + ".xlsx")
    for f in pdfs:
        read_pdf(pub, f, tag_of(f) + ".pdf", tables_by_report.get(tag_of(f), []))
    read_rules(pub)
    parse_sentences(pub)
    return pub

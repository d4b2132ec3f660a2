#!/usr/bin/python3
"""Checks a report XLSX against the report's model, in the workbook's XML.

    xlsx_check.py MODEL.tsv REPORT.xlsx

MODEL.tsv is what tests/tools/report_model prints. Checked:
  - charts: wherever a chart names a confidence interval (in its title, axis
    titles or series names) it has series that draw it: a floating bar
    (a stacked bar whose first series is not filled, then the parts from the
    lower bound to the upper) or the two bounds as line series; and a chart
    whose table has an interval names it;
  - no withheld point is cached as a number (0 or any other) in any series,
    and a withheld category is labelled "*";
  - every category of a bar chart is labelled: no tick label skipping;
  - frozen panes: only on a sheet with one table, right below that table's
    header (so a frozen header always belongs to what scrolls under it);
  - printing: A4, scale at least 80 % (10-pt text prints at 8 pt or more),
    no fit-to-page shrinking, the header repeated on a one-table sheet;
  - charts below their tables: no chart starts to the right of a table's
    first column;
  - Verwendungsnachweis: every euro cell holds a whole number of cents, each
    money total is the sum of the rows shown above it, and a sheet has a place
    for signature and date.
Prints one line per problem, exits 1 if there is any.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
CI_WORDS = re.compile(r"Konfidenzintervall|confidence interval|\bKI\b|\bCI\b|95-%-KI")


def read_model(path):
    tables, charts, sheets = {}, [], []
    sheet = None
    for raw in open(path, encoding="utf-8"):
        f = raw.rstrip("\n").split("\t")
        if f[0] == "section":
            sheet = {"name": f[4], "tables": [], "charts": []}
            if f[4]:
                sheets.append(sheet)
        elif f[0] == "table":
            t = {"id": int(f[1]), "cols": [], "rows": [], "caption": f[5]}
            tables[t["id"]] = t
            if sheet is not None:
                sheet["tables"].append(t)
        elif f[0] == "column":
            tables[int(f[1])]["cols"].append(f[4])
        elif f[0] == "row":
            tables[int(f[1])]["rows"].append((f[3] == "1", f[4:]))
        elif f[0] == "chart" and len(f) > 10 and f[10] == "0":
            continue  # withheld values only: no chart
        elif f[0] == "chart":
            ch = {"kind": f[1], "table": int(f[2]), "lo": int(f[3]), "hi": int(f[4]), "val": int(f[5]), "title": f[7],
                  "vals": [int(v) for v in f[11].split(",")] if len(f) > 11 else [int(f[5])]}
            charts.append(ch)
            if sheet is not None:
                sheet["charts"].append(ch)
    return tables, charts, sheets


def col_index(ref):
    letters = re.match(r"([A-Z]+)", ref).group(1)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class Book:
    def __init__(self, path):
        self.z = zipfile.ZipFile(path)
        wb = ET.fromstring(self.z.read("xl/workbook.xml"))
        rels = ET.fromstring(self.z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        self.sheets = []
        for s in wb.find("m:sheets", NS):
            rid = s.get("{%s}id" % NS["r"])
            self.sheets.append((s.get("name"), "xl/" + target[rid]))
        self.defined = {}
        dn = wb.find("m:definedNames", NS)
        for d in (dn if dn is not None else []):
            self.defined.setdefault(d.get("name"), []).append((d.get("localSheetId"), d.text))
        ss = self.z.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in self.z.namelist() else None
        self.strings = []
        if ss:
            for si in ET.fromstring(ss).findall("m:si", NS):
                self.strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        styles = ET.fromstring(self.z.read("xl/styles.xml"))
        numfmts = {n.get("numFmtId"): n.get("formatCode") for n in styles.iter("{%s}numFmt" % NS["m"])}
        xfs = styles.find("m:cellXfs", NS)
        self.xf_format = [numfmts.get(x.get("numFmtId"), "") for x in xfs]

    def sheet_xml(self, path):
        return ET.fromstring(self.z.read(path))

    def cells(self, path):
        """{(row, col): (value, format)} of a sheet, strings resolved."""
        out = {}
        for c in self.sheet_xml(path).iter("{%s}c" % NS["m"]):
            ref = c.get("r")
            row = int(re.search(r"\d+", ref).group()) - 1
            v = c.find("m:v", NS)
            if v is None:
                continue
            val = v.text
            if c.get("t") == "s":
                val = self.strings[int(val)]
            else:
                val = float(val)
            out[(row, col_index(ref))] = (val, self.xf_format[int(c.get("s", "0"))])
        return out

    def drawing_of(self, path):
        base = path.rsplit("/", 1)
        rel = "%s/_rels/%s.rels" % (base[0], base[1])
        if rel not in self.z.namelist():
            return None
        for r in ET.fromstring(self.z.read(rel)):
            if r.get("Type").endswith("/drawing"):
                return "xl/drawings/" + r.get("Target").rsplit("/", 1)[1]
        return None

    def charts_of(self, drawing):
        """[(chart path, from col, from row)] in drawing order."""
        rel = drawing.replace("drawings/", "drawings/_rels/") + ".rels"
        target = {r.get("Id"): "xl/charts/" + r.get("Target").rsplit("/", 1)[1] for r in ET.fromstring(self.z.read(rel))}
        out = []
        for anchor in self.sheet_xml(drawing):
            frm = anchor.find("xdr:from", NS)
            chart = anchor.find(".//c:chart", NS)
            if frm is None or chart is None:
                continue
            out.append((target[chart.get("{%s}id" % NS["r"])], int(frm.find("xdr:col", NS).text),
                        int(frm.find("xdr:row", NS).text)))
        return out


def chart_info(xml):
    root = ET.fromstring(xml)
    texts = [t.text or "" for t in root.iter("{%s}t" % NS["a"])]
    series = []
    for ser in root.iter("{%s}ser" % NS["c"]):
        name = ser.find("c:tx/c:v", NS)
        sp = ser.find("c:spPr", NS)
        cats = [(int(p.get("idx")), p.find("c:v", NS).text or "") for p in ser.findall("c:cat//c:pt", NS)]
        vals = {int(p.get("idx")): float(p.find("c:v", NS).text) for p in ser.findall("c:val//c:pt", NS)}
        count = ser.find("c:val//c:ptCount", NS)
        series.append({"name": name.text if name is not None else "",
                       "nofill": sp is not None and sp.find("a:noFill", NS) is not None,
                       "cats": cats, "vals": vals, "count": int(count.get("val")) if count is not None else 0,
                       "ref": (ser.find("c:val//c:f", NS).text if ser.find("c:val//c:f", NS) is not None else "")})
    grouping = root.find(".//c:grouping", NS)
    kind = "bar" if root.find(".//c:barChart", NS) is not None else "line"
    skips = [int(e.get("val")) for e in root.iter("{%s}tickLblSkip" % NS["c"])]
    return {"texts": texts, "series": series, "stacked": grouping is not None and grouping.get("val") == "stacked",
            "kind": kind, "skips": skips}


def main():
    model_path, xlsx = sys.argv[1], sys.argv[2]
    tables, charts, msheets = read_model(model_path)
    book = Book(xlsx)
    problems = []
    name = xlsx.rsplit("/", 1)[-1]

    def fail(sheet, msg):
        problems.append("%s: %s: %s" % (name, sheet, msg))

    model_by_name = {s["name"][:31]: s for s in msheets}
    for idx, (sheet, path) in enumerate(book.sheets):
        root = book.sheet_xml(path)
        ms = model_by_name.get(sheet)
        # --- printing ---
        ps = root.find("m:pageSetup", NS)
        if ps is None or ps.get("paperSize") != "9":
            fail(sheet, "not set to print on A4")
        elif int(ps.get("scale", "100")) < 80:
            fail(sheet, "prints at %s %%: 10-pt text under 8 pt" % ps.get("scale"))
        spr = root.find("m:sheetPr/m:pageSetUpPr", NS)
        if spr is not None and spr.get("fitToPage") == "1":
            fail(sheet, "shrinks to fit the page (text may print under 8 pt)")
        # --- frozen panes ---
        pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
        n_tables = len(ms["tables"]) if ms else 0
        if pane is not None and pane.get("state") == "frozen":
            top = int(float(pane.get("ySplit", "0")))
            cells = book.cells(path)
            if n_tables != 1 or (ms and ms["charts"]):
                fail(sheet, "freezes %d rows on a sheet with %d tables and %d charts" % (top, n_tables, len(ms["charts"]) if ms else 0))
            elif ms:
                head = ms["tables"][0]["cols"]
                row = [cells.get((top - 1, c), ("", ""))[0] for c in range(len(head))]
                if row != head:
                    fail(sheet, "the frozen rows end in %s, not the table's header %s" % (row, head))
                titles = book.defined.get("_xlnm.Print_Titles", [])
                if not any(t[0] == str(idx) for t in titles):
                    fail(sheet, "the header is not repeated on printed pages")
            if top > 8:
                fail(sheet, "freezes %d rows" % top)
        # --- charts ---
        drawing = book.drawing_of(path)
        chart_list = book.charts_of(drawing) if drawing else []
        mcharts = ms["charts"] if ms else []
        if len(chart_list) != len(mcharts):
            fail(sheet, "%d charts, the model has %d" % (len(chart_list), len(mcharts)))
        cells = book.cells(path) if chart_list else {}
        for (cpath, col, row), mc in zip(chart_list, mcharts):
            info = chart_info(book.z.read(cpath))
            title = mc["title"]
            if col != 0:
                fail(sheet, "chart '%s' stands beside a table (column %d), not below it" % (title, col))
            t = tables[mc["table"]]
            has_ci = mc["lo"] >= 0 and mc["hi"] >= 0
            named = any(CI_WORDS.search(x) for x in info["texts"] + [s["name"] for s in info["series"]])
            drawn = (info["kind"] == "bar" and info["stacked"] and len(info["series"]) >= 3 and info["series"][0]["nofill"]
                     and all(s["vals"] for s in info["series"][1:3])) or \
                    (info["kind"] == "line" and sum(1 for s in info["series"] if CI_WORDS.search(s["name"]) and s["vals"]) >= 2)
            if named and not drawn:
                fail(sheet, "chart '%s' names a confidence interval but draws none" % title)
            if has_ci and not named:
                fail(sheet, "chart '%s': its table has an interval, the chart does not name it" % title)
            if any(k > 1 for k in info["skips"]):
                fail(sheet, "chart '%s' labels only every %d. category" % (title, max(info["skips"])))
            # withheld points: their rows in the model, in chart order
            rows = [cells_ for total, cells_ in t["rows"] if not (mc["kind"] == "bar" and total)]
            for k, s in enumerate(info["series"]):
                if s["count"] != len(rows):
                    fail(sheet, "chart '%s', series '%s': %d points for %d rows" % (title, s["name"], s["count"], len(rows)))
                    continue
                # a line chart's series k draws value column k; the bounds and a floating bar's parts go with the value
                col = mc["vals"][k] if k < len(mc["vals"]) and not info["stacked"] else mc["val"]
                for i, cells_ in enumerate(rows):
                    v = cells_[col] if col < len(cells_) else ""
                    if v in ("*", "x") and i in s["vals"]:
                        fail(sheet, "chart '%s', series '%s': %s point '%s' cached as %g"
                             % (title, s["name"], "withheld" if v == "*" else "undefined", cells_[0], s["vals"][i]))
            cats = dict(info["series"][0]["cats"]) if info["series"] else {}
            for i, cells_ in enumerate(rows):
                v = cells_[mc["val"]] if mc["val"] < len(cells_) else ""
                if v == "*" and mc["kind"] == "bar" and "*" not in cats.get(i, ""):
                    fail(sheet, "chart '%s': withheld category '%s' not labelled *" % (title, cats.get(i, cells_[0])))
    # --- Verwendungsnachweis money ---
    if "verwendungsnachweis" in name:
        signed = False
        for sheet, path in book.sheets:
            cells = book.cells(path)
            texts = [v for (v, f) in cells.values() if isinstance(v, str)]
            if any("Unterschrift" in s or "signature" in s for s in texts) and any("Datum" in s or "date" in s for s in texts):
                signed = True
            if sheet == "Daten":
                continue
            for (r, c), (v, f) in cells.items():
                if isinstance(v, float) and "\u20ac" in f and abs(round(v * 100) - v * 100) > 1e-6:
                    fail(sheet, "cell %s%d holds %r: not rounded to the cent" % (chr(65 + c), r + 1, v))
            # totals: a row whose first cell is the total label sums the euro cells above it
            rows = sorted(set(r for r, c in cells))
            for r in rows:
                first = cells.get((r, 0), ("", ""))[0]
                if first not in ("Insgesamt", "Total"):
                    continue
                for c in range(1, 8):
                    v, f = cells.get((r, c), (None, ""))
                    if not isinstance(v, float) or "\u20ac" not in f:
                        continue
                    above, q = [], r - 1
                    while q >= 0 and (q, 0) in cells and cells[(q, 0)][0] not in ("Insgesamt", "Total") and \
                            not (cells.get((q, c), ("", ""))[1] == "" and isinstance(cells.get((q, c), ("", ""))[0], str)
                                 and cells[(q, c)][0] not in ("*", "x")):
                        above.append(cells.get((q, c), (None, ""))[0])
                        q -= 1
                    header = cells.get((q, c), ("", ""))[0]
                    if "je" in str(header) or "per" in str(header):
                        continue  # a cost per case is a ratio, not a sum
                    if all(isinstance(a, float) for a in above) and above:
                        if abs(sum(above) - v) > 0.005:
                            fail(sheet, "total %r in column '%s' is not the sum of the rows shown (%r)"
                                 % (v, header, round(sum(above), 2)))
        if not signed:
            fail("-", "no place for signature and date")
    for p in problems:
        print(p)
    print("# %s: %d sheets, %d charts, %d problems" % (name, len(book.sheets), len(charts), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

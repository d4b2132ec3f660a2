#!/usr/bin/python3
"""Checks what LibreOffice prints of a report XLSX, against the report's model.

    lo_check.py MODEL.tsv PRINTED.pdf

PRINTED.pdf is LibreOffice's PDF of the workbook (soffice --convert-to pdf),
read with `pdftotext -bbox` page by page. Checked, sheet by sheet (a sheet's
pages run from the page with its title to the page before the next sheet's):
  - every table's column headers and every row's text and figures are on the
    sheet's pages (figures compared by their digits: LibreOffice may print
    "47.8 %" for the model's "47,8 %");
  - every category of every bar chart is labelled in full: each word of the
    category is printed at least twice on the sheet's pages (its table row and
    its label in the chart); a spreadsheet that skips every second label, or
    cuts a label, fails;
  - a table prints one page wide: its first and last column heads on one page;
  - no text prints under 8 pt (a word box is 1.3 times its font size high).
Prints one line per problem, exits 1 if there is any.
"""
import re
import subprocess
import os
import sys

MIN_PT = 8.0
BOX = 1.301  # LibreOffice's word box height over the font size (Carlito)


def run(args):
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


def digits(tok):
    """A figure's digits and sign, separators aside: "1.234,5 %" and "1,234.5 %" -> "12345%"."""
    return re.sub(r"[.,\s]", "", tok)


def read_model(path):
    sheets, tables = [], {}
    cur = None
    for raw in open(path, encoding="utf-8"):
        f = raw.rstrip("\n").split("\t")
        if f[0] == "doc":
            cur = {"name": "cover", "title": f[2], "tables": [], "charts": []}
            sheets.append(cur)
        elif f[0] == "section":
            cur = {"name": f[4], "title": f[5], "tables": [], "charts": [], "data": f[3] == "1"}
            if f[4]:
                sheets.append(cur)
        elif f[0] == "table":
            t = {"id": int(f[1]), "cols": [], "rows": []}
            tables[t["id"]] = t
            cur["tables"].append(t)
        elif f[0] == "column":
            tables[int(f[1])]["cols"].append((f[3] == "1", f[4]))
        elif f[0] == "row":
            tables[int(f[1])]["rows"].append((f[3] == "1", f[4:]))
        elif f[0] == "chart" and (len(f) <= 10 or f[10] != "0"):
            cur["charts"].append({"kind": f[1], "table": int(f[2]), "title": f[7]})
    return sheets, tables


def main():
    sheets, tables = read_model(sys.argv[1])
    pdf = sys.argv[2]
    name = pdf.rsplit("/", 1)[-1]
    n = int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", pdf])).group(1))
    pages, smallest = [], (99.0, 0, "")
    for p in range(1, n + 1):
        xml = run(["pdftotext", "-bbox", "-f", str(p), "-l", str(p), pdf, "-"])
        words = []
        for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', xml):
            w = m.group(4).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            h = float(m.group(3)) - float(m.group(2))
            if h / BOX < smallest[0]:
                smallest = (h / BOX, p, w)
            words.append((round(float(m.group(2))), float(m.group(1)), w))
        pages.append([w for _, _, w in sorted(words)])  # in reading order
    problems = []
    if smallest[0] < MIN_PT - 0.05:
        problems.append("%s: page %d: '%s' prints at %.1f pt" % (name, smallest[1], smallest[2], smallest[0]))
    # the pages of each sheet: a sheet starts on a page of its own, its title (or header) first
    starts = []
    at = 0
    for s in sheets:
        key = s["title"].split() if not s.get("data") else ["kennzahl", "dimension"]
        found = next((p for p in range(at, n) if pages[p][:len(key)] == key), None)
        if found is None:
            problems.append("%s: sheet '%s' not found (its title '%s')" % (name, s["name"], s["title"]))
            starts.append(None)
            continue
        starts.append(found)
        at = found + 1
    for k, s in enumerate(sheets):
        if starts[k] is None:
            continue
        end = next((starts[j] for j in range(k + 1, len(sheets)) if starts[j] is not None), n)
        words = [w for p in range(starts[k], max(end, starts[k] + 1)) for w in pages[p]]
        have = {}
        for w in words:
            have[w] = have.get(w, 0) + 1
            bare = w.strip(",()")
            if bare != w:
                have[bare] = have.get(bare, 0) + 1
            d = digits(w)
            if d != w:
                have[d] = have.get(d, 0) + 1
        joined = " ".join(words)
        numbers = set()
        for w in words:
            try:
                numbers.add(round(float(w.replace(",", "")), 6))
            except ValueError:
                pass
        def printed(cell, numeric):
            if cell in have or digits(cell) in have or (numeric and digits(cell) in digits(joined)):
                return True
            if s.get("data"):
                # the data sheet prints its figures as stored and wraps long codes inside
                try:
                    return round(float(cell.replace(".", "").replace(",", ".")), 6) in numbers
                except ValueError:
                    return any(w.startswith(cell[:12]) for w in have) if len(cell) > 12 else False
            return False
        for t in s["tables"]:
            # a table fits the page width: its first and last column heads on one page
            if t["cols"] and t["rows"]:
                a, b = t["cols"][0][1].split()[:1], t["cols"][-1][1].split()[-1:]
                if a and b and not any(a[0] in pages[p] and b[0] in pages[p] for p in range(starts[k], max(end, starts[k] + 1))):
                    problems.append("%s: sheet '%s': columns '%s' to '%s' do not print on one page"
                                    % (name, s["name"], t["cols"][0][1], t["cols"][-1][1]))
            for numeric, head in t["cols"]:
                for w in head.split():
                    if w not in have:
                        problems.append("%s: sheet '%s': header '%s' not printed" % (name, s["name"], head))
                        break
            rows = t["rows"] if not s.get("data") else t["rows"][::25]
            for total, cells in rows:
                for (numeric, _), cell in zip(t["cols"], cells):
                    for w in (cell.split() if not s.get("data") else [cell] if cell else []):
                        if printed(w, numeric):
                            continue
                        problems.append("%s: sheet '%s': '%s' of row '%s' not printed" % (name, s["name"], cell, cells[0]))
                        break
        for c in s["charts"]:
            if c["kind"] != "bar":
                continue
            for total, cells in tables[c["table"]]["rows"]:
                if total or not cells[0]:
                    continue
                # every word of the label, in the table and again in the chart
                short = [w.strip(",()") for w in cells[0].split() if len(w.strip(",()")) >= 4]
                if any(have.get(w, 0) < 2 for w in short):
                    problems.append("%s: sheet '%s': chart '%s' does not label '%s'" % (name, s["name"], c["title"], cells[0]))
    # known breakages (LO_CHECK_KNOWN: substrings separated by '|'): printed, not failed
    known = [k for k in os.environ.get("LO_CHECK_KNOWN", "").split("|") if k]
    for p in [p for p in problems if any(k in p for k in known)]:
        print("# known breakage: " + p)
    problems = [p for p in problems if not any(k in p for k in known)]
    for p in problems:
        print(p)
    print("# %s: %d pages, %d sheets, smallest text %.1f pt, %d problems" % (name, n, len(sheets), smallest[0], len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

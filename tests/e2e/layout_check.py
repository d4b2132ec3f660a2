#!/usr/bin/python3
"""Checks the layout of a report PDF page by page against the report's model.

    layout_check.py MODEL.tsv REPORT.pdf

MODEL.tsv is what tests/tools/report_model prints. The PDF is read with
poppler's `pdftotext -bbox -f N -l N` (words and their boxes), one page at a
time, as a reader sees it. Checked:
  - no word drawn over another, and no two texts drawn without a gap between them;
  - no word broken inside: no word on any page is a piece of a word of the
    model's texts cut anywhere but after a hyphen ("Deckungsgra" / "d");
  - no table row takes more than three lines (a name squeezed into a column
    too narrow for it wraps to four or more);
  - no table row carried over alone: where a table breaks across pages, at
    least 3 of its rows stand on each page (a table of fewer than 6 rows is
    never split), so the total row never stands alone;
  - a heading stays with what it heads (its table's first rows, paragraph or
    chart), and a paragraph that introduces a table or chart (one that does
    not follow a table or chart) stays with it;
  - no page is less than a quarter full, except the cover, the last page,
    and a page that holds a whole short section (it opens that section, and
    the next page opens the next): the end of a section never trails onto a
    nearly empty page;
  - the signs a table uses (*, -, x) are explained under it, on the page of
    its last row;
  - a percent bar chart's axis ends at a round value at or above the largest
    value or bound it draws, and not far above (not 100 % for data at 17 %).
Prints one line per problem and exits 1 if there is any; prints a summary.
"""
import re
import subprocess
import sys

PAGE_H = 841.89
TOP, BOTTOM = 76.0, 841.89 - 66.0
MIN_ROWS = 3
MAX_LINES = 3  # lines a table row may take (a column as narrow as its longest word wraps a name to four)
SIGN_TEXT = {
    1: "* Wert gesperrt",
    2: "\u2013 nichts vorhanden",
    4: "x Wert nicht sinnvoll",
}
SIGN_TEXT_EN = {1: "* value withheld", 2: "\u2013 nothing", 4: "x not meaningful"}
NUMERIC = re.compile(r"^[<>]?[-\u2013+]?\u20ac?[\d.,]*\d[\d.,]*%?$|^[%\u20ac*x\u2013]$|^\(?\d+\)?$")
HYPHEN_BREAK = re.compile(r"(?<=[0-9A-Za-z\u00c0-\uffff])-(?=[0-9A-Za-z\u00c0-\uffff])")


def run(args):
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


def read_model(path):
    doc = {"sections": [], "tables": {}}
    blocks = []  # (kind, payload) in reading order, PDF sections only
    section = None
    for raw in open(path, encoding="utf-8"):
        f = raw.rstrip("\n").split("\t")
        kind = f[0]
        if kind == "doc":
            doc["cover"] = f[1] == "1"
            doc["cover_texts"] = []
        elif kind == "cover":
            doc["cover_texts"].extend(f[1:])
        elif kind == "section":
            section = {"number": int(f[1]), "new_page": f[2] == "1", "xlsx_only": f[3] == "1",
                       "title": f[5], "sub": 0}
            doc["sections"].append(section)
            if not section["xlsx_only"]:
                blocks.append(("section", "%d  %s" % (section["number"], section["title"])))
        elif section and section["xlsx_only"]:
            continue
        elif kind == "heading":
            section["sub"] += 1
            blocks.append(("heading", "%d.%d  %s" % (section["number"], section["sub"], f[1])))
        elif kind in ("paragraph", "note", "signature"):
            blocks.append((kind, f[1]))
        elif kind == "table":
            t = {"id": int(f[1]), "signs": int(f[4]), "caption": f[5], "cols": [], "rows": []}
            doc["tables"][t["id"]] = t
            blocks.append(("table", t))
        elif kind == "column":
            doc["tables"][int(f[1])]["cols"].append((f[3] == "1", f[4]))
        elif kind == "row":
            doc["tables"][int(f[1])]["rows"].append((f[3] == "1", f[4:]))
        elif kind == "chart" and len(f) > 10 and f[10] == "0":
            continue  # withheld values only: no chart, the table says it
        elif kind == "chart":
            blocks.append(("chart", {"kind": f[1], "table": int(f[2]), "lo": int(f[3]), "hi": int(f[4]),
                                     "val": int(f[5]), "percent": f[6] == "1", "title": f[7],
                                     "axes": f[8:10]}))  # (models of older builds lack the last fields)
    doc["blocks"] = blocks
    return doc


def read_pages(pdf):
    n = int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", pdf])).group(1))
    pages = []
    for p in range(1, n + 1):
        xml = run(["pdftotext", "-bbox", "-f", str(p), "-l", str(p), pdf, "-"])
        words = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', xml):
            w = m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            words.append((float(m.group(2)), float(m.group(1)), float(m.group(4)), w, float(m.group(3))))
        # lines: words whose tops lie within 2 pt, left to right
        words.sort()
        lines = []
        for y, x, ymax, w, xmax in words:
            if lines and abs(lines[-1]["y"] - y) < 2.0:
                lines[-1]["words"].append((x, w, xmax))
                lines[-1]["ymax"] = max(lines[-1]["ymax"], ymax)
            else:
                lines.append({"y": y, "ymax": ymax, "words": [(x, w, xmax)]})
        for ln in lines:
            ln["words"].sort()
            ln["tokens"] = [w for _, w, _ in ln["words"]]
        body = [ln for ln in lines if TOP - 30 < ln["y"] < BOTTOM]  # no running header and footer
        fill = max([ln["ymax"] for ln in body], default=TOP)
        text, offsets = "", []
        for ln in body:
            offsets.append(len(text))
            text = norm(text + " " + " ".join(ln["tokens"]))
        pages.append({"lines": lines, "body": body, "fill": (fill - TOP) / (BOTTOM - TOP),
                      "text": text, "offsets": offsets})
    return pages


def norm(s):
    """One space between words; a line break after a hyphen joins the word again."""
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"(?<=[^\s\-])- (?=[0-9A-Za-z\u00c0-\uffff])", "-", s)


def words_of(text):
    return [w for w in re.split(r"\s+", text) if w]


def pieces(word):
    """The parts a word may break into: after a hyphen between letters or digits."""
    out, start = [], 0
    for m in HYPHEN_BREAK.finditer(word):
        out.append(word[start:m.end()])
        start = m.end()
    out.append(word[start:])
    return out


class Checker:
    def __init__(self, doc, pages, name):
        self.doc, self.pages, self.name = doc, pages, name
        self.problems = []

    def fail(self, page, msg):
        self.problems.append("%s: page %s: %s" % (self.name, page, msg))

    # --- words ---
    def check_words(self):
        model_words = set()
        for kind, payload in self.doc["blocks"]:
            texts = []
            if kind == "table":
                texts = [payload["caption"]] + [h for _, h in payload["cols"]]
                texts += [c for _, cells in payload["rows"] for c in cells]
            elif kind == "chart":
                texts = [payload["title"]] + payload["axes"]
            else:
                texts = [payload]
            for t in texts:
                model_words.update(words_of(t))
        for t in self.doc.get("cover_texts", []):
            model_words.update(words_of(t))
        allowed = set(model_words)
        for w in model_words:
            # a hyphen break may leave any run of pieces on a line
            ps = pieces(w)
            for i in range(len(ps)):
                for j in range(i + 1, len(ps) + 1):
                    allowed.add("".join(ps[i:j]))
        # the running header and footer, and the renderer's own words
        for pg in self.pages:
            for ln in pg["lines"]:
                if not (TOP - 30 < ln["y"] < BOTTOM):
                    allowed.update(ln["tokens"])
        # words the renderer adds: continued captions, chart legends, the signature block
        allowed.update(words_of("(Fortsetzung) (continued) 95-%-Konfidenzintervall 95% confidence interval "
                                "Ort, Datum Rechtsverbindliche Unterschrift Geschäftsführende Stelle "
                                "Place, date Authorised signature Managing office"))
        strip = lambda w: w.strip(".,;:()\u201e\u201c\u201d\"'")
        allowed.update([strip(w) for w in list(allowed)])
        long_words = set(strip(w) for w in model_words if len(strip(w)) >= 3)
        for no, pg in enumerate(self.pages, 1):
            for ln in pg["body"]:
                for tok in ln["tokens"]:
                    tok = strip(tok)
                    if len(tok) < 2 or tok in allowed or NUMERIC.match(tok):
                        continue
                    # two texts drawn without a gap read as one word ("Zeilen0,0 %" on a cover)
                    split = next((k for k in range(2, len(tok) - 1)
                                  if tok[:k] in allowed and (tok[k:] in allowed or NUMERIC.match(tok[k:]))), None)
                    if split is not None:
                        self.fail(no, "words run together: '%s' is '%s' and '%s'" % (tok, tok[:split], tok[split:]))
                        continue
                    for w in long_words:
                        if len(w) > len(tok) and (w.startswith(tok) or w.endswith(tok)):
                            self.fail(no, "word broken inside: '%s' is a piece of '%s'" % (tok, w))
                            break

    # --- overlaps ---
    def check_overlaps(self):
        """No word is drawn over another (a value too long for its place runs into the next)."""
        for no, pg in enumerate(self.pages, 1):
            for ln in pg["lines"]:
                for (x0, w0, e0), (x1, w1, e1) in zip(ln["words"], ln["words"][1:]):
                    if x1 < e0 - 0.5:
                        self.fail(no, "'%s' and '%s' are drawn over each other" % (w0, w1))

    # --- finding blocks ---
    def find_text(self, text, start):
        """First (page, offset) at or after start where the normalized text's first words begin."""
        key = norm(text)
        key = " ".join(key.split(" ")[:8])
        p, off = start
        for no in range(p, len(self.pages)):
            i = self.pages[no]["text"].find(key, off if no == p else 0)
            if i >= 0:
                return no, i + 1
        return None

    def find_row(self, cols, cells, start):
        """The first (page, line) at or after start whose words hold the row's first words in order:
        a figure whole (it never wraps), a text's first word."""
        flat = []
        for (numeric, _), c in zip(cols, cells):
            ws = words_of(c)
            if ws:
                flat.extend(ws if numeric else ws[:1])
        p, li = start
        for no in range(p, len(self.pages)):
            lines = self.pages[no]["body"]
            for k in range(li if no == p else 0, len(lines)):
                toks, j = lines[k]["tokens"], 0
                for t in toks:
                    if j < len(flat) and t == flat[j]:
                        j += 1
                if j == len(flat) and flat and toks and flat[0] in toks[:2]:
                    return no, k + 1
        return None

    def check_flow(self):
        cursor_text = (0, 0)
        cursor_row = (0, 0)
        placed = []  # (kind, payload, first_page, last_page)
        for kind, payload in self.doc["blocks"]:
            if kind == "table":
                t = payload
                pages, prev = [], None
                for total, cells in t["rows"]:
                    at = self.find_row(t["cols"], cells, cursor_row)
                    if at is None:
                        self.fail("?", "table %d: row not found: %s" % (t["id"], " | ".join(cells)))
                        pages.append(None)
                        prev = None
                        continue
                    # a row as high as its longest cell: never more than three lines
                    if prev and prev[0] == at[0] and at[1] - prev[1] > MAX_LINES:
                        self.fail(at[0] + 1, "table %d (%s): row '%s' takes %d lines"
                                  % (t["id"], t["caption"] or t["cols"][0][1], prev_cells[0], at[1] - prev[1]))
                    cursor_row, prev, prev_cells = at, at, cells
                    pages.append(at[0])
                found = [p for p in pages if p is not None]
                if not found:
                    placed.append((kind, t, None, None))
                    continue
                self.check_table_split(t, pages)
                placed.append((kind, t, found[0], found[-1]))
                # text after the table is looked for below its last row
                last_line = cursor_row[1] - 1
                cursor_text = (cursor_row[0], self.pages[cursor_row[0]]["offsets"][last_line] + 1)
                self.check_signs(t, found[-1])
            else:
                text = payload["title"] if kind == "chart" else payload
                first = self.find_text(text, cursor_text)
                if first is None:
                    self.fail("?", "%s not found: %s" % (kind, text[:60]))
                    placed.append((kind, payload, None, None))
                    continue
                words = norm(text).split(" ")
                last = self.find_text(" ".join(words[-6:]), first) if len(words) > 8 else first
                last = last or first
                cursor_text = last
                if cursor_row[0] < first[0]:
                    cursor_row = (first[0], 0)
                placed.append((kind, payload, first[0], last[0]))
                if kind == "chart":
                    self.check_axis(payload, first[0])
        self.placed = placed
        for i, (kind, payload, first, last) in enumerate(placed[:-1]):
            nkind, npayload, nfirst, _ = placed[i + 1]
            if first is None or nfirst is None:
                continue
            label = payload if isinstance(payload, str) else payload.get("caption") or payload.get("title", "")
            if kind in ("section", "heading") and nfirst != last:
                self.fail(last + 1, "heading '%s' is not on the page of what it heads (page %d)" % (label[:50], nfirst + 1))
            prev_kind = placed[i - 1][0] if i > 0 else None
            # a paragraph right after a table or chart speaks of that one; else it introduces what follows
            if kind in ("paragraph", "note") and nkind in ("table", "chart") and prev_kind not in ("table", "chart") \
                    and nfirst != last:
                self.fail(last + 1, "paragraph '%s...' does not stay with the %s it introduces (page %d)"
                          % (label[:40], nkind, nfirst + 1))

    def check_table_split(self, t, pages):
        n = len(pages)
        counts = {}
        for p in pages:
            if p is not None:
                counts[p] = counts.get(p, 0) + 1
        if len(counts) <= 1:
            return
        if n < 2 * MIN_ROWS:
            self.fail(min(counts) + 1, "table %d (%s) of %d rows is split over pages %s"
                      % (t["id"], t["caption"] or t["cols"][0][1], n, sorted(p + 1 for p in counts)))
            return
        for p, k in sorted(counts.items()):
            if k < MIN_ROWS:
                rows = [t["rows"][i][1][0] for i, q in enumerate(pages) if q == p]
                self.fail(p + 1, "table %d (%s): only %d row(s) on this page: %s"
                          % (t["id"], t["caption"] or t["cols"][0][1], k, rows))

    def check_signs(self, t, page):
        text = self.pages[page]["text"]
        if page + 1 < len(self.pages):
            text += " " + self.pages[page + 1]["text"][:400]
        for bit in (1, 2, 4):
            if t["signs"] & bit and norm(SIGN_TEXT[bit]) not in text and norm(SIGN_TEXT_EN[bit]) not in text:
                self.fail(page + 1, "table %d (%s) uses '%s' but does not explain it"
                          % (t["id"], t["caption"] or t["cols"][0][1], SIGN_TEXT[bit][0]))

    def check_axis(self, chart, page):
        if chart["kind"] != "bar" or not chart["percent"]:
            return
        t = self.doc["tables"].get(chart["table"])
        if not t:
            return
        most = 0.0
        for total, cells in t["rows"]:
            if total:
                continue
            for col in (chart["val"], chart["hi"]):
                if 0 <= col < len(cells):
                    m = re.match(r"^([\d.]+,\d+) %$", cells[col])
                    if m and (col == chart["val"] or re.match(r"^[\d.]+,\d+ %$", cells[chart["val"]])):
                        most = max(most, float(m.group(1).replace(".", "").replace(",", ".")))
        # the axis: the first line below the chart's title that holds only percent labels
        best, seen_title = None, False
        title = norm(chart["title"])
        for ln in self.pages[page]["body"]:
            s = " ".join(ln["tokens"])
            if not seen_title:
                seen_title = norm(s) == title
                continue
            if re.fullmatch(r"(?:[\d.]+(?:,\d+)? ?%\s*){3,}", s):
                vals = [float(v.replace(".", "").replace(",", ".")) for v in re.findall(r"([\d.]+(?:,\d+)?) ?%", s)]
                if vals and vals[0] == 0:
                    best = vals
                    break
        if best is None:
            self.fail(page + 1, "chart '%s': no axis found" % chart["title"])
            return
        top = max(best)
        if most > 0 and not (most - 1e-9 <= top <= max(most * 1.6, most + 5.0)):
            self.fail(page + 1, "chart '%s': axis runs to %g %% for values up to %g %%" % (chart["title"], top, most))

    # --- fill ---
    def check_fill(self):
        starts = set()
        for i, pg in enumerate(self.pages):
            if pg["body"]:
                first = " ".join(pg["body"][0]["tokens"])
                if re.match(r"^\d+ \S", first) and any(
                        norm("%d  %s" % (s["number"], s["title"])) == norm(first) for s in self.doc["sections"]):
                    starts.add(i)
        n = len(self.pages)
        self.short_section_ends = []
        for i, pg in enumerate(self.pages):
            if i == n - 1 or (i == 0 and self.doc.get("cover")) or pg["fill"] >= 0.25:
                continue
            if (i + 1) not in starts:
                self.fail(i + 1, "page only %.0f %% full and no section ends on it" % (pg["fill"] * 100))
            elif i not in starts:
                # the rest of a section trailing onto a nearly empty page ("some hold two lines")
                self.fail(i + 1, "page only %.0f %% full: the end of a section carried over" % (pg["fill"] * 100))
            else:
                self.short_section_ends.append(i + 1)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    doc = read_model(sys.argv[1])
    pages = read_pages(sys.argv[2])
    c = Checker(doc, pages, sys.argv[2].rsplit("/", 1)[-1])
    c.check_words()
    c.check_overlaps()
    c.check_flow()
    c.check_fill()
    for p in c.problems:
        print(p)
    print("# %s: %d pages, %d tables, %d problems; pages under a quarter holding a whole section: %s"
          % (c.name, len(pages), len(doc["tables"]), len(c.problems), c.short_section_ends or "none"))
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Writes the workbooks and text files tests/e2e/t220-xlsx.sh loads.

Each command turns a sample CSV into a file as a tool writes it:
  xlsxwriter CSV OUT [plain]  XlsxWriter (Kobo's exporter uses it), constant_memory: inline strings;
                          a visible first sheet "Hinweise", the data on sheet "Teilnahmen", cells
                          typed as Excel types them on opening the CSV, booleans for 0/1 fields,
                          Baustein as a formula with its saved result, an empty row in between
                          (plain: the data sheet alone, for the bench)
  openpyxl CSV OUT        openpyxl, 1904 date system (wb.epoch), shared strings, dates with a time
  excel CSV OUT [1904]    the package as Excel 365 writes it (ECMA-376 Part 1; Excel's own parts
                          and attributes: spans, x14ac:dyDescent, rich text, docProps), written by
                          hand from that documented format: no Excel here
  errors OUT              openpyxl: error values and a formula without a saved result
  unicode-text CSV OUT [be]  Excel's "Unicode-Text (*.txt)": UTF-16LE (or BE) with BOM, tabs,
                          CRLF, quotes only where needed
  encrypted OUT           a password-protected workbook as Office stores it: an OLE compound
                          file ([MS-CFB]) with the streams EncryptionInfo and EncryptedPackage
                          ([MS-OFFCRYPTO] 2.3.4.14; the content is random bytes: the container is
                          what ingest must recognise)
Cells are typed the way Excel types a CSV it opens: dates (31.12.2022, 2022-12-31) become date
serials with a date format, whole numbers and German money (1.234,56 EUR) numbers, the rest text.
"""
import csv
import datetime
import io
import os
import re
import struct
import sys
import zipfile

GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
INTEGER = re.compile(r"^-?[1-9]\d{0,14}$|^0$")
MONEY = re.compile(r"^(\d{1,3}(?:\.\d{3})*|\d+),(\d{2}) ?(?:€|EUR)?$")


def read_csv(path):
    """The rows of a sample export, streamed (a bench file has a million)."""
    f = open(path, "rb")
    head = f.read(65536)
    f.seek(0)
    try:
        head.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as e:
        encoding = "utf-8-sig" if e.start > 65530 else "cp1252"
    text = io.TextIOWrapper(f, encoding=encoding, newline="")
    first = text.readline()
    if first.lower().startswith("sep="):
        first = text.readline()
    delim = ";" if first.count(";") >= first.count(",") else ","
    yield next(csv.reader([first], delimiter=delim))
    for row in csv.reader(text, delimiter=delim):
        if any(row):
            yield row


def typed(value):
    """("date", date) | ("int", n) | ("money", float) | ("text", s) | None for an empty cell."""
    v = value.strip()
    if v == "":
        return None
    m = GERMAN_DATE.match(v) or ISO_DATE.match(v)
    if m:
        a, b, c = (int(x) for x in m.groups())
        try:
            return ("date", datetime.date(c, b, a) if GERMAN_DATE.match(v) else datetime.date(a, b, c))
        except ValueError:
            return ("text", value)
    if INTEGER.match(v):
        return ("int", int(v))
    m = MONEY.match(v)
    if m:
        return ("money", float(m.group(1).replace(".", "") + "." + m.group(2)))
    return ("text", value)


def serial(d, date1904):
    if date1904:
        return (d - datetime.date(1904, 1, 1)).days
    return (d - datetime.date(1899, 12, 30)).days


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def write_xlsxwriter(src, out, plain=False):
    """plain: one sheet, no formula, boolean or empty row (the bench's file)."""
    import xlsxwriter
    rows = read_csv(src)
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    if not plain:
        notes = wb.add_worksheet("Hinweise")
        notes.write_string(0, 0, "Export aus dem Fallmanagement; Daten auf dem Blatt Teilnahmen")
    ws = wb.add_worksheet("Teilnahmen")
    date_fmt = wb.add_format({"num_format": "dd.mm.yyyy"})
    header = None
    out_row = 0
    for i, row in enumerate(rows):
        header = header or row
        if i == 5 and not plain:
            out_row += 1  # an empty row: the row numbers skip one
        for j, value in enumerate(row):
            t = typed(value) if i else ("text", value)
            if t is None:
                continue  # no cell at all: sparse rows
            kind, v = t
            name = header[j] if j < len(header) else ""
            if i and name == "baustein" and kind == "int" and not plain:
                ws.write_formula(out_row, j, "=%d*1" % v, None, v)
            elif i and name == "abschluss_erreicht" and v in (0, 1) and not plain:
                ws.write_boolean(out_row, j, bool(v))
            elif kind == "date":
                ws.write_datetime(out_row, j, datetime.datetime.combine(v, datetime.time()), date_fmt)
            elif kind in ("int", "money"):
                ws.write_number(out_row, j, v)
            else:
                ws.write_string(out_row, j, v)
        out_row += 1
    wb.close()


def write_openpyxl(src, out):
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    rows = list(read_csv(src))
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Daten"
    for i, row in enumerate(rows):
        cells = []
        for value in row:
            t = typed(value) if i else ("text", value)
            if t is None:
                cells.append(None)
            elif t[0] == "date":
                # a date with a time of day, shown with it: the time is ignored on loading
                cells.append(datetime.datetime.combine(t[1], datetime.time(9, 30)))
            else:
                cells.append(t[1])
        ws.append(cells)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, datetime.datetime):
                c.number_format = "dd.mm.yyyy hh:mm"
    wb.save(out)


def write_errors(out):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Teilnahmen"
    ws.append(["fall_id", "kommune", "geburtsjahr", "aufenthaltsstatus", "baustein", "eintritt", "notiz"])
    ws.append(["P1", "Herford", 2000, "duldung", 1, datetime.date(2022, 1, 10), "#DIV/0!"])
    ws.append(["P2", "Herford", "#N/A", "duldung", 1, datetime.date(2022, 1, 10), None])
    ws.append(["P3", "Herford", 2001, "duldung", 1, datetime.date(2022, 2, 1), "=A1&A2"])
    for row in ws.iter_rows(min_row=2):
        row[5].number_format = "dd.mm.yyyy"
    wb.save(out)


XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def esc(s):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace("\r", "_x000D_")


def write_excel(src, out, date1904):
    """The parts and attributes Excel 365 writes for a workbook saved from a CSV it opened.
    The sheet streams into the zip (a bench file has a million rows); the shared strings,
    numbered in order of first use as Excel numbers them, follow."""
    strings, index = [], {}

    def sst(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
    sheet = z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
    sheet.write(((XML_HEAD +
                 '<worksheet xmlns="%s" xmlns:r="%s" '
                 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" '
                 'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
                 'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
                 'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
                 'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
                 'xr:uid="{00000000-0001-0000-0000-000000000000}">'
                 '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
                 '<sheetFormatPr baseColWidth="10" defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
                 '<sheetData>') % (MAIN, RELS)).encode("utf-8"))
    width = 0
    chunk = []
    for i, row in enumerate(read_csv(src)):
        width = width or len(row)
        cells = []
        for j, value in enumerate(row):
            t = typed(value) if i else ("text", value)
            ref = "%s%d" % (col_name(j), i + 1)
            if t is None:
                continue
            kind, v = t
            if kind == "date":
                cells.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, serial(v, date1904)))
            elif kind == "int":
                cells.append('<c r="%s"><v>%d</v></c>' % (ref, v))
            elif kind == "money":
                cells.append('<c r="%s" s="2"><v>%s</v></c>' % (ref, repr(v)))
            else:
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sst(v)))
        chunk.append('<row r="%d" spans="1:%d" x14ac:dyDescent="0.25">%s</row>' % (i + 1, width, "".join(cells)))
        if len(chunk) >= 1000:
            sheet.write("".join(chunk).encode("utf-8"))
            chunk = []
    sheet.write(("".join(chunk) + '</sheetData><pageMargins left="0.7" right="0.7" top="0.787401575" '
                 'bottom="0.787401575" header="0.3" footer="0.3"/></worksheet>').encode("utf-8"))
    sheet.close()
    # A rich-text string as Excel keeps it when part of a cell is bold, with East Asian phonetics.
    rich = ('<si><r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t>%s</t></r>'
            '<r><rPr><sz val="11"/></rPr><t xml:space="preserve">%s</t></r><rPh sb="0" eb="1"><t>ZZ</t></rPh>'
            '<phoneticPr fontId="1"/></si>')
    with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
        f.write((XML_HEAD + '<sst xmlns="%s" count="%d" uniqueCount="%d">' % (MAIN, len(strings), len(strings))).encode())
        for k in range(0, len(strings), 1000):
            si = []
            for s in strings[k:k + 1000]:
                if len(s) > 3 and " " in s:
                    cut = s.index(" ")
                    si.append(rich % (esc(s[:cut]), esc(s[cut:])))
                else:
                    si.append('<si><t%s>%s</t></si>' % (' xml:space="preserve"' if s != s.strip() else "", esc(s)))
            f.write("".join(si).encode("utf-8"))
        f.write(b"</sst>")
    styles = (XML_HEAD +
              '<styleSheet xmlns="%s" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts>'
              '<fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/>'
              '<family val="2"/><scheme val="minor"/></font><font><sz val="8"/><name val="Calibri"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
              '<cellStyles count="1"><cellStyle name="Standard" xfId="0" builtinId="0"/></cellStyles>'
              '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
              '</styleSheet>') % MAIN
    workbook = (XML_HEAD +
                '<workbook xmlns="%s" xmlns:r="%s">'
                '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/>'
                '<workbookPr %sdefaultThemeVersion="166925"/>'
                '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/></bookViews>'
                '<sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>'
                ) % (MAIN, RELS, 'date1904="1" ' if date1904 else "", os.path.splitext(os.path.basename(src))[0][:31])
    parts = {
        "[Content_Types].xml": XML_HEAD +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        '</Types>',
        "_rels/.rels": XML_HEAD +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="%s/extended-properties" Target="docProps/app.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (RELS, RELS),
        "docProps/app.xml": XML_HEAD +
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        '<Application>Microsoft Excel</Application><AppVersion>16.0300</AppVersion></Properties>',
        "docProps/core.xml": XML_HEAD +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>KI</dc:creator></cp:coreProperties>',
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": XML_HEAD +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="%s/styles" Target="styles.xml"/>'
        '<Relationship Id="rId4" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % (RELS, RELS, RELS),
        "xl/styles.xml": styles,
    }
    for name, text in parts.items():
        z.writestr(name, text.encode("utf-8"))
    z.close()


def write_unicode_text(src, out, big_endian):
    rows = list(read_csv(src))
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter="\t", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    codec = "utf-16-be" if big_endian else "utf-16-le"
    with open(out, "wb") as f:
        f.write(b"\xfe\xff" if big_endian else b"\xff\xfe")
        f.write(buf.getvalue().encode(codec))


def write_encrypted(out):
    """[MS-CFB] version 3: header, one FAT sector, one directory sector, then the streams."""
    info = (b"\x04\x00\x04\x00\x40\x00\x00\x00" +  # [MS-OFFCRYPTO] agile EncryptionInfo version 4.4
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption '
            b'xmlns="http://schemas.microsoft.com/office/2006/encryption"/>').ljust(4096, b"\0")
    package = struct.pack("<Q", 8184) + os.urandom(8192 - 8)  # StreamSize, then the encrypted bytes
    FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    n_info, n_pkg = len(info) // 512, len(package) // 512
    fat = [FATSECT, END]
    first_info = len(fat)
    fat += [first_info + k + 1 for k in range(n_info - 1)] + [END]
    first_pkg = len(fat)
    fat += [first_pkg + k + 1 for k in range(n_pkg - 1)] + [END]
    fat += [FREE] * (128 - len(fat))

    def entry(name, kind, child, right, start, size):
        n = (name + "\0").encode("utf-16-le") if name else b""
        return (n.ljust(64, b"\0") + struct.pack("<HBB", len(n), kind, 1) +
                struct.pack("<III", NOSTREAM, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 +
                struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, NOSTREAM, END, 0) +
                 entry("EncryptionInfo", 2, NOSTREAM, 2, first_info, len(info)) +
                 entry("EncryptedPackage", 2, NOSTREAM, NOSTREAM, first_pkg, len(package)) +
                 entry("", 0, NOSTREAM, NOSTREAM, 0, 0))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) +
              b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0) +
              struct.pack("<I", 0) + struct.pack("<I", FREE) * 108)
    assert len(header) == 512 and len(directory) == 512
    with open(out, "wb") as f:
        f.write(header + struct.pack("<128I", *fat) + directory + info + package)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "xlsxwriter":
        write_xlsxwriter(args[0], args[1], len(args) > 2 and args[2] == "plain")
    elif cmd == "openpyxl":
        write_openpyxl(*args)
    elif cmd == "excel":
        write_excel(args[0], args[1], len(args) > 2 and args[2] == "1904")
    elif cmd == "errors":
        write_errors(*args)
    elif cmd == "unicode-text":
        write_unicode_text(args[0], args[1], len(args) > 2 and args[2] == "be")
    elif cmd == "encrypted":
        write_encrypted(*args)
    else:
        sys.exit("xlsx_make.py: unknown command " + cmd)


if __name__ == "__main__":
    main()

/*
 * fuzz_xlsxsheet.c - libFuzzer harness for the workbook reader
 * (ingest/xlsxreader.c, xlsxsst.c, xlsxpackage.c, xlsxvalue.c).
 *
 * Fuzzing a zip archive mostly fuzzes deflate; the XML is where durchblick's
 * own code is. So the first byte picks the part the rest of the input
 * becomes: 0 the sheet, 1 the shared strings, 2 the styles, 3 workbook.xml;
 * the other parts are those of fuzz/xlsx_build.h, with a sheet that uses
 * shared strings, dates and number formats. The package is zipped into an
 * in-memory file and read through csv_reader_open as ingest reads it.
 * Besides "no crash, no leak" it checks what callers rely on: fields are
 * NUL-terminated text of their length, records have lines (row numbers)
 * that increase strictly, no record is wider than Excel's 16,384 columns,
 * a field is never longer than max_field, and the SHA-256 is there at the end.
 */
#include "fuzz_util.h"
#include "xlsx_build.h"

#include <string.h>

#include "csvreader.h"

#define FUZZ_MAX_FIELD 1024

static const char default_sheet[] =
    "<worksheet " XB_NS "><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\">"
    "<is><t>eintritt</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>P1</t></is></c><c r=\"B2\" t=\"s\"><v>2</v></c>"
    "<c r=\"C2\" s=\"2\"><v>44927</v></c><c r=\"D2\" s=\"4\"><v>7</v></c><c r=\"E2\" t=\"b\"><v>1</v></c></row>"
    "<row r=\"4\"><c r=\"C4\" s=\"3\"><v>44927.5</v></c><c r=\"D4\" t=\"e\"><v>#N/A</v></c></row>"
    "</sheetData></worksheet>";

FUZZ_QUIET_INITIALIZE

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *text = malloc(size);
    FUZZ_ASSERT(text);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0'; /* a part is text: libzip gets strlen bytes of it */
    xb_parts p = {XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, default_sheet, NULL, NULL};
    switch (data[0] % 4) {
    case 0: p.sheet = text; break;
    case 1: p.strings = text; break;
    case 2: p.styles = text; break;
    default: p.workbook = text; break;
    }
    char path[64];
    int fd = xb_write(&p, path);
    FUZZ_ASSERT(fd >= 0);

    csv_reader_options opt = {ENCODING_AUTO, 0, FUZZ_MAX_FIELD, NULL};
    csv_reader *r = NULL;
    if (csv_reader_open(path, &opt, &r) == DBK_OK) {
        FUZZ_ASSERT(strcmp(csv_reader_encoding(r), "xlsx") == 0);
        csv_record rec;
        long last = 0;
        int status;
        while ((status = csv_reader_next(r, &rec)) == 1) {
            FUZZ_ASSERT(rec.line > last && rec.line <= 1048576);
            last = rec.line;
            FUZZ_ASSERT(rec.n_fields >= 1 && rec.n_fields <= 16384);
            for (size_t i = 0; i < rec.n_fields; i++) {
                FUZZ_ASSERT(rec.fields[i][rec.lens[i]] == '\0');
                FUZZ_ASSERT(strlen(rec.fields[i]) == rec.lens[i]);
                FUZZ_ASSERT(rec.lens[i] <= FUZZ_MAX_FIELD);
            }
            FUZZ_ASSERT(csv_reader_too_long(r) <= rec.n_fields);
            FUZZ_ASSERT(csv_reader_error_cells(r) <= rec.n_fields);
        }
        FUZZ_ASSERT(status == 0 || status == -1);
        FUZZ_ASSERT(strlen(csv_reader_sha256(r)) == 64);
        csv_reader_free(r);
    } else {
        FUZZ_ASSERT(r == NULL);
    }
    close(fd);
    free(text);
    return 0;
}

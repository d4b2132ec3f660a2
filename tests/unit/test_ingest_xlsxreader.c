/*
 * test_ingest_xlsxreader.c - the worksheet reader (xlsxreader.h) through the
 * export reader (csvreader.h), on small workbooks built in memory
 * (fuzz/xlsx_build.h): cells by column letter, sparse and skipped rows, every
 * cell type, dates by style in both date systems, shared strings spilled to
 * disk, the sheet by name, and the damage a workbook must be refused for.
 */
#define _GNU_SOURCE /* memfd_create, fmemopen */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fuzz/xlsx_build.h"
#include "csvreader.h"
#include "diag.h"
#include "xlsxreader.h"

#define MAX_RECS 16
#define MAX_FIELDS 12

typedef struct rows {
    size_t n;
    long line[MAX_RECS];
    size_t n_fields[MAX_RECS];
    char field[MAX_RECS][MAX_FIELDS][64];
    int error_cell[MAX_RECS][MAX_FIELDS];
    size_t too_long[MAX_RECS];
    int last;                 /* 0 end, -1 error, -2 refused at open */
    char messages[4096];      /* what was said on stderr */
    char sha256[65];
    char encoding[16];
} rows;

static char messages[4096];

/* Reads every record of the workbook made of parts (sheet: the config's choice or NULL). */
static rows *read_parts(const xb_parts *parts, const char *sheet)
{
    char path[64];
    int fd = xb_write(parts, path);
    assert_true(fd >= 0);
    rows *r = calloc(1, sizeof *r);
    assert_non_null(r);
    FILE *err = fmemopen(messages, sizeof messages, "w");
    assert_non_null(err);
    setvbuf(err, NULL, _IONBF, 0);
    memset(messages, 0, sizeof messages);
    diag_set_stream(err);
    csv_reader_options opt = {ENCODING_AUTO, 0, 200, sheet};
    csv_reader *rd = NULL;
    if (csv_reader_open(path, &opt, &rd) != DBK_OK) {
        assert_null(rd);
        r->last = -2;
    } else {
        csv_record rec;
        int got;
        while ((got = csv_reader_next(rd, &rec)) == 1 && r->n < MAX_RECS) {
            r->line[r->n] = rec.line;
            r->n_fields[r->n] = rec.n_fields;
            r->too_long[r->n] = csv_reader_too_long(rd);
            for (size_t f = 0; f < rec.n_fields && f < MAX_FIELDS; f++) {
                assert_int_equal(rec.fields[f][rec.lens[f]], '\0');
                assert_int_equal(strlen(rec.fields[f]), rec.lens[f]);
                snprintf(r->field[r->n][f], sizeof r->field[r->n][f], "%s", rec.fields[f]);
                r->error_cell[r->n][f] = csv_reader_cell_error(rd, f + 1);
            }
            r->n++;
        }
        r->last = got;
        snprintf(r->encoding, sizeof r->encoding, "%s", csv_reader_encoding(rd));
        snprintf(r->sha256, sizeof r->sha256, "%s", csv_reader_sha256(rd));
        csv_reader_free(rd);
    }
    diag_set_stream(NULL);
    fclose(err);
    snprintf(r->messages, sizeof r->messages, "%s", messages);
    close(fd);
    return r;
}

static rows *read_sheet(const char *sheet_xml)
{
    xb_parts p = {XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, sheet_xml, NULL, NULL};
    return read_parts(&p, NULL);
}

#define SHEET(rows_xml) \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " XB_NS "><sheetData>" rows_xml "</sheetData></worksheet>"

static void assert_row(const rows *r, size_t i, long line, size_t n, ...)
{
    va_list ap;
    if (i >= r->n)
        fail_msg("record %zu: only %zu records (%s)", i, r->n, r->messages);
    assert_int_equal(r->line[i], line);
    if (r->n_fields[i] != n)
        fail_msg("record %zu: %zu fields, expected %zu", i, r->n_fields[i], n);
    va_start(ap, n);
    for (size_t f = 0; f < n; f++) {
        const char *want = va_arg(ap, const char *);
        if (strcmp(r->field[i][f], want) != 0)
            fail_msg("record %zu column %zu: got '%s', expected '%s'", i, f, r->field[i][f], want);
    }
    va_end(ap);
}

static void assert_said(const rows *r, const char *text)
{
    if (!strstr(r->messages, text))
        fail_msg("expected message containing '%s', got: %s", text, r->messages);
}

static void test_cells_by_column_letter(void **state)
{
    (void)state;
    /* Shared strings 0 1 2 are fall_id, kommune, Herford. Row 2 lacks B (a missing cell is empty),
     * row 3 has no cells, rows 4-6 are skipped, row 7 gives only C; the header's own gap (no B1)
     * is an empty header. */
    rows *r = read_sheet(SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
                               "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>P1</t></is></c>"
                               "<c r=\"C2\" t=\"s\"><v>2</v></c></row>"
                               "<row r=\"3\"><c r=\"A3\" s=\"1\"/><c r=\"B3\"><v></v></c></row>"
                               "<row r=\"7\"><c r=\"C7\" t=\"s\"><v>2</v></c></row>"));
    assert_int_equal(r->last, 0);
    assert_string_equal(r->encoding, "xlsx");
    assert_int_equal(r->n, 3);
    assert_row(r, 0, 1, 3, "fall_id", "", "kommune");
    assert_row(r, 1, 2, 3, "P1", "", "Herford");
    assert_row(r, 2, 7, 3, "", "", "Herford"); /* the line is the sheet's row number */
    free(r);
}

static void test_cells_without_references(void **state)
{
    (void)state;
    /* r is optional: rows and cells then count on from the last one. */
    rows *r = read_sheet(SHEET("<row><c t=\"inlineStr\"><is><t>a</t></is></c><c t=\"inlineStr\"><is><t>b</t></is></c></row>"
                               "<row r=\"4\"><c><v>1</v></c><c r=\"D4\"><v>2</v></c><c><v>3</v></c></row>"
                               "<row><c><v>9</v></c></row>"));
    assert_int_equal(r->last, 0);
    assert_row(r, 0, 1, 2, "a", "b");
    assert_row(r, 1, 4, 5, "1", "", "", "2", "3");
    assert_row(r, 2, 5, 1, "9");
    free(r);
}

static void test_cell_types(void **state)
{
    (void)state;
    rows *r = read_sheet(SHEET(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>h</t></is></c></row>"
        "<row r=\"2\">"
        "<c r=\"A2\" t=\"b\"><v>1</v></c><c r=\"B2\" t=\"b\"><v>0</v></c>"                       /* booleans */
        "<c r=\"C2\" t=\"e\"><v>#DIV/0!</v></c>"                                                  /* an error */
        "<c r=\"D2\" t=\"str\"><f>A1&amp;\"x\"</f><v>hx</v></c>"                                  /* formula: its result */
        "<c r=\"E2\"><f>1+1</f><v>2</v></c>"
        "<c r=\"F2\"><f>1+2</f></c>"                                                             /* never calculated */
        "<c r=\"G2\" t=\"inlineStr\"><is><r><t>Ri</t></r><r><rPr/><t xml:space=\"preserve\">ch </t></r>"
        "<rPh><t>PHONETIC</t></rPh></is></c>"                                                    /* rich text */
        "<c r=\"H2\" t=\"inlineStr\"><is><t>a_x000D__x000A_b_x005F_x0041_</t></is></c>"          /* escapes */
        "<c r=\"I2\" t=\"d\"><v>2022-12-31T00:00:00</v></c>"                                      /* ISO date */
        "<c r=\"J2\"><v>1234.5</v></c><c r=\"K2\"><v>0.30000000000000004</v></c>"
        "<c r=\"L2\" t=\"inlineStr\"><is><t>&lt;&amp;&gt; &#228;</t></is></c>"
        "</row>"));
    assert_int_equal(r->last, 0);
    assert_row(r, 1, 2, 12, "TRUE", "FALSE", "#DIV/0!", "hx", "2", "", "Rich ", "a\r\nb_x0041_",
               "2022-12-31T00:00:00", "1234,5", "0,3", "<&> \xc3\xa4");
    assert_int_equal(r->error_cell[1][2], 1);
    assert_int_equal(r->error_cell[1][0], 0);
    assert_int_equal(r->error_cell[1][3], 0);
    assert_said(r, "1 formula cells have no saved result (first F2)");
    free(r);
}

static void test_dates_by_style(void **state)
{
    (void)state;
    /* s: 1 built-in 14 (date), 2 custom dd.mm.yyyy, 3 custom datetime, 4 "00000", 0 General */
    const char *sheet = SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>h</t></is></c></row>"
                              "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>44927</v></c><c r=\"B2\" s=\"2\"><v>44926</v></c>"
                              "<c r=\"C2\" s=\"3\"><v>44927.75</v></c><c r=\"D2\" s=\"4\"><v>42</v></c>"
                              "<c r=\"E2\" s=\"0\"><v>44927</v></c><c r=\"F2\" s=\"99\"><v>7</v></c>"
                              "<c r=\"G2\" s=\"1\"><v>60</v></c><c r=\"H2\" s=\"1\"><v>61</v></c></row>");
    rows *r = read_sheet(sheet);
    assert_row(r, 1, 2, 8, "2023-01-01", "2022-12-31", "2023-01-01 18:00:00", "00042", "44927", "7",
               "1900-02-29", "1900-03-01");
    free(r);
    /* The same serials in a workbook of the 1904 date system are 1462 days later. */
    xb_parts p = {XB_DEFAULT,
                  "<workbook " XB_NS " " XB_RNS "><workbookPr date1904=\"1\"/><sheets>"
                  "<sheet name=\"Daten\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
                  XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, sheet, NULL, NULL};
    r = read_parts(&p, NULL);
    assert_row(r, 1, 2, 8, "2027-01-02", "2027-01-01", "2027-01-02 18:00:00", "00042", "44927", "7",
               "1904-03-01", "1904-03-02");
    free(r);
    /* date1904="true" as LibreOffice writes it */
    p.workbook = "<workbook " XB_NS " " XB_RNS "><workbookPr date1904=\"true\"/><sheets>"
                 "<sheet name=\"Daten\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    p.sheet = SHEET("<row><c t=\"inlineStr\"><is><t>h</t></is></c></row><row><c s=\"2\"><v>43465</v></c></row>");
    r = read_parts(&p, NULL);
    assert_row(r, 1, 2, 1, "2023-01-01");
    free(r);
}

static void test_shared_strings_spilled(void **state)
{
    (void)state;
    /* 5000 distinct strings with a 1 KiB memory budget: the table goes to temporary files and every
     * string still comes back right, in any order and repeatedly. */
    size_t cap = 400000, n = 0;
    char *sst = malloc(cap), *sheet = malloc(cap);
    assert_non_null(sst);
    assert_non_null(sheet);
    n += (size_t)snprintf(sst + n, cap - n, "<sst " XB_NS ">");
    for (int i = 0; i < 5000; i++)
        n += (size_t)snprintf(sst + n, cap - n, "<si><t>s%d-%s</t></si>", i, i % 3 ? "x" : "a longer string that is not cached in a slot of the cache at all, no, longer than 120 bytes, so it is read from the temporary file every time");
    snprintf(sst + n, cap - n, "</sst>");
    n = (size_t)snprintf(sheet, cap, "<worksheet " XB_NS "><sheetData>");
    for (int row = 1; row <= 300; row++)
        n += (size_t)snprintf(sheet + n, cap - n,
                              "<row r=\"%d\"><c t=\"s\"><v>%d</v></c><c t=\"s\"><v>%d</v></c><c t=\"s\"><v>%d</v></c></row>",
                              row, (row * 7919) % 5000, 4999 - row, row % 3);
    snprintf(sheet + n, cap - n, "</sheetData></worksheet>");
    xb_parts p = {XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, sst, sheet, NULL, NULL};
    char path[64];
    int fd = xb_write(&p, path);
    assert_true(fd >= 0);
    for (int spill = 0; spill < 2; spill++) {
        xlsx_reader *x = NULL;
        xlsx_reader_options xo = {NULL, 0, 0, spill ? 1024 : 0};
        assert_int_equal(xlsx_reader_open(path, dup(fd), &xo, &x), DBK_OK);
        csv_record rec;
        int row = 0;
        while (xlsx_reader_next(x, &rec) == 1) {
            row++;
            char want[256];
            int i = (row * 7919) % 5000;
            snprintf(want, sizeof want, "s%d-%s", i, i % 3 ? "x" : "a longer string");
            assert_int_equal(strncmp(rec.fields[0], want, strlen(want)), 0);
            snprintf(want, sizeof want, "s%d-", 4999 - row);
            assert_int_equal(strncmp(rec.fields[1], want, strlen(want)), 0);
            snprintf(want, sizeof want, "s%d-", row % 3);
            assert_int_equal(strncmp(rec.fields[2], want, strlen(want)), 0);
        }
        assert_int_equal(row, 300);
        xlsx_reader_free(x);
    }
    close(fd);
    free(sst);
    free(sheet);
}

static void test_sheet_by_name_and_first_visible(void **state)
{
    (void)state;
    const char *workbook = "<workbook " XB_NS " " XB_RNS "><sheets>"
                           "<sheet name=\"Hinweise\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
                           "<sheet name=\"Teilnahmen 2022\" sheetId=\"2\" r:id=\"rId4\"/></sheets></workbook>";
    const char *sheet1 = SHEET("<row><c t=\"inlineStr\"><is><t>first</t></is></c></row>");
    const char *sheet2 = SHEET("<row><c t=\"inlineStr\"><is><t>second</t></is></c></row>");
    xb_parts p = {XB_DEFAULT, workbook, XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, sheet1,
                  "xl/worksheets/sheet2.xml", sheet2};
    rows *r = read_parts(&p, NULL); /* a hidden first sheet is skipped */
    assert_row(r, 0, 1, 1, "second");
    free(r);
    r = read_parts(&p, "Hinweise");
    assert_row(r, 0, 1, 1, "first");
    free(r);
    r = read_parts(&p, "teilnahmen 2022"); /* case as Excel: names are unique ignoring it */
    assert_row(r, 0, 1, 1, "second");
    free(r);
    r = read_parts(&p, "Tabelle1");
    assert_int_equal(r->last, -2);
    assert_said(r, "the workbook has no sheet 'Tabelle1' (the config's [input] sheet); its sheets: "
                   "'Hinweise' (hidden), 'Teilnahmen 2022'");
    free(r);
}

static void test_messages_name_sheet_row_and_column(void **state)
{
    (void)state;
    /* A header cell longer than max_field (200 here) refuses the file; a data cell rejects its row. */
    char sheet[4096], big[400];
    memset(big, 'x', 300);
    big[300] = '\0';
    snprintf(sheet, sizeof sheet,
             SHEET("<row r=\"1\"><c t=\"inlineStr\"><is><t>Fallnummer</t></is></c><c t=\"inlineStr\"><is><t>Eintritt</t></is></c></row>"
                   "<row r=\"5\"><c t=\"inlineStr\"><is><t>P1</t></is></c><c t=\"inlineStr\"><is><t>%s</t></is></c></row>"
                   "<row r=\"6\"><c t=\"s\"><v>17</v></c></row>"),
             big);
    rows *r = read_sheet(sheet);
    assert_int_equal(r->last, -1);
    assert_int_equal(r->n, 2);
    assert_int_equal(r->too_long[1], 2);
    assert_said(r, "[Daten]:5: warning: column B 'Eintritt' is longer than 200 bytes");
    assert_said(r, "[Daten]:6: column A 'Fallnummer': shared string 17 does not exist (the workbook has 3)");
    free(r);
    snprintf(sheet, sizeof sheet, SHEET("<row r=\"3\"><c t=\"inlineStr\"><is><t>%s</t></is></c></row>"), big);
    r = read_sheet(sheet);
    assert_int_equal(r->last, -1);
    assert_said(r, "[Daten]:3: column A of the header row is longer than 200 bytes");
    free(r);
}

static void test_damaged_sheets_refused(void **state)
{
    (void)state;
    static const struct {
        const char *sheet, *said;
    } cases[] = {
        {SHEET("<row r=\"5\"><c><v>1</v></c></row><row r=\"3\"><c><v>1</v></c></row>"),
         ":3: row 3 comes after row 5 (rows out of order)"},
        {SHEET("<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"B2\"><v>2</v></c></row>"),
         ":2: column B: the cell appears twice in row 2"},
        {SHEET("<row r=\"2\"><c r=\"B3\"><v>1</v></c></row>"), ":2: cell B3 is inside row 2"},
        {SHEET("<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>"), "cell reference 'XFE2' is no cell of a sheet"},
        {SHEET("<row r=\"1048577\"><c><v>1</v></c></row>"), "row number '1048577' is no row of a sheet"},
        {SHEET("<row r=\"1\"><c t=\"s\"><v>x</v></c></row>"), "shared string number 'x' is no number"},
        {SHEET("<row r=\"1\"><c><v>1</v></row>"), "not well-formed xml"},
        {SHEET(""), "the sheet is empty: no header row"},
        {"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
         "<worksheet " XB_NS "><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>",
         "xl/worksheets/sheet1.xml: xml with a document type declaration (DTD, entities)"},
        {"<worksheet " XB_NS "><sheetData><row><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>",
         "not well-formed xml"},
        {NULL, "sheet 'Daten' has no data in the file: the workbook is damaged"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rows *r = read_sheet(cases[i].sheet);
        if (r->last >= 0)
            fail_msg("case %zu: not refused", i);
        assert_said(r, cases[i].said);
        free(r);
    }
}

static void test_not_a_workbook(void **state)
{
    (void)state;
    static const struct {
        const char *content_types, *said;
    } cases[] = {
        {NULL, "a zip archive that is not an Excel workbook (it has no [Content_Types].xml)"},
        {"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
         "a Word document, not a survey export"},
        {"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.bin\" "
         "ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/></Types>",
         "an Excel binary workbook (.xlsb)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xb_parts p = {cases[i].content_types, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
        rows *r = read_parts(&p, NULL);
        assert_int_equal(r->last, -2);
        assert_said(r, cases[i].said);
        free(r);
    }
}

static void test_sha256_is_of_the_file(void **state)
{
    (void)state;
    xb_parts p = {XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, XB_DEFAULT, XB_DEFAULT,
                  SHEET("<row><c><v>1</v></c></row>"), NULL, NULL};
    char path[64];
    int fd = xb_write(&p, path);
    assert_true(fd >= 0);
    unsigned char buf[65536];
    ssize_t n = pread(fd, buf, sizeof buf, 0);
    assert_true(n > 0);
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    char hex[65];
    sha256_init(&ctx);
    sha256_update(&ctx, (size_t)n, buf);
    sha256_digest(&ctx, sizeof digest, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    csv_reader *rd = NULL;
    assert_int_equal(csv_reader_open(path, NULL, &rd), DBK_OK);
    csv_record rec;
    while (csv_reader_next(rd, &rec) == 1)
        ;
    assert_string_equal(csv_reader_sha256(rd), hex);
    csv_reader_free(rd);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_by_column_letter),
        cmocka_unit_test(test_cells_without_references),
        cmocka_unit_test(test_cell_types),
        cmocka_unit_test(test_dates_by_style),
        cmocka_unit_test(test_shared_strings_spilled),
        cmocka_unit_test(test_sheet_by_name_and_first_visible),
        cmocka_unit_test(test_messages_name_sheet_row_and_column),
        cmocka_unit_test(test_damaged_sheets_refused),
        cmocka_unit_test(test_not_a_workbook),
        cmocka_unit_test(test_sha256_is_of_the_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_ingest_csvreader.c - the streaming CSV reader (csvreader.h): line ends,
 * quoting, record start lines, BOM, "sep=", encodings, delimiters, errors, SHA-256.
 * Files are written to a fresh temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvreader.h"

static char tmpdir[64];
static int file_no;

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/dbk-csvreader-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes len bytes to a new file in the temp dir; returns a static path. */
static const char *write_file(const void *data, size_t len)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/f%03d.csv", tmpdir, ++file_no);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (len)
        assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

#define WRITE_LIT(lit) write_file(lit, sizeof(lit) - 1)

/* All records of a file, copied. */
#define MAX_RECS 64
#define MAX_FIELDS 16
typedef struct records {
    size_t n;                /* records kept: the first ones and, past MAX_RECS, the last two */
    size_t total;            /* records read */
    long line[MAX_RECS];
    size_t n_fields[MAX_RECS];
    char *field[MAX_RECS][MAX_FIELDS];
    size_t len[MAX_RECS][MAX_FIELDS];
    int last;                /* the last csv_reader_next result: 0 end, -1 error */
    char encoding[16];
    char delimiter;
    char sha256[65];
} records;

static void records_free(records *r)
{
    for (size_t i = 0; i < r->n; i++)
        for (size_t f = 0; f < r->n_fields[i] && f < MAX_FIELDS; f++)
            free(r->field[i][f]);
    free(r);
}

/* Reads the file at path; asserts that it opens. */
static records *read_all(const char *path, config_encoding enc, char delim, size_t max_field)
{
    csv_reader_options opt = {enc, delim, max_field, NULL};
    csv_reader *rd = NULL;
    dbk_error err = csv_reader_open(path, &opt, &rd);
    if (err != DBK_OK)
        fail_msg("csv_reader_open(%s) returned %d", path, err);
    records *r = calloc(1, sizeof *r);
    assert_non_null(r);
    csv_record rec;
    int got;
    while ((got = csv_reader_next(rd, &rec)) == 1) {
        r->total++;
        if (r->n == MAX_RECS) {
            /* Large files: keep the first records and the last two. */
            size_t a = MAX_RECS - 2, b = MAX_RECS - 1;
            for (size_t f = 0; f < r->n_fields[a] && f < MAX_FIELDS; f++)
                free(r->field[a][f]);
            r->line[a] = r->line[b];
            r->n_fields[a] = r->n_fields[b];
            memcpy(r->field[a], r->field[b], sizeof r->field[a]);
            memcpy(r->len[a], r->len[b], sizeof r->len[a]);
            r->n--;
        }
        r->line[r->n] = rec.line;
        r->n_fields[r->n] = rec.n_fields;
        for (size_t f = 0; f < rec.n_fields && f < MAX_FIELDS; f++) {
            r->field[r->n][f] = malloc(rec.lens[f] + 1);
            assert_non_null(r->field[r->n][f]);
            memcpy(r->field[r->n][f], rec.fields[f], rec.lens[f] + 1);
            r->len[r->n][f] = rec.lens[f];
            /* Fields are NUL-terminated at their length. */
            assert_int_equal(rec.fields[f][rec.lens[f]], '\0');
        }
        r->n++;
    }
    r->last = got;
    snprintf(r->encoding, sizeof r->encoding, "%s", csv_reader_encoding(rd));
    r->delimiter = csv_reader_delimiter(rd);
    if (got == 0)
        snprintf(r->sha256, sizeof r->sha256, "%s", csv_reader_sha256(rd));
    csv_reader_free(rd);
    return r;
}

static records *read_auto(const char *path) { return read_all(path, ENCODING_AUTO, 0, 0); }

static void assert_fields(const records *r, size_t i, size_t n, ...)
{
    va_list ap;
    assert_true(i < r->n);
    if (r->n_fields[i] != n)
        fail_msg("record %zu: %zu fields, expected %zu", i, r->n_fields[i], n);
    va_start(ap, n);
    for (size_t f = 0; f < n; f++) {
        const char *want = va_arg(ap, const char *);
        if (strcmp(r->field[i][f], want) != 0 || r->len[i][f] != strlen(want))
            fail_msg("record %zu field %zu: got '%s', expected '%s'", i, f, r->field[i][f], want);
    }
    va_end(ap);
}

/* ---- line ends ------------------------------------------------------- */

static void test_lf(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("a;b\n1;2\n3;4\n"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 3);
    assert_fields(r, 0, 2, "a", "b");
    assert_fields(r, 1, 2, "1", "2");
    assert_fields(r, 2, 2, "3", "4");
    assert_int_equal(r->line[0], 1);
    assert_int_equal(r->line[1], 2);
    assert_int_equal(r->line[2], 3);
    records_free(r);
}

static void test_crlf(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("a;b\r\n1;2\r\n3;4\r\n"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 3);
    assert_fields(r, 0, 2, "a", "b");
    assert_fields(r, 2, 2, "3", "4"); /* no CR left in the last field */
    assert_int_equal(r->line[1], 2);
    assert_int_equal(r->line[2], 3);
    records_free(r);
}

static void test_lone_cr(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("a;b\r1;2\r3;4\r"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 3);
    assert_fields(r, 1, 2, "1", "2");
    assert_fields(r, 2, 2, "3", "4");
    assert_int_equal(r->line[0], 1);
    assert_int_equal(r->line[1], 2);
    assert_int_equal(r->line[2], 3);
    records_free(r);
}

static void test_no_final_newline(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("a;b\n1;2"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 2);
    assert_fields(r, 1, 2, "1", "2");
    assert_int_equal(r->line[1], 2);
    records_free(r);
}

static void test_blank_lines_counted(void **state)
{
    (void)state;
    /* Empty lines are no records, but count as lines. */
    records *r = read_auto(WRITE_LIT("a;b\n\n1;2\r\n\r\n3;4\n"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 3);
    assert_int_equal(r->line[1], 3);
    assert_int_equal(r->line[2], 5);
    records_free(r);
}

static void test_excel_empty_rows_and_trailing_columns(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("a;b;;\n1;2;;\n;;;\n"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 3);
    assert_fields(r, 0, 4, "a", "b", "", "");
    assert_fields(r, 2, 4, "", "", "", "");
    assert_int_equal(r->line[2], 3);
    records_free(r);
}

/* ---- quoting --------------------------------------------------------- */

static void test_quoted_delimiter_and_quotes(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("a;b;c\n\"x;y\";\"sagt \"\"ja\"\"\";\"\"\n"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 2);
    assert_fields(r, 1, 3, "x;y", "sagt \"ja\"", "");
    records_free(r);
}

static void test_quoted_line_breaks_and_record_lines(void **state)
{
    (void)state;
    /* Record 2 spans lines 2-4; record 3 starts on line 5, record 4 on line 6. */
    records *r = read_auto(WRITE_LIT("id;text\n"
                                     "1;\"erste\nzweite\ndritte\"\n"
                                     "2;x\n"
                                     "3;\"a\r\nb\"\n"
                                     "4;y\n"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 5);
    assert_fields(r, 1, 2, "1", "erste\nzweite\ndritte");
    assert_fields(r, 2, 2, "2", "x");
    assert_fields(r, 3, 2, "3", "a\r\nb");
    assert_fields(r, 4, 2, "4", "y");
    assert_int_equal(r->line[0], 1);
    assert_int_equal(r->line[1], 2);
    assert_int_equal(r->line[2], 5);
    assert_int_equal(r->line[3], 6);
    assert_int_equal(r->line[4], 8);
    records_free(r);
}

static void test_quoted_line_breaks_crlf_file(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("id;text\r\n1;\"a\r\nb\r\nc\"\r\n2;x\r\n"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 3);
    assert_fields(r, 1, 2, "1", "a\r\nb\r\nc");
    assert_int_equal(r->line[1], 2);
    assert_int_equal(r->line[2], 5);
    records_free(r);
}

static void test_quoted_lone_cr_in_field(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("id;text\r1;\"a\rb\"\r2;x\r"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 3);
    assert_fields(r, 1, 2, "1", "a\rb");
    assert_int_equal(r->line[2], 4);
    records_free(r);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("a;b\n1;2\n3;\"offen\n4;5\n"));
    assert_int_equal(r->n, 2);
    assert_fields(r, 1, 2, "1", "2");
    assert_int_equal(r->last, -1);
    records_free(r);

    /* Also with nothing after the quote, and ending in an escaped quote. */
    r = read_auto(WRITE_LIT("a;b\n3;\""));
    assert_int_equal(r->n, 1);
    assert_int_equal(r->last, -1);
    records_free(r);
    r = read_auto(WRITE_LIT("a;b\n3;\"x\"\"\n"));
    assert_int_equal(r->n, 1);
    assert_int_equal(r->last, -1);
    records_free(r);
}

static void test_closed_quote_at_eof(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("a;b\n3;\"x\""));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 2);
    assert_fields(r, 1, 2, "3", "x");
    records_free(r);
}

/* ---- BOM and sep= ---------------------------------------------------- */

static void test_bom(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("\xEF\xBB\xBF" "Fall-ID;Kommune\nP1;L\xC3\xB6hne\n"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 2);
    assert_fields(r, 0, 2, "Fall-ID", "Kommune"); /* no BOM in the first header */
    assert_fields(r, 1, 2, "P1", "Löhne");
    assert_string_equal(r->encoding, "utf-8-bom");
    assert_int_equal(r->delimiter, ';');
    assert_int_equal(r->line[0], 1);
    assert_int_equal(r->line[1], 2);
    records_free(r);
}

static void test_sep_line(void **state)
{
    (void)state;
    /* Commas in the data, but Excel's hint says ';'. Line numbers count the hint. */
    records *r = read_auto(WRITE_LIT("sep=;\r\na,x;b\r\n1,5;2\r\n"));
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 2);
    assert_int_equal(r->delimiter, ';');
    assert_fields(r, 0, 2, "a,x", "b");
    assert_fields(r, 1, 2, "1,5", "2");
    assert_int_equal(r->line[0], 2);
    assert_int_equal(r->line[1], 3);
    records_free(r);

    r = read_auto(WRITE_LIT("SEP=,\na;b,c\n"));
    assert_int_equal(r->delimiter, ',');
    assert_int_equal(r->n, 1);
    assert_fields(r, 0, 2, "a;b", "c");
    assert_int_equal(r->line[0], 2);
    records_free(r);

    r = read_auto(WRITE_LIT("\xEF\xBB\xBFsep=;\nh1;h2\nv1;v2\n"));
    assert_int_equal(r->delimiter, ';');
    assert_int_equal(r->n, 2);
    assert_fields(r, 0, 2, "h1", "h2");
    assert_int_equal(r->line[0], 2);
    assert_int_equal(r->line[1], 3);
    records_free(r);
}

/* ---- encodings ------------------------------------------------------- */

static void test_cp1252_converted(void **state)
{
    (void)state;
    /* ä é € “ ” in Windows-1252. */
    records *r = read_auto(WRITE_LIT("Ort;Text\nL\xF6hne;\xE4 \xE9 \x80 \x93x\x94\n"));
    assert_int_equal(r->last, 0);
    assert_string_equal(r->encoding, "windows-1252");
    assert_int_equal(r->n, 2);
    assert_fields(r, 1, 2, "Löhne", "ä é € “x”");
    records_free(r);
}

static void test_cp1252_forced(void **state)
{
    (void)state;
    /* Bytes that would pass as UTF-8 are converted when the config says windows-1252. */
    records *r = read_all(WRITE_LIT("a;b\n\xC3\xA4;x\n"), ENCODING_CP1252, 0, 0);
    assert_string_equal(r->encoding, "windows-1252");
    assert_fields(r, 1, 2, "Ã¤", "x");
    records_free(r);
}

static void test_utf8_detected(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("Ort;Betrag\nL\xC3\xB6hne;1.234,56 \xE2\x82\xAC\n"));
    assert_string_equal(r->encoding, "utf-8");
    assert_fields(r, 1, 2, "Löhne", "1.234,56 €");
    records_free(r);
}

/* ASCII for the first size bytes, then a Windows-1252 line. */
static records *late_cp1252(size_t ascii_bytes, char *text_out)
{
    size_t cap = ascii_bytes + 256;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t n = (size_t)sprintf(buf, "id;text\n");
    int row = 0;
    while (n + 20 < ascii_bytes)
        n += (size_t)sprintf(buf + n, "%06d;ascii text\n", row++);
    while (n < ascii_bytes - 1)
        buf[n++] = 'x';
    buf[n++] = '\n';
    n += (size_t)sprintf(buf + n, "last;K\xF6ln \x80 Stra\xDF" "e\n");
    records *r = read_auto(write_file(buf, n));
    free(buf);
    strcpy(text_out, "Köln € Straße");
    return r;
}

static void test_cp1252_after_70k_ascii(void **state)
{
    (void)state;
    char want[64];
    records *r = late_cp1252(70 * 1024, want);
    assert_int_equal(r->last, 0);
    assert_true(r->n >= 2);
    assert_string_equal(r->field[r->n - 1][0], "last");
    assert_string_equal(r->field[r->n - 1][1], want);
    assert_string_equal(r->encoding, "windows-1252");
    records_free(r);
}

static void test_cp1252_after_300k_ascii(void **state)
{
    (void)state;
    /* Beyond any first read buffer: the decision is made while streaming. */
    char want[64];
    records *r = late_cp1252(300 * 1024, want);
    assert_int_equal(r->last, 0);
    assert_string_equal(r->field[r->n - 1][1], want);
    assert_string_equal(r->encoding, "windows-1252");
    records_free(r);
}

static void test_utf8_after_300k_ascii(void **state)
{
    (void)state;
    /* UTF-8 decided while streaming: the text stays as it is. */
    size_t ascii_bytes = 300 * 1024;
    char *buf = malloc(ascii_bytes + 64);
    assert_non_null(buf);
    size_t n = (size_t)sprintf(buf, "id;text\n");
    while (n + 20 < ascii_bytes)
        n += (size_t)sprintf(buf + n, "%06zu;ascii text\n", n);
    n += (size_t)sprintf(buf + n, "last;K\xC3\xB6ln \xE2\x82\xAC\n");
    records *r = read_auto(write_file(buf, n));
    free(buf);
    assert_int_equal(r->last, 0);
    assert_string_equal(r->encoding, "utf-8");
    assert_string_equal(r->field[r->n - 1][1], "Köln €");
    records_free(r);
}

/*
 * A Windows-1252 byte wherever it falls, also as the last byte of a read block:
 * the first non-ASCII byte sits at offset pos, followed by more text.
 */
static void test_cp1252_first_byte_at_block_edges(void **state)
{
    (void)state;
    static const size_t positions[] = {65535, 65536, 131071, 262143, 262144, 524287};
    for (size_t p = 0; p < sizeof positions / sizeof positions[0]; p++) {
        size_t pos = positions[p];
        size_t cap = pos + 64;
        char *buf = malloc(cap);
        assert_non_null(buf);
        /* "id;text\n" then lines "x;aaaa...\n", the last one ending at pos with "ä" (E4). */
        size_t n = (size_t)sprintf(buf, "id;text\n");
        while (pos - n > 200) {
            memcpy(buf + n, "x;", 2);
            memset(buf + n + 2, 'a', 97);
            buf[n + 99] = '\n';
            n += 100;
        }
        memcpy(buf + n, "y;", 2);
        n += 2;
        while (n < pos)
            buf[n++] = 'b';
        buf[n++] = (char)0xE4;    /* ä at offset pos */
        memcpy(buf + n, "rger\nz;ok\n", 10);
        n += 10;
        records *r = read_auto(write_file(buf, n));
        free(buf);
        if (strcmp(r->encoding, "windows-1252") != 0) {
            char enc[16];
            snprintf(enc, sizeof enc, "%s", r->encoding);
            records_free(r);
            fail_msg("first non-ASCII byte (0xE4) at offset %zu: encoding %s, expected windows-1252",
                     pos, enc);
        }
        assert_true(r->n >= 3);
        const char *f = r->field[r->n - 2][1];
        size_t fl = strlen(f);
        assert_true(fl > 7);
        assert_string_equal(f + fl - 6, "ärger");
        records_free(r);
    }
}

static void test_cp1252_to_utf8_function(void **state)
{
    (void)state;
    const unsigned char in[] = {'a', 0xE4, 0xF6, 0xFC, 0xDF, 0x80, 0x84, 0x93, 0x94, 0x96, 0xA0, 0x81};
    char out[3 * sizeof in];
    size_t n = csv_cp1252_to_utf8(in, sizeof in, out);
    const char want[] = "aäöüß€„“”–\xC2\xA0\xEF\xBF\xBD";
    assert_int_equal(n, sizeof want - 1);
    assert_memory_equal(out, want, n);
}

/* ---- delimiters ------------------------------------------------------ */

static void test_delimiter_detection(void **state)
{
    (void)state;
    records *r = read_auto(WRITE_LIT("a;b;c\n1;2,5;3\n"));
    assert_int_equal(r->delimiter, ';');
    assert_fields(r, 1, 3, "1", "2,5", "3");
    records_free(r);

    r = read_auto(WRITE_LIT("a,b,c\n1,\"2,5\",3\n"));
    assert_int_equal(r->delimiter, ',');
    assert_fields(r, 1, 3, "1", "2,5", "3");
    records_free(r);

    r = read_auto(WRITE_LIT("a\tb\tc\n1\t2,5\t3\n"));
    assert_int_equal(r->delimiter, '\t');
    assert_fields(r, 1, 3, "1", "2,5", "3");
    records_free(r);

    /* Delimiters inside quotes of the header do not count. */
    r = read_auto(WRITE_LIT("\"a,b,c\";d;e\n1;2;3\n"));
    assert_int_equal(r->delimiter, ';');
    assert_fields(r, 0, 3, "a,b,c", "d", "e");
    records_free(r);

    /* The option wins. */
    r = read_all(WRITE_LIT("a;b,c\n"), ENCODING_AUTO, ',', 0);
    assert_int_equal(r->delimiter, ',');
    assert_fields(r, 0, 2, "a;b", "c");
    records_free(r);
}

static void test_detect_delimiter_function(void **state)
{
    (void)state;
    assert_int_equal(csv_detect_delimiter("a;b;c", 5), ';');
    assert_int_equal(csv_detect_delimiter("a,b,c", 5), ',');
    assert_int_equal(csv_detect_delimiter("a\tb\tc", 5), '\t');
    assert_int_equal(csv_detect_delimiter("a;b,c", 5), ';');     /* tie */
    assert_int_equal(csv_detect_delimiter("abc", 3), ',');       /* none */
    assert_int_equal(csv_detect_delimiter("a,b;c;d", 7), ';');
    assert_int_equal(csv_detect_delimiter("a;b\nc,d,e,f", 11), ';'); /* first record only */
    assert_int_equal(csv_detect_delimiter("\"x\ny,z,w\";a;b", 14), ';');
}

/* ---- refusals and errors --------------------------------------------- */

static void test_empty_file(void **state)
{
    (void)state;
    csv_reader *rd = (csv_reader *)0x1;
    assert_int_equal(csv_reader_open(write_file("", 0), NULL, &rd), DBK_ERR_NOT_CSV);
    assert_null(rd);
}

static void test_directory(void **state)
{
    (void)state;
    csv_reader *rd = (csv_reader *)0x1;
    assert_int_equal(csv_reader_open(tmpdir, NULL, &rd), DBK_ERR_IO);
    assert_null(rd);
}

static void test_missing_file(void **state)
{
    (void)state;
    csv_reader *rd = (csv_reader *)0x1;
    char path[128];
    snprintf(path, sizeof path, "%s/does-not-exist.csv", tmpdir);
    assert_int_equal(csv_reader_open(path, NULL, &rd), DBK_ERR_IO);
    assert_null(rd);
}

static void test_binary_file(void **state)
{
    (void)state;
    csv_reader *rd = (csv_reader *)0x1;
    /* A picture (JPEG): NUL bytes in the first line. */
    static const char jpeg[] = "\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01";
    assert_int_equal(csv_reader_open(write_file(jpeg, sizeof jpeg - 1), NULL, &rd), DBK_ERR_NOT_CSV);
    assert_null(rd);
    /* UTF-16 without a byte order mark: which byte order is a guess, so it is refused (and said so). */
    static const char utf16[] = "a\0;\0b\0\n\0x\0;\0y\0\n\0";
    rd = (csv_reader *)0x1;
    assert_int_equal(csv_reader_open(write_file(utf16, sizeof utf16 - 1), NULL, &rd), DBK_ERR_NOT_CSV);
    assert_null(rd);
}

/* ---- UTF-16 (Excel's "Unicode-Text") ----------------------------------- */

/* Writes UTF-8 text as UTF-16 (le or be) with a byte order mark; returns the path. */
static const char *write_utf16(const char *utf8, int le)
{
    size_t len = strlen(utf8), n = 0;
    unsigned char *out = malloc(4 * len + 2);
    assert_non_null(out);
    out[n++] = le ? 0xFF : 0xFE;
    out[n++] = le ? 0xFE : 0xFF;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)utf8[i];
        unsigned cp, k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        cp = k == 1 ? c : k == 2 ? c & 0x1F : k == 3 ? c & 0x0F : c & 0x07;
        for (unsigned j = 1; j < k; j++)
            cp = cp << 6 | ((unsigned char)utf8[i + j] & 0x3F);
        i += k;
        unsigned units[2] = {cp, 0}, nu = 1;
        if (cp >= 0x10000) {
            units[0] = 0xD800 | ((cp - 0x10000) >> 10);
            units[1] = 0xDC00 | ((cp - 0x10000) & 0x3FF);
            nu = 2;
        }
        for (unsigned u = 0; u < nu; u++) {
            out[n++] = (unsigned char)(le ? units[u] & 0xFF : units[u] >> 8);
            out[n++] = (unsigned char)(le ? units[u] >> 8 : units[u] & 0xFF);
        }
    }
    const char *path = write_file(out, n);
    free(out);
    return path;
}

static void test_utf16le_unicode_text(void **state)
{
    (void)state;
    /* What Excel writes as "Unicode-Text (*.txt)": UTF-16LE, BOM, tabs, CRLF, quotes where needed. */
    records *r = read_auto(write_utf16("Fallnummer\tWohnort\tBemerkung\r\n"
                                       "KH-1\tL\xc3\xb6hne\t\"zwei\r\nZeilen\"\r\n"
                                       "KH-2\tB\xc3\xbcnde\t\"mit \"\"Zitat\"\" und \xe2\x82\xac\"\r\n", 1));
    assert_int_equal(r->last, 0);
    assert_string_equal(r->encoding, "utf-16le");
    assert_int_equal(r->delimiter, '\t');
    assert_int_equal(r->n, 3);
    assert_fields(r, 0, 3, "Fallnummer", "Wohnort", "Bemerkung");
    assert_fields(r, 1, 3, "KH-1", "L\xc3\xb6hne", "zwei\r\nZeilen");
    assert_fields(r, 2, 3, "KH-2", "B\xc3\xbcnde", "mit \"Zitat\" und \xe2\x82\xac");
    assert_int_equal(r->line[1], 2);
    assert_int_equal(r->line[2], 4); /* the quoted line break counts */
    records_free(r);
}

static void test_utf16be_and_surrogates(void **state)
{
    (void)state;
    records *r = read_auto(write_utf16("a;b\nK\xc3\xb6ln \xf0\x9f\x98\x80;x\n", 0));
    assert_string_equal(r->encoding, "utf-16be");
    assert_fields(r, 1, 2, "K\xc3\xb6ln \xf0\x9f\x98\x80", "x");
    records_free(r);
}

/* More than one read buffer of UTF-16, with characters of 1 to 4 UTF-8 bytes at every offset: the
 * same records as the UTF-8 text (a reader that dropped the bytes of a later read lost the last rows). */
static void test_utf16_large_same_as_utf8(void **state)
{
    (void)state;
    size_t cap = 2u << 20, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text, cap, "nr;name;note\n");
    static const char *const pieces[] = {"a", "\xc3\xa4", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
    for (int row = 1; n + 200 < cap && row <= 9000; row++) {
        n += (size_t)snprintf(text + n, cap - n, "%d;", row);
        for (int k = 0; k < row % 23 + 1; k++)
            n += (size_t)snprintf(text + n, cap - n, "%s", pieces[(row + k) % 4]);
        n += (size_t)snprintf(text + n, cap - n, ";%s\r\n", row % 7 ? "x" : "\"q;\r\nq\"");
    }
    records *want = read_auto(write_file(text, n));
    records *got16 = read_auto(write_utf16(text, 1));
    records *got16be = read_auto(write_utf16(text, 0));
    assert_int_equal(want->total, 9001);
    for (int k = 0; k < 2; k++) {
        records *got = k ? got16be : got16;
        assert_int_equal(got->last, 0);
        assert_int_equal(got->total, want->total);
        assert_int_equal(got->n, want->n);
        for (size_t i = 0; i < want->n; i++) {
            assert_int_equal(got->line[i], want->line[i]);
            assert_int_equal(got->n_fields[i], want->n_fields[i]);
            for (size_t f = 0; f < want->n_fields[i]; f++)
                assert_string_equal(got->field[i][f], want->field[i][f]);
        }
    }
    records_free(want);
    records_free(got16);
    records_free(got16be);
    free(text);
}

static void test_utf16_damaged_units(void **state)
{
    (void)state;
    /* A lone surrogate and an odd last byte are no characters: an invalid UTF-8 byte each, so
     * their rows are rejected like a bad byte in a UTF-8 file; the rest reads. */
    static const char text[] = "\xFF\xFE" "a\0;\0b\0\n\0" "x\0\x00\xD8;\0y\0\n\0" "o\0k\0;\0z\0\n\0" "q";
    records *r = read_all(write_file(text, sizeof text - 1), ENCODING_AUTO, 0, 0);
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 4);
    assert_string_equal(r->field[1][0], "x\xFF");
    assert_fields(r, 2, 2, "ok", "z");
    assert_string_equal(r->field[3][0], "\xFF");
    records_free(r);
}

static void test_utf16_sha256_of_file_bytes(void **state)
{
    (void)state;
    /* The batch's SHA-256 is of the bytes on disk, not of the converted text. */
    static const char text[] = "\xFF\xFE" "a\0\n\0" "b\0\n\0";
    records *r = read_all(write_file(text, sizeof text - 1), ENCODING_AUTO, 0, 0);
    /* printf '\377\376a\0\n\0b\0\n\0' | sha256sum */
    assert_string_equal(r->sha256, "4d99704df32028daffcb9ce4f298c158585b45590c63f186c8bc5b4180411f22");
    records_free(r);
}

static void test_nul_in_data_row_is_a_field(void **state)
{
    (void)state;
    /* A NUL after the header line is a damaged field, handed on (its row is rejected). */
    static const char text[] = "a;b\nx\0y;\0\nz;w\n";
    records *r = read_all(write_file(text, sizeof text - 1), ENCODING_AUTO, 0, 0);
    assert_int_equal(r->last, 0);
    assert_int_equal(r->n, 3);
    assert_int_equal(r->len[1][0], 3);
    assert_memory_equal(r->field[1][0], "x\0y", 3);
    assert_int_equal(r->len[1][1], 1);
    assert_string_equal(r->field[2][1], "w");
    records_free(r);
}

static void test_utf8_with_a_stray_invalid_byte(void **state)
{
    (void)state;
    /* Most non-ASCII sequences are UTF-8: the file is UTF-8, the bad byte stays raw. */
    records *r = read_auto(WRITE_LIT("Ort;Text\nL\xC3\xB6hne;a\nB\xC3\xBCnde;\xFF\nH\xC3\xB6xter;b\n"));
    assert_string_equal(r->encoding, "utf-8");
    assert_string_equal(r->field[1][0], "Löhne");
    assert_string_equal(r->field[2][1], "\xFF");
    assert_string_equal(r->field[3][0], "Höxter");
    records_free(r);
}

static void test_field_too_long(void **state)
{
    (void)state;
    size_t big = 1024 * 1024;
    char *buf = malloc(big + 32);
    assert_non_null(buf);
    size_t n = (size_t)sprintf(buf, "a;b\n1;");
    memset(buf + n, 'x', big);
    n += big;
    buf[n++] = '\n';
    memcpy(buf + n, "2;y\n", 4);
    n += 4;
    /* A data field over max_field: the record comes with the field cut to its start
     * and csv_reader_too_long naming its column; reading goes on. */
    csv_reader_options opt = {ENCODING_AUTO, 0, 64 * 1024, NULL};
    csv_reader *rd = NULL;
    assert_int_equal(csv_reader_open(write_file(buf, n), &opt, &rd), DBK_OK);
    csv_record rec;
    assert_int_equal(csv_reader_next(rd, &rec), 1);
    assert_int_equal(csv_reader_too_long(rd), 0);
    assert_int_equal(csv_reader_next(rd, &rec), 1);
    assert_int_equal(rec.line, 2);
    assert_int_equal(csv_reader_too_long(rd), 2);
    assert_true(rec.lens[1] > 0 && rec.lens[1] <= 1024);
    assert_int_equal(rec.fields[1][0], 'x');
    assert_int_equal(csv_reader_next(rd, &rec), 1);
    assert_int_equal(csv_reader_too_long(rd), 0);
    assert_string_equal(rec.fields[1], "y");
    assert_int_equal(csv_reader_next(rd, &rec), 0);
    csv_reader_free(rd);

    /* In the header line it ends the file. */
    n = (size_t)sprintf(buf, "a;");
    memset(buf + n, 'x', big);
    n += big;
    buf[n++] = '\n';
    records *r = read_all(write_file(buf, n), ENCODING_AUTO, 0, 64 * 1024);
    free(buf);
    assert_int_equal(r->n, 0);
    assert_int_equal(r->last, -1);
    records_free(r);
}

static void test_field_at_limit_accepted(void **state)
{
    (void)state;
    /* max_field is the longest field accepted: a field of exactly that length loads. */
    size_t max = 64 * 1024;
    char *buf = malloc(max + 32);
    assert_non_null(buf);
    size_t n = (size_t)sprintf(buf, "a;b\n1;");
    memset(buf + n, 'x', max);
    n += max;
    buf[n++] = '\n';
    records *r = read_all(write_file(buf, n), ENCODING_AUTO, 0, max);
    free(buf);
    int last = r->last;
    size_t count = r->n, len = r->n == 2 ? r->len[1][1] : 0;
    records_free(r);
    if (last != 0 || count != 2)
        fail_msg("a field of exactly max_field = %zu bytes: csv_reader_next returned %d after %zu "
                 "record(s); expected both records and 0",
                 max, last, count);
    assert_int_equal(len, max);
}

static void test_unquoted_long_line_over_limit(void **state)
{
    (void)state;
    /* An unterminated quote swallowing the file is stopped by max_field, not by memory. */
    size_t lines = 20000;
    char *buf = malloc(lines * 10 + 32);
    assert_non_null(buf);
    size_t n = (size_t)sprintf(buf, "a;b\n1;\"");
    for (size_t i = 0; i < lines; i++)
        n += (size_t)sprintf(buf + n, "%08zu\n", i);
    records *r = read_all(write_file(buf, n), ENCODING_AUTO, 0, 64 * 1024);
    free(buf);
    assert_int_equal(r->n, 1);
    assert_int_equal(r->last, -1);
    records_free(r);
}

/* ---- SHA-256 --------------------------------------------------------- */

static void test_sha256(void **state)
{
    (void)state;
    /* printf 'Fall-ID;Kommune\r\nP1;Herford\r\n' | sha256sum */
    records *r = read_auto(WRITE_LIT("Fall-ID;Kommune\r\nP1;Herford\r\n"));
    assert_int_equal(r->last, 0);
    assert_string_equal(r->sha256, "3d502f715ff80bc533b341705f6249378c7529b5c32759a33a450395263127cd");
    records_free(r);

    /* The hash covers every byte, the BOM and the sep= line too:
     * printf '\xef\xbb\xbfsep=;\na;b\n' | sha256sum */
    r = read_auto(WRITE_LIT("\xEF\xBB\xBFsep=;\na;b\n"));
    assert_int_equal(r->last, 0);
    assert_string_equal(r->sha256, "54b423536a8cf313d3e4413350668cc472a9df0c63da457218608cb101d9b8a1");
    records_free(r);
}

static void test_sha256_large(void **state)
{
    (void)state;
    /* 600000 bytes: "a;b\n" then lines "x;y\n": spans several read blocks.
     * { printf 'a;b\n'; yes 'x;y' | head -n 149999; } | sha256sum */
    size_t lines = 149999;
    char *buf = malloc(4 + lines * 4);
    assert_non_null(buf);
    memcpy(buf, "a;b\n", 4);
    for (size_t i = 0; i < lines; i++)
        memcpy(buf + 4 + i * 4, "x;y\n", 4);
    records *r = read_auto(write_file(buf, 4 + lines * 4));
    free(buf);
    assert_int_equal(r->last, 0);
    assert_string_equal(r->sha256, "f96d5071a622a0ec5dddb4b44331e034e91eec0e503ca56bf1429e80ba4f6cea");
    records_free(r);
}

/* Line numbers stay right past the read blocks. */
static void test_lines_in_large_file(void **state)
{
    (void)state;
    size_t lines = 100000;
    char *buf = malloc(lines * 16 + 16);
    assert_non_null(buf);
    size_t n = (size_t)sprintf(buf, "nr;text\r\n");
    for (size_t i = 2; i <= lines; i++)
        n += (size_t)sprintf(buf + n, "%zu;z\r\n", i);
    const char *path = write_file(buf, n);
    free(buf);
    csv_reader *rd = NULL;
    assert_int_equal(csv_reader_open(path, NULL, &rd), DBK_OK);
    csv_record rec;
    size_t count = 0, wrong = 0;
    long first_wrong = 0;
    while (csv_reader_next(rd, &rec) == 1) {
        count++;
        if (count > 1 && rec.line != atol(rec.fields[0]) && !wrong++)
            first_wrong = rec.line;
        if (count > 1 && strcmp(rec.fields[1], "z") != 0 && !wrong++)
            first_wrong = rec.line;
    }
    csv_reader_free(rd);
    assert_int_equal(count, lines);
    if (wrong)
        fail_msg("%zu records with a wrong line or field, first at line %ld", wrong, first_wrong);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lf),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_lone_cr),
        cmocka_unit_test(test_no_final_newline),
        cmocka_unit_test(test_blank_lines_counted),
        cmocka_unit_test(test_excel_empty_rows_and_trailing_columns),
        cmocka_unit_test(test_quoted_delimiter_and_quotes),
        cmocka_unit_test(test_quoted_line_breaks_and_record_lines),
        cmocka_unit_test(test_quoted_line_breaks_crlf_file),
        cmocka_unit_test(test_quoted_lone_cr_in_field),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_closed_quote_at_eof),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_sep_line),
        cmocka_unit_test(test_cp1252_converted),
        cmocka_unit_test(test_cp1252_forced),
        cmocka_unit_test(test_utf8_detected),
        cmocka_unit_test(test_cp1252_after_70k_ascii),
        cmocka_unit_test(test_cp1252_after_300k_ascii),
        cmocka_unit_test(test_utf8_after_300k_ascii),
        cmocka_unit_test(test_cp1252_first_byte_at_block_edges),
        cmocka_unit_test(test_cp1252_to_utf8_function),
        cmocka_unit_test(test_delimiter_detection),
        cmocka_unit_test(test_detect_delimiter_function),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_directory),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_binary_file),
        cmocka_unit_test(test_utf16le_unicode_text),
        cmocka_unit_test(test_utf16be_and_surrogates),
        cmocka_unit_test(test_utf16_large_same_as_utf8),
        cmocka_unit_test(test_utf16_damaged_units),
        cmocka_unit_test(test_utf16_sha256_of_file_bytes),
        cmocka_unit_test(test_nul_in_data_row_is_a_field),
        cmocka_unit_test(test_utf8_with_a_stray_invalid_byte),
        cmocka_unit_test(test_field_too_long),
        cmocka_unit_test(test_field_at_limit_accepted),
        cmocka_unit_test(test_unquoted_long_line_over_limit),
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_sha256_large),
        cmocka_unit_test(test_lines_in_large_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

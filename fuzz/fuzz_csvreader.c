/*
 * fuzz_csvreader.c - libFuzzer harness for the CSV reader (ingest/csvreader.c).
 *
 * The input is a whole file. Besides "no crash, no leak, no undefined
 * behaviour" it checks what callers rely on: every field is NUL-terminated at
 * its length, records start on strictly increasing lines, and a file written
 * back with every field quoted reads as the same records (so the reader
 * neither loses nor invents a byte of a field).
 */
#include "fuzz_util.h"

#include <string.h>

#include "csvreader.h"
#include "textfold.h"

#define FUZZ_MAX_FIELD 1024 /* small, so that the "field too long" path is reached */

typedef struct records {
    char *text;      /* every field, each followed by a NUL */
    size_t text_len, text_cap;
    size_t *counts;  /* fields per record */
    size_t n, cap;
} records;

static void records_add(records *rs, const csv_record *rec)
{
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? 2 * rs->cap : 16;
        rs->counts = realloc(rs->counts, rs->cap * sizeof *rs->counts);
        FUZZ_ASSERT(rs->counts);
    }
    rs->counts[rs->n++] = rec->n_fields;
    for (size_t i = 0; i < rec->n_fields; i++) {
        size_t need = rs->text_len + rec->lens[i] + 1 + sizeof(size_t);
        if (need > rs->text_cap) {
            rs->text_cap = 2 * need;
            rs->text = realloc(rs->text, rs->text_cap);
            FUZZ_ASSERT(rs->text);
        }
        memcpy(rs->text + rs->text_len, &rec->lens[i], sizeof(size_t));
        rs->text_len += sizeof(size_t);
        memcpy(rs->text + rs->text_len, rec->fields[i], rec->lens[i] + 1);
        rs->text_len += rec->lens[i] + 1;
    }
}

/*
 * Reads the file at path; fills *rs with its records when rs is not NULL.
 * Returns the final status of csv_reader_next (0 end, -1 error), or -2 if
 * the file was refused at open or read as a workbook (no CSV to write back).
 * *all_utf8 tells whether every field was valid UTF-8.
 */
static int read_all(const char *path, const csv_reader_options *opt, records *rs, char *delim,
                    int *all_utf8)
{
    csv_reader *r = NULL;
    if (csv_reader_open(path, opt, &r) != DBK_OK) {
        FUZZ_ASSERT(r == NULL);
        return -2;
    }
    csv_record rec;
    long last_line = 0;
    int status;
    *all_utf8 = 1;
    while ((status = csv_reader_next(r, &rec)) == 1) {
        FUZZ_ASSERT(rec.n_fields >= 1);
        FUZZ_ASSERT(rec.line > last_line);
        last_line = rec.line;
        for (size_t i = 0; i < rec.n_fields; i++) {
            FUZZ_ASSERT(rec.fields[i][rec.lens[i]] == '\0');
            FUZZ_ASSERT(rec.lens[i] <= FUZZ_MAX_FIELD * 3); /* cp1252 -> UTF-8 at most triples */
            if (!textfold_utf8_valid(rec.fields[i], rec.lens[i]))
                *all_utf8 = 0;
        }
        if (rs)
            records_add(rs, &rec);
    }
    FUZZ_ASSERT(status == 0 || status == -1);
    if (status == 0)
        FUZZ_ASSERT(strlen(csv_reader_sha256(r)) == 64);
    char d = csv_reader_delimiter(r);
    /* A file that starts like a zip archive is read as a workbook (fuzz_xlsxsheet): no delimiter. */
    FUZZ_ASSERT(d == ';' || d == ',' || d == '\t' || (d == 0 && strcmp(csv_reader_encoding(r), "xlsx") == 0));
    if (d == 0) {
        csv_reader_free(r);
        return -2;
    }
    *delim = d;
    csv_reader_free(r);
    return status;
}

/* Writes the records back as CSV with every field quoted; returns a malloc'd buffer. */
static char *records_write(const records *rs, char delim, size_t *len)
{
    size_t cap = 2 * rs->text_len + 4 * rs->n + 16, n = 0;
    char *out = malloc(cap);
    FUZZ_ASSERT(out);
    const char *p = rs->text;
    for (size_t r = 0; r < rs->n; r++) {
        for (size_t f = 0; f < rs->counts[r]; f++) {
            size_t flen;
            memcpy(&flen, p, sizeof flen);
            p += sizeof flen;
            if (n + 2 * flen + 4 > cap) {
                cap = 2 * (n + 2 * flen + 4);
                out = realloc(out, cap);
                FUZZ_ASSERT(out);
            }
            if (f > 0)
                out[n++] = delim;
            out[n++] = '"';
            for (size_t i = 0; i < flen; i++) {
                if (p[i] == '"')
                    out[n++] = '"';
                out[n++] = p[i];
            }
            out[n++] = '"';
            p += flen + 1;
        }
        if (n + 2 > cap) {
            cap = 2 * (n + 2);
            out = realloc(out, cap);
            FUZZ_ASSERT(out);
        }
        out[n++] = '\n';
    }
    *len = n;
    return out;
}

FUZZ_QUIET_INITIALIZE

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, path);
    csv_reader_options opt = {ENCODING_AUTO, 0, FUZZ_MAX_FIELD, NULL};
    records first = {0};
    char delim = 0;
    int all_utf8 = 0;
    int status = read_all(path, &opt, &first, &delim, &all_utf8);
    close(fd);

    /* Round trip: only for a file read to its end whose fields are all UTF-8, so
     * that the encoding decided on the second reading cannot differ. */
    if (status == 0 && all_utf8 && first.n > 0) {
        size_t len;
        char *again = records_write(&first, delim, &len);
        fd = fuzz_memfile((const uint8_t *)again, len, path);
        csv_reader_options opt2 = {ENCODING_UTF8, delim, FUZZ_MAX_FIELD, NULL};
        records second = {0};
        char delim2;
        int utf8_2;
        int status2 = read_all(path, &opt2, &second, &delim2, &utf8_2);
        close(fd);
        FUZZ_ASSERT(status2 == 0);
        FUZZ_ASSERT(second.n == first.n);
        FUZZ_ASSERT(memcmp(second.counts, first.counts, first.n * sizeof *first.counts) == 0);
        FUZZ_ASSERT(second.text_len == first.text_len);
        FUZZ_ASSERT(memcmp(second.text, first.text, first.text_len) == 0);
        free(again);
        free(second.text);
        free(second.counts);
    }
    free(first.text);
    free(first.counts);
    return 0;
}

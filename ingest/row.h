/*
 * row.h - validating one record against the codebook's rules (data.md).
 */
#ifndef DURCHBLICK_ROW_H
#define DURCHBLICK_ROW_H

#include "country.h"
#include "header.h"
#include "normalize.h"

#define ROW_TEXT_MAX 2000 /* longest free text kept, in bytes */

/* What a row validation needs besides the record. */
typedef struct row_context {
    const config *cfg;
    const country_table *countries;
    const header_map *map;
    int current_year; /* "not in the future"; two-digit years are read into the past */
    char today[11];   /* day of loading, YYYY-MM-DD: a teilnahmen date after it is rejected ("": no check) */
} row_context;

/* The canonical values of a valid row, per codebook field of the dataset. */
typedef struct row_values {
    int present[HEADER_MAX_FIELDS];      /* 0: NULL in the database */
    const char *text[HEADER_MAX_FIELDS]; /* text values (owned by the record or by store) */
    long long num[HEADER_MAX_FIELDS];    /* integers; money in cents */
    char store[HEADER_MAX_FIELDS][160];  /* room for dates, sets, codes */
    int zielgruppe;                      /* teilnahmen: age at entry within target ages */
} row_values;

/* Why a row was rejected: the first rule it broke. */
typedef struct row_rejection {
    const char *field;  /* codebook field; the export's header for a byte problem in a column
                           or a survey member column; NULL for the whole row */
    const char *raw;    /* raw value (owned by the record), or NULL */
    size_t raw_len;
    const char *reason; /* German sentence, static */
} row_rejection;

typedef enum { ROW_VALID = 0, ROW_REJECTED = 1, ROW_BLANK = 2, ROW_TOTAL = 3 } row_status;

/*
 * Normalises the value s[0..len) of field f (fd) as row_validate does, into
 * out's slot f: NORM_OK, NORM_EMPTY, or NORM_INVALID with *reason. For --suggest.
 */
norm_result row_normalize_field(const row_context *ctx, const codebook_field *fd, int f, const char *s,
                                size_t len, row_values *out, const char **reason);

/*
 * Validates rec: ROW_BLANK for a line with no value at all (Excel's ";;;;"),
 * ROW_TOTAL for a spreadsheet's totals row ("Summe", "Gesamt", "Total" in its
 * first filled cell or in a key field, which holds no valid key),
 * ROW_REJECTED with *rej filled, or ROW_VALID with *out filled. Pointers in
 * out and rej stay valid until the record is replaced.
 */
row_status row_validate(const row_context *ctx, const csv_record *rec, row_values *out,
                        row_rejection *rej);

#endif

/*
 * header.h - from an export's header line to the codebook's fields.
 */
#ifndef DURCHBLICK_HEADER_H
#define DURCHBLICK_HEADER_H

#include <stddef.h>

#include "config.h"
#include "csvreader.h"

#define HEADER_MAX_FIELDS 24

/* A survey tool's 0/1 column for one member of a set field. */
typedef struct header_member {
    size_t column;
    int field;   /* index in the dataset's fields */
    int member;  /* index in that field's codes */
} header_member;

typedef struct header_map {
    dataset_kind kind;
    long field_column[HEADER_MAX_FIELDS]; /* column of each codebook field, -1 if absent */
    header_member *members;
    size_t n_members;
    size_t n_columns;
    char **headers;                       /* the header line as read, to spot a repeat */
} header_map;

/*
 * Returns the name of the identifier category (e.g. "Name", "Geburtsdatum") if
 * the header text s[0..len) names a direct identifier, else NULL.
 */
const char *header_identifier(const char *s, size_t len);

/*
 * Maps the header record hdr of file path onto the fields of dataset kind.
 * Warns of ignored columns (the first ten by name, then their number). On
 * success *out is owned by the caller (header_map_free). Errors, printed with
 * file, line and column: DBK_ERR_IDENTIFYING (a column names a direct identifier), DBK_ERR_MISSING_COLUMN,
 * DBK_ERR_NOT_CSV (two columns map onto one field), DBK_ERR_NOMEM.
 */
dbk_error header_map_build(const config *cfg, dataset_kind kind, const csv_record *hdr,
                           const char *path, header_map **out);

/* Returns 1 if rec repeats the header line (an export concatenated from several). */
int header_map_is_repeat(const header_map *map, const csv_record *rec);

/* Frees a map; NULL is a no-op. */
void header_map_free(header_map *map);

#endif

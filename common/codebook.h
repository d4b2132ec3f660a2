/*
 * codebook.h - the codebook of data.md: datasets, fields, types and canonical codes.
 *
 * The tables here are the single source for field names and code lists; ingest
 * validates against them, transform and report iterate them.
 */
#ifndef DURCHBLICK_CODEBOOK_H
#define DURCHBLICK_CODEBOOK_H

#include <stddef.h>

typedef enum {
    DATASET_TEILNAHMEN = 0,
    DATASET_ANGEBOTE,
    DATASET_MITTEL,
    DATASET_COUNT
} dataset_kind;

typedef enum {
    FIELD_PSEUDONYM, /* 1-40 chars of A-Za-z0-9._- */
    FIELD_TEXT,      /* free text */
    FIELD_KOMMUNE,   /* one of the config's municipalities */
    FIELD_YEAR,      /* 4 digits */
    FIELD_CODE,      /* one of codes[] */
    FIELD_CEFR,      /* ohne, A1 .. C2 */
    FIELD_COUNTRY,   /* ISO 3166-1 alpha-3 */
    FIELD_SET,       /* any of codes[], stored sorted and joined by '|' */
    FIELD_BAUSTEIN,  /* 1-6 */
    FIELD_INT,       /* integer >= 0 */
    FIELD_DATE,      /* ISO 8601 date */
    FIELD_BOOL,      /* 1 / 0 */
    FIELD_MONEY      /* euros >= 0 */
} field_type;

typedef enum {
    REQUIRED_NO = 0,
    REQUIRED_YES,
    REQUIRED_WITH_AUSTRITT /* verbleib: required when austritt is given */
} field_required;

typedef struct codebook_field {
    const char *name;            /* codebook name = database column */
    field_type type;
    field_required required;
    const char *const *codes;    /* NULL-terminated for FIELD_CODE, FIELD_SET, FIELD_CEFR */
} codebook_field;

typedef struct codebook_dataset {
    const char *name;            /* "teilnahmen", "angebote", "mittel" */
    const codebook_field *fields;
    size_t n_fields;
} codebook_dataset;

/* Returns the static description of a dataset; kind must be < DATASET_COUNT. */
const codebook_dataset *codebook_dataset_get(dataset_kind kind);

/* Looks a dataset up by name; returns 0 and sets *kind, or -1 if unknown. */
int codebook_dataset_find(const char *name, dataset_kind *kind);

/* Returns the index of field name in dataset ds, or -1. */
int codebook_field_index(const codebook_dataset *ds, const char *name);

/* Returns the position of code in the NULL-terminated list codes (exact match), or -1. */
int codebook_code_index(const char *const *codes, const char *code);

/* Canonical code lists, NULL-terminated, in codebook order. */
extern const char *const codebook_geschlecht[];
extern const char *const codebook_aufenthaltsstatus[];
extern const char *const codebook_leistungsbezug[];
extern const char *const codebook_cefr[];
extern const char *const codebook_schulabschluss[];
extern const char *const codebook_bedarfe[];
extern const char *const codebook_verbleib[];
extern const char *const codebook_pruefung[];

/* Number of Förderbausteine and their names as product.md lists them (index 1..6). */
#define CODEBOOK_BAUSTEINE 6
extern const char *const codebook_baustein_names[CODEBOOK_BAUSTEINE + 1];

#endif

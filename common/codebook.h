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

/*
 * Words of a code: its German and English label (what a survey tool shows and,
 * with "full answers" or "labels", exports) and a short code of at most five
 * letters and digits (LimeSurvey's answer codes are that short; the templates
 * use these). All three are built-in readings of the code in ingest.
 */
typedef struct codebook_label {
    const char *code;
    const char *de;
    const char *en;
    const char *kurz;
} codebook_label;

/* The labels of codes[i] (codes one of the lists above), or NULL for a list without labels. */
const codebook_label *codebook_label_of(const char *const *codes, int i);

/*
 * Words of a field: its German and English label (the templates' question
 * texts) and further headers that are known to mean it (NULL-terminated).
 */
typedef struct codebook_field_words {
    const char *de;
    const char *en;
    const char *const *variants;
} codebook_field_words;

/* The words of field f of dataset kind (never NULL). */
const codebook_field_words *codebook_field_words_get(dataset_kind kind, size_t f);

/* Number of Förderbausteine and their names as product.md lists them (index 1..6). */
#define CODEBOOK_BAUSTEINE 6
extern const char *const codebook_baustein_names[CODEBOOK_BAUSTEINE + 1];

#endif

/*
 * cohort.h - the participations active in the reporting period, read from
 * teilnahmen in one pass and held compactly for the indicators.
 *
 * A participation is active when eintritt <= period end and austritt is empty
 * or >= period start. Each row carries its category in every dimension of
 * outputs.md, as an index into that dimension's category list.
 */
#ifndef DURCHBLICK_TRANSFORM_COHORT_H
#define DURCHBLICK_TRANSFORM_COHORT_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "config.h"
#include "error.h"
#include "period.h"

/* Category of a row without a value for an optional field. */
#define COHORT_NO_VALUE "ohne_angabe"

/* Category of the small categories shown together (Staatsangehörigkeit, Kommune). */
#define COHORT_REST "uebrige"

/* Category of geschlecht d and x shown together. */
#define COHORT_D_X "d_x"

typedef enum {
    DIM_GESAMT = 0,
    DIM_BAUSTEIN,
    DIM_KOMMUNE,
    DIM_AUFENTHALTSSTATUS,
    DIM_LEISTUNGSBEZUG,
    DIM_GESCHLECHT,
    DIM_ALTERSGRUPPE,
    DIM_STAATSANGEHOERIGKEIT,
    COHORT_DIMS
} cohort_dim_id;

/* Row flags. */
enum {
    COHORT_ENTERED = 1, /* eintritt in the period */
    COHORT_EXITED = 2,  /* austritt in the period */
    COHORT_PLACED = 4,  /* exited, verbleib in the config's placement set */
    COHORT_ABBRUCH = 8, /* exited, verbleib abbruch */
    COHORT_TARGET = 16  /* age at entry within the config's target ages */
};

typedef struct cohort_row {
    uint32_t person;          /* 0.. in fall_id order; a person's rows are adjacent */
    int32_t eintritt;         /* day number */
    int32_t austritt;         /* day number, or INT32_MIN while running */
    int32_t verbleib_datum;   /* day number, or INT32_MIN */
    uint16_t cat[COHORT_DIMS];
    uint16_t bedarfe;         /* bit i: codebook_bedarfe[i] */
    int16_t q_ein, q_aus;     /* quarter of eintritt / austritt in the period (0-based), or -1 */
    int8_t verbleib;          /* index in codebook_verbleib, -1 none or unknown */
    int8_t de_ein, de_aus;    /* index in codebook_cefr, -1 none */
    int8_t pruefung;          /* index in codebook_pruefung, -1 none */
    int8_t abschluss;         /* 1, 0, -1 none */
    uint8_t flags;
    int16_t alter;            /* year of eintritt - geburtsjahr */
} cohort_row;

typedef struct cohort_dim {
    const char *name;   /* "baustein" */
    char **cats;        /* category codes, owned */
    size_t n_cats, cap;
    size_t n_fixed;     /* the first n_fixed are written even when empty */
    long *rows;         /* active participations per category */
    long *alias;        /* the category a category is shown in (itself unless merged) */
    size_t *order;      /* output order of categories that are written */
    size_t n_order;
    void *keys;         /* lookup table (cohort.c) */
} cohort_dim;

typedef struct cohort {
    period p;
    cohort_row *rows;
    size_t n, cap;
    size_t n_persons;
    cohort_dim dims[COHORT_DIMS];
    int seen_person;    /* while loading: the current person has a row here */
    long q_first;       /* quarter index of the period's first quarter */
    size_t n_quarters;
    char (*quarter_codes)[8];
} cohort;

/*
 * Reads the active participations of period p. On success returns DBK_OK
 * and *out owns the cohort (cohort_free). On error prints a message naming
 * path and returns it; *out is NULL.
 */
dbk_error cohort_load(sqlite3 *db, const char *path, const config *cfg, const period *p,
                      cohort **out);

/*
 * Reads the active participations of each of the n periods ps[i] into
 * out[i], in one pass over teilnahmen, and the newest date of any row
 * (eintritt, austritt, verbleib_datum) into newest ("" when there is none;
 * newest may be NULL). On success returns DBK_OK and each out[i] is owned by
 * the caller (cohort_free). On error prints a message naming path and
 * returns it; every out[i] is NULL.
 */
dbk_error cohort_load_many(sqlite3 *db, const char *path, const config *cfg, const period *ps,
                           size_t n, cohort **out, char newest[11]);

/* Frees a cohort; NULL is a no-op. */
void cohort_free(cohort *c);

/*
 * Returns the index of category code in dimension d, adding it (after the
 * others, not written unless counted) if new; -1 on no memory.
 */
long cohort_dim_intern(cohort_dim *d, const char *code);

/* Returns the index of category code in dimension d (the category it is shown in when merged), or -1. */
long cohort_dim_find(const cohort_dim *d, const char *code);

/*
 * Shows small categories together, alike in every cohort of cs[0..n) (the
 * period and the one it is compared with), so that tables stay readable
 * where suppression would blank half of them (docs/disclosure.md):
 * geschlecht d and x as d_x when either has fewer than cfg->merge_below
 * participations in a cohort; Staatsangehörigkeiten, and Kommunen when
 * cfg->merge_kommunen, below merge_below as "uebrige" (adding the next
 * smallest until "uebrige" itself reaches it). ohne_angabe is never merged.
 * Returns DBK_OK or DBK_ERR_NOMEM.
 */
dbk_error cohort_merge_small(cohort **cs, size_t n, const config *cfg);

/* Returns the bit set of the '|'-joined codes s within the NULL-terminated codes list. */
unsigned cohort_parse_set(const char *s, const char *const *codes);

/* Returns the altersgruppe code of an age ("18-20", ..., "ausserhalb"). */
const char *cohort_age_group(int age);

#endif

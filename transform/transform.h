/*
 * transform.h - one transform run: every indicator of outputs.md for the
 * reporting period and the previous period it is compared with, disclosure
 * control over both, tests, and the run record, in one transaction.
 */
#ifndef DURCHBLICK_TRANSFORM_TRANSFORM_H
#define DURCHBLICK_TRANSFORM_TRANSFORM_H

#include <sqlite3.h>

#include "config.h"
#include "error.h"
#include "kennzahlen_writer.h"
#include "period.h"
#include "sdc.h"

/* The figures of a run, before they are written. */
typedef struct transform_result {
    period p;             /* the reporting period */
    period prev;          /* the previous period of the same length */
    kz_table *cur;        /* the period's figures (owned) */
    kz_table *prev_figs;  /* the previous period's (owned): what the reports compare */
    sdc_stats sdc;        /* what disclosure control withheld */
    char datenstand[11];  /* the newest date in teilnahmen ("" if none) */
} transform_result;

/*
 * Computes every figure of period (from, to: ISO dates or NULL, see
 * period_resolve) and of the previous period: participation indicators,
 * needs and offers, funding, data quality, then disclosure control over all
 * of them together, then the tests on what is shown. Returns DBK_OK and
 * *out owns the result (transform_result_free). On error prints a message
 * naming path and returns it; *out is NULL. Reads only.
 */
dbk_error transform_compute(sqlite3 *db, const char *path, const config *cfg, const char *from,
                            const char *to, transform_result **out);

/* Frees a result; NULL is a no-op. */
void transform_result_free(transform_result *r);

/*
 * The whole stage on an open database: in one transaction (BEGIN IMMEDIATE,
 * so a locked database fails early) records the run in laeufe, computes the
 * figures and replaces those of the period in kennzahlen. Returns DBK_OK;
 * on error prints a message naming path, rolls back (the database is as
 * before) and returns the error.
 */
dbk_error transform_run(sqlite3 *db, const char *path, const config *cfg, const char *from,
                        const char *to);

#endif

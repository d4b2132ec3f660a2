/*
 * transform.h - one transform run: every indicator of outputs.md for the
 * reporting period, disclosure control, and the run record, in one
 * transaction.
 */
#ifndef DURCHBLICK_TRANSFORM_TRANSFORM_H
#define DURCHBLICK_TRANSFORM_TRANSFORM_H

#include <sqlite3.h>

#include "config.h"
#include "error.h"
#include "kennzahlen_writer.h"
#include "period.h"

/*
 * Computes every figure of period (from, to: ISO dates or NULL, see
 * period_resolve) into a new table: participation indicators, needs and
 * offers, funding, data quality, then disclosure control. Returns DBK_OK
 * and *out owns the table (kz_table_free), *p holds the period. On error
 * prints a message naming path and returns it; *out is NULL. Reads only.
 */
dbk_error transform_compute(sqlite3 *db, const char *path, const config *cfg, const char *from,
                            const char *to, period *p, kz_table **out);

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

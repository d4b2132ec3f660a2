/*
 * disclosure.h - disclosure control over every figure of a run: builds the
 * problem of sdc.h from the figures of the reporting period, the previous
 * period and the funding years, solves it, and marks the figures.
 */
#ifndef DURCHBLICK_TRANSFORM_DISCLOSURE_H
#define DURCHBLICK_TRANSFORM_DISCLOSURE_H

#include <stddef.h>

#include "config.h"
#include "error.h"
#include "kennzahlen_writer.h"
#include "period.h"
#include "sdc.h"

/* The figures of one period: rows by `jahr` are of their calendar year, all others of p. */
typedef struct disclosure_set {
    kz_table *t;
    const period *p;
} disclosure_set;

/*
 * Sets gesperrt and geheimhaltung on the rows of every set: one problem over
 * all of them (a count in two sets is one cell), protected as sdc.h
 * describes. Fills *stats (may be NULL). Returns DBK_OK or DBK_ERR_NOMEM.
 */
dbk_error disclosure_apply(disclosure_set *sets, size_t n, const config *cfg, sdc_stats *stats);

/*
 * The Baustein whose participations a completeness figure of a teilnahmen
 * field is measured on (3 for abschluss_erreicht, 4 for pruefung), or 0 for
 * all participations of the period.
 */
int disclosure_field_baustein(const char *feld);

#endif

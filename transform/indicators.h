/*
 * indicators.h - the participation indicators of outputs.md by every
 * dimension: counts, stock, rates with intervals, Kaplan-Meier median days
 * to placement, and the chi-squared / Fisher test of placement.
 */
#ifndef DURCHBLICK_TRANSFORM_INDICATORS_H
#define DURCHBLICK_TRANSFORM_INDICATORS_H

#include "cohort.h"
#include "config.h"
#include "error.h"
#include "kennzahlen_writer.h"

/* Which figures a cohort gets. */
typedef enum {
    INDICATORS_FULL = 0, /* the reporting period: everything */
    INDICATORS_COMPARISON /* the previous period: what the reports compare (key figures, by Baustein and Kommune, by quarter) */
} indicators_scope;

/*
 * Adds to t: personen, teilnahmen, eintritte, austritte, bestand,
 * vermittlungsquote, verbleib_anteil, abbruchquote, dauer_bis_vermittlung,
 * deutsch_b1_quote, pruefung_bestanden_quote, abschluss_quote,
 * zielgruppe_anteil and personen_ausserhalb_zielgruppe for cohort c (see
 * docs/kennzahlen.md for which dimension each has; INDICATORS_COMPARISON: a
 * subset), and the intern flows by quarter and Baustein that disclosure
 * control relates the stock to. The tests come after disclosure control
 * (tests.h). Returns DBK_OK, or DBK_ERR_NOMEM (t may then hold part of the
 * rows).
 */
dbk_error indicators_compute(const cohort *c, const config *cfg, indicators_scope scope,
                             kz_table *t);

/*
 * The Kaplan-Meier observation of one participation for dauer_bis_vermittlung
 * in period p: sets *days and *event (1 = placement) and returns 0.
 */
int indicators_km_observation(const cohort_row *r, const period *p, double *days, int *event);

#endif

/*
 * tests.c - tests of group differences on shown figures only.
 */
#include "tests.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cohort.h"
#include "stats.h"

static const char *const test_dims[] = {"baustein", "kommune", "aufenthaltsstatus",
                                        "leistungsbezug", "geschlecht", "altersgruppe",
                                        "staatsangehoerigkeit", "quartal", NULL};

/* Adds the test of one dimension from its rates; returns 0 or -1 on no memory. */
static int test_dimension(kz_table *t, const char *dim)
{
    const kz_row *total = kz_table_find(t, "vermittlungsquote", "gesamt", "gesamt");
    size_t n = 0, withheld = 0;
    long *counts = NULL, placed = 0, exits = 0;
    int rows = 0;
    stats_chisq_result chi;
    kz_row *r = NULL;

    for (size_t i = 0; i < t->n; i++)
        n += strcmp(t->rows[i].kennzahl, "vermittlungsquote") == 0 &&
             strcmp(t->rows[i].dimension, dim) == 0;
    if (n == 0 || !total)
        return 0;
    if (!(counts = malloc((n + 1) * 2 * sizeof *counts)))
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        const kz_row *q = &t->rows[i];
        if (strcmp(q->kennzahl, "vermittlungsquote") != 0 || strcmp(q->dimension, dim) != 0)
            continue;
        if (q->gesperrt) {
            withheld++;
            continue;
        }
        long z = (long)q->zaehler.v, m = (long)q->nenner.v;
        placed += z;
        exits += m;
        if (strcmp(q->kategorie, COHORT_NO_VALUE) == 0 || m == 0)
            continue; /* shown, so not part of the rest either */
        counts[rows * 2] = z;
        counts[rows * 2 + 1] = m - z;
        rows++;
    }
    if (withheld > 0) {
        if (total->gesperrt) {
            free(counts);
            r = kz_table_add(t, "test_vermittlung", dim, "chi2", kz_null(), kz_null(), kz_null());
            if (r) {
                r->gesperrt = 1;
                r->geheimhaltung = KZ_GH_SEKUNDAER;
            }
            return r ? 0 : -1;
        }
        /* the withheld categories together: the total minus what is shown */
        long z = (long)total->zaehler.v - placed, m = (long)total->nenner.v - exits;
        if (m > 0) {
            counts[rows * 2] = z;
            counts[rows * 2 + 1] = m - z;
            rows++;
        }
    }
    if (rows == 0 || stats_chisq(counts, rows, 2, &chi) != STATS_OK) {
        free(counts);
        r = kz_table_add(t, "test_vermittlung", dim, "chi2", kz_null(), kz_null(), kz_null());
    } else if (chi.rows_used == 2 && chi.cols_used == 2 && chi.min_expected < 5.0) {
        long cell[4];
        int k = 0;
        double p;
        for (int i = 0; i < rows && k < 4; i++) {
            if (counts[i * 2] + counts[i * 2 + 1] == 0)
                continue;
            cell[k++] = counts[i * 2];
            cell[k++] = counts[i * 2 + 1];
        }
        free(counts);
        if (stats_fisher_2x2(cell[0], cell[1], cell[2], cell[3], &p) != STATS_OK)
            p = NAN;
        r = kz_table_add(t, "test_vermittlung", dim, "fisher", kz_real(chi.statistic),
                         kz_int(chi.df), kz_real(p));
    } else {
        free(counts);
        r = kz_table_add(t, "test_vermittlung", dim, "chi2", kz_real(chi.statistic),
                         kz_int(chi.df), kz_real(chi.p_value));
    }
    if (!r)
        return -1;
    if (withheld > 0)
        r->geheimhaltung = KZ_GH_ZUSAMMENGEFASST;
    return 0;
}

dbk_error tests_compute(kz_table *t)
{
    for (size_t d = 0; test_dims[d]; d++)
        if (test_dimension(t, test_dims[d]) != 0)
            return DBK_ERR_NOMEM;
    return DBK_OK;
}

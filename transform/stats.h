/*
 * stats.h - the statistics the transform stage needs: proportion confidence
 * intervals, chi-squared and Fisher tests, Kaplan-Meier median.
 *
 * Every function reproduces a named R function (outputs.md: "agreement with
 * R to 1e-9 relative"); tests/fixtures/stats/make_fixtures.R holds the R
 * calls the results are checked against. Distributions come from GSL.
 *
 * No function keeps state, so all are safe to call from several threads.
 * On error the out-parameters are left untouched.
 */
#ifndef DURCHBLICK_STATS_H
#define DURCHBLICK_STATS_H

#include <stddef.h>

typedef enum {
    STATS_OK = 0,
    STATS_ERR_EMPTY,      /* no observations (n == 0, empty table) */
    STATS_ERR_RANGE,      /* an argument outside its domain */
    STATS_ERR_DEGENERATE, /* table has fewer than 2 non-empty rows or columns */
    STATS_ERR_NOMEM
} stats_error;

/* Returns a static, lower-case description of e; never NULL (unknown codes
 * give "unknown stats error"). */
const char *stats_strerror(stats_error e);

typedef struct {
    double lower, upper;
} stats_interval;

/*
 * Wilson score interval without continuity correction, as R's
 * prop.test(x, n, correct = FALSE)$conf.int: x = 0 gives lower 0, x = n
 * gives upper 1. conf is the confidence level in (0, 1), e.g. 0.95.
 * Returns STATS_OK and fills *out; STATS_ERR_EMPTY if n == 0;
 * STATS_ERR_RANGE if x < 0, x > n, conf outside (0, 1) or out is NULL.
 */
stats_error stats_wilson(long x, long n, double conf, stats_interval *out);

/*
 * Clopper-Pearson exact interval, as R's binom.test(x, n,
 * conf.level = conf)$conf.int: x = 0 gives lower 0, x = n gives upper 1.
 * The beta quantiles invert gsl_cdf_beta_P/Q (not gsl_cdf_beta_Pinv, which
 * aborts or hangs for large n).
 * Returns STATS_OK and fills *out; STATS_ERR_EMPTY if n == 0;
 * STATS_ERR_RANGE if x < 0, x > n, conf outside (0, 1), out is NULL, or x
 * and n - x are both beyond what GSL's beta cdf evaluates (about 2e6).
 */
stats_error stats_clopper_pearson(long x, long n, double conf,
                                  stats_interval *out);

typedef struct {
    double statistic;    /* Pearson X^2 */
    int df;              /* (rows_used - 1) * (cols_used - 1) */
    double p_value;      /* upper tail of chi^2(df) */
    double min_expected; /* smallest expected count of the reduced table */
    int rows_used, cols_used;
} stats_chisq_result;

/*
 * Pearson chi-squared test of independence, as R's
 * chisq.test(tab, correct = FALSE). counts is row-major rows x cols and is
 * only read. Rows and columns whose margin is 0 are dropped first (R would
 * give NaN); the result is R's on the reduced table.
 * Returns STATS_OK and fills *out; STATS_ERR_RANGE if counts or out is NULL,
 * rows or cols < 1, or a count is negative; STATS_ERR_EMPTY if all counts
 * are 0; STATS_ERR_DEGENERATE if fewer than 2 rows or 2 columns remain;
 * STATS_ERR_NOMEM if the margins cannot be allocated.
 */
stats_error stats_chisq(const long *counts, int rows, int cols,
                        stats_chisq_result *out);

/*
 * Fisher's exact test, two-sided, for the 2x2 table [[a, b], [c, d]], as
 * R's fisher.test(matrix(c(a, c, b, d), 2))$p.value: the sum of the
 * hypergeometric probabilities not above the observed one's * (1 + 1e-7).
 * A table with an empty margin has p = 1, as in R.
 * Returns STATS_OK and sets *p_value (clamped to at most 1);
 * STATS_ERR_RANGE if a count is negative or above LONG_MAX / 4, or p_value
 * is NULL.
 */
stats_error stats_fisher_2x2(long a, long b, long c, long d, double *p_value);

typedef struct {
    size_t n;       /* observations */
    size_t events;  /* observations with event == 1 */
    int has_median, has_lower, has_upper; /* 0 where R prints NA */
    double median, lower, upper;          /* NAN where has_* is 0 */
} stats_km_result;

/*
 * Kaplan-Meier median survival time and its confidence interval, as
 * print(survival::survfit(Surv(time, event) ~ 1, conf.int = conf)) and
 * summary(fit)$table show them: Greenwood variance, conf.type = "log",
 * times within R's tolerance merged first (aeqSurv). The median is the
 * first time where S(t) <= 0.5; where S(t) equals 0.5 (within
 * sqrt(DBL_EPSILON)) it is the midpoint with the next time S drops, if
 * any. The limits apply the same rule to the lower and upper confidence
 * curves. A value never reached gets has_* = 0 and NAN.
 * time[i] >= 0 and finite (days), event[i] 0 = censored, 1 = event. Runs in
 * O(n log n); the working copy it allocates is freed before return.
 * Returns STATS_OK and fills *out; STATS_ERR_EMPTY if n == 0;
 * STATS_ERR_RANGE for a NULL pointer, a negative or non-finite time, an
 * event other than 0/1 or conf outside (0, 1); STATS_ERR_NOMEM if the
 * working copy cannot be allocated.
 */
stats_error stats_km_median(const double *time, const int *event, size_t n,
                            double conf, stats_km_result *out);

#endif

/*
 * stats.c - proportion intervals, chi-squared / Fisher tests and the
 * Kaplan-Meier median, each written to give R's numbers (see stats.h).
 *
 * Where R's code fixes an order of operations (prop.test, survfitkm.c,
 * survmean) it is followed literally, so results agree to the last few bits
 * rather than merely to the formula.
 */
#include "stats.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

/* R's default tolerance in quantile.survfit, survmean and aeqSurv. */
#define STATS_R_TOL 1.4901161193847656e-08 /* sqrt(DBL_EPSILON) = 2^-26 */

/* fisher.test's relErr: probabilities within it count as "as extreme". */
#define STATS_FISHER_REL_ERR (1.0 + 1e-7)

const char *stats_strerror(stats_error e)
{
    switch (e) {
    case STATS_OK:
        return "no error";
    case STATS_ERR_EMPTY:
        return "no observations";
    case STATS_ERR_RANGE:
        return "argument out of range";
    case STATS_ERR_DEGENERATE:
        return "table has fewer than two non-empty rows or columns";
    case STATS_ERR_NOMEM:
        return "out of memory";
    }
    return "unknown stats error";
}

/* Shared argument check of the two binomial intervals. */
static stats_error check_binom(long x, long n, double conf,
                               const stats_interval *out)
{
    if (out == NULL || !(conf > 0.0 && conf < 1.0))
        return STATS_ERR_RANGE;
    if (n == 0)
        return STATS_ERR_EMPTY;
    if (n < 0 || x < 0 || x > n)
        return STATS_ERR_RANGE;
    return STATS_OK;
}

stats_error stats_wilson(long x, long n, double conf, stats_interval *out)
{
    stats_error err = check_binom(x, n, conf, out);
    if (err != STATS_OK)
        return err;

    /* prop.test, k = 1, YATES = 0, spelled as R spells it. */
    double dn = (double)n;
    double est = (double)x / dn;
    double z = gsl_cdf_ugaussian_Pinv((1.0 + conf) / 2.0);
    double z22n = z * z / (2.0 * dn);
    double root = z * sqrt(est * (1.0 - est) / dn + z22n / (2.0 * dn));
    double pu = est >= 1.0 ? 1.0 : (est + z22n + root) / (1.0 + 2.0 * z22n);
    double pl = est <= 0.0 ? 0.0 : (est + z22n - root) / (1.0 + 2.0 * z22n);

    out->lower = pl > 0.0 ? pl : 0.0;
    out->upper = pu < 1.0 ? pu : 1.0;
    return STATS_OK;
}

/*
 * Beta quantile by a bracketed Newton iteration on GSL's beta cdf.
 * gsl_cdf_beta_Pinv itself is not used: for parameters of a large
 * programme (e.g. P = 0.975, a = 2, b = 999999) it calls the GSL error
 * handler (abort by default), and for a = b = 1e7 it does not return.
 * upper = 0 solves P(X <= q) = p; upper = 1 solves P(X > q) = p, so the
 * upper limit works on its small tail instead of on 1 - tiny. Returns NAN
 * where GSL's cdf gives up (its continued fraction, a and b both above
 * ~2e6).
 */
static double beta_quantile(double p, double a, double b, int upper)
{
    double lo = 0.0, hi = 1.0;
    double q = a / (a + b); /* start at the mean; Newton finds the tail */
    double lbeta = lgamma(a) + lgamma(b) - lgamma(a + b);

    for (int iter = 0; iter < 400; iter++) {
        /* g rises with q and is 0 at the quantile */
        double g = upper ? p - gsl_cdf_beta_Q(q, a, b)
                         : gsl_cdf_beta_P(q, a, b) - p;
        if (isnan(g))
            return NAN;
        if (g == 0.0)
            return q;
        if (g < 0.0)
            lo = q;
        else
            hi = q;

        double dens = exp((a - 1.0) * log(q) + (b - 1.0) * log1p(-q) - lbeta);
        double next = q - g / dens;
        /* outside the bracket (or no usable slope): bisect instead */
        if (!(dens > 0.0) || !isfinite(next) || next <= lo || next >= hi)
            next = lo + (hi - lo) / 2.0;
        if (fabs(next - q) <= 2.0 * DBL_EPSILON * q)
            return next;
        q = next;
    }
    return q; /* cdf noise near the root: q is as good as it gets */
}

stats_error stats_clopper_pearson(long x, long n, double conf,
                                  stats_interval *out)
{
    stats_error err = check_binom(x, n, conf, out);
    if (err != STATS_OK)
        return err;

    /* binom.test: p.L / p.U with alpha = (1 - conf.level) / 2 */
    double alpha = (1.0 - conf) / 2.0;
    double dx = (double)x, dn = (double)n;
    /* R asks qbeta for the lower tail at the double 1 - alpha; its upper
     * tail 1 - (1 - alpha) is exact (Sterbenz), so nothing shifts. */
    double lower = x == 0 ? 0.0 : beta_quantile(alpha, dx, dn - dx + 1.0, 0);
    double upper = x == n ? 1.0
                          : beta_quantile(1.0 - (1.0 - alpha), dx + 1.0, dn - dx, 1);
    if (isnan(lower) || isnan(upper))
        return STATS_ERR_RANGE;
    out->lower = lower;
    out->upper = upper;
    return STATS_OK;
}

stats_error stats_chisq(const long *counts, int rows, int cols,
                        stats_chisq_result *out)
{
    if (counts == NULL || out == NULL || rows < 1 || cols < 1)
        return STATS_ERR_RANGE;

    size_t nr = (size_t)rows, nc = (size_t)cols;
    for (size_t i = 0; i < nr * nc; i++)
        if (counts[i] < 0)
            return STATS_ERR_RANGE;

    double *sr = calloc(nr + nc, sizeof *sr);
    if (sr == NULL)
        return STATS_ERR_NOMEM;
    double *sc = sr + nr;

    double total = 0.0;
    for (size_t i = 0; i < nr; i++)
        for (size_t j = 0; j < nc; j++) {
            double v = (double)counts[i * nc + j];
            sr[i] += v;
            sc[j] += v;
            total += v;
        }

    int ru = 0, cu = 0;
    for (size_t i = 0; i < nr; i++)
        ru += sr[i] > 0.0;
    for (size_t j = 0; j < nc; j++)
        cu += sc[j] > 0.0;

    stats_error err = STATS_OK;
    if (total == 0.0)
        err = STATS_ERR_EMPTY;
    else if (ru < 2 || cu < 2)
        err = STATS_ERR_DEGENERATE;
    if (err != STATS_OK) {
        free(sr);
        return err;
    }

    /* R sums column-major in long double; do the same so the last bits
     * match. Dropped rows/columns are simply skipped. */
    long double stat = 0.0L;
    double min_e = INFINITY;
    for (size_t j = 0; j < nc; j++) {
        if (sc[j] == 0.0)
            continue;
        for (size_t i = 0; i < nr; i++) {
            if (sr[i] == 0.0)
                continue;
            double e = sr[i] * sc[j] / total;
            double dev = fabs((double)counts[i * nc + j] - e);
            stat += (long double)(dev * dev / e);
            if (e < min_e)
                min_e = e;
        }
    }
    free(sr);

    int df = (ru - 1) * (cu - 1);
    out->statistic = (double)stat;
    out->df = df;
    out->p_value = gsl_cdf_chisq_Q((double)stat, (double)df);
    out->min_expected = min_e;
    out->rows_used = ru;
    out->cols_used = cu;
    return STATS_OK;
}

/*
 * Hypergeometric weights of the 2x2 support walk outwards from the mode
 * (weight 1) by the pmf ratio, in long double: no lgamma differences of
 * huge numbers (which cost ~1e-9 relative at a million), no overflow.
 * A walk stops where the weights underflow; everything beyond is 0, as
 * exp() underflows in R.
 */
typedef struct {
    long double m, nn, k; /* white balls, black balls, draws */
    long lo, hi, mode;
} hyper_walk;

/* pmf(x + 1) / pmf(x) */
static long double hyper_ratio_up(const hyper_walk *h, long x)
{
    long double lx = (long double)x;
    return (h->m - lx) * (h->k - lx) / ((lx + 1.0L) * (h->nn - h->k + lx + 1.0L));
}

/*
 * Walks every support point with a non-zero weight. Returns the total
 * weight, sets *w_obs to the weight of x = obs (0 if it underflowed) and,
 * if tail is not NULL, *tail to the sum of the weights <= thresh.
 */
static long double hyper_sum(const hyper_walk *h, long obs, long double *w_obs,
                             long double thresh, long double *tail)
{
    long double total = 0.0L, acc = 0.0L, w;
    long x;

    *w_obs = 0.0L;
    for (x = h->mode, w = 1.0L; x <= h->hi && w > 0.0L; x++) {
        total += w;
        if (x == obs)
            *w_obs = w;
        if (w <= thresh)
            acc += w;
        if (x < h->hi)
            w *= hyper_ratio_up(h, x);
    }
    w = 1.0L;
    for (x = h->mode - 1; x >= h->lo; x--) {
        w /= hyper_ratio_up(h, x);
        if (!(w > 0.0L))
            break;
        total += w;
        if (x == obs)
            *w_obs = w;
        if (w <= thresh)
            acc += w;
    }
    if (tail != NULL)
        *tail = acc;
    return total;
}

stats_error stats_fisher_2x2(long a, long b, long c, long d, double *p_value)
{
    if (p_value == NULL || a < 0 || b < 0 || c < 0 || d < 0)
        return STATS_ERR_RANGE;
    /* the margins below must not overflow */
    if (a > LONG_MAX / 4 || b > LONG_MAX / 4 || c > LONG_MAX / 4 || d > LONG_MAX / 4)
        return STATS_ERR_RANGE;

    /* fisher.test: m = first column, n = second column, k = first row */
    long m = a + c, nn = b + d, k = a + b;
    hyper_walk h;
    h.m = (long double)m;
    h.nn = (long double)nn;
    h.k = (long double)k;
    h.lo = k - nn > 0 ? k - nn : 0;
    h.hi = k < m ? k : m;
    if (h.lo == h.hi) { /* one table only: R's sum(d[...]) is 1 */
        *p_value = 1.0;
        return STATS_OK;
    }

    long double mode = floorl((h.k + 1.0L) * (h.m + 1.0L) / (h.m + h.nn + 2.0L));
    h.mode = (long)mode;
    if (h.mode < h.lo)
        h.mode = h.lo;
    if (h.mode > h.hi)
        h.mode = h.hi;

    long double w_obs, w_again, tail;
    long double total = hyper_sum(&h, a, &w_obs, -1.0L, NULL);
    /* The second walk gives bit-identical weights, so the comparison is
     * exact; cheaper than storing up to hi - lo weights. */
    hyper_sum(&h, a, &w_again, w_obs * (long double)STATS_FISHER_REL_ERR, &tail);

    double p = (double)(tail / total);
    *p_value = p < 1.0 ? p : 1.0;
    return STATS_OK;
}

/* ---- Kaplan-Meier ---------------------------------------------------- */

typedef struct {
    double t;
    int e;
} km_obs;

static int km_obs_cmp(const void *pa, const void *pb)
{
    double x = ((const km_obs *)pa)->t, y = ((const km_obs *)pb)->t;
    return (x > y) - (x < y);
}

/*
 * survival's aeqSurv (survfit's timefix = TRUE): distinct times closer than
 * the tolerance, absolutely or relative to the mean distinct |time|, are
 * merged into the first of their chain. obs must be sorted by time.
 */
static void km_merge_ties(km_obs *obs, size_t n)
{
    /* mean of the distinct times as R's mean(): long double sum, then one
     * correction pass */
    long double s = 0.0L;
    size_t nu = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || obs[i].t != obs[i - 1].t) {
            s += fabs(obs[i].t);
            nu++;
        }
    s /= (long double)nu;
    if (isfinite((double)s)) {
        long double t = 0.0L;
        for (size_t i = 0; i < n; i++)
            if (i == 0 || obs[i].t != obs[i - 1].t)
                t += (long double)fabs(obs[i].t) - s;
        s += t / (long double)nu;
    }
    double mean = (double)s;

    double prev = obs[0].t, cut = obs[0].t;
    for (size_t i = 1; i < n; i++) {
        double v = obs[i].t;
        if (v != prev) {
            double dy = v - prev;
            int tied = dy <= STATS_R_TOL || dy / mean <= STATS_R_TOL;
            if (!tied)
                cut = v;
            prev = v;
        }
        obs[i].t = cut;
    }
}

/*
 * survmean's minmin() over one curve, fed point by point: the first time
 * whose value is < 0.5 + tol; if that value is 0.5 within tol, the
 * midpoint with the first later time whose value is strictly smaller.
 * NA points (value NAN) are skipped, as R drops them.
 */
typedef struct {
    int state; /* 0 looking, 1 found 0.5 and looking for a drop, 2 done */
    double x1, y1, result;
} km_minmin;

static void minmin_feed(km_minmin *mm, double x, double y)
{
    if (mm->state == 2 || isnan(y) || !(y < 0.5 + STATS_R_TOL))
        return;
    if (mm->state == 0) {
        mm->x1 = x;
        mm->y1 = y;
        mm->result = x;
        mm->state = fabs(y - 0.5) < STATS_R_TOL ? 1 : 2;
    } else if (y < mm->y1) {
        mm->result = (mm->x1 + x) / 2.0;
        mm->state = 2;
    }
}

/* Sets *value and returns 1 when the curve reached 0.5, else NAN and 0. */
static int minmin_result(const km_minmin *mm, double *value)
{
    if (mm->state == 0) {
        *value = NAN;
        return 0;
    }
    *value = mm->result;
    return 1;
}

stats_error stats_km_median(const double *time, const int *event, size_t n,
                            double conf, stats_km_result *out)
{
    if (time == NULL || event == NULL || out == NULL ||
        !(conf > 0.0 && conf < 1.0))
        return STATS_ERR_RANGE;
    if (n == 0)
        return STATS_ERR_EMPTY;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(time[i]) || time[i] < 0.0 ||
            (event[i] != 0 && event[i] != 1))
            return STATS_ERR_RANGE;

    km_obs *obs = malloc(n * sizeof *obs);
    if (obs == NULL)
        return STATS_ERR_NOMEM;
    size_t events = 0;
    for (size_t i = 0; i < n; i++) {
        obs[i].t = time[i];
        obs[i].e = event[i];
        events += (size_t)event[i];
    }
    /* Callers that group a pre-sorted sample pass sorted times: check before sorting. */
    int sorted = 1;
    for (size_t k = 1; k < n && sorted; k++)
        sorted = obs[k - 1].t <= obs[k].t;
    if (!sorted)
        qsort(obs, n, sizeof *obs, km_obs_cmp);
    km_merge_ties(obs, n);

    /* survfit_confint, conf.type = "log" */
    double zval = gsl_cdf_ugaussian_Pinv(1.0 - (1.0 - conf) / 2.0);
    km_minmin mm_s = {0, 0, 0, 0}, mm_lo = {0, 0, 0, 0}, mm_up = {0, 0, 0, 0};
    double km = 1.0, v1 = 0.0;
    size_t i = 0;
    while (i < n) {
        /* one distinct time: survfitkm.c's n.risk and n.event, as doubles */
        double t = obs[i].t;
        double nrisk = (double)(n - i), nevent = 0.0;
        for (; i < n && obs[i].t == t; i++)
            nevent += obs[i].e;
        if (nevent > 0.0) {
            km *= (nrisk - nevent) / nrisk;
            v1 += nevent / (nrisk * (nrisk - nevent)); /* Greenwood */
        }
        double se = sqrt(v1);
        double lower = NAN, upper = NAN; /* R: NA where S = 0 */
        if (km != 0.0) {
            double se2 = zval * se;
            lower = exp(log(km) - se2);
            upper = exp(log(km) + se2);
            if (upper > 1.0)
                upper = 1.0;
        }
        minmin_feed(&mm_s, t, km);
        minmin_feed(&mm_lo, t, lower);
        minmin_feed(&mm_up, t, upper);
    }
    free(obs);

    out->n = n;
    out->events = events;
    out->has_median = minmin_result(&mm_s, &out->median);
    out->has_lower = minmin_result(&mm_lo, &out->lower);
    out->has_upper = minmin_result(&mm_up, &out->upper);
    return STATS_OK;
}

/*
 * test_stats.c - transform/stats.c against R's reference values
 * (tests/fixtures/stats, made by make_fixtures.R) and hand-worked cases.
 * Run with the repository root as working directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#define FIXTURE_DIR "tests/fixtures/stats/"
#define MAX_FIELDS 16
#define LINE_MAX_LEN 65536

/* outputs.md: agreement with R to 1e-9 relative; near zero absolute. */
#define REL_TOL 1e-9
#define ABS_TOL 1e-12

/* 1.959963984540054 = qnorm(0.975), for the hand-worked intervals. */
#define Z975 1.959963984540054

/* ---- fixture reading ------------------------------------------------- */

typedef struct {
    FILE *fp;
    char line[LINE_MAX_LEN];
    char *field[MAX_FIELDS];
    int nfield;
    int lineno;
} csv_reader;

/* Opens FIXTURE_DIR name and skips its header; fails the test if absent. */
static void csv_open(csv_reader *r, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, FIXTURE_DIR "%s", name);
    r->fp = fopen(path, "r");
    if (r->fp == NULL)
        fail_msg("cannot open %s (run from the repository root)", path);
    r->lineno = 0;
    if (fgets(r->line, sizeof r->line, r->fp) == NULL)
        fail_msg("%s is empty", path);
    r->lineno = 1;
}

/* Reads the next row into r->field; returns 0 at end of file. */
static int csv_next(csv_reader *r)
{
    if (fgets(r->line, sizeof r->line, r->fp) == NULL)
        return 0;
    r->lineno++;
    r->line[strcspn(r->line, "\r\n")] = '\0';
    r->nfield = 0;
    char *p = r->line;
    for (;;) {
        assert_true(r->nfield < MAX_FIELDS);
        r->field[r->nfield++] = p;
        p = strchr(p, ',');
        if (p == NULL)
            break;
        *p++ = '\0';
    }
    return 1;
}

static void csv_close(csv_reader *r)
{
    fclose(r->fp);
}

/* A number from a fixture; "NA" gives NAN. */
static double parse_num(const char *s)
{
    if (strcmp(s, "NA") == 0)
        return NAN;
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0')
        fail_msg("not a number in fixture: '%s'", s);
    return v;
}

static long parse_long(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0')
        fail_msg("not an integer in fixture: '%s'", s);
    return v;
}

/* ---- comparison ------------------------------------------------------ */

static int close_enough(double got, double want)
{
    double diff = fabs(got - want);
    return diff <= ABS_TOL || diff <= REL_TOL * fabs(want);
}

#define assert_close(got, want, ...)                                       \
    do {                                                                   \
        double got_ = (got), want_ = (want);                               \
        if (!close_enough(got_, want_))                                    \
            fail_msg("%s: got %.17g, R %.17g", where(__VA_ARGS__), got_,   \
                     want_);                                               \
    } while (0)

/* Formats a location for failure messages into a static buffer. */
static const char *where(const char *fmt, ...)
{
    static char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

/* An R value that may be NA against a has_* flag and value. */
static void assert_maybe_na(int has, double got, double want, const char *what,
                            const char *name)
{
    if (isnan(want)) {
        if (has || !isnan(got))
            fail_msg("%s %s: R gives NA, got has=%d value %.17g", name, what,
                     has, got);
        return;
    }
    if (!has)
        fail_msg("%s %s: R gives %.17g, got NA", name, what, want);
    assert_close(got, want, "%s %s", name, what);
}

/* ---- fixtures -------------------------------------------------------- */

typedef stats_error (*interval_fn)(long, long, double, stats_interval *);

static void check_interval_fixture(const char *file, interval_fn fn)
{
    csv_reader r;
    int rows = 0;
    csv_open(&r, file);
    while (csv_next(&r)) {
        assert_int_equal(r.nfield, 5);
        long x = parse_long(r.field[0]), n = parse_long(r.field[1]);
        double conf = parse_num(r.field[2]);
        stats_interval ci = {-1.0, -1.0};
        assert_int_equal(fn(x, n, conf, &ci), STATS_OK);
        assert_close(ci.lower, parse_num(r.field[3]), "%s:%d lower", file, r.lineno);
        assert_close(ci.upper, parse_num(r.field[4]), "%s:%d upper", file, r.lineno);
        rows++;
    }
    csv_close(&r);
    assert_true(rows >= 30); /* a truncated fixture must not pass */
}

static void test_wilson_fixture(void **state)
{
    (void)state;
    check_interval_fixture("wilson.csv", stats_wilson);
}

static void test_clopper_pearson_fixture(void **state)
{
    (void)state;
    check_interval_fixture("clopper_pearson.csv", stats_clopper_pearson);
}

static void test_chisq_fixture(void **state)
{
    (void)state;
    csv_reader r;
    int rows = 0;
    csv_open(&r, "chisq.csv");
    while (csv_next(&r)) {
        assert_int_equal(r.nfield, 7);
        int nr = (int)parse_long(r.field[0]), nc = (int)parse_long(r.field[1]);
        long *counts = calloc((size_t)nr * (size_t)nc, sizeof *counts);
        assert_non_null(counts);
        int k = 0;
        for (char *tok = strtok(r.field[2], "|"); tok; tok = strtok(NULL, "|")) {
            assert_true(k < nr * nc);
            counts[k++] = parse_long(tok);
        }
        assert_int_equal(k, nr * nc);

        stats_chisq_result res;
        memset(&res, 0, sizeof res);
        stats_error err = stats_chisq(counts, nr, nc, &res);
        free(counts);
        assert_int_equal(err, STATS_OK);
        assert_close(res.statistic, parse_num(r.field[3]), "chisq.csv:%d statistic", r.lineno);
        assert_int_equal(res.df, parse_long(r.field[4]));
        assert_int_equal(res.df, (res.rows_used - 1) * (res.cols_used - 1));
        assert_close(res.p_value, parse_num(r.field[5]), "chisq.csv:%d p", r.lineno);
        assert_close(res.min_expected, parse_num(r.field[6]), "chisq.csv:%d min_expected", r.lineno);
        rows++;
    }
    csv_close(&r);
    assert_true(rows >= 10);
}

static void test_fisher_fixture(void **state)
{
    (void)state;
    csv_reader r;
    int rows = 0;
    csv_open(&r, "fisher.csv");
    while (csv_next(&r)) {
        assert_int_equal(r.nfield, 5);
        double p = -1.0;
        assert_int_equal(stats_fisher_2x2(parse_long(r.field[0]), parse_long(r.field[1]),
                                          parse_long(r.field[2]), parse_long(r.field[3]), &p),
                         STATS_OK);
        assert_close(p, parse_num(r.field[4]), "fisher.csv:%d p", r.lineno);
        rows++;
    }
    csv_close(&r);
    assert_true(rows >= 20);
}

/* Loads km_<name>.csv; the arrays are the caller's to free. */
static size_t load_km(const char *name, double **time, int **event)
{
    char file[256];
    size_t n = 0, cap = 64;
    csv_reader r;

    snprintf(file, sizeof file, "km_%s.csv", name);
    *time = malloc(cap * sizeof **time);
    *event = malloc(cap * sizeof **event);
    assert_non_null(*time);
    assert_non_null(*event);
    csv_open(&r, file);
    while (csv_next(&r)) {
        assert_int_equal(r.nfield, 2);
        if (n == cap) {
            cap *= 2;
            *time = realloc(*time, cap * sizeof **time);
            *event = realloc(*event, cap * sizeof **event);
            assert_non_null(*time);
            assert_non_null(*event);
        }
        (*time)[n] = parse_num(r.field[0]);
        (*event)[n] = (int)parse_long(r.field[1]);
        n++;
    }
    csv_close(&r);
    return n;
}

static void test_km_fixture(void **state)
{
    (void)state;
    csv_reader r;
    int rows = 0;
    csv_open(&r, "km_summary.csv");
    while (csv_next(&r)) {
        assert_int_equal(r.nfield, 7);
        const char *name = r.field[0];
        double *time;
        int *event;
        size_t n = load_km(name, &time, &event);
        assert_int_equal(n, parse_long(r.field[1]));

        stats_km_result res;
        memset(&res, 0, sizeof res);
        stats_error err = stats_km_median(time, event, n, parse_num(r.field[3]), &res);
        free(time);
        free(event);
        assert_int_equal(err, STATS_OK);
        assert_int_equal(res.n, n);
        assert_int_equal(res.events, parse_long(r.field[2]));
        assert_maybe_na(res.has_median, res.median, parse_num(r.field[4]), "median", name);
        assert_maybe_na(res.has_lower, res.lower, parse_num(r.field[5]), "lower", name);
        assert_maybe_na(res.has_upper, res.upper, parse_num(r.field[6]), "upper", name);
        rows++;
    }
    csv_close(&r);
    assert_true(rows >= 10);
}

/* ---- hand-worked cases ----------------------------------------------- */

static void test_wilson_by_hand(void **state)
{
    (void)state;
    stats_interval ci = {-1.0, -1.0};
    double z2 = Z975 * Z975;

    assert_int_equal(stats_wilson(0, 0, 0.95, &ci), STATS_ERR_EMPTY);
    assert_int_equal(stats_wilson(-1, 5, 0.95, &ci), STATS_ERR_RANGE);
    assert_int_equal(stats_wilson(6, 5, 0.95, &ci), STATS_ERR_RANGE);
    assert_int_equal(stats_wilson(1, 5, 1.0, &ci), STATS_ERR_RANGE);
    assert_int_equal(stats_wilson(1, 5, 0.95, NULL), STATS_ERR_RANGE);
    assert_true(ci.lower == -1.0 && ci.upper == -1.0); /* untouched on error */

    /* 0 of n: lower is 0, upper z^2 / (n + z^2) */
    assert_int_equal(stats_wilson(0, 20, 0.95, &ci), STATS_OK);
    assert_true(ci.lower == 0.0);
    assert_close(ci.upper, z2 / (20.0 + z2), "wilson 0 of 20 upper");
    /* n of n mirrors it */
    assert_int_equal(stats_wilson(20, 20, 0.95, &ci), STATS_OK);
    assert_close(ci.lower, 20.0 / (20.0 + z2), "wilson 20 of 20 lower");
    assert_true(ci.upper == 1.0);
    /* half: symmetric about 0.5 */
    assert_int_equal(stats_wilson(7, 14, 0.95, &ci), STATS_OK);
    assert_close(ci.lower + ci.upper, 1.0, "wilson 7 of 14 symmetry");
    assert_true(ci.lower < 0.5 && ci.upper > 0.5);
}

static void test_clopper_pearson_by_hand(void **state)
{
    (void)state;
    stats_interval ci = {-1.0, -1.0};

    assert_int_equal(stats_clopper_pearson(0, 0, 0.95, &ci), STATS_ERR_EMPTY);
    assert_int_equal(stats_clopper_pearson(3, 2, 0.95, &ci), STATS_ERR_RANGE);
    assert_int_equal(stats_clopper_pearson(1, 2, 0.0, &ci), STATS_ERR_RANGE);

    /* 0 of n: Beta(1, n) quantile is 1 - (alpha/2)^(1/n) */
    assert_int_equal(stats_clopper_pearson(0, 12, 0.95, &ci), STATS_OK);
    assert_true(ci.lower == 0.0);
    assert_close(ci.upper, 1.0 - pow(0.025, 1.0 / 12.0), "cp 0 of 12 upper");
    /* n of n: Beta(n, 1) quantile is (alpha/2)^(1/n) */
    assert_int_equal(stats_clopper_pearson(12, 12, 0.95, &ci), STATS_OK);
    assert_close(ci.lower, pow(0.025, 1.0 / 12.0), "cp 12 of 12 lower");
    assert_true(ci.upper == 1.0);
    /* 1 of 1 at 90 %: lower = 0.05 */
    assert_int_equal(stats_clopper_pearson(1, 1, 0.90, &ci), STATS_OK);
    assert_close(ci.lower, 0.05, "cp 1 of 1 lower");
}

static void test_chisq_by_hand(void **state)
{
    (void)state;
    stats_chisq_result res;
    memset(&res, 0, sizeof res);

    const long one_row[] = {4, 7, 9};
    assert_int_equal(stats_chisq(one_row, 1, 3, &res), STATS_ERR_DEGENERATE);
    /* a 2x3 table whose second row is empty is effectively 1x3 */
    const long empty_second_row[] = {4, 7, 9, 0, 0, 0};
    assert_int_equal(stats_chisq(empty_second_row, 2, 3, &res), STATS_ERR_DEGENERATE);
    const long one_col[] = {4, 0, 7, 0};
    assert_int_equal(stats_chisq(one_col, 2, 2, &res), STATS_ERR_DEGENERATE);
    const long zeros[] = {0, 0, 0, 0};
    assert_int_equal(stats_chisq(zeros, 2, 2, &res), STATS_ERR_EMPTY);
    const long negative[] = {1, -1, 2, 3};
    assert_int_equal(stats_chisq(negative, 2, 2, &res), STATS_ERR_RANGE);
    assert_int_equal(stats_chisq(NULL, 2, 2, &res), STATS_ERR_RANGE);
    assert_int_equal(stats_chisq(one_row, 0, 3, &res), STATS_ERR_RANGE);

    /* all-zero middle row dropped: [[10,20],[20,10]], every E = 15,
     * X2 = 4 * 5^2 / 15 = 20/3, df 1, p = erfc(sqrt(X2 / 2)) */
    const long zero_row[] = {10, 20, 0, 0, 20, 10};
    assert_int_equal(stats_chisq(zero_row, 3, 2, &res), STATS_OK);
    assert_int_equal(res.rows_used, 2);
    assert_int_equal(res.cols_used, 2);
    assert_int_equal(res.df, 1);
    assert_close(res.statistic, 20.0 / 3.0, "chisq zero row statistic");
    assert_close(res.p_value, erfc(sqrt(10.0 / 3.0)), "chisq zero row p");
    assert_close(res.min_expected, 15.0, "chisq zero row min_expected");
}

static void test_fisher_by_hand(void **state)
{
    (void)state;
    double p = -1.0;

    assert_int_equal(stats_fisher_2x2(1, -2, 3, 4, &p), STATS_ERR_RANGE);
    assert_int_equal(stats_fisher_2x2(1, 2, 3, 4, NULL), STATS_ERR_RANGE);
    assert_true(p == -1.0);

    /* [[3,0],[0,3]]: the two extreme tables, each 1 / C(6,3) */
    assert_int_equal(stats_fisher_2x2(3, 0, 0, 3, &p), STATS_OK);
    assert_close(p, 2.0 / 20.0, "fisher 3,0,0,3");
    /* [[1,2],[2,1]]: pmf 1/20, 9/20, 9/20, 1/20 -> everything */
    assert_int_equal(stats_fisher_2x2(1, 2, 2, 1, &p), STATS_OK);
    assert_close(p, 1.0, "fisher 1,2,2,1");
    /* [[0,3],[2,1]]: support x = 0..2 with pmf 1/5, 3/5, 1/5 -> 2/5 */
    assert_int_equal(stats_fisher_2x2(0, 3, 2, 1, &p), STATS_OK);
    assert_close(p, 0.4, "fisher 0,3,2,1");
    /* an empty row leaves one possible table */
    assert_int_equal(stats_fisher_2x2(0, 0, 5, 9, &p), STATS_OK);
    assert_true(p == 1.0);
}

static void test_km_by_hand(void **state)
{
    (void)state;
    stats_km_result res;
    memset(&res, 0, sizeof res);
    double t4[] = {3, 1, 4, 2};
    int all_events[] = {1, 1, 1, 1};
    int none[] = {0, 0, 0, 0};
    int bad[] = {1, 2, 0, 1};

    assert_int_equal(stats_km_median(t4, all_events, 0, 0.95, &res), STATS_ERR_EMPTY);
    assert_int_equal(stats_km_median(t4, bad, 4, 0.95, &res), STATS_ERR_RANGE);
    double negative[] = {3, -1, 4, 2};
    assert_int_equal(stats_km_median(negative, all_events, 4, 0.95, &res), STATS_ERR_RANGE);
    double inf[] = {3, INFINITY, 4, 2};
    assert_int_equal(stats_km_median(inf, all_events, 4, 0.95, &res), STATS_ERR_RANGE);
    assert_int_equal(stats_km_median(t4, all_events, 4, 1.5, &res), STATS_ERR_RANGE);

    /* all censored: the curve stays at 1, nothing is reached */
    assert_int_equal(stats_km_median(t4, none, 4, 0.95, &res), STATS_OK);
    assert_int_equal(res.n, 4);
    assert_int_equal(res.events, 0);
    assert_false(res.has_median || res.has_lower || res.has_upper);
    assert_true(isnan(res.median) && isnan(res.lower) && isnan(res.upper));

    /* a single event: S drops 1 -> 0 at t; the curves are NA at S = 0 */
    double t1[] = {42};
    assert_int_equal(stats_km_median(t1, all_events, 1, 0.95, &res), STATS_OK);
    assert_int_equal(res.events, 1);
    assert_true(res.has_median);
    assert_true(res.median == 42.0);
    assert_false(res.has_lower || res.has_upper);

    /* events at 1..4 (given unsorted): S(2) = 0.5 exactly, so the median
     * is the midpoint with the next drop, (2 + 3) / 2 */
    assert_int_equal(stats_km_median(t4, all_events, 4, 0.95, &res), STATS_OK);
    assert_true(res.has_median);
    assert_close(res.median, 2.5, "km 1..4 median");
    /* lower curve: S(1) = 0.75, se = sqrt(1/12): 0.75 e^{-z se} < 0.5 */
    assert_true(res.has_lower);
    assert_close(res.lower, 1.0, "km 1..4 lower");
}

/* A million observations in shuffled order: events at 1..n, S(n/2) = 0.5,
 * so the median is n/2 + 0.5; also checks that the sort copes. */
static void test_km_million(void **state)
{
    (void)state;
    const size_t n = 1000000;
    double *time = malloc(n * sizeof *time);
    int *event = malloc(n * sizeof *event);
    assert_non_null(time);
    assert_non_null(event);
    for (size_t i = 0; i < n; i++) {
        /* 999983 is prime and coprime to n: a permutation of 1..n */
        time[i] = (double)((i * 999983u) % n + 1);
        event[i] = 1;
    }
    stats_km_result res;
    stats_error err = stats_km_median(time, event, n, 0.95, &res);
    free(time);
    free(event);
    assert_int_equal(err, STATS_OK);
    assert_int_equal(res.n, n);
    assert_int_equal(res.events, n);
    assert_true(res.has_median && res.has_lower && res.has_upper);
    assert_close(res.median, 500000.5, "km million median");
    assert_true(res.lower < res.median && res.median < res.upper);
}

static void test_strerror(void **state)
{
    (void)state;
    const stats_error codes[] = {STATS_OK, STATS_ERR_EMPTY, STATS_ERR_RANGE,
                                 STATS_ERR_DEGENERATE, STATS_ERR_NOMEM};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        assert_non_null(stats_strerror(codes[i]));
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(stats_strerror(codes[i]), stats_strerror(codes[j]));
    }
    assert_string_equal(stats_strerror((stats_error)99), "unknown stats error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson_fixture),
        cmocka_unit_test(test_clopper_pearson_fixture),
        cmocka_unit_test(test_chisq_fixture),
        cmocka_unit_test(test_fisher_fixture),
        cmocka_unit_test(test_km_fixture),
        cmocka_unit_test(test_wilson_by_hand),
        cmocka_unit_test(test_clopper_pearson_by_hand),
        cmocka_unit_test(test_chisq_by_hand),
        cmocka_unit_test(test_fisher_by_hand),
        cmocka_unit_test(test_km_by_hand),
        cmocka_unit_test(test_km_million),
        cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

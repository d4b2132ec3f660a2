/*
 * test_transform_sdc.c - disclosure control worked by hand: primary and
 * secondary suppression, complements, zeros of small groups, linked tables,
 * and the audit's bounds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sdc.h"

/* A one-way table: cells named prefix+i with the given values, their total, one figure each. */
static long table(sdc_model *m, const char *prefix, const long long *v, size_t n, long *cells)
{
    char key[64];
    long long sum = 0;
    for (size_t i = 0; i < n; i++) {
        snprintf(key, sizeof key, "%s%zu", prefix, i);
        cells[i] = sdc_cell(m, key, v[i], 0);
        assert_true(cells[i] >= 0);
        assert_true(sdc_figure(m, 1, &cells[i]) >= 0);
        sum += v[i];
    }
    snprintf(key, sizeof key, "%stotal", prefix);
    long t = sdc_cell(m, key, sum, 0);
    assert_true(sdc_figure(m, 1, &t) >= 0);
    assert_int_equal(sdc_line(m, t, n, cells), 0);
    return t;
}

static size_t withheld(const sdc_model *m, const long *cells, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += sdc_cell_state(m, cells[i]) != SDC_SHOWN;
    return w;
}

/* The audit's view of cell c must not pin it, nor prove it below 3 when it is 1 or 2. */
static void assert_protected(sdc_model *m, long c)
{
    long long lo, hi;
    assert_int_equal(sdc_bounds(m, c, &lo, &hi), 0);
    if (hi >= 0 && hi <= lo)
        fail_msg("%s is pinned at %lld", sdc_key(m, c), lo);
    if (sdc_value(m, c) >= 1 && sdc_value(m, c) < 3 && hi >= 0 && hi < 3)
        fail_msg("%s (%lld) is proven below 3: at most %lld", sdc_key(m, c), sdc_value(m, c), hi);
}

/* One small cell needs exactly one partner: two cells are withheld, not more. */
static void test_one_partner(void **state)
{
    (void)state;
    sdc_model *m = sdc_new(3);
    long c[5];
    sdc_stats st;
    long long v[5] = {40, 1, 25, 31, 18};
    long t = table(m, "b", v, 5, c);
    assert_int_equal(sdc_protect(m, &st), DBK_OK);
    assert_int_equal(sdc_cell_state(m, c[1]), SDC_PRIMARY);
    assert_int_equal(sdc_cell_state(m, c[4]), SDC_SECONDARY); /* the smallest other */
    assert_int_equal(withheld(m, c, 5), 2);
    assert_int_equal(sdc_cell_state(m, t), SDC_SHOWN);
    assert_int_equal(st.unresolved, 0);
    assert_protected(m, c[1]);
    assert_protected(m, c[4]);
    sdc_free(m);
}

/* Channel 2: divers 1 + keine Angabe 1 = 159 - 29 - 128: two withheld ones need a third. */
static void test_two_small_in_a_line(void **state)
{
    (void)state;
    sdc_model *m = sdc_new(3);
    long c[4];
    long long v[4] = {29, 128, 1, 1};
    table(m, "g", v, 4, c);
    assert_int_equal(sdc_protect(m, NULL), DBK_OK);
    assert_int_equal(withheld(m, c, 4), 3);
    assert_int_equal(sdc_cell_state(m, c[0]), SDC_SECONDARY);
    assert_protected(m, c[2]);
    assert_protected(m, c[3]);
    sdc_free(m);
}

/* A share whose complement is 1 (9 of 10 placed) withholds its numerator. */
static void test_complement(void **state)
{
    (void)state;
    sdc_model *m = sdc_new(3);
    long n[3], z[3], f;
    long long nv[3] = {10, 20, 30}, zv[3] = {9, 5, 12};
    table(m, "n", nv, 3, n);
    table(m, "z", zv, 3, z);
    for (int i = 0; i < 3; i++) {
        long pair[2] = {z[i], n[i]};
        assert_true(sdc_share(m, z[i], n[i], -1) >= 0);
        assert_true((f = sdc_figure(m, 2, pair)) >= 0);
    }
    assert_int_equal(sdc_protect(m, NULL), DBK_OK);
    assert_int_equal(sdc_cell_state(m, z[0]), SDC_PRIMARY);
    assert_int_equal(sdc_cell_state(m, n[0]), SDC_SHOWN); /* the exits stay: only the placements go */
    long comp = sdc_share(m, z[0], n[0], -1);
    long long lo, hi;
    assert_int_equal(sdc_bounds(m, comp, &lo, &hi), 0);
    assert_true(hi < 0 || hi >= 3);
    sdc_free(m);
}

/* 0 of a group of 2 must not be provable: the numerator is withheld even at 0. */
static void test_zero_of_small_group(void **state)
{
    (void)state;
    sdc_model *m = sdc_new(3);
    long n[3], z[3];
    long long nv[3] = {2, 20, 30}, zv[3] = {0, 5, 12};
    table(m, "n", nv, 3, n);
    table(m, "z", zv, 3, z);
    for (int i = 0; i < 3; i++) {
        long pair[2] = {z[i], n[i]};
        assert_true(sdc_share(m, z[i], n[i], -1) >= 0);
        assert_true(sdc_figure(m, 2, pair) >= 0);
    }
    assert_int_equal(sdc_protect(m, NULL), DBK_OK);
    assert_int_equal(sdc_cell_state(m, n[0]), SDC_PRIMARY);
    assert_int_equal(sdc_cell_state(m, z[0]), SDC_PRIMARY);
    long long lo, hi;
    assert_int_equal(sdc_bounds(m, z[0], &lo, &hi), 0);
    assert_true(hi < 0 || hi >= 1); /* not provably 0 % */
    assert_protected(m, n[0]);
    sdc_free(m);
}

/*
 * Channel 3 and linked tables: a count printed in two tables is one cell, and
 * a 2 x 3 table with its margins needs more than one partner per line.
 */
static void test_linked_two_way(void **state)
{
    (void)state;
    sdc_model *m = sdc_new(3);
    /* rows r0, r1; columns k0..k2 */
    long long v[2][3] = {{1, 10, 12}, {9, 11, 14}};
    long cell[2][3], row[2], col[3];
    char key[32];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) {
            snprintf(key, sizeof key, "x%d%d", i, j);
            cell[i][j] = sdc_cell(m, key, v[i][j], 0);
            sdc_figure(m, 1, &cell[i][j]);
        }
    for (int i = 0; i < 2; i++) {
        snprintf(key, sizeof key, "r%d", i);
        row[i] = sdc_cell(m, key, v[i][0] + v[i][1] + v[i][2], 0);
        sdc_figure(m, 1, &row[i]);
        assert_int_equal(sdc_line(m, row[i], 3, cell[i]), 0);
    }
    for (int j = 0; j < 3; j++) {
        long parts[2] = {cell[0][j], cell[1][j]};
        snprintf(key, sizeof key, "k%d", j);
        col[j] = sdc_cell(m, key, v[0][j] + v[1][j], 0);
        sdc_figure(m, 1, &col[j]);
        assert_int_equal(sdc_line(m, col[j], 2, parts), 0);
    }
    /* the same count again, as another table prints it */
    long again = sdc_cell(m, "x00", 1, 0);
    assert_int_equal(again, cell[0][0]);
    assert_int_equal(sdc_cell(m, "x00", 2, 0), -2); /* one count, one value */
    sdc_stats st;
    assert_int_equal(sdc_protect(m, &st), DBK_OK);
    assert_int_equal(st.unresolved, 0);
    /* the classic pattern: four cells in a rectangle */
    assert_true(withheld(m, cell[0], 3) >= 2);
    assert_true(withheld(m, cell[1], 3) >= 2);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++)
            if (sdc_cell_state(m, cell[i][j]) != SDC_SHOWN)
                assert_protected(m, cell[i][j]);
    sdc_free(m);
}

/*
 * A zero that published zeros pin over several relations is structural, not
 * a reason to withhold everything: everyone is in the target group (0 persons
 * outside it, shown), so the complement of the Zielgruppe share of the group
 * of 2 is 0 through the lines of persons and of the target group. No
 * suppression can hide that; the small group and its partners are withheld as
 * usual and the totals stay.
 */
static void test_zero_pinned_far(void **state)
{
    (void)state;
    sdc_model *m = sdc_new(3);
    long pers[3], ziel[3];
    long long v[3] = {20, 15, 2};
    long pt = table(m, "p", v, 3, pers), zt = table(m, "z", v, 3, ziel);
    for (int i = 0; i < 3; i++) {
        long pair[2] = {ziel[i], pers[i]};
        assert_true(sdc_share(m, ziel[i], pers[i], -1) >= 0);
        assert_true(sdc_figure(m, 2, pair) >= 0);
    }
    long out = sdc_cell(m, "ausserhalb", 0, 0);
    assert_true(sdc_figure(m, 1, &out) >= 0);
    long cells[3] = {out, pt, zt};
    int coef[3] = {1, -1, 1};
    assert_int_equal(sdc_relate(m, SDC_EQ, 3, cells, coef), 0);
    assert_int_equal(sdc_check_relations(m), 0);
    sdc_stats st;
    assert_int_equal(sdc_protect(m, &st), DBK_OK);
    assert_int_equal(st.unresolved, 0);
    assert_true(st.structural >= 1);
    assert_int_equal(sdc_cell_state(m, pt), SDC_SHOWN);
    assert_int_equal(sdc_cell_state(m, zt), SDC_SHOWN);
    assert_int_equal(withheld(m, pers, 3), 2);
    assert_int_equal(withheld(m, ziel, 3), 2);
    assert_protected(m, pers[2]);
    sdc_free(m);
}

/* A relation the true values break is caught. */
static void test_false_relation(void **state)
{
    (void)state;
    sdc_model *m = sdc_new(3);
    long a = sdc_cell(m, "a", 5, 0), b = sdc_cell(m, "b", 3, 0);
    long cells[2] = {a, b};
    int coef[2] = {1, -1};
    assert_int_equal(sdc_relate(m, SDC_EQ, 2, cells, coef), 0);
    assert_int_equal(sdc_check_relations(m), 1);
    assert_int_equal(sdc_relate(m, SDC_GE, 2, cells, coef), 0);
    assert_int_equal(sdc_check_relations(m), 1);
    sdc_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_partner),      cmocka_unit_test(test_two_small_in_a_line),
        cmocka_unit_test(test_complement),       cmocka_unit_test(test_zero_of_small_group),
        cmocka_unit_test(test_linked_two_way),   cmocka_unit_test(test_false_relation),
        cmocka_unit_test(test_zero_pinned_far),
    };
    return cmocka_run_group_tests_name("transform_sdc", tests, NULL, NULL);
}

/*
 * test_transform_suppress.c - disclosure control: primary suppression of
 * small counts and the rates built on them, secondary suppression where a
 * withheld cell could be worked back from a total, in one-dimension tables
 * and in baustein x kommune with row and column totals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "kennzahlen_writer.h"
#include "suppress.h"

#define X "\xc3\x97"

static void rate(kz_table *t, const char *d, const char *c, long x, long n)
{
    assert_non_null(kz_table_add(t, "vermittlungsquote", d, c, kz_int(x), kz_int(n),
                                 kz_real((double)x / (double)n)));
}

static int gesperrt(kz_table *t, const char *k, const char *d, const char *c)
{
    kz_row *r = kz_table_find(t, k, d, c);
    assert_non_null(r);
    return r->gesperrt;
}

static void test_one_dimension_secondary(void **state)
{
    kz_table *t = kz_table_new();
    kz_table_add_count(t, "austritte", "gesamt", "gesamt", 20);
    kz_table_add_count(t, "austritte", "kommune", "A", 2);
    kz_table_add_count(t, "austritte", "kommune", "B", 8);
    kz_table_add_count(t, "austritte", "kommune", "C", 10);
    kz_table_add_count(t, "austritte", "kommune", "D", 0);
    assert_int_equal(suppress_apply(t, 3), DBK_OK);
    assert_true(gesperrt(t, "austritte", "kommune", "A"));  /* primary: 2 < 3 */
    assert_true(gesperrt(t, "austritte", "kommune", "B"));  /* else A = 20 - 8 - 10 - 0 */
    assert_false(gesperrt(t, "austritte", "kommune", "C"));
    assert_false(gesperrt(t, "austritte", "kommune", "D")); /* a true zero is shown */
    assert_false(gesperrt(t, "austritte", "gesamt", "gesamt"));
    /* the exact figures stay */
    assert_int_equal((long)kz_table_find(t, "austritte", "kommune", "A")->wert.v, 2);
    kz_table_free(t);
}

static void test_no_partner_withholds_total(void **state)
{
    kz_table *t = kz_table_new();
    kz_table_add_count(t, "eintritte", "gesamt", "gesamt", 2);
    kz_table_add_count(t, "eintritte", "baustein", "1", 2);
    kz_table_add_count(t, "eintritte", "baustein", "2", 0);
    assert_int_equal(suppress_apply(t, 3), DBK_OK);
    assert_true(gesperrt(t, "eintritte", "baustein", "1"));
    assert_false(gesperrt(t, "eintritte", "baustein", "2"));
    assert_true(gesperrt(t, "eintritte", "gesamt", "gesamt"));
    kz_table_free(t);
}

static void test_two_withheld_need_no_more(void **state)
{
    kz_table *t = kz_table_new();
    kz_table_add_count(t, "teilnahmen", "gesamt", "gesamt", 23);
    kz_table_add_count(t, "teilnahmen", "kommune", "A", 1);
    kz_table_add_count(t, "teilnahmen", "kommune", "B", 2);
    kz_table_add_count(t, "teilnahmen", "kommune", "C", 20);
    assert_int_equal(suppress_apply(t, 3), DBK_OK);
    assert_false(gesperrt(t, "teilnahmen", "kommune", "C"));
    kz_table_free(t);
}

static void test_rate_follows_count_and_threshold(void **state)
{
    kz_table *t = kz_table_new();
    kz_table_add_count(t, "austritte", "gesamt", "gesamt", 40);
    kz_table_add_count(t, "austritte", "kommune", "A", 4);
    kz_table_add_count(t, "austritte", "kommune", "B", 36);
    rate(t, "gesamt", "gesamt", 20, 40);
    rate(t, "kommune", "A", 3, 4);
    rate(t, "kommune", "B", 17, 36);
    assert_int_equal(suppress_apply(t, 5), DBK_OK); /* a stricter office */
    assert_true(gesperrt(t, "austritte", "kommune", "A"));
    assert_true(gesperrt(t, "austritte", "kommune", "B"));
    assert_true(gesperrt(t, "vermittlungsquote", "kommune", "A")); /* numerator 3 < 5 */
    assert_true(gesperrt(t, "vermittlungsquote", "kommune", "B")); /* its n is withheld */
    assert_false(gesperrt(t, "vermittlungsquote", "gesamt", "gesamt"));
    kz_table_free(t);
}

/*
 * vermittlungsquote by baustein x kommune (zaehler/nenner):
 *        k1      k2      k3     | baustein
 *   b1   1/10    5/20    6/30   | 12/60
 *   b2   4/12    5/15    7/40   | 16/67
 *   ---------------------------
 *        5/22    10/35   13/70  | 28/127
 * b1 x k1 is withheld (1 placement). Row b1 then loses b1 x k2 (n 20 < 30);
 * column k1 loses b2 x k1; row b2, now with one withheld cell, loses b2 x k2
 * (n 15 < 40). Column k2 then has two withheld and k3 none: done.
 */
static void test_baustein_kommune(void **state)
{
    static const long z[2][3] = {{1, 5, 6}, {4, 5, 7}}, n[2][3] = {{10, 20, 30}, {12, 15, 40}};
    static const char *const b[] = {"1", "2"}, *const k[] = {"k1", "k2", "k3"};
    static const char *const cells[2][3] = {{"1" X "k1", "1" X "k2", "1" X "k3"},
                                            {"2" X "k1", "2" X "k2", "2" X "k3"}};
    kz_table *t = kz_table_new();
    rate(t, "gesamt", "gesamt", 28, 127);
    for (int i = 0; i < 2; i++)
        rate(t, "baustein", b[i], z[i][0] + z[i][1] + z[i][2], n[i][0] + n[i][1] + n[i][2]);
    for (int j = 0; j < 3; j++)
        rate(t, "kommune", k[j], z[0][j] + z[1][j], n[0][j] + n[1][j]);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++)
            rate(t, "baustein" X "kommune", cells[i][j], z[i][j], n[i][j]);
    assert_int_equal(suppress_apply(t, 3), DBK_OK);
    const char *d = "baustein" X "kommune";
    assert_true(gesperrt(t, "vermittlungsquote", d, "1" X "k1"));
    assert_true(gesperrt(t, "vermittlungsquote", d, "1" X "k2"));
    assert_true(gesperrt(t, "vermittlungsquote", d, "2" X "k1"));
    assert_true(gesperrt(t, "vermittlungsquote", d, "2" X "k2"));
    assert_false(gesperrt(t, "vermittlungsquote", d, "1" X "k3"));
    assert_false(gesperrt(t, "vermittlungsquote", d, "2" X "k3"));
    assert_false(gesperrt(t, "vermittlungsquote", "baustein", "1"));
    assert_false(gesperrt(t, "vermittlungsquote", "kommune", "k1"));
    assert_false(gesperrt(t, "vermittlungsquote", "gesamt", "gesamt"));
    kz_table_free(t);
}

static void test_money_and_tests_never_withheld(void **state)
{
    kz_table *t = kz_table_new();
    kz_table_add(t, "mittel_verausgabt", "jahr", "2022", kz_null(), kz_null(), kz_real(1.5));
    kz_table_add(t, "test_vermittlung", "kommune", "fisher", kz_real(0.5), kz_int(1),
                 kz_real(0.2));
    kz_table_add_count(t, "vermittlungen", "jahr", "2022", 1);
    kz_table_add(t, "kosten_je_vermittlung", "jahr", "2022", kz_real(1.5), kz_int(1),
                 kz_real(1.5));
    assert_int_equal(suppress_apply(t, 3), DBK_OK);
    assert_false(gesperrt(t, "mittel_verausgabt", "jahr", "2022"));
    assert_false(gesperrt(t, "test_vermittlung", "kommune", "fisher"));
    assert_true(gesperrt(t, "vermittlungen", "jahr", "2022"));
    assert_true(gesperrt(t, "kosten_je_vermittlung", "jahr", "2022")); /* reveals the count */
    kz_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_dimension_secondary),
        cmocka_unit_test(test_no_partner_withholds_total),
        cmocka_unit_test(test_two_withheld_need_no_more),
        cmocka_unit_test(test_rate_follows_count_and_threshold),
        cmocka_unit_test(test_baustein_kommune),
        cmocka_unit_test(test_money_and_tests_never_withheld),
    };
    return cmocka_run_group_tests_name("transform_suppress", tests, NULL, NULL);
}

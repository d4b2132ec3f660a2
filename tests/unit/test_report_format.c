/*
 * test_report_format.c - German and English figures, and withheld figures
 * never printed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "data.h"
#include "format.h"
#include "model.h"

static void test_numbers_de(void **state)
{
    char b[64];
    (void)state;
    assert_string_equal(format_count(b, sizeof b, 1234, REPORT_LANG_DE), "1.234");
    assert_string_equal(format_count(b, sizeof b, 1234567, REPORT_LANG_DE), "1.234.567");
    assert_string_equal(format_count(b, sizeof b, 0, REPORT_LANG_DE), "0");
    assert_string_equal(format_count(b, sizeof b, -1234, REPORT_LANG_DE), "-1.234");
    assert_string_equal(format_count(b, sizeof b, 999.5, REPORT_LANG_DE), "1.000");
    assert_string_equal(format_percent(b, sizeof b, 0.481, 1, REPORT_LANG_DE), "48,1 %");
    assert_string_equal(format_percent(b, sizeof b, 112.0 / 233.0, 1, REPORT_LANG_DE), "48,1 %");
    /* half away from zero on the decimal value, not the binary one */
    assert_string_equal(format_percent(b, sizeof b, 0.4815, 1, REPORT_LANG_DE), "48,2 %");
    assert_string_equal(format_percent(b, sizeof b, 0, 1, REPORT_LANG_DE), "0,0 %");
    assert_string_equal(format_percent(b, sizeof b, 1, 1, REPORT_LANG_DE), "100,0 %");
    assert_string_equal(format_euro(b, sizeof b, 12345.67, REPORT_LANG_DE), "12.345,67 \xe2\x82\xac");
    assert_string_equal(format_euro(b, sizeof b, 0.005, REPORT_LANG_DE), "0,01 \xe2\x82\xac");
    assert_string_equal(format_euro(b, sizeof b, -12345.675, REPORT_LANG_DE), "-12.345,68 \xe2\x82\xac");
    /* a negative that rounds to zero carries no sign */
    assert_string_equal(format_number(b, sizeof b, -0.0004, 2, REPORT_LANG_DE), "0,00");
    assert_string_equal(format_date(b, sizeof b, "2022-12-31", REPORT_LANG_DE), "31.12.2022");
    assert_string_equal(format_date(b, sizeof b, "2023-01-19T16:45:00Z", REPORT_LANG_DE), "19.01.2023");
    assert_string_equal(format_pvalue(b, sizeof b, 0.0000839, REPORT_LANG_DE), "< 0,001");
    assert_string_equal(format_pvalue(b, sizeof b, 0.41937, REPORT_LANG_DE), "0,419");
}

static void test_numbers_en(void **state)
{
    char b[64];
    (void)state;
    assert_string_equal(format_count(b, sizeof b, 1234, REPORT_LANG_EN), "1,234");
    assert_string_equal(format_percent(b, sizeof b, 0.481, 1, REPORT_LANG_EN), "48.1%");
    assert_string_equal(format_euro(b, sizeof b, 12345.67, REPORT_LANG_EN), "\xe2\x82\xac" "12,345.67");
    assert_string_equal(format_date(b, sizeof b, "2022-12-31", REPORT_LANG_EN), "31 Dec 2022");
}

static void test_cell_signs(void **state)
{
    char b[64];
    (void)state;
    rtable *t = rtable_new(NULL, 2);
    assert_non_null(t);
    assert_int_equal(rtable_set_column(t, 0, "n", RCELL_COUNT, 1), 0);
    assert_int_equal(rtable_set_column(t, 1, "q", RCELL_SHARE, 1), 0);
    long r = rtable_add_row(t, 0);
    rtable_set_value(t, (size_t)r, 0, 0);
    rtable_set_value(t, (size_t)r, 1, 0.5);
    assert_string_equal(rcell_format(rtable_cell(t, (size_t)r, 0), b, sizeof b, REPORT_LANG_DE), "\xe2\x80\x93");
    assert_string_equal(rcell_format(rtable_cell(t, (size_t)r, 1), b, sizeof b, REPORT_LANG_DE), "50,0 %");
    rtable_free(t);
}

/*
 * A withheld figure shows none of its numbers, even where a number were set
 * (the loader sets none but the counts published elsewhere: see below).
 */
static void test_withheld_never_printed(void **state)
{
    char b[64];
    int withheld = 0;
    (void)state;
    report_figure f = {"vermittlungsquote", "baustein", "5", 1, 2, 0.5, 0.1, 0.9,
                       FIGURE_WERT | FIGURE_CI, 1, FIGURE_GH_PRIMAER};
    rtable *t = rtable_new(NULL, 5);
    assert_non_null(t);
    rtable_set_column(t, 0, "q", RCELL_SHARE, 1);
    rtable_set_column(t, 1, "x", RCELL_COUNT, 1);
    rtable_set_column(t, 2, "n", RCELL_COUNT, 1);
    rtable_set_column(t, 3, "lo", RCELL_SHARE, 1);
    rtable_set_column(t, 4, "hi", RCELL_SHARE, 1);
    long r = rtable_add_row(t, 0);
    const rfig_part parts[5] = {FIG_WERT, FIG_ZAEHLER, FIG_NENNER, FIG_CI_UNTEN, FIG_CI_OBEN};
    for (size_t c = 0; c < 5; c++) {
        rtable_set_figure(t, (size_t)r, c, &f, parts[c], &withheld);
        const rcell *cell = rtable_cell(t, (size_t)r, c);
        assert_int_equal(cell->state, RCELL_WITHHELD);
        assert_true(cell->value == 0.0);
        assert_string_equal(rcell_format(cell, b, sizeof b, REPORT_LANG_DE), "*");
        assert_string_equal(rcell_format(cell, b, sizeof b, REPORT_LANG_EN), "*");
    }
    assert_int_equal(withheld, 1);
    /* the Austritte of a withheld rate that a shown figure prints anyway are shown in it too;
     * its numerator and rate stay withheld */
    f.has = FIGURE_NENNER | FIGURE_WERT;
    for (size_t c = 0; c < 5; c++) {
        rtable_set_figure(t, (size_t)r, c, &f, parts[c], NULL);
        const rcell *cell = rtable_cell(t, (size_t)r, c);
        assert_string_equal(rcell_format(cell, b, sizeof b, REPORT_LANG_DE), c == 2 ? "2" : "*");
    }
    f.has = FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_WERT | FIGURE_CI;
    /* the same figure not withheld shows its value */
    f.gesperrt = 0;
    rtable_set_figure(t, (size_t)r, 0, &f, FIG_WERT, NULL);
    assert_string_equal(rcell_format(rtable_cell(t, (size_t)r, 0), b, sizeof b, REPORT_LANG_DE), "50,0 %");
    /* a missing number is "x", not zero */
    f.has = 0;
    rtable_set_figure(t, (size_t)r, 0, &f, FIG_WERT, NULL);
    assert_string_equal(rcell_format(rtable_cell(t, (size_t)r, 0), b, sizeof b, REPORT_LANG_DE), "x");
    rtable_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_de),
        cmocka_unit_test(test_numbers_en),
        cmocka_unit_test(test_cell_signs),
        cmocka_unit_test(test_withheld_never_printed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

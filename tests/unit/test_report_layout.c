/*
 * test_report_layout.c - the layout rules of the reports (report/layout.c)
 * and the model's parts they rest on: line breaking never inside a word,
 * column widths, how a table breaks across pages, chart axes scaled to the
 * data, the signs a table uses and their explanation, money to the cent,
 * labels of a region whose units are Stadtbezirke.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "format.h"
#include "labels.h"
#include "layout.h"
#include "model.h"

/* A stand-in font: every character one unit wide. */
#define chars layout_chars

/* Wraps text at width and joins the lines with '|'. */
static const char *wrapped(const char *text, double width)
{
    static char out[1024];
    layout_line lines[32];
    size_t n = layout_wrap(text, width, chars, NULL, lines, 32), o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 32; i++) {
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s", i ? "|" : "", (int)lines[i].len, text + lines[i].start);
    }
    return out;
}

static void test_wrap_at_spaces(void **state)
{
    (void)state;
    assert_string_equal(wrapped("Personen mit Bedarf", 12), "Personen mit|Bedarf");
    assert_string_equal(wrapped("Personen mit Bedarf", 19), "Personen mit Bedarf");
    assert_string_equal(wrapped("  zwei   Leerzeichen  ", 40), "zwei   Leerzeichen");
    assert_string_equal(wrapped("", 10), "");
    assert_int_equal(layout_wrap("   ", 10, chars, NULL, NULL, 0), 0);
    assert_string_equal(wrapped("eins\nzwei drei", 40), "eins|zwei drei");
}

/* "Deckungsgra/d" (issue 12): a word too wide for its line stands alone, whole. */
static void test_wrap_never_inside_a_word(void **state)
{
    (void)state;
    assert_string_equal(wrapped("Geduldete: Deckungsgrad", 10), "Geduldete:|Deckungsgrad");
    assert_string_equal(wrapped("Deckungsgrad", 5), "Deckungsgrad");
    assert_string_equal(wrapped("teilnahmen.abschluss_erreicht", 8), "teilnahmen.abschluss_erreicht");
}

/* "Uellendahl-Katernbe/rg" (issue 12): a compound breaks after its hyphen, or not at all. */
static void test_wrap_after_hyphens(void **state)
{
    (void)state;
    assert_string_equal(wrapped("Uellendahl-Katernberg", 19), "Uellendahl-|Katernberg");
    assert_string_equal(wrapped("Uellendahl-Katernberg", 21), "Uellendahl-Katernberg");
    assert_string_equal(wrapped("Langerfeld-Beyenburg-Nord", 12), "Langerfeld-|Beyenburg-|Nord");
    /* a hyphen that is no join between letters is no break: "Schul-," "95-%-KI" "-1.234" */
    assert_string_equal(wrapped("4 Schul-, ausbildungs- und berufsvorbereitende Kurse", 20),
                        "4 Schul-,|ausbildungs- und|berufsvorbereitende|Kurse");
    assert_string_equal(wrapped("95-%-KI von", 4), "95-%-KI|von");
    assert_string_equal(wrapped("-1.234 und", 4), "-1.234|und");
    assert_string_equal(wrapped("Gr\xc3\xb6\xc3\x9f" "en-Ma\xc3\x9f", 7), "Gr\xc3\xb6\xc3\x9f" "en-|Ma\xc3\x9f");
}

static void test_wrap_keeps_figures_whole(void **state)
{
    (void)state;
    assert_string_equal(wrapped("Quote 48,1 % von 12,00 \xe2\x82\xac", 8), "Quote|48,1 %|von|12,00 \xe2\x82\xac");
}

static void test_longest_piece(void **state)
{
    (void)state;
    assert_true(layout_longest_piece("Geduldete: Deckungsgrad", chars, NULL) == 12);
    assert_true(layout_longest_piece("Uellendahl-Katernberg", chars, NULL) == 11); /* "Uellendahl-" */
    assert_true(layout_longest_piece("Anteil 100,0 %", chars, NULL) == 7);      /* "100,0 %" */
    assert_true(layout_longest_piece("", chars, NULL) == 0);
}

static void test_columns(void **state)
{
    double w[3];
    (void)state;
    /* room for everything: each its pref, the rest by weight */
    layout_col a[3] = {{10, 30, 2}, {8, 8, 1}, {8, 8, 1}};
    assert_int_equal(layout_columns(a, 3, 66, w), 0);
    assert_true(fabs(w[0] - 40) < 1e-9 && fabs(w[1] - 13) < 1e-9 && fabs(w[2] - 13) < 1e-9);
    /* short of room: never under the min; the text column gets what is left */
    assert_int_equal(layout_columns(a, 3, 36, w), 0);
    assert_true(fabs(w[0] - 20) < 1e-9 && fabs(w[1] - 8) < 1e-9 && fabs(w[2] - 8) < 1e-9);
    assert_true(fabs(w[0] + w[1] + w[2] - 36) < 1e-9);
    /* not even the mins fit: said so */
    assert_int_equal(layout_columns(a, 3, 20, w), -1);
    assert_true(w[0] == 10 && w[1] == 8 && w[2] == 8);
}

/* VN p. 2 and Sitzungsbericht 4.2 (issue 12): one row and the total carried over alone. */
static void test_rows_never_alone(void **state)
{
    double h[10] = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
    (void)state;
    /* 10 rows, room for 9: the break leaves three for the next page, not one */
    assert_int_equal(layout_rows_here(h, 0, 10, 90, 0, 0), 7);
    /* room for 8: still at least three on the next page */
    assert_int_equal(layout_rows_here(h, 0, 10, 85, 0, 0), 7);
    assert_int_equal(layout_rows_here(h, 0, 10, 65, 0, 0), 6);
    /* room for only two: the table moves on whole */
    assert_int_equal(layout_rows_here(h, 0, 10, 25, 0, 0), 0);
    /* all fit, with the notes under it */
    assert_int_equal(layout_rows_here(h, 0, 10, 100, 0, 0), 10);
    assert_int_equal(layout_rows_here(h, 0, 10, 100, 5, 0), 7);
    /* the rest of a continued table */
    assert_int_equal(layout_rows_here(h, 7, 10, 100, 0, 1), 3);
    /* a table of five rows is never split: it moves */
    assert_int_equal(layout_rows_here(h, 0, 5, 45, 0, 0), 0);
    assert_int_equal(layout_rows_here(h, 0, 5, 50, 0, 0), 5);
    /* on an empty page nothing is gained by moving: what fits, at least a row */
    assert_int_equal(layout_rows_here(h, 0, 5, 45, 0, 1), 4);
    assert_int_equal(layout_rows_here(h, 0, 10, 5, 0, 1), 1);
}

static void test_rows_start_height(void **state)
{
    double h[7] = {10, 20, 10, 10, 10, 10, 15};
    (void)state;
    assert_true(layout_rows_start_height(h, 7, 5) == 40);     /* three rows */
    assert_true(layout_rows_start_height(h, 5, 5) == 65);     /* all five and the notes */
    assert_true(layout_rows_start_height(h, 0, 5) == 5);
}

/* "Chart axes run to 100 % when the data stop at 17 %" (issue 12). */
static void test_axis_scaled_to_data(void **state)
{
    double top, step;
    (void)state;
    layout_axis(0.17, 1, &top, &step);
    assert_true(fabs(top - 0.2) < 1e-9 && fabs(step - 0.05) < 1e-9);
    layout_axis(0.236, 1, &top, &step); /* the largest CI bound */
    assert_true(fabs(top - 0.25) < 1e-9);
    layout_axis(0.803, 1, &top, &step);
    assert_true(fabs(top - 1.0) < 1e-9);
    layout_axis(5.929, 1, &top, &step); /* a Deckungsgrad of 592,9 % */
    assert_true(fabs(top - 6.0) < 1e-9 && fabs(step - 2.0) < 1e-9);
    layout_axis(144, 0, &top, &step);
    assert_true(fabs(top - 150) < 1e-9 && fabs(step - 50) < 1e-9);
    layout_axis(0.05, 1, &top, &step); /* exactly a round value: the axis ends there */
    assert_true(fabs(top - 0.05) < 1e-9);
    layout_axis(0, 1, &top, &step); /* nothing shown */
    assert_true(top == 1.0 && step == 0.2);
    /* any value: a round top at or above it, never twice as high */
    for (double v = 0.003; v < 50; v *= 1.37) {
        layout_axis(v, 0, &top, &step);
        assert_true(top >= v - 1e-12 && top <= v * 2.0 + 1e-12);
        double k = top / step;
        assert_true(fabs(k - round(k)) < 1e-9 && k >= 2 && k <= 6);
    }
}

static void test_axis_decimals(void **state)
{
    (void)state;
    assert_int_equal(layout_axis_decimals(0.05, 1), 0);  /* 5 % */
    assert_int_equal(layout_axis_decimals(0.025, 1), 1); /* 2,5 % */
    assert_int_equal(layout_axis_decimals(0.0025, 1), 2);
    assert_int_equal(layout_axis_decimals(50, 0), 0);
    assert_int_equal(layout_axis_decimals(0.5, 0), 1);
}

/* "Signs unexplained" (issue 12): the signs come from the cells, for any data. */
static void test_signs_of_a_table(void **state)
{
    char b[512];
    (void)state;
    rtable *t = rtable_new(NULL, 4);
    assert_non_null(t);
    rtable_set_column(t, 0, "Kommune", RCELL_TEXT, 1);
    rtable_set_column(t, 1, "n", RCELL_COUNT, 1);
    rtable_set_column(t, 2, "Quote", RCELL_SHARE, 1);
    rtable_set_column(t, 3, "Mittel", RCELL_EURO, 1);
    long r = rtable_add_row(t, 0);
    rtable_set_text(t, (size_t)r, 0, "x-Stadt"); /* a text holding a sign is no sign */
    rtable_set_value(t, (size_t)r, 1, 12);
    rtable_set_value(t, (size_t)r, 2, 0); /* 0,0 % is a finding, not a sign */
    rtable_set_value(t, (size_t)r, 3, 5);
    assert_int_equal(rtable_signs(t), 0);
    assert_string_equal(rsigns_legend(rtable_signs(t), REPORT_LANG_DE, b, sizeof b), "");
    r = rtable_add_row(t, 0);
    rtable_set_value(t, (size_t)r, 3, 0); /* – */
    assert_int_equal(rtable_signs(t), RSIGN_ZERO);
    rtable_set_state(t, (size_t)r, 1, RCELL_UNDEFINED); /* x */
    rtable_set_state(t, (size_t)r, 2, RCELL_WITHHELD);  /* * */
    assert_int_equal(rtable_signs(t), RSIGN_ZERO | RSIGN_UNDEFINED | RSIGN_WITHHELD);
    assert_int_equal(rtable_column_signs(t, 2), RSIGN_WITHHELD);
    assert_int_equal(rtable_column_signs(t, 0), 0);
    rsigns_legend(rtable_signs(t), REPORT_LANG_DE, b, sizeof b);
    char want[512];
    snprintf(want, sizeof want, "* %s \xc2\xb7 \xe2\x80\x93 %s \xc2\xb7 x %s", label(REPORT_LANG_DE, L_SIGN_WITHHELD),
             label(REPORT_LANG_DE, L_SIGN_ZERO), label(REPORT_LANG_DE, L_SIGN_UNDEFINED));
    assert_string_equal(b, want);
    assert_non_null(strstr(b, "* Wert gesperrt"));
    /* a Kaplan-Meier bound not reached is a sign of its own, explained last */
    rtable_set_state(t, (size_t)r, 3, RCELL_NOT_REACHED);
    assert_true(rtable_signs(t) & RSIGN_NOT_REACHED);
    rsigns_legend(rtable_signs(t), REPORT_LANG_DE, b, sizeof b);
    assert_non_null(strstr(b, " \xc2\xb7 n. e. "));
    rtable_set_state(t, (size_t)r, 3, RCELL_BLANK);
    rsigns_legend(RSIGN_ZERO, REPORT_LANG_EN, b, sizeof b);
    assert_string_equal(b, "\xe2\x80\x93 nothing (exactly zero)");
    /* a buffer too small never overflows */
    rsigns_legend(RSIGN_WITHHELD | RSIGN_ZERO, REPORT_LANG_DE, b, 10);
    assert_true(strlen(b) < 10);
    rtable_free(t);
}

/* "Shares stored in fractions of a cent" (issue 12): the model holds cents. */
static void test_money_to_the_cent(void **state)
{
    char b[64];
    (void)state;
    assert_true(format_round_cents(249930.032) == 249930.03);
    assert_true(format_round_cents(62482.507999) == 62482.51);
    assert_true(format_round_cents(1.005) == 1.01); /* as shown: half away from zero on the decimal value */
    assert_true(format_round_cents(-2.675) == -2.68);
    assert_true(format_round_cents(-0.004) == 0 && !signbit(format_round_cents(-0.004)));
    rtable *t = rtable_new(NULL, 2);
    assert_non_null(t);
    rtable_set_column(t, 0, "Baustein", RCELL_TEXT, 1);
    rtable_set_column(t, 1, "Landesanteil", RCELL_EURO, 1);
    double shares[3] = {249930.032, 155771.216, 38166.248};
    for (int i = 0; i < 3; i++) {
        long r = rtable_add_row(t, 0);
        rtable_set_value(t, (size_t)r, 1, shares[i]);
    }
    assert_true(rtable_cell(t, 0, 1)->value == 249930.03);
    assert_true(rtable_cell(t, 1, 1)->value == 155771.22);
    /* the total is the sum of the rows shown, to the cent */
    long tot = rtable_add_row(t, RROW_TOTAL);
    rtable_set_value(t, (size_t)tot, 1, 443867.496);
    assert_int_equal(rtable_set_total_sum(t, (size_t)tot, 1), 0);
    assert_true(rtable_cell(t, (size_t)tot, 1)->value == 443867.50);
    assert_string_equal(rcell_format(rtable_cell(t, (size_t)tot, 1), b, sizeof b, REPORT_LANG_DE), "443.867,50 \xe2\x82\xac");
    /* a withheld row: no sum, the cell stays as it was */
    rtable_set_state(t, 1, 1, RCELL_WITHHELD);
    rtable_set_value(t, (size_t)tot, 1, 1);
    assert_int_equal(rtable_set_total_sum(t, (size_t)tot, 1), -1);
    assert_true(rtable_cell(t, (size_t)tot, 1)->value == 1);
    rtable_free(t);
}

static void test_number_cells(void **state)
{
    char b[64];
    (void)state;
    rtable *t = rtable_new(NULL, 1);
    assert_non_null(t);
    rtable_set_column(t, 0, "wert", RCELL_NUMBER, 1);
    long r = rtable_add_row(t, 0);
    rtable_set_value(t, (size_t)r, 0, 12);
    assert_string_equal(rcell_format(rtable_cell(t, 0, 0), b, sizeof b, REPORT_LANG_DE), "12");
    rtable_set_value(t, (size_t)r, 0, 0.153846153);
    assert_string_equal(rcell_format(rtable_cell(t, 0, 0), b, sizeof b, REPORT_LANG_DE), "0,153846");
    rtable_set_value(t, (size_t)r, 0, 0);
    assert_string_equal(rcell_format(rtable_cell(t, 0, 0), b, sizeof b, REPORT_LANG_DE), "0"); /* not the sign – */
    rtable_free(t);
}

/* "A city's Stadtbezirke are labelled Kommune" (issue 12). */
static void test_labels_of_districts(void **state)
{
    (void)state;
    config *cfg = config_new_default();
    assert_non_null(cfg);
    assert_string_equal(label_dimension_cfg(cfg, REPORT_LANG_DE, "kommune"), "Kommune");
    assert_string_equal(label_dimension_cfg(NULL, REPORT_LANG_DE, "kommune"), "Kommune");
    cfg->region_unit = REGION_UNIT_STADTBEZIRK;
    assert_string_equal(label_dimension_cfg(cfg, REPORT_LANG_DE, "kommune"), "Stadtbezirk");
    assert_string_equal(label_dimension_cfg(cfg, REPORT_LANG_EN, "kommune"), "city district");
    assert_string_equal(label_dimension_cfg(cfg, REPORT_LANG_DE, "baustein"), "Baustein");
    for (int id = 0; id < L_COUNT; id++) {
        const char *s = label_cfg(cfg, REPORT_LANG_DE, (label_id)id);
        assert_null(strstr(s, "Kommune"));
        assert_null(strstr(label_cfg(cfg, REPORT_LANG_EN, (label_id)id), "municipalit"));
    }
    assert_non_null(strstr(label_cfg(cfg, REPORT_LANG_DE, L_TXT_NEEDS_KOMMUNE), "nach Stadtbezirk"));
    assert_non_null(strstr(label_cfg(cfg, REPORT_LANG_DE, L_M_SOURCE), "der Tr\xc3\xa4ger und der Stadt"));
    char b[256];
    assert_string_equal(label_category(b, sizeof b, cfg, REPORT_LANG_DE, "kommune", "uebrige"), "\xc3\xbc" "brige Stadtbezirke");
    assert_string_equal(label_category(b, sizeof b, cfg, REPORT_LANG_DE, "kommune", "Barmen"), "Barmen");
    /* the same config without einheit keeps its Kommunen */
    cfg->region_unit = REGION_UNIT_KOMMUNE;
    assert_string_equal(label_category(b, sizeof b, cfg, REPORT_LANG_DE, "kommune", "uebrige"), "\xc3\xbc" "brige Kommunen");
    assert_ptr_equal(label_cfg(cfg, REPORT_LANG_DE, L_TXT_NEEDS_KOMMUNE), label(REPORT_LANG_DE, L_TXT_NEEDS_KOMMUNE));
    config_free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap_at_spaces),
        cmocka_unit_test(test_wrap_never_inside_a_word),
        cmocka_unit_test(test_wrap_after_hyphens),
        cmocka_unit_test(test_wrap_keeps_figures_whole),
        cmocka_unit_test(test_longest_piece),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_rows_never_alone),
        cmocka_unit_test(test_rows_start_height),
        cmocka_unit_test(test_axis_scaled_to_data),
        cmocka_unit_test(test_axis_decimals),
        cmocka_unit_test(test_signs_of_a_table),
        cmocka_unit_test(test_money_to_the_cent),
        cmocka_unit_test(test_number_cells),
        cmocka_unit_test(test_labels_of_districts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

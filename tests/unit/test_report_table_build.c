/*
 * test_report_table_build.c - the table blocks both reports build with
 * report/table_build.c, checked as a reader sees their cells: "*" for a
 * withheld figure, "–" for exactly zero, "x" for a figure that means nothing,
 * "n. e." for a median not reached, the totals, the rows in reading order, and
 * a withheld figure's counts that another figure publishes anyway.
 *
 * The figures are hand-made report_data (sorted as the loader sorts them) and
 * the fixture database tests/fixtures/report/make_fixture.sql; the configs are
 * the shipped ones (the tests run from the repository root).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "data.h"
#include "model.h"
#include "table_build.h"

#define DASH "\xe2\x80\x93" /* "–": exactly zero */
#define TIMES "\xc3\x97"

/* What a reader sees in cell (row, col) of t: the text as the PDF prints it. */
static const char *seen(rtable *t, size_t row, size_t col, report_lang lang)
{
    static char buf[16][256];
    static int next;
    char *b = buf[next++ % 16];
    return rcell_format(rtable_cell(t, row, col), b, sizeof buf[0], lang);
}

/* Row r of t as a reader sees it: the cells joined by " | ". */
static const char *row_text(rtable *t, size_t r, report_lang lang)
{
    static char out[4][1024];
    static int next;
    char *o = out[next++ % 4];
    size_t len = 0;
    o[0] = '\0';
    for (size_t c = 0; c < t->n_cols; c++)
        len += (size_t)snprintf(o + len, sizeof out[0] - len, "%s%s", c ? " | " : "", seen(t, r, c, lang));
    return o;
}

static config *load_config(const char *path)
{
    config *cfg = NULL;
    assert_int_equal(config_load(path, &cfg), DBK_OK);
    assert_non_null(cfg);
    return cfg;
}

/* A test's table: a config, the figures, the builder over them and an empty table of n_cols. */
typedef struct {
    config *cfg;
    report_data data;
    tbuild tb;
    rtable *t;
} table_case;

static table_case *case_new(const char *config_path, report_data data, report_lang lang, size_t n_cols)
{
    table_case *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->cfg = load_config(config_path);
    c->data = data;
    c->tb = (tbuild){c->cfg, &c->data, lang, NULL, 0};
    c->t = rtable_new(NULL, n_cols);
    assert_non_null(c->t);
    return c;
}

static void case_free(table_case *c)
{
    rtable_free(c->t);
    config_free(c->cfg);
    free(c);
}

/* Placements by Baustein as the transform writes them (sorted by kennzahl, dimension, kategorie). */
static report_figure placement_figs[] = {
    {"vermittlungsquote", "baustein", "1", 44, 88, 0.5, 0.398, 0.602, FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_WERT | FIGURE_CI, 0, FIGURE_GH_NONE},
    /* none placed of 12: a finding, 0,0 % */
    {"vermittlungsquote", "baustein", "2", 0, 12, 0, 0, 0.243, FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_WERT | FIGURE_CI, 0, FIGURE_GH_NONE},
    /* no exits at all: a rate means nothing */
    {"vermittlungsquote", "baustein", "3", 0, 0, 0, 0, 0, FIGURE_ZAEHLER | FIGURE_NENNER, 0, FIGURE_GH_NONE},
    /* withheld, but its counts are published by other figures (the loader kept them) */
    {"vermittlungsquote", "baustein", "5", 9, 20, 0, 0, 0, FIGURE_ZAEHLER | FIGURE_NENNER, 1, FIGURE_GH_SEKUNDAER},
    /* withheld, nothing of it published */
    {"vermittlungsquote", "baustein", "6", 0, 0, 0, 0, 0, 0, 1, FIGURE_GH_PRIMAER},
    {"vermittlungsquote", "baustein", "ohne_angabe", 3, 7, 3.0 / 7.0, 0.158, 0.75, FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_WERT | FIGURE_CI, 0, FIGURE_GH_NONE},
    {"vermittlungsquote", "gesamt", "gesamt", 73, 127, 73.0 / 127.0, 0.487, 0.659, FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_WERT | FIGURE_CI, 0, FIGURE_GH_NONE},
};

static report_data placement_data(void)
{
    report_data d;
    memset(&d, 0, sizeof d);
    snprintf(d.period_from, sizeof d.period_from, "2022-01-01");
    snprintf(d.period_to, sizeof d.period_to, "2022-12-31");
    d.figures = placement_figs;
    d.n_figures = sizeof placement_figs / sizeof placement_figs[0];
    return d;
}

static int rate_row(tbuild *tb, rtable *t, size_t row, const report_figure *f, void *ctx)
{
    (void)ctx;
    tbuild_put_rate(tb, t, row, 1, f);
    return 0;
}

/* The placement table by Baustein (Sitzungsbericht 4): rows, signs and the total. */
static void test_rate_table(void **state)
{
    (void)state;
    table_case *c = case_new("config/kreis-herford.ini", placement_data(), REPORT_LANG_DE, 6);
    tbuild tb = c->tb;
    rtable *t = c->t;
    assert_int_equal(rtable_set_column(t, 0, "Baustein", RCELL_TEXT, 3.2), 0);
    assert_int_equal(rtable_set_column(t, 1, "Austritte", RCELL_COUNT, 1), 0);
    assert_int_equal(rtable_set_column(t, 2, "vermittelt", RCELL_COUNT, 1), 0);
    assert_int_equal(tbuild_set_estimate_columns(&tb, t, 3, "Quote", RCELL_SHARE, 0.9, 1.05), 0);
    assert_string_equal(t->cols[4].header, "95-%-KI von");
    assert_string_equal(t->cols[5].header, "95-%-KI bis");
    assert_int_equal(t->cols[5].kind, RCELL_SHARE);

    assert_int_equal(tbuild_add_rows(&tb, t, "vermittlungsquote", "baustein", rate_row, NULL), 0);
    long r = tbuild_add_total(&tb, t);
    assert_int_equal(r, 6);
    tbuild_put_rate(&tb, t, (size_t)r, 1, report_data_find(&c->data, "vermittlungsquote", "gesamt", "gesamt"));

    assert_int_equal(t->n_rows, 7);
    assert_string_equal(row_text(t, 0, REPORT_LANG_DE), "1 Coaching | 88 | 44 | 50,0 % | 39,8 % | 60,2 %");
    assert_string_equal(row_text(t, 1, REPORT_LANG_DE),
                        "2 Berufsbegleitende Qualifizierung und/oder Sprachf\xc3\xb6rderung | 12 | " DASH
                        " | 0,0 % | 0,0 % | 24,3 %");
    assert_string_equal(row_text(t, 2, REPORT_LANG_DE),
                        "3 Nachtr\xc3\xa4glicher Erwerb des Hauptschulabschlusses | " DASH " | " DASH " | x | x | x");
    /* the counts of a withheld rate that other figures publish show; the rate does not */
    assert_string_equal(row_text(t, 3, REPORT_LANG_DE), "5 Innovationsfonds | 20 | 9 | * | * | *");
    assert_string_equal(row_text(t, 4, REPORT_LANG_DE), "6 Teilhabemanagement | * | * | * | * | *");
    assert_string_equal(row_text(t, 5, REPORT_LANG_DE), "ohne Angabe | 7 | 3 | 42,9 % | 15,8 % | 75,0 %");
    assert_string_equal(row_text(t, 6, REPORT_LANG_DE), "Insgesamt | 127 | 73 | 57,5 % | 48,7 % | 65,9 %");
    assert_true(t->flags[6] & RROW_TOTAL);
    for (size_t i = 0; i < 6; i++)
        assert_false(t->flags[i] & RROW_TOTAL);
    /* a withheld cell holds no number a renderer could leak */
    for (size_t col = 1; col < 6; col++)
        assert_true(rtable_cell(t, 4, col)->value == 0);
    assert_true(rtable_cell(t, 3, 3)->value == 0);
    assert_int_equal(tb.withheld, 1);
    /* the signs under the table: all three it uses, and no "n. e." */
    assert_int_equal(rtable_signs(t), RSIGN_WITHHELD | RSIGN_ZERO | RSIGN_UNDEFINED);
    case_free(c);
}

/* The same table in English. */
static void test_rate_table_en(void **state)
{
    (void)state;
    table_case *c = case_new("config/kreis-herford.ini", placement_data(), REPORT_LANG_EN, 6);
    assert_int_equal(tbuild_set_estimate_columns(&c->tb, c->t, 3, "Rate", RCELL_SHARE, 0.9, 1.05), 0);
    assert_string_equal(c->t->cols[4].header, "95% CI from");
    assert_int_equal(tbuild_add_rows(&c->tb, c->t, "vermittlungsquote", "baustein", rate_row, NULL), 0);
    assert_string_equal(row_text(c->t, 0, REPORT_LANG_EN), "1 Coaching | 88 | 44 | 50.0% | 39.8% | 60.2%");
    assert_string_equal(row_text(c->t, 5, REPORT_LANG_EN), "not stated | 7 | 3 | 42.9% | 15.8% | 75.0%");
    case_free(c);
}

/* One cell from one figure: every state a reader can meet. */
static void test_figure_cells(void **state)
{
    (void)state;
    tbuild tb = {NULL, NULL, REPORT_LANG_DE, NULL, 0};
    /* Kaplan-Meier median of a Baustein with cases that never reaches half placed */
    report_figure km = {"dauer_bis_vermittlung", "baustein", "3", 10, 40, 0, 0, 0,
                        FIGURE_ZAEHLER | FIGURE_NENNER, 0, FIGURE_GH_NONE};
    /* ... the same with a lower bound it has (issue 12: a bound that exists is printed) */
    report_figure km_lo = {"dauer_bis_vermittlung", "baustein", "4", 10, 40, 0, 301, 0,
                           FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_CI_UNTEN, 0, FIGURE_GH_NONE};
    /* ... and of a Baustein without a case: nothing to reach */
    report_figure km_none = {"dauer_bis_vermittlung", "baustein", "6", 0, 0, 0, 0, 0,
                             FIGURE_ZAEHLER | FIGURE_NENNER, 0, FIGURE_GH_NONE};
    /* withheld although numbers are set: none of them may show */
    report_figure bad = {"vermittlungsquote", "kommune", "Spenge", 1, 2, 0.5, 0.1, 0.9,
                         FIGURE_WERT | FIGURE_CI, 1, FIGURE_GH_PRIMAER};
    report_figure money = {"mittel_verausgabt", "jahr" TIMES "baustein", "2022" TIMES "1", 0, 0, 1234.5, 0, 0,
                           FIGURE_WERT, 0, FIGURE_GH_NONE};
    report_figure no_money = {"mittel_verausgabt", "jahr" TIMES "baustein", "2022" TIMES "5", 0, 0, 0, 0, 0,
                              FIGURE_WERT, 0, FIGURE_GH_NONE};
    rtable *t = rtable_new(NULL, 4);
    assert_non_null(t);
    for (int i = 0; i < 6; i++)
        assert_true(rtable_add_row(t, 0) == i);

    tbuild_put_estimate(&tb, t, 0, 1, RCELL_DAYS, &km);
    assert_string_equal(row_text(t, 0, REPORT_LANG_DE), " | n. e. | n. e. | n. e.");
    assert_string_equal(row_text(t, 0, REPORT_LANG_EN), " | n. r. | n. r. | n. r.");
    tbuild_put_estimate(&tb, t, 1, 1, RCELL_DAYS, &km_lo);
    assert_string_equal(row_text(t, 1, REPORT_LANG_DE), " | n. e. | 301 | n. e.");
    tbuild_put_estimate(&tb, t, 2, 1, RCELL_DAYS, &km_none);
    assert_string_equal(row_text(t, 2, REPORT_LANG_DE), " | x | x | x");
    /* no figure at all: "x"; in a column that may not apply, nothing */
    tbuild_put(&tb, t, 3, 1, RCELL_COUNT, NULL, FIG_ZAEHLER);
    tbuild_put_or_blank(&tb, t, 3, 2, RCELL_EURO, NULL, FIG_WERT);
    tbuild_put_or_blank(&tb, t, 3, 3, RCELL_EURO, &money, FIG_WERT);
    assert_string_equal(row_text(t, 3, REPORT_LANG_DE), " | x |  | 1.234,50 \xe2\x82\xac");
    assert_int_equal(rtable_cell(t, 3, 2)->state, RCELL_BLANK);
    assert_int_equal(rtable_cell(t, 3, 3)->kind, RCELL_EURO);
    tbuild_put_or_blank(&tb, t, 4, 3, RCELL_EURO, &no_money, FIG_WERT);
    assert_string_equal(seen(t, 4, 3, REPORT_LANG_DE), DASH);
    assert_int_equal(tb.withheld, 0); /* nothing withheld so far */

    tbuild_put_estimate(&tb, t, 5, 1, RCELL_SHARE, &bad);
    assert_string_equal(row_text(t, 5, REPORT_LANG_DE), " | * | * | *");
    for (size_t c = 1; c < 4; c++)
        assert_true(rtable_cell(t, 5, c)->value == 0);
    assert_int_equal(tb.withheld, 1);
    /* a count the loader did not keep stays withheld too */
    tbuild_put_or_blank(&tb, t, 4, 1, RCELL_COUNT, &bad, FIG_ZAEHLER);
    assert_string_equal(seen(t, 4, 1, REPORT_LANG_DE), "*");
    rtable_free(t);
}

/* The change since the previous period: never computed from a withheld figure. */
static void test_change(void **state)
{
    (void)state;
    tbuild tb = {NULL, NULL, REPORT_LANG_DE, NULL, 0};
    report_figure now = {"teilnahmen", "gesamt", "gesamt", 486, 0, 486, 0, 0, FIGURE_ZAEHLER | FIGURE_WERT, 0, FIGURE_GH_NONE};
    report_figure more = {"teilnahmen", "gesamt", "gesamt", 481, 0, 481, 0, 0, FIGURE_ZAEHLER | FIGURE_WERT, 0, FIGURE_GH_NONE};
    report_figure fewer = {"teilnahmen", "gesamt", "gesamt", 489, 0, 489, 0, 0, FIGURE_ZAEHLER | FIGURE_WERT, 0, FIGURE_GH_NONE};
    report_figure rate = {"vermittlungsquote", "baustein", "1", 44, 88, 0.5, 0.398, 0.602, FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_WERT | FIGURE_CI, 0, FIGURE_GH_NONE};
    report_figure rate_before = {"vermittlungsquote", "baustein", "1", 31, 69, 31.0 / 69.0, 0.34, 0.57, FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_WERT | FIGURE_CI, 0, FIGURE_GH_NONE};
    /* withheld in the previous period, with a value set that must not leak through the change */
    report_figure rate_withheld = {"vermittlungsquote", "baustein", "1", 1, 2, 0.5, 0, 0, FIGURE_WERT, 1, FIGURE_GH_PRIMAER};
    report_figure no_rate = {"vermittlungsquote", "baustein", "1", 0, 0, 0, 0, 0, FIGURE_ZAEHLER | FIGURE_NENNER, 0, FIGURE_GH_NONE};
    rtable *t = rtable_new(NULL, 1);
    assert_non_null(t);
    for (int i = 0; i < 8; i++)
        assert_true(rtable_add_row(t, 0) == i);

    tbuild_put_change(&tb, t, 0, 0, &now, &more, RCELL_COUNT);
    tbuild_put_change(&tb, t, 1, 0, &now, &fewer, RCELL_COUNT);
    tbuild_put_change(&tb, t, 2, 0, &now, &now, RCELL_COUNT);
    tbuild_put_change(&tb, t, 3, 0, &rate, &rate_before, RCELL_SHARE);
    tbuild_put_change(&tb, t, 4, 0, &rate, NULL, RCELL_SHARE);
    tbuild_put_change(&tb, t, 5, 0, &rate, &no_rate, RCELL_SHARE);
    assert_string_equal(seen(t, 0, 0, REPORT_LANG_DE), "+5");
    assert_string_equal(seen(t, 1, 0, REPORT_LANG_DE), "\xe2\x88\x92" "3");
    assert_string_equal(seen(t, 2, 0, REPORT_LANG_DE), "\xc2\xb1" "0");
    /* 50,0 % against 44,9 %: points, not percent */
    assert_string_equal(seen(t, 3, 0, REPORT_LANG_DE), "+5,1 Pp.");
    assert_string_equal(seen(t, 3, 0, REPORT_LANG_EN), "+5.1 pp");
    assert_int_equal(rtable_cell(t, 0, 0)->kind, RCELL_CHANGE);
    assert_int_equal(rtable_cell(t, 3, 0)->kind, RCELL_CHANGE_POINTS);
    assert_string_equal(seen(t, 4, 0, REPORT_LANG_DE), "x");
    assert_string_equal(seen(t, 5, 0, REPORT_LANG_DE), "x");
    assert_int_equal(tb.withheld, 0);

    tbuild_put_change(&tb, t, 6, 0, &rate, &rate_withheld, RCELL_SHARE);
    assert_string_equal(seen(t, 6, 0, REPORT_LANG_DE), "*");
    assert_true(rtable_cell(t, 6, 0)->value == 0);
    assert_int_equal(tb.withheld, 1);
    tbuild_put_change(&tb, t, 7, 0, &rate_withheld, &rate, RCELL_SHARE);
    assert_string_equal(seen(t, 7, 0, REPORT_LANG_DE), "*");
    rtable_free(t);
}

/* A number the builder computes (a total, a ratio): shown, withheld or undefined. */
static void test_values(void **state)
{
    (void)state;
    tbuild tb = {NULL, NULL, REPORT_LANG_DE, NULL, 0};
    rtable *t = rtable_new(NULL, 4);
    assert_non_null(t);
    assert_true(rtable_add_row(t, RROW_TOTAL) == 0);
    tbuild_put_value(&tb, t, 0, 0, RCELL_EURO, (tbuild_value){RCELL_SHOWN, 496444.855});
    tbuild_put_value(&tb, t, 0, 1, RCELL_COUNT, (tbuild_value){RCELL_SHOWN, 0});
    tbuild_put_value(&tb, t, 0, 2, RCELL_SHARE, (tbuild_value){RCELL_UNDEFINED, 0});
    assert_int_equal(tb.withheld, 0);
    tbuild_put_value(&tb, t, 0, 3, RCELL_COUNT, (tbuild_value){RCELL_WITHHELD, 0});
    assert_int_equal(tb.withheld, 1);
    /* euros are held to the cent: what the table shows is what it sums */
    assert_true(rtable_cell(t, 0, 0)->value == 496444.86);
    assert_string_equal(row_text(t, 0, REPORT_LANG_DE), "496.444,86 \xe2\x82\xac | " DASH " | x | *");
    rtable_free(t);
}

/* Exits by municipality and destinations: the config's order and the codebook's, not the bytes'. */
static report_figure order_figs[] = {
    {"austritte", "kommune", "Erkelenz", 30, 0, 30, 0, 0, FIGURE_ZAEHLER | FIGURE_WERT, 0, FIGURE_GH_NONE},
    {"austritte", "kommune", "Waldfeucht", 12, 0, 12, 0, 0, FIGURE_ZAEHLER | FIGURE_WERT, 0, FIGURE_GH_NONE},
    {"austritte", "kommune", "Wegberg", 0, 0, 0, 0, 0, FIGURE_ZAEHLER | FIGURE_WERT, 0, FIGURE_GH_NONE},
    {"austritte", "kommune", "ohne_angabe", 4, 0, 4, 0, 0, FIGURE_ZAEHLER | FIGURE_WERT, 0, FIGURE_GH_NONE},
    {"austritte", "kommune", "uebrige", 7, 0, 7, 0, 0, FIGURE_ZAEHLER | FIGURE_WERT, 0, FIGURE_GH_NONE},
    {"austritte", "kommune", "\xc3\x9c" "bach-Palenberg", 2, 0, 2, 0, 0, 0, 1, FIGURE_GH_PRIMAER},
    {"verbleib_anteil", "verbleib", "arbeit", 41, 233, 41.0 / 233.0, 0.13, 0.23, FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_WERT | FIGURE_CI, 0, FIGURE_GH_NONE},
    {"verbleib_anteil", "verbleib", "ausbildung", 38, 233, 38.0 / 233.0, 0.12, 0.22, FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_WERT | FIGURE_CI, 0, FIGURE_GH_NONE},
    {"verbleib_anteil", "verbleib", "unbekannt", 58, 233, 58.0 / 233.0, 0.2, 0.31, FIGURE_ZAEHLER | FIGURE_NENNER | FIGURE_WERT | FIGURE_CI, 0, FIGURE_GH_NONE},
};

typedef struct {
    int calls, fail_at;
} fill_log;

static int count_row(tbuild *tb, rtable *t, size_t row, const report_figure *f, void *ctx)
{
    fill_log *log = ctx;
    if (log && ++log->calls == log->fail_at)
        return -1;
    tbuild_put(tb, t, row, 1, RCELL_COUNT, f, FIG_ZAEHLER);
    return 0;
}

static report_data order_data(void)
{
    report_data d;
    memset(&d, 0, sizeof d);
    d.figures = order_figs;
    d.n_figures = sizeof order_figs / sizeof order_figs[0];
    return d;
}

static void test_rows_in_reading_order(void **state)
{
    (void)state;
    table_case *c = case_new("config/kreis-heinsberg.ini", order_data(), REPORT_LANG_DE, 2);
    rtable *t = c->t;
    assert_int_equal(rtable_set_column(t, 1, "Austritte", RCELL_COUNT, 1), 0);
    fill_log log = {0, 0};
    assert_int_equal(tbuild_add_rows(&c->tb, t, "austritte", "kommune", count_row, &log), 0);
    assert_int_equal(log.calls, 6);
    assert_int_equal(t->n_rows, 6);
    assert_string_equal(row_text(t, 0, REPORT_LANG_DE), "Erkelenz | 30");
    assert_string_equal(row_text(t, 1, REPORT_LANG_DE), "\xc3\x9c" "bach-Palenberg | *");
    assert_string_equal(row_text(t, 2, REPORT_LANG_DE), "Waldfeucht | 12");
    assert_string_equal(row_text(t, 3, REPORT_LANG_DE), "Wegberg | " DASH);
    assert_string_equal(row_text(t, 4, REPORT_LANG_DE), "\xc3\xbc" "brige Kommunen | 7");
    assert_string_equal(row_text(t, 5, REPORT_LANG_DE), "ohne Angabe | 4");
    case_free(c);

    /* destinations in the codebook's order */
    c = case_new("config/kreis-heinsberg.ini", order_data(), REPORT_LANG_DE, 2);
    assert_int_equal(tbuild_add_rows(&c->tb, c->t, "verbleib_anteil", "verbleib", count_row, NULL), 0);
    assert_int_equal(c->t->n_rows, 3);
    assert_string_equal(row_text(c->t, 0, REPORT_LANG_DE), "Ausbildung | 38");
    assert_string_equal(row_text(c->t, 1, REPORT_LANG_DE), "Arbeit (sozialversicherungspflichtig) | 41");
    assert_string_equal(row_text(c->t, 2, REPORT_LANG_DE), "unbekannt | 58");
    case_free(c);

    /* a city's units are Stadtbezirke, also where the small ones are merged */
    c = case_new("config/stadt-wuppertal.ini", order_data(), REPORT_LANG_DE, 2);
    assert_true(tbuild_add_row(&c->tb, c->t, "kommune", "uebrige", 0) == 0);
    assert_true(tbuild_add_row(&c->tb, c->t, "kommune", "Elberfeld-West", 0) == 1);
    assert_string_equal(seen(c->t, 0, 0, REPORT_LANG_DE), "\xc3\xbc" "brige Stadtbezirke");
    assert_string_equal(seen(c->t, 1, 0, REPORT_LANG_DE), "Elberfeld-West");
    case_free(c);
}

static void test_rows_none_and_failure(void **state)
{
    (void)state;
    table_case *c = case_new("config/kreis-heinsberg.ini", order_data(), REPORT_LANG_DE, 2);
    fill_log log = {0, 0};
    /* no such figures: no row, and fill is never called */
    assert_int_equal(tbuild_add_rows(&c->tb, c->t, "austritte", "geschlecht", count_row, &log), 0);
    assert_int_equal(c->t->n_rows, 0);
    assert_int_equal(log.calls, 0);
    /* fill fails on the second row: said so, the rows so far stay, no more are added */
    log.fail_at = 2;
    assert_int_equal(tbuild_add_rows(&c->tb, c->t, "austritte", "kommune", count_row, &log), -1);
    assert_int_equal(log.calls, 2);
    assert_int_equal(c->t->n_rows, 2);
    assert_string_equal(row_text(c->t, 0, REPORT_LANG_DE), "Erkelenz | 30");
    case_free(c);
}

/* The head, a chart of shares and the legend of signs on a document. */
static void test_document_parts(void **state)
{
    (void)state;
    config *cfg = load_config("config/kreis-herford.ini");
    cfg->min_fallzahl = 7;
    report_data data = placement_data();
    tbuild tb;
    assert_int_equal(tbuild_start(&tb, cfg, &data, REPORT_LANG_DE, L_SITZUNG_TITLE, L_FOR_GROUP), 0);
    assert_non_null(tb.doc);
    assert_string_equal(tb.doc->title, "Sitzungsbericht");
    assert_string_equal(tb.doc->period, "2022");
    assert_string_equal(tb.doc->region, "Kreis Herford");
    assert_int_equal(tb.withheld, 0);

    rsection *sec = rdoc_add_section(tb.doc, "Vermittlung", "Vermittlung", 1);
    assert_non_null(sec);
    rtable *t = rsection_add_table(sec, NULL, 6);
    assert_non_null(t);
    assert_int_equal(tbuild_add_rows(&tb, t, "vermittlungsquote", "baustein", rate_row, NULL), 0);
    rchart *ch = tbuild_add_share_chart(sec, RCHART_BAR, t, "Quote", "Anteil", NULL, 3, 1);
    assert_non_null(ch);
    assert_true(ch->table == t);
    assert_int_equal(ch->cat_col, 0);
    assert_int_equal(ch->n_vals, 1);
    assert_int_equal(ch->val_cols[0], 3);
    assert_int_equal(ch->lo_col, 4);
    assert_int_equal(ch->hi_col, 5);
    assert_int_equal(ch->percent, 1);
    assert_true(rchart_drawable(ch));
    ch = tbuild_add_share_chart(sec, RCHART_LINE, t, "Quote", "Quartal", "Quote", 3, 0);
    assert_non_null(ch);
    assert_int_equal(ch->lo_col, -1);
    assert_int_equal(ch->hi_col, -1);
    assert_string_equal(ch->y_title, "Quote");

    /* the rows showed withheld figures: the legend carries the note with the threshold */
    assert_int_equal(tb.withheld, 1);
    size_t before = sec->n_blocks;
    assert_int_equal(tbuild_add_legend(&tb, sec), 0);
    assert_int_equal(tb.doc->any_withheld, 1);
    assert_int_equal(sec->n_blocks, before + 2);
    rtable *legend = sec->blocks[before].table;
    assert_non_null(legend);
    assert_string_equal(legend->caption, "Zeichenerkl\xc3\xa4rung");
    assert_int_equal(legend->n_rows, 4);
    assert_string_equal(seen(legend, 0, 0, REPORT_LANG_DE), "*");
    assert_string_equal(seen(legend, 1, 0, REPORT_LANG_DE), DASH);
    assert_string_equal(seen(legend, 2, 0, REPORT_LANG_DE), "x");
    assert_string_equal(seen(legend, 3, 0, REPORT_LANG_DE), "n. e.");
    assert_string_equal(seen(legend, 0, 1, REPORT_LANG_DE), "Wert gesperrt (statistische Geheimhaltung)");
    assert_int_equal(sec->blocks[before + 1].kind, RBLOCK_NOTE);
    assert_non_null(strstr(sec->blocks[before + 1].text, "Fallzahlen unter 7"));
    rdoc_free(tb.doc);

    /* nothing withheld: the legend without the note */
    assert_int_equal(tbuild_start(&tb, cfg, &data, REPORT_LANG_DE, L_VN_TITLE, L_FOR_FUNDING), 0);
    assert_string_equal(tb.doc->title, "Verwendungsnachweis");
    sec = rdoc_add_section(tb.doc, "Sachbericht", "Sachbericht", 1);
    assert_non_null(sec);
    assert_int_equal(tbuild_add_legend(&tb, sec), 0);
    assert_int_equal(tb.doc->any_withheld, 0);
    assert_int_equal(sec->n_blocks, 1);
    rdoc_free(tb.doc);
    config_free(cfg);
}

/* Reads the fixture database into memory; with publish, Baustein 6's counts are published elsewhere. */
static report_data *fixture_data(int publish)
{
    FILE *in = fopen("tests/fixtures/report/make_fixture.sql", "rb");
    assert_non_null(in);
    assert_int_equal(fseek(in, 0, SEEK_END), 0);
    long size = ftell(in);
    assert_true(size > 0);
    rewind(in);
    char *sql = malloc((size_t)size + 1);
    assert_non_null(sql);
    assert_int_equal(fread(sql, 1, (size_t)size, in), (size_t)size);
    sql[size] = '\0';
    fclose(in);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    free(sql);
    /* Baustein 6's rate is withheld secondarily; its exits and placements stand elsewhere */
    if (publish)
        assert_int_equal(sqlite3_exec(db, "UPDATE kennzahlen SET gesperrt_teile = 'wert,ci_unten,ci_oben' "
                                          "WHERE kennzahl = 'vermittlungsquote' AND dimension = 'baustein' "
                                          "AND kategorie = '6'",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    report_data *data = NULL;
    assert_int_equal(report_data_load(db, "fixture", "", "", &data), DBK_OK);
    sqlite3_close(db);
    assert_non_null(data);
    return data;
}

/* The placement table by Baustein from the fixture database, as the Sitzungsbericht shows it. */
static void test_fixture_rate_table(void **state)
{
    (void)state;
    config *cfg = load_config("config/kreis-herford.ini");
    for (int publish = 0; publish < 2; publish++) {
        report_data *data = fixture_data(publish);
        tbuild tb = {cfg, data, REPORT_LANG_DE, NULL, 0};
        rtable *t = rtable_new(NULL, 6);
        assert_non_null(t);
        assert_int_equal(tbuild_add_rows(&tb, t, "vermittlungsquote", "baustein", rate_row, NULL), 0);
        long r = tbuild_add_total(&tb, t);
        assert_true(r == 6);
        tbuild_put_rate(&tb, t, (size_t)r, 1, report_data_find(data, "vermittlungsquote", "gesamt", "gesamt"));
        assert_string_equal(row_text(t, 0, REPORT_LANG_DE), "1 Coaching | 88 | 44 | 50,0 % | 39,8 % | 60,2 %");
        assert_string_equal(row_text(t, 2, REPORT_LANG_DE),
                            "3 Nachtr\xc3\xa4glicher Erwerb des Hauptschulabschlusses | 21 | 8 | 38,1 % | 20,8 % | 59,1 %");
        assert_string_equal(row_text(t, 3, REPORT_LANG_DE),
                            "4 Schul-, ausbildungs- und berufsvorbereitende Kurse / Jugendintegrationskurse | 45 | 22 | "
                            "48,9 % | 35,0 % | 63,0 %");
        /* 1 of 2 placed: withheld, its counts too */
        assert_string_equal(row_text(t, 4, REPORT_LANG_DE), "5 Innovationsfonds | * | * | * | * | *");
        assert_string_equal(row_text(t, 5, REPORT_LANG_DE),
                            publish ? "6 Teilhabemanagement | 25 | 11 | * | * | *"
                                    : "6 Teilhabemanagement | * | * | * | * | *");
        assert_string_equal(row_text(t, 6, REPORT_LANG_DE), "Insgesamt | 233 | 112 | 48,1 % | 41,7 % | 54,5 %");
        assert_int_equal(tb.withheld, 1);
        rtable_free(t);

        /* the median by Baustein: Baustein 3 never reaches half placed */
        t = rtable_new(NULL, 4);
        assert_non_null(t);
        for (int bst = 1; bst <= 3; bst++) {
            char nr[16];
            snprintf(nr, sizeof nr, "%d", bst);
            long row = tbuild_add_row(&tb, t, "baustein", nr, 0);
            assert_true(row == bst - 1);
            tbuild_put_estimate(&tb, t, (size_t)row, 1, RCELL_DAYS,
                                report_data_find(data, "dauer_bis_vermittlung", "baustein", nr));
        }
        assert_string_equal(row_text(t, 0, REPORT_LANG_DE), "1 Coaching | 171 | 140 | 203");
        assert_string_equal(row_text(t, 2, REPORT_LANG_DE),
                            "3 Nachtr\xc3\xa4glicher Erwerb des Hauptschulabschlusses | n. e. | n. e. | n. e.");
        rtable_free(t);

        /* Verwendungsnachweis cells: a withheld cost, a Baustein the data have no row for */
        t = rtable_new(NULL, 2);
        assert_non_null(t);
        assert_true(rtable_add_row(t, 0) == 0 && rtable_add_row(t, 0) == 1);
        tbuild_put_or_blank(&tb, t, 0, 1, RCELL_EURO,
                      report_data_find(data, "kosten_je_vermittlung", "jahr" TIMES "baustein", "2022" TIMES "5"), FIG_WERT);
        tbuild_put_or_blank(&tb, t, 1, 1, RCELL_EURO,
                      report_data_find(data, "kosten_je_vermittlung", "jahr" TIMES "baustein", "2022" TIMES "7"), FIG_WERT);
        assert_string_equal(seen(t, 0, 1, REPORT_LANG_DE), "*");
        assert_string_equal(seen(t, 1, 1, REPORT_LANG_DE), "");
        rtable_free(t);
        report_data_free(data);
    }
    config_free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate_table),
        cmocka_unit_test(test_rate_table_en),
        cmocka_unit_test(test_figure_cells),
        cmocka_unit_test(test_change),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_rows_in_reading_order),
        cmocka_unit_test(test_rows_none_and_failure),
        cmocka_unit_test(test_document_parts),
        cmocka_unit_test(test_fixture_rate_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

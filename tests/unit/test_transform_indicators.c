/*
 * test_transform_indicators.c - hand-worked cases for the definitions of
 * docs/kennzahlen.md: who is active, entered, exited, placed; censoring of
 * dauer_bis_vermittlung; stock at quarter ends; edge cases n = 0, 0 of n,
 * n of n, a single category, a median never reached.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "database.h"
#include "kennzahlen_writer.h"
#include "transform.h"

typedef struct fixture {
    char path[64];
    sqlite3 *db;
    config *cfg;
    transform_result *r;
    kz_table *t;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    static int serial;
    assert_non_null(fx);
    snprintf(fx->path, sizeof fx->path, "/tmp/dbk-ind-%ld-%d.db", (long)getpid(), serial++);
    unlink(fx->path);
    assert_int_equal(database_open(fx->path, DATABASE_OPEN_CREATE, &fx->db), DBK_OK);
    assert_int_equal(database_exec(fx->db, fx->path,
                                   "INSERT INTO lieferungen(id, datei, sha256, datensatz, kodierung, trennzeichen, "
                                   "zeilen_gelesen, zeilen_geladen, zeilen_abgewiesen, zeitpunkt) VALUES (1, 'x.csv', 'x', 'teilnahmen',"
                                   " 'utf-8', ';', 0, 0, 0, '2023-01-01')"),
                     DBK_OK);
    assert_non_null(fx->cfg = config_new_default());
    /* the definitions, category by category: nothing merged or withheld (test_transform_sdc
     * and tests/e2e test disclosure control) */
    fx->cfg->merge_below = 0;
    fx->cfg->min_fallzahl = 1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    transform_result_free(fx->r);
    config_free(fx->cfg);
    database_close(fx->db);
    unlink(fx->path);
    free(fx);
    return 0;
}

/* Inserts a participation; NULL strings are SQL NULL. */
static void add(fixture *fx, const char *fall_id, const char *kommune, int baustein,
                const char *eintritt, const char *austritt, const char *verbleib,
                const char *verbleib_datum)
{
    sqlite3_stmt *st;
    static int zeile;
    assert_int_equal(sqlite3_prepare_v2(fx->db,
                                        "INSERT INTO teilnahmen(fall_id, kommune, geburtsjahr,"
                                        " aufenthaltsstatus, baustein, eintritt, austritt,"
                                        " verbleib, verbleib_datum, zielgruppe, lieferung, zeile)"
                                        " VALUES (?1, ?2, 2000, 'duldung', ?3, ?4, ?5, ?6, ?7, 1,"
                                        " 1, ?8)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, fall_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kommune, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, baustein);
    sqlite3_bind_text(st, 4, eintritt, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, austritt, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, verbleib, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, verbleib_datum, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, ++zeile);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

static void compute(fixture *fx)
{
    transform_result_free(fx->r);
    fx->r = NULL;
    assert_int_equal(transform_compute(fx->db, fx->path, fx->cfg, "2022-01-01", "2022-12-31",
                                       &fx->r),
                     DBK_OK);
    fx->t = fx->r->cur;
}

static kz_row *get(fixture *fx, const char *k, const char *d, const char *c)
{
    kz_row *r = kz_table_find(fx->t, k, d, c);
    if (!r)
        fail_msg("no row %s/%s/%s", k, d, c);
    return r;
}

static void assert_count(fixture *fx, const char *k, const char *d, const char *c, long want)
{
    kz_row *r = get(fx, k, d, c);
    if (r->wert.kind != KZ_INT || (long)r->wert.v != want)
        fail_msg("%s/%s/%s: expected %ld, got %g (kind %d)", k, d, c, want, r->wert.v,
                 r->wert.kind);
}

static void assert_near(double got, double want)
{
    if (fabs(got - want) > 1e-12 * (fabs(want) > 1 ? fabs(want) : 1))
        fail_msg("expected %.17g, got %.17g", want, got);
}

/*
 * Seven participations around the period 2022:
 *   A  2021-06-01..2021-12-31           ended before: not active
 *   B  2021-06-01..2022-01-01 arbeit     exited in period, placed at austritt: event, 214 days
 *   C  2022-03-01..(running)             entered; censored at 305 days (period end)
 *   D  2022-12-31..2023-01-05 ausbildung entered; exits after the period: censored at 0
 *   E  2023-01-01..                      starts after: not active
 *   F  same person as C, Baustein 2, 2022-05-01..2022-06-30 abbruch: exited, censored at 60
 *   G  2022-02-01..2022-11-30 schule, verbleib_datum 2023-02-01: placed (quote) but after the
 *      period: censored at 333 days
 */
static void fill_seven(fixture *fx)
{
    add(fx, "A", "Herford", 1, "2021-06-01", "2021-12-31", "arbeit", NULL);
    add(fx, "B", "Herford", 1, "2021-06-01", "2022-01-01", "arbeit", NULL);
    add(fx, "C", "Herford", 1, "2022-03-01", NULL, NULL, NULL);
    add(fx, "D", "Enger", 1, "2022-12-31", "2023-01-05", "ausbildung", NULL);
    add(fx, "E", "Enger", 1, "2023-01-01", NULL, NULL, NULL);
    add(fx, "C", "Herford", 2, "2022-05-01", "2022-06-30", "abbruch", NULL);
    add(fx, "G", "Enger", 1, "2022-02-01", "2022-11-30", "schule", "2023-02-01");
}

static void test_who_counts(void **state)
{
    fixture *fx = *state;
    fill_seven(fx);
    compute(fx);
    assert_count(fx, "teilnahmen", "gesamt", "gesamt", 5);
    assert_count(fx, "personen", "gesamt", "gesamt", 4);
    assert_count(fx, "eintritte", "gesamt", "gesamt", 4);
    assert_count(fx, "austritte", "gesamt", "gesamt", 3);
    assert_count(fx, "teilnahmen", "baustein", "2", 1);
    assert_count(fx, "teilnahmen", "baustein", "6", 0); /* all six Bausteine are written */
    assert_count(fx, "personen", "kommune", "Herford", 2);

    kz_row *q = get(fx, "vermittlungsquote", "gesamt", "gesamt");
    assert_int_equal((long)q->zaehler.v, 2);
    assert_int_equal((long)q->nenner.v, 3);
    assert_near(q->wert.v, 2.0 / 3.0);
    assert_near(q->ci_unten.v, 0.20765960080204782); /* prop.test(2, 3, correct = FALSE) */
    assert_near(q->ci_oben.v, 0.93850805527960379);
    kz_row *ab = get(fx, "abbruchquote", "gesamt", "gesamt");
    assert_near(ab->wert.v, 1.0 / 3.0);
    assert_near(get(fx, "verbleib_anteil", "verbleib", "schule")->wert.v, 1.0 / 3.0);
    assert_int_equal(get(fx, "verbleib_anteil", "verbleib", "wegzug")->zaehler.v, 0);
}

static void test_quarters_and_stock(void **state)
{
    fixture *fx = *state;
    fill_seven(fx);
    compute(fx);
    assert_count(fx, "eintritte", "quartal", "2022-Q1", 2);
    assert_count(fx, "eintritte", "quartal", "2022-Q2", 1);
    assert_count(fx, "eintritte", "quartal", "2022-Q3", 0);
    assert_count(fx, "eintritte", "quartal", "2022-Q4", 1);
    assert_count(fx, "austritte", "quartal", "2022-Q1", 1);
    assert_count(fx, "austritte", "quartal", "2022-Q4", 1);
    /* running at 31.3.: C, G; at 30.6.: C, G (F leaves that day: no longer running at
     * its end); 30.9.: C, G; 31.12.: C, D */
    assert_count(fx, "bestand", "quartal", "2022-Q1", 2);
    assert_count(fx, "bestand", "quartal", "2022-Q2", 2);
    assert_count(fx, "bestand", "quartal", "2022-Q3", 2);
    assert_count(fx, "bestand", "quartal", "2022-Q4", 2);
    assert_count(fx, "bestand", "quartal\xc3\x97" "baustein", "2022-Q2\xc3\x97" "2", 0);
    assert_count(fx, "bestand", "quartal\xc3\x97" "baustein", "2022-Q1\xc3\x97" "1", 2);
    /* stock and flow hold exactly: the stock at the end is teilnahmen - austritte */
    assert_count(fx, "bestand", "quartal", "2022-Q4", 5 - 3);
    /* the stock before the period is the comparison period's last one: B only */
    kz_row *prev = kz_table_find(fx->r->prev_figs, "bestand", "quartal", "2021-Q4");
    assert_non_null(prev);
    assert_int_equal((long)prev->zaehler.v, 1);
    assert_int_equal((long)prev->zaehler.v,
                     (long)get(fx, "teilnahmen", "gesamt", "gesamt")->zaehler.v -
                         (long)get(fx, "eintritte", "gesamt", "gesamt")->zaehler.v);
}

static void test_km_censoring_and_median_not_reached(void **state)
{
    fixture *fx = *state;
    fill_seven(fx);
    compute(fx);
    /* times B 214 (event), C 305, D 0, F 60, G 333 censored: S(214) = 2/3, never <= 0.5 */
    kz_row *r = get(fx, "dauer_bis_vermittlung", "gesamt", "gesamt");
    assert_int_equal((long)r->zaehler.v, 1);
    assert_int_equal((long)r->nenner.v, 5);
    assert_int_equal(r->wert.kind, KZ_NULL);
    assert_int_equal(r->ci_oben.kind, KZ_NULL);
}

static void test_km_median(void **state)
{
    fixture *fx = *state;
    /* events at 10, 20, 30 days and one censored at 40: S = .75, .5, .25 -> median (20+30)/2 */
    add(fx, "a", "Herford", 1, "2022-01-01", "2022-01-11", "arbeit", NULL);
    add(fx, "b", "Herford", 1, "2022-01-01", "2022-01-21", "arbeit", NULL);
    add(fx, "c", "Herford", 1, "2022-01-01", "2022-01-15", "ausbildung", "2022-01-31");
    add(fx, "d", "Herford", 1, "2022-01-01", "2022-02-10", "abbruch", NULL);
    compute(fx);
    kz_row *r = get(fx, "dauer_bis_vermittlung", "gesamt", "gesamt");
    assert_int_equal((long)r->zaehler.v, 3);
    assert_near(r->wert.v, 25.0);
}

static void test_n_zero(void **state)
{
    fixture *fx = *state;
    compute(fx); /* no teilnahmen at all */
    kz_row *q = get(fx, "vermittlungsquote", "gesamt", "gesamt");
    assert_int_equal((long)q->nenner.v, 0);
    assert_int_equal(q->wert.kind, KZ_NULL);
    assert_int_equal(q->ci_unten.kind, KZ_NULL);
    assert_int_equal(get(fx, "dauer_bis_vermittlung", "gesamt", "gesamt")->wert.kind, KZ_NULL);
    kz_row *t = get(fx, "test_vermittlung", "baustein", "chi2");
    assert_int_equal(t->wert.kind, KZ_NULL);
    assert_count(fx, "personen", "gesamt", "gesamt", 0);
    assert_int_equal(get(fx, "personen", "gesamt", "gesamt")->gesperrt, 0); /* a true zero */
}

static void test_zero_of_n_and_n_of_n(void **state)
{
    fixture *fx = *state;
    add(fx, "a", "Herford", 1, "2022-01-01", "2022-03-01", "abbruch", NULL);
    add(fx, "b", "Herford", 1, "2022-01-01", "2022-03-01", "wegzug", NULL);
    add(fx, "c", "Herford", 1, "2022-01-01", "2022-03-01", "sonstiges", NULL);
    add(fx, "d", "Enger", 1, "2022-01-01", "2022-03-01", "arbeit", NULL);
    add(fx, "e", "Enger", 1, "2022-01-01", "2022-03-01", "arbeit", NULL);
    add(fx, "f", "Enger", 1, "2022-01-01", "2022-03-01", "schule", NULL);
    compute(fx);
    kz_row *zero = get(fx, "vermittlungsquote", "kommune", "Herford");
    assert_near(zero->wert.v, 0.0);
    assert_near(zero->ci_unten.v, 0.0);
    assert_near(zero->ci_oben.v, 0.56149703175504539); /* prop.test(0, 3, correct = FALSE) */
    kz_row *all = get(fx, "vermittlungsquote", "kommune", "Enger");
    assert_near(all->wert.v, 1.0);
    assert_near(all->ci_unten.v, 0.43850296824495466);
    assert_near(all->ci_oben.v, 1.0);
    /* 3 of 6 exits placed, but the 2x2 has expected counts 1.5: Fisher's p */
    kz_row *t = get(fx, "test_vermittlung", "kommune", "fisher");
    assert_near(t->wert.v, 0.1); /* fisher.test(matrix(c(0, 3, 3, 0), 2))$p.value */
}

static void test_single_category(void **state)
{
    fixture *fx = *state;
    add(fx, "a", "Herford", 1, "2022-01-01", "2022-03-01", "abbruch", NULL);
    add(fx, "b", "Herford", 1, "2022-01-01", "2022-03-01", "arbeit", NULL);
    add(fx, "c", "Herford", 1, "2022-01-01", "2022-03-01", "arbeit", NULL);
    compute(fx);
    /* one kommune: a test of independence is undefined, written with wert NULL */
    kz_row *t = get(fx, "test_vermittlung", "kommune", "chi2");
    assert_int_equal(t->wert.kind, KZ_NULL);
    assert_null(kz_table_find(fx->t, "test_vermittlung", "kommune", "fisher"));
    assert_near(get(fx, "vermittlungsquote", "kommune", "Herford")->wert.v, 2.0 / 3.0);
}

static void test_placement_set_from_config(void **state)
{
    fixture *fx = *state;
    add(fx, "a", "Herford", 1, "2022-01-01", "2022-03-01", "arbeit_sonstige", NULL);
    add(fx, "b", "Herford", 1, "2022-01-01", "2022-03-01", "arbeit", NULL);
    compute(fx);
    assert_near(get(fx, "vermittlungsquote", "gesamt", "gesamt")->wert.v, 0.5);
    fx->cfg->placement_mask |= 1u << 2; /* arbeit_sonstige */
    compute(fx);
    assert_near(get(fx, "vermittlungsquote", "gesamt", "gesamt")->wert.v, 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_who_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quarters_and_stock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_km_censoring_and_median_not_reached, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_km_median, setup, teardown),
        cmocka_unit_test_setup_teardown(test_n_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zero_of_n_and_n_of_n, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_category, setup, teardown),
        cmocka_unit_test_setup_teardown(test_placement_set_from_config, setup, teardown),
    };
    return cmocka_run_group_tests_name("transform_indicators", tests, NULL, NULL);
}

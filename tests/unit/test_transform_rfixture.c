/*
 * test_transform_rfixture.c - the transform's figures against R's.
 *
 * Loads tests/fixtures/transform/teilnahmen.csv into a fresh database with
 * SQL, computes the period 2022 with Wilson and with Clopper-Pearson, and
 * compares every value of expected.csv (made by make_fixture.R with
 * prop.test, binom.test, chisq.test, fisher.test and survival::survfit) to
 * 1e-9 relative. Runs from the repository root.
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

#define FIXTURE "tests/fixtures/transform/"

typedef struct fixture {
    char path[64];
    sqlite3 *db;
} fixture;

/* Splits line at commas in place (no quoting in the fixtures); returns the field count. */
static int split_csv(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < max) {
        f[n++] = line;
        char *c = strchr(line, ',');
        if (!c)
            break;
        *c = '\0';
        line = c + 1;
    }
    return n;
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    char line[1024], *f[32];
    sqlite3_stmt *st = NULL;
    FILE *in = fopen(FIXTURE "teilnahmen.csv", "r");
    assert_non_null(fx);
    assert_non_null(in);
    snprintf(fx->path, sizeof fx->path, "/tmp/dbk-rfixture-%ld.db", (long)getpid());
    unlink(fx->path);
    assert_int_equal(database_open(fx->path, DATABASE_OPEN_CREATE, &fx->db), DBK_OK);
    assert_int_equal(database_exec(fx->db, fx->path,
                                   "INSERT INTO lieferungen(id, datei, sha256, datensatz, kodierung, trennzeichen, "
                                   "zeilen_gelesen, zeilen_geladen, zeilen_abgewiesen, zeitpunkt) VALUES (1, 'teilnahmen.csv', 'x',"
                                   " 'teilnahmen', 'utf-8', ',', 300, 300, 0, '2023-01-01')"),
                     DBK_OK);
    assert_int_equal(sqlite3_prepare_v2(fx->db,
                                        "INSERT INTO teilnahmen VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                                        " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
                                        " ?18, ?19, 1, 1, ?20)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_non_null(fgets(line, sizeof line, in)); /* header */
    int zeile = 1;
    database_exec(fx->db, fx->path, "BEGIN");
    while (fgets(line, sizeof line, in)) {
        int n = split_csv(line, f, 32);
        assert_int_equal(n, 19);
        for (int i = 0; i < 19; i++) {
            if (!*f[i])
                sqlite3_bind_null(st, i + 1);
            else if (i == 2 || i == 11 || i == 17)
                sqlite3_bind_int(st, i + 1, atoi(f[i]));
            else
                sqlite3_bind_text(st, i + 1, f[i], -1, SQLITE_TRANSIENT);
        }
        sqlite3_bind_int(st, 20, ++zeile);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    database_exec(fx->db, fx->path, "COMMIT");
    sqlite3_finalize(st);
    fclose(in);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    database_close(fx->db);
    unlink(fx->path);
    free(fx);
    return 0;
}

static void check_value(const char *what, const char *key, const char *expected, kz_value got)
{
    if (strcmp(expected, "NA") == 0) {
        if (got.kind != KZ_NULL)
            fail_msg("%s %s: expected NULL, got %.17g", key, what, got.v);
        return;
    }
    double want = strtod(expected, NULL);
    if (got.kind == KZ_NULL)
        fail_msg("%s %s: expected %.17g, got NULL", key, what, want);
    double tol = 1e-9 * fabs(want);
    if (fabs(got.v - want) > (tol > 1e-300 ? tol : 1e-300))
        fail_msg("%s %s: expected %.17g, got %.17g", key, what, want, got.v);
}

static void compare_with_r(void **state, config_ci_method method, const char *method_name)
{
    fixture *fx = *state;
    config *cfg = config_new_default();
    transform_result *res = NULL;
    kz_table *t;
    char line[1024], *f[16], key[512];
    int checked = 0;
    FILE *in = fopen(FIXTURE "expected.csv", "r");
    assert_non_null(cfg);
    assert_non_null(in);
    cfg->ci_method = method;
    /* R computes every category and the tests on the full tables: nothing merged or withheld */
    cfg->merge_below = 0;
    cfg->min_fallzahl = 1;
    assert_int_equal(transform_compute(fx->db, fx->path, cfg, "2022-01-01", "2022-12-31", &res),
                     DBK_OK);
    t = res->cur;
    assert_string_equal(res->p.from, "2022-01-01");
    assert_string_equal(res->p.to, "2022-12-31");
    assert_non_null(fgets(line, sizeof line, in));
    while (fgets(line, sizeof line, in)) {
        assert_int_equal(split_csv(line, f, 16), 9);
        if (*f[3] && strcmp(f[3], method_name) != 0)
            continue;
        snprintf(key, sizeof key, "%s/%s/%s", f[0], f[1], f[2]);
        kz_row *r = kz_table_find(t, f[0], f[1], f[2]);
        if (!r)
            fail_msg("%s: missing", key);
        check_value("zaehler", key, f[4], r->zaehler);
        check_value("nenner", key, f[5], r->nenner);
        check_value("wert", key, f[6], r->wert);
        check_value("ci_unten", key, f[7], r->ci_unten);
        check_value("ci_oben", key, f[8], r->ci_oben);
        checked++;
    }
    fclose(in);
    assert_true(checked > 250);
    transform_result_free(res);
    config_free(cfg);
}

static void test_wilson_matches_r(void **state)
{
    compare_with_r(state, CI_WILSON, "wilson");
}

static void test_clopper_pearson_matches_r(void **state)
{
    compare_with_r(state, CI_CLOPPER_PEARSON, "clopper-pearson");
}

/* The same run written twice replaces the period's figures and records each run. */
static void test_run_replaces_period(void **state)
{
    fixture *fx = *state;
    config *cfg = config_new_default();
    sqlite3_stmt *st;
    assert_non_null(cfg);
    assert_int_equal(transform_run(fx->db, fx->path, cfg, "2022-01-01", "2022-12-31"), DBK_OK);
    assert_int_equal(transform_run(fx->db, fx->path, cfg, "2022-01-01", "2022-12-31"), DBK_OK);
    assert_int_equal(sqlite3_prepare_v2(fx->db,
                                        "SELECT (SELECT count(*) FROM laeufe),"
                                        " (SELECT count(DISTINCT lauf) FROM kennzahlen),"
                                        " (SELECT max(id) FROM laeufe),"
                                        " (SELECT min(lauf) FROM kennzahlen),"
                                        " (SELECT lieferungen FROM laeufe ORDER BY id DESC LIMIT 1),"
                                        " (SELECT count(*) FROM kennzahlen WHERE kennzahl ="
                                        "  'personen' AND dimension = 'gesamt' AND bezug = 'periode')",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 2);
    assert_int_equal(sqlite3_column_int(st, 1), 1);
    assert_int_equal(sqlite3_column_int(st, 2), sqlite3_column_int(st, 3));
    assert_string_equal((const char *)sqlite3_column_text(st, 4), "1");
    assert_int_equal(sqlite3_column_int(st, 5), 1);
    sqlite3_finalize(st);
    config_free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson_matches_r),
        cmocka_unit_test(test_clopper_pearson_matches_r),
        cmocka_unit_test(test_run_replaces_period),
    };
    return cmocka_run_group_tests_name("transform_rfixture", tests, setup, teardown);
}

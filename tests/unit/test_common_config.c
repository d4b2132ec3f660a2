/*
 * test_common_config.c - loading the region INI files (config.h).
 * Run from the repository root (the shipped configs are read from config/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codebook.h"
#include "config.h"
#include "strmap.h"
#include "textfold.h"

/* Writes text to a new temporary .ini file; returns its malloc'ed path. */
static char *write_ini(const char *text)
{
    char tmpl[] = "/tmp/dbk-config-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    char *path = strdup(tmpl);
    assert_non_null(path);
    return path;
}

/* Loads text as a config; returns the error, *out the config (or NULL). */
static dbk_error load_text(const char *text, config **out)
{
    char *path = write_ini(text);
    dbk_error err = config_load(path, out);
    unlink(path);
    free(path);
    return err;
}

#define MINIMAL "[region]\nname = Testkreis\nkommunen = Alpha, Beta\n"

/* Asserts that text is refused with DBK_ERR_CONFIG. */
static void assert_config_error(const char *text)
{
    config *cfg = (config *)0x1;
    dbk_error err = load_text(text, &cfg);
    if (err != DBK_ERR_CONFIG) {
        if (err == DBK_OK)
            config_free(cfg);
        fail_msg("expected DBK_ERR_CONFIG (%d), got %d for:\n%s", DBK_ERR_CONFIG, err, text);
    }
    assert_null(cfg);
}

static const char *kommune(const config *cfg, const char *raw)
{
    char key[256];
    textfold_key(raw, strlen(raw), key, sizeof key);
    return config_kommune_lookup(cfg, key);
}

static int placement_codes(const config *cfg, char *out, size_t cap)
{
    int n = 0;
    out[0] = '\0';
    for (int i = 0; codebook_verbleib[i]; i++) {
        if (config_is_placement(cfg, codebook_verbleib[i])) {
            if (n++)
                strncat(out, ",", cap - strlen(out) - 1);
            strncat(out, codebook_verbleib[i], cap - strlen(out) - 1);
        }
    }
    return n;
}

/* ---- the shipped configs --------------------------------------------- */

static const struct {
    const char *file;
    const char *slug;
    size_t n_kommunen;
    const char *first, *last;
} shipped[] = {
    {"config/ennepe-ruhr-kreis.ini", "ennepe-ruhr-kreis", 9, "Breckerfeld", "Witten"},
    {"config/kreis-heinsberg.ini", "kreis-heinsberg", 10, "Erkelenz", "Wegberg"},
    {"config/kreis-herford.ini", "kreis-herford", 9, "Bünde", "Vlotho"},
    {"config/rhein-kreis-neuss.ini", "rhein-kreis-neuss", 8, "Dormagen", "Rommerskirchen"},
    {"config/stadt-wuppertal.ini", "stadt-wuppertal", 10, "Barmen", "Vohwinkel"},
};

static void test_shipped_configs_load(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
        config *cfg = NULL;
        dbk_error err = config_load(shipped[i].file, &cfg);
        if (err != DBK_OK)
            fail_msg("%s: config_load returned %d", shipped[i].file, err);
        assert_non_null(cfg);
        assert_string_equal(cfg->region_slug, shipped[i].slug);
        if (cfg->n_kommunen != shipped[i].n_kommunen)
            fail_msg("%s: %zu municipalities, expected %zu", shipped[i].file, cfg->n_kommunen,
                     shipped[i].n_kommunen);
        assert_string_equal(cfg->kommunen[0], shipped[i].first);
        assert_string_equal(cfg->kommunen[cfg->n_kommunen - 1], shipped[i].last);
        assert_int_equal(strlen(cfg->sha256), 64);
        assert_non_null(cfg->region_name);
        config_free(cfg);
    }
}

/* Every config/ *.ini file, also ones added later, must load and name municipalities. */
static void test_every_config_file_loads(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob("config/*.ini", 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 5);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        config *cfg = NULL;
        dbk_error err = config_load(g.gl_pathv[i], &cfg);
        if (err != DBK_OK)
            fail_msg("%s: config_load returned %d", g.gl_pathv[i], err);
        assert_true(cfg->n_kommunen > 0);
        /* Each municipality finds itself by its key. */
        for (size_t k = 0; k < cfg->n_kommunen; k++) {
            const char *got = kommune(cfg, cfg->kommunen[k]);
            if (!got || strcmp(got, cfg->kommunen[k]) != 0)
                fail_msg("%s: municipality '%s' does not find itself", g.gl_pathv[i],
                         cfg->kommunen[k]);
        }
        config_free(cfg);
    }
    globfree(&g);
}

static void test_herford_values(void **state)
{
    (void)state;
    config *cfg = NULL;
    assert_int_equal(config_load("config/kreis-herford.ini", &cfg), DBK_OK);
    assert_string_equal(cfg->region_name, "Kreis Herford");
    assert_string_equal(cfg->period_from, "2022-01-01");
    assert_string_equal(cfg->period_to, "2022-12-31");
    assert_int_equal(cfg->encoding, ENCODING_AUTO);
    assert_int_equal(cfg->delimiter, 0);
    assert_int_equal(cfg->age_min, 18);
    assert_int_equal(cfg->age_max, 27);
    assert_int_equal(cfg->min_fallzahl, 3);
    assert_true(cfg->funding_rate > 0.7999 && cfg->funding_rate < 0.8001);
    assert_true(cfg->confidence > 0.9499 && cfg->confidence < 0.9501);
    assert_int_equal(cfg->ci_method, CI_WILSON);
    char buf[256];
    placement_codes(cfg, buf, sizeof buf);
    assert_string_equal(buf, "ausbildung,arbeit,qualifizierung,schule");
    assert_string_equal(config_baustein_name(cfg, 1), "Coaching");
    assert_string_equal(config_baustein_name(cfg, 7), "");

    /* Mapped headers and values. */
    assert_string_equal(strmap_get(cfg->columns[DATASET_TEILNAHMEN], "fallnummer"), "fall_id");
    assert_string_equal(strmap_get(cfg->columns[DATASET_MITTEL], "bewilligteur"), "bewilligt");
    assert_string_equal(config_value_lookup(cfg, "aufenthaltsstatus", "60aaufenthg"), "duldung");
    assert_string_equal(config_value_lookup(cfg, "geschlecht", "ka"), "x");
    assert_string_equal(config_value_lookup(cfg, "aufenthaltsstatus", "ka"), "unbekannt");
    assert_null(config_value_lookup(cfg, "aufenthaltsstatus", "weiblich"));
    config_free(cfg);
}

/* ---- defaults -------------------------------------------------------- */

static void test_defaults(void **state)
{
    (void)state;
    config *cfg = config_new_default();
    assert_non_null(cfg);
    char buf[256];
    int n = placement_codes(cfg, buf, sizeof buf);
    assert_int_equal(n, 4);
    assert_string_equal(buf, "ausbildung,arbeit,qualifizierung,schule");
    assert_false(config_is_placement(cfg, "arbeit_sonstige"));
    assert_false(config_is_placement(cfg, "abbruch"));
    assert_false(config_is_placement(cfg, NULL));
    assert_false(config_is_placement(cfg, "job"));
    assert_int_equal(cfg->age_min, 18);
    assert_int_equal(cfg->age_max, 27);
    assert_int_equal(cfg->min_fallzahl, 3);
    assert_true(cfg->funding_rate > 0.7999 && cfg->funding_rate < 0.8001);
    assert_true(cfg->confidence > 0.9499 && cfg->confidence < 0.9501);
    assert_int_equal(cfg->ci_method, CI_WILSON);
    assert_string_equal(cfg->report_language, "de");
    assert_int_equal(cfg->n_kommunen, 0);
    assert_int_equal(cfg->delimiter, 0);
    assert_int_equal(cfg->encoding, ENCODING_AUTO);
    assert_string_equal(config_baustein_name(cfg, 1), "Coaching");
    assert_string_equal(config_baustein_name(cfg, 6), "Teilhabemanagement");
    config_free(cfg);
    config_free(NULL);
}

static void test_minimal_config_defaults(void **state)
{
    (void)state;
    config *cfg = NULL;
    assert_int_equal(load_text(MINIMAL, &cfg), DBK_OK);
    assert_int_equal(cfg->n_kommunen, 2);
    assert_string_equal(cfg->kommunen[0], "Alpha");
    assert_string_equal(cfg->kommunen[1], "Beta");
    assert_string_equal(cfg->region_slug, "testkreis");
    assert_string_equal(cfg->period_from, "");
    assert_int_equal(cfg->age_min, 18);
    assert_int_equal(cfg->age_max, 27);
    assert_int_equal(cfg->min_fallzahl, 3);
    config_free(cfg);
}

static void test_slug_derived_from_name(void **state)
{
    (void)state;
    config *cfg = NULL;
    assert_int_equal(load_text("[region]\nname = Märkischer Kreis\nkommunen = Iserlohn\n", &cfg),
                     DBK_OK);
    assert_string_equal(cfg->region_slug, "maerkischer-kreis");
    config_free(cfg);
}

/* Found by fuzz_config: a name without letters gave an empty slug, so report
 * files named "-sitzungsbericht-..."; control characters reached the reports. */
static void test_text_only_and_a_slug(void **state)
{
    (void)state;
    assert_config_error("[region]\nname = ---\nkommunen = Alpha\n");
    assert_config_error("[region]\nname = Kreis\x02X\nkommunen = Alpha\n");
    assert_config_error("[region]\nname = Kreis\nkommunen = Alpha, B\x1b[31m\n");
    assert_config_error("[region]\nname = Kreis L\xf6hne\nkommunen = Alpha\n");
    assert_config_error("[region]\nname = Kreis\nkommunen = Alpha\n[report]\ntitle = T\rX\n");
    config *cfg = NULL;
    assert_int_equal(load_text("[region]\nname = ---\nslug = kreis-x\nkommunen = Alpha\n", &cfg), DBK_OK);
    assert_string_equal(cfg->region_slug, "kreis-x");
    config_free(cfg);
}

static void test_settings_override(void **state)
{
    (void)state;
    config *cfg = NULL;
    assert_int_equal(load_text(MINIMAL
                               "[outcomes]\nplacement = arbeit | ausbildung\n"
                               "target_age_min = 16\ntarget_age_max = 30\n"
                               "[disclosure]\nmin_fallzahl = 5\n"
                               "[funding]\nrate = 0,90\n"
                               "[input]\ndelimiter = semicolon\nencoding = windows-1252\n"
                               "[statistics]\nci_method = clopper-pearson\nconfidence = 0.9\n"
                               "[bausteine]\n2 = Sprachkurs\n",
                               &cfg),
                     DBK_OK);
    char buf[256];
    assert_int_equal(placement_codes(cfg, buf, sizeof buf), 2);
    assert_string_equal(buf, "ausbildung,arbeit");
    assert_false(config_is_placement(cfg, "schule"));
    assert_int_equal(cfg->age_min, 16);
    assert_int_equal(cfg->age_max, 30);
    assert_int_equal(cfg->min_fallzahl, 5);
    assert_true(cfg->funding_rate > 0.8999 && cfg->funding_rate < 0.9001);
    assert_int_equal(cfg->delimiter, ';');
    assert_int_equal(cfg->encoding, ENCODING_CP1252);
    assert_int_equal(cfg->ci_method, CI_CLOPPER_PEARSON);
    assert_string_equal(config_baustein_name(cfg, 2), "Sprachkurs");
    assert_string_equal(config_baustein_name(cfg, 3), "Nachträglicher Erwerb des Hauptschulabschlusses");
    config_free(cfg);
}

/* ---- errors ---------------------------------------------------------- */

static void test_unknown_key(void **state)
{
    (void)state;
    assert_config_error(MINIMAL "colour = blue\n");
    assert_config_error(MINIMAL "[outcomes]\nplacment = arbeit\n");
    assert_config_error(MINIMAL "[input]\nteilnahme = *x*\n"); /* dataset name misspelt */
    assert_config_error(MINIMAL "[disclosure]\nmin_fallzahl = 3\nmax_fallzahl = 9\n");
}

/* [region] einheit names the region's units: Kommune (default) or Stadtbezirk, nothing else. */
static void test_region_unit(void **state)
{
    config *cfg = NULL;
    (void)state;
    assert_int_equal(load_text(MINIMAL, &cfg), DBK_OK);
    assert_int_equal(cfg->region_unit, REGION_UNIT_KOMMUNE);
    config_free(cfg);
    assert_int_equal(load_text(MINIMAL "einheit = Stadtbezirk\n", &cfg), DBK_OK);
    assert_int_equal(cfg->region_unit, REGION_UNIT_STADTBEZIRK);
    config_free(cfg);
    assert_int_equal(load_text(MINIMAL "einheit = kommune\n", &cfg), DBK_OK);
    assert_int_equal(cfg->region_unit, REGION_UNIT_KOMMUNE);
    config_free(cfg);
    assert_int_equal(config_load("config/stadt-wuppertal.ini", &cfg), DBK_OK);
    assert_int_equal(cfg->region_unit, REGION_UNIT_STADTBEZIRK);
    config_free(cfg);
    assert_config_error(MINIMAL "einheit = Bezirk\n");
    assert_config_error(MINIMAL "einheit =\n");
    assert_config_error(MINIMAL "[report]\neinheit = Stadtbezirk\n"); /* only in [region] */
}

static void test_unknown_section(void **state)
{
    (void)state;
    assert_config_error(MINIMAL "[regoin]\nname = x\n");
    assert_config_error(MINIMAL "[columns.teilnehmer]\nFallnummer = fall_id\n");
    assert_config_error(MINIMAL "[values.farbe]\nrot = r\n");
}

static void test_region_required(void **state)
{
    (void)state;
    assert_config_error("[region]\nname = Testkreis\n");
    assert_config_error("[region]\nkommunen = A, B\n");
    assert_config_error("[period]\nfrom = 2022-01-01\n");
    assert_config_error("");
    assert_config_error("[region]\nname = T\nkommunen = A, B, a\n"); /* listed twice */
}

static void test_bad_period_dates(void **state)
{
    (void)state;
    assert_config_error(MINIMAL "[period]\nfrom = 01.01.2022\n");
    assert_config_error(MINIMAL "[period]\nfrom = 2022-13-01\n");
    assert_config_error(MINIMAL "[period]\nto = 2022-12-32\n");
    assert_config_error(MINIMAL "[period]\nfrom = 2022-1-1\n");
    assert_config_error(MINIMAL "[period]\nfrom = yesterday\n");
    assert_config_error(MINIMAL "[period]\nfrom = 2022-12-31\nto = 2022-01-01\n"); /* reversed */
}

/* A date that matches the YYYY-MM-DD shape but does not exist, or has signs in it. */
static void test_bad_period_dates_impossible(void **state)
{
    (void)state;
    static const char *const dates[] = {"2022-02-30", "2022-04-31", "2023-02-29", "2022-+1-01",
                                        "+022-01-01", "2022-01- 1"};
    int accepted = 0;
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, MINIMAL "[period]\nto = %s\n", dates[i]);
        config *cfg = NULL;
        dbk_error err = load_text(text, &cfg);
        if (err != DBK_ERR_CONFIG) {
            print_error("[period] to = %s: config_load returned %d, period_to '%s'\n", dates[i], err,
                        cfg ? cfg->period_to : "");
            accepted++;
        }
        config_free(cfg);
    }
    if (accepted)
        fail_msg("%d impossible [period] date(s) accepted", accepted);
}

static void test_good_period(void **state)
{
    (void)state;
    config *cfg = NULL;
    assert_int_equal(load_text(MINIMAL "[period]\nfrom = 2024-02-29\nto = 2024-12-31\n", &cfg), DBK_OK);
    assert_string_equal(cfg->period_from, "2024-02-29");
    assert_string_equal(cfg->period_to, "2024-12-31");
    config_free(cfg);
}

static void test_bad_placement(void **state)
{
    (void)state;
    assert_config_error(MINIMAL "[outcomes]\nplacement = ausbildung, job\n");
    assert_config_error(MINIMAL "[outcomes]\nplacement = Ausbildung\n"); /* codes are exact */
}

static void test_bad_values(void **state)
{
    (void)state;
    assert_config_error(MINIMAL "[outcomes]\ntarget_age_min = 30\ntarget_age_max = 20\n");
    assert_config_error(MINIMAL "[outcomes]\ntarget_age_min = achtzehn\n");
    assert_config_error(MINIMAL "[disclosure]\nmin_fallzahl = 0\n");
    assert_config_error(MINIMAL "[funding]\nrate = 1.5\n");
    assert_config_error(MINIMAL "[input]\ndelimiter = pipe\n");
    assert_config_error(MINIMAL "[input]\nencoding = latin9\n");
    assert_config_error(MINIMAL "[report]\nlanguage = fr\n");
    assert_config_error(MINIMAL "[bausteine]\n7 = Extra\n");
    assert_config_error(MINIMAL "[region]\nslug = Kreis Test\n");
    assert_config_error(MINIMAL "[columns.teilnahmen]\nFallnummer = fallnummer\n");
    assert_config_error(MINIMAL "[columns.teilnahmen]\nBedarf Sprache = bedarfe.deutsch\n");
    assert_config_error(MINIMAL "[columns.teilnahmen]\nID = fall_id\nI-D = kommune\n"); /* same key */
    assert_config_error(MINIMAL "[values.aufenthaltsstatus]\ngeduldet = geduldet\n");
    assert_config_error(MINIMAL "[values.baustein]\nCoaching = 7\n");
    assert_config_error(MINIMAL "[values.kommune]\nStadt Gamma = Gamma\n");
}

static void test_missing_file_is_config_error(void **state)
{
    (void)state;
    config *cfg = (config *)0x1;
    /* config.h: an unreadable config is a config error (exit 2), like any other. */
    assert_int_equal(config_load("/nonexistent/durchblick/none.ini", &cfg), DBK_ERR_CONFIG);
    assert_null(cfg);
}

static void test_columns_with_colon(void **state)
{
    (void)state;
    config *cfg = NULL;
    assert_int_equal(load_text(MINIMAL "[columns.teilnahmen]\nBedarf: Sprache = bedarfe.sprache\n"
                                       "Fall-Nr. = fall_id\n",
                               &cfg),
                     DBK_OK);
    assert_string_equal(strmap_get(cfg->columns[DATASET_TEILNAHMEN], "bedarfsprache"),
                        "bedarfe.sprache");
    assert_string_equal(strmap_get(cfg->columns[DATASET_TEILNAHMEN], "fallnr"), "fall_id");
    config_free(cfg);
}

/* ---- lookups --------------------------------------------------------- */

static void test_kommune_lookup_variants(void **state)
{
    (void)state;
    config *cfg = NULL;
    assert_int_equal(config_load("config/kreis-herford.ini", &cfg), DBK_OK);
    assert_string_equal(kommune(cfg, "Löhne"), "Löhne");
    assert_string_equal(kommune(cfg, "Loehne"), "Löhne");
    assert_string_equal(kommune(cfg, "LOEHNE"), "Löhne");
    assert_string_equal(kommune(cfg, "löhne"), "Löhne");
    assert_string_equal(kommune(cfg, "Stadt Löhne"), "Löhne");      /* [values.kommune] */
    assert_string_equal(kommune(cfg, "Hansestadt Herford"), "Herford");
    assert_string_equal(kommune(cfg, "Buende"), "Bünde");
    assert_string_equal(kommune(cfg, "Rödinghausen"), "Rödinghausen");
    assert_null(kommune(cfg, "Bielefeld"));
    assert_null(kommune(cfg, "Lohne")); /* o is not ö */
    config_free(cfg);

    assert_int_equal(config_load("config/kreis-heinsberg.ini", &cfg), DBK_OK);
    assert_string_equal(kommune(cfg, "Uebach-Palenberg"), "Übach-Palenberg");
    assert_string_equal(kommune(cfg, "Hueckelhoven"), "Hückelhoven");
    config_free(cfg);
}

static void test_dataset_for_file(void **state)
{
    (void)state;
    config *cfg = NULL;
    dataset_kind kind = DATASET_COUNT;
    assert_int_equal(config_load("config/kreis-herford.ini", &cfg), DBK_OK);
    assert_int_equal(config_dataset_for_file(cfg, "exports/teilnahmen_2022.csv", &kind), 0);
    assert_int_equal(kind, DATASET_TEILNAHMEN);
    assert_int_equal(config_dataset_for_file(cfg, "/data/Teilnahme-Export.CSV", &kind), 0);
    assert_int_equal(kind, DATASET_TEILNAHMEN);
    assert_int_equal(config_dataset_for_file(cfg, "angebote.csv", &kind), 0);
    assert_int_equal(kind, DATASET_ANGEBOTE);
    assert_int_equal(config_dataset_for_file(cfg, "x/Mittel 2022.csv", &kind), 0);
    assert_int_equal(kind, DATASET_MITTEL);
    kind = DATASET_COUNT;
    assert_int_equal(config_dataset_for_file(cfg, "personen.csv", &kind), -1);
    /* Only the base name counts, not the directory. */
    assert_int_equal(config_dataset_for_file(cfg, "/exports/teilnahmen/personen.csv", &kind), -1);
    assert_int_equal(kind, DATASET_COUNT);
    config_free(cfg);

    /* Without patterns nothing matches. */
    cfg = config_new_default();
    assert_int_equal(config_dataset_for_file(cfg, "teilnahmen.csv", &kind), -1);
    config_free(cfg);
}

static void test_workbook_sheet(void **state)
{
    (void)state;
    config *cfg = NULL;
    /* sheet for every dataset; sheet.DATASET before it, in whatever order the lines come */
    assert_int_equal(load_text(MINIMAL "[input]\nsheet.angebote = Angebote 2022\nsheet = Teilnahmen\n", &cfg), DBK_OK);
    assert_string_equal(config_sheet_for(cfg, DATASET_TEILNAHMEN), "Teilnahmen");
    assert_string_equal(config_sheet_for(cfg, DATASET_MITTEL), "Teilnahmen");
    assert_string_equal(config_sheet_for(cfg, DATASET_ANGEBOTE), "Angebote 2022");
    config_free(cfg);
    assert_int_equal(load_text(MINIMAL, &cfg), DBK_OK);
    assert_null(config_sheet_for(cfg, DATASET_TEILNAHMEN)); /* the first visible sheet */
    config_free(cfg);
    assert_config_error(MINIMAL "[input]\nsheet.personen = X\n");
    assert_config_error(MINIMAL "[input]\nsheets = X\n");
    assert_config_error(MINIMAL "[input]\nsheet =\n");
}

/* ---- issue 10: mapping rules ---- */

static void test_rules_nothing_position_pattern(void **state)
{
    (void)state;
    config *cfg = NULL;
    assert_int_equal(load_text(MINIMAL "[columns.teilnahmen]\nBemerkung = -\nSpalte 7 = fall_id\n"
                                       "Welche Unterstützung* = bedarfe\n[values.geschlecht]\nk.A. = -\n"
                                       "[values.auswahl]\ngewählt = 1\n[input]\ndate_order = mdy\n",
                               &cfg),
                     DBK_OK);
    assert_int_equal(cfg->n_rules, 5);
    assert_string_equal(strmap_get(cfg->columns[DATASET_TEILNAHMEN], "bemerkung"), "-");
    assert_int_equal(cfg->rules[1].position, 7);
    assert_int_equal(cfg->rules[2].pattern, 1);
    assert_string_equal(cfg->rules[2].key, "welcheunterstuetzung*");
    assert_string_equal(config_value_lookup(cfg, "geschlecht", "ka"), "-");
    assert_string_equal(config_value_lookup(cfg, "auswahl", "gewaehlt"), "1");
    assert_int_equal(cfg->date_order, DATE_ORDER_MDY);
    assert_int_equal(cfg->rules[3].line, 9); /* k.A. = - */
    config_free(cfg);
    /* a '?' alone is part of a question, not a pattern */
    assert_int_equal(load_text(MINIMAL "[columns.teilnahmen]\nWelche Unterstützung wird benötigt? = bedarfe\n", &cfg),
                     DBK_OK);
    assert_int_equal(cfg->rules[0].pattern, 0);
    assert_string_equal(strmap_get(cfg->columns[DATASET_TEILNAHMEN], "welcheunterstuetzungwirdbenoetigt"),
                        "bedarfe");
    config_free(cfg);
    assert_config_error(MINIMAL "[values.auswahl]\nja = vielleicht\n");
    assert_config_error(MINIMAL "[values.eintritt]\noffen = 2022-01-01\n");
    assert_config_error(MINIMAL "[values.geschlecht]\nSpalte 3 = w\n");
    assert_config_error(MINIMAL "[input]\ndate_order = tmy\n");
    assert_config_error(MINIMAL "[values.keinfeld]\nx = y\n");
}

static void test_rules_two_ways(void **state)
{
    (void)state;
    config *cfg = NULL;
    /* the same value written two ways onto one code is harmless; onto two codes it is not */
    assert_int_equal(load_text(MINIMAL "[values.geschlecht]\nk. A. = x\nk.A. = x\n", &cfg), DBK_OK);
    config_free(cfg);
    assert_config_error(MINIMAL "[values.geschlecht]\nk. A. = x\nk.A. = w\n");
    assert_config_error(MINIMAL "[columns.teilnahmen]\nTN = fall_id\nT-N = kommune\n");
    assert_config_error(MINIMAL "[columns.teilnahmen]\nSpalte 2 = fall_id\nSpalte 2 = kommune\n");
    /* bound sections: checked per file */
    assert_int_equal(load_text(MINIMAL "[values.aufenthaltsstatus @ awo-*]\n1 = duldung\n"
                                       "[values.aufenthaltsstatus @ caritas-*]\n1 = gestattung\n"
                                       "[values.aufenthaltsstatus]\nDuldung = duldung\n",
                               &cfg),
                     DBK_OK);
    config *awo = NULL, *car = NULL, *other = NULL;
    assert_int_equal(config_for_file(cfg, "/x/awo-2022.csv", &awo), DBK_OK);
    assert_int_equal(config_for_file(cfg, "Caritas-2022.CSV", &car), DBK_OK);
    assert_int_equal(config_for_file(cfg, "diakonie.csv", &other), DBK_OK);
    assert_string_equal(config_value_lookup(awo, "aufenthaltsstatus", "1"), "duldung");
    assert_string_equal(config_value_lookup(car, "aufenthaltsstatus", "1"), "gestattung");
    assert_null(config_value_lookup(other, "aufenthaltsstatus", "1"));
    assert_string_equal(config_value_lookup(other, "aufenthaltsstatus", "duldung"), "duldung");
    char a[65], c[65], o[65], base[65];
    config_mapping_sha256(awo, DATASET_TEILNAHMEN, a);
    config_mapping_sha256(car, DATASET_TEILNAHMEN, c);
    config_mapping_sha256(other, DATASET_TEILNAHMEN, o);
    config_mapping_sha256(cfg, DATASET_TEILNAHMEN, base);
    assert_string_not_equal(a, c);
    assert_string_equal(o, base);
    config_free(awo);
    config_free(car);
    config_free(other);
    config_free(cfg);
    /* a bound line against an unbound one: an error for a file both apply to */
    assert_int_equal(load_text(MINIMAL "[values.aufenthaltsstatus]\n1 = duldung\n"
                                       "[values.aufenthaltsstatus @ awo-*]\n1 = gestattung\n",
                               &cfg),
                     DBK_OK);
    assert_int_equal(config_for_file(cfg, "awo-1.csv", &awo), DBK_ERR_CONFIG);
    assert_null(awo);
    assert_int_equal(config_for_file(cfg, "x.csv", &other), DBK_OK);
    config_free(other);
    config_free(cfg);
}

static void test_mapping_hash(void **state)
{
    (void)state;
    config *a = NULL, *b = NULL, *c = NULL;
    char ha[65], hb[65], hc[65], hm[65], hm2[65];
    /* line order and sections outside the mapping do not change it; a mapping line does */
    assert_int_equal(load_text(MINIMAL "[values.geschlecht]\nFrau = w\nMann = m\n[report]\ntitle = A\n", &a), DBK_OK);
    assert_int_equal(load_text(MINIMAL "[report]\ntitle = B\n[values.geschlecht]\nMann = m\nFrau = w\n", &b), DBK_OK);
    assert_int_equal(load_text(MINIMAL "[values.geschlecht]\nFrau = w\nMann = m\nHerr = m\n", &c), DBK_OK);
    config_mapping_sha256(a, DATASET_TEILNAHMEN, ha);
    config_mapping_sha256(b, DATASET_TEILNAHMEN, hb);
    config_mapping_sha256(c, DATASET_TEILNAHMEN, hc);
    assert_string_equal(ha, hb);
    assert_string_not_equal(ha, hc);
    /* a line for a field mittel does not have leaves mittel's batches alone */
    config_mapping_sha256(a, DATASET_MITTEL, hm);
    config_mapping_sha256(c, DATASET_MITTEL, hm2);
    assert_string_equal(hm, hm2);
    config_free(a);
    config_free(b);
    config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_configs_load),
        cmocka_unit_test(test_every_config_file_loads),
        cmocka_unit_test(test_herford_values),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_minimal_config_defaults),
        cmocka_unit_test(test_slug_derived_from_name),
        cmocka_unit_test(test_text_only_and_a_slug),
        cmocka_unit_test(test_settings_override),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_region_unit),
        cmocka_unit_test(test_unknown_section),
        cmocka_unit_test(test_region_required),
        cmocka_unit_test(test_bad_period_dates),
        cmocka_unit_test(test_bad_period_dates_impossible),
        cmocka_unit_test(test_good_period),
        cmocka_unit_test(test_bad_placement),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_missing_file_is_config_error),
        cmocka_unit_test(test_columns_with_colon),
        cmocka_unit_test(test_kommune_lookup_variants),
        cmocka_unit_test(test_dataset_for_file),
        cmocka_unit_test(test_workbook_sheet),
        cmocka_unit_test(test_rules_nothing_position_pattern),
        cmocka_unit_test(test_rules_two_ways),
        cmocka_unit_test(test_mapping_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

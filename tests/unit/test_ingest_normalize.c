/*
 * test_ingest_normalize.c - the value normalisers (normalize.h) with the
 * variants data.md promises and the invalid inputs a row is rejected for.
 * Run from the repository root: words are mapped by config/kreis-herford.ini.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "config.h"
#include "country.h"
#include "normalize.h"

static config *herford;     /* the shipped region config: words for codes */
static config *defaults;    /* no words: codes only */
static country_table *countries;

static int setup(void **state)
{
    (void)state;
    if (config_load("config/kreis-herford.ini", &herford) != DBK_OK)
        return -1;
    defaults = config_new_default();
    countries = country_table_load();
    return defaults && countries ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    config_free(herford);
    config_free(defaults);
    country_table_free(countries);
    return 0;
}

/* ---- dates ----------------------------------------------------------- */

static void date_ok(const char *in, const char *expect)
{
    char out[11] = "";
    const char *reason = NULL;
    norm_result r = normalize_date(in, strlen(in), out, &reason);
    if (r != NORM_OK)
        fail_msg("date '%s': expected %s, got result %d (%s)", in, expect, r, reason ? reason : "");
    if (strcmp(out, expect) != 0)
        fail_msg("date '%s': expected %s, got %s", in, expect, out);
}

static void date_bad(const char *in)
{
    char out[11] = "";
    const char *reason = NULL;
    norm_result r = normalize_date(in, strlen(in), out, &reason);
    if (r != NORM_INVALID)
        fail_msg("date '%s': expected invalid, got result %d (%s)", in, r, out);
    assert_non_null(reason);
    assert_true(strlen(reason) > 0);
}

static void test_date_variants(void **state)
{
    (void)state;
    date_ok("31.12.2022", "2022-12-31");
    date_ok("31.12.22", "2022-12-31");
    date_ok("2022-12-31", "2022-12-31");
    date_ok("1.2.2022", "2022-02-01");
    date_ok("01.02.2022", "2022-02-01");
    date_ok("2022-2-1", "2022-02-01");
    date_ok("31.12.2022 00:00", "2022-12-31");
    date_ok("31.12.2022 23:59:59", "2022-12-31");
    date_ok("2022-12-31T00:00:00", "2022-12-31");
    date_ok("2022-12-31 08:15", "2022-12-31");
    date_ok("01.01.00", "2000-01-01");
    date_ok("15.06.99", "1999-06-15");
}

/* Two-digit years are read into the past, seen from the year of loading. */
static void date_in_is(const char *in, int this_year, const char *expect)
{
    char out[11] = "";
    const char *reason = NULL;
    norm_result r = normalize_date_in(in, strlen(in), this_year, out, &reason);
    if (r != NORM_OK || strcmp(out, expect) != 0)
        fail_msg("date '%s' in %d: expected %s, got result %d, %s (%s)", in, this_year, expect, r, out,
                 reason ? reason : "");
}

static void test_date_two_digit_years(void **state)
{
    (void)state;
    date_in_is("01.01.00", 2026, "2000-01-01");
    date_in_is("31.12.26", 2026, "2026-12-31");
    date_in_is("01.01.27", 2026, "1927-01-01");
    date_in_is("01.03.69", 2026, "1969-03-01"); /* was 2069 */
    date_in_is("01.01.70", 2026, "1970-01-01");
    date_in_is("01.03.69", 2070, "2069-03-01");
    date_in_is("31.12.99", 2099, "2099-12-31");
    char out[11];
    const char *reason = NULL;
    assert_int_equal(normalize_date_in("01.01.1899", 10, 2026, out, &reason), NORM_INVALID);
    assert_string_equal(reason, "Datum vor 1900");
}

static void test_date_leap_years(void **state)
{
    (void)state;
    date_ok("29.02.2024", "2024-02-29");
    date_ok("2000-02-29", "2000-02-29");  /* divisible by 400 */
    date_ok("29.02.20", "2020-02-29");
    date_bad("29.02.2023");
    date_bad("1900-02-29");               /* divisible by 100 */
    date_bad("29.02.2100");
}

static void test_date_invalid(void **state)
{
    (void)state;
    date_bad("30.02.2022");
    date_bad("31.04.2022");
    date_bad("2022-13-01");
    date_bad("2022-00-10");
    date_bad("00.01.2022");
    date_bad("32.01.2022");
    date_bad("garbage");
    date_bad("31/12/2022");
    date_bad("31.12.");
    date_bad("31.12");
    date_bad("31.12.202");
    date_bad("20221231");
    date_bad("2022-12-31x");
    date_bad("31.12.2022 morgen");
    date_bad("Dez 2022");
    date_bad("44926"); /* an Excel serial number */
    date_bad("01.01.1899");
}

static void test_date_empty(void **state)
{
    (void)state;
    char out[11];
    const char *reason = NULL;
    assert_int_equal(normalize_date("", 0, out, &reason), NORM_EMPTY);
    /* Only len bytes count. */
    assert_int_equal(normalize_date("31.12.2022xyz", 10, out, &reason), NORM_OK);
    assert_string_equal(out, "2022-12-31");
}

/* ---- years ----------------------------------------------------------- */

static void test_year(void **state)
{
    (void)state;
    int y = 0;
    const char *reason = NULL;
    assert_int_equal(normalize_year("2003", 4, 2025, &y, &reason), NORM_OK);
    assert_int_equal(y, 2003);
    assert_int_equal(normalize_year("2025", 4, 2025, &y, &reason), NORM_OK);
    assert_int_equal(y, 2025);
    assert_int_equal(normalize_year("1900", 4, 2025, &y, &reason), NORM_OK);
    assert_int_equal(y, 1900);
    assert_int_equal(normalize_year("", 0, 2025, &y, &reason), NORM_EMPTY);

    reason = NULL;
    assert_int_equal(normalize_year("2026", 4, 2025, &y, &reason), NORM_INVALID);
    assert_string_equal(reason, "Jahr liegt in der Zukunft");
    assert_int_equal(normalize_year("1899", 4, 2025, &y, &reason), NORM_INVALID);
    assert_int_equal(normalize_year("03", 2, 2025, &y, &reason), NORM_INVALID);
    assert_int_equal(normalize_year("20033", 5, 2025, &y, &reason), NORM_INVALID);
    assert_int_equal(normalize_year("2oo3", 4, 2025, &y, &reason), NORM_INVALID);
    assert_int_equal(normalize_year("-200", 4, 2025, &y, &reason), NORM_INVALID);
    assert_int_equal(normalize_year("2.003", 5, 2025, &y, &reason), NORM_INVALID);
}

/* ---- booleans -------------------------------------------------------- */

static void bool_is(const char *in, int expect)
{
    int v = -1;
    const char *reason = NULL;
    norm_result r = normalize_bool(in, strlen(in), &v, &reason);
    if (r != NORM_OK || v != expect)
        fail_msg("bool '%s': expected %d, got result %d value %d", in, expect, r, v);
}

static void test_bool(void **state)
{
    (void)state;
    bool_is("ja", 1);
    bool_is("Ja", 1);
    bool_is("JA", 1);
    bool_is("j", 1);
    bool_is("J", 1);
    bool_is("1", 1);
    bool_is("x", 1);
    bool_is("X", 1);
    bool_is("true", 1);
    bool_is("yes", 1);
    bool_is("wahr", 1);
    bool_is("nein", 0);
    bool_is("Nein", 0);
    bool_is("n", 0);
    bool_is("0", 0);
    bool_is("false", 0);
    bool_is("no", 0);
    bool_is("falsch", 0);

    int v = -1;
    const char *reason = NULL;
    assert_int_equal(normalize_bool("", 0, &v, &reason), NORM_EMPTY);
    assert_int_equal(normalize_bool("vielleicht", 10, &v, &reason), NORM_INVALID);
    assert_non_null(reason);
    assert_int_equal(normalize_bool("2", 1, &v, &reason), NORM_INVALID);
    assert_int_equal(normalize_bool("jaa", 3, &v, &reason), NORM_INVALID);
    assert_int_equal(normalize_bool("ja nein", 7, &v, &reason), NORM_INVALID);
}

/* The normaliser reads s[0..len) only: "✓" in a larger buffer is still a yes. */
static void test_bool_checkmark_len_bounded(void **state)
{
    (void)state;
    int v = -1;
    const char *reason = NULL;
    assert_int_equal(normalize_bool("✓", strlen("✓"), &v, &reason), NORM_OK);
    assert_int_equal(v, 1);
    v = -1;
    const char buf[] = "✓;nein";
    norm_result r = normalize_bool(buf, strlen("✓"), &v, &reason);
    assert_int_equal(r, NORM_OK);
    assert_int_equal(v, 1);
}

/* ---- money ----------------------------------------------------------- */

static void money_is(const char *in, long long cents)
{
    long long got = -1;
    const char *reason = NULL;
    norm_result r = normalize_money(in, strlen(in), &got, &reason);
    if (r != NORM_OK)
        fail_msg("money '%s': expected %lld cents, got result %d (%s)", in, cents, r,
                 reason ? reason : "");
    if (got != cents)
        fail_msg("money '%s': expected %lld cents, got %lld", in, cents, got);
}

static void money_bad(const char *in)
{
    long long got = -1;
    const char *reason = NULL;
    norm_result r = normalize_money(in, strlen(in), &got, &reason);
    if (r != NORM_INVALID)
        fail_msg("money '%s': expected invalid, got result %d (%lld cents)", in, r, got);
    assert_non_null(reason);
}

static void test_money_variants(void **state)
{
    (void)state;
    money_is("1.234,56", 123456);
    money_is("1234,56 €", 123456);
    money_is("1.234,56 €", 123456);
    money_is("€ 1.234,56", 123456);
    money_is("1234.56", 123456);
    money_is("1,234.56", 123456);
    money_is("EUR 12", 1200);
    money_is("12 EUR", 1200);
    money_is("12,5", 1250);
    money_is("12.5", 1250);
    money_is("0", 0);
    money_is("0,00", 0);
    money_is("1234", 123400);
    money_is("1.234", 123400);          /* German thousands dot */
    money_is("1.234.567,89", 123456789);
    money_is("1,234,567.89", 123456789);
    money_is("1 234,56", 123456);        /* space as thousands separator */
    money_is("1\xC2\xA0" "234,56", 123456); /* NBSP as thousands separator */
    money_is("50000", 5000000);
    money_is("1'234'567.89", 123456789);
    money_is("999.999.999.999,99", 99999999999999LL); /* the largest amount taken */
    money_is("999999999999", 99999999999900LL);
}

static void test_money_invalid(void **state)
{
    (void)state;
    money_bad("-5");
    money_bad("-5,00 €");
    money_bad("1,234");      /* decimal comma with three decimals */
    money_bad("12,345");
    money_bad("1.234,567");
    money_bad("abc");
    money_bad("12 Dollar");
    money_bad("1.2.3");
    money_bad(",");
    money_bad("99999999999999999999");
    money_bad("1.23.456,00");  /* groups not by three */
    money_bad("12.34,00");
    money_bad("1.2345,00");
    money_bad("1,234.567,00"); /* two kinds of separator */
    money_bad(".123,00");
    money_bad("1.000.000.000.000,00"); /* 10^12 euros */
    money_bad("95.000.000.000.000,01"); /* past 2^53 cents a double would round it */

    long long got;
    const char *reason = NULL;
    assert_int_equal(normalize_money("", 0, &got, &reason), NORM_EMPTY);
    reason = NULL;
    assert_int_equal(normalize_money("-5", 2, &got, &reason), NORM_INVALID);
    assert_string_equal(reason, "Betrag ist negativ");
    assert_int_equal(normalize_money("1,234", 5, &got, &reason), NORM_INVALID);
    assert_string_equal(reason, "Betrag mit mehr als zwei Nachkommastellen");
    assert_int_equal(normalize_money("1.23.456,00", 11, &got, &reason), NORM_INVALID);
    assert_string_equal(reason, "Tausendertrennzeichen nicht in Dreiergruppen (erwartet z. B. 1.234.567,89 €)");
    assert_int_equal(normalize_money("1000000000000", 13, &got, &reason), NORM_INVALID);
    assert_string_equal(reason, "Betrag über 999.999.999.999,99 € (Tippfehler?)");
}

/* ---- counts ---------------------------------------------------------- */

static void test_count(void **state)
{
    (void)state;
    long long v = -1;
    const char *reason = NULL;
    assert_int_equal(normalize_count("1.200", 5, &v, &reason), NORM_OK);
    assert_int_equal(v, 1200);
    assert_int_equal(normalize_count("1200", 4, &v, &reason), NORM_OK);
    assert_int_equal(v, 1200);
    assert_int_equal(normalize_count("0", 1, &v, &reason), NORM_OK);
    assert_int_equal(v, 0);
    assert_int_equal(normalize_count("12", 2, &v, &reason), NORM_OK);
    assert_int_equal(v, 12);
    assert_int_equal(normalize_count("1.000.000", 9, &v, &reason), NORM_OK);
    assert_int_equal(v, 1000000);
    assert_int_equal(normalize_count("", 0, &v, &reason), NORM_EMPTY);

    assert_int_equal(normalize_count("-3", 2, &v, &reason), NORM_INVALID);
    assert_int_equal(normalize_count("1,5", 3, &v, &reason), NORM_INVALID);
    assert_int_equal(normalize_count("12.5", 4, &v, &reason), NORM_INVALID);
    assert_int_equal(normalize_count("1.20", 4, &v, &reason), NORM_INVALID);
    assert_int_equal(normalize_count("zwölf", strlen("zwölf"), &v, &reason), NORM_INVALID);
    assert_int_equal(normalize_count("12 Plätze", strlen("12 Plätze"), &v, &reason), NORM_INVALID);
    assert_int_equal(normalize_count("99999999999999999999", 20, &v, &reason), NORM_INVALID);
}

/* ---- Baustein -------------------------------------------------------- */

static void baustein_is(const config *cfg, const char *in, int expect)
{
    int nr = -1;
    const char *reason = NULL;
    norm_result r = normalize_baustein(cfg, in, strlen(in), &nr, &reason);
    if (r != NORM_OK || nr != expect)
        fail_msg("baustein '%s': expected %d, got result %d nr %d", in, expect, r, nr);
}

static void baustein_bad(const config *cfg, const char *in)
{
    int nr = -1;
    const char *reason = NULL;
    norm_result r = normalize_baustein(cfg, in, strlen(in), &nr, &reason);
    if (r != NORM_INVALID)
        fail_msg("baustein '%s': expected invalid, got result %d nr %d", in, r, nr);
    assert_non_null(reason);
}

static void test_baustein(void **state)
{
    (void)state;
    baustein_is(defaults, "3", 3);
    baustein_is(defaults, "1", 1);
    baustein_is(defaults, "6", 6);
    baustein_is(defaults, "Baustein 3", 3);
    baustein_is(defaults, "baustein3", 3);
    baustein_is(defaults, "Förderbaustein 5", 5);
    baustein_is(defaults, "Modul 2", 2);
    baustein_is(defaults, "III", 3);
    baustein_is(defaults, "iv", 4);
    baustein_is(defaults, "VI", 6);
    baustein_is(defaults, "Baustein III", 3);
    baustein_bad(defaults, "7");
    baustein_bad(defaults, "0");
    baustein_bad(defaults, "12");
    baustein_bad(defaults, "VII");
    baustein_bad(defaults, "Baustein");
    baustein_bad(defaults, "Baustein 7");
    baustein_is(defaults, "Coaching", 1); /* the programme's own names are built in */
    baustein_is(defaults, "Baustein 3: Hauptschulabschluss", 3);
    baustein_bad(defaults, "Nachhilfe"); /* no config words */

    baustein_is(herford, "Coaching", 1);
    baustein_is(herford, "coaching", 1);
    baustein_is(herford, "Jugendintegrationskurs", 4);
    baustein_is(herford, "Teilhabemanagement", 6);
    baustein_is(herford, "Nachträglicher Erwerb des Hauptschulabschlusses", 3);
    baustein_bad(herford, "Kochkurs");

    int nr;
    const char *reason;
    assert_int_equal(normalize_baustein(defaults, "", 0, &nr, &reason), NORM_EMPTY);
}

/* ---- CEFR ------------------------------------------------------------ */

static void cefr_is(const config *cfg, const char *in, const char *expect)
{
    const char *code = NULL, *reason = NULL;
    norm_result r = normalize_cefr(cfg, "deutsch_eintritt", in, strlen(in), &code, &reason);
    if (r != NORM_OK || !code || strcmp(code, expect) != 0)
        fail_msg("cefr '%s': expected %s, got result %d code %s", in, expect, r, code ? code : "NULL");
}

static void test_cefr(void **state)
{
    (void)state;
    cefr_is(defaults, "B1", "B1");
    cefr_is(defaults, "b1", "B1");
    cefr_is(defaults, "B1.2", "B1");
    cefr_is(defaults, "A1.1", "A1");
    cefr_is(defaults, "A2+", "A2");
    cefr_is(defaults, "C2", "C2");
    cefr_is(defaults, "C1", "C1");
    cefr_is(defaults, "B2", "B2");
    cefr_is(defaults, "Niveau B2", "B2");
    cefr_is(defaults, "keine", "ohne");
    cefr_is(defaults, "ohne", "ohne");
    cefr_is(defaults, "Ohne", "ohne");
    cefr_is(herford, "keine Deutschkenntnisse", "ohne");
    cefr_is(herford, "B1.2", "B1");

    const char *code = NULL, *reason = NULL;
    assert_int_equal(normalize_cefr(defaults, "deutsch_eintritt", "", 0, &code, &reason), NORM_EMPTY);
    assert_int_equal(normalize_cefr(defaults, "deutsch_eintritt", "D1", 2, &code, &reason), NORM_INVALID);
    assert_non_null(reason);
    assert_int_equal(normalize_cefr(defaults, "deutsch_eintritt", "B3", 2, &code, &reason), NORM_INVALID);
    assert_int_equal(normalize_cefr(defaults, "deutsch_eintritt", "gut", 3, &code, &reason), NORM_INVALID);
    assert_int_equal(normalize_cefr(defaults, "deutsch_eintritt", "B", 1, &code, &reason), NORM_INVALID);
    /* the label of "ohne", built in since the templates write it */
    assert_int_equal(normalize_cefr(defaults, "deutsch_eintritt", "keine Deutschkenntnisse",
                                    strlen("keine Deutschkenntnisse"), &code, &reason),
                     NORM_OK);
    assert_string_equal(code, "ohne");
    assert_int_equal(normalize_cefr(defaults, "deutsch_eintritt", "mittelmäßig", strlen("mittelmäßig"), &code,
                                    &reason),
                     NORM_INVALID);
}

/* ---- codes ----------------------------------------------------------- */

static void code_is(const config *cfg, const char *field, const char *const *codes, const char *in,
                    const char *expect)
{
    const char *code = NULL, *reason = NULL;
    norm_result r = normalize_code(cfg, field, NULL, codes, in, strlen(in), &code, &reason);
    if (r != NORM_OK || !code || strcmp(code, expect) != 0)
        fail_msg("%s '%s': expected %s, got result %d code %s", field, in, expect, r,
                 code ? code : "NULL");
}

static void code_bad(const config *cfg, const char *field, const char *const *codes, const char *in)
{
    const char *code = NULL, *reason = NULL;
    norm_result r = normalize_code(cfg, field, NULL, codes, in, strlen(in), &code, &reason);
    if (r != NORM_INVALID)
        fail_msg("%s '%s': expected invalid, got result %d code %s", field, in, r, code ? code : "NULL");
    assert_non_null(reason);
}

static void test_code_aufenthaltsstatus(void **state)
{
    (void)state;
    const char *const *st = codebook_aufenthaltsstatus;
    const char *f = "aufenthaltsstatus";
    code_is(herford, f, st, "§ 60a AufenthG", "duldung");
    code_is(herford, f, st, "§60a AufenthG", "duldung");
    code_is(herford, f, st, "Aufenthaltserlaubnis § 25 Abs. 5", "aufenthaltserlaubnis");
    code_is(herford, f, st, "geduldet", "duldung");
    code_is(herford, f, st, "Duldung", "duldung");
    code_is(herford, f, st, "AE", "aufenthaltserlaubnis");
    code_is(herford, f, st, "Aufenthaltsgestattung", "gestattung");
    code_is(herford, f, st, "gestattet", "gestattung");
    code_is(herford, f, st, "Ausbildungsduldung", "duldung");
    code_is(herford, f, st, "§ 60d AufenthG", "duldung");
    code_is(herford, f, st, "§ 104c AufenthG", "aufenthaltserlaubnis");
    code_is(herford, f, st, "k. A.", "unbekannt");
    code_is(herford, f, st, "NIEDERLASSUNGSERLAUBNIS", "niederlassungserlaubnis");
    code_bad(herford, f, st, "Touristenvisum");
    /* Without the config: the codes, their German and English labels and short codes (the templates'). */
    code_is(defaults, f, st, "Duldung", "duldung");
    code_is(defaults, f, st, "  duldung", "duldung");
    code_is(defaults, f, st, "Aufenthaltsgestattung", "gestattung");
    code_is(defaults, f, st, "residence permit", "aufenthaltserlaubnis");
    code_is(defaults, f, st, "AE", "aufenthaltserlaubnis");
    code_is(defaults, f, st, "gest", "gestattung");
    code_bad(defaults, f, st, "geduldet");
    code_bad(defaults, f, st, "Touristenvisum");
}

static void test_code_other_fields(void **state)
{
    (void)state;
    code_is(herford, "geschlecht", codebook_geschlecht, "weiblich", "w");
    code_is(herford, "geschlecht", codebook_geschlecht, "k. A.", "x");
    code_is(herford, "geschlecht", codebook_geschlecht, "M", "m");
    code_is(herford, "verbleib", codebook_verbleib, "Minijob", "arbeit_sonstige");
    code_is(herford, "verbleib", codebook_verbleib, "arbeit_sonstige", "arbeit_sonstige");
    code_is(herford, "verbleib", codebook_verbleib, "Arbeit sonstige", "arbeit_sonstige");
    code_is(herford, "verbleib", codebook_verbleib, "Ausreise/Abschiebung", "ausreise");
    code_is(herford, "schulabschluss", codebook_schulabschluss, "HSA 10", "hsa10");
    code_is(herford, "leistungsbezug", codebook_leistungsbezug, "SGB II", "sgb2");
    code_is(herford, "pruefung", codebook_pruefung, "nicht bestanden", "nicht_bestanden");
    /* A word of one field is not a word of another. */
    code_bad(herford, "leistungsbezug", codebook_leistungsbezug, "geduldet");
    code_bad(herford, "geschlecht", codebook_geschlecht, "q");

    /* No letters or digits: no answer. */
    const char *code = NULL, *reason = NULL;
    assert_int_equal(normalize_code(herford, "geschlecht", NULL, codebook_geschlecht, "-", 1, &code,
                                    &reason),
                     NORM_EMPTY);
    assert_int_equal(normalize_code(herford, "geschlecht", NULL, codebook_geschlecht, "", 0, &code,
                                    &reason),
                     NORM_EMPTY);
}

static void test_code_fallback_field(void **state)
{
    (void)state;
    /* zugang takes the words of [values.zugang], then of [values.aufenthaltsstatus]. */
    const char *code = NULL, *reason = NULL;
    assert_int_equal(normalize_code(herford, "zugang", "aufenthaltsstatus", codebook_aufenthaltsstatus,
                                    "§ 60a AufenthG", strlen("§ 60a AufenthG"), &code, &reason),
                     NORM_OK);
    assert_string_equal(code, "duldung");
    assert_int_equal(normalize_code(herford, "zugang", NULL, codebook_aufenthaltsstatus,
                                    "§ 60a AufenthG", strlen("§ 60a AufenthG"), &code, &reason),
                     NORM_INVALID);
}

/* ---- sets ------------------------------------------------------------ */

static void set_is(const config *cfg, const char *field, const char *fallback,
                   const char *const *codes, const char *in, const char *expect)
{
    char out[256] = "";
    const char *reason = NULL;
    norm_result r = normalize_set(cfg, field, fallback, codes, in, strlen(in), out, sizeof out, &reason);
    if (r != NORM_OK || strcmp(out, expect) != 0)
        fail_msg("set '%s': expected %s, got result %d '%s' (%s)", in, expect, r, out,
                 reason ? reason : "");
}

static void test_set(void **state)
{
    (void)state;
    const char *const *b = codebook_bedarfe;
    set_is(herford, "bedarfe", NULL, b, "Sprache; Arbeit", "arbeit|sprache");
    set_is(herford, "bedarfe", NULL, b, "sprache|arbeit", "arbeit|sprache");
    set_is(herford, "bedarfe", NULL, b, "Arbeit, Sprache", "arbeit|sprache");
    set_is(herford, "bedarfe", NULL, b, "Wohnen\nGesundheit", "gesundheit|wohnen");
    set_is(herford, "bedarfe", NULL, b, "Deutsch; Sprache", "sprache"); /* one member twice */
    set_is(herford, "bedarfe", NULL, b, "Sprache;", "sprache");
    set_is(defaults, "bedarfe", NULL, b, "ARBEIT|schulabschluss", "arbeit|schulabschluss");
    set_is(herford, "bedarfe", NULL, b, "alle",
           "arbeit|aufenthalt|ausbildung|gesundheit|kinderbetreuung|qualifizierung|schulabschluss|"
           "sonstiges|sprache|wohnen");
    set_is(herford, "bedarfe", NULL, b, "Alle",
           "arbeit|aufenthalt|ausbildung|gesundheit|kinderbetreuung|qualifizierung|schulabschluss|"
           "sonstiges|sprache|wohnen");
    set_is(herford, "zugang", "aufenthaltsstatus", codebook_aufenthaltsstatus, "Duldung, AE",
           "aufenthaltserlaubnis|duldung");
    set_is(herford, "zugang", "aufenthaltsstatus", codebook_aufenthaltsstatus, "§ 60a AufenthG; gestattet",
           "duldung|gestattung");
    set_is(herford, "zugang", "aufenthaltsstatus", codebook_aufenthaltsstatus, "alle",
           "aufenthaltserlaubnis|duldung|gestattung|niederlassungserlaubnis|sonstige|unbekannt");

    char out[256];
    const char *reason = NULL;
    assert_int_equal(normalize_set(herford, "bedarfe", NULL, b, "Sprache; Fliegen", 16, out, sizeof out,
                                   &reason),
                     NORM_INVALID);
    assert_non_null(reason);
    assert_int_equal(normalize_set(defaults, "bedarfe", NULL, b, "Deutsch", 7, out, sizeof out, &reason),
                     NORM_INVALID);
    assert_int_equal(normalize_set(herford, "bedarfe", NULL, b, "", 0, out, sizeof out, &reason),
                     NORM_EMPTY);
    assert_int_equal(normalize_set(herford, "bedarfe", NULL, b, " ; ; ", 5, out, sizeof out, &reason),
                     NORM_EMPTY);
}

static void test_set_join(void **state)
{
    (void)state;
    char out[64];
    normalize_set_join(codebook_bedarfe, 0, out, sizeof out);
    assert_string_equal(out, "");
    /* bit 0 sprache, bit 3 arbeit, bit 9 sonstiges */
    normalize_set_join(codebook_bedarfe, (1u << 0) | (1u << 3) | (1u << 9), out, sizeof out);
    assert_string_equal(out, "arbeit|sonstiges|sprache");
}

/* ---- countries ------------------------------------------------------- */

static void country_is(const config *cfg, const char *in, const char *expect)
{
    char out[4] = "";
    const char *reason = NULL;
    norm_result r = normalize_country(cfg, countries, in, strlen(in), out, &reason);
    if (r != NORM_OK || strcmp(out, expect) != 0)
        fail_msg("country '%s': expected %s, got result %d '%s'", in, expect, r, out);
}

static void test_country(void **state)
{
    (void)state;
    country_is(defaults, "Syrien", "SYR");
    country_is(defaults, "Irak", "IRQ");
    country_is(defaults, "Afghanistan", "AFG");
    country_is(defaults, "Guinea", "GIN");
    country_is(defaults, "Eritrea", "ERI");
    country_is(defaults, "Türkei", "TUR");
    country_is(defaults, "Tuerkei", "TUR");
    country_is(defaults, "Iran", "IRN");
    country_is(defaults, "Deutschland", "DEU");
    country_is(defaults, "Germany", "DEU");
    country_is(defaults, "Syrian Arab Republic", "SYR");
    country_is(defaults, "AF", "AFG");
    country_is(defaults, "afg", "AFG");
    country_is(defaults, "SYR", "SYR");
    country_is(defaults, "sy", "SYR");

    char out[4];
    const char *reason = NULL;
    assert_int_equal(normalize_country(defaults, countries, "Atlantis", 8, out, &reason), NORM_INVALID);
    assert_non_null(reason);
    assert_int_equal(normalize_country(defaults, countries, "XX", 2, out, &reason), NORM_INVALID);
    assert_int_equal(normalize_country(defaults, countries, "", 0, out, &reason), NORM_EMPTY);
    assert_int_equal(normalize_country(defaults, countries, "-", 1, out, &reason), NORM_EMPTY);
}

static void test_country_config_words(void **state)
{
    (void)state;
    /* [values.staatsangehoerigkeit] words come first. */
    const char *ini = "/tmp/dbk-norm-country.ini";
    FILE *f = fopen(ini, "w");
    assert_non_null(f);
    fputs("[region]\nname = T\nkommunen = A\n[values.staatsangehoerigkeit]\nstaatenlos = xxa\n", f);
    fclose(f);
    config *cfg = NULL;
    assert_int_equal(config_load(ini, &cfg), DBK_OK);
    remove(ini);
    country_is(cfg, "staatenlos", "XXA");
    country_is(cfg, "Syrien", "SYR");
    config_free(cfg);
}

/* ---- municipalities and pseudonyms ----------------------------------- */

static void test_kommune(void **state)
{
    (void)state;
    const char *name = NULL, *reason = NULL;
    assert_int_equal(normalize_kommune(herford, "Loehne", 6, &name, &reason), NORM_OK);
    assert_string_equal(name, "Löhne");
    assert_int_equal(normalize_kommune(herford, "LÖHNE", strlen("LÖHNE"), &name, &reason), NORM_OK);
    assert_string_equal(name, "Löhne");
    assert_int_equal(normalize_kommune(herford, "Hansestadt Herford", 18, &name, &reason), NORM_OK);
    assert_string_equal(name, "Herford");
    assert_int_equal(normalize_kommune(herford, "kirchlengern", 12, &name, &reason), NORM_OK);
    assert_string_equal(name, "Kirchlengern");
    reason = NULL;
    assert_int_equal(normalize_kommune(herford, "Bielefeld", 9, &name, &reason), NORM_INVALID);
    assert_non_null(reason);
    assert_int_equal(normalize_kommune(herford, "", 0, &name, &reason), NORM_EMPTY);
    assert_int_equal(normalize_kommune(defaults, "Herford", 7, &name, &reason), NORM_INVALID);
}

static void test_pseudonym(void **state)
{
    (void)state;
    const char *reason = NULL;
    assert_int_equal(normalize_pseudonym("A-12_3.x", 8, &reason), NORM_OK);
    assert_int_equal(normalize_pseudonym("7", 1, &reason), NORM_OK);
    char forty[41], fortyone[42];
    memset(forty, 'a', 40);
    forty[40] = '\0';
    memset(fortyone, 'b', 41);
    fortyone[41] = '\0';
    assert_int_equal(normalize_pseudonym(forty, 40, &reason), NORM_OK);
    reason = NULL;
    assert_int_equal(normalize_pseudonym(fortyone, 41, &reason), NORM_INVALID);
    assert_non_null(reason);
    assert_int_equal(normalize_pseudonym("", 0, &reason), NORM_EMPTY);
    assert_int_equal(normalize_pseudonym("ab c", 4, &reason), NORM_INVALID);
    assert_int_equal(normalize_pseudonym("ab/c", 4, &reason), NORM_INVALID);
    assert_int_equal(normalize_pseudonym("Müller", strlen("Müller"), &reason), NORM_INVALID);
    assert_int_equal(normalize_pseudonym("a@b.de", 6, &reason), NORM_INVALID);
    assert_int_equal(normalize_pseudonym("a;b", 3, &reason), NORM_INVALID);
}


/* ---- issue 10: tool exports ------------------------------------------ */

static void date_ordered_is(const char *in, config_date_order order, const char *expect)
{
    char out[11];
    const char *reason = NULL;
    norm_result r = normalize_date_ordered(in, strlen(in), order, 2026, out, &reason);
    if (r != NORM_OK || strcmp(out, expect) != 0)
        fail_msg("date '%s' (order %d): expected %s, got result %d %s", in, (int)order, expect, r,
                 r == NORM_OK ? out : reason);
}

static void test_tool_timestamps(void **state)
{
    (void)state;
    /* Kobo start/end, ODK SubmissionDate (toISOString), Google Forms, LimeSurvey's date questions */
    date_ordered_is("2022-03-01T10:10:09.123+01:00", DATE_ORDER_AUTO, "2022-03-01");
    date_ordered_is("2022-03-01T09:10:09.123Z", DATE_ORDER_AUTO, "2022-03-01");
    date_ordered_is("2022-03-01T10:10:09-0500", DATE_ORDER_AUTO, "2022-03-01");
    date_ordered_is("2026/06/14 10:10:09 AM GMT+1", DATE_ORDER_AUTO, "2026-06-14");
    date_ordered_is("2026/06/14 9:10:09 PM GMT+01:00", DATE_ORDER_AUTO, "2026-06-14");
    date_ordered_is("2022-03-01 00:00:00", DATE_ORDER_AUTO, "2022-03-01");
    date_ordered_is("14.06.2026 10:10 MESZ", DATE_ORDER_AUTO, "2026-06-14");
    /* slashes: by the config's order */
    date_ordered_is("03/12/2022", DATE_ORDER_MDY, "2022-03-12");
    date_ordered_is("3/12/22", DATE_ORDER_MDY, "2022-03-12");
    date_ordered_is("03/12/2022", DATE_ORDER_DMY, "2022-12-03");
    date_ordered_is("7/14/2022 10:15:00 PM", DATE_ORDER_MDY, "2022-07-14");
    char out[11];
    const char *reason = NULL;
    assert_int_equal(normalize_date_ordered("03/12/2022", 10, DATE_ORDER_AUTO, 2026, out, &reason), NORM_INVALID);
    assert_non_null(strstr(reason, "date_order"));
    assert_int_equal(normalize_date_ordered("14/07/2022", 10, DATE_ORDER_MDY, 2026, out, &reason), NORM_INVALID);
    assert_int_equal(normalize_date_ordered("2022-03-01T10:10:09 Uhr", 23, DATE_ORDER_AUTO, 2026, out, &reason),
                     NORM_INVALID);
    assert_int_equal(normalize_date_ordered("2022-03-01T10:10:09+", 20, DATE_ORDER_AUTO, 2026, out, &reason),
                     NORM_INVALID);
}

static void test_money_accounting(void **state)
{
    (void)state;
    long long cents = -1;
    const char *reason = NULL;
    assert_int_equal(normalize_money(" -   € ", strlen(" -   € "), &cents, &reason), NORM_OK);
    assert_int_equal(cents, 0);
    assert_int_equal(normalize_money(" 1.234,56 € ", strlen(" 1.234,56 € "), &cents, &reason), NORM_OK);
    assert_int_equal(cents, 123456);
    assert_int_equal(normalize_money("(1.234,56 €)", strlen("(1.234,56 €)"), &cents, &reason), NORM_INVALID);
    assert_string_equal(reason, "Betrag ist negativ");
    assert_int_equal(normalize_money("1.234,56-", 9, &cents, &reason), NORM_INVALID);
    assert_string_equal(reason, "Betrag ist negativ");
    assert_int_equal(normalize_money("--", 2, &cents, &reason), NORM_INVALID);
}

static void test_no_answer_words(void **state)
{
    (void)state;
    assert_true(normalize_is_no_answer("N/A", 3));
    assert_true(normalize_is_no_answer("k.A.", 4));
    assert_true(normalize_is_no_answer("k. A.", 5));
    assert_false(normalize_is_no_answer("NA", 2)); /* Namibia, as an alpha-2 code */
    assert_false(normalize_is_no_answer("keine Angabe", 12)); /* geschlecht's x */
}


static void test_set_tool_layouts(void **state)
{
    (void)state;
    const char *const *b = codebook_bedarfe, *const *z = codebook_aufenthaltsstatus;
    set_is(defaults, "bedarfe", NULL, b, "arbeit ausbildung sprache", "arbeit|ausbildung|sprache");
    set_is(defaults, "bedarfe", NULL, b, "Sprache Arbeit Kinderbetreuung", "arbeit|kinderbetreuung|sprache");
    set_is(defaults, "zugang", "aufenthaltsstatus", z, "Gestattung/Duldung", "duldung|gestattung");
    set_is(herford, "zugang", "aufenthaltsstatus", z, "alle außer Duldung",
           "aufenthaltserlaubnis|gestattung|niederlassungserlaubnis|sonstige|unbekannt");
    set_is(herford, "zugang", "aufenthaltsstatus", z, "alle ausser Duldung und Gestattung",
           "aufenthaltserlaubnis|niederlassungserlaubnis|sonstige|unbekannt");
    set_is(defaults, "zugang", "aufenthaltsstatus", z, "all except duldung",
           "aufenthaltserlaubnis|gestattung|niederlassungserlaubnis|sonstige|unbekannt");
    char out[160];
    const char *reason = NULL;
    assert_int_equal(normalize_set(defaults, "bedarfe", NULL, b, "arbeit fliegen", 14, out, sizeof out, &reason),
                     NORM_INVALID);
}

static void member_is(const config *cfg, int member, const char *in, norm_result expect_r, int expect)
{
    int yes = -1;
    const char *reason = NULL;
    norm_result r = normalize_member(cfg, "bedarfe", codebook_bedarfe, member, in, strlen(in), &yes, &reason);
    if (r != expect_r || (r == NORM_OK && yes != expect))
        fail_msg("member cell '%s': expected %d/%d, got %d/%d", in, expect_r, expect, r, yes);
}

static void test_member_cells(void **state)
{
    (void)state;
    member_is(defaults, 0, "1", NORM_OK, 1);
    member_is(defaults, 0, "0", NORM_OK, 0);
    member_is(defaults, 0, "2", NORM_OK, 0); /* LimeSurvey: convert N to 2 */
    member_is(defaults, 0, "Y", NORM_OK, 1);
    member_is(defaults, 0, "", NORM_EMPTY, 0);
    member_is(defaults, 0, "WAHR", NORM_OK, 1);
    member_is(defaults, 0, "FALSCH", NORM_OK, 0);
    member_is(defaults, 0, "TRUE", NORM_OK, 1);
    member_is(defaults, 0, "Ja", NORM_OK, 1);
    member_is(defaults, 0, "Nein", NORM_OK, 0);
    member_is(defaults, 0, "k.A.", NORM_EMPTY, 0);
    member_is(defaults, 0, "Sprache", NORM_OK, 1); /* the option's own name */
    member_is(defaults, 0, "Arbeit", NORM_INVALID, 0); /* another option's name */
    member_is(defaults, 0, "vielleicht", NORM_INVALID, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_variants),
        cmocka_unit_test(test_date_two_digit_years),
        cmocka_unit_test(test_date_leap_years),
        cmocka_unit_test(test_date_invalid),
        cmocka_unit_test(test_date_empty),
        cmocka_unit_test(test_year),
        cmocka_unit_test(test_bool),
        cmocka_unit_test(test_bool_checkmark_len_bounded),
        cmocka_unit_test(test_money_variants),
        cmocka_unit_test(test_money_invalid),
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_baustein),
        cmocka_unit_test(test_cefr),
        cmocka_unit_test(test_code_aufenthaltsstatus),
        cmocka_unit_test(test_code_other_fields),
        cmocka_unit_test(test_code_fallback_field),
        cmocka_unit_test(test_set),
        cmocka_unit_test(test_set_join),
        cmocka_unit_test(test_country),
        cmocka_unit_test(test_country_config_words),
        cmocka_unit_test(test_kommune),
        cmocka_unit_test(test_pseudonym),
        cmocka_unit_test(test_tool_timestamps),
        cmocka_unit_test(test_money_accounting),
        cmocka_unit_test(test_no_answer_words),
        cmocka_unit_test(test_set_tool_layouts),
        cmocka_unit_test(test_member_cells),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

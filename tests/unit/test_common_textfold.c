/*
 * test_common_textfold.c - matching keys, trimming, UTF-8 validation (textfold.h)
 * and the string map (strmap.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "textfold.h"

/* The key of a NUL-terminated string. */
static const char *key_of(const char *s)
{
    static char buf[512];
    textfold_key(s, strlen(s), buf, sizeof buf);
    return buf;
}

/* ---- textfold_key ---------------------------------------------------- */

static void test_key_lower_case(void **state)
{
    (void)state;
    assert_string_equal(key_of("KOMMUNE"), "kommune");
    assert_string_equal(key_of("Baustein 3"), "baustein3");
    assert_string_equal(key_of("abc123"), "abc123");
}

static void test_key_umlauts(void **state)
{
    (void)state;
    assert_string_equal(key_of("Löhne"), "loehne");
    assert_string_equal(key_of("LÖHNE"), "loehne");
    assert_string_equal(key_of("Bünde"), "buende");
    assert_string_equal(key_of("Übach-Palenberg"), "uebachpalenberg");
    assert_string_equal(key_of("Straße"), "strasse");
    assert_string_equal(key_of("Mädchen"), "maedchen");
    assert_string_equal(key_of("ÄÖÜäöüß"), "aeoeueaeoeuess");
    /* ä and ae are one key: "Loehne" matches "Löhne". */
    assert_string_equal(key_of("Loehne"), key_of("Löhne"));
    assert_string_equal(key_of("Strasse"), key_of("Straße"));
}

static void test_key_accents(void **state)
{
    (void)state;
    assert_string_equal(key_of("Côte d'Ivoire"), "cotedivoire");
    assert_string_equal(key_of("Réunion"), "reunion");
    assert_string_equal(key_of("Ñandú"), "nandu");
}

static void test_key_punctuation_dropped(void **state)
{
    (void)state;
    assert_string_equal(key_of("Fall-ID"), "fallid");
    assert_string_equal(key_of("fall_id"), "fallid");
    assert_string_equal(key_of("Fall ID"), "fallid");
    assert_string_equal(key_of("Fall-ID"), key_of("fall_id"));
    assert_string_equal(key_of("§ 60a AufenthG"), "60aaufenthg");
    assert_string_equal(key_of("§60a AufenthG"), key_of("§ 60a AufenthG"));
    assert_string_equal(key_of("k. A."), "ka");
    assert_string_equal(key_of("Bewilligt (EUR)"), "bewilligteur");
    assert_string_equal(key_of("Bedarfe [Sprache]"), "bedarfesprache");
    /* Symbols of other scripts and emoji do not take part. */
    assert_string_equal(key_of("1 €"), "1");
    assert_string_equal(key_of("“ja”"), "ja");
    assert_string_equal(key_of("ja 😀"), "ja");
    assert_string_equal(key_of("- ? -"), "");
}

static void test_key_length_and_cut(void **state)
{
    (void)state;
    char out[8];
    size_t n = textfold_key("Fall-ID", 7, out, sizeof out);
    assert_int_equal(n, 6);
    assert_string_equal(out, "fallid");

    /* Only len bytes count, not up to the NUL. */
    n = textfold_key("abcdef", 3, out, sizeof out);
    assert_int_equal(n, 3);
    assert_string_equal(out, "abc");

    /* Cut at cap - 1, always terminated. */
    memset(out, 'Z', sizeof out);
    n = textfold_key("abcdefghijkl", 12, out, sizeof out);
    assert_int_equal(n, 7);
    assert_string_equal(out, "abcdefg");

    /* cap 1: the empty key. */
    n = textfold_key("abc", 3, out, 1);
    assert_int_equal(n, 0);
    assert_string_equal(out, "");

    /* Empty input. */
    n = textfold_key("", 0, out, sizeof out);
    assert_int_equal(n, 0);
    assert_string_equal(out, "");
}

/* ---- blank and trim -------------------------------------------------- */

static void test_is_blank(void **state)
{
    (void)state;
    assert_int_equal(textfold_is_blank("", 0), 1);
    assert_int_equal(textfold_is_blank(" \t\r\n ", 5), 1);
    assert_int_equal(textfold_is_blank(" x ", 3), 0);
    assert_int_equal(textfold_is_blank("0", 1), 0);
}

static void test_trim_ascii(void **state)
{
    (void)state;
    char buf[] = " \t Herford \r\n";
    char *p = buf;
    size_t n = textfold_trim(&p, strlen(buf));
    assert_int_equal(n, 7);
    assert_memory_equal(p, "Herford", 7);

    char inner[] = "  a b  ";
    p = inner;
    n = textfold_trim(&p, strlen(inner));
    assert_int_equal(n, 3);
    assert_memory_equal(p, "a b", 3);

    char spaces[] = "   ";
    p = spaces;
    n = textfold_trim(&p, strlen(spaces));
    assert_int_equal(n, 0);

    char none[] = "x";
    p = none;
    n = textfold_trim(&p, 1);
    assert_int_equal(n, 1);
    assert_ptr_equal(p, none);
}

static void test_trim_nbsp(void **state)
{
    (void)state;
    /* Excel exports pad with NBSP (U+00A0, C2 A0 in UTF-8). */
    char buf[] = "\xC2\xA0 L\xC3\xB6hne\xC2\xA0\xC2\xA0 ";
    char *p = buf;
    size_t n = textfold_trim(&p, strlen(buf));
    assert_int_equal(n, strlen("Löhne"));
    assert_memory_equal(p, "Löhne", n);

    /* An NBSP inside stays. */
    char mid[] = "1\xC2\xA0" "000";
    p = mid;
    n = textfold_trim(&p, strlen(mid));
    assert_int_equal(n, strlen(mid));

    /* Only NBSPs: empty. */
    char only[] = "\xC2\xA0\xC2\xA0";
    p = only;
    assert_int_equal(textfold_trim(&p, strlen(only)), 0);

    /* A lone C2 at the end is not an NBSP and stays. */
    char lone[] = "a\xC2";
    p = lone;
    assert_int_equal(textfold_trim(&p, 2), 2);
}

/* ---- UTF-8 ----------------------------------------------------------- */

#define VALID(lit) textfold_utf8_valid(lit, sizeof(lit) - 1)

static void test_utf8_valid_text(void **state)
{
    (void)state;
    assert_int_equal(VALID(""), 1);
    assert_int_equal(VALID("plain ascii"), 1);
    assert_int_equal(VALID("Löhne Straße"), 1);
    assert_int_equal(VALID("1.234,56 €"), 1);           /* 3 bytes */
    assert_int_equal(VALID("\xF0\x9F\x98\x80"), 1);     /* U+1F600, 4 bytes */
    assert_int_equal(VALID("\xC2\x80"), 1);             /* U+0080, smallest 2-byte */
    assert_int_equal(VALID("\xE0\xA0\x80"), 1);         /* U+0800, smallest 3-byte */
    assert_int_equal(VALID("\xED\x9F\xBF"), 1);         /* U+D7FF, before the surrogates */
    assert_int_equal(VALID("\xEE\x80\x80"), 1);         /* U+E000, after the surrogates */
    assert_int_equal(VALID("\xF0\x90\x80\x80"), 1);     /* U+10000, smallest 4-byte */
    assert_int_equal(VALID("\xF4\x8F\xBF\xBF"), 1);     /* U+10FFFF, the last code point */
}

static void test_utf8_overlongs(void **state)
{
    (void)state;
    assert_int_equal(VALID("\xC0\xAF"), 0);             /* '/' in two bytes */
    assert_int_equal(VALID("\xC1\xBF"), 0);
    assert_int_equal(VALID("\xC0\x80"), 0);             /* modified UTF-8 NUL */
    assert_int_equal(VALID("\xE0\x80\xAF"), 0);         /* '/' in three bytes */
    assert_int_equal(VALID("\xE0\x9F\xBF"), 0);         /* U+07FF in three bytes */
    assert_int_equal(VALID("\xF0\x80\x80\xAF"), 0);     /* '/' in four bytes */
    assert_int_equal(VALID("\xF0\x8F\xBF\xBF"), 0);     /* U+FFFF in four bytes */
}

static void test_utf8_surrogates_and_range(void **state)
{
    (void)state;
    assert_int_equal(VALID("\xED\xA0\x80"), 0);         /* U+D800 */
    assert_int_equal(VALID("\xED\xBF\xBF"), 0);         /* U+DFFF */
    assert_int_equal(VALID("\xED\xA0\xBD\xED\xB8\x80"), 0); /* CESU-8 pair */
    assert_int_equal(VALID("\xF4\x90\x80\x80"), 0);     /* U+110000 */
    assert_int_equal(VALID("\xF5\x80\x80\x80"), 0);
    assert_int_equal(VALID("\xFF"), 0);
    assert_int_equal(VALID("\xFE"), 0);
}

static void test_utf8_truncated_and_stray(void **state)
{
    (void)state;
    assert_int_equal(VALID("\xC3"), 0);                 /* ä cut after the lead byte */
    assert_int_equal(VALID("abc\xC3"), 0);
    assert_int_equal(VALID("\xE2\x82"), 0);             /* € cut */
    assert_int_equal(VALID("\xF0\x9F\x98"), 0);         /* emoji cut */
    assert_int_equal(VALID("\xA4"), 0);                 /* lone continuation byte */
    assert_int_equal(VALID("\xC3\xA4\xA4"), 0);         /* extra continuation byte */
    assert_int_equal(VALID("\xC3" "a"), 0);             /* lead followed by ASCII */
    assert_int_equal(VALID("\xE2\x82" "a"), 0);
    assert_int_equal(VALID("L\xF6hne"), 0);             /* Windows-1252 ö */
    assert_int_equal(VALID("\xE4" "ndern"), 0);         /* Windows-1252 ä before ASCII */
    /* Only len bytes count: a valid prefix of an invalid buffer is valid. */
    assert_int_equal(textfold_utf8_valid("ab\xFF", 2), 1);
    /* ...and a sequence cut by len is not. */
    assert_int_equal(textfold_utf8_valid("\xC3\xA4", 1), 0);
}

/* ---- strmap ---------------------------------------------------------- */

static void test_strmap_set_get(void **state)
{
    (void)state;
    strmap *m = strmap_new();
    assert_non_null(m);
    assert_int_equal(strmap_count(m), 0);
    assert_null(strmap_get(m, "fallid"));

    int old = -1;
    assert_int_equal(strmap_set(m, "fallid", "fall_id", &old), 0);
    assert_int_equal(old, 0);
    assert_int_equal(strmap_set(m, "wohnort", "kommune", NULL), 0);
    assert_int_equal(strmap_count(m), 2);
    assert_string_equal(strmap_get(m, "fallid"), "fall_id");
    assert_string_equal(strmap_get(m, "wohnort"), "kommune");
    assert_null(strmap_get(m, "fall"));
    assert_null(strmap_get(m, "fallidx"));

    /* The empty string is a key like any other. */
    assert_int_equal(strmap_set(m, "", "empty", NULL), 0);
    assert_string_equal(strmap_get(m, ""), "empty");
    assert_int_equal(strmap_count(m), 3);
    strmap_free(m);
    strmap_free(NULL);
}

static void test_strmap_copies(void **state)
{
    (void)state;
    strmap *m = strmap_new();
    char key[16] = "key", value[16] = "value";
    assert_int_equal(strmap_set(m, key, value, NULL), 0);
    strcpy(key, "xxx");
    strcpy(value, "yyy");
    assert_string_equal(strmap_get(m, "key"), "value");
    assert_null(strmap_get(m, "xxx"));
    strmap_free(m);
}

static void test_strmap_replace(void **state)
{
    (void)state;
    strmap *m = strmap_new();
    int old = -1;
    assert_int_equal(strmap_set(m, "ae", "aufenthaltserlaubnis", &old), 0);
    assert_int_equal(old, 0);
    assert_int_equal(strmap_set(m, "ae", "duldung", &old), 0);
    assert_int_equal(old, 1);
    assert_int_equal(strmap_count(m), 1);
    assert_string_equal(strmap_get(m, "ae"), "duldung");
    strmap_free(m);
}

typedef struct each_ctx {
    size_t calls;
    size_t matches;
} each_ctx;

static void each_check(const char *key, const char *value, void *ctx)
{
    each_ctx *c = ctx;
    char expect[32];
    c->calls++;
    snprintf(expect, sizeof expect, "v%s", key + 1);
    if (strcmp(expect, value) == 0)
        c->matches++;
}

static void test_strmap_grow_10000(void **state)
{
    (void)state;
    strmap *m = strmap_new();
    char key[32], value[32];
    for (int i = 0; i < 10000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        snprintf(value, sizeof value, "v%d", i);
        int old = -1;
        assert_int_equal(strmap_set(m, key, value, &old), 0);
        assert_int_equal(old, 0);
    }
    assert_int_equal(strmap_count(m), 10000);
    for (int i = 0; i < 10000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        snprintf(value, sizeof value, "v%d", i);
        const char *got = strmap_get(m, key);
        assert_non_null(got);
        assert_string_equal(got, value);
    }
    assert_null(strmap_get(m, "k10000"));
    assert_null(strmap_get(m, "k-1"));

    /* Replacing every value after growth keeps the count. */
    for (int i = 0; i < 10000; i += 7) {
        snprintf(key, sizeof key, "k%d", i);
        int old = 0;
        assert_int_equal(strmap_set(m, key, "replaced", &old), 0);
        assert_int_equal(old, 1);
    }
    assert_int_equal(strmap_count(m), 10000);
    assert_string_equal(strmap_get(m, "k0"), "replaced");
    assert_string_equal(strmap_get(m, "k7"), "replaced");
    assert_string_equal(strmap_get(m, "k8"), "v8");

    each_ctx ctx = {0, 0};
    strmap_each(m, each_check, &ctx);
    assert_int_equal(ctx.calls, 10000);
    assert_int_equal(ctx.matches, 10000 - (10000 + 6) / 7);
    strmap_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_lower_case),
        cmocka_unit_test(test_key_umlauts),
        cmocka_unit_test(test_key_accents),
        cmocka_unit_test(test_key_punctuation_dropped),
        cmocka_unit_test(test_key_length_and_cut),
        cmocka_unit_test(test_is_blank),
        cmocka_unit_test(test_trim_ascii),
        cmocka_unit_test(test_trim_nbsp),
        cmocka_unit_test(test_utf8_valid_text),
        cmocka_unit_test(test_utf8_overlongs),
        cmocka_unit_test(test_utf8_surrogates_and_range),
        cmocka_unit_test(test_utf8_truncated_and_stray),
        cmocka_unit_test(test_strmap_set_get),
        cmocka_unit_test(test_strmap_copies),
        cmocka_unit_test(test_strmap_replace),
        cmocka_unit_test(test_strmap_grow_10000),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

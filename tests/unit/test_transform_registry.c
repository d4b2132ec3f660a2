/*
 * test_transform_registry.c - the registry of indicators (common/kennzahl.c)
 * is the one place an indicator is named: complete, consistent, and nothing
 * outside it can be computed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "kennzahl.h"
#include "kennzahlen_writer.h"

/* Every entry: a unique name, labels in both languages, the counts its kind needs. */
static void test_entries_consistent(void **state)
{
    (void)state;
    assert_true(kennzahl_count() >= 29);
    for (size_t i = 0; i < kennzahl_count(); i++) {
        const kennzahl_info *k = kennzahl_at(i);
        assert_non_null(k->name);
        assert_true(k->label_de && *k->label_de && k->label_en && *k->label_en);
        for (size_t j = i + 1; j < kennzahl_count(); j++)
            assert_string_not_equal(k->name, kennzahl_at(j)->name);
        assert_ptr_equal(kennzahl_find(k->name), k);
        if (k->disclosure != KENNZAHL_PROTECTED)
            continue;
        /* a protected figure names the counts disclosure control protects */
        switch (k->kind) {
        case KENNZAHL_COUNT:
        case KENNZAHL_DIFFERENCE:
            assert_non_null(k->zaehler_count);
            break;
        case KENNZAHL_SHARE:
        case KENNZAHL_MEDIAN:
            assert_non_null(k->zaehler_count);
            assert_non_null(k->nenner_count);
            break;
        case KENNZAHL_RATIO:
        case KENNZAHL_MONEY_PER_COUNT:
            assert_non_null(k->nenner_count);
            break;
        default:
            fail_msg("%s: a protected figure of kind %d", k->name, k->kind);
        }
    }
    assert_null(kennzahl_find("erfunden"));
    assert_string_equal(kennzahl_label("vermittlungsquote", 1), "Vermittlungsquote");
    assert_string_equal(kennzahl_label("vermittlungsquote", 0), "Placement rate");
}

/* Every indicator outputs.md names is registered. */
static void test_spec_indicators_registered(void **state)
{
    static const char *const spec[] = {
        "personen", "teilnahmen", "eintritte", "austritte", "bestand", "vermittlungsquote",
        "verbleib_anteil", "abbruchquote", "dauer_bis_vermittlung", "deutsch_b1_quote",
        "pruefung_bestanden_quote", "abschluss_quote", "zielgruppe_anteil", "bedarf_personen",
        "plaetze_zugaenglich", "deckungsgrad", "vollstaendigkeit", "abgewiesen",
        "mittel_bewilligt", "mittel_verausgabt", "landesanteil", "eigenanteil", "ausschoepfung",
        "kosten_je_teilnahme", "kosten_je_vermittlung", "test_vermittlung", NULL};
    (void)state;
    for (size_t i = 0; spec[i]; i++)
        if (!kennzahl_find(spec[i]))
            fail_msg("%s is not in the registry", spec[i]);
}

/* A figure the registry does not know cannot be computed, so it cannot be published unprotected. */
static void test_unregistered_refused(void **state)
{
    (void)state;
    kz_table *t = kz_table_new();
    assert_non_null(t);
    assert_null(kz_table_add_count(t, "neue_kennzahl", "gesamt", "gesamt", 5));
    assert_non_null(kz_table_add_count(t, "personen", "gesamt", "gesamt", 5));
    assert_int_equal(t->n, 1);
    kz_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entries_consistent),
        cmocka_unit_test(test_spec_indicators_registered),
        cmocka_unit_test(test_unregistered_refused),
    };
    return cmocka_run_group_tests_name("transform_registry", tests, NULL, NULL);
}

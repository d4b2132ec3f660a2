/*
 * test_ingest_row.c - header mapping (header.h) and the row rules (row.h) of
 * data.md, on records built in memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codebook.h"
#include "config.h"
#include "country.h"
#include "header.h"
#include "row.h"

static config *cfg;
static country_table *countries;

static const char *const INI =
    "[region]\n"
    "name = Testkreis\n"
    "kommunen = Herford, Löhne, Bünde\n"
    "[outcomes]\n"
    "target_age_min = 18\n"
    "target_age_max = 27\n"
    "[columns.teilnahmen]\n"
    "Fallnummer = fall_id\n"
    "Unterstützungsbedarf = bedarfe\n"
    "[columns.angebote]\n"
    "Offen für = zugang\n"
    "[values.aufenthaltsstatus]\n"
    "geduldet = duldung\n"
    "[values.bedarfe]\n"
    "Deutsch = sprache\n"
    "[values.verbleib]\n"
    "Minijob = arbeit_sonstige\n";

static int setup(void **state)
{
    (void)state;
    char path[] = "/tmp/dbk-row-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    size_t n = strlen(INI);
    if (write(fd, INI, n) != (ssize_t)n)
        return -1;
    close(fd);
    dbk_error err = config_load(path, &cfg);
    unlink(path);
    countries = country_table_load();
    return err == DBK_OK && countries ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    config_free(cfg);
    country_table_free(countries);
    return 0;
}

/* ---- records in memory ----------------------------------------------- */

typedef struct mem_record {
    csv_record rec;
    char *fields[64];
    size_t lens[64];
} mem_record;

/* A record of n fields; each copied, writable and NUL-terminated like the reader's. */
static mem_record *record_of(long line, size_t n, const char *const *values)
{
    mem_record *m = calloc(1, sizeof *m);
    assert_non_null(m);
    assert_true(n <= 64);
    for (size_t i = 0; i < n; i++) {
        m->lens[i] = strlen(values[i]);
        m->fields[i] = malloc(m->lens[i] + 1);
        assert_non_null(m->fields[i]);
        memcpy(m->fields[i], values[i], m->lens[i] + 1);
    }
    m->rec.fields = m->fields;
    m->rec.lens = m->lens;
    m->rec.n_fields = n;
    m->rec.line = line;
    return m;
}

static void record_free(mem_record *m)
{
    for (size_t i = 0; i < m->rec.n_fields; i++)
        free(m->fields[i]);
    free(m);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static header_map *build(dataset_kind kind, size_t n, const char *const *headers, dbk_error expect)
{
    mem_record *h = record_of(1, n, headers);
    header_map *map = (header_map *)0x1;
    dbk_error err = header_map_build(cfg, kind, &h->rec, "test.csv", &map);
    record_free(h);
    if (err != expect)
        fail_msg("header_map_build returned %d, expected %d", err, expect);
    if (expect != DBK_OK) {
        assert_null(map);
        return NULL;
    }
    assert_non_null(map);
    return map;
}

static int field_index(dataset_kind kind, const char *name)
{
    int i = codebook_field_index(codebook_dataset_get(kind), name);
    assert_true(i >= 0);
    return i;
}

/* The teilnahmen header with every codebook name. */
static const char *const T_HEADER[] = {
    "fall_id", "kommune", "geburtsjahr", "geschlecht", "staatsangehoerigkeit",
    "aufenthaltsstatus", "bedarfe", "baustein", "eintritt", "austritt",
    "verbleib", "verbleib_datum", "deutsch_eintritt",
};
enum { T_FALL, T_KOMMUNE, T_GJ, T_GESCHL, T_STAAT, T_STATUS, T_BEDARFE, T_BAUSTEIN, T_EIN, T_AUS,
       T_VERBLEIB, T_VDATUM, T_DEUTSCH, T_N };

/* A valid row: person born 2000, entry 2022 (age 22), still running. */
static void valid_row(const char *out[T_N])
{
    static const char *const v[T_N] = {
        "P-001", "Loehne", "2000", "w", "Syrien", "geduldet", "Deutsch; Arbeit", "Baustein 3",
        "01.03.2022", "", "", "", "B1.2",
    };
    memcpy(out, v, sizeof v);
}

typedef struct row_result {
    row_status status;
    row_values values;
    row_rejection rej;
} row_result;

static row_result *validate(const header_map *map, size_t n, const char *const *values)
{
    row_result *res = calloc(1, sizeof *res);
    assert_non_null(res);
    mem_record *m = record_of(2, n, values);
    row_context ctx = {cfg, countries, map, 2025, ""};
    res->status = row_validate(&ctx, &m->rec, &res->values, &res->rej);
    /* Copy what points into the record before it goes. */
    static char field_copy[64][256];
    static int slot;
    slot = (slot + 1) % 64;
    if (res->status == ROW_REJECTED && res->rej.raw) {
        snprintf(field_copy[slot], sizeof field_copy[slot], "%.*s", (int)res->rej.raw_len, res->rej.raw);
        res->rej.raw = field_copy[slot];
    }
    for (int f = 0; f < HEADER_MAX_FIELDS; f++) {
        if (res->values.text[f] && res->values.text[f] != res->values.store[f]) {
            /* Codes are static or the config's; pseudonyms and text point into the record. */
            int in_record = 0;
            for (size_t c = 0; c < n; c++)
                in_record |= res->values.text[f] >= m->fields[c] &&
                             res->values.text[f] <= m->fields[c] + m->lens[c];
            if (in_record) {
                snprintf(res->values.store[f], sizeof res->values.store[f], "%s", res->values.text[f]);
                res->values.text[f] = res->values.store[f];
            }
        }
    }
    record_free(m);
    return res;
}

static void assert_rejected(const row_result *res, const char *field, const char *reason)
{
    if (res->status != ROW_REJECTED)
        fail_msg("expected a rejection on %s (%s), got status %d", field ? field : "(row)", reason,
                 res->status);
    if (field)
        assert_string_equal(res->rej.field, field);
    else
        assert_null(res->rej.field);
    assert_non_null(res->rej.reason);
    if (reason && strcmp(res->rej.reason, reason) != 0)
        fail_msg("reason '%s', expected '%s'", res->rej.reason, reason);
}

/* ---- header mapping -------------------------------------------------- */

static void test_header_codebook_names(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    assert_int_equal(map->kind, DATASET_TEILNAHMEN);
    assert_int_equal(map->n_columns, T_N);
    assert_int_equal(map->field_column[field_index(DATASET_TEILNAHMEN, "fall_id")], T_FALL);
    assert_int_equal(map->field_column[field_index(DATASET_TEILNAHMEN, "eintritt")], T_EIN);
    assert_int_equal(map->field_column[field_index(DATASET_TEILNAHMEN, "deutsch_eintritt")], T_DEUTSCH);
    assert_int_equal(map->field_column[field_index(DATASET_TEILNAHMEN, "traeger")], -1);
    assert_int_equal(map->n_members, 0);
    header_map_free(map);
}

static void test_header_config_and_spelling(void **state)
{
    (void)state;
    /* Config names, case, punctuation and umlaut spellings all map. */
    static const char *const h[] = {"Fallnummer", "KOMMUNE", "Geburts-Jahr", "Aufenthaltsstatus",
                                    "Baustein", "Eintritt", " Träger ", "Bemerkung", "", ""};
    header_map *map = build(DATASET_TEILNAHMEN, COUNT(h), h, DBK_OK);
    assert_int_equal(map->field_column[field_index(DATASET_TEILNAHMEN, "fall_id")], 0);
    assert_int_equal(map->field_column[field_index(DATASET_TEILNAHMEN, "kommune")], 1);
    assert_int_equal(map->field_column[field_index(DATASET_TEILNAHMEN, "geburtsjahr")], 2);
    assert_int_equal(map->field_column[field_index(DATASET_TEILNAHMEN, "traeger")], 6);
    /* "Bemerkung" is ignored; the empty trailing columns too. */
    assert_int_equal(map->n_members, 0);
    header_map_free(map);
}

static void test_header_member_columns(void **state)
{
    (void)state;
    static const char *const h[] = {"fall_id", "kommune", "geburtsjahr", "aufenthaltsstatus",
                                    "baustein", "eintritt", "Bedarfe [Sprache]", "Bedarfe [Arbeit]",
                                    "Bedarf: Wohnen", "Unterstützungsbedarf [Deutsch]"};
    header_map *map = build(DATASET_TEILNAHMEN, COUNT(h), h, DBK_OK);
    int bedarfe = field_index(DATASET_TEILNAHMEN, "bedarfe");
    assert_int_equal(map->field_column[bedarfe], -1);
    assert_int_equal(map->n_members, 4);
    static const char *const members[] = {"sprache", "arbeit", "wohnen", "sprache"};
    for (size_t m = 0; m < 4; m++) {
        assert_int_equal(map->members[m].column, 6 + m);
        assert_int_equal(map->members[m].field, bedarfe);
        assert_string_equal(codebook_bedarfe[map->members[m].member], members[m]);
    }
    header_map_free(map);
}

static const char *const A_HEADER[] = {"angebot_id", "titel", "kommune", "bedarfe",
                                       "Zugang [Duldung]", "Zugang [Gestattung]",
                                       "Offen für [geduldet]", "plaetze"};

static void test_header_zugang_members(void **state)
{
    (void)state;
    header_map *map = build(DATASET_ANGEBOTE, COUNT(A_HEADER), A_HEADER, DBK_OK);
    int zugang = field_index(DATASET_ANGEBOTE, "zugang");
    assert_int_equal(map->field_column[zugang], -1);
    assert_int_equal(map->n_members, 3);
    assert_int_equal(map->members[0].column, 4);
    assert_int_equal(map->members[0].field, zugang);
    assert_string_equal(codebook_aufenthaltsstatus[map->members[0].member], "duldung");
    assert_string_equal(codebook_aufenthaltsstatus[map->members[1].member], "gestattung");
    assert_string_equal(codebook_aufenthaltsstatus[map->members[2].member], "duldung");
    header_map_free(map);
}

static void test_header_missing_required(void **state)
{
    (void)state;
    /* No eintritt column. */
    static const char *const h[] = {"fall_id", "kommune", "geburtsjahr", "aufenthaltsstatus", "baustein"};
    build(DATASET_TEILNAHMEN, COUNT(h), h, DBK_ERR_MISSING_COLUMN);
    /* austritt without verbleib. */
    static const char *const h2[] = {"fall_id", "kommune", "geburtsjahr", "aufenthaltsstatus",
                                     "baustein", "eintritt", "austritt"};
    build(DATASET_TEILNAHMEN, COUNT(h2), h2, DBK_ERR_MISSING_COLUMN);
    /* angebote: zugang neither as a column nor as members. */
    static const char *const h3[] = {"angebot_id", "titel", "kommune", "bedarfe", "plaetze"};
    build(DATASET_ANGEBOTE, COUNT(h3), h3, DBK_ERR_MISSING_COLUMN);
    /* mittel without verausgabt. */
    static const char *const h4[] = {"jahr", "baustein", "bewilligt"};
    build(DATASET_MITTEL, COUNT(h4), h4, DBK_ERR_MISSING_COLUMN);
    /* An empty header line. */
    static const char *const h5[] = {"", "", ""};
    build(DATASET_TEILNAHMEN, COUNT(h5), h5, DBK_ERR_MISSING_COLUMN);
}

static void test_header_two_columns_one_field(void **state)
{
    (void)state;
    static const char *const h[] = {"fall_id", "kommune", "geburtsjahr", "aufenthaltsstatus",
                                    "baustein", "eintritt", "Fallnummer"};
    build(DATASET_TEILNAHMEN, COUNT(h), h, DBK_ERR_NOT_CSV);
    static const char *const h2[] = {"Fall-ID", "fall_id", "kommune", "geburtsjahr",
                                     "aufenthaltsstatus", "baustein", "eintritt"};
    build(DATASET_TEILNAHMEN, COUNT(h2), h2, DBK_ERR_NOT_CSV);
}

static void test_header_identifying_file_refused(void **state)
{
    (void)state;
    static const char *const h[] = {"fall_id", "Vorname", "kommune", "geburtsjahr",
                                    "aufenthaltsstatus", "baustein", "eintritt"};
    build(DATASET_TEILNAHMEN, COUNT(h), h, DBK_ERR_IDENTIFYING);
    static const char *const h2[] = {"fall_id", "kommune", "geburtsjahr", "aufenthaltsstatus",
                                     "baustein", "eintritt", "E-Mail"};
    build(DATASET_TEILNAHMEN, COUNT(h2), h2, DBK_ERR_IDENTIFYING);
    /* Even with a required column missing, the identifier is what is reported. */
    static const char *const h3[] = {"Name", "fall_id"};
    build(DATASET_TEILNAHMEN, COUNT(h3), h3, DBK_ERR_IDENTIFYING);
}

static void test_header_repeat(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    mem_record *again = record_of(9, T_N, T_HEADER);
    assert_int_equal(header_map_is_repeat(map, &again->rec), 1);
    record_free(again);
    const char *row[T_N];
    valid_row(row);
    mem_record *data = record_of(10, T_N, row);
    assert_int_equal(header_map_is_repeat(map, &data->rec), 0);
    record_free(data);
    /* A short row that only begins like the header is data, not a repeat. */
    mem_record *start = record_of(11, 1, T_HEADER);
    assert_int_equal(header_map_is_repeat(map, &start->rec), 0);
    record_free(start);
    header_map_free(map);
}

/* ---- identifiers ----------------------------------------------------- */

static const char *ident(const char *s) { return header_identifier(s, strlen(s)); }

static void test_identifier_direct(void **state)
{
    (void)state;
    assert_string_equal(ident("Name"), "Name");
    assert_string_equal(ident("NAME"), "Name");
    assert_string_equal(ident("Vorname"), "Vorname");
    assert_string_equal(ident("Nachname"), "Nachname");
    assert_string_equal(ident("E-Mail"), "E-Mail");
    assert_string_equal(ident("email"), "E-Mail");
    assert_string_equal(ident("E-Mail-Adresse"), "E-Mail");
    assert_string_equal(ident("Geburtsdatum"), "Geburtsdatum");
    assert_string_equal(ident("Geb.-Datum"), "Geburtsdatum");
    assert_string_equal(ident("Telefon"), "Telefon");
    assert_string_equal(ident("Telefonnummer"), "Telefon");
    assert_string_equal(ident("Tel."), "Telefon");
    assert_string_equal(ident("Aktenzeichen"), "Aktenzeichen");
    assert_string_equal(ident("Straße"), "Straße");
    assert_string_equal(ident("Strasse und Hausnummer"), "Straße");
    assert_string_equal(ident("Adresse"), "Adresse");
    assert_string_equal(ident("PLZ"), "Postleitzahl");
    assert_string_equal(ident("Vor- und Nachname"), "Nachname");
    assert_non_null(ident("Name, Vorname"));
}

static void test_identifier_not(void **state)
{
    (void)state;
    /* "name" counts only as the whole header: the provider's name is no personal data. */
    assert_null(ident("Name des Trägers"));
    assert_null(ident("Geburtsjahr"));
    assert_null(ident("Geb.-Jahr"));
    assert_null(ident("Fall-ID"));
    assert_null(ident("Pseudonym"));
    assert_null(ident("Kommune"));
    assert_null(ident("Wohnort"));
    assert_null(ident("Staatsangehörigkeit"));
    assert_null(ident("Träger"));
    assert_null(ident("Titel des Angebots"));
    assert_null(ident(""));
    assert_null(ident("---"));
}

/*
 * Header spellings of direct identifiers that German case-management exports
 * use beside the canonical ones (data.md: "Name, Vorname, …, Telefon, …").
 */
static void test_identifier_common_variants(void **state)
{
    (void)state;
    static const char *const variants[] = {"Teilnehmername", "Name Teilnehmer/in", "Tel.-Nr.",
                                           "Handy-Nr.", "Hausnr."};
    int missed = 0;
    for (size_t i = 0; i < COUNT(variants); i++) {
        if (!ident(variants[i])) {
            print_error("header '%s' is not recognised as a direct identifier\n", variants[i]);
            missed++;
        }
    }
    if (missed)
        fail_msg("%d identifying header(s) not refused", missed);
}

/* ---- row rules ------------------------------------------------------- */

static void test_row_valid_values(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    const char *row[T_N];
    valid_row(row);
    row[T_FALL] = "  P-001 ";
    row[T_KOMMUNE] = "\xC2\xA0Loehne";
    row_result *res = validate(map, T_N, row);
    assert_int_equal(res->status, ROW_VALID);
    const row_values *v = &res->values;
    int f;
    f = field_index(DATASET_TEILNAHMEN, "fall_id");
    assert_true(v->present[f]);
    assert_string_equal(v->text[f], "P-001");
    f = field_index(DATASET_TEILNAHMEN, "kommune");
    assert_string_equal(v->text[f], "Löhne");
    f = field_index(DATASET_TEILNAHMEN, "geburtsjahr");
    assert_int_equal(v->num[f], 2000);
    f = field_index(DATASET_TEILNAHMEN, "geschlecht");
    assert_string_equal(v->text[f], "w");
    f = field_index(DATASET_TEILNAHMEN, "staatsangehoerigkeit");
    assert_string_equal(v->text[f], "SYR");
    f = field_index(DATASET_TEILNAHMEN, "aufenthaltsstatus");
    assert_string_equal(v->text[f], "duldung");
    f = field_index(DATASET_TEILNAHMEN, "bedarfe");
    assert_string_equal(v->text[f], "arbeit|sprache");
    f = field_index(DATASET_TEILNAHMEN, "baustein");
    assert_int_equal(v->num[f], 3);
    f = field_index(DATASET_TEILNAHMEN, "eintritt");
    assert_string_equal(v->text[f], "2022-03-01");
    f = field_index(DATASET_TEILNAHMEN, "deutsch_eintritt");
    assert_string_equal(v->text[f], "B1");
    assert_false(v->present[field_index(DATASET_TEILNAHMEN, "austritt")]);
    assert_false(v->present[field_index(DATASET_TEILNAHMEN, "verbleib")]);
    assert_false(v->present[field_index(DATASET_TEILNAHMEN, "traeger")]);
    assert_int_equal(v->zielgruppe, 1);
    free(res);

    /* With exit and outcome. */
    row[T_AUS] = "31.12.2022";
    row[T_VERBLEIB] = "Minijob";
    row[T_VDATUM] = "2023-01-15";
    res = validate(map, T_N, row);
    assert_int_equal(res->status, ROW_VALID);
    assert_string_equal(res->values.text[field_index(DATASET_TEILNAHMEN, "austritt")], "2022-12-31");
    assert_string_equal(res->values.text[field_index(DATASET_TEILNAHMEN, "verbleib")], "arbeit_sonstige");
    assert_string_equal(res->values.text[field_index(DATASET_TEILNAHMEN, "verbleib_datum")], "2023-01-15");
    free(res);

    /* Exit on the day of entry is allowed. */
    row[T_AUS] = "2022-03-01";
    row[T_VDATUM] = "01.03.2022";
    res = validate(map, T_N, row);
    assert_int_equal(res->status, ROW_VALID);
    free(res);
    header_map_free(map);
}

static void test_row_required_empty(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    static const struct { int col; const char *field; } required[] = {
        {T_FALL, "fall_id"}, {T_KOMMUNE, "kommune"}, {T_GJ, "geburtsjahr"},
        {T_STATUS, "aufenthaltsstatus"}, {T_BAUSTEIN, "baustein"}, {T_EIN, "eintritt"},
    };
    for (size_t i = 0; i < COUNT(required); i++) {
        const char *row[T_N];
        valid_row(row);
        row[required[i].col] = "  ";
        row_result *res = validate(map, T_N, row);
        assert_rejected(res, required[i].field, "Pflichtfeld ist leer");
        free(res);
    }
    /* "-" in a required code field is no answer, so empty. */
    const char *row[T_N];
    valid_row(row);
    row[T_STATUS] = "-";
    row_result *res = validate(map, T_N, row);
    assert_rejected(res, "aufenthaltsstatus", "Pflichtfeld ist leer");
    free(res);
    /* Optional fields may be empty. */
    valid_row(row);
    row[T_GESCHL] = "";
    row[T_STAAT] = "";
    row[T_BEDARFE] = "";
    row[T_DEUTSCH] = "";
    res = validate(map, T_N, row);
    assert_int_equal(res->status, ROW_VALID);
    free(res);
    header_map_free(map);
}

static void test_row_invalid_value(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    const char *row[T_N];
    valid_row(row);
    row[T_KOMMUNE] = "Bielefeld";
    row_result *res = validate(map, T_N, row);
    assert_rejected(res, "kommune", NULL);
    assert_string_equal(res->rej.raw, "Bielefeld");
    free(res);

    valid_row(row);
    row[T_EIN] = "30.02.2022";
    res = validate(map, T_N, row);
    assert_rejected(res, "eintritt", NULL);
    assert_string_equal(res->rej.raw, "30.02.2022");
    free(res);

    valid_row(row);
    row[T_FALL] = "Max Mustermann";
    res = validate(map, T_N, row);
    assert_rejected(res, "fall_id", NULL);
    free(res);

    valid_row(row);
    row[T_GJ] = "2030";
    res = validate(map, T_N, row);
    assert_rejected(res, "geburtsjahr", "Jahr liegt in der Zukunft");
    free(res);
    header_map_free(map);
}

static void test_row_austritt_before_eintritt(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    const char *row[T_N];
    valid_row(row);
    row[T_AUS] = "28.02.2022";
    row[T_VERBLEIB] = "arbeit";
    row_result *res = validate(map, T_N, row);
    assert_rejected(res, "austritt", "Austritt liegt vor dem Eintritt");
    assert_string_equal(res->rej.raw, "28.02.2022");
    free(res);
    header_map_free(map);
}

static void test_row_verbleib_missing_with_austritt(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    const char *row[T_N];
    valid_row(row);
    row[T_AUS] = "31.12.2022";
    row[T_VERBLEIB] = "";
    row_result *res = validate(map, T_N, row);
    assert_rejected(res, "verbleib", "Verbleib fehlt, obwohl ein Austritt angegeben ist");
    free(res);
    header_map_free(map);
}

static void test_row_verbleib_without_austritt(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    const char *row[T_N];
    valid_row(row);
    row[T_VERBLEIB] = "Ausbildung";
    row_result *res = validate(map, T_N, row);
    assert_rejected(res, "verbleib", "Verbleib ohne Austritt (Teilnahme läuft noch)");
    assert_string_equal(res->rej.raw, "Ausbildung");
    free(res);
    header_map_free(map);
}

static void test_row_verbleib_datum_before_eintritt(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    const char *row[T_N];
    valid_row(row);
    row[T_AUS] = "31.12.2022";
    row[T_VERBLEIB] = "schule";
    row[T_VDATUM] = "2022-02-28";
    row_result *res = validate(map, T_N, row);
    assert_rejected(res, "verbleib_datum", "Verbleib beginnt vor dem Eintritt");
    assert_string_equal(res->rej.raw, "2022-02-28");
    free(res);
    header_map_free(map);
}

static void test_row_geburtsjahr_after_eintritt(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    const char *row[T_N];
    valid_row(row);
    row[T_GJ] = "2023";
    row_result *res = validate(map, T_N, row);
    assert_rejected(res, "geburtsjahr", "Geburtsjahr liegt nach dem Eintritt");
    assert_string_equal(res->rej.raw, "2023");
    free(res);
    header_map_free(map);
}

static void test_row_target_ages(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    static const struct { const char *gj; int zielgruppe; } cases[] = {
        {"2005", 0}, /* 17 at entry in 2022 */
        {"2004", 1}, /* 18 */
        {"1995", 1}, /* 27 */
        {"1994", 0}, /* 28 */
        {"2022", 0}, /* 0: born in the year of entry, allowed */
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        const char *row[T_N];
        valid_row(row);
        row[T_GJ] = cases[i].gj;
        row_result *res = validate(map, T_N, row);
        if (res->status != ROW_VALID)
            fail_msg("geburtsjahr %s: status %d (%s)", cases[i].gj, res->status,
                     res->rej.reason ? res->rej.reason : "");
        if (res->values.zielgruppe != cases[i].zielgruppe)
            fail_msg("geburtsjahr %s, eintritt 2022: zielgruppe %d, expected %d", cases[i].gj,
                     res->values.zielgruppe, cases[i].zielgruppe);
        free(res);
    }
    header_map_free(map);
}

static void test_row_blank(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    static const char *const empty[T_N] = {"", "", "", "", "", "", "", "", "", "", "", "", ""};
    row_result *res = validate(map, T_N, empty);
    assert_int_equal(res->status, ROW_BLANK);
    free(res);
    static const char *const spaces[3] = {" ", "\t", ""};
    res = validate(map, 3, spaces);
    assert_int_equal(res->status, ROW_BLANK);
    free(res);
    static const char *const one[1] = {""};
    res = validate(map, 1, one);
    assert_int_equal(res->status, ROW_BLANK);
    free(res);
    header_map_free(map);
}

static void test_row_nul_byte(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    const char *row[T_N];
    valid_row(row);
    mem_record *m = record_of(2, T_N, row);
    /* "Herford" with a NUL inside: "Her\0ord", length 7. */
    free(m->fields[T_KOMMUNE]);
    m->fields[T_KOMMUNE] = malloc(8);
    memcpy(m->fields[T_KOMMUNE], "Her\0ord", 8);
    m->lens[T_KOMMUNE] = 7;
    row_context ctx = {cfg, countries, map, 2025, ""};
    row_values v;
    row_rejection rej;
    memset(&rej, 0, sizeof rej);
    assert_int_equal(row_validate(&ctx, &m->rec, &v, &rej), ROW_REJECTED);
    assert_non_null(rej.reason);
    assert_string_equal(rej.reason, "Feld enthält ein NUL-Zeichen (Binärdaten)");
    assert_string_equal(rej.field, "kommune");
    record_free(m);
    header_map_free(map);
}

static void test_row_invalid_utf8(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    const char *row[T_N];
    valid_row(row);
    row[T_KOMMUNE] = "L\xF6hne"; /* Windows-1252 ö in a UTF-8 file */
    row_result *res = validate(map, T_N, row);
    assert_int_equal(res->status, ROW_REJECTED);
    assert_string_equal(res->rej.reason, "ungültige Zeichenkodierung (kein UTF-8)");
    assert_string_equal(res->rej.field, "kommune");
    free(res);

    valid_row(row);
    row[T_FALL] = "P\xC0\xAF" "1"; /* overlong */
    res = validate(map, T_N, row);
    assert_int_equal(res->status, ROW_REJECTED);
    assert_string_equal(res->rej.reason, "ungültige Zeichenkodierung (kein UTF-8)");
    free(res);
    header_map_free(map);
}

static void test_row_more_fields_than_header(void **state)
{
    (void)state;
    header_map *map = build(DATASET_TEILNAHMEN, T_N, T_HEADER, DBK_OK);
    const char *row[T_N + 2];
    valid_row(row);
    row[T_N] = "";
    row[T_N + 1] = "Arbeit";
    row_result *res = validate(map, T_N + 2, row);
    assert_rejected(res, NULL, NULL);
    assert_string_equal(res->rej.raw, "Arbeit");
    free(res);

    /* Trailing empty fields (Excel) are fine. */
    row[T_N + 1] = " ";
    res = validate(map, T_N + 2, row);
    assert_int_equal(res->status, ROW_VALID);
    free(res);

    /* Fewer fields than the header: the missing ones are empty. */
    res = validate(map, T_AUS, row);
    assert_int_equal(res->status, ROW_VALID);
    assert_false(res->values.present[field_index(DATASET_TEILNAHMEN, "verbleib")]);
    free(res);
    header_map_free(map);
}

static void test_row_member_columns(void **state)
{
    (void)state;
    static const char *const h[] = {"fall_id", "kommune", "geburtsjahr", "aufenthaltsstatus",
                                    "baustein", "eintritt", "Bedarfe [Sprache]", "Bedarfe [Arbeit]",
                                    "Bedarfe [Wohnen]"};
    header_map *map = build(DATASET_TEILNAHMEN, COUNT(h), h, DBK_OK);
    int bedarfe = field_index(DATASET_TEILNAHMEN, "bedarfe");
    const char *row[] = {"P1", "Herford", "2000", "duldung", "1", "2022-01-10", "ja", "", "x"};
    row_result *res = validate(map, COUNT(row), row);
    assert_int_equal(res->status, ROW_VALID);
    assert_true(res->values.present[bedarfe]);
    assert_string_equal(res->values.text[bedarfe], "sprache|wohnen");
    free(res);

    row[6] = "0";
    row[7] = "nein";
    row[8] = "";
    res = validate(map, COUNT(row), row);
    assert_int_equal(res->status, ROW_VALID);
    assert_false(res->values.present[bedarfe]);
    free(res);

    row[7] = "vielleicht";
    res = validate(map, COUNT(row), row);
    assert_int_equal(res->status, ROW_REJECTED);
    assert_string_equal(res->rej.raw, "vielleicht");
    free(res);
    header_map_free(map);
}

static void test_row_angebote(void **state)
{
    (void)state;
    static const char *const h[] = {"angebot_id", "titel", "kommune", "bedarfe", "Zugang [Duldung]",
                                    "Zugang [Gestattung]", "plaetze", "beginn", "ende"};
    header_map *map = build(DATASET_ANGEBOTE, COUNT(h), h, DBK_OK);
    int zugang = field_index(DATASET_ANGEBOTE, "zugang");
    int plaetze = field_index(DATASET_ANGEBOTE, "plaetze");
    const char *row[] = {"A-1", "Sprachcafé", "Bünde", "Deutsch", "ja", "ja", "1.200",
                         "01.01.2022", "31.12.2022"};
    row_result *res = validate(map, COUNT(row), row);
    assert_int_equal(res->status, ROW_VALID);
    assert_string_equal(res->values.text[zugang], "duldung|gestattung");
    assert_int_equal(res->values.num[plaetze], 1200);
    free(res);

    /* zugang is required: no member ticked. */
    row[4] = "";
    row[5] = "nein";
    res = validate(map, COUNT(row), row);
    assert_rejected(res, "zugang", "Pflichtfeld ist leer");
    free(res);

    row[4] = "x";
    row[8] = "31.12.2021";
    res = validate(map, COUNT(row), row);
    assert_rejected(res, "ende", "Ende liegt vor dem Beginn");
    free(res);
    header_map_free(map);
}

static void test_row_mittel(void **state)
{
    (void)state;
    static const char *const h[] = {"Jahr", "Baustein", "Bewilligt", "Verausgabt"};
    header_map *map = build(DATASET_MITTEL, COUNT(h), h, DBK_OK);
    const char *row[] = {"2022", "II", "12.500,00 €", "1234.5"};
    row_result *res = validate(map, COUNT(row), row);
    assert_int_equal(res->status, ROW_VALID);
    assert_int_equal(res->values.num[field_index(DATASET_MITTEL, "jahr")], 2022);
    assert_int_equal(res->values.num[field_index(DATASET_MITTEL, "baustein")], 2);
    assert_int_equal(res->values.num[field_index(DATASET_MITTEL, "bewilligt")], 1250000);
    assert_int_equal(res->values.num[field_index(DATASET_MITTEL, "verausgabt")], 123450);
    free(res);

    row[3] = "-100";
    res = validate(map, COUNT(row), row);
    assert_rejected(res, "verausgabt", "Betrag ist negativ");
    free(res);
    header_map_free(map);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_codebook_names),
        cmocka_unit_test(test_header_config_and_spelling),
        cmocka_unit_test(test_header_member_columns),
        cmocka_unit_test(test_header_zugang_members),
        cmocka_unit_test(test_header_missing_required),
        cmocka_unit_test(test_header_two_columns_one_field),
        cmocka_unit_test(test_header_identifying_file_refused),
        cmocka_unit_test(test_header_repeat),
        cmocka_unit_test(test_identifier_direct),
        cmocka_unit_test(test_identifier_not),
        cmocka_unit_test(test_identifier_common_variants),
        cmocka_unit_test(test_row_valid_values),
        cmocka_unit_test(test_row_required_empty),
        cmocka_unit_test(test_row_invalid_value),
        cmocka_unit_test(test_row_austritt_before_eintritt),
        cmocka_unit_test(test_row_verbleib_missing_with_austritt),
        cmocka_unit_test(test_row_verbleib_without_austritt),
        cmocka_unit_test(test_row_verbleib_datum_before_eintritt),
        cmocka_unit_test(test_row_geburtsjahr_after_eintritt),
        cmocka_unit_test(test_row_target_ages),
        cmocka_unit_test(test_row_blank),
        cmocka_unit_test(test_row_nul_byte),
        cmocka_unit_test(test_row_invalid_utf8),
        cmocka_unit_test(test_row_more_fields_than_header),
        cmocka_unit_test(test_row_member_columns),
        cmocka_unit_test(test_row_angebote),
        cmocka_unit_test(test_row_mittel),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

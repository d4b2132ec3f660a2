/*
 * header.c - column mapping, set-member columns and the identifier check.
 */
#include "header.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "normalize.h"
#include "textfold.h"

#define KEY_MAX 256
#define IGNORED_SHOWN 10 /* ignored columns named one by one; the rest are counted */

/* Headers that carry direct identifiers: the pipeline takes anonymised data only. */
static const struct {
    const char *key;
    const char *what;
    int contains; /* 1: refuse any header containing the key */
} identifiers[] = {
    {"name", "Name", 0},           {"namen", "Name", 0},
    {"vorname", "Vorname", 1},     {"nachname", "Nachname", 1},
    {"familienname", "Familienname", 1}, {"geburtsname", "Geburtsname", 1},
    {"vollername", "Name", 0},     {"namevorname", "Name", 0},
    {"vollstaendigername", "Name", 0},
    {"geburtsdatum", "Geburtsdatum", 1}, {"gebdatum", "Geburtsdatum", 0},
    {"geburtstag", "Geburtsdatum", 0},   {"geburtsort", "Geburtsort", 0},
    {"adresse", "Adresse", 0},     {"wohnadresse", "Adresse", 0},
    {"anschrift", "Anschrift", 1}, {"strasse", "Straße", 1},
    {"hausnummer", "Hausnummer", 1}, {"plz", "Postleitzahl", 1},
    {"postleitzahl", "Postleitzahl", 1},
    {"telefon", "Telefon", 1},     {"tel", "Telefon", 0},
    {"telefonnummer", "Telefon", 1}, {"handy", "Telefon", 0},
    {"handynummer", "Telefon", 0}, {"mobil", "Telefon", 0},
    {"mobilnummer", "Telefon", 0}, {"email", "E-Mail", 1},
    {"mail", "E-Mail", 0},         {"aktenzeichen", "Aktenzeichen", 1},
    {"az", "Aktenzeichen", 0},     {"azrnummer", "AZR-Nummer", 1},
    {"ausweisnummer", "Ausweisnummer", 1}, {"passnummer", "Passnummer", 1},
    {"steuerid", "Steuer-ID", 1},  {"sozialversicherungsnummer", "Sozialversicherungsnummer", 1},
    {"svnummer", "Sozialversicherungsnummer", 0}, {"iban", "IBAN", 0},
    {"firstname", "Name", 1},      {"lastname", "Name", 1},
    {"surname", "Name", 1},        {"fullname", "Name", 1},
    {"givenname", "Name", 1},      {"dateofbirth", "Geburtsdatum", 1},
    {"dob", "Geburtsdatum", 0},    {"birthdate", "Geburtsdatum", 1},
    {"address", "Adresse", 1},     {"street", "Straße", 1},
    {"phone", "Telefon", 1},       {"mobile", "Telefon", 0},
    {"emailaddress", "E-Mail", 1}, {"teilnehmername", "Name", 1},
    {"nameteilnehmer", "Name", 1}, {"nachnamevorname", "Name", 1},
    {"telnr", "Telefon", 1},       {"telefonnr", "Telefon", 1},
    {"handynr", "Telefon", 1},     {"mobilnr", "Telefon", 1},
    {"hausnr", "Hausnummer", 1},
    /* More German spellings and abbreviations */
    {"zuname", "Nachname", 1},     {"rufname", "Vorname", 1},
    {"gebdat", "Geburtsdatum", 0}, {"gebam", "Geburtsdatum", 0},
    {"geborenam", "Geburtsdatum", 0}, {"str", "Straße", 0},
    {"rufnummer", "Telefon", 1},   {"faxnummer", "Telefon", 1},
    {"mailadresse", "E-Mail", 1},  {"azrnr", "AZR-Nummer", 1},
    {"ausweisnr", "Ausweisnummer", 1}, {"passnr", "Passnummer", 1},
    {"steuernummer", "Steuer-ID", 1},
    {"rentenversicherungsnummer", "Sozialversicherungsnummer", 1},
    {"rvnummer", "Sozialversicherungsnummer", 0},
    {"versichertennummer", "Versichertennummer", 1},
    {"kontonummer", "Kontonummer", 1}, {"bankverbindung", "Bankverbindung", 1},
    /* More English spellings ("passport" alone: a yes/no column may ask whether one exists) */
    {"familyname", "Name", 1},     {"forename", "Name", 1},
    {"middlename", "Name", 1},     {"maidenname", "Geburtsname", 1},
    {"birthname", "Geburtsname", 1}, {"birthday", "Geburtsdatum", 1},
    {"placeofbirth", "Geburtsort", 1}, {"housenumber", "Hausnummer", 1},
    {"postcode", "Postleitzahl", 1}, {"postalcode", "Postleitzahl", 1},
    {"zip", "Postleitzahl", 0},    {"zipcode", "Postleitzahl", 1},
    {"mobilenumber", "Telefon", 1}, {"taxid", "Steuer-ID", 1},
    {"taxnumber", "Steuer-ID", 1}, {"socialsecuritynumber", "Sozialversicherungsnummer", 1},
    {"socialsecurityno", "Sozialversicherungsnummer", 1}, {"ssn", "Sozialversicherungsnummer", 0},
    {"nationalinsurancenumber", "Sozialversicherungsnummer", 1},
    {"passport", "Passnummer", 0}, {"passportnumber", "Passnummer", 1},
    {"passportno", "Passnummer", 1}, {"idcardnumber", "Ausweisnummer", 1},
    {"identitycardnumber", "Ausweisnummer", 1}, {"accountnumber", "Kontonummer", 1},
    {"bankaccount", "Kontonummer", 1},
};

const char *header_identifier(const char *s, size_t len)
{
    char key[KEY_MAX];
    textfold_key(s, len, key, sizeof key);
    if (!key[0])
        return NULL;
    for (size_t i = 0; i < sizeof identifiers / sizeof identifiers[0]; i++) {
        if (strcmp(key, identifiers[i].key) == 0 ||
            (identifiers[i].contains && strstr(key, identifiers[i].key)))
            return identifiers[i].what;
    }
    return NULL;
}

typedef struct prefix_search {
    const char *field;
    const char *key;
    const char *found; /* longest config header key that maps to field and prefixes key */
    size_t found_len;
} prefix_search;

static void match_prefix(const char *ckey, const char *target, void *ctx)
{
    prefix_search *ps = ctx;
    size_t n = strlen(ckey);
    if (strcmp(target, ps->field) == 0 && n > ps->found_len && strncmp(ps->key, ckey, n) == 0 &&
        ps->key[n]) {
        ps->found = ckey;
        ps->found_len = n;
    }
}

/*
 * A survey tool writes one column per set member: "Bedarfe [Sprache]". Its key is
 * the key of the set field (or of a header the config maps onto it) followed by
 * the key of a member (a code or a word the config maps onto one).
 */
static int find_member(const config *cfg, const codebook_dataset *ds, dataset_kind kind,
                       const char *key, int *field, int *member)
{
    for (size_t f = 0; f < ds->n_fields; f++) {
        if (ds->fields[f].type != FIELD_SET)
            continue;
        const char *name = ds->fields[f].name;
        const char *fallback = strcmp(name, "zugang") == 0 ? "aufenthaltsstatus" : NULL;
        char fkey[KEY_MAX];
        textfold_key(name, strlen(name), fkey, sizeof fkey);
        prefix_search ps = {name, key, NULL, 0};
        strmap_each(cfg->columns[kind], match_prefix, &ps);
        const char *prefixes[3] = {fkey, ps.found, NULL};
        char singular[KEY_MAX];
        /* "bedarf" for "bedarfe" */
        size_t fl = strlen(fkey);
        if (fl > 1 && fkey[fl - 1] == 'e') {
            memcpy(singular, fkey, fl - 1);
            singular[fl - 1] = '\0';
            prefixes[2] = singular;
        }
        for (int p = 0; p < 3; p++) {
            if (!prefixes[p])
                continue;
            size_t pl = strlen(prefixes[p]);
            if (strncmp(key, prefixes[p], pl) != 0 || !key[pl])
                continue;
            const char *code, *reason;
            const char *rest = key + pl;
            if (normalize_code(cfg, name, fallback, ds->fields[f].codes, rest, strlen(rest), &code,
                               &reason) == NORM_OK) {
                *field = (int)f;
                *member = codebook_code_index(ds->fields[f].codes, code);
                return 1;
            }
        }
    }
    return 0;
}

dbk_error header_map_build(const config *cfg, dataset_kind kind, const csv_record *hdr,
                           const char *path, header_map **out)
{
    const codebook_dataset *ds = codebook_dataset_get(kind);
    header_map *map = calloc(1, sizeof *map);
    dbk_error err = DBK_ERR_NOMEM;
    char key[KEY_MAX];
    size_t ignored = 0;

    *out = NULL;
    if (!map)
        goto fail;
    map->kind = kind;
    map->n_columns = hdr->n_fields;
    for (int i = 0; i < HEADER_MAX_FIELDS; i++)
        map->field_column[i] = -1;
    if (!(map->headers = calloc(hdr->n_fields + 1, sizeof *map->headers)) ||
        !(map->members = calloc(hdr->n_fields + 1, sizeof *map->members)))
        goto fail;

    for (size_t c = 0; c < hdr->n_fields; c++) {
        char *text = hdr->fields[c];
        size_t len = textfold_trim(&text, hdr->lens[c]);
        if (!(map->headers[c] = strndup(text, len)))
            goto fail;
        textfold_key(text, len, key, sizeof key);
        if (!key[0])
            continue; /* Excel's trailing empty columns */
        const char *target = strmap_get(cfg->columns[kind], key);
        int field = -1, member = -1;
        if (!target) {
            for (size_t f = 0; f < ds->n_fields && field < 0; f++) {
                char fkey[KEY_MAX];
                textfold_key(ds->fields[f].name, strlen(ds->fields[f].name), fkey, sizeof fkey);
                if (strcmp(fkey, key) == 0)
                    field = (int)f;
            }
        } else {
            const char *dot = strchr(target, '.');
            char fname[64];
            size_t fl = dot ? (size_t)(dot - target) : strlen(target);
            snprintf(fname, sizeof fname, "%.*s", (int)fl, target);
            field = codebook_field_index(ds, fname);
            if (dot)
                member = codebook_code_index(ds->fields[field].codes, dot + 1);
        }
        if (field < 0) {
            const char *what = header_identifier(text, len);
            if (what) {
                diag_error(path, hdr->line, NULL,
                           "column %zu '%s' holds direct identifiers (%s): the file is refused, "
                           "only anonymised exports may be loaded",
                           c + 1, map->headers[c], what);
                err = DBK_ERR_IDENTIFYING;
                goto fail;
            }
            if (!find_member(cfg, ds, kind, key, &field, &member)) {
                if (++ignored <= IGNORED_SHOWN)
                    diag_warn(path, hdr->line, NULL,
                              "column %zu '%s' is not in the codebook or the config: ignored", c + 1,
                              map->headers[c]);
                continue;
            }
        }
        if (member >= 0) {
            map->members[map->n_members].column = c;
            map->members[map->n_members].field = field;
            map->members[map->n_members].member = member;
            map->n_members++;
            continue;
        }
        if (map->field_column[field] >= 0) {
            diag_error(path, hdr->line, ds->fields[field].name,
                       "columns %ld '%s' and %zu '%s' both map onto this field: keep one",
                       map->field_column[field] + 1, map->headers[map->field_column[field]], c + 1,
                       map->headers[c]);
            err = DBK_ERR_NOT_CSV;
            goto fail;
        }
        map->field_column[field] = (long)c;
    }
    if (ignored > IGNORED_SHOWN)
        diag_warn(path, hdr->line, NULL,
                  "%zu more columns are not in the codebook or the config: ignored (%zu columns in all)",
                  ignored - IGNORED_SHOWN, hdr->n_fields);

    /* Every required field needs a column (a set may come as member columns). */
    int austritt = codebook_field_index(ds, "austritt");
    for (size_t f = 0; f < ds->n_fields; f++) {
        const codebook_field *fd = &ds->fields[f];
        int needed = fd->required == REQUIRED_YES ||
                     (fd->required == REQUIRED_WITH_AUSTRITT && austritt >= 0 &&
                      map->field_column[austritt] >= 0);
        if (!needed || map->field_column[f] >= 0)
            continue;
        int has_members = 0;
        for (size_t m = 0; m < map->n_members; m++)
            has_members |= map->members[m].field == (int)f;
        if (has_members)
            continue;
        diag_error(path, hdr->line, fd->name,
                   "required column missing: no header maps onto '%s' (add it to [columns.%s] in the config)",
                   fd->name, ds->name);
        err = DBK_ERR_MISSING_COLUMN;
        goto fail;
    }
    *out = map;
    return DBK_OK;
fail:
    if (err == DBK_ERR_NOMEM)
        diag_error(path, 0, NULL, "out of memory");
    header_map_free(map);
    return err;
}

int header_map_is_repeat(const header_map *map, const csv_record *rec)
{
    /* Every column of the header, a missing cell as an empty one: a data row that
     * merely begins like the header (a short row "fall_id") is no repeat. */
    size_t matched = 0;
    for (size_t c = 0; c < map->n_columns; c++) {
        const char *text = "";
        size_t len = 0;
        if (c < rec->n_fields) {
            char *f = rec->fields[c];
            len = textfold_trim(&f, rec->lens[c]);
            text = f;
        }
        if (strlen(map->headers[c]) != len || memcmp(map->headers[c], text, len) != 0)
            return 0;
        matched += len > 0;
    }
    for (size_t c = map->n_columns; c < rec->n_fields; c++)
        if (!textfold_is_blank(rec->fields[c], rec->lens[c]))
            return 0;
    return matched > 0;
}

void header_map_free(header_map *map)
{
    if (!map)
        return;
    for (size_t c = 0; map->headers && c < map->n_columns; c++)
        free(map->headers[c]);
    free(map->headers);
    free(map->members);
    free(map);
}

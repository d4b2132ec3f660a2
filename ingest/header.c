/*
 * header.c - column mapping, set-member columns and the identifier check.
 */
#include "header.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
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

/* ---- Survey tools' own columns ---- */

typedef struct tool_info {
    const char *name;
    const char *const *signature; /* header keys; two of them (one for Google Forms) name the tool */
    const char *const *metadata;  /* header keys of its metadata columns (any spelling) */
    const char *const *exact;     /* metadata column names as the tool writes them (case counts) */
} tool_info;

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})
static const tool_info tools[] = {
    /* LimeSurvey application/helpers/admin/export (headings "code" and "full"), German and English UI */
    {"LimeSurvey", L("submitdate", "lastpage", "startlanguage", "datesubmitted", "datumabgeschickt",
                     "letzteseite", "startsprache"),
     L("id", "submitdate", "lastpage", "startlanguage", "seed", "token", "startdate", "datestamp", "ipaddr",
       "refurl", "responseid", "datesubmitted", "datestarted", "datelastaction", "ipaddress", "referrerurl",
       "antwortid", "datumabgeschickt", "letzteseite", "startsprache", "startwert", "zufallsstartwert",
       "datumgestartet", "datumletzteaktivitaet", "datumderletztenaktivitaet", "ipadresse", "verweisurl",
       "zugangsschluessel", "interviewtime", "gesamtzeit", "totaltime"),
     L("")},
    /* kobotoolbox/formpack (export) and KPI's metadata copy fields: its own columns begin with "_"
     * (any such column is metadata); the XLSForm metadata questions have fixed names */
    {"KoboToolbox", L("uuid", "submissiontime", "validationstatus", "submittedby"),
     L("start", "end", "today", "deviceid", "username", "simserial", "subscriberid", "audit", "instanceid",
       "rootuuid", "deprecatedid"),
     L("__version__")},
    /* getodk/central-backend lib/data/briefcase.js: its columns as written, and the form's metadata */
    {"ODK Central", L("submissiondate", "submitterid", "submittername", "reviewstate", "attachmentsexpected"),
     L("start", "end", "today", "deviceid", "username", "audit", "instanceid", "simserial", "subscriberid"),
     L("SubmissionDate", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected",
       "Status", "ReviewState", "DeviceID", "Edits", "FormVersion", "PARENT_KEY")},
    /* Google Forms' responses download: the first column */
    {"Google Forms", L("zeitstempel", "timestamp"), L("zeitstempel", "timestamp", "punkte", "score"), L("")},
};
#undef L

/* The last group path segment of a header ("meta/instanceID", "meta-instanceID"). */
static const char *last_segment(const char *s, size_t len, size_t *seg_len)
{
    size_t i = len;
    while (i > 0 && s[i - 1] != '/' && s[i - 1] != '-')
        i--;
    *seg_len = len - i;
    return s + i;
}

const char *header_metadata(const char *tool, const char *s, size_t len)
{
    char key[KEY_MAX];
    size_t sl;
    /* Kobo writes its own columns with a leading underscore: no question is named so. */
    if (len > 1 && s[0] == '_')
        return tools[1].name;
    if (!tool)
        return NULL;
    const char *seg = last_segment(s, len, &sl);
    for (size_t t = 0; t < sizeof tools / sizeof tools[0]; t++) {
        if (strcmp(tools[t].name, tool) != 0)
            continue;
        for (int e = 0; tools[t].exact[e]; e++)
            if (tools[t].exact[e][0] && strlen(tools[t].exact[e]) == len && memcmp(tools[t].exact[e], s, len) == 0)
                return tools[t].name;
        textfold_key(s, len, key, sizeof key);
        if (codebook_code_index(tools[t].metadata, key) >= 0)
            return tools[t].name;
        /* meta/instanceID, meta-instanceID: the XForm's meta group */
        if (strncmp(key, "meta", 4) == 0 && sl < len && codebook_code_index(tools[t].metadata, key + 4) >= 0)
            return tools[t].name;
        (void)seg;
    }
    return NULL;
}

const char *header_tool(const csv_record *hdr)
{
    char key[KEY_MAX];
    for (size_t t = 0; t < sizeof tools / sizeof tools[0]; t++) {
        int hits = 0, single = tools[t].signature[1] == NULL || strcmp(tools[t].name, "Google Forms") == 0;
        for (size_t c = 0; c < hdr->n_fields; c++) {
            char *text = hdr->fields[c];
            size_t len = textfold_trim(&text, hdr->lens[c]);
            if (strcmp(tools[t].name, "Google Forms") == 0 && c > 0)
                break; /* its timestamp is the first column */
            textfold_key(text, len, key, sizeof key);
            hits += codebook_code_index(tools[t].signature, key) >= 0;
        }
        if (hits >= (single ? 1 : 2))
            return tools[t].name;
    }
    return NULL;
}

/* ---- Fields and members ---- */

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

/* The field whose codebook name or German or English label has this key, or -1. */
static int field_by_word(const codebook_dataset *ds, dataset_kind kind, const char *key)
{
    char fkey[KEY_MAX];
    for (size_t f = 0; f < ds->n_fields; f++) {
        const codebook_field_words *w = codebook_field_words_get(kind, f);
        const char *words[3] = {ds->fields[f].name, w->de, w->en};
        for (int i = 0; i < 3; i++) {
            textfold_key(words[i], strlen(words[i]), fkey, sizeof fkey);
            if (strcmp(fkey, key) == 0)
                return (int)f;
        }
    }
    return -1;
}

/*
 * A survey tool writes one column per set member: "Bedarfe [Sprache]". Its key is
 * the key of the set field (its name, singular, label, or a header the config
 * maps onto it) followed by the key of a member (a code, label, short code, or a
 * word the config maps onto one).
 */
static int find_member(const config *cfg, const codebook_dataset *ds, dataset_kind kind,
                       const char *key, int *field, int *member)
{
    for (size_t f = 0; f < ds->n_fields; f++) {
        if (ds->fields[f].type != FIELD_SET)
            continue;
        const char *name = ds->fields[f].name;
        const char *fallback = strcmp(name, "zugang") == 0 ? "aufenthaltsstatus" : NULL;
        const codebook_field_words *w = codebook_field_words_get(kind, f);
        char fkey[KEY_MAX], singular[KEY_MAX], de[KEY_MAX], en[KEY_MAX];
        textfold_key(name, strlen(name), fkey, sizeof fkey);
        textfold_key(w->de, strlen(w->de), de, sizeof de);
        textfold_key(w->en, strlen(w->en), en, sizeof en);
        prefix_search ps = {name, key, NULL, 0};
        strmap_each(cfg->columns[kind], match_prefix, &ps);
        const char *prefixes[5] = {ps.found, fkey, de, en, NULL};
        /* "bedarf" for "bedarfe" */
        size_t fl = strlen(fkey);
        if (fl > 1 && fkey[fl - 1] == 'e') {
            memcpy(singular, fkey, fl - 1);
            singular[fl - 1] = '\0';
            prefixes[4] = singular;
        }
        for (int p = 0; p < 5; p++) {
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
                return *member >= 0;
            }
        }
    }
    return 0;
}

/* The rule of cfg for dataset kind that addresses column c (1-based) by position, or NULL. */
static const config_rule *position_rule(const config *cfg, dataset_kind kind, size_t c)
{
    for (size_t i = 0; i < cfg->n_rules; i++) {
        const config_rule *r = &cfg->rules[i];
        if (r->kind == RULE_COLUMN && r->dataset == kind && r->position == (int)c &&
            config_rule_applies(cfg, r))
            return r;
    }
    return NULL;
}

/* The first pattern rule of cfg for dataset kind that matches key, or NULL. */
static const config_rule *pattern_rule(const config *cfg, dataset_kind kind, const char *key)
{
    for (size_t i = 0; i < cfg->n_rules; i++) {
        const config_rule *r = &cfg->rules[i];
        if (r->kind == RULE_COLUMN && r->dataset == kind && r->pattern && config_rule_applies(cfg, r) &&
            fnmatch(r->key, key, 0) == 0)
            return r;
    }
    return NULL;
}

/* The line of the rule that maps header key for dataset kind (0 if none: built in). */
static int rule_line(const config *cfg, dataset_kind kind, const char *key)
{
    int line = 0;
    for (size_t i = 0; i < cfg->n_rules; i++) {
        const config_rule *r = &cfg->rules[i];
        if (r->kind == RULE_COLUMN && r->dataset == kind && !r->position && !r->pattern &&
            config_rule_applies(cfg, r) && strcmp(r->key, key) == 0)
            line = r->line;
    }
    return line;
}

/* Resolves a config target ("field", "field.member", "-") into col; 0, or -1 if not of this dataset. */
static int apply_target(const codebook_dataset *ds, const char *target, int line, header_column *col)
{
    if (strcmp(target, CONFIG_NOTHING) == 0) {
        col->status = COLUMN_IGNORED;
    } else {
        const char *dot = strchr(target, '.');
        char fname[64];
        size_t fl = dot ? (size_t)(dot - target) : strlen(target);
        snprintf(fname, sizeof fname, "%.*s", (int)fl, target);
        col->field = codebook_field_index(ds, fname);
        if (col->field < 0)
            return -1;
        col->status = COLUMN_FIELD;
        if (dot) {
            col->member = codebook_code_index(ds->fields[col->field].codes, dot + 1);
            col->status = COLUMN_MEMBER;
        }
    }
    col->by_config = 1;
    col->line = line;
    return 0;
}

/* Maps one candidate header text (the whole header, or its trailing path segments). */
static int match_text(const config *cfg, const codebook_dataset *ds, dataset_kind kind,
                      const char *text, size_t len, header_column *col)
{
    char key[KEY_MAX];
    textfold_key(text, len, key, sizeof key);
    if (!key[0])
        return 0;
    const char *target = strmap_get(cfg->columns[kind], key);
    if (target)
        return apply_target(ds, target, rule_line(cfg, kind, key), col) == 0;
    const config_rule *pr = pattern_rule(cfg, kind, key);
    if (pr)
        return apply_target(ds, pr->target, pr->line, col) == 0;
    int f = field_by_word(ds, kind, key);
    if (f >= 0) {
        col->status = COLUMN_FIELD;
        col->field = f;
        return 1;
    }
    if (find_member(cfg, ds, kind, key, &col->field, &col->member)) {
        col->status = COLUMN_MEMBER;
        return 1;
    }
    return 0;
}

/*
 * Where the trailing group path segments of a header begin: after each "/",
 * and after each "-" of ODK Central's group paths ("person-fall_id": in an
 * ODK export, or a header of XML names, without spaces or capitals; "Steuer-ID"
 * is no path). Fills starts[] (offsets, whole header first), returns their number.
 */
static size_t path_suffixes(const char *tool, const char *text, size_t len, size_t *starts, size_t cap)
{
    size_t n = 0;
    int xml_names = 1;
    for (size_t i = 0; i < len && xml_names; i++)
        xml_names = !(text[i] == ' ' || (text[i] >= 'A' && text[i] <= 'Z'));
    int dashes = (tool && strcmp(tool, "ODK Central") == 0 && !memchr(text, ' ', len)) || xml_names;
    starts[n++] = 0;
    for (size_t i = 0; i + 1 < len && n < cap; i++)
        if (text[i] == '/' || (text[i] == '-' && dashes))
            starts[n++] = i + 1;
    return n;
}

static dbk_error map_build(const config *cfg, dataset_kind kind, const csv_record *hdr, const char *path,
                           int lenient, header_map **out);

dbk_error header_map_build(const config *cfg, dataset_kind kind, const csv_record *hdr,
                           const char *path, header_map **out)
{
    return map_build(cfg, kind, hdr, path, 0, out);
}

dbk_error header_map_analyse(const config *cfg, dataset_kind kind, const csv_record *hdr, header_map **out)
{
    return map_build(cfg, kind, hdr, NULL, 1, out);
}

/* lenient: --suggest's analysis, silent, marking identifiers and duplicates instead of failing. */
static dbk_error map_build(const config *cfg, dataset_kind kind, const csv_record *hdr, const char *path,
                           int lenient, header_map **out)
{
    const codebook_dataset *ds = codebook_dataset_get(kind);
    header_map *map = calloc(1, sizeof *map);
    dbk_error err = DBK_ERR_NOMEM;
    char key[KEY_MAX];
    size_t ignored = 0, metadata = 0;

    *out = NULL;
    if (!map)
        goto fail;
    map->kind = kind;
    map->n_columns = hdr->n_fields;
    map->tool = header_tool(hdr);
    for (int i = 0; i < HEADER_MAX_FIELDS; i++)
        map->field_column[i] = -1;
    if (!(map->headers = calloc(hdr->n_fields + 1, sizeof *map->headers)) ||
        !(map->members = calloc(hdr->n_fields + 1, sizeof *map->members)) ||
        !(map->columns = calloc(hdr->n_fields + 1, sizeof *map->columns)))
        goto fail;

    for (size_t c = 0; c < hdr->n_fields; c++) {
        char *text = hdr->fields[c];
        size_t len = textfold_trim(&text, hdr->lens[c]);
        header_column *col = &map->columns[c];
        col->field = col->member = -1;
        if (!(map->headers[c] = strndup(text, len)))
            goto fail;
        textfold_key(text, len, key, sizeof key);
        const config_rule *pos = position_rule(cfg, kind, c + 1);
        if (pos) {
            apply_target(ds, pos->target, pos->line, col);
        } else if (!key[0]) {
            col->status = COLUMN_EMPTY; /* Excel's trailing empty columns */
            continue;
        } else if ((col->tool = header_metadata(map->tool, text, len)) != NULL) {
            col->status = COLUMN_METADATA;
            int line = rule_line(cfg, kind, key);
            if (line && !lenient)
                diag_warn(path, hdr->line, NULL,
                          _("column %zu '%s' is %s's own column, never a codebook field: config line %d "
                            "does not apply to it (address it as 'Spalte %zu' if you mean it)"),
                          c + 1, map->headers[c], col->tool, line, c + 1);
            metadata++;
            continue;
        } else {
            size_t starts[16];
            size_t n = path_suffixes(map->tool, text, len, starts, 16);
            /* A header that names an identifier as a whole is never read through a segment of it. */
            if (header_identifier(text, len))
                n = 1;
            for (size_t i = 0; i < n && col->status == COLUMN_UNKNOWN; i++) {
                if (i > 0 && header_metadata(map->tool, text + starts[i], len - starts[i])) {
                    col->status = COLUMN_METADATA;
                    col->tool = map->tool;
                }
                if (col->status == COLUMN_UNKNOWN)
                    match_text(cfg, ds, kind, text + starts[i], len - starts[i], col);
            }
            if (col->status == COLUMN_METADATA) {
                metadata++;
                continue;
            }
            if (col->status == COLUMN_UNKNOWN || col->status == COLUMN_IGNORED) {
                /* A column the config ignores is still no place for identifiers. */
                const char *what = NULL;
                for (size_t i = 0; i < n && !what; i++)
                    what = header_identifier(text + starts[i], len - starts[i]);
                if (what && lenient) {
                    col->status = COLUMN_IDENTIFIER;
                    col->tool = what;
                    continue;
                }
                if (what) {
                    diag_error(path, hdr->line, NULL,
                               _("column %zu '%s' holds direct identifiers (%s): the file is refused, "
                                 "only anonymised exports may be loaded"),
                               c + 1, map->headers[c], what);
                    err = DBK_ERR_IDENTIFYING;
                    goto fail;
                }
            }
        }
        if (col->status == COLUMN_IGNORED)
            continue;
        if (col->status == COLUMN_UNKNOWN) {
            if (++ignored <= IGNORED_SHOWN && !lenient)
                diag_warn(path, hdr->line, NULL,
                          _("column %zu '%s' is not in the codebook or the config: ignored"), c + 1,
                          map->headers[c]);
            continue;
        }
        if (col->status == COLUMN_MEMBER) {
            map->members[map->n_members].column = c;
            map->members[map->n_members].field = col->field;
            map->members[map->n_members].member = col->member;
            map->n_members++;
            continue;
        }
        int field = col->field;
        if (map->field_column[field] >= 0 && lenient) {
            col->status = COLUMN_DUPLICATE;
            continue;
        }
        if (map->field_column[field] >= 0) {
            diag_error(path, hdr->line, ds->fields[field].name,
                       _("columns %ld '%s' and %zu '%s' both map onto this field: keep one (in the config, "
                         "'%s = -' ignores a column, 'Spalte N = %s' picks one by its position)"),
                       map->field_column[field] + 1, map->headers[map->field_column[field]], c + 1,
                       map->headers[c], map->headers[c], ds->fields[field].name);
            err = DBK_ERR_NOT_CSV;
            goto fail;
        }
        map->field_column[field] = (long)c;
    }
    if (lenient) {
        *out = map;
        return DBK_OK;
    }
    if (ignored > IGNORED_SHOWN)
        diag_warn(path, hdr->line, NULL,
                  _("%zu more columns are not in the codebook or the config: ignored (%zu columns in all)"),
                  ignored - IGNORED_SHOWN, hdr->n_fields);
    if (metadata)
        diag_info(_("%s: %zu columns of %s's own (response number, times, ...) are not codebook fields: "
                    "ignored"),
                  path, metadata, map->tool ? map->tool : _("the survey tool"));

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
        diag_error(
            path, hdr->line, fd->name,
            _("required column missing: no header maps onto '%s' (add it to [columns.%s] in the config)"),
            fd->name, ds->name);
        err = DBK_ERR_MISSING_COLUMN;
        goto fail;
    }
    *out = map;
    return DBK_OK;
fail:
    if (err == DBK_ERR_NOMEM)
        diag_error(path, 0, NULL, _("out of memory"));
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
    free(map->columns);
    free(map);
}

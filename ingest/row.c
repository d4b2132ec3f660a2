/*
 * row.c - per-field normalisation and the cross-field rules.
 */
#include "row.h"

#include <string.h>

#include "normalize.h"
#include "reject_summary.h"
#include "textfold.h"

static row_status reject(row_rejection *rej, const char *field, const char *raw, size_t len,
                         const char *reason)
{
    rej->field = field;
    rej->raw = raw;
    rej->raw_len = len;
    rej->reason = reason;
    return ROW_REJECTED;
}

/* 1 if the config reads some value of field (or of fallback) as no answer ("x = -"). */
static int config_has_nothing(const config *cfg, const char *field, const char *fallback)
{
    for (size_t i = 0; i < cfg->n_value_maps; i++)
        if (cfg->value_maps[i].has_nothing && (strcmp(cfg->value_maps[i].field, field) == 0 ||
                                                (fallback && strcmp(cfg->value_maps[i].field, fallback) == 0)))
            return 1;
    return 0;
}

/* What the config maps the value s of field (or of fallback) to, or NULL. */
static const char *config_mapped(const config *cfg, const char *field, const char *fallback, const char *s,
                                 size_t len)
{
    char key[128];
    textfold_key(s, len, key, sizeof key);
    const char *mapped = config_value_lookup(cfg, field, key);
    if (!mapped && fallback)
        mapped = config_value_lookup(cfg, fallback, key);
    if (!mapped && strcmp(field, "kommune") == 0)
        mapped = config_kommune_lookup(cfg, key);
    return mapped;
}

/* Normalises one field value; returns NORM_* and sets out's slot. */
static norm_result normalize_field(const row_context *ctx, const codebook_field *fd, int f,
                                   const char *s, size_t len, row_values *out, const char **reason)
{
    const config *cfg = ctx->cfg;
    const char *code = NULL;
    int iv = 0;
    long long lv = 0;
    norm_result r;
    /* zugang holds residence statuses: [values.aufenthaltsstatus] applies too. */
    const char *fallback = fd->codes == codebook_aufenthaltsstatus && fd->type == FIELD_SET
                               ? "aufenthaltsstatus" : NULL;

    /* What the config reads as no answer; else LimeSurvey's N/A (k.A.) for a question a condition
     * hid. The config's lines win over this built-in reading ("k. A. = unbekannt"). */
    if (len && (normalize_is_no_answer(s, len) || config_has_nothing(cfg, fd->name, fallback))) {
        /* looked up only then: a second fold of every value would cost a fifth of the load */
        const char *mapped = config_mapped(cfg, fd->name, fallback, s, len);
        if (mapped ? strcmp(mapped, CONFIG_NOTHING) == 0 : normalize_is_no_answer(s, len))
            return NORM_EMPTY;
    }
    switch (fd->type) {
    case FIELD_PSEUDONYM:
        r = normalize_pseudonym(s, len, reason);
        out->text[f] = s;
        break;
    case FIELD_TEXT:
        r = len ? NORM_OK : NORM_EMPTY;
        if (len > ROW_TEXT_MAX) {
            *reason = "Text länger als 2000 Zeichen";
            r = NORM_INVALID;
        }
        out->text[f] = s;
        break;
    case FIELD_KOMMUNE:
        r = normalize_kommune(cfg, s, len, &code, reason);
        out->text[f] = code;
        break;
    case FIELD_YEAR:
        r = normalize_year(s, len, ctx->current_year, &iv, reason);
        out->num[f] = iv;
        break;
    case FIELD_CODE:
        r = normalize_code(cfg, fd->name, fallback, fd->codes, s, len, &code, reason);
        out->text[f] = code;
        break;
    case FIELD_CEFR:
        r = normalize_cefr(cfg, fd->name, s, len, &code, reason);
        out->text[f] = code;
        break;
    case FIELD_COUNTRY:
        r = normalize_country(cfg, ctx->countries, s, len, out->store[f], reason);
        out->text[f] = out->store[f];
        break;
    case FIELD_SET:
        r = normalize_set(cfg, fd->name, fallback, fd->codes, s, len, out->store[f],
                          sizeof out->store[f], reason);
        out->text[f] = out->store[f];
        break;
    case FIELD_BAUSTEIN:
        r = normalize_baustein(cfg, s, len, &iv, reason);
        out->num[f] = iv;
        break;
    case FIELD_INT:
        r = normalize_count(s, len, &lv, reason);
        out->num[f] = lv;
        break;
    case FIELD_DATE:
        r = normalize_date_ordered(s, len, cfg->date_order, ctx->current_year, out->store[f], reason);
        out->text[f] = out->store[f];
        /* A participation's dates have happened; an offer's may lie ahead (a running or planned offer). */
        if (r == NORM_OK && ctx->today[0] && ctx->map->kind == DATASET_TEILNAHMEN &&
            strcmp(out->store[f], ctx->today) > 0) {
            *reason = "Datum liegt nach dem Tag des Ladens (in der Zukunft)";
            r = NORM_INVALID;
        }
        break;
    case FIELD_BOOL:
        r = normalize_bool(s, len, &iv, reason);
        if (r == NORM_INVALID) {
            /* [values.abschluss_erreicht] may map further words onto 1 / 0. */
            char key[128];
            textfold_key(s, len, key, sizeof key);
            const char *mapped = config_value_lookup(cfg, fd->name, key);
            if (mapped) {
                iv = mapped[0] == '1';
                r = NORM_OK;
            }
        }
        out->num[f] = iv;
        break;
    case FIELD_MONEY:
        r = normalize_money(s, len, &lv, reason);
        out->num[f] = lv;
        break;
    default:
        r = NORM_EMPTY;
    }
    return r;
}

norm_result row_normalize_field(const row_context *ctx, const codebook_field *fd, int f, const char *s,
                                size_t len, row_values *out, const char **reason)
{
    return normalize_field(ctx, fd, f, s, len, out, reason);
}

/* Value text of column c, trimmed; "" if the row is shorter. */
static const char *cell(const csv_record *rec, long c, size_t *len)
{
    if (c < 0 || (size_t)c >= rec->n_fields) {
        *len = 0;
        return "";
    }
    char *s = rec->fields[c];
    *len = textfold_trim(&s, rec->lens[c]);
    s[*len] = '\0'; /* the record is ours until the next one: values are bound in place */
    return s;
}

static int is_totals_word(const char *s, size_t len);

/* A key field (year, Baustein, pseudonym, offer id) holding a totals word. */
static int totals_in_key(const header_map *map, const codebook_dataset *ds, const csv_record *rec)
{
    for (size_t f = 0; f < ds->n_fields; f++) {
        field_type t = ds->fields[f].type;
        long c = map->field_column[f];
        if (c < 0 || (size_t)c >= rec->n_fields || ds->fields[f].required != REQUIRED_YES ||
            (t != FIELD_YEAR && t != FIELD_BAUSTEIN && t != FIELD_PSEUDONYM && f != 0))
            continue;
        char *v = rec->fields[c];
        size_t len = textfold_trim(&v, rec->lens[c]);
        if (is_totals_word(v, len))
            return 1;
    }
    return 0;
}

/* "Summe", "Gesamt", ...: the words a spreadsheet's totals row starts with. */
static int is_totals_word(const char *s, size_t len)
{
    static const char *const words[] = {"summe", "summen", "gesamt", "insgesamt", "gesamtsumme", "summegesamt",
                                        "total", "totals", "sum", "gesamtbetrag", "endsumme", NULL};
    char key[32];
    if (len < 3 || len > 20 || !strchr("SsGgIiTtEe", s[0]))
        return 0; /* most cells: no fold needed */
    textfold_key(s, len, key, sizeof key);
    return codebook_code_index(words, key) >= 0;
}

/* A totals row: its first filled cell, or a key field's cell, is a totals word. */
static int is_totals_row(const header_map *map, const codebook_dataset *ds, const csv_record *rec)
{
    for (size_t c = 0; c < rec->n_fields; c++) {
        char *v = rec->fields[c];
        size_t len = textfold_trim(&v, rec->lens[c]);
        if (len)
            return is_totals_word(v, len) || totals_in_key(map, ds, rec);
    }
    return 0;
}

static int year_of(const char *iso) { return (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0'); }

row_status row_validate(const row_context *ctx, const csv_record *rec, row_values *out,
                        row_rejection *rej)
{
    const header_map *map = ctx->map;
    const codebook_dataset *ds = codebook_dataset_get(map->kind);
    int blank = 1;

    for (size_t c = 0; c < rec->n_fields && blank; c++)
        blank = textfold_is_blank(rec->fields[c], rec->lens[c]);
    if (blank)
        return ROW_BLANK;
    if (is_totals_row(map, ds, rec))
        return ROW_TOTAL;
    /* Bytes that are no text: a NUL inside a field, or invalid UTF-8 in a UTF-8 file. */
    for (size_t c = 0; c < rec->n_fields; c++) {
        if (memchr(rec->fields[c], '\0', rec->lens[c]))
            return reject(rej, c < map->n_columns ? map->headers[c] : NULL, NULL, 0,
                          "Feld enthält ein NUL-Zeichen (Binärdaten)");
        if (!textfold_utf8_valid(rec->fields[c], rec->lens[c]))
            return reject(rej, c < map->n_columns ? map->headers[c] : NULL, NULL, 0,
                          "ungültige Zeichenkodierung (kein UTF-8)");
    }
    /* A row split into far fewer fields than the header has columns, which holds
     * another delimiter often enough to make up the columns: a file whose rows
     * use ',' under a ';' header (or the other way round). Without this, the
     * whole line lands in the first field ("Fall-ID länger als 40 Zeichen"). */
    if (map->n_columns >= 3 && rec->n_fields * 2 <= map->n_columns) {
        size_t other[3] = {0, 0, 0};
        for (size_t c = 0; c < rec->n_fields; c++)
            for (size_t i = 0; i < rec->lens[c]; i++) {
                char ch = rec->fields[c][i];
                other[0] += ch == ';';
                other[1] += ch == ',';
                other[2] += ch == '\t';
            }
        for (int k = 0; k < 3; k++)
            if (2 * (other[k] + rec->n_fields) >= map->n_columns)
                return reject(rej, NULL, rec->fields[0], rec->lens[0], REJECT_REASON_MIXED_DELIMITER);
    }
    if (rec->n_fields > map->n_columns) {
        for (size_t c = map->n_columns; c < rec->n_fields; c++)
            if (!textfold_is_blank(rec->fields[c], rec->lens[c]))
                return reject(rej, NULL, rec->fields[c], rec->lens[c],
                              "mehr Felder als Spalten im Kopf (Trennzeichen im Wert ohne Anführungszeichen?)");
    }

    for (size_t f = 0; f < ds->n_fields; f++) {
        const codebook_field *fd = &ds->fields[f];
        const char *reason = NULL;
        norm_result r;
        size_t len;
        const char *s;
        out->present[f] = 0;
        out->text[f] = NULL;
        int has_members = 0;
        for (size_t m = 0; m < map->n_members && !has_members; m++)
            has_members = map->members[m].field == (int)f;
        s = NULL;
        len = 0;
        r = NORM_EMPTY;
        if (map->field_column[f] >= 0) {
            s = cell(rec, map->field_column[f], &len);
            r = normalize_field(ctx, fd, (int)f, s, len, out, &reason);
            /* A summary column the per-option columns beside it can stand in for (Kobo's
             * labels joined by spaces) need not be readable itself. */
            if (r == NORM_INVALID && !has_members)
                return reject(rej, fd->name, s, len, reason);
        }
        if (has_members) {
            /* A set from member columns: each a yes/no. They win over a summary column. */
            unsigned mask = 0;
            int answered = 0;
            for (size_t m = 0; m < map->n_members; m++) {
                if (map->members[m].field != (int)f)
                    continue;
                size_t ml;
                const char *ms = cell(rec, (long)map->members[m].column, &ml);
                int yes = 0;
                norm_result mr = normalize_member(ctx->cfg, fd->name, fd->codes, map->members[m].member, ms,
                                                  ml, &yes, &reason);
                if (mr == NORM_INVALID)
                    return reject(rej, map->headers[map->members[m].column], ms, ml, reason);
                answered |= mr == NORM_OK;
                if (yes)
                    mask |= 1u << map->members[m].member;
            }
            if (r == NORM_OK && answered) {
                char joined[sizeof out->store[f]];
                normalize_set_join(fd->codes, mask, joined, sizeof joined);
                if (strcmp(joined, out->store[f]) != 0)
                    return reject(rej, fd->name, s, len,
                                  "Auswahl-Spalte und Einzelspalten je Option widersprechen sich "
                                  "(die Einzelspalten gelten; bitte im Export prüfen)");
            }
            if (answered || r != NORM_OK) {
                r = NORM_EMPTY;
                if (mask) {
                    normalize_set_join(fd->codes, mask, out->store[f], sizeof out->store[f]);
                    out->text[f] = out->store[f];
                    r = NORM_OK;
                }
            }
        }
        if (r == NORM_EMPTY && fd->required == REQUIRED_YES)
            return reject(rej, fd->name, s, len, "Pflichtfeld ist leer");
        out->present[f] = r == NORM_OK;
    }

    /* Cross-field rules. */
    if (map->kind == DATASET_TEILNAHMEN) {
        /* Field positions are fixed by the codebook: look them up once. */
        static int ein = -1, aus, ver, vd, gj;
        if (ein < 0) {
            aus = codebook_field_index(ds, "austritt");
            ver = codebook_field_index(ds, "verbleib");
            vd = codebook_field_index(ds, "verbleib_datum");
            gj = codebook_field_index(ds, "geburtsjahr");
            ein = codebook_field_index(ds, "eintritt");
        }
        size_t len;
        const char *s;
        if (out->present[aus] && strcmp(out->text[aus], out->text[ein]) < 0) {
            s = cell(rec, map->field_column[aus], &len);
            return reject(rej, "austritt", s, len, "Austritt liegt vor dem Eintritt");
        }
        if (out->present[aus] && !out->present[ver]) {
            s = cell(rec, map->field_column[ver], &len);
            return reject(rej, "verbleib", s, len, "Verbleib fehlt, obwohl ein Austritt angegeben ist");
        }
        if (!out->present[aus] && out->present[ver]) {
            s = cell(rec, map->field_column[ver], &len);
            return reject(rej, "verbleib", s, len, "Verbleib ohne Austritt (Teilnahme läuft noch)");
        }
        if (out->present[vd] && strcmp(out->text[vd], out->text[ein]) < 0) {
            s = cell(rec, map->field_column[vd], &len);
            return reject(rej, "verbleib_datum", s, len, "Verbleib beginnt vor dem Eintritt");
        }
        int age = year_of(out->text[ein]) - (int)out->num[gj];
        if (age < 0) {
            s = cell(rec, map->field_column[gj], &len);
            return reject(rej, "geburtsjahr", s, len, "Geburtsjahr liegt nach dem Eintritt");
        }
        out->zielgruppe = age >= ctx->cfg->age_min && age <= ctx->cfg->age_max;
    } else if (map->kind == DATASET_ANGEBOTE) {
        int b = codebook_field_index(ds, "beginn"), e = codebook_field_index(ds, "ende");
        if (out->present[b] && out->present[e] && strcmp(out->text[e], out->text[b]) < 0) {
            size_t len;
            const char *s = cell(rec, map->field_column[e], &len);
            return reject(rej, "ende", s, len, "Ende liegt vor dem Beginn");
        }
    }
    return ROW_VALID;
}

/*
 * config_rules.c - the mapping sections of the config as rules with lines:
 * parsing, checking, binding to a file, and the hash of a file's mapping.
 */
#define _GNU_SOURCE /* FNM_CASEFOLD, strcasecmp */
#include "config_rules.h"

#include <fnmatch.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "i18n.h"
#include "textfold.h"

#define KEY_MAX 512

int config_date_order_parse(const char *value, config_date_order *out)
{
    if (strcasecmp(value, "dmy") == 0 || strcasecmp(value, "tmj") == 0)
        *out = DATE_ORDER_DMY;
    else if (strcasecmp(value, "mdy") == 0 || strcasecmp(value, "mtj") == 0)
        *out = DATE_ORDER_MDY;
    else if (strcasecmp(value, "ymd") == 0 || strcasecmp(value, "jmt") == 0)
        *out = DATE_ORDER_YMD;
    else
        return -1;
    return 0;
}

/* The field a [values.X] section may name: any codebook field, and "auswahl" (per-option columns). */
int config_value_field_known(const char *field)
{
    if (strcmp(field, "auswahl") == 0)
        return 1;
    for (int d = 0; d < DATASET_COUNT; d++)
        if (codebook_field_index(codebook_dataset_get((dataset_kind)d), field) >= 0)
            return 1;
    return 0;
}

/* The type of field in the first dataset that has it. */
static const codebook_field *field_def(const char *field)
{
    for (int d = 0; d < DATASET_COUNT; d++) {
        const codebook_dataset *ds = codebook_dataset_get((dataset_kind)d);
        int i = codebook_field_index(ds, field);
        if (i >= 0)
            return &ds->fields[i];
    }
    return NULL;
}

/* Valid target of a [values.X] line; NULL if valid, else what the section takes. */
static const char *value_target_problem(const config *cfg, const char *field, const char *code)
{
    if (strcmp(code, CONFIG_NOTHING) == 0)
        return NULL; /* no answer, for every field */
    if (strcmp(field, "auswahl") == 0)
        return strcmp(code, "1") == 0 || strcmp(code, "0") == 0
                   ? NULL
                   : _("1 (chosen), 0 (not chosen) or - (no answer)");
    if (strcmp(field, "staatsangehoerigkeit") == 0)
        return NULL; /* an alpha-3 code: checked when a value reads through it */
    if (strcmp(field, "kommune") == 0) {
        if (cfg->n_kommunen == 0)
            return NULL; /* [region] comes later: config.c checks it when the whole file is read */
        for (size_t i = 0; i < cfg->n_kommunen; i++)
            if (strcmp(cfg->kommunen[i], code) == 0)
                return NULL;
        return _("a municipality of [region] kommunen, or - (no answer)");
    }
    const codebook_field *fd = field_def(field);
    switch (fd->type) {
    case FIELD_BAUSTEIN:
        return strlen(code) == 1 && code[0] >= '1' && code[0] <= '6' ? NULL : _("1 to 6, or - (no answer)");
    case FIELD_BOOL:
        return strcmp(code, "1") == 0 || strcmp(code, "0") == 0 ? NULL
                                                                : _("1 (yes), 0 (no) or - (no answer)");
    case FIELD_CODE:
    case FIELD_CEFR:
    case FIELD_SET:
        return codebook_code_index(fd->codes, code) >= 0 ? NULL : _("a code of data.md, or - (no answer)");
    default:
        return _("only - (no answer): its values are read as they are");
    }
}

/* A [columns.DATASET] target: a field of the dataset, "setfield.member", or - (ignore). */
static int column_target_valid(dataset_kind kind, const char *target)
{
    const codebook_dataset *ds = codebook_dataset_get(kind);
    if (strcmp(target, CONFIG_NOTHING) == 0)
        return 1;
    const char *dot = strchr(target, '.');
    if (!dot)
        return codebook_field_index(ds, target) >= 0;
    char field[64];
    size_t n = (size_t)(dot - target);
    if (n >= sizeof field)
        return 0;
    memcpy(field, target, n);
    field[n] = '\0';
    int i = codebook_field_index(ds, field);
    return i >= 0 && ds->fields[i].type == FIELD_SET &&
           codebook_code_index(ds->fields[i].codes, dot + 1) >= 0;
}

/*
 * inih splits "Bedarf: Sprache = bedarfe.sprache" at the colon; for mapping
 * sections we put the key back together, so headers may hold colons.
 */
static void rejoin_key(const char *name, const char *value, char *key, size_t keycap,
                       const char **target)
{
    const char *eq = strrchr(value, '=');
    *target = value;
    snprintf(key, keycap, "%s", name);
    if (eq) {
        snprintf(key, keycap, "%s:%.*s", name, (int)(eq - value), value);
        *target = eq + 1;
        while (**target == ' ' || **target == '\t')
            (*target)++;
    }
}

/* The map of [values.field], created on first use; NULL on no memory or too many. */
static strmap *value_map_for(config *cfg, const char *field)
{
    for (size_t i = 0; i < cfg->n_value_maps; i++)
        if (strcmp(cfg->value_maps[i].field, field) == 0)
            return cfg->value_maps[i].map;
    if (cfg->n_value_maps == sizeof cfg->value_maps / sizeof cfg->value_maps[0])
        return NULL;
    struct config_value_map *vm = &cfg->value_maps[cfg->n_value_maps];
    vm->has_nothing = 0;
    if (!(vm->field = strdup(field)) || !(vm->map = strmap_new())) {
        free(vm->field);
        vm->field = NULL;
        return NULL;
    }
    cfg->n_value_maps++;
    return vm->map;
}

/* "Spalte 7", "Column 7", "Spalte: 7": a column by its position; returns it or 0. */
static int column_position(const char *raw)
{
    char key[KEY_MAX];
    textfold_key(raw, strlen(raw), key, sizeof key);
    const char *digits = NULL;
    if (strncmp(key, "spalte", 6) == 0)
        digits = key + 6;
    else if (strncmp(key, "column", 6) == 0)
        digits = key + 6;
    if (!digits || !*digits || strlen(digits) > 6)
        return 0;
    for (const char *c = digits; *c; c++)
        if (*c < '0' || *c > '9')
            return 0;
    return atoi(digits);
}

/* The key of a header pattern: each literal part folded, * and ? kept. */
static void pattern_key(const char *raw, char *out, size_t cap)
{
    size_t n = 0;
    const char *part = raw;
    for (const char *c = raw;; c++) {
        if (*c == '*' || *c == '?' || *c == '\0') {
            n += textfold_key(part, (size_t)(c - part), out + n, cap - n);
            if (!*c || n + 2 >= cap)
                break;
            out[n++] = *c;
            out[n] = '\0';
            part = c + 1;
        }
    }
    out[n] = '\0';
}

int config_rule_applies(const config *cfg, const config_rule *rule)
{
    if (!rule->source)
        return 1;
    return cfg->source && fnmatch(rule->source, cfg->source, FNM_CASEFOLD) == 0;
}

/* Same header or value of the same section kind: the two cannot both hold. */
static int rules_collide(const config_rule *a, const config_rule *b)
{
    if (a->kind != b->kind || a->position != b->position || a->pattern != b->pattern)
        return 0;
    if (a->kind == RULE_COLUMN ? a->dataset != b->dataset : strcmp(a->field, b->field) != 0)
        return 0;
    return a->position ? 1 : strcmp(a->key, b->key) == 0;
}

/* The first earlier applying rule that maps r's header or value elsewhere, or NULL. */
static const config_rule *conflict_of(const config *cfg, const config_rule *r)
{
    for (const config_rule *o = cfg->rules; o < r; o++)
        if (config_rule_applies(cfg, o) && rules_collide(o, r) && strcmp(o->target, r->target) != 0)
            return o;
    return NULL;
}

/* Puts an applying rule into cfg's maps; 0, or -1 with msg (two ways, or no memory). */
static int rule_apply(config *cfg, const config_rule *r, char *msg, size_t cap)
{
    const config_rule *o = conflict_of(cfg, r);
    if (o) {
        if (r->kind == RULE_COLUMN)
            snprintf(msg, cap, _("header '%s' is mapped onto '%s' here and onto '%s' in line %d: keep one"),
                     r->raw, r->target, o->target, o->line);
        else
            snprintf(msg, cap,
                     _("value '%s' of %s is mapped onto '%s' here and onto '%s' in line %d: keep one"),
                     r->raw, r->field, r->target, o->target, o->line);
        return -1;
    }
    if (r->position || r->pattern)
        return 0; /* header.c looks these up itself */
    int old = 0;
    if (r->kind == RULE_COLUMN) {
        if (strmap_set(cfg->columns[r->dataset], r->key, r->target, &old) == 0)
            return 0;
    } else if (strcmp(r->field, "kommune") == 0 && strcmp(r->target, CONFIG_NOTHING) != 0) {
        if (strmap_set(cfg->kommune_keys, r->key, r->target, &old) == 0)
            return 0;
    } else {
        strmap *map = value_map_for(cfg, r->field);
        if (map && strmap_set(map, r->key, r->target, &old) == 0) {
            for (size_t i = 0; i < cfg->n_value_maps; i++)
                if (cfg->value_maps[i].map == map && strcmp(r->target, CONFIG_NOTHING) == 0)
                    cfg->value_maps[i].has_nothing = 1;
            return 0;
        }
    }
    snprintf(msg, cap, _("out of memory"));
    return -1;
}

const char *config_section_split(const char *section, char *base, size_t cap)
{
    const char *at = strchr(section, '@');
    if (!at) {
        snprintf(base, cap, "%s", section);
        return NULL;
    }
    const char *end = at;
    while (end > section && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    snprintf(base, cap, "%.*s", (int)(end - section), section);
    const char *source = at + 1;
    while (*source == ' ' || *source == '\t')
        source++;
    return source;
}

int config_rule_parse(config *cfg, const char *section, const char *name, const char *value,
                      int line, char *msg, size_t cap)
{
    char base[128], raw[KEY_MAX], key[KEY_MAX], target[128];
    const char *tgt, *source = NULL;
    config_rule r = {0};

    /* "values.aufenthaltsstatus @ awo-*.csv": bound to files whose name matches. */
    source = config_section_split(section, base, sizeof base);
    if (source && !*source) {
        snprintf(msg, cap, _("[%s]: name a file name pattern after @ (e.g. awo-*.csv)"), section);
        return -1;
    }
    rejoin_key(name, value, raw, sizeof raw, &tgt);
    snprintf(target, sizeof target, "%s", tgt);
    char *t = target;
    size_t tl = textfold_trim(&t, strlen(t));
    t[tl] = '\0';
    char *rw = raw;
    size_t rl = textfold_trim(&rw, strlen(rw));
    rw[rl] = '\0';

    r.position = column_position(rw);
    /* a pattern has a '*' ("Welche Unterstützung*"); a '?' alone is part of a question, not a wildcard */
    r.pattern = !r.position && strchr(rw, '*') != NULL;
    if (r.pattern)
        pattern_key(rw, key, sizeof key);
    else
        textfold_key(rw, strlen(rw), key, sizeof key);
    if (!key[0] || (r.pattern && !strpbrk(key, "abcdefghijklmnopqrstuvwxyz0123456789"))) {
        snprintf(msg, cap, _("'%s' has no letters or digits to match on"), rw);
        return -1;
    }
    r.line = line;
    if (strncmp(base, "columns.", 8) == 0) {
        if (codebook_dataset_find(base + 8, &r.dataset) != 0) {
            snprintf(msg, cap, _("unknown section [%s]: datasets are teilnahmen, angebote, mittel"), section);
            return -1;
        }
        if (!column_target_valid(r.dataset, t)) {
            snprintf(msg, cap, _("'%s' is not a field of %s (or set.member, or - to ignore the column)"), t,
                     base + 8);
            return -1;
        }
        r.kind = RULE_COLUMN;
    } else {
        const char *field = base + 7;
        if (!config_value_field_known(field)) {
            snprintf(msg, cap, _("unknown section [%s]: no codebook field '%s'"), section, field);
            return -1;
        }
        if (r.position || r.pattern) {
            snprintf(msg, cap, _("'%s': a value is written as it is in the export (no position or pattern)"),
                     rw);
            return -1;
        }
        const char *problem = value_target_problem(cfg, field, t);
        if (problem) {
            snprintf(msg, cap, _("'%s' is not a value %s takes: %s"), t, field, problem);
            return -1;
        }
        r.kind = RULE_VALUE;
    }
    config_rule *grown = realloc(cfg->rules, (cfg->n_rules + 1) * sizeof *grown);
    if (!grown) {
        snprintf(msg, cap, _("out of memory"));
        return -1;
    }
    cfg->rules = grown;
    config_rule *nr = &cfg->rules[cfg->n_rules];
    *nr = r;
    nr->field = r.kind == RULE_VALUE ? strdup(base + 7) : NULL;
    nr->source = source ? strdup(source) : NULL;
    nr->raw = strdup(rw);
    nr->key = strdup(key);
    nr->target = strdup(t);
    cfg->n_rules++;
    if ((r.kind == RULE_VALUE && !nr->field) || (source && !nr->source) || !nr->raw || !nr->key ||
        !nr->target) {
        snprintf(msg, cap, _("out of memory"));
        return -1;
    }
    /* Same spelling twice in one section with the same target is harmless; another target is not. */
    if (!nr->source)
        return rule_apply(cfg, nr, msg, cap);
    for (const config_rule *o = cfg->rules; o < nr; o++) {
        if (o->source && strcmp(o->source, nr->source) == 0 && rules_collide(o, nr) &&
            strcmp(o->target, nr->target) != 0) {
            snprintf(msg, cap, _("'%s' is mapped onto '%s' here and onto '%s' in line %d: keep one"), nr->raw,
                     nr->target, o->target, o->line);
            return -1;
        }
    }
    return 0;
}

void config_rules_free(config *cfg)
{
    for (size_t i = 0; i < cfg->n_rules; i++) {
        free(cfg->rules[i].field);
        free(cfg->rules[i].source);
        free(cfg->rules[i].raw);
        free(cfg->rules[i].key);
        free(cfg->rules[i].target);
    }
    free(cfg->rules);
}

void config_view_free(config *view)
{
    strmap_free(view->kommune_keys);
    for (size_t i = 0; i < view->n_value_maps; i++) {
        free(view->value_maps[i].field);
        strmap_free(view->value_maps[i].map);
    }
    for (int d = 0; d < DATASET_COUNT; d++)
        strmap_free(view->columns[d]);
    free((char *)view->source);
    free(view);
}

dbk_error config_for_file(const config *cfg, const char *path, config **out)
{
    char msg[512];
    config *v = malloc(sizeof *v);
    *out = NULL;
    if (!v)
        return DBK_ERR_NOMEM;
    *v = *cfg;
    v->is_view = 1;
    v->n_value_maps = 0;
    v->kommune_keys = strmap_new();
    for (int d = 0; d < DATASET_COUNT; d++)
        v->columns[d] = strmap_new();
    const char *base = strrchr(path, '/');
    v->source = strdup(base ? base + 1 : path);
    if (!v->kommune_keys || !v->columns[0] || !v->columns[1] || !v->columns[2] || !v->source) {
        config_view_free(v);
        return DBK_ERR_NOMEM;
    }
    for (size_t i = 0; i < v->n_kommunen; i++) {
        char key[KEY_MAX];
        textfold_key(v->kommunen[i], strlen(v->kommunen[i]), key, sizeof key);
        if (strmap_set(v->kommune_keys, key, v->kommunen[i], NULL) != 0) {
            config_view_free(v);
            return DBK_ERR_NOMEM;
        }
    }
    for (size_t i = 0; i < v->n_rules; i++) {
        const config_rule *r = &v->rules[i];
        if (!config_rule_applies(v, r))
            continue;
        if (rule_apply(v, r, msg, sizeof msg) != 0) {
            diag_error(cfg->path, r->line, NULL, _("%s (for %s)"), msg, path);
            config_view_free(v);
            return DBK_ERR_CONFIG;
        }
    }
    *out = v;
    return DBK_OK;
}

/* A value rule matters for dataset kind when its field is one of the dataset's (or feeds one). */
static int value_rule_matters(const char *field, dataset_kind kind)
{
    const codebook_dataset *ds = codebook_dataset_get(kind);
    if (codebook_field_index(ds, field) >= 0 || strcmp(field, "auswahl") == 0)
        return 1;
    /* zugang holds residence statuses: [values.aufenthaltsstatus] applies to it too */
    return kind == DATASET_ANGEBOTE && strcmp(field, "aufenthaltsstatus") == 0;
}

static int compare_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void config_mapping_sha256(const config *cfg, dataset_kind kind, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    char buf[1400];
    char **lines = calloc(cfg->n_rules + cfg->n_kommunen + 1, sizeof *lines);
    size_t n = 0;
    const codebook_dataset *ds = codebook_dataset_get(kind);
    int has_kommune = codebook_field_index(ds, "kommune") >= 0;

    sha256_init(&ctx);
    snprintf(buf, sizeof buf, "%s\ndataset=%s\ndate_order=%d\nencoding=%d\ndelimiter=%d\n",
             CONFIG_READINGS_VERSION, ds->name, (int)cfg->date_order, (int)cfg->encoding,
             (int)cfg->delimiter);
    sha256_update(&ctx, strlen(buf), (const uint8_t *)buf);
    if (config_sheet_for(cfg, kind)) {
        /* another sheet of one workbook is another batch (only when named: older hashes stay) */
        snprintf(buf, sizeof buf, "sheet=%s\n", config_sheet_for(cfg, kind));
        sha256_update(&ctx, strlen(buf), (const uint8_t *)buf);
    }
    if (kind == DATASET_TEILNAHMEN) {
        snprintf(buf, sizeof buf, "ages=%d-%d\n", cfg->age_min, cfg->age_max);
        sha256_update(&ctx, strlen(buf), (const uint8_t *)buf);
    }
    for (size_t i = 0; lines && i < cfg->n_rules; i++) {
        const config_rule *r = &cfg->rules[i];
        if (!config_rule_applies(cfg, r))
            continue;
        if (r->kind == RULE_COLUMN ? r->dataset != kind
                                   : !value_rule_matters(r->field, kind) ||
                                         (strcmp(r->field, "kommune") == 0 && !has_kommune))
            continue;
        if (r->kind == RULE_COLUMN)
            snprintf(buf, sizeof buf, "column|%d|%d|%s|%s", r->position, r->pattern, r->key, r->target);
        else
            snprintf(buf, sizeof buf, "value|%s|%s|%s", r->field, r->key, r->target);
        lines[n] = strdup(buf);
        if (lines[n])
            n++;
    }
    for (size_t i = 0; lines && has_kommune && i < cfg->n_kommunen; i++) {
        snprintf(buf, sizeof buf, "kommune|%s", cfg->kommunen[i]);
        if ((lines[n] = strdup(buf)))
            n++;
    }
    if (lines)
        qsort(lines, n, sizeof *lines, compare_lines);
    for (size_t i = 0; i < n; i++) {
        sha256_update(&ctx, strlen(lines[i]) + 1, (const uint8_t *)lines[i]); /* with its NUL */
        free(lines[i]);
    }
    free(lines);
    sha256_digest(&ctx, sizeof digest, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

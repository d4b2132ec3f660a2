/*
 * config.c - loading the region's INI file with libinih.
 */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <ini.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "textfold.h"

#define KEY_MAX 512

/* State of one ini_parse run: the config being filled and the first problem. */
typedef struct config_parse {
    config *cfg;
    char message[512];
    int seen_region_name;
    int seen_kommunen;
} config_parse;

static int fail(config_parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(config_parse *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->message, sizeof p->message, fmt, ap);
    va_end(ap);
    return 0; /* inih stops and reports this line */
}

static int set_string(char **dst, const char *value)
{
    char *copy = strdup(value);
    if (!copy)
        return -1;
    free(*dst);
    *dst = copy;
    return 0;
}

/* Splits value on ',' or '|' and calls fn for each trimmed, non-empty item. */
static int each_item(const char *value, int (*fn)(config_parse *, const char *), config_parse *p)
{
    char buf[4096];
    size_t n = strlen(value);
    if (n >= sizeof buf)
        return fail(p, "list too long%s%s", "", "");
    memcpy(buf, value, n + 1);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",|", &save); tok; tok = strtok_r(NULL, ",|", &save)) {
        size_t len = textfold_trim(&tok, strlen(tok));
        tok[len] = '\0';
        if (len && !fn(p, tok))
            return 0;
    }
    return 1;
}

static int add_kommune(config_parse *p, const char *name)
{
    config *cfg = p->cfg;
    char key[KEY_MAX];
    int old = 0;
    char **grown = realloc(cfg->kommunen, (cfg->n_kommunen + 1) * sizeof *grown);
    if (!grown)
        return fail(p, "out of memory%s%s", "", "");
    cfg->kommunen = grown;
    if (!(cfg->kommunen[cfg->n_kommunen] = strdup(name)))
        return fail(p, "out of memory%s%s", "", "");
    cfg->n_kommunen++;
    textfold_key(name, strlen(name), key, sizeof key);
    if (!key[0])
        return fail(p, "municipality '%s' has no letters%s", name, "");
    if (strmap_set(cfg->kommune_keys, key, name, &old) != 0)
        return fail(p, "out of memory%s%s", "", "");
    if (old)
        return fail(p, "municipality '%s' is listed twice%s", name, "");
    return 1;
}

static int add_placement(config_parse *p, const char *code)
{
    int i = codebook_code_index(codebook_verbleib, code);
    if (i < 0)
        return fail(p, "'%s' is not a verbleib code (see data.md)%s", code, "");
    p->cfg->placement_mask |= 1u << i;
    return 1;
}

/* A real calendar date written YYYY-MM-DD, digits only. */
static int parse_date(const char *s, char out[11])
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return -1;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && leap))
        return -1;
    memcpy(out, s, 11);
    return 0;
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char buf[64], *end;
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n + 1);
    for (char *c = buf; *c; c++)
        if (*c == ',')
            *c = '.'; /* 0,80 as well as 0.80 */
    errno = 0;
    double v = strtod(buf, &end);
    if (errno || end == buf || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* The field a [values.X] section may name: any codebook field with codes or a lookup. */
static int value_field_known(const char *field)
{
    static const char *const extra[] = {"kommune", "staatsangehoerigkeit", "baustein",
                                        "zugang", "abschluss_erreicht", NULL};
    for (int d = 0; d < DATASET_COUNT; d++) {
        const codebook_dataset *ds = codebook_dataset_get((dataset_kind)d);
        int i = codebook_field_index(ds, field);
        if (i >= 0 && ds->fields[i].codes)
            return 1;
    }
    return codebook_code_index(extra, field) >= 0;
}

/* Valid code for a [values.X] target. */
static int value_code_valid(const char *field, const char *code)
{
    if (strcmp(field, "kommune") == 0 || strcmp(field, "staatsangehoerigkeit") == 0)
        return 1; /* checked against the municipality list / alpha-3 shape elsewhere */
    if (strcmp(field, "baustein") == 0)
        return strlen(code) == 1 && code[0] >= '1' && code[0] <= '6';
    if (strcmp(field, "abschluss_erreicht") == 0)
        return strcmp(code, "1") == 0 || strcmp(code, "0") == 0;
    if (strcmp(field, "zugang") == 0)
        return codebook_code_index(codebook_aufenthaltsstatus, code) >= 0;
    for (int d = 0; d < DATASET_COUNT; d++) {
        const codebook_dataset *ds = codebook_dataset_get((dataset_kind)d);
        int i = codebook_field_index(ds, field);
        if (i >= 0 && ds->fields[i].codes)
            return codebook_code_index(ds->fields[i].codes, code) >= 0;
    }
    return 0;
}

/* A [columns.DATASET] target: a field of the dataset, or "setfield.member". */
static int column_target_valid(dataset_kind kind, const char *target)
{
    const codebook_dataset *ds = codebook_dataset_get(kind);
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

/* The map of [values.field], created on first use; NULL on no memory. */
static strmap *value_map_for(config *cfg, const char *field)
{
    for (size_t i = 0; i < cfg->n_value_maps; i++)
        if (strcmp(cfg->value_maps[i].field, field) == 0)
            return cfg->value_maps[i].map;
    if (cfg->n_value_maps == sizeof cfg->value_maps / sizeof cfg->value_maps[0])
        return NULL;
    struct config_value_map *vm = &cfg->value_maps[cfg->n_value_maps];
    if (!(vm->field = strdup(field)) || !(vm->map = strmap_new())) {
        free(vm->field);
        vm->field = NULL;
        return NULL;
    }
    cfg->n_value_maps++;
    return vm->map;
}

static int handle_mapping(config_parse *p, const char *section, const char *name,
                          const char *value)
{
    config *cfg = p->cfg;
    char raw[KEY_MAX], key[KEY_MAX], target[128];
    const char *tgt;
    int old = 0;

    rejoin_key(name, value, raw, sizeof raw, &tgt);
    snprintf(target, sizeof target, "%s", tgt);
    char *t = target;
    size_t tl = textfold_trim(&t, strlen(t));
    t[tl] = '\0';
    textfold_key(raw, strlen(raw), key, sizeof key);
    if (!key[0])
        return fail(p, "'%s' has no letters or digits to match on%s", raw, "");

    if (strncmp(section, "columns.", 8) == 0) {
        dataset_kind kind;
        if (codebook_dataset_find(section + 8, &kind) != 0)
            return fail(p, "unknown section [%s]: datasets are teilnahmen, angebote, mittel%s",
                        section, "");
        if (!column_target_valid(kind, t))
            return fail(p, "'%s' is not a field of %s (or set.member)", t, section + 8);
        if (strmap_set(cfg->columns[kind], key, t, &old) != 0)
            return fail(p, "out of memory%s%s", "", "");
        if (old)
            return fail(p, "header '%s' is mapped twice in [%s]", raw, section);
        return 1;
    }
    /* values.FIELD */
    const char *field = section + 7;
    if (!value_field_known(field))
        return fail(p, "unknown section [%s]: no codebook field '%s' takes codes", section, field);
    if (!value_code_valid(field, t))
        return fail(p, "'%s' is not a code of %s (see data.md)", t, field);
    if (strcmp(field, "kommune") == 0) {
        int known = 0;
        for (size_t i = 0; i < cfg->n_kommunen; i++)
            known |= strcmp(cfg->kommunen[i], t) == 0;
        if (!known)
            return fail(p, "'%s' is not in [region] kommunen%s", t, "");
        if (strmap_set(cfg->kommune_keys, key, t, &old) != 0)
            return fail(p, "out of memory%s%s", "", "");
        return 1;
    }
    strmap *values = value_map_for(cfg, field);
    if (!values || strmap_set(values, key, t, &old) != 0)
        return fail(p, "out of memory%s%s", "", "");
    if (old)
        return fail(p, "value '%s' is mapped twice in [%s]", raw, section);
    return 1;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    config_parse *p = user;
    config *cfg = p->cfg;

#define IS(sec, key) (strcmp(section, sec) == 0 && strcmp(name, key) == 0)
    /* Every value may reach a report or a file name: text only (found by fuzz_config). */
    for (const char *c = value; *c; c++)
        if ((unsigned char)*c < 0x20 && *c != '\t')
            return fail(p, "%s holds a control character%s", name, "");
    if (!textfold_utf8_valid(value, strlen(value)))
        return fail(p, "%s is not utf-8 text: save the config as utf-8%s", name, "");
    if (strncmp(section, "columns.", 8) == 0 || strncmp(section, "values.", 7) == 0)
        return handle_mapping(p, section, name, value);

    if (IS("region", "name")) {
        p->seen_region_name = 1;
        return set_string(&cfg->region_name, value) == 0 ? 1 : fail(p, "out of memory%s%s", "", "");
    }
    if (IS("region", "slug")) {
        for (const char *c = value; *c; c++)
            if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '-'))
                return fail(p, "slug '%s' may hold only a-z, 0-9 and '-'%s", value, "");
        if (!*value)
            return fail(p, "slug is empty%s%s", "", "");
        return set_string(&cfg->region_slug, value) == 0 ? 1 : fail(p, "out of memory%s%s", "", "");
    }
    if (IS("region", "einheit")) {
        if (strcasecmp(value, "Kommune") == 0)
            cfg->region_unit = REGION_UNIT_KOMMUNE;
        else if (strcasecmp(value, "Stadtbezirk") == 0)
            cfg->region_unit = REGION_UNIT_STADTBEZIRK;
        else
            return fail(p, "einheit '%s': use Kommune or Stadtbezirk%s", value, "");
        return 1;
    }
    if (IS("region", "kommunen")) {
        p->seen_kommunen = 1;
        return each_item(value, add_kommune, p);
    }
    if (IS("period", "from") || IS("period", "to")) {
        char *dst = strcmp(name, "from") == 0 ? cfg->period_from : cfg->period_to;
        if (parse_date(value, dst) != 0)
            return fail(p, "%s '%s' is not a date YYYY-MM-DD", name, value);
        return 1;
    }
    if (IS("input", "encoding")) {
        if (strcmp(value, "auto") == 0)
            cfg->encoding = ENCODING_AUTO;
        else if (strcasecmp(value, "utf-8") == 0 || strcasecmp(value, "utf8") == 0)
            cfg->encoding = ENCODING_UTF8;
        else if (strcasecmp(value, "windows-1252") == 0 || strcasecmp(value, "cp1252") == 0)
            cfg->encoding = ENCODING_CP1252;
        else
            return fail(p, "encoding '%s': use auto, utf-8 or windows-1252%s", value, "");
        return 1;
    }
    if (IS("input", "delimiter")) {
        if (strcmp(value, "auto") == 0)
            cfg->delimiter = 0;
        else if (strcmp(value, ";") == 0 || strcmp(value, "semicolon") == 0)
            cfg->delimiter = ';';
        else if (strcmp(value, ",") == 0 || strcmp(value, "comma") == 0)
            cfg->delimiter = ',';
        else if (strcmp(value, "tab") == 0)
            cfg->delimiter = '\t';
        else
            return fail(p, "delimiter '%s': use auto, semicolon, comma or tab%s", value, "");
        return 1;
    }
    if (strcmp(section, "input") == 0) {
        dataset_kind kind;
        if (codebook_dataset_find(name, &kind) == 0)
            return set_string(&cfg->file_pattern[kind], value) == 0 ? 1
                                                                     : fail(p, "out of memory%s%s", "", "");
    }
    if (IS("outcomes", "placement")) {
        cfg->placement_mask = 0;
        return each_item(value, add_placement, p);
    }
    if (IS("outcomes", "target_age_min") || IS("outcomes", "target_age_max")) {
        int *dst = strcmp(name, "target_age_min") == 0 ? &cfg->age_min : &cfg->age_max;
        if (parse_int(value, 0, 120, dst) != 0)
            return fail(p, "%s '%s' is not an age 0..120", name, value);
        return 1;
    }
    if (IS("statistics", "ci_method")) {
        if (strcmp(value, "wilson") == 0)
            cfg->ci_method = CI_WILSON;
        else if (strcmp(value, "clopper-pearson") == 0)
            cfg->ci_method = CI_CLOPPER_PEARSON;
        else
            return fail(p, "ci_method '%s': use wilson or clopper-pearson%s", value, "");
        return 1;
    }
    if (IS("statistics", "confidence")) {
        if (parse_double(value, 0.5, 0.999, &cfg->confidence) != 0)
            return fail(p, "confidence '%s' must lie in 0.5..0.999%s", value, "");
        return 1;
    }
    if (IS("disclosure", "min_fallzahl")) {
        if (parse_int(value, 1, 100, &cfg->min_fallzahl) != 0)
            return fail(p, "min_fallzahl '%s' must be a whole number 1..100%s", value, "");
        return 1;
    }
    if (IS("disclosure", "kleine_kategorien")) {
        if (parse_int(value, 0, 1000, &cfg->merge_below) != 0)
            return fail(p, "kleine_kategorien '%s' must be a whole number 0..1000%s", value, "");
        return 1;
    }
    if (IS("disclosure", "kommunen_zusammenfassen")) {
        if (strcmp(value, "ja") == 0 || strcmp(value, "yes") == 0)
            cfg->merge_kommunen = 1;
        else if (strcmp(value, "nein") == 0 || strcmp(value, "no") == 0)
            cfg->merge_kommunen = 0;
        else
            return fail(p, "kommunen_zusammenfassen '%s': use ja or nein%s", value, "");
        return 1;
    }
    if (IS("funding", "rate")) {
        if (parse_double(value, 0.0, 1.0, &cfg->funding_rate) != 0)
            return fail(p, "rate '%s' must lie in 0..1 (e.g. 0.80)%s", value, "");
        return 1;
    }
    if (IS("report", "title"))
        return set_string(&cfg->report_title, value) == 0 ? 1 : fail(p, "out of memory%s%s", "", "");
    if (IS("report", "office"))
        return set_string(&cfg->report_office, value) == 0 ? 1 : fail(p, "out of memory%s%s", "", "");
    if (IS("report", "language")) {
        if (strcmp(value, "de") != 0 && strcmp(value, "en") != 0)
            return fail(p, "language '%s': use de or en%s", value, "");
        return set_string(&cfg->report_language, value) == 0 ? 1 : fail(p, "out of memory%s%s", "", "");
    }
    if (strcmp(section, "bausteine") == 0) {
        int nr;
        if (parse_int(name, 1, CODEBOOK_BAUSTEINE, &nr) != 0)
            return fail(p, "[bausteine] key '%s' must be 1..6%s", name, "");
        return set_string(&cfg->baustein_names[nr], value) == 0 ? 1 : fail(p, "out of memory%s%s", "", "");
    }
#undef IS
    static const char *const sections[] = {"region", "period", "input", "outcomes", "statistics",
                                           "disclosure", "funding", "report", "bausteine", NULL};
    if (codebook_code_index(sections, section) < 0)
        return fail(p, "unknown section [%s]%s", section, "");
    return fail(p, "unknown key '%s' in [%s]", name, section);
}

config *config_new_default(void)
{
    config *cfg = calloc(1, sizeof *cfg);
    if (!cfg)
        return NULL;
    cfg->kommune_keys = strmap_new();
    for (int d = 0; d < DATASET_COUNT; d++)
        cfg->columns[d] = strmap_new();
    if (!cfg->kommune_keys || !cfg->columns[0] || !cfg->columns[1] ||
        !cfg->columns[2] || !(cfg->report_language = strdup("de"))) {
        config_free(cfg);
        return NULL;
    }
    static const char *const placed[] = {"ausbildung", "arbeit", "qualifizierung", "schule"};
    for (size_t i = 0; i < 4; i++)
        cfg->placement_mask |= 1u << codebook_code_index(codebook_verbleib, placed[i]);
    cfg->age_min = 18;
    cfg->age_max = 27;
    cfg->ci_method = CI_WILSON;
    cfg->confidence = 0.95;
    cfg->min_fallzahl = 3;
    cfg->merge_below = 10;
    cfg->merge_kommunen = 1;
    cfg->funding_rate = 0.80;
    return cfg;
}

void config_free(config *cfg)
{
    if (!cfg)
        return;
    free(cfg->path);
    free(cfg->region_name);
    free(cfg->region_slug);
    for (size_t i = 0; i < cfg->n_kommunen; i++)
        free(cfg->kommunen[i]);
    free(cfg->kommunen);
    strmap_free(cfg->kommune_keys);
    for (size_t i = 0; i < cfg->n_value_maps; i++) {
        free(cfg->value_maps[i].field);
        strmap_free(cfg->value_maps[i].map);
    }
    for (int d = 0; d < DATASET_COUNT; d++) {
        strmap_free(cfg->columns[d]);
        free(cfg->file_pattern[d]);
    }
    free(cfg->report_title);
    free(cfg->report_language);
    free(cfg->report_office);
    for (int i = 0; i <= CODEBOOK_BAUSTEINE; i++)
        free(cfg->baustein_names[i]);
    free(cfg);
}

/* Hashes the file so a run record can say exactly which config produced a figure. */
static dbk_error hash_file(const char *path, char hex[65])
{
    FILE *f = fopen(path, "rb");
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE], buf[8192];
    size_t n;
    if (!f)
        return DBK_ERR_IO;
    sha256_init(&ctx);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, n, buf);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return DBK_ERR_IO;
    sha256_digest(&ctx, sizeof digest, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return DBK_OK;
}

/*
 * Lines for inih, which holds at most num - 1 bytes of one: it would cut a
 * longer line and parse the rest as a line of its own (an error that names the
 * next line), so a line that does not fit ends the parse and is reported.
 */
typedef struct line_reader {
    FILE *f;
    long line;     /* lines handed to inih */
    long too_long; /* number of the first line that does not fit, or 0 */
    int max;       /* longest line that fits, without its newline */
} line_reader;

static char *read_line(char *str, int num, void *stream)
{
    line_reader *r = stream;
    int c, n = 0;
    if (r->too_long)
        return NULL;
    r->max = num - 2;
    while ((c = getc(r->f)) != EOF && c != '\n') {
        if (n >= num - 2) {
            r->too_long = r->line + 1;
            return NULL;
        }
        str[n++] = (char)c;
    }
    if (c == EOF && n == 0)
        return NULL;
    r->line++;
    if (c == '\n')
        str[n++] = '\n';
    str[n] = '\0';
    return str;
}

dbk_error config_load(const char *path, config **out)
{
    config_parse p = {0};
    dbk_error err = DBK_ERR_CONFIG;
    *out = NULL;

    FILE *f = fopen(path, "r");
    if (!f) {
        diag_error(path, 0, NULL, "cannot read config: %s", strerror(errno));
        return DBK_ERR_CONFIG;
    }
    if (!(p.cfg = config_new_default()) || !(p.cfg->path = strdup(path))) {
        fclose(f);
        config_free(p.cfg);
        return DBK_ERR_NOMEM;
    }
    line_reader reader = {f, 0, 0, 0};
    int line = ini_parse_stream(read_line, &reader, handler, &p);
    int unreadable = ferror(f);
    fclose(f);
    if (line != 0) {
        diag_error(path, line, NULL, "%s", p.message[0] ? p.message : "not a valid ini line");
        goto fail;
    }
    if (reader.too_long) {
        diag_error(path, reader.too_long, NULL,
                   "line is longer than %d bytes: shorten it (a list such as kommunen may go on "
                   "in indented lines below it)",
                   reader.max);
        goto fail;
    }
    if (unreadable) {
        diag_error(path, 0, NULL, "cannot read config");
        goto fail;
    }
    if (!p.seen_region_name || !p.seen_kommunen || p.cfg->n_kommunen == 0) {
        diag_error(path, 0, NULL, "[region] needs name and kommunen");
        goto fail;
    }
    if (!p.cfg->region_slug) {
        /* Derive the file-name slug from the region name: "Kreis Herford" -> "kreis-herford". */
        char key[KEY_MAX], slug[KEY_MAX];
        const char *name = p.cfg->region_name;
        size_t n = 0;
        for (const char *c = name; *c && n + 4 < sizeof slug;) {
            const char *w = c;
            while (*c && *c != ' ' && *c != '-')
                c++;
            size_t k = textfold_key(w, (size_t)(c - w), key, sizeof key);
            if (k) {
                if (n)
                    slug[n++] = '-';
                for (size_t i = 0; i < k && n + 1 < sizeof slug; i++)
                    slug[n++] = key[i];
            }
            while (*c == ' ' || *c == '-')
                c++;
        }
        slug[n] = '\0';
        if (n == 0) {
            diag_error(path, 0, NULL, "[region] name gives no file-name slug: set [region] slug");
            goto fail;
        }
        if (set_string(&p.cfg->region_slug, slug) != 0)
            goto fail;
    }
    if (p.cfg->age_min > p.cfg->age_max) {
        diag_error(path, 0, NULL, "[outcomes] target_age_min is above target_age_max");
        goto fail;
    }
    if (p.cfg->period_from[0] && p.cfg->period_to[0] &&
        strcmp(p.cfg->period_from, p.cfg->period_to) > 0) {
        diag_error(path, 0, NULL, "[period] from is after to");
        goto fail;
    }
    if (hash_file(path, p.cfg->sha256) != DBK_OK) {
        diag_error(path, 0, NULL, "cannot read config");
        goto fail;
    }
    *out = p.cfg;
    return DBK_OK;
fail:
    config_free(p.cfg);
    return err;
}

const char *config_value_lookup(const config *cfg, const char *field, const char *key)
{
    /* Called for every coded value of every row: test the first letter before strcmp. */
    for (size_t i = 0; i < cfg->n_value_maps; i++)
        if (cfg->value_maps[i].field[0] == field[0] && strcmp(cfg->value_maps[i].field, field) == 0)
            return strmap_get(cfg->value_maps[i].map, key);
    return NULL;
}

const char *config_kommune_lookup(const config *cfg, const char *key)
{
    return strmap_get(cfg->kommune_keys, key);
}

int config_is_placement(const config *cfg, const char *verbleib)
{
    int i = verbleib ? codebook_code_index(codebook_verbleib, verbleib) : -1;
    return i >= 0 && (cfg->placement_mask & (1u << i));
}

const char *config_baustein_name(const config *cfg, int nr)
{
    if (nr < 1 || nr > CODEBOOK_BAUSTEINE)
        return "";
    return cfg->baustein_names[nr] ? cfg->baustein_names[nr] : codebook_baustein_names[nr];
}

int config_dataset_for_file(const config *cfg, const char *path, dataset_kind *kind)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (int d = 0; d < DATASET_COUNT; d++) {
        if (cfg->file_pattern[d] && fnmatch(cfg->file_pattern[d], base, FNM_CASEFOLD) == 0) {
            *kind = (dataset_kind)d;
            return 0;
        }
    }
    return -1;
}

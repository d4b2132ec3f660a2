/*
 * config.c - loading the region's INI file with libinih.
 *
 * libinih hands over one key at a time and goes on after an error. durchblick
 * reads the lines for it (line_reader below), so it knows the number and kind
 * of every line: each problem is printed at once with its own line, a key or
 * section that comes twice is an error naming both lines, and an indented line
 * (which inih hands over as the key of the line above once more) continues a
 * list instead of replacing it.
 */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <ini.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_rules.h"
#include "diag.h"
#include "textfold.h"
#include "i18n.h"

#define KEY_MAX 512

/* What a line of the file is, as inih will take it. */
typedef enum {
    LINE_BLANK = 0,    /* empty or a comment */
    LINE_SECTION,      /* [name] */
    LINE_ENTRY,        /* key = value (or key: value) */
    LINE_CONTINUATION, /* indented, after an entry: inih hands it over as that key again */
    LINE_BAD           /* none of these (reported) */
} line_kind;

/* Where a section, key or list item was first seen. */
typedef struct seen_item {
    char *section;
    char *key; /* NULL for the section line itself */
    long line;
} seen_item;

/* State of one ini_parse run: the config being filled, the lines, what was seen. */
typedef struct config_parse {
    config *cfg;
    const char *path;
    int errors;         /* problems printed */
    /* the line reader inih calls */
    FILE *f;
    long line;          /* number of the line last handed to inih */
    long too_long;      /* number of the first line that does not fit, or 0 */
    int max;            /* longest line that fits, without its newline */
    line_kind kind;     /* of the line last handed to inih */
    int after_entry;    /* inih would take an indented line as a continuation */
    long entry_line;    /* line of the entry a continuation belongs to */
    seen_item *seen;
    size_t n_seen, cap_seen;
} config_parse;

/* Prints "path:line: message" for the current line and counts it; returns 0 (inih: an error). */
static int fail(config_parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(config_parse *p, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(p->path, p->line, NULL, "%s", msg);
    p->errors++;
    return 0;
}

/* The line where (section, key) was first seen, or 0; key NULL: the section line. */
static long seen_at(const config_parse *p, const char *section, const char *key)
{
    for (size_t i = 0; i < p->n_seen; i++) {
        const seen_item *s = &p->seen[i];
        if (strcmp(s->section, section) == 0 && (key ? s->key && strcmp(s->key, key) == 0 : !s->key))
            return s->line;
    }
    return 0;
}

/* Makes room for one more item of size in the array *v of *cap items holding n; -1 on no memory. */
static int room_for_one(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t grown_cap = *cap ? *cap * 2 : 32;
    void *grown = realloc(*v, grown_cap * size);
    if (!grown)
        return -1;
    *v = grown;
    *cap = grown_cap;
    return 0;
}

/* Remembers (section, key) at the current line; -1 on no memory. */
static int remember(config_parse *p, const char *section, const char *key)
{
    if (room_for_one((void **)&p->seen, &p->cap_seen, p->n_seen, sizeof *p->seen) != 0)
        return -1;
    seen_item *s = &p->seen[p->n_seen];
    s->section = strdup(section);
    s->key = key ? strdup(key) : NULL;
    s->line = p->line;
    if (!s->section || (key && !s->key)) {
        free(s->section);
        free(s->key);
        return -1;
    }
    p->n_seen++;
    return 0;
}

/*
 * Records (section, key) at the current line; if it was seen before, prints
 * what (e.g. "min_fallzahl is set twice in [disclosure]") with the first line
 * and what to do, and returns 0, else 1.
 */
static int once(config_parse *p, const char *section, const char *key, const char *what, const char *advice)
{
    long first = seen_at(p, section, key);
    if (first)
        return fail(p, _("%s, first at line %ld: %s"), what, first, advice);
    if (remember(p, section, key) != 0)
        return fail(p, _("out of memory"));
    return 1;
}

static void parse_free(config_parse *p)
{
    for (size_t i = 0; i < p->n_seen; i++) {
        free(p->seen[i].section);
        free(p->seen[i].key);
    }
    free(p->seen);
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

/* Appends " value" to *dst (a text continued on an indented line). */
static int append_string(char **dst, const char *value)
{
    size_t a = *dst ? strlen(*dst) : 0, b = strlen(value);
    char *grown = realloc(*dst, a + b + 2);
    if (!grown)
        return -1;
    if (a)
        grown[a++] = ' ';
    memcpy(grown + a, value, b + 1);
    *dst = grown;
    return 0;
}

/*
 * Splits value on ',' or '|' and calls fn for each trimmed, non-empty item,
 * every one even after a failure (each says what is wrong with it). Returns 1
 * if all were taken, else 0.
 */
static int each_item(const char *value, int (*fn)(config_parse *, const char *), config_parse *p)
{
    char buf[4096];
    size_t n = strlen(value);
    int ok = 1;
    if (n >= sizeof buf)
        return fail(p, _("list too long"));
    memcpy(buf, value, n + 1);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",|", &save); tok; tok = strtok_r(NULL, ",|", &save)) {
        size_t len = textfold_trim(&tok, strlen(tok));
        tok[len] = '\0';
        if (len && !fn(p, tok))
            ok = 0;
    }
    return ok;
}

static int add_kommune(config_parse *p, const char *name)
{
    config *cfg = p->cfg;
    char key[KEY_MAX], what[KEY_MAX + 64];
    textfold_key(name, strlen(name), key, sizeof key);
    if (!key[0])
        return fail(p, _("municipality '%s' has no letters"), name);
    snprintf(what, sizeof what, _("municipality '%s' is listed twice in kommunen"), name);
    if (!once(p, "region kommunen", key, what, _("keep one")))
        return 0;
    char **grown = realloc(cfg->kommunen, (cfg->n_kommunen + 1) * sizeof *grown);
    if (!grown)
        return fail(p, _("out of memory"));
    cfg->kommunen = grown;
    if (!(cfg->kommunen[cfg->n_kommunen] = strdup(name)))
        return fail(p, _("out of memory"));
    cfg->n_kommunen++;
    if (strmap_set(cfg->kommune_keys, key, name, NULL) != 0)
        return fail(p, _("out of memory"));
    return 1;
}

static int add_placement(config_parse *p, const char *code)
{
    int i = codebook_code_index(codebook_verbleib, code);
    if (i < 0)
        return fail(p, _("'%s' is not a verbleib code (see data.md)"), code);
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

/* A decimal number written with digits ("0.80", "0,80"): no nan, inf, exponent or hex. */
static int parse_double(const char *s, double lo, double hi, double *out)
{
    char buf[64], *end;
    size_t n = strlen(s), digits = 0, marks = 0;
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n + 1);
    for (char *c = buf; *c; c++) {
        if (*c == ',')
            *c = '.'; /* 0,80 as well as 0.80 */
        if (isdigit((unsigned char)*c))
            digits++;
        else if (*c == '.' && digits)
            marks++;
        else
            return -1;
    }
    if (marks > 1)
        return -1;
    errno = 0;
    double v = strtod(buf, &end);
    if (errno || end == buf || *end || !isfinite(v) || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/*
 * The sections a config may have; [columns.DATASET] and [values.FIELD] (each
 * optionally bound to files: "values.X @ awo-*.csv") are checked further by
 * config_rules.c.
 */
static int section_known(const char *section)
{
    static const char *const sections[] = {"region", "period", "input", "outcomes", "statistics",
                                           "disclosure", "funding", "report", "bausteine", NULL};
    dataset_kind kind;
    char base[256];
    config_section_split(section, base, sizeof base);
    if (strncmp(base, "columns.", 8) == 0)
        return codebook_dataset_find(base + 8, &kind) == 0;
    if (strncmp(base, "values.", 7) == 0)
        return config_value_field_known(base + 7);
    return codebook_code_index(sections, section) >= 0;
}

/* A line of a mapping section: kept as a rule by config_rules.c, which says what is wrong. */
static int handle_mapping(config_parse *p, const char *section, const char *name,
                          const char *value)
{
    char msg[768];
    if (config_rule_parse(p->cfg, section, name, value, (int)p->line, msg, sizeof msg) != 0)
        return fail(p, "%s", msg);
    return 1;
}

/*
 * An indented line in a mapping section is an entry of its own (inih hands it
 * over as a continuation of the key above: "Frau = w" as the value of "weiblich").
 */
static int handle_mapping_continuation(config_parse *p, const char *section, const char *value)
{
    char name[KEY_MAX];
    size_t k = strcspn(value, "=:");
    if (!value[k] || k >= sizeof name)
        return fail(p, _("indented line without '=': each line of [%s] maps one %s"), section,
                    strncmp(section, "columns.", 8) == 0 ? _("header onto a field") : _("value onto a code"));
    memcpy(name, value, k);
    name[k] = '\0';
    char *n = name;
    n[textfold_trim(&n, k)] = '\0';
    const char *v = value + k + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    return handle_mapping(p, section, n, v);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    config_parse *p = user;
    config *cfg = p->cfg;
    int cont = p->kind == LINE_CONTINUATION;
    char what[256];

    if (!*section)
        return fail(p, _("'%s' comes before any [section]"), name);
    if (!section_known(section))
        return 0; /* reported at the section's line */
#define IS(sec, key) (strcmp(section, sec) == 0 && strcmp(name, key) == 0)
/* A key that takes one value: an indented line below it is a mistake, not more of it. */
#define ONE_LINE()                                                                                 \
    do {                                                                                           \
        if (cont)                                                                                  \
            return fail(p, _("indented line continues %s from line %ld, which takes one value: " \
                             "remove the indentation"),                                             \
                        name, p->entry_line);                                                      \
    } while (0)
    /* Every value may reach a report or a file name: text only (found by fuzz_config). */
    for (const char *c = value; *c; c++)
        if ((unsigned char)*c < 0x20 && *c != '\t')
            return fail(p, _("%s holds a control character"), name);
    if (!textfold_utf8_valid(value, strlen(value)))
        return fail(p, _("%s is not utf-8 text: save the config as utf-8"), name);
    if (strncmp(section, "columns.", 8) == 0 || strncmp(section, "values.", 7) == 0)
        return cont ? handle_mapping_continuation(p, section, value) : handle_mapping(p, section, name, value);

    if (!cont) {
        snprintf(what, sizeof what, _("%s is set twice in [%s]"), name, section);
        if (!once(p, section, name, what, _("keep one (the last would win silently)")))
            return 0;
        p->entry_line = p->line;
        /* (an empty list is judged when the whole file is read: it may go on below) */
        if (!*value && !IS("region", "kommunen") && !IS("outcomes", "placement"))
            return fail(p, _("%s has no value: give one or remove the line"), name);
    }
    if (IS("region", "name"))
        return (cont ? append_string : set_string)(&cfg->region_name, value) == 0 ? 1 : fail(p, _("out of memory"));
    if (IS("region", "slug")) {
        ONE_LINE();
        for (const char *c = value; *c; c++)
            if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '-'))
                return fail(p, _("slug '%s' may hold only a-z, 0-9 and '-'"), value);
        return set_string(&cfg->region_slug, value) == 0 ? 1 : fail(p, _("out of memory"));
    }
    if (IS("region", "einheit")) {
        ONE_LINE();
        if (strcasecmp(value, "Kommune") == 0)
            cfg->region_unit = REGION_UNIT_KOMMUNE;
        else if (strcasecmp(value, "Stadtbezirk") == 0)
            cfg->region_unit = REGION_UNIT_STADTBEZIRK;
        else
            return fail(p, _("einheit '%s': use Kommune or Stadtbezirk"), value);
        return 1;
    }
    if (IS("region", "kommunen"))
        return each_item(value, add_kommune, p);
    if (IS("period", "from") || IS("period", "to")) {
        ONE_LINE();
        char *dst = strcmp(name, "from") == 0 ? cfg->period_from : cfg->period_to;
        if (parse_date(value, dst) != 0)
            return fail(p, _("%s '%s' is not a date YYYY-MM-DD"), name, value);
        return 1;
    }
    if (IS("input", "encoding")) {
        ONE_LINE();
        if (strcmp(value, "auto") == 0)
            cfg->encoding = ENCODING_AUTO;
        else if (strcasecmp(value, "utf-8") == 0 || strcasecmp(value, "utf8") == 0)
            cfg->encoding = ENCODING_UTF8;
        else if (strcasecmp(value, "windows-1252") == 0 || strcasecmp(value, "cp1252") == 0)
            cfg->encoding = ENCODING_CP1252;
        else
            return fail(p, _("encoding '%s': use auto, utf-8 or windows-1252"), value);
        return 1;
    }
    if (IS("input", "delimiter")) {
        ONE_LINE();
        if (strcmp(value, "auto") == 0)
            cfg->delimiter = 0;
        else if (strcmp(value, ";") == 0 || strcmp(value, "semicolon") == 0)
            cfg->delimiter = ';';
        else if (strcmp(value, ",") == 0 || strcmp(value, "comma") == 0)
            cfg->delimiter = ',';
        else if (strcmp(value, "tab") == 0)
            cfg->delimiter = '\t';
        else
            return fail(p, _("delimiter '%s': use auto, semicolon, comma or tab"), value);
        return 1;
    }
    if (strcmp(section, "input") == 0 && strncmp(name, "sheet", 5) == 0) {
        /* sheet = NAME, or sheet.DATASET = NAME: a workbook's sheet by its tab name */
        ONE_LINE();
        dataset_kind kind;
        char **dst = &cfg->sheet_all;
        if (name[5] == '.' && codebook_dataset_find(name + 6, &kind) == 0)
            dst = &cfg->sheet[kind];
        else if (name[5] != '\0')
            return fail(p, _("unknown key '%s' in [input]: use sheet or sheet.teilnahmen, sheet.angebote, "
                             "sheet.mittel"), name);
        return set_string(dst, value) == 0 ? 1 : fail(p, _("out of memory"));
    }
    if (IS("input", "date_order")) {
        ONE_LINE();
        if (config_date_order_parse(value, &cfg->date_order) != 0)
            return fail(p, _("date_order '%s': use dmy (31.12.2022, 31/12/2022), mdy (12/31/2022, "
                             "a US export) or ymd"), value);
        return 1;
    }
    if (strcmp(section, "input") == 0) {
        dataset_kind kind;
        if (codebook_dataset_find(name, &kind) == 0) {
            ONE_LINE();
            return set_string(&cfg->file_pattern[kind], value) == 0 ? 1 : fail(p, _("out of memory"));
        }
    }
    if (IS("outcomes", "placement")) {
        if (!cont)
            cfg->placement_mask = 0;
        return each_item(value, add_placement, p);
    }
    if (IS("outcomes", "target_age_min") || IS("outcomes", "target_age_max")) {
        ONE_LINE();
        int *dst = strcmp(name, "target_age_min") == 0 ? &cfg->age_min : &cfg->age_max;
        if (parse_int(value, 0, 120, dst) != 0)
            return fail(p, _("%s '%s' is not an age 0..120"), name, value);
        return 1;
    }
    if (IS("statistics", "ci_method")) {
        ONE_LINE();
        if (strcmp(value, "wilson") == 0)
            cfg->ci_method = CI_WILSON;
        else if (strcmp(value, "clopper-pearson") == 0)
            cfg->ci_method = CI_CLOPPER_PEARSON;
        else
            return fail(p, _("ci_method '%s': use wilson or clopper-pearson"), value);
        return 1;
    }
    if (IS("statistics", "confidence")) {
        ONE_LINE();
        if (parse_double(value, 0.5, 0.999, &cfg->confidence) != 0)
            return fail(p, _("confidence '%s' must be a number in 0.5..0.999"), value);
        return 1;
    }
    if (IS("disclosure", "min_fallzahl")) {
        ONE_LINE();
        if (parse_int(value, 1, 100, &cfg->min_fallzahl) != 0)
            return fail(p, _("min_fallzahl '%s' must be a whole number 1..100"), value);
        return 1;
    }
    if (IS("disclosure", "kleine_kategorien")) {
        ONE_LINE();
        if (parse_int(value, 0, 1000, &cfg->merge_below) != 0)
            return fail(p, _("kleine_kategorien '%s' must be a whole number 0..1000"), value);
        return 1;
    }
    if (IS("disclosure", "kommunen_zusammenfassen")) {
        ONE_LINE();
        if (strcmp(value, "ja") == 0 || strcmp(value, "yes") == 0)
            cfg->merge_kommunen = 1;
        else if (strcmp(value, "nein") == 0 || strcmp(value, "no") == 0)
            cfg->merge_kommunen = 0;
        else
            return fail(p, _("kommunen_zusammenfassen '%s': use ja or nein"), value);
        return 1;
    }
    if (IS("funding", "rate")) {
        ONE_LINE();
        if (parse_double(value, 0.0, 1.0, &cfg->funding_rate) != 0)
            return fail(p, _("rate '%s' must be a number in 0..1 (e.g. 0.80)"), value);
        return 1;
    }
    if (IS("report", "title"))
        return (cont ? append_string : set_string)(&cfg->report_title, value) == 0 ? 1 : fail(p, _("out of memory"));
    if (IS("report", "office"))
        return (cont ? append_string : set_string)(&cfg->report_office, value) == 0 ? 1 : fail(p, _("out of memory"));
    if (IS("report", "language")) {
        ONE_LINE();
        if (strcmp(value, "de") != 0 && strcmp(value, "en") != 0)
            return fail(p, _("language '%s': use de or en"), value);
        return set_string(&cfg->report_language, value) == 0 ? 1 : fail(p, _("out of memory"));
    }
    if (strcmp(section, "bausteine") == 0) {
        int nr;
        if (parse_int(name, 1, CODEBOOK_BAUSTEINE, &nr) != 0)
            return cont ? 0 : fail(p, _("[bausteine] key '%s' must be 1..6"), name);
        return (cont ? append_string : set_string)(&cfg->baustein_names[nr], value) == 0 ? 1
                                                                                       : fail(p, _("out of memory"));
    }
#undef ONE_LINE
#undef IS
    return cont ? 0 : fail(p, _("unknown key '%s' in [%s]"), name, section);
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
    if (cfg->is_view) {
        config_view_free(cfg); /* config_rules.c: only the maps are its own */
        return;
    }
    config_rules_free(cfg);
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
        free(cfg->sheet[d]);
    }
    free(cfg->sheet_all);
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
 * inih's find_chars_or_comment: the first of chars (NULL: none) or of an
 * inline comment (';' after a space) in s, or its end.
 */
static const char *find_chars_or_comment(const char *s, const char *chars)
{
    int was_space = 0;
    while (*s && (!chars || !strchr(chars, *s)) && !(was_space && *s == ';')) {
        was_space = isspace((unsigned char)*s);
        s++;
    }
    return s;
}

/* Decides what the line just read is, as inih will take it, and checks its section. */
static void classify_line(config_parse *p, const char *line)
{
    const char *s = line;
    if (p->line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    const char *start = s;
    while (*start && isspace((unsigned char)*start))
        start++;
    if (!*start || *start == ';' || *start == '#') {
        p->kind = LINE_BLANK;
        return;
    }
    if (p->after_entry && start > s) {
        p->kind = LINE_CONTINUATION;
        return;
    }
    if (*start == '[') {
        const char *end = find_chars_or_comment(start + 1, "]");
        if (*end != ']') {
            p->kind = LINE_BAD;
            fail(p, _("section line without ']'"));
            return;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(end - start - 1), start + 1);
        p->kind = LINE_SECTION;
        p->after_entry = 0;
        if (!section_known(name)) {
            if (strncmp(name, "columns.", 8) == 0)
                fail(p, _("unknown section [%s]: datasets are teilnahmen, angebote, mittel"), name);
            else if (strncmp(name, "values.", 7) == 0)
                fail(p, _("unknown section [%s]: no codebook field '%s' takes codes"), name, name + 7);
            else
                fail(p, _("unknown section [%s]"), name);
            return;
        }
        /* a mapping section may come again (its lines are rules: config_rules.c names both
         * lines of a header or value mapped two ways); a settings section may not */
        if (strncmp(name, "columns.", 8) == 0 || strncmp(name, "values.", 7) == 0)
            return;
        char what[300];
        snprintf(what, sizeof what, _("section [%s] appears twice"), name);
        once(p, name, NULL, what, _("merge the two"));
        return;
    }
    const char *eq = find_chars_or_comment(start, "=:");
    if (*eq != '=' && *eq != ':') {
        p->kind = LINE_BAD;
        fail(p, _("not a valid line: write key = value, [section] or a ; comment"));
        return;
    }
    p->kind = LINE_ENTRY;
    p->after_entry = 1;
}

/*
 * Lines for inih, which holds at most num - 1 bytes of one: it would cut a
 * longer line and parse the rest as a line of its own (an error that names the
 * next line), so a line that does not fit ends the parse and is reported.
 */
static char *read_line(char *str, int num, void *stream)
{
    config_parse *p = stream;
    int c, n = 0;
    if (p->too_long)
        return NULL;
    p->max = num - 2;
    while ((c = getc(p->f)) != EOF && c != '\n') {
        if (n >= num - 2) {
            p->too_long = p->line + 1;
            return NULL;
        }
        str[n++] = (char)c;
    }
    if (c == EOF && n == 0)
        return NULL;
    p->line++;
    if (c == '\n')
        str[n++] = '\n';
    str[n] = '\0';
    classify_line(p, str);
    return str;
}

/* Prints a problem found after the whole file was read, at line (0: none). */
static void fail_at(config_parse *p, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail_at(config_parse *p, long line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(p->path, line, NULL, "%s", msg);
    p->errors++;
}

/* Derives the file-name slug from the region name: "Kreis Herford" -> "kreis-herford". */
static int derive_slug(config *cfg)
{
    char key[KEY_MAX], slug[KEY_MAX];
    const char *name = cfg->region_name;
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
    return n == 0 ? 1 : set_string(&cfg->region_slug, slug);
}

/* The checks that need the whole file: required keys, pairs of keys, [values.kommune]. */
static void check_whole(config_parse *p)
{
    config *cfg = p->cfg;
    long region = seen_at(p, "region", NULL), name = seen_at(p, "region", "name");
    long kommunen = seen_at(p, "region", "kommunen");
    if (!region)
        fail_at(p, 0, _("no [region] section: it needs name and kommunen"));
    else if (!name)
        fail_at(p, region, _("[region] needs name (the region as the reports name it)"));
    if (region && !kommunen)
        fail_at(p, region, _("[region] needs kommunen (the municipalities, separated by ',')"));
    else if (kommunen && cfg->n_kommunen == 0)
        fail_at(p, kommunen, _("kommunen lists no municipality"));
    /* [values.kommune] lines read before [region] kommunen (config_rules.c could not check them) */
    for (size_t i = 0; i < cfg->n_rules; i++) {
        const config_rule *r = &cfg->rules[i];
        if (r->kind != RULE_VALUE || strcmp(r->field, "kommune") != 0 || strcmp(r->target, CONFIG_NOTHING) == 0)
            continue;
        int known = 0;
        for (size_t k = 0; k < cfg->n_kommunen; k++)
            known |= strcmp(cfg->kommunen[k], r->target) == 0;
        if (!known)
            fail_at(p, r->line, _("'%s' is not in [region] kommunen%s"), r->target,
                    kommunen ? "" : _(" (there is no kommunen line)"));
    }
    long placement = seen_at(p, "outcomes", "placement");
    if (placement && cfg->placement_mask == 0)
        fail_at(p, placement, _("placement lists no verbleib code: no outcome would count as a placement"));
    if (cfg->region_name && name && !cfg->region_slug && derive_slug(cfg) != 0)
        fail_at(p, name, _("[region] name gives no file-name slug: set [region] slug"));
    long amin = seen_at(p, "outcomes", "target_age_min"), amax = seen_at(p, "outcomes", "target_age_max");
    if (cfg->age_min > cfg->age_max)
        fail_at(p, amin ? amin : amax, _("target_age_min %d is above target_age_max %d%s"), cfg->age_min,
                cfg->age_max, amin && amax ? "" : _(" (the default)"));
    if (cfg->period_from[0] && cfg->period_to[0] && strcmp(cfg->period_from, cfg->period_to) > 0)
        fail_at(p, seen_at(p, "period", "to"), _("[period] to %s is before from %s (line %ld)"), cfg->period_to,
                cfg->period_from, seen_at(p, "period", "from"));
}

dbk_error config_load(const char *path, config **out)
{
    config_parse p = {0};
    dbk_error err = DBK_ERR_CONFIG;
    *out = NULL;

    p.path = path;
    if (!(p.f = fopen(path, "r"))) {
        diag_error(path, 0, NULL, _("cannot read config: %s"), strerror(errno));
        return DBK_ERR_CONFIG;
    }
    if (!(p.cfg = config_new_default()) || !(p.cfg->path = strdup(path))) {
        fclose(p.f);
        config_free(p.cfg);
        return DBK_ERR_NOMEM;
    }
    int line = ini_parse_stream(read_line, &p, handler, &p);
    int unreadable = ferror(p.f);
    fclose(p.f);
    if (line != 0 && p.errors == 0)
        fail_at(&p, line, _("not a valid ini line")); /* inih found what we did not */
    if (p.too_long) {
        fail_at(&p, p.too_long,
                _("line is longer than %d bytes: shorten it (a list such as kommunen may go on "
                "in indented lines below it)"),
                p.max);
    } else if (unreadable) {
        fail_at(&p, 0, _("cannot read config"));
    } else {
        check_whole(&p);
    }
    if (p.errors == 0 && hash_file(path, p.cfg->sha256) != DBK_OK)
        fail_at(&p, 0, _("cannot read config"));
    if (p.errors)
        goto fail;
    parse_free(&p);
    *out = p.cfg;
    return DBK_OK;
fail:
    parse_free(&p);
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

const char *config_sheet_for(const config *cfg, dataset_kind kind)
{
    return cfg->sheet[kind] ? cfg->sheet[kind] : cfg->sheet_all;
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

/*
 * suggest.c - proposing config lines for exports the config does not read yet.
 *
 * Three passes: the headers of every file give column lines (matched on the
 * codebook's names, German and English labels, known variants and spelling
 * distance; set members by their question prefix); the new config is written
 * and read back, and every value of every file is read through it, which gives
 * value lines; then the config is written again with both and read back once
 * more, so what --suggest writes is always a valid config.
 */
#include "suggest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csvreader.h"
#include "diag.h"
#include "i18n.h"
#include "header.h"
#include "normalize.h"
#include "row.h"
#include "textfold.h"

#define KEY_MAX 256
#define EXAMPLES 3
#define LINE_MAX_BYTES 190 /* below the config reader's 198 */

size_t suggest_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return cap + 1;
    if ((la > lb ? la - lb : lb - la) > cap)
        return cap + 1;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (cur[j] < best)
                best = cur[j];
        }
        if (best > cap)
            return cap + 1;
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

/* ---- Proposals ---- */

typedef struct proposal {
    char *section;  /* "columns.teilnahmen", "values.bedarfe", "input" */
    char *key;      /* section + "|" + key of the header or value: no proposal twice */
    char *comment;  /* "; ..." */
    char *line;     /* "X = y", or "; TODO ..." */
} proposal;

typedef struct proposals {
    proposal *items;
    size_t n, cap;
} proposals;

static int proposals_has(const proposals *ps, const char *key)
{
    for (size_t i = 0; i < ps->n; i++)
        if (strcmp(ps->items[i].key, key) == 0)
            return 1;
    return 0;
}

/* Adds a proposal (copies everything); a key already proposed is skipped. 0 or -1 (no memory). */
static int proposals_add(proposals *ps, const char *section, const char *key, const char *comment,
                         const char *line)
{
    char dedup[600];
    snprintf(dedup, sizeof dedup, "%s|%s", section, key);
    if (proposals_has(ps, dedup))
        return 0;
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 32;
        proposal *grown = realloc(ps->items, cap * sizeof *grown);
        if (!grown)
            return -1;
        ps->items = grown;
        ps->cap = cap;
    }
    proposal *p = &ps->items[ps->n];
    p->section = strdup(section);
    p->key = strdup(dedup);
    p->comment = strdup(comment);
    p->line = strdup(line);
    if (!p->section || !p->key || !p->comment || !p->line)
        return -1;
    ps->n++;
    return 0;
}

static void proposals_free(proposals *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        free(ps->items[i].section);
        free(ps->items[i].key);
        free(ps->items[i].comment);
        free(ps->items[i].line);
    }
    free(ps->items);
}

/* Cuts s to fit a config line of max bytes at a character boundary, "..." appended. */
static void clip(char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return;
    n = max - 3;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(s + n, "...", 4);
}

/* Copies text for a comment: control characters as '?', at most max bytes. */
static void comment_text(const char *s, char *out, size_t cap, size_t max)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++)
        out[n++] = (unsigned char)*s < 0x20 ? '?' : *s;
    out[n] = '\0';
    clip(out, max);
}

/*
 * The key side of a config line for text: as it is when inih reads it back the
 * same, else a pattern with '*' for what it cannot hold ('=', ':', " ;", a
 * leading '[' or ';' or '#'), else NULL (values take no patterns). A text too
 * long for a line becomes its start and '*' (pattern_ok) or NULL.
 */
static int ini_key(const char *text, int pattern_ok, char *out, size_t cap)
{
    size_t n = 0;
    int changed = 0;
    for (const char *c = text; *c && n + 2 < cap; c++) {
        char ch = *c;
        int bad = ch == '=' || ch == ':' || (unsigned char)ch < 0x20 || ch == '*' ||
                  (ch == ';' && c > text && (c[-1] == ' ' || c[-1] == '\t')) ||
                  (c == text && (ch == '[' || ch == ';' || ch == '#'));
        if (bad) {
            if (!pattern_ok)
                return -1;
            ch = '*';
            changed = 1;
        }
        out[n++] = ch;
    }
    out[n] = '\0';
    if (n > 120) {
        if (!pattern_ok)
            return -1;
        n = 100;
        while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80)
            n--;
        out[n++] = '*';
        out[n] = '\0';
        changed = 1;
    }
    return changed;
}

/* ---- Matching words onto fields and codes ---- */

typedef struct match {
    int score;           /* 0 none */
    const char *why;     /* "German label", "known variant", ... */
    char word[128];      /* the word that matched */
} match;

/* Scores key against one word (as written); better scores replace m. */
static void score_word(const char *key, const char *word, const char *why, match *m)
{
    char wkey[KEY_MAX];
    textfold_key(word, strlen(word), wkey, sizeof wkey);
    size_t kl = strlen(key), wl = strlen(wkey);
    int s = 0;
    const char *w = why;
    if (!wl || !kl)
        return;
    if (strcmp(key, wkey) == 0) {
        s = 100;
    } else if (wl >= 5 && strstr(key, wkey)) {
        s = 60 + (int)(wl > 30 ? 30 : wl);
        w = why;
    } else if (kl >= 5 && strstr(wkey, key)) {
        s = 50 + (int)(kl > 30 ? 30 : kl);
    } else {
        size_t cap = (kl > wl ? kl : wl) / 6;
        if (cap < 1)
            cap = 1;
        if (kl >= 4 && suggest_distance(key, wkey, cap) <= cap)
            s = 70;
    }
    if (s > m->score) {
        m->score = s;
        m->why = w;
        snprintf(m->word, sizeof m->word, "%s", word);
    }
}

/* Splits the key words (3+ letters) of text into words[][], returns their number. */
static size_t key_words(const char *text, char words[][48], size_t cap)
{
    size_t n = 0;
    for (const char *c = text; *c && n < cap;) {
        while (*c && (*c == ' ' || *c == '/' || *c == '-' || *c == '(' || *c == ')' || *c == '?' || *c == ',' ||
                      *c == '.' || *c == ':' || *c == ';'))
            c++;
        const char *b = c;
        while (*c && !(*c == ' ' || *c == '/' || *c == '-' || *c == '(' || *c == ')' || *c == '?' || *c == ',' ||
                       *c == '.' || *c == ':' || *c == ';'))
            c++;
        textfold_key(b, (size_t)(c - b), words[n], sizeof words[0]);
        if (strlen(words[n]) >= 3)
            n++;
    }
    return n;
}

/* Two words alike: equal, or sharing their first five letters ("ausland", "auslaendischer"). */
static int words_alike(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return 1;
    if (strlen(a) >= 5 && strlen(b) >= 5 && strncmp(a, b, 5) == 0)
        return 1;
    return (strlen(a) >= 6 && strstr(b, a)) || (strlen(b) >= 6 && strstr(a, b));
}

/*
 * Scores the words of text against the words of word: the share of word's words
 * found in text (30..59), so "im Ausland erworben, nicht anerkannt" is nearer to
 * "ausländischer Abschluss (nicht anerkannt)" than to "... (anerkannt)".
 */
static void score_words(const char *text, const char *word, const char *why, match *m)
{
    char tw[16][48], ww[16][48];
    size_t nt = key_words(text, tw, 16), nw = key_words(word, ww, 16), hit = 0;
    if (!nt || !nw)
        return;
    for (size_t i = 0; i < nw; i++) {
        int found = 0;
        for (size_t j = 0; j < nt && !found; j++)
            found = words_alike(ww[i], tw[j]);
        hit += (size_t)found;
    }
    if (!hit)
        return;
    int s = 30 + (int)(29 * hit / nw) - (int)(nt > hit ? (nt - hit) : 0);
    if (s > 59)
        s = 59;
    if (s > m->score) {
        m->score = s;
        m->why = why;
        snprintf(m->word, sizeof m->word, "%s", word);
    }
}

/* The best field of dataset kind for a header text; its index or -1 (ties: -2, *second set). */
static int field_for_header(dataset_kind kind, const char *text, match *best, int *second, int want_set,
                            const int *taken)
{
    const codebook_dataset *ds = codebook_dataset_get(kind);
    char key[KEY_MAX];
    int found = -1, tie = 0;
    textfold_key(text, strlen(text), key, sizeof key);
    best->score = 0;
    *second = -1;
    for (size_t f = 0; f < ds->n_fields; f++) {
        const codebook_field_words *w = codebook_field_words_get(kind, f);
        match m = {0, NULL, ""};
        if (taken && taken[f])
            continue; /* another column is that field already */
        score_word(key, ds->fields[f].name, "the codebook's name", &m);
        score_word(key, w->de, "the German label", &m);
        score_word(key, w->en, "the English label", &m);
        for (int v = 0; w->variants[v]; v++)
            score_word(key, w->variants[v], "a known header", &m);
        if (m.score < 50) {
            score_words(text, w->de, "a word of the German label", &m);
            for (int v = 0; w->variants[v]; v++)
                score_words(text, w->variants[v], "a word of a known header", &m);
        }
        if (m.score && want_set >= 0 && (ds->fields[f].type == FIELD_SET) != want_set)
            m.score -= 30;
        if (m.score > best->score) {
            *second = found;
            *best = m;
            found = (int)f;
            tie = 0;
        } else if (m.score && m.score == best->score) {
            tie = 1;
            *second = (int)f;
        }
    }
    /* "massnahme/bedarf", "person-fallnr": the last segment of a group path, if it decides */
    const char *seg = strrchr(text, '/');
    if (!seg && !strchr(text, ' '))
        seg = strrchr(text, '-');
    if (seg && seg[1]) {
        match sm;
        int ssecond, sf = field_for_header(kind, seg + 1, &sm, &ssecond, want_set, taken);
        if (sf >= 0 && (sm.score >= best->score || tie || best->score < 40)) {
            *best = sm;
            *second = ssecond;
            return sf;
        }
    }
    if (best->score < 40)
        return -1;
    return tie ? -2 : found;
}

/* The config's lines of [values.field] (and of fallback) that the text contains: known variants. */
static void score_config_words(const config *cfg, const char *field, const char *const *codes, const char *text,
                               int *scores, match *ms)
{
    char key[KEY_MAX];
    textfold_key(text, strlen(text), key, sizeof key);
    for (size_t i = 0; cfg && i < cfg->n_rules; i++) {
        const config_rule *r = &cfg->rules[i];
        if (r->kind != RULE_VALUE || strcmp(r->field, field) != 0 || strlen(r->key) < 4)
            continue;
        int c = codebook_code_index(codes, r->target);
        if (c < 0 || !strstr(key, r->key))
            continue;
        int s = 55 + (int)(strlen(r->key) > 20 ? 20 : strlen(r->key));
        if (s > scores[c]) {
            scores[c] = s;
            ms[c].score = s;
            ms[c].why = "a value the config knows";
            snprintf(ms[c].word, sizeof ms[c].word, "%s", r->raw);
        }
    }
}

/* The best code of codes[] for a value text; its index, -1 none, -2 a tie (*second set). */
static int code_for_value(const config *cfg, const char *field, const char *const *codes, const char *text,
                          match *best, int *second)
{
    int scores[32] = {0};
    match ms[32];
    memset(ms, 0, sizeof ms);
    score_config_words(cfg, field, codes, text, scores, ms);
    char key[KEY_MAX];
    int found = -1, tie = 0;
    textfold_key(text, strlen(text), key, sizeof key);
    best->score = 0;
    *second = -1;
    for (int i = 0; codes[i]; i++) {
        const codebook_label *l = codebook_label_of(codes, i);
        match m = ms[i];
        score_word(key, codes[i], "the code", &m);
        if (l) {
            score_word(key, l->de, "the German label", &m);
            score_word(key, l->en, "the English label", &m);
            if (m.score < 50)
                score_words(text, l->de, "a word of the German label", &m);
        }
        if (m.score > best->score) {
            *second = found;
            *best = m;
            found = i;
            tie = 0;
        } else if (m.score && m.score == best->score) {
            tie = 1;
            *second = i;
        }
    }
    if (best->score < 40)
        return -1;
    return tie ? -2 : found;
}

/* ---- What a file holds ---- */

typedef struct column_stats {
    long filled;                       /* rows with a value */
    char examples[EXAMPLES][64];       /* first distinct values */
    int n_examples;
} column_stats;

typedef struct unknown_value {
    int field;                         /* field index, or -1 for a per-option column ([values.auswahl]) */
    char key[KEY_MAX];
    char raw[128];
    long count;
    long first_line;
} unknown_value;

typedef struct file_scan {
    const char *path;
    dataset_kind kind;
    csv_record hdr;                    /* copies of the header texts in headers */
    char **headers;
    size_t n_columns;
    header_map *map;
    column_stats *stats;
    long rows;
    unknown_value *unknown;
    size_t n_unknown, cap_unknown;
    long slash_dates, slash_mdy_ok, slash_dmy_ok;
    long rejected_other;               /* rows still rejected for other reasons */
} file_scan;

static void add_example(column_stats *st, const char *s, size_t len)
{
    if (!len)
        return;
    st->filled++;
    if (st->n_examples == EXAMPLES)
        return;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*s", (int)(len > 40 ? 40 : len), s);
    for (int i = 0; i < st->n_examples; i++)
        if (strcmp(st->examples[i], buf) == 0)
            return;
    snprintf(st->examples[st->n_examples++], sizeof st->examples[0], "%s", buf);
}

static int add_unknown(file_scan *fs, int field, const char *s, size_t len, long line)
{
    char key[KEY_MAX];
    textfold_key(s, len, key, sizeof key);
    for (size_t i = 0; i < fs->n_unknown; i++) {
        if (fs->unknown[i].field == field && strcmp(fs->unknown[i].key, key) == 0) {
            fs->unknown[i].count++;
            return 0;
        }
    }
    if (fs->n_unknown == fs->cap_unknown) {
        size_t cap = fs->cap_unknown ? fs->cap_unknown * 2 : 16;
        unknown_value *grown = realloc(fs->unknown, cap * sizeof *grown);
        if (!grown)
            return -1;
        fs->unknown = grown;
        fs->cap_unknown = cap;
    }
    unknown_value *u = &fs->unknown[fs->n_unknown++];
    u->field = field;
    snprintf(u->key, sizeof u->key, "%s", key);
    snprintf(u->raw, sizeof u->raw, "%.*s", (int)(len > 120 ? 120 : len), s);
    u->count = 1;
    u->first_line = line;
    return 0;
}

static void scan_free(file_scan *fs)
{
    for (size_t c = 0; fs->headers && c < fs->n_columns; c++)
        free(fs->headers[c]);
    free(fs->headers);
    header_map_free(fs->map);
    free(fs->stats);
    free(fs->unknown);
    memset(fs, 0, sizeof *fs);
}

/* The dataset of a file: --dataset, the config's pattern, else teilnahmen. */
static dataset_kind kind_of(const config *cfg, const suggest_options *opt, const char *path)
{
    dataset_kind kind = DATASET_TEILNAHMEN;
    if (opt->dataset_forced)
        return opt->kind;
    if (config_dataset_for_file(cfg, path, &kind) != 0)
        kind = DATASET_TEILNAHMEN;
    return kind;
}

/* A date written d/m/y or m/d/y: counts how it reads in each order (for [input] date_order). */
static void count_slash_date(file_scan *fs, const char *s, size_t len)
{
    char out[11];
    const char *reason;
    if (len < 6 || !memchr(s, '/', len) || (len > 4 && s[4] == '/'))
        return;
    fs->slash_dates++;
    fs->slash_mdy_ok += normalize_date_ordered(s, len, DATE_ORDER_MDY, 2100, out, &reason) == NORM_OK;
    fs->slash_dmy_ok += normalize_date_ordered(s, len, DATE_ORDER_DMY, 2100, out, &reason) == NORM_OK;
}

/*
 * Reads a file with cfg: the header analysed, every value of a mapped column
 * normalised; what does not read is collected. Returns DBK_OK or an error (printed).
 */
static dbk_error scan_file(const config *base, const country_table *countries, const suggest_options *opt,
                           const char *path, file_scan *fs)
{
    config *cfg = NULL;
    csv_reader *reader = NULL;
    csv_record rec;
    dbk_error err;
    memset(fs, 0, sizeof *fs);
    fs->path = path;
    fs->kind = kind_of(base, opt, path);
    if ((err = config_for_file(base, path, &cfg)) != DBK_OK)
        return err;
    csv_reader_options ropt = {cfg->encoding, cfg->delimiter, 0, config_sheet_for(cfg, fs->kind)};
    if ((err = csv_reader_open_header(path, &ropt, &reader, &rec)) != DBK_OK)
        goto done;
    err = DBK_ERR_NOMEM;
    fs->n_columns = rec.n_fields;
    if (!(fs->headers = calloc(rec.n_fields + 1, sizeof *fs->headers)) ||
        !(fs->stats = calloc(rec.n_fields + 1, sizeof *fs->stats)))
        goto done;
    for (size_t c = 0; c < rec.n_fields; c++) {
        char *t = rec.fields[c];
        size_t l = textfold_trim(&t, rec.lens[c]);
        if (!(fs->headers[c] = strndup(t, l)))
            goto done;
    }
    if (header_map_analyse(cfg, fs->kind, &rec, &fs->map) != DBK_OK)
        goto done;
    const codebook_dataset *ds = codebook_dataset_get(fs->kind);
    /* as ingest reads them (two-digit years into the past), without the check against today */
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    row_context ctx = {cfg, countries, fs->map, tm.tm_year + 1900, ""};
    row_values *vals = calloc(1, sizeof *vals);
    if (!vals)
        goto done;
    /* Set fields whose summary column has per-option columns beside it ("Q" and "Q/option"). */
    int options_of[HEADER_MAX_FIELDS] = {0};
    for (size_t f = 0; f < ds->n_fields; f++) {
        long sc = fs->map->field_column[f];
        if (sc < 0)
            continue;
        size_t hl = strlen(fs->headers[sc]);
        for (size_t c = 0; c < fs->n_columns && !options_of[f]; c++)
            options_of[f] = (size_t)sc != c && strncmp(fs->headers[c], fs->headers[sc], hl) == 0 &&
                            (fs->headers[c][hl] == '/' || fs->headers[c][hl] == ' ' || fs->headers[c][hl] == '[');
    }
    int got;
    while ((got = csv_reader_next(reader, &rec)) > 0) {
        int blank = 1;
        for (size_t c = 0; c < rec.n_fields && blank; c++)
            blank = textfold_is_blank(rec.fields[c], rec.lens[c]);
        if (blank || header_map_is_repeat(fs->map, &rec))
            continue;
        fs->rows++;
        for (size_t c = 0; c < rec.n_fields && c < fs->n_columns; c++) {
            char *v = rec.fields[c];
            size_t l = textfold_trim(&v, rec.lens[c]);
            add_example(&fs->stats[c], v, l);
        }
        int bad = 0;
        for (size_t f = 0; f < ds->n_fields; f++) {
            long c = fs->map->field_column[f];
            int members = 0;
            for (size_t m = 0; m < fs->map->n_members; m++)
                members |= fs->map->members[m].field == (int)f;
            if (c < 0 || (size_t)c >= rec.n_fields || (ds->fields[f].type == FIELD_SET && (members || options_of[f])))
                continue; /* a summary column the per-option columns stand in for */
            char *v = rec.fields[c];
            size_t l = textfold_trim(&v, rec.lens[c]);
            v[l] = '\0';
            const char *reason;
            const codebook_field *fd = &ds->fields[f];
            if (fd->type == FIELD_DATE)
                count_slash_date(fs, v, l);
            if (row_normalize_field(&ctx, fd, (int)f, v, l, vals, &reason) != NORM_INVALID)
                continue;
            bad = 1;
            if (fd->type == FIELD_SET) {
                /* the items that do not read, one by one */
                size_t start = 0;
                for (size_t i = 0; i <= l; i++) {
                    if (i < l && !strchr(";,|/\n\r", v[i]))
                        continue;
                    char *item = v + start;
                    size_t il = textfold_trim(&item, i - start);
                    start = i + 1;
                    char one[160];
                    const char *fb = strcmp(fd->name, "zugang") == 0 ? "aufenthaltsstatus" : NULL;
                    if (!il || normalize_set(cfg, fd->name, fb, fd->codes, item, il, one, sizeof one, &reason) !=
                                   NORM_INVALID)
                        continue;
                    /* words that are choice names ("schule deutsch wohnen": lower case, digits, _) are
                     * members one by one; words of a label ("Arbeit finden") belong together */
                    int names = 1;
                    for (size_t k = 0; k < il && names; k++)
                        names = (item[k] >= 'a' && item[k] <= 'z') || (item[k] >= '0' && item[k] <= '9') ||
                                item[k] == '_' || item[k] == ' ';
                    if (!memchr(item, ' ', il) || !names) {
                        if (add_unknown(fs, (int)f, item, il, rec.line) != 0)
                            goto nomem;
                        continue;
                    }
                    /* "schule deutsch wohnen" (Kobo, ODK): the words that do not read, one by one */
                    for (size_t w = 0; w < il;) {
                        while (w < il && item[w] == ' ')
                            w++;
                        size_t b = w;
                        while (w < il && item[w] != ' ')
                            w++;
                        if (w > b &&
                            normalize_set(cfg, fd->name, fb, fd->codes, item + b, w - b, one, sizeof one, &reason) ==
                                NORM_INVALID &&
                            add_unknown(fs, (int)f, item + b, w - b, rec.line) != 0)
                            goto nomem;
                    }
                }
            } else if (fd->type == FIELD_CODE || fd->type == FIELD_CEFR || fd->type == FIELD_KOMMUNE ||
                       fd->type == FIELD_BAUSTEIN || fd->type == FIELD_BOOL || fd->type == FIELD_COUNTRY ||
                       fd->type == FIELD_DATE) {
                if (add_unknown(fs, (int)f, v, l, rec.line) != 0)
                    goto nomem;
            }
        }
        for (size_t m = 0; m < fs->map->n_members; m++) {
            size_t c = fs->map->members[m].column;
            if (c >= rec.n_fields)
                continue;
            char *v = rec.fields[c];
            size_t l = textfold_trim(&v, rec.lens[c]);
            const codebook_field *fd = &ds->fields[fs->map->members[m].field];
            int yes;
            const char *reason;
            if (normalize_member(cfg, fd->name, fd->codes, fs->map->members[m].member, v, l, &yes, &reason) ==
                NORM_INVALID) {
                bad = 1;
                if (add_unknown(fs, -1, v, l, rec.line) != 0)
                    goto nomem;
            }
        }
        (void)bad;
    }
    free(vals);
    err = got < 0 ? DBK_ERR_IO : DBK_OK;
    goto done;
nomem:
    free(vals);
    err = DBK_ERR_NOMEM;
done:
    csv_reader_free(reader);
    config_free(cfg);
    return err;
}

/* ---- Proposals from a scan ---- */

static void examples_text(const column_stats *st, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < st->n_examples && n + 8 < cap; i++) {
        char ex[64];
        comment_text(st->examples[i], ex, sizeof ex, 30);
        n += (size_t)snprintf(out + n, cap - n, "%s'%s'", i ? ", " : "", ex);
    }
}

/* The question prefix of a per-option column: "Q/option" (Kobo), "Q [option]" or "Q[SQ001]" (LimeSurvey). */
static int split_option(const char *text, char *question, size_t qcap, char *option, size_t ocap)
{
    size_t n = strlen(text);
    if (n > 2 && text[n - 1] == ']') {
        const char *open = strrchr(text, '[');
        if (open && open > text) {
            size_t ql = (size_t)(open - text);
            while (ql > 0 && text[ql - 1] == ' ')
                ql--;
            snprintf(question, qcap, "%.*s", (int)ql, text);
            snprintf(option, ocap, "%.*s", (int)(text + n - 1 - open - 1), open + 1);
            return ql > 0;
        }
    }
    const char *slash = strrchr(text, '/');
    if (slash && slash > text && slash[1]) {
        snprintf(question, qcap, "%.*s", (int)(slash - text), text);
        snprintf(option, ocap, "%s", slash + 1);
        return 1;
    }
    return 0;
}

static int propose_columns(const file_scan *fs, proposals *ps)
{
    const codebook_dataset *ds = codebook_dataset_get(fs->kind);
    char section[64], comment[600], line[600], key[KEY_MAX], ex[200], pkey[400];
    int taken[HEADER_MAX_FIELDS];
    snprintf(section, sizeof section, "columns.%s", ds->name);
    for (size_t f = 0; f < ds->n_fields; f++)
        taken[f] = fs->map->field_column[f] >= 0;
    for (size_t m = 0; m < fs->map->n_members; m++)
        taken[fs->map->members[m].field] = 1;

    /* Questions of per-option columns first: "Q/option", "Q [option]" of unknown columns. */
    for (size_t c = 0; c < fs->n_columns; c++) {
        if (fs->map->columns[c].status != COLUMN_UNKNOWN)
            continue;
        char question[400], option[200];
        if (!split_option(fs->headers[c], question, sizeof question, option, sizeof option))
            continue;
        size_t siblings = 0;
        for (size_t d = 0; d < fs->n_columns; d++) {
            char q2[400], o2[200];
            siblings += fs->map->columns[d].status == COLUMN_UNKNOWN &&
                        split_option(fs->headers[d], q2, sizeof q2, o2, sizeof o2) && strcmp(q2, question) == 0;
        }
        int summary = strchr(fs->headers[c], '[') != NULL, mapped = 0; /* LimeSurvey's Q[SQ001] need none */
        for (size_t d = 0; d < fs->n_columns; d++) {
            if (strcmp(fs->headers[d], question) != 0)
                continue;
            summary = 1;
            mapped = fs->map->columns[d].status == COLUMN_FIELD;
        }
        if (siblings < 2 || !summary || mapped)
            continue; /* "group/question" is a group path; a mapped question needs no line */
        match m;
        int second, f = field_for_header(fs->kind, question, &m, &second, 1, taken);
        textfold_key(question, strlen(question), key, sizeof key);
        snprintf(pkey, sizeof pkey, "%s|%s", section, key);
        if (proposals_has(ps, pkey))
            continue;
        char qtext[200];
        comment_text(question, qtext, sizeof qtext, 90);
        if (f >= 0 && ds->fields[f].type == FIELD_SET) {
            if (ini_key(question, 1, line, sizeof line) < 0)
                continue;
            snprintf(comment, sizeof comment, "; question '%s' of %zu per-option columns: %s '%s' of %s", qtext,
                     siblings, m.why, m.word, ds->fields[f].name);
            snprintf(line + strlen(line), sizeof line - strlen(line), " = %s", ds->fields[f].name);
            taken[f] = 1;
        } else {
            snprintf(comment, sizeof comment, "; TODO question '%s' of %zu per-option columns: which set field?",
                     qtext, siblings);
            snprintf(line, sizeof line, "; %s = bedarfe (or zugang)", qtext);
        }
        clip(comment, LINE_MAX_BYTES);
        if (proposals_add(ps, section, key, comment, line) != 0)
            return -1;
    }
    /* Single columns. */
    for (size_t c = 0; c < fs->n_columns; c++) {
        const header_column *col = &fs->map->columns[c];
        if (col->status != COLUMN_UNKNOWN)
            continue;
        char question[400], option[200];
        if (split_option(fs->headers[c], question, sizeof question, option, sizeof option)) {
            textfold_key(question, strlen(question), key, sizeof key);
            snprintf(pkey, sizeof pkey, "%s|%s", section, key);
            int summary = proposals_has(ps, pkey);
            for (size_t d = 0; d < fs->n_columns && !summary; d++)
                summary = d != c && strcmp(fs->headers[d], question) == 0 &&
                          fs->map->columns[d].status == COLUMN_FIELD &&
                          ds->fields[fs->map->columns[d].field].type == FIELD_SET;
            if (summary)
                continue; /* a member column: its question is mapped or proposed; options come below */
        }
        textfold_key(fs->headers[c], strlen(fs->headers[c]), key, sizeof key);
        match m;
        int second, f = field_for_header(fs->kind, fs->headers[c], &m, &second, -1, taken);
        char htext[200];
        comment_text(fs->headers[c], htext, sizeof htext, 80);
        examples_text(&fs->stats[c], ex, sizeof ex);
        int pat = ini_key(fs->headers[c], 1, line, sizeof line);
        if (pat < 0)
            continue;
        if (f >= 0) {
            snprintf(comment, sizeof comment, "; column %zu '%s' (%ld of %ld rows, e.g. %s): %s '%s'", c + 1, htext,
                     fs->stats[c].filled, fs->rows, ex, m.why, m.word);
            snprintf(line + strlen(line), sizeof line - strlen(line), " = %s", ds->fields[f].name);
            taken[f] = 1;
        } else {
            const char *what = f == -2 ? "two fields fit equally" : "no free codebook field fits";
            snprintf(comment, sizeof comment, "; TODO column %zu '%s' (%ld of %ld rows, e.g. %s): %s; ignore it with:",
                     c + 1, htext, fs->stats[c].filled, fs->rows, ex, what);
            char body[sizeof line + 8];
            snprintf(body, sizeof body, "; %s = -", line);
            clip(body, LINE_MAX_BYTES);
            memcpy(line, body, strlen(body) + 1);
        }
        clip(comment, LINE_MAX_BYTES);
        if (proposals_add(ps, section, key, comment, line) != 0)
            return -1;
    }
    return 0;
}

/* Per-option columns whose question the config now maps onto a set: their options become value lines. */
static int propose_options(const file_scan *fs, const config *cfg, proposals *ps)
{
    const codebook_dataset *ds = codebook_dataset_get(fs->kind);
    char comment[600], line[600], key[KEY_MAX], section[64], otext[200], htext[200];
    for (size_t c = 0; c < fs->n_columns; c++) {
        char question[400], option[200];
        if (fs->map->columns[c].status != COLUMN_UNKNOWN ||
            !split_option(fs->headers[c], question, sizeof question, option, sizeof option))
            continue;
        textfold_key(question, strlen(question), key, sizeof key);
        const char *target = strmap_get(cfg->columns[fs->kind], key);
        int f = target ? codebook_field_index(ds, target) : -1;
        for (size_t d = 0; d < fs->n_columns && f < 0; d++)
            if (fs->map->columns[d].status == COLUMN_FIELD && strcmp(fs->headers[d], question) == 0)
                f = fs->map->columns[d].field; /* the summary column, mapped already */
        if (f < 0 || ds->fields[f].type != FIELD_SET)
            continue;
        const codebook_field *fd = &ds->fields[f];
        const char *vfield = strcmp(fd->name, "zugang") == 0 ? "aufenthaltsstatus" : fd->name;
        match m;
        int second, code = code_for_value(cfg, vfield, fd->codes, option, &m, &second);
        comment_text(option, otext, sizeof otext, 60);
        comment_text(fs->headers[c], htext, sizeof htext, 70);
        int ok = ini_key(option, 0, line, sizeof line) == 0;
        if (code >= 0 && ok) {
            snprintf(section, sizeof section, "values.%s", vfield);
            snprintf(comment, sizeof comment, "; option '%s' of column %zu '%s' (%ld chosen or not): %s '%s'", otext,
                     c + 1, htext, fs->stats[c].filled, m.why, m.word);
            snprintf(line + strlen(line), sizeof line - strlen(line), " = %s", fd->codes[code]);
            textfold_key(option, strlen(option), key, sizeof key);
        } else {
            /* LimeSurvey's SQ001: only the person who built the survey knows which member it is */
            snprintf(section, sizeof section, "columns.%s", ds->name);
            snprintf(comment, sizeof comment, "; TODO column %zu '%s': which member of %s is option '%s'?", c + 1,
                     htext, fd->name, otext);
            char hk[300];
            if (ini_key(fs->headers[c], 1, hk, sizeof hk) < 0)
                continue;
            snprintf(line, sizeof line, "; %s = %s.?", hk, fd->name);
            textfold_key(fs->headers[c], strlen(fs->headers[c]), key, sizeof key);
        }
        clip(comment, LINE_MAX_BYTES);
        if (proposals_add(ps, section, key, comment, line) != 0)
            return -1;
    }
    return 0;
}

static int propose_values(const file_scan *fs, const config *cfg, proposals *ps)
{
    const codebook_dataset *ds = codebook_dataset_get(fs->kind);
    char section[64], comment[600], line[600], vtext[200], keytext[300];
    if (propose_options(fs, cfg, ps) != 0)
        return -1;
    for (size_t i = 0; i < fs->n_unknown; i++) {
        const unknown_value *u = &fs->unknown[i];
        const codebook_field *fd = u->field >= 0 ? &ds->fields[u->field] : NULL;
        const char *field = fd ? fd->name : "auswahl";
        if (fd && fd->type == FIELD_DATE)
            continue; /* dates: below, by their order */
        snprintf(section, sizeof section, "values.%s", strcmp(field, "zugang") == 0 ? "aufenthaltsstatus" : field);
        comment_text(u->raw, vtext, sizeof vtext, 80);
        int ok = ini_key(u->raw, 0, keytext, sizeof keytext) == 0;
        const char *target = NULL, *why = NULL;
        char word[128] = "", buf[16];
        match m;
        int second = -1;
        if (fd && fd->codes) {
            int c = code_for_value(cfg, strcmp(field, "zugang") == 0 ? "aufenthaltsstatus" : field, fd->codes,
                                   u->raw, &m, &second);
            if (c >= 0) {
                target = fd->codes[c];
                why = m.why;
                snprintf(word, sizeof word, "%s", m.word);
            } else if (c == -2) {
                why = "two codes fit equally";
            }
        } else if (fd && fd->type == FIELD_KOMMUNE) {
            char key[KEY_MAX], kkey[KEY_MAX];
            textfold_key(u->raw, strlen(u->raw), key, sizeof key);
            for (size_t k = 0; k < cfg->n_kommunen; k++) {
                textfold_key(cfg->kommunen[k], strlen(cfg->kommunen[k]), kkey, sizeof kkey);
                if ((strlen(kkey) >= 4 && strstr(key, kkey)) || suggest_distance(key, kkey, 2) <= 2) {
                    why = target ? "two municipalities fit" : "a municipality of [region] kommunen";
                    target = target ? NULL : cfg->kommunen[k];
                    if (!target)
                        break;
                    snprintf(word, sizeof word, "%s", cfg->kommunen[k]);
                }
            }
        } else if (fd && fd->type == FIELD_BAUSTEIN) {
            for (const char *c = u->raw; *c; c++) {
                if (*c >= '1' && *c <= '6' && (c == u->raw || c[-1] < '0' || c[-1] > '9') && (c[1] < '0' || c[1] > '9')) {
                    snprintf(buf, sizeof buf, "%c", *c);
                    target = buf;
                    why = "the number in it";
                    break;
                }
            }
        }
        if (target && ok) {
            snprintf(comment, sizeof comment, "; value '%s' of %s (%ld rows, first in line %ld): %s%s%s%s", vtext,
                     fd ? fd->name : "a per-option column", u->count, u->first_line, why, *word ? " '" : "", word,
                     *word ? "'" : "");
            snprintf(line, sizeof line, "%s = %s", keytext, target);
        } else {
            char codes[300] = "";
            size_t n = 0;
            for (int c = 0; fd && fd->codes && fd->codes[c] && n + 24 < sizeof codes; c++)
                n += (size_t)snprintf(codes + n, sizeof codes - n, "%s%s", c ? ", " : "", fd->codes[c]);
            snprintf(comment, sizeof comment, "; TODO value '%s' of %s (%ld rows, first in line %ld): %s%s%s", vtext,
                     fd ? fd->name : "a per-option column", u->count, u->first_line,
                     why ? why : "no code fits", *codes ? "; codes: " : "", codes);
            snprintf(line, sizeof line, "; %s = %s", ok ? keytext : vtext,
                     fd && fd->type == FIELD_COUNTRY ? "ISO-3-CODE" : fd ? "?" : "1, 0 or -");
        }
        clip(comment, LINE_MAX_BYTES);
        clip(line, LINE_MAX_BYTES);
        if (proposals_add(ps, section, u->key, comment, line) != 0)
            return -1;
    }
    if (fs->slash_dates) {
        char c[400];
        const char *order = NULL;
        if (fs->slash_mdy_ok == fs->slash_dates && fs->slash_dmy_ok < fs->slash_dates)
            order = "mdy";
        else if (fs->slash_dmy_ok == fs->slash_dates && fs->slash_mdy_ok < fs->slash_dates)
            order = "dmy";
        if (order) {
            snprintf(c, sizeof c, "; %ld dates written with slashes in %s: all read as %s, not all the other way",
                     fs->slash_dates, fs->path, order);
            snprintf(line, sizeof line, "date_order = %s", order);
        } else {
            snprintf(c, sizeof c, "; TODO %ld dates written with slashes in %s read either way: which order?",
                     fs->slash_dates, fs->path);
            snprintf(line, sizeof line, "; date_order = dmy (or mdy)");
        }
        clip(c, LINE_MAX_BYTES);
        if (proposals_add(ps, "input", "date_order", c, line) != 0)
            return -1;
    }
    return 0;
}

/* ---- Writing the config ---- */

/* Reads a whole file; NULL on error (errno set). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown) {
                free(buf);
                buf = NULL;
            }
            buf = grown;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* The section a line opens ("[values.x]" -> "values.x"), or 0. */
static int section_of(const char *line, size_t len, char *out, size_t cap)
{
    while (len && (*line == ' ' || *line == '\t')) {
        line++;
        len--;
    }
    if (!len || *line != '[')
        return 0;
    const char *end = memchr(line, ']', len);
    if (!end)
        return 0;
    snprintf(out, cap, "%.*s", (int)(end - line - 1), line + 1);
    return 1;
}

static void write_proposals_of(FILE *out, const proposals *ps, const char *section, int *done)
{
    for (size_t i = 0; i < ps->n; i++) {
        if (done[i] || strcmp(ps->items[i].section, section) != 0)
            continue;
        fprintf(out, "%s\n%s\n", ps->items[i].comment, ps->items[i].line);
        done[i] = 1;
    }
}

/* Writes text with the proposals inserted at the end of their sections; new sections at the end. */
static int write_config(const char *path, const char *text, const proposals *ps)
{
    char tmp[4096], section[256] = "";
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *out = fopen(tmp, "w");
    int *done = calloc(ps->n + 1, sizeof *done);
    if (!out || !done) {
        if (out)
            fclose(out);
        free(done);
        return -1;
    }
    /* Lines are copied; before a line that opens a section (or at the end), the proposals of the
     * section that ends there are written, after its last non-blank line. */
    const char *p = text;
    size_t pending_blank = 0;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char next[256];
        int blank = textfold_is_blank(p, len);
        if (section_of(p, len, next, sizeof next)) {
            if (section[0])
                write_proposals_of(out, ps, section, done);
            snprintf(section, sizeof section, "%s", next);
        }
        if (blank) {
            pending_blank++;
        } else {
            for (; pending_blank; pending_blank--)
                fputc('\n', out);
            fwrite(p, 1, len, out);
            fputc('\n', out);
        }
        p += len + (nl ? 1 : 0);
        if (blank && !*p)
            break;
        if (blank) {
            /* keep blank lines inside a section where they were, unless the section ends next */
            const char *q = p;
            while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
                q++;
            if (*q != '[' && *q) {
                for (; pending_blank; pending_blank--)
                    fputc('\n', out);
            }
        }
    }
    if (section[0])
        write_proposals_of(out, ps, section, done);
    for (size_t i = 0; i < ps->n; i++) {
        if (done[i])
            continue;
        fprintf(out, "\n; ---- proposed by durchblick-ingest --suggest ----\n[%s]\n", ps->items[i].section);
        write_proposals_of(out, ps, ps->items[i].section, done);
    }
    free(done);
    int bad = ferror(out);
    if (fclose(out) != 0 || bad || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* ---- The table on a terminal ---- */

/* Prints s padded to width characters (UTF-8: a character is one column). */
static void pad(FILE *t, const char *s, int width)
{
    int chars = 0;
    for (const char *c = s; *c; c++)
        chars += ((unsigned char)*c & 0xC0) != 0x80;
    fputs(s, t);
    for (; chars < width; chars++)
        fputc(' ', t);
}

static void print_table(FILE *t, const file_scan *fs, const proposals *ps)
{
    const codebook_dataset *ds = codebook_dataset_get(fs->kind);
    fprintf(t, _("\n%s (%s%s%s, %ld rows)\n"), fs->path, ds->name, fs->map->tool ? ", " : "",
            fs->map->tool ? fs->map->tool : "", fs->rows);
    for (size_t c = 0; c < fs->n_columns; c++) {
        const header_column *col = &fs->map->columns[c];
        char h[64];
        comment_text(fs->headers[c], h, sizeof h, 40);
        if (col->status == COLUMN_EMPTY)
            continue;
        fputs("  ", t);
        pad(t, h, 42);
        switch (col->status) {
        case COLUMN_FIELD:
            fprintf(t, " -> %s\n", ds->fields[col->field].name);
            break;
        case COLUMN_MEMBER:
            fprintf(t, " -> %s.%s\n", ds->fields[col->field].name,
                    ds->fields[col->field].codes[col->member]);
            break;
        case COLUMN_METADATA:
            fprintf(t, _("    ignored (%s's own column)\n"), col->tool ? col->tool : _("the survey tool"));
            break;
        case COLUMN_IGNORED:
            fputs(_("    ignored (config)\n"), t);
            break;
        case COLUMN_IDENTIFIER:
            fprintf(t, _("    refused: names an identifier (%s)\n"), col->tool);
            break;
        case COLUMN_DUPLICATE:
            fprintf(t, _("    refused: a second column onto %s\n"), ds->fields[col->field].name);
            break;
        case COLUMN_EMPTY:
            break;
        default:
            fputs(_("    not mapped\n"), t);
        }
    }
    if (fs->n_unknown)
        fputs(_("  values not recognised:\n"), t);
    for (size_t i = 0; i < fs->n_unknown; i++) {
        const unknown_value *u = &fs->unknown[i];
        char v[64];
        comment_text(u->raw, v, sizeof v, 40);
        fputs("    ", t);
        pad(t, u->field >= 0 ? ds->fields[u->field].name : _("(per-option)"), 20);
        fputc(' ', t);
        pad(t, v, 42);
        fprintf(t, " %5ld x\n", u->count);
    }
    (void)ps;
}

dbk_error suggest_run(const config *cfg, const country_table *countries, const suggest_options *opt,
                      char *const *paths, size_t n)
{
    proposals ps = {0};
    dbk_error err = DBK_OK;
    char *text = slurp(opt->config_path);
    config *next = NULL;
    file_scan fs;
    if (!text) {
        diag_error(opt->config_path, 0, NULL, _("cannot read config: %s"), strerror(errno));
        return DBK_ERR_IO;
    }
    /* 1: headers */
    for (size_t i = 0; i < n && err == DBK_OK; i++) {
        if ((err = scan_file(cfg, countries, opt, paths[i], &fs)) == DBK_OK && propose_columns(&fs, &ps) != 0)
            err = DBK_ERR_NOMEM;
        scan_free(&fs);
    }
    if (err != DBK_OK)
        goto done;
    /* 2: values, read through the config with the column lines */
    if (write_config(opt->out_path, text, &ps) != 0) {
        diag_error(opt->out_path, 0, NULL, _("cannot write the proposed config: %s"), strerror(errno));
        err = DBK_ERR_IO;
        goto done;
    }
    if (config_load(opt->out_path, &next) != DBK_OK) {
        diag_error(opt->out_path, 0, NULL,
                   _("the proposed config does not read back (a bug: please report it)"));
        err = DBK_ERR_CONFIG;
        goto done;
    }
    size_t columns_only = ps.n;
    for (size_t i = 0; i < n && err == DBK_OK; i++) {
        if ((err = scan_file(next, countries, opt, paths[i], &fs)) == DBK_OK && propose_values(&fs, next, &ps) != 0)
            err = DBK_ERR_NOMEM;
        if (err == DBK_OK && opt->table)
            print_table(opt->table, &fs, &ps);
        scan_free(&fs);
    }
    if (err != DBK_OK)
        goto done;
    /* 3: both, read back once more */
    if (ps.n > columns_only) {
        config_free(next);
        next = NULL;
        if (write_config(opt->out_path, text, &ps) != 0) {
            diag_error(opt->out_path, 0, NULL, _("cannot write the proposed config: %s"), strerror(errno));
            err = DBK_ERR_IO;
            goto done;
        }
        if (config_load(opt->out_path, &next) != DBK_OK) {
            diag_error(opt->out_path, 0, NULL,
                       _("the proposed config does not read back (a bug: please report it)"));
            err = DBK_ERR_CONFIG;
            goto done;
        }
    }
    size_t todo = 0;
    for (size_t i = 0; i < ps.n; i++)
        todo += strncmp(ps.items[i].comment, "; TODO", 6) == 0;
    diag_info(_("%s: %zu lines proposed, %zu left as TODO (commented out): check them, then load with it"),
              opt->out_path, ps.n - todo, todo);
done:
    config_free(next);
    proposals_free(&ps);
    free(text);
    return err;
}

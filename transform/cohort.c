/*
 * cohort.c - one pass over teilnahmen into compact rows.
 */
#include "cohort.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "database.h"
#include "diag.h"
#include "i18n.h"

/* Open-addressing map from category code to index, owned by a cohort_dim. */
typedef struct dim_keys {
    long *slots; /* index + 1, 0 = empty */
    size_t cap;
} dim_keys;

static const char *const age_groups[] = {"18-20", "21-23", "24-27", "ausserhalb", NULL};
static const char *const baustein_codes[] = {"1", "2", "3", "4", "5", "6", NULL};
static const char *const gesamt_codes[] = {"gesamt", NULL};

const char *cohort_age_group(int age)
{
    if (age >= 18 && age <= 20)
        return age_groups[0];
    if (age >= 21 && age <= 23)
        return age_groups[1];
    if (age >= 24 && age <= 27)
        return age_groups[2];
    return age_groups[3];
}

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211u;
    return h;
}

long cohort_dim_find(const cohort_dim *d, const char *code)
{
    const dim_keys *k = d->keys;
    if (!k || !k->cap)
        return -1;
    for (size_t i = hash_str(code) & (k->cap - 1);; i = (i + 1) & (k->cap - 1)) {
        if (!k->slots[i])
            return -1;
        if (strcmp(d->cats[k->slots[i] - 1], code) == 0)
            return d->alias ? d->alias[k->slots[i] - 1] : k->slots[i] - 1;
    }
}

static int dim_keys_put(cohort_dim *d, long idx)
{
    dim_keys *k = d->keys;
    if ((size_t)(idx + 1) * 2 > k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 64;
        long *slots = calloc(cap, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t j = 0; j < k->cap; j++) {
            if (!k->slots[j])
                continue;
            size_t i = hash_str(d->cats[k->slots[j] - 1]) & (cap - 1);
            while (slots[i])
                i = (i + 1) & (cap - 1);
            slots[i] = k->slots[j];
        }
        free(k->slots);
        k->slots = slots;
        k->cap = cap;
    }
    size_t i = hash_str(d->cats[idx]) & (k->cap - 1);
    while (k->slots[i])
        i = (i + 1) & (k->cap - 1);
    k->slots[i] = idx + 1;
    return 0;
}

long cohort_dim_intern(cohort_dim *d, const char *code)
{
    long idx = cohort_dim_find(d, code);
    if (idx >= 0)
        return idx;
    if (d->n_cats >= UINT16_MAX)
        return -1;
    if (d->n_cats == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        char **cats = realloc(d->cats, cap * sizeof *cats);
        long *rows = realloc(d->rows, cap * sizeof *rows);
        long *alias = realloc(d->alias, cap * sizeof *alias);
        if (cats)
            d->cats = cats;
        if (rows)
            d->rows = rows;
        if (alias)
            d->alias = alias;
        if (!cats || !rows || !alias)
            return -1;
        d->cap = cap;
    }
    if (!(d->cats[d->n_cats] = strdup(code)))
        return -1;
    d->rows[d->n_cats] = 0;
    d->alias[d->n_cats] = (long)d->n_cats;
    idx = (long)d->n_cats++;
    if (dim_keys_put(d, idx) != 0) {
        free(d->cats[--d->n_cats]);
        return -1;
    }
    return idx;
}

unsigned cohort_parse_set(const char *s, const char *const *codes)
{
    unsigned bits = 0;
    char buf[64];
    while (s && *s) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        if (len < sizeof buf) {
            memcpy(buf, s, len);
            buf[len] = '\0';
            int i = codebook_code_index(codes, buf);
            if (i >= 0 && i < 16)
                bits |= 1u << i;
        }
        s = bar ? bar + 1 : NULL;
    }
    return bits;
}

static int dim_init(cohort_dim *d, const char *name, const char *const *codes, char **more,
                    size_t n_more)
{
    d->name = name;
    if (!(d->keys = calloc(1, sizeof(dim_keys))))
        return -1;
    for (size_t i = 0; codes && codes[i]; i++)
        if (cohort_dim_intern(d, codes[i]) < 0)
            return -1;
    for (size_t i = 0; i < n_more; i++)
        if (cohort_dim_intern(d, more[i]) < 0)
            return -1;
    return 0;
}

static const char *const *order_cats_ctx;
static int cmp_cat(const void *a, const void *b)
{
    return strcmp(order_cats_ctx[*(const size_t *)a], order_cats_ctx[*(const size_t *)b]);
}

/*
 * Fixes the output order: the fixed categories in their order (all of them
 * when complete, else those seen), then other codes seen, sorted, and
 * ohne_angabe last when seen.
 */
static int dim_order(cohort_dim *d, int complete)
{
    size_t n = 0, start, none = (size_t)-1, rest = (size_t)-1;
    free(d->order);
    if (!(d->order = malloc((d->n_cats + 1) * sizeof *d->order)))
        return -1;
    for (size_t i = 0; i < d->n_cats; i++) {
        if (i == d->n_fixed)
            break;
        if (d->alias[i] != (long)i)
            continue; /* shown in another category */
        if (strcmp(d->cats[i], COHORT_NO_VALUE) == 0)
            none = i;
        else if (strcmp(d->cats[i], COHORT_REST) == 0)
            rest = i;
        else if (complete || d->rows[i] > 0)
            d->order[n++] = i;
    }
    start = n;
    for (size_t i = d->n_fixed; i < d->n_cats; i++) {
        if (d->alias[i] != (long)i)
            continue;
        if (strcmp(d->cats[i], COHORT_NO_VALUE) == 0)
            none = i;
        else if (strcmp(d->cats[i], COHORT_REST) == 0)
            rest = i;
        else if (d->rows[i] > 0)
            d->order[n++] = i;
    }
    order_cats_ctx = (const char *const *)d->cats;
    qsort(d->order + start, n - start, sizeof *d->order, cmp_cat);
    if (rest != (size_t)-1 && (complete || d->rows[rest] > 0))
        d->order[n++] = rest;
    if (none != (size_t)-1 && d->rows[none] > 0)
        d->order[n++] = none;
    d->n_order = n;
    return 0;
}

/* Is a dimension written complete (its fixed categories even when empty)? */
static int dim_complete(int d)
{
    return d == DIM_GESAMT || d == DIM_BAUSTEIN || d == DIM_KOMMUNE || d == DIM_ALTERSGRUPPE;
}

static void dim_free(cohort_dim *d)
{
    for (size_t i = 0; i < d->n_cats; i++)
        free(d->cats[i]);
    free(d->cats);
    free(d->rows);
    free(d->alias);
    free(d->order);
    if (d->keys)
        free(((dim_keys *)d->keys)->slots);
    free(d->keys);
}

void cohort_free(cohort *c)
{
    if (!c)
        return;
    for (int i = 0; i < COHORT_DIMS; i++)
        dim_free(&c->dims[i]);
    free(c->rows);
    free(c->quarter_codes);
    free(c);
}

static int8_t code_or_none(const unsigned char *s, const char *const *codes)
{
    if (!s || !*s)
        return -1;
    int i = codebook_code_index(codes, (const char *)s);
    return (int8_t)(i < 0 ? -1 : i);
}

static int32_t day_or_none(const unsigned char *s)
{
    long day;
    if (!s || period_parse_date((const char *)s, &day) != 0)
        return INT32_MIN;
    return (int32_t)day;
}

/* Category of a text field: its code, ohne_angabe when empty. */
static long text_cat(cohort_dim *d, const unsigned char *s)
{
    return cohort_dim_intern(d, s && *s ? (const char *)s : COHORT_NO_VALUE);
}

static int quarter_in(const cohort *c, long day)
{
    if (day < c->p.from_day || day > c->p.to_day)
        return -1;
    return (int)(period_quarter_of(day) - c->q_first);
}

/* A new cohort of period p with its dimensions and quarters, or NULL on no memory. */
static cohort *cohort_new(const config *cfg, const period *p)
{
    cohort *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->p = *p;
    c->q_first = period_quarter_of(p->from_day);
    c->n_quarters = (size_t)(period_quarter_of(p->to_day) - c->q_first + 1);
    if (!(c->quarter_codes = malloc(c->n_quarters * sizeof *c->quarter_codes)))
        goto fail;
    for (size_t q = 0; q < c->n_quarters; q++)
        period_quarter_code(c->q_first + (long)q, c->quarter_codes[q]);
    if (dim_init(&c->dims[DIM_GESAMT], "gesamt", gesamt_codes, NULL, 0) ||
        dim_init(&c->dims[DIM_BAUSTEIN], "baustein", baustein_codes, NULL, 0) ||
        dim_init(&c->dims[DIM_KOMMUNE], "kommune", NULL, cfg->kommunen, cfg->n_kommunen) ||
        dim_init(&c->dims[DIM_AUFENTHALTSSTATUS], "aufenthaltsstatus",
                 codebook_aufenthaltsstatus, NULL, 0) ||
        dim_init(&c->dims[DIM_LEISTUNGSBEZUG], "leistungsbezug", codebook_leistungsbezug, NULL,
                 0) ||
        dim_init(&c->dims[DIM_GESCHLECHT], "geschlecht", codebook_geschlecht, NULL, 0) ||
        dim_init(&c->dims[DIM_ALTERSGRUPPE], "altersgruppe", age_groups, NULL, 0) ||
        dim_init(&c->dims[DIM_STAATSANGEHOERIGKEIT], "staatsangehoerigkeit", NULL, NULL, 0))
        goto fail;
    for (int d = 0; d < COHORT_DIMS; d++)
        c->dims[d].n_fixed = c->dims[d].n_cats;
    return c;
fail:
    cohort_free(c);
    return NULL;
}

/* One row of teilnahmen as read, before it is placed in a period. */
typedef struct raw_row {
    sqlite3_stmt *st;   /* the statement positioned on the row */
    int32_t eintritt, austritt, verbleib_datum;
    int new_person;     /* fall_id differs from the previous row's */
} raw_row;

/* Adds raw row w to cohort c if the participation is active in c's period; returns 0 or -1. */
static int cohort_add(cohort *c, const config *cfg, const raw_row *w)
{
    sqlite3_stmt *st = w->st;
    cohort_row r;
    long cat[COHORT_DIMS];
    if (w->eintritt > c->p.to_day || (w->austritt != INT32_MIN && w->austritt < c->p.from_day))
        return 0;
    memset(&r, 0, sizeof r);
    r.eintritt = w->eintritt;
    r.austritt = w->austritt;
    r.verbleib_datum = w->verbleib_datum;
    if (w->new_person && c->n > 0)
        c->n_persons++;
    c->seen_person = 1;
    r.person = (uint32_t)c->n_persons;
    r.alter = (int16_t)(period_year_of(r.eintritt) - sqlite3_column_int(st, 2));

    char baustein[24];
    snprintf(baustein, sizeof baustein, "%d", sqlite3_column_int(st, 10));
    cat[DIM_GESAMT] = 0;
    cat[DIM_BAUSTEIN] = cohort_dim_intern(&c->dims[DIM_BAUSTEIN], baustein);
    cat[DIM_KOMMUNE] = text_cat(&c->dims[DIM_KOMMUNE], sqlite3_column_text(st, 1));
    cat[DIM_AUFENTHALTSSTATUS] = text_cat(&c->dims[DIM_AUFENTHALTSSTATUS], sqlite3_column_text(st, 5));
    cat[DIM_LEISTUNGSBEZUG] = text_cat(&c->dims[DIM_LEISTUNGSBEZUG], sqlite3_column_text(st, 6));
    cat[DIM_GESCHLECHT] = text_cat(&c->dims[DIM_GESCHLECHT], sqlite3_column_text(st, 3));
    cat[DIM_ALTERSGRUPPE] = cohort_dim_intern(&c->dims[DIM_ALTERSGRUPPE], cohort_age_group(r.alter));
    cat[DIM_STAATSANGEHOERIGKEIT] =
        text_cat(&c->dims[DIM_STAATSANGEHOERIGKEIT], sqlite3_column_text(st, 4));
    for (int d = 0; d < COHORT_DIMS; d++) {
        if (cat[d] < 0)
            return -1;
        r.cat[d] = (uint16_t)cat[d];
        c->dims[d].rows[cat[d]]++;
    }
    r.bedarfe = (uint16_t)cohort_parse_set((const char *)sqlite3_column_text(st, 9), codebook_bedarfe);
    r.verbleib = code_or_none(sqlite3_column_text(st, 13), codebook_verbleib);
    r.de_ein = code_or_none(sqlite3_column_text(st, 7), codebook_cefr);
    r.de_aus = code_or_none(sqlite3_column_text(st, 8), codebook_cefr);
    r.pruefung = code_or_none(sqlite3_column_text(st, 16), codebook_pruefung);
    r.abschluss = (int8_t)(sqlite3_column_type(st, 15) == SQLITE_NULL ? -1
                                                                        : sqlite3_column_int(st, 15) != 0);
    r.q_ein = (int16_t)quarter_in(c, r.eintritt);
    r.q_aus = (int16_t)(r.austritt == INT32_MIN ? -1 : quarter_in(c, r.austritt));
    if (r.q_ein >= 0)
        r.flags |= COHORT_ENTERED;
    if (r.q_aus >= 0) {
        r.flags |= COHORT_EXITED;
        if (r.verbleib >= 0 && (cfg->placement_mask >> r.verbleib & 1u))
            r.flags |= COHORT_PLACED;
        static int abbruch = -2;
        if (abbruch == -2)
            abbruch = codebook_code_index(codebook_verbleib, "abbruch");
        if (r.verbleib >= 0 && r.verbleib == abbruch)
            r.flags |= COHORT_ABBRUCH;
    }
    if (r.alter >= cfg->age_min && r.alter <= cfg->age_max)
        r.flags |= COHORT_TARGET;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        cohort_row *rows = realloc(c->rows, cap * sizeof *rows);
        if (!rows)
            return -1;
        c->rows = rows;
        c->cap = cap;
    }
    c->rows[c->n++] = r;
    return 0;
}

dbk_error cohort_load_many(sqlite3 *db, const char *path, const config *cfg, const period *ps,
                           size_t n, cohort **out, char newest[11])
{
    /* every row: the scan is whole anyway, and the newest date is over all of them */
    static const char sql[] =
        "SELECT fall_id, kommune, geburtsjahr, geschlecht, staatsangehoerigkeit,"
        " aufenthaltsstatus, leistungsbezug, deutsch_eintritt, deutsch_austritt, bedarfe,"
        " baustein, eintritt, austritt, verbleib, verbleib_datum, abschluss_erreicht, pruefung"
        " FROM teilnahmen ORDER BY fall_id";
    long newest_day = PERIOD_NO_DAY;
    sqlite3_stmt *st = NULL;
    char *last_id = NULL;
    dbk_error err = DBK_ERR_NOMEM;
    int rc = SQLITE_OK;
    long skipped = 0;
    size_t i;

    if (newest)
        newest[0] = '\0';
    for (i = 0; i < n; i++)
        out[i] = NULL;
    /* one pass over teilnahmen for all the periods */
    for (i = 0; i < n; i++)
        if (!(out[i] = cohort_new(cfg, &ps[i])))
            goto done;
    rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto db_fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        raw_row w;
        const unsigned char *fall_id = sqlite3_column_text(st, 0);
        w.st = st;
        w.eintritt = day_or_none(sqlite3_column_text(st, 11));
        if (w.eintritt == INT32_MIN || !fall_id) {
            skipped++;
            continue;
        }
        w.austritt = day_or_none(sqlite3_column_text(st, 12));
        w.verbleib_datum = day_or_none(sqlite3_column_text(st, 14));
        if (w.eintritt > newest_day)
            newest_day = w.eintritt;
        if (w.austritt != INT32_MIN && w.austritt > newest_day)
            newest_day = w.austritt;
        if (w.verbleib_datum != INT32_MIN && w.verbleib_datum > newest_day)
            newest_day = w.verbleib_datum;
        w.new_person = !last_id || strcmp(last_id, (const char *)fall_id) != 0;
        if (w.new_person) {
            free(last_id);
            if (!(last_id = strdup((const char *)fall_id)))
                goto done;
            for (i = 0; i < n; i++)
                out[i]->seen_person = 0;
        }
        for (i = 0; i < n; i++) {
            /* a person new to this cohort: the first of their rows that is active in it */
            raw_row v = w;
            v.new_person = !out[i]->seen_person;
            if (cohort_add(out[i], cfg, &v) != 0)
                goto done;
        }
    }
    if (rc != SQLITE_DONE)
        goto db_fail;
    if (newest && newest_day != PERIOD_NO_DAY)
        period_format_date(newest_day, newest);
    if (skipped)
        diag_warn(path, 0, NULL, _("%ld teilnahmen without a valid eintritt or fall_id ignored"), skipped);
    /* baustein 1..6, the config's kommunen and the age groups are always written */
    for (i = 0; i < n; i++) {
        cohort *c = out[i];
        if (c->n > 0)
            c->n_persons++;
        for (int d = 0; d < COHORT_DIMS; d++)
            if (dim_order(&c->dims[d], dim_complete(d)) != 0)
                goto done;
    }
    err = DBK_OK;
    goto done;
db_fail:
    err = database_fail(db, path, rc, _("cannot read teilnahmen"));
done:
    sqlite3_finalize(st);
    free(last_id);
    if (err != DBK_OK)
        for (i = 0; i < n; i++) {
            cohort_free(out[i]);
            out[i] = NULL;
        }
    return err;
}

dbk_error cohort_load(sqlite3 *db, const char *path, const config *cfg, const period *p,
                      cohort **out)
{
    return cohort_load_many(db, path, cfg, p, 1, out, NULL);
}

/* Participations of category code of dimension d in cohort c (0 when absent). */
static long rows_of(const cohort *c, int d, const char *code)
{
    long k = cohort_dim_find(&c->dims[d], code);
    return k < 0 ? 0 : c->dims[d].rows[k];
}

/* Is code small (1 .. below - 1 participations) in any of the cohorts? */
static int small_anywhere(cohort **cs, size_t n, int d, const char *code, long below)
{
    for (size_t i = 0; i < n; i++) {
        long r = rows_of(cs[i], d, code);
        if (r > 0 && r < below)
            return 1;
    }
    return 0;
}

/* Merges category code into target in every cohort (target interned where missing). */
static int merge_into(cohort **cs, size_t n, int d, const char *code, const char *target)
{
    for (size_t i = 0; i < n; i++) {
        cohort_dim *dim = &cs[i]->dims[d];
        long to = cohort_dim_intern(dim, target), from;
        if (to < 0)
            return -1;
        from = -1;
        for (size_t k = 0; k < dim->n_cats; k++)
            if (strcmp(dim->cats[k], code) == 0)
                from = (long)k;
        if (from < 0 || from == to)
            continue;
        dim->alias[from] = to;
        dim->rows[to] += dim->rows[from];
        dim->rows[from] = 0;
    }
    return 0;
}

typedef struct merge_cand {
    const char *code;
    long size; /* smallest count over the cohorts where it occurs */
} merge_cand;

static int cmp_cand(const void *a, const void *b)
{
    const merge_cand *x = a, *y = b;
    if (x->size != y->size)
        return x->size < y->size ? -1 : 1;
    return strcmp(x->code, y->code);
}

/* Merges the small categories of dimension d into COHORT_REST (see cohort_merge_small). */
static int merge_rest(cohort **cs, size_t n, int d, long below)
{
    size_t nc = 0;
    merge_cand *cand = NULL;
    int rc = -1;
    /* the union of codes over the cohorts */
    size_t cap = 0;
    for (size_t i = 0; i < n; i++)
        cap += cs[i]->dims[d].n_cats;
    if (!(cand = calloc(cap + 1, sizeof *cand)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        const cohort_dim *dim = &cs[i]->dims[d];
        for (size_t k = 0; k < dim->n_cats; k++) {
            const char *code = dim->cats[k];
            if (strcmp(code, COHORT_NO_VALUE) == 0 || strcmp(code, COHORT_REST) == 0 ||
                dim->alias[k] != (long)k)
                continue;
            size_t j = 0;
            while (j < nc && strcmp(cand[j].code, code) != 0)
                j++;
            if (j == nc) {
                cand[nc].code = code;
                cand[nc].size = -1;
                nc++;
            }
            long r = dim->rows[k];
            if (r > 0 && (cand[j].size < 0 || r < cand[j].size))
                cand[j].size = r;
        }
    }
    qsort(cand, nc, sizeof *cand, cmp_cand);
    /* Every small one, then the next smallest while "uebrige" is small itself
     * or holds a single category (a rest of one says nothing but its name);
     * at least one category stays on its own. */
    size_t present = 0, chosen = 0;
    long *sum = calloc(n + 1, sizeof *sum);
    if (!sum)
        goto done;
    for (size_t j = 0; j < nc; j++)
        present += cand[j].size >= 0;
    for (size_t j = 0; j < nc; j++) {
        if (cand[j].size < 0)
            continue;
        int rest_small = 0;
        for (size_t i = 0; i < n; i++)
            rest_small |= sum[i] > 0 && sum[i] < below;
        int needed = small_anywhere(cs, n, d, cand[j].code, below) ||
                     (chosen > 0 && (chosen < 2 || rest_small));
        if (!needed || chosen + 1 >= present)
            break;
        for (size_t i = 0; i < n; i++)
            sum[i] += rows_of(cs[i], d, cand[j].code);
        cand[chosen++].code = cand[j].code;
    }
    free(sum);
    for (size_t j = 0; j < chosen && chosen >= 2; j++)
        if (merge_into(cs, n, d, cand[j].code, COHORT_REST) != 0)
            goto done;
    rc = 0;
done:
    free(cand);
    return rc;
}

dbk_error cohort_merge_small(cohort **cs, size_t n, const config *cfg)
{
    long below = cfg->merge_below;
    if (below <= 0 || n == 0)
        return DBK_OK;
    if (small_anywhere(cs, n, DIM_GESCHLECHT, "d", below) ||
        small_anywhere(cs, n, DIM_GESCHLECHT, "x", below)) {
        if (merge_into(cs, n, DIM_GESCHLECHT, "d", COHORT_D_X) != 0 ||
            merge_into(cs, n, DIM_GESCHLECHT, "x", COHORT_D_X) != 0)
            return DBK_ERR_NOMEM;
    }
    if (merge_rest(cs, n, DIM_STAATSANGEHOERIGKEIT, below) != 0)
        return DBK_ERR_NOMEM;
    if (cfg->merge_kommunen && merge_rest(cs, n, DIM_KOMMUNE, below) != 0)
        return DBK_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        cohort *c = cs[i];
        for (size_t r = 0; r < c->n; r++)
            for (int d = 0; d < COHORT_DIMS; d++)
                c->rows[r].cat[d] = (uint16_t)c->dims[d].alias[c->rows[r].cat[d]];
        for (int d = 0; d < COHORT_DIMS; d++)
            if (dim_order(&c->dims[d], dim_complete(d)) != 0)
                return DBK_ERR_NOMEM;
    }
    return DBK_OK;
}

/*
 * indicators.c - counts, rates, median and tests over the active participations.
 *
 * One pass over the cohort per dimension fills an accumulator per category;
 * persons are counted once per category by stamping (a person's rows are
 * adjacent in the cohort).
 */
#include "indicators.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "stats.h"

#define N_VERBLEIB 10

typedef struct acc {
    long personen, personen_ziel, teilnahmen, eintritte, austritte, placed, abbruch;
    long b1_n, b1_x, pr_n, pr_x, ab_n, ab_x;
    long verbleib[N_VERBLEIB];
    size_t stamp, stamp_ziel; /* person + 1 last counted */
} acc;

/* Indices of codes the exit figures test for every row. */
static int pruefung_code(const char *code)
{
    return codebook_code_index(codebook_pruefung, code);
}

static int cefr_b1(void)
{
    static int b1 = -2;
    if (b1 == -2)
        b1 = codebook_code_index(codebook_cefr, "B1");
    return b1;
}

/* Adds the person-independent exit figures of r to a. */
static void acc_exit(acc *a, const cohort_row *r)
{
    a->austritte++;
    if (r->flags & COHORT_PLACED)
        a->placed++;
    if (r->flags & COHORT_ABBRUCH)
        a->abbruch++;
    if (r->verbleib >= 0 && r->verbleib < N_VERBLEIB)
        a->verbleib[r->verbleib]++;
    if (r->de_ein >= 0 && r->de_ein < cefr_b1() && r->de_aus >= 0) {
        a->b1_n++;
        a->b1_x += r->de_aus >= cefr_b1();
    }
    /* category index 3 is Baustein "4", index 2 is "3" (cohort.c seeds "1".."6") */
    static int absent = -2, passed = -2;
    if (absent == -2) {
        absent = pruefung_code("nicht_teilgenommen");
        passed = pruefung_code("bestanden");
    }
    if (r->cat[DIM_BAUSTEIN] == 3 && r->pruefung >= 0 && r->pruefung != absent) {
        a->pr_n++;
        a->pr_x += r->pruefung == passed;
    }
    if (r->cat[DIM_BAUSTEIN] == 2) {
        a->ab_n++;
        a->ab_x += r->abschluss == 1;
    }
}

/* Adds row r to a: everything but the quarter-dated figures. */
static void acc_add(acc *a, const cohort_row *r)
{
    if (a->stamp != (size_t)r->person + 1) {
        a->stamp = (size_t)r->person + 1;
        a->personen++;
    }
    if ((r->flags & COHORT_TARGET) && a->stamp_ziel != (size_t)r->person + 1) {
        a->stamp_ziel = (size_t)r->person + 1;
        a->personen_ziel++;
    }
    a->teilnahmen++;
    if (r->flags & COHORT_ENTERED)
        a->eintritte++;
    if (r->flags & COHORT_EXITED)
        acc_exit(a, r);
}

int indicators_km_observation(const cohort_row *r, const period *p, double *days, int *event)
{
    long end = p->to_day;
    if (r->flags & COHORT_PLACED) {
        long placed = r->verbleib_datum != INT32_MIN ? r->verbleib_datum : r->austritt;
        if (placed <= end) {
            *days = (double)(placed - r->eintritt);
            *event = 1;
        } else {
            *days = (double)(end - r->eintritt);
            *event = 0;
        }
    } else if (r->austritt != INT32_MIN && r->austritt <= end) {
        *days = (double)(r->austritt - r->eintritt);
        *event = 0;
    } else {
        *days = (double)(end - r->eintritt);
        *event = 0;
    }
    if (*days < 0)
        *days = 0;
    return 0;
}

typedef struct km_data {
    double *time;
    int *event;
    size_t *by_time; /* observation indices sorted by time: groups come out sorted */
    double *gtime; /* grouped by category */
    int *gevent;
    size_t *start; /* per category */
} km_data;

/* Adds dauer_bis_vermittlung for category name over n observations. */
static kz_row *add_km(kz_table *t, const config *cfg, const char *dim, const char *cat,
                      const double *time, const int *event, size_t n)
{
    stats_km_result km;
    long events = 0;
    for (size_t i = 0; i < n; i++)
        events += event[i];
    kz_row *row = kz_table_add(t, "dauer_bis_vermittlung", dim, cat, kz_int(events),
                               kz_int((long long)n), kz_null());
    if (!row || n == 0)
        return row;
    if (stats_km_median(time, event, n, cfg->confidence, &km) == STATS_OK) {
        if (km.has_median)
            row->wert = kz_real(km.median);
        if (km.has_lower)
            row->ci_unten = kz_real(km.lower);
        if (km.has_upper)
            row->ci_oben = kz_real(km.upper);
    }
    return row;
}

/* Which figures a dimension carries. */
enum {
    W_PERSONS = 1,  /* personen, teilnahmen */
    W_ENTRIES = 2,  /* eintritte */
    W_ZIEL = 4,     /* zielgruppe_anteil */
    W_ABBRUCH = 8,  /* abbruchquote */
    W_LANGUAGE = 16, /* deutsch_b1_quote, pruefung_bestanden_quote, abschluss_quote */
    W_KM = 32,      /* dauer_bis_vermittlung */
    W_ALL = 63
};
/* austritte and vermittlungsquote are written always */

/* Writes the figures of one category of one dimension. */
static int write_category(kz_table *t, const config *cfg, const char *dim, const char *cat,
                          const acc *a, unsigned what)
{
    if (what & W_PERSONS) {
        if (!kz_table_add_count(t, "personen", dim, cat, a->personen) ||
            !kz_table_add_count(t, "teilnahmen", dim, cat, a->teilnahmen))
            return -1;
    }
    if ((what & W_ENTRIES) && !kz_table_add_count(t, "eintritte", dim, cat, a->eintritte))
        return -1;
    if (!kz_table_add_count(t, "austritte", dim, cat, a->austritte) ||
        !kz_table_add_share(t, cfg, "vermittlungsquote", dim, cat, a->placed, a->austritte))
        return -1;
    if ((what & W_ZIEL) &&
        !kz_table_add_share(t, cfg, "zielgruppe_anteil", dim, cat, a->personen_ziel, a->personen))
        return -1;
    if ((what & W_ABBRUCH) &&
        !kz_table_add_share(t, cfg, "abbruchquote", dim, cat, a->abbruch, a->austritte))
        return -1;
    if (!(what & W_LANGUAGE))
        return 0;
    if (!kz_table_add_share(t, cfg, "deutsch_b1_quote", dim, cat, a->b1_x, a->b1_n))
        return -1;
    /* exam and certificate quotes belong to one Baustein each */
    int is_baustein = strcmp(dim, "baustein") == 0;
    if ((!is_baustein || strcmp(cat, "4") == 0) &&
        !kz_table_add_share(t, cfg, "pruefung_bestanden_quote", dim, cat, a->pr_x, a->pr_n))
        return -1;
    if ((!is_baustein || strcmp(cat, "3") == 0) &&
        !kz_table_add_share(t, cfg, "abschluss_quote", dim, cat, a->ab_x, a->ab_n))
        return -1;
    return 0;
}

/*
 * Orders the n observations by time into order: the times are whole days
 * from 0 up, so a counting sort does it in one pass (a million rows sorted
 * by comparison cost more than the rest of the indicators). Returns 0, or -1
 * on no memory.
 */
static int sort_by_days(const double *time, size_t n, size_t *order)
{
    long max = 0;
    for (size_t i = 0; i < n; i++)
        if (time[i] > max)
            max = (long)time[i];
    size_t *start = calloc((size_t)max + 2, sizeof *start);
    if (!start)
        return -1;
    for (size_t i = 0; i < n; i++)
        start[(size_t)time[i] + 1]++;
    for (long d = 0; d <= max; d++)
        start[d + 1] += start[d];
    for (size_t i = 0; i < n; i++)
        order[start[(size_t)time[i]]++] = i;
    free(start);
    return 0;
}

/* Groups the KM observations of the cohort by the categories of dimension d, each group sorted by time. */
static int km_group(const cohort *c, const km_data *km, int d)
{
    const cohort_dim *dim = &c->dims[d];
    size_t *fill = calloc(dim->n_cats + 1, sizeof *fill);
    if (!fill)
        return -1;
    memset(km->start, 0, (dim->n_cats + 1) * sizeof *km->start);
    for (size_t i = 0; i < c->n; i++)
        km->start[c->rows[i].cat[d] + 1]++;
    for (size_t k = 0; k < dim->n_cats; k++)
        km->start[k + 1] += km->start[k];
    for (size_t j = 0; j < c->n; j++) {
        size_t i = km->by_time[j];
        size_t k = c->rows[i].cat[d];
        size_t at = km->start[k] + fill[k]++;
        km->gtime[at] = km->time[i];
        km->gevent[at] = km->event[i];
    }
    free(fill);
    return 0;
}

/* Adds an intern count (for disclosure control's relations, never written). */
static int add_intern(kz_table *t, const char *kennzahl, const char *dim, const char *cat, long n)
{
    kz_row *r = kz_table_add_count(t, kennzahl, dim, cat, n);
    if (!r)
        return -1;
    r->intern = 1;
    return 0;
}

dbk_error indicators_compute(const cohort *c, const config *cfg, indicators_scope scope,
                             kz_table *t)
{
    int full = scope == INDICATORS_FULL;
    dbk_error err = DBK_ERR_NOMEM;
    acc *accs = NULL;
    km_data km = {0};
    long *bestand = NULL;
    size_t max_cats = 1;
    const cohort_dim *db = &c->dims[DIM_BAUSTEIN], *dk = &c->dims[DIM_KOMMUNE];
    char cat[256];

    for (int d = 0; d < COHORT_DIMS; d++)
        if (c->dims[d].n_cats > max_cats)
            max_cats = c->dims[d].n_cats;
    if (db->n_cats * dk->n_cats > max_cats)
        max_cats = db->n_cats * dk->n_cats;
    if (c->n_quarters > max_cats)
        max_cats = c->n_quarters;
    if (!(accs = malloc(max_cats * sizeof *accs)))
        goto done;
    km.time = malloc((c->n + 1) * sizeof *km.time);
    km.event = malloc((c->n + 1) * sizeof *km.event);
    km.gtime = malloc((c->n + 1) * sizeof *km.gtime);
    km.gevent = malloc((c->n + 1) * sizeof *km.gevent);
    km.start = malloc((max_cats + 1) * sizeof *km.start);
    km.by_time = malloc((c->n + 1) * sizeof *km.by_time);
    if (!km.time || !km.event || !km.gtime || !km.gevent || !km.start || !km.by_time)
        goto done;
    for (size_t i = 0; i < c->n; i++)
        indicators_km_observation(&c->rows[i], &c->p, &km.time[i], &km.event[i]);
    /* One sort for all dimensions instead of one per category. */
    if (sort_by_days(km.time, c->n, km.by_time) != 0)
        goto done;

    /* one pass per dimension */
    for (int d = 0; d < COHORT_DIMS; d++) {
        const cohort_dim *dim = &c->dims[d];
        /* the comparison: the key figures, and exits and placements by Baustein and Kommune */
        unsigned what = full ? W_ALL : d == DIM_GESAMT ? W_ALL & ~(unsigned)W_LANGUAGE : 0;
        if (!full && d != DIM_GESAMT && d != DIM_BAUSTEIN && d != DIM_KOMMUNE)
            continue;
        if (d == DIM_ALTERSGRUPPE)
            what &= ~(unsigned)W_ZIEL;
        memset(accs, 0, dim->n_cats * sizeof *accs);
        for (size_t i = 0; i < c->n; i++)
            acc_add(&accs[c->rows[i].cat[d]], &c->rows[i]);
        if (km_group(c, &km, d) != 0)
            goto done;
        for (size_t o = 0; o < dim->n_order; o++) {
            size_t k = dim->order[o];
            const char *code = dim->cats[k];
            if (write_category(t, cfg, dim->name, code, &accs[k], what) != 0)
                goto done;
            if ((what & W_KM) &&
                !add_km(t, cfg, dim->name, code, km.gtime + km.start[k], km.gevent + km.start[k],
                        km.start[k + 1] - km.start[k]))
                goto done;
        }
        if (d == DIM_GESAMT && full) {
            const acc *a = &accs[0];
            for (int v = 0; v < N_VERBLEIB && codebook_verbleib[v]; v++)
                if (!kz_table_add_share(t, cfg, "verbleib_anteil", "verbleib",
                                        codebook_verbleib[v], a->verbleib[v], a->austritte))
                    goto done;
            if (!kz_table_add_count(t, "personen_ausserhalb_zielgruppe", "gesamt", "gesamt",
                                    a->personen - a->personen_ziel))
                goto done;
        }
    }

    /* quartal: eintritte by quarter of eintritt, exits and their rates by quarter of austritt */
    memset(accs, 0, c->n_quarters * sizeof *accs);
    for (size_t i = 0; i < c->n; i++) {
        const cohort_row *r = &c->rows[i];
        if (r->q_ein >= 0)
            accs[r->q_ein].eintritte++;
        if (r->q_aus >= 0)
            acc_exit(&accs[r->q_aus], r);
    }
    for (size_t q = 0; q < c->n_quarters; q++)
        if (write_category(t, cfg, "quartal", c->quarter_codes[q], &accs[q],
                           W_ENTRIES | (full ? W_ABBRUCH | W_LANGUAGE : 0)) != 0)
            goto done;

    /* bestand at each quarter's end S (the period's end for its last quarter):
     * eintritt <= S and austritt after S or none; and, for disclosure
     * control's stock-and-flow relations, entries and exits by quarter and
     * Baustein (intern) */
    size_t nb = db->n_cats, nq = c->n_quarters;
    if (!(bestand = calloc((nq + 1) * (nb + 1) * 3, sizeof *bestand)))
        goto done;
    long *flow_in = bestand + (nq + 1) * (nb + 1), *flow_out = flow_in + (nq + 1) * (nb + 1);
    for (size_t i = 0; i < c->n; i++) {
        const cohort_row *r = &c->rows[i];
        long q0 = period_quarter_of(r->eintritt) - c->q_first, q1 = (long)nq - 1;
        if (q0 < 0)
            q0 = 0;
        if (r->austritt != INT32_MIN) {
            long qa = period_quarter_of(r->austritt) - c->q_first;
            long end = period_quarter_end(qa + c->q_first);
            if (end > c->p.to_day)
                end = c->p.to_day;
            if (end >= r->austritt)
                qa--; /* gone by the quarter's end */
            if (qa < q1)
                q1 = qa;
        }
        for (long q = q0; q <= q1; q++) {
            bestand[(size_t)q * (nb + 1)]++;
            bestand[(size_t)q * (nb + 1) + 1 + r->cat[DIM_BAUSTEIN]]++;
        }
        if (r->q_ein >= 0)
            flow_in[(size_t)r->q_ein * (nb + 1) + 1 + r->cat[DIM_BAUSTEIN]]++;
        if (r->q_aus >= 0)
            flow_out[(size_t)r->q_aus * (nb + 1) + 1 + r->cat[DIM_BAUSTEIN]]++;
    }
    for (size_t q = 0; q < nq; q++) {
        if (!kz_table_add_count(t, "bestand", "quartal", c->quarter_codes[q],
                                bestand[q * (nb + 1)]))
            goto done;
        for (size_t o = 0; o < db->n_order && full; o++) {
            size_t b = db->order[o];
            snprintf(cat, sizeof cat, "%s" KZ_CROSS "%s", c->quarter_codes[q], db->cats[b]);
            if (!kz_table_add_count(t, "bestand", "quartal" KZ_CROSS "baustein", cat,
                                    bestand[q * (nb + 1) + 1 + b]) ||
                add_intern(t, "eintritte", "quartal" KZ_CROSS "baustein", cat,
                           flow_in[q * (nb + 1) + 1 + b]) != 0 ||
                add_intern(t, "austritte", "quartal" KZ_CROSS "baustein", cat,
                           flow_out[q * (nb + 1) + 1 + b]) != 0)
                goto done;
        }
    }
    if (!full) {
        err = DBK_OK;
        goto done;
    }

    /* baustein x kommune for vermittlungsquote */
    memset(accs, 0, db->n_cats * dk->n_cats * sizeof *accs);
    for (size_t i = 0; i < c->n; i++) {
        const cohort_row *r = &c->rows[i];
        if (r->flags & COHORT_EXITED)
            acc_exit(&accs[r->cat[DIM_BAUSTEIN] * dk->n_cats + r->cat[DIM_KOMMUNE]], r);
    }
    for (size_t ob = 0; ob < db->n_order; ob++) {
        for (size_t ok = 0; ok < dk->n_order; ok++) {
            size_t b = db->order[ob], k = dk->order[ok];
            const acc *a = &accs[b * dk->n_cats + k];
            snprintf(cat, sizeof cat, "%s" KZ_CROSS "%s", db->cats[b], dk->cats[k]);
            if (!kz_table_add_share(t, cfg, "vermittlungsquote", "baustein" KZ_CROSS "kommune",
                                    cat, a->placed, a->austritte))
                goto done;
        }
    }
    err = DBK_OK;
done:
    free(accs);
    free(km.time);
    free(km.event);
    free(km.gtime);
    free(km.by_time);
    free(km.gevent);
    free(km.start);
    free(bestand);
    return err;
}

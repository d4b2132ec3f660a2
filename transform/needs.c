/*
 * needs.c - needs versus offers.
 *
 * Persons are counted once per cell by stamping (a person's rows are adjacent
 * in the cohort). Places are summed over the offers running in the period.
 */
#include "needs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "database.h"
#include "diag.h"
#include "i18n.h"

#define N_BEDARF 10
#define N_STATUS 6

typedef struct needs_grid {
    size_t nk;                   /* kommune categories */
    long p1[N_BEDARF], *p2, p3[N_BEDARF][N_STATUS]; /* persons */
    size_t s1[N_BEDARF], *s2, s3[N_BEDARF][N_STATUS]; /* stamps: person + 1 */
    long z1[N_BEDARF], *z2, a3[N_BEDARF][N_STATUS];  /* places open */
    long v1[N_BEDARF], *v2;                               /* places closed to duldung or gestattung */
} needs_grid;

#define AT2(g, b, k) ((size_t)(b) * (g)->nk + (k))

static void stamp_count(long *count, size_t *stamp, size_t person)
{
    if (*stamp != person + 1) {
        *stamp = person + 1;
        (*count)++;
    }
}

/* Reads the offers running in the period into the grid; sets *any if angebote has rows. */
static dbk_error needs_read_offers(sqlite3 *db, const char *path, cohort *c, needs_grid *g,
                                   int *any)
{
    sqlite3_stmt *st = NULL;
    int rc, duldung = codebook_code_index(codebook_aufenthaltsstatus, "duldung");
    int gestattung = codebook_code_index(codebook_aufenthaltsstatus, "gestattung");
    unsigned core = (1u << duldung) | (1u << gestattung);
    dbk_error err = DBK_OK;

    *any = 0;
    rc = sqlite3_prepare_v2(db,
                            "SELECT kommune, bedarfe, zugang, plaetze,"
                            " beginn IS NULL OR beginn = '' OR beginn <= ?2,"
                            " ende IS NULL OR ende = '' OR ende >= ?1 FROM angebote",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(st, 1, c->p.from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->p.to, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *any = 1;
        if (!sqlite3_column_int(st, 4) || !sqlite3_column_int(st, 5))
            continue;
        const char *kommune = (const char *)sqlite3_column_text(st, 0);
        long k = cohort_dim_find(&c->dims[DIM_KOMMUNE], kommune ? kommune : "");
        if (k < 0 || (size_t)k >= g->nk)
            continue; /* cannot happen: needs_compute interned every offer's kommune */
        unsigned bed = cohort_parse_set((const char *)sqlite3_column_text(st, 1),
                                        codebook_bedarfe);
        unsigned zug = cohort_parse_set((const char *)sqlite3_column_text(st, 2),
                                        codebook_aufenthaltsstatus);
        long pl = sqlite3_column_int64(st, 3);
        for (int b = 0; b < N_BEDARF; b++) {
            if (!(bed >> b & 1u))
                continue;
            if ((zug & core) == core) {
                g->z1[b] += pl;
                g->z2[AT2(g, b, k)] += pl;
            } else {
                g->v1[b] += pl;
                g->v2[AT2(g, b, k)] += pl;
            }
            for (int s = 0; s < N_STATUS; s++)
                if (zug >> s & 1u)
                    g->a3[b][s] += pl;
        }
    }
    if (rc == SQLITE_DONE)
        goto done;
fail:
    err = database_fail(db, path, rc, _("cannot read angebote"));
done:
    sqlite3_finalize(st);
    return err;
}

/* Interns every offer's kommune so the grid can be sized once. */
static dbk_error needs_intern_kommunen(sqlite3 *db, const char *path, cohort *c)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT DISTINCT kommune FROM angebote", -1, &st, NULL);
    dbk_error err = DBK_OK;
    if (rc != SQLITE_OK)
        goto fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        if (cohort_dim_intern(&c->dims[DIM_KOMMUNE], k ? k : "") < 0) {
            err = DBK_ERR_NOMEM;
            goto done;
        }
    }
    if (rc == SQLITE_DONE)
        goto done;
fail:
    err = database_fail(db, path, rc, _("cannot read angebote"));
done:
    sqlite3_finalize(st);
    return err;
}

/* Adds the four figures of one cell. */
static int needs_cell(kz_table *t, const char *dim, const char *cat, long persons, long open,
                      long closed, int offers, int with_closed, int with_gap)
{
    if (!kz_table_add_count(t, "bedarf_personen", dim, cat, persons))
        return -1;
    if (!offers)
        return 0;
    if (!kz_table_add_count(t, "plaetze_zugaenglich", dim, cat, open))
        return -1;
    if (with_closed && !kz_table_add_count(t, "plaetze_verschlossen", dim, cat, closed))
        return -1;
    if (!kz_table_add(t, "deckungsgrad", dim, cat, kz_int(open), kz_int(persons),
                      persons > 0 ? kz_real((double)open / (double)persons) : kz_null()))
        return -1;
    /* every cell, not only the gaps: a row's mere presence would tell persons > places */
    if (with_gap && !kz_table_add(t, "angebotsluecke", dim, cat, kz_int(persons), kz_int(open),
                                  kz_int(persons - open)))
        return -1;
    return 0;
}

dbk_error needs_compute(sqlite3 *db, const char *path, cohort *c, const config *cfg,
                        kz_table *t)
{
    needs_grid g;
    dbk_error err;
    int offers = 0;
    char cat[512];
    const cohort_dim *dk = &c->dims[DIM_KOMMUNE], *ds = &c->dims[DIM_AUFENTHALTSSTATUS];
    size_t *korder = NULL, nko = 0;

    memset(&g, 0, sizeof g);
    if ((err = needs_intern_kommunen(db, path, c)) != DBK_OK)
        return err;
    g.nk = dk->n_cats;
    err = DBK_ERR_NOMEM;
    g.p2 = calloc(N_BEDARF * g.nk + 1, sizeof *g.p2);
    g.s2 = calloc(N_BEDARF * g.nk + 1, sizeof *g.s2);
    g.z2 = calloc(N_BEDARF * g.nk + 1, sizeof *g.z2);
    g.v2 = calloc(N_BEDARF * g.nk + 1, sizeof *g.v2);
    korder = malloc((g.nk + 1) * sizeof *korder);
    if (!g.p2 || !g.s2 || !g.z2 || !g.v2 || !korder)
        goto done;

    for (size_t i = 0; i < c->n; i++) {
        const cohort_row *r = &c->rows[i];
        size_t k = r->cat[DIM_KOMMUNE], s = r->cat[DIM_AUFENTHALTSSTATUS];
        for (int b = 0; b < N_BEDARF; b++) {
            if (!(r->bedarfe >> b & 1u))
                continue;
            stamp_count(&g.p1[b], &g.s1[b], r->person);
            stamp_count(&g.p2[AT2(&g, b, k)], &g.s2[AT2(&g, b, k)], r->person);
            if (s < N_STATUS)
                stamp_count(&g.p3[b][s], &g.s3[b][s], r->person);
        }
    }
    if ((err = needs_read_offers(db, path, c, &g, &offers)) != DBK_OK)
        goto done;
    err = DBK_ERR_NOMEM;

    /* the kommunen written: the cohort's, then offer-only ones that have places */
    for (size_t o = 0; o < dk->n_order; o++)
        korder[nko++] = dk->order[o];
    for (size_t k = 0; k < g.nk; k++) {
        int listed = 0;
        for (size_t o = 0; o < dk->n_order && !listed; o++)
            listed = dk->order[o] == k;
        long places = 0;
        for (int b = 0; b < N_BEDARF; b++)
            places += g.z2[AT2(&g, b, k)] + g.v2[AT2(&g, b, k)];
        if (!listed && places > 0)
            korder[nko++] = k;
    }

    for (int b = 0; b < N_BEDARF; b++) {
        const char *bn = codebook_bedarfe[b];
        if (needs_cell(t, "bedarf", bn, g.p1[b], g.z1[b], g.v1[b], offers, 1, 0) != 0)
            goto done;
        for (size_t o = 0; o < nko; o++) {
            size_t k = korder[o];
            snprintf(cat, sizeof cat, "%s" KZ_CROSS "%s", bn, dk->cats[k]);
            if (needs_cell(t, "bedarf" KZ_CROSS "kommune", cat, g.p2[AT2(&g, b, k)],
                           g.z2[AT2(&g, b, k)], g.v2[AT2(&g, b, k)], offers, 1, 1) != 0)
                goto done;
        }
        for (int s = 0; s < N_STATUS; s++) {
            snprintf(cat, sizeof cat, "%s" KZ_CROSS "%s", bn, ds->cats[s]);
            if (needs_cell(t, "bedarf" KZ_CROSS "aufenthaltsstatus", cat, g.p3[b][s],
                           g.a3[b][s], 0, offers, 0, 0) != 0)
                goto done;
        }
    }
    err = DBK_OK;
done:
    free(g.p2);
    free(g.s2);
    free(g.z2);
    free(g.v2);
    free(korder);
    return err;
}

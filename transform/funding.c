/*
 * funding.c - mittel per jahr x baustein, with participations of the year.
 */
#include "funding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "database.h"
#include "diag.h"
#include "i18n.h"

#define N_BAUSTEIN CODEBOOK_BAUSTEINE

typedef struct funding_cell {
    int has_money;
    double bewilligt, verausgabt;
    long teilnahmen, austritte, vermittlungen;
} funding_cell;

/* Adds the figures of one cell (dimension dim, category cat). */
static int funding_cell_write(kz_table *t, const config *cfg, const char *dim, const char *cat,
                              const funding_cell *f)
{
    double land = f->verausgabt * cfg->funding_rate;
    if (f->has_money &&
        (!kz_table_add(t, "mittel_bewilligt", dim, cat, kz_null(), kz_null(),
                       kz_real(f->bewilligt)) ||
         !kz_table_add(t, "mittel_verausgabt", dim, cat, kz_null(), kz_null(),
                       kz_real(f->verausgabt)) ||
         !kz_table_add(t, "landesanteil", dim, cat, kz_null(), kz_null(), kz_real(land)) ||
         !kz_table_add(t, "eigenanteil", dim, cat, kz_null(), kz_null(),
                       kz_real(f->verausgabt - land)) ||
         !kz_table_add(t, "ausschoepfung", dim, cat, kz_real(f->verausgabt),
                       kz_real(f->bewilligt),
                       f->bewilligt > 0 ? kz_real(f->verausgabt / f->bewilligt) : kz_null())))
        return -1;
    if (!kz_table_add_count(t, "teilnahmen", dim, cat, f->teilnahmen) ||
        !kz_table_add_count(t, "austritte", dim, cat, f->austritte) ||
        !kz_table_add_count(t, "vermittlungen", dim, cat, f->vermittlungen))
        return -1;
    if (f->has_money &&
        (!kz_table_add(t, "kosten_je_teilnahme", dim, cat, kz_real(f->verausgabt),
                       kz_int(f->teilnahmen),
                       f->teilnahmen > 0 ? kz_real(f->verausgabt / (double)f->teilnahmen)
                                         : kz_null()) ||
         !kz_table_add(t, "kosten_je_vermittlung", dim, cat, kz_real(f->verausgabt),
                       kz_int(f->vermittlungen),
                       f->vermittlungen > 0 ? kz_real(f->verausgabt / (double)f->vermittlungen)
                                            : kz_null())))
        return -1;
    return 0;
}

/* Counts the participations, exits and placements of cohort c per baustein into cells[1..6]. */
static void funding_count(const cohort *c, funding_cell *cells)
{
    const cohort_dim *db = &c->dims[DIM_BAUSTEIN];
    for (size_t i = 0; i < c->n; i++) {
        const cohort_row *r = &c->rows[i];
        int b = atoi(db->cats[r->cat[DIM_BAUSTEIN]]);
        if (b < 1 || b > N_BAUSTEIN)
            continue;
        cells[b].teilnahmen++;
        cells[b].austritte += (r->flags & COHORT_EXITED) != 0;
        cells[b].vermittlungen += (r->flags & COHORT_PLACED) != 0;
    }
}

/* Counts year y per baustein: from the period's cohort when the year is the period, else its own. */
static dbk_error funding_count_year(sqlite3 *db, const char *path, const config *cfg, int y,
                                    const cohort *c, funding_cell *cells)
{
    period yp;
    cohort *cy = NULL;
    dbk_error err;
    snprintf(yp.from, sizeof yp.from, "%04d-01-01", y);
    snprintf(yp.to, sizeof yp.to, "%04d-12-31", y);
    if (period_parse_date(yp.from, &yp.from_day) != 0 || period_parse_date(yp.to, &yp.to_day) != 0)
        return DBK_ERR_USAGE;
    if (c && c->p.from_day == yp.from_day && c->p.to_day == yp.to_day) {
        funding_count(c, cells);
        return DBK_OK;
    }
    if ((err = cohort_load(db, path, cfg, &yp, &cy)) != DBK_OK)
        return err;
    funding_count(cy, cells);
    cohort_free(cy);
    return DBK_OK;
}

dbk_error funding_compute(sqlite3 *db, const char *path, const config *cfg, const period *p,
                          const cohort *c, kz_table *t)
{
    int y0 = period_year_of(p->from_day), y1 = period_year_of(p->to_day);
    sqlite3_stmt *st = NULL;
    dbk_error err = DBK_OK;
    char cat[64], year[16];
    int rc;

    rc = sqlite3_prepare_v2(db,
                            "SELECT DISTINCT jahr FROM mittel WHERE jahr BETWEEN ?1 AND ?2"
                            " ORDER BY jahr",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    sqlite3_bind_int(st, 1, y0);
    sqlite3_bind_int(st, 2, y1);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int y = sqlite3_column_int(st, 0);
        funding_cell cells[N_BAUSTEIN + 1];
        sqlite3_stmt *m = NULL;
        memset(cells, 0, sizeof cells);
        rc = sqlite3_prepare_v2(db,
                                "SELECT baustein, bewilligt, verausgabt FROM mittel WHERE jahr = ?1",
                                -1, &m, NULL);
        if (rc != SQLITE_OK)
            goto fail;
        sqlite3_bind_int(m, 1, y);
        while ((rc = sqlite3_step(m)) == SQLITE_ROW) {
            int b = sqlite3_column_int(m, 0);
            if (b < 1 || b > N_BAUSTEIN)
                continue;
            cells[b].has_money = 1;
            cells[b].bewilligt = sqlite3_column_double(m, 1);
            cells[b].verausgabt = sqlite3_column_double(m, 2);
        }
        sqlite3_finalize(m);
        if (rc != SQLITE_DONE)
            goto fail;
        if ((err = funding_count_year(db, path, cfg, y, c, cells)) != DBK_OK)
            goto done;
        /* cells[0] is the year's total */
        cells[0].has_money = 1;
        for (int b = 1; b <= N_BAUSTEIN; b++) {
            cells[0].bewilligt += cells[b].bewilligt;
            cells[0].verausgabt += cells[b].verausgabt;
            cells[0].teilnahmen += cells[b].teilnahmen;
            cells[0].austritte += cells[b].austritte;
            cells[0].vermittlungen += cells[b].vermittlungen;
        }
        snprintf(year, sizeof year, "%d", y);
        for (int b = 1; b <= N_BAUSTEIN; b++) {
            snprintf(cat, sizeof cat, "%d" KZ_CROSS "%d", y, b);
            if (funding_cell_write(t, cfg, "jahr" KZ_CROSS "baustein", cat, &cells[b]) != 0) {
                err = DBK_ERR_NOMEM;
                goto done;
            }
        }
        if (funding_cell_write(t, cfg, "jahr", year, &cells[0]) != 0) {
            err = DBK_ERR_NOMEM;
            goto done;
        }
    }
    if (rc == SQLITE_DONE)
        goto done;
fail:
    err = database_fail(db, path, rc, _("cannot read mittel"));
done:
    sqlite3_finalize(st);
    return err;
}

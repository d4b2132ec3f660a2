/*
 * funding.c - mittel per jahr x baustein, with participations of the year.
 */
#include "funding.h"

#include <stdio.h>
#include <string.h>

#include "codebook.h"
#include "database.h"
#include "diag.h"

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

/* Counts the participations, exits and placements of year y per baustein into cells[1..6]. */
static dbk_error funding_count_year(sqlite3 *db, const char *path, const config *cfg, int y,
                                    funding_cell *cells)
{
    char placements[512] = "", sql[1024], from[16], to[16];
    sqlite3_stmt *st = NULL;
    dbk_error err = DBK_OK;
    int rc;

    for (int v = 0; codebook_verbleib[v]; v++) {
        if (!(cfg->placement_mask >> v & 1u))
            continue;
        size_t len = strlen(placements);
        snprintf(placements + len, sizeof placements - len, "%s'%s'", len ? "," : "",
                 codebook_verbleib[v]);
    }
    snprintf(sql, sizeof sql,
             "SELECT baustein, count(*),"
             " coalesce(sum(austritt BETWEEN ?1 AND ?2), 0),"
             " coalesce(sum(austritt BETWEEN ?1 AND ?2 AND verbleib IN (%s)), 0)"
             " FROM teilnahmen WHERE eintritt <= ?2 AND (austritt IS NULL OR austritt = ''"
             " OR austritt >= ?1) GROUP BY baustein",
             placements[0] ? placements : "NULL");
    snprintf(from, sizeof from, "%04d-01-01", y);
    snprintf(to, sizeof to, "%04d-12-31", y);
    rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int b = sqlite3_column_int(st, 0);
        if (b < 1 || b > N_BAUSTEIN)
            continue;
        cells[b].teilnahmen = sqlite3_column_int64(st, 1);
        cells[b].austritte = sqlite3_column_int64(st, 2);
        cells[b].vermittlungen = sqlite3_column_int64(st, 3);
    }
    if (rc == SQLITE_DONE)
        goto done;
fail:
    err = database_fail(db, path, rc, "cannot count teilnahmen of %d", y);
done:
    sqlite3_finalize(st);
    return err;
}

dbk_error funding_compute(sqlite3 *db, const char *path, const config *cfg, const period *p,
                          kz_table *t)
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
        if ((err = funding_count_year(db, path, cfg, y, cells)) != DBK_OK)
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
    err = database_fail(db, path, rc, "cannot read mittel");
done:
    sqlite3_finalize(st);
    return err;
}

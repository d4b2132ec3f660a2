/*
 * quality.c - completeness and rejects: one scan per dataset, one GROUP BY.
 */
#include "quality.h"

#include <stdio.h>
#include <string.h>

#include "codebook.h"
#include "database.h"
#include "diag.h"
#include "disclosure.h"
#include "i18n.h"

/* Which rows of a dataset belong to period ?1 .. ?2. */
static const char *period_rows(dataset_kind kind)
{
    switch (kind) {
    case DATASET_TEILNAHMEN:
        return " WHERE eintritt <= ?2 AND (austritt IS NULL OR austritt = '' OR austritt >= ?1)";
    case DATASET_ANGEBOTE:
        return " WHERE (beginn IS NULL OR beginn = '' OR beginn <= ?2)"
               " AND (ende IS NULL OR ende = '' OR ende >= ?1)";
    default:
        return " WHERE jahr BETWEEN CAST(substr(?1, 1, 4) AS INTEGER)"
               " AND CAST(substr(?2, 1, 4) AS INTEGER)";
    }
}

/* One pass over a dataset's rows of the period counting, per field, the rows with a value. */
static dbk_error quality_dataset(sqlite3 *db, const char *path, const config *cfg,
                                 const period *p, dataset_kind kind, kz_table *t)
{
    const codebook_dataset *ds = codebook_dataset_get(kind);
    char sql[8192], feld[128];
    size_t len;
    sqlite3_stmt *st = NULL;
    dbk_error err = DBK_OK;
    int rc;

    len = (size_t)snprintf(sql, sizeof sql, "SELECT count(*)");
    for (size_t i = 0; i < ds->n_fields && len < sizeof sql; i++) {
        const char *f = ds->fields[i].name;
        int bst = kind == DATASET_TEILNAHMEN ? disclosure_field_baustein(f) : 0;
        if (bst)
            len += (size_t)snprintf(sql + len, sizeof sql - len,
                                    ", count(CASE WHEN baustein = %d AND %s IS NOT NULL AND %s <> ''"
                                    " THEN 1 END), count(CASE WHEN baustein = %d THEN 1 END)",
                                    bst, f, f, bst);
        else
            len += (size_t)snprintf(sql + len, sizeof sql - len,
                                    ", count(CASE WHEN %s IS NOT NULL AND %s <> '' THEN 1 END),"
                                    " count(*)",
                                    f, f);
    }
    if (len < sizeof sql)
        snprintf(sql + len, sizeof sql - len, " FROM %s%s", ds->name, period_rows(kind));
    rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(st, 1, p->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->to, -1, SQLITE_STATIC);
    if ((rc = sqlite3_step(st)) != SQLITE_ROW)
        goto fail;
    long rows = sqlite3_column_int64(st, 0);
    if (rows > 0 || kind == DATASET_TEILNAHMEN) {
        for (size_t i = 0; i < ds->n_fields; i++) {
            if (kind == DATASET_TEILNAHMEN)
                snprintf(feld, sizeof feld, "%s", ds->fields[i].name);
            else
                snprintf(feld, sizeof feld, "%s.%s", ds->name, ds->fields[i].name);
            if (!kz_table_add_share(t, cfg, "vollstaendigkeit", "feld", feld,
                                    sqlite3_column_int64(st, 2 * (int)i + 1),
                                    sqlite3_column_int64(st, 2 * (int)i + 2))) {
                err = DBK_ERR_NOMEM;
                goto done;
            }
        }
    }
    goto done;
fail:
    err = database_fail(db, path, rc, _("cannot read %s"), ds->name);
done:
    sqlite3_finalize(st);
    return err;
}

dbk_error quality_compute(sqlite3 *db, const char *path, const config *cfg, const period *p,
                          kz_table *t)
{
    sqlite3_stmt *st = NULL;
    dbk_error err;
    long total = 0;
    int rc;

    for (int k = 0; k < DATASET_COUNT; k++)
        if ((err = quality_dataset(db, path, cfg, p, (dataset_kind)k, t)) != DBK_OK)
            return err;
    rc = sqlite3_prepare_v2(db,
                            "SELECT grund, count(*) FROM abweisungen WHERE ersetzt_durch IS NULL GROUP BY grund ORDER BY grund",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *grund = (const char *)sqlite3_column_text(st, 0);
        long n = sqlite3_column_int64(st, 1);
        total += n;
        if (!kz_table_add_count(t, "abgewiesen", "grund", grund ? grund : "", n)) {
            sqlite3_finalize(st);
            return DBK_ERR_NOMEM;
        }
    }
    if (rc != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(st);
    return kz_table_add_count(t, "abgewiesen", "gesamt", "gesamt", total) ? DBK_OK
                                                                         : DBK_ERR_NOMEM;
fail:
    diag_error(path, 0, NULL, _("cannot read abweisungen: %s"), sqlite3_errmsg(db));
    sqlite3_finalize(st);
    err = database_error_from(rc);
    return err == DBK_OK ? DBK_ERR_DB : err;
}

/*
 * lauf.c - the run record.
 */
#include "lauf.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "database.h"
#include "diag.h"
#include "i18n.h"

/* Formats the run's time: SOURCE_DATE_EPOCH if set and numeric, else now. */
static void lauf_time(char out[21])
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t now = time(NULL);
    struct tm tm;
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            now = (time_t)v;
    }
    gmtime_r(&now, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

dbk_error lauf_record(sqlite3 *db, const char *path, const config *cfg, const period *p,
                      const period *prev, const char *datenstand, long long *id)
{
    static const char batches_sql[] =
        /* EXISTS stops at a batch's first row; a UNION of all rows would sort a million. */
        "SELECT coalesce(group_concat(id, ','), '') FROM (SELECT id FROM lieferungen l WHERE"
        " EXISTS (SELECT 1 FROM teilnahmen WHERE lieferung = l.id)"
        " OR EXISTS (SELECT 1 FROM angebote WHERE lieferung = l.id)"
        " OR EXISTS (SELECT 1 FROM mittel WHERE lieferung = l.id)"
        " OR EXISTS (SELECT 1 FROM abweisungen WHERE lieferung = l.id AND ersetzt_durch IS NULL)"
        " ORDER BY id)";
    sqlite3_stmt *st = NULL;
    char *batches = NULL;
    char when[21];
    int rc;
    dbk_error err = DBK_OK;

    rc = sqlite3_prepare_v2(db, batches_sql, -1, &st, NULL);
    if (rc != SQLITE_OK || (rc = sqlite3_step(st)) != SQLITE_ROW)
        goto fail;
    batches = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    st = NULL;
    if (!batches) {
        err = DBK_ERR_NOMEM;
        goto done;
    }
    lauf_time(when);
    rc = sqlite3_prepare_v2(db,
                            "INSERT INTO laeufe(zeitpunkt, periode_von, periode_bis, config,"
                            " config_sha256, lieferungen, vorperiode_von, vorperiode_bis,"
                            " datenstand) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, ''))",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(st, 1, when, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, p->to, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, cfg->path ? cfg->path : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, cfg->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, batches, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, prev->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, prev->to, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, datenstand ? datenstand : "", -1, SQLITE_STATIC);
    if ((rc = sqlite3_step(st)) != SQLITE_DONE)
        goto fail;
    *id = sqlite3_last_insert_rowid(db);
    goto done;
fail:
    err = database_fail(db, path, rc, _("cannot record the run"));
done:
    sqlite3_finalize(st);
    free(batches);
    return err;
}

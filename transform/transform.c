/*
 * transform.c - the stage's run: compute, suppress, record, write.
 */
#include "transform.h"

#include "cohort.h"
#include "database.h"
#include "diag.h"
#include "funding.h"
#include "indicators.h"
#include "lauf.h"
#include "needs.h"
#include "quality.h"
#include "suppress.h"

dbk_error transform_compute(sqlite3 *db, const char *path, const config *cfg, const char *from,
                            const char *to, period *p, kz_table **out)
{
    cohort *c = NULL;
    kz_table *t = NULL;
    dbk_error err;

    *out = NULL;
    if ((err = period_resolve(db, path, cfg, from, to, p)) != DBK_OK)
        goto done;
    if (!(t = kz_table_new())) {
        err = DBK_ERR_NOMEM;
        goto done;
    }
    if ((err = cohort_load(db, path, cfg, p, &c)) != DBK_OK ||
        (err = indicators_compute(c, cfg, t)) != DBK_OK ||
        (err = needs_compute(db, path, c, cfg, t)) != DBK_OK ||
        (err = funding_compute(db, path, cfg, p, t)) != DBK_OK ||
        (err = quality_compute(db, path, cfg, t)) != DBK_OK ||
        (err = suppress_apply(t, cfg->min_fallzahl)) != DBK_OK)
        goto done;
    *out = t;
    t = NULL;
done:
    if (err == DBK_ERR_NOMEM)
        diag_error(path, 0, NULL, "out of memory");
    cohort_free(c);
    kz_table_free(t);
    return err;
}

dbk_error transform_run(sqlite3 *db, const char *path, const config *cfg, const char *from,
                        const char *to)
{
    kz_table *t = NULL;
    period p;
    long long run = 0;
    dbk_error err;

    if ((err = database_begin(db, path)) != DBK_OK)
        return err;
    if ((err = transform_compute(db, path, cfg, from, to, &p, &t)) != DBK_OK ||
        (err = lauf_record(db, path, cfg, &p, &run)) != DBK_OK ||
        (err = kz_table_write(t, db, path, &p, run)) != DBK_OK)
        goto fail;
    if ((err = database_commit(db, path)) != DBK_OK)
        goto fail; /* it has rolled back; fail only says so */
    size_t withheld = 0;
    for (size_t i = 0; i < t->n; i++)
        withheld += t->rows[i].gesperrt != 0;
    diag_info("%s: %zu figures for %s to %s (run %lld), %zu withheld", path, t->n, p.from, p.to,
              run, withheld);
    goto done;
fail:
    database_rollback(db);
    diag_error(path, 0, NULL, "nothing was changed: kennzahlen and laeufe are as before");
done:
    kz_table_free(t);
    return err;
}

/*
 * transform.c - the stage's run: compute both periods, protect, test, record, write.
 */
#include "transform.h"

#include <stdlib.h>
#include <string.h>

#include "cohort.h"
#include "database.h"
#include "diag.h"
#include "disclosure.h"
#include "funding.h"
#include "indicators.h"
#include "lauf.h"
#include "needs.h"
#include "quality.h"
#include "i18n.h"
#include "tests.h"

void transform_result_free(transform_result *r)
{
    if (!r)
        return;
    kz_table_free(r->cur);
    kz_table_free(r->prev_figs);
    free(r);
}

dbk_error transform_compute(sqlite3 *db, const char *path, const config *cfg, const char *from,
                            const char *to, transform_result **out)
{
    cohort *c = NULL, *cp = NULL;
    transform_result *r = calloc(1, sizeof *r);
    dbk_error err = DBK_ERR_NOMEM;

    *out = NULL;
    if (!r)
        goto done;
    if ((err = period_resolve(db, path, cfg, from, to, &r->p)) != DBK_OK)
        goto done;
    period_previous(&r->p, &r->prev);
    err = DBK_ERR_NOMEM;
    if (!(r->cur = kz_table_new()) || !(r->prev_figs = kz_table_new()))
        goto done;
    period ps[2] = {r->p, r->prev};
    cohort *both[2];
    if ((err = cohort_load_many(db, path, cfg, ps, 2, both, r->datenstand)) != DBK_OK)
        goto done;
    c = both[0];
    cp = both[1];
    disclosure_set sets[2] = {{r->cur, &r->p}, {r->prev_figs, &r->prev}};
    if ((err = cohort_merge_small(both, 2, cfg)) != DBK_OK ||
        (err = indicators_compute(c, cfg, INDICATORS_FULL, r->cur)) != DBK_OK ||
        (err = indicators_compute(cp, cfg, INDICATORS_COMPARISON, r->prev_figs)) != DBK_OK ||
        (err = needs_compute(db, path, c, cfg, r->cur)) != DBK_OK ||
        (err = funding_compute(db, path, cfg, &r->p, c, r->cur)) != DBK_OK ||
        (err = quality_compute(db, path, cfg, &r->p, r->cur)) != DBK_OK ||
        (err = disclosure_apply(sets, 2, cfg, &r->sdc)) != DBK_OK ||
        (err = tests_compute(r->cur)) != DBK_OK)
        goto done;
    *out = r;
    r = NULL;
done:
    if (err == DBK_ERR_NOMEM)
        diag_error(path, 0, NULL, _("out of memory"));
    cohort_free(c);
    cohort_free(cp);
    transform_result_free(r);
    return err;
}

dbk_error transform_run(sqlite3 *db, const char *path, const config *cfg, const char *from,
                        const char *to)
{
    transform_result *r = NULL;
    long long run = 0;
    dbk_error err;

    if ((err = database_begin(db, path)) != DBK_OK)
        return err;
    if ((err = transform_compute(db, path, cfg, from, to, &r)) != DBK_OK ||
        (err = lauf_record(db, path, cfg, &r->p, &r->prev, r->datenstand, &run)) != DBK_OK ||
        (err = kz_table_clear(db, path, &r->p)) != DBK_OK ||
        (err = kz_table_write(r->cur, db, path, &r->p, KZ_BEZUG_PERIODE, run)) != DBK_OK ||
        (err = kz_table_write(r->prev_figs, db, path, &r->prev, KZ_BEZUG_VORPERIODE, run)) != DBK_OK)
        goto fail;
    if ((err = database_commit(db, path)) != DBK_OK)
        goto fail; /* it has rolled back; fail only says so */
    diag_info(_("%s: %zu figures for %s to %s and %zu for the comparison period %s to %s (run %lld);"
                " disclosure control withheld %zu figures (%zu counts below the threshold, %zu more"
                " to protect them)"),
              path, r->cur->n, r->p.from, r->p.to, r->prev_figs->n, r->prev.from, r->prev.to, run,
              r->sdc.figures_withheld, r->sdc.primary, r->sdc.secondary);
    if (r->sdc.unresolved)
        diag_warn(path, 0, NULL, _("disclosure control could not protect %zu counts: see above"),
                  r->sdc.unresolved);
    const kz_row *n = kz_table_find(r->cur, "teilnahmen", "gesamt", "gesamt");
    if (n && n->wert.v == 0)
        diag_warn(path, 0, NULL,
                  _("the period %s to %s holds no participation: every figure of it is empty "
                    "(check --from and --to, or the config's [period])"),
                  r->p.from, r->p.to);
    goto done;
fail:
    database_rollback(db);
    diag_error(path, 0, NULL, _("nothing was changed: kennzahlen and laeufe are as before"));
done:
    transform_result_free(r);
    return err;
}

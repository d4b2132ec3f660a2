/*
 * data.c - reading kennzahlen, laeufe and lieferungen for a report.
 */
#define _GNU_SOURCE /* timegm */
#include "data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "database.h"
#include "diag.h"
#include "i18n.h"

static char *dup_column(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return strdup(t ? (const char *)t : "");
}

static void copy_column(char *dst, size_t size, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

/* Reads the numeric column col into *v and sets bit in *has unless NULL. */
static void read_number(sqlite3_stmt *st, int col, double *v, unsigned *has, unsigned bit)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return;
    *v = sqlite3_column_double(st, col);
    *has |= bit;
}

static dbk_error fail_db(sqlite3 *db, const char *path, int rc)
{
    diag_error(path, 0, NULL, _("cannot read figures: %s"), sqlite3_errmsg(db));
    return database_error_from(rc);
}

/* Picks the period and newest run; fills data->period_* and lauf_*. */
static int load_run(sqlite3 *db, report_data *data, const char *from, const char *to)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (from[0] && to[0]) {
        snprintf(data->period_from, sizeof data->period_from, "%s", from);
        snprintf(data->period_to, sizeof data->period_to, "%s", to);
        rc = sqlite3_prepare_v2(db,
                                "SELECT id, zeitpunkt, config_sha256, periode_von, periode_bis, vorperiode_von,"
                                " vorperiode_bis, datenstand FROM laeufe "
                                "WHERE periode_von = ?1 AND periode_bis = ?2 ORDER BY id DESC LIMIT 1",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
        }
    } else {
        rc = sqlite3_prepare_v2(db,
                                "SELECT id, zeitpunkt, config_sha256, periode_von, periode_bis, vorperiode_von,"
                                " vorperiode_bis, datenstand FROM laeufe ORDER BY id DESC LIMIT 1",
                                -1, &st, NULL);
    }
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        data->lauf_id = sqlite3_column_int64(st, 0);
        copy_column(data->lauf_zeitpunkt, sizeof data->lauf_zeitpunkt, st, 1);
        copy_column(data->config_sha256, sizeof data->config_sha256, st, 2);
        if (!data->period_from[0]) {
            copy_column(data->period_from, sizeof data->period_from, st, 3);
            copy_column(data->period_to, sizeof data->period_to, st, 4);
        }
        copy_column(data->data_date, sizeof data->data_date, st, 7);
        if (sqlite3_column_type(st, 5) != SQLITE_NULL && sqlite3_column_type(st, 6) != SQLITE_NULL) {
            if (!(data->prev = calloc(1, sizeof *data->prev))) {
                sqlite3_finalize(st);
                return SQLITE_NOMEM;
            }
            copy_column(data->prev->period_from, sizeof data->prev->period_from, st, 5);
            copy_column(data->prev->period_to, sizeof data->prev->period_to, st, 6);
            data->prev->lauf_id = data->lauf_id;
        }
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Data status over the batches the run names in laeufe.lieferungen (all if none parse). */
static int load_status(sqlite3 *db, report_data *data)
{
    sqlite3_stmt *st = NULL;
    char *ids = NULL;
    int rc = SQLITE_OK;

    if (data->lauf_id) {
        rc = sqlite3_prepare_v2(db, "SELECT lieferungen FROM laeufe WHERE id = ?1", -1, &st, NULL);
        if (rc != SQLITE_OK)
            goto cleanup;
        sqlite3_bind_int64(st, 1, data->lauf_id);
        if (sqlite3_step(st) == SQLITE_ROW)
            ids = dup_column(st, 0);
        sqlite3_finalize(st);
        st = NULL;
    }
    /* The run's batch list, whatever its separators ("1,2", "[1, 2]", "1|2"), as JSON. */
    char json[4096] = "[";
    size_t j = 1;
    int any = 0;
    for (const char *p = ids ? ids : ""; *p && j < sizeof json - 24;) {
        if (*p >= '0' && *p <= '9') {
            long v = strtol(p, (char **)&p, 10);
            j += (size_t)snprintf(json + j, sizeof json - j, "%s%ld", any ? "," : "", v);
            any = 1;
        } else {
            p++;
        }
    }
    snprintf(json + j, sizeof json - j, "]");
    rc = sqlite3_prepare_v2(db,
                            "SELECT count(*), count(DISTINCT datei), coalesce(sum(zeilen_gelesen),0), "
                            "coalesce(sum(zeilen_geladen),0), coalesce(sum(zeilen_abgewiesen),0), "
                            "coalesce(max(zeitpunkt),'') FROM lieferungen "
                            "WHERE ?1 = 0 OR id IN (SELECT value FROM json_each(?2))",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_int(st, 1, any);
    sqlite3_bind_text(st, 2, json, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        data->n_batches = sqlite3_column_int64(st, 0);
        data->n_files = sqlite3_column_int64(st, 1);
        data->rows_read = sqlite3_column_int64(st, 2);
        data->rows_loaded = sqlite3_column_int64(st, 3);
        data->rows_rejected = sqlite3_column_int64(st, 4);
        copy_column(data->data_status, sizeof data->data_status, st, 5);
        rc = SQLITE_OK;
    }
cleanup:
    sqlite3_finalize(st);
    free(ids);
    return rc;
}

static figure_geheimhaltung geheimhaltung_of(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    if (!t)
        return FIGURE_GH_NONE;
    if (strcmp((const char *)t, "primaer") == 0)
        return FIGURE_GH_PRIMAER;
    if (strcmp((const char *)t, "sekundaer") == 0)
        return FIGURE_GH_SEKUNDAER;
    if (strcmp((const char *)t, "zusammengefasst") == 0)
        return FIGURE_GH_ZUSAMMENGEFASST;
    return FIGURE_GH_NONE;
}

/* The figures of data's period with bezug, from the newest run that wrote that period. */
static int load_figures(sqlite3 *db, report_data *data, const char *bezug, long lauf)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    /* The run's rows; without a run, the newest rows of the period (rows without a run count as one). */
    int rc = sqlite3_prepare_v2(
        db,
        "SELECT kennzahl, dimension, kategorie, zaehler, nenner, wert, ci_unten, ci_oben, gesperrt, "
        "geheimhaltung, gesperrt_teile FROM kennzahlen WHERE periode_von = ?1 AND periode_bis = ?2 AND bezug = ?3 AND "
        "(CASE WHEN ?4 > 0 THEN lauf = ?4 ELSE coalesce(lauf, 0) = (SELECT coalesce(max(coalesce(lauf, 0)), 0) "
        "FROM kennzahlen WHERE periode_von = ?1 AND periode_bis = ?2 AND bezug = ?3) END) "
        "ORDER BY kennzahl, dimension, kategorie",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, data->period_from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, data->period_to, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, bezug, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, lauf);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (data->n_figures == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            report_figure *nf = realloc(data->figures, ncap * sizeof *nf);
            if (!nf) {
                rc = SQLITE_NOMEM;
                break;
            }
            data->figures = nf;
            cap = ncap;
        }
        report_figure *f = &data->figures[data->n_figures];
        memset(f, 0, sizeof *f);
        f->kennzahl = dup_column(st, 0);
        f->dimension = dup_column(st, 1);
        f->kategorie = dup_column(st, 2);
        data->n_figures++;
        if (!f->kennzahl || !f->dimension || !f->kategorie) {
            rc = SQLITE_NOMEM;
            break;
        }
        f->gesperrt = sqlite3_column_int(st, 8) != 0;
        f->geheimhaltung = geheimhaltung_of(st, 9);
        if (f->gesperrt) {
            /* the numbers of a withheld figure never leave the database, except the counts
             * that another shown figure prints anyway (not named in gesperrt_teile) */
            const unsigned char *teile = sqlite3_column_text(st, 10);
            if (teile && !strstr((const char *)teile, "zaehler"))
                read_number(st, 3, &f->zaehler, &f->has, FIGURE_ZAEHLER);
            if (teile && !strstr((const char *)teile, "nenner"))
                read_number(st, 4, &f->nenner, &f->has, FIGURE_NENNER);
            continue;
        }
        read_number(st, 3, &f->zaehler, &f->has, FIGURE_ZAEHLER);
        read_number(st, 4, &f->nenner, &f->has, FIGURE_NENNER);
        read_number(st, 5, &f->wert, &f->has, FIGURE_WERT);
        read_number(st, 6, &f->ci_unten, &f->has, FIGURE_CI_UNTEN);
        read_number(st, 7, &f->ci_oben, &f->has, FIGURE_CI_OBEN);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

dbk_error report_data_load(sqlite3 *db, const char *path, const char *from, const char *to,
                           report_data **out)
{
    report_data *data = calloc(1, sizeof *data);
    int rc;
    *out = NULL;
    if (!data) {
        diag_error(path, 0, NULL, _("out of memory"));
        return DBK_ERR_NOMEM;
    }
    rc = load_run(db, data, from ? from : "", to ? to : "");
    if (rc == SQLITE_OK)
        rc = load_status(db, data);
    if (rc == SQLITE_OK && data->period_from[0])
        rc = load_figures(db, data, "periode", data->lauf_id);
    if (rc == SQLITE_OK && data->prev)
        rc = load_figures(db, data->prev, "vorperiode", data->lauf_id);
    if (rc != SQLITE_OK) {
        dbk_error err = fail_db(db, path, rc);
        report_data_free(data);
        return err;
    }
    *out = data;
    return DBK_OK;
}

void report_data_free(report_data *data)
{
    if (!data)
        return;
    for (size_t i = 0; i < data->n_figures; i++) {
        free(data->figures[i].kennzahl);
        free(data->figures[i].dimension);
        free(data->figures[i].kategorie);
    }
    free(data->figures);
    report_data_free(data->prev);
    free(data);
}

static int cmp_key(const report_figure *f, const char *k, const char *d, const char *c)
{
    int r = strcmp(f->kennzahl, k);
    if (r == 0)
        r = strcmp(f->dimension, d);
    if (r == 0 && c)
        r = strcmp(f->kategorie, c);
    return r;
}

/* First index whose key is >= (k, d, c); c NULL compares kennzahl and dimension only. */
static size_t lower_bound(const report_data *data, const char *k, const char *d, const char *c)
{
    size_t lo = 0, hi = data->n_figures;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_key(&data->figures[mid], k, d, c) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const report_figure *report_data_find(const report_data *data, const char *kennzahl,
                                      const char *dimension, const char *kategorie)
{
    if (!data)
        return NULL;
    size_t i = lower_bound(data, kennzahl, dimension, kategorie);
    if (i < data->n_figures && cmp_key(&data->figures[i], kennzahl, dimension, kategorie) == 0)
        return &data->figures[i];
    return NULL;
}

const report_figure *report_data_range(const report_data *data, const char *kennzahl,
                                       const char *dimension, size_t *count)
{
    *count = 0;
    if (!data)
        return NULL;
    size_t i = lower_bound(data, kennzahl, dimension, NULL), j = i;
    while (j < data->n_figures && cmp_key(&data->figures[j], kennzahl, dimension, NULL) == 0)
        j++;
    *count = j - i;
    return j > i ? &data->figures[i] : NULL;
}

int report_data_any_withheld(const report_data *data)
{
    for (size_t i = 0; data && i < data->n_figures; i++)
        if (data->figures[i].gesperrt)
            return 1;
    return 0;
}

long long report_data_status_time(const report_data *data)
{
    struct tm tm;
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (!data || sscanf(data->data_status, "%4d-%2d-%2d%*1[ T]%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 3)
        return 0;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return (long long)timegm(&tm);
}

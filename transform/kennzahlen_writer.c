/*
 * kennzahlen_writer.c - the in-memory kennzahlen table and its writer.
 */
#include "kennzahlen_writer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "database.h"
#include "diag.h"
#include "i18n.h"
#include "kennzahl.h"
#include "stats.h"

kz_value kz_null(void)
{
    kz_value v = {KZ_NULL, 0.0};
    return v;
}

kz_value kz_int(long long i)
{
    kz_value v = {KZ_INT, (double)i};
    return v;
}

kz_value kz_real(double d)
{
    kz_value v = {isnan(d) ? KZ_NULL : KZ_REAL, isnan(d) ? 0.0 : d};
    return v;
}

kz_table *kz_table_new(void)
{
    kz_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    if (!(t->index = strmap_new())) {
        free(t);
        return NULL;
    }
    return t;
}

void kz_table_free(kz_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->rows[i].kennzahl);
        free(t->rows[i].dimension);
        free(t->rows[i].kategorie);
    }
    free(t->rows);
    strmap_free(t->index);
    free(t);
}

/* Writes the index key of a row into buf; returns 0, or -1 if it does not fit. */
static int kz_key(char *buf, size_t cap, const char *k, const char *d, const char *c)
{
    int len = snprintf(buf, cap, "%s\x1f%s\x1f%s", k, d, c);
    return len < 0 || (size_t)len >= cap ? -1 : 0;
}

kz_row *kz_table_add(kz_table *t, const char *kennzahl, const char *dimension,
                     const char *kategorie, kz_value zaehler, kz_value nenner, kz_value wert)
{
    char key[512], num[24];
    kz_row *row;
    int old = 0;

    if (!kennzahl_find(kennzahl)) {
        diag_error(NULL, 0, NULL, _("internal error: figure %s is not in the indicator registry"), kennzahl);
        return NULL;
    }
    if (kz_key(key, sizeof key, kennzahl, dimension, kategorie) != 0)
        return NULL;
    if (strmap_get(t->index, key)) {
        diag_error(NULL, 0, NULL, _("internal error: figure %s/%s/%s computed twice"), kennzahl, dimension,
                   kategorie);
        return NULL;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        kz_row *rows = realloc(t->rows, cap * sizeof *rows);
        if (!rows)
            return NULL;
        t->rows = rows;
        t->cap = cap;
    }
    row = &t->rows[t->n];
    memset(row, 0, sizeof *row);
    row->kennzahl = strdup(kennzahl);
    row->dimension = strdup(dimension);
    row->kategorie = strdup(kategorie);
    snprintf(num, sizeof num, "%zu", t->n);
    if (!row->kennzahl || !row->dimension || !row->kategorie ||
        strmap_set(t->index, key, num, &old) != 0)
        goto fail;
    row->zaehler = zaehler;
    row->nenner = nenner;
    row->wert = wert;
    t->n++;
    return row;
fail:
    free(row->kennzahl);
    free(row->dimension);
    free(row->kategorie);
    return NULL;
}

kz_row *kz_table_add_count(kz_table *t, const char *kennzahl, const char *dimension,
                           const char *kategorie, long long count)
{
    return kz_table_add(t, kennzahl, dimension, kategorie, kz_int(count), kz_null(),
                        kz_int(count));
}

kz_row *kz_table_add_share(kz_table *t, const config *cfg, const char *kennzahl,
                           const char *dimension, const char *kategorie, long x, long n)
{
    stats_interval ci;
    stats_error se;
    kz_row *row = kz_table_add(t, kennzahl, dimension, kategorie, kz_int(x), kz_int(n),
                               n > 0 ? kz_real((double)x / (double)n) : kz_null());
    if (!row || n <= 0)
        return row;
    if (cfg->ci_method == CI_CLOPPER_PEARSON)
        se = stats_clopper_pearson(x, n, cfg->confidence, &ci);
    else
        se = stats_wilson(x, n, cfg->confidence, &ci);
    if (se == STATS_OK) {
        row->ci_unten = kz_real(ci.lower);
        row->ci_oben = kz_real(ci.upper);
    }
    return row;
}

kz_row *kz_table_find(const kz_table *t, const char *kennzahl, const char *dimension,
                      const char *kategorie)
{
    char key[512];
    const char *num;
    if (kz_key(key, sizeof key, kennzahl, dimension, kategorie) != 0)
        return NULL;
    if (!(num = strmap_get(t->index, key)))
        return NULL;
    return &t->rows[strtoul(num, NULL, 10)];
}

static void kz_bind(sqlite3_stmt *st, int col, kz_value v)
{
    if (v.kind == KZ_INT)
        sqlite3_bind_int64(st, col, (sqlite3_int64)v.v);
    else if (v.kind == KZ_REAL && v.v == (double)(sqlite3_int64)v.v && v.v > -9e15 && v.v < 9e15)
        sqlite3_bind_int64(st, col, (sqlite3_int64)v.v); /* counts stay exact integers in SQL */
    else if (v.kind == KZ_REAL)
        sqlite3_bind_double(st, col, v.v);
    else
        sqlite3_bind_null(st, col);
}

dbk_error kz_table_clear(sqlite3 *db, const char *path, const period *p)
{
    sqlite3_stmt *del = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "DELETE FROM kennzahlen WHERE (periode_von = ?1 AND periode_bis = ?2"
                                " AND bezug = 'periode') OR lauf IN (SELECT id FROM laeufe"
                                " WHERE periode_von = ?1 AND periode_bis = ?2)",
                                -1, &del, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(del, 1, p->from, -1, SQLITE_STATIC);
        sqlite3_bind_text(del, 2, p->to, -1, SQLITE_STATIC);
        rc = sqlite3_step(del);
    }
    sqlite3_finalize(del);
    if (rc == SQLITE_DONE)
        return DBK_OK;
    return database_fail(db, path, rc, _("cannot write kennzahlen"));
}

static const char *const geheimhaltung_names[] = {NULL, "primaer", "sekundaer", "zusammengefasst"};

dbk_error kz_table_write(const kz_table *t, sqlite3 *db, const char *path, const period *p,
                         const char *bezug, long long run)
{
    sqlite3_stmt *ins = NULL;
    int rc;

    rc = sqlite3_prepare_v2(db,
                            "INSERT INTO kennzahlen(kennzahl, dimension, kategorie, zaehler, nenner,"
                            " wert, ci_unten, ci_oben, gesperrt, periode_von, periode_bis, lauf,"
                            " bezug, geheimhaltung, gesperrt_teile)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                            -1, &ins, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(ins, 10, p->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 11, p->to, -1, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 12, run);
    sqlite3_bind_text(ins, 13, bezug, -1, SQLITE_STATIC);
    for (size_t i = 0; i < t->n; i++) {
        const kz_row *r = &t->rows[i];
        if (r->intern)
            continue;
        sqlite3_bind_text(ins, 1, r->kennzahl, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, r->dimension, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, r->kategorie, -1, SQLITE_STATIC);
        kz_bind(ins, 4, r->zaehler);
        kz_bind(ins, 5, r->nenner);
        kz_bind(ins, 6, r->wert);
        kz_bind(ins, 7, r->ci_unten);
        kz_bind(ins, 8, r->ci_oben);
        sqlite3_bind_int(ins, 9, r->gesperrt ? 1 : 0);
        if (r->geheimhaltung > KZ_GH_NONE && r->geheimhaltung <= KZ_GH_ZUSAMMENGEFASST)
            sqlite3_bind_text(ins, 14, geheimhaltung_names[r->geheimhaltung], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(ins, 14);
        /* '' : only wert and the interval are withheld; NULL (rows of older runs): all */
        static const char *const teile[] = {"", "zaehler", "nenner", "zaehler,nenner"};
        if (r->gesperrt)
            sqlite3_bind_text(ins, 15, teile[r->gesperrt_teile & 3], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(ins, 15);
        if ((rc = sqlite3_step(ins)) != SQLITE_DONE)
            goto fail;
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    return DBK_OK;
fail:
    diag_error(path, 0, NULL, _("cannot write kennzahlen: %s"), database_errmsg(db));
    sqlite3_finalize(ins);
    return database_error_from(rc);
}

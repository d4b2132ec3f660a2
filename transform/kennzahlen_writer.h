/*
 * kennzahlen_writer.h - the figures of one run, held in memory until disclosure
 * control has marked them, then written to the table `kennzahlen`.
 *
 * See docs/kennzahlen.md for the columns and conventions.
 */
#ifndef DURCHBLICK_TRANSFORM_KENNZAHLEN_WRITER_H
#define DURCHBLICK_TRANSFORM_KENNZAHLEN_WRITER_H

#include <stddef.h>

#include <sqlite3.h>

#include "config.h"
#include "error.h"
#include "period.h"
#include "strmap.h"

/* The separator of two dimensions or categories: U+00D7 MULTIPLICATION SIGN. */
#define KZ_CROSS "\xc3\x97"

typedef enum { KZ_NULL = 0, KZ_INT, KZ_REAL } kz_kind;

/* One numeric cell: NULL, an exact integer, or a real. */
typedef struct kz_value {
    kz_kind kind;
    double v;
} kz_value;

/* Parts of a withheld figure that are withheld too (column gesperrt_teile); wert and the
 * interval always are. A part not named is a count a reader sees elsewhere. */
enum { KZ_TEIL_ZAEHLER = 1, KZ_TEIL_NENNER = 2 };

/* Why a figure is withheld or marked (column geheimhaltung). */
typedef enum {
    KZ_GH_NONE = 0,
    KZ_GH_PRIMAER,        /* a count below min_fallzahl, or built on one */
    KZ_GH_SEKUNDAER,      /* withheld so that another cannot be worked out */
    KZ_GH_ZUSAMMENGEFASST /* a test computed with withheld categories combined */
} kz_geheimhaltung;

typedef struct kz_row {
    char *kennzahl, *dimension, *kategorie; /* owned by the table */
    kz_value zaehler, nenner, wert, ci_unten, ci_oben;
    int gesperrt;
    unsigned gesperrt_teile; /* of a withheld figure, the parts withheld besides wert: KZ_TEIL_* */
    kz_geheimhaltung geheimhaltung;
    int intern; /* computed for disclosure control's relations only: never written */
} kz_row;

typedef struct kz_table {
    kz_row *rows;
    size_t n, cap;
    strmap *index; /* "kennzahl\x1f" "dimension\x1f" "kategorie" -> row number */
} kz_table;

/* The NULL cell, an integer cell and a real cell (a NaN real is NULL). */
kz_value kz_null(void);
kz_value kz_int(long long v);
kz_value kz_real(double v);

/* Returns a new empty table owned by the caller (kz_table_free), NULL on no memory. */
kz_table *kz_table_new(void);

/* Frees the table and its rows; NULL is a no-op. */
void kz_table_free(kz_table *t);

/*
 * Appends a row (the strings are copied). Returns a pointer to the row,
 * owned by the table and valid until the next add, or NULL on no memory, for
 * a kennzahl missing from the indicator registry (common/kennzahl.c), or when
 * the row's kennzahl, dimension and kategorie are already in the table (both
 * programming errors, reported on stderr).
 */
kz_row *kz_table_add(kz_table *t, const char *kennzahl, const char *dimension,
                     const char *kategorie, kz_value zaehler, kz_value nenner, kz_value wert);

/* Appends a count: zaehler = wert = count, nenner NULL. Returns as kz_table_add. */
kz_row *kz_table_add_count(kz_table *t, const char *kennzahl, const char *dimension,
                           const char *kategorie, long long count);

/*
 * Appends a share x of n with its confidence interval by the config's method
 * and level: n = 0 gives wert and interval NULL. Returns as kz_table_add.
 */
kz_row *kz_table_add_share(kz_table *t, const config *cfg, const char *kennzahl,
                           const char *dimension, const char *kategorie, long x, long n);

/* Returns the row of (kennzahl, dimension, kategorie) or NULL. */
kz_row *kz_table_find(const kz_table *t, const char *kennzahl, const char *dimension,
                      const char *kategorie);

/* The `bezug` of the rows of a run: its period, or the previous period it is compared with. */
#define KZ_BEZUG_PERIODE "periode"
#define KZ_BEZUG_VORPERIODE "vorperiode"

/*
 * Deletes the figures an earlier run for period p wrote: the rows of p itself
 * (bezug periode) and every row of a run whose period was p (its comparison
 * figures). Figures of other runs and periods stay. Returns DBK_OK, or an
 * error after printing a message naming path.
 */
dbk_error kz_table_clear(sqlite3 *db, const char *path, const period *p);

/*
 * Inserts the table's rows (except intern ones) with period p, bezug and
 * lauf = run. Does not open a transaction (the caller's run is one). Returns
 * DBK_OK, or an error after printing a message naming path.
 */
dbk_error kz_table_write(const kz_table *t, sqlite3 *db, const char *path, const period *p,
                         const char *bezug, long long run);

#endif

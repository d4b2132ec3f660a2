/*
 * data.h - what a report may read: the `kennzahlen` rows of one period, the
 * transform run that wrote them (`laeufe`) and the data status (`lieferungen`).
 * Never the raw rows.
 *
 * A withheld figure (gesperrt = 1) is loaded with its flag and only those
 * counts that another shown figure prints anyway (not named in
 * gesperrt_teile); its other numbers are dropped on reading, so no renderer
 * can print, chart or hide them.
 */
#ifndef DURCHBLICK_REPORT_DATA_H
#define DURCHBLICK_REPORT_DATA_H

#include <stddef.h>
#include <sqlite3.h>

#include "error.h"

/* Bits of report_figure.has: which numbers are present (not NULL, not withheld). */
enum {
    FIGURE_ZAEHLER = 1u << 0,
    FIGURE_NENNER = 1u << 1,
    FIGURE_WERT = 1u << 2,
    FIGURE_CI_UNTEN = 1u << 3,
    FIGURE_CI_OBEN = 1u << 4,
    FIGURE_CI = FIGURE_CI_UNTEN | FIGURE_CI_OBEN /* both bounds */
};

/* Why a figure is withheld or marked (kennzahlen.geheimhaltung). */
typedef enum {
    FIGURE_GH_NONE = 0,
    FIGURE_GH_PRIMAER,        /* a count below min_fallzahl, or built on one */
    FIGURE_GH_SEKUNDAER,      /* withheld so that another cannot be worked out */
    FIGURE_GH_ZUSAMMENGEFASST /* a test computed with the withheld categories together */
} figure_geheimhaltung;

typedef struct report_figure {
    char *kennzahl;
    char *dimension;
    char *kategorie;
    double zaehler, nenner, wert, ci_unten, ci_oben; /* 0 unless the bit in has is set */
    unsigned has;
    int gesperrt;
    figure_geheimhaltung geheimhaltung;
} report_figure;

typedef struct report_data report_data;
struct report_data {
    char period_from[11], period_to[11]; /* the period reported ("" if none at all) */
    report_figure *figures;              /* sorted by kennzahl, dimension, kategorie */
    size_t n_figures;

    long lauf_id;                        /* 0: no transform run for the period */
    char lauf_zeitpunkt[32];
    char config_sha256[65];

    long n_batches, n_files;             /* data status over the run's batches */
    long rows_read, rows_loaded, rows_rejected;
    char data_status[32];                /* latest lieferungen.zeitpunkt, "" if none */
    char data_date[11];                  /* the newest date the data describe (laeufe.datenstand), "" if unknown */

    /* The previous period the run compares with: its figures as a data set of
     * their own (period_from/to and figures only), NULL when the run has none. */
    report_data *prev;
};

/*
 * Loads the figures for the period [from, to] (ISO dates; both "" means the
 * latest transform run's period) from the newest run that wrote that period.
 * On success *out is owned by the caller (free with report_data_free); a
 * period without figures is not an error (n_figures = 0). On a database error
 * prints "prog: path: message" and returns the error; *out is NULL.
 */
dbk_error report_data_load(sqlite3 *db, const char *path, const char *from, const char *to,
                           report_data **out);

/* Frees data and everything in it; NULL is a no-op. */
void report_data_free(report_data *data);

/* Returns the figure (owned by data) or NULL when there is none. */
const report_figure *report_data_find(const report_data *data, const char *kennzahl,
                                      const char *dimension, const char *kategorie);

/*
 * Returns the first of the *count figures of kennzahl in dimension (contiguous,
 * owned by data, in kategorie byte order), or NULL with *count = 0.
 */
const report_figure *report_data_range(const report_data *data, const char *kennzahl,
                                       const char *dimension, size_t *count);

/* Returns 1 if any figure in data is withheld. */
int report_data_any_withheld(const report_data *data);

/*
 * Converts the data status (ISO 8601 "YYYY-MM-DD[ T]HH:MM:SS", optional zone
 * ignored) to seconds since the epoch as UTC; 0 when absent or unreadable.
 */
long long report_data_status_time(const report_data *data);

#endif

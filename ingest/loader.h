/*
 * loader.h - one file into the database as one batch (lieferung), in one transaction.
 */
#ifndef DURCHBLICK_LOADER_H
#define DURCHBLICK_LOADER_H

#include <sqlite3.h>
#include <stdio.h>

#include "config.h"
#include "country.h"

typedef struct loader_options {
    dataset_kind kind;
    int strict;          /* any rejected row: load nothing */
    int progress;        /* print a progress line (on a terminal) */
    FILE *rejects;       /* --rejects: rejected rows as CSV (after its header line), or NULL */
} loader_options;

typedef struct loader_summary {
    long rows;           /* records after the header, blank lines excluded */
    long loaded;
    long rejected;
    long blank;          /* entirely empty lines skipped */
    long totals;         /* totals rows ("Summe", "Gesamt") skipped */
    long outside_target; /* teilnahmen loaded outside the target ages */
    long lieferung;      /* batch id, or the earlier batch for a duplicate file */
    int duplicate;       /* the same file was loaded before under the same mapping: nothing changed */
    long superseded;     /* rejected rows of earlier batches of this file that this one replaces */
} loader_summary;

/*
 * Loads the CSV file path into db (opened by database_open) as dataset
 * opt->kind. Everything happens in one transaction: on any error, and with
 * --strict on any rejected row, the database is left as it was. Prints a
 * summary (counts per reason, first lines) to stderr. Returns DBK_OK (also
 * when rows were rejected), or the error that refused the file.
 */
dbk_error loader_load_file(sqlite3 *db, const char *db_path, const config *cfg,
                           const country_table *countries, const char *path,
                           const loader_options *opt, loader_summary *sum);

#endif

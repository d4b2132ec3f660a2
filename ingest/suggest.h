/*
 * suggest.h - durchblick-ingest --suggest: reads exports, loads nothing, and
 * writes the config plus a proposed line for each unmapped header and each
 * unrecognised value, each with a comment saying why.
 */
#ifndef DURCHBLICK_SUGGEST_H
#define DURCHBLICK_SUGGEST_H

#include <stdio.h>

#include "config.h"
#include "country.h"

typedef struct suggest_options {
    const char *config_path;  /* F: its text is copied into the new config */
    const char *out_path;     /* NEW.ini */
    int dataset_forced;       /* --dataset given */
    dataset_kind kind;        /* that dataset */
    FILE *table;              /* a terminal: a short table per file is printed there; or NULL */
} suggest_options;

/*
 * Reads the files paths[0..n) with cfg (loaded from opt->config_path) and
 * writes opt->out_path: the config's text with proposed lines in the right
 * sections ([columns.DATASET], [values.FIELD], [input] date_order), each after
 * a comment naming the header, the number of rows and examples; what cannot be
 * decided as commented TODO lines. Never proposes a tool's metadata column or a
 * column naming an identifier. The new config is read back before it is kept.
 * Returns DBK_OK, DBK_ERR_IO (a file or NEW.ini could not be read or written),
 * DBK_ERR_NOMEM; messages name the file.
 */
dbk_error suggest_run(const config *cfg, const country_table *countries, const suggest_options *opt,
                      char *const *paths, size_t n);

/* Levenshtein distance of two keys (ASCII), capped at cap + 1; for tests. */
size_t suggest_distance(const char *a, const char *b, size_t cap);

#endif

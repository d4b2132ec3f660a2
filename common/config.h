/*
 * config.h - the region's INI file (libinih): region, period, input mapping,
 * outcome definitions, statistics, disclosure, funding and report settings.
 *
 * See docs/config.md for every section and key. Unknown sections or keys are
 * an error that names the line.
 */
#ifndef DURCHBLICK_CONFIG_H
#define DURCHBLICK_CONFIG_H

#include <stddef.h>

#include "codebook.h"
#include "error.h"
#include "strmap.h"

typedef enum { ENCODING_AUTO = 0, ENCODING_UTF8, ENCODING_CP1252 } config_encoding;
typedef enum { CI_WILSON = 0, CI_CLOPPER_PEARSON } config_ci_method;
/* What the region's units are called in reports ([region] einheit). */
typedef enum { REGION_UNIT_KOMMUNE = 0, REGION_UNIT_STADTBEZIRK } config_region_unit;

typedef struct config {
    char *path;                    /* as given */
    char sha256[65];               /* of the file's bytes, hex */

    char *region_name;             /* "Kreis Herford" */
    char *region_slug;             /* "kreis-herford": used in report file names */
    char **kommunen;               /* canonical spellings, config order */
    size_t n_kommunen;
    strmap *kommune_keys;          /* textfold key -> canonical spelling (incl. [values.kommune]) */
    config_region_unit region_unit; /* the units of `kommunen`: Kommunen, or a city's Stadtbezirke */

    char period_from[11];          /* YYYY-MM-DD or "" */
    char period_to[11];

    config_encoding encoding;
    char delimiter;                /* 0 = detect */
    char *file_pattern[DATASET_COUNT]; /* fnmatch pattern binding a file name to a dataset, or NULL */

    strmap *columns[DATASET_COUNT]; /* header key -> "field" or "field.member" */
    /* [values.FIELD]: one map per field, key -> canonical code (looked up per value). */
    struct config_value_map {
        char *field;
        strmap *map;
    } value_maps[32];
    size_t n_value_maps;

    unsigned placement_mask;       /* bit i: codebook_verbleib[i] counts as a placement */
    int age_min, age_max;          /* target ages, inclusive */

    config_ci_method ci_method;
    double confidence;             /* 0.95 */
    int min_fallzahl;              /* disclosure threshold */
    int merge_below;               /* categories with fewer participations are shown together (0: never) */
    int merge_kommunen;            /* ... also municipalities ("übrige Kommunen") */
    double funding_rate;           /* state's share, 0.80 */

    char *report_title;            /* NULL: the report's default */
    char *report_language;         /* "de" or "en" */
    char *report_office;           /* signing office for the Verwendungsnachweis, or NULL */
    char *baustein_names[CODEBOOK_BAUSTEINE + 1]; /* [1..6], NULL = codebook name */
} config;

/*
 * Reads and checks the INI file at path. On success returns DBK_OK and *out
 * owns a config (free with config_free). On error prints
 * "prog: path:line: message" for the first problem found and returns
 * DBK_ERR_CONFIG (also when the file cannot be read: exit status 2, as for
 * any config error); *out is NULL.
 */
dbk_error config_load(const char *path, config **out);

/* Returns a config with every default and no region, for tests; NULL on no memory. */
config *config_new_default(void);

/* Frees a config; NULL is a no-op. */
void config_free(config *cfg);

/*
 * Looks up the code the config maps a value key (textfold_key of the raw
 * value) of field to; returns the code (owned by cfg) or NULL.
 */
const char *config_value_lookup(const config *cfg, const char *field, const char *key);

/* Returns the canonical municipality for the key (textfold_key of the raw value) or NULL. */
const char *config_kommune_lookup(const config *cfg, const char *key);

/* Returns 1 if verbleib code counts as a placement under cfg. */
int config_is_placement(const config *cfg, const char *verbleib);

/* Returns the display name of Baustein nr (1..6): the config's, else the codebook's. */
const char *config_baustein_name(const config *cfg, int nr);

/*
 * Picks the dataset a file belongs to by the config's file name patterns
 * (matched against the base name). Returns 0 and sets *kind, or -1 if none matches.
 */
int config_dataset_for_file(const config *cfg, const char *path, dataset_kind *kind);

#endif

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
/* How a date written with slashes reads: 12/03/2022 is 12 March (DMY) or 3 December (MDY). */
typedef enum { DATE_ORDER_AUTO = 0, DATE_ORDER_DMY, DATE_ORDER_MDY, DATE_ORDER_YMD } config_date_order;

/* The target of a mapping line that means "nothing": ignore the column, or no answer. */
#define CONFIG_NOTHING "-"

typedef enum { RULE_COLUMN = 0, RULE_VALUE } config_rule_kind;

/*
 * One line of a [columns.DATASET] or [values.FIELD] section, as written. The
 * effective maps of a file (config_for_file) are built from the rules whose
 * section applies to it: every unbound section, and the sections bound to a
 * file name pattern ("[values.aufenthaltsstatus @ awo-*.csv]") it matches.
 */
typedef struct config_rule {
    config_rule_kind kind;
    dataset_kind dataset;   /* RULE_COLUMN: the section's dataset */
    char *field;            /* RULE_VALUE: the section's field ("kommune", "auswahl", ...) */
    char *source;           /* the section's file name pattern, or NULL (every file) */
    char *raw;              /* the header or value as written */
    char *key;              /* its textfold key; for a pattern the key of each literal part, with * and ? */
    int position;           /* "Spalte 7" / "column 7": 7 (the header there may say anything); else 0 */
    int pattern;            /* the header holds a *: matched as a shell pattern (* and ?) on keys */
    char *target;           /* field, field.member, code, 1/0, or CONFIG_NOTHING */
    int line;               /* line in the config file */
} config_rule;

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
    config_date_order date_order;  /* [input] date_order: how 03/12/2022 reads; AUTO: it is refused */
    char *file_pattern[DATASET_COUNT]; /* fnmatch pattern binding a file name to a dataset, or NULL */
    char *sheet_all;               /* [input] sheet: the workbook sheet to read, or NULL (the first) */
    char *sheet[DATASET_COUNT];    /* [input] sheet.DATASET: for one dataset, before sheet_all */

    strmap *columns[DATASET_COUNT]; /* header key -> "field" or "field.member" */
    /* [values.FIELD]: one map per field, key -> canonical code (looked up per value). */
    struct config_value_map {
        char *field;
        strmap *map;
        int has_nothing;           /* some value maps onto CONFIG_NOTHING */
    } value_maps[32];
    size_t n_value_maps;

    config_rule *rules;            /* every mapping line, file order */
    size_t n_rules;
    const char *source;            /* a view (config_for_file): the file's base name; else NULL */
    int is_view;                   /* shares everything but the maps with its config */

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

/*
 * The config as it applies to the file at path: its maps hold the lines of the
 * unbound mapping sections and of the sections bound to a pattern that the
 * file's base name matches. A value or header that these lines map two ways is
 * an error naming both lines ("prog: config:line: ..."), DBK_ERR_CONFIG. On
 * success *out is a view owned by the caller (config_free), valid while cfg lives.
 */
dbk_error config_for_file(const config *cfg, const char *path, config **out);

/* 1 if rule's section applies to the config (a view: to its file). */
int config_rule_applies(const config *cfg, const config_rule *rule);

/*
 * The SHA-256 (hex) of everything in cfg that decides how a file of dataset
 * kind is read: the applying mapping lines (in a canonical order, so moving a
 * line changes nothing), municipalities, date order, target ages, encoding and
 * delimiter, and the version of the built-in readings. A batch is a file's
 * SHA-256 together with this.
 */
void config_mapping_sha256(const config *cfg, dataset_kind kind, char hex[65]);

/* Version of the built-in readings of exports; bumped whenever ingest reads a value differently. */
#define CONFIG_READINGS_VERSION "readings-2"

/* Returns 1 if verbleib code counts as a placement under cfg. */
int config_is_placement(const config *cfg, const char *verbleib);

/* Returns the display name of Baustein nr (1..6): the config's, else the codebook's. */
const char *config_baustein_name(const config *cfg, int nr);

/* The workbook sheet to read for dataset kind (sheet.DATASET, else sheet), or NULL for the first. */
const char *config_sheet_for(const config *cfg, dataset_kind kind);

/*
 * Picks the dataset a file belongs to by the config's file name patterns
 * (matched against the base name). Returns 0 and sets *kind, or -1 if none matches.
 */
int config_dataset_for_file(const config *cfg, const char *path, dataset_kind *kind);

#endif

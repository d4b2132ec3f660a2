/*
 * header.h - from an export's header line to the codebook's fields.
 */
#ifndef DURCHBLICK_HEADER_H
#define DURCHBLICK_HEADER_H

#include <stddef.h>

#include "config.h"
#include "csvreader.h"

#define HEADER_MAX_FIELDS 24

/* A survey tool's 0/1 column for one member of a set field. */
typedef struct header_member {
    size_t column;
    int field;   /* index in the dataset's fields */
    int member;  /* index in that field's codes */
} header_member;

/* What became of a column of the header (for messages and --suggest). */
typedef enum {
    COLUMN_UNKNOWN = 0, /* not in the codebook or the config: ignored with a warning */
    COLUMN_EMPTY,       /* no header text (Excel's trailing columns) */
    COLUMN_FIELD,       /* a codebook field */
    COLUMN_MEMBER,      /* a yes/no column of one member of a set field */
    COLUMN_IGNORED,     /* the config says "-" */
    COLUMN_METADATA,    /* a survey tool's own column (response number, timestamps, ...) */
    COLUMN_IDENTIFIER,  /* names a direct identifier (header_map_analyse only: the load refuses the file) */
    COLUMN_DUPLICATE    /* a second column onto a field already taken (header_map_analyse only) */
} column_status;

typedef struct header_column {
    column_status status;
    int field;          /* COLUMN_FIELD, COLUMN_MEMBER: index in the dataset's fields */
    int member;         /* COLUMN_MEMBER: index in the field's codes */
    int by_config;      /* 1 when a config line decided (line > 0 then) */
    int line;           /* that config line, or 0 */
    const char *tool;   /* COLUMN_METADATA: "LimeSurvey", "KoboToolbox", "ODK Central", "Google Forms" */
} header_column;

typedef struct header_map {
    dataset_kind kind;
    long field_column[HEADER_MAX_FIELDS]; /* column of each codebook field, -1 if absent */
    header_member *members;
    size_t n_members;
    size_t n_columns;
    char **headers;                       /* the header line as read, to spot a repeat */
    header_column *columns;               /* what became of each column */
    const char *tool;                     /* the survey tool the header line is from, or NULL */
} header_map;

/*
 * The survey tool whose export the header line hdr is ("LimeSurvey",
 * "KoboToolbox", "ODK Central", "Google Forms"), by its metadata columns, or NULL.
 */
const char *header_tool(const csv_record *hdr);

/*
 * If the header text s[0..len) is a metadata column of tool (NULL: only the
 * spellings no question has, e.g. Kobo's "_uuid"), returns the tool's name, else NULL.
 */
const char *header_metadata(const char *tool, const char *s, size_t len);

/*
 * Returns the name of the identifier category (e.g. "Name", "Geburtsdatum") if
 * the header text s[0..len) names a direct identifier, else NULL.
 */
const char *header_identifier(const char *s, size_t len);

/*
 * Maps the header record hdr of file path onto the fields of dataset kind.
 * cfg is the config as it applies to the file (config_for_file). A header
 * maps by, in this order: a config line "Spalte N"; a tool's metadata column
 * (never a field); a config line for the header, then a pattern line; the
 * codebook's name or German or English label of a field; a set member column
 * ("Bedarfe [Sprache]", "bedarfe/sprache"); each again for the header's
 * trailing group path segments ("person/fall_id", "person-fall_id").
 * Warns of ignored columns (the first ten by name, then their number). On
 * success *out is owned by the caller (header_map_free). Errors, printed with
 * file, line and column: DBK_ERR_IDENTIFYING (a column names a direct identifier), DBK_ERR_MISSING_COLUMN,
 * DBK_ERR_NOT_CSV (two columns map onto one field), DBK_ERR_NOMEM.
 */
dbk_error header_map_build(const config *cfg, dataset_kind kind, const csv_record *hdr,
                           const char *path, header_map **out);

/*
 * As header_map_build, for --suggest: never fails for what the mapping lacks
 * and prints nothing. A column naming an identifier is COLUMN_IDENTIFIER, a
 * second column onto a taken field COLUMN_DUPLICATE, a missing required column
 * is left to the caller. Returns DBK_OK or DBK_ERR_NOMEM.
 */
dbk_error header_map_analyse(const config *cfg, dataset_kind kind, const csv_record *hdr, header_map **out);

/* Returns 1 if rec repeats the header line (an export concatenated from several). */
int header_map_is_repeat(const header_map *map, const csv_record *rec);

/* Frees a map; NULL is a no-op. */
void header_map_free(header_map *map);

#endif

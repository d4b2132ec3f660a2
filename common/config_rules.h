/*
 * config_rules.h - the mapping sections of the config ([columns.DATASET],
 * [values.FIELD], each optionally bound to a file name pattern), kept as rules
 * with their lines, applied to the maps a file is read with.
 *
 * Internal to common/: config.c hands every line of a mapping section here.
 */
#ifndef DURCHBLICK_CONFIG_RULES_H
#define DURCHBLICK_CONFIG_RULES_H

#include "config.h"

/*
 * Reads one line of a mapping section (section as inih gives it, e.g.
 * "values.aufenthaltsstatus @ awo-*.csv"; name and value as inih splits them)
 * at config line `line` into a rule of cfg, and applies an unbound rule to
 * cfg's maps. Returns 0, or -1 with a message in msg (a line that is wrong, or
 * a header or value the config now maps two ways, naming both lines).
 */
int config_rule_parse(config *cfg, const char *section, const char *name, const char *value,
                      int line, char *msg, size_t cap);

/*
 * Splits a mapping section name as inih gives it ("values.aufenthaltsstatus @
 * awo-*.csv") into base (the name before '@', blanks trimmed, at most cap - 1
 * bytes) and returns the file name pattern after '@' (a pointer into section,
 * "" if none is written), or NULL for a section bound to no file.
 */
const char *config_section_split(const char *section, char *base, size_t cap);

/* 1 if [values.FIELD] may name field (a codebook field, or auswahl), else 0. */
int config_value_field_known(const char *field);

/* Parses an [input] date_order value (dmy, mdy, ymd); 0 or -1. */
int config_date_order_parse(const char *value, config_date_order *out);

/* Frees the rules of a config (not a view). */
void config_rules_free(config *cfg);

/* Frees a view made by config_for_file. */
void config_view_free(config *view);

#endif

/*
 * country.h - ISO 3166-1 names and codes from Debian's iso-codes, in English and German.
 */
#ifndef DURCHBLICK_COUNTRY_H
#define DURCHBLICK_COUNTRY_H

#include "error.h"

typedef struct country_table country_table;

/*
 * Loads the iso-codes JSON (/usr/share/iso-codes/json/iso_3166-1.json) and its
 * German translation (/usr/share/locale/de/LC_MESSAGES/iso_3166-1.mo); the
 * directory prefix may be overridden by DURCHBLICK_ISO_CODES_DIR for tests.
 * Returns a table owned by the caller (free with country_table_free), or NULL
 * after printing why (iso-codes not installed).
 */
country_table *country_table_load(void);

/* Frees the table; NULL is a no-op. */
void country_table_free(country_table *t);

/*
 * Returns the alpha-3 code (owned by the table) for a textfold key of a
 * country's alpha-2 or alpha-3 code, its English or German name (also the
 * part before a comma, "Syrien" of "Syrien, Arabische Republik"), or NULL.
 */
const char *country_lookup(const country_table *t, const char *key);

#endif

/*
 * normalize.h - one normaliser per kind of value: the export's text in, the
 * codebook's canonical value out (data.md: "What exports look like in the wild").
 *
 * Every normaliser takes the trimmed raw text s[0..len) and returns NORM_OK
 * with the canonical value, NORM_EMPTY for an empty value, or NORM_INVALID
 * with *reason set to a static German sentence for the analyst (the `grund`
 * of a rejected row).
 */
#ifndef DURCHBLICK_NORMALIZE_H
#define DURCHBLICK_NORMALIZE_H

#include <stddef.h>

#include "config.h"
#include "country.h"

typedef enum { NORM_INVALID = -1, NORM_OK = 0, NORM_EMPTY = 1 } norm_result;

/*
 * Dates: 2022-12-31, 31.12.2022, 31.12.22, 1.2.2022; a time after it is ignored.
 * A two-digit year is read into the past: 20yy unless that lies after
 * this_year, else 19yy (in 2026: 26 is 2026, 27 is 1927). Years 1900..2100.
 * Writes YYYY-MM-DD.
 */
norm_result normalize_date_in(const char *s, size_t len, int this_year, char out[11], const char **reason);

/* normalize_date_in with this_year the current year of the local clock. */
norm_result normalize_date(const char *s, size_t len, char out[11], const char **reason);

/*
 * As normalize_date_in, and dates written with slashes: 2026/06/14 (year first,
 * Google Forms) always; 03/12/2022 and 3/12/22 as order says (DMY or MDY; with
 * DATE_ORDER_AUTO such a date is refused, naming the setting). The time after
 * a date may carry seconds' fractions, AM/PM and a zone: "Z", "+01:00",
 * "GMT+1" (Kobo, ODK Central, Google Forms); the date is taken as written.
 */
norm_result normalize_date_ordered(const char *s, size_t len, config_date_order order, int this_year,
                                   char out[11], const char **reason);

/*
 * 1 if s[0..len) says "no answer" the way survey tools write it: LimeSurvey's
 * "N/A" for a question a condition hid, and its German "k.A.".
 */
int normalize_is_no_answer(const char *s, size_t len);

/*
 * A cell of a per-option column of member `member` of a set field: 1 chosen, 0
 * not chosen (NORM_OK), NORM_EMPTY for no answer. Reads [values.auswahl] first,
 * then yes/no words (ja/nein, 1/0, Y/empty, WAHR/FALSCH, TRUE/FALSE, and 2 for
 * no as LimeSurvey's "convert N to 2" writes it), LimeSurvey's N/A, and the
 * member's own code or label (a column that holds the option when chosen).
 */
norm_result normalize_member(const config *cfg, const char *field, const char *const *codes, int member,
                             const char *s, size_t len, int *chosen, const char **reason);

/* A four-digit year 1900..max_year. */
norm_result normalize_year(const char *s, size_t len, int max_year, int *year, const char **reason);

/* ja/nein, j/n, 1/0, x/empty, true/false, yes/no, wahr/falsch. Empty is NORM_EMPTY. */
norm_result normalize_bool(const char *s, size_t len, int *value, const char **reason);

/*
 * Euros >= 0: 1.234,56 | 1234,56 € | 1234.56 | 1,234.56 | EUR; at most two
 * decimals; thousands separators only in groups of three (1.23.456,00 is no
 * amount); at most NORMALIZE_MONEY_MAX_EUROS. Writes cents.
 */
#define NORMALIZE_MONEY_MAX_EUROS 999999999999LL
norm_result normalize_money(const char *s, size_t len, long long *cents, const char **reason);

/* A whole number >= 0, German thousands dots allowed (1.200). */
norm_result normalize_count(const char *s, size_t len, long long *value, const char **reason);

/* Baustein 1..6: "3", "Baustein 3", "III", or a word the config maps ([values.baustein]). */
norm_result normalize_baustein(const config *cfg, const char *s, size_t len, int *nr, const char **reason);

/* CEFR level ohne, A1..C2 ("B1.2" -> B1, "keine" -> ohne, config words first). */
norm_result normalize_cefr(const config *cfg, const char *field, const char *s, size_t len,
                           const char **code, const char **reason);

/*
 * A code of codes[] for field: the config's [values.field] map first (then
 * [values.fallback_field] if fallback_field is not NULL), then the codes themselves.
 */
norm_result normalize_code(const config *cfg, const char *field, const char *fallback_field,
                           const char *const *codes, const char *s, size_t len, const char **code,
                           const char **reason);

/*
 * A set in one field ("Sprache; Arbeit", "sprache|arbeit", "Gestattung/Duldung",
 * Kobo's and ODK's "arbeit ausbildung sprache"): members separated by ; , | /
 * or line breaks, or by spaces when the words are members; "alle" means every
 * member, "alle außer Duldung" (or "all except") every member but those named.
 * A whole value the config maps is taken first. Writes the codes sorted and
 * joined by '|' into out (capacity cap).
 */
norm_result normalize_set(const config *cfg, const char *field, const char *fallback_field,
                          const char *const *codes, const char *s, size_t len, char *out, size_t cap,
                          const char **reason);

/* Joins the members whose bit is set in mask (bit i = codes[i]) sorted by code into out. */
void normalize_set_join(const char *const *codes, unsigned mask, char *out, size_t cap);

/* A country: ISO alpha-3/alpha-2, English or German name (iso-codes), config words first. Writes alpha-3. */
norm_result normalize_country(const config *cfg, const country_table *countries, const char *s,
                              size_t len, char out[4], const char **reason);

/* One of the config's municipalities (ignoring case, ae = ä ...). *name is owned by cfg. */
norm_result normalize_kommune(const config *cfg, const char *s, size_t len, const char **name,
                              const char **reason);

/* A pseudonym: 1-40 characters of A-Za-z0-9._- */
norm_result normalize_pseudonym(const char *s, size_t len, const char **reason);

#endif

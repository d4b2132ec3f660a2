/*
 * period.h - the reporting period and the calendar arithmetic on ISO dates.
 *
 * Dates are kept as day numbers (days since 1970-01-01, proleptic Gregorian)
 * so that durations and comparisons are integer operations.
 */
#ifndef DURCHBLICK_TRANSFORM_PERIOD_H
#define DURCHBLICK_TRANSFORM_PERIOD_H

#include <sqlite3.h>

#include "config.h"
#include "error.h"

/* A day that no valid date has: "no date". */
#define PERIOD_NO_DAY (-2147483647L - 1)

typedef struct period {
    char from[11], to[11]; /* ISO 8601, inclusive */
    long from_day, to_day; /* the same as day numbers */
} period;

/*
 * Parses exactly "YYYY-MM-DD" (a real calendar date, year 1000..9999) into a
 * day number. Returns 0 and sets *day, or -1 (and leaves *day) if s is not one.
 */
int period_parse_date(const char *s, long *day);

/* Writes the ISO date of day number day into out (11 bytes, NUL-terminated). */
void period_format_date(long day, char out[11]);

/*
 * The period of the same length just before p, which reports compare p
 * with: as many whole months before when p is whole months (2021 for 2022,
 * Q4 for Q1), else as many days.
 */
void period_previous(const period *p, period *out);

/* Returns the calendar year of day number day. */
int period_year_of(long day);

/* Returns the quarter index (year * 4 + quarter - 1) of day number day. */
long period_quarter_of(long day);

/* Returns the day number of the last day of quarter index q. */
long period_quarter_end(long q);

/* Writes the code of quarter index q ("2022-Q1") into out (8 bytes). */
void period_quarter_code(long q, char out[8]);

/*
 * Decides the reporting period: each bound is the option's (from, to: ISO
 * dates or NULL), else the config's [period], else the data's (first
 * eintritt, last eintritt/austritt/verbleib_datum of teilnahmen; the years
 * of mittel where teilnahmen is empty). Fills *out and returns DBK_OK. On
 * error prints a message naming path and returns DBK_ERR_USAGE (a bound is
 * not a date, or from is after to) or DBK_ERR_DB (no data to take a bound
 * from, or a query failed); *out is then undefined.
 */
dbk_error period_resolve(sqlite3 *db, const char *path, const config *cfg, const char *from,
                         const char *to, period *out);

#endif

/*
 * reject_summary.h - what ingest says about the rejected rows of a file: the
 * reasons with their lines and values, and, when many or all rows were
 * rejected, a warning with the likely cause (delimiter, region, encoding,
 * values the config does not map).
 */
#ifndef DURCHBLICK_REJECT_SUMMARY_H
#define DURCHBLICK_REJECT_SUMMARY_H

#include <sqlite3.h>

#include "config.h"

/* A file with more than this share of its rows rejected gets a warning (percent). */
#define REJECT_WARN_PERCENT 10

/* The reason stored for a row split by another delimiter than the header line. */
#define REJECT_REASON_MIXED_DELIMITER \
    "Zeile mit anderem Trennzeichen als die Kopfzeile (Datei mit gemischten Trennzeichen?)"

/*
 * Prints (diag_info) the reasons of batch lieferung from table abweisungen,
 * most frequent first: count, field, reason, the first lines and the first
 * distinct values. At most ten reasons; the rest are counted.
 */
void reject_summary_print(sqlite3 *db, long lieferung);

/*
 * Prints the likely cause of the rejections of batch lieferung as
 * "prog:   likely cause: ..." (to stderr, also in quiet mode), from the share
 * of each kind of reason; cfg names the region and the config.
 */
void reject_summary_cause(sqlite3 *db, long lieferung, const config *cfg);

/*
 * When every row of a file was rejected (rows > 0), prints that the file is
 * refused; when more than REJECT_WARN_PERCENT were, a warning; either with the
 * most frequent reason and its values and the likely cause. Printed to stderr
 * also in quiet mode. Returns 1 if it printed.
 */
int reject_summary_alarm(sqlite3 *db, long lieferung, const config *cfg, const char *path, long rows,
                         long rejected);

#endif

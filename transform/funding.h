/*
 * funding.h - the figures of the Verwendungsnachweis: money per jahr and
 * Baustein from table mittel, joined with that year's participations.
 */
#ifndef DURCHBLICK_TRANSFORM_FUNDING_H
#define DURCHBLICK_TRANSFORM_FUNDING_H

#include <sqlite3.h>

#include "config.h"
#include "error.h"
#include "cohort.h"
#include "kennzahlen_writer.h"
#include "period.h"

/*
 * For every year of mittel that the period p touches adds, by jahr x
 * baustein and by jahr: mittel_bewilligt, mittel_verausgabt, landesanteil,
 * eigenanteil, ausschoepfung (where mittel has the cell), and teilnahmen,
 * austritte, vermittlungen, kosten_je_teilnahme, kosten_je_vermittlung
 * (docs/kennzahlen.md). Who counts is the cohort's definition, the same as
 * the Sitzungsbericht's: for a year that is the period itself the cohort c
 * of the period is used, for another year the year's own cohort is read.
 * Without mittel for those years adds nothing. Returns DBK_OK; on error
 * prints a message naming path and returns it.
 */
dbk_error funding_compute(sqlite3 *db, const char *path, const config *cfg, const period *p,
                          const cohort *c, kz_table *t);

#endif
